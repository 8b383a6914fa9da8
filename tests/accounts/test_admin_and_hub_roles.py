"""Site administration (people, administrator access, hubs) for site administrators only,
and hub roles: given once, taken back within the hub, applied from the next request.

(Creating a hub with field errors, adding and removing a member on the hub page and the
last coordinator are in tests/programs/test_access_and_enrollment.py.)
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts.models import HubMembership, User
from echo.db import Database
from echo.programs import services as programs
from echo.programs.models import Hub
from echo.web.params import FormErrors
from tests import factories
from tests.helpers import logged_in, page_csrf, post_form, text_of


@pytest.fixture
def admin(database: Database) -> User:
    with database.write() as session:
        return factories.create_user(session, name="Ada Admin", site_admin=True)


def _is_admin(database: Database, user: User) -> bool:
    with database.read() as session:
        stored = session.get(User, user.id)
    assert stored is not None
    return stored.is_site_admin


def _hubs(database: Database) -> list[str]:
    with database.read() as session:
        return sorted(session.exec(select(Hub.slug)).all())


# --- who reaches the administration ------------------------------------------------------------


def test_administration_asks_an_anonymous_visitor_to_log_in(bare_client: TestClient) -> None:
    assert bare_client.get("/admin").headers["location"] == "/login?next=%2Fadmin"


@pytest.mark.parametrize("role", [None, "coordinator", "faculty", "cme-admin"])
def test_administration_is_unknown_to_everyone_but_site_administrators(
    bare_client: TestClient, database: Database, role: str | None
) -> None:
    with database.write() as session:
        person = factories.create_user(session)
        target = factories.create_user(session)
        if role is not None:
            factories.add_hub_role(session, person, factories.create_hub(session), role)
    logged_in(bare_client, person.email, factories.PASSWORD)
    token = page_csrf(bare_client, "/me/profile")
    answers = [
        bare_client.get("/admin"),
        bare_client.post(
            "/admin/hubs",
            data={
                "csrf_token": token,
                "name": "Rogue Hub",
                "slug": "rogue",
                "time_zone": "America/Chicago",
                "coordinator_email": person.email,
            },
        ),
        bare_client.post(
            f"/admin/users/{person.id}/site-admin", data={"csrf_token": token, "admin": "yes"}
        ),
        bare_client.post(
            f"/admin/users/{target.id}/site-admin", data={"csrf_token": token, "admin": "yes"}
        ),
    ]
    for response in answers:
        assert response.status_code == 404
        assert "Page not found" in response.text
    assert "rogue" not in _hubs(database)
    assert not _is_admin(database, person) and not _is_admin(database, target)


# --- people ----------------------------------------------------------------------------------


def test_administration_lists_people_and_finds_them_by_name_or_address(
    bare_client: TestClient, database: Database, admin: User
) -> None:
    with database.write() as session:
        factories.create_user(session, name="Dr. Quinn Quill", email="qq@clinic.example.org")
        factories.create_user(session, name="Robin Reed", email="robin@example.org")
    logged_in(bare_client, admin.email, factories.PASSWORD)
    everyone = text_of(bare_client.get("/admin").text)
    assert "Dr. Quinn Quill, MD qq@clinic.example.org Physician No Make administrator" in everyone
    assert "Ada Admin, MD" in everyone and "Robin Reed, MD" in everyone
    by_name = text_of(bare_client.get("/admin?q=QUILL").text)
    by_address = text_of(bare_client.get("/admin?q=clinic.example").text)
    for found in (by_name, by_address):
        assert "Dr. Quinn Quill" in found and "Robin Reed" not in found


def test_site_administrator_gives_and_takes_back_administrator_access(
    bare_client: TestClient, database: Database, admin: User
) -> None:
    with database.write() as session:
        other = factories.create_user(session, name="Olive Other")
    logged_in(bare_client, admin.email, factories.PASSWORD)
    given = post_form(
        bare_client, f"/admin/users/{other.id}/site-admin", {"admin": "yes"}, "/admin"
    )
    assert given.headers["location"] == "/admin?notice=admin-changed"
    page = text_of(bare_client.get(given.headers["location"]).text)
    assert "Site administrator access is changed." in page
    assert "Olive Other, MD" in page and "Yes Remove: Olive Other" in page
    assert _is_admin(database, other)
    post_form(bare_client, f"/admin/users/{other.id}/site-admin", {"admin": "no"}, "/admin")
    assert not _is_admin(database, other)


def test_site_administrator_cannot_remove_their_own_access(
    bare_client: TestClient, database: Database, admin: User
) -> None:
    logged_in(bare_client, admin.email, factories.PASSWORD)
    response = post_form(
        bare_client, f"/admin/users/{admin.id}/site-admin", {"admin": "no"}, "/admin"
    )
    assert response.status_code == 422
    assert "Users: You cannot remove your own administrator access." in text_of(response.text)
    assert _is_admin(database, admin)


def test_administrator_access_form_accepts_only_yes_or_no(
    bare_client: TestClient, database: Database, admin: User
) -> None:
    with database.write() as session:
        other = factories.create_user(session)
    logged_in(bare_client, admin.email, factories.PASSWORD)
    response = post_form(
        bare_client, f"/admin/users/{other.id}/site-admin", {"admin": "maybe"}, "/admin"
    )
    assert response.status_code == 422
    assert "Please correct 1 problem Admin: Choose one of the options." in text_of(response.text)
    assert not _is_admin(database, other)


def test_administrator_access_for_a_person_who_does_not_exist_is_404(
    bare_client: TestClient, admin: User
) -> None:
    logged_in(bare_client, admin.email, factories.PASSWORD)
    response = post_form(bare_client, "/admin/users/424242/site-admin", {"admin": "yes"}, "/admin")
    assert response.status_code == 404


# --- hubs ------------------------------------------------------------------------------------


def test_new_hub_with_a_taken_short_name_and_an_unknown_coordinator_creates_nothing(
    bare_client: TestClient, database: Database, admin: User
) -> None:
    with database.write() as session:
        factories.create_hub(session, slug="prairie")
    logged_in(bare_client, admin.email, factories.PASSWORD)
    response = post_form(
        bare_client,
        "/admin/hubs",
        {
            "name": "Prairie Two",
            "slug": "prairie",
            "time_zone": "America/Chicago",
            "coordinator_email": "nobody@example.org",
        },
        "/admin",
    )
    assert response.status_code == 422
    text = text_of(response.text)
    assert "Slug: Another hub uses this short name; choose another." in text
    assert (
        "Coordinator email: Enter the email of a registered person to coordinate the hub." in text
    )
    assert 'value="Prairie Two"' in response.text  # kept
    assert _hubs(database) == ["prairie"]


def test_new_hub_gets_its_coordinator_who_can_manage_it(
    bare_client: TestClient,
    database: Database,
    admin: User,
    make_bare_client: Callable[[], TestClient],
) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session, name="Carmen Coordinator")
    logged_in(bare_client, admin.email, factories.PASSWORD)
    created = post_form(
        bare_client,
        "/admin/hubs",
        {
            "name": "Prairie Hub",
            "slug": "prairie",
            "time_zone": "America/Chicago",
            "coordinator_email": coordinator.email.upper(),
        },
        "/admin",
    )
    assert created.headers["location"] == "/admin?notice=hub-created"
    assert "The hub is created." in text_of(bare_client.get(created.headers["location"]).text)
    browser = logged_in(make_bare_client(), coordinator.email, factories.PASSWORD)
    manage = text_of(browser.get("/hubs/prairie/manage").text)
    assert "Manage Prairie Hub" in manage
    assert f"Carmen Coordinator, MD {coordinator.email} coordinator" in manage


# --- hub roles -------------------------------------------------------------------------------


def test_giving_a_role_twice_keeps_one_membership(database: Database) -> None:
    with database.write() as session:
        hub, user = factories.create_hub(session), factories.create_user(session)
        first = programs.add_hub_member(session, hub, user, "faculty")
        again = programs.add_hub_member(session, hub, user, "faculty")
        programs.add_hub_member(session, hub, user, "cme-admin")
        rows = session.exec(select(HubMembership.role).where(HubMembership.user_id == user.id))
        roles = sorted(rows.all())
    assert again.id == first.id
    assert roles == ["cme-admin", "faculty"]


def test_a_role_that_does_not_exist_is_refused_with_the_choices(database: Database) -> None:
    with database.write() as session:
        hub, user = factories.create_hub(session), factories.create_user(session)
        with pytest.raises(FormErrors) as refused:
            programs.add_hub_member(session, hub, user, "admin")
    assert refused.value.errors == {"role": "Choose coordinator, faculty or CME administrator."}


def test_a_membership_of_another_hub_is_not_removed_through_this_one(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        mine, theirs = factories.create_user(session), factories.create_user(session)
        factories.create_hub(session, slug="ours", coordinator=mine)
        other_hub = factories.create_hub(session, coordinator=theirs)
        faculty = factories.add_hub_role(
            session, factories.create_user(session), other_hub, "faculty"
        )
    logged_in(bare_client, mine.email, factories.PASSWORD)
    response = post_form(
        bare_client, f"/hubs/ours/members/{faculty.id}/remove", {}, "/hubs/ours/manage"
    )
    assert response.status_code == 404
    with database.read() as session:
        assert session.get(HubMembership, faculty.id) is not None


def test_a_second_coordinator_lets_the_first_step_down(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        first, second = factories.create_user(session), factories.create_user(session)
        hub = factories.create_hub(session, slug="duo", coordinator=first)
        factories.add_hub_role(session, second, hub, "coordinator")
        (mine,) = session.exec(
            select(HubMembership.id).where(HubMembership.user_id == first.id)
        ).all()
    logged_in(bare_client, first.email, factories.PASSWORD)
    response = post_form(bare_client, f"/hubs/duo/members/{mine}/remove", {}, "/hubs/duo/manage")
    assert response.headers["location"] == "/hubs/duo/manage?notice=member-removed"
    assert bare_client.get("/hubs/duo/manage").status_code == 404  # no longer theirs to manage


def test_a_new_role_applies_on_the_next_request_without_logging_in_again(
    bare_client: TestClient, database: Database, make_bare_client: Callable[[], TestClient]
) -> None:
    with database.write() as session:
        coordinator, colleague = factories.create_user(session), factories.create_user(session)
        factories.create_hub(session, slug="grow", coordinator=coordinator)
    colleague_browser = logged_in(make_bare_client(), colleague.email, factories.PASSWORD)
    assert colleague_browser.get("/hubs/grow/cases").status_code == 404
    logged_in(bare_client, coordinator.email, factories.PASSWORD)
    added = post_form(
        bare_client,
        "/hubs/grow/members",
        {"email": colleague.email, "role": "faculty"},
        "/hubs/grow/manage",
    )
    assert added.headers["location"] == "/hubs/grow/manage?notice=member-added"
    assert colleague_browser.get("/hubs/grow/cases").status_code == 200  # the triage queue
