"""French dates, slugs and phone links, independent of the system locale."""

import datetime
import re

import pytest
from conftest import text_of
from pelican.settings import DEFAULT_CONFIG

from plugins.common.french import french_date, french_span, tel_uri
from plugins.common.typography import superscript_ordinals
from plugins.french.french import french_slug

FRENCH_DATE = re.compile(
    r"\b(1er|[1-9]|[12]\d|3[01]) (janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre) \d{4}\b"
)


@pytest.mark.parametrize(
    "date, expected",
    [
        (datetime.date(2008, 2, 14), "14 février 2008"),
        (datetime.date(2008, 4, 1), "1er avril 2008"),
        (datetime.datetime(2013, 10, 18, 9, 30), "18 octobre 2013"),
        (datetime.date(2006, 12, 7), "7 décembre 2006"),
    ],
)
def test_french_date(date, expected):
    assert french_date(date) == expected


@pytest.mark.parametrize(
    "first, last, expected",  # what follows « Réunion du »
    [
        (datetime.date(2015, 3, 12), datetime.date(2015, 3, 12), "12 mars 2015"),
        (datetime.date(2027, 3, 1), datetime.date(2027, 3, 3), "1er au 3 mars 2027"),
        (datetime.date(2027, 4, 30), datetime.date(2027, 5, 2), "30 avril au 2 mai 2027"),
        (
            datetime.date(2026, 12, 30),
            datetime.date(2027, 1, 2),
            "30 décembre 2026 au 2 janvier 2027",
        ),
    ],
)
def test_french_span_of_a_meeting(first, last, expected):
    assert french_span(first, last) == expected


@pytest.mark.parametrize(
    "text, html",
    [
        ("1er avril 2008", "1<sup>er</sup> avril 2008"),
        ("du samedi 1er au lundi 3 mars 2027", "du samedi 1<sup>er</sup> au lundi 3 mars 2027"),
        ("11 avril 2008", "11 avril 2008"),
        ("21 avril 2008", "21 avril 2008"),
    ],
)
def test_the_first_of_a_month_is_typeset_for_pages(text, html):
    assert superscript_ordinals(text) == html


@pytest.mark.parametrize(
    "title, slug",
    [
        ("L’été à l’Odyssud, réunion n°3", "lete-a-lodyssud-reunion-n3"),
        ("Réunion du 14 février 2008", "reunion-du-14-fevrier-2008"),
        ("Qu’est-ce que c’est ?", "quest-ce-que-cest"),
        ("Œuvres « choisies » : cœur & âme", "oeuvres-choisies-coeur-ame"),
    ],
)
def test_french_slug(title, slug):
    assert french_slug(title, DEFAULT_CONFIG) == slug


@pytest.mark.parametrize(
    "phone, uri",
    [("05 34 44 50 28", "tel:+33534445028"), ("+33 5 34 44 50 28", "tel:+33534445028")],
)
def test_tel_uri(phone, uri):
    assert tel_uri(phone) == uri


def test_built_site_shows_french_dates_without_french_locale(site):
    # The session build runs under LANG=C / LC_ALL=C. Every date the site prints is
    # in a <time> element (editors' own text may well name Brian May).
    article = site.page("actualites/2008/reunion-du-14-fevrier-2008/")
    assert article.xpath("//article//time")[0].text == "14 février 2008"
    dates = {
        site.url_of(path): [text_of(time) for time in site.page(site.url_of(path)).iter("time")]
        for path in site.html_files()
    }
    assert sum(map(len, dates.values())) > 20
    for url, texts in dates.items():
        assert all(FRENCH_DATE.search(text) for text in texts), (url, texts)
