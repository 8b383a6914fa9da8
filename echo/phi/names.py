"""Whether a word starts a person's name, and where the name ends. Capitalisation is the
first cue in mixed-case text; in text all in capitals or all in lower case, names come from
the lists (a given name that is no English word) and from context alone. A listed word
that is also English ("Grace", "Will", "Summer") needs context either way."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from echo.phi.cues import AGE_APPOSITION, Cue, after_age, cue_after, said_of_child
from echo.phi.lexicon import (
    english,
    first_names,
    is_place_word,
    is_word,
    list_spelling,
    not_names,
    regions,
    surnames,
)
from echo.phi.text import Tok, adjacent
from echo.phi.vocabulary import (
    ACRONYMS,
    ARTICLES,
    COMPASS_POINTS,
    CREDENTIALS,
    DETERMINERS,
    EPONYM_NOUNS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    MONTHS,
    PATIENT_WORDS,
    PERSON_VERBS,
    RELATIONS,
    ROLES,
    SPEECH_VERBS,
    STREET_WORDS,
    word_set,
)

_PARTICLES = word_set("de del della der di da dos das du la le van von bin al ben")
# Sentence-opening verbs that are also given names ("See CareVue", "Will follow").
COMMON_VERBS = word_set(
    """see check call note ask follow continue monitor start stop give hold keep add read will
    may"""
)

# What says a given name that is a word stands for the word ("Will is the word she keeps
# using", "Faith is what keeps us going").
WORD_SENSE_AFTER = re.compile(r"\s+is\s+(?:what\b|(?:a|the)\s+(?:\w+\s+)?word\b)")
# Given names whose word sense often opens a sentence: they need more than "was" after them.
WORDY_NAMES = word_set(
    """summer autumn winter spring hope faith joy grace will may june april august case major king
    prince angel baby unique genesis trinity journey precious charity patience destiny justice
    liberty miracle heaven harmony melody serenity star sunny sky rain storm river brook forest
    stone chance mercy honesty promise karma reign royal legend story"""
)
_PLACE_PREPOSITIONS = word_set("in from to at near of outside around visiting via en desde")
_FAMILY_WORDS = word_set("family household twins")
_WORD_BEFORE_NOUN = word_set("the a an this that our my no any")


class _Listed(NamedTuple):
    """What the word lists say of a word."""

    first: bool  # a given name
    sur: bool  # a surname
    word: bool  # an English word
    stop: bool  # a word of the trade that looks like a name ("Vanderbilt", "Zoloft")


@lru_cache(maxsize=65536)
def _listed(low: str) -> _Listed:
    spelled = list_spelling(low)
    # "Mexican-American": a hyphenated word whose first part is a word of the trade
    stop = low in not_names() or ("-" in low and low.split("-")[0] in not_names())
    first = spelled in first_names() or (
        # "Aaliyah-Rose": given names joined into one, one of them no surname (not
        # "Stevens-Johnson", "Webster-Stratton": an eponym's two surnames)
        "-" in spelled
        and all(
            part in first_names() and part not in MONTHS and part not in COMPASS_POINTS
            for part in spelled.split("-")
        )
        and not all(part in surnames() for part in spelled.split("-"))
    )
    return _Listed(first, spelled in surnames(), is_word(low), stop)


@dataclass(slots=True)
class _Around:
    """The words around a candidate name, as the lexicon rules read them."""

    prev: Tok | None
    nxt: Tok | None
    adjacent_prev: bool
    adjacent_next: bool
    after: str | None  # cue_after: strong, verb or None
    is_region: bool  # a state or country: larger than a state, not an identifier
    place_before: bool  # "in", "from", "near"...: the word may be a place


# What sets a child's name off right after the age and sex ("13yo M, hunter, referred").
_AGE_JUST_BEFORE = re.compile(  # (opens with its character: see echo.phi.text)
    r"(?i)\d(?<!\w\d)\d?[ \t]*(?:yo|y/o|y\.o\.|-year-old)?(?:[ \t]*(?:[mf]|boy|girl|male|female))?"
    r",?[ \t]+$"
)
_SET_OFF_AFTER_NAME = re.compile(r"[ \t]*,|[ \t]+w/[ \t]|[ \t]*\([ \t]*\d")
_AGE_IN_BRACKETS = re.compile(r"[ \t]*\([ \t]*\d{1,2}[ \t]*\)")
# Words for a person that are given names too ("neighbor lady,", "the boyfriend guy,").
_PERSON_NOUNS = frozenset({"lady", "guy", "man", "gal", "fella", "kid", "baby", "girl", "boy"})
# "16 yo boy, junior, depression": the school year, not a name.
_SCHOOL_YEARS = frozenset({"freshman", "sophomore", "junior", "senior"})


def starts_name(text: str, toks: list[Tok], i: int, cue: Cue | None) -> bool:
    """Whether toks[i] starts a name, given the cue before it (if any)."""
    t = toks[i]
    low = t.low
    if low != t.text.lower() and t.text.lower() in not_names():
        return False  # "la mamá está en": the accent tells the word from the name ("Esta")
    mixed = t.mode == "mixed"
    if (
        mixed
        and t.shape == "lower"
        and cue is not None
        and (
            cue.kind in ("doctor", "title", "relation", "named")
            or (cue.kind == "role" and cue.start != t.start)  # "CPS worker ms tanaka"
            # "the 15yo rylee from st pius": a listed given name, no word, after the age;
            # "16 y/o keyshawn presents": one no list has, with what is said of the child
            or (
                cue.kind == "patient"
                and not is_word(t.low)
                and (
                    t.low in first_names()
                    or (
                        len(low) > 3
                        and low not in not_names()
                        and low not in FUNCTION_WORDS
                        and said_of_child(text, toks, i)
                        and after_age(text, toks, i)
                    )
                )
            )
            # "13yo M, hunter, referred", "6 yo girl grace w/ selective mutism": a given name
            # that is also a word, set off right after the age and sex
            or (
                cue.kind == "patient"
                and t.low in first_names()
                and low not in FUNCTION_WORDS
                and low not in not_names()
                and _AGE_JUST_BEFORE.search(text, max(0, t.start - 24), t.start) is not None
                and _SET_OFF_AFTER_NAME.match(text, t.end) is not None
            )
        )
    ):
        # "Dr. lindquist", "daughters sarah and margie": a lower-case name after a cue;
        # "brother chase (16)": a given name that is also a word, with the age after it
        aged = (
            cue.kind in ("relation", "patient")
            and t.low in first_names()
            and t.low not in _PERSON_NOUNS  # "(neighbor lady, Mrs. Wozniak)"
            and (
                _AGE_IN_BRACKETS.match(text, t.end) is not None
                or _SET_OFF_AFTER_NAME.match(text, t.end) is not None
            )
        )
        if not aged and not _lower_case_name(low, cue):
            return False
        mixed = False
    elif (
        mixed
        and t.shape == "upper"
        and cue is not None
        and cue.kind == "patient"
        and after_age(text, toks, i)  # not "Pt MAE" (moves all extremities)
    ):
        mixed = False  # "14 yo DESTINY, school refusal": a given name in capitals
    elif mixed and t.shape != "title":
        return False
    if not mixed and (len(low) < 2 or not low.replace("-", "").isalpha()):
        return False
    listed = _listed(low)
    if cue is not None and cue.kind in ("doctor", "title", "role", "named", "relation"):
        if cue.kind == "relation" and mixed and _word_named_by_relation(text, toks, i, listed):
            return True
        if (
            cue.kind == "relation"
            and low in _MONTHS_AS_NAMES
            and text[toks[i - 1].end : t.start] == " "
            and cue_after(text, t, toks, i) is not None
        ):
            return True  # "grandma june has custody now": a month that names her
        return _cued_name(t, mixed, cue, listed)
    if _reserved(low):
        return False
    if (
        cue is not None
        and cue.kind == "patient"
        and (
            (listed.first and not listed.word and not listed.stop)
            # "the 16yo Hope", "8 yo girl Waya": capitalised after the age, a given name
            # even when a word, or a word that is none
            or (
                mixed
                and t.shape == "title"
                and not listed.stop
                and (listed.first or not listed.word)
            )
            # "15yo boy Tanner Kjelstad": a listed given name that is also a word of the trade,
            # after the age and before a surname no word
            or (
                mixed
                and t.shape == "title"
                and listed.first
                and listed.stop
                and i + 1 < len(toks)
                and toks[i + 1].shape == "title"
                and text[t.end : toks[i + 1].start] == " "
                and not is_word(toks[i + 1].low)
                and toks[i + 1].low not in not_names()
            )
            # "Patient Woodly, 6, called": a capitalised word set off with the age after it
            or (
                mixed
                and t.shape == "title"
                and not listed.stop
                and i
                and toks[i - 1].low in ("patient", "pt", "client")
                and AGE_APPOSITION.match(text[t.end : t.end + 40]) is not None
            )
            # "14 yo F Addison, her TikTok": a given name that is also an eponym, set off
            # after the age and sex
            or (
                mixed
                and t.shape == "title"
                and listed.first
                and not t.possessive
                and text[t.end : t.end + 1] == ","
                and after_age(text, toks, i)
            )
            # "12yo journey w restrictive eating", "14 yo DESTINY, school refusal": a given
            # name that is also a word, where what follows is said of the child
            or (
                t.shape in ("lower", "upper")
                and listed.first
                and not listed.stop
                and low not in FUNCTION_WORDS
                and low not in _SCHOOL_YEARS
                and said_of_child(text, toks, i)
            )
        )
    ):
        return True
    return _lexicon_name(text, toks, i, mixed, listed)


# Months that are given names ("may" is a verb too: never read so).
_MONTHS_AS_NAMES = word_set("april june august")


def _word_named_by_relation(text: str, toks: list[Tok], i: int, listed: _Listed) -> bool:
    """ "Mom Kestrel is thrilled", "her brother Ranger says": a capitalised word that is also
    an English word, inside a sentence between a relation word and what a person does."""
    t = toks[i]
    low = t.low
    relative = toks[i - 1]  # the relation word's cue stands right before it
    return (
        t.shape == "title"
        and not t.sentence_start
        and not t.possessive
        and text[relative.end : t.start] == " "
        and text[relative.start - 1 : relative.start] != "-"  # "Child-Parent Psychotherapy"
        and listed.word
        and not listed.stop
        and not _reserved(low)
        and low not in FUNCTION_WORDS
        and low not in COMMON_VERBS
        and low not in SPEECH_VERBS
        and low not in PERSON_VERBS
        and cue_after(text, t, toks, i) is not None
    )


def _lower_case_name(low: str, cue: Cue) -> bool:
    if len(low) < 3 or low in FUNCTION_WORDS or low in not_names():
        return False
    if is_word(low) and (cue.kind == "relation" or low not in surnames()):
        return False
    return not (cue.kind == "relation" and list_spelling(low) not in first_names())


# Words with another use here (a function word, a relation, a role, a month...), in one set.
_RESERVED = frozenset(
    FUNCTION_WORDS
    | RELATIONS.keys()
    | PATIENT_WORDS
    | INSTITUTION_WORDS
    | CREDENTIALS
    | ROLES.keys()
    | MONTHS.keys()
    | EPONYM_NOUNS
)


def _reserved(low: str) -> bool:
    """A word with another use here (a function word, a relation, a role, a month...): a
    name only when capitalised, listed as a given name and after a cue."""
    return low in _RESERVED


def _cued_name(t: Tok, mixed: bool, cue: Cue, listed: _Listed) -> bool:
    """After "Dr.", "Mrs.", a role, "named" or a relation word."""
    low = t.low
    reserved = _reserved(low)
    # "CPS worker ms tanaka": a title after the role makes the next word a name
    if cue.kind in ("doctor", "title") or (cue.kind == "role" and cue.start != t.start):
        if reserved and not (mixed and listed.first and low not in MONTHS):
            return False
        return mixed or not listed.word or listed.sur or listed.first
    if reserved and not (mixed and listed.first):
        return False
    if listed.stop and not listed.first:
        return False
    if mixed:
        # "Mom calls him Boo", "named Peanut": after "named" or "calls him" any capitalised
        # word is the name
        return not listed.word or listed.first or listed.sur or cue.kind == "named"
    if len(t.text) < 3:
        return False
    if listed.word:
        # "son bill" but not "wife said", "mom given"
        return (
            listed.first
            and low not in _PERSON_NOUNS  # "neighbor lady, who is kind"
            and low not in PERSON_VERBS
            and low not in SPEECH_VERBS
            and not low.endswith(("ed", "ing", "en"))
        )
    # ("5 yo named zephyrine": after "named", a word no dictionary has is the name)
    return (
        listed.first
        or listed.sur
        or cue.kind == "named"
        or (cue.kind == "role" and len(low) > 3 and t.mode == "upper")
    )


_FIELD_NUMBER = re.compile(r"[ \t]*(?:#|No\.)")
# What makes the word after it a common noun ("team doc", "our judge").
_NOUN_BEFORE = DETERMINERS | word_set("his her their team school family")


def _lexicon_name(text: str, toks: list[Tok], i: int, mixed: bool, listed: _Listed) -> bool:
    """A name from the lists, with the context that rules out the word or the place."""
    t = toks[i]
    if t.low in COMMON_VERBS or len(list_spelling(t.low)) < 3:
        return False
    if listed.stop or t.text in ACRONYMS:
        if not listed.first:
            return False
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        # "the referral for Tanner Lisowski": a listed given name before a surname no word,
        # whatever else the word names (Tanner stages)
        surnamed = (
            mixed
            and t.shape == "title"
            and nxt is not None
            and nxt.shape == "title"
            and text[t.end : nxt.start] == " "
            and nxt.low in surnames()
            and not is_word(nxt.low)
            and nxt.low not in not_names()
        )
        if surnamed:
            return True
        prev = toks[i - 1] if i else None
        if prev is not None and prev.low in _NOUN_BEFORE and text[prev.end : t.start] == " ":
            return False  # "team doc says fine", "the Judge said": the word, not a name
        return cue_after(text, t, toks, i) == "strong"
    if listed.word and _FIELD_NUMBER.match(text, t.end):
        return False  # "Case #: 01-AC-448213": a field's label
    after = cue_after(text, t, toks, i)
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i > 0 else None
    around = _Around(
        prev=prev,
        nxt=nxt,
        adjacent_prev=prev is not None and adjacent(text, prev, t),
        adjacent_next=nxt is not None and adjacent(text, t, nxt),
        after=after,
        is_region=t.low in regions(),
        place_before=prev is not None and prev.low in _PLACE_PREPOSITIONS,
    )
    if (
        around.adjacent_next
        and nxt is not None
        and (nxt.low in EPONYM_NOUNS or nxt.low in INSTITUTION_WORDS or nxt.low in STREET_WORDS)
    ):
        return False
    if t.possessive and nxt is not None and nxt.low in EPONYM_NOUNS:
        return False
    if not mixed:
        return _one_case_name(t, around, listed)
    return _mixed_case_name(t, around, listed)


def _one_case_name(t: Tok, around: _Around, listed: _Listed) -> bool:
    """One-case text: only a given name that is no English word, or a word with context."""
    nxt = around.nxt
    if (
        listed.first
        and len(t.text) > 3
        and not listed.word
        and not around.is_region
        and not (around.place_before and is_place_word(t.low))
    ):
        return True
    if (
        listed.first
        and not around.is_region
        and around.after is None
        and nxt is not None
        and around.adjacent_next
        and (
            nxt.low in surnames()
            and not is_word(nxt.low)
            and len(nxt.low) > 3
            and t.low not in COMMON_VERBS
            and t.low not in SPEECH_VERBS
            and t.low not in PERSON_VERBS
            and nxt.low not in not_names()
        )
    ):
        return True  # "HANK PRZYBYLO"
    return around.after == "strong" and listed.first and not around.is_region


def _mixed_case_name(t: Tok, around: _Around, listed: _Listed) -> bool:
    """Mixed-case text: a capitalised word, listed or not, read with its neighbours."""
    prev, nxt = around.prev, around.nxt
    if (around.adjacent_prev and prev is not None and f"{prev.low} {t.low}" in regions()) or (
        around.adjacent_next and nxt is not None and f"{t.low} {nxt.low}" in regions()
    ):
        return False  # "Puerto Rico", "New Jersey"
    if listed.first and not listed.word and not around.is_region:
        if around.place_before and is_place_word(t.low) and around.after is None:
            return False
        return not (prev is not None and prev.low in ARTICLES and not around.adjacent_next)
    if (
        listed.first
        and around.adjacent_next
        and nxt is not None
        and nxt.shape == "title"
        and t.low not in COMMON_VERBS
        and not is_word(nxt.low)
        and nxt.low not in not_names()
        and nxt.low not in regions()
    ):
        return True  # "Hank Przybylo"
    if listed.first:
        return _first_name_that_is_a_word(t, around)
    family_next = around.adjacent_next and nxt is not None and nxt.low in _FAMILY_WORDS
    if listed.sur and not listed.word and not around.is_region:
        return around.after == "strong" or family_next
    if not listed.word and not around.is_region and not is_place_word(t.low):
        return _unknown_word_name(t, around, family_next)
    return False


def _first_name_that_is_a_word(t: Tok, around: _Around) -> bool:
    """A capitalised given name that is also an English word or a state ("Grace", "Georgia")."""
    prev, nxt = around.prev, around.nxt
    if not t.text.isascii() and t.text.lower() not in english():
        return True  # "\u00c1ngel is back in school": the name as its language spells it
    if around.after == "verb" and t.sentence_start and t.low in WORDY_NAMES:
        return False  # "Summer was hard", "Hope is"
    if around.after is not None:
        # "Tennessee has a program": a state with a verb is the state, unless an age or a
        # relation says otherwise ("Georgia, 12,")
        return not (around.is_region and around.after != "strong")
    if nxt is not None and around.adjacent_next and nxt.low in ("period", "periods"):
        return False  # "Grace period"
    if t.sentence_start or around.is_region:
        return False
    if prev is not None and prev.low in _WORD_BEFORE_NOUN:
        return False  # "the Summer", "no Joy in anything"
    # A capitalised common word inside a title ("Summer Camp", "Major Depressive").
    if (
        around.adjacent_next
        and nxt is not None
        and nxt.shape == "title"
        and (is_word(nxt.low) or nxt.low in not_names())
        and nxt.low not in surnames()
    ):
        return False
    if (
        t.low in WORDY_NAMES
        and nxt is not None
        and around.adjacent_next
        and nxt.shape == "lower"
        and nxt.low not in PERSON_VERBS
        and nxt.low not in FUNCTION_WORDS
        and not nxt.low.endswith("ed")  # "saying Hope posted a goodbye": what she did
        and not t.possessive
    ):
        return False  # "Summer bridge programs", "in Faith communities": the word before a noun
    return not (
        prev is not None
        and around.adjacent_prev
        and prev.shape == "title"
        and not prev.sentence_start
        and is_word(prev.low)
        and prev.low not in first_names()
    )


def _unknown_word_name(t: Tok, around: _Around, family_next: bool) -> bool:
    """An unknown capitalised word: a name if a person cue follows, if it is possessed
    ("Xiomara's grades"), or if a listed surname follows ("Xiomara Quispe")."""
    nxt = around.nxt
    surname_next = (
        around.adjacent_next
        and nxt is not None
        and nxt.shape == "title"
        and nxt.low in surnames()
        and not is_word(nxt.low)
        and nxt.low not in not_names()
    )
    possessed = (
        t.possessive
        and around.after == "verb"
        and len(t.low) > 3
        and sum(c in "aeiouy" for c in t.low) > 1  # not "Abg's", "Hct's"
    )
    return around.after == "strong" or family_next or surname_next or possessed


def extend_name(text: str, toks: list[Tok], i: int, strong: bool = False) -> int:
    """Index of the last word of the name that starts at toks[i]: "Maya J. Lopez-Garcia".
    After a strong cue ("Dr.", "Mrs.") a listed surname may also be an English word."""
    mixed = toks[i].mode == "mixed" and toks[i].shape != "lower"
    first, sur, stop = first_names(), surnames(), not_names()
    j = i
    while j + 1 < len(toks) and j - i < 3:
        cur, nxt = toks[j], toks[j + 1]
        if cur.possessive:
            break
        gap = text[cur.end : nxt.start]
        if gap not in ((" ", ". ", ".") if cur.shape == "single" else (" ", "-")):
            break
        low = nxt.low
        if (
            low in FUNCTION_WORDS
            or low in INSTITUTION_WORDS
            or low in MONTHS
            or low in RELATIONS
            or low in CREDENTIALS
            or low in PATIENT_WORDS
            or low in EPONYM_NOUNS
            or low in ROLES
            or nxt.sentence_start
        ):
            break
        if nxt.shape == "single":
            if (nxt.text in ("I", "A") or not mixed) and text[nxt.end : nxt.end + 1] != ".":
                break
        elif mixed:
            if nxt.shape != "title" or (low in stop and low not in sur):
                break
        elif not (
            (low in sur or low in first)
            # after "Dr." a capitalised word of the lists; typed in lower case, no word
            # ("call ms. kowalski back": "back" is a surname too)
            and ((strong and nxt.shape != "lower") or not is_word(low))
        ):
            break
        j += 1
    while j > i and toks[j].low in _PARTICLES:
        j -= 1
    return j
