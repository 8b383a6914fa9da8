"""Program and hub dashboards, their downloads and the funder reports: counts from a world
built with factories, the demo's dashboard with every chart filled, and practice context
on the profile (shown only in totals)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from echo import demo
from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.attendance.models import IntervalSource
from echo.db import Database
from echo.outcomes import dashboard, reports
from echo.programs import sessions
from echo.programs.models import Hub, Program
from echo.security.passwords import Passwords
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]
START = datetime(2026, 3, 3, 20, 0, tzinfo=UTC)  # noon in Los Angeles


def _world(session: Session) -> tuple[Hub, Program]:
    """Three sessions held; five people with varied practices attend some of them."""
    coordinator = factories.create_user(session, email="coord@example.org")
    hub = factories.create_hub(session, coordinator=coordinator, slug="north")
    program = factories.create_program(session, hub, slug="mh-echo", title="MH ECHO")
    people = [
        factories.create_user(
            session,
            email=f"p{n}@example.org",
            profession=profession,
            credentials=credentials,
            practice_setting=setting,
            practice_type="fqhc" if setting == "rural" else "",
            us_state=state,
            organization=f"Clinic {n % 3}",
        )
        for n, (profession, credentials, setting, state) in enumerate(
            [
                ("Physician", "MD", "rural", "WA"),
                ("Physician", "DO", "urban", "WA"),
                ("Nurse practitioner", "NP", "rural", "OR"),
                ("Social worker", "LCSW", "", "ID"),
                ("Physician", "MD", "urban", ""),
            ]
        )
    ]
    for person in people:
        factories.enroll(session, person, program)
    held = [
        factories.create_session(session, program, start=START + timedelta(weeks=2 * n))
        for n in range(3)
    ]
    factories.create_session(session, program, start=datetime.now(UTC) + timedelta(days=30))
    # Attendance: p0 all three, p1 two, p2 one, p3 one but only before the session began.
    for item in held:
        factories.attend(session, item, people[0])
    factories.attend(session, held[0], people[1])
    factories.attend(session, held[2], people[1], minutes=20)
    factories.attend(session, held[1], people[2])
    attendance.add_intervals(
        session,
        held[0].id or 0,
        people[3].id or 0,
        IntervalSource.report,
        [(held[0].starts_at - timedelta(minutes=30), held[0].starts_at)],
    )
    return hub, program


def test_dashboard_counts_sessions_people_and_their_practices(database: Database) -> None:
    with database.write() as session:
        _hub, program = _world(session)
        board = dashboard.build(
            session,
            [program],
            title="MH ECHO",
            zone="America/Los_Angeles",
            period=dashboard.Period(),
        )
    assert [(r.day, r.participants, r.enrolled, r.unique_so_far) for r in board.sessions] == [
        (date(2026, 3, 3), 2, 5, 2),
        (date(2026, 3, 17), 2, 5, 3),
        (date(2026, 3, 31), 2, 5, 3),
    ]
    assert board.unique_participants == 3 and board.attendances == 6
    assert board.mean_share_enrolled == pytest.approx(0.4)  # 2/5 each time
    assert board.retention == [
        ("1 session", 1), ("2 sessions", 1), ("3 to 5", 1), ("6 to 10", 0), ("11 or more", 0),
    ]  # fmt: skip
    assert board.professions == [("Physician", 2), ("Nurse practitioner", 1)]
    assert board.settings == [("Rural", 2), ("Urban or suburban", 1)]
    assert board.rural_share == 2 / 3
    assert board.states == [("WA", 2), ("OR", 1)]
    assert board.unique_practices == 3  # Clinic 0, 1, 2
    assert board.moore_level is None  # 3 participants, no answers: under the threshold of 5


def test_dashboard_period_is_in_local_dates(database: Database) -> None:
    with database.write() as session:
        _hub, program = _world(session)
        board = dashboard.build(
            session,
            [program],
            title="MH ECHO",
            zone="America/Los_Angeles",
            period=dashboard.Period(date(2026, 3, 10), date(2026, 3, 31)),
        )
    assert [r.day for r in board.sessions] == [date(2026, 3, 17), date(2026, 3, 31)]
    assert board.unique_participants == 3


def test_dashboard_page_and_downloads_for_hub_staff(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        _world(session)
    client = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    page = client.get("/programs/mh-echo/outcomes")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "3 sessions held" in text and "3 unique participants" in text
    assert page.text.count('role="img"') >= 5  # every chart is an image with a text alternative
    sessions_csv = client.get("/programs/mh-echo/outcomes.csv?table=sessions")
    assert sessions_csv.status_code == 200
    rows = list(csv.reader(io.StringIO(sessions_csv.text)))
    assert rows[0][:4] == ["Date", "Program", "Session", "Participants"]
    assert [r[0] for r in rows[1:]] == ["2026-03-03", "2026-03-17", "2026-03-31"]
    bad = client.get("/programs/mh-echo/outcomes.csv?table=nope&from=2026-02-30")
    assert bad.status_code == 422
    assert 'id="from-error"' in bad.text
    no_such_table = client.get("/programs/mh-echo/outcomes.csv?table=nope")
    assert no_such_table.status_code == 422
    assert "Table to download: Choose one of the dashboard's tables." in text_of(no_such_table.text)
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get("/programs/mh-echo/outcomes.xlsx").content)
    )
    assert workbook.sheetnames[:3] == ["sessions", "months", "retention"]
    hub_page = client.get("/hubs/north/outcomes")
    assert hub_page.status_code == 200 and "3 unique participants" in text_of(hub_page.text)
    reversed_period = client.get("/programs/mh-echo/outcomes?from=2026-04-01&to=2026-03-01")
    assert reversed_period.status_code == 422
    assert "The end of the period is before its start." in text_of(reversed_period.text)


def test_reports_count_training_and_list_attendees(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        hub, _program = _world(session)
        report = reports.annual_report(session, hub, 2026)
    assert report.providers_trained == 3
    assert report.training_hours == 3  # three one-hour sessions
    header, rows = reports.training_15(report)
    assert header == ["Section", "Measure", "Group", "Count"]
    assert rows[0] == ["1. Consultation", "Providers participating in consultation", "All", 0]
    assert ["2. Training", "Providers participating in training", "All", 3] in rows
    client = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    page = client.get("/hubs/north/reports?year=2026")
    assert page.status_code == 200 and "Providers trained (unique participants) 3" in text_of(
        page.text
    )
    assert client.get("/hubs/north/reports?year=20x6").status_code == 422
    training = client.get("/hubs/north/training-15.csv?year=2026")
    assert [
        "2. Training", "Providers participating in training", "All", "3",
    ] in list(csv.reader(io.StringIO(training.text)))  # fmt: skip
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/hubs/north/annual-report.xlsx?year=2026").content)
    )
    assert book.sheetnames[:2] == ["Summary", "Training 15"]
    attendees = list(
        csv.reader(io.StringIO(client.get("/programs/mh-echo/sessions-and-attendees.csv").text))
    )
    assert attendees[0][:5] == ["Session", "Date", "Attendee", "Email", "Role"]
    assert {row[4] for row in attendees[1:]} == {"Participant"}
    assert len(attendees) == 1 + 6  # six attendances; p3 left before the start
    assert {row[7] for row in attendees[1:]} == {"60", "20"}  # minutes


def test_demo_program_dashboard_has_every_chart_filled(
    make_bare_client: MakeClient, database: Database, passwords: Passwords
) -> None:
    with database.write() as session:
        demo.load(session, passwords)
    client = logged_in(make_bare_client(), "coordinator@example.org")
    page = client.get("/programs/peds-mh-echo/outcomes")
    assert page.status_code == 200
    assert page.text.count('role="img"') == 5
    assert "No data for this period" not in page.text
    scales = list(
        csv.reader(io.StringIO(client.get("/programs/peds-mh-echo/outcomes.csv?table=scales").text))
    )
    header, depression = (
        scales[0],
        next(
            r
            for r in scales[1:]
            if r[0] == "Self-efficacy: adolescent depression" and r[1] == "Intake vs completion"
        ),
    )
    assert header[6:8] == ["95% CI low", "95% CI high"]
    assert int(depression[2]) >= 5
    low, change, high = float(depression[6]), float(depression[5]), float(depression[7])
    assert low < change < high and low > 0  # confidence grew, and the interval excludes 0
    surveys_page = text_of(client.get("/programs/peds-mh-echo/surveys").text)
    assert "3-month follow-up" in surveys_page


def test_practice_context_is_saved_and_checked_on_the_profile(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        factories.create_user(session, email="doc@example.org")
    logged_in(bare_client, "doc@example.org", factories.PASSWORD)
    form = {
        "name": "Doc Example",
        "credentials": "MD",
        "profession": "Physician",
        "time_zone": "America/Chicago",
        "practice_setting": "rural",
        "practice_type": "fqhc",
        "practice_zip": "6410",
        "csrf_token": page_csrf(bare_client, "/me/profile"),
    }
    bad = bare_client.post("/me/profile", data=form)
    assert bad.status_code == 422 and 'id="practice_zip-error"' in bad.text
    assert "A ZIP code is 5 digits" in text_of(bad.text)
    form.update(practice_zip="64108", csrf_token=page_csrf(bare_client, "/me/profile"))
    assert bare_client.post("/me/profile", data=form).status_code == 303
    again = bare_client.get("/me/profile").text
    assert 'value="64108"' in again and '<option value="rural" selected>' in again


def test_many_sessions_are_shown_by_month() -> None:
    rows = [
        dashboard.SessionRow(n, date(2026, 1 + n // 20, 1 + n % 20), "S", "P", 3, 10, 5 + n)
        for n in range(dashboard.SESSIONS_SHOWN + 1)
    ]
    board = dashboard.Dashboard(
        title="t", zone="UTC", period=dashboard.Period(), programs=[], sessions=rows
    )
    assert board.by_month
    # 20 sessions in January, 20 in February, 1 in March; unique so far from the last row.
    assert dashboard.table(board, "months")[1] == [
        ["2026-01", 20, 60, 24],
        ["2026-02", 20, 60, 44],
        ["2026-03", 1, 3, 45],
    ]
    board.sessions = rows[: dashboard.SESSIONS_SHOWN]
    assert not board.by_month


def test_attendee_export_names_hub_staff_by_role(database: Database) -> None:
    with database.write() as session:
        _hub, program = _world(session)
        coordinator = session.exec(select(User).where(User.email == "coord@example.org")).one()
        first = sessions.program_sessions(session, program.id or 0)[0]
        factories.attend(session, first, coordinator)
        header, rows = reports.attendee_rows(session, program, "America/Los_Angeles")
    role = header.index("Role")
    assert {(row[3], row[role]) for row in rows} == {
        ("p0@example.org", "Participant"),
        ("p1@example.org", "Participant"),
        ("p2@example.org", "Participant"),
        ("coord@example.org", "Hub coordinator"),
    }
