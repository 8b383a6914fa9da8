"""The emails about a case: its submitter hears that it was scheduled, returned or
declined, or that recommendations were released. A link, never case text (a decline
carries the hub's reason: the hub's own words, through the PHI guard)."""

from __future__ import annotations

from sqlmodel import Session

from echo.accounts.models import User
from echo.cases.models import Case
from echo.notify import messages
from echo.programs.notifications import hub_name_of_program
from echo.settings import Settings


def case_update(
    session: Session, settings: Settings, case_id: int, action: str, *, reason: str = ""
) -> None:
    """The submitter hears that their case was scheduled, returned or declined, or that
    recommendations were released: a link, never case text. ``reason`` is the hub's note
    when it declines (echo.cases.services.transition has passed it through the PHI guard)."""

    case = session.get(Case, case_id)
    user = session.get(User, case.submitter_id) if case else None
    if case is None or user is None or not messages.wants(session, user.id or 0, "cases"):
        return
    wording = {
        "accept": ("Your case {id} is scheduled", "The hub accepted case {id} for a session."),
        "return": ("Your case {id} was returned", "The hub returned case {id} with a note."),
        "decline": ("Your case {id} was declined", "The hub declined case {id}."),
        "release": (
            "Recommendations for case {id} are ready",
            "The hub's written recommendations for case {id} are released.",
        ),
    }.get(action)
    if wording is None:
        return
    subject, line = (part.format(id=case_id) for part in wording)
    reason = " ".join(reason.split())  # one paragraph, however the note was typed
    said = [f"The hub's reason: {reason}"] if action == "decline" and reason else []
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="cases",
            subject=subject,
            paragraphs=[line, *said, "Open the case in Echo to read more."],
            path=f"/cases/{case_id}",
            action_label=f"Open case {case_id}",
            sender_name=hub_name_of_program(session, case.program_id),
            dedupe_key=f"case:{case_id}:{action}:{case.version}",
        ),
    )


def outcome_requested(
    session: Session, settings: Settings, case: Case, user: User, *, reminder: bool
) -> None:
    """Some weeks after release: how did the recommendations work out? A link, no text."""
    subject = (
        f"Reminder: how is it going with case {case.id}?"
        if reminder
        else f"How is it going with case {case.id}?"
    )
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="cases",
            subject=subject,
            paragraphs=[
                f"A few weeks ago the hub released recommendations for case {case.id}. "
                "Three short questions ask which you could carry out, what got in the way "
                "and how the child is doing; the hub uses the answers to improve its advice.",
            ],
            path=f"/cases/{case.id}/outcome",
            action_label="Report how it is going",
            sender_name=hub_name_of_program(session, case.program_id),
            dedupe_key=f"case:{case.id}:outcome:{'reminder' if reminder else 'request'}",
        ),
    )


def update_invited(session: Session, settings: Settings, case: Case) -> None:
    """The hub invites the presenter to present an update of the case at a session."""
    user = session.get(User, case.submitter_id)
    if user is None:
        return
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="cases",
            subject=f"The hub invites you to present an update of case {case.id}",
            paragraphs=[
                f"The hub would like to hear how the child of case {case.id} is doing at an "
                "upcoming session. A follow-up case starts from the same details; you write "
                "only what is new."
            ],
            path=f"/cases/{case.id}",
            action_label=f"Open case {case.id}",
            sender_name=hub_name_of_program(session, case.program_id),
            dedupe_key=f"case:{case.id}:update-invited",
        ),
    )
