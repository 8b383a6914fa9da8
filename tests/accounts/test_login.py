"""Sign-up, login, logout, password change, idle timeout and throttling, through HTTP."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import services
from echo.accounts.models import LoginSession, User
from echo.db import Database
from echo.notify.models import OutboxMessage
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, login, page_csrf, post_form, text_of

DEMO_ACCOUNTS = {
    "admin@example.org": ["/admin", "/hubs/cascadia/manage", "/hubs/lakeshore/manage"],
    "coordinator@example.org": ["/hubs/cascadia/manage", "/me/programs"],
    "faculty@example.org": ["/me/programs", "/programs/peds-mh-echo"],
    "faculty2@example.org": ["/me/programs"],
    "cme@example.org": ["/me/programs"],
    "pediatrician@example.org": ["/me/programs", "/programs/peds-mh-echo"],
    "np@example.org": ["/me/programs"],
    "outsider@example.org": ["/me/programs", "/me/profile"],
    "coordinator2@example.org": ["/hubs/lakeshore/manage"],
}


@pytest.mark.parametrize("email", sorted(DEMO_ACCOUNTS))
def test_demo_account_logs_in_and_sees_its_pages(client: TestClient, email: str) -> None:
    response = login(client, email)
    assert response.status_code == 303
    assert response.headers["location"] == "/me/programs?notice=logged-in"
    for path in DEMO_ACCOUNTS[email]:
        page = client.get(path)
        assert page.status_code == 200, path
        assert f"Signed in as {email}." in text_of(page.text)


def test_participant_sees_enrollment_on_my_programs(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    text = text_of(client.get("/me/programs").text)
    program = "Pediatric Mental Health in Primary Care ECHO"
    assert f"{program} Cascadia Children's Behavioral Health Hub Enrolled" in text


def test_session_cookie_is_httponly_and_samesite_lax(client: TestClient) -> None:
    response = login(client, "np@example.org")
    cookie = next(
        v
        for k, v in response.headers.multi_items()
        if k == "set-cookie" and v.startswith("echo_session=")
    )
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "SameSite=Lax" in cookie
    assert "Path=/" in cookie


def test_https_site_uses_host_prefixed_secure_cookie(settings: Settings, demo_data: None) -> None:
    from echo.app import create_app

    https_settings = settings.model_copy(update={"base_url": "https://echo.example.org"})
    with TestClient(
        create_app(https_settings), base_url="https://testserver", follow_redirects=False
    ) as client:
        response = login(client, "np@example.org")
    cookie = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and "echo_session" in v
    )
    assert cookie.startswith("__Host-echo_session=")
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert response.headers["strict-transport-security"].startswith("max-age=")


def test_wrong_password_and_unknown_email_get_the_same_answer(client: TestClient) -> None:
    wrong = login(client, "np@example.org", "not-the-password")
    unknown = login(client, "nobody@example.org", "not-the-password")
    assert wrong.status_code == unknown.status_code == 401
    message = "The email or password is not right. Check both and try again."
    assert message in wrong.text and message in unknown.text
    assert text_of(wrong.text).replace("np@example.org", "X") == text_of(unknown.text).replace(
        "nobody@example.org", "X"
    )


def test_login_backs_off_after_five_failures_even_with_right_password(client: TestClient) -> None:
    for _ in range(5):
        assert login(client, "np@example.org", "wrong password!").status_code == 401
    blocked = login(client, "np@example.org")
    assert blocked.status_code == 401
    assert re.search(
        r"Too many failed attempts\. Wait 1[45] seconds and try again", text_of(blocked.text)
    )
    # Unknown emails are throttled the same way, so throttling reveals nothing either.
    for _ in range(5):
        login(client, "ghost@example.org", "wrong password!")
    assert "Too many failed attempts" in login(client, "ghost@example.org", "x").text


def test_backoff_doubles_and_is_capped() -> None:
    waits = [services.backoff_seconds(n, free=5, maximum=900) for n in range(4, 12)]
    assert waits == [0, 15, 30, 60, 120, 240, 480, 900]


def test_throttle_expires(
    database: Database, settings: Settings, passwords: object, demo_data: None
) -> None:
    from echo.security.passwords import Passwords

    assert isinstance(passwords, Passwords)
    start = utcnow()
    with database.write() as session:
        for _ in range(5):
            with pytest.raises(services.LoginRefused):
                services.authenticate(
                    session,
                    settings,
                    passwords,
                    email="np@example.org",
                    password="bad",
                    client="1.2.3.4",
                    now=start,
                )
    with database.write() as session, pytest.raises(services.LoginRefused, match="Too many"):
        services.authenticate(
            session,
            settings,
            passwords,
            email="np@example.org",
            password="echo-demo",
            client="1.2.3.4",
            now=start + timedelta(seconds=10),
        )
    with database.write() as session:
        user = services.authenticate(
            session,
            settings,
            passwords,
            email="np@example.org",
            password="echo-demo",
            client="1.2.3.4",
            now=start + timedelta(seconds=16),
        )
    assert user.email == "np@example.org"


def test_logout_revokes_the_server_side_session(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    stolen_cookie = bare_client.cookies.get("echo_session")
    assert stolen_cookie
    response = post_form(bare_client, "/logout", {}, page="/me/programs")
    assert response.status_code == 303
    replay = TestClient(bare_client.app, follow_redirects=False)
    replay.cookies.set("echo_session", stolen_cookie)
    page = replay.get("/me/programs")
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=%2Fme%2Fprograms"


def test_password_change_revokes_other_sessions(client: TestClient, make_client: object) -> None:
    other = make_client()  # type: ignore[operator]
    logged_in(other, "np@example.org")
    logged_in(client, "np@example.org")
    response = post_form(
        client,
        "/me/password",
        {"current_password": "echo-demo", "new_password": "a much longer passphrase"},
        page="/me/profile",
    )
    assert response.status_code == 303
    assert client.get("/me/profile").status_code == 200  # this device got a fresh session
    assert other.get("/me/profile").status_code == 303  # the other device is logged out
    assert login(client, "np@example.org", "a much longer passphrase").status_code == 303


def test_password_change_with_wrong_current_password_shows_error_next_to_field(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    response = post_form(
        bare_client,
        "/me/password",
        {"current_password": "nope", "new_password": "another passphrase"},
        "/me/profile",
    )
    assert response.status_code == 422
    assert 'id="current_password-error"' in response.text
    assert "That is not your current password." in response.text


def test_idle_session_expires(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    assert bare_client.get("/me/profile").status_code == 200
    idle = timedelta(minutes=settings.idle_timeout_minutes + 1)
    with database.write() as session:
        session.execute(sa.update(LoginSession).values(last_seen_at=utcnow() - idle))
    assert bare_client.get("/me/profile").status_code == 303


NEW_PERSON = {
    "email": "New.Person@Example.org",
    "password": "correct horse battery",
    "name": "Dr. New Person",
    "credentials": "MD",
    "profession": "Physician",
    "us_state": "WA",
    "time_zone": "America/Los_Angeles",
    "npi": "1234567893",
}


def _sign_up(client: TestClient, **values: str) -> str:
    """The text of the answer to a sign-up, the address written as ADDRESS."""
    data = {**NEW_PERSON, **values, "csrf_token": page_csrf(client, "/signup")}
    response = client.post("/signup", data=data)
    assert response.status_code == 200, response.text[:300]
    return text_of(response.text).replace(data["email"].lower(), "ADDRESS")


def test_signup_opens_the_account_only_from_the_emailed_link(
    client: TestClient, database: Database
) -> None:
    answer = _sign_up(client)
    assert "Check your email We sent a message to ADDRESS." in answer
    assert client.get("/me/profile").status_code == 303  # not signed in yet
    login = client.post(
        "/login",
        data={
            "email": "new.person@example.org",
            "password": NEW_PERSON["password"],
            "csrf_token": page_csrf(client, "/login"),
        },
    )
    assert login.status_code == 401
    assert "Confirm your email address first" in text_of(login.text)
    with database.write() as session:
        messages = session.exec(
            select(OutboxMessage).where(OutboxMessage.to_address == "new.person@example.org")
        ).all()
    assert [m.subject for m in messages] == ["Confirm your email address for Echo"] * 2
    link = re.search(r"http://[^/\s]+(/verify-email/\S+)", messages[0].text_body)
    assert link is not None
    opened = client.get(link.group(1))
    assert opened.status_code == 303 and opened.headers["location"].startswith("/?")
    profile = client.get("/me/profile")
    assert "Signed in as new.person@example.org." in text_of(profile.text)


def test_signup_answers_the_same_for_an_address_in_use(
    client: TestClient, make_client: object, database: Database
) -> None:
    first = _sign_up(client)
    confirm = re.compile(r"http://[^/\s]+(/verify-email/\S+)")
    with database.write() as session:
        (welcome,) = session.exec(
            select(OutboxMessage).where(OutboxMessage.to_address == "new.person@example.org")
        ).all()
    link = confirm.search(welcome.text_body)
    assert link is not None and client.get(link.group(1)).status_code == 303
    # Someone else signs up with the same address (in another case), and with a demo address.
    other = make_client()  # type: ignore[operator]
    again = _sign_up(other, email="NEW.PERSON@example.org", name="Someone Else")
    demo = _sign_up(other, email="pediatrician@example.org", name="Someone Else")
    fresh = _sign_up(other, email="brand.new@example.org", name="Someone Else")
    assert again == demo == fresh == first
    with database.write() as session:
        user = session.exec(select(User).where(User.email == "new.person@example.org")).one()
        assert user.name == "Dr. New Person" and user.is_active  # left as it was
        sent = session.exec(
            select(OutboxMessage.subject).where(
                OutboxMessage.to_address.in_(  # type: ignore[attr-defined]
                    ["new.person@example.org", "pediatrician@example.org"]
                )
            )
        ).all()
    assert sorted(sent) == [
        "Confirm your email address for Echo",
        "Someone tried to sign up for Echo with your address",
        "Someone tried to sign up for Echo with your address",
    ]
    # The owner's password still works.
    logged_in(other, "pediatrician@example.org")


def test_signup_errors_are_next_to_fields_and_input_is_kept(client: TestClient) -> None:
    token = page_csrf(client, "/signup")
    response = client.post(
        "/signup",
        data={
            "csrf_token": token,
            "email": "not-an-email",
            "password": "short",
            "name": "Dr. Keep Me",
            "organization": "Hillside Pediatrics",
            "time_zone": "Mars/Olympus",
            "npi": "1234567890",
        },
    )
    assert response.status_code == 422
    html = response.text
    for field in ("email", "password", "time_zone", "npi"):
        assert f'id="{field}-error"' in html
        assert f'aria-describedby="{field}-error"' in html or f'{field}-hint {field}-error"' in html
    assert 'value="Dr. Keep Me"' in html and 'value="Hillside Pediatrics"' in html
    assert 'value="short"' not in html  # a password is never sent back


def test_login_redirects_only_to_local_paths(client: TestClient) -> None:
    token = page_csrf(client, "/login")
    response = client.post(
        "/login",
        data={
            "email": "np@example.org",
            "password": "echo-demo",
            "csrf_token": token,
            "next": "//evil.example/x",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/?notice=logged-in"
