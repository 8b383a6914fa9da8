"""A session is dated in its program's zone everywhere credit is written down.

The hub is in London, the program's schedule in Los Angeles, the learner reads pages in
Tokyo: a session at 17:30 on 31 December in Los Angeles is 01:30 UTC and 01:30 in London on
1 January (10:30 in Tokyo). The hub's zone, UTC and the viewer's zone would all date it
1 January; the program's zone dates it 31 December on the certificate (its text, PDF and
credential), in the transcript (page, CSV, PDF, periods), in the PARS export (rows and
periods) and in the periods of batch issuance.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import pypdf
import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.app import create_app
from echo.attendance import services as attendance
from echo.cme import services as cme
from echo.cme.forms import ClaimForm, SettingsForm
from echo.cme.issuing import issuer_for
from echo.cme.models import Certificate
from echo.db import Database
from echo.programs import recurrence, sessions, zones
from echo.programs import services as programs
from echo.programs.forms import ProgramForm
from echo.programs.models import Enrollment, EnrollmentStatus, Program, ProgramSession
from echo.security import tokens
from echo.security.passwords import Passwords
from echo.security.permissions import HubRole
from echo.settings import Settings
from echo.timeutil import local_date, local_day_bounds
from tests.helpers import DEMO_PASSWORD, logged_in, post_form, text_of

HUB_ZONE = "Europe/London"
PROGRAM_ZONE = "America/Los_Angeles"
LOCAL_DAY = date(2025, 12, 31)
STARTS_AT = datetime(2026, 1, 1, 1, 30, tzinfo=UTC)  # 17:30 on 31 December in Los Angeles
DECEMBER = (date(2025, 12, 1), date(2025, 12, 31))
JANUARY = (date(2026, 1, 1), date(2026, 1, 31))
CLAIMED_AT = datetime(2026, 1, 2, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    program_id: int
    session_id: int
    learner_id: int


def _person(session: object, passwords: Passwords, email: str, credentials: str) -> User:
    user = User(
        email=email,
        name=email.split("@")[0].title(),
        password_hash=passwords.hash(DEMO_PASSWORD),
        credentials=credentials,
        us_state="CA",
        npi="1234567893",
        time_zone="Asia/Tokyo",  # the viewer's zone is neither: it must not date the credit
    )
    session.add(user)  # type: ignore[attr-defined]
    session.flush()  # type: ignore[attr-defined]
    return user


@pytest.fixture
def world(database: Database, passwords: Passwords) -> World:
    """A New York hub, a program scheduled in Los Angeles, one session at 17:30 local on
    31 December, a physician who attended it and claimed AMA credit."""
    with database.write() as session:
        hub = programs.create_hub(session, slug="east", name="East Hub", time_zone=HUB_ZONE)
        coordinator = _person(session, passwords, "coordinator@example.org", "")
        admin = _person(session, passwords, "cme@example.org", "")
        learner = _person(session, passwords, "learner@example.org", "MD")
        programs.add_hub_member(session, hub, coordinator, HubRole.coordinator.value)
        programs.add_hub_member(session, hub, admin, HubRole.cme_admin.value)
        program = programs.save_program(
            session,
            hub,
            ProgramForm.parse(
                {
                    "slug": "west-echo",
                    "title": "West ECHO",
                    "status": "open",
                    "visibility": "public",
                    "enrollment_mode": "auto",
                }
            ),
        )
        spec = recurrence.ScheduleSpec(
            first_date=LOCAL_DAY,
            start_time=time(17, 30),
            duration_minutes=60,
            time_zone=PROGRAM_ZONE,
            recurrence=recurrence.Recurrence(kind="weekly", weekdays=(LOCAL_DAY.weekday(),)),
            count=1,
        )
        sessions.apply_schedule(
            session,
            program,
            spec,
            meeting_url="",
            meeting_passcode="",
            in_use=attendance.sessions_in_use,
            now=datetime(2025, 12, 1, tzinfo=UTC),
        )
        [held] = sessions.program_sessions(session, program.id or 0)
        assert held.starts_at == STARTS_AT
        session.add(
            Enrollment(
                program_id=program.id or 0,
                user_id=learner.id or 0,
                status=EnrollmentStatus.active.value,
            )
        )
        session.flush()
        attendance.adjust(
            session,
            held,
            learner.id or 0,
            minutes=60,
            reason="Attended by phone.",
            actor_id=coordinator.id or 0,
        )
        cme.save_settings(
            session,
            program,
            SettingsForm.parse(
                {
                    "provider": "West Children's Hospital",
                    "ama_enabled": "yes",
                    "ama_max_per_session": "1",
                    "moc_points_per_session": "1",
                    "accme_activity_id": "202600999",
                    "claim_window_days": "30",
                }
            ),
            actor_id=admin.id or 0,
        )
        row = cme.claimable(session, learner, held.id or 0, now=CLAIMED_AT)
        assert row is not None
        cme.claim(session, row, learner, ClaimForm.parse({"credits": "1"}), now=CLAIMED_AT)
        return World(program.id or 0, held.id or 0, learner.id or 0)


@pytest.fixture
def client(settings: Settings, world: World) -> Iterator[TestClient]:
    with TestClient(create_app(settings), follow_redirects=False) as test_client:
        yield test_client


def _program(session: object) -> Program:
    return session.exec(select(Program).where(Program.slug == "west-echo")).one()  # type: ignore[attr-defined]


def _pdf_text(data: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages
    )


def test_the_program_zone_is_the_schedules_and_dates_differ_from_utc(
    database: Database, world: World
) -> None:
    with database.write() as session:
        program = _program(session)
        assert zones.zone_of_program(session, program) == PROGRAM_ZONE
        held = session.get(ProgramSession, world.session_id)
        assert held is not None
    assert local_date(held.starts_at, PROGRAM_ZONE) == LOCAL_DAY
    assert local_date(held.starts_at, HUB_ZONE) == date(2026, 1, 1)  # the hub's date
    assert held.starts_at.date() == date(2026, 1, 1)  # the date in UTC
    first, last = local_day_bounds(*DECEMBER, PROGRAM_ZONE)
    assert first == datetime(2025, 12, 1, 8, tzinfo=UTC)
    assert last == datetime(2026, 1, 1, 8, tzinfo=UTC)
    assert first <= held.starts_at < last


def test_batch_issuance_for_december_issues_it_and_january_does_not(
    database: Database, settings: Settings, world: World
) -> None:
    with database.write() as session:
        program = _program(session)
        assert cme.claims_to_certify(session, program, *JANUARY) == []
        [claim] = cme.claims_to_certify(session, program, *DECEMBER)
        assert claim.session_id == world.session_id
        january = cme.open_batch(session, program, *JANUARY, None)
        december = cme.open_batch(session, program, *DECEMBER, None)
        assert (january.total, december.total) == (0, 1)
        january_id, december_id = january.id or 0, december.id or 0
    issuer = issuer_for(settings)
    assert cme.run_batch(database, january_id, issuer).done == 0
    assert cme.run_batch(database, december_id, issuer).done == 1
    with database.write() as session:
        certificate = session.exec(select(Certificate)).one()
        assert certificate.activity_date == "31 December 2025"
        credential = tokens.unverified_claims(certificate.credential_jwt)
        pdf = certificate.pdf
    text = _pdf_text(pdf)
    assert "31 December 2025" in text and "1 January 2026" not in text
    subject = credential["credentialSubject"]
    assert subject["activityStartDate"].startswith("2025-12-31")
    assert subject["activityEndDate"].startswith("2025-12-31")


def test_the_certificate_of_a_claim_is_dated_in_the_programs_zone(
    database: Database, settings: Settings, world: World
) -> None:
    with database.write() as session:
        program = _program(session)
        [claim] = cme.claims_to_certify(session, program, *DECEMBER)
        certificate = cme.issue_certificate(session, claim, issuer_for(settings))
        assert certificate.activity_date == "31 December 2025"
        pdf = certificate.pdf
    assert "31 December 2025" in _pdf_text(pdf)


def test_the_transcript_dates_it_31_december(
    client: TestClient, database: Database, world: World
) -> None:
    with database.write() as session:
        [row] = cme.transcript(session, world.learner_id)
        assert row.day == LOCAL_DAY
        assert [r.day for r in cme.transcript(session, world.learner_id, *DECEMBER)] == [LOCAL_DAY]
        assert cme.transcript(session, world.learner_id, *JANUARY) == []
    learner = logged_in(client, "learner@example.org")
    page = text_of(learner.get("/me/transcript").text)
    assert "31 December 2025" in page and "1 January 2026" not in page
    december = text_of(learner.get("/me/transcript?from=2025-12-01&to=2025-12-31").text)
    assert "31 December 2025" in december
    january = text_of(learner.get("/me/transcript?from=2026-01-01&to=2026-01-31").text)
    assert "No credit claimed in this period." in january
    rows = list(csv.reader(io.StringIO(learner.get("/me/transcript.csv").text)))
    assert rows[1][0] == "2025-12-31"
    pdf = learner.get("/me/transcript.pdf")
    assert pdf.status_code == 200
    text = _pdf_text(pdf.content)
    assert "31 December 2025" in text and "1 January 2026" not in text


def test_the_pars_export_dates_it_31_december(
    client: TestClient, database: Database, world: World
) -> None:
    with database.write() as session:
        program = _program(session)
        [record] = cme.pars_records(session, program, *DECEMBER)
        assert record.completion_date == LOCAL_DAY
        assert cme.pars_records(session, program, *JANUARY) == []
    admin = logged_in(client, "cme@example.org")
    pars_page = "/programs/west-echo/cme/pars"
    exported = post_form(
        admin, f"{pars_page}.csv", {"from": "2025-12-01", "to": "2025-12-31"}, pars_page
    )
    header, row = list(csv.reader(io.StringIO(exported.text)))
    assert dict(zip(header, row, strict=True))["Completion Date"] == "12/31/2025"
    january = post_form(
        admin, f"{pars_page}.csv", {"from": "2026-01-01", "to": "2026-01-31"}, pars_page
    )
    assert len(list(csv.reader(io.StringIO(january.text)))) == 1  # the header only
