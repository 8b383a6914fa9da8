"""A network-sized PostgreSQL database for the outcome benchmarks (bench.outcomes): 50 hubs,
500 programs, 20,000 people, 25,000 sessions over three years, 1,000,000 attendance rows,
200,000 survey responses, with claims, cases, check-ins and adjustments around them.

    python -m bench.scale_data --url postgresql+psycopg://postgres@127.0.0.1:5432/echo_scale
        [--scale 1.0] [--seed 15] [--replace]

The database is created when it does not exist, migrated (echo.migrate), then filled with
PostgreSQL COPY. Everything is drawn from the seed, and every date from a fixed day
(``END``), so a seed always gives the same rows and the same dashboard figures, whatever
day it runs. A database that already has rows is refused (exit 2) unless ``--replace``
drops and recreates it. ``--scale 0.01`` makes a hundredth of it, for a quick check.

Every hub has a coordinator (``coordinator@<hub>.example.org``) and a lead faculty member
(``faculty@<hub>.example.org``), both with the password ``BENCH_PASSWORD``; nobody else
signs in (the learners share one password hash).
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import psycopg
import sqlalchemy as sa
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlmodel import Session

from echo import migrate
from echo.accounts.models import PRACTICE_TYPES, PROFESSIONS, US_STATES
from echo.cases.models import CONCERNS, CaseStatus
from echo.models import metadata
from echo.outcomes import surveys
from echo.outcomes.bank import BankItem, ItemBank
from echo.outcomes.models import SurveyKind
from echo.programs.models import Program
from echo.security.passwords import Passwords

#: Every date is counted back from this day, so a seed gives the same rows on any day.
END = datetime(2026, 11, 30, tzinfo=UTC)
YEARS = 3
WEEKS = 52 * YEARS
BENCH_PASSWORD = "echo-bench"  # noqa: S105 - the benchmark's scratch accounts, not a secret
SEED = 15
PROGRAMS_PER_HUB = 10
LEARNER_HASH = "!bench-learner"  # matches no password: learners never sign in
FOLLOWUP_MONTHS = 3


@dataclass(frozen=True)
class Size:
    hubs: int = 50
    programs: int = 500
    people: int = 20_000
    sessions: int = 25_000
    attendance: int = 1_000_000
    responses: int = 200_000
    enrollments_per_person: float = 4.8
    cases_per_session: float = 0.45
    claim_share: float = 0.3  # of attendances
    checkin_share: float = 0.003  # of attendances, twice: alongside intervals and alone
    adjustment_share: float = 0.001  # of attendances, twice: removing and adding

    def scaled(self, scale: float) -> Size:
        def part(full: int, least: int) -> int:
            return max(least, round(full * scale))

        hubs = min(len(HUBS), part(self.hubs, 1))
        return Size(
            hubs=hubs,
            programs=min(hubs * PROGRAMS_PER_HUB, part(self.programs, hubs)),
            people=part(self.people, 2 * hubs + 20),
            sessions=part(self.sessions, 10),
            attendance=part(self.attendance, 50),
            responses=part(self.responses, 15),
            enrollments_per_person=self.enrollments_per_person,
            cases_per_session=self.cases_per_session,
            claim_share=self.claim_share,
            checkin_share=self.checkin_share,
            adjustment_share=self.adjustment_share,
        )


# --- names ------------------------------------------------------------------------------------


def words(text: str) -> list[str]:
    return text.split()


# (name, slug, time zone, state)
HUBS: tuple[tuple[str, str, str, str], ...] = (
    ("Puget Sound Children's ECHO", "puget-sound", "America/Los_Angeles", "WA"),
    ("Ohio Pediatric Mental Health ECHO", "ohio-peds", "America/New_York", "OH"),
    ("North Texas Pediatric ECHO", "north-texas", "America/Chicago", "TX"),
    ("Colorado Kids Mental Health Access", "colorado-kmha", "America/Denver", "CO"),
    ("Massachusetts Child Psychiatry Access", "massachusetts", "America/New_York", "MA"),
    ("Northern California Child Psychiatry Access", "norcal-cpap", "America/Los_Angeles", "CA"),
    ("Georgia Children's Mental Health Hub", "georgia-cmh", "America/New_York", "GA"),
    ("Minnesota Child Psychiatry Consultation", "minnesota-cpc", "America/Chicago", "MN"),
    ("Arizona Pediatric Psychiatry Hub", "arizona-peds", "America/Phoenix", "AZ"),
    ("Upstate New York Child Health", "upstate-ny", "America/New_York", "NY"),
    ("Inland Northwest Pediatrics", "inland-northwest", "America/Los_Angeles", "WA"),
    ("Oregon Pediatric Mental Health Hub", "oregon-peds", "America/Los_Angeles", "OR"),
    ("Central Valley Kids' Health", "central-valley", "America/Los_Angeles", "CA"),
    ("Southern California Pediatric ECHO", "socal-peds", "America/Los_Angeles", "CA"),
    ("Nevada Child Behavioral Health", "nevada-cbh", "America/Los_Angeles", "NV"),
    ("Alaska Pediatric Telehealth", "alaska-peds", "America/Anchorage", "AK"),
    ("Hawaii Keiki Mental Health", "hawaii-keiki", "Pacific/Honolulu", "HI"),
    ("Idaho Pediatric Access Line", "idaho-pal", "America/Boise", "ID"),
    ("Utah Children's Behavioral Health", "utah-cbh", "America/Denver", "UT"),
    ("New Mexico Child Wellness ECHO", "new-mexico", "America/Denver", "NM"),
    ("Montana Rural Pediatrics", "montana-rural", "America/Denver", "MT"),
    ("Wyoming Family Health ECHO", "wyoming-family", "America/Denver", "WY"),
    ("Dakotas Child Health Collaborative", "dakotas", "America/Chicago", "ND"),
    ("Nebraska Pediatric Behavioral Health", "nebraska-pbh", "America/Chicago", "NE"),
    ("Kansas Kids' Mental Health Network", "kansas-kids", "America/Chicago", "KS"),
    ("Oklahoma Child Psychiatry Access", "oklahoma-cpa", "America/Chicago", "OK"),
    ("South Texas Children's Health", "south-texas", "America/Chicago", "TX"),
    ("Gulf Coast Pediatric Mental Health", "gulf-coast", "America/Chicago", "LA"),
    ("Arkansas Children's Behavioral Health", "arkansas-cbh", "America/Chicago", "AR"),
    ("Missouri Kids Access Line", "missouri-kal", "America/Chicago", "MO"),
    ("Iowa Pediatric Mental Health Collaborative", "iowa-pmhc", "America/Chicago", "IA"),
    ("Wisconsin Child Psychiatry Consultation", "wisconsin-cpc", "America/Chicago", "WI"),
    ("Illinois Kids Behavioral Health Access", "illinois-kids", "America/Chicago", "IL"),
    ("Indiana Behavioral Health Access", "indiana-bha", "America/Indiana/Indianapolis", "IN"),
    ("Michigan Child Collaborative Care", "michigan-ccc", "America/Detroit", "MI"),
    ("Kentucky Kids Behavioral Health", "kentucky-kbh", "America/New_York", "KY"),
    ("Tennessee Child Wellness Network", "tennessee-cwn", "America/Chicago", "TN"),
    ("Mississippi Delta Pediatrics", "delta-peds", "America/Chicago", "MS"),
    ("Alabama Pediatric Access", "alabama-pa", "America/Chicago", "AL"),
    ("Florida Pediatric Psychiatry Hotline", "florida-pph", "America/New_York", "FL"),
    ("Carolinas Child Psychiatry Access", "carolinas-cpa", "America/New_York", "NC"),
    ("Virginia Mental Health Access Program", "virginia-mhap", "America/New_York", "VA"),
    ("West Virginia Rural Child Health", "west-virginia", "America/New_York", "WV"),
    ("Maryland Behavioral Health Integration", "maryland-bhi", "America/New_York", "MD"),
    ("Pennsylvania Pediatric Telepsychiatry", "pennsylvania", "America/New_York", "PA"),
    ("New Jersey Pediatric Psychiatry Collaborative", "new-jersey-ppc", "America/New_York", "NJ"),
    ("New York City Pediatric ECHO", "nyc-peds", "America/New_York", "NY"),
    ("Connecticut Child Mental Health Access", "connecticut", "America/New_York", "CT"),
    ("Northern New England Pediatrics", "northern-new-england", "America/New_York", "VT"),
    ("Puerto Rico Pediatric Mental Health", "puerto-rico", "America/Puerto_Rico", "PR"),
)

# (title, slug, the bank scale its surveys measure most)
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("Pediatric Mental Health in Primary Care ECHO", "peds-mh", "screening-and-workflow"),
    ("ADHD Across Childhood ECHO", "adhd", "adhd-assessment"),
    ("ADHD Medication Management ECHO", "adhd-meds", "adhd-medication"),
    ("Childhood Anxiety ECHO", "anxiety", "anxiety"),
    ("Adolescent Depression ECHO", "depression", "depression"),
    ("Youth Suicide Prevention ECHO", "suicide-prevention", "suicide-risk"),
    ("Trauma-Informed Pediatric Care ECHO", "trauma", "trauma"),
    ("Early Childhood Mental Health ECHO", "early-childhood", "early-childhood"),
    ("Adolescent Substance Use ECHO", "substance-use", "substance-use"),
    ("Eating Disorders in Primary Care ECHO", "eating-disorders", "eating-disorders"),
    ("Pediatric Psychopharmacology ECHO", "psychopharm", "psychopharmacology"),
    ("Care Coordination for Complex Kids ECHO", "care-coordination", "care-coordination"),
    ("Perinatal and Infant Mental Health ECHO", "perinatal", "early-childhood"),
    ("Autism and Developmental Disabilities ECHO", "autism", "early-childhood"),
    ("School-Based Behavioral Health ECHO", "school-based", "screening-and-workflow"),
    ("Integrated Behavioral Health ECHO", "integrated-bh", "care-coordination"),
    ("Mood Disorders in Teens ECHO", "mood", "depression"),
    ("Rural Child Psychiatry Access ECHO", "rural-access", "care-coordination"),
    ("Self-Harm and Crisis Care ECHO", "crisis-care", "suicide-risk"),
    ("Anxiety and OCD in Children ECHO", "anxiety-ocd", "anxiety"),
)

DIDACTICS = (
    "Screening for depression in adolescents",
    "Safety planning after a positive suicide screen",
    "Lethal means counselling",
    "Rating scales in ADHD assessment",
    "Stimulant titration and side effects",
    "ADHD in preschoolers",
    "CBT skills for anxious children",
    "Starting and monitoring an SSRI",
    "Trauma-informed care in a busy clinic",
    "When to refer for trauma-focused CBT",
    "Disruptive behavior in toddlers",
    "Parent management training",
    "CRAFFT and brief intervention",
    "Vaping and cannabis in teens",
    "Warning signs of an eating disorder",
    "Medical instability in restrictive eating",
    "Metabolic monitoring on antipsychotics",
    "Drug interactions in pediatric psychopharmacology",
    "Closing the referral loop",
    "Working with schools and 504 plans",
    "Autism screening at 18 and 24 months",
    "Sleep problems and mental health",
    "Perinatal depression screening at well-child visits",
    "Irritability and mood dysregulation",
    "Collaborative care billing codes",
)

CANCEL_REASONS = (
    "Holiday",
    "Faculty unavailable",
    "Clinic closure for weather",
    "Moved to the network's annual meeting",
)

FIRST_NAMES = words(
    "Aaliyah Adrian Aisha Alex Alicia Amir Ana Andre Angela Anita Ben Bianca Brandon Camila "
    "Carlos Carmen Chen Chloe Daniel Deepa Diego Elena Emily Emma Eric Fatima Gabriel Grace "
    "Hana Hector Isabel Jacob James Jasmine Javier Jenna Jose Julia Kai Karen Kevin Layla "
    "Leah Li Lucas Luis Maria Marcus Maya Mei Michael Mohammed Nadia Naomi Nathan Nicole "
    "Noah Olivia Omar Pablo Priya Rachel Rafael Rosa Ryan Samuel Sara Sofia Tanya Thomas "
    "Tyler Valeria Victor Wei Yusuf Zoe"
)
LAST_NAMES = words(
    "Abbott Adams Ahmed Alvarez Anderson Baker Banerjee Bell Brooks Brown Campbell Carter "
    "Castillo Chan Chavez Clark Collins Cruz Davis Diaz Edwards Evans Fischer Flores Foster "
    "Garcia Gomez Gonzalez Gray Green Gupta Hall Harris Hernandez Hill Howard Hughes Ito Jackson "
    "James Jenkins Johnson Jones Kaur Kelly Khan Kim King Kowalski Lee Lewis Lopez Martin "
    "Martinez Mendoza Miller Mitchell Moore Morales Morgan Murphy Nguyen Novak O'Brien Ortiz "
    "Park Patel Perez Peterson Phillips Price Ramirez Reed Reyes Rivera Roberts Robinson "
    "Rodriguez Rogers Ross Ruiz Sanchez Santos Scott Shah Singh Smith Stewart Sullivan Tanaka "
    "Taylor Thomas Thompson Torres Tran Turner Walker Wang Ward Washington Watson White "
    "Williams Wilson Wong Wright Yang Young Zhang"
)
TOWNS = words(
    "Riverside Fairview Lakeside Springfield Greenville Franklin Clinton Madison Georgetown "
    "Salem Ashland Oakdale Milton Bristol Dover Hudson Kingston Marion Newport Oxford Auburn "
    "Cedar Creek Elmwood Highland Maple Grove Pine Bluff Red Hill Stonebridge Westfield "
    "Brookside Clearwater Eastport Harbor Point Lincoln Mill Valley Northgate Prairie View "
    "Rock Springs Sunnyvale Twin Oaks Union Valley View Willow Creek"
)
PRACTICE_KINDS = (
    "Family Medicine",
    "Pediatrics",
    "Community Health Center",
    "Children's Clinic",
    "Pediatric Associates",
    "Health Partners",
    "Rural Health Clinic",
    "School-Based Health Center",
    "Family Health Center",
    "Medical Group",
)
# Profession (echo.accounts.models.PROFESSIONS): how common, and the credentials drawn from.
PROFESSION_WEIGHTS: dict[str, tuple[float, tuple[str, ...]]] = {
    "Physician": (30, ("MD", "MD", "MD", "DO")),
    "Nurse practitioner": (12, ("NP",)),
    "Physician assistant": (6, ("PA",)),
    "Nurse": (12, ("RN",)),
    "Psychologist": (5, ("PhD", "PsyD")),
    "Social worker": (10, ("LCSW",)),
    "Counselor or therapist": (7, ("LPC", "LMFT")),
    "Pharmacist": (2, ("PharmD",)),
    "Care coordinator": (6, ("",)),
    "Parent partner": (2, ("",)),
}
PROFESSION_MIX: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    *((p, *PROFESSION_WEIGHTS.get(p, (3.0, ("", "Other")))) for p in PROFESSIONS),
    ("", 5.0, ("",)),  # not given
)
SETTING_MIX = (("rural", 35.0), ("urban", 50.0), ("", 15.0))
TYPE_WEIGHTS = {"independent": 22, "fqhc": 20, "hospital": 25, "academic": 10, "school": 6}
TYPE_MIX = (*((key, float(TYPE_WEIGHTS.get(key, 5))) for key, _ in PRACTICE_TYPES), ("", 12.0))
ZIP_PREFIX = {  # the first three digits of a ZIP code in each hub's state
    "WA": 980, "OH": 430, "TX": 750, "CO": 800, "MA": 10, "CA": 940, "GA": 300, "MN": 550,
    "AZ": 850, "NY": 120, "OR": 970, "NV": 890, "AK": 995, "HI": 967, "ID": 832, "UT": 840,
    "NM": 870, "MT": 590, "WY": 820, "ND": 580, "NE": 680, "KS": 660, "OK": 730, "LA": 700,
    "AR": 716, "MO": 630, "IA": 500, "WI": 530, "IL": 600, "IN": 460, "MI": 480, "KY": 400,
    "TN": 370, "MS": 386, "AL": 350, "FL": 320, "NC": 270, "VA": 220, "WV": 247, "MD": 206,
    "PA": 150, "NJ": 70, "VT": 50, "CT": 60, "PR": 6,
}  # fmt: skip
CONCERN_KEYS = tuple(key for key, _ in CONCERNS if key != "other")
CONCERN_LABELS = dict(CONCERNS)


# --- helpers ----------------------------------------------------------------------------------


def conninfo(url: str, database: str | None = None) -> str:
    """A libpq URL for psycopg from a SQLAlchemy one (``postgresql+psycopg://...``)."""
    parsed = make_url(url)
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.set(drivername="postgresql").render_as_string(hide_password=False)


def sqlalchemy_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


class Progress:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    def say(self, message: str) -> None:
        print(f"[{time.perf_counter() - self.started:6.1f} s] {message}", flush=True)


def apportion(total: int, weights: np.ndarray, caps: np.ndarray | None = None) -> np.ndarray:
    """Integers summing to ``total`` (at most the caps' sum), proportional to ``weights``,
    each at most its cap: largest remainders, repeated while caps bind."""
    weights = np.asarray(weights, dtype=float)
    caps = np.full(len(weights), np.iinfo(np.int64).max) if caps is None else np.asarray(caps)
    total = int(min(total, caps.sum()))
    counts = np.zeros(len(weights), dtype=np.int64)
    while counts.sum() < total:
        room = counts < caps
        share = np.where(room, weights, 0.0)
        left = total - counts.sum()
        exact = share / share.sum() * left
        step = np.minimum(np.floor(exact).astype(np.int64), caps - counts)
        if step.sum() == 0:  # hand out the remainder one by one, largest fractions first
            order = np.argsort(-(exact - np.floor(exact)), kind="stable")
            for index in order[: int(left)]:
                if counts[index] < caps[index]:
                    counts[index] += 1
            continue
        counts += step
    return counts


def ts(value: datetime) -> str:
    return value.isoformat()


def epoch(value: datetime) -> int:
    return int(value.timestamp())


def iso_seconds(seconds: np.ndarray) -> np.ndarray:
    """UTC timestamps (seconds since the epoch) as ISO strings PostgreSQL reads."""
    stamps = np.asarray(seconds, dtype="int64").astype("datetime64[s]")
    return np.char.add(np.datetime_as_string(stamps, unit="s"), "+00")


def copy_rows(
    connection: psycopg.Connection[Any],
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> int:
    count = 0
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def copy_records(
    connection: psycopg.Connection[Any], table: str, records: Sequence[dict[str, object]]
) -> int:
    """Rows given as dicts; the table's other columns with a default get it (a callable
    default, utcnow, gets END), nullable ones without stay NULL."""
    if not records:
        return 0
    given = list(records[0])
    defaults: dict[str, object] = {}
    for column in metadata.tables[table].columns:
        if column.name in given or column.default is None:
            continue
        if column.default.is_scalar:
            value = column.default.arg  # type: ignore[attr-defined]
            defaults[column.name] = value.value if isinstance(value, Enum) else value
        elif column.default.is_callable:
            defaults[column.name] = END
    missing = [
        c.name
        for c in metadata.tables[table].columns
        if c.name not in given and c.name not in defaults and not c.nullable
    ]
    if missing:
        raise ValueError(f"{table}: no value for {missing}")
    columns = given + list(defaults)
    tail = tuple(defaults.values())
    return copy_rows(
        connection,
        table,
        columns,
        (tuple(_plain(r[c]) for c in given) + tail for r in records),
    )


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


# --- the network --------------------------------------------------------------------------------


@dataclass
class World:
    size: Size
    rng: np.random.Generator
    hubs: list[dict[str, Any]] = field(default_factory=list)
    users: list[dict[str, Any]] = field(default_factory=list)
    programs: list[dict[str, Any]] = field(default_factory=list)
    # sessions, as parallel arrays (index = id - 1)
    session_program: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    session_start: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    session_end: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    session_cancelled: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # enrollments, as parallel arrays
    enrollment_program: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    enrollment_user: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    enrollment_status: list[str] = field(default_factory=list)
    enrollment_join: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    enrollment_leave: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    enrollment_requested: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # held sessions of each program, in time order (ids)
    held: dict[int, np.ndarray] = field(default_factory=dict)
    physician: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    first_session_of_program: dict[int, int] = field(default_factory=dict)


def _weighted(rng: np.random.Generator, mix: Sequence[tuple[Any, float]], n: int) -> list[Any]:
    values = [v for v, _ in mix]
    weights = np.array([w for _, w in mix], dtype=float)
    picks = rng.choice(len(values), size=n, p=weights / weights.sum())
    return [values[i] for i in picks]


def make_hubs_and_staff(world: World, password_hash: str) -> None:
    """Hubs, each with a coordinator and a lead faculty member (user ids 1 .. 2 * hubs)."""
    for index in range(world.size.hubs):
        name, slug, zone, state = HUBS[index]
        world.hubs.append(
            {
                "id": index + 1,
                "slug": slug,
                "name": name,
                "time_zone": zone,
                "created_at": END - timedelta(weeks=WEEKS + 26),
                "state": state,
            }
        )
    for hub in world.hubs:
        for role, title in (("coordinator", "Coordinator"), ("faculty", "Lead faculty")):
            first = FIRST_NAMES[int(world.rng.integers(len(FIRST_NAMES)))]
            last = LAST_NAMES[int(world.rng.integers(len(LAST_NAMES)))]
            world.users.append(
                {
                    "id": len(world.users) + 1,
                    "email": f"{role}@{hub['slug']}.example.org",
                    "name": f"{first} {last}",
                    "password_hash": password_hash,
                    "credentials": "MD" if role == "faculty" else "",
                    "profession": "Physician" if role == "faculty" else "Care coordinator",
                    "specialty": "Child and adolescent psychiatry" if role == "faculty" else "",
                    "organization": hub["name"],
                    "us_state": hub["state"],
                    "practice_setting": "urban",
                    "practice_type": "academic",
                    "practice_zip": "",
                    "time_zone": hub["time_zone"],
                    "email_verified_at": hub["created_at"],
                    "created_at": hub["created_at"],
                    "password_changed_at": hub["created_at"],
                    "hub": hub["id"],
                    "role": role,
                    "title": title,
                }
            )


def make_programs(world: World, hub_weight: np.ndarray) -> None:
    rng = world.rng
    hubs = world.size.hubs
    per_hub = np.bincount(np.arange(world.size.programs) % hubs, minlength=hubs)
    for hub in world.hubs:
        count = int(per_hub[hub["id"] - 1])
        chosen = rng.choice(len(TOPICS), size=count, replace=False)
        for topic_index in sorted(int(i) for i in chosen):
            title, slug, scale = TOPICS[topic_index]
            world.programs.append(
                {
                    "id": len(world.programs) + 1,
                    "hub_id": hub["id"],
                    "slug": f"{hub['slug']}-{slug}",
                    "title": title,
                    "scale": f"self-efficacy-{scale}",
                    "popularity": float(rng.lognormal(0.0, 0.35)),
                    "hub_weight": float(hub_weight[hub["id"] - 1]),
                }
            )


def make_sessions(world: World) -> None:
    """Each program meets weekly or every other week at a local time of its hub, for
    part or all of the three years before END; a few meetings were cancelled."""
    rng = world.rng
    weights = np.array([p["popularity"] * p["hub_weight"] ** 0.7 for p in world.programs])
    caps = np.full(len(world.programs), WEEKS)
    counts = apportion(world.size.sessions, weights, caps)
    if counts.sum() < world.size.sessions:
        print(f"note: {world.size.sessions} sessions do not fit; making {counts.sum()}")
    first_day = (END - timedelta(weeks=WEEKS, days=2)).date()  # the last meeting 3+ days before END
    programs, starts, ends, cancelled = [], [], [], []
    for program, count in zip(world.programs, counts, strict=True):
        hub = world.hubs[program["hub_id"] - 1]
        zone = ZoneInfo(hub["time_zone"])
        count = max(int(count), 1)
        cadence = 1 if count > WEEKS // 2 else int(rng.choice([1, 1, 2]))
        span = count * cadence
        offset = int(rng.integers(0, WEEKS - span + 1))
        weekday = int(rng.choice([1, 1, 2, 2, 3, 3, 0, 4]))
        at = [clock(12, 0), clock(12, 0), clock(12, 0), clock(7, 30), clock(16, 0), clock(17, 30)][
            int(rng.integers(6))
        ]
        minutes = 90 if rng.random() < 0.25 else 60
        day = first_day + timedelta(days=(weekday - first_day.weekday()) % 7, weeks=offset)
        program.update(
            first_date=day,
            start_time=at,
            minutes=minutes,
            weekday=weekday,
            cadence=cadence,
            count=count,
            zone=hub["time_zone"],
        )
        for k in range(count):
            local = datetime.combine(day + timedelta(weeks=k * cadence), at, tzinfo=zone)
            start = local.astimezone(UTC)
            if start + timedelta(minutes=minutes) >= END:
                start = END - timedelta(days=1, minutes=minutes)  # never past END
            programs.append(program["id"])
            starts.append(epoch(start))
            ends.append(epoch(start) + minutes * 60)
            cancelled.append(k > 0 and rng.random() < 0.015)
        program["created_at"] = datetime.fromtimestamp(starts[-count], UTC) - timedelta(days=60)
    world.session_program = np.array(programs, dtype=np.int64)
    world.session_start = np.array(starts, dtype=np.int64)
    world.session_end = np.array(ends, dtype=np.int64)
    world.session_cancelled = np.array(cancelled, dtype=bool)
    ids = np.arange(1, len(programs) + 1)
    for program in world.programs:
        mine = ids[(world.session_program == program["id"]) & ~world.session_cancelled]
        world.held[program["id"]] = mine[np.argsort(world.session_start[mine - 1], kind="stable")]
        world.first_session_of_program[program["id"]] = int(
            ids[world.session_program == program["id"]][0]
        )


def make_learners(world: World, hub_weight: np.ndarray) -> None:
    """Learners (after the staff), each from a practice near their home hub; practices are
    shared by colleagues, and some fields are left blank as people leave them."""
    rng = world.rng
    learners = world.size.people - len(world.users)
    home = rng.choice(world.size.hubs, size=learners, p=hub_weight / hub_weight.sum())
    practices = max(1, learners // 4)
    practice_hub = rng.choice(world.size.hubs, size=practices, p=hub_weight / hub_weight.sum())
    practice_setting = _weighted(rng, SETTING_MIX, practices)
    practice_type = _weighted(rng, TYPE_MIX, practices)
    practice_name = [
        f"{TOWNS[int(rng.integers(len(TOWNS)))]} "
        f"{PRACTICE_KINDS[int(rng.integers(len(PRACTICE_KINDS)))]}"
        for _ in range(practices)
    ]
    practice_zip = [
        f"{ZIP_PREFIX.get(world.hubs[int(h)]['state'], 100):03d}{int(rng.integers(100)):02d}"
        for h in practice_hub
    ]
    by_hub: dict[int, np.ndarray] = {
        h: np.flatnonzero(practice_hub == h) for h in range(world.size.hubs)
    }
    professions = _weighted(rng, [(p, w) for p, w, _ in PROFESSION_MIX], learners)
    credential_choices = {p: c for p, _, c in PROFESSION_MIX}
    states = US_STATES
    for index in range(learners):
        hub = world.hubs[int(home[index])]
        local = by_hub[int(home[index])]
        practice = int(rng.choice(local)) if len(local) else int(rng.integers(practices))
        in_practice = rng.random() < 0.9
        first = FIRST_NAMES[int(rng.integers(len(FIRST_NAMES)))]
        last = LAST_NAMES[int(rng.integers(len(LAST_NAMES)))]
        profession = professions[index]
        credentials = credential_choices[profession]
        state_draw = rng.random()
        state = (
            hub["state"]
            if state_draw < 0.82
            else (states[int(rng.integers(len(states)))] if state_draw < 0.93 else "")
        )
        created = END - timedelta(days=int(rng.integers(30, 365 * YEARS + 180)))
        world.users.append(
            {
                "id": len(world.users) + 1,
                "email": f"{first}.{last}.{index + 1}@example.org".lower().replace("'", ""),
                "name": f"{first} {last}",
                "password_hash": LEARNER_HASH,
                "credentials": credentials[int(rng.integers(len(credentials)))],
                "profession": profession,
                "specialty": "",
                "organization": practice_name[practice] if in_practice else "",
                "us_state": state,
                "practice_setting": practice_setting[practice] if rng.random() < 0.93 else "",
                "practice_type": practice_type[practice] if rng.random() < 0.9 else "",
                "practice_zip": practice_zip[practice]
                if in_practice and rng.random() < 0.85
                else "",
                "time_zone": hub["time_zone"],
                "email_verified_at": created,
                "created_at": created,
                "password_changed_at": created,
                "hub": hub["id"],
                "role": "",
            }
        )
    world.physician = np.array([u["profession"] == "Physician" for u in world.users], dtype=bool)


def make_enrollments(world: World) -> None:
    """Learners enroll in a few programs, mostly of their home hub; most from a program's
    start, others later; a few withdrew, a few are still pending."""
    rng = world.rng
    programs_of_hub: dict[int, np.ndarray] = {}
    popularity = np.array([p["popularity"] for p in world.programs])
    for hub in world.hubs:
        programs_of_hub[hub["id"]] = np.array(
            [p["id"] for p in world.programs if p["hub_id"] == hub["id"]], dtype=np.int64
        )
    all_programs = np.arange(1, len(world.programs) + 1)
    users, programs = [], []
    mean = world.size.enrollments_per_person
    for user in world.users:
        if user["role"]:
            continue
        wanted = int(min(1 + rng.poisson(mean - 1), 12))
        local = programs_of_hub[user["hub"]]
        away = rng.binomial(wanted, 0.12)
        home_count = min(wanted - away, len(local))
        p = popularity[local - 1] / popularity[local - 1].sum()
        chosen = set(int(x) for x in rng.choice(local, size=home_count, replace=False, p=p))
        others = np.setdiff1d(all_programs, local)
        if away and len(others):
            q = popularity[others - 1] / popularity[others - 1].sum()
            picks = rng.choice(others, size=min(away, len(others)), replace=False, p=q)
            chosen.update(int(x) for x in picks)
        for program_id in sorted(chosen):
            users.append(user["id"])
            programs.append(program_id)
    world.enrollment_user = np.array(users, dtype=np.int64)
    world.enrollment_program = np.array(programs, dtype=np.int64)
    count = len(users)
    draw = rng.random(count)
    statuses = np.where(draw < 0.95, "active", np.where(draw < 0.99, "withdrawn", "pending"))
    joins = np.zeros(count, dtype=np.int64)
    leaves = np.zeros(count, dtype=np.int64)
    requested = np.zeros(count, dtype=np.int64)
    for index in range(count):
        held = world.held[int(programs[index])]
        n = len(held)
        late = rng.random() < 0.45
        join = int(rng.integers(0, max(1, int(n * 0.8)))) if late and n > 1 else 0
        status = statuses[index]
        leave = n
        if status == "withdrawn":
            leave = int(rng.integers(join + 1, n + 1)) if n > join else n
        if status == "pending" or n == 0:
            join = leave = n
        joins[index], leaves[index] = join, leave
        if n and join < n:
            first = int(world.session_start[held[join] - 1])
        else:
            first = epoch(END) - int(rng.integers(1, 20)) * 86400
        requested[index] = first - int(rng.integers(1, 21)) * 86400 - int(rng.integers(0, 86400))
    world.enrollment_status = [str(s) for s in statuses]
    world.enrollment_join = joins
    world.enrollment_leave = leaves
    world.enrollment_requested = requested


# --- writing --------------------------------------------------------------------------------------


def write_core(connection: psycopg.Connection[Any], world: World, progress: Progress) -> None:
    copy_records(
        connection,
        "hub",
        [{k: h[k] for k in ("id", "slug", "name", "time_zone", "created_at")} for h in world.hubs],
    )
    user_columns = words(
        "id email name password_hash credentials profession specialty organization us_state "
        "practice_setting practice_type practice_zip time_zone email_verified_at created_at "
        "password_changed_at"
    )
    copy_records(connection, "user_account", [{k: u[k] for k in user_columns} for u in world.users])
    staff = [u for u in world.users if u["role"]]
    copy_records(
        connection,
        "hub_membership",
        [
            {"id": i + 1, "hub_id": u["hub"], "user_id": u["id"], "role": u["role"]}
            for i, u in enumerate(staff)
        ],
    )
    faculty = {u["hub"]: u["id"] for u in staff if u["role"] == "faculty"}
    coordinator = {u["hub"]: u["id"] for u in staff if u["role"] == "coordinator"}
    copy_records(
        connection,
        "program",
        [
            {
                "id": p["id"],
                "hub_id": p["hub_id"],
                "slug": p["slug"],
                "title": p["title"],
                "description": "A case-based teleECHO series of "
                f"{world.hubs[p['hub_id'] - 1]['name']}.",
                "target_audience": "Primary care clinicians and their teams",
                "status": "open",
                "visibility": "public",
                "enrollment_mode": "approval",
                "lead_faculty_id": faculty[p["hub_id"]],
                "created_at": p["created_at"],
            }
            for p in world.programs
        ],
    )
    copy_records(
        connection,
        "program_schedule",
        [
            {
                "id": p["id"],
                "program_id": p["id"],
                "first_date": p["first_date"],
                "start_time": p["start_time"],
                "duration_minutes": p["minutes"],
                "time_zone": p["zone"],
                "kind": "weekly",
                "interval": p["cadence"],
                "weekdays": str(p["weekday"]),
                "count": p["count"],
                "meeting_url": f"https://zoom.us/j/{9_000_000_000 + p['id']}",
                "updated_at": p["created_at"],
            }
            for p in world.programs
        ],
    )
    copy_records(
        connection,
        "cme_settings",
        [
            {
                "id": p["id"],
                "program_id": p["id"],
                "provider": f"{world.hubs[p['hub_id'] - 1]['name']} Office of CME",
                "updated_at": p["created_at"],
                "updated_by_id": coordinator[p["hub_id"]],
            }
            for p in world.programs
        ],
    )
    progress.say(
        f"{len(world.hubs)} hubs, {len(world.users)} people, {len(world.programs)} programs"
    )
    rng = world.rng
    count = len(world.session_program)
    didactic = rng.random(count) < 0.75
    didactic_pick = rng.integers(len(DIDACTICS), size=count)
    reasons = rng.integers(len(CANCEL_REASONS), size=count)
    starts = iso_seconds(world.session_start)
    ends = iso_seconds(world.session_end)

    def session_rows() -> Iterator[tuple[object, ...]]:
        for index in range(count):
            program = world.programs[int(world.session_program[index]) - 1]
            zone = ZoneInfo(program["zone"])
            local = datetime.fromtimestamp(int(world.session_start[index]), zone)
            cancelled = bool(world.session_cancelled[index])
            yield (
                index + 1,
                program["id"],
                local.strftime("%Y-%m-%dT%H:%M"),
                starts[index],
                ends[index],
                "",
                "cancelled" if cancelled else "scheduled",
                CANCEL_REASONS[int(reasons[index])] if cancelled else "",
                False,
                "",
                DIDACTICS[int(didactic_pick[index])] if didactic[index] else "",
                faculty[program["hub_id"]] if didactic[index] else None,
                "",
                "",
                "",
                "",
                "",
                0,
                2,
                program["created_at"],
                program["created_at"],
            )

    copy_rows(
        connection,
        "program_session",
        words(
            "id program_id occurrence_key starts_at ends_at title status cancel_reason moved "
            "topic_id didactic_title didactic_presenter_id didactic_objectives resource_ids "
            "slides_url recording_url notes sequence case_capacity created_at updated_at"
        ),
        session_rows(),
    )
    progress.say(f"{count} sessions")
    requested = iso_seconds(world.enrollment_requested)
    decided = iso_seconds(world.enrollment_requested + 86400)

    def enrollment_rows() -> Iterator[tuple[object, ...]]:
        for index in range(len(world.enrollment_user)):
            program = world.programs[int(world.enrollment_program[index]) - 1]
            status = world.enrollment_status[index]
            yield (
                index + 1,
                program["id"],
                int(world.enrollment_user[index]),
                status,
                requested[index],
                None if status == "pending" else decided[index],
                None if status == "pending" else coordinator[program["hub_id"]],
            )

    copy_rows(
        connection,
        "enrollment",
        words("id program_id user_id status requested_at decided_at decided_by_id"),
        enrollment_rows(),
    )
    progress.say(f"{len(world.enrollment_user)} enrollments")


@dataclass
class Attendance:
    session: np.ndarray  # session ids of the rows, sorted by session then user
    user: np.ndarray
    spare_session: np.ndarray  # enrolled but not attending (for check-ins and adjustments)
    spare_user: np.ndarray


def choose_attendance(world: World) -> Attendance:
    """Exactly ``size.attendance`` (person, session) pairs: from each enrollment's sessions
    (after joining, before withdrawing), drawn without replacement with weights for how
    engaged the person is (regulars and drop-ins) and how popular the session was
    (Efraimidis-Spirakis keys, so the count is exact)."""
    rng = world.rng
    regular = rng.random(len(world.enrollment_user)) < 0.5
    engagement = np.where(
        regular,
        rng.beta(5.0, 2.5, len(world.enrollment_user)),
        rng.beta(1.2, 5.0, len(world.enrollment_user)),
    )
    session_draw = rng.lognormal(0.0, 0.3, len(world.session_program) + 1)
    sessions, users, keys = [], [], []
    order = np.argsort(world.enrollment_program, kind="stable")
    bounds = np.searchsorted(world.enrollment_program[order], np.arange(1, len(world.programs) + 2))
    for program in world.programs:
        members = order[bounds[program["id"] - 1] : bounds[program["id"]]]
        held = world.held[program["id"]]
        if not len(members) or not len(held):
            continue
        position = np.arange(len(held))
        inside = (position[None, :] >= world.enrollment_join[members][:, None]) & (
            position[None, :] < world.enrollment_leave[members][:, None]
        )
        who, which = np.nonzero(inside)
        weight = engagement[members][who] * session_draw[held[which]]
        sessions.append(held[which])
        users.append(world.enrollment_user[members][who])
        keys.append(np.log(rng.random(len(who))) / weight)
    all_sessions = np.concatenate(sessions)
    all_users = np.concatenate(users)
    all_keys = np.concatenate(keys)
    target = min(world.size.attendance, len(all_keys))
    if target < world.size.attendance:
        print(f"note: only {target} enrolled (person, session) pairs; all attend")
    chosen = np.argpartition(-all_keys, target - 1)[:target]
    picked = np.zeros(len(all_keys), dtype=bool)
    picked[chosen] = True
    kept = np.lexsort((all_users[picked], all_sessions[picked]))
    spare = np.flatnonzero(~picked)
    return Attendance(
        session=all_sessions[picked][kept],
        user=all_users[picked][kept],
        spare_session=all_sessions[spare],
        spare_user=all_users[spare],
    )


def write_attendance(
    connection: psycopg.Connection[Any], world: World, attendance: Attendance, progress: Progress
) -> np.ndarray:
    """Report imports with their intervals (one per person and session), then a few
    check-ins and coordinators' adjustments. Returns each interval's attended seconds."""
    rng = world.rng
    coordinator = {u["hub"]: u["id"] for u in world.users if u["role"] == "coordinator"}
    sessions_with = np.unique(attendance.session)
    people = np.bincount(attendance.session, minlength=len(world.session_program) + 1)
    import_of = np.zeros(len(world.session_program) + 1, dtype=np.int64)
    import_of[sessions_with] = np.arange(1, len(sessions_with) + 1)
    imported = iso_seconds(world.session_end[sessions_with - 1] + 3600 * 20)

    def import_rows() -> Iterator[tuple[object, ...]]:
        for index, session_id in enumerate(sessions_with):
            program = world.programs[int(world.session_program[session_id - 1]) - 1]
            day = datetime.fromtimestamp(int(world.session_start[session_id - 1]), UTC)
            yield (
                index + 1,
                int(session_id),
                "zoom",
                f"participants_{9_000_000_000 + program['id']}_{day:%Y_%m_%d}.csv",
                hashlib.sha256(f"report {session_id}".encode()).hexdigest(),
                int(people[session_id]),
                int(people[session_id]),
                coordinator[program["hub_id"]],
                imported[index],
            )

    copy_rows(
        connection,
        "attendance_import",
        words("id session_id format filename sha256 people matched by_id at"),
        import_rows(),
    )
    count = len(attendance.session)
    late = rng.choice(np.array([0, 0, 0, 0, 1, 2, 3, 5, 8, 12, 20]) * 60, size=count)
    early = rng.choice(np.array([0] * 9 + [5, 10, 20, 30]) * 60, size=count)
    start = world.session_start[attendance.session - 1] + late
    end = np.maximum(world.session_end[attendance.session - 1] - early, start + 120)
    starts, ends = iso_seconds(start), iso_seconds(end)
    session_ids = attendance.session.tolist()
    user_ids = attendance.user.tolist()
    imports = import_of[attendance.session].tolist()
    copy_rows(
        connection,
        "attendance_interval",
        words("id session_id user_id source start_at end_at import_id"),
        (
            (i + 1, session_ids[i], user_ids[i], "report", starts[i], ends[i], imports[i])
            for i in range(count)
        ),
    )
    progress.say(f"{count} attendance intervals in {len(sessions_with)} report imports")

    # Check-ins: some beside an interval (the interval wins), some alone (they count).
    n_checkins = max(1, round(count * world.size.checkin_share))
    beside = rng.choice(count, size=min(n_checkins, count), replace=False)
    spare_order = rng.permutation(len(attendance.spare_session))
    alone = spare_order[: min(n_checkins, len(spare_order))]
    n_adjust = max(1, round(count * world.size.adjustment_share))
    added = spare_order[len(alone) : len(alone) + n_adjust]
    removed = rng.choice(np.setdiff1d(np.arange(count), beside), size=n_adjust, replace=False)
    checkins = [(int(attendance.session[i]), int(attendance.user[i])) for i in beside] + [
        (int(attendance.spare_session[i]), int(attendance.spare_user[i])) for i in alone
    ]

    def checkin_rows() -> Iterator[tuple[object, ...]]:
        for number, (session_id, user_id) in enumerate(checkins):
            starts_at = int(world.session_start[session_id - 1])
            ends_at = int(world.session_end[session_id - 1])
            checked_in = starts_at + int(rng.integers(-5, 15)) * 60
            out = None if rng.random() < 0.6 else ends_at - int(rng.integers(0, 10)) * 60
            yield (
                number + 1,
                session_id,
                user_id,
                iso_seconds(np.array([checked_in]))[0],
                None if out is None else iso_seconds(np.array([out]))[0],
                "code" if rng.random() < 0.2 else "button",
            )

    copy_rows(
        connection,
        "attendance_checkin",
        words("id session_id user_id checked_in_at checked_out_at method"),
        checkin_rows(),
    )
    adjustments: list[tuple[int, int, int, int, str, str, int]] = []
    for i in removed:  # attended by the report, but not really (the latest entry: 0 s)
        session_id, user_id = int(attendance.session[i]), int(attendance.user[i])
        seconds = int(end[i] - start[i])
        adjustments.append(
            (session_id, user_id, 0, seconds, "report", "Joined by mistake; left at once", 0)
        )
    for i in added:  # not in the report: joined by phone
        session_id, user_id = int(attendance.spare_session[i]), int(attendance.spare_user[i])
        minutes = int(world.session_end[session_id - 1] - world.session_start[session_id - 1])
        if rng.random() < 0.2:  # first entered wrong, then corrected
            adjustments.append((session_id, user_id, 600, 0, "", "Joined by phone", 0))
            adjustments.append((session_id, user_id, minutes, 600, "", "Stayed to the end", 1))
        else:
            adjustments.append((session_id, user_id, minutes, 0, "", "Joined by phone", 0))

    def adjustment_rows() -> Iterator[tuple[object, ...]]:
        for number, (session_id, user_id, seconds, previous, source, reason, later) in enumerate(
            adjustments
        ):
            program = world.programs[int(world.session_program[session_id - 1]) - 1]
            at = int(world.session_end[session_id - 1]) + 86400 * (2 + later)
            yield (
                number + 1,
                session_id,
                user_id,
                seconds,
                previous,
                source,
                reason,
                coordinator[program["hub_id"]],
                iso_seconds(np.array([at]))[0],
            )

    copy_rows(
        connection,
        "attendance_adjustment",
        words("id session_id user_id seconds previous_seconds previous_source reason by_id at"),
        adjustment_rows(),
    )
    progress.say(f"{len(checkins)} check-ins, {len(adjustments)} adjustments")
    removed_mask = np.zeros(count, dtype=bool)
    removed_mask[removed] = True
    return np.where(removed_mask, 0, end - start)


def write_claims(
    connection: psycopg.Connection[Any],
    world: World,
    attendance: Attendance,
    seconds: np.ndarray,
    progress: Progress,
) -> None:
    rng = world.rng
    candidates = np.flatnonzero(seconds > 0)
    take = min(len(candidates), round(len(attendance.session) * world.size.claim_share))
    chosen = np.sort(rng.choice(candidates, size=take, replace=False))
    session_ids = attendance.session[chosen]
    user_ids = attendance.user[chosen]
    claimed = iso_seconds(
        np.minimum(
            world.session_end[session_ids - 1] + rng.integers(600, 20 * 86400, size=take),
            epoch(END) - 3600,
        )
    )
    names = [u["name"].split(" ", 1) for u in world.users]

    def rows() -> Iterator[tuple[object, ...]]:
        for number in range(take):
            session_id, user_id = int(session_ids[number]), int(user_ids[number])
            length = int(world.session_end[session_id - 1] - world.session_start[session_id - 1])
            minutes = int(seconds[chosen[number]] // 60)
            ama = bool(world.physician[user_id - 1])
            credits = Decimal("1.00") if ama else Decimal(length // 900) / 4
            first, last = names[user_id - 1]
            yield (
                number + 1,
                session_id,
                int(world.session_program[session_id - 1]),
                user_id,
                "ama" if ama else "participation",
                credits,
                minutes,
                False,
                Decimal("0"),
                first,
                last,
                "",
                "",
                False,
                claimed[number],
            )

    copy_rows(
        connection,
        "cme_claim",
        words(
            "id session_id program_id user_id kind credits minutes moc moc_points first_name "
            "last_name abp_id birth_month_day moc_consent claimed_at"
        ),
        rows(),
    )
    progress.say(f"{take} CME claims")


def write_cases(
    connection: psycopg.Connection[Any], world: World, attendance: Attendance, progress: Progress
) -> None:
    """Cases presented in sessions (one or two in some), most with released
    recommendations, the others presented with a recommendation still in draft or none."""
    rng = world.rng
    held = np.concatenate([ids for ids in world.held.values() if len(ids)])
    target = round(len(held) * world.size.cases_per_session)
    first = rng.choice(held, size=min(round(target * 0.85), len(held)), replace=False)
    second = rng.choice(first, size=max(0, min(len(first), target - len(first))), replace=False)
    chosen = np.sort(np.concatenate([first, second]))
    bounds = np.searchsorted(attendance.session, np.arange(len(world.session_program) + 2))
    faculty = {u["hub"]: u["id"] for u in world.users if u["role"] == "faculty"}
    sexes = ("female", "male", "female", "male", "unknown")
    schools = ("public", "public", "charter", "private", "", "child-care", "home")
    cases: list[dict[str, object]] = []
    recommendations: list[dict[str, object]] = []
    for number, session_id in enumerate(chosen.tolist()):
        program_id = int(world.session_program[session_id - 1])
        program = world.programs[program_id - 1]
        here = attendance.user[bounds[session_id] : bounds[session_id + 1]]
        if len(here):
            submitter = int(here[int(rng.integers(len(here)))])
        else:
            members = world.enrollment_user[world.enrollment_program == program_id]
            submitter = int(members[int(rng.integers(len(members)))]) if len(members) else 1
        starts = int(world.session_start[session_id - 1])
        released = rng.random() < 0.65
        concerns = sorted(
            {CONCERN_KEYS[int(i)] for i in rng.integers(len(CONCERN_KEYS), size=2)}
            if rng.random() < 0.4
            else {CONCERN_KEYS[int(rng.integers(len(CONCERN_KEYS)))]}
        )
        age = int(rng.integers(2, 18))
        concern_text = " and ".join(CONCERN_LABELS[c].lower() for c in concerns)
        question = f"How would you approach {concern_text} in this {age}-year-old?"
        created = starts - int(rng.integers(7, 22)) * 86400
        cases.append(
            {
                "id": number + 1,
                "program_id": program_id,
                "submitter_id": submitter,
                "status": (CaseStatus.released if released else CaseStatus.presented).value,
                "version": 3,
                "session_id": session_id,
                "age_value": age,
                "age_unit": "years",
                "sex": sexes[int(rng.integers(len(sexes)))],
                "school_setting": schools[int(rng.integers(len(schools)))] if age >= 3 else "",
                "concerns": ",".join(concerns),
                "question": question,
                "attested": True,
                "created_at": datetime.fromtimestamp(created, UTC),
                "updated_at": datetime.fromtimestamp(starts, UTC),
            }
        )
        if released or rng.random() < 0.5:
            at = min(starts + int(rng.integers(2, 11)) * 86400, epoch(END) - 3600)
            recommendations.append(
                {
                    "id": len(recommendations) + 1,
                    "case_id": number + 1,
                    "version": 2,
                    "restated_question": question,
                    "treatment": "Start with evidence-based therapy; consider an SSRI if "
                    "symptoms persist after 8 to 12 weeks.",
                    "follow_up": "Recheck in 4 weeks; present again if no better.",
                    "drafted_by_id": faculty[program["hub_id"]],
                    "updated_at": datetime.fromtimestamp(at, UTC),
                    "released_by_id": faculty[program["hub_id"]] if released else None,
                    "released_at": datetime.fromtimestamp(at, UTC) if released else None,
                }
            )
    copy_records(connection, "case_consult", cases)
    copy_records(connection, "case_recommendation", recommendations)
    progress.say(f"{len(cases)} cases, {len(recommendations)} recommendations")


# --- surveys ----------------------------------------------------------------------------------

KINDS: tuple[tuple[SurveyKind, int | None], ...] = (
    (SurveyKind.pre, None),
    (SurveyKind.post, None),
    (SurveyKind.followup, FOLLOWUP_MONTHS),
)


def write_surveys(
    connection: psycopg.Connection[Any],
    engine: sa.Engine,
    world: World,
    bank: ItemBank,
    progress: Progress,
) -> dict[tuple[int, str], int]:
    """The first program's intake, completion and 3-month follow-up surveys through
    echo.outcomes.surveys.create_survey; every other program's as copies of those rows
    (the same items, as create_survey would have made them). Returns the survey id of
    each (program, kind)."""
    coordinator = {u["hub"]: u["id"] for u in world.users if u["role"] == "coordinator"}
    first = world.programs[0]
    with Session(engine) as session:
        model = session.get(Program, first["id"])
        assert model is not None
        for kind, months in KINDS:
            surveys.create_survey(
                session,
                model,
                kind,
                bank,
                followup_months=months,
                by_id=coordinator[first["hub_id"]],
            )
        session.commit()
    survey_of: dict[tuple[int, str], int] = {}
    records: list[dict[str, object]] = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, kind FROM survey WHERE program_id = %s", (first["id"],))
        for survey_id, kind in cursor.fetchall():
            survey_of[(first["id"], kind)] = survey_id
        next_id = max(survey_of.values()) + 1
        for program in world.programs:
            created = program["created_at"] + timedelta(days=30)
            for kind, months in KINDS:
                if program["id"] == first["id"]:
                    cursor.execute(
                        "UPDATE survey SET created_at = %s WHERE id = %s",
                        (created, survey_of[(first["id"], kind.value)]),
                    )
                    continue
                survey_of[(program["id"], kind.value)] = next_id
                records.append(
                    {
                        "id": next_id,
                        "program_id": program["id"],
                        "kind": kind.value,
                        "title": surveys.title_for(kind, program["title"], months),
                        "bank_id": bank.id,
                        "bank_version": bank.version,
                        "followup_months": months,
                        "is_open": True,
                        "created_at": created,
                        "created_by_id": coordinator[program["hub_id"]],
                    }
                )
                next_id += 1
    copy_records(connection, "survey", records)
    item_columns = [
        c.name for c in metadata.tables["survey_item"].columns if c.name not in ("id", "survey_id")
    ]
    statement = sql.SQL(
        """INSERT INTO survey_item (survey_id, {listed})
        SELECT copy.id, {copied}
        FROM survey AS copy
        JOIN survey AS model ON model.program_id = %s AND model.kind = copy.kind
            AND model.followup_months IS NOT DISTINCT FROM copy.followup_months
        JOIN survey_item AS item ON item.survey_id = model.id
        WHERE copy.program_id <> %s
        ORDER BY copy.id, item.position, item.id"""
    ).format(
        listed=sql.SQL(", ").join(map(sql.Identifier, item_columns)),
        copied=sql.SQL(", ").join(sql.Identifier("item", c) for c in item_columns),
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, (first["id"], first["id"]))
    progress.say(f"{len(survey_of)} surveys with their items")
    return survey_of


@dataclass(frozen=True)
class Asked:
    """What each kind of response answers (5 to 8 answers): the program's scale on intake
    (and two knowledge questions and a number), "before" and "now" on completion with a
    satisfaction rating or two, the practice items on the follow-up."""

    pre: list[BankItem]
    pre_knowledge: list[BankItem]
    pre_number: BankItem
    post_satisfaction: list[BankItem]
    followup: list[BankItem]


def asked_items(bank: ItemBank) -> Asked:
    pre = bank.items_for("pre")
    post = {item.id: item for item in bank.items_for("post")}
    followup = bank.items_for("followup")
    return Asked(
        pre=[item for item in pre if item.type == "likert"],
        pre_knowledge=[item for item in pre if item.type == "single"],
        pre_number=next(item for item in pre if item.type == "number"),
        post_satisfaction=[post["sat-series-relevant"], post["sat-recommend"]],
        followup=[item for item in followup if item.type in ("likert", "number")][:7],
    )


def _fit_responses(
    target: int, caps: list[tuple[int, np.ndarray]], rates: tuple[float, float, float]
) -> list[tuple[int, int, int]]:
    """Per program (enrolled respondents n, followup-eligibility of each in order),
    (intake, completion, follow-up) counts summing to ``target``: intake and completion
    the first a and b people of the order, follow-up the first c eligible among the b."""

    def counts(f: float) -> list[tuple[int, int, int]]:
        found = []
        for n, eligible in caps:
            a = min(n, math.floor(rates[0] * f * n))
            b = min(n, math.floor(rates[1] * f * n))
            ready = int(eligible[:b].sum())
            c = min(ready, math.floor(rates[2] * f * ready))
            found.append((a, b, c))
        return found

    low, high = 0.0, 1.0
    while sum(sum(t) for t in counts(high)) < target and high < 1e6:
        high *= 2
        if all(a == n and b == n for (a, b, _), (n, _) in zip(counts(high), caps, strict=True)):
            break
    for _ in range(60):
        middle = (low + high) / 2
        if sum(sum(t) for t in counts(middle)) <= target:
            low = middle
        else:
            high = middle
    found = [list(t) for t in counts(low)]
    left = target - sum(sum(t) for t in found)
    while left > 0:
        moved = False
        for index, (n, eligible) in enumerate(caps):
            if left <= 0:
                break
            a, b, c = found[index]
            if c < int(eligible[:b].sum()):
                found[index][2] += 1
            elif b < min(a, n):
                found[index][1] += 1
            elif a < n:
                found[index][0] += 1
            else:
                continue
            left -= 1
            moved = True
        if not moved:
            print(f"note: {left} fewer survey responses than asked (no one left to answer)")
            break
    return [(a, b, c) for a, b, c in found]


def write_responses(
    connection: psycopg.Connection[Any],
    world: World,
    bank: ItemBank,
    survey_of: dict[tuple[int, str], int],
    progress: Progress,
) -> None:
    rng = world.rng
    asked = asked_items(bank)
    item_id: dict[tuple[int, str], int] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, survey_id, key FROM survey_item")
        for identifier, survey_id, key in cursor.fetchall():
            item_id[(survey_id, key)] = identifier
    end = epoch(END)
    due_after = round(FOLLOWUP_MONTHS * surveys.DAYS_PER_MONTH) * 86400
    # Per program: who may answer (not pending), in a random order, and when each
    # finished the series (the completion survey's date).
    plans = []
    caps = []
    for program in world.programs:
        held = world.held[program["id"]]
        members = np.flatnonzero(
            (world.enrollment_program == program["id"]) & (world.enrollment_join < len(held))
        )
        members = members[rng.permutation(len(members))]
        course = max(8, round(len(held) * 0.6))
        last = np.minimum(world.enrollment_leave[members], world.enrollment_join[members] + course)
        finished = (
            world.session_end[held[np.maximum(last, 1) - 1] - 1]
            if len(held)
            else np.zeros(0, dtype=np.int64)
        )
        finished = np.minimum(finished + rng.integers(3600, 7 * 86400, len(members)), end - 3600)
        eligible = finished + due_after + 14 * 86400 <= end
        plans.append((program, members, finished))
        caps.append((len(members), eligible))
    counts = _fit_responses(world.size.responses, caps, (0.88, 0.72, 0.6))
    responses: list[tuple[int, int, int, int]] = []  # survey, user, submitted, (program, kind)
    answers: list[tuple[object, ...]] = []
    invitations: list[tuple[int, int, int, int, int | None, int | None, int | None]] = []
    for (program, members, finished), (a, b, c) in zip(plans, counts, strict=True):
        pre_id = survey_of[(program["id"], "pre")]
        post_id = survey_of[(program["id"], "post")]
        followup_id = survey_of[(program["id"], "followup")]
        scale = [item for item in asked.pre if item.scale == program["scale"]]
        baseline = rng.normal(2.2, 0.55, len(members))
        growth = rng.uniform(0.2, 1.5, len(members))
        for order, member in enumerate(members[:a].tolist()):
            user = int(world.enrollment_user[member])
            submitted = min(
                int(world.enrollment_requested[member]) + int(rng.integers(3600, 6 * 86400)),
                end - 7200,
            )
            responses.append((pre_id, user, submitted, 0))
            response = len(responses)
            for item in scale:
                answers.append(
                    (response, item_id[(pre_id, item.id)], "", _likert(rng, baseline[order]), "")
                )
            for item in rng.choice(len(asked.pre_knowledge), size=2, replace=False).tolist():
                question = asked.pre_knowledge[item]
                choice = (
                    question.correct[0]
                    if rng.random() < 0.55
                    else question.choices[int(rng.integers(len(question.choices)))]
                )
                answers.append((response, item_id[(pre_id, question.id)], "", None, choice))
            answers.append(
                (
                    response,
                    item_id[(pre_id, asked.pre_number.id)],
                    "",
                    float(rng.integers(0, 60)),
                    "",
                )
            )
        followed = 0
        for order, member in enumerate(members[:b].tolist()):
            user = int(world.enrollment_user[member])
            submitted = int(finished[order])
            responses.append((post_id, user, submitted, 0))
            response = len(responses)
            for item in scale:
                key = item_id[(post_id, item.id)]
                answers.append((response, key, "before", _likert(rng, baseline[order] + 0.1), ""))
                answers.append(
                    (response, key, "now", _likert(rng, baseline[order] + growth[order]), "")
                )
            for item in asked.post_satisfaction[: 2 if len(scale) == 2 else 1]:
                answers.append((response, item_id[(post_id, item.id)], "", _likert(rng, 4.2), ""))
            due = submitted + due_after
            sent = due if due <= end else None
            answered = None
            if sent is not None and due + 14 * 86400 <= end and followed < c:
                answered = min(due + int(rng.integers(3600, 14 * 86400)), end - 3600)
                followed += 1
                responses.append((followup_id, user, answered, 0))
                reply = len(responses)
                for item in asked.followup:
                    value = (
                        _likert(rng, 2.6 + growth[order])
                        if item.type == "likert"
                        else float(rng.integers(0, 40))
                    )
                    answers.append((reply, item_id[(followup_id, item.id)], "", value, ""))
            reminded = due + 7 * 86400 if sent is not None and answered is None else None
            invitations.append(
                (
                    len(invitations) + 1,
                    followup_id,
                    user,
                    due,
                    sent,
                    reminded if reminded is not None and reminded <= end else None,
                    answered,
                )
            )
    response_stamps = iso_seconds(np.array([r[2] for r in responses], dtype=np.int64))
    copy_rows(
        connection,
        "survey_response",
        words("id survey_id user_id submitted_at"),
        (
            (number + 1, survey_id, user, response_stamps[number])
            for number, (survey_id, user, _, _) in enumerate(responses)
        ),
    )
    copy_rows(
        connection,
        "survey_answer",
        words("id response_id item_id phase number choice text"),
        (
            (number + 1, response, item, phase, value, choice, "")
            for number, (response, item, phase, value, choice) in enumerate(answers)
        ),
    )

    def stamp(value: int | None) -> str | None:
        return None if value is None else ts(datetime.fromtimestamp(value, UTC))

    copy_rows(
        connection,
        "survey_invitation",
        words("id survey_id user_id due_at sent_at reminded_at answered_at"),
        (
            (number, survey_id, user, stamp(due), stamp(sent), stamp(reminded), stamp(answered))
            for number, survey_id, user, due, sent, reminded, answered in invitations
        ),
    )
    progress.say(
        f"{len(responses)} survey responses, {len(answers)} answers, "
        f"{len(invitations)} follow-up invitations"
    )


def _likert(rng: np.random.Generator, centre: float) -> float:
    return float(min(5, max(1, round(rng.normal(centre, 0.7)))))


# --- the database -------------------------------------------------------------------------------


class Refused(Exception):
    """The database cannot be filled (it has rows, or cannot be created); exit 2."""


def table_counts(connection: psycopg.Connection[Any]) -> dict[str, int]:
    found = {}
    with connection.cursor() as cursor:
        for table in metadata.sorted_tables:
            cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table.name)))
            row = cursor.fetchone()
            found[table.name] = int(row[0]) if row else 0
    return found


def has_rows(url: str) -> bool:
    with closing(psycopg.connect(conninfo(url))) as connection, connection.cursor() as cursor:
        for table in metadata.sorted_tables:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", (f'public."{table.name}"',))
            row = cursor.fetchone()
            if not row or not row[0]:
                continue
            cursor.execute(
                sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table.name))
            )
            row = cursor.fetchone()
            if row and row[0]:
                return True
    return False


