"""Navigation, for the templates: which menu item is the current one
(`aria_current`), and the sections of a content (`page | sections`: its h2
headings and anchors) so that each part of a page, such as each
action on the Actions page, can be linked from the in-page navigation and the
site map."""

import html
import re

from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

# Python-Markdown's toc extension gives every heading an id.
H2 = re.compile(r'<h2\b[^>]*?\bid="([^"]+)"[^>]*>(.*?)</h2>', re.DOTALL)
TAG = re.compile(r"<[^>]*>")
INDEX = "index.html"


def aria_current(item_url: str, output_file: str) -> str:
    """'page' for the menu item of the page being written, 'true' for the item of
    its section (an article under Actualités), '' otherwise."""
    here = output_file.removesuffix(INDEX)
    if here == item_url:
        return "page"
    if item_url and here.startswith(item_url):
        return "true"
    return ""


def find_sections(text: str) -> list[tuple[str, str]]:
    """(anchor, plain-text title) of each h2 with an id, in document order."""
    # Not Markup.striptags: it turns the typography's no-break spaces into spaces.
    return [
        (anchor, html.unescape(TAG.sub("", title)).strip()) for anchor, title in H2.findall(text)
    ]


def sections(content: Content) -> list[tuple[str, str]]:
    """A content's sections, from its HTML as written out (after every plugin's work)."""
    return find_sections(content._content or "")


def add_to_templates(generator: Generator) -> None:
    generator.env.globals.update(aria_current=aria_current)
    generator.env.filters.update(sections=sections)


def register() -> None:
    signals.generator_init.connect(add_to_templates)
