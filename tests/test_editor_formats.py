"""What editors really write builds right: French keys, YAML front matter, a
byte-order mark; drafts, hidden files and backups are never published; and
Pelican's own silent failures (a missing plugin, a template error) fail the build."""

import shutil

import pytest
from conftest import FIXTURES, TEST_SITEURL, BuiltSite, build_fixture, run_build, text_of

from bimoc.build import build
from pelicanconf import PLUGINS
from plugins.common.allowed_html import sanitize, scrolling_tables
from plugins.common.typography import typeset_text


@pytest.fixture(scope="module")
def formats(tmp_path_factory) -> BuiltSite:
    return build_fixture(tmp_path_factory, "editor_formats")


def test_french_keys_are_read(formats):
    page = formats.page("actualites/2026/lete-a-lodyssud-reunion-n3/")
    assert text_of(page.xpath("//h1")[0]) == "L’été à l’Odyssud, réunion n°3"
    assert page.xpath("//article//time/@datetime") == ["2026-03-12"]
    assert text_of(page.xpath("//article//header//a")[0]) == "Comptes rendus"
    description = page.xpath("//meta[@name='description']/@content")
    assert description == [typeset_text("Un résumé « cité ».")]


def test_yaml_front_matter_is_read_without_quotes_or_rule(formats):
    page = formats.page("actualites/2026/reunion-biblioremix/")
    assert text_of(page.xpath("//h1")[0]) == "Réunion : « Biblioremix »"
    description = page.xpath("//meta[@name='description']/@content")
    assert description == [typeset_text("Un résumé avec deux-points : oui")]
    assert page.xpath("//main//hr") == []
    assert "---" not in text_of(page.xpath("//main")[0])


def test_byte_order_mark_is_fine(formats):
    assert text_of(formats.page("actualites/2026/avec-bom/").xpath("//h1")[0]) == "Avec BOM"


def test_drafts_hidden_files_and_backups_are_never_published(formats):
    published = {formats.url_of(path) for path in formats.html_files()}
    assert published == {
        "actualites/",
        "actualites/categorie/actualites/",
        "actualites/categorie/comptes-rendus/",
        "actualites/2026/lete-a-lodyssud-reunion-n3/",
        "actualites/2026/reunion-biblioremix/",
        "actualites/2026/avec-bom/",
        "actualites/2026/fichier-windows-et-macos/",
        "actualites/2026/des-liens-qui-marchent/",
        "actualites/2026/un-texte-colle-depuis-word/",
        "une-page/",
        "agenda/",
        "agenda/historique/",
    }
    listing = formats.file("actualites/").read_text(encoding="utf-8")
    assert "Brouillon" not in listing and "Caché" not in listing


def test_a_hidden_page_is_published_but_not_listed(formats):
    assert formats.file("une-page/").is_file()
    listed = formats.page("actualites/").xpath("//a/@href")
    assert f"{formats.siteurl}/une-page/" not in listed


def test_a_draft_with_its_own_address_is_not_published_either(formats):
    assert not formats.file("secret.html").exists()


def test_windows_line_ends_and_macos_accents_are_read(formats):
    page = formats.page("actualites/2026/fichier-windows-et-macos/")
    assert text_of(page.xpath("//article//header//a")[0]) == "Actualités"


def test_a_document_linked_as_a_text_or_as_a_file_is_published_alike(formats):
    """{filename} (Pelican's way to a text) and {static} (to a file) lead to one document."""
    page = formats.page("actualites/2026/des-liens-qui-marchent/")
    links = page.xpath("//main//a[contains(@href, '/documents/')]")
    address = f"{formats.siteurl}/documents/reglement.pdf"
    assert [link.get("href") for link in links] == [address, address]
    assert (
        formats.file("documents/reglement.pdf").read_bytes()
        == (FIXTURES / "editor_formats" / "documents" / "reglement.pdf").read_bytes()
    )


