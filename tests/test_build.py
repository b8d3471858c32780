"""The build: final URL scheme, zero warnings, and a failed build never replaces a good one."""

import re

import pytest
from conftest import FIXTURES, TEST_SITEURL, BuiltSite, run_build

from bimoc.build import build


def test_real_content_builds_with_zero_warnings(site):
    assert site.result.stderr == ""
    assert "Site construit" in site.result.stdout


@pytest.mark.parametrize(
    "url",
    [
        "index.html",
        "qui-sommes-nous/index.html",
        "actions/index.html",
        "actualites/index.html",
        "actualites/2008/reunion-du-14-fevrier-2008/index.html",
        "actualites/2026/nouveau-site/index.html",
        "actualites/categorie/comptes-rendus/index.html",
        "mentions-legales/index.html",
        "accessibilite/index.html",
        "plan-du-site/index.html",
        "404.html",
    ],
)
def test_url_scheme(site, url):
    assert (site.root / url).is_file()


def test_no_author_tag_or_archive_pages(site):
    names = {p.relative_to(site.root).parts[0] for p in site.root.iterdir()}
    assert not names & {
        "author",
        "tag",
        "archives.html",
        "authors.html",
        "tags.html",
        "categories.html",
    }


def test_content_error_fails_and_keeps_the_previous_site(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("ancien site")
    result = run_build(
        output, "--content", str(FIXTURES / "mistakes" / "missing_title" / "content")
    )
    assert result.returncode == 1
    assert "sans-titre.md" in result.stderr
    assert "Échec de la construction" in result.stderr
    assert "Traceback" not in result.stderr
    assert (output / "index.html").read_text() == "ancien site"
    assert [p.name for p in tmp_path.iterdir()] == ["output"], "no staging folder left"


# As displayed: French typography puts narrow no-break spaces inside « ».
HOSTILE_TITLE = '**Gras** & «\u202fguillemets\u202f» "doubles" \'simples\' "}]} ]]> {{ x }}'


def test_titles_and_summaries_are_escaped(hostile):
    url = "actualites/2026/titre-hostile/"
    html = hostile.file(url).read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<b>" not in html
    page = hostile.page(url)
    assert page.xpath("//h1")[0].text_content() == HOSTILE_TITLE
    assert page.xpath("//title")[0].text.startswith(HOSTILE_TITLE)
    description = page.xpath("//meta[@name='description']/@content")[0]
    assert description == 'Un résumé & "guillemets" "}]} ]]>'
    listing = hostile.file("actualites/").read_text(encoding="utf-8")
    assert "<script>alert" not in listing and "<b>" not in listing
    page_html = hostile.file("page-penchee/").read_text(encoding="utf-8")
    assert "<script>alert" not in page_html and "<i>" not in page_html


def test_accented_title_gives_a_clean_slug(hostile):
    assert hostile.file("actualites/2026/lete-a-lodyssud-reunion-n3/").is_file()


def test_news_list_is_paginated_with_clean_urls(tmp_path):
    output = tmp_path / "output"
    assert build(output=output, content=FIXTURES / "many_news", settings={"SITEURL": TEST_SITEURL})
    site = BuiltSite(output, TEST_SITEURL)
    first, second = site.page("actualites/"), site.page("actualites/page/2/")
    assert len(first.xpath("//main//li[@class='card']")) == 10
    assert len(second.xpath("//main//li[@class='card']")) == 2
    assert first.xpath("//a[@rel='next']/@href") == [f"{TEST_SITEURL}/actualites/page/2/"]
    assert second.xpath("//a[@rel='prev']/@href") == [f"{TEST_SITEURL}/actualites/"]
    assert re.search(r"page 2", second.xpath("//title")[0].text)


def test_two_builds_of_one_commit_on_one_day_are_byte_identical(site, site_again):
    def files(built):
        paths = (path for path in built.root.rglob("*") if path.is_file())
        return {path.relative_to(built.root): path.read_bytes() for path in paths}

    first, second = files(site), files(site_again)
    assert len(first) > 40
    assert sorted(first) == sorted(second)
    assert [str(path) for path in first if first[path] != second[path]] == []


def test_news_of_the_same_day_are_listed_by_slug(tmp_path):
    """Pelican gathers files in a set: without a tie-break, news of one day would
    swap places from one build to the next (and every listing would change)."""
    content = tmp_path / "content" / "actualites"
    content.mkdir(parents=True)
    slugs = ["delta", "alpha", "echo", "charlie", "foxtrot", "bravo"]
    for slug in slugs:
        (content / f"{slug}.md").write_text(
            f"Title: {slug}\nDate: 2026-05-04\nCategory: Actualités\n\nTexte.\n", "utf-8"
        )
    output = tmp_path / "output"
    assert build(output=output, content=tmp_path / "content", settings={"SITEURL": TEST_SITEURL})
    listing = BuiltSite(output, TEST_SITEURL).page("actualites/")
    titles = [a.text_content().strip() for a in listing.xpath("//main//li[@class='card']//h2/a")]
    assert titles == sorted(slugs)
