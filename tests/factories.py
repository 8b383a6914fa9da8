"""Factories: a test states the world it needs instead of leaning on the demo data.

Plain functions taking an open SQLModel session (``with database.write() as session:``).
Each builds through the service the pages use when there is one, so the rules hold (a
password is checked and hashed, a hub needs a valid slug, a pending enrollment needs a
program that asks for approval, a case passes the PHI guard and moves along its
workflow); rows without a service (a hand-added session) are built from the models.

Defaults are unique per call (a counter), so two calls never collide on an email or a
slug, and every default can be overridden by name::

    with database.write() as session:
        hub = factories.create_hub(session)
        coordinator = factories.create_user(session, name="Casey Coordinator")
        factories.add_hub_role(session, coordinator, hub, "coordinator")
        program = factories.create_program(session, hub, approval=False)
        learner = factories.create_user(session)
        factories.enroll(session, learner, program)
    logged_in(bare_client, learner.email, factories.PASSWORD)
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta

from sqlmodel import Session

from echo.accounts import api_tokens
from echo.accounts import services as accounts
from echo.accounts.forms import ProfileForm, SignupForm
from echo.accounts.models import ApiToken, HubMembership, LoginSession, User
from echo.attendance import services as attendance
from echo.attendance.models import IntervalSource
from echo.cases import services as cases
from echo.cases.models import Case, CaseStatus
from echo.cme import services as cme
from echo.cme.forms import ClaimForm, SettingsForm
from echo.cme.models import Claim, CmeSettings
from echo.consult import practices
from echo.consult import services as consults
from echo.consult.forms import PracticeForm
from echo.consult.models import ConsultLine, ConsultRequest, Practice
from echo.programs import recurrence, sessions
from echo.programs import services as programs
from echo.programs.forms import ProgramForm
from echo.programs.models import (
    Enrollment,
    EnrollmentMode,
    EnrollmentStatus,
    Hub,
    Program,
    ProgramSession,
    ProgramStatus,
    Visibility,
)
from echo.security import tokens
from echo.security.passwords import Passwords
from echo.security.permissions import HubRole
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.webhooks import services as webhooks
from echo.webhooks.events import EVENT_TYPES
from echo.webhooks.forms import EndpointForm
from echo.webhooks.models import WebhookEndpoint

# Every factory account's password (the demo's "echo-demo" is refused as too common).
PASSWORD = "factory passphrase 42"
# The same cheap Argon2 parameters as the test settings (tests/conftest.py), so the app
# verifies these hashes without rehashing them on login.
_PASSWORDS = Passwords(time_cost=1, memory_kib=1024)
_counter = itertools.count(1)


def _next() -> int:
    return next(_counter)


def _id(row: User | Hub | Program | ProgramSession | Case | Enrollment | Practice) -> int:
    if row.id is None:
        raise ValueError("row has no id yet; flush the session first")
    return row.id


# --- people --------------------------------------------------------------------------------


def profile(
    *,
    name: str,
    credentials: str = "MD",
    profession: str = "Physician",
    time_zone: str = "America/Los_Angeles",
    **fields: str,
) -> ProfileForm:
    """A valid profile form, as the profile page would post it."""
    return ProfileForm.parse(
        {
            "name": name,
            "credentials": credentials,
            "profession": profession,
            "time_zone": time_zone,
            **fields,
        }
    )


def create_user(
    session: Session,
    *,
    email: str | None = None,
    name: str | None = None,
    password: str = PASSWORD,
    site_admin: bool = False,
    active: bool = True,
    verified: bool = True,
    credentials: str = "MD",
    profession: str = "Physician",
    time_zone: str = "America/Los_Angeles",
    **profile_fields: str,
) -> User:
    """An account made the way administrators and the command line make one
    (accounts.create_user). ``verified`` confirms its address as its link would;
    ``active=False`` with ``verified`` is a confirmed account later closed (no page
    closes accounts: that is a change in the database), without it an account that
    never opened."""
    n = _next()
    user = accounts.create_user(
        session,
        _PASSWORDS,
        email=email or f"person{n}@example.org",
        password=password,
        profile=profile(
            name=name or f"Person {n}",
            credentials=credentials,
            profession=profession,
            time_zone=time_zone,
            **profile_fields,
        ),
        is_site_admin=site_admin,
        active=active or verified,
    )
    if verified:
        accounts.confirm_sign_up(session, user)
        user.is_active = active
        session.add(user)
    session.flush()
    return user


def sign_up(
    session: Session,
    *,
    email: str | None = None,
    name: str | None = None,
    password: str = PASSWORD,
) -> User:
    """An account waiting for its confirmation link, as the sign-up page leaves it."""
    n = _next()
    form = SignupForm.parse(
        {
            "email": email or f"signup{n}@example.org",
            "password": password,
            "name": name or f"New Person {n}",
            "credentials": "NP",
            "profession": "Nurse practitioner",
            "time_zone": "America/Chicago",
        }
    )
    result = accounts.sign_up(session, _PASSWORDS, form)
    if not result.is_new:
        raise ValueError(f"{form.email} already has an account")
    return result.user


def log_in(
    session: Session, settings: Settings, user: User, *, user_agent: str = ""
) -> tuple[LoginSession, str]:
    """A login session for ``user`` as the login page starts it: its row and the cookie
    value (set it as a TestClient's session cookie to be signed in without the form)."""
    started = accounts.start_login(session, settings, user, user_agent=user_agent)
    session.flush()
    claims = tokens.verify(settings.secret, started.cookie_value, purpose=tokens.Purpose.login)
    record = session.get(LoginSession, claims["jti"])
    assert record is not None
    return record, started.cookie_value


# --- hubs ----------------------------------------------------------------------------------


def create_hub(
    session: Session,
    *,
    slug: str | None = None,
    name: str | None = None,
    time_zone: str = "America/Los_Angeles",
    coordinator: User | None = None,
) -> Hub:
    """A hub (programs.create_hub), optionally with its first coordinator."""
    n = _next()
    hub = programs.create_hub(
        session, slug=slug or f"hub-{n}", name=name or f"Hub {n}", time_zone=time_zone
    )
    if coordinator is not None:
        add_hub_role(session, coordinator, hub, HubRole.coordinator)
    return hub


def add_hub_role(session: Session, user: User, hub: Hub, role: HubRole | str) -> HubMembership:
    """Give ``user`` a role in ``hub`` (accounts.add_hub_member: a known role, once)."""
    value = role.value if isinstance(role, HubRole) else role
    return programs.add_hub_member(session, hub, user, value)


# --- programs and enrollment -----------------------------------------------------------------


def create_program(
    session: Session,
    hub: Hub,
    *,
    slug: str | None = None,
    title: str | None = None,
    status: ProgramStatus | str = ProgramStatus.open,
    visibility: Visibility | str = Visibility.public,
    approval: bool = True,
    participants_see_cases: bool = True,
    lead_faculty: User | None = None,
    description: str = "",
) -> Program:
    """A program saved as the program form saves it (programs.save_program): a lead
    faculty member must be one of the hub's faculty."""
    n = _next()
    form = ProgramForm.parse(
        {
            "slug": slug or f"program-{n}",
            "title": title or f"Program {n} ECHO",
            "description": description,
            "target_audience": "",
            "status": ProgramStatus(status).value,
            "visibility": Visibility(visibility).value,
            "enrollment_mode": (EnrollmentMode.approval if approval else EnrollmentMode.auto).value,
            "participants_see_cases": "yes" if participants_see_cases else "",
            "lead_faculty_id": str(lead_faculty.id) if lead_faculty is not None else "",
        }
    )
    return programs.save_program(session, hub, form)


def enroll(
    session: Session,
    user: User,
    program: Program,
    status: EnrollmentStatus | str = EnrollmentStatus.active,
    *,
    decided_by: User | None = None,
) -> Enrollment:
    """``user``'s enrollment in ``program`` with ``status``, reached the way people reach it:
    active by a coordinator's invitation (programs.enroll_directly), pending by a request
    to a program that asks for approval (programs.request_enrollment), withdrawn by
    leaving an active enrollment (programs.withdraw)."""
    wanted = EnrollmentStatus(status)
    if wanted == EnrollmentStatus.pending:
        enrollment = programs.request_enrollment(session, _program_view(program), _id(user))
        if enrollment.status != EnrollmentStatus.pending:
            raise ValueError("a program without approval has no pending requests")
        return enrollment
    decider = _id(decided_by) if decided_by is not None else None
    enrollment = programs.enroll_directly(session, program, user, decider)  # type: ignore[arg-type]
    if wanted == EnrollmentStatus.withdrawn:
        programs.withdraw(session, _id(enrollment))
        session.flush()
        session.refresh(enrollment)
    return enrollment


def _program_view(program: Program) -> programs.ProgramView:
    return programs.ProgramView(
        id=_id(program),
        hub_id=program.hub_id,
        slug=program.slug,
        title=program.title,
        description=program.description,
        target_audience=program.target_audience,
        status=program.status,
        visibility=program.visibility,
        enrollment_mode=program.enrollment_mode,
    )


# --- sessions --------------------------------------------------------------------------------


def _next_hour(days_ahead: int) -> datetime:
    soon = utcnow() + timedelta(days=days_ahead)
    return soon.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def create_session(
    session: Session,
    program: Program,
    *,
    start: datetime | None = None,
    minutes: int = 60,
    title: str = "",
    case_capacity: int = 2,
) -> ProgramSession:
    """One meeting added by hand (no schedule slot); by default a week from now, on the
    hour. ``start`` is an aware datetime."""
    starts_at = start or _next_hour(days_ahead=7)
    if starts_at.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    row = ProgramSession(
        program_id=_id(program),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        title=title,
        case_capacity=case_capacity,
    )
    session.add(row)
    session.flush()
    return row


def create_schedule(
    session: Session,
    program: Program,
    *,
    first_date: date | None = None,
    start_time: time = time(12, 0),
    minutes: int = 60,
    every_weeks: int = 1,
    count: int = 4,
    time_zone: str = "America/Los_Angeles",
    meeting_url: str = "https://meeting.example.org/j/123456789",
) -> list[ProgramSession]:
    """A weekly series applied as the schedule page applies it (sessions.apply_schedule);
    by default four weekly meetings starting next week. Returns the program's sessions."""
    start = first_date or (utcnow().date() + timedelta(days=7))
    spec = recurrence.ScheduleSpec(
        first_date=start,
        start_time=start_time,
        duration_minutes=minutes,
        time_zone=time_zone,
        recurrence=recurrence.Recurrence(
            "weekly", interval=every_weeks, weekdays=(start.weekday(),)
        ),
        count=count,
    )
    sessions.apply_schedule(
        session,
        program,
        spec,
        meeting_url=meeting_url,
        meeting_passcode="",
        in_use=attendance.sessions_in_use,
    )
    return list(sessions.program_sessions(session, _id(program)))


# --- cases -----------------------------------------------------------------------------------

# Passes the PHI guard with no warning to acknowledge.
CLEAN_CASE: dict[str, str | list[str]] = {
    "age_value": "14",
    "age_unit": "years",
    "sex": "female",
    "school_setting": "public",
    "concerns": ["depression"],
    "history": "Low mood and withdrawal from friends for 4 months; grades falling.",
    "screening": "PHQ-A 17, ASQ negative today.",
    "medications": "None.",
    "tried": "School counselor twice a month.",
    "family_context": "Lives with mom and a younger brother.",
    "safety_concerns": "Denies suicidal thoughts; no firearms in the home.",
    "question": "Should we start an SSRI now or wait for therapy to begin?",
    "attested": "yes",
}
# The workflow steps (cases.TRANSITIONS) from a draft to each status.
_PATH_TO = {
    CaseStatus.draft: (),
    CaseStatus.submitted: ("submit",),
    CaseStatus.in_review: ("submit", "review"),
    CaseStatus.returned: ("submit", "return"),
    CaseStatus.declined: ("submit", "decline"),
    CaseStatus.accepted: ("submit", "review", "accept"),
    CaseStatus.presented: ("submit", "review", "accept", "present"),
}


def create_case(
    session: Session,
    program: Program,
    submitter: User,
    *,
    status: CaseStatus | str = CaseStatus.draft,
    staff: User | None = None,
    in_session: ProgramSession | None = None,
    **fields: str | list[str],
) -> Case:
    """A case saved through the PHI guard (cases.save) and moved to ``status`` through its
    workflow (cases.transition): the submitter submits, ``staff`` (a coordinator or
    faculty member of the program's hub) does the rest. Accepting needs an upcoming
    session: ``in_session``, or a new one a week from now. The submitter is not enrolled
    here (the page requires it; enroll them when the test goes through the pages)."""
    wanted = CaseStatus(status)
    if wanted not in _PATH_TO:
        raise ValueError(f"create_case reaches {', '.join(_PATH_TO)}; not {wanted}")
    form, acknowledged = cases.read_form({**CLEAN_CASE, **fields})
    case = cases.save(
        session, form=form, acknowledged=acknowledged, actor_id=_id(submitter), program=program
    )
    for step in _PATH_TO[wanted]:
        actor = submitter if step == "submit" else staff
        if actor is None:
            raise ValueError(f"moving a case to {wanted} needs staff= (a hub coordinator)")
        note = "Please add the screening scores." if step in ("return", "decline") else ""
        target = None
        if step == "accept":
            target = in_session or create_session(session, program)
        cases.transition(
            session,
            case,
            step,
            actor_id=_id(actor),
            note=note,
            session_id=_id(target) if target is not None else None,
        )
    session.flush()
    return case


# --- CME ---------------------------------------------------------------------------------------

CREDIT_SETTINGS = {
    "provider": "Factory Office of CME",
    "ama_enabled": "yes",
    "ama_max_per_session": "1",
    "participation_enabled": "yes",
    "moc_points_per_session": "1",
    "claim_window_days": "30",
}


def offer_credit(session: Session, program: Program, actor: User, **fields: str) -> CmeSettings:
    """CME settings saved as a CME administrator saves them (cme.save_settings): AMA credit
    up to 1 per session, participation hours for everyone else, a 30-day claim window and
    no evaluation before claiming (so ``create_claim`` can claim at once). Any field of the
    settings form can be overridden by its name (``evaluation_required="yes"``)."""
    form = SettingsForm.parse({**CREDIT_SETTINGS, **fields})
    return cme.save_settings(session, program, form, actor_id=_id(actor))


def attend(session: Session, item: ProgramSession, user: User, minutes: int | None = None) -> None:
    """``user`` attended ``item`` from its start, the whole of it unless ``minutes`` says
    otherwise, as a video platform's report records it."""
    end = item.ends_at if minutes is None else item.starts_at + timedelta(minutes=minutes)
    attendance.add_intervals(
        session, _id(item), _id(user), IntervalSource.report, [(item.starts_at, end)]
    )


def create_claim(
    session: Session,
    item: ProgramSession,
    user: User,
    *,
    credits: str = "1",
    claimed_at: datetime | None = None,
) -> Claim:
    """Credit claimed through the claim page's service (cme.claim), after attending the
    whole session (``attend``): the program needs CME settings without a required
    evaluation (``offer_credit``). ``claimed_at`` (an aware datetime, by default now) must
    be inside the claim window; a physician (MD, DO) claims AMA credit, anyone else hours."""
    moment = claimed_at or utcnow()
    attend(session, item, user)
    row = cme.claimable(session, user, _id(item), moment)
    if row is None:
        raise ValueError("the session has no CME settings, or is not held yet at claimed_at")
    return cme.claim(session, row, user, ClaimForm.parse({"credits": credits}), moment)


# --- the consult line ---------------------------------------------------------------------

CLEAN_CONSULT = {
    "urgency": "routine",
    "preferred_response": "written",
    "age_value": "9",
    "age_unit": "years",
    "sex": "male",
    "reasons": ["medication"],
    "concerns": "Inattention and impulsivity at school for two years; Vanderbilt positive.",
    "medications": "Methylphenidate ER 18 mg each morning.",
    "question": "Would you increase the dose or switch to a different stimulant?",
}


def create_practice(session: Session, lead: User, **fields: str) -> Practice:
    """A practice (consult.practices.create) with ``lead`` as its first lead."""
    n = _next()
    form = PracticeForm.parse({"name": f"Practice {n} Pediatrics", **fields})
    return practices.create(session, form, user_id=_id(lead))


def join_practice(
    session: Session, user: User, practice: Practice, *, approve: bool = True
) -> None:
    """``user`` asks to join; the practice's creator approves unless ``approve`` is false."""
    member = practices.request_to_join(session, _id(practice), _id(user))
    if approve:
        practices.decide(
            session, _id(practice), member.id or 0, "approve", actor_id=practice.created_by_id or 0
        )


def create_consult_line(
    session: Session,
    hub: Hub,
    *,
    slug: str | None = None,
    name: str | None = None,
    target_minutes: int = 30,
    billing_support: bool = False,
    practices_enrolled: tuple[Practice, ...] = (),
) -> ConsultLine:
    n = _next()
    line = ConsultLine(
        hub_id=_id(hub),
        slug=slug or f"line-{n}",
        name=name or f"Consult line {n}",
        response_target_minutes=target_minutes,
        billing_support=billing_support,
    )
    session.add(line)
    session.flush()
    for practice in practices_enrolled:
        practices.enroll(session, _id(practice), line, actor_id=practice.created_by_id or 0)
    return line


def create_consult_request(
    session: Session,
    line: ConsultLine,
    practice: Practice,
    requester: User,
    *,
    now: datetime | None = None,
    **fields: str | list[str],
) -> ConsultRequest:
    """A request through the PHI guard (consult.services.submit), as the form makes it."""
    # Each request a question of its own (the same one again soon is a repeat).
    unique = {"concerns": f"{CLEAN_CONSULT['concerns']} Seen {_next()} times."}
    form, acknowledged = consults.read_request({**CLEAN_CONSULT, **unique, **fields})
    return consults.submit(
        session,
        form=form,
        acknowledged=acknowledged,
        line=line,
        practice=practice,
        requester=requester,
        now=now,
    )


# --- webhooks ----------------------------------------------------------------------------------


def create_webhook_endpoint(
    session: Session,
    hub: Hub,
    creator: User,
    *,
    url: str,
    events: list[str] | None = None,
    description: str = "",
) -> WebhookEndpoint:
    """An endpoint registered as the hub's webhooks page registers one
    (webhooks.services.create), subscribed to ``events`` (by default every event type).
    The address check lets a local receiver through (plain http, loopback), as
    ECHO_WEBHOOKS_ALLOW_HTTP and ECHO_WEBHOOKS_ALLOW_PRIVATE do."""
    form = EndpointForm.parse(
        {
            "url": url,
            "description": description,
            "event_types": list(EVENT_TYPES) if events is None else events,
        }
    )
    return webhooks.create(
        session,
        hub_id=_id(hub),
        form=form,
        created_by_id=_id(creator),
        allow_http=True,
        allow_private=True,
    )


# --- API tokens -----------------------------------------------------------------------------


def create_service_token(
    session: Session,
    hub: Hub,
    maker: User,
    *,
    name: str = "Nightly export",
    write: bool = False,
    days: int = 30,
    now: datetime | None = None,
) -> tuple[ApiToken, str]:
    """A service token of ``hub`` made by ``maker`` as the hub's token page makes one
    (api_tokens.create_service), and its text (the only time it exists)."""
    return api_tokens.create_service(
        session,
        hub_id=_id(hub),
        created_by_id=_id(maker),
        name=name,
        write=write,
        days=days,
        now=now or utcnow(),
    )
