"""The check-in burst's baseline: a bare Starlette app whose one POST endpoint inserts a row.

No sessions, no CSRF, no ORM, no permission checks: the request's form is parsed, one
``INSERT ... ON CONFLICT DO NOTHING`` runs in Starlette's thread pool (as Echo's views
do), and the answer is a 303 like Echo's check-in. Served by the same uvicorn command
line as Echo, it tells how fast this stack records a check-in at all on this machine,
so that Echo's throughput can be read as a fraction of it.

The database is ``BENCH_CHECKIN_DATABASE``: ``sqlite:///<file>`` (its own file; the
connections get Echo's pragmas: WAL, ``synchronous = NORMAL``, the same busy timeout)
or a PostgreSQL URL (``postgresql[+psycopg]://...``; autocommit). Each worker thread
keeps one connection. ``bench.checkin`` creates the table with ``create_table`` and
counts what was recorded with ``recorded``.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, closing
from datetime import UTC, datetime
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

DATABASE_ENV = "BENCH_CHECKIN_DATABASE"
TABLE = "bench_checkin"
SQLITE_PREFIX = "sqlite:///"
BUSY_TIMEOUT_MS = 15000  # Echo's default (ECHO_SQLITE_BUSY_TIMEOUT_MS)

SQLITE_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    id INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    checked_in_at TEXT NOT NULL,
    method TEXT NOT NULL,
    UNIQUE (session_id, user_id)
)
"""
POSTGRES_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    id SERIAL PRIMARY KEY,
    session_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    checked_in_at TIMESTAMPTZ NOT NULL,
    method VARCHAR(10) NOT NULL,
    UNIQUE (session_id, user_id)
)
"""
INSERT = f"INSERT INTO {TABLE} (session_id, user_id, checked_in_at, method) VALUES "  # noqa: S608
SQLITE_INSERT = INSERT + "(?, ?, ?, ?) ON CONFLICT DO NOTHING"
POSTGRES_INSERT = INSERT + "(%s, %s, %s, %s) ON CONFLICT DO NOTHING"
COUNT = f"SELECT count(*), count(DISTINCT user_id) FROM {TABLE} WHERE session_id = "  # noqa: S608


class Connection(Protocol):
    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def close(self) -> None: ...


def is_sqlite(url: str) -> bool:
    return url.startswith(SQLITE_PREFIX)


def connect_sqlite(url: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        url.removeprefix(SQLITE_PREFIX), isolation_level=None, check_same_thread=False, timeout=0
    )
    # As echo.db._configure_sqlite does for Echo's connections.
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def connect_postgres(url: str) -> Connection:
    import psycopg  # the `postgres` extra; only needed for a PostgreSQL run

    conninfo = url.replace("postgresql+psycopg://", "postgresql://", 1)
    connection: Connection = psycopg.connect(conninfo, autocommit=True)
    return connection


def connector(url: str) -> Callable[[], Connection]:
    return (lambda: connect_sqlite(url)) if is_sqlite(url) else (lambda: connect_postgres(url))


def create_table(url: str) -> None:
    """The baseline's table, empty (run by the harness before the server starts)."""
    with closing(connector(url)()) as connection:
        connection.execute(SQLITE_SCHEMA if is_sqlite(url) else POSTGRES_SCHEMA)
        connection.execute(f"DELETE FROM {TABLE}")  # noqa: S608


def recorded(url: str, session_id: int) -> tuple[int, int]:
    """Rows for ``session_id`` and distinct users among them."""
    with closing(connector(url)()) as connection:
        rows, users = connection.execute(COUNT + str(int(session_id))).fetchone()
    return int(rows), int(users)


class Store:
    """One connection per worker thread; all closed at shutdown."""

    def __init__(self, url: str) -> None:
        self.connect = connector(url)
        self.insert_sql = SQLITE_INSERT if is_sqlite(url) else POSTGRES_INSERT
        self.sqlite = is_sqlite(url)
        self.local = threading.local()
        self.opened: list[Connection] = []
        self.lock = threading.Lock()

    def connection(self) -> Connection:
        connection: Connection | None = getattr(self.local, "connection", None)
        if connection is None:
            connection = self.local.connection = self.connect()
            with self.lock:
                self.opened.append(connection)
        return connection

    def insert(self, session_id: int, user_id: int) -> None:
        now = datetime.now(UTC)
        moment: object = now.isoformat(sep=" ") if self.sqlite else now
        self.connection().execute(self.insert_sql, (session_id, user_id, moment, "button"))

    def close(self) -> None:
        with self.lock:
            for connection in self.opened:
                connection.close()
            self.opened.clear()


def create_app() -> Starlette:
    store = Store(os.environ[DATABASE_ENV])

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    async def check_in(request: Request) -> Response:
        session_id: int = request.path_params["session_id"]
        form = await request.form()
        user_id = form.get("user_id")
        if not isinstance(user_id, str) or not user_id.isdigit():
            return PlainTextResponse("user_id missing", status_code=422)
        await run_in_threadpool(store.insert, session_id, int(user_id))
        return RedirectResponse(f"/sessions/{session_id}?notice=checked-in", status_code=303)

    async def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(
        routes=[
            Route("/sessions/{session_id:int}/check-in", check_in, methods=["POST"]),
            Route("/healthz", healthz),
        ],
        lifespan=lifespan,
    )
