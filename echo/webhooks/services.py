"""A hub's endpoints: registering (with the address check), the secret, enabling and
disabling, the test event, the delivery log and redelivery. Plain functions taking
``session``; the pages are echo.programs.webhook_views."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.timeutil import utcnow
from echo.web.params import FormErrors, bounded_line
from echo.webhooks.addresses import Refused, Resolver, check
from echo.webhooks.events import EVENT_TYPES, TEST_EVENT, queue
from echo.webhooks.forms import EndpointForm
from echo.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from echo.webhooks.signing import new_secret

MAX_ENDPOINTS = 10  # a hub's endpoints: each event is one request to each
ROTATION_GRACE = timedelta(hours=24)  # the old secret also signs this long after a rotation
LOG_LIMIT = 100
DISABLE_AFTER = 5  # failed deliveries in a row (docs/webhooks.md)
NOT_SENT_DISABLED = "not sent: the endpoint was disabled"
MAX_REASON = 300


def endpoints_of(session: Session, hub_id: int) -> list[WebhookEndpoint]:
    return list(
        session.exec(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.hub_id == hub_id)
            .order_by(col(WebhookEndpoint.id))
        )
    )


def endpoint_of_hub(session: Session, hub_id: int, endpoint_id: int) -> WebhookEndpoint | None:
    """The endpoint, if it is this hub's (a URL naming another hub's endpoint finds none)."""
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    return endpoint if endpoint is not None and endpoint.hub_id == hub_id else None


def create(
    session: Session,
    *,
    hub_id: int,
    form: EndpointForm,
    created_by_id: int | None,
    allow_http: bool,
    allow_private: bool,
    resolve: Resolver = socket.getaddrinfo,
    now: datetime | None = None,
) -> WebhookEndpoint:
    """A new enabled endpoint with a new secret; FormErrors next to the address when Echo
    may not send to it (echo.webhooks.addresses), the hub has it already or has as many
    endpoints as it may."""
    errors: dict[str, str] = {}
    existing = endpoints_of(session, hub_id)
    if len(existing) >= MAX_ENDPOINTS:
        errors["url"] = f"A hub has at most {MAX_ENDPOINTS} endpoints. Delete one first."
    elif any(endpoint.url == form.url for endpoint in existing):
        errors["url"] = "This hub already sends to this address."
    else:
        try:
            check(form.url, allow_http=allow_http, allow_private=allow_private, resolve=resolve)
        except Refused as problem:
            errors["url"] = problem.message
    if errors:
        raise FormErrors(errors)
    endpoint = WebhookEndpoint(
        hub_id=hub_id,
        url=form.url,
        description=form.description,
        event_types=",".join(name for name in EVENT_TYPES if name in form.event_types),
        secret=new_secret(),
        created_by_id=created_by_id,
        created_at=now or utcnow(),
    )
    session.add(endpoint)
    session.flush()
    return endpoint


def rotate_secret(session: Session, endpoint: WebhookEndpoint, now: datetime | None = None) -> str:
    """A new secret; the old one also signs for ROTATION_GRACE (both signatures are sent)."""
    moment = now or utcnow()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = moment + ROTATION_GRACE
    endpoint.secret = new_secret()
    session.add(endpoint)
    return endpoint.secret


def disable(session: Session, endpoint_id: int, reason: str) -> int:
    """Stop sending to the endpoint; its queued deliveries fail (each can be redelivered
    once it is enabled again). How many queued deliveries were failed."""
    session.exec(
        sa.update(WebhookEndpoint)
        .where(col(WebhookEndpoint.id) == endpoint_id)
        .values(enabled=False, disabled_reason=bounded_line(reason, MAX_REASON))
    )
    failed = session.exec(
        sa.update(WebhookDelivery)
        .where(
            col(WebhookDelivery.endpoint_id) == endpoint_id,
            col(WebhookDelivery.status) == DeliveryStatus.queued.value,
        )
        .values(status=DeliveryStatus.failed.value, last_error=NOT_SENT_DISABLED)
    )
    return failed.rowcount


def enable(session: Session, endpoint: WebhookEndpoint) -> None:
    endpoint.enabled = True
    endpoint.disabled_reason = ""
    endpoint.consecutive_failures = 0
    session.add(endpoint)


def delete(session: Session, endpoint: WebhookEndpoint) -> None:
    """The endpoint and its delivery log."""
    session.exec(sa.delete(WebhookDelivery).where(col(WebhookDelivery.endpoint_id) == endpoint.id))
    session.exec(sa.delete(WebhookEndpoint).where(col(WebhookEndpoint.id) == endpoint.id))


def send_test(session: Session, endpoint: WebhookEndpoint, *, hub: str, page_path: str) -> bool:
    """Queue a ``webhook.test`` event for this endpoint alone (enabled ones only)."""
    if not endpoint.enabled:
        return False
    data = {"hub": hub, "endpoint_id": endpoint.id, "endpoint_url": page_path}
    return queue(session, [endpoint.id or 0], TEST_EVENT, data) == 1


def redeliver(session: Session, endpoint: WebhookEndpoint, delivery_id: int) -> bool:
    """Put a failed delivery of this (enabled) endpoint back in the queue, due now, with
    the same event id; False when there is no such failed delivery."""
    if not endpoint.enabled:
        return False
    result = session.exec(
        sa.update(WebhookDelivery)
        .where(
            col(WebhookDelivery.id) == delivery_id,
            col(WebhookDelivery.endpoint_id) == endpoint.id,
            col(WebhookDelivery.status) == DeliveryStatus.failed.value,
        )
        .values(
            status=DeliveryStatus.queued.value,
            attempts=0,
            next_attempt_at=utcnow(),
            leased_until=None,
        )
    )
    return result.rowcount == 1


def deliveries_of(
    session: Session, endpoint_id: int, limit: int = LOG_LIMIT
) -> Sequence[WebhookDelivery]:
    """The endpoint's latest deliveries, newest first."""
    return session.exec(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(col(WebhookDelivery.id).desc())
        .limit(limit)
    ).all()


