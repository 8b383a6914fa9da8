"""A busy hub's outcomes dashboard on a network-sized PostgreSQL database (bench.scale_data:
50 hubs, 500 programs, 20,000 people, 25,000 sessions, 1,000,000 attendance rows, 200,000
survey responses), against the same aggregates computed by hand-written SQL in the same run.
Targets: the page within 1.5 times the bare SQL (medians), and its p95 under 500 ms.

    python -m bench.outcomes [--url URL] [--runs 20] [--warmup 3]

The database is ``--url``, else ``echo_scale`` on the server of ``ECHO_BENCH_POSTGRES_URL``;
when it does not exist or is empty it is generated first at full scale (minutes), and it
is migrated to the latest revision before measuring. The busy hub is the one with the most
attendance rows; its coordinator signs in through ``/login`` of the real app (Starlette's
TestClient, in process), and ``GET /hubs/<hub>/outcomes`` is timed from request to whole
response. The hand-written SQL (``hub_numbers``) computes the page's aggregates on one
psycopg connection: sessions held and who attended each (adjustments, then intervals, then
check-ins, as echo.attendance.services.attended_rows), unique participants and new ones per
session, retention buckets, professions, settings, practice types, states and practices,
cases presented, recommendations released, credit totals, survey response and invitation
counts, paired per-scale means, and respondents per Moore level. Before timing, both are
checked to give the same numbers. Warm-up rounds first, then rounds alternating which side
goes first; p50 and p95 of each side, their ratio, and a PASS or FAIL line per target.

``annual_report_timings`` does the same for ``echo.outcomes.reports.annual_report(session,
hub, year)`` (the last full calendar year) against its own SQL, when that function exists.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import psycopg
import sqlalchemy as sa
from pydantic import SecretStr
from sqlalchemy.engine import make_url
from starlette.testclient import TestClient

from bench import scale_data
from echo import migrate
from echo.accounts.models import PRACTICE_SETTINGS, PRACTICE_TYPES
from echo.app import create_app
from echo.db import Database
from echo.outcomes import dashboard, stats
from echo.programs.models import Hub, Program
from echo.settings import Settings

POSTGRES_URL_ENV = "ECHO_BENCH_POSTGRES_URL"
DATABASE = "echo_scale"
RUNS = 20
WARMUP = 3
TARGET_RATIO = 1.5  # page / bare SQL, medians
MAX_P95_MS = 500.0  # the page's 95th percentile
CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
NOT_GIVEN = dashboard.NOT_GIVEN

Verdict = tuple[bool, str]


class CannotRun(Exception):
    """The benchmark cannot run (no database URL, PostgreSQL does not answer...): exit 2."""


# --- the hand-written SQL ---------------------------------------------------------------------

ATTENDANCE_SQL = r"""
WITH chosen AS MATERIALIZED (  -- sessions held in the period, numbered in the page's order
    SELECT id, program_id, starts_at, ends_at,
           row_number() OVER (ORDER BY starts_at, id) AS place
    FROM program_session
    WHERE program_id = ANY(%(programs)s) AND status <> 'cancelled' AND starts_at <= %(now)s
      AND starts_at >= coalesce(%(first)s, '-infinity'::timestamptz)
      AND starts_at < coalesce(%(last)s, 'infinity'::timestamptz)
),
adjusted AS MATERIALIZED (  -- each person's latest adjustment in a session decides
    SELECT DISTINCT ON (a.session_id, a.user_id) a.session_id, a.user_id, a.seconds, c.place
    FROM attendance_adjustment a JOIN chosen c ON c.id = a.session_id
    ORDER BY a.session_id, a.user_id, a.at DESC, a.id DESC
),
attended AS MATERIALIZED (  -- the three sources exclude one another: no duplicates
    SELECT session_id, user_id, place FROM adjusted WHERE seconds > 0
    UNION ALL
    SELECT DISTINCT i.session_id, i.user_id, c.place  -- else intervals overlapping the session
    FROM attendance_interval i JOIN chosen c ON c.id = i.session_id
    WHERE i.start_at < i.end_at AND i.start_at < c.ends_at AND i.end_at > c.starts_at
      AND NOT EXISTS (
          SELECT 1 FROM adjusted j WHERE j.session_id = i.session_id AND j.user_id = i.user_id)
    UNION ALL
    SELECT k.session_id, k.user_id, c.place  -- else a check-in overlapping it, if no interval
    FROM attendance_checkin k JOIN chosen c ON c.id = k.session_id
    WHERE k.checked_in_at < c.ends_at
      AND k.checked_in_at < coalesce(k.checked_out_at, c.ends_at)
      AND coalesce(k.checked_out_at, c.ends_at) > c.starts_at
      AND NOT EXISTS (
          SELECT 1 FROM adjusted j WHERE j.session_id = k.session_id AND j.user_id = k.user_id)
      AND NOT EXISTS (
          SELECT 1 FROM attendance_interval i
          WHERE i.session_id = k.session_id AND i.user_id = k.user_id)
),
per_session AS (SELECT session_id, count(*) AS n FROM attended GROUP BY session_id),
per_person AS MATERIALIZED (  -- sessions attended, and the first one (for "unique so far")
    SELECT user_id, count(*) AS n, min(place) AS first_place FROM attended GROUP BY user_id
),
new_per_place AS (SELECT first_place, count(*) AS n FROM per_person GROUP BY first_place),
people AS MATERIALIZED (
    SELECT u.profession, u.practice_setting, u.practice_type, u.us_state, u.practice_zip,
           btrim(regexp_replace(lower(u.organization), '\s+', ' ', 'g')) AS practice
    FROM per_person p JOIN user_account u ON u.id = p.user_id
)
SELECT
    (SELECT coalesce(json_agg(json_build_array(c.id, c.program_id, coalesce(s.n, 0),
                                               coalesce(f.n, 0)) ORDER BY c.place),
                     '[]')
     FROM chosen c
     LEFT JOIN per_session s ON s.session_id = c.id
     LEFT JOIN new_per_place f ON f.first_place = c.place) AS sessions,
    (SELECT json_build_array(
         count(*) FILTER (WHERE n = 1), count(*) FILTER (WHERE n = 2),
         count(*) FILTER (WHERE n BETWEEN 3 AND 5), count(*) FILTER (WHERE n BETWEEN 6 AND 10),
         count(*) FILTER (WHERE n >= 11))
     FROM per_person) AS retention,
    (SELECT coalesce(json_object_agg(profession, n), '{}')
     FROM (SELECT profession, count(*) AS n FROM people GROUP BY 1) x) AS professions,
    (SELECT coalesce(json_object_agg(practice_setting, n), '{}')
     FROM (SELECT practice_setting, count(*) AS n FROM people GROUP BY 1) x) AS settings,
    (SELECT coalesce(json_object_agg(practice_type, n), '{}')
     FROM (SELECT practice_type, count(*) AS n FROM people GROUP BY 1) x) AS types,
    (SELECT coalesce(json_object_agg(us_state, n), '{}')
     FROM (SELECT us_state, count(*) AS n FROM people GROUP BY 1) x) AS states,
    (SELECT count(DISTINCT (practice_zip, practice)) FROM people
     WHERE practice_zip <> '' OR practice <> '') AS practices,
    (SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at)), 0) FROM chosen) AS seconds
