"""The on-call page: the hub's managers set the rotation (faculty only), coordinators add
substitutions (a stretch still to come, in the hub's zone); the consult page preselects
whoever covers now; the line's settings are for the hub's managers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import select
from starlette.testclient import TestClient

from echo.consult import services as consults
from echo.consult.models import ConsultLine, OnCallSlot, OnCallSubstitution
from echo.db import Database
from echo.programs.models import Hub
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]
PAGE = "/consult-lines/north-line/on-call"


def _world(database: Database) -> dict[str, int]:
    with database.write() as session:
        coordinator = factories.create_user(session, email="coord@example.org")
        hub = factories.create_hub(session, coordinator=coordinator, time_zone="America/Chicago")
        first = factories.create_user(session, name="Ada Psychiatrist", email="ada@example.org")
        second = factories.create_user(session, name="Ben Psychiatrist", email="ben@example.org")
        for person in (first, second):
            factories.add_hub_role(session, person, hub, "faculty")
        outsider = factories.create_user(session, email="not-faculty@example.org")
        factories.create_consult_line(session, hub, slug="north-line")
        return {"first": first.id or 0, "second": second.id or 0, "outsider": outsider.id or 0}


def test_the_rotation_takes_the_hubs_faculty_only(
    make_bare_client: MakeClient, database: Database
) -> None:
    ids = _world(database)
    client = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    token = page_csrf(client, PAGE)
    wrong = client.post(
        "/consult-lines/north-line/rotation",
        data={"csrf_token": token, "slot-1": str(ids["outsider"])},
    )
    assert wrong.status_code == 422 and "Choose the hub's faculty only." in text_of(wrong.text)
    saved = client.post(
        "/consult-lines/north-line/rotation",
        data={"csrf_token": token, "slot-1": str(ids["first"]), "slot-2": str(ids["second"])},
    )
    assert saved.status_code == 303
    with database.read() as session:
        slots = session.exec(select(OnCallSlot).order_by(OnCallSlot.position)).all()
    assert [s.user_id for s in slots] == [ids["first"], ids["second"]]
    with database.read() as session:
        line = session.exec(select(ConsultLine)).one()
        hub = session.get(Hub, line.hub_id)
        assert hub is not None
        expected = consults.on_call(session, line, hub, utcnow())
    name = "Ada Psychiatrist" if expected == ids["first"] else "Ben Psychiatrist"
    assert f"On call now: {name}" in text_of(client.get(PAGE).text)


def test_a_substitution_covers_now_and_a_past_one_is_refused(
    make_bare_client: MakeClient, database: Database
) -> None:
    ids = _world(database)
    with database.write() as session:
        line = session.exec(select(ConsultLine)).one()
        consults.set_rotation(session, line, [ids["first"]])
    client = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    token = page_csrf(client, PAGE)
    past = client.post(
        "/consult-lines/north-line/substitutions",
        data={
            "csrf_token": token,
            "consultant_id": str(ids["second"]),
            "starts_on": "2026-01-01",
            "starts_at": "08:00",
            "ends_on": "2026-01-02",
            "ends_at": "08:00",
        },
    )
    assert past.status_code == 422 and "over already" in text_of(past.text)
    today = utcnow() - timedelta(days=1)
    later = utcnow() + timedelta(days=2)
    saved = client.post(
        "/consult-lines/north-line/substitutions",
        data={
            "csrf_token": token,
            "consultant_id": str(ids["second"]),
            "starts_on": today.date().isoformat(),
            "starts_at": "00:00",
            "ends_on": later.date().isoformat(),
            "ends_at": "23:00",
        },
    )
    assert saved.status_code == 303
    assert "On call now: Ben Psychiatrist" in text_of(client.get(PAGE).text)
    with database.read() as session:
        assert len(session.exec(select(OnCallSubstitution)).all()) == 1


def test_line_settings_are_for_the_hubs_managers(
    make_bare_client: MakeClient, database: Database
) -> None:
    _world(database)
    faculty = logged_in(make_bare_client(), "ada@example.org", factories.PASSWORD)
    assert faculty.get("/consult-lines/north-line/settings").status_code == 404
    assert faculty.get(PAGE).status_code == 200  # the team sees who is on call
    coordinator = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    token = page_csrf(coordinator, "/consult-lines/north-line/settings")
    bad = coordinator.post(
        "/consult-lines/north-line/settings",
        data={"csrf_token": token, "name": "North line", "response_target_minutes": "2"},
    )
    assert bad.status_code == 422 and "Enter minutes from 5 to 1440" in text_of(bad.text)
    good = coordinator.post(
        "/consult-lines/north-line/settings",
        data={
            "csrf_token": token,
            "name": "North line",
            "response_target_minutes": "15",
            "billing_support": "yes",
        },
    )
    assert good.status_code == 303
    with database.read() as session:
        line = session.exec(select(ConsultLine)).one()
    assert (line.response_target_minutes, line.billing_support) == (15, True)
