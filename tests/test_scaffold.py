"""`invoke new`: a new file from the editors' models, that builds as generated."""

import datetime
import re
import shutil

import pytest
from conftest import run_build

from bimoc.scaffold import CONTENT, ScaffoldError, new_content

TODAY = datetime.date(2027, 3, 12)


@pytest.fixture
def content(tmp_path):
    """The editors' models and a stand-in for each page they link to, without the
    real content (which may hold a file of the name made here)."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT / "modeles", copy / "modeles")
    for model in (copy / "modeles").glob("*.md"):
        for target in re.findall(r"\{filename\}/([^)#]+\.md)", model.read_text(encoding="utf-8")):
            (copy / target).parent.mkdir(parents=True, exist_ok=True)
            (copy / target).write_text("Title: Page liée\n\nTexte.\n", encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    "kind, title, relative",
    [
        (
            "actualite",
            "L’été à l’Odyssud, réunion n°3",
            "actualites/2027-03-12-lete-a-lodyssud-reunion-n3.md",
        ),
        ("page", "Nos partenaires", "pages/nos-partenaires.md"),
        ("evenement", "Atelier d’écoute", "agenda/2027-03-12-atelier-decoute.md"),
    ],
)
def test_new_file_builds_as_generated_and_stays_a_draft(content, tmp_path, kind, title, relative):
    path = new_content(kind, title, content, TODAY)
    assert path == content / relative
    text = path.read_text(encoding="utf-8")
    assert f"Title: {title}\n" in text and "Status: draft" in text
    assert f"Slug: {path.stem.removeprefix('2027-03-12-')}\n" in text
    if kind != "page":
        assert "Date: 2027-03-12\n" in text and "2026-01-01" not in text
    result = run_build(tmp_path / "output", "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert not list((tmp_path / "output").rglob(f"*{path.stem.removeprefix('2027-03-12-')}*"))


def test_a_draft_published_with_placeholders_is_refused(content, tmp_path):
    path = new_content("actualite", "Réunion du 12 mars 2027", content, TODAY)
    path.write_text(
        path.read_text(encoding="utf-8").replace("Status: draft\n", ""), encoding="utf-8"
    )
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 1
    placeholder = "le texte contient encore le repère « À COMPLÉTER »"
    assert f"2027-03-12-reunion-du-12-mars-2027.md:5 : {placeholder}" in result.stderr


def test_existing_file_and_unknown_kind_are_refused(content):
    new_content("page", "Nos partenaires", content, TODAY)
    with pytest.raises(ScaffoldError, match="existe déjà"):
        new_content("page", "Nos partenaires", content, TODAY)
    with pytest.raises(ScaffoldError, match="Type inconnu"):
        new_content("colloque", "Concert", content, TODAY)


def test_long_or_letterless_titles(content):
    path = new_content("page", "Très " * 60 + "long", content, TODAY)
    assert len(path.stem) <= 80
    with pytest.raises(ScaffoldError, match="ni lettre ni chiffre"):
        new_content("page", "???", content, TODAY)


@pytest.mark.parametrize("kind", ["actualite", "page", "evenement"])
def test_the_models_instructions_are_never_published(content, tmp_path, kind):
    """Completed and published as is, a model shows none of its instructions."""
    path = new_content(kind, "Réunion du 12 mars 2027", content, TODAY)
    text = path.read_text(encoding="utf-8").replace("Status: draft\n", "")
    text = text.replace("## Un intertitre", "## Programme").replace("Un paragraphe", "Le texte")
    path.write_text(text.replace("À COMPLÉTER : ", "").replace("À COMPLÉTER", "Texte"), "utf-8")
    output = tmp_path / "output"
    result = run_build(output, "--production", "--content", str(content))
    assert result.returncode == 0, result.stderr
    written = "".join(p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
    assert "Consigne" not in written and "supprimez la ligne" not in written
