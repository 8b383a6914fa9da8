"""Messages queued by what people do, in the same transaction: address confirmation on
sign-up, a single-use one-hour password reset, case updates (a link, never case text),
and one-click unsubscribe that stops optional messages but never security ones."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import notifications as account_notifications
from echo.accounts.models import User
from echo.cme import notifications
from echo.db import Database
from echo.notify import messages
from echo.notify.models import NotificationPreference, OutboxMessage
from echo.security import tokens
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, outbox_to, page_csrf, post_form, text_of


def _outbox(database: Database, to: str) -> list[OutboxMessage]:
    with database.write() as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.to_address == to)
                .order_by(OutboxMessage.id)  # type: ignore[arg-type]
            )
        )


def _link(message: OutboxMessage, path: str) -> str:
    found = re.search(rf"http://[^\s\"<]+({re.escape(path)}[^\s\"<]+)", message.text_body)
    assert found, message.text_body
    return found.group(1)


def test_signup_queues_an_address_confirmation(client: TestClient, database: Database) -> None:
    response = client.post(
        "/signup",
        data={
            "csrf_token": page_csrf(client, "/signup"),
            "email": "new.person@example.org",
            "password": "correct horse battery",
            "name": "Dr. New Person",
            "credentials": "MD",
            "profession": "Physician",
            "us_state": "WA",
            "time_zone": "America/Los_Angeles",
        },
    )
    assert response.status_code == 200
    (message,) = _outbox(database, "new.person@example.org")
    assert message.category == "security" and "List-Unsubscribe" not in message.headers
    confirmed = client.get(_link(message, "/verify-email/"))
    assert confirmed.status_code == 303
    with database.write() as session:
        user = session.exec(select(User).where(User.email == "new.person@example.org")).one()
        assert user.email_verified_at is not None


def test_password_reset_works_once_and_reveals_nothing(
    client: TestClient, database: Database
) -> None:
    for email in ("pediatrician@example.org", "nobody@example.org"):
        page = post_form(client, "/password-reset", {"email": email}, "/password-reset")
        assert page.status_code == 200 and "If " in text_of(page.text)  # the same answer
    assert _outbox(database, "nobody@example.org") == []
    (message,) = [m for m in _outbox(database, "pediatrician@example.org") if "Reset" in m.subject]
    path = _link(message, "/password-reset/")
    weak = post_form(client, path, {"password": "short"}, path)
    assert weak.status_code == 422 and 'id="password-error"' in weak.text
    done = post_form(client, path, {"password": "a brand new passphrase"}, path)
    assert done.status_code == 303
    assert client.get(path).status_code == 400  # used: the password it named has changed


def test_case_updates_carry_a_link_and_no_case_text(
    client: TestClient, make_client: object, database: Database
) -> None:
    from tests.cases.test_case_flow import CLEAN_CASE, _new_case

    logged_in(client, "pediatrician@example.org")
    case_url = _new_case(client, CLEAN_CASE).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    post_form(client, case_url, {"action": "submit"}, case_url)
    coordinator = logged_in(make_client(), "coordinator@example.org")  # type: ignore[operator]
    post_form(coordinator, case_url, {"action": "return", "note": "Add the PHQ-A score."}, case_url)
    (message,) = [
        m for m in _outbox(database, "pediatrician@example.org") if "returned" in m.subject
    ]
    assert case_url in message.text_body
    for text in (CLEAN_CASE["question"], "fluoxetine", "Add the PHQ-A score."):
        assert text not in message.text_body and text not in message.html_body


def test_one_click_unsubscribe_stops_optional_mail_only(
    client: TestClient, database: Database
) -> None:
    from echo.notify import messages

    settings: Settings = client.app.state.settings  # type: ignore[attr-defined]
    with database.write() as session:
        user = session.exec(select(User).where(User.email == "np@example.org")).one()
        link = messages.unsubscribe_url(settings, user.id or 0, "reminders")
    path = link.removeprefix(settings.base_url.rstrip("/"))
    assert "Stop getting session reminders" in text_of(client.get(path).text)
    assert client.post(path).status_code == 200  # RFC 8058: a mail client's POST, no CSRF token
    with database.write() as session:
        assert not messages.wants(session, user.id or 0, "reminders")
        assert messages.wants(session, user.id or 0, "security")
    expired = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=tokens.Purpose.unsubscribe,
        lifetime=timedelta(seconds=1),
        now=utcnow() - timedelta(days=1),
        extra={"cat": "cases"},
    )
    refused = client.get(f"/unsubscribe/{expired}")
    assert refused.status_code == 400
    assert "This unsubscribe link is not valid any more." in text_of(refused.text)
    assert 'href="/me/notifications"' in refused.text


def test_sending_applies_the_persons_preferences_in_one_place(
    bare_client: TestClient, database: Database, settings: Settings
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        session.add(NotificationPreference(user_id=user.id or 0, category="cme", enabled=False))
        session.flush()
        notifications.certificate_ready(session, settings, user, "ECHO-7KQ2-M9XW")
        # Any message of a kind turned off is dropped by send() itself, whoever builds it.
        optional = messages.simple(
            settings,
            user,
            category="cme",
            subject="Evaluation open",
            paragraphs=["Tell us how the session went."],
            path="/me/credit",
            action_label="Open my credit",
        )
        assert messages.send(session, optional) is False
        assert messages.send(session, account_notifications.password_reset(settings, user))
    subjects = [m.subject for m in outbox_to(database, user.email)]
    assert subjects == ["Reset your Echo password"]  # the certificate email was not queued


def test_the_footer_names_the_sender_once(settings: Settings) -> None:
    class Person:
        id = 7
        email = "pat@example.org"

    content = messages.Content("Subject", "Heading", ["A paragraph."])
    plain = messages.compose(settings, Person(), content, category=messages.SECURITY)
    hub = messages.compose(
        settings, Person(), content, category=messages.SECURITY, sender_name="Valley Hub"
    )
    assert "\nEcho\n" in plain.text + "\n" and "Echo · Echo" not in plain.text
    assert "Valley Hub · Echo" in hub.text
