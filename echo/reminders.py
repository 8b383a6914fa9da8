"""The reminder pass, driven by the clock: session reminders with calendar invitations,
evaluation and claim reminders, and the weekly coordinator digest.

Every message has a dedupe key, so restarts, overlapping workers and late runs never
send one twice: a pass enqueues with INSERT ... ON CONFLICT DO NOTHING, whoever runs it.
``echo-lms reminders run --now ISO`` runs one pass for a given time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from echo import jobs
from echo.accounts.models import HubMembership, User
from echo.attendance import services as attendance
from echo.attendance.models import UnmatchedAttendee
from echo.calendar import feeds, ics
from echo.cases.models import Case, CaseStatus
from echo.cme import services as cme
from echo.db import Database
from echo.notify import messages
from echo.notify.models import OutboxMessage
from echo.programs.models import (
    Enrollment,
    EnrollmentStatus,
    Hub,
    Program,
    ProgramSession,
    SessionStatus,
)
from echo.programs.notifications import hub_name_of_program
from echo.security.permissions import HubRole
from echo.settings import Settings
from echo.timeutil import format_in_zone, utcnow

DEFAULT_LEADS = (timedelta(hours=24), timedelta(hours=1))


def leads(settings: Settings) -> tuple[timedelta, ...]:
    hours = getattr(settings, "reminder_lead_hours", None)
    if not hours:
        return DEFAULT_LEADS
    return tuple(sorted((timedelta(hours=float(h)) for h in hours), reverse=True))


def run(database: Database, settings: Settings, now: datetime | None = None) -> dict[str, int]:
    """One pass at ``now``: what is due is queued once (see the module docstring)."""
    moment = now or utcnow()
    with database.write() as session:
        return {
            "session reminders": session_reminders(session, settings, moment),
            "credit reminders": credit_reminders(session, settings, moment),
            "digests": digests(session, settings, moment),
        }


def _label(lead: timedelta) -> str:
    hours = lead.total_seconds() / 3600
    return f"{int(hours)}h" if hours == int(hours) else f"{int(lead.total_seconds() // 60)}m"


def _in_words(lead: timedelta) -> str:
    hours = lead.total_seconds() / 3600
    if hours >= 1 and hours == int(hours):
        return f"in {int(hours)} hour{'s' if hours != 1 else ''}"
    return f"in {int(lead.total_seconds() // 60)} minutes"


def session_reminders(session: Session, settings: Settings, now: datetime) -> int:
    """For each upcoming session inside a lead time, each active participant gets one
    reminder for the shortest lead that applies (a late run sends the 1-hour reminder,
    not a 24-hour one an hour before), with the join link and an invitation whose UID is
    the session's UID in the feeds."""
    windows = leads(settings)
    upcoming = session.exec(
        select(ProgramSession).where(
            col(ProgramSession.starts_at) > now,
            col(ProgramSession.starts_at) <= now + max(windows),
            ProgramSession.status == SessionStatus.scheduled.value,
        )
    ).all()

    def remind(program_session: ProgramSession) -> int:
        due = [lead for lead in windows if program_session.starts_at - lead <= now]
        if not due:
            return 0
        lead = min(due)
        rows = feeds.feed_rows(session, [program_session.program_id], session_id=program_session.id)
        if not rows:
            return 0
        row = rows[0]
        event = feeds.to_event(row, settings.base_url.rstrip("/"), with_meeting_link=True)
        hub_name = hub_name_of_program(session, program_session.program_id)

        def send(user: User) -> int:
            if not messages.wants(session, user.id or 0, "reminders"):
                return 0
            invitation = ics.render_invitation(
                event,
                method="REQUEST",
                organizer=(hub_name, settings.mail_from),
                attendee=(user.display_name, user.email),
                now=now,
            ).decode()
            when = format_in_zone(program_session.starts_at, user.time_zone)
            paragraphs = [f"{row.program.title} meets {_in_words(lead)}: {when}."]
            if row.meeting_url:
                paragraphs.append(f"Join the video meeting: {row.meeting_url}")
            paragraphs.append("The invitation attached updates the session in your calendar.")
            return messages.send(
                session,
                messages.simple(
                    settings,
                    user,
                    category="reminders",
                    subject=f"Reminder: {row.program.title}, {when}",
                    paragraphs=paragraphs,
                    path=f"/sessions/{program_session.id}",
                    action_label="Open the session",
                    sender_name=hub_name,
                    dedupe_key=f"reminder:{_label(lead)}:{program_session.id}:{user.id}",
                    calendar=invitation,
                    calendar_method="REQUEST",
                ),
            )

        return jobs.each(
            session,
            _participants(session, program_session.program_id),
            job="session reminders",
            key=lambda user: f"session {program_session.id}, user {user.id}",
            work=send,
        )

    return jobs.each(
        session,
        upcoming,
        job="session reminders",
        key=lambda program_session: f"session {program_session.id}",
        work=remind,
    )


