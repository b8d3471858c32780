"""French typography on displayed text: in pages, titles and feeds, never in
code, URLs or attributes."""

import re

import feedparser
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.common.typography import SEGMENTS, map_text, typeset_html, typeset_text

NNBSP, NBSP = "\u202f", "\u00a0"
# An ordinary space (or none) where French typography wants a no-break space.
MISSING_SPACE = re.compile(r"(?: [;:!?»])|(?:« )|(?:\b\d{1,3} \d{3}\b)")
VERBATIM = ["code", "pre", "script", "style"]


@pytest.mark.parametrize(
    "text, typeset",
    [
        ("Qui sommes-nous ?", f"Qui sommes-nous{NNBSP}?"),
        ("Vite ! Ici ; là", f"Vite{NNBSP}! Ici{NNBSP}; là"),
        ("Contact : Montserrat", f"Contact{NBSP}: Montserrat"),
        ("« Biblioremix »", f"«{NNBSP}Biblioremix{NNBSP}»"),
        ("«Biblioremix»", f"«{NNBSP}Biblioremix{NNBSP}»"),
        ("05 34 44 50 28", f"05{NBSP}34{NBSP}44{NBSP}50{NBSP}28"),
        ("+33 5 34 44 50 28", f"+33{NBSP}5{NBSP}34{NBSP}44{NBSP}50{NBSP}28"),
        ("https://acim.asso.fr et 9:30", "https://acim.asso.fr et 9:30"),
        ("2 000 disques en 2008", f"2{NNBSP}000 disques en 2008"),
        ("1 280 pixels, 12 345 678 octets", f"1{NNBSP}280 pixels, 12{NNBSP}345{NNBSP}678 octets"),
        ("le 14 février 2008 à 20 h", "le 14 février 2008 à 20 h"),
        (f"Déjà{NNBSP}? Oui{NBSP}:", f"Déjà{NNBSP}? Oui{NBSP}:"),
    ],
)
def test_typeset_text(text, typeset):
    assert typeset_text(text) == typeset
    assert typeset_text(typeset) == typeset, "idempotent"


# The spacing rules as regular expressions say them (typography.py finds the
# marks first, which is quicker): what typeset_text must give.
SPACES = f"[ {NBSP}{NNBSP}]"
RULES = [
    (re.compile(rf"{SPACES}+([;!?])"), NNBSP + r"\1"),
    (re.compile(rf"{SPACES}+:(?=\s|$|<)"), NBSP + ":"),
    (re.compile(rf"«{SPACES}*"), "«" + NNBSP),
    (re.compile(rf"{SPACES}*»"), NNBSP + "»"),
]


@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
@given(text=st.text(alphabet=f" {NBSP}{NNBSP}\t\n;:!?«»a<", max_size=12))
def test_the_spacing_rules_are_applied_as_written(text):
    expected = text
    for rule, replacement in RULES:
        expected = rule.sub(replacement, expected)
    assert typeset_text(text) == expected


HTML_PIECES = [
    *("<p>", "</p>", "<a href='x'>", "</a>", "<code>", "</code>", "<PRE>", "</pre>", "<!--", "-->"),
    *("<b title='a>b'>", "<", ">", "a", " ", ";", ":", "!", "«", "»", "1", " 000", "\n", "&amp;"),
]


@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
@given(html=st.lists(st.sampled_from(HTML_PIECES), max_size=14).map("".join))
def test_text_runs_are_changed_as_segments_says_them(html):
    """map_text cuts plain fragments at their tags: the runs of text SEGMENTS finds."""

    def marked(text: str) -> str:
        return f"[{text}]"

    expected = SEGMENTS.sub(lambda m: m[0] if m[0].startswith("<") else marked(m[0]), html)
    assert map_text(html, marked) == expected


@pytest.mark.parametrize(
    "html, typeset",
    [
        (
            '<a title="Où ? Ici : là" href="/a?b=c">Où ?</a>',
            f'<a title="Où ? Ici : là" href="/a?b=c">Où{NNBSP}?</a>',
        ),
        ("<p>a ; b <code>x ; y</code> c !</p>", f"<p>a{NNBSP}; b <code>x ; y</code> c{NNBSP}!</p>"),
        (
            "<pre><code>a : b</code></pre><p>a : b</p>",
            f"<pre><code>a : b</code></pre><p>a{NBSP}: b</p>",
        ),
        (
            '<script type="application/ld+json">{"a": "b ?"}</script>',
            '<script type="application/ld+json">{"a": "b ?"}</script>',
        ),
        ("<!-- a ; b --><p>« x »</p>", f"<!-- a ; b --><p>«{NNBSP}x{NNBSP}»</p>"),
        ("<p>R&amp;D ; ok</p>", f"<p>R&amp;D{NNBSP}; ok</p>"),
    ],
)
def test_typeset_html_touches_text_only(html, typeset):
    assert typeset_html(html) == typeset


def displayed_text(element: lxml.html.HtmlElement) -> list[str]:
    """Text nodes a visitor reads in an element, outside code and scripts."""
    skip = " or ".join(f"ancestor::{name}" for name in VERBATIM)
    texts = element.xpath(f".//text()[not({skip})]")
    assert texts, "no text found: the check would be vacuous"
    return texts


def test_every_page_follows_french_typography(site):
    for path in site.html_files():
        page = site.page(site.url_of(path))
        for text in displayed_text(page.body) + page.xpath("//title/text()"):
            assert not MISSING_SPACE.search(text), f"{site.url_of(path)}: {text!r}"


def test_phone_number_never_breaks(site):
    page = site.page("rejoindre/")
    phone = page.xpath("//a[starts-with(@href, 'tel:')]")[0]
    assert phone.text == f"05{NBSP}34{NBSP}44{NBSP}50{NBSP}28"
    assert phone.get("href") == "tel:+33534445028"


def test_text_is_typeset_at_its_source_so_it_reads_the_same_everywhere(site):
    page = site.page("")
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert f"d’Occitanie{NBSP}: un groupement" in description


def test_titles_are_typeset(site):
    page = site.page("qui-sommes-nous/")
    assert page.xpath("//h1")[0].text == f"Qui sommes-nous{NNBSP}?"
    assert page.xpath("//title")[0].text.startswith(f"Qui sommes-nous{NNBSP}?")


@pytest.mark.parametrize("name", ["actualites.atom.xml", "actualites.rss.xml"])
def test_feeds_are_typeset(site, name):
    feed = feedparser.parse(site.file(f"flux/{name}").read_bytes())
    for entry in feed.entries:
        assert not MISSING_SPACE.search(entry.title), entry.title
        html = entry.content[0].value if "content" in entry else entry.description
        for text in displayed_text(lxml.html.fragment_fromstring(html, create_parent="div")):
            assert not MISSING_SPACE.search(text), f"{entry.link}: {text!r}"
