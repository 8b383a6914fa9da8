"""Survey tables: a program's surveys, their items (copied from the item bank when the
survey is created, so later bank edits never change what was asked), responses and answers.

Responses name the person so pre and post answers can be paired; hub staff only ever see
aggregates of at least ``echo.outcomes.stats.MIN_RESPONDENTS`` people.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class SurveyKind(StrEnum):
    pre = "pre"  # program intake
    post = "post"  # program completion, with retrospective pre-post items
    session = "session"  # a short knowledge check after one session
    followup = "followup"  # practice change, 3 and 6 months after completion

    @property
    def label(self) -> str:
        return {
            "pre": "Program intake",
            "post": "Program completion",
            "session": "Session knowledge check",
            "followup": "Follow-up",
        }[self.value]


class Phase(StrEnum):
    """Which answer of an item: most items have one; a retrospective pre-post item on the
    completion survey has two ("before this series" and "now")."""

    only = ""
    before = "before"
    now = "now"


class Survey(SQLModel, table=True):
    __tablename__ = "survey"

    id: int | None = Field(default=None, primary_key=True)
    program_id: int = Field(foreign_key="program.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=10)  # SurveyKind
    title: str = Field(max_length=200)
    bank_id: str = Field(max_length=60)
    bank_version: int = Field(default=1)
    # A session knowledge check belongs to one session; the others to the whole program.
    session_id: int | None = Field(
        default=None, foreign_key="program_session.id", index=True, ondelete="CASCADE"
    )
    followup_months: int | None = Field(default=None)  # 3 or 6 for a follow-up
    is_open: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )


class SurveyItem(SQLModel, table=True):
    """One question as it was asked. Lists (anchors, choices, correct answers) are stored one
    per line: labels never contain a line break (the bank's validator refuses them)."""

    __tablename__ = "survey_item"

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True, ondelete="CASCADE")
    position: int = Field(default=0)
    key: str = Field(max_length=60)  # the bank item's id: pairs pre and post answers
    text: str = Field(max_length=300)
    type: str = Field(max_length=10)  # likert, single, multiple, number, text
    moore: str = Field(max_length=2)
    scale: str = Field(default="", max_length=60)
    scale_label: str = Field(default="", max_length=200)
    topic: str = Field(default="", max_length=60)
    points: int = Field(default=0)
    anchors: str = Field(default="", sa_type=sa.Text)
    choices: str = Field(default="", sa_type=sa.Text)
    correct: str = Field(default="", sa_type=sa.Text)
    minimum: float | None = Field(default=None)
    maximum: float | None = Field(default=None)
    required: bool = Field(default=True)
    retrospective: bool = Field(default=False)

    @property
    def anchor_list(self) -> list[str]:
        return self.anchors.splitlines()

    @property
    def choice_list(self) -> list[str]:
        return self.choices.splitlines()

    @property
    def correct_list(self) -> list[str]:
        return self.correct.splitlines()


class SurveyResponse(SQLModel, table=True):
    __tablename__ = "survey_response"
    __table_args__ = (sa.UniqueConstraint("survey_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    submitted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class SurveyAnswer(SQLModel, table=True):
    """One answer: a Likert point or a number in ``number``, one chosen label per row in
    ``choice`` (a multiple-choice item has a row per label), or checked free text."""

    __tablename__ = "survey_answer"
    # By item, carrying the response, phase and value: the dashboards' per-scale change and
    # Moore levels read answers from the index alone (bench/outcomes.py).
    __table_args__ = (
        sa.Index("ix_survey_answer_item_covering", "item_id", "response_id", "phase", "number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="survey_response.id", index=True, ondelete="CASCADE")
    item_id: int = Field(foreign_key="survey_item.id", ondelete="CASCADE")
    phase: str = Field(default=Phase.only.value, max_length=6)
    number: float | None = Field(default=None)
    choice: str = Field(default="", max_length=200)
    text: str = Field(default="", sa_type=sa.Text)


class SurveyInvitation(SQLModel, table=True):
    """A follow-up survey due to one person: sent by email with a one-time link when due,
    reminded once, closed when answered."""

    __tablename__ = "survey_invitation"
    __table_args__ = (sa.UniqueConstraint("survey_id", "user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    survey_id: int = Field(foreign_key="survey.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", index=True, ondelete="CASCADE")
    due_at: datetime = Field(sa_type=UTCDateTime, index=True)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class SurveyScaleScore(SQLModel, table=True):
    """A rollup kept with each intake or completion response: the person's mean of each
    scale's Likert items at each moment ("pre"; on the completion survey "before" and
    "now"). The dashboards pair these instead of reading every answer (bench/outcomes.py);
    written in the same transaction as the answers (surveys.submit)."""

    __tablename__ = "survey_scale_score"
    # A program's rows read from the index alone (the dashboards' per-scale change).
    __table_args__ = (
        sa.Index(
            "ix_survey_scale_score_program", "program_id", "scale", "user_id", "moment", "score"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    response_id: int = Field(foreign_key="survey_response.id", index=True, ondelete="CASCADE")
    program_id: int = Field(foreign_key="program.id", ondelete="CASCADE")
    user_id: int = Field(foreign_key="user_account.id", ondelete="CASCADE")
    scale: str = Field(max_length=60)
    moment: str = Field(max_length=6)  # pre, before, now
    score: float
