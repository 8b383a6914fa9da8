"""/admin/mail: site administrators see failed messages and retry them; others get 404."""

from __future__ import annotations

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.db import Database
from echo.notify import outbox
from echo.notify.delivery import SmtpBackend
from echo.notify.models import OutboxMessage
from echo.notify.outbox import Message
from echo.web.context import NOTICES
from tests.helpers import csrf_from, logged_in, text_of
from tests.notify.smtp import Sink, smtp_server

REFUSAL = "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"


@pytest.fixture
def failed_message(database: Database) -> int:
    """One message the server refused, and one it accepted."""
    with database.write() as session:
        for to, subject in (("gone@example.org", "Case 12 was returned"), ("np@example.org", "Hi")):
            outbox.enqueue(
                session,
                Message(to=to, subject=subject, text="…", html="<p>…</p>", category="case"),
            )
    with smtp_server(Sink({"gone@example.org": REFUSAL})) as port:
        backend = SmtpBackend(f"smtp://127.0.0.1:{port}")
        outbox.run_once(database, backend, "worker-1")
    with database.read() as session:
        (failed,) = outbox.failures(session)
    return failed.id or 0


def test_admin_sees_failures_and_retries_one(
    client: TestClient, database: Database, failed_message: int
) -> None:
    logged_in(client, "admin@example.org")

    page = client.get("/admin/mail")

    assert page.status_code == 200
    text = text_of(page.text)
    assert "0 waiting to be sent 0 being sent 1 sent 1 failed" in text
    assert "Messages that could not be delivered, newest first" in text
    assert f"gone@example.org Case 12 was returned case 1 {REFUSAL}" in text, text
    assert "Retry “Case 12 was returned” to gone@example.org" in text
    assert f'action="/admin/mail/{failed_message}/retry"' in page.text

    retried = client.post(
        f"/admin/mail/{failed_message}/retry", data={"csrf_token": csrf_from(page.text)}
    )

    assert retried.status_code == 303
    assert retried.headers["location"] == "/admin/mail?notice=mail-retried"
    after = text_of(client.get(retried.headers["location"]).text)
    assert NOTICES["mail-retried"] in after
    assert "No failed messages." in after
    with database.read() as session:
        row = session.exec(select(OutboxMessage).where(OutboxMessage.id == failed_message)).one()
    assert (row.status, row.attempts, row.last_error) == ("queued", 0, "")

    again = client.post(
        f"/admin/mail/{failed_message}/retry", data={"csrf_token": csrf_from(page.text)}
    )
    assert again.headers["location"] == "/admin/mail?notice=mail-not-failed"


@pytest.mark.parametrize("email", ["coordinator@example.org", "pediatrician@example.org"])
def test_mail_page_is_404_for_others(client: TestClient, failed_message: int, email: str) -> None:
    logged_in(client, email)
    token = csrf_from(client.get("/me/profile").text)

    assert client.get("/admin/mail").status_code == 404
    refused = client.post(f"/admin/mail/{failed_message}/retry", data={"csrf_token": token})
    assert refused.status_code == 404


def test_mail_page_asks_visitors_to_log_in(client: TestClient) -> None:
    response = client.get("/admin/mail")

    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2Fadmin%2Fmail"
