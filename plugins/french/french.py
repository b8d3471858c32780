"""French for the whole site: dates (plugins/common/french.py) as template
filters, clean slugs from accented titles, and French typography
(plugins/common/typography.py) on all displayed text. Text is typeset once,
where it comes from: each content's body and displayed metadata when it is
read, the site facts and menu when the build starts, the theme's own text when
a template is compiled. Every page, listing, feed and calendar then shows it as
it is."""

from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from pelican import Pelican, signals
from pelican.contents import Content, Static
from pelican.generators import Generator
from pelican.utils import slugify

from plugins.common.french import french_date, french_span, french_when, tel_uri
from plugins.common.typography import no_break, superscript_ordinals, typeset_html, typeset_text

# unidecode spells these out ("n°3" gives "ndeg3"); a French reader drops them.
DROPPED_FROM_SLUGS = str.maketrans("", "", "°º")


def french_slug(title: str, settings: dict) -> str:
    """'L’été à l’Odyssud, réunion n°3' gives 'lete-a-lodyssud-reunion-n3'."""
    return slugify(
        title.translate(DROPPED_FROM_SLUGS),
        regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"],
    )


def add_filters(generator: Generator) -> None:
    generator.env.filters.update(
        french_date=french_date,
        french_span=french_span,
        french_when=french_when,
        tel_uri=tel_uri,
        superscripts=superscript_ordinals,
        no_break=no_break,
    )


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
            # Category names are matched against what editors write in `Category:`,
            # a menu entry's page against the files: names, not text to read.
            key: item if key in ("categories", "page") else typeset_facts(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [typeset_facts(item) for item in value]
    return value


def typeset_settings(pelican: Pelican) -> None:
    """Site facts (the menu's labels among them) and name, shown on every page:
    typeset once."""
    settings = pelican.settings
    settings["SITE"] = typeset_facts(settings.get("SITE", {}))
    for name in ("SITENAME", "SITESUBTITLE"):
        value = settings.get(name, "")  # not a text: the content checks say so
        settings[name] = typeset_text(value) if isinstance(value, str) else value


class TemplateTypography(Extension):
    """The theme's own text, typeset once when a template is compiled: the
    literal text between Jinja tags. Templates of plain-text files (robots.txt,
    .htaccess: `PLAIN_TEXT_TEMPLATES`) are left as written."""

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(plain_text_templates=())

    def filter_stream(self, stream: TokenStream):
        if stream.name in getattr(self.environment, "plain_text_templates", ()):
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
