"""Two steps of Python-Markdown made quicker, giving the same HTML: the inline
step (links, emphasis, code…) passes over the text none of its patterns can
match, and the table of contents is made only for a text that asks for one.

Python-Markdown tries each of its fifteen inline patterns, one regular
expression after the other, on every run of text of a body: a third of the
time it takes to convert a body. Most runs (a paragraph of plain prose, a list
item, a heading) hold none of the characters those patterns start from, and
a pattern whose expression does not match leaves the text as it is. Each
pattern of the site's Markdown is known below by its expression, with what it
cannot match without; a run holding none of those is left as it is at once.
Any other pattern (an extension added, Python-Markdown upgraded) turns the
shortcut off: the text then goes through every pattern, as before.

The toc extension gives each heading its id (what the site uses it for), then
builds the table of contents that replaces a `[TOC]` paragraph, and writes it
out again for `Markdown.toc`, which the site never reads. Without any `[TOC]`
in the text, the table is not built (`Markdown.toc` stays an empty div).

Python-Markdown asks each of its block processors in turn whether a block is
theirs (a heading, a quote, a list, a table…) until one says yes; most
blocks are paragraphs, so every test runs on them. A heading, a rule, a
quote, a definition list and a table cannot be without certain characters:
their tests run only on a block holding one. Likewise the raw HTML step, which
parses every text as HTML, runs only on a text holding < or &."""

import re
import types
from collections.abc import Callable
from xml.etree.ElementTree import Element

import markdown
from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import (
    BlockProcessor,
    BlockQuoteProcessor,
    HashHeaderProcessor,
    HRProcessor,
    ReferenceProcessor,
    SetextHeaderProcessor,
)
from markdown.extensions.def_list import DefListProcessor
from markdown.extensions.footnotes import FootnoteBlockProcessor
from markdown.extensions.tables import TableProcessor
from markdown.extensions.toc import TocExtension, TocTreeprocessor
from markdown.inlinepatterns import InlineProcessor as InlinePattern
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import InlineProcessor

# The expressions of the inline patterns of Python-Markdown 3.11 and its
# footnotes extension, each with the texts it cannot match without any of.
NEEDS = {
    r"(?:(?<!\\)((?:\\{2})+)(?=`+)|(?<!\\)`)": ("`",),  # `code`
    r"\\(.)": ("\\",),  # \* (a character written as itself)
    r"\[\^([^\]]*)\]": ("[",),  # [^1] (footnote)
    r"(?<!\!)\[": ("[",),  # [text](link), [text][reference], [reference]
    r"\!\[": ("[",),  # ![image](link), ![image][reference]
    r"<([A-Za-z][A-Za-z0-9+.-]*://[^<>]*)>": ("<",),  # <https://…>
    r"<([^<> !]+@[^@<> ]+)>": ("<",),  # <adresse@…>
    r"  \n": ("  \n",),  # line break
    (
        r"""(<(\/?+[a-zA-Z][^\s"'<>@]*+(?:\s+[^\s"'=<>]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|"""
        r"""[^\s"'=<>]++))?+)*+\s*+/?|!--(?:(?!<!--|-->).)*--|[?](?:(?!<[?]|[?]>).)*[?]|"""
        r"""!\[CDATA\[(?:(?!<!\[CDATA\[|\]\]>).)*\]\])>)"""
    ): ("<",),  # raw HTML
    r"(&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)": ("&",),  # &amp;
    r"\*|_": ("*", "_"),  # *emphasis*, __strong__
}


# Block processors that can only take a block holding one of these texts, as
# Python-Markdown 3.11 writes them: # headings, === or --- under a title, rules
# of - _ or *, > quotes, : definitions, | tables; [id]: and [^1]: definitions
# (their test says yes to any block, their run gives it back when it holds none).
BLOCK_NEEDS: dict[type[BlockProcessor], tuple[str, ...]] = {
    HashHeaderProcessor: ("#",),
    SetextHeaderProcessor: ("\n=", "\n-"),
    HRProcessor: ("-", "_", "*"),
    BlockQuoteProcessor: (">",),
    DefListProcessor: (":",),
    TableProcessor: ("|",),
    ReferenceProcessor: ("]:",),
    FootnoteBlockProcessor: ("[^",),
}
BLOCK_NEEDS_VERSION = (3, 11)


