"""What the CME pages accept: settings, questions, disclosures, claims, periods, batches.

Credit amounts are read by echo.cme.credit.parse_credit (decimals in quarters); the
evaluation, whose questions each program sets, is read field by field in
echo.cme.services.submit_evaluation with the same kit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field

from echo.cme import credit
from echo.web.params import (
    Form,
    Invalid,
    day,
    flag,
    line,
    number,
    one_line,
    one_of,
    parsed,
    row_id,
    text,
)

TEXT_LIMIT = 2000  # free text in disclosures, mitigations and evaluations


def credit_amount(*, required: str) -> Any:
    """Credits typed in a form: quarters, at most a day's worth (echo.cme.credit)."""

    def parse(value: str) -> Decimal:
        try:
            return credit.parse_credit(value)
        except ValueError as problem:
            raise Invalid(str(problem)) from None

    return parsed(parse, required=required)


def _activity_id(value: str) -> str:
    """ACCME's activity ID for the series year, as PARS reports it: digits only."""
    text = one_line(value)
    if not (text.isascii() and text.isdigit() and len(text) <= 20):
        raise Invalid("Enter the ACCME activity ID as digits, up to 20, as PARS shows it.")
    return text


class SettingsForm(Form):
    provider: Annotated[str, line(200, required="Enter the accredited provider's name.")]
    joint_providers: Annotated[str, text(500)] = ""
    ama_enabled: Annotated[bool, flag()] = False
    ama_max_per_session: Annotated[
        Decimal, credit_amount(required="Enter the maximum AMA credit per session, like 1.")
    ]
    participation_enabled: Annotated[bool, flag()] = False
    moc_enabled: Annotated[bool, flag()] = False
    moc_points_per_session: Annotated[
        Decimal, credit_amount(required="Enter the MOC points per session, like 1.")
    ]
    accme_activity_id: Annotated[str, parsed(_activity_id, empty="")] = ""
    evaluation_required: Annotated[bool, flag()] = False
    claim_window_days: Annotated[
        int,
        number(
            1,
            365,
            required="Enter a number of days from 1 to 365.",
            message="Enter a number of days from 1 to 365.",
        ),
    ]


class QuestionForm(Form):
    question_text: Annotated[str, line(300, required="Write the question.")]
    question_kind: Annotated[
        str,
        one_of(
            ("likert", "text"),
            required="Choose a rating or a written answer.",
            message="Choose a rating or a written answer.",
        ),
    ]


class DisclosureForm(Form):
    role: Annotated[
        str,
        one_of(
            ("faculty", "planner", "reviewer"),
            required="Choose your role in the activity.",
            message="Choose your role in the activity.",
        ),
    ]
    has_relationships: Annotated[
        str,
        one_of(
            ("yes", "no"),
            required="Say whether you have relevant financial relationships.",
            message="Say whether you have relevant financial relationships.",
        ),
    ]
    relationships: Annotated[str, text(TEXT_LIMIT)] = ""
    attest: Annotated[bool, flag()] = False


class MitigationForm(Form):
    disclosure_id: Annotated[int, row_id(required="Choose a disclosure.")]


class ClaimForm(Form):
    credits: Annotated[
        Decimal, credit_amount(required="Enter the number of credits, for example 1 or 1.5.")
    ]
    moc: Annotated[bool, flag()] = False
    first_name: Annotated[str, line(100)] = ""
    last_name: Annotated[str, line(100)] = ""
    abp_id: Annotated[str, line(20)] = ""
    birth_month_day: Annotated[str, line(5)] = ""
    moc_consent: Annotated[bool, flag()] = False


class PeriodQuery(Form):
    """A period of dates (transcripts, PARS); either end may be open."""

    start: Annotated[dt.date | None, day()] = Field(default=None, alias="from")
    end: Annotated[dt.date | None, day()] = Field(default=None, alias="to")


class BatchForm(Form):
    start: Annotated[dt.date, day(required="Enter the first day of the period.")] = Field(
        alias="from"
    )
    end: Annotated[dt.date, day(required="Enter the last day of the period.")] = Field(alias="to")


class CertificateActionForm(Form):
    action: Annotated[str, one_of(("revoke", "reissue"), required="Choose revoke or re-issue.")]
    reason: Annotated[str, line(300)] = ""


class LateClaimForm(Form):
    reason: Annotated[str, text(500, required="Say why the claim is late, in a sentence.")]


class LateClaimDecisionForm(Form):
    decision: Annotated[str, one_of(("approve", "decline"), required="Choose approve or decline.")]
