"""The agenda: event pages in French, upcoming and past by the build date, an
iCalendar feed (RFC 5545) calendar apps subscribe to, and the events' Atom feed."""

import datetime
import json
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import lxml.etree
import lxml.html
import pytest
from conftest import (
    FIXTURES,
    TEST_SITEURL,
    VERIFIED_MEETINGS,
    BuiltSite,
    build_fixture,
    run_build,
    text_of,
)
from test_feeds import atom_schema

from plugins.common.typography import typeset_text

# Titles are typeset where they are read (« » get their narrow no-break spaces),
# so that calendars and structured data show the same text as the pages.
HOSTILE_TITLE = typeset_text('Concert, débat; « "}]} ]]> » & co')

PARIS = ZoneInfo("Europe/Paris")
BUILD_DATE = "2027-03-05"  # the day of the timed event: it is still to come
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def agenda(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "agenda", "--date", BUILD_DATE)


def calendar(site, url="agenda/agenda.ics") -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(site.file(url).read_bytes())


def events_by_title(site) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in calendar(site).walk("VEVENT")}


def test_timed_event_has_times_in_paris(agenda):
    event = events_by_title(agenda)["Journée d’étude sur les fonds sonores"]
    assert event.decoded("DTSTART") == datetime.datetime(2027, 3, 5, 9, 30, tzinfo=PARIS)
    assert event.decoded("DTEND") == datetime.datetime(2027, 3, 5, 16, 30, tzinfo=PARIS)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert (
        str(event["LOCATION"])
        == "Médiathèque José-Cabanis, 1 allée Jacques-Chaban-Delmas, Toulouse"
    )


def test_all_day_and_multi_day_events_are_dates_with_exclusive_end(agenda):
    events = events_by_title(agenda)
    assert events["Atelier d’écoute"].decoded("DTSTART") == datetime.date(2027, 4, 10)
    assert events["Atelier d’écoute"].decoded("DTEND") == datetime.date(2027, 4, 11)
    assert events["Rencontres régionales"].decoded("DTSTART") == datetime.date(2027, 5, 20)
    assert events["Rencontres régionales"].decoded("DTEND") == datetime.date(2027, 5, 23)


def test_calendar_declares_paris_with_yearly_rules(agenda):
    zones = calendar(agenda).walk("VTIMEZONE")
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Paris"]
    rules = [part["RRULE"] for part in zones[0].subcomponents]
    assert all(rule["FREQ"] == ["YEARLY"] for rule in rules) and len(rules) == 2


