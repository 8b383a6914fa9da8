"""The JSON API's shapes: every response and every JSON request body is one of these
pydantic models, and the OpenAPI document (echo.api.openapi) is generated from the same
models, so the two cannot differ. Errors are RFC 9457 problem details (``Problem``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ApiRequest(BaseModel):
    """A JSON request body: types as sent (no coercion), unknown fields refused. Values are
    then checked by the pages' own forms (echo.web.params), so the rules stay in one place."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Problem(ApiModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str = ""
    errors: dict[str, str] = Field(
        default_factory=dict,
        description="For 422 (and 413): each bad parameter or body field and what is wrong.",
    )


class ProgramOut(ApiModel):
    slug: str
    title: str
    hub: str = Field(description="The hub's slug.")
    hub_name: str
    status: str = Field(description="draft, open or closed")
    visibility: str = Field(description="public or private")
    url: str = Field(description="The program's page.")


class AttendanceSummary(ApiModel):
    attended: int = Field(description="Enrolled participants who attended.")
    enrolled: int


class SessionOut(ApiModel):
    id: int
    program: str = Field(description="The program's slug.")
    starts_at: datetime
    ends_at: datetime
    status: str = Field(description="upcoming, moved, in_progress, held or cancelled")
    topic: str
    url: str
    attendance: AttendanceSummary | None = Field(
        default=None, description="For those who run the program's sessions, once held."
    )


class AttendanceRow(ApiModel):
    user_id: int
    name: str
    email: str
    enrolled: bool
    attended: bool
    minutes: int
    source: str = Field(
        description="Where the minutes come from: report, webhook, check-in, manual, or empty."
    )
    checked_in_at: datetime | None


class CertificateOut(ApiModel):
    code: str
    status: str = Field(description="valid, revoked or superseded")
    verification_url: str
    pdf_url: str


class ClaimOut(ApiModel):
    id: int
    program: str
    session_id: int
    session_date: date = Field(description="The session's date in the program's zone.")
    kind: str
    credits: str = Field(description="A decimal in quarters, as text (no rounding in transit).")
    minutes: int
    claimed_at: datetime
    certificate: CertificateOut | None


class ConsultCounts(ApiModel):
    line: str = Field(description="The consult line's slug.")
    name: str
    open: int
    waiting_past_target: int
    response_target_minutes: int
    requests_last_12_months: int
    median_minutes_to_contact: float | None
    p90_minutes_to_contact: float | None
    contacted_within_target: int


class PageOut(ApiModel):
    """A page of a list: ``next_cursor`` fetches the next one (absent on the last page)."""

    next_cursor: str | None = Field(
        default=None,
        description="Pass as ?cursor= for the next page. null when this page is not full "
        "(nothing follows); a full page may be followed by an empty one.",
    )


class ProgramPage(PageOut):
    items: list[ProgramOut]


class SessionPage(PageOut):
    items: list[SessionOut]


class AttendancePage(PageOut):
    items: list[AttendanceRow]


class ClaimPage(PageOut):
    items: list[ClaimOut]


class ConsultCountsPage(PageOut):
    items: list[ConsultCounts]


# --- outcomes ---------------------------------------------------------------------------------


class PeriodOut(ApiModel):
    start: date | None = Field(description="First local date counted (null: from the start).")
    end: date | None = Field(description="Last local date counted (null: to today).")


class OutcomeSession(ApiModel):
    session_id: int
    session_date: date = Field(description="The session's date in the program's zone.")
    title: str
    participants: int
    enrolled: int
    unique_so_far: int = Field(description="Different people who came to this or earlier ones.")


class OutcomeMonth(ApiModel):
    month: str = Field(description="YYYY-MM, in the program's zone.")
    sessions: int
    attendances: int
    unique_so_far: int


class PeopleCount(ApiModel):
    group: str = Field(description="The group's label as the page shows it.")
    participants: int


class CreditIssued(ApiModel):
    kind: str
    total: str = Field(description="A decimal in quarters, as text.")
    people: int


class SurveyResponses(ApiModel):
    survey_id: int
    title: str
    kind: str
    respondents: int
    asked: int
    response_rate: str | None = Field(
        description="A decimal to 0.001, as text; null if none asked."
    )


class ScaleOutcome(ApiModel):
    """Change on one scale; the figures are null (suppressed) below ``min_respondents``."""

    label: str
    comparison: str
    pairs: int
    shown: bool
    mean_before: float | None
    mean_after: float | None
    mean_change: float | None
    ci_low: float | None = Field(description="95% confidence interval of the mean change.")
    ci_high: float | None
    wilcoxon_p: float | None
    effect_size: float | None = Field(description="Cohen's d_z.")


class RecommendationUptake(ApiModel):
    recommendation: str
    reports: int
    carried_out: int
    partly: int
    not_yet: int


class CaseOutcomes(ApiModel):
    """Presenters' outcome reports; past the counts of reports, every figure is null or
    empty (suppressed) below ``min_respondents`` reports."""

    reports: int
    asked: int
    shown: bool
    changed_plan: int | None
    wants_to_present: int | None
    recommendations: list[RecommendationUptake]
    child_status: list[PeopleCount] = Field(description="Reports per answer about the child.")


