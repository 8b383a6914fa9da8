"""The community resource directory and care coordination: search filters and order, the
hub's own resources only, liaisons keep the directory, resources attached to a consult,
follow-ups added and closed through the pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from httpx2 import Response
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from echo.consult import directory
from echo.consult.forms import FollowUpForm, ResourceForm, ResourceQuery
from echo.consult.models import (
    CommunityResource,
    ConsultEvent,
    ConsultRequest,
    ConsultResource,
    FollowUpTask,
)
from echo.db import Database
from echo.programs.models import Hub
from echo.timeutil import local_date, utcnow
from echo.web.params import FormErrors
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]


@dataclass(frozen=True)
class World:
    hub: Hub
    other_hub: Hub
    line_slug: str
    other_line_slug: str
    request: ConsultRequest
    other_request: ConsultRequest
    liaison_id: int


def _world(session: Session) -> World:
    """Two hubs with a consult line each and a request on each line. People, by email:
    liaison@ (coordinator of the hub), faculty@ (faculty of the hub), elsewhere@
    (coordinator of the other hub), pediatrician@ (asked both consults)."""
    hub = factories.create_hub(session, slug="cascade", name="Cascade Hub")
    other_hub = factories.create_hub(session, slug="prairie", name="Prairie Hub")
    for email, where, role in (
        ("faculty@example.org", hub, "faculty"),
        ("elsewhere@example.org", other_hub, "coordinator"),
    ):
        person = factories.create_user(session, email=email)
        factories.add_hub_role(session, person, where, role)
    liaison = factories.create_user(session, email="liaison@example.org")
    factories.add_hub_role(session, liaison, hub, "coordinator")
    pediatrician = factories.create_user(session, email="pediatrician@example.org")
    practice = factories.create_practice(session, pediatrician)
    line = factories.create_consult_line(session, hub, practices_enrolled=(practice,))
    other_line = factories.create_consult_line(session, other_hub, practices_enrolled=(practice,))
    return World(
        hub=hub,
        other_hub=other_hub,
        line_slug=line.slug,
        other_line_slug=other_line.slug,
        request=factories.create_consult_request(session, line, practice, pediatrician),
        other_request=factories.create_consult_request(session, other_line, practice, pediatrician),
        liaison_id=liaison.id or 0,
    )


def _resource(session: Session, hub: Hub, **fields: str | list[str]) -> CommunityResource:
    """A resource saved as the liaison's form would post it."""
    values: dict[str, str | list[str]] = {"name": "Resource", "languages": "English"}
    values.update(fields)
    return directory.save_resource(session, hub.id or 0, ResourceForm.parse(values))


def _names(rows: list[CommunityResource]) -> list[str]:
    return [r.name for r in rows]


def _search(session: Session, hub: Hub, **query: str) -> list[str]:
    return _names(directory.search(session, hub.id or 0, ResourceQuery.parse(query)))


def _client(make_client: MakeClient, email: str) -> TestClient:
    return logged_in(make_client(), email, factories.PASSWORD)


def _post(client: TestClient, path: str, data: dict[str, str], page: str) -> Response:
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page)})


# --- the directory's rules --------------------------------------------------------------------


def test_search_filters_by_service_payer_age_and_telehealth(database: Database) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(
            session,
            world.hub,
            name="Harbor Therapy",
            service_types=["therapy", "family"],
            payers=["medicaid", "commercial"],
            min_age="3",
            max_age="12",
        )
        _resource(
            session,
            world.hub,
            name="Teen Psychiatry Telehealth",
            service_types=["psychiatry"],
            payers=["commercial"],
            min_age="12",
            max_age="21",
            telehealth="yes",
        )
        _resource(session, world.hub, name="Testing Center", service_types=["testing"])

        assert _search(session, world.hub, service="therapy") == ["Harbor Therapy"]
        assert _search(session, world.hub, service="family") == ["Harbor Therapy"]
        assert _search(session, world.hub, payer="medicaid") == ["Harbor Therapy"]
        assert _search(session, world.hub, payer="commercial") == [
            "Harbor Therapy",
            "Teen Psychiatry Telehealth",
        ]
        assert _search(session, world.hub, age="2") == ["Testing Center"]  # 0 to 21
        assert _search(session, world.hub, age="12") == [
            "Harbor Therapy",
            "Teen Psychiatry Telehealth",
            "Testing Center",
        ]
        assert _search(session, world.hub, age="22") == []
        assert _search(session, world.hub, telehealth="yes") == ["Teen Psychiatry Telehealth"]
        assert _search(session, world.hub, service="therapy", payer="commercial", age="13") == []


