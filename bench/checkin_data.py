"""The check-in burst's participants and sessions, written with Echo's own services.

``add_participants`` runs after ``echo-lms db upgrade`` and ``echo-lms demo``, before the
server starts. For each participant: a new account (``create_user``, with a cheap
Argon2 setting: these passwords are never checked), an active enrollment in the demo
program ``peds-mh-echo`` (``enroll_directly``, as its coordinator), and a login
(``start_login``: the server-side login session and the cookie's JWT). Then the
sessions to check in to: rows of that program whose check-in is open (started
5 minutes ago, ending in 55), one per burst. Nothing goes over HTTP: signing in 300
people there would measure Argon2 and the login throttle.

The CSRF token is worked out as ``echo.security.csrf.CSRFMiddleware`` does for a
signed-in request: the login cookie's verified claims, then ``token_for(secret, jti)``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import col

from echo.accounts import services as accounts
from echo.accounts.forms import ProfileForm
from echo.attendance.models import CheckIn
from echo.db import Database
from echo.programs import services as programs
from echo.programs.models import ProgramSession
from echo.security import csrf, tokens
from echo.security.passwords import Passwords
from echo.settings import Settings
from echo.timeutil import utcnow

PROGRAM_SLUG = "peds-mh-echo"  # from `echo-lms demo`
COORDINATOR_EMAIL = "coordinator@example.org"  # its hub's coordinator, from `echo-lms demo`
EMAIL = "checkin-{:04d}@bench.example.org"
TIME_ZONE = "America/Los_Angeles"
STARTED = timedelta(minutes=5)  # the sessions started this long ago
ENDS = timedelta(minutes=55)  # and end this long from now
# Argon2id with one pass over 1 MiB: about a millisecond per account instead of ~50 ms.
FAST_PASSWORDS = (1, 1024)


@dataclass(frozen=True)
class Participant:
    user_id: int
    cookie: str  # the Cookie header a browser of this person sends
    csrf_token: str  # the token the CSRF middleware expects for this login


@dataclass(frozen=True)
class CheckinSetup:
    program_id: int
    session_ids: list[int]
    participants: list[Participant]


def add_participants(
    settings: Settings, participants: int, sessions: int, *, now: datetime | None = None
) -> CheckinSetup:
    """Add the participants, their logins and ``sessions`` open sessions; say who and where."""
    moment = now or utcnow()
    passwords = Passwords(*FAST_PASSWORDS)
    database = Database(settings)
    try:
        with database.write() as session:
            found = programs.program_by_slug(session, PROGRAM_SLUG)
            coordinator = accounts.user_by_email(session, COORDINATOR_EMAIL)
            if found is None or coordinator is None or coordinator.id is None:
                raise LookupError(
                    f"no program {PROGRAM_SLUG!r} or no {COORDINATOR_EMAIL}: run the demo first"
                )
            program = found[0]
            people: list[Participant] = []
            for number in range(1, participants + 1):
                user = accounts.create_user(
                    session,
                    passwords,
                    email=EMAIL.format(number),
                    password=secrets.token_urlsafe(16),
                    profile=ProfileForm.parse(
                        {"name": f"Bench Participant {number:04d}", "time_zone": TIME_ZONE}
                    ),
                )
                programs.enroll_directly(session, program, user, coordinator.id)
                login = accounts.start_login(session, settings, user, user_agent="echo-bench")
                people.append(participant(settings, user.id or 0, login.cookie_value))
            rows = [
                ProgramSession(
                    program_id=program.id or 0,
                    starts_at=moment - STARTED,
                    ends_at=moment + ENDS,
                    title=f"Check-in burst {number}",
                )
                for number in range(1, sessions + 1)
            ]
            session.add_all(rows)
            session.flush()
            return CheckinSetup(program.id or 0, [row.id or 0 for row in rows], people)
    finally:
        database.dispose()


def participant(settings: Settings, user_id: int, login_cookie: str) -> Participant:
    claims = tokens.verify(settings.secret, login_cookie, purpose=tokens.Purpose.login)
    anonymous_id = secrets.token_urlsafe(24)  # a browser has had one since its first page
    cookie = (
        f"{settings.session_cookie_name}={login_cookie}; "
        f"{settings.anonymous_cookie_name}={anonymous_id}"
    )
    return Participant(user_id, cookie, csrf.token_for(settings.secret, str(claims["jti"])))


@dataclass(frozen=True)
class Recorded:
    """What the database holds for one session after a burst."""

    rows: int
    duplicates: int  # rows beyond one per person
    expected_present: int  # how many of the burst's participants have a row

    def complete(self, participants: int) -> bool:
        return self.rows == participants == self.expected_present and self.duplicates == 0


def recorded(database: Database, session_id: int, user_ids: list[int]) -> Recorded:
    with database.read() as session:
        rows, people, present = session.execute(
            sa.select(
                sa.func.count(),
                sa.func.count(sa.distinct(col(CheckIn.user_id))),
                sa.func.count(sa.distinct(col(CheckIn.user_id))).filter(
                    col(CheckIn.user_id).in_(user_ids)
                ),
            ).where(col(CheckIn.session_id) == session_id)
        ).one()
    return Recorded(int(rows), int(rows) - int(people), int(present))
