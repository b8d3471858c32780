"""The schema of content/site.toml, the site facts editors may change without
touching Python: the keys the templates read (the checks report a missing one),
the ones the law requires before publishing, and which are still empty (the
build summary names them), and the menu. One home, used by the checks, the
build, the navigation and publishing."""

from pathlib import Path

SITE_FACTS_FILE = "site.toml"  # in content/

# Kinds of facts: a text, a list of texts, a web address (https://…), an e-mail
# address written alone (the templates add `mailto:`), the partners' tables.
TEXT, TEXTS, WEB, EMAIL, PARTNERS = "text", "texts", "web", "email", "partners"
# What the templates read, dotted for tables: its kind and an example of a
# right value, as the messages show it. Every key must be present (even empty).
KEYS = {
    "name": (TEXT, 'name = "BIMOC"'),
    "full_name": (TEXT, 'full_name = "Bibliothécaires musicaux d’Occitanie"'),
    "founding_year": (TEXT, 'founding_year = "2005"'),
    "members": (TEXTS, 'members = ["Médiathèque José-Cabanis (Toulouse)"]'),
    "categories": (TEXTS, 'categories = ["Actualités", "Comptes rendus", "Formations"]'),
    "accessibility_status": (TEXT, 'accessibility_status = "non conforme"'),
    "contact.name": (TEXT, 'name = "Montserrat Sanchez"'),
    "contact.role": (TEXT, 'role = "chargée de mission"'),
    "contact.organisation": (TEXT, 'organisation = "Occitanie Livre & Lecture"'),
    "contact.email": (EMAIL, 'email = "montserrat.sanchez@occitanielivre.fr"'),
    "contact.phone": (TEXT, 'phone = "05 34 44 50 28"'),
    "contact.website": (WEB, 'website = "https://www.occitanielivre.fr"'),
    "social.facebook": (WEB, 'facebook = "https://www.facebook.com/bimoc"'),
    "social.twitter": (WEB, 'twitter = "https://twitter.com/bimoc"'),
    "social.mailing_list": (EMAIL, 'mailing_list = "liste@exemple.fr"'),
    "legal.publisher": (TEXT, 'publisher = "BIMOC (Bibliothécaires musicaux d’Occitanie)"'),
    "legal.publication_director": (TEXT, 'publication_director = "Prénom Nom, fonction"'),
    "legal.host_name": (TEXT, 'host_name = "ACIM"'),
    "legal.host_address": (TEXT, 'host_address = "1 rue Exemple, 31000 Toulouse"'),
    "legal.host_phone": (TEXT, 'host_phone = "05 00 00 00 00"'),
    "partners": (PARTNERS, '[[partners]] puis name = "ACIM"'),
}
# The tables of site.toml, [contact] and so on (partners: an array of tables).
TABLES = sorted({name.partition(".")[0] for name in KEYS if "." in name})
# Each partner's keys. The first partner is the association the group belongs to
# (the footer and the structured data name it): its place, not its name, says so.
PARTNER_KEYS = {
    "name": (TEXT, 'name = "ACIM"'),
    "full_name": (TEXT, 'full_name = "Association pour la coopération des professionnels…"'),
    "url": (WEB, 'url = "https://acim.asso.fr"'),
}
# The main menu: `[[menu]]` entries, in order, each a link's text and the page it
# leads to, named by its file (its address is the page's own: renaming a slug cannot
# break the menu) or as one of the parts the site builds itself. Checked apart from
# the other facts (content_checks/menu_checks.py): its pages exist once all is read.
MENU = "menu"
MENU_KEYS = {
    "label": (TEXT, 'label = "Actions"'),
    "page": (TEXT, 'page = "pages/actions.md"'),
}
# Those parts, and the setting that gives their address ("": the site's root).
MENU_SECTIONS = {"accueil": "", "actualites": "INDEX_URL", "agenda": "AGENDA_URL"}
# Measured in Chromium: a label of 30 characters takes at most two lines in the phone
# menu's cells (two columns at 360-390 px, one at 320); 32 take three. Six entries at
# most (issue 15): a visitor takes them in at a glance, and the phone's header stays short.
MENU_MAX_LABEL = 30
MENU_MAX_ENTRIES = 6
# legal.* keys the law (LCEN) requires on a published site, and what they are.
LEGAL_FACTS = {
    "publication_director": "le nom du directeur ou de la directrice de la publication",
    "host_address": "l’adresse postale de l’hébergeur",
    "host_phone": "le téléphone de l’hébergeur",
}


def facts_settings(facts: dict) -> dict:
    """The settings pelicanconf.py takes from content/site.toml, for a content
    folder with its own site.toml (bimoc/build.py: tests, `--content`)."""
    return {
        "SITE": facts,
        "SITENAME": facts.get("name", "BIMOC"),
        "SITESUBTITLE": facts.get("full_name", ""),
    }


def section_url(name: str, settings: dict) -> str:
    """The address of a part of the site the menu may name (MENU_SECTIONS)."""
    setting = MENU_SECTIONS[name]
    return settings[setting] if setting else ""


def borrowed_facts(facts: dict, content: Path) -> dict:
    """content/site.toml's facts for a content folder with no site.toml of its own
    (a test's small site): of the menu, the parts the site builds itself and the
    pages that folder has (the real site's other pages would be reported missing)."""
    entries = facts.get(MENU)
    if not isinstance(entries, list):  # the checks say what is wrong
        return facts
    return {**facts, MENU: [entry for entry in entries if has_page(entry, content)]}


def has_page(entry: object, content: Path) -> bool:
    """False for a menu entry naming a page file that `content` lacks (an entry
    written wrong is kept: the checks say what is wrong with it)."""
    page = entry.get("page") if isinstance(entry, dict) else None
    return not isinstance(page, str) or page in MENU_SECTIONS or (content / page).is_file()


def missing_facts(facts: dict) -> list[str]:
    """Dotted names of the keys absent from the facts."""
    missing = []
    for name in KEYS:
        table, _, key = name.rpartition(".")
        values = facts.get(table, {}) if table else facts
        if isinstance(values, dict) and key not in values:  # not a table: a wrong kind
            missing.append(name)
    return missing


def empty_facts(facts: dict, prefix: str = "") -> list[str]:
    """Dotted names of the facts still empty ('social.facebook', ...)."""
    names = []
    for key, value in facts.items():
        if isinstance(value, dict):
            names += empty_facts(value, f"{prefix}{key}.")
        elif value in ("", []):
            names.append(f"{prefix}{key}")
    return names
