"""Webhook events about a program's things, for every domain that emits one (programs,
attendance, cases, CME): each names the hub and program by their short names and is sent
to the hub's endpoints (echo.webhooks.events). Here the session events too."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlmodel import Session

from echo.programs.models import Hub, Program, ProgramSession
from echo.webhooks import events as webhooks


def emit_many(
    session: Session, program_id: int, event_type: str, items: Sequence[Mapping[str, object]]
) -> int:
    """Queue one ``event_type`` event per item of data for the program's hub's endpoints
    that want it, in the caller's transaction, with ``hub`` and ``program`` put first in
    each; how many deliveries were queued. When the hub has no endpoint for it (the usual
    case) that costs one query (the program is usually loaded already)."""
    program = session.get(Program, program_id) if items else None
    if program is None:
        return 0
    endpoints = webhooks.subscribers(session, program.hub_id, event_type)
    hub = session.get(Hub, program.hub_id) if endpoints else None
    if hub is None:
        return 0
    scope = {"hub": hub.slug, "program": program.slug}
    return sum(webhooks.queue(session, endpoints, event_type, {**scope, **data}) for data in items)


def emit(session: Session, program_id: int, event_type: str, data: Mapping[str, object]) -> int:
    """One event (see emit_many)."""
    return emit_many(session, program_id, event_type, [data])


def session_data(program_session: ProgramSession, change: str) -> dict[str, object]:
    """``session.changed``'s data: added, moved, cancelled, restored, updated or removed
    (a removed session has no page any more: its session_url is null)."""
    return {
        "session_id": program_session.id,
        "change": change,
        "status": "removed" if change == "removed" else program_session.status,
        "starts_at": webhooks.timestamp(program_session.starts_at),
        "ends_at": webhooks.timestamp(program_session.ends_at),
        "sequence": program_session.sequence,
        "session_url": None if change == "removed" else f"/sessions/{program_session.id}",
    }


def session_changed(session: Session, program_session: ProgramSession, change: str) -> int:
    return emit(
        session,
        program_session.program_id,
        "session.changed",
        session_data(program_session, change),
    )
