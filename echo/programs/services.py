"""Hubs, programs, the catalog and enrollment decisions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import accumulate
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import HubMembership, User
from echo.accounts.services import user_by_email
from echo.programs import recurrence
from echo.programs.forms import ZOOM_PASTE_HELP, ProgramForm
from echo.programs.models import (
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    Hub,
    Program,
    ProgramSchedule,
    ProgramSession,
    ProgramStatus,
    SessionStatus,
    Visibility,
)
from echo.programs.sessions import ComingSession, ScheduleColumns, spec_of
from echo.security.identity import display_name
from echo.security.permissions import HubRole
from echo.timeutil import is_known_time_zone, utcnow
from echo.web.params import FormErrors, is_slug, one_line


def catalog(session: Session) -> Sequence[tuple[Program, Hub]]:
    """Public programs that are open or closed (drafts are not listed), newest open first."""
    rows = session.exec(
        select(Program, Hub)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .where(
            Program.visibility == Visibility.public.value,
            Program.status != ProgramStatus.draft.value,
        )
        .order_by(
            sa.case((col(Program.status) == ProgramStatus.open.value, 0), else_=1),
            col(Program.title),
        )
    ).all()
    return [(program, hub) for program, hub in rows]


def program_by_slug(session: Session, slug: str) -> tuple[Program, Hub] | None:
    row = session.exec(
        select(Program, Hub).join(Hub, col(Hub.id) == Program.hub_id).where(Program.slug == slug)
    ).first()
    return (row[0], row[1]) if row else None


@dataclass(frozen=True)
class ProgramRows:
    """A program with what every page of it reads: its hub, its schedule (None when it
    has none) and the person's enrollment (None when not enrolled or not signed in)."""

    program: Program
    hub: Hub
    schedule: ProgramSchedule | None
    enrollment: Enrollment | None


def _with_program_rows(statement: Any, user_id: int | None) -> Any:
    """``statement`` (which selects from Program) joined to ProgramRows' other rows: one
    query where a page made four (the hub, the schedule twice, the enrollment)."""
    enrolled = (
        sa.and_(col(Enrollment.program_id) == Program.id, col(Enrollment.user_id) == user_id)
        if user_id is not None
        else sa.false()
    )
    return (
        statement.join(Hub, col(Hub.id) == Program.hub_id)
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .outerjoin(Enrollment, enrolled)
    )


def program_rows_by_slug(session: Session, slug: str, user_id: int | None) -> ProgramRows | None:
    statement = sa.select(Program, Hub, ProgramSchedule, Enrollment).where(
        col(Program.slug) == slug
    )
    row = session.execute(_with_program_rows(statement, user_id)).first()
    return ProgramRows(*row) if row else None


def session_with_program_rows(
    session: Session, session_id: int, user_id: int | None
) -> tuple[ProgramSession, ProgramRows] | None:
    statement = (
        # sqlmodel's select is typed for up to four entities
        sa.select(ProgramSession, Program, Hub, ProgramSchedule, Enrollment)
        .select_from(ProgramSession)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .where(col(ProgramSession.id) == session_id)
    )
    row = session.execute(_with_program_rows(statement, user_id)).first()
    return (row[0], ProgramRows(*row[1:])) if row else None


@dataclass(frozen=True)
class ProgramView:
    """A program as its page shows it (read model; change programs through ``Program``)."""

    id: int
    hub_id: int
    slug: str
    title: str
    description: str
    target_audience: str
    status: str
    visibility: str
    enrollment_mode: str


@dataclass(frozen=True)
class HubView:
    id: int
    slug: str
    name: str
    time_zone: str


@dataclass(frozen=True)
class EnrollmentView:
    id: int
    user_id: int
    status: str


def hub_by_slug(session: Session, slug: str) -> Hub | None:
    return session.exec(select(Hub).where(Hub.slug == slug)).first()


@dataclass(frozen=True)
class Person:
    """A hub member as pages list them."""

    id: int
    email: str
    name: str
    credentials: str
    specialty: str
    organization: str

    @property
    def display_name(self) -> str:
        return display_name(self.name, self.credentials)


@dataclass(frozen=True)
class ProgramFact:
    """What a domain above programs adds to a program's page (CME: the credit it gives),
    handed in by the app (``app.state.program_facts``) so that programs import no such
    domain, and read in the page's one query: ``table`` is left-joined on its
    ``program_id`` (at most one row per program) and ``say`` turns the values of its
    ``columns`` into a sentence, or None to say nothing. No row: nothing is said."""

    table: sa.Table
    columns: tuple[str, ...]
    say: Callable[[tuple[Any, ...]], str | None]


