"""Accreditation, designation, participation and MOC statements (docs/domain.md §5)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from echo.cme.statements import (
    MOC_STATEMENT,
    Accreditation,
    accreditation_statement,
    credit_amount,
    designation_statement,
    designation_statement_parts,
    format_credits,
    moc_statement,
    participation_statement,
)

TAIL = (
    "Physicians should claim only the credit commensurate with the extent of their "
    "participation in the activity."
)


def test_direct_providership() -> None:
    assert accreditation_statement(Accreditation("Lakeside Children's")) == (
        "Lakeside Children's is accredited by the Accreditation Council for Continuing Medical "
        "Education (ACCME) to provide continuing medical education for physicians."
    )


def test_joint_providership_with_one_partner() -> None:
    text = accreditation_statement(Accreditation("Lakeside CME", ("Project ECHO Valley",)))
    assert text == (
        "This activity has been planned and implemented in accordance with the accreditation "
        "requirements and policies of the ACCME through the joint providership of Lakeside CME "
        "and Project ECHO Valley. Lakeside CME is accredited by the ACCME to provide continuing "
        "medical education for physicians."
    )


def test_joint_providership_with_two_partners() -> None:
    text = accreditation_statement(Accreditation("A", ("B", "C")))
    assert "through the joint providership of A, B and C. A is accredited by the ACCME" in text


@pytest.mark.parametrize(
    ("provider", "joint"),
    [("", ()), ("  ", ()), ("A", ("",)), ("A", ("B", " ")), ("A", ("A",))],
)
def test_accreditation_refuses_bad_names(provider: str, joint: tuple[str, ...]) -> None:
    with pytest.raises(ValueError, match="provider"):
        Accreditation(provider, joint)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("1", "1"),
        ("1.00", "1"),
        ("1.25", "1.25"),
        ("0.50", "0.5"),
        ("0.75", "0.75"),
        ("10", "10"),
        ("100.00", "100"),
        ("0", "0"),
        ("0.00", "0"),
    ],
)
def test_format_credits(value: str, text: str) -> None:
    assert format_credits(Decimal(value)) == text


@pytest.mark.parametrize("value", ["0.3", "-1", "NaN"])
def test_format_credits_refuses_non_quarters(value: str) -> None:
    with pytest.raises(ValueError, match=r"multiple of 0\.25"):
        format_credits(Decimal(value))


def test_format_credits_refuses_floats() -> None:
    with pytest.raises(TypeError):
        format_credits(1.5)  # type: ignore[arg-type]


def test_designation_singular() -> None:
    assert designation_statement("Lakeside CME", Decimal("1.00")) == (
        "Lakeside CME designates this live activity for a maximum of 1 "
        f"AMA PRA Category 1 Credit\u2122. {TAIL}"
    )


@pytest.mark.parametrize(("value", "text"), [("1.25", "1.25"), ("0.5", "0.5"), ("2", "2")])
def test_designation_plural(value: str, text: str) -> None:
    assert designation_statement("P", Decimal(value)) == (
        f"P designates this live activity for a maximum of {text} "
        f"AMA PRA Category 1 Credits\u2122. {TAIL}"
    )


def test_designation_parts_italicize_only_the_credit_name() -> None:
    parts = designation_statement_parts("P", Decimal("0.75"))
    assert [text for text, italic in parts if italic] == ["AMA PRA Category 1 Credits"]
    assert "".join(text for text, _ in parts) == designation_statement("P", Decimal("0.75"))
    after = parts[[italic for _, italic in parts].index(True) + 1]
    assert after[0].startswith("\u2122.") and after[1] is False  # the mark follows, upright


@pytest.mark.parametrize("value", ["0", "-1", "0.3"])
def test_designation_refuses_bad_amounts(value: str) -> None:
    with pytest.raises(ValueError, match=r"designation|multiple of 0\.25"):
        designation_statement("P", Decimal(value))


def test_designation_refuses_empty_provider() -> None:
    with pytest.raises(ValueError, match="provider"):
        designation_statement(" ", Decimal(1))


def test_participation_statement() -> None:
    generic = participation_statement("Lakeside CME")
    assert generic.startswith("This certificate confirms attendance at a live activity")
    assert "Lakeside CME" in generic and "hours of participation" in generic
    assert "1.5 hours of participation" in participation_statement("P", hours=Decimal("1.50"))
    assert "1 hour of participation" in participation_statement("P", hours=Decimal("1.00"))
    with pytest.raises(ValueError, match="provider"):
        participation_statement("")


def test_moc_statement() -> None:
    assert "American Board of Pediatrics' (ABP) Maintenance of Certification" in MOC_STATEMENT
    assert "{" not in MOC_STATEMENT  # printable as it stands
    numbered = moc_statement(Decimal("1.50"))
    assert "earn up to 1.5 MOC points in the American Board of Pediatrics'" in numbered
    assert numbered.endswith("for the purpose of granting ABP MOC credit.")
    with pytest.raises(ValueError, match="positive"):
        moc_statement(Decimal(0))


@pytest.mark.parametrize(
    ("value", "kind", "text", "short"),
    [
        ("1", "ama", "1 AMA PRA Category 1 Credit™", "1 AMA"),
        ("1.5", "ama", "1.5 AMA PRA Category 1 Credits™", "1.5 AMA"),
        ("1", "participation", "1 hour of participation", "1 hour"),
        ("0.75", "participation", "0.75 hours of participation", "0.75 hours"),
    ],
)
def test_credit_amounts_say_their_unit_in_the_right_number(
    value: str, kind: str, text: str, short: str
) -> None:
    assert credit_amount(Decimal(value), kind) == text
    assert credit_amount(Decimal(value), kind, short=True) == short
