"""Checks on what editors write, so that no mistake reaches the published site.
Each problem is logged as an error, in French, as `fichier:ligne : problème —
correction` (messages.py); the build runner collects them all, prints them and
fails. Three moments: reading a file (encoding, metadata: metadata.py), each
content's HTML (images, forbidden tags), and once everything is read (links,
anchors, duplicate addresses, files Pelican would skip without a word)."""

import fnmatch
import functools
import logging
import os
import re
import tomllib
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from markdown import Markdown
from markdown.extensions.toc import slugify
from pelican import signals
from pelican.contents import Content, Static
from pelican.generators import ArticlesGenerator, Generator
from pelican.readers import MarkdownReader, Readers
from pelican.utils import SafeDatetime

from .html_scan import scan_html
from .messages import format_message
from .metadata import Problem, check_header, read_header

logger = logging.getLogger(__name__)
# Problems reported during the current build (reset when Pelican starts): when
# there are any, the build stops before writing pages from broken content.
reported = {"count": 0}
# Former addresses (`Former_urls:`) accepted so far: url → (content, as written),
# checked again against the files the build wrote (finalized).
former_urls: dict[str, tuple[Content, str]] = {}
# Ids each page template gives, read from the theme once per build.
template_ids: dict[str, frozenset[str]] = {}

