"""What the consult line's pages accept. Free text of requests and notes stays with
echo.cases.services.GuardedForm (kept whole on any error, checked by the PHI guard);
everything else is typed here."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated

from pydantic import Field

from echo.accounts.forms import phone_number
from echo.accounts.models import PRACTICE_SETTINGS, PRACTICE_TYPES, US_STATES
from echo.cases.forms import MAX_AGE_INPUT, acknowledgements
from echo.cases.models import SEXES
from echo.consult.billing import MAX_MINUTES, MODALITIES
from echo.consult.models import (
    DISPOSITIONS,
    FOLLOW_UP_OUTCOMES,
    NOTE_FIELDS,
    PAYERS,
    REASONS,
    RECOMMENDATION_TYPES,
    REQUEST_FIELDS,
    RESPONSES,
    SERVICE_TYPES,
    URGENCIES,
)
from echo.phi import check_text
from echo.web.params import (
    Form,
    Invalid,
    bounded,
    clock,
    day,
    each_of,
    flag,
    line,
    link,
    number,
    one_line,
    one_of,
    parsed,
    row_id,
    slug,
)

MAX_TARGET_MINUTES = 24 * 60
MAX_WAIT_WEEKS = 104
MAX_RESOURCE_AGE = 26


def _zip(value: str) -> str:
    text = one_line(value).replace(" ", "")
    if not (len(text) == 5 and text.isascii() and text.isdigit()):
        raise Invalid("A ZIP code is 5 digits, like 97201.")
    return text


class PracticeForm(Form):
    name: Annotated[str, line(200, required="Enter the practice's name.")]
    practice_setting: Annotated[
        str, one_of([key for key, _ in PRACTICE_SETTINGS], message="Choose rural or urban.")
    ] = ""
    practice_type: Annotated[
        str, one_of([key for key, _ in PRACTICE_TYPES], message="Choose a practice type.")
    ] = ""
    zip_code: Annotated[str, parsed(_zip, empty="")] = ""
    us_state: Annotated[str, one_of(US_STATES, message="Choose a state from the list.")] = ""


class PracticeQuery(Form):
    q: Annotated[str, line(100)] = ""


class JoinForm(Form):
    practice_id: Annotated[int | None, row_id(required="Choose your practice.")]


class MemberDecisionForm(Form):
    member_id: Annotated[int | None, row_id(required="Choose a request.")]
    decision: Annotated[str, one_of(("approve", "decline"), required="Approve or decline.")]


class EnrollLineForm(Form):
    line_id: Annotated[int | None, row_id(required="Choose a consult line.")]


class PracticeChoice(Form):
    practice: Annotated[int | None, row_id()] = None


class RequestChoices(Form):
    """The request form's fields other than free text."""

    practice_id: Annotated[int | None, row_id(message="Choose your practice.")] = None
    urgency: Annotated[str, one_of([key for key, _ in URGENCIES], message="Choose how urgent.")] = (
        ""
    )
    preferred_response: Annotated[
        str, one_of([key for key, _ in RESPONSES], message="Choose a call or a written reply.")
    ] = ""
    age_value: Annotated[
        int | None,
        number(0, MAX_AGE_INPUT, message="Enter the age as a whole number, such as 9."),
    ] = None
    age_unit: Annotated[str, one_of(("years", "months"), message="Choose years or months.")] = (
        "years"
    )
    sex: Annotated[str, one_of([key for key, _ in SEXES])] = ""
    reasons: Annotated[list[str], each_of([key for key, _ in REASONS])]
    on_medication: Annotated[bool, flag()] = False
    present_at_echo: Annotated[bool, flag()] = False
    ack: Annotated[set[str], acknowledgements()]


class CheckForm(Form):
    field: Annotated[str, one_of([*REQUEST_FIELDS, *NOTE_FIELDS], required="Which field?")]


class AssignForm(Form):
    consultant_id: Annotated[int | None, row_id(required="Choose a consultant.")]


class CaseProgramForm(Form):
    program_id: Annotated[int | None, row_id(required="Choose the program to present in.")]


class ConfirmForm(Form):
    """A step that cannot be undone (withdrawing a request): the box must be ticked."""

    confirm: Annotated[bool, flag()] = False


class CallForm(Form):
    step: Annotated[str, one_of(("start", "end"), required="Start or end the call.")]


class NoteChoices(Form):
    disposition: Annotated[str, one_of([key for key, _ in DISPOSITIONS])] = ""
    recommendation_types: Annotated[list[str], each_of([key for key, _ in RECOMMENDATION_TYPES])]
    ack: Annotated[set[str], acknowledgements()]


MINUTES = "Enter whole minutes, from 0 to 600."


class BillingForm(Form):
    discussion_minutes: Annotated[int | None, number(0, MAX_MINUTES, message=MINUTES)] = None
    review_minutes: Annotated[int | None, number(0, MAX_MINUTES, message=MINUTES)] = None
    modality: Annotated[str, one_of([key for key, _ in MODALITIES])] = ""


