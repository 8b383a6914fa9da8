"""Consult requests: the form with the PHI gate before every save, the liaison's queue,
assignment from the on-call rotation, the call-back log, the consult note and its
disposition, escalation when the response target passes, billing support.

Nothing reaches the database unless the PHI guard found no blocking identifier in any
free-text field and every warning was acknowledged (HIPAA Safe Harbor, the same gate as
cases: echo.cases.services.GuardedForm). Request text is never logged or emailed; the
trail holds ids and actions only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import HubMembership, User
from echo.cases import services as cases
from echo.cases.services import GuardedForm, guarded_values
from echo.consult import billing, rota
from echo.consult.forms import (
    BillingForm,
    NoteChoices,
    RequestChoices,
    RequesterBillingForm,
)
from echo.consult.models import (
    NOTE_FIELDS,
    OPEN_STATUSES,
    REQUEST_FIELDS,
    URGENCY_RANK,
    ConsultEvent,
    ConsultLine,
    ConsultNote,
    ConsultRequest,
    ConsultStatus,
    OnCallSlot,
    OnCallSubstitution,
    Practice,
)
from echo.programs.models import Hub, Program
from echo.security.permissions import HubRole
from echo.timeutil import utcnow
from echo.web.params import FormErrors, one_line

MAX_AGE_YEARS = 26
MAX_QUEUE = 1000  # the queue page lists at most this many open requests


# --- the request form ---------------------------------------------------------------------


@dataclass
class RequestForm(GuardedForm):
    reasons: list[str] = field(default_factory=list)
    choices: RequestChoices | None = None


# The same question sent again this soon is a repeat (Back and send, a double tap): the
# requester is taken to the request already on the queue.
REPEAT_WINDOW = timedelta(minutes=30)


class AlreadySent(Exception):
    def __init__(self, request: ConsultRequest) -> None:
        super().__init__(request.id)
        self.request = request


class ConsultBlocked(FormErrors):
    """Not saved: an error, a blocked identifier or an unacknowledged warning."""

    def __init__(self, form: GuardedForm) -> None:
        super().__init__(dict(form.errors))
        self.form = form


def read_request(data: Mapping[str, Any]) -> tuple[RequestForm, set[str]]:
    values = guarded_values(data, REQUEST_FIELDS)
    choices, errors = RequestChoices.parse_partly(data)
    values.update(
        {
            "practice_id": str(choices.practice_id or ""),
            "urgency": choices.urgency,
            "preferred_response": choices.preferred_response,
            "age_value": str(choices.age_value) if choices.age_value is not None else "",
            "age_unit": choices.age_unit or "years",
            "sex": choices.sex,
            "on_medication": "yes" if choices.on_medication else "",
            "present_at_echo": "yes" if choices.present_at_echo else "",
        }
    )
    for name in errors:
        if name in values and isinstance(data.get(name), str):
            values[name] = str(data.get(name))
    form = RequestForm(values, dict(errors), reasons=list(choices.reasons), choices=choices)
    if not choices.urgency and "urgency" not in form.errors:
        form.errors["urgency"] = "Choose how urgent this is."
    if not choices.preferred_response and "preferred_response" not in form.errors:
        form.errors["preferred_response"] = "Choose a call back or a written reply."
    if choices.age_value is None and "age_value" not in form.errors:
        form.errors["age_value"] = "Enter the child's age (a whole number)."
    elif choices.age_value is not None:
        limit = MAX_AGE_YEARS if choices.age_unit == "years" else 24
        if choices.age_value > limit:
            form.errors["age_value"] = (
                f"The consult line serves children and youth up to {limit} years."
                if choices.age_unit == "years"
                else "Under 2 years, give months (up to 24); otherwise years."
            )
    if not values["question"].strip():
        form.errors["question"] = "Write your question for the consultant."
    form.check_fields(REQUEST_FIELDS)
    return form, choices.ack


def submit(
    session: Session,
    *,
    form: RequestForm,
    acknowledged: set[str],
    line: ConsultLine,
    practice: Practice,
    requester: User,
    now: datetime | None = None,
) -> ConsultRequest:
    """Store a request only when the PHI guard passed it (ConsultBlocked otherwise)."""
    if not form.may_be_saved(acknowledged) or form.choices is None:
        raise ConsultBlocked(form)
    if form.choices.preferred_response == "call" and not requester.work_phone:
        form.errors["preferred_response"] = (
            "Add your work phone to your profile for a call back, or ask for a written reply."
        )
        raise ConsultBlocked(form)
    created = now or utcnow()
    choices = form.choices
    repeat = session.exec(
        select(ConsultRequest).where(
            ConsultRequest.requester_id == requester.id,
            ConsultRequest.line_id == line.id,
            ConsultRequest.created_at >= created - REPEAT_WINDOW,
            ConsultRequest.question == form.values["question"],
            ConsultRequest.concerns == form.values["concerns"],
        )
    ).first()
    if repeat is not None:
        raise AlreadySent(repeat)
    request = ConsultRequest(
        line_id=line.id or 0,
        practice_id=practice.id or 0,
        requester_id=requester.id or 0,
        urgency=choices.urgency,
        preferred_response=choices.preferred_response,
        callback_phone=requester.work_phone if choices.preferred_response == "call" else "",
        age_value=choices.age_value,
        age_unit=choices.age_unit,
        sex=choices.sex,
        reasons=",".join(choices.reasons),
        on_medication=choices.on_medication,
        present_at_echo=choices.present_at_echo,
        created_at=created,
        target_at=created + timedelta(minutes=line.response_target_minutes),
    )
    for name in REQUEST_FIELDS:
        setattr(request, name, form.values[name])
    session.add(request)
    session.flush()
    record(session, request, requester.id, "create", at=created)
    return request


def record(
    session: Session,
    request: ConsultRequest,
    actor_id: int | None,
    action: str,
    *,
    at: datetime | None = None,
    subject_id: int | None = None,
) -> None:
    session.add(
        ConsultEvent(
            request_id=request.id or 0,
            actor_id=actor_id,
            action=action,
            subject_id=subject_id,
            at=at or utcnow(),
        )
    )


@dataclass(frozen=True)
class TrailEntry:
    event: ConsultEvent
    actor: User | None
    subject: User | None  # the consultant assigned, for an assignment


def trail(session: Session, request_id: int) -> list[TrailEntry]:
    events = session.exec(
        select(ConsultEvent)
        .where(ConsultEvent.request_id == request_id)
        .order_by(col(ConsultEvent.at), col(ConsultEvent.id))
    ).all()
    ids = {i for e in events for i in (e.actor_id, e.subject_id) if i is not None}
    people = (
        {u.id: u for u in session.exec(select(User).where(col(User.id).in_(ids))).all()}
        if ids
        else {}
    )
    return [
        TrailEntry(
            e,
            people.get(e.actor_id) if e.actor_id else None,
            people.get(e.subject_id) if e.subject_id else None,
        )
        for e in events
    ]


# --- the queue and the on-call rotation --------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One open request as the queue shows it: the columns it needs, not the whole row
    (the queue refreshes every 15 seconds with hundreds of rows; bench/consult_queue.py)."""

    id: int
    urgency: str
    created_at: datetime
    practice_name: str
    assignee_name: str
    timer: rota.Timer


