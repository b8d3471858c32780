"""The main menu is written in content/site.toml (`[[menu]]` entries: a label and
the page it leads to, by its file or as one of the parts the site builds
itself), checked like any site fact: a careless menu stops the build with exact
French messages naming its line. The menu of fixtures/menu/ is the baseline's
(fixtures/site_facts/site.toml) replaced by each scenario's; its pages are
named for what they prove (a draft, a hidden page, an address that is not its
file's name)."""

import shutil
import tomllib

import pytest
from conftest import FIXTURES, ROOT, TEST_SITEURL, BuiltSite, assert_refused_exactly, run_build

from bimoc.build import build
from plugins.common.site_facts import MENU_SECTIONS
from plugins.common.typography import typeset_text

BASELINE = (FIXTURES / "site_facts" / "site.toml").read_text(encoding="utf-8")
# Its menu: from the first line [[menu]] (its comment shows one too) to the end.
BASELINE_MENU = BASELINE[BASELINE.index("\n[[menu]]") + 1 :]
# The line of site.toml where a scenario's menu starts (its line 1).
FIRST_LINE = BASELINE.removesuffix(BASELINE_MENU).count("\n") + 1
NNBSP = "\u202f"


VALUE = "menu ="
TABLES = "\n[contact]"  # the first table: values of the site come before it
VALUE_LINE = BASELINE[: BASELINE.index(TABLES)].count("\n") + 2


def at(line: int) -> str:
    """Where in site.toml a scenario's menu line is: 'content/site.toml:72'."""
    return f"content/site.toml:{FIRST_LINE + line - 1}"


def menu(*entries: tuple[str, str]) -> str:
    """[[menu]] entries, each of three lines and a blank one."""
    return "".join(f'[[menu]]\nlabel = "{label}"\npage = "{page}"\n\n' for label, page in entries)


def site_with_menu(folder, written: str):
    """A copy of fixtures/menu/ whose site.toml has this menu (TOML as written).
    One written as a value (`menu = …`) goes above the tables, where TOML takes it
    for the site's, not the last partner's."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "menu", content)
    text = BASELINE.replace(BASELINE_MENU, "" if written.startswith(VALUE) else written)
    if written.startswith(VALUE):
        text = text.replace(TABLES, f"\n{written}{TABLES}", 1)
    (content / "site.toml").write_text(text, encoding="utf-8")
    return content


MENU = menu(
    ("Accueil", "accueil"),
    ("Qui sommes-nous ?", "pages/qui-sommes-nous.md"),
    ("Nos actions", "pages/actions.md"),
    ("Actualités", "actualites"),
    ("Agenda", "agenda"),
)


@pytest.fixture(scope="module")
def menu_site(tmp_path_factory) -> BuiltSite:
    folder = tmp_path_factory.mktemp("menu")
    output = folder / "output"
    result = run_build(output, "--production", "--content", str(site_with_menu(folder, MENU)))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return BuiltSite(output, TEST_SITEURL, result)


def navigation(page) -> list[tuple[str, str, str | None]]:
    """(label, address, aria-current) of each link of the main menu, in order
    (labels as written out: their no-break spaces kept)."""
    links = page.xpath("//nav[@aria-label='Navigation principale']//a")
    return [(a.text_content().strip(), a.get("href"), a.get("aria-current")) for a in links]


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("", {"Accueil": "page"}),
        ("qui-sommes-nous/", {f"Qui sommes-nous{NNBSP}?": "page"}),
        ("nos-actions/", {"Nos actions": "page"}),
        ("actualites/", {"Actualités": "page"}),
        ("actualites/2026/une-nouvelle/", {"Actualités": "true"}),
        ("agenda/", {"Agenda": "page"}),
        ("hors-menu/", {}),
    ],
)
def test_the_menu_is_site_toml_s_in_order_with_the_current_page_marked(menu_site, url, current):
    """Labels typeset, each address the page's own (its Slug:, not its file name)."""
    assert navigation(menu_site.page(url)) == [
        ("Accueil", f"{TEST_SITEURL}/", current.get("Accueil")),
        (
            f"Qui sommes-nous{NNBSP}?",
            f"{TEST_SITEURL}/qui-sommes-nous/",
            current.get(f"Qui sommes-nous{NNBSP}?"),
        ),
        ("Nos actions", f"{TEST_SITEURL}/nos-actions/", current.get("Nos actions")),
        ("Actualités", f"{TEST_SITEURL}/actualites/", current.get("Actualités")),
        ("Agenda", f"{TEST_SITEURL}/agenda/", current.get("Agenda")),
    ]


def test_the_site_map_lists_the_menu_first_then_the_other_pages(menu_site):
    page = menu_site.page("plan-du-site/")
    links = page.xpath("//ul[@class='sitemap flow']/li/a")
    links = [(a.text_content().strip(), a.get("href")) for a in links]
    assert links[:5] == [(label, href) for label, href, _ in navigation(page)]
    assert sorted(label for label, _ in links[5:]) == ["Hors menu", "Plan du site"]


