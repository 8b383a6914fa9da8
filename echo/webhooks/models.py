"""A hub's webhook endpoints, and their deliveries: the outbox and the delivery log in one
table (a delivery is written with the change that caused it, then sent by the worker)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from echo.db import UTCDateTime
from echo.timeutil import utcnow


class DeliveryStatus(StrEnum):
    queued = "queued"  # waiting for its next attempt (next_attempt_at)
    sending = "sending"  # claimed by a worker until leased_until
    delivered = "delivered"  # the endpoint answered 2xx
    failed = "failed"  # refused for good, out of attempts, or its endpoint was disabled


class WebhookEndpoint(SQLModel, table=True):
    """An https address of a hub's that receives the events it subscribed to."""

    __tablename__ = "webhook_endpoint"

    id: int | None = Field(default=None, primary_key=True)
    hub_id: int = Field(foreign_key="hub.id", index=True, ondelete="CASCADE")
    url: str = Field(max_length=500)
    description: str = Field(default="", max_length=200)
    # Event types, comma-separated (echo.webhooks.events.EVENT_TYPES).
    event_types: str = Field(default="", max_length=500)
    # The signing secret as shown to the hub (whsec_ and base64). Kept as it is, like the
    # hub's Zoom secret token (Hub.zoom_webhook_secret): Echo needs it to sign each
    # request, so it cannot be a hash. Shown once, when made or rotated.
    secret: str = Field(max_length=100)
    # After a rotation the old secret also signs, until previous_secret_until, so that the
    # receiver can switch without losing a request (Standard Webhooks: several signatures).
    previous_secret: str = Field(default="", max_length=100)
    previous_secret_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    enabled: bool = Field(default=True)
    disabled_reason: str = Field(default="", max_length=300)
    # Deliveries that failed in a row (reset by one delivered): the endpoint is disabled
    # at echo.webhooks.delivery.DISABLE_AFTER.
    consecutive_failures: int = Field(default=0)
    created_by_id: int | None = Field(
        default=None, foreign_key="user_account.id", ondelete="SET NULL"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint: what is sent, and how sending went."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        # The worker's claim query: due rows by status and time.
        sa.Index("ix_webhook_delivery_due", "status", "next_attempt_at"),
        # An endpoint's delivery log, newest first.
        sa.Index("ix_webhook_delivery_endpoint_id_id", "endpoint_id", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    endpoint_id: int = Field(foreign_key="webhook_endpoint.id", ondelete="CASCADE")
    # The webhook-id header: the same on every attempt, so a receiver can drop repeats.
    event_id: str = Field(max_length=40, sa_column_kwargs={"unique": True})
    event_type: str = Field(max_length=60)
    # {"type", "timestamp", "data"} as emitted; links in data are site paths, made
    # absolute with ECHO_BASE_URL when sent (echo.webhooks.events.body).
    payload: str = Field(sa_type=sa.Text)
    status: str = Field(default=DeliveryStatus.queued.value, max_length=10)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    lease_owner: str = Field(default="", max_length=200)
    leased_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status_code: int | None = Field(default=None)
    # What went wrong, in one short line: never more than 200 characters of a response.
    last_error: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