def prepare_database(url: str, replace: bool) -> None:
    """Create the database if it does not exist; with ``replace``, drop and recreate it;
    otherwise refuse one with rows."""
    name = make_url(url).database
    if not name:
        raise Refused("the URL names no database")
    with closing(
        psycopg.connect(conninfo(url, "postgres"), autocommit=True, connect_timeout=5)
    ) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists and replace:
            if name in ("postgres", "template0", "template1"):
                raise Refused(f"will not drop the database {name!r}")
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
            print(f"dropped the database {name}")
        if not exists:
            admin.execute(f'CREATE DATABASE "{name}"')
            print(f"created the database {name}")
            return
    if has_rows(url):
        raise Refused(
            f"the database {name!r} already has rows; pass --replace to drop and recreate it"
        )


# Each intake or completion response's mean per scale and moment, the rollup the app keeps
# with every response (echo.outcomes.surveys.scale_scores), filled the way revision 0016
# fills it for answers given before it.
SCALE_SCORES_SQL = """
INSERT INTO survey_scale_score (response_id, program_id, user_id, scale, moment, score)
SELECT r.id, s.program_id, r.user_id, i.scale,
       CASE WHEN s.kind = 'pre' THEN 'pre' ELSE coalesce(nullif(a.phase, ''), 'now') END,
       avg(a.number)
FROM survey_answer a
JOIN survey_item i ON i.id = a.item_id
JOIN survey_response r ON r.id = a.response_id
JOIN survey s ON s.id = r.survey_id
WHERE s.kind IN ('pre', 'post') AND i.type = 'likert' AND i.scale <> '' AND a.number IS NOT NULL
GROUP BY 1, 2, 3, 4, 5
"""