"""

ENROLLED_SQL = """
SELECT program_id, count(*) FROM enrollment
WHERE program_id = ANY(%(programs)s) AND status = 'active'
GROUP BY program_id
"""

CASES_SQL = """
WITH chosen AS (
    SELECT id FROM program_session
    WHERE program_id = ANY(%(programs)s) AND status <> 'cancelled' AND starts_at <= %(now)s
      AND starts_at >= coalesce(%(first)s, '-infinity'::timestamptz)
      AND starts_at < coalesce(%(last)s, 'infinity'::timestamptz)
)
SELECT
    (SELECT count(*) FROM case_consult
     WHERE session_id IN (SELECT id FROM chosen)
       AND status IN ('presented', 'released', 'closed')),
    (SELECT count(*) FROM case_recommendation r JOIN case_consult c ON c.id = r.case_id
     WHERE c.program_id = ANY(%(programs)s) AND r.released_at IS NOT NULL
       AND r.released_at >= coalesce(%(first)s, '-infinity'::timestamptz)
       AND r.released_at < coalesce(%(last)s, 'infinity'::timestamptz))
"""

CREDITS_SQL = """
SELECT kind, sum(credits), count(DISTINCT user_id) FROM cme_claim
WHERE session_id IN (
    SELECT id FROM program_session
    WHERE program_id = ANY(%(programs)s) AND status <> 'cancelled' AND starts_at <= %(now)s
      AND starts_at >= coalesce(%(first)s, '-infinity'::timestamptz)
      AND starts_at < coalesce(%(last)s, 'infinity'::timestamptz))
