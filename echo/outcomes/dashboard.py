"""A program's (or a hub's) numbers for a date range: sessions and who came, retention, who
they are (professions, practice settings, states), cases and recommendations, CME issued and
survey outcomes. Counted in the database (attendance by ``attendance.attended_rows``), so a
hub's years of sessions load in one round of queries; people are counted, never listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from echo.accounts.models import PRACTICE_SETTINGS, PRACTICE_TYPES, User
from echo.attendance.services import attended_rows
from echo.cases.models import CHILD_STATUS, Case, CaseStatus, Recommendation
from echo.cases.outcomes import AdoptionSummary, adoption_summary
from echo.cme.models import Claim, CreditKind
from echo.outcomes import stats
from echo.outcomes.models import Survey, SurveyInvitation, SurveyKind, SurveyResponse
from echo.outcomes.surveys import ScaleChange, moore_evidence, scale_changes
from echo.programs.models import (
    Enrollment,
    EnrollmentStatus,
    Program,
    ProgramSession,
    SessionStatus,
)
from echo.timeutil import local_date, local_day_bounds, utcnow

#: A select of sessions' id, start and end (what attendance.attended_rows takes).
SessionsSelect = sa.Select[int | None, datetime, datetime]

#: Sessions attended per participant, grouped for the retention chart.
RETENTION_BUCKETS: tuple[tuple[str, int, int], ...] = (
    ("1 session", 1, 1),
    ("2 sessions", 2, 2),
    ("3 to 5", 3, 5),
    ("6 to 10", 6, 10),
    ("11 or more", 11, 10**9),
)
PRESENTED = (CaseStatus.presented.value, CaseStatus.released.value, CaseStatus.closed.value)
NOT_GIVEN = "Not given"


@dataclass(frozen=True)
class Period:
    """Local dates, both included; None = open-ended."""

    start: date | None = None
    end: date | None = None

    def bounds(self, zone: str) -> tuple[datetime | None, datetime | None]:
        first = local_day_bounds(self.start, self.start, zone)[0] if self.start else None
        last = local_day_bounds(self.end, self.end, zone)[1] if self.end else None
        return first, last


@dataclass(frozen=True)
class SessionRow:
    session_id: int
    day: date
    title: str
    program: str
    participants: int
    enrolled: int
    unique_so_far: int

    @property
    def share(self) -> float | None:
        return self.participants / self.enrolled if self.enrolled else None


@dataclass(frozen=True)
class MonthRow:
    """A calendar month of sessions (local dates): for scopes with many sessions."""

    month: date  # its first day
    sessions: int
    attendances: int
    unique_so_far: int


#: More sessions than this and the page charts and lists months, not sessions (a hub's
#: years of sessions would be a thousand points and rows); the CSV keeps every session.
SESSIONS_SHOWN = 40


@dataclass(frozen=True)
class SurveyRow:
    survey: Survey
    program: str
    respondents: int
    invited: int

    @property
    def rate(self) -> Decimal | None:
        return stats.response_rate(min(self.respondents, self.invited), self.invited)


@dataclass
class Dashboard:
    title: str
    zone: str
    period: Period
    programs: list[Program]
    sessions: list[SessionRow] = field(default_factory=list)
    unique_participants: int = 0
    seconds_held: int = 0  # the sessions' scheduled lengths, for hours of training
    retention: list[tuple[str, int]] = field(default_factory=list)
    professions: list[tuple[str, int]] = field(default_factory=list)
    settings: list[tuple[str, int]] = field(default_factory=list)
    practice_types: list[tuple[str, int]] = field(default_factory=list)
    states: list[tuple[str, int]] = field(default_factory=list)
    unique_practices: int = 0
    cases_presented: int = 0
    recommendations_released: int = 0
    credits: list[tuple[str, Decimal, int]] = field(default_factory=list)  # kind, total, people
    surveys: list[SurveyRow] = field(default_factory=list)
    scales: list[ScaleChange] = field(default_factory=list)
    case_outcomes: AdoptionSummary = field(default_factory=AdoptionSummary)
    moore_level: str | None = None

    @property
    def attendances(self) -> int:
        return sum(row.participants for row in self.sessions)

    @property
    def by_month(self) -> bool:
        return len(self.sessions) > SESSIONS_SHOWN

    @property
    def months(self) -> list[MonthRow]:
        found: list[MonthRow] = []
        for row in self.sessions:
            month = row.day.replace(day=1)
            if found and found[-1].month == month:
                last = found[-1]
                found[-1] = MonthRow(
                    month, last.sessions + 1, last.attendances + row.participants, row.unique_so_far
                )
            else:
                found.append(MonthRow(month, 1, row.participants, row.unique_so_far))
        return found

    @property
    def mean_share_enrolled(self) -> float | None:
        shares = [row.share for row in self.sessions if row.share is not None]
        return sum(shares) / len(shares) if shares else None

    @property
    def mean_sessions_per_participant(self) -> float | None:
        return self.attendances / self.unique_participants if self.unique_participants else None

    @property
    def rural_share(self) -> float | None:
        counts = dict(self.settings)
        told = counts.get("Rural", 0) + counts.get(dict(PRACTICE_SETTINGS)["urban"], 0)
        return counts.get("Rural", 0) / told if told else None

    @property
    def moore_label(self) -> str:
        if self.moore_level is None:
            return "None yet"
        return f"{self.moore_level}: {stats.MOORE_LABELS[self.moore_level]}"


def held_sessions(
    program_ids: Sequence[int], period: Period, zone: str, now: datetime | None = None
) -> SessionsSelect:
    """Id, start and end of the programs' sessions held in the period (not cancelled, begun)."""
    first, last = period.bounds(zone)
    query = sa.select(
        col(ProgramSession.id), col(ProgramSession.starts_at), col(ProgramSession.ends_at)
    ).where(
        col(ProgramSession.program_id).in_(program_ids),
        col(ProgramSession.status) != SessionStatus.cancelled.value,
        col(ProgramSession.starts_at) <= (now or utcnow()),
    )
    if first is not None:
        query = query.where(col(ProgramSession.starts_at) >= first)
    if last is not None:
        query = query.where(col(ProgramSession.starts_at) < last)
    return query


