"""CME rules around the pure modules: settings, disclosures, evaluations, claims,
certificates (PDF and signed credential), verification, transcripts, PARS records and
batch issuance. Credit itself is decided in echo.cme.credit only."""

from __future__ import annotations

import json
import re
import secrets
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from echo import jobs
from echo.accounts.models import User
from echo.attendance import services as attendance
from echo.cme import certificate_pdf, credentials, late_claims, pars, statements
from echo.cme import credit as credit_rule
from echo.cme.forms import TEXT_LIMIT, ClaimForm, DisclosureForm, QuestionForm, SettingsForm
from echo.cme.models import (
    Certificate,
    CertificateStatus,
    Claim,
    CmeSettings,
    CreditKind,
    Disclosure,
    Evaluation,
    EvaluationQuestion,
    IssueBatch,
    LateClaimRequest,
    ParsExport,
    ParsExportClaim,
)
from echo.db import Database
from echo.phi import check_text
from echo.programs import events, zones
from echo.programs.models import Hub, Program, ProgramSchedule, ProgramSession, SessionStatus
from echo.programs.services import ProgramFact
from echo.timeutil import any_zone_day_bounds, format_date, local_date, local_day_bounds, utcnow
from echo.web.params import UNAMBIGUOUS_CHARACTERS, FormErrors, many_lines, one_line

PHYSICIAN_CREDENTIALS = frozenset({"MD", "DO"})  # AMA PRA credit is for physicians
DISCLOSURE_VALID = timedelta(days=365)
LIKERT = (
    (5, "Strongly agree"),
    (4, "Agree"),
    (3, "Neutral"),
    (2, "Disagree"),
    (1, "Strongly disagree"),
)
LEARNING_FORMAT = "Live activity (virtual)"
_ABP_ID = re.compile(r"[0-9]{4,10}", re.ASCII)


# --- settings -----------------------------------------------------------------------------


def settings_of(session: Session, program_id: int) -> CmeSettings | None:
    return session.exec(select(CmeSettings).where(CmeSettings.program_id == program_id)).first()


JOINT_PROVIDER_PROBLEM = "List only the other providers: the accredited one is above."


def accreditation(settings: CmeSettings | SettingsForm) -> statements.Accreditation:
    joint = tuple(line.strip() for line in settings.joint_providers.splitlines() if line.strip())
    return statements.Accreditation(provider=settings.provider, joint_providers=joint)


def settings_values(settings: CmeSettings | None) -> dict[str, str]:
    current = settings or CmeSettings(program_id=0)
    return {
        "provider": current.provider,
        "joint_providers": current.joint_providers,
        "ama_enabled": "yes" if current.ama_enabled else "",
        "ama_max_per_session": statements.format_credits(current.ama_max_per_session),
        "participation_enabled": "yes" if current.participation_enabled else "",
        "moc_enabled": "yes" if current.moc_enabled else "",
        "moc_points_per_session": statements.format_credits(current.moc_points_per_session),
        "accme_activity_id": current.accme_activity_id,
        "evaluation_required": "yes" if current.evaluation_required else "",
        "claim_window_days": str(current.claim_window_days),
    }


def save_settings(
    session: Session, program: Program, form: SettingsForm, *, actor_id: int
) -> CmeSettings:
    try:
        accreditation(form)  # statements.Accreditation holds the rules of who provides
    except ValueError:
        raise FormErrors({"joint_providers": JOINT_PROVIDER_PROBLEM}) from None
    settings = settings_of(session, program.id or 0) or CmeSettings(program_id=program.id or 0)
    form.copy_to(settings)
    settings.updated_at = utcnow()
    settings.updated_by_id = actor_id
    session.add(settings)
    session.flush()
    return settings


def questions_of(session: Session, program_id: int) -> Sequence[EvaluationQuestion]:
    return session.exec(
        select(EvaluationQuestion)
        .where(EvaluationQuestion.program_id == program_id)
        .order_by(col(EvaluationQuestion.position), col(EvaluationQuestion.id))
    ).all()


def add_question(session: Session, program_id: int, form: QuestionForm) -> EvaluationQuestion:
    text, kind = form.question_text, form.question_kind
    position = len(questions_of(session, program_id))
    question = EvaluationQuestion(program_id=program_id, text=text, kind=kind, position=position)
    session.add(question)
    session.flush()
    return question


# --- who may claim what -------------------------------------------------------------------


# Pure and asked on every view of a program's page: remembered (the credit amount's
# checks do Fraction arithmetic).
@lru_cache(maxsize=256)
def _credit_sentence(values: tuple[Any, ...]) -> str | None:
    """What credit a program's sessions give, for its page (CREDIT_OFFER)."""
    ama_enabled, ama_max_per_session, participation_enabled, moc_enabled = values
    offers = []
    if ama_enabled:
        most = statements.credit_amount(ama_max_per_session, CreditKind.ama)
        offers.append(f"physicians may claim up to {most} per session")
    if participation_enabled:
        offers.append("everyone else a certificate of participation hours")
    if moc_enabled:
        offers.append("pediatricians ABP MOC Part 2 points")
    if not offers:
        return None
    text = "; ".join(offers)
    return f"CME: {text[:1].lower()}{text[1:]}, claimed after each session you attend."


# Read with the program page's own query (echo.programs.services.ProgramFact); nothing is
# said of a program without CME settings.
CREDIT_OFFER = ProgramFact(
    CmeSettings.__table__,  # type: ignore[attr-defined]
    ("ama_enabled", "ama_max_per_session", "participation_enabled", "moc_enabled"),
    _credit_sentence,
)


def is_physician(user: User) -> bool:
    return user.credentials in PHYSICIAN_CREDENTIALS


def credit_kind(user: User, settings: CmeSettings) -> str | None:
    """Physicians (MD, DO) claim AMA PRA Category 1 Credit; everyone else hours of
    participation (docs/domain.md section 5). None when the program offers neither to them."""
    if is_physician(user) and settings.ama_enabled:
        return CreditKind.ama
    if settings.participation_enabled:
        return CreditKind.participation
    return None


