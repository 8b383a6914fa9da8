"""The worker's pass over the consult lines: a request past its response target with no
first contact yet is escalated once to the line's liaisons (DOMAIN.md 8)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session

from echo.consult import notifications, services
from echo.consult.models import ConsultLine
from echo.settings import Settings

log = logging.getLogger(__name__)


def run(session: Session, settings: Settings, now: datetime) -> int:
    """Escalate every overdue request; one that fails is logged (by id) and skipped."""
    escalated = 0
    for request in services.overdue(session, now):
        try:
            with session.begin_nested():
                line = session.get(ConsultLine, request.line_id)
                if line is None:
                    continue
                services.mark_escalated(session, request, now)
                notifications.escalated(
                    session, settings, request, line, services.liaisons(session, line.hub_id)
                )
            escalated += 1
        except Exception:
            log.exception("consult %s: escalation failed; the next pass tries again", request.id)
    return escalated
