"""Attendance pages: check-in (button, code, QR), the session roster with imports, matching
and adjustments, a participant's history, the program summary, CSV exports, Zoom webhooks."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import segno
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from echo.accounts.models import User
from echo.attendance import check_in_window, committing, fast_checkin, imports, services, zoom
from echo.attendance.forms import (
    AdjustForm,
    CheckInCodeForm,
    CommitImportForm,
    EmailForm,
    MatchForm,
)
from echo.attendance.models import UnmatchedAttendee
from echo.attendance.reports import MAX_REPORT_BYTES, ReportError
from echo.db import Database
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import sessions, zones
from echo.programs.models import Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.timeutil import format_in_zone, utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors, bounded_line
from echo.web.responses import csv_download

log = logging.getLogger("echo.attendance")

add_notices({"check-in-closed": f"Check-in is open {check_in_window.DESCRIPTION}."})


@dataclass(frozen=True)
class Loaded:
    program_session: ProgramSession
    program: Program
    hub: Hub
    zone: str  # the program's scheduling zone: report times are read in it


def _load(ctx: Context, *, runner: bool) -> Loaded:
    """The session in the URL; ``runner`` pages are for the hub's coordinators and faculty."""
    ctx.require_user()
    found = sessions.session_with_program(ctx.session, ctx.request.path_params["session_id"])
    hub = ctx.session.get(Hub, found[1].hub_id) if found else None
    if found is None or hub is None:
        raise not_found()
    program_session, program = found
    if runner and not can.can_run_sessions(ctx.principal, hub.id or 0):
        raise not_found()
    return Loaded(program_session, program, hub, zones.zone_of_program(ctx.session, program, hub))


def check_in_url(ctx: Context, code: str) -> str:
    return f"{ctx.settings.base_url.rstrip('/')}/check-in?code={code}"


# --- the participant's side ----------------------------------------------------------------


async def check_in(request: Request) -> Response:
    """One click (idempotent) while check-in is open, for enrolled participants.

    Not a ``page()`` view: most participants press the button in the same few seconds at
    the start of a session, so it has a lean path of its own (echo.attendance.fast_checkin,
    which says what it keeps from a page view).
    """
    return await fast_checkin.check_in(request)


@page(write=True)
def check_out(ctx: Context) -> Response:
    user = ctx.require_user()
    loaded = _load(ctx, runner=False)
    if not _may_check_in(ctx, loaded.program, user.id):
        raise not_found()
    services.check_out(ctx.session, loaded.program_session, user.id)
    return redirect(ctx.path("session", session_id=loaded.program_session.id), notice="checked-out")


def _may_check_in(ctx: Context, program: Program, user_id: int) -> bool:
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user_id)
    return program_can.is_active_participant(ctx.principal, enrollment)


@page(write=True)
def check_in_by_code(ctx: Context) -> Response:
    """The page a phone lands on from the QR code, or where a person types the code."""
    user = ctx.require_user()
    errors: dict[str, str] = {}
    source = ctx.form if ctx.request.method == "POST" else ctx.request.query_params
    form, errors = CheckInCodeForm.parse_partly(source)
    code = form.code
    if ctx.request.method == "POST" and not errors and not code:
        errors["code"] = "Enter the six-character code on the screen."
    if ctx.request.method == "POST" and not errors:
        found = services.session_for_code(ctx.session, ctx.settings.secret, code)
        program = ctx.session.get(Program, found.program_id) if found else None
        if found is None or program is None:
            errors["code"] = (
                "No session is open for check-in with this code. Check the code on the "
                f"facilitator's screen; check-in is open {check_in_window.DESCRIPTION}."
            )
        elif not _may_check_in(ctx, program, user.id):
            errors["code"] = "You are not enrolled in this session's program."
        else:
            services.check_in(ctx.session, found, user.id, method="code")
            return redirect(ctx.path("session", session_id=found.id), notice="checked-in")
    if ctx.request.method == "GET":
        errors = {}  # the page opened without a code (or from a link) asks for one
    return render(
        ctx,
        "attendance/check_in.html",
        {
            "values": {"code": services.normalize_code(code)},
            "errors": errors,
            "check_in_window": check_in_window.DESCRIPTION,
        },
        status_code=422 if errors else 200,
    )


@page()
def my_attendance(ctx: Context) -> Response:
    user = ctx.require_user()
    rows = services.history_of(ctx.session, user.id)
    if ctx.request.url.path.endswith(".csv"):
        return _history_csv(rows, user.time_zone, "my-attendance.csv")
    return _my_page(ctx, rows)


