"""The JSON API's shapes: every response is one of these pydantic models, and the OpenAPI
document (echo.api.openapi) is generated from the same models, so the two cannot differ.
Errors are RFC 9457 problem details (``Problem``)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Problem(ApiModel):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str = ""
    errors: dict[str, str] = Field(
        default_factory=dict, description="For 422: each bad parameter and what is wrong."
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
    status: str = Field(description="upcoming, held, moved or cancelled")
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
