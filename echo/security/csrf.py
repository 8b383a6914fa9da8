"""CSRF protection bound to the login session (OWASP "synchronizer token" pattern).

The token is an HMAC of the session's id: the login session's ``jti`` when
signed in, else a random anonymous id kept in its own cookie. Forms send it as
the hidden field ``csrf_token``; htmx sends it as the ``X-CSRF-Token`` header
(set once on ``<body hx-headers>``). Every POST, PUT, PATCH and DELETE is
checked before any endpoint runs, so a view cannot forget to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request, cookie_parser
from starlette.responses import HTMLResponse, PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from echo.security.tokens import InvalidToken, Purpose, verify
from echo.settings import Settings

FIELD_NAME = "csrf_token"
HEADER_NAME = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
MAX_BODY_BYTES = 30 * 1024 * 1024


def token_for(secret: str, binding: str) -> str:
    return hmac.new(secret.encode(), f"csrf:{binding}".encode(), hashlib.sha256).hexdigest()


def _cookies(scope: Scope) -> dict[str, str]:
    """Cookies as Starlette's Request.cookies parses them (browser-compatible, lenient)."""
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            return cookie_parser(value.decode("latin-1"))
    return {}


class CSRFMiddleware:
    """Sets the request's CSRF binding and refuses unsafe requests without a valid token.

    Also decodes the login cookie once and leaves its claims in
    ``scope["state"]["login_claims"]`` for the authentication code.
    """

    def __init__(
        self,
        app: ASGIApp,
        settings: Settings,
        exempt: Callable[[str], bool] = lambda _path: False,
        stateless: Callable[[str], bool] = lambda _path: False,
    ) -> None:
        self.app = app
        self.settings = settings
        self.exempt = exempt
        # Paths that read no cookies at all (the JSON API, health checks): no login, no
        # anonymous cookie, no CSRF token; a session cookie means nothing there.
        self.stateless = stateless

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.stateless(scope["path"]):
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        cookies = _cookies(scope)
        secret = self.settings.secret
        claims = self._login_claims(cookies.get(self.settings.session_cookie_name), secret)
        state["login_claims"] = claims
        anonymous_id = cookies.get(self.settings.anonymous_cookie_name, "")
        new_anonymous_id = None
        if not _plausible_id(anonymous_id):
            anonymous_id = new_anonymous_id = secrets.token_urlsafe(24)
        binding = str(claims["jti"]) if claims else anonymous_id
        state["csrf_token"] = token_for(secret, binding)

        if new_anonymous_id is not None:
            send = self._setting_cookie(send, new_anonymous_id)

        if scope["method"] in SAFE_METHODS or self.exempt(scope["path"]):
            await self.app(scope, receive, send)
            return

        body = await _read_body(receive)
        if body is None:
            await PlainTextResponse("Request body too large.", status_code=413)(
                scope, receive, send
            )
            return
        replay = _replay(body)
        # A boosted form sends both the field and the <body hx-headers> header; the header
        # can be stale after signing in (htmx does not swap <body>'s attributes), so
        # either one matching is enough.
        candidates = [_header(scope, HEADER_NAME)]
        form = await _form(scope, replay(), body)
        field_value = form.get(FIELD_NAME) if isinstance(form, FormData) else None
        candidates.append(field_value if isinstance(field_value, str) else None)
        if isinstance(form, FormData):
            await form.close()  # uploads are spooled to temporary files; the view parses its own
        expected = state["csrf_token"]
        if not any(
            c is not None and hmac.compare_digest(c.encode(), expected.encode()) for c in candidates
        ):
            refusal = _unreadable() if form is UNREADABLE else _refusal()
            await refusal(scope, receive, send)
            return
        await self.app(scope, replay(), send)

    def _login_claims(self, token: str | None, secret: str) -> dict[str, Any] | None:
        if not token:
            return None
        try:
            return verify(secret, token, purpose=Purpose.login)
        except InvalidToken:
            return None

    def _setting_cookie(self, send: Send, anonymous_id: str) -> Send:
        secure = "; Secure" if self.settings.uses_https else ""
        cookie = (
            f"{self.settings.anonymous_cookie_name}={anonymous_id}; Path=/; HttpOnly; "
            f"SameSite=Lax{secure}"
        ).encode("latin-1")

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"set-cookie", cookie)]
            await send(message)

        return wrapped


def _plausible_id(value: str) -> bool:
    return 20 <= len(value) <= 64 and all(c.isalnum() or c in "-_" for c in value)


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode("latin-1")
    for key, value in scope.get("headers", []):
        if key == wanted:
            return str(value.decode("latin-1"))
    return None


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Callable[[], Receive]:
    def make() -> Receive:
        sent = False

        async def receive() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return {"type": "http.disconnect"}

        return receive

    return make


UNREADABLE = object()  # a form body the parser refused


async def _form(scope: Scope, receive: Receive, body: bytes) -> FormData | object | None:
    content_type = _header(scope, "content-type") or ""
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    try:
        return await Request(scope, receive).form()
    except Exception:
        return UNREADABLE


def _unreadable() -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Form not readable - Echo</title></head><body><main>"
        "<h1>This form could not be read</h1>"
        "<p>The browser sent something the site could not read. If you attached a file, "
        "give it a shorter name (under 200 characters) and try again.</p>"
        "<p><a href='/'>Go to the Echo home page</a></p></main></body></html>",
        status_code=400,
    )


def _refusal() -> HTMLResponse:
    return HTMLResponse(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Form expired - Echo</title></head><body><main>"
        "<h1>This form has expired</h1>"
        "<p>The form was open too long, you signed in or out in another tab, or it was sent "
        "from another site. Go back, reload the page and submit it again.</p>"
        "<p><a href='/'>Go to the Echo home page</a></p></main></body></html>",
        status_code=403,
    )
