"""The liaison's consult queue with 500 open requests while 50 requests a minute arrive,
against a bare SELECT of the same rows in the same run. Target: the queue's refresh (the
htmx fragment the page polls every 15 s) under 200 ms at p95.

    python -m bench.consult_queue [--url URL] [--rounds 60] [--warmup 5] [--interval 1.0]

The database is ``--url``, else ``echo_consult_bench`` on the server of
``ECHO_BENCH_POSTGRES_URL``; it is dropped and created again on every run (so the numbers
come from a known state), migrated to the latest revision (``echo.migrate``), filled and
analyzed. The world: a hub with a coordinator (the liaison) and two faculty on the on-call
rotation, a consult line with a 30-minute target and 40 practices enrolled, 500 open
requests on it (waiting and assigned, some already called back, every urgency, made over
the last 3 hours), and history so that the line's index matters: 1,000 answered, closed
or cancelled requests on it and on each of 5 other lines (hubs of their own), which also
have 40 open requests each. The people, hubs, practices, enrollments and rotation are
made with Echo's services; the requests with SQLAlchemy Core in bulk, their values shaped
as ``echo.consult.services.submit`` stores them (checked against a real ``submit`` of
each text before the bulk insert), with their trail (``consult_event``) and, once
answered, a consult note.

- **Page**: the real app (``create_app``) in process through Starlette's ``TestClient``;
  the liaison signs in through ``GET /login`` and ``POST /login``, then each round times
  ``GET /consult-lines/<line>/queue/rows`` from request to whole response. Each answer
  must be 200 and its status line must count the open requests there were at that
  moment (500 plus those arrived).
- **Bare SQL**: the same rows on a psycopg connection of its own, fetched whole: the
  line's open requests (every column, as the page loads them) with the practice's and
  the assignee's names, in the page's order (no first contact yet first, then urgency,
  then the longest waiting).
- **Arrivals**: during the timed rounds a thread of its own, on its own connection, adds
  a request every 1.2 s (50 a minute) through ``read_request`` (the PHI guard) and
  ``submit``, so the queue grows while it is refreshed.

Warm-up rounds first (no arrivals), then the timed rounds, one every ``--interval``
seconds, alternating which side goes first. It prints the rows shown, the arrivals, p50
and p95 of each side, their ratios, and a PASS or FAIL line for the target. Benchmarks
report, they do not gate: the exit code is 0 whatever the figures, 2 when the database
cannot be reached.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from psycopg import sql
from pydantic import SecretStr
from sqlalchemy.engine import make_url
from sqlmodel import Session
from starlette.testclient import TestClient

from bench.outcomes import Timings
from echo import migrate
from echo.accounts import services as accounts
from echo.accounts.forms import ProfileForm
from echo.accounts.models import User
from echo.app import create_app
from echo.consult import practices
from echo.consult import services as consults
from echo.consult.forms import PracticeForm
from echo.consult.models import (
    URGENCY_RANK,
    ConsultEvent,
    ConsultLine,
    ConsultNote,
    ConsultRequest,
    ConsultStatus,
    Practice,
)
from echo.programs import services as programs
from echo.programs.models import Hub
from echo.security.passwords import Passwords
from echo.security.permissions import HubRole
from echo.settings import Settings

POSTGRES_URL_ENV = "ECHO_BENCH_POSTGRES_URL"
DATABASE = "echo_consult_bench"
ROUNDS = 60
WARMUP = 5
INTERVAL = 1.0  # seconds from one timed round's start to the next
MAX_P95_MS = 200.0  # the queue refresh's 95th percentile
OPEN_REQUESTS = 500
ARRIVALS_PER_MINUTE = 50
PRACTICE_COUNT = 40
OTHER_LINES = 5
OPEN_ON_OTHER_LINES = 40  # per other line
HISTORY_PER_LINE = 1000  # answered, closed or cancelled, per line
TARGET_MINUTES = 30
OPEN_SPAN = timedelta(hours=3)
HISTORY_SPAN = timedelta(days=180)
SEED = 8
PASSWORD = "consult bench passphrase 8"  # noqa: S105 - the benchmark's scratch accounts
# The same cheap Argon2 parameters for the stored hashes and the app's settings, so that
# signing in verifies the hash without rehashing it.
ARGON2_TIME_COST = 1
ARGON2_MEMORY_KIB = 1024
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
STATUS_LINE = re.compile(r'<p role="status" class="meta">(\d+) open request')
ROW_LINK = re.compile(r'href="/consults/(\d+)"')

Verdict = tuple[bool, str]

# Fictional, clean request texts (no identifier: the PHI guard passes them without a
# warning); each arrival and each bulk row takes one of them.
TEMPLATES: tuple[dict[str, str | list[str]], ...] = (
    {
        "age_value": "9",
        "age_unit": "years",
        "sex": "male",
        "reasons": ["medication"],
        "on_medication": "yes",
        "concerns": "Inattention and impulsivity at school for two years; Vanderbilt "
        "positive. Partial response, afternoon rebound.",
        "medications": "Methylphenidate ER 18 mg each morning.",
        "question": "Would you increase the dose or add a short-acting afternoon dose?",
    },
    {
        "age_value": "15",
        "age_unit": "years",
        "sex": "female",
        "reasons": ["safety"],
        "concerns": "Passive suicidal thoughts for two weeks, PHQ-A 19 today, ASQ positive "
        "non-acute. Lives with both parents; no firearms reported.",
        "medications": "None.",
        "question": "Is outpatient follow-up this week safe, or should we send her to the "
        "emergency department today?",
    },
    {
        "age_value": "6",
        "age_unit": "years",
        "sex": "male",
        "reasons": ["behavior", "resources"],
        "concerns": "Tantrums at home and preschool for a year, aggression toward a sibling.",
        "medications": "None.",
        "question": "What parenting program would you suggest, and is an evaluation needed?",
    },
    {
        "age_value": "12",
        "age_unit": "years",
        "sex": "female",
        "reasons": ["diagnosis"],
        "concerns": "Worry, stomach aches and school refusal since the fall; SCARED 34.",
        "medications": "None.",
        "question": "Anxiety disorder or something else, and where to start?",
    },
    {
        "age_value": "16",
        "age_unit": "years",
        "sex": "male",
        "reasons": ["medication"],
        "on_medication": "yes",
        "concerns": "Depression improving on sertraline 50 mg for 6 weeks, PHQ-A 14 from 20.",
        "medications": "Sertraline 50 mg daily.",
        "question": "Increase to 100 mg now or wait another month?",
    },
    {
        "age_value": "14",
        "age_unit": "years",
        "sex": "female",
        "reasons": ["resources"],
        "concerns": "Restrictive eating, 8% weight loss over three months, vitals stable.",
        "medications": "None.",
        "question": "Which eating disorder programs take her insurance, and what labs first?",
    },
    {
        "age_value": "20",
        "age_unit": "months",
        "sex": "male",
        "reasons": ["diagnosis", "resources"],
        "concerns": "Few words, little pointing, positive M-CHAT-R; hearing test normal.",
        "medications": "None.",
        "question": "Refer for an autism evaluation now, and what can the family do while "
        "they wait?",
    },
    {
        "age_value": "11",
        "age_unit": "years",
        "sex": "unknown",
        "reasons": ["medication", "behavior"],
        "on_medication": "yes",
        "concerns": "Irritability and sleep trouble since starting guanfacine ER; grades slipping.",
        "medications": "Guanfacine ER 2 mg at bedtime.",
        "question": "Lower the dose, switch, or give it longer?",
    },
)
NOTE = {  # the consult note stored with each answered or closed request
    "assessment": "Presentation fits the question asked; no red flags in what was shared.",
    "recommendations": "Adjust as discussed; recheck rating scales in 4 weeks.",
    "safety": "",
    "follow_up": "Call the line again if there is no improvement within a month.",
    "recommendation_types": "adjust-medication",
    "disposition": "advice",
}
URGENCY_WEIGHTS = (("urgent", 15), ("same-day", 35), ("routine", 50))


class CannotRun(Exception):
    """The database cannot be reached (no URL, PostgreSQL does not answer): exit 2."""


# --- timing ------------------------------------------------------------------------------------


# --- the database -----------------------------------------------------------------------------


def conninfo(url: str, database: str | None = None) -> str:
    """A libpq URL for psycopg from a SQLAlchemy one (``postgresql+psycopg://...``)."""
    parsed = make_url(url)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def database_url(given: str | None) -> str:
    server = given or os.environ.get(POSTGRES_URL_ENV, "")
    if not server:
        raise CannotRun(
            f"no database: pass --url, or set {POSTGRES_URL_ENV} (a PostgreSQL server URL; "
            f"the database {DATABASE!r} on it is dropped and created again)"
        )
    parsed = make_url(server)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith("postgresql"):
        raise CannotRun(f"not a PostgreSQL URL: {parsed.drivername}")
    if not given:
        parsed = parsed.set(database=DATABASE)
    if parsed.database in (None, "", "postgres", "template0", "template1"):
        raise CannotRun(f"will not drop and recreate the database {parsed.database!r}")
    return parsed.render_as_string(hide_password=False)


def recreate_database(url: str) -> None:
    """Drop the database (its connections too) and create it again, migrated to head."""
    name = make_url(url).database
    try:
        with closing(
            psycopg.connect(conninfo(url, "postgres"), autocommit=True, connect_timeout=5)
        ) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(name or "")
                )
            )
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name or "")))
    except psycopg.OperationalError as problem:
        raise CannotRun(f"PostgreSQL does not answer: {problem}") from problem
    engine = sa.create_engine(url)
    try:
        migrate.upgrade(engine)
        revision = migrate.current_revision(engine)
    finally:
        engine.dispose()
    print(f"consult queue: created the database {name}, migrated to {revision}")


