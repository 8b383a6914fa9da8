"""The labelled texts the PHI benchmark (``bench.phi``) scores detectors on.

Two corpora, each turned into the same shape (texts with gold spans, each span of
one kind):

- the pediatric set, ``tests/cases/phi_corpus/pediatric.jsonl``: one JSON object a
  line, ``{"id", "text", "spans": [{"start", "end", "kind", "text"}]}``, with the
  kinds of Echo's PHI guard; texts with no spans are clean. It was used while the
  rules were written;
- the blind set, written without reading the guard's code and split once into a
  development half (``blind-dev.jsonl``, read freely while tuning) and a frozen test
  half (``blind-frozen.jsonl``, read only in aggregate: the benchmark prints no text of
  it, and refuses it when its SHA-256 is not the one recorded at the split);
- the PhysioNet deid gold standard, read in place from ``../shared/data/
  phi-physionet-deid`` (never copied into the project): ``id.text`` holds the
  notes, ``id-phi.phrase`` one gold span a line. Its categories are mapped onto
  the guard's kinds (``PHYSIONET_KINDS``); ``DateYear`` spans, allowed under Safe
  Harbor, are kept aside: a finding on one counts neither as a hit nor as a false
  finding.

Each gold kind has the severity a finding should have (``Expected``): ``block``,
``warn``, or ``None`` where the corpus's category mixes both (PhysioNet's
``Location`` is an address, a ZIP code or a school, all block, as well as a city or
a facility, which only warn).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "tests" / "cases" / "phi_corpus"
PEDIATRIC_FILE = CORPUS_DIR / "pediatric.jsonl"
BLIND_DEV_FILE = CORPUS_DIR / "blind-dev.jsonl"
BLIND_FROZEN_FILE = CORPUS_DIR / "blind-frozen.jsonl"
# Written later by another writer who had not read the guard, for development only: a second
# development set, and clean texts dense with numbers and words that look like identifiers
# (doses, labs, ICD-10, CPT and NDC codes, eponyms, words that are also names).
BLIND_DEV2_FILE = CORPUS_DIR / "blind-dev2.jsonl"
BLIND_DEV3_FILE = CORPUS_DIR / "blind-dev3.jsonl"
BLIND_DEV4_FILE = CORPUS_DIR / "blind-dev4.jsonl"
BLIND_DEV6_FILE = CORPUS_DIR / "blind-dev6.jsonl"
BLIND_DEV7_FILE = CORPUS_DIR / "blind-dev7.jsonl"
BLIND_DEV8_FILE = CORPUS_DIR / "blind-dev8.jsonl"
BLIND_DEV9_FILE = CORPUS_DIR / "blind-dev9.jsonl"
BLIND_DEV10_FILE = CORPUS_DIR / "blind-dev10.jsonl"
BLIND_DEV11_FILE = CORPUS_DIR / "blind-dev11.jsonl"
BLIND_DEV12_FILE = CORPUS_DIR / "blind-dev12.jsonl"
BLIND_DEV13_FILE = CORPUS_DIR / "blind-dev13.jsonl"
BLIND_DEV14_FILE = CORPUS_DIR / "blind-dev14.jsonl"
BLIND_DEV15_FILE = CORPUS_DIR / "blind-dev15.jsonl"
BLIND_DEV16_FILE = CORPUS_DIR / "blind-dev16.jsonl"
BLIND_DEV17_FILE = CORPUS_DIR / "blind-dev17.jsonl"
BLIND_DEV18_FILE = CORPUS_DIR / "blind-dev18.jsonl"
BLIND_DEV19_FILE = CORPUS_DIR / "blind-dev19.jsonl"
BLIND_DEV20_FILE = CORPUS_DIR / "blind-dev20.jsonl"
BLIND_DEV21_FILE = CORPUS_DIR / "blind-dev21.jsonl"
BLIND_DEV22_FILE = CORPUS_DIR / "blind-dev22.jsonl"
BLIND_DEV23_FILE = CORPUS_DIR / "blind-dev23.jsonl"
BLIND_DEV24_FILE = CORPUS_DIR / "blind-dev24.jsonl"
BLIND_DEV25_FILE = CORPUS_DIR / "blind-dev25.jsonl"
BLIND_DEV26_FILE = CORPUS_DIR / "blind-dev26.jsonl"
BLIND_DEV27_FILE = CORPUS_DIR / "blind-dev27.jsonl"
BLIND_DEV28_FILE = CORPUS_DIR / "blind-dev28.jsonl"
BLIND_DEV29_FILE = CORPUS_DIR / "blind-dev29.jsonl"
BLIND_DEV30_FILE = CORPUS_DIR / "blind-dev30.jsonl"
BLIND_DEV31_FILE = CORPUS_DIR / "blind-dev31.jsonl"
BLIND_DEV32_FILE = CORPUS_DIR / "blind-dev32.jsonl"
BLIND_DEV33_FILE = CORPUS_DIR / "blind-dev33.jsonl"
BLIND_DEV34_FILE = CORPUS_DIR / "blind-dev34.jsonl"
BLIND_DEV35_FILE = CORPUS_DIR / "blind-dev35.jsonl"
BLIND_DEV36_FILE = CORPUS_DIR / "blind-dev36.jsonl"
BLIND_DEV37_FILE = CORPUS_DIR / "blind-dev37.jsonl"
BLIND_DEV38_FILE = CORPUS_DIR / "blind-dev38.jsonl"
BLIND_DEV39_FILE = CORPUS_DIR / "blind-dev39.jsonl"
BLIND_DEV40_FILE = CORPUS_DIR / "blind-dev40.jsonl"
BLIND_DEV41_FILE = CORPUS_DIR / "blind-dev41.jsonl"
BLIND_DEV42_FILE = CORPUS_DIR / "blind-dev42.jsonl"
BLIND_DEV43_FILE = CORPUS_DIR / "blind-dev43.jsonl"
BLIND_DEV44_FILE = CORPUS_DIR / "blind-dev44.jsonl"
BLIND_DEV45_FILE = CORPUS_DIR / "blind-dev45.jsonl"
BLIND_DEV46_FILE = CORPUS_DIR / "blind-dev46.jsonl"
BLIND_DEV47_FILE = CORPUS_DIR / "blind-dev47.jsonl"
BLIND_DEV48_FILE = CORPUS_DIR / "blind-dev48.jsonl"
BLIND_DEV49_FILE = CORPUS_DIR / "blind-dev49.jsonl"
BLIND_DEV50_FILE = CORPUS_DIR / "blind-dev50.jsonl"
BLIND_DEV51_FILE = CORPUS_DIR / "blind-dev51.jsonl"
BLIND_DEV52_FILE = CORPUS_DIR / "blind-dev52.jsonl"
BLIND_DEV53_FILE = CORPUS_DIR / "blind-dev53.jsonl"
BLIND_DEV54_FILE = CORPUS_DIR / "blind-dev54.jsonl"
BLIND_DEV55_FILE = CORPUS_DIR / "blind-dev55.jsonl"
BLIND_DEV56_FILE = CORPUS_DIR / "blind-dev56.jsonl"
BLIND_DEV57_FILE = CORPUS_DIR / "blind-dev57.jsonl"
BLIND_DEV58_FILE = CORPUS_DIR / "blind-dev58.jsonl"
BLIND_DEV59_FILE = CORPUS_DIR / "blind-dev59.jsonl"
BLIND_DEV60_FILE = CORPUS_DIR / "blind-dev60.jsonl"
BLIND_DEV61_FILE = CORPUS_DIR / "blind-dev61.jsonl"
BLIND_DEV62_FILE = CORPUS_DIR / "blind-dev62.jsonl"
BLIND_DEV63_FILE = CORPUS_DIR / "blind-dev63.jsonl"
BLIND_DEV64_FILE = CORPUS_DIR / "blind-dev64.jsonl"
BLIND_DEV65_FILE = CORPUS_DIR / "blind-dev65.jsonl"
BLIND_DEV66_FILE = CORPUS_DIR / "blind-dev66.jsonl"
BLIND_DEV67_FILE = CORPUS_DIR / "blind-dev67.jsonl"
BLIND_DEV68_FILE = CORPUS_DIR / "blind-dev68.jsonl"
BLIND_DEV69_FILE = CORPUS_DIR / "blind-dev69.jsonl"
BLIND_DEV70_FILE = CORPUS_DIR / "blind-dev70.jsonl"
BLIND_DEV71_FILE = CORPUS_DIR / "blind-dev71.jsonl"
BLIND_DEV72_FILE = CORPUS_DIR / "blind-dev72.jsonl"
BLIND_DEV73_FILE = CORPUS_DIR / "blind-dev73.jsonl"
BLIND_DEV74_FILE = CORPUS_DIR / "blind-dev74.jsonl"
BLIND_DEV75_FILE = CORPUS_DIR / "blind-dev75.jsonl"
BLIND_DEV76_FILE = CORPUS_DIR / "blind-dev76.jsonl"
BLIND_DEV77_FILE = CORPUS_DIR / "blind-dev77.jsonl"
BLIND_DEV78_FILE = CORPUS_DIR / "blind-dev78.jsonl"
BLIND_DEV79_FILE = CORPUS_DIR / "blind-dev79.jsonl"
BLIND_DEV80_FILE = CORPUS_DIR / "blind-dev80.jsonl"
BLIND_DEV81_FILE = CORPUS_DIR / "blind-dev81.jsonl"
BLIND_DEV82_FILE = CORPUS_DIR / "blind-dev82.jsonl"
BLIND_DEV83_FILE = CORPUS_DIR / "blind-dev83.jsonl"
BLIND_DEV84_FILE = CORPUS_DIR / "blind-dev84.jsonl"
BLIND_DEV85_FILE = CORPUS_DIR / "blind-dev85.jsonl"
BLIND_DEV86_FILE = CORPUS_DIR / "blind-dev86.jsonl"
BLIND_DEV87_FILE = CORPUS_DIR / "blind-dev87.jsonl"
BLIND_DEV88_FILE = CORPUS_DIR / "blind-dev88.jsonl"
BLIND_DEV89_FILE = CORPUS_DIR / "blind-dev89.jsonl"
BLIND_DEV90_FILE = CORPUS_DIR / "blind-dev90.jsonl"
BLIND_DEV91_FILE = CORPUS_DIR / "blind-dev91.jsonl"
BLIND_DEV92_FILE = CORPUS_DIR / "blind-dev92.jsonl"
BLIND_DEV93_FILE = CORPUS_DIR / "blind-dev93.jsonl"
BLIND_DEV94_FILE = CORPUS_DIR / "blind-dev94.jsonl"
BLIND_DEV95_FILE = CORPUS_DIR / "blind-dev95.jsonl"
BLIND_DEV96_FILE = CORPUS_DIR / "blind-dev96.jsonl"
BLIND_DEV97_FILE = CORPUS_DIR / "blind-dev97.jsonl"
BLIND_DEV98_FILE = CORPUS_DIR / "blind-dev98.jsonl"
BLIND_DEV99_FILE = CORPUS_DIR / "blind-dev99.jsonl"
BLIND_DEV100_FILE = CORPUS_DIR / "blind-dev100.jsonl"
BLIND_DEV101_FILE = CORPUS_DIR / "blind-dev101.jsonl"
BLIND_DEV102_FILE = CORPUS_DIR / "blind-dev102.jsonl"
BLIND_DEV103_FILE = CORPUS_DIR / "blind-dev103.jsonl"
BLIND_DEV104_FILE = CORPUS_DIR / "blind-dev104.jsonl"
BLIND_DEV105_FILE = CORPUS_DIR / "blind-dev105.jsonl"
BLIND_DEV106_FILE = CORPUS_DIR / "blind-dev106.jsonl"
BLIND_DEV107_FILE = CORPUS_DIR / "blind-dev107.jsonl"
BLIND_DEV108_FILE = CORPUS_DIR / "blind-dev108.jsonl"
BLIND_DEV109_FILE = CORPUS_DIR / "blind-dev109.jsonl"
BLIND_DEV110_FILE = CORPUS_DIR / "blind-dev110.jsonl"
BLIND_DEV111_FILE = CORPUS_DIR / "blind-dev111.jsonl"
BLIND_DEV112_FILE = CORPUS_DIR / "blind-dev112.jsonl"
BLIND_DEV113_FILE = CORPUS_DIR / "blind-dev113.jsonl"
BLIND_DEV114_FILE = CORPUS_DIR / "blind-dev114.jsonl"
BLIND_DEV115_FILE = CORPUS_DIR / "blind-dev115.jsonl"
BLIND_DEV116_FILE = CORPUS_DIR / "blind-dev116.jsonl"
BLIND_DEV117_FILE = CORPUS_DIR / "blind-dev117.jsonl"
BLIND_DEV118_FILE = CORPUS_DIR / "blind-dev118.jsonl"
BLIND_DEV119_FILE = CORPUS_DIR / "blind-dev119.jsonl"
BLIND_DEV120_FILE = CORPUS_DIR / "blind-dev120.jsonl"
BLIND_DEV121_FILE = CORPUS_DIR / "blind-dev121.jsonl"
BLIND_DEV122_FILE = CORPUS_DIR / "blind-dev122.jsonl"
BLIND_DEV123_FILE = CORPUS_DIR / "blind-dev123.jsonl"
BLIND_DEV124_FILE = CORPUS_DIR / "blind-dev124.jsonl"
BLIND_DEV125_FILE = CORPUS_DIR / "blind-dev125.jsonl"
BLIND_DEV126_FILE = CORPUS_DIR / "blind-dev126.jsonl"
BLIND_DEV127_FILE = CORPUS_DIR / "blind-dev127.jsonl"
BLIND_DEV128_FILE = CORPUS_DIR / "blind-dev128.jsonl"
BLIND_DEV129_FILE = CORPUS_DIR / "blind-dev129.jsonl"
BLIND_DEV130_FILE = CORPUS_DIR / "blind-dev130.jsonl"
BLIND_DEV131_FILE = CORPUS_DIR / "blind-dev131.jsonl"
BLIND_DEV132_FILE = CORPUS_DIR / "blind-dev132.jsonl"
BLIND_DEV133_FILE = CORPUS_DIR / "blind-dev133.jsonl"
BLIND_DEV134_FILE = CORPUS_DIR / "blind-dev134.jsonl"
BLIND_DEV135_FILE = CORPUS_DIR / "blind-dev135.jsonl"
BLIND_DEV136_FILE = CORPUS_DIR / "blind-dev136.jsonl"
BLIND_DEV137_FILE = CORPUS_DIR / "blind-dev137.jsonl"
BLIND_DEV138_FILE = CORPUS_DIR / "blind-dev138.jsonl"
BLIND_DEV139_FILE = CORPUS_DIR / "blind-dev139.jsonl"
BLIND_DEV140_FILE = CORPUS_DIR / "blind-dev140.jsonl"
BLIND_DEV141_FILE = CORPUS_DIR / "blind-dev141.jsonl"
BLIND_DEV142_FILE = CORPUS_DIR / "blind-dev142.jsonl"
BLIND_DEV143_FILE = CORPUS_DIR / "blind-dev143.jsonl"
BLIND_DEV144_FILE = CORPUS_DIR / "blind-dev144.jsonl"
BLIND_DEV145_FILE = CORPUS_DIR / "blind-dev145.jsonl"
BLIND_DEV146_FILE = CORPUS_DIR / "blind-dev146.jsonl"
BLIND_DEV147_FILE = CORPUS_DIR / "blind-dev147.jsonl"
BLIND_DEV148_FILE = CORPUS_DIR / "blind-dev148.jsonl"
BLIND_DEV149_FILE = CORPUS_DIR / "blind-dev149.jsonl"
BLIND_DEV150_FILE = CORPUS_DIR / "blind-dev150.jsonl"
BLIND_DEV151_FILE = CORPUS_DIR / "blind-dev151.jsonl"
BLIND_DEV152_FILE = CORPUS_DIR / "blind-dev152.jsonl"
BLIND_DEV153_FILE = CORPUS_DIR / "blind-dev153.jsonl"
BLIND_DEV154_FILE = CORPUS_DIR / "blind-dev154.jsonl"
BLIND_DEV155_FILE = CORPUS_DIR / "blind-dev155.jsonl"
BLIND_DEV156_FILE = CORPUS_DIR / "blind-dev156.jsonl"
BLIND_DEV157_FILE = CORPUS_DIR / "blind-dev157.jsonl"
BLIND_DEV158_FILE = CORPUS_DIR / "blind-dev158.jsonl"
BLIND_DEV159_FILE = CORPUS_DIR / "blind-dev159.jsonl"
BLIND_DEV160_FILE = CORPUS_DIR / "blind-dev160.jsonl"
BLIND_DEV161_FILE = CORPUS_DIR / "blind-dev161.jsonl"
BLIND_DEV162_FILE = CORPUS_DIR / "blind-dev162.jsonl"
BLIND_DEV163_FILE = CORPUS_DIR / "blind-dev163.jsonl"
BLIND_DEV164_FILE = CORPUS_DIR / "blind-dev164.jsonl"
BLIND_DEV165_FILE = CORPUS_DIR / "blind-dev165.jsonl"
BLIND_DEV166_FILE = CORPUS_DIR / "blind-dev166.jsonl"
BLIND_DEV167_FILE = CORPUS_DIR / "blind-dev167.jsonl"
BLIND_DEV168_FILE = CORPUS_DIR / "blind-dev168.jsonl"
BLIND_DEV169_FILE = CORPUS_DIR / "blind-dev169.jsonl"
BLIND_DEV170_FILE = CORPUS_DIR / "blind-dev170.jsonl"
# Later sets held out to measure the guard on text its rules were never written on: the
# benchmark prints them in aggregate only, as it prints the frozen halves (no classifier is
# trained on them either: bench.phi_model).
HELD_OUT = frozenset(
    path.name
    for path in (
        BLIND_DEV104_FILE,
        BLIND_DEV107_FILE,
        BLIND_DEV114_FILE,
        BLIND_DEV115_FILE,
        BLIND_DEV119_FILE,
        BLIND_DEV122_FILE,
        BLIND_DEV165_FILE,
        BLIND_DEV166_FILE,
        BLIND_DEV167_FILE,
        BLIND_DEV168_FILE,
        BLIND_DEV169_FILE,
        BLIND_DEV170_FILE,
    )
)
# A fifth writer's set, split like the first into a development half and a second frozen
# half (read in aggregate only, like the first).
BLIND5_DEV_FILE = CORPUS_DIR / "blind5-dev.jsonl"
BLIND5_FROZEN_FILE = CORPUS_DIR / "blind5-frozen.jsonl"
DISTRACTORS_FILE = CORPUS_DIR / "clean-distractors.jsonl"
# Recorded when the blind set was split (2026-12-05, by SHA-256 of "echo-blind-split-
# 2026-12-05:" + id, alternately within clean and labelled texts): the frozen half as
# written then. A different file is not the frozen half.
BLIND_FROZEN_SHA256 = "25a5d8597db3ba2af03b63d3c2d85ff5d21b8e8740c88530af0211dd227f8633"
# The fifth set's frozen half, split on 2026-12-05 by SHA-256 of "echo-blind5-split-
# 2026-12-05:" + id, alternately within clean and labelled texts.
BLIND5_FROZEN_SHA256 = "f403b19c7fbc9cc0f6150cfcfe7a278b9550b74a47dbf6a7d55b4013f7ae6628"
PHYSIONET_DIR = ROOT.parent / "shared" / "data" / "phi-physionet-deid"

Severity = Literal["block", "warn"]
Expected = Severity | None  # None: the category holds kinds of both severities

# The guard's kinds and the severity each should get; every kind not warned blocks.
KINDS = (
    "name", "initials", "date", "age_over_89", "phone", "fax", "email", "ssn", "mrn",
    "health_plan", "account", "license", "vehicle", "device", "url", "ip", "address",
    "city", "zip", "school", "social_handle", "facility", "clinician",
)  # fmt: skip
# "characteristic": Safe Harbor's "any other unique identifying characteristic" (on the
# local news, a state champion, quadruplets, a parent's public role), labelled in the
# blind set; a warning, as the person must judge it.
WARN_KINDS = frozenset({"facility", "clinician", "city", "characteristic"})
LABELLED_KINDS = (*KINDS, "characteristic")

# PhysioNet's categories as the guard's kinds; "location" is any of address, city,
# zip, school or facility, "other" any other identifying number.
PHYSIONET_KINDS = {
    "PTName": "name",
    "RelativeProxyName": "name",
    "PTNameInitial": "initials",
    "Date": "date",
    "Phone": "phone",
    "Location": "location",
    "HCPName": "clinician",
    "Age": "age_over_89",
    "Other": "other",
}
PHYSIONET_EXPECTED: dict[str, Expected] = {
    "name": "block",
    "initials": "block",
    "date": "block",
    "phone": "block",
    "location": None,
    "clinician": "warn",
    "age_over_89": "block",
    "other": "block",
}
PHYSIONET_ALLOWED = frozenset({"DateYear"})  # years alone are not PHI under Safe Harbor
PHYSIONET_RECORD = re.compile(
    r"START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\n(.*?)\|\|\|\|END_OF_RECORD", re.DOTALL
)


class CorpusError(Exception):
    """A corpus cannot be read; the message says why."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass(frozen=True)
