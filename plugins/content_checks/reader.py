"""Pelican's Markdown reader with our own metadata header (French keys and YAML
front matter accepted, header.py, checked by metadata.py) and checks on the
body; every mistake of the file is reported with its line, and the file is
then refused. The body's scan (links, ids) is kept with the content, as it was
read, for the site-wide checks: what other plugins later make of the HTML (the
photos' <picture>) does not change what the checks see."""

import contextlib
import functools
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from plugins.common.allowed_html import lost_tags, sanitize, scrolling_tables
from plugins.common.messages import character_name
from plugins.common.problems import ContentError, LineFinder, Problem, report, report_all
from plugins.common.schema import kind_of

from .files import MEGABYTE, megabytes
from .header import Header, read_header
from .html_scan import Scan, scan_html
from .leftovers import leftover_problems
from .metadata import NOT_IN_BODY, check_header
from .quick_markdown import quicken

# Pasted text (pasted_text_fixed): Word's bullets; list items that may
# interrupt a paragraph; lines that already belong to a list or a block.
WORD_BULLET = re.compile(r"^[ \t]*[•◦▪‣][ \t]*")
INTERRUPTING_ITEM = re.compile(r"^ {0,3}([-*+]|1[.)])[ \t]+\S")
LIST_OR_INDENT = re.compile(r"^(\s|([-*+]|\d+[.)])\s|[>#|])")
# A line written as a table row; a table needs its |---| line to be one.
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
MAX_BYTES = MEGABYTE  # a long report is 50 kB: 1 MB of text is a mistake
MARKDOWN_TIME_LIMIT = 10  # seconds; a long real text takes a few milliseconds


