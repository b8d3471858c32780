"""The agenda and the history never outgrow the first round trip: past
EVENTS_PER_PAGE events, the agenda follows on numbered pages (soonest first) and
the history on pages of whole years, each titled by its years, with a French
navigation between them. A site with a few events keeps one page of each, as
before. Built from a site of 250 events written here (in tmp_path), with
summaries as long as the automatic ones and words that compress badly."""

import random
import shutil
from urllib.parse import urlsplit

import lxml.etree
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import FIXTURES, BuiltSite, assert_refused_exactly, build_fixture, run_build, text_of
from test_browser import AXE_OPTIONS
from test_page_weight import MAX_HTML_GZIP, gzipped_size

from bimoc.output_checks import find_broken_links, html_errors
from bimoc.serve import free_port, start_server
from plugins.agenda.agenda import EVENTS_PER_PAGE, history_parts
from plugins.summaries.summaries import MAX_LENGTH

BUILD_DATE = "2027-01-01"
PAST_YEARS = range(2010, 2020)  # 13 meetings a year: three years a page, 2019 alone
PER_YEAR = 13
HISTORY = "agenda/historique/"
# Syllables of made-up words: a summary of them compresses about as badly as
# varied French (the measured cost of a card, plugins/agenda: EVENTS_PER_PAGE).
SYLLABLES = (
    "ba bé ci do fa gu la li mé no pa ra ré si ta to va vi zo ch ou an in on eu or ur".split()
)


def made_up(rng: random.Random, length: int) -> str:
    words = []
    while len(" ".join(words)) < length:
        words.append("".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))))
    return " ".join(words)[:length].rsplit(" ", 1)[0].capitalize()


def event_file(rng: random.Random, slug: str, day: str) -> str:
    return (
        f"Title: {made_up(rng, 60)}\nSlug: {slug}\nStart: {day} 09:30\nEnd: {day} 16:30\n"
        f"Place: {made_up(rng, 40)}\nTown: {made_up(rng, 15)}\n"
        f"Summary: {made_up(rng, MAX_LENGTH)}.\n\n{made_up(rng, 300)}.\n"
    )


# Slug → day. Meetings n and n + 12 of a year share a day: the agenda then lists them by slug.
PAST = {
    f"reunion-{year}-{n:02d}": f"{year}-{n % 12 + 1:02d}-10"
    for year in PAST_YEARS
    for n in range(1, PER_YEAR + 1)
}
COMING = {
    f"rendez-vous-{n:03d}": f"{2027 + n // 60}-{n % 60 // 5 + 1:02d}-{n % 5 + 10}"
    for n in range(120)
}


def in_order(events: dict[str, str]) -> list[str]:
    return sorted(events, key=lambda slug: (events[slug], slug))


