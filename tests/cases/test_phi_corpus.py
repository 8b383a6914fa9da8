"""Structural checks for the labelled pediatric PHI test set."""

import hashlib
import json
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from bench.phi_corpora import (
    BLIND5_FROZEN_SHA256,
    BLIND_FROZEN_FILE,
    BLIND_FROZEN_SHA256,
    HELD_OUT,
    load_blind,
)
from echo.phi import KINDS as PHI_KINDS

CORPUS = Path(__file__).parent / "phi_corpus" / "pediatric.jsonl"

# The guard's vocabulary of Safe Harbor kinds; "characteristic" came with the blind set.
KINDS = frozenset(PHI_KINDS) - {"characteristic"}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_records_have_expected_shape(records: list[dict]) -> None:
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    for r in records:
        assert set(r) == {"id", "text", "spans"}
        assert isinstance(r["text"], str) and r["text"].strip()
        assert isinstance(r["spans"], list)
        for s in r["spans"]:
            assert set(s) == {"start", "end", "kind", "text"}, r["id"]
            assert isinstance(s["start"], int) and isinstance(s["end"], int), r["id"]


def test_span_text_matches_offsets(records: list[dict]) -> None:
    for r in records:
        for s in r["spans"]:
            assert 0 <= s["start"] < s["end"] <= len(r["text"]), (r["id"], s)
            assert r["text"][s["start"] : s["end"]] == s["text"], (r["id"], s)


def test_spans_do_not_overlap(records: list[dict]) -> None:
    for r in records:
        spans = sorted(r["spans"], key=lambda s: (s["start"], s["end"]))
        for a, b in pairwise(spans):
            assert a["end"] <= b["start"], (r["id"], a, b)


def test_kinds_are_allowed(records: list[dict]) -> None:
    used = {s["kind"] for r in records for s in r["spans"]}
    assert used <= KINDS, used - KINDS


def test_every_kind_appears_at_least_three_times(records: list[dict]) -> None:
    counts = Counter(s["kind"] for r in records for s in r["spans"])
    missing = {k: counts[k] for k in KINDS if counts[k] < 3}
    assert not missing, missing


def test_enough_labelled_and_clean_texts(records: list[dict]) -> None:
    labelled = sum(1 for r in records if r["spans"])
    clean = sum(1 for r in records if not r["spans"])
    assert labelled >= 70
    assert clean >= 40


# --- the blind set: written without reading the guard, split once -------------------------

