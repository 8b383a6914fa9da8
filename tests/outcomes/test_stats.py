"""Survey statistics, each checked against arithmetic done by hand in the comments."""

from __future__ import annotations

import itertools
import math
from dataclasses import fields
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.outcomes.stats import (
    MIN_RESPONDENTS,
    MOORE_LABELS,
    MOORE_LEVELS,
    PairedChange,
    Summary,
    distribution,
    highest_moore_level,
    paired_change,
    response_rate,
    shown,
    summarize,
)

# Differences (after - before): 2, 1, 2, 1, 3, 0.
PAIRS = [(2, 4), (3, 4), (3, 5), (2, 3), (1, 4), (3, 3)]


def _enumerated_p(differences: list[float]) -> float:
    """Two-sided signed-rank p from all 2^m sign assignments of the nonzero differences.

    Zeros are dropped; tied magnitudes share the mean of their ranks (midranks). The
    p-value is 2 · min(P(W+ <= observed), P(W+ >= observed)), capped at 1.
    """
    nonzero = [d for d in differences if d != 0]
    magnitudes = sorted(abs(d) for d in nonzero)
    doubled_rank: dict[float, int] = {}  # twice the midrank keeps the sums in integers
    for value in set(magnitudes):
        first = magnitudes.index(value) + 1
        last = first + magnitudes.count(value) - 1
        doubled_rank[value] = first + last
    ranks = [doubled_rank[abs(d)] for d in nonzero]
    observed = sum(r for r, d in zip(ranks, nonzero, strict=True) if d > 0)
    at_most = at_least = 0
    for signs in itertools.product((1, -1), repeat=len(ranks)):
        w_plus = sum(r for r, s in zip(ranks, signs, strict=True) if s > 0)
        at_most += w_plus <= observed
        at_least += w_plus >= observed
    return min(1.0, 2 * min(at_most, at_least) / (1 << len(ranks)))


def test_shown_threshold_is_five() -> None:
    assert MIN_RESPONDENTS == 5
    assert not shown(4)
    assert shown(5)
    assert shown(40)


def test_paired_change_matches_hand_calculation() -> None:
    # before: 2+3+3+2+1+3 = 14, mean 14/6 = 2.3333; after: 4+4+5+3+4+3 = 23, mean 23/6.
    # d = 2, 1, 2, 1, 3, 0: sum 9, mean 1.5.
    # deviations 0.5, -0.5, 0.5, -0.5, 1.5, -1.5; squares sum 4(0.25) + 2(2.25) = 5.5;
    # variance 5.5 / 5 = 1.1, sd = sqrt(1.1) = 1.048809.
    # se = 1.048809 / sqrt(6) = 1.048809 / 2.449490 = 0.428174.
    # t table, df 5, two-sided 95%: 2.5706; margin 2.5706 * 0.428174 = 1.100665.
    # CI = 1.5 -/+ 1.100665 = (0.399335, 2.600665). d_z = 1.5 / 1.048809 = 1.430194.
    change = paired_change(PAIRS)
    assert change is not None
    assert change.n == 6
    assert change.mean_before == pytest.approx(2.333333, abs=1e-6)
    assert change.mean_after == pytest.approx(3.833333, abs=1e-6)
    assert change.mean_difference == pytest.approx(1.5)
    assert change.sd_difference == pytest.approx(1.048809, abs=1e-6)
    # The table's t has 4 decimals, so the bounds agree to about 1e-5.
    assert change.ci_low == pytest.approx(0.399335, abs=1e-4)
    assert change.ci_high == pytest.approx(2.600665, abs=1e-4)
    assert change.effect_size == pytest.approx(1.430194, abs=1e-6)
    assert change.confidence == 0.95


def test_paired_change_other_confidence() -> None:
    # Same data at 90%: t table, df 5, two-sided 90%: 2.0150;
    # margin 2.0150 * 0.428174 = 0.862771; CI = (0.637229, 2.362771).
    change = paired_change(PAIRS, confidence=0.90)
    assert change is not None
    assert change.ci_low == pytest.approx(0.637229, abs=1e-4)
    assert change.ci_high == pytest.approx(2.362771, abs=1e-4)
    assert change.confidence == 0.90


