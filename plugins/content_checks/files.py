"""The files of content/, checked before Pelican opens any of them.

Pelican walks content/ following symbolic links and copies static files as
they are: a link `images/reglement.pdf → /etc/passwd`, or to
/proc/self/environ (the build's environment, the FTP password included), or
to a folder, would be published. Every link under content/ is refused, named,
never followed nor read, whatever its name or target. Documents and drawings
published as they are have a size limit (photos have theirs in plugins/images,
Markdown files in the reader), and an SVG drawing must be safe (svg.py).

Run when Pelican creates its first generator, the articles one, in every run
(the stock `pelican --autoreload` too, which keeps its Pelican instance), and
a refusal stops the build there: nothing has been read, nothing is written."""

import math
import os
from collections.abc import Iterator
from pathlib import Path

from pelican.generators import ArticlesGenerator, Generator

from plugins.common.problems import ContentError, report, report_all, reported

from .svg import svg_problems

MEGABYTE = 1024 * 1024
# Files published as they are from the static folders: (message code, limit in MB).
# Documents: a meeting's report or a flyer, a few MB even with photos in it.
# Drawings: a logo or a diagram is some KB; a drawing over 1 MB is a photo inside.
LIMITS = {".pdf": ("pdf_too_heavy", 10), ".svg": ("svg_too_heavy", 1)}


def entries(root: str) -> Iterator[os.DirEntry]:
    """Every entry under `root`, in a stable order; a link is listed, never
    followed (lstat only). Without recursion: no folder depth can stop it."""
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as scan:
            found = sorted(scan, key=lambda entry: entry.name)
        yield from found
        # Deepest last in, first out: sub-folders in name order too.
        folders += reversed([entry.path for entry in found if entry.is_dir(follow_symlinks=False)])


def is_static(relative: str, settings: dict) -> bool:
    return any(
        relative == folder or relative.startswith(folder.rstrip("/") + "/")
        for folder in settings["STATIC_PATHS"]
    )


def megabytes(size: int) -> str:
    """'10,1': rounded up, so that a file just over the limit never reads as at it."""
    return f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}".replace(".", ",")


def check_published_file(entry: os.DirEntry, settings: dict) -> None:
    """A static file's size, and an SVG drawing's markup (a regular file, not a link)."""
    suffix = os.path.splitext(entry.name)[1].lower()
    relative = os.path.relpath(entry.path, settings["PATH"]).replace(os.sep, "/")
    if suffix not in LIMITS or not is_static(relative, settings):
        return
    code, limit = LIMITS[suffix]
    size = entry.stat(follow_symlinks=False).st_size
    if size > limit * MEGABYTE:
        report(entry.path, settings, None, code, size=megabytes(size), limit=str(limit))
    elif suffix == ".svg":
        report_all(entry.path, settings, svg_problems(Path(entry.path).read_bytes()))


def is_editor_lock(entry: os.DirEntry) -> bool:
    """Emacs marks a file being edited with a link `.#name` to nowhere: Pelican
    ignores the name, and there is nothing behind it to publish."""
    return entry.name.startswith(".#") and entry.is_symlink() and not os.path.exists(entry.path)


def check_content_files(settings: dict) -> None:
    root = settings["PATH"]
    if os.path.islink(root):
        report(root, settings, None, "symlink")
        return
    for entry in entries(root):
        if is_editor_lock(entry):
            continue
        if entry.is_symlink():
            report(entry.path, settings, None, "symlink")
        elif entry.is_file(follow_symlinks=False):
            check_published_file(entry, settings)


def check_files_first(generator: Generator) -> None:
    """Before the articles generator, the first Pelican creates, reads anything."""
    if not isinstance(generator, ArticlesGenerator):
        return
    before = reported(generator.settings)
    check_content_files(generator.settings)
    if reported(generator.settings) > before:
        raise ContentError(generator.settings["PATH"])
