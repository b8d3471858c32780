"""The files of content/, checked before Pelican opens any of them.

Pelican walks content/ following symbolic links and copies static files as
they are: a link `images/reglement.pdf → /etc/passwd`, or to
/proc/self/environ (the build's environment, the FTP password included), or
to a folder, would be published. Every link under content/ is refused, named,
never followed nor read, whatever its name or target. Documents and drawings
published as they are have a size limit (photos have theirs in plugins/images,
Markdown files in the reader), a document must be what its extension says
(documents.py), and an SVG drawing must be safe (svg.py). The names of the
static folders' files and folders become addresses and FTP paths: one
allow-list (letters, digits, `-`, `_`, one dot before the extension, 100
characters), so that no `compte-rendu.php.pdf` runs as PHP on a host that maps
`.php` anywhere in a name, no line break breaks the FTP upload, and no name is
too long for the server once `.bimoc-tmp` is added. A document's name, which
visitors see, read aloud and pass on, is its address as it is: lowercase, no
accent. Two files whose names differ only by capitals, accents or punctuation
are refused together: on Windows or macOS one replaces the other (git checks
out one of them), and a link would lead to one or the other by chance.
Folders deeper than MAX_DEPTH are refused unwalked: Pelican's recursive walk
would end in a RecursionError.

Run when Pelican creates its first generator, the articles one, in every run
(the stock `pelican --autoreload` too, which keeps its Pelican instance), and
a refusal stops the build there: nothing has been read, nothing is written."""

import fnmatch
import functools
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from pelican.generators import ArticlesGenerator, Generator
from pelican.settings import DEFAULT_CONFIG

from plugins.common.documents import DOCUMENT_TYPES, DOCUMENTS_FOLDER
from plugins.common.problems import ContentError, location, report, report_all, reported
from plugins.french.french import french_slug

from .documents import holds_its_type
from .svg import svg_problems

MEGABYTE = 1024 * 1024
# Files published as they are from the static folders: (message code, limit in MB).
# Documents: a meeting's report or a flyer, a few MB even with photos in it
# (exported with compressed images); 10 MB is some 20 seconds on a phone's
# 4G, and the upload to the host. Drawings: a logo or a diagram is some KB; a
# drawing over 1 MB is a photo inside.
LIMITS = {
    **dict.fromkeys(DOCUMENT_TYPES, ("office_too_heavy", 10)),
    ".pdf": ("pdf_too_heavy", 10),
    ".svg": ("svg_too_heavy", 1),
}
# Folders under content/: images/2026/fete/photos is 4. Python's recursive
# os.walk, which Pelican uses, fails some 1,000 folders deep.
MAX_DEPTH = 6
# A published name, in characters, and in UTF-8 bytes: FTP servers take 255
# bytes a name, and the upload adds `.bimoc-tmp` while a file is on its way.
MAX_NAME = 100
MAX_NAME_BYTES = 200
NAME_PUNCTUATION = "-_"
# Letters up to Latin Extended-B (two bytes in UTF-8): every accented letter of
# French and of the languages around, none that looks like punctuation.
LAST_LETTER = 0x24F
SURROGATES = re.compile("[\ud800-\udfff]")


def entries(root: str, max_depth: int = MAX_DEPTH) -> Iterator[os.DirEntry]:
    """Every entry under `root`, in a stable order; a link is listed, never
    followed (lstat only). Without recursion: no folder depth can stop it. A
    folder more than `max_depth` folders deep is listed, not walked."""
    folders = [(root, 0)]
    while folders:
        folder, depth = folders.pop()
        with os.scandir(folder) as scan:
            found = sorted(scan, key=lambda entry: entry.name)
        yield from found
        if depth + 1 > max_depth:
            continue
        # Deepest last in, first out: sub-folders in name order too.
        sub_folders = [entry.path for entry in found if entry.is_dir(follow_symlinks=False)]
        folders += [(path, depth + 1) for path in reversed(sub_folders)]


def is_static(relative: str, settings: dict) -> bool:
    return any(
        relative == folder or relative.startswith(folder.rstrip("/") + "/")
        for folder in settings["STATIC_PATHS"]
    )