def session_changed(
    session: Session, settings: Settings, program_session: ProgramSession, *, now: datetime
) -> int:
    """After a cancellation (METHOD:CANCEL) or a move (REQUEST with the higher SEQUENCE),
    each participant's calendar is updated; one message per change (SEQUENCE in the key).
    Nothing for a session that has ended: no calendar needs it any more."""
    if program_session.ends_at <= now:
        return 0
    rows = feeds.feed_rows(session, [program_session.program_id], session_id=program_session.id)
    if not rows:
        return 0
    row = rows[0]
    event = feeds.to_event(row, settings.base_url.rstrip("/"), with_meeting_link=True)
    cancelled = program_session.status == SessionStatus.cancelled
    hub_name = hub_name_of_program(session, program_session.program_id)

    def send(user: User) -> int:
        if not messages.wants(session, user.id or 0, "reminders"):
            return 0
        when = format_in_zone(program_session.starts_at, user.time_zone)
        subject = (
            f"Cancelled: {row.program.title}, {when}"
            if cancelled
            else f"New time: {row.program.title}, {when}"
        )
        lines = (
            [f"The session of {when} is cancelled.", program_session.cancel_reason]
            if cancelled
            else [f"The session now takes place {when}."]
        )
        return messages.send(
            session,
            messages.simple(
                settings,
                user,
                category="reminders",
                subject=subject,
                paragraphs=[line for line in lines if line],
                path=f"/sessions/{program_session.id}",
                action_label="Open the session",
                sender_name=hub_name,
                dedupe_key=f"change:{program_session.id}:{program_session.sequence}:{user.id}",
                calendar=ics.render_invitation(
                    event,
                    method="CANCEL" if cancelled else "REQUEST",
                    organizer=(hub_name, settings.mail_from),
                    attendee=(user.display_name, user.email),
                    now=now,
                ).decode(),
                calendar_method="CANCEL" if cancelled else "REQUEST",
            ),
        )

    return jobs.each(
        session,
        _participants(session, program_session.program_id),
        job="schedule change emails",
        key=lambda user: f"session {program_session.id}, user {user.id}",
        work=send,
    )


def _participants(session: Session, program_id: int) -> Sequence[User]:
    return session.exec(
        select(User)
        .join(Enrollment, col(Enrollment.user_id) == User.id)
        .where(
            Enrollment.program_id == program_id,
            Enrollment.status == EnrollmentStatus.active.value,
            User.is_active == True,  # noqa: E712 - SQL comparison
        )
    ).all()


