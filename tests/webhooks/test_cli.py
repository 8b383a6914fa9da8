"""`echo-lms webhooks run`: one delivery pass, as the worker does on each of its passes."""

from __future__ import annotations

import os
from pathlib import Path

from standardwebhooks import Webhook

from echo.db import Database
from echo.webhooks import services
from tests.conftest import TEST_SECRET
from tests.test_cli import echo_lms
from tests.webhooks.conftest import Receiver, World, deliveries


def test_webhooks_run_delivers_what_is_due_and_says_so(
    database: Database, world: World, receiver: Receiver, tmp_path: Path
) -> None:
    with database.write() as session:
        endpoint = session.get(type(world.endpoint), world.endpoint.id)
        assert endpoint is not None
        services.send_test(session, endpoint, hub=world.hub.slug, page_path="/")
    env = {
        **os.environ,
        "ECHO_DATABASE_URL": database.settings.resolved_database_url,
        "ECHO_VAR_DIR": str(tmp_path),
        "ECHO_SECRET_KEY": TEST_SECRET,
        "ECHO_WEBHOOKS_ALLOW_HTTP": "1",
        "ECHO_WEBHOOKS_ALLOW_PRIVATE": "1",
    }
    done = echo_lms(env, "webhooks", "run")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(": 1 delivered, 0 to retry, 0 failed.")
    [request] = receiver.requests
    assert Webhook(world.endpoint.secret).verify(request.body, request.headers)["type"] == (
        "webhook.test"
    )
    assert [row.status for row in deliveries(database)] == ["delivered"]
    again = echo_lms(env, "webhooks", "run")
    assert again.stdout.strip().endswith(": 0 delivered, 0 to retry, 0 failed.")