def eligible_amount(kind: str, minutes: int, settings: CmeSettings) -> Decimal:
    if kind == CreditKind.ama:
        return credit_rule.credit_for_minutes(minutes, settings.ama_max_per_session)
    return credit_rule.hours_for_minutes(minutes)


def earned_credit(user: User, minutes: int, settings: CmeSettings) -> tuple[str | None, Decimal]:
    """The kind of credit a person may claim for the minutes they attended, and how much
    (0 when they earned none)."""
    kind = credit_kind(user, settings)
    return kind, eligible_amount(kind, minutes, settings) if kind else Decimal("0")


def claim_closes(program_session: ProgramSession, settings: CmeSettings) -> datetime:
    return program_session.ends_at + timedelta(days=settings.claim_window_days)


@dataclass(frozen=True)
class Claimable:
    """One attended session of a program with CME, as a learner sees it."""

    program_session: ProgramSession
    program: Program
    settings: CmeSettings
    minutes: int
    kind: str | None
    amount: Decimal
    evaluation: Evaluation | None
    claim: Claim | None
    certificate: Certificate | None
    closes_at: datetime  # the claim window's end, or an approved late claim's
    late_request: LateClaimRequest | None = None

    @property
    def needs_evaluation(self) -> bool:
        return self.settings.evaluation_required and self.evaluation is None

    def window_open(self, now: datetime) -> bool:
        return now <= self.closes_at

    def may_request_late(self, now: datetime) -> bool:
        """The window closed with nothing claimed, and no late claim was asked for."""
        return (
            self.claim is None
            and self.kind is not None
            and self.amount > 0
            and not self.window_open(now)
            and self.late_request is None
        )

    def can_claim(self, now: datetime) -> bool:
        return (
            self.claim is None
            and self.kind is not None
            and self.amount > 0
            and not self.needs_evaluation
            and self.window_open(now)
        )


def claimables(session: Session, user: User, now: datetime | None = None) -> list[Claimable]:
    """Every held session with CME settings the person attended, newest first."""
    moment = now or utcnow()
    history = [
        r for r in attendance.history_of(session, user.id or 0, moment) if r.minutes.attended
    ]
    if not history:
        return []
    program_ids = {r.program.id for r in history}
    settings = {
        s.program_id: s
        for s in session.exec(
            select(CmeSettings).where(col(CmeSettings.program_id).in_(program_ids))
        )
    }
    session_ids = [r.program_session.id for r in history]
    evaluations = {
        e.session_id: e
        for e in session.exec(
            select(Evaluation).where(
                Evaluation.user_id == user.id, col(Evaluation.session_id).in_(session_ids)
            )
        )
    }
    claims = {
        c.session_id: c
        for c in session.exec(
            select(Claim).where(Claim.user_id == user.id, col(Claim.session_id).in_(session_ids))
        )
    }
    certificates = {
        c.claim_id: c
        for c in session.exec(
            select(Certificate).where(
                Certificate.user_id == user.id,
                Certificate.status != CertificateStatus.superseded.value,
            )
        )
    }
    late = late_claims.requests_of(session, user.id or 0, [s for s in session_ids if s])
    rows = []
    for row in history:
        found = settings.get(row.program.id or 0)
        if found is None:
            continue
        minutes = row.minutes.minutes
        kind, amount = earned_credit(user, minutes, found)
        claim = claims.get(row.program_session.id or 0)
        request = late.get(row.program_session.id or 0)
        closes = claim_closes(row.program_session, found)
        closes = max(closes, late_claims.grace_until(request) or closes)
        rows.append(
            Claimable(
                row.program_session,
                row.program,
                found,
                minutes,
                kind,
                amount,
                evaluations.get(row.program_session.id or 0),
                claim,
                certificates.get(claim.id or 0) if claim else None,
                closes,
                request,
            )
        )
    return rows


def claimable(
    session: Session, user: User, session_id: int, now: datetime | None = None
) -> Claimable | None:
    for row in claimables(session, user, now):
        if row.program_session.id == session_id:
            return row
    return None


# --- evaluations --------------------------------------------------------------------------


def objectives_of(program_session: ProgramSession) -> list[str]:
    return [o.strip() for o in program_session.didactic_objectives.splitlines() if o.strip()]


def submit_evaluation(
    session: Session,
    row: Claimable,
    user_id: int,
    data: Mapping[str, Any],
    questions: Sequence[EvaluationQuestion],
) -> Evaluation:
    """The session evaluation; free text passes the PHI guard (a learner may describe a
    patient) and nothing is stored when it blocks. Its fields depend on the session's
    objectives and the program's questions, so they are read here, with the web kit."""
    if row.evaluation is not None:
        raise FormErrors({"overall": "You have already evaluated this session."})
    errors: dict[str, str] = {}
    answers: dict[str, object] = {}

    def rating(name: str, label: str) -> int:
        value = one_line(_text(data.get(name)))
        if value not in {str(v) for v, _ in LIKERT}:
            errors[name] = f"Choose how much you agree: {label}"
            return 0
        return int(value)

    for index, objective in enumerate(objectives_of(row.program_session)):
        answers[f"objective-{index}"] = rating(f"objective-{index}", objective)
    overall = rating("overall", "overall quality")
    for question in questions:
        name = f"question-{question.id}"
        if question.kind == "likert":
            answers[name] = rating(name, question.text)
        else:
            answers[name] = _guarded(_text(data.get(name)), name, errors)
    intended = _guarded(_text(data.get("intended_change")), "intended_change", errors)
    bias = one_line(_text(data.get("bias_free")))
    if bias not in ("yes", "no"):
        errors["bias_free"] = "Say whether the session was free of commercial bias."
    bias_comment = _guarded(_text(data.get("bias_comment")), "bias_comment", errors)
    if bias == "no" and not bias_comment:
        errors["bias_comment"] = "Say what seemed biased, so the CME office can act on it."
    suggestions = _guarded(_text(data.get("suggestions")), "suggestions", errors)
    if errors:
        raise FormErrors(errors)
    evaluation = Evaluation(
        session_id=row.program_session.id or 0,
        user_id=user_id,
        answers=json.dumps(answers),
        intended_change=intended,
        bias_free=bias == "yes",
        bias_comment=bias_comment,
        overall=overall,
        suggestions=suggestions,
    )
    session.add(evaluation)
    session.flush()
    return evaluation


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _guarded(text: str, name: str, errors: dict[str, str]) -> str:
    text = many_lines(text)
    if len(text) > TEXT_LIMIT:
        errors[name] = f"Shorten this to {TEXT_LIMIT} characters."
    elif (checked := check_text(text)).blocked:
        errors[name] = checked.message
    return text


