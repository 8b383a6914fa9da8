"""The personal API token page: a person's tokens, a new one (shown once), revoking one."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import api_tokens
from echo.accounts.forms import TokenForm
from echo.timeutil import utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors

add_notices(
    {
        "api-token-revoked": "The token is revoked: requests that send it are refused from now on.",
    }
)

TOKEN_LABELS = {"name": "Name", "write": "May write", "hub": "Hub", "days": "Lasts (days)"}


def _tokens_page(
    ctx: Context, user_id: int, values: dict[str, str], errors: dict[str, str]
) -> Response:
    now = utcnow()
    tokens = api_tokens.tokens_of(ctx.session, user_id)
    names = api_tokens.hub_names(ctx.session, [t.hub_id for t in tokens if t.hub_id is not None])
    rows: list[dict[str, Any]] = [
        {
            "token": token,
            "scopes": api_tokens.scope_words(token),
            "hub": names.get(token.hub_id, "") if token.hub_id is not None else "",
            "state": api_tokens.state(token, now),
        }
        for token in tokens
    ]
    return render(
        ctx,
        "accounts/tokens.html",
        {
            "rows": rows,
            "hub_choices": [(str(h.id), h.name) for h in api_tokens.hubs_of(ctx.session, user_id)],
            "values": values,
            "errors": errors,
            "labels": TOKEN_LABELS,
            "max_days": api_tokens.MAX_DAYS,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def tokens(ctx: Context) -> Response:
    user = ctx.require_user()
    if ctx.request.method != "POST":
        return _tokens_page(ctx, user.id, {"days": str(api_tokens.DEFAULT_DAYS)}, {})
    try:
        form = ctx.parse_form(TokenForm)
        token, text = api_tokens.create(
            ctx.session,
            user_id=user.id,
            name=form.name,
            write=form.write,
            hub_id=form.hub,
            days=form.days,
            now=utcnow(),
        )
    except FormErrors as problem:
        return _tokens_page(ctx, user.id, ctx.form_dict(), problem.errors)
    # Shown once, on this answer to the POST (never a redirect to a page that could show
    # it again), and never stored by any cache.
    return render(
        ctx,
        "accounts/token_created.html",
        {
            "token": token,
            "text": text,
            "scopes": api_tokens.scope_words(token),
            "hub": api_tokens.hub_names(ctx.session, [token.hub_id]).get(token.hub_id, "")
            if token.hub_id is not None
            else "",
        },
        private=True,
    )


@page(write=True)
def revoke(ctx: Context) -> Response:
    user = ctx.require_user()
    if not api_tokens.revoke(
        ctx.session, user_id=user.id, token_id=ctx.request.path_params["token_id"], now=utcnow()
    ):
        raise not_found()
    return redirect(ctx.path("api_tokens"), notice="api-token-revoked")


routes = [
    Route("/me/tokens", tokens, methods=["GET", "POST"], name="api_tokens"),
    Route("/me/tokens/{token_id:id}/revoke", revoke, methods=["POST"], name="api_token_revoke"),
]