class LabelledText:
    id: str
    text: str
    spans: tuple[Span, ...]
    allowed: tuple[Span, ...] = ()  # neither PHI to find nor a false finding (DateYear)

    @property
    def clean(self) -> bool:
        return not self.spans and not self.allowed


@dataclass(frozen=True)
class Corpus:
    key: str  # "pediatric", "blind_dev", "blind_frozen", "physionet": the name in results
    title: str
    path: Path
    texts: tuple[LabelledText, ...]
    expected: Mapping[str, Expected]  # per gold kind
    notes: tuple[str, ...] = ()  # anything odd found while reading it
    frozen: bool = False  # read in aggregate only: no text of it is printed

    @property
    def kinds(self) -> list[str]:
        """The gold kinds present, in the order of ``expected``, unknown ones last."""
        present = {span.kind for text in self.texts for span in text.spans}
        return [kind for kind in self.expected if kind in present] + sorted(
            present - set(self.expected)
        )

    @property
    def words(self) -> int:
        return sum(len(text.text.split()) for text in self.texts)

    @property
    def gold_spans(self) -> int:
        return sum(len(text.spans) for text in self.texts)

    @property
    def allowed_spans(self) -> int:
        return sum(len(text.allowed) for text in self.texts)


def expected_severity(kind: str) -> Severity:
    return "warn" if kind in WARN_KINDS else "block"


