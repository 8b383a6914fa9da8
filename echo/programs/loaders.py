"""Loading a program or session named in the URL, with the permission check: what every
program, session, material and calendar view starts with. A program the person may not
know about answers 404 (deny by default)."""

from __future__ import annotations

from dataclasses import dataclass

from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import sessions, zones
from echo.programs.models import Enrollment, Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.web.context import Context, not_found


@dataclass(frozen=True)
class Loaded:
    program: Program
    hub: Hub
    enrollment: Enrollment | None


def load_program(ctx: Context) -> Loaded:
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None:
        raise not_found()
    program, hub = found
    user_id = ctx.user.id if ctx.user else None
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user_id)
    if not program_can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return Loaded(program, hub, enrollment)


def load_managed_hub(ctx: Context) -> Hub:
    """The hub in the URL (``{hub:slug}``) for its management pages; 404 for anyone who
    may not manage it (they need not know it)."""
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not can.can_manage_hub(ctx.principal, hub.id or 0):
        raise not_found()
    return hub


def require_runner(ctx: Context, hub: Hub) -> None:
    """Changing sessions: the hub's coordinators and faculty; others get 404 (deny by default)."""
    ctx.require_user()
    if not can.can_run_sessions(ctx.principal, hub.id or 0):
        raise not_found()


def viewer_zone(ctx: Context, schedule_zone: str) -> str:
    """The zone times are shown in: the signed-in person's, else the program's."""
    return ctx.user.time_zone if ctx.user else schedule_zone


def program_zone_of(ctx: Context, loaded: Loaded) -> str:
    """The zone the program is scheduled in: its schedule's, else its hub's."""
    return zones.zone_of_program(ctx.session, loaded.program, loaded.hub)


def load_session(ctx: Context) -> tuple[ProgramSession, Loaded]:
    """The session in the URL with its program; 404 when the person may not know it."""
    found = sessions.session_with_program(ctx.session, ctx.request.path_params["session_id"])
    if found is None:
        raise not_found()
    program_session, program = found
    hub = ctx.session.get(Hub, program.hub_id)
    user_id = ctx.user.id if ctx.user else None
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user_id)
    if hub is None or not program_can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return program_session, Loaded(program, hub, enrollment)
