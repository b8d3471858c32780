"""The code follows the project's rules: lint and format (ruff), type hints (mypy),
no function above radon grade C, no module above 350 lines."""

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_type_hints_hold():
    """mypy on plugins/ and bimoc/ (pyproject.toml, [tool.mypy])."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


MAX_MODULE_LINES = 350
CODE = ["plugins", "bimoc", "tasks.py"]


def test_no_function_above_radon_grade_c():
    result = subprocess.run(
        [sys.executable, "-m", "radon", "cc", "--min", "D", "--show-complexity", *CODE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", result.stdout


def test_no_module_above_350_lines():
    modules = [*ROOT.glob("plugins/**/*.py"), *ROOT.glob("bimoc/*.py"), ROOT / "tasks.py"]
    assert len(modules) > 20
    long = {
        str(m.relative_to(ROOT)): n
        for m in modules
        if (n := len(m.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}
