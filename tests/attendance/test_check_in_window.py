"""The check-in window is one rule: the Python test (session page, the button's answer), the
SQL of check-in by code and the SQL of the check-in button's fast path agree at its edges,
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import col, select

from echo.accounts.models import User
from echo.attendance import check_in_window, fast_checkin
from echo.attendance import services as attendance
from echo.db import Database
from echo.programs import services as programs
from echo.programs.forms import ProgramForm
from echo.programs.models import Enrollment, EnrollmentStatus, ProgramSession, SessionStatus

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
SECOND = timedelta(seconds=1)
SECRET = "check-in-window-secret"
# name: (starts_at, ends_at, status, open at NOW)
SESSIONS = {
    "opens now": (NOW + check_in_window.OPENS, NOW + check_in_window.OPENS + HOUR, "", True),
    "opens in a second": (
        NOW + check_in_window.OPENS + SECOND,
        NOW + check_in_window.OPENS + SECOND + HOUR,
        "",
        False,
    ),
    "under way": (NOW - HOUR / 2, NOW + HOUR / 2, "", True),
    "cancelled": (NOW - HOUR / 2, NOW + HOUR / 2, SessionStatus.cancelled.value, False),
    "closes now": (NOW - check_in_window.CLOSES - HOUR, NOW - check_in_window.CLOSES, "", True),
    "closed a second ago": (
        NOW - check_in_window.CLOSES - SECOND - HOUR,
        NOW - check_in_window.CLOSES - SECOND,
        "",
        False,
    ),
}


def test_the_rule_in_words() -> None:
    assert check_in_window.DESCRIPTION == (
        "from 15 minutes before the start to 15 minutes after the end"
    )
    assert check_in_window.bounds(NOW) == (NOW + timedelta(minutes=15), NOW - timedelta(minutes=15))


@pytest.mark.parametrize("name", list(SESSIONS))
def test_python_test_at_the_edges(name: str) -> None:
    starts_at, ends_at, status, expected = SESSIONS[name]
    status = status or SessionStatus.scheduled.value
    assert check_in_window.is_open(starts_at, ends_at, status, NOW) is expected


def test_python_and_both_sql_statements_agree(database: Database) -> None:
    with database.write() as session:
        hub = programs.create_hub(session, slug="edge", name="Edge Hub", time_zone="UTC")
        program = programs.save_program(
            session,
            hub,
            ProgramForm.parse(
                {
                    "slug": "edge-echo",
                    "title": "Edge ECHO",
                    "status": "open",
                    "visibility": "public",
                    "enrollment_mode": "auto",
                }
            ),
        )
        person = User(email="edge@example.org", name="Edge Person", password_hash="x")
        session.add(person)
        session.flush()
        session.add(
            Enrollment(
                program_id=program.id or 0,
                user_id=person.id or 0,
                status=EnrollmentStatus.active.value,
            )
        )
        ids: dict[str, int] = {}
        for name, (starts_at, ends_at, status, _) in SESSIONS.items():
            row = ProgramSession(
                program_id=program.id or 0,
                starts_at=starts_at,
                ends_at=ends_at,
                status=status or SessionStatus.scheduled.value,
            )
            session.add(row)
            session.flush()
            ids[name] = row.id or 0
        expected = {ids[name] for name, (*_, is_open) in SESSIONS.items() if is_open}

        rows = session.exec(select(ProgramSession)).all()
        in_python = {
            r.id for r in rows if check_in_window.is_open(r.starts_at, r.ends_at, r.status, NOW)
        }
        in_sql = set(
            session.exec(
                select(ProgramSession.id).where(
                    check_in_window.is_open_sql(
                        col(ProgramSession.starts_at),
                        col(ProgramSession.ends_at),
                        col(ProgramSession.status),
                        *check_in_window.bounds(NOW),
                    )
                )
            ).all()
        )
        by_code = {
            name
            for name, session_id in ids.items()
            if attendance.session_for_code(
                session, SECRET, attendance.session_code(SECRET, session_id), NOW
            )
        }
        opens_by, closes_from = check_in_window.bounds(NOW)
        fast_path = {
            session_id
            for session_id in ids.values()
            if session.connection()
            .execute(
                fast_checkin._ELIGIBLE,
                {
                    "session_id": session_id,
                    "user_ids": [person.id],
                    "checked_in_at": NOW,
                    "method": "button",
                    "opens_by": opens_by,
                    "closes_from": closes_from,
                },
            )
            .first()
        }
    assert in_python == in_sql == fast_path == expected
    assert by_code == {name for name, (*_, is_open) in SESSIONS.items() if is_open}
