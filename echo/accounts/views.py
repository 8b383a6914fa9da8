"""Sign up, log in, log out, profile and password."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import services
from echo.accounts.models import CREDENTIALS, PROFESSIONS, US_STATES, User
from echo.calendar import feeds
from echo.forms import FormErrors
from echo.mail import messages
from echo.timeutil import time_zone_choices
from echo.web import Context, client_address, page, redirect, render, safe_next


def _feed_url(ctx: Context, user: User) -> str:
    return f"{ctx.settings.base_url}/calendar/{feeds.personal_token(ctx.settings.secret, user)}.ics"


def _choices() -> dict[str, object]:
    return {
        "credential_choices": CREDENTIALS,
        "profession_choices": PROFESSIONS,
        "state_choices": US_STATES,
        "time_zone_choices": time_zone_choices(),
    }


def _set_login_cookie(ctx: Context, response: Response, started: services.StartedLogin) -> None:
    response.set_cookie(
        ctx.settings.session_cookie_name,
        started.cookie_value,
        max_age=started.max_age_seconds,
        path="/",
        httponly=True,
        samesite="lax",
        secure=ctx.settings.uses_https,
    )


@page(write=True)
def signup(ctx: Context) -> Response:
    if ctx.user is not None:
        return redirect("/me/programs")
    values: dict[str, str] = {"time_zone": "America/New_York"}
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            user = services.create_user(
                ctx.session,
                ctx.passwords,
                email=values.get("email", ""),
                password=values.get("password", ""),
                profile=values,
            )
        except FormErrors as problem:
            errors = problem.errors
        else:
            messages.send(ctx.session, messages.verification(ctx.settings, user))
            started = services.start_login(
                ctx.session,
                ctx.settings,
                user,
                user_agent=ctx.request.headers.get("user-agent", ""),
            )
            response = redirect(safe_next(values.get("next"), "/me/programs"), notice="signed-up")
            _set_login_cookie(ctx, response, started)
            return response
    values.pop("password", None)  # never sent back into the page
    return render(
        ctx,
        "accounts/signup.html",
        {
            "values": values,
            "errors": errors,
            "next": ctx.request.query_params.get("next", ""),
            **_choices(),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def login(ctx: Context) -> Response:
    next_url = safe_next(ctx.field("next") or ctx.request.query_params.get("next"), "/me/programs")
    error = ""
    email = ""
    if ctx.request.method == "POST":
        email = ctx.field("email")
        try:
            user = services.authenticate(
                ctx.session,
                ctx.settings,
                ctx.passwords,
                email=email,
                password=ctx.field("password"),
                client=client_address(ctx.request, ctx.settings),
            )
        except services.LoginRefused as refused:
            error = refused.message
        else:
            if ctx.login is not None:
                services.end_login(ctx.session, ctx.login.session_id)
            started = services.start_login(
                ctx.session,
                ctx.settings,
                user,
                user_agent=ctx.request.headers.get("user-agent", ""),
            )
            response = redirect(next_url, notice="logged-in")
            _set_login_cookie(ctx, response, started)
            return response
    return render(
        ctx,
        "accounts/login.html",
        {"email": email, "error": error, "next": next_url},
        status_code=401 if error else 200,
    )


@page(write=True)
def logout(ctx: Context) -> Response:
    if ctx.login is not None:
        services.end_login(ctx.session, ctx.login.session_id)
    response = redirect("/", notice="logged-out")
    response.delete_cookie(
        ctx.settings.session_cookie_name, path="/", secure=ctx.settings.uses_https, httponly=True
    )
    return response


@page(write=True)
def profile(ctx: Context) -> Response:
    user = ctx.require_user_record()
    errors: dict[str, str] = {}
    values: dict[str, str] = {
        field: str(getattr(user, field) or "") for field in services.PROFILE_FIELDS
    }
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            services.update_profile(ctx.session, user, values)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect("/me/profile", notice="profile-saved")
    return render(
        ctx,
        "accounts/profile.html",
        {
            "values": values,
            "errors": errors,
            "password_errors": {},
            "feed_url": _feed_url(ctx, user),
            **_choices(),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def change_password(ctx: Context) -> Response:
    user = ctx.require_user_record()
    try:
        services.change_password(
            ctx.session,
            ctx.passwords,
            user,
            current=ctx.field("current_password"),
            new=ctx.field("new_password"),
        )
    except FormErrors as problem:
        values = {field: str(getattr(user, field) or "") for field in services.PROFILE_FIELDS}
        return render(
            ctx,
            "accounts/profile.html",
            {
                "values": values,
                "errors": {},
                "password_errors": problem.errors,
                "feed_url": _feed_url(ctx, user),
                **_choices(),
            },
            status_code=422,
        )
    started = services.start_login(
        ctx.session, ctx.settings, user, user_agent=ctx.request.headers.get("user-agent", "")
    )
    response = redirect("/me/profile", notice="password-changed")
    _set_login_cookie(ctx, response, started)
    return response


routes = [
    Route("/signup", signup, methods=["GET", "POST"], name="signup"),
    Route("/login", login, methods=["GET", "POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
    Route("/me/profile", profile, methods=["GET", "POST"], name="profile"),
    Route("/me/password", change_password, methods=["POST"], name="change_password"),
]
