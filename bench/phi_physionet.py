"""PHI guard against the PhysioNet deid gold standard: recall per category, false positives.

    python -m bench.phi_physionet [CORPUS_DIR] [--misses N] [--extra N]

CORPUS_DIR defaults to ../shared/data/phi-physionet-deid beside the checkout: adult ICU
nursing notes (mostly upper case) with surrogate PHI and gold spans. A gold span counts as
found when a finding overlaps it; "kind ok" also needs the finding's kind to match the
category (Location accepts address, city, zip, facility and school: the surrogate locations
are mostly hospitals). Findings that overlap no gold span are reported per 1,000 words, a
false-positive rate. DateYear spans are skipped (a year alone is allowed) and findings on
them are not counted as false. Adult ICU notes, mostly in capitals, are unlike pediatric
case text: the pediatric set comes first when the two disagree.
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from echo.phi import Finding, scan

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "phi-physionet-deid"

CATEGORY_KINDS: dict[str, frozenset[str]] = {
    "PTName": frozenset({"name", "initials"}),
    "RelativeProxyName": frozenset({"name", "initials"}),
    "PTNameInitial": frozenset({"initials", "name"}),
    "Date": frozenset({"date"}),
    "Phone": frozenset({"phone", "fax"}),
    "Location": frozenset({"address", "city", "zip", "facility", "school"}),
    "HCPName": frozenset({"clinician"}),
    "Age": frozenset({"age_over_89"}),
    "Other": frozenset({"mrn", "health_plan", "account", "license", "device", "vehicle"}),
}
WARN_CATEGORIES = frozenset({"HCPName", "Location"})

_RECORD = re.compile(
    r"START_OF_RECORD=(\d+)\|\|\|\|(\d+)\|\|\|\|\n(.*?)\|\|\|\|END_OF_RECORD", re.S
)

Gold = tuple[int, int, str]


def load(corpus: Path) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], list[Gold]]]:
    notes = {
        (m.group(1), m.group(2)): m.group(3)
        for m in _RECORD.finditer((corpus / "id.text").read_text("utf-8"))
    }
    gold: dict[tuple[str, str], list[Gold]] = {key: [] for key in notes}
    for line in (corpus / "id-phi.phrase").read_text("utf-8").splitlines():
        patient, note, start, end, category = line.split(" ", 5)[:5]
        gold[(patient, note)].append((int(start), int(end), category))
    return notes, gold


def _overlaps(f: Finding, start: int, end: int) -> bool:
    return f.start < end and start < f.end


def _context(body: str, start: int, end: int) -> str:
    return repr(
        body[max(0, start - 35) : start] + "[[" + body[start:end] + "]]" + body[end : end + 25]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--misses", type=int, default=0, help="print N missed gold spans")
    parser.add_argument("--extra", type=int, default=0, help="print N findings outside gold")
    args = parser.parse_args()

    if not (args.corpus / "id.text").is_file():
        parser.error(f"no PhysioNet corpus at {args.corpus} (id.text and id-phi.phrase)")
    notes, gold = load(args.corpus)
    found: Counter[str] = Counter()
    kind_ok: Counter[str] = Counter()
    total: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    misses: list[str] = []
    extras: list[str] = []
    words = 0
    elapsed = 0.0
    for key, body in notes.items():
        t0 = time.perf_counter()
        findings = scan(body)
        elapsed += time.perf_counter() - t0
        words += len(body.split())
        spans = gold[key]
        for start, end, category in spans:
            if category == "DateYear":
                continue
            total[category] += 1
            hits = [f for f in findings if _overlaps(f, start, end)]
            if hits:
                found[category] += 1
                if any(f.kind in CATEGORY_KINDS[category] for f in hits):
                    kind_ok[category] += 1
            else:
                misses.append(f"{category:18} {_context(body, start, end)}")
        for f in findings:
            if not any(_overlaps(f, s, e) for s, e, _ in spans):
                extra[f"{f.kind} ({f.severity})"] += 1
                extras.append(f"{f.kind:14} {_context(body, f.start, f.end)}")

    print(f"PhysioNet deid: {len(notes)} notes, {words:,} words, scan {elapsed * 1000:.0f} ms")
    print(f"{'category':20}{'gold':>6}{'found':>8}{'recall':>9}{'kind ok':>9}")
    for category in CATEGORY_KINDS:
        n = total[category]
        if n:
            print(
                f"{category:20}{n:6d}{found[category]:8d}{found[category] / n:9.3f}"
                f"{kind_ok[category] / n:9.3f}"
            )
    block = [c for c in total if c not in WARN_CATEGORIES]
    n_block = sum(total[c] for c in block)
    n_all = sum(total.values())
    print(
        f"{'block-level':20}{n_block:6d}{sum(found[c] for c in block):8d}"
        f"{sum(found[c] for c in block) / n_block:9.3f}"
    )
    print(f"{'all':20}{n_all:6d}{sum(found.values()):8d}{sum(found.values()) / n_all:9.3f}")
    n_extra = sum(extra.values())
    n_extra_block = sum(v for k, v in extra.items() if "(block)" in k)
    print(
        f"findings outside gold: {n_extra} ({n_extra / words * 1000:.2f} per 1,000 words; "
        f"block {n_extra_block / words * 1000:.2f})"
    )
    for kind, count in extra.most_common():
        print(f"  {kind:26}{count:6d}")
    for line in misses[: args.misses]:
        print("MISS ", line)
    for line in extras[: args.extra]:
        print("EXTRA", line)


if __name__ == "__main__":
    main()
