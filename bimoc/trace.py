"""What the output checks find, traced back to where it can be fixed. A finding
inside the part of a page that shows a content's body (the build records which
content each page shows, and the body is in the page as it was rendered) is the
editor's: it names the content file and the line of the offending markup, in
French. Anything else comes from the theme and is for the technical team."""

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

from bimoc.build import Source
from bimoc.output_checks import BrokenLink
from plugins import LineFinder, body_line, format_message

PUBLISHED = "site publié"
# The Nu HTML Checker's most common messages on hand-written HTML → our codes
# (the first that matches); the named groups fill the French message.
QUOTED = "“(?P<{}>[^”]*)”"
VALIDATOR_MESSAGES = [
    (f"^Duplicate ID {QUOTED.format('value')}", "html_duplicate_id"),
    (
        f"^Bad value {QUOTED.format('value')} for attribute “(?:href|src|srcset|cite|poster)” "
        f"on element {QUOTED.format('element')}",
        "html_bad_url",
    ),
    (
        f"^Bad value {QUOTED.format('value')} for attribute {QUOTED.format('attribute')} "
        f"on element {QUOTED.format('element')}",
        "html_bad_value",
    ),
    (
        f"^Element {QUOTED.format('element')} not allowed as child of element "
        f"{QUOTED.format('parent')}",
        "html_misplaced",
    ),
    (f"^Unclosed element {QUOTED.format('element')}", "html_unclosed"),
    (f"^End tag {QUOTED.format('element')} implied, but there were open", "html_implied_end"),
    (f"^Stray end tag {QUOTED.format('element')}", "html_stray_end"),
    (f"^No {QUOTED.format('element')} element in scope but", "html_stray_end"),
    (f"^{QUOTED.format('element')} start tag in table", "html_table"),
    (f"^Start tag {QUOTED.format('element')} seen in “table”", "html_table"),
    (f"^Duplicate attribute {QUOTED.format('attribute')}", "html_duplicate_attribute"),
    (
        f"^Attribute {QUOTED.format('attribute')} not allowed on element "
        f"{QUOTED.format('element')}",
        "html_attribute_not_allowed",
    ),
    (
        f"^Element {QUOTED.format('element')} is missing (?:a )?required attribute "
        f"{QUOTED.format('attribute')}",
        "html_missing_attribute",
    ),
]
PATTERNS = [(re.compile(pattern), code) for pattern, code in VALIDATOR_MESSAGES]


def reworded(message: str) -> tuple[str, dict[str, str]]:
    """(code, details) of a validator message, in French; the rest kept as a detail."""
    for pattern, code in PATTERNS:
        match = pattern.search(message)
        if match:
            return code, match.groupdict()
    return "html_invalid", {"detail": message}


