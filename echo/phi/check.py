"""Whether a text may be stored, and what a person reads when it may not.

Every place that decides whether free text blocks calls `check_text`: the case and
recommendation forms, workflow notes, the reason for opening a case, CME evaluation
comments, the live check while typing and `echo-lms phi scan`. What a refused text
shows comes from `BLOCK_MESSAGES`, one sentence per kind that blocks, through
`blocked_message`; nowhere else writes its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from echo.phi.findings import Finding
from echo.phi.scanner import scan

BLOCK_MESSAGES: dict[str, str] = {
    "name": "This looks like a person's name: remove it before saving.",
    "initials": "This looks like a person's initials: remove them before saving.",
    "date": "This looks like a date with its month or day: keep only the year.",
    "age_over_89": "This looks like an age over 89: write “90 or older” instead.",
    "phone": "This looks like a phone number: remove it before saving.",
    "fax": "This looks like a fax number: remove it before saving.",
    "email": "This looks like an email address: remove it before saving.",
    "ssn": "This looks like a Social Security number: remove it before saving.",
    "mrn": "This looks like a medical record number: remove it before saving.",
    "health_plan": "This looks like a health plan member number: remove it before saving.",
    "account": "This looks like an account or reference number: remove it before saving.",
    "license": "This looks like a license or certificate number: remove it before saving.",
    "vehicle": "This looks like a vehicle number or license plate: remove it before saving.",
    "device": "This looks like a device serial number: remove it before saving.",
    "url": "This looks like a web address: remove it before saving.",
    "ip": "This looks like an IP address: remove it before saving.",
    "address": "This looks like a street address: remove it before saving.",
    "zip": "This looks like a ZIP code: keep at most its first three digits.",
    "school": "This looks like the name of a school, team or place of worship: remove it "
    "before saving.",
    "social_handle": "This looks like a social media handle: remove it before saving.",
}
NOTHING_STORED = "Nothing was stored."


@dataclass(frozen=True, slots=True)
class Check:
    """What the guard found in one text, and whether the text may be stored."""

    findings: tuple[Finding, ...]

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """The findings that stop the text from being stored."""
        return tuple(f for f in self.findings if f.severity == "block")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings the person confirms are needed (a facility, clinician or city)."""
        return tuple(f for f in self.findings if f.severity == "warn")

    @property
    def blocked(self) -> bool:
        return any(f.severity == "block" for f in self.findings)

    @property
    def message(self) -> str:
        """What the person reads when the text is refused; "" when it is not."""
        return blocked_message(self.findings)

    @property
    def advice(self) -> str:
        """The same sentences while the text is still being written (nothing was refused
        yet, so the message does not say that nothing was stored)."""
        return blocked_message(self.findings, refused=False)


def check_text(text: str) -> Check:
    """Scan `text` and say whether it may be stored."""
    return Check(tuple(scan(text)))


def blocked_message(findings: Iterable[Finding], *, refused: bool = True) -> str:
    """The message for a refused text: the sentence of each kind that blocks, in the order
    they first appear, then (``refused``) that nothing was stored; "" when nothing blocks."""
    kinds = dict.fromkeys(f.kind for f in findings if f.severity == "block")
    if not kinds:
        return ""
    closing = [NOTHING_STORED] if refused else []
    return " ".join([*(BLOCK_MESSAGES[kind] for kind in kinds), *closing])
