"""A learner's transcript as a PDF table (pure: no database, no HTTP)."""

from __future__ import annotations

from collections.abc import Sequence

from fpdf.enums import XPos, YPos

from echo.documents.pdf import FAMILY, describe, letter

COLUMNS = (("Session date", 55.0), ("Program", 70.0), ("Credit", 45.0), ("Certificate", 36.0))


def render_transcript(
    *, user_name: str, period: str, rows: Sequence[tuple[str, str, str, str]], total: str
) -> bytes:
    """Rows are (session date, program, credit, certificate code), already formatted."""
    pdf = letter("landscape", "", "B")
    describe(pdf, title=f"Transcript of {user_name}")
    pdf.set_margins(18, 18, 18)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 16)
    pdf.cell(0, 10, f"Transcript: {user_name}", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FAMILY, "", 10)
    pdf.cell(
        0, 6, f"Credit claimed, {period}. Total: {total}.", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.ln(3)
    with pdf.table(
        col_widths=tuple(width for _, width in COLUMNS),
        text_align="LEFT",
        line_height=6,
    ) as table:
        header = table.row()
        for name, _ in COLUMNS:
            header.cell(name)
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    return bytes(pdf.output())
