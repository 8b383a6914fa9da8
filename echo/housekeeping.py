"""What the worker does on each pass besides delivering mail, composed here at the top
(the mail worker below knows nothing of the domains): the reminder pass (session and
credit reminders, weekly digests), follow-up survey invitations, case outcome requests,
and deleting attendance previews older than a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from echo import reminders
from echo.attendance import imports
from echo.cases import outcomes as case_outcomes
from echo.consult import escalation
from echo.db import Database
from echo.outcomes import followups
from echo.settings import Settings


def tick(database: Database, settings: Settings) -> Callable[[datetime], None]:
    def run(now: datetime) -> None:
        reminders.run(database, settings, now)
        with database.write() as session:
            followups.run(session, settings, now)
            case_outcomes.run(session, settings, now)
            escalation.run(session, settings, now)
        imports.expire(settings.var_dir, now)

    return run