def test_search_words_match_name_city_languages_or_notes_ignoring_case(
    database: Database,
) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(session, world.hub, name="Bridges Clinic", city="Salem")
        _resource(session, world.hub, name="Familia Unida", languages="Spanish, English")
        _resource(session, world.hub, name="Open Door", notes="Walk-ins on Tuesdays; 100% free")
        _resource(session, world.hub, name="North_Star Counseling")

        assert _search(session, world.hub, q="BRIDGES") == ["Bridges Clinic"]
        assert _search(session, world.hub, q="salem") == ["Bridges Clinic"]
        assert _search(session, world.hub, q="spanish") == ["Familia Unida"]
        assert _search(session, world.hub, q="tuesdays") == ["Open Door"]
        # LIKE wildcards typed in the search match only themselves
        assert _search(session, world.hub, q="100%") == ["Open Door"]
        assert _search(session, world.hub, q="%") == ["Open Door"]
        assert _search(session, world.hub, q="o_en") == []  # "Open" would match as a pattern
        assert _search(session, world.hub, q="_") == ["North_Star Counseling"]


def test_search_lists_shortest_wait_first_unknown_waits_last_then_by_name(
    database: Database,
) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(session, world.hub, name="Zeta Unknown Wait")
        _resource(session, world.hub, name="Alpha Unknown Wait")
        _resource(session, world.hub, name="Six Weeks", wait_weeks="6")
        _resource(session, world.hub, name="beta Two Weeks", wait_weeks="2")
        _resource(session, world.hub, name="Alpha Two Weeks", wait_weeks="2")
        _resource(session, world.hub, name="No Wait", wait_weeks="0")

        assert _search(session, world.hub) == [
            "No Wait",
            "Alpha Two Weeks",
            "beta Two Weeks",
            "Six Weeks",
            "Alpha Unknown Wait",
            "Zeta Unknown Wait",
        ]


def test_search_lists_only_the_hubs_own_active_resources(database: Database) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(session, world.hub, name="Ours")
        _resource(session, world.other_hub, name="Theirs")
        hidden = _resource(session, world.hub, name="Hidden One")
        directory.save_resource(
            session,
            world.hub.id or 0,
            ResourceForm.parse({"name": "Hidden One"}),
            hidden,
            active=False,
        )

        assert _search(session, world.hub) == ["Ours"]
        assert _search(session, world.other_hub) == ["Theirs"]
        assert _names(directory.hidden(session, world.hub.id or 0)) == ["Hidden One"]


def test_saving_a_resource_joins_lists_and_defaults_ages(database: Database) -> None:
    with database.write() as session:
        world = _world(session)
        saved = _resource(
            session,
            world.hub,
            name="Kids First",
            service_types=["therapy", "crisis"],
            payers=["medicaid", "chip"],
        )
        assert (saved.service_types, saved.payers) == ("therapy,crisis", "medicaid,chip")
        assert (saved.min_age, saved.max_age, saved.is_active) == (0, 21, True)
        with pytest.raises(FormErrors) as refused:
            _resource(session, world.hub, name="Backwards", min_age="22")
        assert refused.value.errors == {
            "max_age": "Enter an oldest age of at least 22 (the youngest age served), "
            "or lower the youngest age."
        }


def test_attach_takes_only_active_resources_of_the_hub_once(database: Database) -> None:
    with database.write() as session:
        world = _world(session)
        ours = _resource(session, world.hub, name="Ours")
        theirs = _resource(session, world.other_hub, name="Theirs")
        hidden = _resource(session, world.hub, name="Hidden")
        hidden.is_active = False
        hub_id, request_id = world.hub.id or 0, world.request.id or 0
        actor = world.request.requester_id

        assert not directory.attach(session, world.request, hub_id, theirs.id or 0, actor)
        assert not directory.attach(session, world.request, hub_id, hidden.id or 0, actor)
        assert not directory.attach(session, world.request, hub_id, 999_999, actor)
        assert directory.attach(session, world.request, hub_id, ours.id or 0, actor)
        assert directory.attach(session, world.request, hub_id, ours.id or 0, actor)

        assert _names(directory.attached(session, request_id)) == ["Ours"]
        links = session.exec(
            select(ConsultResource).where(ConsultResource.request_id == request_id)
        ).all()
        assert len(links) == 1
        assert directory.resource_choices(session, hub_id, request_id) == []
        actions = session.exec(
            select(ConsultEvent.action).where(ConsultEvent.request_id == request_id)
        ).all()
        assert actions.count(directory.ATTACHED) == 1


