"""The news feeds, read by a real feed client and validated: Atom against the
RELAX NG schema of RFC 4287, RSS by the W3C feed validator's rules."""

import re

import feedparser
import lxml.etree
import lxml.html
import pytest
import rnc2rng
from conftest import ROOT, run_build

from bimoc.bench import corpus
from bimoc.build import build
from plugins.syndication.syndication import absolute_urls

ALL_NEWS = ["flux/actualites.atom.xml", "flux/actualites.rss.xml"]
BY_CATEGORY = [
    f"flux/categorie/{slug}.{kind}.xml"
    for slug in ("actualites", "comptes-rendus")
    for kind in ("atom", "rss")
]
NEWS_COUNT = 9
TAG_ID = re.compile(r"^tag:acim\.asso\.fr,2026:bimoc/actualites/\d{4}-\d{2}-\d{2}/[a-z0-9-]+$")


@pytest.fixture(scope="module", params=ALL_NEWS + BY_CATEGORY)
def feed(request, site):
    parsed = feedparser.parse(site.file(request.param).read_bytes())
    parsed.path = request.param
    return parsed


def entry_html(entry) -> str:
    return entry.content[0].value if "content" in entry else entry.description


def test_feed_parses_without_error(feed):
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version in {"atom10", "rss20"}


def test_feed_is_in_french_with_a_real_title_and_description(feed):
    assert feed.feed.language == "fr"
    assert feed.feed.title.startswith("BIMOC – ")
    assert "actualités de BIMOC" in feed.feed.subtitle


def test_feed_links_to_itself(feed, site):
    assert {"rel": "self", "href": f"{site.siteurl}/{feed.path}"}.items() <= {
        key: value for link in feed.feed.links if link.rel == "self" for key, value in link.items()
    }.items()


def test_feeds_hold_every_news_item_once(site):
    def ids(path):
        return [entry.id for entry in feedparser.parse(site.file(path).read_bytes()).entries]

    for path in ALL_NEWS:
        assert len(ids(path)) == NEWS_COUNT
    for kind in ("atom", "rss"):
        by_category = [i for path in BY_CATEGORY if path.endswith(f"{kind}.xml") for i in ids(path)]
        assert sorted(by_category) == sorted(ids(f"flux/actualites.{kind}.xml"))


def test_entries_have_full_content_with_absolute_urls(feed, site):
    for entry in feed.entries:
        page = site.page(entry.link.removeprefix(site.siteurl))
        body = " ".join(page.xpath("//main/article")[0].text_content().split())
        content = lxml.html.fromstring(entry_html(entry))
        text = " ".join(content.text_content().split())
        assert text in body and len(text) > 200, entry.link
        for _, _, url, _ in content.iterlinks():
            assert url.startswith(("http://", "https://", "mailto:", "tel:")), url


def test_entry_ids_are_stable_tag_uris(feed):
    for entry in feed.entries:
        assert TAG_ID.match(entry.id), entry.id


def test_entry_ids_depend_neither_on_the_address_nor_on_the_build(site, tmp_path):
    other = run_build(tmp_path / "output", "--production", siteurl="https://ailleurs.example")
    assert other.returncode == 0, other.stderr
    for path in ALL_NEWS + BY_CATEGORY:
        here = [e.id for e in feedparser.parse(site.file(path).read_bytes()).entries]
        there = [e.id for e in feedparser.parse((tmp_path / "output" / path).read_bytes()).entries]
        assert here == there


def atom_schema() -> lxml.etree.RelaxNG:
    rng = rnc2rng.dumps(rnc2rng.load(str(ROOT / "tests" / "schemas" / "atom.rnc")))
    # rnc2rng declares the empty namespace as a prefix, which XML forbids; it is unused.
    rng = re.sub(r'\s+xmlns:local=""', "", rng)
    return lxml.etree.RelaxNG(lxml.etree.fromstring(rng.encode()))


ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize("path", [p for p in ALL_NEWS + BY_CATEGORY if "atom" in p])
def test_atom_is_valid_against_rfc_4287(site, path):
    schema = atom_schema()
    document = lxml.etree.parse(str(site.file(path)))
    assert schema.validate(document), schema.error_log
    # What the RELAX NG grammar lets through: its Schematron rules, and no empty name.
    for entry in document.getroot().iterfind("a:entry", ATOM):
        names = entry.xpath("a:author/a:name/text()", namespaces=ATOM)
        assert names and all(name.strip() for name in names)
        assert entry.xpath("a:link[@rel='alternate']", namespaces=ATOM)
        assert entry.xpath("a:content[@type='html']/text()", namespaces=ATOM)


def test_the_atom_schema_rejects_an_invalid_feed():
    invalid = lxml.etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>'
    )
    assert not atom_schema().validate(invalid)


@pytest.mark.parametrize("path", [p for p in ALL_NEWS + BY_CATEGORY if "rss" in p])
def test_rss_follows_the_w3c_validator_rules(site, path):
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


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ('<a href="/qui-sommes-nous/">x</a>', '<a href="https://s.example/qui-sommes-nous/">x</a>'),
        (
            '<img src="../images/a.png" alt="">',
            '<img src="https://s.example/actualites/2026/images/a.png" alt="">',
        ),
        ('<a href="#partie">x</a>', '<a href="https://s.example/actualites/2026/a/#partie">x</a>'),
        (
            '<a href="mailto:a@b.fr">a</a> <a href="https://acim.asso.fr">b</a>',
            '<a href="mailto:a@b.fr">a</a> <a href="https://acim.asso.fr">b</a>',
        ),
    ],
)
def test_relative_urls_become_absolute(fragment, expected):
    assert absolute_urls(fragment, "https://s.example/actualites/2026/a/") == expected


def test_hostile_titles_keep_every_word_in_feeds(hostile):
    feed = feedparser.parse(hostile.file("flux/actualites.atom.xml").read_bytes())
    titles = [entry.title for entry in feed.entries]
    assert (
        '<b>Gras</b> & «\u202fguillemets\u202f» "doubles" </script><script>alert(1)</script>'
        in titles
    )
    raw = hostile.file("flux/actualites.rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "</script>" not in raw.replace("&lt;/script&gt;", "")


def test_each_feed_has_its_own_stable_id(site):
    ids = {
        path: feedparser.parse(site.file(path).read_bytes()).feed.id
        for path in ALL_NEWS + BY_CATEGORY
        if "atom" in path
    }
    assert ids["flux/actualites.atom.xml"] == "tag:acim.asso.fr,2026:bimoc/flux/actualites.atom.xml"
    assert len(set(ids.values())) == len(ids)


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
