"""Who is on call, and how long a request has waited: pure rules, no database.

The rotation is weekly: it hands over on a weekday at an hour in the hub's zone (so a
handover stays at 8:00 local across daylight-saving changes), week n of the cycle is
covered by slot n modulo the number of slots, and a substitution covers its stretch of
time whoever's week it is (the latest-made substitution wins where two overlap).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Rotation:
    slots: Sequence[int]  # user ids, in rotation order
    starts_on: date  # the week of slot 0 begins at the first handover on or after this day
    handover_weekday: int  # 0 = Monday
    handover_hour: int  # 0-23, in ``zone``
    zone: str


@dataclass(frozen=True)
class Cover:
    user_id: int
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC, exclusive


def first_handover(rotation: Rotation) -> datetime:
    """The first handover (local wall time, aware) on or after the rotation's start day."""
    days = (rotation.handover_weekday - rotation.starts_on.weekday()) % 7
    day = rotation.starts_on + timedelta(days=days)
    return datetime.combine(day, time(rotation.handover_hour), tzinfo=ZoneInfo(rotation.zone))


def week_index(rotation: Rotation, at: datetime) -> int:
    """Which rotation week ``at`` (aware) falls in; weeks before the start count back."""
    first = first_handover(rotation)
    local = at.astimezone(ZoneInfo(rotation.zone))
    # Compare wall-clock times: a handover at 8:00 stays at 8:00 across DST changes.
    elapsed = local.replace(tzinfo=None) - first.replace(tzinfo=None)
    return elapsed // WEEK


def week_starting(rotation: Rotation, index: int) -> datetime:
    """The handover that begins week ``index`` (aware, in the hub's zone)."""
    first = first_handover(rotation)
    wall = first.replace(tzinfo=None) + index * WEEK
    return wall.replace(tzinfo=ZoneInfo(rotation.zone))


def scheduled(rotation: Rotation, at: datetime) -> int | None:
    """The rotation's consultant for ``at``, ignoring substitutions."""
    if not rotation.slots:
        return None
    return rotation.slots[week_index(rotation, at) % len(rotation.slots)]


def on_call(rotation: Rotation, covers: Sequence[Cover], at: datetime) -> int | None:
    """Who takes a consult at ``at``: a substitution covering it, else the rotation."""
    for cover in reversed(covers):  # the latest-made first
        if cover.starts_at <= at < cover.ends_at:
            return cover.user_id
    return scheduled(rotation, at)


@dataclass(frozen=True)
class Week:
    starts_at: datetime  # the handover that begins it, in the hub's zone
    user_id: int | None  # the rotation's consultant (substitutions aside)
    position: int  # 1-based place in the cycle (the rotation form's "Week n"); 0 if empty


def upcoming(rotation: Rotation, now: datetime, weeks: int = 6) -> list[Week]:
    """The current week and the next ones, with who the rotation has for each."""
    current = week_index(rotation, now)
    found = []
    for n in range(weeks):
        start = week_starting(rotation, current + n)
        position = (current + n) % len(rotation.slots) + 1 if rotation.slots else 0
        found.append(Week(start, scheduled(rotation, start), position))
    return found


# --- the response timer --------------------------------------------------------------------


@dataclass(frozen=True)
class Timer:
    waited_minutes: int
    minutes_left: int  # negative once the target has passed
    stopped: bool  # the consultant has responded

    @property
    def past_target(self) -> bool:
        return self.minutes_left < 0

    @property
    def label(self) -> str:
        if self.past_target:
            return f"{-self.minutes_left} min past target"
        return f"{self.minutes_left} min left"


def timer(
    created_at: datetime, target_at: datetime, responded_at: datetime | None, now: datetime
) -> Timer:
    """Minutes waited and left against the target, stopped at the first response."""
    end = responded_at or now
    waited = max(0, int((end - created_at).total_seconds() // 60))
    left_seconds = (target_at - end).total_seconds()
    # Round toward "less time left": 30 s past the target is already 1 min past.
    left = int(left_seconds // 60)
    return Timer(waited_minutes=waited, minutes_left=left, stopped=responded_at is not None)
