"""``POST /sessions/{id}/check-in``: the participant's check-in button, outside ``page()``.

Why it has its own endpoint: check-ins come in a burst. When a session starts, most of
its participants press "Check in" within a few seconds (``make bench`` sends 300 at once
to one worker). Through ``echo.web.page(write=True)`` each of them parsed the form a
second time, loaded the session, program, hub and schedule as ORM objects, and held
SQLite's write lock from the login lookup to the end of the view, so the thread pool's
threads queued on that lock with SQLite's busy sleeps. Here a check-in is three
statements built once at import, on one connection, in one short transaction:

1. the login behind the cookie (``echo.accounts.services.active_login``, as ``page()``),
2. the session's window and status with the person's enrollment in its program,
3. ``INSERT ... ON CONFLICT DO NOTHING`` (``echo.attendance.services``).

What it keeps from the ``page()`` view it replaces: the CSRF middleware has checked the
token before this runs (it has parsed the form too; no other field is needed here);
nobody signed in: a redirect to ``/login?next=...``; no such session, or not an active
participant of its program: 404; outside the check-in window or a cancelled session:
back to the session page with the "check-in-closed" notice; else at most one row per
person and session (checking in again changes nothing) and a 303 back to the session page
with "checked-in". Like every ``page(write=True)`` POST, it does not touch the login's
``last_seen_at``.

On SQLite the transaction runs inline on the event loop, as ``page()`` runs GETs there:
it takes a fraction of a millisecond, with no hand-off to a thread, and one thread never
queues behind itself for the write lock. It never waits for the lock on the event loop,
though: when another connection holds it (a thread of this worker, another worker, the
command line), the request goes to the thread pool and waits there like any other write.
On PostgreSQL (network round trips) it runs in the thread pool.
"""

from __future__ import annotations

import asyncio
import sqlite3
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from echo.accounts import services as accounts
from echo.attendance import services
from echo.attendance.models import CheckIn
from echo.db import WRITE_OPTION, Database, UTCDateTime
from echo.programs.models import Enrollment, EnrollmentStatus, ProgramSession, SessionStatus
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web import not_found, redirect

_session: sa.Table = ProgramSession.__table__  # type: ignore[attr-defined]
_enrollment: sa.Table = Enrollment.__table__  # type: ignore[attr-defined]
_checkin: sa.Table = CheckIn.__table__  # type: ignore[attr-defined]

# Statements built once, in Core, like echo.accounts.services._ACTIVE_LOGIN: on SQLite,
# building a statement costs several times more than running it.

# The check-in itself, when the person is an active participant of the session's program
# and check-in is open (services.check_in_window_open, as SQL: opens_by = now + 15 min,
# closes_from = now - 15 min); nothing when they are already checked in.
_ELIGIBLE = (
    sa.select(
        _session.c.id,
        _enrollment.c.user_id,
        sa.bindparam("checked_in_at", type_=UTCDateTime),
        sa.bindparam("method", type_=sa.String),
    )
    .select_from(_session.join(_enrollment, _enrollment.c.program_id == _session.c.program_id))
    .where(
        _session.c.id == sa.bindparam("session_id"),
        _enrollment.c.user_id == sa.bindparam("user_id"),
        _enrollment.c.status == EnrollmentStatus.active.value,
        _session.c.status != SessionStatus.cancelled.value,
        _session.c.starts_at <= sa.bindparam("opens_by"),
        _session.c.ends_at >= sa.bindparam("closes_from"),
    )
)
_COLUMNS = ["session_id", "user_id", "checked_in_at", "method"]
_CHECK_IN = {
    "postgresql": postgresql.insert(_checkin)
    .from_select(_COLUMNS, _ELIGIBLE)
    .on_conflict_do_nothing(),
    "sqlite": sqlite.insert(_checkin).from_select(_COLUMNS, _ELIGIBLE).on_conflict_do_nothing(),
}
# When nothing was inserted, why: the session's window and status, and the person's
# enrollment in its program (NULL when none); no row when there is no such session.
_TARGET = (
    sa.select(
        _session.c.starts_at,
        _session.c.ends_at,
        _session.c.status,
        _enrollment.c.status.label("enrollment_status"),
    )
    .select_from(
        _session.outerjoin(
            _enrollment,
            sa.and_(
                _enrollment.c.program_id == _session.c.program_id,
                _enrollment.c.user_id == sa.bindparam("user_id"),
            ),
        )
    )
    .where(_session.c.id == sa.bindparam("session_id"))
)