def _my_page(
    ctx: Context,
    rows: list[services.HistoryRow] | None = None,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
) -> Response:
    user = ctx.require_user()
    return render(
        ctx,
        "attendance/history.html",
        {
            "rows": rows if rows is not None else services.history_of(ctx.session, user.id),
            "person": None,
            "zone": user.time_zone,
            "csv_url": ctx.path("my_attendance_csv"),
            "emails": services.user_emails(ctx.session, user.id),
            "primary_email": user.email,
            "errors": errors or {},
            "values": values or {},
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def add_email(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    try:
        services.add_user_email(ctx.session, user, ctx.parse_form(EmailForm).email)
    except FormErrors as problem:
        return _my_page(ctx, errors=problem.errors, values=ctx.form_dict())
    return redirect(ctx.path("my_attendance"), notice="email-added")


@page(write=True)
def remove_email(ctx: Context) -> Response:
    user = ctx.require_user()
    if not services.remove_user_email(ctx.session, user.id, ctx.request.path_params["email_id"]):
        raise not_found()
    return redirect(ctx.path("my_attendance"), notice="email-removed")


@page()
def person_attendance(ctx: Context) -> Response:
    """A participant's history, for the coordinators and faculty of a program they are in."""
    viewer = ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    person = ctx.session.get(User, ctx.request.path_params["user_id"])
    if found is None or person is None or not can.can_run_sessions(ctx.principal, found[1].id or 0):
        raise not_found()
    program = found[0]
    if programs.enrollment_of(ctx.session, program.id or 0, person.id) is None:
        raise not_found()
    rows = [
        r for r in services.history_of(ctx.session, person.id or 0) if r.program.id == program.id
    ]
    if ctx.request.url.path.endswith(".csv"):
        return _history_csv(rows, viewer.time_zone, f"attendance-{program.slug}-{person.id}.csv")
    return render(
        ctx,
        "attendance/history.html",
        {
            "rows": rows,
            "person": person,
            "program": program,
            "zone": viewer.time_zone,
            "csv_url": ctx.path("person_attendance_csv", slug=program.slug, user_id=person.id),
        },
    )


def _history_csv(rows: list[services.HistoryRow], zone: str, filename: str) -> Response:
    return csv_download(
        filename,
        ["session_id", "program", "starts", "minutes", "source", "adjusted"],
        [
            [
                r.program_session.id,
                r.program.title,
                format_in_zone(r.program_session.starts_at, zone),
                r.minutes.minutes,
                r.minutes.source,
                "yes" if r.minutes.adjusted else "",
            ]
            for r in rows
        ],
    )


# --- the hub's side ----------------------------------------------------------------------------


def _attendance_page(
    ctx: Context,
    loaded: Loaded,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    viewer = ctx.require_user()
    program_session = loaded.program_session
    rows = services.roster(ctx.session, program_session)
    code = services.session_code(ctx.settings.secret, program_session.id or 0)
    enrolled = [row for row in rows if row.enrolled]
    return render(
        ctx,
        "attendance/session.html",
        {
            "s": program_session,
            "program": loaded.program,
            "hub": loaded.hub,
            "zone": viewer.time_zone,
            "rows": rows,
            "enrolled_count": len(enrolled),
            "attended_count": sum(1 for row in enrolled if row.minutes.attended),
            "others_count": sum(1 for row in rows if not row.enrolled),
            "unmatched": services.unmatched_of(ctx.session, program_session.id or 0),
            "imports": services.imports_of(ctx.session, program_session.id or 0),
            "adjustments": services.adjustments_of(ctx.session, program_session.id or 0),
            "code": code,
            "check_in_url": check_in_url(ctx, code),
            "check_in_open": services.check_in_open(program_session),
            "check_in_window": check_in_window.DESCRIPTION,
            "people": [(str(row.user.id), row.user.display_name) for row in rows],
            "enrolled_people": [(str(row.user.id), row.user.display_name) for row in enrolled],
            "errors": errors or {},
            "values": values or {},
            "max_mb": MAX_REPORT_BYTES // (1024 * 1024),
        },
        status_code=status_code,
    )


@page()
def session_attendance(ctx: Context) -> Response:
    loaded = _load(ctx, runner=True)
    if ctx.request.url.path.endswith(".csv"):
        zone = ctx.require_user().time_zone
        return csv_download(
            f"attendance-session-{loaded.program_session.id}.csv",
            ["user_id", "name", "email", "enrolled", "minutes", "source", "adjusted", "checked_in"],
            [
                [
                    row.user.id,
                    row.user.display_name,
                    row.user.email,
                    "yes" if row.enrolled else "no",
                    row.minutes.minutes,
                    row.minutes.source,
                    "yes" if row.minutes.adjusted else "",
                    format_in_zone(row.checked_in_at, zone) if row.checked_in_at else "",
                ]
                for row in services.roster(ctx.session, loaded.program_session)
            ],
        )
    return _attendance_page(ctx, loaded)


@page()
def session_qr(ctx: Context) -> Response:
    """The check-in link as an SVG QR code, for the facilitator to show on screen."""
    loaded = _load(ctx, runner=True)
    code = services.session_code(ctx.settings.secret, loaded.program_session.id or 0)
    buffer = io.BytesIO()
    qr = segno.make(check_in_url(ctx, code), error="m")
    qr.save(buffer, kind="svg", scale=8, border=2, title=f"Check-in code {code}")
    return Response(buffer.getvalue(), media_type="image/svg+xml")


@page(write=True)
def preview_import(ctx: Context) -> Response:
    """Read an uploaded export and show what importing it would change; nothing is saved
    but the file itself (kept by its SHA-256 until it is committed)."""
    loaded = _load(ctx, runner=True)
    upload = ctx.form.get("report") if ctx.form else None
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _attendance_page(
            ctx, loaded, errors={"report": "Choose the export file to import."}, status_code=422
        )
    data = upload.file.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        message = (
            f"The file is over {MAX_REPORT_BYTES // (1024 * 1024)} MB; export one session only."
        )
        return _attendance_page(ctx, loaded, errors={"report": message}, status_code=422)
    try:
        plan = services.plan_import(
            ctx.session,
            loaded.program_session,
            loaded.hub.id or 0,
            data=data,
            filename=bounded_line(upload.filename, 255),
            zone=loaded.zone,
        )
    except ReportError as problem:
        return _attendance_page(
            ctx,
            loaded,
            errors={"report": problem.message},
            values={"problems": "\n".join(f"Line {n}: {m}" for n, m in problem.problems[:50])},
            status_code=422,
        )
    imports.keep(ctx.session, loaded.program_session.id or 0, plan.sha256, data)
    return _preview_page(ctx, loaded, plan)


def _preview_page(ctx: Context, loaded: Loaded, plan: services.ImportPlan) -> Response:
    return render(
        ctx,
        "attendance/preview.html",
        {
            "s": loaded.program_session,
            "program": loaded.program,
            "plan": plan,
            "zone": ctx.require_user().time_zone,
            "program_zone": loaded.zone,
        },
    )


@page(write=True)
def commit_import(ctx: Context) -> Response:
    loaded = _load(ctx, runner=True)
    user = ctx.require_user()
    expired = {"report": "That upload has expired; choose the file again."}
    try:
        form = ctx.parse_form(CommitImportForm)
    except FormErrors:
        return _attendance_page(ctx, loaded, errors=expired, status_code=422)
    try:
        committed = committing.commit_kept(
            ctx.session,
            loaded.program_session,
            loaded.hub.id or 0,
            sha256=form.sha256,
            filename=form.filename,
            zone=loaded.zone,
            actor_id=user.id,
        )
    except ReportError as problem:
        return _attendance_page(ctx, loaded, errors={"report": problem.message}, status_code=422)
    if committed is None:
        return _attendance_page(ctx, loaded, errors=expired, status_code=422)
    return redirect(_roster_path(ctx, loaded), notice="attendance-imported")


def _roster_path(ctx: Context, loaded: Loaded) -> str:
    return ctx.path("session_attendance", session_id=loaded.program_session.id)


@page(write=True)
def match_attendee(ctx: Context) -> Response:
    loaded = _load(ctx, runner=True)
    user = ctx.require_user()
    unmatched = ctx.session.get(UnmatchedAttendee, ctx.request.path_params["unmatched_id"])
    if unmatched is None or unmatched.session_id != loaded.program_session.id:
        raise not_found()
    enrolled = {u.id: u for u in services.enrolled_users(ctx.session, loaded.program.id or 0)}
    try:
        person = enrolled.get(ctx.parse_form(MatchForm).user_id)
    except FormErrors:
        person = None
    if person is None:
        return _attendance_page(
            ctx,
            loaded,
            errors={f"match-{unmatched.id}": "Choose the enrolled person this is."},
            status_code=422,
        )
    services.match_by_hand(
        ctx.session, unmatched, person, hub_id=loaded.hub.id or 0, actor_id=user.id
    )
    return redirect(_roster_path(ctx, loaded), notice="attendee-matched")


@page(write=True)
def adjust(ctx: Context) -> Response:
    """Only the session's own hub staff adjust, only people on its roster, and never their
    own minutes (echo.attendance.services.adjust)."""
    loaded = _load(ctx, runner=True)
    user = ctx.require_user()
    if not can.can_adjust_attendance(ctx.principal, loaded.hub.id or 0):
        raise not_found()
    try:
        form = ctx.parse_form(AdjustForm)
        services.adjust(
            ctx.session,
            loaded.program_session,
            form.user_id,
            minutes=form.minutes,
            reason=form.reason,
            actor_id=user.id,
        )
    except FormErrors as problem:
        return _attendance_page(
            ctx, loaded, errors=problem.errors, values=ctx.form_dict(), status_code=422
        )
    return redirect(_roster_path(ctx, loaded), notice="attendance-adjusted")


@page()
def program_attendance(ctx: Context) -> Response:
    ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None or not can.can_run_sessions(ctx.principal, found[1].id or 0):
        raise not_found()
    program = found[0]
    return render(
        ctx,
        "attendance/program.html",
        {
            "program": program,
            "summary": services.program_summary(ctx.session, program),
            "zone": ctx.require_user().time_zone,
        },
    )


# --- Zoom webhooks -------------------------------------------------------------------------------


async def zoom_webhook(request: Request) -> Response:
    """Verify before anything else (401 and no change on a bad or old signature), answer
    URL validation, turn participant events into intervals; well within Zoom's 3 s.

    A body over the limit is refused from its Content-Length before it is read, and a
    body without one is read only up to the limit; a timestamp that is not recent epoch
    seconds is refused before the body is read at all."""
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isascii() or not declared.isdigit()):
        return Response(status_code=400)
    if declared and int(declared[:12]) > zoom.MAX_BODY_BYTES:
        return Response(status_code=413)
    timestamp = request.headers.get("x-zm-request-timestamp", "")
    if not zoom.recent_timestamp(timestamp, utcnow()):
        return JSONResponse({"error": "signature"}, status_code=401)
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > zoom.MAX_BODY_BYTES:
                return Response(status_code=413)
            chunks.append(chunk)
    except ClientDisconnect:
        return Response(status_code=400)  # the sender went away before its body ended
    signature = request.headers.get("x-zm-signature", "")
    database: Database = request.app.state.database
    body = b"".join(chunks)
    return await run_in_threadpool(_handle_zoom, database, timestamp, signature, body)


def _handle_zoom(database: Database, timestamp: str, signature: str, body: bytes) -> Response:
    now = utcnow()
    with database.write() as session:
        hub = services.hub_for_signature(session, timestamp, signature, body, now)
        if hub is None:
            return JSONResponse({"error": "signature"}, status_code=401)
        try:
            event, payload = zoom.parse_event(body)
            if event == zoom.URL_VALIDATION:
                token = str(payload.get("plainToken") or "")
                return JSONResponse(zoom.url_validation_answer(hub.zoom_webhook_secret, token))
            if event not in (zoom.JOINED, zoom.LEFT):
                return Response(status_code=204)
            outcome = services.record_zoom_event(
                session, hub, zoom.participant_event(event, payload)
            )
        except zoom.BadEvent as problem:
            return JSONResponse({"error": str(problem)}, status_code=400)
    log.info("zoom webhook: %s %s", event, outcome)  # ids and outcomes only, no names
    return Response(status_code=204)


routes = [
    Route("/sessions/{session_id:id}/check-in", check_in, methods=["POST"], name="check_in"),
    Route("/sessions/{session_id:id}/check-out", check_out, methods=["POST"], name="check_out"),
    Route("/check-in", check_in_by_code, methods=["GET", "POST"], name="check_in_by_code"),
    Route("/sessions/{session_id:id}/attendance", session_attendance, name="session_attendance"),
    Route(
        "/sessions/{session_id:id}/attendance.csv",
        session_attendance,
        name="session_attendance_csv",
    ),
    Route("/sessions/{session_id:id}/check-in-code.svg", session_qr, name="session_qr"),
    Route(
        "/sessions/{session_id:id}/attendance/import",
        preview_import,
        methods=["POST"],
        name="attendance_preview",
    ),
    Route(
        "/sessions/{session_id:id}/attendance/import/commit",
        commit_import,
        methods=["POST"],
        name="attendance_commit",
    ),
    Route(
        "/sessions/{session_id:id}/attendance/unmatched/{unmatched_id:id}",
        match_attendee,
        methods=["POST"],
        name="attendance_match",
    ),
    Route(
        "/sessions/{session_id:id}/attendance/adjust",
        adjust,
        methods=["POST"],
        name="attendance_adjust",
    ),
    Route("/programs/{slug:slug}/attendance", program_attendance, name="program_attendance"),
    Route(
        "/programs/{slug:slug}/participants/{user_id:id}/attendance",
        person_attendance,
        name="person_attendance",
    ),
    Route(
        "/programs/{slug:slug}/participants/{user_id:id}/attendance.csv",
        person_attendance,
        name="person_attendance_csv",
    ),
    Route("/me/attendance", my_attendance, name="my_attendance"),
    Route("/me/attendance.csv", my_attendance, name="my_attendance_csv"),
    Route("/me/emails", add_email, methods=["POST"], name="add_email"),
    Route("/me/emails/{email_id:id}/remove", remove_email, methods=["POST"], name="remove_email"),
    Route("/webhooks/zoom", zoom_webhook, methods=["POST"], name="zoom_webhook"),
]