BLIND = [
    Path(__file__).parent / "phi_corpus" / name
    for name in ("blind-dev.jsonl", "blind-frozen.jsonl")
]
# Written later, by another writer who had not read the guard: development sets only.
LATER_SETS = [
    Path(__file__).parent / "phi_corpus" / name
    for name in (
        "blind-dev2.jsonl",
        "clean-distractors.jsonl",
        "blind-dev3.jsonl",
        "blind-dev4.jsonl",
        "blind-dev6.jsonl",
        "blind-dev7.jsonl",
        "blind-dev8.jsonl",
        "blind-dev9.jsonl",
        "blind-dev10.jsonl",
        "blind-dev11.jsonl",
        "blind-dev12.jsonl",
        "blind-dev13.jsonl",
        "blind-dev14.jsonl",
        "blind-dev15.jsonl",
        "blind-dev16.jsonl",
        "blind-dev17.jsonl",
        "blind-dev18.jsonl",
        "blind-dev19.jsonl",
        "blind-dev20.jsonl",
        "blind-dev21.jsonl",
        "blind-dev22.jsonl",
        "blind-dev23.jsonl",
        "blind-dev24.jsonl",
        "blind-dev25.jsonl",
        "blind-dev26.jsonl",
        "blind-dev27.jsonl",
        "blind-dev28.jsonl",
        "blind-dev29.jsonl",
        "blind-dev30.jsonl",
        "blind-dev31.jsonl",
        "blind-dev32.jsonl",
        "blind-dev33.jsonl",
        "blind-dev34.jsonl",
        "blind-dev35.jsonl",
        "blind-dev36.jsonl",
        "blind-dev37.jsonl",
        "blind-dev38.jsonl",
        "blind-dev39.jsonl",
        "blind-dev40.jsonl",
        "blind-dev41.jsonl",
        "blind-dev42.jsonl",
        "blind-dev43.jsonl",
        "blind-dev44.jsonl",
        "blind-dev45.jsonl",
        "blind-dev46.jsonl",
        "blind-dev47.jsonl",
        "blind-dev48.jsonl",
        "blind-dev49.jsonl",
        "blind-dev50.jsonl",
        "blind-dev51.jsonl",
        "blind-dev52.jsonl",
        "blind-dev53.jsonl",
        "blind-dev54.jsonl",
        "blind-dev55.jsonl",
        "blind-dev56.jsonl",
        "blind-dev57.jsonl",
        "blind-dev58.jsonl",
        "blind-dev59.jsonl",
        "blind-dev60.jsonl",
        "blind-dev61.jsonl",
        "blind-dev62.jsonl",
        "blind-dev63.jsonl",
        "blind-dev64.jsonl",
        "blind-dev65.jsonl",
        "blind-dev66.jsonl",
        "blind-dev67.jsonl",
        "blind-dev68.jsonl",
        "blind-dev69.jsonl",
        "blind-dev70.jsonl",
        "blind-dev71.jsonl",
        "blind-dev72.jsonl",
        "blind-dev73.jsonl",
        "blind-dev74.jsonl",
        "blind-dev75.jsonl",
        "blind-dev76.jsonl",
        "blind-dev77.jsonl",
        "blind-dev78.jsonl",
        "blind-dev79.jsonl",
        "blind-dev80.jsonl",
        "blind-dev81.jsonl",
        "blind-dev82.jsonl",
        "blind-dev83.jsonl",
        "blind-dev84.jsonl",
        "blind-dev85.jsonl",
        "blind-dev86.jsonl",
        "blind-dev87.jsonl",
        "blind-dev88.jsonl",
        "blind-dev89.jsonl",
        "blind-dev90.jsonl",
        "blind-dev91.jsonl",
        "blind-dev92.jsonl",
        "blind-dev93.jsonl",
        "blind-dev94.jsonl",
        "blind-dev95.jsonl",
        "blind-dev96.jsonl",
        "blind-dev97.jsonl",
        "blind-dev98.jsonl",
        "blind-dev99.jsonl",
        "blind-dev100.jsonl",
        "blind-dev101.jsonl",
        "blind-dev102.jsonl",
        "blind-dev103.jsonl",
        "blind-dev104.jsonl",
        "blind-dev105.jsonl",
        "blind-dev106.jsonl",
        "blind-dev107.jsonl",
        "blind-dev108.jsonl",
        "blind-dev109.jsonl",
        "blind-dev110.jsonl",
        "blind-dev111.jsonl",
        "blind-dev112.jsonl",
        "blind-dev113.jsonl",
        "blind-dev114.jsonl",
        "blind-dev115.jsonl",
        "blind-dev116.jsonl",
        "blind-dev117.jsonl",
        "blind-dev118.jsonl",
        "blind-dev119.jsonl",
        "blind-dev120.jsonl",
        "blind-dev121.jsonl",
        "blind-dev122.jsonl",
        "blind-dev123.jsonl",
        "blind-dev124.jsonl",
        "blind-dev125.jsonl",
        "blind-dev126.jsonl",
        "blind-dev127.jsonl",
        "blind-dev128.jsonl",
        "blind-dev129.jsonl",
        "blind-dev130.jsonl",
        "blind-dev131.jsonl",
        "blind-dev132.jsonl",
        "blind-dev133.jsonl",
        "blind-dev134.jsonl",
        "blind-dev135.jsonl",
        "blind-dev136.jsonl",
        "blind-dev137.jsonl",
        "blind-dev138.jsonl",
        "blind-dev139.jsonl",
        "blind-dev140.jsonl",
        "blind-dev141.jsonl",
        "blind-dev142.jsonl",
        "blind-dev143.jsonl",
        "blind-dev144.jsonl",
        "blind-dev145.jsonl",
        "blind-dev146.jsonl",
        "blind-dev147.jsonl",
        "blind-dev148.jsonl",
        "blind-dev149.jsonl",
        "blind-dev150.jsonl",
        "blind-dev151.jsonl",
        "blind-dev152.jsonl",
        "blind-dev153.jsonl",
        "blind-dev154.jsonl",
        "blind-dev155.jsonl",
        "blind-dev156.jsonl",
        "blind-dev157.jsonl",
        "blind-dev158.jsonl",
        "blind-dev159.jsonl",
        "blind-dev160.jsonl",
        "blind-dev161.jsonl",
        "blind-dev162.jsonl",
        "blind-dev163.jsonl",
        "blind-dev164.jsonl",
        "blind-dev165.jsonl",
        "blind-dev166.jsonl",
        "blind-dev167.jsonl",
        "blind-dev168.jsonl",
        "blind-dev169.jsonl",
        "blind-dev170.jsonl",
        "blind5-dev.jsonl",
        "blind5-frozen.jsonl",
    )
]
BLIND_KINDS = KINDS | {"characteristic"}  # Safe Harbor's "any other unique characteristic"


