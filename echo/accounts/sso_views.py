"""Single sign-on pages: start a sign-in at an OpenID provider, take its answer, and the
person's own links (``/me/sso``). The rules are in echo.accounts.sso."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import services, sso
from echo.accounts.forms import SsoCallbackQuery
from echo.accounts.models import User
from echo.accounts.views import login_page, next_of, sign_in
from echo.timeutil import utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render, safe_next
from echo.web.params import FormErrors

add_notices(
    {
        "sso-welcome": "Welcome to Echo. Your account is ready: add your profession and "
        "practice below, so hubs and your CME certificates have them.",
        "sso-linked": "The sign-in is linked: you can use it to sign in to Echo from now on.",
        "sso-unlinked": "The sign-in is removed: it no longer signs you in to Echo.",
    }
)

# The browser's half of a sign-in: its hash is kept with the attempt, so a callback opened in
# another browser (a link someone was sent) is refused.
ATTEMPT_COOKIE_SECONDS = int(sso.ATTEMPT_LIFETIME.total_seconds())


def _cookie_name(ctx: Context) -> str:
    # RFC 6265bis "__Host-" prefix over https, as the login cookie.
    return "__Host-echo_sso" if ctx.settings.uses_https else "echo_sso"


def providers_of(ctx: Context) -> Mapping[str, sso.Provider]:
    providers: Mapping[str, sso.Provider] = getattr(ctx.request.app.state, "sso_providers", {})
    return providers


def _provider(ctx: Context) -> sso.Provider:
    found = providers_of(ctx).get(ctx.request.path_params["provider"])
    if found is None:
        raise not_found()
    return found


def _redirect_uri(ctx: Context, provider: sso.Provider) -> str:
    return ctx.settings.base_url + ctx.path("sso_callback", provider=provider.name)


def _start(ctx: Context, provider: sso.Provider, next_path: str, user_id: int | None) -> Response:
    browser = secrets.token_urlsafe(32)
    try:
        url = sso.begin(
            ctx.session,
            provider,
            redirect_uri=_redirect_uri(ctx, provider),
            browser_secret=browser,
            next_path=next_path,
            user_id=user_id,
            now=utcnow(),
        )
    except sso.SsoError as problem:
        return login_page(ctx, error=problem.message, next_url=next_path, status_code=503)
    response = redirect(url)
    response.set_cookie(
        _cookie_name(ctx),
        browser,
        max_age=ATTEMPT_COOKIE_SECONDS,
        path="/",
        httponly=True,
        samesite="lax",  # sent on the provider's top-level redirect back to the callback
        secure=ctx.settings.uses_https,
    )
    return response


@page(writes_on_get=True)
def start(ctx: Context) -> Response:
    """Send the browser to the provider (a GET: it changes nothing a person owns; the
    callback is what the state protects)."""
    provider = _provider(ctx)
    return _start(ctx, provider, safe_next(next_of(ctx), ""), None)


@page(writes_on_get=True)
def link(ctx: Context) -> Response:
    """A signed-in person links a provider to their account from /me/sso."""
    user = ctx.require_user()
    provider = _provider(ctx)
    return _start(ctx, provider, ctx.path("sso_links"), user.id)


@page(writes_on_get=True)
def callback(ctx: Context) -> Response:
    provider = _provider(ctx)
    try:
        query = ctx.parse_query(SsoCallbackQuery)
        outcome = sso.finish(
            ctx.session,
            provider,
            sso.Callback(query.state, query.code, query.error, query.iss),
            redirect_uri=_redirect_uri(ctx, provider),
            browser_secret=ctx.request.cookies.get(_cookie_name(ctx), ""),
            signed_in_user_id=ctx.user.id if ctx.user is not None else None,
            now=utcnow(),
        )
    except (sso.SsoError, FormErrors) as problem:
        message = problem.message if isinstance(problem, sso.SsoError) else sso.STALE
        response: Response = login_page(ctx, error=message, next_url="", status_code=400)
    else:
        if outcome.link_only:
            response = redirect(ctx.path("sso_links"), notice="sso-linked")
        else:
            if ctx.login is not None:  # a new login session, as a password login starts
                services.end_login(ctx.session, ctx.login.session_id)
            if outcome.created:
                response = redirect(ctx.path("profile"), notice="sso-welcome")
            else:
                target = safe_next(outcome.next_path, ctx.path("home"))
                response = redirect(target, notice="logged-in")
            sign_in(ctx, response, outcome.user)
    response.delete_cookie(
        _cookie_name(ctx), path="/", secure=ctx.settings.uses_https, httponly=True
    )
    return response


def _links_page(ctx: Context, user: User, error: str = "", status_code: int = 200) -> Response:
    providers = providers_of(ctx)
    links = sso.links_of(ctx.session, user.id or 0)
    rows: list[dict[str, Any]] = [
        {
            "link": found,
            "label": providers[found.provider].label
            if found.provider in providers
            else found.provider,
        }
        for found in links
    ]
    linked = {found.provider for found in links}
    return render(
        ctx,
        "accounts/sso.html",
        {
            "rows": rows,
            "may_remove": sso.removable(user, links),
            "has_password": sso.has_usable_password(user),
            "to_link": [
                button
                for button in sso.buttons(ctx.session, providers)
                if button.name not in linked
            ],
            "error": error,
        },
        status_code=status_code,
        private=True,
    )


@page()
def links(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    return _links_page(ctx, user)


@page(write=True)
def remove(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    try:
        removed = sso.remove_link(ctx.session, user, ctx.request.path_params["link_id"])
    except sso.LastWayIn:
        return _links_page(
            ctx,
            user,
            error="This is the only way you sign in to Echo, so it stays. Set a password "
            "first (Reset it by email from the login page), then remove it.",
            status_code=409,
        )
    if not removed:
        raise not_found()
    return redirect(ctx.path("sso_links"), notice="sso-unlinked")


routes = [
    Route("/login/sso/{provider:slug}", start, methods=["GET"], name="sso_start"),
    Route("/login/sso/{provider:slug}/callback", callback, methods=["GET"], name="sso_callback"),
    Route("/me/sso", links, methods=["GET"], name="sso_links"),
    Route("/me/sso/{provider:slug}/link", link, methods=["GET"], name="sso_link"),
    Route("/me/sso/{link_id:id}/remove", remove, methods=["POST"], name="sso_link_remove"),
]
