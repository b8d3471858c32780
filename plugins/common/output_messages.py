"""The messages of `invoke check`'s checks on the built site (bimoc/trace.py):
an editor's mistake that only shows once the page is built, traced to the
content file and line, with the validator's common findings in French; and what
comes from the theme. Part of the one catalogue, messages.py."""

# code: (problem, fix), as in messages.py.
OUTPUT_MESSAGES = {
    "published_link": (
        "le lien « {link} » mène à « {target} », qui n’existe pas sur le site publié",
        "corrigez l’adresse ; pour une page ou une image du site, liez son fichier : "
        "({{filename}}/pages/nom-du-fichier.md) ou ({{static}}/images/nom.jpg)",
    ),
    "published_anchor": (
        "le lien « {link} » mène à l’ancre « #{anchor} », "
        "qui n’existe pas dans la page publiée « {page} »",
        "choisissez une ancre de cette page (celle d’un intertitre), "
        "ou retirez « #{anchor} » du lien",
    ),
    "html_duplicate_id": (
        "l’identifiant « {value} » (id) est déjà celui d’un autre élément de la page",
        "donnez-lui un autre nom, par exemple « {value}-2 »",
    ),
    "html_bad_url": (
        "l’adresse « {value} » n’est pas valide",
        "écrivez une adresse complète, sans espace ni caractère spécial (un espace s’écrit %20), "
        "par exemple « https://www.exemple.fr/page » ; pour une page du site, liez son fichier : "
        "({{filename}}/pages/nom-du-fichier.md)",
    ),
    "html_bad_value": (
        "la valeur « {value} » de l’attribut « {attribute} » de la balise <{element}> "
        "n’est pas valide",
        "corrigez-la, ou supprimez l’attribut « {attribute} »",
    ),
    "html_misplaced": (
        "la balise <{element}> ne peut pas se trouver dans <{parent}>",
        "sortez-la de <{parent}>, ou écrivez ce passage en Markdown",
    ),
    "html_unclosed": (
        "la balise <{element}> n’est jamais fermée",
        "ajoutez </{element}> à la fin du passage qu’elle entoure",
    ),
    "html_implied_end": (
        "la balise <{element}> est fermée d’office à cet endroit, "
        "alors qu’une balise qu’elle contient est encore ouverte",
        "fermez les balises dans l’ordre inverse de leur ouverture ; un paragraphe ne peut "
        "contenir ni un autre paragraphe ni un bloc (<div>, <ul>, <table>…)",
    ),
    "html_stray_end": (
        "la balise fermante </{element}> ne ferme aucune balise ouverte à cet endroit",
        "supprimez-la, ou ajoutez la balise <{element}> qui lui correspond",
    ),
    "html_table": (
        "la balise <{element}> est mal placée dans le tableau",
        "chaque cellule (<td>, <th>) va dans une ligne <tr>, "
        "elle-même dans <table>, <thead> ou <tbody>",
    ),
    "html_duplicate_attribute": (
        "l’attribut « {attribute} » est écrit deux fois dans la même balise",
        "gardez-en un seul (pour une image, le site donne lui-même sa largeur et sa hauteur)",
    ),
    "html_attribute_not_allowed": (
        "l’attribut « {attribute} » n’est pas permis sur la balise <{element}>",
        "supprimez-le",
    ),
    "html_missing_attribute": (
        "il manque l’attribut « {attribute} » à la balise <{element}>",
        "ajoutez-le, ou écrivez ce passage en Markdown",
    ),
    "html_invalid": (
        "le code HTML de ce texte n’est pas valide (détail du validateur : {detail})",
        "corrigez ou supprimez ce code HTML dans le fichier",
    ),
    "output_link": (
        "la page publiée « {page} »{others} a un lien vers « {target} », qui ne mène nulle "
        "part : le menu ou le pied de page de chaque page y mène",
        "si vous avez supprimé ou renommé le fichier de cette page dans content/pages/, "
        "remettez-le (sur GitHub : « History », puis la version d’avant) ; sinon prévenez "
        "l’équipe technique",
    ),
    "invalid_html": (
        "erreur interne du thème : le code publié est invalide ({detail})",
        "corrigez le gabarit ; ce n’est pas une erreur de contenu",
    ),
}
