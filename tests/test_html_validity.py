"""The Nu HTML Checker (vnu.jar) finds no error in the built pages or the stylesheet."""

import pytest

from bimoc.output_checks import html_errors

pytestmark = pytest.mark.java


def test_built_site_has_no_html_or_css_error(site):
    assert site.html_files()
    assert html_errors(site.root) == []


def test_the_checker_reports_errors(tmp_path):
    (tmp_path / "bad.html").write_text("<!doctype html><html lang=fr><title>x</title><p><div></p>")
    (tmp_path / "bad.css").write_text("a { colr: red }")
    errors = html_errors(tmp_path)
    assert any(error.startswith("bad.html:") for error in errors), errors
    assert any("bad.css" in error and "colr" in error for error in errors)
