"""Text stored with line breaks (by an old form, an import, a direct database edit) never
stops a page or a job, and one bad item in a job never stops the others.

A program title and people's names are written with CR/LF straight into the database;
then the program and session feeds, cancelling and moving sessions, an enrollment
request, `echo-lms reminders run` and `echo-lms worker --once` all work, for this hub and
for the other hub."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
from datetime import timedelta

import sqlalchemy as sa
from icalendar import Calendar
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.db import Database
from echo.jobs import JobFailure
from echo.notify.models import OutboxMessage
from echo.programs.models import Program, ProgramSession, SessionStatus
from echo.settings import Settings
from echo.timeutil import utcnow
from tests.conftest import TEST_SECRET
from tests.helpers import logged_in, post_form, text_of
from tests.notify.test_mail_cli import echo_lms


def _echo_lms(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    """`echo-lms ARGS` on the test's database and folder, as an operator runs it."""
    env = {
        **os.environ,
        "ECHO_DATABASE_URL": settings.resolved_database_url,
        "ECHO_VAR_DIR": str(settings.var_dir),
        "ECHO_SECRET_KEY": TEST_SECRET,
    }
    env.pop("ECHO_SMTP_URL", None)
    return echo_lms(env, *args)


def _upcoming(database: Database, slug: str) -> list[ProgramSession]:
    with database.write() as session:
        return list(
            session.exec(
                select(ProgramSession)
                .join(Program, col(Program.id) == ProgramSession.program_id)
                .where(
                    Program.slug == slug,
                    col(ProgramSession.starts_at) > utcnow(),
                    ProgramSession.status == SessionStatus.scheduled.value,
                )
                .order_by(col(ProgramSession.starts_at))
            ).all()
        )


def _outbox(database: Database) -> list[OutboxMessage]:
    with database.write() as session:
        return list(session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id))).all())


def _store_line_breaks(database: Database) -> None:
    with database.write() as session:
        session.execute(
            sa.text("UPDATE program SET title = :t WHERE slug = 'peds-mh-echo'"),
            {"t": "Peds\r\nInjected: header"},
        )
        for email_address, name in (
            ("outsider@example.org", "Olive\nOutsider"),
            ("pediatrician@example.org", "Dr. Paula\r\nPediatrician"),
        ):
            session.execute(
                sa.text("UPDATE user_account SET name = :n WHERE email = :e"),
                {"n": name, "e": email_address},
            )


def _bring_lakeshore_next_to(database: Database, starts_at: object) -> None:
    """Put the other hub's next session two hours after this hub's, so one reminder pass
    covers both hubs."""
    (lakeshore, *_) = _upcoming(database, "lakeshore-anxiety-echo")
    with database.write() as session:
        session.execute(
            sa.update(ProgramSession)
            .where(col(ProgramSession.id) == lakeshore.id)
            .values(starts_at=starts_at, ends_at=starts_at + timedelta(hours=1))  # type: ignore[operator]
        )


def _np_joins_lakeshore_two_hours_after(
    make_client: object, database: Database, peds_session: ProgramSession
) -> None:
    """The nurse practitioner joins the other hub's program, whose next session is put two
    hours after this hub's next one, so one reminder pass covers both hubs."""
    np = logged_in(make_client(), "np@example.org")  # type: ignore[operator]
    joined = post_form(
        np, "/programs/lakeshore-anxiety-echo/enroll", {}, "/programs/lakeshore-anxiety-echo"
    )
    assert joined.status_code == 303
    _bring_lakeshore_next_to(database, peds_session.starts_at + timedelta(hours=2))


