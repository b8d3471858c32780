"""Full-text search: once the site is written, Pagefind (pagefind[bin], no Node)
indexes the text of real content, the elements marked data-pagefind-body by the
templates (pages, news, events; not listings), into pagefind/. Its language
comes from <html lang="fr">, so French stemming and accent-insensitive matching
apply. The assets load only on the "Rechercher" page (theme/static/js/recherche.js).

French elisions: Pagefind (1.5) cuts words at white space and, inside a word,
at ASCII punctuation only, so « l’ACIM » with the typographic apostrophe is one
word, « lacim », and a search for « ACIM » misses it. Pagefind has no setting
for this, so it indexes a copy of the pages in which each elided word is cut
from the next one: « l’⁠ ACIM », an invisible word joiner (U+2060) before the
added space. The published pages stay as written; recherche.js takes that
"joiner + space" out of the titles and excerpts it shows, so a visitor
reads the real text (a word joiner of the text itself, invisible anyway, is left
out of the copy: every one in the index is ours), and drops elisions from the
query (« l’ACIM », « d'artistes »). Splitting in the copy rather than adding words to
the page: no hidden text to maintain, excerpts made of the real sentences, and
words after an elision weigh as much as any other."""

import html
import logging
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import Pelican, signals

from plugins.common.schema import reserve_folder
from plugins.common.typography import map_text

logger = logging.getLogger(__name__)

INDEX_FOLDER = "pagefind"
reserve_folder(INDEX_FOLDER, "à l’index de recherche")
# Elided words, with either apostrophe, at the start of a word (« aujourd’hui »,
# « rock’n’roll » stay whole), followed by a word or by the end of a run of text
# (« l’<a>ACIM</a> »). recherche.js drops the same list from queries.
ELISION = re.compile(
    r"(?<![\w'’])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’](?=\w|\Z)", re.IGNORECASE
)
WORD_JOINER = "\u2060"
ADDED_SPACE = WORD_JOINER + " "  # recherche.js removes exactly this
BODY_MARK = "data-pagefind-body"
# Pagefind's allocator (jemalloc, whose settings the binary reads from this
# variable) keeps freed memory for 10 s by default. Pagefind copies every page it
# read to build the index and frees them as it goes: kept, they took its peak to
# 1.13 GiB at 10,000 news; returned after 100 ms, 0.87 GiB, at no measured cost
# in time (README, "Search").
PAGEFIND_MEMORY = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:100"}


def split_elisions(text: str) -> str:
    """Plain text with a space (marked by a word joiner) after each elision."""
    return ELISION.sub(lambda elision: elision.group() + ADDED_SPACE, text)


def indexed_copy(page: str) -> str:
    """The HTML of a page as Pagefind reads it: its text with elisions split
    (entities decoded first: a title's ' comes escaped), tags untouched, and
    no word joiner but those marking the added spaces."""

    def split(text: str) -> str:
        if "'" not in text and "’" not in text and "&" not in text:
            return text  # most runs of text: nothing to do
        plain = html.unescape(text).replace(WORD_JOINER, "")
        return html.escape(split_elisions(plain), quote=False)

    return map_text(page.replace(WORD_JOINER, ""), split)


def index(pelican: Pelican) -> None:
    # `invoke bench` times indexing apart; the preview indexes once the pages are served.
    if os.environ.get("BIMOC_SEARCH_INDEX") == "0":
        return
    index_site(Path(pelican.output_path))


def copy_pages(output: Path, copy: Path) -> None:
    """Pagefind's copy of the pages (indexed_copy), without those that have no
    element marked data-pagefind-body (listings, the search page): Pagefind
    would read and keep them only to index nothing (6 % of its peak memory at
    10,000 news). A site where no page has one gets every page, as Pagefind
    then indexes every page."""
    unmarked = []
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if BODY_MARK in text:
            write_copy(text, copy / page.relative_to(output))
        else:
            unmarked.append(page)
    if not any(copy.iterdir()):
        for page in unmarked:
            write_copy(page.read_text(encoding="utf-8"), copy / page.relative_to(output))


def write_copy(page: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(indexed_copy(page), encoding="utf-8")


def index_site(output: Path, destination: Path | None = None) -> None:
    """Write the search index of the site in `output` into output/pagefind/ (or
    `destination`: the preview's, renewed while the pages are served)."""
    with tempfile.TemporaryDirectory(prefix="bimoc-recherche-") as copy:
        copy_pages(output, Path(copy))
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                copy,
                "--output-path",
                str(destination or output / INDEX_FOLDER),
            ],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, **PAGEFIND_MEMORY},
        )
    if result.returncode != 0:
        logger.error(
            "Pagefind could not index the site: %s", (result.stderr or result.stdout).strip()
        )


def register() -> None:
    signals.finalized.connect(index)
