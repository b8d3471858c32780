"""Every internal link, image and anchor of the built site leads somewhere real."""

from urllib.parse import urljoin, urlsplit

import lxml.html
from conftest import BuiltSite

LINKING = {("a", "href"), ("img", "src"), ("link", "href"), ("script", "src"), ("source", "srcset")}


def internal_targets(site: BuiltSite, path):
    """(site-relative path, fragment) of each internal link or image of an output page."""
    base = f"{site.siteurl}/{site.url_of(path)}"
    page = lxml.html.fromstring(path.read_bytes())
    for element, attribute, url, _ in page.iterlinks():
        if (element.tag, attribute) not in LINKING:
            continue
        absolute = urljoin(base, url)
        if absolute.startswith(f"{site.siteurl}/"):
            parts = urlsplit(absolute.removeprefix(site.siteurl))
            yield parts.path, parts.fragment


def broken_links(site: BuiltSite) -> list[str]:
    broken = []
    for path in site.html_files():
        for url, fragment in internal_targets(site, path):
            target = site.file(url)
            if not target.is_file():
                broken.append(f"{site.url_of(path)} → {url}")
            elif fragment and target.suffix == ".html":
                if fragment not in lxml.html.fromstring(target.read_bytes()).xpath("//@id"):
                    broken.append(f"{site.url_of(path)} → {url}#{fragment}")
    return broken


def test_every_internal_link_image_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_no_unresolved_pelican_link_placeholders(site):
    for path in site.html_files():
        html = path.read_text(encoding="utf-8")
        assert "{filename}" not in html and "{static}" not in html, path


def test_the_link_check_reports_dead_links_and_anchors(site, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        f'<a href="{site.siteurl}/nulle-part/">x</a> <a href="/a/#absent">y</a>'
        f' <img src="../manque.png" alt=""> <a href="https://ailleurs.example/">z</a>'
    )
    assert broken_links(BuiltSite(tmp_path, site.siteurl)) == [
        "a/ → /nulle-part/",
        "a/ → /a/#absent",
        "a/ → /manque.png",
    ]
