"""Emails to a case's submitter: a decline says so with the hub's reason, never case text,
and only to people who still want case emails."""

from __future__ import annotations

from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.accounts.notification_views import set_preference
from echo.cases.models import Case
from echo.db import Database
from echo.programs.models import Hub
from tests import factories
from tests.helpers import link_in, logged_in, outbox_to, post_form

REASON = "Outside our scope:\nplease ask the\tschool-based team."


def _submitted(
    database: Database, *, wants_case_emails: bool = True
) -> tuple[Case, User, User, Hub]:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, name="Decline Hub", coordinator=coordinator)
        program = factories.create_program(session, hub)
        submitter = factories.create_user(session)
        factories.enroll(session, submitter, program)
        case = factories.create_case(session, program, submitter, status="submitted")
        if not wants_case_emails:
            set_preference(session, submitter.id or 0, "cases", False)
    return case, submitter, coordinator, hub


def _decline(client: TestClient, coordinator: User, case: Case, note: str) -> None:
    logged_in(client, coordinator.email, factories.PASSWORD)
    case_url = f"/cases/{case.id}"
    declined = post_form(
        client, case_url, {"action": "decline", "note": note, "confirm": "1"}, case_url
    )
    assert declined.status_code == 303, declined.text[:500]
    assert declined.headers["location"].endswith("notice=case-declined")


def test_a_declined_case_emails_its_submitter_the_hubs_reason_and_no_case_text(
    bare_client: TestClient, database: Database
) -> None:
    case, submitter, coordinator, _hub = _submitted(database)
    before = len(outbox_to(database, submitter.email))  # "submitted" sends none today
    _decline(bare_client, coordinator, case, REASON)
    (message,) = outbox_to(database, submitter.email)[before:]
    assert message.subject == f"Your case {case.id} was declined"
    assert message.sender_name == "Decline Hub"
    assert f"The hub declined case {case.id}." in message.text_body
    # the note's line breaks and tabs become spaces: one paragraph
    reason = "The hub's reason: Outside our scope: please ask the school-based team."
    assert reason in message.text_body
    assert "Outside our scope: please ask the school-based team." in message.html_body
    assert link_in(message.text_body, "/cases/") == f"/cases/{case.id}"
    for field in (case.question, case.history, case.screening, case.family_context):
        assert field and field not in message.text_body and field not in message.html_body


def test_a_submitter_who_turned_case_emails_off_hears_nothing_of_a_decline(
    bare_client: TestClient, database: Database
) -> None:
    case, submitter, coordinator, _hub = _submitted(database, wants_case_emails=False)
    _decline(bare_client, coordinator, case, "Outside our scope.")
    assert outbox_to(database, submitter.email) == []
