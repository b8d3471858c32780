"""Reads and checks the metadata header of a content file. Editors write it as
Pelican's `Key: value` lines or as YAML front matter between `---` lines, with
English or French keys (`Titre:`, `Catégorie:`, `Résumé:`); both give the same
metadata, and every mistake comes back with its line number."""

import datetime
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.utils import slugify

# Canonical key: the spellings editors may use (lowercase, without accents).
KEYS = {
    "title": {"title", "titre"},
    "date": {"date"},
    "modified": {"modified", "modifie", "mis_a_jour", "mise_a_jour"},
    "category": {"category", "categorie", "rubrique"},
    "slug": {"slug"},
    "summary": {"summary", "resume"},
    "status": {"status", "statut"},
    "template": {"template", "modele"},
    "save_as": {"save_as"},
    "url": {"url"},
    # Events (content/agenda/)
    "start": {"start", "debut"},
    "end": {"end", "fin"},
    "place": {"place", "lieu"},
    "address": {"address", "adresse"},
    "town": {"town", "ville", "commune"},
    "link": {"link", "lien"},
    "registration": {"registration", "inscription"},
    "report": {"report", "compte_rendu"},
    # Addresses a renamed or moved content had before: the .htaccess redirects them (301).
    "former_urls": {"former_urls", "anciennes_adresses", "ancienne_adresse"},
}
SPELLINGS = {spelling: key for key, spellings in KEYS.items() for spelling in spellings}
# Keys Pelican knows but this site never shows: silently ignored otherwise.
UNUSED = {"tags", "etiquettes", "tag", "author", "authors", "auteur", "auteurs", "lang", "langue"}
TYPES = {
    "article": {
        "required": ["title", "date", "category"],
        "optional": ["slug", "summary", "modified", "status", "former_urls"],
        "status": {"draft", "published"},
    },
    "page": {
        "required": ["title"],
        "optional": ["slug", "summary", "modified", "status", "template", "save_as", "url"]
        + ["former_urls"],
        "status": {"draft", "published", "hidden"},
    },
    "event": {
        "required": ["title", "start", "place"],
        "optional": ["end", "address", "town", "link", "registration", "report", "date"]
        + ["slug", "summary", "modified", "status", "former_urls"],
        "status": {"draft", "published"},
    },
}
STATUS_SPELLINGS = {"brouillon": "draft", "publie": "published", "cache": "hidden"}
EXAMPLES = {
    "title": "Le titre",
    "date": "2026-03-12",
    "category": "Actualités",
    "start": "2027-03-05 09:30",
    "place": "Médiathèque José-Cabanis",
}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
# A street number or a postal code: an address written where the place's name goes.
ADDRESS_IN_PLACE = re.compile(r"\b\d{5}\b|^\d+(?:\s?(?:bis|ter))?,?\s|,\s*\d+\s")
WEB_ADDRESS = re.compile(r"^https?://[^\s/]+\.[^\s]+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A path of this site, as a redirect can match it: no host, query, fragment, space or quote.
SITE_PATH = re.compile(r"^/[^\s?#\"'<>\\]*$")
FORMER_URL_EXAMPLE = "/actualites/2008/ancien-titre/"
META_LINE = re.compile(r"^(?P<key>[^\s:][^:]*?)\s*:\s?(?P<value>.*)$")
CONTINUATION = re.compile(r"^(?: {4,}|\t)(?P<value>.*)$")
YAML_FENCE = re.compile(r"^(?:---|\.\.\.)\s*$")


@dataclass
class Problem:
    line: int
    code: str
    details: dict = field(default_factory=dict)


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


def normalise(key: str) -> str:
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
    try:
        node = yaml.compose("\n".join(lines[1:end]))
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
        else:
            value = [getattr(item, "value", "") for item in getattr(value_node, "value", [])]
        entries.append(Entry(str(key_node.value), value, line))
    return Header(entries, body, [], body_line)


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
    lines = text.splitlines()
    if lines and YAML_FENCE.match(lines[0]) and lines[0].startswith("---"):
        return read_yaml_header(lines)
    return read_meta_header(lines)


def display(key: str) -> str:
    return key.capitalize()


def former_urls(value: str) -> list[str]:
    """'/a/, /b/' → ['/a/', '/b/']: `Former_urls:` lists paths separated by commas."""
    return [item.strip() for item in value.split(",") if item.strip()]


def path_suggestion(value: str) -> str:
    """The path of this site an editor probably meant ('https://host/a/?x=1' → '/a/')."""
    path = urlsplit(value).path if "://" in value else value.split("?")[0].split("#")[0]
    path = "/" + path.strip().lstrip("/")
    return path if path != "/" and SITE_PATH.match(path) else FORMER_URL_EXAMPLE


def clock_change_problem(moment: datetime.datetime, value: str, zone: ZoneInfo):
    """An event time the clock skips (spring) or shows twice (autumn) in the
    site's time zone: calendars would place it an hour off, or either way."""
    local = moment.replace(tzinfo=zone)
    if local.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None) != moment:
        return "skipped_time", {"value": value}
    if local.utcoffset() != local.replace(fold=1).utcoffset():
        return "repeated_time", {"value": value}
    return None


