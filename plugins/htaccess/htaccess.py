"""Writes the site's Apache configuration, `.htaccess`, from the theme's
htaccess.html template: security headers (policy.py), charset and MIME types,
compression, caching, the 404 page, no directory listing, and permanent (301)
redirects of old addresses: the former Joomla site's articles
(content/redirections.toml) and the former addresses of renamed or moved
contents (`Former_urls:`).

Redirects lead to a content's current URL, found from its source file, so a
moved page takes its redirects along. This plugin checks its own data
(redirect_checks.py): a redirect that leads nowhere, or that would hide a page
or a file of the site, is reported to the editor and fails the build.
The Content-Security-Policy lives here (policy.py); the preview server sends it too."""

import re
from pathlib import Path
from urllib.parse import unquote

from pelican import Pelican, signals
from pelican.generators import Generator

from plugins.common.site_index import Site

from .policy import CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY, SEARCH_PATHS
from .redirect_checks import check_former_urls, check_former_urls_hide_no_file, joomla_targets

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


# Where a build keeps its accepted former addresses until everything is written.
FORMER_URLS = "HTACCESS_FORMER_URLS"


class HtaccessGenerator(Generator):
    """Writes .htaccess once every content is read (and checked)."""

    def generate_output(self, writer) -> None:
        site = Site(self.context, self.settings)
        former = check_former_urls(site)
        self.settings[FORMER_URLS] = former
        table = self.settings.get("REDIRECTIONS_FILE")
        table_file = Path(self.path, table) if table else None
        joomla = joomla_targets(site, table_file) if table_file and table_file.is_file() else []
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
            joomla=[
                (joomla_condition(number), "/" + content.url + (f"#{anchor}" if anchor else ""))
                for number, content, anchor in joomla
            ],
            former=sorted({(path_pattern(path), "/" + c.url) for c, path in former.values()}),
        )
        Path(self.output_path, SAVE_AS).write_text(text, encoding="utf-8")


def check_written_files(pelican: Pelican) -> None:
    former = pelican.settings.get(FORMER_URLS, {})
    check_former_urls_hide_no_file(former, Path(pelican.output_path), pelican.settings)


def get_generators(_pelican) -> type[Generator]:
    return HtaccessGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(check_written_files)