def test_follow_up_needs_an_attached_resource_and_a_day_not_past(database: Database) -> None:
    today = date(2026, 3, 10)
    with database.write() as session:
        world = _world(session)
        attached = _resource(session, world.hub, name="Attached")
        other = _resource(session, world.hub, name="Not Attached")
        directory.attach(
            session, world.request, world.hub.id or 0, attached.id or 0, world.liaison_id
        )

        def add(**values: str) -> FollowUpTask:
            form = FollowUpForm.parse(values)
            return directory.add_follow_up(
                session, world.request, form, world.liaison_id, today=today
            )

        with pytest.raises(FormErrors) as not_attached:
            add(resource_id=str(other.id), due_on="2026-03-20")
        assert not_attached.value.errors == {
            "resource_id": "Choose a resource attached to this consult, or none."
        }
        with pytest.raises(FormErrors) as past:
            add(due_on="2026-03-09")
        assert past.value.errors == {"due_on": "Choose today (2026-03-10) or a later day."}

        about_resource = add(resource_id=str(attached.id), due_on="2026-03-10")
        general = add(due_on="2026-03-24")
        rows = directory.follow_ups_of(session, world.request.id or 0)
        assert [(task.id, resource.name if resource else None) for task, resource in rows] == [
            (about_resource.id, "Attached"),
            (general.id, None),
        ]


def test_line_follow_ups_open_by_due_date_with_overdue_and_recently_closed(
    database: Database,
) -> None:
    today = date(2026, 3, 10)
    with database.write() as session:
        world = _world(session)

        def add(due_on: str) -> FollowUpTask:
            form = FollowUpForm.parse({"due_on": due_on})
            return directory.add_follow_up(
                session, world.request, form, world.liaison_id, today=date(2026, 3, 1)
            )

        later = add("2026-03-20")
        overdue = add("2026-03-05")
        due_today = add("2026-03-10")
        closed = add("2026-03-06")
        assert directory.close_follow_up(session, closed, "connected", world.liaison_id)
        assert not directory.close_follow_up(
            session, closed, "declined", world.liaison_id
        )  # first stands
        other_line = factories.create_consult_line(session, world.hub)
        line_id = world.request.line_id
        open_ones, recently_closed = directory.line_follow_ups(session, line_id, today=today)
        nothing = directory.line_follow_ups(session, other_line.id or 0, today=today)

    assert [(row.task.id, row.overdue) for row in open_ones] == [
        (overdue.id, True),
        (due_today.id, False),
        (later.id, False),
    ]
    assert [(row.task.id, row.task.outcome) for row in recently_closed] == [
        (closed.id, "connected")
    ]
    assert nothing == ([], [])


# --- the pages --------------------------------------------------------------------------------


