"""The transactional outbox: enqueue with the change, deliver later from a worker.

``enqueue`` writes the message in the caller's transaction, so it exists if and only if
the change that caused it commits. Workers deliver it afterwards:

- ``claim_batch`` takes due messages in one short write transaction and leases them to
  one worker (``status = sending``, ``lease_owner``, ``leased_until``). On PostgreSQL the
  rows are selected ``FOR UPDATE SKIP LOCKED``: concurrent workers take disjoint batches
  and a row another worker has just claimed is re-checked, found leased, and left alone.
  On SQLite the write transaction starts with ``BEGIN IMMEDIATE``, which serializes claims.
- ``deliver`` renews the lease (and gives up if another worker holds the message), sends
  outside any transaction, then records the outcome only while it still holds the lease.
  A lease is long (5 minutes) next to one SMTP exchange (30 s timeouts).
- A worker that dies leaves its messages ``sending``; once the lease expires, any worker
  claims them again.

Delivery is exactly once while workers live, and at least once across crashes: a message
repeats only if its worker dies after the SMTP server accepted it and before the worker
recorded ``sent``. The repeat carries the same Message-ID (echo.notify.delivery), so
receiving systems can recognise it. Leases compare against each worker's clock: keep the
workers' clocks synchronised (NTP).

Failures: a permanent SMTP rejection (5xx to RCPT or DATA) fails the message at once
with the server's reply; anything else (connection refused, timeouts, 4xx) is retried
with exponential back-off until MAX_ATTEMPTS, then fails. An administrator can put a
failed message back in the queue (``retry``, the /admin/mail page).
"""

from __future__ import annotations

import json
import logging
import smtplib
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from echo.db import Database
from echo.jobs import claim_due, held_by
from echo.notify.delivery import CALENDAR_METHODS, Backend, build_email, check_header
from echo.notify.models import OutboxMessage, OutboxStatus
from echo.timeutil import utcnow

log = logging.getLogger("echo.notify")

MAX_ATTEMPTS = 10  # 1, 2, 4 … 256 minutes apart: about 8.5 hours of trying in all
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
LEASE = timedelta(minutes=5)
BATCH = 50
MAX_ERROR_CHARS = 2000

# deliver() outcomes
SENT, RETRIED, FAILED, SKIPPED = "sent", "retried", "failed", "skipped"


@dataclass(frozen=True)
class Message:
    """An email to send, as producers describe it (echo.notify.messages builds these)."""

    to: str
    subject: str
    text: str
    html: str
    sender_name: str = "Echo"
    category: str = "general"
    calendar: str = ""  # an iCalendar object (RFC 5545) to attach as an invitation
    calendar_method: str = ""  # "REQUEST" or "CANCEL" with a calendar (RFC 5546 §1.4)
    headers: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    to_user_id: int | None = None
    dedupe_key: str | None = None


