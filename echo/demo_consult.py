"""Demo consult line for cascadia: an on-call rotation of its faculty, three practices at
different integration levels, a directory of fictional community services, and six
consults in different states (waiting, assigned, past its target, answered, answered
with billing support, and a referral with a follow-up to close). Requests and notes go
through the consult services and the PHI guard; their times are set back so the queue
shows waits. Everything is fictional; phone numbers use the 555-01xx range."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, select

from echo.accounts.models import User
from echo.consult import directory, integration, practices
from echo.consult import services as consults
from echo.consult.forms import FollowUpForm, PracticeForm, ResourceForm
from echo.consult.models import (
    CommunityResource,
    ConsultLine,
    ConsultRequest,
    MemberRole,
    MemberStatus,
    OnCallSubstitution,
    Practice,
    PracticeMember,
)
from echo.programs.models import Hub
from echo.security.passwords import Passwords

LINE_SLUG = "cascadia-consult"

# name, email, credentials, profession, phone
CLINICIANS = (
    ("Dr. Sam Okafor", "familydoc@example.org", "MD", "Physician", "541-555-0134"),
    ("Dr. Lena Whitehorse", "ruralpeds@example.org", "DO", "Physician", "541-555-0177"),
)

# practice name, setting, type, ZIP, state, lead email, other members, level answers
PRACTICES = (
    (
        "Riverbend Pediatrics",
        "urban",
        "independent",
        "97214",
        "OR",
        "pediatrician@example.org",
        ("np@example.org",),
        (2, 3),
    ),
    (
        "Cedar Valley Family Medicine",
        "rural",
        "independent",
        "97756",
        "OR",
        "familydoc@example.org",
        (),
        (1,),
    ),
    (
        "Harbor Community Health Center",
        "rural",
        "fqhc",
        "98520",
        "WA",
        "ruralpeds@example.org",
        (),
        (5,),
    ),
)

RESOURCES = (
    (
        "Willamette Youth Counseling",
        "therapy,family",
        3,
        18,
        "English, Spanish",
        "medicaid,commercial,sliding",
        True,
        3,
        "503-555-0101",
        "Portland",
        "OR",
    ),
    (
        "Columbia Child Psychiatry Associates",
        "psychiatry",
        4,
        18,
        "English",
        "commercial",
        True,
        8,
        "503-555-0102",
        "Portland",
        "OR",
    ),
    (
        "Coastal Family Therapy Collective",
        "therapy,family",
        0,
        21,
        "English",
        "medicaid,sliding",
        False,
        2,
        "541-555-0103",
        "Newport",
        "OR",
    ),
    (
        "High Desert Behavioral Health",
        "therapy,psychiatry,substance",
        12,
        21,
        "English, Spanish",
        "medicaid,chip,commercial",
        True,
        4,
        "541-555-0104",
        "Bend",
        "OR",
    ),
    (
        "Cascade Autism Evaluation Center",
        "autism,testing",
        1,
        18,
        "English",
        "medicaid,commercial",
        False,
        16,
        "503-555-0105",
        "Salem",
        "OR",
    ),
    (
        "Puget Sound Youth Crisis Line",
        "crisis",
        0,
        21,
        "English, Spanish, Vietnamese",
        "free",
        True,
        0,
        "206-555-0106",
        "Seattle",
        "WA",
    ),
    (
        "Harborview Teen Recovery Program",
        "substance,intensive",
        13,
        21,
        "English",
        "medicaid,commercial",
        False,
        2,
        "206-555-0107",
        "Tacoma",
        "WA",
    ),
    (
        "Evergreen Eating Disorder Clinic",
        "eating,intensive",
        10,
        21,
        "English",
        "commercial",
        True,
        10,
        "425-555-0108",
        "Bellevue",
        "WA",
    ),
    (
        "Parent Partners of Oregon",
        "family,school",
        0,
        21,
        "English, Spanish, Russian",
        "free",
        True,
        1,
        "503-555-0109",
        "Eugene",
        "OR",
    ),
    (
        "Rogue Valley Psychological Testing",
        "testing",
        5,
        21,
        "English",
        "commercial,sliding",
        False,
        12,
        "541-555-0110",
        "Medford",
        "OR",
    ),
    (
        "Yakima Valley Family Services",
        "therapy,family",
        0,
        18,
        "English, Spanish",
        "medicaid,chip,sliding",
        True,
        5,
        "509-555-0111",
        "Yakima",
        "WA",
    ),
    (
        "Inland Northwest Child Psychiatry",
        "psychiatry",
        5,
        18,
        "English",
        "medicaid,commercial",
        True,
        6,
        "509-555-0112",
        "Spokane",
        "WA",
    ),
    (
        "Klamath Basin Youth Day Program",
        "intensive,therapy",
        8,
        17,
        "English",
        "medicaid",
        False,
        3,
        "541-555-0113",
        "Klamath Falls",
        "OR",
    ),
    (
        "Education Rights Advocates Northwest",
        "school",
        3,
        21,
        "English, Spanish",
        "free",
        True,
        2,
        "360-555-0114",
        "Olympia",
        "WA",
    ),
    (
        "Mid-Columbia Parenting Program",
        "family",
        0,
        12,
        "English, Spanish",
        "medicaid,free",
        True,
        1,
        "541-555-0115",
        "The Dalles",
        "OR",
    ),
    (
        "Skagit Youth Substance Use Services",
        "substance",
        12,
        21,
        "English",
        "medicaid,chip",
        True,
        3,
        "360-555-0116",
        "Mount Vernon",
        "WA",
    ),
)

BASE = {
    "age_unit": "years",
    "on_medication": "",
}
# minutes ago, urgency, response, practice, requester, fields; then what happened.
CONSULTS = (
    (
        6,
        "urgent",
        "call",
        0,
        "pediatrician@example.org",
        {
            "age_value": "15",
            "sex": "female",
            "reasons": ["safety"],
            "concerns": "Passive suicidal thoughts for two weeks, PHQ-A 19 today, ASQ positive "
            "non-acute. Lives with both parents; no firearms reported.",
            "medications": "None.",
            "question": "Is outpatient follow-up this week safe, or should we send her to the "
            "emergency department today?",
        },
        "waiting",
    ),
    (
        22,
        "same-day",
        "call",
        0,
        "np@example.org",
        {
            "age_value": "9",
            "sex": "male",
            "reasons": ["medication"],
            "on_medication": "yes",
            "concerns": "ADHD, combined; partial response at school, afternoon rebound.",
            "medications": "Methylphenidate ER 18 mg each morning.",
            "question": "Increase the dose or add a short-acting afternoon dose?",
        },
        "assigned",
    ),
    (
        130,
        "routine",
        "written",
        1,
        "familydoc@example.org",
        {
            "age_value": "6",
            "sex": "male",
            "reasons": ["behavior", "resources"],
            "concerns": "Tantrums at home and preschool for a year, aggression toward a sibling.",
            "medications": "None.",
            "question": "What parenting program would you suggest, and is an evaluation needed?",
        },
        "past-target",
    ),
    (
        60 * 26,
        "routine",
        "written",
        0,
        "pediatrician@example.org",
        {
            "age_value": "12",
            "sex": "female",
            "reasons": ["diagnosis"],
            "concerns": "Worry, stomach aches and school refusal since the fall; SCARED 34.",
            "medications": "None.",
            "question": "Anxiety disorder or something else, and where to start?",
        },
        "answered",
    ),
    (
        60 * 50,
        "same-day",
        "call",
        2,
        "ruralpeds@example.org",
        {
            "age_value": "16",
            "sex": "male",
            "reasons": ["medication"],
            "on_medication": "yes",
            "concerns": "Depression improving on sertraline 50 mg for 6 weeks, PHQ-A 14 from 20.",
            "medications": "Sertraline 50 mg daily.",
            "question": "Increase to 100 mg now or wait another month?",
        },
        "billing",
    ),
    (
        60 * 75,
        "routine",
        "written",
        1,
        "familydoc@example.org",
        {
            "age_value": "14",
            "sex": "female",
            "reasons": ["resources"],
            "concerns": "Restrictive eating, 8% weight loss over three months, vitals stable.",
            "medications": "None.",
            "question": "Which eating disorder programs take her insurance, and what labs first?",
        },
        "referral",
    ),
)

NOTES = {
    "answered": {
        "assessment": "Presentation fits generalized or separation anxiety with school "
        "avoidance; rule out medical causes of the abdominal pain first.",
        "recommendations": "Start CBT with exposure for school attendance; a 504 plan for "
        "a gradual return. If little change in 6-8 weeks, consider sertraline 25 mg.",
        "safety": "",
        "follow_up": "Call the line again if attendance does not improve within a month.",
        "disposition": "advice",
        "recommendation_types": ["therapy", "school"],
    },
    "billing": {
        "assessment": "Partial response to sertraline at 6 weeks with good tolerance.",
        "recommendations": "Increase sertraline to 100 mg daily; recheck PHQ-A and side "
        "effects in 4 weeks; continue therapy.",
        "safety": "Review the safety plan at the next visit.",
        "follow_up": "Call again if activation or new suicidal thoughts.",
        "disposition": "advice",
        "recommendation_types": ["adjust-medication"],
        "discussion_minutes": "14",
        "review_minutes": "6",
        "modality": "verbal-written",
    },
    "referral": {
        "assessment": "Restrictive eating with significant weight loss; medically stable now.",
        "recommendations": "Orthostatic vitals, CMP, phosphorus and an ECG; weekly weights. "
        "Refer to a specialised eating disorder program; family-based treatment preferred.",
        "safety": "Emergency department for heart rate under 50 or syncope.",
        "follow_up": "The liaison will check that the family connected.",
        "disposition": "referral",
        "recommendation_types": ["labs", "therapy"],
    },
}


def _user(session: Session, email: str) -> User:
    found = session.exec(select(User).where(User.email == email)).one()
    return found


def _answers_for(level: int, areas_in_place: int) -> dict[str, bool]:
    """Yes to every level question up to ``level`` and to the first items of each area."""
    answers = {q.key: q.level <= level for q in integration.LEVEL_QUESTIONS}
    for items in integration.AREA_ITEMS.values():
        for n, item in enumerate(items):
            answers[item.key] = n < areas_in_place
    return answers


def load(
    session: Session, passwords: Passwords, hub: Hub, demo_password: str, now: datetime
) -> int:
    """Add the consult line's demo rows once; returns the number of consults added."""
    if session.exec(select(ConsultLine).where(ConsultLine.slug == LINE_SLUG)).first():
        return 0
    for name, email, credentials, profession, phone in CLINICIANS:
        if session.exec(select(User).where(User.email == email)).first() is None:
            session.add(
                User(
                    email=email,
                    name=name,
                    password_hash=passwords.hash(demo_password),
                    credentials=credentials,
                    profession=profession,
                    specialty="Primary care",
                    us_state="OR",
                    time_zone="America/Los_Angeles",
                    work_phone=phone,
                )
            )
    session.flush()
    for email, phone in (
        ("pediatrician@example.org", "503-555-0142"),
        ("np@example.org", "503-555-0143"),
    ):
        user = _user(session, email)
        user.work_phone = user.work_phone or phone
        session.add(user)
    line = ConsultLine(
        hub_id=hub.id or 0,
        slug=LINE_SLUG,
        name="Cascadia Child Psychiatry Access Line",
        description="Same-day phone consultation with a child psychiatrist for primary care.",
        response_target_minutes=30,
        billing_support=True,
    )
    session.add(line)
    session.flush()
    faculty = [_user(session, "faculty@example.org"), _user(session, "faculty2@example.org")]
    consults.set_rotation(session, line, [f.id or 0 for f in faculty])
    session.add(
        OnCallSubstitution(
            line_id=line.id or 0,
            user_id=faculty[1].id or 0,
            starts_at=now + timedelta(days=2),
            ends_at=now + timedelta(days=3),
            created_by_id=_user(session, "coordinator@example.org").id,
        )
    )
    made: list[Practice] = []
    for name, setting, kind, zip_code, state, lead, others, levels in PRACTICES:
        practice = practices.create(
            session,
            PracticeForm.parse(
                {
                    "name": name,
                    "practice_setting": setting,
                    "practice_type": kind,
                    "zip_code": zip_code,
                    "us_state": state,
                }
            ),
            user_id=_user(session, lead).id or 0,
        )
        for email in others:
            session.add(
                PracticeMember(
                    practice_id=practice.id or 0,
                    user_id=_user(session, email).id or 0,
                    role=MemberRole.member,
                    status=MemberStatus.active,
                )
            )
        practices.enroll(session, practice.id or 0, line, actor_id=_user(session, lead).id or 0)
        for years_ago, level in zip(range(len(levels) - 1, -1, -1), levels, strict=True):
            assessment = practices.save_assessment(
                session,
                practice.id or 0,
                _answers_for(level, level - 1),
                actor_id=_user(session, lead).id or 0,
            )
            assessment.completed_at = now - timedelta(days=365 * years_ago + 20)
            session.add(assessment)
        made.append(practice)
    coordinator = _user(session, "coordinator@example.org")
    resources: dict[str, CommunityResource] = {}
    for (
        name,
        services,
        low,
        high,
        languages,
        payers,
        telehealth,
        wait,
        phone,
        city,
        state,
    ) in RESOURCES:
        resource_form = ResourceForm.parse(
            {
                "name": name,
                "service_types": services.split(","),
                "min_age": str(low),
                "max_age": str(high),
                "languages": languages,
                "payers": payers.split(","),
                "telehealth": "yes" if telehealth else "",
                "wait_weeks": str(wait),
                "phone": phone,
                "website": f"https://example.org/{name.lower().replace(' ', '-')}",
                "city": city,
                "us_state": state,
            }
        )
        resources[name] = directory.save_resource(session, hub.id or 0, resource_form)
    added = 0
    for minutes_ago, urgency, response, practice_index, email, fields, state in CONSULTS:
        requester = _user(session, email)
        created = now - timedelta(minutes=minutes_ago)
        form, acknowledged = consults.read_request(
            {**BASE, "urgency": urgency, "preferred_response": response, **fields}
        )
        request = consults.submit(
            session,
            form=form,
            acknowledged=acknowledged,
            line=line,
            practice=made[practice_index],
            requester=requester,
            now=created,
        )
        _advance(session, request, state, faculty, coordinator, created, resources, now)
        added += 1
    session.flush()
    return added


