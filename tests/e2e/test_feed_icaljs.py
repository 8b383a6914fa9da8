"""The demo program's served calendar feed, as Mozilla ical.js (Thunderbird's parser) reads it.

ical.js knows no time zone database: it resolves every TZID from the feed's own
VTIMEZONEs, or shows floating time. Needs ``node`` and ``npm ci`` in
tests/calendar/icaljs; skipped without them, unless ``ECHO_TEST_REQUIRE_BROWSER=1`` (CI),
in which case it fails.
"""

from __future__ import annotations

import http.client
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest

from tests.calendar.icaljs_support import find_node, read_with_icaljs

pytestmark = pytest.mark.e2e

FEED = "/programs/peds-mh-echo/calendar.ics"
ZONE = "America/Los_Angeles"
SESSIONS = 12  # echo/demo.py: every other Tuesday, 12:00-13:00, twelve sessions


@pytest.fixture(scope="module")
def node() -> str:
    return find_node()


def fetch(server_url: str, path: str) -> bytes:
    """A plain GET, as a calendar client subscribed to the feed sends it."""
    address = urlsplit(server_url)
    connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    assert response.status == 200, body
    assert response.getheader("Content-Type") == "text/calendar; charset=utf-8"
    return body


def test_icaljs_reads_the_demo_feed(node: str, server_url: str, tmp_path: Path) -> None:
    first_fetch = fetch(server_url, FEED)
    second_fetch = fetch(server_url, FEED)
    (tmp_path / "first").mkdir()
    (tmp_path / "second").mkdir()
    seen = read_with_icaljs(node, first_fetch, tmp_path / "first")
    again = read_with_icaljs(node, second_fetch, tmp_path / "second")
    events = seen["events"]

    # Every TZID the events use has its VTIMEZONE, and ical.js applied it (not floating).
    assert set(seen["tzids_used"]) <= set(seen["vtimezones"])
    assert seen["tzids_used"] == [ZONE]
    assert len(events) == SESSIONS
    assert {(e["tzid"], e["zone"]) for e in events} == {(ZONE, ZONE)}

    # All at 12:00 Pacific, and at the UTC instant the time zone database gives for it.
    starts = [datetime.fromisoformat(e["local_start"]) for e in events]
    assert {(s.hour, s.minute) for s in starts} == {(12, 0)}
    for event, start in zip(events, starts, strict=True):
        utc = start.replace(tzinfo=ZoneInfo(ZONE)).astimezone(UTC)
        assert event["utc_start"] == f"{utc:%Y-%m-%dT%H:%M:%SZ}", event

    # Every other Tuesday, but for the one session moved to the Wednesday after.
    days = [s.date() for s in starts]
    assert Counter(day.strftime("%A") for day in days) == {"Tuesday": 11, "Wednesday": 1}
    series = [days[0] + timedelta(weeks=2 * n) for n in range(SESSIONS)]
    moved = next(n for n, day in enumerate(days) if day.weekday() == 2)
    assert days[moved] == series[moved] + timedelta(days=1)
    assert days[:moved] + days[moved + 1 :] == series[:moved] + series[moved + 1 :]
    assert days[0].weekday() == 1 and days[0] < date.today()  # the series began in the past

    # One session is cancelled (not the moved one); the others stay confirmed.
    statuses = [e["status"] for e in events]
    assert statuses.count("CANCELLED") == 1
    assert statuses.count("CONFIRMED") == SESSIONS - 1
    assert statuses[moved] == "CONFIRMED"
    assert events[statuses.index("CANCELLED")]["sequence"] >= 1
    assert events[moved]["sequence"] >= 1

    # UIDs are stable across fetches (calendar clients update events, not duplicate them).
    uids = [e["uid"] for e in events]
    assert len(set(uids)) == SESSIONS
    assert [e["uid"] for e in again["events"]] == uids
    assert again["events"] == events
