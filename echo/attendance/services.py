"""Attendance rules: check-in, minutes from the best source, report imports, matching,
adjustments and the views' numbers. The one place that decides how long someone attended.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import sqlalchemy.orm
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, func, select

from echo.accounts.models import User
from echo.attendance import check_in_window, zoom
from echo.attendance.models import (
    Adjustment,
    AttendanceInterval,
    AttendeeAlias,
    CheckIn,
    IntervalSource,
    ReportImport,
    UnmatchedAttendee,
    UserEmail,
    ZoomPresence,
)
from echo.attendance.reports import (
    Attendee,
    ParsedReport,
    ReportError,
    clip,
    parse_report,
    total_seconds,
    union,
)
from echo.cases.models import Case
from echo.programs import events
from echo.programs.models import (
    Enrollment,
    EnrollmentStatus,
    Hub,
    Program,
    ProgramSchedule,
    ProgramSession,
    SessionStatus,
)
from echo.timeutil import in_zone, local_date, utcnow
from echo.web.params import EMAIL_PATTERN, UNAMBIGUOUS_CHARACTERS, FormErrors

CODE_LENGTH = 6
# A report none of whose times come this close to the session is probably another meeting.
NEARBY = timedelta(hours=2)

Interval = tuple[datetime, datetime]


NOT_BEGUN = "Attendance is recorded once the session has begun; this one has not started yet."


def has_begun(program_session: ProgramSession, now: datetime | None = None) -> bool:
    """Minutes exist from the start (check-in, opening before it, is on its own)."""
    return program_session.starts_at <= (now or utcnow())


# --- check-in --------------------------------------------------------------------------------


def check_in_open(program_session: ProgramSession, now: datetime | None = None) -> bool:
    """Whether the session's check-in is open (echo.attendance.check_in_window)."""
    return check_in_window.is_open(
        program_session.starts_at, program_session.ends_at, program_session.status, now
    )


def check_in(
    session: Session, program_session: ProgramSession, user_id: int, *, method: str = "button"
) -> None:
    """Record presence once; checking in again changes nothing (idempotent)."""
    values = {
        "session_id": program_session.id,
        "user_id": user_id,
        "checked_in_at": utcnow(),
        "method": method,
    }
    # INSERT ... ON CONFLICT DO NOTHING on the (session, user) unique key: no race, no error.
    if session.get_bind().dialect.name == "postgresql":
        statement: sa.Executable = (
            postgresql.insert(CheckIn).values(**values).on_conflict_do_nothing()
        )
    else:
        statement = sqlite.insert(CheckIn).values(**values).on_conflict_do_nothing()
    session.execute(statement)


