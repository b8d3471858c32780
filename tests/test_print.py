"""A page printed, even from a device in dark mode: dark on white (text,
links, emblem), no controls (menu, search, calendar files), the addresses of
other sites written after their links."""

import re

import pytest

pytestmark = pytest.mark.browser

MIN_CONTRAST = 4.5  # WCAG AA, normal text
WHITE = (255, 255, 255)
# Pages with links to other sites, an event's calendar file, the agenda's subscriptions.
PAGES = ["qui-sommes-nous/", "agenda/2015/reunion-du-12-mars-2015/", "agenda/"]

# Every drawn element's colour (links, text, the emblem drawn in currentColor) and
# background, and whether its own text is shown.
COLOURS = """() => [...document.querySelectorAll("body, body *")]
  .filter((element) => element.getClientRects().length > 0)
  .map((element) => {
    const style = getComputedStyle(element);
    const name = element.getAttribute("class") || element.textContent.trim().slice(0, 30);
    return {
      what: `${element.tagName} ${name}`,
      color: style.color,
      background: style.backgroundColor,
      text: [...element.childNodes].some((node) => node.nodeType === 3 && node.data.trim()),
      emblem: element.matches(".wordmark svg"),
    };
  })"""


def rgb(colour: str) -> tuple[int, ...]:
    """(r, g, b) of a computed 'rgb(…)' or 'rgba(…)'; alpha 0 is no colour at all."""
    values = [float(v) for v in re.findall(r"[\d.]+", colour)]
    return () if len(values) == 4 and values[3] == 0 else tuple(round(v) for v in values[:3])


def luminance(colour: tuple[int, ...]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: tuple[int, ...], other: tuple[int, ...]) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def printed(served_site, browser):
    """A page of the site as printed from a device in dark mode."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.emulate_media(media="print", color_scheme="dark")
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES)
def test_printed_from_dark_mode_it_is_dark_on_white(served_site, printed, path):
    printed.goto(f"{served_site.siteurl}/{path}")
    problems = []
    for element in printed.evaluate(COLOURS):
        background = rgb(element["background"])
        if background and background != WHITE:
            problems.append(f"{element['what']}: background {element['background']}")
        ratio = contrast(rgb(element["color"]), WHITE)
        if (element["text"] or element["emblem"]) and ratio < MIN_CONTRAST:
            problems.append(f"{element['what']}: {element['color']}, {ratio:.1f}:1 on white")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("path", PAGES)
def test_printed_pages_have_no_controls(served_site, printed, path):
    printed.goto(f"{served_site.siteurl}/{path}")
    for control in [
        "nav[aria-label='Navigation principale']",
        "summary",
        "a[href$='/rechercher/']",
        "[role='search']",
        "nav[aria-label='Fil d’Ariane']",
        "a[download]",
        "a[href^='webcal:']",
    ]:
        found = printed.locator(control)
        assert all(not found.nth(i).is_visible() for i in range(found.count())), control
    assert printed.locator("main h1").is_visible()


def test_printed_links_to_other_sites_show_their_address(served_site, printed):
    printed.goto(f"{served_site.siteurl}/qui-sommes-nous/")
    links = printed.evaluate(
        """() => [...document.querySelectorAll("main a[href^='http']")].map((link) => ({
             href: link.getAttribute("href"), after: getComputedStyle(link, "::after").content}))"""
    )
    own = [link for link in links if link["href"].startswith(f"{served_site.siteurl}/")]
    others = [link for link in links if link not in own]
    assert own and others
    assert all(link["after"] == f'" ({link["href"]})"' for link in others), others
    assert all(link["after"] == "none" for link in own), "this site's links keep their text only"
