"""Checks on the built site itself: every internal link, image and anchor leads
to a file of the output, and the Nu HTML Checker finds no error in the HTML or
the CSS. They catch what the content checks cannot see: the theme's own links
and markup."""

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import lxml.html

from bimoc.tools import VNU_JAR

LINKING = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("source", "srcset")}


def url_of(root: Path, path: Path) -> str:
    """Site-relative URL of an output file (index.html files by their folder)."""
    return path.relative_to(root).as_posix().removesuffix("index.html")


def file_of(root: Path, url: str) -> Path:
    """The output file behind a site-relative URL ('actualites/' → its index.html)."""
    path = root / url.split("#")[0].lstrip("/")
    return path / "index.html" if path.is_dir() else path


@dataclass
class BrokenLink:
    page: str  # output file, relative to the site's root
    target: str  # site-relative: '/absente/', '/actualites/#rien'
    link: str  # as the page's HTML has it
    line: int  # of the page's HTML

    def __str__(self) -> str:
        return f"{self.page.removesuffix('index.html')} → {self.target}"


def internal_targets(root: Path, siteurl: str, path: Path):
    """(site-relative path, fragment, link as written, line) of each internal
    link or image of a page."""
    base = f"{siteurl}/{url_of(root, path)}"
    page = lxml.html.fromstring(path.read_bytes())
    for element, attribute, url, _ in page.iterlinks():
        if (element.tag, attribute) not in LINKING:
            continue
        absolute = urljoin(base, url)
        if absolute.startswith(f"{siteurl}/"):
            parts = urlsplit(absolute.removeprefix(siteurl))
            yield parts.path, parts.fragment, url, element.sourceline


def find_broken_links(root: Path, siteurl: str) -> list[BrokenLink]:
    """Each internal link, image or anchor that leads nowhere."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for path in sorted(root.rglob("*.html")):
        page = path.relative_to(root).as_posix()
        for url, fragment, link, line in internal_targets(root, siteurl, path):
            target = file_of(root, url)
            if not target.is_file():
                broken.append(BrokenLink(page, url, link, line))
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml.html.fromstring(target.read_bytes()).xpath("//@id"))
                if fragment not in ids[target]:
                    broken.append(BrokenLink(page, f"{url}#{fragment}", link, line))
    return broken


def broken_links(root: Path, siteurl: str) -> list[str]:
    """'page → target' for each internal link, image or anchor that leads nowhere."""
    return [str(link) for link in find_broken_links(root, siteurl)]


def validator_errors(root: Path) -> list[dict]:
    """The Nu HTML Checker's errors on every page and stylesheet of a folder, as
    it gives them (message, lastLine, firstColumn…), each with its `file`
    relative to the folder."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        raise FileNotFoundError("vnu.jar or java is missing: run `make test` once to install them")
    # Two runs, side by side: with --also-check-css, vnu 26.9 numbers the lines of
    # HTML files one too low, and tracing an error to its content needs the line.
    command = ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout"]
    runs = [["--skip-non-html", str(root)]]
    stylesheets = [str(path) for path in sorted(root.rglob("*.css"))]
    if stylesheets:
        runs.append(["--also-check-css", *stylesheets])
    checkers = [
        subprocess.Popen(
            [*command, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        for args in runs
    ]
    messages = [m for run in checkers for m in json.loads(run.communicate()[0])["messages"]]
    # vnu names files "file:/tmp/…": keep the path inside the site only.
    prefix = re.compile(rf"^file:/*{re.escape(str(root.resolve()).lstrip('/'))}/?")
    return [{**m, "file": prefix.sub("", m.get("url", ""))} for m in messages]


def html_errors(root: Path) -> list[str]:
    """The Nu HTML Checker's errors on every page and stylesheet of a folder."""
    return [f"{m['file']}:{m.get('lastLine', '')} : {m['message']}" for m in validator_errors(root)]
