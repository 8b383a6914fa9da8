"""The JSON API, version 1: programs, their sessions with an attendance summary, a
session's attendance rows, a program's outcomes (echo.api.outcomes), the person's CME
claims and certificates, and the consult lines' counts; changing a session and importing
attendance reports (echo.api.writes). Each endpoint applies the pages' permission
predicates to the token's principal (echo.api.kit); lists are paginated by an opaque
cursor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from echo.api import openapi, writes
from echo.api.kit import MAX_JSON_BYTES, ApiContext, endpoint, not_found
from echo.api.outcomes import hub_outcomes, program_outcomes
from echo.api.schemas import (
    AttendanceImportOut,
    AttendanceImportPreview,
    AttendancePage,
    AttendanceRow,
    AttendanceSummary,
    CertificateOut,
    ClaimOut,
    ClaimPage,
    ConsultCounts,
    ConsultCountsPage,
    HubOutcomes,
    ProgramOut,
    ProgramOutcomes,
    ProgramPage,
    SessionChanges,
    SessionDetail,
    SessionOut,
    SessionPage,
)
from echo.attendance import services as attendance
from echo.attendance.reports import MAX_REPORT_BYTES
from echo.cme import services as cme
from echo.consult import reports as consult_reports
from echo.consult import services as consults
from echo.consult.models import ConsultLine
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs.models import Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.web.context import Context, page, render

SCAN_LIMIT = 500  # rows read per page at most while filtering by permission


def list_programs(ctx: ApiContext) -> ProgramPage:
    """Programs you may know: the public catalog, your hubs' and your own (a token limited
    to a hub, or a service token: that hub's alone)."""
    paging = ctx.paging()
    enrollments = {
        program.id: enrollment
        for enrollment, program, _ in programs.my_programs(ctx.session, ctx.user.id or 0)
    }
    found: list[ProgramOut] = []
    ids: list[int] = []
    after = paging.after
    while len(found) < paging.limit:
        query = select(Program, Hub).join(Hub, col(Hub.id) == col(Program.hub_id))
        if ctx.hub_id is not None:  # a token limited to a hub knows that hub's programs only
            query = query.where(col(Program.hub_id) == ctx.hub_id)
        rows = ctx.session.exec(
            query.where(col(Program.id) > after).order_by(col(Program.id)).limit(SCAN_LIMIT)
        ).all()
        for program, hub in rows:
            after = program.id or 0
            if program_can.may_know_program(ctx.principal, program, enrollments.get(program.id)):
                found.append(_program(ctx, program, hub))
                ids.append(program.id or 0)
                if len(found) == paging.limit:
                    break
        if len(rows) < SCAN_LIMIT:
            break
    return ProgramPage(items=found, next_cursor=paging.page(ids))


def _program(ctx: ApiContext, program: Program, hub: Hub) -> ProgramOut:
    return ProgramOut(
        slug=program.slug,
        title=program.title,
        hub=hub.slug,
        hub_name=hub.name,
        status=program.status,
        visibility=program.visibility,
        url=ctx.path("program", slug=program.slug),
    )


@dataclass(frozen=True)
class Known:
    program: Program
    hub: Hub


def _known_program(ctx: ApiContext) -> Known:
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None:
        raise not_found()
    program, hub = found
    if not ctx.reaches_hub(hub.id or 0):
        raise not_found()
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, ctx.user.id)
    if not program_can.may_know_program(ctx.principal, program, enrollment):
        raise not_found()
    return Known(program, hub)