def queue(session: Session, line: ConsultLine, now: datetime) -> list[QueueRow]:
    """The line's open requests: those still waiting for a first contact first, urgent
    first among them, then the longest waiting."""
    assignee = User.__table__.alias("assignee")  # type: ignore[attr-defined]
    rows = session.execute(
        sa.select(
            col(ConsultRequest.id),
            col(ConsultRequest.urgency),
            col(ConsultRequest.created_at),
            col(ConsultRequest.target_at),
            col(ConsultRequest.responded_at),
            col(Practice.name).label("practice_name"),
            assignee.c.name.label("assignee_name"),
        )
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .join(assignee, assignee.c.id == col(ConsultRequest.assigned_to_id), isouter=True)
        .where(
            col(ConsultRequest.line_id) == line.id,
            col(ConsultRequest.status).in_(OPEN_STATUSES),
        )
        .order_by(col(ConsultRequest.created_at))
        .limit(MAX_QUEUE)
    ).all()
    found = [
        QueueRow(
            row.id or 0,
            row.urgency,
            row.created_at,
            row.practice_name,
            row.assignee_name or "",
            rota.timer(row.created_at, row.target_at, row.responded_at, now),
        )
        for row in rows
    ]
    found.sort(
        key=lambda row: (
            row.timer.stopped,  # still waiting for a first contact first
            URGENCY_RANK.get(row.urgency, 9),
            row.created_at,
        )
    )
    return found


