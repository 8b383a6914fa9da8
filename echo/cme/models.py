"""CME records: accreditation settings, disclosures, evaluations, claims, certificates,
PARS exports.

Credits are decimals in quarter hours (echo.cme.credit), stored as NUMERIC(5, 2).
Certificates keep a snapshot of what they state, so a later change of a name or a
setting never changes an issued certificate (providers verify for 6 years).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow

CREDITS = sa.Numeric(5, 2)


class CreditKind(StrEnum):
    ama = "ama"  # AMA PRA Category 1 Credit, for physicians (MD, DO)
    participation = "participation"  # hours of participation, for everyone else


class CmeSettings(SQLModel, table=True):
    """A program's accreditation: edited by the hub's CME administrators."""

    __tablename__ = "cme_settings"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(
        foreign_key="program.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    provider: str = Field(default="", max_length=200)  # the accredited provider
    joint_providers: str = Field(default="", max_length=500)  # one per line; empty = direct
    ama_enabled: bool = Field(default=True)
    ama_max_per_session: Decimal = Field(default=Decimal("1.00"), sa_type=CREDITS)
    participation_enabled: bool = Field(default=True)
    moc_enabled: bool = Field(default=False)  # ABP MOC Part 2
    moc_points_per_session: Decimal = Field(default=Decimal("1.00"), sa_type=CREDITS)
    accme_activity_id: str = Field(default="", max_length=40)
    evaluation_required: bool = Field(default=True)
    claim_window_days: int = Field(default=30)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )


class Disclosure(SQLModel, table=True):
    """Financial relationships with ineligible companies (ACCME Standards for Integrity and
    Independence), disclosed by faculty and planners; mitigation by a CME administrator."""

    __tablename__ = "cme_disclosure"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(default="faculty", max_length=20)  # faculty, planner, reviewer
    has_relationships: bool = Field(default=False)
    relationships: str = Field(default="", sa_type=sa.Text)  # "Company: nature", one per line
    mitigation: str = Field(default="", sa_type=sa.Text)
    mitigated_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    mitigated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    signed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvaluationQuestion(SQLModel, table=True):
    """A program's own evaluation question, beyond the standard ones."""

    __tablename__ = "cme_question"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    text: str = Field(max_length=300)
    kind: str = Field(default="likert", max_length=10)  # likert or text
    position: int = Field(default=0)


class Evaluation(SQLModel, table=True):
    __tablename__ = "cme_evaluation"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    # Answers as JSON: {"objective-0": 4, "question-7": "text", ...}; free text is guarded.
    answers: str = Field(default="{}", sa_type=sa.Text)
    intended_change: str = Field(default="", sa_type=sa.Text)
    bias_free: bool = Field(default=True)
    bias_comment: str = Field(default="", sa_type=sa.Text)
    overall: int = Field(default=0)  # 1-5
    suggestions: str = Field(default="", sa_type=sa.Text)
    submitted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Claim(SQLModel, table=True):
    """Credit a learner claimed for one session (once per session)."""

    __tablename__ = "cme_claim"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=15)  # CreditKind
    credits: Decimal = Field(sa_type=CREDITS)
    minutes: int
    moc: bool = Field(default=False)
    moc_points: Decimal = Field(default=Decimal("0"), sa_type=CREDITS)
    first_name: str = Field(default="", max_length=100)  # as on the board's record
    last_name: str = Field(default="", max_length=100)
    abp_id: str = Field(default="", max_length=20)
    birth_month_day: str = Field(default="", max_length=5)  # MM/DD only (ABP)
    moc_consent: bool = Field(default=False)
    claimed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LateClaimStatus(StrEnum):
    pending = "pending"
    approved = "approved"
    declined = "declined"