MARKDOWN_EXTENSIONS = ("md", "markdown", "mkd", "mdown")
PLACEHOLDER = "À COMPLÉTER"
INTERNAL_LINK = re.compile(r"^[{|](filename|static|attach)[}|](.*)$")
# An id the theme's templates give (id="contenu"; not computed ones, id="{{ … }}").
THEME_ID = re.compile(r'\bid="([^"{}]+)"')
STATIC_TYPES = {"jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "pdf"}
# How the former Joomla site addressed an article (content/redirections.toml).
JOOMLA_ADDRESS = "/index.php?option=com_content&view=article&id={id}"


class ContentError(Exception):
    """A file whose problems are already reported; Pelican skips it, the build fails."""

    already_reported = True  # the build runner does not report Pelican's note about it


def location(path: str, settings: dict, line: int | None = None) -> str:
    relative = os.path.relpath(path, os.path.dirname(settings["PATH"]))
    return f"{relative}:{line}" if line else relative


def report(path: str, settings: dict, line: int | None, code: str, **details) -> None:
    reported["count"] += 1
    logger.error(format_message(location(path, settings, line), code, **details))


# What the templates read in content/site.toml (dotted for tables).
SITE_FACTS = [
    "name",
    "full_name",
    "founding_year",
    "members",
    "categories",
    "accessibility_status",
    "contact.name",
    "contact.role",
    "contact.organisation",
    "contact.email",
    "contact.phone",
    "contact.website",
    "social.facebook",
    "social.twitter",
    "social.mailing_list",
    "legal.publisher",
    "legal.publication_director",
    "legal.host_name",
    "legal.host_address",
    "legal.host_phone",
    "partners",
]


def missing_facts(facts: dict) -> list[str]:
    missing = []
    for name in SITE_FACTS:
        table, _, key = name.rpartition(".")
        if key not in (facts.get(table, {}) if table else facts):
            missing.append(name)
    return missing


def start_build(pelican) -> None:
    """Reset the count of problems, and check content/site.toml before anything is read."""
    reported["count"] = 0
    former_urls.clear()
    template_ids.clear()
    # Connected once every plugin has registered: it runs after them all, once the
    # site map and the search index are written too.
    signals.finalized.connect(check_former_urls_hide_no_file)
    site_toml = os.path.join(pelican.settings["PATH"], "site.toml")
    for name in missing_facts(pelican.settings.get("SITE", {})):
        report(
            site_toml,
            pelican.settings,
            None,
            "site_fact_missing",
            key=name,
            key_name=name.rpartition(".")[2],
        )
    if reported["count"]:
        raise ContentError("content/site.toml")


class LineFinder:
    """Line numbers of things in a source file: the n-th search for the same
    text gives the line of its n-th occurrence."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: dict[str, int] = {}

    @functools.cached_property
    def lines(self) -> list[str]:  # read only when a problem needs its line
        with open(self.path, encoding="utf-8-sig", errors="replace") as source:
            return [line.lower() for line in source]

    def line(self, needle: str) -> int | None:
        needle = needle.lower()
        start = self.found.get(needle, 0)
        for number in range(start, len(self.lines)):
            if needle in self.lines[number]:
                self.found[needle] = number + 1
                return number + 1
        return None


def line_of(path: str, needle: str) -> int | None:
    return LineFinder(path).line(needle)


def kind_of(path: str, settings: dict) -> str:
    folder = os.path.relpath(path, settings["PATH"]).split(os.sep)[0]
    if folder in settings["ARTICLE_PATHS"]:
        return "article"
    return "event" if folder in settings.get("EVENT_PATHS", []) else "page"


def body_problems(path: str, html: str, metadata: dict) -> list[Problem]:
    """Forbidden markup, images without alternative text, leftover placeholders,
    an empty text: what the rendered body says, with the lines it came from."""
    scan = scan_html(html)
    lines = LineFinder(path)
    problems = [
        Problem(lines.line(f"<{tag}"), "forbidden_tag", {"tag": tag}) for tag in scan.forbidden_tags
    ]
    problems += [
        Problem(lines.line(attribute), "forbidden_attribute", {"attribute": attribute})
        for attribute in scan.forbidden_attributes
    ]
    problems += [
        Problem(lines.line(src), "missing_alt", {"target": src}) for src in scan.images_without_alt
    ]
    written = html + metadata.get("title", "") + metadata.get("summary", "")
    if metadata.get("status") != "draft" and PLACEHOLDER in written:
        problems.append(Problem(lines.line(PLACEHOLDER), "placeholder", {"marker": PLACEHOLDER}))
    if not html.strip():
        problems.append(Problem(len(lines.lines) or 1, "empty_body"))
    return problems


class CheckedMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader with our own metadata header (French keys and
    YAML front matter accepted) and checks on the body; every mistake of the
    file is reported with its line, and the file is then refused."""

    @functools.cached_property
    def markdown(self) -> Markdown:
        """One converter for all files, reset before each: setting one up with its
        extensions took longer than converting a news item."""
        markdown = Markdown(**self.settings["MARKDOWN"])
        markdown.preprocessors.deregister("meta", strict=False)  # the header is ours
        return markdown

    def process_metadata(self, name: str, value):
        if name in ("date", "modified"):  # already checked ISO 8601: no need to guess
            return SafeDatetime.fromisoformat(value)
        return super().process_metadata(name, value)

    def read(self, source_path: str) -> tuple[str, dict]:
        self._source_path = source_path
        raw = Path(source_path).read_bytes()
        try:  # NFC: macOS writes "é" as "e" + accent, which would match nothing
            text = unicodedata.normalize("NFC", raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            report(source_path, self.settings, raw[: error.start].count(b"\n") + 1, "encoding")
            raise ContentError(source_path) from None
        header = read_header(text)
        metadata, problems = check_header(
            header, kind_of(source_path, self.settings), self.settings
        )
        html = self.markdown.reset().convert(header.body)
        if not header.problems:  # an unreadable header makes the body unreliable too
            problems += body_problems(source_path, html, metadata)
        for problem in sorted(problems, key=lambda problem: problem.line or 0):
            report(source_path, self.settings, problem.line, problem.code, **problem.details)
        if problems:
            raise ContentError(source_path)
        return html, {key: self.process_metadata(key, value) for key, value in metadata.items()}


def use_checked_reader(readers: Readers) -> None:
    for extension in MARKDOWN_EXTENSIONS:
        readers.reader_classes[extension] = CheckedMarkdownReader


def remember_scan(content: Content) -> None:
    """What the links check needs of each content's HTML, once all is read."""
    if not isinstance(content, Static) and content.source_path:
        content.scan = scan_html(content._content or "")


@functools.cache
def real(folder: str) -> str:
    """A content folder, symbolic links resolved: once per folder (resolving each
    link's target took most of the links check)."""
    return str(Path(folder).resolve())


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
        published = [content for content in self.contents if content.save_as]
        self.by_url = {self.normalise(content.url): content for content in published}
        self.urls = set(self.by_url) | {
            self.normalise(self.settings[name])
            for name in ("INDEX_URL", "FEED_ALL_ATOM", "FEED_ALL_RSS", "AGENDA_URL", "AGENDA_ICS")
            if self.settings.get(name)
        }
        self.urls |= {"/" + self.relative(file) for file in self.static_files()}
        self.outputs: dict[str, str] = {}  # reserved output file → what produces it
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                for category, _ in generator.categories:
                    self.urls.add(self.normalise(category.url))
                    self.outputs[category.save_as] = f"la rubrique « {category} »"
        self.outputs[self.settings["INDEX_SAVE_AS"]] = "la liste des actualités"
        if self.settings.get("AGENDA_SAVE_AS"):
            self.outputs[self.settings["AGENDA_SAVE_AS"]] = "l’agenda"

    @staticmethod
    def normalise(url: str) -> str:
        """'/actualites/x/index.html', 'actualites/x' and '/actualites/x/' alike."""
        url = "/" + url.lstrip("/").removesuffix("index.html")
        return url if url.endswith("/") or "." in url.rsplit("/", 1)[-1] else url + "/"

    def source_file(self, content: Content, target: str) -> Path:
        """A {filename}/{static} target, from the content's folder or from content/."""
        base = self.root if target.startswith("/") else real(os.path.dirname(content.source_path))
        return Path(os.path.normpath(os.path.join(base, target.lstrip("/"))))

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def is_static(self, path: Path) -> bool:
        return (
            self.root in path.parents
            and self.relative(path).split("/")[0] in self.settings["STATIC_PATHS"]
        )

    def static_files(self) -> list[Path]:
        return [
            f
            for folder in self.settings["STATIC_PATHS"]
            for f in (self.root / folder).rglob("*")
            if f.is_file()
        ]


def check_internal_link(
    site: Site, content: Content, kind: str, target: str, image: bool
) -> tuple | None:
    """(problem code, details) for a {filename} or {static} link that leads nowhere."""
    target, _, anchor = target.partition("#")
    target = target.split("?")[0]
    file = site.source_file(content, target)
    if not file.is_file() or site.root not in file.parents:
        return ("missing_image" if image else "broken_link"), {"target": target}
    linked = site.by_source.get(site.relative(file))
    if not site.is_static(file) and (kind != "filename" or linked is None):
        return "unpublished_file", {"target": site.relative(file)}
    if linked is not None and linked.status == "draft" and content.status != "draft":
        return "draft_link", {"target": site.relative(file)}
    if anchor and linked is not None:
        return anchor_problem(linked, anchor)
    return None


def check_links(site: Site, content: Content) -> None:
    lines = LineFinder(content.source_path)
    siteurl = content.settings["SITEURL"]
    for attribute, link in content.scan.links:
        problem = None
        image = attribute == "src"
        internal = INTERNAL_LINK.match(link)
        parts = urlsplit(link)
        if internal:
            problem = check_internal_link(
                site, content, internal.group(1), internal.group(2), image
            )
        elif parts.scheme == "javascript":
            problem = "forbidden_link", {"target": link}
        elif parts.hostname in ("127.0.0.1", "localhost"):
            problem = "preview_link", {"target": link}
        elif (parts.scheme or parts.netloc) and not (siteurl and link.startswith(siteurl + "/")):
            if image and parts.scheme in ("http", "https", ""):
                problem = "external_image", {"target": link}
        else:
            problem = check_plain_link(site, content, link, image)
        if problem:
            code, details = problem
            report(content.source_path, content.settings, lines.line(link), code, **details)


def check_plain_link(site: Site, content: Content, link: str, image: bool) -> tuple | None:
    """A link written as a path ('/actualites/', '../images/a.png', '#partie')."""
    siteurl = content.settings["SITEURL"]
    parts = urlsplit(
        link.removeprefix(siteurl) if siteurl and link.startswith(siteurl + "/") else link
    )
    if not parts.path:
        return anchor_problem(content, parts.fragment) if parts.fragment else None
    file = site.source_file(content, parts.path) if not parts.path.startswith("/") else None
    if file and file.is_file() and site.root in file.parents:
        marker = "{filename}" if file.suffix.lstrip(".") in MARKDOWN_EXTENSIONS else "{static}"
        return "relative_link", {"target": link, "suggestion": f"{marker}/{site.relative(file)}"}
    url = site.normalise(urljoin("/" + content.url, parts.path))
    if url not in site.urls:
        return ("missing_image" if image else "unknown_url"), {"target": link}
    target = site.by_url.get(url)
    if parts.fragment and target is not None:
        return anchor_problem(target, parts.fragment)
    return None


def theme_ids(content: Content) -> frozenset[str]:
    """The ids a content's page gets from its template and from base.html, which
    every page template extends (links such as {filename}/pages/rejoindre.md#contact)."""
    if content.template not in template_ids:
        folder = Path(content.settings["THEME"]) / "templates"
        files = [folder / "base.html", folder / f"{content.template}.html"]
        found = (THEME_ID.findall(f.read_text(encoding="utf-8")) for f in files if f.is_file())
        template_ids[content.template] = frozenset(i for ids in found for i in ids)
    return template_ids[content.template]


def heading_line(path: str, anchor: str) -> int | None:
    """The line of the Markdown heading that gets the id `anchor`."""
    for number, line in enumerate(LineFinder(path).lines, start=1):  # (lowercased)
        text = line.strip()
        if text.startswith("#"):
            title = re.sub(r"\{[^}]*\}$", "", text.lstrip("#")).strip()
            if slugify(title, "-") == anchor or f"#{anchor.lower()}" in text:
                return number
    return None


def check_heading_ids(content: Content) -> None:
    """A heading whose id the page's template already gives (## Contact on the
    contact page): two elements with one id, and links to it lead to the first."""
    for anchor in sorted(content.scan.ids & theme_ids(content)):
        line = heading_line(content.source_path, anchor)
        report(content.source_path, content.settings, line, "theme_id", anchor=anchor)


def anchor_problem(target: Content, anchor: str) -> tuple | None:
    if not hasattr(target, "scan") or anchor in target.scan.ids | theme_ids(target):
        return None
    available = ", ".join(f"#{i}" for i in sorted(target.scan.ids)) or "aucune"
    name = os.path.relpath(target.source_path, target.settings["PATH"])
    return "broken_anchor", {"anchor": anchor, "target": name, "available": available}


def check_report(site: Site, content: Content) -> None:
    """An event's `Report:` names the news item that reports on it."""
    target = getattr(content, "report", None)
    if target:
        file = site.source_file(content, target.removeprefix("{filename}"))
        if site.root not in file.parents or site.relative(file) not in site.by_source:
            line = line_of(content.source_path, target)
            report(content.source_path, content.settings, line, "broken_link", target=target)


def check_former_urls(site: Site) -> None:
    """Each former address (`Former_urls:`) leads to one published content and
    hides no page of the site."""
    for content in sorted(site.contents, key=lambda c: c.source_path):
        paths = getattr(content, "former_urls", [])  # a list (metadata.py)
        if not paths or not content.save_as or content.status == "draft":
            continue
        lines = LineFinder(content.source_path)
        for path in paths:
            url = site.normalise(unquote(path))
            problem: tuple[str, str] | None = None
            if url == site.normalise(content.url):
                problem = "former_url_current", ""
            elif url in site.urls:
                owner = site.by_url.get(url)
                name = site.relative(Path(owner.source_path).resolve()) if owner else None
                problem = "former_url_taken", f"de « {name} »" if name else "d’une page du site"
            elif url in former_urls:
                other = site.relative(Path(former_urls[url][0].source_path).resolve())
                problem = "former_url_twice", other
            else:
                former_urls[url] = content, path
            if problem:
                code, other = problem
                line = lines.line(path)
                report(content.source_path, content.settings, line, code, value=path, other=other)


def check_former_urls_hide_no_file(pelican) -> None:
    """Once all is written: no former address is that of a file the build made
    itself (the site map, a feed, the calendar, the search page's files)."""
    output = Path(pelican.output_path)
    for url, (content, path) in sorted(former_urls.items()):
        written = output / url.lstrip("/")
        if (written / "index.html" if url.endswith("/") else written).is_file():
            line = line_of(content.source_path, path)
            other = "d’un fichier que le site publie"
            report(
                content.source_path,
                content.settings,
                line,
                "former_url_taken",
                value=path,
                other=other,
            )


def toml_line(path: Path, key: str) -> int | None:
    """The line where `key = ...` is written in a TOML file."""
    pattern = re.compile(rf"""^\s*\[?\s*["']?{re.escape(key)}["']?\s*[=\]]""")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return next((n for n, line in enumerate(lines, start=1) if pattern.match(line)), None)


def check_redirections(site: Site) -> None:
    """content/redirections.toml: each article of the former Joomla site leads
    to a published file (and to an anchor of it that exists)."""
    name = site.settings.get("REDIRECTIONS_FILE")
    path = site.root / name if name else None
    if path is None or not path.is_file():
        return
    settings = site.settings
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        report(str(path), settings, None, "encoding")
        return
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        report(str(path), settings, int(line.group(1)) if line else None, "redirections_syntax")
        return
    articles = table.pop("joomla", {})
    for key in table:  # only the [joomla] table is known
        report(str(path), settings, toml_line(path, key), "redirection_entry", key=key)
    for key, target in articles.items() if isinstance(articles, dict) else []:
        line = toml_line(path, key)
        if not key.isdigit() or not isinstance(target, str):
            report(str(path), settings, line, "redirection_entry", key=key)
            continue
        file, _, anchor = target.removeprefix("{filename}").partition("#")
        linked = site.by_source.get(file.strip().lstrip("/"))
        if linked is None or not linked.save_as or linked.status == "draft":
            old = JOOMLA_ADDRESS.format(id=key)
            report(str(path), settings, line, "redirection_target", old=old, target=target)
        elif anchor and (problem := anchor_problem(linked, anchor)):
            report(str(path), settings, line, problem[0], **problem[1])


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


def check_stray_files(settings: dict) -> None:
    """Files of content/ that Pelican would pass over without a word, or publish
    when they should not be: only Markdown in the content folders, only images
    and PDF in the static ones, nothing else but site.toml and the models."""
    root = Path(settings["PATH"])
    texts = settings["ARTICLE_PATHS"] + settings["PAGE_PATHS"] + settings.get("EVENT_PATHS", [])
    known = ("modeles", "site.toml", settings.get("REDIRECTIONS_FILE"))
    for folder, folders, names in os.walk(root):  # (no stat per file: rglob + is_file was slow)
        folders.sort()
        for name in sorted(names):
            file = Path(folder, name)
            parts = file.relative_to(root).parts
            ignored = any(
                fnmatch.fnmatch(part, pattern)
                for part in parts
                for pattern in settings["IGNORE_FILES"]
            )
            if ignored or parts[0] in known:
                continue
            extension = file.suffix.lstrip(".").lower()
            if parts[0] in settings["STATIC_PATHS"] and len(parts) > 1:
                if extension not in STATIC_TYPES:
                    report(str(file), settings, None, "static_type")
            elif parts[0] not in texts or len(parts) == 1 or extension not in MARKDOWN_EXTENSIONS:
                report(str(file), settings, None, "skipped_file")


def check_site(generators: list[Generator]) -> None:
    site = Site(generators)
    for content in site.contents:
        if hasattr(content, "scan"):
            check_links(site, content)
            check_heading_ids(content)
        check_report(site, content)
    check_addresses(site)
    check_former_urls(site)
    check_redirections(site)
    check_stray_files(site.settings)
    if reported["count"]:
        raise ContentError(f"{reported['count']} problems")  # stop before writing anything


# Pelican warnings these checks replace with a French message naming the line:
# empty alt attributes (decorative images are fine here) and linked files missing.
SUPERSEDED = ("Empty alt attribute", "Cannot get modification stamp")


def drop_superseded(record: logging.LogRecord) -> bool:
    return not record.msg.startswith(SUPERSEDED)


def register() -> None:
    for name in ("pelican.readers", "pelican.cache"):
        logging.getLogger(name).addFilter(drop_superseded)
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_checked_reader)
    signals.content_object_init.connect(remember_scan)
    signals.all_generators_finalized.connect(check_site)
