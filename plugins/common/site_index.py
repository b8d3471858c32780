"""The site as links see it, once all content is read (for the checks of links
and of former addresses): each content by its source file and by its address,
every address the site will have (listings, feeds, static files), which
output file each listing takes, and the anchors of each page."""

import functools
import re
from pathlib import Path

from pelican.contents import Content, Static

from plugins.common.links import site_path
from plugins.common.schema import Verdict

# An id the theme's templates give (id="contenu"; not computed ones, id="{{ … }}").
THEME_ID = re.compile(r'\bid="([^"{}]+)"')
# Settings naming an address the build writes besides contents and categories.
LISTING_SETTINGS = (
    "INDEX_URL",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "AGENDA_URL",
    "AGENDA_ICS",
    "HISTORY_URL",
)
# Context key: further pages of a listing a plugin splits (the history of
# meetings: plugins/agenda), each (url, save_as, what it is in French).
LISTING_PAGES = "listing_pages"


class Site:
    def __init__(self, context: dict, settings: dict) -> None:
        self.settings = settings
        self.root = Path(self.settings["PATH"])
        self.by_source: dict[str, Content] = {
            str(path): content
            for path, content in context["generated_content"].items()
            if content is not None and not isinstance(content, Static)  # None: failed to read
        }
        self.contents = sorted(self.by_source.values(), key=lambda c: c.source_path)
        published = [content for content in self.contents if content.save_as]
        self.by_url = {site_path(content.url): content for content in published}
        self.urls = set(self.by_url)
        self.urls |= {site_path(self.settings[n]) for n in LISTING_SETTINGS if self.settings.get(n)}
        self.urls |= {"/" + path for path in self.static_files()}
        self.outputs: dict[str, str] = {}  # output file of a listing → what it is, in French
        for category, _ in context.get("categories", []):
            self.urls.add(site_path(category.url))
            self.outputs[category.save_as] = f"la rubrique « {category} »"
        self.outputs[self.settings["INDEX_SAVE_AS"]] = "la liste des actualités"
        if self.settings.get("AGENDA_SAVE_AS"):
            self.outputs[self.settings["AGENDA_SAVE_AS"]] = "l’agenda"
        if self.settings.get("HISTORY_SAVE_AS"):
            self.outputs[self.settings["HISTORY_SAVE_AS"]] = "l’historique des réunions"
        for url, save_as, what in context.get(LISTING_PAGES, []):
            self.urls.add(site_path(url))
            self.outputs[save_as] = what

    def static_files(self) -> list[str]:
        """Content-relative paths of the files of the static folders."""
        return [
            file.relative_to(self.root).as_posix()
            for folder in self.settings["STATIC_PATHS"]
            for file in (self.root / folder).rglob("*")
            if file.is_file()
        ]

    def is_static(self, key: str) -> bool:
        return key.split("/")[0] in self.settings["STATIC_PATHS"]

    def is_file(self, key: str) -> bool:
        return (self.root / key).is_file()


@functools.lru_cache
def theme_ids(theme: str, template: str) -> frozenset[str]:
    """The ids a page gets from its template and from base.html, which every
    page template extends (links such as {filename}/pages/rejoindre.md#contact)."""
    folder = Path(theme) / "templates"
    files = [folder / "base.html", folder / f"{template}.html"]
    found = (THEME_ID.findall(f.read_text(encoding="utf-8")) for f in files if f.is_file())
    return frozenset(i for ids in found for i in ids)


def ids_of(content: Content) -> frozenset[str]:
    return content.scan.ids | theme_ids(content.settings["THEME"], content.template)


def anchor_problem(target: Content, anchor: str) -> Verdict:
    if not hasattr(target, "scan") or anchor in ids_of(target):
        return None
    available = ", ".join(f"#{i}" for i in sorted(target.scan.ids)) or "aucune"
    details = {"anchor": anchor, "target": target.relative_source_path, "available": available}
    return "broken_anchor", details
