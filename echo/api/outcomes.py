"""A program's or a hub's outcomes through the API: the figures its outcomes page shows (the same
dashboard, echo.outcomes.dashboard, for the same people: can_view_outcomes), with the
page's small-cell suppression (echo.outcomes.stats.shown): survey and outcome-report
figures are null below MIN_RESPONDENTS people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from echo.api.kit import ApiContext, not_found
from echo.api.schemas import (
    CaseOutcomes,
    CreditIssued,
    HubOutcomes,
    OutcomeMonth,
    OutcomeSession,
    PeopleCount,
    PeriodOut,
    ProgramOutcomes,
    RecommendationUptake,
    ScaleOutcome,
    SurveyResponses,
)
from echo.cases.models import CHILD_STATUS
from echo.outcomes import dashboard, stats
from echo.outcomes.forms import PeriodQuery
from echo.outcomes.surveys import ScaleChange
from echo.programs import services as programs
from echo.programs import zones
from echo.programs.models import Program
from echo.security import permissions as can


def program_outcomes(ctx: ApiContext) -> ProgramOutcomes:
    """A program's outcomes, as its outcomes page shows them (every role of its hub)."""
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None or not can.can_view_outcomes(ctx.principal, found[1].id or 0):
        raise not_found()
    program, hub = found
    zone = zones.zone_of_program(ctx.session, program, hub)
    figures = _figures(ctx, [program], program.title, zone)
    url = ctx.path("program_outcomes", slug=program.slug)
    return ProgramOutcomes(program=program.slug, url=url, **figures)


def hub_outcomes(ctx: ApiContext) -> HubOutcomes:
    """A hub's outcomes, its programs together, as the hub's outcomes page shows them."""
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not can.can_view_outcomes(ctx.principal, hub.id or 0):
        raise not_found()
    counted = list(programs.hub_programs(ctx.session, hub.id or 0))
    figures = _figures(ctx, counted, hub.name, hub.time_zone)
    return HubOutcomes(
        hub=hub.slug,
        programs=[program.slug for program in counted],
        url=ctx.path("hub_outcomes", hub=hub.slug),
        **figures,
    )


def _figures(ctx: ApiContext, counted: list[Program], title: str, zone: str) -> dict[str, Any]:
    """The dashboard of ``counted`` in the asked period, as the fields of OutcomeFigures."""
    query = ctx.query(PeriodQuery)
    period = dashboard.Period(query.start, query.end)
    board = dashboard.build(
        ctx.session, counted, title=title, zone=zone, period=period, now=ctx.now
    )
    return {
        "time_zone": zone,
        "period": PeriodOut(start=period.start, end=period.end),
        "min_respondents": stats.MIN_RESPONDENTS,
        "sessions_held": len(board.sessions),
        "unique_participants": board.unique_participants,
        "attendances": board.attendances,
        "sessions_per_participant": board.mean_sessions_per_participant,
        "mean_share_enrolled": board.mean_share_enrolled,
        "practices": board.unique_practices,
        "rural_share": board.rural_share,
        "cases_presented": board.cases_presented,
        "recommendations_released": board.recommendations_released,
        "moore_level": board.moore_level,
        "moore_label": stats.MOORE_LABELS[board.moore_level] if board.moore_level else None,
        "sessions": [
            OutcomeSession(
                session_id=row.session_id,
                session_date=row.day,
                title=row.title,
                participants=row.participants,
                enrolled=row.enrolled,
                unique_so_far=row.unique_so_far,
            )
            for row in board.sessions
        ],
        "months": [
            OutcomeMonth(
                month=m.month.strftime("%Y-%m"),
                sessions=m.sessions,
                attendances=m.attendances,
                unique_so_far=m.unique_so_far,
            )
            for m in board.months
        ],
        "retention": _counts(board.retention),
        "professions": _counts(board.professions),
        "practice_settings": _counts(board.settings),
        "practice_types": _counts(board.practice_types),
        "states": _counts(board.states),
        "credits": [
            CreditIssued(kind=kind, total=str(total), people=people)
            for kind, total, people in board.credits
        ],
        "surveys": [
            SurveyResponses(
                survey_id=row.survey.id or 0,
                title=row.survey.title,
                kind=row.survey.kind,
                respondents=row.respondents,
                asked=row.invited,
                response_rate=str(row.rate) if row.rate is not None else None,
            )
            for row in board.surveys
        ],
        "scales": [_scale(scale) for scale in board.scales],
        "case_outcomes": _case_outcomes(board),
    }


def _counts(pairs: Sequence[tuple[str, int]]) -> list[PeopleCount]:
    return [PeopleCount(group=label, participants=n) for label, n in pairs]


def _scale(scale: ScaleChange) -> ScaleOutcome:
    change = scale.change if scale.shown else None
    return ScaleOutcome(
        label=scale.label,
        comparison=scale.design_label,
        pairs=scale.pairs,
        shown=change is not None,
        mean_before=change.mean_before if change else None,
        mean_after=change.mean_after if change else None,
        mean_change=change.mean_difference if change else None,
        ci_low=change.ci_low if change else None,
        ci_high=change.ci_high if change else None,
        wilcoxon_p=change.wilcoxon_p if change else None,
        effect_size=change.effect_size if change else None,
    )


def _case_outcomes(board: dashboard.Dashboard) -> CaseOutcomes:
    summary = board.case_outcomes
    shown = stats.shown(summary.reports)
    return CaseOutcomes(
        reports=summary.reports,
        asked=summary.asked,
        shown=shown,
        changed_plan=summary.changed_plan if shown else None,
        wants_to_present=summary.wants_to_present if shown else None,
        recommendations=[
            RecommendationUptake(
                recommendation=label,
                reports=reports,
                carried_out=done,
                partly=partly,
                not_yet=not_yet,
            )
            for label, reports, done, partly, not_yet in summary.rows()
        ]
        if shown
        else [],
        child_status=[
            PeopleCount(group=label, participants=summary.child_status[key])
            for key, label in CHILD_STATUS
        ]
        if shown
        else [],
    )
