"""Which CPT interprofessional consultation codes one consult's documented time supports.

A pure rule module (DOMAIN.md §8, Consultation): every rule is here, each with its source.
Echo never sends claims; it prints a billing-support summary and the billing clinician
decides. Sources:

- CPT 2019 code descriptors and guidelines for 99446-99449, 99451 and 99452
  (interprofessional telephone/Internet/electronic health record consultations).
- CMS CY2019 Physician Fee Schedule final rule, 83 FR 59452 (Nov 23, 2018), section on
  interprofessional consultation: Medicare pays these codes from 2019 and requires the
  patient's verbal consent, noted in the medical record, for each consult (the treating
  practitioner obtains it).

Verify against the current CPT manual and the payer's policy before relying on any of it.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_MINUTES = 600  # ten hours: above this a form value is a typo (the form bounds it first)

VERBAL_WRITTEN = "verbal-written"
WRITTEN = "written"

# The two ways the consultant reports back, for a form select: (key, label).
MODALITIES: tuple[tuple[str, str], ...] = (
    (VERBAL_WRITTEN, "Verbal discussion and a written report"),
    (WRITTEN, "Written report only"),
)
_MODALITY_LABELS = dict(MODALITIES)

CONSULTANT = "consultant"
REQUESTER = "requester"

# CPT 2019: "less than 5 minutes" is not reported with 99446-99449 or 99451.
MIN_CONSULTANT_MINUTES = 5

# CPT 2019 descriptors 99446-99449: 5-10, 11-20, 21-30, 31 or more minutes of medical
# consultative discussion and review; (highest minute of the band, code), None = no top.
_DISCUSSION_BANDS: tuple[tuple[int | None, str], ...] = (
    (10, "99446"),
    (20, "99447"),
    (30, "99448"),
    (None, "99449"),
)
CODE_WRITTEN_REPORT = "99451"  # CPT 2019: 5 minutes or more, written report only
CODE_REQUESTER = "99452"  # CPT 2019: 30 minutes referral service by the requester

# CPT 2019 descriptor 99452 is "30 minutes"; a unit of time is attained when its midpoint
# is passed (CPT time rule), so it is reportable from 16 minutes.
MIN_REQUESTER_MINUTES = 16

CONSULTANT_CODES: tuple[str, ...] = (
    *(code for _, code in _DISCUSSION_BANDS),
    CODE_WRITTEN_REPORT,
)

DISCLAIMER = (
    "Echo computes which codes the documented time supports. It never sends claims; "
    "the billing clinician decides what to report."
)

# Rules Echo cannot check, because it never knows who the patient is: always listed.
REMINDERS: tuple[str, ...] = (
    # CPT 2019 guidelines for 99446-99449 and 99451.
    "Consultant codes are reported at most once per 7 days for the same patient; "
    "time spent across contacts in those 7 days may be added together.",
    # CPT 2019 guidelines for 99446-99449 and 99451.
    "Not reportable if the consultant saw the patient face to face in the 14 days before "
    "the consult.",
    # CPT 2019 guidelines for 99446-99449 and 99451.
    "Not reportable if the consult leads to a transfer of care or a face-to-face visit "
    "with the consultant within the next 14 days.",
    # CPT 2019 guidelines; DOMAIN.md §8.
    "The request for the consult and its reason must be documented in the patient's record.",
    # CPT 2019 guidelines; 83 FR 59452 (practitioners who can bill E/M services).
    "Only practitioners who can bill evaluation and management (E/M) services report these codes.",
    # CPT 2019 guidelines (no curbside or teaching); DOMAIN.md §8.
    "Education is not consultation: a case presented in an ECHO session is not reported "
    "with these codes.",
    "Check these codes against the current CPT manual and the payer's policy before reporting.",
)


def _check_minutes(value: object, name: str) -> None:
    """Minutes are whole numbers from 0 to MAX_MINUTES; anything else is refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of minutes, not {value!r}")
    if not 0 <= value <= MAX_MINUTES:
        raise ValueError(f"{name} must be between 0 and {MAX_MINUTES} minutes, got {value}")


def _minutes(count: int) -> str:
    return "1 minute" if count == 1 else f"{count} minutes"


def modality_label(key: str) -> str:
    """The plain-English label of a MODALITIES key; ValueError for an unknown key."""
    try:
        return _MODALITY_LABELS[key]
    except KeyError:
        keys = ", ".join(repr(k) for k in _MODALITY_LABELS)
        raise ValueError(f"modality must be one of {keys}, not {key!r}") from None


@dataclass(frozen=True)
class DocumentedTime:
    """One consult's documented time, as entered; validated when built."""

    discussion_minutes: int  # consultant's verbal or internet discussion with the requester
    review_minutes: int  # consultant's review of records and data
    modality: str  # a MODALITIES key
    requester_minutes: int | None  # requesting clinician's time; None = not recorded
    consent_attested: bool  # requester attests the verbal consent is in their record

    def __post_init__(self) -> None:
        _check_minutes(self.discussion_minutes, "Discussion time")
        _check_minutes(self.review_minutes, "Data review time")
        if self.requester_minutes is not None:
            _check_minutes(self.requester_minutes, "Requesting clinician's time")
        modality_label(self.modality)
        if not isinstance(self.consent_attested, bool):
            raise ValueError(
                f"consent_attested must be True or False, not {self.consent_attested!r}"
            )

    @property
    def total_minutes(self) -> int:
        """Consultant time: discussion plus data review (CPT 2019, 99446-99449 and 99451)."""
        return self.discussion_minutes + self.review_minutes

    @property
    def discussion_is_majority(self) -> bool:
        """More than half of the total in discussion (CPT 2019, 99446-99449); half is not."""
        return 2 * self.discussion_minutes > self.total_minutes


