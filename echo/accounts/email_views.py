"""Email verification and password reset: single-purpose signed links sent by email."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import services
from echo.accounts.models import User
from echo.forms import FormErrors
from echo.mail import messages
from echo.security import tokens
from echo.timeutil import utcnow
from echo.web import Context, page, redirect, render


@page(write=True, writes_on_get=True)
def verify_email(ctx: Context) -> Response:
    """The link in the welcome email; it also checks the address has not changed since."""
    try:
        claims = tokens.verify(
            ctx.settings.secret, ctx.request.path_params["token"], purpose=messages.VERIFY_PURPOSE
        )
    except tokens.InvalidToken:
        return render(ctx, "accounts/link_invalid.html", {"what": "confirmation"}, status_code=400)
    user = ctx.session.get(User, int(claims["sub"]))
    if user is None or user.email != claims.get("email"):
        return render(ctx, "accounts/link_invalid.html", {"what": "confirmation"}, status_code=400)
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        ctx.session.add(user)
    return redirect("/me/profile" if ctx.user else "/login", notice="email-verified")


@page(write=True)
def request_reset(ctx: Context) -> Response:
    """Ask for a reset link. The answer is the same whether the address has an account or
    not, so the page cannot be used to find out who uses Echo."""
    values: dict[str, str] = {}
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        user = services.user_by_email(ctx.session, values.get("email", ""))
        if user is not None and user.is_active:
            messages.send(ctx.session, messages.password_reset(ctx.settings, user))
        return render(ctx, "accounts/reset_sent.html", {"email": values.get("email", "")})
    return render(ctx, "accounts/reset_request.html", {"values": values, "errors": {}})


@page(write=True)
def reset_password(ctx: Context) -> Response:
    token = ctx.request.path_params["token"]
    user = _reset_user(ctx, token)
    if user is None:
        return render(ctx, "accounts/link_invalid.html", {"what": "reset"}, status_code=400)
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        try:
            services.set_password(ctx.session, ctx.passwords, user, ctx.field("password"))
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect("/login", notice="password-reset")
    return render(
        ctx,
        "accounts/reset_form.html",
        {"token": token, "errors": errors, "email": user.email},
        status_code=422 if errors else 200,
    )


def _reset_user(ctx: Context, token: str) -> User | None:
    """The account of a valid, unused reset link: it names the password it replaces, so it
    stops working once the password changes (single use), and after one hour."""
    try:
        claims = tokens.verify(ctx.settings.secret, token, purpose=messages.RESET_PURPOSE)
    except tokens.InvalidToken:
        return None
    user = ctx.session.get(User, int(claims["sub"]))
    if user is None or claims.get("pw") != messages.password_fingerprint(user):
        return None
    return user


routes = [
    Route("/verify-email/{token}", verify_email, name="verify_email"),
    Route("/password-reset", request_reset, methods=["GET", "POST"], name="password_reset"),
    Route(
        "/password-reset/{token}",
        reset_password,
        methods=["GET", "POST"],
        name="password_reset_form",
    ),
]
