"""Hubs (specialist teams), their programs (series) and enrollments."""

from __future__ import annotations

from datetime import datetime
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
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Enrollment(SQLModel, table=True):
    __tablename__ = "enrollment"
    __table_args__ = (sa.UniqueConstraint("program_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    status: str = Field(default=EnrollmentStatus.pending, max_length=10)
    requested_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
