"""The AMA PRA Category 1 Credit rule for live activities (docs/domain.md §5), in one place.

60 minutes of educational time is 1 credit; credit is designated and awarded in 0.25
increments, rounded to the nearest quarter hour, with a minimum of 0.25 (AMA PRA booklet,
live activities). A learner never gets more than the designated maximum. Everything is
`Decimal`; floats are refused because 0.1 + 0.2 style errors would move quarter boundaries.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

QUARTER = Decimal("0.25")
MAX_CREDIT_INPUT = Decimal(24)  # a form value above one day's worth of hours is a typo

_CENTS = Decimal("0.01")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)  # 0-9 only, not ٣ or ²


def _check_number(value: object, name: str) -> None:
    """Refuse floats, bools and non-finite decimals: credit arithmetic is exact."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(f"{name} must be an int or Decimal, not {type(value).__name__}")
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{name} must be a finite number, not {value}")


def _quarters(minutes: int | Decimal) -> int:
    """Whole quarter hours in `minutes`, to the nearest; an exact half (7.5 min) rounds up."""
    _check_number(minutes, "minutes")
    if minutes < 0:
        raise ValueError(f"minutes must not be negative, got {minutes}")
    # Fraction keeps minutes/15 exact, so x.125 h (an exact half quarter) is seen as such.
    return int(Fraction(minutes) / 15 + Fraction(1, 2))  # floor, since the value is >= 0


def is_quarter(value: Decimal) -> bool:
    """True when `value` is a finite multiple of 0.25 (any sign)."""
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise TypeError(f"value must be a Decimal, not {type(value).__name__}")
    return value.is_finite() and (Fraction(value) * 4).denominator == 1


def credit_for_minutes(minutes_attended: int | Decimal, designated_max: Decimal) -> Decimal:
    """Credit for `minutes_attended` of an activity designated for `designated_max` credits.

    Rounded to the nearest quarter hour (half quarters up), 0.00 below the 0.25 minimum,
    capped at the designation, quantized to 2 places (docs/domain.md §5).
    """
    if isinstance(designated_max, bool) or not isinstance(designated_max, Decimal):
        raise TypeError(f"designated_max must be a Decimal, not {type(designated_max).__name__}")
    if not is_quarter(designated_max) or designated_max <= 0:
        raise ValueError(
            f"designated_max must be a positive multiple of 0.25, got {designated_max}"
        )
    credit = min(_quarters(minutes_attended) * QUARTER, designated_max)
    if credit < QUARTER:  # minimum 0.25; after rounding to quarters only 0 lands here
        return Decimal("0.00")
    return credit.quantize(_CENTS)


def hours_for_minutes(minutes: int | Decimal) -> Decimal:
    """Hours of participation (non-physicians' certificates): quarters, as credit, no cap."""
    return (_quarters(minutes) * QUARTER).quantize(_CENTS)


def parse_credit(text: str) -> Decimal:
    """Read a credit amount typed in a form ("1", "1.5", "0.25") as a 2-place Decimal.

    Raises ValueError with a message fit to show the user for junk, negatives, zero,
    amounts above 24 and amounts that are not whole quarters.
    """
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("Enter the number of credits, for example 1 or 1.5.")
    if not _NUMBER.fullmatch(cleaned):
        raise ValueError(f'"{cleaned}" is not a number of credits; use a form like 1, 1.5 or 0.25.')
    value = Decimal(cleaned)  # the pattern admits only plain decimals
    if value < 0:
        raise ValueError("Credits cannot be negative.")
    if value == 0:
        raise ValueError("Credits must be at least 0.25 (the minimum AMA PRA credit).")
    if value > MAX_CREDIT_INPUT:
        raise ValueError(f"Credits cannot be more than {MAX_CREDIT_INPUT}.")
    if not is_quarter(value):
        raise ValueError(
            f"Credits are given in quarter hours (0.25, 0.5, 0.75, 1, ...); {cleaned} is not one."
        )
    return value.quantize(_CENTS)
