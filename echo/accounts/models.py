"""Account tables: users, hubs' members, login sessions and login throttling."""

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
