"""Password reset by email: who gets a link, how long it works, what using it changes.

(The same answer for unknown addresses, a weak new password and single use are in
tests/notify/test_messages.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from starlette.testclient import TestClient

from echo.accounts import notifications as account_notifications
from echo.accounts.models import User
from echo.db import Database
from echo.security import tokens
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import link_in, logged_in, login, outbox_to, post_form, text_of

NEW_PASSWORD = "a fresh passphrase 7"


def _ask_for_reset(client: TestClient, email: str) -> str:
    response = post_form(client, "/password-reset", {"email": email}, "/password-reset")
    assert response.status_code == 200, response.text[:300]
    return text_of(response.text)


def _reset_link(database: Database, user: User) -> str:
    (message,) = [m for m in outbox_to(database, user.email) if m.subject.startswith("Reset")]
    return link_in(message.text_body, "/password-reset/")


def test_reset_request_says_what_happens_next(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    answer = _ask_for_reset(bare_client, user.email)
    assert (
        f"If {user.email} belongs to an Echo account, a reset link is on its way. "
        "It works once, for one hour."
    ) in answer
    (message,) = outbox_to(database, user.email)
    assert message.subject == "Reset your Echo password" and message.category == "security"


def test_reset_request_without_an_address_asks_for_one_next_to_the_field(
    bare_client: TestClient, database: Database
) -> None:
    for typed in ("", "not-an-address"):
        response = post_form(bare_client, "/password-reset", {"email": typed}, "/password-reset")
        assert response.status_code == 422
        text = text_of(response.text)
        assert "belongs to an Echo account" not in text
        expected = (
            "Enter the email address of your Echo account."
            if not typed
            else "Enter an email address like name@example.org."
        )
        assert expected in text
    assert outbox_to(database, "not-an-address") == []


def test_reset_request_for_a_closed_account_sends_nothing(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        closed = factories.create_user(session, active=False)
    answer = _ask_for_reset(bare_client, closed.email)
    assert f"If {closed.email} belongs to an Echo account" in answer
    assert outbox_to(database, closed.email) == []


def test_reset_form_names_the_account_it_resets(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _ask_for_reset(bare_client, user.email)
    page = bare_client.get(_reset_link(database, user))
    assert page.status_code == 200
    assert f"Choose a new password For {user.email}." in text_of(page.text)
    assert f'name="username" value="{user.email}" autocomplete="username"' in page.text


def test_reset_sets_the_new_password_and_the_old_one_stops_working(
    bare_client: TestClient, database: Database, make_bare_client: Callable[[], TestClient]
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _ask_for_reset(bare_client, user.email)
    path = _reset_link(database, user)
    done = post_form(bare_client, path, {"password": NEW_PASSWORD}, path)
    assert done.headers["location"] == "/login?notice=password-reset"
    notice = bare_client.get("/login?notice=password-reset")
    assert "Your new password is saved. Log in with it." in text_of(notice.text)
    assert login(make_bare_client(), user.email, factories.PASSWORD).status_code == 401
    assert login(make_bare_client(), user.email, NEW_PASSWORD).status_code == 303


def test_reset_logs_out_every_device(
    bare_client: TestClient, database: Database, make_bare_client: Callable[[], TestClient]
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    device = logged_in(make_bare_client(), user.email, factories.PASSWORD)
    assert device.get("/me/profile").status_code == 200
    _ask_for_reset(bare_client, user.email)
    path = _reset_link(database, user)
    post_form(bare_client, path, {"password": NEW_PASSWORD}, path)
    assert device.get("/me/profile").headers["location"] == "/login?next=%2Fme%2Fprofile"


def test_reset_link_after_an_hour_is_refused_with_a_way_to_ask_again(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        fingerprint = account_notifications.password_fingerprint(user)
    late = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=tokens.Purpose.password_reset,
        lifetime=account_notifications.RESET_LIFETIME,
        now=utcnow() - account_notifications.RESET_LIFETIME - timedelta(seconds=1),
        extra={"pw": fingerprint},
    )
    for response in (
        bare_client.get(f"/password-reset/{late}"),
        post_form(bare_client, f"/password-reset/{late}", {"password": NEW_PASSWORD}, "/login"),
    ):
        assert response.status_code == 400
        text = text_of(response.text)
        assert "This link does not work any more" in text
        assert "Password reset links work once, for one hour. Ask for a new link." in text
    assert login(bare_client, user.email, factories.PASSWORD).status_code == 303


def test_reset_link_stops_working_once_the_password_changed_otherwise(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _ask_for_reset(bare_client, user.email)
    path = _reset_link(database, user)
    logged_in(bare_client, user.email, factories.PASSWORD)
    changed = post_form(
        bare_client,
        "/me/password",
        {"current_password": factories.PASSWORD, "new_password": NEW_PASSWORD},
        "/me/profile",
    )
    assert changed.status_code == 303
    assert bare_client.get(path).status_code == 400


def test_a_confirmation_link_is_not_a_reset_link(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session, verified=False)
    token = link_in(
        account_notifications.verification(settings, user).text, "/verify-email/"
    ).rsplit("/", 1)[1]
    response = bare_client.get(f"/password-reset/{token}")
    assert response.status_code == 400
    assert "Password reset links work once, for one hour." in text_of(response.text)


def test_reset_refuses_the_address_as_password_next_to_the_field(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session, email="pat.reset@example.org")
    _ask_for_reset(bare_client, user.email)
    path = _reset_link(database, user)
    response = post_form(bare_client, path, {"password": "PAT.RESET@example.org"}, path)
    assert response.status_code == 422
    assert (
        '<p class="field-error" id="password-error"><span class="visually-hidden">Error: '
        "</span>Do not use your email address as the password.</p>"
    ) in response.text
    assert 'aria-describedby="password-hint password-error"' in response.text
    assert login(bare_client, user.email, factories.PASSWORD).status_code == 303  # unchanged


def test_reset_confirms_the_address_it_was_sent_to(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session, verified=False)
    _ask_for_reset(bare_client, user.email)
    path = _reset_link(database, user)
    post_form(bare_client, path, {"password": NEW_PASSWORD}, path)
    with database.read() as session:
        stored = session.get(User, user.id)
        assert stored is not None and stored.email_verified_at is not None


def test_reset_link_of_a_sign_up_attempt_does_not_reopen_a_closed_account(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    """Signing up with a closed account's address mails its owner a reset link; using it
    changes the password but leaves the account closed."""
    with database.write() as session:
        closed = factories.create_user(session, active=False)
    path = link_in(account_notifications.sign_up_attempt(settings, closed).text, "/password-reset/")
    done = post_form(bare_client, path, {"password": NEW_PASSWORD}, path)
    assert done.status_code == 303
    assert login(bare_client, closed.email, NEW_PASSWORD).status_code == 401
    with database.read() as session:
        stored = session.get(User, closed.id)
        assert stored is not None and not stored.is_active