@dataclass
class Page:
    """An output page that shows a content's body, between `start` and `end`."""

    text: str
    source: Source
    start: int  # -1: the body was not found in the page (then nothing is traced)
    end: int

    @functools.cached_property
    def line_starts(self) -> list[int]:
        return [0] + [match.end() for match in re.finditer("\n", self.text)]

    def offset(self, line: int, column: int) -> int:
        """Offset in the page of a 1-based line and column, as the validator counts them."""
        return self.line_starts[line - 1] + column - 1

    def line_of(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    @property
    def body(self) -> str:
        return self.text[self.start : self.end] if self.start >= 0 else ""

    def holds(self, first: int, last: int) -> bool:
        return self.start >= 0 and self.start <= first and last < self.end  # (last: inclusive)


class Tracer:
    """Turns the output checks' findings into French messages."""

    def __init__(self, root: Path, sources: dict[str, Source]) -> None:
        self.root = root
        self.sources = sources
        self.pages: dict[str, Page | None] = {}
        self.finders: dict[str, LineFinder] = {}

    def page(self, name: str) -> Page | None:
        """The output page `name` if it shows a content's body."""
        if name not in self.pages:
            source = self.sources.get(name)
            page = None
            if source:
                text = (self.root / name).read_text(encoding="utf-8")
                # The body follows the theme's header; search from <main> on.
                start = text.find(source.body, max(text.find("<main"), 0)) if source.body else -1
                page = Page(text, source, start, start + len(source.body))
            self.pages[name] = page
        return self.pages[name]

    def lines_of(self, source: Source, needle: str, start: int = 1) -> list[int]:
        """The line of each occurrence of `needle` in a content file, from line
        `start` on (case-insensitive: LineFinder keeps the lines lowercased)."""
        finder = self.finders.setdefault(source.path, LineFinder(source.path))
        needle = needle.lower()
        found = enumerate(finder.lines[start - 1 :], start)
        return [number for number, text in found for _ in range(text.count(needle))]

    def source_line(self, source: Source, needles: list[str], body_so_far: str) -> int:
        """The line of the file where the first of `needles` it holds is, at
        the occurrence the page's body shows up to the finding (`body_so_far`);
        else the first line of the file's text."""
        first = body_line(source.path)
        for needle in filter(None, needles):
            found = self.lines_of(source, needle, first)
            if found:
                occurrence = max(body_so_far.lower().count(needle.lower()) - 1, 0)
                return found[min(occurrence, len(found) - 1)]
        return first

    def validator_problems(self, errors: list[dict]) -> list[str]:
        """Each validator error in French: the editor's with the content file and
        line, the theme's as an internal error. On a page whose body has errors,
        the theme's errors after the body are left out: they follow from it (an
        element the body leaves open makes the theme's closing tags stray), and
        any that remain show once the body is fixed."""
        problems, theme = [], []
        broken_bodies = set()
        for error in errors:
            page = self.page(error["file"])
            span = self.span(page, error) if page else None
            if page and span and page.holds(*span):
                problems.append(self.body_problem(page, error, span))
                broken_bodies.add(error["file"])
            else:
                theme.append((error, page, span))
        for error, page, span in theme:
            problem = page and self.outside_body_problem(page, error)
            after_body = page and span and page.start >= 0 and span[0] >= page.start
            if not problem and error["file"] in broken_bodies and after_body:
                continue
            if not problem:
                detail = f"{error['file']}:{error.get('lastLine', '')} : {error['message']}"
                problem = format_message(PUBLISHED, "invalid_html", detail=detail)
            problems.append(problem)
        return problems

    def outside_body_problem(self, page: Page, error: dict) -> str | None:
        """An error outside the body that the editor still caused: about a value
        written in the header (an event's `Link:`, which the theme makes a link),
        traced to its line there; or an id of the body that the theme gives again
        further down the page, traced to the body's."""
        code, details = reworded(error["message"])
        value = details.get("value")
        if not value:
            return None
        if value in page.source.values:
            line = next(iter(self.lines_of(page.source, value)), 1)
        elif code == "html_duplicate_id" and f'id="{value}"' in page.body:
            line = self.source_line(page.source, [f'id="{value}"', value], "")
        else:
            return None
        return format_message(f"{page.source.location}:{line}", code, **details)

    @staticmethod
    def span(page: Page, error: dict) -> tuple[int, int] | None:
        """Where in the page the validator points (first and last character)."""
        if "lastLine" not in error:
            return None
        last = page.offset(error["lastLine"], error.get("lastColumn", 1))
        first = page.offset(error.get("firstLine", error["lastLine"]), error.get("firstColumn", 1))
        return first, last

    def body_problem(self, page: Page, error: dict, span: tuple[int, int]) -> str:
        code, details = reworded(error["message"])
        marked = page.text[span[0] : span[1] + 1]
        snippet = next((line.strip() for line in marked.splitlines() if line.strip()), "")
        needles = [snippet, *re.findall("“([^”]+)”", error["message"])]
        line = self.source_line(page.source, needles, page.text[page.start : span[1] + 1])
        return format_message(f"{page.source.location}:{line}", code, **details)

    def link_problems(self, links: list[BrokenLink]) -> list[str]:
        """Each broken link in French: a content's with its file and line; the
        theme's once per target, with the pages it is on."""
        problems: list[str] = []
        theme: dict[str, list[str]] = {}
        for link in links:
            page = self.page(link.page)
            if page and self.in_body(page, link):
                problems.append(self.body_link_problem(page, link))
            elif page and link.link in page.source.values:  # a header value, as written
                line = next(iter(self.lines_of(page.source, link.link)), 1)
                problems.append(self.link_problem(page, link, line))
            else:
                theme.setdefault(link.target, []).append(link.page)
        for target, pages in theme.items():
            first = "/" + pages[0].removesuffix("index.html")
            others = f" (et {len(pages) - 1} autre(s))" if len(pages) > 1 else ""
            problems.append(
                format_message(PUBLISHED, "output_link", page=first, others=others, target=target)
            )
        return problems

    @staticmethod
    def in_body(page: Page, link: BrokenLink) -> bool:
        if not page.body:
            return False
        lines = page.line_of(page.start), page.line_of(page.end)
        written = html.escape(link.link, quote=True)
        return lines[0] <= link.line <= lines[1] and (
            link.link in page.body or written in page.body
        )

    def body_link_problem(self, page: Page, link: BrokenLink) -> str:
        lines = page.line_starts + [len(page.text)]
        so_far = page.text[page.start : lines[link.line]]  # up to the end of the link's line
        line = self.source_line(page.source, [link.link, link.target], so_far)
        return self.link_problem(page, link, line)

    @staticmethod
    def link_problem(page: Page, link: BrokenLink, line: int) -> str:
        where = f"{page.source.location}:{line}"
        path, _, anchor = link.target.partition("#")
        if anchor:
            return format_message(
                where, "published_anchor", link=link.link, anchor=anchor, page=path
            )
        return format_message(where, "published_link", link=link.link, target=path)
