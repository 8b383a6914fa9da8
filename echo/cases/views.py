"""Case pages: start, edit (with the PHI guard), submit, triage, transitions, trail."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape
from starlette.responses import Response
from starlette.routing import Route

from echo.cases import services
from echo.cases.models import CONCERNS, SCHOOL_SETTINGS, SEXES, TEXT_FIELDS, Case, CaseStatus
from echo.cases.phi import Finding, scan
from echo.forms import FormErrors
from echo.programs import services as programs
from echo.programs import sessions
from echo.programs.models import Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.web import Context, not_found, page, redirect, render

FIELD_LABELS = {
    "gender": "Gender identity",
    "history": "History of the presenting concerns",
    "screening": "Screening results (instrument, score, year)",
    "medications": "Current medications and doses",
    "tried": "What has been tried",
    "family_context": "Family and social context",
    "safety_concerns": "Safety concerns",
    "question": "Your question for the hub",
}


def highlight(text: str, findings: list[Finding]) -> Markup:
    """The text with each finding wrapped in <mark>, everything else escaped."""
    parts: list[str] = []
    position = 0
    for number, finding in enumerate(findings, start=1):
        parts.append(str(escape(text[position : finding.start])))
        parts.append(
            f'<mark class="phi-{finding.severity}" aria-describedby="finding-{number}">'
            f"{escape(finding.text)}</mark>"
        )
        position = finding.end
    parts.append(str(escape(text[position:])))
    return Markup("".join(parts))  # noqa: S704 - every piece above is escaped


@dataclass(frozen=True)
class Loaded:
    case: Case
    program: Program
    hub: Hub


def _load_case(ctx: Context) -> Loaded:
    """The case in the URL for someone allowed to see it; anyone else gets 404."""
    user = ctx.require_user()
    case = ctx.session.get(Case, ctx.request.path_params["case_id"])
    program = ctx.session.get(Program, case.program_id) if case else None
    hub = ctx.session.get(Hub, program.hub_id) if program else None
    if case is None or program is None or hub is None:
        raise not_found()
    if not can.can_view_case(ctx.principal, case.submitter_id, hub.id or 0):
        raise not_found()
    if case.status == CaseStatus.draft and case.submitter_id != user.id:
        raise not_found()  # a draft is the submitter's alone
    return Loaded(case, program, hub)


def _form_page(
    ctx: Context,
    program: Program,
    form: services.CaseForm,
    *,
    case: Case | None = None,
    conflict: Case | None = None,
    status_code: int = 200,
) -> Response:
    findings = [(name, f) for name, items in form.findings.items() for f in items]
    return render(
        ctx,
        "cases/form.html",
        {
            "program": program,
            "case": case,
            "form": form,
            "values": form.values,
            "errors": form.errors,
            "labels": FIELD_LABELS,
            "text_fields": TEXT_FIELDS,
            "highlighted": {
                name: highlight(form.values[name], items) for name, items in form.findings.items()
            },
            "numbered": list(enumerate(findings, start=1)),
            "ack_key": services.acknowledgement_key,
            "concern_choices": CONCERNS,
            "school_choices": SCHOOL_SETTINGS,
            "sex_choices": SEXES,
            "version": conflict.version if conflict else (case.version if case else 0),
            "conflict": conflict,
        },
        status_code=status_code,
    )


def _concerns(ctx: Context) -> list[str]:
    return [v for v in ctx.form.getlist("concerns") if isinstance(v, str)] if ctx.form else []


def _acknowledged(ctx: Context) -> set[str]:
    return {v for v in ctx.form.getlist("ack") if isinstance(v, str)} if ctx.form else set()


@page(write=True)
def new_case(ctx: Context) -> Response:
    user = ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    enrollment = programs.enrollment_of(ctx.session, found[0].id or 0, user.id) if found else None
    if found is None or not can.can_start_case(ctx.principal, enrollment):
        raise not_found()
    program = found[0]
    if ctx.request.method == "GET":
        return _form_page(ctx, program, services.CaseForm({"age_unit": "years"}, []))
    form = services.read_form(ctx.form_dict(), _concerns(ctx))
    try:
        case = services.save(
            ctx.session,
            form=form,
            acknowledged=_acknowledged(ctx),
            actor_id=user.id,
            program=program,
        )
    except services.CaseBlocked:
        return _form_page(ctx, program, form, status_code=422)
    return redirect(f"/cases/{case.id}", notice="case-saved")


@page(write=True)
def edit_case(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    case = loaded.case
    if case.submitter_id != user.id or case.status not in (CaseStatus.draft, CaseStatus.returned):
        raise not_found()
    if ctx.request.method == "GET":
        values = {name: getattr(case, name) for name in TEXT_FIELDS}
        values.update(
            age_value=str(case.age_value or ""),
            age_unit=case.age_unit,
            sex=case.sex,
            school_setting=case.school_setting,
            attested="yes" if case.attested else "",
        )
        form = services.CaseForm(values, case.concerns.split(",") if case.concerns else [])
        return _form_page(ctx, loaded.program, form, case=case)
    form = services.read_form(ctx.form_dict(), _concerns(ctx))
    version = int(ctx.field("version") or 0)
    try:
        services.save(
            ctx.session,
            form=form,
            acknowledged=_acknowledged(ctx),
            actor_id=user.id,
            case=case,
            expected_version=version,
        )
    except services.CaseBlocked:
        return _form_page(ctx, loaded.program, form, case=case, status_code=422)
    except services.CaseConflict as conflict:
        return _form_page(
            ctx, loaded.program, form, case=case, conflict=conflict.current, status_code=409
        )
    return redirect(f"/cases/{case.id}", notice="case-saved")


@page(write=True)
def case_page(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        action = ctx.field("action")
        allowed = services.available(
            loaded.case,
            is_submitter=loaded.case.submitter_id == user.id,
            runs_program=can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0),
        )
        if action not in allowed:
            errors["action"] = "That action is not available for this case now."
        else:
            session_id = ctx.field("session_id")
            try:
                services.transition(
                    ctx.session,
                    loaded.case,
                    action,
                    actor_id=user.id,
                    note=ctx.field("note"),
                    session_id=int(session_id) if session_id.isdigit() else None,
                )
            except FormErrors as problem:
                errors = problem.errors
            else:
                return redirect(f"/cases/{loaded.case.id}", notice="case-moved")
    else:
        services.record(ctx.session, loaded.case, user.id, "view")
    return _case_view(ctx, loaded, errors)


def _case_view(ctx: Context, loaded: Loaded, errors: dict[str, str]) -> Response:
    user = ctx.require_user()
    case = loaded.case
    is_team = can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0)
    upcoming = sessions.upcoming(ctx.session, loaded.program.id or 0) if is_team else []
    zone = user.time_zone
    scheduled = ctx.session.get(ProgramSession, case.session_id) if case.session_id else None
    return render(
        ctx,
        "cases/case.html",
        {
            "case": case,
            "program": loaded.program,
            "hub": loaded.hub,
            "labels": FIELD_LABELS,
            "text_fields": TEXT_FIELDS,
            "concern_names": dict(CONCERNS),
            "school_names": dict(SCHOOL_SETTINGS),
            "sex_names": dict(SEXES),
            "actions": services.available(
                case, is_submitter=case.submitter_id == user.id, runs_program=is_team
            ),
            "transitions": services.TRANSITIONS,
            "session_choices": [(str(s.id), s.starts_at) for s in upcoming],
            "scheduled": scheduled,
            "zone": zone,
            "errors": errors,
            "values": ctx.form_dict(),
            "trail": services.trail(ctx.session, case.id or 0) if is_team else [],
            "is_submitter": case.submitter_id == user.id,
        },
        status_code=422 if errors else 200,
    )


@page()
def my_cases(ctx: Context) -> Response:
    user = ctx.require_user()
    return render(
        ctx, "cases/mine.html", {"cases": services.cases_of_submitter(ctx.session, user.id)}
    )


@page()
def triage(ctx: Context) -> Response:
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not can.is_hub_clinical_team(ctx.principal, hub.id or 0):
        raise not_found()
    params = ctx.request.query_params
    rows = services.triage_queue(
        ctx.session,
        hub.id or 0,
        program_slug=params.get("program", ""),
        status=params.get("status", ""),
        concern=params.get("concern", ""),
    )
    return render(
        ctx,
        "cases/triage.html",
        {
            "hub": hub,
            "rows": rows,
            "programs": programs.hub_programs(ctx.session, hub.id or 0),
            "statuses": [s.value for s in CaseStatus if s != CaseStatus.draft],
            "concern_choices": CONCERNS,
            "filters": {k: params.get(k, "") for k in ("program", "status", "concern")},
        },
    )


@page(write=True)
def live_check(ctx: Context) -> Response:
    """htmx: findings for one field while the person types. Nothing is stored or logged."""
    ctx.require_user()
    name = ctx.field("field")
    if name not in TEXT_FIELDS:
        raise not_found()
    text = ctx.field(name)[: TEXT_FIELDS[name] * 2]
    findings = scan(text)
    return render(
        ctx,
        "cases/_findings.html",
        {"name": name, "findings": findings, "highlighted": highlight(text, findings)},
    )


routes = [
    Route("/programs/{slug}/cases/new", new_case, methods=["GET", "POST"], name="case_new"),
    Route("/cases/check", live_check, methods=["POST"], name="case_check"),
    Route("/cases/{case_id:int}", case_page, methods=["GET", "POST"], name="case"),
    Route("/cases/{case_id:int}/edit", edit_case, methods=["GET", "POST"], name="case_edit"),
    Route("/me/cases", my_cases, name="my_cases"),
    Route("/hubs/{hub}/cases", triage, name="triage"),
]
