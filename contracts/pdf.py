"""The agreements' PDF documents.

Written through ``common.pdf.Document``: the Chinese font embedded, a footer
with the document's number and the page numbers on every page. The generated
bytes are what the SHA-256 covers.
"""

from __future__ import annotations

import datetime
import hashlib

from common.pdf import FAMILY, Document


def _new(
    number: str, title: str, created: datetime.datetime | None, version: int | None = None
) -> Document:
    # Each version says which it is, so no two versions share their bytes (and
    # hash) even when the terms are the same, and a printed copy names its version.
    pdf = Document(number if version is None else f"{number}（第 {version} 版）")
    pdf.set_title(title)
    if created is not None:
        pdf.set_creation_date(created)
    return pdf


def _write_body(pdf: Document, title: str, body: str) -> None:
    pdf.add_page()
    pdf.set_font(FAMILY, size=16)
    pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in body.replace("\r\n", "\n").split("\n"):
        text = line.rstrip()
        if text.startswith("# "):
            pdf.ln(2)
            pdf.set_font(FAMILY, size=12.5)
            pdf.multi_cell(0, 8, text[2:].strip(), new_x="LMARGIN", new_y="NEXT")
        elif not text:
            pdf.ln(3)
        else:
            pdf.set_font(FAMILY, size=10.5)
            pdf.multi_cell(0, 6.5, text, new_x="LMARGIN", new_y="NEXT")


def render(
    *,
    number: str,
    title: str,
    body: str,
    created: datetime.datetime | None = None,
    version: int | None = None,
) -> bytes:
    """The document as PDF bytes."""
    pdf = _new(number, title, created, version)
    _write_body(pdf, title, body)
    return bytes(pdf.output())


def render_signed(
    *,
    number: str,
    title: str,
    body: str,
    signatures: list[dict],
    source_sha256: str,
    created: datetime.datetime | None = None,
    version: int | None = None,
) -> bytes:
    """The document followed by a signature page listing every signature."""
    pdf = _new(number, title, created, version)
    _write_body(pdf, title, body)
    pdf.add_page()
    pdf.set_font(FAMILY, size=14)
    pdf.multi_cell(0, 10, "签署页", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    pdf.multi_cell(0, 6, f"所签文本的 SHA-256：{source_sha256}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    for row in signatures:
        pdf.set_font(FAMILY, size=11)
        pdf.multi_cell(0, 7, f"{row['party_label']}：{row['name']}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, size=9)
        details = f"方式：{row['method_label']}　时间：{row['signed_at']}"
        if row.get("ip_address"):
            details += f"　地址：{row['ip_address']}"
        pdf.multi_cell(0, 5.5, details, new_x="LMARGIN", new_y="NEXT")
        if row.get("sha256"):
            pdf.multi_cell(
                0, 5.5, f"所见文本 SHA-256：{row['sha256']}", new_x="LMARGIN", new_y="NEXT"
            )
        pdf.ln(3)
    return bytes(pdf.output())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
