"""Time rules: store UTC, schedule in a program's IANA zone, show in the viewer's zone."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones


def utcnow() -> datetime:
    return datetime.now(UTC)


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@cache
def time_zone_choices() -> tuple[str, ...]:
    """Zones offered in forms: region/city names, without the legacy and Etc/ aliases."""
    return tuple(sorted(z for z in known_time_zones() if "/" in z and not z.startswith("Etc/")))


def is_known_time_zone(name: str) -> bool:
    return name in known_time_zones()


def format_in_zone(moment: datetime, zone: str) -> str:
    """'Tue 3 Mar 2026, 12:00 PST (America/Los_Angeles)': the zone is always named."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a %-d %b %Y, %H:%M} {local.tzname()} ({zone})"
