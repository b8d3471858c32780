"""Documents editors offer for download (content/documents/): published as
they are under /documents/, linked with {static} or {filename} alike, and every
link says the document's type and size inside it, in pages, news, events and
feeds. What an editor can get wrong (a name, a type, a size, two names one
computer takes for one) is refused in French, naming the file; the refusals
of one file are in fixtures/mistakes/ (document_*, macro_document, pdf_in_images)."""

import io
import zipfile
from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import TEST_SITEURL, BuiltSite, assert_refused_exactly, build_fixture
from sample_documents import FILES, MEGABYTE, document, documents_content, office, opendocument, pdf

from plugins.common.french import french_size
from plugins.content_checks.documents import holds_its_type
from plugins.documents.documents import labelled

NBSP = "\u00a0"
NEWS = "actualites/2026/compte-rendu-de-la-reunion-de-mars/"
EVENT = "agenda/2026/journee-detude/"
REPORT = f"{TEST_SITEURL}/documents/compte-rendu-2026-03.pdf"
PROGRAMME = f"{TEST_SITEURL}/documents/programme.pdf"
SAME_NAME = (
    "ce fichier et « {} » ne diffèrent que par les majuscules, les accents ou la ponctuation : "
    "sur Windows ou macOS, l’un remplacerait l’autre — gardez-en un seul, ou donnez à l’autre un "
    "nom bien distinct (par exemple avec sa date : compte-rendu-2026-03.pdf)"
)


@pytest.fixture(scope="module")
def documents_site(tmp_path_factory) -> BuiltSite:
    content = documents_content(tmp_path_factory.mktemp("documents-content"))
    return build_fixture(tmp_path_factory, "documents", content=content)


def links_to_documents(site: BuiltSite, url: str) -> list[tuple[str, str]]:
    """(text, as written, no-break spaces included; address) of each link to a document."""
    links = site.page(url).xpath("//main//a[contains(@href, '/documents/')]")
    return [(link.text_content(), link.get("href")) for link in links]


def test_a_link_to_a_document_says_its_type_and_size_inside_the_link(documents_site):
    assert links_to_documents(documents_site, NEWS) == [
        (f"Compte rendu de la réunion (PDF, 1,2{NBSP}Mo)", REPORT),
        (f"le compte rendu (PDF, 1,2{NBSP}Mo)", REPORT),  # {filename}
        (f"programme de la journée (PDF, 300{NBSP}Ko)", PROGRAMME),
        (f"l’affiche (PDF, 300{NBSP}Ko)", "/documents/programme.pdf"),
    ]


def test_a_type_and_size_the_editor_wrote_are_replaced_not_doubled(documents_site):
    """« (PDF, 3 Mo) » inside the link, « (pdf) » after it: once each, and true."""
    paragraph = documents_site.page(NEWS).xpath("//main//p[contains(., 'affiche')]")[0]
    assert paragraph.text_content() == (
        f"Le programme de la journée (PDF, 300{NBSP}Ko), écrit à la main et devenu faux, "
        f"puis l’affiche (PDF, 300{NBSP}Ko)."
    )


def test_a_link_to_another_sites_document_is_left_as_written(documents_site):
    link = documents_site.page(NEWS).xpath("//main//a[contains(@href, 'example.org')]")[0]
    assert link.text_content() == "document d’un autre site"


def test_the_summary_keeps_the_editors_words(documents_site):
    """The listing's summary is the first paragraph as the editor wrote it."""
    description = documents_site.page(NEWS).xpath("//meta[@name='description']/@content")
    assert description == ["Le Compte rendu de la réunion est en ligne."]


def test_office_documents_say_their_type_in_kilobytes(documents_site):
    base = f"{TEST_SITEURL}/documents"
    assert links_to_documents(documents_site, "documents-utiles/") == [
        (f"Les statuts (ODT, 1{NBSP}Ko)", f"{base}/statuts.odt"),
        (f"La charte (DOCX, 1{NBSP}Ko)", f"{base}/charte.docx"),
        (f"Le budget (ODS, 1{NBSP}Ko)", f"{base}/budget.ods"),
        (f"Les adhérents (XLSX, 1{NBSP}Ko)", f"{base}/2026/adherents.xlsx"),
    ]


