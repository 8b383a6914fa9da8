"""The community resource directory and care coordination: searching the hub's directory,
keeping it (liaisons), attaching resources to a consult, follow-up tasks on it, and a
line's follow-ups to close.

The consult page shows a request's referral with templates/consult/_coordination.html;
coordination_context gives that partial everything it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.models import US_STATES
from echo.consult import directory
from echo.consult import services as consults
from echo.consult.forms import (
    AttachForm,
    CloseFollowUpForm,
    FollowUpForm,
    ResourceForm,
    ResourceQuery,
)
from echo.consult.models import (
    FOLLOW_UP_OUTCOMES,
    PAYERS,
    SERVICE_TYPES,
    CommunityResource,
    ConsultLine,
    ConsultRequest,
)
from echo.programs import services as programs
from echo.programs.models import Hub
from echo.security import permissions as can
from echo.security.permissions import Principal
from echo.timeutil import local_date, utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import Form, FormErrors, flag, row_id

add_notices(
    {
        "resource-saved": "The resource is saved in the directory.",
        "resource-attached": "The resource is attached to the consult.",
        "follow-up-added": "The follow-up is added; it is on the line's follow-up list.",
        "follow-up-closed": "The follow-up is closed with what happened.",
        "follow-up-was-closed": "That follow-up was already closed; its first outcome stands.",
    }
)

SERVICE_LABELS = dict(SERVICE_TYPES)
PAYER_LABELS = dict(PAYERS)
OUTCOME_LABELS = dict(FOLLOW_UP_OUTCOMES)
QUERY_LABELS = {"q": "Search", "service": "Service", "payer": "Payment", "age": "Child's age"}
RESOURCE_LABELS = {
    "name": "Name of the service",
    "service_types": "Services",
    "min_age": "Youngest age served",
    "max_age": "Oldest age served",
    "languages": "Languages",
    "payers": "Payment accepted",
    "wait_weeks": "Usual wait for a first appointment, in weeks",
    "phone": "Phone",
    "website": "Website",
    "city": "City",
    "us_state": "State",
    "notes": "Notes for the team",
}
# The partial's fields have their own ids (a consult page has other forms): a form's
# field name -> the id its error is shown under.
ATTACH_FIELDS = {"resource_id": "attach-resource"}
FOLLOW_UP_FIELDS = {"resource_id": "follow-up-resource", "due_on": "follow-up-due"}
COORDINATION_LABELS = {
    "attach-resource": "Resource to attach",
    "follow-up-resource": "Follow-up about",
    "follow-up-due": "Check back on",
}


class ResourceEditForm(ResourceForm):
    """Editing a resource may also hide it from the directory."""

    hide: Annotated[bool, flag()] = False


# A permission predicate of echo.security.permissions taking a hub's id.
Allowed = Callable[[Principal, int], bool]


class TaskChoice(Form):
    task_id: Annotated[int | None, row_id(required="Choose a follow-up.")]


# --- loading, with permission ----------------------------------------------------------------


def _hub(ctx: Context, allowed: Allowed) -> Hub:
    """The hub in the URL for someone ``allowed`` there; anyone else gets 404."""
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not allowed(ctx.principal, hub.id or 0):
        raise not_found()
    return hub


def _consult(ctx: Context, allowed: Allowed) -> tuple[ConsultRequest, ConsultLine]:
    """The consult in the URL and its line, for someone ``allowed`` in the line's hub."""
    ctx.require_user()
    request = ctx.session.get(ConsultRequest, ctx.request.path_params["request_id"])
    line = ctx.session.get(ConsultLine, request.line_id) if request is not None else None
    if request is None or line is None or not allowed(ctx.principal, line.hub_id):
        raise not_found()
    return request, line


# --- the directory ----------------------------------------------------------------------------


def _query_values(query: ResourceQuery, errors: Mapping[str, str], ctx: Context) -> dict[str, Any]:
    """The search as shown back: parsed values, and what was typed where it was wrong."""
    values: dict[str, Any] = query.model_dump()
    for name in errors:
        values[name] = ctx.request.query_params.get(name, "")
    return values


@page()
def resources(ctx: Context) -> Response:
    hub = _hub(ctx, can.can_work_consult_line)
    query, errors = ResourceQuery.parse_partly(ctx.request.query_params)
    may_liaise = can.can_liaise(ctx.principal, hub.id or 0)
    return render(
        ctx,
        "consult/resources.html",
        {
            "hub": hub,
            "results": directory.search(ctx.session, hub.id or 0, query),
            "hidden": directory.hidden(ctx.session, hub.id or 0) if may_liaise else [],
            "searched": query != ResourceQuery.parse(None),
            "values": _query_values(query, errors, ctx),
            "errors": errors,
            "labels": QUERY_LABELS,
            "service_choices": SERVICE_TYPES,
            "payer_choices": PAYERS,
            "service_labels": SERVICE_LABELS,
            "payer_labels": PAYER_LABELS,
            "may_liaise": may_liaise,
        },
        status_code=422 if errors else 200,
    )


