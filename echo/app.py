"""The ASGI application: routes, middleware, templates and the database, from settings."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, MutableMapping
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from echo import housekeeping, metrics, migrate, phi
from echo.accounts import email_views, notification_views, sso, sso_views, token_views
from echo.accounts import services as account_services
from echo.accounts import views as account_views
from echo.api import views as api_views
from echo.api.kit import http_problem as api_problem
from echo.attendance import views as attendance_views
from echo.calendar import views as calendar_views
from echo.calendar.subscribe import subscription
from echo.cases import views as case_views
from echo.cme import services as cme_services
from echo.cme import views as cme_views
from echo.consult import directory_views, practice_views
from echo.consult import views as consult_views
from echo.db import Database
from echo.logs import RequestIdMiddleware
from echo.notify import views as mail_views
from echo.notify.worker import start_in_process_worker
from echo.outcomes import views as outcome_views
from echo.pages import admin as admin_views
from echo.pages import home as home_pages
from echo.pages import sessions as session_pages
from echo.programs import (
    curricula,
    hub_views,
    material_views,
    service_token_views,
    session_views,
    toolkit_views,
    webhook_views,
)
from echo.programs import views as program_views
from echo.security.csrf import CSRFMiddleware
from echo.security.headers import SecurityHeadersMiddleware
from echo.security.passwords import Passwords
from echo.settings import PROJECT_ROOT, Settings, load_settings
from echo.timeutil import format_date, format_in_zone
from echo.web.nav import NavLinks
from echo.web.params import (
    EARLIEST_DATE,
    FormErrors,
    date_window_hint,
    field_label,
    latest_date,
)
from echo.web.routing import PathsOf

TEMPLATES_DIR = PROJECT_ROOT / "templates"


def _csrf_exempt(path: str) -> bool:
    """POSTs that carry their own authority instead of a session's CSRF token: Zoom signs
    its webhooks (echo.attendance.zoom); one-click unsubscribe links are signed tokens
    posted by mail clients (RFC 8058)."""
    return path == "/webhooks/zoom" or path.startswith("/unsubscribe/")


def _stateless(path: str) -> bool:
    """Paths that use no cookies: the JSON API (bearer tokens only; its reference page is
    an ordinary page) and the health checks."""
    return (path.startswith("/api/") and path != "/api/v1/docs") or path in {
        "/healthz",
        "/readyz",
        "/metrics",
    }


STATIC_DIR = PROJECT_ROOT / "static"
HTMX_FILE = "htmx-2.0.11.min.js"

ERROR_TEXT = {
    400: ("That request could not be read", "Go back, reload the page and try again."),
    403: (
        "You do not have access to this page",
        "Ask the hub's coordinator if you think you should.",
    ),
    404: ("Page not found", "The address may be mistyped, or the page is not available to you."),
    405: ("That action is not possible here", "Go back and use the page's buttons."),
    413: ("That is too large", "Send a smaller file, or less text at once."),
    422: ("Some values could not be used", "Go back, correct them and try again."),
    500: (
        "Something went wrong on our side",
        "Nothing you did caused this. Try again in a minute.",
    ),
}


class PageEnvironment(Environment):
    """Jinja's environment, with each template's globals in one plain dict.

    Jinja chains a template's globals onto the environment's (a ChainMap) and walks that
    chain in Python on every render and every ``{% from ... import %}``: about a tenth of
    the program page's time. Echo sets every global in create_app, before any template
    is loaded, and never after, as Jinja asks ("avoid modifying any globals after a
    template is loaded"), so a copy holds the same names (tests/test_templates_globals.py).
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


def make_jinja() -> Environment:
    env = PageEnvironment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates are read once per process; restart to pick up edits
    )
    env.globals["htmx_file"] = HTMX_FILE
    # Date fields say their window next to them and tell the browser (echo.web.params).
    env.globals["date_window_hint"] = date_window_hint
    env.globals["date_limits"] = lambda: Markup(  # noqa: S704 - two ISO dates, no user text
        f'min="{EARLIEST_DATE.isoformat()}" max="{latest_date().isoformat()}"'
    )
    env.filters["in_zone"] = format_in_zone
    env.filters["long_date"] = format_date  # a calendar date: "31 December 2026"
    env.filters["field_label"] = field_label
    return env


async def healthz(_request: Request) -> Response:
    """Liveness: the process answers (no database needed)."""
    return PlainTextResponse("ok")


def _readiness(request: Request) -> tuple[bool, str]:
    database: Database = request.app.state.database
    try:
        current = migrate.current_revision(database.engine)
    except Exception as problem:  # any failure to reach the database means not ready
        return False, f"database unreachable: {type(problem).__name__}"
    head = migrate.head_revision()
    if current != head:
        return False, f"database at revision {current}, the code needs {head}"
    return True, f"ok: database reachable, migrations current ({head})"


