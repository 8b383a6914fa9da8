"""The API's writes, for those who run a program's sessions (can_run_sessions, as on the
pages; others get 404): changing a session through its edit page's forms and services,
and importing an attendance report, preview then commit, as the attendance page does
(the preview's file is kept by echo.attendance.imports until it is committed)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

from echo import reminders
from echo.api.kit import ApiContext, ApiError, not_found
from echo.api.schemas import (
    AttendanceImportOut,
    AttendanceImportPreview,
    ImportMatch,
    ImportUnmatched,
    SessionChanges,
    SessionDetail,
)
from echo.attendance import committing, imports
from echo.attendance import services as attendance
from echo.attendance.forms import CommitImportForm
from echo.attendance.models import ReportImport
from echo.attendance.reports import ReportError
from echo.programs import services as programs
from echo.programs import sessions, zones
from echo.programs.forms import CancelForm, MoveForm, SessionDetailsForm
from echo.programs.models import Hub, Program, ProgramSession, SessionStatus
from echo.security import permissions as can
from echo.timeutil import in_zone
from echo.web.params import Form, FormErrors, bounded_line, parse_id

F = TypeVar("F", bound=Form)

# An import is named by its session and the report's SHA-256, as the kept file is.
IMPORT_ID = re.compile(r"([0-9]{1,10})-([0-9a-f]{64})")
MOVE_FIELDS = ("date", "time", "duration_minutes")


@dataclass(frozen=True)
class RunSession:
    program_session: ProgramSession
    program: Program
    hub: Hub
    zone: str  # the program's: moves and report times are read in it


def _run_session(ctx: ApiContext, session_id: int) -> RunSession:
    """A session whose program's sessions the token's owner runs; else 404."""
    found = sessions.session_with_program(ctx.session, session_id)
    hub = ctx.session.get(Hub, found[1].hub_id) if found else None
    if found is None or hub is None or not can.can_run_sessions(ctx.principal, hub.id or 0):
        raise not_found()
    program_session, program = found
    return RunSession(
        program_session, program, hub, zones.zone_of_program(ctx.session, program, hub)
    )


def _invalid(errors: dict[str, str]) -> ApiError:
    return ApiError(422, "invalid-body", "Bad request body", errors=errors)


# --- changing a session -----------------------------------------------------------------------


def change_session(ctx: ApiContext) -> SessionDetail:
    """Change a session as its edit page does: details, a move, cancelling or restoring."""
    loaded = _run_session(ctx, ctx.request.path_params["session_id"])
    item = loaded.program_session
    changes = ctx.json(SessionChanges)
    given = changes.model_fields_set
    errors: dict[str, str] = {}
    details = _parsed(SessionDetailsForm, _detail_values(item, changes), given, errors)
    move = _parsed(MoveForm, _move_values(item, loaded.zone, changes), given, errors)
    reason = None
    if changes.status == SessionStatus.cancelled:
        try:
            reason = CancelForm.parse({"reason": changes.cancel_reason or ""}).reason
        except FormErrors as problem:
            errors["cancel_reason"] = problem.errors["reason"]
    elif "cancel_reason" in given:
        errors["cancel_reason"] = 'Send it with "status": "cancelled" to cancel the session.'
    if errors:
        raise _invalid(errors)
    try:
        if details is not None:
            members = programs.hub_memberships(ctx.session, loaded.hub.id or 0)
            toolkits = set(ctx.request.app.state.toolkits)
            presenters = {person.id or 0 for _membership, person in members}
            sessions.update_details(ctx.session, item, details, presenters, toolkits)
        if move is not None:
            sessions.reschedule(ctx.session, item, loaded.zone, move)
    except FormErrors as problem:
        raise _invalid(problem.errors) from None
    told = move is not None
    if reason is not None and (
        item.status != SessionStatus.cancelled or reason != item.cancel_reason
    ):
        sessions.cancel(ctx.session, item, reason)
        told = True
    elif changes.status == SessionStatus.scheduled and item.status == SessionStatus.cancelled:
        sessions.restore(ctx.session, item)
        told = True
    if told:  # participants hear of a new time or status, as from the page
        ctx.session.flush()
        reminders.session_changed(ctx.session, ctx.settings, item, now=ctx.now)
    return _detail(ctx, loaded, item)


def _parsed(
    form: type[F], values: dict[str, str], given: set[str], errors: dict[str, str]
) -> F | None:
    """``form`` parsed from ``values`` when the body gave any of its fields, else None;
    its problems added to ``errors``."""
    if not given & set(values):
        return None
    try:
        return form.parse(values)
    except FormErrors as problem:
        errors.update(problem.errors)
        return None


def _detail_values(item: ProgramSession, changes: SessionChanges) -> dict[str, str]:
    """The details form as the page would post it: the session's values, the body's over
    them (every field of SessionDetailsForm is a column of the session)."""
    values: dict[str, str] = {}
    for name in SessionDetailsForm.model_fields:
        value = getattr(changes, name) if name in changes.model_fields_set else getattr(item, name)
        if isinstance(value, list):
            value = ",".join(value)
        values[name] = "" if value is None else str(value)
    return values


def _move_values(item: ProgramSession, zone: str, changes: SessionChanges) -> dict[str, str]:
    local = in_zone(item.starts_at, zone)
    values = {
        "date": local.date().isoformat(),
        "time": local.strftime("%H:%M"),
        "duration_minutes": str(int((item.ends_at - item.starts_at).total_seconds() // 60)),
    }
    for name in MOVE_FIELDS:
        if name in changes.model_fields_set:
            value = getattr(changes, name)
            values[name] = "" if value is None else str(value)
    return values


def _detail(ctx: ApiContext, loaded: RunSession, item: ProgramSession) -> SessionDetail:
    return SessionDetail(
        id=item.id or 0,
        program=loaded.program.slug,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        time_zone=loaded.zone,
        status=item.state_at(ctx.now).value,
        cancel_reason=item.cancel_reason,
        title=item.title,
        didactic_title=item.didactic_title,
        didactic_presenter_id=item.didactic_presenter_id,
        didactic_objectives=item.didactic_objectives,
        resource_ids=[r for r in item.resource_ids.split(",") if r],
        slides_url=item.slides_url,
        recording_url=item.recording_url,
        notes=item.notes,
        sequence=item.sequence,
        url=ctx.path("session", session_id=item.id),
    )


# --- attendance report imports ----------------------------------------------------------------


def _unreadable(problem: ReportError) -> ApiError:
    lines = "; ".join(f"line {n}: {message}" for n, message in problem.problems[:20])
    return ApiError(
        422,
        "unreadable-report",
        "The report could not be read",
        f"{problem.message} {lines}".strip(),
        errors={"report": problem.message},
    )


def preview_attendance_import(ctx: ApiContext) -> AttendanceImportPreview:
    """Upload a session's Zoom, Teams or Webex report: what importing it would change."""
    loaded = _run_session(ctx, ctx.request.path_params["session_id"])
    item = loaded.program_session
    if not ctx.body:
        raise _invalid({"report": "Send the report's file as the body of the request."})
    try:
        plan = attendance.plan_import(
            ctx.session,
            item,
            loaded.hub.id or 0,
            data=ctx.body,
            filename=bounded_line(ctx.request.query_params.get("filename"), 255),
            zone=loaded.zone,
        )
    except ReportError as problem:
        raise _unreadable(problem) from None
    imports.keep(ctx.session, item.id or 0, plan.sha256, ctx.body, ctx.now)
    import_id = f"{item.id}-{plan.sha256}"
    commit = ctx.path("api_commit_attendance_import", import_id=import_id)
    return AttendanceImportPreview(
        id=import_id,
        session_id=item.id or 0,
        format=plan.report.format,
        filename=plan.filename,
        sha256=plan.sha256,
        rows_read=plan.report.rows,
        waiting_room_skipped=plan.report.skipped_waiting_room,
        people=len(plan.rows),
        matched=len(plan.matched),
        unmatched=len(plan.unmatched),
        warnings=plan.warnings,
        matches=[
            ImportMatch(
                name=row.attendee.name,
                email=row.attendee.email,
                user_id=row.user.id or 0,
                user_name=row.user.display_name,
                matched_by=row.matched_by,
                minutes=row.seconds // 60,
                minutes_now=row.before.minutes,
                adjusted=row.before.adjusted,
            )
            for row in plan.rows
            if row.user is not None
        ],
        unmatched_people=[
            ImportUnmatched(
                name=row.attendee.name, email=row.attendee.email, minutes=row.seconds // 60
            )
            for row in plan.unmatched
        ],
        expires_at=ctx.now + imports.PREVIEW_LIFETIME,
        commit_url=f"{commit}?{urlencode({'filename': plan.filename})}",
    )