def test_directory_is_for_the_hubs_clinical_team_only(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(session, world.hub, name="Harbor Therapy", phone="503-555-0100")
    path = f"/hubs/{world.hub.slug}/resources"

    liaison = _client(make_bare_client, "liaison@example.org").get(path)
    assert liaison.status_code == 200
    assert "Add a resource" in liaison.text
    assert f'href="/hubs/{world.hub.slug}/resources/new"' in liaison.text
    faculty = _client(make_bare_client, "faculty@example.org").get(path)
    assert faculty.status_code == 200
    text = text_of(faculty.text)
    assert "1 resource." in text
    assert "Harbor Therapy Services Not given Ages 0 to 21 years" in text
    assert "Phone 503-555-0100" in text
    assert "Add a resource" not in faculty.text
    assert "/edit" not in faculty.text
    for email in ("elsewhere@example.org", "pediatrician@example.org"):
        assert _client(make_bare_client, email).get(path).status_code == 404
    assert make_bare_client().get(path).status_code == 303  # to the login page


def test_bad_age_in_a_search_is_422_with_the_message_and_the_good_filters_still_apply(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        _resource(session, world.hub, name="Harbor Therapy", service_types=["therapy"])
        _resource(session, world.hub, name="Testing Center", service_types=["testing"])
    faculty = _client(make_bare_client, "faculty@example.org")

    response = faculty.get(f"/hubs/{world.hub.slug}/resources?service=therapy&age=ten")
    assert response.status_code == 422
    assert re.search(
        r'<p class="field-error" id="age-error">.*Enter an age from 0 to 26\.</p>', response.text
    )
    assert 'aria-invalid="true"' in response.text
    assert 'value="ten"' in response.text  # as typed
    text = text_of(response.text)
    assert "Child's age: Enter an age from 0 to 26." in text  # the summary
    assert "Harbor Therapy" in text and "Testing Center" not in text


def test_faculty_who_are_not_liaisons_cannot_add_or_edit_resources(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        resource = _resource(session, world.hub, name="Harbor Therapy")
    faculty = _client(make_bare_client, "faculty@example.org")
    new = f"/hubs/{world.hub.slug}/resources/new"
    edit = f"/resources/{resource.id}/edit"
    token = page_csrf(faculty, f"/hubs/{world.hub.slug}/resources")
    assert faculty.get(new).status_code == 404
    assert faculty.post(new, data={"name": "Mine", "csrf_token": token}).status_code == 404
    assert faculty.get(edit).status_code == 404
    assert faculty.post(edit, data={"name": "Renamed", "csrf_token": token}).status_code == 404
    elsewhere = _client(make_bare_client, "elsewhere@example.org")
    assert elsewhere.get(edit).status_code == 404
    with database.read() as session:
        names = session.exec(select(CommunityResource.name)).all()
    assert names == ["Harbor Therapy"]


def test_a_resource_with_min_age_above_max_age_is_422_and_nothing_is_stored(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
    liaison = _client(make_bare_client, "liaison@example.org")
    path = f"/hubs/{world.hub.slug}/resources/new"
    response = liaison.post(
        path,
        data={
            "name": "Teen Clinic",
            "service_types": ["therapy", "psychiatry"],
            "payers": ["medicaid"],
            "min_age": "18",
            "max_age": "12",
            "phone": "503-555-0111",
            "csrf_token": page_csrf(liaison, path),
        },
    )
    assert response.status_code == 422
    assert re.search(
        r'id="max_age-error">.*Enter an oldest age of at least 18 \(the youngest age served\), '
        r"or lower the youngest age\.</p>",
        response.text,
    )
    for kept in ('value="Teen Clinic"', 'value="18"', 'value="12"', 'value="503-555-0111"'):
        assert kept in response.text
    for box in ("service-therapy", "service-psychiatry", "payer-medicaid"):
        assert re.search(rf'id="{box}" [^>]*checked', response.text)
    assert not re.search(r'id="service-testing" [^>]*checked', response.text)
    with database.read() as session:
        assert session.exec(select(CommunityResource)).all() == []


def test_liaison_adds_edits_and_hides_a_resource(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
    liaison = _client(make_bare_client, "liaison@example.org")
    directory_path = f"/hubs/{world.hub.slug}/resources"
    new = f"{directory_path}/new"
    added = liaison.post(
        new,
        data={
            "name": "Harbor Therapy",
            "service_types": ["therapy"],
            "payers": ["medicaid", "sliding"],
            "languages": "English, Spanish",
            "telehealth": "yes",
            "wait_weeks": "3",
            "website": "https://harbor.example.org",
            "city": "Salem",
            "us_state": "OR",
            "csrf_token": page_csrf(liaison, new),
        },
    )
    assert added.status_code == 303
    assert added.headers["location"] == f"{directory_path}?notice=resource-saved"
    page = text_of(liaison.get(added.headers["location"]).text)
    assert "The resource is saved in the directory." in page
    assert (
        "Harbor Therapy Services Outpatient therapy Ages 0 to 21 years Languages English, "
        "Spanish Payment accepted Medicaid, Sliding scale Telehealth Yes Usual wait About 3 "
        "weeks Website https://harbor.example.org/ Where Salem, OR"
    ) in page
    with database.read() as session:
        resource = session.exec(select(CommunityResource)).one()
    edit = f"/resources/{resource.id}/edit"
    form = liaison.get(edit)
    assert form.status_code == 200
    assert 'value="Harbor Therapy"' in form.text
    assert re.search(r'id="payer-sliding" [^>]*checked', form.text)
    hidden = liaison.post(
        edit,
        data={
            "name": "Harbor Therapy Center",
            "service_types": ["therapy"],
            "hide": "yes",
            "csrf_token": page_csrf(liaison, edit),
        },
    )
    assert hidden.status_code == 303
    listing = liaison.get(directory_path)
    assert "0 resources." in text_of(listing.text)
    assert "Hidden from the directory Not offered" in text_of(listing.text)
    assert f'href="{edit}"' in listing.text
    with database.read() as session:
        saved = session.get(CommunityResource, resource.id)
    assert saved is not None
    assert (saved.name, saved.is_active, saved.payers, saved.telehealth) == (
        "Harbor Therapy Center",
        False,
        "",
        False,
    )


def test_attach_follow_up_and_close_through_the_pages(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        resource = _resource(
            session,
            world.hub,
            name="Harbor Therapy",
            service_types=["therapy"],
            phone="503-555-0100",
        )
    consult = f"/consults/{world.request.id}"
    faculty = _client(make_bare_client, "faculty@example.org")
    attached = _post(faculty, f"{consult}/resources", {"resource_id": str(resource.id)}, consult)
    assert attached.status_code == 303
    assert attached.headers["location"] == f"{consult}?notice=resource-attached"
    page = faculty.get(consult)
    assert "Harbor Therapy Services Outpatient therapy" in text_of(page.text)
    assert "Add a follow-up" not in page.text  # faculty attach; liaisons follow up
    requester = _client(make_bare_client, "pediatrician@example.org")
    seen = requester.get(consult)
    assert "Phone 503-555-0100" in text_of(seen.text)  # the referral, for the practice
    assert "Attach resource" not in seen.text

    liaison = _client(make_bare_client, "liaison@example.org")
    due = local_date(utcnow(), world.hub.time_zone) + timedelta(days=7)
    added = _post(
        liaison,
        f"{consult}/follow-ups",
        {"resource_id": str(resource.id), "due_on": due.isoformat()},
        consult,
    )
    assert added.status_code == 303
    assert added.headers["location"] == f"{consult}?notice=follow-up-added"
    with database.read() as session:
        task = session.exec(select(FollowUpTask)).one()
    assert (task.resource_id, task.due_on, task.outcome) == (resource.id, due, "")

    follow_ups = f"/consult-lines/{world.line_slug}/follow-ups"
    listing = liaison.get(follow_ups)
    assert listing.status_code == 200
    assert f"Consult {world.request.id}" in text_of(listing.text)
    assert f'<select id="outcome-{task.id}" name="outcome"' in listing.text
    missing = _post(liaison, follow_ups, {"task_id": str(task.id), "outcome": ""}, follow_ups)
    assert missing.status_code == 422
    assert re.search(
        rf'id="outcome-{task.id}-error">.*Choose what happened\.</p>',
        missing.text,
    )
    closed = _post(
        liaison, follow_ups, {"task_id": str(task.id), "outcome": "scheduled"}, follow_ups
    )
    assert closed.status_code == 303
    after = text_of(liaison.get(closed.headers["location"]).text)
    assert "The follow-up is closed with what happened." in after
    assert "No open follow-up." in after
    assert "Harbor Therapy An appointment is scheduled" in after
    assert "Harbor Therapy Closed:" in text_of(liaison.get(consult).text)
    with database.read() as session:
        actions = session.exec(
            select(ConsultEvent.action)
            .where(ConsultEvent.request_id == world.request.id)
            .order_by(col(ConsultEvent.id))
        ).all()
    assert actions[-3:] == ["resource-attached", "follow-up-added", "follow-up-closed"]


def test_a_bad_follow_up_is_422_with_the_message_next_to_the_field(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
    consult = f"/consults/{world.request.id}"
    liaison = _client(make_bare_client, "liaison@example.org")
    yesterday = local_date(utcnow(), world.hub.time_zone) - timedelta(days=1)
    response = _post(liaison, f"{consult}/follow-ups", {"due_on": yesterday.isoformat()}, consult)
    assert response.status_code == 422
    html = response.text
    assert re.search(
        r'id="follow-up-due-error">.*Choose today \(\d{4}-\d\d-\d\d\) or a later', html
    )
    assert f'value="{yesterday.isoformat()}"' in html  # as typed
    assert f'href="{consult}"' in html  # back to the consult
    with database.read() as session:
        assert session.exec(select(FollowUpTask)).all() == []


def test_another_hubs_coordinator_gets_404_and_another_hubs_resource_is_refused(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        theirs = _resource(session, world.other_hub, name="Theirs")
        ours = _resource(session, world.hub, name="Ours")
    consult = f"/consults/{world.request.id}"
    elsewhere = _client(make_bare_client, "elsewhere@example.org")
    token = page_csrf(elsewhere, f"/hubs/{world.other_hub.slug}/resources")
    assert elsewhere.get(f"/hubs/{world.hub.slug}/resources").status_code == 404
    for path, data in (
        (f"{consult}/resources", {"resource_id": str(ours.id)}),
        (f"{consult}/follow-ups", {"due_on": "2036-01-01"}),
    ):
        assert elsewhere.post(path, data={**data, "csrf_token": token}).status_code == 404
    assert elsewhere.get(f"/consult-lines/{world.line_slug}/follow-ups").status_code == 404

    liaison = _client(make_bare_client, "liaison@example.org")
    refused = _post(liaison, f"{consult}/resources", {"resource_id": str(theirs.id)}, consult)
    assert refused.status_code == 422
    assert re.search(
        r'id="attach-resource-error">.*Choose a resource from this hub&#39;s directory\.</p>',
        refused.text,
    )
    with database.read() as session:
        assert session.exec(select(ConsultResource)).all() == []
        assert session.exec(select(FollowUpTask)).all() == []


def test_a_task_of_another_line_cannot_be_closed(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        second_line = factories.create_consult_line(session, world.hub)
        form = FollowUpForm.parse({"due_on": "2036-01-01"})
        theirs = directory.add_follow_up(session, world.other_request, form, world.liaison_id)
        ours = directory.add_follow_up(session, world.request, form, world.liaison_id)
    liaison = _client(make_bare_client, "liaison@example.org")
    follow_ups = f"/consult-lines/{world.line_slug}/follow-ups"
    for task_id in (str(theirs.id), "999999", "x"):
        response = _post(
            liaison, follow_ups, {"task_id": task_id, "outcome": "connected"}, follow_ups
        )
        assert response.status_code == 404
    # the hub's own other line: its page does not close this line's task either
    other_page = f"/consult-lines/{second_line.slug}/follow-ups"
    response = _post(
        liaison, other_page, {"task_id": str(ours.id), "outcome": "connected"}, other_page
    )
    assert response.status_code == 404
    with database.read() as session:
        assert [t.outcome for t in session.exec(select(FollowUpTask))] == ["", ""]


def test_line_follow_ups_say_overdue_in_words_and_are_for_liaisons(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
        today = local_date(utcnow(), world.hub.time_zone)
        form = FollowUpForm.parse({"due_on": (today - timedelta(days=2)).isoformat()})
        directory.add_follow_up(
            session, world.request, form, world.liaison_id, today=today - timedelta(days=5)
        )
    follow_ups = f"/consult-lines/{world.line_slug}/follow-ups"
    page = _client(make_bare_client, "liaison@example.org").get(follow_ups)
    assert page.status_code == 200
    assert '<span class="badge badge-warn">Overdue</span>' in page.text
    assert '<th scope="col">Check back on</th>' in page.text
    assert _client(make_bare_client, "faculty@example.org").get(follow_ups).status_code == 404


def test_a_patient_in_a_resources_notes_is_refused_and_a_bad_phone_is_named(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        world = _world(session)
    liaison = _client(make_bare_client, "liaison@example.org")
    path = f"/hubs/{world.hub.slug}/resources/new"
    response = liaison.post(
        path,
        data={
            "name": "Teen Clinic",
            "notes": "Jayden Smith was referred here on 03/14/2026.",
            "phone": "not a phone",
            "csrf_token": page_csrf(liaison, path),
        },
    )
    assert response.status_code == 422
    assert 'id="notes-error"' in response.text and 'id="phone-error"' in response.text
    assert "Enter a phone number such as 503-555-0142" in response.text
    with database.read() as session:
        assert session.exec(select(CommunityResource)).all() == []
