"""Consult line pages: ask (with the PHI guard), the liaison's queue with its live timer,
assignment from the on-call rotation, the call-back log, the consult note and its PDF,
billing support, the rotation and the line's settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.models import User
from echo.cases import pdf
from echo.cases.models import SEXES
from echo.cases.views import findings_fragment, guarded_form_context
from echo.consult import (
    billing,
    directory,
    directory_views,
    notifications,
    practices,
    reports,
    rota,
)
from echo.consult import services as consults
from echo.consult.forms import (
    AssignForm,
    CallForm,
    CaseProgramForm,
    CheckForm,
    ConfirmForm,
    LineForm,
    LineSettingsForm,
    ReportQuery,
    RequesterBillingForm,
    RotationForm,
    SubstitutionForm,
)
from echo.consult.models import (
    DISPOSITIONS,
    FOLLOW_UP_OUTCOMES,
    NOTE_FIELDS,
    REASONS,
    RECOMMENDATION_TYPES,
    REQUEST_FIELDS,
    RESPONSES,
    SERVICE_TYPES,
    URGENCIES,
    ConsultLine,
    ConsultRequest,
    ConsultStatus,
    Practice,
)
from echo.programs import permissions as program_can
from echo.programs import services as programs
from echo.programs.models import Hub
from echo.security import permissions as can
from echo.timeutil import format_in_zone, utcnow
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors
from echo.web.responses import download

add_notices(
    {
        "consult-sent": "Your request is on the line's queue. Nothing with an identifier "
        "was stored.",
        "consult-assigned": "The consult is assigned; the consultant has an email.",
        "consult-call-started": "The call is logged as started; the response timer stopped.",
        "consult-call-ended": "The call is logged as ended.",
        "consult-answered": "The consult note is saved; the requester can read it now.",
        "consult-time-saved": "Your time and consent attestation are saved.",
        "consult-closed": "The consult is closed.",
        "consult-case-started": "A case draft is ready from the consult: complete it, tick "
        "the de-identification box and submit it to the program.",
        "consult-cancelled": "Your request is withdrawn.",
        "consult-not-open": "This consult has moved on; the page shows where it stands.",
        "consult-repeat": "You sent this question a moment ago: it is this request, already "
        "on the queue. Nothing was sent twice.",
        "line-saved": "The consult line is saved.",
        "rotation-saved": "The on-call rotation is saved.",
        "substitution-saved": "The substitution is saved.",
    }
)

REQUEST_LABELS = {
    "practice_id": "Practice",
    "urgency": "How urgent",
    "preferred_response": "How to answer",
    "age_value": "Child's age",
    "age_unit": "Age in",
    "sex": "Sex",
    "reasons": "Reason for the consult",
    "concerns": "Concerns (optional): what is happening, for how long, what has been tried",
    "medications": "Current medications and doses (optional)",
    "question": "Your question for the consultant",
}
NOTE_LABELS = {
    "assessment": "Assessment",
    "recommendations": "Recommendations",
    "safety": "Safety",
    "follow_up": "Follow-up and when to call again",
    "disposition": "Disposition",
    "recommendation_types": "Recommendation types",
    "discussion_minutes": "Minutes of discussion with the requester",
    "review_minutes": "Minutes reviewing data",
    "modality": "How the advice was given",
}
CHOICE_LABELS = {
    "urgency": dict(URGENCIES),
    "response": dict(RESPONSES),
    "reason": dict(REASONS),
    "sex": dict(SEXES),
    "disposition": dict(DISPOSITIONS),
    "recommendation": dict(RECOMMENDATION_TYPES),
    "service": dict(SERVICE_TYPES),
    "follow_up": dict(FOLLOW_UP_OUTCOMES),
    "modality": dict(billing.MODALITIES),
}
NOTE_DISCLAIMER = (
    "Advice from a child psychiatry consult line to the treating clinician, who remains "
    "responsible for the patient's care."
)
QUEUE_REFRESH_SECONDS = 15


# --- loading with permission ------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    request: ConsultRequest
    line: ConsultLine
    hub: Hub
    practice: Practice
    in_practice: bool  # the viewer is an active member of the practice that asked

    @property
    def hub_id(self) -> int:
        return self.hub.id or 0


def _load(ctx: Context) -> Loaded:
    """The request in the URL for its practice's members and the hub's team; else 404."""
    user = ctx.require_user()
    request = ctx.session.get(ConsultRequest, ctx.request.path_params["request_id"])
    line = ctx.session.get(ConsultLine, request.line_id) if request else None
    hub = ctx.session.get(Hub, line.hub_id) if line else None
    practice = ctx.session.get(Practice, request.practice_id) if request else None
    if request is None or line is None or hub is None or practice is None:
        raise not_found()
    in_practice = practice.id in practices.active_practice_ids(ctx.session, user.id)
    if not can.can_view_consult(ctx.principal, hub.id or 0, in_requesting_practice=in_practice):
        raise not_found()
    return Loaded(request, line, hub, practice, in_practice)


def _line(ctx: Context) -> tuple[ConsultLine, Hub]:
    found = consults.line_by_slug(ctx.session, ctx.request.path_params["line"])
    if found is None:
        raise not_found()
    return found


def _line_for_team(ctx: Context) -> tuple[ConsultLine, Hub]:
    ctx.require_user()
    line, hub = _line(ctx)
    if not can.can_work_consult_line(ctx.principal, hub.id or 0):
        raise not_found()
    return line, hub


# --- asking -------------------------------------------------------------------------------


def _request_form_page(
    ctx: Context,
    line: ConsultLine,
    hub: Hub,
    choices: list[Practice],
    form: consults.RequestForm,
    *,
    status_code: int = 200,
) -> Response:
    user = ctx.require_user_record(User)
    return render(
        ctx,
        "consult/request_form.html",
        {
            "line": line,
            "hub": hub,
            "practices": choices,
            "practice_choices": [(str(p.id), p.name) for p in choices],
            **guarded_form_context(form),
            "labels": REQUEST_LABELS,
            "text_fields": REQUEST_FIELDS,
            "urgency_choices": URGENCIES,
            "response_choices": RESPONSES,
            "reason_choices": REASONS,
            "sex_choices": SEXES,
            "work_phone": user.work_phone,
        },
        status_code=status_code,
    )


@page(write=True)
def new_request(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    line, hub = _line(ctx)
    choices = practices.enrolled_practices(
        ctx.session, line.id or 0, practices.active_practice_ids(ctx.session, user.id or 0)
    )
    if not choices or not line.is_open:
        raise not_found()
    if ctx.request.method == "GET":
        empty = consults.RequestForm({"age_unit": "years", "practice_id": str(choices[0].id)})
        return _request_form_page(ctx, line, hub, choices, empty)
    form, acknowledged = consults.read_request(ctx.form or {})
    chosen = {p.id: p for p in choices}
    picked = form.choices.practice_id if form.choices else None
    practice = chosen.get(picked) if len(choices) > 1 else choices[0]
    if practice is None:
        form.errors["practice_id"] = "Choose the practice you are asking for."
        return _request_form_page(ctx, line, hub, choices, form, status_code=422)
    try:
        request = consults.submit(
            ctx.session,
            form=form,
            acknowledged=acknowledged,
            line=line,
            practice=practice,
            requester=user,
        )
    except consults.ConsultBlocked:
        return _request_form_page(ctx, line, hub, choices, form, status_code=422)
    except consults.AlreadySent as repeat:
        return redirect(ctx.path("consult", request_id=repeat.request.id), notice="consult-repeat")
    notifications.new_request(
        ctx.session, ctx.settings, request, line, consults.liaisons(ctx.session, hub.id or 0)
    )
    return redirect(ctx.path("consult", request_id=request.id), notice="consult-sent")


@page(write=True)
def live_check(ctx: Context) -> Response:
    """htmx: findings for one field of a request or a note while it is typed. Nothing is
    stored or logged."""
    ctx.require_user()
    try:
        name = ctx.parse_form(CheckForm).field
    except FormErrors:
        raise not_found() from None
    return findings_fragment(ctx, name, {**REQUEST_FIELDS, **NOTE_FIELDS}[name])


# --- the request's page -------------------------------------------------------------------


def _consult_page(
    ctx: Context, loaded: Loaded, errors: dict[str, str], typed: dict[str, str] | None = None
) -> Response:
    """The consult's page; ``typed``: what a form on it sent, shown again with ``errors``."""
    user = ctx.require_user()
    request = loaded.request
    time_values = typed or {
        "requester_minutes": ""
        if request.requester_minutes is None
        else str(request.requester_minutes),
        "consent_attested": "yes" if request.consent_attested else "",
    }
    hub_id = loaded.hub_id
    now = utcnow()
    may_liaise = can.can_liaise(ctx.principal, hub_id)
    may_write = can.can_write_consult_note(ctx.principal, hub_id, request.assigned_to_id)
    on_team = can.can_work_consult_line(ctx.principal, hub_id)
    note = consults.note_of(ctx.session, request.id or 0)
    on_call_id = consults.on_call(ctx.session, loaded.line, loaded.hub, now)
    found = consults.billing_support_of(request) if loaded.line.billing_support else None
    return render(
        ctx,
        "consult/consult.html",
        {
            **directory_views.coordination_context(ctx, request, loaded.line),
            "consult": request,
            "line": loaded.line,
            "hub": loaded.hub,
            "practice": loaded.practice,
            "requester": ctx.session.get(User, request.requester_id),
            "assignee": ctx.session.get(User, request.assigned_to_id)
            if request.assigned_to_id
            else None,
            "note": note,
            "note_author": ctx.session.get(User, note.written_by_id)
            if note and note.written_by_id
            else None,
            "timer": rota.timer(request.created_at, request.target_at, request.responded_at, now),
            "is_open": request.status in (ConsultStatus.waiting, ConsultStatus.assigned),
            "on_team": on_team,
            "may_liaise": may_liaise,
            "may_write": may_write,
            "in_practice": loaded.in_practice,
            "is_requester": request.requester_id == user.id,
            "case_programs": _case_programs(ctx, user.id)
            if request.requester_id == user.id and request.case_id is None
            else [],
            "consultant_choices": [
                (str(c.id), c.display_name) for c in consults.consultants(ctx.session, hub_id)
            ]
            if may_liaise
            else [],
            "on_call": ctx.session.get(User, on_call_id) if on_call_id else None,
            "billing": found,
            "billing_disclaimer": billing.DISCLAIMER,
            "trail": consults.trail(ctx.session, request.id or 0) if on_team else [],
            "labels": CHOICE_LABELS,
            "note_labels": NOTE_LABELS,
            "note_fields": NOTE_FIELDS,
            "errors": errors,
            "typed": typed or {},
            "time_values": time_values,
            "zone": user.time_zone,
        },
        status_code=422 if errors else 200,
    )


