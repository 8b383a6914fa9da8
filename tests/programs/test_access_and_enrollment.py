"""Hub isolation, 404 for what a person may not know, and the enrollment workflow."""

from __future__ import annotations

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.db import Database
from echo.programs import services as programs
from echo.programs.models import Program
from tests import factories
from tests.helpers import logged_in, page_csrf, post_form, text_of

CASCADIA_MANAGEMENT = [
    ("GET", "/hubs/cascadia/manage"),
    ("GET", "/hubs/cascadia/programs/new"),
    ("GET", "/hubs/cascadia/programs/peds-mh-echo/edit"),
    ("POST", "/hubs/cascadia/members"),
    ("POST", "/hubs/cascadia/participants"),
    ("POST", "/hubs/cascadia/enrollments/1"),
    ("POST", "/hubs/cascadia/members/1/remove"),
]


@pytest.mark.parametrize(
    "email",
    [
        "outsider@example.org",
        "coordinator2@example.org",
        "pediatrician@example.org",
        "faculty@example.org",
    ],
)
@pytest.mark.parametrize(("method", "path"), CASCADIA_MANAGEMENT)
def test_cascadia_management_is_404_for_non_coordinators(
    client: TestClient, email: str, method: str, path: str
) -> None:
    logged_in(client, email)
    if method == "GET":
        response = client.get(path)
    else:
        response = client.post(
            path, data={"csrf_token": page_csrf(client, "/me/programs"), "email": email}
        )
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_management_needs_login(client: TestClient) -> None:
    response = client.get("/hubs/cascadia/manage")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fhubs%2Fcascadia%2Fmanage"