# --- the world --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clinician:
    user_id: int
    practice_id: int
    phone: str


@dataclass(frozen=True)
class World:
    hub_id: int
    line_id: int
    line_slug: str
    liaison_email: str
    liaison_id: int
    faculty_ids: list[int]
    clinicians: list[Clinician]  # one lead per practice, each practice enrolled in the line
    other_lines: list[tuple[int, list[int]]]  # (line id, its faculty)


def make_user(
    session: Session,
    passwords: Passwords,
    email: str,
    name: str,
    credentials: str,
    profession: str,
    **profile: str,
) -> User:
    """An account as administrators make one (accounts.create_user), address confirmed."""
    user = accounts.create_user(
        session,
        passwords,
        email=email,
        password=PASSWORD,
        profile=ProfileForm.parse(
            {
                "name": name,
                "credentials": credentials,
                "profession": profession,
                "time_zone": "America/Los_Angeles",
                **profile,
            }
        ),
    )
    accounts.confirm_sign_up(session, user)
    session.flush()
    return user


def make_hub(
    session: Session, passwords: Passwords, slug: str, name: str, coordinator: User | None
) -> tuple[Hub, list[User]]:
    """A hub with its two faculty (and a coordinator, when given)."""
    hub = programs.create_hub(session, slug=slug, name=name, time_zone="America/Los_Angeles")
    if coordinator is not None:
        programs.add_hub_member(session, hub, coordinator, HubRole.coordinator.value)
    faculty = []
    for n, who in enumerate(("Ada Moreno", "Ben Ishikawa"), start=1):
        person = make_user(
            session,
            passwords,
            f"faculty{n}@{slug}.example.org",
            f"{who} ({slug})",
            "MD",
            "Physician",
            specialty="Child and adolescent psychiatry",
        )
        programs.add_hub_member(session, hub, person, HubRole.faculty.value)
        faculty.append(person)
    return hub, faculty


