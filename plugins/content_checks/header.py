"""Reads the metadata header of a content file. Editors write it as Pelican's
`Key: value` lines or as YAML front matter between `---` lines, with English or
French keys (`Titre:`, `Catégorie:`, `Résumé:`); both give the same entries,
each with its line number (checked in metadata.py)."""

import functools
import re
import unicodedata
from dataclasses import dataclass

from plugins.common.problems import Problem

META_LINE = re.compile(r"^(?P<key>[^\s:][^:]*?)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?: {4,}|\t)(?P<value>.*)$")
YAML_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")


@dataclass
class Entry:
    key: str  # as written
    value: object  # str, or a list for a YAML list
    line: int


@dataclass
class Header:
    entries: list[Entry]
    body: str
    problems: list[Problem]
    body_line: int = 1  # line of the file where the body starts


@functools.lru_cache(maxsize=1024)  # a few keys, spelt alike in thousands of files
def canonical_spelling(key: str) -> str:
    """'Catégorie' → 'categorie', 'Mis à jour' → 'mis_a_jour'."""
    ascii_key = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode()
    return re.sub(r"[\s-]+", "_", ascii_key.strip().lower())


def read_yaml_header(lines: list[str]) -> Header:
    import yaml  # here: only files with YAML front matter need it

    end = next((i for i, line in enumerate(lines[1:], start=1) if YAML_FENCE.match(line)), None)
    if end is None:
        return Header([], "", [Problem(1, "yaml_unclosed")])
    body = "\n".join(lines[end + 1 :])
    body_line = end + 2
    text = "\n".join(lines[1:end])
    try:
        refused = yaml_construct(yaml.parse(text))
        if refused:  # an alias can make a few bytes grow without limit ("billion laughs")
            return Header([], body, [refused], body_line)
        node = yaml.compose(text)
    except yaml.YAMLError as error:
        # Where the faulty value starts (an unclosed quote), else where YAML gave up.
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        return Header([], body, [Problem(mark.line + 2 if mark else 1, "yaml_syntax")], body_line)
    if node is None:
        return Header([], body, [], body_line)
    if not isinstance(node, yaml.MappingNode):
        return Header([], body, [Problem(2, "yaml_syntax")], body_line)
    entries = []
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2  # + the opening fence, 1-based
        if isinstance(value_node, yaml.ScalarNode):
            value = value_node.value  # as written, without the quotes
        elif isinstance(value_node, yaml.SequenceNode) and all(
            isinstance(item, yaml.ScalarNode) for item in value_node.value
        ):
            value = [item.value for item in value_node.value]
        else:
            key = str(key_node.value)
            return Header([], body, [Problem(line, "yaml_nested", {"key": key})], body_line)
        entries.append(Entry(str(key_node.value), value, line))
    return Header(entries, body, [], body_line)


def yaml_construct(events) -> Problem | None:
    """The first anchor, alias, tag or nesting deeper than a list of a YAML
    header: plain values only. Events are read one by one: nothing is built
    from an alias, and no recursion follows a thousand `[`."""
    import yaml

    depth, key = 0, ""
    for event in events:
        line = event.start_mark.line + 2
        if isinstance(event, yaml.AliasEvent):
            return Problem(line, "yaml_advanced", {"construct": "*"})
        if getattr(event, "anchor", None) is not None:
            return Problem(line, "yaml_advanced", {"construct": "&"})
        if getattr(event, "tag", None) is not None:  # only a written tag (!!python/…) has one
            return Problem(line, "yaml_advanced", {"construct": "!"})
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > 2:  # the header's mapping, then a list of values at most
                return Problem(line, "yaml_nested", {"key": key})
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.ScalarEvent) and depth == 1 and not key:
            key = event.value
        elif depth == 1:
            key = ""
    return None


def read_meta_header(lines: list[str]) -> Header:
    """Pelican's `Key: value` lines up to the first blank line (indented lines continue a value)."""
    entries: list[Entry] = []
    for number, line in enumerate(lines):
        continuation = CONTINUATION.match(line)
        if entries and continuation and line.strip():
            entries[-1].value = f"{entries[-1].value} {continuation.group('value').strip()}".strip()
            continue
        match = META_LINE.match(line)
        if not line.strip() or not match:
            body_start = number + 1 if not line.strip() else number
            return Header(entries, "\n".join(lines[body_start:]), [], body_start + 1)
        entries.append(Entry(match.group("key"), match.group("value").strip(), number + 1))
    return Header(entries, "", [], len(lines) + 1)


def read_header(text: str) -> Header:
    # Only \n (and \r\n) end a line: str.splitlines() would also cut at the
    # vertical tab and U+2028 that Word puts in a title, and publish the rest as text.
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if lines and YAML_FENCE.match(lines[0]) and lines[0].startswith("---"):
        return read_yaml_header(lines)
    return read_meta_header(lines)