@dataclass
class RunCounts:
    """What one pass of the worker did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, outcome: str) -> None:
        if outcome == SENT:
            self.sent += 1
        elif outcome == RETRIED:
            self.retried += 1
        elif outcome == FAILED:
            self.failed += 1

    def __str__(self) -> str:
        return f"{self.sent} sent, {self.retried} to retry, {self.failed} failed"


def check(message: Message) -> None:
    """Refuse a message that could never be sent (ValueError), before it is queued."""
    for name, value in (("to", message.to), ("subject", message.subject)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"{name} contains a line break")
    if "\r" in message.sender_name or "\n" in message.sender_name:
        raise ValueError("sender_name contains a line break")
    local, _, domain = message.to.rpartition("@")
    if not local or not domain or any(ch.isspace() for ch in message.to):
        raise ValueError(f"{message.to!r} is not an email address")
    if len(message.to) > 320 or len(message.subject) > 500:
        raise ValueError("the address or the subject is too long")
    if message.dedupe_key is not None and len(message.dedupe_key) > 200:
        raise ValueError("dedupe_key is longer than 200 characters")
    if message.calendar and message.calendar_method not in CALENDAR_METHODS:
        raise ValueError("an invitation needs calendar_method REQUEST or CANCEL")
    if message.calendar_method and not message.calendar:
        raise ValueError("calendar_method is given without a calendar")
    for name, value in message.headers.items():
        check_header(name, value)


def _values(message: Message, now: datetime) -> dict[str, Any]:
    return {
        "dedupe_key": message.dedupe_key,
        "to_address": message.to,
        "to_user_id": message.to_user_id,
        "sender_name": message.sender_name,
        "subject": message.subject,
        "text_body": message.text,
        "html_body": message.html,
        "calendar": message.calendar,
        "calendar_method": message.calendar_method,
        "headers": json.dumps(dict(message.headers), ensure_ascii=False),
        "category": message.category,
        "status": OutboxStatus.queued.value,
        "attempts": 0,
        "next_attempt_at": now,
        "last_error": "",
        "lease_owner": "",
        "created_at": now,
    }


def enqueue(session: Session, message: Message, *, now: datetime | None = None) -> bool:
    """Queue a message in the caller's transaction. With a ``dedupe_key`` already queued
    (or sent), nothing is added and the answer is False."""
    check(message)
    values = _values(message, now or utcnow())
    if message.dedupe_key is None:
        session.exec(sa.insert(OutboxMessage).values(**values))
        return True
    # INSERT … ON CONFLICT DO NOTHING on the unique key: no race between two producers.
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement: sa.Executable = (
            postgresql.insert(OutboxMessage)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(col(OutboxMessage.id))
        )
    elif dialect == "sqlite":
        statement = (
            sqlite.insert(OutboxMessage)
            .values(**values)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(col(OutboxMessage.id))
        )
    else:
        raise NotImplementedError(f"enqueue supports SQLite and PostgreSQL, not {dialect}")
    return session.execute(statement).scalar_one_or_none() is not None


def _due(now: datetime) -> sa.ColumnElement[bool]:
    return sa.or_(
        sa.and_(
            col(OutboxMessage.status) == OutboxStatus.queued.value,
            col(OutboxMessage.next_attempt_at) <= now,
        ),
        # A worker that died holding it: its lease ran out.
        sa.and_(
            col(OutboxMessage.status) == OutboxStatus.sending.value,
            col(OutboxMessage.leased_until) < now,
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
    """Lease up to ``limit`` due messages to this worker, oldest first; their ids."""
    moment = now or utcnow()
    return claim_due(
        database,
        OutboxMessage,
        _due(moment),
        worker_id,
        sending=OutboxStatus.sending.value,
        limit=limit,
        now=moment,
        lease=lease,
    )


def _held(row_id: int, worker_id: str) -> sa.ColumnElement[bool]:
    return held_by(OutboxMessage, row_id, worker_id, OutboxStatus.sending.value)


def _renew(
    database: Database,
    message_id: int,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    claimed: OutboxMessage | None = None,
) -> OutboxMessage | None:
    """The message, with its lease extended when less than half of it is left, if this
    worker still holds it. Most messages go out well inside the lease their batch was
    claimed with, so usually this is a read, not a write transaction per message."""
    until = claimed.leased_until if claimed is not None else None
    if claimed is not None and until is not None and until - now > lease / 2:
        return claimed  # as read right after this worker claimed it
    with database.read() as session:
        current = session.get(OutboxMessage, message_id)
    if (
        current is None
        or current.status != OutboxStatus.sending
        or current.lease_owner != worker_id
    ):
        return None
    if current.leased_until is not None and current.leased_until - now > lease / 2:
        return current
    with database.write() as session:
        renewed = session.exec(
            sa.update(OutboxMessage)
            .where(_held(message_id, worker_id))
            .values(leased_until=now + lease)
        )
        if renewed.rowcount != 1:
            return None
        return session.get(OutboxMessage, message_id)


def backoff(attempts: int) -> timedelta:
    """The wait after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most 6 hours."""
    doublings = min(max(attempts - 1, 0), 20)
    return min(FIRST_DELAY * (1 << doublings), MAX_DELAY)


def _reply_text(reply: bytes | str) -> str:
    decoded = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(decoded.split())  # multi-line replies (RFC 5321 §4.2.1) on one line


def classify(error: BaseException, where: str) -> tuple[bool, str]:
    """Whether a sending error is permanent, and the reason to record (the server's reply
    when there is one). RFC 5321 §4.2.1: 5yz replies are permanent, 4yz transient."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b"recipient refused"))
        return 500 <= code < 600, f"{code} {_reply_text(reply)}"
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600, f"{error.smtp_code} {_reply_text(error.smtp_error)}"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        # e.g. a non-ASCII address and a server without SMTPUTF8 (RFC 6531): this message
        # can never go through this server.
        return True, f"{error} ({where})"
    if isinstance(error, smtplib.SMTPResponseException):
        # The sender refused, failed authentication: Echo's configuration, not this
        # message, so it is retried while someone fixes it.
        return False, f"{error.smtp_code} {_reply_text(error.smtp_error)} ({where})"
    if isinstance(error, TimeoutError):
        return False, f"timed out ({where})"
    text = str(error) or type(error).__name__
    return False, f"{text} ({where})"


