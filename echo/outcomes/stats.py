"""Survey statistics for program outcomes: pure functions, no database and no HTTP.

The rules, each in one place:

* Small-cell suppression: hub staff see an aggregate only when at least `MIN_RESPONDENTS`
  people answered (`shown`).
* Paired pre/post change (`paired_change`): the mean of the differences (after - before)
  with a Student t confidence interval, mean ± t · sd / √n, t being the (1 + confidence) / 2
  quantile with n - 1 degrees of freedom (`scipy.stats.t`); the two-sided Wilcoxon
  signed-rank test (`scipy.stats.wilcoxon`); and Cohen's d_z, the mean difference divided
  by the standard deviation of the differences (Cohen 1988; Lakens 2013, "Calculating and
  reporting effect sizes").
* The Wilcoxon test drops zero differences (``zero_method="wilcox"``, what R's
  ``wilcox.test`` and SPSS do, so a report can be checked in either) and chooses its
  null distribution explicitly rather than through scipy's ``"auto"``, whose choice has
  changed between releases: the exact distribution when the nonzero differences have no
  tied magnitudes and there are at most 50 of them; otherwise (ties, common with Likert
  scores, or many differences) the normal approximation with the tie correction and, as
  in R, a continuity correction. Both are deterministic and quick (an exact permutation
  distribution with ties takes most of a second per test at 13 differences; a dashboard
  runs dozens). The method name ``"asymptotic"`` is scipy 1.15's and later.
* Likert distributions, response rates (a `Decimal` to 0.001, half up).
* Moore's expanded outcomes framework: levels 1 to 7 with 3a/3b (Moore DE, Green JS,
  Gallis HA. Achieving desired results and improved outcomes: integrating planning and
  assessment throughout learning activities. J Contin Educ Health Prof. 2009;29(1):1-15).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Final

from scipy import stats  # type: ignore[import-untyped]

MIN_RESPONDENTS: Final = 5

MOORE_LEVELS: Final = ("1", "2", "3a", "3b", "4", "5", "6", "7")
MOORE_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "1": "Participation",
        "2": "Satisfaction",
        "3a": "Declarative knowledge",
        "3b": "Procedural knowledge",
        "4": "Competence",
        "5": "Performance",
        "6": "Patient health",
        "7": "Community health",
    }
)

_EXACT_MAX = 50  # no ties: scipy's exact signed-rank distribution
_DIFFERENCE_DIGITS = 9  # see _differences
_THOUSANDTH = Decimal("0.001")


def shown(n: int) -> bool:
    """True when an aggregate over `n` respondents may be shown to hub staff."""
    return n >= MIN_RESPONDENTS


@dataclass(frozen=True)
class PairedChange:
    """Change between paired before/after scores; differences are after - before."""

    n: int
    mean_before: float
    mean_after: float
    mean_difference: float
    ci_low: float
    ci_high: float
    sd_difference: float
    wilcoxon_p: float | None  # None when every difference is zero
    effect_size: float | None  # Cohen's d_z; None when every difference is the same
    confidence: float = 0.95


@dataclass(frozen=True)
class Summary:
    n: int
    mean: float
    sd: float | None  # sample standard deviation (n - 1); None for a single value
    median: float


def _check_finite(values: Sequence[float]) -> None:
    if not all(math.isfinite(value) for value in values):
        raise ValueError("values must be finite numbers")


def _wilcoxon_p(differences: Sequence[float]) -> float | None:
    """Two-sided signed-rank p-value; zero differences are dropped (see module docstring)."""
    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return None
    count = len(nonzero)
    tied = len({abs(d) for d in nonzero}) < count
    method: str
    method = "exact" if not tied and count <= _EXACT_MAX else "asymptotic"
    result = stats.wilcoxon(
        nonzero, zero_method="wilcox", correction=True, alternative="two-sided", method=method
    )
    return float(result.pvalue)


def paired_change(
    pairs: Sequence[tuple[float, float]], confidence: float = 0.95
) -> PairedChange | None:
    """Mean change with its t interval, Wilcoxon p and d_z; None for fewer than 2 pairs."""
    befores = [before for before, _ in pairs]
    afters = [after for _, after in pairs]
    _check_finite(befores)
    _check_finite(afters)
    return change_of_differences(
        [after - before for before, after in pairs],
        mean_before=statistics.fmean(befores) if pairs else 0.0,
        mean_after=statistics.fmean(afters) if pairs else 0.0,
        confidence=confidence,
    )


def change_of_differences(
    differences: Sequence[float],
    *,
    mean_before: float,
    mean_after: float,
    confidence: float = 0.95,
) -> PairedChange | None:
    """``paired_change`` from the differences (after - before) and the two means, for
    callers that pair in the database; None for fewer than 2 differences."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    n = len(differences)
    if n < 2:
        return None
    _check_finite(differences)
    # Rounded so that subtraction noise (0.3 vs 0.1 + 0.2) neither breaks a tie in the
    # Wilcoxon ranks nor gives equal differences a tiny nonzero standard deviation.
    rounded = [round(d, _DIFFERENCE_DIGITS) for d in differences]
    mean_difference = statistics.fmean(rounded)
    sd_difference = float(statistics.stdev(rounded))
    t_critical = float(stats.t.ppf((1 + confidence) / 2, n - 1))
    # With sd 0 (every difference equal) the margin is 0 and the interval collapses to
    # the mean difference.
    margin = t_critical * sd_difference / math.sqrt(n)
    return PairedChange(
        n=n,
        mean_before=mean_before,
        mean_after=mean_after,
        mean_difference=mean_difference,
        ci_low=mean_difference - margin,
        ci_high=mean_difference + margin,
        sd_difference=sd_difference,
        wilcoxon_p=_wilcoxon_p(rounded),
        effect_size=mean_difference / sd_difference if sd_difference > 0 else None,
        confidence=confidence,
    )


