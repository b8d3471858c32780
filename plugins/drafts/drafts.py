"""Drafts (`Status: draft`) in the preview. Pelican writes each one under
/brouillons/ (DRAFT_URL, DRAFT_PAGE_URL: news, pages and events alike); this
plugin lists them all on one page of the site's theme, /brouillons/, with their
kind and file, so that an editor finds the draft she is writing. The build
runner prints the same list (`drafts_in`) after each build.

The list goes with the drafts: a build that writes none (production,
publishconf.py) writes no list either. It is never indexed: noindex, no
data-pagefind-body, and the sitemap leaves out brouillons/."""

from dataclasses import dataclass

from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

from plugins.common.problems import location
from plugins.common.schema import TYPES, kind_of

DEFAULT_DRAFTS_URL = "brouillons/"


@dataclass(frozen=True)
class Draft:
    title: str
    kind: str  # as editors say it: actualité, page, rendez-vous
    url: str  # site-relative: brouillons/x/
    source: str  # as the editor sees it: content/actualites/x.md


def drafts_url(settings: dict) -> str:
    """The list's own address, site-relative."""
    return settings.get("DRAFTS_URL", DEFAULT_DRAFTS_URL)


def drafts_in(context: dict) -> list[Draft]:
    """The drafts a build writes (none when it writes no draft), by file."""
    drafts = [
        Draft(
            content.title,
            TYPES[kind_of(content.source_path, content.settings)]["name"],
            content.url,
            location(content.source_path, content.settings),
        )
        for content in context["generated_content"].values()
        if isinstance(content, Content) and content.status == "draft" and content.save_as
    ]
    return sorted(drafts, key=lambda draft: draft.source)


class DraftsGenerator(Generator):
    """Writes the list of drafts, once every content is read."""

    def generate_output(self, writer) -> None:
        if not (self.settings["DRAFT_SAVE_AS"] or self.settings["DRAFT_PAGE_SAVE_AS"]):
            return  # no draft is written: no list of them
        url = drafts_url(self.settings)
        writer.write_file(
            url + "index.html",
            self.get_template("drafts"),
            self.context,
            drafts=drafts_in(self.context),
            drafts_url=url,
        )


def get_generators(_pelican) -> type[Generator]:
    return DraftsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