def reset_sequences(connection: psycopg.Connection[Any]) -> None:
    with connection.cursor() as cursor:
        for table in metadata.sorted_tables:
            if "id" not in table.columns or not isinstance(table.c.id.type, sa.Integer):
                continue
            cursor.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence({}, 'id'),"
                    " coalesce((SELECT max(id) FROM {}), 0) + 1, false)"
                ).format(sql.Literal(f'"{table.name}"'), sql.Identifier(table.name))
            )


def generate(
    url: str,
    *,
    scale: float = 1.0,
    seed: int = SEED,
    replace: bool = False,
    say: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Make the database; returns the row count of every table."""
    url = sqlalchemy_url(url)
    progress = Progress()
    prepare_database(url, replace)
    engine = sa.create_engine(url)
    try:
        migrate.upgrade(engine)
        progress.say("migrated")
        size = Size().scaled(scale)
        world = World(size=size, rng=np.random.default_rng(seed))
        hub_weight = np.random.default_rng(seed + 1).lognormal(0.0, 0.45, size.hubs)
        hub_weight = np.sort(hub_weight)[::-1]  # the first hubs are the busiest
        password_hash = Passwords(1, 1024).hash(BENCH_PASSWORD)
        make_hubs_and_staff(world, password_hash)
        make_programs(world, hub_weight)
        make_sessions(world)
        make_learners(world, hub_weight)
        make_enrollments(world)
        progress.say("drew hubs, programs, sessions, people and enrollments")
        bank = surveys.bank_at()
        with closing(psycopg.connect(conninfo(url))) as connection:
            connection.execute("SET synchronous_commit = off")
            write_core(connection, world, progress)
            connection.commit()
            survey_of = write_surveys(connection, engine, world, bank, progress)
            connection.commit()
            attendance = choose_attendance(world)
            seconds = write_attendance(connection, world, attendance, progress)
            write_claims(connection, world, attendance, seconds, progress)
            write_cases(connection, world, attendance, progress)
            write_responses(connection, world, bank, survey_of, progress)
            connection.execute(SCALE_SCORES_SQL)
            progress.say("kept each response's scale means (survey_scale_score)")
            reset_sequences(connection)
            connection.commit()
        with closing(psycopg.connect(conninfo(url), autocommit=True)) as connection:
            connection.execute("VACUUM (ANALYZE)")
            progress.say("vacuumed and analyzed")
            counts = table_counts(connection)
    finally:
        engine.dispose()
    (say or print)(f"done in {time.perf_counter() - progress.started:.0f} s")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="postgresql+psycopg://user@host/database")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: the full network")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--replace", action="store_true", help="drop and recreate a database that has rows"
    )
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1.0:
        parser.error("--scale must be above 0 and at most 1")
    try:
        counts = generate(args.url, scale=args.scale, seed=args.seed, replace=args.replace)
    except Refused as problem:
        print(f"scale_data: {problem}", file=sys.stderr)
        return 2
    except psycopg.OperationalError as problem:
        print(f"scale_data: PostgreSQL does not answer: {problem}", file=sys.stderr)
        return 2
    width = max(len(name) for name in counts)
    print("rows:")
    for name, count in counts.items():
        if count:
            print(f"  {name:<{width}} {count:>10,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