async def readyz(request: Request) -> Response:
    """Readiness for a load balancer: the database answers and is migrated to this code's
    revision (a process started before `echo-lms db upgrade` finished is not ready)."""
    ready, text = await run_in_threadpool(_readiness, request)
    return PlainTextResponse(text, status_code=200 if ready else 503)


def _error_page(
    request: Request, status_code: int, problems: dict[str, str] | None = None
) -> HTMLResponse:
    env: Environment = request.app.state.jinja
    title, hint = ERROR_TEXT.get(status_code, ERROR_TEXT[500])
    html = env.get_template("error.html").render(
        request=request,
        current_path=request.scope["path"],
        title=title,
        hint=hint,
        problems=problems or {},
        status_code=status_code,
        user=None,
    )
    return HTMLResponse(html, status_code=status_code)


async def unusable_input(request: Request, exc: Exception) -> Response:
    """Input a view did not expect to fail (its page shows errors next to the fields):
    still a 422 saying what was wrong, never a 500."""
    problems = exc.errors if isinstance(exc, FormErrors) else {}
    return _error_page(request, 422, problems)


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    if _stateless(request.url.path) and request.url.path.startswith("/api/"):
        return api_problem(status)  # the API answers problem details, never a page
    return _error_page(request, status)


async def server_error(request: Request, _exc: Exception) -> Response:
    return _error_page(request, 500)


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or load_settings()
    settings.check_production()
    _ = settings.secret  # fail at start-up, not on the first request, if there is none

    database = Database(settings)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        # Requests run in threads no more than the database pool has connections for
        # (echo.db.pool_options): past that they queue here, not for a pool's 30-second
        # timeout that answers 500.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.db_pool_size
        # `make run` delivers mail from a thread of the web process (one worker); in
        # production `echo-lms worker` runs as its own service.
        stop_worker = (
            start_in_process_worker(database, settings, housekeeping.tick(database, settings))
            if settings.worker_in_process
            else None
        )
        # What start-up loaded (modules, templates, metadata: about 230,000 objects; the
        # PHI guard's word lists and models, read now rather than by the first scan) stays
        # out of later full garbage collections, which otherwise walk it all and pause a
        # request by over 100 ms (bench/consult_queue.py; a PHI scan by some 12 ms).
        phi.load()
        gc.collect()
        gc.freeze()
        yield
        if stop_worker is not None:
            stop_worker.set()
        database.dispose()

    routes = [
        Route("/healthz", healthz, name="healthz"),
        Route("/readyz", readyz, name="readyz"),
        Route("/metrics", metrics.metrics, name="metrics"),
        Mount("/static", app=StaticFiles(directory=STATIC_DIR), name="static"),
        *home_pages.routes,
        *program_views.routes,
        *account_views.routes,
        *email_views.routes,
        *notification_views.routes,
        *token_views.routes,
        *sso_views.routes,
        *hub_views.routes,
        *webhook_views.routes,
        *service_token_views.routes,
        *session_views.routes,
        *session_pages.routes,
        *material_views.routes,
        *calendar_views.routes,
        *toolkit_views.routes,
        *case_views.routes,
        *attendance_views.routes,
        *cme_views.routes,
        *outcome_views.routes,
        *practice_views.routes,
        *consult_views.routes,
        *directory_views.routes,
        *api_views.routes,
        *mail_views.routes,
        *admin_views.routes,
    ]
    middleware = [
        Middleware(RequestIdMiddleware),
        Middleware(metrics.RequestTimer),
        Middleware(
            SecurityHeadersMiddleware,
            https=settings.uses_https,
            session_cookie_name=settings.session_cookie_name,
        ),
        Middleware(CSRFMiddleware, settings=settings, exempt=_csrf_exempt, stateless=_stateless),
    ]
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={
            HTTPException: http_error,
            FormErrors: unusable_input,
            500: server_error,
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    # Single sign-on providers (echo.accounts.sso): read once, a bad file stops the start.
    app.state.sso_providers = sso.load_providers(settings, os.environ)
    app.state.logins = account_services  # how a login cookie becomes a person (web kit)
    # What domains above programs add to a program's page (echo.programs.services.ProgramFact).
    app.state.program_facts = (cme_services.CREDIT_OFFER,)
    app.state.jinja = make_jinja()
    # Templates name routes instead of writing paths out: {{ path_for("session", session_id=7) }}
    app.state.paths = PathsOf(app)
    app.state.jinja.globals["path_for"] = app.state.paths
    app.state.jinja.globals["nav_link"] = NavLinks(app.state.jinja, app.state.paths)
    # "Add to calendar": one-click subscriptions to a feed, by its route and parameters.
    # The path from PathsOf too: app.url_path_for tries every route in turn.
    app.state.jinja.globals["subscribe_to"] = lambda name, title, **params: subscription(
        settings.base_url.rstrip("/") + app.state.paths(name, **params), title
    )
    app.state.passwords = Passwords(settings.argon2_time_cost, settings.argon2_memory_kib)
    app.state.toolkits = curricula.toolkits()
    return app
