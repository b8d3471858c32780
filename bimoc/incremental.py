"""What makes the preview's builds answer fast (bimoc/serve.py runs them):
Pelican keeps what it read of each file, read again only when something it
depends on changed; a save's first pass writes only some pages; a build the
preview stops leaves no site half replaced."""

import contextlib
import datetime
import hashlib
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

from bimoc import ROOT

CACHED_CODE = ("pelicanconf.py", "publishconf.py", "plugins/**/*.py")
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CONTENT_CACHING_LAYER": "reader",  # what the reader made: every later step runs again
    "CHECK_MODIFIED_METHOD": "sha1",  # by content: a file copied back keeps its old date
    "GZIP_CACHE": False,
}


def cache_settings(overrides: dict, facts: Path) -> dict:
    """Settings for Pelican to keep what it read of each file, and read again
    only the files that changed (the preview's rebuilds). What the reader
    checked is kept with it: a file is read again when it changes; all are when
    anything else its checks depend on changes (the settings and the variables
    that set them but the preview's address, the day, site.toml, the models, the
    code), as the cache's folder is named after those. Checks between files
    (links, anchors, addresses) run on every build, cached files included."""
    content = Path(overrides.get("PATH", ROOT / "content")).resolve()
    folder = content.parent / ".cache"
    variables = sorted(
        (k, v) for k, v in os.environ.items() if k.startswith("BIMOC_") and k != "BIMOC_PREVIEW_URL"
    )
    fingerprint = hashlib.sha1(repr((sorted(overrides.items()), variables)).encode())
    fingerprint.update(datetime.date.today().isoformat().encode())
    # The models: the reader refuses their sample lines left in a text (leftovers.py).
    read = [facts, *sorted(content.glob("modeles/*.md"))]
    read += sorted(p for pattern in CACHED_CODE for p in ROOT.glob(pattern))
    for path in read:
        fingerprint.update(path.read_bytes() if path.is_file() else b"")
    # One cache per content folder: its others are out of date.
    place = hashlib.sha1(str(content).encode()).hexdigest()[:8]
    cache = folder / f"contenu-{place}-{fingerprint.hexdigest()[:16]}"
    for old in folder.glob(f"contenu-{place}-*"):
        if old != cache:
            shutil.rmtree(old, ignore_errors=True)
    return {**CACHE_SETTINGS, "CACHE_PATH": str(cache)}


@dataclass
class Selection:
    """The preview's first pass after a save: only the pages open in the browser
    (output files) and those of the files just saved are written (the syndication
    plugin's writer honours WRITE_ONLY); then a full build follows."""

    pages: set[str]
    changed: set[str]  # content files, absolute paths

    def __call__(self, generators: list) -> None:
        """Once all content is read: the output files of the changed files."""
        generated = generators[0].context["generated_content"].values()
        shown = {c.save_as for c in generated if c and c.source_path in self.changed}
        generators[0].settings["WRITE_ONLY"] |= {name for name in shown if name}


@contextlib.contextmanager
def uninterrupted():
    """A stop asked for (SIGTERM, from the preview) waits until the block is done:
    no site is ever left half replaced."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def move_selected(staging: Path, output: Path, selected: set[str]) -> None:
    """The preview's first pass: its pages into the served site, each replaced at
    once, with any file the site did not have yet (a photo's new sizes)."""
    for path in sorted(staging.rglob("*")):
        name = path.relative_to(staging).as_posix()
        target = output / name
        if path.is_file() and (name in selected or not target.exists()):
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
    shutil.rmtree(staging, ignore_errors=True)
