"""Committing a previewed attendance report: the page's "Import" and the API's commit.

One commit of a session at a time (a row lock on the session: a second waits, then finds
the first's record, so a double click or a retried request counts the minutes once); the
kept report is planned again (the roster may have changed since the preview), written, and
forgotten in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from echo.attendance import imports, services
from echo.attendance.models import ReportImport
from echo.programs.models import ProgramSession


@dataclass(frozen=True)
class Committed:
    record: ReportImport
    already: bool  # committed before (by an earlier click or request): nothing changed


def commit_kept(
    session: Session,
    program_session: ProgramSession,
    hub_id: int,
    *,
    sha256: str,
    filename: str,
    zone: str,
    actor_id: int | None,
) -> Committed | None:
    """The import of the report kept under ``sha256``; None when it is neither kept nor
    committed (expired, or never previewed). ReportError when it no longer reads."""
    session_id = program_session.id or 0
    session.exec(
        select(ProgramSession.id)
        .where(col(ProgramSession.id) == session_id)
        .with_for_update(key_share=True)  # FOR NO KEY UPDATE: check-ins need not wait
    ).one()
    data = imports.stored(session, session_id, sha256)
    if data is None:
        earlier = services.imports_of(session, session_id)
        done = next((record for record in earlier if record.sha256 == sha256), None)
        return Committed(done, already=True) if done is not None else None
    plan = services.plan_import(
        session, program_session, hub_id, data=data, filename=filename, zone=zone
    )
    record = services.commit_import(session, program_session, plan, actor_id=actor_id)
    imports.discard(session, session_id, sha256)
    return Committed(record, already=False)