def _blind(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("path", BLIND + LATER_SETS, ids=lambda path: path.stem)
def test_blind_halves_are_well_formed(path: Path) -> None:
    records = _blind(path)
    for r in records:
        assert set(r) == {"id", "text", "spans"}
        spans = sorted(r["spans"], key=lambda s: (s["start"], s["end"]))
        for s in spans:
            assert r["text"][s["start"] : s["end"]] == s["text"], (r["id"], s)
            assert s["kind"] in BLIND_KINDS, (r["id"], s["kind"])
        for a, b in pairwise(spans):
            assert a["end"] <= b["start"], (r["id"], a, b)


def test_blind_halves_split_the_set_once_a_third_clean() -> None:
    dev, frozen = (_blind(path) for path in BLIND)
    ids = [r["id"] for r in dev + frozen]
    assert len(ids) == len(set(ids)) >= 150  # no text in both halves
    clean = sum(1 for r in dev + frozen if not r["spans"])
    assert clean * 3 >= len(ids)


def test_the_frozen_half_is_the_one_recorded_at_the_split() -> None:
    assert hashlib.sha256(BLIND_FROZEN_FILE.read_bytes()).hexdigest() == BLIND_FROZEN_SHA256


def test_the_later_sets_are_big_enough_and_the_distractors_clean() -> None:
    dev2, distractors, dev3, dev4, *later_sets, dev5, frozen5 = map(_blind, LATER_SETS)
    assert len(dev2) >= 150 and sum(1 for r in dev2 if not r["spans"]) >= 60
    assert len(distractors) >= 100 and all(not r["spans"] for r in distractors)
    assert len(dev3) >= 200 and sum(1 for r in dev3 if not r["spans"]) >= 70
    for later in (dev4, *later_sets):  # dev6 to dev170
        assert len(later) >= 120 and sum(1 for r in later if not r["spans"]) * 3 >= len(later)
    # the fifth set split once into halves of equal size, a third clean in each
    assert len(dev5) == len(frozen5) >= 90
    assert all(sum(1 for r in half if not r["spans"]) * 3 == len(half) for half in (dev5, frozen5))
    ids = [r["id"] for path in LATER_SETS + BLIND for r in _blind(path)]
    assert len(ids) == len(set(ids))


def test_the_fifth_sets_frozen_half_is_the_one_recorded_at_its_split() -> None:
    frozen5 = LATER_SETS[-1]
    assert hashlib.sha256(frozen5.read_bytes()).hexdigest() == BLIND5_FROZEN_SHA256


def test_the_held_out_sets_are_printed_in_aggregate_only() -> None:
    corpora = {corpus.path.name: corpus for corpus in load_blind(with_frozen=False)}
    assert set(corpora) >= HELD_OUT
    assert all(corpora[name].frozen for name in HELD_OUT)  # no text of them is printed
    assert not corpora["blind-dev116.jsonl"].frozen
