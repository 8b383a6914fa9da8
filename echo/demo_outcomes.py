"""Demo outcomes for peds-mh-echo: two dozen learners from varied practices who attended the
sessions held so far and answered the intake, completion and 3-month follow-up surveys, so
every chart of the program's dashboard has data and every survey passes the threshold of
``stats.MIN_RESPONDENTS``. Answers go through the survey service (its checks and the PHI
guard), drawn from a fixed seed so the demo is the same every time."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.attendance.models import AttendanceInterval, IntervalSource
from echo.outcomes import surveys
from echo.outcomes.models import SurveyInvitation, SurveyItem, SurveyKind
from echo.programs import sessions
from echo.programs.models import Enrollment, EnrollmentStatus, Program, SessionStatus
from echo.security.passwords import Passwords

SEED = 15


@dataclass(frozen=True)
class Learner:
    name: str
    credentials: str
    profession: str
    setting: str
    practice_type: str
    state: str
    zip_code: str
    organization: str


_FIRST = (
    "Avery", "Blake", "Cameron", "Devon", "Emerson", "Finley", "Harper", "Jordan",
    "Kendall", "Logan", "Morgan", "Parker", "Quinn", "Reese", "Rowan", "Sawyer",
    "Skyler", "Taylor", "Jamie", "Riley", "Drew", "Hayden", "Peyton", "Sage",
)  # fmt: skip
_ROLES = (
    ("MD", "Physician"),
    ("MD", "Physician"),
    ("DO", "Physician"),
    ("NP", "Nurse practitioner"),
    ("PA", "Physician assistant"),
    ("RN", "Nurse"),
    ("LCSW", "Social worker"),
)
_PRACTICES = (
    ("rural", "fqhc", "WA", "98857", "Columbia Basin Community Health"),
    ("rural", "independent", "WA", "99163", "Palouse Family Pediatrics"),
    ("urban", "hospital", "WA", "98105", "Lakeside Children's Primary Care"),
    ("urban", "academic", "OR", "97239", "Riverside Academic Pediatrics"),
    ("rural", "school", "ID", "83843", "Clearwater School-Based Health Center"),
    ("urban", "independent", "WA", "98402", "Harborview Pediatric Associates"),
)


def demo_learners() -> list[Learner]:
    rng = random.Random(SEED)
    found = []
    for index, first in enumerate(_FIRST):
        credentials, profession = _ROLES[index % len(_ROLES)]
        setting, kind, state, zip_code, organization = _PRACTICES[index % len(_PRACTICES)]
        surname = rng.choice(("Learner", "Clinician", "Provider"))
        found.append(
            Learner(
                f"{first} {surname}",
                credentials,
                profession,
                setting,
                kind,
                state,
                zip_code,
                organization,
            )
        )
    return found


def email_of(index: int) -> str:
    return f"learner{index + 1:02d}@example.org"


def load(session: Session, passwords: Passwords, program: Program, password: str) -> int:
    """Learners, their attendance and survey answers; 0 when the demo already has them."""
    if session.exec(select(User.id).where(User.email == email_of(0))).first() is not None:
        return 0
    rng = random.Random(SEED)
    password_hash = passwords.hash(password)  # one hash for all: the demo loads quickly
    people = []
    for index, learner in enumerate(demo_learners()):
        user = User(
            email=email_of(index),
            name=learner.name,
            password_hash=password_hash,
            credentials=learner.credentials,
            profession=learner.profession,
            organization=learner.organization,
            us_state=learner.state,
            practice_setting=learner.setting,
            practice_type=learner.practice_type,
            practice_zip=learner.zip_code,
            time_zone="America/Los_Angeles",
            email_verified_at=datetime.now(UTC),
        )
        session.add(user)
        session.flush()
        session.add(
            Enrollment(
                program_id=program.id or 0,
                user_id=user.id or 0,
                status=EnrollmentStatus.active.value,
            )
        )
        people.append(user)
    session.flush()
    _attend(session, program, people, rng)
    _answer(session, program, people, rng)
    return len(people)


def _attend(session: Session, program: Program, people: list[User], rng: random.Random) -> None:
    """Most learners come to most sessions held; some drop in once or twice."""
    now = datetime.now(UTC)
    held = [
        s
        for s in sessions.program_sessions(session, program.id or 0)
        if s.ends_at < now and s.status != SessionStatus.cancelled
    ]
    for index, user in enumerate(people):
        regular = index % 4 != 3
        for item in held:
            if rng.random() < (0.85 if regular else 0.35):
                late = timedelta(minutes=rng.choice((0, 0, 2, 5, 12)))
                session.add(
                    AttendanceInterval(
                        session_id=item.id or 0,
                        user_id=user.id or 0,
                        source=IntervalSource.report.value,
                        start_at=item.starts_at + late,
                        end_at=item.ends_at,
                    )
                )
    session.flush()


def _answer(session: Session, program: Program, people: list[User], rng: random.Random) -> None:
    made = surveys.set_up_program_surveys(session, program, surveys.bank_at())
    by_kind = {(s.kind, s.followup_months): s for s in made}
    pre = by_kind[(SurveyKind.pre.value, None)]
    post = by_kind[(SurveyKind.post.value, None)]
    followup = by_kind[(SurveyKind.followup.value, 3)]
    start = datetime.now(UTC) - timedelta(weeks=6)
    for index, user in enumerate(people):
        growth = rng.uniform(0.6, 1.6)  # how much this learner's confidence grew
        if index < 22:
            surveys.submit(
                session,
                pre,
                user.id or 0,
                _answers(surveys.items_of(session, pre.id or 0), "pre", growth, rng),
                now=start + timedelta(days=rng.randint(0, 3)),
            )
        if index < 20:
            surveys.submit(
                session,
                post,
                user.id or 0,
                _answers(surveys.items_of(session, post.id or 0), "post", growth, rng),
                now=datetime.now(UTC) - timedelta(days=1),
            )
    # The 3-month follow-up, as if the invitations had gone out and been answered.
    for invitation in session.exec(
        select(SurveyInvitation).where(SurveyInvitation.survey_id == followup.id)
    ).all():
        invitation.sent_at = invitation.due_at = datetime.now(UTC) - timedelta(hours=2)
        session.add(invitation)
    session.flush()
    invited = session.exec(
        select(SurveyInvitation.user_id)
        .where(SurveyInvitation.survey_id == followup.id)
        .order_by(col(SurveyInvitation.user_id))
    ).all()
    items = surveys.items_of(session, followup.id or 0)
    for user_id in invited[:14]:
        surveys.submit(
            session, followup, user_id, _answers(items, "followup", 1.0, rng), now=datetime.now(UTC)
        )


_COMMENTS = (
    "More time for case discussion, please.",
    "The safety planning handout was the most useful part.",
    "Recorded didactics would help on clinic days.",
)


def _answers(
    items: list[SurveyItem], moment: str, growth: float, rng: random.Random
) -> dict[str, list[str]]:
    """A plausible answer to each item: confidence lower before the series than after,
    knowledge better after, practice change reported at follow-up."""
    found: dict[str, list[str]] = {}
    for item in items:
        for name, phase in surveys.field_names(item):
            when = "before" if moment == "pre" or phase == "before" else "after"
            found[name] = _one(item, when, growth, rng)
    return found


def _one(item: SurveyItem, when: str, growth: float, rng: random.Random) -> list[str]:
    if item.type == "likert":
        centre = item.points * 0.42 if when == "before" else item.points * 0.42 + growth * 1.1
        value = round(min(item.points, max(1, rng.gauss(centre, 0.7))))
        return [str(value)]
    if item.type == "single":
        choices = item.choice_list
        correct = item.correct_list
        right = 0.5 if when == "before" else 0.8
        if correct and rng.random() < right:
            return [correct[0]]
        return [rng.choice(choices)]
    if item.type == "multiple":
        return rng.sample(item.choice_list, k=min(len(item.choice_list), rng.randint(1, 2)))
    if item.type == "number":
        low = item.minimum if item.minimum is not None else 0
        high = min(item.maximum if item.maximum is not None else 40, 40)
        return [str(rng.randint(int(low), int(max(low, high))))]
    return [rng.choice(_COMMENTS)] if rng.random() < 0.3 else [""]
