"""The editors' interface at /admin/ (plugins/cms): its forms are the content
schema the checks use, never a second copy of it; it is served from the site
alone, under a policy of its own, and stays out of search engines, the sitemap
and the site's search. In Chromium: tests/test_cms_browser.py."""

import json
import re
import tomllib

import lxml.etree
import pytest
from conftest import FIXTURES, ROOT, build_fixture

from bimoc.build import build
from plugins.common.documents import DOCUMENT_TYPES
from plugins.common.schema import TYPES
from plugins.htaccess.policy import (
    ADMIN_CONTENT_SECURITY_POLICY,
    CONTENT_SECURITY_POLICY,
    SEARCH_CONTENT_SECURITY_POLICY,
    meta_policy,
    page_policy,
)

COLLECTIONS = {"actualites": "article", "agenda": "event", "pages": "page"}
FOLDERS = {"article": "content/actualites", "event": "content/agenda", "page": "content/pages"}
# The file names the guide asks for: AAAA-MM-JJ-sujet.md (a page: sujet.md).
FILE_NAMES = {
    "article": "{{fields.date | date('YYYY-MM-DD')}}-{{fields.slug}}",
    "event": "{{fields.start | date('YYYY-MM-DD')}}-{{fields.slug}}",
    "page": "{{fields.slug}}",
}
# Where the interface makes a request that is no file of the site (admin/cms.js).
ASSET_REFERENCE = re.compile(r'new URL\("([^"]+)",\s*import\.meta\.url\)')
THIRD_PARTY_FONTS = ("cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com")


@pytest.fixture(scope="module")
def cms_site(tmp_path_factory):
    """tests/fixtures/cms: a site whose site.toml has categories of its own."""
    return build_fixture(tmp_path_factory, "cms")


def config_of(built) -> dict:
    return json.loads(built.file("admin/config.json").read_text(encoding="utf-8"))


def collections(built) -> dict[str, dict]:
    """Each kind of content → its collection of the interface."""
    return {COLLECTIONS[c["name"]]: c for c in config_of(built)["collections"]}


def fields_of(collection: dict) -> dict[str, dict]:
    return {field["name"]: field for field in collection["fields"] if field["name"] != "body"}


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_each_form_asks_for_the_keys_of_its_kind_and_requires_the_required_ones(site, kind):
    fields = fields_of(collections(site)[kind])
    schema = TYPES[kind]
    assert set(fields) == {*schema["required"], *schema["optional"]}
    assert {name for name, field in fields.items() if field["required"]} == set(schema["required"])


@pytest.mark.parametrize("kind", sorted(TYPES))
def test_each_form_offers_the_statuses_its_kind_accepts(site, kind):
    status = fields_of(collections(site)[kind])["status"]
    assert {option["value"] for option in status["options"]} == TYPES[kind]["status"]


def test_the_categories_are_those_of_the_sites_own_site_toml(site, cms_site):
    assert fields_of(collections(cms_site)["article"])["category"]["options"] == [
        "Vie du groupe",
        "Actualités",
    ]
    facts = tomllib.loads((ROOT / "content" / "site.toml").read_text(encoding="utf-8"))
    assert fields_of(collections(site)["article"])["category"]["options"] == facts["categories"]


def test_files_are_written_where_the_checks_read_them_and_named_by_date_and_subject(site):
    config = config_of(site)
    for kind, collection in collections(site).items():
        assert collection["folder"] == FOLDERS[kind]
        assert collection["slug"] == FILE_NAMES[kind]
        assert collection["format"] == "pelican"  # admin.js: `Key: value` lines
    assert (config["media_folder"], config["public_folder"]) == ("content/images", "/images")
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True}


def test_dates_and_times_are_picked_and_written_as_the_checks_read_them(site):
    forms = collections(site)
    date = fields_of(forms["article"])["date"]
    assert (date["widget"], date["type"], date["format"]) == ("datetime", "date", "YYYY-MM-DD")
    for key in ("start", "end"):
        field = fields_of(forms["event"])[key]
        assert (field["widget"], field["format"]) == ("datetime", "YYYY-MM-DD HH:mm")


