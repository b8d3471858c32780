"""Checks on what editors write, so that no mistake reaches the published site.
Each problem is logged as an error, in French, as `fichier:ligne : problème —
correction` (messages.py); the build runner collects them all, prints them and
fails. Three moments: reading a file (encoding, metadata: metadata.py), each
content's HTML (images, forbidden tags), and once everything is read (links,
anchors, duplicate addresses, files Pelican would skip without a word)."""

import fnmatch
import logging
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from markdown import Markdown
from pelican import signals
from pelican.contents import Content, Static
from pelican.generators import ArticlesGenerator, Generator
from pelican.readers import MarkdownReader, Readers

from .html_scan import scan_html
from .messages import format_message
from .metadata import check_header, read_header

logger = logging.getLogger(__name__)
# Problems reported during the current build (reset when Pelican starts): when
# there are any, the build stops before writing pages from broken content.
reported = {"count": 0}

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
PLACEHOLDER = "À COMPLÉTER"
INTERNAL_LINK = re.compile(r"^[{|](filename|static|attach)[}|](.*)$")
# Ids every page has from the theme (skip link target).
THEME_IDS = {"contenu"}


class ContentError(Exception):
    """A file whose problems are already reported; Pelican skips it, the build fails."""

    already_reported = True  # the build runner does not report Pelican's note about it


def location(path: str, settings: dict, line: int | None = None) -> str:
    relative = os.path.relpath(path, os.path.dirname(settings["PATH"]))
    return f"{relative}:{line}" if line else relative


def report(path: str, settings: dict, line: int | None, code: str, **details) -> None:
    reported["count"] += 1
    logger.error(format_message(location(path, settings, line), code, **details))


def reset_count(_pelican) -> None:
    reported["count"] = 0


def line_of(path: str, needle: str) -> int:
    """First line of a source file containing `needle` (case-insensitive), else 1."""
    needle = needle.lower()
    with open(path, encoding="utf-8-sig") as source:
        for number, line in enumerate(source, start=1):
            if needle in line.lower():
                return number
    return 1


def kind_of(path: str, settings: dict) -> str:
    folder = Path(path).resolve().relative_to(Path(settings["PATH"]).resolve()).parts[0]
    if folder in settings["ARTICLE_PATHS"]:
        return "article"
    return "event" if folder in settings.get("EVENT_PATHS", []) else "page"


class CheckedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with our own metadata header: French keys and
    YAML front matter accepted, every mistake reported with its line."""

    def read(self, source_path: str) -> tuple[str, dict]:
        self._source_path = source_path
        raw = Path(source_path).read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            report(source_path, self.settings, raw[: error.start].count(b"\n") + 1, "encoding")
            raise ContentError(source_path) from None
        header = read_header(text)
        metadata, problems = check_header(
            header, kind_of(source_path, self.settings), self.settings
        )
        for problem in problems:
            report(source_path, self.settings, problem.line, problem.code, **problem.details)
        if problems:
            raise ContentError(source_path)
        self._md = Markdown(**self.settings["MARKDOWN"])
        metadata = self._parse_metadata({key: [value] for key, value in metadata.items()})
        self._md.reset()
        return self._md.convert(header.body), metadata


def use_checked_reader(readers: Readers) -> None:
    for extension in MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = CheckedMarkdownReader


def check_html(content: Content) -> None:
    """Forbidden markup, images without alternative text, leftover placeholders."""
    if isinstance(content, Static) or not content.source_path:
        return
    content.scan = scan_html(content._content or "")
    path, settings = content.source_path, content.settings
    for tag in content.scan.forbidden_tags:
        report(path, settings, line_of(path, f"<{tag}"), "forbidden_tag", tag=tag)
    for attribute in content.scan.forbidden_attributes:
        report(
            path,
            settings,
            line_of(path, f"{attribute}="),
            "forbidden_attribute",
            attribute=attribute,
        )
    for source in content.scan.images_without_alt:
        report(path, settings, line_of(path, source), "missing_alt", target=source)
    written = content._content + content.title + content.metadata.get("summary", "")
    if content.status != "draft" and PLACEHOLDER in written:
        report(path, settings, line_of(path, PLACEHOLDER), "placeholder", marker=PLACEHOLDER)


class Site:
    """Everything a link may lead to, once all content is read."""

    def __init__(self, generators: list[Generator]) -> None:
        context = generators[0].context
        self.settings = generators[0].settings
        self.root = Path(self.settings["PATH"]).resolve()
        self.by_source = {
            str(path): content
            for path, content in context["generated_content"].items()
            if content is not None and not isinstance(content, Static)  # None: failed to read
        }
        self.contents = list(self.by_source.values())
        self.by_url = {self.normalise(content.url): content for content in self.contents}
        self.urls = set(self.by_url) | {
            self.normalise(self.settings[name])
            for name in ("INDEX_URL", "FEED_ALL_ATOM", "FEED_ALL_RSS")
            if self.settings.get(name)
        }
        self.outputs: dict[str, str] = {}  # reserved output file → what produces it
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                for category, _ in generator.categories:
                    self.urls.add(self.normalise(category.url))
                    self.outputs[category.save_as] = f"la rubrique « {category} »"
        self.outputs[self.settings["INDEX_SAVE_AS"]] = "la liste des actualités"

    @staticmethod
    def normalise(url: str) -> str:
        return "/" + url.lstrip("/").removesuffix("index.html")

    def source_file(self, content: Content, target: str) -> Path:
        """A {filename}/{static} target, from the content's folder or from content/."""
        base = self.root if target.startswith("/") else Path(content.source_path).parent
        return (base / target.lstrip("/")).resolve()

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def check_links(site: Site, content: Content) -> None:
    path, settings = content.source_path, content.settings
    siteurl = settings["SITEURL"]
    for link in content.scan.links:
        is_image = f'src="{link}"' in content._content
        internal = INTERNAL_LINK.match(link)
        if internal:
            target, _, anchor = internal.group(2).partition("#")
            file = site.source_file(content, target)
            if not file.is_file() or site.root not in file.parents:
                report(
                    path,
                    settings,
                    line_of(path, link),
                    "missing_image" if is_image else "broken_link",
                    target=target,
                )
                # Pelican would warn again, in English, about the same link.
                content._content = content._content.replace(f'"{link}"', '"#"')
            elif anchor:
                check_anchor(site, content, site.by_source.get(site.relative(file)), anchor, link)
            continue
        parts = urlsplit(link)
        if link.startswith(siteurl + "/") and siteurl:
            parts = urlsplit(link.removeprefix(siteurl))
        elif parts.scheme or parts.netloc:
            continue  # another site, mail or phone
        if not parts.path:
            if parts.fragment:
                check_anchor(site, content, content, parts.fragment, link)
            continue
        file = site.source_file(content, parts.path) if not parts.path.startswith("/") else None
        if file and file.is_file() and site.root in file.parents:
            marker = "{filename}" if file.suffix.lstrip(".") in MARKDOWN_EXTENSIONS else "{static}"
            suggestion = f"{marker}/{site.relative(file)}"
            report(
                path,
                settings,
                line_of(path, link),
                "relative_link",
                target=link,
                suggestion=suggestion,
            )
            continue
        url = site.normalise(urljoin("/" + content.url, parts.path))
        if url not in site.urls:
            report(
                path,
                settings,
                line_of(path, link),
                "missing_image" if is_image else "unknown_url",
                target=link,
            )
        elif parts.fragment:
            check_anchor(site, content, site.by_url.get(url), parts.fragment, link)


