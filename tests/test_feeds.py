"""The news feeds, read by a real feed client and validated: Atom against the
RELAX NG schema of RFC 4287, RSS by the W3C feed validator's rules. What a feed
holds is tested on fixtures/feeds/, whose news are known; every rule that does
not depend on the news themselves is checked on the real site too."""

import re

import feedparser
import lxml.etree
import lxml.html
import pytest
import rnc2rng
from conftest import FIXTURES, ROOT, TEST_SITEURL, BuiltSite, build_fixture, run_build

from bimoc.bench import corpus
from bimoc.build import build

ALL_NEWS = ["flux/actualites.atom.xml", "flux/actualites.rss.xml"]
BY_CATEGORY = [
    f"flux/categorie/{slug}.{kind}.xml"
    for slug in ("actualites", "comptes-rendus")
    for kind in ("atom", "rss")
]
FEEDS = ALL_NEWS + BY_CATEGORY
SITES = ["news_site", "site"]  # fixtures/feeds/, and the real content
TAG_ID = re.compile(r"^tag:acim\.asso\.fr,2026:bimoc/actualites/\d{4}-\d{2}-\d{2}/[a-z0-9-]+$")
# The news of fixtures/feeds/, newest first: address, category slug, last sentence.
NEWS = [
    ("actualites/2026/concert-a-la-mediatheque/", "actualites", "Dernière phrase du concert."),
    ("actualites/2026/compte-rendu-de-fevrier/", "comptes-rendus", "Dernière phrase de février."),
    ("actualites/2026/bonne-annee/", "actualites", "Dernière phrase des vœux."),
    ("actualites/2025/compte-rendu-de-decembre/", "comptes-rendus", "Dernière phrase de décembre."),
]
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def news_site(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "feeds")


@pytest.fixture(
    scope="module",
    params=[(name, path) for name in SITES for path in FEEDS],
    ids=lambda param: f"{param[0]}:{param[1]}",
)
def feed(request):
    name, path = request.param
    site = request.getfixturevalue(name)
    parsed = feedparser.parse(site.file(path).read_bytes())
    parsed.path, parsed.site = path, site
    return parsed


def raw_entries(site: BuiltSite, path: str) -> list[tuple[str, str]]:
    """(link, HTML content) of each entry, as written in the feed (feedparser
    sanitises HTML: it drops <picture> and srcset)."""
    root = lxml.etree.parse(str(site.file(path))).getroot()
    if path.endswith("atom.xml"):
        return [
            (
                entry.find("a:link[@rel='alternate']", ATOM).get("href"),
                entry.findtext("a:content", namespaces=ATOM),
            )
            for entry in root.iterfind("a:entry", ATOM)
        ]
    return [(item.findtext("link"), item.findtext("description")) for item in root.iter("item")]


def addresses(html: str) -> list[str]:
    """Every address in an HTML fragment: href, src and each srcset candidate."""
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    found = fragment.xpath("//@href | //@src")
    for srcset in fragment.xpath("//@srcset"):
        found += [candidate.split()[0] for candidate in srcset.split(",")]
    return found


def test_feed_parses_without_error(feed):
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version in {"atom10", "rss20"}


def test_feed_is_in_french_with_a_real_title_and_description(feed):
    assert feed.feed.language == "fr"
    assert feed.feed.title.startswith("BIMOC – ")
    assert "actualités de BIMOC" in feed.feed.subtitle


def test_feed_links_to_itself(feed):
    assert {"rel": "self", "href": f"{feed.site.siteurl}/{feed.path}"}.items() <= {
        key: value for link in feed.feed.links if link.rel == "self" for key, value in link.items()
    }.items()


def test_entries_are_the_full_text_of_their_page_with_absolute_urls(feed):
    site = feed.site
    entries = raw_entries(site, feed.path)
    assert [link for link, _ in entries] == [entry.link for entry in feed.entries]
    for link, html in entries:
        page = site.page(link.removeprefix(site.siteurl))
        body = " ".join(page.xpath("//main/article")[0].text_content().split())
        text = " ".join(
            lxml.html.fragment_fromstring(html, create_parent="div").text_content().split()
        )
        assert text and text in body, link
        for url in addresses(html):
            assert url.startswith((f"{site.siteurl}/", "https://", "mailto:", "tel:")), url


def test_entry_ids_are_stable_tag_uris(feed):
    ids = [entry.id for entry in feed.entries]
    assert ids and len(set(ids)) == len(ids)
    for entry in feed.entries:
        assert TAG_ID.match(entry.id), entry.id


def test_feeds_hold_every_news_item_once_newest_first(news_site):
    def links(path):
        return [entry.link for entry in feedparser.parse(news_site.file(path).read_bytes()).entries]

    every = [f"{TEST_SITEURL}/{url}" for url, _, _ in NEWS]
    for path in ALL_NEWS:
        assert links(path) == every, path
    for path in BY_CATEGORY:
        slug = path.split("/")[-1].split(".")[0]
        assert links(path) == [
            f"{TEST_SITEURL}/{url}" for url, category, _ in NEWS if category == slug
        ]