def make_line(session: Session, hub: Hub, slug: str, name: str, faculty: list[User]) -> ConsultLine:
    line = ConsultLine(
        hub_id=hub.id or 0,
        slug=slug,
        name=name,
        description="Same-day phone consultation with a child psychiatrist for primary care.",
        response_target_minutes=TARGET_MINUTES,
        rotation_starts_on=date(2026, 1, 5),
    )
    session.add(line)
    session.flush()
    consults.set_rotation(session, line, [f.id or 0 for f in faculty])
    return line


def build_world(url: str) -> World:
    """People, hubs, practices, lines, enrollments and rotations through Echo's services."""
    passwords = Passwords(time_cost=ARGON2_TIME_COST, memory_kib=ARGON2_MEMORY_KIB)
    engine = sa.create_engine(url)
    rng = random.Random(SEED)
    try:
        with Session(engine, expire_on_commit=False) as session:
            liaison = make_user(
                session,
                passwords,
                "liaison@bench.example.org",
                "Casey Liaison",
                "LCSW",
                "Social worker",
            )
            hub, faculty = make_hub(session, passwords, "bench-cpap", "Bench CPAP", liaison)
            line = make_line(
                session, hub, "bench-access-line", "Bench Child Psychiatry Access Line", faculty
            )
            others: list[tuple[ConsultLine, list[User]]] = []
            for n in range(1, OTHER_LINES + 1):
                other_hub, other_faculty = make_hub(
                    session, passwords, f"bench-hub-{n}", f"Bench Hub {n}", None
                )
                others.append(
                    (
                        make_line(
                            session,
                            other_hub,
                            f"bench-line-{n}",
                            f"Bench Line {n}",
                            other_faculty,
                        ),
                        other_faculty,
                    )
                )
            clinicians = []
            for n in range(1, PRACTICE_COUNT + 1):
                phone = f"503-555-{n:04d}"
                lead = make_user(
                    session,
                    passwords,
                    f"clinician{n}@bench.example.org",
                    f"Clinician {n} Bench",
                    "MD",
                    "Physician",
                    work_phone=phone,
                )
                practice = practices.create(
                    session,
                    PracticeForm.parse(
                        {
                            "name": f"Practice {n} Pediatrics",
                            "practice_setting": rng.choice(("rural", "urban")),
                            "practice_type": rng.choice(("independent", "fqhc", "hospital")),
                            "zip_code": f"97{n:03d}",
                            "us_state": "OR",
                        }
                    ),
                    user_id=lead.id or 0,
                )
                for enrolled in (line, *(other for other, _ in others)):
                    practices.enroll(session, practice.id or 0, enrolled, actor_id=lead.id or 0)
                clinicians.append(Clinician(lead.id or 0, practice.id or 0, phone))
            session.commit()
            return World(
                hub_id=hub.id or 0,
                line_id=line.id or 0,
                line_slug=line.slug,
                liaison_email=liaison.email,
                liaison_id=liaison.id or 0,
                faculty_ids=[f.id or 0 for f in faculty],
                clinicians=clinicians,
                other_lines=[(o.id or 0, [f.id or 0 for f in fs]) for o, fs in others],
            )
    finally:
        engine.dispose()


