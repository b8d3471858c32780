"""Small but real documents for the tests: a PDF with its cross-reference
table, and OpenDocument and Office files with the parts their formats require,
made here rather than kept as binaries; and the fixture site that links them."""

import io
import shutil
import zipfile
from pathlib import Path

from conftest import FIXTURES

MEGABYTE = 1024 * 1024

OPENDOCUMENT = {
    ".odt": (
        "application/vnd.oasis.opendocument.text",
        "<office:text><text:p>Statuts</text:p></office:text>",
    ),
    ".ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        '<office:spreadsheet><table:table table:name="Budget"/></office:spreadsheet>',
    ),
}
OFFICE_MAIN = {
    ".docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    ".xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
}
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)


def pdf(padding: int = 0) -> bytes:
    """A one-page PDF; `padding` bytes of a stream make it as heavy as wanted."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
        b"<</Length %d>>\nstream\n" % padding + b" " * padding + b"\nendstream",
    ]
    data = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    data += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    data += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return data


def opendocument(suffix: str) -> bytes:
    """An .odt or .ods: `mimetype` first and stored, as the format requires."""
    mimetype, body = OPENDOCUMENT[suffix]
    namespaces = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {namespaces} '
        f'office:version="1.2"><office:body>{body}</office:body></office:document-content>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def office(suffix: str, main_type: str | None = None) -> bytes:
    """A .docx or .xlsx; `main_type` replaces its main part's content type
    (a macro-enabled document says 'ms-word.document.macroEnabled.main+xml')."""
    part, kind = OFFICE_MAIN[suffix]
    main_type = main_type or f"application/vnd.openxmlformats-officedocument.{kind}"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/{part}" ContentType="{main_type}"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{OFFICE_DOCUMENT}" Target="{part}"/></Relationships>'
        ),
    }
    if suffix == ".docx":
        parts[part] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<w:document '
            'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Charte</w:t></w:r></w:p></w:body></w:document>"
        )
    else:
        main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        parts[part] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<workbook xmlns="{main}" xmlns:r="{relationship}">'
            '<sheets><sheet name="Adhérents" sheetId="1" r:id="rId1"/></sheets></workbook>'
        )
        parts["xl/_rels/workbook.xml.rels"] = (
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{RELATIONSHIPS}">'
            f'<Relationship Id="rId1" Type="{relationship}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        )
        parts["xl/worksheets/sheet1.xml"] = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<worksheet xmlns="{main}"><sheetData/></worksheet>'
        )
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>",
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def document(suffix: str) -> bytes:
    """A small real document of the type `suffix` ('.pdf', '.odt', '.docx'…) names."""
    if suffix == ".pdf":
        return pdf()
    return opendocument(suffix) if suffix in OPENDOCUMENT else office(suffix)


def documents_content(folder: Path) -> Path:
    """tests/fixtures/documents (pages, news, an event linking documents) with
    the documents themselves, in `folder`/content."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "documents", content)
    for path, data in FILES.items():
        (content / path).parent.mkdir(parents=True, exist_ok=True)
        (content / path).write_bytes(data)
    return content


# What tests/fixtures/documents links to: path under content/ → bytes.
FILES = {
    "documents/compte-rendu-2026-03.pdf": pdf(round(1.2 * MEGABYTE)),
    "documents/programme.pdf": pdf(300 * 1024),
    "documents/statuts.odt": document(".odt"),
    "documents/charte.docx": document(".docx"),
    "documents/budget.ods": document(".ods"),
    "documents/2026/adherents.xlsx": document(".xlsx"),
}
