"""Loading a program or session named in the URL, with the permission check: what every
program, session, material and calendar view starts with. A program the person may not
know about answers 404 (deny by default)."""

from __future__ import annotations

from dataclasses import dataclass

from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import zones
from echo.programs.models import Enrollment, Hub, Program, ProgramSchedule, ProgramSession
from echo.security import permissions as can
from echo.web.context import Context, not_found


@dataclass(frozen=True)
class Loaded:
    program: Program
    hub: Hub
    enrollment: Enrollment | None
    schedule: ProgramSchedule | None  # as the request found it (None: no schedule)


def _known(ctx: Context, rows: programs.ProgramRows | None) -> Loaded:
    if rows is None or not program_can.may_know_program(
        ctx.principal, rows.program, rows.enrollment
    ):
        raise not_found()
    return Loaded(rows.program, rows.hub, rows.enrollment, rows.schedule)


def _user_id(ctx: Context) -> int | None:
    return ctx.user.id if ctx.user else None


def load_program(ctx: Context) -> Loaded:
    slug = ctx.request.path_params["slug"]
    return _known(ctx, programs.program_rows_by_slug(ctx.session, slug, _user_id(ctx)))


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


def program_zone_of(loaded: Loaded) -> str:
    """The zone the program is scheduled in: its schedule's, else its hub's."""
    return zones.program_zone(loaded.schedule, loaded.hub)


def load_session(ctx: Context) -> tuple[ProgramSession, Loaded]:
    """The session in the URL with its program; 404 when the person may not know it."""
    session_id = ctx.request.path_params["session_id"]
    found = programs.session_with_program_rows(ctx.session, session_id, _user_id(ctx))
    if found is None:
        raise not_found()
    return found[0], _known(ctx, found[1])
