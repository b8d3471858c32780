"""Hostile or careless content: whatever an editor's account can commit is
either refused with a French message naming the file (fixtures/hostile/<case>:
its content/ and, in attendu.txt, exactly the messages expected), or accepted
and neutralised in every output: pages, JSON-LD, feeds, calendars, site map,
.htaccess and search index (fixtures/hostile_accepted)."""

import gzip
import json
import os
import subprocess
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest
from conftest import (
    FIXTURES,
    TEST_SITEURL,
    BuiltSite,
    assert_refused_exactly,
    build_fixture,
    run_build,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bimoc.build import build
from bimoc.serve import free_port, start_server
from plugins.content_checks.metadata import INVISIBLE, NOT_IN_BODY

HOSTILE = sorted(path for path in (FIXTURES / "hostile").iterdir() if path.is_dir())
# The theme adds webcal: (subscribing to the agenda); texts may only use the others.
SCHEMES = {"", "http", "https", "mailto", "tel", "webcal"}
# What the site's .htaccess is made of: anything else would be injected configuration.
HTACCESS_DIRECTIVES = {
    *("AddDefaultCharset", "AddCharset", "AddType", "ForceType", "ErrorDocument"),
    *("DirectoryIndex", "DirectorySlash", "FileETag", "Header", "AddOutputFilterByType"),
    "RewriteEngine",
    *("RewriteCond", "RewriteRule", "<IfModule", "</IfModule>", "<FilesMatch", "</FilesMatch>"),
}


def test_there_are_at_least_forty_hostile_cases():
    assert len(HOSTILE) >= 40


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory) -> dict[str, tuple[Path, subprocess.CompletedProcess]]:
    """Every hostile case built at once, one process per core (each takes a second)."""
    folder = tmp_path_factory.mktemp("hostile-builds")

    def attempt(scenario: Path) -> tuple[Path, subprocess.CompletedProcess]:
        output = folder / scenario.name / "output"
        return output, run_build(output, "--content", str(scenario / "content"))

    with ThreadPoolExecutor(os.cpu_count()) as pool:
        return dict(zip((s.name for s in HOSTILE), pool.map(attempt, HOSTILE), strict=True))


@pytest.mark.parametrize("scenario", HOSTILE, ids=lambda path: path.name)
def test_hostile_content_is_refused_in_french_and_nothing_is_published(scenario, hostile_builds):
    expected = (scenario / "attendu.txt").read_text(encoding="utf-8").splitlines()
    output, result = hostile_builds[scenario.name]
    stderr = assert_refused_exactly(scenario / "content", expected, output, result)
    assert "evil.example/" not in "".join(
        path.read_text(errors="replace") for path in output.parent.rglob("*") if path.is_file()
    )
    assert "\x00" not in stderr


def test_lists_nested_hundreds_deep_are_refused_not_crashed(tmp_path):
    news = tmp_path / "content" / "actualites" / "nouvelle.md"
    news.parent.mkdir(parents=True)
    items = "".join(f"{'    ' * depth}1. niveau {depth}\n" for depth in range(300))
    news.write_text(f"Title: Une nouvelle\nDate: 2026-01-15\nCategory: Actualités\n\n{items}")
    assert_refused_exactly(
        tmp_path / "content",
        [
            "content/actualites/nouvelle.md:5 : le texte imbrique des centaines de listes ou de "
            "citations les unes dans les autres — vérifiez les espaces en début de ligne : quatre "
            "espaces de plus à chaque ligne font une liste dans la liste"
        ],
        tmp_path / "output",
    )


def test_a_markdown_file_over_a_megabyte_is_refused_unread(tmp_path):
    news = tmp_path / "content" / "actualites" / "nouvelle.md"
    news.parent.mkdir(parents=True)
    header = "Title: Une nouvelle\nDate: 2026-01-15\nCategory: Actualités\n\n"
    news.write_text(header + "Une phrase collée mille fois. " * 40_000, encoding="utf-8")
    assert_refused_exactly(
        tmp_path / "content",
        [
            "content/actualites/nouvelle.md : le fichier pèse 1,2\u00a0Mo, au-delà de la limite "
            "de 1\u00a0Mo pour un texte — découpez-le en plusieurs pages, ou retirez ce qui a été "
            "collé par erreur (image intégrée, code copié d’une autre page)"
        ],
        tmp_path / "output",
    )


# Accepted, and neutralised everywhere


@pytest.fixture(scope="module")
def accepted(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "hostile_accepted")


