"""Case consultations: the de-identified case, its workflow trail and its audit log.

Case text is only ever stored after the PHI guard (echo.phi) passed it; the
audit log records ids and actions, never case text.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class CaseStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    in_review = "in_review"
    returned = "returned"
    accepted = "accepted"
    declined = "declined"
    presented = "presented"
    released = "released"
    closed = "closed"


CONCERNS = (
    ("anxiety", "Anxiety"),
    ("depression", "Depression"),
    ("adhd", "ADHD"),
    ("disruptive", "Disruptive behavior"),
    ("trauma", "Trauma"),
    ("eating", "Eating"),
    ("substance", "Substance use"),
    ("self-harm", "Self-harm or suicidality"),
    ("development", "Autism or development"),
    ("other", "Other"),
)
SCHOOL_SETTINGS = (
    ("", "Not in school or child care"),
    ("child-care", "Child care or preschool"),
    ("public", "Public school"),
    ("charter", "Charter school"),
    ("private", "Private school"),
    ("home", "Home school"),
    ("alternative", "Alternative or therapeutic school"),
)
SEXES = (
    ("female", "Female"),
    ("male", "Male"),
    ("intersex", "Intersex"),
    ("unknown", "Not stated"),
)
# Transition notes and break-glass reasons: short, guarded, kept in the trail.
NOTE_LIMIT = 2000
# Free-text fields, in form order, with their length limits: every one goes through the guard.
TEXT_FIELDS = {
    "gender": 60,
    "history": 4000,
    "screening": 2000,
    "medications": 2000,
    "tried": 3000,
    "family_context": 3000,
    "safety_concerns": 2000,
    "question": 1500,
}


class Case(SQLModel, table=True):
    __tablename__ = "case_consult"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    submitter_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    status: str = Field(default=CaseStatus.draft, max_length=12, index=True)
    # Optimistic locking: every save compares and bumps it (two editors never overwrite).
    version: int = Field(default=1)
    follow_up_of_id: int | None = Field(
        default=None, foreign_key="case_consult.id", ondelete="SET NULL"
    )
    session_id: int | None = Field(
        default=None, foreign_key="program_session.id", ondelete="SET NULL", index=True
    )
    age_value: int | None = Field(default=None)
    age_unit: str = Field(default="years", max_length=6)  # years, or months under 2
    sex: str = Field(default="", max_length=10)
    gender: str = Field(default="", max_length=60)
    school_setting: str = Field(default="", max_length=20)
    concerns: str = Field(default="", max_length=200)  # comma-separated CONCERNS keys
    history: str = Field(default="", sa_type=sa.Text)
    screening: str = Field(default="", sa_type=sa.Text)
    medications: str = Field(default="", sa_type=sa.Text)
    tried: str = Field(default="", sa_type=sa.Text)
    family_context: str = Field(default="", sa_type=sa.Text)
    safety_concerns: str = Field(default="", sa_type=sa.Text)
    question: str = Field(default="", sa_type=sa.Text)
    attested: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class CaseEvent(SQLModel, table=True):
    """Append-only: workflow transitions (with their notes) and audit entries (views, edits).

    Notes pass the PHI guard like every other free text; audit entries carry ids only.
    """

    __tablename__ = "case_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case_consult.id", index=True, ondelete="CASCADE")
    actor_id: int | None = Field(default=None, foreign_key="user_account.id", ondelete="SET NULL")
    action: str = Field(max_length=30)  # view, edit, create, submit, return, accept, ...
    from_status: str = Field(default="", max_length=12)
    to_status: str = Field(default="", max_length=12)
    note: str = Field(default="", sa_type=sa.Text)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# The written recommendations' free-text sections, in order, with their length limits;
# every one passes the PHI guard like the case's own fields.
RECOMMENDATION_FIELDS = {
    "restated_question": 1500,
    "diagnostic_considerations": 4000,
    "treatment": 4000,
    "supports": 3000,
    "safety_plan": 3000,
    "follow_up": 2000,
}


class Recommendation(SQLModel, table=True):
    """The hub's written answer to one case: drafted by faculty, released by the program's lead."""

    __tablename__ = "case_recommendation"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        foreign_key="case_consult.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    version: int = Field(default=1)  # optimistic locking, as on the case
    restated_question: str = Field(default="", sa_type=sa.Text)
    diagnostic_considerations: str = Field(default="", sa_type=sa.Text)
    treatment: str = Field(default="", sa_type=sa.Text)
    supports: str = Field(default="", sa_type=sa.Text)
    safety_plan: str = Field(default="", sa_type=sa.Text)
    follow_up: str = Field(default="", sa_type=sa.Text)
    resource_ids: str = Field(default="", max_length=1000)  # comma-separated toolkit ids
    drafted_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    released_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    released_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


# --- the outcome report: what became of the recommendations (issue 15, Moore levels 5-6) ---

#: Recommendation sections a presenter can carry out (the restated question is not one).
ACTIONABLE_SECTIONS = (
    ("diagnostic_considerations", "Diagnostic considerations"),
    ("treatment", "Treatment suggestions"),
    ("supports", "Therapy and school supports"),
    ("safety_plan", "Safety planning"),
    ("follow_up", "Follow-up plan"),
    ("resources", "Resources for the family"),
)
ADOPTION = (
    ("done", "Carried out"),
    ("partly", "Partly carried out"),
    ("not-yet", "Not yet, still planned"),
    ("not-planned", "Not carried out"),
)
OUTCOME_BARRIERS = (
    ("family", "The family declined or did not follow through"),
    ("access", "No service nearby, or a long wait list"),
    ("payment", "Insurance or cost"),
    ("time", "Time in clinic"),
    ("comfort", "I was not confident doing it"),
    ("other", "Something else"),
)
CHILD_STATUS = (
    ("much-better", "Much better"),
    ("better", "Better"),
    ("same", "About the same"),
    ("worse", "Worse"),
    ("unknown", "I have not seen the child since"),
)


class CaseOutcome(SQLModel, table=True):
    """The presenter's short report some weeks after the recommendations were released:
    which were carried out, what got in the way, how the child is doing. Free text passes
    the PHI guard like the case's own fields; hub staff see it on the case and in totals."""

    __tablename__ = "case_outcome"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(
        foreign_key="case_consult.id", ondelete="CASCADE", sa_column_kwargs={"unique": True}
    )
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    adoption: str = Field(default="", max_length=400)  # "section=status" lines (ADOPTION keys)
    barriers: str = Field(default="", max_length=200)  # comma-separated OUTCOME_BARRIERS keys
    child_status: str = Field(default="", max_length=12)  # CHILD_STATUS key
    comment: str = Field(default="", sa_type=sa.Text)
    wants_to_present: bool = Field(default=False)
    invited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    invited_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )

    @property
    def adoption_of(self) -> dict[str, str]:
        return dict(line.split("=", 1) for line in self.adoption.splitlines() if "=" in line)