def test_raw_calendar_uses_crlf_folding_and_escaping(agenda):
    raw = agenda.file("agenda/agenda.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "long lines are folded"
    unfolded = raw.replace(b"\r\n ", b"")
    escaped = HOSTILE_TITLE.replace(",", "\\,").replace(";", "\\;")
    assert f"SUMMARY:{escaped}".encode() in unfolded
    hostile = events_by_title(agenda)[HOSTILE_TITLE]
    assert str(hostile["LOCATION"]) == "Salle des fêtes, côté jardin; entrée libre, Carmaux"
    assert str(hostile["DESCRIPTION"]).startswith(
        'Virgules, points-virgules; et "}]} dans le résumé.\n\n'
    )


def test_uids_are_unique_stable_and_builds_identical(agenda, tmp_path):
    uids = [str(event["UID"]) for event in calendar(agenda).walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 5
    assert "bimoc-agenda-2027-01-10-journee-detude-sur-les-fonds-sonores@acim.asso.fr" in uids
    again = run_build(
        tmp_path / "o", "--production", "--content", str(FIXTURES / "agenda"), "--date", BUILD_DATE
    )
    assert again.returncode == 0
    for url in ("agenda/agenda.ics", "flux/agenda.atom.xml", "agenda/index.html"):
        assert (tmp_path / "o" / url).read_bytes() == agenda.file(url).read_bytes(), url


def test_each_event_has_its_own_calendar_file(agenda):
    page = agenda.page("agenda/2027/atelier-decoute/")
    link = page.xpath("//a[normalize-space()='Ajouter à mon agenda']/@href")[0]
    single = calendar(agenda, link.removeprefix(agenda.siteurl))
    assert [str(event["SUMMARY"]) for event in single.walk("VEVENT")] == ["Atelier d’écoute"]


def test_calendar_files_are_written_as_icalendar_writes_them(agenda):
    """The plugin writes each event once and puts the files together: each
    file is still, byte for byte, what icalendar writes for the whole calendar."""
    files = sorted(agenda.root.rglob("*.ics"))
    assert len(files) > 2
    for path in files:
        raw = path.read_bytes()
        assert icalendar.Calendar.from_ical(raw).to_ical() == raw, path


def test_upcoming_soonest_first_and_past_by_year_in_the_history(agenda):
    page = agenda.page("agenda/")
    upcoming = [text_of(a) for a in page.xpath("//section[@aria-labelledby='a-venir']//h3/a")]
    assert upcoming == [
        "Journée d’étude sur les fonds sonores",
        "Atelier d’écoute",
        "Rencontres régionales",
        'Concert, débat; « "}]} ]]> » & co',
    ]
    assert f"{agenda.siteurl}/agenda/historique/" in page.xpath("//main//a/@href")
    history = agenda.page("agenda/historique/").xpath("//main")[0]
    assert [text_of(h) for h in history.xpath(".//h2")] == ["2026"]
    # The past meeting is told by its report.
    assert [text_of(a) for a in history.xpath(".//h3/a")] == [
        "Compte rendu de la réunion de janvier"
    ]


def test_event_page_says_when_and_where_in_french(agenda):
    page = agenda.page("agenda/2027/journee-detude-sur-les-fonds-sonores/")
    when = page.xpath("//dl[@class='event-facts']//time")[0]
    assert when.text == f"vendredi 5 mars 2027, 9{NBSP}h{NBSP}30 – 16{NBSP}h{NBSP}30"
    assert when.get("datetime") == "2027-03-05T09:30:00+01:00"
    facts = text_of(page.xpath("//dl[@class='event-facts']")[0])
    assert "Médiathèque José-Cabanis, 1 allée Jacques-Chaban-Delmas, Toulouse" in facts
    assert page.xpath("//a[@href='https://inscription.example/journee']")
    multi = agenda.page("agenda/2027/rencontres-regionales/").xpath("//dl//time")[0]
    assert multi.text == "du jeudi 20 au samedi 22 mai 2027"


def test_past_meeting_links_to_its_report(agenda):
    page = agenda.page("agenda/2026/reunion-de-janvier/")
    assert f"{agenda.siteurl}/actualites/2026/compte-rendu-de-la-reunion-de-janvier/" in page.xpath(
        "//a/@href"
    )
    assert "(passé)" in text_of(page.xpath("//dl")[0])


def test_event_json_ld_parses_and_survives_hostile_text(agenda):
    html = agenda.file("agenda/2027/concert-debat-co/").read_text(encoding="utf-8")
    # Event, BreadcrumbList, the menu's script (theme/static/js/menu.js)... and none from text.
    assert html.count("<script") == html.count("</script>") == 3
    page = agenda.page("agenda/2027/concert-debat-co/")
    data = {
        d["@type"]: d
        for d in map(json.loads, page.xpath("//script[@type='application/ld+json']/text()"))
    }
    event = data["Event"]
    assert event["name"] == HOSTILE_TITLE
    assert event["startDate"] == "2027-06-01T20:00:00+02:00"
    assert event["location"]["address"]["addressLocality"] == "Carmaux"


def test_events_atom_feed_is_valid_newest_announced_first(agenda):
    document = lxml.etree.parse(str(agenda.file("flux/agenda.atom.xml")))
    assert atom_schema().validate(document)
    feed = feedparser.parse(agenda.file("flux/agenda.atom.xml").read_bytes())
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries][:2] == [
        "Rencontres régionales",
        "Atelier d’écoute",
    ]
    assert all(entry.id.startswith("tag:acim.asso.fr,2026:bimoc/agenda/") for entry in feed.entries)
    assert feed.feed.subtitle == "Les rendez-vous annoncés par BIMOC."
    first = lxml.html.fromstring(feed.entries[0].content[0].value)
    assert (
        text_of(first.xpath("//p")[0])
        == "du jeudi 20 au samedi 22 mai 2027 — Médiathèque Odyssud, Blagnac"
    )


def test_home_shows_the_next_events_the_agenda_says_there_are_none(agenda, tmp_path):
    section = agenda.page("").xpath("//section[@aria-labelledby='prochains-rendez-vous']")[0]
    assert [text_of(a) for a in section.xpath(".//h3/a")] == [
        "Journée d’étude sur les fonds sonores",
        "Atelier d’écoute",
        "Rencontres régionales",
    ]
    later = run_build(
        tmp_path / "o",
        "--production",
        "--content",
        str(FIXTURES / "agenda"),
        "--date",
        "2028-01-01",
    )
    assert later.returncode == 0
    built = BuiltSite(tmp_path / "o", TEST_SITEURL)
    assert (
        text_of(built.page("agenda/").xpath("//main")[0]).count("Aucun rendez-vous n’est annoncé")
        == 1
    )
    home = built.page("")  # says nothing of what is not there
    assert not home.xpath("//section[@aria-labelledby='prochains-rendez-vous']")
    assert "Aucun rendez-vous" not in text_of(home)


def test_real_meetings_link_to_their_reports(site):
    for event, report in VERIFIED_MEETINGS.items():
        assert f"{site.siteurl}/{report}" in site.page(event).xpath("//main//a/@href"), event


# Cancelled and postponed events

STATES = {  # event page → (state shown, iCalendar STATUS, schema.org eventStatus)
    "agenda/2027/rencontre-de-printemps/": ("Annulé", "CANCELLED", "EventCancelled"),
    "agenda/2027/atelier-decoute/": (
        "Reporté : la nouvelle date sera annoncée ici",
        "TENTATIVE",
        "EventPostponed",
    ),
    "agenda/2027/journee-detude/": (None, "CONFIRMED", "EventScheduled"),
}


@pytest.fixture(scope="module")
def states(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "event_states", "--date", BUILD_DATE)


@pytest.mark.parametrize("url", STATES)
def test_a_cancelled_or_postponed_event_says_so_everywhere(states, url):
    shown, ics_status, schema_status = STATES[url]
    page = states.page(url)
    assert [text_of(p) for p in page.xpath("//main//p[@class='event-state']")] == (
        [shown] if shown else []
    )
    event = json.loads(page.xpath("//script[@type='application/ld+json']/text()")[0])
    assert event["eventStatus"] == f"https://schema.org/{schema_status}"
    slug = url.rstrip("/").rsplit("/", 1)[1]
    own = calendar(states, f"{url}{slug}.ics").walk("VEVENT")[0]
    assert str(own["STATUS"]) == ics_status
    title = text_of(page.xpath("//h1")[0])
    in_agenda = [e for e in calendar(states).walk("VEVENT") if str(e["SUMMARY"]) == title]
    assert [str(e["STATUS"]) for e in in_agenda] == [ics_status]


def test_the_agenda_and_its_feed_show_the_state_first(states):
    cards = states.page("agenda/").xpath("//section[@aria-labelledby='a-venir']//li")
    metas = {text_of(c.xpath(".//h3")[0]): text_of(c.xpath(".//p")[0]) for c in cards}
    assert metas["Rencontre de printemps"].startswith("Annulé · ")
    # The date shown is the one given up, not a new one.
    assert metas["Atelier d’écoute"].startswith("Reporté · date initiale : ")
    assert not metas["Journée d’étude"].startswith(("Annulé", "Reporté"))
    feed = feedparser.parse(states.file("flux/agenda.atom.xml").read_bytes())
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == [
        f"Annulé{NBSP}: Rencontre de printemps",
        "Journée d’étude",
        f"Reporté{NBSP}: Atelier d’écoute",
    ]
    cancelled = next(e for e in feed.entries if e.title.startswith("Annulé"))
    assert lxml.html.fromstring(cancelled.content[0].value).text_content().startswith("Annulé — ")
