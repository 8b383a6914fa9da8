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


def test_the_pages_one_query_matches_the_orm_reads(database: Database, demo_data: None) -> None:
    """program_page reads the schedule and the next session in its one Core query (speed);
    they must say what spec_of(schedule_of(...)) and upcoming(...)[0] say, for every
    program, also after the next session is cancelled and with a count (a Core row's own
    ``count`` is tuple.count), and whoever asks."""
    from sqlmodel import select

    from echo.accounts.models import User
    from echo.programs import services, sessions
    from echo.programs.models import Program, ProgramSchedule
    from echo.timeutil import utcnow

    def compare() -> int:
        """Compare every program for every viewer; the number of next sessions compared."""
        now = utcnow()
        compared = 0
        with database.read() as session:
            connection = session.connection()
            viewers = [None, *(user.id for user in session.exec(select(User)).all())]
            for program in session.exec(select(Program)).all():
                program_id = program.id or 0
                schedule = sessions.schedule_of(session, program_id)
                coming = sessions.upcoming(session, program_id, now=now)
                for viewer in viewers:
                    found = services.program_page(connection, program.slug, viewer, now=now)
                    assert found is not None and found.program.id == program_id
                    assert found.schedule == (sessions.spec_of(schedule) if schedule else None)
                    if not coming:
                        assert found.next_session is None
                        continue
                    first = coming[0]
                    assert found.next_session == sessions.ComingSession(
                        first.id or 0, first.starts_at, first.didactic_title
                    )
                    compared += 1
        return compared

    assert compare() > 0
    with database.write() as session:
        for schedule in session.exec(select(ProgramSchedule)).all():
            schedule.count = 40
            session.add(schedule)
        for program in session.exec(select(Program)).all():
            first = sessions.upcoming(session, program.id or 0)
            if first:
                sessions.cancel(session, first[0], "Snow day")
    assert compare() > 0


def test_facts_are_read_in_the_pages_query(database: Database, demo_data: None) -> None:
    """A ProgramFact's table is joined on its program_id: its sentence is said when it has
    one, nothing when it says None or the program has no row, and the rest of the page
    (faculty rows included) is what it is without facts."""
    from echo.programs import services
    from echo.programs.models import ProgramSchedule

    schedule = ProgramSchedule.__table__  # type: ignore[attr-defined]
    zone = services.ProgramFact(schedule, ("time_zone",), lambda values: f"Meets in {values[0]}")
    silent = services.ProgramFact(schedule, ("kind",), lambda values: None)
    with database.write() as session:
        connection = session.connection()
        plain = services.program_page(connection, "peds-mh-echo", None)
        found = services.program_page(connection, "peds-mh-echo", None, facts=(silent, zone))
        assert plain is not None and found is not None
        assert plain.facts == () and plain.faculty
        assert found.facts == ("Meets in America/Los_Angeles",)
        assert found == services.ProgramPage(**{**vars(plain), "facts": found.facts})
        connection.execute(sa.delete(schedule))
        unscheduled = services.program_page(connection, "peds-mh-echo", None, facts=(zone,))
        assert unscheduled is not None and unscheduled.facts == ()
        session.rollback()
