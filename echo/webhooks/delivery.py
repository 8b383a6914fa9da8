"""Sending queued deliveries: claimed with a lease, posted, and recorded.

Follows the mail outbox (echo.notify.outbox): ``claim_batch`` leases due deliveries to one
worker in a short write transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, ``BEGIN
IMMEDIATE`` on SQLite), so two workers never take the same row; ``deliver`` checks the
lease is still its own, posts outside any transaction, and records the outcome only while
it holds the lease. A worker that dies leaves its rows ``sending``; once the lease runs
out any worker takes them again, so a request may repeat (with the same ``webhook-id``,
which receivers use to drop repeats): at least once, never lost.

Each attempt (Standard Webhooks, "Deliverability and reliability"):

- the endpoint's address is checked again and the request goes to the checked address
  (echo.webhooks.addresses), with a 15 s timeout, no redirects followed and no proxy;
- any 2xx is delivered;
- 410 Gone fails the delivery and disables the endpoint at once (the receiver asks for
  no more); any other 4xx but 408, 425 and 429 fails it at once: the receiver read the
  request and refused it, so the same bytes would be refused again (fix the receiver,
  then press "Redeliver");
- 3xx (redirects are not followed), 408, 425, 429, 5xx, timeouts and connection errors
  are retried RETRY_DELAYS after each attempt (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, with
  up to 10 % random jitter, and later if the answer's Retry-After asks), then failed;
- an endpoint whose last services.DISABLE_AFTER (5) deliveries all failed is disabled, its queued
  deliveries are failed, and its page says why. Enabling it again starts a new count.

The body is never logged (the case event carries ids only, but no payload is logged at
all); the row keeps at most 200 characters of an answer's body.
"""

from __future__ import annotations

import email.utils
import logging
import random
import ssl
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx2
import sqlalchemy as sa
from sqlmodel import col, select

from echo.db import Database
from echo.jobs import claim_due, held_by
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web.params import bounded_line
from echo.webhooks import notifications, services
from echo.webhooks.addresses import Destination, Refused, Unresolvable, check
from echo.webhooks.events import body
from echo.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from echo.webhooks.signing import headers as signed_headers

log = logging.getLogger("echo.webhooks")

# Standard Webhooks' example schedule, to 10 hours: about 17.5 hours of trying in all.
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.1  # up to 10 % later, so retries after an outage do not arrive all at once
MAX_RETRY_AFTER = timedelta(hours=10)
TIMEOUT_SECONDS = 15.0  # the specification recommends 15 to 30 s
RETRIED_4XX = frozenset({408, 425, 429})  # timeout, too early, too many requests
GONE = 410
LEASE = timedelta(minutes=5)
BATCH = 20
MAX_ANSWER_BYTES = 1024  # read of an answer's body, for the error line
MAX_ANSWER_CHARS = 200  # kept of it
USER_AGENT = "Echo-Webhooks/1"

# deliver() outcomes
DELIVERED, RETRIED, FAILED, SKIPPED = "delivered", "retried", "failed", "skipped"


@dataclass
class RunCounts:
    """What one pass did."""

    delivered: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, outcome: str) -> None:
        if outcome == DELIVERED:
            self.delivered += 1
        elif outcome == RETRIED:
            self.retried += 1
        elif outcome == FAILED:
            self.failed += 1

    def __str__(self) -> str:
        return f"{self.delivered} delivered, {self.retried} to retry, {self.failed} failed"


@dataclass(frozen=True)
class Attempt:
    """How one request went."""

    status_code: int | None = None
    error: str = ""
    retry_after: timedelta | None = None

    @property
    def summary(self) -> str:
        """One line for the log and a disabled endpoint's reason."""
        said = f"HTTP {self.status_code}" if self.status_code is not None else ""
        return ": ".join(part for part in (said, self.error) if part) or "no answer"

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def gone(self) -> bool:
        return self.status_code == GONE

    @property
    def permanent(self) -> bool:
        """Refused in a way another attempt cannot change."""
        code = self.status_code
        return code is not None and 400 <= code < 500 and code not in RETRIED_4XX


