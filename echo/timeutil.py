"""Time rules: store UTC, schedule in a program's IANA zone, show in the viewer's zone.

A session's calendar date (on certificates, transcripts, the PARS export and in periods of
dates) is its date in the program's zone (echo.programs.zones.program_zone): local_date
for one moment, local_day_bounds for a period of such dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC)


@cache
def time_zone_choices() -> tuple[str, ...]:
    """Zones a person can pick: region/city names and UTC, never the legacy abbreviations
    (EST), the Etc/ offsets or the machine-dependent aliases (localtime, Factory)."""
    return tuple(
        sorted(
            name
            for name in available_timezones()
            if name == "UTC" or ("/" in name and not name.startswith(("Etc/", "posix/", "right/")))
        )
    )


@cache
def _choices() -> frozenset[str]:
    return frozenset(time_zone_choices())


def is_known_time_zone(name: str) -> bool:
    """Whether ``name`` is one of time_zone_choices (the one rule for every form and file)."""
    return name in _choices()


def in_zone(moment: datetime, zone: str) -> datetime:
    """A UTC moment as the wall-clock time in ``zone`` (an aware datetime)."""
    return moment.astimezone(ZoneInfo(zone))


def local_date(moment: datetime, zone: str) -> date:
    """The calendar date of ``moment`` in ``zone``: 01:30 UTC on 1 January is
    31 December in America/Los_Angeles."""
    return in_zone(moment, zone).date()


def local_day_bounds(start: date, end: date, zone: str) -> tuple[datetime, datetime]:
    """The UTC moments ``[first, last)`` of the local dates ``start`` to ``end`` (both
    included) in ``zone``: ``local_date(m, zone)`` is in the period exactly when
    ``first <= m < last``."""
    return _midnight(start, zone), _midnight(end + timedelta(days=1), zone)


def any_zone_day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """UTC moments wide enough for the local dates ``start`` to ``end`` in any zone (local
    time is within a day of UTC): a coarse filter before local_date decides per zone."""
    first, last = local_day_bounds(start, end, "UTC")
    return first - timedelta(days=1), last + timedelta(days=1)


def _midnight(day: date, zone: str) -> datetime:
    # The first moment of ``day`` in ``zone`` (a day that starts in a gap starts when the
    # gap ends: fold=0 is read before the change and the round trip lands after it).
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def format_date(day: date) -> str:
    """'31 December 2026': how certificates and transcripts write a date."""
    return f"{day:%-d %B %Y}"


def format_in_zone(moment: datetime, zone: str) -> str:
    """'Tue 3 Mar 2026, 12:00 PST (America/Los_Angeles)': the zone is always named."""
    local = in_zone(moment, zone)
    return f"{local:%a %-d %b %Y, %H:%M} {local.tzname()} ({zone})"
