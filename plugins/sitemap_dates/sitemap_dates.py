"""Gives pelican-sitemap dates that come from the content, not from the build
time (which it uses for pages without a date and for listings), so that two
builds of one commit give the same sitemap. A page's date is its `Modified:`
metadata, else the date of the last commit that changed its file; listings and
anything undated get the newest of those dates."""

import datetime
import subprocess
from pathlib import Path

from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import Generator
from pelican.plugins.sitemap import sitemap as pelican_sitemap


def last_commit_dates(folder: Path) -> dict[Path, datetime.datetime]:
    """Each file under `folder` → the date of the last commit that changed it
    ({} outside a git repository)."""
    log = subprocess.run(
        [
            "git",
            "-C",
            str(folder),
            "-c",
            "core.quotepath=off",  # accented file names as they are, not quoted
            "log",
            "--relative",
            "--format=%x00%cI",
            "--name-only",
            "--",
            ".",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    dates: dict[Path, datetime.datetime] = {}
    date = None
    for line in log.stdout.splitlines() if log.returncode == 0 else []:
        if line.startswith("\0"):
            date = datetime.datetime.fromisoformat(line[1:])
        elif line and date:
            dates.setdefault((folder / line).resolve(), date)
    return dates


def content_dates(generators: list[Generator]) -> None:
    context = generators[0].context
    contents = [c for c in context["generated_content"].values() if isinstance(c, Article | Page)]
    committed = last_commit_dates(Path(generators[0].settings["PATH"]))
    dates = []
    for content in contents:
        # Pages only: an event's dates feed its calendar entry and must not move with git.
        if type(content) is Page and not hasattr(content, "modified"):
            date = committed.get(Path(content.source_path).resolve())
            if date:
                content.modified = date
        date = getattr(content, "modified", None) or getattr(content, "date", None)
        if date:
            dates.append(date)
    if dates:
        pelican_sitemap.generator.now = max(dates)


def register() -> None:
    signals.all_generators_finalized.connect(content_dates)
