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


def test_the_pages_core_reads_match_the_orm_reads(database: Database, demo_data: None) -> None:
    """The page reads its schedule and next session in Core (speed); they must say what
    spec_of(schedule_of(...)) and upcoming(...)[0] say, for every program, also after the
    next session is cancelled and with a count (a Core row's own ``count`` is tuple.count)."""
    from sqlmodel import select

    from echo.programs import sessions
    from echo.programs.models import Program, ProgramSchedule
    from echo.timeutil import utcnow

    def compare() -> None:
        now = utcnow()
        with database.read() as session:
            connection = session.connection()
            for program in session.exec(select(Program)).all():
                program_id = program.id or 0
                schedule = sessions.schedule_of(session, program_id)
                expected = sessions.spec_of(schedule) if schedule else None
                assert sessions.schedule_spec(connection, program_id) == expected
                coming = sessions.upcoming(session, program_id, now=now)
                found = sessions.next_program_session(connection, program_id, now=now)
                if not coming:
                    assert found is None
                    continue
                assert found is not None
                first = coming[0]
                assert (found.id, found.starts_at, found.didactic_title) == (
                    first.id,
                    first.starts_at,
                    first.didactic_title,
                )

    compare()
    with database.write() as session:
        for schedule in session.exec(select(ProgramSchedule)).all():
            schedule.count = 40
            session.add(schedule)
        for program in session.exec(select(Program)).all():
            first = sessions.upcoming(session, program.id or 0)
            if first:
                sessions.cancel(session, first[0], "Snow day")
    compare()
