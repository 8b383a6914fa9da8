"""``POST /sessions/{id}/check-in``: the participant's check-in button, outside ``page()``.

Why it has a path of its own: check-ins come in a burst. When a session starts, most of
its participants press "Check in" within the same few seconds (``make bench`` sends 300
at once to one worker). Through ``echo.web.page(write=True)`` each of them parsed the form
a second time, loaded the session, program, hub and schedule as ORM objects, and held
SQLite's write lock from the login lookup to the end of the view, while the thread pool's
threads queued on that lock with SQLite's busy sleeps: about 180 check-ins a second.

Here the check-ins that arrive within a few milliseconds of each other are written as
one group (``_GroupCommit``), on one connection:

1. each request's login, as ``page()`` finds it (``echo.accounts.services.active_login``,
   from the claims the CSRF middleware verified),
2. one ``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING`` per session for all of
   the group's signed-in people: it inserts a row only for active participants of the
   session's program while check-in is open, at most one per person and session,
3. only for someone it did not check in, one more query to say why,
4. one commit.

What it keeps from the ``page()`` view it replaced: the CSRF middleware has checked the
token before this runs (it has parsed the form too; no other field is needed, so the form
is not parsed again); nobody signed in (or a revoked, expired or idle login): a redirect
to ``/login?next=...``; no such session, or not an active participant of its program: 404;
outside the check-in window or a cancelled session: back to the session page with the
"check-in-closed" notice; otherwise at most one row per person and session (checking in
again changes nothing) and a 303 back to the session page with "checked-in". Like every
``page(write=True)`` POST, it does not touch the login's ``last_seen_at``.

On SQLite a group is written inline on the event loop, as ``page()`` runs GETs there: no
hand-off to a thread, and one writer never queues behind itself for the write lock. It
never waits for that lock on the event loop: when another connection holds it (a thread of
this worker, another worker, the command line), the group's requests go to the thread
pool and wait there like any other write. On PostgreSQL (network round trips) a group is
written in the thread pool.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from echo.accounts import services as accounts
from echo.attendance import check_in_window
from echo.attendance.models import CheckIn
from echo.db import WRITE_OPTION, Database, UTCDateTime
from echo.programs.models import Enrollment, EnrollmentStatus, ProgramSession
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web.context import not_found, redirect, to_login

log = logging.getLogger("echo.attendance")

# How long the first check-in of a group waits for others to join it: nothing to a person
# pressing a button, and enough for a burst to form groups of tens.
GROUP_WAIT_S = 0.005

# What a check-in comes to, besides the notice to show on the session page
# ("checked-in", "check-in-closed"): NOT_FOUND (404), LOGIN (not signed in), or ALONE
# (its group could not be written: the request is written again, on its own).
NOT_FOUND, LOGIN, ALONE = "not-found", "login", "alone"

_session: sa.Table = ProgramSession.__table__  # type: ignore[attr-defined]
_enrollment: sa.Table = Enrollment.__table__  # type: ignore[attr-defined]
_checkin: sa.Table = CheckIn.__table__  # type: ignore[attr-defined]

# Statements built once, in Core, like echo.accounts.services._ACTIVE_LOGIN: on SQLite,
# building a statement costs several times more than running it.

# The check-ins of some people for one session: of those who are active participants of
# the session's program, while check-in is open (echo.attendance.check_in_window, with its
# bounds as parameters), and not checked in already. It returns whom it checked in.
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
        _enrollment.c.user_id.in_(sa.bindparam("user_ids", expanding=True)),
        _enrollment.c.status == EnrollmentStatus.active.value,
        check_in_window.is_open_sql(
            _session.c.starts_at,
            _session.c.ends_at,
            _session.c.status,
            sa.bindparam("opens_by", type_=UTCDateTime),
            sa.bindparam("closes_from", type_=UTCDateTime),
        ),
    )
)
_CHECK_IN = {
    name: dialect.insert(_checkin)
    .from_select(["session_id", "user_id", "checked_in_at", "method"], _ELIGIBLE)
    .on_conflict_do_nothing()
    .returning(_checkin.c.user_id)
    for name, dialect in (("postgresql", postgresql), ("sqlite", sqlite))
}
# Why someone was not checked in: the session's window and status, and the person's
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


async def check_in(request: Request) -> Response:
    claims = request.scope["state"].get("login_claims")
    if not claims:
        return to_login(request)
    session_id: int = request.path_params["session_id"]
    database: Database = request.app.state.database
    pending = _Pending(claims, session_id)
    group = _group_for(request)
    outcome = await group.add(pending) if group is not None else ALONE
    if outcome == ALONE:
        (outcome,) = await run_in_threadpool(_write, database, [pending], wait_for_lock=True)
    if outcome == LOGIN:
        return to_login(request)
    if outcome == NOT_FOUND:
        raise not_found()
    return redirect(str(request.app.url_path_for("session", session_id=session_id)), notice=outcome)


# --- group commit --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    claims: Mapping[str, object]  # the login cookie's, verified by the CSRF middleware
    session_id: int


class _GroupCommit:
    """Check-ins that arrive within ``GROUP_WAIT_S`` of each other, or while the previous
    group is being written, are written together (see the module's docstring).

    A burst then costs one connection check-out, one transaction and one commit per group
    instead of per request, one INSERT per group instead of one per person, and the event
    loop works through the burst in fewer, larger steps; in the benchmark's burst that is
    most of the gain. Each check-in of a group is still decided on its own (login,
    enrollment, window). If the group cannot be written (another connection holds SQLite's
    write lock, a database error), none of it is kept and each of its requests is written
    again on its own in the thread pool, where it waits for the lock, or fails alone.
    Writing a check-in again is safe: it is idempotent.

    One group is written at a time: on SQLite inline, on the event loop (SQLite has one
    writer at a time anyway); on PostgreSQL in the thread pool, while the event loop
    collects the next group. (More writers on PostgreSQL were slower in the burst: smaller
    groups, and threads contending for the GIL with the event loop.)
    """

    def __init__(self, database: Database, loop: asyncio.AbstractEventLoop) -> None:
        self.database = database
        self.loop = loop
        self.waiting: list[tuple[_Pending, asyncio.Future[str]]] = []
        self.scheduled = False  # _write_next is due
        self.writing = False  # a group is being written in the thread pool

    @property
    def idle(self) -> bool:
        return not (self.waiting or self.scheduled or self.writing)

    def add(self, pending: _Pending) -> asyncio.Future[str]:
        outcome = self.loop.create_future()
        self.waiting.append((pending, outcome))
        if not self.scheduled and not self.writing:
            self.scheduled = True
            self.loop.call_later(GROUP_WAIT_S, self._write_next)
        return outcome

    def _write_next(self) -> None:
        self.scheduled = False
        group, self.waiting = self.waiting, []
        if not group:
            return
        if self.database.reads_inline:  # SQLite
            _settle(group, _write_group(self.database, [p for p, _ in group], in_thread=False))
        else:
            self.writing = True
            self.loop.create_task(self._write_in_thread(group))

    async def _write_in_thread(self, group: list[tuple[_Pending, asyncio.Future[str]]]) -> None:
        outcomes = None
        try:
            outcomes = await run_in_threadpool(
                _write_group, self.database, [p for p, _ in group], in_thread=True
            )
        finally:
            self.writing = False
            _settle(group, outcomes)
            if self.waiting:  # they have waited for this group already
                self.scheduled = True
                self.loop.call_soon(self._write_next)


def _group_for(request: Request) -> _GroupCommit | None:
    """The app's group commit on this event loop; None while it is busy on another one
    (the test client runs an app on a loop of its own per client)."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    group: _GroupCommit | None = getattr(state, "attendance_check_in_group", None)
    if group is None or (group.loop is not loop and group.idle):
        group = state.attendance_check_in_group = _GroupCommit(state.database, loop)
    return group if group.loop is loop else None


def _settle(group: list[tuple[_Pending, asyncio.Future[str]]], outcomes: list[str] | None) -> None:
    answers = outcomes if outcomes is not None else [ALONE] * len(group)
    for (_, future), answer in zip(group, answers, strict=True):
        if not future.done():  # not cancelled meanwhile
            future.set_result(answer)


def _write_group(database: Database, group: list[_Pending], *, in_thread: bool) -> list[str] | None:
    """The group's outcomes, or None when it could not be written: each of its requests
    is then written on its own (where a real error shows again, for that request only)."""
    try:
        return _write(database, group, wait_for_lock=in_thread)
    except _WriteLockBusy:
        return None
    except Exception:
        log.warning("check-in: a group of %d could not be written", len(group), exc_info=True)
        return None


# --- writing ----------------------------------------------------------------------------------


class _WriteLockBusy(Exception):
    """Another connection holds SQLite's write lock; wait for it in the thread pool."""


def _write(database: Database, group: list[_Pending], *, wait_for_lock: bool) -> list[str]:
    """Write the group's check-ins; their outcomes, in the group's order."""
    settings = database.settings
    with database.engine.connect() as connection:
        _begin(connection, settings, wait_for_lock)
        outcomes = _check_in_all(connection, settings, group)
        connection.commit()
    return outcomes


def _begin(connection: sa.Connection, settings: Settings, wait_for_lock: bool) -> None:
    """SQLite: ``BEGIN IMMEDIATE`` (echo.db), so that reading and then writing cannot fail
    on a stale snapshot; without ``wait_for_lock`` it fails at once with ``_WriteLockBusy``
    instead of sleeping in SQLite's busy handler (on the event loop) while another
    connection holds the lock. PostgreSQL: autocommit, as each INSERT is atomic on its
    own: no ``BEGIN`` and ``COMMIT`` round trips."""
    if connection.dialect.name != "sqlite":
        connection.execution_options(isolation_level="AUTOCOMMIT")
        return
    connection.execution_options(**{WRITE_OPTION: True})
    if wait_for_lock:
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


def _check_in_all(
    connection: sa.Connection, settings: Settings, group: list[_Pending]
) -> list[str]:
    logins = [accounts.active_login(connection, settings, p.claims) for p in group]
    users = [login.viewer.id if login else None for login in logins]
    people: dict[int, set[int]] = {}  # session id: its signed-in people in this group
    for pending, user_id in zip(group, users, strict=True):
        if user_id is not None:
            people.setdefault(pending.session_id, set()).add(user_id)
    now = utcnow()
    opens_by, closes_from = check_in_window.bounds(now)
    insert = _CHECK_IN["postgresql" if connection.dialect.name == "postgresql" else "sqlite"]
    checked_in: set[tuple[int, int]] = set()
    for session_id, user_ids in people.items():
        values = {
            "session_id": session_id,
            "user_ids": sorted(user_ids),
            "checked_in_at": now,
            "method": "button",
            "opens_by": opens_by,
            "closes_from": closes_from,
        }
        inserted = connection.execute(insert, values).scalars()
        checked_in.update((session_id, user_id) for user_id in inserted)
    outcomes = []
    for pending, user_id in zip(group, users, strict=True):
        if user_id is None:
            outcomes.append(LOGIN)
        elif (pending.session_id, user_id) in checked_in:
            outcomes.append("checked-in")
        else:
            outcomes.append(_not_checked_in(connection, pending.session_id, user_id, now))
    return outcomes


def _not_checked_in(connection: sa.Connection, session_id: int, user_id: int, now: datetime) -> str:
    """Why the INSERT did not check this person in: no such session or not an active
    participant (404), check-in closed, or checked in already (the same answer again)."""
    row = connection.execute(_TARGET, {"session_id": session_id, "user_id": user_id}).first()
    if row is None or row.enrollment_status != EnrollmentStatus.active:
        return NOT_FOUND
    if not check_in_window.is_open(row.starts_at, row.ends_at, row.status, now):
        return "check-in-closed"
    return "checked-in"
