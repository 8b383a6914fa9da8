"""schemathesis against the API's own OpenAPI document, in process: for every operation,
generated parameters and bodies (valid and at their bounds) with a valid token (made for
writing, for the operations that write) never give a 5xx and every answer matches its
documented status, content type and schema, once with generated path parameters and once
with those of the objects the token may reach (so bodies and queries meet a real session
and a real import); every operation refuses a missing, malformed,
expired or revoked token with 401 problem details, and every writing one a read-only
token with 403. Bounded: a fixed number of examples per operation, derandomized (no flaky
seeds)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.db import Database
from echo.timeutil import utcnow
from tests import factories

EXAMPLES_PER_OPERATION = 40
REPORT = Path(__file__).parents[1] / "attendance" / "fixtures" / "zoom_2024_waiting_room.csv"


def _tokens(database: Database) -> dict[str, str]:
    """Tokens of a coordinator whose hub has a program, a held session and a learner."""
    now = utcnow()
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, slug="conformance-hub", coordinator=coordinator)
        program = factories.create_program(session, hub, slug="conformance-echo")
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
        held = factories.create_session(
            session,
            program,
            start=now.replace(minute=0, second=0, microsecond=0) - timedelta(days=2),
        )
        factories.attend(session, held, learner, minutes=40)
        owner = coordinator.id or 0
        made = {
            name: api_tokens.create(
                session, user_id=owner, name=name, write=write, hub_id=None, days=days, now=when
            )
            for name, write, days, when in (
                ("valid", False, 30, now),
                ("write", True, 30, now),
                ("expired", True, 1, now - timedelta(days=3)),
                ("revoked", True, 30, now),
            )
        }
        api_tokens.revoke(session, user_id=owner, token_id=made["revoked"][0].id or 0, now=now)
    return {name: text for name, (_row, text) in made.items()}


def test_every_operation_matches_the_document(bare_client: TestClient, database: Database) -> None:
    tokens = _tokens(database)
    app: Any = bare_client.app
    # Generated requests are many and quick: a limit above what the run can reach.
    app.state.settings = app.state.settings.model_copy(update={"api_rate_per_minute": 100_000})
    preview = bare_client.post(
        "/api/v1/sessions/1/attendance-imports",
        content=REPORT.read_bytes(),
        headers={"Authorization": f"Bearer {tokens['write']}", "Content-Type": "text/csv"},
    )
    assert preview.status_code == 200, preview.text
    reachable = {
        "slug": "conformance-echo",
        "hub": "conformance-hub",
        "session_id": 1,
        "import_id": preview.json()["id"],
    }
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.method.upper() for operation in operations} == {"GET", "PATCH", "POST"}
    assert len(operations) >= 10
    for operation in operations:
        writes = operation.method.upper() != "GET"
        token = tokens["write" if writes else "valid"]
        # What a write or a period takes is more than its schema says (a readable report, a
        # date Echo can hold, a presenter of the hub, an end not before the start): a
        # schema-valid request may well be a 422.
        beyond_schema = writes or operation.path.endswith("/outcomes")
        excluded = [schemathesis.checks.positive_data_acceptance] if beyond_schema else []
        for real in (False, True) if operation.path_parameters else (False,):
            _conforms(operation, token, excluded, reachable if real else {})


def _conforms(
    operation: Any, token: str, excluded: list[Any], path_parameters: dict[str, object]
) -> None:
    """EXAMPLES_PER_OPERATION generated requests, with these path parameters if given."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def conforms(case: Any) -> None:
        for name in case.path_parameters or {}:
            case.path_parameters[name] = path_parameters.get(name, case.path_parameters[name])
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        assert response.status_code < 500, (case.path, response.status_code)
        case.validate_response(response, excluded_checks=excluded)

    conforms()


def test_every_operation_refuses_a_bad_token(bare_client: TestClient, database: Database) -> None:
    tokens = _tokens(database)
    document = bare_client.get("/api/v1/openapi.json").json()
    examples = {
        "{slug}": "conformance-echo",
        "{hub}": "conformance-hub",
        "{session_id}": "1",
        "{import_id}": f"1-{'0' * 64}",
    }
    bad = {
        "missing": None,
        "malformed": "Bearer not-a-token",
        "expired": f"Bearer {tokens['expired']}",
        "revoked": f"Bearer {tokens['revoked']}",
        "another scheme": f"Basic {tokens['valid']}",
    }
    body = {"json": {}}  # an empty change, or an empty report: refused after the token
    for template, operations in document["paths"].items():
        path = template
        for name, value in examples.items():
            path = path.replace(name, value)
        for method in operations:
            for why, header in bad.items():
                headers = {"Authorization": header} if header else {}
                answer = bare_client.request(method, path, headers=headers, **body)
                assert answer.status_code == 401, (method, path, why, answer.status_code)
                assert answer.headers["content-type"].startswith("application/problem+json")
            read_only = {"Authorization": f"Bearer {tokens['valid']}"}
            answer = bare_client.request(method, path, headers=read_only, **body)
            if method == "get":
                assert answer.status_code == 200, (path, answer.text[:300])
                continue
            assert answer.status_code == 403, (method, path, answer.status_code)
            assert answer.json()["type"].endswith("insufficient-scope")
            writer = {"Authorization": f"Bearer {tokens['write']}"}
            answer = bare_client.request(method, path, headers=writer, **body)
            assert answer.status_code not in (401, 403) and answer.status_code < 500, (
                method,
                path,
                answer.status_code,
            )