class _WriteLockBusy(Exception):
    """Another connection holds SQLite's write lock; wait for it in the thread pool."""


# What a check-in comes to, besides a notice ("checked-in", "check-in-closed") to show on
# the session page: NOT_FOUND (404), LOGIN (not signed in: to the login page), or ALONE
# (its group's transaction failed: the request is written again, on its own).
NOT_FOUND, LOGIN, ALONE = "not-found", "login", "alone"


@dataclass(frozen=True)
class _Pending:
    claims: Mapping[str, object]  # the login cookie's, verified by the CSRF middleware
    session_id: int


class _GroupCommit:
    """Group commit: the check-ins that reach this worker while the previous group is
    being written are written together, in one transaction, on one connection.

    A burst of check-ins then costs one connection check-out, one ``BEGIN`` and one
    ``COMMIT`` (one WAL write on SQLite, one WAL flush on PostgreSQL) per group instead of
    per request. Each check-in of a group is still checked on its own (login, enrollment,
    window). If the group's transaction fails (another connection holds SQLite's write
    lock, a database error), nothing of it is kept and each of its requests is written
    again on its own, in the thread pool, where it waits for the lock or fails alone.
    Recording a check-in is idempotent, so writing it again is safe.

    SQLite: a group is written inline on the event loop, in the loop turn after its first
    check-in arrived. PostgreSQL: in the thread pool, one group at a time; check-ins that
    arrive meanwhile form the next group.
    """

    def __init__(self, database: Database, loop: asyncio.AbstractEventLoop) -> None:
        self.database = database
        self.loop = loop
        self.waiting: list[tuple[_Pending, asyncio.Future[str]]] = []
        self.writing = False

    @property
    def idle(self) -> bool:
        return not self.waiting and not self.writing

    def add(self, pending: _Pending) -> asyncio.Future[str]:
        outcome = self.loop.create_future()
        if self.idle:
            self.loop.call_soon(self._write_next)
        self.waiting.append((pending, outcome))
        return outcome

    def _write_next(self) -> None:
        group, self.waiting = self.waiting, []
        if not group:
            return
        if self.database.reads_inline:
            _settle(group, _write_or_none(self.database, [p for p, _ in group], wait=False))
        else:
            self.writing = True
            self.loop.create_task(self._write_in_thread(group))

    async def _write_in_thread(self, group: list[tuple[_Pending, asyncio.Future[str]]]) -> None:
        outcomes = None
        try:
            outcomes = await run_in_threadpool(
                _write_or_none, self.database, [p for p, _ in group], wait=True
            )
        finally:
            _settle(group, outcomes)
            self.writing = False
            self._write_next()


def _settle(group: list[tuple[_Pending, asyncio.Future[str]]], outcomes: list[str] | None) -> None:
    for index, (_, future) in enumerate(group):
        if not future.done():
            future.set_result(outcomes[index] if outcomes is not None else ALONE)


def _write_or_none(database: Database, group: list[_Pending], *, wait: bool) -> list[str] | None:
    """The group's outcomes, or None when its transaction failed (a real error shows
    again when its requests are written one by one)."""
    try:
        return _write(database, group, wait_for_lock=wait)
    except Exception:
        return None


# One group commit per database and event loop (tests run an app on several loops).
_groups: weakref.WeakKeyDictionary[Database, _GroupCommit] = weakref.WeakKeyDictionary()


