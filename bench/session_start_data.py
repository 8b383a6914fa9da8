"""The session-start benchmark's world, written with Echo's own services.

``seed`` runs after ``echo-lms db upgrade`` on the scratch database, before any server
starts: a hub with a coordinator; ``programs`` open programs, each with a schedule that
carries its own meeting link; ``participants`` accounts spread evenly over them (active,
address confirmed, an active enrollment made by the coordinator); and, for every run
of the benchmark, one session per program that started two minutes ago and lasts three
hours (check-in open, the meeting link shown), so that each run checks in to sessions of
its own and its rows can be counted alone.

Every participant has the same password and the same stored hash: one Argon2id hash,
computed once with the parameters under test, is reused for every account (hashing 1,000
passwords at Echo's default cost would take minutes; verifying one costs the same
whichever account it belongs to). The accounts are made by ``create_user`` with a
``Passwords`` whose ``hash`` returns that hash.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlmodel import Session

from echo.accounts import services as accounts
from echo.accounts.forms import ProfileForm
from echo.attendance import services as attendance
from echo.db import Database
from echo.programs import recurrence, sessions
from echo.programs import services as programs
from echo.programs.forms import ProgramForm
from echo.programs.models import Program, ProgramSession
from echo.security.passwords import Passwords
from echo.settings import Settings
from echo.timeutil import utcnow

# Every participant's (and the coordinator's) password, on a scratch database.
PASSWORD = "session start passphrase 2026"  # noqa: S105 - a made-up account's, not a secret
EMAIL = "start-{:04d}@bench.example.org"
WARM_UP_EMAIL = "warm-up-{:02d}@bench.example.org"
WARM_UP_PEOPLE = 10  # in the first program: they sign in before each server is measured
MEETING_URL = "https://meeting.example.org/j/{:010d}"
TIME_ZONE = "America/Chicago"
STARTED = timedelta(minutes=2)  # each run's sessions started this long before seeding
LASTS = timedelta(hours=3)


class ReusedHash(Passwords):
    """Passwords whose new hashes are all one precomputed hash (of ``PASSWORD``)."""

    def __init__(self, time_cost: int, memory_kib: int) -> None:
        super().__init__(time_cost, memory_kib)
        self.stored = super().hash(PASSWORD)

    def hash(self, password: str) -> str:
        if password != PASSWORD:
            raise ValueError("only the benchmark's password is hashed once and reused")
        return self.stored


@dataclass(frozen=True)
class Person:
    email: str
    user_id: int
    program_index: int


@dataclass
class World:
    people: list[Person]
    warm_up: list[Person]
    meeting_urls: list[str]  # per program
    sessions: dict[str, list[int]] = field(default_factory=dict)  # run -> session per program

    def plan(self, run: str, *, seed: int = 2026) -> list[dict[str, object]]:
        """The run's participants for bench.session_start_locust, in a shuffled order (the
        programs' people arrive mixed, as they would)."""
        entries: list[dict[str, object]] = [
            {
                "email": person.email,
                "password": PASSWORD,
                "session_id": self.sessions[run][person.program_index],
                "meeting_url": self.meeting_urls[person.program_index],
            }
            for person in self.people
        ]
        random.Random(f"{seed}-{run}").shuffle(entries)
        return entries


def seed(
    settings: Settings,
    *,
    participants: int,
    program_count: int,
    runs: list[str],
    passwords: ReusedHash,
) -> World:
    now = utcnow().replace(microsecond=0)
    database = Database(settings)
    try:
        with database.write() as session:
            coordinator = accounts.create_user(
                session,
                passwords,
                email="coordinator@bench.example.org",
                password=PASSWORD,
                profile=_profile("Bench Coordinator"),
            )
            accounts.confirm_sign_up(session, coordinator)
            hub = programs.create_hub(
                session, slug="bench-start", name="Session Start Hub", time_zone=TIME_ZONE
            )
            programs.add_hub_member(session, hub, coordinator, "coordinator")
            made = []
            urls = []
            for n in range(program_count):
                form = ProgramForm.parse(
                    {
                        "slug": f"start-{n + 1:02d}",
                        "title": f"Session Start ECHO {n + 1:02d}",
                        "description": "",
                        "target_audience": "",
                        "status": "open",
                        "visibility": "public",
                        "enrollment_mode": "auto",
                        "participants_see_cases": "yes",
                        "lead_faculty_id": "",
                    }
                )
                program = programs.save_program(session, hub, form)
                url = MEETING_URL.format(8_000_000_000 + n)
                _schedule(session, program, url, first=now.date() + timedelta(days=7))
                made.append(program)
                urls.append(url)
            world = World(people=[], warm_up=[], meeting_urls=urls)
            for n in range(participants):
                index = n % program_count
                world.people.append(
                    _participant(session, passwords, made[index], index, coordinator.id or 0, n)
                )
            for n in range(WARM_UP_PEOPLE):
                user = accounts.create_user(
                    session,
                    passwords,
                    email=WARM_UP_EMAIL.format(n),
                    password=PASSWORD,
                    profile=_profile(f"Warm-up {n:02d}"),
                )
                accounts.confirm_sign_up(session, user)
                programs.enroll_directly(session, made[0], user, coordinator.id or 0)
                session.flush()
                world.warm_up.append(Person(user.email, user.id or 0, 0))
            for run in runs:
                rows = [
                    ProgramSession(
                        program_id=program.id or 0,
                        starts_at=now - STARTED,
                        ends_at=now - STARTED + LASTS,
                        title=f"Session start, {run}",
                    )
                    for program in made
                ]
                session.add_all(rows)
                session.flush()
                world.sessions[run] = [row.id or 0 for row in rows]
            return world
    finally:
        database.dispose()


def _profile(name: str) -> ProfileForm:
    return ProfileForm.parse(
        {"name": name, "credentials": "MD", "profession": "Physician", "time_zone": TIME_ZONE}
    )


def _participant(
    session: Session,
    passwords: Passwords,
    program: Program,
    index: int,
    coordinator_id: int,
    n: int,
) -> Person:
    user = accounts.create_user(
        session,
        passwords,
        email=EMAIL.format(n),
        password=PASSWORD,
        profile=_profile(f"Participant {n:04d}"),
    )
    accounts.confirm_sign_up(session, user)
    programs.enroll_directly(session, program, user, coordinator_id)
    session.flush()
    return Person(user.email, user.id or 0, index)


def _schedule(session: Session, program: Program, meeting_url: str, *, first: date) -> None:
    """A weekly schedule whose meeting link the session page shows (one future meeting)."""
    spec = recurrence.ScheduleSpec(
        first_date=first,
        start_time=time(12, 0),
        duration_minutes=60,
        time_zone=TIME_ZONE,
        recurrence=recurrence.Recurrence("weekly", interval=1, weekdays=(first.weekday(),)),
        count=1,
    )
    sessions.apply_schedule(
        session,
        program,
        spec,
        meeting_url=meeting_url,
        meeting_passcode="",
        in_use=attendance.sessions_in_use,
    )
