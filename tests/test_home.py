"""The home page leads its visitors: who the group is and two next steps in the
first screen, its actions as entry points, what is current only when there is
some (news of the last twelve months, events to come), else a way into its
history. The history lists each past meeting once, by its report once
published; a report says « Réunion du … »; a past event is no longer offered to
calendars; an agenda with nothing to come says so once. Built from
fixtures/home/ on two days, and the real home page in Chromium."""

import datetime
from types import SimpleNamespace

import icalendar
import lxml.html
import pytest
from conftest import build_fixture, text_of

from plugins.agenda.agenda import history_title, recent, year_before

LIVELY = "2027-03-01"  # a news item of January, a seminar's report of February, a meeting in May
DORMANT = "2029-01-01"  # nothing in the twelve months before, nothing to come
HISTORY = "agenda/historique/"
# A phone's header may take up to this much of the first screen (the quality bar:
# 20 % of 844 px); the band and its next steps must fit under it.
MAX_HEADER = 169


@pytest.fixture(scope="module")
def lively(tmp_path_factory):
    return build_fixture(tmp_path_factory, "home", "--date", LIVELY)


@pytest.fixture(scope="module")
def dormant(tmp_path_factory):
    return build_fixture(tmp_path_factory, "home", "--date", DORMANT)


def tostring(element) -> str:
    return lxml.html.tostring(element, encoding="unicode", with_tail=False)


def hrefs(site, element, path: str = ".//a/@href") -> list[str]:
    return [href.removeprefix(f"{site.siteurl}/") for href in element.xpath(path)]


def section(page, heading_id: str):
    found = page.xpath(f"//section[@aria-labelledby='{heading_id}']")
    return found[0] if found else None


def test_recent_news_and_coming_events_are_on_the_home_page(lively):
    home = lively.page("")
    assert hrefs(lively, section(home, "dernieres-actualites"), ".//h3/a/@href") == [
        "actualites/2027/compte-rendu-du-seminaire/",
        "actualites/2027/une-nouvelle-recente/",
    ]
    coming = section(home, "prochains-rendez-vous")
    assert [text_of(a) for a in coming.xpath(".//h3/a")] == ["Prochaine réunion"]
    assert "Une ancienne nouvelle" not in text_of(home), "news of 2015 are not current"


def test_with_nothing_current_the_home_leads_to_the_history(dormant):
    home = dormant.page("")
    assert section(home, "dernieres-actualites") is None
    assert section(home, "prochains-rendez-vous") is None
    assert "aucun rendez-vous" not in text_of(home).lower()
    strip = section(home, "historique")
    assert text_of(strip.xpath(".//h2")[0]) == "Les réunions de 2015 à 2027"
    # The years of the history come after the way to join: the group, then its past.
    order = [s.get("aria-labelledby") for s in home.xpath("//main/section")]
    assert order.index("historique") > order.index("rejoindre"), order
    years = hrefs(dormant, strip)
    assert years == [f"{HISTORY}#annee-{year}" for year in (2015, 2016, 2027)]
    history = dormant.page(HISTORY)
    assert all(history.get_element_by_id(link.partition("#")[2]) is not None for link in years)


@pytest.mark.parametrize(
    "published, shown",
    [
        (datetime.date(2027, 1, 10), True),  # twelve months to the day
        (datetime.date(2027, 1, 9), False),
        (datetime.date(2028, 3, 1), True),  # dated after the build: still news
    ],
)
def test_news_are_current_for_twelve_months(published, shown):
    article = SimpleNamespace(date=datetime.datetime.combine(published, datetime.time(9)))
    assert (recent([article], datetime.date(2028, 1, 10)) == [article]) is shown


@pytest.mark.parametrize(
    "years, title",
    [
        ([2006, 2007, 2015], "Les réunions de 2006 à 2015"),  # what they span, not « depuis »
        ([2015], "Les réunions de 2015"),
        ([], "Les réunions passées"),
    ],
)
def test_the_history_is_titled_by_the_years_it_spans(years, title):
    assert history_title([(year, []) for year in years]) == title


def test_a_year_before_the_29th_of_february_is_the_28th():
    assert year_before(datetime.date(2028, 2, 29)) == datetime.date(2027, 2, 28)


def test_the_actions_are_entry_points_with_their_drawing(lively):
    entries = lively.page("").xpath("//ul[@class='entry-points']/li")
    assert [(text_of(li.xpath(".//h3")[0]), hrefs(lively, li)) for li in entries] == [
        ("Médiatique", ["actions/#mediatique"]),
        ("Une action sans dessin", ["actions/#une-action-sans-dessin"]),
    ]
    assert text_of(entries[0].xpath(".//p")[0]) == "Un tremplin d’essai."
    drawings = [li.xpath("./svg[@aria-hidden='true']")[0] for li in entries]
    assert drawings[0].xpath(".//*[local-name()='rect']"), "the microphone"
    assert drawings[1].xpath(".//*[local-name()='circle']"), "the disc of the logo"


