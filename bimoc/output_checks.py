"""Checks on the built site itself: every internal link, image and anchor leads
to a file of the output, and the Nu HTML Checker finds no error in the HTML or
the CSS. They catch what the content checks cannot see: the theme's own links
and markup."""

import json
import re
import shutil
import subprocess
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


def internal_targets(root: Path, siteurl: str, path: Path):
    """(site-relative path, fragment) of each internal link or image of a page."""
    base = f"{siteurl}/{url_of(root, path)}"
    page = lxml.html.fromstring(path.read_bytes())
    for element, attribute, url, _ in page.iterlinks():
        if (element.tag, attribute) not in LINKING:
            continue
        absolute = urljoin(base, url)
        if absolute.startswith(f"{siteurl}/"):
            parts = urlsplit(absolute.removeprefix(siteurl))
            yield parts.path, parts.fragment


def broken_links(root: Path, siteurl: str) -> list[str]:
    """'page → target' for each internal link, image or anchor that leads nowhere."""
    broken = []
    ids: dict[Path, set[str]] = {}
    for path in sorted(root.rglob("*.html")):
        for url, fragment in internal_targets(root, siteurl, path):
            target = file_of(root, url)
            if not target.is_file():
                broken.append(f"{url_of(root, path)} → {url}")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(lxml.html.fromstring(target.read_bytes()).xpath("//@id"))
                if fragment not in ids[target]:
                    broken.append(f"{url_of(root, path)} → {url}#{fragment}")
    return broken


def html_errors(root: Path) -> list[str]:
    """The Nu HTML Checker's errors on every page and stylesheet of a folder."""
    if not VNU_JAR.exists() or not shutil.which("java"):
        raise FileNotFoundError("vnu.jar or java is missing: run `make test` once to install them")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--skip-non-html",
            "--also-check-css",
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            str(root),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    # vnu names files "file:/tmp/…": keep the path inside the site only.
    prefix = re.compile(rf"^file:/*{re.escape(str(root.resolve()).lstrip('/'))}/?")
    return [
        f"{prefix.sub('', m.get('url', ''))}:{m.get('lastLine', '')} : {m['message']}"
        for m in messages
    ]
