"""The consult line's emails: a new request for the liaisons, an assignment for the
consultant, an escalation when the target passes, the answer for the requester. Links
and the request's number only, never its text (echo.notify.messages)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from echo.accounts.models import User
from echo.consult.models import URGENCIES, ConsultLine, ConsultRequest
from echo.notify import messages
from echo.settings import Settings

CATEGORY = "consults"
_URGENCY = dict(URGENCIES)


def _send(
    session: Session,
    settings: Settings,
    people: Sequence[User],
    request: ConsultRequest,
    line: ConsultLine,
    *,
    subject: str,
    paragraph: str,
    key: str,
) -> None:
    for person in people:
        messages.send(
            session,
            messages.simple(
                settings,
                person,
                category=CATEGORY,
                subject=subject,
                paragraphs=[paragraph],
                path=f"/consults/{request.id}",
                action_label=f"Open consult {request.id}",
                sender_name=line.name,
                dedupe_key=f"consult:{request.id}:{key}:{person.id}",
            ),
        )


def new_request(
    session: Session,
    settings: Settings,
    request: ConsultRequest,
    line: ConsultLine,
    liaisons: Sequence[User],
) -> None:
    urgency = _URGENCY.get(request.urgency, request.urgency).split(":")[0]
    _send(
        session,
        settings,
        liaisons,
        request,
        line,
        subject=f"New consult request {request.id} ({urgency.lower()})",
        paragraph=(
            f"A practice asked {line.name} for a consult. The response target is "
            f"{line.response_target_minutes} minutes; assign it from the queue."
        ),
        key="new",
    )


def assigned(
    session: Session,
    settings: Settings,
    request: ConsultRequest,
    line: ConsultLine,
    consultant: User,
) -> None:
    _send(
        session,
        settings,
        [consultant],
        request,
        line,
        subject=f"Consult {request.id} is assigned to you",
        paragraph=(
            f"The liaison of {line.name} assigned consult request {request.id} to you. "
            "Read the question in Echo, call back or write your note."
        ),
        key=f"assigned:{request.version}",
    )


def escalated(
    session: Session,
    settings: Settings,
    request: ConsultRequest,
    line: ConsultLine,
    liaisons: Sequence[User],
) -> None:
    _send(
        session,
        settings,
        liaisons,
        request,
        line,
        subject=f"Consult {request.id} has passed its {line.response_target_minutes}-minute target",
        paragraph=(
            f"Nobody has contacted the practice about consult request {request.id} yet. "
            "Reach the consultant on call or assign someone else."
        ),
        key="escalated",
    )


def answered(
    session: Session,
    settings: Settings,
    request: ConsultRequest,
    line: ConsultLine,
    requester: User,
) -> None:
    _send(
        session,
        settings,
        [requester],
        request,
        line,
        subject=f"The consultant answered your consult request {request.id}",
        paragraph=(
            f"The consult note for request {request.id} is ready to read in Echo, "
            "with a printable copy for your records."
        ),
        key=f"answered:{request.version}",
    )
