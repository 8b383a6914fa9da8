"""The emails about surveys: a follow-up is due (and its one reminder)."""

from __future__ import annotations

from sqlmodel import Session

from echo.accounts.models import User
from echo.notify import messages
from echo.outcomes.models import Survey
from echo.programs.models import Program
from echo.programs.notifications import hub_name_of_program
from echo.settings import Settings


def followup(
    session: Session,
    settings: Settings,
    user: User,
    survey: Survey,
    program: Program,
    token: str,
    *,
    reminder: bool,
    key: str,
) -> None:
    months = survey.followup_months or 3
    subject = (
        f"Reminder: {months} months after {program.title}, a few questions"
        if reminder
        else f"{months} months after {program.title}: what has changed in your practice?"
    )
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="surveys",
            subject=subject,
            paragraphs=[
                f"You finished {program.title} about {months} months ago. A few short "
                "questions ask what you now do differently and what gets in the way; they "
                "take about three minutes.",
                "Your hub sees only totals of at least five people, never your answers by "
                "name. The link works once, without logging in.",
            ],
            path=f"/survey-links/{token}",
            action_label="Answer the follow-up",
            sender_name=hub_name_of_program(session, program.id or 0),
            dedupe_key=key,
        ),
    )