GROUP BY kind
"""

SURVEYS_SQL = """
SELECT s.id, s.program_id, s.kind,
       (SELECT count(*) FROM survey_response r WHERE r.survey_id = s.id),
       (SELECT count(*) FROM survey_invitation i
        WHERE i.survey_id = s.id AND i.sent_at IS NOT NULL)
FROM survey s WHERE s.program_id = ANY(%(programs)s)
ORDER BY s.program_id, s.id
"""

SCALES_SQL = """
WITH scored AS (  -- each person's mean of a scale's Likert items, per program and moment
    SELECT s.program_id, i.scale,
           CASE WHEN s.kind = 'pre' THEN 'pre' ELSE coalesce(nullif(a.phase, ''), 'now') END
               AS moment,
           r.user_id, avg(a.number) AS score
    FROM survey s
    JOIN survey_item i ON i.survey_id = s.id
    JOIN survey_answer a ON a.item_id = i.id
    JOIN survey_response r ON r.id = a.response_id
    WHERE s.program_id = ANY(%(programs)s) AND s.kind IN ('pre', 'post')
      AND i.type = 'likert' AND i.scale <> '' AND a.number IS NOT NULL
    GROUP BY 1, 2, 3, 4
)
SELECT b.scale, d.design, count(*), avg(b.score), avg(n.score), avg(n.score - b.score),
       stddev_samp(n.score - b.score)
FROM (VALUES ('pre-post', 'pre', 'now'), ('retrospective', 'before', 'now'))
     AS d (design, first, second)
JOIN scored b ON b.moment = d.first
JOIN scored n ON n.program_id = b.program_id AND n.scale = b.scale AND n.user_id = b.user_id
             AND n.moment = d.second
GROUP BY 1, 2
"""

MOORE_SQL = """
SELECT l.moore, count(DISTINCT r.user_id)  -- respondents of surveys with items at each level
FROM (SELECT DISTINCT i.survey_id, i.moore
      FROM survey_item i JOIN survey s ON s.id = i.survey_id
      WHERE s.program_id = ANY(%(programs)s)) l
JOIN survey_response r ON r.survey_id = l.survey_id
GROUP BY l.moore
"""


@dataclass
class Numbers:
    """The dashboard's aggregates as the hand-written SQL finds them."""

    sessions: list[tuple[int, int, int, int]] = field(default_factory=list)  # id, program, n, new
    enrolled: dict[int, int] = field(default_factory=dict)
    retention: list[int] = field(default_factory=list)
    professions: dict[str, int] = field(default_factory=dict)
    settings: dict[str, int] = field(default_factory=dict)
    types: dict[str, int] = field(default_factory=dict)
    states: dict[str, int] = field(default_factory=dict)
    practices: int = 0
    seconds: float = 0.0
    cases_presented: int = 0
    recommendations_released: int = 0
    credits: dict[str, tuple[Decimal, int]] = field(default_factory=dict)
    surveys: list[tuple[int, int, str, int, int]] = field(default_factory=list)
    scales: dict[tuple[str, str], tuple[int, float, float, float, float | None]] = field(
        default_factory=dict
    )
    moore: dict[str, int] = field(default_factory=dict)

    @property
    def attendances(self) -> int:
        return sum(n for _, _, n, _ in self.sessions)

    @property
    def unique_participants(self) -> int:
        return sum(new for _, _, _, new in self.sessions)