@dataclass(frozen=True)
class ProgramPage:
    """Everything the program page shows, read in one query."""

    program: ProgramView
    hub: HubView
    enrollment: EnrollmentView | None
    faculty: tuple[Person, ...]
    schedule: recurrence.ScheduleSpec | None
    next_session: ComingSession | None  # the first of sessions.upcoming(...)
    facts: tuple[str, ...]  # what the ProgramFacts asked for said, in their order


_program, _hub, _enrollment, _membership, _user, _schedule, _session = (
    Program.__table__,  # type: ignore[attr-defined]
    Hub.__table__,  # type: ignore[attr-defined]
    Enrollment.__table__,  # type: ignore[attr-defined]
    HubMembership.__table__,  # type: ignore[attr-defined]
    User.__table__,  # type: ignore[attr-defined]
    ProgramSchedule.__table__,  # type: ignore[attr-defined]
    ProgramSession.__table__,  # type: ignore[attr-defined]
)
_PROGRAM_COLUMNS = [_program.c[name] for name in ProgramView.__dataclass_fields__]
_HUB_COLUMNS = [_hub.c[name] for name in HubView.__dataclass_fields__]
_ENROLLMENT_COLUMNS = [_enrollment.c[name] for name in EnrollmentView.__dataclass_fields__]
_SCHEDULE_COLUMNS = [_schedule.c[name] for name in ScheduleColumns.__dataclass_fields__]
_NEXT_COLUMNS = [_session.c[name] for name in ComingSession.__dataclass_fields__]
_PERSON_COLUMNS = [_user.c[name] for name in Person.__dataclass_fields__]
_PROGRAM_BOUNDS = tuple(
    accumulate(
        len(columns)
        for columns in (
            _PROGRAM_COLUMNS,
            _HUB_COLUMNS,
            _ENROLLMENT_COLUMNS,
            _SCHEDULE_COLUMNS,
            _NEXT_COLUMNS,
        )
    )
)
# The next session's id: as sessions.upcoming orders them, the first not over and not
# cancelled.
_coming = _session.alias("coming")
_NEXT_SESSION_ID = (
    sa.select(_coming.c.id)
    .where(
        _coming.c.program_id == _program.c.id,
        _coming.c.ends_at > sa.bindparam("now"),
        _coming.c.status == SessionStatus.scheduled.value,
    )
    .order_by(_coming.c.starts_at, _coming.c.id)
    .limit(1)
    .correlate(_program)
    .scalar_subquery()
)


# Built once per set of facts (the app has one), in Core: the program page is the busiest
# page, and on SQLite building a statement or ORM rows, or another query, costs more than
# this query (see bench/). One row per faculty member (or one row with no faculty columns).
@lru_cache(maxsize=8)
def _program_page_query(facts: tuple[ProgramFact, ...]) -> sa.Select[Any]:
    tables = [fact.table.alias(f"fact_{n}") for n, fact in enumerate(facts)]
    joined = (
        _program.join(_hub, _hub.c.id == _program.c.hub_id)
        .outerjoin(
            _enrollment,
            sa.and_(
                _enrollment.c.program_id == _program.c.id,
                _enrollment.c.user_id == sa.bindparam("user_id"),
            ),
        )
        .outerjoin(_schedule, _schedule.c.program_id == _program.c.id)
        .outerjoin(_session, _session.c.id == _NEXT_SESSION_ID)
    )
    for table in tables:
        joined = joined.outerjoin(table, table.c.program_id == _program.c.id)
    joined = joined.outerjoin(
        _membership,
        sa.and_(_membership.c.hub_id == _hub.c.id, _membership.c.role == HubRole.faculty.value),
    ).outerjoin(_user, _user.c.id == _membership.c.user_id)
    return (
        sa.select(
            *_PROGRAM_COLUMNS,
            *_HUB_COLUMNS,
            *_ENROLLMENT_COLUMNS,
            *_SCHEDULE_COLUMNS,
            *_NEXT_COLUMNS,
            *(
                column
                for fact, table in zip(facts, tables, strict=True)
                for column in (table.c.program_id, *(table.c[name] for name in fact.columns))
            ),
            *_PERSON_COLUMNS,
        )
        .select_from(joined)
        .where(_program.c.slug == sa.bindparam("slug"))
        .order_by(_user.c.name)
    )


