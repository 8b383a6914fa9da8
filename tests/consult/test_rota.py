"""Who is on call (weekly rotation handing over at a local hour, across DST; substitutions
win where they cover) and the response timer (stopped by the first contact)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from echo.consult import rota

PACIFIC = ZoneInfo("America/Los_Angeles")
ROTATION = rota.Rotation(
    slots=[11, 12, 13],
    starts_on=date(2026, 1, 5),  # a Monday
    handover_weekday=0,
    handover_hour=8,
    zone="America/Los_Angeles",
)


def _local(*args: int) -> datetime:
    return datetime(*args, tzinfo=PACIFIC)


def test_first_week_is_the_first_slot_from_the_first_handover() -> None:
    assert rota.scheduled(ROTATION, _local(2026, 1, 5, 8, 0)) == 11
    assert rota.scheduled(ROTATION, _local(2026, 1, 12, 7, 59)) == 11


def test_the_handover_moves_to_the_next_slot_and_the_cycle_repeats() -> None:
    assert rota.scheduled(ROTATION, _local(2026, 1, 12, 8, 0)) == 12
    assert rota.scheduled(ROTATION, _local(2026, 1, 19, 8, 0)) == 13
    assert rota.scheduled(ROTATION, _local(2026, 1, 26, 8, 0)) == 11


def test_before_the_start_the_cycle_counts_back() -> None:
    assert rota.scheduled(ROTATION, _local(2026, 1, 5, 7, 59)) == 13


def test_handover_stays_at_eight_local_across_daylight_saving() -> None:
    # DST began on Sunday 8 March 2026: the Monday handover is still at 8:00 local.
    week = rota.week_index(ROTATION, _local(2026, 3, 9, 8, 0))
    assert rota.week_index(ROTATION, _local(2026, 3, 9, 7, 59)) == week - 1
    assert rota.week_starting(ROTATION, week).hour == 8


def test_a_substitution_covers_its_stretch_only() -> None:
    cover = rota.Cover(
        99, datetime(2026, 1, 6, 16, tzinfo=UTC), datetime(2026, 1, 7, 16, tzinfo=UTC)
    )
    assert rota.on_call(ROTATION, [cover], datetime(2026, 1, 6, 15, 59, tzinfo=UTC)) == 11
    assert rota.on_call(ROTATION, [cover], datetime(2026, 1, 6, 16, tzinfo=UTC)) == 99
    assert rota.on_call(ROTATION, [cover], datetime(2026, 1, 7, 16, tzinfo=UTC)) == 11


def test_the_latest_substitution_wins_where_two_overlap() -> None:
    start, end = datetime(2026, 1, 6, tzinfo=UTC), datetime(2026, 1, 8, tzinfo=UTC)
    covers = [rota.Cover(98, start, end), rota.Cover(99, start, end)]
    assert rota.on_call(ROTATION, covers, start + timedelta(hours=1)) == 99


def test_an_empty_rotation_has_nobody_on_call() -> None:
    empty = rota.Rotation([], date(2026, 1, 5), 0, 8, "America/Los_Angeles")
    assert rota.on_call(empty, [], datetime(2026, 2, 1, tzinfo=UTC)) is None


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1)))
def test_everyone_in_the_rotation_is_on_call_once_every_three_weeks(moment: datetime) -> None:
    at = moment.replace(tzinfo=UTC)
    seen = {rota.scheduled(ROTATION, at + timedelta(weeks=n)) for n in range(3)}
    assert seen == {11, 12, 13}


CREATED = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
TARGET = CREATED + timedelta(minutes=30)


def test_timer_counts_down_to_the_target() -> None:
    timer = rota.timer(CREATED, TARGET, None, CREATED + timedelta(minutes=12))
    assert (timer.waited_minutes, timer.minutes_left, timer.past_target) == (12, 18, False)
    assert timer.label == "18 min left"


def test_timer_is_past_the_target_from_the_first_second_after_it() -> None:
    assert not rota.timer(CREATED, TARGET, None, TARGET).past_target
    late = rota.timer(CREATED, TARGET, None, TARGET + timedelta(seconds=1))
    assert late.past_target and late.label == "1 min past target"


def test_timer_stops_at_the_first_contact() -> None:
    responded = CREATED + timedelta(minutes=20)
    timer = rota.timer(CREATED, TARGET, responded, CREATED + timedelta(hours=5))
    assert timer.stopped and timer.waited_minutes == 20 and not timer.past_target


def test_upcoming_weeks_name_their_place_in_the_cycle() -> None:
    weeks = rota.upcoming(ROTATION, _local(2026, 1, 13, 9, 0), weeks=4)
    assert [(w.starts_at.day, w.user_id, w.position) for w in weeks] == [
        (12, 12, 2),
        (19, 13, 3),
        (26, 11, 1),
        (2, 12, 2),
    ]
    assert weeks[0].starts_at.hour == 8
