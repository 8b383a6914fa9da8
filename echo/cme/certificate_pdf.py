"""Render a CME certificate as a one-page PDF (pure: no database, no HTTP, no network).

`render_certificate(CertificateDocument(...))` returns the bytes of a US Letter landscape page:
provider, heading, learner, activity, format and dates, the credit actually claimed (docs/domain.md
section 5), the designation, accreditation and MOC statements, the issue date and, at the
bottom right, a QR code to the public verification page with the certificate code beside it.

Every string is plain text (never markdown or HTML). Text is set in DejaVu Sans regular, bold
and oblique (for the italic credit name), from echo.documents.pdf, which parses the fonts once
per process. The QR code is vector paths, not an image.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import segno
from fpdf import FPDF
from fpdf.drawing import PaintedPath
from fpdf.enums import PathPaintRule, XPos, YPos

from echo.documents.pdf import (
    ACCENT_COLOUR,
    FAMILY,
    MUTED_COLOUR,
    TEXT_COLOUR,
    Colour,
    describe,
    letter,
    line_height,
    web_link,
)

HEADINGS = {"ama": "Certificate of Credit", "participation": "Certificate of Participation"}

# Layout, in millimetres (font sizes in points). The page is 279.4 x 215.9 mm.
FRAME_OUTER, FRAME_INNER = 9.0, 12.0  # from the page edge to the two border rules
SIDE_MARGIN = 28.0
STATEMENT_INDENT = 10.0  # statements are set narrower than the lines above them
TOP = 24.0
FOOTER_HEIGHT = 34.0  # the QR code and its quiet zone; issue date and code beside it
FOOTER_BOTTOM = 19.0  # from the bottom edge of the page to the foot of the QR code
BODY_GAP = 5.0  # least room between the body and the footer
QR_SIZE = 30.0  # the symbol without its quiet zone
QR_QUIET_ZONE = 4  # modules of white around the symbol, as ISO/IEC 18004 requires
LEADING = 1.3  # 30 % leading
SCALES = (1.0, 0.92, 0.84, 0.76, 0.68, 0.6)  # tried in turn until the body fits the page

_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")  # whitespace and control characters


class CertificateTooLong(ValueError):
    """The text does not fit one page even at the smallest type size."""


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on a certificate, already formatted as plain text."""

    kind: str  # "ama" (AMA PRA Category 1 Credit) or "participation"
    learner_name: str
    provider: str
    activity_title: str
    learning_format: str
    dates: str
    credits_line: str
    designation_runs: Sequence[tuple[str, bool]]  # (text, italic)
    accreditation_statement: str
    moc_statement: str  # "" when not applicable
    code: str
    verify_url: str
    issued_on: str
    status_note: str = ""


def render_certificate(doc: CertificateDocument) -> bytes:
    """The certificate as PDF bytes; CertificateTooLong if its text cannot fit one page."""
    if doc.kind not in HEADINGS:
        raise ValueError(f"unknown certificate kind {doc.kind!r}; expected one of {list(HEADINGS)}")
    for scale in SCALES:
        pdf = _draw(doc, scale)
        if pdf is not None:
            return bytes(pdf.output())
    raise CertificateTooLong(f"certificate {doc.code}: the text does not fit one page")


def _draw(doc: CertificateDocument, scale: float) -> FPDF | None:
    """The drawn page, or None when the body runs into the footer at this type scale."""
    pdf = letter("landscape", "", "B", "I")
    heading = HEADINGS[doc.kind]
    describe(
        pdf,
        title=f"{heading}: {_line(doc.activity_title)}",
        author=_line(doc.provider),
        subject=f"{heading} {_line(doc.code)} for {_line(doc.learner_name)}",
    )
    footer_top = pdf.h - FOOTER_BOTTOM - FOOTER_HEIGHT
    pdf.set_margins(SIDE_MARGIN, TOP, SIDE_MARGIN)
    # The body may not reach the footer: text past this line starts a second page, which is
    # how an overflow is detected (fpdf2 has no dry run for mixed-style paragraphs).
    pdf.set_auto_page_break(True, margin=pdf.h - footer_top + BODY_GAP)
    pdf.add_page()
    _frame(pdf)
    _body(pdf, doc, heading, scale)
    if pdf.page != 1:
        return None
    pdf.set_auto_page_break(False)
    _footer(pdf, doc)
    return pdf


def _frame(pdf: FPDF) -> None:
    """A thick and a thin rule around the page."""
    pdf.set_draw_color(*ACCENT_COLOUR)
    for inset, width in ((FRAME_OUTER, 1.2), (FRAME_INNER, 0.3)):
        pdf.set_line_width(width)
        pdf.rect(inset, inset, pdf.w - 2 * inset, pdf.h - 2 * inset)


def _body(pdf: FPDF, doc: CertificateDocument, heading: str, scale: float) -> None:
    def text(value: str, style: str, size: float, colour: Colour = TEXT_COLOUR) -> None:
        _centred(pdf, _line(value), style, size * scale, colour)

    text(doc.provider, "B", 13, MUTED_COLOUR)
    pdf.ln(3 * scale)
    text(heading, "B", 30, ACCENT_COLOUR)
    pdf.ln(4 * scale)
    text("This certifies that", "", 12, MUTED_COLOUR)
    pdf.ln(2 * scale)
    _learner_name(pdf, _line(doc.learner_name), scale)
    pdf.ln(2 * scale)
    text("participated in", "", 12, MUTED_COLOUR)
    pdf.ln(1 * scale)
    text(doc.activity_title, "B", 17)
    pdf.ln(1 * scale)
    text(" · ".join(p for p in (_line(doc.learning_format), _line(doc.dates)) if p), "", 12)
    pdf.ln(3 * scale)
    text(doc.credits_line, "B", 14, ACCENT_COLOUR)
    pdf.ln(5 * scale)
    _statement(pdf, doc.designation_runs, 9.5 * scale)
    for statement in (doc.accreditation_statement, doc.moc_statement):
        if _line(statement):
            pdf.ln(2 * scale)
            _statement(pdf, [(statement, False)], 9.5 * scale)


