"""Which optional emails a person gets, and one-click unsubscribe links (RFC 8058)."""

from __future__ import annotations

from sqlmodel import Session, select
from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.forms import NotificationsForm
from echo.accounts.models import User
from echo.notify import messages
from echo.notify.models import NotificationPreference
from echo.security import tokens
from echo.timeutil import utcnow
from echo.web.context import Context, bad_request, page, redirect, render
from echo.web.params import FormErrors, parse_id


def set_preference(session: Session, user_id: int, category: str, enabled: bool) -> None:
    row = session.exec(
        select(NotificationPreference).where(
            NotificationPreference.user_id == user_id,
            NotificationPreference.category == category,
        )
    ).first() or NotificationPreference(user_id=user_id, category=category)
    row.enabled = enabled
    row.updated_at = utcnow()
    session.add(row)


@page(write=True)
def preferences(ctx: Context) -> Response:
    user = ctx.require_user()
    if ctx.request.method == "POST":
        try:
            chosen = set(ctx.parse_form(NotificationsForm).categories)
        except FormErrors:
            raise bad_request() from None  # only a forged form names a kind not offered
        for category in messages.CATEGORIES:
            set_preference(ctx.session, user.id, category, category in chosen)
        return redirect(ctx.path("notifications"), notice="preferences-saved")
    return render(
        ctx,
        "accounts/notifications.html",
        {
            "categories": messages.CATEGORIES,
            "enabled": {c for c in messages.CATEGORIES if messages.wants(ctx.session, user.id, c)},
        },
    )


@page(write=True)
def unsubscribe(ctx: Context) -> Response:
    """GET asks to confirm (mail scanners follow links); POST unsubscribes. A mail client's
    one-click POST carries no CSRF token: the signed link itself is the authority."""
    try:
        claims = tokens.verify(
            ctx.settings.secret,
            ctx.request.path_params["token"],
            purpose=tokens.Purpose.unsubscribe,
        )
    except tokens.InvalidToken:
        return render(ctx, "accounts/link_invalid.html", {"what": "unsubscribe"}, status_code=400)
    category = str(claims.get("cat", ""))
    user_id = parse_id(str(claims.get("sub", "")))
    user = ctx.session.get(User, user_id) if user_id is not None else None
    if user is None or category not in messages.CATEGORIES:
        return render(ctx, "accounts/link_invalid.html", {"what": "unsubscribe"}, status_code=400)
    done = ctx.request.method == "POST"
    if done:
        set_preference(ctx.session, user.id or 0, category, False)
    return render(
        ctx,
        "accounts/unsubscribe.html",
        {"label": messages.CATEGORIES[category], "done": done, "path": ctx.request.url.path},
    )


routes = [
    Route("/me/notifications", preferences, methods=["GET", "POST"], name="notifications"),
    Route("/unsubscribe/{token:token}", unsubscribe, methods=["GET", "POST"], name="unsubscribe"),
]
