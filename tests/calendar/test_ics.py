"""iCalendar feeds, read back the way clients read them (icalendar + recurring-ical-events)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.calendar import CalendarEvent, CalendarFeed, render_feed

PACIFIC = "America/Los_Angeles"
NOW = datetime(2026, 1, 15, 17, 30, 5, tzinfo=UTC)
EDITED = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)
EVER = (datetime(1990, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))


def make_event(n: int = 1, *, at: datetime, minutes: int = 60, **changes: Any) -> CalendarEvent:
    """Session ``n`` starting at ``at`` (any aware time; passed on in UTC)."""
    starts_at = at.astimezone(UTC)
    event = CalendarEvent(
        uid=f"session-{n}@echo.example.org",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        time_zone=PACIFIC,
        summary="Peds MH ECHO: ADHD medication",
        description="Didactic: ADHD medication\nPresenter: Dr. Rivera",
        url=f"https://echo.example.org/sessions/{n}",
        sequence=0,
        cancelled=False,
        last_modified=EDITED,
    )
    return replace(event, **changes)


def weekly(first: datetime, weeks: int, *, zone: str = PACIFIC) -> list[CalendarEvent]:
    """Weekly sessions at ``first``'s wall-clock time in ``zone`` (aware datetime arithmetic
    keeps the wall-clock time)."""
    local = first.replace(tzinfo=ZoneInfo(zone))
    return [
        make_event(n, at=local + timedelta(weeks=n - 1), time_zone=zone)
        for n in range(1, weeks + 1)
    ]


def render(*events: CalendarEvent, **feed: Any) -> bytes:
    return render_feed(CalendarFeed(name="Peds MH ECHO", events=events, **feed), now=NOW)


def occurrences(data: bytes) -> list[icalendar.Event]:
    """What a client shows, in start order."""
    calendar = icalendar.Calendar.from_ical(data)
    found: list[icalendar.Event] = recurring_ical_events.of(calendar).between(*EVER)
    return sorted(found, key=lambda event: event.start)


def starts_by_vtimezone(data: bytes, name: str = "DTSTART") -> dict[str, datetime]:
    """Each UID's start (or ``name``) in UTC computed from the feed's own VTIMEZONEs, not
    zoneinfo (icalendar resolves a known TZID with zoneinfo: a wrong VTIMEZONE would pass)."""
    calendar = icalendar.Calendar.from_ical(data)
    zones = {
        vtimezone.tz_name: vtimezone.to_tz(lookup_tzid=False) for vtimezone in calendar.timezones
    }
    instants = {}
    for event in calendar.walk("VEVENT"):
        value = event[name]
        tzid = value.params.get("TZID")
        local = value.dt if tzid is None else value.dt.replace(tzinfo=zones[tzid])
        instants[str(event["UID"])] = local.astimezone(UTC)
    return instants


def lines(data: bytes) -> list[str]:
    """The physical lines, checking CRLF on the way."""
    assert data.endswith(b"\r\n")
    physical = data.split(b"\r\n")[:-1]
    assert not any(b"\r" in line or b"\n" in line for line in physical)
    return [line.decode("utf-8") for line in physical]


def written_in_utc(event: CalendarEvent) -> bool:
    """Whether the event starts or ends at a wall-clock time that happens twice (clocks
    going back): such events are written in UTC."""
    zone = ZoneInfo(event.time_zone)
    return any(
        local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
        for local in (event.starts_at.astimezone(zone), event.ends_at.astimezone(zone))
    )


def wall_clock(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M %Z}"


def test_weekly_noon_sessions_stay_at_noon_across_both_dst_changes() -> None:
    sessions = weekly(datetime(2026, 2, 3, 12, 0), weeks=45)  # 3 Feb to 8 Dec 2026
    days = [date(2026, 2, 3) + timedelta(weeks=n) for n in range(45)]

    def summer(day: date) -> bool:  # PDT (UTC-7) from 8 March to 1 November 2026
        return date(2026, 3, 8) <= day < date(2026, 11, 1)

    data = render(*sessions)

    shown = occurrences(data)
    assert [(str(e["UID"]), wall_clock(e.start), wall_clock(e.end)) for e in shown] == [
        (
            f"session-{n}@echo.example.org",
            f"{day} 12:00 {'PDT' if summer(day) else 'PST'}",
            f"{day} 13:00 {'PDT' if summer(day) else 'PST'}",
        )
        for n, day in enumerate(days, start=1)
    ]
    utc_starts = [
        datetime(day.year, day.month, day.day, 19 if summer(day) else 20, tzinfo=UTC)
        for day in days
    ]
    assert [e.start.astimezone(UTC) for e in shown] == utc_starts
    assert list(starts_by_vtimezone(data).values()) == utc_starts


def test_dtstart_and_dtend_are_written_in_the_program_zone() -> None:
    data = render(make_event(at=datetime(2026, 3, 10, 19, 0, tzinfo=UTC)))

    assert "DTSTART;TZID=America/Los_Angeles:20260310T120000" in lines(data)
    assert "DTEND;TZID=America/Los_Angeles:20260310T130000" in lines(data)


def test_one_event_is_written_exactly() -> None:
    event = make_event(
        17, at=datetime(2026, 2, 3, 20, 0, tzinfo=UTC), sequence=2, location="https://zoom.us/j/1"
    )

    text = lines(render(event))

    vevent = text[text.index("BEGIN:VEVENT") : text.index("END:VEVENT") + 1]
    assert vevent == [
        "BEGIN:VEVENT",
        "SUMMARY:Peds MH ECHO: ADHD medication",
        "DTSTART;TZID=America/Los_Angeles:20260203T120000",
        "DTEND;TZID=America/Los_Angeles:20260203T130000",
        "DTSTAMP:20260115T173005Z",
        "UID:session-17@echo.example.org",
        "SEQUENCE:2",
        "DESCRIPTION:Didactic: ADHD medication\\nPresenter: Dr. Rivera",
        "LAST-MODIFIED:20260110T090000Z",
        "LOCATION:https://zoom.us/j/1",
        "STATUS:CONFIRMED",
        "URL:https://echo.example.org/sessions/17",
        "END:VEVENT",
    ]


def test_calendar_properties_name_the_feed_and_its_refresh_interval() -> None:
    text = lines(render(make_event(at=NOW), refresh_interval=timedelta(hours=6)))

    assert text[: text.index("BEGIN:VTIMEZONE")] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Echo//Echo ECHO programs//EN",
        "CALSCALE:GREGORIAN",
        "NAME:Peds MH ECHO",
        "X-WR-CALNAME:Peds MH ECHO",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    assert text[-1] == "END:VCALENDAR"
    assert not [line for line in text if line.startswith("METHOD")]  # a feed, not a message


def test_default_refresh_interval_is_twelve_hours() -> None:
    calendar = icalendar.Calendar.from_ical(render())

    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=12)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT12H"  # an X- property: read as text
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "Peds MH ECHO"


def test_two_zones_each_get_one_vtimezone_before_the_events() -> None:
    pacific = make_event(1, at=datetime(2026, 7, 7, 19, 0, tzinfo=UTC))
    berlin = make_event(2, at=datetime(2026, 7, 8, 16, 0, tzinfo=UTC), time_zone="Europe/Berlin")
    berlin_winter = replace(
        berlin,
        uid="session-3@echo.example.org",
        starts_at=datetime(2026, 12, 2, 17, 0, tzinfo=UTC),
        ends_at=datetime(2026, 12, 2, 18, 0, tzinfo=UTC),
    )
    utc = make_event(4, at=datetime(2026, 7, 9, 12, 0, tzinfo=UTC), time_zone="UTC")

    data = render(pacific, berlin, berlin_winter, utc)

    calendar = icalendar.Calendar.from_ical(data)
    assert [vtimezone.tz_name for vtimezone in calendar.timezones] == [PACIFIC, "Europe/Berlin"]
    assert calendar.get_used_tzids() == {PACIFIC, "Europe/Berlin"}
    assert calendar.get_missing_tzids() == set()
    text = lines(data)
    assert max(i for i, line in enumerate(text) if line == "END:VTIMEZONE") < text.index(
        "BEGIN:VEVENT"
    )
    assert "DTSTART;TZID=Europe/Berlin:20260708T180000" in text
    assert "DTSTART;TZID=Europe/Berlin:20261202T180000" in text
    assert "DTSTART:20260709T120000Z" in text  # UTC needs no TZID and no VTIMEZONE
    assert starts_by_vtimezone(data) == {
        "session-1@echo.example.org": datetime(2026, 7, 7, 19, 0, tzinfo=UTC),
        "session-2@echo.example.org": datetime(2026, 7, 8, 16, 0, tzinfo=UTC),
        "session-3@echo.example.org": datetime(2026, 12, 2, 17, 0, tzinfo=UTC),
        "session-4@echo.example.org": datetime(2026, 7, 9, 12, 0, tzinfo=UTC),
    }


def written(value: Any) -> str:
    ical = value.to_ical()
    return ical if isinstance(ical, str) else ical.decode()


def observance_starts(data: bytes) -> dict[str, list[tuple[str, str, str]]]:
    """Each VTIMEZONE's observances: (kind, DTSTART as written, TZOFFSETTO as written)."""
    return {
        vtimezone.tz_name: [
            (o.name, written(o["DTSTART"]), written(o["TZOFFSETTO"]))
            for o in vtimezone.subcomponents
        ]
        for vtimezone in icalendar.Calendar.from_ical(data).timezones
    }


