"""The consult line (AACAP's consultation and care-coordination core areas, DOMAIN.md 8):
practices and their members, a hub's consult lines with the practices enrolled in them,
the on-call rotation, consult requests with their note, the community resource
directory, follow-up tasks and each practice's integration self-assessment.

Free text of a request or a note is only ever stored after the PHI guard (echo.phi)
passed it, exactly as for cases; the trail (ConsultEvent) holds ids and actions only.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow

# --- practices ----------------------------------------------------------------------------


class MemberRole(StrEnum):
    lead = "lead"  # approves who joins, enrolls the practice in consult lines
    member = "member"


class MemberStatus(StrEnum):
    pending = "pending"
    active = "active"


class Practice(SQLModel, table=True):
    """A primary care practice (clinic). Its setting, type and ZIP describe the clinic,
    never a patient."""

    __tablename__ = "practice"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    practice_setting: str = Field(default="", max_length=10)  # accounts PRACTICE_SETTINGS
    practice_type: str = Field(default="", max_length=12)  # accounts PRACTICE_TYPES
    zip_code: str = Field(default="", max_length=5)
    us_state: str = Field(default="", max_length=2)
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PracticeMember(SQLModel, table=True):
    __tablename__ = "practice_member"
    __table_args__ = (sa.UniqueConstraint("practice_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practice.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(default=MemberRole.member, max_length=10)
    status: str = Field(default=MemberStatus.pending, max_length=10)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    approved_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- consult lines --------------------------------------------------------------------------


class ConsultLine(SQLModel, table=True):
    """A hub's consult line (a Child Psychiatry Access Program's phone line): its response
    target, the on-call rotation's start and handover, and whether consults record the
    time that CPT interprofessional codes need (echo.consult.billing)."""

    __tablename__ = "consult_line"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    slug: str = Field(max_length=60, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=sa.Text)
    # Minutes from a request to the consultant's first contact (published CPAP targets
    # range from 15 minutes to 4 hours; DOMAIN.md 8).
    response_target_minutes: int = Field(default=30)
    billing_support: bool = Field(default=False)
    # The weekly rotation hands over on this weekday (0 = Monday) at this hour, in the
    # hub's zone, counting weeks from rotation_starts_on.
    rotation_starts_on: date = Field(default_factory=lambda: date(2026, 1, 5))
    handover_weekday: int = Field(default=0)
    handover_hour: int = Field(default=8)
    is_open: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LineEnrollment(SQLModel, table=True):
    __tablename__ = "consult_line_enrollment"
    __table_args__ = (sa.UniqueConstraint("line_id", "practice_id"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="consult_line.id", index=True, ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practice.id", index=True, ondelete="CASCADE")
    enrolled_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    enrolled_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class OnCallSlot(SQLModel, table=True):
    """One place in a line's weekly rotation: week n of the cycle is covered by the slot
    at position n modulo the number of slots."""

    __tablename__ = "consult_on_call_slot"
    __table_args__ = (sa.UniqueConstraint("line_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="consult_line.id", index=True, ondelete="CASCADE")
    position: int
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")


class OnCallSubstitution(SQLModel, table=True):
    """Someone covering the line for a stretch of time (a swap, a day off)."""

    __tablename__ = "consult_on_call_substitution"

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="consult_line.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- consult requests --------------------------------------------------------------------


class ConsultStatus(StrEnum):
    waiting = "waiting"  # in the liaison's queue, nobody assigned
    assigned = "assigned"  # a consultant has it
    answered = "answered"  # the consult note is written; the requester can read it
    closed = "closed"  # follow-ups done, or nothing more to do
    cancelled = "cancelled"  # withdrawn by the requester before an answer


OPEN_STATUSES = (ConsultStatus.waiting.value, ConsultStatus.assigned.value)

# One response target per line applies to every request (as CPAP lines publish one);
# urgency orders the queue.
URGENCIES = (
    ("urgent", "Urgent: a safety concern now"),
    ("same-day", "Same day: today, no immediate safety concern"),
    ("routine", "Routine: a question that can wait for the call back"),
)
URGENCY_RANK = {"urgent": 0, "same-day": 1, "routine": 2}
RESPONSES = (
    ("call", "Call me back (the number on my profile)"),
    ("written", "A written reply in Echo"),
)
REASONS = (
    ("medication", "Medication question"),
    ("diagnosis", "Diagnostic clarification"),
    ("safety", "Safety or risk"),
    ("resources", "Help finding services"),
    ("behavior", "Behavior management"),
    ("other", "Something else"),
)
DISPOSITIONS = (
    ("advice", "Advice only"),
    ("referral", "Resources and referral"),
    ("face-to-face", "Expedited face-to-face evaluation"),
    ("emergency", "Emergency department"),
)
RECOMMENDATION_TYPES = (
    ("start-medication", "Start a medication"),
    ("adjust-medication", "Adjust or stop a medication"),
    ("screening", "Screening or rating scales"),
    ("therapy", "Therapy referral"),
    ("school", "School supports"),
    ("safety-plan", "Safety plan"),
    ("labs", "Labs or other tests"),
)
# The request's free text, in form order, with limits; every field passes the PHI guard.
REQUEST_FIELDS = {
    "concerns": 2000,
    "medications": 1000,
    "question": 1500,
}
# The consultant's note, in form order, with limits; every field passes the PHI guard.
NOTE_FIELDS = {
    "assessment": 3000,
    "recommendations": 4000,
    "safety": 2000,
    "follow_up": 1500,
}


class ConsultRequest(SQLModel, table=True):
    __tablename__ = "consult_request"
    __table_args__ = (
        # The liaison's queue: a line's open requests, oldest first.
        sa.Index("ix_consult_request_line_status_created", "line_id", "status", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="consult_line.id", ondelete="CASCADE")
    practice_id: int = Field(foreign_key="practice.id", index=True, ondelete="CASCADE")
    requester_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    status: str = Field(default=ConsultStatus.waiting, max_length=10)
    version: int = Field(default=1)
    urgency: str = Field(max_length=10)  # URGENCIES
    preferred_response: str = Field(max_length=10)  # RESPONSES
    callback_phone: str = Field(default="", max_length=30)  # the clinician's, from the profile
    age_value: int | None = Field(default=None)
    age_unit: str = Field(default="years", max_length=6)
    sex: str = Field(default="", max_length=10)  # echo.cases.models.SEXES
    reasons: str = Field(default="", max_length=200)  # comma-separated REASONS keys
    on_medication: bool = Field(default=False)
    concerns: str = Field(default="", sa_type=sa.Text)
    medications: str = Field(default="", sa_type=sa.Text)
    question: str = Field(default="", sa_type=sa.Text)
    present_at_echo: bool = Field(default=False)
    case_id: int | None = Field(default=None, foreign_key="case_consult.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    target_at: datetime = Field(sa_type=UTCDateTime)
    assigned_to_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL", index=True
    )
    assigned_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    escalated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # First contact: a call-back's start, or a written answer; the response timer stops.
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    callback_started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    callback_ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Billing support (echo.consult.billing), when the line has it on.
    discussion_minutes: int | None = Field(default=None)
    review_minutes: int | None = Field(default=None)
    modality: str = Field(default="", max_length=16)
    requester_minutes: int | None = Field(default=None)
    consent_attested: bool = Field(default=False)


class ConsultNote(SQLModel, table=True):
    """The consultant's written note: structured recommendations and a disposition."""

    __tablename__ = "consult_note"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(
        foreign_key="consult_request.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    assessment: str = Field(default="", sa_type=sa.Text)
    recommendations: str = Field(default="", sa_type=sa.Text)
    safety: str = Field(default="", sa_type=sa.Text)
    follow_up: str = Field(default="", sa_type=sa.Text)
    recommendation_types: str = Field(default="", max_length=200)  # RECOMMENDATION_TYPES
    disposition: str = Field(max_length=14)  # DISPOSITIONS
    written_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    written_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ConsultEvent(SQLModel, table=True):
    """Append-only trail of a request: ids and actions, never its text."""

    __tablename__ = "consult_event"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="consult_request.id", index=True, ondelete="CASCADE")
    actor_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    action: str = Field(max_length=30)
    # Whom the action was about, when a person: the consultant assigned.
    subject_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# --- resources and referral -------------------------------------------------------------

