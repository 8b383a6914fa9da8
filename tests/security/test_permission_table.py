"""Every permission predicate against every kind of person, the expected answers written out.

The predicates are pure functions of a ``Principal`` (the person and their hub roles) and
the objects a view loaded, so they are called directly with stand-ins for programs and
enrollments. The table below is what the rules should be (the predicates' docstrings, the
README and the views that call them; deny by default): a new predicate, a new hub role or
a changed answer makes a test here fail until the table says so.

Columns (people), all about hub ``HUB`` and a program of it unless named otherwise:

    anon  not signed in               crd   coordinator of HUB
    strg  signed in, no tie to HUB    fac   faculty of HUB
    actv  active participant          cme   CME administrator of HUB
    pend  enrollment request pending  xcrd  coordinator of ANOTHER hub
    wdrn  withdrawn (or declined)     xfac  faculty of ANOTHER hub
    adm   site administrator          xcme  CME administrator of ANOTHER hub

Cells: ``Y`` allowed, ``-`` refused. A row that may surprise has a note above it saying why.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from echo.programs import permissions as program_permissions
from echo.programs.models import EnrollmentStatus, ProgramStatus, Visibility
from echo.security import permissions
from echo.security.identity import Viewer

# Where the predicates and the principal live: when the module is split (program-state
# predicates into their own module, say), list the new modules here and nothing else
# below changes.
from echo.security.permissions import ANONYMOUS, HubRole, Principal

PREDICATE_MODULES = (permissions, program_permissions)

HUB, OTHER_HUB = 1, 2
SOMEONE_ELSE = 999  # the id of a person none of the principals is


def predicate(name: str) -> Callable[..., bool]:
    """The predicate called ``name``, from whichever module holds it."""
    for module in PREDICATE_MODULES:
        found = getattr(module, name, None)
        if inspect.isfunction(found):
            return found  # type: ignore[no-any-return]
    raise LookupError(f"no predicate {name} in {[m.__name__ for m in PREDICATE_MODULES]}")


def public_predicates() -> set[str]:
    """The public functions defined in the predicate modules (imports excluded)."""
    return {
        name
        for module in PREDICATE_MODULES
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and not name.startswith("_")
    }


# --- the people --------------------------------------------------------------------------


@dataclass(frozen=True)
class Program:
    """What the predicates read of a program (permissions.ProgramLike)."""

    hub_id: int
    status: str
    visibility: str


@dataclass(frozen=True)
class Enrollment:
    """What the predicates read of an enrollment (permissions.EnrollmentLike)."""

    user_id: int
    status: str


@dataclass(frozen=True)
class Person:
    principal: Principal
    enrollment: Enrollment | None  # their own enrollment in HUB's program, if any

    @property
    def user_id(self) -> int:
        """Their id; for the anonymous visitor an id that is nobody's."""
        user = self.principal.user
        return user.id if user is not None else -1


def _person(
    user_id: int,
    *,
    roles: dict[int, set[HubRole]] | None = None,
    enrollment: EnrollmentStatus | None = None,
    site_admin: bool = False,
) -> Person:
    viewer = Viewer(
        id=user_id,
        email=f"person{user_id}@example.org",
        name=f"Person {user_id}",
        credentials="MD",
        time_zone="America/Los_Angeles",
        is_site_admin=site_admin,
    )
    hub_roles = {hub: frozenset(r.value for r in found) for hub, found in (roles or {}).items()}
    return Person(
        Principal(user=viewer, hub_roles=hub_roles),
        Enrollment(user_id, enrollment.value) if enrollment is not None else None,
    )


PEOPLE: dict[str, Person] = {
    "anon": Person(ANONYMOUS, None),
    "strg": _person(10),
    "actv": _person(11, enrollment=EnrollmentStatus.active),
    "pend": _person(12, enrollment=EnrollmentStatus.pending),
    "wdrn": _person(13, enrollment=EnrollmentStatus.withdrawn),
    "crd": _person(20, roles={HUB: {HubRole.coordinator}}),
    "fac": _person(21, roles={HUB: {HubRole.faculty}}),
    "cme": _person(22, roles={HUB: {HubRole.cme_admin}}),
    "xcrd": _person(30, roles={OTHER_HUB: {HubRole.coordinator}}),
    "xfac": _person(31, roles={OTHER_HUB: {HubRole.faculty}}),
    "xcme": _person(32, roles={OTHER_HUB: {HubRole.cme_admin}}),
    "adm": _person(40, site_admin=True),
}

# --- how each row calls its predicate -----------------------------------------------------

