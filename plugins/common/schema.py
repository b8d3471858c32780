"""The content schema, as data: the metadata keys editors may write (English or
French spellings), which are required for each kind of content, the statuses
each kind accepts, and an example for each required key. The content checks
read it, and so does anything that must agree with them (the guide, an editing
interface). The plugin that owns a key adds how to check its value
(`add_value_check`) and checks across keys (`add_header_check`)."""

import os
from collections.abc import Callable
from typing import Any

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
    # Events (content/agenda/, the agenda plugin)
    "start": {"start", "debut"},
    "end": {"end", "fin"},
    "place": {"place", "lieu"},
    "address": {"address", "adresse"},
    "town": {"town", "ville", "commune"},
    "link": {"link", "lien"},
    "registration": {"registration", "inscription"},
    "report": {"report", "compte_rendu"},
    # Addresses a renamed or moved content had before (the htaccess plugin redirects them).
    "former_urls": {"former_urls", "anciennes_adresses", "ancienne_adresse"},
}
SPELLINGS = {spelling: key for key, spellings in KEYS.items() for spelling in spellings}
# Keys Pelican knows but this site never shows: reported, not silently ignored.
UNUSED = {"tags", "etiquettes", "tag", "author", "authors", "auteur", "auteurs", "lang", "langue"}
COMMON_OPTIONAL = ["slug", "summary", "modified", "status", "former_urls"]
# Kind of content → its name for editors, its folder setting, required and
# optional keys, statuses.
TYPES: dict[str, dict[str, Any]] = {
    "article": {
        "name": "actualité",
        "folders": "ARTICLE_PATHS",
        "required": ["title", "date", "category"],
        "optional": COMMON_OPTIONAL,
        "status": {"draft", "published"},
    },
    "page": {
        "name": "page",
        "folders": "PAGE_PATHS",
        "required": ["title"],
        "optional": [*COMMON_OPTIONAL, "template", "save_as", "url"],
        "status": {"draft", "published", "hidden"},
    },
    "event": {
        "name": "rendez-vous",
        "folders": "EVENT_PATHS",
        "required": ["title", "start", "place"],
        "optional": [
            *["end", "address", "town", "link", "registration", "report", "date"],
            *COMMON_OPTIONAL,
        ],
        # Cancelled or postponed: still listed, with their state, and said so to calendars.
        "status": {"draft", "published", "cancelled", "postponed"},
    },
}
STATUS_SPELLINGS = {
    **{"brouillon": "draft", "publie": "published", "cache": "hidden"},
    **{"annule": "cancelled", "canceled": "cancelled", "reporte": "postponed"},
    # « réunion annulée », « journée reportée »: editors agree with the event's noun.
    **{"publiee": "published", "cachee": "hidden", "annulee": "cancelled", "reportee": "postponed"},
}
# Statuses as the guide teaches them, in messages.
FRENCH_STATUSES = {
    "published": "publié",
    "draft": "brouillon",
    "hidden": "caché",
    "cancelled": "annulé",
    "postponed": "reporté",
}
EXAMPLES = {
    "title": "Le titre",
    "date": "2026-03-12",
    "category": "Actualités",
    "start": "2027-03-05 09:30",
    "place": "Médiathèque José-Cabanis",
}

# (problem code, details), or None when the value is right.
Verdict = tuple[str, dict] | None
ValueCheck = Callable[[str, str, dict], Verdict]  # (key, value, settings)
# (metadata, line of each key) → [(line, code, details)]
HeaderCheck = Callable[[dict, dict], list[tuple[int, str, dict]]]

VALUE_CHECKS: dict[str, ValueCheck] = {}
# Output folders a plugin fills (the search index): no page may be written there.
RESERVED_FOLDERS: dict[str, str] = {}
HEADER_CHECKS: dict[str, list[HeaderCheck]] = {}


def add_value_check(keys: tuple[str, ...], check: ValueCheck) -> None:
    for key in keys:
        VALUE_CHECKS[key] = check


def add_header_check(kind: str, check: HeaderCheck) -> None:
    if check not in HEADER_CHECKS.setdefault(kind, []):
        HEADER_CHECKS[kind].append(check)


def reserve_folder(folder: str, owner: str) -> None:
    """`owner`: what fills it, in French, as in « réservé {owner} »."""
    RESERVED_FOLDERS[folder] = owner


def kind_of(path: str, settings: dict) -> str:
    """'article', 'event' or 'page', from the folder the file is in."""
    folder = os.path.relpath(path, settings["PATH"]).split(os.sep)[0]
    for kind, schema in TYPES.items():
        if folder in settings.get(schema["folders"], []):
            return kind
    return "page"
