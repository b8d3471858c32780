"""Every editor mistake stops the build with a French message naming the file,
the line and the fix; nothing is published. One folder per mistake under
fixtures/mistakes/: its content/ folder, and in attendu.txt exactly the messages
expected (no more, no fewer)."""

import pytest
from conftest import FIXTURES, run_build

MISTAKES = sorted(path for path in (FIXTURES / "mistakes").iterdir() if path.is_dir())


def test_there_are_many_distinct_mistakes():
    assert len(MISTAKES) >= 20


@pytest.mark.parametrize("scenario", MISTAKES, ids=lambda path: path.name)
def test_mistake_is_reported_in_french_and_nothing_is_published(scenario, tmp_path):
    output = tmp_path / "output"
    result = run_build(output, "--content", str(scenario / "content"))
    assert result.returncode == 1
    expected = (scenario / "attendu.txt").read_text(encoding="utf-8").splitlines()
    errors = [
        line.removeprefix("ERREUR : ")
        for line in result.stderr.splitlines()
        if line.startswith("ERREUR : ")
    ]
    assert sorted(errors) == sorted(expected)
    assert f"{len(expected)} problème" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Échec de la construction" in result.stderr
    assert not output.exists()