def test_vtimezone_has_one_observance_per_change_with_the_local_time_before_it() -> None:
    text = lines(render(make_event(at=datetime(2026, 2, 3, 20, 0, tzinfo=UTC))))

    # As in RFC 5545 section 3.6.5: clocks go from 02:00 PST to 03:00 PDT, back at 02:00 PDT.
    # No RDATE lists: ical.js reads only their first value.
    assert text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE") + 1] == [
        "BEGIN:VTIMEZONE",
        "TZID:America/Los_Angeles",
        "BEGIN:STANDARD",
        "DTSTART:20260101T000000",
        "TZNAME:PST",
        "TZOFFSETFROM:-0800",
        "TZOFFSETTO:-0800",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:20260308T020000",
        "TZNAME:PDT",
        "TZOFFSETFROM:-0800",
        "TZOFFSETTO:-0700",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        "DTSTART:20261101T020000",
        "TZNAME:PST",
        "TZOFFSETFROM:-0700",
        "TZOFFSETTO:-0800",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def test_vtimezone_covers_whole_years_around_all_events() -> None:
    first = make_event(1, at=datetime(2026, 2, 3, 20, 0, tzinfo=UTC))
    last = make_event(2, at=datetime(2029, 7, 10, 19, 0, tzinfo=UTC))

    data = render(first, last)

    assert observance_starts(data) == {
        PACIFIC: [
            ("STANDARD", "20260101T000000", "-0800"),
            ("DAYLIGHT", "20260308T020000", "-0700"),
            ("STANDARD", "20261101T020000", "-0800"),
            ("DAYLIGHT", "20270314T020000", "-0700"),
            ("STANDARD", "20271107T020000", "-0800"),
            ("DAYLIGHT", "20280312T020000", "-0700"),
            ("STANDARD", "20281105T020000", "-0800"),
            ("DAYLIGHT", "20290311T020000", "-0700"),
            ("STANDARD", "20291104T020000", "-0800"),
        ]
    }
    assert starts_by_vtimezone(data) == {
        "session-1@echo.example.org": datetime(2026, 2, 3, 20, 0, tzinfo=UTC),
        "session-2@echo.example.org": datetime(2029, 7, 10, 19, 0, tzinfo=UTC),
    }