def _learner_name(pdf: FPDF, name: str, scale: float) -> None:
    """The name on one line, smaller if need be; wrapped only if even 16 pt is too wide."""
    size = 26 * scale
    pdf.set_font(FAMILY, "B", size)
    while size > 16 * scale and pdf.get_string_width(name) > pdf.epw:
        size -= 1
        pdf.set_font(FAMILY, "B", size)
    _centred(pdf, name, "B", size, TEXT_COLOUR)
    rule_y = pdf.y + 0.5
    pdf.set_draw_color(*MUTED_COLOUR)
    pdf.set_line_width(0.2)
    pdf.line(pdf.w / 2 - 70, rule_y, pdf.w / 2 + 70, rule_y)
    pdf.set_y(rule_y)


def _centred(pdf: FPDF, text: str, style: str, size: float, colour: Colour) -> None:
    """A centred paragraph in one style, wrapped at the margins."""
    if not text:
        return
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin)
    pdf.multi_cell(
        w=0,
        h=line_height(size, LEADING),
        text=text,
        align="C",
        markdown=False,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _statement(pdf: FPDF, runs: Sequence[tuple[str, bool]], size: float) -> None:
    """A centred paragraph of regular and italic runs (AMA sets its credit name in italics)."""
    runs = [(_line(text, strip=False), italic) for text, italic in runs]
    if not "".join(text for text, _ in runs).strip():
        return
    pdf.set_text_color(*TEXT_COLOUR)
    pdf.set_x(pdf.l_margin)
    with (
        pdf.text_columns(
            text_align="CENTER",
            line_height=1.3,
            l_margin=pdf.l_margin + STATEMENT_INDENT,
            r_margin=pdf.r_margin + STATEMENT_INDENT,
        ) as columns,
        columns.paragraph() as paragraph,
    ):
        for number, (text, italic) in enumerate(runs):
            if number == 0:
                text = text.lstrip()
            if number == len(runs) - 1:
                text = text.rstrip()
            pdf.set_font(FAMILY, "I" if italic else "", size)
            paragraph.write(text)


def _footer(pdf: FPDF, doc: CertificateDocument) -> None:
    """Issue date and status on the left; code, address and QR code on the right."""
    qr_left = pdf.w - SIDE_MARGIN - QR_SIZE
    qr_top = pdf.h - FOOTER_BOTTOM - QR_SIZE
    link = web_link(doc.verify_url)
    _qr_code(pdf, doc.verify_url, qr_left, qr_top, link)

    width = pdf.w - 2 * SIDE_MARGIN - QR_SIZE - 6  # the rest of the line, left of the QR code
    half = width / 2
    line = line_height(9, LEADING)
    pdf.set_text_color(*MUTED_COLOUR)
    pdf.set_font(FAMILY, "", 9)
    pdf.set_xy(SIDE_MARGIN, qr_top + 4)
    pdf.multi_cell(half, line, f"Issued {_line(doc.issued_on)}", markdown=False)
    if _line(doc.status_note):
        pdf.set_x(SIDE_MARGIN)
        pdf.set_font(FAMILY, "B", 9)
        pdf.set_text_color(*ACCENT_COLOUR)
        pdf.multi_cell(half, line, _line(doc.status_note), markdown=False)

    pdf.set_xy(SIDE_MARGIN + half, qr_top + 4)
    for text, style, size, colour, target in (
        ("Certificate code", "", 9, MUTED_COLOUR, ""),
        (_line(doc.code), "B", 13, TEXT_COLOUR, ""),
        ("Verify at", "", 9, MUTED_COLOUR, ""),
        (_line(doc.verify_url), "", 9, ACCENT_COLOUR, link),
    ):
        pdf.set_font(FAMILY, style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(
            w=half,
            h=line_height(size, LEADING),
            text=text,
            align="R",
            markdown=False,
            link=target or None,
            new_x=XPos.LEFT,
            new_y=YPos.NEXT,
        )


def _qr_code(pdf: FPDF, content: str, left: float, top: float, link: str) -> None:
    """A QR code as one filled path: a rectangle per run of dark modules in each row.

    One path (rather than a rectangle each) leaves no hairline seams between modules in
    anti-aliasing viewers. Error correction "M" (15 %) or better: segno raises it when the
    symbol size allows.
    """
    matrix = segno.make_qr(content, error="m").matrix
    module = QR_SIZE / len(matrix)
    quiet = QR_QUIET_ZONE * module
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(left - quiet, top - quiet, QR_SIZE + 2 * quiet, QR_SIZE + 2 * quiet, style="F")
    path = PaintedPath()
    path.style.paint_rule = PathPaintRule.FILL_NONZERO
    path.style.fill_color = "#000000"
    for row_number, row in enumerate(matrix):
        y = top + row_number * module
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            path.rectangle(left + start * module, y, (column - start) * module, module)
    with pdf.drawing_context() as context:
        context.add_item(path, clone=False)  # what new_path() does, without copying the path
    if link:
        pdf.link(left, top, QR_SIZE, QR_SIZE, link)


def _line(text: str, *, strip: bool = True) -> str:
    """One line of plain text: line breaks, tabs and control characters become one space."""
    text = _SPACE.sub(" ", text)
    return text.strip() if strip else text