def build(
    session: Session,
    programs: Sequence[Program],
    *,
    title: str,
    zone: str,
    period: Period,
    now: datetime | None = None,
) -> Dashboard:
    board = Dashboard(title=title, zone=zone, period=period, programs=list(programs))
    ids = [p.id or 0 for p in programs]
    if not ids:
        return board
    titles = {p.id: p.title for p in programs}
    chosen = held_sessions(ids, period, zone, now)
    held = session.execute(
        sa.select(
            col(ProgramSession.id),
            col(ProgramSession.program_id),
            col(ProgramSession.starts_at),
            col(ProgramSession.ends_at),
            col(ProgramSession.title),
            col(ProgramSession.didactic_title),
        )
        .where(col(ProgramSession.id).in_(chosen.with_only_columns(col(ProgramSession.id))))
        .order_by(col(ProgramSession.starts_at), col(ProgramSession.id))
    ).all()
    participants, people = _attendance(session, chosen)
    enrolled = _enrolled_counts(session, ids)
    new_at = Counter(person.first_place for person in people)
    seen = 0
    for place, (session_id, program_id, starts_at, ends_at, name, didactic) in enumerate(
        held, start=1
    ):
        seen += new_at.get(place, 0)
        board.seconds_held += int((ends_at - starts_at).total_seconds())
        board.sessions.append(
            SessionRow(
                session_id=session_id,
                day=local_date(starts_at, zone),
                title=didactic or name or "Session",
                program=titles.get(program_id, ""),
                participants=participants.get(session_id, 0),
                enrolled=enrolled.get(program_id, 0),
                unique_so_far=seen,
            )
        )
    board.unique_participants = len(people)
    board.retention = [
        (label, sum(1 for person in people if low <= person.sessions <= high))
        for label, low, high in RETENTION_BUCKETS
    ]
    _who_came(board, people)
    _cases(session, board, ids, chosen, period, zone)
    _credits(session, board, chosen)
    _surveys(session, board, ids, enrolled)
    board.scales = scale_changes(session, ids)
    board.case_outcomes = adoption_summary(session, ids, *period.bounds(zone))
    evidence = moore_evidence(session, ids, board.unique_participants)
    # A presenter's outcome report: performance (which advice was carried out) and
    # patient health (how the child is doing), Moore levels 5 and 6.
    reported = board.case_outcomes.reports
    evidence["5"] = max(evidence.get("5", 0), reported)
    evidence["6"] = max(
        evidence.get("6", 0), reported - board.case_outcomes.child_status["unknown"]
    )
    board.moore_level = stats.highest_moore_level(evidence)
    return board


def _enrolled_counts(session: Session, program_ids: Sequence[int]) -> dict[int, int]:
    rows = session.execute(
        select(col(Enrollment.program_id), func.count())
        .where(
            col(Enrollment.program_id).in_(program_ids),
            Enrollment.status == EnrollmentStatus.active.value,
        )
        .group_by(col(Enrollment.program_id))
    ).all()
    return {program_id: count for program_id, count in rows}


def _counted(values: Sequence[str], labels: dict[str, str] | None = None) -> list[tuple[str, int]]:
    counts = Counter((labels or {}).get(v, v) if v else NOT_GIVEN for v in values)
    return sorted(counts.items(), key=lambda pair: (pair[0] == NOT_GIVEN, -pair[1], pair[0]))


