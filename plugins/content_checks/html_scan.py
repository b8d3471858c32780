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
        values = dict(attrs)
        if tag in FORBIDDEN_TAGS:
            self.scan.forbidden_tags.append(tag)
        for name, _ in attrs:
            if name == "style" or name.startswith("on"):
                self.scan.forbidden_attributes.append(name)
        if values.get("id"):
            self.scan.ids.add(values["id"])
        for attribute in ("href", "src"):
            if values.get(attribute):
                self.scan.links.append((attribute, values[attribute]))
        decorative = DECORATIVE_CLASS in (values.get("class") or "").split()
        if tag == "img" and not (values.get("alt") or "").strip() and not decorative:
            self.scan.images_without_alt.append(values.get("src") or "")


# The reader's checks and then the links check scan the same HTML, one right after
# the other: the second gets the first's result (never changed once made).
@functools.lru_cache(maxsize=1)
def scan_html(html: str) -> Scan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
