"""Report import: how long Echo takes to read and import a large Zoom participants report.

    python -m bench --only import [--import-repeats 5]

No server. The report is made up here, the same every time: Zoom's 2024+ participants
export (a meeting block, then ``Name (original name),Email,Join time,Leave time,
Duration (minutes),Guest,Recording disclaimer response,In waiting room``), 2,000 rows
for 400 people who leave and rejoin (about 5 rows each; some start in the waiting
room, some are guests without an email, some show a display name with their original
name), US 12-hour times local to America/Los_Angeles, UTF-8 with a BOM.

Timed, each on its own, one warm-up and then ``--import-repeats`` times:

- **csv only** (the baseline): decode and read every row with the stdlib ``csv`` module;
- **parse**: ``echo.attendance.reports.parse_report`` and every attendee's
  ``seconds_within`` the session;
- **full import**: ``plan_import`` + ``commit_import`` in one ``Database.write()``
  transaction (committed) on a scratch SQLite database with the demo data, each time
  into a session of its own. No one in the report has an account, so every person
  becomes an unmatched attendee: that is the write path a coordinator's first import
  takes.

Figures: the medians. Target: a full import in at most 1.0 s; the ratios to the csv-only
read are printed for comparison.
"""

from __future__ import annotations

import csv
import io
import math
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from bench.servers import echo_environment, free_port, prepare_database

if TYPE_CHECKING:  # Echo is imported when the benchmark runs
    from echo.db import Database

ROWS = 2000
PEOPLE = 400
REPEATS = 5
MAX_FULL_IMPORT_S = 1.0
TIME_ZONE = "America/Los_Angeles"
PROGRAM_SLUG = "peds-mh-echo"  # from `echo-lms demo`
COORDINATOR_EMAIL = "coordinator@example.org"
SESSION_MINUTES = 60
HEADER = (
    "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
    "Recording disclaimer response,In waiting room"
)
STAMP = "%m/%d/%Y %I:%M:%S %p"  # 07/08/2025 01:05:00 PM

FIRST_NAMES = (
    "Ana", "Ben", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
    "Keiko", "Luis", "Maya", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
    "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zoe", "Aaron", "Bea", "Chen", "Dana",
)  # fmt: skip
LAST_NAMES = (
    "Adams", "Brooks", "Castillo", "Dubois", "Eze", "Fischer", "Garcia", "Haddad", "Ito",
    "Johnson", "Kowalski", "Lee", "Moreno", "Nguyen", "Okafor", "Patel", "Quispe", "Rossi",
    "Singh", "Tanaka", "Usman", "Vargas", "Williams", "Xu", "Yilmaz", "Zhang",
)  # fmt: skip
DOMAINS = ("clinic.example.org", "peds.example.com", "health.example.net", "example.edu")

Verdict = tuple[bool, str]


@dataclass(frozen=True)
class Report:
    data: bytes
    rows: int
    people: int
    waiting_room_rows: int
    guests: int
    session_start: datetime  # local, aware
    session_end: datetime


def make_report(
    session_start: datetime, rows: int = ROWS, people: int = PEOPLE, seed: int = 2024
) -> Report:
    """The made-up Zoom export for a session starting at ``session_start`` (local, aware)."""
    rng = random.Random(seed)
    session_end = session_start + timedelta(minutes=SESSION_MINUTES)
    counts = [1] * people  # rows per person: at least one, the rest spread at random
    for _ in range(rows - people):
        counts[rng.randrange(people)] += 1
    names = rng.sample([(f, last) for f in FIRST_NAMES for last in LAST_NAMES], people)
    lines: list[str] = []
    waiting = guests = 0
    for number, ((first, last), count) in enumerate(zip(names, counts, strict=True)):
        guest = rng.random() < 0.1
        guests += guest
        email = "" if guest else f"{first}.{last}{number}@{rng.choice(DOMAINS)}"
        if email and rng.random() < 0.1:
            email = email.upper()  # matched case-insensitively
        shown = f"{first} {last}"
        if rng.random() < 0.15:
            shown = f"Dr. {last} ({first} {last})"  # display name (original name)
        # The person is there from about the start to about the end, in `count` stretches.
        arrive = rng.randint(-10 * 60, 20 * 60)
        leave = rng.randint(40 * 60, 70 * 60)
        cuts = sorted(rng.sample(range(arrive, leave), 2 * count))
        for index in range(count):
            joined = session_start + timedelta(seconds=cuts[2 * index])
            left = session_start + timedelta(seconds=cuts[2 * index + 1])
            in_waiting_room = index == 0 and count > 1 and rng.random() < 0.1
            waiting += in_waiting_room
            minutes = math.ceil((left - joined).total_seconds() / 60)  # Zoom rounds up
            lines.append(
                f'{shown},{email},"{joined.strftime(STAMP)}","{left.strftime(STAMP)}",'
                f"{minutes},{'Yes' if guest else 'No'},{'' if in_waiting_room else 'OK'},"
                f"{'Yes' if in_waiting_room else 'No'}"
            )
    meeting = (
        "Topic,ID,Host,Duration (minutes),Start time,End time,Participants\n"
        f"Pediatric Mental Health ECHO,85512345678,Casey Coordinator,{SESSION_MINUTES + 15},"
        f'"{(session_start - timedelta(minutes=10)).strftime(STAMP)}",'
        f'"{(session_end + timedelta(minutes=5)).strftime(STAMP)}",{people}\n'
    )
    text = "\ufeff" + meeting + "\n" + HEADER + "\n" + "\n".join(lines) + "\n"
    return Report(text.encode(), rows, people, waiting, guests, session_start, session_end)