PUBLIC_OPEN = Program(HUB, ProgramStatus.open, Visibility.public)
PUBLIC_CLOSED = Program(HUB, ProgramStatus.closed, Visibility.public)
PUBLIC_DRAFT = Program(HUB, ProgramStatus.draft, Visibility.public)
PRIVATE_OPEN = Program(HUB, ProgramStatus.open, Visibility.private)
PROGRAMS = {
    "public-open": PUBLIC_OPEN,
    "public-closed": PUBLIC_CLOSED,
    "public-draft": PUBLIC_DRAFT,
    "private-open": PRIVATE_OPEN,
}
OTHERS_ENROLLMENT = Enrollment(SOMEONE_ELSE, EnrollmentStatus.active)

Call = Callable[[Person], bool]


def _hub_rule(name: str) -> Call:
    return lambda p: predicate(name)(p.principal, HUB)


def _site_rule(name: str) -> Call:
    return lambda p: predicate(name)(p.principal)


def _program_rule(name: str, program: Program) -> Call:
    return lambda p: predicate(name)(p.principal, program, p.enrollment)


def _enrollment_rule(name: str, *, own: bool) -> Call:
    return lambda p: predicate(name)(p.principal, p.enrollment if own else OTHERS_ENROLLMENT)


SCENARIOS: dict[str, Call] = {
    **{
        name: _hub_rule(name)
        for name in (
            "is_hub_member",
            "is_hub_coordinator",
            "is_hub_faculty",
            "is_cme_admin",
            "is_hub_clinical_team",
            "can_manage_hub",
            "can_see_hub_management",
            "can_run_sessions",
            "can_adjust_attendance",
            "can_view_cme_dashboard",
            "can_manage_cme",
            "can_disclose",
            "can_draft_recommendations",
            "can_read_case_audit",
            "can_view_outcomes",
            "can_manage_surveys",
            "can_work_consult_line",
            "can_liaise",
            "can_manage_consult_line",
        )
    },
    "can_break_glass": _site_rule("can_break_glass"),
    "can_administer_site": _site_rule("can_administer_site"),
    "triages_in_some_hub": _site_rule("triages_in_some_hub"),
    "views_cme_in_some_hub": _site_rule("views_cme_in_some_hub"),
    "works_a_consult_line_somewhere": _site_rule("works_a_consult_line_somewhere"),
    "can_write_consult_note[assigned]": lambda p: predicate("can_write_consult_note")(
        p.principal, HUB, p.user_id
    ),
    "can_write_consult_note[other-assignee]": lambda p: predicate("can_write_consult_note")(
        p.principal, HUB, SOMEONE_ELSE
    ),
    "can_view_consult[own-practice]": lambda p: predicate("can_view_consult")(
        p.principal, HUB, in_requesting_practice=p.principal.user is not None
    ),
    "can_view_consult[other-practice]": lambda p: predicate("can_view_consult")(
        p.principal, HUB, in_requesting_practice=False
    ),
    **{
        f"{name}[{label}]": _program_rule(name, program)
        for name in ("may_know_program", "can_request_enrollment")
        for label, program in PROGRAMS.items()
    },
    **{
        f"{name}[{label}]": _enrollment_rule(name, own=label == "own-enrollment")
        for name in ("can_withdraw", "is_active_participant", "can_start_case")
        for label in ("own-enrollment", "other-enrollment")
    },
    "can_join_meetings[own-enrollment]": lambda p: predicate("can_join_meetings")(
        p.principal, HUB, p.enrollment
    ),
    "can_join_meetings[other-enrollment]": lambda p: predicate("can_join_meetings")(
        p.principal, HUB, OTHERS_ENROLLMENT
    ),
    "in_personal_feed[own-enrollment]": lambda p: predicate("in_personal_feed")(
        p.principal, HUB, p.enrollment
    ),
    "in_personal_feed[other-enrollment]": lambda p: predicate("in_personal_feed")(
        p.principal, HUB, OTHERS_ENROLLMENT
    ),
    "can_view_case[own-case]": lambda p: predicate("can_view_case")(p.principal, p.user_id, HUB),
    "can_view_case[other-case]": lambda p: predicate("can_view_case")(
        p.principal, SOMEONE_ELSE, HUB
    ),
    "can_release_recommendations[is-lead]": lambda p: predicate("can_release_recommendations")(
        p.principal, HUB, p.user_id
    ),
    "can_release_recommendations[other-lead]": lambda p: predicate("can_release_recommendations")(
        p.principal, HUB, SOMEONE_ELSE
    ),
    "can_release_recommendations[no-lead]": lambda p: predicate("can_release_recommendations")(
        p.principal, HUB, None
    ),
}

# --- the expected answers ------------------------------------------------------------------
# [variant]: own-enrollment = the person's own enrollment (none for staff and strangers);
# other-enrollment = someone else's active one; own-case = a case the person submitted;
# is-lead = the program's lead faculty member is this person.