def commit_attendance_import(ctx: ApiContext) -> AttendanceImportOut:
    """Commit a previewed import; committing it again changes nothing."""
    import_id = ctx.request.path_params["import_id"]
    named = IMPORT_ID.fullmatch(import_id)
    session_id = parse_id(named[1]) if named else None
    if named is None or session_id is None:
        raise not_found()
    loaded = _run_session(ctx, session_id)
    form = CommitImportForm.parse(
        {"sha256": named[2], "filename": ctx.request.query_params.get("filename", "")}
    )
    try:
        committed = committing.commit_kept(
            ctx.session,
            loaded.program_session,
            loaded.hub.id or 0,
            sha256=form.sha256,
            filename=form.filename,
            zone=loaded.zone,
            actor_id=ctx.user.id,
        )
    except ReportError as problem:
        raise _unreadable(problem) from None
    if committed is None:
        raise ApiError(
            404,
            "not-found",
            "Not found",
            "No such preview: previews are kept for 24 hours. Upload the report again.",
        )
    return _imported(ctx, import_id, committed.record, already=committed.already)


def _imported(
    ctx: ApiContext, import_id: str, record: ReportImport, *, already: bool
) -> AttendanceImportOut:
    return AttendanceImportOut(
        id=import_id,
        session_id=record.session_id,
        format=record.format,
        filename=record.filename,
        people=record.people,
        matched=record.matched,
        unmatched=record.people - record.matched,
        committed_at=record.at,
        already_committed=already,
        attendance_url=ctx.path("api_session_attendance", session_id=record.session_id),
    )
