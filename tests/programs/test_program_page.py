"""The program page says when the program meets, the next session and the credit it gives
(issue 14: it showed neither the cadence, the next session nor the CME credit)."""

from __future__ import annotations

import sqlalchemy as sa
from starlette.testclient import TestClient

from echo.db import Database
from tests.helpers import logged_in, text_of


def test_cadence_next_session_and_credit_on_the_program_page(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    page = text_of(client.get("/programs/peds-mh-echo").text)
    assert "When: Every other Tuesday, 12:00\u201313:00 (America/Los_Angeles)." in page
    assert "Next session: " in page
    assert (
        "CME: physicians may claim up to 1 AMA PRA Category 1 Credit\u2122 per session; "
        "everyone else a certificate of participation hours" in page
    )


def test_a_program_without_cme_settings_says_nothing_about_credit(
    client: TestClient, database: Database
) -> None:
    with database.write() as session:
        session.exec(sa.text("DELETE FROM cme_settings"))  # type: ignore[call-overload]
    page = text_of(client.get("/programs/peds-mh-echo").text)
    assert "CME:" not in page and "When: Every other Tuesday" in page