def check_report(site: Site, content: Content) -> None:
    """An event's `Report:` names the news item that reports on it."""
    target = getattr(content, "report", None)
    if target:
        file = site.source_file(content, target.removeprefix("{filename}"))
        if site.root not in file.parents or site.relative(file) not in site.by_source:
            line = line_of(content.source_path, target)
            report(content.source_path, content.settings, line, "broken_link", target=target)


def check_anchor(
    site: Site, content: Content, target: Content | None, anchor: str, link: str
) -> None:
    if target is None or not hasattr(target, "scan"):
        return
    if anchor not in target.scan.ids | THEME_IDS:
        available = ", ".join(f"#{i}" for i in sorted(target.scan.ids)) or "aucune"
        name = site.relative(Path(target.source_path).resolve())
        report(
            content.source_path,
            content.settings,
            line_of(content.source_path, link),
            "broken_anchor",
            anchor=anchor,
            target=name,
            available=available,
        )


def check_addresses(site: Site) -> None:
    """Two contents, or a content and a listing, never share an output file."""
    owners = dict(site.outputs)
    for content in sorted(site.contents, key=lambda c: c.source_path):
        if not content.save_as:
            continue
        here = location(content.source_path, content.settings)
        if content.save_as in owners:
            line = line_of(content.source_path, "slug:")
            report(
                content.source_path,
                content.settings,
                line,
                "duplicate_url",
                url="/" + content.url,
                other=owners[content.save_as],
            )
        else:
            owners[content.save_as] = here


def check_skipped_files(settings: dict) -> None:
    """Files in the content folders that Pelican would pass over without a word."""
    root = Path(settings["PATH"])
    for folder in (
        settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"] + settings.get("EVENT_PATHS", [])
    ):
        for file in sorted((root / folder).rglob("*")):
            parts = file.relative_to(root).parts
            ignored = any(
                fnmatch.fnmatch(part, pattern)
                for part in parts
                for pattern in settings["IGNORE_FILES"]
            )
            if (
                file.is_file()
                and not ignored
                and file.suffix.lstrip(".") not in MARKDOWN_EXTENSIONS
            ):
                report(str(file), settings, None, "skipped_file")


def check_site(generators: list[Generator]) -> None:
    site = Site(generators)
    for content in site.contents:
        if hasattr(content, "scan"):
            check_links(site, content)
        check_report(site, content)
    check_addresses(site)
    check_skipped_files(site.settings)
    if reported["count"]:
        raise ContentError(f"{reported['count']} problems")  # stop before writing anything


def drop_superseded(record: logging.LogRecord) -> bool:
    """Pelican's warning about empty alt attributes: check_html says it better, and
    lets decorative images ({: .decoratif}) through."""
    return not record.msg.startswith("Empty alt attribute")


def register() -> None:
    logging.getLogger("pelican.readers").addFilter(drop_superseded)
    signals.initialized.connect(reset_count)
    signals.readers_init.connect(use_checked_reader)
    signals.content_object_init.connect(check_html)
    signals.all_generators_finalized.connect(check_site)