def test_vtimezone_years_are_local_years() -> None:
    # 1 Jan 2026 04:00 UTC is still 31 Dec 2025 in Los Angeles.
    data = render(make_event(at=datetime(2026, 1, 1, 4, 0, tzinfo=UTC)))

    assert observance_starts(data) == {
        PACIFIC: [
            ("STANDARD", "20250101T000000", "-0800"),
            ("DAYLIGHT", "20250309T020000", "-0700"),
            ("STANDARD", "20251102T020000", "-0800"),
        ]
    }
    assert "DTSTART;TZID=America/Los_Angeles:20251231T200000" in lines(data)


def test_southern_vtimezone_starts_in_daylight_time() -> None:
    data = render(
        make_event(at=datetime(2026, 1, 6, 22, 0, tzinfo=UTC), time_zone="Australia/Sydney")
    )

    assert observance_starts(data) == {
        "Australia/Sydney": [
            ("DAYLIGHT", "20260101T000000", "+1100"),
            ("STANDARD", "20260405T030000", "+1000"),
            ("DAYLIGHT", "20261004T020000", "+1100"),
        ]
    }


def test_zone_without_daylight_time_has_one_observance() -> None:
    data = render(make_event(at=datetime(2026, 7, 7, 12, 0, tzinfo=UTC), time_zone="Asia/Kolkata"))

    assert observance_starts(data) == {"Asia/Kolkata": [("STANDARD", "20260101T000000", "+0530")]}
    assert "DTSTART;TZID=Asia/Kolkata:20260707T173000" in lines(data)


