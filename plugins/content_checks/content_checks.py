"""Checks on what editors write, so that no mistake reaches the published site.
Each problem is reported in French through plugins/common/problems.py; the
build runner prints them all and fails. Four moments: before any file is read
(files.py: symbolic links, sizes, SVG drawings), reading a file (the
reader: encoding, metadata, the body's markup), once everything is read (links,
anchors, duplicate addresses, files Pelican would skip without a word), and
just before anything is written: any problem reported so far, by this plugin
or another, stops the build there.

Other plugins check their own data with the same API: the agenda its events'
`Report:`, the htaccess plugin the former addresses."""

import logging
import os
from pathlib import Path

from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import Generator
from pelican.readers import Readers

from plugins.common.documents import (
    DOCUMENT_TYPES,
    DOCUMENTS_FOLDER,
    MACRO_EXTENSIONS,
    extension,
)
from plugins.common.links import MARKDOWN_EXTENSIONS, is_markdown
from plugins.common.problems import ContentError, line_of, location, report, reported
from plugins.common.schema import TYPES
from plugins.common.site_facts import SITE_FACTS_FILE
from plugins.common.site_index import Site

from .files import check_files_first, is_ignored, suggested_name
from .link_checks import check_heading_ids, check_links
from .menu_checks import check_menu_pages, menu_problems
from .reader import CheckedMarkdownReader
from .site_facts_checks import fact_line, site_fact_problems

# Files editors often drop in content/ as they are, and how to publish them instead.
KNOWN_FORMATS = {
    **dict.fromkeys(("heic", "heif"), "heic_photo"),
    **dict.fromkeys(("doc", "docx", "odt", "rtf", "pages"), "word_file"),
}
# What content/images/ takes (documents have their own folder, DOCUMENTS_FOLDER).
STATIC_TYPES = {"jpg", "jpeg", "png", "gif", "webp", "avif", "svg"}
# Files of content/ that are not contents: the models editors copy, the data files.
KNOWN_FILES = ("modeles", SITE_FACTS_FILE)
# Pelican warnings these checks replace with a French message naming the line:
# empty alt attributes (decorative images are fine here) and linked files missing.
SUPERSEDED = (
    "Empty alt attribute",
    "Cannot get modification stamp",
    "{filename} used for linking to static",
)


def check_site_facts(pelican: Pelican) -> None:
    """content/site.toml has every fact the templates read, each of its kind
    (site_facts_checks.py), and a well-written menu (menu_checks.py), before
    anything is read."""
    settings = pelican.settings
    site_toml = Path(settings["PATH"], SITE_FACTS_FILE)
    facts = settings.get("SITE", {})
    for problem in [*site_fact_problems(facts, settings), *menu_problems(facts)]:
        line = fact_line(site_toml, problem)
        report(str(site_toml), settings, line, problem.code, **problem.details)
    if reported(settings):
        raise ContentError(str(site_toml))


def use_checked_reader(readers: Readers) -> None:
    for markdown in MARKDOWN_EXTENSIONS:
        readers.reader_classes[markdown] = CheckedMarkdownReader


def check_addresses(site: Site) -> None:
    """Two contents, or a content and a listing, never share an output file."""
    owners: dict[str, str | Content] = dict(site.outputs)  # a content: named when it clashes
    for content in site.contents:
        if not content.save_as:
            continue
        if content.save_as in owners:
            other = owners[content.save_as]
            if isinstance(other, Content):
                other = location(other.source_path, other.settings)
            if "save_as" in content.metadata:  # written by the editor: `Save_as:`
                line, code, details = (
                    line_of(content.source_path, "save_as:"),
                    "duplicate_save_as",
                    {"value": content.save_as},
                )
            else:
                line, code, details = (
                    line_of(content.source_path, "slug:"),
                    "duplicate_url",
                    {"url": "/" + content.url},
                )
            report(content.source_path, content.settings, line, code, other=other, **details)
        else:
            owners[content.save_as] = content


def stray_problem(
    parts: tuple[str, ...], texts: list[str], settings: dict
) -> tuple[str, dict] | None:
    """Why a file of content/ would not be published as it should, if it would
    not, and the message's details (`texts`: the folders of Markdown contents)."""
    name = parts[-1]
    suffix = name.rsplit(".", 1)[-1].lower()
    if extension(name) in MACRO_EXTENSIONS:
        return "macro_document", {}
    if parts[0] == DOCUMENTS_FOLDER and len(parts) > 1:
        return None if extension(name) in DOCUMENT_TYPES else ("document_type", {})
    if suffix in KNOWN_FORMATS:  # a phone's photo or a word processor's file: say what to do
        return KNOWN_FORMATS[suffix], {}
    if extension(name) in DOCUMENT_TYPES:  # next to a news item, among the photos
        return "document_elsewhere", {"name": suggested_name(name, False, settings)}
    if parts[0] in settings["STATIC_PATHS"] and len(parts) > 1:
        return None if suffix in STATIC_TYPES else ("static_type", {})
    if parts[0] not in texts or len(parts) == 1 or not is_markdown(name):
        return "skipped_file", {}
    if not name.endswith(f".{suffix}"):  # Pelican reads `.md`, never `.MD`
        return "uppercase_suffix", {"name": f"{name.rsplit('.', 1)[0]}.{suffix}"}
    return None


def check_stray_files(settings: dict) -> None:
    """Files of content/ that Pelican would pass over without a word, or publish
    when they should not: only Markdown in the content folders, only images in
    content/images/, only the documents of the allow-list in content/documents/,
    nothing else but the models and the data files."""
    root = Path(settings["PATH"])
    known = (*KNOWN_FILES, settings.get("REDIRECTIONS_FILE"))
    texts = [folder for kind in TYPES.values() for folder in settings.get(kind["folders"], [])]
    for folder, folders, names in os.walk(root):
        folders.sort()
        for name in sorted(names):
            parts = Path(folder, name).relative_to(root).parts
            if is_ignored(parts, settings) or parts[0] in known:
                continue
            problem = stray_problem(parts, texts, settings)
            if problem:
                report(str(Path(folder, name)), settings, None, problem[0], **problem[1])


def check_site(generators: list[Generator]) -> None:
    site = Site(generators[0].context, generators[0].settings)
    for content in site.contents:
        if hasattr(content, "scan"):
            check_links(site, content)
            check_heading_ids(content)
    check_addresses(site)
    check_stray_files(site.settings)
    check_menu_pages(site)


def stop_if_problems(pelican: Pelican) -> None:
    """Sent once every check of every plugin has run, before any page is written
    (Pelican asks for its writer then): no page is written from broken content."""
    count = reported(pelican.settings)
    if count:
        # What the stock `pelican` command prints last; bimoc's build says it its own way.
        raise ContentError(f"{count} problème(s) de contenu ci-dessus : aucune page n’a été écrite")


def drop_superseded(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(SUPERSEDED)


def register() -> None:
    for name in ("pelican.readers", "pelican.cache", "pelican.contents"):
        logger = logging.getLogger(name)
        if drop_superseded not in logger.filters:
            logger.addFilter(drop_superseded)
    signals.initialized.connect(check_site_facts)
    signals.generator_init.connect(check_files_first)  # links, sizes, SVG: before any read
    signals.readers_init.connect(use_checked_reader)
    signals.all_generators_finalized.connect(check_site)
    signals.get_writer.connect(stop_if_problems)