def hub_numbers(
    connection: psycopg.Connection[Any],
    program_ids: Sequence[int],
    first: datetime | None,
    last: datetime | None,
    now: datetime,
) -> Numbers:
    """The dashboard's aggregates for these programs and sessions starting in [first, last)
    (None: open-ended), by hand-written SQL, in one read transaction."""
    values = {"programs": list(program_ids), "first": first, "last": last, "now": now}
    found = Numbers()
    with connection.cursor() as cursor:
        cursor.execute(ATTENDANCE_SQL, values)
        row = cursor.fetchone()
        assert row is not None
        sessions, retention, professions, settings, types, states, practices, seconds = row
        found.sessions = [(int(a), int(b), int(c), int(d)) for a, b, c, d in sessions]
        found.retention = [int(n) for n in retention]
        found.professions, found.settings = professions, settings
        found.types, found.states = types, states
        found.practices, found.seconds = int(practices), float(seconds)
        cursor.execute(ENROLLED_SQL, values)
        found.enrolled = {int(p): int(n) for p, n in cursor.fetchall()}
        cursor.execute(CASES_SQL, values)
        row = cursor.fetchone()
        assert row is not None
        found.cases_presented, found.recommendations_released = int(row[0]), int(row[1])
        cursor.execute(CREDITS_SQL, values)
        found.credits = {kind: (Decimal(total), int(n)) for kind, total, n in cursor.fetchall()}
        cursor.execute(SURVEYS_SQL, values)
        found.surveys = [(int(a), int(b), str(c), int(d), int(e)) for a, b, c, d, e in cursor]
        cursor.execute(SCALES_SQL, values)
        found.scales = {
            (scale, design): (
                int(n),
                float(before),
                float(after),
                float(change),
                None if sd is None else float(sd),
            )
            for scale, design, n, before, after, change, sd in cursor.fetchall()
        }
        cursor.execute(MOORE_SQL, values)
        found.moore = {str(level): int(n) for level, n in cursor.fetchall()}
    connection.rollback()
    return found


# --- the same numbers? ------------------------------------------------------------------------


def _counted(raw: dict[str, int], labels: dict[str, str] | None = None) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for value, n in raw.items():
        counts[(labels or {}).get(value, value) if value else NOT_GIVEN] += n
    return sorted(counts.items(), key=lambda pair: (pair[0] == NOT_GIVEN, -pair[1], pair[0]))


def differences(board: dashboard.Dashboard, numbers: Numbers) -> list[str]:
    """Where the dashboard and the hand-written SQL disagree ([] when they agree)."""
    found: list[str] = []

    def same(name: str, page: object, bare: object) -> None:
        if page != bare:
            found.append(f"{name}: page {str(page)[:200]} != SQL {str(bare)[:200]}")

    running = 0
    bare_sessions = []
    for session_id, program_id, n, new in numbers.sessions:
        running += new
        bare_sessions.append((session_id, n, numbers.enrolled.get(program_id, 0), running))
    same(
        "sessions",
        [(r.session_id, r.participants, r.enrolled, r.unique_so_far) for r in board.sessions],
        bare_sessions,
    )
    same("unique participants", board.unique_participants, numbers.unique_participants)
    same("retention", [n for _, n in board.retention], numbers.retention)
    same("professions", board.professions, _counted(numbers.professions))
    same("settings", board.settings, _counted(numbers.settings, dict(PRACTICE_SETTINGS)))
    same("practice types", board.practice_types, _counted(numbers.types, dict(PRACTICE_TYPES)))
    same("states", board.states, _counted(numbers.states))
    same("practices", board.unique_practices, numbers.practices)
    same("cases presented", board.cases_presented, numbers.cases_presented)
    same("recommendations", board.recommendations_released, numbers.recommendations_released)
    same(
        "credits",
        sorted((str(total), people) for _, total, people in board.credits),
        sorted((str(total), people) for total, people in numbers.credits.values()),
    )
    same(
        "surveys",
        [(r.survey.id, r.respondents, r.invited) for r in board.surveys],
        [
            (sid, n, invited if kind == "followup" else numbers.enrolled.get(program, 0))
            for sid, program, kind, n, invited in numbers.surveys
        ],
    )
    page_scales = {
        (s.scale, s.design): (
            s.pairs,
            round(s.change.mean_before, 6) if s.change else None,
            round(s.change.mean_after, 6) if s.change else None,
        )
        for s in board.scales
    }
    bare_scales = {
        key: (n, round(before, 6), round(after, 6)) if stats.shown(n) else (n, None, None)
        for key, (n, before, after, _, _) in numbers.scales.items()
    }
    same("scales", page_scales, bare_scales)
    evidence = {"1": numbers.unique_participants}
    for level, people in numbers.moore.items():
        evidence[level] = max(evidence.get(level, 0), people)
    same("Moore level", board.moore_level, stats.highest_moore_level(evidence))
    return found