def check_out(session: Session, program_session: ProgramSession, user_id: int) -> bool:
    result = session.execute(
        sa.update(CheckIn)
        .where(
            col(CheckIn.session_id) == program_session.id,
            col(CheckIn.user_id) == user_id,
            col(CheckIn.checked_out_at).is_(None),
        )
        .values(checked_out_at=utcnow())
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def check_in_of(session: Session, session_id: int, user_id: int) -> CheckIn | None:
    return session.exec(
        select(CheckIn).where(CheckIn.session_id == session_id, CheckIn.user_id == user_id)
    ).first()


def session_code(secret: str, session_id: int) -> str:
    """The short code a facilitator shows for phone check-in: derived, never stored."""
    digest = hmac.new(secret.encode(), f"check-in:{session_id}".encode(), hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big")
    letters = []
    for _ in range(CODE_LENGTH):
        number, index = divmod(number, len(UNAMBIGUOUS_CHARACTERS))
        letters.append(UNAMBIGUOUS_CHARACTERS[index])
    return "".join(letters)


def normalize_code(code: str) -> str:
    """The code as printed: ASCII letters and digits, upper case (spaces and dashes go)."""
    return "".join(ch for ch in code.upper() if ch.isascii() and ch.isalnum())


def session_for_code(
    session: Session, secret: str, code: str, now: datetime | None = None
) -> ProgramSession | None:
    """The session whose check-in is open now and whose code this is."""
    wanted = normalize_code(code)
    if len(wanted) != CODE_LENGTH:
        return None
    open_now = session.exec(
        select(ProgramSession).where(
            check_in_window.is_open_sql(
                col(ProgramSession.starts_at),
                col(ProgramSession.ends_at),
                col(ProgramSession.status),
                *check_in_window.bounds(now),
            )
        )
    ).all()
    for candidate in open_now:
        if hmac.compare_digest(session_code(secret, candidate.id or 0), wanted):
            return candidate
    return None


# --- minutes from the best source ------------------------------------------------------------


@dataclass(frozen=True)
class Minutes:
    seconds: int
    source: str  # "report", "webhook", "report+webhook", "check-in", "manual", or "" (absent)
    adjusted: bool = False

    @property
    def minutes(self) -> int:
        return self.seconds // 60

    @property
    def attended(self) -> bool:
        return self.seconds > 0


NOT_ATTENDED = Minutes(0, "")


def best_minutes(
    window: Interval,
    platform: dict[str, list[Interval]],
    check_in_row: CheckIn | None,
    adjustment: Adjustment | None,
) -> Minutes:
    """Platform intervals (reports, webhooks), then check-in, then nothing; an adjustment
    by a coordinator overrides and is marked."""
    if adjustment is not None:
        return Minutes(adjustment.seconds, "manual", adjusted=True)
    found = [interval for intervals in platform.values() for interval in intervals]
    if found:
        seconds = total_seconds(clip(union(found), *window))
        return Minutes(seconds, "+".join(sorted(k for k, v in platform.items() if v)))
    if check_in_row is not None:
        end = check_in_row.checked_out_at or window[1]
        seconds = total_seconds(clip([(check_in_row.checked_in_at, end)], *window))
        return Minutes(seconds, "check-in")
    return NOT_ATTENDED


@dataclass
class SessionAttendance:
    """Everything recorded for one session, loaded at once."""

    platform: dict[int, dict[str, list[Interval]]] = field(default_factory=dict)
    check_ins: dict[int, CheckIn] = field(default_factory=dict)
    adjustments: dict[int, Adjustment] = field(default_factory=dict)

    def minutes(self, program_session: ProgramSession, user_id: int) -> Minutes:
        return best_minutes(
            (program_session.starts_at, program_session.ends_at),
            self.platform.get(user_id, {}),
            self.check_ins.get(user_id),
            self.adjustments.get(user_id),
        )

    @property
    def people(self) -> set[int]:
        return set(self.platform) | set(self.check_ins) | set(self.adjustments)


def load_attendance(session: Session, session_ids: Sequence[int]) -> dict[int, SessionAttendance]:
    found: dict[int, SessionAttendance] = {sid: SessionAttendance() for sid in session_ids}
    if not session_ids:
        return found
    for interval in session.exec(
        select(AttendanceInterval).where(col(AttendanceInterval.session_id).in_(session_ids))
    ):
        per_user = found[interval.session_id].platform.setdefault(interval.user_id, {})
        per_user.setdefault(interval.source, []).append((interval.start_at, interval.end_at))
    for row in session.exec(select(CheckIn).where(col(CheckIn.session_id).in_(session_ids))):
        found[row.session_id].check_ins[row.user_id] = row
    for adjustment in session.exec(
        select(Adjustment)
        .where(col(Adjustment.session_id).in_(session_ids))
        .order_by(col(Adjustment.at), col(Adjustment.id))
    ):
        found[adjustment.session_id].adjustments[adjustment.user_id] = adjustment  # latest wins
    return found


def minutes_of(session: Session, program_session: ProgramSession, user_id: int) -> Minutes:
    return load_attendance(session, [program_session.id or 0])[program_session.id or 0].minutes(
        program_session, user_id
    )


def attended_rows(
    sessions: sa.Select[int | None, datetime, datetime],
) -> sa.CompoundSelect[int, int]:
    """(session_id, user_id) of everyone who attended the sessions ``sessions`` selects (a
    select of ProgramSession id, starts_at and ends_at), computed in the database for reports
    over thousands of sessions. It is ``best_minutes(...).attended`` in SQL, the same
    precedence: the latest adjustment decides; else platform intervals, if any, must overlap
    the session; else the check-in must. (Overlap here is any positive length; best_minutes
    counts whole seconds, which differs only for overlaps under one second.)
    tests/attendance/test_attended_rows.py holds the two to the same answers."""
    chosen = sessions.subquery("chosen")
    later = sa.orm.aliased(Adjustment)
    latest_adjustment = (
        select(col(Adjustment.session_id), col(Adjustment.user_id), col(Adjustment.seconds))
        .join(chosen, chosen.c.id == Adjustment.session_id)
        .where(
            ~sa.exists().where(
                col(later.session_id) == col(Adjustment.session_id),
                col(later.user_id) == col(Adjustment.user_id),
                sa.or_(
                    col(later.at) > col(Adjustment.at),
                    sa.and_(
                        col(later.at) == col(Adjustment.at), col(later.id) > col(Adjustment.id)
                    ),
                ),
            )
        )
    )
    adjusted = latest_adjustment.where(col(Adjustment.seconds) > 0).with_only_columns(
        col(Adjustment.session_id), col(Adjustment.user_id)
    )

    def no_adjustment(session_id: Any, user_id: Any) -> sa.ColumnElement[bool]:
        return ~sa.exists().where(
            col(Adjustment.session_id) == session_id, col(Adjustment.user_id) == user_id
        )

    platform = (
        select(col(AttendanceInterval.session_id), col(AttendanceInterval.user_id))
        .join(chosen, chosen.c.id == AttendanceInterval.session_id)
        .where(
            col(AttendanceInterval.start_at) < col(AttendanceInterval.end_at),
            col(AttendanceInterval.start_at) < chosen.c.ends_at,
            col(AttendanceInterval.end_at) > chosen.c.starts_at,
            no_adjustment(AttendanceInterval.session_id, AttendanceInterval.user_id),
        )
    )
    checked_out = sa.func.coalesce(col(CheckIn.checked_out_at), chosen.c.ends_at)
    checked_in = (
        select(col(CheckIn.session_id), col(CheckIn.user_id))
        .join(chosen, chosen.c.id == CheckIn.session_id)
        .where(
            col(CheckIn.checked_in_at) < chosen.c.ends_at,
            col(CheckIn.checked_in_at) < checked_out,
            checked_out > chosen.c.starts_at,
            no_adjustment(CheckIn.session_id, CheckIn.user_id),
            ~sa.exists().where(
                col(AttendanceInterval.session_id) == col(CheckIn.session_id),
                col(AttendanceInterval.user_id) == col(CheckIn.user_id),
            ),
        )
    )
    return sa.union(adjusted, platform, checked_in)


# --- rosters and summaries -------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    user: User
    enrolled: bool
    minutes: Minutes
    checked_in_at: datetime | None


def enrolled_users(session: Session, program_id: int) -> list[User]:
    return list(
        session.exec(
            select(User)
            .join(Enrollment, col(Enrollment.user_id) == User.id)
            .where(
                Enrollment.program_id == program_id,
                Enrollment.status == EnrollmentStatus.active.value,
            )
            .order_by(col(User.name))
        ).all()
    )


def roster(session: Session, program_session: ProgramSession) -> list[RosterRow]:
    """Enrolled participants (attended or not), then anyone else who attended."""
    attendance = load_attendance(session, [program_session.id or 0])[program_session.id or 0]
    enrolled = enrolled_users(session, program_session.program_id)
    enrolled_ids = {user.id for user in enrolled}
    others = sorted(attendance.people - {u.id for u in enrolled if u.id is not None})
    guests = (
        list(session.exec(select(User).where(col(User.id).in_(others))).all()) if others else []
    )
    rows = []
    for user in [*enrolled, *sorted(guests, key=lambda u: u.name)]:
        user_id = user.id or 0
        check_in_row = attendance.check_ins.get(user_id)
        rows.append(
            RosterRow(
                user,
                user.id in enrolled_ids,
                attendance.minutes(program_session, user_id),
                check_in_row.checked_in_at if check_in_row else None,
            )
        )
    return rows


@dataclass(frozen=True)
class SessionSummary:
    program_session: ProgramSession
    attended: int
    enrolled: int

    @property
    def share(self) -> float:
        return self.attended / self.enrolled if self.enrolled else 0.0


@dataclass(frozen=True)
class ProgramSummary:
    sessions: list[SessionSummary]
    unique_participants: int
    enrolled: int


def program_summary(
    session: Session, program: Program, now: datetime | None = None
) -> ProgramSummary:
    """Attendance per held session, unique participants, and the share of the enrolled."""
    held = session.exec(
        select(ProgramSession)
        .where(
            ProgramSession.program_id == program.id,
            col(ProgramSession.starts_at) <= (now or utcnow()),
            ProgramSession.status != SessionStatus.cancelled.value,
        )
        .order_by(col(ProgramSession.starts_at))
    ).all()
    enrolled_ids = {u.id for u in enrolled_users(session, program.id or 0)}
    attendance = load_attendance(session, [s.id or 0 for s in held])
    everyone: set[int] = set()
    rows = []
    for program_session in held:
        recorded = attendance[program_session.id or 0]
        present = {
            user_id
            for user_id in recorded.people
            if recorded.minutes(program_session, user_id).attended
        }
        everyone |= present
        rows.append(SessionSummary(program_session, len(present & enrolled_ids), len(enrolled_ids)))
    return ProgramSummary(rows, len(everyone), len(enrolled_ids))


@dataclass(frozen=True)
class HistoryRow:
    program_session: ProgramSession
    program: Program
    minutes: Minutes


def history_of(session: Session, user_id: int, now: datetime | None = None) -> list[HistoryRow]:
    """A person's attendance in every held session of the programs they are enrolled in,
    and any other session they attended."""
    programs = session.exec(
        select(Program)
        .join(Enrollment, col(Enrollment.program_id) == Program.id)
        .where(Enrollment.user_id == user_id)
    ).all()
    attended_ids = set(
        session.exec(
            select(AttendanceInterval.session_id).where(AttendanceInterval.user_id == user_id)
        ).all()
    ) | set(session.exec(select(CheckIn.session_id).where(CheckIn.user_id == user_id)).all())
    program_ids = [p.id for p in programs]
    held = session.exec(
        select(ProgramSession, Program)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .where(
            sa.or_(
                col(ProgramSession.program_id).in_(program_ids),
                col(ProgramSession.id).in_(attended_ids),
            ),
            col(ProgramSession.starts_at) <= (now or utcnow()),
            ProgramSession.status != SessionStatus.cancelled.value,
        )
        .order_by(col(ProgramSession.starts_at).desc())
    ).all()
    attendance = load_attendance(session, [s.id or 0 for s, _ in held])
    return [HistoryRow(s, p, attendance[s.id or 0].minutes(s, user_id)) for s, p in held]


# --- adjustments --------------------------------------------------------------------------------


def adjust(
    session: Session,
    program_session: ProgramSession,
    user_id: int,
    *,
    minutes: int,
    reason: str,
    actor_id: int,
) -> Adjustment:
    """A coordinator sets a person's minutes, saying why; the previous value is kept.

    Only for people on the session's roster (enrolled in its program, or recorded as
    attending), and never the adjuster's own minutes."""
    errors: dict[str, str] = {}
    reason = reason.strip()
    if not has_begun(program_session):
        raise FormErrors({"minutes": NOT_BEGUN})
    length = int((program_session.ends_at - program_session.starts_at).total_seconds() // 60)
    if minutes > length:
        errors["minutes"] = f"The session is {length} minutes long; enter at most {length}."
    if not reason:
        errors["reason"] = "Say why the minutes change (it is kept with the record)."
    if user_id == actor_id:
        errors["user_id"] = "Ask another coordinator or faculty member to change your minutes."
    elif user_id not in {row.user.id for row in roster(session, program_session)}:
        errors["user_id"] = "Choose a person from the roster."
    if errors:
        raise FormErrors(errors)
    before = minutes_of(session, program_session, user_id)
    adjustment = Adjustment(
        session_id=program_session.id or 0,
        user_id=user_id,
        seconds=minutes * 60,
        previous_seconds=before.seconds,
        previous_source=before.source,
        reason=reason,
        by_id=actor_id,
    )
    session.add(adjustment)
    session.flush()
    return adjustment


def adjustments_of(session: Session, session_id: int) -> list[tuple[Adjustment, User, User | None]]:
    by = sa.orm.aliased(User)
    rows = session.exec(
        select(Adjustment, User, by)
        .join(User, col(User.id) == Adjustment.user_id)
        .outerjoin(by, by.id == Adjustment.by_id)  # type: ignore[arg-type]
        .where(Adjustment.session_id == session_id)
        .order_by(col(Adjustment.at).desc(), col(Adjustment.id).desc())
    ).all()
    return [(a, u, b) for a, u, b in rows]


# --- report import -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedRow:
    attendee: Attendee
    user: User | None
    matched_by: str  # "email", "alias", "name", or "" when unmatched
    seconds: int  # from this report, clipped to the session
    before: Minutes


@dataclass(frozen=True)
class ImportPlan:
    report: ParsedReport
    rows: list[PlannedRow]
    warnings: list[str]
    sha256: str
    filename: str

    @property
    def matched(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.user is not None]

    @property
    def unmatched(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.user is None]


def plan_import(
    session: Session,
    program_session: ProgramSession,
    hub_id: int,
    *,
    data: bytes,
    filename: str,
    zone: str,
) -> ImportPlan:
    """Parse an export and say what importing it would change; nothing is written.

    Raises echo.attendance.reports.ReportError for unreadable files, and for a session
    that has not begun (no meeting has a report yet).
    """
    if not has_begun(program_session):
        raise ReportError(NOT_BEGUN)
    report = parse_report(
        data, time_zone=zone, session_date=local_date(program_session.starts_at, zone)
    )
    window = (program_session.starts_at, program_session.ends_at)
    matcher = Matcher.load(session, program_session.program_id, hub_id)
    current = load_attendance(session, [program_session.id or 0])[program_session.id or 0]
    rows = []
    for attendee in report.attendees:
        user, how = matcher.match(attendee)
        before = current.minutes(program_session, user.id or 0) if user else NOT_ATTENDED
        rows.append(PlannedRow(attendee, user, how, attendee.seconds_within(*window), before))
    warnings = list(report.warnings)
    everything = [i for a in report.attendees for i in a.intervals]
    if everything:
        first, last = min(i[0] for i in everything), max(i[1] for i in everything)
        if last < window[0] - NEARBY or first > window[1] + NEARBY:
            warnings.append(
                "The report's times fall outside this session (they run from "
                f"{in_zone(first, zone):%Y-%m-%d %H:%M} to "
                f"{in_zone(last, zone):%Y-%m-%d %H:%M} {zone}). "
                "Check that it is the export of this session before importing."
            )
        elif first < window[0] or last > window[1]:
            warnings.append(
                "Some time in the report is before the start or after the end of the "
                "session; only time within the session counts."
            )
    return ImportPlan(
        report, rows, warnings, hashlib.sha256(data).hexdigest(), filename[:255] or "report"
    )


class Matcher:
    """Email (case-insensitive, profile extra emails too), then a remembered match for the
    hub, then the exact name among the program's enrolled participants."""

    def __init__(
        self,
        by_email: dict[str, User],
        by_alias: dict[str, User],
        by_name: dict[str, list[User]],
    ) -> None:
        self.by_email = by_email
        self.by_alias = by_alias
        self.by_name = by_name

    @classmethod
    def load(cls, session: Session, program_id: int, hub_id: int) -> Matcher:
        return cls(_users_by_email(session), _aliases(session, hub_id), _names(session, program_id))

    def match(self, attendee: Attendee) -> tuple[User | None, str]:
        if attendee.email and attendee.email in self.by_email:
            return self.by_email[attendee.email], "email"
        if attendee.key in self.by_alias:
            return self.by_alias[attendee.key], "alias"
        named = self.by_name.get(name_key(attendee.name), [])
        if len(named) == 1:
            return named[0], "name"
        return None, ""


def name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _users_by_email(session: Session) -> dict[str, User]:
    found = {user.email.lower(): user for user in session.exec(select(User))}
    for extra, user in session.exec(
        select(UserEmail, User).join(User, col(User.id) == UserEmail.user_id)
    ):
        found.setdefault(extra.email.lower(), user)
    return found


def _aliases(session: Session, hub_id: int) -> dict[str, User]:
    rows = session.exec(
        select(AttendeeAlias, User)
        .join(User, col(User.id) == AttendeeAlias.user_id)
        .where(AttendeeAlias.hub_id == hub_id)
    ).all()
    return {alias.report_key: user for alias, user in rows}


def _names(session: Session, program_id: int) -> dict[str, list[User]]:
    found: dict[str, list[User]] = defaultdict(list)
    for user in enrolled_users(session, program_id):
        found[name_key(user.name)].append(user)
    return found


def commit_import(
    session: Session, program_session: ProgramSession, plan: ImportPlan, *, actor_id: int | None
) -> ReportImport:
    """Write the plan in the caller's transaction: intervals of matched people (an interval
    already stored is not stored twice), unmatched people for a coordinator to match."""
    record = ReportImport(
        session_id=program_session.id or 0,
        format=plan.report.format,
        filename=plan.filename,
        sha256=plan.sha256,
        people=len(plan.rows),
        matched=len(plan.matched),
        by_id=actor_id,
    )
    session.add(record)
    session.flush()
    for row in plan.matched:
        add_intervals(
            session,
            program_session.id or 0,
            (row.user.id or 0) if row.user else 0,
            IntervalSource.report,
            row.attendee.intervals,
            import_id=record.id,
        )
    for row in plan.unmatched:
        _keep_unmatched(session, program_session.id or 0, row.attendee, record.id)
    session_id = program_session.id or 0
    events.emit(
        session,
        program_session.program_id,
        "attendance.finalised",
        {
            "session_id": session_id,
            "import_id": record.id,
            "source": record.format,
            "people": record.people,
            "matched": record.matched,
            "unmatched": record.people - record.matched,
            "session_url": f"/sessions/{session_id}",
            "attendance_url": f"/sessions/{session_id}/attendance",
            "api_url": f"/api/v1/sessions/{session_id}/attendance",
        },
    )
    return record


def add_intervals(
    session: Session,
    session_id: int,
    user_id: int,
    source: str,
    intervals: Iterable[Interval],
    *,
    import_id: int | None = None,
) -> int:
    """Store intervals not already stored for this person, session and source."""
    existing = {
        (_utc(i.start_at), _utc(i.end_at))
        for i in session.exec(
            select(AttendanceInterval).where(
                AttendanceInterval.session_id == session_id,
                AttendanceInterval.user_id == user_id,
                AttendanceInterval.source == source,
            )
        )
    }
    added = 0
    for start, end in intervals:
        key = (_utc(start), _utc(end))
        if key in existing or end <= start:
            continue
        existing.add(key)
        session.add(
            AttendanceInterval(
                session_id=session_id,
                user_id=user_id,
                source=source,
                start_at=start,
                end_at=end,
                import_id=import_id,
            )
        )
        added += 1
    session.flush()
    return added


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo("UTC")).replace(microsecond=0)


def _encode(intervals: Iterable[Interval]) -> str:
    return "\n".join(f"{s.isoformat()}/{e.isoformat()}" for s, e in intervals)


def decode_intervals(text: str) -> list[Interval]:
    pairs = []
    for line in text.splitlines():
        start, _, end = line.partition("/")
        if start and end:
            pairs.append((datetime.fromisoformat(start), datetime.fromisoformat(end)))
    return pairs


def _keep_unmatched(
    session: Session, session_id: int, attendee: Attendee, import_id: int | None
) -> None:
    row = session.exec(
        select(UnmatchedAttendee).where(
            UnmatchedAttendee.session_id == session_id,
            UnmatchedAttendee.report_key == attendee.key,
        )
    ).first()
    if row is None:
        row = UnmatchedAttendee(
            session_id=session_id,
            report_key=attendee.key[:320],
            name=attendee.name[:200],
            email=(attendee.email or "")[:320],
        )
    row.intervals = _encode(union([*decode_intervals(row.intervals), *attendee.intervals]))
    row.import_id = import_id
    session.add(row)


def unmatched_of(session: Session, session_id: int) -> Sequence[UnmatchedAttendee]:
    return session.exec(
        select(UnmatchedAttendee)
        .where(
            UnmatchedAttendee.session_id == session_id,
            col(UnmatchedAttendee.resolved_user_id).is_(None),
        )
        .order_by(col(UnmatchedAttendee.name))
    ).all()


def match_by_hand(
    session: Session,
    unmatched: UnmatchedAttendee,
    user: User,
    *,
    hub_id: int,
    actor_id: int,
) -> None:
    """A coordinator says who an unmatched attendee is: their time counts, and the match is
    remembered for the hub's later imports."""
    add_intervals(
        session,
        unmatched.session_id,
        user.id or 0,
        IntervalSource.report,
        decode_intervals(unmatched.intervals),
        import_id=unmatched.import_id,
    )
    unmatched.resolved_user_id = user.id
    unmatched.resolved_by_id = actor_id
    unmatched.resolved_at = utcnow()
    session.add(unmatched)
    alias = session.exec(
        select(AttendeeAlias).where(
            AttendeeAlias.hub_id == hub_id, AttendeeAlias.report_key == unmatched.report_key
        )
    ).first()
    if alias is None:
        session.add(
            AttendeeAlias(
                hub_id=hub_id,
                report_key=unmatched.report_key,
                user_id=user.id or 0,
                created_by_id=actor_id,
            )
        )
    else:
        alias.user_id = user.id or 0
        session.add(alias)


def imports_of(session: Session, session_id: int) -> Sequence[ReportImport]:
    return session.exec(
        select(ReportImport)
        .where(ReportImport.session_id == session_id)
        .order_by(col(ReportImport.at).desc())
    ).all()


def count_checked_in(session: Session, session_id: int) -> int:
    return session.exec(
        select(func.count()).select_from(CheckIn).where(CheckIn.session_id == session_id)
    ).one()


# --- Zoom webhooks ------------------------------------------------------------------------------

# A participant event belongs to the session of the matching meeting around its time.
WEBHOOK_SLACK = timedelta(hours=1)


def hub_for_signature(
    session: Session, timestamp: str, signature: str, body: bytes, now: datetime
) -> Hub | None:
    """The hub whose secret token signed this request, if any (checked before anything
    in the body is trusted)."""
    hubs = session.exec(select(Hub).where(Hub.zoom_webhook_secret != "")).all()
    for hub in hubs:
        if zoom.verify(hub.zoom_webhook_secret, timestamp, signature, body, now):
            return hub
    return None


def session_for_meeting(
    session: Session, hub: Hub, meeting_id: str, moment: datetime
) -> ProgramSession | None:
    schedules = session.exec(
        select(ProgramSchedule)
        .join(Program, col(Program.id) == ProgramSchedule.program_id)
        .where(Program.hub_id == hub.id)
    ).all()
    program_ids = [
        s.program_id for s in schedules if zoom.meeting_id_from_url(s.meeting_url) == meeting_id
    ]
    if not program_ids:
        return None
    return session.exec(
        select(ProgramSession)
        .where(
            col(ProgramSession.program_id).in_(program_ids),
            col(ProgramSession.starts_at) <= moment + WEBHOOK_SLACK,
            col(ProgramSession.ends_at) >= moment - WEBHOOK_SLACK,
            ProgramSession.status != SessionStatus.cancelled.value,
        )
        .order_by(col(ProgramSession.starts_at))
    ).first()


def record_zoom_event(session: Session, hub: Hub, event: zoom.ParticipantEvent) -> str:
    """Open a presence on join, close it on leave and store the interval. Replays of the
    same event (Zoom retries) change nothing: presences are unique per join time and
    intervals are stored once."""
    target = session_for_meeting(session, hub, event.meeting_id, event.at)
    if target is None:
        return "no matching session"
    session_id = target.id or 0
    if event.kind == "joined":
        exists = session.exec(
            select(ZoomPresence.id).where(
                ZoomPresence.session_id == session_id,
                ZoomPresence.participant_key == event.participant_key,
                ZoomPresence.joined_at == event.at,
            )
        ).first()
        if exists is None:
            matcher = Matcher.load(session, target.program_id, hub.id or 0)
            user, _ = matcher.match(_attendee_of(event, ()))
            session.add(
                ZoomPresence(
                    session_id=session_id,
                    participant_key=event.participant_key,
                    name=event.name,
                    email=event.email,
                    joined_at=event.at,
                    user_id=user.id if user else None,
                )
            )
        return "joined"
    presence = session.exec(
        select(ZoomPresence)
        .where(
            ZoomPresence.session_id == session_id,
            ZoomPresence.participant_key == event.participant_key,
            col(ZoomPresence.joined_at) <= event.at,
        )
        .order_by(col(ZoomPresence.joined_at).desc())
    ).first()
    if presence is None:
        return "leave without join"
    if presence.left_at is None:
        presence.left_at = event.at
        session.add(presence)
    interval = [(presence.joined_at, presence.left_at)]
    if presence.user_id is not None:
        add_intervals(session, session_id, presence.user_id, IntervalSource.webhook, interval)
    else:
        _keep_unmatched(session, session_id, _attendee_of(event, tuple(interval)), None)
    return "left"


def _attendee_of(event: zoom.ParticipantEvent, intervals: tuple[Interval, ...]) -> Attendee:
    return Attendee(
        key=event.email or event.name,
        name=event.name,
        email=event.email or None,
        intervals=intervals,
    )


# --- settings: extra emails, the hub's Zoom secret ------------------------------------------------


def user_emails(session: Session, user_id: int) -> Sequence[UserEmail]:
    return session.exec(
        select(UserEmail).where(UserEmail.user_id == user_id).order_by(col(UserEmail.email))
    ).all()


def add_user_email(session: Session, user: User, address: str) -> UserEmail:
    """Another address of this person's (their Zoom or Teams account), for report matching."""
    email = address.strip().lower()
    if not EMAIL_PATTERN.fullmatch(email) or len(email) > 254:
        raise FormErrors({"email": "Enter an email address like name@example.org."})
    taken = session.exec(select(User.id).where(func.lower(User.email) == email)).first()
    taken = taken or session.exec(select(UserEmail.id).where(UserEmail.email == email)).first()
    if taken is not None:
        raise FormErrors({"email": "This address is already on an Echo account."})
    extra = UserEmail(user_id=user.id or 0, email=email)
    session.add(extra)
    session.flush()
    return extra


def remove_user_email(session: Session, user_id: int, email_id: int) -> bool:
    extra = session.get(UserEmail, email_id)
    if extra is None or extra.user_id != user_id:
        return False
    session.delete(extra)
    return True


def sessions_in_use(session: Session, session_ids: list[int]) -> set[int]:
    """Sessions a schedule change must keep: cases scheduled in them, or anyone checked in
    (``echo.programs.sessions.plan_schedule`` takes this as ``in_use``)."""
    if not session_ids:
        return set()
    with_cases = session.exec(
        select(Case.session_id).where(col(Case.session_id).in_(session_ids))
    ).all()
    checked_in = session.exec(
        select(CheckIn.session_id).where(col(CheckIn.session_id).in_(session_ids))
    ).all()
    return {sid for sid in [*with_cases, *checked_in] if sid is not None}


# --- what the role homes list (echo.pages.home) ------------------------------------------------


@dataclass(frozen=True)
class ToReconcile:
    """A held session of a hub's program whose attendance needs staff: no report imported
    yet, or people in an imported report waiting to be matched."""

    program_session: ProgramSession
    program: Program
    imported: bool
    unmatched: int


def sessions_to_reconcile(
    session: Session, hub_ids: Sequence[int], *, since: datetime, now: datetime | None = None
) -> list[ToReconcile]:
    """Sessions of ``hub_ids`` held between ``since`` and ``now`` (not cancelled) with no
    imported report or with unmatched attendees, newest first (three queries)."""
    if not hub_ids:
        return []
    held = session.exec(
        select(ProgramSession, Program)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .where(
            col(Program.hub_id).in_(hub_ids),
            col(ProgramSession.ends_at) <= (now or utcnow()),
            col(ProgramSession.ends_at) >= since,
            ProgramSession.status != SessionStatus.cancelled.value,
        )
        .order_by(col(ProgramSession.starts_at).desc())
    ).all()
    ids = [s.id or 0 for s, _ in held]
    if not ids:
        return []
    imported = set(
        session.exec(
            select(ReportImport.session_id).where(col(ReportImport.session_id).in_(ids))
        ).all()
    )
    unmatched = dict(
        session.exec(
            select(UnmatchedAttendee.session_id, func.count())
            .where(
                col(UnmatchedAttendee.session_id).in_(ids),
                col(UnmatchedAttendee.resolved_user_id).is_(None),
            )
            .group_by(col(UnmatchedAttendee.session_id))
        ).all()
    )
    rows = [
        ToReconcile(s, p, (s.id or 0) in imported, unmatched.get(s.id or 0, 0)) for s, p in held
    ]
    return [row for row in rows if not row.imported or row.unmatched]
