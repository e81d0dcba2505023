"""Small PDF documents with Chinese text: a title, paragraphs and one table.

ReportLab (pure pip) draws the text with its built-in Adobe CID font
``STSong-Light`` for simplified Chinese, so no font file has to be shipped or
installed; PDF readers supply the glyphs of that standard font. Every
PDF the product writes goes through ``table_pdf`` so that one place decides
the font and the layout.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

FONT = "STSong-Light"


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def table_pdf(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    paragraphs: Iterable[tuple[str, str]] = (),
) -> bytes:
    """A landscape A4 document: the title, the table, then (heading, text) paragraphs."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

    font = _font()
    body = ParagraphStyle("body", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=11, leading=14, spaceBefore=6)
    top = ParagraphStyle("title", parent=body, fontSize=15, leading=20, spaceAfter=8)

    def cell(value) -> Paragraph:
        text = "" if value is None else str(value)
        return Paragraph(escape(text).replace("\n", "<br/>"), body)

    data = [[cell(h) for h in headers], *([cell(v) for v in row] for row in rows)]
    table = LongTable(data, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [Paragraph(escape(title), top), table]
    for head, text in paragraphs:
        story += [Spacer(1, 4 * mm), Paragraph(escape(head), heading), cell(text)]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=10 * mm,
        title=title,
    )
    document.build(story)
    return buffer.getvalue()
