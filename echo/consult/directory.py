"""The hub's community resource directory and care coordination (DOMAIN.md 8): services a
liaison keeps up to date, found by service, payer, age and language; resources attached to
a consult as its referral; follow-up tasks ("did the family connect?") closed with what
happened.

A resource holds the service's own contact details, never a patient's. The trail
(ConsultEvent) records attaching and follow-ups by ids and actions only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.consult.forms import FollowUpForm, ResourceForm, ResourceQuery
from echo.consult.models import (
    FOLLOW_UP_OUTCOMES,
    CommunityResource,
    ConsultEvent,
    ConsultLine,
    ConsultRequest,
    ConsultResource,
    FollowUpTask,
    Practice,
)
from echo.programs.models import Hub
from echo.timeutil import local_date, utcnow
from echo.web.params import FormErrors

MAX_RESULTS = 200  # a search lists at most this many resources
MAX_OPEN_FOLLOW_UPS = 500  # a line's follow-up page lists at most this many open tasks
RECENTLY_CLOSED_DAYS = 30  # ...and the tasks closed in this many days
MAX_RECENTLY_CLOSED = 100
DEFAULT_MIN_AGE = 0
DEFAULT_MAX_AGE = 21  # CPAPs serve children and youth to 21 (the model's default)

# ConsultEvent actions written here (ids only, like every entry of the trail).
ATTACHED = "resource-attached"
FOLLOW_UP_ADDED = "follow-up-added"
FOLLOW_UP_CLOSED = "follow-up-closed"


# --- the directory ----------------------------------------------------------------------


def _listed(column: object, key: str) -> sa.ColumnElement[bool]:
    """``key`` is one of the comma-separated keys in ``column`` (",a,b," contains ",a,")."""
    padded = sa.literal(",") + column + sa.literal(",")
    condition: sa.ColumnElement[bool] = padded.contains(f",{key},", autoescape=True)
    return condition


def _by_shortest_wait() -> tuple[Any, ...]:
    """Shortest known wait first, unknown waits last (portable: no NULLS LAST), then name."""
    return (
        col(CommunityResource.wait_weeks).is_(None),
        col(CommunityResource.wait_weeks),
        sa.func.lower(col(CommunityResource.name)),
        col(CommunityResource.id),
    )


def search(session: Session, hub_id: int, query: ResourceQuery) -> list[CommunityResource]:
    """The hub's active resources matching every filter given, shortest wait first.

    ``q`` is found in the name, city, languages or notes, ignoring case (LIKE wildcards
    typed in it match themselves); ``age`` must be within the resource's ages."""
    statement = select(CommunityResource).where(
        CommunityResource.hub_id == hub_id, col(CommunityResource.is_active).is_(True)
    )
    if query.q:
        text = query.q.lower()
        statement = statement.where(
            sa.or_(
                *(
                    sa.func.lower(col(field)).contains(text, autoescape=True)
                    for field in (
                        CommunityResource.name,
                        CommunityResource.city,
                        CommunityResource.languages,
                        CommunityResource.notes,
                    )
                )
            )
        )
    if query.service:
        statement = statement.where(_listed(col(CommunityResource.service_types), query.service))
    if query.payer:
        statement = statement.where(_listed(col(CommunityResource.payers), query.payer))
    if query.age is not None:
        statement = statement.where(
            col(CommunityResource.min_age) <= query.age,
            col(CommunityResource.max_age) >= query.age,
        )
    if query.telehealth:
        statement = statement.where(col(CommunityResource.telehealth).is_(True))
    return list(session.exec(statement.order_by(*_by_shortest_wait()).limit(MAX_RESULTS)))


def hidden(session: Session, hub_id: int) -> list[CommunityResource]:
    """Resources a liaison hid from the directory (to edit or show again), by name."""
    return list(
        session.exec(
            select(CommunityResource)
            .where(CommunityResource.hub_id == hub_id, col(CommunityResource.is_active).is_(False))
            .order_by(sa.func.lower(col(CommunityResource.name)), col(CommunityResource.id))
            .limit(MAX_RESULTS)
        )
    )


def age_range_errors(form: ResourceForm) -> dict[str, str]:
    """The youngest age served may not be above the oldest (blank ages are 0 and 21)."""
    youngest = DEFAULT_MIN_AGE if form.min_age is None else form.min_age
    oldest = DEFAULT_MAX_AGE if form.max_age is None else form.max_age
    if youngest <= oldest:
        return {}
    return {
        "max_age": f"Enter an oldest age of at least {youngest} (the youngest age served), "
        "or lower the youngest age."
    }


