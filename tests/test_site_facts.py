"""content/site.toml, the facts every page shows, is checked like any content:
each fact present and of its kind, every address one a visitor may follow
safely, the partners the theme names, categories that each give their own
address. A hostile or careless site.toml stops the build with exact French
messages naming its line, no traceback, nothing written. Each scenario is a
small site bringing its own site.toml: fixtures/site_facts/site.toml (a frozen
copy of the real one, so that its lines stay put) with one change."""

import json
import shutil

import lxml.html
import pytest
from conftest import FIXTURES, ROOT, TEST_SITEURL, assert_refused_exactly

from bimoc.build import build
from plugins.common.toml_lines import toml_line
from plugins.content_checks.site_facts_checks import site_fact_problems

BASELINE = (FIXTURES / "site_facts" / "site.toml").read_text(encoding="utf-8")
WHERE = "content/site.toml"
TEXT_FIX = "écrivez-la entre guillemets droits, par exemple : "
TEXTS_FIX = "écrivez les textes entre crochets, séparés par des virgules, par exemple : "
WEB_FIX = "écrivez l’adresse complète de la page web, qui commence par https://, par exemple : "

# scenario: ({line as written: what the editor wrote instead}, exact messages)
SCENARIOS = {
    "javascript_and_data_links": (
        {
            'website = "https://www.occitanielivre.fr"': 'website = "javascript:alert(4)"',
            'facebook = ""': 'facebook = "javascript:alert(document.domain)"',
            'url = "https://acim.asso.fr"': 'url = "data:text/html;base64,PHNjcmlwdD4="',
        },
        [
            f"{WHERE}:29 : l’adresse « javascript:alert(4) » de « contact.website » commence "
            f"par « javascript: », que le site refuse — {WEB_FIX}"
            'website = "https://www.occitanielivre.fr"',
            f"{WHERE}:33 : l’adresse « javascript:alert(document.domain) » de "
            f"« social.facebook » commence par « javascript: », que le site refuse — {WEB_FIX}"
            'facebook = "https://www.facebook.com/bimoc"',
            f"{WHERE}:53 : l’adresse « data:text/html;base64,PHNjcmlwdD4= » de « partners.url » "
            f"commence par « data: », que le site refuse — {WEB_FIX}"
            'url = "https://acim.asso.fr"',
        ],
    ),
    "addresses_not_web_nor_email": (
        {
            'twitter = ""': 'twitter = "twitter.com/bimoc"',
            'facebook = ""': 'facebook = "https://www.facebook.com/bimoc\\n"',
            'mailing_list = ""': 'mailing_list = "mailto:liste@exemple.fr"',
            'email = "montserrat.sanchez@occitanielivre.fr"': 'email = "montserrat sanchez"',
        },
        [
            f"{WHERE}:26 : l’adresse « montserrat sanchez » de « contact.email » contient un "
            "caractère interdit (espace) — recopiez l’adresse sans espace, guillemet ni saut de "
            'ligne, par exemple : email = "montserrat.sanchez@occitanielivre.fr"',
            f"{WHERE}:33 : l’adresse « https://www.facebook.com/bimoc[saut de ligne] » de "
            "« social.facebook » contient un caractère interdit (saut de ligne) — recopiez "
            "l’adresse sans espace, guillemet ni saut de ligne, par exemple : "
            'facebook = "https://www.facebook.com/bimoc"',
            f"{WHERE}:34 : « twitter.com/bimoc » (« social.twitter ») n’est pas l’adresse d’une "
            "page web — écrivez l’adresse complète, qui commence par https:// (ou http://), "
            'par exemple : twitter = "https://twitter.com/bimoc"',
            f"{WHERE}:36 : l’adresse électronique « mailto:liste@exemple.fr » de "
            "« social.mailing_list » commence par « mailto: » — écrivez l’adresse seule, le site "
            'ajoute « mailto: » lui-même, par exemple : mailing_list = "liste@exemple.fr"',
        ],
    ),
    "phone_as_a_number": (
        {'phone = "05 34 44 50 28"': "phone = 534445028"},
        [
            f"{WHERE}:28 : l’information « contact.phone » doit être un texte entre guillemets "
            f'— {TEXT_FIX}phone = "05 34 44 50 28"'
        ],
    ),
    "year_as_a_number": (
        {'founding_year = ""': "founding_year = 2005"},
        [
            f"{WHERE}:10 : l’information « founding_year » doit être un texte entre guillemets "
            f'— {TEXT_FIX}founding_year = "2005"'
        ],
    ),
    "members_as_tables": (
        {"members = []": "members = [{a = 1}]"},
        [
            f"{WHERE}:13 : l’information « members » doit être une liste de textes entre "
            f'guillemets — {TEXTS_FIX}members = ["Médiathèque José-Cabanis (Toulouse)"]'
        ],
    ),
    "categories_as_one_text": (
        {
            'categories = ["Actualités", "Comptes rendus", "Formations"]': (
                'categories = "Actualités, Comptes rendus, Formations"'
            )
        },
        [
            f"{WHERE}:20 : l’information « categories » doit être une liste de textes entre "
            f'guillemets — {TEXTS_FIX}categories = ["Actualités", "Comptes rendus", "Formations"]'
        ],
    ),
    "category_without_slug": (
        {'"Formations"]': '"Formations", "???"]'},
        [
            f"{WHERE}:20 : la rubrique « ??? » ne donne aucune adresse : il lui faut au moins une "
            "lettre ou un chiffre — renommez-la, par exemple « Formations »"
        ],
    ),
    "categories_with_the_same_slug": (
        {'"Formations"]': '"Formations", "FORMATIONS"]'},
        [
            f"{WHERE}:20 : les rubriques « Formations » et « FORMATIONS » auraient la même adresse "
            "(/actualites/categorie/formations/) : l’une effacerait l’autre, avec son flux — "
            "gardez une seule de ces rubriques, ou renommez l’une d’elles"
        ],
    ),
    "partner_without_name_nor_address": (
        {'name = "ACIM"': 'name = ""', 'url = "https://acim.asso.fr"\n': ""},
        [
            f"{WHERE}:50 : il manque l’information « partners.url » à ce partenaire — ajoutez "
            'sous « [[partners]] » une ligne comme : url = "https://acim.asso.fr"',
            f"{WHERE}:51 : l’information « partners.name » est vide — remplissez-la : elle est "
            'affichée sur toutes les pages, par exemple : name = "ACIM"',
        ],
    ),
    "no_partner": (
        {
            BASELINE[BASELINE.index("# Les partenaires") : BASELINE.index("# Le menu")]: "",
            "\n[contact]": "partners = []\n\n[contact]",
        },
        [
            f"{WHERE}:21 : il n’y a aucun partenaire : le pied de page de chaque page nomme le "
            "premier, l’association à laquelle le groupe est associé — remettez en premier "
            'l’ACIM : une ligne « [[partners]] », puis name = "ACIM", full_name = "…" et '
            'url = "https://acim.asso.fr"'
        ],
    ),
    "invisible_characters_in_text": (
        {
            'name = "BIMOC"': 'name = "BIMOC\\u000b"',
            'role = "chargée de mission"': 'role = "chargée\\u0085 de mission"',
        },
        [
            f"{WHERE}:6 : l’information « name » contient un caractère invisible (tabulation "
            "verticale, le saut de ligne de Word) — retapez-la au clavier, entre guillemets "
            'droits, par exemple : name = "BIMOC"',
            f"{WHERE}:24 : l’information « contact.role » contient un caractère invisible "
            "(U+0085) — retapez-la au clavier, entre guillemets droits, par exemple : "
            'role = "chargée de mission"',
        ],
    ),
    "hidden_copy_in_the_email_address": (
        {
            'email = "montserrat.sanchez@occitanielivre.fr"': (
                'email = "montserrat.sanchez@occitanielivre.fr?bcc=espion%40evil.example"'
            )
        },
        [
            f"{WHERE}:26 : « montserrat.sanchez@occitanielivre.fr?bcc=espion%40evil.example » "
            "(« contact.email ») n’est pas une adresse électronique — écrivez une seule adresse, "
            "sans espace, de la forme nom@domaine.fr, par exemple : email = "
            '"montserrat.sanchez@occitanielivre.fr"',
        ],
    ),
}


