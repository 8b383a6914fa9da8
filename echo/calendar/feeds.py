"""Which sessions go into which calendar feed, their validators (ETag, Last-Modified),
and the personal feed token.

A feed's validator comes from one aggregate query, so a client's conditional GET
is answered with 304 without loading or rendering any event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import HubMembership, User
from echo.calendar.ics import CalendarEvent, CalendarFeed
from echo.programs.models import (
    Enrollment,
    EnrollmentStatus,
    Hub,
    Program,
    ProgramSchedule,
    ProgramSession,
    SessionStatus,
)
from echo.programs.zones import program_zone
from echo.security.permissions import CLINICAL_TEAM_ROLES

# --- which programs ------------------------------------------------------------------------


def personal_program_ids(session: Session, user_id: int) -> list[int]:
    """Programs the person is enrolled in, or teaches or runs as a hub member (the rule of
    echo.programs.permissions.in_personal_feed)."""
    enrolled = select(Enrollment.program_id).where(
        Enrollment.user_id == user_id, Enrollment.status == EnrollmentStatus.active.value
    )
    teaching = (
        select(Program.id)
        .join(HubMembership, col(HubMembership.hub_id) == Program.hub_id)
        .where(
            HubMembership.user_id == user_id,
            col(HubMembership.role).in_(sorted(CLINICAL_TEAM_ROLES)),
        )
    )
    ids = set(session.exec(enrolled).all()) | {i for i in session.exec(teaching).all() if i}
    return sorted(ids)


# --- validators ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Validator:
    etag: str
    last_modified: datetime | None


def validator(
    session: Session, program_ids: Sequence[int], *, scope: str, session_id: int | None = None
) -> Validator:
    """ETag and Last-Modified of a feed: changes whenever any of its events would."""
    sessions_query = select(
        sa.func.count(col(ProgramSession.id)), sa.func.max(ProgramSession.updated_at)
    ).where(col(ProgramSession.program_id).in_(program_ids))
    if session_id is not None:
        sessions_query = sessions_query.where(ProgramSession.id == session_id)
    count, newest = session.exec(sessions_query).one()
    programs_query = (
        select(Program.title, ProgramSchedule.updated_at, Hub.time_zone)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .where(col(Program.id).in_(program_ids))
    )
    programs = session.exec(programs_query.order_by(col(Program.id))).all()
    schedule_times = [row[1] for row in programs if row[1] is not None]
    last = max([t for t in (newest, *schedule_times) if t is not None], default=None)
    digest = hashlib.sha256(
        repr((scope, count, str(newest), [tuple(map(str, row)) for row in programs])).encode()
    ).hexdigest()[:32]
    return Validator(f'"{digest}"', last)


# --- events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedRow:
    program_session: ProgramSession
    program: Program
    time_zone: str
    meeting_url: str
    presenter: str


def feed_rows(
    session: Session, program_ids: Sequence[int], *, session_id: int | None = None
) -> list[FeedRow]:
    query = (
        sa.select(
            ProgramSession,
            Program,
            Hub,
            ProgramSchedule,
            col(User.name),
            col(User.credentials),
        )
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .outerjoin(User, col(User.id) == ProgramSession.didactic_presenter_id)
        .where(col(ProgramSession.program_id).in_(program_ids))
        .order_by(col(ProgramSession.starts_at))
    )
    if session_id is not None:
        query = query.where(col(ProgramSession.id) == session_id)
    rows = []
    for item, program, hub, schedule, name, credentials in session.execute(query):
        presenter = f"{name}, {credentials}" if name and credentials else (name or "")
        meeting_url = schedule.meeting_url if schedule else ""
        rows.append(FeedRow(item, program, program_zone(schedule, hub), meeting_url, presenter))
    return rows


def uid_for(session_id: int, base_url: str) -> str:
    """Stable forever for a site: the session's id at the site's host name."""
    return f"echo-session-{session_id}@{urlsplit(base_url).hostname or 'localhost'}"


def to_event(row: FeedRow, base_url: str, *, with_meeting_link: bool) -> CalendarEvent:
    item = row.program_session
    topic = item.didactic_title or item.title
    summary = f"{row.program.title}: {topic}" if topic else row.program.title
    page = f"{base_url}/sessions/{item.id}"
    lines = []
    if item.status == SessionStatus.cancelled:
        lines.append(f"Cancelled: {item.cancel_reason}")
    if item.didactic_title:
        lines.append(f"Didactic: {item.didactic_title}")
    if row.presenter:
        lines.append(f"Presenter: {row.presenter}")
    lines.append(f"Session page: {page}")
    return CalendarEvent(
        uid=uid_for(item.id or 0, base_url),
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        time_zone=row.time_zone,
        summary=summary,
        description="\n".join(lines),
        url=page,
        sequence=item.sequence,
        cancelled=item.status == SessionStatus.cancelled,
        last_modified=item.updated_at,
        location=row.meeting_url if with_meeting_link and row.meeting_url else None,
    )


def build_feed(
    name: str, rows: Sequence[FeedRow], base_url: str, *, with_meeting_link: bool
) -> CalendarFeed:
    return CalendarFeed(
        name=name,
        events=[to_event(row, base_url, with_meeting_link=with_meeting_link) for row in rows],
    )
