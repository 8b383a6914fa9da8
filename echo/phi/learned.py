"""A learned second opinion on words the rules may not know: a linear classifier over each
candidate word and its neighbours that says whether it belongs to a person's name, a
school, a town, a street or a facility.

The rules (every other detector) find what they have a pattern or a cue for; a child's
unusual first name typed in lower case, a small town with no cue before it, or a school
called only by its short name can slip past them. This classifier was trained offline
(``python -m bench.phi_model``) on the development texts of the labelled sets in
``tests/cases/phi_corpus`` only, never on the frozen halves, and ships as the weights file
``data/learned_words.json``: no network, no model download, pure Python at scan time.

Only candidate words are scored (capitalised, not an English word, or a known first name or
surname), and only a confident answer becomes a hit, at the lowest priority of its kind, so
the rules' own findings always win where both mark the same words (echo.phi.priority).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, compress
from operator import add, itemgetter
from typing import NamedTuple, overload

from echo.phi import lexicon
from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.names import WORD_SENSE_AFTER, WORDY_NAMES
from echo.phi.places import US_STATE_NAMES
from echo.phi.priority import Priority
from echo.phi.text import Document, ascii_safe, ascii_twin
from echo.phi.vocabulary import (
    ACRONYMS,
    EPONYM_NOUNS,
    GENERIC_PLACE_WORDS,
    INSTITUTION_WORDS,
    PEOPLES,
    STREET_WORDS,
    word_set,
)

# Words, numbers and single marks: numbers and punctuation are context ("Mr.", "12 Oak").
TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*|\d+|[^\w\s]")
# A word that is a weekday or a month is a date's part, never a person ("Thursday's
# didactic"); the date rules own those. Words of institutions, streets and places name no
# particular one ("Behavioral Health", "Upper Elementary", "Grand Street"): the rules read
# them with the proper noun before them; the classifier scores only that proper noun.
_CALENDAR_WORDS = word_set(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december"
)
# Words of the bedside that no name list holds and that nursing notes capitalise, shorten
# or misspell freely ("Tmax 98.5", "Scattered Rhonchi", "lue, lle perl", "on Dopa", "off
# Bipap"): assessment shorthand, and the drugs, drips and devices of a ward. Never scored.
# (Words that are names too, "Mae" for moves all extremities, "pearl" for the pupils, are
# left to LOWER_WORD_THRESHOLD.)
CLINICAL_WORDS = word_set(
    """tmax tmin rhonchi rhonchorous nares lue rue lle rle luq ruq llq rlq perrl perrla perla
    desat desats desatted anuric anueric oliguric ectopy afebrile diuresing diuresed extubated
    intubated sx'd suctioned ambu ambued abd ivf cdiff c-diff mrsa vre bipap cpap iabp
    heparin coumadin lovenox dilantin keppra dopa dopamine dobutamine dobutrex levophed
    neosynephrine nitro ntg nipride propofol diprivan fentanyl versed ativan dilaudid
    lasix lopressor amiodarone vanco vancomycin zosyn flagyl levaquin nystatin protonix pepcid
    tylenol motrin benadryl haldol zofran reglan kcl mgso mdi mdis swan swann restenosis
    hemodynamic hemodynamics hemodynamically"""
)
# A state's name is not a person's (states are not identifiers), unless it is a given name
# too ("Georgia", "Dakota").
_STATE_WORDS = frozenset(w for w in US_STATE_NAMES if "_" not in w)
# A building's parts: "Room 12 on the ward", "Unit 4, Room 12"; a dorm's room is the rules'
# (with its hall: "Sioux Hall, Room 214"), never a word scored alone.
_ROOM_WORDS = word_set("room rm rms suite ste apt floor")
_GENERIC_WORDS = (
    GENERIC_PLACE_WORDS
    | INSTITUTION_WORDS
    | STREET_WORDS
    | EPONYM_NOUNS
    | PEOPLES
    | CLINICAL_WORDS
    | _ROOM_WORDS
)
_SENTENCE_ENDS = frozenset(".!?:;")

# What each class of the classifier becomes: the finding's kind and its priority. A school's
# word (SCHOOL) is reported only alone and all but certain (SCHOOL_THRESHOLD): a lone
# capitalised word ("Upper", "Warriors") is a school's too often. A street's word (ADDR:
# "on E. Clearfield St now", "near 5th and Lehigh", "Dorm: Sioux Hall, Rm 214") blocks
# over a town the rules only guessed at: reported since 2026-12-06, when, held out of
# training, it found 12 of the 22 addresses the rules of the time missed on blind-dev80 to
# 92 (5 that today's rules miss) and no word outside the labelled spans.
CLASSES: dict[str, tuple[str, Priority]] = {
    "NAME": ("name", Priority.LEARNED_NAME),
    "CITY": ("city", Priority.LEARNED_PLACE),
    "FAC": ("facility", Priority.LEARNED_PLACE),
    "SCHOOL": ("school", Priority.LEARNED_PLACE),
    "ADDR": ("address", Priority.LEARNED_ADDRESS),
}
# The gold kinds of the labelled sets each class was trained on (bench.phi_model).
TRAINED_ON: dict[str, str] = {
    "name": "NAME",
    "initials": "NAME",
    "school": "SCHOOL",
    "address": "ADDR",
    "city": "CITY",
    "facility": "FAC",
}
# How sure the classifier must be (its probability for the class against every other
# answer) before a word becomes a finding; chosen with bench.phi_model --validate on the
# development sets blind-dev80 to blind-dev92, held out of that training run, never on a
# frozen half: the most recall for at most about half a point more clean texts blocked.
# There (2026-12-06): rules alone 0.954 block-level recall, 9/710 clean texts blocked;
# with the classifier at 0.8/0.9, 0.962 and 13/710.
THRESHOLD = 0.8
UNKNOWN_THRESHOLD = 0.9
# Stricter, where the word's shape says little (chosen on the same validation sets, and on
# PhysioNet's clean nursing notes, whose false blocks they cut): a capitalised English word
# no name list knows ("Goal is 500cc neg", "Sedation: Pt Sedated on"): a sentence's first
# word and a heading are capitalised whatever they are; and, in a text typed all in lower
# case, an English word that a name list knows too ("mae, pearl", "ace wrap", "pt will
# tire"; where capitals are used, a lower-case "brooks and river" is meant). (A word no list
# knows that opens a sentence keeps THRESHOLD: "Widlene came from Haiti at 11".)
STRICT_THRESHOLD = 0.95
LOWER_WORD_THRESHOLD = 0.9
# A school's or a team's word (the SCHOOL class) blocks only when the classifier is all but
# certain: a lone word of a school's name ("Upper", "Warriors") is too often something else.
SCHOOL_THRESHOLD = 0.95


class Word(NamedTuple):
    start: int
    end: int
    text: str
    low: str
    shape: str  # T title, U upper, S single capital, l lower, m mixed, d1..d5 digits, p mark
    lex: str  # first name, surname, English word, never a name: four 0/1 flags
    candidate: bool  # may be scored by the classifier (_describe, scored)


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]  # "O" (nothing to find) and the keys of CLASSES
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]


def _shape(word: str) -> str:
    if word.isdigit():
        return f"d{min(len(word), 5)}"
    if not word[0].isalpha():
        return "p"
    if word.isupper():
        return "U" if len(word) > 1 else "S"
    if word[0].isupper():
        return "T"
    return "l" if word.islower() else "m"


@lru_cache(maxsize=1 << 16)
def _describe(word: str) -> tuple[str, str, str, bool]:
    """A word's folded spelling, shape, lexicon flags, and whether the classifier may score
    it: capitalised, not English, or a first name or surname; never a weekday or a month, an
    institution's or a street's common word, a word the rules know is not a name, a known
    acronym or a capitalised word of three letters or fewer ("PS", "RR": initials are the
    rules' to find)."""
    low = lexicon.fold(word.lower())
    shape = _shape(word)
    flags = (
        low in lexicon.first_names(),
        low in lexicon.surnames(),
        word[0].isalpha() and lexicon.is_word(low),
        low in lexicon.not_names(),
    )
    first, sur, english, never = flags
    bare = word[:-2] if word[-2:-1] in ("'", "\u2019") and word[-1:] in "sS" else word
    if len(bare) > 2 and bare[-1] == "s" and bare[:-1].isupper():
        bare = bare[:-1]  # "MDIs", "PVCs": an acronym's plural
    candidate = (
        shape[0] not in "dp"
        and len(word) >= 2
        and low not in _CALENDAR_WORDS
        and low not in ACRONYMS
        and low not in _GENERIC_WORDS
        and not (low[-1:] == "s" and low[:-1] in CLINICAL_WORDS)  # "Heparins started"
        and not never
        # "PS", "HCT's", "IABPs" (not "EH's": two capitals owning something are initials)
        and not (bare.isupper() and (len(bare) <= 3 if bare == word else 3 <= len(bare) <= 5))
        and (shape != "l" or not english or first or sur)
        and (low not in _STATE_WORDS or first)
    )
    return low, shape, "".join("1" if flag else "0" for flag in flags), candidate


def words(text: str) -> list[Word]:
    """The text's words, numbers and marks, each with its shape and what the lexicons say."""
    return [
        Word(m.start(), m.end(), m.group(), *_describe(m.group())) for m in TOKEN.finditer(text)
    ]


def style(ws: list[Word]) -> str:
    """The text's case style: lo (no capitals for names), up (shouted) or mx."""
    alpha = [w for w in ws if w.shape in ("T", "U", "S", "l", "m")]
    if not alpha:
        return "mx"
    lower = sum(w.shape == "l" for w in alpha)
    upper = sum(w.shape == "U" for w in alpha)
    if lower > 0.97 * len(alpha):
        return "lo"
    return "up" if upper > 0.6 * len(alpha) else "mx"


def scored(ws: list[Word], i: int, case_style: str) -> bool:
    """Whether word `i` is scored: a candidate, not before a noun that makes it an eponym
    ("Foley catheter", "Mallory Weiss tear") nor glued to a lab's digits ("PaCO2"), and not
    in shouted text (all capitals, as pasted from old records:
    capitals say nothing there, and the labelled sets hold too little of it to learn from;
    the rules read it)."""
    if case_style == "up" or not ws[i].candidate:
        return False
    if i + 1 >= len(ws):
        return True
    after = ws[i + 1]
    if after.shape[0] == "d" and after.start == ws[i].end:
        return False  # "PaCO2", "Pa02", "Spo2": a lab's code glued to its digits
    if after.low in EPONYM_NOUNS:
        return False
    # "Mallory Weiss tear", "Guillain-Barre syndrome": two eponyms before the noun
    return not (after.candidate and i + 2 < len(ws) and ws[i + 2].low in EPONYM_NOUNS)


def own_names(w: Word) -> tuple[str, ...]:
    """The features of a word by itself."""
    return (
        "w=" + w.low,
        "sh=" + w.shape,
        "p3=" + w.low[:3],
        "s3=" + w.low[-3:],
        "lex=" + w.lex,
        f"len={min(len(w.text), 10)}",
    )


def neighbour_names(offset: int, w: Word | None) -> tuple[str, ...]:
    """The features a word lends the candidate `offset` places away (None: past an end)."""
    if w is None:
        return (f"{offset}none",)
    return (f"{offset}w={w.low}", f"{offset}sl={w.shape}{w.lex}")


def _neighbour(ws: list[Word], j: int) -> Word | None:
    return ws[j] if 0 <= j < len(ws) else None


def position_names(text: str, ws: list[Word], i: int, case_style: str) -> list[str]:
    """The features of word `i` that depend on its place: case style, sentence start, and
    the word pairs it forms."""
    w = ws[i]
    prev = ws[i - 1] if i else None
    sentence_start = opens_sentence(text, ws, i)
    out = ["st=" + case_style, f"ss={sentence_start:d}{w.shape}{w.lex}"]
    if prev is not None:
        out.append(f"-1|w={prev.low}|{w.low}")
    if i + 1 < len(ws):
        out.append(f"w|+1={w.low}|{ws[i + 1].low}")
    return out


def features(text: str, ws: list[Word], i: int, case_style: str) -> list[str]:
    """The named features of word `i`: what training sees (scan time sums the same weights
    through caches, in `scores`)."""
    out = [*own_names(ws[i]), *position_names(text, ws, i, case_style)]
    for offset in NEIGHBOURS:
        out.extend(neighbour_names(offset, _neighbour(ws, i + offset)))
    return out


NEIGHBOURS = (-2, -1, 1, 2)


def load_model(name: str) -> Model:
    """A weights file of ``echo/phi/data`` (as bench.phi_model writes them)."""
    raw = json.loads(resources.files("echo.phi").joinpath(f"data/{name}").read_text("utf-8"))
    return Model(
        tuple(raw["classes"]),
        tuple(raw["bias"]),
        {name: tuple(values) for name, values in raw["weights"].items()},
    )


@cache
def model() -> Model:
    return load_model("learned_words.json")


def summed(m: Model, names: Iterable[str]) -> tuple[float, ...]:
    """The summed weights of `names`, one per class (zeros where none is known)."""
    found = [w for w in map(m.weights.get, names) if w is not None]
    if not found:
        return (0.0,) * len(m.classes)
    return tuple(map(sum, zip(*found, strict=True)))


def _own_weights(w: Word) -> tuple[float, ...]:
    return _own_weights_of(w.text, w.low, w.shape, w.lex)


@lru_cache(maxsize=1 << 16)
def _own_weights_of(text: str, low: str, shape: str, lex: str) -> tuple[float, ...]:
    return summed(model(), own_names(Word(0, 0, text, low, shape, lex, True)))


def _neighbour_weights(offset: int, w: Word | None) -> tuple[float, ...]:
    if w is None:
        return _neighbour_weights_of(offset, None, "", "")
    return _neighbour_weights_of(offset, w.low, w.shape, w.lex)


@lru_cache(maxsize=1 << 16)
def _neighbour_weights_of(offset: int, low: str | None, shape: str, lex: str) -> tuple[float, ...]:
    w = None if low is None else Word(0, 0, low, low, shape, lex, True)
    return summed(model(), neighbour_names(offset, w))


def chance(m: Model, names: list[str], label: str) -> float:
    """A classifier's probability, from the summed weights of these features, that the thing
    they describe is of class `label` (the phrase and capitals readings use it)."""
    raw = [b + s for b, s in zip(m.bias, summed(m, names), strict=True)]
    return softmax(raw)[m.classes.index(label)]


def softmax(scores: Iterable[float]) -> list[float]:
    values = list(scores)
    top = max(values)
    exps = [math.exp(s - top) for s in values]
    total = sum(exps)
    return [e / total for e in exps]


def scores(text: str, ws: list[Word], i: int, case_style: str) -> list[float]:
    """The class scores of word `i` under the shipped model (before the softmax), its word
    and neighbour weights taken from caches (a word met once is not looked up again)."""
    m = model()
    parts = [
        m.bias,
        _own_weights(ws[i]),
        summed(m, position_names(text, ws, i, case_style)),
        *(_neighbour_weights(offset, _neighbour(ws, i + offset)) for offset in NEIGHBOURS),
    ]
    return list(map(sum, zip(*parts, strict=True)))


def threshold_for(
    shape: str, lex: str, sure: float, unknown: float, label: str, case_style: str = "mx"
) -> float:
    """How sure the classifier must be that a word of this shape and these lexicon flags is
    of class `label`: `unknown` for a lower-case word no lexicon knows (a misspelling or a
    clinical abbreviation as often as a name); stricter for a capitalised English word no
    name list knows, for an English word in a text typed all in lower case and for a
    school's word (see STRICT_THRESHOLD); else `sure`."""
    if label == "SCHOOL":
        return max(sure, SCHOOL_THRESHOLD)
    if shape == "l":
        if lex[:2] == "00":
            return unknown
        return max(sure, LOWER_WORD_THRESHOLD) if lex[2] == "1" and case_style == "lo" else sure
    if shape == "T" and lex[:3] == "001":
        return max(sure, STRICT_THRESHOLD)
    return sure


def opens_sentence(text: str, ws: list[Word], i: int) -> bool:
    """Whether word `i` is the first of a sentence or a line (as `position_names` reads it)."""
    prev = ws[i - 1] if i else None
    return prev is None or prev.text in _SENTENCE_ENDS or "\n" in text[prev.end : ws[i].start]


def labelled(
    text: str,
    trial: Model | None = None,
    sure: float = THRESHOLD,
    unknown: float = UNKNOWN_THRESHOLD,
) -> Iterator[tuple[int, int, str]]:
    """Each confident candidate word: its start, end and class (`trial`: a model being
    validated, scored the slow way from `features`, instead of the shipped one)."""
    if trial is None:
        yield from _labelled_fast(text, sure, unknown)
        return
    m = trial
    ws = words(text)
    case_style = style(ws)
    for i, w in enumerate(ws):
        if not scored(ws, i, case_style):
            continue
        raw = [
            b + s for b, s in zip(m.bias, summed(m, features(text, ws, i, case_style)), strict=True)
        ]
        best = max(range(len(raw)), key=raw.__getitem__)
        label = m.classes[best]
        if label == "SCHOOL" and not _alone(
            ws[i - 1].shape if i else "", ws[i + 1].shape if i + 1 < len(ws) else ""
        ):
            continue
        if label in CLASSES and softmax(raw)[best] >= threshold_for(
            w.shape, w.lex, sure, unknown, label, case_style
        ):
            yield w.start, w.end, label


_CAPITALISED = frozenset({"T", "U", "m"})


def _alone(before: str, after: str) -> bool:
    """Whether a word between these shapes stands alone, no capitalised word beside it: a
    school's word is reported only so ("at Hillcrest", "senior at Central."); a school named
    in several words is the rules' ("Upper Middle", "Grand Central" are nobody's school)."""
    return before not in _CAPITALISED and after not in _CAPITALISED


# The text split at its tokens: gaps and tokens alternate (a token is TOKEN's match).
_SPLIT = re.compile(f"({TOKEN.pattern})")
_ALPHA_SHAPES = frozenset("TUSlm")


@lru_cache(maxsize=1 << 16)
def _own_weights_by_word(word: str) -> tuple[float, ...]:
    low, shape, lex, _candidate = _describe(word)
    return _own_weights_of(word, low, shape, lex)


@lru_cache(maxsize=1 << 16)
def _biased_own_weights_by_word(word: str) -> tuple[float, ...]:
    """The bias and a word's own weights, summed (the first two terms of its scores)."""
    return tuple(map(add, model().bias, _own_weights_by_word(word)))


@lru_cache(maxsize=1 << 16)
def _neighbour_weights_by_word(offset: int, word: str | None) -> tuple[float, ...]:
    if word is None:
        return _neighbour_weights_of(offset, None, "", "")
    low, shape, lex, _candidate = _describe(word)
    return _neighbour_weights_of(offset, low, shape, lex)


class Tokens(NamedTuple):
    """A text split once at its tokens, each described (`_describe`), with its case style."""

    parts: list[str]  # gaps and tokens alternate: token k is parts[2k + 1]
    descs: list[tuple[str, str, str, bool]]  # folded spelling, shape, lexicon flags, candidate
    ends: list[int]  # where each part ends: token k starts at ends[2k]
    case_style: str  # lo, up or mx (as `style` reads it)


@lru_cache(maxsize=2)
def tokens(text: str) -> Tokens:
    """`text` read once for every learned reading of it (this classifier's and
    echo.phi.school_phrases')."""
    parts = (ascii_twin(_SPLIT) if ascii_safe(text) else _SPLIT).split(text)
    descs = list(map(_describe, parts[1::2]))
    shapes = list(map(itemgetter(1), descs))
    alpha = sum(map(_ALPHA_SHAPES.__contains__, shapes))
    case_style = "mx"
    if alpha:
        if shapes.count("l") > 0.97 * alpha:
            case_style = "lo"
        elif shapes.count("U") > 0.6 * alpha:
            case_style = "up"
    return Tokens(parts, descs, list(accumulate(map(len, parts))), case_style)


class WordsOf(Sequence[Word]):
    """The Words of `tokens(text)`, each made only when asked for (a reading that looks at
    a few places of a long text need not make a Word of every token)."""

    def __init__(self, text: str) -> None:
        self.read = tokens(text)
        self.lows = [d[0] for d in self.read.descs]
        self.made: dict[int, Word] = {}  # each Word made once (readings ask for one often)

    def __len__(self) -> int:
        return len(self.read.descs)

    @overload
    def __getitem__(self, k: int) -> Word: ...
    @overload
    def __getitem__(self, k: slice) -> list[Word]: ...
    def __getitem__(self, k: int | slice) -> Word | list[Word]:
        if isinstance(k, slice):
            return [self[j] for j in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        word = self.made.get(k)
        if word is None:
            parts, descs, ends, _style = self.read
            word = self.made[k] = Word(ends[2 * k], ends[2 * k + 1], parts[2 * k + 1], *descs[k])
        return word


def _labelled_fast(text: str, sure: float, unknown: float) -> Iterator[tuple[int, int, str]]:
    """`labelled` under the shipped model, the same answers as `words`, `scored` and `scores`
    give, without a Word per token: the text split once, each token described from a cache,
    only candidates scored (a 5,000-character case has some 1,100 tokens, 250 candidates)."""
    parts, descs, ends, case_style = tokens(text)
    toks = parts[1::2]
    if not toks or case_style == "up":
        return  # shouted text is left to the rules (see `scored`)
    candidates = list(map(itemgetter(3), descs))
    if not any(candidates):
        return
    m = model()
    classes, get = m.classes, m.weights.get
    zeros = (0.0,) * len(classes)
    n = len(toks)
    style_weights = get("st=" + case_style)
    styled = () if style_weights is None else (style_weights,)
    for i in compress(range(n), candidates):
        low, shape, lex, _candidate = descs[i]
        if i + 1 < n:
            after = descs[i + 1]
            if after[1][0] == "d" and not parts[2 * i + 2]:
                continue  # glued to a lab's digits
            if after[0] in EPONYM_NOUNS:
                continue
            if after[3] and i + 2 < n and descs[i + 2][0] in EPONYM_NOUNS:
                continue
        gap = parts[2 * i]
        sentence_start = i == 0 or toks[i - 1] in _SENTENCE_ENDS or "\n" in gap
        names = [f"ss={sentence_start:d}{shape}{lex}"]
        if i:
            names.append(f"-1|w={descs[i - 1][0]}|{low}")
        if i + 1 < n:
            names.append(f"w|+1={low}|{descs[i + 1][0]}")
        found = [*styled, *filter(None, map(get, names))]  # (weights are never empty)
        position_weights = found[0] if found else zeros
        for more in found[1:]:
            position_weights = map(add, position_weights, more)
        # the terms summed in the order `scores` sums them, one class at a time
        raw = list(
            map(
                add,
                map(
                    add,
                    map(
                        add,
                        map(
                            add,
                            map(add, _biased_own_weights_by_word(toks[i]), position_weights),
                            _neighbour_weights_by_word(-2, toks[i - 2] if i >= 2 else None),
                        ),
                        _neighbour_weights_by_word(-1, toks[i - 1] if i >= 1 else None),
                    ),
                    _neighbour_weights_by_word(1, toks[i + 1] if i + 1 < n else None),
                ),
                _neighbour_weights_by_word(2, toks[i + 2] if i + 2 < n else None),
            )
        )
        best = raw.index(max(raw))  # the first of the highest, as max(range(...), key) gives
        label = classes[best]
        if label == "SCHOOL" and not _alone(
            descs[i - 1][1] if i else "", descs[i + 1][1] if i + 1 < n else ""
        ):
            continue
        if label in CLASSES and softmax(raw)[best] >= threshold_for(
            shape, lex, sure, unknown, label, case_style
        ):
            yield ends[2 * i], ends[2 * i + 1], label


def find(doc: Document) -> Iterator[Hit]:
    for start, end, label in labelled(doc.text):
        if label == "ADDR" and end - start < 3:
            continue  # "chest tube on Rt.", "5th": a side or an ordinal's ending alone
        if (
            label == "NAME"
            and doc.text[start:end].lower() in WORDY_NAMES
            and WORD_SENSE_AFTER.match(doc.text, end)
        ):
            continue  # "Faith is what keeps us going": the word (as the rules read it)
        kind, priority = CLASSES[label]
        yield Hit(start, end, kind, priority, SUGGESTIONS[kind])
