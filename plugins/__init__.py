"""The site's own Pelican plugins, one concern per package (README, "Architecture").

Pelican loads each as `plugins.<name>` (PLUGINS in pelicanconf.py), the same
module the tests and bimoc/ import, so no plugin is ever loaded twice.
`plugins.common` is no plugin: plain helpers and the problem-reporting API
that several plugins share. This module is the public API the rest of the
project (bimoc/: the build runner, preview, checks, publishing) may use; it
reaches no further into the plugins."""

import importlib
import pkgutil

from plugins.common.messages import format_message, reference
from plugins.common.problems import LineFinder, is_editor_problem, location
from plugins.common.site_facts import (
    LEGAL_FACTS,
    SITE_FACTS_FILE,
    borrowed_facts,
    empty_facts,
    facts_settings,
)
from plugins.content_checks.header import read_header
from plugins.drafts import Draft, drafts_in, drafts_url
from plugins.french.french import french_slug
from plugins.htaccess.policy import (
    ADMIN_PATHS,
    CONTENT_SECURITY_POLICY,
    TEMPORARY_UPLOAD_SUFFIX,
    page_policy,
)
from plugins.search.search import INDEX_FOLDER, index_site

__all__ = [
    "ADMIN_PATHS",
    "CONTENT_SECURITY_POLICY",
    "Draft",
    "INDEX_FOLDER",
    "LEGAL_FACTS",
    "LineFinder",
    "SITE_FACTS_FILE",
    "TEMPORARY_UPLOAD_SUFFIX",
    "body_line",
    "borrowed_facts",
    "drafts_in",
    "drafts_url",
    "empty_facts",
    "facts_settings",
    "format_message",
    "french_slug",
    "index_site",
    "is_editor_problem",
    "location",
    "missing_plugin",
    "page_policy",
    "preload",
    "reference",
]


def missing_plugin(name: str, loaded: list) -> str | None:
    """The plugin, not among those `loaded`, that gives the templates `name`
    (each plugin lists what it gives them in its package's TEMPLATE_NAMES)."""
    for module in pkgutil.iter_modules(__path__):
        package = importlib.import_module(f"{__name__}.{module.name}")
        if name in getattr(package, "TEMPLATE_NAMES", ()) and package.__name__ not in loaded:
            return module.name
    return None


def preload() -> None:
    """Import every plugin: the preview's build processes do it while they wait,
    not after a save."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    importlib.import_module("pelican.plugins.sitemap")


def body_line(path: str) -> int:
    """The line of a content file where its text starts, under the metadata header."""
    with open(path, encoding="utf-8-sig", errors="replace") as source:
        return read_header(source.read()).body_line