TABLE = """
                                        anon strg actv pend wdrn crd  fac  cme  xcrd xfac xcme adm
is_hub_member                            -    -    -    -    -    Y    Y    Y    -    -    -    -
is_hub_coordinator                       -    -    -    -    -    Y    -    -    -    -    -    -
is_hub_faculty                           -    -    -    -    -    -    Y    -    -    -    -    -
is_cme_admin                             -    -    -    -    -    -    -    Y    -    -    -    -
is_hub_clinical_team                     -    -    -    -    -    Y    Y    -    -    -    -    -
can_manage_hub                           -    -    -    -    -    Y    -    -    -    -    -    Y
can_see_hub_management                   -    -    -    -    -    Y    -    -    -    -    -    Y
# Site administrators run any hub's sessions (they set hubs up and stand in for a
# coordinator); adjusting one person's minutes by hand stays with the hub's own staff.
can_run_sessions                         -    -    -    -    -    Y    Y    -    -    -    -    Y
can_adjust_attendance                    -    -    -    -    -    Y    Y    -    -    -    -    -
can_view_cme_dashboard                   -    -    -    -    -    Y    -    Y    -    -    -    -
can_manage_cme                           -    -    -    -    -    -    -    Y    -    -    -    -
can_disclose                             -    -    -    -    -    Y    Y    Y    -    -    -    -
can_draft_recommendations                -    -    -    -    -    -    Y    -    -    -    -    -
can_read_case_audit                      -    -    -    -    -    Y    -    -    -    -    -    -
# Outcomes are aggregates (never a person's answers): every role of the hub reads them;
# setting up surveys goes with running the sessions.
can_view_outcomes                        -    -    -    -    -    Y    Y    Y    -    -    -    Y
can_manage_surveys                       -    -    -    -    -    Y    Y    -    -    -    -    Y
# The consult line is clinical work: the hub's coordinators (liaisons) and faculty
# (consultants); site administrators set lines up but do not read consults.
can_work_consult_line                    -    -    -    -    -    Y    Y    -    -    -    -    -
can_liaise                               -    -    -    -    -    Y    -    -    -    -    -    -
can_manage_consult_line                  -    -    -    -    -    Y    -    -    -    -    -    Y
works_a_consult_line_somewhere           -    -    -    -    -    Y    Y    -    Y    Y    -    -
# Any of the hub's faculty may take a consult over; a coordinator only when assigned.
can_write_consult_note[assigned]         -    -    -    -    -    Y    Y    -    -    -    -    -
can_write_consult_note[other-assignee]   -    -    -    -    -    -    Y    -    -    -    -    -
# own-practice: the person is a member of the practice that asked.
can_view_consult[own-practice]           -    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
can_view_consult[other-practice]         -    -    -    -    -    Y    Y    -    -    -    -    -
can_break_glass                          -    -    -    -    -    -    -    -    -    -    -    Y
can_administer_site                      -    -    -    -    -    -    -    -    -    -    -    Y
# The navigation's places: a triage queue and a CME dashboard in some hub, any hub.
triages_in_some_hub                      -    -    -    -    -    Y    Y    -    Y    Y    -    -
views_cme_in_some_hub                    -    -    -    -    -    Y    -    Y    Y    -    Y    -
may_know_program[public-open]            Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
may_know_program[public-closed]          Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
may_know_program[public-draft]           -    -    Y    Y    Y    Y    Y    Y    -    -    -    Y
may_know_program[private-open]           -    -    Y    Y    Y    Y    Y    Y    -    -    -    Y
can_request_enrollment[public-open]      -    Y    -    -    Y    Y    Y    Y    Y    Y    Y    Y
can_request_enrollment[public-closed]    -    -    -    -    -    -    -    -    -    -    -    -
can_request_enrollment[public-draft]     -    -    -    -    -    -    -    -    -    -    -    -
can_request_enrollment[private-open]     -    -    -    -    -    -    -    -    -    -    -    -
can_withdraw[own-enrollment]             -    -    Y    Y    -    -    -    -    -    -    -    -
can_withdraw[other-enrollment]           -    -    -    -    -    -    -    -    -    -    -    -
is_active_participant[own-enrollment]    -    -    Y    -    -    -    -    -    -    -    -    -
is_active_participant[other-enrollment]  -    -    -    -    -    -    -    -    -    -    -    -
can_start_case[own-enrollment]           -    -    Y    -    -    -    -    -    -    -    -    -
can_start_case[other-enrollment]         -    -    -    -    -    -    -    -    -    -    -    -
# Site administrators see meeting links as anyone who runs the sessions does; the agenda
# shows them only the de-identified summaries every participant sees.
can_join_meetings[own-enrollment]        -    -    Y    -    -    Y    Y    Y    -    -    -    Y
can_join_meetings[other-enrollment]      -    -    -    -    -    Y    Y    Y    -    -    -    Y
# A program is in a person's personal calendar feed when they take part or teach; CME
# administrators and site administrators neither (tests/calendar holds the feed to this).
in_personal_feed[own-enrollment]         -    -    Y    -    -    Y    Y    -    -    -    -    -
in_personal_feed[other-enrollment]       -    -    -    -    -    Y    Y    -    -    -    -    -
can_view_case[own-case]                  -    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y    Y
can_view_case[other-case]                -    -    -    -    -    Y    Y    -    -    -    -    -
can_release_recommendations[is-lead]     -    -    -    -    -    -    Y    -    -    -    -    -
can_release_recommendations[other-lead]  -    -    -    -    -    -    -    -    -    -    -    -
can_release_recommendations[no-lead]     -    -    -    -    -    -    -    -    -    -    -    -
"""

