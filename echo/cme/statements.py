"""Accreditation, designation, participation and ABP MOC statements (docs/domain.md §5).

Every certificate, page and PDF takes its wording from here. Text is returned plain; the
AMA asks for the credit name in italics with the trademark after it (*AMA PRA Category 1
Credit(s)*™, AMA PRA booklet), so `designation_statement_parts` also gives (text, italic)
runs for renderers that can italicize.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from echo.cme.credit import is_quarter

CREDIT_NAME = "AMA PRA Category 1 Credit"
TRADEMARK = "\u2122"  # ™, after the (italic) credit name, never inside it

# ABP MOC Part 2 statements, in the style of ACCME's standard wording for activities registered
# for ABP MOC (docs/domain.md §5). The exact text should be confirmed with ACCME before use.
# MOC_STATEMENT is complete as it stands (for certificates, where points vary per learner);
# `moc_statement(points)` names the most points the activity offers (for announcements).
_MOC_COMPLETION = (
    "Successful completion of this CME activity, which includes participation in the "
    "evaluation component, enables the learner to earn {amount} in the American Board of "
    "Pediatrics' (ABP) Maintenance of Certification (MOC) program. It is the CME activity "
    "provider's responsibility to submit learner completion information to ACCME for the "
    "purpose of granting ABP MOC credit."
)
MOC_STATEMENT = _MOC_COMPLETION.format(
    amount="MOC points equivalent to the amount of CME credit claimed for the activity"
)


@dataclass(frozen=True)
class Accreditation:
    """Who provides an activity: the accredited provider and any joint (non-accredited) ones.

    No joint providers means direct providership.
    """

    provider: str
    joint_providers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.provider.strip():
            raise ValueError("the accredited provider's name is empty")
        if any(not name.strip() for name in self.joint_providers):
            raise ValueError("a joint provider's name is empty")
        if self.provider in self.joint_providers:
            raise ValueError("the accredited provider cannot also be a joint provider")


def _join(names: tuple[str, ...]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " and " + names[-1]


def accreditation_statement(a: Accreditation) -> str:
    """The ACCME accreditation statement, direct or joint providership (docs/domain.md §5)."""
    if not a.joint_providers:
        return (
            f"{a.provider} is accredited by the Accreditation Council for Continuing Medical "
            "Education (ACCME) to provide continuing medical education for physicians."
        )
    return (
        "This activity has been planned and implemented in accordance with the accreditation "
        "requirements and policies of the ACCME through the joint providership of "
        f"{_join((a.provider, *a.joint_providers))}. {a.provider} is accredited by the ACCME "
        "to provide continuing medical education for physicians."
    )


def format_credits(value: Decimal) -> str:
    """A non-negative quarter without trailing zeros: "1", "1.25", "0.5", "0.75", "12"."""
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise TypeError(f"credits must be a Decimal, not {type(value).__name__}")
    if not is_quarter(value) or value < 0:
        raise ValueError(f"credits must be a non-negative multiple of 0.25, got {value}")
    return format(value.normalize(), "f") if value else "0"


def credit_amount(value: Decimal, kind: str, *, short: bool = False) -> str:
    """An amount with its unit, singular or plural: "1 AMA PRA Category 1 Credit™", "1.5 AMA
    PRA Category 1 Credits™", "1 hour of participation", "0.75 hours of participation";
    `short` gives "1 AMA" and "1 hour" for tables."""
    number = format_credits(value)
    one = value == 1
    if kind == "ama":
        return (
            f"{number} AMA" if short else f"{number} AMA PRA Category 1 Credit{'' if one else 's'}™"
        )
    unit = "hour" if one else "hours"
    return f"{number} {unit}" if short else f"{number} {unit} of participation"


def designation_statement_parts(provider: str, max_credits: Decimal) -> list[tuple[str, bool]]:
    """The designation statement as (text, italic) runs; only the credit name is italic."""
    if not provider.strip():
        raise ValueError("the provider's name is empty")
    number = format_credits(max_credits)  # refuses non-Decimals and non-quarters
    if max_credits <= 0:
        raise ValueError(f"the designation must be positive, got {max_credits}")
    name = CREDIT_NAME if max_credits == 1 else CREDIT_NAME + "s"
    return [
        (f"{provider} designates this live activity for a maximum of {number} ", False),
        (name, True),
        (
            f"{TRADEMARK}. Physicians should claim only the credit commensurate with the extent "
            "of their participation in the activity.",
            False,
        ),
    ]


def designation_statement(provider: str, max_credits: Decimal) -> str:
    """The AMA designation statement as plain text (docs/domain.md §5)."""
    return "".join(text for text, _ in designation_statement_parts(provider, max_credits))


def participation_statement(provider: str, hours: Decimal | None = None) -> str:
    """Statement for a non-physician's certificate of participation (hours, not AMA credit).

    With `hours` the statement names them; without, the certificate shows hours elsewhere.
    """
    if not provider.strip():
        raise ValueError("the provider's name is empty")
    designated = f"The activity was designated for {CREDIT_NAME}{TRADEMARK}."
    if hours is None:
        return (
            f"This certificate confirms attendance at a live activity provided by {provider}; "
            f"the time shown is hours of participation. {designated}"
        )
    unit = "hour" if hours == 1 else "hours"
    return (
        f"This certificate confirms attendance at a live activity provided by {provider} "
        f"for {format_credits(hours)} {unit} of participation. {designated}"
    )


def moc_statement(points: Decimal) -> str:
    """The ABP MOC statement naming the most points a learner can earn ("up to 1.5")."""
    if isinstance(points, Decimal) and points <= 0:
        raise ValueError(f"MOC points must be positive, got {points}")
    return _MOC_COMPLETION.format(amount=f"up to {format_credits(points)} MOC points")