def test_the_actions_page_opens_with_a_sentence_draws_each_action_and_leads_to_joining(lively):
    page = lively.page("actions/")
    main = page.xpath("//main")[0]
    (first,) = main.xpath("./h1/following-sibling::*[1]")
    assert text_of(first) == "Deux actions pour les besoins des tests."
    for card in lively.page("").xpath("//ul[@class='entry-points']/li"):
        anchor = card.xpath(".//a/@href")[0].partition("#")[2]
        (drawing,) = page.get_element_by_id(anchor).xpath(
            "preceding-sibling::*[local-name()='svg']"
        )
        assert tostring(drawing) == tostring(card.xpath("./svg")[0]), "the home card's drawing"
    assert "actualites/2027/une-nouvelle-recente/" in hrefs(lively, main), "links resolved"
    last = main.xpath("./*[last()]")[0]
    assert text_of(last.xpath(".//h2")[0]) == "Vous voulez participer ?"
    assert hrefs(lively, last) == ["rejoindre/"]


def test_the_first_of_a_month_is_written_1er_in_pages_only(lively):
    card = lively.page("actualites/").xpath("//li[.//a[.='Une ancienne nouvelle']]//time")[0]
    assert tostring(card).endswith(">1<sup>er</sup> juin 2015</time>")
    meta = lively.page("actualites/2015/une-ancienne-nouvelle/").xpath("//p[@class='meta']")[0]
    assert meta.get("data-pagefind-meta") == "published:1er juin 2015", "plain text for search"
    assert "<sup>" not in lively.file("flux/actualites.atom.xml").read_text(encoding="utf-8")


def test_the_history_lists_each_past_meeting_once_by_its_report(dormant):
    page = dormant.page(HISTORY)
    assert text_of(page.xpath("//h1")[0]) == "Les réunions de 2015 à 2027"
    years = [section(page, f"annee-{year}") for year in (2015, 2016, 2027)]
    assert [text_of(s.xpath("./h2")[0]) for s in years] == ["2015", "2016", "2027"]
    assert [hrefs(dormant, s, ".//h3/a/@href") for s in years] == [
        ["actualites/2015/compte-rendu-de-mars/"],  # its report, not the event as well
        ["agenda/2016/reunion-sans-compte-rendu/"],  # no report: the event itself
        ["actualites/2027/compte-rendu-du-seminaire/", "agenda/2027/prochaine-reunion/"],
    ]
    cards = text_of(page.xpath("//main")[0])
    assert "jeudi 12 mars 2015 · CRL Midi-Pyrénées, Toulouse" in cards
    assert "du mercredi 10 au jeudi 11 février 2027 · Médiathèque Grand M, Toulouse" in cards
    assert "agenda/2015/reunion-de-mars/" not in hrefs(dormant, page.xpath("//main")[0])


