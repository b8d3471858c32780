"""Every link to a document of content/documents/ says what it leads to:
« Compte rendu de la réunion » becomes « Compte rendu de la réunion (PDF,
1,2 Mo) », inside the link, so that screen readers announce it with the link
(French public-sector guidance asks for a download's format and size). In
pages, news and events, and so in the feeds, which carry the same body. A
type and size the editor already wrote, inside the link or just after it, is
replaced rather than doubled: it stays true when the document is replaced.

Done once every content is read (the summaries, taken from the first paragraph
when a content is read, keep the editor's words alone) and before anything is
written: the size is the file's, as published."""

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican import signals
from pelican.contents import Content, Static
from pelican.generators import Generator

from plugins.common.documents import DOCUMENT_TYPES, extension, is_document
from plugins.common.french import french_size
from plugins.common.links import internal_link, is_inside, source_key

# « (PDF, 1,2 Mo) », « (pdf) », « (ODT – 35 Ko) »: a type and size written by
# hand, and nothing else: « (pdf à signer avant le 15 mars) » is the editor's text.
SIZE = r"\d+(?:[,.]\d+)?\s*(?:[kmg]?[ob]|octets)"
WRITTEN_NOTE = (
    rf"\s*\((?:{'|'.join(DOCUMENT_TYPES.values())})(?:\s*(?:,|–|-|&ndash;)\s*{SIZE})?\s*\)"
)
# The body is sanitized already (nh3): no <a> inside another, attributes in double quotes.
LINK = re.compile(
    rf"<a\b(?P<attributes>[^>]*)>(?P<text>.*?)(?:{WRITTEN_NOTE})?</a>(?:{WRITTEN_NOTE})?",
    re.DOTALL | re.IGNORECASE,
)
HREF = re.compile(r'\bhref="([^"]*)"')


def document_key(href: str, content: Content) -> str | None:
    """The content-relative path of the document a link leads to, however it
    is written ({static}, {filename}, /documents/…, the site's full address)."""
    internal = internal_link(href)
    if internal:
        key = source_key(internal[1], content.relative_source_path)
    else:
        siteurl = content.settings["SITEURL"]
        own = bool(siteurl) and href.startswith(siteurl + "/")
        parts = urlsplit(href.removeprefix(siteurl) if own else href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            return None  # another site, or a relative path (which the checks refuse)
        key = posixpath.normpath(parts.path.lstrip("/"))
    key = unquote(key)
    return key if is_inside(key) and is_document(key) else None


def document_note(path: Path) -> str:
    """'(PDF, 1,2 Mo)'."""
    return f"({DOCUMENT_TYPES[extension(path.name)]}, {french_size(path.stat().st_size)})"


def labelled(body: str, note_of: Callable[[str], str | None]) -> str:
    """`body` with each link whose address `note_of` knows ending with its note."""

    def label(link: re.Match) -> str:
        href = HREF.search(link.group("attributes"))
        note = note_of(html.unescape(href.group(1))) if href else None
        if note is None:
            return link.group(0)
        text = link.group("text").rstrip()
        return f"<a{link.group('attributes')}>{text + ' ' if text else ''}{note}</a>"

    return LINK.sub(label, body)


def label_links(generators: list[Generator]) -> None:
    root = Path(generators[0].settings["PATH"])
    for content in generators[0].context["generated_content"].values():
        if content is None or isinstance(content, Static) or "<a" not in (content._content or ""):
            continue  # None: a file that failed to read

        def note_of(href: str, content: Content = content) -> str | None:
            key = document_key(href, content)
            path = root / key if key else None
            return document_note(path) if path and path.is_file() else None  # else: reported

        content._content = labelled(content._content, note_of)


def register() -> None:
    signals.all_generators_finalized.connect(label_links)