def _resource_values(resource: CommunityResource) -> dict[str, str]:
    values = {name: str(getattr(resource, name)) for name in RESOURCE_LABELS}
    values["wait_weeks"] = "" if resource.wait_weeks is None else str(resource.wait_weeks)
    values["telehealth"] = "yes" if resource.telehealth else ""
    values["hide"] = "" if resource.is_active else "yes"
    return values


def _resource_form(
    ctx: Context,
    hub: Hub,
    *,
    values: Mapping[str, str],
    services: list[str],
    payers: list[str],
    errors: Mapping[str, str] | None = None,
    resource: CommunityResource | None = None,
) -> Response:
    return render(
        ctx,
        "consult/resource_form.html",
        {
            "hub": hub,
            "resource": resource,
            "values": values,
            "chosen_services": services,
            "chosen_payers": payers,
            "errors": errors or {},
            "labels": RESOURCE_LABELS,
            "service_choices": SERVICE_TYPES,
            "payer_choices": PAYERS,
            "state_choices": US_STATES,
        },
        status_code=422 if errors else 200,
    )


def _save(ctx: Context, hub: Hub, resource: CommunityResource | None) -> Response:
    """Save the posted resource and go back to the directory, or show the form again with
    everything as typed and each problem next to its field."""
    try:
        if resource is None:
            directory.save_resource(ctx.session, hub.id or 0, ctx.parse_form(ResourceForm))
        else:
            form = ctx.parse_form(ResourceEditForm)
            directory.save_resource(ctx.session, hub.id or 0, form, resource, active=not form.hide)
    except FormErrors as problem:
        posted = ctx.form
        return _resource_form(
            ctx,
            hub,
            values=ctx.form_dict(),
            services=[v for v in posted.getlist("service_types") if isinstance(v, str)]
            if posted
            else [],
            payers=[v for v in posted.getlist("payers") if isinstance(v, str)] if posted else [],
            errors=problem.errors,
            resource=resource,
        )
    return redirect(ctx.path("resources", hub=hub.slug), notice="resource-saved")


@page(write=True)
def resource_new(ctx: Context) -> Response:
    hub = _hub(ctx, can.can_liaise)
    if ctx.request.method == "GET":
        return _resource_form(
            ctx,
            hub,
            values={"languages": "English", "min_age": "0", "max_age": "21"},
            services=[],
            payers=[],
        )
    return _save(ctx, hub, None)


@page(write=True)
def resource_edit(ctx: Context) -> Response:
    ctx.require_user()
    resource = ctx.session.get(CommunityResource, ctx.request.path_params["resource_id"])
    hub = ctx.session.get(Hub, resource.hub_id) if resource is not None else None
    if resource is None or hub is None or not can.can_liaise(ctx.principal, hub.id or 0):
        raise not_found()
    if ctx.request.method == "GET":
        return _resource_form(
            ctx,
            hub,
            values=_resource_values(resource),
            services=resource.service_types.split(",") if resource.service_types else [],
            payers=resource.payers.split(",") if resource.payers else [],
            resource=resource,
        )
    return _save(ctx, hub, resource)


# --- a consult's referral and follow-ups ----------------------------------------------------


def coordination_context(
    ctx: Context, request: ConsultRequest, line: ConsultLine
) -> dict[str, Any]:
    """What templates/consult/_coordination.html needs, for the consult page to include it:
    the attached resources, the follow-ups, and the forms for whoever may use them (the
    hub's clinical team attaches, its liaisons add follow-ups)."""
    request_id = request.id or 0
    may_attach = can.can_work_consult_line(ctx.principal, line.hub_id)
    return {
        "consult_request": request,
        "attached": directory.attached(ctx.session, request_id),
        "resource_choices": (
            directory.resource_choices(ctx.session, line.hub_id, request_id) if may_attach else []
        ),
        "follow_ups": directory.follow_ups_of(ctx.session, request_id),
        "may_attach": may_attach,
        "may_liaise": can.can_liaise(ctx.principal, line.hub_id),
        "service_labels": SERVICE_LABELS,
        "payer_labels": PAYER_LABELS,
        "outcome_labels": OUTCOME_LABELS,
    }