class QuickInlineProcessor(InlineProcessor):
    """The inline step, knowing what each of `patterns` needs (while they stay
    the patterns of the converter)."""

    def __init__(self, md: Markdown, patterns: list[InlinePattern]) -> None:
        super().__init__(md)
        self.patterns = patterns
        self.needs = [NEEDS[pattern.compiled_re.pattern] for pattern in patterns]
        self.any_need = re.compile("|".join(re.escape(text) for text in set(sum(self.needs, ()))))
        self.quick = True

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        self.quick = list(self.md.inlinePatterns) == self.patterns
        # The patterns as a list: a registry sorts itself at each of the 17
        # look-ups per text (Python-Markdown only indexes them and counts them).
        self.inlinePatterns = self.patterns if self.quick else self.md.inlinePatterns
        return super().run(tree, ancestors)

    # Python-Markdown's own, private names (name mangling): it calls them by these.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if self.quick and not self.any_need.search(data):
            return data  # no pattern can match: each would leave it as it is
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]

    def _InlineProcessor__applyPattern(
        self, pattern: InlinePattern, data: str, patternIndex: int, startIndex: int = 0
    ) -> tuple[str, bool, int]:
        if self.quick:  # (loops, not any(): this runs some 50 times per text)
            for text in self.needs[patternIndex]:
                if text in data:
                    break
            else:
                return data, False, 0  # what Python-Markdown returns on no match
        return super()._InlineProcessor__applyPattern(  # type: ignore[misc]
            pattern, data, patternIndex, startIndex
        )


class QuickTocTreeprocessor(TocTreeprocessor):
    """The toc step, building the table only when a text holds its marker."""

    def run(self, doc: Element) -> None:
        # The marker is replaced where it is an element's whole text: somewhere in one.
        self.marked = bool(self.marker) and any(
            element.text and self.marker in element.text for element in doc.iter()
        )
        super().run(doc)

    def build_toc_div(self, toc_list: list) -> Element:
        return super().build_toc_div(toc_list) if self.marked else Element("div")

    def replace_marker(self, root: Element, elem: Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


def needing(test: Callable, needs: tuple[str, ...]) -> Callable:
    """A block processor's `test`, made only on a block holding one of `needs`
    (a block without: not the processor's, as its test or its run would say)."""

    def quick_test(parent: Element, block: str) -> bool:
        for text in needs:
            if text in block:
                return test(parent, block)
        return False

    return quick_test


def parse_blocks(parser: BlockParser, parent: Element, blocks: list[str]) -> None:
    """BlockParser.parseBlocks of Python-Markdown 3.11, its processors listed
    once per call: a registry makes a new list each time it is read, which
    Python-Markdown does for each block."""
    processors = list(parser.blockprocessors)
    while blocks:
        for processor in processors:
            if processor.test(parent, blocks[0]):
                if processor.run(parent, blocks) is not False:
                    break


def markup_only(run: Callable) -> Callable:
    """The raw-HTML step's `run`, made only on a text holding < or & (it parses
    the whole text as HTML, and gives back a text without them as it is)."""

    def quick_run(lines: list[str]) -> list[str]:
        for line in lines:
            if "<" in line or "&" in line:
                return run(lines)
        return lines

    return quick_run


def quicken(md: Markdown) -> None:
    """Replace the inline step of `md` by the quick one, when each of its
    patterns is known above; its toc step; and the tests of the block
    processors known above, their loop and the raw HTML step, with the
    version of Python-Markdown they are read from."""
    patterns = list(md.inlinePatterns)
    if all(
        isinstance(pattern, InlinePattern) and pattern.compiled_re.pattern in NEEDS
        for pattern in patterns
    ):
        md.treeprocessors.register(QuickInlineProcessor(md, patterns), "inline", 20)
    for extension in md.registeredExtensions:
        if type(extension) is TocExtension:
            toc = QuickTocTreeprocessor(md, extension.getConfigs())
            md.treeprocessors.register(toc, "toc", 5)
    if markdown.__version_info__[:2] == BLOCK_NEEDS_VERSION:
        for processor in md.parser.blockprocessors:
            needs = BLOCK_NEEDS.get(type(processor))
            if needs:
                processor.test = needing(processor.test, needs)  # type: ignore[method-assign]
        md.parser.parseBlocks = types.MethodType(parse_blocks, md.parser)  # type: ignore[method-assign]
        raw_html = md.preprocessors["html_block"]
        if type(raw_html) is HtmlBlockPreprocessor:
            raw_html.run = markup_only(raw_html.run)  # type: ignore[method-assign]