RECENT_DAYS = 30
MAX_RECENT = 100


def recently_done(
    session: Session, line: ConsultLine, now: datetime
) -> list[tuple[ConsultRequest, str]]:
    """The line's requests answered, closed or withdrawn in the last RECENT_DAYS (to close
    them, edit a note, follow a referral), newest first, with the practice's name."""
    rows = session.exec(
        select(ConsultRequest, Practice.name)
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .where(
            ConsultRequest.line_id == line.id,
            col(ConsultRequest.status).not_in(OPEN_STATUSES),
            ConsultRequest.created_at >= now - timedelta(days=RECENT_DAYS),
        )
        .order_by(col(ConsultRequest.created_at).desc())
        .limit(MAX_RECENT)
    ).all()
    return [(request, name) for request, name in rows]


def rotation_of(session: Session, line: ConsultLine, hub: Hub) -> rota.Rotation:
    slots = session.exec(
        select(OnCallSlot.user_id)
        .where(OnCallSlot.line_id == line.id)
        .order_by(col(OnCallSlot.position))
    ).all()
    return rota.Rotation(
        slots=list(slots),
        starts_on=line.rotation_starts_on,
        handover_weekday=line.handover_weekday,
        handover_hour=line.handover_hour,
        zone=hub.time_zone,
    )


def covers_of(session: Session, line_id: int, now: datetime) -> list[OnCallSubstitution]:
    """Substitutions not yet over, in the order they were made."""
    return list(
        session.exec(
            select(OnCallSubstitution)
            .where(OnCallSubstitution.line_id == line_id, OnCallSubstitution.ends_at > now)
            .order_by(col(OnCallSubstitution.id))
        ).all()
    )


def on_call(session: Session, line: ConsultLine, hub: Hub, at: datetime) -> int | None:
    covers = [
        rota.Cover(c.user_id, c.starts_at, c.ends_at) for c in covers_of(session, line.id or 0, at)
    ]
    return rota.on_call(rotation_of(session, line, hub), covers, at)


def consultants(session: Session, hub_id: int) -> list[User]:
    """Who may take a consult: the hub's faculty (child psychiatrists and colleagues)."""
    return list(
        session.exec(
            select(User)
            .join(HubMembership, col(HubMembership.user_id) == col(User.id))
            .where(HubMembership.hub_id == hub_id, HubMembership.role == HubRole.faculty.value)
            .distinct()
            .order_by(User.name)
        ).all()
    )


def liaisons(session: Session, hub_id: int) -> list[User]:
    """Who answers the queue: the hub's coordinators."""
    return list(
        session.exec(
            select(User)
            .join(HubMembership, col(HubMembership.user_id) == col(User.id))
            .where(HubMembership.hub_id == hub_id, HubMembership.role == HubRole.coordinator.value)
            .distinct()
            .order_by(User.name)
        ).all()
    )