def check_value(key: str, value: str, kind: str, settings: dict) -> tuple[str, dict] | None:
    """(problem code, details) when the value of a known key is wrong."""
    if key in ("date", "modified", "start", "end"):
        if not DATE.match(value):
            return "bad_date", {"value": value}
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return "impossible_date", {"value": value}
        if not 1950 <= moment.year <= 2100:  # a typo such as 0206-12-07
            return "impossible_date", {"value": value}
        if key in ("start", "end") and len(value) > len("2027-03-05"):
            return clock_change_problem(moment, value, ZoneInfo(settings["TIMEZONE"]))
    elif key == "category":
        allowed = settings["SITE"]["categories"]
        if value not in allowed:
            return "bad_category", {"value": value, "allowed": ", ".join(allowed)}
    elif key == "slug" and not SLUG.match(value):
        suggestion = slugify(value, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
        return "bad_slug", {"value": value, "suggestion": suggestion}
    elif key == "status":
        allowed = TYPES[kind]["status"]
        if STATUS_SPELLINGS.get(normalise(value), value) not in allowed:
            return "bad_status", {"value": value, "allowed": ", ".join(sorted(allowed))}
    elif key == "place" and ADDRESS_IN_PLACE.search(value):
        return "place_format", {"value": value}
    elif key == "link" and not WEB_ADDRESS.match(value):
        return "bad_link", {"value": value}  # shown as a link: a web address only
    elif key == "registration" and ":" in value.split()[0] and not WEB_ADDRESS.match(value):
        return "bad_link", {"value": value}  # plain text, or a web address (no javascript:)
    elif key == "template":
        allowed = settings["PAGE_TEMPLATES"]
        if value not in allowed:
            return "bad_template", {"value": value, "allowed": ", ".join(allowed)}
    elif key == "former_urls":
        for path in former_urls(value):
            if not SITE_PATH.match(path):
                return "bad_former_url", {"value": path, "suggestion": path_suggestion(path)}
    return None


def check_header(header: Header, kind: str, settings: dict) -> tuple[dict, list[Problem]]:
    """The metadata as Pelican expects it ({canonical key: value}) and every problem."""
    allowed = TYPES[kind]["required"] + TYPES[kind]["optional"]
    problems = list(header.problems)
    if problems:  # an unreadable header: saying each key is missing would be noise
        return {}, problems
    metadata: dict[str, str] = {}
    seen: dict[str, int] = {}  # canonical key → line, also for keys guessed from a typo
    for entry in keys_in_body(header, allowed):
        problems.append(Problem(entry.line, "header_gap", {"text": f"{entry.key}: {entry.value}"}))
        seen.setdefault(SPELLINGS[normalise(entry.key)], entry.line)
    for entry in header.entries:
        spelling = normalise(entry.key)
        key = SPELLINGS.get(spelling)
        if spelling in UNUSED:
            problems.append(Problem(entry.line, "unused_key", {"key": entry.key}))
            continue
        if key not in allowed:
            close = difflib.get_close_matches(spelling, [*SPELLINGS, *allowed], n=1, cutoff=0.6)
            guess = SPELLINGS.get(close[0]) if close else None
            did_you_mean = ""
            if guess in allowed:
                did_you_mean = f"vouliez-vous écrire « {display(guess)}: » ? "
                seen.setdefault(guess, entry.line)
            known = ", ".join(display(k) for k in allowed)
            problems.append(
                Problem(
                    entry.line,
                    "unknown_key",
                    {"key": entry.key, "did_you_mean": did_you_mean, "known": known},
                )
            )
            continue
        if key in seen:
            problems.append(
                Problem(entry.line, "duplicate_key", {"key": entry.key, "other": seen[key]})
            )
            continue
        seen[key] = entry.line
        value = entry.value
        if isinstance(value, list) and key == "former_urls":  # a YAML list of addresses
            value = ", ".join(str(item) for item in value)
        if isinstance(value, list):
            problems.append(Problem(entry.line, "list_value", {"key": entry.key}))
            continue
        value = str(value).strip()
        if not value and key != "url":
            problems.append(Problem(entry.line, "empty_value", {"key": entry.key}))
            continue
        wrong = check_value(key, value, kind, settings)
        if wrong:
            problems.append(Problem(entry.line, wrong[0], wrong[1]))
            continue
        if key == "status":
            metadata[key] = STATUS_SPELLINGS.get(normalise(value), value)
        else:
            metadata[key] = former_urls(value) if key == "former_urls" else value
    for key in TYPES[kind]["required"]:
        if key not in seen:
            problems.append(
                Problem(1, "missing_key", {"key": display(key), "example": EXAMPLES[key]})
            )
    if "start" in metadata and "end" in metadata:
        problems += check_span(metadata["start"], metadata["end"], seen["end"])
    subs = settings["SLUG_REGEX_SUBSTITUTIONS"]
    if "title" in metadata and "slug" not in metadata and not slugify(metadata["title"], subs):
        problems.append(Problem(seen["title"], "empty_slug", {"value": metadata["title"]}))
    if (
        metadata.get("status") == "draft"
    ):  # a draft is previewed, never written where it would be published
        metadata.pop("save_as", None)
        metadata.pop("url", None)
    return metadata, problems


def keys_in_body(header: Header, allowed: list[str]) -> list[Entry]:
    """`Key: value` lines of known keys at the start of the body: metadata cut off
    from the header by a blank line (or a file starting with a blank line)."""
    found = []
    for number, line in enumerate(header.body.splitlines(), start=header.body_line):
        match = META_LINE.match(line)
        if not line.strip():
            if found:
                break
            continue
        if not match or SPELLINGS.get(normalise(match.group("key"))) not in allowed:
            break
        found.append(Entry(match.group("key"), match.group("value").strip(), number))
    return found


def check_span(start: str, end: str, line: int) -> list[Problem]:
    """An event ends after it starts, both with a time or both without."""
    if (len(start) > len("2027-03-05")) != (len(end) > len("2027-03-05")):
        return [Problem(line, "mixed_times", {"start": start, "end": end})]
    if datetime.datetime.fromisoformat(end) < datetime.datetime.fromisoformat(start):
        return [Problem(line, "end_before_start", {"start": start, "end": end})]
    return []