# --- claims -------------------------------------------------------------------------------


def split_name(name: str) -> tuple[str, str]:
    """A first guess at first and last name for board reporting; the learner corrects it."""
    parts = name.replace("Dr. ", "").strip().split()
    if len(parts) < 2:
        return (parts[0] if parts else "", "")
    return " ".join(parts[:-1]), parts[-1]


def claim(
    session: Session,
    row: Claimable,
    user: User,
    form: ClaimForm,
    now: datetime | None = None,
) -> Claim:
    """Claim credit for one attended session: no more than the eligible amount, once,
    inside the claim window, after the evaluation when the program requires it."""
    moment = now or utcnow()
    errors: dict[str, str] = {}
    if row.claim is not None:
        raise FormErrors({"credits": "You have already claimed credit for this session."})
    if not row.window_open(moment):
        raise FormErrors({"credits": "The claim window for this session has closed."})
    if row.needs_evaluation:
        raise FormErrors({"credits": "Complete the session's evaluation first."})
    if row.kind is None or row.amount <= 0:
        raise FormErrors({"credits": "This session has no credit for you to claim."})
    amount = form.credits
    if amount > row.amount:
        errors["credits"] = (
            f"You may claim at most {statements.format_credits(row.amount)} for this session."
        )
    elif amount < credit_rule.QUARTER:
        errors["credits"] = "Claim at least 0.25."
    moc = form.moc and row.settings.moc_enabled and row.kind == CreditKind.ama
    first, last, abp_id, month_day = "", "", "", ""
    if moc:
        first, last = form.first_name, form.last_name
        abp_id, month_day = form.abp_id, form.birth_month_day
        if not first:
            errors["first_name"] = "Enter your first name as the ABP has it."
        if not last:
            errors["last_name"] = "Enter your last name as the ABP has it."
        if not _ABP_ID.fullmatch(abp_id):
            errors["abp_id"] = "Enter your ABP ID (4 to 10 digits)."
        if not pars.is_month_day(month_day):
            errors["birth_month_day"] = "Enter the month and day of your birth as MM/DD."
        if not form.moc_consent:
            errors["moc_consent"] = "Consent to report your completion to ACCME and the ABP."
    if errors:
        raise FormErrors(errors)
    record = Claim(
        session_id=row.program_session.id or 0,
        program_id=row.program.id or 0,
        user_id=user.id or 0,
        kind=row.kind,
        credits=amount,
        minutes=row.minutes,
        moc=moc,
        moc_points=min(amount, row.settings.moc_points_per_session) if moc else Decimal("0"),
        first_name=first,
        last_name=last,
        abp_id=abp_id,
        birth_month_day=month_day,
        moc_consent=moc,
        claimed_at=moment,
    )
    session.add(record)
    session.flush()
    return record


# --- certificates -------------------------------------------------------------------------


def new_code() -> str:
    letters = "".join(secrets.choice(UNAMBIGUOUS_CHARACTERS) for _ in range(8))
    return f"ECHO-{letters[:4]}-{letters[4:]}"


def credits_line(kind: str, amount: Decimal) -> str:
    text = statements.format_credits(amount)
    if kind == CreditKind.ama:
        unit = "Credit" if amount == 1 else "Credits"
        return f"{text} AMA PRA Category 1 {unit}™ claimed"
    return f"{text} {'hour' if amount == 1 else 'hours'} of participation"


@dataclass(frozen=True)
class Issuer:
    """What issuing needs besides the database: the site's address and how to sign."""

    base_url: str
    sign: Callable[[Session, dict[str, object]], str]  # (session, credential JSON) -> VC-JWT
    salt_secret: str


