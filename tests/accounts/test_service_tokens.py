"""A hub's service tokens: made on the hub's API tokens page by those who manage the hub
(everyone else gets 404) and shown once, stored as a hash only, listed with when each was
last used and who made and revoked it, revoked by any of the hub's coordinators; accepted
as ``Authorization: Bearer`` while valid, standing for no person with the coordinator role
in their hub alone; they belong to the hub, so they outlive their maker's role there."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from httpx2 import Response
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.accounts.models import ApiToken, HubMembership, User
from echo.db import Database
from echo.models import metadata
from echo.programs.models import Hub
from echo.security import permissions as can
from echo.timeutil import format_in_zone, utcnow
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

TOKEN_TEXT = re.compile(r"echo_[0-9a-f]{10}_[A-Za-z0-9_-]{43}")
MakeClient = Callable[[], TestClient]


@dataclass
class World:
    hub: Hub
    coordinator: User  # signs in on bare_client
    other_coordinator: User
    other_hub: Hub

    @property
    def page(self) -> str:
        return f"/hubs/{self.hub.slug}/tokens"


@pytest.fixture
def world(bare_client: TestClient, database: Database) -> World:
    with database.write() as session:
        coordinator = factories.create_user(
            session, name="Dr. Tess Token", time_zone="America/Denver"
        )
        other = factories.create_user(session, name="Casey Colleague")
        hub = factories.create_hub(session, name="Valley Hub", coordinator=coordinator)
        factories.add_hub_role(session, other, hub, "coordinator")
        other_hub = factories.create_hub(session, name="Other Hub", coordinator=other)
    logged_in(bare_client, coordinator.email, factories.PASSWORD)
    return World(hub, coordinator, other, other_hub)


def _post_token(client: TestClient, page: str, **fields: str) -> tuple[Response, str]:
    """The page's answer to making a token, and the token text it shows (or "")."""
    data = {"name": "CME office records", "days": "90", **fields}
    response = client.post(page, data={**data, "csrf_token": page_csrf(client, page)})
    found = TOKEN_TEXT.search(response.text)
    return response, found.group(0) if found else ""


