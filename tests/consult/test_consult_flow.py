"""The consult line through its pages: a clinician of an enrolled practice asks (the PHI
guard refuses identifiers and stores nothing), the liaison sees it on the queue and
assigns the consultant on call, the consultant logs the call and writes the note with a
disposition, the requester reads it and downloads the PDF; hub isolation throughout."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.cases.models import Case, CaseStatus
from echo.consult import escalation, integration, practices, reports
from echo.consult import services as consults
from echo.consult.models import (
    ConsultEvent,
    ConsultLine,
    ConsultNote,
    ConsultRequest,
    ConsultStatus,
    Practice,
)
from echo.db import Database
from echo.outcomes import reports as outcome_reports
from echo.programs.models import Hub
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import (
    csrf_from,
    logged_in,
    outbox_to,
    page_csrf,
    pdf_structure_problems,
    text_of,
)

MakeClient = Callable[[], TestClient]

NOTE = {
    "assessment": "Likely ADHD, combined presentation, partial response to the current dose.",
    "recommendations": "Increase methylphenidate ER to 27 mg; recheck in 4 weeks.",
    "safety": "",
    "follow_up": "Call again if appetite loss or sleep trouble.",
    "disposition": "advice",
    "recommendation_types": "adjust-medication",
}


@dataclass
class World:
    line_slug: str
    requester: User
    liaison: User
    consultant: User
    outsider: User  # coordinator of another hub


def _world(database: Database, *, billing_support: bool = False) -> World:
    with database.write() as session:
        liaison = factories.create_user(session, email="liaison@example.org")
        consultant = factories.create_user(session, email="psychiatrist@example.org")
        hub = factories.create_hub(session, slug="cascadia", coordinator=liaison)
        factories.add_hub_role(session, consultant, hub, "faculty")
        requester = factories.create_user(session, email="peds@example.org")
        requester.work_phone = "503-555-0142"
        practice = factories.create_practice(session, requester, name="Riverbend Pediatrics")
        line = factories.create_consult_line(
            session,
            hub,
            slug="cascadia-line",
            practices_enrolled=(practice,),
            billing_support=billing_support,
        )
        consults.set_rotation(session, line, [consultant.id or 0])
        outsider = factories.create_user(session, email="other@example.org")
        factories.create_hub(session, slug="elsewhere", coordinator=outsider)
        return World(line.slug, requester, liaison, consultant, outsider)


@dataclass(frozen=True)
class Asking:
    line: ConsultLine
    hub: Hub
    practice: Practice
    requester: User


def _asking(session: Session, world: World) -> Asking:
    """The world's line and hub, and its requester with their practice, in ``session``."""
    found = consults.line_by_slug(session, world.line_slug)
    requester = session.get(User, world.requester.id)
    assert found is not None and requester is not None
    practice = practices.memberships(session, requester.id or 0)[0].practice
    return Asking(found[0], found[1], practice, requester)


def _ask(client: TestClient, **fields: str) -> object:
    page = client.get("/consult-lines/cascadia-line/request")
    assert page.status_code == 200, page.text[:300]
    data = {
        "csrf_token": csrf_from(page.text),
        "urgency": "same-day",
        "preferred_response": "call",
        "age_value": "9",
        "age_unit": "years",
        "sex": "male",
        "reasons": "medication",
        "concerns": "Inattention at school for two years; Vanderbilt positive in 2025.",
        "medications": "Methylphenidate ER 18 mg each morning.",
        "question": "Would you increase the dose or switch stimulants?",
        **fields,
    }
    return client.post("/consult-lines/cascadia-line/request", data=data)


