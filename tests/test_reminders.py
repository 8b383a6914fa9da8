"""Reminders through a real SMTP server, as an operator runs them: `echo-lms reminders run
--now` one hour before the demo program's next session, then `echo-lms worker --once`
deliver one reminder to each active participant, carrying an invitation whose UID is the
session's UID in the program feed; running both again delivers nothing new."""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from echo import demo_outcomes
from echo.calendar.feeds import uid_for
from tests.conftest import CHEAP_HASHING, TEST_SECRET
from tests.notify.smtp import Sink, smtp_server
from tests.test_cli import echo_lms, run

__all__ = ["run"]
BASE_URL = "http://127.0.0.1:8000"  # the default ECHO_BASE_URL: the feeds' UID host


def _next_session(database: Path) -> tuple[int, datetime, list[str]]:
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(database) as connection:
        session_id, starts = connection.execute(
            "SELECT s.id, s.starts_at FROM program_session s JOIN program p ON p.id = s.program_id"
            " WHERE p.slug = 'peds-mh-echo' AND s.status = 'scheduled' AND s.starts_at > ?"
            " ORDER BY s.starts_at",
            (now,),
        ).fetchone()
        emails = [
            row[0]
            for row in connection.execute(
                "SELECT u.email FROM enrollment e JOIN user_account u ON u.id = e.user_id"
                " JOIN program p ON p.id = e.program_id"
                " WHERE p.slug = 'peds-mh-echo' AND e.status = 'active' ORDER BY u.email"
            )
        ]
    return int(session_id), datetime.fromisoformat(starts).replace(tzinfo=UTC), emails


def test_one_reminder_each_with_the_feeds_uid_and_none_twice(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "upgrade").returncode == 0
    assert run("demo").returncode == 0
    session_id, starts, participants = _next_session(tmp_path / "echo.sqlite3")
    # The demo's two clinicians and its two dozen learners (echo.demo_outcomes).
    learners = [demo_outcomes.email_of(index) for index in range(24)]
    assert participants == sorted(["np@example.org", "pediatrician@example.org", *learners])
    one_hour_before = (starts - timedelta(hours=1)).isoformat()
    sink = Sink()
    with smtp_server(sink) as port:
        env_run = _with_smtp(tmp_path, port)
        queued = env_run("reminders", "run", "--now", one_hour_before)
        assert queued.returncode == 0, queued.stderr
        assert "26 session reminders" in queued.stdout
        delivered = env_run("worker", "--once")
        assert delivered.returncode == 0, delivered.stderr
        # The session's reminders (the demo's unanswered follow-up surveys are reminded too).
        reminders = [
            m
            for m in sink.messages
            if m["Subject"].startswith("Reminder: Pediatric Mental Health in Primary Care ECHO,")
        ]
        assert sorted(m["To"] for m in reminders) == participants
        for message in reminders:
            assert "Cascadia" in str(message["From"])  # the hub's name as the sender
            assert message["List-Unsubscribe"]
            invitation = next(
                part for part in message.walk() if part.get_content_type() == "text/calendar"
            )
            assert invitation.get_param("method") == "REQUEST"
            calendar = Calendar.from_ical(invitation.get_content())
            event = next(c for c in calendar.walk("VEVENT"))
            assert str(event["UID"]) == uid_for(session_id, BASE_URL)
            assert str(calendar["METHOD"]) == "REQUEST"
            assert "mailto:" + message["To"] in str(event["ATTENDEE"]).lower()
            text = message.get_body(("plain",)).get_content()
            assert "meets in 1 hour" in text and "meeting.example.org" in text
        count = len(sink.received)
        again_queued = env_run("reminders", "run", "--now", one_hour_before)
        assert "0 session reminders" in again_queued.stdout
        env_run("worker", "--once")
        assert len(sink.received) == count  # nothing new


def _with_smtp(folder: Path, port: int):  # type: ignore[no-untyped-def]
    """Run `echo-lms` on the test's database with ECHO_SMTP_URL at the local server."""
    env = {
        **os.environ,
        "ECHO_VAR_DIR": str(folder),
        "ECHO_SECRET_KEY": TEST_SECRET,
        "ECHO_ARGON2_TIME_COST": str(CHEAP_HASHING["argon2_time_cost"]),
        "ECHO_ARGON2_MEMORY_KIB": str(CHEAP_HASHING["argon2_memory_kib"]),
        "ECHO_SMTP_URL": f"smtp://127.0.0.1:{port}",
    }
    env.pop("ECHO_DATABASE_URL", None)
    return lambda *args: echo_lms(env, *args)
