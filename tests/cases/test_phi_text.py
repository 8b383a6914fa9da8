"""The PHI scanner's shortcuts find exactly what the plain patterns find.

Four shortcuts in echo.phi.text make a scan faster without changing a finding: a pattern's
ASCII twin, used on a text the ASCII way reads the same (`Document.fast`), a pattern tried
only where one of its opening words stands (`find_led`, and `find_in` for the patterns
`at_word_starts` made, their openings read off the pattern by `openings_of`), and a hint read
in a skeleton of the text, its digits or capitals written as one character
(`skeleton_led`, also for the quick test a rule makes before it reads a whole text,
`Document.holds`). Each is checked here against the plain pattern on the development
corpora (never the frozen halves), as written and in upper and lower case, so a pattern
edited without its opening words fails here.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

import echo.phi  # (loads every detector, which registers its patterns)
from echo.phi import ages, characteristics, identifiers, institutions, online, people, places
from echo.phi.text import (
    _ASCII_TWINS,
    _SKELETON_LED,
    _WORD_LED,
    LED_PATTERNS,
    WordHeads,
    ascii_safe,
    ascii_twin,
    at_word_starts,
    find_in,
    find_led,
    openings_of,
    read,
    skeleton_led,
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


def _hint_starts(rx: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in rx.finditer(text)]


def test_skeleton_hints_find_the_starts_their_patterns_find(texts: list[str]) -> None:
    for text in texts[:200]:
        echo.phi.scan(text)  # every hint read through Document.around is looked at
    led = [(key, form) for key, form in _SKELETON_LED.items() if form is not None]
    assert len(led) >= 20
    plain = [text for text in texts if ascii_safe(text)][::4]
    # and text dense with what the hints look for: digits and capitals in every grouping
    rng = random.Random(7)
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ abcyo-/.,()#&'\"\t"
    plain += ["".join(rng.choice(alphabet) for _ in range(400)) for _ in range(200)]
    for (pattern, flags), form in led:
        twin = ascii_twin(re.compile(pattern, flags))
        for text in plain:
            doc = read(text)
            skeleton = doc.skeleton(form.skeleton)
            assert _hint_starts(form.rx, skeleton) == _hint_starts(twin, text), pattern[:60]


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d9",  # a digit told apart
        r"\d[1-5]",  # a range of some digits
        r"\d\d|\d-",  # alternatives, each opening with the class (read as "0\d|\d-")
        r"[A-Z]M",  # a capital told apart
        r"[A-Z](?i:x)",  # a letter in any case: "X" too
        r"[B-Z]\d",  # not the whole class first
        r"(\d)\1",  # a digit repeated
    ],
)
def test_a_hint_that_tells_members_apart_has_no_skeleton(pattern: str) -> None:
    assert skeleton_led(re.compile(pattern)) is None


def test_a_skeleton_of_a_hint_that_tells_digits_apart_would_miss() -> None:
    # the refusal above matters: read in the skeleton, "\d9" no longer finds "19"
    text = "born in 19 and 2009"
    doc = read(text)
    form = skeleton_led(re.compile(r"\d\d-\d\d"))
    assert form is not None
    careless = re.compile("0" + r"9", re.ASCII)
    assert _hint_starts(careless, doc.skeleton(form.skeleton)) != _hint_starts(
        re.compile(r"\d9"), text
    )


def test_patterns_at_word_starts_find_in_stretches_what_finditer_finds(texts: list[str]) -> None:
    led = list(_WORD_LED.items())
    assert len(led) >= 40  # at_word_starts patterns with openings, and their twins
    rng = random.Random(17)
    for (pattern, flags), _heads in led:
        rx = re.compile(pattern, flags)
        for text in texts[:: len(texts) // 400 or 1]:
            if flags & re.ASCII and not ascii_safe(text):
                continue  # a twin reads only a text the ASCII way reads the same
            starts = sorted(rng.randrange(len(text) + 1) for _ in range(3))
            stretches = windows(starts, len(text), 60, 200)
            plain = [m.span() for start, end in stretches for m in rx.finditer(text, start, end)]
            assert _spans(find_in(rx, text, stretches)) == plain, pattern[:60]
            assert _spans(find_in(rx, text, [(0, len(text))])) == _spans(rx.finditer(text))


def test_openings_are_read_off_a_pattern() -> None:
    assert openings_of(re.compile(r"(?i)\b(?:the\s+)?mrn|[Mm]ed(?:ical)?\s+rec")) == {
        "the",
        "mrn",
        "med",
    }
    assert openings_of(re.compile(r"\b(?:Mr|Mrs)\.?\s")) == {"mr"}  # "mrs" starts with "mr"
    assert openings_of(re.compile(r"\b(?:ab|cd)e")) == {"abe", "cde"}
    assert openings_of(re.compile(r"(?i)\bx{2,}y")) == {"x"}  # a repeat: what it must open
    assert openings_of(re.compile(r"\b\w+ly")) is None  # a class: no literal opening
    assert openings_of(re.compile(r"\b(?:very\s+)?\w+")) is None  # an optional word


def test_an_opening_a_pattern_misses_loses_matches() -> None:
    # the check above can fail: a pattern looked for under one opening only misses the other
    rx = at_word_starts(re.compile(r"(?i)\b(?:chart|acct)\s*#?\s*\d{4,}"))
    key = (rx.pattern, rx.flags)
    heads = _WORD_LED[key]
    text = "chart 12345 and acct 67890"
    assert _spans(find_in(rx, text, [(0, len(text))])) == _spans(rx.finditer(text))
    try:
        _WORD_LED[key] = WordHeads(heads.keys - {"acc"})
        assert _spans(find_in(rx, text, [(0, len(text))])) != _spans(rx.finditer(text))
    finally:
        _WORD_LED[key] = heads


# The quick tests rules make before reading a whole text (Document.holds).
_GATES = [
    ages._AGE_HINT,
    characteristics._CALL_SIGN_HINT,
    characteristics._NUMBERED_NEWS_HINT,
    identifiers._SSN_SPACED_HINT,
    institutions._CAMPUS_HINT,
    online._IPV4_HINT,
    online._IPV6_HINT,
    people._HEADER_HINT,
    people._MIDDLE_HINT,
    people._QUOTE_HINT,
    people._NICKNAME_THEN_HINT,
    people._NICKNAME_HINT,
    people._COLON_SCORE_HINT,
    places._FIVE_DIGITS,
    *places._GRID_HINTS,
]


def test_a_quick_test_holds_where_its_pattern_is_found(texts: list[str]) -> None:
    rng = random.Random(11)
    alphabet = "0123456789ABCDEFKNWHabcnhiety: -/.,()#'\"\t\n>"
    dense = ["".join(rng.choice(alphabet) for _ in range(300)) for _ in range(300)]
    skeletons = 0
    for rx in _GATES:
        skeletons += skeleton_led(rx) is not None
        for text in [*texts[::3], *dense]:
            assert read(text).holds(rx) == (rx.search(text) is not None), rx.pattern[:60]
    assert skeletons >= 5  # (most of them are read in a skeleton of the text)


def test_the_age_hint_finds_what_its_plain_form_finds(texts: list[str]) -> None:
    # written to open with plain characters, it must find what the plain form finds
    plain = re.compile(r"(?i)(?<!\d)(?:9\d|1[01]\d)(?!\d)|ninet|hundred")
    written = [
        "aged 92, 192 and 1100; 110 yo, 99",
        "NINETY-one, Ninety, nInEtY, a HUNDRED and hundred, Hundred-two",
        "ñinety 9\u0663 1\u0661\u0660 \u0669\u0662",  # (non-ASCII digits and letters)
    ]
    for text in [*texts, *written]:
        assert _spans(ages._AGE_HINT.finditer(text)) == _spans(plain.finditer(text)), text[:60]
