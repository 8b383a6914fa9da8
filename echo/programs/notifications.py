"""The emails about enrollment: a request to join reaches the hub's coordinators; an
approval reaches the person. Sent from the hub's name."""

from __future__ import annotations

from sqlmodel import Session, select

from echo.accounts.models import HubMembership, User
from echo.notify import messages
from echo.programs.models import Hub, Program
from echo.security.permissions import HubRole
from echo.settings import Settings


def hub_name_of_program(session: Session, program_id: int) -> str:

    program = session.get(Program, program_id)
    hub = session.get(Hub, program.hub_id) if program else None
    return hub.name if hub else "Echo"


def enrollment_requested(
    session: Session, settings: Settings, program_id: int, person: User
) -> None:
    """The hub's coordinators hear about a request to join."""

    program = session.get(Program, program_id)
    if program is None:
        return
    coordinators = session.exec(
        select(User)
        .join(HubMembership, HubMembership.user_id == User.id)  # type: ignore[arg-type]
        .where(HubMembership.hub_id == program.hub_id, HubMembership.role == HubRole.coordinator)
    ).all()
    for coordinator in coordinators:
        messages.send(
            session,
            messages.simple(
                settings,
                coordinator,
                category="enrollment",
                subject=f"{person.display_name} asks to join {program.title}",
                paragraphs=["Approve or decline the request on the hub's page."],
                path=f"/hubs/{_hub_slug(session, program.hub_id)}/manage",
                action_label="Review requests",
                sender_name=hub_name_of_program(session, program_id),
            ),
        )


def enrollment_approved(session: Session, settings: Settings, program_id: int, user: User) -> None:

    program = session.get(Program, program_id)
    if program is None:
        return
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="enrollment",
            subject=f"You are enrolled in {program.title}",
            paragraphs=[
                "Welcome. The program's page lists its sessions, and its calendar feed "
                "puts them in your calendar."
            ],
            path=f"/programs/{program.slug}",
            action_label="Open the program",
            sender_name=hub_name_of_program(session, program_id),
            dedupe_key=f"enrolled:{program_id}:{user.id}",
        ),
    )


def _hub_slug(session: Session, hub_id: int) -> str:

    hub = session.get(Hub, hub_id)
    return hub.slug if hub else ""
