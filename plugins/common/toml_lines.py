"""Where a key is written in a TOML file (tomllib gives values, not lines), so
that a problem with a value of content/site.toml or content/redirections.toml
names its line."""

import re
from pathlib import Path

# A table's header: `[contact]`, or an entry of an array of tables: `[[partners]]`.
HEADER = re.compile(r"""^\s*\[\[?\s*["']?([^\]"']+?)["']?\s*\]\]?""")


def key_pattern(key: str) -> re.Pattern:
    """`key = …` or its table's header `[key]`, quoted or not (a key with a
    space or any character a bare key cannot hold is always quoted: `"6 " =`
    is not the line of `6 =`)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        return re.compile(rf"""^\s*\[?\[?\s*(["']?){re.escape(key)}\1\s*[=\]]""")
    return re.compile(rf"""^\s*\[?\[?\s*(["']){re.escape(key)}\1\s*[=\]]""")


def toml_line(path: Path, key: str, table: str = "", index: int = 0) -> int | None:
    """The line where `key = …` (or the header `[key]`) is written in a TOML file;
    with `table`, inside that table (the `index`-th entry of an array of tables
    such as `[[partners]]`), or the line of that header when `key` is "". None
    when the file or the key is not there."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    start, end = 0, len(lines)
    if table:
        starts = [n for n, line in enumerate(lines) if (m := HEADER.match(line)) and m[1] == table]
        if index >= len(starts):
            return None
        if not key:
            return starts[index] + 1
        start = starts[index] + 1
        end = next((n for n in range(start, end) if HEADER.match(lines[n])), end)
    pattern = key_pattern(key)
    return next((n + 1 for n in range(start, end) if pattern.match(lines[n])), None)
