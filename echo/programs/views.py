"""Catalog, program pages, enrolling, and the participant's own programs."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import calendar_tokens
from echo.accounts.models import User
from echo.programs import notifications, recurrence, services
from echo.programs import permissions as program_can
from echo.programs.loaders import viewer_zone
from echo.programs.models import EnrollmentStatus, Visibility
from echo.programs.services import ProgramFact
from echo.security import permissions as can
from echo.web.context import Context, not_found, page, redirect, render


def catalog_page(ctx: Context) -> Response:
    """The catalog of programs: at /programs for everyone, and at / for visitors who are
    not signed in (signed-in people get their home there, echo.pages.home)."""
    return render(ctx, "programs/catalog.html", {"programs": services.catalog(ctx.session)})


@page()
def catalog(ctx: Context) -> Response:
    return catalog_page(ctx)


def _load_program(ctx: Context, facts: Sequence[ProgramFact] = ()) -> services.ProgramPage:
    """The program in the URL, or 404 when this person may not know it exists."""
    user_id = ctx.user.id if ctx.user else None
    found = services.program_page(
        ctx.connection, ctx.request.path_params["slug"], user_id, facts=facts
    )
    if found is None or not program_can.may_know_program(
        ctx.principal, found.program, found.enrollment
    ):
        raise not_found()
    return found


@page()
def program_page(ctx: Context) -> Response:
    # What domains above programs add (CME: its credit), set by the app.
    facts: Sequence[ProgramFact] = getattr(ctx.request.app.state, "program_facts", ())
    page_data = _load_program(ctx, facts)
    program, hub, enrollment = page_data.program, page_data.hub, page_data.enrollment
    schedule = page_data.schedule
    # A private program has no public feed: its members subscribe to their personal one.
    feed_token = (
        calendar_tokens.personal_token(ctx.settings.secret, ctx.require_user_record(User))
        if program.visibility == Visibility.private
        and program_can.in_personal_feed(ctx.principal, hub.id, enrollment)
        else None
    )
    return render(
        ctx,
        "programs/program.html",
        {
            "program": program,
            "hub": hub,
            "enrollment": enrollment,
            "faculty": page_data.faculty,
            "can_request": program_can.can_request_enrollment(ctx.principal, program, enrollment),
            "can_withdraw": program_can.can_withdraw(ctx.principal, enrollment),
            "can_manage": can.can_manage_hub(ctx.principal, hub.id),
            "can_run": can.can_run_sessions(ctx.principal, hub.id),
            "can_cme": can.can_view_cme_dashboard(ctx.principal, hub.id),
            "can_outcomes": can.can_view_outcomes(ctx.principal, hub.id),
            "takes_part": program_can.is_active_participant(ctx.principal, enrollment),
            "can_disclose": can.can_disclose(ctx.principal, hub.id),
            "cadence": recurrence.describe(schedule) if schedule else "",
            "next_session": page_data.next_session,
            "zone": viewer_zone(ctx, schedule.time_zone if schedule else hub.time_zone),
            "facts": page_data.facts,
            "feed_token": feed_token,
        },
        private=feed_token is not None,
    )


@page(write=True)
def enroll(ctx: Context) -> Response:
    user = ctx.require_user()
    found = _load_program(ctx)
    program, enrollment = found.program, found.enrollment
    if not program_can.can_request_enrollment(ctx.principal, program, enrollment):
        return redirect(ctx.path("program", slug=program.slug))
    created = services.request_enrollment(ctx.session, program, user.id)
    person = ctx.require_user_record(User)
    if created.status == EnrollmentStatus.active:
        notifications.enrollment_approved(ctx.session, ctx.settings, program.id, person)
    else:
        notifications.enrollment_requested(ctx.session, ctx.settings, program.id, person)
    notice = "enrolled" if created.status == EnrollmentStatus.active else "requested"
    return redirect(ctx.path("program", slug=program.slug), notice=notice)


@page(write=True)
def withdraw(ctx: Context) -> Response:
    ctx.require_user()
    found = _load_program(ctx)
    program, enrollment = found.program, found.enrollment
    if enrollment is None or not program_can.can_withdraw(ctx.principal, enrollment):
        return redirect(ctx.path("program", slug=program.slug))
    services.withdraw(ctx.session, enrollment.id)
    return redirect(ctx.path("my_programs"), notice="withdrawn")


@page()
def my_programs(ctx: Context) -> Response:
    user = ctx.require_user()
    return render(
        ctx,
        "programs/my_programs.html",
        {
            "enrollments": services.my_programs(ctx.session, user.id),
            "hubs": [
                (hub, roles, can.can_manage_hub(ctx.principal, hub.id or 0))
                for hub, roles in services.programs_i_run(ctx.session, user.id)
            ],
        },
    )


routes = [
    Route("/programs", catalog, name="catalog"),
    Route("/programs/{slug:slug}", program_page, name="program"),
    Route("/programs/{slug:slug}/enroll", enroll, methods=["POST"], name="enroll"),
    Route("/programs/{slug:slug}/withdraw", withdraw, methods=["POST"], name="withdraw"),
    Route("/me/programs", my_programs, name="my_programs"),
]
