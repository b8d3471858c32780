"""Links and anchors of each content, once all content is read: every
`{filename}`/`{static}` target exists and is published, every plain path is an
address of the site, every anchor exists in its page, and no heading takes an
id its page's template already gives."""

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

from markdown.extensions.toc import slugify
from pelican.contents import Content

from plugins.common.documents import DOCUMENT_TYPES, is_document
from plugins.common.links import (
    MARKDOWN_EXTENSIONS,
    internal_link,
    is_inside,
    is_markdown,
    site_path,
    source_key,
)
from plugins.common.problems import LineFinder, report
from plugins.common.schema import Verdict
from plugins.common.site_index import Site, anchor_problem, theme_ids

from .files import is_ignored

DOT_SEGMENT = re.compile(r"(^|/)\.\.?(/|$)")


def form_problem(site: Site, kind: str, target: str, key: str, path: str) -> Verdict:
    """A link written in a way that would publish what it should not, or fail."""
    # {attach} moves the file next to the page (over the site's .htaccess, for the
    # home page): our files stay where their folder publishes them.
    if kind == "attach":
        return "attach_link", {"target": target, "suggestion": f"{{static}}/{key}"}
    if not is_inside(key):
        return None
    # Pelican finds `documents/./a.pdf` or `a.pdf/` by no name of its own (it
    # would fail in English): one way to write each path.
    if path != f"/{key}" and written_otherwise(path):
        return "link_written_otherwise", {"target": target, "suggestion": f"{{{kind}}}/{key}"}
    # A hidden or backup name skips every check of files.py (Pelican publishes
    # nothing of the kind) but a link would publish it as it is.
    if is_ignored(tuple(key.split("/")), site.settings):
        return "ignored_file_link", {"target": path}
    return None


def check_internal_link(site: Site, content: Content, kind: str, target: str, image: bool):
    """(problem code, details) for a {filename} or {static} link that leads nowhere."""
    key = source_key(target, content.relative_source_path)
    path, _, anchor = target.partition("#")
    path = path.split("?")[0]
    problem = form_problem(site, kind, target, key, path.strip())
    if problem:
        return problem
    if not is_inside(key) or not site.is_file(key):
        near = is_inside(key) and same_name_otherwise_written(site, key)
        if near:
            return "wrong_case", {"target": path.strip(), "suggestion": near}
        return ("missing_image" if image else "broken_link"), {"target": path}
    linked = site.by_source.get(key)
    # A photo needs {static} (plugins/images); Pelican takes {filename} to a document alike.
    if kind == "filename" and site.is_static(key) and not is_document(key):
        return "filename_static", {"target": path.strip()}
    if not site.is_static(key) and (kind != "filename" or linked is None):
        return "unpublished_file", {"target": key}
    if linked is not None and linked.status == "draft" and content.status != "draft":
        return "draft_link", {"target": key}
    if anchor and linked is not None:
        return anchor_problem(linked, anchor)
    return None


def written_otherwise(path: str) -> bool:
    """`//`, `./`, a `..` after a folder name, or a `/` at the end: a path not in
    its one form (`../pages/a.md` from a sibling folder is one, Pelican reads it)."""
    inner = re.sub(r"^(\.\./)+", "", path)
    return "//" in path or path.endswith("/") or bool(DOT_SEGMENT.search(inner))


def same_name_otherwise_written(site: Site, key: str) -> str | None:
    """'images/Photo.JPG' for 'images/photo.jpg': the file the editor meant,
    its capitals or accents written otherwise (content-relative, from content/)."""
    folder, _, name = key.rpartition("/")
    wanted = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").lower()
    found = site.root / folder
    if not found.is_dir():
        return None
    for candidate in sorted(found.iterdir()):
        written = unicodedata.normalize("NFKD", candidate.name).encode("ascii", "ignore").lower()
        if written == wanted and candidate.is_file():
            return "/" + "/".join(filter(None, (folder, candidate.name)))
    return None


def outside_link(link: str, image: bool, siteurl: str) -> Verdict | bool:
    """The verdict on a link to another site (False: a link of this site)."""
    parts = urlsplit(link)  # (other schemes than http(s), mailto, tel: refused by the reader)
    if parts.hostname in ("127.0.0.1", "localhost"):
        return "preview_link", {"target": link}
    if (parts.scheme or parts.netloc) and not (siteurl and link.startswith(siteurl + "/")):
        if image and parts.scheme in ("http", "https", ""):
            return "external_image", {"target": link}
        return None
    return False


def link_line(lines: LineFinder, link: str) -> int | None:
    """The line of the link as Markdown writes it, `(target`; else of its text
    (`salle.jpg` would first be found inside `{static}/images/salle.jpg`)."""
    return lines.line(f"({link}") or lines.line(link)


def check_links(site: Site, content: Content) -> None:
    lines = LineFinder(content.source_path)
    siteurl = content.settings["SITEURL"]
    for attribute, link in content.scan.links:
        image = attribute == "src"
        internal = internal_link(link)
        if internal:
            problem = check_internal_link(site, content, *internal, image)
        else:
            problem = outside_link(link, image, siteurl)
            if problem is False:
                problem = check_plain_link(site, content, link, image)
        if problem:
            code, details = problem
            report(content.source_path, content.settings, link_line(lines, link), code, **details)


# `acim.asso.fr/agenda`: another site's name, its https:// forgotten; unless the
# last part is a file's extension (`actions.md`, `compte-rendu.pdf`).
DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+([a-z]{2,24})(?:[/?#]|$)", re.IGNORECASE)
FILE_EXTENSIONS = {*MARKDOWN_EXTENSIONS, *(suffix.lstrip(".") for suffix in DOCUMENT_TYPES)}
FILE_EXTENSIONS |= {"html", "htm", "php", "jpg", "jpeg", "png", "gif", "webp", "svg", "txt", "xml"}
FILE_EXTENSIONS |= {"ics", "css"}


def looks_like_a_domain(link: str) -> bool:
    match = DOMAIN.match(link)
    return match is not None and match.group(1).lower() not in FILE_EXTENSIONS


def check_plain_link(site: Site, content: Content, link: str, image: bool) -> Verdict:
    """A link written as a path ('/actualites/', '../images/a.png', '#partie')."""
    if link.lower().startswith("www.") or looks_like_a_domain(link):  # its https:// forgotten
        return "missing_scheme", {"target": link, "suggestion": f"https://{link}"}
    siteurl = content.settings["SITEURL"]
    own = siteurl and link.startswith(siteurl + "/")
    parts = urlsplit(link.removeprefix(siteurl) if own else link)
    if not parts.path:
        return anchor_problem(content, parts.fragment) if parts.fragment else None
    key = source_key(parts.path, content.relative_source_path)
    if not parts.path.startswith("/") and is_inside(key) and site.is_file(key):
        marker = "{filename}" if is_markdown(key) else "{static}"
        return "relative_link", {"target": link, "suggestion": f"{marker}/{key}"}
    url = site_path(urljoin("/" + content.url, parts.path))
    if url not in site.urls:
        return ("missing_image" if image else "unknown_url"), {"target": link}
    target = site.by_url.get(url)
    if parts.fragment and target is not None:
        return anchor_problem(target, parts.fragment)
    return None


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
    taken = theme_ids(content.settings["THEME"], content.template)
    for anchor in sorted(content.scan.ids & taken):
        line = heading_line(content.source_path, anchor)
        report(content.source_path, content.settings, line, "theme_id", anchor=anchor)