def test_both_times_of_a_repeated_hour_are_written_in_utc() -> None:
    # 1 Nov 2026, Los Angeles: 01:30 happens at 08:30 UTC (PDT) and again at 09:30 UTC (PST).
    # RFC 5545 reads a local 01:30 as the first, ical.js as the second: UTC is unambiguous.
    first = make_event(1, at=datetime(2026, 11, 1, 8, 30, tzinfo=UTC))
    second = make_event(2, at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC))

    data = render(first, second)

    text = lines(data)
    assert [line for line in text if line.startswith(("DTSTART", "DTEND"))] == [
        "DTSTART:20261101T083000Z",
        "DTEND:20261101T093000Z",
        "DTSTART:20261101T093000Z",
        "DTEND:20261101T103000Z",  # 02:30 PST happens once, but start and end stay alike
    ]
    assert [(e.start.astimezone(UTC), e.end.astimezone(UTC)) for e in occurrences(data)] == [
        (datetime(2026, 11, 1, 8, 30, tzinfo=UTC), datetime(2026, 11, 1, 9, 30, tzinfo=UTC)),
        (datetime(2026, 11, 1, 9, 30, tzinfo=UTC), datetime(2026, 11, 1, 10, 30, tzinfo=UTC)),
    ]


def test_event_ending_in_a_repeated_hour_is_written_in_utc() -> None:
    data = render(make_event(at=datetime(2026, 11, 1, 7, 59, tzinfo=UTC), minutes=61))

    text = lines(data)
    assert "DTSTART:20261101T075900Z" in text  # 00:59 PDT
    assert "DTEND:20261101T090000Z" in text  # 01:00 PST, the second 01:00
    ((start, end),) = [(e.start, e.end) for e in occurrences(data)]
    assert (start, end) == (
        datetime(2026, 11, 1, 7, 59, tzinfo=UTC),
        datetime(2026, 11, 1, 9, 0, tzinfo=UTC),
    )


def test_hour_after_clocks_go_forward_is_local() -> None:
    # 8 Mar 2026, Los Angeles: 02:00 PST becomes 03:00 PDT at 10:00 UTC.
    data = render(make_event(at=datetime(2026, 3, 8, 10, 30, tzinfo=UTC)))

    assert "DTSTART;TZID=America/Los_Angeles:20260308T033000" in lines(data)
    assert starts_by_vtimezone(data) == {
        "session-1@echo.example.org": datetime(2026, 3, 8, 10, 30, tzinfo=UTC)
    }


def test_cancelled_event_has_status_cancelled() -> None:
    kept, cancelled = weekly(datetime(2026, 2, 3, 12, 0), weeks=2)
    cancelled = replace(cancelled, cancelled=True, sequence=1)

    shown = occurrences(render(kept, cancelled))

    assert [(str(e["UID"]), str(e["STATUS"])) for e in shown] == [
        ("session-1@echo.example.org", "CONFIRMED"),
        ("session-2@echo.example.org", "CANCELLED"),
    ]


