"""Building the email from an outbox row, and the file backend (no database, no network)."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import cast

import pytest

from echo.notify.delivery import (
    FileBackend,
    SmtpBackend,
    backend_from_settings,
    build_email,
    may_send_in_clear,
)
from echo.notify.models import OutboxMessage
from echo.settings import Settings

UNSUBSCRIBE = "<https://echo.example.org/unsubscribe/" + "eyJhbGciOiJIUzI1NiJ9." * 8 + "x>"
INVITATION = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Echo//EN\r\nMETHOD:REQUEST\r\n"
    "BEGIN:VEVENT\r\nUID:session-12@echo.example.org\r\nDTSTAMP:20260301T120000Z\r\n"
    "DTSTART:20260303T200000Z\r\nDTEND:20260303T210000Z\r\nSUMMARY:Anxiety in teens\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def outbox_row(**overrides: object) -> OutboxMessage:
    values: dict[str, object] = {
        "id": 7,
        "to_address": "pediatrician@example.org",
        "sender_name": "Cascadia Hub — Kinder",
        "subject": "Session tomorrow: Anxiety in teens",
        "text_body": "See you tomorrow.\n",
        "html_body": "<p>See you tomorrow.</p>",
        "headers": json.dumps(
            {"List-Unsubscribe": UNSUBSCRIBE, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        ),
        "created_at": datetime(2026, 3, 2, 20, 0, tzinfo=UTC),
        **overrides,
    }
    return OutboxMessage(**values)


def parsed(message: EmailMessage) -> EmailMessage:
    return cast(
        EmailMessage, email.message_from_bytes(message.as_bytes(), policy=email.policy.default)
    )


def test_build_email_has_encoded_sender_and_alternatives() -> None:
    raw = build_email(outbox_row(), "echo@example.org").as_bytes()
    message = parsed(build_email(outbox_row(), "echo@example.org"))

    sender = message["From"].addresses[0]
    assert (sender.display_name, sender.addr_spec) == ("Cascadia Hub — Kinder", "echo@example.org")
    # RFC 2047 encoded-word for the non-ASCII dash; the whole message is ASCII.
    assert b"\r\nFrom: Cascadia Hub =?utf-8?b?4oCU?= Kinder <echo@example.org>\r\n" in (
        b"\r\n" + raw
    )
    assert raw.isascii()
    assert message["To"] == "pediatrician@example.org"
    assert message["Subject"] == "Session tomorrow: Anxiety in teens"
    assert message["Date"] == "Mon, 02 Mar 2026 20:00:00 +0000"
    assert message.get_content_type() == "multipart/alternative"
    parts = [
        (part.get_content_type(), part.get_content().replace("\r\n", "\n"))
        for part in message.iter_parts()
    ]
    assert parts == [
        ("text/plain", "See you tomorrow.\n"),
        ("text/html", "<p>See you tomorrow.</p>\n"),
    ]


def test_sender_name_with_specials_is_quoted() -> None:
    row = outbox_row(sender_name='Cascadia, "Kinder" Hub')
    raw = build_email(row, "echo@example.org").as_bytes()
    assert b'From: "Cascadia, \\"Kinder\\" Hub" <echo@example.org>\r\n' in raw
    assert parsed(build_email(row, "echo@example.org"))["From"].addresses[0].display_name == (
        'Cascadia, "Kinder" Hub'
    )


def test_non_ascii_bodies_travel_as_ascii() -> None:
    row = outbox_row(text_body="Café à 12 h — ça va ?\n", html_body="<p>Café — ça va ?</p>")
    raw = build_email(row, "echo@example.org").as_bytes()
    assert raw.isascii()
    text, html = parsed(build_email(row, "echo@example.org")).iter_parts()
    assert text.get_content() == "Café à 12 h — ça va ?\r\n"
    assert "<p>Café — ça va ?</p>" in html.get_content()


def test_list_unsubscribe_is_one_unencoded_line() -> None:
    raw = build_email(outbox_row(), "echo@example.org").as_bytes()
    # RFC 2369: the URL stays in angle brackets as given (no folding into encoded-words).
    assert f"\r\nList-Unsubscribe: {UNSUBSCRIBE}\r\n".encode() in raw
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in raw


def test_message_id_is_the_same_on_every_attempt() -> None:
    first = build_email(outbox_row(), "echo@example.org")["Message-ID"]
    again = build_email(outbox_row(), "echo@example.org")["Message-ID"]
    other = build_email(outbox_row(id=8), "echo@example.org")["Message-ID"]
    assert first == again != other
    assert first.startswith("<echo.7.") and first.endswith("@example.org>")


def test_invitation_is_an_alternative_and_an_attachment() -> None:
    message = parsed(
        build_email(outbox_row(calendar=INVITATION, calendar_method="REQUEST"), "echo@example.org")
    )

    assert message.get_content_type() == "multipart/mixed"
    alternative, attachment = list(message.iter_parts())
    assert [part.get_content_type() for part in alternative.iter_parts()] == [
        "text/plain",
        "text/html",
        "text/calendar",
    ]
    calendar = list(alternative.iter_parts())[2]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    assert "UID:session-12@echo.example.org" in calendar.get_content()
    assert attachment.get_content_type() == "application/ics"
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_content() == INVITATION.encode()


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"headers": json.dumps({"Bcc": "someone@example.org"})}, "set by Echo"),
        ({"headers": json.dumps({"X-Note": "a\r\nBcc: x@example.org"})}, "line break"),
        ({"calendar": INVITATION, "calendar_method": "PUBLISH"}, "REQUEST or CANCEL"),
    ],
)
def test_build_email_refuses_malformed_rows(overrides: dict[str, str], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        build_email(outbox_row(**overrides), "echo@example.org")


def test_file_backend_writes_one_eml_per_message(tmp_path: Path) -> None:
    backend = FileBackend(tmp_path / "mail")
    with backend:
        backend.send(build_email(outbox_row(), "echo@localhost"), recipient="x", reference="7")

    (written,) = (tmp_path / "mail").iterdir()
    assert written.name.endswith("-7.eml")
    assert backend.last_destination == f"written to {written}"
    message = cast(
        EmailMessage, email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    )
    assert message["Subject"] == "Session tomorrow: Anxiety in teens"


def test_backend_from_settings(tmp_path: Path) -> None:
    files = backend_from_settings(Settings(var_dir=tmp_path, mail_from="hub@example.org"))
    assert isinstance(files, FileBackend)
    assert files.folder == tmp_path / "mail" and files.from_address == "hub@example.org"

    smtp = backend_from_settings(
        Settings(var_dir=tmp_path, smtp_url="smtps://me%40example.org:p%2Fw@mail.example.org")
    )
    assert isinstance(smtp, SmtpBackend)
    assert (smtp.host, smtp.port, smtp.implicit_tls) == ("mail.example.org", 465, True)
    assert (smtp.username, smtp.password) == ("me@example.org", "p/w")
    assert smtp.address == "smtps://mail.example.org:465"  # no credentials in messages
    assert "p/w" not in repr(smtp)


@pytest.mark.parametrize(
    ("host", "has_password", "allowed"),
    [
        ("mail.example.org", False, True),  # a relay that takes mail without logging in
        ("mail.example.org", True, False),  # the password would cross the network in clear
        ("192.0.2.25", True, False),
        ("localhost", True, True),
        ("127.0.0.2", True, True),
        ("::1", True, True),
    ],
)
def test_passwords_never_travel_in_clear(host: str, has_password: bool, allowed: bool) -> None:
    assert may_send_in_clear(host, has_password=has_password) is allowed


def test_smtp_url_must_be_smtp(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="smtp://host:port"):
        SmtpBackend("http://mail.example.org")
