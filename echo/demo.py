"""Demo data: two hubs, their programs and one account for each kind of person.

Idempotent: running it again adds what is missing and changes nothing else.
Every demo password is ``echo-demo``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from echo.accounts import services as accounts
from echo.accounts.models import HubRole, User
from echo.models import metadata
from echo.programs import services as programs
from echo.programs.models import Enrollment, EnrollmentStatus, Hub, Program
from echo.security.passwords import Passwords

DEMO_PASSWORD = "echo-demo"  # noqa: S105 - published in the README on purpose


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


def load(session: Session, passwords: Passwords) -> dict[str, int]:
    """Add whatever demo rows are missing; returns how many of each were added."""
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
        accounts.add_hub_member(session, hubs[hub_slug], users[email], role.value)
        after = len(accounts.hub_roles(session, users[email].id).get(hubs[hub_slug].id or 0, ()))
        added["memberships"] += after - before
    by_slug: dict[str, Program] = {}
    for spec in PROGRAMS:
        found = programs.program_by_slug(session, spec["slug"])
        if found is None:
            program = programs.save_program(session, hubs[spec["hub"]], spec)
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
    return added


def wipe(session: Session) -> None:
    """Delete every row (for ``demo --reset``), children before parents."""
    for table in reversed(metadata.sorted_tables):
        session.execute(table.delete())