def retry_delay(attempts: int, retry_after: timedelta | None = None) -> timedelta:
    """The wait after the ``attempts``-th failed attempt (1-based), before jitter; never
    sooner than the schedule, later when the answer's Retry-After asks (to 10 hours)."""
    scheduled = RETRY_DELAYS[min(max(attempts, 1), len(RETRY_DELAYS)) - 1]
    if retry_after is None:
        return scheduled
    return max(scheduled, min(retry_after, MAX_RETRY_AFTER))


def _jittered(delay: timedelta) -> timedelta:
    return delay * (1 + random.uniform(0, JITTER))  # noqa: S311 - spreading load, not a secret


def retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP date."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isascii() and text.isdigit() and len(text) <= 9:
        return timedelta(seconds=int(text))
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        return None
    return max(moment - now, timedelta(0))


# --- claiming ------------------------------------------------------------------------------


def _due(now: datetime) -> sa.ColumnElement[bool]:
    enabled = select(col(WebhookEndpoint.id)).where(col(WebhookEndpoint.enabled).is_(True))
    return sa.and_(
        col(WebhookDelivery.endpoint_id).in_(enabled.scalar_subquery()),
        sa.or_(
            sa.and_(
                col(WebhookDelivery.status) == DeliveryStatus.queued.value,
                col(WebhookDelivery.next_attempt_at) <= now,
            ),
            # A worker that died holding it: its lease ran out.
            sa.and_(
                col(WebhookDelivery.status) == DeliveryStatus.sending.value,
                col(WebhookDelivery.leased_until) < now,
            ),
        ),
    )


def claim_batch(
    database: Database,
    worker_id: str,
    *,
    limit: int = BATCH,
    now: datetime | None = None,
    lease: timedelta = LEASE,
) -> list[int]:
    """Lease up to ``limit`` due deliveries to this worker, oldest first; their ids."""
    moment = now or utcnow()
    return claim_due(
        database,
        WebhookDelivery,
        _due(moment),
        worker_id,
        sending=DeliveryStatus.sending.value,
        limit=limit,
        now=moment,
        lease=lease,
    )


def _held(row_id: int, worker_id: str) -> sa.ColumnElement[bool]:
    return held_by(WebhookDelivery, row_id, worker_id, DeliveryStatus.sending.value)


def _renew(
    database: Database, delivery_id: int, worker_id: str, now: datetime, lease: timedelta
) -> tuple[WebhookDelivery, WebhookEndpoint] | None:
    """The delivery and its endpoint, if this worker still holds the delivery; the lease
    is extended when less than half of it is left."""
    with database.read() as session:
        row = session.get(WebhookDelivery, delivery_id)
        endpoint = session.get(WebhookEndpoint, row.endpoint_id) if row is not None else None
    if row is None or endpoint is None:
        return None
    if row.status != DeliveryStatus.sending or row.lease_owner != worker_id:
        return None
    if row.leased_until is not None and row.leased_until - now > lease / 2:
        return row, endpoint
    with database.write() as session:
        renewed = session.exec(
            sa.update(WebhookDelivery)
            .where(_held(delivery_id, worker_id))
            .values(leased_until=now + lease)
        )
        if renewed.rowcount != 1:
            return None
    return row, endpoint


# --- one request ---------------------------------------------------------------------------


def _answer_text(raw: bytes) -> str:
    """The start of an answer's body on one line (whitespace runs become one space)."""
    return bounded_line(" ".join(raw.decode("utf-8", "replace").split()), MAX_ANSWER_CHARS)