def live_markup(fragment: lxml.html.HtmlElement) -> list[str]:
    """Script, event handlers and links to other schemes in parsed HTML."""
    found = []
    for element in fragment.iter(lxml.etree.Element):
        for name, value in element.attrib.items():
            scheme = urlsplit(value.strip()).scheme if name in ("href", "src", "action") else ""
            if name.startswith("on") or scheme not in SCHEMES:
                found.append(f"<{element.tag} {name}={value!r}>")
        inline = element.tag == "script" and not element.get("src")
        if inline and element.get("type") != "application/ld+json":
            found.append("inline <script>")
    # What a text must never bring (the theme's search forms are outside the texts).
    forbidden = ("iframe", "object", "embed", "base", "meta[@http-equiv='refresh']")
    for tag in (*forbidden, "*[@data-pagefind-body]//form"):
        found += [f"<{tag}>" for _ in fragment.xpath(f"//{tag}")]
    return found


def test_pages_hold_no_live_markup_and_show_the_text_as_written(accepted):
    for path in accepted.html_files():
        page = lxml.html.fromstring(path.read_bytes())
        assert live_markup(page) == [], path
        for script in page.xpath("//script[@type='application/ld+json']"):
            json.loads(script.text)  # one whole JSON document, not cut by a </script>
    news = accepted.page("actualites/2026/nouvelle-piegee/")
    body = news.xpath("//main")[0].text_content()
    assert "<script>alert(3)</script>" in body and "<iframe src=" in body
    assert "a < b et c > d" in body
    assert '{{ config }} {% raw %} & "guillemets" ]]>' in news.xpath("//h1")[0].text
    # escaped once, read as written (screen readers said « R&amp;D »)
    assert news.xpath("//main//img/@alt") == ['Atelier R&D "son" <live>']


def test_footnotes_speak_french(accepted):
    page = accepted.page("page-piegee/")
    assert page.xpath("//a[@class='footnote-backref']/@title") == ["Revenir à l’appel de note 1"]


def test_feeds_parse_and_their_entries_hold_no_live_markup(accepted):
    feeds = sorted((accepted.root / "flux").rglob("*.xml"))
    assert len(feeds) >= 4
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries, path
        for entry in feed.entries:
            assert "<" not in entry.title or "&lt;" not in entry.title  # text, not markup
            for content in entry.get("content", []) + [{"value": entry.get("summary", "")}]:
                fragment = lxml.html.fragment_fromstring(content["value"] or "<p></p>", "div")
                assert live_markup(fragment) == [], path


def test_calendars_hold_one_event_each_whatever_their_text(accepted):
    calendars = sorted(accepted.root.rglob("*.ics"))
    assert len(calendars) == 2
    for path in calendars:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events = calendar.walk("VEVENT")
        assert len(events) == 1, path
        assert str(events[0]["SUMMARY"]).startswith('Rencontre "}]}; BEGIN:VEVENT')
        assert "END:VCALENDAR" in str(events[0]["LOCATION"])  # the town, as text


def test_the_site_map_parses(accepted):
    lxml.etree.parse(str(accepted.root / "sitemap.xml"))


def test_htaccess_holds_only_the_sites_directives_and_escaped_former_addresses(accepted):
    text = (accepted.root / ".htaccess").read_text(encoding="utf-8")
    for line in text.splitlines():
        words = line.split()
        assert not words or words[0].startswith("#") or words[0] in HTACCESS_DIRECTIVES, line
    rules = [line for line in text.splitlines() if "/actualites/2026/nouvelle-piegee/" in line]
    assert len(rules) == 3  # one RewriteRule per former address, however it is escaped
    assert all(line.split()[0] == "RewriteRule" and len(line.split()) == 4 for line in rules)


def test_the_search_index_holds_text_never_markup(accepted):
    fragments = sorted((accepted.root / "pagefind" / "fragment").glob("*.pf_fragment"))
    texts = [gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd") for path in fragments]
    contents = [json.loads(text)["content"] for text in texts]
    assert any("<script>alert(3)</script>" in content for content in contents)


@pytest.mark.browser
def test_search_results_show_hostile_text_as_text(browser, tmp_path_factory):
    port = free_port()
    output = tmp_path_factory.mktemp("hostile-search") / "output"
    content = str(FIXTURES / "hostile_accepted")
    siteurl = f"http://127.0.0.1:{port}"
    assert run_build(output, "--production", "--content", content, siteurl=siteurl).returncode == 0
    server = start_server(output, port)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{port}/rechercher/?q=alert")
        page.wait_for_selector("[data-search-results] li")
        results = page.locator("[data-search-results]")
        assert results.locator("script, img, iframe").count() == 0
        assert "alert(" in results.inner_text()
        assert dialogs == []
    finally:
        page.close()
        server.shutdown()
        server.server_close()


# Whatever the metadata, the build either refuses it in French or publishes it as text

FRAGMENTS = [
    *("<script>alert(1)</script>", "</script>", "<img src=x onerror=alert(1)>", "]]>", "<!--"),
    *("{{ 7*7 }}", "{%", "&amp;", "&", '"', "'", "\\", ";", ",", ":", "#", "[x](y)", "**"),
    *("BEGIN:VEVENT", "END:VCALENDAR", "javascript:", "« »", "é", "\u00a0", "%00", "*&a", "- "),
]
metadata_text = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        # Invisible characters are refused (hostile fixtures): here, text that gets published.
        st.text(st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")), max_size=6),
    ),
    min_size=1,
    max_size=5,
).map("".join)


