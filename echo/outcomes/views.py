"""Outcomes pages: a program's and a hub's dashboard (with downloads), the program's surveys,
answering a survey, and a survey's results (aggregates only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from echo.cme.statements import format_credits
from echo.documents.spreadsheets import xlsx_book
from echo.outcomes import charts, dashboard, followups, reports, session_checks, stats, surveys
from echo.outcomes.forms import TABLES, PeriodQuery, TableQuery, YearQuery
from echo.outcomes.models import Survey, SurveyKind
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import sessions, zones
from echo.programs.models import Hub, Program
from echo.security import permissions as can
from echo.timeutil import local_date, utcnow
from echo.web.context import Context, not_found, page, redirect, render
from echo.web.params import FormErrors
from echo.web.responses import XLSX, csv_download, download


@dataclass(frozen=True)
class Scope:
    """The programs a dashboard covers: one program, or every program of a hub."""

    title: str
    hub: Hub
    programs: list[Program]
    zone: str
    slug: str
    program: Program | None = None


def _program_scope(ctx: Context) -> Scope:
    ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None or not can.can_view_outcomes(ctx.principal, found[1].id or 0):
        raise not_found()
    program, hub = found
    zone = zones.zone_of_program(ctx.session, program, hub)
    return Scope(program.title, hub, [program], zone, program.slug, program)


def _hub_scope(ctx: Context) -> Scope:
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not can.can_view_outcomes(ctx.principal, hub.id or 0):
        raise not_found()
    found = list(programs.hub_programs(ctx.session, hub.id or 0))
    return Scope(hub.name, hub, found, hub.time_zone, hub.slug)


def _period(ctx: Context) -> tuple[dashboard.Period, dict[str, str]]:
    query, errors = PeriodQuery.parse_partly(ctx.request.query_params)
    return dashboard.Period(query.start, query.end), errors


def _board(ctx: Context, scope: Scope, period: dashboard.Period) -> dashboard.Dashboard:
    return dashboard.build(
        ctx.session, scope.programs, title=scope.title, zone=scope.zone, period=period
    )


def _participation_chart(board: dashboard.Dashboard) -> Any:
    summary = (
        f"{len(board.sessions)} sessions; {board.unique_participants} different people took "
        f"part, {board.attendances} attendances in all."
    )
    if board.by_month:
        months = board.months
        return charts.line_chart(
            chart_id="chart-participants",
            title="Attendances per month",
            description=summary,
            labels=[m.month.strftime("%b %Y") for m in months],
            series=[
                ("Attendances", [float(m.attendances) for m in months]),
                ("Unique so far", [float(m.unique_so_far) for m in months]),
            ],
        )
    return charts.line_chart(
        chart_id="chart-participants",
        title="Participants per session",
        description=summary,
        labels=[row.day.strftime("%b %-d, %Y") for row in board.sessions],
        series=[
            ("Participants", [float(r.participants) for r in board.sessions]),
            ("Unique so far", [float(r.unique_so_far) for r in board.sessions]),
        ],
    )


def _people_chart(
    chart_id: str, title: str, description: str, counts: Sequence[tuple[str, int]]
) -> Any:
    """A bar per group of people (a label and how many)."""
    return charts.bar_chart(
        chart_id=chart_id,
        title=title,
        description=description,
        labels=[label for label, _ in counts],
        values=[n for _, n in counts],
        unit="participants",
    )


def _charts(board: dashboard.Dashboard) -> dict[str, Any]:
    changes = [s for s in board.scales if s.shown and s.change is not None]
    return {
        "participants": _participation_chart(board),
        "retention": _people_chart(
            "chart-retention",
            "Sessions attended per participant",
            "How many participants came to one, two, or more sessions.",
            board.retention,
        ),
        "professions": _people_chart(
            "chart-professions",
            "Participants by profession",
            "Unique participants in the period, by the profession on their profile.",
            board.professions,
        ),
        "settings": _people_chart(
            "chart-settings",
            "Participants by practice setting",
            "Unique participants by the practice setting on their profile.",
            board.settings,
        ),
        "scales": charts.paired_chart(
            chart_id="chart-scales",
            title="Change per scale",
            description=(
                "Mean score before and after, per scale, with the 95% confidence interval "
                "of the mean after; only scales with at least 5 paired respondents."
            ),
            rows=[
                charts.PairedRow(
                    label=f"{s.label} ({s.design_label.lower()})",
                    before=s.change.mean_before,
                    after=s.change.mean_after,
                    ci_low=s.change.mean_before + s.change.ci_low,
                    ci_high=s.change.mean_before + s.change.ci_high,
                    scale_min=1,
                    scale_max=s.points,
                )
                for s in changes
                if s.change is not None
            ],
        ),
    }


def _dashboard_page(
    ctx: Context, scope: Scope, download_errors: dict[str, str] | None = None
) -> Response:
    period, errors = _period(ctx)
    errors = {**errors, **(download_errors or {})}
    board = _board(ctx, scope, period)
    query = {k: v for k, v in (("from", period.start), ("to", period.end)) if v is not None}
    return render(
        ctx,
        "outcomes/dashboard.html",
        {
            "scope": scope,
            "board": board,
            "charts": _charts(board),
            "tables": {name: dashboard.table(board, name) for name in TABLES},
            "values": {k: (v.isoformat() if isinstance(v, date) else "") for k, v in query.items()},
            "errors": errors,
            "query": {k: v.isoformat() for k, v in query.items()},
            "file_routes": ("program_outcomes_csv", "program_outcomes_xlsx")
            if scope.program
            else ("hub_outcomes_csv", "hub_outcomes_xlsx"),
            "scope_params": {"slug": scope.slug} if scope.program else {"hub": scope.slug},
            "format_credits": format_credits,
            "min_respondents": stats.MIN_RESPONDENTS,
            "can_manage_surveys": scope.program is not None
            and can.can_manage_surveys(ctx.principal, scope.hub.id or 0),
        },
        status_code=422 if errors else 200,
    )


def _file(ctx: Context, scope: Scope, file_format: str) -> Response:
    query, errors = TableQuery.parse_partly(ctx.request.query_params)
    period = dashboard.Period(query.start, query.end)
    if errors:
        return _dashboard_page(ctx, scope, errors)  # the page says what to fix (422)
    board = _board(ctx, scope, period)
    stem = f"{scope.slug}-outcomes"
    if file_format == "xlsx":
        return download(_workbook(board), f"{stem}.xlsx", XLSX)
    name = query.table or "sessions"
    header, rows = dashboard.table(board, name)
    return csv_download(f"{stem}-{name}.csv", header, rows)


def _workbook(board: dashboard.Dashboard) -> bytes:
    return xlsx_book([(name, *dashboard.table(board, name)) for name in TABLES])


@page()
def program_outcomes(ctx: Context) -> Response:
    return _dashboard_page(ctx, _program_scope(ctx))


@page()
def program_outcomes_csv(ctx: Context) -> Response:
    return _file(ctx, _program_scope(ctx), "csv")


@page()
def program_outcomes_xlsx(ctx: Context) -> Response:
    return _file(ctx, _program_scope(ctx), "xlsx")


@page()
def hub_outcomes(ctx: Context) -> Response:
    return _dashboard_page(ctx, _hub_scope(ctx))


@page()
def hub_outcomes_csv(ctx: Context) -> Response:
    return _file(ctx, _hub_scope(ctx), "csv")


@page()
def hub_outcomes_xlsx(ctx: Context) -> Response:
    return _file(ctx, _hub_scope(ctx), "xlsx")


# --- funder and network reports ---------------------------------------------------------------


def _year(ctx: Context, scope: Scope) -> tuple[int, dict[str, str]]:
    query, errors = YearQuery.parse_partly(ctx.request.query_params)
    this_year = local_date(utcnow(), scope.zone).year
    return (query.year or this_year), errors


@page()
def hub_reports(ctx: Context) -> Response:
    return _reports_page(ctx, _hub_scope(ctx))


def _reports_page(ctx: Context, scope: Scope) -> Response:
    year, errors = _year(ctx, scope)
    report = reports.annual_report(ctx.session, scope.hub, year, scope.programs)
    this_year = local_date(utcnow(), scope.zone).year
    return render(
        ctx,
        "outcomes/reports.html",
        {
            "scope": scope,
            "report": report,
            "tables": reports.annual_tables(report),
            "years": list(range(this_year, this_year - 6, -1)),
            "values": {"year": str(year)},
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@page()
def hub_report_xlsx(ctx: Context) -> Response:
    scope = _hub_scope(ctx)
    year, errors = _year(ctx, scope)
    if errors:
        return _reports_page(ctx, scope)  # the page says what to fix (422)
    report = reports.annual_report(ctx.session, scope.hub, year, scope.programs)
    return download(
        xlsx_book(reports.annual_tables(report)), f"{scope.slug}-{year}-annual-report.xlsx", XLSX
    )


@page()
def hub_training_15_csv(ctx: Context) -> Response:
    scope = _hub_scope(ctx)
    year, errors = _year(ctx, scope)
    if errors:
        return _reports_page(ctx, scope)  # the page says what to fix (422)
    report = reports.annual_report(ctx.session, scope.hub, year, scope.programs)
    header, rows = reports.training_15(report)
    return csv_download(f"{scope.slug}-{year}-training-15.csv", header, rows)


@page()
def program_attendees_csv(ctx: Context) -> Response:
    """Sessions and attendees of one program (iECHO's organisation export): names people,
    so hub staff only (can_view_outcomes), like the dashboard."""
    scope = _program_scope(ctx)
    assert scope.program is not None  # a program scope always has its program
    header, rows = reports.attendee_rows(ctx.session, scope.program, scope.zone)
    return csv_download(f"{scope.slug}-sessions-and-attendees.csv", header, rows)


# --- surveys ----------------------------------------------------------------------------------


@page()
def program_surveys(ctx: Context) -> Response:
    """Staff: the program's surveys with their results; participants: what they can answer."""
    user = ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None:
        raise not_found()
    program, hub = found
    enrollment = programs.enrollment_of(ctx.session, program.id or 0, user.id)
    staff = can.can_view_outcomes(ctx.principal, hub.id or 0)
    participant = program_can.is_active_participant(ctx.principal, enrollment)
    if not staff and not participant:
        raise not_found()
    can_manage = can.can_manage_surveys(ctx.principal, hub.id or 0)
    return render(
        ctx,
        "outcomes/surveys.html",
        {
            "program": program,
            "staff": staff,
            "can_manage": can_manage,
            "checkable": session_checks.sessions_to_check(ctx.session, program.id or 0)
            if can_manage
            else [],
            "check_window": (session_checks.RECENT.days, session_checks.AHEAD.days),
            "zone": zones.zone_of_program(ctx.session, program, hub),
            "surveys": surveys.program_surveys(ctx.session, program.id or 0) if staff else [],
            "to_answer": surveys.open_surveys_for(ctx.session, program.id or 0, user.id)
            if participant
            else [],
        },
    )


@page(write=True)
def set_up_surveys(ctx: Context) -> Response:
    user = ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None or not can.can_manage_surveys(ctx.principal, found[1].id or 0):
        raise not_found()
    made = surveys.set_up_program_surveys(ctx.session, found[0], surveys.bank_at(), by_id=user.id)
    return redirect(
        ctx.path("program_surveys", slug=found[0].slug),
        notice="surveys-created" if made else "surveys-exist",
    )


@page(write=True)
def create_session_check(ctx: Context) -> Response:
    """Staff who set up surveys: a knowledge check for one session, on its topic."""
    user = ctx.require_user()
    found = sessions.session_with_program(ctx.session, ctx.request.path_params["session_id"])
    if found is None or not can.can_manage_surveys(ctx.principal, found[1].hub_id):
        raise not_found()
    program_session, program = found
    if session_checks.check_for_session(ctx.session, program_session) is not None:
        notice = "session-check-exists"
    else:
        made = session_checks.create_session_check(
            ctx.session, program, program_session, surveys.bank_at(), by_id=user.id
        )
        notice = "session-check-created" if made else "session-check-none"
    return redirect(ctx.path("program_surveys", slug=program.slug), notice=notice)


def _survey_for_participant(ctx: Context) -> tuple[Survey, Program]:
    """The survey in the URL, for someone who may answer it: an active participant of its
    program (intake, completion), for a follow-up a person invited, and for a session's
    knowledge check, from the start of the session, an active participant or anyone who
    attended it."""
    user = ctx.require_user()
    found = surveys.survey_by_id(ctx.session, ctx.request.path_params["survey_id"])
    if found is None:
        raise not_found()
    survey, program = found
    if survey.kind == SurveyKind.followup:
        if not surveys.is_invited(ctx.session, survey.id or 0, user.id):
            raise not_found()
    elif survey.kind == SurveyKind.session:
        held = sessions.session_with_program(ctx.session, survey.session_id or 0)
        enrollment = programs.enrollment_of(ctx.session, program.id or 0, user.id)
        if held is None or not session_checks.may_answer(
            ctx.session,
            held[0],
            user.id,
            active_participant=program_can.is_active_participant(ctx.principal, enrollment),
        ):
            raise not_found()
    else:
        enrollment = programs.enrollment_of(ctx.session, program.id or 0, user.id)
        if not program_can.is_active_participant(ctx.principal, enrollment):
            raise not_found()
    return survey, program


@page(write=True)
def answer_survey(ctx: Context) -> Response:
    survey, program = _survey_for_participant(ctx)
    user = ctx.require_user()
    errors: dict[str, str] = {}
    answered = surveys.response_of(ctx.session, survey.id or 0, user.id) is not None
    if ctx.request.method == "POST" and not answered:  # answered: the page says so
        try:
            surveys.submit(ctx.session, survey, user.id, _posted_lists(ctx.request, ctx))
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(ctx.path("survey_done", survey_id=survey.id), notice="survey-thanks")
    return render(
        ctx,
        "outcomes/answer.html",
        {
            "survey": survey,
            "program": program,
            "items": surveys.items_of(ctx.session, survey.id or 0),
            "field_names": surveys.field_names,
            "posted": _posted_lists(ctx.request, ctx) if errors else {},
            "errors": errors,
            "answered": answered,
        },
        status_code=422 if errors else 200,
    )


def _posted_lists(_request: Request, ctx: Context) -> dict[str, list[str]]:
    if ctx.form is None:
        return {}
    return {key: [v for v in ctx.form.getlist(key) if isinstance(v, str)] for key in ctx.form}


@page(write=True)
def answer_by_link(ctx: Context) -> Response:
    """A follow-up from its emailed one-time link: no login; the link names the invitation
    and stops working once it is answered (or after followups.LINK_LIFETIME)."""
    found = followups.invited_by_token(ctx.session, ctx.settings, ctx.request.path_params["token"])
    if found is None:
        raise not_found()
    survey, program, user_id = found.survey, found.program, found.user.id or 0
    errors: dict[str, str] = {}
    answered = found.invitation.answered_at is not None
    if ctx.request.method == "POST" and not answered:
        try:
            surveys.submit(ctx.session, survey, user_id, _posted_lists(ctx.request, ctx))
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(
                ctx.path("survey_link", token=ctx.request.path_params["token"]),
                notice="survey-thanks",
            )
    return render(
        ctx,
        "outcomes/answer.html",
        {
            "survey": survey,
            "program": program,
            "items": surveys.items_of(ctx.session, survey.id or 0),
            "field_names": surveys.field_names,
            "posted": _posted_lists(ctx.request, ctx) if errors else {},
            "errors": errors,
            "answered": answered,
        },
        status_code=422 if errors else 200,
        private=True,
    )


@page()
def survey_done(ctx: Context) -> Response:
    survey, program = _survey_for_participant(ctx)
    if surveys.response_of(ctx.session, survey.id or 0, ctx.require_user().id) is None:
        return redirect(ctx.path("survey", survey_id=survey.id))  # nothing saved to thank for
    return render(ctx, "outcomes/done.html", {"survey": survey, "program": program})


@page()
def survey_results(ctx: Context) -> Response:
    ctx.require_user()
    found = surveys.survey_by_id(ctx.session, ctx.request.path_params["survey_id"])
    if found is None:
        raise not_found()
    survey, program = found
    if not can.can_view_outcomes(ctx.principal, program.hub_id):
        raise not_found()
    return render(
        ctx,
        "outcomes/results.html",
        {
            "survey": survey,
            "program": program,
            "results": surveys.survey_results(ctx.session, survey),
            "min_respondents": stats.MIN_RESPONDENTS,
        },
    )


routes = [
    Route("/programs/{slug:slug}/outcomes", program_outcomes, name="program_outcomes"),
    Route("/programs/{slug:slug}/outcomes.csv", program_outcomes_csv, name="program_outcomes_csv"),
    Route(
        "/programs/{slug:slug}/outcomes.xlsx", program_outcomes_xlsx, name="program_outcomes_xlsx"
    ),
    Route("/hubs/{hub:slug}/outcomes", hub_outcomes, name="hub_outcomes"),
    Route("/hubs/{hub:slug}/outcomes.csv", hub_outcomes_csv, name="hub_outcomes_csv"),
    Route("/hubs/{hub:slug}/outcomes.xlsx", hub_outcomes_xlsx, name="hub_outcomes_xlsx"),
    Route("/hubs/{hub:slug}/reports", hub_reports, name="hub_reports"),
    Route("/hubs/{hub:slug}/annual-report.xlsx", hub_report_xlsx, name="hub_report_xlsx"),
    Route("/hubs/{hub:slug}/training-15.csv", hub_training_15_csv, name="hub_training_15_csv"),
    Route(
        "/programs/{slug:slug}/sessions-and-attendees.csv",
        program_attendees_csv,
        name="program_attendees_csv",
    ),
    Route("/programs/{slug:slug}/surveys", program_surveys, name="program_surveys"),
    Route(
        "/programs/{slug:slug}/surveys/set-up",
        set_up_surveys,
        methods=["POST"],
        name="set_up_surveys",
    ),
    Route(
        "/sessions/{session_id:id}/knowledge-check",
        create_session_check,
        methods=["POST"],
        name="create_session_check",
    ),
    Route("/surveys/{survey_id:id}", answer_survey, methods=["GET", "POST"], name="survey"),
    Route("/surveys/{survey_id:id}/thanks", survey_done, name="survey_done"),
    Route(
        "/survey-links/{token:token}",
        answer_by_link,
        methods=["GET", "POST"],
        name="survey_link",
    ),
    Route("/surveys/{survey_id:id}/results", survey_results, name="survey_results"),
]