# Predicates of a program alone (no person): (visibility, status) -> listed in the catalog.
CATALOG = {
    (Visibility.public, ProgramStatus.open): True,
    (Visibility.public, ProgramStatus.closed): True,
    (Visibility.public, ProgramStatus.draft): False,
    (Visibility.private, ProgramStatus.open): False,
    (Visibility.private, ProgramStatus.closed): False,
    (Visibility.private, ProgramStatus.draft): False,
}
PROGRAM_PREDICATES = {"is_listed_in_catalog": CATALOG}


def parse_table(text: str) -> tuple[list[str], dict[str, dict[str, bool]]]:
    """The column names and, for each row, person -> expected answer."""
    lines = [line.split("#", 1)[0].rstrip() for line in text.strip("\n").splitlines()]
    header, *rows = (line for line in lines if line.strip())
    columns = header.split()
    expected: dict[str, dict[str, bool]] = {}
    for row in rows:
        key, *cells = row.split()
        assert len(cells) == len(columns), f"{key}: {len(cells)} cells for {len(columns)} people"
        assert set(cells) <= {"Y", "-"}, f"{key}: cells are Y or -"
        assert key not in expected, f"{key} is listed twice"
        expected[key] = {person: cell == "Y" for person, cell in zip(columns, cells, strict=True)}
    return columns, expected


COLUMNS, EXPECTED = parse_table(TABLE)


# --- the tests ----------------------------------------------------------------------------


@pytest.mark.parametrize("row", sorted(EXPECTED))
def test_predicate_answers_each_person_as_the_table_says(row: str) -> None:
    call = SCENARIOS[row]
    actual = {person: call(PEOPLE[person]) for person in COLUMNS}
    wrong = {
        person: f"expected {'Y' if EXPECTED[row][person] else '-'}, got {'Y' if got else '-'}"
        for person, got in actual.items()
        if got != EXPECTED[row][person]
    }
    assert not wrong, f"{row}: {wrong}"


@pytest.mark.parametrize(("visibility", "status"), sorted(CATALOG))
def test_program_predicates_answer_each_program_state_as_the_table_says(
    visibility: str, status: str
) -> None:
    program = Program(HUB, status, visibility)
    for name, table in PROGRAM_PREDICATES.items():
        assert predicate(name)(program) is table[(visibility, status)], name


def test_every_predicate_has_rows_in_the_table() -> None:
    """A predicate added to the module without rows here fails this test."""
    tabled = {key.split("[", 1)[0] for key in EXPECTED} | set(PROGRAM_PREDICATES)
    assert public_predicates() - tabled == set(), "add rows for these predicates"
    assert tabled - public_predicates() == set(), "these rows name no predicate"


def test_every_row_has_a_call_and_every_call_a_row() -> None:
    assert set(SCENARIOS) == set(EXPECTED)


def test_the_table_has_a_column_for_every_person_and_every_hub_role() -> None:
    assert list(PEOPLE) == COLUMNS
    roles_in_hub = {role for person in PEOPLE.values() for role in person.principal.roles_in(HUB)}
    roles_elsewhere = {
        role for person in PEOPLE.values() for role in person.principal.roles_in(OTHER_HUB)
    }
    every_role = {role.value for role in HubRole}
    assert roles_in_hub == every_role, "add a column for the new hub role"
    assert roles_elsewhere == every_role, "add a column for the new role in another hub"


def test_unknown_hubs_and_empty_role_sets_grant_nothing() -> None:
    """Deny by default: a hub the person has no roles in, or an empty set of roles there."""
    person_rules = (
        "can_break_glass",
        "can_administer_site",
        "triages_in_some_hub",
        "views_cme_in_some_hub",
        "works_a_consult_line_somewhere",
    )
    hub_rules = [key for key in EXPECTED if "[" not in key and key not in person_rules]
    nobody = Principal(user=PEOPLE["strg"].principal.user, hub_roles={HUB: frozenset()})
    for name in hub_rules:
        assert predicate(name)(nobody, HUB) is False, name
        assert predicate(name)(PEOPLE["crd"].principal, 3) is False, name
