"""The JSON API with a hub's service token: it reads its hub's programs, sessions and
attendance as the hub's coordinators may, nothing of another hub's, nobody's own data
(/api/v1/me/ answers 403 problem details), is refused when expired or revoked, and counts
against the same per-token rate limit as a personal token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.accounts.models import User
from echo.db import Database
from echo.programs.models import Hub, Program
from echo.timeutil import utcnow
from tests import factories


@dataclass
class World:
    token: str  # a service token of "our" hub
    token_id: int
    hub_id: int
    maker_id: int
    our_session: int
    their_session: int


def _held(session: Session, program: Program, learner: User, minutes: int) -> int:
    start = utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(days=7)
    held = factories.create_session(session, program, start=start)
    factories.attend(session, held, learner, minutes=minutes)
    return held.id or 0


@pytest.fixture
def world(database: Database) -> World:
    """Two hubs, each with a private program, a held session and a participant who
    attended it; the coordinator of ours, who also takes part in theirs (their own
    enrollment must not lend the token anything), makes the token."""
    with database.write() as session:
        coordinator = factories.create_user(session)
        ours = factories.create_hub(session, coordinator=coordinator)
        our_program = factories.create_program(
            session, ours, slug="our-private", visibility="private"
        )
        learner = factories.create_user(session, name="Lee Learner")
        factories.enroll(session, learner, our_program)
        our_session = _held(session, our_program, learner, 55)

        theirs = factories.create_hub(session, coordinator=factories.create_user(session))
        their_program = factories.create_program(
            session, theirs, slug="their-private", visibility="private"
        )
        factories.create_program(session, theirs, slug="their-public", visibility="public")
        factories.enroll(session, learner, their_program)
        factories.enroll(session, coordinator, their_program)
        their_session = _held(session, their_program, learner, 40)
        token, text = factories.create_service_token(session, ours, coordinator)
    return World(text, token.id or 0, ours.id or 0, coordinator.id or 0, our_session, their_session)


def _get(client: TestClient, path: str, token: str) -> tuple[int, dict[str, Any], str]:
    answer = client.get(path, headers={"Authorization": f"Bearer {token}"})
    return answer.status_code, answer.json(), answer.headers.get("content-type", "")


def test_a_service_token_reads_its_hubs_sessions_and_attendance(
    bare_client: TestClient, world: World
) -> None:
    status, body, _ = _get(bare_client, "/api/v1/programs/our-private/sessions", world.token)
    assert status == 200
    [held] = [s for s in body["items"] if s["id"] == world.our_session]
    assert held["attendance"] == {"attended": 1, "enrolled": 1}

    status, body, _ = _get(
        bare_client, f"/api/v1/sessions/{world.our_session}/attendance", world.token
    )
    assert status == 200
    assert [(r["name"], r["minutes"], r["attended"]) for r in body["items"]] == [
        ("Lee Learner", 55, True)
    ]


def test_a_service_token_reads_nothing_of_another_hubs(
    bare_client: TestClient, world: World
) -> None:
    listed = {p["slug"] for p in _get(bare_client, "/api/v1/programs", world.token)[1]["items"]}
    # Not even the other hub's public catalog: a token limited to a hub knows that hub.
    assert listed == {"our-private"}
    for path in (
        "/api/v1/programs/their-private/sessions",
        "/api/v1/programs/their-public/sessions",
        f"/api/v1/sessions/{world.their_session}/attendance",
    ):
        status, body, kind = _get(bare_client, path, world.token)
        assert (status, body["title"]) == (404, "Not found"), path
        assert kind.startswith("application/problem+json")


def test_a_service_token_has_no_me(bare_client: TestClient, world: World) -> None:
    status, body, kind = _get(bare_client, "/api/v1/me/claims", world.token)

    assert status == 403 and kind.startswith("application/problem+json")
    assert body["type"].endswith("/personal-only")
    assert body["title"] == "Only a personal token may do this"
    assert "A service token acts for its hub, not for a person" in body["detail"]


def test_an_expired_or_revoked_service_token_is_401(
    bare_client: TestClient, database: Database, world: World
) -> None:
    with database.write() as session:
        hub = session.get(Hub, world.hub_id)
        maker = session.get(User, world.maker_id)
        assert hub is not None and maker is not None
        _, expired = factories.create_service_token(
            session, hub, maker, days=1, now=utcnow() - timedelta(days=1, seconds=1)
        )
        api_tokens.revoke_service(
            session,
            hub_id=world.hub_id,
            token_id=world.token_id,
            revoked_by_id=world.maker_id,
            now=utcnow(),
        )
    for text in (expired, world.token):
        answer = bare_client.get("/api/v1/programs", headers={"Authorization": f"Bearer {text}"})
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"] == 'Bearer realm="echo", error="invalid_token"'
        assert answer.headers["content-type"].startswith("application/problem+json")


def test_a_service_tokens_rate_limit_answers_429(
    bare_client: TestClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: Any = bare_client.app
    app.state.settings = app.state.settings.model_copy(update={"api_rate_per_minute": 3})
    headers = {"Authorization": f"Bearer {world.token}"}
    # The API reads the clock once a request; held at one instant, the burst stays in one
    # counting window (a minute turning mid-burst would open a fresh one).
    instant = utcnow().replace(second=30, microsecond=0)
    monkeypatch.setattr("echo.api.kit.utcnow", lambda: instant)
    answers = [bare_client.get("/api/v1/programs", headers=headers) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
