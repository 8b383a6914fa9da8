"""The credit rule (docs/domain.md §5): nearest quarter hour, half up, 0.25 minimum, a cap."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from echo.cme.credit import (
    QUARTER,
    credit_for_minutes,
    hours_for_minutes,
    is_quarter,
    parse_credit,
)

BIG = Decimal("24.00")


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (0, "0.00"),
        (7, "0.00"),  # 0.1167 h -> nearest quarter 0.00: below the minimum
        (Decimal("7.4"), "0.00"),
        (Decimal("7.5"), "0.25"),  # 0.125 h, an exact half quarter, rounds up
        (8, "0.25"),
        (15, "0.25"),
        (22, "0.25"),  # 0.3667 h -> 0.25
        (Decimal("22.4"), "0.25"),
        (Decimal("22.5"), "0.50"),  # 0.375 h rounds up
        (23, "0.50"),
        (37, "0.50"),
        (Decimal("37.5"), "0.75"),
        (45, "0.75"),
        (52, "0.75"),
        (Decimal("52.5"), "1.00"),
        (60, "1.00"),
        (67, "1.00"),
        (68, "1.25"),
        (90, "1.50"),
    ],
)
def test_boundaries(minutes: int | Decimal, expected: str) -> None:
    assert credit_for_minutes(minutes, BIG) == Decimal(expected)
    assert str(credit_for_minutes(minutes, BIG)) == expected


@pytest.mark.parametrize(
    ("minutes", "designated", "expected"),
    [
        (60, "1", "1.00"),
        (90, "1", "1.00"),
        (90, "1.25", "1.25"),
        (600, "1.5", "1.50"),
        (20, "1", "0.25"),
        (7, "0.25", "0.00"),
    ],
)
def test_capped_at_designation(minutes: int, designated: str, expected: str) -> None:
    assert str(credit_for_minutes(minutes, Decimal(designated))) == expected


@pytest.mark.parametrize("designated", ["0", "-1", "0.3", "1.1", "NaN", "Infinity"])
def test_designation_must_be_a_positive_quarter(designated: str) -> None:
    with pytest.raises(ValueError, match="designated_max"):
        credit_for_minutes(60, Decimal(designated))


def test_floats_are_refused() -> None:
    with pytest.raises(TypeError):
        credit_for_minutes(60.0, BIG)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        credit_for_minutes(60, 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        credit_for_minutes(True, BIG)
    with pytest.raises(TypeError):
        hours_for_minutes(60.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        is_quarter(0.25)  # type: ignore[arg-type]


@pytest.mark.parametrize("minutes", [-1, Decimal("-0.5")])
def test_negative_minutes_are_refused(minutes: int | Decimal) -> None:
    with pytest.raises(ValueError, match="negative"):
        credit_for_minutes(minutes, BIG)
    with pytest.raises(ValueError, match="negative"):
        hours_for_minutes(minutes)


def test_non_finite_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        credit_for_minutes(Decimal("NaN"), BIG)


def test_hours_have_no_cap() -> None:
    assert str(hours_for_minutes(0)) == "0.00"
    assert str(hours_for_minutes(7)) == "0.00"
    assert str(hours_for_minutes(8)) == "0.25"
    assert str(hours_for_minutes(Decimal("22.5"))) == "0.50"
    assert str(hours_for_minutes(60 * 30 + 8)) == "30.25"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", True),
        ("0.25", True),
        ("0.250", True),
        ("1", True),
        ("-0.75", True),
        ("12.5", True),
        ("0.1", False),
        ("0.26", False),
        ("0.2500000000000000000000000000001", False),  # beyond the context precision
        ("NaN", False),
        ("Infinity", False),
    ],
)
def test_is_quarter(value: str, expected: bool) -> None:
    assert is_quarter(Decimal(value)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "1.00"),
        ("1.5", "1.50"),
        ("0.25", "0.25"),
        (" 0.75 ", "0.75"),
        (".5", "0.50"),
        ("2.", "2.00"),
        ("24", "24.00"),
        ("+3", "3.00"),
    ],
)
def test_parse_credit(text: str, expected: str) -> None:
    assert str(parse_credit(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter the number"),
        ("   ", "Enter the number"),
        ("abc", "not a number"),
        ("1,5", "not a number"),
        ("1e1", "not a number"),
        ("NaN", "not a number"),
        ("Infinity", "not a number"),
        ("1.5.0", "not a number"),
        ("-1", "negative"),
        ("0", "at least 0.25"),
        ("0.00", "at least 0.25"),
        ("24.25", "more than 24"),
        ("100", "more than 24"),
        ("0.3", "quarter hours"),
        ("1.1", "quarter hours"),
    ],
)
def test_parse_credit_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_credit(text)


# --- properties ----------------------------------------------------------------------------

minutes_int = st.integers(min_value=0, max_value=60 * 48)
minutes_dec = st.decimals(min_value=0, max_value=60 * 48, places=3)
designations = st.integers(min_value=1, max_value=96).map(lambda q: q * QUARTER)


@given(minutes=minutes_int | minutes_dec, designated=designations)
def test_credit_is_a_capped_quarter_or_nothing(minutes: int | Decimal, designated: Decimal) -> None:
    credit = credit_for_minutes(minutes, designated)
    assert is_quarter(credit)
    assert credit <= designated
    assert credit == 0 or credit >= QUARTER
    assert credit.as_tuple().exponent == -2


@given(a=minutes_int | minutes_dec, b=minutes_int | minutes_dec, designated=designations)
def test_credit_is_monotone(a: int | Decimal, b: int | Decimal, designated: Decimal) -> None:
    low, high = sorted((a, b))
    assert credit_for_minutes(low, designated) <= credit_for_minutes(high, designated)
    assert hours_for_minutes(low) <= hours_for_minutes(high)


@given(minutes=minutes_int | minutes_dec)
def test_rounds_to_nearest_quarter_half_up(minutes: int | Decimal) -> None:
    hours = hours_for_minutes(minutes)
    exact = Fraction(minutes) / 60
    distance = abs(Fraction(hours) - exact)
    assert distance <= Fraction(1, 8)
    if distance == Fraction(1, 8):  # an exact half quarter: the upper neighbour wins
        assert Fraction(hours) > exact


@given(quarter=st.integers(min_value=0, max_value=191))
def test_exact_boundaries(quarter: int) -> None:
    """Just under quarter + 7.5 minutes rounds down; exactly there (and above) rounds up."""
    boundary = Decimal(quarter * 15) + Decimal("7.5")
    below = hours_for_minutes(boundary - Decimal("0.001"))
    at = hours_for_minutes(boundary)
    assert below == quarter * QUARTER
    assert at == (quarter + 1) * QUARTER
    assert credit_for_minutes(boundary, BIG * 2) == min(at, BIG * 2)


@given(minutes=minutes_int, designated=designations)
def test_credit_is_hours_capped(minutes: int, designated: Decimal) -> None:
    assert credit_for_minutes(minutes, designated) == min(hours_for_minutes(minutes), designated)
