"""Development settings: the site as editors preview it with `make serve`."""

import os
import tomllib
from pathlib import Path

from jinja2 import StrictUndefined

ROOT = Path(__file__).parent

# Site facts (contact, social links, legal details, categories, the main menu)
# live in a data file editors can change without touching Python. A content
# folder with its own site.toml (bimoc/build.py --content) brings its own facts,
# set there alike.
SITE = tomllib.loads((ROOT / "content" / "site.toml").read_text(encoding="utf-8"))

# Missing facts, or facts of the wrong kind, are reported in French by the
# content_checks plugin (plugins/content_checks/site_facts_checks.py).
SITENAME = SITE.get("name", "BIMOC")
SITESUBTITLE = SITE.get("full_name", "")
AUTHOR = SITENAME
# Root-relative addresses (/actualites/…): the preview works on any port.
SITEURL = ""
# Feeds need absolute addresses: the preview's own (bimoc/serve.py sets it to
# the port it serves on); production sets both to the site's (publishconf.py).
FEED_DOMAIN = os.environ.get("BIMOC_PREVIEW_URL", "http://127.0.0.1:8000")
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
# Dates are formatted by the `french` plugin with Babel, never by the system
# locale (a machine without fr_FR would silently print English months).
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["actualites"]
# Photos (resized by plugins/images) and documents to download (content/documents/).
STATIC_PATHS = ["images", "documents"]
# Hidden files, editors' backups and office lock files are never published.
IGNORE_FILES = [".*", "*~", "#*#", "*.bak", "*.orig", "*.swp", "~$*", "Thumbs.db", "desktop.ini"]
# Only Markdown: the content checks report any other file instead of skipping it.
READERS = {"rst": None, "html": None, "htm": None}
THEME = "theme"
# Our plugins load as `plugins.<name>` from this folder, the modules the tests and
# bimoc/ import too. Their order does not matter (README, "Architecture"):
# tests/test_plugins.py builds with it reversed and compares.
PLUGIN_PATHS = ["."]
PLUGINS = [
    "plugins.addresses",
    "plugins.agenda",
    "plugins.cms",
    "plugins.content_checks",
    "plugins.documents",
    "plugins.drafts",
    "plugins.french",
    "plugins.htaccess",
    "plugins.images",
    "plugins.navigation",
    "plugins.search",
    "plugins.sitemap_dates",
    "plugins.structured_data",
    "plugins.stylesheet",
    "plugins.summaries",
    "plugins.syndication",
    "sitemap",  # pelican-sitemap
]

# URL scheme (final: people bookmark these). See README.
ARTICLE_URL = "actualites/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
CATEGORY_URL = "actualites/categorie/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
INDEX_URL = "actualites/"
INDEX_SAVE_AS = INDEX_URL + "index.html"
# Agenda: events in content/agenda/ (plugins/agenda). What is upcoming depends on
# the build date: BIMOC_BUILD_DATE=2027-03-01 (or `--date`) fixes it, else today.
EVENT_PATHS = ["agenda"]
EVENT_URL = "agenda/{start:%Y}/{slug}/"
EVENT_SAVE_AS = EVENT_URL + "index.html"
AGENDA_URL = "agenda/"
AGENDA_SAVE_AS = AGENDA_URL + "index.html"
AGENDA_ICS = "agenda/agenda.ics"
# Past events, one record per meeting (its report once published), oldest first.
HISTORY_URL = AGENDA_URL + "historique/"
HISTORY_SAVE_AS = HISTORY_URL + "index.html"
# Its further pages, when it outgrows one (whole years each: plugins/agenda).
HISTORY_PAGE_URL = HISTORY_URL + "{number}/"
HISTORY_PAGE_SAVE_AS = HISTORY_PAGE_URL + "index.html"
AGENDA_FEED_ATOM = "flux/agenda.atom.xml"
BUILD_DATE = os.environ.get("BIMOC_BUILD_DATE", "")
DIRECT_TEMPLATES = ["index", "robots"]
ROBOTS_SAVE_AS = "robots.txt"
# Templates of plain-text files: the french plugin leaves their text as written.
PLAIN_TEXT_TEMPLATES = ["robots.html", "htaccess.html"]
# Old addresses of the former Joomla site → the files that took them over (plugins/htaccess).
REDIRECTIONS_FILE = "redirections.toml"
# No author, tag or archive pages: the site has one author and a fixed category list.
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = TAG_SAVE_AS = TAGS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
DEFAULT_PAGINATION = 10


def newest_first(article) -> tuple:
    """News newest first; two of the same day by slug, so every build lists them alike."""
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = newest_first
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

# Feeds of all news and of each category, full content.
FEED_ALL_ATOM = "flux/actualites.atom.xml"
FEED_ALL_RSS = "flux/actualites.rss.xml"
CATEGORY_FEED_ATOM = "flux/categorie/{slug}.atom.xml"
CATEGORY_FEED_RSS = "flux/categorie/{slug}.rss.xml"
RSS_FEED_SUMMARY_ONLY = False
# The latest 20: readers keep what they fetched before, and each poll stays light
# (full-content entries of every news item ever would grow without end).
FEED_MAX_ITEMS = 20
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

# A French-only site: no translations. (Pelican would take two news items with the
# same slug in different years for translations of each other.)
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

# Drafts (Status: draft) are previewed here, never published (publishconf.py);
# the preview lists them at /brouillons/ (plugins/drafts).
DRAFT_URL = "brouillons/{slug}/"
DRAFT_SAVE_AS = DRAFT_URL + "index.html"
DRAFT_PAGE_URL = "brouillons/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_URL + "index.html"

# Page templates an editor may name with `Template:` (theme/templates/<name>.html).
PAGE_TEMPLATES = [
    "page",
    "home",
    "about",
    "actions",
    "contact",
    "legal",
    "accessibility",
    "search",
    "sitemap",
    "subscribe",
]

SITEMAP = {
    "format": "xml",
    # Real pages only: not the 404 page, drafts, further listing pages, robots.txt or
    # the editors' interface (plugins/cms).
    "exclude": [r"^404\.html$", r"^brouillons/", r"/page/\d+/$", r"^robots\.txt$", r"^admin/"],
}

# Summaries are plain text (meta descriptions, listings): escaped, never HTML.
FORMATTED_FIELDS = []

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.attr_list": {},
        "markdown.extensions.def_list": {},
        # Footnotes' return link, in French (Python-Markdown's default title is English).
        "markdown.extensions.footnotes": {"BACKLINK_TITLE": "Revenir à l’appel de note %d"},
        # Align with attributes, not style= (blocked by the site's CSP).
        "markdown.extensions.tables": {"use_align_attribute": True},
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}

# Pelican leaves autoescaping off: a title with `</script>` would reach the HTML raw.
# Strict: a name the templates use but nobody defines fails the build (with the
# template's line) instead of printing nothing.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "undefined": StrictUndefined,
    # Each build makes new environments: no template changes while one is in use,
    # and every page would check each template's file date (an include is a template).
    "auto_reload": False,
}
