"""A hub's API service tokens, for those who manage the hub (can_manage_hub; everyone else
gets 404): the list with when each was last used and who made and revoked it, a new one
(shown once), revoking one. The rules are echo.accounts.api_tokens; docs/api.md says what
a service token may do."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import api_tokens
from echo.accounts.forms import ServiceTokenForm
from echo.programs.loaders import load_managed_hub
from echo.programs.models import Hub
from echo.timeutil import utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors

add_notices(
    {
        "service-token-revoked": "The service token is revoked: requests that send it are "
        "refused from now on.",
    }
)

LABELS = {"name": "Name", "write": "May write", "days": "Lasts (days)"}


def _list_page(ctx: Context, hub: Hub, values: dict[str, str], errors: dict[str, str]) -> Response:
    now = utcnow()
    rows = [
        {
            "row": row,
            "scopes": api_tokens.scope_words(row.token),
            "state": api_tokens.state(row.token, now),
        }
        for row in api_tokens.service_token_rows(ctx.session, hub.id or 0)
    ]
    return render(
        ctx,
        "hubs/tokens.html",
        {
            "hub": hub,
            "rows": rows,
            "values": values,
            "errors": errors,
            "labels": LABELS,
            "max_days": api_tokens.MAX_DAYS,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def tokens(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    if ctx.request.method != "POST":
        return _list_page(ctx, hub, {"days": str(api_tokens.DEFAULT_DAYS)}, {})
    try:
        form = ctx.parse_form(ServiceTokenForm)
        token, text = api_tokens.create_service(
            ctx.session,
            hub_id=hub.id or 0,
            created_by_id=ctx.require_user().id,
            name=form.name,
            write=form.write,
            days=form.days,
            now=utcnow(),
        )
    except FormErrors as problem:
        return _list_page(ctx, hub, ctx.form_dict(), problem.errors)
    # Shown once, on this answer to the POST, and never stored by any cache.
    return render(
        ctx,
        "hubs/token_created.html",
        {"hub": hub, "token": token, "text": text, "scopes": api_tokens.scope_words(token)},
        private=True,
    )


@page(write=True)
def revoke(ctx: Context) -> Response:
    hub = load_managed_hub(ctx)
    if not api_tokens.revoke_service(
        ctx.session,
        hub_id=hub.id or 0,
        token_id=ctx.request.path_params["token_id"],
        revoked_by_id=ctx.require_user().id,
        now=utcnow(),
    ):
        raise not_found()
    return redirect(ctx.path("hub_tokens", hub=hub.slug), notice="service-token-revoked")


routes = [
    Route("/hubs/{hub:slug}/tokens", tokens, methods=["GET", "POST"], name="hub_tokens"),
    Route(
        "/hubs/{hub:slug}/tokens/{token_id:id}/revoke",
        revoke,
        methods=["POST"],
        name="hub_token_revoke",
    ),
]
