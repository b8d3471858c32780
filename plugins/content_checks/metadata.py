"""Checks the metadata header of a content file against the content schema
(plugins/common/schema.py): known keys only, each once, with a value of the
right form; the required keys of its kind. Values whose checks belong to
another plugin (an event's place, a former address) are checked by the check
that plugin added to the schema. Every mistake comes with its line."""

import datetime
import difflib
import re

from pelican.utils import slugify

from plugins.common.links import path_problem
from plugins.common.messages import character_name
from plugins.common.problems import Problem
from plugins.common.schema import (
    EXAMPLES,
    FRENCH_STATUSES,
    HEADER_CHECKS,
    RESERVED_FOLDERS,
    SPELLINGS,
    STATUS_SPELLINGS,
    TYPES,
    UNUSED,
    VALUE_CHECKS,
    Verdict,
)

from .header import META_LINE, Entry, Header, canonical_spelling

DATE_KEYS = ("date", "modified", "start", "end")
KIND_NAMES = {"article": "une actualité", "event": "un rendez-vous", "page": "une page"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A tag, a closing tag or a comment: « <3 » and « a < b » stay text.
MARKUP = re.compile(r"<[A-Za-z/!?][^\s>]{0,10}")
MAX_SLUG = 80
MAX_SAVE_AS = 150  # a whole address stays readable, and far from file systems' 255-byte names
# Where a page may be written: lowercase names, no hidden file, always a page (.html).
SAVE_AS = re.compile(r"^(?:[a-z0-9][a-z0-9_-]*/)*[a-z0-9][a-z0-9_.-]*\.html$")
# Controls (NUL, line breaks, Word's vertical tab: Unicode's category Cc, all of
# U+0000–U+001F and U+007F–U+009F), the line and paragraph separators (Zl, Zp)
# and the bidi overrides that reverse text: never meant in a value (a tab aside).
# One compiled search per value, not a Python test per character.
NOT_IN_XML = r"\ufffe\uffff"  # allowed in Python strings, never in XML 1.0 (feeds, calendars)
BIDI_CONTROLS = r"\u202a-\u202e\u2066-\u2069"
INVISIBLE = re.compile(rf"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{NOT_IN_XML}{BIDI_CONTROLS}]")
# In a body, the controls but line feed, tab and carriage return, and what XML
# cannot hold: no feed could carry the text.
NOT_IN_BODY = re.compile(rf"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{NOT_IN_XML}]")


def display(key: str) -> str:
    return key.capitalize()


def status_of(value: str) -> str:
    """'brouillon' → 'draft': the canonical status an editor means."""
    return STATUS_SPELLINGS.get(canonical_spelling(value), value)


def date_problem(value: str) -> Verdict:
    if not DATE.match(value):
        return "bad_date", {"value": value}
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        return "impossible_date", {"value": value}
    if not 1950 <= moment.year <= 2100:  # a typo such as 0206-12-07
        return "impossible_date", {"value": value}
    return None


# Bold, italics, a link or code written in Markdown: a summary is shown as
# plain text (lists, search engines), the marks would show as they are.
SUMMARY_MARKDOWN = re.compile(r"\*\*|__|\[[^\]]*\]\([^)]*\)|`|(^|\s)\*\S")


def allowed_value(value: str, allowed: list[str], code: str, written: str = "") -> Verdict:
    if value in allowed:
        return None
    return code, {"value": written or value, "allowed": ", ".join(allowed)}


def generic_problem(key: str, value: str, kind: str, settings: dict) -> Verdict:
    """What this plugin knows of a value: dates, category, slug, status, template."""
    if key in DATE_KEYS:
        return date_problem(value)
    if key == "category":
        return allowed_value(value, settings["SITE"]["categories"], "bad_category")
    if key == "slug" and not SLUG.match(value):
        suggestion = slugify(value, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
        return "bad_slug", {"value": value, "suggestion": suggestion}
    if key == "summary" and SUMMARY_MARKDOWN.search(value):
        return "summary_markdown", {"value": value}
    if key == "status":
        statuses = sorted(TYPES[kind]["status"])
        if status_of(value) in statuses:
            return None
        french = sorted(FRENCH_STATUSES[status] for status in statuses)
        return "bad_status", {"value": value, "allowed": ", ".join(french)}
    if key == "template":
        return allowed_value(value, settings["PAGE_TEMPLATES"], "bad_template")
    if key in ("save_as", "url"):
        return path_problem(value) or (
            save_as_problem(value, settings) if key == "save_as" else None
        )
    return None


def reserved_folders(settings: dict) -> dict[str, str]:
    """First folders of the output that contents of another kind, listings,
    feeds, the theme or the search index fill: no page may write there."""
    owners = {
        settings["INDEX_SAVE_AS"]: "aux actualités",
        settings["ARTICLE_SAVE_AS"]: "aux actualités",
        settings.get("EVENT_SAVE_AS", ""): "à l’agenda",
        settings.get("AGENDA_SAVE_AS", ""): "à l’agenda",
        settings["FEED_ALL_ATOM"] or "": "aux flux d’actualités",
        settings["THEME_STATIC_DIR"] + "/": "au thème",
        settings["DRAFT_PAGE_URL"]: "aux brouillons",
        **{folder + "/": "aux images et documents" for folder in settings["STATIC_PATHS"]},
        **{folder + "/": owner for folder, owner in RESERVED_FOLDERS.items()},
    }
    return {path.split("/")[0]: owner for path, owner in owners.items() if "/" in path}


def save_as_problem(value: str, settings: dict) -> Verdict:
    example = "ma-page/index.html"
    if not SAVE_AS.match(value) or len(value) > MAX_SAVE_AS:
        return "bad_save_as", {"value": value, "example": example}
    folder = value.split("/")[0]
    owner = reserved_folders(settings).get(folder) if "/" in value else None
    if owner:
        return "reserved_save_as", {
            "value": value,
            "folder": folder,
            "owner": owner,
            "example": example,
        }
    return None


def check_value(key: str, value: str, kind: str, settings: dict) -> Verdict:
    """(problem code, details) when the value of a known key is wrong."""
    problem = generic_problem(key, value, kind, settings)
    if problem is None and key in VALUE_CHECKS:  # the check of the plugin that owns the key
        problem = VALUE_CHECKS[key](key, value, settings)
    return problem


def unknown_key(entry: Entry, spelling: str, allowed: list[str], seen: dict) -> Problem:
    close = difflib.get_close_matches(spelling, [*SPELLINGS, *allowed], n=1, cutoff=0.6)
    guess = SPELLINGS.get(close[0]) if close else None
    did_you_mean = ""
    if guess in allowed:
        did_you_mean = f"vouliez-vous écrire « {display(guess)}: » ? "
        seen.setdefault(guess, entry.line)
    known = ", ".join(display(k) for k in allowed)
    details = {"key": entry.key, "did_you_mean": did_you_mean, "known": known}
    return Problem(entry.line, "unknown_key", details)


def invisible_character(value: object) -> str | None:
    """The first control character (a tab aside) or line separator in a value."""
    for text in value if isinstance(value, list) else [value]:
        found = INVISIBLE.search(str(text))
        if found:
            return found.group()
    return None


def entry_value(entry: Entry, key: str) -> tuple[str | None, Problem | None]:
    """The entry's value as text, or the problem of its form (a list, nothing)."""
    value = entry.value
    invisible = invisible_character(value)
    if invisible:
        details = {"key": entry.key, "character": character_name(invisible)}
        return None, Problem(entry.line, "control_character", details)
    markup = MARKUP.search(str(value))
    if markup:  # never meant; calendars and feed readers would render it
        details = {"key": entry.key, "markup": markup.group(0)}
        return None, Problem(entry.line, "markup_in_value", details)
    if isinstance(value, list) and key == "former_urls":  # a YAML list of addresses
        value = ", ".join(str(item) for item in value)
    if isinstance(value, list):
        return None, Problem(entry.line, "list_value", {"key": entry.key})
    value = str(value).strip()
    if not value and key != "url":
        return None, Problem(entry.line, "empty_value", {"key": entry.key})
    return value, None


class HeaderCheck:
    """One file's header, checked entry by entry."""

    def __init__(self, header: Header, kind: str, settings: dict) -> None:
        self.header, self.kind, self.settings = header, kind, settings
        self.allowed = TYPES[kind]["required"] + TYPES[kind]["optional"]
        self.metadata: dict[str, str] = {}
        self.seen: dict[str, int] = {}  # canonical key → line, also for keys guessed from a typo
        self.problems: list[Problem] = []
        self.misplaced: dict[str, str] = {}  # the kind and folder its keys belong to, if another

    def kind_of_key(self, key: str) -> dict[str, str]:
        """The kind of content `key` says the file is, when it says so (`Date:` and
        `Category:` make a news item, `Start:` and `Place:` an event)."""
        for kind, schema in TYPES.items():
            if kind != self.kind and key in schema["required"] and key != "title":
                folders = self.settings.get(schema["folders"]) or [""]
                return {"key": display(key), "kind": KIND_NAMES[kind], "folder": folders[0]}
        return {}

    def entry(self, entry: Entry) -> None:
        spelling = canonical_spelling(entry.key)
        key = SPELLINGS.get(spelling)
        if spelling in UNUSED:
            self.problems.append(Problem(entry.line, "unused_key", {"key": entry.key}))
        elif key is not None and key not in self.allowed and self.kind_of_key(key):
            if not self.misplaced:  # said once: the whole file is in the wrong folder
                self.misplaced = self.kind_of_key(key)
                self.problems.append(Problem(entry.line, "wrong_folder", self.misplaced))
        elif key is None or key not in self.allowed:
            self.problems.append(unknown_key(entry, spelling, self.allowed, self.seen))
        elif key in self.seen:
            details = {"key": entry.key, "other": self.seen[key]}
            self.problems.append(Problem(entry.line, "duplicate_key", details))
        else:
            self.seen[key] = entry.line
            value, problem = entry_value(entry, key)
            wrong = problem or self.wrong_value(key, value or "", entry.line)
            if wrong or value is None:
                self.problems += [wrong] if wrong else []
            else:
                self.metadata[key] = status_of(value) if key == "status" else value

    def wrong_value(self, key: str, value: str, line: int) -> Problem | None:
        verdict = check_value(key, value, self.kind, self.settings)
        return Problem(line, verdict[0], verdict[1]) if verdict else None

    def whole(self) -> None:
        """What concerns the header as a whole: required keys, checks across keys."""
        for key in TYPES[self.kind]["required"]:
            if key not in self.seen and not self.misplaced:  # moved, it will have them
                details = {"key": display(key), "example": EXAMPLES[key]}
                self.problems.append(Problem(1, "missing_key", details))
        for check in HEADER_CHECKS.get(self.kind, []):
            self.problems += [Problem(*found) for found in check(self.metadata, self.seen)]
        self.slug()
        self.address()
        if self.metadata.get("status") == "draft":  # previewed, never written where published
            self.metadata.pop("save_as", None)
            self.metadata.pop("url", None)

    def slug(self) -> None:
        """The address a title gives, when no `Slug:` is written: never empty, never endless."""
        subs = self.settings["SLUG_REGEX_SUBSTITUTIONS"]
        title = self.metadata.get("title")
        if not title:
            return
        slug = self.metadata.get("slug") or slugify(title, regex_subs=subs)
        owner = reserved_folders(self.settings).get(slug) if self.kind == "page" else None
        # (/actualites/ and /agenda/ are the lists' own addresses: check_addresses says so)
        listings = {self.settings[n].split("/")[0] for n in ("INDEX_SAVE_AS", "AGENDA_SAVE_AS")}
        if owner and slug not in listings and "save_as" not in self.metadata:
            line = self.seen.get("slug", self.seen["title"])
            details = {"value": slug, "owner": owner, "example": f"page-{slug}"}
            self.problems.append(Problem(line, "reserved_slug", details))
        if "slug" in self.metadata:
            return
        if not slug:
            self.problems.append(Problem(self.seen["title"], "empty_slug", {"value": title}))
        elif len(slug) > MAX_SLUG:
            suggestion = slug[:60].rsplit("-", 1)[0]
            details = {"length": str(len(slug)), "suggestion": suggestion}
            self.problems.append(Problem(self.seen["title"], "long_slug", details))

    def address(self) -> None:
        """`Url:` says where `Save_as:` writes the page: the two go together."""
        if "url" not in self.metadata:
            return
        url, save_as = self.metadata["url"], self.metadata.get("save_as")
        if save_as is None:
            self.problems.append(Problem(self.seen["url"], "url_alone"))
        elif url not in (save_as, save_as.removesuffix("index.html")):
            details = {
                "value": url,
                "save_as": save_as,
                "expected": save_as.removesuffix("index.html"),
            }
            self.problems.append(Problem(self.seen["url"], "url_mismatch", details))


def check_header(header: Header, kind: str, settings: dict) -> tuple[dict, list[Problem]]:
    """The metadata as Pelican expects it ({canonical key: value}) and every problem."""
    if header.problems:  # an unreadable header: saying each key is missing would be noise
        return {}, list(header.problems)
    check = HeaderCheck(header, kind, settings)
    for entry in keys_in_body(header, check.allowed):
        text = f"{entry.key}: {entry.value}"
        check.problems.append(Problem(entry.line, "header_gap", {"text": text}))
        check.seen.setdefault(SPELLINGS[canonical_spelling(entry.key)], entry.line)
    for entry in header.entries:
        check.entry(entry)
    check.whole()
    return check.metadata, check.problems


def keys_in_body(header: Header, allowed: list[str]) -> list[Entry]:
    """`Key: value` lines of known keys at the start of the body: metadata cut off
    from the header by a blank line (or a file starting with a blank line)."""
    found: list[Entry] = []
    for number, line in enumerate(header.body.split("\n"), start=header.body_line):
        match = META_LINE.match(line)
        if not line.strip():
            if found:
                break
            continue
        if not match or SPELLINGS.get(canonical_spelling(match.group("key"))) not in allowed:
            break
        found.append(Entry(match.group("key"), match.group("value").strip(), number))
    return found