@dataclass
class Timings:
    runs_s: list[float] = field(default_factory=list)

    @property
    def median_s(self) -> float:
        return statistics.median(self.runs_s)

    def as_json(self) -> dict[str, Any]:
        return {"median_s": self.median_s, "runs_s": self.runs_s}


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def csv_only(data: bytes) -> int:
    """The baseline: every row read with the stdlib csv module, nothing else."""
    return sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@dataclass
class ImportResult:
    verdicts: list[Verdict]
    results: dict[str, Any]


def run_benchmark(tmp: Path, repeats: int = REPEATS) -> ImportResult:
    """Print the import benchmark's figures; return its verdicts and results."""
    from echo.attendance.reports import parse_report
    from echo.attendance.services import commit_import, plan_import
    from echo.db import Database
    from echo.settings import Settings

    folder = tmp / "import"
    folder.mkdir(parents=True, exist_ok=True)
    env = echo_environment(folder, free_port())
    prepare_database(env)
    settings = Settings(
        var_dir=folder,
        database_url=env["ECHO_DATABASE_URL"],
        secret_key=SecretStr(env["ECHO_SECRET_KEY"]),
    )
    zone = ZoneInfo(TIME_ZONE)
    day = date.today() - timedelta(days=14)
    start = datetime(day.year, day.month, day.day, 12, 0, tzinfo=zone)
    report = make_report(start)
    print(
        f"Report import: a Zoom participants report (2024+ layout) of {report.rows:,} rows "
        f"for {report.people} people ({report.waiting_room_rows} waiting-room rows, "
        f"{report.guests} guests), {len(report.data):,} bytes; one warm-up, then "
        f"{repeats} timed runs of each"
    )

    database = Database(settings)
    try:
        hub_id, actor_id, session_ids = add_sessions(database, report, repeats + 1)
        window = (report.session_start, report.session_end)

        def parse() -> tuple[int, int]:
            parsed = parse_report(report.data, time_zone=TIME_ZONE, session_date=day)
            seconds = [attendee.seconds_within(*window) for attendee in parsed.attendees]
            return len(parsed.attendees), sum(seconds)

        def full_import(session_id: int) -> tuple[int, int, int]:
            from echo.programs.models import ProgramSession

            with database.write() as session:
                program_session = session.get(ProgramSession, session_id)
                assert program_session is not None
                plan = plan_import(
                    session,
                    program_session,
                    hub_id,
                    data=report.data,
                    filename="participants_85512345678.csv",
                    zone=TIME_ZONE,
                )
                record = commit_import(session, program_session, plan, actor_id=actor_id)
                return record.people, record.matched, plan.report.skipped_waiting_room

        csv_rows = csv_only(report.data)
        people, seconds = parse()
        csv_times, parse_times, import_times = Timings(), Timings(), Timings()
        warm_up, *measured = session_ids
        full_import(warm_up)
        for session_id in measured:
            csv_times.runs_s.append(timed(lambda: csv_only(report.data)))
            parse_times.runs_s.append(timed(parse))
            import_times.runs_s.append(timed(partial(full_import, session_id)))
        imported = unmatched_counts(database, session_ids)
    finally:
        database.dispose()

    for label, timings in (
        ("csv only", csv_times),
        ("parse", parse_times),
        ("full import", import_times),
    ):
        spread = ", ".join(f"{value * 1000:.1f}" for value in timings.runs_s)
        print(f"  {label:<12}  {timings.median_s * 1000:8.1f} ms  (runs: {spread})")
    parse_ratio = parse_times.median_s / csv_times.median_s
    import_ratio = import_times.median_s / csv_times.median_s
    print(f"Ratio parse/csv-only (time): {parse_ratio:.1f}")
    print(f"Ratio full import/csv-only (time): {import_ratio:.1f}")
    consistent = (
        people == report.people
        and all(count == report.people for count in imported)
        # The meeting block (2 rows), a blank row and the header come before the data.
        and csv_rows == report.rows + 4
    )
    print(
        f"Read: csv {csv_rows} rows; parse {people} people, {seconds / 3600:.1f} hours within "
        f"the session; each import stored {sorted(set(imported))} unmatched people"
    )
    met = import_times.median_s <= MAX_FULL_IMPORT_S
    print(
        f"Full import: {import_times.median_s:.3f} s  {'PASS' if met else 'FAIL'} "
        f"(target: at most {MAX_FULL_IMPORT_S:.1f} s)"
    )
    verdicts: list[Verdict] = [
        (
            met,
            f"report import: {report.rows:,}-row Zoom report, plan + commit "
            f"{import_times.median_s:.3f} s (median of {repeats}; {import_ratio:.1f}x the "
            f"csv-only read; target: at most {MAX_FULL_IMPORT_S:.1f} s)",
        ),
        (
            consistent,
            f"report import: every run read {report.people} people from {report.rows:,} rows "
            "and stored each of them",
        ),
    ]
    results = {
        "rows": report.rows,
        "people": report.people,
        "bytes": len(report.data),
        "waiting_room_rows": report.waiting_room_rows,
        "guests": report.guests,
        "repeats": repeats,
        "csv_only": csv_times.as_json(),
        "parse": parse_times.as_json(),
        "full_import": import_times.as_json(),
        "ratio_parse_to_csv": parse_ratio,
        "ratio_full_import_to_csv": import_ratio,
        "people_parsed": people,
        "unmatched_stored": imported,
        "target_full_import_s": MAX_FULL_IMPORT_S,
        "verdicts": [{"passed": ok, "text": text} for ok, text in verdicts],
        "passed": all(ok for ok, _ in verdicts),
    }
    return ImportResult(verdicts, results)


