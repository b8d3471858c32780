"""Search with Pagefind, in the browser: real content only, one result per
meeting, French words found after an elision (« l’ACIM » by « ACIM »), accents
optional, exact words first, nothing for a word the site does not say (where
Pagefind would give the pages of a shorter word), excerpts from the section
that says it best, each result's type (a news item's category) and date, every
result counted and listed ten at a time, a plain GET form everywhere, assets
loaded on the search page alone.

The features are tested on a small site of their own (fixtures/search, plus
25 news items written here); the real content only where its facts are computed
from the built pages, never counted by hand."""

import gzip
import json
import math
import os
import re
import shutil
import subprocess
import unicodedata
from urllib.parse import urlencode, urlsplit

import lxml.html
import pagefind_bin
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, VERIFIED_MEETINGS, BuiltSite, run_build, text_of
from playwright.sync_api import expect
from test_browser import AXE_OPTIONS

from bimoc.serve import free_port, start_server
from plugins.search.search import PAGEFIND_MEMORY, copy_pages, indexed_copy, split_elisions

NNBSP = "\u202f"
WORD_JOINER = "\u2060"
CONCERTS = 25  # news items that say « concert », written by the `search_site` fixture


# The index: what Pagefind reads


@pytest.mark.parametrize(
    ("text", "indexed"),
    [
        ("associé à l’ACIM", "associé à l’\u2060 ACIM"),
        ("L’ACIM et D'artistes", "L’\u2060 ACIM et D'\u2060 artistes"),
        (
            "qu’il, jusqu’à, lorsqu’elle, puisqu’on",
            "qu’\u2060 il, jusqu’\u2060 à, lorsqu’\u2060 elle, puisqu’\u2060 on",
        ),
        (
            "j’ai, m’a, n’est, s’est, t’en, c’est",
            "j’\u2060 ai, m’\u2060 a, n’\u2060 est, s’\u2060 est, t’\u2060 en, c’\u2060 est",
        ),
        ("aujourd’hui, presqu’île, rock’n’roll", "aujourd’hui, presqu’île, rock’n’roll"),
        ("« l’orgue »", "« l’\u2060 orgue »"),
    ],
)
def test_elisions_are_cut_from_the_next_word(text, indexed):
    assert split_elisions(text) == indexed


def test_the_only_word_joiners_of_the_indexed_copy_mark_the_added_spaces():
    """recherche.js removes « joiner + space » from what Pagefind returns: one
    pasted by an editor (Word's « espace sans chasse insécable ») would glue words."""
    assert (
        indexed_copy("<p>un\u2060 mot, l’\u2060ACIM&#8288; </p>") == "<p>un mot, l’\u2060 ACIM </p>"
    )


def test_the_indexed_copy_changes_text_only():
    page = (
        '<h1 title="l’ACIM">Le groupe et l&#39;ACIM</h1>'
        '<p>associé à l’<a href="https://acim.asso.fr/l’acim">ACIM</a> &amp; d’autres</p>'
        "<pre>l’ACIM</pre>"
    )
    assert indexed_copy(page) == (
        '<h1 title="l’ACIM">Le groupe et l\'\u2060 ACIM</h1>'
        '<p>associé à l’\u2060 <a href="https://acim.asso.fr/l’acim">ACIM</a>'
        " &amp; d’\u2060 autres</p>"
        "<pre>l’ACIM</pre>"
    )


def copied_pages(pages: dict[str, str], folder) -> dict[str, str]:
    """What copy_pages hands Pagefind of a site of these pages: path → HTML."""
    site, copy = folder / "site", folder / "copy"
    for name, page in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(page, encoding="utf-8")
    copy.mkdir()
    copy_pages(site, copy)
    return {path.relative_to(copy).as_posix(): path.read_text() for path in copy.rglob("*.html")}


def test_pagefind_reads_only_the_pages_it_indexes(tmp_path):
    """A page without data-pagefind-body would cost Pagefind memory to index
    nothing; with none anywhere, Pagefind indexes every page, and gets them all."""
    listings = {
        "index.html": "<main><h1>Accueil</h1></main>",
        "actualites/index.html": "<main><h2>L’ACIM</h2></main>",
    }
    indexed = {
        "actualites/2027/x/index.html": "<main data-pagefind-body><h1>L’ACIM</h1></main>",
        "a-propos/index.html": '<main class="wrapper" data-pagefind-body><p>Texte</p></main>',
    }
    assert copied_pages({**listings, **indexed}, tmp_path / "site") == {
        "actualites/2027/x/index.html": "<main data-pagefind-body><h1>L’\u2060 ACIM</h1></main>",
        "a-propos/index.html": indexed["a-propos/index.html"],
    }
    assert copied_pages(listings, tmp_path / "bare") == {
        "index.html": listings["index.html"],
        "actualites/index.html": "<main><h2>L’\u2060 ACIM</h2></main>",
    }


