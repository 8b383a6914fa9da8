"""Zoom webhooks: signatures and timestamps checked before anything, URL validation,
participant join/leave turned into intervals, idempotent under Zoom's retries."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from datetime import datetime, timedelta

import pytest
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


def test_timestamps_that_are_not_recent_epoch_seconds_get_401_first(
    client: TestClient, database: Database
) -> None:
    _set_secret(database)
    body = json.dumps(_event(zoom.JOINED, utcnow())).encode()
    for timestamp in ("99999999999999999999", "\u00b2", "-1", "1e9", "", " 1", "0"):
        response = client.post(
            "/webhooks/zoom",
            content=body,
            headers={
                "x-zm-request-timestamp": timestamp.encode(),  # UTF-8 bytes, as a client sends
                "x-zm-signature": zoom.signature(SECRET, timestamp, body),
            },
        )
        assert response.status_code == 401, timestamp
    with database.write() as session:
        assert session.exec(select(ZoomPresence)).all() == []


def _asgi_post(
    app: object, headers: list[tuple[bytes, bytes]], chunks: list[bytes], *, leaves: bool = False
) -> tuple[int, int]:
    """POST /webhooks/zoom straight to the ASGI app; returns the status and how many body
    chunks the app read (a test client would buffer the body first)."""
    reads = 0

    async def receive() -> dict[str, object]:
        nonlocal reads
        if reads < len(chunks):
            reads += 1
            return {
                "type": "http.request",
                "body": chunks[reads - 1],
                "more_body": leaves or reads < len(chunks),
            }
        return {"type": "http.disconnect"}

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/webhooks/zoom",
        "raw_path": b"/webhooks/zoom",
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    asyncio.run(app(scope, receive, send))  # type: ignore[operator]
    (start,) = [m for m in sent if m["type"] == "http.response.start"]
    return int(start["status"]), reads  # type: ignore[call-overload]


def test_a_body_over_the_limit_is_refused_unread_or_read_only_up_to_the_limit(
    client: TestClient, database: Database
) -> None:
    _set_secret(database)
    timestamp = str(int(time.time())).encode()
    chunk = b"x" * (64 * 1024)
    declared = [(b"content-length", b"314572800"), (b"x-zm-request-timestamp", timestamp)]
    status, reads = _asgi_post(client.app, declared, [chunk] * 10)
    assert (status, reads) == (413, 0)  # refused from its Content-Length, nothing read
    streamed = [(b"x-zm-request-timestamp", timestamp)]  # chunked: no Content-Length
    status, reads = _asgi_post(client.app, streamed, [chunk] * 10)
    assert status == 413
    assert reads * len(chunk) <= zoom.MAX_BODY_BYTES + len(chunk)  # stopped at the limit
    with database.write() as session:
        assert session.exec(select(ZoomPresence)).all() == []


def _signed(client: TestClient, body: bytes) -> object:
    timestamp = str(int(time.time()))
    return client.post(
        "/webhooks/zoom",
        content=body,
        headers={
            "x-zm-request-timestamp": timestamp,
            "x-zm-signature": zoom.signature(SECRET, timestamp, body),
        },
    )


def test_signed_bodies_with_impossible_times_or_deep_nesting_are_400(
    client: TestClient, database: Database
) -> None:
    _set_secret(database)
    _session_now(database)
    for stamp in ("9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2026-02-30T10:00:00Z"):
        event = _event(zoom.JOINED, utcnow())
        event["payload"]["object"]["participant"]["join_time"] = stamp  # type: ignore[index]
        answer = _signed(client, json.dumps(event).encode())
        assert answer.status_code == 400, stamp  # type: ignore[attr-defined]
    nested = b"[" * 100_000 + b"]" * 100_000
    assert _signed(client, nested[: zoom.MAX_BODY_BYTES]).status_code == 400  # type: ignore[attr-defined]
    with database.write() as session:
        assert session.exec(select(ZoomPresence)).all() == []


def test_a_body_cut_short_by_the_sender_is_400_without_a_traceback(
    client: TestClient, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    _set_secret(database)
    headers = [
        (b"content-length", b"100"),
        (b"x-zm-request-timestamp", str(int(time.time())).encode()),
    ]

    status, _ = _asgi_post(client.app, headers, [b"{}"], leaves=True)  # then it disconnects
    assert status == 400
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