class OutcomeFigures(ApiModel):
    """The figures an outcomes page shows, in its zone and period."""

    time_zone: str
    period: PeriodOut
    min_respondents: int = Field(description="Survey and outcome figures need this many people.")
    sessions_held: int
    unique_participants: int
    attendances: int
    sessions_per_participant: float | None
    mean_share_enrolled: float | None = Field(description="0 to 1.")
    practices: int
    rural_share: float | None = Field(description="0 to 1, of those who gave a setting.")
    cases_presented: int
    recommendations_released: int
    moore_level: str | None = Field(description="Highest Moore outcome level with evidence.")
    moore_label: str | None
    sessions: list[OutcomeSession]
    months: list[OutcomeMonth]
    retention: list[PeopleCount] = Field(description="Participants by sessions attended.")
    professions: list[PeopleCount]
    practice_settings: list[PeopleCount]
    practice_types: list[PeopleCount]
    states: list[PeopleCount]
    credits: list[CreditIssued]
    surveys: list[SurveyResponses]
    scales: list[ScaleOutcome]
    case_outcomes: CaseOutcomes


class ProgramOutcomes(OutcomeFigures):
    """A program's outcomes: the figures its outcomes page shows."""

    program: str = Field(description="The program's slug.")
    url: str = Field(description="The program's outcomes page.")


class HubOutcomes(OutcomeFigures):
    """A hub's outcomes: its programs together, as the hub's outcomes page shows them."""

    hub: str = Field(description="The hub's slug.")
    programs: list[str] = Field(description="The slugs of the programs counted.")
    url: str = Field(description="The hub's outcomes page.")


# --- changing a session -----------------------------------------------------------------------


class SessionChanges(ApiRequest):
    """What to change (fields left out stay as they are), as on the session's edit page and
    checked by its forms: the details, a move (``date``, ``time``, ``duration_minutes`` in
    the program's zone; those left out keep their current values), cancelling (``status``
    cancelled with a ``cancel_reason`` participants see) or restoring (``status``
    scheduled). A change of time or status is mailed to participants, as from the page."""

    title: str | None = Field(default=None, description="Up to 200 characters.")
    didactic_title: str | None = Field(default=None, description="Up to 200 characters.")
    didactic_presenter_id: int | None = Field(
        default=None, description="A member of the hub; null for none."
    )
    didactic_objectives: str | None = Field(default=None, description="One per line.")
    resource_ids: list[str] | None = Field(default=None, description="Toolkit resource ids.")
    slides_url: str | None = Field(default=None, description="An https link, or empty.")
    recording_url: str | None = Field(default=None, description="An https link, or empty.")
    notes: str | None = None
    date: str | None = Field(
        default=None,
        description="New local date, YYYY-MM-DD.",
        json_schema_extra={"format": "date"},
    )
    time: str | None = Field(default=None, description="New local start time, HH:MM.")
    duration_minutes: int | None = None
    status: Literal["scheduled", "cancelled"] | None = None
    cancel_reason: str | None = Field(default=None, description="Needed to cancel; one line.")


class SessionDetail(ApiModel):
    id: int
    program: str = Field(description="The program's slug.")
    starts_at: datetime
    ends_at: datetime
    time_zone: str = Field(description="The program's zone: a move's date and time are in it.")
    status: str = Field(description="upcoming, moved, in_progress, held or cancelled")
    cancel_reason: str
    title: str
    didactic_title: str
    didactic_presenter_id: int | None
    didactic_objectives: str
    resource_ids: list[str]
    slides_url: str
    recording_url: str
    notes: str
    sequence: int = Field(description="Bumped on each change calendars must see.")
    url: str


# --- attendance report imports ----------------------------------------------------------------


class ImportMatch(ApiModel):
    name: str = Field(description="As in the report.")
    email: str | None = Field(description="As in the report.")
    user_id: int
    user_name: str = Field(description="The matched person's name in Echo.")
    matched_by: str = Field(description="email, alias or name")
    minutes: int = Field(description="In the report, within the session.")
    minutes_now: int = Field(description="What the roster counts before the import.")
    adjusted: bool = Field(description="Adjusted by hand: the import does not change it.")


class ImportUnmatched(ApiModel):
    name: str
    email: str | None
    minutes: int = Field(description="In the report, within the session.")


class AttendanceImportPreview(ApiModel):
    """What importing the report would change; nothing is saved but the file, kept until it
    is committed or for 24 hours."""

    id: str = Field(description="Commit it with POST /api/v1/attendance-imports/{id}/commit.")
    session_id: int
    format: str = Field(description="zoom, teams or webex")
    filename: str
    sha256: str
    rows_read: int
    waiting_room_skipped: int
    people: int
    matched: int
    unmatched: int
    warnings: list[str] = Field(description="Check these before committing.")
    matches: list[ImportMatch]
    unmatched_people: list[ImportUnmatched]
    expires_at: datetime
    commit_url: str


class AttendanceImportOut(ApiModel):
    id: str
    session_id: int
    format: str
    filename: str
    people: int
    matched: int
    unmatched: int
    committed_at: datetime
    already_committed: bool = Field(
        description="True when this preview had been committed before: nothing changed now."
    )
    attendance_url: str = Field(description="The session's attendance in this API.")
