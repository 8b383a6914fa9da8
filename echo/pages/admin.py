"""Site administration: people and hubs."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import services as accounts
from echo.accounts.forms import SearchQuery, SiteAdminForm
from echo.accounts.models import User
from echo.programs import services as programs
from echo.programs.forms import HubForm
from echo.security import permissions as can
from echo.security.permissions import HubRole
from echo.timeutil import time_zone_choices
from echo.web.context import Context, not_found, page, redirect, render
from echo.web.params import FormErrors


def _require_admin(ctx: Context) -> None:
    ctx.require_user()
    if not can.can_administer_site(ctx.principal):
        raise not_found()


def _admin_page(
    ctx: Context, errors: dict[str, str] | None = None, values: dict[str, str] | None = None
) -> Response:
    try:
        query = ctx.parse_query(SearchQuery).q
    except FormErrors:
        query = ""
    return render(
        ctx,
        "admin/index.html",
        {
            "query": query,
            "users": programs.search_users(ctx.session, query),
            "hubs": programs.all_hubs(ctx.session),
            "time_zone_choices": time_zone_choices(),
            "errors": errors or {},
            "values": values or {"time_zone": "America/New_York"},
        },
        status_code=422 if errors else 200,
    )


@page()
def index(ctx: Context) -> Response:
    _require_admin(ctx)
    return _admin_page(ctx)


@page(write=True)
def create_hub(ctx: Context) -> Response:
    _require_admin(ctx)
    values = ctx.form_dict()
    try:
        form = ctx.parse_form(HubForm)
    except FormErrors as problem:
        return _admin_page(ctx, problem.errors, values)
    errors: dict[str, str] = {}
    coordinator = accounts.user_by_email(ctx.session, form.coordinator_email)
    if coordinator is None:
        errors["coordinator_email"] = (
            "Enter the email of a registered person to coordinate the hub."
        )
    try:
        hub = programs.create_hub(
            ctx.session, slug=form.slug, name=form.name, time_zone=form.time_zone
        )
    except FormErrors as problem:
        errors.update(problem.errors)
    if errors or coordinator is None:
        ctx.session.rollback()
        return _admin_page(ctx, errors, values)
    programs.add_hub_member(ctx.session, hub, coordinator, HubRole.coordinator.value)
    return redirect(ctx.path("admin"), notice="hub-created")


@page(write=True)
def set_site_admin(ctx: Context) -> Response:
    _require_admin(ctx)
    person = ctx.session.get(User, ctx.request.path_params["user_id"])
    if person is None:
        raise not_found()
    try:
        make_admin = ctx.parse_form(SiteAdminForm).admin == "yes"
    except FormErrors as problem:
        return _admin_page(ctx, problem.errors)
    if not make_admin and ctx.user is not None and person.id == ctx.user.id:
        return _admin_page(ctx, {"users": "You cannot remove your own administrator access."})
    person.is_site_admin = make_admin
    ctx.session.add(person)
    return redirect(ctx.path("admin"), notice="admin-changed")


routes = [
    Route("/admin", index, name="admin"),
    Route("/admin/hubs", create_hub, methods=["POST"], name="admin_create_hub"),
    Route(
        "/admin/users/{user_id:id}/site-admin",
        set_site_admin,
        methods=["POST"],
        name="admin_set_admin",
    ),
]