# --- the requests, in bulk ---------------------------------------------------------------------


def checked_forms() -> list[consults.RequestForm]:
    """Each template through ``read_request`` (the PHI guard): it must pass unacknowledged."""
    forms = []
    for template in TEMPLATES:
        form, acknowledged = consults.read_request(
            {**template, "urgency": "routine", "preferred_response": "written"}
        )
        if not form.may_be_saved(acknowledged):
            raise RuntimeError(f"a bench template does not pass the form: {form.errors}")
        forms.append(form)
    return forms


def submitted_row(
    form: consults.RequestForm,
    *,
    line_id: int,
    clinician: Clinician,
    urgency: str,
    response: str,
    created: datetime,
) -> dict[str, Any]:
    """The row ``consults.submit`` stores for this form (status waiting, version 1)."""
    choices = form.choices
    assert choices is not None
    row = ConsultRequest(
        line_id=line_id,
        practice_id=clinician.practice_id,
        requester_id=clinician.user_id,
        urgency=urgency,
        preferred_response=response,
        callback_phone=clinician.phone if response == "call" else "",
        age_value=choices.age_value,
        age_unit=choices.age_unit,
        sex=choices.sex,
        reasons=",".join(choices.reasons),
        on_medication=choices.on_medication,
        present_at_echo=choices.present_at_echo,
        created_at=created,
        target_at=created + timedelta(minutes=TARGET_MINUTES),
        **{name: form.values[name] for name in consults.REQUEST_FIELDS},
    ).model_dump(exclude={"id"})
    return row


def check_shape(url: str, world: World, forms: list[consults.RequestForm]) -> list[str]:
    """``submitted_row`` against what the real ``submit`` stores, for every template (in
    a transaction rolled back); the differences, if any."""
    engine = sa.create_engine(url)
    found: list[str] = []
    try:
        with Session(engine) as session:
            clinician = world.clinicians[0]
            line = session.get(ConsultLine, world.line_id)
            practice = session.get(Practice, clinician.practice_id)
            requester = session.get(User, clinician.user_id)
            assert line is not None and practice is not None and requester is not None
            created = datetime.now(UTC).replace(microsecond=0)
            for number, template in enumerate(TEMPLATES):
                for response in ("call", "written"):
                    # Each submit in a savepoint of its own, undone after the comparison:
                    # the same question twice would be a repeat (services.AlreadySent).
                    attempt = session.begin_nested()
                    form, acknowledged = consults.read_request(
                        {**template, "urgency": "same-day", "preferred_response": response}
                    )
                    stored = consults.submit(
                        session,
                        form=form,
                        acknowledged=acknowledged,
                        line=line,
                        practice=practice,
                        requester=requester,
                        now=created,
                    )
                    session.refresh(stored)
                    real = stored.model_dump(exclude={"id"})
                    mine = submitted_row(
                        forms[number],
                        line_id=world.line_id,
                        clinician=clinician,
                        urgency="same-day",
                        response=response,
                        created=created,
                    )
                    found += [
                        f"template {number}, {response}: {name}: submit {real[name]!r}, "
                        f"bulk {mine.get(name)!r}"
                        for name in real
                        if real[name] != mine.get(name)
                    ]
                    attempt.rollback()
            session.rollback()
    finally:
        engine.dispose()
    return found


