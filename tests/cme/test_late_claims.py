"""Late claims (issue 14): after the claim window closes, a learner asks with a reason; a
CME administrator approves (the claim opens for 14 days) or declines; a few a year."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlmodel import select
from starlette.testclient import TestClient

from echo.cme.late_claims import LATE_CLAIMS_PER_YEAR
from echo.cme.models import LateClaimRequest
from echo.db import Database
from tests.helpers import logged_in, page_csrf, post_form, text_of


def _close_every_window(database: Database) -> None:
    with database.write() as session:
        session.exec(sa.text("UPDATE cme_settings SET claim_window_days = 0"))  # type: ignore[call-overload]


def _np_late_session(client: TestClient) -> str:
    logged_in(client, "np@example.org")
    page = client.get("/me/credit").text
    found = re.search(r'href="/sessions/(\d+)/claim/late"', page)
    assert found, text_of(page)
    return found.group(1)


def test_a_closed_window_offers_a_late_claim_that_an_approval_reopens(
    client: TestClient, database: Database
) -> None:
    _close_every_window(database)
    session_id = _np_late_session(client)
    url = f"/sessions/{session_id}/claim/late"
    assert "Request a late claim" in text_of(client.get(url).text)
    empty = post_form(client, url, {"reason": ""}, url)
    assert empty.status_code == 422 and 'id="reason-error"' in empty.text
    blocked = post_form(client, url, {"reason": "Was with Maria Lopez at 555-201-3344."}, url)
    assert blocked.status_code == 422 and "Nothing was stored" in text_of(blocked.text)
    sent = post_form(client, url, {"reason": "I was on parental leave when it closed."}, url)
    assert sent.headers["location"] == "/me/credit?notice=late-claim-requested"
    credit = text_of(client.get("/me/credit").text)
    assert "Late claim requested, waiting for the CME office" in credit
    assert client.get(f"/sessions/{session_id}/claim").status_code == 200  # page, no form
    with database.read() as session:
        [request] = session.exec(select(LateClaimRequest)).all()
        assert request.reason == "I was on parental leave when it closed."

    logged_in(client, "cme@example.org")
    dashboard = client.get("/programs/peds-mh-echo/cme").text
    assert "Late claims waiting for a decision" in dashboard
    assert "I was on parental leave when it closed." in dashboard
    token = page_csrf(client, "/programs/peds-mh-echo/cme")
    decided = client.post(
        f"/programs/peds-mh-echo/cme/late-claims/{request.id}",
        data={"csrf_token": token, "decision": "approve"},
    )
    assert decided.headers["location"].endswith("notice=late-claim-approved")

    logged_in(client, "np@example.org")
    credit_page = client.get("/me/credit").text
    assert f'href="/sessions/{session_id}/evaluation"' in credit_page  # claimable again


def test_a_declined_late_claim_stays_closed(client: TestClient, database: Database) -> None:
    _close_every_window(database)
    session_id = _np_late_session(client)
    url = f"/sessions/{session_id}/claim/late"
    post_form(client, url, {"reason": "Missed the email."}, url)
    with database.read() as session:
        [request] = session.exec(select(LateClaimRequest)).all()
    logged_in(client, "cme@example.org")
    token = page_csrf(client, "/programs/peds-mh-echo/cme")
    client.post(
        f"/programs/peds-mh-echo/cme/late-claims/{request.id}",
        data={"csrf_token": token, "decision": "decline"},
    )
    logged_in(client, "np@example.org")
    assert "Late claim declined" in text_of(client.get("/me/credit").text)
    assert client.get(url).status_code == 303  # no second request for the session


def test_only_the_hubs_cme_office_decides(client: TestClient, database: Database) -> None:
    _close_every_window(database)
    session_id = _np_late_session(client)
    url = f"/sessions/{session_id}/claim/late"
    post_form(client, url, {"reason": "Missed the email."}, url)
    with database.read() as session:
        [request] = session.exec(select(LateClaimRequest)).all()
    for email in ("np@example.org", "faculty@example.org", "pediatrician@example.org"):
        logged_in(client, email)
        token = page_csrf(client, "/me/profile")
        answer = client.post(
            f"/programs/peds-mh-echo/cme/late-claims/{request.id}",
            data={"csrf_token": token, "decision": "approve"},
        )
        assert answer.status_code == 404, email
    with database.read() as session:
        assert session.get(LateClaimRequest, request.id).status == "pending"  # type: ignore[union-attr]


def test_a_person_has_a_few_late_claims_a_year(client: TestClient, database: Database) -> None:
    _close_every_window(database)
    session_id = _np_late_session(client)
    with database.write() as session:
        user_id = session.exec(
            sa.text("SELECT id FROM user_account WHERE email = 'np@example.org'")  # type: ignore[call-overload]
        ).one()[0]
        program_id = session.exec(
            sa.text("SELECT program_id FROM program_session WHERE id = :id"),  # type: ignore[call-overload]
            params={"id": int(session_id)},
        ).one()[0]
        others = session.exec(
            sa.text(  # type: ignore[call-overload]
                "SELECT id FROM program_session WHERE program_id = :p AND id != :id LIMIT :n"
            ),
            params={"p": program_id, "id": int(session_id), "n": LATE_CLAIMS_PER_YEAR},
        ).all()
        for (other,) in others:
            session.add(
                LateClaimRequest(
                    session_id=other, program_id=program_id, user_id=user_id, reason="Earlier."
                )
            )
    url = f"/sessions/{session_id}/claim/late"
    page = text_of(client.get(url).text)
    assert "you have 0 left" in page and "You have used this year's requests" in page
    refused = post_form(client, url, {"reason": "Again."}, url)
    assert refused.status_code == 422 and "the most allowed" in text_of(refused.text)