def _group_for(database: Database) -> _GroupCommit | None:
    loop = asyncio.get_running_loop()
    group = _groups.get(database)
    if group is None or (group.loop is not loop and group.idle):
        group = _groups[database] = _GroupCommit(database, loop)
    return group if group.loop is loop else None


async def check_in(request: Request) -> Response:
    claims = request.scope["state"].get("login_claims")
    if not claims:
        return _to_login(request)
    session_id: int = request.path_params["session_id"]
    database: Database = request.app.state.database
    pending = _Pending(claims, session_id)
    group = _group_for(database)
    import os  # TEMP A/B

    if os.environ.get("TEMP_NOGROUP") and database.reads_inline:
        outcome = _write(database, [pending], wait_for_lock=False)[0]
    else:
        outcome = await group.add(pending) if group is not None else ALONE
    if outcome == ALONE:
        (outcome,) = await run_in_threadpool(_write, database, [pending], wait_for_lock=True)
    if outcome == LOGIN:
        return _to_login(request)
    if outcome == NOT_FOUND:
        raise not_found()
    return redirect(f"/sessions/{session_id}", notice=outcome)


def _write(database: Database, group: list[_Pending], *, wait_for_lock: bool) -> list[str]:
    """Each check-in of the group, in one transaction; their outcomes, in order."""
    settings = database.settings
    with database.engine.connect() as connection:
        _begin(connection, settings, wait_for_lock)
        outcomes = [_check_in_one(connection, settings, p.claims, p.session_id) for p in group]
        connection.commit()
    return outcomes


def _check_in_one(
    connection: sa.Connection, settings: Settings, claims: Mapping[str, object], session_id: int
) -> str:
    login = accounts.active_login(connection, settings, claims)
    if login is None:
        return LOGIN
    user_id = login.viewer.id
    now = utcnow()
    inserted = connection.execute(
        _CHECK_IN["postgresql" if connection.dialect.name == "postgresql" else "sqlite"],
        {
            "session_id": session_id,
            "user_id": user_id,
            "checked_in_at": now,
            "method": "button",
            "opens_by": now + services.CHECK_IN_OPENS,
            "closes_from": now - services.CHECK_IN_CLOSES,
        },
    )
    if inserted.rowcount:
        return "checked-in"
    # Nothing inserted: say why.
    row = connection.execute(_TARGET, {"session_id": session_id, "user_id": user_id}).first()
    if row is None or row.enrollment_status != EnrollmentStatus.active:
        return NOT_FOUND
    if not services.check_in_window_open(row.starts_at, row.ends_at, row.status, now):
        return "check-in-closed"
    return "checked-in"  # already checked in: nothing changes


def _begin(connection: sa.Connection, settings: Settings, wait_for_lock: bool) -> None:
    """Start the write transaction; ``BEGIN IMMEDIATE`` on SQLite (echo.db), so that reading
    then writing cannot fail on a stale snapshot. Without ``wait_for_lock``, fail at once
    with ``_WriteLockBusy`` instead of sleeping in SQLite's busy handler (on the event
    loop) while another connection holds the lock."""
    connection.execution_options(**{WRITE_OPTION: True})
    if wait_for_lock or connection.dialect.name != "sqlite":
        connection.begin()
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute("PRAGMA busy_timeout = 0")
    try:
        connection.begin()
    except (sqlite3.OperationalError, sa.exc.OperationalError) as exc:
        original = getattr(exc, "orig", exc)
        if getattr(original, "sqlite_errorcode", None) == sqlite3.SQLITE_BUSY:
            raise _WriteLockBusy from exc
        raise
    finally:
        # Once held, the lock needs no more waiting: a commit in WAL mode never waits.
        driver.execute(f"PRAGMA busy_timeout = {int(settings.sqlite_busy_timeout_ms)}")


def _to_login(request: Request) -> Response:
    """As echo.web.page() answers a view that needs a signed-in person."""
    url = request.url
    target = url.path + (f"?{url.query}" if url.query else "")
    return RedirectResponse(f"/login?{urlencode({'next': target})}", status_code=303)