def load_pediatric(path: Path = PEDIATRIC_FILE) -> Corpus:
    """The pediatric set; raise CorpusError when it is missing or malformed."""
    return load_labelled(path, "pediatric", "Pediatric set")


def load_blind(
    dev: Path = BLIND_DEV_FILE,
    frozen: Path = BLIND_FROZEN_FILE,
    later: tuple[Path, ...] = (
        BLIND_DEV2_FILE,
        BLIND_DEV3_FILE,
        BLIND_DEV4_FILE,
        BLIND5_DEV_FILE,
        BLIND_DEV6_FILE,
        BLIND_DEV7_FILE,
        BLIND_DEV8_FILE,
        BLIND_DEV9_FILE,
        BLIND_DEV10_FILE,
        BLIND_DEV11_FILE,
        BLIND_DEV12_FILE,
        BLIND_DEV13_FILE,
        BLIND_DEV14_FILE,
        BLIND_DEV15_FILE,
        BLIND_DEV16_FILE,
        BLIND_DEV17_FILE,
        BLIND_DEV18_FILE,
        BLIND_DEV19_FILE,
        BLIND_DEV20_FILE,
        BLIND_DEV21_FILE,
        BLIND_DEV22_FILE,
        BLIND_DEV23_FILE,
        BLIND_DEV24_FILE,
        BLIND_DEV25_FILE,
        BLIND_DEV26_FILE,
        BLIND_DEV27_FILE,
        BLIND_DEV28_FILE,
        BLIND_DEV29_FILE,
        BLIND_DEV30_FILE,
        BLIND_DEV31_FILE,
        BLIND_DEV32_FILE,
        BLIND_DEV33_FILE,
        BLIND_DEV34_FILE,
        BLIND_DEV35_FILE,
        BLIND_DEV36_FILE,
        BLIND_DEV37_FILE,
        BLIND_DEV38_FILE,
        BLIND_DEV39_FILE,
        BLIND_DEV40_FILE,
        BLIND_DEV41_FILE,
        BLIND_DEV42_FILE,
        BLIND_DEV43_FILE,
        BLIND_DEV44_FILE,
        BLIND_DEV45_FILE,
        BLIND_DEV46_FILE,
        BLIND_DEV47_FILE,
        BLIND_DEV48_FILE,
        BLIND_DEV49_FILE,
        BLIND_DEV50_FILE,
        BLIND_DEV51_FILE,
        BLIND_DEV52_FILE,
        BLIND_DEV53_FILE,
        BLIND_DEV54_FILE,
        BLIND_DEV55_FILE,
        BLIND_DEV56_FILE,
        BLIND_DEV57_FILE,
        BLIND_DEV58_FILE,
        BLIND_DEV59_FILE,
        BLIND_DEV60_FILE,
        BLIND_DEV61_FILE,
        BLIND_DEV62_FILE,
        BLIND_DEV63_FILE,
        BLIND_DEV64_FILE,
        BLIND_DEV65_FILE,
        BLIND_DEV66_FILE,
        BLIND_DEV67_FILE,
        BLIND_DEV68_FILE,
        BLIND_DEV69_FILE,
        BLIND_DEV70_FILE,
        BLIND_DEV71_FILE,
        BLIND_DEV72_FILE,
        BLIND_DEV73_FILE,
        BLIND_DEV74_FILE,
        BLIND_DEV75_FILE,
        BLIND_DEV76_FILE,
        BLIND_DEV77_FILE,
        BLIND_DEV78_FILE,
        BLIND_DEV79_FILE,
        BLIND_DEV80_FILE,
        BLIND_DEV81_FILE,
        BLIND_DEV82_FILE,
        BLIND_DEV83_FILE,
        BLIND_DEV84_FILE,
        BLIND_DEV85_FILE,
        BLIND_DEV86_FILE,
        BLIND_DEV87_FILE,
        BLIND_DEV88_FILE,
        BLIND_DEV89_FILE,
        BLIND_DEV90_FILE,
        BLIND_DEV91_FILE,
        BLIND_DEV92_FILE,
        BLIND_DEV93_FILE,
        BLIND_DEV94_FILE,
        BLIND_DEV95_FILE,
        BLIND_DEV96_FILE,
        BLIND_DEV97_FILE,
        BLIND_DEV98_FILE,
        BLIND_DEV99_FILE,
        BLIND_DEV100_FILE,
        BLIND_DEV101_FILE,
        BLIND_DEV102_FILE,
        BLIND_DEV103_FILE,
        BLIND_DEV104_FILE,
        BLIND_DEV105_FILE,
        BLIND_DEV106_FILE,
        BLIND_DEV107_FILE,
        BLIND_DEV108_FILE,
        BLIND_DEV109_FILE,
        BLIND_DEV110_FILE,
        BLIND_DEV111_FILE,
        BLIND_DEV112_FILE,
        BLIND_DEV113_FILE,
        BLIND_DEV114_FILE,
        BLIND_DEV115_FILE,
        BLIND_DEV116_FILE,
        BLIND_DEV117_FILE,
        BLIND_DEV118_FILE,
        BLIND_DEV119_FILE,
        BLIND_DEV120_FILE,
        BLIND_DEV121_FILE,
        BLIND_DEV122_FILE,
        BLIND_DEV123_FILE,
        BLIND_DEV124_FILE,
        BLIND_DEV125_FILE,
        BLIND_DEV126_FILE,
        BLIND_DEV127_FILE,
        BLIND_DEV128_FILE,
        BLIND_DEV129_FILE,
        BLIND_DEV130_FILE,
        BLIND_DEV131_FILE,
        BLIND_DEV132_FILE,
        BLIND_DEV133_FILE,
        BLIND_DEV134_FILE,
        BLIND_DEV135_FILE,
        BLIND_DEV136_FILE,
        BLIND_DEV137_FILE,
        BLIND_DEV138_FILE,
        BLIND_DEV139_FILE,
        BLIND_DEV140_FILE,
        BLIND_DEV141_FILE,
        BLIND_DEV142_FILE,
        BLIND_DEV143_FILE,
        BLIND_DEV144_FILE,
        BLIND_DEV145_FILE,
        BLIND_DEV146_FILE,
        BLIND_DEV147_FILE,
        BLIND_DEV148_FILE,
        BLIND_DEV149_FILE,
        BLIND_DEV150_FILE,
        BLIND_DEV151_FILE,
        BLIND_DEV152_FILE,
        BLIND_DEV153_FILE,
        BLIND_DEV154_FILE,
        BLIND_DEV155_FILE,
        BLIND_DEV156_FILE,
        BLIND_DEV157_FILE,
        BLIND_DEV158_FILE,
        BLIND_DEV159_FILE,
        BLIND_DEV160_FILE,
        BLIND_DEV161_FILE,
        BLIND_DEV162_FILE,
        BLIND_DEV163_FILE,
        BLIND_DEV164_FILE,
        BLIND_DEV165_FILE,
        BLIND_DEV166_FILE,
        BLIND_DEV167_FILE,
        BLIND_DEV168_FILE,
        BLIND_DEV169_FILE,
        BLIND_DEV170_FILE,
    ),
    frozen5: Path = BLIND5_FROZEN_FILE,
    with_frozen: bool = True,
) -> list[Corpus]:
    """The blind set's two halves, the later development sets and the fifth set's frozen
    half; CorpusError when one is missing or a frozen half is not the file recorded at its
    split. Without `with_frozen`, the development sets only: the frozen halves are not
    opened at all (not even to check their SHA-256)."""
    development = [
        load_labelled(dev, "blind_dev", "Blind set, development half"),
        *(
            replace(
                load_labelled(path, f"blind_dev{n}", f"Blind set {n} (held out: aggregate only)"),
                frozen=True,
            )
            if path.name in HELD_OUT
            else load_labelled(path, f"blind_dev{n}", f"Blind set {n} (development)")
            for n, path in enumerate(later, start=2)
        ),
    ]
    if not with_frozen:
        return development
    _check_frozen(frozen, BLIND_FROZEN_SHA256)
    _check_frozen(frozen5, BLIND5_FROZEN_SHA256)
    return [
        *development,
        replace(load_labelled(frozen, "blind_frozen", "Blind set, frozen test half"), frozen=True),
        replace(
            load_labelled(frozen5, "blind5_frozen", "Blind set 5, frozen test half"), frozen=True
        ),
    ]


