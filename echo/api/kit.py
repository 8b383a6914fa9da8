"""How every JSON API endpoint is served: the bearer token (echo.accounts.api_tokens) and
its rate limit, the principal it stands for (the owner's roles, narrowed to the token's
hub, or for a hub's service token its hub's coordinator role and no person: a token never
reaches more than its owner can, and the pages' permission predicates decide), typed
query parameters and JSON bodies, bounded request bodies, cursor pagination, and RFC 9457
problem details for every error. The API reads no cookies, so CSRF does not apply to it."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, TypeVar

import anyio.from_thread
from pydantic import BaseModel, ValidationError
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from echo.accounts import api_tokens
from echo.accounts.models import User
from echo.api.openapi import PERSONAL_PATH
from echo.api.schemas import Problem
from echo.db import Database
from echo.security.permissions import Principal
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web.params import MAX_ID, Form, FormErrors, line, number

log = logging.getLogger(__name__)
F = TypeVar("F", bound=Form)
M = TypeVar("M", bound=BaseModel)

PROBLEM_TYPE = "https://echo.invalid/problems/"  # + the kind; a stable name, not a page
# Answers hold people's data (attendance, claims): no cache keeps them.
NO_STORE = {"Cache-Control": "no-store"}
MAX_LIMIT = 100
DEFAULT_LIMIT = 50
# A JSON body: a session's longest fields (20,000 characters of notes) even when every
# character is sent as a \uXXXX escape.
MAX_JSON_BYTES = 256 * 1024


class ApiError(Exception):
    def __init__(self, status: int, kind: str, title: str, detail: str = "", **extra: Any) -> None:
        super().__init__(title)
        self.status, self.kind, self.title, self.detail, self.extra = (
            status,
            kind,
            title,
            detail,
            extra,
        )


def not_found() -> ApiError:
    return ApiError(404, "not-found", "Not found", "No such object, or not yours to see.")


HTTP_PROBLEMS = {
    404: ("not-found", "Not found", "No such object, or not yours to see."),
    405: ("method-not-allowed", "Method not allowed", "This path does not take that method."),
}


def http_problem(status: int) -> Response:
    """An error Starlette raised before any endpoint ran (no route, a path parameter out
    of its pattern, a method not allowed), as problem details."""
    kind, title, detail = HTTP_PROBLEMS.get(status, ("error", "Error", ""))
    return problem_response(ApiError(status, kind, title, detail))


def problem_response(error: ApiError, headers: dict[str, str] | None = None) -> Response:
    body = Problem(
        type=PROBLEM_TYPE + error.kind,
        title=error.title,
        status=error.status,
        detail=error.detail,
        errors=error.extra.get("errors", {}),
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=error.status,
        media_type="application/problem+json",
        headers={**NO_STORE, **(headers or {})},
    )


class PageQuery(Form):
    """``limit`` (1 to 100) and the opaque ``cursor`` of every list."""

    limit: Annotated[
        int | None, number(1, MAX_LIMIT, message=f"Give a whole number from 1 to {MAX_LIMIT}.")
    ] = None
    cursor: Annotated[str, line(10)] = ""


@dataclass(frozen=True)
class Paging:
    limit: int
    after: int  # the last id of the previous page (0: from the start)

    def page(self, ids: Sequence[int]) -> str | None:
        """The next cursor when this page is full (there may be more), else None."""
        return encode_cursor(ids[-1]) if len(ids) >= self.limit and ids else None


# A cursor is the position after which the next page starts (the last item's id, in
# decimal). Clients pass back what they were given; any such number is a valid position.
CURSOR_PATTERN = re.compile(r"[0-9]{1,10}")


def encode_cursor(last_id: int) -> str:
    return str(last_id)


def decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    if not CURSOR_PATTERN.fullmatch(cursor):
        raise ApiError(
            422,
            "invalid-parameter",
            "Bad parameter",
            errors={"cursor": "Pass back a next_cursor this API gave you."},
        )
    # Ids are 32-bit (PostgreSQL's integer); a position past every id is an empty page.
    return min(int(cursor), MAX_ID)


@dataclass
class ApiContext:
    request: Request
    session: Session
    principal: Principal
    user: User  # a service token's is api_tokens.no_person(): nobody
    settings: Settings
    now: datetime
    hub_id: int | None = None  # the one hub a limited token or a service token reaches
    body: bytes = b""  # the request's body, for endpoints that take one (bounded)

    def reaches_hub(self, hub_id: int) -> bool:
        return self.hub_id is None or self.hub_id == hub_id

    def paging(self) -> Paging:
        query = self.query(PageQuery)
        return Paging(query.limit or DEFAULT_LIMIT, decode_cursor(query.cursor))

    def query(self, form: type[F]) -> F:
        try:
            return form.parse(self.request.query_params)
        except FormErrors as problems:
            raise ApiError(
                422, "invalid-parameter", "Bad parameter", errors=problems.errors
            ) from None

    def path(self, name: str, **params: object) -> str:
        return str(self.request.url_for(name, **params))

    def json(self, model: type[M]) -> M:
        """The JSON body as ``model``: 415 when it is not JSON, 422 naming each bad field
        (``body`` when the whole is unreadable)."""
        media_type = self.request.headers.get("content-type", "").partition(";")[0]
        media_type = media_type.strip().lower()
        if media_type != "application/json" and not media_type.endswith("+json"):
            raise ApiError(
                415,
                "unsupported-media-type",
                "The body must be JSON",
                "Send the body as JSON, with Content-Type: application/json.",
            )
        try:
            return model.model_validate_json(self.body)
        except ValidationError as error:
            raise ApiError(
                422, "invalid-body", "Bad request body", errors=body_errors(error)
            ) from None


def body_errors(error: ValidationError) -> dict[str, str]:
    """Each bad top-level field of a JSON body and pydantic's message for it."""
    found: dict[str, str] = {}
    for item in error.errors():
        location = item.get("loc") or ()
        found.setdefault(str(location[0]) if location else "body", item["msg"])
    return found


