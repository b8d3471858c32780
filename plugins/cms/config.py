"""The configuration of the editors' interface (Sveltia CMS), generated at each
build from the content schema the checks use (plugins/common/schema.py: keys,
required keys, statuses of each kind; the categories of site.toml), so that
the forms ask for exactly what the checks accept. Only how each key is shown
lives here: its French label, hint and kind of input, set in French typography
by the site's own typographer as everything visitors read."""

from typing import Any

from plugins.common.documents import DOCUMENT_TYPES, DOCUMENTS_FOLDER
from plugins.common.schema import FRENCH_STATUSES, SPELLINGS, STATUS_SPELLINGS, TYPES
from plugins.common.typography import typeset_text

# Each kind of content, its collection: (name in the interface's address, label).
COLLECTIONS = {
    "article": ("actualites", "Actualités"),
    "event": ("agenda", "Agenda"),
    "page": ("pages", "Pages"),
}
# A new file's name, `AAAA-MM-JJ-sujet.md` for news (their date) and events (their
# first day), `sujet.md` for pages. `fields.slug` is the title's slug by the site's
# own rule (admin.js): Sveltia's `{{slug}}` would turn « l’été » into l-ete.
FILE_NAMES = {
    "article": "{{fields.date | date('YYYY-MM-DD')}}-{{fields.slug}}",
    "event": "{{fields.start | date('YYYY-MM-DD')}}-{{fields.slug}}",
    "page": "{{fields.slug}}",
}
# How each collection's list is sorted: news and events newest first, pages by title.
SORTED_BY = {"article": ("date", "descending"), "event": ("start", "descending")}
DAY = {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
MOMENT = {"widget": "datetime", "format": "YYYY-MM-DD HH:mm"}  # the checks' DATE, local time
TEXT = {"widget": "string"}
SELECT = {"widget": "select"}  # its options: options()
# How the form shows each key of the schema: label, hint, input.
FIELDS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "title": ("Titre", "Le titre, tel qu’il s’affiche sur le site.", TEXT),
    "date": ("Date", "Le jour de publication (les actualités sont classées par date).", DAY),
    "modified": ("Mis à jour le", "Le jour d’une modification importante, à signaler.", DAY),
    "category": ("Rubrique", "", SELECT),
    "slug": ("Adresse", "Tirée du titre, selon les règles du site.", {"widget": "adresse"}),
    "summary": ("Résumé", "Une phrase qui donne envie de lire la suite.", TEXT),
    "status": ("État", "Vide : publié. « Brouillon » : visible seulement en aperçu.", SELECT),
    "template": ("Modèle de page", "Pour une page spéciale (contact, plan du site…).", SELECT),
    "save_as": ("Fichier publié (réservé)", "À ne remplir que sur conseil.", TEXT),
    "url": ("Adresse publiée (réservé)", "À ne remplir que sur conseil.", TEXT),
    "start": ("Début", "Le jour et l’heure ; à 0 h 00 : la journée entière.", MOMENT),
    "end": ("Fin", "Facultatif. Le dernier jour (à 0 h 00) ou l’heure de fin.", MOMENT),
    "place": ("Lieu", "Le nom du lieu seul, par exemple Médiathèque José-Cabanis.", TEXT),
    "address": ("Adresse postale", "Numéro et rue, sans la ville.", TEXT),
    "town": ("Ville", "", TEXT),
    "link": ("Lien", "Un site à consulter, son adresse complète (https://…).", TEXT),
    "registration": ("Inscription", "Comment s’inscrire, en une phrase.", TEXT),
    "report": ("Compte rendu", "Le fichier de l’actualité qui en rend compte.", TEXT),
    "former_urls": ("Anciennes adresses", "Séparées par des virgules (/page/…).", TEXT),
}
# The statuses as the guide and the checks' messages name them; a hidden page explained.
STATUS_LABELS = {**FRENCH_STATUSES, "hidden": "caché (hors du menu et des listes)"}
BODY = {
    "name": "body",
    "label": "Texte",
    "widget": "markdown",
    # Photos and documents through admin.js's components (a description required);
    # no code block: the site's text has none, and its highlighting comes from a CDN.
    "editor_components": ["photo", "document"],
    # A photo's description is required (admin.js), but Sveltia CMS does not enforce
    # it inside the text: this does, before anything is saved.
    "pattern": [
        r"^(?![\s\S]*!\[\s*\]\()",
        typeset_text(
            "Chaque photo a besoin d’une description : ouvrez-la et décrivez ce qu’elle montre."
        ),
    ],
    "buttons": [
        *["bold", "italic", "link", "heading-two", "heading-three"],
        *["bulleted-list", "numbered-list", "quote"],
    ],
}
# What a save says in the repository's history (GitHub shows it by each file).
COMMIT_MESSAGES = {
    "create": "Ajout : {{collection}} « {{slug}} »",
    "update": "Modification : {{collection}} « {{slug}} »",
    "delete": "Suppression : {{collection}} « {{slug}} »",
    "uploadMedia": "Ajout du fichier « {{path}} »",
    "deleteMedia": "Suppression du fichier « {{path}} »",
}
LINK_MESSAGE = "Une adresse complète, qui commence par https://"
CONTENT = "content"  # the repository's folder the interface edits
IMAGES_FOLDER = "images"  # content/images/, published as /images/ (pelicanconf STATIC_PATHS)
MAX_PHOTO_BYTES = 15 * 1024 * 1024  # plugins/images MAX_BYTES
# Formats plugins/images publishes (HEIC is not one: the checks refuse it).
PHOTO_TYPES = ".jpg,.jpeg,.png,.webp,.gif,.avif,.svg"