class RequesterBillingForm(Form):
    requester_minutes: Annotated[int | None, number(0, MAX_MINUTES, message=MINUTES)] = None
    consent_attested: Annotated[bool, flag()] = False


class LineSettingsForm(Form):
    name: Annotated[str, line(200, required="Enter the line's name.")]
    response_target_minutes: Annotated[
        int | None,
        number(
            5,
            MAX_TARGET_MINUTES,
            required="Enter the response target in minutes.",
            message="Enter minutes from 5 to 1440 (24 hours).",
        ),
    ]
    billing_support: Annotated[bool, flag()] = False


class LineForm(LineSettingsForm):
    slug: Annotated[
        str, slug(required="Choose a short name for the web address.", example="cascadia-consult")
    ]


ROTATION_SLOTS = 8


class RotationForm(Form):
    """Up to eight weeks in the cycle, in order; an empty slot is skipped."""

    slot_1: Annotated[int | None, row_id()] = Field(default=None, alias="slot-1")
    slot_2: Annotated[int | None, row_id()] = Field(default=None, alias="slot-2")
    slot_3: Annotated[int | None, row_id()] = Field(default=None, alias="slot-3")
    slot_4: Annotated[int | None, row_id()] = Field(default=None, alias="slot-4")
    slot_5: Annotated[int | None, row_id()] = Field(default=None, alias="slot-5")
    slot_6: Annotated[int | None, row_id()] = Field(default=None, alias="slot-6")
    slot_7: Annotated[int | None, row_id()] = Field(default=None, alias="slot-7")
    slot_8: Annotated[int | None, row_id()] = Field(default=None, alias="slot-8")

    @property
    def consultant_ids(self) -> list[int]:
        slots = [getattr(self, f"slot_{n}") for n in range(1, ROTATION_SLOTS + 1)]
        return [user_id for user_id in slots if user_id is not None]


class SubstitutionForm(Form):
    consultant_id: Annotated[int | None, row_id(required="Choose who covers.")]
    starts_on: Annotated[date | None, day(required="Enter the first day.")]
    starts_at: Annotated[time | None, clock(required="Enter the start time.")]
    ends_on: Annotated[date | None, day(required="Enter the last day.")]
    ends_at: Annotated[time | None, clock(required="Enter the end time.")]


def _about_the_service(value: str) -> str:
    """A resource's notes are about the service: the PHI guard keeps a patient out of them
    (a referral's details belong in the consult, guarded the same way)."""
    text = bounded(one_line(value), 1000)
    checked = check_text(text)
    if checked.blocked:
        raise Invalid(checked.advice)
    return text


class ResourceForm(Form):
    name: Annotated[str, line(200, required="Enter the service's name.")]
    service_types: Annotated[list[str], each_of([key for key, _ in SERVICE_TYPES])]
    min_age: Annotated[
        int | None, number(0, MAX_RESOURCE_AGE, message="Enter an age from 0 to 26.")
    ] = None
    max_age: Annotated[
        int | None, number(0, MAX_RESOURCE_AGE, message="Enter an age from 0 to 26.")
    ] = None
    languages: Annotated[str, line(200)] = ""
    payers: Annotated[list[str], each_of([key for key, _ in PAYERS])]
    telehealth: Annotated[bool, flag()] = False
    wait_weeks: Annotated[
        int | None, number(0, MAX_WAIT_WEEKS, message="Enter whole weeks, from 0 to 104.")
    ] = None
    phone: Annotated[str, parsed(lambda v: phone_number(one_line(v).strip()), empty="")] = ""
    website: Annotated[str, link()] = ""
    city: Annotated[str, line(100)] = ""
    us_state: Annotated[str, one_of(US_STATES, message="Choose a state from the list.")] = ""
    notes: Annotated[str, parsed(_about_the_service, empty="")] = ""


class ResourceQuery(Form):
    q: Annotated[str, line(100)] = ""
    service: Annotated[str, one_of([key for key, _ in SERVICE_TYPES])] = ""
    payer: Annotated[str, one_of([key for key, _ in PAYERS])] = ""
    age: Annotated[
        int | None, number(0, MAX_RESOURCE_AGE, message="Enter an age from 0 to 26.")
    ] = None
    telehealth: Annotated[bool, flag()] = False


class AttachForm(Form):
    resource_id: Annotated[int | None, row_id(required="Choose a resource.")]


class FollowUpForm(Form):
    resource_id: Annotated[int | None, row_id()] = None
    due_on: Annotated[date | None, day(required="Enter the day to check back.")]


class CloseFollowUpForm(Form):
    task_id: Annotated[int | None, row_id(required="Choose a follow-up.")]
    outcome: Annotated[
        str, one_of([key for key, _ in FOLLOW_UP_OUTCOMES], required="Choose what happened.")
    ]


class ReportQuery(Form):
    months: Annotated[int | None, number(1, 36, message="Choose 1 to 36 months.")] = None