def minutes(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(minutes=rng.uniform(low, high))


def open_request(
    rng: random.Random,
    forms: list[consults.RequestForm],
    *,
    line_id: int,
    clinicians: list[Clinician],
    faculty: list[int],
    liaison_id: int | None,
    now: datetime,
) -> tuple[dict[str, Any], list[tuple[int | None, str, datetime]]]:
    """An open request made in the last 3 hours, as the queue would have left it: waiting
    (escalated once past its target), or assigned and perhaps called back already."""
    clinician = rng.choice(clinicians)
    urgency = rng.choices([u for u, _ in URGENCY_WEIGHTS], [w for _, w in URGENCY_WEIGHTS])[0]
    response = "call" if rng.random() < 0.6 else "written"
    created = now - timedelta(seconds=rng.uniform(60, OPEN_SPAN.total_seconds()))
    row = submitted_row(
        rng.choice(forms),
        line_id=line_id,
        clinician=clinician,
        urgency=urgency,
        response=response,
        created=created,
    )
    events: list[tuple[int | None, str, datetime]] = [(clinician.user_id, "create", created)]
    if rng.random() < 0.55:
        assigned_at = min(created + minutes(rng, 1, 20), now)
        row.update(
            status=ConsultStatus.assigned.value,
            version=2,
            assigned_to_id=rng.choice(faculty),
            assigned_at=assigned_at,
        )
        events.append((liaison_id, "assign", assigned_at))
        if response == "call" and rng.random() < 0.6:
            called = assigned_at + minutes(rng, 1, 15)
            if called < now:
                row.update(responded_at=called, callback_started_at=called)
                events.append((row["assigned_to_id"], "call-start", called))
                ended = called + minutes(rng, 5, 25)
                if ended < now:
                    row["callback_ended_at"] = ended
                    events.append((row["assigned_to_id"], "call-end", ended))
    if row["responded_at"] is None and row["target_at"] + timedelta(minutes=1) < now:
        escalated = row["target_at"] + minutes(rng, 0, 1)  # the worker's pass, each minute
        row["escalated_at"] = escalated
        events.append((None, "escalate", escalated))
    return row, events


def past_request(
    rng: random.Random,
    forms: list[consults.RequestForm],
    *,
    line_id: int,
    clinicians: list[Clinician],
    faculty: list[int],
    liaison_id: int | None,
    now: datetime,
) -> tuple[dict[str, Any], list[tuple[int | None, str, datetime]], bool]:
    """A request of the last 6 months that is answered, closed or withdrawn; True when
    it has a consult note."""
    clinician = rng.choice(clinicians)
    urgency = rng.choices([u for u, _ in URGENCY_WEIGHTS], [w for _, w in URGENCY_WEIGHTS])[0]
    response = "call" if rng.random() < 0.6 else "written"
    created = now - timedelta(
        seconds=rng.uniform(OPEN_SPAN.total_seconds(), HISTORY_SPAN.total_seconds())
    )
    row = submitted_row(
        rng.choice(forms),
        line_id=line_id,
        clinician=clinician,
        urgency=urgency,
        response=response,
        created=created,
    )
    events: list[tuple[int | None, str, datetime]] = [(clinician.user_id, "create", created)]
    if rng.random() < 0.08:
        closed = created + minutes(rng, 2, 20)
        row.update(status=ConsultStatus.cancelled.value, closed_at=closed)
        events.append((clinician.user_id, "cancel", closed))
        return row, events, False
    consultant = rng.choice(faculty)
    assigned_at = created + minutes(rng, 1, 20)
    responded = assigned_at + minutes(rng, 2, 60)
    answered = responded + minutes(rng, 5, 90)
    row.update(
        status=ConsultStatus.answered.value,
        version=3,
        assigned_to_id=consultant,
        assigned_at=assigned_at,
        responded_at=responded,
        answered_at=answered,
    )
    events.append((liaison_id, "assign", assigned_at))
    if response == "call":
        ended = responded + minutes(rng, 5, 25)
        row.update(callback_started_at=responded, callback_ended_at=ended)
        events += [(consultant, "call-start", responded), (consultant, "call-end", ended)]
    events.append((consultant, "answer", answered))
    if rng.random() < 0.8:
        closed = answered + minutes(rng, 60, 60 * 24 * 14)
        if closed < now:
            row.update(status=ConsultStatus.closed.value, closed_at=closed)
            events.append((liaison_id, "close", closed))
    return row, events, True


def insert_requests(
    connection: sa.Connection,
    made: list[tuple[dict[str, Any], list[tuple[int | None, str, datetime]], bool]],
) -> None:
    """The requests, then their trail and notes, with executemany (insertmanyvalues)."""
    requests = ConsultRequest.__table__  # type: ignore[attr-defined]
    ids = (
        connection.execute(
            sa.insert(requests).returning(requests.c.id, sort_by_parameter_order=True),
            [row for row, _, _ in made],
        )
        .scalars()
        .all()
    )
    events = [
        {"request_id": request_id, "actor_id": actor, "action": action, "at": at}
        for request_id, (_, trail, _) in zip(ids, made, strict=True)
        for actor, action, at in trail
    ]
    connection.execute(sa.insert(ConsultEvent.__table__), events)  # type: ignore[attr-defined]
    notes = [
        {
            **NOTE,
            "request_id": request_id,
            "written_by_id": row["assigned_to_id"],
            "written_at": row["answered_at"],
        }
        for request_id, (row, _, noted) in zip(ids, made, strict=True)
        if noted
    ]
    if notes:
        connection.execute(sa.insert(ConsultNote.__table__), notes)  # type: ignore[attr-defined]


def fill_requests(url: str, world: World, forms: list[consults.RequestForm], now: datetime) -> int:
    """The open requests and the history of every line; the number of rows inserted."""
    rng = random.Random(SEED)
    made = []
    lines = [
        (world.line_id, world.faculty_ids, OPEN_REQUESTS),
        *((line_id, faculty, OPEN_ON_OTHER_LINES) for line_id, faculty in world.other_lines),
    ]
    for line_id, faculty, open_count in lines:
        common = {
            "line_id": line_id,
            "clinicians": world.clinicians,
            "faculty": faculty,
            "liaison_id": world.liaison_id if line_id == world.line_id else None,
            "now": now,
        }
        made += [(*open_request(rng, forms, **common), False) for _ in range(open_count)]
        made += [past_request(rng, forms, **common) for _ in range(HISTORY_PER_LINE)]
    rng.shuffle(made)  # rows of all lines interleaved in the table, as in real life
    engine = sa.create_engine(url)
    try:
        with engine.begin() as connection:
            insert_requests(connection, made)
        with closing(psycopg.connect(conninfo(url), autocommit=True)) as connection:
            connection.execute("VACUUM (ANALYZE)")
    finally:
        engine.dispose()
    return len(made)


# --- arrivals ----------------------------------------------------------------------------------


class Arrivals(threading.Thread):
    """One new request every ``period`` seconds through the real path (read_request with
    its PHI guard, then submit), on a connection of its own, until stopped."""

    def __init__(self, url: str, world: World, period: float) -> None:
        super().__init__(name="consult-arrivals", daemon=True)
        self.engine = sa.create_engine(url, pool_size=1, max_overflow=0)
        self.world = world
        self.period = period
        self.rng = random.Random(SEED + 1)
        self.stopping = threading.Event()
        self.started_count = 0  # incremented before a submit begins
        self.committed = 0  # incremented once its transaction is committed
        self.seconds: list[float] = []  # each arrival, read_request to commit
        self.failure: str | None = None

    def run(self) -> None:
        begun = time.perf_counter()
        try:
            while not self.stopping.wait(
                max(0.0, begun + self.period * (self.started_count + 1) - time.perf_counter())
            ):
                self.started_count += 1
                started = time.perf_counter()
                self.arrive()
                self.committed += 1
                self.seconds.append(time.perf_counter() - started)
        except Exception as problem:  # reported by the run, which goes on
            self.failure = f"{type(problem).__name__}: {problem}"
        finally:
            self.engine.dispose()

    def arrive(self) -> None:
        clinician = self.rng.choice(self.world.clinicians)
        urgency = self.rng.choices(
            [u for u, _ in URGENCY_WEIGHTS], [w for _, w in URGENCY_WEIGHTS]
        )[0]
        template = self.rng.choice(TEMPLATES)
        data = {
            **template,
            # Each arrival is a new question (the same one again soon is a repeat, which
            # submit answers with the request already on the queue).
            "concerns": f"{template['concerns']} Call {self.started_count}.",
            "practice_id": str(clinician.practice_id),
            "urgency": urgency,
            "preferred_response": "call" if self.rng.random() < 0.6 else "written",
        }
        with Session(self.engine, expire_on_commit=False) as session:
            line = session.get(ConsultLine, self.world.line_id)
            practice = session.get(Practice, clinician.practice_id)
            requester = session.get(User, clinician.user_id)
            assert line is not None and practice is not None and requester is not None
            form, acknowledged = consults.read_request(data)
            consults.submit(
                session,
                form=form,
                acknowledged=acknowledged,
                line=line,
                practice=practice,
                requester=requester,
            )
            session.commit()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=30)


