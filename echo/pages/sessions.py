"""The session pages that compose several domains: the session page (its agenda, check-in,
cases and disclosures), changing a session (which tells participants), and the schedule
(which keeps sessions that already hold cases or check-ins)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo import reminders
from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.cases.services import cases_in_session
from echo.cme import services as cme
from echo.outcomes import session_checks
from echo.outcomes.models import Survey
from echo.programs import permissions as program_can
from echo.programs import recurrence, sessions, zones
from echo.programs import services as programs
from echo.programs.forms import (
    CancelForm,
    MoveForm,
    ScheduleForm,
    SessionActionForm,
    SessionDetailsForm,
)
from echo.programs.loaders import (
    Loaded,
    load_program,
    load_session,
    program_zone_of,
    require_runner,
    viewer_zone,
)
from echo.programs.models import Hub, ProgramSession
from echo.programs.session_views import edit_page
from echo.security import permissions as can
from echo.timeutil import time_zone_choices, utcnow
from echo.web.context import Context, page, redirect, render
from echo.web.params import FormErrors


def _schedule_page(
    ctx: Context,
    loaded: Loaded,
    values: dict[str, str],
    weekdays: list[str],
    errors: dict[str, str] | None = None,
    plan: sessions.SchedulePlan | None = None,
) -> Response:
    return render(
        ctx,
        "sessions/schedule.html",
        {
            "program": loaded.program,
            "hub": loaded.hub,
            "values": values,
            "weekdays": weekdays,
            "errors": errors or {},
            "plan": plan,
            "zone": values.get("time_zone") or loaded.hub.time_zone,
            "weekday_names": list(enumerate(recurrence.WEEKDAY_NAMES)),
            "weekday_choices": [(str(i), n) for i, n in enumerate(recurrence.WEEKDAY_NAMES)],
            "time_zone_choices": time_zone_choices(),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def schedule(ctx: Context) -> Response:
    loaded = load_program(ctx)
    require_runner(ctx, loaded.hub)
    if ctx.request.method == "GET":
        current = sessions.schedule_of(ctx.session, loaded.program.id or 0)
        values = sessions.form_values(current, zones.program_zone(current, loaded.hub))
        weekdays = current.weekdays.split(",") if current and current.weekdays else ["1"]
        return _schedule_page(ctx, loaded, values, weekdays)
    values = ctx.form_dict()
    weekdays = [v for v in ctx.form.getlist("weekdays") if isinstance(v, str)] if ctx.form else []
    try:
        form = ctx.parse_form(ScheduleForm)
        spec = sessions.spec_from_form(form)
    except FormErrors as problem:
        return _schedule_page(ctx, loaded, values, weekdays, problem.errors)
    if form.action != "apply":
        plan = sessions.plan_schedule(
            ctx.session,
            loaded.program,
            spec,
            in_use=attendance.sessions_in_use,
            move_kept=form.same_day != "both",
        )
        return _schedule_page(ctx, loaded, values, weekdays, plan=plan)
    sessions.apply_schedule(
        ctx.session,
        loaded.program,
        spec,
        meeting_url=form.meeting_url,
        meeting_passcode=form.meeting_passcode,
        in_use=attendance.sessions_in_use,
        move_kept=form.same_day != "both",
    )
    return redirect(ctx.path("session_list", slug=loaded.program.slug), notice="schedule-saved")


def _session_context(
    ctx: Context, program_session: ProgramSession, loaded: Loaded
) -> dict[str, object]:
    program_zone = program_zone_of(loaded)
    schedule = loaded.schedule
    may_join = program_can.can_join_meetings(ctx.principal, loaded.hub.id or 0, loaded.enrollment)
    presenter = (
        ctx.session.get(User, program_session.didactic_presenter_id)
        if program_session.didactic_presenter_id
        else None
    )
    toolkits = ctx.request.app.state.toolkits
    resources = [toolkits[r] for r in program_session.resource_ids.split(",") if r in toolkits]
    return {
        "program": loaded.program,
        "hub": loaded.hub,
        "s": program_session,
        "zone": viewer_zone(ctx, program_zone),
        "program_zone": program_zone,
        "presenter": presenter,
        "objectives": [o for o in program_session.didactic_objectives.splitlines() if o.strip()],
        "resources": resources,
        "may_join": may_join,
        "meeting_open": may_join and sessions.meeting_link_open(program_session),
        "meeting_url": schedule.meeting_url if schedule else "",
        "meeting_passcode": schedule.meeting_passcode if schedule else "",
        "materials": sessions.materials_of(ctx.session, program_session.id or 0)
        if may_join
        else [],
        "can_run": can.can_run_sessions(ctx.principal, loaded.hub.id or 0),
        "is_past": program_session.ends_at <= utcnow(),
        **_agenda_cases(ctx, program_session, loaded, may_join),
        **_check_in_state(ctx, program_session, loaded),
        "knowledge_check": _knowledge_check(ctx, program_session, loaded),
        "disclosures": cme.session_disclosures(ctx.session, loaded.program, program_session)
        if cme.settings_of(ctx.session, loaded.program.id or 0)
        else [],
    }


def _check_in_state(
    ctx: Context, program_session: ProgramSession, loaded: Loaded
) -> dict[str, object]:
    """Enrolled participants see "Check in" while check-in is open, then their check-in."""
    participant = ctx.user is not None and program_can.is_active_participant(
        ctx.principal, loaded.enrollment
    )
    if not participant or ctx.user is None:
        return {"may_check_in": False}
    return {
        "may_check_in": True,
        "check_in_open": attendance.check_in_open(program_session),
        "my_check_in": attendance.check_in_of(ctx.session, program_session.id or 0, ctx.user.id),
    }


def _knowledge_check(
    ctx: Context, program_session: ProgramSession, loaded: Loaded
) -> Survey | None:
    """The session's knowledge check for someone who may answer it and has not yet."""
    if ctx.user is None:
        return None
    return session_checks.check_to_answer(
        ctx.session,
        program_session,
        ctx.user.id,
        active_participant=program_can.is_active_participant(ctx.principal, loaded.enrollment),
    )