def hostile_facts(changes: dict[str, str]) -> str:
    text = BASELINE
    for written, instead in changes.items():
        assert written in text, written
        text = text.replace(written, instead, 1)
    return text


@pytest.mark.parametrize("scenario", SCENARIOS, ids=str)
def test_a_hostile_site_toml_is_refused_with_its_line(scenario, tmp_path):
    changes, expected = SCENARIOS[scenario]
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.toml").write_text(hostile_facts(changes), encoding="utf-8")
    assert_refused_exactly(content, expected, tmp_path / "output")


def test_the_first_partner_is_the_association_whatever_its_name(tmp_path):
    """The theme names the first partner (footer, structured data), not one called
    "ACIM": renaming it is fine. The built site is a copy of content/ with its own
    site.toml, whose facts the build reads."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    facts = hostile_facts({'name = "ACIM"': 'name = "ACIM (association)"'})
    (content / "site.toml").write_text(facts, encoding="utf-8")
    output = tmp_path / "output"
    assert build(output=output, content=content, settings={"SITEURL": TEST_SITEURL})
    home = lxml.html.fromstring((output / "index.html").read_bytes())
    footer = " ".join(home.xpath("//footer//a/text()"))
    assert "ACIM (association)" in footer
    data = [json.loads(s) for s in home.xpath("//script[@type='application/ld+json']/text()")]
    organization = next(item for item in data if item.get("@type") == "Organization")
    assert organization["memberOf"]["name"] == "ACIM (association)"
    assert organization["memberOf"]["url"] == "https://acim.asso.fr"


def test_a_fact_table_written_as_a_value_is_refused(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text('social = "https://www.facebook.com/bimoc"\n', encoding="utf-8")
    facts = {"social": "https://www.facebook.com/bimoc"}
    problems = site_fact_problems(facts, {"SLUG_REGEX_SUBSTITUTIONS": []})
    table = next(problem for problem in problems if problem.code == "site_fact_table")
    assert table.details == {"key": "social"}
    assert toml_line(path, table.key) == 1
    assert not [p for p in problems if p.details.get("key", "").startswith("social.")]


def test_toml_line_finds_a_key_inside_its_table(tmp_path):
    path = tmp_path / "site.toml"
    path.write_text(BASELINE, encoding="utf-8")
    assert toml_line(path, "name") == 6
    assert toml_line(path, "name", "contact") == 23
    assert toml_line(path, "url", "partners", 1) == 58
    assert toml_line(path, "", "partners", 1) == 55
    assert toml_line(path, "phone", "social") is None
    assert toml_line(tmp_path / "absent.toml", "name") is None


def test_a_site_toml_not_in_utf8_is_refused_in_french(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.toml").write_bytes(BASELINE.encode("utf-8").replace("é".encode(), b"\xe9"))
    expected = [
        "content/site.toml : le fichier n’est pas enregistré en UTF-8 — ré-enregistrez-le en "
        "UTF-8 (Enregistrer sous…, Encodage : UTF-8)"
    ]
    assert_refused_exactly(content, expected, tmp_path / "output")
