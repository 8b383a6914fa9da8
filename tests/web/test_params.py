"""The request kit's parsers, property-tested: whatever arrives, each returns a value
inside its declared bounds or refuses with a message (Invalid, FormErrors), and never
raises anything else."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.accounts.forms import ProfileForm, SignupForm
from echo.cases.forms import CaseChoices
from echo.cme.forms import ClaimForm, PeriodQuery, SettingsForm
from echo.programs.forms import MoveForm, ProgramForm, ScheduleForm
from echo.timeutil import is_known_time_zone
from echo.web import params
from echo.web.params import MAX_ID, FormErrors, Invalid, field_label
from echo.web.routing import digits_up_to

TODAY = date(2026, 12, 5)
# Text as hostile clients send it: any Unicode, with the troublemakers over-represented.
nasty = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from([*"\r\n\x00\u2028\x85\t\u00b2٣-=9", *"\u200b\u202e\ufeff\u00ad\u200d"]),
    ),
    max_size=40,
)
numbers_as_text = st.integers(min_value=-(10**25), max_value=10**25).map(str)
anything = st.one_of(nasty, numbers_as_text, st.sampled_from(["9999-12-31", "0001-01-01", "²"]))

CONTROL = {"Cc", "Zl", "Zp"}
JOINERS = {"\u200c", "\u200d"}


def _controls(text: str) -> set[str]:
    """Control, line-breaking and invisible characters (joiners, which shape scripts, aside)."""
    return {
        ch
        for ch in text
        if unicodedata.category(ch) in CONTROL
        or (unicodedata.category(ch) == "Cf" and ch not in JOINERS)
    }


def _outcome(parse: Callable[[], object]) -> tuple[object, str]:
    """(the value, "") or (None, the message): a parser may do nothing else."""
    try:
        return parse(), ""
    except (Invalid, FormErrors) as problem:
        return None, str(problem)


@given(anything)
def test_an_id_is_a_row_that_can_exist_or_nothing(text: str) -> None:
    found = params.parse_id(text)
    assert found is None or (isinstance(found, int) and 1 <= found <= MAX_ID)
    if found is not None:
        assert text.strip().isascii()


@given(st.integers(min_value=-(2**64), max_value=2**64))
def test_every_integer_id_in_range_and_only_those_parse(number: int) -> None:
    assert params.parse_id(str(number)) == (number if 1 <= number <= MAX_ID else None)


@given(st.integers(min_value=1, max_value=10**12), st.integers(min_value=0, max_value=10**13))
def test_the_route_pattern_for_ids_matches_exactly_1_to_the_limit(limit: int, number: int) -> None:
    pattern = re.compile(digits_up_to(limit))
    assert bool(pattern.fullmatch(str(number))) == (1 <= number <= limit)
    assert not pattern.fullmatch("0" + str(number))  # no leading zeros


@given(anything)
def test_one_line_text_has_no_line_breaks_or_controls_and_is_stable(text: str) -> None:
    cleaned = params.one_line(text)
    assert _controls(cleaned) == set()
    assert cleaned == cleaned.strip()
    assert params.one_line(cleaned) == cleaned


@given(anything)
def test_multi_line_text_keeps_only_lf_and_tab(text: str) -> None:
    cleaned = params.many_lines(text)
    assert _controls(cleaned) <= {"\n", "\t"}
    assert "\r" not in cleaned
    assert params.many_lines(cleaned) == cleaned


@given(anything, st.integers(min_value=-1000, max_value=1000), st.integers(0, 10**6))
def test_whole_numbers_are_within_bounds_or_refused(text: str, low: int, span: int) -> None:
    number, message = _outcome(lambda: params.whole_number(text, low, low + span))
    if message:
        assert message.startswith("Enter a whole number")
    else:
        assert isinstance(number, int) and low <= number <= low + span


@given(anything)
def test_decimals_are_within_bounds_and_places_or_refused(text: str) -> None:
    value, message = _outcome(lambda: params.decimal_number(text, Decimal(0), Decimal(24), 2))
    if not message:
        assert isinstance(value, Decimal) and Decimal(0) <= value <= Decimal(24)
        assert value == value.quantize(Decimal("0.01"))


@given(st.one_of(anything, st.dates().map(date.isoformat)))
def test_dates_are_inside_the_window_or_refused(text: str) -> None:
    found, message = _outcome(lambda: params.calendar_date(text, today=TODAY))
    if message:
        assert "YYYY-MM-DD" in message
    else:
        assert isinstance(found, date)
        assert params.EARLIEST_DATE <= found <= params.latest_date(TODAY)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2036, 12, 5)))
def test_every_date_in_the_window_is_read_back(day: date) -> None:
    assert params.calendar_date(day.isoformat(), today=TODAY) == day


def test_the_window_ends_ten_years_ahead_and_says_so() -> None:
    assert params.latest_date(TODAY) == date(2036, 12, 5)
    assert params.latest_date(date(2028, 2, 29)) == date(2038, 2, 28)
    with pytest.raises(Invalid, match="from 2000-01-01 to 2036-12-05"):
        params.calendar_date("2036-12-06", today=TODAY)
    assert params.date_window_hint(TODAY) == "Dates from 2000-01-01 to 2036-12-05."
    assert params.calendar_date("2036-12-05", today=TODAY) + timedelta(days=1) > TODAY


@given(anything)
def test_times_of_day_are_clock_times_or_refused(text: str) -> None:
    found, message = _outcome(lambda: params.clock_time(text))
    assert message.startswith("Enter a time") if message else isinstance(found, time)


@given(anything)
def test_time_zones_are_the_offered_ones_or_refused(text: str) -> None:
    zone, message = _outcome(lambda: params.time_zone(text))
    assert message or (isinstance(zone, str) and is_known_time_zone(zone))


@pytest.mark.parametrize("alias", ["localtime", "Factory", "EST", "Etc/GMT+5", "posixrules", ""])
def test_aliases_are_not_time_zones(alias: str) -> None:
    with pytest.raises(Invalid):
        params.time_zone(alias)


@given(st.one_of(anything, st.from_regex(r"https?://[a-z]{1,10}\.[a-z]{2,3}/\S{0,20}")))
def test_links_are_stored_as_validated(text: str) -> None:
    link, message = _outcome(lambda: params.https_url(text))
    if not message:
        assert isinstance(link, str) and link.startswith("https://")
        assert _controls(link) == set() and not any(ch.isspace() for ch in link)
        assert params.https_url(link) == link  # what was checked is what is kept


@pytest.mark.parametrize(
    "link",
    [
        "http://meeting.example.org/j/1",
        "javascript:alert(1)",
        "https://user:pw@meeting.example.org/",
        "https://meeting.example.org/a b",
        "https://meeting.example.org/\r\nX: y",
        "https:///nohost",
        "https://localhost/",
    ],
)
def test_unsafe_links_are_refused(link: str) -> None:
    with pytest.raises(Invalid):
        params.https_url(link)


FORMS = [ProfileForm, SignupForm, ProgramForm, ScheduleForm, MoveForm, CaseChoices]
FORMS += [SettingsForm, ClaimForm, PeriodQuery]


@settings(max_examples=40)
@given(
    st.sampled_from(FORMS),
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "email",
                "password",
                "time_zone",
                "npi",
                "abp_id",
                "slug",
                "title",
                "status",
                "first_date",
                "start_time",
                "duration_minutes",
                "count",
                "until",
                "meeting_url",
                "date",
                "time",
                "age_value",
                "age_unit",
                "sex",
                "concerns",
                "credits",
                "from",
                "to",
                "claim_window_days",
                "ama_max_per_session",
                "weekdays",
                "kind",
            ]
        ),
        anything,
    ),
)
def test_forms_give_typed_values_or_messages_for_fields(
    form: type[params.Form], data: dict[str, str]
) -> None:
    try:
        parsed: object = form.parse(data)
        errors: dict[str, str] = {}
    except FormErrors as problem:
        parsed, errors = None, problem.errors
    named = {info.alias or name for name, info in form.model_fields.items()}
    assert set(errors) <= named and all(isinstance(m, str) and m for m in errors.values())
    assert isinstance(parsed, form) or errors


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("session_id", "Session"),
        ("objective-0", "Objective 1"),
        ("objective_12", "Objective 13"),
        ("abp_id", "ABP"),
        ("meeting_url", "Meeting link"),
        ("first_date", "First date"),
        ("id", "This field"),
    ],
)
def test_field_names_read_as_people_say_them(name: str, label: str) -> None:
    assert field_label(name) == label