def too_large(limit: int) -> ApiError:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return ApiError(
        413, "too-large", "The body is too large", f"This operation takes at most {size}."
    )


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused (413) past ``limit`` bytes: from its Content-Length before
    anything is read, else once that many have come."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and (len(declared) > 12 or int(declared) > limit):
        raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise too_large(limit)
            chunks.append(chunk)
    except ClientDisconnect:
        raise ApiError(400, "bad-request", "The body did not arrive whole") from None
    return b"".join(chunks)


def endpoint(
    handler: Callable[[ApiContext], BaseModel], *, write: bool = False, body_limit: int = 0
) -> Callable[[Request], Any]:
    """An API endpoint: the token checked first (401 without a valid one, 403 when its
    scope does not allow the method, 429 past its rate limit), then the body read (up to
    ``body_limit`` bytes, when it takes one), then the handler's model as JSON; every error
    as problem details."""

    async def serve(request: Request) -> Response:
        return await run_in_threadpool(_serve, handler, request, write, body_limit)

    serve.__name__ = handler.__name__
    serve.__doc__ = handler.__doc__
    return serve


def _serve(
    handler: Callable[[ApiContext], BaseModel], request: Request, write: bool, body_limit: int
) -> Response:
    database: Database = request.app.state.database
    settings: Settings = request.app.state.settings
    now = utcnow()
    try:
        # The token and its rate window are written in a transaction of their own, so a
        # request that fails later is still counted.
        with database.write() as session:
            bearer = api_tokens.authenticate(session, request.headers.get("authorization"), now)
            decision = (
                api_tokens.take(
                    session, bearer.token_id, now, per_minute=settings.api_rate_per_minute
                )
                if bearer is not None and (bearer.can_write or not write)
                else None
            )
        if bearer is None:
            raise ApiError(
                401,
                "unauthorized",
                "A valid token is needed",
                "Send 'Authorization: Bearer <token>' with a token from your profile "
                "(not expired, not revoked).",
            )
        if decision is None:
            raise ApiError(403, "insufficient-scope", "This token may only read")
        if not decision.allowed:
            seconds = max(1, int((decision.reset_at - now).total_seconds()) + 1)
            raise ApiError(
                429,
                "rate-limited",
                "Too many requests",
                f"This token may make {settings.api_rate_per_minute} requests a minute.",
                retry_after=str(seconds),
            )
        if bearer.is_service and request.url.path.startswith(PERSONAL_PATH):
            raise ApiError(
                403,
                "personal-only",
                "Only a personal token may do this",
                "A service token acts for its hub, not for a person; use a personal token "
                "from your profile for your own data.",
            )
        # Read before the handler's transaction opens: a slow upload holds no lock.
        body = anyio.from_thread.run(read_body, request, body_limit) if body_limit else b""
        with database.write() if write else database.read() as session:
            user = (
                session.get(User, bearer.user_id)
                if bearer.user_id is not None
                else api_tokens.no_person()
            )
            if user is None:
                raise ApiError(401, "unauthorized", "A valid token is needed")
            context = ApiContext(
                request, session, bearer.principal, user, settings, now, bearer.hub_id, body
            )
            result = handler(context)
            return JSONResponse(result.model_dump(mode="json"), headers=NO_STORE)
    except ApiError as error:
        headers = {}
        if error.status == 401:
            # RFC 6750 section 3: a token that was sent but is not valid is invalid_token.
            sent = bool(request.headers.get("authorization"))
            headers["WWW-Authenticate"] = 'Bearer realm="echo"' + (
                ', error="invalid_token"' if sent else ""
            )
        if "retry_after" in error.extra:
            headers["Retry-After"] = error.extra["retry_after"]
        return problem_response(error, headers)