def save_resource(
    session: Session,
    hub_id: int,
    form: ResourceForm,
    resource: CommunityResource | None = None,
    *,
    active: bool | None = None,
) -> CommunityResource:
    """A new resource in the hub's directory, or ``resource`` changed; FormErrors when its
    ages do not make a range. ``active`` False hides it from the directory (None: a new
    one is listed, an existing one stays as it was)."""
    errors = age_range_errors(form)
    if errors:
        raise FormErrors(errors)
    row = resource if resource is not None else CommunityResource(hub_id=hub_id, name=form.name)
    if row.hub_id != hub_id:
        raise ValueError("the resource belongs to another hub")
    form.copy_to(
        row,
        ("name", "languages", "telehealth", "wait_weeks", "phone", "website", "city", "notes"),
    )
    row.us_state = form.us_state
    row.service_types = ",".join(form.service_types)
    row.payers = ",".join(form.payers)
    row.min_age = DEFAULT_MIN_AGE if form.min_age is None else form.min_age
    row.max_age = DEFAULT_MAX_AGE if form.max_age is None else form.max_age
    if active is not None:
        row.is_active = active
    row.updated_at = utcnow()
    session.add(row)
    session.flush()
    return row


def active_resource(session: Session, hub_id: int, resource_id: int) -> CommunityResource | None:
    """The resource if it is listed in this hub's directory."""
    resource = session.get(CommunityResource, resource_id)
    if resource is None or resource.hub_id != hub_id or not resource.is_active:
        return None
    return resource


# --- a consult's referral -------------------------------------------------------------------


def _record(session: Session, request: ConsultRequest, actor_id: int, action: str) -> None:
    session.add(ConsultEvent(request_id=request.id or 0, actor_id=actor_id, action=action))


def is_attached(session: Session, request_id: int, resource_id: int) -> bool:
    return (
        session.exec(
            select(ConsultResource.id).where(
                ConsultResource.request_id == request_id,
                ConsultResource.resource_id == resource_id,
            )
        ).first()
        is not None
    )


def attach(
    session: Session, request: ConsultRequest, hub_id: int, resource_id: int, actor_id: int
) -> bool:
    """Attach a resource of the hub's directory to the request (``hub_id``: the hub of the
    request's line). False when it is not an active resource of that hub; attaching one
    already attached changes nothing."""
    if active_resource(session, hub_id, resource_id) is None:
        return False
    request_id = request.id or 0
    if is_attached(session, request_id, resource_id):
        return True
    session.add(
        ConsultResource(request_id=request_id, resource_id=resource_id, attached_by_id=actor_id)
    )
    _record(session, request, actor_id, ATTACHED)
    session.flush()
    return True


def attached(session: Session, request_id: int) -> list[CommunityResource]:
    """The resources attached to a request, in the order they were attached (a resource
    hidden from the directory later stays attached)."""
    return list(
        session.exec(
            select(CommunityResource)
            .join(ConsultResource, col(ConsultResource.resource_id) == col(CommunityResource.id))
            .where(ConsultResource.request_id == request_id)
            .order_by(col(ConsultResource.attached_at), col(ConsultResource.id))
        )
    )


def resource_choices(session: Session, hub_id: int, request_id: int) -> list[tuple[int, str]]:
    """The hub's active resources not attached to the request yet, by name: (id, name)."""
    taken = select(ConsultResource.resource_id).where(ConsultResource.request_id == request_id)
    rows = session.exec(
        select(CommunityResource.id, CommunityResource.name)
        .where(
            CommunityResource.hub_id == hub_id,
            col(CommunityResource.is_active).is_(True),
            col(CommunityResource.id).not_in(taken),
        )
        .order_by(sa.func.lower(col(CommunityResource.name)), col(CommunityResource.id))
    ).all()
    return [(resource_id or 0, name) for resource_id, name in rows]


# --- follow-ups -----------------------------------------------------------------------------


def hub_today(session: Session, line_id: int) -> date:
    """Today in the zone of the line's hub: due dates are the hub's calendar days."""
    line = session.get(ConsultLine, line_id)
    hub = session.get(Hub, line.hub_id) if line is not None else None
    return local_date(utcnow(), hub.time_zone if hub is not None else "UTC")


