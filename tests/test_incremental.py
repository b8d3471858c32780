"""The preview's builds (bimoc/serve.py runs them): what Pelican read of each
file is kept, and read again only when the file changes, yet every check still
judges the site as it is now; a save's first pass writes only the pages asked
for; a build stopped by a newer save leaves the site whole."""

import filecmp
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import FIXTURES, ROOT, run_build
from watchfiles import Change

from bimoc.rebuilds import saved_files


def copy_of(fixture: str, folder: Path) -> Path:
    content = folder / "content"
    shutil.copytree(FIXTURES / fixture, content)
    return content


def preview_build(content: Path, output: Path, *args: str) -> subprocess.CompletedProcess:
    return run_build(output, "--preview", "--content", str(content), *args)


def cache_of(content: Path) -> list[Path]:
    return sorted((content.parent / ".cache").glob("contenu-*/*"))


def errors_of(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("ERREUR : ")]


def assert_same_files(left: Path, right: Path) -> None:
    """Byte for byte, every file but the search index's (rebuilt apart)."""
    names = {
        path.relative_to(left).as_posix()
        for path in left.rglob("*")
        if path.is_file() and path.relative_to(left).parts[0] != "pagefind"
    }
    assert names == {
        path.relative_to(right).as_posix()
        for path in right.rglob("*")
        if path.is_file() and path.relative_to(right).parts[0] != "pagefind"
    }
    _, mismatch, errors = filecmp.cmpfiles(left, right, sorted(names), shallow=False)
    assert mismatch == errors == []


def test_a_build_from_the_cache_is_the_clean_build(tmp_path):
    content = copy_of("feeds", tmp_path)
    assert run_build(tmp_path / "clean", "--content", str(content)).returncode == 0
    assert preview_build(content, tmp_path / "preview").returncode == 0
    cached = cache_of(content)
    assert {path.name for path in cached} >= {"ArticlesGenerator-Readers", "PagesGenerator-Readers"}
    stamps = {path: path.stat().st_mtime_ns for path in cached}
    assert preview_build(content, tmp_path / "preview").returncode == 0
    assert_same_files(tmp_path / "clean", tmp_path / "preview")
    assert cache_of(content) == cached  # read from it, not made anew elsewhere
    assert all(path.stat().st_mtime_ns >= stamps[path] for path in cached)


def test_a_cached_file_is_judged_again_when_a_file_it_links_to_is_deleted(tmp_path):
    content = copy_of("feeds", tmp_path)
    news = content / "actualites" / "2026-01-10-voeux.md"
    news.write_text(
        news.read_text(encoding="utf-8") + "\nVoir [la page]({filename}/pages/une-page.md).\n",
        encoding="utf-8",
    )
    assert preview_build(content, tmp_path / "output").returncode == 0
    (content / "pages" / "une-page.md").unlink()
    result = preview_build(content, tmp_path / "output")
    assert result.returncode == 1
    assert [e for e in errors_of(result) if "2026-01-10-voeux.md:" in e and "une-page.md" in e]


def test_a_cached_file_is_judged_again_when_site_toml_changes(tmp_path):
    content = copy_of("cms", tmp_path)
    assert preview_build(content, tmp_path / "output").returncode == 0
    facts = content / "site.toml"
    facts.write_text(
        facts.read_text(encoding="utf-8").replace('"Vie du groupe", ', ""), encoding="utf-8"
    )
    result = preview_build(content, tmp_path / "output")
    assert result.returncode == 1
    assert any("2026-01-15-assemblee-generale.md:3" in e for e in errors_of(result))
    assert len(list((content.parent / ".cache").glob("contenu-*"))) == 1  # the old one removed