def summarize(values: Sequence[float]) -> Summary | None:
    """Count, mean, sample sd and median; None when there are no values."""
    if not values:
        return None
    _check_finite(values)
    return Summary(
        n=len(values),
        mean=statistics.fmean(values),
        sd=float(statistics.stdev(values)) if len(values) >= 2 else None,
        median=float(statistics.median(values)),
    )


def distribution(values: Sequence[int], points: int) -> tuple[int, ...]:
    """How many answers fall on each point 1..points of a Likert scale."""
    if points < 1:
        raise ValueError(f"a scale needs at least one point, got {points}")
    counts = [0] * points
    for value in values:
        if not 1 <= value <= points:
            raise ValueError(f"{value} is not a point of a 1..{points} scale")
        counts[value - 1] += 1
    return tuple(counts)


def response_rate(responded: int, invited: int) -> Decimal | None:
    """responded / invited to 0.001 (half up); None when nobody was invited."""
    if responded < 0 or invited < 0:
        raise ValueError("counts must not be negative")
    if responded > invited:
        raise ValueError(f"{responded} responses but only {invited} invited")
    if invited == 0:
        return None
    return (Decimal(responded) / Decimal(invited)).quantize(_THOUSANDTH, rounding=ROUND_HALF_UP)


def highest_moore_level(evidence: Mapping[str, int]) -> str | None:
    """The highest Moore level with data from at least MIN_RESPONDENTS people, or None.

    `evidence` maps a level ("1" … "7") to the number of respondents with data at that
    level (participants for level 1).
    """
    unknown = sorted(set(evidence) - set(MOORE_LEVELS))
    if unknown:
        raise ValueError(f"unknown Moore levels: {', '.join(unknown)}")
    if any(count < 0 for count in evidence.values()):
        raise ValueError("respondent counts must not be negative")
    for level in reversed(MOORE_LEVELS):
        if shown(evidence.get(level, 0)):
            return level
    return None