def check_outputs(root: Path) -> None:
    for path in sorted(root.rglob("*.html")):
        page = lxml.html.fromstring(path.read_bytes())
        assert live_markup(page) == [], path
        for script in page.xpath("//script[@type='application/ld+json']"):
            json.loads(script.text)
    for path in sorted(root.rglob("*.xml")):
        if path.name != "sitemap.xml":
            assert not feedparser.parse(path.read_bytes()).bozo, path
    for path in sorted(root.rglob("*.ics")):
        assert len(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) <= 1 or (
            path.name == "agenda.ics"
        )


@pytest.mark.filterwarnings("ignore")
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples in every run: CI is never red by chance
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(title=metadata_text, summary=metadata_text, place=metadata_text, town=metadata_text)
def test_random_metadata_is_refused_in_french_or_published_as_text(
    title, summary, place, town, tmp_path_factory, monkeypatch
):
    monkeypatch.setenv("BIMOC_SEARCH_INDEX", "0")  # Pagefind is tested above; time goes here
    content = tmp_path_factory.mktemp("random") / "content"
    (content / "actualites").mkdir(parents=True)
    (content / "agenda").mkdir()
    (content / "actualites" / "nouvelle.md").write_text(
        f"Title: {title}\nDate: 2026-01-15\nCategory: Actualités\nSlug: nouvelle\n"
        f"Summary: {summary}\n\nTexte.\n",
        encoding="utf-8",
    )
    (content / "agenda" / "rencontre.md").write_text(
        f"Title: {title}\nStart: 2027-03-05 09:30\nPlace: {place}\nTown: {town}\n"
        f"Slug: rencontre\n\nTexte.\n",
        encoding="utf-8",
    )
    output = content.parent / "output"
    result = build(
        production=True, output=output, content=content, settings={"SITEURL": TEST_SITEURL}
    )
    for problem in result.problems:
        assert problem.startswith("content/") and "erreur interne" not in problem, problem
        assert "\n" not in problem and "\r" not in problem
    if result:
        check_outputs(output)


# Every code point, as a string: what the character checks refuse is what they say.
EVERY_CHARACTER = "".join(map(chr, range(sys.maxunicode + 1)))
BIDI_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_a_value_may_hold_no_control_separator_bidi_override_or_xml_non_character():
    expected = [
        character
        for character in EVERY_CHARACTER
        if character != "\t"
        and (
            unicodedata.category(character) in ("Cc", "Zl", "Zp")
            or character in BIDI_OVERRIDES + "\ufffe\uffff"
        )
    ]
    assert INVISIBLE.findall(EVERY_CHARACTER) == expected


def test_a_body_may_hold_no_control_but_line_breaks_and_tabs_nor_xml_non_characters():
    expected = [
        character
        for character in EVERY_CHARACTER
        if character not in "\t\n\r"
        and (unicodedata.category(character) == "Cc" or character in "\ufffe\uffff")
    ]
    assert NOT_IN_BODY.findall(EVERY_CHARACTER) == expected


def test_a_text_markdown_would_take_hours_on_is_stopped_in_french(tmp_path):
    """Thousands of `[` take Python-Markdown a time that grows with their square."""
    news = tmp_path / "content" / "actualites" / "nouvelle.md"
    news.parent.mkdir(parents=True)
    header = "Title: Une nouvelle\nDate: 2026-01-15\nCategory: Actualités\n\n"
    news.write_text(header + "[" * 30_000)
    result = build(True, tmp_path / "output", tmp_path / "content", {"MARKDOWN_TIME_LIMIT": 1})
    assert result.problems == [
        "content/actualites/nouvelle.md:5 : le texte est trop long à mettre en page (plus de 1 "
        "secondes) — cherchez des crochets [ ] ou des chevrons < > en très grand nombre, souvent "
        "collés par erreur, et supprimez-les"
    ]
