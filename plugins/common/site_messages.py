"""The messages about content/site.toml, the site facts editors may change:
its syntax, a fact missing, of the wrong kind (a number for a text), an
address that is not a web or e-mail address, the partners, the categories.
Part of the one catalogue, messages.py."""

# code: (problem, fix), as in messages.py.
SITE_MESSAGES = {
    "site_facts_syntax": (
        "le fichier est illisible à cette ligne",
        'vérifiez les guillemets et le signe « = » de la ligne, par exemple : phone = "05 34 44 50 28"',
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
}