def test_full_consult_cycle_through_the_pages(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    requester = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    sent = _ask(requester)
    assert sent.status_code == 303  # type: ignore[attr-defined]
    consult_path = sent.headers["location"].split("?")[0]  # type: ignore[attr-defined]
    assert consult_path.startswith("/consults/")
    mine = text_of(requester.get(consult_path).text)
    assert "Would you increase the dose or switch stimulants?" in mine
    assert "min left" in mine and "503-555-0142" in mine
    assert any("New consult request" in m.subject for m in outbox_to(database, world.liaison.email))

    liaison = logged_in(make_bare_client(), world.liaison.email, factories.PASSWORD)
    queue = liaison.get("/consult-lines/cascadia-line/queue")
    assert queue.status_code == 200
    assert "Riverbend Pediatrics" in text_of(queue.text)
    rows = liaison.get("/consult-lines/cascadia-line/queue/rows")
    assert rows.status_code == 200 and 'hx-trigger="every 15s"' in rows.text
    page = liaison.get(consult_path)
    assert f"On call now: {world.consultant.display_name}" in text_of(page.text)
    assigned = liaison.post(
        f"{consult_path}/assign",
        data={"csrf_token": csrf_from(page.text), "consultant_id": str(world.consultant.id)},
    )
    assert assigned.status_code == 303
    assert any("assigned to you" in m.subject for m in outbox_to(database, world.consultant.email))

    consultant = logged_in(make_bare_client(), world.consultant.email, factories.PASSWORD)
    page = consultant.get(consult_path)
    token = csrf_from(page.text)
    assert (
        consultant.post(
            f"{consult_path}/call", data={"csrf_token": token, "step": "start"}
        ).status_code
        == 303
    )
    assert (
        consultant.post(
            f"{consult_path}/call", data={"csrf_token": token, "step": "end"}
        ).status_code
        == 303
    )
    form = consultant.get(f"{consult_path}/note")
    saved = consultant.post(
        f"{consult_path}/note", data={"csrf_token": csrf_from(form.text), **NOTE}
    )
    assert saved.status_code == 303, saved.text[:800]

    read = text_of(requester.get(consult_path).text)
    assert "Increase methylphenidate ER to 27 mg" in read and "Advice only" in read
    assert any("answered" in m.subject for m in outbox_to(database, world.requester.email))
    document = requester.get(f"{consult_path}/note.pdf")
    assert document.status_code == 200
    assert document.headers["content-type"] == "application/pdf"
    assert pdf_structure_problems(document.content) == []
    with database.read() as session:
        request = session.exec(select(ConsultRequest)).one()
        assert request.status == ConsultStatus.answered
        assert request.responded_at is not None and request.callback_ended_at is not None
        actions = [e.action for e in session.exec(select(ConsultEvent).order_by(ConsultEvent.id))]
    assert actions == ["create", "assign", "call-start", "call-end", "answer"]


def test_blocked_identifier_is_never_stored(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    requester = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    answer = _ask(requester, question="Can you call about Jayden Smith, MRN 4455123?")
    assert answer.status_code == 422  # type: ignore[attr-defined]
    body = answer.text  # type: ignore[attr-defined]
    assert "Not saved" in body
    assert "Jayden Smith, MRN 4455123" in body  # kept in the form, for the person to fix
    with database.read() as session:
        assert session.exec(select(ConsultRequest)).all() == []


def test_missing_choices_are_named_next_to_their_fields(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    requester = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    answer = _ask(requester, urgency="", age_value="abc", preferred_response="fax")
    assert answer.status_code == 422  # type: ignore[attr-defined]
    shown = text_of(answer.text)  # type: ignore[attr-defined]
    assert "Choose how urgent this is." in shown
    assert "Enter the age as a whole number, such as 9." in shown
    assert "Choose a call or a written reply." in shown


def test_other_hubs_and_other_practices_never_see_a_consult(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    requester = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    consult_path = _ask(requester).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    with database.write() as session:
        stranger = factories.create_user(session, email="stranger@example.org")
        factories.create_practice(session, stranger, name="Hilltop Family Medicine")
    for email in (world.outsider.email, "stranger@example.org"):
        client = logged_in(make_bare_client(), email, factories.PASSWORD)
        assert client.get(consult_path).status_code == 404
        assert client.get(f"{consult_path}/note.pdf").status_code == 404
        assert client.get("/consult-lines/cascadia-line/queue").status_code == 404
        assert client.get("/consult-lines/cascadia-line/request").status_code == 404
        token = page_csrf(client, "/consults")
        assert (
            client.post(
                f"{consult_path}/assign", data={"csrf_token": token, "consultant_id": "1"}
            ).status_code
            == 404
        )


def test_escalation_emails_the_liaison_once_when_the_target_passes(
    database: Database, settings: Settings
) -> None:
    world = _world(database)
    created = utcnow() - timedelta(hours=1)
    with database.write() as session:
        asking = _asking(session, world)
        request = factories.create_consult_request(
            session, asking.line, asking.practice, asking.requester, now=created
        )
        request_id = request.id
    # 29 minutes after the request: still inside the 30-minute target.
    with database.write() as session:
        assert escalation.run(session, settings, created + timedelta(minutes=29)) == 0
    with database.write() as session:
        assert escalation.run(session, settings, created + timedelta(minutes=30)) == 1
    with database.write() as session:
        assert escalation.run(session, settings, created + timedelta(minutes=45)) == 0
        stored = session.get(ConsultRequest, request_id)
        assert stored is not None and stored.escalated_at is not None
    escalations = [m for m in outbox_to(database, world.liaison.email) if "passed its" in m.subject]
    assert len(escalations) == 1
    assert "Vanderbilt" not in escalations[0].text_body


def test_a_request_answered_before_its_target_is_never_escalated(
    database: Database, settings: Settings
) -> None:
    world = _world(database)
    created = utcnow() - timedelta(hours=2)
    with database.write() as session:
        asking = _asking(session, world)
        request = factories.create_consult_request(
            session, asking.line, asking.practice, asking.requester, now=created
        )
        request.responded_at = created + timedelta(minutes=10)
        session.add(request)
    with database.write() as session:
        assert escalation.run(session, settings, utcnow()) == 0


def test_billing_support_summary_on_the_consult(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database, billing_support=True)
    requester = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    consult_path = _ask(requester).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    consultant = logged_in(make_bare_client(), world.consultant.email, factories.PASSWORD)
    form = consultant.get(f"{consult_path}/note")
    missing = consultant.post(
        f"{consult_path}/note", data={"csrf_token": csrf_from(form.text), **NOTE}
    )
    assert missing.status_code == 422
    assert "Choose how the advice was given." in text_of(missing.text)
    saved = consultant.post(
        f"{consult_path}/note",
        data={
            "csrf_token": csrf_from(form.text),
            **NOTE,
            "discussion_minutes": "12",
            "review_minutes": "4",
            "modality": "verbal-written",
        },
    )
    assert saved.status_code == 303
    page = requester.get(consult_path)
    assert "Not attested yet" in text_of(page.text)
    attested = requester.post(
        f"{consult_path}/time",
        data={
            "csrf_token": csrf_from(page.text),
            "requester_minutes": "20",
            "consent_attested": "yes",
        },
    )
    assert attested.status_code == 303
    shown = text_of(requester.get(consult_path).text)
    assert "CPT 99447" in shown and "CPT 99452" in shown
    assert "7 days" in shown
    with database.read() as session:
        assert session.exec(select(ConsultNote)).one().disposition == "advice"


def test_present_at_echo_turns_the_consult_into_a_case_draft(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    with database.write() as session:
        hub = session.exec(select(Hub).where(Hub.slug == "cascadia")).one()
        program = factories.create_program(session, hub, title="Anxiety ECHO")
        requester = session.get(User, world.requester.id)
        assert requester is not None
        factories.enroll(session, requester, program)
    client = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    consult_path = _ask(client, present_at_echo="yes").headers["location"].split("?")[0]  # type: ignore[attr-defined]
    page = client.get(consult_path)
    assert "Present this child at ECHO" in text_of(page.text)
    started = client.post(
        f"{consult_path}/case",
        data={"csrf_token": csrf_from(page.text), "program_id": str(program.id)},
    )
    assert started.status_code == 303
    assert started.headers["location"].startswith("/cases/")
    with database.read() as session:
        case = session.exec(select(Case)).one()
        request = session.exec(select(ConsultRequest)).one()
    assert case.status == CaseStatus.draft and case.program_id == program.id
    assert case.question == "Would you increase the dose or switch stimulants?"
    assert request.case_id == case.id
    # Once only: a repeat (a second tab, a double send) goes to the draft already made.
    again = client.post(
        f"{consult_path}/case",
        data={"csrf_token": csrf_from(page.text), "program_id": str(program.id)},
    )
    assert again.status_code == 303 and again.headers["location"] == f"/cases/{case.id}"
    with database.read() as session:
        assert len(session.exec(select(Case)).all()) == 1


def test_training_15_counts_the_clinicians_who_used_the_line(database: Database) -> None:
    world = _world(database)
    with database.write() as session:
        asking = _asking(session, world)
        for _ in range(2):
            factories.create_consult_request(
                session, asking.line, asking.practice, asking.requester
            )
        report = outcome_reports.annual_report(session, asking.hub, utcnow().year)
    _, rows = outcome_reports.training_15(report)
    assert ["1. Consultation", "Providers participating in consultation", "All", 1] in rows


def test_report_counts_volume_response_times_and_levels(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    now = utcnow()
    with database.write() as session:
        asking = _asking(session, world)
        line, practice, requester = asking.line, asking.practice, asking.requester
        for minutes in (10, 20, 40, 90):  # first contact after this many minutes
            created = now - timedelta(hours=3)
            request = factories.create_consult_request(
                session, line, practice, requester, now=created
            )
            request.responded_at = created + timedelta(minutes=minutes)
            session.add(request)
        factories.create_consult_request(session, line, practice, requester)  # still waiting
        practices.save_assessment(
            session,
            practice.id or 0,
            {q.key: q.level <= 3 for q in integration.LEVEL_QUESTIONS},
            actor_id=requester.id or 0,
        )
        report = reports.build(session, line, now)
    assert report.total == 5 and report.responded == 4
    assert report.median_minutes == 20 and report.p90_minutes == 90  # nearest rank
    assert report.within_target == 2  # 10 and 20 minutes, against 30
    assert report.providers_consulting == 1 and report.practices_consulting == 1
    assert [(row.practice.name, row.level) for row in report.levels] == [
        ("Riverbend Pediatrics", 3)
    ]
    client = logged_in(make_bare_client(), world.liaison.email, factories.PASSWORD)
    page = text_of(client.get("/consult-lines/cascadia-line/report").text)
    assert "5 consult requests" in page and "2 of 4 contacted within the target" in page
    assert client.get("/consult-lines/cascadia-line/report?months=99").status_code == 422
    outsider = logged_in(make_bare_client(), world.outsider.email, factories.PASSWORD)
    assert outsider.get("/consult-lines/cascadia-line/report").status_code == 404


def test_a_case_draft_only_from_a_consult_meant_for_echo(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    with database.write() as session:
        hub = session.exec(select(Hub).where(Hub.slug == "cascadia")).one()
        program = factories.create_program(session, hub)
        requester = session.get(User, world.requester.id)
        assert requester is not None
        factories.enroll(session, requester, program)
    client = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    consult_path = _ask(client).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    page = client.get(consult_path)
    assert "Present this child at ECHO" not in text_of(page.text)
    refused = client.post(
        f"{consult_path}/case",
        data={"csrf_token": csrf_from(page.text), "program_id": str(program.id)},
    )
    assert refused.status_code == 404
    with database.read() as session:
        assert session.exec(select(Case)).all() == []


def test_sending_the_same_question_again_goes_to_the_request_on_the_queue(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    client = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    first = _ask(client).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    again = _ask(client)
    assert again.status_code == 303  # type: ignore[attr-defined]
    assert again.headers["location"].startswith(f"{first}?")  # type: ignore[attr-defined]
    with database.read() as session:
        assert len(session.exec(select(ConsultRequest)).all()) == 1
    different = _ask(client, question="And if she does not tolerate the higher dose?")
    assert different.headers["location"].split("?")[0] != first  # type: ignore[attr-defined]


def test_homes_show_the_line_to_its_team_and_to_clinicians_of_enrolled_practices(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    with database.write() as session:
        asking = _asking(session, world)
        late = factories.create_consult_request(
            session,
            asking.line,
            asking.practice,
            asking.requester,
            now=utcnow() - timedelta(hours=1),
        )
        consults.assign(session, late, world.consultant.id or 0, actor_id=world.liaison.id or 0)
    liaison = text_of(
        logged_in(make_bare_client(), world.liaison.email, factories.PASSWORD).get("/").text
    )
    assert "1 open request on Consult line" in liaison and "1 past the target" in liaison
    consultant = logged_in(make_bare_client(), world.consultant.email, factories.PASSWORD)
    assert f"Consult {late.id} is assigned to you" in text_of(consultant.get("/").text)
    asker = text_of(
        logged_in(make_bare_client(), world.requester.email, factories.PASSWORD).get("/").text
    )
    assert "Ask Consult line" in asker and f"Consult {late.id}: Assigned" in asker


def test_withdrawing_asks_for_a_tick_and_only_before_a_first_contact(
    make_bare_client: MakeClient, database: Database
) -> None:
    world = _world(database)
    client = logged_in(make_bare_client(), world.requester.email, factories.PASSWORD)
    consult_path = _ask(client).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    token = csrf_from(client.get(consult_path).text)
    unticked = client.post(f"{consult_path}/cancel", data={"csrf_token": token})
    assert unticked.status_code == 422
    assert "Tick the box to confirm" in text_of(unticked.text)
    ticked = client.post(f"{consult_path}/cancel", data={"csrf_token": token, "confirm": "yes"})
    assert ticked.status_code == 303
    with database.read() as session:
        assert session.exec(select(ConsultRequest)).one().status == ConsultStatus.cancelled
