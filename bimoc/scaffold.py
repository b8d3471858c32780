"""`invoke new actualite|page|evenement "Titre"`: a new content
file made from the editors' model (content/modeles/), in the right folder, with
the title, its slug and today's date filled in. It starts as a draft: it is
previewed, never published, until the editor removes `Status: draft`."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import DEFAULT_CONFIG

from bimoc.build import ROOT
from plugins import french_slug

CONTENT = ROOT / "content"
MODEL_DATE = "2026-01-01"
MAX_SLUG = 80  # the date written in the models, replaced by today
PARIS = ZoneInfo("Europe/Paris")
# kind: (model file, where the new file goes, relative to content/)
KINDS = {
    "actualite": ("actualite.md", "actualites/{date}-{slug}.md"),
    "page": ("page.md", "pages/{slug}.md"),
    "evenement": ("evenement.md", "agenda/{date}-{slug}.md"),
}


class ScaffoldError(Exception):
    pass


def set_value(text: str, key: str, value: str) -> str:
    return re.sub(rf"^{key}:.*$", lambda _: f"{key}: {value}", text, count=1, flags=re.MULTILINE)


def new_content(
    kind: str, title: str, content: Path = CONTENT, today: datetime.date | None = None
) -> Path:
    """Create the file and return its path."""
    if kind not in KINDS:
        raise ScaffoldError(f"Type inconnu « {kind} » : écrivez {' ou '.join(KINDS)}.")
    title = " ".join(title.split())
    # A file name stays short: the slug is cut at a word, and can be changed later.
    slug = french_slug(title, DEFAULT_CONFIG)
    if len(slug) > MAX_SLUG:
        slug = slug[:MAX_SLUG].rsplit("-", 1)[0]
    if not slug:
        raise ScaffoldError(
            f"Le titre « {title} » ne contient ni lettre ni chiffre : donnez un vrai titre, "
            'par exemple : invoke new actualite "Réunion du 12 mars"'
        )
    today = today or datetime.datetime.now(PARIS).date()
    model, destination = KINDS[kind]
    path = content / destination.format(date=today.isoformat(), slug=slug)
    if path.exists():
        existing = path.relative_to(content.parent)
        raise ScaffoldError(f"Le fichier {existing} existe déjà : choisissez un autre titre.")
    text = (content / "modeles" / model).read_text(encoding="utf-8")
    text = text.replace(MODEL_DATE, today.isoformat())
    for key, value in (("Title", title), ("Slug", slug)):
        text = set_value(text, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
