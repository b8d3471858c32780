"""What an editor's text may hold once Markdown has made it HTML: an allow-list
of tags, attributes, classes and URL schemes. The reader reports anything else
(html_scan.py, with its line), and every accepted body still goes through nh3
(the Python binding of ammonia, a maintained HTML5 sanitizer) with the same
allow-list: where Python's parser and a browser's would read the markup
differently, the browser gets what ammonia made of it, never script.

nh3 rather than bleach (deprecated) or lxml's Cleaner (a block-list, moved out of
lxml): it parses like a browser (html5ever) and is fast enough to run on every
body of every build."""

import re

import nh3

# Text structure and emphasis: what Markdown writes, and the few tags editors use in raw HTML.
TAGS = {
    *("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code"),
    *("ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption"),
    *("em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup"),
    *("abbr", "cite", "q", "dfn", "kbd", "samp", "var", "time", "span", "div"),
    *("table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"),
    *("details", "summary"),
}
GLOBAL_ATTRIBUTES = {"id", "title", "lang", "dir"}
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "th": {"align", "colspan", "rowspan", "scope"},  # align: Markdown tables (no style=)
    "td": {"align", "colspan", "rowspan"},
    "time": {"datetime"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
# Classes editors or Markdown give (`{: .decoratif}`, footnotes, [TOC]); the theme styles no other.
CLASSES = {
    "img": {"decoratif"},
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote", "toc"},
}
URL_ATTRIBUTES = {"href", "src", "cite"}
# Links may lead to the web, an e-mail or a phone; anything else (javascript:,
# data:, vbscript:, file:) is refused. Images come from the site only (link_checks.py).
URL_SCHEMES = {"http", "https", "mailto", "tel"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
# A tag opening in the HTML: what the sanitizer must keep, one for one.
START_TAG = re.compile(r"<[a-zA-Z]")
# html5ever adds the <tbody> a table without one implies: not a removal.
IMPLIED = re.compile(r"<tbody\b")


def allowed_attribute(tag: str, name: str) -> bool:
    return name in GLOBAL_ATTRIBUTES or name in ATTRIBUTES.get(tag, ()) or name == "class"


def refused_classes(tag: str, value: str) -> list[str]:
    return [name for name in value.split() if name not in CLASSES.get(tag, ())]


def refused_scheme(url: str) -> bool:
    """'javascript:…', 'data:…' (spaces and controls inside ignored, as browsers do)."""
    match = SCHEME.match(re.sub(r"[\x00-\x20]", "", url))
    return match is not None and match.group(1).lower() not in URL_SCHEMES


# What the site's own plugins add to a body once it is read (photos' <picture>).
GENERATED_ATTRIBUTES = {
    "img": ATTRIBUTES["img"] | {"srcset", "sizes", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
}


# Feed readers show entries with a stylesheet of their own, or none (a mail
# client's): the photo's 1,440 px would then overflow the window. Its own style
# keeps it in the column; max-width, which older readers' engines know too.
FEED_IMAGE_STYLE = {"img": {"style": "max-width: 100%; height: auto"}}


def allow_list(generated: bool) -> dict:
    """The sanitizer's options: a body as read, or a finished one (`generated`:
    photos included, as a feed entry holds it)."""
    return {
        "tags": TAGS | {"picture", "source"} if generated else TAGS,
        "attributes": {
            "*": GLOBAL_ATTRIBUTES,
            **ATTRIBUTES,
            **(GENERATED_ATTRIBUTES if generated else {}),
        },
        "allowed_classes": CLASSES,
        "url_schemes": URL_SCHEMES,
        "link_rel": None,  # links keep what the theme gives them
        "strip_comments": True,
        "set_tag_attribute_values": FEED_IMAGE_STYLE if generated else None,
    }


# Made once: nh3 takes a tenth of a millisecond to build a sanitizer from the options.
BODY_SANITIZER = nh3.Cleaner(**allow_list(generated=False))


def sanitize(html: str, base: str | None = None) -> str:
    """The body as the allow-list has it. With `base` (a feed entry's address),
    a finished body, photos included, with every relative URL made absolute:
    a parser's work, never a regular expression's (one matched `href='`
    inside a title and let an onmouseover out)."""
    if base is None:
        return BODY_SANITIZER.clean(html)
    return nh3.clean(html, **allow_list(generated=True), url_relative=("rewrite_with_base", base))


# A table wider than a phone scrolls inside its own box, never the page; the box
# takes the keyboard focus (WCAG 2.1.1: a scroller must be reachable without a
# mouse) and is announced by its role and name.
SCROLLING_TABLE = '<div class="table-scroll" role="region" tabindex="0" aria-label="Tableau">'


TABLE_START = re.compile(r"<table\b[^>]*>")


def scrolling_tables(clean: str) -> str:
    """Each table of a sanitized body in its scrolling box (the body is nh3's
    output: every table closed, no `>` left raw inside an attribute)."""
    opened = TABLE_START.sub(lambda table: SCROLLING_TABLE + table.group(0), clean)
    return opened.replace("</table>", "</table></div>")


def lost_tags(html: str, clean: str) -> bool:
    """True when the sanitizer dropped an element the scan saw no reason to drop:
    the two parsers read the markup differently, and the editor must know."""
    implied = len(IMPLIED.findall(clean)) - len(IMPLIED.findall(html))
    return len(START_TAG.findall(clean)) - implied < len(START_TAG.findall(html))
