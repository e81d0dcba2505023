"""PDF documents with the Chinese text embedded: the one place that decides
the font and the page.

fpdf2 (pure pip) embeds a subset of the vendored TrueType font (WenQuanYi
Micro Hei, Apache-2.0, cut to the GBK characters; ``common/fonts/``) with its
Unicode map, so a document renders the same in every viewer, on a machine
without Chinese fonts too, and its text can be copied and searched. Every
page has a footer with the document's number (when it has one) and the page
numbers. The agreements (``contracts/pdf.py``) and the filing batch
(``table_pdf``) are written through ``Document``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

# fontTools logs every glyph it keeps while subsetting at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT = Path(__file__).resolve().parent / "fonts" / "WenQuanYiMicroHei-GBK.ttf"
FAMILY = "wqy"


class Document(FPDF):
    """An A4 page (portrait or landscape) in the embedded font, with the
    footer "编号 … 第 n 页 / 共 m 页"."""

    def __init__(self, number: str = "", *, landscape: bool = False, margin: float = 20) -> None:
        super().__init__(orientation="L" if landscape else "P", format="A4")
        self.number = number
        self.add_font(FAMILY, fname=str(FONT))
        self.set_auto_page_break(auto=True, margin=margin)
        self.set_margins(margin, margin, margin)
        self.set_creator("partnership")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, size=8)
        if self.number:
            self.cell(0, 6, f"编号 {self.number}", align="L")
            self.set_x(self.l_margin)
        self.cell(0, 6, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="R")


def table_pdf(
    *,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    paragraphs: Iterable[tuple[str, str]] = (),
    number: str = "",
) -> bytes:
    """A landscape A4 document: the title, the table (its header repeated on
    every page), then (heading, text) paragraphs."""
    pdf = Document(number, landscape=True, margin=10)
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font(FAMILY, size=15)
    pdf.multi_cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(FAMILY, size=7.5)
    heading = FontFace(fill_color=(232, 238, 246))
    with pdf.table(
        headings_style=heading,
        line_height=4.2,
        repeat_headings=1,
        text_align="LEFT",
        v_align="TOP",
    ) as table:
        table.row([str(h) for h in headers])
        for values in rows:
            table.row(["" if v is None else str(v) for v in values])
    for head, text in paragraphs:
        pdf.ln(4)
        pdf.set_font(FAMILY, size=11)
        pdf.multi_cell(0, 7, head, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, size=9)
        pdf.multi_cell(0, 5, text or "", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
