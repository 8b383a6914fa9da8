"""A hub's webhook endpoints, for those who manage the hub (can_manage_hub; everyone else
gets 404): the list and the form to add one, the secret shown once, rotating it,
enabling and disabling, deleting, a test event, and each endpoint's delivery log with
redelivery. The rules are echo.webhooks.services; docs/webhooks.md says what is sent."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from echo.programs.loaders import load_managed_hub
from echo.programs.models import Hub
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors
from echo.webhooks import services
from echo.webhooks.events import EVENT_TYPES, subscribed
from echo.webhooks.forms import EndpointForm, EndpointStateForm
from echo.webhooks.models import WebhookDelivery, WebhookEndpoint

add_notices(
    {
        "webhook-enabled": "The endpoint is enabled: new events are sent to it.",
        "webhook-disabled": "The endpoint is disabled: nothing is sent to it until it is "
        "enabled again. Deliveries that were waiting are failed in its log; redeliver them "
        "once it is enabled.",
        "webhook-deleted": "The endpoint and its delivery log are deleted.",
        "webhook-test-queued": "A webhook.test event is queued; Echo sends it within a few "
        "seconds. The endpoint's delivery log shows how it went.",
        "webhook-redelivered": "The delivery is queued again, with the same webhook-id; "
        "Echo sends it within a few seconds.",
        "webhook-not-failed": "That delivery is no longer failed, so nothing was changed.",
    }
)

LABELS = {"url": "Endpoint address", "description": "Description", "event_types": "Events"}
STATE_BADGES = {
    "queued": "waiting",
    "sending": "in_progress",
    "delivered": "open",
    "failed": "late",
}


def _endpoint(ctx: Context, hub: Hub) -> WebhookEndpoint:
    """The endpoint in the URL, if it is this hub's; 404 otherwise."""
    found = services.endpoint_of_hub(
        ctx.session, hub.id or 0, ctx.request.path_params["endpoint_id"]
    )
    if found is None:
        raise not_found()
    return found


def _list_page(
    ctx: Context,
    hub: Hub,
    values: dict[str, str],
    chosen: list[str],
    errors: dict[str, str],
    labels: dict[str, str] | None = None,
) -> Response:
    endpoints = services.endpoints_of(ctx.session, hub.id or 0)
    counts = services.status_counts(ctx.session, [e.id or 0 for e in endpoints])
    rows: list[dict[str, Any]] = [
        {
            "endpoint": endpoint,
            "events": subscribed(endpoint.event_types),
            "counts": counts.get(endpoint.id or 0, {}),
        }
        for endpoint in endpoints
    ]
    return render(
        ctx,
        "webhooks/endpoints.html",
        {
            "hub": hub,
            "rows": rows,
            "event_types": EVENT_TYPES,
            "values": values,
            "chosen": chosen,
            "errors": errors,
            "labels": {**LABELS, **(labels or {})},
            "may_add": len(endpoints) < services.MAX_ENDPOINTS,
            "max_endpoints": services.MAX_ENDPOINTS,
        },
        status_code=422 if errors else 200,
    )


