"""Builds the real site once per session, with production settings pointed at a
local address and no French locale (LANG=C), and gives tests parsed pages."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from playwright.sync_api import sync_playwright

from bimoc.build import build
from bimoc.output_checks import file_of, url_of
from bimoc.serve import free_port, start_server
from bimoc.tools import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_SITEURL = "http://127.0.0.1:8765"


def run_build(
    output: Path, *args: str, siteurl: str = TEST_SITEURL, github: bool = False
) -> subprocess.CompletedProcess:
    """The build as a user runs it: a fresh process, no French locale (and as on GitHub Actions)."""
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "BIMOC_SITEURL": siteurl}
    env["GITHUB_ACTIONS"] = "true" if github else ""
    return subprocess.run(
        [sys.executable, "-m", "bimoc.build", "--output", str(output), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@dataclass
class BuiltSite:
    root: Path
    siteurl: str
    result: subprocess.CompletedProcess | None = None

    def file(self, url: str) -> Path:
        """The output file behind a site-relative URL ('actualites/' → its index.html)."""
        return file_of(self.root, url)

    def page(self, url: str) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.file(url).read_bytes())

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def url_of(self, path: Path) -> str:
        """Site-relative URL of an output file (index.html files by their folder)."""
        return url_of(self.root, path)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The production build, its address pointed at the local test server."""
    output = tmp_path_factory.mktemp("production") / "output"
    siteurl = f"http://127.0.0.1:{free_port()}"
    result = run_build(output, "--production", siteurl=siteurl)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, siteurl, result)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> BuiltSite:
    """A site whose titles and summaries hold markup, quotes and </script>."""
    output = tmp_path_factory.mktemp("hostile") / "output"
    assert build(
        output=output, content=FIXTURES / "hostile_title", settings={"SITEURL": TEST_SITEURL}
    )
    return BuiltSite(output, TEST_SITEURL)


@pytest.fixture(scope="session")
def served_site(site) -> BuiltSite:
    """The production build served on 127.0.0.1 with the production CSP."""
    server = start_server(site.root, urlsplit(site.siteurl).port)
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`make test` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, or apt-get install chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def text_of(element: lxml.html.HtmlElement) -> str:
    """Visible text with whitespace collapsed."""
    return " ".join(element.text_content().split())