def test_a_past_event_is_no_longer_offered_to_calendars(lively):
    past = lively.page("agenda/2015/reunion-de-mars/")
    assert not past.xpath("//a[normalize-space()='Ajouter à mon agenda']")
    assert "actualites/2015/compte-rendu-de-mars/" in hrefs(lively, past.xpath("//dl")[0])
    crumbs = [text_of(a) for a in past.xpath("//nav[@class='breadcrumb']//a")]
    assert crumbs == ["Accueil", "Agenda", "Les réunions de 2015 à 2027"]
    coming = lively.page("agenda/2027/prochaine-reunion/")
    assert coming.xpath("//a[normalize-space()='Ajouter à mon agenda']")
    calendar = icalendar.Calendar.from_ical(lively.file("agenda/agenda.ics").read_bytes())
    assert "Réunion de mars" in [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_a_meeting_report_says_when_the_meeting_was(lively):
    report = lively.page("actualites/2027/compte-rendu-du-seminaire/")
    meta = report.xpath("//article//p[@class='meta']")[0]
    assert text_of(meta) == "Réunion du 10 au 11 février 2027 · Comptes rendus"
    assert meta.xpath(".//time/@datetime") == ["2027-02-10"]
    news = lively.page("actualites/2027/une-nouvelle-recente/")
    assert text_of(news.xpath("//article//p[@class='meta']")[0]) == (
        "Publié le 10 janvier 2027 · Actualités"
    )
    cards = {
        text_of(card.xpath(".//h2")[0]): card.xpath(".//p[@class='card__meta']")[0].text_content()
        for card in lively.page("actualites/").xpath("//li[@class='card']")
    }
    # A date line never repeats its title: the item's date when the title says the
    # meeting's; the category's name on one line (no-break space).
    assert (
        cards["Compte rendu du séminaire"]
        == "Réunion du 10 au 11 février 2027 · Comptes\u00a0rendus"
    )
    assert (
        cards["Réunion du 12 mars 2015 : la réunion de mars"]
        == "12 mars 2015 · Comptes\u00a0rendus"
    )


def test_an_agenda_with_nothing_to_come_says_so_once_and_briefly(dormant, lively):
    main = dormant.page("agenda/").xpath("//main")[0]
    assert text_of(main).count("Aucun rendez-vous n’est annoncé") == 1
    assert not main.xpath(".//h2"), "no empty section, no calendar block"
    assert not [href for href in main.xpath(".//a/@href") if href.startswith("webcal:")]
    assert HISTORY in hrefs(dormant, main)
    assert [h for h in main.xpath(".//a/@href") if h.startswith("mailto:")], "whom to ask"
    coming = lively.page("agenda/").xpath("//main")[0]
    assert "Aucun rendez-vous" not in text_of(coming)
    assert [href for href in coming.xpath(".//a/@href") if href.startswith("webcal:")]


# The real home page in Chromium


FIRST_SCREEN = """() => {
  const box = (selector) => document.querySelector(selector).getBoundingClientRect();
  let names = 0;  // « BIMOC » as shown in the first screen
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (let at = node.data.indexOf("BIMOC"); at !== -1; at = node.data.indexOf("BIMOC", at + 5)) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 5);
      const shown = range.getBoundingClientRect();
      if (shown.width > 1 && shown.bottom > 0 && shown.top < innerHeight) names += 1;
    }
  }
  return {header: box(".site-header").bottom, band: box(".hero").top,
          actions: box(".hero__actions").bottom, names};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width, height", [(390, 844), (1280, 800)])
def test_the_band_and_its_next_steps_fit_the_first_screen(served_site, browser, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{served_site.siteurl}/")
    found = page.evaluate(FIRST_SCREEN)
    links = page.locator(".hero__actions a")
    targets = [(links.nth(i).inner_text(), links.nth(i).get_attribute("href")) for i in (0, 1)]
    page.close()
    assert targets == [
        ("Rejoindre le groupe", f"{served_site.siteurl}/rejoindre/"),
        ("Suivre l’actualité", f"{served_site.siteurl}/s-abonner/"),
    ]
    assert found["band"] - found["header"] <= 48, "the band starts right under the header"
    # Under the header as it is, and under one of MAX_HEADER px.
    assert found["actions"] <= height
    assert found["actions"] - found["header"] + MAX_HEADER <= height, found
    assert found["names"] <= 2, "the group's name is not repeated in the first screen"


# The boxes a visitor sees on the home page (the band, the actions, the way to
# join, the years), the header's row, each row of action cards and the band's buttons.
HOME_LAYOUT = """() => {
  const box = (element) => element.getBoundingClientRect();
  const shown = [".hero", ".entry-points", ".call-to-action", ".history-strip"]
    .map((selector) => box(document.querySelector(selector)));
  const list = document.querySelector(".entry-points");
  const rows = new Map();
  for (const card of [...list.children].map(box)) {
    const row = rows.get(Math.round(card.top)) ?? [];
    rows.set(Math.round(card.top), [...row, card]);
  }
  return {
    left: Math.min(...shown.map((b) => b.left)),
    right: innerWidth - Math.max(...shown.map((b) => b.right)),
    header: {left: box(document.querySelector(".wordmark")).left,
             right: innerWidth - box(document.querySelector(".site-header__inner")).right},
    list: {left: box(list).left, right: box(list).right},
    rows: [...rows.values()].map((row) => ({
      cards: row.length,
      left: Math.min(...row.map((card) => card.left)),
      right: Math.max(...row.map((card) => card.right)),
    })),
    buttons: [...document.querySelectorAll(".hero__actions a")].map((a) => box(a).top),
  };
}"""


@pytest.mark.browser
def test_on_a_computer_the_home_uses_the_width_under_the_header(served_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(f"{served_site.siteurl}/")
    found = page.evaluate(HOME_LAYOUT)
    # A page to read keeps its text's measure, its left edge the header's.
    page.goto(f"{served_site.siteurl}/actions/")
    text = page.evaluate(
        """() => [".wordmark", "main h1", "main p"].map(
             (selector) => document.querySelector(selector).getBoundingClientRect())"""
    )
    page.close()
    assert text[0]["left"] == text[1]["left"] == text[2]["left"], text
    assert text[2]["width"] < 800, "about 70 characters a line, not the screen's width"
    assert abs(found["left"] - found["right"]) <= 1, f"balanced margins: {found}"
    assert abs(found["left"] - found["header"]["left"]) <= 1, "aligned with the header's row"
    assert abs(found["right"] - found["header"]["right"]) <= 1, found
    assert [row["cards"] for row in found["rows"]] == [4], "the four actions side by side"
    assert len(set(found["buttons"])) == 1, "the two next steps on one row"


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390, 700, 1000, 1280])
def test_the_action_cards_fill_every_row(served_site, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{served_site.siteurl}/")
    found = page.evaluate(HOME_LAYOUT)
    page.close()
    edges = found["list"]
    for row in found["rows"]:  # no card left alone beside an empty space (3 + 1)
        assert abs(row["left"] - edges["left"]) <= 1 and abs(row["right"] - edges["right"]) <= 1, (
            found
        )