# --- timing ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value with at least ``share`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Timings:
    name: str
    seconds: list[float] = field(default_factory=list)

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 0.95) * 1000


def alternate(
    first: Callable[[], object], second: Callable[[], object], runs: int, warmup: int
) -> tuple[Timings, Timings]:
    """Warm-up rounds (not counted), then ``runs`` rounds of both, alternating which goes
    first so that neither side always follows the other."""
    one, two = Timings("first"), Timings("second")
    for number in range(warmup + runs):
        order = [(first, one), (second, two)]
        if number % 2:
            order.reverse()
        for action, timings in order:
            started = time.perf_counter()
            action()
            elapsed = time.perf_counter() - started
            if number >= warmup:
                timings.seconds.append(elapsed)
    return one, two


def verdicts(label: str, page: Timings, bare: Timings, runs: int) -> list[Verdict]:
    ratio = page.p50_ms / bare.p50_ms
    return [
        (
            ratio <= TARGET_RATIO,
            f"{label}: page/SQL {ratio:.2f} (medians of {runs} runs, {page.p50_ms:.0f} ms / "
            f"{bare.p50_ms:.0f} ms; target: at most {TARGET_RATIO:.2f})",
        ),
        (
            page.p95_ms < MAX_P95_MS,
            f"{label}: p95 {page.p95_ms:.0f} ms ({runs} runs; target: under {MAX_P95_MS:.0f} ms)",
        ),
    ]


def report(label: str, page: Timings, bare: Timings, page_name: str) -> None:
    print(f"{label}: {page_name:<22} p50 {page.p50_ms:7.1f} ms   p95 {page.p95_ms:7.1f} ms")
    print(
        f"{label}: {'hand-written SQL':<22} p50 {bare.p50_ms:7.1f} ms   p95 {bare.p95_ms:7.1f} ms"
    )
    print(
        f"{label}: ratio page/SQL {page.p50_ms / bare.p50_ms:.2f} at p50, "
        f"{page.p95_ms / bare.p95_ms:.2f} at p95"
    )


# --- the database and the hub -----------------------------------------------------------------


@dataclass(frozen=True)
class BusyHub:
    id: int
    slug: str
    name: str
    zone: str
    coordinator: str
    program_ids: list[int]
    attendance_rows: int


def database_url(given: str | None) -> str:
    if given:
        return scale_data.sqlalchemy_url(given)
    server = os.environ.get(POSTGRES_URL_ENV, "")
    if not server:
        raise CannotRun(
            f"no database: pass --url, or set {POSTGRES_URL_ENV} (a PostgreSQL server URL; "
            f"the database {DATABASE!r} on it is used, and generated when missing)"
        )
    return scale_data.sqlalchemy_url(
        make_url(server).set(database=DATABASE).render_as_string(hide_password=False)
    )


def ensure_database(url: str) -> None:
    """Generate the full-scale database when it does not exist or is empty; migrate it."""
    name = make_url(url).database
    try:
        with closing(
            psycopg.connect(scale_data.conninfo(url, "postgres"), connect_timeout=5)
        ) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            missing = exists.fetchone() is None
    except psycopg.OperationalError as problem:
        raise CannotRun(f"PostgreSQL does not answer: {problem}") from problem
    if missing or not scale_data.has_rows(url):
        print(f"outcomes: the database {name!r} is missing or empty; generating it at full scale")
        scale_data.generate(url)
    engine = sa.create_engine(url)
    try:
        before = migrate.current_revision(engine)
        migrate.upgrade(engine)
        after = migrate.current_revision(engine)
    finally:
        engine.dispose()
    if before != after:
        print(f"outcomes: migrated {name} from {before} to {after}")
        with closing(psycopg.connect(scale_data.conninfo(url), autocommit=True)) as connection:
            connection.execute("ANALYZE")


