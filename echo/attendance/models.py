"""Attendance: who was in a session and for how long, from the best source available.

Sources, best first (one place decides: echo.attendance.services.minutes_for):
platform intervals (imported reports and Zoom webhooks), then check-in/check-out, then
nothing. A coordinator's adjustment, with its reason, overrides them all and is marked.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class IntervalSource(StrEnum):
    report = "report"  # an imported Zoom, Teams or Webex export
    webhook = "webhook"  # Zoom's participant_joined / participant_left events


class AttendanceInterval(SQLModel, table=True):
    """A stretch of time a person was in the meeting, as a platform saw it (UTC).

    Minutes are the union of a person's intervals clipped to the session, never a sum, so
    importing a file twice or two reports of one occurrence cannot double count.
    """

    __tablename__ = "attendance_interval"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id", "source", "start_at", "end_at"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    source: str = Field(max_length=10)
    start_at: datetime = Field(sa_type=UTCDateTime)
    end_at: datetime = Field(sa_type=UTCDateTime)
    import_id: int | None = Field(
        default=None, foreign_key="attendance_import.id", ondelete="SET NULL"
    )


class ZoomPresence(SQLModel, table=True):
    """An open Zoom webhook join awaiting its leave event; idempotent under Zoom's retries."""

    __tablename__ = "zoom_presence"
    __table_args__ = (sa.UniqueConstraint("session_id", "participant_key", "joined_at"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    participant_key: str = Field(max_length=200)  # participant_uuid, else user id or email
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    joined_at: datetime = Field(sa_type=UTCDateTime)
    left_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")


class CheckIn(SQLModel, table=True):
    """A participant's own check-in (and check-out) during the session window."""

    __tablename__ = "attendance_checkin"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    checked_in_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    checked_out_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    method: str = Field(default="button", max_length=10)  # button, or code (phone, QR)


class Adjustment(SQLModel, table=True):
    """A coordinator's entry of a person's minutes: append-only, the latest one counts."""

    __tablename__ = "attendance_adjustment"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    seconds: int
    previous_seconds: int
    previous_source: str = Field(default="", max_length=10)
    reason: str = Field(max_length=500)
    by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ReportImport(SQLModel, table=True):
    """One committed import of a platform export into a session."""

    __tablename__ = "attendance_import"

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    format: str = Field(max_length=10)
    filename: str = Field(max_length=255)
    sha256: str = Field(max_length=64)
    people: int = Field(default=0)
    matched: int = Field(default=0)
    by_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UnmatchedAttendee(SQLModel, table=True):
    """Someone in a report Echo could not match to an enrolled person, until a coordinator does."""

    __tablename__ = "attendance_unmatched"
    __table_args__ = (sa.UniqueConstraint("session_id", "report_key"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    report_key: str = Field(max_length=320)  # lower-cased email, else the display name
    name: str = Field(default="", max_length=200)
    email: str = Field(default="", max_length=320)
    # The person's intervals as "start/end" ISO pairs, one per line (UTC).
    intervals: str = Field(default="", sa_type=sa.Text)
    import_id: int | None = Field(
        default=None, foreign_key="attendance_import.id", ondelete="SET NULL"
    )
    resolved_user_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    resolved_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class AttendeeAlias(SQLModel, table=True):
    """A report identity (email or display name) a coordinator matched to a person, remembered
    per hub so later imports match it without asking."""

    __tablename__ = "attendance_alias"
    __table_args__ = (sa.UniqueConstraint("hub_id", "report_key"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    report_key: str = Field(max_length=320)
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class UserEmail(SQLModel, table=True):
    """Extra email addresses a person adds to their profile (e.g. the one their video
    platform account uses), for matching attendance reports."""

    __tablename__ = "user_email"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    email: str = Field(max_length=320, sa_column_kwargs={"unique": True})
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class AttendanceUpload(SQLModel, table=True):
    """An uploaded report kept between its preview and its commit (echo.attendance.imports),
    in the database so that the commit may reach any app machine. At most 10 MB
    (echo.attendance.views.MAX_REPORT_BYTES) and 24 hours; keeping it again renews it."""

    __tablename__ = "attendance_upload"

    session_id: int = Field(foreign_key="program_session.id", primary_key=True, ondelete="CASCADE")
    sha256: str = Field(primary_key=True, max_length=64)
    data: bytes = Field(sa_type=sa.LargeBinary)
    kept_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