def options(kind: str, key: str, settings: dict) -> list:
    """The choices of a select: the site's categories, a kind's statuses, the page templates."""
    if key == "category":
        return list(settings["SITE"]["categories"])
    if key == "status":
        return [
            {"label": typeset_text(label), "value": status}
            for status, label in STATUS_LABELS.items()
            if status in TYPES[kind]["status"]
        ]
    return list(settings["PAGE_TEMPLATES"])


def french(spec: dict) -> dict:
    """A field with its label and hint in French typography (no-break spaces)."""
    return {key: typeset_text(v) if key in ("label", "hint") else v for key, v in spec.items()}


def field(kind: str, key: str, settings: dict) -> dict:
    label, hint, shown = FIELDS[key]
    spec: dict[str, Any] = {"name": key, "label": label, **({"hint": hint} if hint else {})}
    spec |= shown
    if shown is SELECT:
        spec["options"] = options(kind, key, settings)
    spec["required"] = key in TYPES[kind]["required"]
    # The preview shows the page's text in the site's stylesheet, not the metadata.
    spec["preview"] = key == "title"
    if key == "date" and spec["required"]:
        spec["default"] = "{{now}}"
    if key == "link":
        spec["pattern"] = ["^https?://", LINK_MESSAGE]
    return french(spec)


def sortable_fields(kind: str) -> dict:
    key, direction = SORTED_BY.get(kind, ("title", "ascending"))
    return {
        "fields": sorted({"title", key}),
        "default": {"field": key, "direction": direction},
    }


def collection(kind: str, settings: dict) -> dict:
    name, label = COLLECTIONS[kind]
    schema = TYPES[kind]
    folder = settings[schema["folders"]][0]
    keys = [*schema["required"], *schema["optional"]]
    return {
        "name": name,
        "label": label,
        "label_singular": typeset_text(schema["name"]),
        "folder": f"{CONTENT}/{folder}",
        # admin.js: `Key: value` lines, as header.py reads them (its extension: .md).
        "format": "pelican",
        "create": True,
        "slug": FILE_NAMES[kind],
        "sortable_fields": sortable_fields(kind),
        "fields": [*(field(kind, key, settings) for key in keys), BODY],
    }


def cms_config(settings: dict, repository: str) -> dict:
    """Sveltia CMS's configuration (admin/config.json)."""
    return {
        "backend": {
            "name": "github",
            "repo": repository,
            "branch": settings.get("CMS_BRANCH", "main"),
            # A personal access token: no authentication server to run (README).
            "auth_methods": ["token"],
            "commit_messages": {
                name: typeset_text(message) for name, message in COMMIT_MESSAGES.items()
            },
        },
        # Its « Voir le site » link: the preview's own address in development.
        "site_url": settings["SITEURL"] or settings["FEED_DOMAIN"],
        "media_folder": f"{CONTENT}/{IMAGES_FOLDER}",
        "public_folder": f"/{IMAGES_FOLDER}",
        "media_libraries": {
            "default": {"config": {"max_file_size": MAX_PHOTO_BYTES, "slugify_filename": True}},
            # Photos from stock libraries: other sites' images, which the checks refuse.
            "stock_assets": False,
        },
        # Uploaded files' names: lowercase, no accent (content_checks/files.py).
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": [collection(kind, settings) for kind in COLLECTIONS],
    }


def editor_schema(stylesheet: str) -> dict:
    """What admin.js needs from the build (admin/editor.json)."""
    documents = f"/{DOCUMENTS_FOLDER}"
    photo = [
        {
            "name": "src",
            "label": "Photo",
            "widget": "image",
            "accept": PHOTO_TYPES,
            "choose_url": False,  # a photo from another site: the checks refuse it
        },
        {
            "name": "alt",
            "label": "Description de la photo",
            "hint": "Ce que montre la photo, pour qui ne la voit pas.",
            "widget": "string",
            "required": True,
        },
        {"name": "title", "label": "Légende", "widget": "string", "required": False},
    ]
    document = [
        {
            "name": "file",
            "label": "Document",
            "hint": "PDF, ODT, DOCX, ODS ou XLSX, de préférence en PDF.",
            "widget": "file",
            "accept": ",".join(DOCUMENT_TYPES),
            "choose_url": False,
            "media_folder": f"/{CONTENT}/{DOCUMENTS_FOLDER}",
            "public_folder": documents,
        },
        {"name": "text", "label": "Texte du lien", "widget": "string", "required": True},
    ]
    return {
        "stylesheet": stylesheet,
        "keys": SPELLINGS,
        "statuses": STATUS_SPELLINGS,
        "documentsUrl": documents + "/",
        # Keys whose time at midnight means the whole day (admin.js).
        "wholeDays": sorted(key for key, shown in FIELDS.items() if shown[2] is MOMENT),
        "photo": [french(field) for field in photo],
        "document": [french(field) for field in document],
    }
