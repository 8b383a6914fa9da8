"""The text model every detector reads: its words with their shape, the case style of the
line each is on (mixed, or all capitals or all lower case as in pasted notes), and where
sentences start."""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

from echo.phi.lexicon import fold
from echo.phi.vocabulary import FUNCTION_WORDS, RELATIONS, word_set

_WORD = re.compile(r"(?<!\w)[^\W\d_]++(?:['\u2019\-][^\W\d_]++)*+(?![\d_])")
_TITLE_ABBREVIATIONS = word_set("dr drs mr mrs ms mx st mt ft jr sr vs dept inc corp univ")


@dataclass(slots=True)
class Tok:
    start: int
    end: int  # end of the word without a possessive 's
    text: str  # the word without a possessive 's
    low: str
    shape: str  # title, upper, lower, single, other
    possessive: bool
    mode: str  # mixed, upper, lower: the case style of the line the word is on
    sentence_start: bool


@lru_cache(maxsize=65536)
def _spelled(word: str) -> tuple[str, str]:
    """A word's folded spelling and its shape (words recur: read once each)."""
    return fold(word), _shape(word)


def _shape(word: str) -> str:
    if len(word) == 1:
        return "single" if word.isupper() else "lower"
    if word.isupper():
        return "upper"
    if word[0].isupper():
        return "other" if word[1].isupper() and len(word) > 2 and word[2].isupper() else "title"
    if word[0].islower():
        return "lower"
    return "other"


