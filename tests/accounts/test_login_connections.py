"""A request holds at most one pooled database connection at a time, and a login holds
none while Argon2 checks its password (echo.web.context: write_late; the load test found
threads each waiting for a second connection, and logins queued behind one another)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session
from starlette.testclient import TestClient

from echo.accounts.models import LoginSession
from echo.db import Database
from echo.timeutil import utcnow
from tests.helpers import logged_in, login


def _checked_out(database: Database) -> int:
    return sum(engine.pool.checkedout() for engine in database.engines)  # type: ignore[attr-defined]


class _WatchingPasswords:
    """The app's Passwords, noting how many connections are out whenever one is verified."""

    def __init__(self, real: Any, database: Database) -> None:
        self.real = real
        self.database = database
        self.held: list[int] = []

    def verify(self, password_hash: str | None, password: str) -> bool:
        self.held.append(_checked_out(self.database))
        return bool(self.real.verify(password_hash, password))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_login_checks_the_password_holding_no_database_connection(client: TestClient) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    watching = _WatchingPasswords(state.passwords, state.database)
    state.passwords = watching
    assert login(client, "np@example.org", password="not the password").status_code == 401
    assert login(client, "np@example.org").status_code == 303
    assert watching.held == [0, 0]
    # and the login still did its writes: the session works, the failure was counted
    assert client.get("/me/profile").status_code == 200


def test_a_page_that_marks_the_login_seen_opens_its_write_after_its_read(
    client: TestClient,
) -> None:
    logged_in(client, "np@example.org")
    database: Database = client.app.state.database  # type: ignore[attr-defined]
    with database.write() as session:
        session.execute(
            sa.update(LoginSession).values(last_seen_at=utcnow() - timedelta(minutes=5))
        )
    held_at_write: list[int] = []
    real_write = database.write

    @contextmanager
    def watched_write() -> Iterator[Session]:
        held_at_write.append(_checked_out(database))
        with real_write() as session:
            yield session

    database.write = watched_write  # type: ignore[method-assign]
    try:
        assert client.get("/me/programs").status_code == 200
    finally:
        database.write = real_write  # type: ignore[method-assign]
    assert held_at_write == [0]  # the touch ran, and with the read connection returned
    with database.read() as session:
        seen = session.execute(sa.select(sa.func.max(LoginSession.last_seen_at))).scalar_one()
    assert utcnow() - seen < timedelta(minutes=1)
