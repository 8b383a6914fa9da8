"""What every view shares: the request context, rendering, redirects and errors.

Views are plain (synchronous) functions wrapped by :func:`page`. POSTs (which may
hash a password or wait for a write lock) and every request on a networked
database run in the thread pool, so they never stall the event loop. GETs on
SQLite run inline: WAL readers never wait for a lock and a local read takes
microseconds, less than the hand-off to a thread and its GIL contention.
The CSRF middleware has already read and checked any form, and leaves it on the
request for the view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import Any, Protocol, TypeVar
from urllib.parse import urlencode

from jinja2 import Environment
from sqlalchemy.engine import Connection
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from echo.db import Database
from echo.security import permissions as can
from echo.security.identity import ActiveLogin, Viewer
from echo.security.passwords import Passwords
from echo.security.permissions import ANONYMOUS, Principal
from echo.settings import Settings
from echo.web.params import Form
from echo.web.routing import PathsOf

F = TypeVar("F", bound=Form)
R = TypeVar("R")


class Logins(Protocol):
    """How a login cookie's claims become a person (``echo.accounts.services``, handed in by
    the app as ``app.state.logins``: the web kit sits below the domains)."""

    def active_login(
        self, connection: Connection, settings: Settings, claims: Mapping[str, object]
    ) -> ActiveLogin | None: ...

    def needs_touch(self, login: ActiveLogin) -> bool: ...

    def touch_login(self, session: Session, session_id: str) -> None: ...


class Context:
    """One request as a view sees it: who is asking, the database and the form.

    ``connection`` is a Core connection for the hot read paths (prebuilt queries);
    ``session`` is an ORM session on the same connection and transaction, made on
    first use, so a page that needs no ORM objects never pays for one. A ``write_late``
    view's write session (``open_write``) opens on first use of either.
    """

    def __init__(
        self,
        request: Request,
        connection: Connection | None,
        session: Session | None,
        principal: Principal,
        login: ActiveLogin | None,
        form: FormData | None,
        settings: Settings,
        open_write: Callable[[], Session] | None = None,
    ) -> None:
        self.request = request
        self._connection = connection
        self._session = session
        self._owns_session = False
        self._open_write = open_write
        self.principal = principal
        self.login = login
        self.form = form
        self.settings = settings

    @property
    def connection(self) -> Connection:
        if self._connection is None:
            self._connection = self.session.connection()
        return self._connection

    @property
    def session(self) -> Session:
        if self._session is None:
            if self._open_write is not None:
                self._session = self._open_write()
            else:
                self._session = Session(
                    bind=self.connection, expire_on_commit=False, autoflush=False
                )
                self._owns_session = True
        return self._session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A short read transaction of its own, closed on leaving: what a ``write_late``
        view reads before its slow part."""
        database: Database = self.request.app.state.database
        with database.read() as reader:
            yield reader

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session that commits: the request's own write session on a write POST, else a
        short write transaction beside the read-only request (audit entries of a GET)."""
        if self._session is not None and not self._owns_session:
            yield self._session
            return
        database: Database = self.request.app.state.database
        with database.write() as writer:
            yield writer

    def close(self) -> None:
        """Close the session made here; a write session is committed by its owner."""
        if self._owns_session and self._session is not None:
            self._session.close()

    @property
    def user(self) -> Viewer | None:
        return self.principal.user

    def require_user(self) -> Viewer:
        if self.principal.user is None:
            raise LoginRequired
        return self.principal.user

    def require_user_record(self, model: type[R]) -> R:
        """The signed-in person's own row (``model`` is the accounts' User table), for views
        that change it."""
        viewer = self.require_user()
        user = self.session.get(model, viewer.id)
        if user is None:
            raise LoginRequired
        return user

    def parse_form(self, form: type[F]) -> F:
        """The posted form, typed and checked (echo.web.params), or FormErrors."""
        return form.parse(self.form)

    def parse_query(self, form: type[F]) -> F:
        """The query string, typed and checked like a form, or FormErrors."""
        return form.parse(self.request.query_params)

    def form_dict(self) -> dict[str, str]:
        """The posted values as they came, to put back into a form shown again (never to
        act on: parse_form does that)."""
        if self.form is None:
            return {}
        return {key: value for key, value in self.form.items() if isinstance(value, str)}

    def path(self, name: str, **params: object) -> str:
        """The path of a named route (no path is written out by hand)."""
        paths: PathsOf = self.request.app.state.paths
        return paths(name, **params)

    @property
    def passwords(self) -> Passwords:
        passwords: Passwords = self.request.app.state.passwords
        return passwords


class LoginRequired(Exception):
    """Raised by views that need a signed-in person; answered with a redirect to /login."""


def page(
    *,
    write: bool = False,
    slow: bool = False,
    writes_on_get: bool = False,
    write_late: bool = False,
) -> Callable[[Callable[[Context], Response]], Callable[[Request], Any]]:
    """Wrap a view: load the principal, open a session; ``write`` views' POSTs get a write one.

    ``slow`` views (a PDF to draw) always run in the thread pool, never on the event loop.
    ``writes_on_get`` views (pages that append to an audit log when read) get a write
    session on GET too, so the audit entry shares the request's one connection (a second
    pooled connection per request could exhaust the pool under load).
    ``write_late`` views' POSTs hold no connection until they use ``ctx.session`` (a write
    session, committed at the end): they read first in ``ctx.reading()`` and then do slow
    work, such as checking a password, with no transaction open (login: a write lock or a
    pooled connection held through Argon2 queued every other login behind it).
    """

    def decorate(view: Callable[[Context], Response]) -> Callable[[Request], Any]:
        @functools.wraps(view)
        async def endpoint(request: Request) -> Response:
            if request.method == "POST":
                form = await request.form()
                try:
                    if write_late:
                        return await run_in_threadpool(_run_write_late, view, request, form)
                    return await run_in_threadpool(_run, view, request, form, write)
                finally:
                    await form.close()  # uploaded files are spooled to temporary files
            database: Database = request.app.state.database
            if writes_on_get:
                return await run_in_threadpool(_run, view, request, None, True)
            if database.reads_inline and not slow:
                return _run(view, request, None, False)
            return await run_in_threadpool(_run, view, request, None, False)

        return endpoint

    return decorate


def _run(
    view: Callable[[Context], Response], request: Request, form: FormData | None, write: bool
) -> Response:
    database: Database = request.app.state.database
    if write:
        with database.write() as session:
            return _serve(view, request, session.connection(), session, form)
    with database.read_connection() as connection:
        response, touch = _serve_read(view, request, connection, form)
    if touch is not None:
        # After the read connection is back in the pool: one request never holds two
        # (threads each waiting for a second connection exhausted the pool under load).
        logins: Logins = request.app.state.logins
        with database.write() as writer:
            logins.touch_login(writer, touch)
    return response


def _run_write_late(
    view: Callable[[Context], Response], request: Request, form: FormData | None
) -> Response:
    database: Database = request.app.state.database
    with database.read_connection() as connection:
        principal, login = _principal_of(request, connection)
    settings: Settings = request.app.state.settings
    with ExitStack() as opened:  # the write session, if opened, commits on leaving

        def open_write() -> Session:
            return opened.enter_context(database.write())

        ctx = Context(request, None, None, principal, login, form, settings, open_write)
        try:
            return view(ctx)
        except LoginRequired:
            return to_login(request)


def _serve_read(
    view: Callable[[Context], Response],
    request: Request,
    connection: Connection,
    form: FormData | None,
) -> tuple[Response, str | None]:
    """A read-only request: the response, and the login session to mark as seen (if its
    last-seen time is old enough to move)."""
    principal, login = _principal_of(request, connection)
    logins: Logins = request.app.state.logins
    touch = login.session_id if login is not None and logins.needs_touch(login) else None
    return _respond(view, request, connection, None, principal, login, form), touch


def _serve(
    view: Callable[[Context], Response],
    request: Request,
    connection: Connection,
    session: Session,
    form: FormData | None,
) -> Response:
    principal, login = _principal_of(request, connection)
    return _respond(view, request, connection, session, principal, login, form)


def _principal_of(request: Request, connection: Connection) -> tuple[Principal, ActiveLogin | None]:
    settings: Settings = request.app.state.settings
    claims = request.scope.get("state", {}).get("login_claims")
    return _load_principal(request.app.state.logins, connection, settings, claims)


def _respond(
    view: Callable[[Context], Response],
    request: Request,
    connection: Connection,
    session: Session | None,
    principal: Principal,
    login: ActiveLogin | None,
    form: FormData | None,
) -> Response:
    settings: Settings = request.app.state.settings
    ctx = Context(request, connection, session, principal, login, form, settings)
    try:
        return view(ctx)
    except LoginRequired:
        return to_login(request)
    finally:
        ctx.close()


def to_login(request: Request) -> RedirectResponse:
    """The login page, coming back here afterwards: what a page needing a signed-in
    person answers to someone who is not."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    login = request.app.url_path_for("login")
    return RedirectResponse(f"{login}?{urlencode({'next': target})}", status_code=303)


