"""Checks of content/site.toml, the facts every page shows: each fact present
and of its kind (a text, a list of texts, a web or an e-mail address, the
partners' tables), every address one a visitor may safely follow (no
`javascript:`), the partners the theme names, categories that each give their
own address. Run before anything is read (content_checks.check_site_facts)."""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican.utils import slugify

from plugins.common.allowed_html import SCHEME, refused_scheme
from plugins.common.links import unsafe_character
from plugins.common.messages import character_name
from plugins.common.site_facts import (
    EMAIL,
    KEYS,
    PARTNER_KEYS,
    PARTNERS,
    TABLES,
    TEXTS,
    WEB,
    missing_facts,
)
from plugins.common.toml_lines import toml_line

from .metadata import invisible_character

WEB_SCHEMES = ("https", "http")
MAILTO = "mailto:"
# One address alone: name@domain.tld, no space, no second `@`, no `mailto:`.
# (nor ? # % &: `x@y.fr?bcc=z%40evil.example` would copy every message to another address)
NOT_IN_ADDRESS = r"@\s,;:<>()\[\]\"'?#%&"
DOMAIN_PART = rf"[^{NOT_IN_ADDRESS}.]+"
EMAIL_ADDRESS = re.compile(rf"^[^{NOT_IN_ADDRESS}]+@{DOMAIN_PART}(\.{DOMAIN_PART})+$")


@dataclass
class FactProblem:
    """A problem with a fact, and where it is written: `key` in `table` (its
    `index`-th entry for the partners); no key: the table's header."""

    key: str
    code: str
    details: dict = field(default_factory=dict)
    table: str = ""
    index: int = 0


def web_problem(value: str) -> tuple[str, dict] | None:
    """Why `value` is not the full address of a web page (https://host/…)."""
    character = unsafe_character(value)
    if character:
        return "site_fact_character", {"character": character_name(character)}
    scheme = SCHEME.match(value)
    if scheme and refused_scheme(value):  # javascript:, data:…
        return "site_fact_scheme", {"scheme": scheme[1]}
    parts = urlsplit(value)
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return "site_fact_web", {}
    return None


def email_problem(value: str) -> tuple[str, dict] | None:
    if value.lower().startswith(MAILTO):
        return "site_fact_mailto", {}
    character = unsafe_character(value)
    if character:
        return "site_fact_character", {"character": character_name(character)}
    return None if EMAIL_ADDRESS.match(value) else ("site_fact_email", {})


def text_problem(value: str | list) -> tuple[str, dict] | None:
    """Invisible characters (Word's line breaks, bidi overrides): as in metadata."""
    character = invisible_character(value)
    return ("site_fact_invisible", {"character": character_name(character)}) if character else None


def value_problem(value: object, kind: str) -> tuple[str, dict] | None:
    """Why a fact's value is not of its kind (an empty text is fine: not shown)."""
    if kind == TEXTS:
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return text_problem(value)
        return "site_fact_texts", {}
    if not isinstance(value, str):
        return "site_fact_text", {}
    if kind not in (WEB, EMAIL) and text_problem(value):  # addresses: their own message
        return text_problem(value)
    if value and kind == WEB:
        return web_problem(value)
    if value and kind == EMAIL:
        return email_problem(value)
    return None


def fact_problem(name: str, value: object, kind: str, example: str) -> tuple[str, dict] | None:
    problem = value_problem(value, kind)
    if problem:
        code, details = problem
        return code, {"key": name, "value": str(value), "example": example, **details}
    return None


def partner_problems(partners: object) -> list[FactProblem]:
    """The partners: tables, at least one (the theme names the first), each
    with its name, full name and web address."""
    if not isinstance(partners, list) or not all(isinstance(item, dict) for item in partners):
        return [FactProblem(PARTNERS, "site_partners_kind")]
    if not partners:
        return [FactProblem(PARTNERS, "site_partners_none")]
    problems = []
    for index, partner in enumerate(partners):
        for key, (kind, example) in PARTNER_KEYS.items():
            name = f"{PARTNERS}.{key}"
            if key not in partner:
                details = {"key": name, "example": example}
                problems.append(FactProblem("", "site_partner_missing", details, PARTNERS, index))
                continue
            problem = fact_problem(name, partner[key], kind, example)
            if not problem and partner[key] == "" and key != "full_name":
                problem = "site_fact_empty", {"key": name, "example": example}
            if problem:
                problems.append(FactProblem(key, *problem, PARTNERS, index))
    return problems


def category_slug(name: str, settings: dict) -> str:
    """The slug Pelican gives a category (pelican.urlwrappers.URLWrapper.slug)."""
    return slugify(
        name,
        regex_subs=settings.get(
            "CATEGORY_REGEX_SUBSTITUTIONS", settings.get("SLUG_REGEX_SUBSTITUTIONS", [])
        ),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def category_problems(categories: list[str], settings: dict) -> list[FactProblem]:
    """Each category gives an address, and not another one's (its page and feeds)."""
    problems: list[FactProblem] = []
    seen: dict[str, str] = {}  # slug: the first category giving it
    for name in categories:
        slug = category_slug(name, settings)
        if not slug:
            problems.append(FactProblem("categories", "category_without_slug", {"value": name}))
        elif slug in seen:
            url = "/" + settings.get("CATEGORY_URL", "{slug}/").format(slug=slug)
            details = {"value": name, "other": seen[slug], "url": url}
            problems.append(FactProblem("categories", "categories_same_slug", details))
        else:
            seen[slug] = name
    return problems


def site_fact_problems(facts: dict, settings: dict) -> list[FactProblem]:
    """Every problem of the site facts, in the order of the schema."""
    problems = [
        FactProblem(table, "site_fact_table", {"key": table})
        for table in TABLES
        if table in facts and not isinstance(facts[table], dict)
    ]
    for name in missing_facts(facts):
        table = name.rpartition(".")[0]
        details = {"key": name, "example": KEYS[name][1]}
        problems.append(FactProblem("", "site_fact_missing", details, table))
    for name, (kind, example) in KEYS.items():
        table, _, key = name.rpartition(".")
        values = facts.get(table) if table else facts
        if not isinstance(values, dict) or key not in values:
            continue
        if kind == PARTNERS:
            problems += partner_problems(values[key])
        elif problem := fact_problem(name, values[key], kind, example):
            problems.append(FactProblem(key, *problem, table=table))
        elif name == "categories":
            problems += category_problems(values[key], settings)
    return problems


def fact_line(path: Path, problem: FactProblem) -> int | None:
    """The line of site.toml a problem is about: its key, else its table's
    header, else the table written as one value (`partners = [...]`)."""
    places = [(problem.key, problem.table, problem.index)] if problem.key else []
    if problem.table:
        places += [("", problem.table, problem.index), (problem.table, "", 0)]
    return next(filter(None, (toml_line(path, *place) for place in places)), None)
