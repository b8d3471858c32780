"""Checks of the main menu, the `[[menu]]` entries of content/site.toml. Before
anything is read (menu_problems): entries, each with a label and a page and
nothing else, a label that fits a phone's menu, no other site's address, no
entry twice, no more than fit on a line. Once all is read (check_menu_pages):
each page exists, is a page of pages/ and is published."""

import difflib
import posixpath
import unicodedata
from pathlib import Path

from plugins.common.allowed_html import SCHEME
from plugins.common.links import is_inside, is_markdown, site_path
from plugins.common.problems import report
from plugins.common.schema import Verdict
from plugins.common.site_facts import (
    MENU,
    MENU_KEYS,
    MENU_MAX_ENTRIES,
    MENU_MAX_LABEL,
    MENU_SECTIONS,
    SITE_FACTS_FILE,
    section_url,
)
from plugins.common.site_index import Site

from .site_facts_checks import FactProblem, fact_line, fact_problem

# Other names editors may give an entry's two keys (others: the closest spelling).
KEY_SPELLINGS = {
    **dict.fromkeys(("titre", "texte", "nom", "title", "name"), "label"),
    **dict.fromkeys(("url", "lien", "adresse", "fichier", "link", "href"), "page"),
}


def key_problems(entry: dict, index: int) -> list[FactProblem]:
    """Keys other than label and page; label or page missing, empty or no text."""
    problems = []
    for key in entry:
        if key in MENU_KEYS:
            continue
        close = difflib.get_close_matches(key.lower(), MENU_KEYS, n=1, cutoff=0.6)
        guess = KEY_SPELLINGS.get(key.lower()) or (close[0] if close else None)
        did_you_mean = f"vouliez-vous écrire « {guess} » ? " if guess not in (None, *entry) else ""
        details = {"key": key, "did_you_mean": did_you_mean}
        problems.append(FactProblem(key, "menu_unknown_key", details, MENU, index))
    for key, (kind, example) in MENU_KEYS.items():
        if entry.get(key, "") == "":  # on its line when written empty, else the entry's
            details = {"key": key, "example": example}
            where = key if key in entry else ""
            problems.append(FactProblem(where, "menu_entry_missing", details, MENU, index))
        elif problem := fact_problem(f"{MENU}.{key}", entry[key], kind, example):
            problems.append(FactProblem(key, *problem, MENU, index))
    return problems


def value_problems(entry: dict, index: int, pages: dict[str, str], labels: set) -> list:
    """A label too long or already taken; a page that is another site's, or
    already in the menu (`pages`: the entries so far, label by page; `labels`:
    their labels)."""
    label, page = entry["label"], entry["page"]
    problems = []
    if not any(character.isalnum() for character in label):  # blank, or spaces only
        problems.append(FactProblem("label", "menu_label_blank", {"value": label}, MENU, index))
    if len(label) > MENU_MAX_LABEL:
        details = {"value": label, "length": str(len(label)), "limit": str(MENU_MAX_LABEL)}
        problems.append(FactProblem("label", "menu_label_long", details, MENU, index))
    if SCHEME.match(page) or page.startswith(("//", "www.")):
        problems.append(FactProblem("page", "menu_external", {"value": page}, MENU, index))
    # One way to name a file (an address such as /moyens/ gets « vouliez-vous dire »).
    elif not page.startswith("/") and page != posixpath.normpath(page):
        details = {"value": page, "suggestion": posixpath.normpath(page)}
        problems.append(FactProblem("page", "menu_page_otherwise", details, MENU, index))
    elif page in pages:
        details = {"value": page, "other": pages[page]}
        problems.append(FactProblem("page", "menu_same_page", details, MENU, index))
    if label.casefold() in labels:
        problems.append(FactProblem("label", "menu_same_label", {"value": label}, MENU, index))
    pages.setdefault(page, label)
    labels.add(label.casefold())
    return problems


def menu_problems(facts: dict) -> list[FactProblem]:
    """Every problem of the menu that shows without reading the pages."""
    entries = facts.get(MENU, [])
    if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
        return [FactProblem(MENU, "menu_kind")]
    if not entries:
        return [FactProblem(MENU, "menu_none")]
    problems = []
    if len(entries) > MENU_MAX_ENTRIES:
        details = {"count": str(len(entries)), "limit": str(MENU_MAX_ENTRIES)}
        problems.append(FactProblem("", "menu_too_many", details, MENU, MENU_MAX_ENTRIES))
    pages: dict[str, str] = {}
    labels: set[str] = set()
    for index, entry in enumerate(entries):
        problems += key_problems(entry, index) or value_problems(entry, index, pages, labels)
    return problems


def plain(name: str) -> str:
    """'pages/Qui-Sommes-Nous.md' → 'qui-sommes-nous': a file's name as an editor may
    misremember it (its folder, extension, capitals or accents)."""
    name = name.strip("/").rsplit("/", 1)[-1]
    name = name.rsplit(".", 1)[0] if is_markdown(name) else name
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def did_you_mean(value: str, site: Site, pages: list[str]) -> str:
    """The page or part the editor likely meant: the one at that address, else
    the closest name (sections first, the home page's file comes after "accueil")."""
    by_address = {site_path(site.by_source[key].url): key for key in pages}
    by_address |= {site_path(section_url(name, site.settings)): name for name in MENU_SECTIONS}
    by_name = {plain(key): key for key in pages} | {name: name for name in MENU_SECTIONS}
    close = difflib.get_close_matches(plain(value), by_name, n=1, cutoff=0.8)
    guess = by_address.get(site_path(value)) or (by_name[close[0]] if close else None)
    return f"vouliez-vous dire « {guess} » ? " if guess else ""


def in_pages(key: str, settings: dict) -> bool:
    return any(key.startswith(folder.rstrip("/") + "/") for folder in settings["PAGE_PATHS"])


def page_problem(page: str, site: Site) -> Verdict:
    """Why a menu entry's `page` leads to no published page of the site."""
    if page in MENU_SECTIONS:
        return None
    content = site.by_source.get(page)
    if content is None:
        key = posixpath.normpath(page)
        if is_inside(key) and is_markdown(key) and site.is_file(key):
            if not in_pages(key, site.settings):  # a model, never read nor published
                return "menu_not_a_page", {"value": page}
            return None  # a page that could not be read: the reader said why
        pages = [
            key
            for key, other in site.by_source.items()
            if in_pages(key, site.settings) and other.status == "published"
        ]
        return "menu_page_missing", {"value": page, "did_you_mean": did_you_mean(page, site, pages)}
    if not in_pages(page, site.settings):
        return "menu_not_a_page", {"value": page}
    if content.status in ("draft", "hidden"):
        return f"menu_page_{content.status}", {"value": page}
    return None


def check_menu_pages(site: Site) -> None:
    """Each entry's page, once all is read (menu_problems has passed: the entries
    are well written)."""
    settings = site.settings
    site_toml = Path(settings["PATH"], SITE_FACTS_FILE)
    for index, entry in enumerate(settings.get("SITE", {}).get(MENU, [])):
        problem = page_problem(entry["page"], site)
        if problem:
            line = fact_line(site_toml, FactProblem("page", "", table=MENU, index=index))
            report(str(site_toml), settings, line, problem[0], **problem[1])
