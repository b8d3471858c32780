"""How the plugins fit together: their order does not matter, templates are
strict (an undefined name fails the build, naming the template, its line and
the plugin that gives it), and layers point one way."""

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TEST_SITEURL

from pelicanconf import PLUGINS

SETTINGS = {"SITEURL": TEST_SITEURL, "BUILD_DATE": "2027-03-05"}
# Pelican's signals are global: a plugin once registered stays connected for the
# process. Each build whose plugins differ runs in a process of its own.
BUILD = """
import json, sys
from pathlib import Path
from bimoc.build import build
output, content, settings = sys.argv[1:]
done = build(output=Path(output), content=Path(content), settings=json.loads(settings))
sys.exit(0 if done else 1)
"""


def build(output: Path, content: Path, settings: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", BUILD, str(output), str(content), json.dumps(settings)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("fixture", ["agenda", "editor_formats"])
def test_plugins_in_reverse_order_build_the_same_site(fixture, tmp_path):
    for name, order in (("forward", PLUGINS), ("reversed", PLUGINS[::-1])):
        settings = {**SETTINGS, "PLUGINS": list(order)}
        done = build(tmp_path / name, FIXTURES / fixture, settings)
        assert done.returncode == 0, done.stderr
    forward, backward = files(tmp_path / "forward"), files(tmp_path / "reversed")
    assert sorted(forward) == sorted(backward)
    assert [name for name in forward if forward[name] != backward[name]] == []


def broken_copy(theme: Path, template: str, old: str, new: str) -> Path:
    shutil.copytree(ROOT / "theme", theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_undefined_name_fails_the_build_with_the_template_and_line(tmp_path):
    path = broken_copy(
        tmp_path / "theme", "partials/footer.html", "SITE.contact.email", "SITE.contact.emial"
    )
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "emial" in text)
    settings = {**SETTINGS, "THEME": str(tmp_path / "theme")}
    done = build(tmp_path / "output", FIXTURES / "agenda", settings)
    errors = done.stderr
    assert done.returncode == 1
    assert f"templates/partials/footer.html:{line} : erreur interne du thème : « emial »" in errors
    assert "Traceback" not in errors
    assert not (tmp_path / "output").exists()


def test_a_part_shared_by_every_page_that_uses_a_pages_name_fails_the_build(tmp_path):
    """The footer is rendered once for all pages (site_part): a page's own name
    in it would show one page's value on every page."""
    email = "SITE.contact.email }}</a>"
    path = broken_copy(tmp_path / "theme", "partials/footer.html", email, "output_file }}</a>")
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "output_file" in text)
    settings = {**SETTINGS, "THEME": str(tmp_path / "theme")}
    done = build(tmp_path / "output", FIXTURES / "agenda", settings)
    assert done.returncode == 1
    assert f"partials/footer.html:{line} : erreur interne du thème : « output_file »" in done.stderr
    assert not (tmp_path / "output").exists()


THEME_NEEDS = ["agenda", "french", "navigation", "structured_data", "stylesheet"]


@pytest.mark.parametrize("missing", THEME_NEEDS)
def test_a_build_without_a_plugin_the_theme_needs_names_it(missing, tmp_path):
    loaded = [name for name in PLUGINS if name != f"plugins.{missing}"]
    settings = {**SETTINGS, "PLUGINS": loaded}
    done = build(tmp_path / "output", FIXTURES / "agenda", settings)
    errors = done.stderr
    assert done.returncode == 1
    assert f"vient de l’extension « {missing} », qui n’est pas chargée" in errors
    assert f"ajoutez « plugins.{missing} » à PLUGINS" in errors
    assert "Traceback" not in errors


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_plugins_never_import_bimoc():
    for path in (ROOT / "plugins").rglob("*.py"):
        assert not any(name.split(".")[0] == "bimoc" for name in imported_modules(path)), path


def test_bimoc_uses_plugins_only_through_their_public_api():
    for path in (ROOT / "bimoc").rglob("*.py"):
        reached = {name for name in imported_modules(path) if name.split(".")[0] == "plugins"}
        assert reached <= {"plugins"}, path


def test_every_plugin_of_the_project_is_loaded():
    packages = {
        f"plugins.{path.parent.name}"
        for path in (ROOT / "plugins").glob("*/__init__.py")
        if path.parent.name != "common"  # shared helpers, no plugin
    }
    assert packages <= set(PLUGINS)


@pytest.mark.parametrize(
    "report",
    ["{filename}/actualites/compte-rendu.md", "{filename}../actualites/compte-rendu.md"],
)
def test_an_event_report_resolves_like_any_link(report, tmp_path):
    """One resolver: `Report:` is found from content/ or from the event's folder,
    as Pelican finds a {filename} link; never silently dropped."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "agenda", content)
    event = content / "agenda" / "passe.md"
    text = event.read_text(encoding="utf-8")
    event.write_text(text.replace("{filename}/actualites/compte-rendu.md", report), "utf-8")
    done = build(tmp_path / "output", content, SETTINGS)
    assert done.returncode == 0, done.stderr
    page = (
        tmp_path / "output" / "agenda" / "2026" / "reunion-de-janvier" / "index.html"
    ).read_text()
    assert f"{TEST_SITEURL}/actualites/2026/compte-rendu-de-la-reunion-de-janvier/" in page


def test_the_stock_pelican_command_loads_every_plugin(tmp_path):
    """Without our build runner, the plugins still load (none needs bimoc/) and
    write what they own, the server configuration included."""
    done = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Cannot load plugin" not in done.stdout + done.stderr
    assert "Content-Security-Policy" in (tmp_path / ".htaccess").read_text(encoding="utf-8")
    assert list((tmp_path / "theme" / "css").glob("site.*.css"))
