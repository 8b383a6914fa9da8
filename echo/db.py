"""Engine and session factory.

SQLite is the embedded default, so it is set up to behave under concurrent
requests: WAL (readers never block the writer), ``busy_timeout`` (a writer
waits for the lock instead of failing) and foreign keys on. Write sessions
start with ``BEGIN IMMEDIATE`` so that a transaction that reads and then writes
takes the write lock up front: a deferred transaction that later upgrades its
lock fails at once with "database is locked" (SQLITE_BUSY_SNAPSHOT) whatever the
busy timeout says.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, registry, sqlite
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from echo.settings import Settings

WRITE_OPTION = "echo_write"


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores no offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store aware UTC datetimes only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def dialect_insert(session: Session, table: Any) -> postgresql.Insert | sqlite.Insert:
    """INSERT with the dialect's ON CONFLICT clauses (PostgreSQL, SQLite 3.24+)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def count_up(
    session: Session,
    table: sa.Table,
    values: dict[str, Any],
    key: list[sa.Column[Any]],
    counter: sa.Column[Any],
    also: dict[str, Any] | None = None,
) -> int:
    """Insert `values` (the counter at 1) or add one to the counter of the row with the same
    `key` (setting `also` too), in one atomic statement (INSERT ... ON CONFLICT DO UPDATE
    ... RETURNING, PostgreSQL and SQLite 3.35+), and return the new count: concurrent
    callers in any number of processes never lose a count nor collide on the insert."""
    statement = (
        dialect_insert(session, table)
        .values(**values)
        .on_conflict_do_update(index_elements=key, set_={counter.name: counter + 1, **(also or {})})
        .returning(counter)
    )
    return int(session.execute(statement).scalar_one())


def make_engine(settings: Settings) -> Engine:
    url = settings.resolved_database_url
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and ":memory:" not in url:
            settings.var_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 0},
            pool_pre_ping=False,
            **pool_options(settings),
        )
        _configure_sqlite(engine, settings.sqlite_busy_timeout_ms)
        return engine
    return create_engine(url, pool_pre_ping=True, **pool_options(settings))


def pool_options(settings: Settings) -> dict[str, int]:
    """As many connections as the app runs requests in threads (echo.app sets its thread
    pool to db_pool_size), plus a spare half for the few requests that briefly need a
    second one (an audit entry beside a read): no thread waits for a connection that
    another waiting thread holds."""
    if settings.resolved_database_url.startswith("sqlite") and (
        ":memory:" in settings.resolved_database_url
    ):
        return {}
    return {"pool_size": settings.db_pool_size, "max_overflow": settings.db_pool_size // 2}


class ReadSQLiteDialect(SQLiteDialect_pysqlite):
    """pysqlite whose transactions begin with a plain (deferred) BEGIN from the dialect,
    for read-only requests: their engine needs no "begin" listener (make_read_engine)."""

    supports_statement_cache = True  # as its parent: the same statements, the same SQL

    def do_begin(self, dbapi_connection: Any) -> None:
        dbapi_connection.execute("BEGIN")


registry.register("sqlite.echo_read", __name__, ReadSQLiteDialect.__name__)


def make_read_engine(settings: Settings) -> Engine | None:
    """An engine for read-only requests on a SQLite file, or None (other databases, or
    in memory: the main engine serves them).

    Its transactions begin as the main engine's reads do (BEGIN, one snapshot for the
    request), but from the dialect: an engine with a connection listener (the main one's
    "begin", which picks BEGIN IMMEDIATE for writes) runs SQLAlchemy's event dispatch on
    every connection and statement, about 45 us of the program page's 0.6 ms (bench/)."""
    url = sa.engine.make_url(settings.resolved_database_url)
    in_memory = url.database in (None, "", ":memory:")
    if url.drivername not in ("sqlite", "sqlite+pysqlite") or in_memory:
        return None
    engine = create_engine(
        url.set(drivername="sqlite+echo_read"),
        connect_args={"check_same_thread": False, "timeout": 0},
        pool_pre_ping=False,
        **pool_options(settings),
    )
    _configure_sqlite_connections(engine, settings.sqlite_busy_timeout_ms)
    return engine


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    _configure_sqlite_connections(engine, busy_timeout_ms)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        write = connection.get_execution_options().get(WRITE_OPTION, False)
        # Straight to the driver: this runs for every request, and a full SQLAlchemy
        # execution of a constant statement costs several times the statement itself.
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("BEGIN IMMEDIATE" if write else "BEGIN")


def _configure_sqlite_connections(engine: Engine, busy_timeout_ms: int) -> None:
    # A pool listener ("connect"), not a connection one: it costs nothing per statement.
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, issue BEGIN (pysqlite's implicit
        # transactions would defeat BEGIN IMMEDIATE, _configure_sqlite).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()


class Database:
    """The engine plus read and write session factories for one settings object."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self._write_engine = self.engine.execution_options(**{WRITE_OPTION: True})
        # See echo.web: read-only requests on SQLite skip the thread pool.
        self.reads_inline = settings.is_sqlite
        read_engine = make_read_engine(settings)
        self._separate_read_engine = read_engine is not None
        if read_engine is None and not settings.is_sqlite:
            # PostgreSQL: read-only requests in autocommit. Under READ COMMITTED, its
            # default, each statement takes a snapshot of its own inside a transaction as
            # well, so a read sees the same rows; this saves the BEGIN and ROLLBACK round
            # trips of every read request (the same pool: an option, not an engine).
            read_engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._read_engine = read_engine or self.engine

    @contextmanager
    def read_connection(self) -> Iterator[sa.Connection]:
        """A Core connection for a read-only request: its transaction is rolled back
        (PostgreSQL: in autocommit, see __init__)."""
        with self._read_engine.connect() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose transaction is committed on success, rolled back on error."""
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine of this database: the main one, then on SQLite the read-only
        requests' one (for whatever watches every statement: tests count them)."""
        if not self._separate_read_engine:
            return (self.engine,)
        return (self.engine, self._read_engine)

    def dispose(self) -> None:
        for engine in self.engines:
            engine.dispose()
