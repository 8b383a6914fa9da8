"""Cases: the form's rules, the PHI gate before every save, workflow and audit.

Nothing reaches the database unless ``guard`` found no blocking identifier in any
free-text field and every warning was acknowledged (HIPAA Safe Harbor,
docs/domain.md section 2). Case text is never logged; the audit log holds ids only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.cases.forms import CaseChoices, RecommendationChoices
from echo.cases.models import (
    RECOMMENDATION_FIELDS,
    TEXT_FIELDS,
    Case,
    CaseEvent,
    CaseOutcome,
    CaseStatus,
    Recommendation,
)
from echo.phi import Check, Finding, check_text
from echo.programs import events
from echo.programs.models import Program, ProgramSession, SessionStatus
from echo.timeutil import utcnow
from echo.web.params import FormErrors, many_lines, one_line

MAX_AGE_YEARS = 26  # pediatric and transition-age youth
ONE_LINE_FIELDS = frozenset({"gender"})  # an <input>; the others are <textarea>s


# --- the form -------------------------------------------------------------------------


def acknowledgement_key(field_name: str, finding: Finding) -> str:
    """A form value standing for "I checked this warning", without repeating its text."""
    digest = hashlib.sha256(f"{field_name}\0{finding.kind}\0{finding.text}".encode()).hexdigest()
    return digest[:20]


@dataclass
class GuardedForm:
    """Free text the person typed, checked by the PHI guard; kept whole on any error so
    nothing is lost. Case forms, recommendations and transition notes share these rules."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)
    checks: dict[str, Check] = field(default_factory=dict)  # the guard's verdict per field

    @property
    def findings(self) -> dict[str, tuple[Finding, ...]]:
        """The fields with findings, in form order."""
        return {name: check.findings for name, check in self.checks.items() if check.findings}

    @property
    def blocked(self) -> bool:
        return any(check.blocked for check in self.checks.values())

    def warnings(self) -> list[tuple[str, Finding]]:
        return [(name, f) for name, check in self.checks.items() for f in check.warnings]

    def may_be_saved(self, acknowledged: set[str]) -> bool:
        """No error, no blocking identifier, and every warning ticked as checked."""
        missing = [
            f for name, f in self.warnings() if acknowledgement_key(name, f) not in acknowledged
        ]
        return not (self.errors or self.blocked or missing)

    def check_fields(self, limits: Mapping[str, int]) -> None:
        """Length limits, then the PHI guard, on each free-text field in ``limits``."""
        for name, limit in limits.items():
            text = self.values[name]
            if len(text) > limit:
                self.errors[name] = (
                    f"Shorten this to {limit} characters (it has {len(text)}); "
                    "your text is kept below."
                )
            self.checks[name] = check_text(text)


@dataclass
class CaseForm(GuardedForm):
    concerns: list[str] = field(default_factory=list)


def guarded_values(data: Mapping[str, Any], limits: Mapping[str, int]) -> dict[str, str]:
    """The free-text fields as the guard reads them: line breaks normalised (one-line
    fields get none), control characters gone; never cut, so nothing typed is lost."""
    return {
        name: (one_line if name in ONE_LINE_FIELDS else many_lines)(_text_of(data.get(name)))
        for name in limits
    }


def _text_of(value: object) -> str:
    return value if isinstance(value, str) else ""


