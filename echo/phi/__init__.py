"""PHI guard: flag Safe Harbor identifiers in free text before anything is stored.

HIPAA Safe Harbor (45 CFR 164.514(b)(2)) lists the identifiers of the patient *and of relatives,
employers and household members* that must go: names; places smaller than a state; every
element of a date but the year, and ages over 89; phone, fax, email, SSN; record, plan, account,
license, vehicle and device numbers; URLs and IP addresses; any other unique number or code.

`scan(text)` returns `Finding`s: a span, its kind, a severity (`block` stops the submission,
`warn` asks the submitter to confirm) and a suggested rewrite. Hospital and clinic names,
clinician names and cities are warnings (they narrow the place, they do not name the child);
everything else blocks. Clinical content stays: ages under 90, a year alone, screening scores
("Vanderbilt 6/9"), doses, grades, blood pressures, fractions and relation words ("mom").
`check_text(text)` says whether a text may be stored and, if not, the message to show
(`BLOCK_MESSAGES`, one per kind): every call site that decides whether text blocks uses it.

Rules are patterns plus word lists (data/): given names (SSA), surnames (US census), US places
(GeoNames), English words (SCOWL, to tell "Grace" the word from Grace the girl) and words of
the trade that look like names ("Vanderbilt", "Tanner", "Zoloft"). Text written all in capitals
or all in lower case (pasted notes) loses the capital-letter cue; names are then taken from the
lists and from context ("daughter", "Mr.", "Dr.") alone. Pure: no database, no network, and
nothing imported from the rest of Echo. docs/phi-guard.md describes the modules.
"""

from echo.phi.check import BLOCK_MESSAGES, Check, blocked_message, check_text
from echo.phi.findings import (
    KINDS,
    MESSAGES,
    SUGGESTIONS,
    WARN_KINDS,
    Finding,
    Severity,
    severity_of,
)
from echo.phi.scanner import load, scan

__all__ = [
    "BLOCK_MESSAGES",
    "KINDS",
    "MESSAGES",
    "SUGGESTIONS",
    "WARN_KINDS",
    "Check",
    "Finding",
    "Severity",
    "blocked_message",
    "check_text",
    "load",
    "scan",
    "severity_of",
]
