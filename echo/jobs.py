"""Batch work where one bad item never stops the rest, and leased queues.

The reminder pass, digests, certificate batches and housekeeping run over many rows in
one transaction. ``each`` runs every item inside its own savepoint: an item that raises
is rolled back alone, logged with its key (never its text), and recorded as a
``JobFailure`` that site administrators see on /admin/mail; the others go on.

``claim_due`` and ``held_by`` are the one lease both outboxes use (mail in
echo.notify.outbox, webhooks in echo.webhooks.delivery): due rows are leased to one worker
in a short write transaction, so any number of workers in any number of processes never
send the same row twice, and a dead worker's lease runs out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel, col, select

from echo.db import Database, UTCDateTime
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


def claim_due(
    database: Database,
    table: Any,
    due: sa.ColumnElement[bool],
    worker_id: str,
    *,
    sending: str,
    limit: int,
    now: datetime,
    lease: timedelta,
) -> list[int]:
    """Lease up to ``limit`` rows of ``table`` (an id, status, lease_owner and leased_until)
    matching ``due`` to this worker, oldest first, marked ``sending``; their ids."""
    # A read first: an idle worker polling every few seconds takes no write lock.
    with database.read() as session:
        if session.exec(select(col(table.id)).where(due).limit(1)).first() is None:
            return []
    with database.write() as session:
        ids = [
            row_id
            for row_id in session.exec(
                select(col(table.id))
                .where(due)
                .order_by(col(table.id))
                .limit(limit)
                .with_for_update(skip_locked=True)  # PostgreSQL; SQLite's dialect omits it
            ).all()
            if row_id is not None
        ]
        if ids:
            session.exec(
                sa.update(table)
                .where(col(table.id).in_(ids))
                .values(status=sending, lease_owner=worker_id, leased_until=now + lease)
            )
    return ids


def held_by(table: Any, row_id: int, worker_id: str, sending: str) -> sa.ColumnElement[bool]:
    """The row, while this worker still holds its lease (every write of a leased row says
    so, so a worker whose lease ran out and was taken over writes nothing)."""
    return sa.and_(
        col(table.id) == row_id, col(table.status) == sending, col(table.lease_owner) == worker_id
    )