def read_form(data: Mapping[str, Any]) -> tuple[CaseForm, set[str]]:
    """Check the case form and run the PHI guard on every free-text field; also returns
    the acknowledged warnings."""
    values = guarded_values(data, TEXT_FIELDS)
    choices, errors = CaseChoices.parse_partly(data)
    values.update(
        {
            "age_value": str(choices.age_value) if choices.age_value is not None else "",
            "age_unit": choices.age_unit or "years",
            "sex": choices.sex,
            "school_setting": choices.school_setting,
            "attested": "yes" if choices.attested else "",
        }
    )
    for name in errors:  # what could not be read is shown again as it was typed
        raw = data.get(name)
        if isinstance(raw, str) and name in values:
            values[name] = one_line(raw)
    form = CaseForm(values, concerns=choices.concerns, errors=errors)
    age = choices.age_value
    if age is not None and "age_value" not in errors:
        if choices.age_unit == "months" and age >= 24:
            form.errors["age_value"] = "Give ages of 2 years and over in years."
        elif choices.age_unit == "years" and age > MAX_AGE_YEARS:
            form.errors["age_value"] = f"Cases are for patients up to {MAX_AGE_YEARS} years old."
    form.check_fields(TEXT_FIELDS)
    return form, choices.ack


class CaseBlocked(FormErrors):
    """The form has errors, identifiers that block saving or warnings not yet confirmed;
    nothing was stored. Like every invalid input, a FormErrors: field -> what to do (the
    guard's one message per kind for a blocked field); ``form`` keeps the text and the
    guard's findings so the page can show them marked."""

    def __init__(self, form: GuardedForm) -> None:
        blocked = {name: check.message for name, check in form.checks.items() if check.blocked}
        super().__init__({**blocked, **form.errors})
        self.form = form


class CaseConflict(Exception):
    """Someone else saved the case since this form was opened."""

    def __init__(self, current: Case) -> None:
        super().__init__("case changed meanwhile")
        self.current = current


def _apply(case: Case, form: CaseForm) -> None:
    for name in TEXT_FIELDS:
        setattr(case, name, form.values[name].strip())
    age = form.values["age_value"]
    case.age_value = int(age) if age else None  # read_form wrote it from a checked int
    case.age_unit = form.values["age_unit"]
    case.sex = form.values["sex"]
    case.school_setting = form.values["school_setting"]
    case.concerns = ",".join(form.concerns)
    case.attested = bool(form.values["attested"])


