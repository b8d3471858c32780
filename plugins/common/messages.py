"""Every message the build can print, in French, for editors: what is wrong
and what to write instead. Every plugin reports through plugins/common/problems.py
with one of these codes. CONTRIBUER.md lists them (`invoke guide`
rewrites that list; a test keeps it in step)."""

import unicodedata

from plugins.common.body_messages import BODY_MESSAGES
from plugins.common.file_messages import FILE_MESSAGES
from plugins.common.output_messages import OUTPUT_MESSAGES
from plugins.common.site_messages import SITE_MESSAGES

# code: (problem, fix). Placeholders in {braces} are filled in by the checks.
MESSAGES = {
    "encoding": (
        "le fichier n’est pas enregistré en UTF-8",
        "ré-enregistrez-le en UTF-8 (Enregistrer sous…, Encodage : UTF-8)",
    ),
    "missing_key": (
        "il manque la ligne « {key}: »",
        "ajoutez en tête du fichier une ligne « {key}: {example} »",
    ),
    "unknown_key": (
        "la clé « {key} » est inconnue",
        "{did_you_mean}les clés possibles sont : {known}",
    ),
    "wrong_folder": (
        "la clé « {key} » fait de ce fichier {kind}, qui n’a pas sa place dans ce dossier",
        "déplacez le fichier dans content/{folder}/",
    ),
    "unused_key": (
        "la clé « {key} » n’est pas utilisée sur ce site",
        "supprimez cette ligne (pour classer une actualité, c’est « Category: »)",
    ),
    "header_gap": (
        "la ligne « {text} » est séparée des métadonnées par une ligne vide : elle serait publiée comme texte",
        "supprimez la ligne vide au-dessus : les métadonnées se suivent en tête du fichier, puis une ligne vide, puis le texte",
    ),
    "empty_slug": (
        "le titre « {value} » ne donne aucune adresse",
        "ajoutez une ligne « Slug: » avec l’adresse voulue, par exemple « Slug: rencontre-2027 »",
    ),
    "empty_body": (
        "le texte est vide",
        "écrivez le texte sous les métadonnées, après une ligne vide",
    ),
    "duplicate_key": (
        "la clé « {key} » apparaît deux fois (aussi ligne {other})",
        "gardez une seule ligne « {key}: »",
    ),
    "empty_value": (
        "la clé « {key} » n’a pas de valeur",
        "écrivez une valeur après « {key}: », ou supprimez la ligne",
    ),
    "list_value": (
        "la clé « {key} » n’accepte qu’une seule valeur",
        "écrivez une seule valeur sur la ligne « {key}: »",
    ),
    "bad_date": (
        "la date « {value} » n’est pas au format attendu",
        "écrivez année-mois-jour, par exemple « 2026-03-12 », ou « 2026-03-12 14:30 » avec l’heure",
    ),
    "impossible_date": (
        "la date « {value} » n’existe pas",
        "vérifiez l’année, le mois et le jour (année-mois-jour)",
    ),
    "skipped_time": (
        "l’heure « {value} » n’existe pas : cette nuit-là, les horloges passent à l’heure d’été",
        "vérifiez l’heure (par exemple 20:30 plutôt que 02:30)",
    ),
    "repeated_time": (
        "l’heure « {value} » existe deux fois : cette nuit-là, les horloges reviennent à l’heure d’hiver",
        "vérifiez l’heure (par exemple 20:30 plutôt que 02:30), ou choisissez-en une avant 2 h ou après 3 h",
    ),
    "bad_category": (
        "la rubrique « {value} » est inconnue",
        "écrivez l’une des rubriques : {allowed}",
    ),
    "bad_slug": (
        "l’adresse « {value} » (Slug) contient des caractères interdits",
        "utilisez des minuscules sans accents, des chiffres et des tirets, par exemple « {suggestion} »",
    ),
    "bad_status": (
        "le statut « {value} » est inconnu",
        "écrivez l’un des statuts : {allowed}",
    ),
    "summary_markdown": (
        "le résumé « {value} » contient de la mise en forme (gras, italique, lien), qui s’afficherait telle quelle : le résumé est du texte simple",
        "retirez les « * », « ` » et les liens du résumé ; la mise en forme et les liens vont dans le texte",
    ),
    "bad_template": (
        "le modèle « {value} » est inconnu",
        "supprimez la ligne, ou écrivez l’un des modèles : {allowed}",
    ),
    "end_before_start": (
        "l’événement finit (« {end} ») avant de commencer (« {start} »)",
        "vérifiez les dates : « Start: » est le début, « End: » la fin",
    ),
    "mixed_times": (
        "le début « {start} » et la fin « {end} » doivent avoir tous deux une heure, ou aucun des deux",
        "par exemple « Start: 2027-03-05 09:30 » et « End: 2027-03-05 16:30 », ou « Start: 2027-03-05 » et « End: 2027-03-07 » pour plusieurs jours",
    ),
    "place_format": (
        "le lieu « {value} » contient une adresse",
        "écrivez seulement le nom du lieu dans « Place: », la rue dans « Address: » et la ville dans « Town: »",
    ),
    "bad_link": (
        "le lien « {value} » n’est pas une adresse web complète",
        "écrivez l’adresse entière, par exemple « https://www.occitanielivre.fr/agenda »",
    ),
    "yaml_syntax": (
        "l’en-tête entre les lignes « --- » est illisible à cette ligne",
        "vérifiez les deux-points et les guillemets de chaque ligne de l’en-tête",
    ),
    "yaml_unclosed": (
        "l’en-tête ouvert par « --- » n’est jamais fermé",
        "ajoutez une ligne « --- » après la dernière ligne de l’en-tête",
    ),
    "model_leftover": (
        "la ligne « {text} » vient du modèle",
        "remplacez-la par votre texte, ou supprimez-la",
    ),
    "model_slug": (
        "l’adresse « {value} » est celle du modèle",
        "écrivez la vôtre, par exemple tirée du titre, ou supprimez la ligne « Slug: » (l’adresse sera tirée du titre)",
    ),
    "placeholder": (
        "le texte contient encore le repère « {marker} »",
        "remplacez-le par votre texte",
    ),
    "broken_link": (
        "le lien vers « {target} » ne mène à aucun fichier",
        "vérifiez le nom et le dossier du fichier, par exemple [texte]({{filename}}/pages/actions.md)",
    ),
    "relative_link": (
        "le lien « {target} » ne fonctionnera pas une fois le site publié",
        "écrivez-le ainsi : ({suggestion})",
    ),
    "unknown_url": (
        "le lien « {target} » mène à une adresse qui n’existe pas sur le site",
        "vérifiez l’adresse, ou liez le fichier : ({{filename}}/pages/nom-du-fichier.md)",
    ),
    "missing_scheme": (
        "le lien « {target} » mène à un autre site, mais sans « https:// » il se chercherait sur ce site",
        "écrivez l’adresse entière : ({suggestion})",
    ),
    "draft_link": (
        "le lien mène à « {target} », un brouillon qui ne sera pas publié",
        "publiez d’abord ce fichier (supprimez sa ligne « Status: draft »), ou retirez le lien",
    ),
    "preview_link": (
        "le lien « {target} » mène à l’aperçu sur votre ordinateur",
        "liez le fichier à la place, par exemple ({{filename}}/pages/actions.md)",
    ),
    "external_image": (
        "l’image « {target} » vient d’un autre site, qui ne s’affichera pas",
        "enregistrez-la dans content/images/ (avec l’accord de son auteur) et écrivez ![Description]({{static}}/images/nom.jpg)",
    ),
    "filename_static": (
        "« {{filename}}{target} » désigne une image, pas un texte",
        "écrivez {{static}} à la place : ({{static}}{target})",
    ),
    "attach_link": (
        "le lien « {target} » déplacerait le fichier à côté de la page",
        "écrivez-le ainsi : ({suggestion})",
    ),
    "link_written_otherwise": (
        "le chemin du lien « {target} » est écrit d’une façon que la construction ne reconnaît pas",
        "écrivez-le ainsi : ({suggestion})",
    ),
    "ignored_file_link": (
        "le lien mène à « {target} », un fichier caché ou de sauvegarde, qui ne peut pas être publié",
        "renommez le fichier (sans point au début, sans ~, .bak ou .orig à la fin), puis liez le nouveau nom",
    ),
    "unpublished_file": (
        "le fichier « {target} » ne peut pas être publié",
        "placez les images à publier dans content/images/ et les documents à télécharger dans content/documents/",
    ),
    "theme_id": (
        "cet intertitre a l’ancre « #{anchor} », que la page a déjà pour une autre partie",
        "changez l’intertitre, ou donnez-lui une autre ancre en ajoutant au bout de sa ligne, par exemple, « {{#{anchor}-2}} »",
    ),
    "broken_anchor": (
        "l’ancre « #{anchor} » n’existe pas dans « {target} »",
        "ancres possibles : {available}",
    ),
    "wrong_case": (
        "le fichier « {target} » n’existe pas, mais « {suggestion} » oui",
        "vouliez-vous dire « {suggestion} » ? Majuscules, minuscules et accents comptent dans les noms de fichiers",
    ),
    "missing_image": (
        "l’image « {target} » est introuvable",
        "placez l’image dans content/images/ et écrivez ![Description]({{static}}/images/nom.jpg)",
    ),
    "missing_alt": (
        "l’image « {target} » n’a pas de texte alternatif",
        "décrivez-la : ![Description de l’image](…), ou, si elle est purement décorative, "
        "ajoutez {{: .decoratif}} juste après",
    ),
    "control_character": (
        "la valeur de « {key} » contient un caractère invisible ({character})",
        "retapez la ligne au clavier : un saut de ligne ou un caractère de contrôle copié d’un traitement de texte n’a pas sa place dans l’en-tête",
    ),
    "markup_in_value": (
        "la valeur de « {key} » contient du code HTML (« {markup} »)",
        "écrivez du texte simple : l’en-tête n’accepte pas de balises (le gras et les liens vont dans le texte)",
    ),
    "yaml_advanced": (
        "l’en-tête utilise une construction YAML avancée (« {construct} »)",
        "écrivez chaque valeur en toutes lettres, sans « & », « * » ni « ! »",
    ),
    "yaml_nested": (
        "la valeur de « {key} » est une structure imbriquée",
        "écrivez une valeur simple, ou une liste de valeurs simples (une par ligne, précédée de « - »)",
    ),
    "unsafe_path": (
        "l’adresse « {value} » contient un caractère interdit ({character})",
        "une adresse ne contient ni espace, ni guillemet, ni caractère invisible : remplacez les espaces par des tirets",
    ),
    "path_climbs": (
        "l’adresse « {value} » remonte d’un dossier (« .. »)",
        "écrivez le chemin depuis la racine du site, sans « .. »",
    ),
    "bad_save_as": (
        "« Save_as: {value} » n’est pas un nom de page possible",
        "écrivez un chemin court (150 caractères au plus), en minuscules, sans espace, qui finit par « .html », par exemple « Save_as: {example} »",
    ),
    "reserved_save_as": (
        "« Save_as: {value} » écrirait dans « {folder}/ », réservé {owner}",
        "choisissez un autre chemin, par exemple « Save_as: {example} »",
    ),
    "reserved_slug": (
        "l’adresse « /{value}/ » de cette page est réservée {owner}",
        "ajoutez ou changez la ligne « Slug: », par exemple « Slug: {example} »",
    ),
    "url_mismatch": (
        "« Url: {value} » ne correspond pas au fichier écrit (« Save_as: {save_as} »)",
        "écrivez « Url: {expected} », ou supprimez les deux lignes",
    ),
    "url_alone": (
        "« Url: » sans « Save_as: » : la page serait écrite ailleurs qu’à son adresse",
        "supprimez la ligne « Url: » (l’adresse vient du « Slug: » ou du titre)",
    ),
    "long_slug": (
        "l’adresse de la page aurait {length} caractères",
        "ajoutez une ligne « Slug: » plus courte (80 caractères au plus), par exemple « Slug: {suggestion} »",
    ),
    "duplicate_url": (
        "l’adresse « {url} » est déjà celle de {other}",
        "donnez à l’un des deux fichiers un autre « Slug: »",
    ),
    "duplicate_save_as": (
        "« Save_as: {value} » écrirait le même fichier que {other}",
        "choisissez un autre chemin pour l’une des deux pages",
    ),
    "bad_former_url": (
        "l’ancienne adresse « {value} » n’est pas un chemin de ce site",
        "écrivez le chemin qu’avait la page, qui commence par « / », sans nom de domaine, ni « ? » ni « # », par exemple « {suggestion} »",
    ),
    "former_url_current": (
        "l’ancienne adresse « {value} » est l’adresse actuelle de ce fichier",
        "retirez-la des anciennes adresses (« Former_urls: ») : seules y vont les adresses que la page avait avant d’être renommée ou déplacée",
    ),
    "former_url_taken": (
        "l’ancienne adresse « {value} » est l’adresse {other}",
        "retirez-la des anciennes adresses (« Former_urls: ») : la redirection rendrait cette page inaccessible",
    ),
    "former_url_twice": (
        "l’ancienne adresse « {value} » est déjà redirigée vers « {other} »",
        "gardez-la dans un seul fichier : celui qui remplace l’ancienne page",
    ),
    "redirection_target": (
        "l’ancienne adresse « {old} » mène à « {target} », qui n’existe pas ou n’est pas publié",
        "si le fichier a été renommé ou déplacé, écrivez ici son nouveau chemin, par exemple « {{filename}}/dossier/nom-du-fichier.md » ; s’il a été supprimé, retirez la ligne",
    ),
    "redirection_entry": (
        "la ligne « {key} » n’associe pas un numéro d’article de l’ancien site à un fichier",
        'écrivez le numéro, le signe « = » et le fichier entre guillemets, par exemple : 25 = "{{filename}}/actualites/2008-02-14-reunion.md"',
    ),
    "redirections_syntax": (
        "le fichier est illisible à cette ligne",
        'vérifiez les guillemets et le signe « = » de la ligne, par exemple : 25 = "{{filename}}/actualites/2008-02-14-reunion.md"',
    ),
    **SITE_MESSAGES,
    **BODY_MESSAGES,
    **FILE_MESSAGES,
    **OUTPUT_MESSAGES,
    "internal": (
        "erreur interne du site ({detail})",
        "ce n’est pas une erreur de contenu : prévenez l’équipe technique",
    ),
    "template_undefined": (
        "erreur interne du thème : « {name} » n’est pas défini",
        "corrigez le gabarit (une faute de frappe ?) ; ce n’est pas une erreur de contenu",
    ),
    "template_error": (
        "erreur interne du thème ({detail})",
        "corrigez le gabarit ; ce n’est pas une erreur de contenu",
    ),
    "missing_plugin": (
        "erreur interne du thème : « {name} » vient de l’extension « {plugin} », qui n’est pas chargée",
        "ajoutez « plugins.{plugin} » à PLUGINS dans pelicanconf.py ; ce n’est pas une erreur de contenu",
    ),
}


