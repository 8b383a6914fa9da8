"""Schedule generation (pure): weekdays, nth weekdays, DST, year ends, bad input."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.programs.recurrence import (
    Recurrence,
    ScheduleError,
    ScheduleSpec,
    occurrences,
    validate,
)

ZONES = ["America/Los_Angeles", "America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"]


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


@settings(max_examples=60, deadline=None)
@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    interval=st.integers(1, 4),
    weekdays=st.sets(st.integers(0, 6), min_size=1, max_size=3),
    hour=st.integers(0, 23),
    zone=st.sampled_from(ZONES),
    count=st.integers(1, 60),
)
def test_weekly_every_n_weeks_keeps_weekday_and_wall_clock(
    first: date, interval: int, weekdays: set[int], hour: int, zone: str, count: int
) -> None:
    spec = ScheduleSpec(
        first, time(hour, 30), 60, zone, Recurrence("weekly", interval, tuple(weekdays)), count
    )
    result = occurrences(spec)
    assert len(result) == count
    previous: dict[int, date] = {}
    for item in result:
        local_day = date.fromisoformat(item.key[:10])
        assert local_day.weekday() in weekdays
        assert item.key[11:] == f"{hour:02d}:30"
        assert item.ends_at - item.starts_at == timedelta(minutes=60)
        if local_day.weekday() in previous:
            assert (local_day - previous[local_day.weekday()]).days == 7 * interval
        previous[local_day.weekday()] = local_day
        # Wall clock kept, except in a spring-forward gap (RFC 5545 3.3.5): then 1 h later.
        local = _local(item.starts_at, zone)
        assert (local.hour, local.minute) in {(hour, 30), ((hour + 1) % 24, 30)}
    assert [i.starts_at for i in result] == sorted(i.starts_at for i in result)


@settings(max_examples=40, deadline=None)
@given(
    first=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 1, 1)),
    weekday=st.integers(0, 6),
    week=st.sampled_from([1, 2, 3, 4, 5, -1]),
)
def test_monthly_nth_weekday(first: date, weekday: int, week: int) -> None:
    spec = ScheduleSpec(
        first,
        time(17, 0),
        60,
        "America/New_York",
        Recurrence("monthly", month_week=week, month_weekday=weekday),
        count=12,
    )
    for item in occurrences(spec):
        day = date.fromisoformat(item.key[:10])
        assert day.weekday() == weekday
        assert day >= first
        if week == -1:
            assert (day + timedelta(days=7)).month != day.month  # the last one of its month
        else:
            assert (day.day - 1) // 7 + 1 == week


def test_fifth_weekday_skips_months_without_one() -> None:
    spec = ScheduleSpec(
        date(2027, 1, 1),
        time(12, 0),
        60,
        "UTC",
        Recurrence("monthly", month_week=5, month_weekday=4),
        count=4,
    )
    assert [o.key[:10] for o in occurrences(spec)] == [
        "2027-01-29",
        "2027-04-30",
        "2027-07-30",
        "2027-10-29",
    ]


def test_spring_forward_0230_uses_the_offset_before_the_gap() -> None:
    """RFC 5545 3.3.5: 02:30 on 14 March 2027 in Los Angeles is 02:30 PST = 10:30 UTC."""
    spec = ScheduleSpec(
        date(2027, 3, 7),
        time(2, 30),
        60,
        "America/Los_Angeles",
        Recurrence("weekly", 1, (6,)),
        count=3,
    )
    result = occurrences(spec)
    assert [o.starts_at for o in result] == [
        datetime(2027, 3, 7, 10, 30, tzinfo=UTC),
        datetime(2027, 3, 14, 10, 30, tzinfo=UTC),
        datetime(2027, 3, 21, 9, 30, tzinfo=UTC),
    ]


def test_noon_stays_noon_across_dst() -> None:
    spec = ScheduleSpec(
        date(2026, 10, 20),
        time(12, 0),
        60,
        "America/Los_Angeles",
        Recurrence("weekly", 2, (1,)),
        count=12,
    )
    result = occurrences(spec)
    assert {_local(o.starts_at, "America/Los_Angeles").strftime("%H:%M") for o in result} == {
        "12:00"
    }
    assert {o.starts_at.hour for o in result} == {19, 20}


def test_series_crosses_the_year_boundary() -> None:
    spec = ScheduleSpec(
        date(2026, 12, 15),
        time(9, 0),
        90,
        "Europe/Berlin",
        Recurrence("weekly", 1, (1,)),
        until=date(2027, 1, 12),
    )
    assert [o.key for o in occurrences(spec)] == [
        "2026-12-15T09:00",
        "2026-12-22T09:00",
        "2026-12-29T09:00",
        "2027-01-05T09:00",
        "2027-01-12T09:00",
    ]


def test_custom_rrule() -> None:
    spec = ScheduleSpec(
        date(2027, 1, 4),
        time(12, 0),
        60,
        "UTC",
        Recurrence("rrule", rule="RRULE:FREQ=MONTHLY;BYDAY=-1FR"),
        count=2,
    )
    assert [o.key for o in occurrences(spec)] == ["2027-01-29T12:00", "2027-02-26T12:00"]


@pytest.mark.parametrize(
    ("spec", "field", "message"),
    [
        (
            ScheduleSpec(
                date(2027, 1, 1),
                time(12),
                60,
                "UTC",
                Recurrence("rrule", rule="FREQ=SOMETIMES"),
                count=3,
            ),
            "rule",
            "This rule cannot be used",
        ),
        (
            ScheduleSpec(
                date(2027, 1, 1),
                time(12),
                60,
                "UTC",
                Recurrence("rrule", rule="FREQ=MINUTELY"),
                count=3,
            ),
            "rule",
            "cannot repeat more often than daily",
        ),
        (
            ScheduleSpec(
                date(2027, 1, 10),
                time(12),
                60,
                "UTC",
                Recurrence("weekly", 1, (1,)),
                until=date(2027, 1, 1),
            ),
            "until",
            "on or after the first date",
        ),
        (
            ScheduleSpec(
                date(2027, 1, 1),
                time(12),
                60,
                "Mars/Olympus",
                Recurrence("weekly", 1, (1,)),
                count=3,
            ),
            "time_zone",
            "Choose a time zone",
        ),
        (
            ScheduleSpec(
                date(2027, 1, 1), time(12), 60, "UTC", Recurrence("weekly", 1, ()), count=3
            ),
            "weekdays",
            "at least one weekday",
        ),
        (
            ScheduleSpec(date(2027, 1, 1), time(12), 60, "UTC", Recurrence("weekly", 1, (1,))),
            "end",
            "Say when the series ends",
        ),
        (
            ScheduleSpec(
                date(2027, 1, 1), time(12), 0, "UTC", Recurrence("weekly", 1, (1,)), count=3
            ),
            "duration_minutes",
            "from 5 to 480",
        ),
    ],
)
def test_bad_schedules_name_the_field(spec: ScheduleSpec, field: str, message: str) -> None:
    errors = validate(spec)
    assert message in errors[field]
    with pytest.raises(ScheduleError):
        occurrences(spec)


def test_a_series_is_described_in_words() -> None:
    from datetime import date as day
    from datetime import time as clock

    from echo.programs.recurrence import Recurrence, ScheduleSpec, describe

    weekly = ScheduleSpec(
        day(2027, 1, 5), clock(12), 60, "America/Los_Angeles", Recurrence("weekly", 2, (1,))
    )
    assert describe(weekly) == "Every other Tuesday, 12:00\u201313:00 (America/Los_Angeles)"
    monthly = ScheduleSpec(
        day(2027, 1, 6),
        clock(17),
        90,
        "America/New_York",
        Recurrence("monthly", month_week=-1, month_weekday=2),
    )
    assert describe(monthly) == (
        "The last Wednesday of each month, 17:00\u201318:30 (America/New_York)"
    )
