"""Practices: a clinic, its members (a lead approves who joins), its enrollment in hubs'
consult lines and its yearly integration self-assessment."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.consult import integration
from echo.consult.forms import PracticeForm
from echo.consult.models import (
    ConsultLine,
    IntegrationAssessment,
    LineEnrollment,
    MemberRole,
    MemberStatus,
    Practice,
    PracticeMember,
)
from echo.programs.models import Hub
from echo.timeutil import utcnow

MAX_LISTED = 50


@dataclass(frozen=True)
class Membership:
    practice: Practice
    member: PracticeMember

    @property
    def is_active(self) -> bool:
        return self.member.status == MemberStatus.active

    @property
    def is_lead(self) -> bool:
        return self.is_active and self.member.role == MemberRole.lead


def create(session: Session, form: PracticeForm, *, user_id: int) -> Practice:
    """A new practice; whoever creates it is its first lead."""
    practice = Practice(name=form.name, created_by_id=user_id)
    form.copy_to(practice)
    session.add(practice)
    session.flush()
    session.add(
        PracticeMember(
            practice_id=practice.id or 0,
            user_id=user_id,
            role=MemberRole.lead,
            status=MemberStatus.active,
            approved_by_id=user_id,
            approved_at=utcnow(),
        )
    )
    session.flush()
    return practice


def update(session: Session, practice: Practice, form: PracticeForm) -> None:
    form.copy_to(practice)
    session.add(practice)


def memberships(session: Session, user_id: int) -> list[Membership]:
    rows = session.exec(
        select(Practice, PracticeMember)
        .join(PracticeMember, col(PracticeMember.practice_id) == col(Practice.id))
        .where(PracticeMember.user_id == user_id)
        .order_by(Practice.name)
    ).all()
    return [Membership(practice, member) for practice, member in rows]


def membership(session: Session, practice_id: int, user_id: int) -> Membership | None:
    found = session.exec(
        select(Practice, PracticeMember)
        .join(PracticeMember, col(PracticeMember.practice_id) == col(Practice.id))
        .where(PracticeMember.user_id == user_id, PracticeMember.practice_id == practice_id)
    ).first()
    return Membership(*found) if found else None


def active_practice_ids(session: Session, user_id: int) -> list[int]:
    return list(
        session.exec(
            select(PracticeMember.practice_id).where(
                PracticeMember.user_id == user_id, PracticeMember.status == MemberStatus.active
            )
        ).all()
    )


def search(session: Session, query: str) -> Sequence[Practice]:
    """Practices by name (to ask to join one): at most MAX_LISTED, by name."""
    statement = select(Practice).order_by(Practice.name).limit(MAX_LISTED)
    if query:
        # LIKE wildcards typed in the query match themselves (autoescape).
        statement = statement.where(
            sa.func.lower(col(Practice.name)).contains(query.lower(), autoescape=True)
        )
    return session.exec(statement).all()


def request_to_join(session: Session, practice_id: int, user_id: int) -> PracticeMember:
    """A pending membership (the lead approves); asking again changes nothing."""
    existing = session.exec(
        select(PracticeMember).where(
            PracticeMember.practice_id == practice_id, PracticeMember.user_id == user_id
        )
    ).first()
    if existing is not None:
        return existing
    member = PracticeMember(practice_id=practice_id, user_id=user_id)
    session.add(member)
    session.flush()
    return member


def members(session: Session, practice_id: int) -> list[tuple[PracticeMember, User]]:
    rows = session.exec(
        select(PracticeMember, User)
        .join(User, col(User.id) == col(PracticeMember.user_id))
        .where(PracticeMember.practice_id == practice_id)
        .order_by(col(PracticeMember.status).desc(), User.name)
    ).all()
    return [(member, user) for member, user in rows]


def decide(
    session: Session, practice_id: int, member_id: int, decision: str, *, actor_id: int
) -> bool:
    """A lead approves or declines a pending request; False when there is no such request."""
    member = session.get(PracticeMember, member_id)
    if member is None or member.practice_id != practice_id:
        return False
    if member.status != MemberStatus.pending:
        return False
    if decision == "approve":
        member.status = MemberStatus.active
        member.approved_by_id = actor_id
        member.approved_at = utcnow()
        session.add(member)
    else:
        session.delete(member)
    session.flush()
    return True


# --- consult lines ------------------------------------------------------------------------


def open_lines(session: Session) -> list[tuple[ConsultLine, Hub]]:
    rows = session.exec(
        select(ConsultLine, Hub)
        .join(Hub, col(Hub.id) == col(ConsultLine.hub_id))
        .where(ConsultLine.is_open)
        .order_by(Hub.name, ConsultLine.name)
    ).all()
    return [(line, hub) for line, hub in rows]


def enrolled_lines(session: Session, practice_ids: Sequence[int]) -> list[tuple[ConsultLine, Hub]]:
    """The open lines any of these practices is enrolled in."""
    if not practice_ids:
        return []
    rows = session.exec(
        select(ConsultLine, Hub)
        .join(Hub, col(Hub.id) == col(ConsultLine.hub_id))
        .join(LineEnrollment, col(LineEnrollment.line_id) == col(ConsultLine.id))
        .where(
            col(LineEnrollment.practice_id).in_(practice_ids),
            col(LineEnrollment.ended_at).is_(None),
            ConsultLine.is_open,
        )
        .distinct()
        .order_by(ConsultLine.name)
    ).all()
    return [(line, hub) for line, hub in rows]


def enrolled_practices(
    session: Session, line_id: int, practice_ids: Sequence[int]
) -> list[Practice]:
    """Of these practices, those enrolled in the line (a request comes from one of them)."""
    if not practice_ids:
        return []
    return list(
        session.exec(
            select(Practice)
            .join(LineEnrollment, col(LineEnrollment.practice_id) == col(Practice.id))
            .where(
                LineEnrollment.line_id == line_id,
                col(LineEnrollment.ended_at).is_(None),
                col(Practice.id).in_(practice_ids),
            )
            .order_by(Practice.name)
        ).all()
    )


def enroll(session: Session, practice_id: int, line: ConsultLine, *, actor_id: int) -> bool:
    """Enroll the practice in an open line; False when the line is closed."""
    if not line.is_open:
        return False
    existing = session.exec(
        select(LineEnrollment).where(
            LineEnrollment.line_id == line.id, LineEnrollment.practice_id == practice_id
        )
    ).first()
    if existing is not None:
        existing.ended_at = None
        session.add(existing)
    else:
        session.add(
            LineEnrollment(line_id=line.id or 0, practice_id=practice_id, enrolled_by_id=actor_id)
        )
    session.flush()
    return True


def line_practices(session: Session, line_id: int) -> list[Practice]:
    return list(
        session.exec(
            select(Practice)
            .join(LineEnrollment, col(LineEnrollment.practice_id) == col(Practice.id))
            .where(LineEnrollment.line_id == line_id, col(LineEnrollment.ended_at).is_(None))
            .order_by(Practice.name)
        ).all()
    )


# --- the integration self-assessment --------------------------------------------------------


def save_assessment(
    session: Session, practice_id: int, answers: Mapping[str, bool], *, actor_id: int
) -> IntegrationAssessment:
    profile = integration.assess(answers)
    assessment = IntegrationAssessment(
        practice_id=practice_id,
        answers="\n".join(
            f"{key}={'yes' if answers.get(key) else 'no'}" for key in integration.ALL_KEYS
        ),
        level=profile.level.number,
        completed_by_id=actor_id,
    )
    session.add(assessment)
    session.flush()
    return assessment


def assessments(session: Session, practice_id: int) -> list[IntegrationAssessment]:
    """The practice's self-assessments, newest first."""
    return list(
        session.exec(
            select(IntegrationAssessment)
            .where(IntegrationAssessment.practice_id == practice_id)
            .order_by(
                col(IntegrationAssessment.completed_at).desc(), col(IntegrationAssessment.id).desc()
            )
        ).all()
    )
