"""A program's session list, a session's edit form and applying a curriculum: the session
pages that need only the programs domain (the session page itself, its changes and the
schedule are composed with attendance, cases and CME in ``echo.pages.sessions``)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.programs import curricula, sessions
from echo.programs import services as programs
from echo.programs.forms import CurriculumForm
from echo.programs.loaders import Loaded, load_program, program_zone_of, require_runner, viewer_zone
from echo.programs.models import ProgramSession
from echo.security import permissions as can
from echo.timeutil import in_zone, utcnow
from echo.web.context import Context, page, redirect, render
from echo.web.params import FormErrors


@page()
def session_list(ctx: Context) -> Response:
    return _session_list_page(ctx, load_program(ctx))


def _session_list_page(
    ctx: Context, loaded: Loaded, errors: dict[str, str] | None = None
) -> Response:
    program_zone = program_zone_of(ctx, loaded)
    can_run = can.can_run_sessions(ctx.principal, loaded.hub.id or 0)
    return render(
        ctx,
        "sessions/list.html",
        {
            "program": loaded.program,
            "hub": loaded.hub,
            "sessions": sessions.program_sessions(ctx.session, loaded.program.id or 0),
            "now": utcnow(),
            "zone": viewer_zone(ctx, program_zone),
            "program_zone": program_zone,
            "can_run": can_run,
            "curriculum_choices": [p.name for p in curricula.curriculum_files()] if can_run else [],
            "errors": errors or {},
            "values": ctx.form_dict(),
        },
        status_code=422 if errors else 200,
    )


def edit_page(
    ctx: Context,
    program_session: ProgramSession,
    loaded: Loaded,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    zone = program_zone_of(ctx, loaded)
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


@page(write=True)
def apply_curriculum(ctx: Context) -> Response:
    loaded = load_program(ctx)
    require_runner(ctx, loaded.hub)
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
    Route("/programs/{slug:slug}/sessions", session_list, name="session_list"),
]
