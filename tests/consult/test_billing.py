"""Interprofessional consultation codes (DOMAIN.md §8): what one consult's time supports."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from echo.consult.billing import (
    DISCLAIMER,
    MAX_MINUTES,
    MODALITIES,
    BillingSupport,
    DocumentedTime,
    billing_support,
    summary_lines,
)

SIX_CODES = {"99446", "99447", "99448", "99449", "99451", "99452"}


def _time(
    discussion: int,
    review: int,
    modality: str = "verbal-written",
    requester: int | None = None,
    consent: bool = True,
) -> DocumentedTime:
    return DocumentedTime(
        discussion_minutes=discussion,
        review_minutes=review,
        modality=modality,
        requester_minutes=requester,
        consent_attested=consent,
    )


def _support(
    discussion: int,
    review: int,
    modality: str = "verbal-written",
    requester: int | None = None,
    consent: bool = True,
) -> BillingSupport:
    return billing_support(_time(discussion, review, modality, requester, consent))


def _majority_discussion(total: int) -> DocumentedTime:
    """`total` minutes with more than half in discussion (all but one minute, or all)."""
    review = 1 if total >= 3 else 0
    return _time(total - review, review)


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (4, None),
        (5, "99446"),
        (10, "99446"),
        (11, "99447"),
        (15, "99447"),
        (16, "99447"),
        (20, "99447"),
        (21, "99448"),
        (30, "99448"),
        (31, "99449"),
    ],
)
def test_consultant_code_majority_discussion_boundaries(total: int, expected: str | None) -> None:
    time = _majority_discussion(total)
    assert time.total_minutes == total
    assert 2 * time.discussion_minutes > total
    finding = billing_support(time).consultant
    assert finding.code == expected
    assert finding.who == "consultant"
    assert finding.reason


def test_consultant_code_under_five_minutes_reason_says_minimum() -> None:
    finding = _support(discussion=3, review=1).consultant
    assert finding.code is None
    assert "5-minute minimum" in finding.reason


def test_total_minutes_adds_discussion_and_review() -> None:
    assert _time(7, 9).total_minutes == 16


@pytest.mark.parametrize(("discussion", "review"), [(3, 3), (5, 5), (8, 8), (20, 20)])
def test_consultant_code_exactly_half_discussion_is_99451(discussion: int, review: int) -> None:
    finding = _support(discussion=discussion, review=review).consultant
    assert finding.code == "99451"
    assert "not more than half" in finding.reason


def test_consultant_code_exactly_half_under_five_is_none() -> None:
    assert _support(discussion=2, review=2).consultant.code is None


@pytest.mark.parametrize(("discussion", "review"), [(5, 0), (4, 1), (30, 5), (0, 40)])
def test_consultant_code_written_only_is_99451(discussion: int, review: int) -> None:
    finding = _support(discussion=discussion, review=review, modality="written").consultant
    assert finding.code == "99451"
    assert "written report only" in finding.reason


def test_consultant_code_written_only_under_five_is_none() -> None:
    assert _support(discussion=2, review=2, modality="written").consultant.code is None


@pytest.mark.parametrize(
    ("requester", "expected"),
    [(None, None), (0, None), (15, None), (16, "99452"), (30, "99452"), (MAX_MINUTES, "99452")],
)
def test_requester_code_boundaries(requester: int | None, expected: str | None) -> None:
    finding = _support(discussion=10, review=0, requester=requester).requester
    assert finding.code == expected
    assert finding.who == "requester"
    assert finding.reason


def test_requester_code_not_recorded_reason_says_so() -> None:
    assert "not recorded" in _support(discussion=10, review=0).requester.reason


def test_requester_code_independent_of_consultant_time() -> None:
    support = _support(discussion=0, review=0, requester=20)
    assert support.consultant.code is None
    assert support.requester.code == "99452"


def test_consent_not_attested_supports_no_codes() -> None:
    support = _support(discussion=25, review=5, requester=30, consent=False)
    assert support.codes == ()
    assert support.consultant.code is None
    assert support.requester.code is None
    assert "consent" in support.consultant.reason
    assert "consent" in support.requester.reason


def test_codes_consultant_first() -> None:
    assert _support(discussion=12, review=3, requester=20).codes == ("99447", "99452")


def test_codes_only_supported() -> None:
    assert _support(discussion=12, review=3).codes == ("99447",)


@pytest.mark.parametrize(
    "time",
    [
        _time(12, 3, requester=20),
        _time(0, 0),
        _time(25, 5, "written", 30, consent=False),
    ],
)
def test_reminders_always_include_7_and_14_day_rules(time: DocumentedTime) -> None:
    reminders = billing_support(time).reminders
    text = " ".join(reminders)
    assert "7 days" in text
    assert any("14 days before" in r for r in reminders)
    assert any("transfer of care" in r and "14 days" in r for r in reminders)
    assert any("E/M" in r for r in reminders)
    assert any("ECHO" in r and "not consultation" in r for r in reminders)
    assert any("CPT manual" in r and "payer" in r for r in reminders)


@pytest.mark.parametrize("field", ["discussion", "review", "requester"])
@pytest.mark.parametrize("bad", [-1, MAX_MINUTES + 1])
def test_documented_time_out_of_range_minutes_raises(field: str, bad: int) -> None:
    minutes: dict[str, int] = {"discussion": 5, "review": 5, "requester": 20, field: bad}
    with pytest.raises(ValueError, match="between 0 and 600"):
        _time(minutes["discussion"], minutes["review"], requester=minutes["requester"])


@pytest.mark.parametrize("bad", [True, 5.0, "5"])
def test_documented_time_non_int_minutes_raises(bad: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        _time(bad, 5)  # type: ignore[arg-type]


def test_documented_time_limits_accepted() -> None:
    assert _time(0, MAX_MINUTES, requester=0).total_minutes == MAX_MINUTES


@pytest.mark.parametrize("modality", ["", "verbal", "Written", "phone"])
def test_documented_time_unknown_modality_raises(modality: str) -> None:
    with pytest.raises(ValueError, match="modality"):
        _time(10, 0, modality)


def test_documented_time_non_bool_consent_raises() -> None:
    with pytest.raises(ValueError, match="consent"):
        _time(10, 0, consent="yes")  # type: ignore[arg-type]


def test_modalities_two_keys_with_labels() -> None:
    assert [key for key, _ in MODALITIES] == ["verbal-written", "written"]
    assert all(label and label[0].isupper() for _, label in MODALITIES)


def test_summary_lines_contain_codes_minutes_modality_consent() -> None:
    time = _time(12, 3, requester=20)
    rows = summary_lines(billing_support(time), time)
    values = dict(rows)
    text = " ".join(value for _, value in rows)
    assert "99447" in values["Consultant code"]
    assert "99452" in values["Requester code"]
    assert values["Consultant total"] == "15 minutes"
    assert values["Modality"] == "Verbal discussion and a written report"
    assert "Attested" in values["Patient's or family's verbal consent"]
    assert "12 minutes" in text and "3 minutes" in text and "20 minutes" in text


def test_summary_lines_no_codes_give_reasons() -> None:
    time = _time(1, 0, "written", None, consent=True)
    values = dict(summary_lines(billing_support(time), time))
    assert values["Consultant total"] == "1 minute"
    assert values["Requesting clinician's time"] == "Not recorded"
    assert values["Consultant code"].startswith("No consultant code")
    assert values["Requester code"].startswith("No requester code")


def test_disclaimer_says_no_claims_and_clinician_decides() -> None:
    assert "never sends claims" in DISCLAIMER
    assert "billing clinician decides" in DISCLAIMER


_minutes = st.integers(min_value=0, max_value=MAX_MINUTES)


@given(
    discussion=_minutes,
    review=_minutes,
    modality=st.sampled_from([key for key, _ in MODALITIES]),
    requester=st.none() | _minutes,
    consent=st.booleans(),
)
def test_billing_support_any_valid_input_consultant_code_known(
    discussion: int, review: int, modality: str, requester: int | None, consent: bool
) -> None:
    time = _time(discussion, review, modality, requester, consent)
    support = billing_support(time)
    code = support.consultant.code
    assert code is None or code in SIX_CODES - {"99452"}
    if time.total_minutes < 5 or not consent:
        assert code is None
    assert set(support.codes) <= SIX_CODES
    assert support.consultant.reason and support.requester.reason