# --- the two sides -----------------------------------------------------------------------------

URGENCY_ORDER = sql.SQL(" ").join(
    sql.SQL("WHEN {} THEN {}").format(sql.Literal(urgency), sql.Literal(rank))
    for urgency, rank in URGENCY_RANK.items()
)
QUEUE_SQL = sql.SQL(
    """SELECT {columns}, p.name, a.name
    FROM consult_request r
    JOIN practice p ON p.id = r.practice_id
    LEFT JOIN user_account a ON a.id = r.assigned_to_id
    WHERE r.line_id = %(line)s AND r.status IN ('waiting', 'assigned')
    ORDER BY r.responded_at IS NOT NULL, CASE r.urgency {urgencies} ELSE 9 END,
        r.created_at, r.id"""
).format(
    columns=sql.SQL(", ").join(
        sql.Identifier("r", column.name)
        for column in ConsultRequest.__table__.columns  # type: ignore[attr-defined]
    ),
    urgencies=URGENCY_ORDER,
)


def signed_in(client: TestClient, email: str) -> str | None:
    """Sign in through the login form; why not, if it failed."""
    page = client.get("/login")
    token = CSRF.search(page.text)
    if page.status_code != 200 or token is None:
        return f"GET /login answered {page.status_code} without a CSRF field"
    answer = client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": token.group(1), "next": "/"},
    )
    if answer.status_code != 303:
        return f"signing in as {email} answered {answer.status_code}, not 303"
    return None


