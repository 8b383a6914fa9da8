"""Report previews kept in the database between preview and commit: one row per session and
report, found only for its session and only for a day, and deleted by housekeeping then."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import col, select

from echo import housekeeping
from echo.attendance import imports
from echo.attendance.models import AttendanceUpload
from echo.db import Database
from echo.programs.models import ProgramSession
from echo.settings import Settings
from echo.timeutil import utcnow
from tests import factories

DIGEST = "a" * 64
OTHER_DIGEST = "b" * 64


@dataclass
class Sessions:
    first: int
    second: int


@pytest.fixture
def sessions(database: Database) -> Sessions:
    with database.write() as session:
        coordinator = factories.create_user(session)
        program = factories.create_program(
            session, factories.create_hub(session, coordinator=coordinator)
        )
        first = factories.create_session(session, program)
        second = factories.create_session(session, program, start=first.ends_at)
        return Sessions(first.id or 0, second.id or 0)


def _kept(database: Database) -> list[tuple[int, str]]:
    with database.read() as session:
        rows = session.exec(
            select(AttendanceUpload).order_by(
                col(AttendanceUpload.session_id), col(AttendanceUpload.sha256)
            )
        ).all()
        return [(row.session_id, row.sha256) for row in rows]


def test_keeping_a_report_twice_keeps_one_row_and_renews_it(
    database: Database, sessions: Sessions
) -> None:
    start = utcnow()
    with database.write() as session:
        imports.keep(session, sessions.first, DIGEST, b"report", start)
    with database.write() as session:
        imports.keep(session, sessions.first, DIGEST, b"report", start + timedelta(hours=20))
    assert _kept(database) == [(sessions.first, DIGEST)]
    with database.read() as session:
        later = start + timedelta(hours=30)  # a day after the first time, not after the second
        assert imports.stored(session, sessions.first, DIGEST, later) == b"report"


def test_a_report_is_found_only_for_its_session_and_only_for_a_day(
    database: Database, sessions: Sessions
) -> None:
    kept_at = utcnow()
    with database.write() as session:
        imports.keep(session, sessions.first, DIGEST, b"report", kept_at)
    with database.read() as session:
        assert imports.stored(session, sessions.first, DIGEST, kept_at) == b"report"
        assert imports.stored(session, sessions.second, DIGEST, kept_at) is None
        assert imports.stored(session, sessions.first, OTHER_DIGEST, kept_at) is None
        day = kept_at + imports.PREVIEW_LIFETIME
        assert imports.stored(session, sessions.first, DIGEST, day) == b"report"
        late = day + timedelta(seconds=1)
        assert imports.stored(session, sessions.first, DIGEST, late) is None


def test_expiry_deletes_only_the_reports_older_than_a_day(
    database: Database, settings: Settings, sessions: Sessions
) -> None:
    now = utcnow()
    with database.write() as session:
        imports.keep(session, sessions.first, DIGEST, b"old", now - timedelta(hours=25))
        imports.keep(
            session, sessions.second, DIGEST, b"old too", now - timedelta(hours=24, seconds=1)
        )
        imports.keep(session, sessions.first, OTHER_DIGEST, b"new", now - timedelta(hours=23))
    with database.write() as session:
        assert imports.expire(session, now) == 2
    assert _kept(database) == [(sessions.first, OTHER_DIGEST)]
    housekeeping.tick(database, settings)(now + timedelta(hours=2))  # the worker's pass
    assert _kept(database) == []


def test_a_committed_report_is_discarded_and_a_deleted_session_takes_its_reports(
    database: Database, sessions: Sessions
) -> None:
    with database.write() as session:
        imports.keep(session, sessions.first, DIGEST, b"report")
        imports.keep(session, sessions.first, OTHER_DIGEST, b"another")
        imports.keep(session, sessions.second, DIGEST, b"report")
    with database.write() as session:
        imports.discard(session, sessions.first, DIGEST)
    assert _kept(database) == [(sessions.first, OTHER_DIGEST), (sessions.second, DIGEST)]
    with database.write() as session:
        program_session = session.get(ProgramSession, sessions.first)
        session.delete(program_session)
    assert _kept(database) == [(sessions.second, DIGEST)]