@functools.lru_cache(maxsize=4)
def ignored_names(patterns: tuple[str, ...]) -> re.Pattern:
    """The patterns as one expression, each as fnmatch translates it (what
    Pelican matches names with), instead of each pattern for each name."""
    translated = [fnmatch.translate(os.path.normcase(pattern)) for pattern in patterns]
    return re.compile("|".join(translated) or "(?!)")  # no pattern: no name


def is_ignored(parts: tuple[str, ...], settings: dict) -> bool:
    """A file Pelican passes over (`IGNORE_FILES`: `.DS_Store`, `Thumbs.db`…):
    never published, whatever its name."""
    ignored = ignored_names(tuple(settings.get("IGNORE_FILES", [])))
    return any(ignored.match(os.path.normcase(part)) for part in parts)


def character_problem(character: str) -> str | None:
    """What a character of a name is, when a name may not hold it."""
    if character.isascii() and (character.isalnum() or character in NAME_PUNCTUATION):
        return None
    if character.isalpha() and ord(character) <= LAST_LETTER:
        return None
    if character == " ":
        return "une espace"
    if unicodedata.category(character) == "Cs":  # a byte of a name that is not UTF-8
        return "un caractère illisible"
    if unicodedata.category(character)[0] in "CZ":  # line breaks, tabs, invisible spaces
        return f"un caractère invisible, U+{ord(character):04X}"
    return f"le caractère « {character} »"


def name_problem(name: str, is_folder: bool) -> str | None:
    """Why `name` may not be published, as the message says it; None when it may."""
    composed = unicodedata.normalize("NFC", name)  # `é` written as `e` and an accent
    found = [character_problem(character) for character in composed if character != "."]
    invisible = [what for what in found if what and what.startswith(("un caractère", "une"))]
    if invisible:  # spaces and line breaks first: the name as shown hides them
        return invisible[0]
    if len(composed) > MAX_NAME or len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return f"plus de {MAX_NAME} caractères"
    dots = composed.count(".")
    if is_folder and dots:
        return "un point"
    if not is_folder and dots != 1:
        return "plus d’un point" if dots else "pas d’extension"
    if not composed[0].isalnum():
        return f"il commence par « {composed[0]} »"
    return next(filter(None, found), None)


def suggested_name(name: str, is_folder: bool, settings: dict) -> str:
    """'Compte rendu.PHP.pdf' gives 'compte-rendu-php.pdf', with the site's slug rule."""
    stem, dot, extension = ("", "", "") if is_folder else name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    slug_settings = {
        "SLUG_REGEX_SUBSTITUTIONS": settings.get(
            "SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
        )
    }

    def slug(text: str) -> str:
        text = SURROGATES.sub("", text).replace(".", "-")  # a name's undecodable bytes
        return french_slug(text, slug_settings).strip("-_")

    extension = slug(extension)
    suffix = f".{extension}" if extension else ""
    stem = slug(stem)[: MAX_NAME - len(suffix)].strip("-_") or (
        "dossier" if is_folder else "fichier"
    )
    return stem + suffix


def document_name_problem(name: str, is_folder: bool, settings: dict) -> str | None:
    """Why a name under documents/ is not its address as it is, if it is not."""
    what = name_problem(name, is_folder)
    composed = unicodedata.normalize("NFC", name)
    if what or suggested_name(name, is_folder, settings) == composed:
        return what
    capital = next((character for character in composed if character.isupper()), None)
    if capital:
        return f"la majuscule « {capital} »"
    accented = next((character for character in composed if not character.isascii()), None)
    if accented:
        return f"la lettre accentuée « {accented} »"
    return "des tirets ou des soulignés en trop"


def check_name(entry: os.DirEntry, settings: dict) -> None:
    is_folder = entry.is_dir(follow_symlinks=False)
    relative = os.path.relpath(entry.path, settings["PATH"]).replace(os.sep, "/")
    document = relative.startswith(DOCUMENTS_FOLDER + "/")
    if document:
        what = document_name_problem(entry.name, is_folder, settings)
    else:
        what = name_problem(entry.name, is_folder)
    if what:
        code = "folder_name" if is_folder else "document_name" if document else "file_name"
        suggestion = suggested_name(entry.name, is_folder, settings)
        report(
            entry.path, settings, None, code, what=what, suggestion=suggestion, limit=str(MAX_NAME)
        )


