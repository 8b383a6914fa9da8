"""What the outcomes pages accept: a period and a table to download."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from echo.web.params import Form, day, number, one_of

#: The dashboard's tables, each downloadable (CSV, or all of them as XLSX sheets).
TABLES = (
    "sessions",
    "months",
    "retention",
    "professions",
    "settings",
    "practice-types",
    "states",
    "credit",
    "surveys",
    "scales",
    "case-outcomes",
)


class PeriodQuery(Form):
    """A period of local dates; either end may be open."""

    start: Annotated[dt.date | None, day()] = Field(default=None, alias="from")
    end: Annotated[dt.date | None, day()] = Field(default=None, alias="to")

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("start")
        if start is not None and end is not None and end < start:
            raise PydanticCustomError("echo", "The end of the period is before its start.")
        return end


class TableQuery(PeriodQuery):
    table: Annotated[str, one_of(TABLES, message="Choose one of the dashboard's tables.")] = ""


class YearQuery(Form):
    year: Annotated[int | None, number(2000, 2100, message="Enter a year such as 2026.")] = None
