"""What editors paste never breaks the layout: a phone photo (4,000 × 3,000 px),
an address copied whole, a word without a break, a wide table, a long line of
code, on every template (home, each kind of page, news, event, listings) and in
feed readers that bring no stylesheet, at 320, 390 and 1,280 px."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, BuiltSite, layout_content, run_build
from lxml import etree
from test_browser import AXE_OPTIONS

from bimoc.serve import free_port, start_server

pytestmark = pytest.mark.browser

WIDTHS = [320, 390, 1280]
ATOM = {"atom": "http://www.w3.org/2005/Atom"}

# Every box of the page that reaches past the screen's right edge, the page's own
# width, and every content photo's box.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const wider = [...document.querySelectorAll("body *")]
    .filter((element) => element.getBoundingClientRect().right > width + 0.5)
    .filter((element) => !element.closest(".visually-hidden"))
    .filter((element) => ![...element.children].some(
      (child) => child.getBoundingClientRect().right > width + 0.5))
    .map((element) => element.outerHTML.slice(0, 120));
  const photos = [...document.querySelectorAll("main img")].map((image) => {
    const box = image.getBoundingClientRect();
    return {left: box.left, right: box.right, width: box.width, figure: !!image.closest("figure")};
  });
  return {overflow: document.documentElement.scrollWidth - width, wider, photos};
}"""


@pytest.fixture(scope="module")
def layout_site(tmp_path_factory):
    """tests/fixtures/layout with an editor's phone photo, built for production and served."""
    folder = tmp_path_factory.mktemp("layout")
    content = layout_content(folder)
    port = free_port()
    siteurl = f"http://127.0.0.1:{port}"
    output = folder / "output"
    result = run_build(
        output, "--production", "--content", str(content), "--date", "2027-01-20", siteurl=siteurl
    )
    assert result.returncode == 0, result.stderr
    server = start_server(output, port)
    yield BuiltSite(output, siteurl, result)
    server.shutdown()
    server.server_close()


def test_the_fixture_puts_the_photo_on_every_template(layout_site):
    """Each template that shows an editor's text shows the photo: the layout test
    below measures it everywhere (a template that dropped the text would pass)."""
    shown = {
        layout_site.url_of(path)
        for path in layout_site.html_files()
        if 'alt="La salle de la médiathèque"' in path.read_text(encoding="utf-8")
    }
    pages = [path.stem for path in (FIXTURES / "layout" / "pages").glob("*.md")]
    expected = {"" if slug == "accueil" else f"{slug}/" for slug in pages}
    expected |= {"actualites/2026/une-actualite-avec-une-photo-de-telephone/"}
    expected |= {"agenda/2027/un-rendez-vous-avec-une-photo-de-telephone/"}
    assert expected <= shown


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_an_editor_pastes_makes_a_page_scroll_sideways(layout_site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    problems = []
    for path in layout_site.html_files():
        url = layout_site.url_of(path)
        page.goto(f"{layout_site.siteurl}/{url}")
        found = page.evaluate(MEASURE)
        if found["overflow"] > 0:
            problems.append(f"/{url}: {found['overflow']} px too wide: {found['wider'][:3]}")
        for photo in found["photos"]:
            if photo["left"] < 0 or photo["right"] > width + 0.5:
                problems.append(f"/{url}: a photo spans {photo['left']}–{photo['right']} px")
            if photo["figure"] and photo["width"] < min(width, 640) * 0.6:
                problems.append(f"/{url}: the photo is shrunk to {photo['width']} px")
    page.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("width", WIDTHS)
def test_photos_fit_in_a_feed_reader_without_a_stylesheet(layout_site, browser, width):
    """The entry as a reader that shows its HTML as sent (a mail client) draws it."""
    feed = etree.parse(layout_site.file("flux/actualites.atom.xml"))
    entry = feed.findtext("atom:entry/atom:content", namespaces=ATOM)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.route(
        f"{layout_site.siteurl}/lecteur",
        lambda route: route.fulfill(body=entry, content_type="text/html"),
    )
    page.goto(f"{layout_site.siteurl}/lecteur")
    boxes = page.evaluate(
        "() => [...document.images].map((image) => image.getBoundingClientRect().right)"
    )
    page.close()
    assert len(boxes) == 3
    assert max(boxes) <= width, f"a photo reaches {max(boxes)} px on a {width} px screen"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_scrolling_table_and_the_caption_pass_axe_on_a_phone(layout_site, browser, scheme):
    """The table's box takes the keyboard focus and has a name; captions are readable."""
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    page.goto(f"{layout_site.siteurl}/page/")
    assert page.locator("main .table-scroll").evaluate("box => box.scrollWidth > box.clientWidth")
    result = Axe().run(page, options=AXE_OPTIONS)
    context.close()
    assert result.violations_count == 0, result.generate_report()