def test_paired_change_wilcoxon_with_ties_and_zero() -> None:
    # The zero is dropped, leaving 2, 1, 2, 1, 3. |d| ranks: the two 1s share 1.5, the two
    # 2s share 3.5, the 3 is 5. All positive: W+ = 15. Ties: the normal approximation.
    # mean n(n+1)/4 = 7.5; variance n(n+1)(2n+1)/24 - sum(t^3 - t)/48
    # = 13.75 - (6 + 6)/48 = 13.5, sd 3.6742. z = (15 - 7.5 - 0.5) / 3.6742 = 1.9052.
    # Normal table: Phi(1.90) = 0.97128, Phi(1.91) = 0.97193, so Phi(1.9052) = 0.97162;
    # p = 2 * (1 - 0.97162) = 0.05676.
    change = paired_change(PAIRS)
    assert change is not None
    assert change.wilcoxon_p == pytest.approx(0.05676, abs=1e-4)


def test_paired_change_wilcoxon_without_ties() -> None:
    # d = 1, 2, -3, 4, 5: W- = 3. Subsets of {1..5} summing to <= 3: {}, {1}, {2}, {3},
    # {1,2}: 5 of 32, so P(W- <= 3) = 5/32 and p = 10/32 = 0.3125.
    pairs = [(1, 2), (1, 3), (5, 2), (1, 5), (2, 7)]
    change = paired_change(pairs)
    assert change is not None
    assert _enumerated_p([1, 2, -3, 4, 5]) == 0.3125
    assert change.wilcoxon_p == pytest.approx(0.3125)


def test_paired_change_wilcoxon_likert_ties_both_signs() -> None:
    # Likert pre/post answers with ties, a zero and both signs: d = 2, -1, 1, 0, 3, 1, -2, 2.
    # Nonzero: 7. |d| = 1 three times (midrank 2), 2 three times (midrank 5), 3 (rank 7).
    # W+ = 5 + 2 + 7 + 2 + 5 = 21; mean 7*8/4 = 14; variance 7*8*15/24 - (24 + 24)/48
    # = 35 - 1 = 34, sd 5.8310; z = (21 - 14 - 0.5) / 5.8310 = 1.1147.
    # Normal table: Phi(1.11) = 0.86650, Phi(1.12) = 0.86864, so Phi(1.1147) = 0.86751;
    # p = 2 * (1 - 0.86751) = 0.26498.
    pairs = [(1, 3), (4, 3), (2, 3), (3, 3), (1, 4), (3, 4), (5, 3), (2, 4)]
    change = paired_change(pairs)
    assert change is not None
    assert change.wilcoxon_p == pytest.approx(0.26498, abs=1e-4)


def test_paired_change_wilcoxon_normal_approximation_for_many_ties() -> None:
    # 20 differences with ties: fifteen +1 and five -1.
    # All tie at midrank (1 + 20) / 2 = 10.5; W+ = 15 * 10.5 = 157.5.
    # mean n(n+1)/4 = 105; variance n(n+1)(2n+1)/24 - (t^3 - t)/48
    # = 717.5 - (8000 - 20)/48 = 717.5 - 166.25 = 551.25, sd 23.4787.
    # Continuity corrected z = (157.5 - 105 - 0.5) / 23.4787 = 2.2148.
    # Normal table: Phi(2.21) = 0.98645, Phi(2.22) = 0.98679, so Phi(2.2148) = 0.98661;
    # p = 2 * (1 - 0.98661) = 0.02678.
    pairs = [(3, 4)] * 15 + [(4, 3)] * 5
    change = paired_change(pairs)
    assert change is not None
    assert change.wilcoxon_p == pytest.approx(0.02678, abs=1e-4)


