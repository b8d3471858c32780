"""The messages about what a text's body holds that the site cannot publish
(markup outside the allow-list, links to other schemes, invisible characters,
a body too large or too deep). Part of the one catalogue, messages.py."""

# code: (problem, fix), as in messages.py.
BODY_MESSAGES = {
    "forbidden_link": (
        "le lien « {target} » est interdit",
        "mettez une adresse web commençant par https:// (ou mailto: pour un courriel, tel: pour un téléphone)",
    ),
    "embedded_image": (
        "l’image « {target} » est intégrée au texte au lieu d’être un fichier",
        "enregistrez-la dans content/images/ et écrivez ![Description]({{static}}/images/nom.jpg)",
    ),
    "forbidden_tag": (
        "la balise <{tag}> n’est pas permise dans le texte",
        "supprimez-la : le texte accepte titres, paragraphes, listes, liens, images, tableaux et citations, rien d’autre ; pour une vidéo ou un document d’un autre site, mettez un simple lien",
    ),
    "forbidden_attribute": (
        "l’attribut « {attribute} » n’est pas permis sur <{tag}>",
        "supprimez-le : le texte n’accepte ni mise en forme ni script, le thème du site s’en charge",
    ),
    "duplicate_attribute": (
        "l’attribut « {attribute} » apparaît deux fois sur <{tag}>",
        "gardez-en un seul : un navigateur lirait le premier, le site vérifierait l’autre",
    ),
    "forbidden_class": (
        "la classe « {value} » n’est pas prévue par le thème",
        "supprimez « .{value} » ; la seule classe à écrire est « {{: .decoratif}} », après une image purement décorative",
    ),
    "unchecked_html": (
        "ce code HTML est mal formé : le site ne peut pas garantir ce qu’un navigateur en ferait",
        "écrivez ce passage en Markdown, ou fermez chaque balise et mettez chaque valeur entre guillemets",
    ),
    "control_character_body": (
        "le texte contient un caractère invisible ({character})",
        "retapez cette ligne au clavier (un saut de page ou de ligne copié d’un traitement de texte ne peut pas être publié)",
    ),
    "too_deep": (
        "le texte imbrique des centaines de listes ou de citations les unes dans les autres",
        "vérifiez les espaces en début de ligne : quatre espaces de plus à chaque ligne font une liste dans la liste",
    ),
    "body_h1": (
        "cette ligne commence par un seul « # » : ce serait un second titre de la page",
        "le titre vient de la ligne « Title: » ; commencez les intertitres par « ## » (et « ### » pour les sous-parties)",
    ),
    "tab_paragraph": (
        "cette ligne commence par une tabulation : le paragraphe serait affiché comme du code informatique",
        "supprimez la tabulation en début de ligne (elle vient souvent d’un copier-coller depuis un traitement de texte)",
    ),
    "indented_paragraph": (
        "cette ligne commence par quatre espaces : le paragraphe serait affiché comme du code informatique",
        "supprimez les espaces en début de ligne (ils viennent souvent d’un copier-coller depuis un courriel)",
    ),
    "table_without_rule": (
        "cette ligne ressemble à la ligne d’un tableau, mais le tableau n’a pas sa ligne de séparation : il serait affiché comme du texte avec des barres",
        "ajoutez sous la première ligne du tableau une ligne « |---|---| » (un « --- » par colonne), ou retirez les barres « | »",
    ),
    "too_slow": (
        "le texte est trop long à mettre en page (plus de {seconds} secondes)",
        "cherchez des crochets [ ] ou des chevrons < > en très grand nombre, souvent collés par erreur, et supprimez-les",
    ),
    "markdown_too_large": (
        "le fichier pèse {size} Mo, au-delà de la limite de 1 Mo pour un texte",
        "découpez-le en plusieurs pages, ou retirez ce qui a été collé par erreur (image intégrée, code copié d’une autre page)",
    ),
}
