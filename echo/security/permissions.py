"""Who may do what: named predicates, checked at the top of every view. Deny by default.

A view that finds an object the person may not even know about answers 404
(``may_know_program`` false); one they may see but not change answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from echo.security.identity import Viewer


class HubRole(StrEnum):
    """The roles a hub member may hold (a person may hold several); what each may do is
    decided by the predicates below."""

    coordinator = "coordinator"
    faculty = "faculty"
    cme_admin = "cme-admin"


@dataclass(frozen=True)
class Principal:
    """The person making a request, with the roles loaded once per request."""

    user: Viewer | None = None
    hub_roles: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None

    @property
    def is_site_admin(self) -> bool:
        return self.user is not None and self.user.is_site_admin

    def roles_in(self, hub_id: int) -> frozenset[str]:
        return self.hub_roles.get(hub_id, frozenset())


ANONYMOUS = Principal()

# The hub's clinical team (is_hub_clinical_team): also the roles whose programs are in a
# person's personal calendar feed (echo.calendar.feeds.personal_program_ids).
CLINICAL_TEAM_ROLES = frozenset({HubRole.coordinator.value, HubRole.faculty.value})


def is_hub_member(who: Principal, hub_id: int) -> bool:
    return bool(who.roles_in(hub_id))


def is_hub_coordinator(who: Principal, hub_id: int) -> bool:
    return HubRole.coordinator.value in who.roles_in(hub_id)


def can_manage_hub(who: Principal, hub_id: int) -> bool:
    """Members and roles, pending enrollments, programs: the hub's coordinators and site admins."""
    return who.is_site_admin or is_hub_coordinator(who, hub_id)


def can_see_hub_management(who: Principal, hub_id: int) -> bool:
    return can_manage_hub(who, hub_id)


def can_run_sessions(who: Principal, hub_id: int) -> bool:
    """Schedules, per-session changes, didactics, materials and report imports: the hub's
    coordinators and faculty, and site administrators, who set hubs up and stand in for a
    coordinator. Changing one person's minutes by hand stays with the hub's own staff
    (can_adjust_attendance): an import applies the platform's record, an adjustment is a
    judgement about a session the adjuster attended."""
    roles = who.roles_in(hub_id)
    return who.is_site_admin or HubRole.coordinator.value in roles or HubRole.faculty.value in roles


def can_adjust_attendance(who: Principal, hub_id: int) -> bool:
    """Changing someone's minutes: the session's own hub staff (coordinators and faculty),
    not site administrators, who are not at the session."""
    return is_hub_clinical_team(who, hub_id)


def is_hub_clinical_team(who: Principal, hub_id: int) -> bool:
    """Coordinators and faculty: the people who see full cases. Site administrators are
    not included: they may open a case only through an audited action."""
    return bool(who.roles_in(hub_id) & CLINICAL_TEAM_ROLES)


def can_view_case(who: Principal, submitter_id: int, hub_id: int) -> bool:
    return (who.user is not None and who.user.id == submitter_id) or is_hub_clinical_team(
        who, hub_id
    )


def is_hub_faculty(who: Principal, hub_id: int) -> bool:
    return HubRole.faculty.value in who.roles_in(hub_id)


def can_draft_recommendations(who: Principal, hub_id: int) -> bool:
    """Written recommendations are clinical advice: the hub's faculty write them."""
    return is_hub_faculty(who, hub_id)


def can_release_recommendations(who: Principal, hub_id: int, lead_faculty_id: int | None) -> bool:
    """Only the program's lead faculty member releases recommendations to the submitter."""
    return (
        who.user is not None
        and lead_faculty_id is not None
        and who.user.id == lead_faculty_id
        and is_hub_faculty(who, hub_id)
    )


def can_read_case_audit(who: Principal, hub_id: int) -> bool:
    """The full audit trail of a case (every view, edit, export): the hub's coordinators."""
    return is_hub_coordinator(who, hub_id)


def can_break_glass(who: Principal) -> bool:
    """Site administrators may open any submitted case, only through an audited action."""
    return who.is_site_admin


def is_cme_admin(who: Principal, hub_id: int) -> bool:
    return HubRole.cme_admin.value in who.roles_in(hub_id)


def can_manage_cme(who: Principal, hub_id: int) -> bool:
    """Accreditation settings, mitigation, certificates, PARS: the hub's CME administrators."""
    return is_cme_admin(who, hub_id)


def can_view_cme_dashboard(who: Principal, hub_id: int) -> bool:
    return is_cme_admin(who, hub_id) or is_hub_coordinator(who, hub_id)


def can_disclose(who: Principal, hub_id: int) -> bool:
    """Faculty, planners (coordinators) and reviewers (CME administrators) disclose."""
    return is_hub_member(who, hub_id)


def can_view_outcomes(who: Principal, hub_id: int) -> bool:
    """Program dashboards, survey results and funder reports (aggregates only, never a
    person's answers): every role of the hub, and site administrators."""
    return who.is_site_admin or is_hub_member(who, hub_id)


def can_manage_surveys(who: Principal, hub_id: int) -> bool:
    """Setting up and closing a program's surveys: those who run its sessions."""
    return can_run_sessions(who, hub_id)


def can_work_consult_line(who: Principal, hub_id: int) -> bool:
    """The hub's consult lines (queue, requests, notes, directory, follow-ups): its clinical
    team (is_hub_clinical_team), as for cases; site administrators are not on it."""
    return is_hub_clinical_team(who, hub_id)


def can_liaise(who: Principal, hub_id: int) -> bool:
    """Assigning requests, keeping the resource directory, closing follow-ups: the liaison
    coordinators (a CPAP's care coordinator answers first and escalates, DOMAIN.md 8)."""
    return is_hub_coordinator(who, hub_id)


def can_write_consult_note(who: Principal, hub_id: int, assignee_id: int | None) -> bool:
    """The consult note is clinical advice: the assigned consultant writes it; any of the
    hub's faculty may take over (an on-call swap)."""
    return is_hub_faculty(who, hub_id) or (
        who.user is not None and who.user.id == assignee_id and is_hub_clinical_team(who, hub_id)
    )


def can_view_consult(who: Principal, hub_id: int, *, in_requesting_practice: bool) -> bool:
    """A consult request: the members of the practice that asked, and the hub's team.
    Nobody else, site administrators included (the request is clinical)."""
    return in_requesting_practice or can_work_consult_line(who, hub_id)


def can_manage_consult_line(who: Principal, hub_id: int) -> bool:
    """A line's settings, rotation and substitutions: those who manage the hub."""
    return can_manage_hub(who, hub_id)


def can_administer_site(who: Principal) -> bool:
    return who.is_site_admin


def triages_in_some_hub(who: Principal) -> bool:
    """A triage queue to go to (the navigation's "Triage"): coordinators and faculty of
    at least one hub (is_hub_clinical_team there)."""
    return any(is_hub_clinical_team(who, hub_id) for hub_id in who.hub_roles)


def works_a_consult_line_somewhere(who: Principal) -> bool:
    """A consult queue to go to (the navigation's "Consults"): clinical team of a hub."""
    return triages_in_some_hub(who)


def views_cme_in_some_hub(who: Principal) -> bool:
    """A CME dashboard to go to (the navigation's "CME"): CME administrators and
    coordinators of at least one hub (can_view_cme_dashboard there)."""
    return any(can_view_cme_dashboard(who, hub_id) for hub_id in who.hub_roles)
