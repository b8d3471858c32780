"""What a content's HTML holds that the checks look at: links, images, ids,
and whatever the allow-list of allowed_html.py does not allow (a tag, an
attribute, a class, a link to javascript: or data:), as (message code,
details, text to find its line by)."""

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

from plugins.common.allowed_html import (
    TAGS,
    URL_ATTRIBUTES,
    allowed_attribute,
    refused_classes,
    refused_scheme,
)

DECORATIVE_CLASS = "decoratif"

Refusal = tuple[str, dict[str, str], str]


@dataclass
class Scan:
    links: list[tuple[str, str]] = field(default_factory=list)  # (href or src, value), in order
    ids: set[str] = field(default_factory=set)
    images_without_alt: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)  # every tag met (h1, pre: what the reader asks)


def refusals(tag: str, attrs: list[tuple[str, str | None]]) -> list[Refusal]:
    """Why this element may not stay as it is, if it may not."""
    if tag not in TAGS:
        return [("forbidden_tag", {"tag": tag}, f"<{tag}")]
    names = [name for name, _ in attrs]
    # Parsers disagree on which of two src= wins: the scan read the last, browsers the first.
    found: list[Refusal] = [
        ("duplicate_attribute", {"attribute": name, "tag": tag}, name)
        for name in sorted(set(names))
        if names.count(name) > 1
    ]
    values = {name: value or "" for name, value in attrs}
    for name, value in values.items():
        if not allowed_attribute(tag, name):
            found.append(("forbidden_attribute", {"attribute": name, "tag": tag}, name))
        elif name == "class":
            found += [("forbidden_class", {"value": c}, c) for c in refused_classes(tag, value)]
        elif name in URL_ATTRIBUTES and refused_scheme(value):
            code = "embedded_image" if name == "src" else "forbidden_link"
            found.append((code, {"target": value}, value[:20]))
    return found


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.scan.tags.add(tag)
        if not attrs and tag in TAGS and tag != "img":
            return  # no attribute to refuse, no link, id or image: most of Markdown's tags
        values = {name: value or "" for name, value in attrs}
        self.scan.refused += refusals(tag, attrs)
        if values.get("id"):
            self.scan.ids.add(values["id"])
        self.scan.links += [(name, values[name]) for name in ("href", "src") if values.get(name)]
        if tag == "img" and not values.get("alt", "").strip() and not is_decorative(values):
            self.scan.images_without_alt.append(values.get("src", ""))

    def handle_comment(self, data: str) -> None:
        pass  # comments are dropped by the sanitizer: never published

    def updatepos(self, i: int, j: int) -> int:
        return j  # the parser counts lines for getpos(), which the scan never asks


def is_decorative(values: dict[str, str]) -> bool:
    return DECORATIVE_CLASS in values.get("class", "").split()


# The reader scans the HTML as written and as sanitized, then keeps the first:
# one parse of each per file.
@functools.lru_cache(maxsize=2)
def scan_html(html: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