SERVICE_TYPES = (
    ("therapy", "Outpatient therapy"),
    ("psychiatry", "Child psychiatry"),
    ("testing", "Psychological testing"),
    ("autism", "Autism evaluation"),
    ("crisis", "Crisis services"),
    ("substance", "Substance use treatment"),
    ("eating", "Eating disorder care"),
    ("family", "Family support and parenting"),
    ("school", "School and education advocacy"),
    ("intensive", "Intensive outpatient or day program"),
)
PAYERS = (
    ("medicaid", "Medicaid"),
    ("chip", "CHIP"),
    ("commercial", "Commercial insurance"),
    ("sliding", "Sliding scale"),
    ("free", "Free"),
)


class CommunityResource(SQLModel, table=True):
    """A service in the hub's directory: the service's own contact details, never a
    patient's."""

    __tablename__ = "community_resource"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    service_types: str = Field(default="", max_length=200)  # comma-separated SERVICE_TYPES
    min_age: int = Field(default=0)
    max_age: int = Field(default=21)
    languages: str = Field(default="English", max_length=200)
    payers: str = Field(default="", max_length=100)  # comma-separated PAYERS
    telehealth: bool = Field(default=False)
    wait_weeks: int | None = Field(default=None)
    phone: str = Field(default="", max_length=30)
    website: str = Field(default="", max_length=500)
    city: str = Field(default="", max_length=100)
    us_state: str = Field(default="", max_length=2)
    notes: str = Field(default="", max_length=1000)
    is_active: bool = Field(default=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ConsultResource(SQLModel, table=True):
    __tablename__ = "consult_resource"
    __table_args__ = (sa.UniqueConstraint("request_id", "resource_id"),)

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="consult_request.id", index=True, ondelete="CASCADE")
    resource_id: int = Field(foreign_key="community_resource.id", ondelete="CASCADE")
    attached_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    attached_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