def test_pagefind_reads_the_memory_setting_it_is_given():
    """Pagefind's allocator (jemalloc) reads PAGEFIND_MEMORY: it complains of a value
    it cannot use, not of ours. A Pagefind that no longer read it would say nothing."""
    (name, value), binary = next(iter(PAGEFIND_MEMORY.items())), pagefind_bin.get_executable()

    def complaints(setting: str) -> str:
        env = {**os.environ, name: setting}
        return subprocess.run(
            [binary, "--version"], env=env, capture_output=True, text=True, check=True
        ).stderr

    assert complaints(value) == ""
    assert "Invalid conf value: dirty_decay_ms:jamais" in complaints("dirty_decay_ms:jamais")


def indexed_text(path) -> str | None:
    """The text of a built page that Pagefind indexes (None: not indexed)."""
    tree = lxml.html.fromstring(path.read_bytes())
    body = tree.xpath("//*[@data-pagefind-body]")
    if not body:
        return None
    for ignored in body[0].xpath(".//*[@data-pagefind-ignore] | .//script | .//style"):
        ignored.drop_tree()
    return text_of(body[0])


def fragments(site: BuiltSite) -> dict[str, dict]:
    """Pagefind's record of each indexed page, by site-relative URL."""
    records = {}
    for path in (site.root / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        records[record["url"].lstrip("/")] = record
    return records


def test_index_holds_real_content_only(site):
    entry = json.loads(site.file("pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]
    urls = {site.url_of(path) for path in site.html_files() if indexed_text(path) is not None}
    assert "actualites/2015/reunion-du-12-mars-2015/" in urls
    assert not urls & {"", "actualites/", "agenda/", "plan-du-site/", "404.html", "rechercher/"}
    assert set(fragments(site)) == urls


def test_a_past_meeting_is_indexed_by_its_report_alone(site):
    """One meeting, one result: its report, not also the event that names it."""
    indexed = set(fragments(site))
    for event, report in VERIFIED_MEETINGS.items():
        assert event not in indexed and report in indexed, event


def test_labels_and_facts_are_left_out_of_the_index(search_site):
    """An excerpt starts with the event's own words, not its facts run together;
    the date and the place come as metadata (the place still searched)."""
    records = fragments(search_site)
    assert "agenda/2027/reunion-a-la-mediatheque-grand-m/" not in records, "it has a report"
    event = records["agenda/2027/rencontre-a-la-mediatheque-odyssud/"]
    assert event["content"] == (
        "Rencontre à la médiathèque Odyssud. Le groupe se retrouve à la médiathèque Odyssud."
    )
    assert event["meta"] == {
        "title": "Rencontre à la médiathèque Odyssud",
        "when": "jeudi 6 mai 2027",
        "place": "Médiathèque Odyssud, Blagnac",
    }
    news = records["actualites/2027/reunion-du-12-mars-2027-atelier-biblioremix/"]
    assert news["content"].startswith(
        "Réunion du 12 mars 2027 : atelier Biblioremix. Le groupe a testé"
    )
    assert news["meta"] == {
        "title": "Réunion du 12 mars 2027\u00a0: atelier Biblioremix",
        "published": "13 mars 2027",
        "category": "Comptes\u00a0rendus",  # kept on one line (no_break)
    }
    labels = ("Publié le", "Comptes rendus", "Date", "Lieu", "(passé)", "Lire le compte rendu")
    labels += ("Sur cette page", "Accueil", "Ajouter à mon agenda")
    for url, record in records.items():
        assert not [label for label in labels if label in record["content"]], url


def test_published_pages_keep_their_text_as_written(search_site):
    page = search_site.file("association/").read_text(encoding="utf-8")
    assert "associé à l’ACIM depuis" in page and WORD_JOINER not in page


# The search page, in Chromium


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """fixtures/search (an elided word, accents, a proper name, a report and its
    meeting, an event and a news item about it, « Médiatique » among
    « médiathèque » titles, a page presenting the ACIM in a section of its own,
    pages to turn to when nothing is found) and 25 news items that say
    « concert », built and served with the production CSP."""
    folder = tmp_path_factory.mktemp("search")
    content = folder / "content"
    shutil.copytree(FIXTURES / "search", content)
    for number in range(1, CONCERTS + 1):
        (content / "actualites" / f"concert-{number:02}.md").write_text(
            f"Title: Programme {number:02}\nDate: 2027-01-{number:02}\nCategory: Actualités\n\n"
            f"Un concert de la saison, le {number}e.\n",
            encoding="utf-8",
        )
    port = free_port()
    site = BuiltSite(folder / "output", f"http://127.0.0.1:{port}")
    result = run_build(
        site.root, "--production", "--content", str(content), "--date", "2027-12-31",
        siteurl=site.siteurl,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    server = start_server(site.root, port)
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def page(browser):
    """A new tab that fails the test on any console error (CSP included)."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert errors == []


def search(page, site: BuiltSite, query: str, **choices: str) -> str:
    """Open the search page for `query` (and a type: type="Actualité"); its status."""
    page.goto(f"{site.siteurl}/rechercher/?{urlencode({'q': query, **choices})}")
    page.wait_for_selector("[data-search-status]:not(:empty)")
    return page.inner_text("[data-search-status]")


def results(page) -> list[dict[str, str]]:
    """The results listed: site-relative URL (and #section), title, type and date, excerpt."""
    page.wait_for_selector("[data-search-results] li")
    listed = []
    for item in page.locator("[data-search-results] > li").all():
        link = item.locator("h2 a")
        address = urlsplit(link.get_attribute("href"))
        listed.append(
            {
                "url": address.path.lstrip("/"),
                "section": address.fragment,
                "title": link.inner_text(),
                "about": " ".join(item.locator(".card__meta").all_inner_texts()),
                "excerpt": item.locator("p").last.inner_text(),
            }
        )
    return listed


def all_results(page) -> list[dict[str, str]]:
    more = page.get_by_role("button", name="Voir plus de résultats")
    while more.is_visible():
        count = page.locator("[data-search-results] > li").count()
        more.click()
        expect(page.locator("[data-search-results] > li")).not_to_have_count(count)
    return results(page)


REPORT = "actualites/2027/reunion-du-12-mars-2027-atelier-biblioremix/"
MEDIATHEQUE = {
    "association/",
    REPORT,
    "agenda/2027/rencontre-a-la-mediatheque-odyssud/",
    "agenda/2027/atelier-a-la-mediatheque-de-muret/",
}


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "urls"),
    [
        # l’ACIM, d’artistes in one page, ACIM and artistes alone in the other
        *[(query, {"association/", "actions/"}) for query in ("ACIM", "acim", "l'acim", "L’ACIM")],
        *[(query, {"association/", "actions/"}) for query in ("artistes", "d'artistes")],
        ("mediatheque", MEDIATHEQUE),
        # French endings: the plural finds the singular
        ("médiathèques", MEDIATHEQUE),
        ("réunions", {REPORT}),
        ("Séverac", {"association/"}),
        ("severac", {"association/"}),
        ("Blagnac", {"agenda/2027/rencontre-a-la-mediatheque-odyssud/"}),  # its place
    ],
)
def test_french_words_find_the_pages_that_say_them(search_site, page, query, urls):
    """Exactly those: a word Pagefind does not know would find the pages with
    the longest known word it starts with (« à » for « ACIM »)."""
    status = search(page, search_site, query)
    found = all_results(page)
    assert {result["url"] for result in found} == urls
    assert status.startswith(f"{len(found)} résultat")


@pytest.mark.browser
@pytest.mark.parametrize("query", ["adhérer", "adhésion", "participer", "Nîmes", "Saverdun"])
def test_a_word_the_site_does_not_say_finds_nothing(search_site, page, query):
    """Pagefind gave the pages of the longest word of the site that the query
    starts with: « à » for « adhérer », « ni » for « Nîmes », « partitions » for
    « participer »; the page then points to where to turn."""
    status = search(page, search_site, query)
    assert status == f"Aucun résultat pour «{NNBSP}{query}{NNBSP}»."
    expect(page.locator("[data-search-results] > li")).to_have_count(0)
    help_links = page.locator("[data-search-help] a")
    expect(help_links).to_have_text(["Rejoindre le groupe", "Plan du site"])
    assert [urlsplit(link.get_attribute("href")).path for link in help_links.all()] == [
        "/rejoindre/",
        "/plan-du-site/",
    ]
    search(page, search_site, "concert")
    expect(page.locator("[data-search-help]")).to_be_hidden()


@pytest.mark.browser
def test_a_result_shows_and_leads_to_the_section_that_says_the_words(search_site, page):
    """The page presenting the ACIM in a section of its own, not the section
    that names it three times in passing; marks without punctuation."""
    search(page, search_site, "ACIM")
    found = {result["url"]: result for result in results(page)}
    assert found["association/"]["section"] == "lacim"
    assert found["association/"]["excerpt"].startswith(
        "L’ACIM. L’association nationale réunit les bibliothécaires musicaux de France."
    )
    marks = page.locator("[data-search-results] mark").all_inner_texts()
    assert marks and set(marks) == {"ACIM"}, "« ACIM. » was marked with its full stop"
    page.get_by_role("link", name="L’association", exact=True).click()
    expect(page.locator("#lacim")).to_have_text("L’ACIM")
    assert urlsplit(page.url).fragment == "lacim"


@pytest.mark.browser
def test_an_event_excerpt_starts_with_its_own_words(search_site, page):
    search(page, search_site, "Odyssud", type="Rendez-vous")
    (event,) = results(page)
    assert event["excerpt"] == (
        "Rencontre à la médiathèque Odyssud. Le groupe se retrouve à la médiathèque Odyssud."
    ), "not « Odyssud. jeudi 6 mai 2027 Médiathèque Odyssud, Blagnac Le groupe… »"


@pytest.mark.browser
def test_titles_and_excerpts_show_the_text_as_written(search_site, page):
    search(page, search_site, "l’ACIM")
    (found,) = [result for result in results(page) if result["url"] == "association/"]
    assert found["title"] == "L’association"
    assert found["excerpt"].startswith("L’ACIM. L’association nationale")
    item = page.locator("[data-search-results] > li", has_text="L’association")
    assert item.locator("mark").first.inner_text() == "ACIM", "the word, not the elision"
    assert WORD_JOINER not in page.inner_text("main")


@pytest.mark.browser
def test_exact_words_come_before_longer_ones(search_site, page):
    search(page, search_site, "Médiatique")
    found = results(page)
    assert found[0]["url"] == "actions/", "« Médiatique » before three « médiathèque » titles"


@pytest.mark.browser
def test_a_meeting_is_one_result_its_report_under_its_category(search_site, page):
    """The past meeting's event page is left out of the index: its report tells it."""
    status = search(page, search_site, "Biblioremix")
    assert status == f"1 résultat pour «{NNBSP}Biblioremix{NNBSP}»"
    assert [(result["url"], result["about"]) for result in results(page)] == [
        (REPORT, "Comptes\u00a0rendus · 13 mars 2027")
    ]


@pytest.mark.browser
def test_a_news_item_and_an_event_are_told_apart(search_site, page):
    status = search(page, search_site, "Odyssud")
    assert status == f"2 résultats pour «{NNBSP}Odyssud{NNBSP}»"
    about = sorted(result["about"] for result in results(page))
    assert about == ["Actualités · 20 avril 2027", "Rendez-vous · jeudi 6 mai 2027"]


@pytest.mark.browser
def test_the_type_is_chosen_with_the_keyboard(search_site, page):
    search(page, search_site, "Odyssud")
    types = page.get_by_role("group", name="Chercher parmi")
    assert types.get_by_role("radio", name="tout le site").is_checked()
    page.focus("#recherche")
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")  # the chosen type
    expect(types.get_by_role("radio", name="tout le site")).to_be_focused()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expect(types.get_by_role("radio", name="les rendez-vous")).to_be_checked()
    status = page.locator("[data-search-status]")
    expect(status).to_have_text(f"1 résultat pour «{NNBSP}Odyssud{NNBSP}» parmi les rendez-vous")
    assert [result["about"][:11] for result in results(page)] == ["Rendez-vous"]
    assert "type=Rendez-vous" in page.url
    # The address brings the choice back.
    assert search(page, search_site, "Odyssud", type="Actualité").startswith("1 résultat")
    expect(types.get_by_role("radio", name="les actualités")).to_be_checked()
    assert [result["about"] for result in results(page)] == ["Actualités · 20 avril 2027"]
    search(page, search_site, "médiathèque", type="Page")
    assert [result["url"] for result in results(page)] == ["association/"]


@pytest.mark.browser
def test_every_result_is_counted_and_listed_ten_at_a_time(search_site, page):
    status = search(page, search_site, "concert")
    total = CONCERTS + 1  # and the page that says « concerts »
    assert status == f"{total} résultats pour «{NNBSP}concert{NNBSP}»"
    assert page.get_by_role("status").inner_text() == status
    assert len(results(page)) == 10
    more = page.get_by_role("button", name="Voir plus de résultats")
    more.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-search-results] > li")).to_have_count(20)
    expect(page.locator("[data-search-results] > li").nth(10).locator("a")).to_be_focused()
    more.focus()
    page.keyboard.press("Space")
    expect(page.locator("[data-search-results] > li")).to_have_count(total)
    expect(more).to_be_hidden()
    assert len({result["url"] for result in results(page)}) == total


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("query", ["concert", "adhérer"])  # results, or where to turn
def test_axe_finds_no_violation_in_results(search_site, browser, query, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    search(page, search_site, query)
    result = Axe().run(page, options=AXE_OPTIONS)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert result.violations_count == 0, result.generate_report()
    assert overflow <= 0


@pytest.mark.browser
def test_no_result_is_said_in_french(search_site, page):
    status = search(page, search_site, "xylophone")
    assert status == f"Aucun résultat pour «{NNBSP}xylophone{NNBSP}»."
    expect(page.get_by_role("button", name="Voir plus de résultats")).to_be_hidden()


# The real content: facts computed from the built pages


@pytest.mark.browser
@pytest.mark.parametrize("query", ["ACIM", "l'acim", "L’ACIM"])
def test_acim_finds_every_page_that_names_it(served_site, page, query):
    expected = {
        served_site.url_of(path)
        for path in served_site.html_files()
        if re.search(r"\bACIM\b", indexed_text(path) or "", re.IGNORECASE)
    }
    status = search(page, served_site, query)
    assert status.startswith(f"{len(expected)} résultat")
    assert {result["url"] for result in all_results(page)} == expected


def words_of(text: str) -> list[str]:
    """Words as recherche.js compares them: no accent, no capital, letters and digits."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.findall(r"[^\W_]+", bare.lower())


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    ["adhérer", "adhésion", "Séverac", "Nîmes", "participer"]
    + ["ACIM", "mediatheque", "Panassie", "réunions", "médiathèques"],
)
def test_each_result_says_a_word_close_to_the_query(served_site, page, query):
    """The visitor's queries on the real site: each result listed (and counted)
    says a word that starts like the query (its first 60 %: « réunion » for
    « réunions »), in its text or metadata; with none in the whole index, none
    is listed (Pagefind listed 22 pages saying « à » for « adhérer »)."""
    (word,) = words_of(query)
    start = word[: math.ceil(len(word) * 0.6)]
    saying = {
        url
        for url, record in fragments(served_site).items()
        for text in [" ".join([record["content"], *record["meta"].values()])]
        if any(other.startswith(start) for other in words_of(text))
    }
    status = search(page, served_site, query)
    if not saying:
        assert status == f"Aucun résultat pour «{NNBSP}{query}{NNBSP}»."
        return
    listed = {result["url"] for result in all_results(page)}
    assert listed and listed <= saying
    assert status.startswith(f"{len(listed)} résultat")


@pytest.mark.browser
def test_a_word_of_a_news_item_finds_it(served_site, page):
    page.goto(f"{served_site.siteurl}/rechercher/")
    page.fill("#recherche", "Biblioremix")
    assert any(result["title"].startswith("Réunion du 12 mars 2015") for result in results(page))


@pytest.mark.browser
def test_accents_are_optional(served_site, page):
    search(page, served_site, "deambulatoire")
    assert any("12 mars 2015" in result["title"] for result in results(page)), (
        "« reunion » finds « réunion »"
    )
    search(page, served_site, "reunion")
    assert any(result["title"].startswith("Réunion") for result in results(page))


@pytest.mark.browser
def test_the_header_link_leads_to_results(served_site, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_site.siteurl}/actions/")
    assert not [url for url in requests if "/pagefind/" in url], "no search assets on other pages"
    page.get_by_role("link", name="Rechercher sur le site").click()
    field = page.get_by_role("searchbox", name="Mots à chercher")
    field.fill("Panassié")
    field.press("Enter")
    page.wait_for_url("**/rechercher/?q=Panassi*")
    assert any("18 octobre 2013" in result["title"] for result in results(page))


@pytest.mark.browser
def test_without_javascript_the_search_page_points_to_the_site_map(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site.siteurl}/rechercher/?q=reunion")
    assert "La recherche a besoin de JavaScript" in page.locator("main").inner_text()
    assert (
        page.get_by_role("link", name="plan du site", exact=True).get_attribute("href")
        == f"{served_site.siteurl}/plan-du-site/"
    )
    assert not page.get_by_role("group", name="Chercher parmi").is_visible()
    assert not page.get_by_role("button", name="Voir plus de résultats").is_visible()
    context.close()
