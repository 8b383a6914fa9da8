"""The calendar-feed benchmark's program: three years of weekly sessions, 20 of them changed.

``add_feed_program`` writes it into the benchmark's database with Echo's own
services, as a coordinator's edits would: the schedule through
``apply_schedule``, then cancellations (with a reason), moves and didactic
titles through ``cancel``, ``reschedule`` and ``update_details``, each of which
raises the session's SEQUENCE. The program is public and open, so its feed
``GET /programs/<slug>/calendar.ics`` needs no sign-in.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

from pydantic import SecretStr
from sqlmodel import Session

from bench.feed import FeedProgram
from echo.accounts import services as accounts
from echo.attendance import services as attendance
from echo.db import Database
from echo.programs import recurrence, sessions
from echo.programs import services as programs
from echo.programs.forms import MoveForm, ProgramForm, SessionDetailsForm
from echo.programs.models import ProgramSession
from echo.settings import Settings
from echo.timeutil import in_zone

FEED_SLUG = "bench-feed-echo"
FEED_PATH = f"/programs/{FEED_SLUG}/calendar.ics"
HUB_SLUG = "cascadia"  # from `echo-lms demo`
PRESENTER_EMAIL = "faculty@example.org"  # a faculty member of that hub, from `echo-lms demo`
TIME_ZONE = "America/Los_Angeles"
OCCURRENCES = 156  # weekly for three years
FIRST_CHANGED = 3  # the changed occurrences are the 4th, then every 7th
CHANGED_EVERY = 7
CHANGES = ("cancel", "move", "didactic")  # taken in turn
CHANGED = 20

CANCEL_REASONS = (
    "Holiday: no session this week.",
    "Faculty at the state conference; we meet again next week.",
    "Clinic closure for the winter storm.",
)
DIDACTIC_TITLES = (
    "ADHD: when medication, when not",
    "Anxiety in school-age children: CBT skills for the clinic",
    'Suicide risk: asking the "hard" questions, safety planning & follow-up',
    "SSRIs; starting, dosing, and side effects",
)


def first_thursday_a_year_before(today: date) -> date:
    """The series starts a year back, so the feed has past and future sessions."""
    start = today - timedelta(weeks=52)
    return start - timedelta(days=(start.weekday() - 3) % 7)


def add_feed_program(
    var_dir: Path, database_url: str, secret_key: str, *, today: date | None = None
) -> FeedProgram:
    """Add the program to the database (after ``echo-lms db upgrade`` and ``echo-lms demo``)."""
    settings = Settings(
        var_dir=var_dir, database_url=database_url, secret_key=SecretStr(secret_key)
    )
    database = Database(settings)
    try:
        with database.write() as session:
            hub = programs.hub_by_slug(session, HUB_SLUG)
            presenter = accounts.user_by_email(session, PRESENTER_EMAIL)
            if hub is None or presenter is None or presenter.id is None:
                raise LookupError(
                    f"no hub {HUB_SLUG!r} or no {PRESENTER_EMAIL}: run the demo first"
                )
            program = programs.save_program(
                session,
                hub,
                ProgramForm.parse(
                    {
                        "slug": FEED_SLUG,
                        "title": "Child Psychiatry Access ECHO (calendar feed benchmark)",
                        "description": "Weekly case consultations over three school years.",
                        "target_audience": "Primary care clinicians",
                        "status": "open",
                        "visibility": "public",
                        "enrollment_mode": "auto",
                    }
                ),
            )
            spec = recurrence.ScheduleSpec(
                first_date=first_thursday_a_year_before(today or date.today()),
                start_time=time(12, 0),
                duration_minutes=60,
                time_zone=TIME_ZONE,
                recurrence=recurrence.Recurrence("weekly", weekdays=(3,)),
                count=OCCURRENCES,
            )
            sessions.apply_schedule(
                session,
                program,
                spec,
                meeting_url="https://meeting.example.org/j/987654321",
                meeting_passcode="feeds",
                in_use=attendance.sessions_in_use,
            )
            series = list(sessions.program_sessions(session, program.id or 0))
            if len(series) != OCCURRENCES:
                raise RuntimeError(f"the schedule made {len(series)} sessions, not {OCCURRENCES}")
            done = {change: 0 for change in CHANGES}
            for number in range(CHANGED):
                change = CHANGES[number % len(CHANGES)]
                item = series[FIRST_CHANGED + number * CHANGED_EVERY]
                _change(session, item, change, done[change], presenter.id)
                done[change] += 1
            session.flush()
            return FeedProgram(
                slug=FEED_SLUG,
                path=FEED_PATH,
                sessions=len(series),
                cancelled=done["cancel"],
                moved=done["move"],
                didactic=done["didactic"],
            )
    finally:
        database.dispose()


def _change(
    session: Session, item: ProgramSession, change: str, turn: int, presenter_id: int
) -> None:
    if change == "cancel":
        sessions.cancel(session, item, CANCEL_REASONS[turn % len(CANCEL_REASONS)])
    elif change == "move":
        local = in_zone(item.starts_at, TIME_ZONE)
        # Every other move goes to the next day; the others stay on the day, 90 minutes later.
        moved = local + timedelta(days=1) if turn % 2 == 0 else local + timedelta(minutes=90)
        sessions.reschedule(
            session,
            item,
            TIME_ZONE,
            MoveForm.parse(
                {
                    "date": moved.date().isoformat(),
                    "time": moved.strftime("%H:%M"),
                    "duration_minutes": "60",
                }
            ),
        )
    else:
        sessions.update_details(
            session,
            item,
            SessionDetailsForm.parse(
                {
                    "didactic_title": DIDACTIC_TITLES[turn % len(DIDACTIC_TITLES)],
                    "didactic_presenter_id": str(presenter_id),
                    "didactic_objectives": "Recognise the signs\nKnow when to refer",
                }
            ),
            presenter_ids={presenter_id},
        )
