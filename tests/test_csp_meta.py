"""The Content-Security-Policy also in every page's <meta http-equiv>, so that a
host without mod_headers still blocks script: the header's policy minus what a
meta cannot carry; in Chromium, a page served with no CSP header at all still
refuses an injected inline script and works as it should."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import run_build

from bimoc.serve import free_port
from plugins.htaccess.policy import CONTENT_SECURITY_POLICY, SEARCH_CONTENT_SECURITY_POLICY

HOST = "127.0.0.1"
META = "//head/meta[@http-equiv='Content-Security-Policy']"
INJECTED = "<script>document.documentElement.dataset.injecte = 'oui';</script>"


def without_header_only_directives(policy: str) -> str:
    """CSP Level 3 §3.3: frame-ancestors, report-uri and sandbox do nothing in a meta."""
    directives = [directive.strip() for directive in policy.split(";")]
    ignored = ("frame-ancestors ", "report-uri ", "sandbox")
    return "; ".join(d for d in directives if not d.startswith(ignored))


def test_every_page_carries_the_policy_in_a_meta(site):
    pages = site.html_files()
    assert len(pages) > 20
    for path in pages:
        url = site.url_of(path)
        head = site.page(url).find("head")
        metas = head.xpath(META)
        assert len(metas) == 1, url
        header = SEARCH_CONTENT_SECURITY_POLICY if url == "rechercher/" else CONTENT_SECURITY_POLICY
        assert metas[0].get("content") == without_header_only_directives(header), url
        # A policy governs only what comes after it: before any stylesheet or script.
        assert head.index(metas[0]) < min(
            head.index(element) for element in head.xpath("link|script|style")
        ), url


class PlainHandler(SimpleHTTPRequestHandler):
    """A host without mod_headers: the files, and no Content-Security-Policy header."""

    def log_message(self, format: str, *args) -> None:
        pass


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory):
    """The production build served with no CSP header at its own address:
    (address, output folder)."""
    port = free_port()
    siteurl = f"http://{HOST}:{port}"
    output = tmp_path_factory.mktemp("plain") / "output"
    result = run_build(output, "--production", siteurl=siteurl)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer((HOST, port), partial(PlainHandler, directory=str(output)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield siteurl, output
    server.shutdown()
    server.server_close()


def inject(page: Path, name: str, without_meta: bool = False) -> str:
    """A copy of a built page with an inline script: its path on the site."""
    html = page.read_text(encoding="utf-8").replace("<body>", "<body>" + INJECTED, 1)
    if without_meta:
        start = html.index('<meta http-equiv="Content-Security-Policy"')
        html = html[:start] + html[html.index(">", start) + 1 :]
    (page.parent / name).write_text(html, encoding="utf-8")
    return page.parent.relative_to(page.parents[1]).as_posix() + "/" + name


def visit(browser, url: str) -> tuple[object, list[str]]:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


@pytest.mark.browser
def test_without_the_header_the_meta_still_blocks_an_inline_script(plain_site, browser):
    siteurl, output = plain_site
    page_file = output / "actions" / "index.html"
    # The test's own control: with no meta either, the injected script runs.
    for name, blocked in [("injecte.html", True), ("sans-meta.html", False)]:
        path = inject(page_file, name, without_meta=not blocked)
        page, errors = visit(browser, f"{siteurl}/{path}")
        ran = page.evaluate("document.documentElement.dataset.injecte") == "oui"
        assert ran is not blocked, name
        assert any("Content Security Policy" in error for error in errors) is blocked, errors
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "actions/", "actualites/", "agenda/", "404.html"])
def test_pages_work_under_the_meta_alone(plain_site, browser, path):
    siteurl, _output = plain_site
    page, errors = visit(browser, f"{siteurl}/{path}")
    assert errors == []
    # The stylesheet applied: the skip link is moved out of sight.
    skip_link = "getComputedStyle(document.querySelector('.skip-link')).position"
    assert page.evaluate(skip_link) == "absolute"
    page.close()


@pytest.mark.browser
def test_search_works_under_the_meta_alone(plain_site, browser):
    siteurl, _output = plain_site
    page, errors = visit(browser, f"{siteurl}/rechercher/?q=Biblioremix")
    page.wait_for_selector("[data-search-results] li")
    titles = page.locator("[data-search-results] h2").all_inner_texts()
    assert any(title.startswith("Réunion du 12 mars 2015") for title in titles)
    assert errors == []
    page.close()
