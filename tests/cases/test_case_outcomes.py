"""The outcome report of a case: asked four weeks after the recommendations are released
(reminded once two weeks later), answered by the presenter alone with every field checked
and free text through the PHI guard; the hub sees it on the case, can invite an update,
and sees adoption per kind of recommendation in the dashboard's totals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlmodel import Session, select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.cases import outcomes
from echo.cases import services as cases
from echo.cases.models import Case, CaseOutcome
from echo.db import Database
from echo.outcomes import dashboard
from echo.phi import BLOCK_MESSAGES
from echo.programs.models import Program
from echo.security.permissions import HubRole
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, outbox_to, page_csrf, text_of

MakeClient = Callable[[], TestClient]
DRAFT = {
    "restated_question": "How to treat moderate depression in a 15-year-old?",
    "treatment": "Start fluoxetine 10 mg daily; increase to 20 mg after 2 weeks.",
    "supports": "CBT referral; a school counselor check-in weekly.",
    "safety_plan": "Complete a safety plan with the family.",
}


def _released(session: Session, program: Program, submitter_email: str) -> Case:
    """A case presented and its recommendations released by the lead faculty member."""
    submitter = factories.create_user(session, email=submitter_email)
    factories.enroll(session, submitter, program)
    lead = session.get(User, program.lead_faculty_id)
    assert lead is not None
    case = factories.create_case(session, program, submitter, status="presented", staff=lead)
    form, acknowledged = cases.read_recommendation_form(DRAFT, set())
    cases.save_recommendation(
        session,
        case,
        form=form,
        acknowledged=acknowledged,
        actor_id=lead.id or 0,
        expected_version=0,
    )
    cases.release(session, case, actor_id=lead.id or 0)
    session.flush()
    return case


def _program(session: Session) -> Program:
    lead = factories.create_user(session, email="lead@example.org")
    hub = factories.create_hub(session, slug="north")
    factories.add_hub_role(session, lead, hub, HubRole.faculty)
    factories.add_hub_role(session, lead, hub, HubRole.coordinator)
    return factories.create_program(session, hub, slug="mh-echo", lead_faculty=lead)


def test_release_schedules_the_request_then_one_reminder(
    database: Database, settings: Settings
) -> None:
    with database.write() as session:
        case = _released(session, _program(session), "presenter@example.org")
        outcome = outcomes.outcome_of(session, case.id or 0)
        assert outcome is not None
        due = outcome.due_at
        assert timedelta(days=27) < due - utcnow() <= timedelta(days=28)
        assert (
            outcomes.run(session, settings, due - timedelta(hours=1))["case outcome requests"] == 0
        )
        assert outcomes.run(session, settings, due)["case outcome requests"] == 1
        assert outcomes.run(session, settings, due + timedelta(days=1)) == {
            "case outcome requests": 0,
            "case outcome reminders": 0,
        }
        later = due + timedelta(weeks=2)
        assert outcomes.run(session, settings, later)["case outcome reminders"] == 1
        assert outcomes.run(session, settings, later + timedelta(weeks=4)) == {
            "case outcome requests": 0,
            "case outcome reminders": 0,
        }
    subjects = [m.subject for m in outbox_to(database, "presenter@example.org")]
    assert f"How is it going with case {case.id}?" in subjects
    assert f"Reminder: how is it going with case {case.id}?" in subjects


def test_presenter_reports_with_checks_and_the_guard(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        case = _released(session, _program(session), "presenter@example.org")
        factories.create_user(session, email="someone@example.org")
    path = f"/cases/{case.id}/outcome"
    other = logged_in(make_bare_client(), "someone@example.org", factories.PASSWORD)
    assert other.get(path).status_code == 404
    staff = logged_in(make_bare_client(), "lead@example.org", factories.PASSWORD)
    assert staff.get(path).status_code == 404  # the presenter's report alone
    presenter = logged_in(make_bare_client(), "presenter@example.org", factories.PASSWORD)
    form = presenter.get(path)
    assert form.status_code == 200
    text = text_of(form.text)
    for section in ("Treatment suggestions", "Therapy and school supports", "Safety planning"):
        assert section in text
    assert "Diagnostic considerations" not in text  # not written for this case
    incomplete = presenter.post(
        path,
        data={
            "adoption-treatment": "done",
            "adoption-supports": "sometimes",
            "comment": "Spoke with Maria Lopez, 555-201-3344, on 3/14.",
            "csrf_token": page_csrf(presenter, path),
        },
    )
    assert incomplete.status_code == 422
    for name in ("adoption-supports", "adoption-safety_plan", "child_status", "comment"):
        assert f'id="{name}-error"' in incomplete.text
    assert any(message in text_of(incomplete.text) for message in BLOCK_MESSAGES.values())
    with database.read() as session:
        stored = session.exec(select(CaseOutcome)).one()
        assert stored.answered_at is None and stored.comment == ""
    done = presenter.post(
        path,
        data={
            "adoption-treatment": "done",
            "adoption-supports": "partly",
            "adoption-safety_plan": "not-planned",
            "barriers": ["access", "payment"],
            "child_status": "better",
            "comment": "The CBT wait list was 10 weeks.",
            "wants_to_present": "yes",
            "csrf_token": page_csrf(presenter, path),
        },
    )
    assert done.status_code == 303
    page = text_of(staff.get(f"/cases/{case.id}").text)
    assert "Treatment suggestions Carried out" in page
    assert "Therapy and school supports Partly carried out" in page
    assert "The child Better" in page
    assert "No service nearby, or a long wait list; Insurance or cost" in page
    assert "The presenter would like to present an update." in page
    invited = staff.post(
        f"/cases/{case.id}/outcome/invite",
        data={"csrf_token": page_csrf(staff, f"/cases/{case.id}")},
    )
    assert invited.status_code == 303
    assert f"The hub invites you to present an update of case {case.id}" in [
        m.subject for m in outbox_to(database, "presenter@example.org")
    ]
    assert presenter.get(path, follow_redirects=False).status_code == 303  # answered: once
    outsider_invite = other.post(
        f"/cases/{case.id}/outcome/invite",
        data={"csrf_token": page_csrf(other, "/")},
    )
    assert outsider_invite.status_code == 404


def test_adoption_totals_need_five_reports(database: Database) -> None:
    now = utcnow()
    with database.write() as session:
        program = _program(session)
        released = [_released(session, program, f"p{n}@example.org") for n in range(5)]
        sections = [("treatment", "Treatment"), ("supports", "Supports"), ("safety_plan", "Safety")]
        plans = [
            ("done", "done", "done", "better"),
            ("done", "partly", "not-yet", "much-better"),
            ("partly", "not-planned", "done", "same"),
            ("not-planned", "not-planned", "not-planned", "worse"),
            ("done", "not-yet", "done", "unknown"),
        ]

        def report(case: Case, plan: tuple[str, str, str, str]) -> None:
            outcome = outcomes.outcome_of(session, case.id or 0)
            assert outcome is not None
            data = {
                f"adoption-{key}": [status]
                for (key, _), status in zip(sections, plan[:3], strict=True)
            }
            outcomes.save_report(
                session, outcome, sections, {**data, "child_status": [plan[3]]}, now
            )

        for case, plan in zip(released[:4], plans[:4], strict=True):
            report(case, plan)
        board = dashboard.build(
            session, [program], title="t", zone="UTC", period=dashboard.Period()
        )
        assert board.case_outcomes.reports == 4
        assert dashboard.table(board, "case-outcomes")[1] == []  # under 5: nothing shown
        report(released[4], plans[4])
        board = dashboard.build(
            session, [program], title="t", zone="UTC", period=dashboard.Period()
        )
    summary = board.case_outcomes
    assert summary.reports == 5 and summary.asked == 5
    # Treatment: done x3, partly x1, not x1; the fourth report changed nothing.
    assert summary.rows()[0] == ("Treatment suggestions", 5, 3, 1, 1)
    assert summary.changed_plan == 4
    rows = dashboard.table(board, "case-outcomes")[1]
    assert ["Care plan changed (any recommendation carried out)", 5, 4, "", 1] in rows
    assert ["Child: Better", 5, 1, "", ""] in rows
    assert board.case_outcomes.child_status["unknown"] == 1
