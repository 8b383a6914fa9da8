"""What the guard reports: the Safe Harbor kinds, their severity, what each finding says
and suggests, and the hit a detector yields before overlaps are resolved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from echo.phi.priority import Priority

Severity = Literal["block", "warn"]

KINDS: tuple[str, ...] = (
    "name",
    "initials",
    "date",
    "age_over_89",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "health_plan",
    "account",
    "license",
    "vehicle",
    "device",
    "url",
    "ip",
    "address",
    "city",
    "zip",
    "school",
    "social_handle",
    "facility",
    "clinician",
    "characteristic",
)

WARN_KINDS = frozenset({"facility", "clinician", "city", "characteristic"})

MESSAGES: dict[str, str] = {
    "name": "Name of the patient or of a relative, friend or household member.",
    "initials": "Initials still identify a person.",
    "date": "Month and day of a date: only the year may stay.",
    "age_over_89": "Ages over 89 identify: say '90 or older'.",
    "phone": "Phone number.",
    "fax": "Fax number.",
    "email": "Email address.",
    "ssn": "Social Security number.",
    "mrn": "Medical record or patient number.",
    "health_plan": "Health plan member or policy number.",
    "account": "Account, case or reference number.",
    "license": "License or certificate number.",
    "vehicle": "Vehicle identifier or license plate.",
    "device": "Device identifier or serial number.",
    "url": "Web address.",
    "ip": "IP address.",
    "address": "Street address: any place smaller than a state identifies.",
    "city": "City, town or county: smaller than a state. Please confirm it is needed.",
    "zip": "ZIP code: keep at most the first three digits.",
    "school": "School, daycare, team or place of worship: a location identifier.",
    "social_handle": "Social media handle or username.",
    "facility": "Hospital or clinic name narrows the location. Please confirm it is needed.",
    "clinician": "Clinician name reveals the location. Please confirm it is needed.",
    "characteristic": "A detail like this (news coverage, a viral post, a title or record, "
    "triplets or more, a parent's public or rare role) can make a child recognisable in a "
    "small community. Please confirm it is needed, or say it more generally.",
}

SUGGESTIONS: dict[str, str] = {
    "name": "[name removed]",
    "initials": "[initials removed]",
    "date": "[date removed]",
    "age_over_89": "[90 or older]",
    "phone": "[phone removed]",
    "fax": "[fax removed]",
    "email": "[email removed]",
    "ssn": "[SSN removed]",
    "mrn": "[record number removed]",
    "health_plan": "[member ID removed]",
    "account": "[number removed]",
    "license": "[license number removed]",
    "vehicle": "[vehicle ID removed]",
    "device": "[device ID removed]",
    "url": "[link removed]",
    "ip": "[IP address removed]",
    "address": "[address removed]",
    "city": "[city removed]",
    "zip": "[ZIP removed]",
    "school": "[the child's school]",
    "social_handle": "[handle removed]",
    "facility": "[a hospital or clinic]",
    "clinician": "[the clinician]",
    "characteristic": "[a detail that could identify the family]",
}


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    kind: str
    severity: Severity
    message: str
    suggestion: str


def severity_of(kind: str) -> Severity:
    return "warn" if kind in WARN_KINDS else "block"


@dataclass(slots=True)
class Hit:
    """A detector's candidate finding; `resolve` keeps the highest priority of overlapping
    hits."""

    start: int
    end: int
    kind: str
    priority: Priority
    suggestion: str
