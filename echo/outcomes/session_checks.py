"""A short knowledge check after one session: the item bank's "session" items on the topic
the session teaches (its curriculum topic, ``ProgramSession.topic_id``), plus the bank's
"session" items tied to no topic (satisfaction with the session).

Staff who set up surveys add one per session; it is answered from the start of the session
by the people who attended it (the attendance rule, ``minutes_of(...).attended``) and by the
program's active participants. Results are a survey's usual aggregates (at least
``stats.MIN_RESPONDENTS`` people).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from echo.attendance.services import minutes_of
from echo.outcomes import surveys
from echo.outcomes.bank import BankItem, ItemBank
from echo.outcomes.models import Survey, SurveyKind
from echo.programs.models import Program, ProgramSession, SessionStatus
from echo.timeutil import utcnow

TITLE_SUFFIX = ": knowledge check"
TITLE_MAX_LENGTH = 200  # Survey.title
#: Sessions offered for a knowledge check on the surveys page: those that ended this
#: recently, and those starting this soon.
RECENT = timedelta(days=30)
AHEAD = timedelta(days=60)


def items_for_session(bank: ItemBank, program_session: ProgramSession) -> list[BankItem]:
    """The bank's "session" items on the session's topic and those on no topic, in file
    order; nothing when the session has no topic or the bank nothing on it."""
    topic = program_session.topic_id.strip()
    if not topic:
        return []
    items = bank.items_for(SurveyKind.session.value)
    if not any(item.topic == topic for item in items):
        return []
    return [item for item in items if item.topic in (topic, None)]


def check_title(program: Program, program_session: ProgramSession) -> str:
    name = program_session.didactic_title or program_session.title or program.title
    return name[: TITLE_MAX_LENGTH - len(TITLE_SUFFIX)].rstrip() + TITLE_SUFFIX


def check_for_session(session: Session, program_session: ProgramSession) -> Survey | None:
    """The session's knowledge check, if it has one."""
    return session.exec(
        select(Survey)
        .where(
            Survey.session_id == program_session.id,
            Survey.kind == SurveyKind.session.value,
        )
        .order_by(col(Survey.id))
    ).first()


def create_session_check(
    session: Session,
    program: Program,
    program_session: ProgramSession,
    bank: ItemBank,
    by_id: int | None = None,
) -> Survey | None:
    """The session's knowledge check (the one it has, else a new one), or None when the
    session has no topic with items in the bank."""
    existing = check_for_session(session, program_session)
    if existing is not None:
        return existing
    items = items_for_session(bank, program_session)
    if not items:
        return None
    return surveys.create_survey(
        session,
        program,
        SurveyKind.session,
        bank,
        session_id=program_session.id,
        by_id=by_id,
        items=items,
        title=check_title(program, program_session),
    )


def may_answer(
    session: Session,
    program_session: ProgramSession,
    user_id: int,
    *,
    active_participant: bool,
    now: datetime | None = None,
) -> bool:
    """From the start of the session: its program's active participants and anyone who
    attended it."""
    if not surveys.session_has_begun(program_session, now):
        return False
    return active_participant or minutes_of(session, program_session, user_id).attended


def check_to_answer(
    session: Session,
    program_session: ProgramSession,
    user_id: int,
    *,
    active_participant: bool,
    now: datetime | None = None,
) -> Survey | None:
    """The session's open knowledge check when this person may answer it and has not."""
    survey = check_for_session(session, program_session)
    if survey is None or not survey.is_open:
        return None
    if surveys.response_of(session, survey.id or 0, user_id) is not None:
        return None
    if not may_answer(
        session, program_session, user_id, active_participant=active_participant, now=now
    ):
        return None
    return survey


@dataclass(frozen=True)
class Checkable:
    """A recent or upcoming session with a topic, and its knowledge check if it has one."""

    program_session: ProgramSession
    check: Survey | None


def sessions_to_check(
    session: Session, program_id: int, now: datetime | None = None
) -> list[Checkable]:
    """The program's sessions with a topic that ended within ``RECENT`` or start within
    ``AHEAD`` (cancelled ones left out), in time order."""
    moment = now or utcnow()
    rows = session.exec(
        select(ProgramSession)
        .where(
            ProgramSession.program_id == program_id,
            ProgramSession.topic_id != "",
            ProgramSession.status != SessionStatus.cancelled.value,
            col(ProgramSession.ends_at) >= moment - RECENT,
            col(ProgramSession.starts_at) <= moment + AHEAD,
        )
        .order_by(col(ProgramSession.starts_at), col(ProgramSession.id))
    ).all()
    checks: dict[int, Survey] = {}
    ids = [row.id for row in rows if row.id is not None]
    if ids:
        for survey in session.exec(
            select(Survey)
            .where(col(Survey.session_id).in_(ids), Survey.kind == SurveyKind.session.value)
            .order_by(col(Survey.id))
        ).all():
            checks.setdefault(survey.session_id or 0, survey)
    return [Checkable(row, checks.get(row.id or 0)) for row in rows]
