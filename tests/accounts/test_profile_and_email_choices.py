"""The profile page (details, password) and the email choices: what is shown, what is
saved, and each problem shown next to its field with what was typed kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.db import Database
from echo.notify import messages
from echo.notify.models import NotificationPreference
from echo.settings import Settings
from tests import factories
from tests.helpers import logged_in, page_csrf, post_form, text_of

PROFILE = {
    "name": "Dr. Rosa Rivera",
    "credentials": "DO",
    "profession": "Physician",
    "specialty": "Adolescent medicine",
    "organization": "Harbor Teen Clinic",
    "us_state": "or",
    "time_zone": "America/Denver",
    "abp_id": "123 456",
    "npi": "1234567893",
}


def _stored(database: Database, user: User) -> User:
    with database.read() as session:
        stored = session.get(User, user.id)
    assert stored is not None
    return stored


@pytest.fixture
def signed_in(bare_client: TestClient, database: Database) -> User:
    """A signed-in physician in Boise, on ``bare_client``."""
    with database.write() as session:
        user = factories.create_user(
            session,
            name="Dr. Paula Prior",
            time_zone="America/Boise",
            organization="Valley Pediatrics",
        )
    logged_in(bare_client, user.email, factories.PASSWORD)
    return user


# --- details ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/me/profile", "/me/notifications"])
def test_account_pages_ask_an_anonymous_visitor_to_log_in(
    bare_client: TestClient, path: str
) -> None:
    response = bare_client.get(path)
    assert response.headers["location"] == f"/login?next={path.replace('/', '%2F')}"


def test_profile_shows_the_saved_details(bare_client: TestClient, signed_in: User) -> None:
    page = bare_client.get("/me/profile").text
    assert 'id="name" name="name" type="text" value="Dr. Paula Prior"' in page
    assert 'value="Valley Pediatrics"' in page
    assert 'list="time_zone-choices" value="America/Boise"' in page
    assert '<option value="MD" selected>MD</option>' in page


def test_profile_saves_every_field_as_cleaned_and_says_so(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    response = post_form(bare_client, "/me/profile", PROFILE, "/me/profile")
    assert response.headers["location"] == "/me/profile?notice=profile-saved"
    assert "Your profile is saved." in text_of(bare_client.get(response.headers["location"]).text)
    stored = _stored(database, signed_in)
    assert (stored.name, stored.credentials, stored.specialty, stored.organization) == (
        "Dr. Rosa Rivera",
        "DO",
        "Adolescent medicine",
        "Harbor Teen Clinic",
    )
    assert (stored.us_state, stored.time_zone, stored.abp_id, stored.npi) == (
        "OR",  # upper-cased
        "America/Denver",
        "123456",  # spaces inside an id removed
        "1234567893",
    )


def test_profile_errors_are_next_to_their_fields_and_nothing_is_saved(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    wrong = {
        **PROFILE,
        "credentials": "Wizard",
        "us_state": "ZZ",
        "abp_id": "12",
        "npi": "1234567890",
    }
    response = post_form(bare_client, "/me/profile", wrong, "/me/profile")
    assert response.status_code == 422
    html = response.text
    expected = {
        "credentials": "Choose a credential from the list.",
        "us_state": "Choose a state from the list.",
        "abp_id": "An ABP ID is 4 to 10 digits; leave it empty if you have none.",
        "npi": "An NPI is 10 digits with a valid check digit; check it on your NPPES record.",
    }
    for field, message in expected.items():
        assert f'id="{field}-error"><span class="visually-hidden">Error: </span>{message}' in html
    assert "Please correct 4 problems" in text_of(html)
    assert 'value="Harbor Teen Clinic"' in html and 'value="1234567890"' in html  # kept
    assert _stored(database, signed_in).name == "Dr. Paula Prior"  # nothing saved


def test_profile_needs_a_name_for_the_certificates(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    response = post_form(bare_client, "/me/profile", {**PROFILE, "name": "   "}, "/me/profile")
    assert response.status_code == 422
    assert "Enter your full name as it should appear on certificates." in response.text
    assert 'aria-invalid="true"' in response.text.split('id="name"')[1].split(">")[0]
    assert _stored(database, signed_in).name == "Dr. Paula Prior"


def test_profile_stores_empty_board_and_provider_ids_as_none(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    post_form(bare_client, "/me/profile", {**PROFILE, "abp_id": " ", "npi": ""}, "/me/profile")
    stored = _stored(database, signed_in)
    assert stored.abp_id is None and stored.npi is None


def test_profile_form_cannot_change_the_address_or_administrator_access(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    forged = {**PROFILE, "email": "someone.else@example.org", "is_site_admin": "true"}
    response = post_form(bare_client, "/me/profile", forged, "/me/profile")
    assert response.status_code == 303
    stored = _stored(database, signed_in)
    assert stored.email == signed_in.email and not stored.is_site_admin
    assert stored.name == "Dr. Rosa Rivera"


# --- password ---------------------------------------------------------------------------------


def test_password_change_refuses_a_short_one_next_to_the_new_password(
    bare_client: TestClient, signed_in: User
) -> None:
    response = post_form(
        bare_client,
        "/me/password",
        {"current_password": factories.PASSWORD, "new_password": "short"},
        "/me/profile",
    )
    assert response.status_code == 422
    assert (
        'id="new_password-error"><span class="visually-hidden">Error: </span>'
        "Use at least 10 characters." in response.text
    )
    assert 'value="short"' not in response.text
    assert 'value="Dr. Paula Prior"' in response.text  # the details form is still filled


def test_password_change_says_so_and_the_new_password_works(
    bare_client: TestClient, signed_in: User, make_bare_client: Callable[[], TestClient]
) -> None:
    response = post_form(
        bare_client,
        "/me/password",
        {"current_password": factories.PASSWORD, "new_password": "brand new passphrase"},
        "/me/profile",
    )
    assert response.headers["location"] == "/me/profile?notice=password-changed"
    page = text_of(bare_client.get(response.headers["location"]).text)
    assert "Your password is changed. Other devices have been logged out." in page
    fresh = make_bare_client()
    logged_in(fresh, signed_in.email, "brand new passphrase")


# --- email choices ----------------------------------------------------------------------------


def _checked(page: str) -> set[str]:
    return {
        key
        for key in messages.CATEGORIES
        if f'id="cat-{key}" name="categories" value="{key}" checked' in page
    }


def test_every_optional_email_is_on_until_turned_off(
    bare_client: TestClient, signed_in: User
) -> None:
    page = bare_client.get("/me/notifications").text
    assert _checked(page) == set(messages.CATEGORIES)
    assert "Messages about your account's security" in text_of(page)
    assert "Session reminders and schedule changes" in text_of(page)


def test_turning_some_emails_off_keeps_the_others_and_security_mail(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    token = page_csrf(bare_client, "/me/notifications")
    response = bare_client.post(
        "/me/notifications",
        data={"categories": ["reminders", "cme"], "csrf_token": token},
    )
    assert response.headers["location"] == "/me/notifications?notice=preferences-saved"
    page = bare_client.get(response.headers["location"]).text
    assert "Your email choices are saved." in text_of(page)
    assert _checked(page) == {"reminders", "cme"}
    with database.read() as session:
        wanted = {
            c
            for c in [*messages.CATEGORIES, "security"]
            if messages.wants(session, signed_in.id or 0, c)
        }
    assert wanted == {"reminders", "cme", "security"}


def test_turning_an_email_back_on_updates_the_same_choice(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    post_form(bare_client, "/me/notifications", {}, "/me/notifications")  # everything off
    post_form(bare_client, "/me/notifications", {"categories": "cases"}, "/me/notifications")
    with database.read() as session:
        rows = session.exec(
            select(NotificationPreference.category, NotificationPreference.enabled).where(
                NotificationPreference.user_id == signed_in.id
            )
        ).all()
    assert sorted(rows) == sorted((c, c == "cases") for c in messages.CATEGORIES)


def test_email_choices_refuse_a_kind_the_page_never_offers(
    bare_client: TestClient, database: Database, signed_in: User
) -> None:
    response = post_form(
        bare_client, "/me/notifications", {"categories": "security"}, "/me/notifications"
    )
    assert response.status_code == 400
    with database.read() as session:
        assert session.exec(select(NotificationPreference)).all() == []


def test_unsubscribe_link_only_asks_until_the_button_is_pressed(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    path = messages.unsubscribe_url(settings, user.id or 0, "digest").removeprefix(
        settings.base_url.rstrip("/")
    )
    question = bare_client.get(path)
    assert "Stop getting the weekly coordinator digest?" in text_of(question.text)
    with database.read() as session:
        assert messages.wants(session, user.id or 0, "digest")  # a mail scanner's GET: no change
    done = bare_client.post(path)
    assert "Done: you no longer get the weekly coordinator digest." in text_of(done.text)
    with database.read() as session:
        assert not messages.wants(session, user.id or 0, "digest")


def test_unsubscribe_link_of_a_removed_account_is_refused(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    path = messages.unsubscribe_url(settings, user.id or 0, "cases").removeprefix(
        settings.base_url.rstrip("/")
    )
    with database.write() as session:
        session.delete(session.get(User, user.id))
    response = bare_client.post(path)
    assert response.status_code == 400
    assert "This link does not work any more" in text_of(response.text)
