"""A rendered feed read by Mozilla ical.js (Thunderbird's parser), which knows no time zone
database: it resolves every TZID from the feed's own VTIMEZONEs or shows floating time.

Needs ``node`` and ``npm ci`` in tests/calendar/icaljs. Skipped without them, unless
``ECHO_TEST_REQUIRE_BROWSER=1`` (CI), in which case it fails.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from echo.calendar import CalendarEvent
from tests.calendar.icaljs_support import find_node, read_with_icaljs
from tests.calendar.test_ics import CHANGES, make_event, render, weekly, written_in_utc


@pytest.fixture(scope="module")
def node() -> str:
    return find_node()


def sydney(n: int, day: date, utc: datetime) -> CalendarEvent:
    return make_event(n, at=utc, time_zone="Australia/Sydney", summary=f"Sydney {day}")


def test_icaljs_shows_each_session_at_its_scheduled_local_time(node: str, tmp_path: Path) -> None:
    pacific = weekly(datetime(2026, 2, 3, 12, 0), weeks=45)  # spans 8 March and 1 November
    pacific[5] = replace(pacific[5], cancelled=True, sequence=1)
    # Sydney (09:00) leaves daylight time on 5 April 2026 and is in it again in January 2027.
    southern = [
        sydney(101, date(2026, 3, 31), datetime(2026, 3, 30, 22, 0, tzinfo=UTC)),
        sydney(102, date(2026, 4, 7), datetime(2026, 4, 6, 23, 0, tzinfo=UTC)),
        sydney(103, date(2027, 1, 5), datetime(2027, 1, 4, 22, 0, tzinfo=UTC)),
    ]
    repeated_hour = make_event(201, at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC))  # 01:30 PST

    seen = read_with_icaljs(node, render(*pacific, *southern, repeated_hour), tmp_path)

    def utc_hour(day: date) -> int:  # PDT (UTC-7) from 8 March to 1 November 2026
        return 19 if date(2026, 3, 8) <= day < date(2026, 11, 1) else 20

    days = [date(2026, 2, 3) + timedelta(weeks=n) for n in range(45)]
    expected_pacific = [
        {
            "uid": f"session-{n}@echo.example.org",
            "status": "CANCELLED" if n == 6 else "CONFIRMED",
            "sequence": 1 if n == 6 else 0,
            "tzid": "America/Los_Angeles",
            "zone": "America/Los_Angeles",
            "local_start": f"{day}T12:00",
            "utc_start": f"{day}T{utc_hour(day)}:00:00Z",
        }
        for n, day in enumerate(days, start=1)
    ]
    expected_sydney = [
        {
            "uid": f"session-{n}@echo.example.org",
            "status": "CONFIRMED",
            "sequence": 0,
            "tzid": "Australia/Sydney",
            "zone": "Australia/Sydney",
            "local_start": local,
            "utc_start": utc,
        }
        for n, local, utc in [
            (101, "2026-03-31T09:00", "2026-03-30T22:00:00Z"),
            (102, "2026-04-07T09:00", "2026-04-06T23:00:00Z"),
            (103, "2027-01-05T09:00", "2027-01-04T22:00:00Z"),
        ]
    ]
    expected_repeated_hour = {
        "uid": "session-201@echo.example.org",
        "status": "CONFIRMED",
        "sequence": 0,
        "tzid": None,
        "zone": "UTC",
        "local_start": "2026-11-01T09:30",
        "utc_start": "2026-11-01T09:30:00Z",
    }
    assert seen["events"] == [*expected_pacific, *expected_sydney, expected_repeated_hour]
    assert seen["tzids_used"] == seen["vtimezones"] == ["America/Los_Angeles", "Australia/Sydney"]


def test_icaljs_treats_an_undeclared_tzid_as_floating(node: str, tmp_path: Path) -> None:
    """The check can fail: without its VTIMEZONE, ical.js shows the time as floating."""
    data = render(make_event(at=datetime(2026, 7, 7, 19, 0, tzinfo=UTC)))
    start, end = data.index(b"BEGIN:VTIMEZONE"), data.index(b"END:VTIMEZONE\r\n")
    without_vtimezone = data[:start] + data[end + len(b"END:VTIMEZONE\r\n") :]

    seen = read_with_icaljs(node, without_vtimezone, tmp_path)

    assert [(e["zone"], e["utc_start"]) for e in seen["events"]] == [
        ("floating", "2026-07-07T12:00:00Z")
    ]
    assert (seen["tzids_used"], seen["vtimezones"]) == (["America/Los_Angeles"], [])


def test_icaljs_agrees_with_zoneinfo_around_every_change(node: str, tmp_path: Path) -> None:
    events = [
        make_event(n * 100 + k, at=change + timedelta(minutes=30 * k), time_zone=zone)
        for n, (zone, change) in enumerate(CHANGES)
        for k in range(-6, 7)
    ]

    seen = read_with_icaljs(node, render(*events), tmp_path)

    def expected(event: CalendarEvent) -> tuple[str, str, str]:
        if written_in_utc(event):
            return (event.uid, f"{event.starts_at:%Y-%m-%dT%H:%M}", "UTC")
        local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
        return (event.uid, f"{local:%Y-%m-%dT%H:%M}", event.time_zone)

    assert [(e["uid"], e["local_start"], e["zone"]) for e in seen["events"]] == [
        expected(event) for event in events
    ]
    assert [e["utc_start"] for e in seen["events"]] == [
        f"{event.starts_at:%Y-%m-%dT%H:%M:%SZ}" for event in events
    ]
    assert seen["tzids_used"] == seen["vtimezones"]
