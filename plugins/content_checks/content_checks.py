"""Checks on what editors write. Each problem is logged as an error in French,
`fichier:ligne : problème — correction`; the build runner collects them all and
fails the build."""

import logging
import os
import re

from pelican import signals
from pelican.contents import Article, Content

logger = logging.getLogger(__name__)


def line_of(path: str, key: str) -> int:
    """Line number of a `Key:` metadata line in a source file (1 if absent)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:", re.IGNORECASE)
    with open(path, encoding="utf-8-sig") as source:
        for number, line in enumerate(source, start=1):
            if pattern.match(line):
                return number
    return 1


def report(content: Content, key: str, problem: str, fix: str) -> None:
    where = os.path.relpath(content.source_path, os.path.dirname(content.settings["PATH"]))
    logger.error("%s:%d : %s — %s", where, line_of(content.source_path, key), problem, fix)


def check_category(content: Content) -> None:
    """News use one of the site's fixed categories (content/site.toml)."""
    if not isinstance(content, Article):
        return
    allowed = content.settings["SITE"]["categories"]
    if content.category.name not in allowed:
        report(
            content,
            "Category",
            f"rubrique « {content.category.name} » inconnue",
            f"écrivez l’une des rubriques : {', '.join(allowed)}",
        )


def register() -> None:
    signals.content_object_init.connect(check_category)
