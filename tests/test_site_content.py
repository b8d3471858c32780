"""Every fact of the group's flyer is on the built site, where a visitor looks for it."""

import copy
import datetime
import re

import lxml.html
import pytest
from conftest import TEST_SITEURL, VERIFIED_MEETINGS, BuiltSite, text_of

from bimoc.build import build
from pelicanconf import SITE
from plugins.common.french import french_date

ACTIONS = {  # anchor on the Actions page: words of the flyer found in that section
    "mediatique": ["Médiatique", "tremplin annuel de présentation d’artistes"],
    "occitanie-music-box": ["Occitanie Music Box", "scène musicale en région", "2021"],
    "auto-formation": ["auto-formation interne", "compétences spécifiques"],
    "formation-cnfpt": ["CNFPT", "plan de formation en bibliothèques"],
}
MEANS = [
    "hébergé gracieusement sur les serveurs de l’ACIM",
    "Facebook",
    "Twitter",
    "liste de diffusion interne",
    "commission d’élaboration du plan de formation des bibliothécaires",
]
CONTACT_EMAIL = "mailto:montserrat.sanchez@occitanielivre.fr"
CONTACT_PHONE = "tel:+33534445028"


def links(page) -> set[str]:
    return {a.get("href") for a in page.iter("a")}


def section_text(page, anchor: str) -> str:
    """The text of a page's h2 section: the heading and what follows, to the next h2."""
    heading = page.get_element_by_id(anchor)
    parts = [text_of(heading)]
    for sibling in heading.itersiblings():
        if sibling.tag == "h2":
            break
        parts.append(text_of(sibling))
    return " ".join(parts)


def test_who_we_are_states_the_three_objectives(site):
    text = section_text(site.page("qui-sommes-nous/"), "objectifs")
    for words in [
        "ressources matérielles",
        "coûts d’opérations diverses",
        "prêt d’outils de médiation musicale",
        "venue d’intervenantes et d’intervenants",
        "confrontent leurs idées afin de dégager de nouvelles pistes",
        "en réponse aux enjeux du métier",
        "Être acteur des décisions relatives aux formations",
    ]:
        assert words in text, words


def test_home_presents_the_group_its_actions_current_news_and_how_to_join(site):
    home = site.page("")
    assert "professionnels de la documentation musicale" in text_of(home.xpath("//h1")[0])
    actions = home.xpath("//ul[@class='entry-points']//h3/a/@href")
    assert actions == [f"{site.siteurl}/actions/#{anchor}" for anchor in ACTIONS]
    # News are current for twelve months: the meetings' reports of 2006-2015 are history.
    news = home.xpath("//section[@aria-labelledby='dernieres-actualites']//h3/a/@href")
    news = [href.removeprefix(f"{site.siteurl}/") for href in news]
    assert news == site.listed("actualites/")[: len(news)]
    assert not set(news) & set(VERIFIED_MEETINGS.values())
    years = home.xpath("//section[@aria-labelledby='historique']//a/@href")
    assert f"{site.siteurl}/agenda/historique/#annee-2006" in years
    call = home.xpath("//section[@aria-labelledby='rejoindre']")[0]
    assert "Rejoindre le groupe" in text_of(call)
    assert {CONTACT_EMAIL, CONTACT_PHONE} <= links(call)


@pytest.mark.parametrize("anchor, words", ACTIONS.items())
def test_each_action_has_its_own_linked_section(site, anchor, words):
    actions = site.page("actions/")
    heading = actions.get_element_by_id(anchor)
    assert heading.tag == "h2"
    section_text = (
        text_of(heading)
        + " "
        + " ".join(text_of(sibling) for sibling in heading.itersiblings() if sibling.tag == "p")
    )
    for word in words:
        assert word in section_text
    assert f"{site.siteurl}/actions/#{anchor}" in links(site.page("plan-du-site/"))


def test_who_we_are_lists_the_four_means(site):
    text = section_text(site.page("qui-sommes-nous/"), "moyens")
    for mean in MEANS:
        assert mean in text


def test_nothing_reads_as_a_missing_link(site):
    """« une page Facebook » names something to open: said only as a link. The
    group's presence on social networks is said without one while its addresses
    are unknown."""
    for path in site.html_files():
        main = site.page(site.url_of(path)).xpath("//main")[0]
        unlinked = " ".join(" ".join(main.xpath(".//text()[not(ancestor::a)]")).split())
        for words in ("page Facebook", "compte Twitter"):
            assert words not in unlinked, (path, words)