def record_success(session: Session, endpoint_id: int) -> None:
    session.exec(
        sa.update(WebhookEndpoint)
        .where(
            col(WebhookEndpoint.id) == endpoint_id, col(WebhookEndpoint.consecutive_failures) > 0
        )
        .values(consecutive_failures=0)
    )


def record_failure(session: Session, endpoint_id: int, *, gone: bool, error: str) -> bool:
    """Count a failed delivery; disable the endpoint after DISABLE_AFTER in a row, or at
    once when it answered 410 Gone. Whether it was disabled now."""
    session.exec(
        sa.update(WebhookEndpoint)
        .where(col(WebhookEndpoint.id) == endpoint_id)
        .values(consecutive_failures=col(WebhookEndpoint.consecutive_failures) + 1)
    )
    endpoint = session.exec(
        select(col(WebhookEndpoint.enabled), col(WebhookEndpoint.consecutive_failures)).where(
            col(WebhookEndpoint.id) == endpoint_id
        )
    ).first()
    if endpoint is None or not endpoint[0]:
        return False
    streak = endpoint[1]
    if gone:
        reason = "The endpoint answered 410 Gone: it asked for no more events."
    elif streak >= DISABLE_AFTER:
        reason = f"{streak} deliveries in a row failed (the last: {error})."
    else:
        return False
    disable(session, endpoint_id, reason)
    return True


def status_counts(session: Session, endpoint_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """Each endpoint's deliveries by status, in one query (the endpoints' list)."""
    if not endpoint_ids:
        return {}
    counts: dict[int, dict[str, int]] = {}
    for endpoint_id, status, count in session.exec(
        select(col(WebhookDelivery.endpoint_id), col(WebhookDelivery.status), sa.func.count())
        .where(col(WebhookDelivery.endpoint_id).in_(endpoint_ids))
        .group_by(col(WebhookDelivery.endpoint_id), col(WebhookDelivery.status))
    ).all():
        counts.setdefault(endpoint_id, {})[status] = count
    return counts
