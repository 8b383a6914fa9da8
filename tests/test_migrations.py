"""Migrations from empty on SQLite and PostgreSQL match the models; the latest downgrades."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from echo import migrate
from echo.db import make_engine
from echo.models import metadata
from tests.conftest import create_scratch_database, drop_scratch_database, test_settings


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(test_settings(f"sqlite:///{tmp_path / 'm.sqlite3'}", tmp_path))
        yield engine
        engine.dispose()
        return
    server: str = request.getfixturevalue("postgres_server_url")
    url = create_scratch_database(server)
    engine = make_engine(test_settings(url, tmp_path))
    yield engine
    engine.dispose()
    drop_scratch_database(server, url)


def _drift(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_upgrade_from_empty_matches_models(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    assert migrate.current_revision(empty_engine) == migrate.head_revision()
    assert _drift(empty_engine) == []


def test_latest_revision_downgrades_cleanly_and_upgrades_again(empty_engine: Engine) -> None:
    migrate.upgrade(empty_engine)
    head = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("head")
    assert head is not None
    previous = head.down_revision or "base"
    migrate.downgrade(empty_engine, str(previous))
    if previous == "base":
        remaining = set(sa.inspect(empty_engine).get_table_names()) - {"alembic_version"}
        assert remaining == set()
    migrate.upgrade(empty_engine)
    assert _drift(empty_engine) == []


def test_every_revision_has_one_parent_chain() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert len(script.get_heads()) == 1
