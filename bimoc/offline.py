"""A preview to open from disk: the development build (drafts included) whose
pages link to each other by relative paths ending in `index.html`, so that a
downloaded copy (the CI artifact « apercu-du-site ») works by double-clicking
index.html, with no server. The site's own addresses are root-relative
(`/actualites/`): from a disk they would lead to the disk's root, and a folder
opens as a file list, not as its page. What needs a server stays out of reach
from a disk, and the page says so: the search (Pagefind fetches its index) and
the feeds' readers."""

import argparse
import os
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from bimoc.build import build
from plugins import drafts_url

PREVIEW_DOMAIN = "http://apercu.invalid"  # the feeds' domain, never a real host
# Our templates write every address in double quotes; an editor's text never
# holds a raw `"` inside a tag (it is escaped or refused by the allow-list), nor
# a raw `>` (escaped), but may hold `href="/…` as text: only tags are rewritten.
TAG = re.compile(r"<[a-zA-Z][^<>]*>")
ADDRESS = re.compile(r'\b(href|src|action|srcset)="([^"]*)"')
# Chromium treats a page opened from disk as having no origin: 'self' would
# match nothing and the stylesheet would be blocked.
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')
DRAFTS_PAGE = drafts_url({}) + "index.html"  # the drafts plugin's list
MAIN = re.compile(r"<main\b[^>]*>")
NOTICE = (
    '<p class="offline-notice">Aperçu hors ligne : la recherche et les flux ne '
    "fonctionnent que sur le site publié ou avec <code>make serve</code>.</p>"
)


def relative(url: str, page_folder: Path, root: Path) -> str:
    """`url` as seen from a page in `page_folder`: relative, a folder's page named."""
    if url.startswith(PREVIEW_DOMAIN + "/"):
        url = url.removeprefix(PREVIEW_DOMAIN)
    if not url.startswith("/") or url.startswith("//"):
        return url
    parts = urlsplit(url)
    target = root / unquote(parts.path).lstrip("/")
    try:
        folder = parts.path.endswith("/") or target.is_dir()
    except OSError:  # a name too long for the disk: no page of the site
        return url
    if folder:
        target = target / "index.html"
    found = quote(os.path.relpath(target, page_folder))
    return urlunsplit(("", "", found, parts.query, parts.fragment))


def rewrite(page: Path, root: Path) -> None:
    html = POLICY.sub("", page.read_text(encoding="utf-8"))

    def replace(match: re.Match) -> str:  # an address inside a tag
        name, value = match.groups()
        if name == "srcset":
            candidates = [part.strip().split(" ", 1) for part in value.split(",")]
            value = ", ".join(
                " ".join([relative(url, page.parent, root), *size]) for url, *size in candidates
            )
        else:
            value = relative(value, page.parent, root)
        return f'{name}="{value}"'

    def in_tags(match: re.Match) -> str:  # a tag; text such as `href="/x` stays text
        return ADDRESS.sub(replace, match.group(0))

    notice = NOTICE
    drafts = root / DRAFTS_PAGE
    if drafts.is_file():  # the editor came to see a draft: say where they all are
        link = os.path.relpath(drafts, page.parent)
        notice = notice.replace("</p>", f' <a href="{link}">Voir les brouillons</a>.</p>')
    html = MAIN.sub(lambda main: main.group(0) + notice, TAG.sub(in_tags, html), count=1)
    page.write_text(html, encoding="utf-8")


def build_offline(output: Path, content: Path | None = None) -> bool:
    """The development build into `output`, made browsable from disk."""
    # Without the editors' interface: it needs a server (and is 9 MB).
    settings = {"FEED_DOMAIN": PREVIEW_DOMAIN, "CMS_SAVE_AS": ""}
    result = build(output=output, content=content, settings=settings)
    if not result:
        return False
    for page in output.rglob("*.html"):
        rewrite(page, output)
    print(f"Aperçu à ouvrir sans serveur : {output / 'index.html'}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit un aperçu à ouvrir depuis le disque.")
    parser.add_argument("--output", type=Path, required=True, help="dossier de l’aperçu")
    parser.add_argument("--content", type=Path, help="dossier de contenu (par défaut : content/)")
    args = parser.parse_args(argv)
    return 0 if build_offline(args.output, args.content) else 1


if __name__ == "__main__":
    sys.exit(main())
