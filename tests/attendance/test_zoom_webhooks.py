"""Zoom webhooks: signatures and timestamps checked before anything, URL validation,
participant join/leave turned into intervals, idempotent under Zoom's retries."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from datetime import datetime, timedelta

from sqlmodel import select
from starlette.testclient import TestClient

from echo.attendance import zoom
from echo.attendance.models import AttendanceInterval, ZoomPresence
from echo.db import Database
from echo.programs.models import Hub
from echo.timeutil import utcnow
from tests.attendance.test_flow import _session_now
from tests.helpers import logged_in, text_of

SECRET = "a-very-secret-zoom-token-123"
MEETING_ID = "123456789"  # the demo schedule's link is https://meeting.example.org/j/123456789


def _set_secret(database: Database) -> None:
    with database.write() as session:
        hub = session.exec(select(Hub).where(Hub.slug == "cascadia")).one()
        hub.zoom_webhook_secret = SECRET
        session.add(hub)


def _post(
    client: TestClient, payload: dict[str, object], *, secret: str = SECRET, age: int = 0
) -> object:
    body = json.dumps(payload).encode()
    timestamp = str(int(time.time()) - age)
    return client.post(
        "/webhooks/zoom",
        content=body,
        headers={
            "content-type": "application/json",
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": zoom.signature(secret, timestamp, body),
        },
    )


def _event(kind: str, at: datetime, email: str = "pediatrician@example.org") -> dict[str, object]:
    field = "join_time" if kind == zoom.JOINED else "leave_time"
    return {
        "event": kind,
        "event_ts": int(at.timestamp() * 1000),
        "payload": {
            "account_id": "acc",
            "object": {
                "id": MEETING_ID,
                "uuid": "u==",
                "participant": {
                    "user_id": "16778240",
                    "user_name": "Paula P",
                    "email": email,
                    "participant_uuid": "part-" + email,
                    field: at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                },
            },
        },
    }


def test_url_validation_is_answered_with_the_hmac(client: TestClient, database: Database) -> None:
    _set_secret(database)
    response = _post(client, {"event": zoom.URL_VALIDATION, "payload": {"plainToken": "abc"}})
    assert response.status_code == 200  # type: ignore[attr-defined]
    expected = hmac.new(SECRET.encode(), b"abc", hashlib.sha256).hexdigest()
    assert response.json() == {"plainToken": "abc", "encryptedToken": expected}  # type: ignore[attr-defined]


def test_bad_signature_or_old_timestamp_gets_401_and_changes_nothing(
    client: TestClient, database: Database
) -> None:
    _set_secret(database)
    session_id = _session_now(database)
    joined = _event(zoom.JOINED, utcnow() - timedelta(minutes=5))
    assert _post(client, joined, secret="wrong-secret-0123456").status_code == 401  # type: ignore[attr-defined]
    assert _post(client, joined, age=6 * 60).status_code == 401  # type: ignore[attr-defined]
    unsigned = client.post("/webhooks/zoom", content=json.dumps(joined).encode())
    assert unsigned.status_code == 401
    with database.write() as session:
        assert not session.exec(
            select(ZoomPresence).where(ZoomPresence.session_id == session_id)
        ).all()


def test_join_and_leave_become_minutes_once_despite_retries(
    client: TestClient, database: Database
) -> None:
    _set_secret(database)
    session_id = _session_now(database)
    start = utcnow().replace(microsecond=0) - timedelta(minutes=8)
    for _ in range(2):  # Zoom retries: the same events twice
        assert _post(client, _event(zoom.JOINED, start)).status_code == 204  # type: ignore[attr-defined]
        left = _event(zoom.LEFT, start + timedelta(minutes=5))
        assert _post(client, left).status_code == 204  # type: ignore[attr-defined]
    with database.write() as session:
        intervals = session.exec(
            select(AttendanceInterval).where(AttendanceInterval.session_id == session_id)
        ).all()
    assert len(intervals) == 1 and intervals[0].source == "webhook"
    coordinator = logged_in(client, "coordinator@example.org")
    roster = text_of(coordinator.get(f"/sessions/{session_id}/attendance").text)
    assert "Dr. Paula Pediatrician, MD Yes 5 webhook" in roster


def test_unknown_participant_waits_to_be_matched(client: TestClient, database: Database) -> None:
    _set_secret(database)
    session_id = _session_now(database)
    start = utcnow().replace(microsecond=0) - timedelta(minutes=8)
    stranger = "guest@elsewhere.example.org"
    _post(client, _event(zoom.JOINED, start, stranger))
    _post(client, _event(zoom.LEFT, start + timedelta(minutes=3), stranger))
    coordinator = logged_in(client, "coordinator@example.org")
    page = text_of(coordinator.get(f"/sessions/{session_id}/attendance").text)
    assert "Unmatched people (1)" in page and stranger in page


def test_garbage_body_with_valid_signature_is_a_400(client: TestClient, database: Database) -> None:
    _set_secret(database)
    body = b"not json"
    timestamp = str(int(time.time()))
    response = client.post(
        "/webhooks/zoom",
        content=body,
        headers={
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": zoom.signature(SECRET, timestamp, body),
        },
    )
    assert response.status_code == 400