def test_uid_and_sequence_round_trip() -> None:
    sessions = [
        replace(event, sequence=n * 3)
        for n, event in enumerate(weekly(datetime(2026, 2, 3, 12, 0), weeks=4))
    ]

    shown = occurrences(render(*sessions))

    assert [(str(e["UID"]), e["SEQUENCE"]) for e in shown] == [
        ("session-1@echo.example.org", 0),
        ("session-2@echo.example.org", 3),
        ("session-3@echo.example.org", 6),
        ("session-4@echo.example.org", 9),
    ]


def test_dtstamp_is_now_and_last_modified_is_in_utc_whatever_zone_they_come_in() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    event = make_event(at=NOW, last_modified=datetime(2026, 1, 10, 10, 0, tzinfo=berlin))

    data = render_feed(
        CalendarFeed(name="Peds MH ECHO", events=[event]), now=NOW.astimezone(berlin)
    )

    assert "DTSTAMP:20260115T173005Z" in lines(data)
    assert "LAST-MODIFIED:20260110T090000Z" in lines(data)
    (shown,) = occurrences(data)
    assert shown.DTSTAMP == NOW
    assert shown.DTSTAMP.tzinfo is not None and shown.DTSTAMP.utcoffset() == timedelta(0)
    assert shown.LAST_MODIFIED == EDITED


def test_long_and_non_ascii_text_is_folded_at_75_octets_with_crlf() -> None:
    summary = "Salud mental pediátrica — niños y adolescentes 🧠 " * 4
    description = "Didáctica: «TDAH y medicación», ponente Dra. Núñez; casos, preguntas.\n" * 5
    event = make_event(at=NOW, summary=summary, description=description, location="x" * 200)

    data = render(event)

    text = lines(data)  # every line ends in CRLF and is valid UTF-8 on its own
    assert max(len(line.encode()) for line in text) == 75
    assert sum(line.startswith(" ") for line in text) >= 8  # continuation lines
    (shown,) = occurrences(data)
    assert str(shown["SUMMARY"]) == summary
    assert str(shown["DESCRIPTION"]) == description
    assert str(shown["LOCATION"]) == "x" * 200


def test_location_only_when_given() -> None:
    public = make_event(1, at=NOW)
    personal = make_event(2, at=NOW, location="https://zoom.us/j/123456789?pwd=abc")

    shown = occurrences(render(public, personal))

    assert [e.get("LOCATION") for e in shown] == [None, "https://zoom.us/j/123456789?pwd=abc"]
    assert sum(line.startswith("LOCATION") for line in lines(render(public, personal))) == 1


def test_empty_description_is_left_out() -> None:
    text = lines(render(make_event(at=NOW, description="")))

    assert not [line for line in text if line.startswith("DESCRIPTION")]


def test_summary_escapes_commas_and_semicolons() -> None:
    event = make_event(at=NOW, summary="Anxiety; SSRIs, dosing\\titration")

    data = render(event)

    assert "SUMMARY:Anxiety\\; SSRIs\\, dosing\\\\titration" in lines(data)
    assert str(occurrences(data)[0]["SUMMARY"]) == "Anxiety; SSRIs, dosing\\titration"


def test_empty_feed_is_a_calendar_without_events() -> None:
    text = lines(render())

    assert text[0] == "BEGIN:VCALENDAR" and text[-1] == "END:VCALENDAR"
    assert not [line for line in text if line.startswith("BEGIN:V") and line != "BEGIN:VCALENDAR"]


def test_same_feed_renders_to_the_same_bytes() -> None:
    sessions = weekly(datetime(2026, 2, 3, 12, 0), weeks=3)

    assert render(*sessions) == render(*sessions)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"starts_at": datetime(2026, 2, 3, 20, 0)}, "starts_at must be timezone-aware"),
        ({"ends_at": datetime(2026, 2, 3, 21, 0)}, "ends_at must be timezone-aware"),
        ({"last_modified": datetime(2026, 2, 3)}, "last_modified must be timezone-aware"),
        ({"time_zone": "Pacific Time"}, "unknown time zone 'Pacific Time'"),
        ({"time_zone": "../etc/passwd"}, "unknown time zone"),
        ({"ends_at": datetime(2026, 2, 3, 19, 0, tzinfo=UTC)}, "ends before it starts"),
        ({"sequence": -1}, "negative SEQUENCE"),
    ],
)
def test_invalid_event_is_refused(changes: dict[str, Any], message: str) -> None:
    event = make_event(at=datetime(2026, 2, 3, 20, 0, tzinfo=UTC), **changes)

    with pytest.raises(ValueError, match=re.escape(message)):
        render(event)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="now must be timezone-aware"):
        render_feed(CalendarFeed(name="x", events=[]), now=datetime(2026, 1, 1))


