"""iCalendar (RFC 5545) files of the agenda, built with the icalendar library
(CRLF, line folding, escaping). Everything comes from the content, nothing from
the build time: UIDs from the event's date and slug, DTSTAMP from its
announcement or last modification; so two builds give the same bytes."""

import datetime
from pathlib import Path

import icalendar

PRODID = "-//BIMOC//Agenda des Bibliothécaires musicaux d’Occitanie//FR"
UID_DOMAIN = "acim.asso.fr"


def paris_timezone() -> icalendar.Timezone:
    """Europe/Paris with yearly rules (the library's own lists dates up to 2038 only)."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Paris")
    hour = datetime.timedelta(hours=1)
    rules = [  # (part, first change, month of the change, offset before, after, name)
        (icalendar.TimezoneDaylight, datetime.datetime(1970, 3, 29, 2), 3, hour, 2 * hour, "CEST"),
        (icalendar.TimezoneStandard, datetime.datetime(1970, 10, 25, 3), 10, 2 * hour, hour, "CET"),
    ]
    for kind, start, month, offset_from, offset_to, name in rules:
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", offset_from)
        part.add("tzoffsetto", offset_to)
        part.add("tzname", name)
        zone.add_component(part)
    return zone


# RFC 5545 has no "postponed": TENTATIVE says the date no longer holds.
ICS_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def uid(event) -> str:
    return f"bimoc-agenda-{event.date:%Y-%m-%d}-{event.slug}@{UID_DOMAIN}"


def vevent(event, siteurl: str) -> icalendar.Event:
    entry = icalendar.Event()
    entry.add("uid", uid(event))
    stamp = getattr(event, "modified", None) or event.date
    entry.add("dtstamp", stamp.astimezone(datetime.UTC))
    entry.add("dtstart", event.start)
    end = event.end
    if event.all_day:  # DTEND of whole days is the day after the last one
        entry.add("dtend", (end or event.start) + datetime.timedelta(days=1))
    elif end:
        entry.add("dtend", end)
    entry.add("summary", event.title)
    place = ", ".join(filter(None, (event.place, event.address, event.town)))
    entry.add("location", place)
    url = f"{siteurl}/{event.url}"
    entry.add("description", f"{event.summary}\n\n{url}")
    entry.add("url", url)
    entry.add("last-modified", stamp.astimezone(datetime.UTC))
    entry.add("status", ICS_STATUS.get(event.status, "CONFIRMED"))
    return entry


def calendar(title: str, settings: dict) -> icalendar.Calendar:
    """A calendar file's own properties (its components are added to it)."""
    agenda = icalendar.Calendar()
    agenda.add("prodid", PRODID)
    agenda.add("version", "2.0")
    agenda.add("calscale", "GREGORIAN")
    agenda.add("method", "PUBLISH")
    agenda.add("x-wr-calname", f"{settings['SITENAME']} – {title}")
    agenda.add("x-wr-timezone", "Europe/Paris")
    return agenda


END = b"END:VCALENDAR\r\n"


def calendar_files(
    output: str, agenda_url: str, events: list, siteurl: str, settings: dict, drafts: list
):
    """The agenda's .ics and each event's own. icalendar writes a calendar line
    by line, its own lines then each component's: each event and the time zone
    are written once, as the agenda and the event's own file hold them alike.
    Drafts the preview shows get their own only (their page links to it)."""
    timezone = paris_timezone().to_ical()
    written = {event: vevent(event, siteurl).to_ical() for event in events + drafts}
    files = [(agenda_url, "Agenda", events)]
    files += [(event.ics_url, event.title, [event]) for event in events + drafts]
    for url, title, members in files:
        head = calendar(title, settings).to_ical().removesuffix(END)
        path = Path(output) / url
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(head + timezone + b"".join(written[event] for event in members) + END)
