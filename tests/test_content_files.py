"""Files of content/ that are not Markdown: nothing outside content/ is ever read
or published through a symbolic link, every file type published as it is has a
size limit, and an SVG drawing is published only when it can run no script and
load nothing from elsewhere. Every refusal is a French message naming the file,
and the build stops before Pelican reads anything (output/ untouched)."""

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_build
from hypothesis import given, settings
from hypothesis import strategies as st

from pelicanconf import IGNORE_FILES
from plugins.common.problems import reported
from plugins.content_checks.files import (
    check_content_files,
    is_ignored,
    name_problem,
    suggested_name,
)
from plugins.content_checks.svg import svg_problems

NEWS = "Title: Une nouvelle\nDate: 2026-01-15\nCategory: Actualités\n\nTexte.\n"
SECRET = "SECRET-7f3a9c-do-not-publish"
SYMLINK = (
    "ce fichier est un lien symbolique (un raccourci vers un autre emplacement) : le site ne le "
    "suit pas — remplacez-le par le fichier ou le dossier lui-même"
)
PDF_TOO_HEAVY = (
    "le document PDF pèse 10,1 Mo, plus que la limite de 10 Mo — réduisez-le en l’exportant à "
    "nouveau avec des images compressées (dans LibreOffice, Fichier › Exporter au format PDF, "
    "cochez « Compression JPEG » et « Réduire la résolution de l’image » à 150 DPI ; "
    "dans Word, Enregistrer sous › PDF › « Taille minimale (publication en ligne) »), ou "
    "découpez-le en plusieurs documents"
)
OFFICE_TOO_HEAVY = (
    "le document pèse 10,1 Mo, plus que la limite de 10 Mo — publiez-le plutôt en PDF, avec des "
    "images compressées (dans LibreOffice, Fichier › Exporter au format PDF, cochez « Compression "
    "JPEG » et « Réduire la résolution de l’image » à 150 DPI ; dans Word, Enregistrer "
    "sous › PDF › « Taille minimale (publication en ligne) »), ou découpez-le en plusieurs "
    "documents"
)
SVG_TOO_HEAVY = (
    "le dessin SVG pèse 1,1 Mo, plus que la limite de 1 Mo — simplifiez-le (Inkscape : "
    "Enregistrer sous…, « SVG optimisé »), ou publiez-le en PNG"
)
SVG_SCRIPT = (
    "le dessin SVG contient du code qui s’exécuterait chez les visiteurs ({}) — supprimez-le du "
    "dessin, ou publiez le dessin en PNG"
)
SVG_EXTERNAL = (
    "le dessin SVG fait appel à un autre fichier ou à un autre site ({}) — supprimez cette "
    "référence : un dessin publié ne charge rien d’ailleurs (ou publiez-le en PNG)"
)
SVG_DOCTYPE = (
    "le dessin SVG contient une déclaration « <!DOCTYPE … » — supprimez-la (elle est inutile), "
    "ou ré-enregistrez le dessin au format « SVG optimisé » ou « SVG simple »"
)
SVG_UNREADABLE = (
    "le fichier n’est pas un dessin SVG lisible — ré-enregistrez-le depuis votre logiciel de "
    "dessin (Inkscape : Enregistrer sous…, « SVG simple »)"
)
SVG_ENCODING = (
    "le dessin SVG est enregistré dans un codage de caractères que le site ne lit pas (« {} ») — "
    "ré-enregistrez-le en UTF-8 (Inkscape : Enregistrer sous…, « SVG simple »)"
)
PDF_NOT_PDF = (
    "ce fichier n’est pas un document PDF, bien que son nom finisse par .pdf — ré-enregistrez-le "
    "depuis votre logiciel (Fichier, Exporter au format PDF), ou donnez-lui l’extension de son "
    "vrai format"
)
FILE_NAME = (
    "ce nom de fichier ne peut pas devenir une adresse du site ({}) — renommez le fichier, par "
    "exemple « {} » (des lettres, des chiffres, des tirets et des soulignés, un seul point, celui "
    "de l’extension, 100 caractères au plus), et changez les liens vers lui"
)
FOLDER_NAME = (
    "ce nom de dossier ne peut pas devenir une adresse du site ({}) — renommez le dossier, par "
    "exemple « {} » (des lettres, des chiffres, des tirets et des soulignés, 100 caractères au "
    "plus), et changez les liens vers ce qu’il contient"
)
FOLDER_TOO_DEEP = (
    "ce dossier est rangé à plus de 6 niveaux de dossiers sous content/ — rangez ce qu’il "
    "contient moins profondément, par exemple directement dans content/images/"
)
PDF = b"%PDF-1.4\n%%EOF\n"
LOGO = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 100 100">\n'
    "  <title>Logo</title>\n"
    "  <style>.note { fill: url(#degrade); font-family: 'Source Sans'; }</style>\n"
    '  <defs><linearGradient id="degrade"><stop offset="0" stop-color="#a00"/>'
    '</linearGradient><circle id="rond" r="10"/></defs>\n'
    '  <circle class="note" cx="50" cy="50" r="40" style="stroke: #333"/>\n'
    '  <use xlink:href="#rond" x="20" y="20"/><use href="#rond" x="80" y="80"/>\n'
    '  <a href="#rond"><text x="50" y="55">BIMOC</text></a>\n'
    "</svg>\n"
)