def _load_principal(
    logins: Logins,
    connection: Connection,
    settings: Settings,
    claims: Mapping[str, object] | None,
) -> tuple[Principal, ActiveLogin | None]:
    if not claims:
        return ANONYMOUS, None
    found = logins.active_login(connection, settings, claims)
    if found is None:
        return ANONYMOUS, None
    return Principal(user=found.viewer, hub_roles=found.hub_roles), found


def render(
    ctx: Context,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    private: bool = False,
) -> HTMLResponse:
    """The page from ``template``. ``private`` pages hold something that is the viewer's
    alone (their personal calendar feed's secret address): never stored by any cache, on
    top of the no-store every signed-in page gets (echo.security.headers)."""
    env: Environment = ctx.request.app.state.jinja
    notice = (
        NOTICES.get(ctx.request.query_params.get("notice", ""))
        if ctx.request.scope["query_string"]
        else None
    )
    values = {
        "request": ctx.request,
        "current_path": ctx.request.scope["path"],  # cheaper than building request.url
        "notice": notice,
        "principal": ctx.principal,
        # Permission flags the layout needs; pages pass their own (no rule in a template).
        "may_administer_site": can.can_administer_site(ctx.principal),
        "may_triage": can.triages_in_some_hub(ctx.principal),
        "may_view_cme": can.views_cme_in_some_hub(ctx.principal),
        "user": ctx.user,
        "csrf_token": ctx.request.scope["state"]["csrf_token"],
        "settings": ctx.settings,
        **(context or {}),
    }
    html = env.get_template(template).render(values)
    headers = {"Cache-Control": "private, no-store"} if private else None
    return HTMLResponse(html, status_code=status_code, headers=headers)


