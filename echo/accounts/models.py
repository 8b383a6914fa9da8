"""Account tables: users, hubs' members, login sessions and login throttling, and API
tokens (personal and hubs' service tokens) with their rate-limit windows."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.security.identity import display_name
from echo.timeutil import utcnow

# Credentials a learner can hold; shown after the name ("Ana Ruiz, MD").
CREDENTIALS = (
    "MD",
    "DO",
    "NP",
    "PA",
    "RN",
    "LCSW",
    "LPC",
    "LMFT",
    "PhD",
    "PsyD",
    "PharmD",
    "Other",
)
PROFESSIONS = (
    "Physician",
    "Nurse practitioner",
    "Physician assistant",
    "Nurse",
    "Psychologist",
    "Social worker",
    "Counselor or therapist",
    "Pharmacist",
    "Care coordinator",
    "Parent partner",
    "Other",
)
# API tokens, personal and service (echo.accounts.api_tokens): how long one may last, in
# days, and the lifetime the token pages offer.
API_TOKEN_MAX_DAYS = 365
API_TOKEN_DEFAULT_DAYS = 90
# Practice context, reported only in aggregates (reach: rural share, practice types).
PRACTICE_SETTINGS = (("rural", "Rural"), ("urban", "Urban or suburban"))
PRACTICE_TYPES = (
    ("independent", "Independent practice"),
    ("fqhc", "Federally qualified health center (FQHC) or rural health clinic"),
    ("hospital", "Hospital- or health-system-owned practice"),
    ("academic", "Academic or teaching practice"),
    ("school", "School-based health center"),
    ("other", "Other"),
)
US_STATES = [
    "AL",
    "AK",
    "AZ",
    "AR",
    "CA",
    "CO",
    "CT",
    "DE",
    "DC",
    "FL",
    "GA",
    "HI",
    "ID",
    "IL",
    "IN",
    "IA",
    "KS",
    "KY",
    "LA",
    "ME",
    "MD",
    "MA",
    "MI",
    "MN",
    "MS",
    "MO",
    "MT",
    "NE",
    "NV",
    "NH",
    "NJ",
    "NM",
    "NY",
    "NC",
    "ND",
    "OH",
    "OK",
    "OR",
    "PA",
    "PR",
    "RI",
    "SC",
    "SD",
    "TN",
    "TX",
    "UT",
    "VT",
    "VA",
    "WA",
    "WV",
    "WI",
    "WY",
    "GU",
    "VI",
    "AS",
    "MP",
]


class User(SQLModel, table=True):
    __tablename__ = "user_account"

    id: int | None = Field(default=None, primary_key=True)
    # Stored lower-cased (services.normalize_email), so the unique constraint is
    # case-insensitive on every backend.
    email: str = Field(max_length=254, sa_column_kwargs={"unique": True}, nullable=False)
    name: str = Field(max_length=200)
    password_hash: str = Field(max_length=255)
    credentials: str = Field(default="", max_length=100)
    profession: str = Field(default="", max_length=100)
    specialty: str = Field(default="", max_length=100)
    organization: str = Field(default="", max_length=200)
    us_state: str = Field(default="", max_length=2)
    # Practice context: only ever shown in aggregates, never per person (issue 15).
    practice_setting: str = Field(default="", max_length=10)  # PRACTICE_SETTINGS
    practice_type: str = Field(default="", max_length=12)  # PRACTICE_TYPES
    practice_zip: str = Field(default="", max_length=5)
    # The clinician's own work number: the consult line calls back on it.
    work_phone: str = Field(default="", max_length=30)
    time_zone: str = Field(default="America/New_York", max_length=64)
    abp_id: str | None = Field(default=None, max_length=20)
    npi: str | None = Field(default=None, max_length=10)
    is_site_admin: bool = Field(default=False)
    is_active: bool = Field(default=True)
    email_verified_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Part of the personal calendar feed's token; bumping it invalidates old feed URLs.
    calendar_feed_version: int = Field(default=0)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    password_changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def display_name(self) -> str:
        return display_name(self.name, self.credentials)


class HubMembership(SQLModel, table=True):
    __tablename__ = "hub_membership"
    __table_args__ = (sa.UniqueConstraint("hub_id", "user_id", "role"),)

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=20)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class LoginSession(SQLModel, table=True):
    """Server side of a login: the cookie's JWT carries this row's id as `jti`.

    Deleting or revoking the row ends the login even though the JWT is unexpired.
    """

    __tablename__ = "login_session"

    id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    user_agent: str = Field(default="", max_length=300)


class LoginThrottle(SQLModel, table=True):
    """Failed-login counter for one key: ``account:<email>`` or ``client:<address>``.

    Keyed by the submitted email rather than a user id, so unknown emails are
    throttled exactly like real ones and the response reveals nothing.
    """

    __tablename__ = "login_throttle"

    key: str = Field(primary_key=True, max_length=300)
    failures: int = Field(default=0)
    last_failure_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    blocked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApiToken(SQLModel, table=True):
    """An API access token (echo.accounts.api_tokens): a person's own (``user_id``) or a
    hub's service token (no ``user_id``; ``hub_id`` is the hub that owns it). The token's
    text is ``echo_<prefix>_<secret>``: the prefix finds the row, and only a hash of the
    secret is kept, so the database alone never lets anyone use a token."""

    __tablename__ = "api_token"
    __table_args__ = (
        sa.CheckConstraint("user_id IS NOT NULL OR hub_id IS NOT NULL", name="ck_api_token_owner"),
    )

    id: int | None = Field(default=None, primary_key=True)
    # The person whose token it is; None for a service token, which belongs to its hub.
    user_id: int | None = Field(
        default=None, foreign_key="user_account.id", index=True, ondelete="CASCADE"
    )
    name: str = Field(max_length=100)  # the owner's label: what uses the token
    prefix: str = Field(max_length=16, unique=True, index=True)
    # SHA-256 (hex) of the secret part. A fast hash is right here, unlike for passwords:
    # the secret is 32 random bytes (secrets.token_urlsafe), so no guessing or dictionary
    # attack on a leaked hash can succeed, and a slow hash (Argon2) would only cost every
    # API request tens of milliseconds.
    secret_hash: str = Field(max_length=64)
    scopes: str = Field(max_length=20)  # "read" or "read,write"
    # A personal token: limited to this hub's data (None reaches every hub the owner may).
    # A service token: the hub that owns it. Either is useless once the hub is gone.
    hub_id: int | None = Field(default=None, foreign_key="hub.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Who made and who revoked it (a service token outlives both people's accounts).
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    revoked_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )

    @property
    def is_service(self) -> bool:
        return self.user_id is None


class ApiRateWindow(SQLModel, table=True):
    """Requests made with one token in one UTC minute: a fixed-window rate limit kept in the
    database, so every web process counts against the same number."""

    __tablename__ = "api_rate_window"

    token_id: int = Field(foreign_key="api_token.id", primary_key=True, ondelete="CASCADE")
    window_start: datetime = Field(primary_key=True, sa_type=UTCDateTime)
    count: int = Field(default=0)


class SsoLink(SQLModel, table=True):
    """An account's tie to a person at an OpenID provider (echo.accounts.sso): the provider's
    issuer and its subject identifier name the person (OpenID Connect Core 1.0 section 5.7:
    only ``iss`` + ``sub`` is a stable identifier; an email address can change hands)."""

    __tablename__ = "sso_link"
    __table_args__ = (sa.UniqueConstraint("issuer", "subject", name="uq_sso_link_issuer_subject"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    provider: str = Field(max_length=60)  # the configured provider's name, as in its URLs
    issuer: str = Field(max_length=500)
    subject: str = Field(max_length=255)
    email: str = Field(max_length=254)  # the verified address the provider gave when linked
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SsoAttempt(SQLModel, table=True):
    """A sign-in sent to an OpenID provider and not yet back: what the callback must match.

    Kept in the database, not in a process, so any app process can take the callback; the
    row is deleted when the callback uses it, so a replayed callback finds nothing. Only
    hashes of the ``state`` (in the URL) and of the browser's own cookie are stored; the
    nonce and the PKCE verifier are worth nothing without the provider's one-time code.
    """

    __tablename__ = "sso_attempt"

    state_hash: str = Field(primary_key=True, max_length=64)  # SHA-256 hex of the state
    browser_hash: str = Field(max_length=64)  # SHA-256 hex of the sign-in cookie's value
    provider: str = Field(max_length=60)
    nonce: str = Field(max_length=100)
    code_verifier: str = Field(max_length=128)  # RFC 7636: 43 to 128 characters
    next_path: str = Field(default="", max_length=500)
    # Set when a signed-in person links a provider from their profile (not a sign-in).
    user_id: int | None = Field(
        default=None, foreign_key="user_account.id", index=True, ondelete="CASCADE"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
