"""Cases: the form's rules, the PHI gate before every save, workflow and audit.

Nothing reaches the database unless ``guard`` found no blocking identifier in any
free-text field and every warning was acknowledged (HIPAA Safe Harbor,
DOMAIN.md section 2). Case text is never logged; the audit log holds ids only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.cases.models import (
    CONCERNS,
    SCHOOL_SETTINGS,
    SEXES,
    TEXT_FIELDS,
    Case,
    CaseEvent,
    CaseStatus,
)
from echo.cases.phi import Finding, scan
from echo.forms import FormErrors
from echo.programs.models import Program, ProgramSession, SessionStatus
from echo.timeutil import utcnow

NOTE_LIMIT = 2000
MAX_AGE_YEARS = 26  # pediatric and transition-age youth


# --- the form -------------------------------------------------------------------------


@dataclass
class CaseForm:
    """What the person typed, checked; kept whole on any error so nothing is lost."""

    values: dict[str, str]
    concerns: list[str]
    errors: dict[str, str] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)

    @property
    def blocked(self) -> bool:
        return any(f.severity == "block" for items in self.findings.values() for f in items)

    def warnings(self) -> list[tuple[str, Finding]]:
        return [
            (name, f)
            for name, items in self.findings.items()
            for f in items
            if f.severity == "warn"
        ]


def acknowledgement_key(field_name: str, finding: Finding) -> str:
    """A form value standing for "I checked this warning", without repeating its text."""
    digest = hashlib.sha256(f"{field_name}\0{finding.kind}\0{finding.text}".encode()).hexdigest()
    return digest[:20]


def read_form(data: Mapping[str, str], concerns: Sequence[str]) -> CaseForm:
    """Check the case form and run the PHI guard on every free-text field."""
    values = {name: (data.get(name) or "").replace("\r\n", "\n") for name in TEXT_FIELDS}
    values.update(
        {
            "age_value": (data.get("age_value") or "").strip(),
            "age_unit": data.get("age_unit") or "years",
            "sex": data.get("sex") or "",
            "school_setting": data.get("school_setting") or "",
            "attested": "yes" if data.get("attested") else "",
        }
    )
    form = CaseForm(values, [c for c in concerns if c in dict(CONCERNS)])
    for name, limit in TEXT_FIELDS.items():
        if len(values[name]) > limit:
            form.errors[name] = (
                f"Shorten this to {limit} characters (it has {len(values[name])}); "
                "your text is kept below."
            )
    age = values["age_value"]
    if age:
        if not age.isdigit():
            form.errors["age_value"] = "Enter the age as a whole number."
        elif values["age_unit"] == "months" and int(age) >= 24:
            form.errors["age_value"] = "Give ages of 2 years and over in years."
        elif values["age_unit"] == "years" and int(age) > MAX_AGE_YEARS:
            form.errors["age_value"] = f"Cases are for patients up to {MAX_AGE_YEARS} years old."
    if values["age_unit"] not in ("years", "months"):
        form.errors["age_unit"] = "Choose years or months."
    if values["sex"] not in dict(SEXES) and values["sex"]:
        form.errors["sex"] = "Choose one of the options."
    if values["school_setting"] not in dict(SCHOOL_SETTINGS):
        form.errors["school_setting"] = "Choose one of the options."
    for name in TEXT_FIELDS:
        found = scan(values[name])
        if found:
            form.findings[name] = found
    return form


class CaseBlocked(Exception):
    """The form has errors or identifiers that block saving; nothing was stored."""

    def __init__(self, form: CaseForm) -> None:
        super().__init__("case not saved")
        self.form = form


class CaseConflict(Exception):
    """Someone else saved the case since this form was opened."""

    def __init__(self, current: Case) -> None:
        super().__init__("case changed meanwhile")
        self.current = current


def _apply(case: Case, form: CaseForm) -> None:
    for name in TEXT_FIELDS:
        setattr(case, name, form.values[name].strip())
    case.age_value = int(form.values["age_value"]) if form.values["age_value"] else None
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
) -> Case:
    """Create (``program``) or update (``case``) a case, or raise; the guard runs first.

    Raises CaseBlocked when the form has errors, a blocking identifier, or a
    warning that was not acknowledged; CaseConflict when ``expected_version`` is
    stale. In both cases nothing is written.
    """
    missing = [f for name, f in form.warnings() if acknowledgement_key(name, f) not in acknowledged]
    if form.errors or form.blocked or missing:
        raise CaseBlocked(form)
    if case is None:
        if program is None:
            raise ValueError("a new case needs its program")
        case = Case(program_id=program.id or 0, submitter_id=actor_id)
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
    note = note.strip()
    if case.status not in t.sources:
        errors["action"] = (
            f"A case that is {case.status.replace('_', ' ')} cannot be moved this way."
        )
    if t.needs_note and not note:
        errors["note"] = "Write a note for the submitter saying why."
    if len(note) > NOTE_LIMIT:
        errors["note"] = f"Shorten the note to {NOTE_LIMIT} characters."
    if any(f.severity == "block" for f in scan(note)):
        errors["note"] = "The note contains an identifier (a name, date or number); remove it."
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


# --- audit ---------------------------------------------------------------------------------


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
