"""French for the whole site: dates with Babel (never the system locale, which
may lack fr_FR and silently print English), clean slugs from accented titles,
phone numbers as tel: links, and French typography (see typography.py) on all
displayed text. Text is typeset once, where it comes from: each content's body
and displayed metadata when it is read, the site facts and menu when the build
starts, the theme's own text when a template is compiled. Every page, listing,
feed and calendar then shows it as it is (typesetting each written page again
took a quarter of the build)."""

import datetime
import re

from babel.dates import get_day_names, get_month_names
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from pelican import Pelican, signals
from pelican.contents import Content, Static
from pelican.generators import Generator
from pelican.utils import slugify

from .typography import typeset_html, typeset_text

LOCALE = "fr_FR"
# Babel's French names, looked up once (format_date per date was a tenth of the
# time spent writing a news item).
MONTHS = get_month_names("wide", locale=LOCALE)  # 1 → 'janvier'
WEEKDAYS = get_day_names("wide", locale=LOCALE)  # 0 (Monday) → 'lundi'
# unidecode spells these out ("n°3" gives "ndeg3"); a French reader drops them.
DROPPED_FROM_SLUGS = str.maketrans("", "", "°º")
FRENCH_PREFIX = "33"
NBSP = "\u00a0"


def french_date(value: datetime.date) -> str:
    """'14 février 2008'; the first of a month is '1er avril 2008'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month]} {value.year}"


def french_day(value: datetime.date, year: bool = True) -> str:
    """'jeudi 5 mars 2027' (or without the year)."""
    weekday = WEEKDAYS[value.weekday()]
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
        first = f"{WEEKDAYS[start.weekday()]} {'1er' if start.day == 1 else start.day}"
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


# Displayed metadata written by editors (plain text; addresses and dates are not prose).
PROSE_METADATA = ("title", "summary", "place", "address", "town", "registration")


def typeset_content(content: Content) -> None:
    """An editor's body and displayed metadata, typeset as soon as they are read."""
    if isinstance(content, Static):
        return
    if content._content:
        content._content = typeset_html(content._content)
    for key in PROSE_METADATA:
        if isinstance(content.metadata.get(key), str):
            content.metadata[key] = typeset_text(content.metadata[key])
            setattr(content, key, content.metadata[key])  # (`summary` reads the metadata)


def typeset_facts(value):
    """The strings of content/site.toml's facts, however nested."""
    if isinstance(value, str):
        return typeset_text(value)
    if isinstance(value, dict):
        return {
            # Category names are matched against what editors write in `Category:`.
            key: item if key == "categories" else typeset_facts(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [typeset_facts(item) for item in value]
    return value


def typeset_settings(pelican: Pelican) -> None:
    """Site facts, name and menu, shown on every page: typeset once."""
    settings = pelican.settings
    settings["SITE"] = typeset_facts(settings.get("SITE", {}))
    for name in ("SITENAME", "SITESUBTITLE"):
        settings[name] = typeset_text(settings.get(name, ""))
    settings["MENU"] = [(typeset_text(label), url) for label, url in settings.get("MENU", [])]


class TemplateTypography(Extension):
    """The theme's own text, typeset once when a template is compiled: the
    literal text between Jinja tags. Templates of plain-text files (robots.txt,
    .htaccess: `PLAIN_TEXT_TEMPLATES`) are left as written."""

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(plain_text_templates=())

    def filter_stream(self, stream: TokenStream):
        if stream.name in self.environment.plain_text_templates:
            yield from stream
            return
        for token in stream:
            if token.type == "data":
                token = Token(token.lineno, "data", typeset_html(token.value))
            yield token


def add_template_typography(generator: Generator) -> None:
    generator.env.add_extension(TemplateTypography)
    generator.env.plain_text_templates = tuple(generator.settings["PLAIN_TEXT_TEMPLATES"])


def typeset_feed(context: dict, feed) -> None:
    """A feed's own title and description (its entries come from typeset content)."""
    for field in ("title", "subtitle", "description"):
        if feed.feed.get(field):
            feed.feed[field] = typeset_text(feed.feed[field])


def register() -> None:
    signals.initialized.connect(typeset_settings)
    signals.generator_init.connect(add_filters)
    signals.generator_init.connect(add_template_typography)
    signals.article_generator_context.connect(set_slug)
    signals.page_generator_context.connect(set_slug)
    signals.content_object_init.connect(typeset_content)
    signals.feed_generated.connect(typeset_feed)