def save(
    session: Session,
    *,
    form: CaseForm,
    acknowledged: set[str],
    actor_id: int,
    program: Program | None = None,
    case: Case | None = None,
    expected_version: int | None = None,
    follow_up_of: Case | None = None,
) -> Case:
    """Create (``program``) or update (``case``) a case, or raise; the guard runs first.

    Raises CaseBlocked when the form has errors, a blocking identifier, or a
    warning that was not acknowledged; CaseConflict when ``expected_version`` is
    stale. In both cases nothing is written.
    """
    if not form.may_be_saved(acknowledged):
        raise CaseBlocked(form)
    if case is None:
        if program is None:
            raise ValueError("a new case needs its program")
        case = Case(
            program_id=program.id or 0,
            submitter_id=actor_id,
            follow_up_of_id=follow_up_of.id if follow_up_of else None,
        )
        _apply(case, form)
        session.add(case)
        session.flush()
        record(session, case, actor_id, "create")
        return case
    # Compare-and-set in the database, so two concurrent saves cannot both win.
    result = session.execute(
        sa.update(Case)
        .where(col(Case.id) == case.id, col(Case.version) == expected_version)
        .values(version=Case.version + 1, updated_at=utcnow())
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        session.refresh(case)
        raise CaseConflict(case)
    session.refresh(case)
    _apply(case, form)
    session.add(case)
    record(session, case, actor_id, "edit")
    return case


# --- workflow ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    label: str
    sources: frozenset[str]
    target: str
    by_submitter: bool  # else by the hub's coordinators and faculty
    needs_note: bool = False


S = CaseStatus
TRANSITIONS: dict[str, Transition] = {
    "submit": Transition("Submit to the hub", frozenset({S.draft, S.returned}), S.submitted, True),
    "review": Transition("Start review", frozenset({S.submitted}), S.in_review, False),
    "return": Transition(
        "Return to the submitter", frozenset({S.submitted, S.in_review}), S.returned, False, True
    ),
    "decline": Transition(
        "Decline", frozenset({S.submitted, S.in_review}), S.declined, False, True
    ),
    "accept": Transition(
        "Accept and schedule", frozenset({S.submitted, S.in_review}), S.accepted, False
    ),
    "present": Transition("Mark presented", frozenset({S.accepted}), S.presented, False),
    "close": Transition("Close", frozenset({S.released}), S.closed, False),
}


def available(case: Case, *, is_submitter: bool, runs_program: bool) -> list[str]:
    return [
        name
        for name, t in TRANSITIONS.items()
        if case.status in t.sources and (is_submitter if t.by_submitter else runs_program)
    ]


def transition(
    session: Session,
    case: Case,
    name: str,
    *,
    actor_id: int,
    note: str = "",
    session_id: int | None = None,
) -> None:
    """Move the case along its workflow, recording who, when and a (guarded) note."""
    t = TRANSITIONS[name]
    errors: dict[str, str] = {}
    note = note.strip()  # TransitionForm has bounded it (NOTE_LIMIT)
    if case.status not in t.sources:
        errors["action"] = (
            f"A case that is {case.status.replace('_', ' ')} cannot be moved this way."
        )
    if t.needs_note and not note:
        errors["note"] = "Write a note for the submitter saying why."
    if (checked := check_text(note)).blocked:
        errors["note"] = checked.message
    if name == "submit":
        if not case.attested:
            errors["attested"] = "Confirm that the case is de-identified."
        if not case.question.strip():
            errors["question"] = "Write the question you want the hub to answer."
        if case.age_value is None:
            errors["age_value"] = "Enter the patient's age."
    if name == "accept":
        errors.update(_check_slot(session, case, session_id))
    if errors:
        raise FormErrors(errors)
    before = case.status
    case.status = t.target
    if name == "accept":
        case.session_id = session_id
    case.version += 1
    case.updated_at = utcnow()
    session.add(case)
    record(session, case, actor_id, name, before, t.target, note)


def _check_slot(session: Session, case: Case, session_id: int | None) -> dict[str, str]:
    target = session.get(ProgramSession, session_id) if session_id else None
    if target is None or target.program_id != case.program_id:
        return {"session_id": "Choose one of the program's sessions."}
    if target.status == SessionStatus.cancelled or target.starts_at <= utcnow():
        return {"session_id": "Choose an upcoming session that is not cancelled."}
    taken = session.exec(
        select(sa.func.count())
        .select_from(Case)
        .where(Case.session_id == target.id, col(Case.id) != case.id)
    ).one()
    if taken >= target.case_capacity:
        return {"session_id": f"That session already has {taken} cases; choose another."}
    return {}


@dataclass(frozen=True)
class SessionSlot:
    """An upcoming session a case could be scheduled in, with its room for cases."""

    value: str  # the session id, as the form sends it
    starts_at: datetime
    left: int  # case slots still free (this case's own place counted as free)
    capacity: int


def session_slots(
    session: Session, case: Case, upcoming: Sequence[ProgramSession]
) -> list[SessionSlot]:
    """The program's upcoming, not cancelled sessions with the case slots each has left
    (one query; the rule that refuses a full session is _session_errors')."""
    ids = [s.id for s in upcoming if s.id is not None and s.status != SessionStatus.cancelled]
    taken: dict[int, int] = {}
    if ids:
        rows = session.exec(
            select(col(Case.session_id), sa.func.count())
            .where(col(Case.session_id).in_(ids), col(Case.id) != case.id)
            .group_by(col(Case.session_id))
        ).all()
        taken = {sid: n for sid, n in rows if sid is not None}
    return [
        SessionSlot(
            str(s.id),
            s.starts_at,
            max(0, s.case_capacity - taken.get(s.id or 0, 0)),
            s.case_capacity,
        )
        for s in upcoming
        if s.id in ids
    ]


# --- audit ---------------------------------------------------------------------------------

# Entries kept for the audit trail page only; the case page's history shows the rest.
AUDIT_ONLY_ACTIONS = frozenset({"view", "view recommendations", "export pdf"})


def record(
    session: Session,
    case: Case,
    actor_id: int | None,
    action: str,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> None:
    """Append to the case's trail. Only the note of a transition is text, and it is guarded."""
    session.add(
        CaseEvent(
            case_id=case.id or 0,
            actor_id=actor_id,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    )


def trail(session: Session, case_id: int) -> list[tuple[CaseEvent, User | None]]:
    rows = session.exec(
        select(CaseEvent, User)
        .outerjoin(User, col(User.id) == CaseEvent.actor_id)
        .where(CaseEvent.case_id == case_id)
        .order_by(col(CaseEvent.at), col(CaseEvent.id))
    ).all()
    return [(event, user) for event, user in rows]


# --- lists ------------------------------------------------------------------------------------


def cases_of_submitter(session: Session, user_id: int) -> list[tuple[Case, Program]]:
    rows = session.exec(
        select(Case, Program)
        .join(Program, col(Program.id) == Case.program_id)
        .where(Case.submitter_id == user_id)
        .order_by(col(Case.updated_at).desc())
    ).all()
    return [(c, p) for c, p in rows]


def triage_queue(
    session: Session,
    hub_id: int,
    *,
    program_slug: str = "",
    status: str = "",
    concern: str = "",
) -> list[tuple[Case, Program, User]]:
    """The hub's submitted cases (never drafts), newest first, filtered."""
    query = (
        select(Case, Program, User)
        .join(Program, col(Program.id) == Case.program_id)
        .join(User, col(User.id) == Case.submitter_id)
        .where(Program.hub_id == hub_id, Case.status != CaseStatus.draft.value)
        .order_by(col(Case.updated_at).desc())
    )
    if program_slug:
        query = query.where(Program.slug == program_slug)
    if status:
        query = query.where(Case.status == status)
    rows = [(c, p, u) for c, p, u in session.exec(query).all()]
    if concern:
        rows = [row for row in rows if concern in row[0].concerns.split(",")]
    return rows


def cases_in_session(session: Session, session_id: int) -> Sequence[Case]:
    return session.exec(
        select(Case).where(Case.session_id == session_id).order_by(col(Case.id))
    ).all()


# --- written recommendations ----------------------------------------------------------------

# Faculty may draft from the moment a case is accepted; the lead releases after presentation.
DRAFTABLE = frozenset({CaseStatus.accepted, CaseStatus.presented})


@dataclass
class RecommendationForm(GuardedForm):
    resource_ids: list[str] = field(default_factory=list)


def read_recommendation_form(
    data: Mapping[str, Any], known_resources: Set[str]
) -> tuple[RecommendationForm, set[str]]:
    """The draft recommendations, guarded like a case; also the acknowledged warnings."""
    choices = RecommendationChoices.parse(data)
    values = guarded_values(data, RECOMMENDATION_FIELDS)
    chosen = list(dict.fromkeys(r for r in choices.resource_ids if r))
    form = RecommendationForm(values, resource_ids=[r for r in chosen if r in known_resources])
    unknown = [r for r in chosen if r not in known_resources]
    if unknown:
        form.errors["resource_ids"] = "Choose resources from the toolkit catalog only."
    form.check_fields(RECOMMENDATION_FIELDS)
    return form, choices.ack


def recommendation_values(recommendation: Recommendation | None) -> dict[str, str]:
    return {
        name: getattr(recommendation, name) if recommendation else ""
        for name in RECOMMENDATION_FIELDS
    }


def recommendation_of(session: Session, case_id: int) -> Recommendation | None:
    return session.exec(select(Recommendation).where(Recommendation.case_id == case_id)).first()


def save_recommendation(
    session: Session,
    case: Case,
    *,
    form: RecommendationForm,
    acknowledged: set[str],
    actor_id: int,
    expected_version: int,
) -> Recommendation:
    """Create or update the case's draft recommendations; the guard runs first.

    Raises CaseBlocked (errors, identifiers, unticked warnings), CaseConflict-like
    RecommendationConflict (someone saved meanwhile), or FormErrors when the case is
    not at a stage where recommendations are drafted. Nothing is written on a raise.
    """
    if case.status not in DRAFTABLE:
        raise FormErrors(
            {"action": "Recommendations are drafted once a case is accepted, until release."}
        )
    if not form.may_be_saved(acknowledged):
        raise CaseBlocked(form)
    current = recommendation_of(session, case.id or 0)
    if current is None:
        if expected_version != 0:
            raise RecommendationConflict(None)
        current = Recommendation(case_id=case.id or 0)
    else:
        result = session.execute(
            sa.update(Recommendation)
            .where(
                col(Recommendation.id) == current.id,
                col(Recommendation.version) == expected_version,
            )
            .values(version=Recommendation.version + 1, updated_at=utcnow())
        )
        session.refresh(current)
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise RecommendationConflict(current)
    for name in RECOMMENDATION_FIELDS:
        setattr(current, name, form.values[name].strip())
    current.resource_ids = ",".join(form.resource_ids)
    current.drafted_by_id = actor_id
    session.add(current)
    session.flush()
    record(session, case, actor_id, "draft recommendations")
    return current


class RecommendationConflict(Exception):
    """Someone else saved the recommendations since this form was opened."""

    def __init__(self, current: Recommendation | None) -> None:
        super().__init__("recommendations changed meanwhile")
        self.current = current


#: The presenter's outcome report is asked for four weeks after release and reminded once
#: two weeks later: the four-to-six-week window of the issue (echo.cases.outcomes).
OUTCOME_AFTER = timedelta(weeks=4)
OUTCOME_REMINDER_AFTER = timedelta(weeks=2)


def release(session: Session, case: Case, *, actor_id: int) -> Recommendation:
    """The lead faculty member releases the recommendations to the submitter.

    Only after the case was presented, and only a draft with the restated question and
    at least diagnostic considerations or treatment suggestions.
    """
    recommendation = recommendation_of(session, case.id or 0)
    errors: dict[str, str] = {}
    if case.status != CaseStatus.presented:
        errors["action"] = "Recommendations are released after the case was presented."
    if recommendation is None:
        errors["restated_question"] = "Draft the recommendations before releasing them."
    else:
        if not recommendation.restated_question:
            errors["restated_question"] = "Restate the question before release."
        if not (recommendation.diagnostic_considerations or recommendation.treatment):
            errors["treatment"] = (
                "Write diagnostic considerations or treatment suggestions before release."
            )
    if errors or recommendation is None:
        raise FormErrors(errors)
    now = utcnow()
    recommendation.released_at = now
    recommendation.released_by_id = actor_id
    session.add(recommendation)
    case.status = CaseStatus.released
    case.version += 1
    case.updated_at = now
    session.add(case)
    record(session, case, actor_id, "release", CaseStatus.presented, CaseStatus.released)
    if session.exec(select(CaseOutcome).where(CaseOutcome.case_id == case.id)).first() is None:
        session.add(CaseOutcome(case_id=case.id or 0, due_at=now + OUTCOME_AFTER))
    # Ids and a link only: a case's text never leaves Echo in a webhook.
    events.emit(
        session,
        case.program_id,
        "case.recommendations_released",
        {"case_id": case.id, "session_id": case.session_id, "case_url": f"/cases/{case.id}"},
    )
    return recommendation


# --- site administrators' audited access ("break glass") ------------------------------------

BREAK_GLASS_MINUTES = 30
BREAK_GLASS_ACTION = "break glass"


def open_by_break_glass(session: Session, case: Case, *, actor_id: int, reason: str) -> None:
    """Record a site administrator's reason for opening a case they are not on the team of."""
    reason = reason.strip()  # BreakGlassForm has required and bounded it (NOTE_LIMIT)
    if not reason:
        raise FormErrors({"reason": "Say why you need to open this case."})
    if (checked := check_text(reason)).blocked:
        raise FormErrors({"reason": checked.message})
    record(session, case, actor_id, BREAK_GLASS_ACTION, note=reason)


def has_break_glass_grant(session: Session, case_id: int, actor_id: int) -> bool:
    """Whether this person opened the case through the audited action in the last minutes."""
    since = utcnow() - timedelta(minutes=BREAK_GLASS_MINUTES)
    found = session.exec(
        select(CaseEvent.id).where(
            CaseEvent.case_id == case_id,
            CaseEvent.actor_id == actor_id,
            CaseEvent.action == BREAK_GLASS_ACTION,
            col(CaseEvent.at) >= since,
        )
    ).first()
    return found is not None


# --- follow-up cases ---------------------------------------------------------------------------

FOLLOW_UP_FROM = frozenset({CaseStatus.presented, CaseStatus.released, CaseStatus.closed})
# The submitter edits a case while it is a draft or after the hub returned it.
EDITABLE = frozenset({CaseStatus.draft, CaseStatus.returned})


def may_edit(case: Case, user_id: int) -> bool:
    return case.submitter_id == user_id and case.status in EDITABLE


def follow_up_origin(
    session: Session, original_id: int, *, submitter_id: int, program_id: int
) -> Case | None:
    """The case a new one follows up, if it is the same person's, in the same program,
    and was presented; else None."""
    original = session.get(Case, original_id)
    if (
        original is None
        or original.submitter_id != submitter_id
        or original.program_id != program_id
        or original.status not in FOLLOW_UP_FROM
    ):
        return None
    return original


def follow_ups(session: Session, case_id: int) -> Sequence[Case]:
    return session.exec(
        select(Case).where(Case.follow_up_of_id == case_id).order_by(col(Case.id))
    ).all()


# --- what the role homes list (echo.pages.home) ------------------------------------------------

# Cases waiting for the hub: submitted, or in review and not yet answered.
WAITING = (CaseStatus.submitted.value, CaseStatus.in_review.value)


def waiting_cases(session: Session, hub_ids: Sequence[int]) -> list[tuple[Case, Program]]:
    """The cases waiting in the triage queues of ``hub_ids``, oldest first (one query)."""
    if not hub_ids:
        return []
    rows = session.exec(
        select(Case, Program)
        .join(Program, col(Program.id) == Case.program_id)
        .where(col(Program.hub_id).in_(hub_ids), col(Case.status).in_(WAITING))
        .order_by(col(Case.updated_at), col(Case.id))
    ).all()
    return [(c, p) for c, p in rows]


def cases_in_sessions(session: Session, session_ids: Sequence[int]) -> dict[int, list[Case]]:
    """The cases scheduled in each of these sessions (one query)."""
    found: dict[int, list[Case]] = {sid: [] for sid in session_ids}
    if not session_ids:
        return found
    for case in session.exec(
        select(Case).where(col(Case.session_id).in_(session_ids)).order_by(col(Case.id))
    ):
        if case.session_id is not None:
            found.setdefault(case.session_id, []).append(case)
    return found


def presented_awaiting_release(
    session: Session, hub_ids: Sequence[int]
) -> list[tuple[Case, Program, Recommendation | None]]:
    """Presented cases of ``hub_ids`` whose recommendations are not released yet, with
    the draft if there is one, oldest first (one query)."""
    if not hub_ids:
        return []
    rows = session.exec(
        select(Case, Program, Recommendation)
        .join(Program, col(Program.id) == Case.program_id)
        .outerjoin(Recommendation, col(Recommendation.case_id) == Case.id)
        .where(col(Program.hub_id).in_(hub_ids), Case.status == CaseStatus.presented.value)
        .order_by(col(Case.updated_at), col(Case.id))
    ).all()
    return [(c, p, r) for c, p, r in rows]
