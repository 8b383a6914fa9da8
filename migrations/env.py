"""Alembic environment: the database comes from Echo's settings (or a caller's connection)."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from echo.db import make_engine
from echo.models import metadata
from echo.settings import load_settings

config = context.config


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = make_engine(load_settings())
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit(
        "Offline (SQL script) migrations are not supported; run `echo-lms db upgrade`."
    )
run_migrations_online()
