"""Program schedules and their sessions: planning a schedule change, applying it, and
per-session changes (cancel, move, didactic, notes).

A schedule change never touches sessions that have started, nor future ones that
carry content or hand edits (``ProgramSession.is_customized``); those are listed
as conflicts in the plan that is shown before anything changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.programs import events, recurrence
from echo.programs.curriculum import Curriculum, Topic
from echo.programs.forms import MoveForm, ScheduleForm, SessionDetailsForm
from echo.programs.models import (
    CurriculumChange,
    Enrollment,
    EnrollmentStatus,
    Program,
    ProgramSchedule,
    ProgramSession,
    SessionMaterial,
    SessionStatus,
)
from echo.timeutil import is_known_time_zone, utcnow
from echo.web.params import FormErrors

MEETING_LINK_OPENS = timedelta(minutes=30)


# --- schedule form <-> spec ----------------------------------------------------------


def spec_from_form(form: ScheduleForm) -> recurrence.ScheduleSpec:
    """The schedule a coordinator typed, or FormErrors naming each field to fix (the
    form's own checks first, then the series rules of recurrence.validate)."""
    spec = form.spec()
    errors = recurrence.validate(spec)
    if errors:
        raise FormErrors(errors)
    try:
        recurrence.occurrences(spec)  # a rule can still fail, or give no session, when run
    except recurrence.ScheduleError as problem:
        raise FormErrors(problem.errors) from None
    return spec


@dataclass(frozen=True)
class ScheduleColumns:
    """The columns of a schedule that make its spec, read without an ORM row (a dataclass,
    not the Core row itself: a row's ``count`` is tuple.count)."""

    first_date: date
    start_time: time
    duration_minutes: int
    time_zone: str
    kind: str
    interval: int
    weekdays: str
    month_week: int
    month_weekday: int
    rule: str
    count: int | None
    until: date | None


def spec_of(schedule: ProgramSchedule | ScheduleColumns) -> recurrence.ScheduleSpec:
    return recurrence.ScheduleSpec(
        first_date=schedule.first_date,
        start_time=schedule.start_time,
        duration_minutes=schedule.duration_minutes,
        time_zone=schedule.time_zone,
        recurrence=recurrence.Recurrence(
            kind=schedule.kind,  # type: ignore[arg-type]  # stored from a checked spec
            interval=schedule.interval,
            weekdays=tuple(int(d) for d in schedule.weekdays.split(",") if d),
            month_week=schedule.month_week,
            month_weekday=schedule.month_weekday,
            rule=schedule.rule,
        ),
        count=schedule.count,
        until=schedule.until,
    )


def form_values(schedule: ProgramSchedule | None, default_zone: str) -> dict[str, str]:
    if schedule is None:
        return {
            "time_zone": default_zone,
            "kind": "weekly",
            "interval": "1",
            "duration_minutes": "60",
            "start_time": "12:00",
            "end": "count",
            "count": "12",
            "month_week": "1",
            "month_weekday": "1",
        }
    return {
        "first_date": schedule.first_date.isoformat(),
        "start_time": schedule.start_time.strftime("%H:%M"),
        "duration_minutes": str(schedule.duration_minutes),
        "time_zone": schedule.time_zone,
        "kind": schedule.kind,
        "interval": str(schedule.interval),
        "month_week": str(schedule.month_week),
        "month_weekday": str(schedule.month_weekday),
        "rule": schedule.rule,
        "end": "until" if schedule.until else "count",
        "count": str(schedule.count or ""),
        "until": schedule.until.isoformat() if schedule.until else "",
        "meeting_url": schedule.meeting_url,
        "meeting_passcode": schedule.meeting_passcode,
    }


# --- planning and applying a schedule ---------------------------------------------------


# Which of these sessions hold cases or check-ins (so a schedule change keeps them).
SessionsInUse = Callable[[Session, list[int]], set[int]]


@dataclass
class SchedulePlan:
    """What applying a schedule would do, shown to the coordinator before it happens."""

    create: list[recurrence.Occurrence] = field(default_factory=list)
    move: list[tuple[ProgramSession, recurrence.Occurrence]] = field(default_factory=list)
    remove: list[ProgramSession] = field(default_factory=list)
    conflicts: list[ProgramSession] = field(default_factory=list)  # kept as they are
    unchanged: int = 0
    # Kept sessions on a local day the new schedule also meets, with that day's new meeting:
    # moved onto it (`same_day_moves`) or left beside it, two sessions that day.
    same_day: list[tuple[ProgramSession, recurrence.Occurrence]] = field(default_factory=list)
    same_day_moves: bool = True

    @property
    def changes_anything(self) -> bool:
        return bool(self.create or self.move or self.remove)


def program_sessions(session: Session, program_id: int) -> Sequence[ProgramSession]:
    return session.exec(
        select(ProgramSession)
        .where(ProgramSession.program_id == program_id)
        .order_by(col(ProgramSession.starts_at))
    ).all()


def plan_schedule(
    session: Session,
    program: Program,
    spec: recurrence.ScheduleSpec,
    *,
    in_use: SessionsInUse,
    now: datetime | None = None,
    move_kept: bool = True,
) -> SchedulePlan:
    """What applying ``spec`` would do. ``in_use`` names the sessions a change must keep
    (cases scheduled in them, anyone checked in): the domains above programs know that and
    pass it in (``echo.attendance.services.sessions_in_use``). A kept session on a day the
    new schedule also meets (the start moved from 12:00 to 12:30) would make two sessions
    that day: with ``move_kept`` it moves to the new time, content and all, instead."""
    moment = now or utcnow()
    wanted = recurrence.occurrences(spec)
    existing = list(program_sessions(session, program.id or 0))
    first_time = not existing
    by_key = {s.occurrence_key: s for s in existing if s.occurrence_key}
    wanted_keys = {o.key for o in wanted}
    plan = SchedulePlan()
    for occurrence in wanted:
        current = by_key.get(occurrence.key)
        if current is None:
            # Past slots are filled only when the series is first set up: later
            # changes never invent meetings that did not happen.
            if first_time or occurrence.starts_at > moment:
                plan.create.append(occurrence)
        elif current.starts_at <= moment or current.moved:
            plan.unchanged += 1
        elif (current.starts_at, current.ends_at) != (occurrence.starts_at, occurrence.ends_at):
            plan.move.append((current, occurrence))
        else:
            plan.unchanged += 1
    with_content = in_use(session, [s.id or 0 for s in existing])
    for current in existing:
        if current.starts_at <= moment or current.occurrence_key in wanted_keys:
            continue
        if current.occurrence_key is None or current.is_customized or current.id in with_content:
            plan.conflicts.append(current)
        else:
            plan.remove.append(current)
    _pair_same_day(plan, spec.time_zone, move_kept)
    return plan


def _pair_same_day(plan: SchedulePlan, time_zone: str, move_kept: bool) -> None:
    """Find kept sessions on a local day that also gets a new meeting; move them onto it
    when asked (the new meeting is then not created). A session cancelled, or moved by hand
    to another day, still holds its slot: that day gets no new meeting (a cancelled week
    stays cancelled), and the session stays as it is."""
    zone = ZoneInfo(time_zone)
    new_by_day = {o.key[:10]: o for o in plan.create}
    for kept in list(plan.conflicts):
        cancelled = kept.status == SessionStatus.cancelled.value
        if (cancelled or kept.moved) and kept.occurrence_key:
            slot = new_by_day.pop(kept.occurrence_key[:10], None)
            if slot is not None:
                plan.create.remove(slot)
            continue
        if cancelled:
            continue
        day = kept.starts_at.replace(tzinfo=kept.starts_at.tzinfo or UTC).astimezone(zone)
        occurrence = new_by_day.pop(day.date().isoformat(), None)
        if occurrence is not None:
            plan.same_day.append((kept, occurrence))
    plan.same_day_moves = move_kept
    if move_kept:
        for kept, occurrence in plan.same_day:
            plan.conflicts.remove(kept)
            plan.create.remove(occurrence)
            plan.move.append((kept, occurrence))


def apply_schedule(
    session: Session,
    program: Program,
    spec: recurrence.ScheduleSpec,
    *,
    meeting_url: str,
    meeting_passcode: str,
    in_use: SessionsInUse,
    now: datetime | None = None,
    move_kept: bool = True,
) -> SchedulePlan:
    """Store the schedule and bring the sessions in line with it (see plan_schedule)."""
    plan = plan_schedule(session, program, spec, in_use=in_use, now=now, move_kept=move_kept)
    schedule = session.exec(
        select(ProgramSchedule).where(ProgramSchedule.program_id == program.id)
    ).first() or ProgramSchedule(
        program_id=program.id or 0,
        first_date=spec.first_date,
        start_time=spec.start_time,
        time_zone=spec.time_zone,
    )
    schedule.first_date = spec.first_date
    schedule.start_time = spec.start_time
    schedule.duration_minutes = spec.duration_minutes
    schedule.time_zone = spec.time_zone
    schedule.kind = spec.recurrence.kind
    schedule.interval = spec.recurrence.interval
    schedule.weekdays = ",".join(str(d) for d in spec.recurrence.weekdays)
    schedule.month_week = spec.recurrence.month_week
    schedule.month_weekday = spec.recurrence.month_weekday
    schedule.rule = spec.recurrence.rule
    schedule.count = spec.count
    schedule.until = spec.until
    schedule.meeting_url = meeting_url
    schedule.meeting_passcode = meeting_passcode
    schedule.updated_at = utcnow()
    session.add(schedule)
    added = [
        ProgramSession(
            program_id=program.id or 0,
            occurrence_key=occurrence.key,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at,
        )
        for occurrence in plan.create
    ]
    session.add_all(added)
    for current, occurrence in plan.move:
        current.starts_at, current.ends_at = occurrence.starts_at, occurrence.ends_at
        current.occurrence_key = occurrence.key  # a kept session moved onto a new slot
        _touch(current)
        session.add(current)
    removed = [events.session_data(current, "removed") for current in plan.remove]
    for current in plan.remove:
        session.delete(current)
    session.flush()
    changes = [
        *removed,
        *(events.session_data(item, "added") for item in added),
        *(events.session_data(current, "moved") for current, _occurrence in plan.move),
    ]
    events.emit_many(session, program.id or 0, "session.changed", changes)
    return plan


def schedule_of(session: Session, program_id: int) -> ProgramSchedule | None:
    return session.exec(
        select(ProgramSchedule).where(ProgramSchedule.program_id == program_id)
    ).first()


@dataclass(frozen=True)
class ComingSession:
    """What a program's page says of its next session (echo.programs.services.program_page)."""

    id: int
    starts_at: datetime
    didactic_title: str


# --- one session -------------------------------------------------------------------------


def _touch(program_session: ProgramSession) -> None:
    """A significant change: calendar clients see a higher SEQUENCE (RFC 5545 3.8.7.4)."""
    program_session.sequence += 1
    program_session.updated_at = utcnow()


def cancel(session: Session, program_session: ProgramSession, reason: str) -> None:
    """Cancel with a reason participants see (one line, checked by CancelForm on the page)."""
    program_session.status = SessionStatus.cancelled.value
    program_session.cancel_reason = reason
    _touch(program_session)
    session.add(program_session)
    events.session_changed(session, program_session, "cancelled")


def restore(session: Session, program_session: ProgramSession) -> None:
    program_session.status = SessionStatus.scheduled.value
    program_session.cancel_reason = ""
    _touch(program_session)
    session.add(program_session)
    events.session_changed(session, program_session, "restored")


def reschedule(
    session: Session, program_session: ProgramSession, time_zone: str, form: MoveForm
) -> None:
    """Move one session to a new local date and time (in the schedule's zone)."""
    if not is_known_time_zone(time_zone):
        raise FormErrors({"date": "The program's time zone is unknown; fix the schedule first."})
    starts_at = recurrence.to_utc(datetime.combine(form.date, form.time), time_zone)
    program_session.starts_at = starts_at
    program_session.ends_at = starts_at + timedelta(minutes=form.duration_minutes)
    program_session.moved = True
    _touch(program_session)
    session.add(program_session)
    events.session_changed(session, program_session, "moved")


def update_details(
    session: Session,
    program_session: ProgramSession,
    form: SessionDetailsForm,
    presenter_ids: set[int],
    known_resources: set[str] | None = None,
) -> None:
    """Title, didactic (title, presenter, objectives, resources, slides link), notes, recording."""
    errors: dict[str, str] = {}
    if form.didactic_presenter_id is not None and form.didactic_presenter_id not in presenter_ids:
        errors["didactic_presenter_id"] = "Choose a presenter from the hub's members."
    resources = form.resources()
    if known_resources is not None:
        unknown = [r for r in resources if r not in known_resources]
        if unknown:
            errors["resource_ids"] = f"Unknown toolkit ids: {', '.join(unknown)}."
    if errors:
        raise FormErrors(errors)
    significant = form.title != program_session.title or (
        form.didactic_title != program_session.didactic_title
    )
    program_session.title = form.title
    program_session.didactic_title = form.didactic_title
    program_session.didactic_objectives = form.didactic_objectives
    program_session.resource_ids = ",".join(resources)
    program_session.slides_url = form.slides_url
    program_session.recording_url = form.recording_url
    program_session.notes = form.notes
    program_session.didactic_presenter_id = form.didactic_presenter_id
    if significant:
        _touch(program_session)
    else:
        program_session.updated_at = utcnow()
    session.add(program_session)
    events.session_changed(session, program_session, "updated")


def meeting_link_open(program_session: ProgramSession, now: datetime | None = None) -> bool:
    """The meeting link shows from 30 minutes before the start until the end."""
    moment = now or utcnow()
    return (
        program_session.status == SessionStatus.scheduled
        and program_session.starts_at - MEETING_LINK_OPENS <= moment <= program_session.ends_at
    )


def upcoming(
    session: Session, program_id: int, *, now: datetime | None = None
) -> Sequence[ProgramSession]:
    return session.exec(
        select(ProgramSession)
        .where(
            ProgramSession.program_id == program_id,
            col(ProgramSession.ends_at) > (now or utcnow()),
            ProgramSession.status == SessionStatus.scheduled.value,
        )
        .order_by(col(ProgramSession.starts_at))
    ).all()


def session_with_program(
    session: Session, session_id: int
) -> tuple[ProgramSession, Program] | None:
    row = session.exec(
        select(ProgramSession, Program)
        .join(Program, sa.and_(col(Program.id) == ProgramSession.program_id))
        .where(ProgramSession.id == session_id)
    ).first()
    return (row[0], row[1]) if row else None


def materials_of(session: Session, session_id: int) -> Sequence[SessionMaterial]:
    return session.exec(
        select(SessionMaterial)
        .where(SessionMaterial.session_id == session_id)
        .order_by(col(SessionMaterial.created_at))
    ).all()


# --- curricula -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicAssignment:
    session: ProgramSession
    topic: Topic
    number: int = 0  # the topic's place in the curriculum, from 1

    @property
    def replaces(self) -> str:
        """The didactic the session has now, if another ("" when none or the same)."""
        current = self.session.didactic_title
        return current if current and current != self.topic.title else ""


# How long a curriculum applied by mistake can be taken back.
UNDO_WINDOW = timedelta(hours=24)
_SNAPSHOT_FIELDS = ("topic_id", "didactic_title", "didactic_objectives", "resource_ids")


def plan_curriculum(
    session: Session,
    program: Program,
    curriculum: Curriculum,
    *,
    start_topic: int = 1,
    now: datetime | None = None,
) -> list[TopicAssignment]:
    """Which upcoming, non-cancelled session would get which topic, from topic
    ``start_topic`` (1 = the first) on; nothing is changed."""
    moment = now or utcnow()
    targets = [s for s in upcoming(session, program.id or 0, now=moment) if s.starts_at > moment]
    first = max(1, start_topic)
    topics = list(enumerate(curriculum.topics, start=1))[first - 1 :]
    return [
        TopicAssignment(target, topic, number)
        for target, (number, topic) in zip(targets, topics, strict=False)
    ]


def apply_curriculum(
    session: Session,
    program: Program,
    curriculum: Curriculum,
    *,
    now: datetime | None = None,
    start_topic: int = 1,
    name: str = "",
    actor_id: int | None = None,
) -> list[TopicAssignment]:
    """Give the program's upcoming, non-cancelled sessions the curriculum's topics in order
    (from ``start_topic``), recording what they held before (undo_curriculum).

    Each session gets the topic's title, objectives and resources as its didactic;
    presenters stay as they are. Topics beyond the last session are left over.
    """
    assignments = plan_curriculum(session, program, curriculum, start_topic=start_topic, now=now)
    previous = [
        {"session_id": a.session.id, **{f: getattr(a.session, f) for f in _SNAPSHOT_FIELDS}}
        for a in assignments
    ]
    session.add(
        CurriculumChange(
            program_id=program.id or 0,
            curriculum=(name or curriculum.title)[:200],
            applied_at=utcnow(),
            applied_by_id=actor_id,
            previous=json.dumps(previous),
        )
    )
    for assignment in assignments:
        target, topic = assignment.session, assignment.topic
        target.topic_id = topic.id
        target.didactic_title = topic.title
        target.didactic_objectives = "\n".join(topic.objectives)
        target.resource_ids = ",".join(resource.id for resource in topic.resources)
        _touch(target)
        session.add(target)
    session.flush()
    return assignments


def undoable_change(
    session: Session, program_id: int, now: datetime | None = None
) -> CurriculumChange | None:
    """The program's last curriculum change, while it may still be undone."""
    change = session.exec(
        select(CurriculumChange)
        .where(CurriculumChange.program_id == program_id)
        .order_by(col(CurriculumChange.applied_at).desc(), col(CurriculumChange.id).desc())
        .limit(1)
    ).first()
    if change is None or change.undone_at is not None:
        return None
    applied = change.applied_at.replace(tzinfo=change.applied_at.tzinfo or UTC)
    return change if (now or utcnow()) - applied <= UNDO_WINDOW else None


def undo_curriculum(session: Session, change: CurriculumChange) -> int:
    """Put back what the change's sessions held before it; the number of sessions restored
    (a session deleted since is skipped)."""
    restored = 0
    for before in json.loads(change.previous):
        target = session.get(ProgramSession, before["session_id"])
        if target is None or target.program_id != change.program_id:
            continue
        for name in _SNAPSHOT_FIELDS:
            setattr(target, name, before[name])
        _touch(target)
        session.add(target)
        restored += 1
    change.undone_at = utcnow()
    session.add(change)
    session.flush()
    return restored


def sessions_using_resources(
    session: Session,
    resource_ids: set[str],
    may_know: Callable[[Program, Enrollment | None], bool],
    user_id: int | None,
) -> dict[str, list[tuple[ProgramSession, Program]]]:
    """For each resource id, the sessions (of programs the viewer may know) that list it."""
    usage: dict[str, list[tuple[ProgramSession, Program]]] = {r: [] for r in resource_ids}
    if not resource_ids:
        return usage
    rows = session.exec(
        select(ProgramSession, Program, Enrollment)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .outerjoin(
            Enrollment,
            sa.and_(col(Enrollment.program_id) == Program.id, col(Enrollment.user_id) == user_id),
        )
        .where(ProgramSession.resource_ids != "")
        .order_by(col(ProgramSession.starts_at))
    ).all()
    for item, program, enrollment in rows:
        if not may_know(program, enrollment):
            continue
        for resource_id in item.resource_ids.split(","):
            if resource_id in usage:
                usage[resource_id].append((item, program))
    return usage


# --- what the role homes list (echo.pages.home) ------------------------------------------------


@dataclass(frozen=True)
class NextSession:
    """A person's next session in the programs they take part in, with its meeting link."""

    program_session: ProgramSession
    program: Program
    enrollment: Enrollment
    meeting_url: str
    meeting_passcode: str


def next_session_of(session: Session, user_id: int, *, ends_after: datetime) -> NextSession | None:
    """The earliest session, not cancelled, ending after ``ends_after``, of the programs
    ``user_id`` is an active participant of (one query). The caller chooses ``ends_after``
    so that a session whose check-in is still open counts as the next one."""
    row = session.exec(
        select(ProgramSession, Program, Enrollment, ProgramSchedule)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .join(
            Enrollment,
            sa.and_(
                col(Enrollment.program_id) == Program.id,
                col(Enrollment.user_id) == user_id,
                col(Enrollment.status) == EnrollmentStatus.active.value,
            ),
        )
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .where(
            col(ProgramSession.ends_at) > ends_after,
            ProgramSession.status == SessionStatus.scheduled.value,
        )
        .order_by(col(ProgramSession.starts_at), col(ProgramSession.id))
        .limit(1)
    ).first()
    if row is None:
        return None
    program_session, program, enrollment, schedule = row
    return NextSession(
        program_session,
        program,
        enrollment,
        schedule.meeting_url if schedule else "",
        schedule.meeting_passcode if schedule else "",
    )


@dataclass(frozen=True)
class HubSession:
    """A session of a hub's program as staff see it in a list: its program and presenter."""

    program_session: ProgramSession
    program: Program
    presenter: User | None


def hub_sessions_between(
    session: Session, hub_ids: Sequence[int], start: datetime, end: datetime
) -> list[HubSession]:
    """Sessions of the programs of ``hub_ids`` that start in ``[start, end)`` or are under
    way at ``start``, cancelled ones included, in time order (one query)."""
    if not hub_ids:
        return []
    rows = session.exec(
        select(ProgramSession, Program, User)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .outerjoin(User, col(User.id) == ProgramSession.didactic_presenter_id)
        .where(
            col(Program.hub_id).in_(hub_ids),
            col(ProgramSession.ends_at) > start,
            col(ProgramSession.starts_at) < end,
        )
        .order_by(col(ProgramSession.starts_at), col(ProgramSession.id))
    ).all()
    return [HubSession(s, p, u) for s, p, u in rows]