def credit_reminders(session: Session, settings: Settings, now: datetime) -> int:
    """A day after a session, attendees who can still evaluate or claim hear about it once."""

    recent = session.exec(
        select(ProgramSession).where(
            col(ProgramSession.ends_at) <= now - timedelta(days=1),
            col(ProgramSession.ends_at) > now - timedelta(days=30),
        )
    ).all()
    if not recent:
        return 0
    attendees: set[int] = set()

    recorded = attendance.load_attendance(session, [s.id or 0 for s in recent])
    for program_session in recent:
        found = recorded[program_session.id or 0]
        attendees |= {uid for uid in found.people if found.minutes(program_session, uid).attended}

    def remind(user_id: int) -> int:
        user = session.get(User, user_id)
        if user is None or not messages.wants(session, user_id, "cme"):
            return 0
        queued = 0
        for row in [r for r in cme.claimables(session, user, now) if r.claim is None]:
            if not row.window_open(now) or row.kind is None or row.amount <= 0:
                continue
            queued += messages.send(
                session,
                messages.simple(
                    settings,
                    user,
                    category="cme",
                    subject=f"Claim your credit for {row.program.title}",
                    paragraphs=[
                        "You attended "
                        f"{format_in_zone(row.program_session.starts_at, user.time_zone)}. "
                        + ("Evaluate the session, then claim" if row.needs_evaluation else "Claim")
                        + f" your credit before {format_in_zone(row.closes_at, user.time_zone)}."
                    ],
                    path="/me/credit",
                    action_label="Claim credit",
                    sender_name=hub_name_of_program(session, row.program.id or 0),
                    dedupe_key=f"credit-reminder:{row.program_session.id}:{user_id}",
                ),
            )
        return queued

    return jobs.each(
        session,
        sorted(attendees),
        job="credit reminders",
        key=lambda uid: f"user {uid}",
        work=remind,
    )


def digests(session: Session, settings: Settings, now: datetime) -> int:
    """Once per ISO week, each hub coordinator gets what waits for them."""

    year, week, _ = now.isocalendar()
    failed = session.exec(
        select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == "failed")
    ).one()

    def digest(hub: Hub) -> int:
        programs = session.exec(select(Program).where(Program.hub_id == hub.id)).all()
        program_ids = [p.id for p in programs]
        waiting = session.exec(
            select(func.count())
            .select_from(Case)
            .where(
                col(Case.program_id).in_(program_ids),
                col(Case.status).in_([CaseStatus.submitted.value, CaseStatus.in_review.value]),
            )
        ).one()
        missing = sum(len(cme.missing_disclosures(session, p, now)) for p in programs)
        unmatched = session.exec(
            select(func.count())
            .select_from(UnmatchedAttendee)
            .join(ProgramSession, col(ProgramSession.id) == UnmatchedAttendee.session_id)
            .where(
                col(ProgramSession.program_id).in_(program_ids),
                col(UnmatchedAttendee.resolved_user_id).is_(None),
            )
        ).one()
        coordinators = session.exec(
            select(User)
            .join(HubMembership, col(HubMembership.user_id) == User.id)
            .where(HubMembership.hub_id == hub.id, HubMembership.role == HubRole.coordinator)
        ).all()
        items = [
            f"{waiting} cases waiting for triage",
            f"{missing} missing disclosures",
            f"{unmatched} unmatched people in attendance reports",
            f"{failed} emails that could not be delivered",
        ]

        def send(coordinator: User) -> int:
            if not messages.wants(session, coordinator.id or 0, "digest"):
                return 0
            return messages.send(
                session,
                messages.simple(
                    settings,
                    coordinator,
                    category="digest",
                    subject=f"{hub.name}: your week in Echo",
                    paragraphs=["What waits for you this week:"],
                    items=items,
                    path=f"/hubs/{hub.slug}/manage",
                    action_label="Open the hub",
                    sender_name=hub.name,
                    dedupe_key=f"digest:{hub.id}:{coordinator.id}:{year}-W{week:02d}",
                ),
            )

        return jobs.each(
            session,
            coordinators,
            job="weekly digests",
            key=lambda coordinator: f"hub {hub.id}, user {coordinator.id}",
            work=send,
        )

    return jobs.each(
        session,
        session.exec(select(Hub)).all(),
        job="weekly digests",
        key=lambda hub: f"hub {hub.id}",
        work=digest,
    )
