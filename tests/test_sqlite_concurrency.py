"""Concurrent writers on SQLite wait for each other instead of failing with "database is locked"."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from echo import migrate
from echo.db import Database
from echo.programs.models import Hub, Program
from tests.conftest import test_settings


def test_concurrent_read_then_write_transactions_all_commit(tmp_path: Path) -> None:
    settings = test_settings(f"sqlite:///{tmp_path / 'c.sqlite3'}", tmp_path)
    database = Database(settings)
    migrate.upgrade(database.engine)
    with database.write() as session:
        session.add(Hub(slug="counter", name="0", time_zone="UTC"))
    errors: list[BaseException] = []

    def increment(times: int) -> None:
        try:
            for _ in range(times):
                # Read, then write in the same transaction: the pattern that fails with
                # SQLITE_BUSY under deferred transactions.
                with database.write() as session:
                    hub = session.exec(select(Hub).where(Hub.slug == "counter")).one()
                    hub.name = str(int(hub.name) + 1)
                    session.add(hub)
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=increment, args=(25,)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with database.read() as session:
        assert session.exec(select(Hub.name).where(Hub.slug == "counter")).one() == "200"
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (
            connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
            == settings.sqlite_busy_timeout_ms
        )
    database.dispose()


def test_foreign_keys_are_enforced_on_sqlite(tmp_path: Path) -> None:
    settings = test_settings(f"sqlite:///{tmp_path / 'f.sqlite3'}", tmp_path)
    database = Database(settings)
    migrate.upgrade(database.engine)
    try:
        with pytest.raises(sa.exc.IntegrityError, match="FOREIGN KEY"), database.write() as session:
            session.add(Program(hub_id=999, slug="orphan", title="Orphan"))
    finally:
        database.dispose()


def test_a_read_only_request_reads_one_snapshot(tmp_path: Path) -> None:
    """Read-only requests have an engine of their own on SQLite (echo.db.make_read_engine):
    its connections are set up like the main engine's, and a request's reads all see the
    database as it was at its first read, whatever is committed meanwhile."""
    settings = test_settings(f"sqlite:///{tmp_path / 'r.sqlite3'}", tmp_path)
    database = Database(settings)
    migrate.upgrade(database.engine)
    with database.write() as session:
        session.add(Hub(slug="snapshot", name="before", time_zone="UTC"))
    name = sa.select(Hub.__table__.c.name).where(Hub.__table__.c.slug == "snapshot")  # type: ignore[attr-defined]
    try:
        with database.read_connection() as connection:
            assert connection.engine is not database.engine
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.execute(name).scalar() == "before"
            assert connection.in_transaction()
            with database.write() as session:
                hub = session.exec(select(Hub).where(Hub.slug == "snapshot")).one()
                hub.name = "after"
                session.add(hub)
            assert connection.execute(name).scalar() == "before"
        with database.read_connection() as connection:
            assert connection.execute(name).scalar() == "after"
    finally:
        database.dispose()