def test_paired_change_equal_differences_collapse_interval() -> None:
    # d = 1, 1, 1: mean 1, sd 0, so the interval is [1, 1] and d_z is undefined.
    # Wilcoxon, tied ranks of 2 (normal approximation): W+ = 6, mean 3*4/4 = 3, variance
    # 3*4*7/24 - (27 - 3)/48 = 3.0, sd 1.7321; z = (6 - 3 - 0.5) / 1.7321 = 1.4434.
    # Normal table: Phi(1.44) = 0.92507, Phi(1.45) = 0.92647, so Phi(1.4434) = 0.92555;
    # p = 2 * (1 - 0.92555) = 0.1489.
    change = paired_change([(1, 2), (2, 3), (4, 5)])
    assert change is not None
    assert change.sd_difference == 0
    assert change.ci_low == change.ci_high == change.mean_difference == 1
    assert change.effect_size is None
    assert change.wilcoxon_p == pytest.approx(0.1489, abs=1e-4)


def test_paired_change_no_change_has_no_wilcoxon_p() -> None:
    change = paired_change([(3, 3), (4, 4), (2, 2)])
    assert change is not None
    assert change.mean_difference == 0
    assert change.ci_low == change.ci_high == 0
    assert change.wilcoxon_p is None
    assert change.effect_size is None


def test_paired_change_float_noise_is_not_spread() -> None:
    # 0.4 - 0.1 = 0.30000000000000004 but 0.5 - 0.2 = 0.3: the same change.
    change = paired_change([(0.1, 0.4), (0.2, 0.5), (1.0, 1.3)])
    assert change is not None
    assert change.sd_difference == 0
    assert change.effect_size is None


def test_paired_change_fewer_than_two_pairs_is_none() -> None:
    assert paired_change([]) is None
    assert paired_change([(2, 4)]) is None


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.95, math.nan])
def test_paired_change_bad_confidence_raises(confidence: float) -> None:
    with pytest.raises(ValueError, match="confidence"):
        paired_change(PAIRS, confidence=confidence)


def test_paired_change_non_finite_raises() -> None:
    with pytest.raises(ValueError, match="finite"):
        paired_change([(1, 2), (math.nan, 3)])
    with pytest.raises(ValueError, match="finite"):
        paired_change([(1, 2), (2, math.inf)])


def test_paired_change_fields_are_plain_floats() -> None:
    change = paired_change(PAIRS)
    assert change is not None
    for field in fields(PairedChange):
        value = getattr(change, field.name)
        assert type(value) is (int if field.name == "n" else float), field.name


@settings(deadline=None)
@given(
    pairs=st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=10, allow_nan=False),
            st.floats(min_value=0, max_value=10, allow_nan=False),
        ),
        min_size=2,
        max_size=10,
    ),
    confidence=st.floats(min_value=0.5, max_value=0.999),
)
def test_paired_change_interval_contains_mean_symmetrically(
    pairs: list[tuple[float, float]], confidence: float
) -> None:
    change = paired_change(pairs, confidence)
    assert change is not None
    assert change.ci_low <= change.mean_difference <= change.ci_high
    below = change.mean_difference - change.ci_low
    above = change.ci_high - change.mean_difference
    assert math.isclose(below, above, rel_tol=1e-9, abs_tol=1e-9)


def test_summarize_matches_hand_calculation() -> None:
    # 3, 1, 4, 1, 5: sum 14, mean 2.8; sorted 1, 1, 3, 4, 5, median 3.
    # deviations 0.2, -1.8, 1.2, -1.8, 2.2; squares 0.04 + 3.24 + 1.44 + 3.24 + 4.84
    # = 12.8; variance 12.8 / 4 = 3.2; sd = sqrt(3.2) = 1.788854.
    summary = summarize([3, 1, 4, 1, 5])
    assert summary is not None
    assert summary.n == 5
    assert summary.mean == pytest.approx(2.8)
    assert summary.sd == pytest.approx(1.788854, abs=1e-6)
    assert summary.median == 3
    assert type(summary.median) is float