# Messages shown after a redirect, chosen by key so a link cannot put words on our pages.
NOTICES = {
    "signed-up": "Welcome to Echo. Your email address is confirmed and your account is ready.",
    "logged-in": "You are logged in.",
    "logged-out": "You are logged out.",
    "profile-saved": "Your profile is saved.",
    "password-changed": "Your password is changed. Other devices have been logged out.",
    "enrolled": "You are enrolled. Welcome to the program.",
    "requested": "Your request to join is sent. The hub's coordinator will review it.",
    "withdrawn": "You have left the program.",
    "approved": "The request is approved; the participant is enrolled.",
    "declined": "The request is declined.",
    "member-added": "The member is added.",
    "member-removed": "The member is removed.",
    "participant-added": "The participant is enrolled.",
    "program-saved": "The program is saved.",
    "hub-created": "The hub is created.",
    "admin-changed": "Site administrator access is changed.",
    "schedule-saved": "The schedule is saved and the sessions are updated.",
    "session-saved": "The session is saved.",
    "session-cancelled": "The session is cancelled; participants see the reason.",
    "session-restored": "The session is back on the schedule.",
    "session-moved": "The session is moved.",
    "curriculum-applied": "The curriculum is applied to the upcoming sessions. You can undo it "
    "for a day from this page.",
    "curriculum-undone": "The curriculum change is undone: the sessions have their earlier "
    "didactics again.",
    "feed-reset": "Your calendar link is reset; the old link no longer works.",
    "material-added": "The file is uploaded.",
    "case-saved": "The case is saved. Nothing with an identifier was stored.",
    "case-moved": "The case is updated.",
    "case-submitted": "The case is submitted: it is in the hub's triage list now.",
    "case-in-review": "Review started: the case shows as in review to the submitter.",
    "case-returned": "The case is returned to the submitter with your note, and they are emailed.",
    "case-declined": "The case is declined with your note.",
    "case-accepted": "The case is accepted and scheduled in the session you chose; the "
    "submitter is emailed.",
    "case-presented": "The case is marked presented: faculty can now release the written "
    "recommendations.",
    "case-closed": "The case is closed.",
    "case-opened": "Your access is recorded in the case's trail; it is read-only and expires.",
    "recommendations-saved": "The draft recommendations are saved.",
    "recommendations-released": "The recommendations are released to the submitter.",
    "checked-in": "You are checked in. Welcome!",
    "checked-out": "You are checked out.",
    "attendance-imported": "The report is imported; the roster shows the new minutes.",
    "attendee-matched": "Matched. Their time counts, and later imports will match them.",
    "attendance-adjusted": "The minutes are adjusted; the reason is kept with the record.",
    "zoom-secret-saved": "The Zoom webhook secret token is saved.",
    "email-added": "The email address is added.",
    "email-removed": "The email address is removed.",
    "cme-settings-saved": "The CME settings are saved.",
    "surveys-created": "The program's intake, completion and follow-up surveys are ready.",
    "surveys-exist": "The program already has its surveys; nothing was changed.",
    "survey-thanks": "Thank you: your answers are saved.",
    "session-check-created": "The session's knowledge check is ready. Participants can answer "
    "it from the start of the session.",
    "session-check-none": "No knowledge check was added: the session has no curriculum topic, "
    "or the item bank has no questions on its topic.",
    "session-check-exists": "The session already has its knowledge check; nothing was changed.",
    "outcome-saved": "Thank you: your report is saved. The hub sees it on this case.",
    "update-invited": "The presenter is invited, by email, to present an update of this case.",
    "question-added": "The question is added to this program's evaluations.",
    "disclosure-saved": "Your disclosure is signed. Learners see it before your sessions.",
    "mitigation-saved": "The mitigation is recorded.",
    "evaluation-saved": "Thank you: your evaluation is saved. You can now claim credit.",
    "credit-claimed": "Your credit is claimed and your certificate is ready.",
    "late-claim-requested": "Your late claim is sent to the hub's CME office. You get an "
    "answer here, on My credit.",
    "late-claim-approved": "The late claim is approved: the learner can claim it now, from My "
    "credit.",
    "late-claim-declined": "The late claim is declined.",
    "certificate-changed": "The certificate is updated; its verification page shows the change.",
    "email-verified": "Thank you: your email address is confirmed.",
    "password-reset": "Your new password is saved. Log in with it.",
    "preferences-saved": "Your email choices are saved.",
    "mail-retried": "The message is queued again; the mail worker sends it on its next pass.",
    "mail-not-failed": "That message is no longer failed, so nothing was changed.",
}


