"""Practice pages: mine, a new one, join one (a lead approves), enroll in a consult line,
and the yearly integration self-assessment."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.accounts.models import PRACTICE_SETTINGS, PRACTICE_TYPES, US_STATES
from echo.consult import integration, practices
from echo.consult import services as consults
from echo.consult.forms import (
    EnrollLineForm,
    JoinForm,
    MemberDecisionForm,
    PracticeForm,
    PracticeQuery,
)
from echo.consult.models import ConsultLine, MemberStatus, Practice
from echo.web.context import Context, add_notices, not_found, page, redirect, render
from echo.web.params import FormErrors

add_notices(
    {
        "practice-join-requested": "Your request to join is sent; a lead of the practice "
        "approves it.",
        "practice-created": "The practice is saved; you are its lead.",
        "practice-saved": "The practice's details are saved.",
        "practice-member-approved": "The clinician is now a member of the practice.",
        "practice-member-declined": "The request to join was declined.",
        "practice-enrolled": "The practice is enrolled: its members can now ask this line "
        "for consults.",
        "integration-saved": "The self-assessment is saved; your profile below is updated.",
    }
)

PRACTICE_LABELS = {
    "name": "Practice name",
    "practice_setting": "Setting",
    "practice_type": "Practice type",
    "zip_code": "ZIP code",
    "us_state": "State",
}
# Where each next step of the self-assessment leads (echo.consult.integration.LINK_KEYS).
NEXT_STEP_ROUTES = {
    "consult-line": ("my_consults", "Ask a consult line"),
    "programs": ("catalog", "ECHO programs"),
    "toolkits": ("toolkits", "Toolkits"),
    "resources": ("my_consults", "The consult line's resource help"),
}


def _active(ctx: Context) -> practices.Membership:
    """The practice in the URL for an active member of it; anyone else gets 404."""
    user = ctx.require_user()
    found = practices.membership(ctx.session, ctx.request.path_params["practice_id"], user.id)
    if found is None or not found.is_active:
        raise not_found()
    return found


def _lead(ctx: Context) -> practices.Membership:
    found = _active(ctx)
    if not found.is_lead:
        raise not_found()
    return found


@page()
def my_practices(ctx: Context) -> Response:
    user = ctx.require_user()
    query, errors = PracticeQuery.parse_partly(ctx.request.query_params)
    mine = practices.memberships(ctx.session, user.id)
    mine_ids = {m.practice.id for m in mine}
    found = (
        [p for p in practices.search(ctx.session, query.q) if p.id not in mine_ids]
        if query.q
        else []
    )
    return render(
        ctx,
        "consult/practices.html",
        {"mine": mine, "found": found, "query": query.model_dump(), "errors": errors},
        status_code=422 if errors else 200,
    )


@page(write=True)
def join_practice(ctx: Context) -> Response:
    user = ctx.require_user()
    try:
        form = ctx.parse_form(JoinForm)
    except FormErrors:
        raise not_found() from None
    practice_id = form.practice_id or 0
    if ctx.session.get(Practice, practice_id) is None:
        raise not_found()
    practices.request_to_join(ctx.session, practice_id, user.id)
    return redirect(ctx.path("practices"), notice="practice-join-requested")


def _practice_form(
    ctx: Context,
    values: dict[str, str],
    errors: dict[str, str],
    *,
    status_code: int = 200,
    practice_id: int | None = None,
) -> Response:
    return render(
        ctx,
        "consult/practice_form.html",
        {
            "values": values,
            "errors": errors,
            "labels": PRACTICE_LABELS,
            "setting_choices": PRACTICE_SETTINGS,
            "type_choices": PRACTICE_TYPES,
            "state_choices": [(s, s) for s in US_STATES],
            "practice_id": practice_id,
        },
        status_code=status_code,
    )


@page(write=True)
def new_practice(ctx: Context) -> Response:
    user = ctx.require_user()
    if ctx.request.method == "GET":
        return _practice_form(ctx, {}, {})
    try:
        form = ctx.parse_form(PracticeForm)
    except FormErrors as problems:
        return _practice_form(ctx, ctx.form_dict(), problems.errors, status_code=422)
    practice = practices.create(ctx.session, form, user_id=user.id)
    return redirect(ctx.path("practice", practice_id=practice.id), notice="practice-created")


@page(write=True)
def edit_practice(ctx: Context) -> Response:
    membership = _lead(ctx)
    practice = membership.practice
    if ctx.request.method == "GET":
        values = {name: str(getattr(practice, name)) for name in PRACTICE_LABELS}
        return _practice_form(ctx, values, {}, practice_id=practice.id)
    try:
        form = ctx.parse_form(PracticeForm)
    except FormErrors as problems:
        return _practice_form(
            ctx, ctx.form_dict(), problems.errors, status_code=422, practice_id=practice.id
        )
    practices.update(ctx.session, practice, form)
    return redirect(ctx.path("practice", practice_id=practice.id), notice="practice-saved")


def _practice_page(
    ctx: Context, membership: practices.Membership, errors: dict[str, str]
) -> Response:
    practice_id = membership.practice.id or 0
    enrolled = practices.enrolled_lines(ctx.session, [practice_id])
    enrolled_ids = {line.id for line, _ in enrolled}
    history = practices.assessments(ctx.session, practice_id)
    return render(
        ctx,
        "consult/practice.html",
        {
            "practice": membership.practice,
            "is_lead": membership.is_lead,
            "members": practices.members(ctx.session, practice_id),
            "enrolled": enrolled,
            "other_lines": [
                (line, hub)
                for line, hub in practices.open_lines(ctx.session)
                if line.id not in enrolled_ids
            ],
            "requests": consults.requests_of_practices(ctx.session, [practice_id]),
            "latest": history[0] if history else None,
            "latest_level": integration.level_by_number(history[0].level) if history else None,
            "errors": errors,
            "pending": MemberStatus.pending.value,
            "setting_labels": dict(PRACTICE_SETTINGS),
            "type_labels": dict(PRACTICE_TYPES),
        },
        status_code=422 if errors else 200,
    )


@page()
def practice_page(ctx: Context) -> Response:
    return _practice_page(ctx, _active(ctx), {})


@page(write=True)
def decide_member(ctx: Context) -> Response:
    membership = _lead(ctx)
    user = ctx.require_user()
    try:
        form = ctx.parse_form(MemberDecisionForm)
    except FormErrors as problems:
        return _practice_page(ctx, membership, problems.errors)
    if not practices.decide(
        ctx.session,
        membership.practice.id or 0,
        form.member_id or 0,
        form.decision,
        actor_id=user.id,
    ):
        raise not_found()
    notice = (
        "practice-member-approved" if form.decision == "approve" else "practice-member-declined"
    )
    return redirect(ctx.path("practice", practice_id=membership.practice.id), notice=notice)


@page(write=True)
def enroll_in_line(ctx: Context) -> Response:
    membership = _lead(ctx)
    user = ctx.require_user()
    try:
        form = ctx.parse_form(EnrollLineForm)
    except FormErrors as problems:
        return _practice_page(ctx, membership, problems.errors)
    line = ctx.session.get(ConsultLine, form.line_id or 0)
    if line is None or not practices.enroll(
        ctx.session, membership.practice.id or 0, line, actor_id=user.id
    ):
        raise not_found()
    return redirect(
        ctx.path("practice", practice_id=membership.practice.id), notice="practice-enrolled"
    )


def _integration_page(
    ctx: Context,
    membership: practices.Membership,
    answers: dict[str, str],
    errors: dict[str, str],
    *,
    status_code: int = 200,
) -> Response:
    history = practices.assessments(ctx.session, membership.practice.id or 0)
    profiles = [(a, integration.assess(a.answer_map)) for a in history]
    change = integration.change(profiles[1][1], profiles[0][1]) if len(profiles) >= 2 else None
    return render(
        ctx,
        "consult/integration.html",
        {
            "practice": membership.practice,
            "is_lead": membership.is_lead,
            "levels": integration.LEVELS,
            "level_questions": integration.LEVEL_QUESTIONS,
            "areas": integration.AREAS,
            "area_items": integration.AREA_ITEMS,
            "answers": answers,
            "errors": errors,
            "question_labels": {
                **{q.key: q.text for q in integration.LEVEL_QUESTIONS},
                **{i.key: i.text for items in integration.AREA_ITEMS.values() for i in items},
            },
            "profiles": profiles,
            "change": change,
            "next_step_routes": NEXT_STEP_ROUTES,
        },
        status_code=status_code,
    )


@page(write=True)
def integration_profile(ctx: Context) -> Response:
    membership = _active(ctx)
    user = ctx.require_user()
    if ctx.request.method == "GET":
        history = practices.assessments(ctx.session, membership.practice.id or 0)
        previous = history[0].answer_map if history else {}
        shown = {key: ("yes" if value else "no") for key, value in previous.items()}
        return _integration_page(ctx, membership, shown, {})
    if not membership.is_lead:
        raise not_found()
    answers, errors = integration.parse_answers(ctx.form_dict())
    if errors:
        typed = {
            key: value for key, value in ctx.form_dict().items() if key in integration.ALL_KEYS
        }
        return _integration_page(ctx, membership, typed, errors, status_code=422)
    practices.save_assessment(ctx.session, membership.practice.id or 0, answers, actor_id=user.id)
    return redirect(
        ctx.path("practice_integration", practice_id=membership.practice.id),
        notice="integration-saved",
    )


routes = [
    Route("/practices", my_practices, name="practices"),
    Route("/practices/new", new_practice, methods=["GET", "POST"], name="practice_new"),
    Route("/practices/join", join_practice, methods=["POST"], name="practice_join"),
    Route("/practices/{practice_id:id}", practice_page, name="practice"),
    Route(
        "/practices/{practice_id:id}/edit",
        edit_practice,
        methods=["GET", "POST"],
        name="practice_edit",
    ),
    Route(
        "/practices/{practice_id:id}/members",
        decide_member,
        methods=["POST"],
        name="practice_members",
    ),
    Route(
        "/practices/{practice_id:id}/lines", enroll_in_line, methods=["POST"], name="practice_lines"
    ),
    Route(
        "/practices/{practice_id:id}/integration",
        integration_profile,
        methods=["GET", "POST"],
        name="practice_integration",
    ),
]