def list_sessions(ctx: ApiContext) -> SessionPage:
    """A program's sessions by start; staff also get each held session's attendance."""
    known = _known_program(ctx)
    paging = ctx.paging()
    rows = ctx.session.exec(
        select(ProgramSession)
        .where(ProgramSession.program_id == known.program.id, col(ProgramSession.id) > paging.after)
        .order_by(col(ProgramSession.id))
        .limit(paging.limit)
    ).all()
    summaries: dict[int, AttendanceSummary] = {}
    if can.can_run_sessions(ctx.principal, known.hub.id or 0):
        summary = attendance.program_summary(ctx.session, known.program, ctx.now)
        summaries = {
            row.program_session.id or 0: AttendanceSummary(
                attended=row.attended, enrolled=row.enrolled
            )
            for row in summary.sessions
        }
    items = [
        SessionOut(
            id=item.id or 0,
            program=known.program.slug,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            status=item.state_at(ctx.now).value,
            topic=item.didactic_title or item.title,
            url=ctx.path("session", session_id=item.id),
            attendance=summaries.get(item.id or 0),
        )
        for item in rows
    ]
    return SessionPage(items=items, next_cursor=paging.page([i.id for i in items]))


def session_attendance(ctx: ApiContext) -> AttendancePage:
    """Who attended a session, and for how long (those who run the program's sessions)."""
    item = ctx.session.get(ProgramSession, ctx.request.path_params["session_id"])
    program = ctx.session.get(Program, item.program_id) if item else None
    if item is None or program is None or not can.can_run_sessions(ctx.principal, program.hub_id):
        raise not_found()
    paging = ctx.paging()
    rows = sorted(attendance.roster(ctx.session, item), key=lambda r: r.user.id or 0)
    chosen = [r for r in rows if (r.user.id or 0) > paging.after][: paging.limit]
    items = [
        AttendanceRow(
            user_id=row.user.id or 0,
            name=row.user.name,
            email=row.user.email,
            enrolled=row.enrolled,
            attended=row.minutes.attended,
            minutes=row.minutes.minutes,
            source=row.minutes.source,
            checked_in_at=row.checked_in_at,
        )
        for row in chosen
    ]
    return AttendancePage(items=items, next_cursor=paging.page([i.user_id for i in items]))


def my_claims(ctx: ApiContext) -> ClaimPage:
    """Your CME and participation claims, with each certificate's verification link."""
    paging = ctx.paging()
    rows = sorted(
        (
            r
            for r in cme.transcript(ctx.session, ctx.user.id or 0)
            if ctx.reaches_hub(r.program.hub_id)
        ),
        key=lambda r: r.claim.id or 0,
    )
    chosen = [r for r in rows if (r.claim.id or 0) > paging.after][: paging.limit]
    items = [
        ClaimOut(
            id=row.claim.id or 0,
            program=row.program.slug,
            session_id=row.program_session.id or 0,
            session_date=row.day,
            kind=row.claim.kind,
            credits=str(row.claim.credits),
            minutes=row.claim.minutes,
            claimed_at=row.claim.claimed_at,
            certificate=CertificateOut(
                code=row.certificate.code,
                status=row.certificate.status,
                verification_url=ctx.path("verify", code=row.certificate.code),
                pdf_url=ctx.path("certificate_pdf", code=row.certificate.code),
            )
            if row.certificate is not None
            else None,
        )
        for row in chosen
    ]
    return ClaimPage(items=items, next_cursor=paging.page([i.id for i in items]))


def consult_counts(ctx: ApiContext) -> ConsultCountsPage:
    """The consult lines you work on: open requests, and the last 12 months' response times."""
    paging = ctx.paging()
    hub_ids = [h for h in ctx.principal.hub_roles if can.can_work_consult_line(ctx.principal, h)]
    lines = [
        line
        for line, _ in consults.lines_of_hubs(ctx.session, hub_ids)
        if (line.id or 0) > paging.after
    ]
    lines = sorted(lines, key=lambda line: line.id or 0)[: paging.limit]
    summaries = {s.line.id: s for s in consults.line_summaries(ctx.session, hub_ids, ctx.now)}
    items = [_counts(ctx, line, summaries[line.id]) for line in lines]
    return ConsultCountsPage(items=items, next_cursor=paging.page([line.id or 0 for line in lines]))