def _open(
    client: httpx2.Client,
    destination: Destination,
    content: bytes,
    request_headers: dict[str, str],
) -> httpx2.Response:
    """POST to the checked addresses in turn (not to whatever the name resolves to by
    now): the URL's host becomes the address; Host and TLS (SNI and the certificate
    check) keep the name. The answer is streamed: close it."""
    url = httpx2.URL(destination.url)
    headers = {**request_headers, "Host": url.netloc.decode("ascii")}
    extensions: dict[str, Any] = (
        {"sni_hostname": destination.host} if destination.scheme == "https" else {}
    )
    refused: httpx2.ConnectError | None = None
    for address in destination.addresses:
        request = client.build_request(
            "POST",
            url.copy_with(host=str(address)),
            content=content,
            headers=headers,
            extensions=extensions,
        )
        try:
            return client.send(request, stream=True)
        except httpx2.ConnectError as error:  # this address refuses; try the next
            refused = error
    assert refused is not None  # a Destination has at least one address
    raise refused


def post(
    client: httpx2.Client,
    destination: Destination,
    content: bytes,
    request_headers: dict[str, str],
    now: datetime,
) -> Attempt:
    """One request; how it went (never raises for what the network or server does)."""
    try:
        response = _open(client, destination, content, request_headers)
        try:
            code = response.status_code
            if 200 <= code < 300:
                return Attempt(code)
            read = b""
            for chunk in response.iter_bytes():
                read += chunk
                if len(read) >= MAX_ANSWER_BYTES:
                    break
            said = _answer_text(read[:MAX_ANSWER_BYTES])
            if 300 <= code < 400:
                said = "redirects are not followed: register the new address"
            return Attempt(code, said, retry_after(response.headers.get("retry-after"), now))
        finally:
            response.close()
    except httpx2.TimeoutException:
        return Attempt(None, f"no answer within {TIMEOUT_SECONDS:.0f} s")
    except httpx2.ConnectError as error:
        return Attempt(None, bounded_line(f"could not connect: {error}", MAX_ANSWER_CHARS))
    except httpx2.HTTPError as error:
        return Attempt(None, bounded_line(f"{type(error).__name__}: {error}", MAX_ANSWER_CHARS))


def new_client(verify: ssl.SSLContext | bool = True) -> httpx2.Client:
    """No redirects, no proxy from the environment (it would connect instead of us, to
    addresses we did not check), short timeouts, and no connection kept for another
    request: pooled by address, a kept TLS connection could carry a request for another
    name on the same address without that name's certificate check."""
    return httpx2.Client(
        follow_redirects=False,
        trust_env=False,
        verify=verify,
        timeout=httpx2.Timeout(TIMEOUT_SECONDS),
        limits=httpx2.Limits(max_keepalive_connections=0),
    )


# --- one delivery ----------------------------------------------------------------------------


def _secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    until = endpoint.previous_secret_until
    if endpoint.previous_secret and until is not None and until > now:
        return [endpoint.secret, endpoint.previous_secret]
    return [endpoint.secret]


def _attempt(
    client: httpx2.Client,
    settings: Settings,
    row: WebhookDelivery,
    endpoint: WebhookEndpoint,
    now: datetime,
) -> tuple[Attempt, bool]:
    """(how it went, whether another attempt may change it)."""
    try:
        destination = check(
            endpoint.url,
            allow_http=settings.webhooks_allow_http,
            allow_private=settings.webhooks_allow_private,
        )
    except Unresolvable as problem:
        return Attempt(None, problem.message), True
    except Refused as problem:
        return Attempt(None, f"not sent: {problem.message}"), False
    content = body(row.payload, settings.base_url)
    request_headers = {
        **signed_headers(_secrets(endpoint, now), row.event_id, now, content),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }
    attempt = post(client, destination, content, request_headers, now)
    return attempt, not (attempt.permanent or attempt.gone)


