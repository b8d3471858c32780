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
Every redirect is absolute, to the site's own address (SITEURL), and every value
from content is encoded where it is written (defence in depth).
The Content-Security-Policy lives here (policy.py): in .htaccess, in every
page's <meta> (`content_security_policy` for the templates) and sent by the
preview server."""

import string
from pathlib import Path
from urllib.parse import quote, unquote_to_bytes, urlsplit

from jinja2 import Template
from pelican import Pelican, signals
from pelican.generators import Generator

from plugins.common.site_index import Site

from .policy import (
    ADMIN_CONTENT_SECURITY_POLICY,
    ADMIN_PATHS,
    CONTENT_SECURITY_POLICY,
    SEARCH_CONTENT_SECURITY_POLICY,
    SEARCH_PATHS,
    SVG_CONTENT_SECURITY_POLICY,
    TEMPORARY_UPLOAD_SUFFIX,
    meta_policy,
    page_policy,
)
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
    # The editors' interface's script (plugins/cms: 2 MB, 0.7 MB gzipped) and search's.
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/ld+json",
]
# Content's paths in .htaccess patterns (defence in depth: the content checks refuse
# odd paths first). Letters, digits, / _ - as they are; regex syntax escaped by a
# backslash; anything else (control characters, spaces, quotes, % $ \, non-ASCII
# bytes) as \xHH, so that no value can end a directive or start another.
PATTERN_PLAIN = frozenset(string.ascii_letters + string.digits + "/_-")
PATTERN_PUNCTUATION = frozenset(".~!&()*+,;=:@[]{}?|^#<>")


def joomla_condition(article: int | str) -> str:
    """The QUERY_STRING pattern of Joomla's article `id`, with or without its
    `:slug` suffix (`:` may come encoded), among parameters in any order."""
    return rf"(?:^|&)id={int(article)}(?::|%3A|&|$)"


def literal_pattern(path: bytes) -> str:
    """A regex matching exactly the bytes `path`, safe anywhere in .htaccess."""
    text = []
    for byte in path:
        char = chr(byte)
        if char in PATTERN_PLAIN:
            text.append(char)
        elif char in PATTERN_PUNCTUATION:
            text.append("\\" + char)
        else:
            text.append(f"\\x{byte:02X}")
    return "".join(text)


def path_pattern(path: str) -> str:
    """The RewriteRule pattern of a site path in .htaccess (relative to the site's
    root, decoded): a folder matches with or without its slash or index.html."""
    decoded = unquote_to_bytes(path).lstrip(b"/").removesuffix(b"index.html")
    if b"." in decoded.rsplit(b"/", 1)[-1]:
        return f"^{literal_pattern(decoded)}$"
    return rf"^{literal_pattern(decoded.rstrip(b'/'))}(?:/|/index\.html)?$"


def config_url(url: str, safe: str) -> str:
    """`url` percent-encoded (its escapes normalised) but for letters, digits, `-._~`
    and `safe`, each % written \\%: no space, quote, newline, NUL, backslash, `$` or
    `%{` is left for Apache to read, and mod_rewrite reads no back-reference in it."""
    return quote(unquote_to_bytes(url), safe=safe).replace("%", "\\%")


def site_origin(siteurl: str) -> str:
    """The scheme and host of the site's address, as a redirect target's start."""
    parts = urlsplit(siteurl)
    return config_url(f"{parts.scheme}://{parts.netloc}", safe=":/[]")


def redirect_target(siteurl: str, url: str, anchor: str = "") -> str:
    """The absolute address, on the site's own host, a RewriteRule leads to."""
    target = site_origin(siteurl) + config_url("/" + url.lstrip("/"), safe="/")
    return target + "#" + config_url(anchor, safe="") if anchor else target


def htaccess_text(template: Template, siteurl: str, joomla: list, former: list) -> str:
    """The .htaccess: `joomla` holds (article number, site URL, anchor), `former`
    (a former path as written, the site URL it now leads to)."""
    return template.render(
        CONTENT_SECURITY_POLICY=CONTENT_SECURITY_POLICY,
        SEARCH_CONTENT_SECURITY_POLICY=SEARCH_CONTENT_SECURITY_POLICY,
        SVG_CONTENT_SECURITY_POLICY=SVG_CONTENT_SECURITY_POLICY,
        SEARCH_PATHS="|".join(path.strip("/") for path in SEARCH_PATHS),
        ADMIN_CONTENT_SECURITY_POLICY=ADMIN_CONTENT_SECURITY_POLICY,
        ADMIN_PATHS="|".join(path.strip("/") for path in ADMIN_PATHS),
        TEMPORARY_PATTERN=literal_pattern(TEMPORARY_UPLOAD_SUFFIX.encode()) + "$",
        PERMISSIONS_POLICY=PERMISSIONS_POLICY,
        HSTS_MAX_AGE=HSTS_MAX_AGE,
        IMAGE_MAX_AGE=IMAGE_MAX_AGE,
        FINGERPRINTED=FINGERPRINTED,
        COMPRESSED_TYPES=COMPRESSED_TYPES,
        HTTPS=siteurl.startswith("https://"),
        ORIGIN=site_origin(siteurl),
        HOME=redirect_target(siteurl, "/"),
        joomla=[
            (joomla_condition(number), redirect_target(siteurl, url, anchor))
            for number, url, anchor in joomla
        ],
        former=sorted(
            {(path_pattern(path), redirect_target(siteurl, url)) for path, url in former}
        ),
    )


def content_security_policy(output_file: str) -> str:
    """For the templates: the <meta> policy of the page written to `output_file`."""
    return meta_policy(page_policy(output_file))


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
        text = htaccess_text(
            self.get_template(TEMPLATE),
            self.settings["SITEURL"],
            [(number, content.url, anchor) for number, content, anchor in joomla],
            [(path, content.url) for content, path in former.values()],
        )
        Path(self.output_path, SAVE_AS).write_text(text, encoding="utf-8")


def check_written_files(pelican: Pelican) -> None:
    former = pelican.settings.get(FORMER_URLS, {})
    check_former_urls_hide_no_file(former, Path(pelican.output_path), pelican.settings)


def add_to_templates(generator: Generator) -> None:
    generator.env.globals.update(content_security_policy=content_security_policy)


def get_generators(_pelican) -> type[Generator]:
    return HtaccessGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_to_templates)
    signals.finalized.connect(check_written_files)
