"""Plain-text summaries. Summaries feed meta descriptions and listings, where
they are escaped like any text; when an editor writes no `Summary:`, the first
paragraph stands in (Pelican's own fallback is truncated HTML)."""

import re

from markupsafe import Markup
from pelican import signals
from pelican.contents import Content

MAX_LENGTH = 200
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)


def plain_summary(html: str, max_length: int = MAX_LENGTH) -> str:
    """The first paragraph's text, cut at a word boundary with an ellipsis."""
    match = FIRST_PARAGRAPH.search(html)
    text = " ".join(Markup(match.group(1)).striptags().split()) if match else ""
    if len(text) <= max_length:
        return text
    return text[:max_length].rsplit(" ", 1)[0] + "…"


def add_summary(content: Content) -> None:
    if "summary" not in content.metadata:
        content.metadata["summary"] = plain_summary(content._content or "")


def register() -> None:
    signals.content_object_init.connect(add_summary)