def issue_certificate(
    session: Session, record: Claim, issuer: Issuer, *, supersedes: Certificate | None = None
) -> Certificate:
    """A certificate for a claim: snapshot, PDF file and signed credential; idempotent (a
    claim with a valid certificate gets that one back)."""
    if supersedes is None:
        existing = session.exec(
            select(Certificate).where(
                Certificate.claim_id == record.id,
                Certificate.status == CertificateStatus.valid.value,
            )
        ).first()
        if existing is not None:
            return existing
    user = session.get(User, record.user_id)
    program_session = session.get(ProgramSession, record.session_id)
    program = session.get(Program, record.program_id)
    settings = settings_of(session, record.program_id)
    if user is None or program_session is None or program is None or settings is None:
        raise ValueError("claim without its learner, session, program or CME settings")
    zone = zones.zone_of_program(session, program)
    activity_date = format_date(local_date(program_session.starts_at, zone))
    certificate = Certificate(
        code=new_code(),
        claim_id=record.id or 0,
        user_id=user.id or 0,
        program_id=program.id or 0,
        learner_name=user.display_name,
        activity_title=(
            program_session.didactic_title and f"{program.title}: {program_session.didactic_title}"
        )
        or program.title,
        provider=settings.provider,
        activity_date=activity_date,
        kind=record.kind,
        credits=record.credits,
    )
    verify_url = f"{issuer.base_url.rstrip('/')}/verify/{certificate.code}"
    credential = credentials.open_badge(
        credential_id=f"{issuer.base_url.rstrip('/')}/certificates/{certificate.code}/credential",
        issuer_id=f"{issuer.base_url.rstrip('/')}/issuer",
        issuer_name=settings.provider,
        achievement_id=f"{issuer.base_url.rstrip('/')}/programs/{program.slug}/cme",
        achievement_name=program.title,
        description=f"{LEARNING_FORMAT}, {activity_date}",
        criteria="Attended the live session and claimed credit for the time attended.",
        credit_type=_credit_type_name(record.kind),
        credits_available=settings.ama_max_per_session
        if record.kind == CreditKind.ama
        else record.credits,
        credits_earned=record.credits,
        learner_email=user.email,
        salt=_salt(issuer.salt_secret, certificate.code),
        valid_from=utcnow().replace(microsecond=0),
        activity_start=local_date(program_session.starts_at, zone),
        activity_end=local_date(program_session.ends_at, zone),
    )
    certificate.credential_jwt = issuer.sign(session, credential)
    designation = (
        statements.designation_statement_parts(settings.provider, settings.ama_max_per_session)
        if record.kind == CreditKind.ama
        else [(statements.participation_statement(settings.provider), False)]
    )
    document = certificate_pdf.CertificateDocument(
        kind=record.kind,
        learner_name=certificate.learner_name,
        provider=settings.provider,
        activity_title=certificate.activity_title,
        learning_format=LEARNING_FORMAT,
        dates=activity_date,
        credits_line=credits_line(record.kind, record.credits),
        designation_runs=designation,
        accreditation_statement=statements.accreditation_statement(accreditation(settings)),
        moc_statement=statements.MOC_STATEMENT if record.moc else "",
        code=certificate.code,
        verify_url=verify_url,
        issued_on=format_date(local_date(utcnow(), zone)),
        status_note=f"Replaces certificate {supersedes.code}" if supersedes else "",
    )
    certificate.pdf = certificate_pdf.render_certificate(document)
    session.add(certificate)
    session.flush()
    if supersedes is not None:
        supersedes.status = CertificateStatus.superseded
        supersedes.superseded_by_id = certificate.id
        session.add(supersedes)
    _certificate_event(
        session,
        "certificate.issued",
        certificate,
        record.session_id,
        {
            "credit_kind": certificate.kind,
            "credits": str(certificate.credits),
            "replaces": supersedes.code if supersedes is not None else None,
        },
    )
    return certificate


def _certificate_event(
    session: Session,
    event_type: str,
    certificate: Certificate,
    session_id: int | None,
    extra: Mapping[str, object],
) -> None:
    """certificate.issued or .revoked to the hub's endpoints: ids and the verification
    link (the learner is an id: the hub reads the rest through the API)."""
    events.emit(
        session,
        certificate.program_id,
        event_type,
        {
            "certificate_id": certificate.id,
            "code": certificate.code,
            "claim_id": certificate.claim_id,
            "user_id": certificate.user_id,
            "session_id": session_id,
            **extra,
            "verify_url": f"/verify/{certificate.code}",
        },
    )


def _credit_type_name(kind: str) -> str:
    return "AMA PRA Category 1 Credit" if kind == CreditKind.ama else "Participation hours"


def _salt(secret: str, code: str) -> str:
    import hashlib

    return hashlib.sha256(f"identity-salt:{secret}:{code}".encode()).hexdigest()[:32]


def certificate_by_code(session: Session, code: str) -> Certificate | None:
    if not re.fullmatch(r"ECHO-[A-Z0-9]{4}-[A-Z0-9]{4}", code):
        return None
    return session.exec(select(Certificate).where(Certificate.code == code)).first()


def revoke(session: Session, certificate: Certificate, reason: str) -> None:
    """Revoke with a one-line reason (CertificateActionForm bounds it)."""
    reason = reason.strip()
    if not reason:
        raise FormErrors({"reason": "Say why the certificate is revoked."})
    if certificate.status != CertificateStatus.valid:
        raise FormErrors({"reason": "Only a valid certificate can be revoked."})
    certificate.status = CertificateStatus.revoked
    certificate.revoked_reason = reason
    session.add(certificate)
    record = session.get(Claim, certificate.claim_id)
    _certificate_event(
        session,
        "certificate.revoked",
        certificate,
        record.session_id if record is not None else None,
        {},
    )


def reissue(session: Session, certificate: Certificate, issuer: Issuer) -> Certificate:
    """A new certificate for the same claim (a corrected name, say); the old one is
    superseded and its verification page says so."""
    if certificate.status != CertificateStatus.valid:
        raise FormErrors({"reason": "Only a valid certificate can be re-issued."})
    record = session.get(Claim, certificate.claim_id)
    if record is None:
        raise FormErrors({"reason": "The claim of this certificate is gone."})
    return issue_certificate(session, record, issuer, supersedes=certificate)


# --- transcript, PARS, dashboard ----------------------------------------------------------------


@dataclass(frozen=True)
class TranscriptRow:
    claim: Claim
    program_session: ProgramSession
    program: Program
    certificate: Certificate | None
    day: date  # the session's date in the program's zone


def transcript(
    session: Session, user_id: int, start: date | None = None, end: date | None = None
) -> list[TranscriptRow]:
    """The person's claims, newest first; ``start`` and ``end`` (both included) are the
    sessions' dates in their programs' zones."""
    query = (
        sa.select(Claim, ProgramSession, Program, Hub, ProgramSchedule)
        .join(ProgramSession, col(ProgramSession.id) == Claim.session_id)
        .join(Program, col(Program.id) == Claim.program_id)
        .join(Hub, col(Hub.id) == Program.hub_id)
        .outerjoin(ProgramSchedule, col(ProgramSchedule.program_id) == Program.id)
        .where(col(Claim.user_id) == user_id)
        .order_by(col(ProgramSession.starts_at).desc())
    )
    # Programs differ in zone: the database narrows by UTC moments, local_date decides.
    if start:
        query = query.where(col(ProgramSession.starts_at) >= any_zone_day_bounds(start, start)[0])
    if end:
        query = query.where(col(ProgramSession.starts_at) < any_zone_day_bounds(end, end)[1])
    certificates = {
        c.claim_id: c
        for c in session.exec(
            select(Certificate).where(
                Certificate.user_id == user_id,
                Certificate.status != CertificateStatus.superseded.value,
            )
        )
    }
    rows = []
    for record, program_session, program, hub, schedule in session.execute(query):
        day = local_date(program_session.starts_at, zones.program_zone(schedule, hub))
        if (start is None or start <= day) and (end is None or day <= end):
            certificate = certificates.get(record.id or 0)
            rows.append(TranscriptRow(record, program_session, program, certificate, day))
    return rows