def test_a_site_without_a_site_toml_of_its_own_keeps_the_entries_it_has_pages_for(tmp_path):
    """A test's small site shows content/site.toml's facts; of its menu, the
    parts the site builds itself and the pages the small site has (here the
    first page of the real menu, whatever it is)."""
    entries = tomllib.loads((ROOT / "content" / "site.toml").read_text(encoding="utf-8"))["menu"]
    kept = next(entry["page"] for entry in entries if entry["page"] not in MENU_SECTIONS)
    content = tmp_path / "content"
    (content / kept).parent.mkdir(parents=True)
    (content / kept).write_text("Title: Une page\n\nUne page du menu.\n", encoding="utf-8")
    output = tmp_path / "output"
    assert build(output=output, content=content, settings={"SITEURL": TEST_SITEURL})
    labels = [label for label, _, _ in navigation(BuiltSite(output, TEST_SITEURL).page("agenda/"))]
    assert labels == [
        typeset_text(entry["label"]) for entry in entries if entry["page"] in (kept, *MENU_SECTIONS)
    ]
    assert len(labels) < len(entries)


FORMAT = (
    "une entrée du menu est faite de trois lignes : [[menu]], puis label (le texte du lien) "
    "et page (le fichier de la page où il mène)"
)
PAGE_FIX = (
    'écrivez le nom du fichier d’une page, par exemple : page = "pages/actions.md", ou '
    "l’une des parties que le site construit lui-même : accueil, actualites, agenda"
)

