"""Requests run in no more threads than the database pool has connections
(echo.db.pool_options, echo.app's lifespan)."""

from __future__ import annotations

import anyio.to_thread
from starlette.testclient import TestClient

from echo.app import create_app
from echo.settings import Settings


def _thread_tokens() -> float:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


def test_the_thread_pool_is_the_database_pool(settings: Settings) -> None:
    sized = settings.model_copy(update={"db_pool_size": 7})
    with TestClient(create_app(sized)) as client:
        assert client.portal is not None
        assert client.portal.call(_thread_tokens) == 7
        pool = client.app.state.database.engine.pool  # type: ignore[attr-defined]
        assert pool.size() == 7
        assert pool._max_overflow == 3  # a spare half for a request's brief second one
        assert client.get("/healthz").status_code == 200
