"""What the publishing tests share: the files a server would serve, a changed
version of a built site, and the links a visitor can follow on a served site."""

import functools
import gzip
import html
import json
import os
import re
import shutil
import socket
import time
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from bimoc.destination import manifest
from bimoc.ftp_upload import MANIFEST
from bimoc.output_checks import internal_targets
from plugins import TEMPORARY_UPLOAD_SUFFIX

# Files whose links a visitor (or a feed reader, a calendar, a search) follows.
FOLLOWED = (".html", ".xml", ".ics", ".txt", ".json", ".pf_meta", ".pf_fragment")


def served_files(folder: Path) -> dict[str, str]:
    """What visitors can be served: every file but rsync's and our temporary ones."""
    return {
        path: digest
        for path, digest in manifest(folder).items()
        if ".~tmp~" not in path and not path.endswith(TEMPORARY_UPLOAD_SUFFIX) and path != MANIFEST
    }


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders of an upload still on the server."""
    return sorted(
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.name.endswith(TEMPORARY_UPLOAD_SUFFIX) or path.name == ".~tmp~"
    )


def new_version(site, folder: Path) -> Path:
    """The built site with a new image and a new calendar linked from the home page, a changed
    page, a file less."""
    version = folder / "version-b"
    shutil.copytree(site.root, version)
    (version / "theme" / "images" / "nouveau.png").write_bytes(
        b"\x89PNG\r\n\x1a\n" + os.urandom(2000)
    )
    (version / "agenda" / "nouveau.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    home = version / "index.html"
    links = (
        f'<img src="{site.siteurl}/theme/images/nouveau.png" alt="">'
        f'<a href="{site.siteurl}/agenda/nouveau.ics">agenda</a>'
    )
    html_text = home.read_text(encoding="utf-8").replace("</main>", f"{links}</main>")
    home.write_text(html_text, encoding="utf-8")
    (version / "robots.txt").unlink()
    return version


def wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port}")


def links_of(root: Path, siteurl: str, path: Path):
    """(site-relative path, fragment) of each link of a served file to the site itself:
    a page's links, images, scripts and stylesheets; every address of the site in a
    feed (entries' HTML included), a calendar (folded lines joined), the sitemap or
    robots.txt; in the search index, the files each names and the page each result
    leads to."""
    if path.suffix == ".html":
        yield from ((url, fragment) for url, fragment, *_ in internal_targets(root, siteurl, path))
    elif path.name == "pagefind-entry.json":
        for language in json.loads(path.read_text(encoding="utf-8"))["languages"].values():
            yield f"/pagefind/pagefind.{language['hash']}.pf_meta", ""
    elif path.suffix == ".pf_meta":  # gzipped CBOR naming index chunks and fragments
        language = path.name.split(".")[1].split("_")[0].encode()  # pagefind.fr_<hash>
        for name in set(re.findall(re.escape(language) + rb"_[0-9a-f]{7}", pagefind_data(path))):
            chunk = f"pagefind/index/{name.decode()}.pf_index"
            yield (
                f"/{chunk}"
                if (root / chunk).exists()
                else f"/pagefind/fragment/{name.decode()}.pf_fragment",
                "",
            )
    elif path.suffix == ".pf_fragment":  # gzipped JSON: one search result
        yield json.loads(pagefind_data(path))["url"], ""
    else:
        text = html.unescape(html.unescape(re.sub(r"\r?\n[ \t]", "", path.read_text("utf-8"))))
        for url in re.findall(re.escape(siteurl) + r"(/[^\s\"'<>\\]*)", text):
            parts = urlsplit(url)
            yield unquote(parts.path), parts.fragment


def pagefind_data(path: Path) -> bytes:
    return gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")


def reachable_broken_links(root: Path, siteurl: str, known: set[str]) -> list[str]:
    """'file → target' for each link that leads to no served file (or no such anchor),
    on every served file a visitor can reach from the addresses already known to the
    world (`known`, site-relative file paths): bookmarks, subscribed feeds and
    calendars, search engines. A new file nothing links to yet cannot be reached."""
    served = served_files(root)
    queue = deque(sorted(path for path in known if path in served and path.endswith(FOLLOWED)))
    seen = set(queue)
    broken = []
    while queue:
        path = queue.popleft()
        for url, fragment in cached_links(root, siteurl, path, served[path]):
            name = url.lstrip("/")
            name = name + "index.html" if name.endswith("/") or not name else name
            if name not in served:
                broken.append(f"{path} → {url}")
                continue
            if (
                fragment
                and name.endswith(".html")
                and fragment not in ids(root / name, served[name])
            ):
                broken.append(f"{path} → {url}#{fragment}")
            if name.endswith(FOLLOWED) and name not in seen:
                seen.add(name)
                queue.append(name)
    return broken


@functools.cache
def cached_links(root: Path, siteurl: str, path: str, digest: str) -> list[tuple[str, str]]:
    """The links of one version of a file (tests check the same versions many times)."""
    return list(links_of(root, siteurl, root / path))


@functools.cache
def ids(page: Path, digest: str) -> set[str]:
    return set(lxml.html.fromstring(page.read_bytes()).xpath("//@id"))


def known_paths(before: Path, after: Path) -> set[str]:
    """Addresses the world knows and that stay: in the old and the new version."""
    return set(manifest(before)) & set(manifest(after))
