"""Every internal link, image and anchor of the built site leads somewhere real."""

from bimoc.output_checks import broken_links


def test_every_internal_link_image_and_anchor_resolves(site):
    assert broken_links(site.root, site.siteurl) == []


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
    assert broken_links(tmp_path, site.siteurl) == [
        "a/ → /nulle-part/",
        "a/ → /a/#absent",
        "a/ → /manque.png",
    ]
