"""Drafts (`Status: draft`, or `Statut: brouillon`) of news, pages and events are
previewed, never published. The preview lists them with their addresses: in
the terminal after each build, and on a page of its own, /brouillons/, in the
site's theme, never indexed. The production build writes neither the drafts
nor that page."""

import gzip
import json

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, BuiltSite, build_fixture, run_build, text_of
from test_browser import AXE_OPTIONS

from bimoc.output_checks import find_broken_links, html_errors
from bimoc.serve import free_port, start_server

DAY = "2027-03-05"
# title → (kind, source file as the editor sees it, address in the preview)
DRAFTS = {
    "Réunion du 12 mars 2027": (
        "actualité",
        "drafts/actualites/2027-03-12-compte-rendu-de-la-reunion-de-mars.md",
        "/brouillons/reunion-du-12-mars-2027/",
    ),
    "Atelier d’écoute en préparation": (
        "rendez-vous",
        "drafts/agenda/atelier.md",
        "/brouillons/pages/atelier-decoute-en-preparation/",
    ),
    "Projet de page sur les partitions": (
        "page",
        "drafts/pages/projet.md",
        "/brouillons/pages/projet-de-page-sur-les-partitions/",
    ),
}
DRAFTS_PAGE = "brouillons/"
TEXT_FILES = (".html", ".xml", ".ics", ".txt", ".htaccess")


def preview_build(output, content) -> BuiltSite:
    """The development build, as `make serve` and `make build` make it."""
    result = run_build(output, "--content", str(content), "--date", DAY)
    assert result.returncode == 0, result.stderr
    return BuiltSite(output, "", result)


@pytest.fixture(scope="module")
def previewed(tmp_path_factory) -> BuiltSite:
    return preview_build(tmp_path_factory.mktemp("drafts-preview") / "output", FIXTURES / "drafts")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "drafts", "--date", DAY)


def listed_drafts(site: BuiltSite) -> dict[str, tuple[str, str, str]]:
    """title → (kind, source file, address), as the drafts page shows them."""
    found = {}
    for card in site.page(DRAFTS_PAGE).xpath("//main//li[h2]"):
        link = card.xpath("h2/a")[0]
        kind = text_of(card.xpath("p")[0]).split(" · ")[0]
        source = text_of(card.xpath("p/code")[0])
        found[text_of(link)] = (kind, source, link.get("href"))
    return found


def indexed_urls(site: BuiltSite) -> set[str]:
    """The addresses Pagefind's index holds (each fragment: gzip, a prefix, JSON)."""
    urls = set()
    for fragment in (site.root / "pagefind" / "fragment").iterdir():
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        urls.add(json.loads(text.removeprefix("pagefind_dcd"))["url"])
    return urls


def test_the_drafts_page_lists_each_draft_with_its_kind_file_and_address(previewed):
    assert listed_drafts(previewed) == DRAFTS
    for _, _, address in DRAFTS.values():
        assert previewed.file(address).is_file(), address


def test_the_drafts_page_is_in_the_sites_theme_and_never_indexed(previewed):
    page = previewed.page(DRAFTS_PAGE)
    assert text_of(page.xpath("//h1")[0]) == "Brouillons"
    assert page.xpath("//header[@class='site-header']") and page.xpath("//footer")
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not page.xpath("//*[@data-pagefind-body]")
    assert "/brouillons/" not in indexed_urls(previewed)
    assert "brouillons/" not in previewed.file("sitemap.xml").read_text(encoding="utf-8")


def test_every_link_of_the_drafts_and_their_page_works(previewed):
    """Beyond the theme's menu and footer (this small site has none of their
    pages): a draft event's calendar file, for one, is there."""
    found = find_broken_links(previewed.root, "")
    theme = {link.target for link in found if link.page == "une-page/index.html"}
    assert [str(link) for link in found if link.target not in theme] == []


def test_without_drafts_the_page_says_how_to_write_one(tmp_path):
    site = preview_build(tmp_path / "output", FIXTURES / "feeds")
    main = text_of(site.page(DRAFTS_PAGE).xpath("//main")[0])
    assert "Aucun brouillon pour l’instant." in main
    assert "Status: draft" in main
    assert "Brouillons" not in site.result.stdout


def test_make_build_prints_the_drafts_with_their_addresses(previewed):
    lines = previewed.result.stdout.splitlines()
    start = lines.index("Brouillons (visibles seulement dans l’aperçu, make serve) : /brouillons/")
    assert lines[start + 1 : start + 4] == [
        f"  - {title} — {address} ({source})" for title, (_, source, address) in DRAFTS.items()
    ]


def test_production_publishes_no_draft_and_no_drafts_page(published):
    assert not (published.root / "brouillons").exists()
    assert "Brouillons" not in published.result.stdout
    texts = [
        path.read_text(encoding="utf-8")
        for path in published.root.rglob("*")
        if path.is_file() and path.name.endswith(TEXT_FILES)
    ]
    assert any("Journée d’étude" in text for text in texts)  # what is published is there
    leaked = [title for title in DRAFTS if any(title in text for text in texts)]
    assert leaked == []
    assert not [url for url in indexed_urls(published) if "brouillons" in url]


@pytest.mark.java
def test_the_preview_with_its_drafts_page_is_valid_html(previewed, tmp_path):
    empty = preview_build(tmp_path / "output", FIXTURES / "feeds")
    assert previewed.file(DRAFTS_PAGE).is_file() and empty.file(DRAFTS_PAGE).is_file()
    assert html_errors(previewed.root) == []
    assert html_errors(empty.root / "brouillons") == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_the_drafts_page(previewed, browser, scheme, width):
    server = start_server(previewed.root, free_port())
    address = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{address}/{DRAFTS_PAGE}")
        result = Axe().run(page, options=AXE_OPTIONS)
        assert result.violations_count == 0, result.generate_report()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    finally:
        context.close()
        server.shutdown()
        server.server_close()
