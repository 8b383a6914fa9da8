"""The email to a hub's coordinators when one of its webhook endpoints is disabled
(410 Gone, or too many failed deliveries in a row): their systems stopped hearing from
Echo, and nothing more is sent until someone enables the endpoint again."""

from __future__ import annotations

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import HubMembership, User
from echo.notify import messages
from echo.security.permissions import HubRole
from echo.settings import Settings
from echo.webhooks.models import WebhookEndpoint

# The hub table belongs to echo.programs, a layer above (the import contracts in
# pyproject.toml): its slug and name by name only, for the link and the sender.
_HUB = sa.table(
    "hub", sa.column("id", sa.Integer), sa.column("slug", sa.String), sa.column("name", sa.String)
)


def endpoint_disabled(session: Session, settings: Settings, endpoint_id: int) -> int:
    """Queue the email to each active coordinator of the endpoint's hub; how many."""
    endpoint = session.get(WebhookEndpoint, endpoint_id)
    if endpoint is None or endpoint.enabled:
        return 0
    hub = session.execute(
        sa.select(_HUB.c.slug, _HUB.c.name).where(_HUB.c.id == endpoint.hub_id)
    ).first()
    if hub is None:
        return 0
    coordinators = session.exec(
        select(User)
        .join(HubMembership, col(HubMembership.user_id) == col(User.id))
        .where(
            col(HubMembership.hub_id) == endpoint.hub_id,
            col(HubMembership.role) == HubRole.coordinator.value,
            col(User.is_active),
        )
        .order_by(col(User.id))
    ).all()
    sent = 0
    for person in coordinators:
        message = messages.simple(
            settings,
            person,
            # Always sent, as account security emails are: an integration has stopped.
            category=messages.SECURITY,
            subject=f"A webhook endpoint of {hub.name} is disabled",
            paragraphs=[
                f"Echo stopped sending events to {endpoint.url}.",
                endpoint.disabled_reason,
                "Events that happen while it is disabled are not queued for it. Once the "
                "receiver works again, enable the endpoint on its page; its delivery log "
                "shows what failed, and each failed delivery can be sent again from there.",
            ],
            path=f"/hubs/{hub.slug}/webhooks",
            action_label="Open the hub's webhooks",
            sender_name=str(hub.name),
        )
        sent += int(messages.send(session, message))
    return sent