def _minutes(value: float | None) -> float | None:
    """Whole minutes to one decimal (a waiting request's minutes grow by the second)."""
    return None if value is None else round(value, 1)


def _counts(ctx: ApiContext, line: ConsultLine, summary: consults.LineSummary) -> ConsultCounts:
    report = consult_reports.build(ctx.session, line, ctx.now)
    return ConsultCounts(
        line=line.slug,
        name=line.name,
        open=summary.open_count,
        waiting_past_target=summary.past_target,
        response_target_minutes=line.response_target_minutes,
        requests_last_12_months=report.total,
        median_minutes_to_contact=_minutes(report.median_minutes),
        p90_minutes_to_contact=_minutes(report.p90_minutes),
        contacted_within_target=report.within_target,
    )


ENDPOINTS: Sequence[openapi.Endpoint] = (
    openapi.Endpoint("/api/v1/programs", "api_programs", list_programs, ProgramPage),
    openapi.Endpoint(
        "/api/v1/programs/{slug}/sessions", "api_program_sessions", list_sessions, SessionPage
    ),
    openapi.Endpoint(
        "/api/v1/sessions/{session_id}/attendance",
        "api_session_attendance",
        session_attendance,
        AttendancePage,
    ),
    openapi.Endpoint(
        "/api/v1/programs/{slug}/outcomes",
        "api_program_outcomes",
        program_outcomes,
        ProgramOutcomes,
        query=openapi.PERIOD_PARAMETERS,
    ),
    openapi.Endpoint(
        "/api/v1/hubs/{hub}/outcomes",
        "api_hub_outcomes",
        hub_outcomes,
        HubOutcomes,
        query=openapi.PERIOD_PARAMETERS,
    ),
    openapi.Endpoint("/api/v1/me/claims", "api_my_claims", my_claims, ClaimPage),
    openapi.Endpoint(
        "/api/v1/consult-lines", "api_consult_lines", consult_counts, ConsultCountsPage
    ),
    openapi.Endpoint(
        "/api/v1/sessions/{session_id}",
        "api_session",
        writes.change_session,
        SessionDetail,
        method="patch",
        query=(),
        body=SessionChanges,
        body_limit=MAX_JSON_BYTES,
    ),
    openapi.Endpoint(
        "/api/v1/sessions/{session_id}/attendance-imports",
        "api_preview_attendance_import",
        writes.preview_attendance_import,
        AttendanceImportPreview,
        method="post",
        query=openapi.FILENAME_PARAMETERS,
        upload="text/csv",
        body_limit=MAX_REPORT_BYTES,
    ),
    openapi.Endpoint(
        "/api/v1/attendance-imports/{import_id}/commit",
        "api_commit_attendance_import",
        writes.commit_attendance_import,
        AttendanceImportOut,
        method="post",
        query=openapi.FILENAME_PARAMETERS,
    ),
)


def openapi_json(request: Request) -> Response:
    return JSONResponse(openapi.document(ENDPOINTS, str(request.base_url).rstrip("/")))


@page()
def reference(ctx: Context) -> Response:
    """The API's reference, generated from the same OpenAPI document (no script needed)."""
    return render(ctx, "api/reference.html", {"reference": openapi.reference(ENDPOINTS)})


# Starlette's convertors for the path parameters the document names by their plain names.
_CONVERTORS = {"{slug}": "{slug:slug}", "{hub}": "{hub:slug}", "{session_id}": "{session_id:id}"}


def _route_path(path: str) -> str:
    for plain, typed in _CONVERTORS.items():
        path = path.replace(plain, typed)
    return path


routes = [
    Route("/api/v1/openapi.json", openapi_json, name="api_openapi"),
    Route("/api/v1/docs", reference, name="api_reference"),
    *(
        Route(
            _route_path(found.path),
            endpoint(found.handler, write=found.writes, body_limit=found.body_limit),
            methods=[found.method.upper()],
            name=found.name,
        )
        for found in ENDPOINTS
    ),
]