@dataclass(frozen=True)
class Attendee:
    """One person who attended sessions of the period, as the dashboard counts them."""

    sessions: int  # held sessions attended
    first_place: int  # the first of them, by its place (1, 2, ...) in the held sessions' order
    profession: str
    practice_setting: str
    practice_type: str
    us_state: str
    practice_zip: str
    organization: str


def _attendance(session: Session, chosen: SessionsSelect) -> tuple[dict[int, int], list[Attendee]]:
    """Participants per held session, and each participant with their profile's practice
    context, aggregated in the database in one statement (attended_rows' pairs are never
    sent: a busy hub's years hold tens of thousands). Places number the held sessions by
    (start, id), the order of the dashboard's sessions table."""
    attended = attended_rows(chosen).cte("attended")
    ordered = chosen.with_only_columns(
        col(ProgramSession.id).label("id"),
        sa.func.row_number()
        .over(order_by=(col(ProgramSession.starts_at), col(ProgramSession.id)))
        .label("place"),
    ).subquery("ordered")
    blank = sa.literal("")
    per_session = sa.select(
        sa.literal(0).label("person"),
        attended.c.session_id,
        sa.func.count().label("sessions"),
        sa.literal(0).label("first_place"),
        *([blank] * 6),
    ).group_by(attended.c.session_id)
    counts = (
        sa.select(
            attended.c.user_id,
            sa.func.count().label("sessions"),
            sa.func.min(ordered.c.place).label("first_place"),
        )
        .join(ordered, ordered.c.id == attended.c.session_id)
        .group_by(attended.c.user_id)
        .subquery("per_person")
    )
    per_person = sa.select(
        sa.literal(1).label("person"),
        counts.c.user_id,
        counts.c.sessions,
        counts.c.first_place,
        col(User.profession),
        col(User.practice_setting),
        col(User.practice_type),
        col(User.us_state),
        col(User.practice_zip),
        col(User.organization),
    ).join(User, col(User.id) == counts.c.user_id)
    participants: dict[int, int] = {}
    people: list[Attendee] = []
    for person, key, count, first_place, *profile in session.execute(
        sa.union_all(per_session, per_person)
    ).all():
        if person:
            people.append(Attendee(count, first_place, *profile))
        else:
            participants[key] = count
    return participants, people


def _who_came(board: Dashboard, people: Sequence[Attendee]) -> None:
    board.professions = _counted([p.profession for p in people])
    board.settings = _counted([p.practice_setting for p in people], dict(PRACTICE_SETTINGS))
    board.practice_types = _counted([p.practice_type for p in people], dict(PRACTICE_TYPES))
    board.states = _counted([p.us_state for p in people])
    # A practice: its ZIP and name together, else the name (case and spacing ignored).
    board.unique_practices = len(
        {
            (p.practice_zip, " ".join(p.organization.lower().split()))
            for p in people
            if p.practice_zip or p.organization.strip()
        }
    )


def _cases(
    session: Session,
    board: Dashboard,
    program_ids: Sequence[int],
    chosen: SessionsSelect,
    period: Period,
    zone: str,
) -> None:
    presented = (
        select(func.count())
        .select_from(Case)
        .where(
            col(Case.session_id).in_(chosen.with_only_columns(col(ProgramSession.id))),
            col(Case.status).in_(PRESENTED),
        )
        .scalar_subquery()
    )
    first, last = period.bounds(zone)
    released = (
        select(func.count())
        .select_from(Recommendation)
        .join(Case, col(Case.id) == Recommendation.case_id)
        .where(col(Case.program_id).in_(program_ids), col(Recommendation.released_at).isnot(None))
    )
    if first is not None:
        released = released.where(col(Recommendation.released_at) >= first)
    if last is not None:
        released = released.where(col(Recommendation.released_at) < last)
    both = session.execute(sa.select(presented, released.scalar_subquery())).one()
    board.cases_presented, board.recommendations_released = int(both[0]), int(both[1])


def _credits(session: Session, board: Dashboard, chosen: SessionsSelect) -> None:
    rows = session.execute(
        select(
            col(Claim.kind), func.sum(Claim.credits), func.count(sa.distinct(col(Claim.user_id)))
        )
        .where(col(Claim.session_id).in_(chosen.with_only_columns(col(ProgramSession.id))))
        .group_by(col(Claim.kind))
    ).all()
    labels = {
        CreditKind.ama.value: "AMA PRA Category 1 Credits™",
        CreditKind.participation.value: "Hours of participation",
    }
    board.credits = [
        (labels.get(kind, kind), Decimal(total or 0), people)
        for kind, total, people in sorted(rows, key=lambda r: str(r[0]))
    ]


