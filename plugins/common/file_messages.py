"""The messages about the files editors add besides texts (photos, documents,
drawings, links, files the site would not publish). Part of the one catalogue,
messages.py."""

# How to make a PDF lighter, for the messages that need it.
LIGHTER_PDF = (
    "dans LibreOffice, Fichier › Exporter au format PDF, cochez « Compression JPEG » "
    "et « Réduire la résolution de l’image » à 150 DPI ; dans Word, Enregistrer "
    "sous › PDF › « Taille minimale (publication en ligne) »"
)

# code: (problem, fix), as in messages.py.
FILE_MESSAGES = {
    "skipped_file": (
        "ce fichier ne serait pas publié : seuls les fichiers .md de content/pages/, content/actualites/ et content/agenda/ sont lus",
        "renommez-le en .md ou rangez-le dans le bon dossier (les images vont dans content/images/, les documents à télécharger dans content/documents/)",
    ),
    "uppercase_suffix": (
        "ce fichier ne serait pas publié : la fin de son nom est en majuscules",
        "renommez-le « {name} » (la fin du nom en minuscules)",
    ),
    "heic_photo": (
        "cette photo est au format HEIC de l’iPhone, que les navigateurs n’affichent pas tous",
        "exportez-la en JPEG (sur l’ordinateur : ouvrez-la, puis Fichier › Exporter › JPEG ; sur l’iPhone, Réglages › Appareil photo › Formats › « Le plus compatible » pour les prochaines), ajoutez le fichier .jpg, puis supprimez ce fichier .heic",
    ),
    "word_file": (
        "un fichier de traitement de texte ne peut pas être publié depuis ce dossier",
        "pour en faire une page, copiez son texte dans un fichier .md (voir « Publier une actualité en 5 étapes » dans CONTRIBUER.md) ; pour le proposer en téléchargement, enregistrez-le en PDF (ou en .odt, .docx) et mettez-le dans content/documents/",
    ),
    "static_type": (
        "ce fichier ne peut pas être publié depuis content/images/",
        "n’y mettez que des images (.jpg, .png, .webp, .gif, .svg) ; les documents à télécharger vont dans content/documents/",
    ),
    "document_elsewhere": (
        "un document à télécharger se range dans content/documents/",
        "déplacez-le dans content/documents/ et liez-le ainsi : [Titre du document]({{static}}/documents/{name})",
    ),
    "document_type": (
        "ce fichier ne peut pas être publié depuis content/documents/",
        "n’y mettez que des documents PDF (.pdf), texte (.odt, .docx) ou tableur (.ods, .xlsx) : enregistrez-le dans l’un de ces formats, de préférence en PDF (Fichier › Exporter au format PDF)",
    ),
    "macro_document": (
        "ce document peut contenir des macros, du code qui s’exécuterait chez qui l’ouvre",
        "enregistrez-le sans macros (Fichier › Enregistrer sous…, au format .docx pour un texte, .xlsx pour un tableur), ou mieux en PDF, puis mettez-le dans content/documents/",
    ),
    "document_name": (
        "ce nom de document ne peut pas devenir une adresse du site ({what})",
        "renommez le fichier « {suggestion} » (en minuscules, sans accent ni espace, des tirets entre les mots), et changez les liens vers lui",
    ),
    "same_name": (
        "ce fichier et « {other} » ne diffèrent que par les majuscules, les accents ou la ponctuation : sur Windows ou macOS, l’un remplacerait l’autre",
        "gardez-en un seul, ou donnez à l’autre un nom bien distinct (par exemple avec sa date : compte-rendu-2026-03.pdf)",
    ),
    "symlink": (
        "ce fichier est un lien symbolique (un raccourci vers un autre emplacement) : le site ne le suit pas",
        "remplacez-le par le fichier ou le dossier lui-même",
    ),
    "pdf_too_heavy": (
        "le document PDF pèse {size} Mo, plus que la limite de {limit} Mo",
        "réduisez-le en l’exportant à nouveau avec des images compressées ("
        + LIGHTER_PDF
        + "), ou découpez-le en plusieurs documents",
    ),
    "office_too_heavy": (
        "le document pèse {size} Mo, plus que la limite de {limit} Mo",
        "publiez-le plutôt en PDF, avec des images compressées ("
        + LIGHTER_PDF
        + "), ou découpez-le en plusieurs documents",
    ),
    "pdf_not_pdf": (
        "ce fichier n’est pas un document PDF, bien que son nom finisse par .pdf",
        "ré-enregistrez-le depuis votre logiciel (Fichier, Exporter au format PDF), ou donnez-lui l’extension de son vrai format",
    ),
    "document_not_its_type": (
        "le contenu de ce fichier n’est pas celui d’un document {extension}, bien que son nom finisse ainsi",
        "ouvrez-le dans votre logiciel et enregistrez-le à nouveau au format {extension} (Fichier › Enregistrer sous…), ou exportez-le en PDF",
    ),
    "svg_too_heavy": (
        "le dessin SVG pèse {size} Mo, plus que la limite de {limit} Mo",
        "simplifiez-le (Inkscape : Enregistrer sous…, « SVG optimisé »), ou publiez-le en PNG",
    ),
    "svg_script": (
        "le dessin SVG contient du code qui s’exécuterait chez les visiteurs ({what})",
        "supprimez-le du dessin, ou publiez le dessin en PNG",
    ),
    "svg_external": (
        "le dessin SVG fait appel à un autre fichier ou à un autre site ({what})",
        "supprimez cette référence : un dessin publié ne charge rien d’ailleurs (ou publiez-le en PNG)",
    ),
    "svg_doctype": (
        "le dessin SVG contient une déclaration « <!DOCTYPE … »",
        "supprimez-la (elle est inutile), ou ré-enregistrez le dessin au format « SVG optimisé » ou « SVG simple »",
    ),
    "svg_unreadable": (
        "le fichier n’est pas un dessin SVG lisible",
        "ré-enregistrez-le depuis votre logiciel de dessin (Inkscape : Enregistrer sous…, « SVG simple »)",
    ),
    "svg_encoding": (
        "le dessin SVG est enregistré dans un codage de caractères que le site ne lit pas (« {encoding} »)",
        "ré-enregistrez-le en UTF-8 (Inkscape : Enregistrer sous…, « SVG simple »)",
    ),
    "file_name": (
        "ce nom de fichier ne peut pas devenir une adresse du site ({what})",
        "renommez le fichier, par exemple « {suggestion} » (des lettres, des chiffres, des tirets et des soulignés, un seul point, celui de l’extension, {limit} caractères au plus), et changez les liens vers lui",
    ),
    "folder_name": (
        "ce nom de dossier ne peut pas devenir une adresse du site ({what})",
        "renommez le dossier, par exemple « {suggestion} » (des lettres, des chiffres, des tirets et des soulignés, {limit} caractères au plus), et changez les liens vers ce qu’il contient",
    ),
    "folder_too_deep": (
        "ce dossier est rangé à plus de {limit} niveaux de dossiers sous content/",
        "rangez ce qu’il contient moins profondément, par exemple directement dans content/images/",
    ),
    "image_too_heavy": (
        "l’image « {target} » : la photo pèse plus de 15 Mo",
        "réduisez-la avant de l’ajouter : ouvrez-la dans un logiciel photo (Photos, Aperçu, GIMP) et exportez-la en JPEG, 3 000 pixels de large et qualité 80 % suffisent ; le site fait lui-même les tailles pour chaque écran",
    ),
    "image_too_large": (
        "l’image « {target} » : la photo dépasse 10 000 pixels de côté",
        "réduisez-la avant de l’ajouter",
    ),
    "image_unreadable": (
        "l’image « {target} » : le fichier n’est pas une image lisible",
        "ré-enregistrez-la en JPEG ou PNG",
    ),
}