@dataclass(frozen=True)
class CodeFinding:
    code: str | None  # e.g. "99447", or None when no code is supported
    who: str  # CONSULTANT or REQUESTER
    reason: str  # one plain sentence: why this code, or why none


@dataclass(frozen=True)
class BillingSupport:
    consultant: CodeFinding
    requester: CodeFinding
    reminders: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        """The supported codes, consultant first."""
        return tuple(
            finding.code
            for finding in (self.consultant, self.requester)
            if finding.code is not None
        )


# 83 FR 59452: Medicare requires the patient's verbal consent, noted in the record, for each
# interprofessional consult; the requesting practitioner obtains it. Echo requires it always.
_NO_CONSENT = (
    "No code is supported because the requesting clinician has not attested that the "
    "patient's or family's verbal consent was obtained and documented in their record."
)


def _discussion_code(total: int) -> str:
    """The 99446-99449 code for `total` (>= 5) minutes (CPT 2019 descriptors)."""
    for top, code in _DISCUSSION_BANDS:
        if top is None or total <= top:
            return code
    raise AssertionError("unreachable: the last band has no top")  # pragma: no cover


def _consultant_finding(time: DocumentedTime) -> CodeFinding:
    total = time.total_minutes
    if not time.consent_attested:
        return CodeFinding(None, CONSULTANT, _NO_CONSENT)
    if total < MIN_CONSULTANT_MINUTES:  # CPT 2019: under 5 minutes is not reported
        return CodeFinding(
            None,
            CONSULTANT,
            f"No consultant code: {_minutes(total)} of consultant time is under the "
            f"{MIN_CONSULTANT_MINUTES}-minute minimum.",
        )
    discussion = _minutes(time.discussion_minutes)
    if time.modality == VERBAL_WRITTEN and time.discussion_is_majority:
        # CPT 2019 99446-99449: verbal and written report, more than half in discussion.
        code = _discussion_code(total)
        return CodeFinding(
            code,
            CONSULTANT,
            f"{_minutes(total)} of consultant time, more than half of it ({discussion}) in "
            "discussion, with a verbal and written report.",
        )
    # CPT 2019 99451: 5 minutes or more, written report (given in both modalities).
    if time.modality == WRITTEN:
        why = "with a written report only"
    else:
        why = (
            f"with {discussion} of discussion, which is not more than half, so the "
            "discussion codes 99446-99449 do not apply; a written report was given"
        )
    return CodeFinding(
        CODE_WRITTEN_REPORT, CONSULTANT, f"{_minutes(total)} of consultant time {why}."
    )


def _requester_finding(time: DocumentedTime) -> CodeFinding:
    if not time.consent_attested:
        return CodeFinding(None, REQUESTER, _NO_CONSENT)
    minutes = time.requester_minutes
    if minutes is None:
        return CodeFinding(
            None,
            REQUESTER,
            "No requester code: the requesting clinician's time was not recorded.",
        )
    if minutes < MIN_REQUESTER_MINUTES:  # CPT 2019 99452 (30 minutes), midpoint passed
        return CodeFinding(
            None,
            REQUESTER,
            f"No requester code: {_minutes(minutes)} of the requesting clinician's time "
            f"is under the {MIN_REQUESTER_MINUTES} minutes needed for {CODE_REQUESTER}.",
        )
    return CodeFinding(
        CODE_REQUESTER,
        REQUESTER,
        f"{_minutes(minutes)} of the requesting clinician's time preparing and requesting "
        f"the consult ({MIN_REQUESTER_MINUTES} minutes or more).",
    )


def billing_support(time: DocumentedTime) -> BillingSupport:
    """The codes `time` supports for the consultant and the requester, with reminders."""
    return BillingSupport(
        consultant=_consultant_finding(time),
        requester=_requester_finding(time),
        reminders=REMINDERS,
    )


def _finding_value(finding: CodeFinding) -> str:
    if finding.code is None:
        return finding.reason  # it starts with "No ... code"
    return f"{finding.code}: {finding.reason}"


def summary_lines(support: BillingSupport, time: DocumentedTime) -> list[tuple[str, str]]:
    """(label, value) rows for the printed billing-support summary.

    The documented minutes, modality, consent, each code with its reason (the reason alone
    when no code is supported). Print DISCLAIMER and `support.reminders` with them.
    """
    requester = (
        "Not recorded" if time.requester_minutes is None else _minutes(time.requester_minutes)
    )
    consent = (
        "Attested by the requesting clinician: obtained and documented in their record"
        if time.consent_attested
        else "Not attested"
    )
    return [
        ("Consultant discussion", _minutes(time.discussion_minutes)),
        ("Consultant data review", _minutes(time.review_minutes)),
        ("Consultant total", _minutes(time.total_minutes)),
        ("Modality", modality_label(time.modality)),
        ("Requesting clinician's time", requester),
        ("Patient's or family's verbal consent", consent),
        ("Consultant code", _finding_value(support.consultant)),
        ("Requester code", _finding_value(support.requester)),
    ]
