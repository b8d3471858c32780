"""Search with Pagefind, in the browser: real content only, accents optional,
a plain GET form everywhere, assets loaded on the search page alone."""

import json

import pytest


def test_index_holds_real_content_only(site):
    entry = json.loads(site.file("pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]
    indexed = [
        path
        for path in site.html_files()
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    ]
    urls = {site.url_of(path) for path in indexed}
    assert (
        "actualites/2015/reunion-du-12-mars-2015/" in urls
        and "agenda/2008/reunion-du-14-fevrier-2008/" in urls
    )
    assert not urls & {"", "actualites/", "agenda/", "plan-du-site/", "404.html", "rechercher/"}


def results(page) -> list[str]:
    page.wait_for_selector("[data-search-results] li")
    return page.locator("[data-search-results] h2").all_inner_texts()


@pytest.mark.browser
def test_a_word_of_a_news_item_finds_it(served_site, browser):
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(f"{served_site.siteurl}/rechercher/")
    page.fill("#recherche", "Biblioremix")
    assert any(title.startswith("Réunion du 12 mars 2015") for title in results(page))
    assert errors == []
    page.close()


@pytest.mark.browser
def test_accents_are_optional(served_site, browser):
    page = browser.new_page()
    page.goto(f"{served_site.siteurl}/rechercher/?q=deambulatoire")
    assert any("12 mars 2015" in title for title in results(page)), "« reunion » finds « réunion »"
    page.goto(f"{served_site.siteurl}/rechercher/?q=reunion")
    assert any(title.startswith("Réunion") for title in results(page))
    page.close()


@pytest.mark.browser
def test_the_header_form_leads_to_results(served_site, browser):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{served_site.siteurl}/actions/")
    assert not [url for url in requests if "/pagefind/" in url], "no search assets on other pages"
    page.fill("#recherche-site", "Panassié")
    page.press("#recherche-site", "Enter")
    page.wait_for_url("**/rechercher/?q=Panassi*")
    assert any("18 octobre 2013" in title for title in results(page))
    page.close()


@pytest.mark.browser
def test_without_javascript_the_search_page_points_to_the_site_map(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_site.siteurl}/rechercher/?q=reunion")
    assert "La recherche a besoin de JavaScript" in page.locator("main").inner_text()
    assert (
        page.get_by_role("link", name="plan du site", exact=True).get_attribute("href")
        == f"{served_site.siteurl}/plan-du-site/"
    )
    context.close()