def test_repeated_uid_is_refused() -> None:
    event = make_event(at=NOW)

    with pytest.raises(ValueError, match="appears twice"):
        render(event, replace(event, starts_at=NOW + timedelta(days=7)))


ZONES = (
    PACIFIC,
    "America/New_York",
    "America/St_Johns",  # half-hour offset
    "Europe/London",
    "Australia/Sydney",  # daylight time in January
    "Asia/Kolkata",  # no daylight time
    "UTC",
)
# Changes of offset (UTC) and their zone: the hours around them are where mistakes hide.
CHANGES = [
    (PACIFIC, datetime(2026, 3, 8, 10, 0, tzinfo=UTC)),
    (PACIFIC, datetime(2026, 11, 1, 9, 0, tzinfo=UTC)),
    (PACIFIC, datetime(2027, 3, 14, 10, 0, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2026, 4, 4, 16, 0, tzinfo=UTC)),
    ("Australia/Sydney", datetime(2026, 10, 3, 16, 0, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
    ("Europe/London", datetime(2026, 10, 25, 1, 0, tzinfo=UTC)),
    ("America/St_Johns", datetime(2026, 3, 8, 5, 30, tzinfo=UTC)),
    ("America/St_Johns", datetime(2026, 11, 1, 4, 30, tzinfo=UTC)),
]
FIRST_MINUTE = datetime(2024, 1, 1, tzinfo=UTC)
MINUTES_IN_RANGE = 8 * 366 * 24 * 60  # to the end of 2031


@st.composite
def event_lists(draw: st.DrawFn) -> list[CalendarEvent]:
    count = draw(st.integers(min_value=0, max_value=8))
    events = []
    for n in range(1, count + 1):
        if draw(st.booleans()):
            zone, change = draw(st.sampled_from(CHANGES))
            start = change + timedelta(minutes=draw(st.integers(-180, 180)))
        else:
            zone = draw(st.sampled_from(ZONES))
            start = FIRST_MINUTE + timedelta(minutes=draw(st.integers(0, MINUTES_IN_RANGE)))
        events.append(
            make_event(
                n,
                at=start,
                minutes=draw(st.integers(min_value=0, max_value=240)),
                time_zone=zone,
                cancelled=draw(st.booleans()),
                sequence=draw(st.integers(min_value=0, max_value=50)),
            )
        )
    return events


@settings(max_examples=150, deadline=None)
@given(event_lists())
def test_any_events_round_trip_to_the_same_instants(events: list[CalendarEvent]) -> None:
    data = render(*events)

    by_uid = {str(e["UID"]): e for e in occurrences(data)}
    assert {
        uid: (e.start.astimezone(UTC), e.end.astimezone(UTC), str(e["STATUS"]), e["SEQUENCE"])
        for uid, e in by_uid.items()
    } == {
        e.uid: (e.starts_at, e.ends_at, "CANCELLED" if e.cancelled else "CONFIRMED", e.sequence)
        for e in events
    }
    assert starts_by_vtimezone(data) == {e.uid: e.starts_at for e in events}
    assert starts_by_vtimezone(data, "DTEND") == {e.uid: e.ends_at for e in events}
    for event in events:  # shown at the wall-clock time of the program's zone
        if not written_in_utc(event):
            local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
            assert by_uid[event.uid].start.replace(tzinfo=None) == local.replace(tzinfo=None)
    assert icalendar.Calendar.from_ical(data).get_missing_tzids() == set()
    assert max((len(line.encode()) for line in lines(data)), default=0) <= 75