def test_titles_and_names_with_line_breaks_break_no_page_and_no_job(
    client: TestClient, make_client: object, database: Database, settings: Settings
) -> None:
    _store_line_breaks(database)
    peds = _upcoming(database, "peds-mh-echo")

    feed = client.get("/programs/peds-mh-echo/calendar.ics")
    assert feed.status_code == 200
    calendar = Calendar.from_ical(feed.content)
    assert str(calendar["X-WR-CALNAME"]) == "Peds  Injected: header"
    event = client.get(f"/sessions/{peds[0].id}/event.ics")
    assert event.status_code == 200
    (summary,) = [str(c["SUMMARY"]) for c in Calendar.from_ical(event.content).walk("VEVENT")]
    assert "\n" not in summary and "\r" not in summary

    coordinator = logged_in(make_client(), "coordinator@example.org")  # type: ignore[operator]
    cancelled = post_form(
        coordinator,
        f"/sessions/{peds[2].id}/edit",
        {"action": "cancel", "reason": "Holiday"},
        f"/sessions/{peds[2].id}/edit",
    )
    assert cancelled.status_code == 303
    moved = post_form(
        coordinator,
        f"/sessions/{peds[3].id}/edit",
        {
            "action": "move",
            "date": peds[3].starts_at.date().isoformat(),
            "time": "13:00",
            "duration_minutes": "60",
        },
        f"/sessions/{peds[3].id}/edit",
    )
    assert moved.status_code == 303, text_of(moved.text)[:300]

    outsider = logged_in(make_client(), "outsider@example.org")  # type: ignore[operator]
    asked = post_form(outsider, "/programs/peds-mh-echo/enroll", {}, "/programs/peds-mh-echo")
    assert asked.status_code == 303 and "notice=requested" in asked.headers["location"]

    _np_joins_lakeshore_two_hours_after(make_client, database, peds[0])

    before = len(_outbox(database))
    ran = _echo_lms(
        settings,
        "reminders",
        "run",
        "--now",
        (peds[0].starts_at - timedelta(minutes=30)).isoformat(),
    )
    assert ran.returncode == 0, ran.stderr
    queued = _outbox(database)[before:]
    reminders = {(m.to_address, m.subject.split(",")[0]) for m in queued}
    assert reminders >= {
        ("pediatrician@example.org", "Reminder: Peds  Injected: header"),
        ("np@example.org", "Reminder: Peds  Injected: header"),
        ("np@example.org", "Reminder: Anxiety and Depression in Adolescents ECHO"),
        ("np@example.org", "Claim your credit for Peds  Injected: header"),
        ("coordinator@example.org", "Cascadia Children's Behavioral Health Hub: your week in Echo"),
        (
            "coordinator2@example.org",
            "Lakeshore Pediatric Psychiatry Access Hub: your week in Echo",
        ),
    }
    every = _outbox(database)
    assert all("\n" not in m.subject and "\r" not in m.subject for m in every)
    assert any(m.subject.startswith("Cancelled: Peds  Injected") for m in every)
    assert any(m.subject.startswith("New time: Peds  Injected") for m in every)
    assert any(m.subject == "Olive Outsider, DO asks to join Peds  Injected: header" for m in every)

    sent = _echo_lms(settings, "worker", "--once")  # its own reminder pass may add some
    assert sent.returncode == 0, sent.stderr
    assert sent.stdout.endswith(" sent, 0 to retry, 0 failed.\n")
    delivered = _outbox(database)
    assert {m.status for m in delivered} == {"sent"} and len(delivered) >= len(every)
    written = sorted((settings.var_dir / "mail").glob("*.eml"))
    assert len(written) == len(delivered)
    for path in written:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert "\n" not in str(message["Subject"])
    with database.write() as session:
        assert session.exec(select(JobFailure)).all() == []


def test_one_bad_recipient_is_skipped_and_recorded_and_the_rest_go_out(
    client: TestClient, make_client: object, database: Database, settings: Settings
) -> None:
    peds = _upcoming(database, "peds-mh-echo")
    _np_joins_lakeshore_two_hours_after(make_client, database, peds[0])
    with database.write() as session:
        # An address no mail can go to, as an old import might have stored it.
        session.execute(
            sa.text("UPDATE user_account SET email = 'no address' WHERE email = :e"),
            {"e": "pediatrician@example.org"},
        )
        pediatrician_id = session.execute(
            sa.text("SELECT id FROM user_account WHERE email = 'no address'")
        ).scalar_one()

    ran = _echo_lms(
        settings,
        "reminders",
        "run",
        "--now",
        (peds[0].starts_at - timedelta(minutes=30)).isoformat(),
    )

    assert ran.returncode == 0, ran.stderr
    assert "Queued 2 session reminders" in ran.stdout
    reminders = {(m.to_address, m.subject.split(",")[0]) for m in _outbox(database)}
    assert ("np@example.org", "Reminder: Pediatric Mental Health in Primary Care ECHO") in reminders
    assert ("np@example.org", "Reminder: Anxiety and Depression in Adolescents ECHO") in reminders
    with database.write() as session:
        (failure,) = session.exec(select(JobFailure)).all()
    assert failure.job == "session reminders"
    assert failure.item == f"session {peds[0].id}, user {pediatrician_id}"
    assert failure.error == "ValueError: 'no address' is not an email address"
    admin = logged_in(make_client(), "admin@example.org")  # type: ignore[operator]
    page = text_of(admin.get("/admin/mail").text)
    assert f"session reminders session {peds[0].id}, user {pediatrician_id}" in page