def _record(database: Database, row: OutboxMessage, worker_id: str, values: dict[str, Any]) -> bool:
    with database.write() as session:
        # A Core UPDATE on the session's connection: no ORM bookkeeping per message.
        result = session.connection().execute(
            sa.update(OutboxMessage).where(_held(row.id or 0, worker_id)).values(**values)
        )
        return result.rowcount == 1


def deliver(
    database: Database,
    backend: Backend,
    message_id: int,
    worker_id: str,
    *,
    now: datetime | None = None,
    lease: timedelta = LEASE,
    max_attempts: int = MAX_ATTEMPTS,
    claimed: OutboxMessage | None = None,
) -> str:
    """Send one message this worker has claimed; "sent", "retried", "failed" or "skipped"
    (no longer ours to send). ``claimed`` is the row as read just after claiming."""
    row = _renew(database, message_id, worker_id, now or utcnow(), lease, claimed)
    if row is None:
        return SKIPPED
    failure: tuple[bool, str] | None = None  # (permanent, reason)
    try:
        email = build_email(row, backend.from_address)
    except ValueError as error:  # the message itself is malformed; retrying cannot help
        failure = True, f"cannot build the message: {error}"
    else:
        try:
            backend.send(email, recipient=row.to_address, reference=str(message_id))
        except Exception as error:  # every sending error is recorded on the row
            failure = classify(error, backend.address)
    if failure is None:
        sent = {"status": OutboxStatus.sent.value, "sent_at": utcnow(), "leased_until": None}
        if not _record(database, row, worker_id, sent):
            log.warning("outbox message %s was sent after its lease ran out", message_id)
        return SENT
    permanent, reason = failure
    attempts = row.attempts + 1
    give_up = permanent or attempts >= max_attempts
    _record(
        database,
        row,
        worker_id,
        {
            "status": (OutboxStatus.failed if give_up else OutboxStatus.queued).value,
            "attempts": attempts,
            "next_attempt_at": (now or utcnow()) + backoff(attempts),
            "last_error": reason[:MAX_ERROR_CHARS],
            "leased_until": None,
        },
    )
    log.info("outbox message %s: attempt %s failed: %s", message_id, attempts, reason)
    return FAILED if give_up else RETRIED


def _release(database: Database, ids: list[int], worker_id: str) -> None:
    """Hand back claimed messages not yet attempted (the worker is stopping)."""
    with database.write() as session:
        session.exec(
            sa.update(OutboxMessage)
            .where(
                col(OutboxMessage.id).in_(ids),
                col(OutboxMessage.status) == OutboxStatus.sending.value,
                col(OutboxMessage.lease_owner) == worker_id,
            )
            .values(status=OutboxStatus.queued.value, leased_until=None)
        )


