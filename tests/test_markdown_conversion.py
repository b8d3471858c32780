"""The reader's Markdown converter takes shortcuts (plugins/content_checks/
quick_markdown.py): whatever an editor writes, it gives the HTML Python-Markdown
itself gives with the site's settings."""

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.inlinepatterns import SimpleTagInlineProcessor
from pelican.settings import read_settings

from plugins.content_checks.quick_markdown import (
    BLOCK_NEEDS,
    QuickInlineProcessor,
    QuickTocTreeprocessor,
)
from plugins.content_checks.reader import CheckedMarkdownReader

# What Markdown's inline patterns and blocks start from, with words, spaces and
# line breaks around.
MARKDOWN_PIECES = [
    *("`", "``", "\\", "[", "]", "(", ")", "!", "<", ">", "&", ";", "*", "_", "^", "#"),
    *("  \n", "\n", "\n\n", "    ", "- ", "1. ", "> ", "|", ":", "{: .decoratif}", "[TOC]"),
    *("a", "mot", " ", "é", "https://exemple.fr", "a@b.fr", "amp", "#12", "br", "p", "="),
    *("[^1]", "[^1]: note\n", "[lien]: /a\n", "<br>", "<!-- x -->", "&amp;", "\\*"),
    *("=", "-", "===", "---", "***", "___", "* * *", ": ", "\n: ", "\n> ", "\n#", "|", "| a |"),
    *("| a | b |\n|---|:-:|\n", "terme\n: définition\n", "Titre\n=====\n", "> citée\n"),
    *("]:", "[^", "[x]:/b", "[^x]:c", "\n[y]: <d> 'e'\n"),
    *("&#12 ", "&#x4a;", "&eacute", "<div>\n", "</div>", "<p>a</p>\n\n", "\r\n", "\t"),
]
markdown_text = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=40).map("".join)


@pytest.fixture(scope="module")
def converters() -> tuple[Markdown, Markdown]:
    """The reader's converter, and Python-Markdown's own with the same settings."""
    site_settings = read_settings(str(ROOT / "pelicanconf.py"))
    ours = CheckedMarkdownReader(site_settings).markdown
    plain = Markdown(**site_settings["MARKDOWN"])
    plain.preprocessors.deregister("meta", strict=False)
    return ours, plain


def test_the_reader_takes_the_shortcuts_with_the_sites_extensions(converters):
    """Else the table of quick_markdown.py no longer knows Markdown's patterns
    (an extension added, Python-Markdown upgraded): update it."""
    ours, _ = converters
    assert isinstance(ours.treeprocessors["inline"], QuickInlineProcessor)
    assert isinstance(ours.treeprocessors["toc"], QuickTocTreeprocessor)
    quick_tests = [p for p in ours.parser.blockprocessors if p.test.__name__ == "quick_test"]
    assert len(quick_tests) == len(BLOCK_NEEDS)
    assert ours.preprocessors["html_block"].run.__name__ == "quick_run"
    assert ours.parser.parseBlocks.__name__ == "parse_blocks"


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(text=markdown_text)
def test_the_reader_converts_as_python_markdown_does(converters, text):
    ours, plain = converters
    assert ours.reset().convert(text) == plain.reset().convert(text)


def test_a_pattern_added_to_the_converter_turns_the_shortcut_off():
    """A pattern the shortcut does not know (`~~barré~~`, needing `~`) still applies."""
    markdown = CheckedMarkdownReader(read_settings(str(ROOT / "pelicanconf.py"))).markdown
    markdown.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "del", 65)
    assert markdown.reset().convert("un mot ~~barré~~") == "<p>un mot <del>barré</del></p>"
