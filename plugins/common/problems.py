"""The one way a plugin reports a problem an editor can fix: `report()` logs it
in French as `fichier:ligne : problème — correction` (messages.py), marked as
an editor's problem, so that the build runner shows it as it is, and counts it
for the build, so that a plugin can stop the build before pages are written
from broken content (`reported()`)."""

import functools
import logging
import os
import re
from dataclasses import dataclass, field

from plugins.common.messages import format_message

logger = logging.getLogger(__name__)
# The log record attribute that marks an editor's problem (see is_editor_problem).
EDITOR_PROBLEM = "editor_problem"
# Where a build keeps its count: its settings dict lives exactly as long as the build.
COUNT = "CONTENT_PROBLEMS_REPORTED"
# Shown as � in a file's path: a line break or a tab in a file name would break
# the `fichier:ligne : problème` line, a name's undecodable bytes its printing.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass
class Problem:
    line: int | None
    code: str
    details: dict = field(default_factory=dict)


class ContentError(Exception):
    """Raised once a file's problems are reported: Pelican skips the file (or
    stops), and the build runner does not report Pelican's note about it."""

    already_reported = True


def location(path: str, settings: dict, line: int | None = None) -> str:
    """'content/actualites/x.md:4': the path as the editor sees it, from the project."""
    relative = os.path.relpath(path, os.path.dirname(os.path.abspath(settings["PATH"])))
    relative = UNPRINTABLE.sub("\ufffd", relative)
    return f"{relative}:{line}" if line else relative


def report(path: str, settings: dict, line: int | None, code: str, **details: str) -> None:
    settings[COUNT] = settings.get(COUNT, 0) + 1
    message = format_message(location(path, settings, line), code, **details)
    logger.error(message, extra={EDITOR_PROBLEM: True})


def report_all(path: str, settings: dict, problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda problem: problem.line or 0):
        report(path, settings, problem.line, problem.code, **problem.details)


def reported(settings: dict) -> int:
    """How many problems this build has reported so far."""
    return settings.get(COUNT, 0)


def is_editor_problem(record: logging.LogRecord) -> bool:
    return getattr(record, EDITOR_PROBLEM, False)


class LineFinder:
    """Line numbers of things in a source file: the n-th search for the same
    text gives the line of its n-th occurrence (case-insensitive)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.found: dict[str, int] = {}

    @functools.cached_property
    def lines(self) -> list[str]:  # read only when a problem needs its line
        with open(self.path, encoding="utf-8-sig", errors="replace") as source:
            return [line.lower() for line in source]

    def line(self, needle: str) -> int | None:
        needle = needle.lower()
        start = self.found.get(needle, 0)
        for number in range(start, len(self.lines)):
            if needle in self.lines[number]:
                self.found[needle] = number + 1
                return number + 1
        return None


def line_of(path: str, needle: str) -> int | None:
    return LineFinder(path).line(needle)
