"""Role homes: what each person should do next, at ``/`` once they are signed in.

One section per role the person holds, each composed from the domains' own loaders
(a fixed number of queries per section, whatever the number of rows):

- learner: the next session (join link and check-in button by the session page's rules),
  their cases, credit waiting to be claimed, recent certificates, pending requests, and
  one-click subscriptions to their personal calendar feed;
- hub staff (coordinators and faculty): this week's sessions with their cases and
  presenters, cases waiting in triage, attendance to reconcile, missing disclosures,
  claim windows closing, recommendations to write or release;
- CME administrators: each program's settings, disclosures, claims and certificates
  this month, batches;
- site administrators: hubs, people and mail failures.

Everything listed is the person's own or of a hub they hold the role in (their
``Principal``'s hub roles); visitors who are not signed in get the catalog at ``/``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import calendar_tokens
from echo.accounts import services as accounts
from echo.accounts.models import User
from echo.attendance import check_in_window
from echo.attendance import services as attendance
from echo.attendance.models import CheckIn
from echo.cases import services as cases
from echo.cases.models import Case, Recommendation
from echo.cme import services as cme
from echo.cme import statements
from echo.cme.models import Certificate
from echo.consult import practices
from echo.consult import services as consults
from echo.consult.models import ConsultLine, ConsultRequest, Practice
from echo.notify import outbox
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import sessions
from echo.programs.models import Enrollment, EnrollmentStatus, Hub, Program
from echo.programs.views import catalog_page
from echo.security import permissions as can
from echo.security.identity import Viewer
from echo.security.permissions import Principal
from echo.timeutil import in_zone, utcnow
from echo.web.context import Context, page, redirect, render

# How far each staff list looks.
WEEK_AHEAD = timedelta(days=7)
RECONCILE_SINCE = timedelta(days=14)
CLAIM_WINDOW_WARNING = timedelta(days=7)
SHOWN = 5  # rows of a list on the home; the rest are one link away


# --- learner -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NextSessionCard:
    next: sessions.NextSession
    join_open: bool  # the session page's rule: may join, and the link is open
    check_in_open: bool  # echo.attendance.check_in_window
    my_check_in: CheckIn | None


@dataclass(frozen=True)
class Credit:
    row: cme.Claimable
    days_left: int


@dataclass(frozen=True)
class LearnerHome:
    next_session: NextSessionCard | None
    cases: list[tuple[Case, Program]]
    credit: list[Credit]
    certificates: list[Certificate]
    pending: list[tuple[Enrollment, Program, Hub]]
    enrolled: int
    # the consult lines the person's practices are enrolled in, and their recent requests
    consult_lines: list[tuple[ConsultLine, Hub]] = field(default_factory=list)
    consults: list[tuple[ConsultRequest, ConsultLine, Practice]] = field(default_factory=list)

    @property
    def has_anything(self) -> bool:
        return bool(
            self.next_session
            or self.cases
            or self.credit
            or self.certificates
            or self.pending
            or self.enrolled
            or self.consult_lines
        )


def _days_left(closes_at: datetime, now: datetime) -> int:
    """Whole days left to claim, counting a part of a day as a day (0 only once closed)."""
    return max(0, math.ceil((closes_at - now) / timedelta(days=1)))


def learner_home(ctx: Context, viewer: Viewer, now: datetime) -> LearnerHome:
    user = ctx.require_user_record(User)
    _opens_by, closes_from = check_in_window.bounds(now)
    found = sessions.next_session_of(ctx.session, viewer.id, ends_after=closes_from)
    card = None
    if found is not None:
        item = found.program_session
        may_join = program_can.can_join_meetings(
            ctx.principal, found.program.hub_id, found.enrollment
        )
        participant = program_can.is_active_participant(ctx.principal, found.enrollment)
        card = NextSessionCard(
            found,
            join_open=may_join
            and bool(found.meeting_url)
            and sessions.meeting_link_open(item, now),
            check_in_open=participant and attendance.check_in_open(item, now),
            my_check_in=attendance.check_in_of(ctx.session, item.id or 0, viewer.id)
            if participant
            else None,
        )
    credit = [
        Credit(row, _days_left(row.closes_at, now))
        for row in cme.claimables(ctx.session, user, now)
        if row.claim is None and row.kind is not None and row.amount > 0 and row.window_open(now)
    ]
    mine = programs.my_programs(ctx.session, viewer.id)
    practice_ids = practices.active_practice_ids(ctx.session, viewer.id)
    return LearnerHome(
        next_session=card,
        cases=cases.cases_of_submitter(ctx.session, viewer.id),
        credit=sorted(credit, key=lambda c: c.row.closes_at),
        certificates=cme.recent_certificates(ctx.session, viewer.id),
        pending=[row for row in mine if row[0].status == EnrollmentStatus.pending],
        enrolled=sum(1 for row in mine if row[0].status == EnrollmentStatus.active),
        consult_lines=practices.enrolled_lines(ctx.session, practice_ids),
        consults=consults.requests_of_practices(ctx.session, practice_ids)[:5],
    )


# --- hub staff ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekSession:
    item: sessions.HubSession
    cases: list[Case]
    may_edit: bool


@dataclass(frozen=True)
class HubQueue:
    hub: Hub
    waiting: int
    may_manage: bool


@dataclass(frozen=True)
class MissingDisclosure:
    program: Program
    person: User
    is_me: bool
    may_open_dashboard: bool


@dataclass(frozen=True)
class ToAnswer:
    case: Case
    program: Program
    drafted: bool
    may_draft: bool
    may_release: bool


@dataclass(frozen=True)
class StaffHome:
    hubs: list[Hub]
    week: list[WeekSession]
    queues: list[HubQueue]
    waiting: list[tuple[Case, Program]]
    waiting_total: int
    reconcile: list[attendance.ToReconcile]
    missing: list[MissingDisclosure]
    closing: list[cme.ClosingWindow]
    to_answer: list[ToAnswer]
    # requests to join, in the hubs the person coordinates (with the hub to decide them in)
    joining: list[tuple[programs.PendingRequest, Hub]] = field(default_factory=list)
    # the hubs' consult lines (open requests, past target) and the consults assigned to me
    consult_lines: list[consults.LineSummary] = field(default_factory=list)
    consults_assigned: list[tuple[ConsultRequest, ConsultLine]] = field(default_factory=list)


def staff_hub_ids(who: Principal) -> list[int]:
    """The hubs the person coordinates or is faculty of (their triage queues)."""
    return sorted(h for h in who.hub_roles if can.is_hub_clinical_team(who, h))


def _joining(ctx: Context, hubs: list[Hub]) -> list[tuple[programs.PendingRequest, Hub]]:
    managed = {hub.id: hub for hub in hubs if can.can_manage_hub(ctx.principal, hub.id or 0)}
    waiting = programs.pending_requests_of_hubs(ctx.session, [h for h in managed if h])
    return [(r, managed[r.program.hub_id]) for r in waiting if r.program.hub_id in managed]


def staff_home(ctx: Context, viewer: Viewer, hub_ids: list[int], now: datetime) -> StaffHome:
    who = ctx.principal
    hubs = programs.hubs_by_ids(ctx.session, hub_ids)
    week = sessions.hub_sessions_between(ctx.session, hub_ids, now, now + WEEK_AHEAD)
    in_week = cases.cases_in_sessions(ctx.session, [w.program_session.id or 0 for w in week])
    waiting = cases.waiting_cases(ctx.session, hub_ids)
    per_hub = {hub.id: 0 for hub in hubs}
    for _case, program in waiting:
        per_hub[program.hub_id] = per_hub.get(program.hub_id, 0) + 1
    hub_programs = [p for p, _hub in programs.programs_of_hubs(ctx.session, hub_ids)]
    with_cme = cme.settings_of_programs(ctx.session, [p.id or 0 for p in hub_programs])
    cme_programs = [p for p in hub_programs if p.id in with_cme]
    missing = cme.missing_disclosures_of(ctx.session, cme_programs, now)
    return StaffHome(
        hubs=hubs,
        week=[
            WeekSession(
                w,
                in_week.get(w.program_session.id or 0, []),
                can.can_run_sessions(who, w.program.hub_id),
            )
            for w in week
        ],
        queues=[
            HubQueue(hub, per_hub.get(hub.id, 0), can.can_manage_hub(who, hub.id or 0))
            for hub in hubs
        ],
        waiting=waiting[:SHOWN],
        waiting_total=len(waiting),
        reconcile=attendance.sessions_to_reconcile(
            ctx.session, hub_ids, since=now - RECONCILE_SINCE, now=now
        ),
        missing=[
            MissingDisclosure(
                program,
                person,
                is_me=person.id == viewer.id,
                may_open_dashboard=can.can_view_cme_dashboard(who, program.hub_id),
            )
            for program in cme_programs
            for person in missing.get(program.id or 0, [])
        ],
        closing=cme.claim_windows_closing(
            ctx.session, list(with_cme), within=CLAIM_WINDOW_WARNING, now=now
        ),
        joining=_joining(ctx, hubs),
        consult_lines=consults.line_summaries(ctx.session, hub_ids, now),
        consults_assigned=consults.assigned_to(ctx.session, viewer.id),
        to_answer=[
            _to_answer(who, case, program, recommendation)
            for case, program, recommendation in cases.presented_awaiting_release(
                ctx.session, hub_ids
            )
        ],
    )


def _to_answer(
    who: Principal, case: Case, program: Program, recommendation: Recommendation | None
) -> ToAnswer:
    return ToAnswer(
        case,
        program,
        drafted=recommendation is not None,
        may_draft=can.can_draft_recommendations(who, program.hub_id),
        may_release=recommendation is not None
        and can.can_release_recommendations(who, program.hub_id, program.lead_faculty_id),
    )


# --- CME administrators and site administrators ------------------------------------------------


@dataclass(frozen=True)
class CmeHome:
    programs: list[cme.ProgramCme]
    month_start: datetime


def cme_hub_ids(who: Principal) -> list[int]:
    return sorted(h for h in who.hub_roles if can.is_cme_admin(who, h))


def cme_home(ctx: Context, viewer: Viewer, hub_ids: list[int], now: datetime) -> CmeHome:
    # "This month" is the viewer's calendar month, from its first midnight in their zone.
    local = in_zone(now, viewer.time_zone)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    found = [p for p, _hub in programs.programs_of_hubs(ctx.session, hub_ids)]
    return CmeHome(cme.cme_overview(ctx.session, found, since=month_start, now=now), month_start)


@dataclass(frozen=True)
class AdminHome:
    hubs: int
    people: int
    mail_failed: int


def admin_home(ctx: Context) -> AdminHome:
    return AdminHome(
        hubs=len(programs.all_hubs(ctx.session)),
        people=accounts.count_people(ctx.session),
        mail_failed=outbox.status_counts(ctx.session).get("failed", 0),
    )


# --- the page ----------------------------------------------------------------------------------


CalendarPlace = Literal["learner", "staff", ""]  # "": not offered


@dataclass
class Home:
    learner: LearnerHome | None = None
    staff: StaffHome | None = None
    cme: CmeHome | None = None
    admin: AdminHome | None = None
    roles: list[str] = field(default_factory=list)
    # The person's personal calendar feed, offered once: in the learner section when they
    # take part in a program, else in the hub work section (they teach there).
    feed_token: str | None = None
    calendar_in: CalendarPlace = ""


def _calendar_in(found: Home) -> CalendarPlace:
    if found.learner is not None and found.learner.enrolled:
        return "learner"
    return "staff" if found.staff is not None else ""


@page()
def home(ctx: Context) -> Response:
    viewer = ctx.user
    if viewer is None:
        return catalog_page(ctx)
    now = utcnow()
    found = Home()
    staff_hubs, cme_hubs = staff_hub_ids(ctx.principal), cme_hub_ids(ctx.principal)
    learner = learner_home(ctx, viewer, now)
    no_other_role = not (staff_hubs or cme_hubs or can.can_administer_site(ctx.principal))
    if learner.has_anything or no_other_role:
        found.learner = learner
    if staff_hubs:
        found.staff = staff_home(ctx, viewer, staff_hubs, now)
    if cme_hubs:
        found.cme = cme_home(ctx, viewer, cme_hubs, now)
    if can.can_administer_site(ctx.principal):
        found.admin = admin_home(ctx)
    found.calendar_in = _calendar_in(found)
    if found.calendar_in:
        user = ctx.require_user_record(User)
        found.feed_token = calendar_tokens.personal_token(ctx.settings.secret, user)
    return render(
        ctx,
        "home/home.html",
        {
            "home": found,
            "now": now,
            "zone": viewer.time_zone,
            "check_in_hours": check_in_window.DESCRIPTION,
            "credit_amount": statements.credit_amount,
        },
        private=found.feed_token is not None,
    )


@page()
def my_triage(ctx: Context) -> Response:
    """The navigation's "Triage": the queue of the one hub the person staffs, or a choice."""
    ctx.require_user()
    hubs = programs.hubs_by_ids(ctx.session, staff_hub_ids(ctx.principal))
    if len(hubs) == 1:
        return redirect(ctx.path("triage", hub=hubs[0].slug))
    return render(ctx, "home/places.html", {"kind": "triage", "hubs": hubs, "programs": []})


@page()
def my_cme(ctx: Context) -> Response:
    """The navigation's "CME": the dashboard of the one program, or a choice."""
    ctx.require_user()
    hub_ids = sorted(
        h for h in ctx.principal.hub_roles if can.can_view_cme_dashboard(ctx.principal, h)
    )
    found = programs.programs_of_hubs(ctx.session, hub_ids)
    if len(found) == 1:
        return redirect(ctx.path("cme_dashboard", slug=found[0][0].slug))
    return render(ctx, "home/places.html", {"kind": "cme", "hubs": [], "programs": found})


routes = [
    Route("/", home, name="home"),
    Route("/triage", my_triage, name="my_triage"),
    Route("/cme", my_cme, name="my_cme"),
]