def _make(
    database: Database,
    hub: Hub,
    maker: User,
    *,
    name: str = "Nightly export",
    write: bool = False,
    days: int = 30,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    with database.write() as session:
        return factories.create_service_token(
            session, hub, maker, name=name, write=write, days=days, now=now
        )


def _authenticate(database: Database, text: str) -> api_tokens.Bearer | None:
    with database.write() as session:
        return api_tokens.authenticate(session, f"Bearer {text}", utcnow())


def _stored(database: Database, token_id: int | None) -> ApiToken:
    with database.read() as session:
        found = session.get(ApiToken, token_id)
    assert found is not None
    return found


def _tokens(database: Database) -> list[ApiToken]:
    with database.read() as session:
        return list(session.exec(select(ApiToken)))


# --- the page ---------------------------------------------------------------------------------


def test_the_hub_page_links_to_the_hubs_api_tokens(bare_client: TestClient, world: World) -> None:
    page = bare_client.get(f"/hubs/{world.hub.slug}/manage").text
    assert f'<a href="{world.page}">API tokens</a>' in page


def test_the_page_says_what_a_service_token_may_do(bare_client: TestClient, world: World) -> None:
    page = bare_client.get(world.page)

    assert page.status_code == 200
    words = text_of(page.text)
    assert "API tokens for Valley Hub" in words
    assert (
        "It belongs to the hub, not to the person who makes it: it acts as a coordinator of "
        "Valley Hub and nothing more (no other hub, nobody's own enrollments or claims, no site "
        "administration)" in words
    )
    assert "This hub has no service tokens yet. Make one above." in words
    assert '<label for="name">Name</label>' in page.text
    assert 'id="days" name="days" type="number" value="90" required' in page.text
    assert '<input type="checkbox" id="write" name="write" value="yes">' in page.text


def test_a_coordinator_makes_a_service_token_and_sees_it_once(
    bare_client: TestClient, database: Database, world: World
) -> None:
    response, text = _post_token(bare_client, world.page, write="yes")

    assert response.status_code == 200 and text
    assert "no-store" in response.headers["cache-control"]
    assert f'<input id="api-token" type="text" readonly value="{text}"' in response.text
    assert '<label for="api-token">Service token “CME office records”</label>' in response.text
    words = text_of(response.text)
    assert "Echo shows it only this once and cannot show it again" in words
    assert "Read and write, as a coordinator of Valley Hub; expires" in words

    listing = bare_client.get(world.page).text
    prefix, secret = text.split("_", 2)[1:]
    assert TOKEN_TEXT.search(listing) is None and secret not in listing
    row = text_of(listing)
    assert f"CME office records echo_{prefix}_… Read and write" in row
    assert "by Dr. Tess Token" in row and "not a coordinator here" not in row
    assert '<td data-label="Last used">Never</td>' in listing
    assert "Active Revoke CME office records" in row


def test_the_database_keeps_only_a_hash_of_a_service_tokens_secret_and_who_made_it(
    bare_client: TestClient, database: Database, world: World
) -> None:
    _, text = _post_token(bare_client, world.page)
    secret = text.split("_", 2)[2]

    holding = []
    with database.read() as session:
        for table in metadata.sorted_tables:
            for row in session.execute(sa.select(table)).all():
                if any(isinstance(value, str) and secret in value for value in row):
                    holding.append(table.name)
    assert holding == []
    [stored] = _tokens(database)
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (stored.user_id, stored.hub_id, stored.created_by_id, stored.scopes) == (
        None,
        world.hub.id,
        world.coordinator.id,
        "read",
    )
    assert stored.expires_at - stored.created_at == timedelta(days=90)


def test_service_tokens_and_personal_tokens_keep_to_their_own_pages(
    bare_client: TestClient, database: Database, world: World
) -> None:
    _post_token(bare_client, world.page, name="Hub export")
    _post_token(bare_client, "/me/tokens", name="My own script")

    hub_page = text_of(bare_client.get(world.page).text)
    own_page = text_of(bare_client.get("/me/tokens").text)
    assert "Hub export" in hub_page and "My own script" not in hub_page
    assert "My own script" in own_page and "Hub export" not in own_page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Name the token after what will use it, like Weekly report."),
        ({"name": "x" * 101}, "name", "Keep this under 100 characters (it has 101)."),
        ({"days": ""}, "days", "Enter how many days the token lasts, from 1 to 365."),
        ({"days": "0"}, "days", "Enter a whole number of days from 1 to 365."),
        ({"days": "366"}, "days", "Enter a whole number of days from 1 to 365."),
        ({"days": "\u00b2"}, "days", "Enter a whole number of days from 1 to 365."),
    ],
)
def test_a_bad_field_is_answered_next_to_it_with_the_values_kept(
    bare_client: TestClient,
    database: Database,
    world: World,
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    response, text = _post_token(bare_client, world.page, write="yes", **fields)

    page = response.text
    assert response.status_code == 422 and text == ""
    assert (
        f'<p class="field-error" id="{field}-error"><span class="visually-hidden">Error: '
        f"</span>{message}</p>" in page
    )
    assert f'aria-describedby="{field}-hint {field}-error" aria-invalid="true"' in page
    assert '<input type="checkbox" id="write" name="write" value="yes" checked>' in page
    assert _tokens(database) == []


def test_a_post_without_the_csrf_token_is_refused(
    bare_client: TestClient, database: Database, world: World
) -> None:
    response = bare_client.post(world.page, data={"name": "x", "days": "9"})
    assert response.status_code == 403
    assert _tokens(database) == []


def test_the_list_shows_when_a_service_token_was_last_used(
    bare_client: TestClient, database: Database, world: World
) -> None:
    now = utcnow()
    _, text = _make(database, world.hub, world.coordinator, now=now)
    with database.write() as session:
        api_tokens.authenticate(session, f"Bearer {text}", now)

    page = bare_client.get(world.page).text
    assert f'<td data-label="Last used">{format_in_zone(now, "America/Denver")}</td>' in page


def test_a_coordinator_revokes_a_service_token_another_made_and_both_are_recorded(
    bare_client: TestClient, database: Database, world: World
) -> None:
    token, text = _make(database, world.hub, world.other_coordinator)
    assert _authenticate(database, text) is not None

    response = bare_client.post(
        f"{world.page}/{token.id}/revoke",
        data={"csrf_token": page_csrf(bare_client, world.page)},
    )

    assert response.status_code == 303
    assert response.headers["location"] == f"{world.page}?notice=service-token-revoked"
    page = text_of(bare_client.get(response.headers["location"]).text)
    assert "The service token is revoked: requests that send it are refused from now on." in page
    assert "by Casey Colleague" in page and "by Dr. Tess Token" in page
    assert "Revoke Nightly export" not in page
    stored = _stored(database, token.id)
    assert stored.revoked_at is not None and stored.revoked_by_id == world.coordinator.id
    assert _authenticate(database, text) is None


def test_revoking_again_keeps_the_first_time_and_person(database: Database, world: World) -> None:
    token, _ = _make(database, world.hub, world.coordinator)
    first = utcnow()
    for by, when in (
        (world.coordinator, first),
        (world.other_coordinator, first + timedelta(days=1)),
    ):
        with database.write() as session:
            assert api_tokens.revoke_service(
                session,
                hub_id=world.hub.id or 0,
                token_id=token.id or 0,
                revoked_by_id=by.id or 0,
                now=when,
            )
    stored = _stored(database, token.id)
    assert (stored.revoked_at, stored.revoked_by_id) == (first, world.coordinator.id)


def test_a_token_of_another_hub_or_a_personal_one_is_not_found_here(
    bare_client: TestClient, database: Database, world: World
) -> None:
    elsewhere, _ = _make(database, world.other_hub, world.other_coordinator)
    with database.write() as session:
        personal, _ = api_tokens.create(
            session,
            user_id=world.coordinator.id or 0,
            name="Mine",
            write=False,
            hub_id=world.hub.id,
            days=5,
            now=utcnow(),
        )

    for token in (elsewhere, personal):
        response = bare_client.post(
            f"{world.page}/{token.id}/revoke",
            data={"csrf_token": page_csrf(bare_client, world.page)},
        )
        assert response.status_code == 404
        assert _stored(database, token.id).revoked_at is None
    # and a service token is not revoked from anyone's personal page
    response = bare_client.post(
        f"/me/tokens/{elsewhere.id}/revoke", data={"csrf_token": page_csrf(bare_client, world.page)}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["participant", "faculty", "cme-admin", "other hubs coordinator"])
def test_people_who_may_not_manage_the_hub_find_nothing(
    make_bare_client: MakeClient, database: Database, world: World, role: str
) -> None:
    token, text = _make(database, world.hub, world.coordinator)
    with database.write() as session:
        person = factories.create_user(session)
        if role == "participant":
            factories.enroll(session, person, factories.create_program(session, world.hub))
        elif role == "other hubs coordinator":
            factories.add_hub_role(session, person, world.other_hub, "coordinator")
        else:
            factories.add_hub_role(session, person, world.hub, role)
    client = logged_in(make_bare_client(), person.email, factories.PASSWORD)
    csrf = page_csrf(client, "/me/tokens")

    assert client.get(world.page).status_code == 404
    made = client.post(world.page, data={"name": "x", "days": "9", "csrf_token": csrf})
    revoked = client.post(f"{world.page}/{token.id}/revoke", data={"csrf_token": csrf})

    assert (made.status_code, revoked.status_code) == (404, 404)
    assert [t.id for t in _tokens(database)] == [token.id]
    assert _stored(database, token.id).revoked_at is None
    assert _authenticate(database, text) is not None


def test_an_anonymous_visitor_is_asked_to_log_in(
    make_bare_client: MakeClient, world: World
) -> None:
    answer = make_bare_client().get(world.page)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=")


def test_a_hub_that_does_not_exist_is_not_found(bare_client: TestClient, world: World) -> None:
    assert bare_client.get("/hubs/no-such-hub/tokens").status_code == 404


def test_a_site_administrator_manages_any_hubs_tokens(
    make_bare_client: MakeClient, database: Database, world: World
) -> None:
    with database.write() as session:
        admin = factories.create_user(session, site_admin=True)
    client = logged_in(make_bare_client(), admin.email, factories.PASSWORD)
    response, text = _post_token(client, world.page)
    assert response.status_code == 200 and text
    assert _tokens(database)[0].created_by_id == admin.id


# --- what a service token is ------------------------------------------------------------------


def test_a_service_token_stands_for_no_one_with_the_coordinator_role_in_its_hub_alone(
    database: Database, world: World
) -> None:
    with database.write() as session:
        admin = factories.create_user(session, site_admin=True)
        factories.add_hub_role(session, admin, world.hub, "faculty")
    token, text = _make(database, world.hub, admin, write=True)

    bearer = _authenticate(database, text)

    assert bearer is not None and bearer.is_service
    assert (bearer.token_id, bearer.user_id, bearer.hub_id, bearer.can_write) == (
        token.id,
        None,
        world.hub.id,
        True,
    )
    who = bearer.principal
    assert who.user is None and not who.is_site_admin
    assert who.hub_roles == {world.hub.id: frozenset({"coordinator"})}
    assert can.can_manage_hub(who, world.hub.id or 0)
    assert not can.can_manage_hub(who, world.other_hub.id or 0)
    assert not can.can_draft_recommendations(who, world.hub.id or 0)
    assert bearer.reaches_hub(world.hub.id or 0) and not bearer.reaches_hub(world.other_hub.id or 0)


def test_an_expired_or_revoked_service_token_is_refused(database: Database, world: World) -> None:
    _, expired = _make(
        database, world.hub, world.coordinator, days=1, now=utcnow() - timedelta(days=1)
    )
    revoked, text = _make(database, world.hub, world.coordinator)
    with database.write() as session:
        api_tokens.revoke_service(
            session,
            hub_id=world.hub.id or 0,
            token_id=revoked.id or 0,
            revoked_by_id=world.coordinator.id or 0,
            now=utcnow(),
        )
    assert _authenticate(database, expired) is None
    assert _authenticate(database, text) is None


def test_a_service_token_outlives_its_makers_role_and_account_and_the_page_says_so(
    bare_client: TestClient, database: Database, world: World
) -> None:
    token, text = _make(database, world.hub, world.other_coordinator, name="Dashboard")
    with database.read() as session:
        membership = session.exec(
            select(HubMembership).where(
                HubMembership.hub_id == world.hub.id,
                HubMembership.user_id == world.other_coordinator.id,
            )
        ).one()

    removed = bare_client.post(
        f"/hubs/{world.hub.slug}/members/{membership.id}/remove",
        data={"csrf_token": page_csrf(bare_client, f"/hubs/{world.hub.slug}/manage")},
    )

    assert removed.headers["location"].endswith("?notice=member-removed-tokens-live")
    notice = text_of(bare_client.get(removed.headers["location"]).text)
    assert (
        "Some of this hub's service tokens were made by people who are not its coordinators now"
        in notice
    )
    bearer = _authenticate(database, text)
    assert bearer is not None and bearer.principal.hub_roles == {
        world.hub.id: frozenset({"coordinator"})
    }
    row = text_of(bare_client.get(world.page).text)
    assert "by Casey Colleague, MD, not a coordinator here now: the token still works" in row

    with database.write() as session:
        maker = session.get(User, world.other_coordinator.id)
        assert maker is not None
        maker.is_active = False  # a closed account
        session.add(maker)
    assert _authenticate(database, text) is not None
    with database.write() as session:
        session.execute(sa.delete(User.__table__).where(User.__table__.c.id == maker.id))  # type: ignore[attr-defined]
    assert _stored(database, token.id).created_by_id is None
    assert _authenticate(database, text) is not None
    assert "by an account since closed" in text_of(bare_client.get(world.page).text)


def test_removing_a_member_whose_tokens_are_gone_says_nothing_more(
    bare_client: TestClient, database: Database, world: World
) -> None:
    with database.write() as session:
        faculty = factories.create_user(session)
        membership = factories.add_hub_role(session, faculty, world.hub, "faculty")
    _make(database, world.hub, world.coordinator)

    removed = bare_client.post(
        f"/hubs/{world.hub.slug}/members/{membership.id}/remove",
        data={"csrf_token": page_csrf(bare_client, f"/hubs/{world.hub.slug}/manage")},
    )
    assert removed.headers["location"].endswith("?notice=member-removed")


def test_a_service_token_goes_with_its_hub(database: Database, world: World) -> None:
    token, text = _make(database, world.hub, world.coordinator)
    with database.write() as session:
        session.execute(sa.delete(Hub.__table__).where(Hub.__table__.c.id == world.hub.id))  # type: ignore[attr-defined]
    with database.read() as session:
        assert session.get(ApiToken, token.id) is None
    assert _authenticate(database, text) is None


def test_a_token_has_a_person_or_a_hub(database: Database) -> None:
    nobodys = ApiToken(
        name="nobody's",
        prefix="0123456789",
        secret_hash="0" * 64,
        scopes="read",
        expires_at=utcnow(),
    )
    with database.write() as session:
        session.add(nobodys)
        with pytest.raises(sa.exc.IntegrityError):
            session.flush()
        session.rollback()