def test_a_missing_plugin_fails_the_build(tmp_path, capsys):
    settings = {"SITEURL": TEST_SITEURL, "PLUGINS": [*PLUGINS, "extension_absente"]}
    assert not build(output=tmp_path / "output", settings=settings)
    errors = capsys.readouterr().err
    assert "erreur interne du site" in errors and "extension_absente" in errors
    assert "Traceback" not in errors
    assert not (tmp_path / "output").exists()


def test_a_template_error_fails_the_build(tmp_path, capsys):
    settings = {"SITEURL": TEST_SITEURL, "THEME": str(FIXTURES / "broken_theme")}
    assert not build(output=tmp_path / "output", settings=settings)
    errors = capsys.readouterr().err
    assert "ERREUR : tests/fixtures/broken_theme/templates/" in errors
    assert "erreur interne du thème" in errors and "« filtre_inconnu »" in errors
    assert "Traceback" not in errors
    assert not (tmp_path / "output").exists()


def test_every_problem_is_reported_in_one_run(tmp_path):
    scenarios = ["bad_date", "broken_link", "forbidden_script", "missing_alt", "skipped_file"]
    content = tmp_path / "content"
    expected = []
    for scenario in scenarios:
        folder = FIXTURES / "mistakes" / scenario
        shutil.copytree(folder / "content", content, dirs_exist_ok=True)
        expected += (folder / "attendu.txt").read_text(encoding="utf-8").splitlines()
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 1
    for message in expected:
        assert message in result.stderr
    assert "erreur interne" not in result.stderr


def test_decorative_image_and_same_slug_in_two_years_are_fine(tmp_path):
    content = tmp_path / "content"
    (content / "actualites").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "images" / "point.png").write_bytes(
        (FIXTURES / "mistakes" / "missing_alt" / "content" / "images" / "point.png").read_bytes()
    )
    for year in (2025, 2026):
        (content / "actualites" / f"ag-{year}.md").write_text(
            f"Title: Assemblée générale\nDate: {year}-01-15\nCategory: Actualités\n\n"
            "![]({static}/images/point.png){: .decoratif}\n\nTexte.\n",
            encoding="utf-8",
        )
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    for year in (2025, 2026):
        assert (
            tmp_path / "output" / "actualites" / str(year) / "assemblee-generale" / "index.html"
        ).is_file()


def test_a_photo_written_as_the_sites_address_is_shown(formats):
    """`![…](/images/point.png)`: the link checks accept it, so the photo is
    published as for `{static}` (its original is not: the address must not be it)."""
    page = formats.page("actualites/2026/des-liens-qui-marchent/")
    sources = page.xpath("//main//img[@alt='Un point']/@src")
    assert sources and all(
        formats.file(src.removeprefix(formats.siteurl)).is_file() for src in sources
    )


def test_lists_pasted_from_word_or_under_a_sentence_are_lists(formats):
    """Word's bullets, and a list with no empty line above it (Python-Markdown
    would run it into the sentence); a line starting « 2027. » stays text."""
    main = formats.page("actualites/2026/un-texte-colle-depuis-word/").xpath("//main//article")[0]
    lists = [[text_of(item) for item in found.xpath("li")] for found in main.xpath(".//ul | .//ol")]
    assert lists == [
        ["premier point Word", "deuxième point Word"],
        ["premier point", "deuxième point"],
        ["une", "deux"],
    ]
    assert any("2027. Nous avons continué." in text_of(p) for p in main.xpath(".//p"))


@pytest.mark.parametrize(
    "table",
    [
        "<table><tr><td>a</td></tr></table>",
        '<table title="x > y" id="t"><tr><td>a</td></tr></table>',
    ],
)
def test_every_table_gets_its_scrolling_box_balanced(table):
    """A table an editor gave attributes is wrapped too: every </div> closes its box."""
    body = scrolling_tables(sanitize(f"{table}<p>Après.</p>"))
    assert body.count("<div") == body.count("</div>") == 1
    assert body.startswith('<div class="table-scroll"') and body.endswith("</div><p>Après.</p>")