def add_notices(notices: Mapping[str, str]) -> None:
    """A domain's own notices, registered by its views module (whose wording depends on
    the domain's rules); a key may be registered once."""
    taken = NOTICES.keys() & notices.keys()
    if taken:
        raise KeyError(f"notices registered twice: {sorted(taken)}")
    NOTICES.update(notices)


def redirect(url: str, *, notice: str | None = None) -> RedirectResponse:
    """303 See Other after a POST (so reloading never resubmits), with an optional notice."""
    if notice:
        if notice not in NOTICES:
            raise KeyError(notice)
        url += ("&" if "?" in url else "?") + urlencode({"notice": notice})
    return RedirectResponse(url, status_code=303)


def not_found() -> HTTPException:
    return HTTPException(status_code=404)


def bad_request() -> HTTPException:
    """400 for what no page of ours sends (a forged form); people get 422 with the form."""
    return HTTPException(status_code=400)


def forbidden() -> HTTPException:
    return HTTPException(status_code=403)


def safe_next(target: str | None, default: str = "/") -> str:
    """Only same-site paths are followed after login (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def client_address(request: Request, settings: Settings) -> str:
    """Whom login throttling counts. Behind proxies, the address the outermost of our own
    proxies saw: each appends what it saw, so that entry is ``forwarded_for_hops`` from the
    right, and entries left of it are whatever the client wrote (never trusted: a forged
    first entry would give every attempt a fresh address)."""
    if settings.trust_forwarded_for:
        forwarded = request.headers.get("x-forwarded-for", "")
        # The right end is ours: a cut keeps it (a long forged start cannot push it out).
        entries = [entry.strip() for entry in forwarded[-1024:].split(",") if entry.strip()]
        if entries:
            return entries[-min(settings.forwarded_for_hops, len(entries))][:64]
    return request.client.host if request.client else "unknown"
