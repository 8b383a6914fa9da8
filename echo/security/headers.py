"""Security headers on every response (OWASP Secure Headers Project)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# No 'unsafe-inline' or 'unsafe-eval': there is no inline script or style anywhere,
# and htmx runs with allowEval=false (see templates/base.html).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "object-src 'none'; frame-ancestors 'none'"
)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, https: bool, session_cookie_name: str) -> None:
        self.app = app
        self.session_cookie = session_cookie_name.encode("latin-1") + b"="
        common = [
            (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"strict-origin-when-cross-origin"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]
        if https:
            common.append((b"strict-transport-security", b"max-age=63072000; includeSubDomains"))
        self.common = common

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        signed_in = any(
            key == b"cookie" and self.session_cookie in value for key, value in scope["headers"]
        )
        is_static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {key.lower() for key, _ in headers}
                headers.extend(self.common)
                if b"vary" not in present and not is_static:
                    headers.append((b"vary", b"Cookie, HX-Request"))
                if signed_in and not is_static:
                    # Pages for a signed-in person never go into shared or back-button caches.
                    headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
