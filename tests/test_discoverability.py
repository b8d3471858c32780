"""Search engines and link previews: sitemap, robots.txt, canonical URLs,
descriptions, Open Graph, and JSON-LD that no title can break."""

import json
import re
import struct

import lxml.etree
from conftest import FIXTURES, TEST_SITEURL, BuiltSite, run_build, text_of

from plugins.common.typography import typeset_text

SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FURTHER_LISTING_PAGE = re.compile(r"/page/\d+/$")  # reached from a listing's first page


def sitemap_urls(site) -> dict[str, str]:
    document = lxml.etree.parse(str(site.file("sitemap.xml")))
    return {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in document.getroot().iterfind("s:url", SITEMAP)
    }


def test_sitemap_lists_every_real_page_and_only_them(site):
    listed = set(sitemap_urls(site))
    pages = {f"{site.siteurl}/{site.url_of(path)}" for path in site.html_files()}
    expected = {url for url in pages if not FURTHER_LISTING_PAGE.search(url)}
    assert listed == expected - {f"{site.siteurl}/404.html"}


def test_further_pages_of_a_listing_stay_out_of_the_sitemap(tmp_path):
    output = tmp_path / "output"
    result = run_build(output, "--production", "--content", str(FIXTURES / "many_news"))
    assert result.returncode == 0, result.stderr
    built = BuiltSite(output, TEST_SITEURL)
    assert built.file("actualites/page/2/").is_file()
    listed = set(sitemap_urls(built))
    assert f"{TEST_SITEURL}/actualites/" in listed
    assert f"{TEST_SITEURL}/actualites/page/2/" not in listed


def test_sitemap_dates_come_from_the_content(site, site_again):
    assert site_again.file("sitemap.xml").read_bytes() == site.file("sitemap.xml").read_bytes()
    dates = sitemap_urls(site)
    assert dates[f"{site.siteurl}/actualites/2008/reunion-du-14-fevrier-2008/"].startswith(
        "2008-02-14"
    )


def test_robots_txt_points_at_the_sitemap(site):
    assert f"Sitemap: {site.siteurl}/sitemap.xml" in site.file("robots.txt").read_text()


def meta(page, name: str, attribute: str = "property") -> list[str]:
    return page.xpath(f"//meta[@{attribute}='{name}']/@content")


def test_every_page_has_canonical_url_description_and_preview_tags(site):
    for path in site.html_files():
        url = site.url_of(path)
        page = site.page(url)
        assert page.xpath("//link[@rel='canonical']/@href") == [f"{site.siteurl}/{url}"], url
        assert meta(page, "og:url") == [f"{site.siteurl}/{url}"], url
        assert meta(page, "description", "name")[0].strip(), url
        assert meta(page, "og:title")[0].strip() and meta(page, "og:description")[0].strip(), url
        assert meta(page, "og:image") == [f"{site.siteurl}/theme/images/partage.png"]
        assert meta(page, "twitter:card", "name") == ["summary_large_image"]


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_preview_image_and_logo_are_real_pngs(site):
    assert png_size(site.file("theme/images/partage.png")) == (1200, 630)
    assert png_size(site.file("theme/images/logo.png")) == (512, 512)


def json_ld(page) -> dict[str, dict]:
    blocks = [
        json.loads(text) for text in page.xpath("//script[@type='application/ld+json']/text()")
    ]
    return {block["@type"]: block for block in blocks}


def test_home_describes_the_organization(site):
    organization = json_ld(site.page(""))["Organization"]
    assert organization["name"] == "BIMOC"
    assert organization["url"] == f"{site.siteurl}/"
    assert organization["memberOf"]["name"] == "ACIM"
    assert organization["contactPoint"]["telephone"] == "+33534445028"
    assert organization["contactPoint"]["email"] == "montserrat.sanchez@occitanielivre.fr"
    assert site.file(organization["logo"].removeprefix(site.siteurl)).is_file()


def test_news_items_are_news_articles_with_their_breadcrumb(site):
    url = "actualites/2008/reunion-du-14-fevrier-2008/"
    page = site.page(url)
    data = json_ld(page)
    article = data["NewsArticle"]
    title = "Réunion du 14 février 2008 : bmmp devient membre associé de l’ACIM"
    assert article["headline"] == typeset_text(title), "typeset like the page's title"
    assert article["datePublished"].startswith("2008-02-14")
    assert article["mainEntityOfPage"] == f"{site.siteurl}/{url}"
    trail = [" ".join(i["name"].split()) for i in data["BreadcrumbList"]["itemListElement"]]
    visible = [text_of(li) for li in page.xpath("//nav[@class='breadcrumb']//li")]
    assert trail == [*visible, text_of(page.xpath("//h1")[0])], "the page itself is its h1"


def test_a_breadcrumb_shows_a_way_up_or_is_left_out(site):
    """A page right under the home has no trail (« Accueil » alone would only push its
    title down a phone's screen); no trail names one place twice (a news item in the
    category « Actualités »); search engines get the trail visitors see, then the page."""
    left_out = 0
    for path in site.html_files():
        page = site.page(site.url_of(path))
        visible = [text_of(li) for li in page.xpath("//nav[@class='breadcrumb']//li")]
        trail = json_ld(page).get("BreadcrumbList")
        if not visible:
            assert trail is None, path
            left_out += 1
            continue
        names = [" ".join(item["name"].split()) for item in trail["itemListElement"]]
        assert visible[0] == "Accueil" and len(visible) > 1, path
        assert names == [*visible, text_of(page.xpath("//h1")[0])], path
        assert all(one != next_one for one, next_one in zip(names, names[1:], strict=False)), path
    assert site.page("actions/").xpath("//h1") and left_out > 5


def test_json_ld_survives_a_hostile_title(hostile):
    url = "actualites/2026/titre-hostile/"
    html = hostile.file(url).read_text(encoding="utf-8")
    scripts = html.count("<script")
    # The two JSON-LD blocks and the menu's script (theme/static/js/menu.js).
    assert scripts == html.count("</script>") == 3, "no title can open or close a script"
    data = json_ld(hostile.page(url))
    assert data["NewsArticle"]["headline"] == typeset_text(
        '**Gras** & « guillemets » "doubles" \'simples\' "}]} ]]> {{ x }}'
    )
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == data["NewsArticle"]["headline"]