@page()
def consult_page(ctx: Context) -> Response:
    return _consult_page(ctx, _load(ctx), {})


@page(write=True)
def assign(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    if not can.can_liaise(ctx.principal, loaded.hub_id):
        raise not_found()
    try:
        form = ctx.parse_form(AssignForm)
    except FormErrors as problems:
        return _consult_page(ctx, loaded, problems.errors)
    consultant = next(
        (c for c in consults.consultants(ctx.session, loaded.hub_id) if c.id == form.consultant_id),
        None,
    )
    if consultant is None:
        return _consult_page(ctx, loaded, {"consultant_id": "Choose one of the hub's consultants."})
    try:
        consults.assign(ctx.session, loaded.request, consultant.id or 0, actor_id=user.id)
    except consults.NotAllowed:
        return redirect(
            ctx.path("consult", request_id=loaded.request.id), notice="consult-not-open"
        )
    notifications.assigned(ctx.session, ctx.settings, loaded.request, loaded.line, consultant)
    return redirect(ctx.path("consult", request_id=loaded.request.id), notice="consult-assigned")


@page(write=True)
def log_call(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    if not can.can_write_consult_note(ctx.principal, loaded.hub_id, loaded.request.assigned_to_id):
        raise not_found()
    try:
        form = ctx.parse_form(CallForm)
    except FormErrors as problems:
        return _consult_page(ctx, loaded, problems.errors)
    try:
        consults.log_call(ctx.session, loaded.request, form.step, actor_id=user.id)
    except consults.NotAllowed as problem:
        return _consult_page(ctx, loaded, {"step": str(problem)})
    return redirect(
        ctx.path("consult", request_id=loaded.request.id), notice=f"consult-call-{form.step}ed"
    )


def _note_page(
    ctx: Context, loaded: Loaded, form: consults.NoteForm, *, status_code: int = 200
) -> Response:
    return render(
        ctx,
        "consult/note_form.html",
        {
            "consult": loaded.request,
            "line": loaded.line,
            **guarded_form_context(form),
            "labels": NOTE_LABELS,
            "text_fields": NOTE_FIELDS,
            "disposition_choices": DISPOSITIONS,
            "type_choices": RECOMMENDATION_TYPES,
            "modality_choices": billing.MODALITIES,
            "with_billing": loaded.line.billing_support,
            "choice_labels": CHOICE_LABELS,
        },
        status_code=status_code,
    )


@page(write=True)
def write_note(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    request = loaded.request
    if not can.can_write_consult_note(ctx.principal, loaded.hub_id, request.assigned_to_id):
        raise not_found()
    if request.status in (ConsultStatus.cancelled, ConsultStatus.closed):
        return redirect(ctx.path("consult", request_id=request.id), notice="consult-not-open")
    if ctx.request.method == "GET":
        note = consults.note_of(ctx.session, request.id or 0)
        values = {name: getattr(note, name) if note else "" for name in NOTE_FIELDS}
        values["disposition"] = note.disposition if note else ""
        for name in ("discussion_minutes", "review_minutes"):
            value = getattr(request, name)
            values[name] = "" if value is None else str(value)
        values["modality"] = request.modality
        types = note.recommendation_types.split(",") if note and note.recommendation_types else []
        return _note_page(ctx, loaded, consults.NoteForm(values, recommendation_types=types))
    form, acknowledged = consults.read_note(
        ctx.form or {}, with_billing=loaded.line.billing_support
    )
    try:
        consults.save_note(
            ctx.session, request, form=form, acknowledged=acknowledged, actor_id=user.id
        )
    except consults.ConsultBlocked:
        return _note_page(ctx, loaded, form, status_code=422)
    except consults.NotAllowed:
        return redirect(ctx.path("consult", request_id=request.id), notice="consult-not-open")
    requester = ctx.session.get(User, request.requester_id)
    if requester is not None:
        notifications.answered(ctx.session, ctx.settings, request, loaded.line, requester)
    return redirect(ctx.path("consult", request_id=request.id), notice="consult-answered")


@page()
def note_pdf(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    request = loaded.request
    note = consults.note_of(ctx.session, request.id or 0)
    if note is None:
        raise not_found()
    zone = user.time_zone
    author = ctx.session.get(User, note.written_by_id) if note.written_by_id else None
    types = ", ".join(
        CHOICE_LABELS["recommendation"].get(key, key)
        for key in note.recommendation_types.split(",")
        if key
    )
    sections = [(NOTE_LABELS[name], getattr(note, name)) for name in NOTE_FIELDS]
    sections.append(("Recommendation types", types))
    sections.append(("Disposition", CHOICE_LABELS["disposition"].get(note.disposition, "")))
    found = consults.billing_support_of(request) if loaded.line.billing_support else None
    if found is not None:
        time, support = found
        rows = [f"{label}: {value}" for label, value in billing.summary_lines(support, time)]
        reminders = [f"- {reminder}" for reminder in support.reminders]
        sections.append(
            ("Billing support", "\n".join([*rows, "", *reminders, "", billing.DISCLAIMER]))
        )
    document = pdf.RecommendationDocument(
        title=f"Consult note for request {request.id}",
        program_title=loaded.line.name,
        hub_name=loaded.hub.name,
        presented_on="",
        released_by="",
        released_on="",
        question=request.question,
        sections=sections,
        resources=[
            (r.name, ", ".join(filter(None, [r.phone, r.city])), r.website)
            for r in directory.attached(ctx.session, request.id or 0)
        ],
        footer=NOTE_DISCLAIMER,
        metadata=[
            ("Consult line", loaded.line.name),
            ("Hub", loaded.hub.name),
            ("Practice", loaded.practice.name),
            ("Asked", format_in_zone(request.created_at, zone)),
            ("Consultant", author.display_name if author else ""),
            ("Written", format_in_zone(note.written_at, zone)),
        ],
    )
    return download(pdf.render_pdf(document), f"consult-{request.id}-note.pdf", "application/pdf")


@page(write=True)
def requester_time(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    if not (loaded.in_practice and loaded.line.billing_support):
        raise not_found()
    if loaded.request.requester_id != user.id:
        raise not_found()
    try:
        form = ctx.parse_form(RequesterBillingForm)
    except FormErrors as problems:
        return _consult_page(ctx, loaded, problems.errors, ctx.form_dict())
    consults.save_requester_billing(ctx.session, loaded.request, form, actor_id=user.id)
    return redirect(ctx.path("consult", request_id=loaded.request.id), notice="consult-time-saved")


def _case_programs(ctx: Context, user_id: int) -> list[tuple[str, str]]:
    """The programs the requester may present a case in (programs.can_start_case)."""
    return [
        (str(program.id), program.title)
        for enrollment, program, _ in programs.my_programs(ctx.session, user_id)
        if program_can.can_start_case(ctx.principal, enrollment)
    ]


@page(write=True)
def start_case(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    request = loaded.request
    if request.requester_id != user.id or not request.present_at_echo:
        raise not_found()
    if request.case_id is not None:  # already started (a repeat, or a second tab)
        return redirect(ctx.path("case", case_id=request.case_id))
    try:
        form = ctx.parse_form(CaseProgramForm)
    except FormErrors as problems:
        return _consult_page(ctx, loaded, problems.errors)
    if str(form.program_id) not in dict(_case_programs(ctx, user.id)):
        return _consult_page(ctx, loaded, {"program_id": "Choose one of your programs."})
    try:
        case_id = consults.start_case(ctx.session, request, form.program_id or 0, actor_id=user.id)
    except consults.NotAllowed as problem:
        return _consult_page(ctx, loaded, {"program_id": str(problem)})
    return redirect(ctx.path("case_edit", case_id=case_id), notice="consult-case-started")


@page(write=True)
def close_consult(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    if not can.can_liaise(ctx.principal, loaded.hub_id):
        raise not_found()
    try:
        consults.close(ctx.session, loaded.request, actor_id=user.id)
    except consults.NotAllowed:
        return redirect(
            ctx.path("consult", request_id=loaded.request.id), notice="consult-not-open"
        )
    return redirect(ctx.path("consult", request_id=loaded.request.id), notice="consult-closed")


@page(write=True)
def cancel_consult(ctx: Context) -> Response:
    loaded = _load(ctx)
    user = ctx.require_user()
    if loaded.request.requester_id != user.id:
        raise not_found()
    if not ctx.parse_form(ConfirmForm).confirm:
        return _consult_page(
            ctx, loaded, {"confirm": "Tick the box to confirm that you withdraw this request."}
        )
    try:
        consults.cancel(ctx.session, loaded.request, actor_id=user.id)
    except consults.NotAllowed:
        return redirect(
            ctx.path("consult", request_id=loaded.request.id), notice="consult-not-open"
        )
    return redirect(ctx.path("consult", request_id=loaded.request.id), notice="consult-cancelled")


# --- lists and the queue ------------------------------------------------------------------


@page()
def my_consults(ctx: Context) -> Response:
    user = ctx.require_user()
    practice_ids = practices.active_practice_ids(ctx.session, user.id)
    team_hubs = [
        hub_id
        for hub_id in ctx.principal.hub_roles
        if can.can_work_consult_line(ctx.principal, hub_id)
    ]
    return render(
        ctx,
        "consult/mine.html",
        {
            "lines": practices.enrolled_lines(ctx.session, practice_ids),
            "asked": consults.requests_of_practices(ctx.session, practice_ids),
            "assigned": consults.assigned_to(ctx.session, user.id),
            "team_lines": consults.lines_of_hubs(ctx.session, team_hubs),
            "has_practice": bool(practice_ids),
            "labels": CHOICE_LABELS,
            "zone": user.time_zone,
        },
    )


def _queue_context(ctx: Context, line: ConsultLine, hub: Hub) -> dict[str, object]:
    now = utcnow()
    on_call_id = consults.on_call(ctx.session, line, hub, now)
    return {
        "line": line,
        "hub": hub,
        "rows": consults.queue(ctx.session, line, now),
        # Built once for hundreds of rows: the link prefix and the urgencies' short names.
        "consult_prefix": ctx.path("my_consults") + "/",
        "urgency_short": {key: label.split(":")[0] for key, label in URGENCIES},
        "on_call": ctx.session.get(User, on_call_id) if on_call_id else None,
        "labels": CHOICE_LABELS,
        "refreshed": format_in_zone(now, ctx.require_user().time_zone),
        "refresh_seconds": QUEUE_REFRESH_SECONDS,
        "may_manage": can.can_manage_consult_line(ctx.principal, hub.id or 0),
        "may_liaise": can.can_liaise(ctx.principal, hub.id or 0),
    }


@page()
def queue(ctx: Context) -> Response:
    line, hub = _line_for_team(ctx)
    context = _queue_context(ctx, line, hub)
    context["recent"] = consults.recently_done(ctx.session, line, utcnow())
    context["recent_days"] = consults.RECENT_DAYS
    return render(ctx, "consult/queue.html", context)


@page()
def queue_rows(ctx: Context) -> Response:
    """htmx: the queue's table alone, polled every QUEUE_REFRESH_SECONDS (the live timer)."""
    line, hub = _line_for_team(ctx)
    return render(ctx, "consult/_queue_rows.html", _queue_context(ctx, line, hub))


# --- the rotation and the line's settings ------------------------------------------------


def _on_call_page(
    ctx: Context, line: ConsultLine, hub: Hub, errors: dict[str, str], values: dict[str, str]
) -> Response:
    now = utcnow()
    rotation = consults.rotation_of(ctx.session, line, hub)
    covers = consults.covers_of(ctx.session, line.id or 0, now)
    people = {u.id: u for u in consults.consultants(ctx.session, hub.id or 0)}
    on_call_id = consults.on_call(ctx.session, line, hub, now)
    return render(
        ctx,
        "consult/on_call.html",
        {
            "line": line,
            "hub": hub,
            "people": people,
            "rotation": rotation,
            "weeks": rota.upcoming(rotation, now),
            "first_handover": rota.first_handover(rotation),
            "covers": covers,
            "on_call": people.get(on_call_id) if on_call_id else None,
            "may_manage": can.can_manage_consult_line(ctx.principal, hub.id or 0),
            "may_substitute": can.can_liaise(ctx.principal, hub.id or 0)
            or can.can_manage_consult_line(ctx.principal, hub.id or 0),
            "slots": range(1, 9),
            "errors": errors,
            "values": values,
            "zone": hub.time_zone,
        },
        status_code=422 if errors else 200,
    )


@page()
def on_call(ctx: Context) -> Response:
    ctx.require_user()
    line, hub = _line(ctx)
    if not (
        can.can_work_consult_line(ctx.principal, hub.id or 0)
        or can.can_manage_consult_line(ctx.principal, hub.id or 0)
    ):
        raise not_found()
    return _on_call_page(ctx, line, hub, {}, {})


@page(write=True)
def save_rotation(ctx: Context) -> Response:
    ctx.require_user()
    line, hub = _line(ctx)
    if not can.can_manage_consult_line(ctx.principal, hub.id or 0):
        raise not_found()
    try:
        form = ctx.parse_form(RotationForm)
    except FormErrors as problems:
        return _on_call_page(ctx, line, hub, problems.errors, ctx.form_dict())
    allowed = {u.id for u in consults.consultants(ctx.session, hub.id or 0)}
    wrong = [n for n, user_id in enumerate(form.consultant_ids, 1) if user_id not in allowed]
    if wrong:
        return _on_call_page(
            ctx, line, hub, {"slot-1": "Choose the hub's faculty only."}, ctx.form_dict()
        )
    consults.set_rotation(ctx.session, line, form.consultant_ids)
    return redirect(ctx.path("consult_on_call", line=line.slug), notice="rotation-saved")


@page(write=True)
def add_substitution(ctx: Context) -> Response:
    user = ctx.require_user()
    line, hub = _line(ctx)
    hub_id = hub.id or 0
    if not (
        can.can_liaise(ctx.principal, hub_id) or can.can_manage_consult_line(ctx.principal, hub_id)
    ):
        raise not_found()
    try:
        form = ctx.parse_form(SubstitutionForm)
    except FormErrors as problems:
        return _on_call_page(ctx, line, hub, problems.errors, ctx.form_dict())
    zone = ZoneInfo(hub.time_zone)
    assert form.starts_on and form.starts_at and form.ends_on and form.ends_at  # required
    starts = datetime.combine(form.starts_on, form.starts_at, tzinfo=zone)
    ends = datetime.combine(form.ends_on, form.ends_at, tzinfo=zone)
    errors: dict[str, str] = {}
    if ends <= starts:
        errors["ends_on"] = "The end must come after the start."
    elif ends <= utcnow():
        errors["ends_on"] = "That stretch is over already; enter one still to come."
    if form.consultant_id not in {u.id for u in consults.consultants(ctx.session, hub_id)}:
        errors["consultant_id"] = "Choose one of the hub's faculty."
    if errors:
        return _on_call_page(ctx, line, hub, errors, ctx.form_dict())
    consults.add_substitution(
        ctx.session, line, form.consultant_id or 0, starts, ends, actor_id=user.id
    )
    return redirect(ctx.path("consult_on_call", line=line.slug), notice="substitution-saved")


def _line_form(
    ctx: Context,
    hub: Hub,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    line: ConsultLine | None = None,
    status_code: int = 200,
) -> Response:
    return render(
        ctx,
        "consult/line_form.html",
        {"hub": hub, "line": line, "values": values, "errors": errors},
        status_code=status_code,
    )


@page(write=True)
def new_line(ctx: Context) -> Response:
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    if hub is None or not can.can_manage_consult_line(ctx.principal, hub.id or 0):
        raise not_found()
    if ctx.request.method == "GET":
        return _line_form(ctx, hub, {"response_target_minutes": "30"}, {})
    try:
        form = ctx.parse_form(LineForm)
    except FormErrors as problems:
        return _line_form(ctx, hub, ctx.form_dict(), problems.errors, status_code=422)
    if consults.line_by_slug(ctx.session, form.slug) is not None:
        return _line_form(
            ctx,
            hub,
            ctx.form_dict(),
            {"slug": "That web address is taken; choose another."},
            status_code=422,
        )
    line = ConsultLine(
        hub_id=hub.id or 0,
        slug=form.slug,
        name=form.name,
        response_target_minutes=form.response_target_minutes or 30,
        billing_support=form.billing_support,
    )
    ctx.session.add(line)
    ctx.session.flush()
    return redirect(ctx.path("consult_queue", line=line.slug), notice="line-saved")


@page(write=True)
def line_settings(ctx: Context) -> Response:
    ctx.require_user()
    line, hub = _line(ctx)
    if not can.can_manage_consult_line(ctx.principal, hub.id or 0):
        raise not_found()
    if ctx.request.method == "GET":
        values = {
            "name": line.name,
            "response_target_minutes": str(line.response_target_minutes),
            "billing_support": "yes" if line.billing_support else "",
        }
        return _line_form(ctx, hub, values, {}, line=line)
    try:
        form = ctx.parse_form(LineSettingsForm)
    except FormErrors as problems:
        return _line_form(ctx, hub, ctx.form_dict(), problems.errors, line=line, status_code=422)
    line.name = form.name
    line.response_target_minutes = form.response_target_minutes or line.response_target_minutes
    line.billing_support = form.billing_support
    ctx.session.add(line)
    return redirect(ctx.path("consult_queue", line=line.slug), notice="line-saved")


@page()
def hub_lines(ctx: Context) -> Response:
    ctx.require_user()
    hub = programs.hub_by_slug(ctx.session, ctx.request.path_params["hub"])
    hub_id = hub.id or 0 if hub else 0
    if hub is None or not (
        can.can_work_consult_line(ctx.principal, hub_id)
        or can.can_manage_consult_line(ctx.principal, hub_id)
    ):
        raise not_found()
    return render(
        ctx,
        "consult/lines.html",
        {
            "hub": hub,
            "lines": consults.lines_of_hubs(ctx.session, [hub_id]),
            "may_manage": can.can_manage_consult_line(ctx.principal, hub_id),
            "practices_of": {
                line.id: practices.line_practices(ctx.session, line.id or 0)
                for line, _ in consults.lines_of_hubs(ctx.session, [hub_id])
            },
        },
    )


@page()
def line_report(ctx: Context) -> Response:
    ctx.require_user()
    line, hub = _line(ctx)
    hub_id = hub.id or 0
    if not (
        can.can_work_consult_line(ctx.principal, hub_id)
        or can.can_manage_consult_line(ctx.principal, hub_id)
    ):
        raise not_found()
    query, errors = ReportQuery.parse_partly(ctx.request.query_params)
    months = query.months or reports.DEFAULT_MONTHS
    return render(
        ctx,
        "consult/report.html",
        {
            "line": line,
            "hub": hub,
            "report": reports.build(ctx.session, line, utcnow(), months),
            "months": months,
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


routes = [
    Route("/consults", my_consults, name="my_consults"),
    Route("/consult-lines/{line:slug}/report", line_report, name="consult_report"),
    Route("/consults/check", live_check, methods=["POST"], name="consult_check"),
    Route("/consults/{request_id:id}", consult_page, name="consult"),
    Route("/consults/{request_id:id}/assign", assign, methods=["POST"], name="consult_assign"),
    Route("/consults/{request_id:id}/call", log_call, methods=["POST"], name="consult_call"),
    Route(
        "/consults/{request_id:id}/note", write_note, methods=["GET", "POST"], name="consult_note"
    ),
    Route("/consults/{request_id:id}/note.pdf", note_pdf, name="consult_note_pdf"),
    Route("/consults/{request_id:id}/time", requester_time, methods=["POST"], name="consult_time"),
    Route("/consults/{request_id:id}/case", start_case, methods=["POST"], name="consult_case"),
    Route("/consults/{request_id:id}/close", close_consult, methods=["POST"], name="consult_close"),
    Route(
        "/consults/{request_id:id}/cancel", cancel_consult, methods=["POST"], name="consult_cancel"
    ),
    Route(
        "/consult-lines/{line:slug}/request",
        new_request,
        methods=["GET", "POST"],
        name="consult_new",
    ),
    Route("/consult-lines/{line:slug}/queue", queue, name="consult_queue"),
    Route("/consult-lines/{line:slug}/queue/rows", queue_rows, name="consult_queue_rows"),
    Route("/consult-lines/{line:slug}/on-call", on_call, name="consult_on_call"),
    Route(
        "/consult-lines/{line:slug}/rotation",
        save_rotation,
        methods=["POST"],
        name="consult_rotation",
    ),
    Route(
        "/consult-lines/{line:slug}/substitutions",
        add_substitution,
        methods=["POST"],
        name="consult_substitution",
    ),
    Route(
        "/consult-lines/{line:slug}/settings",
        line_settings,
        methods=["GET", "POST"],
        name="consult_line_settings",
    ),
    Route("/hubs/{hub:slug}/consult-lines", hub_lines, name="consult_lines"),
    Route(
        "/hubs/{hub:slug}/consult-lines/new",
        new_line,
        methods=["GET", "POST"],
        name="consult_line_new",
    ),
]
