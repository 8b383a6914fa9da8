"""Case pages: start, edit (with the PHI guard), submit, triage, transitions, trail."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.models import User
from echo.cases import notifications, outcomes, pdf, services
from echo.cases.forms import (
    BreakGlassForm,
    FollowUpQuery,
    LiveCheckForm,
    TransitionForm,
    TriageQuery,
    VersionForm,
)
from echo.cases.models import (
    ACTIONABLE_SECTIONS,
    ADOPTION,
    CHILD_STATUS,
    CONCERNS,
    OUTCOME_BARRIERS,
    RECOMMENDATION_FIELDS,
    SCHOOL_SETTINGS,
    SEXES,
    TEXT_FIELDS,
    Case,
    CaseStatus,
    Recommendation,
)
from echo.phi import Finding, check_text
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs import sessions
from echo.programs.curriculum import Resource
from echo.programs.models import Hub, Program, ProgramSession
from echo.security import permissions as can
from echo.timeutil import format_in_zone, utcnow
from echo.web.context import Context, not_found, page, redirect, render
from echo.web.params import FormErrors
from echo.web.responses import download

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


def highlight(text: str, findings: Sequence[Finding]) -> Markup:
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
    by_break_glass: bool = False  # a site administrator's audited, read-only access


class BreakGlassRequired(HTTPException):
    """A site administrator asked for a case they are not on the team of: 403 until they
    record why (the case page offers the audited action)."""

    def __init__(self, loaded: Loaded) -> None:
        super().__init__(status_code=403)
        self.loaded = loaded


def _load_case(ctx: Context) -> Loaded:
    """The case in the URL for someone allowed to see it; anyone else gets 404."""
    user = ctx.require_user()
    case = ctx.session.get(Case, ctx.request.path_params["case_id"])
    program = ctx.session.get(Program, case.program_id) if case else None
    hub = ctx.session.get(Hub, program.hub_id) if program else None
    if case is None or program is None or hub is None:
        raise not_found()
    if case.status == CaseStatus.draft and case.submitter_id != user.id:
        raise not_found()  # a draft is the submitter's alone
    if can.can_view_case(ctx.principal, case.submitter_id, hub.id or 0):
        return Loaded(case, program, hub)
    if can.can_break_glass(ctx.principal):
        loaded = Loaded(case, program, hub, by_break_glass=True)
        if services.has_break_glass_grant(ctx.session, case.id or 0, user.id):
            return loaded
        raise BreakGlassRequired(loaded)
    raise not_found()


def _form_page(
    ctx: Context,
    program: Program,
    form: services.CaseForm,
    *,
    case: Case | None = None,
    conflict: Case | None = None,
    follow_up_of: Case | None = None,
    status_code: int = 200,
) -> Response:
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
            "highlighted": _highlighted(form),
            "ack_key": services.acknowledgement_key,
            "concern_choices": CONCERNS,
            "school_choices": SCHOOL_SETTINGS,
            "sex_choices": SEXES,
            "version": conflict.version if conflict else (case.version if case else 0),
            "conflict": conflict,
            "follow_up_of": follow_up_of,
        },
        status_code=status_code,
    )


def _highlighted(form: services.GuardedForm) -> dict[str, Markup]:
    return {name: highlight(form.values[name], items) for name, items in form.findings.items()}


def _case_values(case: Case) -> services.CaseForm:
    """A form holding a saved case's answers (to edit it, or to start its follow-up)."""
    values = {name: getattr(case, name) for name in TEXT_FIELDS}
    values.update(
        age_value=str(case.age_value if case.age_value is not None else ""),
        age_unit=case.age_unit,
        sex=case.sex,
        school_setting=case.school_setting,
        attested="yes" if case.attested else "",
    )
    return services.CaseForm(values, concerns=case.concerns.split(",") if case.concerns else [])


def _follow_up_origin(ctx: Context, program: Program, user_id: int) -> Case | None:
    """The presented case a new one follows up (named in the form, or in the link)."""
    try:
        posted = ctx.parse_form(FollowUpQuery).follow_up_of if ctx.form else None
        wanted = posted or ctx.parse_query(FollowUpQuery).follow_up_of
    except FormErrors:
        raise not_found() from None
    if wanted is None:
        return None
    return services.follow_up_origin(
        ctx.session, wanted, submitter_id=user_id, program_id=program.id or 0
    )


