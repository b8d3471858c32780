"""The news feeds are read right by a real feed client."""

import feedparser
import lxml.html
import pytest

FEEDS = ["flux/actualites.atom.xml", "flux/actualites.rss.xml"]
NEWS_COUNT = 9


@pytest.fixture(scope="module", params=FEEDS)
def feed(request, site):
    return feedparser.parse(site.file(request.param).read_bytes())


def entry_html(entry) -> str:
    return entry.content[0].value if "content" in entry else entry.description


def test_feed_parses_without_error(feed):
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version in {"atom10", "rss20"}


def test_feed_is_in_french(feed):
    assert feed.feed.language == "fr"


def test_feed_has_every_news_item_with_its_full_content(feed, site):
    assert len(feed.entries) == NEWS_COUNT
    for entry in feed.entries:
        page = site.page(entry.link.removeprefix(site.siteurl))
        body = " ".join(page.xpath("//main/article")[0].text_content().split())
        text = " ".join(lxml.html.fromstring(entry_html(entry)).text_content().split())
        assert text in body and len(text) > 200, entry.link


def test_every_url_in_feed_content_is_absolute(feed, site):
    for entry in feed.entries:
        assert entry.link.startswith(f"{site.siteurl}/actualites/")
        for _, _, url, _ in lxml.html.fromstring(entry_html(entry)).iterlinks():
            assert url.startswith(("http://", "https://", "mailto:", "tel:")), url
