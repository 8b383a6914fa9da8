"""The outcome report of a case: some weeks after its recommendations are released the
presenter is asked which were carried out, what got in the way and how the child is doing
(Moore levels 5 and 6: performance and patient health). The hub sees each report on the
case and, in totals, how often each kind of recommendation is adopted; it can invite the
presenter to present an update.

Scheduling happens on release (echo.cases.services.release); sending is a pass the worker
runs (echo.housekeeping) like the reminders: due reports are emailed once, reminded once.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.cases import notifications
from echo.cases.models import (
    ACTIONABLE_SECTIONS,
    ADOPTION,
    CHILD_STATUS,
    OUTCOME_BARRIERS,
    Case,
    CaseOutcome,
    CaseStatus,
    Recommendation,
)
from echo.cases.services import OUTCOME_REMINDER_AFTER
from echo.phi import check_text
from echo.settings import Settings
from echo.web.params import FormErrors, many_lines, one_line

log = logging.getLogger(__name__)

COMMENT_LIMIT = 2000
ANSWERABLE = frozenset({CaseStatus.released, CaseStatus.closed})
#: Adoption statuses that mean the care plan changed.
CHANGED = frozenset({"done", "partly"})


def outcome_of(session: Session, case_id: int) -> CaseOutcome | None:
    return session.exec(select(CaseOutcome).where(CaseOutcome.case_id == case_id)).first()


def sections_of(recommendation: Recommendation | None) -> list[tuple[str, str]]:
    """The actionable sections the hub actually wrote for this case."""
    if recommendation is None:
        return []
    return [
        (key, label)
        for key, label in ACTIONABLE_SECTIONS
        if (recommendation.resource_ids if key == "resources" else getattr(recommendation, key))
    ]


def may_report(case: Case, outcome: CaseOutcome | None, user_id: int) -> bool:
    return (
        outcome is not None
        and outcome.answered_at is None
        and case.submitter_id == user_id
        and case.status in ANSWERABLE
    )


def save_report(
    session: Session,
    outcome: CaseOutcome,
    sections: Sequence[tuple[str, str]],
    data: Mapping[str, list[str]],
    now: datetime,
) -> CaseOutcome:
    """Store the report or raise FormErrors naming each field (nothing stored then)."""
    errors: dict[str, str] = {}
    statuses = {key for key, _ in ADOPTION}
    adoption: list[str] = []
    for key, _label in sections:
        value = one_line((data.get(f"adoption-{key}") or [""])[0])
        if value not in statuses:
            errors[f"adoption-{key}"] = "Say whether you carried this out."
        else:
            adoption.append(f"{key}={value}")
    barriers = [one_line(v) for v in data.get("barriers", [])]
    if any(b not in dict(OUTCOME_BARRIERS) for b in barriers):
        errors["barriers"] = "Choose from the options shown."
    child = one_line((data.get("child_status") or [""])[0])
    if child not in dict(CHILD_STATUS):
        errors["child_status"] = "Say how the child is doing."
    comment = many_lines((data.get("comment") or [""])[0])
    if len(comment) > COMMENT_LIMIT:
        errors["comment"] = f"Shorten this to {COMMENT_LIMIT} characters."
    elif comment and (checked := check_text(comment)).blocked:
        errors["comment"] = checked.message
    if errors:
        raise FormErrors(errors)
    outcome.adoption = "\n".join(adoption)
    outcome.barriers = ",".join(dict.fromkeys(barriers))
    outcome.child_status = child
    outcome.comment = comment
    outcome.wants_to_present = bool((data.get("wants_to_present") or [""])[0])
    outcome.answered_at = now
    session.add(outcome)
    session.flush()
    return outcome


def invite_presentation(
    session: Session,
    settings: Settings,
    case: Case,
    outcome: CaseOutcome,
    actor_id: int,
    now: datetime,
) -> None:
    outcome.invited_at = now
    outcome.invited_by_id = actor_id
    session.add(outcome)
    notifications.update_invited(session, settings, case)
    session.flush()


# --- the worker's pass -----------------------------------------------------------------------


def run(session: Session, settings: Settings, now: datetime) -> dict[str, int]:
    counts = {"case outcome requests": 0, "case outcome reminders": 0}
    due = session.exec(
        select(CaseOutcome, Case, User)
        .join(Case, col(Case.id) == CaseOutcome.case_id)
        .join(User, col(User.id) == Case.submitter_id)
        .where(
            col(CaseOutcome.answered_at).is_(None),
            col(Case.status).in_(list(ANSWERABLE)),
            col(User.is_active),
            (col(CaseOutcome.due_at) <= now) & col(CaseOutcome.sent_at).is_(None)
            | (col(CaseOutcome.sent_at) <= now - OUTCOME_REMINDER_AFTER)
            & col(CaseOutcome.reminded_at).is_(None),
        )
        .order_by(col(CaseOutcome.due_at))
        .limit(500)
    ).all()
    for outcome, case, user in due:
        reminder = outcome.sent_at is not None
        try:
            with session.begin_nested():
                notifications.outcome_requested(session, settings, case, user, reminder=reminder)
        except Exception:
            log.exception("case outcome request %s not queued", outcome.id)
            continue
        if reminder:
            outcome.reminded_at = now
            counts["case outcome reminders"] += 1
        else:
            outcome.sent_at = now
            counts["case outcome requests"] += 1
        session.add(outcome)
    session.flush()
    return counts


# --- totals for the hub ----------------------------------------------------------------------


@dataclass
class AdoptionSummary:
    reports: int = 0
    asked: int = 0
    changed_plan: int = 0  # reports with at least one recommendation carried out (or partly)
    wants_to_present: int = 0
    per_section: dict[str, Counter[str]] = field(default_factory=dict)
    child_status: Counter[str] = field(default_factory=Counter)
    barriers: Counter[str] = field(default_factory=Counter)

    def rows(self) -> list[tuple[str, int, int, int, int]]:
        """Per section: label, reports, carried out, partly, not (yet)."""
        found = []
        for key, label in ACTIONABLE_SECTIONS:
            counts = self.per_section.get(key)
            if counts:
                found.append(
                    (
                        label,
                        sum(counts.values()),
                        counts["done"],
                        counts["partly"],
                        counts["not-yet"] + counts["not-planned"],
                    )
                )
        return found


def adoption_summary(
    session: Session,
    program_ids: Sequence[int],
    start: datetime | None = None,
    end: datetime | None = None,
) -> AdoptionSummary:
    """Outcome reports of the programs' cases whose recommendations were released in the
    period: how often each kind of recommendation was carried out, and how the children do."""
    summary = AdoptionSummary()
    if not program_ids:
        return summary
    query = (
        select(CaseOutcome)
        .join(Case, col(Case.id) == CaseOutcome.case_id)
        .join(Recommendation, col(Recommendation.case_id) == Case.id)
        .where(
            col(Case.program_id).in_(program_ids),
            col(CaseOutcome.sent_at).isnot(None) | col(CaseOutcome.answered_at).isnot(None),
        )
    )
    if start is not None:
        query = query.where(col(Recommendation.released_at) >= start)
    if end is not None:
        query = query.where(col(Recommendation.released_at) < end)
    for outcome in session.exec(query):
        summary.asked += 1
        if outcome.answered_at is None:
            continue
        summary.reports += 1
        adoption = outcome.adoption_of
        for key, status in adoption.items():
            summary.per_section.setdefault(key, Counter())[status] += 1
        summary.changed_plan += any(status in CHANGED for status in adoption.values())
        summary.wants_to_present += outcome.wants_to_present
        summary.child_status[outcome.child_status] += 1
        summary.barriers.update(b for b in outcome.barriers.split(",") if b)
    return summary
