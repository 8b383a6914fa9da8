"""Logging in and out, and the server-side login session behind the cookie: where a login
goes, what ends it (logout, a new login, closing the account, its age) and when a page
view records that the person is still there.

(Throttling, cookie flags, idle expiry and revocation by logout or a password change are
in test_login.py.)
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.accounts import services
from echo.accounts.models import LoginSession, LoginThrottle, User
from echo.db import Database
from echo.security.passwords import Passwords
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, login, outbox_to, page_csrf, post_form, text_of


def _logins(database: Database, user: User) -> list[LoginSession]:
    with database.read() as session:
        return list(
            session.exec(
                select(LoginSession)
                .where(LoginSession.user_id == user.id)
                .order_by(col(LoginSession.created_at))
            )
        )


def test_login_returns_to_the_page_that_asked_for_it(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    form = bare_client.get("/login?next=%2Fme%2Fnotifications")
    assert '<input type="hidden" name="next" value="/me/notifications">' in form.text
    response = bare_client.post(
        "/login?next=%2Fme%2Fnotifications",
        data={
            "email": user.email,
            "password": factories.PASSWORD,
            "csrf_token": page_csrf(bare_client, "/login"),
        },
    )
    assert response.headers["location"] == "/me/notifications?notice=logged-in"
    assert "Which emails you get" in bare_client.get("/me/notifications").text


def test_login_ignores_the_case_and_spaces_of_the_address(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session, email="casey@example.org")
    response = login(bare_client, "  CASEY@Example.org ", factories.PASSWORD)
    assert response.status_code == 303
    assert f"Signed in as {user.email}." in text_of(bare_client.get("/me/profile").text)


def test_wrong_password_keeps_the_address_in_the_form_and_never_the_password(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    response = login(bare_client, user.email, "my secret guess")
    assert response.status_code == 401
    assert f'name="email" type="email" value="{user.email}"' in response.text
    assert 'aria-describedby="login-error"' in response.text
    assert "my secret guess" not in response.text


def test_closed_account_gets_the_generic_answer_and_no_email(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session, active=False)
    response = login(bare_client, user.email, factories.PASSWORD)
    assert response.status_code == 401
    assert services.GENERIC_LOGIN_ERROR in text_of(response.text)
    assert outbox_to(database, user.email) == []
    assert _logins(database, user) == []


def test_closing_an_account_ends_its_open_logins(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    assert bare_client.get("/me/profile").status_code == 200
    with database.write() as session:
        session.execute(sa.update(User).where(col(User.id) == user.id).values(is_active=False))
    response = bare_client.get("/me/profile")
    assert response.headers["location"] == "/login?next=%2Fme%2Fprofile"


def test_a_successful_login_forgets_earlier_failures_of_the_account(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    for _ in range(4):
        login(bare_client, user.email, "wrong password!")
    logged_in(bare_client, user.email, factories.PASSWORD)
    with database.read() as session:
        keys = session.exec(select(LoginThrottle.key)).all()
    assert f"account:{user.email}" not in keys
    assert "client:testclient" in keys  # the address's count is kept: it guards every account


def test_logging_in_again_ends_the_previous_login_of_that_browser(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        first, second = factories.create_user(session), factories.create_user(session)
    logged_in(bare_client, first.email, factories.PASSWORD)
    logged_in(bare_client, second.email, factories.PASSWORD)
    (earlier,) = _logins(database, first)
    assert earlier.revoked_at is not None
    assert f"Signed in as {second.email}." in text_of(bare_client.get("/me/profile").text)


def test_logout_says_so_and_removes_the_cookie(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    response = post_form(bare_client, "/logout", {}, page="/me/profile")
    assert response.headers["location"] == "/?notice=logged-out"
    removal = response.headers["set-cookie"]
    assert removal.startswith('echo_session="";') and "Max-Age=0" in removal
    assert "You are logged out." in text_of(bare_client.get("/?notice=logged-out").text)
    (ended,) = _logins(database, user)
    assert ended.revoked_at is not None


def test_login_session_ends_at_its_maximum_age_even_when_in_use(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    with database.write() as session:
        session.execute(sa.update(LoginSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    assert bare_client.get("/me/profile").headers["location"] == "/login?next=%2Fme%2Fprofile"


def test_a_page_view_records_the_visit_at_most_once_a_minute(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    earlier = utcnow() - timedelta(minutes=5)
    with database.write() as session:
        session.execute(sa.update(LoginSession).values(last_seen_at=earlier))
    bare_client.get("/me/profile")
    (touched,) = _logins(database, user)
    assert touched.last_seen_at > earlier + timedelta(minutes=4)
    bare_client.get("/me/profile")
    (again,) = _logins(database, user)
    assert again.last_seen_at == touched.last_seen_at  # within the minute: no write


def test_login_session_keeps_the_browser_and_how_long_it_lasts(
    database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        record, cookie = factories.log_in(session, settings, user, user_agent="x" * 400)
    assert record.user_agent == "x" * 300
    lifetime = record.expires_at - record.created_at
    assert lifetime == timedelta(hours=settings.session_max_age_hours)
    assert cookie.count(".") == 2  # a compact JWS naming this row


def test_active_login_refuses_a_cookie_naming_another_person(
    database: Database, settings: Settings
) -> None:
    with database.write() as session:
        owner, other = factories.create_user(session), factories.create_user(session)
        record, _ = factories.log_in(session, settings, owner)
    with database.engine.connect() as connection:
        right = services.active_login(connection, settings, {"jti": record.id, "sub": owner.id})
        wrong = services.active_login(connection, settings, {"jti": record.id, "sub": other.id})
    assert right is not None and right.viewer.email == owner.email
    assert wrong is None


def test_active_login_carries_every_hub_role_of_the_person(
    database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        home, away = factories.create_hub(session), factories.create_hub(session)
        factories.add_hub_role(session, user, home, "coordinator")
        factories.add_hub_role(session, user, home, "faculty")
        factories.add_hub_role(session, user, away, "cme-admin")
        record, _ = factories.log_in(session, settings, user)
    with database.engine.connect() as connection:
        found = services.active_login(connection, settings, {"jti": record.id, "sub": user.id})
    assert found is not None
    assert found.hub_roles == {
        home.id: frozenset({"coordinator", "faculty"}),
        away.id: frozenset({"cme-admin"}),
    }


def test_login_rehashes_a_password_stored_with_older_parameters(
    database: Database, settings: Settings, passwords: Passwords
) -> None:
    stronger = Passwords(time_cost=2, memory_kib=2048)
    with database.write() as session:
        user = factories.create_user(session)
        user.password_hash = stronger.hash(factories.PASSWORD)
        session.add(user)
    with database.write() as session:
        services.authenticate(
            session,
            settings,
            passwords,
            email=user.email,
            password=factories.PASSWORD,
            client="10.0.0.1",
        )
    with database.read() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        assert not passwords.needs_rehash(stored.password_hash)
        assert passwords.verify(stored.password_hash, factories.PASSWORD)