def test_entries_hold_the_whole_text_not_the_summary(news_site):
    for path in ALL_NEWS:
        entries = dict(raw_entries(news_site, path))
        for url, _, last_sentence in NEWS:
            assert last_sentence in entries[f"{TEST_SITEURL}/{url}"], (path, url)


def test_relative_links_and_images_become_absolute(news_site):
    article = f"{TEST_SITEURL}/actualites/2026/concert-a-la-mediatheque/"
    for path in ALL_NEWS:
        urls = addresses(dict(raw_entries(news_site, path))[article])
        assert {
            f"{TEST_SITEURL}/une-page/",
            f"{TEST_SITEURL}/actualites/2025/compte-rendu-de-decembre/#programme",
            f"{article}#partie",
            "mailto:contact@example.fr",
            "https://acim.asso.fr",
        } <= set(urls), path
        images = [url for url in urls if "/images/" in url]
        assert images and all(url.startswith(f"{TEST_SITEURL}/images/web/") for url in images)
        assert all(news_site.file(url.removeprefix(TEST_SITEURL)).is_file() for url in images)


def test_entry_ids_depend_neither_on_the_address_nor_on_the_build_day(news_site, tmp_path):
    other = run_build(
        tmp_path / "output",
        "--production",
        "--content",
        str(FIXTURES / "feeds"),
        "--date",
        "2031-06-01",
        siteurl="https://ailleurs.example",
    )
    assert other.returncode == 0, other.stderr
    for path in FEEDS:
        here = [e.id for e in feedparser.parse(news_site.file(path).read_bytes()).entries]
        there = [e.id for e in feedparser.parse((tmp_path / "output" / path).read_bytes()).entries]
        assert here and here == there


def test_each_feed_has_its_own_stable_id(news_site):
    ids = {
        path: feedparser.parse(news_site.file(path).read_bytes()).feed.id
        for path in FEEDS
        if "atom" in path
    }
    assert ids["flux/actualites.atom.xml"] == "tag:acim.asso.fr,2026:bimoc/flux/actualites.atom.xml"
    assert len(set(ids.values())) == len(ids)


def atom_schema() -> lxml.etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(ROOT / "tests" / "schemas" / "atom.rnc")))
    # rnc2rng declares the empty namespace as a prefix, which XML forbids; it is unused.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return lxml.etree.RelaxNG(lxml.etree.fromstring(rng.encode()))


@pytest.mark.parametrize("name", SITES)
@pytest.mark.parametrize("path", [p for p in FEEDS if "atom" in p])
def test_atom_is_valid_against_rfc_4287(request, name, path):
    site = request.getfixturevalue(name)
    schema = atom_schema()
    document = lxml.etree.parse(str(site.file(path)))
    assert schema.validate(document), schema.error_log
    # What the RELAX NG grammar lets through: its Schematron rules, and no empty name.
    entries = document.getroot().findall("a:entry", ATOM)
    assert entries
    for entry in entries:
        names = entry.xpath("a:author/a:name/text()", namespaces=ATOM)
        assert names and all(name.strip() for name in names)
        assert entry.xpath("a:link[@rel='alternate']", namespaces=ATOM)
        assert entry.xpath("a:content[@type='html']/text()", namespaces=ATOM)


def test_the_atom_schema_rejects_an_invalid_feed():
    invalid = lxml.etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    )
    assert not atom_schema().validate(invalid)


@pytest.mark.parametrize("name", SITES)
@pytest.mark.parametrize("path", [p for p in FEEDS if "rss" in p])
def test_rss_follows_the_w3c_validator_rules(request, name, path):
    site = request.getfixturevalue(name)
    channel = lxml.etree.parse(str(site.file(path))).getroot().find("channel")
    assert channel.findtext("description").strip()
    assert channel.findtext("language") == "fr"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == f"{site.siteurl}/{path}"
    items = channel.findall("item")
    assert items
    for item in items:
        guid = item.find("guid")
        assert guid.get("isPermaLink") == "false" and TAG_ID.match(guid.text)
        assert item.findtext("description").strip()
        assert item.findtext("link").startswith(site.siteurl)


def test_hostile_titles_keep_every_word_in_feeds(hostile):
    feed = feedparser.parse(hostile.file("flux/actualites.atom.xml").read_bytes())
    titles = [entry.title for entry in feed.entries]
    assert '**Gras** & «\u202fguillemets\u202f» "doubles" \'simples\' "}]} ]]> {{ x }}' in titles
    raw = hostile.file("flux/actualites.rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw


def test_feeds_hold_the_latest_twenty_news(tmp_path):
    """Readers keep what they already fetched: each poll brings the latest 20
    entries, not every news item ever written."""
    content = corpus(tmp_path, 25)
    output = tmp_path / "output"
    assert build(
        production=True, output=output, content=content, settings={"BUILD_DATE": "2026-01-01"}
    )
    dates = sorted(
        (
            line.removeprefix("Date: ")
            for file in (content / "actualites").glob("*.md")
            for line in file.read_text(encoding="utf-8").splitlines()
            if line.startswith("Date: ")
        ),
        reverse=True,
    )
    for path in ALL_NEWS:
        entries = feedparser.parse((output / path).read_bytes()).entries
        assert len(entries) == 20
        published = sorted((entry.id.split("/")[-2] for entry in entries), reverse=True)
        assert published == dates[:20], "the newest ones"