def set_rotation(session: Session, line: ConsultLine, user_ids: Sequence[int]) -> None:
    for slot in session.exec(select(OnCallSlot).where(OnCallSlot.line_id == line.id)).all():
        session.delete(slot)
    session.flush()
    for position, user_id in enumerate(user_ids):
        session.add(OnCallSlot(line_id=line.id or 0, position=position, user_id=user_id))
    session.flush()


def add_substitution(
    session: Session,
    line: ConsultLine,
    user_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    actor_id: int,
) -> OnCallSubstitution:
    cover = OnCallSubstitution(
        line_id=line.id or 0,
        user_id=user_id,
        starts_at=starts_at,
        ends_at=ends_at,
        created_by_id=actor_id,
    )
    session.add(cover)
    session.flush()
    return cover


# --- the workflow -------------------------------------------------------------------------


class NotAllowed(Exception):
    """A step the request's state does not allow (it moved on meanwhile)."""


def assign(session: Session, request: ConsultRequest, consultant_id: int, *, actor_id: int) -> None:
    if request.status not in OPEN_STATUSES:
        raise NotAllowed("This request is no longer open.")
    request.assigned_to_id = consultant_id
    request.assigned_at = utcnow()
    request.status = ConsultStatus.assigned
    request.version += 1
    session.add(request)
    record(session, request, actor_id, "assign", subject_id=consultant_id)


def log_call(session: Session, request: ConsultRequest, step: str, *, actor_id: int) -> None:
    """The call-back's start (the response timer stops) and end."""
    now = utcnow()
    if request.status not in (*OPEN_STATUSES, ConsultStatus.answered.value):
        raise NotAllowed("This request is closed.")
    if step == "start":
        if request.callback_started_at is None:
            request.callback_started_at = now
        request.responded_at = request.responded_at or now
    else:
        if request.callback_started_at is None:
            raise NotAllowed("Start the call first.")
        request.callback_ended_at = now
    session.add(request)
    record(session, request, actor_id, f"call-{step}")


@dataclass
class NoteForm(GuardedForm):
    recommendation_types: list[str] = field(default_factory=list)
    choices: NoteChoices | None = None
    billing: BillingForm | None = None


def read_note(data: Mapping[str, Any], *, with_billing: bool) -> tuple[NoteForm, set[str]]:
    values = guarded_values(data, NOTE_FIELDS)
    choices, errors = NoteChoices.parse_partly(data)
    values["disposition"] = choices.disposition
    form = NoteForm(
        values,
        dict(errors),
        recommendation_types=list(choices.recommendation_types),
        choices=choices,
    )
    if with_billing:
        billing_form, billing_errors = BillingForm.parse_partly(data)
        form.billing = billing_form
        form.errors.update(billing_errors)
        for name in ("discussion_minutes", "review_minutes"):
            value = getattr(billing_form, name)
            values[name] = "" if value is None else str(value)
        values["modality"] = billing_form.modality
        for name in billing_errors:  # what could not be read is shown again as typed
            raw = data.get(name)
            if isinstance(raw, str):
                values[name] = one_line(raw)
        if billing_form.modality == "" and "modality" not in form.errors:
            form.errors["modality"] = "Choose how the advice was given."
        for name in ("discussion_minutes", "review_minutes"):
            if getattr(billing_form, name) is None and name not in form.errors:
                form.errors[name] = "Enter the minutes (0 if none)."
    if not choices.disposition and "disposition" not in form.errors:
        form.errors["disposition"] = "Choose the disposition."
    if not values["recommendations"].strip():
        form.errors["recommendations"] = "Write your recommendations."
    form.check_fields(NOTE_FIELDS)
    return form, choices.ack


def note_of(session: Session, request_id: int) -> ConsultNote | None:
    return session.exec(select(ConsultNote).where(ConsultNote.request_id == request_id)).first()