# Invisible characters editors paste without knowing, by the name they may recognise.
CHARACTER_NAMES = {
    "\u2028": "U+2028, le saut de ligne de Word",
    "\u2029": "U+2029, le saut de paragraphe",
    "\x0b": "tabulation verticale, le saut de ligne de Word",
    "\t": "tabulation",
    "\r": "retour chariot",
    "\n": "saut de ligne",
    "\x00": "caractère nul",
    " ": "espace",
    "\u00a0": "espace insécable",
}


def character_name(character: str) -> str:
    return CHARACTER_NAMES.get(character, f"U+{ord(character):04X}")


def shown(value: str, limit: int = 300) -> str:
    """A value as a message may quote it: invisible characters named, never a
    line break that would split the message (or forge another one), not endless."""
    text = "".join(
        f"[{character_name(c)}]" if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in str(value)
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_message(where: str, code: str, **details: str) -> str:
    """`fichier:ligne : problème — correction`."""
    problem, fix = MESSAGES[code]
    details = {key: shown(value) for key, value in details.items()}
    return f"{where} : {problem.format(**details)} — {fix.format(**details)}"


def reference() -> str:
    """Every message as printed, for CONTRIBUER.md, placeholders shown as « … »."""

    class Placeholders(dict):
        def __missing__(self, key: str) -> str:
            return "" if key == "did_you_mean" else "…"

    lines = [f"{problem} — {fix}".format_map(Placeholders()) for problem, fix in MESSAGES.values()]
    return "\n".join(["```text", *lines, "```"])
