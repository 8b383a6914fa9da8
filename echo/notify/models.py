"""The outbox: every email Echo sends is first a row here, written in the same transaction
as the change that caused it, then delivered by a worker (echo.notify.outbox)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class OutboxStatus(StrEnum):
    queued = "queued"  # waiting for its next attempt (next_attempt_at)
    sending = "sending"  # claimed by a worker until leased_until
    sent = "sent"  # accepted by the SMTP server (or written to the mail folder)
    failed = "failed"  # rejected for good, or out of attempts; an administrator may retry


class OutboxMessage(SQLModel, table=True):
    """One email, ready to send: rendered bodies, optional invitation, delivery state."""

    __tablename__ = "outbox_message"
    # The worker's claim query: due rows by status and time.
    __table_args__ = (sa.Index("ix_outbox_message_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    # Lets a producer enqueue idempotently, e.g. "reminder:24h:session:12:user:7".
    dedupe_key: str | None = Field(default=None, max_length=200, sa_column_kwargs={"unique": True})
    to_address: str = Field(max_length=320)
    to_user_id: int | None = Field(
        default=None, foreign_key="user_account.id", index=True, ondelete="SET NULL"
    )
    sender_name: str = Field(default="Echo", max_length=200)  # the From display name
    subject: str = Field(max_length=500)
    text_body: str = Field(default="", sa_type=sa.Text)
    html_body: str = Field(default="", sa_type=sa.Text)
    calendar: str = Field(default="", sa_type=sa.Text)  # an iCalendar object, "" for none
    calendar_method: str = Field(default="", max_length=10)  # "", REQUEST or CANCEL
    headers: str = Field(default="{}", sa_type=sa.Text)  # JSON object of extra headers
    category: str = Field(default="general", max_length=40)
    status: str = Field(default=OutboxStatus.queued.value, max_length=10)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_error: str = Field(default="", sa_type=sa.Text)
    lease_owner: str = Field(default="", max_length=200)
    leased_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NotificationPreference(SQLModel, table=True):
    """An optional kind of email a person turned off (absent = on). Security messages
    (address verification, password reset) always go out."""

    __tablename__ = "notification_preference"
    __table_args__ = (sa.UniqueConstraint("user_id", "category"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    category: str = Field(max_length=20)
    enabled: bool = Field(default=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
