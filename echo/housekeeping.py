"""What the worker does on each pass besides delivering mail, composed here at the top
(the mail worker below knows nothing of the domains): the reminder pass (session and
credit reminders, weekly digests), follow-up survey invitations, case outcome requests,
deleting attendance previews older than a day, and delivering the webhooks that are due
(echo.webhooks.delivery)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from echo import reminders
from echo.attendance import imports
from echo.cases import outcomes as case_outcomes
from echo.consult import escalation
from echo.db import Database
from echo.notify.worker import worker_id
from echo.outcomes import followups
from echo.settings import Settings
from echo.webhooks import delivery as webhooks

log = logging.getLogger("echo.webhooks")


def tick(database: Database, settings: Settings) -> Callable[[datetime], None]:
    webhook_worker = worker_id("-webhooks")

    def run(now: datetime) -> None:
        reminders.run(database, settings, now)
        with database.write() as session:
            followups.run(session, settings, now)
            case_outcomes.run(session, settings, now)
            escalation.run(session, settings, now)
        with database.write() as session:
            imports.expire(session, now)
        # Each attempt keeps its own clock (a pass may take a while), not the tick's.
        counts = webhooks.run_once(database, settings, webhook_worker)
        if counts.delivered or counts.retried or counts.failed:
            log.info("webhook worker %s: %s", webhook_worker, counts)

    return run
