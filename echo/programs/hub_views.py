"""Hub management for coordinators: members and roles, enrollment requests, programs."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import api_tokens
from echo.accounts import services as accounts
from echo.accounts.models import User
from echo.programs import notifications, services
from echo.programs.forms import (
    DecisionForm,
    MemberForm,
    ParticipantForm,
    ProgramForm,
    ZoomSecretForm,
)
from echo.programs.loaders import load_managed_hub
from echo.programs.models import Hub, Program
from echo.security import permissions as can
from echo.security.permissions import HubRole
from echo.timeutil import utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors

add_notices(
    {
        "member-removed-tokens-live": "The member is removed. Some of this hub's service "
        "tokens were made by people who are not its coordinators now: they still work, as the "
        "hub's own. Revoke any that should stop on the hub's API tokens page.",
    }
)


def _load_hub(ctx: Context) -> Hub:
    """The hub in the URL; 404 for anyone who may not manage it (they need not know it)."""
    return load_managed_hub(ctx)


def _manage_page(
    ctx: Context,
    hub: Hub,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    programs = services.hub_programs(ctx.session, hub.id or 0)
    return render(
        ctx,
        "hubs/manage.html",
        {
            "hub": hub,
            "memberships": services.hub_memberships(ctx.session, hub.id or 0),
            "pending": services.pending_requests(ctx.session, hub.id or 0),
            "programs": programs,
            "program_choices": [(p.slug, p.title) for p in programs],
            "counts": services.participant_counts(ctx.session, hub.id or 0),
            "can_triage": can.is_hub_clinical_team(ctx.principal, hub.id or 0),
            "roles": [role.value for role in HubRole],
            "webhook_url": f"{ctx.settings.base_url.rstrip('/')}/webhooks/zoom",
            "errors": errors or {},
            "values": values or {},
        },
        status_code=422 if errors else 200,
    )


@page()
def manage(ctx: Context) -> Response:
    return _manage_page(ctx, _load_hub(ctx))


@page(write=True)
def add_member(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    values = ctx.form_dict()
    try:
        form = ctx.parse_form(MemberForm)
        person = accounts.user_by_email(ctx.session, form.email)
        if person is None:
            raise FormErrors(
                {"email": "No account uses this email. Ask the person to sign up first."}
            )
        services.add_hub_member(ctx.session, hub, person, form.role)
    except FormErrors as problem:
        return _manage_page(ctx, hub, problem.errors, values)
    return redirect(ctx.path("hub_manage", hub=hub.slug), notice="member-added")


@page(write=True)
def remove_member(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    try:
        removed = services.remove_hub_member(
            ctx.session, hub, ctx.request.path_params["membership_id"]
        )
    except FormErrors as problem:
        return _manage_page(ctx, hub, problem.errors)
    if not removed:
        raise not_found()
    # Service tokens belong to the hub and outlive their makers' roles: say so when some do.
    leavers = api_tokens.live_tokens_of_leavers(ctx.session, hub.id or 0, utcnow())
    return redirect(
        ctx.path("hub_manage", hub=hub.slug),
        notice="member-removed-tokens-live" if leavers else "member-removed",
    )


@page(write=True)
def decide(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    try:
        approve = ctx.parse_form(DecisionForm).decision == "approve"
    except FormErrors as problem:
        return _manage_page(ctx, hub, problem.errors)
    decided = services.decide_enrollment(
        ctx.session,
        hub,
        ctx.request.path_params["enrollment_id"],
        approve=approve,
        decided_by_id=ctx.require_user().id,
    )
    if decided is None:
        raise not_found()
    person = ctx.session.get(User, decided.user_id)
    if approve and person is not None:
        notifications.enrollment_approved(ctx.session, ctx.settings, decided.program_id, person)
    return redirect(
        ctx.path("hub_manage", hub=hub.slug), notice="approved" if approve else "declined"
    )


@page(write=True)
def add_participant(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    try:
        form = ctx.parse_form(ParticipantForm)
        program, person = services.add_participant(
            ctx.session, hub, form.program, form.participant_email, ctx.require_user().id
        )
    except FormErrors as problem:
        return _manage_page(ctx, hub, problem.errors, ctx.form_dict())
    notifications.enrollment_approved(ctx.session, ctx.settings, program.id or 0, person)
    return redirect(ctx.path("hub_manage", hub=hub.slug), notice="participant-added")


def _program_in_hub(ctx: Context, hub: Hub) -> Program | None:
    slug = ctx.request.path_params.get("program")
    if slug is None:
        return None
    found = services.program_by_slug(ctx.session, slug)
    if found is None or found[0].hub_id != hub.id:
        raise not_found()
    return found[0]


@page(write=True)
def set_zoom_secret(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    try:
        secret = ctx.parse_form(ZoomSecretForm).zoom_webhook_secret
        services.set_zoom_secret(ctx.session, hub, secret)
    except FormErrors as problem:
        return _manage_page(ctx, hub, problem.errors)
    return redirect(ctx.path("hub_manage", hub=hub.slug), notice="zoom-secret-saved")


@page(write=True)
def edit_program(ctx: Context) -> Response:
    hub = _load_hub(ctx)
    program = _program_in_hub(ctx, hub)
    errors: dict[str, str] = {}
    if program is not None:
        values = {
            "slug": program.slug,
            "title": program.title,
            "description": program.description,
            "target_audience": program.target_audience,
            "status": program.status,
            "visibility": program.visibility,
            "enrollment_mode": program.enrollment_mode,
            "participants_see_cases": "yes" if program.participants_see_cases else "",
            "lead_faculty_id": str(program.lead_faculty_id or ""),
        }
    else:
        values = {
            "status": "draft",
            "visibility": "public",
            "enrollment_mode": "approval",
            "participants_see_cases": "yes",
        }
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            saved = services.save_program(ctx.session, hub, ctx.parse_form(ProgramForm), program)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(ctx.path("program", slug=saved.slug), notice="program-saved")
    return render(
        ctx,
        "hubs/program_form.html",
        {
            "hub": hub,
            "program": program,
            "values": values,
            "errors": errors,
            "faculty_choices": [
                (str(user.id), user.display_name)
                for user in services.hub_faculty(ctx.session, hub.id or 0)
            ],
        },
        status_code=422 if errors else 200,
    )


routes = [
    Route("/hubs/{hub:slug}/manage", manage, name="hub_manage"),
    Route("/hubs/{hub:slug}/members", add_member, methods=["POST"], name="hub_add_member"),
    Route("/hubs/{hub:slug}/zoom", set_zoom_secret, methods=["POST"], name="hub_zoom_secret"),
    Route(
        "/hubs/{hub:slug}/members/{membership_id:id}/remove",
        remove_member,
        methods=["POST"],
        name="hub_remove_member",
    ),
    Route(
        "/hubs/{hub:slug}/enrollments/{enrollment_id:id}",
        decide,
        methods=["POST"],
        name="hub_decide_enrollment",
    ),
    Route(
        "/hubs/{hub:slug}/participants",
        add_participant,
        methods=["POST"],
        name="hub_add_participant",
    ),
    Route(
        "/hubs/{hub:slug}/programs/new",
        edit_program,
        methods=["GET", "POST"],
        name="hub_new_program",
    ),
    Route(
        "/hubs/{hub:slug}/programs/{program:slug}/edit",
        edit_program,
        methods=["GET", "POST"],
        name="hub_edit_program",
    ),
]
