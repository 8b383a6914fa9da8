"""Schedules and sessions: the schedule form with its preview, session pages and changes."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.cases.services import cases_in_session
from echo.cme import services as cme
from echo.mail import reminders
from echo.programs import curricula, recurrence, sessions, zones
from echo.programs import services as programs
from echo.programs.forms import (
    CancelForm,
    CurriculumForm,
    MoveForm,
    ScheduleForm,
    SessionActionForm,
    SessionDetailsForm,
)
from echo.programs.models import Enrollment, Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.timeutil import in_zone, time_zone_choices, utcnow
from echo.web.context import Context, not_found, page, redirect, render
from echo.web.params import FormErrors


@dataclass(frozen=True)
class Loaded:
    program: Program
    hub: Hub
    enrollment: Enrollment | None


def _load_program(ctx: Context) -> Loaded:
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None:
        raise not_found()
    program, hub = found
    user_id = ctx.user.id if ctx.user else None
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user_id)
    if not can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return Loaded(program, hub, enrollment)


def _require_runner(ctx: Context, hub: Hub) -> None:
    """Changing sessions: the hub's coordinators and faculty; others get 404 (deny by default)."""
    ctx.require_user()
    if not can.can_run_sessions(ctx.principal, hub.id or 0):
        raise not_found()


def _zone(ctx: Context, schedule_zone: str) -> str:
    return ctx.user.time_zone if ctx.user else schedule_zone


# --- schedule -------------------------------------------------------------------------------


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
    loaded = _load_program(ctx)
    _require_runner(ctx, loaded.hub)
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
        plan = sessions.plan_schedule(ctx.session, loaded.program, spec)
        return _schedule_page(ctx, loaded, values, weekdays, plan=plan)
    sessions.apply_schedule(
        ctx.session,
        loaded.program,
        spec,
        meeting_url=form.meeting_url,
        meeting_passcode=form.meeting_passcode,
    )
    return redirect(ctx.path("session_list", slug=loaded.program.slug), notice="schedule-saved")


# --- session lists and pages ------------------------------------------------------------


@page()
def session_list(ctx: Context) -> Response:
    return _session_list_page(ctx, _load_program(ctx))


def _session_list_page(
    ctx: Context, loaded: Loaded, errors: dict[str, str] | None = None
) -> Response:
    program_zone = zones.zone_of_program(ctx.session, loaded.program, loaded.hub)
    can_run = can.can_run_sessions(ctx.principal, loaded.hub.id or 0)
    return render(
        ctx,
        "sessions/list.html",
        {
            "program": loaded.program,
            "hub": loaded.hub,
            "sessions": sessions.program_sessions(ctx.session, loaded.program.id or 0),
            "zone": _zone(ctx, program_zone),
            "program_zone": program_zone,
            "can_run": can_run,
            "curriculum_choices": [p.name for p in curricula.curriculum_files()] if can_run else [],
            "errors": errors or {},
            "values": ctx.form_dict(),
        },
        status_code=422 if errors else 200,
    )


def load_session(ctx: Context) -> tuple[ProgramSession, Loaded]:
    """The session in the URL with its program; 404 when the person may not know it."""
    found = sessions.session_with_program(ctx.session, ctx.request.path_params["session_id"])
    if found is None:
        raise not_found()
    program_session, program = found
    hub = ctx.session.get(Hub, program.hub_id)
    user_id = ctx.user.id if ctx.user else None
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user_id)
    if hub is None or not can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return program_session, Loaded(program, hub, enrollment)


def _session_context(
    ctx: Context, program_session: ProgramSession, loaded: Loaded
) -> dict[str, object]:
    schedule = sessions.schedule_of(ctx.session, loaded.program.id or 0)
    program_zone = zones.program_zone(schedule, loaded.hub)
    may_join = can.can_join_meetings(ctx.principal, loaded.hub.id or 0, loaded.enrollment)
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
        "zone": _zone(ctx, program_zone),
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
        "disclosures": cme.session_disclosures(ctx.session, loaded.program, program_session)
        if cme.settings_of(ctx.session, loaded.program.id or 0)
        else [],
    }