def _check_frozen(path: Path, sha256: str) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    if path.is_file() and digest != sha256:
        raise CorpusError(
            f"{path} is not the frozen half recorded at the split (SHA-256 {digest[:12]}..., "
            f"expected {sha256[:12]}...)"
        )


def load_distractors(path: Path = DISTRACTORS_FILE) -> Corpus:
    """Clean texts full of look-alikes (development: their false blocks are shown)."""
    corpus = load_labelled(path, "distractors", "Clean distractors")
    if any(not text.clean for text in corpus.texts):
        raise CorpusError(f"{path}: a text of the clean distractors has a labelled span")
    return corpus


def load_labelled(path: Path, key: str, title: str) -> Corpus:
    """A labelled JSONL set; raise CorpusError when it is missing or malformed."""
    if not path.is_file():
        raise CorpusError(f"the {title.lower()} is not there: {path}")
    texts: list[LabelledText] = []
    mismatched: list[str] = []
    unknown: Counter[str] = Counter()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text: str = record["text"]
            spans = tuple(
                Span(int(span["start"]), int(span["end"]), str(span["kind"]))
                for span in record["spans"]
            )
            mismatched += [
                f"{record['id']} {span['start']}-{span['end']}"
                for span in record["spans"]
                if "text" in span and text[span["start"] : span["end"]] != span["text"]
            ]
            texts.append(LabelledText(str(record["id"]), text, spans))
        except (ValueError, KeyError, TypeError) as exc:
            raise CorpusError(f"{path}, line {number}: not a labelled text ({exc!r})") from exc
        unknown.update(span.kind for span in spans if span.kind not in LABELLED_KINDS)
    if not texts:
        raise CorpusError(f"the {title.lower()} is empty: {path}")
    notes: list[str] = []
    if mismatched:
        notes.append(
            f"{len(mismatched)} span(s) whose text differs from the text at their offsets "
            f"(offsets used): {', '.join(mismatched[:5])}"
        )
    if unknown:
        notes.append(f"kinds the guard does not know, scored as block: {dict(unknown)}")
    expected: dict[str, Expected] = {kind: expected_severity(kind) for kind in LABELLED_KINDS}
    expected |= {kind: "block" for kind in unknown}
    return Corpus(key, title, path, tuple(texts), expected, tuple(notes))