def _version(ctx: Context) -> int:
    """The version the form was opened at; a form without one conflicts (-1 matches none)."""
    try:
        version = ctx.parse_form(VersionForm).version
    except FormErrors:
        return -1
    return -1 if version is None else version


@page(write=True)
def new_case(ctx: Context) -> Response:
    user = ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    enrollment = programs.enrollment_of(ctx.session, found[0].id or 0, user.id) if found else None
    if found is None or not program_can.can_start_case(ctx.principal, enrollment):
        raise not_found()
    program = found[0]
    origin = _follow_up_origin(ctx, program, user.id)
    if ctx.request.method == "GET":
        if origin is not None:
            # A follow-up starts from the same patient's details; the narrative is new.
            form = _case_values(origin)
            form.values.update({name: "" for name in TEXT_FIELDS if name != "gender"})
            form.values["attested"] = ""
        else:
            form = services.CaseForm({"age_unit": "years"})
        return _form_page(ctx, program, form, follow_up_of=origin)
    form, acknowledged = services.read_form(ctx.form or {})
    try:
        case = services.save(
            ctx.session,
            form=form,
            acknowledged=acknowledged,
            actor_id=user.id,
            program=program,
            follow_up_of=origin,
        )
    except services.CaseBlocked:
        return _form_page(ctx, program, form, follow_up_of=origin, status_code=422)
    return redirect(ctx.path("case", case_id=case.id), notice="case-saved")


@page(write=True)
def edit_case(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    case = loaded.case
    if not services.may_edit(case, user.id):
        raise not_found()
    if ctx.request.method == "GET":
        return _form_page(ctx, loaded.program, _case_values(case), case=case)
    form, acknowledged = services.read_form(ctx.form or {})
    try:
        services.save(
            ctx.session,
            form=form,
            acknowledged=acknowledged,
            actor_id=user.id,
            case=case,
            expected_version=_version(ctx),
        )
    except services.CaseBlocked:
        return _form_page(ctx, loaded.program, form, case=case, status_code=422)
    except services.CaseConflict as conflict:
        return _form_page(
            ctx, loaded.program, form, case=case, conflict=conflict.current, status_code=409
        )
    return redirect(ctx.path("case", case_id=case.id), notice="case-saved")


def _audit(ctx: Context, case: Case, action: str) -> None:
    """Append a view or export to the case's audit log (ids only), even on a GET."""
    with ctx.writing() as writer:
        services.record(writer, case, ctx.require_user().id, action)


@page(write=True, writes_on_get=True)
def case_page(ctx: Context) -> Response:
    try:
        loaded = _load_case(ctx)
    except BreakGlassRequired as required:
        return _break_glass_page(ctx, required.loaded, {})
    user = ctx.require_user()
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        allowed = services.available(
            loaded.case,
            is_submitter=loaded.case.submitter_id == user.id,
            runs_program=can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0),
        )
        form = None
        try:
            form = ctx.parse_form(TransitionForm)
            if form.action not in allowed:
                raise FormErrors({"action": "That action is not available for this case now."})
            if form.action == "decline" and not form.confirm:
                raise FormErrors({"confirm": "Tick the box to confirm you decline this case."})
            services.transition(
                ctx.session,
                loaded.case,
                form.action,
                actor_id=user.id,
                note=form.note,
                session_id=form.session_id,
            )
        except FormErrors as problem:
            # each action has its own form: its errors go next to its fields
            action = form.action if form is not None and form.action in allowed else ""
            errors = {f"{action}-{k}" if action else k: v for k, v in problem.errors.items()}
        else:
            notifications.case_update(
                ctx.session,
                ctx.settings,
                loaded.case.id or 0,
                form.action,
                reason=form.note if form.action == "decline" else "",
            )
            notice = CASE_NOTICES.get(form.action, "case-moved")
            return redirect(ctx.path("case", case_id=loaded.case.id), notice=notice)
    else:
        _audit(ctx, loaded.case, "view")
    return _case_view(ctx, loaded, errors)


# What each step did, said on the page it leads back to (echo.web.context.NOTICES).
CASE_NOTICES = {
    "submit": "case-submitted",
    "review": "case-in-review",
    "return": "case-returned",
    "decline": "case-declined",
    "accept": "case-accepted",
    "present": "case-presented",
    "close": "case-closed",
}


