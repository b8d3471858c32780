"""Every editor mistake stops the build with a French message naming the file,
the line and the fix; nothing is published. One folder per mistake under
fixtures/mistakes/: its content/ folder, and in attendu.txt exactly the messages
expected (no more, no fewer)."""

import pytest
from conftest import FIXTURES, assert_refused_exactly

MISTAKES = sorted(path for path in (FIXTURES / "mistakes").iterdir() if path.is_dir())


def test_there_are_many_distinct_mistakes():
    assert len(MISTAKES) >= 20


@pytest.mark.parametrize("scenario", MISTAKES, ids=lambda path: path.name)
def test_mistake_is_reported_in_french_and_nothing_is_published(scenario, tmp_path):
    expected = (scenario / "attendu.txt").read_text(encoding="utf-8").splitlines()
    assert_refused_exactly(scenario / "content", expected, tmp_path / "output")
