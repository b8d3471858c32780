"""The built site in a real browser (Debian's Chromium), served with the
production CSP: axe-core, keyboard, no JavaScript, no other host, no console error."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, run_build

from bimoc.serve import free_port, start_server

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}
MIN_TARGET = 24  # px, WCAG 2.2 target size (minimum)


def page_urls(site) -> list[str]:
    return [f"{site.siteurl}/{site.url_of(path)}" for path in site.html_files()]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(served_site, browser, scheme, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    problems = []
    for url in page_urls(served_site):
        page.goto(url)
        result = axe.run(page, options=AXE_OPTIONS)
        if result.violations_count:
            problems.append(f"{url}\n{result.generate_report()}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{url}: {overflow}px wider than the screen")
    context.close()
    assert problems == [], "\n".join(problems)


def test_no_console_error_and_no_other_host_under_the_strict_csp(served_site, browser):
    context = browser.new_context()
    errors, foreign = [], []
    origin = urlsplit(served_site.siteurl).netloc

    def on_request(request):
        if (
            urlsplit(request.url).scheme in ("http", "https")
            and urlsplit(request.url).netloc != origin
        ):
            foreign.append(request.url)

    context.on("request", on_request)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    for url in page_urls(served_site) + [f"{served_site.siteurl}/page-qui-n-existe-pas/"]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
    context.close()
    # The unknown address answers 404 with the site's page: the only expected error.
    assert [e for e in errors if "404" not in e] == []
    assert len(errors) == 1
    assert foreign == []


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                text: el.textContent.trim(),
                landmark: el.closest(".site-nav")
                    ? "nav"
                    : el.closest("main, header, footer")?.tagName.toLowerCase() ?? null,
                outline: style.outlineStyle !== "none" ? parseFloat(style.outlineWidth) : 0,
            };
        }"""
    )


@pytest.mark.parametrize("path", ["", "actualites/2008/reunion-du-14-fevrier-2008/"])
def test_keyboard_walk_skip_link_then_navigation_then_content(served_site, browser, path):
    page = browser.new_page()
    page.goto(f"{served_site.siteurl}/{path}")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Aller au contenu" and first["outline"] >= 2
    walk = []
    for _ in range(14):
        page.keyboard.press("Tab")
        walk.append(focused(page))
        if walk[-1]["landmark"] == "main":
            break
    assert all(step["outline"] >= 2 for step in walk), "focus always visible"
    landmarks = [step["landmark"] for step in walk]
    assert landmarks[0] == "header", "the home link of the header"
    assert landmarks[1:7] == ["nav"] * 6, "then the six items of the main navigation"
    assert landmarks[7:-1] == ["header"], "the header's search link"
    assert landmarks[-1] == "main"
    # The skip link itself moves focus into the content.
    page.goto(f"{served_site.siteurl}/{path}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused(page)["landmark"] == "main"
    page.close()


def test_mobile_navigation_works_without_javascript(served_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site.siteurl}/")
    links = page.locator("nav[aria-label='Navigation principale'] a")
    assert links.count() == 6
    page.get_by_text("Menu", exact=True).click()
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert links.nth(index).is_visible()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET
    assert page.evaluate("document.documentElement.scrollWidth") == 320
    page.get_by_role("link", name="Actualités", exact=True).first.click()
    assert page.url == f"{served_site.siteurl}/actualites/"
    assert page.locator("h1").inner_text() == "Actualités"
    context.close()


@pytest.fixture(scope="module")
def upcoming_site(tmp_path_factory):
    """The agenda fixture served while its events are still to come."""
    port = free_port()
    output = tmp_path_factory.mktemp("upcoming") / "output"
    siteurl = f"http://127.0.0.1:{port}"
    result = run_build(
        output,
        "--production",
        "--content",
        str(FIXTURES / "agenda"),
        "--date",
        "2027-03-05",
        siteurl=siteurl,
    )
    assert result.returncode == 0, result.stderr
    server = start_server(output, port)
    yield siteurl
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_upcoming_events(upcoming_site, browser, scheme):
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in [
        "",
        "agenda/",
        "agenda/2027/journee-detude-sur-les-fonds-sonores/",
        "agenda/2027/rencontres-regionales/",
    ]:
        page.goto(f"{upcoming_site}/{path}")
        result = Axe().run(page, options=AXE_OPTIONS)
        if result.violations_count:
            problems.append(f"{path}\n{result.generate_report()}")
    context.close()
    assert problems == [], "\n".join(problems)
