"""One-click calendar subscriptions: webcal, Google Calendar and Outlook on the web."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from starlette.testclient import TestClient

from echo.accounts import calendar_tokens
from echo.accounts import services as accounts
from echo.accounts.models import User
from echo.calendar import feeds
from echo.calendar.subscribe import subscription
from echo.db import Database
from echo.programs import permissions as program_can
from echo.programs import services as program_services
from echo.programs.models import Visibility
from echo.security.identity import Viewer
from echo.security.permissions import HubRole, Principal
from echo.settings import Settings
from tests import factories
from tests.helpers import logged_in, text_of


def test_each_link_carries_the_feed_address() -> None:
    feed = "https://echo.example.org/programs/peds-mh-echo/calendar.ics"
    sub = subscription(feed, "Peds & Teens ECHO")
    assert sub.feed == feed
    assert sub.webcal == "webcal://echo.example.org/programs/peds-mh-echo/calendar.ics"
    google = parse_qs(urlsplit(sub.google).query)
    assert urlsplit(sub.google).netloc == "calendar.google.com"
    assert google["cid"] == [sub.webcal]
    outlook = parse_qs(urlsplit(sub.outlook).query)
    assert outlook == {"url": [feed], "name": ["Peds & Teens ECHO"]}


def test_a_public_program_page_offers_the_subscriptions(client: TestClient) -> None:
    page = client.get("/programs/peds-mh-echo").text
    assert "Add this program&#39;s sessions to your calendar" in page
    assert 'href="webcal://' in page and "calendar.google.com/calendar/render?cid=webcal" in page
    assert "outlook.live.com/calendar/0/addfromweb?url=http" in page


# --- the personal feed: one-click, and only ever on its owner's own pages --------------------

FEED_LINK = re.compile(r'href="webcal://127\.0\.0\.1:8000/calendar/([^"/]+)\.ics"')


def _sign_in(client: TestClient, user: User) -> TestClient:
    return logged_in(client, user.email, factories.PASSWORD)


def _feed_tokens(page: str) -> list[str]:
    return FEED_LINK.findall(page)


def _names_a_personal_feed(page: str) -> bool:
    """A personal feed's address, as written or inside another link (URL-encoded)."""
    return "8000/calendar/" in page or "8000%2Fcalendar%2F" in page


def _owner_of(database: Database, settings: Settings, token: str) -> int | None:
    with database.read() as session:
        owner = calendar_tokens.user_for_token(session, settings.secret, token)
        return owner.id if owner else None


def _assert_personal_links(page: str, token: str) -> None:
    """The same three links as a public program's, built from the person's own feed."""
    feed = f"http://127.0.0.1:8000/calendar/{token}.ics"
    sub = subscription(feed, "Echo sessions")
    assert f'href="{html.escape(sub.webcal)}"' in page
    assert f'href="{html.escape(sub.google)}"' in page
    assert f'href="{html.escape(sub.outlook)}"' in page
    assert f'value="{feed}"' in page  # the address to copy
    assert "Its address is yours alone" in text_of(page)


def test_profile_offers_one_click_subscriptions_to_the_personal_feed(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        person = factories.create_user(session)
    response = _sign_in(bare_client, person).get("/me/profile")
    (token,) = _feed_tokens(response.text)
    _assert_personal_links(response.text, token)
    assert _owner_of(database, settings, token) == person.id
    assert response.headers["cache-control"] == "no-store"


def test_a_private_program_page_offers_each_member_their_own_feed(
    make_bare_client: Callable[[], TestClient], database: Database, settings: Settings
) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        program = factories.create_program(
            session, hub, slug="invited-echo", visibility=Visibility.private
        )
        first, second = factories.create_user(session), factories.create_user(session)
        factories.enroll(session, first, program)
        factories.enroll(session, second, program)
    seen = {}
    for person in (first, second, coordinator):
        response = _sign_in(make_bare_client(), person).get("/programs/invited-echo")
        assert response.status_code == 200
        (token,) = _feed_tokens(response.text)
        _assert_personal_links(response.text, token)
        assert "Add this program&#39;s sessions to your calendar" in response.text
        assert "/programs/invited-echo/calendar.ics" not in response.text  # no public feed
        # Never kept by a cache: another person must not be served this page.
        assert response.headers["cache-control"] == "no-store"
        seen[person.id] = (token, response.text)
    for person_id, (token, _page) in seen.items():
        assert _owner_of(database, settings, token) == person_id
        others = [page for other, (_t, page) in seen.items() if other != person_id]
        assert all(token not in page for page in others)


def test_no_feed_on_a_private_program_page_for_people_outside_it(
    make_bare_client: Callable[[], TestClient], database: Database
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(
            session, hub, slug="invited-echo", visibility=Visibility.private
        )
        waiting = factories.create_user(session)
        factories.enroll(session, waiting, program, "pending")
        admin = factories.create_user(session, site_admin=True)
        cme_admin = factories.create_user(session)
        factories.add_hub_role(session, cme_admin, hub, HubRole.cme_admin)
    for person in (waiting, admin, cme_admin):
        page = _sign_in(make_bare_client(), person).get("/programs/invited-echo").text
        assert not _names_a_personal_feed(page), person.email
        assert "Add the sessions of every program you take part in" in text_of(page)
    assert make_bare_client().get("/programs/invited-echo").status_code == 404


def test_a_public_program_page_offers_its_public_feed_to_members_too(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(session, hub, slug="open-echo")
        member = factories.create_user(session)
        factories.enroll(session, member, program)
    response = _sign_in(bare_client, member).get("/programs/open-echo")
    assert 'href="webcal://127.0.0.1:8000/programs/open-echo/calendar.ics"' in response.text
    assert not _names_a_personal_feed(response.text)


def test_the_page_rule_and_the_feed_agree_on_whose_programs_are_in_the_feed(
    database: Database,
) -> None:
    """echo.programs.permissions.in_personal_feed (the pages) and
    echo.calendar.feeds.personal_program_ids (the feed) state one rule twice."""
    with database.write() as session:
        hub, other_hub = factories.create_hub(session), factories.create_hub(session)
        programs = [
            factories.create_program(session, hub, visibility=Visibility.private),
            factories.create_program(session, hub),
            factories.create_program(session, other_hub, visibility=Visibility.private),
        ]
        people = []
        for status in ("active", "pending", "withdrawn"):
            person = factories.create_user(session)
            factories.enroll(session, person, programs[0], status)
            people.append(person)
        for role in HubRole:
            person = factories.create_user(session)
            factories.add_hub_role(session, person, hub, role)
            people.append(person)
        people.append(factories.create_user(session, site_admin=True))
        for person in people:
            who = Principal(
                user=Viewer.of(person), hub_roles=accounts.hub_roles(session, person.id or 0)
            )
            enrollments = {
                p.id: program_services.enrollment_of(session, p.id or 0, person.id)
                for p in programs
            }
            by_rule = {
                p.id
                for p in programs
                if program_can.in_personal_feed(who, p.hub_id, enrollments[p.id])
            }
            assert by_rule == set(feeds.personal_program_ids(session, person.id or 0)), person.email
        assert any(feeds.personal_program_ids(session, p.id or 0) for p in people)