def test_an_events_link_says_it_too(documents_site):
    expected = [(f"programme de la journée (PDF, 300{NBSP}Ko)", PROGRAMME)]
    assert links_to_documents(documents_site, EVENT) == expected


@pytest.mark.parametrize(
    "feed, link, text",
    [
        ("flux/actualites.atom.xml", REPORT, f"Compte rendu de la réunion (PDF, 1,2{NBSP}Mo)"),
        ("flux/actualites.rss.xml", REPORT, f"Compte rendu de la réunion (PDF, 1,2{NBSP}Mo)"),
        ("flux/agenda.atom.xml", PROGRAMME, f"programme de la journée (PDF, 300{NBSP}Ko)"),
    ],
)
def test_feed_entries_carry_the_labelled_link(documents_site, feed, link, text):
    parsed = feedparser.parse(documents_site.file(feed).read_bytes())
    assert parsed.bozo == 0
    entry = parsed.entries[0]
    body = entry.content[0].value if "content" in entry else entry.summary
    links = lxml.html.fragment_fromstring(body, create_parent="div").xpath("//a")
    assert (text, link) in [(a.text_content(), a.get("href")) for a in links]


def test_documents_are_published_as_they_are(documents_site):
    for path, data in FILES.items():
        assert documents_site.file(path).read_bytes() == data, path


@pytest.mark.parametrize(
    "size, shown",
    [
        (1, "1 Ko"),
        (1536, "2 Ko"),
        (350 * 1024, "350 Ko"),
        (999 * 1024, "999 Ko"),
        (1000 * 1024, "1 Mo"),  # not « 1 000 Ko »
        (round(1.2 * MEGABYTE), "1,2 Mo"),
        (10 * MEGABYTE, "10 Mo"),
    ],
)
def test_sizes_are_written_the_french_way(size, shown):
    assert french_size(size) == shown.replace(" ", NBSP)


def note(href: str) -> str | None:
    return f"(PDF, 1{NBSP}Ko)" if href.startswith("x.pdf") else None


LABELLED = {
    "plain": ('<a href="x.pdf">Rapport</a>', '<a href="x.pdf">Rapport (PDF, 1 Ko)</a>'),
    "written_inside": (
        '<a href="x.pdf">Rapport (pdf, 3 Mo)</a>',
        '<a href="x.pdf">Rapport (PDF, 1 Ko)</a>',
    ),
    "written_after": (
        '<a href="x.pdf">Rapport</a> (PDF)',
        '<a href="x.pdf">Rapport (PDF, 1 Ko)</a>',
    ),
    "other_words_in_brackets": (
        '<a href="x.pdf">Rapport (version 2)</a>',
        '<a href="x.pdf">Rapport (version 2) (PDF, 1 Ko)</a>',
    ),
    "editors_words_after": (
        '<a href="x.pdf">Bulletin</a> (pdf à signer avant le 15 mars) puis',
        '<a href="x.pdf">Bulletin (PDF, 1 Ko)</a> (pdf à signer avant le 15 mars) puis',
    ),
    "editors_words_inside": (
        '<a href="x.pdf">Programme (PDF en cours de validation)</a>',
        '<a href="x.pdf">Programme (PDF en cours de validation) (PDF, 1 Ko)</a>',
    ),
    "emphasis": (
        '<a href="x.pdf"><em>Rapport</em></a>',
        '<a href="x.pdf"><em>Rapport</em> (PDF, 1 Ko)</a>',
    ),
    "no_text": ('<a href="x.pdf"></a>', '<a href="x.pdf">(PDF, 1 Ko)</a>'),
    "escaped_address": (
        '<a href="x.pdf?a=1&amp;b=2">R</a>',
        '<a href="x.pdf?a=1&amp;b=2">R (PDF, 1 Ko)</a>',
    ),
    "another_link": ('<a href="y.html">Page</a> (PDF)', '<a href="y.html">Page</a> (PDF)'),
    "two_links": (
        '<a href="x.pdf">A</a> et <a href="x.pdf">B</a>',
        '<a href="x.pdf">A (PDF, 1 Ko)</a> et <a href="x.pdf">B (PDF, 1 Ko)</a>',
    ),
}


