"""ACCME PARS learner-completion upload: one row per learner per completion (docs/domain.md §5).

`COLUMNS` and `_CELLS` are the only place that knows the template's columns. The column list
is *unverified*: it comes from a third-party reading of ACCME's Excel template, so check it
against the template ACCME currently publishes and correct it here only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import IO

from echo.documents.spreadsheets import csv_text, safe_cell, xlsx_bytes

RECORD_ACTION = "Add"
CERTIFYING_BOARD = "ABP"  # ABP MOC Part 2 is the only board reported (docs/domain.md §5)
MOC_REPORTING_DAYS = 30  # report ABP MOC completions within 30 days (docs/domain.md §5)

_CENTS = Decimal("0.01")
_MONTH_DAY = re.compile(r"([0-9]{2})/([0-9]{2})", re.ASCII)


@dataclass(frozen=True)
class MocRecord:
    """ABP MOC Part 2 data, present only when the learner consented to reporting."""

    abp_id: str
    birth_month_day: str  # "MM/DD": the ABP takes month and day of birth only
    points: Decimal

    def __post_init__(self) -> None:
        if not is_month_day(self.birth_month_day):
            raise ValueError(f"birth_month_day must be a real MM/DD, got {self.birth_month_day!r}")
        _check_amount(self.points, "points")


@dataclass(frozen=True)
class LearnerRecord:
    """One learner's completion of one activity, as reported to PARS."""

    activity_id: str
    completion_date: date
    first_name: str
    last_name: str
    npi: str  # or the state licence number: the column is "Licensing ID or NPI"
    licensing_state: str
    credits: Decimal
    credit_type: str  # e.g. "AMA PRA Category 1 Credit"
    moc: MocRecord | None

    def __post_init__(self) -> None:
        if isinstance(self.completion_date, datetime) or not isinstance(self.completion_date, date):
            raise TypeError("completion_date must be a date, not a datetime")
        _check_amount(self.credits, "credits")


def is_month_day(text: str) -> bool:
    """MM/DD of a day that exists in some year (02/29 included), as the ABP asks for."""
    match = _MONTH_DAY.fullmatch(text)
    if match is None:
        return False
    try:
        date(2000, int(match[1]), int(match[2]))  # 2000 is a leap year
    except ValueError:
        return False
    return True


def _check_amount(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise TypeError(f"{name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite() or value < 0:
        raise ValueError(f"{name} must be a non-negative number, got {value}")


def _decimal(value: Decimal) -> str:
    return str(value.quantize(_CENTS))  # "1.25", "1.00"


def _moc(cell: Callable[[MocRecord], str]) -> Callable[[LearnerRecord], str]:
    """A MOC column: empty unless the learner consented (docs/domain.md §5)."""
    return lambda record: cell(record.moc) if record.moc is not None else ""


# The column mapping (docs/domain.md §5): header -> cell. Order is the template's order.
_CELLS: tuple[tuple[str, Callable[[LearnerRecord], str]], ...] = (
    ("Record Action", lambda r: RECORD_ACTION),
    ("ACCME Activity ID", lambda r: r.activity_id),
    ("Completion Date", lambda r: r.completion_date.strftime("%m/%d/%Y")),
    ("First Name", lambda r: r.first_name),
    ("Last Name", lambda r: r.last_name),
    ("Date of Birth (MM/DD)", _moc(lambda m: m.birth_month_day)),
    ("Licensing State", lambda r: r.licensing_state),
    ("Licensing ID or NPI", lambda r: r.npi),
    ("Number of CME Credits", lambda r: _decimal(r.credits)),
    ("Certifying Board", _moc(lambda m: CERTIFYING_BOARD)),
    ("Certifying Board ID", _moc(lambda m: m.abp_id)),
    ("Total Board Credits", _moc(lambda m: _decimal(m.points))),
    ("Credit Type", lambda r: r.credit_type),
    ("Credits Awarded for Credit Type", lambda r: _decimal(r.credits)),
)
COLUMNS: tuple[str, ...] = tuple(header for header, _ in _CELLS)
SHEET = "Learners"


def rows(records: Iterable[LearnerRecord]) -> list[list[str]]:
    """The data rows (no header), every cell a string, in `COLUMNS` order, each through the
    spreadsheet formula guard (a learner types their own name and IDs)."""
    return [[str(safe_cell(cell(record))) for _, cell in _CELLS] for record in records]


def write_csv(records: Iterable[LearnerRecord], out: IO[str]) -> int:
    """Write header and rows as CSV to `out` (open it with newline=""); returns the row count."""
    data = rows(records)
    out.write(csv_text(COLUMNS, data))
    return len(data)


def write_xlsx(records: Iterable[LearnerRecord], path: Path) -> int:
    """Write one sheet, bold header, every cell text (IDs keep leading zeros); returns rows."""
    data = rows(records)
    path.write_bytes(xlsx_bytes(COLUMNS, data, sheet=SHEET))
    return len(data)


def write(records: Iterable[LearnerRecord], path: Path) -> int:
    """Write .csv (UTF-8) or .xlsx by the file's extension; ValueError for any other."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(records, path)
    if suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as out:
            return write_csv(records, out)
    raise ValueError(f"PARS exports are .csv or .xlsx, not {path.name!r}")


def report_due(completion: date) -> date:
    """The last day to report a completion: `MOC_REPORTING_DAYS` after it (ABP MOC Part 2,
    docs/domain.md §5). A report on that day is still on time."""
    return completion + timedelta(days=MOC_REPORTING_DAYS)


def stale(
    records: Iterable[LearnerRecord], today: date, days: int = MOC_REPORTING_DAYS
) -> list[LearnerRecord]:
    """Records completed more than `days` days before `today` (ABP MOC: within 30 days).

    A completion exactly `days` days ago is still on time.
    """
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    limit = today - timedelta(days=days)
    return [record for record in records if record.completion_date < limit]
