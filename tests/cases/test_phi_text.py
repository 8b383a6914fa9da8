"""The PHI scanner's shortcuts find exactly what the plain patterns find.

Two shortcuts in echo.phi.text make a scan faster without changing a finding: a pattern's
ASCII twin, used on a text the ASCII way reads the same (`Document.fast`), and a pattern tried
only where one of its opening words stands (`find_led`). Each is checked here against the
plain pattern on the development corpora (never the frozen halves), as written and in upper
and lower case, so a pattern edited without its opening words fails here.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import echo.phi  # (loads every detector, which registers its patterns)
from echo.phi.text import (
    _ASCII_TWINS,
    LED_PATTERNS,
    ascii_safe,
    ascii_twin,
    find_in,
    find_led,
    read,
    windows,
)

CORPUS_DIR = Path(__file__).parent / "phi_corpus"


def _development_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        if "frozen" in path.name:  # read only in aggregate, by the benchmark
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    written = _development_texts()
    # every fifth text, in three cases: what the patterns meet, at a test's cost
    sample = written[::5]
    return sample + [text.upper() for text in sample] + [text.lower() for text in sample]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def test_every_led_pattern_finds_what_finditer_finds(texts: list[str]) -> None:
    assert len(LED_PATTERNS) >= 7
    for pattern in LED_PATTERNS:
        for text in texts:
            doc = read(text)
            assert _spans(find_led(doc, pattern)) == _spans(pattern.rx.finditer(text)), (
                pattern.rx.pattern[:60],
                sorted(pattern.openings),
            )


def test_led_patterns_in_stretches_find_what_find_in_finds(texts: list[str]) -> None:
    rng = random.Random(13)
    for pattern in LED_PATTERNS:
        for text in texts[:: len(texts) // 300 or 1]:
            doc = read(text)
            starts = sorted(rng.randrange(len(text) + 1) for _ in range(3))
            stretches = windows(starts, len(text), 40, 80)
            assert _spans(find_led(doc, pattern, stretches)) == _spans(
                find_in(pattern.rx, text, stretches)
            )


def test_an_opening_left_out_loses_matches() -> None:
    # the check above can fail: without "reg", "reg #" no longer leads a plate
    plate = next(p for p in LED_PATTERNS if "licen" in p.openings)
    text = "car reg # KTL 4482 seen"
    assert _spans(plate.rx.finditer(text))
    shorter = type(plate)(plate.rx, plate.openings - {"reg"})
    assert _spans(find_led(read(text), shorter)) != _spans(plate.rx.finditer(text))


def test_ascii_twins_find_what_their_patterns_find(texts: list[str]) -> None:
    for text in texts[:200]:
        echo.phi.scan(text)  # every pattern read through Document.fast gets its twin
    pairs = list(_ASCII_TWINS.values())
    assert len(pairs) > 50
    plain = [text for text in texts if ascii_safe(text)][::8]
    assert len(plain) > 100
    for rx, twin in pairs:
        for text in plain:
            assert _spans(twin.finditer(text)) == _spans(rx.finditer(text)), rx.pattern[:60]


@pytest.mark.parametrize(
    "text",
    ["caf\u00e9 Rosa", "a\x1cb", "a\x1fb", "Kelvin \u212a", "rock\xa0star"],
)
def test_texts_the_ascii_way_reads_otherwise_are_not_ascii_safe(text: str) -> None:
    assert not ascii_safe(text)
    assert not read(text).ascii


def test_why_the_unicode_only_spaces_are_excluded() -> None:
    # \s in a Unicode pattern takes the information separators \x1c-\x1f; in an ASCII one it
    # does not: a twin would miss this match
    rx = re.compile(r"a\sb")
    assert rx.search("a\x1cb") and not ascii_twin(rx).search("a\x1cb")
    assert ascii_safe("a b") and read("a b").ascii