def program_page(
    connection: sa.Connection,
    slug: str,
    user_id: int | None,
    *,
    now: datetime | None = None,
    facts: Sequence[ProgramFact] = (),
) -> ProgramPage | None:
    """The program, its hub, the viewer's enrollment (if any), the hub's faculty, the
    program's schedule, its next session (as of ``now``) and what ``facts`` say of it."""
    query = _program_page_query(tuple(facts))
    rows = connection.execute(
        query, {"slug": slug, "user_id": user_id, "now": now or utcnow()}
    ).all()
    if not rows:
        return None
    program_end, hub_end, enrollment_end, schedule_end, next_end = _PROGRAM_BOUNDS
    first = tuple(rows[0])
    enrollment = first[hub_end:enrollment_end]
    schedule = first[enrollment_end:schedule_end]
    coming = first[schedule_end:next_end]
    said = []
    start = next_end
    for fact in facts:
        values = first[start : start + 1 + len(fact.columns)]
        start += len(values)
        if values[0] is not None and (sentence := fact.say(values[1:])):
            said.append(sentence)
    return ProgramPage(
        program=ProgramView(*first[:program_end]),
        hub=HubView(*first[program_end:hub_end]),
        enrollment=EnrollmentView(*enrollment) if enrollment[0] is not None else None,
        faculty=tuple(Person(*row[start:]) for row in rows if row[start] is not None),
        # first_date and id are never NULL in a row that exists.
        schedule=spec_of(ScheduleColumns(*schedule)) if schedule[0] is not None else None,
        next_session=ComingSession(*coming) if coming[0] is not None else None,
        facts=tuple(said),
    )


def enrollment_of(session: Session, program_id: int, user_id: int | None) -> Enrollment | None:
    if user_id is None:
        return None
    return session.exec(
        select(Enrollment).where(Enrollment.program_id == program_id, Enrollment.user_id == user_id)
    ).first()


def request_enrollment(session: Session, program: ProgramView, user_id: int) -> Enrollment:
    """Join or ask to join; auto-approve programs activate at once."""
    enrollment = enrollment_of(session, program.id, user_id) or Enrollment(
        program_id=program.id, user_id=user_id
    )
    enrollment.status = (
        EnrollmentStatus.active.value
        if program.enrollment_mode == EnrollmentMode.auto
        else EnrollmentStatus.pending.value
    )
    enrollment.requested_at = utcnow()
    enrollment.decided_at = utcnow() if enrollment.status == EnrollmentStatus.active else None
    enrollment.decided_by_id = None
    session.add(enrollment)
    session.flush()
    return enrollment


def withdraw(session: Session, enrollment_id: int) -> None:
    enrollment = session.get(Enrollment, enrollment_id)
    if enrollment is None:
        return
    enrollment.status = EnrollmentStatus.withdrawn.value
    enrollment.decided_at = utcnow()
    session.add(enrollment)


def decide_enrollment(
    session: Session, hub: Hub, enrollment_id: int, *, approve: bool, decided_by_id: int
) -> Enrollment | None:
    """Approve (active) or decline (withdrawn) a request for one of ``hub``'s programs."""
    row = session.exec(
        select(Enrollment)
        .join(Program, col(Program.id) == Enrollment.program_id)
        .where(Enrollment.id == enrollment_id, Program.hub_id == hub.id)
    ).first()
    if row is None:
        return None
    row.status = EnrollmentStatus.active.value if approve else EnrollmentStatus.withdrawn.value
    row.decided_at = utcnow()
    row.decided_by_id = decided_by_id
    session.add(row)
    return row


def enroll_directly(
    session: Session, program: Program, user: User, decided_by_id: int
) -> Enrollment:
    """A coordinator's invitation: the person is an active participant at once."""
    enrollment = enrollment_of(session, _id(program), user.id) or Enrollment(
        program_id=_id(program), user_id=_id(user)
    )
    enrollment.status = EnrollmentStatus.active.value
    enrollment.decided_at = utcnow()
    enrollment.decided_by_id = decided_by_id
    session.add(enrollment)
    session.flush()
    return enrollment


