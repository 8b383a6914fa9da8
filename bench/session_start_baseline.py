"""The session-start benchmark's baseline: a bare Starlette app doing the same reads and
writes as Echo, in plain SQL, on Echo's own tables.

What "the same" means here (``bench.session_start`` runs it beside Echo on the same
PostgreSQL database, each run on sessions of its own):

- ``GET /login``: an anonymous id in a cookie (as Echo's ``echo_anon``), and a form whose
  ``csrf_token`` is an HMAC of it with the secret key.
- ``POST /login``: the form parsed, the CSRF token checked; the two ``login_throttle``
  rows of the attempt read (the account's and the client address's); the account read by
  email; its Argon2id hash verified with argon2-cffi (a dummy hash for unknown emails), so
  the same hashing cost as Echo's, set by the hash itself; a ``login_session`` row
  inserted; a cookie with its id and an HMAC signature; 303 to ``/``. (Echo signs a JWT
  instead; both are an HMAC-SHA256 over a few dozen bytes.)
- ``GET /sessions/<id>``: the login cookie's signature checked and its ``login_session``
  row read with its user (revoked, expired, inactive: not signed in); then one query for
  the session with its program, hub, schedule (the meeting link), the person's enrollment
  and their check-in; 404 unless an active participant; a small Jinja2 page with the
  check-in form (token: an HMAC of the login's id), "You checked in at ..." once checked
  in, and the meeting link from 30 minutes before the start.
- ``POST /sessions/<id>/check-in``: the login and the token checked as above; one
  ``INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING`` into ``attendance_checkin``
  (active participant, check-in open from 15 minutes before the start to 15 after the
  end, not cancelled: Echo's rule, written out); only when it inserts nothing, one query
  to say why; 303 to ``/sessions/<id>?notice=checked-in`` (or ``check-in-closed``).

No ORM, no middleware (security headers, request ids, metrics), no permission
predicates, no page layout beyond a minimal one: what is left is the work the scenario
cannot do without. Served by uvicorn like Echo; views run in Starlette's thread pool as
Echo's do, each thread with one autocommit psycopg connection.

Settings from the environment: ``BENCH_SESSION_START_DATABASE`` (a PostgreSQL URL) and
``BENCH_SESSION_START_SECRET``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

DATABASE_ENV = "BENCH_SESSION_START_DATABASE"
SECRET_ENV = "BENCH_SESSION_START_SECRET"  # noqa: S105 - the variable's name, not a secret
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
SESSION_COOKIE = "bl_session"
ANON_COOKIE = "bl_anon"
LOGIN_LIFETIME = timedelta(hours=336)  # Echo's ECHO_SESSION_MAX_AGE_HOURS default
CLIENT_MULTIPLIER = 4  # as echo.accounts.services.CLIENT_FAILURE_MULTIPLIER
MEETING_OPENS = timedelta(minutes=30)  # the meeting link shows from 30 minutes before
CHECK_IN_OPENS = timedelta(minutes=15)  # check-in opens 15 minutes before the start
CHECK_IN_CLOSES = timedelta(minutes=15)  # and closes 15 minutes after the end

THROTTLES = "SELECT key, failures, blocked_until FROM login_throttle WHERE key = ANY(%s)"
USER = "SELECT id, password_hash, is_active, email_verified_at FROM user_account WHERE email = %s"
START_LOGIN = (
    "INSERT INTO login_session (id, user_id, created_at, last_seen_at, expires_at, user_agent) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
ACTIVE_LOGIN = (
    "SELECT l.user_id, u.email, u.name FROM login_session l "
    "JOIN user_account u ON u.id = l.user_id "
    "WHERE l.id = %s AND l.revoked_at IS NULL AND l.expires_at > %s AND u.is_active"
)
SESSION_PAGE = """
SELECT s.id, s.title, s.starts_at, s.ends_at, s.status, p.title AS program_title,
       h.name AS hub_name, sch.meeting_url, e.status AS enrollment_status,
       c.checked_in_at
FROM program_session s
JOIN program p ON p.id = s.program_id
JOIN hub h ON h.id = p.hub_id
LEFT JOIN program_schedule sch ON sch.program_id = p.id
LEFT JOIN enrollment e ON e.program_id = p.id AND e.user_id = %(user_id)s
LEFT JOIN attendance_checkin c ON c.session_id = s.id AND c.user_id = %(user_id)s
WHERE s.id = %(session_id)s
"""
CHECK_IN = """
INSERT INTO attendance_checkin (session_id, user_id, checked_in_at, method)
SELECT s.id, e.user_id, %(now)s, 'button'
FROM program_session s
JOIN enrollment e ON e.program_id = s.program_id
WHERE s.id = %(session_id)s AND e.user_id = %(user_id)s AND e.status = 'active'
  AND s.status <> 'cancelled'
  AND s.starts_at <= %(opens_by)s AND s.ends_at > %(closes_from)s