def clean_texts(corpora: list[Corpus]) -> Corpus:
    """Every text with no identifier from the labelled sets (the distractors included), as
    one corpus: the false block rate per 1,000 words of clean clinical text."""
    labelled = [corpus for corpus in corpora if corpus.key != "physionet"]
    texts = tuple(text for corpus in labelled for text in corpus.texts if text.clean)
    sources = ", ".join(corpus.path.name for corpus in labelled)
    return Corpus("clean", f"Clean texts of {sources}", CORPUS_DIR, texts, {}, frozen=True)


def load_physionet(directory: Path = PHYSIONET_DIR) -> Corpus | None:
    """The PhysioNet deid corpus, read in place; None when it is not on this machine."""
    notes_file, phrases_file = directory / "id.text", directory / "id-phi.phrase"
    if not (notes_file.is_file() and phrases_file.is_file()):
        return None
    bodies = {
        (match[1], match[2]): match[3]
        for match in PHYSIONET_RECORD.finditer(notes_file.read_text(encoding="utf-8"))
    }
    gold: dict[tuple[str, str], list[Span]] = {key: [] for key in bodies}
    allowed: dict[tuple[str, str], list[Span]] = {key: [] for key in bodies}
    mismatched = 0
    unknown: Counter[str] = Counter()
    for number, line in enumerate(phrases_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split(" ", 5)
        if len(fields) < 5:
            raise CorpusError(f"{phrases_file}, line {number}: not a gold span: {line!r}")
        patient, note, start, end, category = fields[:5]
        key = (patient, note)
        if key not in bodies:
            raise CorpusError(f"{phrases_file}, line {number}: no note {patient}/{note}")
        span = Span(int(start), int(end), PHYSIONET_KINDS.get(category, category.lower()))
        if category not in PHYSIONET_KINDS and category not in PHYSIONET_ALLOWED:
            unknown[category] += 1
        if len(fields) == 6 and bodies[key][span.start : span.end] != fields[5]:
            mismatched += 1
        (allowed if category in PHYSIONET_ALLOWED else gold)[key].append(span)
    texts = tuple(
        LabelledText("/".join(key), body, tuple(gold[key]), tuple(allowed[key]))
        for key, body in bodies.items()
    )
    notes: list[str] = []
    if mismatched:
        notes.append(f"{mismatched} span(s) whose text differs from the note at their offsets")
    if unknown:
        notes.append(f"categories not mapped, scored as block: {dict(unknown)}")
    expected = PHYSIONET_EXPECTED | {category.lower(): "block" for category in unknown}
    return Corpus("physionet", "PhysioNet deid", directory, texts, expected, tuple(notes))
