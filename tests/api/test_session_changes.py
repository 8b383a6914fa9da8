"""PATCH /api/v1/sessions/{id}: a session changed as its edit page changes it (the same
forms and services): details, a move, cancelling and restoring, each emitting
session.changed, participants told of a new time or status; bad values named as the page
names them, nothing changed; only write tokens of those who run the program's sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.db import Database
from echo.notify.models import OutboxMessage
from echo.programs.models import ProgramSession
from echo.security.permissions import HubRole
from echo.timeutil import in_zone, utcnow
from echo.webhooks.models import WebhookDelivery
from tests import factories
from tests.api.calls import call, make_token, problem

ZONE = "America/Los_Angeles"


@dataclass
class World:
    upcoming_id: int
    held_id: int
    learner_id: int
    presenter_id: int
    coordinator: str  # write token
    reader: str  # the coordinator's read-only token
    participant: str  # write token of an enrolled learner
    outsider: str  # write token of another hub's coordinator
    limited: str  # the coordinator's write token limited to their other hub


@pytest.fixture
def world(database: Database) -> World:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator, time_zone=ZONE)
        presenter = factories.create_user(session, name="Dr. Ada Presenter")
        factories.add_hub_role(session, presenter, hub, HubRole.faculty)
        program = factories.create_program(session, hub, slug="teen-echo")
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
        upcoming = factories.create_session(session, program, title="Week 1")
        held = factories.create_session(
            session, program, start=utcnow().replace(minute=0, second=0, microsecond=0)
        )
        held.starts_at -= timedelta(days=7)
        held.ends_at -= timedelta(days=7)
        session.add(held)
        second_hub = factories.create_hub(session, coordinator=coordinator)
        outsider = factories.create_user(session)
        factories.create_hub(session, coordinator=outsider)
        factories.create_webhook_endpoint(
            session, hub, coordinator, url="http://127.0.0.1:9/hooks", events=["session.changed"]
        )
        ids = [coordinator.id or 0, learner.id or 0, outsider.id or 0, second_hub.id or 0]
        world_ids = (upcoming.id or 0, held.id or 0, learner.id or 0, presenter.id or 0)
    return World(
        *world_ids,
        coordinator=make_token(database, ids[0], write=True),
        reader=make_token(database, ids[0]),
        participant=make_token(database, ids[1], write=True),
        outsider=make_token(database, ids[2], write=True),
        limited=make_token(database, ids[0], write=True, hub_id=ids[3]),
    )


def _patch(client: TestClient, session_id: int, token: str | None, body: Any) -> Any:
    return call(client, "PATCH", f"/api/v1/sessions/{session_id}", token, json=body)


def _changes(database: Database) -> list[dict[str, Any]]:
    """session.changed events queued, oldest first: (session id, change)."""
    with database.read() as session:
        rows = session.exec(select(WebhookDelivery).order_by(col(WebhookDelivery.id))).all()
    return [json.loads(row.payload)["data"] for row in rows]


def _mail_subjects(database: Database, user_id: int) -> list[str]:
    with database.read() as session:
        rows = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.to_user_id == user_id)
            .order_by(col(OutboxMessage.id))
        ).all()
    return [row.subject for row in rows]


def _row(database: Database, session_id: int) -> ProgramSession:
    with database.read() as session:
        found = session.get(ProgramSession, session_id)
    assert found is not None
    return found


def test_details_change_as_on_the_page_and_emit_session_changed(
    bare_client: TestClient, database: Database, world: World
) -> None:
    answer = _patch(
        bare_client,
        world.upcoming_id,
        world.coordinator,
        {
            "title": "Week 3",
            "didactic_title": "Anxiety in teens",
            "didactic_presenter_id": world.presenter_id,
            "didactic_objectives": "Screen\r\nTreat",
            "resource_ids": ["bright-futures"],
            "slides_url": "https://example.org/slides",
            "notes": "Bring two cases",
        },
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    body = answer.json()
    assert {k: body[k] for k in ("title", "didactic_title", "didactic_presenter_id")} == {
        "title": "Week 3",
        "didactic_title": "Anxiety in teens",
        "didactic_presenter_id": world.presenter_id,
    }
    assert body["didactic_objectives"] == "Screen\nTreat"  # the page's text rules
    assert body["resource_ids"] == ["bright-futures"] and body["notes"] == "Bring two cases"
    assert (body["status"], body["sequence"], body["time_zone"]) == ("upcoming", 1, ZONE)
    assert body["url"].endswith(f"/sessions/{world.upcoming_id}")
    assert [(c["session_id"], c["change"]) for c in _changes(database)] == [
        (world.upcoming_id, "updated")
    ]
    # A field left out stays as it is.
    again = _patch(bare_client, world.upcoming_id, world.coordinator, {"notes": ""})
    assert again.json()["title"] == "Week 3" and again.json()["notes"] == ""
    assert _row(database, world.upcoming_id).didactic_title == "Anxiety in teens"
    assert _mail_subjects(database, world.learner_id) == []  # details are not mailed


def test_a_move_cancel_and_restore_are_emitted_and_told_to_participants(
    bare_client: TestClient, database: Database, world: World
) -> None:
    before = in_zone(_row(database, world.upcoming_id).starts_at, ZONE)
    day = (before + timedelta(days=1)).date().isoformat()
    moved = _patch(
        bare_client, world.upcoming_id, world.coordinator, {"date": day, "time": "09:30"}
    )
    assert moved.status_code == 200, moved.text
    starts = in_zone(_row(database, world.upcoming_id).starts_at, ZONE)
    assert (starts.date().isoformat(), starts.strftime("%H:%M")) == (day, "09:30")
    assert moved.json()["status"] == "moved"
    row = _row(database, world.upcoming_id)
    assert row.ends_at - row.starts_at == timedelta(minutes=60)  # the length is kept
    missing = problem(
        _patch(bare_client, world.upcoming_id, world.coordinator, {"status": "cancelled"}), 422
    )
    assert missing["errors"] == {
        "cancel_reason": "Say why the session is cancelled; participants see it."
    }
    cancel = {"status": "cancelled", "cancel_reason": "Snow day"}
    cancelled = _patch(bare_client, world.upcoming_id, world.coordinator, cancel)
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "Snow day"
    again = _patch(bare_client, world.upcoming_id, world.coordinator, cancel)
    assert again.json()["sequence"] == cancelled.json()["sequence"]  # already so: unchanged
    restored = _patch(bare_client, world.upcoming_id, world.coordinator, {"status": "scheduled"})
    assert restored.json()["status"] == "moved" and restored.json()["cancel_reason"] == ""
    assert [c["change"] for c in _changes(database)] == ["moved", "cancelled", "restored"]
    subjects = _mail_subjects(database, world.learner_id)
    assert [s.split(":")[0] for s in subjects] == ["New time", "Cancelled", "New time"]
    # A session that has ended changes too (the event says so), but nobody is mailed.
    _patch(bare_client, world.held_id, world.coordinator, cancel)
    assert _changes(database)[-1]["session_id"] == world.held_id
    assert len(_mail_subjects(database, world.learner_id)) == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"slides_url": "http://example.org/slides"}, "slides_url"),
        ({"title": "x" * 201}, "title"),
        ({"resource_ids": ["no-such-resource"]}, "resource_ids"),
        ({"date": "2026-02-30"}, "date"),
        ({"time": "25:00"}, "time"),
        ({"duration_minutes": 1}, "duration_minutes"),
        ({"duration_minutes": 10**30}, "duration_minutes"),
        ({"cancel_reason": "Snow day"}, "cancel_reason"),
        ({"status": "deleted"}, "status"),
        ({"title": 5}, "title"),
        ({"colour": "red"}, "colour"),
        ([1, 2], "body"),
    ],
)
def test_a_bad_value_is_named_and_nothing_changes(
    bare_client: TestClient, database: Database, world: World, body: Any, field: str
) -> None:
    before = _row(database, world.upcoming_id)
    found = problem(_patch(bare_client, world.upcoming_id, world.coordinator, body), 422)
    assert list(found["errors"]) == [field] and found["errors"][field]
    assert _row(database, world.upcoming_id) == before
    assert _changes(database) == []


def test_every_bad_field_is_named_at_once_and_a_stranger_is_no_presenter(
    bare_client: TestClient, database: Database, world: World
) -> None:
    both = problem(
        _patch(
            bare_client, world.upcoming_id, world.coordinator, {"title": "x" * 201, "time": "noon"}
        ),
        422,
    )
    assert set(both["errors"]) == {"title", "time"}
    stranger = problem(
        _patch(
            bare_client,
            world.upcoming_id,
            world.coordinator,
            {"didactic_presenter_id": world.learner_id},
        ),
        422,
    )
    assert stranger["errors"] == {
        "didactic_presenter_id": "Choose a presenter from the hub's members."
    }
    assert _changes(database) == []


def test_unreadable_bodies_are_refused_without_a_500(
    bare_client: TestClient, database: Database, world: World
) -> None:
    path = f"/api/v1/sessions/{world.upcoming_id}"
    headers = {"content-type": "application/json"}
    broken = call(bare_client, "PATCH", path, world.coordinator, content=b"{", headers=headers)
    assert "body" in problem(broken, 422)["errors"]
    as_text = call(bare_client, "PATCH", path, world.coordinator, content=b"title=x")
    problem(as_text, 415)
    huge = b'{"notes": "' + b"x" * (300 * 1024) + b'"}'
    problem(call(bare_client, "PATCH", path, world.coordinator, content=huge, headers=headers), 413)
    assert _changes(database) == []


def test_only_write_tokens_of_those_who_run_the_sessions_may_change_them(
    bare_client: TestClient, database: Database, world: World
) -> None:
    change = {"title": "Taken over"}
    read_only = problem(_patch(bare_client, world.upcoming_id, world.reader, change), 403)
    assert read_only["type"].endswith("insufficient-scope")
    for token in (world.participant, world.outsider, world.limited):
        problem(_patch(bare_client, world.upcoming_id, token, change), 404)
    problem(_patch(bare_client, world.upcoming_id, None, change), 401)
    problem(_patch(bare_client, 2**31 - 1, world.coordinator, change), 404)
    assert _row(database, world.upcoming_id).title == "Week 1"
    assert _changes(database) == []