def busy_hub(connection: psycopg.Connection[Any]) -> BusyHub:
    row = connection.execute(
        """SELECT h.id, h.slug, h.name, h.time_zone, count(*)
        FROM hub h
        JOIN program p ON p.hub_id = h.id
        JOIN program_session s ON s.program_id = p.id
        JOIN attendance_interval i ON i.session_id = s.id
        GROUP BY h.id ORDER BY count(*) DESC, h.id LIMIT 1"""
    ).fetchone()
    if row is None:
        raise CannotRun("the database has no attendance")
    hub_id, slug, name, zone, rows = row
    found = connection.execute(
        """SELECT u.email FROM hub_membership m JOIN user_account u ON u.id = m.user_id
        WHERE m.hub_id = %s AND m.role = 'coordinator' ORDER BY u.id LIMIT 1""",
        (hub_id,),
    ).fetchone()
    if found is None:
        raise CannotRun(f"the hub {slug} has no coordinator")
    programs = [
        int(r[0])
        for r in connection.execute(
            "SELECT id FROM program WHERE hub_id = %s ORDER BY title, id", (hub_id,)
        )
    ]
    connection.rollback()
    return BusyHub(hub_id, slug, name, zone, found[0], programs, int(rows))


def year_bounds(year: int, zone: str) -> tuple[datetime, datetime]:
    """The UTC moments [first, last) of a calendar year in the zone."""
    local = ZoneInfo(zone)
    return (
        datetime(year, 1, 1, tzinfo=local).astimezone(UTC),
        datetime(year + 1, 1, 1, tzinfo=local).astimezone(UTC),
    )


def signed_in(client: TestClient, email: str) -> None:
    page = client.get("/login")
    token = CSRF.search(page.text)
    if page.status_code != 200 or token is None:
        raise CannotRun(f"GET /login answered {page.status_code} without a CSRF field")
    answer = client.post(
        "/login",
        data={
            "email": email,
            "password": scale_data.BENCH_PASSWORD,
            "csrf_token": token.group(1),
            "next": "/",
        },
    )
    if answer.status_code != 303:
        raise CannotRun(f"signing in as {email} answered {answer.status_code}, not 303")


def bench_settings(url: str, folder: Path) -> Settings:
    return Settings(
        database_url=url,
        var_dir=folder,
        secret_key=SecretStr(secrets.token_hex(32)),
        argon2_time_cost=1,  # the hash scale_data stored has these parameters
        argon2_memory_kib=1024,
        base_url="http://testserver",
    )


# --- the annual report -------------------------------------------------------------------------


def annual_report_timings(
    database: Database,
    connection: psycopg.Connection[Any],
    hub: BusyHub,
    year: int,
    runs: int,
    warmup: int,
) -> list[Verdict]:
    """``echo.outcomes.reports.annual_report(session, hub, year)`` against the same numbers
    by hand-written SQL (the dashboard's, for the year, and the hours of training held);
    skipped, with a note, while the function does not exist."""
    try:
        reports = importlib.import_module("echo.outcomes.reports")
    except ImportError:
        reports = None
    annual_report = getattr(reports, "annual_report", None)
    if annual_report is None:
        print("annual report: skipped (echo.outcomes.reports has no annual_report yet)")
        return []
    first, last = year_bounds(year, hub.zone)

    def page() -> Any:
        with database.read() as session:
            found = session.get(Hub, hub.id)
            return annual_report(session, found, year)

    def bare() -> Numbers:
        return hub_numbers(connection, hub.program_ids, first, last, datetime.now(UTC))

    made, numbers = page(), bare()
    problems = differences(made.board, numbers) if hasattr(made, "board") else []
    hours = getattr(made, "training_hours", None)
    if hours is not None and Decimal(str(hours)) != (Decimal(int(numbers.seconds)) / 3600).quantize(
        Decimal("0.01")
    ):
        problems.append(f"training hours: report {hours} != SQL {numbers.seconds / 3600:.2f}")
    for problem in problems:
        print(f"WARNING: annual report and SQL differ: {problem}")
    print(
        f"annual report: {hub.slug}, {year}: {len(numbers.sessions)} sessions held, "
        f"{numbers.attendances} attendances, {numbers.unique_participants} participants"
        + ("" if problems else "; the report's numbers equal the SQL's")
    )
    timed_page, timed_bare = alternate(page, bare, runs, warmup)
    report("annual report", timed_page, timed_bare, "annual_report()")
    found = verdicts("annual report", timed_page, timed_bare, runs)
    if problems:
        found.append((False, f"annual report: {len(problems)} numbers differ from the SQL's"))
    return found