def run_once(
    database: Database,
    backend: Backend,
    worker_id: str,
    *,
    now: datetime | None = None,
    stop: threading.Event | None = None,
) -> RunCounts:
    """Claim and deliver until nothing is due (or ``stop`` is set); one connection for all."""
    counts = RunCounts()
    try:
        while not (stop is not None and stop.is_set()):
            ids = claim_batch(database, worker_id, now=now)
            if not ids:
                break
            with database.read() as session:  # the batch's rows in one read
                claimed = {
                    row.id: row
                    for row in session.exec(
                        select(OutboxMessage).where(col(OutboxMessage.id).in_(ids))
                    )
                }
            for index, message_id in enumerate(ids):
                if stop is not None and stop.is_set():
                    _release(database, ids[index:], worker_id)
                    break
                counts.add(
                    deliver(
                        database,
                        backend,
                        message_id,
                        worker_id,
                        now=now,
                        claimed=claimed.get(message_id),
                    )
                )
    finally:
        backend.close()
    return counts


def run_forever(
    database: Database,
    backend: Backend,
    worker_id: str,
    *,
    stop: threading.Event,
    poll_seconds: float = 5,
    on_tick: Callable[[datetime], None] | None = None,
) -> None:
    """Every ``poll_seconds`` until ``stop``: ``on_tick(now)`` (the reminder pass), then
    deliver what is due. Errors are logged and the loop goes on."""
    while not stop.is_set():
        if on_tick is not None:
            try:
                on_tick(utcnow())
            except Exception:
                log.exception("the worker's periodic task failed")
        try:
            counts = run_once(database, backend, worker_id, stop=stop)
            if counts.sent or counts.retried or counts.failed:
                log.info("mail worker %s: %s", worker_id, counts)
        except Exception:
            log.exception("mail delivery failed; trying again in %s s", poll_seconds)
        stop.wait(poll_seconds)


def send_now(
    database: Database, backend: Backend, message: Message, worker_id: str
) -> OutboxMessage:
    """Queue one message and deliver it at once, failing it on the first error instead of
    retrying later (``echo-lms mail test``). Returns the row as it ends up."""
    check(message)
    now = utcnow()
    with database.write() as session:
        values = _values(message, now) | {
            "status": OutboxStatus.sending.value,
            "lease_owner": worker_id,
            "leased_until": now + LEASE,
        }
        message_id = session.exec(
            sa.insert(OutboxMessage).values(**values).returning(col(OutboxMessage.id))
        ).scalar_one()
    try:
        deliver(database, backend, message_id, worker_id, max_attempts=1)
    finally:
        backend.close()
    with database.read() as session:
        final = session.get(OutboxMessage, message_id)
    assert final is not None
    return final


def retry(session: Session, message_id: int) -> bool:
    """Put a failed message back in the queue, due now, with its attempts reset."""
    result = session.exec(
        sa.update(OutboxMessage)
        .where(
            col(OutboxMessage.id) == message_id,
            col(OutboxMessage.status) == OutboxStatus.failed.value,
        )
        .values(
            status=OutboxStatus.queued.value,
            attempts=0,
            next_attempt_at=utcnow(),
            last_error="",
            leased_until=None,
        )
    )
    return result.rowcount == 1


def failures(session: Session, limit: int = 200) -> list[OutboxMessage]:
    """Failed messages, newest first."""
    return list(
        session.exec(
            select(OutboxMessage)
            .where(col(OutboxMessage.status) == OutboxStatus.failed.value)
            .order_by(col(OutboxMessage.id).desc())
            .limit(limit)
        ).all()
    )


def status_counts(session: Session) -> dict[str, int]:
    """How many messages are in each status (every status listed, zeros included)."""
    counts = dict.fromkeys((status.value for status in OutboxStatus), 0)
    for status, count in session.exec(
        select(col(OutboxMessage.status), sa.func.count()).group_by(col(OutboxMessage.status))
    ).all():
        counts[status] = count
    return counts