def _line_modes(text: str, words: list[tuple[int, str]]) -> tuple[list[int], list[str]]:
    """Case style per line: 'upper' (shouted notes), 'lower' (no capitals for names) or
    'mixed'; lines of a few words take the style of the whole text."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    counts = [[0, 0, 0] for _ in starts]  # upper, title, lower words per line
    line = 0
    for start, word in words:
        while line + 1 < len(starts) and starts[line + 1] <= start:
            line += 1
        if word.isupper():
            counts[line][0] += len(word) > 1
        elif word[0].isupper():
            counts[line][1] += 1
        else:
            counts[line][2] += 1

    def style(upper: int, title: int, lower: int) -> str:
        total = upper + title + lower
        if total == 0:
            return "mixed"
        if upper > 0.6 * total:
            return "upper"
        if title <= 0.04 * (title + lower):
            return "lower"
        return "mixed"

    overall = style(*(sum(c[k] for c in counts) for k in range(3)))
    modes = [style(*c) if sum(c) >= 6 else overall for c in counts]
    return starts, modes


def _tokens(
    text: str, words: list[tuple[int, str]], starts: list[int], modes: list[str]
) -> list[Tok]:
    toks: list[Tok] = []
    line, last_line = 0, len(starts) - 1
    for found_at, found in words:
        for start, word in (
            _split_hyphens(found_at, found) if "-" in found else ((found_at, found),)
        ):
            possessive = False
            if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
                word = word[:-2]
                possessive = True
            low, shape = _spelled(word)
            while line < last_line and starts[line + 1] <= start:
                line += 1
            mode = modes[line]
            if mode == "lower" and shape == "title":
                mode = "mixed"  # a capital in lower-case text is deliberate
            # (one space after a character that neither ends a sentence nor follows its end,
            # a letter, a digit, a comma, as most words stand, no sentence opens: decided
            # without the call)
            opens = (
                start < 2 or text[start - 1] != " " or text[start - 2] in _BEFORE_SENTENCE
            ) and starts_sentence(text, start)
            toks.append(Tok(start, start + len(word), word, low, shape, possessive, mode, opens))
    return toks


def _split_hyphens(start: int, word: str) -> list[tuple[int, str]]:
    """'DAUGHTER-KRISSY', 'Rob-who' are two words; 'Lopez-Garcia', 'half-sister' are one."""
    if "-" not in word or word.lower() in RELATIONS:
        return [(start, word)]
    parts = word.split("-")
    if not any(p.lower() in RELATIONS or p.lower() in FUNCTION_WORDS for p in parts):
        return [(start, word)]
    out = []
    for part in parts:
        out.append((start, part))
        start += len(part) + 1
    return out


# What may stand between a sentence's end and its first word; what ends a sentence (a dot
# only when it ends no initial or title); both, and the dot.
_SENTENCE_GAP = " \t\"'\u201c\u2018([*\u2022-\u2013\u2014>"
_SENTENCE_ENDS = "\n\r!?:;"
_BEFORE_SENTENCE = frozenset(_SENTENCE_GAP + _SENTENCE_ENDS + ".")


# A verb of speech before an opening quote: the quoted words open a sentence of their own
# ("Mom says 'Hope is all we have left.'").
_SPEECH_BEFORE = re.compile(
    r"(?i)(?<![\w'])(?:says|said|states|stated|reports|reported|asks|asked|writes|wrote),?$"
)
_OPENING_QUOTES = frozenset("\"'\u201c\u2018")


def starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in _SENTENCE_GAP:
        i -= 1
    if i < 0 or text[i] in _SENTENCE_ENDS:
        return True
    if (
        text[i + 1] in " \t"
        and text[start - 1] in _OPENING_QUOTES
        and _SPEECH_BEFORE.search(text, max(0, i - 9), i + 1)
    ):
        return True
    if text[i] != ".":
        return False
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    if j > 0 and (text[j - 1].isalnum() or text[j - 1] in "'\u2019"):
        return True  # "q4h. Oral", "80's. Able": not an initial
    before = text[j:i].lower()
    return not (len(before) == 1 or before in _TITLE_ABBREVIATIONS)


def adjacent(text: str, left: Tok, right: Tok) -> bool:
    """Two words separated by one space (or a space and a middle initial's dot)."""
    gap = text[left.end : right.start]
    if left.possessive:
        return False
    return gap in (" ", ". ", "-") and not (gap == ". " and left.shape != "single")


@dataclass(frozen=True, slots=True)
class Document:
    """A text as the detectors read it: the words, their folded spellings, and the case
    style of each line."""

    text: str
    toks: list[Tok]
    lows: frozenset[str]  # every word's folded spelling, to skip rules whose words are absent
    line_starts: list[int]
    modes: list[str]  # per line: mixed, upper or lower
    where: dict[str, list[int]]  # each folded spelling's word starts, in order
    index: dict[int, int]  # a word's start -> its place in toks
    capitals: list[int]  # the places in toks of the words in capitals ("JM", "LEVI"), in order
    ascii: bool  # read the ASCII way (see ascii_safe): its patterns' ASCII twins serve
    # each hint's match starts, found once per text (several rules share a hint)
    hint_starts: dict[re.Pattern[str], list[int]] = field(default_factory=dict)
    skeletons: dict[str, str] = field(default_factory=dict)  # see Document.skeleton

    def fast(self, rx: re.Pattern[str]) -> re.Pattern[str]:
        """`rx`, or its ASCII twin when the text allows it: the same matches, sooner."""
        return ascii_twin(rx) if self.ascii else rx

    def after_words(self, words: frozenset[str]) -> list[int]:
        """The places in toks of the words that follow any of `words`, in order."""
        present = self.lows & words
        last = len(self.toks) - 1
        found = (self.index[start] + 1 for low in present for start in self.where[low])
        return sorted(i for i in found if i <= last)

    def places_of(self, words: frozenset[str] | set[str]) -> list[int]:
        """The places in toks of the words spelled as any of `words`, in order."""
        present = self.lows & words
        return sorted(self.index[start] for low in present for start in self.where[low])

    def mode_at(self, pos: int) -> str:
        return self.modes[bisect_right(self.line_starts, pos) - 1]

    def near(self, words: frozenset[str], before: int, after: int) -> list[tuple[int, int]]:
        """Merged stretches of text around each word in `words`: where a rule that needs one
        of them has to look (a long text is not read whole once per rule)."""
        present = self.lows & words
        if not present:
            return []
        if len(present) == 1:
            positions = self.where[next(iter(present))]
        else:
            positions = sorted(chain.from_iterable(self.where[low] for low in present))
        return windows(positions, len(self.text), before, after)

    def find_near(
        self, rx: re.Pattern[str], words: frozenset[str], before: int, after: int
    ) -> Iterator[re.Match[str]]:
        """Matches of `rx` in the stretches `near` gives."""
        return find_in(self.fast(rx), self.text, self.near(words, before, after))

    def around(self, hint: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
        """Merged stretches of text around each match of `hint`: a quick pattern (one that
        opens with a character or a class, which the engine skips to) found inside every
        match of the patterns read there. `after` must cover a match's end and whatever its
        lookahead reads (a lookahead does not see past a stretch's end)."""
        starts = self.hint_starts.get(hint)
        if starts is None:
            plain = skeleton_led(hint) if self.ascii else None
            if plain is None:
                found = self.fast(hint).finditer(self.text)
            else:
                found = plain.rx.finditer(self.skeleton(plain.skeleton))
            starts = self.hint_starts[hint] = list(map(_MATCH_START, found))
        return windows(starts, len(self.text), before, after)

    def holds(self, rx: re.Pattern[str]) -> bool:
        """Whether `rx` matches anywhere in the text: a rule's quick test before it reads
        the whole text (in a skeleton of the text when it can be, see skeleton_led)."""
        plain = skeleton_led(rx) if self.ascii else None
        if plain is None:
            return self.fast(rx).search(self.text) is not None
        return plain.rx.search(self.skeleton(plain.skeleton)) is not None

    def skeleton(self, table: Skeleton) -> str:
        """The text with each character of a class written as one of its members (see
        skeleton_led), made once per text."""
        made = self.skeletons.get(table.name)
        if made is None:
            made = self.skeletons[table.name] = self.text.translate(table.table)
        return made

    def line_openings(self, after: int) -> list[tuple[int, int]]:
        """The first `after` characters of every line, and the text's last ones: where a
        line opens or a message is signed."""
        starts = [*self.line_starts, max(0, len(self.text) - after)]
        return windows(sorted(starts), len(self.text), 0, after)

    def find_around(
        self, rx: re.Pattern[str], hint: re.Pattern[str], before: int, after: int
    ) -> Iterator[re.Match[str]]:
        """Matches of `rx` in the stretches `around` gives."""
        return find_in(self.fast(rx), self.text, self.around(hint, before, after))


_MATCH_START = re.Match.start  # (mapped over a hint's matches: no call of ours per match)


# A hint that opens with a class the engine can only test character by character (\d,
# [A-Z]) is found sooner in a copy of the text where that class's characters are all one
# character: it then opens with that character written plainly, which the engine finds the
# way str.find does. The same match starts, for a pattern that never tells one member of
# the class from another (no "9", no "[1-9]", no "M"; no letter in any case for capitals).
@dataclass(frozen=True)
class Skeleton:
    name: str
    opening: str  # the class as the pattern writes it, first
    plain: str  # the character standing for each of its members
    table: dict[int, str]


_DIGITS = Skeleton("digits", "\\d", "0", {ord(d): "0" for d in "123456789"})
_CAPITALS = Skeleton(
    "capitals",
    "[A-Z]",
    "A",
    {**_DIGITS.table, **{ord(c): "A" for c in "BCDEFGHIJKLMNOPQRSTUVWXYZ"}},
)


# The classes each skeleton writes as one character: digits; digits and capitals.
_CLASSES_CHANGED = {
    "digits": (range(ord("0"), ord("9") + 1),),
    "capitals": (range(ord("0"), ord("9") + 1), range(ord("A"), ord("Z") + 1)),
}


@dataclass(frozen=True)
class SkeletonLed:
    rx: re.Pattern[str]  # the hint opening with the plain character (ASCII, see ascii_safe)
    skeleton: Skeleton


# Each hint's skeleton form, by its text and flags (None: it has none).
_SKELETON_LED: dict[tuple[str, int], SkeletonLed | None] = {}


def skeleton_led(rx: re.Pattern[str]) -> SkeletonLed | None:
    """The hint `rx` as it reads a skeleton of an ASCII text, when it can (see Skeleton)."""
    key = (rx.pattern, rx.flags)
    if key not in _SKELETON_LED:
        _SKELETON_LED[key] = _skeleton_form(rx)
    return _SKELETON_LED[key]


def _skeleton_form(rx: re.Pattern[str]) -> SkeletonLed | None:
    for table in (_DIGITS, _CAPITALS):
        if not rx.pattern.startswith(table.opening):
            continue
        plain = table.plain + rx.pattern[len(table.opening) :]
        flags = rx.flags & ~re.UNICODE | re.ASCII
        original = _SRE.parse(rx.pattern, flags)
        rewritten = _SRE.parse(plain, flags)
        blind = _blind_to(original.data, table, bool(flags & re.IGNORECASE))
        # the same pattern but for its first node (not "\d1|\d2" read as "01|\d2")
        same_after = str(rewritten.data[1:]) == str(original.data[1:])
        if blind and same_after and rewritten.data[:1] == [(_SRE.LITERAL, ord(table.plain))]:
            return SkeletonLed(re.compile(plain, flags), table)
    return None


def _blind_to(items: Any, table: Skeleton, ignore_case: bool) -> bool:
    """Whether a parsed pattern reads every character `table` changes as its class does:
    no literal, range or back-reference that tells them apart (and, for capitals, no
    letter matched in any case)."""
    changed = {ord(table.plain), *table.table}
    for op, av in items:
        if op in (_SRE.LITERAL, _SRE.NOT_LITERAL):
            if av in changed or (ignore_case and table is _CAPITALS and chr(av).isalpha()):
                return False
        elif op is _SRE.RANGE:
            if ignore_case and table is _CAPITALS:
                return False
            for members in _CLASSES_CHANGED[table.name]:  # all of a class or none of it
                inside = [av[0] <= c <= av[1] for c in members]
                if any(inside) and not all(inside):
                    return False
        elif op in (_SRE.GROUPREF, _SRE.GROUPREF_EXISTS):
            return False
        else:
            case = ignore_case or (op is _SRE.SUBPATTERN and bool(av[1] & re.IGNORECASE))
            if not all(_blind_to(part, table, case) for part in _parts(op, av)):
                return False
    return True


def _parts(op: Any, av: Any) -> list[Any]:
    """The node sequences inside a parsed node (none in a character, a category, a
    boundary)."""
    if op is _SRE.IN or op is _SRE.ATOMIC_GROUP:
        return [av]
    if op is _SRE.SUBPATTERN:
        return [av[3]]
    if op is _SRE.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op is _SRE.ASSERT or op is _SRE.ASSERT_NOT:
        return [av[1]]
    return []


# Characters Unicode patterns read as spaces and ASCII ones do not: every other ASCII
# character is read the same both ways (its class, \w \d \s \b, and its case).
_UNICODE_ONLY_SPACES = "\x1c\x1d\x1e\x1f"


def ascii_safe(text: str) -> bool:
    """Whether a pattern's ASCII twin finds the same matches in `text` as the pattern: a
    text of ASCII characters, none of those above."""
    return text.isascii() and not any(space in text for space in _UNICODE_ONLY_SPACES)


# Each pattern's ASCII twin, by the pattern's text and flags: all a twin is made of (not by
# the pattern's identity: `id` is an audited event, and a pattern hashes its whole program).
# (each kept with its pattern, for the test that holds the two in step)
_ASCII_TWINS: dict[tuple[str, int], tuple[re.Pattern[str], re.Pattern[str]]] = {}


def ascii_twin(rx: re.Pattern[str]) -> re.Pattern[str]:
    """`rx` compiled the ASCII way: in an ascii_safe text, the same matches, found sooner
    (the engine reads a character's class and case from a table, not from the Unicode
    database)."""
    key = (rx.pattern, rx.flags)
    pair = _ASCII_TWINS.get(key)
    if pair is None:
        twin = re.compile(rx.pattern, rx.flags & ~re.UNICODE | re.ASCII)
        pair = _ASCII_TWINS[key] = (rx, twin)
    return pair[1]


# The regular-expression parser's tree (re._parser: the one the re module compiles from;
# read, never changed). Its nodes are (op, argument) pairs.
_SRE: Any = importlib.import_module("re._parser")
_REPEATS = frozenset({_SRE.MAX_REPEAT, _SRE.MIN_REPEAT, _SRE.POSSESSIVE_REPEAT})


# Letters that match another letter when case is ignored ("K", the Kelvin sign, is "k";
# "\u017f", the long s, is "s"; the Turkish i's): a text holding one is searched the plain way.
_CASE_FOLDING_ODDITIES = frozenset("\u212a\u017f\u0130\u0131")


def matches_among(
    rx: re.Pattern[str], text: str, candidates: Iterable[int], end: int | None = None
) -> list[re.Match[str]]:
    """The matches of `rx.finditer(text, 0, end)`, found by trying `rx` only at `candidates`,
    which must hold every place it can match: the same matches, in order, for a pattern
    whose branches the engine cannot skip to (a line's start, a word in any case) but code
    can find."""
    found: list[re.Match[str]] = []
    stop = len(text) if end is None else end
    after = 0  # where the last match ended: finditer goes on from there
    for at in sorted(set(candidates)):
        if at < after:
            continue
        m = rx.match(text, at, stop)
        if m is not None:
            found.append(m)
            after = max(m.end(), at + 1)
    return found


def starts_among(rx: re.Pattern[str], text: str, candidates: Iterable[int]) -> list[int]:
    """Where `rx.finditer(text)` matches (see matches_among): the starts of a hint."""
    return [m.start() for m in matches_among(rx, text, candidates)]


def places_of_any_case(text: str, literals: Iterable[str]) -> list[int] | None:
    """Every place one of the lower-case `literals` stands in `text`, in any case (None
    when the text holds a letter that folds oddly, see above)."""
    lowered = _lowered(text)
    return None if lowered is None else _places(lowered, literals, 0, len(text))


def _lowered(text: str) -> str | None:
    """`text` in lower case, letter for letter (None when a letter folds oddly)."""
    lowered = text.lower()
    # (each odd letter looked for in the text, not each of the text's letters in the set)
    if len(lowered) != len(text) or any(odd in text for odd in _CASE_FOLDING_ODDITIES):
        return None
    return lowered


def _places(lowered: str, literals: Iterable[str], start: int, end: int) -> list[int]:
    """Where each of `literals` stands whole between `start` and `end`."""
    found: list[int] = []
    for literal in literals:
        at = lowered.find(literal, start, end)
        while at >= 0:
            found.append(at)
            at = lowered.find(literal, at + 1, end)
    return found


# A pattern read over a whole text (or long stretches of it) opens, where it can, with a
# character or a class written plainly: the engine skips to such a character, and tries a
# pattern that opens with a boundary, a lookbehind, a repeat or a letter in any case at every
# position. The same matches, written so: "\b[A-Z]" as "[A-Z](?<!\w[A-Z])" (the boundary
# checked after the capital), "(?<!\d)\d{5}" as "\d(?<!\d\d)\d{4}", "\d{1,2}" as "\d\d?",
# "[Nn]inet" as "Ninet|ninet", "\(\d|\d," as "[(\d](?:(?<=\()\d|(?<=\d),)" (one class
# first, then the branch for the character read). Alternations of words in any case use
# at_word_starts or find_led.


def at_word_starts(rx: re.Pattern[str]) -> re.Pattern[str]:
    """`rx`, tried only where a word starts. For a long alternation whose every branch opens
    with a word boundary: the engine otherwise tries each branch at every character. When
    the words every match opens with can be read off the pattern (openings_of), find_in
    tries it only where one of them stands (see WordHeads)."""
    flags = re.match(r"\(\?[a-zA-Z]+\)", rx.pattern)  # global flags stay first
    head = flags.group() if flags else ""
    led_rx = re.compile(head + r"(?=\b\w)(?:" + rx.pattern[len(head) :] + ")", rx.flags)
    openings = openings_of(led_rx)
    # (a match opens where a word starts: an opening with a word character)
    if openings is not None and all(_WORD_CHAR.match(opening) for opening in openings):
        heads = WordHeads(frozenset(opening[:3] for opening in openings))
        for form in (led_rx, ascii_twin(led_rx)):
            _WORD_LED[(form.pattern, form.flags)] = heads
    return led_rx


_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")  # (a word opens where a run of word characters does)


@dataclass(frozen=True)
class WordHeads:
    """What every match of a pattern at_word_starts made opens with: a word whose first
    characters (lower case, three or the whole opening if shorter) are one of `keys`."""

    keys: frozenset[str]

    def places(self, starts: WordStarts) -> list[int]:
        """Where a word opens as one of this pattern's matches can, in order."""
        found: set[int] = set()
        for key in self.keys:
            found.update(starts.at(key))
        return sorted(found)


# The word heads of each pattern at_word_starts made (and of its ASCII twin), by its text
# and flags, for find_in (tests/cases/test_phi_text.py holds each in step with finditer).
_WORD_LED: dict[tuple[str, int], WordHeads] = {}


@dataclass(frozen=True)
class WordStarts:
    """Where the words of a text open, by their first three characters in lower case,
    whatever they are ("s/n" under "s/n"; at the text's end, fewer); by fewer when asked."""

    by_three: dict[str, list[int]]
    by_fewer: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    def at(self, key: str) -> list[int]:
        """Where a word opens with `key` (three characters or fewer)."""
        if len(key) >= 3:
            return self.by_three.get(key, [])
        index = self.by_fewer.get(len(key))
        if index is None:
            index = self.by_fewer[len(key)] = {}
            for opening, places in self.by_three.items():
                index.setdefault(opening[: len(key)], []).extend(places)
        return index.get(key, [])


@lru_cache(maxsize=2)
def word_starts(text: str) -> WordStarts | None:
    """The WordStarts of `text` (None when a letter folds oddly, see _lowered): read once
    per text, for find_in."""
    lowered = _lowered(text)
    if lowered is None:
        return None
    runs = ascii_twin(_WORD_RUN) if ascii_safe(text) else _WORD_RUN
    by_three: dict[str, list[int]] = {}
    for at in map(_MATCH_START, runs.finditer(lowered)):
        key = lowered[at : at + 3]
        places = by_three.get(key)
        if places is None:
            by_three[key] = [at]
        else:
            places.append(at)
    return WordStarts(by_three)


_ZERO_WIDTH = frozenset({_SRE.AT, _SRE.ASSERT, _SRE.ASSERT_NOT})
_MAX_HEADS = 512  # alternatives followed at once: past that, the heads stop growing

Head = tuple[str, bool]  # a literal opening, and whether what follows it may extend it


def openings_of(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The lower-case strings every match of `rx` opens with, one at least, read off its
    parse tree: literals, small classes of letters, groups, alternations, optional parts
    (None when some match may open otherwise, with a class like \\w or \\s, say). An opening
    another one starts with is left out: where it stands, the shorter one stands too."""
    heads = _heads(_SRE.parse(rx.pattern, rx.flags))
    if heads is None:
        return None
    found = sorted({head for head, _ in heads})
    if not found or not found[0]:
        return None
    kept: list[str] = []
    for opening in found:  # in order, an opening comes right after the shorter ones it extends
        if not any(opening.startswith(shorter) for shorter in kept[-8:]):
            kept.append(opening)
    return frozenset(kept)


def _heads(items: Any) -> list[Head] | None:
    """The openings of a sequence of parsed nodes (see openings_of)."""
    heads: list[Head] = [("", True)]
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a boundary or a look-around reads no character
        step = _node_heads(op, av)
        if step is None or len(heads) * len(step) > _MAX_HEADS:
            return [(head, False) for head, _ in heads]
        heads = [
            (head + more, going) if open_ else (head, False)
            for head, open_ in heads
            for more, going in (step if open_ else [("", False)])
        ]
        if not any(open_ for _, open_ in heads):
            break
    return heads


def _node_heads(op: Any, av: Any) -> list[Head] | None:
    """The openings of one parsed node, None when it opens with no literal."""
    if op is _SRE.LITERAL:
        return [(chr(av).lower(), True)]
    if op is _SRE.IN:
        if not all(kind is _SRE.LITERAL for kind, _ in av):
            return None  # a range, a category, a negation
        return [(letter, True) for letter in sorted({chr(value).lower() for _, value in av})]
    if op is _SRE.SUBPATTERN:
        return _heads(av[3])
    if op is _SRE.ATOMIC_GROUP:
        return _heads(av)
    if op is _SRE.BRANCH:
        alternatives = [_heads(branch) for branch in av[1]]
        if any(heads is None for heads in alternatives):
            return None
        return [head for heads in alternatives if heads is not None for head in heads]
    if op in _REPEATS:
        least, most, item = av
        inner = _heads(item)
        if inner is None:
            return None if least else [("", False)]
        once = [(head, open_ and most == 1) for head, open_ in inner]
        return once if least else [("", True), *once]
    return None


@dataclass(frozen=True)
class Led:
    """A pattern whose every match opens with one of `openings` (lower case, standing in any
    case in the text): find_led tries it only where one stands. For a long alternation of
    words the engine would otherwise try branch by branch at every word."""

    rx: re.Pattern[str]
    openings: frozenset[str]


# Every Led, for the test that holds each pattern and its openings in step
# (tests/cases/test_phi_text.py: find_led finds what finditer finds).
LED_PATTERNS: list[Led] = []


def led(rx: re.Pattern[str], openings: Iterable[str]) -> Led:
    """`rx` with the words its every match opens with (see Led), registered."""
    pattern = Led(rx, frozenset(openings))
    LED_PATTERNS.append(pattern)
    return pattern


def find_led(
    doc: Document, pattern: Led, spans: list[tuple[int, int]] | None = None
) -> Iterable[re.Match[str]]:
    """`pattern.rx.finditer(doc.text)` (or `find_in(pattern.rx, doc.text, spans)`), found by
    trying the pattern only where one of its openings stands (a match inside a stretch opens
    with one inside it)."""
    rx, text = doc.fast(pattern.rx), doc.text
    if spans is None:
        spans = [(0, len(text))]
    lowered = _lowered(text) if spans else None
    if lowered is None:
        return find_in(rx, text, spans)
    # each opening looked for once across the stretches (a place a match cannot open at,
    # where an opening runs past its stretch's end, only costs a try)
    places = sorted(_places(lowered, pattern.openings, spans[0][0], spans[-1][1]))
    return [
        m
        for start, end in spans
        for m in matches_among(
            rx, text, places[bisect_left(places, start) : bisect_left(places, end)], end
        )
    ]


def find_in(
    rx: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """Matches of `rx` inside each of `spans` (merged, so none is found twice); a pattern
    at_word_starts made is tried only where one of its opening words stands."""
    led_by = _WORD_LED.get((rx.pattern, rx.flags))
    starts = word_starts(text) if led_by is not None and spans else None
    if led_by is None or starts is None:
        for start, end in spans:
            yield from rx.finditer(text, start, end)
        return
    places = led_by.places(starts)
    for start, end in spans:
        yield from matches_among(
            rx, text, places[bisect_left(places, start) : bisect_left(places, end)], end
        )


def merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping or touching ones joined (for find_in)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def windows(positions: list[int], length: int, before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans of text from `before` characters ahead of each position to `after`
    characters past it, in order."""
    spans: list[tuple[int, int]] = []
    low = high = -1  # the span being grown (none yet), kept apart until the next one opens
    for position in positions:
        start = position - before if position > before else 0
        end = position + after if position + after < length else length
        if high < 0 or start > high:
            if high >= 0:
                spans.append((low, high))
            low, high = start, end
        elif end > high:
            high = end
    if high >= 0:
        spans.append((low, high))
    return spans


def read(text: str) -> Document:
    """The text as every detector reads it."""
    plain = ascii_safe(text)
    words = [(m.start(), m.group()) for m in (ascii_twin(_WORD) if plain else _WORD).finditer(text)]
    starts, modes = _line_modes(text, words)
    toks = _tokens(text, words, starts, modes)
    where: dict[str, list[int]] = {}
    index: dict[int, int] = {}
    capitals: list[int] = []
    for i, t in enumerate(toks):
        where.setdefault(t.low, []).append(t.start)
        index[t.start] = i
        if t.shape == "upper":
            capitals.append(i)
    return Document(text, toks, frozenset(where), starts, modes, where, index, capitals, plain)