def test_a_cached_file_is_judged_again_when_a_model_changes(tmp_path):
    """A sample line of content/modeles/ left in a text is refused (leftovers.py)."""
    content = copy_of("feeds", tmp_path)
    model = content / "modeles" / "actualite.md"
    model.parent.mkdir()
    model.write_text("Title: À COMPLÉTER\n\nUne phrase d’exemple du modèle.\n", encoding="utf-8")
    assert preview_build(content, tmp_path / "output").returncode == 0
    model.write_text(model.read_text(encoding="utf-8") + "\nDernière phrase des vœux.\n")
    result = preview_build(content, tmp_path / "output")
    assert result.returncode == 1
    assert any("2026-01-10-voeux.md:" in e and "modèle" in e for e in errors_of(result))


def test_the_files_a_save_changed_are_those_there_now():
    """Editors' editors save through a temporary file renamed over the text: the
    batch holds both, and the text may even come as deleted then added."""
    content = FIXTURES / "feeds"
    news = content / "actualites" / "2026-01-10-voeux.md"
    batch = {
        (Change.added, str(content / "actualites" / ".goutputstream-X2")),
        (Change.deleted, str(content / "actualites" / ".goutputstream-X2")),
        (Change.deleted, str(news)),
        (Change.added, str(news)),
        (Change.added, str(content / "pages" / "une-page.md.crswap")),
        (Change.deleted, str(content / "actualites" / "supprimee.md")),
        (Change.modified, str(ROOT / "content" / "pages" / "accueil.md")),  # another folder
    }
    assert saved_files(batch, content) == [str(news)]


def test_a_refused_file_is_refused_again_when_unchanged(tmp_path):
    content = copy_of("feeds", tmp_path)
    news = content / "actualites" / "2026-01-10-voeux.md"
    news.write_text(news.read_text(encoding="utf-8").replace("2026-01-10", "10/01/2026"))
    first = preview_build(content, tmp_path / "output")
    second = preview_build(content, tmp_path / "output")
    assert first.returncode == second.returncode == 1
    assert errors_of(first) == errors_of(second) != []


def test_the_first_pass_writes_the_open_pages_and_the_saved_ones_only(tmp_path):
    content = copy_of("feeds", tmp_path)
    output = tmp_path / "output"
    assert preview_build(content, output).returncode == 0
    before = {path: path.stat().st_ino for path in output.rglob("*") if path.is_file()}
    news = content / "actualites" / "2026-01-10-voeux.md"
    news.write_text(news.read_text(encoding="utf-8").replace("Dernière phrase", "Ultime phrase"))
    result = preview_build(
        content, output, "--pages", "une-page/index.html", "--changed", str(news)
    )
    assert result.returncode == 0, result.stderr
    changed = {path for path, inode in before.items() if path.stat().st_ino != inode}
    shown = output / "actualites" / "2026" / "bonne-annee" / "index.html"
    assert changed == {shown, output / "une-page" / "index.html"}
    assert "Ultime phrase" in shown.read_text(encoding="utf-8")
    first = {path: path.read_bytes() for path in changed}
    assert preview_build(content, output).returncode == 0  # the whole site, after
    assert {path: path.read_bytes() for path in changed} == first  # the tab needs no reload
    assert not list(tmp_path.glob(".output-*"))  # nothing half-built left behind


def test_a_stopped_build_leaves_the_last_site_whole_and_no_folder_behind(tmp_path):
    content = copy_of("feeds", tmp_path)
    output = tmp_path / "output"
    assert preview_build(content, output).returncode == 0
    files = sorted(p.relative_to(output) for p in output.rglob("*") if "pagefind" not in p.parts)
    for delay in (0.05, 0.15, 0.3, 0.8, 1.5):  # stopped starting, reading, writing, replacing
        process = subprocess.Popen(
            [sys.executable, "-m", "bimoc.build", "--preview", "--content", str(content)]
            + ["--output", str(output)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)
        left = sorted(p.relative_to(output) for p in output.rglob("*") if "pagefind" not in p.parts)
        assert left == files
        assert not list(tmp_path.glob(".output-*"))
