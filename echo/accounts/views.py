"""Sign up, log in, log out, profile and password."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import calendar_tokens, notifications, services, sso
from echo.accounts.forms import (
    LoginForm,
    NextQuery,
    PasswordChangeForm,
    ProfileForm,
    SignupForm,
)
from echo.accounts.models import (
    CREDENTIALS,
    PRACTICE_SETTINGS,
    PRACTICE_TYPES,
    PROFESSIONS,
    US_STATES,
    User,
)
from echo.notify import messages
from echo.timeutil import time_zone_choices
from echo.web.context import Context, client_address, page, redirect, render, safe_next
from echo.web.params import FormErrors


def _choices() -> dict[str, object]:
    return {
        "credential_choices": CREDENTIALS,
        "profession_choices": PROFESSIONS,
        "state_choices": US_STATES,
        "practice_setting_choices": PRACTICE_SETTINGS,
        "practice_type_choices": PRACTICE_TYPES,
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
        return redirect(ctx.path("home"))
    values: dict[str, str] = {"time_zone": "America/New_York"}
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            form = ctx.parse_form(SignupForm)
            result = services.sign_up(ctx.session, ctx.passwords, form)
        except FormErrors as problem:
            errors = problem.errors
        else:
            # The same answer whether the address was new or not (no account enumeration);
            # only the email differs.
            if result.is_new:
                messages.send(ctx.session, notifications.verification(ctx.settings, result.user))
            else:
                messages.send(ctx.session, notifications.sign_up_attempt(ctx.settings, result.user))
            return render(ctx, "accounts/signup_sent.html", {"email": form.email})
    values.pop("password", None)  # never sent back into the page
    return render(
        ctx,
        "accounts/signup.html",
        {
            "values": values,
            "errors": errors,
            "next": next_of(ctx),
            # a first visit starts at the browser's zone (static/js/timezone.js)
            "zone_guess": ctx.request.method == "GET",
            **_choices(),
        },
        status_code=422 if errors else 200,
    )


def next_of(ctx: Context) -> str:
    try:
        return ctx.parse_query(NextQuery).next
    except FormErrors:
        return ""


@page(write_late=True)
def login(ctx: Context) -> Response:
    next_url = safe_next(next_of(ctx), ctx.path("home"))
    error = ""
    email = ""
    if ctx.request.method == "POST":
        try:
            form = ctx.parse_form(LoginForm)
        except FormErrors:
            form = LoginForm(email="", password="")
        email = form.email
        next_url = safe_next(form.next or next_of(ctx), ctx.path("home"))
        try:
            with ctx.reading() as reader:
                attempt = services.begin_login(
                    reader, email=form.email, client=client_address(ctx.request, ctx.settings)
                )
            check = services.check_password(ctx.passwords, attempt, form.password)
            user = services.finish_login(ctx.session, ctx.settings, attempt, check)
        except services.LoginRefused as refused:
            error = refused.message
            if refused.unconfirmed is not None:
                message = notifications.verification(ctx.settings, refused.unconfirmed, resent=True)
                messages.send(ctx.session, message)
        else:
            if ctx.login is not None:
                services.end_login(ctx.session, ctx.login.session_id)
            response = redirect(next_url, notice="logged-in")
            sign_in(ctx, response, user)
            return response
    return login_page(
        ctx, email=email, error=error, next_url=next_url, status_code=401 if error else 200
    )


def login_page(
    ctx: Context, *, email: str = "", error: str = "", next_url: str = "", status_code: int = 200
) -> Response:
    """The login page: the password form and a button per single sign-on provider
    (echo.accounts.sso), with ``error`` at the top."""
    providers = getattr(ctx.request.app.state, "sso_providers", {})
    return render(
        ctx,
        "accounts/login.html",
        {
            "email": email,
            "error": error,
            "next": next_url,
            "sso_buttons": sso.buttons(ctx.session, providers) if providers else [],
        },
        status_code=status_code,
    )


def sign_in(ctx: Context, response: Response, user: User) -> None:
    """Start a login session for ``user`` and put its cookie on ``response``."""
    started = services.start_login(
        ctx.session, ctx.settings, user, user_agent=ctx.request.headers.get("user-agent", "")
    )
    _set_login_cookie(ctx, response, started)


@page(write=True)
def logout(ctx: Context) -> Response:
    if ctx.login is not None:
        services.end_login(ctx.session, ctx.login.session_id)
    response = redirect(ctx.path("home"), notice="logged-out")
    response.delete_cookie(
        ctx.settings.session_cookie_name, path="/", secure=ctx.settings.uses_https, httponly=True
    )
    return response


def _profile_values(user: User) -> dict[str, str]:
    return {field: str(getattr(user, field) or "") for field in services.PROFILE_FIELDS}


@page(write=True)
def profile(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    errors: dict[str, str] = {}
    values = _profile_values(user)
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            services.update_profile(ctx.session, user, ctx.parse_form(ProfileForm))
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(ctx.path("profile"), notice="profile-saved")
    return render(
        ctx,
        "accounts/profile.html",
        {
            "values": values,
            "errors": errors,
            "password_errors": {},
            "feed_token": calendar_tokens.personal_token(ctx.settings.secret, user),
            **_choices(),
        },
        status_code=422 if errors else 200,
        private=True,
    )


@page(write=True)
def change_password(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    try:
        form = ctx.parse_form(PasswordChangeForm)
        services.change_password(
            ctx.session,
            ctx.passwords,
            user,
            current=form.current_password,
            new=form.new_password,
        )
    except FormErrors as problem:
        return render(
            ctx,
            "accounts/profile.html",
            {
                "values": _profile_values(user),
                "errors": {},
                "password_errors": problem.errors,
                "feed_token": calendar_tokens.personal_token(ctx.settings.secret, user),
                **_choices(),
            },
            status_code=422,
            private=True,
        )
    response = redirect(ctx.path("profile"), notice="password-changed")
    sign_in(ctx, response, user)
    return response


routes = [
    Route("/signup", signup, methods=["GET", "POST"], name="signup"),
    Route("/login", login, methods=["GET", "POST"], name="login"),
    Route("/logout", logout, methods=["POST"], name="logout"),
    Route("/me/profile", profile, methods=["GET", "POST"], name="profile"),
    Route("/me/password", change_password, methods=["POST"], name="change_password"),
]
