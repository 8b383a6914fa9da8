"""Uploaded attendance reports waiting between preview and commit.

A report holds names and email addresses, so a preview that is never committed must not
be kept: each is a row of ``attendance_upload`` for at most ``PREVIEW_LIFETIME``. After
that it reads as expired, and the worker's housekeeping (``expire``) deletes it. In the
database, not in a folder, so the commit may reach any app machine.

A kept report is found by the session it was previewed for and its SHA-256: only a commit
for that same session finds it (the hub staff of another session, even knowing the
digest, find nothing).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.attendance.models import AttendanceUpload
from echo.db import dialect_insert
from echo.timeutil import utcnow

PREVIEW_LIFETIME = timedelta(hours=24)


def keep(
    session: Session, session_id: int, sha256: str, data: bytes, now: datetime | None = None
) -> None:
    """Store an uploaded report until its import into ``session_id`` is committed (or it
    expires). The same report kept again is one row, its lifetime renewed."""
    kept_at = now or utcnow()
    statement = (
        dialect_insert(session, AttendanceUpload)
        .values(session_id=session_id, sha256=sha256, data=data, kept_at=kept_at)
        .on_conflict_do_update(index_elements=["session_id", "sha256"], set_={"kept_at": kept_at})
    )
    session.execute(statement)


def stored(
    session: Session, session_id: int, sha256: str, now: datetime | None = None
) -> bytes | None:
    """The report kept for this session with this digest (checked by CommitImportForm),
    if it has not expired."""
    return session.exec(
        select(AttendanceUpload.data).where(
            col(AttendanceUpload.session_id) == session_id,
            col(AttendanceUpload.sha256) == sha256,
            col(AttendanceUpload.kept_at) >= (now or utcnow()) - PREVIEW_LIFETIME,
        )
    ).first()


def discard(session: Session, session_id: int, sha256: str) -> None:
    """Forget a kept report (once its import is committed, in the same transaction)."""
    session.execute(
        sa.delete(AttendanceUpload).where(
            col(AttendanceUpload.session_id) == session_id,
            col(AttendanceUpload.sha256) == sha256,
        )
    )


def expire(session: Session, now: datetime | None = None) -> int:
    """Delete the previews older than PREVIEW_LIFETIME; returns how many."""
    result = session.execute(
        sa.delete(AttendanceUpload).where(
            col(AttendanceUpload.kept_at) < (now or utcnow()) - PREVIEW_LIFETIME
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
