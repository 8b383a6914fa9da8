"""The calendar feed's baseline: the same VCALENDAR built directly with ``icalendar``.

    python -m bench.feed_direct DATABASE SLUG BASE_URL [--duration 10] [--warmup 2]

No Echo code: the program's sessions are read once, with plain SQL through
``sqlite3``, into plain Python values (strings, ints, aware datetimes), and
the time zone's changes of offset are worked out once with ``zoneinfo``.
Then, for ``--warmup`` seconds unmeasured and ``--duration`` seconds measured,
the process builds the whole ``icalendar.Calendar`` again and again (the
calendar properties, one VTIMEZONE, one VEVENT per session with the properties
Echo's feed has) and calls ``to_ical()``; each build is timed on its own. The
result is one JSON object on stdout.

This is the least a feed of these events can cost with this library: no
database query, no HTTP, no per-request checks. ``bench.run`` compares Echo's
served feed with it and checks that the two calendars are the same but for
DTSTAMP (``same_but_dtstamp``).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vDDDTypes,
    vDuration,
    vInt,
    vText,
    vUri,
)

REFRESH_INTERVAL = timedelta(hours=12)
PRODID = "-//Echo//Echo ECHO programs//EN"
# Fine enough to land on every change of offset in tzdb since 1970 (all on quarter hours).
TRANSITION_STEP = timedelta(minutes=15)

SESSIONS_QUERY = """
SELECT s.id, s.starts_at, s.ends_at, s.title, s.status, s.cancel_reason, s.didactic_title,
       s.sequence, s.updated_at, p.title, COALESCE(ps.time_zone, h.time_zone),
       u.name, u.credentials
FROM program_session AS s
JOIN program AS p ON p.id = s.program_id
JOIN hub AS h ON h.id = p.hub_id
LEFT JOIN program_schedule AS ps ON ps.program_id = p.id
LEFT JOIN user_account AS u ON u.id = s.didactic_presenter_id
WHERE p.slug = ?
ORDER BY s.starts_at
"""


@dataclass(frozen=True)
class EventData:
    uid: str
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC
    summary: str
    description: str
    url: str
    sequence: int
    status: str  # CONFIRMED or CANCELLED
    last_modified: datetime  # aware, UTC


@dataclass(frozen=True)
class Onset:
    """One observance of the VTIMEZONE: from ``local_start`` on, ``offset_to`` applies."""

    daylight: bool
    local_start: datetime  # naive, the local time before the change
    name: str
    offset_from: timedelta
    offset_to: timedelta


@dataclass(frozen=True)
class FeedData:
    name: str
    tzid: str
    zone: ZoneInfo
    onsets: list[Onset]
    events: list[EventData]


def _utc(stored: str) -> datetime:
    """SQLite holds Echo's UTC times without an offset."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def load(database: Path, slug: str, base_url: str) -> FeedData:
    """The program's sessions as plain values, shaped as the feed shows them."""
    host = urlsplit(base_url).hostname or "localhost"
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute(SESSIONS_QUERY, (slug,)).fetchall()
    finally:
        connection.close()
    if not rows:
        raise LookupError(f"no sessions for the program {slug!r} in {database}")
    events = []
    for (
        session_id, starts_at, ends_at, title, status, cancel_reason, didactic_title,
        sequence, updated_at, program_title, _zone_name, name, credentials,
    ) in rows:  # fmt: skip
        topic = didactic_title or title
        page = f"{base_url}/sessions/{session_id}"
        lines = [f"Cancelled: {cancel_reason}"] if status == "cancelled" else []
        if didactic_title:
            lines.append(f"Didactic: {didactic_title}")
        if name:
            lines.append(
                f"Presenter: {name}, {credentials}" if credentials else f"Presenter: {name}"
            )
        lines.append(f"Session page: {page}")
        events.append(
            EventData(
                uid=f"echo-session-{session_id}@{host}",
                starts_at=_utc(starts_at),
                ends_at=_utc(ends_at),
                summary=f"{program_title}: {topic}" if topic else program_title,
                description="\n".join(lines),
                url=page,
                sequence=sequence,
                status="CANCELLED" if status == "cancelled" else "CONFIRMED",
                last_modified=_utc(updated_at),
            )
        )
    tzid = rows[0][10]
    zone = ZoneInfo(tzid)
    first = min(event.starts_at.astimezone(zone).year for event in events)
    last = max(event.ends_at.astimezone(zone).year for event in events)
    return FeedData(rows[0][9], tzid, zone, onsets(zone, first, last), events)


