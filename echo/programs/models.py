"""Hubs (specialist teams), their programs (series) and enrollments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class ProgramStatus(StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"


class Visibility(StrEnum):
    public = "public"  # listed in the catalog; schedule and calendar readable by anyone
    private = "private"  # invitation only: unknown to everyone but members and participants


class EnrollmentMode(StrEnum):
    auto = "auto"  # requests become active at once
    approval = "approval"  # a coordinator approves each request


class EnrollmentStatus(StrEnum):
    pending = "pending"
    active = "active"
    withdrawn = "withdrawn"


class Hub(SQLModel, table=True):
    __tablename__ = "hub"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=60, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    time_zone: str = Field(max_length=64)
    # Zoom's "secret token" for this hub's webhook app (docs/domain.md section 3); "" = not set.
    zoom_webhook_secret: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Program(SQLModel, table=True):
    __tablename__ = "program"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    slug: str = Field(max_length=60, sa_column_kwargs={"unique": True}, nullable=False)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_type=sa.Text)
    target_audience: str = Field(default="", max_length=500)
    status: str = Field(default=ProgramStatus.draft, max_length=10)
    visibility: str = Field(default=Visibility.public, max_length=10)
    enrollment_mode: str = Field(default=EnrollmentMode.approval, max_length=10)
    # Enrolled participants see presented cases' de-identified summaries from the start
    # of their session (hub members always see full cases).
    participants_see_cases: bool = Field(default=True)
    # The hub faculty member who releases written case recommendations for this program.
    lead_faculty_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Enrollment(SQLModel, table=True):
    __tablename__ = "enrollment"
    __table_args__ = (
        sa.UniqueConstraint("program_id", "user_id"),
        # Counts of a program's active participants, from the index alone.
        sa.Index("ix_enrollment_program_id_status", "program_id", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    status: str = Field(default=EnrollmentStatus.pending, max_length=10)
    requested_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )


class SessionStatus(StrEnum):
    scheduled = "scheduled"
    cancelled = "cancelled"


class SessionState(StrEnum):
    """Where a session stands for the people who come to it, at a given moment (a stored
    status says only scheduled or cancelled; time says the rest)."""

    upcoming = "upcoming"
    moved = "moved"  # upcoming, at another time than the series gave it
    in_progress = "in_progress"
    held = "held"
    cancelled = "cancelled"

    @property
    def label(self) -> str:
        return {
            "upcoming": "Upcoming",
            "moved": "Moved",
            "in_progress": "In progress",
            "held": "Held",
            "cancelled": "Cancelled",
        }[self.value]


class ProgramSchedule(SQLModel, table=True):
    """How a program recurs: one per program (see echo.programs.recurrence)."""

    __tablename__ = "program_schedule"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(
        foreign_key="program.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    first_date: date
    start_time: time
    duration_minutes: int = Field(default=60)
    time_zone: str = Field(max_length=64)
    kind: str = Field(default="weekly", max_length=10)  # weekly | monthly | rrule
    interval: int = Field(default=1)
    weekdays: str = Field(default="", max_length=40)  # "1,3" = Tuesday and Thursday
    month_week: int = Field(default=1)
    month_weekday: int = Field(default=0)
    rule: str = Field(default="", max_length=500)
    count: int | None = Field(default=None)
    until: date | None = Field(default=None)
    meeting_url: str = Field(default="", max_length=500)
    meeting_passcode: str = Field(default="", max_length=100)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ProgramSession(SQLModel, table=True):
    """One meeting of a program. Its id is stable: calendar UIDs and links depend on it."""

    __tablename__ = "program_session"
    __table_args__ = (sa.UniqueConstraint("program_id", "occurrence_key"),)

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    # The series slot this meeting fills ("2026-12-01T12:00", local to the schedule);
    # None for a meeting added by hand.
    occurrence_key: str | None = Field(default=None, max_length=20)
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    title: str = Field(default="", max_length=200)
    status: str = Field(default=SessionStatus.scheduled, max_length=10)
    cancel_reason: str = Field(default="", max_length=300)
    moved: bool = Field(default=False)  # rescheduled by hand: schedule changes leave it alone
    topic_id: str = Field(default="", max_length=60)  # curriculum topic applied, if any
    didactic_title: str = Field(default="", max_length=200)
    didactic_presenter_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    didactic_objectives: str = Field(default="", sa_type=sa.Text)  # one per line
    resource_ids: str = Field(default="", max_length=1000)  # toolkit ids, comma-separated
    slides_url: str = Field(default="", max_length=500)
    recording_url: str = Field(default="", max_length=500)
    notes: str = Field(default="", sa_type=sa.Text)
    sequence: int = Field(default=0)  # RFC 5545 SEQUENCE: bumped on each significant change
    case_capacity: int = Field(default=2)  # case presentations that fit in the session
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def is_customized(self) -> bool:
        """Content or hand edits a schedule change must not throw away or move (cases and
        check-ins are checked in echo.programs.sessions.plan_schedule)."""
        return bool(
            self.didactic_title
            or self.didactic_presenter_id
            or self.notes
            or self.slides_url
            or self.recording_url
            or self.moved
            or self.status == SessionStatus.cancelled
        )

    def state_at(self, now: datetime) -> SessionState:
        if self.status == SessionStatus.cancelled:
            return SessionState.cancelled
        starts, ends = (
            t if t.tzinfo else t.replace(tzinfo=UTC) for t in (self.starts_at, self.ends_at)
        )
        if ends <= now:
            return SessionState.held
        if starts <= now:
            return SessionState.in_progress
        return SessionState.moved if self.moved else SessionState.upcoming


class CurriculumChange(SQLModel, table=True):
    """A curriculum applied to a program's sessions, with what those sessions held before,
    so the change can be undone for a while (UNDO_WINDOW in echo.programs.sessions)."""

    __tablename__ = "curriculum_change"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    curriculum: str = Field(max_length=200)  # the file's name
    applied_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    applied_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    # JSON: [{"session_id", "topic_id", "didactic_title", "didactic_objectives",
    # "resource_ids"}] as they were before
    previous: str = Field(default="[]", sa_type=sa.Text)
    undone_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SessionMaterial(SQLModel, table=True):
    """An uploaded file (slides) of a session, stored by content hash under var/uploads."""

    __tablename__ = "session_material"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    filename: str = Field(max_length=200)
    content_type: str = Field(max_length=100)
    size_bytes: int
    sha256: str = Field(max_length=64)
    uploaded_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
