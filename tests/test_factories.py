"""The factories build what they say, through the services, so tests can rely on them."""

from __future__ import annotations

import itertools

import pytest
from starlette.testclient import TestClient

from echo.accounts import services as accounts
from echo.cases.models import CaseStatus
from echo.db import Database
from echo.programs.models import EnrollmentStatus
from echo.web.params import FormErrors
from tests import factories
from tests.helpers import logged_in, text_of


def test_defaults_are_unique_and_accounts_log_in(
    database: Database, bare_client: TestClient
) -> None:
    with database.write() as session:
        first, second = factories.create_user(session), factories.create_user(session)
        hub_a, hub_b = factories.create_hub(session), factories.create_hub(session)
    assert first.email != second.email and hub_a.slug != hub_b.slug
    assert first.is_active and first.email_verified_at is not None
    page = logged_in(bare_client, first.email, factories.PASSWORD).get("/me/profile")
    assert f"Signed in as {first.email}." in text_of(page.text)


def test_rules_of_the_services_hold(database: Database) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        stranger = factories.create_user(session)
        with pytest.raises(FormErrors, match="faculty"):
            factories.create_program(session, hub, lead_faculty=stranger)
        auto = factories.create_program(session, hub, approval=False)
        with pytest.raises(ValueError, match="no pending requests"):
            factories.enroll(session, stranger, auto, "pending")
        with pytest.raises(FormErrors, match="coordinator, faculty or CME"):
            factories.add_hub_role(session, stranger, hub, "owner")  # not a HubRole value


def test_enrollment_statuses_and_roles(database: Database) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        faculty = factories.create_user(session)
        factories.add_hub_role(session, faculty, hub, "faculty")
        program = factories.create_program(session, hub, lead_faculty=faculty)
        statuses = [
            factories.enroll(session, factories.create_user(session), program, status).status
            for status in ("active", "pending", "withdrawn")
        ]
        roles = accounts.hub_roles(session, faculty.id)
    assert statuses == [
        EnrollmentStatus.active,
        EnrollmentStatus.pending,
        EnrollmentStatus.withdrawn,
    ]
    assert roles == {hub.id: frozenset({"faculty"})}
    assert program.lead_faculty_id == faculty.id


@pytest.mark.parametrize("status", ["draft", "returned", "accepted", "presented"])
def test_cases_reach_the_status_asked_for(database: Database, status: str) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        program = factories.create_program(session, hub)
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
        case = factories.create_case(session, program, learner, status=status, staff=coordinator)
    assert case.status == CaseStatus(status)
    assert (case.session_id is not None) == (status in ("accepted", "presented"))


def test_schedule_and_sessions(database: Database) -> None:
    with database.write() as session:
        program = factories.create_program(session, factories.create_hub(session))
        series = factories.create_schedule(session, program, count=3, every_weeks=2)
        extra = factories.create_session(session, program, minutes=90)
    assert len(series) == 3
    assert [(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(series)] == [14, 14]
    assert (extra.ends_at - extra.starts_at).total_seconds() == 90 * 60
