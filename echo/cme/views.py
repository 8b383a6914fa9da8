"""CME pages: settings, disclosures, evaluations, claims, certificates, verification,
transcripts, the PARS export and the program's CME dashboard with batch issuance."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from echo.accounts.models import User
from echo.cme import late_claims, notifications, pars, services, statements, transcript_pdf
from echo.cme.forms import (
    BatchForm,
    CertificateActionForm,
    ClaimForm,
    DisclosureForm,
    LateClaimDecisionForm,
    LateClaimForm,
    MitigationForm,
    PeriodQuery,
    QuestionForm,
    SettingsForm,
)
from echo.cme.issuing import issuer_for, published_keys
from echo.cme.models import (
    Certificate,
    CreditKind,
    Disclosure,
    IssueBatch,
    LateClaimRequest,
    LateClaimStatus,
)
from echo.db import Database
from echo.programs import services as programs
from echo.programs import zones
from echo.programs.models import Hub, Program
from echo.security import permissions as can
from echo.security import tokens
from echo.settings import Settings
from echo.timeutil import format_date, local_date, utcnow
from echo.web.context import Context, not_found, page, redirect, render
from echo.web.params import FormErrors
from echo.web.responses import csv_download, download, xlsx_download


@dataclass(frozen=True)
class LoadedProgram:
    program: Program
    hub: Hub


def _program(ctx: Context, allowed: Callable[[can.Principal, int], bool]) -> LoadedProgram:
    ctx.require_user()
    found = programs.program_by_slug(ctx.session, ctx.request.path_params["slug"])
    if found is None or not allowed(ctx.principal, found[1].id or 0):
        raise not_found()
    return LoadedProgram(*found)


# --- settings, questions, disclosures (CME administrators) -----------------------------------


@page(write=True)
def cme_settings(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    user = ctx.require_user()
    current = services.settings_of(ctx.session, loaded.program.id or 0)
    errors: dict[str, str] = {}
    values = services.settings_values(current)
    if current is None:
        values["provider"] = loaded.hub.name
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            form = ctx.parse_form(SettingsForm)
            services.save_settings(ctx.session, loaded.program, form, actor_id=user.id)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(
                ctx.path("cme_dashboard", slug=loaded.program.slug), notice="cme-settings-saved"
            )
    return _settings_page(ctx, loaded, values, errors)


def _settings_page(
    ctx: Context,
    loaded: LoadedProgram,
    values: dict[str, str],
    errors: dict[str, str],
    question_errors: dict[str, str] | None = None,
) -> Response:
    current = services.settings_of(ctx.session, loaded.program.id or 0)
    preview: dict[str, object] = {}
    if current is not None:
        try:
            accreditation = services.accreditation(current)
        except ValueError:  # saved before the rule was checked on saving: say what to fix
            errors = {"joint_providers": services.JOINT_PROVIDER_PROBLEM, **errors}
        else:
            preview = {
                "accreditation": statements.accreditation_statement(accreditation),
                "designation": statements.designation_statement_parts(
                    current.provider, current.ama_max_per_session
                ),
            }
    return render(
        ctx,
        "cme/settings.html",
        {
            "program": loaded.program,
            "values": values,
            "errors": errors,
            "question_errors": question_errors or {},
            "questions": services.questions_of(ctx.session, loaded.program.id or 0),
            **preview,
        },
        status_code=422 if errors or question_errors else 200,
    )


@page(write=True)
def add_question(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    try:
        services.add_question(ctx.session, loaded.program.id or 0, ctx.parse_form(QuestionForm))
    except FormErrors as problem:
        current = services.settings_of(ctx.session, loaded.program.id or 0)
        return _settings_page(
            ctx, loaded, services.settings_values(current), {}, {**problem.errors}
        )
    return redirect(ctx.path("cme_settings", slug=loaded.program.slug), notice="question-added")


@page(write=True)
def my_disclosure(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_disclose)
    user = ctx.require_user_record(User)
    errors: dict[str, str] = {}
    values: dict[str, str] = {"role": "faculty"}
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            form = ctx.parse_form(DisclosureForm)
            services.save_disclosure(ctx.session, loaded.program, user, form)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(
                ctx.path("program", slug=loaded.program.slug), notice="disclosure-saved"
            )
    return render(
        ctx,
        "cme/disclosure.html",
        {
            "program": loaded.program,
            "values": values,
            "errors": errors,
            "current": services.current_disclosure(
                ctx.session, loaded.program.id or 0, user.id or 0
            ),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def disclosures(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    user = ctx.require_user()
    errors: dict[str, str] = {}
    if ctx.request.method == "POST":
        try:
            disclosure_id = ctx.parse_form(MitigationForm).disclosure_id
        except FormErrors:
            raise not_found() from None
        found = ctx.session.get(Disclosure, disclosure_id)
        if found is None or found.program_id != loaded.program.id:
            raise not_found()
        text = ctx.form_dict().get(f"mitigation-{found.id}", "")  # normalised by mitigate
        try:
            services.mitigate(ctx.session, found, text, user.id)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(
                ctx.path("cme_disclosures", slug=loaded.program.slug), notice="mitigation-saved"
            )
    return render(
        ctx,
        "cme/disclosures.html",
        {
            "program": loaded.program,
            "rows": services.program_disclosures(ctx.session, loaded.program.id or 0),
            "missing": services.missing_disclosures(ctx.session, loaded.program),
            "errors": errors,
            "values": ctx.form_dict(),
            "zone": user.time_zone,
        },
        status_code=422 if errors else 200,
    )


# --- the learner's side ----------------------------------------------------------------------


@page()
def my_credit(ctx: Context) -> Response:
    user = ctx.require_user_record(User)
    return render(
        ctx,
        "cme/my_credit.html",
        {
            "rows": services.claimables(ctx.session, user),
            "now": utcnow(),
            "zone": user.time_zone,
            "format_credits": statements.format_credits,
            "credit_amount": statements.credit_amount,
        },
    )


def _claimable(ctx: Context) -> tuple[User, services.Claimable]:
    user = ctx.require_user_record(User)
    row = services.claimable(ctx.session, user, ctx.request.path_params["session_id"])
    if row is None:
        raise not_found()
    return user, row


@page(write=True)
def evaluation(ctx: Context) -> Response:
    user, row = _claimable(ctx)
    questions = services.questions_of(ctx.session, row.program.id or 0)
    errors: dict[str, str] = {}
    claim_path = ctx.path("claim", session_id=row.program_session.id)
    if row.evaluation is not None:
        return redirect(claim_path)
    if ctx.request.method == "POST":
        try:
            services.submit_evaluation(ctx.session, row, user.id or 0, ctx.form_dict(), questions)
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(claim_path, notice="evaluation-saved")
    return render(
        ctx,
        "cme/evaluation.html",
        {
            "row": row,
            "objectives": services.objectives_of(row.program_session),
            "questions": questions,
            "likert": services.LIKERT,
            "values": ctx.form_dict(),
            "errors": errors,
            "zone": user.time_zone,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def claim(ctx: Context) -> Response:
    user, row = _claimable(ctx)
    errors: dict[str, str] = {}
    first, last = services.split_name(user.name)
    values = {
        "credits": statements.format_credits(row.amount) if row.amount else "",
        "first_name": first,
        "last_name": last,
        "abp_id": user.abp_id or "",
    }
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            record = services.claim(ctx.session, row, user, ctx.parse_form(ClaimForm))
        except FormErrors as problem:
            errors = problem.errors
        else:
            certificate = services.issue_certificate(ctx.session, record, issuer_for(ctx.settings))
            notifications.certificate_ready(ctx.session, ctx.settings, user, certificate.code)
            return redirect(ctx.path("transcript"), notice="credit-claimed")
    return render(
        ctx,
        "cme/claim.html",
        {
            "row": row,
            "values": values,
            "errors": errors,
            "zone": user.time_zone,
            "now": utcnow(),
            "format_credits": statements.format_credits,
            "credit_amount": statements.credit_amount,
            "is_ama": row.kind == CreditKind.ama,
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def late_claim(ctx: Context) -> Response:
    """Ask to claim after the window closed (echo.cme.late_claims); only for a session the
    person attended and has not claimed, once per session."""
    user, row = _claimable(ctx)
    if not row.may_request_late(utcnow()):
        return redirect(ctx.path("my_credit"))
    errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if ctx.request.method == "POST":
        values = ctx.form_dict()
        try:
            form = ctx.parse_form(LateClaimForm)
            late_claims.request_late_claim(
                ctx.session, user.id or 0, row.program_session, form.reason
            )
        except FormErrors as problem:
            errors = problem.errors
        else:
            return redirect(ctx.path("my_credit"), notice="late-claim-requested")
    return render(
        ctx,
        "cme/late_claim.html",
        {
            "row": row,
            "values": values,
            "errors": errors,
            "zone": user.time_zone,
            "credit_amount": statements.credit_amount,
            "grace_days": late_claims.LATE_CLAIM_GRACE.days,
            "per_year": late_claims.LATE_CLAIMS_PER_YEAR,
            "left": late_claims.requests_left(ctx.session, user.id or 0),
        },
        status_code=422 if errors else 200,
    )


@page(write=True)
def decide_late_claim(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    request = ctx.session.get(LateClaimRequest, ctx.request.path_params["request_id"])
    if request is None or request.program_id != loaded.program.id:
        raise not_found()
    try:
        form = ctx.parse_form(LateClaimDecisionForm)
    except FormErrors as problem:
        return _dashboard_page(ctx, loaded, problem.errors)
    if request.status == LateClaimStatus.pending:
        late_claims.decide(
            ctx.session, request, approve=form.decision == "approve", actor_id=ctx.require_user().id
        )
    notice = (
        "late-claim-approved"
        if request.status == LateClaimStatus.approved
        else "late-claim-declined"
    )
    return redirect(ctx.path("cme_dashboard", slug=loaded.program.slug), notice=notice)


def _period(ctx: Context) -> tuple[date | None, date | None, dict[str, str]]:
    """The period in the query string; a bad end is left open, with its message."""
    return _period_of(ctx.request.query_params)


def _period_of(values: Mapping[str, Any]) -> tuple[date | None, date | None, dict[str, str]]:
    """The period in a query string or a form; a bad end is left open, with its message."""
    period, errors = PeriodQuery.parse_partly(values)
    if period.start and period.end and period.end < period.start:
        errors["to"] = "The end of the period is before its start."
        return period.start, None, errors
    return period.start, period.end, errors


@page()
def my_transcript(ctx: Context) -> Response:
    user = ctx.require_user()
    start, end, errors = _period(ctx)
    rows = services.transcript(ctx.session, user.id, start, end)
    path = ctx.request.url.path
    # A file for a period that could not be read would hold the wrong rows: the page
    # says what is wrong instead (422).
    if path.endswith(".csv") and not errors:
        return _transcript_csv(rows)
    if path.endswith(".pdf") and not errors:
        return download(
            transcript_pdf.render_transcript(
                user_name=ctx.require_user_record(User).display_name,
                period=_period_label(start, end),
                rows=[
                    (
                        format_date(r.day),
                        r.program.title,
                        _credit_label(r.claim.kind, r.claim.credits),
                        r.certificate.code if r.certificate else "",
                    )
                    for r in rows
                ],
                total=_totals(rows),
            ),
            "transcript.pdf",
            "application/pdf",
        )
    query = ctx.request.url.query
    return render(
        ctx,
        "cme/transcript.html",
        {
            "rows": rows,
            "format_date": format_date,
            "values": {k: ctx.request.query_params.get(k, "") for k in ("from", "to")},
            "errors": errors,
            "query": f"?{query}" if query else "",
            "totals": _totals(rows),
            "credit_label": _credit_label,
        },
        status_code=422 if errors else 200,
    )


def _period_label(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"until {end.isoformat()}"
    return "all dates"


def _credit_label(kind: str, amount: Any) -> str:
    return services.credits_line(kind, amount).replace(" claimed", "")


def _totals(rows: list[services.TranscriptRow]) -> str:
    ama = sum((r.claim.credits for r in rows if r.claim.kind == CreditKind.ama), start=0)
    hours = sum((r.claim.credits for r in rows if r.claim.kind != CreditKind.ama), start=0)
    parts = []
    if ama:
        parts.append(_credit_label(CreditKind.ama, ama))
    if hours:
        parts.append(_credit_label(CreditKind.participation, hours))
    return "; ".join(parts) or "No credit claimed"


def _transcript_csv(rows: list[services.TranscriptRow]) -> Response:
    return csv_download(
        "transcript.csv",
        ["date", "program", "credit_type", "credits", "certificate", "status"],
        [
            [
                r.day.isoformat(),
                r.program.title,
                "AMA PRA Category 1 Credit" if r.claim.kind == CreditKind.ama else "Participation",
                statements.format_credits(r.claim.credits),
                r.certificate.code if r.certificate else "",
                r.certificate.status if r.certificate else "",
            ]
            for r in rows
        ],
    )


# --- certificates and verification --------------------------------------------------------


def _certificate(ctx: Context) -> Certificate:
    found = services.certificate_by_code(ctx.session, ctx.request.path_params["code"])
    if found is None:
        raise not_found()
    return found


def _may_read_certificate(ctx: Context, certificate: Certificate) -> bool:
    if ctx.user is None:
        return False
    program = ctx.session.get(Program, certificate.program_id)
    hub_id = program.hub_id if program else 0
    return certificate.user_id == ctx.user.id or can.can_view_cme_dashboard(ctx.principal, hub_id)


@page()
def certificate_pdf(ctx: Context) -> Response:
    ctx.require_user()
    certificate = _certificate(ctx)
    if not _may_read_certificate(ctx, certificate):
        raise not_found()
    return download(certificate.pdf, f"certificate-{certificate.code}.pdf", "application/pdf")


@page()
def credential_jwt(ctx: Context) -> Response:
    """The signed Open Badges 3.0 credential (public: it names no one, the learner is a
    salted hash of their email)."""
    certificate = _certificate(ctx)
    return Response(certificate.credential_jwt, media_type="application/vc+jwt")


@page()
def credential_json(ctx: Context) -> Response:
    certificate = _certificate(ctx)
    payload = tokens.unverified_claims(certificate.credential_jwt)
    return render(
        ctx,
        "cme/credential.html",
        {"certificate": certificate, "pretty": json.dumps(payload, indent=2, ensure_ascii=False)},
    )


@page()
def verify(ctx: Context) -> Response:
    """Public: valid, revoked or superseded, the name, the activity, the date and the
    credits, and nothing else personal."""
    certificate = _certificate(ctx)
    replacement = (
        ctx.session.get(Certificate, certificate.superseded_by_id)
        if certificate.superseded_by_id
        else None
    )
    return render(
        ctx,
        "cme/verify.html",
        {
            "certificate": certificate,
            "replacement": replacement,
            "credits": _credit_label(certificate.kind, certificate.credits),
        },
    )


@page(write=True)
def revoke_certificate(ctx: Context) -> Response:
    ctx.require_user()
    certificate = _certificate(ctx)
    program = ctx.session.get(Program, certificate.program_id)
    hub = ctx.session.get(Hub, program.hub_id) if program else None
    if program is None or hub is None or not can.can_manage_cme(ctx.principal, hub.id or 0):
        raise not_found()
    try:
        form = ctx.parse_form(CertificateActionForm)
        if form.action == "reissue":
            services.reissue(ctx.session, certificate, issuer_for(ctx.settings))
        else:
            services.revoke(ctx.session, certificate, form.reason)
    except FormErrors as problem:
        return _dashboard_page(ctx, LoadedProgram(program, hub), problem.errors)
    return redirect(ctx.path("cme_dashboard", slug=program.slug), notice="certificate-changed")


async def jwks(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    database: Database = request.app.state.database
    keys = await run_in_threadpool(published_keys, database, settings)
    return JSONResponse(keys, headers={"Cache-Control": "public, max-age=300"})


async def issuer_profile(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    base = settings.base_url.rstrip("/")
    return JSONResponse(
        {
            "@context": [
                "https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": f"{base}/issuer",
            "type": ["Profile"],
            "name": "Echo",
            "url": base,
        }
    )


# --- dashboard, batch issuance, PARS -------------------------------------------------------------


def _late_claims_of(ctx: Context, program_id: int) -> list[tuple[LateClaimRequest, User]]:
    pending = late_claims.pending_for_program(ctx.session, program_id)
    people = (
        {
            u.id: u
            for u in ctx.session.exec(
                select(User).where(col(User.id).in_([r.user_id for r in pending]))
            )
        }
        if pending
        else {}
    )
    return [(r, people[r.user_id]) for r in pending if r.user_id in people]


def _dashboard_page(
    ctx: Context, loaded: LoadedProgram, errors: dict[str, str] | None = None
) -> Response:
    user = ctx.require_user()
    program = loaded.program
    recent = ctx.session.exec(
        select(Certificate)
        .where(Certificate.program_id == program.id)
        .order_by(col(Certificate.issued_at).desc())
        .limit(50)
    ).all()
    today = local_date(utcnow(), zones.zone_of_program(ctx.session, program, loaded.hub))
    return render(
        ctx,
        "cme/dashboard.html",
        {
            "program": program,
            "settings": services.settings_of(ctx.session, program.id or 0),
            "board": services.dashboard(ctx.session, program),
            "certificates": recent,
            "can_manage": can.can_manage_cme(ctx.principal, loaded.hub.id or 0),
            "late_claims": _late_claims_of(ctx, program.id or 0),
            "late_claim_days": late_claims.LATE_CLAIM_GRACE.days,
            "errors": errors or {},
            "values": {
                "from": (today - timedelta(days=365)).isoformat(),
                "to": today.isoformat(),
            },
            "zone": user.time_zone,
            "format_credits": statements.format_credits,
            "credit_amount": statements.credit_amount,
        },
        status_code=422 if errors else 200,
    )


@page()
def dashboard(ctx: Context) -> Response:
    return _dashboard_page(ctx, _program(ctx, can.can_view_cme_dashboard))


@page(write=True)
def start_batch(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    user = ctx.require_user()
    try:
        period = ctx.parse_form(BatchForm)
    except FormErrors as problem:
        return _dashboard_page(ctx, loaded, problem.errors)
    start, end = period.start, period.end
    if end < start:
        return _dashboard_page(ctx, loaded, {"to": "The end of the period is before its start."})
    batch = services.open_batch(ctx.session, loaded.program, start, end, user.id)
    ctx.session.commit()  # the worker thread reads the batch from its own connection
    database: Database = ctx.request.app.state.database
    threading.Thread(
        target=services.run_batch,
        args=(database, batch.id or 0, issuer_for(ctx.settings)),
        name=f"cme-batch-{batch.id}",
        daemon=True,
    ).start()
    return redirect(ctx.path("cme_batch", slug=loaded.program.slug, batch_id=batch.id))


@page()
def batch_progress(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_view_cme_dashboard)
    batch = ctx.session.get(IssueBatch, ctx.request.path_params["batch_id"])
    if batch is None or batch.program_id != loaded.program.id:
        raise not_found()
    return render(
        ctx,
        "cme/batch.html",
        {"program": loaded.program, "batch": batch, "partial": "HX-Request" in ctx.request.headers},
    )


def _pars_period(
    ctx: Context, loaded: LoadedProgram, values: Mapping[str, Any]
) -> tuple[date, date, date, dict[str, str]]:
    """The period asked for (this year so far when not given), today in the program's
    zone, and the messages for what could not be read."""
    start, end, errors = _period_of(values)
    today = local_date(utcnow(), zones.zone_of_program(ctx.session, loaded.program, loaded.hub))
    return start or date(today.year, 1, 1), end or today, today, errors


def _pars_page(
    ctx: Context, loaded: LoadedProgram, start: date, end: date, today: date, errors: dict[str, str]
) -> Response:
    user = ctx.require_user()
    program = loaded.program
    preview = services.pars_preview(ctx.session, program, start, end)
    stale = pars.stale(preview.records, today)
    backlog = services.pars_backlogs(ctx.session, [program.id or 0]).get(program.id or 0)
    return render(
        ctx,
        "cme/pars.html",
        {
            "program": program,
            "columns": pars.COLUMNS,
            "rows": pars.rows(preview.records),
            "not_exported": preview.not_exported,
            "stale_flags": [r in stale for r in preview.records],
            "reporting_days": pars.MOC_REPORTING_DAYS,
            "last_export": services.last_pars_export(ctx.session, program.id or 0),
            "backlog": backlog,
            "values": {"from": start.isoformat(), "to": end.isoformat()},
            "errors": errors,
            "zone": user.time_zone,
        },
        status_code=422 if errors else 200,
    )


@page()
def pars_preview(ctx: Context) -> Response:
    loaded = _program(ctx, can.can_manage_cme)
    return _pars_page(ctx, loaded, *_pars_period(ctx, loaded, ctx.request.query_params))


@page(write=True)
def pars_download(ctx: Context) -> Response:
    """The learner file (CSV or XLSX by the path), recorded as a PARS export. A POST: a
    download changes what the CME home says is due, so no link, prefetch or other site
    may cause one."""
    loaded = _program(ctx, can.can_manage_cme)
    user = ctx.require_user()
    start, end, today, errors = _pars_period(ctx, loaded, ctx.form or {})
    if errors:  # a file for a period that could not be read would hold the wrong rows
        return _pars_page(ctx, loaded, start, end, today, errors)
    extension = ctx.request.url.path.rsplit(".", 1)[1]
    records = services.export_pars(
        ctx.session, loaded.program, start, end, file_format=extension, actor_id=user.id
    )
    return _pars_file(records, extension, loaded.program.slug)


def _pars_file(records: list[pars.LearnerRecord], extension: str, slug: str) -> Response:
    filename = f"pars-{slug}.{extension}"
    if extension == "csv":
        return csv_download(filename, pars.COLUMNS, pars.rows(records))
    return xlsx_download(filename, pars.COLUMNS, pars.rows(records), sheet=pars.SHEET)


routes = [
    Route("/programs/{slug:slug}/cme", dashboard, name="cme_dashboard"),
    Route(
        "/programs/{slug:slug}/cme/settings",
        cme_settings,
        methods=["GET", "POST"],
        name="cme_settings",
    ),
    Route(
        "/programs/{slug:slug}/cme/questions", add_question, methods=["POST"], name="cme_questions"
    ),
    Route(
        "/programs/{slug:slug}/cme/disclosures",
        disclosures,
        methods=["GET", "POST"],
        name="cme_disclosures",
    ),
    Route(
        "/programs/{slug:slug}/disclosure",
        my_disclosure,
        methods=["GET", "POST"],
        name="my_disclosure",
    ),
    Route("/programs/{slug:slug}/cme/issue", start_batch, methods=["POST"], name="cme_issue"),
    Route("/programs/{slug:slug}/cme/batches/{batch_id:id}", batch_progress, name="cme_batch"),
    Route("/programs/{slug:slug}/cme/pars", pars_preview, name="cme_pars"),
    Route(
        "/programs/{slug:slug}/cme/pars.csv", pars_download, methods=["POST"], name="cme_pars_csv"
    ),
    Route(
        "/programs/{slug:slug}/cme/pars.xlsx",
        pars_download,
        methods=["POST"],
        name="cme_pars_xlsx",
    ),
    Route("/me/credit", my_credit, name="my_credit"),
    Route(
        "/sessions/{session_id:id}/evaluation",
        evaluation,
        methods=["GET", "POST"],
        name="evaluation",
    ),
    Route("/sessions/{session_id:id}/claim", claim, methods=["GET", "POST"], name="claim"),
    Route(
        "/sessions/{session_id:id}/claim/late",
        late_claim,
        methods=["GET", "POST"],
        name="late_claim",
    ),
    Route(
        "/programs/{slug:slug}/cme/late-claims/{request_id:id}",
        decide_late_claim,
        methods=["POST"],
        name="late_claim_decision",
    ),
    Route("/me/transcript", my_transcript, name="transcript"),
    Route("/me/transcript.csv", my_transcript, name="transcript_csv"),
    Route("/me/transcript.pdf", my_transcript, name="transcript_pdf"),
    Route("/certificates/{code:code}.pdf", certificate_pdf, name="certificate_pdf"),
    Route("/certificates/{code:code}/credential.jwt", credential_jwt, name="credential_jwt"),
    Route("/certificates/{code:code}/credential", credential_json, name="credential_json"),
    Route(
        "/certificates/{code:code}/status",
        revoke_certificate,
        methods=["POST"],
        name="certificate_status",
    ),
    Route("/verify/{code:code}", verify, name="verify"),
    Route("/.well-known/jwks.json", jwks, name="jwks"),
    Route("/issuer", issuer_profile, name="issuer"),
]