def test_social_links_are_hidden_while_unknown(site):
    for path in site.html_files():
        hrefs = links(site.page(site.url_of(path)))
        assert not any("facebook.com" in h or "twitter.com" in h for h in hrefs if h)
    assert "nous-suivre" not in site.page("qui-sommes-nous/").xpath("//@id")


def test_unknown_facts_appear_once_set(tmp_path):
    facts = copy.deepcopy(SITE)
    facts["social"]["facebook"] = "https://www.facebook.com/exemple"
    facts["social"]["mailing_list"] = "liste@exemple.fr"
    facts["founding_year"] = "1999"
    facts["members"] = ["Médiathèque exemple"]
    output = tmp_path / "output"
    assert build(output=output, settings={"SITE": facts, "SITEURL": TEST_SITEURL})
    built = BuiltSite(output, TEST_SITEURL)
    about = built.page("qui-sommes-nous/")
    assert "https://www.facebook.com/exemple" in links(about.xpath("//main")[0])
    assert "https://www.facebook.com/exemple" in links(built.page("").xpath("//footer")[0])
    assert "mailto:liste@exemple.fr" in links(about.xpath("//main")[0])
    assert not any("twitter.com" in h for h in links(about) if h)
    about = text_of(built.page("qui-sommes-nous/").xpath("//main")[0])
    assert "créé en 1999" in about and "Médiathèque exemple" in about


def test_a_missing_site_fact_is_reported_in_french(tmp_path, capsys):
    facts = copy.deepcopy(SITE)
    del facts["contact"]["email"]
    assert not build(output=tmp_path / "output", settings={"SITE": facts, "SITEURL": TEST_SITEURL})
    errors = capsys.readouterr().err
    # On the line of its table, [contact] (which editors may move: any line).
    assert re.search(r"content/site\.toml:\d+ : il manque l’information « contact\.email »", errors)
    assert "Traceback" not in errors


def test_contact_page_gives_working_mailto_and_tel_links(site):
    page = site.page("rejoindre/")
    text = text_of(page)
    assert "Montserrat Sanchez" in text
    assert "chargée de mission" in text
    assert {CONTACT_EMAIL, CONTACT_PHONE, "https://www.occitanielivre.fr"} <= links(page)


def test_partners_are_presented_and_linked(site):
    page = site.page("qui-sommes-nous/")
    assert {"https://acim.asso.fr", "https://www.occitanielivre.fr"} <= links(page)
    text = text_of(page)
    for fact in [
        "bibliothécaires musicaux et de personnes chargées de fonds sonores",
        "bmmp",
        "membre associé",
        # ACIM's rule of 2008 for its associated groups, said as of then
        "En 2008, les groupes territoriaux associés ne payaient pas de cotisation",
    ]:
        assert fact in text


def test_every_verified_meeting_report_is_a_news_item_dated_on_the_meeting_day(site):
    reports = site.listed("actualites/categorie/comptes-rendus/")
    for event, report in VERIFIED_MEETINGS.items():
        assert report in reports
        article = site.page(report)
        assert "Source : ancien site du groupe, compte rendu" in text_of(article)
        (published,) = article.xpath("//article//time/@datetime")
        (held,) = site.page(event).xpath("//dl[@class='event-facts']//time/@datetime")
        assert published[:10] == held[:10], report
        # The meeting's day, said as such (not « Publié le »).
        (meta,) = article.xpath("//article//p[@class='meta']")
        day = datetime.date.fromisoformat(held[:10])
        assert text_of(meta).startswith(f"Réunion du {french_date(day)} · "), report


def test_the_history_lists_each_verified_meeting_once_by_its_report(site):
    history = site.page("agenda/historique/").xpath("//main")[0]
    listed = [href.removeprefix(f"{site.siteurl}/") for href in history.xpath(".//h3/a/@href")]
    for event, report in VERIFIED_MEETINGS.items():
        assert listed.count(report) == 1, report
        assert event not in listed, "not the event beside its report"
        page = site.page(event)
        assert not page.xpath("//a[normalize-space()='Ajouter à mon agenda']"), event
    assert len(listed) == len(set(listed))