def save_note(
    session: Session,
    request: ConsultRequest,
    *,
    form: NoteForm,
    acknowledged: set[str],
    actor_id: int,
) -> ConsultNote:
    """Store the note only when the PHI guard passed it; the request is answered."""
    if not form.may_be_saved(acknowledged) or form.choices is None:
        raise ConsultBlocked(form)
    if request.status in (ConsultStatus.cancelled.value, ConsultStatus.closed.value):
        raise NotAllowed("This request is closed.")
    now = utcnow()
    note = note_of(session, request.id or 0) or ConsultNote(
        request_id=request.id or 0, disposition=""
    )
    for name in NOTE_FIELDS:
        setattr(note, name, form.values[name])
    note.disposition = form.choices.disposition
    note.recommendation_types = ",".join(form.recommendation_types)
    note.written_by_id = actor_id
    note.written_at = now
    session.add(note)
    if form.billing is not None:
        request.discussion_minutes = form.billing.discussion_minutes
        request.review_minutes = form.billing.review_minutes
        request.modality = form.billing.modality
    first_answer = request.status != ConsultStatus.answered
    request.status = ConsultStatus.answered
    request.answered_at = request.answered_at or now
    request.responded_at = request.responded_at or now
    if request.assigned_to_id != actor_id:
        # Whoever writes the note is the consultant of record (another faculty member
        # may take a consult over, an on-call swap).
        request.assigned_to_id = actor_id
        request.assigned_at = request.assigned_at or now
        record(session, request, actor_id, "take-over", subject_id=actor_id)
    request.version += 1
    session.add(request)
    record(session, request, actor_id, "answer" if first_answer else "edit-note")
    session.flush()
    return note


def save_requester_billing(
    session: Session, request: ConsultRequest, form: RequesterBillingForm, *, actor_id: int
) -> None:
    request.requester_minutes = form.requester_minutes
    request.consent_attested = form.consent_attested
    session.add(request)
    record(session, request, actor_id, "requester-time")


def close(session: Session, request: ConsultRequest, *, actor_id: int) -> None:
    if request.status != ConsultStatus.answered:
        raise NotAllowed("Only an answered request can be closed.")
    request.status = ConsultStatus.closed
    request.closed_at = utcnow()
    session.add(request)
    record(session, request, actor_id, "close")


def cancel(session: Session, request: ConsultRequest, *, actor_id: int) -> None:
    if request.status not in OPEN_STATUSES or request.responded_at is not None:
        raise NotAllowed("The consultant has already answered; it can no longer be withdrawn.")
    request.status = ConsultStatus.cancelled
    request.closed_at = utcnow()
    session.add(request)
    record(session, request, actor_id, "cancel")


def billing_support_of(
    request: ConsultRequest,
) -> tuple[billing.DocumentedTime, billing.BillingSupport] | None:
    """What the documented time supports, once the consultant has recorded it."""
    if request.discussion_minutes is None or request.review_minutes is None or not request.modality:
        return None
    time = billing.DocumentedTime(
        discussion_minutes=request.discussion_minutes,
        review_minutes=request.review_minutes,
        modality=request.modality,
        requester_minutes=request.requester_minutes,
        consent_attested=request.consent_attested,
    )
    return time, billing.billing_support(time)


def start_case(session: Session, request: ConsultRequest, program_id: int, *, actor_id: int) -> int:
    """A case draft in the requester's ECHO program from the consult: the child's age
    and sex, the concerns as its history, the medications and the question (all passed
    the PHI guard when asked; they pass it again as a case). The presenter completes and
    submits it like any case: a consult is clinical advice, a case presentation is
    education (DOMAIN.md 8), so nothing is submitted for them."""
    form, acknowledged = cases.read_form(
        {
            "age_value": "" if request.age_value is None else str(request.age_value),
            "age_unit": request.age_unit,
            "sex": request.sex,
            "history": request.concerns,
            "medications": request.medications,
            "question": request.question,
        }
    )
    program = session.get(Program, program_id)
    if program is None:
        raise NotAllowed("Choose one of your programs.")
    try:
        case = cases.save(
            session, form=form, acknowledged=acknowledged, actor_id=actor_id, program=program
        )
    except cases.CaseBlocked:
        raise NotAllowed(
            "The consult's text needs a check before it can become a case; start the case "
            "from the program instead."
        ) from None
    request.case_id = case.id
    session.add(request)
    record(session, request, actor_id, "case-started")
    return case.id or 0


