"""Writes the site's Apache configuration, `.htaccess`, from the theme's
htaccess.html template: security headers (the Content-Security-Policy the
preview server sends too), charset and MIME types, compression, caching, the
404 page, no directory listing, and permanent (301) redirects of old
addresses: the former Joomla site's articles (content/redirections.toml) and
the former addresses of renamed or moved contents (`Former_urls:`).

Redirects lead to a content's current URL, found from its source file, so a
moved page takes its redirects along. The content checks have already refused
any redirect that leads nowhere, or that would hide a page, before this runs."""

import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

from pelican import signals
from pelican.contents import Content, Static
from pelican.generators import Generator

from bimoc.serve import CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY, SEARCH_PATHS

SAVE_AS = ".htaccess"
TEMPLATE = "htaccess"
# Browser features the site never uses, refused to anything it might embed.
PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"
HSTS_MAX_AGE = 31536000  # a year; the Observatory wants at least six months
IMAGE_MAX_AGE = 604800  # a week: images keep their names when an editor replaces them
# Names the stylesheet plugin gives: site.<10 hex digits>.css.
FINGERPRINTED = r"\.[0-9a-f]{10}\.(?:css|js|png|jpe?g|gif|webp|avif|svg|woff2)$"
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/plain",
    "text/calendar",
    "application/atom+xml",
    "application/rss+xml",
    "application/xml",
    "image/svg+xml",
    "application/json",
    "application/ld+json",
]


def joomla_condition(article: int | str) -> str:
    """The QUERY_STRING pattern of Joomla's article `id`, with or without its
    `:slug` suffix (`:` may come encoded), among parameters in any order."""
    return rf"(?:^|&)id={int(article)}(?::|%3A|&|$)"


def path_pattern(path: str) -> str:
    """The RewriteRule pattern of a site path in .htaccess (relative to the site's
    root, decoded): a folder matches with or without its slash or index.html."""
    path = unquote(path).lstrip("/").removesuffix("index.html")
    if "." in path.rsplit("/", 1)[-1]:
        return f"^{re.escape(path)}$"
    return rf"^{re.escape(path.rstrip('/'))}(?:/|/index\.html)?$"


def target_url(target: str, generated: dict[str, Content]) -> str | None:
    """'{filename}/pages/a.md#part' → '/a/#part' (None for a file that is not published)."""
    file, _, anchor = target.removeprefix("{filename}").partition("#")
    content = generated.get(file.strip().lstrip("/"))
    if content is None or not content.save_as or content.status == "draft":
        return None
    return "/" + content.url + (f"#{anchor}" if anchor else "")


def joomla_redirects(table_file: Path | None, generated: dict) -> list[tuple[str, str]]:
    """(query condition, target) for each article of content/redirections.toml."""
    if table_file is None or not table_file.is_file():
        return []
    table = tomllib.loads(table_file.read_text(encoding="utf-8-sig")).get("joomla", {})
    redirects = []
    for article, target in sorted(table.items(), key=lambda item: int(item[0])):
        url = target_url(target, generated)
        if url:  # always, once the content checks passed
            redirects.append((joomla_condition(article), url))
    return redirects


def former_redirects(contents: list[Content]) -> list[tuple[str, str]]:
    """(path pattern, current URL) for each former address of a published content."""
    redirects = set()
    for content in contents:
        if content.save_as and content.status != "draft":
            for path in getattr(content, "former_urls", []):  # a list (content_checks)
                redirects.add((path_pattern(path), "/" + content.url))
    return sorted(redirects)


class HtaccessGenerator(Generator):
    """Writes .htaccess once every content is read (and checked)."""

    def generate_output(self, writer) -> None:
        generated = self.context["generated_content"]
        contents = [c for c in generated.values() if c is not None and not isinstance(c, Static)]
        table_name = self.settings.get("REDIRECTIONS_FILE")
        text = self.get_template(TEMPLATE).render(
            CONTENT_SECURITY_POLICY=CONTENT_SECURITY_POLICY,
            SEARCH_CONTENT_SECURITY_POLICY=SEARCH_CONTENT_SECURITY_POLICY,
            SEARCH_PATHS="|".join(path.strip("/") for path in SEARCH_PATHS),
            PERMISSIONS_POLICY=PERMISSIONS_POLICY,
            HSTS_MAX_AGE=HSTS_MAX_AGE,
            IMAGE_MAX_AGE=IMAGE_MAX_AGE,
            FINGERPRINTED=FINGERPRINTED,
            COMPRESSED_TYPES=COMPRESSED_TYPES,
            HTTPS=self.settings["SITEURL"].startswith("https://"),
            joomla=joomla_redirects(
                Path(self.path) / table_name if table_name else None, generated
            ),
            former=former_redirects(contents),
        )
        Path(self.output_path, SAVE_AS).write_text(text, encoding="utf-8")


def get_generators(_pelican) -> type[Generator]:
    return HtaccessGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
