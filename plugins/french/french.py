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


def french_date(value: datetime.date) -> str:
    """'14 février 2008'; the first of a month is '1er avril 2008'."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {format_date(value, 'MMMM y', locale=LOCALE)}"


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
    generator.env.filters.update(french_date=french_date, tel_uri=tel_uri)


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
