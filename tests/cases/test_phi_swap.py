"""The swap check (bench.phi_swap): swapped values keep their shape and their place."""

from __future__ import annotations

import random

import pytest

from bench.phi_corpora import HELD_OUT, LabelledText, Span
from bench.phi_swap import development_sets, main, swapped, swaps_of


def test_numbers_keep_their_shape_and_names_their_case() -> None:
    rng = random.Random(1)
    number = swapped("mrn", "RB-0041772", rng)
    assert number is not None and len(number) == 10 and number[2] == "-"
    assert number[:2].isalpha() and number[:2].isupper() and number[3:].isdigit()
    given = swapped("name", "tanner", rng)
    assert given is not None and given.islower() and given != "tanner"
    school = swapped("school", "harlowe elem", rng)
    assert school is not None and school.endswith(" elem") and school.islower()
    street = swapped("address", "1200 Orchard Ln", rng)
    assert street is not None and street.endswith(" Ln") and street[:4].isdigit()
    assert swapped("name", "Lucky Star Casino", rng) is None  # no simple swap keeps a business


def test_a_swap_replaces_the_span_and_only_blocked_spans_are_swapped() -> None:
    text = "Maya is 9. Mom Rosa called. MRN 4471902. Plan B."
    spans = (Span(0, 4, "name"), Span(15, 19, "name"), Span(32, 39, "mrn"), Span(46, 47, "name"))
    swaps = list(swaps_of(LabelledText("t1", text, spans), ("name", "mrn"), 1, random.Random(3)))
    # "B" (of "Plan B") is labelled here but not blocked as written: it is not swapped
    assert [(kind, start) for kind, _, start, _, _ in swaps] == [
        ("name", 0),
        ("name", 15),
        ("mrn", 32),
    ]
    for (_, changed, start, end, _), span in zip(swaps, spans, strict=False):
        assert changed[:start] == text[: span.start]
        assert changed[end:] == text[span.end :]
        assert changed[start:end] != text[span.start : span.end]
    _, changed, start, end, held = swaps[2]
    assert changed[start:end].isdigit() and end - start == 7 and held


def test_no_frozen_half_and_no_held_out_set_is_swapped() -> None:
    names = {path.name for path in development_sets([])}
    assert not any("frozen" in name for name in names)
    assert not names & HELD_OUT


def test_the_check_prints_a_line_per_kind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["blind5-dev", "--swaps", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kind")
    assert "name" in out and "school" in out and "still blocked" in out
