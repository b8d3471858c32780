"""Files of content/ that are not Markdown: nothing outside content/ is ever read
or published through a symbolic link, every file type published as it is has a
size limit, and an SVG drawing is published only when it can run no script and
load nothing from elsewhere. Every refusal is a French message naming the file,
and the build stops before Pelican reads anything (output/ untouched)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_build

from plugins.common.problems import reported
from plugins.content_checks.files import check_content_files
from plugins.content_checks.svg import svg_problems

NEWS = "Title: Une nouvelle\nDate: 2026-01-15\nCategory: Actualités\n\nTexte.\n"
SECRET = "SECRET-7f3a9c-do-not-publish"
SYMLINK = (
    "ce fichier est un lien symbolique (un raccourci vers un autre emplacement) : le site ne le "
    "suit pas — remplacez-le par le fichier ou le dossier lui-même"
)
PDF_TOO_HEAVY = (
    "le document PDF pèse 10,1 Mo, plus que la limite de 10 Mo — réduisez-le (dans votre "
    "traitement de texte : Exporter au format PDF, en choisissant une taille de fichier réduite "
    "ou la compression des images), ou publiez-le ailleurs et faites un lien vers lui"
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
    """A content folder with one good news item and an (empty) images folder."""
    content = folder / "content"
    (content / "actualites").mkdir(parents=True)
    (content / "images").mkdir()
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
    with open(content / "images" / "rapport.pdf", "wb") as pdf:
        pdf.truncate(10 * 1024 * 1024 + 1)  # sparse: nothing written
    svg = LOGO.replace("<title>", "<!--" + "x" * (1024 * 1024) + "-->\n  <title>")
    (content / "images" / "plan.svg").write_text(svg, encoding="utf-8")
    assert sorted(refused(tmp_path, content)) == [
        f"content/images/plan.svg : {SVG_TOO_HEAVY}",
        f"content/images/rapport.pdf : {PDF_TOO_HEAVY}",
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
}


@pytest.mark.parametrize("data, expected", HOSTILE_SVG.values(), ids=HOSTILE_SVG.keys())
def test_a_hostile_svg_is_found_with_its_line(data, expected):
    found = [(p.line, p.code, p.details.get("what", "")) for p in svg_problems(data)]
    assert found == expected


def test_a_clean_logo_has_no_problem():
    assert svg_problems(LOGO.encode()) == []


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
    (content / "images" / "compte-rendu.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(2000))
    links = (
        "![Le logo]({static}/images/logo.svg)\n\n"
        "[Le compte rendu]({static}/images/compte-rendu.pdf)"
    )
    (content / "actualites" / "bonne.md").write_text(
        NEWS.replace("Texte.", links), encoding="utf-8"
    )
    result = run_build(tmp_path / "output", "--content", str(content))
    assert result.returncode == 0, result.stderr
    for name in ("logo.svg", "compte-rendu.pdf"):
        published = tmp_path / "output" / "images" / name
        assert published.read_bytes() == (content / "images" / name).read_bytes()