def test_legal_notice_names_publisher_and_host(site):
    text = text_of(site.page("mentions-legales/"))
    assert "Éditeur" in text and "BIMOC" in text
    assert "Hébergeur" in text and "ACIM" in text
    # The site has a form, the search field: the notice says what becomes of what is typed.
    assert "aucun formulaire" not in text
    assert "Son seul formulaire est le champ de recherche" in text
    # True whatever editors add: a photo is credited where it is shown.
    assert "aucune photographie" not in text
    assert "Les photographies publiées sont créditées dans leur légende" in text


def test_every_page_has_one_h1_and_announces_both_feeds(site):
    feeds = [f"{site.siteurl}/flux/actualites.atom.xml", f"{site.siteurl}/flux/actualites.rss.xml"]
    for path in site.html_files():
        page = site.page(site.url_of(path))
        assert len(page.xpath("//h1")) == 1, path
        expected = set(feeds)
        if path.parent.name == "agenda" and path.parent.parent == site.root:
            expected.add(f"{site.siteurl}/flux/agenda.atom.xml")
        if "/categorie/" in str(path):  # and the category's own feeds (on each of its pages)
            slug = site.url_of(path).split("/")[2]
            expected |= {
                f"{site.siteurl}/flux/categorie/{slug}.{kind}.xml" for kind in ("rss", "atom")
            }
        assert set(page.xpath("//head/link[@rel='alternate']/@href")) == expected, path


def test_accessibility_statement_follows_the_rgaa_model(site):
    page = site.page("accessibilite/")
    text = text_of(page)
    assert "non conforme" in text and "RGAA" in text and "4.1.2" in text
    headings = [text_of(h) for h in page.xpath("//main//h2")]
    assert headings == [
        "État de conformité",
        "Ce qui fonctionne",  # the results of the tests
        "Ce qui peut encore gêner",  # what is not accessible, or not checked
        "Établissement de cette déclaration",
        "Signaler un problème",
        "Voies de recours",
    ]
    assert "Défenseur des droits" in text
    # A problem is reported by e-mail to the contact of site.toml, not through a page.
    report = page.get_element_by_id("signaler-un-probleme").getnext()
    assert links(report) == {CONTACT_EMAIL}
    assert "https://formulaire.defenseurdesdroits.fr/" in links(page)
    assert "mise à jour le" in text and "réécrite" not in text
    # Every page loads the menu's script (theme/static/js/menu.js): the statement says so.
    assert site.page("").xpath("//script[contains(@src, '/menu.js')]")
    assert "JavaScript pour la seule recherche" not in text


def test_every_footer_states_the_accessibility_status(site):
    for path in site.html_files():
        footer = site.page(site.url_of(path)).xpath("//footer")[0]
        link = footer.xpath(".//a[contains(@href, '/accessibilite/')]")[0]
        assert text_of(link) == "Accessibilité : non conforme", path


def test_headings_never_skip_a_level(site):
    for path in site.html_files():
        levels = [
            int(h.tag[1])
            for h in site.page(site.url_of(path)).iter("h1", "h2", "h3", "h4", "h5", "h6")
        ]
        assert levels[0] == 1, path
        for previous, current in zip(levels, levels[1:], strict=False):
            assert current <= previous + 1, f"{path}: h{previous} then h{current}"


def test_every_page_has_the_same_footer_with_its_links(site):
    footers = set()
    for path in site.html_files():
        page = site.page(site.url_of(path))
        (footer,) = page.xpath("//footer[@class='site-footer']")
        footers.add(lxml.html.tostring(footer))
    (footer,) = footers  # rendered once per build: the same on every page
    hrefs = lxml.html.fromstring(footer).xpath("//a/@href")
    for address in ("mentions-legales/", "accessibilite/", "plan-du-site/", "s-abonner/"):
        assert f"{site.siteurl}/{address}" in hrefs
    # The feeds themselves are on the page that explains them (and in each head):
    # a phone's footer lists what a visitor looks for there, short.
    assert not [href for href in hrefs if "/flux/" in href]
    assert f"{site.siteurl}/flux/actualites.atom.xml" in links(site.page("s-abonner/"))
    # The contact link says what it does: it shows the address it writes to.
    (mail,) = lxml.html.fromstring(footer).xpath("//a[starts-with(@href, 'mailto:')]")
    assert "mailto:" + text_of(mail) == CONTACT_EMAIL
