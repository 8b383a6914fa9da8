"""The hub's webhooks pages: only people who may manage the hub find them (404 for
everyone else, on every URL), forms with CSRF, errors next to the field with what was
typed kept, the secret shown once and never cached, and the delivery log."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from httpx2 import Response
from sqlmodel import select
from standardwebhooks import Webhook
from starlette.testclient import TestClient

from echo.app import create_app
from echo.db import Database
from echo.programs.models import Hub
from echo.settings import Settings
from echo.webhooks import delivery, services
from echo.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests import factories
from tests.conftest import test_settings
from tests.helpers import csrf_from, logged_in, page_csrf, text_of
from tests.webhooks.conftest import Receiver, World, deliveries, endpoint_now

SECRET = re.compile(r'value="(whsec_[A-Za-z0-9+/=]+)"')
MakeClient = Callable[[], TestClient]


@pytest.fixture
def coordinator(bare_client: TestClient, world: World) -> TestClient:
    return logged_in(bare_client, world.coordinator.email, factories.PASSWORD)


def _list(world: World) -> str:
    return f"/hubs/{world.hub.slug}/webhooks"


def _endpoint_path(world: World, endpoint_id: int | None, action: str) -> str:
    return f"/hubs/{world.hub.slug}/webhooks/{endpoint_id}/{action}"


def _post(client: TestClient, path: str, data: dict[str, object], page: str) -> Response:
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page)})


def test_a_coordinator_adds_an_endpoint_and_sees_its_secret_once(
    coordinator: TestClient, database: Database, world: World, receiver: Receiver
) -> None:
    page = coordinator.get(_list(world))
    assert page.status_code == 200
    assert text_of(page.text).count("Events to send") == 1
    assert len(re.findall(r'name="event_types" value="[a-z_.]+" checked', page.text)) == 5
    made = coordinator.post(
        _list(world),
        data={
            "url": f"{receiver.url}/new",
            "description": "Attendance dashboard",
            "event_types": ["attendance.finalised", "session.changed"],
            "csrf_token": csrf_from(page.text),
        },
    )
    assert made.status_code == 200
    assert "no-store" in made.headers["cache-control"]
    shown = SECRET.search(made.text)
    assert shown is not None
    with database.read() as session:
        endpoint = session.exec(
            select(WebhookEndpoint).where(WebhookEndpoint.url == f"{receiver.url}/new")
        ).one()
    assert shown.group(1) == endpoint.secret
    assert endpoint.event_types == "session.changed,attendance.finalised"
    assert (endpoint.description, endpoint.enabled) == ("Attendance dashboard", True)
    assert endpoint.created_by_id == world.coordinator.id
    again = coordinator.get(_list(world))
    assert endpoint.secret not in again.text
    row = text_of(again.text)
    assert f"{receiver.url}/new Attendance dashboard" in row
    assert "session.changed, attendance.finalised" in row


def test_a_test_event_is_delivered_and_the_log_shows_it_in_the_viewers_zone(
    coordinator: TestClient,
    database: Database,
    settings: Settings,
    world: World,
    receiver: Receiver,
) -> None:
    sent = coordinator.post(
        _endpoint_path(world, world.endpoint.id, "test"),
        data={"csrf_token": page_csrf(coordinator, _list(world))},
    )
    log_path = _endpoint_path(world, world.endpoint.id, "deliveries")
    assert sent.status_code == 303
    assert sent.headers["location"] == f"{log_path}?notice=webhook-test-queued"
    assert delivery.run_once(database, settings, "view-worker").delivered == 1
    [request] = receiver.requests
    event = Webhook(world.endpoint.secret).verify(request.body, request.headers)
    assert event["data"]["endpoint_url"] == f"{settings.base_url}{log_path}"
    page = coordinator.get(log_path)
    assert page.status_code == 200
    [row] = deliveries(database)
    text = text_of(page.text)
    assert f"webhook.test {row.event_id}" in text
    assert "Delivered" in text and "HTTP 200" in text
    assert "(America/Los_Angeles)" in text  # the viewer's zone, named
    assert "Redeliver" not in text


def test_bad_input_is_a_422_with_each_error_next_to_its_field_and_the_input_kept(
    coordinator: TestClient, database: Database, world: World
) -> None:
    answer = coordinator.post(
        _list(world),
        data={
            "url": "hooks.example.org/echo",
            "description": "CME office",
            "csrf_token": page_csrf(coordinator, _list(world)),
        },
    )
    assert answer.status_code == 422
    assert 'id="url-error"' in answer.text and 'id="event_types-error"' in answer.text
    assert 'value="hooks.example.org/echo"' in answer.text
    assert 'value="CME office"' in answer.text
    assert 'aria-invalid="true"' in answer.text
    text = text_of(answer.text)
    assert "Please correct 2 problems" in text
    assert "Events: Choose at least one event to send to this endpoint." in text
    assert "Endpoint address: Enter the endpoint's web address, starting with https://" in text
    assert len(deliveries(database)) == 0
    with database.read() as session:
        assert len(session.exec(select(WebhookEndpoint)).all()) == 1  # the world's alone


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", ""),
        ("url", "x" * 20_000),
        ("url", "https://hooks.example.org/a\x00b"),
        ("url", "javascript:alert(1)"),
        ("url", "https://[::1"),
        ("url", "\u00b2"),
        ("event_types", "not-a-choice"),
        ("event_types", ""),
        ("description", "x" * 201),
    ],
)
def test_hostile_values_are_refused_with_a_422(
    coordinator: TestClient, database: Database, world: World, field: str, value: str
) -> None:
    data = {"url": "https://93.184.215.14/h", "event_types": "session.changed", field: value}
    page = _list(world)
    answer = coordinator.post(page, data={**data, "csrf_token": page_csrf(coordinator, page)})
    assert answer.status_code == 422
    assert f'id="{field}-error"' in answer.text
    with database.read() as session:
        assert len(session.exec(select(WebhookEndpoint)).all()) == 1  # the world's alone


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "https://10.0.0.5/hook",
            "10.0.0.5 leads to an address that is not on the public internet",
        ),
        ("https://localhost/hook", "localhost leads to an address that is not on the public"),
        ("https://169.254.169.254/latest", "not on the public internet"),
        ("http://93.184.215.14/hook", "Use an address starting with https://"),
        ("https://nowhere.invalid/hook", "No address was found for nowhere.invalid"),
    ],
)
def test_addresses_echo_may_not_send_to_are_refused_when_registered(
    database: Database, world: World, tmp_path: Path, url: str, message: str
) -> None:
    strict = test_settings(database.settings.resolved_database_url, tmp_path)
    with TestClient(create_app(strict), follow_redirects=False) as client:
        logged_in(client, world.coordinator.email, factories.PASSWORD)
        answer = client.post(
            _list(world),
            data={
                "url": url,
                "event_types": "session.changed",
                "csrf_token": page_csrf(client, _list(world)),
            },
        )
    assert answer.status_code == 422
    error = re.search(r'id="url-error">(.*?)</p>', answer.text, re.S)
    assert error is not None and message in text_of(error.group(1))
    with database.read() as session:
        assert session.exec(select(WebhookEndpoint.url)).all() == [world.endpoint.url]


def test_a_new_secret_is_shown_once_and_the_old_one_signs_for_a_day(
    coordinator: TestClient,
    database: Database,
    settings: Settings,
    world: World,
    receiver: Receiver,
) -> None:
    old = world.endpoint.secret
    rotated = coordinator.post(
        _endpoint_path(world, world.endpoint.id, "secret"),
        data={"csrf_token": page_csrf(coordinator, _list(world))},
    )
    assert rotated.status_code == 200 and "no-store" in rotated.headers["cache-control"]
    shown = SECRET.search(rotated.text)
    assert shown is not None and shown.group(1) != old
    new = endpoint_now(database, world.endpoint.id).secret
    assert shown.group(1) == new
    assert "For the next 24 hours each request carries two signatures" in text_of(rotated.text)
    coordinator.post(
        _endpoint_path(world, world.endpoint.id, "test"),
        data={"csrf_token": page_csrf(coordinator, _list(world))},
    )
    delivery.run_once(database, settings, "view-worker")
    [request] = receiver.requests
    assert Webhook(new).verify(request.body, request.headers)["type"] == "webhook.test"
    assert Webhook(old).verify(request.body, request.headers)["type"] == "webhook.test"


def test_disabling_stops_sending_and_enabling_starts_again(
    coordinator: TestClient, database: Database, world: World
) -> None:
    state = _endpoint_path(world, world.endpoint.id, "state")
    off = _post(coordinator, state, {"action": "disable"}, _list(world))
    assert off.status_code == 303
    endpoint = endpoint_now(database, world.endpoint.id)
    assert not endpoint.enabled
    assert endpoint.disabled_reason == "Disabled by Casey Coordinator, MD."
    page = coordinator.get(_list(world))
    assert "Disabled by Casey Coordinator, MD." in text_of(page.text)
    assert "Send a test event" not in text_of(page.text)
    refused = _post(coordinator, _endpoint_path(world, world.endpoint.id, "test"), {}, _list(world))
    assert refused.status_code == 422
    assert "enable it before sending a test event" in text_of(refused.text)
    assert deliveries(database) == []
    on = _post(coordinator, state, {"action": "enable"}, _list(world))
    assert on.status_code == 303
    assert endpoint_now(database, world.endpoint.id).enabled
    wrong = _post(coordinator, state, {"action": "explode"}, _list(world))
    assert wrong.status_code == 422


def test_deleting_removes_the_endpoint_and_its_log(
    coordinator: TestClient, database: Database, world: World
) -> None:
    _post(coordinator, _endpoint_path(world, world.endpoint.id, "test"), {}, _list(world))
    assert len(deliveries(database)) == 1
    gone = _post(coordinator, _endpoint_path(world, world.endpoint.id, "delete"), {}, _list(world))
    assert gone.status_code == 303
    assert deliveries(database) == []
    with database.read() as session:
        assert session.get(WebhookEndpoint, world.endpoint.id) is None
    assert (
        coordinator.get(_endpoint_path(world, world.endpoint.id, "deliveries")).status_code == 404
    )


def test_a_failed_delivery_is_redelivered_with_the_same_id(
    coordinator: TestClient,
    database: Database,
    settings: Settings,
    world: World,
    receiver: Receiver,
) -> None:
    receiver.answer(400)
    _post(coordinator, _endpoint_path(world, world.endpoint.id, "test"), {}, _list(world))
    delivery.run_once(database, settings, "view-worker")
    [failed] = deliveries(database)
    log_path = _endpoint_path(world, world.endpoint.id, "deliveries")
    page = coordinator.get(log_path)
    assert "Failed" in text_of(page.text) and "HTTP 400" in text_of(page.text)
    redeliver = f"{log_path}/{failed.id}/redeliver"
    assert f'action="{redeliver}"' in page.text
    again = _post(coordinator, redeliver, {}, log_path)
    assert again.status_code == 303
    [queued] = deliveries(database)
    assert (queued.status, queued.attempts, queued.event_id) == ("queued", 0, failed.event_id)
    assert delivery.run_once(database, settings, "view-worker").delivered == 1
    assert [r.headers["webhook-id"] for r in receiver.requests] == [failed.event_id] * 2
    twice = _post(coordinator, redeliver, {}, log_path)
    assert twice.headers["location"].endswith("notice=webhook-not-failed")


def test_the_hub_management_page_links_to_webhooks(coordinator: TestClient, world: World) -> None:
    page = coordinator.get(f"/hubs/{world.hub.slug}/manage")
    assert f'href="{_list(world)}"' in page.text


def _every_url(
    world: World, endpoint_id: int | None, delivery_id: int | None
) -> list[tuple[str, str, dict[str, str]]]:
    base = _list(world)
    one = f"{base}/{endpoint_id}"
    return [
        ("GET", base, {}),
        ("POST", base, {"url": "https://93.184.215.14/x", "event_types": "session.changed"}),
        ("POST", f"{one}/secret", {}),
        ("POST", f"{one}/state", {"action": "disable"}),
        ("POST", f"{one}/delete", {}),
        ("POST", f"{one}/test", {}),
        ("GET", f"{one}/deliveries", {}),
        ("POST", f"{one}/deliveries/{delivery_id}/redeliver", {}),
    ]


def _failed_delivery(database: Database, world: World) -> int:
    with database.write() as session:
        endpoint = session.get(WebhookEndpoint, world.endpoint.id)
        assert endpoint is not None
        services.send_test(session, endpoint, hub=world.hub.slug, page_path="/")
        row = session.exec(select(WebhookDelivery)).one()
        row.status = "failed"
        session.add(row)
        return row.id or 0


@pytest.mark.parametrize("who", ["other-hub coordinator", "faculty", "learner"])
def test_people_who_may_not_manage_the_hub_get_404_on_every_url(
    make_bare_client: MakeClient, database: Database, world: World, who: str
) -> None:
    delivery_id = _failed_delivery(database, world)
    with database.write() as session:
        person = factories.create_user(session)
        if who == "other-hub coordinator":
            factories.create_hub(session, coordinator=person)
        elif who == "faculty":
            factories.add_hub_role(session, person, world.hub, "faculty")
        else:
            program = factories.create_program(session, world.hub)
            factories.enroll(session, person, program)
    client = logged_in(make_bare_client(), person.email, factories.PASSWORD)
    token = page_csrf(client, "/me/profile")
    for method, path, data in _every_url(world, world.endpoint.id, delivery_id):
        answer = (
            client.get(path)
            if method == "GET"
            else client.post(path, data={**data, "csrf_token": token})
        )
        assert answer.status_code == 404, (who, method, path, answer.status_code)
    endpoint = endpoint_now(database, world.endpoint.id)
    assert endpoint.enabled and endpoint.secret == world.endpoint.secret
    assert [(r.id, r.status) for r in deliveries(database)] == [(delivery_id, "failed")]


def test_anonymous_visitors_are_sent_to_log_in(
    make_bare_client: MakeClient, database: Database, world: World
) -> None:
    client = make_bare_client()
    token = page_csrf(client, "/login")
    for method, path, data in _every_url(world, world.endpoint.id, 1):
        answer = (
            client.get(path)
            if method == "GET"
            else client.post(path, data={**data, "csrf_token": token})
        )
        assert answer.status_code == 303, (method, path)
        assert answer.headers["location"].startswith("/login?next=")
    assert endpoint_now(database, world.endpoint.id).enabled


def test_an_endpoint_of_another_hub_is_not_found_under_this_hub(
    coordinator: TestClient, database: Database, world: World, receiver: Receiver
) -> None:
    with database.write() as session:
        other: Hub = factories.create_hub(session, coordinator=world.coordinator)
        theirs = factories.create_webhook_endpoint(
            session, other, world.coordinator, url=receiver.url + "/other"
        )
    for method, path, data in _every_url(world, theirs.id, 1)[2:]:
        answer = (
            coordinator.get(path)
            if method == "GET"
            else _post(coordinator, path, data, _list(world))
        )
        assert answer.status_code == 404, (method, path)
    assert endpoint_now(database, theirs.id).enabled


def test_every_post_needs_the_csrf_token(
    coordinator: TestClient, database: Database, world: World
) -> None:
    for method, path, data in _every_url(world, world.endpoint.id, 1):
        if method != "POST":
            continue
        for token in ({}, {"csrf_token": "0" * 64}):
            answer = coordinator.post(path, data={**data, **token})
            assert answer.status_code == 403, (path, token)
    endpoint = endpoint_now(database, world.endpoint.id)
    assert endpoint.enabled and endpoint.secret == world.endpoint.secret
    assert deliveries(database) == []
