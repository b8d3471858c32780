"""Plain-text summaries. Summaries feed meta descriptions and listings, where
they are escaped like any text; when an editor writes no `Summary:`, the first
paragraph stands in (Pelican's own fallback is truncated HTML). It is typeset
here, whether or not the french plugin has typeset the body yet (the order of
handlers of one signal is not defined), and keeps the body's no-break spaces."""

import html
import re

from pelican import signals
from pelican.contents import Content

from plugins.common.typography import typeset_text

MAX_LENGTH = 200
FIRST_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
TAG = re.compile(r"<[^>]*>")
# Breaking whitespace only: str.split() would also take the typography's no-break spaces.
SPACES = re.compile(r"[ \t\r\n]+")


def plain_summary(body: str, max_length: int = MAX_LENGTH) -> str:
    """The first paragraph's text, typeset, cut at a word boundary with an ellipsis."""
    match = FIRST_PARAGRAPH.search(body)
    text = SPACES.sub(" ", html.unescape(TAG.sub("", match.group(1)))).strip() if match else ""
    text = typeset_text(text)
    if len(text) <= max_length:
        return text
    return text[:max_length].rsplit(" ", 1)[0] + "…"


def add_summary(content: Content) -> None:
    if "summary" not in content.metadata:
        content.metadata["summary"] = plain_summary(content._content or "")


def register() -> None:
    signals.content_object_init.connect(add_summary)
