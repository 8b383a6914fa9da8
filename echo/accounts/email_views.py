"""Email verification and password reset: single-purpose signed links sent by email."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import notifications, services
from echo.accounts.forms import NewPasswordForm, ResetRequestForm
from echo.accounts.models import User
from echo.accounts.views import sign_in
from echo.notify import messages
from echo.security import tokens
from echo.web.context import Context, page, redirect, render
from echo.web.params import FormErrors, parse_id


@page(write=True, writes_on_get=True)
def verify_email(ctx: Context) -> Response:
    """The link in the confirmation email: it checks the address and password have not
    changed since, confirms the address and, for a sign-up, opens the account and signs
    the person in."""
    try:
        claims = tokens.verify(
            ctx.settings.secret,
            ctx.request.path_params["token"],
            purpose=tokens.Purpose.verify_email,
        )
    except tokens.InvalidToken:
        return render(ctx, "accounts/link_invalid.html", {"what": "confirmation"}, status_code=400)
    user = _token_user(ctx, claims)
    if (
        user is None
        or user.email != claims.get("email")
        or claims.get("pw", notifications.password_fingerprint(user))
        != notifications.password_fingerprint(user)
    ):
        return render(ctx, "accounts/link_invalid.html", {"what": "confirmation"}, status_code=400)
    opened = services.confirm_sign_up(ctx.session, user)
    if opened and ctx.user is None:
        response = redirect(ctx.path("home"), notice="signed-up")
        sign_in(ctx, response, user)
        return response
    return redirect(ctx.path("profile" if ctx.user else "login"), notice="email-verified")


def _token_user(ctx: Context, claims: dict[str, object]) -> User | None:
    user_id = parse_id(str(claims.get("sub", "")))
    return ctx.session.get(User, user_id) if user_id is not None else None


@page(write=True)
def request_reset(ctx: Context) -> Response:
    """Ask for a reset link. The answer is the same whether the address has an account or
    not, so the page cannot be used to find out who uses Echo."""
    if ctx.request.method == "POST":
        try:
            address = ctx.parse_form(ResetRequestForm).email
        except FormErrors as problem:
            return render(
                ctx,
                "accounts/reset_request.html",
                {"values": ctx.form_dict(), "errors": problem.errors},
                status_code=422,
            )
        user = services.user_by_email(ctx.session, address)
        if user is not None and user.is_active:
            messages.send(ctx.session, notifications.password_reset(ctx.settings, user))
        return render(ctx, "accounts/reset_sent.html", {"email": address})
    return render(ctx, "accounts/reset_request.html", {"values": {}, "errors": {}})


@page(write=True)
def reset_password(ctx: Context) -> Response:
    token = ctx.request.path_params["token"]
    user = _reset_user(ctx, token)
    if user is None:
        return render(ctx, "accounts/link_invalid.html", {"what": "reset"}, status_code=400)
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        try:
            new = ctx.parse_form(NewPasswordForm).password
            services.set_password(ctx.session, ctx.passwords, user, new)
        except FormErrors as problem:
            errors = problem.errors
        else:
            services.confirm_sign_up(ctx.session, user)  # the link proved the address
            return redirect(ctx.path("login"), notice="password-reset")
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
        claims = tokens.verify(ctx.settings.secret, token, purpose=tokens.Purpose.password_reset)
    except tokens.InvalidToken:
        return None
    user = _token_user(ctx, claims)
    if user is None or claims.get("pw") != notifications.password_fingerprint(user):
        return None
    return user


routes = [
    Route("/verify-email/{token:token}", verify_email, name="verify_email"),
    Route("/password-reset", request_reset, methods=["GET", "POST"], name="password_reset"),
    Route(
        "/password-reset/{token:token}",
        reset_password,
        methods=["GET", "POST"],
        name="password_reset_form",
    ),
]
