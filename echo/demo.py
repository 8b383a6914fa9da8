"""Demo data: two hubs, their programs and one account for each kind of person.

Idempotent: running it again adds what is missing and changes nothing else.
Every demo password is ``echo-demo``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import Session, select

from echo import demo_consult, demo_outcomes
from echo.accounts import api_tokens
from echo.accounts import services as accounts
from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.cases import services as cases
from echo.cases.models import Case
from echo.cme import services as cme
from echo.cme.forms import ClaimForm, DisclosureForm, SettingsForm
from echo.models import metadata
from echo.programs import curricula, recurrence, sessions, zones
from echo.programs import services as programs
from echo.programs.forms import MoveForm, ProgramForm
from echo.programs.models import Enrollment, EnrollmentStatus, Hub, Program, SessionStatus
from echo.security.passwords import Passwords
from echo.security.permissions import HubRole
from echo.timeutil import in_zone, utcnow
from echo.webhooks import delivery as webhook_delivery
from echo.webhooks import events as webhook_events
from echo.webhooks import services as webhook_services
from echo.webhooks.models import WebhookDelivery, WebhookEndpoint
from echo.webhooks.signing import new_event_id, new_secret

DEMO_PASSWORD = "echo-demo"  # noqa: S105 - published in the README on purpose
DEMO_MEETING_URL = "https://meeting.example.org/j/123456789"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    credentials: str
    profession: str
    specialty: str
    organization: str
    us_state: str
    time_zone: str
    site_admin: bool = False
    npi: str | None = None  # reported to ACCME PARS with physicians' credit


PEOPLE = (
    DemoPerson(
        "admin@example.org",
        "Alex Admin",
        "",
        "Other",
        "",
        "Echo",
        "WA",
        "America/Los_Angeles",
        True,
    ),
    DemoPerson(
        "coordinator@example.org",
        "Casey Coordinator",
        "",
        "Care coordinator",
        "",
        "Cascadia Children's Behavioral Health Hub",
        "WA",
        "America/Los_Angeles",
    ),
    DemoPerson(
        "faculty@example.org",
        "Dr. Farah Faculty",
        "MD",
        "Physician",
        "Child and adolescent psychiatry",
        "Cascadia Children's Behavioral Health Hub",
        "WA",
        "America/Los_Angeles",
    ),
    DemoPerson(
        "faculty2@example.org",
        "Dr. Felix Faculty",
        "PhD",
        "Psychologist",
        "Child clinical psychology",
        "Cascadia Children's Behavioral Health Hub",
        "OR",
        "America/Los_Angeles",
    ),
    DemoPerson(
        "cme@example.org",
        "Morgan CME",
        "",
        "Other",
        "Continuing medical education",
        "Cascadia Children's Behavioral Health Hub",
        "WA",
        "America/Los_Angeles",
    ),
    DemoPerson(
        "pediatrician@example.org",
        "Dr. Paula Pediatrician",
        "MD",
        "Physician",
        "General pediatrics",
        "Valley Family Pediatrics",
        "ID",
        "America/Boise",
        npi="1234567893",  # passes the NPI check digit (Luhn with the 80840 prefix)
    ),
    DemoPerson(
        "np@example.org",
        "Nico Nurse-Practitioner",
        "NP",
        "Nurse practitioner",
        "Pediatric primary care",
        "Coastal Community Clinic",
        "OR",
        "America/Los_Angeles",
    ),
    DemoPerson(
        "outsider@example.org",
        "Oscar Outsider",
        "DO",
        "Physician",
        "Family medicine",
        "Independent practice",
        "TX",
        "America/Chicago",
    ),
    DemoPerson(
        "coordinator2@example.org",
        "Lee Lakeshore",
        "",
        "Care coordinator",
        "",
        "Lakeshore Pediatric Psychiatry Access Hub",
        "IL",
        "America/New_York",
    ),
)

HUBS = (
    ("cascadia", "Cascadia Children's Behavioral Health Hub", "America/Los_Angeles"),
    ("lakeshore", "Lakeshore Pediatric Psychiatry Access Hub", "America/New_York"),
)

MEMBERSHIPS = (
    ("cascadia", "coordinator@example.org", HubRole.coordinator),
    ("cascadia", "faculty@example.org", HubRole.faculty),
    ("cascadia", "faculty2@example.org", HubRole.faculty),
    ("cascadia", "cme@example.org", HubRole.cme_admin),
    ("lakeshore", "coordinator2@example.org", HubRole.coordinator),
)

PROGRAMS = (
    {
        "hub": "cascadia",
        "slug": "peds-mh-echo",
        "title": "Pediatric Mental Health in Primary Care ECHO",
        "description": (
            "Every other week at lunch, primary care clinicians meet the Cascadia hub team "
            "(child psychiatry, psychology and social work) to discuss de-identified cases "
            "and learn from a short didactic.\n\n"
            "Topics follow a 12-session curriculum: screening and workflow, ADHD, anxiety, "
            "depression, suicide risk and safety planning, trauma, disruptive behavior, "
            "substance use, eating disorders, psychopharmacology, and when to refer."
        ),
        "target_audience": "Pediatricians, family physicians, nurse practitioners, physician "
        "assistants, nurses and behavioral health staff in primary care",
        "status": "open",
        "visibility": "public",
        "enrollment_mode": "approval",
    },
    {
        "hub": "lakeshore",
        "slug": "lakeshore-anxiety-echo",
        "title": "Anxiety and Depression in Adolescents ECHO",
        "description": "Monthly case-based sessions on adolescent anxiety and depression.",
        "target_audience": "Primary care clinicians caring for adolescents",
        "status": "open",
        "visibility": "public",
        "enrollment_mode": "auto",
    },
)

PARTICIPANTS = (
    ("peds-mh-echo", "pediatrician@example.org"),
    ("peds-mh-echo", "np@example.org"),
)


def is_empty(session: Session) -> bool:
    return session.exec(select(User.id).limit(1)).first() is None


def load(
    session: Session,
    passwords: Passwords,
    *,
    today: date | None = None,
    issuer: cme.Issuer | None = None,
    outcomes: bool = True,
) -> dict[str, int]:
    """Add whatever demo rows are missing; returns how many of each were added.

    Certificates are issued only with an ``issuer`` (signing keys, the site's address);
    without one the demo's claims wait for a batch issue. ``outcomes`` adds two dozen
    learners with attendance and survey answers (echo.demo_outcomes)."""
    added = {"users": 0, "hubs": 0, "memberships": 0, "programs": 0, "enrollments": 0}
    users: dict[str, User] = {}
    for person in PEOPLE:
        user = accounts.user_by_email(session, person.email)
        if user is None:
            user = User(
                email=person.email,
                name=person.name,
                password_hash=passwords.hash(DEMO_PASSWORD),
                credentials=person.credentials,
                profession=person.profession,
                specialty=person.specialty,
                organization=person.organization,
                us_state=person.us_state,
                time_zone=person.time_zone,
                is_site_admin=person.site_admin,
                npi=person.npi,
            )
            session.add(user)
            session.flush()
            added["users"] += 1
        users[person.email] = user
    hubs: dict[str, Hub] = {}
    for slug, name, zone in HUBS:
        hub = programs.hub_by_slug(session, slug)
        if hub is None:
            hub = programs.create_hub(session, slug=slug, name=name, time_zone=zone)
            added["hubs"] += 1
        hubs[slug] = hub
    for hub_slug, email, role in MEMBERSHIPS:
        before = len(accounts.hub_roles(session, users[email].id).get(hubs[hub_slug].id or 0, ()))
        programs.add_hub_member(session, hubs[hub_slug], users[email], role.value)
        after = len(accounts.hub_roles(session, users[email].id).get(hubs[hub_slug].id or 0, ()))
        added["memberships"] += after - before
    by_slug: dict[str, Program] = {}
    for spec in PROGRAMS:
        found = programs.program_by_slug(session, spec["slug"])
        if found is None:
            program = programs.save_program(session, hubs[spec["hub"]], ProgramForm.parse(spec))
            added["programs"] += 1
        else:
            program = found[0]
        by_slug[spec["slug"]] = program
    for program_slug, email in PARTICIPANTS:
        program = by_slug[program_slug]
        if programs.enrollment_of(session, program.id or 0, users[email].id) is None:
            session.add(
                Enrollment(
                    program_id=program.id or 0,
                    user_id=users[email].id or 0,
                    status=EnrollmentStatus.active.value,
                    decided_by_id=users["coordinator@example.org"].id,
                )
            )
            added["enrollments"] += 1
    session.flush()
    added["sessions"] = _load_schedules(session, by_slug, today or date.today())
    added["cases"] = _load_cases(session, by_slug["peds-mh-echo"], users)
    added["attendance reports"] = _load_attendance(session, by_slug["peds-mh-echo"], users)
    added["CME claims"], added["certificates"] = _load_cme(
        session, by_slug["peds-mh-echo"], users, issuer
    )
    added["consult requests"] = demo_consult.load(
        session, passwords, hubs["cascadia"], DEMO_PASSWORD, utcnow()
    )
    if outcomes:
        added["learners with survey answers"] = demo_outcomes.load(
            session, passwords, by_slug["peds-mh-echo"], DEMO_PASSWORD
        )
    added["webhook endpoints"] = _load_webhooks(
        session, hubs["cascadia"], by_slug["peds-mh-echo"], users
    )
    added["service tokens"] = _load_service_tokens(session, hubs["cascadia"], users)
    return added


DEMO_CASES = (
    {
        "age_value": "14",
        "age_unit": "years",
        "sex": "female",
        "school_setting": "public",
        "history": "Low mood, withdrawal from friends and falling grades for 4 months. "
        "Sleeping 10 hours on weekends, poor appetite.",
        "screening": "PHQ-A 17 (2026), ASQ negative today.",
        "medications": "None.",
        "tried": "School counselor twice a month since the fall.",
        "family_context": "Lives with mom and a younger brother; parents separated last year.",
        "safety_concerns": "Denies suicidal thoughts; no firearms in the home.",
        "question": "Should we start an SSRI now or wait for therapy to begin?",
        "attested": "yes",
    },
    {
        "age_value": "8",
        "age_unit": "years",
        "sex": "male",
        "school_setting": "public",
        "history": "Inattention and impulsivity at home and school since kindergarten.",
        "screening": "Vanderbilt parent 7/9 inattentive, 6/9 hyperactive; teacher similar.",
        "medications": "Methylphenidate ER 18 mg every morning for 6 weeks.",
        "tried": "Behavior plan at school; parent training classes.",
        "family_context": "Dad has ADHD; grandma helps after school.",
        "safety_concerns": "None.",
        "question": "Partial response at 18 mg: increase the dose or switch to an amphetamine?",
        "attested": "yes",
    },
    {
        "age_value": "16",
        "age_unit": "years",
        "sex": "female",
        "school_setting": "charter",
        "history": "Panic attacks 2-3 times a week, avoiding school for 3 weeks.",
        "screening": "SCARED 41; GAD-7 of 15.",
        "medications": "Sertraline 25 mg daily started 10 days ago.",
        "tried": "Breathing exercises; a few CBT sessions last year.",
        "family_context": "Lives with both parents and an older sister.",
        "safety_concerns": "No self-harm.",
        "question": "How fast can we titrate sertraline, and what should we tell the school?",
        "attested": "yes",
    },
    {
        "age_value": "11",
        "age_unit": "years",
        "sex": "male",
        "school_setting": "public",
        "history": "Daily explosive outbursts at home for 6 months, hitting his sister twice; "
        "calm at school. Sleep onset after midnight.",
        "screening": "Vanderbilt negative for ADHD; SCARED 22; PHQ-A 6.",
        "medications": "Melatonin 3 mg at bedtime.",
        "tried": "Reward chart at home for 2 months; one visit with a school counselor.",
        "family_context": "Lives with mom, stepdad and a younger sister; stepdad moved in last "
        "spring.",
        "safety_concerns": "No self-harm; outbursts include throwing objects.",
        "question": "Is this oppositional defiant disorder, and is medication indicated?",
        "attested": "yes",
    },
)
DEMO_CASE_CONCERNS = (["depression"], ["adhd"], ["anxiety"], ["disruptive"])
DEMO_RECOMMENDATIONS = {
    "restated_question": "An 11-year-old with six months of explosive outbursts at home only: "
    "is this ODD, and should medication be part of the plan?",
    "diagnostic_considerations": "Home-only aggression with a recent change in the family "
    "points first to a parent-child relational problem and adjustment to the new stepparent; "
    "criteria for ODD may be met. Screen again for anxiety (SCARED 22 is borderline) and "
    "for sleep deprivation, which lowers frustration tolerance.",
    "treatment": "No medication for now. Start parent management training (PCIT or a "
    "Parenting Wisely style program). If severe aggression persists after 8-12 weeks of "
    "parent training, reconsider; guanfacine ER 1 mg at bedtime is a reasonable first "
    "option for impulsive aggression, titrated by 1 mg weekly to 3 mg as tolerated.",
    "supports": "Family therapy including the stepdad; a consistent bedtime routine with "
    "screens off an hour before bed; ask the school to share any peer concerns.",
    "safety_plan": "Remove or lock away objects that were thrown; agree on a calm-down space; "
    "review when to call 988 or go to the emergency department if anyone is hurt.",
    "follow_up": "Present again in 3 months with a repeat SCARED and a parent-rated "
    "behavior scale.",
}
DEMO_RESOURCE_IDS = ("aap-effective-discipline", "safety-planning-intervention")


def _load_cases(session: Session, program: Program, users: dict[str, User]) -> int:
    """From the demo pediatrician: a draft, a submitted case, an accepted (scheduled) one,
    and one presented at the last session with recommendations released by the lead."""
    if session.exec(select(Case.id).where(Case.program_id == program.id).limit(1)).first():
        return 0
    author = users["pediatrician@example.org"].id or 0
    coordinator = users["coordinator@example.org"].id or 0
    lead = users["faculty@example.org"].id or 0
    program.lead_faculty_id = lead
    session.add(program)
    created = []
    for values, concerns in zip(DEMO_CASES, DEMO_CASE_CONCERNS, strict=True):
        form, _ = cases.read_form({**values, "concerns": list(concerns)})
        created.append(
            cases.save(session, form=form, acknowledged=set(), actor_id=author, program=program)
        )
    _draft, submitted, accepted, presented = created
    cases.transition(session, submitted, "submit", actor_id=author)
    next_session = sessions.upcoming(session, program.id or 0)[0]
    for case in (accepted, presented):
        cases.transition(session, case, "submit", actor_id=author)
        cases.transition(session, case, "review", actor_id=coordinator)
        cases.transition(session, case, "accept", actor_id=coordinator, session_id=next_session.id)
    # The presented case belongs to the last session held (accepting needs an upcoming one).
    held = [
        s
        for s in sessions.program_sessions(session, program.id or 0)
        if s.starts_at < next_session.starts_at and s.status != SessionStatus.cancelled
    ]
    presented.session_id = held[-1].id
    cases.transition(session, presented, "present", actor_id=coordinator)
    written, _ = cases.read_recommendation_form(
        {**DEMO_RECOMMENDATIONS, "resource_ids": list(DEMO_RESOURCE_IDS)},
        set(curricula.toolkits()),
    )
    cases.save_recommendation(
        session, presented, form=written, acknowledged=set(), actor_id=lead, expected_version=0
    )
    cases.release(session, presented, actor_id=lead)
    session.flush()
    return len(created)


def _tuesday_six_weeks_before(today: date) -> date:
    """The peds-mh-echo series starts on the Tuesday on or before six weeks ago."""
    start = today - timedelta(weeks=6)
    return start - timedelta(days=(start.weekday() - 1) % 7)


def _load_schedules(session: Session, by_slug: dict[str, Program], today: date) -> int:
    """Schedules, the core curriculum, one cancelled and one moved session; 0 if present."""
    peds = by_slug["peds-mh-echo"]
    if sessions.schedule_of(session, peds.id or 0) is not None:
        return 0
    peds_spec = recurrence.ScheduleSpec(
        first_date=_tuesday_six_weeks_before(today),
        start_time=time(12, 0),
        duration_minutes=60,
        time_zone="America/Los_Angeles",
        recurrence=recurrence.Recurrence("weekly", interval=2, weekdays=(1,)),
        count=12,
    )
    created = sessions.apply_schedule(
        session,
        peds,
        peds_spec,
        meeting_url=DEMO_MEETING_URL,
        meeting_passcode="echo",
        in_use=attendance.sessions_in_use,
    ).create
    curriculum, issues = curricula.load(curricula.CURRICULA_DIR / "peds-mh-core.toml")
    if curriculum is None:
        raise curricula.CatalogError(issues)
    # The whole series follows the curriculum, past sessions included.
    first = datetime.combine(peds_spec.first_date, time(0), tzinfo=UTC) - timedelta(days=1)
    sessions.apply_curriculum(session, peds, curriculum, now=first)
    series = list(sessions.program_sessions(session, peds.id or 0))
    upcoming = [s for s in series if s.starts_at.date() > today]
    sessions.cancel(session, upcoming[1], "Holiday: no session this week.")
    moved = upcoming[3]
    local = in_zone(moved.starts_at, peds_spec.time_zone)
    sessions.reschedule(
        session,
        moved,
        peds_spec.time_zone,
        MoveForm.parse(
            {
                "date": (local.date() + timedelta(days=1)).isoformat(),
                "time": local.strftime("%H:%M"),
                "duration_minutes": "60",
            }
        ),
    )
    lakeshore = by_slug["lakeshore-anxiety-echo"]
    lakeshore_spec = recurrence.ScheduleSpec(
        first_date=today.replace(day=1),
        start_time=time(17, 0),
        duration_minutes=60,
        time_zone="America/New_York",
        recurrence=recurrence.Recurrence("monthly", month_week=1, month_weekday=3),
        count=9,
    )
    created += sessions.apply_schedule(
        session,
        lakeshore,
        lakeshore_spec,
        meeting_url=DEMO_MEETING_URL,
        meeting_passcode="",
        in_use=attendance.sessions_in_use,
    ).create
    session.flush()
    return len(created)


def wipe(session: Session) -> None:
    """Delete every row (for ``demo --reset``), children before parents."""
    for table in reversed(metadata.sorted_tables):
        session.execute(table.delete())


# --- attendance ---------------------------------------------------------------------------------

# (name in the report, email or "", minutes from the start joined, minutes left) per row.
DEMO_ZOOM_ROWS = (
    ("Dr. Paula Pediatrician (Paula P)", "pediatrician@example.org", -5, 40),
    ("Paula on phone", "pediatrician@example.org", 35, 62),  # second device, overlapping
    ("Nico NP", "np@example.org", 3, 58),
    ("Dr. Farah Faculty", "faculty@example.org", -10, 61),
    ("R. Guest (Clinic iPad)", "", 12, 50),  # not signed in: waits to be matched
)
DEMO_TEAMS_ROWS = (
    ("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 25),
    ("Dr. Paula Pediatrician", "pediatrician@example.org", 28, 60),  # rejoined
    ("Dr. Farah Faculty", "faculty@example.org", -2, 60),
)


def demo_zoom_report(start_local: datetime) -> bytes:
    """A Zoom participants export (2024+ layout) as Zoom writes it, for the demo."""

    def at(minutes: int) -> str:
        return (start_local + timedelta(minutes=minutes)).strftime("%m/%d/%Y %I:%M:%S %p")

    lines = [
        "Topic,ID,Host,Duration (minutes),Start time,End time,Participants",
        f'Pediatric Mental Health ECHO,123456789,Casey Coordinator,75,"{at(-10)}","{at(65)}",5',
        "",
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "Recording disclaimer response,In waiting room",
    ]
    for name, email, joined, left in DEMO_ZOOM_ROWS:
        guest = "No" if email else "Yes"
        lines.append(f'{name},{email},"{at(joined)}","{at(left)}",{left - joined},{guest},OK,No')
    return ("\ufeff" + "\n".join(lines) + "\n").encode()


def demo_teams_report(start_local: datetime) -> bytes:
    """A Teams attendance report (2022+ layout): UTF-16 with BOM, tab-separated sections."""

    def at(minutes: int) -> str:
        return (start_local + timedelta(minutes=minutes)).strftime("%m/%d/%y, %I:%M:%S %p")

    lines = [
        "1. Summary",
        "Meeting title\tPediatric Mental Health ECHO",
        "Attended participants\t2",
        f"Start time\t{at(-2)}",
        f"End time\t{at(60)}",
        "",
        "2. Participants",
        "Name\tFirst join\tLast leave\tIn-meeting duration\tEmail\tParticipant ID (UPN)\tRole",
        f"Dr. Paula Pediatrician\t{at(0)}\t{at(60)}\t57m\tpediatrician@example.org"
        "\tpediatrician@example.org\tAttendee",
        f"Dr. Farah Faculty\t{at(-2)}\t{at(60)}\t1h 2m\tfaculty@example.org"
        "\tfaculty@example.org\tOrganizer",
        "",
        "3. In-Meeting activities",
        "Name\tJoin time\tLeave time\tDuration\tEmail\tRole",
    ]
    for name, email, joined, left in DEMO_TEAMS_ROWS:
        lines.append(f"{name}\t{at(joined)}\t{at(left)}\t{left - joined}m\t{email}\tAttendee")
    return ("\n".join(lines) + "\n").encode("utf-16")  # Python writes the BOM


def _load_attendance(session: Session, program: Program, users: dict[str, User]) -> int:
    """A Zoom and a Teams report imported into the last two sessions held, a manual
    adjustment, and one person in the Zoom report waiting to be matched."""
    held = [
        s
        for s in sessions.program_sessions(session, program.id or 0)
        if s.ends_at < datetime.now(UTC) and s.status != SessionStatus.cancelled
    ]
    if len(held) < 2 or attendance.imports_of(session, held[-1].id or 0):
        return 0
    zone = zones.zone_of_program(session, program)
    coordinator = users["coordinator@example.org"].id or 0
    reports = (
        (held[-2], demo_teams_report, "teams-attendance-report.csv"),
        (held[-1], demo_zoom_report, "zoom-participants.csv"),
    )
    for target, make, filename in reports:
        local_start = in_zone(target.starts_at, zone)
        plan = attendance.plan_import(
            session,
            target,
            program.hub_id,
            data=make(local_start.replace(tzinfo=None)),
            filename=filename,
            zone=zone,
        )
        attendance.commit_import(session, target, plan, actor_id=coordinator)
    attendance.adjust(
        session,
        held[-2],
        users["np@example.org"].id or 0,
        minutes=45,
        reason="Joined by phone; the phone line is not in the Teams report.",
        actor_id=coordinator,
    )
    session.flush()
    return len(reports)


# --- CME ------------------------------------------------------------------------------------------

DEMO_EVALUATION = {
    "overall": "5",
    "intended_change": "Screen every adolescent with the PHQ-A at well visits.",
    "bias_free": "yes",
    "suggestions": "More time for questions after the didactic.",
}


def _load_cme(
    session: Session, program: Program, users: dict[str, User], issuer: cme.Issuer | None
) -> tuple[int, int]:
    """Accreditation for peds-mh-echo, disclosures, and for the last two sessions held:
    evaluations and claims (AMA for the pediatrician, participation for the nurse
    practitioner), their certificates, and one certificate revoked."""
    if cme.settings_of(session, program.id or 0) is not None:
        return 0, 0
    cme_admin = users["cme@example.org"]
    cme.save_settings(
        session,
        program,
        SettingsForm.parse(
            {
                "provider": "Cascadia Children's Hospital Office of CME",
                "ama_enabled": "yes",
                "ama_max_per_session": "1",
                "participation_enabled": "yes",
                "moc_enabled": "yes",
                "moc_points_per_session": "1",
                "accme_activity_id": "202600123",
                "evaluation_required": "yes",
                "claim_window_days": "30",
            }
        ),
        actor_id=cme_admin.id or 0,
    )
    lead = users["faculty@example.org"]
    cme.save_disclosure(
        session,
        program,
        lead,
        DisclosureForm.parse({"role": "faculty", "has_relationships": "no", "attest": "yes"}),
    )
    other = cme.save_disclosure(
        session,
        program,
        users["faculty2@example.org"],
        DisclosureForm.parse(
            {
                "role": "faculty",
                "has_relationships": "yes",
                "relationships": "Northwind Pharmaceuticals: advisory board",
                "attest": "yes",
            }
        ),
    )
    cme.mitigate(
        session,
        other,
        "Content reviewed by the lead faculty member; presents no pharmacotherapy topics.",
        cme_admin.id or 0,
    )
    claims = []
    plan: tuple[tuple[str, int, dict[str, str]], ...] = (
        ("pediatrician@example.org", -1, {"moc": "yes", "abp_id": "1234567"}),
        ("pediatrician@example.org", -2, {}),
        ("np@example.org", -2, {}),
        ("faculty@example.org", -1, {}),
    )
    for email, index, extra in plan:
        user = users[email]
        rows = [r for r in cme.claimables(session, user) if r.kind is not None]
        rows.sort(key=lambda r: r.program_session.starts_at)
        if len(rows) < -index:
            continue
        row = rows[index]
        questions = cme.questions_of(session, program.id or 0)
        objectives = cme.objectives_of(row.program_session)
        answers = {**DEMO_EVALUATION, **{f"objective-{i}": "4" for i in range(len(objectives))}}
        cme.submit_evaluation(session, row, user.id or 0, answers, questions)
        row = cme.claimable(session, user, row.program_session.id or 0) or row
        first, last = cme.split_name(user.name)
        data = {"credits": str(row.amount), **extra}
        if extra.get("moc"):
            data.update(
                first_name=first,
                last_name=last,
                birth_month_day="04/27",
                moc_consent="yes",
            )
        claims.append(cme.claim(session, row, user, ClaimForm.parse(data)))
    issued = 0
    if issuer is not None:
        for record in claims:
            certificate = cme.issue_certificate(session, record, issuer)
            issued += 1
            if record.user_id == lead.id:
                cme.revoke(
                    session,
                    certificate,
                    "Presenting faculty claim presenter credit; this learner claim was an error.",
                )
    session.flush()
    return len(claims), issued


# --- webhooks ------------------------------------------------------------------------------------

# A reserved name (RFC 2606): it never resolves, so the demo never posts anywhere.
DEMO_WEBHOOK_URL = "https://hooks.cascadia-childrens.example/echo-events"


def _load_webhooks(session: Session, hub: Hub, program: Program, users: dict[str, User]) -> int:
    """An endpoint of Cascadia's (added last, so loading the demo queues no event for it)
    with a delivery log to read: delivered session and attendance events, a test event,
    and a certificate event that failed after every retry, ready to redeliver."""
    if webhook_services.endpoints_of(session, hub.id or 0):
        return 0
    now = utcnow()
    endpoint = WebhookEndpoint(
        hub_id=hub.id or 0,
        url=DEMO_WEBHOOK_URL,
        description="Cascadia CME office records (demo)",
        event_types=",".join(webhook_events.EVENT_TYPES),
        secret=new_secret(),
        created_by_id=users["coordinator@example.org"].id,
        created_at=now - timedelta(days=21),
    )
    session.add(endpoint)
    session.flush()
    series = list(sessions.program_sessions(session, program.id or 0))
    cancelled = next(s for s in series if s.status == SessionStatus.cancelled)
    held = [s for s in series if s.ends_at < now and s.status != SessionStatus.cancelled]
    scope = {"hub": hub.slug, "program": program.slug}
    log: list[tuple[str, dict[str, object], str, int, int | None, str]] = [
        ("webhook.test", {"hub": hub.slug, "endpoint_id": endpoint.id}, "delivered", 1, 204, ""),
        (
            "session.changed",
            {
                **scope,
                "session_id": cancelled.id,
                "change": "cancelled",
                "status": cancelled.status,
                "starts_at": webhook_events.timestamp(cancelled.starts_at),
                "ends_at": webhook_events.timestamp(cancelled.ends_at),
                "sequence": cancelled.sequence,
                "session_url": f"/sessions/{cancelled.id}",
            },
            "delivered",
            2,
            200,
            "",
        ),
    ]
    reports = attendance.imports_of(session, held[-1].id or 0) if held else []
    if reports:
        last, report = held[-1], reports[0]
        log.append(
            (
                "attendance.finalised",
                {
                    **scope,
                    "session_id": last.id,
                    "import_id": report.id,
                    "source": report.format,
                    "people": report.people,
                    "matched": report.matched,
                    "unmatched": report.people - report.matched,
                    "session_url": f"/sessions/{last.id}",
                    "attendance_url": f"/sessions/{last.id}/attendance",
                    "api_url": f"/api/v1/sessions/{last.id}/attendance",
                },
                "failed",
                webhook_delivery.MAX_ATTEMPTS,
                503,
                "Service Unavailable: the records system is down for maintenance",
            )
        )
    for number, (event_type, data, status, attempts, code, error) in enumerate(log):
        made = now - timedelta(days=14 - 3 * number)
        session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id or 0,
                event_id=new_event_id(),
                event_type=event_type,
                payload=webhook_events.payload(event_type, data, made),
                status=status,
                attempts=attempts,
                next_attempt_at=made,
                last_status_code=code,
                last_error=error,
                created_at=made,
                delivered_at=made + timedelta(seconds=1) if status == "delivered" else None,
            )
        )
    session.flush()
    return 1


# --- API service tokens ---------------------------------------------------------------------


def _load_service_tokens(session: Session, hub: Hub, users: dict[str, User]) -> int:
    """A read-only service token of Cascadia's, as its CME office's records system would
    hold one, last used yesterday. Its text is thrown away: nobody can use it."""
    if api_tokens.service_token_rows(session, hub.id or 0):
        return 0
    now = utcnow()
    token, _text = api_tokens.create_service(
        session,
        hub_id=hub.id or 0,
        created_by_id=users["coordinator@example.org"].id or 0,
        name="CME office records (demo)",
        write=False,
        days=api_tokens.DEFAULT_DAYS,
        now=now - timedelta(days=20),
    )
    token.last_used_at = now - timedelta(days=1)
    session.add(token)
    session.flush()
    return 1
