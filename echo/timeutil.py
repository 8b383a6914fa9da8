"""Time rules: store UTC, schedule in a program's IANA zone, show in the viewer's zone."""

from __future__ import annotations

from datetime import UTC, datetime
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


def format_in_zone(moment: datetime, zone: str) -> str:
    """'Tue 3 Mar 2026, 12:00 PST (America/Los_Angeles)': the zone is always named."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a %-d %b %Y, %H:%M} {local.tzname()} ({zone})"
