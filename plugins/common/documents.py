"""Documents that editors offer for download: the folder they live in, the
types it takes (an allow-list) and the name a link gives each type. The content
checks check them, the documents plugin labels the links to them."""

import posixpath

# content/documents/, published as /documents/ (a static folder, pelicanconf.py).
DOCUMENTS_FOLDER = "documents"
# Extension → the type a link shows: « Compte rendu (PDF, 1,2 Mo) ». The
# extension itself, as the visitor's computer names the file once downloaded
# (and as French public sites write it): « document texte OpenDocument » would
# be longer and no clearer.
DOCUMENT_TYPES = {".pdf": "PDF", ".odt": "ODT", ".docx": "DOCX", ".ods": "ODS", ".xlsx": "XLSX"}
# Office files that can hold macros, code that runs when the file is opened.
MACRO_EXTENSIONS = frozenset(
    (".docm", ".dotm", ".xlsm", ".xltm", ".xlsb", ".xlam", ".pptm", ".potm", ".ppsm", ".ppam")
)


def extension(name: str) -> str:
    """'Compte-rendu.PDF' → '.pdf'."""
    return posixpath.splitext(name)[1].lower()


def is_document(key: str) -> bool:
    """A content-relative path ('documents/2026/cr.pdf') of a document of the allow-list."""
    return key.startswith(DOCUMENTS_FOLDER + "/") and extension(key) in DOCUMENT_TYPES
