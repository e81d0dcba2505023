"""Bar charts as PNG images for the DOCX and PDF documents.

Drawn with Pillow (already needed by fpdf2) and the CJK font the contracts'
PDFs embed, so Chinese labels render the same on every machine without a
plotting stack or system fonts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageDraw, ImageFont

from common.pdf import FONT

WIDTH, BAR_HEIGHT, GAP, LABEL_WIDTH, MARGIN = 1200, 44, 18, 380, 30
BAR_COLOUR, TEXT_COLOUR, AXIS_COLOUR = (13, 110, 253), (33, 37, 41), (173, 181, 189)


def _font(size: int):
    return ImageFont.truetype(str(FONT), size)


def _fit(draw, text: str, font, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def bar_chart(title: str, labels: Sequence[str], values: Sequence[float]) -> bytes:
    """A horizontal bar chart, one bar per label, the value written at its end."""
    rows = max(1, len(labels))
    height = MARGIN * 2 + 60 + rows * (BAR_HEIGHT + GAP)
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, text_font = _font(34), _font(26)
    draw.text((MARGIN, MARGIN), title, fill=TEXT_COLOUR, font=title_font)
    top = MARGIN + 60
    span = WIDTH - LABEL_WIDTH - MARGIN * 2 - 140
    largest = max([float(v or 0) for v in values] + [0.0])
    draw.line((LABEL_WIDTH, top - 6, LABEL_WIDTH, height - MARGIN), fill=AXIS_COLOUR, width=2)
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + index * (BAR_HEIGHT + GAP)
        text = _fit(draw, str(label), text_font, LABEL_WIDTH - MARGIN - 10)
        draw.text((MARGIN, y + 6), text, fill=TEXT_COLOUR, font=text_font)
        amount = float(value or 0)
        length = int(span * amount / largest) if largest > 0 else 0
        if length:
            draw.rectangle((LABEL_WIDTH, y, LABEL_WIDTH + length, y + BAR_HEIGHT), fill=BAR_COLOUR)
        shown = f"{amount:,.2f}".rstrip("0").rstrip(".") if amount % 1 else f"{int(amount):,}"
        draw.text((LABEL_WIDTH + length + 10, y + 6), shown, fill=TEXT_COLOUR, font=text_font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
