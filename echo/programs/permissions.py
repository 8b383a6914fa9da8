"""Who may do what with a program and its sessions, by the program's state and the
person's enrollment: named predicates beside the role-only ones in
``echo.security.permissions``. Deny by default; a program the person may not know about
answers 404.
"""

from __future__ import annotations

from typing import Protocol

from echo.programs.models import EnrollmentStatus, ProgramStatus, Visibility
from echo.security.permissions import Principal, is_hub_clinical_team, is_hub_member


class ProgramLike(Protocol):
    """A Program row or a ProgramView: what the rules below read of a program."""

    @property
    def hub_id(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def visibility(self) -> str: ...


class EnrollmentLike(Protocol):
    @property
    def user_id(self) -> int: ...
    @property
    def status(self) -> str: ...


def is_listed_in_catalog(program: ProgramLike) -> bool:
    return program.visibility == Visibility.public and program.status != ProgramStatus.draft


def may_know_program(
    who: Principal, program: ProgramLike, enrollment: EnrollmentLike | None
) -> bool:
    """Whether the program exists as far as this person is concerned (else 404)."""
    return (
        is_listed_in_catalog(program)
        or who.is_site_admin
        or is_hub_member(who, program.hub_id)
        or enrollment is not None
    )


def can_request_enrollment(
    who: Principal, program: ProgramLike, enrollment: EnrollmentLike | None
) -> bool:
    """Self-service joining: open public programs, for people not already in or waiting."""
    if not who.is_authenticated or program.status != ProgramStatus.open:
        return False
    if program.visibility != Visibility.public:
        return False  # private programs are by invitation from the hub
    return enrollment is None or enrollment.status == EnrollmentStatus.withdrawn


def can_withdraw(who: Principal, enrollment: EnrollmentLike | None) -> bool:
    return (
        who.user is not None
        and enrollment is not None
        and enrollment.user_id == who.user.id
        and enrollment.status in (EnrollmentStatus.pending, EnrollmentStatus.active)
    )


def is_active_participant(who: Principal, enrollment: EnrollmentLike | None) -> bool:
    return (
        who.user is not None
        and enrollment is not None
        and enrollment.user_id == who.user.id
        and enrollment.status == EnrollmentStatus.active
    )


def in_personal_feed(who: Principal, hub_id: int, enrollment: EnrollmentLike | None) -> bool:
    """Whether the program's sessions are in the person's personal calendar feed: they take
    part (an active enrollment) or teach and run it (the hub's clinical team). The same
    rule as echo.calendar.feeds.personal_program_ids, which selects these programs in SQL
    (tests/calendar/test_subscribe.py holds the two together)."""
    return is_active_participant(who, enrollment) or is_hub_clinical_team(who, hub_id)


def can_join_meetings(who: Principal, hub_id: int, enrollment: EnrollmentLike | None) -> bool:
    """Meeting links and slides: enrolled participants, the hub's members, and site
    administrators (who may run any hub's sessions, can_run_sessions). The agenda's case
    summaries follow this rule: they are the de-identified summaries every participant
    sees; full cases need the clinical team or the audited break-glass action."""
    return who.is_site_admin or is_hub_member(who, hub_id) or is_active_participant(who, enrollment)


def can_start_case(who: Principal, enrollment: EnrollmentLike | None) -> bool:
    return is_active_participant(who, enrollment)