def _reportable() -> list[sa.ColumnElement[bool]]:
    """The claims PARS reports, one rule for the export and for what is still due: AMA
    credit only (participation hours are not reported), and no revoked certificate (a
    revoked certificate withdraws the credit)."""
    revoked = select(Certificate.claim_id).where(
        Certificate.status == CertificateStatus.revoked.value
    )
    return [col(Claim.kind) == CreditKind.ama.value, col(Claim.id).not_in(revoked)]


def _pars_rows(
    session: Session, program: Program, start: date, end: date
) -> list[tuple[Claim, pars.LearnerRecord]]:
    """Each reportable claim of the period (the sessions' dates in the program's zone)
    with its learner record."""
    settings = settings_of(session, program.id or 0)
    zone = zones.zone_of_program(session, program)
    since, until = local_day_bounds(start, end, zone)
    rows = session.exec(
        select(Claim, ProgramSession, User)
        .join(ProgramSession, col(ProgramSession.id) == Claim.session_id)
        .join(User, col(User.id) == Claim.user_id)
        .where(
            Claim.program_id == program.id,
            *_reportable(),
            col(ProgramSession.starts_at) >= since,
            col(ProgramSession.starts_at) < until,
        )
        .order_by(col(ProgramSession.starts_at), col(User.name))
    ).all()
    found = []
    for record, program_session, user in rows:
        first, last = (record.first_name, record.last_name) if record.moc else split_name(user.name)
        learner = pars.LearnerRecord(
            activity_id=settings.accme_activity_id if settings else "",
            completion_date=local_date(program_session.starts_at, zone),
            first_name=first,
            last_name=last,
            npi=user.npi or "",
            licensing_state=user.us_state,
            credits=record.credits,
            credit_type="AMA PRA Category 1 Credit",
            moc=pars.MocRecord(
                abp_id=record.abp_id,
                birth_month_day=record.birth_month_day,
                points=record.moc_points,
            )
            if record.moc and record.moc_consent
            else None,
        )
        found.append((record, learner))
    return found


def pars_records(
    session: Session, program: Program, start: date, end: date
) -> list[pars.LearnerRecord]:
    """One record per learner per session claimed (ACCME counts each session attended);
    AMA credit only (participation hours are not reported); MOC only with consent."""
    return [learner for _claim, learner in _pars_rows(session, program, start, end)]


@dataclass(frozen=True)
class ParsPreview:
    records: list[pars.LearnerRecord]
    not_exported: int  # of those, records in no earlier export


def pars_preview(session: Session, program: Program, start: date, end: date) -> ParsPreview:
    """The records of the period, and how many of them no export has held yet."""
    rows = _pars_rows(session, program, start, end)
    ids = [record.id for record, _ in rows]
    exported = (
        set(
            session.exec(
                select(ParsExportClaim.claim_id).where(col(ParsExportClaim.claim_id).in_(ids))
            ).all()
        )
        if ids
        else set()
    )
    return ParsPreview([learner for _, learner in rows], sum(1 for i in ids if i not in exported))


def export_pars(
    session: Session,
    program: Program,
    start: date,
    end: date,
    *,
    file_format: str,
    actor_id: int | None,
    now: datetime | None = None,
) -> list[pars.LearnerRecord]:
    """The records of the period, for a file about to be handed out; the export is recorded
    with the claims it holds (``actor_id`` None: the command line), so the CME home knows
    what is still to be reported."""
    rows = _pars_rows(session, program, start, end)
    export = ParsExport(
        program_id=program.id or 0,
        exported_at=now or utcnow(),
        exported_by_id=actor_id,
        period_from=start.isoformat(),
        period_to=end.isoformat(),
        file_format=file_format,
        rows=len(rows),
        latest_claim_at=max((record.claimed_at for record, _ in rows), default=None),
    )
    session.add(export)
    session.flush()
    if rows:
        session.execute(
            sa.insert(ParsExportClaim),
            [{"export_id": export.id, "claim_id": record.id} for record, _ in rows],
        )
    return [learner for _, learner in rows]


def last_pars_export(session: Session, program_id: int) -> tuple[ParsExport, User | None] | None:
    """The program's latest PARS export and who made it (None: the command line)."""
    found = session.exec(
        select(ParsExport, User)
        .outerjoin(User, col(User.id) == ParsExport.exported_by_id)
        .where(ParsExport.program_id == program_id)
        .order_by(col(ParsExport.exported_at).desc(), col(ParsExport.id).desc())
    ).first()
    return (found[0], found[1]) if found is not None else None


