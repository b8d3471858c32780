"""The Nu HTML Checker (vnu.jar) finds no error in the built pages or the stylesheet."""

import json
import shutil
import subprocess

import pytest

from bimoc.tools import VNU_JAR


def vnu_errors(folder) -> list[str]:
    if not VNU_JAR.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: run `make test`")
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU_JAR),
            "--skip-non-html",
            "--also-check-css",
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stdout)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages]


def test_built_site_has_no_html_or_css_error(site):
    assert site.html_files()
    assert vnu_errors(site.root) == []


def test_the_checker_reports_errors(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=fr><title>x</title><p><div></p>")
    assert vnu_errors(tmp_path)
