"""Feed fixes Pelican lacks: the feeds declare the site's language (Pelican
passes none, so readers cannot tell the news is in French)."""

from pelican import signals
from pelican.writers import Writer


class FeedWriter(Writer):
    """Pelican's writer, with feeds that declare DEFAULT_LANG."""

    def _create_new_feed(self, feed_type, feed_title, context):
        feed = super()._create_new_feed(feed_type, feed_title, context)
        feed.feed["language"] = context["DEFAULT_LANG"]
        return feed


def get_writer(_pelican) -> type[Writer]:
    return FeedWriter


def register() -> None:
    signals.get_writer.connect(get_writer)
