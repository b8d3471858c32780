"""`invoke check`, the gate for CI and publishing, and how editors see errors on GitHub."""

import os
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, run_build

from bimoc.check import output_problems


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
        "site publié : la page publiée « / » a un lien vers « /absente/ » qui ne mène nulle part — "
        "si ce lien vient d’un de vos fichiers, corrigez-le ; sinon prévenez l’équipe technique"
    ]


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
