"""How much the PHI guard relies on the values it was tuned on: swap each labelled name,
school, street and number of the development sets for another of the same shape, scan the
text again, and count how often what was blocked is still blocked.

    python -m bench.phi_swap            # every development set, two swaps a span
    python -m bench.phi_swap --swaps 4 --show 30 blind-dev118 blind-dev120

A rule that knows a shape holds when the value changes; a rule that knows the word does not.
On 2026-12-07, 90.7% of school names swapped for others of their shape were still blocked
(landforms: "Hickory Flat HS", "salt lick daycare" were most of the rest), which is how the
guard's rule for rural schools named for their land was found. The swapped values are
invented here (a few dozen given names, family names and place names no rule was written
for), never read from a frozen half or a held-out set (bench.phi_corpora.HELD_OUT).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.phi_corpora import CORPUS_DIR, HELD_OUT, LabelledText, load_labelled
from echo.phi import scan

KINDS = ("name", "school", "address", "mrn", "device", "account", "health_plan")
GIVEN = [
    "Zaylee",
    "Brecken",
    "Kashton",
    "Oaklyn",
    "Emberly",
    "Jaxtyn",
    "Ryker",
    "Adalyn",
    "Paislee",
    "Kolton",
    "Yaretzi",
    "Dariel",
    "Yahir",
    "Nayeli",
    "Anahí",
    "Ngozi",
    "Chidera",
    "Oluwaseun",
    "Thandiwe",
    "Jamarion",
    "Laniyah",
    "Zamir",
    "Dashiell",
    "Saoirse",
    "Tadhg",
    "Aroha",
    "Keala",
    "Pualani",
    "Hoku",
    "Wakinyan",
    "Ahanu",
    "Tayanita",
    "Nizhoni",
    "Quynh",
    "Hieu",
    "Sokha",
    "Pich",
    "Bopha",
    "Ifrah",
    "Hodan",
    "Mehmet",
    "Kerem",
    "Oksana",
    "Bohdan",
    "Yevhen",
    "Wojtek",
    "Merritt",
    "Wrenley",
    "Colter",
    "Lakelyn",
]
FAMILY = [
    "Pruitt",
    "Stidham",
    "Caudill",
    "Begay",
    "Tsosie",
    "Yellowhorse",
    "Nakai",
    "Okonkwo",
    "Adeyemi",
    "Mensah",
    "Vang",
    "Xiong",
    "Khoury",
    "Warsame",
    "Kowalczyk",
    "Horvath",
    "Kovalenko",
    "Lindqvist",
    "Halvorsen",
    "Thibodeaux",
    "Fontenot",
    "Arceneaux",
    "Villarreal",
    "Quintanilla",
    "Treviño",
    "Oyelaran",
    "Dlamini",
    "Kealoha",
    "Kahananui",
    "Sixkiller",
    "Slone",
    "Sizemore",
    "Napier",
    "Fugate",
    "Tolliver",
    "Blevins",
    "Maggard",
    "Dunaway",
    "Pettigrew",
    "McBrayer",
    "Vukovich",
]
PLACES = """Brushy Fork|Red Oak|Pine Knot|Coldwater|Bear Branch|Sweetwater|Laurel Gap|Dry Ridge|
Cedar Bluff|Hickory Flat|Muddy Creek|Sand Hill|Buckhorn|Stinnett|Wolf Pen|Poplar Grove|
Salt Lick|Beech Fork|Piney Woods|Grassy Valley|Maple Crest|Eagle Rock|Quarry Hill|Blackwater|
Shelby Gap|Oak Hollow""".replace("\n", "").split("|")
# The words that end a school's or a street's name: kept, and the words before them swapped.
_SCHOOL_END = re.compile(
    r"(?i)\b(?:elementary|elem|middle|high|school|academy|intermediate|preschool|daycare|"
    r"learning center|head start|jr high|hs|ms)\b(?!.*\b(?:elementary|elem|middle|high|"
    r"school|academy)\b).*$"
)
_STREET_END = re.compile(
    r"(?i)\b(?:rd|road|st|street|ave|av|avenue|ln|lane|ct|court|dr|drive|trail|trl|way|hwy|"
    r"highway|pike|blvd|loop|cir|circle|pl|place)\b\.?(?!.*\b(?:rd|road|st|street|ave|avenue|"
    r"ln|lane|ct|court|dr|drive|way|pike|blvd)\b).*$"
)
_HOUSE_NUMBER = re.compile(r"^\d[\w-]*\s+(?:[NSEWnsew]\.?\s+)?")


@dataclass
class Tally:
    spans: int = 0  # labelled spans the guard blocks as written (the only ones swapped)
    swaps: int = 0
    held: int = 0  # swaps still blocked


def like(new: str, old: str) -> str:
    """`new` in the case `old` is typed in (lower case, capitals or as written)."""
    if old.islower():
        return new.lower()
    if old.isupper() and len(old) > 1:
        return new.upper()
    return new


def reshaped(value: str, rng: random.Random) -> str:
    """Another number of the same shape: digits for digits, letters for letters."""
    out = []
    for ch in value:
        if ch.isdigit():
            out.append(str(rng.randrange(10)))
        elif ch.isalpha():
            letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
            out.append(rng.choice(letters) if ch.isupper() else rng.choice(letters.lower()))
        else:
            out.append(ch)
    return "".join(out)


def swapped(kind: str, value: str, rng: random.Random) -> str | None:
    """Another value of the same kind and shape, or None where no swap keeps the shape."""
    if kind in ("mrn", "device", "account", "health_plan"):
        return reshaped(value, rng)
    if kind == "name":
        words = value.split()
        if len(words) == 1 and "," not in value:
            return like(rng.choice(GIVEN), value)
        if len(words) == 2 and "," not in value and value.replace(" ", "").isalpha():
            return like(f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", value)
        return None  # a business, "Last, First", initials: no shape kept by a simple swap
    number = _HOUSE_NUMBER.match(value) if kind == "address" else None
    head = reshaped(number.group(), rng) if number else ""
    rest = value[number.end() :] if number else value
    end = (_SCHOOL_END if kind == "school" else _STREET_END).search(rest)
    if end is None or end.start() == 0 or any(c.isdigit() for c in rest[: end.start()]):
        return None
    return head + like(rng.choice(PLACES), rest[: end.start()].strip()) + " " + rest[end.start() :]


def blocked(text: str, start: int, end: int) -> bool:
    return any(f.severity == "block" and f.start < end and start < f.end for f in scan(text))


def swaps_of(
    text: LabelledText, kinds: tuple[str, ...], n: int, rng: random.Random
) -> Iterator[tuple[str, str, int, int, bool]]:
    """(kind, swapped text, start, end, still blocked) for each labelled span of `kinds` the
    guard blocks as written, `n` times."""
    for span in text.spans:
        if span.kind not in kinds or not blocked(text.text, span.start, span.end):
            continue
        value = text.text[span.start : span.end]
        for _ in range(n):
            new = swapped(span.kind, value, rng)
            if new is None or new == value:
                continue
            changed = text.text[: span.start] + new + text.text[span.end :]
            end = span.start + len(new)
            yield span.kind, changed, span.start, end, blocked(changed, span.start, end)


def development_sets(names: list[str]) -> list[Path]:
    paths = [CORPUS_DIR / f"{name}.jsonl" for name in names] or sorted(CORPUS_DIR.glob("*.jsonl"))
    return [p for p in paths if "frozen" not in p.name and p.name not in HELD_OUT]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.phi_swap", description=__doc__)
    parser.add_argument("sets", nargs="*", help="development sets by name (default: all)")
    parser.add_argument("--swaps", type=int, default=2, help="swaps of each span")
    parser.add_argument("--show", type=int, default=0, help="swaps no longer blocked to show")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    tallies: dict[str, Tally] = {kind: Tally() for kind in KINDS}
    shown: list[str] = []
    for path in development_sets(args.sets):
        for text in load_labelled(path, path.stem, path.stem).texts:
            counted: set[tuple[int, int]] = set()
            for kind, changed, start, end, held in swaps_of(text, KINDS, args.swaps, rng):
                tally = tallies[kind]
                if (start, kind) not in counted:
                    counted.add((start, kind))
                    tally.spans += 1
                tally.swaps += 1
                tally.held += held
                if not held and len(shown) < args.show:
                    context = changed[max(0, start - 60) : start] + "[" + changed[start:end] + "]"
                    shown.append(f"{kind:8} {path.stem}: {' '.join(context.split())}")
    print("kind          spans   swaps  still blocked")
    for kind, tally in tallies.items():
        share = f"{tally.held / tally.swaps:.3f}" if tally.swaps else "-"
        print(f"{kind:12} {tally.spans:6} {tally.swaps:7}  {share} ({tally.held})")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
