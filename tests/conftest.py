"""Fixtures: each integration test runs once on SQLite and once on PostgreSQL.

PostgreSQL comes from ``ECHO_TEST_POSTGRES_URL`` (a server URL; a scratch
database is created for the run and dropped after). Without it the PostgreSQL
runs are skipped, unless ``ECHO_TEST_REQUIRE_POSTGRES=1`` (set by .ci/run), in
which case they fail: CI never silently skips them.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from echo import demo, migrate
from echo.app import create_app
from echo.db import Database, make_engine
from echo.models import metadata
from echo.security.passwords import Passwords
from echo.settings import Settings

POSTGRES_URL = os.environ.get("ECHO_TEST_POSTGRES_URL", "")
REQUIRE_POSTGRES = os.environ.get("ECHO_TEST_REQUIRE_POSTGRES") == "1"
TEST_SECRET = "test-secret-" + "x" * 40
CHEAP_HASHING = {"argon2_time_cost": 1, "argon2_memory_kib": 1024}


def test_settings(database_url: str, var_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "var_dir": var_dir,
        "secret_key": TEST_SECRET,
        **CHEAP_HASHING,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


test_settings.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file; each test copies it instead of migrating again."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    engine = make_engine(test_settings(f"sqlite:///{path}", folder))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_server_url() -> str:
    if not POSTGRES_URL:
        if REQUIRE_POSTGRES:
            pytest.fail("ECHO_TEST_REQUIRE_POSTGRES=1 but ECHO_TEST_POSTGRES_URL is not set")
        pytest.skip("set ECHO_TEST_POSTGRES_URL to run the PostgreSQL tests")
    try:
        engine = sa.create_engine(POSTGRES_URL)
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        engine.dispose()
    except sa.exc.OperationalError as error:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but does not answer: {error}")
        pytest.skip(f"PostgreSQL does not answer: {error}")
    return POSTGRES_URL


def create_scratch_database(server_url: str) -> str:
    """A new, empty database on the server; returns its URL."""
    name = f"echo_test_{secrets.token_hex(6)}"
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_scratch_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    assert name is not None and re.fullmatch(r"echo_test_[0-9a-f]+", name)
    admin = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_database(postgres_server_url: str) -> Iterator[str]:
    """A migrated scratch database for the whole run; tests empty it between them."""
    url = create_scratch_database(postgres_server_url)
    engine = make_engine(test_settings(url, Path("/nonexistent")))
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    drop_scratch_database(postgres_server_url, url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        target = tmp_path / "echo.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("postgres_database")
    engine = sa.create_engine(url)
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return test_settings(database_url, tmp_path)


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    db = Database(settings)
    yield db
    db.dispose()


@pytest.fixture
def passwords() -> Passwords:
    return Passwords(CHEAP_HASHING["argon2_time_cost"], CHEAP_HASHING["argon2_memory_kib"])


@pytest.fixture
def demo_data(database: Database, passwords: Passwords) -> None:
    with database.write() as session:
        # Demo outcomes (two dozen learners and their answers) only where a test asks:
        # tests/outcomes loads them itself.
        demo.load(session, passwords, outcomes=False)


@pytest.fixture
def client(settings: Settings, demo_data: None) -> Iterator[TestClient]:
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        yield test_client


def _clients(settings: Settings) -> Iterator[Callable[[], TestClient]]:
    """Browsers with separate cookie jars on one app, closed after the test."""
    app = create_app(settings)
    opened: list[TestClient] = []

    def factory() -> TestClient:
        test_client = TestClient(app, follow_redirects=False)
        test_client.__enter__()
        opened.append(test_client)
        return test_client

    yield factory
    for test_client in opened:
        test_client.__exit__(None, None, None)


@pytest.fixture
def make_client(settings: Settings, demo_data: None) -> Iterator[Callable[[], TestClient]]:
    """A factory of extra clients (separate cookie jars) for the same app."""
    yield from _clients(settings)


@pytest.fixture
def bare_client(settings: Settings, database: Database) -> Iterator[TestClient]:
    """A browser on a migrated, empty database (no demo data), for tests that build their
    own world with tests/factories.py through ``database``."""
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def make_bare_client(settings: Settings, database: Database) -> Iterator[Callable[[], TestClient]]:
    """Extra browsers (separate cookie jars) for the same app on an empty database."""
    yield from _clients(settings)


BACKEND_ID = re.compile(r"[\[-](sqlite|postgres)[\]-]")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say what ran where: tests per database backend, browser tests, axe audits and the
    375 and 768 px checks."""
    outcomes: dict[str, dict[str, int]] = {}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            match = BACKEND_ID.search(nodeid)
            group = (
                "browser (Chromium)"
                if nodeid.startswith("tests/e2e/")
                else f"database: {match.group(1)}"
                if match
                else "other"
            )
            counts = outcomes.setdefault(group, {})
            counts[outcome] = counts.get(outcome, 0) + 1
    terminalreporter.section("Echo test summary")
    for group in sorted(outcomes):
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes[group].items()))
        terminalreporter.write_line(f"{group}: {summary}")
    harness = sys.modules.get("tests.e2e.harness")
    if harness is not None:
        tally = harness.AUDIT_TALLY
        terminalreporter.write_line(
            f"axe-core WCAG 2.1 A/AA audits: {tally['pages']} pages, "
            f"{tally['violations']} violations"
        )
        for width, tally in (
            (harness.PHONE_WIDTH, harness.NARROW_TALLY),
            (harness.TABLET_WIDTH, harness.TABLET_TALLY),
        ):
            terminalreporter.write_line(
                f"{width} px fit (no sideways scrolling): {tally['pages']} pages, "
                f"{tally['overflowing']} overflowing"
            )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """With ECHO_TEST_FORBID_SKIPS=1 (CI), a skipped test fails the run."""
    if os.environ.get("ECHO_TEST_FORBID_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped:
        reporter.write_line(
            f"ECHO_TEST_FORBID_SKIPS=1: {len(skipped)} test(s) skipped; CI requires all to run.",
            red=True,
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
