"""What a document of content/documents/ holds must be what its extension
says: a PDF starts with `%PDF-`; an OpenDocument or Office file is a ZIP
archive whose own table of contents names its type (OpenDocument's `mimetype`
member, Office's `[Content_Types].xml`), so a macro-enabled .docm renamed
.docx, or any file given another's extension, is refused. Cheap: the first
bytes, the archive's directory and at most MAX_MEMBER_READ bytes of one
member, never a whole member (a ZIP can inflate a few KB into gigabytes)."""

import zipfile
import zlib

PDF_START = b"%PDF-"
ZIP_START = b"PK\x03\x04"
# OpenDocument: the `mimetype` member holds exactly this.
OPENDOCUMENT_TYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
# Office Open XML: `[Content_Types].xml` names the main part's type (a
# macro-enabled file names another: ...document.macroEnabled.main+xml).
OFFICE_MAIN_TYPES = {
    ".docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ".xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
MAX_MEMBER_READ = 1024 * 1024
# What zipfile raises for a broken, truncated, encrypted or odd archive.
BROKEN_ZIP = (
    *(zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError),
    *(NotImplementedError, RuntimeError, zlib.error),
)


# Office formats store or deflate their members; zipfile inflates LZMA and
# BZIP2 whole, whatever read() asks for (a 1 MB member gave 8 GB): refused.
READ_LIMITED = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def member_start(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.compress_type not in READ_LIMITED:
        raise zipfile.BadZipFile(f"{name}: compression {info.compress_type}")
    with archive.open(info) as member:
        return member.read(MAX_MEMBER_READ)


def holds_its_type(path: str, suffix: str) -> bool:
    """True when the file at `path` is a document of the type its `suffix`
    ('.pdf', '.odt', '.docx'…) names."""
    with open(path, "rb") as document:
        start = document.read(len(PDF_START))
    if suffix == ".pdf":
        return start == PDF_START
    if not start.startswith(ZIP_START):
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            if suffix in OPENDOCUMENT_TYPES:
                return member_start(archive, "mimetype").strip() == OPENDOCUMENT_TYPES[suffix]
            types = member_start(archive, "[Content_Types].xml")
            # A macro part named beside the plain one: a .docm renamed .docx.
            return OFFICE_MAIN_TYPES[suffix] in types and b"macroEnabled" not in types
    except BROKEN_ZIP:
        return False