def _agenda_cases(
    ctx: Context, program_session: ProgramSession, loaded: Loaded, may_join: bool
) -> dict[str, object]:
    """Hub faculty and coordinators see the cases ahead; participants see de-identified
    summaries from the start of the session when the program shares them."""
    full = can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0)
    summaries = (
        may_join and loaded.program.participants_see_cases and program_session.starts_at <= utcnow()
    )
    cases = cases_in_session(ctx.session, program_session.id or 0) if full or summaries else []
    return {"cases": cases, "cases_full": full}


@page()
def session_page(ctx: Context) -> Response:
    program_session, loaded = load_session(ctx)
    return render(ctx, "sessions/session.html", _session_context(ctx, program_session, loaded))


def _presenter_ids(ctx: Context, hub: Hub) -> set[int]:
    return {person.id or 0 for _m, person in programs.hub_memberships(ctx.session, hub.id or 0)}


@page(write=True)
def edit_session(ctx: Context) -> Response:
    program_session, loaded = load_session(ctx)
    require_runner(ctx, loaded.hub)
    if ctx.request.method == "GET":
        return edit_page(ctx, program_session, loaded)
    values = ctx.form_dict()
    try:
        action = ctx.parse_form(SessionActionForm).action or "details"
        if action == "cancel":
            sessions.cancel(ctx.session, program_session, ctx.parse_form(CancelForm).reason)
            notice = "session-cancelled"
        elif action == "restore":
            sessions.restore(ctx.session, program_session)
            notice = "session-restored"
        elif action == "move":
            move = ctx.parse_form(MoveForm)
            sessions.reschedule(ctx.session, program_session, program_zone_of(loaded), move)
            notice = "session-moved"
        else:
            sessions.update_details(
                ctx.session,
                program_session,
                ctx.parse_form(SessionDetailsForm),
                _presenter_ids(ctx, loaded.hub),
                set(ctx.request.app.state.toolkits),
            )
            notice = "session-saved"
    except FormErrors as problem:
        return edit_page(ctx, program_session, loaded, problem.errors, values)
    if action in ("cancel", "restore", "move"):
        ctx.session.flush()
        reminders.session_changed(ctx.session, ctx.settings, program_session, now=utcnow())
    return redirect(ctx.path("session", session_id=program_session.id), notice=notice)


routes = [
    Route("/programs/{slug:slug}/schedule", schedule, methods=["GET", "POST"], name="schedule"),
    Route("/sessions/{session_id:id}", session_page, name="session"),
    Route(
        "/sessions/{session_id:id}/edit",
        edit_session,
        methods=["GET", "POST"],
        name="session_edit",
    ),
]
