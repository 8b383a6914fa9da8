"""Making tokens and calling the API in tests: a request with a bearer token, and what a
problem-details answer must hold."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx2
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.db import Database
from echo.timeutil import utcnow


def make_token(
    database: Database,
    user_id: int,
    *,
    write: bool = False,
    hub_id: int | None = None,
    days: int = 30,
    now: datetime | None = None,
) -> str:
    """A personal token as the token page makes it; its full text."""
    with database.write() as session:
        _row, text = api_tokens.create(
            session,
            user_id=user_id,
            name="test",
            write=write,
            hub_id=hub_id,
            days=days,
            now=now or utcnow(),
        )
    return text


def call(
    client: TestClient, method: str, path: str, token: str | None, **kwargs: Any
) -> httpx2.Response:
    headers = {**kwargs.pop("headers", {})}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return client.request(method, path, headers=headers, **kwargs)


def problem(answer: httpx2.Response, status: int) -> dict[str, Any]:
    """The answer's problem details, after checking it is one with this status."""
    assert answer.status_code == status, (answer.status_code, answer.text[:500])
    assert answer.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = answer.json()
    assert body["status"] == status
    return body
