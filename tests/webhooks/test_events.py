"""Each event is emitted by the real domain action, in the same transaction as the change
(rolled back, nothing is queued), to the hub's enabled endpoints that subscribed to it;
the case event carries ids and a link, never a case's text."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlmodel import Session, select
from standardwebhooks import Webhook

from echo import demo
from echo.attendance import services as attendance
from echo.cases import services as cases
from echo.cme import services as cme
from echo.cme.issuing import issuer_for
from echo.db import Database
from echo.programs import sessions
from echo.programs.forms import MoveForm, SessionDetailsForm
from echo.programs.models import Program, ProgramSession
from echo.security.permissions import HubRole
from echo.settings import PROJECT_ROOT, Settings
from echo.timeutil import in_zone, utcnow
from echo.webhooks import delivery, services
from echo.webhooks.events import EVENT_TYPES
from echo.webhooks.models import WebhookDelivery
from tests import factories
from tests.webhooks.conftest import Receiver, World, deliveries

RECOMMENDATIONS = {
    "restated_question": "Should a 15-year-old with moderate depression start medication now?",
    "treatment": "Start fluoxetine 10 mg daily; increase to 20 mg after 2 weeks.",
    "supports": "CBT referral; a weekly school counselor check-in.",
    "safety_plan": "Complete a safety plan with the family.",
}


def _program(session: Session, world: World) -> Program:
    lead = factories.create_user(session, name="Dr. Lee Lead")
    factories.add_hub_role(session, lead, world.hub, HubRole.faculty)
    return factories.create_program(session, world.hub, lead_faculty=lead)


def _events(database: Database, event_type: str | None = None) -> list[dict[str, Any]]:
    """The payloads queued, oldest first (of one type)."""
    found = [json.loads(row.payload) for row in deliveries(database)]
    return [event for event in found if event_type is None or event["type"] == event_type]


def test_session_changes_are_emitted_with_the_session_and_what_changed(
    database: Database, world: World
) -> None:
    with database.write() as session:
        program = _program(session, world)
        first, second = factories.create_schedule(session, program, count=2)
        sessions.cancel(session, first, "Snow day")
        local = in_zone(second.starts_at, "America/Los_Angeles") + timedelta(days=1)
        move = MoveForm.parse(
            {"date": local.date().isoformat(), "time": "13:30", "duration_minutes": "90"}
        )
        sessions.reschedule(session, second, "America/Los_Angeles", move)
        sessions.restore(session, first)
        details = SessionDetailsForm.parse({"title": "Anxiety in school", "notes": "Room 4"})
        sessions.update_details(session, second, details, presenter_ids=set())
    changes = [(e["data"]["session_id"], e["data"]["change"]) for e in _events(database)]
    assert changes == [
        (first.id, "added"),
        (second.id, "added"),
        (first.id, "cancelled"),
        (second.id, "moved"),
        (first.id, "restored"),
        (second.id, "updated"),
    ]
    cancelled = _events(database)[2]
    assert cancelled["type"] == "session.changed"
    assert cancelled["data"] == {
        "hub": world.hub.slug,
        "program": program.slug,
        "session_id": first.id,
        "change": "cancelled",
        "status": "cancelled",
        "starts_at": first.starts_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "ends_at": first.ends_at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "sequence": 1,
        "session_url": f"/sessions/{first.id}",
    }
    assert "Snow day" not in json.dumps(_events(database))  # staff's words stay in Echo
    moved = _events(database)[3]["data"]
    assert moved["starts_at"].startswith(local.date().isoformat())
    assert moved["ends_at"] > moved["starts_at"]


def test_a_schedule_change_that_removes_a_session_says_so(database: Database, world: World) -> None:
    with database.write() as session:
        program = _program(session, world)
        kept, dropped = factories.create_schedule(session, program, count=2)
        dropped_id = dropped.id
        factories.create_schedule(session, program, count=1, first_date=kept.starts_at.date())
    removed = [e["data"] for e in _events(database) if e["data"]["change"] == "removed"]
    assert [(r["session_id"], r["status"], r["session_url"]) for r in removed] == [
        (dropped_id, "removed", None)
    ]


def test_an_attendance_import_emits_attendance_finalised(database: Database, world: World) -> None:
    with database.write() as session:
        program = _program(session, world)
        held = factories.create_session(session, program, start=utcnow() - timedelta(days=2))
        report = demo.demo_zoom_report(
            in_zone(held.starts_at, world.hub.time_zone).replace(tzinfo=None)
        )
        plan = attendance.plan_import(
            session,
            held,
            world.hub.id or 0,
            data=report,
            filename="zoom.csv",
            zone=world.hub.time_zone,
        )
        record = attendance.commit_import(session, held, plan, actor_id=world.coordinator.id)
    [event] = _events(database)
    assert event["type"] == "attendance.finalised"
    assert event["data"] == {
        "hub": world.hub.slug,
        "program": program.slug,
        "session_id": held.id,
        "import_id": record.id,
        "source": "zoom",
        "people": len(plan.rows),
        "matched": len(plan.matched),
        "unmatched": len(plan.unmatched),
        "session_url": f"/sessions/{held.id}",
        "attendance_url": f"/sessions/{held.id}/attendance",
        "api_url": f"/api/v1/sessions/{held.id}/attendance",
    }
    assert len(plan.rows) >= 3 and "Nico NP" not in json.dumps(event)  # no names


def _held_claim(session: Session, world: World) -> tuple[Program, ProgramSession, Any]:
    program = _program(session, world)
    factories.offer_credit(session, program, world.coordinator)
    held = factories.create_session(session, program, start=utcnow() - timedelta(days=1))
    learner = factories.create_user(session, credentials="MD")
    return program, held, factories.create_claim(session, held, learner)


def test_issuing_revoking_and_reissuing_certificates_are_emitted(
    database: Database, settings: Settings, world: World
) -> None:
    issuer = issuer_for(settings)
    with database.write() as session:
        program, held, claim = _held_claim(session, world)
        first = cme.issue_certificate(session, claim, issuer)
        again = cme.issue_certificate(session, claim, issuer)  # idempotent: no second event
        second = cme.reissue(session, first, issuer)
        cme.revoke(session, second, "Claimed for the wrong session.")
    assert again.id == first.id
    issued = _events(database, "certificate.issued")
    assert [e["data"]["code"] for e in issued] == [first.code, second.code]
    assert issued[0]["data"] == {
        "hub": world.hub.slug,
        "program": program.slug,
        "certificate_id": first.id,
        "code": first.code,
        "claim_id": claim.id,
        "user_id": claim.user_id,
        "session_id": held.id,
        "credit_kind": "ama",
        "credits": "1.00",
        "replaces": None,
        "verify_url": f"/verify/{first.code}",
    }
    assert issued[1]["data"]["replaces"] == first.code
    [revoked] = _events(database, "certificate.revoked")
    assert revoked["data"] == {
        "hub": world.hub.slug,
        "program": program.slug,
        "certificate_id": second.id,
        "code": second.code,
        "claim_id": claim.id,
        "user_id": claim.user_id,
        "session_id": held.id,
        "verify_url": f"/verify/{second.code}",
    }
    assert "wrong session" not in json.dumps(revoked)


def test_released_recommendations_carry_ids_and_a_link_never_case_text(
    database: Database,
    settings: Settings,
    world: World,
    receiver: Receiver,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with database.write() as session:
        program = _program(session, world)
        lead_id = program.lead_faculty_id or 0
        submitter = factories.create_user(session)
        factories.enroll(session, submitter, program)
        case = factories.create_case(
            session, program, submitter, status="presented", staff=world.coordinator
        )
        form, acknowledged = cases.read_recommendation_form(RECOMMENDATIONS, set())
        cases.save_recommendation(
            session,
            case,
            form=form,
            acknowledged=acknowledged,
            actor_id=lead_id,
            expected_version=0,
        )
        cases.release(session, case, actor_id=lead_id)
    [event] = _events(database)
    assert event == {
        "type": "case.recommendations_released",
        "timestamp": event["timestamp"],
        "data": {
            "hub": world.hub.slug,
            "program": program.slug,
            "case_id": case.id,
            "session_id": case.session_id,
            "case_url": f"/cases/{case.id}",
        },
    }
    with caplog.at_level(logging.DEBUG):
        assert delivery.run_once(database, settings, "case-worker").delivered == 1
    [request] = receiver.requests
    sent = Webhook(world.endpoint.secret).verify(request.body, request.headers)
    assert sent["data"]["case_url"] == f"{settings.base_url}/cases/{case.id}"
    texts = [
        *RECOMMENDATIONS.values(),
        *(v for v in factories.CLEAN_CASE.values() if isinstance(v, str) and len(v) > 8),
        "depression",
    ]
    body = request.body.decode()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for text in texts:
        assert text not in body
        assert text not in logged
    assert request.body.decode() not in logged


class ChangedMyMind(Exception):
    """Raised inside a write transaction to roll it back."""


def _cancel_then_roll_back(database: Database, world: World) -> None:
    with database.write() as session:
        program = _program(session, world)
        item = factories.create_session(session, program)
        sessions.cancel(session, item, "Snow day")
        raise ChangedMyMind(len(session.exec(select(WebhookDelivery)).all()))


def test_a_rolled_back_change_queues_no_event(database: Database, world: World) -> None:
    with pytest.raises(ChangedMyMind) as stopped:
        _cancel_then_roll_back(database, world)
    assert stopped.value.args == (1,)  # queued inside the transaction
    assert deliveries(database) == []  # and gone with it


def test_only_the_hubs_enabled_subscribed_endpoints_get_an_event(
    database: Database, world: World, receiver: Receiver
) -> None:
    with database.write() as session:
        program = _program(session, world)
        item = factories.create_session(session, program)
        coordinator = world.coordinator
        certificates_only = factories.create_webhook_endpoint(
            session,
            world.hub,
            coordinator,
            url=receiver.url + "/cme",
            events=["certificate.issued"],
        )
        disabled = factories.create_webhook_endpoint(
            session, world.hub, coordinator, url=receiver.url + "/off"
        )
        other_hub = factories.create_hub(session, coordinator=coordinator)
        elsewhere = factories.create_webhook_endpoint(
            session, other_hub, coordinator, url=receiver.url + "/elsewhere"
        )
    with database.write() as session:
        services.disable(session, disabled.id or 0, "Disabled by a test.")
        sessions.cancel(session, item, "Snow day")
    queued = deliveries(database)
    assert [row.endpoint_id for row in queued] == [world.endpoint.id]
    assert {certificates_only.id, disabled.id, elsewhere.id}.isdisjoint(
        {row.endpoint_id for row in queued}
    )


def test_every_event_type_is_documented() -> None:
    guide = (PROJECT_ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    for name in [*EVENT_TYPES, "webhook.test"]:
        assert f"`{name}`" in guide, name
