"""`invoke check`, the gate for CI and publishing, and how editors see errors on GitHub;
what the output checks find in an editor's text is traced back to the file and line.
fixtures/published_mistakes/: a small complete site (site/), and one folder per
mistake the content checks let through but the built site's checks do not, with
the exact messages expected (attendu.txt). Links to the site itself use the test
site's address (conftest.TEST_SITEURL)."""

import os
import shutil
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, TEST_SITEURL, run_build

from bimoc.build import Source
from bimoc.check import output_problems

PUBLISHED_MISTAKES = FIXTURES / "published_mistakes"
CASES = sorted(path for path in PUBLISHED_MISTAKES.iterdir() if (path / "attendu.txt").is_file())


@pytest.mark.java
def test_check_passes_on_the_real_content_and_says_so_on_github(tmp_path):
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        [sys.executable, "-m", "bimoc.check", "--output", str(tmp_path / "apercu")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "tout est bon" in summary.read_text(encoding="utf-8")
    assert (tmp_path / "apercu" / "index.html").is_file(), "kept for the CI preview"


@pytest.mark.java
def test_output_problems_are_reported_in_french(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><title>x</title><a href="https://site.example/absente/">x</a>'
    )
    problems = output_problems(tmp_path, "https://site.example")
    assert problems == [
        "site publié : la page publiée « / » a un lien vers « /absente/ », qui ne mène "
        "nulle part : le menu ou le pied de page de chaque page y mène — si vous avez "
        "supprimé ou renommé le fichier de cette page dans content/pages/, remettez-le "
        "(sur GitHub : « History », puis la version d’avant) ; sinon prévenez l’équipe technique"
    ]


@pytest.mark.java
def test_only_what_lies_in_a_content_s_body_is_traced_to_it(tmp_path):
    source = tmp_path / "content" / "pages" / "page.md"
    source.parent.mkdir(parents=True)
    source.write_text(
        'Title: Page\n\n<p id="a">un</p>\n\n<p id="a">deux</p>\n\n<p id="pied">trois</p>\n'
    )
    body = '<p id="a">un</p>\n<p id="a">deux</p>\n<p id="pied">trois</p>'
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text(
        '<!doctype html>\n<html lang="fr">\n<title>x</title>\n<main>\n'
        f'<ul><p>thème</p></ul>\n{body}\n</main>\n<footer id="pied">x</footer>\n'
    )
    sources = {"index.html": Source(str(source), "content/pages/page.md", body, set())}
    assert output_problems(tmp_path / "output", "https://site.example", sources) == [
        "content/pages/page.md:5 : l’identifiant « a » (id) est déjà celui d’un autre élément "
        "de la page — donnez-lui un autre nom, par exemple « a-2 »",
        "site publié : erreur interne du thème : le code publié est invalide (index.html:5 : "
        "Element “p” not allowed as child of element “ul” in this context. (Suppressing further "
        "errors from this subtree.)) — corrigez le gabarit ; ce n’est pas une erreur de contenu",
        # the theme gives the body's id again further down: the body's line
        "content/pages/page.md:7 : l’identifiant « pied » (id) est déjà celui d’un autre élément "
        "de la page — donnez-lui un autre nom, par exemple « pied-2 »",
    ]


@pytest.fixture(scope="module")
def published_check(tmp_path_factory) -> subprocess.CompletedProcess:
    """`invoke check` as a user runs it, once, on a site holding every case."""
    content = tmp_path_factory.mktemp("published") / "content"
    shutil.copytree(PUBLISHED_MISTAKES / "site", content)
    for case in CASES:
        shutil.copytree(case / "content", content, dirs_exist_ok=True)
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "BIMOC_SITEURL": TEST_SITEURL}
    env.pop("GITHUB_STEP_SUMMARY", None)
    return subprocess.run(
        [sys.executable, "-m", "bimoc.check", "--content", str(content)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def errors_of(result: subprocess.CompletedProcess) -> list[str]:
    return [
        line.removeprefix("ERREUR : ")
        for line in result.stderr.splitlines()
        if line.startswith("ERREUR : ")
    ]


def test_there_are_many_published_mistakes():
    assert len(CASES) >= 6


@pytest.mark.java
def test_published_mistakes_fail_the_check_in_french_with_nothing_internal(published_check):
    assert published_check.returncode == 1
    assert "Traceback" not in published_check.stderr
    expected = [
        line
        for case in CASES
        for line in (case / "attendu.txt").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(errors_of(published_check)) == sorted(expected)
    assert "erreur interne" not in published_check.stderr


@pytest.mark.java
@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_published_mistake_is_traced_to_its_file_and_line(case, published_check):
    files = tuple(
        f"content/{path.relative_to(case / 'content').as_posix()}:"
        for path in (case / "content").rglob("*.md")
    )
    expected = (case / "attendu.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(e for e in errors_of(published_check) if e.startswith(files)) == sorted(expected)


def test_errors_become_github_annotations_on_the_file_and_line(tmp_path):
    env_result = run_build(
        tmp_path / "output",
        "--content",
        str(FIXTURES / "mistakes" / "bad_date" / "content"),
        github=True,
    )
    assert (
        "::error file=content/actualites/date.md,line=2,title=Erreur de contenu::"
        "la date « 15/01/2026 » n’est pas au format attendu"
    ) in env_result.stdout
