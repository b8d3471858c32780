"""French typography for displayed text: a narrow no-break space (U+202F)
before ; ! ? inside « » and between thousands (2 000), a no-break space
(U+00A0) before : and between the digit pairs of a phone number. Works on
HTML: only text between tags is touched, never tags, attributes, URLs, code
or scripts."""

import re
from collections.abc import Callable

from markupsafe import Markup, escape

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space
# Elements whose text is not prose: left exactly as written.
VERBATIM = ("code", "kbd", "pre", "samp", "script", "style", "textarea")
SPACE_CHARACTERS = f" {NBSP}{NNBSP}"
SPACES = f"[{SPACE_CHARACTERS}]"
AFTER_OPENING_QUOTE = re.compile(rf"«{SPACES}*")
# Marks that take a no-break space before them, instead of the spaces written
# (or none, before »); a colon only where it ends a clause (not in 9:30).
HIGH_PUNCTUATION = re.compile("[;!?]")
COLON = re.compile(r":(?=\s|$|<)")
CLOSING_QUOTE = re.compile("»")
# French phone numbers: 05 34 44 50 28, +33 5 34 44 50 28.
PHONE = re.compile(r"(?<![\d+])(?:0\d|\+33 \d)(?: \d\d){4}(?!\d)")
THOUSANDS = re.compile(rf"(?<![\d{NBSP}])\d{{1,3}}(?: \d{{3}})+(?![\d{NBSP}])")
# « 1er » (premier) as the site's dates write it (plugins/common/french.py).
FIRST = re.compile(r"(?<!\d)1er\b")


# Text with nothing any rule applies to (most text between tags) is left at once.
MAY_APPLY = re.compile(r"[;:!?«»]|\d \d")
DIGIT_SPACE_DIGIT = re.compile(r"\d \d")
# An HTML fragment as what is left alone (comments, verbatim elements, tags with
# their attributes) and the text between them, in one pass.
SEGMENTS = re.compile(
    rf"<!--.*?-->|<({'|'.join(VERBATIM)})\b[^>]*>.*?</\1\s*>|<[^>]*>|[^<]+",
    re.DOTALL | re.IGNORECASE,
)
# Without a comment or a verbatim element, the segments are the tags and the
# text between them: one split gives them all, quicker than a call for each.
SET_APART = re.compile(rf"<!--|<(?:{'|'.join(VERBATIM)})\b", re.IGNORECASE)
TAG = re.compile(r"(<[^>]*>)")


def space_before(text: str, marks: re.Pattern, space: str, spaced_only: bool = True) -> str:
    """`text` with the spaces before each of its `marks` made one `space` (a
    mark without a space before it gets one too, unless `spaced_only`). Found
    from the marks back: a search for spaces followed by a mark would stop at
    every space of the text."""
    pieces = []
    start = 0  # where the text not yet copied starts
    for mark in marks.finditer(text):
        first = end = mark.start()
        while first > start and text[first - 1] in SPACE_CHARACTERS:
            first -= 1
        if first < end or not spaced_only:
            pieces += [text[start:first], space]
            start = end
    return "".join([*pieces, text[start:]]) if pieces else text


def typeset_text(text: str) -> str:
    """Apply French spacing rules to plain text (or text already HTML-escaped).
    Each rule runs only where its character occurs (most text has few)."""
    if not MAY_APPLY.search(text):
        return text
    if ";" in text or "!" in text or "?" in text:
        text = space_before(text, HIGH_PUNCTUATION, NNBSP)
    if ":" in text:
        text = space_before(text, COLON, NBSP)
    if "«" in text:
        text = AFTER_OPENING_QUOTE.sub("«" + NNBSP, text)
    if "»" in text:
        text = space_before(text, CLOSING_QUOTE, NNBSP, spaced_only=False)
    if DIGIT_SPACE_DIGIT.search(text):
        text = PHONE.sub(lambda number: number.group().replace(" ", NBSP), text)
        text = THOUSANDS.sub(lambda number: number.group().replace(" ", NNBSP), text)
    return text


def map_text(html: str, change: Callable[[str], str]) -> str:
    """`html` with `change` applied to each run of its text (never to tags,
    attributes, comments or the text of verbatim elements)."""
    if not SET_APART.search(html):  # tags and text only (most fragments): cut at the tags
        parts = TAG.split(html)
        if "<" not in parts[-1]:  # (a < that opens no tag can only be in the last text)
            parts[::2] = [change(text) if text else text for text in parts[::2]]
            return "".join(parts)

    def apply(segment: re.Match) -> str:
        text = segment.group()
        return text if text.startswith("<") else change(text)

    return SEGMENTS.sub(apply, html)


def typeset_html(html: str) -> str:
    """Apply typeset_text to the text of an HTML document or fragment."""
    return map_text(html, typeset_text)


def superscript_ordinals(text: str) -> Markup:
    """« 1er » with its letters raised, as French typography writes it: the
    text as HTML, for a date shown in a page; feeds, calendars and attributes
    keep « 1er »."""
    return Markup(FIRST.sub("1<sup>er</sup>", str(escape(text))))


def no_break(text: str) -> str:
    """A short name kept on one line (« Comptes rendus » after a date)."""
    return text.replace(" ", NBSP)
