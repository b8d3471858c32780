"""Feeds that readers and validators read right, where Pelican falls short:
- entry ids that never change: a `tag:` URI from a fixed authority, the date of
  first publication and the slug, independent of the site's address and theme
  (Pelican derives them from the URL); RSS guids say isPermaLink="false";
- every link and image in entries absolute, plain relative links included;
- the feed's language, a real title and description, per feed (a plugin that
  writes a feed of its own passes FEED_DESCRIPTION in the feed's context);
- Atom summaries escaped as the HTML their type="html" announces."""

import datetime
import html
import re
from urllib.parse import urlsplit

from pelican import signals
from pelican.contents import Article
from pelican.writers import Writer

from plugins.common.allowed_html import sanitize
from plugins.common.french import build_day

# Owned by ACIM, which hosts the group; never derived from SITEURL.
TAG_AUTHORITY = "acim.asso.fr,2026"


def start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), datetime.UTC)


def entry_id(item: Article) -> str:
    """'tag:acim.asso.fr,2026:bimoc/actualites/2008-02-14/reunion-du-14-fevrier-2008'
    (agenda/ instead of actualites/ for an event, which has a start)."""
    section = "agenda" if hasattr(item, "start") else "actualites"
    return f"tag:{TAG_AUTHORITY}:bimoc/{section}/{item.date:%Y-%m-%d}/{item.slug}"


class FeedWriter(Writer):
    """Pelican's writer (the site has one: Pelican takes the first a plugin gives),
    with the feed fixes above; and, when the WRITE_ONLY setting lists output
    files, writing only those: the preview's first pass after a save writes the
    pages open in the browser and the changed file's, then all (bimoc/serve.py)."""

    def write_file(self, name, *args, **kwargs):
        if self.skipped(name, listing=bool(kwargs.get("paginated"))):
            return None
        return super().write_file(name, *args, **kwargs)

    def skipped(self, name: str, listing: bool = False) -> bool:
        """Not in WRITE_ONLY; a listing is written whole when one of its pages is."""
        selected = self.settings.get("WRITE_ONLY")
        if selected is None or name in selected:
            return False
        if not listing:
            return True
        further = re.compile(re.escape(name.removesuffix("index.html")) + r"page/\d+/index\.html")
        return not any(further.fullmatch(path) for path in selected)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if self.skipped(path):
            return None
        # The preview's pages are root-relative (SITEURL is empty): its feeds
        # take their absolute addresses from FEED_DOMAIN.
        if not context.get("SITEURL"):
            context = {**context, "SITEURL": context["FEED_DOMAIN"]}
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        name = context["SITENAME"]
        # One id per feed, from its path: neither the site's address nor another feed's.
        feed.feed["id"] = f"tag:{TAG_AUTHORITY}:bimoc{urlsplit(self.feed_url).path}"
        # A generator that writes a feed of its own gives its description with it.
        description = context.get("FEED_DESCRIPTION")
        if feed_title:
            feed.feed["title"] = f"{name} – {feed_title}"
            description = description or (
                f"Les actualités de {name} dans la rubrique « {feed_title} »."
            )
        else:
            feed.feed["title"] = f"{name} – Actualités"
            description = f"Toutes les actualités de {name}, {context['SITESUBTITLE']}."
        feed.feed["description"] = description
        feed.feed["subtitle"] = feed.feed["description"]
        feed.feed["language"] = context["DEFAULT_LANG"]
        # An empty feed is "updated" at the build's day, not at the build's second.
        latest = feed.latest_post_date
        day = build_day(self.settings)
        feed.latest_post_date = lambda: latest() if feed.items else start_of(day)
        return feed

    def _add_item_to_the_feed(self, feed, item):
        super()._add_item_to_the_feed(feed, item)
        entry = feed.items[-1]
        # Pelican strips anything that looks like a tag, words included; an event adds its state.
        entry["title"] = getattr(item, "feed_title", item.title)
        entry["unique_id"] = entry_id(item)
        entry["unique_id_is_permalink"] = False
        for field in ("content", "description"):
            if entry.get(field):
                entry[field] = sanitize(entry[field], base=entry["link"])
        if entry.get("content") and entry.get("description"):  # Atom: the plain-text summary
            entry["description"] = html.escape(item.summary)
        announcement = getattr(item, "announcement", "")  # an event: when and where, first
        if announcement:
            field = "content" if entry.get("content") else "description"  # Atom, RSS
            entry[field] = f"<p>{html.escape(announcement)}</p>{entry[field]}"


def get_writer(_pelican) -> type[Writer]:
    return FeedWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