def _coordination_page(
    ctx: Context,
    request: ConsultRequest,
    line: ConsultLine,
    errors: Mapping[str, str],
    fields: Mapping[str, str],
) -> Response:
    """A form of the consult's referral with a problem: the referral section again, the
    problem next to its field and what was chosen kept, and a link back to the consult."""
    values = {fields.get(name, name): value for name, value in ctx.form_dict().items()}
    return render(
        ctx,
        "consult/follow_ups.html",
        {
            **coordination_context(ctx, request, line),
            "line": line,
            "errors": {fields.get(name, name): message for name, message in errors.items()},
            "values": values,
            "labels": COORDINATION_LABELS,
        },
        status_code=422,
    )


@page(write=True)
def attach_resource(ctx: Context) -> Response:
    request, line = _consult(ctx, can.can_work_consult_line)
    user = ctx.require_user()
    try:
        form = ctx.parse_form(AttachForm)
        if not directory.attach(ctx.session, request, line.hub_id, form.resource_id or 0, user.id):
            raise FormErrors({"resource_id": "Choose a resource from this hub's directory."})
    except FormErrors as problem:
        return _coordination_page(ctx, request, line, problem.errors, ATTACH_FIELDS)
    return redirect(ctx.path("consult", request_id=request.id), notice="resource-attached")


@page(write=True)
def add_follow_up(ctx: Context) -> Response:
    request, line = _consult(ctx, can.can_liaise)
    user = ctx.require_user()
    try:
        form = ctx.parse_form(FollowUpForm)
        directory.add_follow_up(ctx.session, request, form, user.id)
    except FormErrors as problem:
        return _coordination_page(ctx, request, line, problem.errors, FOLLOW_UP_FIELDS)
    return redirect(ctx.path("consult", request_id=request.id), notice="follow-up-added")


def _line_page(
    ctx: Context, line: ConsultLine, hub: Hub, errors: Mapping[str, str] | None = None
) -> Response:
    today = local_date(utcnow(), hub.time_zone)
    open_ones, closed = directory.line_follow_ups(ctx.session, line.id or 0, today=today)
    return render(
        ctx,
        "consult/follow_ups.html",
        {
            "line": line,
            "hub": hub,
            "today": today,
            "open_ones": open_ones,
            "closed": closed,
            "recent_days": directory.RECENTLY_CLOSED_DAYS,
            "outcome_choices": FOLLOW_UP_OUTCOMES,
            "outcome_labels": OUTCOME_LABELS,
            "errors": errors or {},
            "labels": dict.fromkeys(errors or {}, "What happened"),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def line_follow_ups(ctx: Context) -> Response:
    ctx.require_user()
    found = consults.line_by_slug(ctx.session, ctx.request.path_params["line"])
    if found is None or not can.can_liaise(ctx.principal, found[1].id or 0):
        raise not_found()
    line, hub = found
    if ctx.request.method == "GET":
        return _line_page(ctx, line, hub)
    try:
        task_id = ctx.parse_form(TaskChoice).task_id or 0
    except FormErrors:
        raise not_found() from None
    task = directory.follow_up_in_line(ctx.session, task_id, line.id or 0)
    if task is None:
        raise not_found()
    try:
        form = ctx.parse_form(CloseFollowUpForm)
        closed = directory.close_follow_up(ctx.session, task, form.outcome, ctx.require_user().id)
    except FormErrors as problem:
        # each open follow-up has its own form: the message goes next to its select
        return _line_page(
            ctx,
            line,
            hub,
            {f"outcome-{task_id}": problem.errors.get("outcome", "Choose what happened.")},
        )
    notice = "follow-up-closed" if closed else "follow-up-was-closed"
    return redirect(ctx.path("line_follow_ups", line=line.slug), notice=notice)


routes = [
    Route("/hubs/{hub:slug}/resources", resources, name="resources"),
    Route(
        "/hubs/{hub:slug}/resources/new",
        resource_new,
        methods=["GET", "POST"],
        name="resource_new",
    ),
    Route(
        "/resources/{resource_id:id}/edit",
        resource_edit,
        methods=["GET", "POST"],
        name="resource_edit",
    ),
    Route(
        "/consults/{request_id:id}/resources",
        attach_resource,
        methods=["POST"],
        name="consult_attach_resource",
    ),
    Route(
        "/consults/{request_id:id}/follow-ups",
        add_follow_up,
        methods=["POST"],
        name="consult_follow_up_new",
    ),
    Route(
        "/consult-lines/{line:slug}/follow-ups",
        line_follow_ups,
        methods=["GET", "POST"],
        name="line_follow_ups",
    ),
]