# --- lists --------------------------------------------------------------------------------


def requests_of_practices(
    session: Session, practice_ids: Sequence[int]
) -> list[tuple[ConsultRequest, ConsultLine, Practice]]:
    if not practice_ids:
        return []
    rows = session.exec(
        select(ConsultRequest, ConsultLine, Practice)
        .join(ConsultLine, col(ConsultLine.id) == col(ConsultRequest.line_id))
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .where(col(ConsultRequest.practice_id).in_(practice_ids))
        .order_by(col(ConsultRequest.created_at).desc())
        .limit(200)
    ).all()
    return [(request, line, practice) for request, line, practice in rows]


def assigned_to(session: Session, user_id: int) -> list[tuple[ConsultRequest, ConsultLine]]:
    rows = session.exec(
        select(ConsultRequest, ConsultLine)
        .join(ConsultLine, col(ConsultLine.id) == col(ConsultRequest.line_id))
        .where(
            ConsultRequest.assigned_to_id == user_id,
            ConsultRequest.status == ConsultStatus.assigned.value,
        )
        .order_by(col(ConsultRequest.created_at))
    ).all()
    return [(request, line) for request, line in rows]


def lines_of_hubs(session: Session, hub_ids: Sequence[int]) -> list[tuple[ConsultLine, Hub]]:
    if not hub_ids:
        return []
    rows = session.exec(
        select(ConsultLine, Hub)
        .join(Hub, col(Hub.id) == col(ConsultLine.hub_id))
        .where(col(ConsultLine.hub_id).in_(hub_ids))
        .order_by(Hub.name, ConsultLine.name)
    ).all()
    return [(line, hub) for line, hub in rows]


def line_by_slug(session: Session, slug: str) -> tuple[ConsultLine, Hub] | None:
    found = session.exec(
        select(ConsultLine, Hub)
        .join(Hub, col(Hub.id) == col(ConsultLine.hub_id))
        .where(ConsultLine.slug == slug)
    ).first()
    return (found[0], found[1]) if found else None


@dataclass(frozen=True)
class LineSummary:
    line: ConsultLine
    open_count: int
    past_target: int  # open, no first contact yet, target passed


def line_summaries(session: Session, hub_ids: Sequence[int], now: datetime) -> list[LineSummary]:
    """Each line of these hubs with its open requests and those past their target (the
    staff home's "Consult lines")."""
    summaries = []
    for line, _hub in lines_of_hubs(session, hub_ids):
        rows = session.exec(
            select(ConsultRequest.responded_at, ConsultRequest.target_at).where(
                ConsultRequest.line_id == line.id, col(ConsultRequest.status).in_(OPEN_STATUSES)
            )
        ).all()
        late = sum(1 for responded, target in rows if responded is None and target < now)
        summaries.append(LineSummary(line, len(rows), late))
    return summaries


# --- escalation ---------------------------------------------------------------------------


def overdue(session: Session, now: datetime) -> list[ConsultRequest]:
    """Open requests past their target with no first contact, not yet escalated."""
    return list(
        session.exec(
            select(ConsultRequest)
            .where(
                col(ConsultRequest.status).in_(OPEN_STATUSES),
                col(ConsultRequest.responded_at).is_(None),
                col(ConsultRequest.escalated_at).is_(None),
                ConsultRequest.target_at <= now,
            )
            .order_by(col(ConsultRequest.target_at))
            .limit(500)
        ).all()
    )


def mark_escalated(session: Session, request: ConsultRequest, now: datetime) -> None:
    request.escalated_at = now
    session.add(request)
    record(session, request, None, "escalate", at=now)
