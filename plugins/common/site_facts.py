"""The schema of content/site.toml, the site facts editors may change without
touching Python: the keys the templates read (the checks report a missing one),
the ones the law requires before publishing, and which are still empty (the
build summary names them). One home, used by the checks, the build and publishing."""

SITE_FACTS_FILE = "site.toml"  # in content/

# What the templates read, dotted for tables; every key must be present (even empty).
KEYS = [
    "name",
    "full_name",
    "founding_year",
    "members",
    "categories",
    "accessibility_status",
    "contact.name",
    "contact.role",
    "contact.organisation",
    "contact.email",
    "contact.phone",
    "contact.website",
    "social.facebook",
    "social.twitter",
    "social.mailing_list",
    "legal.publisher",
    "legal.publication_director",
    "legal.host_name",
    "legal.host_address",
    "legal.host_phone",
    "partners",
]
# legal.* keys the law (LCEN) requires on a published site, and what they are.
LEGAL_FACTS = {
    "publication_director": "le nom du directeur ou de la directrice de la publication",
    "host_address": "l’adresse postale de l’hébergeur",
    "host_phone": "le téléphone de l’hébergeur",
}


def missing_facts(facts: dict) -> list[str]:
    """Dotted names of the keys absent from the facts."""
    missing = []
    for name in KEYS:
        table, _, key = name.rpartition(".")
        if key not in (facts.get(table, {}) if table else facts):
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