def onsets(zone: ZoneInfo, first_year: int, last_year: int) -> list[Onset]:
    """The zone's offset on 1 January ``first_year`` and each change up to ``last_year``'s end."""

    def observed(instant: datetime) -> tuple[timedelta, bool, str]:
        local = instant.astimezone(zone)
        return local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or ""

    instant = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    offset, daylight, name = observed(instant)
    found = [Onset(daylight, (instant + offset).replace(tzinfo=None), name, offset, offset)]
    while instant < end:
        instant += TRANSITION_STEP
        now_offset, now_daylight, now_name = observed(instant)
        if (now_offset, now_daylight, now_name) != (offset, daylight, name):
            local_start = (instant + offset).replace(tzinfo=None)
            found.append(Onset(now_daylight, local_start, now_name, offset, now_offset))
            offset, daylight, name = now_offset, now_daylight, now_name
    return found


def build(data: FeedData, now: datetime) -> bytes:
    """One whole feed, from the plain values to the bytes served."""
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", PRODID)
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("NAME", data.name)
    calendar.add("X-WR-CALNAME", data.name)
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))

    timezone = Timezone()
    timezone.add("TZID", data.tzid)
    for onset in data.onsets:
        observance = TimezoneDaylight() if onset.daylight else TimezoneStandard()
        observance.add("DTSTART", onset.local_start)
        observance.add("TZNAME", onset.name)
        observance.add("TZOFFSETFROM", onset.offset_from)
        observance.add("TZOFFSETTO", onset.offset_to)
        timezone.add_component(observance)
    calendar.add_component(timezone)

    # Typed values set directly: ``Event.add`` would infer each type again, ~20% slower.
    stamp = vDDDTypes(now)
    for item in data.events:
        event = Event()
        event["UID"] = vText(item.uid)
        event["DTSTAMP"] = stamp
        event["DTSTART"] = vDDDTypes(item.starts_at.astimezone(data.zone))
        event["DTEND"] = vDDDTypes(item.ends_at.astimezone(data.zone))
        event["LAST-MODIFIED"] = vDDDTypes(item.last_modified)
        event["SEQUENCE"] = vInt(item.sequence)
        event["SUMMARY"] = vText(item.summary)
        event["DESCRIPTION"] = vText(item.description)
        event["URL"] = vUri(item.url)
        event["STATUS"] = vText(item.status)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


DTSTAMP_LINE = re.compile(rb"^DTSTAMP:\d{8}T\d{6}Z\r\n", re.MULTILINE)


def same_but_dtstamp(served: bytes, direct: bytes) -> bool:
    """Equal bytes once the DTSTAMP lines (the time of the build) are taken out."""
    return DTSTAMP_LINE.sub(b"", served) == DTSTAMP_LINE.sub(b"", direct)


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted, non-empty list."""
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def measure(data: FeedData, duration: float, warmup: float) -> dict[str, Any]:
    clock = time.perf_counter
    start = clock()
    measure_from, stop_at = start + warmup, start + warmup + duration
    timings: list[float] = []
    size = 0
    while (started := clock()) < stop_at:
        size = len(build(data, datetime.now(UTC)))
        finished = clock()
        if started >= measure_from:
            timings.append(finished - started)
    ordered = sorted(timings)
    if not ordered:
        raise RuntimeError("no build finished within the measured time")
    return {
        "duration_s": duration,
        "warmup_s": warmup,
        "builds": len(ordered),
        "events": len(data.events),
        "bytes": size,
        "build_ms": {
            "p50": percentile(ordered, 0.50) * 1000,
            "p95": percentile(ordered, 0.95) * 1000,
            "min": ordered[0] * 1000,
            "mean": sum(ordered) / len(ordered) * 1000,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path, help="the SQLite database file")
    parser.add_argument("slug", help="the program")
    parser.add_argument("base_url", help="the site's base URL, as the server has it")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    args = parser.parse_args(argv)
    data = load(args.database, args.slug, args.base_url)
    json.dump(measure(data, args.duration, args.warmup), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