def test_coordinator_sees_own_hub_not_the_other(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    page = text_of(client.get("/hubs/cascadia/manage").text)
    assert "Manage Cascadia Children's Behavioral Health Hub" in page
    assert "Dr. Farah Faculty, MD faculty@example.org faculty" in page
    assert client.get("/hubs/lakeshore/manage").status_code == 404


def test_site_admin_reaches_every_hub_and_admin(client: TestClient) -> None:
    logged_in(client, "admin@example.org")
    assert client.get("/hubs/lakeshore/manage").status_code == 200
    assert "Site administration" in client.get("/admin").text


def test_admin_page_is_404_for_others(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    assert client.get("/admin").status_code == 404


def test_catalog_lists_public_programs_only(client: TestClient, database: Database) -> None:
    with database.write() as session:
        program = session.exec(
            select(Program).where(Program.slug == "lakeshore-anxiety-echo")
        ).one()
        program.visibility = "private"
        session.add(program)
    text = text_of(client.get("/").text)
    assert "Pediatric Mental Health in Primary Care ECHO" in text
    assert "Anxiety and Depression in Adolescents ECHO" not in text
    # A private program is unknown to outsiders: 404, not 403.
    assert client.get("/programs/lakeshore-anxiety-echo").status_code == 404
    logged_in(client, "outsider@example.org")
    assert client.get("/programs/lakeshore-anxiety-echo").status_code == 404
    assert client.get("/programs/no-such-program").status_code == 404


def test_program_page_shows_hub_faculty_and_join_button(client: TestClient) -> None:
    anonymous = text_of(client.get("/programs/peds-mh-echo").text)
    assert "Run by Cascadia Children's Behavioral Health Hub" in anonymous
    assert "Dr. Farah Faculty, MD, Child and adolescent psychiatry" in anonymous
    assert "Dr. Felix Faculty, PhD, Child clinical psychology" in anonymous
    assert "Log in or create an account to join." in anonymous
    logged_in(client, "outsider@example.org")
    assert "Request to join" in client.get("/programs/peds-mh-echo").text


def test_request_approve_flow(client: TestClient, make_client: object) -> None:
    logged_in(client, "outsider@example.org")
    response = post_form(client, "/programs/peds-mh-echo/enroll", {}, page="/programs/peds-mh-echo")
    assert response.headers["location"] == "/programs/peds-mh-echo?notice=requested"
    page = text_of(client.get("/programs/peds-mh-echo?notice=requested").text)
    assert "Your request to join is sent." in page
    assert "Your request to join is waiting for the coordinator's approval." in page

    # coordinator2 (other hub) cannot approve it, even knowing the id.
    other_hub = make_client()  # type: ignore[operator]
    logged_in(other_hub, "coordinator2@example.org")
    coordinator = make_client()  # type: ignore[operator]
    logged_in(coordinator, "coordinator@example.org")
    manage = coordinator.get("/hubs/cascadia/manage").text
    assert "Oscar Outsider, DO" in text_of(manage)
    action = manage.split('action="/hubs/cascadia/enrollments/')[1].split('"')[0]
    refused = post_form(
        other_hub,
        f"/hubs/lakeshore/enrollments/{action}",
        {"decision": "approve"},
        "/hubs/lakeshore/manage",
    )
    assert refused.status_code == 404

    approved = post_form(
        coordinator,
        f"/hubs/cascadia/enrollments/{action}",
        {"decision": "approve"},
        "/hubs/cascadia/manage",
    )
    assert approved.headers["location"] == "/hubs/cascadia/manage?notice=approved"
    assert "You are enrolled in this program." in client.get("/programs/peds-mh-echo").text
    assert "No requests are waiting." in coordinator.get("/hubs/cascadia/manage").text


def test_auto_approve_program_enrolls_at_once_and_withdraw(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(session, hub, slug="open-echo", approval=False)
        learner = factories.create_user(session)
    logged_in(bare_client, learner.email, factories.PASSWORD)
    response = post_form(bare_client, "/programs/open-echo/enroll", {}, "/programs/open-echo")
    assert response.headers["location"] == "/programs/open-echo?notice=enrolled"
    assert "You are enrolled in this program." in bare_client.get("/programs/open-echo").text
    left = post_form(bare_client, "/programs/open-echo/withdraw", {}, "/programs/open-echo")
    assert left.headers["location"] == "/me/programs?notice=withdrawn"
    mine = text_of(bare_client.get("/me/programs").text)
    assert f"{program.title} {hub.name} Not enrolled" in mine


def test_coordinator_adds_and_removes_member_with_errors_next_to_fields(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    missing = post_form(
        client,
        "/hubs/cascadia/members",
        {"email": "nobody@example.org", "role": "faculty"},
        "/hubs/cascadia/manage",
    )
    assert missing.status_code == 422
    assert 'id="email-error"' in missing.text and 'value="nobody@example.org"' in missing.text
    added = post_form(
        client,
        "/hubs/cascadia/members",
        {"email": "np@example.org", "role": "faculty"},
        "/hubs/cascadia/manage",
    )
    assert added.status_code == 303
    page = client.get("/hubs/cascadia/manage").text
    assert "Nico Nurse-Practitioner, NP np@example.org faculty" in text_of(page)


def test_last_coordinator_cannot_be_removed(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, slug="solo", coordinator=coordinator)
        (membership,) = programs.hub_memberships(session, hub.id or 0)
    logged_in(bare_client, coordinator.email, factories.PASSWORD)
    response = post_form(
        bare_client, f"/hubs/solo/members/{membership[0].id}/remove", {}, "/hubs/solo/manage"
    )
    assert response.status_code == 422
    assert "A hub needs at least one coordinator; add another first." in response.text
    with database.write() as session:
        assert len(programs.hub_memberships(session, hub.id or 0)) == 1


def test_coordinator_creates_program_with_validation(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    bad = post_form(
        client,
        "/hubs/cascadia/programs/new",
        {
            "title": "",
            "slug": "Bad Slug",
            "status": "open",
            "visibility": "public",
            "enrollment_mode": "auto",
        },
        "/hubs/cascadia/programs/new",
    )
    assert bad.status_code == 422
    assert 'id="title-error"' in bad.text and 'id="slug-error"' in bad.text
    good = post_form(
        client,
        "/hubs/cascadia/programs/new",
        {
            "title": "Early Childhood ECHO",
            "slug": "early-childhood-echo",
            "description": "For clinicians caring for children under 6.",
            "status": "open",
            "visibility": "private",
            "enrollment_mode": "approval",
        },
        "/hubs/cascadia/programs/new",
    )
    assert good.headers["location"] == "/programs/early-childhood-echo?notice=program-saved"
    assert "Invitation only" in client.get("/programs/early-childhood-echo").text


def test_coordinator_enrolls_participant_in_private_program(
    client: TestClient, make_client: object
) -> None:
    logged_in(client, "coordinator@example.org")
    post_form(
        client,
        "/hubs/cascadia/programs/new",
        {
            "title": "Private",
            "slug": "private-echo",
            "status": "open",
            "visibility": "private",
            "enrollment_mode": "approval",
        },
        "/hubs/cascadia/programs/new",
    )
    response = post_form(
        client,
        "/hubs/cascadia/participants",
        {"program": "private-echo", "participant_email": "outsider@example.org"},
        "/hubs/cascadia/manage",
    )
    assert response.headers["location"] == "/hubs/cascadia/manage?notice=participant-added"
    outsider = make_client()  # type: ignore[operator]
    logged_in(outsider, "outsider@example.org")
    assert "You are enrolled in this program." in outsider.get("/programs/private-echo").text


def test_admin_creates_hub(client: TestClient) -> None:
    logged_in(client, "admin@example.org")
    bad = post_form(
        client,
        "/admin/hubs",
        {"name": "", "slug": "x", "time_zone": "Nowhere", "coordinator_email": ""},
        "/admin",
    )
    assert bad.status_code == 422
    for field in ("name", "slug", "time_zone", "coordinator_email"):
        assert f'id="{field}-error"' in bad.text
    good = post_form(
        client,
        "/admin/hubs",
        {
            "name": "Prairie Hub",
            "slug": "prairie",
            "time_zone": "America/Chicago",
            "coordinator_email": "np@example.org",
        },
        "/admin",
    )
    assert good.status_code == 303
    assert "Prairie Hub" in client.get("/admin").text