def add_sessions(database: Database, report: Report, count: int) -> tuple[int, int, list[int]]:
    """``count`` sessions of the demo program at the report's time: (hub, actor, ids)."""
    from echo.accounts import services as accounts
    from echo.programs import services as programs
    from echo.programs.models import ProgramSession

    with database.write() as session:
        found = programs.program_by_slug(session, PROGRAM_SLUG)
        coordinator = accounts.user_by_email(session, COORDINATOR_EMAIL)
        if found is None or coordinator is None:
            raise LookupError(f"no {PROGRAM_SLUG!r} or {COORDINATOR_EMAIL}: run the demo first")
        program, hub = found
        rows = [
            ProgramSession(
                program_id=program.id or 0,
                starts_at=report.session_start.astimezone(ZoneInfo("UTC")),
                ends_at=report.session_end.astimezone(ZoneInfo("UTC")),
                title=f"Import benchmark {number}",
            )
            for number in range(1, count + 1)
        ]
        session.add_all(rows)
        session.flush()
        return hub.id or 0, coordinator.id or 0, [row.id or 0 for row in rows]


def unmatched_counts(database: Database, session_ids: list[int]) -> list[int]:
    import sqlalchemy as sa
    from sqlmodel import col

    from echo.attendance.models import UnmatchedAttendee

    with database.read() as session:
        counts = dict(
            session.execute(
                sa.select(col(UnmatchedAttendee.session_id), sa.func.count())
                .where(col(UnmatchedAttendee.session_id).in_(session_ids))
                .group_by(col(UnmatchedAttendee.session_id))
            ).all()
        )
    return [int(counts.get(session_id, 0)) for session_id in session_ids]
