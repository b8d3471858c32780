"""The messages about content/site.toml, the site facts editors may change:
its syntax, a fact missing, of the wrong kind (a number for a text), an
address that is not a web or e-mail address, the partners, the categories,
the menu. Part of the one catalogue, messages.py."""

from plugins.common.site_facts import MENU_SECTIONS

# What a menu entry is, for the messages that must say it.
MENU_FORMAT = (
    "une entrée du menu est faite de trois lignes : [[menu]], puis label (le texte du lien) "
    "et page (le fichier de la page où il mène)"
)
PAGE_EXAMPLE = 'page = "pages/actions.md"'
SECTIONS = ", ".join(MENU_SECTIONS)

# code: (problem, fix), as in messages.py.
SITE_MESSAGES = {
    "site_facts_syntax": (
        "le fichier est illisible à cette ligne",
        'vérifiez les guillemets et le signe « = » de la ligne, par exemple : phone = "05 34 44 50 28"',
    ),
    "site_facts_file_missing": (
        "le fichier des informations du site a disparu",
        "remettez-le en vous aidant de l’historique du dépôt (sur GitHub : « History »), "
        "sans le renommer ni le déplacer",
    ),
    "site_fact_missing": (
        "il manque l’information « {key} »",
        "remettez-la en vous aidant de l’historique du fichier, par exemple : {example}",
    ),
    "site_fact_table": (
        "« {key} » doit être une rubrique de plusieurs lignes, pas une valeur",
        "écrivez « [{key}] » seul sur une ligne, puis ses informations en dessous, une par ligne, en vous aidant de l’historique du fichier",
    ),
    "site_fact_text": (
        "l’information « {key} » doit être un texte entre guillemets",
        "écrivez-la entre guillemets droits, par exemple : {example}",
    ),
    "site_fact_texts": (
        "l’information « {key} » doit être une liste de textes entre guillemets",
        "écrivez les textes entre crochets, séparés par des virgules, par exemple : {example}",
    ),
    "site_fact_scheme": (
        "l’adresse « {value} » de « {key} » commence par « {scheme}: », que le site refuse",
        "écrivez l’adresse complète de la page web, qui commence par https://, par exemple : {example}",
    ),
    "site_fact_web": (
        "« {value} » (« {key} ») n’est pas l’adresse d’une page web",
        "écrivez l’adresse complète, qui commence par https:// (ou http://), par exemple : {example}",
    ),
    "site_fact_invisible": (
        "l’information « {key} » contient un caractère invisible ({character})",
        "retapez-la au clavier, entre guillemets droits, par exemple : {example}",
    ),
    "site_fact_character": (
        "l’adresse « {value} » de « {key} » contient un caractère interdit ({character})",
        "recopiez l’adresse sans espace, guillemet ni saut de ligne, par exemple : {example}",
    ),
    "site_fact_mailto": (
        "l’adresse électronique « {value} » de « {key} » commence par « mailto: »",
        "écrivez l’adresse seule, le site ajoute « mailto: » lui-même, par exemple : {example}",
    ),
    "site_fact_email": (
        "« {value} » (« {key} ») n’est pas une adresse électronique",
        "écrivez une seule adresse, sans espace, de la forme nom@domaine.fr, par exemple : {example}",
    ),
    "site_fact_empty": (
        "l’information « {key} » est vide",
        "remplissez-la : elle est affichée sur toutes les pages, par exemple : {example}",
    ),
    "site_partners_kind": (
        "« partners » doit être une suite de partenaires, chacun sous une ligne [[partners]]",
        "écrivez chaque partenaire sous une ligne « [[partners]] », avec ses lignes name, full_name et url, en vous aidant de l’historique du fichier",
    ),
    "site_partners_none": (
        "il n’y a aucun partenaire : le pied de page de chaque page nomme le premier, l’association à laquelle le groupe est associé",
        'remettez en premier l’ACIM : une ligne « [[partners]] », puis name = "ACIM", full_name = "…" et url = "https://acim.asso.fr"',
    ),
    "site_partner_missing": (
        "il manque l’information « {key} » à ce partenaire",
        "ajoutez sous « [[partners]] » une ligne comme : {example}",
    ),
    "category_without_slug": (
        "la rubrique « {value} » ne donne aucune adresse : il lui faut au moins une lettre ou un chiffre",
        "renommez-la, par exemple « Formations »",
    ),
    "categories_same_slug": (
        "les rubriques « {other} » et « {value} » auraient la même adresse ({url}) : l’une effacerait l’autre, avec son flux",
        "gardez une seule de ces rubriques, ou renommez l’une d’elles",
    ),
    "menu_kind": (
        "« menu » doit être une suite d’entrées, chacune sous une ligne [[menu]]",
        MENU_FORMAT,
    ),
    "menu_none": (
        "le site n’a pas de menu",
        'ajoutez une entrée par lien, dans l’ordre : une ligne [[menu]], puis label = "Accueil" et page = "accueil", en vous aidant de l’historique du fichier',
    ),
    "menu_too_many": (
        "le menu a {count} entrées : au-delà de {limit}, on ne le lit plus d’un coup d’œil et il encombre le haut de l’écran d’un téléphone",
        "retirez des entrées, ou regroupez des pages courtes en une seule ; toutes les pages restent dans le plan du site",
    ),
    "menu_entry_missing": (
        "il manque « {key} » à cette entrée du menu",
        "écrivez sous sa ligne [[menu]] une ligne comme : {example}",
    ),
    "menu_unknown_key": (
        "la clé « {key} » est inconnue dans une entrée du menu",
        "{did_you_mean}" + MENU_FORMAT,
    ),
    "menu_label_blank": (
        "le texte « {value} » d’un lien du menu ne contient aucune lettre : le lien n’aurait pas de nom",
        'écrivez le texte du lien, par exemple : label = "Actions"',
    ),
    "menu_page_otherwise": (
        "la page « {value} » du menu est écrite d’une façon que la construction ne reconnaît pas",
        'écrivez-la ainsi : page = "{suggestion}"',
    ),
    "menu_label_long": (
        "le texte « {value} » du menu a {length} caractères : au-delà de {limit}, il prend trois lignes sur un téléphone",
        "raccourcissez-le ; la page garde son titre complet",
    ),
    "menu_same_page": (
        "cette entrée du menu mène à « {value} », comme l’entrée « {other} »",
        "retirez l’une des deux entrées, de sa ligne [[menu]] à sa ligne page",
    ),
    "menu_same_label": (
        "deux entrées du menu s’appellent « {value} »",
        "donnez à chacune son propre texte, ou retirez l’une d’elles",
    ),
    "menu_external": (
        "« {value} » est l’adresse d’un autre site : le menu ne mène qu’aux pages de ce site",
        "mettez ce lien dans le texte d’une page, et écrivez ici le nom du fichier d’une page, par exemple : "
        + PAGE_EXAMPLE,
    ),
    "menu_page_missing": (
        "la page « {value} » du menu n’existe pas",
        "{did_you_mean}écrivez le nom du fichier d’une page, par exemple : "
        + PAGE_EXAMPLE
        + f", ou l’une des parties que le site construit lui-même : {SECTIONS}",
    ),
    "menu_not_a_page": (
        "« {value} » n’est pas une page du dossier pages/",
        "le menu mène aux pages et aux parties que le site construit lui-même : choisissez une page, par exemple : "
        + PAGE_EXAMPLE
        + ', ou la liste des actualités : page = "actualites"',
    ),
    "menu_page_draft": (
        "la page « {value} » du menu est un brouillon, qui ne sera pas publié",
        "publiez d’abord ce fichier (supprimez sa ligne « Status: draft »), ou retirez son entrée du menu",
    ),
    "menu_page_hidden": (
        "la page « {value} » du menu est cachée (Status: hidden)",
        "retirez son entrée du menu ; ou, si cette page doit être dans le menu, supprimez sa ligne « Status: hidden »",
    ),
}
