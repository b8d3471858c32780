"""The agenda's own checks, added to the content schema (plugins/common/schema.py)
and reported through the shared problem API: an event's place, links and
times, its end after its start, and its `Report:`, the news item that reports
on it, which must exist."""

import datetime
import re
from zoneinfo import ZoneInfo

from plugins.common.french import has_time
from plugins.common.links import source_key
from plugins.common.problems import line_of, report
from plugins.common.schema import Verdict, add_header_check, add_value_check

# A street number or a postal code: an address written where the place's name goes.
ADDRESS_IN_PLACE = re.compile(r"\b\d{5}\b|^\d+(?:\s?(?:bis|ter))?,?\s|,\s*\d+\s")
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def clock_change_problem(key: str, value: str, settings: dict) -> Verdict:
    """An event time the clock skips (spring) or shows twice (autumn) in the
    site's time zone: calendars would place it an hour off, or either way."""
    if not has_time(value):
        return None
    moment = datetime.datetime.fromisoformat(value)
    local = moment.replace(tzinfo=ZoneInfo(settings["TIMEZONE"]))
    if local.astimezone(datetime.UTC).astimezone(local.tzinfo).replace(tzinfo=None) != moment:
        return "skipped_time", {"value": value}
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        return "repeated_time", {"value": value}
    return None


def place_problem(key: str, value: str, settings: dict) -> Verdict:
    return ("place_format", {"value": value}) if ADDRESS_IN_PLACE.search(value) else None


def link_problem(key: str, value: str, settings: dict) -> Verdict:
    """`Link:` is shown as a link: a web address only. `Registration:` is plain
    text, or a web address (never javascript:)."""
    first = value.split()[0]
    # The template links what starts with "http": it must then be a whole address.
    if key == "registration" and ":" not in first and not first.lower().startswith("http"):
        return None
    return None if WEB_ADDRESS.match(value) else ("bad_link", {"value": value})


def span_problems(metadata: dict, lines: dict) -> list[tuple[int, str, dict]]:
    """An event ends after it starts, both with a time or both without."""
    start, end = metadata.get("start"), metadata.get("end")
    if not (start and end):
        return []
    if has_time(start) != has_time(end):
        return [(lines["end"], "mixed_times", {"start": start, "end": end})]
    if datetime.datetime.fromisoformat(end) < datetime.datetime.fromisoformat(start):
        return [(lines["end"], "end_before_start", {"start": start, "end": end})]
    return []


add_value_check(("start", "end"), clock_change_problem)
add_value_check(("place",), place_problem)
add_value_check(("link", "registration"), link_problem)
add_header_check("event", span_problems)


def report_key(event) -> str | None:
    """The content-relative path of the news item an event's `Report:` names."""
    target = getattr(event, "report", None)
    return (
        source_key(target.removeprefix("{filename}"), event.relative_source_path)
        if target
        else None
    )


def link_reports(events: list, generated: dict) -> None:
    """Each event's `Report:` as the news item itself, which then knows the
    meeting it reports on, or reported when it names none."""
    for event in events:
        key = report_key(event)
        if key is None:
            continue
        event.report_article = generated.get(key)
        if event.report_article is None:
            line = line_of(event.source_path, event.report)
            report(event.source_path, event.settings, line, "broken_link", target=event.report)
        else:
            event.report_article.meeting = event