def news_site(folder: Path) -> Path:
    """A content folder with one good news item, (empty) images and documents folders."""
    content = folder / "content"
    (content / "actualites").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "documents").mkdir()
    (content / "actualites" / "bonne.md").write_text(NEWS, encoding="utf-8")
    return content


def refused(folder: Path, content: Path) -> list[str]:
    """The French messages of a refused build; output/ (with a previous build in
    it) is left exactly as it was, and nothing anywhere holds the secret."""
    output = folder / "output"
    output.mkdir()
    (output / "index.html").write_text("ancien site", encoding="utf-8")
    result = run_build(output, "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "erreur interne" not in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert [path.name for path in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text(encoding="utf-8") == "ancien site"
    return [
        line.removeprefix("ERREUR : ")
        for line in result.stderr.splitlines()
        if line.startswith("ERREUR : ")
    ]


def files_holding_secret(folder: Path, planted: set[Path]) -> list[Path]:
    """Files under `folder` (links never followed) holding the secret, but those planted."""
    found = []
    for parent, _, names in os.walk(folder):
        for name in names:
            path = Path(parent, name)
            if path in planted or path.is_symlink():
                continue
            if SECRET.encode() in path.read_bytes():
                found.append(path)
    return found


def plant(folder: Path) -> dict[str, Path]:
    """Secret files outside content/: a file, a folder and a Markdown news item."""
    outside = folder / "dehors"
    (outside / "dossier").mkdir(parents=True)
    files = {
        "file": outside / "secret.pdf",
        "in_folder": outside / "dossier" / "cle.pdf",
        "markdown": outside / "secret.md",
    }
    files["file"].write_text(SECRET)
    files["in_folder"].write_text(SECRET)
    files["markdown"].write_text(NEWS.replace("Texte.", f"Le mot de passe : {SECRET}"))
    return files


# (link in content/, what it points to: a key of plant(), an absolute path or a relative one)
LINKS = {
    "file_outside": ("images/reglement.pdf", "file"),
    "build_environment": ("images/environnement.pdf", "/proc/self/environ"),
    "folder_outside": ("images/archives/dossier", "dossier"),
    "markdown_outside": ("actualites/lien.md", "markdown"),
    "dangling": ("images/perdu.pdf", "/nonexistent/bimoc/perdu.pdf"),
    "content_file": ("actualites/copie.md", "bonne.md"),
    "content_sub_path": ("images", "dossier"),
    "hidden": ("images/.cache", "/"),
}


@pytest.mark.parametrize("link, target", LINKS.values(), ids=LINKS.keys())
def test_a_symbolic_link_is_refused_without_reading_its_target(tmp_path, monkeypatch, link, target):
    monkeypatch.setenv("BIMOC_TEST_SECRET", SECRET)  # in the build's /proc/self/environ
    planted = plant(tmp_path)
    content = news_site(tmp_path)
    if target == "dossier":
        target = str(planted["in_folder"].parent)
    elif target in planted:
        target = str(planted[target])
    if link == "images":
        (content / "images").rmdir()
    (content / link).parent.mkdir(parents=True, exist_ok=True)
    (content / link).symlink_to(target)
    assert refused(tmp_path, content) == [f"content/{link} : {SYMLINK}"]
    assert files_holding_secret(tmp_path, set(planted.values())) == []


def test_every_link_is_named_at_once(tmp_path):
    content = news_site(tmp_path)
    (content / "images" / "a.pdf").symlink_to("/etc/passwd")
    (content / "actualites" / "2026").mkdir()
    (content / "actualites" / "2026" / "b.md").symlink_to("../bonne.md")
    assert sorted(refused(tmp_path, content)) == [
        f"content/actualites/2026/b.md : {SYMLINK}",
        f"content/images/a.pdf : {SYMLINK}",
    ]


def test_an_editors_lock_file_is_no_link_to_refuse(tmp_path):
    """Emacs marks `bonne.md` being edited with `.#bonne.md → user@host.1234`, a
    link to nowhere; a lock pointing at a real file is refused like any link."""
    content = news_site(tmp_path)
    (content / "actualites" / ".#bonne.md").symlink_to("marie@poste.4242:1700000000")
    settings = {"PATH": str(content), "STATIC_PATHS": ["images"]}
    check_content_files(settings)
    assert reported(settings) == 0
    (content / "actualites" / ".#autre.md").symlink_to("/etc/passwd")
    check_content_files(settings)
    assert reported(settings) == 1


def test_a_content_folder_that_is_itself_a_link_is_refused_unwalked(tmp_path, caplog):
    planted = plant(tmp_path)
    (tmp_path / "content").symlink_to(planted["in_folder"].parent)
    settings = {"PATH": str(tmp_path / "content"), "STATIC_PATHS": ["images"]}
    check_content_files(settings)
    assert reported(settings) == 1
    assert caplog.messages == [f"content : {SYMLINK}"]


def test_the_stock_pelican_command_refuses_links_too(tmp_path):
    planted = plant(tmp_path)
    content = news_site(tmp_path)
    (content / "images" / "reglement.pdf").symlink_to(planted["file"])
    output = tmp_path / "output"
    result = subprocess.run(
        [Path(sys.executable).parent / "pelican", str(content), "-s", "pelicanconf.py"]
        + ["-o", str(output), "--log-handler", "plain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert f"content/images/reglement.pdf : {SYMLINK}" in result.stdout + result.stderr
    assert not output.exists()
    assert files_holding_secret(tmp_path, set(planted.values())) == []


def test_documents_and_drawings_over_their_limit_are_refused(tmp_path):
    content = news_site(tmp_path)
    for name in ("rapport.pdf", "budget.xlsx"):
        with open(content / "documents" / name, "wb") as document:
            document.truncate(10 * 1024 * 1024 + 1)  # sparse: nothing written
    svg = LOGO.replace("<title>", "<!--" + "x" * (1024 * 1024) + "-->\n  <title>")
    (content / "images" / "plan.svg").write_text(svg, encoding="utf-8")
    assert sorted(refused(tmp_path, content)) == [
        f"content/documents/budget.xlsx : {OFFICE_TOO_HEAVY}",
        f"content/documents/rapport.pdf : {PDF_TOO_HEAVY}",
        f"content/images/plan.svg : {SVG_TOO_HEAVY}",
    ]


def svg(body: str, root: str = "") -> bytes:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f"{root}>\n{body}\n</svg>\n"
    ).encode()


# (SVG, [(line, message code, what the message names)])
HOSTILE_SVG = {
    "script": (svg("<script>alert(1)</script>"), [(2, "svg_script", "élément <script>")]),
    "html_script": (
        svg('<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'),
        [(2, "svg_script", "élément <script>")],
    ),
    "foreign_object": (
        svg("<foreignObject><iframe/></foreignObject>"),
        [(2, "svg_script", "élément <foreignObject>")],
    ),
    "html_element": (
        svg('<iframe xmlns="http://www.w3.org/1999/xhtml" src="#x"/>'),
        [(2, "svg_script", "élément HTML <iframe>")],
    ),
    "event_attribute": (
        svg("<rect\n onclick='alert(1)'/>", ' onload="alert(1)"'),
        [(1, "svg_script", "attribut onload"), (2, "svg_script", "attribut onclick")],
    ),
    "javascript_link": (
        svg('<a xlink:href=" java\tscript:alert(1)"><text>x</text></a>'),
        [(2, "svg_script", "adresse javascript:")],
    ),
    "animated_link": (
        svg('<a href="#a"><set attributeName="href" to="#b"/><text>x</text></a>'),
        [(2, "svg_script", "animation de l’attribut href")],
    ),
    "javascript_in_values": (
        svg('<animate attributeName="fill" values="red;javascript:alert(1)"/>'),
        [(2, "svg_script", "adresse javascript:")],
    ),
    "data_url": (
        svg('<image href="data:text/html;base64,PHNjcmlwdD4="/>'),
        [(2, "svg_external", "adresse data:")],
    ),
    "external_image": (
        svg('<image href="https://ailleurs.example/suivi.png"/>'),
        [(2, "svg_external", "lien vers https://ailleurs.example/suivi.png")],
    ),
    "use_of_another_file": (
        svg('<use xlink:href="autre.svg#forme"/>'),
        [(2, "svg_external", "lien vers autre.svg#forme")],
    ),
    "style_import": (
        svg("<style>\n@import 'https://ailleurs.example/x.css';\n</style>"),
        [(2, "svg_external", "@import dans un style")],
    ),
    "style_after_a_nested_style": (
        svg("<style><style/>\n@import 'https://ailleurs.example/x.css';</style>"),
        [(2, "svg_external", "@import dans un style")],
    ),
    "paint_from_elsewhere": (
        svg('<rect fill="url(https://ailleurs.example/motif.svg#p)"/>'),
        [(2, "svg_external", "url() vers un autre fichier")],
    ),
    "animated_style": (
        svg('<set attributeName="style" to="fill: url(//ailleurs.example/x)"/>'),
        [(2, "svg_external", "url() vers un autre fichier")],
    ),
    "style_url": (
        svg('<rect style="fill: u\\72l(https://ailleurs.example/x)"/>'),
        [(2, "svg_external", "url() vers un autre fichier")],
    ),
    "stylesheet_instruction": (
        b'<?xml-stylesheet href="https://ailleurs.example/x.xsl"?>\n' + svg(""),
        [(1, "svg_external", "instruction <?xml-stylesheet?>")],
    ),
    "doctype": (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        + b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        + svg("<text>&b;&b;&b;</text>"),
        [(2, "svg_doctype", "")],
    ),
    "external_entity": (
        b'<!DOCTYPE svg [<!ENTITY s SYSTEM "file:///etc/passwd">]>' + svg("<text>&s;</text>"),
        [(1, "svg_doctype", "")],
    ),
    "style_expression": (
        svg("<style>rect { width: expression(alert(1)) }</style>"),
        [(2, "svg_script", "expression() dans un style")],
    ),
    "link_on_two_lines": (
        svg('<a href="https://ailleurs.example/&#10;suite"><text>x</text></a>'),
        [(2, "svg_external", "lien vers https://ailleurs.example/ suite")],
    ),
    "long_link": (
        svg(f'<image href="https://ailleurs.example/{"x" * 100}"/>'),
        [(2, "svg_external", "lien vers https://ailleurs.example/" + "x" * 35 + "…")],
    ),
    "no_svg_namespace": (b"<svg><rect/></svg>", [(1, "svg_unreadable", "")]),
    "not_xml": (b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', [(1, "svg_unreadable", "")]),
    "entity_without_doctype": (svg("<text>&xxe;</text>"), [(2, "svg_unreadable", "")]),
    "comment_opened_in_a_string": (  # a browser reads no comment here: the url()s load
        svg(
            '<style>\ntext { font-family: "/*"; }\n'
            "rect { fill: url(https://ailleurs.example/motif.svg#p) red; }\n"
            'g { font-family: "*/"; }\n</style>'
        ),
        [(2, "svg_external", "url() vers un autre fichier")],
    ),
    "url_in_a_comment": (
        svg("<style>/* url(https://ailleurs.example/x) */</style>"),
        [(2, "svg_external", "url() vers un autre fichier")],
    ),
    "import_split_by_a_comment": (
        svg("<style>@imp/**/ort 'https://ailleurs.example/x.css';</style>"),
        [(2, "svg_external", "@import dans un style")],
    ),
    "escape_past_unicode": (
        svg("<style>rect{fill:\\110000}</style>"),
        [(2, "svg_unreadable", "")],
    ),
    "escape_past_unicode_in_an_attribute": (
        svg('<rect style="fill:\\FFFFFF"/>'),
        [(2, "svg_unreadable", "")],
    ),
    "multi_byte_encoding": (
        b'<?xml version="1.0" encoding="Shift_JIS"?>\n' + svg(""),
        [(1, "svg_encoding", "")],
    ),
    "unknown_encoding": (
        b'<?xml version="1.0" encoding="klingon"?>\n' + svg(""),
        [(1, "svg_encoding", "")],
    ),
    "utf16_declaring_shift_jis": (
        ('<?xml version="1.0" encoding="Shift_JIS"?>\n' + svg("").decode()).encode("utf-16"),
        [(1, "svg_encoding", "")],
    ),
}


@pytest.mark.parametrize("data, expected", HOSTILE_SVG.values(), ids=HOSTILE_SVG.keys())
def test_a_hostile_svg_is_found_with_its_line(data, expected):
    found = [(p.line, p.code, p.details.get("what", "")) for p in svg_problems(data)]
    assert found == expected


def test_a_clean_logo_has_no_problem():
    assert svg_problems(LOGO.encode()) == []


def test_strings_and_comments_of_a_style_are_read_as_a_browser_reads_them():
    style = (
        "<style>\n/* Le dégradé du titre */\ntext { font-family: '/*', \"Source Sans\"; }\n"
        'rect { fill: url(#degrade); content: "*/ \\" url(#a)" }\n</style>'
    )
    assert svg_problems(LOGO.replace("<title>", style + "\n  <title>").encode()) == []


@pytest.mark.parametrize("encoding", ["UTF-8", "utf-16", "ISO-8859-1", "windows-1252"])
def test_a_drawing_in_a_common_encoding_is_read(encoding):
    drawing = LOGO.replace('encoding="UTF-8"', f'encoding="{encoding}"').replace("Logo", "Logo é")
    assert svg_problems(drawing.encode(encoding)) == []


def test_hostile_svg_files_are_refused_with_file_and_line(tmp_path):
    content = news_site(tmp_path)
    (content / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    for name in ("script", "external_image", "doctype", "not_xml"):
        (content / "images" / f"{name}.svg").write_bytes(HOSTILE_SVG[name][0])
    assert sorted(refused(tmp_path, content)) == [
        f"content/images/doctype.svg:2 : {SVG_DOCTYPE}",
        "content/images/external_image.svg:2 : "
        + SVG_EXTERNAL.format("lien vers https://ailleurs.example/suivi.png"),
        f"content/images/not_xml.svg:1 : {SVG_UNREADABLE}",
        "content/images/script.svg:2 : " + SVG_SCRIPT.format("élément <script>"),
    ]


def test_documents_and_drawings_within_limits_are_published_as_they_are(tmp_path):
    content = news_site(tmp_path)
    (content / "images" / "logo.svg").write_text(LOGO, encoding="utf-8")
    (content / "documents" / "compte-rendu.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    links = (
        "![Le logo]({static}/images/logo.svg)\n\n"
        "[Le compte rendu]({static}/documents/compte-rendu.pdf)"
    )
    (content / "actualites" / "bonne.md").write_text(
        NEWS.replace("Texte.", links), encoding="utf-8"
    )
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 0, result.stderr
    for name in ("images/logo.svg", "documents/compte-rendu.pdf"):
        published = tmp_path / "output" / name
        assert published.read_bytes() == (content / name).read_bytes()


def test_drawings_that_stopped_the_build_are_refused_in_french(tmp_path):
    content = news_site(tmp_path)
    for name in ("escape_past_unicode", "escape_past_unicode_in_an_attribute"):
        (content / "images" / f"{name}.svg").write_bytes(HOSTILE_SVG[name][0])
    (content / "images" / "japonais.svg").write_bytes(HOSTILE_SVG["multi_byte_encoding"][0])
    (content / "images" / "inconnu.svg").write_bytes(HOSTILE_SVG["unknown_encoding"][0])
    assert sorted(refused(tmp_path, content)) == [
        f"content/images/escape_past_unicode.svg:2 : {SVG_UNREADABLE}",
        f"content/images/escape_past_unicode_in_an_attribute.svg:2 : {SVG_UNREADABLE}",
        "content/images/inconnu.svg:1 : " + SVG_ENCODING.format("klingon"),
        "content/images/japonais.svg:1 : " + SVG_ENCODING.format("Shift_JIS"),
    ]


def test_a_pdf_that_is_no_pdf_is_refused(tmp_path):
    content = news_site(tmp_path)
    (content / "images" / "compte-rendu.pdf").write_text("<?php system($_GET['c']); ?>")
    (content / "images" / "vrai.pdf").write_bytes(PDF)
    assert refused(tmp_path, content) == [f"content/images/compte-rendu.pdf : {PDF_NOT_PDF}"]


# (name, what is wrong with it, the name suggested)
BAD_NAMES = {
    "second_extension": ("compte-rendu.php.pdf", "plus d’un point", "compte-rendu-php.pdf"),
    "line_break": ("compte\nrendu.pdf", "un caractère invisible, U+000A", "compte-rendu.pdf"),
    "space": ("Compte rendu.pdf", "une espace", "compte-rendu.pdf"),
    "no_break_space": (
        "Compte\u00a0rendu.pdf",
        "un caractère invisible, U+00A0",
        "compte-rendu.pdf",
    ),
    "hash": ("réunion#2.jpg", "le caractère « # »", "reunion2.jpg"),
    "percent": ("100%.jpg", "le caractère « % »", "100.jpg"),
    "question_mark": ("quoi?.jpg", "le caractère « ? »", "quoi.jpg"),
    "quote": ("l'été.jpg", "le caractère « ' »", "lete.jpg"),
    "no_extension": ("LISEZMOI", "pas d’extension", "lisezmoi"),
    "leading_dash": ("-rf.pdf", "il commence par « - »", "rf.pdf"),
    "not_utf8": (
        b"caf\xe9.jpg".decode(errors="surrogateescape"),
        "un caractère illisible",
        "caf.jpg",
    ),
    "greek_letter": ("αβ.jpg", "le caractère « α »", "ab.jpg"),
    "too_long": ("x" * 97 + ".pdf", "plus de 100 caractères", "x" * 96 + ".pdf"),
    "too_long_for_ftp": ("é" * 101 + ".jpg", "plus de 100 caractères", "e" * 96 + ".jpg"),
}


@pytest.mark.parametrize("name, what, suggestion", BAD_NAMES.values(), ids=BAD_NAMES.keys())
def test_a_name_that_cannot_be_an_address_is_named_with_a_better_one(name, what, suggestion):
    assert name_problem(name, is_folder=False) == what
    assert suggested_name(name, False, {}) == suggestion


@pytest.mark.parametrize(
    "name", ["réunion.jpg", "IMG_2034.JPG", "plan-2026_v2.pdf", "Œuvre-çà.png", "x" * 96 + ".pdf"]
)
def test_letters_accented_or_not_digits_dashes_and_underscores_make_a_name(name):
    assert name_problem(name, is_folder=False) is None


def test_badly_named_files_and_folders_are_refused_before_publishing(tmp_path):
    content = news_site(tmp_path)
    images = content / "images"
    (images / "compte-rendu.php.pdf").write_bytes(PDF + b"<?php system($_GET['c']); ?>")
    (images / "compte\nrendu.pdf").write_bytes(PDF)
    (images / ("compte-rendu-" + "x" * 230 + ".pdf")).write_bytes(PDF)  # 247 bytes
    (images / "Photos 2026").mkdir()
    (images / "Photos 2026" / "affiche.pdf").write_bytes(PDF)
    # Never published, whatever their names: what Pelican passes over.
    for ignored in (
        ".DS_Store",
        "Thumbs.db",
        "notes de réunion.pdf~",
        "#brouillon.pdf#",
        "~$rapport.pdf",
    ):
        (images / ignored).write_bytes(b"")
    (images / "réunion_2026-03.pdf").write_bytes(PDF)
    assert sorted(refused(tmp_path, content)) == [
        "content/images/Photos 2026 : " + FOLDER_NAME.format("une espace", "photos-2026"),
        "content/images/compte-rendu-"
        + "x" * 230
        + ".pdf : "
        + FILE_NAME.format("plus de 100 caractères", "compte-rendu-" + "x" * 83 + ".pdf"),
        "content/images/compte-rendu.php.pdf : "
        + FILE_NAME.format("plus d’un point", "compte-rendu-php.pdf"),
        "content/images/compte\ufffdrendu.pdf : "
        + FILE_NAME.format("un caractère invisible, U+000A", "compte-rendu.pdf"),
    ]


def test_folders_too_deep_for_pelicans_walk_are_refused_unwalked(tmp_path):
    """Pelican walks content/ recursively: 1,100 folders deep, a RecursionError."""
    content = news_site(tmp_path)
    folders = [content / "images"]
    for _ in range(1100):  # one at a time: mkdir(parents=True) recurses too
        folders.append(folders[-1] / "a")
        folders[-1].mkdir()
    (folders[-1] / "x.pdf").write_bytes(PDF)
    try:
        assert refused(tmp_path, content) == [f"content/images/a/a/a/a/a/a : {FOLDER_TOO_DEEP}"]
    finally:  # pytest's clean-up, shutil.rmtree, recurses as well
        (folders[-1] / "x.pdf").unlink()
        for folder in reversed(folders[1:]):
            folder.rmdir()


def test_six_folders_deep_is_fine(tmp_path):
    content = news_site(tmp_path)
    folder = content / "images" / "2026" / "fete" / "photos" / "samedi" / "soir"
    folder.mkdir(parents=True)
    (folder / "programme.pdf").write_bytes(PDF)
    settings = {"PATH": str(content), "STATIC_PATHS": ["images"]}
    check_content_files(settings)
    assert reported(settings) == 0


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(name=st.text(alphabet=".~#$abkBDT\n*?[]", max_size=8))
def test_a_file_is_passed_over_as_pelican_passes_it_over(name):
    """IGNORE_FILES as Pelican matches them: one pattern after the other, by fnmatch."""
    ignored = any(fnmatch.fnmatch(name, pattern) for pattern in IGNORE_FILES)
    assert is_ignored(("dossier", name), {"IGNORE_FILES": IGNORE_FILES}) is ignored
