"""The preview an editor downloads from GitHub (artifact « apercu-du-site »)
works opened from disk: styled pages, photos, every link to a page that exists,
drafts included."""

import subprocess
import sys

import lxml.html
import pytest
from conftest import ROOT, layout_content

DRAFT = (
    "Title: Un brouillon à relire\nDate: 2026-02-01\nCategory: Actualités\n"
    "Status: draft\nSummary: Pas encore publié.\n\nLe texte du brouillon.\n"
)


# Text that looks like markup: it stays text (a regular expression once took it
# for an attribute), and an address too long for the disk is left alone.
EXAMPLE = (
    "Title: Un exemple\nSummary: Des adresses écrites en toutes lettres.\n\n"
    'Le code href="/actualites/ puis [un lien](https://example.org/) ; '
    f'et href="/{"a" * 300}" dans le texte.\n'
)


@pytest.fixture(scope="module")
def offline(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    content = layout_content(folder)
    (content / "actualites" / "2026-02-01-brouillon.md").write_text(DRAFT, encoding="utf-8")
    (content / "pages" / "exemple.md").write_text(EXAMPLE, encoding="utf-8")
    output = folder / "apercu"
    result = subprocess.run(
        [sys.executable, "-m", "bimoc.offline", "--output", str(output), "--content", str(content)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return output


def local_links(page: lxml.html.HtmlElement) -> list[str]:
    values = page.xpath("//@href | //@src | //form/@action")
    values += [url.split()[0] for srcset in page.xpath("//@srcset") for url in srcset.split(",")]
    return [value for value in values if ":" not in value.split("/")[0] and value[:1] != "#"]


def test_every_link_leads_to_a_file_of_the_preview(offline):
    broken = []
    for path in offline.rglob("*.html"):
        for link in local_links(lxml.html.fromstring(path.read_bytes())):
            assert not link.startswith("/"), f"{path}: {link} leads to the disk's root"
            target = (path.parent / link.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                broken.append(f"{path.relative_to(offline)}: {link}")
    assert broken == []


def test_text_that_looks_like_an_address_stays_as_written(offline):
    page = lxml.html.fromstring((offline / "un-exemple" / "index.html").read_bytes())
    paragraph = page.xpath("//main//p[contains(., 'Le code')]")[0]
    assert 'href="/actualites/ puis un lien' in paragraph.text_content()
    assert paragraph.xpath(".//a/@href") == ["https://example.org/"]


def test_the_draft_is_in_the_preview(offline):
    assert (offline / "brouillons" / "un-brouillon-a-relire" / "index.html").is_file()


@pytest.mark.browser
def test_opened_from_disk_the_pages_are_styled_and_linked(offline, browser):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto((offline / "index.html").as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(253, 252, 248)", "the stylesheet is applied (--color-bg)"
    page.locator("main figure img").first.wait_for()
    assert page.evaluate("document.querySelector('main figure img').naturalWidth") > 0
    page.get_by_text("Menu", exact=True).click()  # a phone's width: the menu is folded
    page.get_by_role("link", name="Actions", exact=True).first.click()
    assert page.url.endswith("/actions/index.html")
    assert page.locator("h1").inner_text() == "Actions"
    assert "Aperçu hors ligne" in page.locator("main").inner_text()
    page.get_by_role("link", name="Voir les brouillons").click()
    assert "Un brouillon à relire" in page.locator("main").inner_text()
    page.close()
    assert errors == []
