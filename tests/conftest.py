"""Builds the real site once per session, with production settings pointed at a
local address and no French locale (LANG=C), and gives tests parsed pages.

Tests of the real content check facts (the flyer, the verified meetings), never
how many news items, events or pages there are: editors add content. Features
(feeds, pagination, the agenda, photos) are tested on small sites of their own
under fixtures/, whose content the tests know."""

import datetime
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from PIL import Image
from playwright.sync_api import sync_playwright

from bimoc.build import build
from bimoc.output_checks import file_of, url_of
from bimoc.serve import free_port, start_server
from bimoc.tools import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_SITEURL = "http://127.0.0.1:8765"
# Every build of the real site in a run takes the same day as today, even across midnight.
BUILD_DAY = datetime.datetime.now(ZoneInfo("Europe/Paris")).date().isoformat()
# The meetings of the group's history (content-facts.md §2): event page → its report.
VERIFIED_MEETINGS = {
    "agenda/2006/reunion-du-7-decembre-2006/": "actualites/2006/reunion-du-7-decembre-2006/",
    "agenda/2007/reunion-du-19-avril-2007/": "actualites/2007/reunion-du-19-avril-2007/",
    "agenda/2007/reunion-du-22-novembre-2007/": "actualites/2007/reunion-du-22-novembre-2007/",
    "agenda/2008/reunion-du-14-fevrier-2008/": "actualites/2008/reunion-du-14-fevrier-2008/",
    "agenda/2010/reunion-du-29-avril-2010/": "actualites/2010/reunion-du-29-avril-2010/",
    "agenda/2011/reunion-du-15-fevrier-2011/": "actualites/2011/reunion-du-15-fevrier-2011/",
    "agenda/2013/comite-de-pilotage-du-18-octobre-2013/": (
        "actualites/2013/reunion-du-18-octobre-2013/"
    ),
    "agenda/2015/reunion-du-12-mars-2015/": "actualites/2015/reunion-du-12-mars-2015/",
}


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


def assert_refused_exactly(
    content: Path,
    expected: list[str],
    output: Path,
    result: subprocess.CompletedProcess | None = None,
) -> str:
    """The build of `content` (already run: `result`) stops with exactly these
    French messages (no more, no fewer), no traceback, nothing written; its stderr."""
    result = result or run_build(output, "--content", str(content))
    assert result.returncode == 1
    errors = [
        line.removeprefix("ERREUR : ")
        for line in result.stderr.splitlines()
        if line.startswith("ERREUR : ")
    ]
    assert sorted(errors) == sorted(expected)
    assert f"{len(expected)} problème" in result.stderr
    assert "Traceback" not in result.stderr and "erreur interne" not in result.stderr
    assert "Échec de la construction" in result.stderr
    assert not output.exists()
    return result.stderr


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
        """The site's pages: not the editors' interface (/admin/, the CMS's own
        page under its own policy: tests/test_cms.py)."""
        return sorted(path for path in self.root.rglob("*.html") if not self.is_admin(path))

    def is_admin(self, path: Path) -> bool:
        return path.relative_to(self.root).parts[0] == "admin"

    def url_of(self, path: Path) -> str:
        """Site-relative URL of an output file (index.html files by their folder)."""
        return url_of(self.root, path)

    def listed(self, url: str, links: str = "//main//h2/a/@href") -> list[str]:
        """Site-relative URLs a listing links to, over all its pages (rel="next")."""
        found: list[str] = []
        while url is not None:
            page = self.page(url)
            found += [href.removeprefix(f"{self.siteurl}/") for href in page.xpath(links)]
            following = page.xpath("//a[@rel='next']/@href")
            url = following[0].removeprefix(self.siteurl) if following else None
        return found


def layout_content(folder: Path) -> Path:
    """tests/fixtures/layout (every template, each holding what editors paste)
    in `folder`, with an editor's phone photo (4,000 × 3,000 px): its content folder."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "layout", content)
    (content / "images").mkdir()
    Image.new("RGB", (4000, 3000), (90, 120, 60)).save(content / "images" / "telephone.jpg")
    return content


def production_build(output: Path, siteurl: str) -> BuiltSite:
    result = run_build(output, "--production", "--date", BUILD_DAY, siteurl=siteurl)
    assert result.returncode == 0, result.stdout + result.stderr
    return BuiltSite(output, siteurl, result)


def build_fixture(
    tmp_path_factory, name: str, *args: str, content: Path | None = None
) -> BuiltSite:
    """A fixture site (tests/fixtures/<name>, or `content`, made by the test)
    built for production, without a warning."""
    output = tmp_path_factory.mktemp(name) / "output"
    content = content or FIXTURES / name
    result = run_build(output, "--production", "--content", str(content), *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return BuiltSite(output, TEST_SITEURL, result)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The production build, its address pointed at the local test server."""
    output = tmp_path_factory.mktemp("production") / "output"
    return production_build(output, f"http://127.0.0.1:{free_port()}")


@pytest.fixture(scope="session")
def site_again(site, tmp_path_factory) -> BuiltSite:
    """A second production build of the same commit, address and day: the one
    build that tests comparing two builds share."""
    return production_build(tmp_path_factory.mktemp("production-again") / "output", site.siteurl)


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
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def text_of(element: lxml.html.HtmlElement) -> str:
    """Visible text with whitespace collapsed."""
    return " ".join(element.text_content().split())


def pytest_sessionfinish(session, exitstatus):
    """On CI a skipped test is a defect: a missing tool fails the run, never skips it."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and os.environ.get("CI", "").lower() in {"1", "true", "yes"} and exitstatus == 0:
        reporter.ensure_newline()
        reporter.write_line(f"CI: {len(skipped)} skipped test(s) count as failures", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
