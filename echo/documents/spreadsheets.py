"""CSV and XLSX exports with one formula guard (pure: no HTTP, no database).

Spreadsheet programs run a cell starting with = + - @ (and, on OWASP's list, a tab or a
carriage return) as a formula: "CSV injection". Names, titles and IDs people typed end up
in exports, so every text cell of every export passes ``safe_cell``: a leading apostrophe
makes it plain text. Numbers are written as numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def safe_cell(value: object) -> Cell:
    """The value as a spreadsheet should show it: text that would start a formula gets a
    leading apostrophe; numbers and empty cells stay as they are."""
    if value is None or isinstance(value, bool):
        return "" if value is None else ("yes" if value else "no")
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """RFC 4180 CSV (CRLF line ends), every cell through the formula guard."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(name) for name in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def xlsx_book(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[object]]]]) -> bytes:
    """Several sheets (name, header, rows) in one workbook, each like xlsx_bytes's."""
    from openpyxl import Workbook  # only exports need it
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.worksheets[0])
    bold = Font(bold=True)
    for name, header, rows in sheets:
        worksheet = book.create_sheet(title=name[:31])  # Excel's limit on sheet names
        _fill(worksheet, header, rows, bold)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str = "Sheet1"
) -> bytes:
    """One sheet, bold header, every cell text (IDs keep leading zeros, nothing is ever a
    formula), through the same guard as CSV."""
    from openpyxl import Workbook  # only exports need it
    from openpyxl.styles import Font

    book = Workbook()
    worksheet = book.active
    assert worksheet is not None  # a new workbook always has one sheet
    worksheet.title = sheet
    _fill(worksheet, header, rows, Font(bold=True))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(
    worksheet: Any, header: Sequence[str], rows: Iterable[Sequence[object]], bold: Any
) -> None:
    for column, name in enumerate(header, start=1):
        worksheet.cell(row=1, column=column, value=str(safe_cell(name))).font = bold
    for row_number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = worksheet.cell(row=row_number, column=column)
            cell.value = str(safe_cell(value))
            cell.data_type = "s"  # text, never a number or a formula
            cell.number_format = "@"  # and text if someone edits it in Excel
