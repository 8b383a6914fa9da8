"""Batch work where one bad item never stops the rest.

The reminder pass, digests, certificate batches and housekeeping run over many rows in
one transaction. ``each`` runs every item inside its own savepoint: an item that raises
is rolled back alone, logged with its key (never its text), and recorded as a
``JobFailure`` that site administrators see on /admin/mail; the others go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel, col, select

from echo.db import UTCDateTime
from echo.timeutil import utcnow

log = logging.getLogger("echo.jobs")
T = TypeVar("T")

MAX_ERROR = 300


class JobFailure(SQLModel, table=True):
    """One item a batch job could not do: which job, which item (ids), what went wrong."""

    __tablename__ = "job_failure"

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=60, index=True)
    item: str = Field(max_length=200)  # ids only, e.g. "session 12, user 7"
    error: str = Field(max_length=MAX_ERROR)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


def describe(error: BaseException) -> str:
    """What went wrong, without the data: a database error's message carries the SQL and
    its parameters (which may hold what people typed), so only its kind is kept."""
    if isinstance(error, sa.exc.StatementError):
        original = error.orig if error.orig is not None else error
        return f"database error ({type(original).__name__})"
    first_line = str(error).splitlines()[0] if str(error) else ""
    return f"{type(error).__name__}: {first_line}"[:MAX_ERROR]


def each(
    session: Session,
    items: Iterable[T],
    *,
    job: str,
    key: Callable[[T], str],
    work: Callable[[T], int | None],
) -> int:
    """Run ``work`` on every item, each in a savepoint; returns the sum of what ``work``
    returned (a count of messages queued, say). A failing item is rolled back, logged
    and recorded, and the loop goes on."""
    done = 0
    for item in items:
        try:
            with session.begin_nested():
                done += work(item) or 0
        except Exception as error:
            record_failure(session, job, key(item), error)
    return done


def record_failure(session: Session, job: str, item: str, error: BaseException) -> None:
    text = describe(error)
    log.error("%s: %s failed: %s", job, item, text)
    session.add(JobFailure(job=job[:60], item=item[:200], error=text))
    session.flush()


def recent_failures(session: Session, limit: int = 100) -> list[JobFailure]:
    return list(
        session.exec(select(JobFailure).order_by(col(JobFailure.at).desc()).limit(limit)).all()
    )