def _case_view(ctx: Context, loaded: Loaded, errors: dict[str, str]) -> Response:
    user = ctx.require_user()
    case = loaded.case
    hub_id = loaded.hub.id or 0
    is_team = can.is_hub_clinical_team(ctx.principal, hub_id)
    is_submitter = case.submitter_id == user.id
    upcoming = sessions.upcoming(ctx.session, loaded.program.id or 0) if is_team else []
    zone = user.time_zone
    scheduled = ctx.session.get(ProgramSession, case.session_id) if case.session_id else None
    recommendation = services.recommendation_of(ctx.session, case.id or 0)
    shown = _shown_recommendation(ctx, loaded, recommendation)
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
            "actions": services.available(case, is_submitter=is_submitter, runs_program=is_team),
            "transitions": services.TRANSITIONS,
            "session_choices": services.session_slots(ctx.session, case, upcoming),
            "scheduled": scheduled,
            "zone": zone,
            "errors": errors,
            "values": ctx.form_dict(),
            "trail": [
                row
                for row in services.trail(ctx.session, case.id or 0)
                if row[0].action not in services.AUDIT_ONLY_ACTIONS
            ]
            if is_team
            else [],
            "is_submitter": is_submitter,
            "may_edit": services.may_edit(case, user.id),
            "is_team": is_team,
            "by_break_glass": loaded.by_break_glass,
            "can_read_audit": can.can_read_case_audit(ctx.principal, hub_id),
            "recommendation": recommendation,
            "shown": shown,
            "rec_labels": RECOMMENDATION_LABELS,
            "rec_resources": _resources(ctx, shown) if shown else [],
            "can_draft": can.can_draft_recommendations(ctx.principal, hub_id)
            and case.status in services.DRAFTABLE,
            "can_release": can.can_release_recommendations(
                ctx.principal, hub_id, loaded.program.lead_faculty_id
            )
            and case.status == CaseStatus.presented,
            "lead": ctx.session.get(User, loaded.program.lead_faculty_id)
            if loaded.program.lead_faculty_id
            else None,
            "follow_up_of": ctx.session.get(Case, case.follow_up_of_id)
            if case.follow_up_of_id
            else None,
            "follow_ups": services.follow_ups(ctx.session, case.id or 0),
            "may_follow_up": is_submitter and case.status in services.FOLLOW_UP_FROM,
            **_outcome_view(ctx, case, shown, user.id, is_team, is_submitter),
        },
        status_code=422 if errors else 200,
    )


def _outcome_view(
    ctx: Context,
    case: Case,
    shown: Recommendation | None,
    user_id: int,
    is_team: bool,
    is_submitter: bool,
) -> dict[str, object]:
    """The outcome report for the case page: its answers for the team and the submitter,
    the link to report, the team's invitation to present an update."""
    outcome = outcomes.outcome_of(ctx.session, case.id or 0)
    if outcome is None or not (is_team or is_submitter):
        return {"outcome": None}
    return {
        "outcome": outcome,
        "outcome_sections": dict(ACTIONABLE_SECTIONS),
        "adoption_labels": dict(ADOPTION),
        "barrier_labels": dict(OUTCOME_BARRIERS),
        "child_labels": dict(CHILD_STATUS),
        "may_report": outcomes.may_report(case, outcome, user_id),
        "may_invite": is_team and outcome.answered_at is not None and outcome.invited_at is None,
    }


