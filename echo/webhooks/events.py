"""The events Echo sends, and emitting one: a delivery row per subscribed endpoint of the
hub, written in the caller's transaction (the transactional outbox), so an event goes
out if and only if the change that caused it commits.

A payload is ``{"type", "timestamp", "data"}`` (Standard Webhooks' recommended shape):
the event's type, when it happened (ISO 8601, UTC) and thin data: ids, the hub's and
program's short names, and links. Links are given as site paths (keys ending in
``_url``) and made absolute with ECHO_BASE_URL when the request is made (``body``): the
domain services that emit know no settings, and a link then points where the site is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.timeutil import utcnow
from echo.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from echo.webhooks.signing import new_event_id

# Event types a hub may subscribe to, with what a coordinator reads next to the box.
EVENT_TYPES: dict[str, str] = {
    "session.changed": "A session is added, moved, cancelled, restored, updated or removed",
    "attendance.finalised": "A session's attendance report is imported",
    "case.recommendations_released": "Written recommendations for a case are released "
    "(ids and a link only, never case text)",
    "certificate.issued": "A CME certificate is issued (or re-issued)",
    "certificate.revoked": "A CME certificate is revoked",
}
# Sent on request from the endpoint's page, whatever it subscribed to.
TEST_EVENT = "webhook.test"
MAX_EVENT_TYPE = 60


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z: 2026-12-06T17:05:09.123Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def subscribed(event_types: str) -> list[str]:
    return [name for name in event_types.split(",") if name]


def _check_links(data: Mapping[str, object]) -> None:
    for key, value in data.items():
        if not key.endswith("_url") or value is None:
            continue
        if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
            raise ValueError(f"{key} must be a site path starting with one /, not {value!r}")


def payload(event_type: str, data: Mapping[str, object], moment: datetime) -> str:
    """The stored payload: JSON of type, timestamp and data (links as site paths)."""
    _check_links(data)
    return json.dumps(
        {"type": event_type, "timestamp": timestamp(moment), "data": dict(data)},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def body(stored: str, base_url: str) -> bytes:
    """The request body for a stored payload: links made absolute, compact JSON, UTF-8.
    The same bytes on every attempt (while ECHO_BASE_URL stays the same)."""
    document: dict[str, Any] = json.loads(stored)
    data = document.get("data")
    if isinstance(data, dict):
        root = base_url.rstrip("/")
        document["data"] = {
            key: f"{root}{value}" if key.endswith("_url") and isinstance(value, str) else value
            for key, value in data.items()
        }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def queue(
    session: Session,
    endpoint_ids: list[int],
    event_type: str,
    data: Mapping[str, object],
    *,
    now: datetime | None = None,
) -> int:
    """A queued delivery of one event to each endpoint, each with its own event id."""
    if not endpoint_ids:
        return 0
    if len(event_type) > MAX_EVENT_TYPE or "." not in event_type:
        raise ValueError(f"{event_type!r} is not an event type")
    moment = now or utcnow()
    stored = payload(event_type, data, moment)
    session.exec(
        sa.insert(WebhookDelivery),
        params=[
            {
                "endpoint_id": endpoint_id,
                "event_id": new_event_id(),
                "event_type": event_type,
                "payload": stored,
                "status": DeliveryStatus.queued.value,
                "attempts": 0,
                "next_attempt_at": moment,
                "lease_owner": "",
                "last_error": "",
                "created_at": moment,
            }
            for endpoint_id in endpoint_ids
        ],
    )
    return len(endpoint_ids)


def subscribers(session: Session, hub_id: int, event_type: str) -> list[int]:
    """The hub's enabled endpoints subscribed to ``event_type``, by id."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    rows = session.exec(
        select(col(WebhookEndpoint.id), col(WebhookEndpoint.event_types)).where(
            col(WebhookEndpoint.hub_id) == hub_id, col(WebhookEndpoint.enabled).is_(True)
        )
    ).all()
    return [
        endpoint_id
        for endpoint_id, types in rows
        if endpoint_id is not None and event_type in subscribed(types)
    ]


def emit(
    session: Session,
    *,
    hub_id: int,
    event_type: str,
    data: Mapping[str, object],
    now: datetime | None = None,
) -> int:
    """Queue ``event_type`` for each of the hub's endpoints that subscribed to it, in the
    caller's transaction; how many deliveries were queued."""
    return queue(session, subscribers(session, hub_id, event_type), event_type, data, now=now)