@dataclass(frozen=True)
class ParsBacklog:
    """A program's claims (learner records) in no PARS export yet, and when the oldest of
    them is due (pars.report_due: ABP MOC, within 30 days of completion)."""

    claims: int
    oldest_completion: date | None  # the session's date in the program's zone
    today: date  # in the program's zone

    @property
    def due(self) -> date | None:
        return pars.report_due(self.oldest_completion) if self.oldest_completion else None

    @property
    def days_left(self) -> int:
        """Days until the due date (0 on the day itself); negative once overdue."""
        return (self.due - self.today).days if self.due else 0

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def pars_backlogs(
    session: Session, program_ids: Sequence[int], now: datetime | None = None
) -> dict[int, ParsBacklog]:
    """ParsBacklog of several programs (two queries, whatever their number)."""
    if not program_ids:
        return {}
    moment = now or utcnow()
    exported = select(ParsExportClaim.claim_id).where(ParsExportClaim.claim_id == Claim.id)
    waiting = {
        program_id: (count, oldest)
        for program_id, count, oldest in session.exec(
            select(Claim.program_id, func.count(), func.min(ProgramSession.starts_at))
            .join(ProgramSession, col(ProgramSession.id) == Claim.session_id)
            .where(col(Claim.program_id).in_(program_ids), *_reportable(), ~exported.exists())
            .group_by(col(Claim.program_id))
        ).all()
    }
    zone_of = zones.zones_of_programs(session, program_ids)
    found = {}
    for program_id in program_ids:
        zone = zone_of.get(program_id, "UTC")
        count, oldest = waiting.get(program_id, (0, None))
        found[program_id] = ParsBacklog(
            claims=count,
            oldest_completion=local_date(oldest, zone) if oldest else None,
            today=local_date(moment, zone),
        )
    return found


@dataclass(frozen=True)
class Dashboard:
    sessions_held: int
    attendees: int
    credits_claimed: Decimal
    claims: int
    evaluations_outstanding: int
    disclosures_missing: list[User]
    certificates_issued: int
    claims_without_certificate: int


def dashboard(session: Session, program: Program, now: datetime | None = None) -> Dashboard:
    moment = now or utcnow()
    summary = attendance.program_summary(session, program, moment)
    held_ids = [row.program_session.id for row in summary.sessions]
    recorded = attendance.load_attendance(session, [i or 0 for i in held_ids])
    attended_pairs = {
        (sid, uid)
        for sid, found in recorded.items()
        for uid in found.people
        if found.minutes(
            next(r.program_session for r in summary.sessions if r.program_session.id == sid), uid
        ).attended
    }
    evaluated = set(
        session.exec(
            select(Evaluation.session_id, Evaluation.user_id).where(
                col(Evaluation.session_id).in_(held_ids)
            )
        ).all()
    )
    claims = session.exec(select(Claim).where(Claim.program_id == program.id)).all()
    certified = set(
        session.exec(select(Certificate.claim_id).where(Certificate.program_id == program.id)).all()
    )
    return Dashboard(
        sessions_held=len(summary.sessions),
        attendees=summary.unique_participants,
        credits_claimed=sum((c.credits for c in claims), Decimal("0")),
        claims=len(claims),
        evaluations_outstanding=len(attended_pairs - {(s, u) for s, u in evaluated}),
        disclosures_missing=missing_disclosures(session, program, moment),
        certificates_issued=session.exec(
            select(func.count())
            .select_from(Certificate)
            .where(Certificate.program_id == program.id)
        ).one(),
        claims_without_certificate=sum(1 for c in claims if c.id not in certified),
    )


# --- disclosures --------------------------------------------------------------------------


def current_disclosure(
    session: Session, program_id: int, user_id: int, now: datetime | None = None
) -> Disclosure | None:
    """The person's latest disclosure for the program, if signed in the last 12 months."""
    since = (now or utcnow()) - DISCLOSURE_VALID
    return session.exec(
        select(Disclosure)
        .where(
            Disclosure.program_id == program_id,
            Disclosure.user_id == user_id,
            col(Disclosure.signed_at) >= since,
        )
        .order_by(col(Disclosure.signed_at).desc())
    ).first()


def must_disclose(session: Session, program: Program, now: datetime | None = None) -> list[User]:
    """Presenters of upcoming sessions and the program's lead: the people who control
    content and must disclose before the activity."""
    moment = now or utcnow()
    ids = set(
        session.exec(
            select(ProgramSession.didactic_presenter_id).where(
                ProgramSession.program_id == program.id,
                col(ProgramSession.ends_at) > moment,
                ProgramSession.status != SessionStatus.cancelled.value,
                col(ProgramSession.didactic_presenter_id).is_not(None),
            )
        ).all()
    )
    if program.lead_faculty_id:
        ids.add(program.lead_faculty_id)
    if not ids:
        return []
    return list(session.exec(select(User).where(col(User.id).in_(ids)).order_by(col(User.name))))


def missing_disclosures(
    session: Session, program: Program, now: datetime | None = None
) -> list[User]:
    return [
        user
        for user in must_disclose(session, program, now)
        if current_disclosure(session, program.id or 0, user.id or 0, now) is None
    ]


def save_disclosure(
    session: Session, program: Program, user: User, form: DisclosureForm
) -> Disclosure:
    errors: dict[str, str] = {}
    if form.has_relationships == "yes" and not form.relationships:
        errors["relationships"] = (
            "Name each ineligible company and the nature of the relationship, one per line."
        )
    if not form.attest:
        errors["attest"] = "Confirm that the disclosure is complete and accurate."
    if errors:
        raise FormErrors(errors)
    disclosure = Disclosure(
        program_id=program.id or 0,
        user_id=user.id or 0,
        role=form.role,
        has_relationships=form.has_relationships == "yes",
        relationships=form.relationships if form.has_relationships == "yes" else "",
    )
    session.add(disclosure)
    session.flush()
    return disclosure


def mitigate(session: Session, disclosure: Disclosure, text: str, actor_id: int) -> None:
    """Record how a relationship was mitigated (a field named by the disclosure's id)."""
    text = many_lines(text)
    if not text:
        raise FormErrors(
            {f"mitigation-{disclosure.id}": "Describe how the relationship was mitigated."}
        )
    if len(text) > TEXT_LIMIT:
        raise FormErrors(
            {f"mitigation-{disclosure.id}": f"Shorten this to {TEXT_LIMIT} characters."}
        )
    disclosure.mitigation = text
    disclosure.mitigated_by_id = actor_id
    disclosure.mitigated_at = utcnow()
    session.add(disclosure)


