"""Signed webhooks out (Standard Webhooks): hubs register https endpoints for events, and
Echo posts each event to them, signed, through an outbox with retries and a delivery log.

Between programs and accounts in the layers, so that every domain that emits an event
(programs, cases, attendance, CME) can import it; it knows the hub table only by its
foreign key. The pages that manage endpoints are in echo.programs.webhook_views. See
docs/webhooks.md.
"""