def test_summarize_even_count_median() -> None:
    # 4, 1, 3, 2: sorted 1, 2, 3, 4, median (2 + 3) / 2 = 2.5, mean 2.5;
    # squares 2.25 + 2.25 + 0.25 + 0.25 = 5, variance 5 / 3, sd 1.290994.
    summary = summarize([4, 1, 3, 2])
    assert summary is not None
    assert (summary.n, summary.mean, summary.median) == (4, 2.5, 2.5)
    assert summary.sd == pytest.approx(1.290994, abs=1e-6)


def test_summarize_single_value_has_no_sd() -> None:
    assert summarize([4]) == Summary(n=1, mean=4.0, sd=None, median=4.0)


def test_summarize_empty_is_none() -> None:
    assert summarize([]) is None


def test_summarize_non_finite_raises() -> None:
    with pytest.raises(ValueError, match="finite"):
        summarize([1, math.nan])


def test_distribution_counts_each_point() -> None:
    assert distribution([1, 2, 2, 5, 5, 5], points=5) == (1, 2, 0, 0, 3)
    assert distribution([], points=3) == (0, 0, 0)


@pytest.mark.parametrize("value", [0, 6, -1])
def test_distribution_value_off_scale_raises(value: int) -> None:
    with pytest.raises(ValueError, match="scale"):
        distribution([1, value], points=5)


def test_distribution_no_points_raises() -> None:
    with pytest.raises(ValueError, match="point"):
        distribution([], points=0)


@pytest.mark.parametrize(
    ("responded", "invited", "expected"),
    [
        (1, 3, Decimal("0.333")),  # 0.33333...
        (2, 3, Decimal("0.667")),  # 0.66666...
        (1, 2000, Decimal("0.001")),  # exactly 0.0005: half rounds up (half-even gives 0)
        (0, 5, Decimal("0.000")),
        (5, 5, Decimal("1.000")),
    ],
)
def test_response_rate_rounds_half_up(responded: int, invited: int, expected: Decimal) -> None:
    rate = response_rate(responded, invited)
    assert rate == expected
    assert rate is not None and rate.as_tuple() == expected.as_tuple()


def test_response_rate_nobody_invited_is_none() -> None:
    assert response_rate(0, 0) is None


@pytest.mark.parametrize(
    ("responded", "invited", "message"),
    [(6, 5, "only 5 invited"), (1, 0, "only 0 invited"), (-1, 5, "negative"), (0, -1, "negative")],
)
def test_response_rate_impossible_counts_raise(responded: int, invited: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        response_rate(responded, invited)


def test_moore_levels_in_order_with_labels() -> None:
    assert MOORE_LEVELS == ("1", "2", "3a", "3b", "4", "5", "6", "7")
    assert dict(MOORE_LABELS) == {
        "1": "Participation",
        "2": "Satisfaction",
        "3a": "Declarative knowledge",
        "3b": "Procedural knowledge",
        "4": "Competence",
        "5": "Performance",
        "6": "Patient health",
        "7": "Community health",
    }


def test_highest_moore_level_below_threshold_is_skipped() -> None:
    assert highest_moore_level({"1": 40, "2": 12, "4": 6, "5": 4}) == "4"


def test_highest_moore_level_orders_3a_before_3b() -> None:
    assert highest_moore_level({"3a": 20, "3b": 5}) == "3b"
    assert highest_moore_level({"3a": 20, "3b": 4}) == "3a"


def test_highest_moore_level_none_shown_is_none() -> None:
    assert highest_moore_level({}) is None
    assert highest_moore_level({"1": 4, "7": 0}) is None


def test_highest_moore_level_top_level() -> None:
    assert highest_moore_level({"1": 30, "7": 5}) == "7"


@pytest.mark.parametrize("level", ["3", "3c", "8", "0", ""])
def test_highest_moore_level_unknown_level_raises(level: str) -> None:
    with pytest.raises(ValueError, match="unknown"):
        highest_moore_level({level: 10})


def test_highest_moore_level_negative_count_raises() -> None:
    with pytest.raises(ValueError, match="negative"):
        highest_moore_level({"2": -1, "1": 10})