# scenario: (the menu as written, the exact messages)
SCENARIOS = {
    "a_missing_quote": (
        '[[menu]]\nlabel = "Accueil\npage = "accueil"\n',
        [
            f"{at(2)} : le fichier est illisible à cette ligne — vérifiez les guillemets et le "
            'signe « = » de la ligne, par exemple : phone = "05 34 44 50 28"'
        ],
    ),
    "no_menu": (
        "",
        [
            "content/site.toml : le site n’a pas de menu — ajoutez une entrée par lien, dans "
            'l’ordre : une ligne [[menu]], puis label = "Accueil" et page = "accueil", en '
            "vous aidant de l’historique du fichier"
        ],
    ),
    "an_empty_menu": (
        "menu = []\n",
        [
            f"content/site.toml:{VALUE_LINE} : le site n’a pas de menu — ajoutez une entrée par "
            'lien, dans l’ordre : une ligne [[menu]], puis label = "Accueil" et page = '
            '"accueil", en vous aidant de l’historique du fichier'
        ],
    ),
    "a_menu_of_labels_only": (
        'menu = ["Accueil", "Actualités"]\n',
        [
            f"content/site.toml:{VALUE_LINE} : « menu » doit être une suite d’entrées, chacune "
            f"sous une ligne [[menu]] — {FORMAT}"
        ],
    ),
    "entries_without_label_or_page": (
        '[[menu]]\npage = "accueil"\n\n[[menu]]\nlabel = "Actualités"\n\n'
        '[[menu]]\nlabel = ""\npage = "agenda"\n',
        [
            f"{at(1)} : il manque « label » à cette entrée du menu — écrivez sous sa ligne "
            '[[menu]] une ligne comme : label = "Actions"',
            f"{at(4)} : il manque « page » à cette entrée du menu — écrivez sous sa ligne "
            '[[menu]] une ligne comme : page = "pages/actions.md"',
            f"{at(8)} : il manque « label » à cette entrée du menu — écrivez sous sa ligne "
            '[[menu]] une ligne comme : label = "Actions"',
        ],
    ),
    "a_label_as_a_number": (
        '[[menu]]\nlabel = 2026\npage = "accueil"\n',
        [
            f"{at(2)} : l’information « menu.label » doit être un texte entre guillemets — "
            'écrivez-la entre guillemets droits, par exemple : label = "Actions"'
        ],
    ),
    "unknown_keys": (
        '[[menu]]\nlabel = "Accueil"\npage = "accueil"\nurl = "/"\n\n'
        '[[menu]]\nlabel = "Agenda"\npages = "agenda"\n',
        [
            # (this entry has its page: the key is no misspelling of it)
            f"{at(4)} : la clé « url » est inconnue dans une entrée du menu — {FORMAT}",
            f"{at(8)} : la clé « pages » est inconnue dans une entrée du menu — vouliez-vous "
            f"écrire « page » ? {FORMAT}",
            f"{at(6)} : il manque « page » à cette entrée du menu — écrivez sous sa ligne "
            '[[menu]] une ligne comme : page = "pages/actions.md"',
        ],
    ),
    "a_label_too_long_for_a_phone": (
        menu(("Rencontres professionnelles 2026", "accueil")),
        [
            f"{at(2)} : le texte « Rencontres professionnelles 2026 » du menu a 32 caractères : "
            "au-delà de 30, il prend trois lignes sur un téléphone — raccourcissez-le ; la page "
            "garde son titre complet"
        ],
    ),
    "too_many_entries": (
        menu(*[(f"Page {n}", f"pages/page-{n}.md") for n in range(1, 11)]),
        [
            f"{at(25)} : le menu a 10 entrées : au-delà de 6, on ne le lit plus d’un coup "
            "d’œil et il encombre le haut de l’écran d’un téléphone — retirez des entrées, ou "
            "regroupez des pages courtes en une seule ; toutes les pages restent dans le plan "
            "du site"
        ],
    ),
    "the_same_page_or_label_twice": (
        menu(
            ("Accueil", "accueil"),
            ("Nos actions", "pages/actions.md"),
            ("Actions", "pages/actions.md"),
            ("Accueil", "agenda"),
        ),
        [
            f"{at(11)} : cette entrée du menu mène à « pages/actions.md », comme l’entrée "
            "« Nos actions » — retirez l’une des deux entrées, de sa ligne [[menu]] à sa "
            "ligne page",
            f"{at(14)} : deux entrées du menu s’appellent « Accueil » — donnez à chacune son "
            "propre texte, ou retirez l’une d’elles",
        ],
    ),
    "a_link_to_another_site": (
        menu(("L’ACIM", "https://acim.asso.fr"), ("Écrire", "mailto:x@exemple.fr")),
        [
            f"{at(3)} : « https://acim.asso.fr » est l’adresse d’un autre site : le menu ne "
            "mène qu’aux pages de ce site — mettez ce lien dans le texte d’une page, et "
            'écrivez ici le nom du fichier d’une page, par exemple : page = "pages/actions.md"',
            f"{at(7)} : « mailto:x@exemple.fr » est l’adresse d’un autre site : le menu ne "
            "mène qu’aux pages de ce site — mettez ce lien dans le texte d’une page, et "
            'écrivez ici le nom du fichier d’une page, par exemple : page = "pages/actions.md"',
        ],
    ),
    "a_blank_label_and_a_path_written_otherwise": (
        menu(("\u00a0 ", "pages/actions.md"), ("Actions", "./pages/actions.md")),
        [
            f"{at(2)} : le texte « \u00a0  » d’un lien du menu ne contient aucune lettre : le "
            'lien n’aurait pas de nom — écrivez le texte du lien, par exemple : label = "Actions"',
            f"{at(7)} : la page « ./pages/actions.md » du menu est écrite d’une façon que la "
            'construction ne reconnaît pas — écrivez-la ainsi : page = "pages/actions.md"',
        ],
    ),
    "pages_that_do_not_exist": (
        menu(
            ("Qui", "pages/qui-sommes-nous"),
            ("Actions", "/nos-actions/"),
            ("Presse", "pages/presse.md"),
            ("Nouvelles", "Actualités"),
            ("Secret", "../../pelicanconf.py"),
        ),
        [
            f"{at(3)} : la page « pages/qui-sommes-nous » du menu n’existe pas — vouliez-vous "
            f"dire « pages/qui-sommes-nous.md » ? {PAGE_FIX}",
            f"{at(7)} : la page « /nos-actions/ » du menu n’existe pas — vouliez-vous dire "
            f"« pages/actions.md » ? {PAGE_FIX}",
            f"{at(11)} : la page « pages/presse.md » du menu n’existe pas — {PAGE_FIX}",
            f"{at(15)} : la page « Actualités » du menu n’existe pas — vouliez-vous dire "
            f"« actualites » ? {PAGE_FIX}",
            f"{at(19)} : la page « ../../pelicanconf.py » du menu n’existe pas — {PAGE_FIX}",
        ],
    ),
    "a_news_item_a_draft_and_a_hidden_page": (
        menu(
            ("Nouvelle", "actualites/2026-01-10-nouvelle.md"),
            ("Brouillon", "pages/brouillon.md"),
            ("Introuvable", "pages/404.md"),
        ),
        [
            f"{at(3)} : « actualites/2026-01-10-nouvelle.md » n’est pas une page du dossier "
            "pages/ — le menu mène aux pages et aux parties que le site construit lui-même : "
            'choisissez une page, par exemple : page = "pages/actions.md", ou la liste des '
            'actualités : page = "actualites"',
            f"{at(7)} : la page « pages/brouillon.md » du menu est un brouillon, qui ne sera "
            "pas publié — publiez d’abord ce fichier (supprimez sa ligne « Status: draft »), "
            "ou retirez son entrée du menu",
            f"{at(11)} : la page « pages/404.md » du menu est cachée (Status: hidden) — retirez "
            "son entrée du menu ; ou, si cette page doit être dans le menu, supprimez sa ligne "
            "« Status: hidden »",
        ],
    ),
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_a_careless_menu_is_refused_with_its_line(scenario, tmp_path):
    written, expected = SCENARIOS[scenario]
    assert_refused_exactly(site_with_menu(tmp_path, written), expected, tmp_path / "output")
