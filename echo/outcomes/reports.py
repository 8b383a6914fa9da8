"""Funder and network reports as files: a hub's annual report, counts shaped like HRSA's
DGIS "Training 15" form, and each program's sessions and attendees (like iECHO's
organisation export). docs/domain.md section 7 describes the sources.

The annual report and the Training 15 counts are the hub dashboard for one calendar year
in the hub's zone (one place for each number: echo.outcomes.dashboard); people are counted,
never listed. The attendee export lists people, so only hub staff get it (the view checks).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from echo.accounts.models import HubMembership, User
from echo.attendance.services import load_attendance
from echo.cme.models import Claim, CreditKind
from echo.consult import reports as consult_reports
from echo.outcomes import dashboard
from echo.programs.models import Hub, Program, ProgramSession, SessionStatus
from echo.programs.services import hub_programs
from echo.timeutil import local_date, utcnow

Table = tuple[str, list[str], list[list[object]]]  # sheet name, header, rows
ROLE_NAMES = {"coordinator": "Hub coordinator", "faculty": "Hub faculty", "cme-admin": "CME staff"}


@dataclass(frozen=True)
class AnnualReport:
    hub: Hub
    year: int
    board: dashboard.Dashboard
    training_hours: Decimal  # hours of teaching held (session lengths)
    consulting: consult_reports.ProvidersConsulting  # the hub's consult lines in the year

    @property
    def providers_trained(self) -> int:
        return self.board.unique_participants


def annual_report(
    session: Session,
    hub: Hub,
    year: int,
    programs: Sequence[Program] | None = None,
    now: datetime | None = None,
) -> AnnualReport:
    """The hub's year (local dates in its zone); ``programs`` defaults to all of the hub's."""
    if programs is None:
        programs = hub_programs(session, hub.id or 0)
    period = dashboard.Period(date(year, 1, 1), date(year, 12, 31))
    board = dashboard.build(
        session,
        programs,
        title=f"{hub.name}: {year}",
        zone=hub.time_zone,
        period=period,
        now=now,
    )
    hours = (Decimal(board.seconds_held) / 3600).quantize(Decimal("0.01"))
    zone = ZoneInfo(hub.time_zone)
    consulting = consult_reports.providers_consulting(
        session,
        hub.id or 0,
        datetime(year, 1, 1, tzinfo=zone),
        datetime(year + 1, 1, 1, tzinfo=zone),
    )
    return AnnualReport(hub, year, board, hours, consulting)


def _share(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def annual_tables(report: AnnualReport) -> list[Table]:
    """The report's sheets: a summary, the Training 15 counts, and the dashboard's tables."""
    board = report.board
    credit = {kind: (total, people) for kind, total, people in board.credits}
    summary: list[list[object]] = [
        ["Hub", report.hub.name],
        ["Year", report.year],
        ["Programs", len(board.programs)],
        ["Sessions held", len(board.sessions)],
        ["Hours of training held", str(report.training_hours)],
        ["Providers trained (unique participants)", report.providers_trained],
        ["Attendances", board.attendances],
        ["Unique practices", board.unique_practices],
        ["Rural share of participants who gave a setting", _share(board.rural_share)],
        ["Cases presented", board.cases_presented],
        ["Recommendations released", board.recommendations_released],
    ]
    for kind, (total, _people) in credit.items():
        summary.append([f"{kind} issued", str(total)])
    summary.append(["Highest outcome level with evidence (Moore)", board.moore_label])
    for scale in board.scales:
        if scale.shown and scale.change is not None:
            change = scale.change
            summary.append(
                [
                    f"{scale.label} ({scale.design_label.lower()})",
                    f"{change.mean_before:.2f} to {change.mean_after:.2f}, change "
                    f"{change.mean_difference:+.2f} (95% CI {change.ci_low:+.2f} to "
                    f"{change.ci_high:+.2f}), n = {change.n}",
                ]
            )
    tables: list[Table] = [("Summary", ["Measure", "Value"], summary)]
    tables.append(("Training 15", *training_15(report)))
    for name in ("sessions", "professions", "settings", "practice-types", "states", "scales"):
        tables.append((name.replace("-", " ").capitalize(), *dashboard.table(board, name)))
    return tables


def training_15(report: AnnualReport) -> tuple[list[str], list[list[object]]]:
    """Counts shaped like DGIS form Training 15, Tab A "Provider Consultation and
    Training": row 1 "Consultation", providers who used the hub's consult lines (and how
    many were helped with care coordination), and row 2 "Training", providers
    participating in training; each by profession and practice setting."""
    board = report.board
    asked = report.consulting
    consulting = "Providers participating in consultation"
    rows: list[list[object]] = [["1. Consultation", consulting, "All", asked.total]]
    rows += [["1. Consultation", consulting, f"Profession: {p}", n] for p, n in asked.professions]
    rows += [["1. Consultation", consulting, f"Setting: {s}", n] for s, n in asked.settings]
    rows.append(
        [
            "1. Consultation",
            "Providers helped with care coordination (resources and referral)",
            "All",
            asked.coordinated,
        ]
    )
    rows.append(
        ["2. Training", "Providers participating in training", "All", board.unique_participants]
    )
    rows += [
        ["2. Training", "Providers participating in training", f"Profession: {label}", n]
        for label, n in board.professions
    ]
    rows += [
        ["2. Training", "Providers participating in training", f"Setting: {label}", n]
        for label, n in board.settings
    ]
    return ["Section", "Measure", "Group", "Count"], rows


# --- sessions and attendees, per program (iECHO's organisation export) --------------------------


def attendee_rows(
    session: Session, program: Program, zone: str, now: datetime | None = None
) -> tuple[list[str], list[list[object]]]:
    """One row per person per session held: session, date, attendee, role, profession,
    minutes (echo.attendance's one rule) and credit claimed."""
    held = session.exec(
        select(ProgramSession)
        .where(
            ProgramSession.program_id == program.id,
            ProgramSession.status != SessionStatus.cancelled.value,
            col(ProgramSession.starts_at) <= (now or utcnow()),
        )
        .order_by(col(ProgramSession.starts_at))
    ).all()
    recorded = load_attendance(session, [s.id or 0 for s in held])
    claims = {
        (c.session_id, c.user_id): c
        for c in session.exec(select(Claim).where(Claim.program_id == program.id)).all()
    }
    people_ids = {uid for s in held for uid in recorded[s.id or 0].people}
    people = {u.id: u for u in session.exec(select(User).where(col(User.id).in_(people_ids))).all()}
    # A person's role at the sessions: their roles in the program's hub, else participant.
    roles: dict[int, list[str]] = {}
    for membership in session.exec(
        select(HubMembership).where(
            HubMembership.hub_id == program.hub_id, col(HubMembership.user_id).in_(people_ids)
        )
    ).all():
        roles.setdefault(membership.user_id, []).append(
            ROLE_NAMES.get(membership.role, membership.role)
        )
    rows: list[list[object]] = []
    for item in held:
        attendance = recorded[item.id or 0]
        for user_id in sorted(
            attendance.people, key=lambda u: people[u].name if u in people else ""
        ):
            minutes = attendance.minutes(item, user_id)
            if not minutes.attended or user_id not in people:
                continue
            person = people[user_id]
            claim = claims.get((item.id or 0, user_id))
            rows.append(
                [
                    item.didactic_title or item.title or "Session",
                    local_date(item.starts_at, zone).isoformat(),
                    person.name,
                    person.email,
                    ", ".join(sorted(roles.get(user_id, []))) or "Participant",
                    person.credentials,
                    person.profession,
                    minutes.minutes,
                    "" if claim is None else str(claim.credits),
                    ""
                    if claim is None
                    else (
                        "AMA PRA Category 1" if claim.kind == CreditKind.ama else "Participation"
                    ),
                ]
            )
    header = [
        "Session",
        "Date",
        "Attendee",
        "Email",
        "Role",
        "Credentials",
        "Profession",
        "Minutes",
        "Credit",
        "Credit type",
    ]
    return header, rows
