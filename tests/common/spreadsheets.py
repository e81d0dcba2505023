"""Hostile spreadsheets, built small: what the import limits must refuse."""

import io
import zipfile

from openpyxl import Workbook

SHEET_NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
HEADER_ROW = b'<row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>'


def sheet_xml(rows: bytes, dimension: bytes = b"") -> bytes:
    dim = b'<dimension ref="%s"/>' % dimension if dimension else b""
    return SHEET_NS + dim + b"<sheetData>" + HEADER_ROW + rows + b"</sheetData></worksheet>"


def workbook_with_sheet(xml: bytes | None = None, *, sheet_chunks=None) -> bytes:
    """A real openpyxl workbook whose first sheet is replaced by ``xml``
    (or by ``sheet_chunks``, written one after the other)."""
    book = Workbook()
    book.active.append(["name"])
    book.active.append(["Anshan Steel"])
    source = io.BytesIO()
    book.save(source)
    original = zipfile.ZipFile(source)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in original.infolist():
            if info.filename == "xl/worksheets/sheet1.xml" and xml is not None:
                archive.writestr(info.filename, xml)
            elif info.filename == "xl/worksheets/sheet1.xml" and sheet_chunks is not None:
                with archive.open(info.filename, "w") as member:
                    for chunk in sheet_chunks:
                        member.write(chunk)
            else:
                archive.writestr(info.filename, original.read(info.filename))
    return out.getvalue()


def whole_sheet_dimension() -> bytes:
    """A workbook declaring every row and column a sheet can have."""
    return workbook_with_sheet(sheet_xml(b"", b"A1:XFD1048576"))


def million_empty_rows() -> bytes:
    return workbook_with_sheet(sheet_xml(b"<row/>" * 1_000_000))
