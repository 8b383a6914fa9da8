"""/healthz says the process is alive; /readyz says the database answers and is migrated to
this code's revision (what a load balancer should route to)."""

from __future__ import annotations

from starlette.testclient import TestClient

from echo import migrate
from echo.db import Database


def test_ready_when_migrated_to_this_codes_revision(
    bare_client: TestClient, database: Database
) -> None:
    answer = bare_client.get("/readyz")
    assert answer.status_code == 200
    assert answer.text == f"ok: database reachable, migrations current ({migrate.head_revision()})"
    assert bare_client.get("/healthz").text == "ok"


def test_not_ready_on_an_older_revision(bare_client: TestClient, database: Database) -> None:
    migrate.downgrade(database.engine, "0016")
    try:
        answer = bare_client.get("/readyz")
        assert answer.status_code == 503
        assert f"the code needs {migrate.head_revision()}" in answer.text
        assert bare_client.get("/healthz").status_code == 200  # alive, only not ready
    finally:
        migrate.upgrade(database.engine)  # the PostgreSQL database serves the whole run