class TooSlow(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    """Raise TooSlow in the block after `seconds` (a timer signal: only the main
    thread can have one; elsewhere, no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signal, _frame):
        raise TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def body_problems(path: str, text: str, html: str, clean: str, scan: Scan) -> list[Problem]:
    """Forbidden markup, images without alternative text, an empty text: what
    the rendered body says (`scan`: of `html`), with the lines it came from
    (`text`: the file's text; `clean`: the body once sanitized, as it will be
    published)."""
    lines = LineFinder(path)
    # Decoded by the parser ('jav&#x61;script:'), a value may not be found as
    # written: then the first line with markup is the best guess.
    problems = [
        Problem(lines.line(needle) or lines.line("<") or lines.line("]("), code, details)
        for code, details, needle in scan.refused
    ]
    if not problems and parsers_disagree(html, clean, scan):
        problems.append(Problem(lines.line("<") or 1, "unchecked_html"))
    problems += [
        Problem(lines.line(src), "missing_alt", {"target": src}) for src in scan.images_without_alt
    ]
    problems += layout_problems(lines, scan.tags, may_hold_table="|" in text)
    if not html.strip():
        problems.append(Problem(len(lines.lines) or 1, "empty_body"))
    return problems


def layout_problems(source: LineFinder, tags: set[str], may_hold_table: bool) -> list[Problem]:
    """What Markdown read otherwise than the editor meant: `# Titre` (a second
    title: the page's comes from Title:), a paragraph pasted from Word starting
    with a tab (shown as code), a table without its rule. The file's lines are
    read only when the HTML holds what such a mistake makes (most files: never)."""
    problems = []
    if "h1" in tags:
        heading = next((n for n, line in enumerate(source.lines, 1) if re.match(r"#\s", line)), 0)
        problems += [Problem(heading, "body_h1")] if heading else []
    if "pre" in tags:
        tabbed = next((n for n, line in enumerate(source.lines, 1) if re.match(r"\t+\S", line)), 0)
        indented = 0 if tabbed else next(indented_paragraphs(source.lines), 0)
        problems += [Problem(tabbed, "tab_paragraph")] if tabbed else []
        problems += [Problem(indented, "indented_paragraph")] if indented else []
    if may_hold_table and "table" not in tags:
        table = next((n for n, line in enumerate(source.lines, 1) if TABLE_ROW.match(line)), 0)
        problems += [Problem(table, "table_without_rule")] if table else []
    return problems


def indented_paragraphs(lines: list[str]) -> Iterator[int]:
    """Lines that start a code block by four spaces (a paragraph pasted from an
    e-mail): after an empty line, under a line that is neither indented nor a
    list item (a list's second paragraph is indented too)."""
    above = ""
    for number, line in enumerate(lines, 1):
        previous = lines[number - 2] if number > 1 else ""
        if re.match(r" {4,}\S", line) and not previous.strip() and above:
            if not re.match(r"\s|([-*+]|\d+[.)])\s", above):
                yield number
        if line.strip():
            above = line


def pasted_text_fixed(body: str) -> str:
    """What editors paste, read as they meant it: Word's bullets (•) as a list,
    and a list right under a paragraph line as a list, not as the paragraph's
    end (Python-Markdown asks for an empty line first; CommonMark does not,
    and neither do editors). A numbered list interrupts a paragraph only from
    « 1. », as in CommonMark, so that a line starting « 2027. » stays text."""
    fixed: list[str] = []
    for line in body.split("\n"):
        line = WORD_BULLET.sub("- ", line)
        above = fixed[-1] if fixed else ""
        if INTERRUPTING_ITEM.match(line) and above.strip() and not LIST_OR_INDENT.match(above):
            fixed.append("")
        fixed.append(line)
    return "\n".join(fixed)


def parsers_disagree(html: str, clean: str, seen: Scan) -> bool:
    """True when the sanitizer (a browser's parser) kept a link, an image or an
    id the scan (Python's parser) never saw — `<!-->` opens a comment for one
    and closes it for the other —, or dropped an element the scan accepted."""
    if clean == html:  # the sanitizer changed nothing (most texts): nothing to compare
        return False
    kept = scan_html(clean)
    unseen = set(kept.links) - set(seen.links) or kept.ids - seen.ids
    return bool(unseen) or lost_tags(html, clean)


def body_character_problems(header: Header) -> list[Problem]:
    """A control character (Word's vertical tab, a page break) or a non-character
    in the text: XML 1.0 has no way to write them, so no feed could carry the text."""
    found = NOT_IN_BODY.search(header.body)
    if not found:
        return []
    number = header.body_line + header.body.count("\n", 0, found.start())
    details = {"character": character_name(found.group())}
    return [Problem(number, "control_character_body", details)]


class CheckedMarkdownReader(MarkdownReader):
    """Reads a Markdown file, or reports each of its problems and refuses it."""

    @functools.cached_property
    def markdown(self) -> Markdown:
        """One converter for all files, reset before each."""
        markdown = Markdown(**self.settings["MARKDOWN"])
        markdown.preprocessors.deregister("meta", strict=False)  # the header is ours
        quicken(markdown)
        return markdown

    def process_metadata(self, name: str, value):
        if name in ("date", "modified"):  # already checked ISO 8601: no need to guess
            return SafeDatetime.fromisoformat(value)
        return super().process_metadata(name, value)

    def read(self, source_path: str) -> tuple[str, dict]:
        self._source_path = source_path
        size = os.stat(source_path).st_size
        if size > MAX_BYTES:  # a paste gone wrong; and every later step grows with it
            report(source_path, self.settings, None, "markdown_too_large", size=megabytes(size))
            raise ContentError(source_path)
        raw = Path(source_path).read_bytes()
        try:  # NFC: macOS writes "é" as "e" + accent, which would match nothing
            text = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            report(source_path, self.settings, line, "encoding")
            raise ContentError(source_path) from None
        header = read_header(text)
        metadata, problems = check_header(
            header, kind_of(source_path, self.settings), self.settings
        )
        problems += body_character_problems(header)
        html, failure = self.convert(header)
        problems += [failure] if failure else []
        clean, scan = sanitize(html), scan_html(html)  # one parse, for the checks and links
        if not (header.problems or failure):  # an unreadable header: the body is unreliable too
            problems += body_problems(source_path, text, html, clean, scan)
            problems += leftover_problems(text, metadata, self.settings)
        report_all(source_path, self.settings, problems)
        if problems:
            raise ContentError(source_path)
        metadata = {key: self.process_metadata(key, value) for key, value in metadata.items()}
        return scrolling_tables(clean), {**metadata, "scan": scan}

    def convert(self, header: Header) -> tuple[str, Problem | None]:
        """The body's HTML, or the problem when Markdown gives up: lists or
        quotes nested hundreds deep exhaust Python's recursion; some inputs
        (thousands of `[`) take Markdown a time that grows with their square:
        hours at 1 MB, so a time limit stops them."""
        seconds = self.settings.get("MARKDOWN_TIME_LIMIT", MARKDOWN_TIME_LIMIT)
        try:
            with time_limit(seconds):
                return self.markdown.reset().convert(pasted_text_fixed(header.body)), None
        except RecursionError:
            return "", Problem(header.body_line, "too_deep")
        except TooSlow:
            return "", Problem(header.body_line, "too_slow", {"seconds": str(seconds)})
