"""The JSON API through HTTP with bearer tokens: each endpoint's answer as its owner would
see it (the pages' permissions), refused without a token, with an expired, revoked or
out-of-scope one, paginated by cursor, errors as problem details; the OpenAPI document
matches the responses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.db import Database
from echo.timeutil import utcnow
from tests import factories


@dataclass
class World:
    coordinator_token: str
    participant_token: str
    other_hub_token: str
    session_id: int
    program_slug: str
    private_slug: str


def _token(database: Database, user_id: int, *, hub_id: int | None = None, days: int = 30) -> str:
    with database.write() as session:
        _row, text = api_tokens.create(
            session,
            user_id=user_id,
            name="test",
            write=False,
            hub_id=hub_id,
            days=days,
            now=utcnow(),
        )
    return text


def _world(database: Database) -> World:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        program = factories.create_program(session, hub, slug="open-echo")
        factories.create_program(session, hub, slug="private-echo", visibility="private")
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
        held = factories.create_session(
            session,
            program,
            start=utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(days=7),
        )
        factories.attend(session, held, learner, minutes=55)
        outsider = factories.create_user(session)
        other_hub = factories.create_hub(session, coordinator=outsider)
        ids = (coordinator.id or 0, learner.id or 0, outsider.id or 0, other_hub.id or 0)
        session_id = held.id or 0
    return World(
        coordinator_token=_token(database, ids[0]),
        participant_token=_token(database, ids[1]),
        other_hub_token=_token(database, ids[2], hub_id=ids[3]),
        session_id=session_id,
        program_slug="open-echo",
        private_slug="private-echo",
    )


def _get(client: TestClient, path: str, token: str | None) -> tuple[int, dict[str, object], str]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    answer = client.get(path, headers=headers)
    return answer.status_code, answer.json(), answer.headers.get("content-type", "")


def test_no_token_is_401_problem_details(bare_client: TestClient, database: Database) -> None:
    _world(database)
    status, body, kind = _get(bare_client, "/api/v1/programs", None)
    assert status == 401 and kind.startswith("application/problem+json")
    assert body["status"] == 401 and str(body["type"]).endswith("unauthorized")
    answer = bare_client.get("/api/v1/programs", headers={"Authorization": "Bearer echo_nope"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_programs_are_those_the_owner_may_know(bare_client: TestClient, database: Database) -> None:
    world = _world(database)
    _status, staff, _ = _get(bare_client, "/api/v1/programs", world.coordinator_token)
    staff_slugs = {p["slug"] for p in staff["items"]}  # type: ignore[attr-defined]
    assert {"open-echo", "private-echo"} <= staff_slugs
    _status, learner, _ = _get(bare_client, "/api/v1/programs", world.participant_token)
    learner_slugs = {p["slug"] for p in learner["items"]}  # type: ignore[attr-defined]
    assert "open-echo" in learner_slugs and "private-echo" not in learner_slugs


def test_a_private_program_is_404_to_a_token_of_another_hub(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    status, _body, kind = _get(
        bare_client, f"/api/v1/programs/{world.private_slug}/sessions", world.other_hub_token
    )
    assert status == 404 and kind.startswith("application/problem+json")
    assert (
        _get(bare_client, f"/api/v1/sessions/{world.session_id}/attendance", world.other_hub_token)[
            0
        ]
        == 404
    )


def test_sessions_carry_attendance_for_staff_only(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    path = f"/api/v1/programs/{world.program_slug}/sessions"
    _s, staff, _ = _get(bare_client, path, world.coordinator_token)
    held = [s for s in staff["items"] if s["id"] == world.session_id]  # type: ignore[attr-defined]
    assert held and held[0]["attendance"] == {"attended": 1, "enrolled": 1}
    assert held[0]["status"] == "held"
    _s, learner, _ = _get(bare_client, path, world.participant_token)
    assert all(s["attendance"] is None for s in learner["items"])  # type: ignore[attr-defined]


def test_attendance_rows_for_those_who_run_sessions(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    path = f"/api/v1/sessions/{world.session_id}/attendance"
    status, body, _ = _get(bare_client, path, world.coordinator_token)
    assert status == 200
    rows = body["items"]
    assert [(r["minutes"], r["attended"], r["enrolled"]) for r in rows] == [(55, True, True)]  # type: ignore[union-attr, index]
    assert _get(bare_client, path, world.participant_token)[0] == 404


def test_pages_follow_the_cursor_and_a_bad_one_is_422(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    path = f"/api/v1/programs/{world.program_slug}/sessions"
    seen: list[int] = []
    cursor = ""
    for _ in range(50):
        status, body, _ = _get(
            bare_client, f"{path}?limit=2&cursor={cursor}", world.coordinator_token
        )
        assert status == 200
        seen += [s["id"] for s in body["items"]]  # type: ignore[attr-defined]
        if body["next_cursor"] is None:
            break
        cursor = str(body["next_cursor"])
    assert len(seen) == len(set(seen)) >= 1 and seen == sorted(seen)
    status, body, _kind = _get(bare_client, f"{path}?cursor=nonsense", world.coordinator_token)
    assert status == 422 and "cursor" in body["errors"]  # type: ignore[operator]
    status, body, _ = _get(bare_client, f"{path}?limit=1000", world.coordinator_token)
    assert status == 422 and "limit" in body["errors"]  # type: ignore[operator]


def test_expired_and_revoked_tokens_are_refused(
    bare_client: TestClient, database: Database
) -> None:
    _world(database)
    with database.write() as session:
        owner = factories.create_user(session)
        owner_id = owner.id or 0
        _row, text = api_tokens.create(
            session,
            user_id=owner_id,
            name="x",
            write=False,
            hub_id=None,
            days=1,
            now=utcnow() - timedelta(days=2),
        )
    assert _get(bare_client, "/api/v1/programs", text)[0] == 401
    revoked = _token(database, owner_id)
    assert _get(bare_client, "/api/v1/programs", revoked)[0] == 200
    with database.write() as session:
        for token in api_tokens.tokens_of(session, owner_id):
            api_tokens.revoke(session, user_id=owner_id, token_id=token.id or 0, now=utcnow())
    assert _get(bare_client, "/api/v1/programs", revoked)[0] == 401


def test_my_claims_and_consult_counts_answer_in_their_shapes(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    status, body, _ = _get(bare_client, "/api/v1/me/claims", world.participant_token)
    assert status == 200 and body == {"items": [], "next_cursor": None}
    status, body, _ = _get(bare_client, "/api/v1/consult-lines", world.coordinator_token)
    assert status == 200 and body["items"] == []


def test_openapi_document_and_reference_page(bare_client: TestClient) -> None:
    document = bare_client.get("/api/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert "/api/v1/programs" in document["paths"]
    assert "ProgramPage" in document["components"]["schemas"]
    page = bare_client.get("/api/v1/docs")
    assert page.status_code == 200 and "GET /api/v1/programs" in page.text


def test_rate_limit_answers_429_with_retry_after(
    bare_client: TestClient, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = _world(database)
    app = bare_client.app  # type: ignore[attr-defined]
    app.state.settings = app.state.settings.model_copy(update={"api_rate_per_minute": 3})
    headers = {"Authorization": f"Bearer {world.participant_token}"}
    # The API reads the clock once a request; held at one instant, the burst stays in one
    # counting window (a minute turning mid-burst would open a fresh one).
    instant = utcnow().replace(second=30, microsecond=0)
    monkeypatch.setattr("echo.api.kit.utcnow", lambda: instant)
    answers = [bare_client.get("/api/v1/me/claims", headers=headers) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1].headers["retry-after"]) >= 1
    assert answers[-1].headers["content-type"].startswith("application/problem+json")


def test_routing_errors_are_problem_details_and_nothing_is_cached_or_set(
    bare_client: TestClient, database: Database
) -> None:
    world = _world(database)
    headers = {"Authorization": f"Bearer {world.coordinator_token}"}
    for path in (
        "/api/v1/sessions/abc/attendance",
        "/api/v1/programs/UPPER/sessions",
        "/api/v1/nope",
    ):
        answer = bare_client.get(path, headers=headers)
        assert answer.status_code == 404, path
        assert answer.headers["content-type"].startswith("application/problem+json"), path
    posted = bare_client.post("/api/v1/programs", headers=headers)
    assert posted.status_code == 405
    assert posted.headers["content-type"].startswith("application/problem+json")
    good = bare_client.get("/api/v1/programs", headers=headers)
    assert good.headers["cache-control"] == "no-store"
    assert "set-cookie" not in good.headers  # the API reads and sets no cookies
    refused = bare_client.get("/api/v1/programs", headers={"Authorization": "Bearer echo_x_y"})
    assert refused.headers["www-authenticate"] == 'Bearer realm="echo", error="invalid_token"'


def test_a_token_limited_to_a_hub_lists_only_that_hubs_claims(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        first = factories.create_hub(session, coordinator=coordinator)
        second = factories.create_hub(session, coordinator=coordinator)
        learner = factories.create_user(session)
        for hub in (first, second):
            program = factories.create_program(session, hub)
            factories.enroll(session, learner, program)
            factories.offer_credit(session, program, coordinator)
            held = factories.create_session(
                session,
                program,
                start=utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(days=2),
            )
            factories.create_claim(session, held, learner)  # attends the whole session
        factories.add_hub_role(session, learner, second, "faculty")
        learner_id, second_id = learner.id or 0, second.id or 0
    everything = _token(database, learner_id)
    limited = _token(database, learner_id, hub_id=second_id)
    assert len(_get(bare_client, "/api/v1/me/claims", everything)[1]["items"]) == 2  # type: ignore[arg-type]
    assert len(_get(bare_client, "/api/v1/me/claims", limited)[1]["items"]) == 1  # type: ignore[arg-type]