def _check_in_state(
    ctx: Context, program_session: ProgramSession, loaded: Loaded
) -> dict[str, object]:
    """Enrolled participants see "Check in" while check-in is open, then their check-in."""
    participant = ctx.user is not None and can.is_active_participant(
        ctx.principal, loaded.enrollment
    )
    if not participant or ctx.user is None:
        return {"may_check_in": False}
    return {
        "may_check_in": True,
        "check_in_open": attendance.check_in_open(program_session),
        "my_check_in": attendance.check_in_of(ctx.session, program_session.id or 0, ctx.user.id),
    }


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


def _edit_page(
    ctx: Context,
    program_session: ProgramSession,
    loaded: Loaded,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    zone = zones.zone_of_program(ctx.session, loaded.program, loaded.hub)
    local = in_zone(program_session.starts_at, zone)
    defaults = {
        "title": program_session.title,
        "didactic_title": program_session.didactic_title,
        "didactic_presenter_id": str(program_session.didactic_presenter_id or ""),
        "didactic_objectives": program_session.didactic_objectives,
        "resource_ids": program_session.resource_ids,
        "slides_url": program_session.slides_url,
        "recording_url": program_session.recording_url,
        "notes": program_session.notes,
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration_minutes": str(
            int((program_session.ends_at - program_session.starts_at).total_seconds() // 60)
        ),
        "reason": program_session.cancel_reason,
    }
    presenters = [
        (str(person.id), person.display_name)
        for _membership, person in programs.hub_memberships(ctx.session, loaded.hub.id or 0)
    ]
    return render(
        ctx,
        "sessions/edit.html",
        {
            "program": loaded.program,
            "hub": loaded.hub,
            "s": program_session,
            "program_zone": zone,
            "values": {**defaults, **(values or {})},
            "errors": errors or {},
            "presenters": list(dict.fromkeys(presenters)),
        },
        status_code=422 if errors else 200,
    )


def _presenter_ids(ctx: Context, hub: Hub) -> set[int]:
    return {person.id or 0 for _m, person in programs.hub_memberships(ctx.session, hub.id or 0)}


@page(write=True)
def edit_session(ctx: Context) -> Response:
    program_session, loaded = load_session(ctx)
    _require_runner(ctx, loaded.hub)
    if ctx.request.method == "GET":
        return _edit_page(ctx, program_session, loaded)
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
            sessions.reschedule(
                ctx.session,
                program_session,
                zones.zone_of_program(ctx.session, loaded.program, loaded.hub),
                move,
            )
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
        return _edit_page(ctx, program_session, loaded, problem.errors, values)
    if action in ("cancel", "restore", "move") and program_session.ends_at > utcnow():
        ctx.session.flush()
        reminders.session_changed(ctx.session, ctx.settings, program_session, now=utcnow())
    return redirect(ctx.path("session", session_id=program_session.id), notice=notice)


@page(write=True)
def apply_curriculum(ctx: Context) -> Response:
    loaded = _load_program(ctx)
    _require_runner(ctx, loaded.hub)
    files = {path.name: path for path in curricula.curriculum_files()}
    try:
        chosen = files.get(ctx.parse_form(CurriculumForm).curriculum)
    except FormErrors as problem:
        return _session_list_page(ctx, loaded, problem.errors)
    if chosen is None:
        return _session_list_page(ctx, loaded, {"curriculum": "Choose a curriculum."})
    curriculum, issues = curricula.load(chosen)
    if curriculum is None:
        problems = "; ".join(str(issue) for issue in issues[:5])
        return _session_list_page(ctx, loaded, {"curriculum": f"The file has problems: {problems}"})
    sessions.apply_curriculum(ctx.session, loaded.program, curriculum)
    return redirect(ctx.path("session_list", slug=loaded.program.slug), notice="curriculum-applied")


routes = [
    Route(
        "/programs/{slug:slug}/curriculum",
        apply_curriculum,
        methods=["POST"],
        name="apply_curriculum",
    ),
    Route("/programs/{slug:slug}/schedule", schedule, methods=["GET", "POST"], name="schedule"),
    Route("/programs/{slug:slug}/sessions", session_list, name="session_list"),
    Route("/sessions/{session_id:id}", session_page, name="session"),
    Route(
        "/sessions/{session_id:id}/edit",
        edit_session,
        methods=["GET", "POST"],
        name="session_edit",
    ),
]