FOLLOW_UP_OUTCOMES = (
    ("connected", "The family connected with the service"),
    ("scheduled", "An appointment is scheduled"),
    ("not-connected", "Not connected yet"),
    ("declined", "The family declined"),
    ("unreachable", "Could not reach the practice"),
)


class FollowUpTask(SQLModel, table=True):
    """Care coordination: "did the family connect?", due some days after a referral."""

    __tablename__ = "consult_follow_up"

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(foreign_key="consult_request.id", index=True, ondelete="CASCADE")
    resource_id: int | None = Field(
        default=None, foreign_key="community_resource.id", ondelete="SET NULL"
    )
    due_on: date
    outcome: str = Field(default="", max_length=14)  # FOLLOW_UP_OUTCOMES
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    closed_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- integration profile ---------------------------------------------------------------


class IntegrationAssessment(SQLModel, table=True):
    """A practice's yearly self-assessment (echo.consult.integration): answers as
    "key=yes|no" lines, and the level they placed the practice on."""

    __tablename__ = "integration_assessment"

    id: int | None = Field(default=None, primary_key=True)
    practice_id: int = Field(foreign_key="practice.id", index=True, ondelete="CASCADE")
    answers: str = Field(default="", sa_type=sa.Text)
    level: int
    completed_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    completed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def answer_map(self) -> dict[str, bool]:
        pairs = (line.split("=", 1) for line in self.answers.splitlines() if "=" in line)
        return {key: value == "yes" for key, value in pairs}