def _secret_page(ctx: Context, hub: Hub, endpoint: WebhookEndpoint, *, rotated: bool) -> Response:
    """The secret, on the answer to the POST that made it (never a page that could show it
    again), and never stored by any cache."""
    return render(
        ctx,
        "webhooks/secret.html",
        {
            "hub": hub,
            "endpoint": endpoint,
            "secret": endpoint.secret,
            "rotated": rotated,
            "grace_hours": int(services.ROTATION_GRACE.total_seconds() // 3600),
        },
        private=True,
    )


@page(write=True)
def endpoints(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    if ctx.request.method != "POST":
        return _list_page(ctx, hub, {}, list(EVENT_TYPES), {})
    chosen = [v for v in ctx.form.getlist("event_types") if isinstance(v, str)] if ctx.form else []
    try:
        endpoint = services.create(
            ctx.session,
            hub_id=hub.id or 0,
            form=ctx.parse_form(EndpointForm),
            created_by_id=ctx.require_user().id,
            allow_http=ctx.settings.webhooks_allow_http,
            allow_private=ctx.settings.webhooks_allow_private,
        )
    except FormErrors as problem:
        return _list_page(ctx, hub, ctx.form_dict(), chosen, problem.errors)
    return _secret_page(ctx, hub, endpoint, rotated=False)


@page(write=True)
def rotate(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    endpoint = _endpoint(ctx, hub)
    services.rotate_secret(ctx.session, endpoint)
    return _secret_page(ctx, hub, endpoint, rotated=True)


@page(write=True)
def set_state(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    endpoint = _endpoint(ctx, hub)
    try:
        action = ctx.parse_form(EndpointStateForm).action
    except FormErrors as problem:
        return _list_page(ctx, hub, {}, list(EVENT_TYPES), problem.errors)
    if action == "enable":
        services.enable(ctx.session, endpoint)
    else:
        person = ctx.require_user()
        services.disable(ctx.session, endpoint.id or 0, f"Disabled by {person.display_name}.")
    return redirect(ctx.path("hub_webhooks", hub=hub.slug), notice=f"webhook-{action}d")


@page(write=True)
def delete(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    services.delete(ctx.session, _endpoint(ctx, hub))
    return redirect(ctx.path("hub_webhooks", hub=hub.slug), notice="webhook-deleted")


@page(write=True)
def send_test(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    endpoint = _endpoint(ctx, hub)
    page_path = ctx.path("hub_webhook_deliveries", hub=hub.slug, endpoint_id=endpoint.id)
    if not services.send_test(ctx.session, endpoint, hub=hub.slug, page_path=page_path):
        key = f"endpoint-{endpoint.id}"
        return _list_page(
            ctx,
            hub,
            {},
            list(EVENT_TYPES),
            {key: "It is disabled: enable it before sending a test event."},
            {key: endpoint.url},
        )
    return redirect(page_path, notice="webhook-test-queued")


def _deliveries_page(
    ctx: Context,
    hub: Hub,
    endpoint: WebhookEndpoint,
    errors: dict[str, str] | None = None,
    labels: dict[str, str] | None = None,
) -> Response:
    log: list[WebhookDelivery] = list(services.deliveries_of(ctx.session, endpoint.id or 0))
    return render(
        ctx,
        "webhooks/deliveries.html",
        {
            "hub": hub,
            "endpoint": endpoint,
            "deliveries": log,
            "badges": STATE_BADGES,
            "limit": services.LOG_LIMIT,
            "errors": errors or {},
            "labels": labels or {},
        },
        status_code=422 if errors else 200,
    )


@page()
def deliveries(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    return _deliveries_page(ctx, hub, _endpoint(ctx, hub))


@page(write=True)
def redeliver(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    endpoint = _endpoint(ctx, hub)
    delivery = ctx.session.get(WebhookDelivery, ctx.request.path_params["delivery_id"])
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise not_found()
    if not endpoint.enabled:
        key = f"delivery-{delivery.id}"
        errors = {key: "The endpoint is disabled: enable it before redelivering."}
        return _deliveries_page(ctx, hub, endpoint, errors, {key: delivery.event_id})
    done = services.redeliver(ctx.session, endpoint, delivery.id or 0)
    return redirect(
        ctx.path("hub_webhook_deliveries", hub=hub.slug, endpoint_id=endpoint.id),
        notice="webhook-redelivered" if done else "webhook-not-failed",
    )


routes = [
    Route("/hubs/{hub:slug}/webhooks", endpoints, methods=["GET", "POST"], name="hub_webhooks"),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/secret",
        rotate,
        methods=["POST"],
        name="hub_webhook_rotate",
    ),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/state",
        set_state,
        methods=["POST"],
        name="hub_webhook_state",
    ),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/delete",
        delete,
        methods=["POST"],
        name="hub_webhook_delete",
    ),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/test",
        send_test,
        methods=["POST"],
        name="hub_webhook_test",
    ),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/deliveries",
        deliveries,
        name="hub_webhook_deliveries",
    ),
    Route(
        "/hubs/{hub:slug}/webhooks/{endpoint_id:id}/deliveries/{delivery_id:id}/redeliver",
        redeliver,
        methods=["POST"],
        name="hub_webhook_redeliver",
    ),
]