def _surveys(
    session: Session, board: Dashboard, program_ids: Sequence[int], enrolled: dict[int, int]
) -> None:
    """Each survey with its respondents and, for follow-ups, the invitations sent (one
    statement)."""
    titles = {p.id: p.title for p in board.programs}
    responses = (
        select(func.count())
        .where(col(SurveyResponse.survey_id) == col(Survey.id))
        .correlate(Survey)
        .scalar_subquery()
    )
    sent = (
        select(func.count())
        .where(
            col(SurveyInvitation.survey_id) == col(Survey.id),
            col(SurveyInvitation.sent_at).isnot(None),
        )
        .correlate(Survey)
        .scalar_subquery()
    )
    for survey, respondents, invited in session.execute(
        select(Survey, responses, sent)
        .where(col(Survey.program_id).in_(program_ids))
        .order_by(col(Survey.program_id), col(Survey.id))
    ).all():
        asked = (
            invited if survey.kind == SurveyKind.followup else enrolled.get(survey.program_id, 0)
        )
        board.surveys.append(
            SurveyRow(survey, titles.get(survey.program_id, ""), int(respondents), int(asked))
        )


# --- the dashboard's tables, for the page and for downloads -----------------------------------


def _share(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def _number(value: float | None, places: int = 2) -> str:
    return "" if value is None else f"{value:.{places}f}"


def table(board: Dashboard, name: str) -> tuple[list[str], list[list[object]]]:
    """One of forms.TABLES as a header and rows: what the page's table shows and the CSV
    holds. Counts of people only; survey figures only where shown (MIN_RESPONDENTS)."""
    if name == "sessions":
        return (
            [
                "Date",
                "Program",
                "Session",
                "Participants",
                "Enrolled",
                "Share of enrolled",
                "Unique participants so far",
            ],
            [
                [
                    row.day.isoformat(),
                    row.program,
                    row.title,
                    row.participants,
                    row.enrolled,
                    _share(row.share),
                    row.unique_so_far,
                ]
                for row in board.sessions
            ],
        )
    if name == "months":
        return (
            ["Month", "Sessions", "Attendances", "Unique participants so far"],
            [
                [m.month.strftime("%Y-%m"), m.sessions, m.attendances, m.unique_so_far]
                for m in board.months
            ],
        )
    if name == "retention":
        return ["Sessions attended", "Participants"], [list(pair) for pair in board.retention]
    if name in ("professions", "settings", "practice-types", "states"):
        source = {
            "professions": board.professions,
            "settings": board.settings,
            "practice-types": board.practice_types,
            "states": board.states,
        }[name]
        heading = {
            "professions": "Profession",
            "settings": "Practice setting",
            "practice-types": "Practice type",
            "states": "State",
        }[name]
        return [heading, "Participants"], [list(pair) for pair in source]
    if name == "credit":
        return (
            ["Credit", "Total", "People"],
            [[kind, str(total), people] for kind, total, people in board.credits],
        )
    if name == "surveys":
        return (
            ["Program", "Survey", "Respondents", "Asked", "Response rate"],
            [
                [
                    row.program,
                    row.survey.title,
                    row.respondents,
                    row.invited,
                    _share(float(row.rate)) if row.rate is not None else "",
                ]
                for row in board.surveys
            ],
        )
    if name == "scales":
        rows: list[list[object]] = []
        for scale in board.scales:
            change = scale.change if scale.shown else None
            rows.append(
                [
                    scale.label,
                    scale.design_label,
                    scale.pairs,
                    _number(change.mean_before) if change else "",
                    _number(change.mean_after) if change else "",
                    _number(change.mean_difference) if change else "",
                    _number(change.ci_low) if change else "",
                    _number(change.ci_high) if change else "",
                    _number(change.wilcoxon_p, 4) if change else "",
                    _number(change.effect_size) if change else "",
                ]
            )
        return (
            [
                "Scale",
                "Comparison",
                "Pairs",
                "Mean before",
                "Mean after",
                "Mean change",
                "95% CI low",
                "95% CI high",
                "Wilcoxon p",
                "Effect size (d_z)",
            ],
            rows,
        )
    if name == "case-outcomes":
        summary = board.case_outcomes
        if not stats.shown(summary.reports):
            return ["Recommendation", "Reports", "Carried out", "Partly", "Not (yet)"], []
        found: list[list[object]] = [list(row) for row in summary.rows()]
        found.append(
            [
                "Care plan changed (any recommendation carried out)",
                summary.reports,
                summary.changed_plan,
                "",
                summary.reports - summary.changed_plan,
            ]
        )
        found += [
            [f"Child: {label}", summary.reports, summary.child_status[key], "", ""]
            for key, label in CHILD_STATUS
        ]
        return ["Recommendation", "Reports", "Carried out", "Partly", "Not (yet)"], found
    raise ValueError(f"unknown table {name!r}")