@page(write=True)
def case_outcome(ctx: Context) -> Response:
    """The presenter's outcome report: which recommendations were carried out, barriers,
    how the child is doing. Theirs alone, once the recommendations are released."""
    loaded = _load_case(ctx)
    user = ctx.require_user()
    case = loaded.case
    outcome = outcomes.outcome_of(ctx.session, case.id or 0)
    if outcome is None or case.submitter_id != user.id or case.status not in outcomes.ANSWERABLE:
        raise not_found()
    if outcome.answered_at is not None:
        return redirect(ctx.path("case", case_id=case.id))
    sections = outcomes.sections_of(services.recommendation_of(ctx.session, case.id or 0))
    errors: dict[str, str] = {}
    posted: dict[str, list[str]] = {}
    if ctx.request.method == "POST" and ctx.form is not None:
        posted = {k: [v for v in ctx.form.getlist(k) if isinstance(v, str)] for k in ctx.form}
        try:
            outcomes.save_report(ctx.session, outcome, sections, posted, utcnow())
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(ctx.path("case", case_id=case.id), notice="outcome-saved")
    return render(
        ctx,
        "cases/outcome.html",
        {
            "case": case,
            "program": loaded.program,
            "sections": sections,
            "adoption": ADOPTION,
            "barriers": OUTCOME_BARRIERS,
            "child_status": CHILD_STATUS,
            "posted": posted,
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def invite_update(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    outcome = outcomes.outcome_of(ctx.session, loaded.case.id or 0)
    if not can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0) or outcome is None:
        raise not_found()
    if outcome.answered_at is not None and outcome.invited_at is None:
        outcomes.invite_presentation(
            ctx.session, ctx.settings, loaded.case, outcome, user.id, utcnow()
        )
    return redirect(ctx.path("case", case_id=loaded.case.id), notice="update-invited")


# --- site administrators: audited access ------------------------------------------------------


def _break_glass_page(ctx: Context, loaded: Loaded, errors: dict[str, str]) -> Response:
    return render(
        ctx,
        "cases/break_glass.html",
        {
            "case": loaded.case,
            "program": loaded.program,
            "hub": loaded.hub,
            "minutes": services.BREAK_GLASS_MINUTES,
            "errors": errors,
            "values": ctx.form_dict(),
        },
        status_code=422 if errors else 403,
    )


@page(write=True)
def break_glass(ctx: Context) -> Response:
    """A site administrator records why they open a case; the hub's trail shows it."""
    user = ctx.require_user()
    try:
        loaded = _load_case(ctx)
    except BreakGlassRequired as required:
        loaded = required.loaded
    if not loaded.by_break_glass:
        return redirect(ctx.path("case", case_id=loaded.case.id))
    try:
        reason = ctx.parse_form(BreakGlassForm).reason
        services.open_by_break_glass(ctx.session, loaded.case, actor_id=user.id, reason=reason)
    except FormErrors as problem:
        return _break_glass_page(ctx, loaded, problem.errors)
    return redirect(ctx.path("case", case_id=loaded.case.id), notice="case-opened")


@page()
def audit_trail(ctx: Context) -> Response:
    """Every view, edit, transition and export of the case, for the hub's coordinators."""
    loaded = _load_case(ctx)
    if not can.can_read_case_audit(ctx.principal, loaded.hub.id or 0):
        raise not_found()
    return render(
        ctx,
        "cases/audit.html",
        {
            "case": loaded.case,
            "program": loaded.program,
            "trail": services.trail(ctx.session, loaded.case.id or 0),
            "zone": ctx.require_user().time_zone,
        },
    )


# --- written recommendations ------------------------------------------------------------------

RECOMMENDATION_LABELS = {
    "restated_question": "The question, restated",
    "diagnostic_considerations": "Diagnostic considerations",
    "treatment": "Treatment suggestions (medications with doses)",
    "supports": "Therapy and school supports",
    "safety_plan": "Safety planning",
    "follow_up": "Suggested follow-up",
}


def _shown_recommendation(
    ctx: Context, loaded: Loaded, recommendation: Recommendation | None
) -> Recommendation | None:
    """The hub team (and an audited administrator) read drafts; the submitter only what
    the lead released."""
    if recommendation is None:
        return None
    if recommendation.released_at is not None:
        return recommendation
    if can.is_hub_clinical_team(ctx.principal, loaded.hub.id or 0) or loaded.by_break_glass:
        return recommendation
    return None


def _resources(ctx: Context, recommendation: Recommendation) -> list[Resource]:
    toolkits: dict[str, Resource] = ctx.request.app.state.toolkits
    return [toolkits[r] for r in recommendation.resource_ids.split(",") if r in toolkits]


def _recommendation_form_page(
    ctx: Context,
    loaded: Loaded,
    form: services.RecommendationForm,
    *,
    version: int,
    conflict: bool = False,
    status_code: int = 200,
) -> Response:
    toolkits: dict[str, Resource] = ctx.request.app.state.toolkits
    return render(
        ctx,
        "cases/recommendations_form.html",
        {
            "case": loaded.case,
            "program": loaded.program,
            "form": form,
            "values": form.values,
            "errors": form.errors,
            "labels": RECOMMENDATION_LABELS,
            "fields": RECOMMENDATION_FIELDS,
            "highlighted": _highlighted(form),
            "ack_key": services.acknowledgement_key,
            "toolkits": sorted(toolkits.values(), key=lambda r: (r.publisher, r.title)),
            "version": version,
            "conflict": conflict,
        },
        status_code=status_code,
    )


@page(write=True)
def edit_recommendations(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    case = loaded.case
    if not can.can_draft_recommendations(ctx.principal, loaded.hub.id or 0):
        raise not_found()
    if case.status not in services.DRAFTABLE:
        return redirect(ctx.path("case", case_id=case.id))
    current = services.recommendation_of(ctx.session, case.id or 0)
    if ctx.request.method == "GET":
        form = services.RecommendationForm(
            services.recommendation_values(current),
            resource_ids=current.resource_ids.split(",")
            if current and current.resource_ids
            else [],
        )
        return _recommendation_form_page(
            ctx, loaded, form, version=current.version if current else 0
        )
    form, acknowledged = services.read_recommendation_form(
        ctx.form or {}, set(ctx.request.app.state.toolkits)
    )
    version = _version(ctx)
    try:
        services.save_recommendation(
            ctx.session,
            case,
            form=form,
            acknowledged=acknowledged,
            actor_id=user.id,
            expected_version=version,
        )
    except services.CaseBlocked:
        return _recommendation_form_page(ctx, loaded, form, version=version, status_code=422)
    except services.RecommendationConflict as conflict:
        saved = conflict.current.version if conflict.current else 0
        return _recommendation_form_page(
            ctx, loaded, form, version=saved, conflict=True, status_code=409
        )
    return redirect(ctx.path("case", case_id=case.id), notice="recommendations-saved")


@page(write=True)
def release_recommendations(ctx: Context) -> Response:
    loaded = _load_case(ctx)
    user = ctx.require_user()
    lead = loaded.program.lead_faculty_id
    if not can.can_release_recommendations(ctx.principal, loaded.hub.id or 0, lead):
        raise not_found()
    try:
        services.release(ctx.session, loaded.case, actor_id=user.id)
    except FormErrors as problem:
        return _case_view(ctx, loaded, problem.errors)
    notifications.case_update(ctx.session, ctx.settings, loaded.case.id or 0, "release")
    return redirect(ctx.path("case", case_id=loaded.case.id), notice="recommendations-released")


def _readable_recommendation(ctx: Context) -> tuple[Loaded, Recommendation]:
    loaded = _load_case(ctx)
    recommendation = _shown_recommendation(
        ctx, loaded, services.recommendation_of(ctx.session, loaded.case.id or 0)
    )
    if recommendation is None:
        raise not_found()
    return loaded, recommendation


@page(writes_on_get=True)
def printable_recommendations(ctx: Context) -> Response:
    loaded, recommendation = _readable_recommendation(ctx)
    user = ctx.require_user()
    _audit(ctx, loaded.case, "view recommendations")
    scheduled = (
        ctx.session.get(ProgramSession, loaded.case.session_id) if loaded.case.session_id else None
    )
    return render(
        ctx,
        "cases/recommendations.html",
        {
            "case": loaded.case,
            "program": loaded.program,
            "hub": loaded.hub,
            "shown": recommendation,
            "rec_labels": RECOMMENDATION_LABELS,
            "rec_resources": _resources(ctx, recommendation),
            "scheduled": scheduled,
            "released_by": ctx.session.get(User, recommendation.released_by_id)
            if recommendation.released_by_id
            else None,
            "zone": user.time_zone,
            "disclaimer": RECOMMENDATION_DISCLAIMER,
        },
    )


@page(writes_on_get=True)
def recommendations_pdf(ctx: Context) -> Response:
    loaded, recommendation = _readable_recommendation(ctx)
    user = ctx.require_user()
    _audit(ctx, loaded.case, "export pdf")
    zone = user.time_zone
    scheduled = (
        ctx.session.get(ProgramSession, loaded.case.session_id) if loaded.case.session_id else None
    )
    released_by = (
        ctx.session.get(User, recommendation.released_by_id)
        if recommendation.released_by_id
        else None
    )
    document = pdf.RecommendationDocument(
        title=f"Recommendations for case {loaded.case.id}"
        + ("" if recommendation.released_at else " (draft, not released)"),
        program_title=loaded.program.title,
        hub_name=loaded.hub.name,
        presented_on=format_in_zone(scheduled.starts_at, zone) if scheduled else "",
        released_by=released_by.display_name if released_by else "",
        released_on=format_in_zone(recommendation.released_at, zone)
        if recommendation.released_at
        else "",
        question=loaded.case.question,
        sections=[
            (label, getattr(recommendation, name)) for name, label in RECOMMENDATION_LABELS.items()
        ],
        resources=[
            (r.title, r.publisher, r.url or r.citation or "")
            for r in _resources(ctx, recommendation)
        ],
        footer=RECOMMENDATION_DISCLAIMER,
    )
    filename = f"case-{loaded.case.id}-recommendations.pdf"
    return download(pdf.render_pdf(document), filename, "application/pdf")


RECOMMENDATION_DISCLAIMER = (
    "Educational recommendations from an ECHO case consultation. The treating clinician "
    "remains responsible for the patient's care."
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
    filters, errors = TriageQuery.parse_partly(ctx.request.query_params)
    rows = services.triage_queue(
        ctx.session,
        hub.id or 0,
        program_slug=filters.program,
        status=filters.status,
        concern=filters.concern,
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
            "filters": filters.model_dump(),
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def live_check(ctx: Context) -> Response:
    """htmx: findings for one field while the person types. Nothing is stored or logged."""
    ctx.require_user()
    try:
        name = ctx.parse_form(LiveCheckForm).field
    except FormErrors:
        raise not_found() from None
    return findings_fragment(ctx, name, TEXT_FIELDS.get(name) or RECOMMENDATION_FIELDS[name])


def findings_fragment(ctx: Context, name: str, limit: int) -> Response:
    """The guard's findings for the posted field ``name`` (of at most ``limit`` characters;
    twice that is read, so an over-long text still shows its identifiers): the htmx
    fragment under a guarded field, for every form with one (cases, consults)."""
    text = services.guarded_values(ctx.form_dict(), {name: limit})[name][: limit * 2]
    checked = check_text(text)
    return render(
        ctx,
        "cases/_findings.html",
        {
            "field_name": name,
            "findings": checked.findings,
            "message": checked.advice,
            "highlighted": highlight(text, checked.findings),
        },
    )


def guarded_form_context(form: services.GuardedForm) -> dict[str, object]:
    """What templates/cases/_guarded.html needs of a form checked by the guard."""
    return {
        "form": form,
        "values": form.values,
        "errors": form.errors,
        "highlighted": _highlighted(form),
        "ack_key": services.acknowledgement_key,
    }


routes = [
    Route("/programs/{slug:slug}/cases/new", new_case, methods=["GET", "POST"], name="case_new"),
    Route("/cases/check", live_check, methods=["POST"], name="case_check"),
    Route("/cases/{case_id:id}", case_page, methods=["GET", "POST"], name="case"),
    Route("/cases/{case_id:id}/edit", edit_case, methods=["GET", "POST"], name="case_edit"),
    Route("/cases/{case_id:id}/open", break_glass, methods=["POST"], name="case_break_glass"),
    Route("/cases/{case_id:id}/audit", audit_trail, name="case_audit"),
    Route(
        "/cases/{case_id:id}/outcome", case_outcome, methods=["GET", "POST"], name="case_outcome"
    ),
    Route(
        "/cases/{case_id:id}/outcome/invite",
        invite_update,
        methods=["POST"],
        name="case_invite_update",
    ),
    Route(
        "/cases/{case_id:id}/recommendations/edit",
        edit_recommendations,
        methods=["GET", "POST"],
        name="recommendations_edit",
    ),
    Route(
        "/cases/{case_id:id}/recommendations/release",
        release_recommendations,
        methods=["POST"],
        name="recommendations_release",
    ),
    Route(
        "/cases/{case_id:id}/recommendations",
        printable_recommendations,
        name="recommendations",
    ),
    Route(
        "/cases/{case_id:id}/recommendations.pdf",
        recommendations_pdf,
        name="recommendations_pdf",
    ),
    Route("/me/cases", my_cases, name="my_cases"),
    Route("/hubs/{hub:slug}/cases", triage, name="triage"),
]