def _advance(
    session: Session,
    request: ConsultRequest,
    state: str,
    faculty: list[User],
    coordinator: User,
    created: datetime,
    resources: dict[str, CommunityResource],
    now: datetime,
) -> None:
    consultant = faculty[0]
    if state == "waiting":
        return
    if state == "past-target":
        consults.mark_escalated(session, request, created + timedelta(minutes=30))
        return
    consults.assign(session, request, consultant.id or 0, actor_id=coordinator.id or 0)
    request.assigned_at = created + timedelta(minutes=4)
    if state == "assigned":
        session.add(request)
        return
    note, acknowledged = consults.read_note(NOTES[state], with_billing=state == "billing")
    consults.save_note(
        session, request, form=note, acknowledged=acknowledged, actor_id=consultant.id or 0
    )
    request.callback_started_at = created + timedelta(minutes=18)
    request.callback_ended_at = created + timedelta(minutes=32)
    request.responded_at = created + timedelta(minutes=18)
    request.answered_at = created + timedelta(minutes=40)
    if state == "billing":
        request.requester_minutes = 20
        request.consent_attested = True
    session.add(request)
    if state == "referral":
        chosen = resources["Evergreen Eating Disorder Clinic"]
        directory.attach(session, request, chosen.hub_id, chosen.id or 0, coordinator.id or 0)
        directory.add_follow_up(
            session,
            request,
            FollowUpForm.parse(
                {
                    "resource_id": str(chosen.id),
                    "due_on": (now + timedelta(days=3)).date().isoformat(),
                }
            ),
            coordinator.id or 0,
        )