@pytest.mark.parametrize("body, expected", LABELLED.values(), ids=LABELLED.keys())
def test_a_documents_note_goes_inside_its_link_once(body, expected):
    assert labelled(body, note) == expected.replace("1 Ko", f"1{NBSP}Ko")


MACRO_DOCX = "application/vnd.ms-word.document.macroEnabled.main+xml"


def bomb_in_mimetype() -> bytes:
    """An .odt whose `mimetype` member inflates to 50 MB (from some 50 KB)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as member:
            for _ in range(50):
                member.write(b"\0" * MEGABYTE)
    return buffer.getvalue()


def lzma_bomb() -> bytes:
    """A .docx whose [Content_Types].xml inflates to 200 MB: zipfile reads LZMA whole."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_LZMA) as archive:
        archive.writestr("[Content_Types].xml", b"\0" * (200 * MEGABYTE))
    return buffer.getvalue()


def macro_beside_plain() -> bytes:
    """A .docm whose [Content_Types].xml also names the plain document's type."""
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    return office(".docx", f"{MACRO_DOCX}<!-- {docx} -->")


# (name, how to make its content): a file that is not what its extension says.
NOT_THEIR_TYPE = {
    "text_named_pdf": ("compte-rendu.pdf", lambda: b"<?php system($_GET['c']); ?>"),
    "odt_named_docx": ("charte.docx", lambda: opendocument(".odt")),
    "macro_docm_named_docx": ("charte.docx", lambda: office(".docx", MACRO_DOCX)),
    "docx_named_xlsx": ("budget.xlsx", lambda: office(".docx")),
    "ods_named_odt": ("statuts.odt", lambda: opendocument(".ods")),
    "pdf_named_ods": ("budget.ods", pdf),
    "truncated_zip": ("statuts.odt", lambda: opendocument(".odt")[:200]),
    "zip_bomb": ("statuts.odt", bomb_in_mimetype),
    "lzma_bomb": ("charte.docx", lzma_bomb),
    "macro_named_beside_the_plain_type": ("charte.docx", macro_beside_plain),
}


@pytest.mark.parametrize("name, data", NOT_THEIR_TYPE.values(), ids=NOT_THEIR_TYPE.keys())
def test_a_document_must_hold_what_its_extension_says(tmp_path, name, data):
    (tmp_path / name).write_bytes(data())
    assert not holds_its_type(str(tmp_path / name), Path(name).suffix)


@pytest.mark.parametrize("suffix", [".pdf", ".odt", ".docx", ".ods", ".xlsx"])
def test_real_documents_hold_their_type(tmp_path, suffix):
    (tmp_path / f"x{suffix}").write_bytes(document(suffix))
    assert holds_its_type(str(tmp_path / f"x{suffix}"), suffix)


def test_names_that_differ_only_by_capitals_or_accents_are_refused_together(tmp_path):
    """On Windows or macOS, git checks out one file of each pair: the other is lost."""
    content = tmp_path / "content"
    (content / "documents").mkdir(parents=True)
    (content / "images").mkdir()
    for name in ("compte-rendu.pdf", "Compte-Rendu.pdf", "réunion.pdf", "reunion.pdf"):
        (content / "documents" / name).write_bytes(pdf())
    for name in ("affiche.png", "Affiche.png"):
        (content / "images" / name).write_bytes(b"")
    expected = [
        "content/documents/compte-rendu.pdf : "
        + SAME_NAME.format("content/documents/Compte-Rendu.pdf"),
        "content/documents/réunion.pdf : " + SAME_NAME.format("content/documents/reunion.pdf"),
        "content/images/affiche.png : " + SAME_NAME.format("content/images/Affiche.png"),
    ]
    assert_refused_exactly(content, expected, tmp_path / "output")
