"""A program's session list, a session's edit form and applying a curriculum: the session
pages that need only the programs domain (the session page itself, its changes and the
schedule are composed with attendance, cases and CME in ``echo.pages.sessions``)."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.responses import Response
from starlette.routing import Route

from echo.programs import curricula, sessions
from echo.programs import services as programs
from echo.programs.curriculum import Curriculum
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
    ctx: Context,
    loaded: Loaded,
    errors: dict[str, str] | None = None,
    preview: CurriculumPreview | None = None,
) -> Response:
    program_zone = program_zone_of(loaded)
    can_run = can.can_run_sessions(ctx.principal, loaded.hub.id or 0)
    undoable = sessions.undoable_change(ctx.session, loaded.program.id or 0) if can_run else None
    return render(
        ctx,
        "sessions/list.html",
        {
            "program": loaded.program,
            "hub": loaded.hub,
            "sessions": sessions.program_sessions(ctx.session, loaded.program.id or 0),
            "now": utcnow(),
            "preview": preview,
            "topic_choices": [
                (str(n), f"{n}. {topic.title}")
                for n, topic in enumerate(preview.curriculum.topics, start=1)
            ]
            if preview
            else [],
            "undoable": undoable,
            "undo_until": undoable.applied_at + sessions.UNDO_WINDOW if undoable else None,
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
    zone = program_zone_of(loaded)
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
    """Preview which session gets which topic (and which didactics change), from the topic
    the coordinator chooses; apply only when asked; undo for a day (undo_curriculum)."""
    loaded = load_program(ctx)
    require_runner(ctx, loaded.hub)
    files = {path.name: path for path in curricula.curriculum_files()}
    try:
        form = ctx.parse_form(CurriculumForm)
    except FormErrors as problem:
        return _session_list_page(ctx, loaded, problem.errors)
    chosen = files.get(form.curriculum)
    if chosen is None:
        return _session_list_page(ctx, loaded, {"curriculum": "Choose a curriculum."})
    curriculum, issues = curricula.load(chosen)
    if curriculum is None:
        problems = "; ".join(str(issue) for issue in issues[:5])
        return _session_list_page(ctx, loaded, {"curriculum": f"The file has problems: {problems}"})
    start = min(form.start_topic or 1, len(curriculum.topics))
    if form.action != "apply":
        plan = sessions.plan_curriculum(ctx.session, loaded.program, curriculum, start_topic=start)
        preview = CurriculumPreview(chosen.name, curriculum, start, plan)
        return _session_list_page(ctx, loaded, preview=preview)
    sessions.apply_curriculum(
        ctx.session,
        loaded.program,
        curriculum,
        start_topic=start,
        name=chosen.name,
        actor_id=ctx.user.id if ctx.user else None,
    )
    return redirect(ctx.path("session_list", slug=loaded.program.slug), notice="curriculum-applied")


@dataclass(frozen=True)
class CurriculumPreview:
    file: str
    curriculum: Curriculum
    start_topic: int
    plan: list[sessions.TopicAssignment]

    @property
    def changed(self) -> int:
        return sum(1 for a in self.plan if a.replaces)

    @property
    def left_over(self) -> int:
        return len(self.curriculum.topics) - (self.start_topic - 1) - len(self.plan)


@page(write=True)
def undo_curriculum(ctx: Context) -> Response:
    loaded = load_program(ctx)
    require_runner(ctx, loaded.hub)
    change = sessions.undoable_change(ctx.session, loaded.program.id or 0)
    if change is None:
        return _session_list_page(
            ctx,
            loaded,
            {
                "undo": "There is no curriculum change to undo: it is more than a day old, "
                "or it was undone."
            },
        )
    sessions.undo_curriculum(ctx.session, change)
    return redirect(ctx.path("session_list", slug=loaded.program.slug), notice="curriculum-undone")


routes = [
    Route(
        "/programs/{slug:slug}/curriculum",
        apply_curriculum,
        methods=["POST"],
        name="apply_curriculum",
    ),
    Route(
        "/programs/{slug:slug}/curriculum/undo",
        undo_curriculum,
        methods=["POST"],
        name="undo_curriculum",
    ),
    Route("/programs/{slug:slug}/sessions", session_list, name="session_list"),
]