def add_follow_up(
    session: Session,
    request: ConsultRequest,
    form: FollowUpForm,
    actor_id: int,
    *,
    today: date | None = None,
) -> FollowUpTask:
    """A follow-up task on the request, about one of its attached resources or none;
    FormErrors when the resource is not attached or the day has passed (``today`` in the
    hub's zone, hub_today by default)."""
    request_id = request.id or 0
    errors: dict[str, str] = {}
    if form.resource_id is not None and not is_attached(session, request_id, form.resource_id):
        errors["resource_id"] = "Choose a resource attached to this consult, or none."
    today = today or hub_today(session, request.line_id)
    if form.due_on is None:
        errors["due_on"] = "Enter the day to check back."
    elif form.due_on < today:
        errors["due_on"] = f"Choose today ({today.isoformat()}) or a later day."
    if errors:
        raise FormErrors(errors)
    task = FollowUpTask(
        request_id=request_id,
        resource_id=form.resource_id,
        due_on=form.due_on or today,
        created_by_id=actor_id,
    )
    session.add(task)
    _record(session, request, actor_id, FOLLOW_UP_ADDED)
    session.flush()
    return task


def follow_ups_of(
    session: Session, request_id: int
) -> list[tuple[FollowUpTask, CommunityResource | None]]:
    """A request's follow-ups, open ones first, each by due date."""
    rows = session.exec(
        select(FollowUpTask, CommunityResource)
        .join(
            CommunityResource,
            col(CommunityResource.id) == col(FollowUpTask.resource_id),
            isouter=True,
        )
        .where(FollowUpTask.request_id == request_id)
        .order_by(
            col(FollowUpTask.closed_at).is_not(None),
            col(FollowUpTask.due_on),
            col(FollowUpTask.id),
        )
    ).all()
    return [(task, resource) for task, resource in rows]


def follow_up_in_line(session: Session, task_id: int, line_id: int) -> FollowUpTask | None:
    """The task if it belongs to a request of this line."""
    return session.exec(
        select(FollowUpTask)
        .join(ConsultRequest, col(ConsultRequest.id) == col(FollowUpTask.request_id))
        .where(FollowUpTask.id == task_id, ConsultRequest.line_id == line_id)
    ).first()


def close_follow_up(session: Session, task: FollowUpTask, outcome: str, actor_id: int) -> bool:
    """Close the task with what happened (FOLLOW_UP_OUTCOMES). A task already closed keeps
    its first outcome: False."""
    if outcome not in dict(FOLLOW_UP_OUTCOMES):
        raise FormErrors({"outcome": "Choose what happened."})
    if task.closed_at is not None:
        return False
    task.outcome = outcome
    task.closed_at = utcnow()
    task.closed_by_id = actor_id
    session.add(task)
    session.add(
        ConsultEvent(request_id=task.request_id, actor_id=actor_id, action=FOLLOW_UP_CLOSED)
    )
    session.flush()
    return True


@dataclass(frozen=True)
class FollowUpRow:
    task: FollowUpTask
    resource: CommunityResource | None
    request: ConsultRequest
    practice_name: str
    overdue: bool


def line_follow_ups(
    session: Session, line_id: int, *, today: date
) -> tuple[list[FollowUpRow], list[FollowUpRow]]:
    """A line's open follow-ups by due date (overdue: due before ``today``), and those
    closed in the last RECENTLY_CLOSED_DAYS, latest first."""
    base = (
        select(FollowUpTask, CommunityResource, ConsultRequest, Practice.name)
        .join(ConsultRequest, col(ConsultRequest.id) == col(FollowUpTask.request_id))
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .join(
            CommunityResource,
            col(CommunityResource.id) == col(FollowUpTask.resource_id),
            isouter=True,
        )
        .where(ConsultRequest.line_id == line_id)
    )
    open_rows = session.exec(
        base.where(col(FollowUpTask.closed_at).is_(None))
        .order_by(col(FollowUpTask.due_on), col(FollowUpTask.id))
        .limit(MAX_OPEN_FOLLOW_UPS)
    ).all()
    since = utcnow() - timedelta(days=RECENTLY_CLOSED_DAYS)
    closed_rows = session.exec(
        base.where(col(FollowUpTask.closed_at) >= since)
        .order_by(col(FollowUpTask.closed_at).desc(), col(FollowUpTask.id).desc())
        .limit(MAX_RECENTLY_CLOSED)
    ).all()
    open_ones = [
        FollowUpRow(task, resource, request, name, task.due_on < today)
        for task, resource, request, name in open_rows
    ]
    closed = [
        FollowUpRow(task, resource, request, name, False)
        for task, resource, request, name in closed_rows
    ]
    return open_ones, closed
