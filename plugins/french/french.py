"""French for the whole site: dates with Babel (never the system locale, which
may lack fr_FR and silently print English), clean slugs from accented titles,
phone numbers as tel: links, and French typography (see typography.py) on
every HTML page and feed entry."""

import datetime
import re

from babel.dates import format_date
from pelican import signals
from pelican.generators import Generator
from pelican.utils import slugify

from .typography import typeset_html, typeset_text

LOCALE = "fr_FR"
# unidecode spells these out ("n°3" gives "ndeg3"); a French reader drops them.
DROPPED_FROM_SLUGS = str.maketrans("", "", "°º")
FRENCH_PREFIX = "33"
NBSP = "\u00a0"


def french_date(value: datetime.date) -> str:
    """'14 février 2008'; the first of a month is '1er avril 2008'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {format_date(value, 'MMMM y', locale=LOCALE)}"


def french_day(value: datetime.date, year: bool = True) -> str:
    """'jeudi 5 mars 2027' (or without the year)."""
    weekday = format_date(value, "EEEE", locale=LOCALE)
    date = french_date(value)
    return f"{weekday} {date if year else date.rsplit(' ', 1)[0]}"


def french_time(value: datetime.datetime) -> str:
    """'9 h 30', '14 h' (no-break spaces)."""
    minutes = f"{NBSP}{value.minute:02d}" if value.minute else ""
    return f"{value.hour}{NBSP}h{minutes}"


def french_when(start: datetime.date, end: datetime.date | None = None) -> str:
    """When an event takes place, in French: 'jeudi 5 mars 2027, 9 h 30 – 16 h 30',
    'jeudi 5 mars 2027', 'du jeudi 5 au samedi 7 mars 2027'. Dates without a
    time are whole days; `end` is the last day (or time) of the event."""
    timed = isinstance(start, datetime.datetime)
    if end is None or end == start:
        return f"{french_day(start)}, {french_time(start)}" if timed else french_day(start)
    if timed and end.date() == start.date():
        return f"{french_day(start)}, {french_time(start)} – {french_time(end)}"
    if timed:
        start_text, end_text = (
            f"{french_day(start)}, {french_time(start)}",
            f"{french_day(end)}, {french_time(end)}",
        )
        return f"du {start_text}, au {end_text}"
    if (start.year, start.month) == (end.year, end.month):
        first = (
            f"{format_date(start, 'EEEE', locale=LOCALE)} {'1er' if start.day == 1 else start.day}"
        )
    else:
        first = french_day(start, year=start.year != end.year)
    return f"du {first} au {french_day(end)}"


def french_slug(title: str, settings: dict) -> str:
    """'L’été à l’Odyssud, réunion n°3' gives 'lete-a-lodyssud-reunion-n3'."""
    return slugify(
        title.translate(DROPPED_FROM_SLUGS),
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
    )


def tel_uri(phone: str) -> str:
    """'05 34 44 50 28' gives 'tel:+33534445028' (RFC 3966, international form)."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("0"):
        digits = FRENCH_PREFIX + digits[1:]
    return f"tel:+{digits}"


def add_filters(generator: Generator) -> None:
    generator.env.filters.update(french_date=french_date, french_when=french_when, tel_uri=tel_uri)


def set_slug(generator: Generator, metadata: dict) -> None:
    """Give content without an explicit `Slug:` a French slug of its title."""
    if "slug" not in metadata and "title" in metadata:
        metadata["slug"] = french_slug(metadata["title"], generator.settings)


def typeset_page(path: str, context: dict) -> None:
    """Typeset each written HTML page as a whole: template text, titles, content."""
    if not path.endswith(".html"):
        return
    with open(path, encoding="utf-8") as page:
        html = page.read()
    typeset = typeset_html(html)
    if typeset != html:
        with open(path, "w", encoding="utf-8") as page:
            page.write(typeset)


def typeset_feed(context: dict, feed) -> None:
    """Typeset titles (plain text) and summaries and contents (HTML) of feed entries."""
    for field in ("title", "subtitle", "description"):
        if feed.feed.get(field):
            feed.feed[field] = typeset_text(feed.feed[field])
    for item in feed.items:
        item["title"] = typeset_text(item["title"])
        for field in ("description", "content"):
            if item.get(field):
                item[field] = typeset_html(item[field])


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.article_generator_context.connect(set_slug)
    signals.page_generator_context.connect(set_slug)
    signals.content_written.connect(typeset_page)
    signals.feed_generated.connect(typeset_feed)