# --- the run -----------------------------------------------------------------------------------


def run(url: str, runs: int, warmup: int) -> list[Verdict]:
    ensure_database(url)
    found: list[Verdict] = []
    with closing(psycopg.connect(scale_data.conninfo(url))) as connection:
        counts = scale_data.table_counts(connection)
        connection.rollback()
        print(
            f"outcomes: {make_url(url).database}: {counts['hub']} hubs, {counts['program']} "
            f"programs, {counts['user_account']:,} people, {counts['program_session']:,} "
            f"sessions, {counts['attendance_interval']:,} attendance rows, "
            f"{counts['survey_response']:,} survey responses"
        )
        hub = busy_hub(connection)
        with tempfile.TemporaryDirectory() as folder:
            settings = bench_settings(url, Path(folder))
            with TestClient(create_app(settings), follow_redirects=False) as client:
                signed_in(client, hub.coordinator)
                path = f"/hubs/{hub.slug}/outcomes"

                def page() -> None:
                    answer = client.get(path)
                    if answer.status_code != 200:
                        raise CannotRun(f"GET {path} answered {answer.status_code}")

                def bare() -> Numbers:
                    return hub_numbers(connection, hub.program_ids, None, None, datetime.now(UTC))

                database: Database = client.app.state.database  # type: ignore[attr-defined]
                numbers = bare()
                with database.read() as session:
                    programs = [session.get(Program, pid) for pid in hub.program_ids]
                    board = dashboard.build(
                        session,
                        [p for p in programs if p is not None],
                        title=hub.name,
                        zone=hub.zone,
                        period=dashboard.Period(),
                    )
                problems = differences(board, numbers)
                for problem in problems:
                    print(f"WARNING: dashboard and SQL differ: {problem}")
                size = len(client.get(path).content)
                print(
                    f"outcomes: hub {hub.slug} ({len(hub.program_ids)} programs): "
                    f"{len(numbers.sessions):,} sessions held, {numbers.attendances:,} "
                    f"attendances, {numbers.unique_participants:,} participants; page "
                    f"{size / 1024:.0f} KiB"
                    + ("" if problems else "; the page's numbers equal the SQL's")
                )
                timed_page, timed_bare = alternate(page, bare, runs, warmup)
                report("hub dashboard", timed_page, timed_bare, f"GET {path}")
                found += verdicts("hub dashboard", timed_page, timed_bare, runs)
                if problems:
                    found.append(
                        (False, f"hub dashboard: {len(problems)} numbers differ from the SQL's")
                    )
                year = scale_data.END.year - 1  # the last full calendar year of the data
                found += annual_report_timings(database, connection, hub, year, runs, warmup)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url",
        help=f"the scale database (default: {DATABASE!r} on the server of {POSTGRES_URL_ENV})",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="timed rounds of each side")
    parser.add_argument("--warmup", type=int, default=WARMUP, help="rounds not counted")
    args = parser.parse_args(argv)
    try:
        found = run(database_url(args.url), max(1, args.runs), max(0, args.warmup))
    except CannotRun as problem:
        print(f"outcomes: cannot run: {problem}", file=sys.stderr)
        return 2
    for ok, line in found:
        print(f"{'PASS' if ok else 'FAIL'}: {line}")
    passed = all(ok for ok, _ in found)
    print(f"Overall: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