def program_disclosures(session: Session, program_id: int) -> list[tuple[Disclosure, User]]:
    rows = session.exec(
        select(Disclosure, User)
        .join(User, col(User.id) == Disclosure.user_id)
        .where(Disclosure.program_id == program_id)
        .order_by(col(Disclosure.signed_at).desc())
    ).all()
    return [(d, u) for d, u in rows]


def session_disclosures(
    session: Session, program: Program, program_session: ProgramSession, now: datetime | None = None
) -> list[tuple[User, Disclosure | None]]:
    """What learners see before the session: the presenter's and the lead's disclosures."""
    ids = [i for i in (program_session.didactic_presenter_id, program.lead_faculty_id) if i]
    people = session.exec(select(User).where(col(User.id).in_(ids))).all() if ids else []
    return [
        (user, current_disclosure(session, program.id or 0, user.id or 0, now)) for user in people
    ]


# --- batch issuance -----------------------------------------------------------------------


def claims_to_certify(session: Session, program: Program, start: date, end: date) -> list[Claim]:
    """Claims in the period (sessions' dates in the program's zone) without a certificate
    (what a batch still has to do). A claim whose certificate was revoked stays without
    one: revoking withdrew the credit."""
    certified = set(
        session.exec(select(Certificate.claim_id).where(Certificate.program_id == program.id)).all()
    )
    rows = session.exec(
        select(Claim, ProgramSession)
        .join(ProgramSession, col(ProgramSession.id) == Claim.session_id)
        .where(Claim.program_id == program.id)
        .order_by(col(Claim.id))
    ).all()
    first, last = local_day_bounds(start, end, zones.zone_of_program(session, program))
    return [c for c, s in rows if first <= s.starts_at < last and c.id not in certified]


def open_batch(
    session: Session, program: Program, start: date, end: date, actor_id: int | None
) -> IssueBatch:
    """The running batch for this program and period (an interrupted one resumes), or a new one."""
    running = session.exec(
        select(IssueBatch).where(
            IssueBatch.program_id == program.id,
            IssueBatch.period_from == start.isoformat(),
            IssueBatch.period_to == end.isoformat(),
            IssueBatch.status == "running",
        )
    ).first()
    todo = len(claims_to_certify(session, program, start, end))
    if running is not None:
        running.total = running.done + todo
        session.add(running)
        return running
    batch = IssueBatch(
        program_id=program.id or 0,
        period_from=start.isoformat(),
        period_to=end.isoformat(),
        total=todo,
        started_by_id=actor_id,
    )
    session.add(batch)
    session.flush()
    return batch


def run_batch(
    database: Database,
    batch_id: int,
    issuer: Issuer,
    progress: Callable[[int, int], None] | None = None,
) -> IssueBatch:
    """Issue the batch's certificates one transaction each, counting progress as it goes:
    stopping half-way loses nothing, and running again does only what is left. A claim
    that cannot be issued (a name too long for the page, say) is recorded (echo.jobs) and
    counted as failed; the others are issued."""
    with database.write() as session:
        batch = session.get(IssueBatch, batch_id)
        program = session.get(Program, batch.program_id) if batch else None
        if batch is None or program is None:
            raise ValueError(f"no batch {batch_id}")
        todo = [
            c.id or 0
            for c in claims_to_certify(
                session,
                program,
                date.fromisoformat(batch.period_from),
                date.fromisoformat(batch.period_to),
            )
        ]
        done, total = batch.done, batch.done + len(todo)
        batch.total = total
        session.add(batch)
    for claim_id in todo:
        failed = False
        try:
            with database.write() as session:
                record = session.get(Claim, claim_id)
                if record is not None:
                    issue_certificate(session, record, issuer)
        except Exception as error:
            failed = True
            with database.write() as session:
                jobs.record_failure(
                    session, "certificate batch", f"batch {batch_id}, claim {claim_id}", error
                )
        with database.write() as session:
            current = session.get(IssueBatch, batch_id)
            if current is not None:
                current.done += 1
                current.failed += int(failed)
                session.add(current)
        done += 1
        if progress is not None:
            progress(done, total)
    with database.write() as session:
        finished = session.get(IssueBatch, batch_id)
        assert finished is not None
        finished.status = "finished"
        finished.finished_at = utcnow()
        session.add(finished)
        return finished


# --- what the role homes list (echo.pages.home) ------------------------------------------------


def missing_disclosures_of(
    session: Session, programs: Sequence[Program], now: datetime | None = None
) -> dict[int, list[User]]:
    """missing_disclosures for several programs at once (three queries, whatever their
    number): who must disclose (must_disclose) and has no current disclosure."""
    moment = now or utcnow()
    ids = [p.id or 0 for p in programs]
    needed: dict[int, set[int]] = {
        p.id or 0: {p.lead_faculty_id} if p.lead_faculty_id else set() for p in programs
    }
    if not ids:
        return {}
    for program_id, presenter_id in session.exec(
        select(ProgramSession.program_id, ProgramSession.didactic_presenter_id).where(
            col(ProgramSession.program_id).in_(ids),
            col(ProgramSession.ends_at) > moment,
            ProgramSession.status != SessionStatus.cancelled.value,
            col(ProgramSession.didactic_presenter_id).is_not(None),
        )
    ).all():
        if presenter_id is not None:
            needed[program_id].add(presenter_id)
    people_ids = set().union(*needed.values())
    if not people_ids:
        return {program_id: [] for program_id in ids}
    disclosed = set(
        session.exec(
            select(Disclosure.program_id, Disclosure.user_id).where(
                col(Disclosure.program_id).in_(ids),
                col(Disclosure.user_id).in_(people_ids),
                col(Disclosure.signed_at) >= moment - DISCLOSURE_VALID,
            )
        ).all()
    )
    people = {
        user.id: user
        for user in session.exec(
            select(User).where(col(User.id).in_(people_ids)).order_by(col(User.name))
        )
    }
    return {
        program_id: sorted(
            (people[u] for u in wanted if (program_id, u) not in disclosed and u in people),
            key=lambda user: user.name,
        )
        for program_id, wanted in needed.items()
    }


