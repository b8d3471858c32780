"""« Sur cette page » opens a long page only: one of three sections or more and
300 words or more. On a short page (three sentences under three headings) the
box would only repeat the headings just below it."""

from conftest import TEST_SITEURL, BuiltSite

from bimoc.build import build

SENTENCE = "Les membres du groupe partagent leurs ressources et leurs idées sur le métier. "


def page(title: str, sections: int, sentences: int) -> str:
    """A page of `sections` h2 sections of `sentences` sentences (13 words) each."""
    body = "".join(f"## Partie {n}\n\n{SENTENCE * sentences}\n\n" for n in range(1, sections + 1))
    return f"Title: {title}\n\n{body}"


PAGES = {
    "courte": page("Courte", sections=3, sentences=2),  # 78 words: about the length of Objectifs
    "longue": page("Longue", sections=3, sentences=8),  # 312 words
    "deux-parties": page("Deux parties", sections=2, sentences=20),  # 520 words
}


def test_only_long_pages_of_three_sections_or_more_have_a_table_of_contents(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    for slug, text in PAGES.items():
        (content / "pages" / f"{slug}.md").write_text(text, encoding="utf-8")
    output = tmp_path / "output"
    assert build(output=output, content=content, settings={"SITEURL": TEST_SITEURL})
    site = BuiltSite(output, TEST_SITEURL)
    tables = {slug: site.page(f"{slug}/").xpath("//nav[@class='toc']//a/@href") for slug in PAGES}
    assert tables == {
        "courte": [],
        "longue": ["#partie-1", "#partie-2", "#partie-3"],
        "deux-parties": [],
    }
