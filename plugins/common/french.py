"""French dates, times, phone numbers and file sizes, without Pelican: plain
functions that the french plugin offers to templates and that other plugins
(the agenda, the structured data, the documents) import directly. Month and
day names and decimal commas come from Babel, never from the system locale
(which may lack fr_FR and silently print English)."""

import datetime
import re
from zoneinfo import ZoneInfo

from babel.dates import get_day_names, get_month_names
from babel.numbers import format_decimal

LOCALE = "fr_FR"
MONTHS = get_month_names("wide", locale=LOCALE)  # 1 → 'janvier'
WEEKDAYS = get_day_names("wide", locale=LOCALE)  # 0 (Monday) → 'lundi'
FRENCH_PREFIX = "33"
NBSP = "\u00a0"
KILOBYTE = 1024
MEGABYTE = 1024 * KILOBYTE
DAY_LENGTH = len("2027-03-05")


def has_time(value: str) -> bool:
    """'2027-03-05 09:30' has a time; '2027-03-05' is a whole day."""
    return len(value.strip()) > DAY_LENGTH


def parse_moment(value: str, zone: ZoneInfo) -> datetime.date | datetime.datetime:
    """'2027-03-05' is a day; '2027-03-05 09:30' a time in the site's time zone."""
    moment = datetime.datetime.fromisoformat(value)
    return moment.replace(tzinfo=zone) if has_time(value) else moment.date()


def build_day(settings: dict) -> datetime.date:
    """The day the build takes as today: BUILD_DATE if set, else today in the
    site's time zone (what is upcoming depends on it; two builds of one commit
    on one day are identical)."""
    value = settings.get("BUILD_DATE") or ""
    if value:
        return datetime.date.fromisoformat(value)
    return datetime.datetime.now(ZoneInfo(settings["TIMEZONE"])).date()


def french_date(value: datetime.date) -> str:
    """'14 février 2008'; the first of a month is '1er avril 2008'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month]} {value.year}"


def french_span(first: datetime.date, last: datetime.date) -> str:
    """The days of a meeting, to follow « Réunion du »: '12 mars 2015',
    '5 au 7 mars 2027', '30 avril au 2 mai 2027', '30 décembre 2026 au 2 janvier 2027'."""
    end = french_date(last)
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        start = "1er" if first.day == 1 else str(first.day)
    elif first.year == last.year:
        start = french_date(first).rsplit(" ", 1)[0]
    else:
        start = french_date(first)
    return f"{start} au {end}"


def french_day(value: datetime.date, year: bool = True) -> str:
    """'jeudi 5 mars 2027' (or without the year)."""
    date = french_date(value)
    return f"{WEEKDAYS[value.weekday()]} {date if year else date.rsplit(' ', 1)[0]}"


def french_time(value: datetime.datetime) -> str:
    """'9 h 30', '14 h' (no-break spaces)."""
    minutes = f"{NBSP}{value.minute:02d}" if value.minute else ""
    return f"{value.hour}{NBSP}h{minutes}"


def french_moment(value: datetime.datetime) -> str:
    return f"{french_day(value)}, {french_time(value)}"


def french_days(start: datetime.date, end: datetime.date) -> str:
    """'du jeudi 5 au samedi 7 mars 2027': whole days, the last one included."""
    if (start.year, start.month) == (end.year, end.month):
        first = f"{WEEKDAYS[start.weekday()]} {'1er' if start.day == 1 else start.day}"
    else:
        first = french_day(start, year=start.year != end.year)
    return f"du {first} au {french_day(end)}"


def french_when(start: datetime.date, end: datetime.date | None = None) -> str:
    """When an event takes place: 'jeudi 5 mars 2027, 9 h 30 – 16 h 30',
    'jeudi 5 mars 2027', 'du jeudi 5 au samedi 7 mars 2027'. Dates without a
    time are whole days; `end` is the last day (or time) of the event."""
    if not isinstance(start, datetime.datetime):
        return french_day(start) if end is None or end == start else french_days(start, end)
    if end is None or end == start:
        return french_moment(start)
    assert isinstance(end, datetime.datetime)  # the checks refuse a day with a time
    if end.date() == start.date():
        return f"{french_moment(start)} – {french_time(end)}"
    return f"du {french_moment(start)}, au {french_moment(end)}"


def tel_uri(phone: str) -> str:
    """'05 34 44 50 28' gives 'tel:+33534445028' (RFC 3966, international form)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("0"):
        digits = FRENCH_PREFIX + digits[1:]
    return f"tel:+{digits}"


def french_size(size: int) -> str:
    """A file's size as a French reader reads it: '1,2 Mo', '350 Ko' (Babel's
    decimal comma; a no-break space before the unit; at least 1 Ko). Ko up to
    999: '1 000 Ko' would read worse than '1 Mo'."""
    kilobytes = max(1, round(size / KILOBYTE))
    if kilobytes < 1000:
        return f"{kilobytes}{NBSP}Ko"
    return f"{format_decimal(size / MEGABYTE, format='#,##0.#', locale=LOCALE)}{NBSP}Mo"