def many_events(folder):
    """Content with PAST and COMING events, and a home page that links to the
    history's second page: its folder."""
    rng = random.Random(17)
    content = folder / "content"
    (content / "agenda").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "pages" / "accueil.md").write_text(
        (FIXTURES / "agenda" / "pages" / "accueil.md").read_text(encoding="utf-8")
        + "\nLes [réunions de 2013 à 2015](/agenda/historique/2/).\n",
        encoding="utf-8",
    )
    for slug, day in {**PAST, **COMING}.items():
        (content / "agenda" / f"{slug}.md").write_text(event_file(rng, slug, day), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def crowded(tmp_path_factory) -> BuiltSite:
    """The site of many events, built for an address the `served` fixture serves."""
    folder = tmp_path_factory.mktemp("crowded")
    siteurl = f"http://127.0.0.1:{free_port()}"
    args = ("--production", "--content", str(many_events(folder)), "--date", BUILD_DATE)
    result = run_build(folder / "output", *args, siteurl=siteurl)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return BuiltSite(folder / "output", siteurl, result)


def relative(site: BuiltSite, hrefs: list[str]) -> list[str]:
    return [href.removeprefix(f"{site.siteurl}/") for href in hrefs]


def slugs(urls: list[str]) -> list[str]:
    return [url.rstrip("/").rsplit("/", 1)[-1] for url in urls]


@pytest.mark.parametrize(
    ("sizes", "parts"),
    [
        ([30, 20, 1], [[0, 1], [2]]),  # 50 fit in a page, the 51st starts the next
        ([10, 60, 10], [[0], [1], [2]]),  # a year of more than 50 fills a page alone
        ([5] * 12, [list(range(10)), [10, 11]]),
        ([], []),
    ],
)
def test_history_parts_hold_whole_years_up_to_a_page(sizes, parts):
    by_year = [(2000 + n, [object()] * size) for n, size in enumerate(sizes)]
    found = history_parts(by_year, EVENTS_PER_PAGE)
    assert [[year - 2000 for year, _ in part] for part in found] == parts


def test_every_page_fits_the_first_round_trip(crowded):
    sizes = {crowded.url_of(path): gzipped_size(path) for path in crowded.html_files()}
    assert len(sizes) > 250
    assert {url: size for url, size in sizes.items() if size > MAX_HTML_GZIP} == {}


def test_the_agenda_follows_on_pages_soonest_first(crowded):
    pages = ["agenda/", "agenda/page/2/", "agenda/page/3/"]
    assert [crowded.file(url).is_file() for url in pages] == [True, True, True]
    assert not crowded.file("agenda/page/4/").exists()
    listed = crowded.listed("agenda/", "//section[@aria-labelledby='a-venir']//h3/a/@href")
    assert slugs(listed) == in_order(COMING)
    titles = [text_of(crowded.page(url).xpath("//title")[0]) for url in pages]
    assert titles == ["Agenda – BIMOC", "Agenda – page 2 – BIMOC", "Agenda – page 3 – BIMOC"]
    second = crowded.page("agenda/page/2/")
    assert relative(crowded, second.xpath("//link[@rel='canonical']/@href")) == [pages[1]]
    assert relative(crowded, second.xpath("//a[@rel='prev']/@href")) == ["agenda/"]
    pagination = second.xpath("//nav[@class='pagination']")[0]
    assert text_of(pagination) == "Page précédente Page 2 sur 3 Page suivante"


HISTORY_PAGES = [HISTORY] + [f"{HISTORY}{n}/" for n in range(2, 5)]


def test_the_history_follows_on_pages_of_whole_years_titled_by_them(crowded):
    assert not crowded.file(f"{HISTORY}5/").exists()
    titles = [text_of(crowded.page(url).xpath("//h1")[0]) for url in HISTORY_PAGES]
    assert titles == [
        "Les réunions de 2010 à 2012",
        "Les réunions de 2013 à 2015",
        "Les réunions de 2016 à 2018",
        "Les réunions de 2019",
    ]
    listed, years = [], []
    for url in HISTORY_PAGES:
        main = crowded.page(url).xpath("//main")[0]
        listed += relative(crowded, main.xpath(".//section//h3/a/@href"))
        years.append([int(text_of(h2)) for h2 in main.xpath(".//section/h2")])
    assert slugs(listed) == in_order(PAST), "each past event once, oldest first"
    assert years == [[2010, 2011, 2012], [2013, 2014, 2015], [2016, 2017, 2018], [2019]]


def test_history_pages_lead_to_each_other_in_french(crowded):
    for number, url in enumerate(HISTORY_PAGES):
        page = crowded.page(url)
        nav = page.xpath("//nav[@aria-labelledby='pages-de-l-historique']")[0]
        assert nav.xpath("p")[0].text == "Pages de l’historique\u00a0:"
        assert [text_of(a) for a in nav.xpath(".//a")] == [
            "Les réunions de 2010 à 2012",
            "Les réunions de 2013 à 2015",
            "Les réunions de 2016 à 2018",
            "Les réunions de 2019",
        ]
        assert relative(crowded, nav.xpath(".//a/@href")) == HISTORY_PAGES
        assert relative(crowded, nav.xpath(".//a[@aria-current='page']/@href")) == [url]
        assert (
            relative(crowded, page.xpath("//a[@rel='prev']/@href"))
            == HISTORY_PAGES[max(number - 1, 0) : number]
        )
        assert (
            relative(crowded, page.xpath("//a[@rel='next']/@href"))
            == HISTORY_PAGES[number + 1 : number + 2]
        )
        # Every year of the history, each where its page is.
        years = relative(crowded, page.xpath("//nav[@aria-label='Années']//a/@href"))
        assert len(years) == len(PAST_YEARS)
        assert years[3 * number] == f"#annee-{PAST_YEARS[3 * number]}"
    # Every link to the agenda's pages, their years included, leads somewhere (the
    # small site has no pages for the footer's links).
    broken = find_broken_links(crowded.root, crowded.siteurl)
    assert [str(link) for link in broken if link.target.startswith("/agenda/")] == []


def test_a_past_event_and_the_home_lead_to_the_page_of_its_year(crowded):
    event = crowded.page("agenda/2014/reunion-2014-05/")
    crumbs = event.xpath("//nav[@class='breadcrumb']//a")
    assert [text_of(a) for a in crumbs] == ["Accueil", "Agenda", "Les réunions de 2013 à 2015"]
    assert relative(crowded, [crumbs[-1].get("href")]) == [f"{HISTORY}2/"]
    strip = crowded.page("").xpath("//section[@aria-labelledby='historique']//a/@href")
    assert f"{crowded.siteurl}/{HISTORY}4/#annee-2019" in strip


def test_history_pages_are_in_the_sitemap_the_agenda_s_next_pages_are_not(crowded):
    """As the news listing's next pages: the agenda's move every day; the history's
    hold their years."""
    sitemap = lxml.etree.parse(crowded.file("sitemap.xml"))
    locs = relative(crowded, sitemap.xpath("//*[local-name()='loc']/text()"))
    assert set(HISTORY_PAGES) <= set(locs)
    assert "agenda/" in locs and "agenda/page/2/" not in locs


def test_a_few_events_keep_one_page_each_as_before(tmp_path_factory):
    site = build_fixture(tmp_path_factory, "agenda", "--date", BUILD_DATE)
    history = site.page(HISTORY)
    assert history.xpath("//nav[@aria-label='Années']//a/@href") == ["#annee-2026"]
    assert not history.xpath("//nav[@class='pagination'] | //a[@rel]")
    assert not site.page("agenda/").xpath("//nav[@class='pagination']")
    assert not site.file(f"{HISTORY}2/").exists() and not site.file("agenda/page/2/").exists()


def test_a_link_to_a_history_page_the_site_lacks_is_refused(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "agenda", content)
    home = content / "pages" / "accueil.md"
    home.write_text(home.read_text() + "\n[Suite](/agenda/historique/2/)\n", encoding="utf-8")
    assert_refused_exactly(
        content,
        [
            "content/pages/accueil.md:9 : le lien « /agenda/historique/2/ » mène à une adresse"
            " qui n’existe pas sur le site — vérifiez l’adresse, ou liez le fichier :"
            " ({filename}/pages/nom-du-fichier.md)"
        ],
        tmp_path / "output",
    )


@pytest.fixture(scope="module")
def served(crowded):
    server = start_server(crowded.root, urlsplit(crowded.siteurl).port)
    yield crowded
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_the_pages_of_the_agenda_and_the_history(served, browser, scheme):
    context = browser.new_context(viewport={"width": 320, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in ["agenda/page/2/", f"{HISTORY}", f"{HISTORY}2/", f"{HISTORY}4/"]:
        assert page.goto(f"{served.siteurl}/{path}").ok, path
        result = Axe().run(page, options=AXE_OPTIONS)
        if result.violations_count:
            problems.append(f"{path}\n{result.generate_report()}")
    context.close()
    assert problems == [], "\n".join(problems)


@pytest.mark.java
def test_the_pages_of_the_agenda_and_the_history_are_valid_html(crowded, tmp_path):
    for url in ["agenda/", "agenda/page/2/", *HISTORY_PAGES]:
        target = tmp_path / url.replace("/", "-").strip("-") / "index.html"
        target.parent.mkdir()
        target.write_bytes(crowded.file(url).read_bytes())
    assert html_errors(tmp_path) == []
