"""The word lists in data/, read once: given names (SSA), surnames (US census), US places
and regions (GeoNames), English words (SCOWL, to tell "Grace" the word from Grace the girl)
and words of the trade that look like names ("Vanderbilt", "Tanner", "Zoloft"); and how a
word is spelled to look it up."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources


@cache
def _lexicon(name: str) -> frozenset[str]:
    """A data/ list, lower-cased; '#' lines are comments."""
    data = resources.files("echo.phi").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in data.splitlines() if line.strip() and line[0] != "#"
    )


def first_names() -> frozenset[str]:
    return _lexicon("first_names.txt")


def surnames() -> frozenset[str]:
    return _lexicon("surnames.txt")


def english() -> frozenset[str]:
    return _lexicon("english_words.txt")


@cache
def not_names() -> frozenset[str]:
    """Also as `fold` spells a word, as words are looked up ("está" -> "esta"), unless that
    spelling is a given name ("Niña" -> "nina")."""
    words = _lexicon("not_names.txt")
    return words | {fold(word) for word in words if fold(word) not in first_names()}


def regions() -> frozenset[str]:
    return _lexicon("regions.txt")


@cache
def places() -> dict[str, tuple[tuple[str, ...], ...]]:
    """US places keyed by their first word, longest first: 'san' -> (('san', 'antonio'), ...)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for place in _lexicon("us_places.txt"):
        words = tuple(fold(w) for w in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", place))
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def is_place_word(low: str) -> bool:
    return low in regions() or any(len(p) == 1 for p in places().get(low, ()))


def fold(word: str) -> str:
    """Lower case without accents or apostrophes, as the word lists spell names: "José" ->
    "jose", "O'Brien" -> "obrien"."""
    low = word.lower()
    if low.isascii():
        return low.replace("'", "") if "'" in low else low
    low = unicodedata.normalize("NFKD", low)
    return "".join(c for c in low if not unicodedata.combining(c) and c not in "'\u2019")


def known_place(name: str) -> bool:
    words = tuple(w.rstrip(".") for w in name.lower().split())
    return bool(words) and words in places().get(words[0], ())


def list_spelling(low: str) -> str:
    """How the name lists spell a word (tokens are folded already; lists carry apostrophes)."""
    return low.replace("'", "")


@lru_cache(maxsize=65536)
def is_word(low: str) -> bool:
    """An English word, inflected or not; for a hyphenated word, any part not also a name."""
    if "-" in low:
        return any(
            is_word(part) and part not in first_names() and part not in surnames()
            for part in low.split("-")
        )
    dictionary = english()
    if low in dictionary:
        return True
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                                ("ing", "e"), ("ly", ""), ("ies", "y"), ("ied", "y")):  # fmt: skip
        stem = low[: -len(suffix)]
        if not low.endswith(suffix) or len(stem) < 3:
            continue
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
            continue
        if stem + replacement in dictionary:
            return True
    return _british(low, dictionary)


# British spellings of American words the list holds: "favour", "behaviour", "recognise",
# "analyse", "centre", "paediatric".
_BRITISH = (("our", "or"), ("ours", "ors"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
            ("yse", "yze"), ("tre", "ter"), ("ae", "e"), ("oe", "e"))  # fmt: skip


def _british(low: str, dictionary: frozenset[str]) -> bool:
    for british, american in _BRITISH:
        if british in low[1:] and low.replace(british, american, 1) in dictionary:
            return True
    return False
