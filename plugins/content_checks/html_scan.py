"""What a content's HTML holds that the checks look at: links, images, ids,
and what the site forbids (scripts, frames, inline styles and event handlers,
which the Content-Security-Policy would block anyway)."""

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "style", "object", "embed", "form"}
DECORATIVE_CLASS = "decoratif"


@dataclass
class Scan:
    links: list[tuple[str, str]] = field(default_factory=list)  # (href or src, value), in order
    ids: set[str] = field(default_factory=set)
    images_without_alt: list[str] = field(default_factory=list)
    forbidden_tags: list[str] = field(default_factory=list)
    forbidden_attributes: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_TAGS:
            self.scan.forbidden_tags.append(tag)
        self.scan.forbidden_attributes += [
            name for name in values if name == "style" or name.startswith("on")
        ]
        if values.get("id"):
            self.scan.ids.add(values["id"])
        self.scan.links += [(name, values[name]) for name in ("href", "src") if values.get(name)]
        if tag == "img" and not values.get("alt", "").strip() and not is_decorative(values):
            self.scan.images_without_alt.append(values.get("src", ""))


def is_decorative(values: dict[str, str]) -> bool:
    return DECORATIVE_CLASS in values.get("class", "").split()


# The reader scans the HTML for its checks, then keeps the scan: one parse per file.
@functools.lru_cache(maxsize=1)
def scan_html(html: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
