"""The outbox and its worker against a real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import select

from echo.db import Database
from echo.notify import outbox
from echo.notify.delivery import FileBackend, SmtpBackend
from echo.notify.models import OutboxMessage
from echo.notify.outbox import Message, RunCounts
from echo.timeutil import utcnow
from tests.notify.smtp import Sink, free_port, smtp_server

FROM = "echo@example.org"
INVITATION = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Echo//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:session-12@echo.example.org\r\nDTSTAMP:20260301T120000Z\r\n"
    "DTSTART:20260303T200000Z\r\nDTEND:20260303T210000Z\r\nSUMMARY:Anxiety in teens\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
UNSUBSCRIBE = "<https://echo.example.org/unsubscribe/abc>"
REFUSAL = "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown"


def message(
    to: str = "pediatrician@example.org", subject: str = "Hello", **extra: object
) -> Message:
    values: dict[str, object] = {
        "to": to,
        "subject": subject,
        "text": f"{subject}, in text.\n",
        "html": f"<p>{subject}, in HTML.</p>",
        "sender_name": "Cascadia Hub",
        "category": "reminder",
        **extra,
    }
    return Message(**values)  # type: ignore[arg-type]


def queue(database: Database, *messages: Message, now: object = None) -> None:
    with database.write() as session:
        for item in messages:
            outbox.enqueue(session, item, now=now)  # type: ignore[arg-type]


def rows(database: Database) -> list[OutboxMessage]:
    with database.read() as session:
        return list(session.exec(select(OutboxMessage).order_by(OutboxMessage.id)).all())


def smtp(port: int) -> SmtpBackend:
    return SmtpBackend(f"smtp://127.0.0.1:{port}", from_address=FROM, timeout=5)


def test_worker_delivers_over_smtp(database: Database) -> None:
    queue(
        database,
        message(subject="Plain", headers={"List-Unsubscribe": UNSUBSCRIBE}),
        message(subject="Invitation", calendar=INVITATION, calendar_method="REQUEST"),
    )
    sink = Sink()
    with smtp_server(sink) as port:
        counts = outbox.run_once(database, smtp(port), "worker-1")

    assert counts == RunCounts(sent=2, retried=0, failed=0)
    assert [r.recipients for r in sink.received] == [["pediatrician@example.org"]] * 2
    assert {r.sender for r in sink.received} == {FROM}
    plain, invitation = sink.messages
    assert plain["From"].addresses[0].display_name == "Cascadia Hub"
    assert plain["From"].addresses[0].addr_spec == FROM
    assert plain["Subject"] == "Plain"
    assert plain["List-Unsubscribe"] == UNSUBSCRIBE
    assert plain.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in plain.iter_parts()] == ["text/plain", "text/html"]
    assert plain.get_body(("plain",)).get_content() == "Plain, in text.\r\n"  # type: ignore[union-attr]

    assert invitation["Subject"] == "Invitation"
    alternative = next(invitation.iter_parts())
    parts = {p.get_content_type(): p for p in alternative.iter_parts()}
    assert list(parts) == ["text/plain", "text/html", "text/calendar"]
    assert parts["text/calendar"].get_param("method") == "REQUEST"
    assert "UID:session-12@echo.example.org" in parts["text/calendar"].get_content()
    assert [a.get_filename() for a in invitation.iter_attachments()] == ["invite.ics"]

    assert [(r.status, r.attempts, r.lease_owner) for r in rows(database)] == [
        ("sent", 0, "worker-1"),
        ("sent", 0, "worker-1"),
    ]
    assert all(r.sent_at is not None and r.leased_until is None for r in rows(database))


def test_server_down_then_up_after_backoff(database: Database) -> None:
    start = utcnow()
    queue(database, message(subject="One"), message(subject="Two"), now=start)
    port = free_port()  # nothing listens yet

    down = outbox.run_once(database, smtp(port), "worker-1", now=start)

    assert down == RunCounts(sent=0, retried=2, failed=0)
    for row in rows(database):
        assert (row.status, row.attempts) == ("queued", 1)
        assert row.next_attempt_at == start + timedelta(minutes=1)
        assert "Connection refused" in row.last_error
        assert f"smtp://127.0.0.1:{port}" in row.last_error
    sink = Sink()
    with smtp_server(sink, port):
        too_soon = outbox.run_once(
            database, smtp(port), "worker-1", now=start + timedelta(seconds=30)
        )
        later = outbox.run_once(database, smtp(port), "worker-1", now=start + timedelta(minutes=1))

    assert too_soon == RunCounts() and later == RunCounts(sent=2)
    assert sorted(m["Subject"] for m in sink.messages) == ["One", "Two"]
    assert [(r.status, r.attempts) for r in rows(database)] == [("sent", 1), ("sent", 1)]


def test_backoff_doubles_to_six_hours_then_fails(database: Database) -> None:
    assert [outbox.backoff(n).total_seconds() / 60 for n in range(1, 11)] == [
        1,
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
        360,
    ]
    queue(database, message())
    port, now = free_port(), utcnow()
    for attempt in range(1, outbox.MAX_ATTEMPTS + 1):
        (claimed,) = outbox.claim_batch(database, "w", now=now)
        outcome = outbox.deliver(database, smtp(port), claimed, "w", now=now)
        (row,) = rows(database)
        assert row.attempts == attempt
        if attempt < outbox.MAX_ATTEMPTS:
            assert (outcome, row.status) == ("retried", "queued")
            assert row.next_attempt_at == now + outbox.backoff(attempt)
            now = row.next_attempt_at
    assert (outcome, row.status) == ("failed", "failed")
    assert "Connection refused" in row.last_error


def test_refused_recipient_fails_at_once_and_others_are_sent(database: Database) -> None:
    queue(
        database,
        message(to="first@example.org"),
        message(to="nobody@example.org"),
        message(to="last@example.org"),
    )
    sink = Sink({"nobody@example.org": REFUSAL})
    with smtp_server(sink) as port:
        counts = outbox.run_once(database, smtp(port), "worker-1")

    assert counts == RunCounts(sent=2, failed=1)
    assert [r.recipients for r in sink.received] == [["first@example.org"], ["last@example.org"]]
    assert [(r.to_address, r.status, r.attempts, r.last_error) for r in rows(database)] == [
        ("first@example.org", "sent", 0, ""),
        ("nobody@example.org", "failed", 1, REFUSAL),
        ("last@example.org", "sent", 0, ""),
    ]


def test_temporary_refusal_is_retried(database: Database) -> None:
    queue(database, message(to="busy@example.org"))
    sink = Sink({"busy@example.org": "450 4.2.1 Mailbox busy, try again later"})
    with smtp_server(sink) as port:
        counts = outbox.run_once(database, smtp(port), "worker-1")

    assert counts == RunCounts(retried=1)
    (row,) = rows(database)
    assert (row.status, row.last_error) == ("queued", "450 4.2.1 Mailbox busy, try again later")


def test_smtp_login_from_the_url(database: Database) -> None:
    queue(database, message())
    sink = Sink()
    with smtp_server(sink, login=("echo@example.org", "s3cret/pass")) as port:
        wrong = SmtpBackend(f"smtp://echo%40example.org:nope@127.0.0.1:{port}", timeout=5)
        refused = outbox.run_once(database, wrong, "worker-1")
        (row,) = rows(database)
        right = SmtpBackend(f"smtp://echo%40example.org:s3cret%2Fpass@127.0.0.1:{port}", timeout=5)
        accepted = outbox.run_once(database, right, "worker-1", now=row.next_attempt_at)

    assert refused == RunCounts(retried=1)  # Echo's configuration: retried while it is fixed
    assert row.last_error.startswith("535 5.7.8 Authentication credentials invalid")
    assert accepted == RunCounts(sent=1) and len(sink.received) == 1


def test_address_the_server_cannot_take_fails_at_once(database: Database) -> None:
    queue(database, message(to="jörg@example.org"), message(to="joerg@example.org"))
    sink = Sink()
    with smtp_server(sink, smtputf8=False) as port:  # RFC 6531 off: ASCII addresses only
        counts = outbox.run_once(database, smtp(port), "worker-1")

    assert counts == RunCounts(sent=1, failed=1)
    failed, sent = rows(database)
    assert (failed.status, sent.status) == ("failed", "sent")
    assert "SMTPUTF8" in failed.last_error


def test_retry_puts_a_failed_message_back(database: Database) -> None:
    queue(database, message(to="nobody@example.org"))
    sink = Sink({"nobody@example.org": REFUSAL})
    with smtp_server(sink) as port:
        outbox.run_once(database, smtp(port), "worker-1")
        with database.read() as session:
            (failed,) = outbox.failures(session)
            assert outbox.status_counts(session) == {
                "queued": 0,
                "sending": 0,
                "sent": 0,
                "failed": 1,
            }
        with database.write() as session:
            assert outbox.retry(session, failed.id or 0) is True
            assert outbox.retry(session, failed.id or 0) is False  # already queued
        (row,) = rows(database)
        assert (row.status, row.attempts, row.last_error) == ("queued", 0, "")
        sink.refuse.clear()  # the address was fixed on the server's side
        assert outbox.run_once(database, smtp(port), "worker-1") == RunCounts(sent=1)

    assert [r.recipients for r in sink.received] == [["nobody@example.org"]]


def test_dead_workers_messages_are_sent_after_its_lease(database: Database) -> None:
    start = utcnow()
    queue(database, message(subject="A"), message(subject="B"), now=start)
    claimed = outbox.claim_batch(database, "dead-worker", now=start)  # ...and it dies
    sink = Sink()
    with smtp_server(sink) as port:
        during = outbox.run_once(database, smtp(port), "alive", now=start + timedelta(minutes=4))
        after = outbox.run_once(database, smtp(port), "alive", now=start + timedelta(minutes=6))
        # The dead worker wakes up: the messages are no longer its to send.
        woke = [outbox.deliver(database, smtp(port), i, "dead-worker") for i in claimed]

    assert len(claimed) == 2
    assert during == RunCounts() and after == RunCounts(sent=2) and woke == ["skipped"] * 2
    assert sorted(m["Subject"] for m in sink.messages) == ["A", "B"]
    assert [(r.status, r.lease_owner) for r in rows(database)] == [("sent", "alive")] * 2


def test_dedupe_key_enqueues_once(database: Database) -> None:
    key = "reminder:24h:session:12:user:7"
    with database.write() as session:
        first = outbox.enqueue(session, message(dedupe_key=key))
        second = outbox.enqueue(session, message(subject="Other", dedupe_key=key))
    with database.write() as session:
        third = outbox.enqueue(session, message(dedupe_key=key))

    assert (first, second, third) == (True, False, False)
    assert [(r.subject, r.dedupe_key) for r in rows(database)] == [("Hello", key)]


def test_message_exists_only_if_the_change_commits(database: Database) -> None:
    def change_that_fails() -> None:
        with database.write() as session:
            outbox.enqueue(session, message())
            raise RuntimeError("the change failed")

    with pytest.raises(RuntimeError):
        change_that_fails()

    assert rows(database) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"subject": "Hi\r\nBcc: all@example.org"}, "line break"),
        ({"to": "not an address"}, "not an email address"),
        ({"headers": {"Bcc": "x@example.org"}}, "set by Echo"),
        ({"calendar": INVITATION}, "REQUEST or CANCEL"),
    ],
)
def test_enqueue_refuses_unsendable_messages(
    database: Database, changes: dict[str, object], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem), database.write() as session:
        outbox.enqueue(session, message(**changes))


def test_two_workers_in_threads_send_each_message_once(database: Database) -> None:
    queue(database, *(message(subject=f"Message {n}") for n in range(60)))
    sink = Sink(delay=0.002)
    results: dict[str, RunCounts] = {}
    with smtp_server(sink) as port:

        def work(name: str) -> None:
            results[name] = outbox.run_once(database, smtp(port), name)

        threads = [threading.Thread(target=work, args=(f"w{n}",)) for n in (1, 2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    subjects = Counter(m["Subject"] for m in sink.messages)
    assert len(subjects) == 60 and set(subjects.values()) == {1}
    assert sum(counts.sent for counts in results.values()) == 60
    assert {r.status for r in rows(database)} == {"sent"}


def test_stopping_hands_claimed_messages_back(database: Database, tmp_path: Path) -> None:
    queue(database, message(subject="A"), message(subject="B"), message(subject="C"))
    stop = threading.Event()

    class StopAfterOne(FileBackend):
        def send(self, email: EmailMessage, *, recipient: str, reference: str) -> None:
            super().send(email, recipient=recipient, reference=reference)
            stop.set()  # e.g. SIGTERM arrives while the first message is being sent

    stopped = outbox.run_once(database, StopAfterOne(tmp_path), "w", stop=stop)

    assert stopped == RunCounts(sent=1)
    assert [(r.status, r.leased_until) for r in rows(database)] == [
        ("sent", None),
        ("queued", None),
        ("queued", None),
    ]
    resumed = outbox.run_once(database, FileBackend(tmp_path), "w2")
    assert resumed == RunCounts(sent=2)
    assert len(list(tmp_path.glob("*.eml"))) == 3