def test_photos_and_documents_go_to_their_folders_with_a_description(site):
    schema = json.loads(site.file("admin/editor.json").read_text(encoding="utf-8"))
    alt = next(field for field in schema["photo"] if field["name"] == "alt")
    assert alt["required"] is True
    document = next(field for field in schema["document"] if field["name"] == "file")
    assert document["media_folder"] == "/content/documents"
    assert set(document["accept"].split(",")) == set(DOCUMENT_TYPES)
    body = next(f for f in collections(site)["article"]["fields"] if f["name"] == "body")
    assert body["editor_components"] == ["photo", "document"]
    # A photo with no description (`![](…)`) cannot be saved.
    refuses = re.compile(body["pattern"][0])
    assert refuses.match("Un texte.\n\n![Une salle](/images/a.jpg)")
    assert not refuses.match("Un texte.\n\n![](/images/a.jpg)")


def test_admin_has_its_own_policy_and_every_other_page_keeps_the_strict_one(site):
    meta = site.page("admin/").xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert meta == [meta_policy(ADMIN_CONTENT_SECURITY_POLICY)]
    assert page_policy("/admin/") == page_policy("/admin/config.json")
    assert page_policy("/admin/") == ADMIN_CONTENT_SECURITY_POLICY
    for path in site.html_files():
        url = "/" + site.url_of(path)
        expected = (
            SEARCH_CONTENT_SECURITY_POLICY if url == "/rechercher/" else CONTENT_SECURITY_POLICY
        )
        assert page_policy(url) == expected, url
    # The site's own policy, as quality.md states it, untouched.
    assert CONTENT_SECURITY_POLICY == (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    htaccess = site.file(".htaccess").read_text(encoding="utf-8")
    assert f'"{ADMIN_CONTENT_SECURITY_POLICY}" "expr=%{{REQUEST_URI}} =~ m#^/(admin)/#"' in htaccess


def test_admin_stays_out_of_search_engines_the_sitemap_and_the_search(site):
    page = site.page("admin/")
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    sitemap = lxml.etree.parse(str(site.file("sitemap.xml")))
    assert not [url for url in sitemap.xpath("//*[local-name()='loc']/text()") if "/admin" in url]
    # Pagefind indexes the pages marked data-pagefind-body, and only them.
    assert not page.xpath("//*[@data-pagefind-body]")
    marked = [p for p in site.html_files() if b"data-pagefind-body" in p.read_bytes()]
    entry = json.loads(site.file("pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["fr"]["page_count"] == len(marked)


def test_the_interface_is_served_from_the_site_alone(site):
    admin = site.file("admin/index.html").parent
    scripts = sorted(admin.rglob("*.js"))
    assert site.file("admin/cms.js") in scripts
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        assert not [host for host in THIRD_PARTY_FONTS if host in text], script
        for reference in ASSET_REFERENCE.findall(text):  # fonts, and what loads on demand
            assert (script.parent / reference).is_file(), (script, reference)
    page = site.page("admin/")
    assert page.xpath("//script[@type='module']/@src") == [f"{site.siteurl}/admin/cms.js"]
    assert page.xpath("//link[@rel='cms-config-url']/@href") == [
        f"{site.siteurl}/admin/config.json"
    ]


def test_without_the_npm_package_admin_says_how_to_install_it(tmp_path):
    output = tmp_path / "output"
    settings = {"CMS_NODE_MODULES": str(tmp_path / "node_modules")}
    assert build(output=output, content=FIXTURES / "cms", settings=settings)
    page = lxml.etree.HTML((output / "admin" / "index.html").read_bytes())
    assert "make cms" in "".join(page.itertext())
    assert not page.xpath("//script[@src]")
    assert not (output / "admin" / "config.json").exists()