def add_participant(
    session: Session, hub: Hub, program_slug: str, email: str, decided_by_id: int
) -> tuple[Program, User]:
    """A coordinator enrolls someone who has an account in one of the hub's programs;
    FormErrors names the field that is wrong."""
    program = next((p for p in hub_programs(session, _id(hub)) if p.slug == program_slug), None)
    person = user_by_email(session, email)
    errors: dict[str, str] = {}
    if program is None:
        errors["program"] = "Choose one of this hub's programs."
    if person is None:
        errors["participant_email"] = "No account uses this email. Ask the person to sign up first."
    if program is None or person is None:
        raise FormErrors(errors)
    enroll_directly(session, program, person, decided_by_id)
    return program, person


@dataclass(frozen=True)
class PendingRequest:
    enrollment: Enrollment
    program: Program
    user: User


def pending_requests(session: Session, hub_id: int) -> list[PendingRequest]:
    return pending_requests_of_hubs(session, [hub_id])


def pending_requests_of_hubs(session: Session, hub_ids: Sequence[int]) -> list[PendingRequest]:
    """Requests to join the hubs' programs that wait for a coordinator, oldest first."""
    if not hub_ids:
        return []
    rows = session.exec(
        select(Enrollment, Program, User)
        .join(Program, col(Program.id) == Enrollment.program_id)
        .join(User, col(User.id) == Enrollment.user_id)
        .where(
            col(Program.hub_id).in_(list(hub_ids)),
            Enrollment.status == EnrollmentStatus.pending.value,
        )
        .order_by(col(Enrollment.requested_at))
    ).all()
    return [PendingRequest(e, p, u) for e, p, u in rows]


def hub_programs(session: Session, hub_id: int) -> Sequence[Program]:
    return session.exec(
        select(Program).where(Program.hub_id == hub_id).order_by(col(Program.title))
    ).all()


def participant_counts(session: Session, hub_id: int) -> dict[int, int]:
    rows = session.exec(
        select(Enrollment.program_id, sa.func.count())
        .join(Program, col(Program.id) == Enrollment.program_id)
        .where(Program.hub_id == hub_id, Enrollment.status == EnrollmentStatus.active.value)
        .group_by(col(Enrollment.program_id))
    ).all()
    return {program_id: count for program_id, count in rows}


def hub_memberships(session: Session, hub_id: int) -> list[tuple[HubMembership, User]]:
    rows = session.exec(
        select(HubMembership, User)
        .join(User, col(User.id) == HubMembership.user_id)
        .where(HubMembership.hub_id == hub_id)
        .order_by(col(User.name), col(HubMembership.role))
    ).all()
    return [(m, u) for m, u in rows]


def hub_faculty(session: Session, hub_id: int) -> list[User]:
    """The hub's faculty members, by name: the people who may lead a program's cases."""
    return [
        user
        for membership, user in hub_memberships(session, hub_id)
        if membership.role == HubRole.faculty
    ]


def my_programs(session: Session, user_id: int) -> list[tuple[Enrollment, Program, Hub]]:
    rows = session.exec(
        select(Enrollment, Program, Hub)
        .join(Program, col(Program.id) == Enrollment.program_id)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .where(Enrollment.user_id == user_id)
        .order_by(col(Program.title))
    ).all()
    return [(e, p, h) for e, p, h in rows]


def programs_i_run(session: Session, user_id: int) -> list[tuple[Hub, frozenset[str]]]:
    rows = session.exec(
        select(Hub, HubMembership.role)
        .join(HubMembership, col(HubMembership.hub_id) == Hub.id)
        .where(HubMembership.user_id == user_id)
        .order_by(col(Hub.name))
    ).all()
    hubs: dict[int, tuple[Hub, set[str]]] = {}
    for hub, role in rows:
        hubs.setdefault(_id(hub), (hub, set()))[1].add(role)
    return [(hub, frozenset(roles)) for hub, roles in hubs.values()]


# --- creating and editing ---------------------------------------------------------------


def create_hub(session: Session, *, slug: str, name: str, time_zone: str) -> Hub:
    """A new hub; the page checks the form (HubForm), this the rules and the database."""
    errors: dict[str, str] = {}
    slug = slug.strip().lower()
    name = one_line(name)
    if not is_slug(slug):
        errors["slug"] = "Use 2-60 lower-case letters, digits and hyphens, like cascadia."
    elif hub_by_slug(session, slug) is not None:
        errors["slug"] = "Another hub uses this short name; choose another."
    if not name:
        errors["name"] = "Enter the hub's name."
    if not is_known_time_zone(time_zone):
        errors["time_zone"] = "Choose a time zone from the list, such as America/Los_Angeles."
    if errors:
        raise FormErrors(errors)
    hub = Hub(slug=slug, name=name, time_zone=time_zone)
    session.add(hub)
    session.flush()
    return hub