def bench_settings(url: str, folder: Path) -> Settings:
    return Settings(
        database_url=url,
        var_dir=folder,
        secret_key=SecretStr(secrets.token_hex(32)),
        argon2_time_cost=ARGON2_TIME_COST,
        argon2_memory_kib=ARGON2_MEMORY_KIB,
        base_url="http://testserver",
        worker_in_process=False,
    )


@dataclass
class Rounds:
    page: Timings = field(default_factory=lambda: Timings("page"))
    bare: Timings = field(default_factory=lambda: Timings("bare"))
    shown: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # The pauses of full garbage collections during page requests (one entry per request
    # that had any): what makes the slowest refreshes slow.
    collected: list[float] = field(default_factory=list)


class FullCollections:
    """Watches the process's full (generation 2) garbage collections and their pauses."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self.began = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.began = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self.began)

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self)


def paced(count: int, interval: float) -> Iterator[int]:
    """0, 1, ... count - 1, each yielded no sooner than ``interval`` s after the previous
    one began (at once when a round took longer)."""
    began = time.perf_counter()
    for number in range(count):
        wait = began + number * interval - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        yield number


def run_rounds(
    numbers: Iterator[int],
    page: Callable[[], tuple[int, str]],
    bare: Callable[[], int],
    arrivals: Arrivals | None,
    into: Rounds | None,
    collections: FullCollections | None = None,
) -> None:
    """Each round times the page and the SQL, alternating which goes first, and checks
    that both show every open request there was (500 plus arrivals) at that moment."""
    for number in numbers:
        order: list[tuple[str, Callable[[], object]]] = [("page", page), ("bare", bare)]
        if number % 2:
            order.reverse()
        for side, action in order:
            low = OPEN_REQUESTS + (arrivals.committed if arrivals else 0)
            seen = len(collections.pauses) if collections else 0
            started = time.perf_counter()
            answer = action()
            elapsed = time.perf_counter() - started
            high = OPEN_REQUESTS + (arrivals.started_count if arrivals else 0)
            if into is None:
                continue
            if side == "page":
                assert isinstance(answer, tuple)
                status, body = answer
                listed = STATUS_LINE.search(body)
                count = int(listed.group(1)) if listed else -1
                rows = len(ROW_LINK.findall(body))
                into.page.seconds.append(elapsed)
                into.shown.append(count)
                if collections and len(collections.pauses) > seen:
                    into.collected.append(sum(collections.pauses[seen:]))
                if status != 200 or not low <= count <= high or rows != count:
                    into.problems.append(
                        f"round {number + 1}: the page answered {status}, counting {count} "
                        f"open requests with {rows} rows; there were {low} to {high}"
                    )
            else:
                assert isinstance(answer, int)
                into.bare.seconds.append(elapsed)
                if not low <= answer <= high:
                    into.problems.append(
                        f"round {number + 1}: the SQL fetched {answer} rows; there were "
                        f"{low} to {high} open requests"
                    )


# --- the run -----------------------------------------------------------------------------------


def describe(connection: psycopg.Connection[Any], line_id: int) -> str:
    counts = Counter(
        {
            f"{status}/{urgency}/{contacted}": n
            for status, urgency, contacted, n in connection.execute(
                """SELECT status, urgency, responded_at IS NOT NULL, count(*)
                FROM consult_request WHERE line_id = %s AND status IN ('waiting', 'assigned')
                GROUP BY 1, 2, 3""",
                (line_id,),
            )
        }
    )

    def total(word: str) -> int:
        return sum(n for key, n in counts.items() if word in key.split("/"))

    everything = connection.execute("SELECT count(*) FROM consult_request").fetchone()
    lines = connection.execute("SELECT count(*) FROM consult_line").fetchone()
    assert everything is not None and lines is not None
    return (
        f"{sum(counts.values())} open requests on the line ({total('waiting')} waiting, "
        f"{total('assigned')} assigned, {total('True')} called back; {total('urgent')} urgent, "
        f"{total('same-day')} same-day, {total('routine')} routine); {everything[0]:,} "
        f"requests in all on {lines[0]} lines"
    )


def run(url: str, rounds: int, warmup: int, interval: float) -> list[Verdict]:
    started = time.perf_counter()
    recreate_database(url)
    world = build_world(url)
    forms = checked_forms()
    found: list[Verdict] = []
    for difference in check_shape(url, world, forms):
        print(f"WARNING: the bulk rows differ from submit's: {difference}")
        found.append((False, f"bulk rows differ from what submit stores ({difference})"))
    inserted = fill_requests(url, world, forms, datetime.now(UTC))
    with closing(psycopg.connect(conninfo(url), autocommit=True)) as connection:
        print(
            f"consult queue: line {world.line_slug} ({TARGET_MINUTES}-minute target, "
            f"{len(world.clinicians)} practices enrolled): {describe(connection, world.line_id)}"
            f"; {inserted:,} inserted in bulk, ready in {time.perf_counter() - started:.1f} s"
        )

        def bare() -> int:
            return len(connection.execute(QUEUE_SQL, {"line": world.line_id}).fetchall())

        def bare_ids() -> list[int]:
            return [row[0] for row in connection.execute(QUEUE_SQL, {"line": world.line_id})]

        with tempfile.TemporaryDirectory() as folder:
            settings = bench_settings(url, Path(folder))
            with TestClient(create_app(settings), follow_redirects=False) as client:
                problem = signed_in(client, world.liaison_email)
                if problem is not None:
                    return [*found, (False, f"queue refresh: cannot sign in: {problem}")]
                path = f"/consult-lines/{world.line_slug}/queue/rows"

                def page() -> tuple[int, str]:
                    answer = client.get(path)
                    return answer.status_code, answer.text

                status, body = page()
                shown = [int(n) for n in ROW_LINK.findall(body)]
                if status != 200:
                    return [*found, (False, f"queue refresh: GET {path} answered {status}")]
                if shown == bare_ids():
                    print(
                        f"consult queue: GET {path} lists the SQL's {len(shown)} rows in the "
                        f"SQL's order; fragment {len(body.encode()) / 1024:.0f} KiB"
                    )
                else:
                    print(f"WARNING: the page's rows ({len(shown)}) differ from the SQL's")
                    found.append((False, "queue refresh: the page's rows differ from the SQL's"))
                run_rounds(iter(range(warmup)), page, bare, None, None)
                arrivals = Arrivals(url, world, 60 / ARRIVALS_PER_MINUTE)
                timed = Rounds()
                gc.collect()  # the seeding's garbage is not the refreshes' to collect
                arrivals.start()
                began = time.perf_counter()
                try:
                    with FullCollections() as collections:
                        run_rounds(
                            paced(rounds, interval), page, bare, arrivals, timed, collections
                        )
                finally:
                    arrivals.stop()
                took = time.perf_counter() - began
    if arrivals.failure:
        found.append((False, f"arrivals: stopped by {arrivals.failure}"))
    each = (
        f" (each {statistics.median(arrivals.seconds) * 1000:.0f} ms at p50, read_request to "
        "commit)"
        if arrivals.seconds
        else ""
    )
    print(
        f"consult queue: {rounds} timed rounds in {took:.0f} s (one every {interval:g} s) after "
        f"{warmup} warm-up rounds; {arrivals.committed} requests arrived meanwhile through "
        f"submit{each}; rows shown per refresh: {min(timed.shown)} to {max(timed.shown)}"
    )
    page_t, bare_t = timed.page, timed.bare
    label = "queue refresh"
    for name, timings in (("GET .../queue/rows", page_t), ("bare SELECT", bare_t)):
        print(f"{label}: {name:<20} p50 {timings.p50_ms:7.1f} ms   p95 {timings.p95_ms:7.1f} ms")
    print(
        f"{label}: ratio page/SQL {page_t.p50_ms / bare_t.p50_ms:.1f} at p50, "
        f"{page_t.p95_ms / bare_t.p95_ms:.1f} at p95"
    )
    if timed.collected:
        print(
            f"{label}: {len(timed.collected)} of the {rounds} refreshes ran a full garbage "
            f"collection of the process ({len(gc.get_objects()):,} objects tracked), pausing "
            f"{statistics.median(timed.collected) * 1000:.0f} ms at p50"
        )
    for problem in timed.problems[:5]:
        print(f"WARNING: {problem}")
    if timed.problems:
        found.append((False, f"{label}: {len(timed.problems)} answers did not list the queue"))
    found.append(
        (
            page_t.p95_ms < MAX_P95_MS,
            f"{label} p95 {page_t.p95_ms:.0f} ms ({rounds} refreshes of {min(timed.shown)} to "
            f"{max(timed.shown)} open requests, {arrivals.committed} arriving; target: under "
            f"{MAX_P95_MS:.0f} ms)",
        )
    )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        help=f"a PostgreSQL database to drop and recreate (default: {DATABASE!r} on the server "
        f"of {POSTGRES_URL_ENV})",
    )
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="timed rounds of each side")
    parser.add_argument("--warmup", type=int, default=WARMUP, help="rounds not counted")
    parser.add_argument(
        "--interval",
        type=float,
        default=INTERVAL,
        help="seconds from one timed round's start to the next (0: back to back)",
    )
    args = parser.parse_args(argv)
    try:
        found = run(
            database_url(args.url),
            max(1, args.rounds),
            max(0, args.warmup),
            max(0.0, args.interval),
        )
    except CannotRun as problem:
        print(f"consult queue: cannot run: {problem}", file=sys.stderr)
        return 2
    for ok, line in found:
        print(f"{'PASS' if ok else 'FAIL'}: {line}")
    print(f"Overall: {'PASS' if all(ok for ok, _ in found) else 'FAIL'}")
    return 0  # a benchmark reports; it does not gate


if __name__ == "__main__":
    raise SystemExit(main())