def settings_of_programs(session: Session, program_ids: Sequence[int]) -> dict[int, CmeSettings]:
    """The CME settings of those of these programs that offer credit (one query)."""
    if not program_ids:
        return {}
    return {
        s.program_id: s
        for s in session.exec(
            select(CmeSettings).where(col(CmeSettings.program_id).in_(program_ids))
        )
    }


@dataclass(frozen=True)
class ClosingWindow:
    """A held session whose claim window closes soon: the claims made so far, and the
    attendees who earned credit and have not claimed it yet (whom to remind)."""

    program_session: ProgramSession
    program: Program
    closes_at: datetime
    claims: int
    unclaimed: int = 0


# The longest claim window a program may set (SettingsForm.claim_window_days).
LONGEST_CLAIM_WINDOW = timedelta(days=365)


def claim_windows_closing(
    session: Session, program_ids: Sequence[int], *, within: timedelta, now: datetime | None = None
) -> list[ClosingWindow]:
    """Held sessions of these programs (with CME settings) whose claim window
    (claim_closes) closes in the next ``within``, soonest first, with their claims and the
    attendees who earned credit (earned_credit) without claiming it (six queries, whatever
    the number of sessions and people)."""
    if not program_ids:
        return []
    moment = now or utcnow()
    rows = session.exec(
        select(ProgramSession, Program, CmeSettings)
        .join(Program, col(Program.id) == ProgramSession.program_id)
        .join(CmeSettings, col(CmeSettings.program_id) == Program.id)
        .where(
            col(Program.id).in_(program_ids),
            col(ProgramSession.ends_at) <= moment,
            col(ProgramSession.ends_at) >= moment - LONGEST_CLAIM_WINDOW,
            ProgramSession.status != SessionStatus.cancelled.value,
        )
    ).all()
    closing = [
        (s, p, settings, claim_closes(s, settings))
        for s, p, settings in rows
        if moment < claim_closes(s, settings) <= moment + within
    ]
    if not closing:
        return []
    session_ids = [s.id or 0 for s, _, _, _ in closing]
    claimed = set(
        session.exec(
            select(Claim.session_id, Claim.user_id).where(col(Claim.session_id).in_(session_ids))
        ).all()
    )
    recorded = attendance.load_attendance(session, session_ids)
    attended = {
        s.id or 0: {
            user_id: minutes.minutes
            for user_id in recorded[s.id or 0].people
            if (minutes := recorded[s.id or 0].minutes(s, user_id)).attended
        }
        for s, _, _, _ in closing
    }
    claims = Counter(session_id for session_id, _ in claimed)
    people_ids = set().union(*attended.values())
    people = (
        {u.id: u for u in session.exec(select(User).where(col(User.id).in_(people_ids)))}
        if people_ids
        else {}
    )
    found = []
    for s, p, settings, closes in closing:
        sid = s.id or 0
        unclaimed = sum(
            1
            for user_id, minutes in attended[sid].items()
            if (sid, user_id) not in claimed
            and user_id in people
            and earned_credit(people[user_id], minutes, settings)[1] > 0
        )
        found.append(ClosingWindow(s, p, closes, claims.get(sid, 0), unclaimed))
    return sorted(found, key=lambda row: row.closes_at)


@dataclass(frozen=True)
class ProgramCme:
    """One program as its CME administrators' home shows it."""

    program: Program
    settings: CmeSettings | None
    missing_disclosures: list[User]
    claims_since: int
    certificates_since: int
    batches: list[IssueBatch]
    pars: ParsBacklog | None = None  # with CME settings only


def cme_overview(
    session: Session, programs: Sequence[Program], *, since: datetime, now: datetime | None = None
) -> list[ProgramCme]:
    """For each program: its settings, who still has to disclose, the claims and
    certificates since ``since``, its running and latest batches, and the claims still to
    be reported to PARS (a fixed number of queries, whatever the number of programs)."""
    ids = [p.id or 0 for p in programs]
    if not ids:
        return []
    settings = settings_of_programs(session, ids)
    claims = dict(
        session.exec(
            select(Claim.program_id, func.count())
            .where(col(Claim.program_id).in_(ids), col(Claim.claimed_at) >= since)
            .group_by(col(Claim.program_id))
        ).all()
    )
    certificates = dict(
        session.exec(
            select(Certificate.program_id, func.count())
            .where(col(Certificate.program_id).in_(ids), col(Certificate.issued_at) >= since)
            .group_by(col(Certificate.program_id))
        ).all()
    )
    batches: dict[int, list[IssueBatch]] = {i: [] for i in ids}
    for batch in session.exec(
        select(IssueBatch)
        .where(col(IssueBatch.program_id).in_(ids))
        .order_by(col(IssueBatch.started_at).desc(), col(IssueBatch.id).desc())
    ):
        kept = batches[batch.program_id]
        if batch.status == "running" or len(kept) < 1:
            kept.append(batch)
    missing = missing_disclosures_of(session, programs, now)
    backlogs = pars_backlogs(session, list(settings), now)
    return [
        ProgramCme(
            program=p,
            settings=settings.get(p.id or 0),
            missing_disclosures=missing.get(p.id or 0, []),
            claims_since=claims.get(p.id or 0, 0),
            certificates_since=certificates.get(p.id or 0, 0),
            batches=batches[p.id or 0],
            pars=backlogs.get(p.id or 0),
        )
        for p in programs
    ]


def recent_certificates(session: Session, user_id: int, limit: int = 3) -> list[Certificate]:
    """The person's newest valid certificates."""
    return list(
        session.exec(
            select(Certificate)
            .where(
                Certificate.user_id == user_id,
                Certificate.status == CertificateStatus.valid.value,
            )
            .order_by(col(Certificate.issued_at).desc(), col(Certificate.id).desc())
            .limit(limit)
        )
    )
