"""What a visitor sees first, on every page of the built site: a compact header
(the menu behind a « Menu » button on phones, in the header's row on a
computer), the page's title in the first screen of the smallest phone, and
headings that stay with their text."""

import pytest
from test_browser import page_urls

pytestmark = pytest.mark.browser

PHONES = [(390, 844), (320, 640)]
MAX_HEADER_SHARE = 0.20  # of the screen's height
ALIGNED = 4  # px: how far apart the centres of the header's row may be

FIRST_SCREEN = """() => {
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  return {header: box("body > header").height, title: box("main h1").bottom};
}"""

# Each h2 and h3 of the content with the boxes just before it (its section's, when
# it opens one) and just after it: the space above and below it as drawn.
HEADING_SPACES = """() => {
  const main = document.querySelector("main");
  const drawn = (element) => element.getClientRects().length > 0;
  // What is drawn above the heading: not what sits beside it (a card's pictogram).
  const before = (element, top) => {
    while (element !== main) {
      let previous = element.previousElementSibling;
      while (previous && (!drawn(previous) || previous.getBoundingClientRect().bottom > top + 1)) {
        previous = previous.previousElementSibling;
      }
      if (previous) return previous;
      element = element.parentElement;
    }
    return null;
  };
  return [...main.querySelectorAll("h2, h3")].flatMap((heading) => {
    const previous = before(heading, heading.getBoundingClientRect().top);
    const next = heading.nextElementSibling;
    if (!previous || !next || !drawn(next)) return [];
    const box = heading.getBoundingClientRect();
    return [{
      heading: heading.textContent.trim(),
      above: box.top - previous.getBoundingClientRect().bottom,
      below: next.getBoundingClientRect().top - box.bottom,
    }];
  });
}"""


@pytest.mark.parametrize("width, height", PHONES)
def test_on_a_phone_the_header_is_small_and_the_title_in_the_first_screen(
    served_site, browser, width, height
):
    page = browser.new_page(viewport={"width": width, "height": height})
    problems = []
    for url in page_urls(served_site):
        page.goto(url)
        found = page.evaluate(FIRST_SCREEN)
        if found["header"] > MAX_HEADER_SHARE * height:
            problems.append(f"{url}: the header takes {found['header']:.0f} of {height} px")
        if found["title"] > height:
            problems.append(f"{url}: the h1 ends {found['title']:.0f} px down")
    page.close()
    assert problems == [], "\n".join(problems)


def test_a_short_page_keeps_its_footer_at_the_bottom_of_the_screen(served_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    page.goto(f"{served_site.siteurl}/page-qui-n-existe-pas/")  # the 404 page: short
    bottom = page.evaluate("document.querySelector('body > footer').getBoundingClientRect().bottom")
    page.close()
    assert bottom >= 1399


def test_on_a_computer_the_header_is_one_row(served_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{served_site.siteurl}/")
    assert not page.get_by_text("Menu", exact=True).is_visible(), "no button: the links show"
    boxes = page.evaluate(
        """() => [".wordmark svg", ".site-nav a", ".site-header__search"].flatMap(
             (selector) => [...document.querySelectorAll(selector)].map((element) => {
               const box = element.getBoundingClientRect();
               const middle = box.top + box.height / 2;
               return {what: element.textContent.trim() || selector, middle};
             }))"""
    )
    page.close()
    assert len(boxes) > 3, "the emblem, the menu's links and the search"
    middles = [box["middle"] for box in boxes]
    assert max(middles) - min(middles) <= ALIGNED, boxes


def disclosure_state(context, page) -> dict:
    """Role and state of the menu button as the browser gives them to screen readers."""
    nodes = context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    button = next(
        node
        for node in nodes
        if node.get("name", {}).get("value") == "Menu" and not node.get("ignored")
    )
    states = {item["name"]: item["value"]["value"] for item in button.get("properties", [])}
    return {"role": button["role"]["value"], "expanded": states.get("expanded")}


def test_the_phone_menu_opens_with_the_keyboard_without_javascript(served_site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site.siteurl}/objectifs/")
    links = page.locator("nav[aria-label='Navigation principale'] a")
    assert not links.first.is_visible(), "closed at first: the page shows"
    for _ in range(3):  # the skip link, the home link, the menu button
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    assert disclosure_state(context, page) == {"role": "DisclosureTriangle", "expanded": False}
    page.keyboard.press("Enter")
    assert disclosure_state(context, page)["expanded"] is True
    assert links.first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.site-nav')"), "then its links"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert disclosure_state(context, page)["expanded"] is False
    assert not links.first.is_visible()
    context.close()


def test_the_phone_menu_closes_as_menus_do(served_site, browser):
    """With its script (theme/static/js/menu.js), the menu closes on Escape (the
    focus back on its button), on a tap outside it and once a link is chosen."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{served_site.siteurl}/actions/")
    is_open = "document.querySelector('details.site-menu').open"
    for _ in range(3):  # the skip link, the home link, the menu button
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(is_open) and page.evaluate("!!document.activeElement.closest('.site-nav')")
    page.keyboard.press("Escape")
    assert not page.evaluate(is_open)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menu"
    page.keyboard.press("Enter")
    assert page.evaluate(is_open)
    page.mouse.click(195, 800)  # the page, below the open menu
    assert not page.evaluate(is_open)
    # A link chosen: the page stays here (the test holds it), the menu closes.
    page.evaluate(
        "addEventListener('click', (e) => e.target.closest('a') && e.preventDefault(), true)"
    )
    page.focus("details.site-menu > summary")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.url == f"{served_site.siteurl}/actions/"
    assert not page.evaluate(is_open)
    page.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_headings_are_closer_to_their_text_than_to_what_comes_before(served_site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    problems, measured = [], 0
    for url in page_urls(served_site):
        page.goto(url)
        for space in page.evaluate(HEADING_SPACES):
            measured += 1
            if space["above"] <= space["below"]:
                problems.append(f"{url} « {space['heading']} »: {space}")
    page.close()
    assert measured > 30
    assert problems == [], "\n".join(problems)