class LateClaimRequest(SQLModel, table=True):
    """A learner's request to claim credit after the claim window closed, with the reason;
    a CME administrator of the hub approves or declines it (echo.cme.late_claims)."""

    __tablename__ = "cme_late_claim"
    __table_args__ = (sa.UniqueConstraint("session_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="program_session.id", index=True, ondelete="CASCADE")
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    reason: str = Field(max_length=500)
    status: str = Field(default=LateClaimStatus.pending.value, max_length=10)
    requested_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decided_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )


class CertificateStatus(StrEnum):
    valid = "valid"
    revoked = "revoked"
    superseded = "superseded"


class Certificate(SQLModel, table=True):
    """A certificate for one claim: a PDF and a signed Open Badges 3.0 credential."""

    __tablename__ = "cme_certificate"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=20, sa_column_kwargs={"unique": True})
    claim_id: int = Field(foreign_key="cme_claim.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    status: str = Field(default=CertificateStatus.valid, max_length=12)
    superseded_by_id: int | None = Field(
        default=None, foreign_key="cme_certificate.id", ondelete="SET NULL"
    )
    revoked_reason: str = Field(default="", max_length=300)
    # What the certificate states, frozen at issue.
    learner_name: str = Field(max_length=300)
    activity_title: str = Field(max_length=300)
    provider: str = Field(max_length=200)
    activity_date: str = Field(max_length=100)
    kind: str = Field(max_length=15)
    credits: Decimal = Field(sa_type=CREDITS)
    credential_jwt: str = Field(default="", sa_type=sa.Text)
    # The PDF as issued, kept with the record (providers verify for 6 years; every app
    # server sees it, unlike a local file).
    pdf: bytes = Field(default=b"", sa_type=sa.LargeBinary)
    issued_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class IssueBatch(SQLModel, table=True):
    """Batch issuance for a period: progress is kept so an interrupted batch resumes."""

    __tablename__ = "cme_issue_batch"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    period_from: str = Field(max_length=10)  # ISO dates
    period_to: str = Field(max_length=10)
    total: int = Field(default=0)
    done: int = Field(default=0)  # claims gone through, issued or not
    failed: int = Field(default=0)  # of those, claims that could not be issued (echo.jobs)
    status: str = Field(default="running", max_length=10)  # running, finished
    started_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ParsExport(SQLModel, table=True):
    """A PARS learner file (CSV or XLSX) someone downloaded, or the command line wrote: who,
    when, which period and how many rows. The claims it held are its ParsExportClaim rows;
    a claim in none of them is still to be reported (ABP MOC: within 30 days of completion,
    echo.cme.pars.MOC_REPORTING_DAYS)."""

    __tablename__ = "cme_pars_export"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    exported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # None: the command line (echo-lms cme pars-export), or a person since removed.
    exported_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    period_from: str = Field(max_length=10)  # ISO dates, the sessions' dates in the program's zone
    period_to: str = Field(max_length=10)
    file_format: str = Field(max_length=4)  # csv or xlsx
    rows: int = Field(default=0)
    latest_claim_at: datetime | None = Field(default=None, sa_type=UTCDateTime)  # None: no rows


class ParsExportClaim(SQLModel, table=True):
    """One claim (a learner record) that went out in one PARS export."""

    __tablename__ = "cme_pars_export_claim"

    export_id: int = Field(foreign_key="cme_pars_export.id", primary_key=True, ondelete="CASCADE")
    claim_id: int = Field(
        foreign_key="cme_claim.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class SigningKey(SQLModel, table=True):
    """An RSA key that signs CME credentials (echo.cme.keys). The current one has
    ``is_current`` true, unique, so only one can be (the others have NULL there, which a
    unique column allows many of). A retired key keeps its public key, so credentials it
    signed still verify, and loses its private key."""

    __tablename__ = "signing_key"
    __table_args__ = (
        sa.CheckConstraint(
            "is_current IS NULL OR private_key IS NOT NULL", name="ck_signing_key_current_private"
        ),
    )

    kid: str = Field(primary_key=True, max_length=43)  # the RFC 7638 thumbprint
    public_pem: str = Field(sa_type=sa.Text)
    # PKCS #8 PEM encrypted with AES-GCM under a key derived from the secret key (keys.py).
    private_key: bytes | None = Field(default=None, sa_type=sa.LargeBinary)
    is_current: bool | None = Field(default=None, sa_column_kwargs={"unique": True})
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    retired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
