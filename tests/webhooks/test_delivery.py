"""Delivering queued webhooks to a real HTTP receiver on 127.0.0.1: signed requests the
reference library verifies, retries on the Standard Webhooks schedule, failures that end
at once, disabling after failures in a row, leases that keep two workers from sending the
same delivery, and the address check again at delivery time."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from standardwebhooks import Webhook

from echo.db import Database
from echo.notify.models import OutboxMessage
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.webhooks import delivery, services
from echo.webhooks.models import DeliveryStatus
from tests import factories
from tests.conftest import test_settings
from tests.webhooks.conftest import Answer, Receiver, World, deliveries, endpoint_now

PAGE = "/hubs/valley/webhooks/1/deliveries"


def _send_tests(database: Database, world: World, count: int = 1) -> None:
    with database.write() as session:
        endpoint = session.get(type(world.endpoint), world.endpoint.id)
        assert endpoint is not None
        for _ in range(count):
            assert services.send_test(session, endpoint, hub=world.hub.slug, page_path=PAGE)


def _run(database: Database, settings: Settings, **kwargs: object) -> delivery.RunCounts:
    return delivery.run_once(database, settings, "test-worker", **kwargs)  # type: ignore[arg-type]


def test_a_delivered_event_verifies_with_the_reference_library(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    _send_tests(database, world)
    counts = _run(database, settings)
    assert (counts.delivered, counts.retried, counts.failed) == (1, 0, 0)
    [request] = receiver.requests
    assert request.path == "/hooks"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["user-agent"] == delivery.USER_AGENT
    event = Webhook(world.endpoint.secret).verify(request.body, request.headers)
    assert event["type"] == "webhook.test"
    assert event["timestamp"].endswith("Z")
    assert event["data"] == {
        "hub": world.hub.slug,
        "endpoint_id": world.endpoint.id,
        "endpoint_url": f"{settings.base_url}{PAGE}",
    }
    [row] = deliveries(database)
    assert request.headers["webhook-id"] == row.event_id
    assert row.status == DeliveryStatus.delivered
    assert (row.attempts, row.last_status_code, row.last_error) == (1, 200, "")
    assert row.delivered_at is not None


def test_a_500_is_retried_after_5_seconds_with_the_same_id_then_delivered(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(Answer(500, body=b"database is down"))
    _send_tests(database, world)
    start = utcnow()
    assert _run(database, settings, now=start).retried == 1
    [row] = deliveries(database)
    assert row.status == DeliveryStatus.queued
    assert (row.attempts, row.last_status_code, row.last_error) == (1, 500, "database is down")
    wait = row.next_attempt_at - start
    assert timedelta(seconds=5) <= wait <= timedelta(seconds=5.5)
    assert _run(database, settings, now=start + timedelta(seconds=4)).retried == 0
    assert len(receiver.requests) == 1  # not due yet
    assert _run(database, settings, now=start + timedelta(seconds=6)).delivered == 1
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == row.event_id
    assert first.body == second.body
    assert int(second.headers["webhook-timestamp"]) > int(first.headers["webhook-timestamp"])
    assert Webhook(world.endpoint.secret).verify(second.body, second.headers)
    [done] = deliveries(database)
    assert (done.status, done.attempts, done.last_status_code) == ("delivered", 2, 200)


def test_each_retry_waits_longer_and_the_seventh_failure_is_final(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(*[503] * delivery.MAX_ATTEMPTS)
    _send_tests(database, world)
    moment = utcnow()
    waits = []
    for _ in delivery.RETRY_DELAYS:
        assert _run(database, settings, now=moment).retried == 1
        [row] = deliveries(database)
        waits.append(row.next_attempt_at - moment)
        moment = row.next_attempt_at
    for wait, scheduled in zip(waits, delivery.RETRY_DELAYS, strict=True):
        assert scheduled <= wait <= scheduled * (1 + delivery.JITTER)
    schedule = delivery.RETRY_DELAYS
    assert schedule == (
        timedelta(seconds=5),
        timedelta(minutes=5),
        timedelta(minutes=30),
        timedelta(hours=2),
        timedelta(hours=5),
        timedelta(hours=10),
    )
    assert _run(database, settings, now=moment).failed == 1
    [row] = deliveries(database)
    assert (row.status, row.attempts, row.last_status_code) == ("failed", 7, 503)
    assert len(receiver.requests) == 7
    assert endpoint_now(database, world.endpoint.id).consecutive_failures == 1


def test_retry_after_asks_for_a_longer_wait(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(Answer(429, headers={"Retry-After": "120"}))
    _send_tests(database, world)
    start = utcnow()
    assert _run(database, settings, now=start).retried == 1
    [row] = deliveries(database)
    assert timedelta(seconds=120) <= row.next_attempt_at - start <= timedelta(seconds=132)


def test_410_gone_fails_at_once_and_disables_the_endpoint(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(410)
    _send_tests(database, world)
    assert _run(database, settings).failed == 1
    [row] = deliveries(database)
    assert (row.status, row.attempts, row.last_status_code) == ("failed", 1, 410)
    endpoint = endpoint_now(database, world.endpoint.id)
    assert not endpoint.enabled
    assert "410 Gone" in endpoint.disabled_reason
    with database.write() as session:
        assert not services.send_test(session, endpoint, hub=world.hub.slug, page_path=PAGE)


def test_a_400_fails_after_one_attempt_keeping_200_characters_of_the_answer(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(Answer(400, body=b"bad signature\r\n" + b"x" * 5000))
    _send_tests(database, world)
    assert _run(database, settings).failed == 1
    [row] = deliveries(database)
    assert (row.status, row.attempts, row.last_status_code) == ("failed", 1, 400)
    assert row.last_error.startswith("bad signature x")
    assert len(row.last_error) == delivery.MAX_ANSWER_CHARS
    assert "\r" not in row.last_error and "\n" not in row.last_error
    endpoint = endpoint_now(database, world.endpoint.id)
    assert endpoint.enabled and endpoint.consecutive_failures == 1
    assert len(receiver.requests) == 1


def test_five_failed_deliveries_in_a_row_disable_the_endpoint(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(*[400] * services.DISABLE_AFTER)
    _send_tests(database, world, services.DISABLE_AFTER + 2)
    counts = _run(database, settings)
    assert len(receiver.requests) == services.DISABLE_AFTER  # nothing after it was disabled
    assert counts.failed == services.DISABLE_AFTER + 2
    endpoint = endpoint_now(database, world.endpoint.id)
    assert not endpoint.enabled
    assert endpoint.disabled_reason == "5 deliveries in a row failed (the last: HTTP 400: ok)."
    rows = deliveries(database)
    assert [r.last_error for r in rows[-2:]] == [services.NOT_SENT_DISABLED] * 2
    assert [r.attempts for r in rows[-2:]] == [0, 0]
    # Enabled again, a waiting delivery can be sent again (same id), and the count restarts.
    with database.write() as session:
        services.enable(session, endpoint)
        assert services.redeliver(session, endpoint, rows[-1].id or 0)
    assert _run(database, settings).delivered == 1
    assert receiver.requests[-1].headers["webhook-id"] == rows[-1].event_id
    after = endpoint_now(database, world.endpoint.id)
    assert after.enabled and after.consecutive_failures == 0


def test_a_delivered_one_resets_the_count_of_failures(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(400, 400, 400, 400, 200, 400, 400, 400, 400)
    _send_tests(database, world, 9)
    counts = _run(database, settings)
    assert (counts.delivered, counts.failed) == (1, 8)
    endpoint = endpoint_now(database, world.endpoint.id)
    assert endpoint.enabled and endpoint.consecutive_failures == 4


def test_two_workers_never_send_the_same_delivery(
    settings: Settings, database: Database, world: World, receiver: Receiver
) -> None:
    _send_tests(database, world, 40)
    barrier = threading.Barrier(2)
    counts: dict[str, delivery.RunCounts] = {}
    failures: list[BaseException] = []

    def work(name: str) -> None:
        own = Database(settings)  # as a second process would have
        try:
            barrier.wait()
            counts[name] = delivery.run_once(own, settings, name)
        except BaseException as problem:  # reported below, in the test's thread
            failures.append(problem)
        finally:
            own.dispose()

    threads = [threading.Thread(target=work, args=(f"worker-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    sent = [request.headers["webhook-id"] for request in receiver.requests]
    assert len(sent) == 40 and len(set(sent)) == 40
    assert sum(c.delivered for c in counts.values()) == 40
    assert {r.status for r in deliveries(database)} == {"delivered"}


def test_two_claims_at_the_same_moment_take_different_deliveries(
    database: Database, world: World
) -> None:
    _send_tests(database, world, 6)
    now = utcnow()
    first = delivery.claim_batch(database, "worker-a", limit=4, now=now)
    second = delivery.claim_batch(database, "worker-b", limit=4, now=now)
    assert len(first) == 4 and len(second) == 2
    assert set(first).isdisjoint(second)
    assert delivery.claim_batch(database, "worker-c", now=now) == []


def test_a_lapsed_lease_is_taken_over_and_the_first_worker_then_skips_it(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    _send_tests(database, world)
    start = utcnow()
    [claimed] = delivery.claim_batch(database, "stuck-worker", now=start)
    later = start + delivery.LEASE + timedelta(seconds=1)
    assert _run(database, settings, now=later).delivered == 1
    with delivery.new_client() as client:
        outcome = delivery.deliver(database, settings, client, claimed, "stuck-worker", now=later)
    assert outcome == delivery.SKIPPED
    assert len(receiver.requests) == 1


def test_the_request_goes_to_the_checked_address_with_the_name_in_host(
    database: Database, settings: Settings, receiver: Receiver
) -> None:
    url = f"http://localhost:{receiver.port}/by-name"
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        endpoint = factories.create_webhook_endpoint(session, hub, coordinator, url=url)
        assert services.send_test(session, endpoint, hub=hub.slug, page_path=PAGE)
    assert _run(database, settings).delivered == 1
    [request] = receiver.requests
    assert request.path == "/by-name"
    assert request.headers["host"] == f"localhost:{receiver.port}"


def test_delivery_checks_the_address_again_and_refuses_loopback(
    database: Database, tmp_path: Path, receiver: Receiver
) -> None:
    """Registered while local addresses were allowed; delivered under production rules
    (plain http allowed here only to reach the refusal that matters)."""
    url = f"http://127.0.0.1:{receiver.port}/hooks"
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        endpoint = factories.create_webhook_endpoint(session, hub, coordinator, url=url)
        assert services.send_test(session, endpoint, hub=hub.slug, page_path=PAGE)
    strict = test_settings(
        database.settings.resolved_database_url, tmp_path, webhooks_allow_http=True
    )
    assert delivery.run_once(database, strict, "strict-worker").failed == 1
    [row] = deliveries(database)
    assert row.status == "failed" and row.attempts == 1 and row.last_status_code is None
    assert row.last_error.startswith("not sent: 127.0.0.1 leads to an address that is not on")
    assert receiver.requests == []


def test_an_unreachable_endpoint_is_retried(
    database: Database, settings: Settings, receiver: Receiver
) -> None:
    port = receiver.port
    receiver.stop()  # nothing listens there now
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        endpoint = factories.create_webhook_endpoint(
            session, hub, coordinator, url=f"http://127.0.0.1:{port}/hooks"
        )
        assert services.send_test(session, endpoint, hub=hub.slug, page_path=PAGE)
    assert _run(database, settings).retried == 1
    [row] = deliveries(database)
    assert row.status == "queued" and row.last_status_code is None
    assert row.last_error.startswith("could not connect")


def test_the_body_is_the_stored_payload_with_absolute_links(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    _send_tests(database, world)
    _run(database, settings)
    [row] = deliveries(database)
    stored = json.loads(row.payload)
    assert stored["data"]["endpoint_url"] == PAGE  # a site path, kept as emitted
    sent = json.loads(receiver.requests[0].body)
    assert sent["data"]["endpoint_url"] == f"{settings.base_url}{PAGE}"
    assert {k: v for k, v in sent.items() if k != "data"} == {
        k: v for k, v in stored.items() if k != "data"
    }


@pytest.mark.parametrize("enabled", [True, False])
def test_only_enabled_endpoints_are_claimed(
    database: Database, settings: Settings, world: World, receiver: Receiver, enabled: bool
) -> None:
    _send_tests(database, world)
    if not enabled:
        with database.write() as session:
            services.disable(session, world.endpoint.id or 0, "Disabled by a test.")
    counts = _run(database, settings)
    assert counts.delivered == (1 if enabled else 0)
    assert len(receiver.requests) == (1 if enabled else 0)
    [row] = deliveries(database)
    assert row.status == ("delivered" if enabled else "failed")


def _outbox(database: Database) -> list[OutboxMessage]:
    with database.read() as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))))


def test_a_disabled_endpoint_emails_the_hubs_coordinators_once(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    with database.write() as session:
        other_hub = factories.create_hub(session, name="Other Hub")
        elsewhere = factories.create_user(session, name="Olive Elsewhere")
        factories.add_hub_role(session, elsewhere, other_hub, "coordinator")
        faculty = factories.create_user(session, name="Farah Faculty")
        factories.add_hub_role(session, faculty, world.hub, "faculty")
    receiver.answer(*[400] * services.DISABLE_AFTER)
    _send_tests(database, world, services.DISABLE_AFTER - 1)
    _run(database, settings)
    assert _outbox(database) == []  # four failures: still enabled, nobody told
    _send_tests(database, world, 3)
    _run(database, settings)
    [message] = _outbox(database)  # the fifth disabled it; later ones were not sent
    assert message.to_user_id == world.coordinator.id
    assert message.subject == "A webhook endpoint of Valley Hub is disabled"
    assert receiver.url in message.text_body
    assert "5 deliveries in a row failed" in message.text_body
    assert f"{settings.base_url}/hubs/{world.hub.slug}/webhooks" in message.text_body


def test_a_410_disables_and_emails_with_its_reason(
    database: Database, settings: Settings, world: World, receiver: Receiver
) -> None:
    receiver.answer(410)
    _send_tests(database, world)
    _run(database, settings)
    [message] = _outbox(database)
    assert "it asked for no more events" in message.text_body
