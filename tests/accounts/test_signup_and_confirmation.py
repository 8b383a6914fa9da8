"""Sign-up and address confirmation: what the pages answer, what is stored, what is sent.

(The basic flow, the same answer for an address in use and the field errors are in
test_login.py.)
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import notifications as account_notifications
from echo.accounts import services
from echo.accounts.models import User
from echo.db import Database
from echo.security import tokens
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web.params import FormErrors
from tests import factories
from tests.helpers import link_in, logged_in, login, outbox_to, page_csrf, text_of

SIGN_UP = {
    "password": "correct horse battery",
    "credentials": "NP",
    "profession": "Nurse practitioner",
    "time_zone": "America/Chicago",
}
LINK_INVALID = "This link does not work any more"


def _sign_up(client: TestClient, email: str, name: str) -> None:
    data = {**SIGN_UP, "email": email, "name": name, "csrf_token": page_csrf(client, "/signup")}
    response = client.post("/signup", data=data)
    assert response.status_code == 200, response.text[:300]


def _user(database: Database, email: str) -> User:
    with database.read() as session:
        return session.exec(select(User).where(User.email == email)).one()


def test_signup_page_sends_a_signed_in_person_to_their_programs(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    logged_in(bare_client, user.email, factories.PASSWORD)
    response = bare_client.get("/signup")
    assert response.status_code == 303
    assert response.headers["location"] == "/"


def test_signing_up_again_before_confirming_replaces_the_details_and_voids_the_first_link(
    bare_client: TestClient, database: Database
) -> None:
    _sign_up(bare_client, "twice@example.org", "First Name")
    _sign_up(bare_client, "twice@example.org", "Second Name")
    first, second = outbox_to(database, "twice@example.org")
    stale = bare_client.get(link_in(first.text_body, "/verify-email/"))
    assert stale.status_code == 400
    assert LINK_INVALID in text_of(stale.text)
    assert not _user(database, "twice@example.org").is_active
    opened = bare_client.get(link_in(second.text_body, "/verify-email/"))
    assert opened.headers["location"] == "/?notice=signed-up"
    user = _user(database, "twice@example.org")
    assert user.name == "Second Name" and user.is_active and user.email_verified_at is not None


def test_confirmation_link_shows_the_welcome_and_signs_the_person_in(
    bare_client: TestClient, database: Database
) -> None:
    _sign_up(bare_client, "welcome@example.org", "Wendy Welcome")
    (message,) = outbox_to(database, "welcome@example.org")
    assert "Welcome to Echo, Wendy Welcome" in message.text_body
    opened = bare_client.get(link_in(message.text_body, "/verify-email/"))
    page = text_of(bare_client.get(opened.headers["location"]).text)
    assert "Welcome to Echo. Your email address is confirmed and your account is ready." in page
    assert "Signed in as welcome@example.org." in page


def test_confirmation_link_with_a_forged_signature_is_refused(
    bare_client: TestClient, database: Database
) -> None:
    _sign_up(bare_client, "forged@example.org", "Fay Forged")
    (message,) = outbox_to(database, "forged@example.org")
    path = link_in(message.text_body, "/verify-email/")
    head, signature = path.rsplit(".", 1)
    forged = signature.replace(signature[0], "B" if signature[0] == "A" else "A", 1)
    response = bare_client.get(f"{head}.{forged}")
    assert response.status_code == 400
    assert LINK_INVALID in text_of(response.text)
    assert not _user(database, "forged@example.org").is_active


def test_confirmation_link_after_seven_days_is_refused(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.sign_up(session, email="late@example.org")
        claims = {"email": user.email, "pw": account_notifications.password_fingerprint(user)}
    late = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=tokens.Purpose.verify_email,
        lifetime=timedelta(days=7),
        now=utcnow() - timedelta(days=7, minutes=1),
        extra=claims,
    )
    response = bare_client.get(f"/verify-email/{late}")
    assert response.status_code == 400
    assert (
        "The confirmation link has expired, or the address or password changed since."
        in response.text
    )
    assert not _user(database, "late@example.org").is_active


def test_confirmation_link_of_an_open_account_confirms_the_address_without_signing_in(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session, verified=False)
    link = link_in(account_notifications.verification(settings, user).text, "/verify-email/")
    response = bare_client.get(link)
    assert response.headers["location"] == "/login?notice=email-verified"
    assert (
        "Thank you: your email address is confirmed."
        in bare_client.get("/login?notice=email-verified").text
    )
    assert bare_client.get("/me/profile").status_code == 303  # not signed in by the link
    assert _user(database, user.email).email_verified_at is not None


def test_confirmation_link_while_signed_in_returns_to_the_profile(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session, verified=False)
    logged_in(bare_client, user.email, factories.PASSWORD)
    link = link_in(account_notifications.verification(settings, user).text, "/verify-email/")
    response = bare_client.get(link)
    assert response.headers["location"] == "/me/profile?notice=email-verified"
    assert _user(database, user.email).email_verified_at is not None


def test_unconfirmed_sign_up_with_a_wrong_password_gets_the_generic_answer_and_no_email(
    bare_client: TestClient, database: Database
) -> None:
    _sign_up(bare_client, "waiting@example.org", "Walt Waiting")
    response = login(bare_client, "waiting@example.org", "not the chosen password")
    assert response.status_code == 401
    assert services.GENERIC_LOGIN_ERROR in text_of(response.text)
    assert "Confirm your email address first" not in response.text
    assert len(outbox_to(database, "waiting@example.org")) == 1  # only the sign-up's own


def test_unconfirmed_sign_up_logging_in_again_gets_the_link_resent_once_a_day(
    bare_client: TestClient, database: Database
) -> None:
    _sign_up(bare_client, "again@example.org", "Ada Again")
    for _ in range(3):
        response = login(bare_client, "again@example.org", SIGN_UP["password"])
        assert services.CONFIRM_FIRST in text_of(response.text)
    subjects = [m.subject for m in outbox_to(database, "again@example.org")]
    assert subjects == ["Confirm your email address for Echo"] * 2


def test_create_user_reports_an_address_in_use_and_a_weak_password_together(
    database: Database, passwords: object
) -> None:
    with database.write() as session:
        factories.create_user(session, email="taken@example.org")
        with pytest.raises(FormErrors) as refused:
            services.create_user(
                session,
                passwords,  # type: ignore[arg-type]
                email=" Taken@Example.org ",
                password="short",
                profile=factories.profile(name="Someone Else"),
            )
    assert refused.value.errors == {
        "email": "An account with this email already exists.",
        "password": "Use at least 10 characters.",
    }


def test_create_user_stores_the_address_trimmed_and_lower_case(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session, email="  Mixed.Case@Example.ORG ")
    assert user.email == "mixed.case@example.org"
    with database.read() as session:
        assert services.user_by_email(session, "MIXED.case@example.org ") is not None


def test_confirm_sign_up_opens_only_an_account_that_waits_for_it(database: Database) -> None:
    with database.write() as session:
        waiting = factories.sign_up(session)
        unverified = factories.create_user(session, verified=False)
        closed = factories.create_user(session, active=False)  # confirmed, then deactivated
        answers = [services.confirm_sign_up(session, u) for u in (waiting, unverified, closed)]
    assert answers == [True, False, False]
    assert waiting.is_active and unverified.is_active and not closed.is_active
    assert unverified.email_verified_at is not None
