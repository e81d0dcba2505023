"""Turn a report ``Document`` into a Word (DOCX) or PDF file.

DOCX is written with python-docx. A college may supply its own Word template
for a kind of document (``ReportTemplate``): its ``{{name}}`` placeholders
are replaced by plain text from ``Document.placeholders`` (nothing in the
template is executed or evaluated), and the tables go where the paragraph
``{{tables}}`` stands, or at the end. PDF reuses the contracts' fpdf2 helper
and its embedded CJK font.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import IO

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from fpdf import FPDF
from fpdf.fonts import FontFace

from common.pdf import FAMILY, FONT
from reports.charts import bar_chart
from reports.tables import Column, ColumnType, Document, Table

PLACEHOLDER = re.compile(r"\{\{\s*([\w\u4e00-\u9fff]+)\s*\}\}")
TABLES_MARK = "{{tables}}"
CJK_FONT = "SimSun"


def cell_text(value, column: Column) -> str:
    if value is None:
        return ""
    if column.type == ColumnType.PERCENT:
        return f"{float(value) * 100:.1f}%"
    if column.type == ColumnType.DECIMAL and isinstance(value, Decimal | float | int):
        return f"{Decimal(value):,.2f}"
    if column.type == ColumnType.INTEGER and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _chart_png(table: Table) -> bytes | None:
    if not table.chart:
        return None
    keys = [c.key for c in table.columns]
    index = keys.index(table.chart)
    rows = list(table.rows)
    if not rows:
        return None
    values = [
        float(row[index] or 0) * (100 if table.columns[index].type == "percent" else 1)
        for row in rows
    ]
    return bar_chart(str(table.columns[index].label), [str(r[0]) for r in rows], values)


# ---------------------------------------------------------------------------
# DOCX
# ---------------------------------------------------------------------------


def _east_asian(document) -> None:
    """Chinese text in a CJK font whatever Word's defaults are."""
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CJK_FONT)


def _substitute(paragraph, values: dict[str, str]) -> None:
    """Replace placeholders in a paragraph, even when Word split them across runs."""
    text = "".join(run.text for run in paragraph.runs)
    if "{{" not in text:
        return
    replaced = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
    if replaced == text:
        return
    for run in paragraph.runs[1:]:
        run.text = ""
    paragraph.runs[0].text = replaced


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def _add_table(word, table: Table, anchor=None) -> None:
    def place(element):
        if anchor is not None:
            anchor._p.addprevious(element)

    heading = word.add_heading(str(table.title), level=2)
    place(heading._p)
    if table.note:
        note = word.add_paragraph(str(table.note))
        place(note._p)
    rows = list(table.rows)
    grid = word.add_table(rows=1 + len(rows), cols=len(table.columns))
    grid.style = "Table Grid"
    for index, column in enumerate(table.columns):
        cell = grid.rows[0].cells[index]
        cell.text = str(column.label)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for r, row in enumerate(rows, start=1):
        for index, (value, column) in enumerate(zip(row, table.columns, strict=True)):
            cell = grid.rows[r].cells[index]
            cell.text = cell_text(value, column)
            if column.type != ColumnType.TEXT:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place(grid._tbl)
    png = _chart_png(table)
    if png:
        picture = word.add_paragraph()
        picture.add_run().add_picture(io.BytesIO(png), width=Cm(15))
        place(picture._p)


def write_docx(document: Document, out: IO[bytes], template: bytes | None = None) -> None:
    word = WordDocument(io.BytesIO(template)) if template else WordDocument()
    _east_asian(word)
    anchor = None
    if template:
        for paragraph in _paragraphs(word):
            if paragraph.text.strip() == TABLES_MARK:
                anchor = paragraph
                continue
            _substitute(paragraph, document.placeholders)
    else:
        word.add_heading(str(document.title), level=1)
        for text in document.intro:
            word.add_paragraph(str(text))
    for table in document.tables:
        _add_table(word, table, anchor)
    if anchor is not None:
        anchor._p.getparent().remove(anchor._p)
    word.core_properties.title = str(document.title)
    word.save(out)


# ---------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------


class _Pdf(FPDF):
    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, size=8)
        self.cell(0, 6, f"第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")


def write_pdf(document: Document, out: IO[bytes]) -> None:
    wide = any(len(t.columns) > 8 for t in document.tables)
    pdf = _Pdf(orientation="L" if wide else "P", format="A4")
    pdf.add_font(FAMILY, fname=str(FONT))
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(15, 15, 15)
    pdf.set_title(str(document.title))
    pdf.set_creator("partnership")
    pdf.add_page()
    pdf.set_font(FAMILY, size=16)
    pdf.multi_cell(0, 10, str(document.title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=10.5)
    for text in document.intro:
        pdf.multi_cell(0, 6.5, str(text), new_x="LMARGIN", new_y="NEXT")
    for table in document.tables:
        pdf.ln(4)
        pdf.set_font(FAMILY, size=12.5)
        pdf.multi_cell(0, 8, str(table.title), new_x="LMARGIN", new_y="NEXT")
        if table.note:
            pdf.set_font(FAMILY, size=9)
            pdf.multi_cell(0, 5.5, str(table.note), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FAMILY, size=9)
        with pdf.table(
            headings_style=FontFace(emphasis="", fill_color=(221, 235, 247)),
            line_height=5.5,
            text_align="LEFT",
        ) as grid:
            header = grid.row()
            for column in table.columns:
                header.cell(str(column.label))
            for row in table.rows:
                line = grid.row()
                for value, column in zip(row, table.columns, strict=True):
                    line.cell(cell_text(value, column))
        png = _chart_png(table)
        if png:
            pdf.ln(3)
            pdf.image(io.BytesIO(png), w=min(160, pdf.epw))
    out.write(bytes(pdf.output()))