ON CONFLICT DO NOTHING
RETURNING user_id
"""
WHY_NOT = """
SELECT s.starts_at, s.ends_at, s.status, e.status AS enrollment_status,
       c.id AS check_in_id
FROM program_session s
LEFT JOIN enrollment e ON e.program_id = s.program_id AND e.user_id = %(user_id)s
LEFT JOIN attendance_checkin c ON c.session_id = s.id AND c.user_id = %(user_id)s
WHERE s.id = %(session_id)s
"""


def sign(secret: str, value: str) -> str:
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def csrf_token(secret: str, binding: str) -> str:
    return sign(secret, f"csrf:{binding}")


class Store:
    """One autocommit connection per worker thread; all closed at shutdown."""

    def __init__(self, url: str) -> None:
        self.conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1)
        self.local = threading.local()
        self.opened: list[psycopg.Connection[Any]] = []
        self.lock = threading.Lock()

    def connection(self) -> psycopg.Connection[Any]:
        connection: psycopg.Connection[Any] | None = getattr(self.local, "connection", None)
        if connection is None:
            connection = psycopg.connect(self.conninfo, autocommit=True)
            self.local.connection = connection
            with self.lock:
                self.opened.append(connection)
        return connection

    def close(self) -> None:
        with self.lock:
            for connection in self.opened:
                connection.close()
            self.opened.clear()


class Baseline:
    def __init__(self, url: str, secret: str) -> None:
        self.store = Store(url)
        self.secret = secret
        self.hasher = PasswordHasher()  # verify() follows the parameters in each hash
        self.dummy_hash = self.hasher.hash("not a password of anyone")

    # --- login ---------------------------------------------------------------------------

    def authenticate(self, email: str, password: str, client: str) -> int | None:
        """The user's id, or None; failures counted as Echo counts them."""
        now = datetime.now(UTC)
        db = self.store.connection()
        keys = [f"account:{email.strip().lower()[:254]}", f"client:{client}"]
        for _key, _failures, blocked_until in db.execute(THROTTLES, (keys,)).fetchall():
            if blocked_until is not None and blocked_until > now:
                return None
        user = db.execute(USER, (email.strip().lower(),)).fetchone()
        ok: bool
        try:
            ok = self.hasher.verify(user[1] if user else self.dummy_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
        if ok and user is not None and user[2] and user[3] is not None:
            db.execute("DELETE FROM login_throttle WHERE key = %s", (keys[0],))
            return int(user[0])
        for key in keys:
            db.execute(
                "INSERT INTO login_throttle (key, failures, last_failure_at) VALUES (%s, 1, %s) "
                "ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, "
                "last_failure_at = excluded.last_failure_at",
                (key, now),
            )
        return None

    def start_login(self, user_id: int, user_agent: str) -> str:
        now = datetime.now(UTC)
        login_id = secrets.token_urlsafe(24)
        self.store.connection().execute(
            START_LOGIN, (login_id, user_id, now, now, now + LOGIN_LIFETIME, user_agent[:300])
        )
        return f"{login_id}.{sign(self.secret, login_id)}"

    def login_of(self, cookie: str | None) -> tuple[str, int, str] | None:
        """(login id, user id, email) for a valid login cookie."""
        if not cookie or "." not in cookie:
            return None
        login_id, _, signature = cookie.partition(".")
        if not hmac.compare_digest(signature, sign(self.secret, login_id)):
            return None
        row = (
            self.store.connection().execute(ACTIVE_LOGIN, (login_id, datetime.now(UTC))).fetchone()
        )
        return None if row is None else (login_id, int(row[0]), str(row[1]))

    # --- the session page and check-in ---------------------------------------------------------

    def session_page(self, session_id: int, user_id: int) -> dict[str, Any] | None:
        cursor = self.store.connection().cursor(row_factory=psycopg.rows.dict_row)
        row = cursor.execute(SESSION_PAGE, {"user_id": user_id, "session_id": session_id})
        found = row.fetchone()
        if found is None or found["enrollment_status"] != "active":
            return None
        now = datetime.now(UTC)
        live = found["status"] != "cancelled" and found["ends_at"] > now
        found["meeting_open"] = live and now >= found["starts_at"] - MEETING_OPENS
        found["check_in_open"] = (
            found["status"] != "cancelled"
            and found["starts_at"] - CHECK_IN_OPENS <= now < found["ends_at"] + CHECK_IN_CLOSES
        )
        return found

    def check_in(self, session_id: int, user_id: int) -> str:
        """ "checked-in", "check-in-closed" or "not-found"."""
        now = datetime.now(UTC)
        values = {
            "now": now,
            "session_id": session_id,
            "user_id": user_id,
            "opens_by": now + CHECK_IN_OPENS,
            "closes_from": now - CHECK_IN_CLOSES,
        }
        db = self.store.connection()
        if db.execute(CHECK_IN, values).fetchone() is not None:
            return "checked-in"
        why = db.execute(WHY_NOT, values).fetchone()
        if why is None or why[3] != "active":
            return "not-found"
        return "checked-in" if why[4] is not None else "check-in-closed"


def create_app() -> Starlette:
    baseline = Baseline(os.environ[DATABASE_ENV], os.environ[SECRET_ENV])
    templates = Jinja2Templates(directory=TEMPLATES_DIR)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        baseline.store.close()

    async def login_form(request: Request) -> Response:
        anon = request.cookies.get(ANON_COOKIE) or secrets.token_urlsafe(24)
        response = templates.TemplateResponse(
            request,
            "session_start_login.html",
            {"csrf_token": csrf_token(baseline.secret, anon), "error": ""},
        )
        response.set_cookie(ANON_COOKIE, anon, httponly=True, samesite="lax")
        return response

    async def login(request: Request) -> Response:
        form = await request.form()
        anon = request.cookies.get(ANON_COOKIE, "")
        token = str(form.get("csrf_token", ""))
        if not anon or not hmac.compare_digest(token, csrf_token(baseline.secret, anon)):
            return PlainTextResponse("CSRF token missing or wrong", status_code=403)
        email, password = str(form.get("email", "")), str(form.get("password", ""))
        client = request.client.host if request.client else "unknown"
        user_id = await run_in_threadpool(baseline.authenticate, email, password, client)
        if user_id is None:
            return templates.TemplateResponse(
                request,
                "session_start_login.html",
                {"csrf_token": token, "error": "The email or password is not right."},
                status_code=401,
            )
        agent = request.headers.get("user-agent", "")
        cookie = await run_in_threadpool(baseline.start_login, user_id, agent)
        response = RedirectResponse("/?notice=logged-in", status_code=303)
        response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax")
        return response

    async def session_page(request: Request) -> Response:
        login = await run_in_threadpool(baseline.login_of, request.cookies.get(SESSION_COOKIE))
        session_id: int = request.path_params["session_id"]
        if login is None:
            return RedirectResponse(f"/login?next=/sessions/{session_id}", status_code=303)
        login_id, user_id, email = login
        found = await run_in_threadpool(baseline.session_page, session_id, user_id)
        if found is None:
            return HTMLResponse("Not found", status_code=404)
        return templates.TemplateResponse(
            request,
            "session_start_session.html",
            {
                "s": found,
                "email": email,
                "csrf_token": csrf_token(baseline.secret, login_id),
                "notice": request.query_params.get("notice", ""),
            },
        )

    async def check_in(request: Request) -> Response:
        login = await run_in_threadpool(baseline.login_of, request.cookies.get(SESSION_COOKIE))
        session_id: int = request.path_params["session_id"]
        if login is None:
            return RedirectResponse(f"/login?next=/sessions/{session_id}", status_code=303)
        login_id, user_id, _email = login
        form = await request.form()
        if not hmac.compare_digest(
            str(form.get("csrf_token", "")), csrf_token(baseline.secret, login_id)
        ):
            return PlainTextResponse("CSRF token missing or wrong", status_code=403)
        outcome = await run_in_threadpool(baseline.check_in, session_id, user_id)
        if outcome == "not-found":
            return HTMLResponse("Not found", status_code=404)
        return RedirectResponse(f"/sessions/{session_id}?notice={outcome}", status_code=303)

    async def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[
            Route("/login", login_form, methods=["GET"]),
            Route("/login", login, methods=["POST"]),
            Route("/sessions/{session_id:int}", session_page),
            Route("/sessions/{session_id:int}/check-in", check_in, methods=["POST"]),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
