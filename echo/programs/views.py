"""Catalog, program pages, enrolling, and the participant's own programs."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.programs import services
from echo.programs.models import EnrollmentStatus
from echo.security import permissions as can
from echo.web import Context, not_found, page, redirect, render


@page()
def catalog(ctx: Context) -> Response:
    return render(ctx, "programs/catalog.html", {"programs": services.catalog(ctx.session)})


def _load_program(
    ctx: Context,
) -> tuple[services.ProgramView, services.HubView, services.EnrollmentView | None]:
    """The program in the URL, or 404 when this person may not know it exists."""
    user_id = ctx.user.id if ctx.user else None
    found = services.program_for_viewer(ctx.connection, ctx.request.path_params["slug"], user_id)
    if found is None:
        raise not_found()
    program, hub, enrollment = found
    if not can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return program, hub, enrollment


@page()
def program_page(ctx: Context) -> Response:
    program, hub, enrollment = _load_program(ctx)
    return render(
        ctx,
        "programs/program.html",
        {
            "program": program,
            "hub": hub,
            "enrollment": enrollment,
            "faculty": services.faculty_of(ctx.session, hub.id or 0),
            "can_request": can.can_request_enrollment(ctx.principal, program, enrollment),
            "can_withdraw": can.can_withdraw(ctx.principal, enrollment),
            "can_manage": can.can_manage_hub(ctx.principal, hub.id or 0),
        },
    )


@page(write=True)
def enroll(ctx: Context) -> Response:
    user = ctx.require_user()
    program, _hub, enrollment = _load_program(ctx)
    if not can.can_request_enrollment(ctx.principal, program, enrollment):
        return redirect(f"/programs/{program.slug}")
    created = services.request_enrollment(ctx.session, program, user.id)
    notice = "enrolled" if created.status == EnrollmentStatus.active else "requested"
    return redirect(f"/programs/{program.slug}", notice=notice)


@page(write=True)
def withdraw(ctx: Context) -> Response:
    ctx.require_user()
    program, _hub, enrollment = _load_program(ctx)
    if enrollment is None or not can.can_withdraw(ctx.principal, enrollment):
        return redirect(f"/programs/{program.slug}")
    services.withdraw(ctx.session, enrollment.id)
    return redirect("/me/programs", notice="withdrawn")


@page()
def my_programs(ctx: Context) -> Response:
    user = ctx.require_user()
    return render(
        ctx,
        "programs/my_programs.html",
        {
            "enrollments": services.my_programs(ctx.session, user.id),
            "hubs": services.programs_i_run(ctx.session, user.id),
        },
    )


routes = [
    Route("/", catalog, name="catalog"),
    Route("/programs/{slug}", program_page, name="program"),
    Route("/programs/{slug}/enroll", enroll, methods=["POST"], name="enroll"),
    Route("/programs/{slug}/withdraw", withdraw, methods=["POST"], name="withdraw"),
    Route("/me/programs", my_programs, name="my_programs"),
]
