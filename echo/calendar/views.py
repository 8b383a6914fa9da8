"""Calendar feeds: a program's, a person's, and one session's, with conditional GET."""

from __future__ import annotations

from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts import calendar_tokens
from echo.accounts import services as accounts
from echo.accounts.models import User
from echo.calendar import feeds
from echo.calendar.ics import render_feed
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs.loaders import load_session
from echo.security.identity import Viewer
from echo.security.permissions import Principal
from echo.timeutil import utcnow
from echo.web.context import Context, not_found, page, redirect

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _not_modified(ctx: Context, validator: feeds.Validator) -> bool:
    """RFC 9110 13.1: If-None-Match wins; If-Modified-Since only when it is absent."""
    if_none_match = ctx.request.headers.get("if-none-match")
    if if_none_match is not None:
        return validator.etag in {tag.strip() for tag in if_none_match.split(",")} or (
            if_none_match.strip() == "*"
        )
    since = ctx.request.headers.get("if-modified-since")
    if since and validator.last_modified is not None:
        try:
            return validator.last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _feed_response(
    ctx: Context,
    validator: feeds.Validator,
    build: Callable[[], bytes],
    filename: str,
    *,
    private: bool,
) -> Response:
    headers = {
        "ETag": validator.etag,
        "Cache-Control": "private, no-cache" if private else "public, no-cache",
        "Content-Disposition": f'inline; filename="{filename}"',
    }
    if validator.last_modified is not None:
        headers["Last-Modified"] = format_datetime(validator.last_modified, usegmt=True)
    if _not_modified(ctx, validator):
        return Response(status_code=304, headers=headers)
    return Response(build(), media_type=CONTENT_TYPE, headers=headers)


@page()
def program_feed(ctx: Context) -> Response:
    """Public programs' feeds are open to anyone; others need a personal token (?token=)."""
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None:
        raise not_found()
    program, hub = found
    principal = ctx.principal
    token = ctx.request.query_params.get("token")
    if token:
        owner = calendar_tokens.user_for_token(ctx.session, ctx.settings.secret, token)
        if owner is None:
            raise not_found()
        principal = _principal_for(ctx, owner.id or 0)
    enrollment = (
        programs.enrollment_of(ctx.session, program.id or 0, principal.user.id)
        if (principal.user)
        else None
    )
    if not program_can.may_know_program(principal, program, enrollment):
        raise not_found()
    ids = [program.id or 0]
    validator = feeds.validator(ctx.session, ids, scope=f"program:{program.id}")

    def build() -> bytes:
        rows = feeds.feed_rows(ctx.session, ids)
        feed = feeds.build_feed(program.title, rows, ctx.settings.base_url, with_meeting_link=False)
        return render_feed(feed, now=utcnow())

    del hub
    return _feed_response(ctx, validator, build, f"{program.slug}.ics", private=bool(token))


def _principal_for(ctx: Context, user_id: int) -> Principal:
    user = ctx.session.get(User, user_id)
    if user is None:
        raise not_found()
    return Principal(user=Viewer.of(user), hub_roles=accounts.hub_roles(ctx.session, user_id))


@page()
def personal_feed(ctx: Context) -> Response:
    owner = calendar_tokens.user_for_token(
        ctx.session, ctx.settings.secret, ctx.request.path_params["token"]
    )
    if owner is None:
        raise not_found()
    ids = feeds.personal_program_ids(ctx.session, owner.id or 0)
    validator = feeds.validator(
        ctx.session, ids, scope=f"person:{owner.id}:{owner.calendar_feed_version}"
    )

    def build() -> bytes:
        rows = feeds.feed_rows(ctx.session, ids)
        feed = feeds.build_feed(
            f"Echo: {owner.name}", rows, ctx.settings.base_url, with_meeting_link=True
        )
        return render_feed(feed, now=utcnow())

    return _feed_response(ctx, validator, build, "echo.ics", private=True)


@page()
def session_event(ctx: Context) -> Response:
    item, loaded = load_session(ctx)
    ids = [loaded.program.id or 0]
    validator = feeds.validator(ctx.session, ids, scope=f"session:{item.id}", session_id=item.id)

    def build() -> bytes:
        rows = feeds.feed_rows(ctx.session, ids, session_id=item.id)
        feed = feeds.build_feed(
            loaded.program.title, rows, ctx.settings.base_url, with_meeting_link=False
        )
        return render_feed(feed, now=utcnow())

    return _feed_response(ctx, validator, build, f"session-{item.id}.ics", private=False)


@page(write=True)
def reset_personal_feed(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    calendar_tokens.reset_personal_token(ctx.session, user)
    return redirect(ctx.path("profile"), notice="feed-reset")


routes = [
    Route("/programs/{slug:slug}/calendar.ics", program_feed, name="program_feed"),
    Route("/calendar/{token:token}.ics", personal_feed, name="personal_feed"),
    Route("/sessions/{session_id:id}/event.ics", session_event, name="session_event"),
    Route("/me/calendar/reset", reset_personal_feed, methods=["POST"], name="reset_feed"),
]
