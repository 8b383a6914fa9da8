"""ACCME PARS learner export (docs/domain.md §5): columns, CSV and XLSX, MOC consent, staleness."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from echo.cme.pars import COLUMNS, LearnerRecord, MocRecord, rows, stale, write, write_csv

MOC = MocRecord(abp_id="0012345", birth_month_day="02/29", points=Decimal("1.25"))
WITH_MOC = LearnerRecord(
    activity_id="0201234567",
    completion_date=date(2025, 3, 4),
    first_name="Ana",
    last_name="Núñez",
    npi="0123456789",
    licensing_state="NM",
    credits=Decimal("1.25"),
    credit_type="AMA PRA Category 1 Credit",
    moc=MOC,
)
WITHOUT_MOC = replace(
    WITH_MOC, first_name="Ben", last_name="Ode", npi="1234567890", credits=Decimal(1), moc=None
)
MOC_COLUMNS = (
    "Date of Birth (MM/DD)",
    "Certifying Board",
    "Certifying Board ID",
    "Total Board Credits",
)


def as_dict(row: list[str]) -> dict[str, str]:
    return dict(zip(COLUMNS, row, strict=True))


def test_columns_in_template_order() -> None:
    assert COLUMNS == (
        "Record Action",
        "ACCME Activity ID",
        "Completion Date",
        "First Name",
        "Last Name",
        "Date of Birth (MM/DD)",
        "Licensing State",
        "Licensing ID or NPI",
        "Number of CME Credits",
        "Certifying Board",
        "Certifying Board ID",
        "Total Board Credits",
        "Credit Type",
        "Credits Awarded for Credit Type",
    )


def test_row_with_moc() -> None:
    [row] = rows([WITH_MOC])
    assert as_dict(row) == {
        "Record Action": "Add",
        "ACCME Activity ID": "0201234567",
        "Completion Date": "03/04/2025",
        "First Name": "Ana",
        "Last Name": "Núñez",
        "Date of Birth (MM/DD)": "02/29",
        "Licensing State": "NM",
        "Licensing ID or NPI": "0123456789",
        "Number of CME Credits": "1.25",
        "Certifying Board": "ABP",
        "Certifying Board ID": "0012345",
        "Total Board Credits": "1.25",
        "Credit Type": "AMA PRA Category 1 Credit",
        "Credits Awarded for Credit Type": "1.25",
    }


def test_moc_columns_empty_without_consent() -> None:
    [row] = rows([WITHOUT_MOC])
    cells = as_dict(row)
    assert all(cells[name] == "" for name in MOC_COLUMNS)
    assert cells["Number of CME Credits"] == "1.00"
    assert cells["Credits Awarded for Credit Type"] == "1.00"


def test_formula_cells_are_neutralized() -> None:
    sneaky = replace(WITHOUT_MOC, first_name="=HYPERLINK(1)", last_name="@SUM", npi="+1", moc=None)
    cells = as_dict(rows([replace(sneaky, licensing_state="-x")])[0])
    assert cells["First Name"] == "'=HYPERLINK(1)"
    assert cells["Last Name"] == "'@SUM"
    assert cells["Licensing ID or NPI"] == "'+1"
    assert cells["Licensing State"] == "'-x"
    assert cells["Completion Date"] == "03/04/2025"  # ordinary cells untouched


def test_csv_round_trip(tmp_path: Path) -> None:
    out = io.StringIO(newline="")
    assert write_csv([WITH_MOC, WITHOUT_MOC], out) == 2
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read == [list(COLUMNS), *rows([WITH_MOC, WITHOUT_MOC])]

    path = tmp_path / "learners.CSV"
    assert write((r for r in [WITH_MOC, WITHOUT_MOC]), path) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        from_file = list(csv.reader(handle))
    assert from_file == read
    assert as_dict(from_file[1])["Licensing ID or NPI"] == "0123456789"


def test_xlsx_read_back(tmp_path: Path) -> None:
    path = tmp_path / "learners.xlsx"
    assert write([WITH_MOC, WITHOUT_MOC], path) == 2
    book = load_workbook(path)
    assert len(book.worksheets) == 1
    sheet = book.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == list(COLUMNS)
    assert all(cell.font.bold for cell in sheet[1])
    assert not any(cell.font.bold for cell in sheet[2])
    # Every data cell is text: leading zeros survive, empty MOC cells read back as None.
    expected = [[cell or None for cell in row] for row in rows([WITH_MOC, WITHOUT_MOC])]
    assert values[1:] == expected
    assert all(cell.data_type == "s" for cell in sheet[2])
    first = as_dict([str(v) for v in values[1]])
    assert first["Licensing ID or NPI"] == "0123456789"
    assert first["Certifying Board ID"] == "0012345"
    assert first["ACCME Activity ID"] == "0201234567"


def test_xlsx_never_writes_formulas(tmp_path: Path) -> None:
    path = tmp_path / "learners.xlsx"
    write([replace(WITHOUT_MOC, first_name="=1+1")], path)
    cell = load_workbook(path).worksheets[0]["D2"]
    assert cell.value == "'=1+1"
    assert cell.data_type == "s"


def test_empty_export(tmp_path: Path) -> None:
    out = io.StringIO(newline="")
    assert write_csv([], out) == 0
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [list(COLUMNS)]
    assert write([], tmp_path / "none.xlsx") == 0


@pytest.mark.parametrize("name", ["learners.xls", "learners.txt", "learners"])
def test_bad_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    with pytest.raises(ValueError, match=r"\.csv or \.xlsx"):
        write([WITH_MOC], path)
    assert not path.exists()


def test_stale() -> None:
    today = date(2025, 4, 10)
    on_time = replace(WITH_MOC, completion_date=date(2025, 3, 11))  # exactly 30 days ago
    late = replace(WITH_MOC, completion_date=date(2025, 3, 10))  # 31 days ago
    future = replace(WITH_MOC, completion_date=date(2025, 4, 11))
    assert stale([on_time, late, future], today) == [late]
    assert stale([on_time, late], today, days=29) == [on_time, late]
    with pytest.raises(ValueError, match="negative"):
        stale([on_time], today, days=-1)


@pytest.mark.parametrize("month_day", ["2/29", "02/30", "13/01", "00/10", "04/31", "0229", ""])
def test_moc_birth_month_day_must_be_real(month_day: str) -> None:
    with pytest.raises(ValueError, match="MM/DD"):
        MocRecord(abp_id="1234", birth_month_day=month_day, points=Decimal(1))


def test_amounts_must_be_non_negative_decimals() -> None:
    with pytest.raises(TypeError):
        replace(WITH_MOC, credits=1.25)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="non-negative"):
        replace(WITH_MOC, credits=Decimal("-1"))
    with pytest.raises(ValueError, match="non-negative"):
        MocRecord(abp_id="1234", birth_month_day="01/01", points=Decimal("NaN"))


def test_completion_date_is_a_date() -> None:
    with pytest.raises(TypeError, match="date"):
        replace(WITH_MOC, completion_date=datetime(2025, 3, 4, 12))