def same_name_key(relative: str, settings: dict) -> str:
    """'documents/Compte rendu.pdf' and 'documents/compte-rendu.pdf' alike:
    the path as its names' suggested forms (lowercase, no accent, no space)."""
    parts = relative.split("/")
    folders = [suggested_name(part, True, settings) for part in parts[:-1]]
    return "/".join([*folders, suggested_name(parts[-1], False, settings)])


def check_static_names(files: list[os.DirEntry], settings: dict) -> None:
    """Each static file's name; two that differ only by capitals, accents or
    punctuation are named together, and neither is told to take a name the
    other has."""
    groups: dict[str, list[os.DirEntry]] = {}
    for entry in files:
        relative = os.path.relpath(entry.path, settings["PATH"]).replace(os.sep, "/")
        groups.setdefault(same_name_key(relative, settings), []).append(entry)
    for first, *others in groups.values():
        if not others:
            check_name(first, settings)
        for other in others:
            report(other.path, settings, None, "same_name", other=location(first.path, settings))


def megabytes(size: int) -> str:
    """'10,1': rounded up, so that a file just over the limit never reads as at it."""
    return f"{math.ceil(size * 10 / MEGABYTE) / 10:.1f}".replace(".", ",")


def check_published_file(entry: os.DirEntry, settings: dict, published: bool = True) -> None:
    """A static file's size, an SVG drawing's markup, what a document holds (a
    regular file, not a link; `published`: not a file Pelican passes over)."""
    suffix = os.path.splitext(entry.name)[1].lower()
    if suffix not in LIMITS:  # (first: most files are Markdown)
        return
    relative = os.path.relpath(entry.path, settings["PATH"]).replace(os.sep, "/")
    if not is_static(relative, settings):
        return
    code, limit = LIMITS[suffix]
    size = entry.stat(follow_symlinks=False).st_size
    if size > limit * MEGABYTE:
        report(entry.path, settings, None, code, size=megabytes(size), limit=str(limit))
    elif suffix == ".svg":
        report_all(entry.path, settings, svg_problems(Path(entry.path).read_bytes()))
    elif suffix in DOCUMENT_TYPES and published and not holds_its_type(entry.path, suffix):
        code = "pdf_not_pdf" if suffix == ".pdf" else "document_not_its_type"
        report(entry.path, settings, None, code, extension=suffix)


def is_editor_lock(entry: os.DirEntry) -> bool:
    """Emacs marks a file being edited with a link `.#name` to nowhere: Pelican
    ignores the name, and there is nothing behind it to publish."""
    return entry.name.startswith(".#") and entry.is_symlink() and not os.path.exists(entry.path)


def check_content_files(settings: dict) -> None:
    root = settings["PATH"]
    if os.path.islink(root):
        report(root, settings, None, "symlink")
        return
    static_folders = {folder.rstrip("/") for folder in settings["STATIC_PATHS"]}
    static_files = []
    for entry in entries(root):
        if is_editor_lock(entry):
            continue
        parts = Path(os.path.relpath(entry.path, root)).parts
        if entry.is_symlink():
            report(entry.path, settings, None, "symlink")
            continue
        if entry.is_dir(follow_symlinks=False) and len(parts) > MAX_DEPTH:
            report(entry.path, settings, None, "folder_too_deep", limit=str(MAX_DEPTH))
        relative = "/".join(parts)
        # What Pelican passes over (`.DS_Store`, `~$rapport.pdf`) is never published.
        published = relative not in static_folders and not is_ignored(parts, settings)
        is_file = entry.is_file(follow_symlinks=False)
        if published and is_static(relative, settings) and is_file:
            static_files.append(entry)  # named once all are known: two may clash
        elif published and is_static(relative, settings):
            check_name(entry, settings)
        if is_file:
            check_published_file(entry, settings, published)
    check_static_names(static_files, settings)


def check_files_first(generator: Generator) -> None:
    """Before the articles generator, the first Pelican creates, reads anything."""
    if not isinstance(generator, ArticlesGenerator):
        return
    before = reported(generator.settings)
    check_content_files(generator.settings)
    if reported(generator.settings) > before:
        raise ContentError(generator.settings["PATH"])