def deliver(
    database: Database,
    settings: Settings,
    client: httpx2.Client,
    delivery_id: int,
    worker_id: str,
    *,
    now: datetime | None = None,
    lease: timedelta = LEASE,
) -> str:
    """Send one delivery this worker has claimed: "delivered", "retried", "failed" or
    "skipped" (no longer this worker's to send)."""
    now = now or utcnow()
    held = _renew(database, delivery_id, worker_id, now, lease)
    if held is None:
        return SKIPPED
    row, endpoint = held
    if not endpoint.enabled:
        closed: dict[str, object] = {
            "status": DeliveryStatus.failed.value,
            "last_error": services.NOT_SENT_DISABLED,
            "leased_until": None,
        }
        with database.write() as session:
            session.exec(
                sa.update(WebhookDelivery).where(_held(delivery_id, worker_id)).values(**closed)
            )
        return FAILED
    attempt, may_retry = _attempt(client, settings, row, endpoint, now)
    attempts = row.attempts + 1
    base: dict[str, object] = {
        "attempts": attempts,
        "last_status_code": attempt.status_code,
        "leased_until": None,
    }
    values: dict[str, object]
    if attempt.delivered:
        values = base | {
            "status": DeliveryStatus.delivered.value,
            "delivered_at": utcnow(),
            "last_error": "",
        }
        outcome = DELIVERED
    elif may_retry and attempts < MAX_ATTEMPTS:
        delay = _jittered(retry_delay(attempts, attempt.retry_after))
        values = base | {
            "status": DeliveryStatus.queued.value,
            "next_attempt_at": now + delay,
            "last_error": attempt.error,
        }
        outcome = RETRIED
    else:
        values = base | {"status": DeliveryStatus.failed.value, "last_error": attempt.error}
        outcome = FAILED
    with database.write() as session:
        recorded = session.exec(
            sa.update(WebhookDelivery).where(_held(delivery_id, worker_id)).values(**values)
        )
        if recorded.rowcount != 1:
            log.warning("webhook delivery %s was attempted after its lease ran out", delivery_id)
            return outcome
        if outcome == DELIVERED:
            services.record_success(session, endpoint.id or 0)
        elif outcome == FAILED:
            disabled = services.record_failure(
                session, endpoint.id or 0, gone=attempt.gone, error=attempt.summary
            )
            if disabled:
                notifications.endpoint_disabled(session, settings, endpoint.id or 0)
    log.info(
        "webhook delivery %s (%s to endpoint %s): attempt %s %s (%s)",
        delivery_id,
        row.event_type,
        endpoint.id,
        attempts,
        outcome,
        "delivered" if attempt.delivered else attempt.summary,
    )
    return outcome


def _release(database: Database, ids: list[int], worker_id: str) -> None:
    """Hand back claimed deliveries not yet attempted (the worker is stopping)."""
    with database.write() as session:
        session.exec(
            sa.update(WebhookDelivery)
            .where(
                col(WebhookDelivery.id).in_(ids),
                col(WebhookDelivery.status) == DeliveryStatus.sending.value,
                col(WebhookDelivery.lease_owner) == worker_id,
            )
            .values(status=DeliveryStatus.queued.value, leased_until=None)
        )


def run_once(
    database: Database,
    settings: Settings,
    worker_id: str,
    *,
    now: datetime | None = None,
    stop: threading.Event | None = None,
    client: httpx2.Client | None = None,
) -> RunCounts:
    """Claim and deliver until nothing is due (or ``stop`` is set)."""
    counts = RunCounts()
    own = client is None
    http = client or new_client()
    try:
        while not (stop is not None and stop.is_set()):
            ids = claim_batch(database, worker_id, now=now)
            if not ids:
                break
            for index, delivery_id in enumerate(ids):
                if stop is not None and stop.is_set():
                    _release(database, ids[index:], worker_id)
                    break
                counts.add(deliver(database, settings, http, delivery_id, worker_id, now=now))
    finally:
        if own:
            http.close()
    return counts
