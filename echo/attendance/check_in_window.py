"""When a participant may check in to a session: from ``OPENS`` before its start until
``CLOSES`` after its end, unless it is cancelled.

The rule is stated once (``_rule``) over operands of either kind: Python values, for a
session in hand (the session page, the answer of the check-in button), and SQL expressions,
for finding the sessions open now (check-in by code, the check-in button's INSERT ...
SELECT in echo.attendance.fast_checkin, built once with bound parameters).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa

from echo.programs.models import SessionStatus
from echo.timeutil import utcnow

OPENS = timedelta(minutes=15)  # before the start
CLOSES = timedelta(minutes=15)  # after the end
# How pages and messages say it: "from 15 minutes before the start to 15 minutes after the end".
DESCRIPTION = (
    f"from {int(OPENS.total_seconds() // 60)} minutes before the start "
    f"to {int(CLOSES.total_seconds() // 60)} minutes after the end"
)

T = TypeVar("T")


def bounds(now: datetime | None = None) -> tuple[datetime, datetime]:
    """``(opens_by, closes_from)`` at ``now``: check-in is open for a session that starts
    by ``opens_by`` and ends at or after ``closes_from``."""
    moment = now or utcnow()
    return moment + OPENS, moment - CLOSES


def _rule(
    starts_at: Any,
    ends_at: Any,
    status: Any,
    opens_by: Any,
    closes_from: Any,
    all_of: Callable[..., T],
) -> T:
    """The rule itself, for Python values (``all_of`` = all) or SQL (``all_of`` = and_)."""
    return all_of(
        status != SessionStatus.cancelled.value,
        starts_at <= opens_by,
        ends_at >= closes_from,
    )


def _all(*conditions: bool) -> bool:
    return all(conditions)


def is_open(
    starts_at: datetime, ends_at: datetime, status: str, now: datetime | None = None
) -> bool:
    """Whether check-in to a session with these times and status is open at ``now``."""
    return _rule(starts_at, ends_at, status, *bounds(now), all_of=_all)


def is_open_sql(
    starts_at: sa.ColumnExpressionArgument[datetime],
    ends_at: sa.ColumnExpressionArgument[datetime],
    status: sa.ColumnExpressionArgument[str],
    opens_by: datetime | sa.BindParameter[datetime],
    closes_from: datetime | sa.BindParameter[datetime],
) -> sa.ColumnElement[bool]:
    """The same rule in SQL, on a session's columns, with the ``bounds`` as values or as
    bound parameters (for a statement built once)."""
    return _rule(starts_at, ends_at, status, opens_by, closes_from, all_of=sa.and_)
