"""Role homes at ``/``: each role's section lists the right items, links straight to the
page where the action happens, says what to do next when empty, and never shows another
person's or another hub's data. Visitors who are not signed in still get the catalog."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session
from starlette.testclient import TestClient

from echo.accounts import calendar_tokens
from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.attendance.models import IntervalSource, ReportImport, UnmatchedAttendee
from echo.cme import services as cme
from echo.cme.forms import SettingsForm
from echo.cme.models import Certificate, Claim
from echo.db import Database
from echo.notify.models import OutboxMessage
from echo.programs.models import Hub, Program, ProgramSession
from echo.settings import Settings
from echo.timeutil import format_date, in_zone, utcnow
from tests import factories
from tests.helpers import logged_in, text_of

MEETING = "https://meeting.example.org/j/123456789"
CME_SETTINGS = {
    "provider": "Test Office of CME",
    "ama_enabled": "yes",
    "ama_max_per_session": "1",
    "participation_enabled": "yes",
    "moc_points_per_session": "1",
    "evaluation_required": "yes",
    "claim_window_days": "30",
}


def _sign_in(client: TestClient, user: User) -> TestClient:
    return logged_in(client, user.email, factories.PASSWORD)


def _home(client: TestClient) -> str:
    response = client.get("/")
    assert response.status_code == 200, response.text[:500]
    return response.text


def _session_soon(session: Session, program: Program, minutes: int = 10) -> ProgramSession:
    """A one-meeting schedule (with a meeting link) starting ``minutes`` from now."""
    start = (utcnow() + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    local = in_zone(start, "America/Los_Angeles")
    (item,) = factories.create_schedule(
        session, program, first_date=local.date(), start_time=local.time(), count=1
    )
    return item


def _held(session: Session, program: Program, days_ago: int = 2) -> ProgramSession:
    return factories.create_session(
        session, program, start=(utcnow() - timedelta(days=days_ago)).replace(microsecond=0)
    )


def _attended(session: Session, item: ProgramSession, user: User) -> None:
    attendance.add_intervals(
        session, item.id or 0, user.id or 0, IntervalSource.report, [(item.starts_at, item.ends_at)]
    )


def _offers_credit(session: Session, program: Program, actor: User) -> None:
    cme.save_settings(session, program, SettingsForm.parse(CME_SETTINGS), actor_id=actor.id or 0)


# --- everyone ------------------------------------------------------------------------------


def test_anonymous_home_is_still_the_catalog(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        factories.create_program(session, hub, title="Catalogued ECHO")
    for path in ("/", "/programs"):
        text = text_of(bare_client.get(path).text)
        assert "Programs Recurring case-based sessions" in text, path
        assert "Catalogued ECHO" in text


def test_catalog_is_one_click_from_every_home(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    page = _home(_sign_in(bare_client, user))
    assert '<a href="/programs">Browse all programs</a>' in page
    assert '<a href="/programs">Programs</a>' in page  # the navigation
    assert "Catalogued" not in page and "Welcome, " in page


def test_navigation_shows_each_roles_places(make_bare_client: object, database: Database) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        factories.create_program(session, hub)
        learner = factories.create_user(session)
        faculty = factories.create_user(session)
        factories.add_hub_role(session, faculty, hub, "faculty")
        cme_admin = factories.create_user(session)
        factories.add_hub_role(session, cme_admin, hub, "cme-admin")
    clients = make_bare_client  # a factory of browsers
    navs = {}
    for name, person in (("learner", learner), ("faculty", faculty), ("cme", cme_admin)):
        client = _sign_in(clients(), person)  # type: ignore[operator]
        page = _home(client)
        navs[name] = re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a></li>', page)
    for places in navs.values():
        assert ("/me/credit", "My credit") in places
        assert ("/me/transcript", "Transcript") in places
        assert ("/me/notifications", "Email preferences") in places
    assert ("/triage", "Triage") in navs["faculty"]
    assert ("/cme", "CME") in navs["cme"]
    assert ("/triage", "Triage") not in navs["learner"] + navs["cme"]
    assert ("/cme", "CME") not in navs["learner"] + navs["faculty"]


def test_triage_and_cme_places_lead_to_the_persons_own_hub(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, slug="home-hub", coordinator=coordinator)
        factories.create_program(session, hub, slug="home-program")
        factories.create_program(session, factories.create_hub(session), slug="other-program")
    _sign_in(bare_client, coordinator)
    assert bare_client.get("/triage").headers["location"] == "/hubs/home-hub/cases"
    assert bare_client.get("/cme").headers["location"] == "/programs/home-program/cme"


# --- learner -------------------------------------------------------------------------------


def test_learner_next_session_has_join_link_and_check_in_while_open(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(session, hub, title="Soon ECHO")
        learner = factories.create_user(session, time_zone="America/Chicago")
        factories.enroll(session, learner, program)
        item = _session_soon(session, program)
    page = _home(_sign_in(bare_client, learner))
    text = text_of(page)
    # The weekday in the viewer's zone (in UTC it is another day for six hours a day).
    local_start = item.starts_at.astimezone(ZoneInfo("America/Chicago"))
    assert f"Next session {local_start:%a} " in text
    assert "(America/Chicago)" in text  # the viewer's zone, named
    assert (
        f'<a class="button" href="{MEETING}" rel="noopener noreferrer">Join the video meeting</a>'
        in page
    )
    assert f'action="/sessions/{item.id}/check-in"' in page
    assert f'href="/sessions/{item.id}/event.ics"' in page
    assert f'href="/sessions/{item.id}"' in page


def test_learner_next_session_far_ahead_has_no_join_link_yet(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(session, hub)
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
        factories.create_schedule(session, program)  # next week
    page = _home(_sign_in(bare_client, learner))
    assert "Join the video meeting" not in page
    assert "/check-in" not in page
    assert "The meeting link appears here 30 minutes before the start" in text_of(page)


def test_learner_sees_cases_credit_certificates_and_requests(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        staff = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=staff)
        program = factories.create_program(session, hub, title="Credit ECHO")
        waiting_room = factories.create_program(session, hub, title="Waiting ECHO")
        learner = factories.create_user(session, credentials="NP", profession="Nurse")
        factories.enroll(session, learner, program)
        factories.enroll(session, learner, waiting_room, "pending")
        draft = factories.create_case(session, program, learner)
        returned = factories.create_case(session, program, learner, status="returned", staff=staff)
        _offers_credit(session, program, staff)
        held = _held(session, program, days_ago=3)
        _attended(session, held, learner)
        claimed = _held(session, program, days_ago=5)
        record = Claim(
            session_id=claimed.id or 0,
            program_id=program.id or 0,
            user_id=learner.id or 0,
            kind="participation",
            credits=Decimal("1"),
            minutes=60,
        )
        session.add(record)
        session.flush()
        session.add(
            Certificate(
                code="ECHO-7KQ2-M9XW",
                claim_id=record.id or 0,
                user_id=learner.id or 0,
                program_id=program.id or 0,
                learner_name=learner.name,
                activity_title="Credit ECHO",
                provider="Test Office of CME",
                activity_date="1 December 2026",
                kind="participation",
                credits=Decimal("1"),
            )
        )
    page = _home(_sign_in(bare_client, learner))
    text = text_of(page)
    assert f"Case {draft.id} in Credit ECHO: draft" in text
    assert f"Case {returned.id} in Credit ECHO: returned" in text
    assert "1 hour of participation for Credit ECHO" in text
    assert "28 days left" in text  # 27 days and an hour
    assert f'<a href="/sessions/{held.id}/evaluation">Evaluate, then claim</a>' in page
    assert "Certificate ECHO-7KQ2-M9XW (PDF): Credit ECHO, 1 December 2026" in text
    assert "Waiting ECHO: waiting for" in text
    assert "Hub work" not in text and "CME administration" not in text


def test_learner_with_nothing_yet_is_told_what_to_do(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        newcomer = factories.create_user(session)
    page = _home(_sign_in(bare_client, newcomer))
    assert "<table" not in page.split("<main", 1)[1]
    assert 'You are not enrolled in a program yet. <a href="/programs">' in page
    assert "No credit is waiting." in page and "No certificates yet." in page


def test_learner_never_sees_another_persons_items(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        staff = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=staff)
        program = factories.create_program(session, hub)
        me, other = factories.create_user(session), factories.create_user(session)
        factories.enroll(session, me, program)
        factories.enroll(session, other, program)
        theirs = factories.create_case(session, program, other, status="submitted")
        _offers_credit(session, program, staff)
        _attended(session, _held(session, program), other)
    text = text_of(_home(_sign_in(bare_client, me)))
    assert f"Case {theirs.id}" not in text
    assert "No credit is waiting." in text
    assert "Cases waiting for triage" not in text


def _personal_feed_tokens(page: str) -> list[str]:
    return re.findall(r'href="webcal://127\.0\.0\.1:8000/calendar/([^"/]+)\.ics"', page)


def test_learner_subscribes_to_their_own_calendar_in_one_click(
    make_bare_client: Callable[[], TestClient], database: Database, settings: Settings
) -> None:
    with database.write() as session:
        hub = factories.create_hub(session)
        program = factories.create_program(session, hub, visibility="private")
        me, other = factories.create_user(session), factories.create_user(session)
        factories.enroll(session, me, program)
        factories.enroll(session, other, program)
    response = _sign_in(make_bare_client(), me).get("/")
    (token,) = _personal_feed_tokens(response.text)
    learning = response.text.split('id="learning-heading"', 1)[1]
    assert "Add your Echo sessions to your calendar" in learning
    assert "calendar.google.com/calendar/render?cid=webcal" in learning
    assert "outlook.live.com/calendar/0/addfromweb?url=http" in learning
    assert response.headers["cache-control"] == "no-store"
    with database.read() as session:
        owner = calendar_tokens.user_for_token(session, settings.secret, token)
    assert owner is not None and owner.id == me.id
    theirs = _sign_in(make_bare_client(), other).get("/").text
    assert token not in theirs and len(_personal_feed_tokens(theirs)) == 1


def test_no_calendar_offer_for_a_learner_in_no_program(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        newcomer = factories.create_user(session)
        hub = factories.create_hub(session)
        factories.enroll(session, newcomer, factories.create_program(session, hub), "pending")
    page = _home(_sign_in(bare_client, newcomer))
    assert _personal_feed_tokens(page) == []
    assert "8000/calendar/" not in page and "8000%2Fcalendar%2F" not in page


def test_staff_subscribe_to_the_sessions_they_teach_from_hub_work(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        faculty = factories.create_user(session)
        hub = factories.create_hub(session)
        factories.add_hub_role(session, faculty, hub, "faculty")
        factories.create_program(session, hub)
    page = _home(_sign_in(bare_client, faculty))
    assert len(_personal_feed_tokens(page)) == 1
    hub_work = page.split('id="hub-heading"', 1)[1]
    assert "Add the sessions you teach to your calendar" in hub_work


# --- hub staff -----------------------------------------------------------------------------


def test_staff_home_lists_their_hubs_work_and_nothing_of_other_hubs(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator, other_coordinator = (
            factories.create_user(session),
            factories.create_user(session),
        )
        presenter = factories.create_user(session, name="Pat Presenter")
        mine = factories.create_hub(session, name="Mine Hub", coordinator=coordinator)
        theirs = factories.create_hub(session, name="Theirs Hub", coordinator=other_coordinator)
        factories.add_hub_role(session, presenter, mine, "faculty")
        ours = factories.create_program(session, mine, title="Ours ECHO", lead_faculty=presenter)
        other = factories.create_program(session, theirs, title="Other ECHO")
        learner = factories.create_user(session)
        waiting = factories.create_case(session, ours, learner, status="submitted")
        hidden = factories.create_case(session, other, learner, status="submitted")
        upcoming = factories.create_session(session, ours, start=utcnow() + timedelta(days=2))
        upcoming.didactic_presenter_id = presenter.id
        factories.create_session(session, other, start=utcnow() + timedelta(days=2))
        scheduled = factories.create_case(
            session, ours, learner, status="accepted", staff=coordinator, in_session=upcoming
        )
        no_report = _held(session, ours, days_ago=1)
        unmatched = _held(session, ours, days_ago=4)
        report = ReportImport(
            session_id=unmatched.id or 0, format="zoom", filename="z.csv", sha256="0"
        )
        session.add(report)
        session.flush()
        session.add(
            UnmatchedAttendee(session_id=unmatched.id or 0, report_key="guest", name="Guest")
        )
        _held(session, other, days_ago=1)
        _offers_credit(session, ours, coordinator)
        closing = _held(session, ours, days_ago=27)
        presented = factories.create_case(
            session, ours, learner, status="presented", staff=coordinator
        )
    page = _home(_sign_in(bare_client, coordinator))
    text = text_of(page)
    assert "Hub work: Mine Hub" in text and "Theirs Hub" not in text
    assert "Other ECHO" not in text and f"case {hidden.id}" not in text.lower()
    assert "1 case waits in Mine Hub's triage queue" in text
    assert f'<a href="/cases/{waiting.id}">Triage case {waiting.id}</a>' in page
    assert "Presenter: Pat Presenter" in text
    assert f'<a href="/cases/{scheduled.id}">case {scheduled.id}</a>' in page
    assert (
        f'href="/sessions/{no_report.id}/attendance#import-heading">Import the attendance report'
        in page
    )
    assert (
        f'href="/sessions/{unmatched.id}/attendance#unmatched-heading">Match 1 unmatched person'
        in page
    )
    assert "Pat Presenter has not disclosed for Ours ECHO" in text
    assert f'href="/sessions/{closing.id}/attendance"' in page and "0 claims so far" in text
    assert f"Case {presented.id} in Ours ECHO: waiting for faculty to write recommendations" in text
    assert "Your learning" not in text


def test_faculty_home_links_to_writing_and_the_lead_to_their_disclosure(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator, lead = factories.create_user(session), factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        factories.add_hub_role(session, lead, hub, "faculty")
        program = factories.create_program(session, hub, title="Lead ECHO", lead_faculty=lead)
        _offers_credit(session, program, coordinator)
        learner = factories.create_user(session)
        presented = factories.create_case(
            session, program, learner, status="presented", staff=coordinator
        )
    page = _home(_sign_in(bare_client, lead))
    assert (
        f'<a href="/cases/{presented.id}/recommendations/edit">Write the recommendations for case '
        f"{presented.id}</a>"
    ) in page
    assert (
        '<a href="/programs/' + program.slug + '/disclosure">Sign your disclosure for Lead ECHO</a>'
        in page
    )


def test_staff_home_with_nothing_to_do_says_so(bare_client: TestClient, database: Database) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        factories.create_hub(session, coordinator=coordinator)
    text = text_of(_home(_sign_in(bare_client, coordinator)))
    assert "No case is waiting." in text
    assert "No sessions in the next seven days. Open a program to plan its schedule." in text
    assert "Every session of the last two weeks has its report imported" in text


def test_a_person_with_several_roles_sees_each_part(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        person = factories.create_user(session, site_admin=True)
        hub = factories.create_hub(session, coordinator=person)
        factories.add_hub_role(session, person, hub, "cme-admin")
        other_hub = factories.create_hub(session)
        factories.enroll(session, person, factories.create_program(session, other_hub))
    text = text_of(_home(_sign_in(bare_client, person)))
    for heading in ("Your learning", "Hub work", "CME administration", "Site administration"):
        assert heading in text, heading


# --- CME and site administrators ------------------------------------------------------------


def test_cme_home_lists_their_programs_settings_claims_and_disclosures(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        cme_admin, lead = factories.create_user(session), factories.create_user(session)
        hub = factories.create_hub(session)
        factories.add_hub_role(session, cme_admin, hub, "cme-admin")
        factories.add_hub_role(session, lead, hub, "faculty")
        accredited = factories.create_program(
            session, hub, title="Accredited ECHO", lead_faculty=lead
        )
        factories.create_program(session, hub, slug="bare-program", title="Bare ECHO")
        factories.create_program(session, factories.create_hub(session), title="Elsewhere ECHO")
        _offers_credit(session, accredited, cme_admin)
        learner = factories.create_user(session)
        held = _held(session, accredited)
        session.add(
            Claim(
                session_id=held.id or 0,
                program_id=accredited.id or 0,
                user_id=learner.id or 0,
                kind="ama",
                credits=Decimal("1"),
                minutes=60,
            )
        )
    page = _home(_sign_in(bare_client, cme_admin))
    text = text_of(page)
    assert "Elsewhere ECHO" not in text
    assert '<a href="/programs/bare-program/cme/settings">Set up credit for Bare ECHO</a>' in page
    assert "1 claim this month 0 certificates this month" in text
    assert f"Disclosures missing {lead.name}." in text
    assert (
        f'<a href="/programs/{accredited.slug}/cme">CME dashboard for Accredited ECHO</a>' in page
    )
    assert "Hub work" not in text


def test_site_admin_home_counts_hubs_people_and_mail_failures(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        admin = factories.create_user(session, site_admin=True)
        factories.create_hub(session)
        session.add(
            OutboxMessage(
                to_address="x@example.org",
                subject="s",
                text_body="t",
                status="failed",
            )
        )
    page = _home(_sign_in(bare_client, admin))
    text = text_of(page)
    assert "1 hub: manage hubs" in text and "1 person: find people" in text
    assert '<a href="/admin/mail"><span class="stat-number">1</span> message not delivered' in page
    assert "Your learning" not in text


# --- click counts and queries ----------------------------------------------------------------


def test_the_home_links_straight_to_each_action(
    bare_client: TestClient, database: Database
) -> None:
    """Clicks from the page the login lands on (now the home) to each action, counting
    the click that does it:

    - join the next session: 1 (the home's "Join the video meeting"; was 3);
    - claim credit: 3 ("Evaluate, then claim", submit the evaluation, which lands on the
      claim form, "Claim and get my certificate"); 2 when no evaluation is needed (was 5);
    - triage a case: 2 ("Triage case N", then the action on the case page; was 3);
    - reconcile an import: 2 ("Match N unmatched people", which opens the session's
      attendance page at its unmatched list, then "Match"; was 7).
    """
    with database.write() as session:
        person = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=person)
        own = factories.create_program(session, hub)
        learning = factories.create_program(session, factories.create_hub(session))
        factories.enroll(session, person, learning)
        soon = _session_soon(session, learning)
        _offers_credit(session, learning, person)
        held = _held(session, learning)
        _attended(session, held, person)
        case = factories.create_case(
            session, own, factories.create_user(session), status="submitted"
        )
        reconcile = _held(session, own)
        session.add(
            ReportImport(session_id=reconcile.id or 0, format="zoom", filename="z", sha256="0")
        )
        session.add(UnmatchedAttendee(session_id=reconcile.id or 0, report_key="k", name="K"))
    page = _home(_sign_in(bare_client, person))
    assert f'href="{MEETING}"' in page and f'action="/sessions/{soon.id}/check-in"' in page
    assert f'<a href="/sessions/{held.id}/evaluation">Evaluate, then claim</a>' in page
    assert f'<a href="/cases/{case.id}">Triage case {case.id}</a>' in page
    assert f'href="/sessions/{reconcile.id}/attendance#unmatched-heading"' in page
    attendance_page = bare_client.get(f"/sessions/{reconcile.id}/attendance").text
    assert 'id="unmatched-heading"' in attendance_page


@contextmanager
def _counting(database: object) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    engines = database.engines  # type: ignore[attr-defined]
    for engine in engines:
        sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        for engine in engines:
            sa.event.remove(engine, "before_cursor_execute", count)


def test_staff_and_cme_homes_make_the_same_queries_for_one_row_or_many(
    bare_client: TestClient, database: Database
) -> None:
    """No query per row: more sessions, cases and programs add no statements."""
    with database.write() as session:
        person = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=person)
        factories.add_hub_role(session, person, hub, "cme-admin")
        program = factories.create_program(session, hub)
        _offers_credit(session, program, person)
        learner = factories.create_user(session)
        factories.create_case(session, program, learner, status="submitted")
        factories.create_session(session, program, start=utcnow() + timedelta(days=1))
        _held(session, program)
    _sign_in(bare_client, person)
    app_database = bare_client.app.state.database  # type: ignore[attr-defined]
    with _counting(app_database) as few:
        _home(bare_client)
    with database.write() as session:
        for n in range(4):
            more = factories.create_program(session, hub)
            _offers_credit(session, more, person)
            factories.create_case(session, more, learner, status="submitted")
            factories.create_session(session, more, start=utcnow() + timedelta(days=1, hours=n))
            _held(session, more, days_ago=n + 1)
    with _counting(app_database) as many:
        _home(bare_client)
    assert few, "no statement counted"
    assert len(many) == len(few), "\n".join(many)


def test_coordinators_see_requests_to_join_their_hubs_programs_only(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator, other = factories.create_user(session), factories.create_user(session)
        mine = factories.create_hub(session, name="Mine Hub", coordinator=coordinator)
        theirs = factories.create_hub(session, name="Theirs Hub", coordinator=other)
        ours = factories.create_program(session, mine, title="Ours ECHO", approval=True)
        not_ours = factories.create_program(session, theirs, title="Other ECHO", approval=True)
        asking = factories.create_user(session, name="Ada Asker")
        elsewhere = factories.create_user(session, name="Eli Elsewhere")
        factories.enroll(session, asking, ours, "pending")
        factories.enroll(session, elsewhere, not_ours, "pending")
    page = _home(_sign_in(bare_client, coordinator))
    text = text_of(page)
    assert "Requests to join" in text and "Ada Asker, MD asks to join Ours ECHO" in text
    assert "Eli Elsewhere" not in text
    assert f'href="/hubs/{mine.slug}/manage">Approve or decline in Mine Hub</a>' in page


# --- PARS reports due, claims still to make --------------------------------------------------


def _noon(days_ago: int) -> datetime:
    """Noon UTC ``days_ago`` days before today (the hubs of these tests are on UTC)."""
    return utcnow().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)


def _claimed(session: Session, program: Program, days_ago: int) -> Claim:
    item = factories.create_session(session, program, start=_noon(days_ago))
    return factories.create_claim(
        session, item, factories.create_user(session), claimed_at=item.ends_at
    )


def test_cme_home_says_when_each_programs_pars_report_is_due(
    bare_client: TestClient, database: Database
) -> None:
    """ABP MOC: report within 30 days of the oldest completion no export holds yet."""
    with database.write() as session:
        cme_admin = factories.create_user(session)
        hub = factories.create_hub(session, time_zone="UTC")
        factories.add_hub_role(session, cme_admin, hub, "cme-admin")
        names = ("Calm", "Close", "Last", "Late", "Done")
        calm, close, last, late, done = (
            factories.create_program(session, hub, title=f"{name} ECHO") for name in names
        )
        for program in (calm, close, last, late, done):
            factories.offer_credit(session, program, cme_admin)
        _claimed(session, calm, days_ago=10)
        _claimed(session, calm, days_ago=4)
        _claimed(session, close, days_ago=25)
        _claimed(session, last, days_ago=29)
        _claimed(session, late, days_ago=35)
        _claimed(session, done, days_ago=20)
        day = _noon(20).date()
        cme.export_pars(session, done, day, day, file_format="csv", actor_id=cme_admin.id)
        factories.create_program(session, hub, slug="no-credit", title="Bare ECHO")
    page = _home(_sign_in(bare_client, cme_admin))
    text = text_of(page)
    due = _noon(10).date() + timedelta(days=30)
    assert (
        "Due in 20 days 2 claims are in no PARS export yet; the oldest was completed "
        f"{format_date(_noon(10).date())}, so the report is due {format_date(due)}. "
        "PARS export for Calm ECHO"
    ) in text
    assert '<span class="badge">Due in 20 days</span>' in page
    assert '<span class="badge badge-warn">Due in 5 days</span>' in page
    assert '<span class="badge badge-warn">Due in 1 day</span>' in page
    assert '<span class="badge badge-cancelled">Overdue</span> 1 claim is in no PARS' in page
    assert "so the report was due" in text
    assert text.count("Every claim is in a PARS export.") == 1  # Done; Bare has no CME
    assert f'<a href="/programs/{calm.slug}/cme/pars">PARS export for Calm ECHO</a>' in page
    assert "/programs/no-credit/cme/pars" not in page


def test_claim_windows_closing_count_attendees_who_earned_credit_and_have_not_claimed(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        program = factories.create_program(session, hub, title="Closing ECHO")
        factories.offer_credit(session, program, coordinator)
        closing = _held(session, program, days_ago=27)  # the 30-day window closes in 3 days
        factories.create_claim(session, closing, factories.create_user(session))
        factories.attend(session, closing, factories.create_user(session))  # AMA credit
        nurse = factories.create_user(session, credentials="NP", profession="Nurse")
        factories.attend(session, closing, nurse)  # hours of participation
        factories.attend(session, closing, factories.create_user(session), minutes=5)  # none
        done = _held(session, program, days_ago=26)
        factories.create_claim(session, done, factories.create_user(session))
    page = _home(_sign_in(bare_client, coordinator))
    text = text_of(page)
    assert (
        "1 claim so far; 2 attendees earned credit and have not claimed it yet. "
        "Attendance of this session"
    ) in text
    assert "<strong>2 attendees earned credit and have not claimed it yet</strong>" in page
    assert "1 claim so far; nobody who earned credit is left to claim." in text


def test_pars_due_and_claims_to_remind_make_the_same_queries_for_one_program_or_many(
    bare_client: TestClient, database: Database
) -> None:
    """No query per program, session or person for the PARS backlog and closing windows."""

    def add_program(session: Session, hub_id: int, person: User, days_ago: int) -> None:
        program = factories.create_program(session, session.get_one(Hub, hub_id))
        factories.offer_credit(session, program, person)
        closing = _held(session, program, days_ago=27)
        factories.create_claim(session, closing, factories.create_user(session))
        factories.attend(session, closing, factories.create_user(session))
        exported = _claimed(session, program, days_ago=days_ago)
        day = exported.claimed_at.date()
        cme.export_pars(session, program, day, day, file_format="csv", actor_id=person.id)
        _claimed(session, program, days_ago=days_ago + 1)

    with database.write() as session:
        person = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=person, time_zone="UTC")
        factories.add_hub_role(session, person, hub, "cme-admin")
        hub_id = hub.id or 0
        add_program(session, hub_id, person, days_ago=3)
    _sign_in(bare_client, person)
    app_database = bare_client.app.state.database  # type: ignore[attr-defined]
    with _counting(app_database) as few:
        first = _home(bare_client)
    with database.write() as session:
        for n in range(3):
            add_program(session, hub_id, person, days_ago=5 + n)
    with _counting(app_database) as many:
        later = _home(bare_client)
    assert "Due in " in first and text_of(later).count("Due in ") == 4
    assert text_of(later).count("1 attendee earned credit and has not claimed it yet") == 4
    assert few, "no statement counted"
    assert len(many) == len(few), "\n".join(many)
