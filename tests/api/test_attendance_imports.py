"""Attendance reports through the API: the attendance page's import (preview, then
commit), the report as the request body; the preview typed and nothing written until the
commit; committing again changes nothing; unreadable, empty, oversized and expired input
refused in words; only write tokens of those who run the program's sessions."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.app import create_app
from echo.attendance import imports
from echo.attendance.models import AttendanceInterval, ReportImport
from echo.db import Database
from echo.programs.models import ProgramSession
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.webhooks.models import WebhookDelivery
from tests import factories
from tests.api.calls import call, make_token, problem
from tests.conftest import test_settings
from tests.helpers import age_previews

ZONE = "America/Los_Angeles"


@dataclass
class World:
    held_id: int
    upcoming_id: int
    learner_id: int
    report: bytes
    coordinator: str  # write token
    reader: str
    participant: str
    outsider: str
    limited: str


def _zoom_report(starts_at: Any, rows: list[tuple[str, str, int, int]]) -> bytes:
    """A Zoom participants export; rows are (name, email, join, leave) in minutes from the
    session's start, in the program's zone as Zoom writes them."""
    start = starts_at.astimezone(ZoneInfo(ZONE))
    lines = [
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "Recording disclaimer response,In waiting room"
    ]
    for name, email, join, leave in rows:
        joined = (start + timedelta(minutes=join)).strftime("%m/%d/%Y %I:%M:%S %p")
        left = (start + timedelta(minutes=leave)).strftime("%m/%d/%Y %I:%M:%S %p")
        lines.append(f'{name},{email},"{joined}","{left}",{leave - join + 1},No,OK,No')
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def world(database: Database) -> World:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator, time_zone=ZONE)
        program = factories.create_program(session, hub)
        learner = factories.create_user(session, email="pat@example.org", name="Pat Lee")
        factories.enroll(session, learner, program)
        held = factories.create_session(
            session,
            program,
            start=utcnow().replace(minute=0, second=0, microsecond=0) - timedelta(days=2),
        )
        upcoming = factories.create_session(session, program)
        second_hub = factories.create_hub(session, coordinator=coordinator)
        outsider = factories.create_user(session)
        factories.create_hub(session, coordinator=outsider)
        factories.create_webhook_endpoint(
            session,
            hub,
            coordinator,
            url="http://127.0.0.1:9/hooks",
            events=["attendance.finalised"],
        )
        report = _zoom_report(
            held.starts_at,
            [
                # Two devices overlapping: 0-50 minutes, not 45 + 40.
                ("Pat Lee (iPad)", "PAT@example.org", 0, 45),
                ("Pat Lee", "pat@example.org", 10, 50),
                ("Dr Unknown", "someone@elsewhere.example.org", -20, 30),  # clipped to 30
            ],
        )
        ids = (coordinator.id or 0, learner.id or 0, outsider.id or 0, second_hub.id or 0)
        sessions = (held.id or 0, upcoming.id or 0)
    return World(
        *sessions,
        learner_id=ids[1],
        report=report,
        coordinator=make_token(database, ids[0], write=True),
        reader=make_token(database, ids[0]),
        participant=make_token(database, ids[1], write=True),
        outsider=make_token(database, ids[2], write=True),
        limited=make_token(database, ids[0], write=True, hub_id=ids[3]),
    )


def _upload(
    client: TestClient, session_id: int, token: str | None, data: bytes, name: str = "zoom.csv"
) -> Any:
    return call(
        client,
        "POST",
        f"/api/v1/sessions/{session_id}/attendance-imports?filename={name}",
        token,
        content=data,
        headers={"content-type": "text/csv"},
    )


def _commit(client: TestClient, import_id: str, token: str | None) -> Any:
    return call(client, "POST", f"/api/v1/attendance-imports/{import_id}/commit", token)


def _minutes(client: TestClient, world: World) -> list[tuple[int, int, str]]:
    rows = call(
        client, "GET", f"/api/v1/sessions/{world.held_id}/attendance", world.coordinator
    ).json()["items"]
    return [(r["user_id"], r["minutes"], r["source"]) for r in rows]


def _kept(database: Database, session_id: int, sha256: str) -> bool:
    with database.read() as session:
        return imports.stored(session, session_id, sha256) is not None


def _count(database: Database, table: Any) -> int:
    with database.read() as session:
        return len(session.exec(select(table)).all())


def test_preview_then_commit_and_a_second_commit_changes_nothing(
    bare_client: TestClient, database: Database, settings: Settings, world: World
) -> None:
    answer = _upload(bare_client, world.held_id, world.coordinator, world.report)
    assert answer.status_code == 200, answer.text
    preview = answer.json()
    assert preview["id"] == f"{world.held_id}-{preview['sha256']}"
    assert (preview["format"], preview["filename"], preview["rows_read"]) == ("zoom", "zoom.csv", 3)
    assert (preview["people"], preview["matched"], preview["unmatched"]) == (2, 1, 1)
    assert preview["matches"] == [
        {
            "name": "Pat Lee",  # Zoom's "(original name)" part is not the person's
            "email": "pat@example.org",
            "user_id": world.learner_id,
            "user_name": "Pat Lee, MD",
            "matched_by": "email",
            "minutes": 50,
            "minutes_now": 0,
            "adjusted": False,
        }
    ]
    assert preview["unmatched_people"] == [
        {"name": "Dr Unknown", "email": "someone@elsewhere.example.org", "minutes": 30}
    ]
    assert preview["warnings"] == [
        "Some time in the report is before the start or after the end of the session; "
        "only time within the session counts."
    ]
    assert preview["commit_url"].endswith(
        f"/api/v1/attendance-imports/{preview['id']}/commit?filename=zoom.csv"
    )
    assert _count(database, AttendanceInterval) == 0  # the preview wrote nothing
    assert _kept(database, world.held_id, preview["sha256"])

    first = call(bare_client, "POST", preview["commit_url"], world.coordinator)
    assert first.status_code == 200, first.text
    committed = first.json()
    assert committed["already_committed"] is False
    assert (committed["people"], committed["matched"], committed["unmatched"]) == (2, 1, 1)
    assert committed["filename"] == "zoom.csv"
    assert committed["attendance_url"].endswith(f"/api/v1/sessions/{world.held_id}/attendance")
    assert _minutes(bare_client, world) == [(world.learner_id, 50, "report")]
    assert not _kept(database, world.held_id, preview["sha256"])

    second = _commit(bare_client, preview["id"], world.coordinator)
    assert second.status_code == 200
    assert second.json() == {**committed, "already_committed": True}
    assert _minutes(bare_client, world) == [(world.learner_id, 50, "report")]
    assert _count(database, ReportImport) == 1
    with database.read() as session:
        events = session.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.id))).all()
    assert [json.loads(e.payload)["data"]["matched"] for e in events] == [1]  # one event

    # The same report previewed and committed anew (as the page may): still 50 minutes.
    again = _upload(bare_client, world.held_id, world.coordinator, world.report).json()
    assert again["matches"][0]["minutes_now"] == 50
    assert _commit(bare_client, again["id"], world.coordinator).json()["already_committed"] is False
    assert _minutes(bare_client, world) == [(world.learner_id, 50, "report")]


def test_unreadable_empty_early_and_oversized_reports_are_refused_in_words(
    bare_client: TestClient, world: World
) -> None:
    unknown = problem(
        _upload(bare_client, world.held_id, world.coordinator, b"Student,Score\nAnn,3\n"), 422
    )
    assert "zoom" in unknown["errors"]["report"].lower()
    empty = problem(_upload(bare_client, world.held_id, world.coordinator, b""), 422)
    assert empty["errors"] == {"report": "Send the report's file as the body of the request."}
    early = problem(_upload(bare_client, world.upcoming_id, world.coordinator, world.report), 422)
    assert "has not started" in early["errors"]["report"]
    huge = problem(
        _upload(bare_client, world.held_id, world.coordinator, b"x" * (10 * 1024 * 1024 + 1)), 413
    )
    assert huge["detail"] == "This operation takes at most 10 MB."


def test_an_expired_or_unknown_preview_is_404(
    bare_client: TestClient, database: Database, world: World
) -> None:
    preview = _upload(bare_client, world.held_id, world.coordinator, world.report).json()
    assert _kept(database, world.held_id, preview["sha256"])
    age_previews(database, imports.PREVIEW_LIFETIME + timedelta(minutes=1))
    assert (
        "24 hours" in problem(_commit(bare_client, preview["id"], world.coordinator), 404)["detail"]
    )
    for import_id in (f"{world.held_id}-{'0' * 64}", "1-abc", f"{2**40}-{'0' * 64}", "x"):
        problem(_commit(bare_client, import_id, world.coordinator), 404)


def test_only_write_tokens_of_those_who_run_the_sessions_may_import(
    bare_client: TestClient, database: Database, world: World
) -> None:
    preview = _upload(bare_client, world.held_id, world.coordinator, world.report).json()
    read_only = problem(_upload(bare_client, world.held_id, world.reader, world.report), 403)
    assert read_only["type"].endswith("insufficient-scope")
    problem(_commit(bare_client, preview["id"], world.reader), 403)
    for token in (world.participant, world.outsider, world.limited):
        problem(_upload(bare_client, world.held_id, token, world.report), 404)
        problem(_commit(bare_client, preview["id"], token), 404)
    problem(_commit(bare_client, preview["id"], None), 401)
    assert _count(database, ReportImport) == 0
    with database.read() as session:
        assert session.get(ProgramSession, world.held_id) is not None


def test_simultaneous_commits_of_one_preview_import_it_once(
    make_bare_client: Callable[[], TestClient], database: Database, world: World
) -> None:
    clients = [make_bare_client() for _ in range(4)]
    preview = _upload(clients[0], world.held_id, world.coordinator, world.report).json()
    with ThreadPoolExecutor(len(clients)) as pool:
        answers = list(
            pool.map(lambda client: _commit(client, preview["id"], world.coordinator), clients)
        )
    assert [a.status_code for a in answers] == [200] * len(clients)
    assert sorted(a.json()["already_committed"] for a in answers) == [False, True, True, True]
    assert _count(database, ReportImport) == 1


def test_a_preview_made_on_one_machine_is_committed_on_another(
    bare_client: TestClient, database: Database, settings: Settings, world: World, tmp_path: Path
) -> None:
    """Two app machines, each with its own ECHO_VAR_DIR, on one database."""
    preview = _upload(bare_client, world.held_id, world.coordinator, world.report).json()
    other = test_settings(settings.resolved_database_url, tmp_path / "machine-2")
    with TestClient(create_app(other), follow_redirects=False) as machine_two:
        committed = call(machine_two, "POST", preview["commit_url"], world.coordinator)
        assert committed.status_code == 200, committed.text
        assert committed.json()["already_committed"] is False
        assert _minutes(machine_two, world) == [(world.learner_id, 50, "report")]
    assert not _kept(database, world.held_id, preview["sha256"])
