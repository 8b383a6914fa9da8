"""What the case pages accept, besides the free text the PHI guard reads.

The free-text fields stay with echo.cases.services.GuardedForm (kept whole on any error,
checked by the guard); their line breaks and control characters are normalised by the
web kit (one_line, many_lines) before the guard sees them. Everything else is typed here.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from echo.cases.models import (
    CONCERNS,
    NOTE_LIMIT,
    RECOMMENDATION_FIELDS,
    SCHOOL_SETTINGS,
    SEXES,
    TEXT_FIELDS,
    CaseStatus,
)
from echo.web.params import MAX_ID, Form, each_of, flag, line, number, one_of, row_id, slug, text

# Ages are whole numbers; the unit decides the upper bound (echo.cases.services.read_form).
MAX_AGE_INPUT = 300
MAX_ACKNOWLEDGEMENTS = 200


def acknowledgements() -> Any:
    """The ticked "needed, not identifying" boxes: short keys, compared with the keys of
    the findings (echo.cases.services.acknowledgement_key); anything else matches nothing."""

    def validate(values: object) -> set[str]:
        items = values if isinstance(values, list) else []
        return {v for v in items[:MAX_ACKNOWLEDGEMENTS] if isinstance(v, str) and len(v) <= 64}

    return BeforeValidator(validate)


class CaseChoices(Form):
    """The case form's fields other than free text."""

    age_value: Annotated[
        int | None, number(0, MAX_AGE_INPUT, message="Enter the age as a whole number.")
    ] = None
    age_unit: Annotated[str, one_of(("years", "months"), message="Choose years or months.")] = (
        "years"
    )
    sex: Annotated[str, one_of([key for key, _ in SEXES])] = ""
    school_setting: Annotated[str, one_of([key for key, _ in SCHOOL_SETTINGS])] = ""
    concerns: Annotated[list[str], each_of([key for key, _ in CONCERNS])]
    attested: Annotated[bool, flag()] = False
    ack: Annotated[set[str], acknowledgements()]


class VersionForm(Form):
    """The version a form was opened at (optimistic locking: a stale one is a conflict)."""

    version: Annotated[int | None, number(0, MAX_ID, message="Reload the page.")] = None


class FollowUpQuery(Form):
    follow_up_of: Annotated[int | None, row_id()] = None


class TransitionForm(Form):
    action: Annotated[str, line(20)] = ""
    note: Annotated[str, text(NOTE_LIMIT)] = ""
    confirm: Annotated[bool, flag()] = False  # "yes, decline": asked before declining
    session_id: Annotated[int | None, row_id(message="Choose one of the program's sessions.")] = (
        None
    )


class BreakGlassForm(Form):
    reason: Annotated[str, text(NOTE_LIMIT, required="Say why you need to open this case.")]


class RecommendationChoices(Form):
    resource_ids: Annotated[list[str], BeforeValidator(lambda v: v if isinstance(v, list) else [])]
    ack: Annotated[set[str], acknowledgements()]


class TriageQuery(Form):
    program: Annotated[str, slug()] = ""
    status: Annotated[str, one_of([s.value for s in CaseStatus if s != CaseStatus.draft])] = ""
    concern: Annotated[str, one_of([key for key, _ in CONCERNS])] = ""


class LiveCheckForm(Form):
    field: Annotated[str, one_of([*TEXT_FIELDS, *RECOMMENDATION_FIELDS], required="Which field?")]
