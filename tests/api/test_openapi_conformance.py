"""schemathesis against the API's own OpenAPI document, in process: for every operation,
generated parameters (valid and at their bounds) with a valid token never give a 5xx and
every answer matches its documented status, content type and schema; and every operation
refuses a missing, malformed, expired or revoked token with 401 problem details.
Bounded: a fixed number of examples per operation, derandomized (no flaky seeds)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.db import Database
from echo.timeutil import utcnow
from tests import factories

EXAMPLES_PER_OPERATION = 40


def _tokens(database: Database) -> dict[str, str]:
    """Tokens of a coordinator whose hub has a program, a held session and a learner."""
    now = utcnow()
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
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
                session, user_id=owner, name=name, write=False, hub_id=None, days=days, now=when
            )
            for name, days, when in (
                ("valid", 30, now),
                ("expired", 1, now - timedelta(days=3)),
                ("revoked", 30, now),
            )
        }
        api_tokens.revoke(session, user_id=owner, token_id=made["revoked"][0].id or 0, now=now)
    return {name: text for name, (_row, text) in made.items()}


def test_every_operation_matches_the_document(bare_client: TestClient, database: Database) -> None:
    tokens = _tokens(database)
    app: Any = bare_client.app
    # Generated requests are many and quick: a limit above what the run can reach.
    app.state.settings = app.state.settings.model_copy(update={"api_rate_per_minute": 100_000})
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 5
    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def conforms(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {tokens['valid']}"})
            assert response.status_code < 500, (case.path, response.status_code)
            case.validate_response(response)

        conforms()


def test_every_operation_refuses_a_bad_token(bare_client: TestClient, database: Database) -> None:
    tokens = _tokens(database)
    document = bare_client.get("/api/v1/openapi.json").json()
    examples = {"{slug}": "conformance-echo", "{session_id}": "1"}
    bad = {
        "missing": None,
        "malformed": "Bearer not-a-token",
        "expired": f"Bearer {tokens['expired']}",
        "revoked": f"Bearer {tokens['revoked']}",
        "another scheme": f"Basic {tokens['valid']}",
    }
    for template in document["paths"]:
        path = template
        for name, value in examples.items():
            path = path.replace(name, value)
        for why, header in bad.items():
            headers = {"Authorization": header} if header else {}
            answer = bare_client.get(path, headers=headers)
            assert answer.status_code == 401, (path, why, answer.status_code)
            assert answer.headers["content-type"].startswith("application/problem+json")
        good = bare_client.get(path, headers={"Authorization": f"Bearer {tokens['valid']}"})
        assert good.status_code == 200, (path, good.text[:300])
