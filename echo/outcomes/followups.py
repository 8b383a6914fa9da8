"""Follow-up surveys by email: when an invitation falls due its person gets a one-time link
(a signed token naming the invitation: no login needed, dead once answered), and one
reminder a week later if they have not answered. Run by the worker on each pass
(echo.housekeeping) and by ``echo-lms reminders run``; queuing is idempotent (the outbox's
dedupe keys), and a row that fails is logged and skipped so the others still go.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import User
from echo.outcomes import notifications
from echo.outcomes.models import Survey, SurveyInvitation
from echo.programs.models import Program
from echo.security import tokens
from echo.settings import Settings

log = logging.getLogger(__name__)

#: The reminder goes once, this long after the invitation, if still unanswered.
REMINDER_AFTER = timedelta(days=7)
#: How long a link works: past the reminder, with room for a late answer.
LINK_LIFETIME = timedelta(days=60)
BATCH = 500  # invitations per pass; the next pass takes the rest


def link_token(settings: Settings, invitation: SurveyInvitation, now: datetime) -> str:
    return tokens.mint(
        settings.secret,
        purpose=tokens.Purpose.survey,
        subject=str(invitation.id),
        lifetime=LINK_LIFETIME,
        now=now,
    )


@dataclass(frozen=True)
class Invited:
    invitation: SurveyInvitation
    survey: Survey
    program: Program
    user: User


def invited_by_token(session: Session, settings: Settings, token: str) -> Invited | None:
    """The invitation a link names, or None when the token is forged, expired or meant for
    something else, or its rows are gone."""
    try:
        claims = tokens.verify(settings.secret, token, purpose=tokens.Purpose.survey)
    except tokens.InvalidToken:
        return None
    subject = str(claims.get("sub", ""))
    if not subject.isascii() or not subject.isdigit() or len(subject) > 10:
        return None
    row = session.exec(
        select(SurveyInvitation, Survey, Program, User)
        .join(Survey, col(Survey.id) == SurveyInvitation.survey_id)
        .join(Program, col(Program.id) == Survey.program_id)
        .join(User, col(User.id) == SurveyInvitation.user_id)
        .where(SurveyInvitation.id == int(subject))
    ).first()
    return Invited(*row) if row is not None else None


def _pending(session: Session, condition: sa.ColumnElement[bool]) -> list[Invited]:
    rows = session.exec(
        select(SurveyInvitation, Survey, Program, User)
        .join(Survey, col(Survey.id) == SurveyInvitation.survey_id)
        .join(Program, col(Program.id) == Survey.program_id)
        .join(User, col(User.id) == SurveyInvitation.user_id)
        .where(condition, col(SurveyInvitation.answered_at).is_(None), col(User.is_active))
        .order_by(col(SurveyInvitation.due_at), col(SurveyInvitation.id))
        .limit(BATCH)
    ).all()
    return [Invited(*row) for row in rows]


def run(session: Session, settings: Settings, now: datetime) -> dict[str, int]:
    """Queue the invitations due by ``now`` and the reminders a week after them."""
    counts = {"survey invitations": 0, "survey reminders": 0}
    for found in _pending(
        session,
        (col(SurveyInvitation.due_at) <= now) & col(SurveyInvitation.sent_at).is_(None),
    ):
        if _send(session, settings, found, now, reminder=False):
            found.invitation.sent_at = now
            session.add(found.invitation)
            counts["survey invitations"] += 1
    for found in _pending(
        session,
        (col(SurveyInvitation.sent_at) <= now - REMINDER_AFTER)
        & col(SurveyInvitation.reminded_at).is_(None),
    ):
        if _send(session, settings, found, now, reminder=True):
            found.invitation.reminded_at = now
            session.add(found.invitation)
            counts["survey reminders"] += 1
    session.flush()
    return counts


def _send(
    session: Session, settings: Settings, found: Invited, now: datetime, *, reminder: bool
) -> bool:
    """Queue one message; a failure is logged (ids only) and the row left for the next pass."""
    try:
        with session.begin_nested():
            notifications.followup(
                session,
                settings,
                found.user,
                found.survey,
                found.program,
                link_token(settings, found.invitation, now),
                reminder=reminder,
                key=f"survey:{found.invitation.id}:{'reminder' if reminder else 'invitation'}",
            )
    except Exception:
        log.exception("survey invitation %s not queued", found.invitation.id)
        return False
    return True
