"""Render a case's written recommendations as a PDF (pure: no database, no HTTP, no network).

`render_pdf(RecommendationDocument(...))` returns the bytes of a US Letter PDF: the title, a
small metadata block, the submitter's question, each recommendation section, the resources
(web addresses are clickable) and, on every page, a disclaimer and "Page N of M".

Every string is plain text: nothing is read as markdown or HTML, so "**" and "<b>" print as
typed. Text is set in DejaVu Sans from echo.documents.pdf (characters the font lacks, emoji
or CJK, are left out of the page). Text shaping (ligatures, complex scripts) needs uharfbuzz
and is left off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from echo.documents.pdf import (
    ACCENT_COLOUR,
    FAMILY,
    MUTED_COLOUR,
    TEXT_COLOUR,
    add_fonts,
    describe,
    line_height,
    web_link,
)

# Layout, in millimetres (sizes in points).
SIDE_MARGIN = 20.0
TOP_MARGIN = 18.0
FOOTER_BOTTOM = 10.0  # from the bottom edge of the page to the last footer line
FOOTER_GAP = 6.0  # between the body text and the footer rule
FOOTER_MAX_LINES = 4  # longer disclaimers are cut with an ellipsis
TITLE_SIZE, HEADING_SIZE, BODY_SIZE, META_SIZE, FOOTER_SIZE = 18, 12.5, 10.5, 9.5, 8
LEADING = 1.4  # 40 % leading
META_LABEL_WIDTH = 30.0
RESOURCE_INDENT = 8.0
LINK_COLOUR = ACCENT_COLOUR

# Stands for the page count in the footer. Made of control characters, which `_plain` removes
# from every input string, so no document text can ever be taken for it (fpdf2's default alias,
# "{nb}", would be replaced wherever it appeared in a recommendation).
PAGE_COUNT_ALIAS = "\x00\x00"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # all but tab and newline
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class RecommendationDocument:
    """Everything printed in a recommendations PDF, already formatted as plain text."""

    title: str
    program_title: str
    hub_name: str
    presented_on: str
    released_by: str
    released_on: str
    question: str
    sections: Sequence[tuple[str, str]]
    resources: Sequence[tuple[str, str, str]]
    footer: str
    # (label, value) rows under the title in place of the program's, for other documents
    # set the same way (a consult note: echo.consult.views).
    metadata: Sequence[tuple[str, str]] = ()


def render_pdf(document: RecommendationDocument) -> bytes:
    """The document as PDF bytes."""
    pdf = _RecommendationPDF(_plain(document.footer).strip())
    describe(
        pdf,
        title=_plain(document.title).strip(),
        author=_plain(document.hub_name).strip(),
        subject=_plain(document.program_title).strip(),
    )
    pdf.add_page()
    pdf.reserve_footer_space()

    _title(pdf, document.title)
    _metadata(
        pdf,
        list(document.metadata)
        or [
            ("Program", document.program_title),
            ("Hub", document.hub_name),
            ("Presented", document.presented_on),
            ("Released by", document.released_by),
            ("Released", document.released_on),
        ],
    )
    if _paragraphs(document.question):
        _heading(pdf, "Question")
        _body(pdf, document.question)
    for heading, body in document.sections:
        if _paragraphs(body):  # blank bodies leave out the whole section
            _heading(pdf, heading)
            _body(pdf, body)
    resources = [r for r in document.resources if any(_plain(part).strip() for part in r)]
    if resources:
        _heading(pdf, "Resources")
        for number, resource in enumerate(resources, start=1):
            _resource(pdf, number, *resource)
    return bytes(pdf.output())


class _RecommendationPDF(FPDF):
    """Letter pages with the DejaVu fonts and a footer: disclaimer, then "Page N of M"."""

    def __init__(self, footer_text: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="letter")
        add_fonts(self, "", "B")
        self.set_margins(SIDE_MARGIN, TOP_MARGIN, SIDE_MARGIN)
        self.alias_nb_pages(PAGE_COUNT_ALIAS)
        self.footer_text = footer_text
        self.footer_lines: list[str] = []

    def reserve_footer_space(self) -> None:
        """Wrap the disclaimer and keep the body clear of the footer (call after a page exists)."""
        lines: list[str] = []
        if self.footer_text:
            self.set_font(FAMILY, "", FOOTER_SIZE)
            wrapped = self.multi_cell(
                w=self.epw,
                h=_line_height(FOOTER_SIZE),
                text=self.footer_text,
                dry_run=True,
                output=MethodReturnValue.LINES,
            )
            lines = cast("list[str]", wrapped)  # what output=LINES returns
        if len(lines) > FOOTER_MAX_LINES:
            last = lines[FOOTER_MAX_LINES - 1].rstrip().rsplit(" ", 1)[0]  # room for the "…"
            lines = [*lines[: FOOTER_MAX_LINES - 1], last + "…"]
        self.footer_lines = lines
        self.set_auto_page_break(True, margin=self._footer_height() + FOOTER_GAP)

    def _footer_height(self) -> float:
        return FOOTER_BOTTOM + (len(self.footer_lines) + 1) * _line_height(FOOTER_SIZE) + 2

    def footer(self) -> None:
        """Draw a rule, the disclaimer and the page number at the bottom of the page."""
        line_height = _line_height(FOOTER_SIZE)
        top = self.h - self._footer_height()
        self.set_draw_color(*MUTED_COLOUR)
        self.set_line_width(0.2)
        self.line(self.l_margin, top, self.w - self.r_margin, top)
        self.set_xy(self.l_margin, top + 2)
        self.set_font(FAMILY, "", FOOTER_SIZE)
        self.set_text_color(*MUTED_COLOUR)
        for line in self.footer_lines:
            self.cell(w=0, h=line_height, text=line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        page = f"Page {self.page_no()} of {PAGE_COUNT_ALIAS}"
        self.cell(w=0, h=line_height, text=page, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _title(pdf: FPDF, title: str) -> None:
    pdf.set_font(FAMILY, "B", TITLE_SIZE)
    pdf.set_text_color(*TEXT_COLOUR)
    _paragraph(pdf, title.strip(), TITLE_SIZE)
    pdf.ln(2)


def _metadata(pdf: FPDF, rows: Sequence[tuple[str, str]]) -> None:
    """Label and value rows; rows with an empty value are left out."""
    height = _line_height(META_SIZE)
    for label, value in rows:
        if not value.strip():
            continue
        pdf.set_font(FAMILY, "B", META_SIZE)
        pdf.set_text_color(*MUTED_COLOUR)
        pdf.cell(w=META_LABEL_WIDTH, h=height, text=label, new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(FAMILY, "", META_SIZE)
        pdf.set_text_color(*TEXT_COLOUR)
        pdf.multi_cell(
            w=0,
            h=height,
            text=_plain(value).strip(),
            align="L",
            markdown=False,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
    pdf.ln(2)


def _heading(pdf: FPDF, heading: str) -> None:
    """A bold heading, moved to the next page rather than left alone at the bottom of one."""
    pdf.ln(3)
    height = _line_height(HEADING_SIZE)
    if pdf.will_page_break(height + 2 * _line_height(BODY_SIZE)):
        pdf.add_page()
    text = _plain(heading).strip()
    pdf.start_section(text or " ")  # a bookmark in the outline pane of PDF viewers
    pdf.set_font(FAMILY, "B", HEADING_SIZE)
    pdf.set_text_color(*TEXT_COLOUR)
    _paragraph(pdf, text, HEADING_SIZE)
    pdf.ln(1)


def _body(pdf: FPDF, body: str) -> None:
    """Paragraphs split at blank lines; single line breaks inside a paragraph are kept."""
    pdf.set_font(FAMILY, "", BODY_SIZE)
    pdf.set_text_color(*TEXT_COLOUR)
    for number, paragraph in enumerate(_paragraphs(body)):
        if number:
            pdf.ln(_line_height(BODY_SIZE) / 2)
        _paragraph(pdf, paragraph, BODY_SIZE)


def _resource(pdf: FPDF, number: int, title: str, publisher: str, reference: str) -> None:
    """A numbered entry: title in bold, then publisher, then the address or citation."""
    height = _line_height(BODY_SIZE)
    width = pdf.epw - RESOURCE_INDENT
    if pdf.will_page_break(2 * height):
        pdf.add_page()
    pdf.set_font(FAMILY, "", BODY_SIZE)
    pdf.set_text_color(*TEXT_COLOUR)
    pdf.cell(w=RESOURCE_INDENT, h=height, text=f"{number}.", new_x=XPos.RIGHT, new_y=YPos.TOP)
    for style, text in (("B", title.strip()), ("", publisher.strip())):
        if text:
            pdf.set_font(FAMILY, style, BODY_SIZE)
            _paragraph(pdf, text, BODY_SIZE, width=width, x=pdf.l_margin + RESOURCE_INDENT)
    reference = _plain(reference).strip()
    if reference:
        link = web_link(reference)
        pdf.set_font(FAMILY, "U" if link else "", BODY_SIZE)
        if link:
            pdf.set_text_color(*LINK_COLOUR)
        _paragraph(
            pdf, reference, BODY_SIZE, width=width, x=pdf.l_margin + RESOURCE_INDENT, link=link
        )
    pdf.set_x(pdf.l_margin)
    pdf.ln(_line_height(BODY_SIZE) / 2)


def _paragraph(
    pdf: FPDF, text: str, size: float, *, width: float = 0, x: float | None = None, link: str = ""
) -> None:
    """Wrapped, left-aligned plain text; a word too long for a line is broken between letters."""
    text = _plain(text)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(
        w=width,
        h=_line_height(size),
        text=text,
        align="L",
        markdown=False,
        link=link or None,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )


def _paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs of `text`, with trailing spaces cut from each line."""
    paragraphs = _BLANK_LINE.split(_plain(text).strip())
    cleaned = ["\n".join(line.rstrip() for line in p.split("\n")) for p in paragraphs]
    return [p for p in cleaned if p.strip()]


def _plain(text: str) -> str:
    """Normalise line breaks and tabs; drop other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def _line_height(size: float) -> float:
    return line_height(size, LEADING)