def save_program(
    session: Session, hub: Hub, form: ProgramForm, program: Program | None = None
) -> Program:
    """Create a program in ``hub`` or update ``program``; FormErrors names each bad field."""
    errors: dict[str, str] = {}
    slug = form.slug
    other = program_by_slug(session, slug)
    if other is not None and (program is None or other[0].id != program.id):
        errors["slug"] = "Another program uses this web address; choose another."
    faculty_ids = {user.id for user in hub_faculty(session, _id(hub))}
    if form.lead_faculty_id is not None and form.lead_faculty_id not in faculty_ids:
        errors["lead_faculty_id"] = "Choose one of the hub's faculty members."
    if errors:
        raise FormErrors(errors)
    target = program or Program(hub_id=_id(hub), slug=slug, title=form.title)
    form.copy_to(target)
    session.add(target)
    session.flush()
    return target


def all_hubs(session: Session) -> Sequence[Hub]:
    return session.exec(select(Hub).order_by(col(Hub.name))).all()


def search_users(session: Session, query: str, limit: int = 100) -> Sequence[User]:
    statement = select(User).order_by(col(User.email)).limit(limit)
    if query:
        pattern = f"%{query.strip().lower()}%"
        statement = statement.where(
            sa.or_(col(User.email).like(pattern), sa.func.lower(User.name).like(pattern))
        )
    return session.exec(statement).all()


def add_hub_member(session: Session, hub: Hub, user: User, role: str) -> HubMembership:
    """Give ``user`` a role in ``hub``; adding an existing role changes nothing."""
    if role not in {r.value for r in HubRole}:
        raise FormErrors({"role": "Choose coordinator, faculty or CME administrator."})
    existing = session.exec(
        select(HubMembership).where(
            HubMembership.hub_id == hub.id,
            HubMembership.user_id == user.id,
            HubMembership.role == role,
        )
    ).first()
    if existing is not None:
        return existing
    membership = HubMembership(hub_id=_id(hub), user_id=_id(user), role=role)
    session.add(membership)
    session.flush()
    return membership


def remove_hub_member(session: Session, hub: Hub, membership_id: int) -> bool:
    membership = session.get(HubMembership, membership_id)
    if membership is None or membership.hub_id != hub.id:
        return False
    coordinators = session.exec(
        select(sa.func.count())
        .select_from(HubMembership)
        .where(HubMembership.hub_id == hub.id, HubMembership.role == HubRole.coordinator.value)
    ).one()
    if membership.role == HubRole.coordinator.value and coordinators <= 1:
        raise FormErrors({"membership": "A hub needs at least one coordinator; add another first."})
    session.delete(membership)
    return True


def _id(row: Program | User | Hub) -> int:
    if row.id is None:
        raise ValueError("row has no id yet; flush the session first")
    return row.id


def set_zoom_secret(session: Session, hub: Hub, secret: str) -> None:
    """The Zoom app's secret token for this hub, exactly as pasted (surrounding spaces go;
    an empty one turns webhooks off)."""
    secret = secret.strip(" ")
    printable = secret.isascii() and secret.isprintable() and " " not in secret
    if secret and not (16 <= len(secret) <= 100 and printable):
        raise FormErrors({"zoom_webhook_secret": ZOOM_PASTE_HELP})
    hub.zoom_webhook_secret = secret
    session.add(hub)


def hubs_by_ids(session: Session, hub_ids: Sequence[int]) -> list[Hub]:
    """The hubs with these ids, by name (the hubs a person works in, for their home)."""
    if not hub_ids:
        return []
    return list(session.exec(select(Hub).where(col(Hub.id).in_(hub_ids)).order_by(col(Hub.name))))


def programs_of_hubs(session: Session, hub_ids: Sequence[int]) -> list[tuple[Program, Hub]]:
    """Every program of these hubs, by hub and title."""
    if not hub_ids:
        return []
    rows = session.exec(
        select(Program, Hub)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .where(col(Program.hub_id).in_(hub_ids))
        .order_by(col(Hub.name), col(Program.title))
    ).all()
    return [(program, hub) for program, hub in rows]
