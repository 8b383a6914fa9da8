"""attended_rows (SQL, for reports over many sessions) gives the same people as the one rule
in Python (best_minutes(...).attended) on varied attendance records."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from echo.attendance import services as attendance
from echo.attendance.models import Adjustment, CheckIn, IntervalSource
from echo.db import Database
from echo.programs.models import ProgramSession
from tests import factories


def _random_world(session: Session, seed: int) -> list[ProgramSession]:
    rng = random.Random(seed)
    hub = factories.create_hub(session)
    program = factories.create_program(session, hub)
    people = [factories.create_user(session) for _ in range(6)]
    start = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
    sessions = [
        factories.create_session(session, program, start=start + timedelta(days=7 * n))
        for n in range(12)
    ]
    for item in sessions:
        for person in people:
            # Platform intervals: none, inside, outside, or straddling the session.
            for _ in range(rng.choice([0, 0, 1, 2])):
                offset = timedelta(minutes=rng.randint(-120, 90))
                length = timedelta(minutes=rng.randint(0, 70))
                attendance.add_intervals(
                    session,
                    item.id or 0,
                    person.id or 0,
                    rng.choice([IntervalSource.report, IntervalSource.webhook]),
                    [(item.starts_at + offset, item.starts_at + offset + length)],
                )
            if rng.random() < 0.4:
                checked_in = item.starts_at + timedelta(minutes=rng.randint(-30, 80))
                out = rng.choice([None, checked_in + timedelta(minutes=rng.randint(-5, 50))])
                session.add(
                    CheckIn(
                        session_id=item.id or 0,
                        user_id=person.id or 0,
                        checked_in_at=checked_in,
                        checked_out_at=out,
                    )
                )
            for _ in range(rng.choice([0, 0, 0, 1, 2])):
                session.add(
                    Adjustment(
                        session_id=item.id or 0,
                        user_id=person.id or 0,
                        seconds=rng.choice([0, 0, 600, 3600]),
                        previous_seconds=0,
                        reason="test",
                        at=datetime(2026, 6, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 3)),
                    )
                )
    session.flush()
    return sessions


def test_attended_rows_agrees_with_best_minutes(database: Database) -> None:
    with database.write() as session:
        for seed in range(4):
            sessions = _random_world(session, seed)
            ids = [s.id or 0 for s in sessions]
            chosen = select(
                col(ProgramSession.id), col(ProgramSession.starts_at), col(ProgramSession.ends_at)
            ).where(col(ProgramSession.id).in_(ids))
            in_sql = {(row[0], row[1]) for row in session.execute(attendance.attended_rows(chosen))}
            recorded = attendance.load_attendance(session, ids)
            in_python = {
                (item.id, user_id)
                for item in sessions
                for user_id in recorded[item.id or 0].people
                if recorded[item.id or 0].minutes(item, user_id).attended
            }
            assert in_python  # the world has attendance to compare
            assert in_sql == in_python
