"""Initials: "Mr. S.", "J.M." (not "A.M." or "C.O."), capitals without dots only as a
person ("JM, 14,", "JM's mother", "pt: DJ", "initials JM"), and names led by an initial
("J. Smith", "Dr. J. Smith")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from echo.phi.clinicians import CLINICIAN_AFTER
from echo.phi.cues import AGE_APPOSITION, TITLES, Cue
from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.lexicon import first_names, is_word, not_names, surnames
from echo.phi.names import extend_name
from echo.phi.priority import Priority
from echo.phi.text import Document, Tok, adjacent, at_word_starts, find_in, merged, windows
from echo.phi.vocabulary import (
    ACRONYMS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    MONTHS,
    PATIENT_WORDS,
    PERSONS_THINGS,
    RELATIONS,
    US_STATE_ABBREVIATIONS,
    relation,
    word_set,
)

# Abbreviations with dots that are no person's initials.
DOTTED_ABBREVIATIONS = word_set(
    """U.S.C. C.F.R.
    U.S. U.K. A.M. P.M. M.D. D.O. R.N. N.P. P.A. B.A. B.S. M.A. M.S. E.R. O.T. P.T. I.V. I.M.
    O.D. O.S. O.U. P.O. N.P.O. B.I.D. T.I.D. Q.I.D. Q.H.S. P.R.N. A.D.H.D. O.C.D. P.T.S.D.
    C.B.T. D.B.T. I.E.P. D.C. N.Y. L.A. S.F. U.S.A. J.D. M.B.A. M.S.W. R.N.C. C.P.S. B.P. C.O.
    C.I. H.O. P.S. A.C. U.O. O.R. I.D. G.I. G.U. N.G. O.G. E.D. E.T. R.T. S.L. P.R. N.S. L.R.
    D.S. S.C. I.C.U. P.I.C.U. N.I.C.U. E.E.G. M.R.I. C.T. E.K.G. A.S.D. O.D.D. S.I. H.I. B.M.
    A.B.A. L.D. D.D. S.S.I. W.I.C. R.S.V. T.B. H.S. M.S. J.V. P.E. A.P. K.G. P.K. Y.O. D.O.B.
    M.R.N. N.B. E.G. I.E. V.S. A.K.A. R.S.V.P. O.K. T.V. P.C.P. S.W. H.R. R.R. B.S. P.T.A.
    P.T.O. N.C. D.L. T.O. H.L. I.S. T.D. V.O. S.S. R.A. L.A. R.L. L.L. R.U. L.U. A.V. V.A. M.I.
    C.A. A.F. S.B. S.T. L.E. U.E. B.S. C.P. A.O. D.T. C.T.A. N.T. D.N.R. D.N.I. A.M.A. N.K.D.A.
    C.A.T."""
)


_AGE_BEFORE_SEX = re.compile(
    r"(?i)\d[ \t]*(?:yo|y/o|y\.o\.|yrs?|years?[ \t]+old|-year-old)?,?[ \t]*$"
)


def initial_led(text: str, toks: list[Tok], i: int, cue: Cue | None) -> Hit | None:
    """'Mr. S.' (initials), 'J. Smith' / 'Dr. J. Smith' (a name led by an initial)."""
    t = toks[i]
    dot = text[t.end : t.end + 1] == "."
    if cue is not None and cue.kind in ("title", "doctor", "role") and cue.start < t.start:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not adjacent(text, t, nxt) or nxt.shape not in ("title", "upper"):
            if not dot and text[t.end : t.end + 1].isalnum():
                return None
            kind = "initials" if cue.kind == "title" else "clinician"
            suggestion = SUGGESTIONS["initials"] if kind == "initials" else cue.suggestion
            priority = Priority.INITIALS_AFTER_CUE if kind == "initials" else Priority.CLINICIAN
            return Hit(cue.start, t.end + (1 if dot else 0), kind, priority, suggestion)
    titled = cue is not None and cue.kind in ("doctor", "role", "title")
    if (not dot and not titled) or i + 1 >= len(toks):
        return None
    nxt = toks[i + 1]
    if text[t.end : nxt.start] not in ((". ", ".", " ") if titled else (". ", ".")):
        return None
    if t.text in ("M", "F") and _AGE_BEFORE_SEX.search(text, max(0, t.start - 16), t.start):
        return None  # "10 YO F. ENURESIS + ANXIETY": the sex after the age, no initial
    per = i > 0 and toks[i - 1].low in ("per", "by") and text[toks[i - 1].end : t.start] == " "
    low = nxt.low
    mixed = t.mode == "mixed"
    if (mixed and nxt.shape != "title") or len(nxt.text) < (3 if mixed else 4):
        return None
    if (
        low in FUNCTION_WORDS
        or low in RELATIONS
        or low in MONTHS
        or low in not_names()
        or low in INSTITUTION_WORDS
        or low in PATIENT_WORDS
    ):
        return None
    j = extend_name(text, toks, i + 1)
    aware = CLINICIAN_AFTER.match(text[toks[j].end : toks[j].end + 16]) is not None
    unlisted = (
        not (low in surnames() or (not mixed and low in first_names()))
        or is_word(low)
        or (not mixed and len(nxt.text) < 4)
    )
    # "Patient: T. Redcloud": after the patient word, an initial and a name that is no word
    patient = cue is not None and cue.kind == "patient" and not is_word(low)
    if unlisted and not (
        aware or titled or patient or (per and len(nxt.text) > 3 and not is_word(low))
    ):
        return None
    kind = "clinician" if (cue and cue.kind in ("doctor", "role")) or aware or per else "name"
    start = cue.start if cue and cue.kind in ("doctor", "role", "title") else t.start
    suggestion = cue.suggestion if cue else SUGGESTIONS["name"]
    priority = Priority.CLINICIAN if kind == "clinician" else Priority.NAME
    return Hit(start, toks[j].end, kind, priority, suggestion)


_DOTTED_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])")
# "re pt j.r. 10yo, brother k.r. 12": initials typed in lower case with their dots.
_LOWER_DOTTED = re.compile(r"(?<![\w.])[a-z]\.[a-z]\.(?![\w.])")
_NOT_LOWER_INITIALS = frozenset({"e.g.", "i.e.", "a.m.", "p.m.", "p.o.", "q.d.", "b.i.", "o.d."})


def _removed(m: re.Match[str], group: str = "id") -> Hit:
    """The initials a pattern's group ("id" unless named) found, to be removed."""
    return Hit(
        m.start(group), m.end(group), "initials", Priority.BARE_INITIALS, "[initials removed]"
    )


def bare_initials(doc: Document) -> Iterator[Hit]:
    """'J.M.' unless it is an abbreviation ('A.M.', 'C.O.'); capitals without dots ('JM') only
    as a person: 'JM, 14,', "JM's mother", 'initials JM'."""
    text, toks = doc.text, doc.toks
    for m in doc.find_around(_DOTTED_INITIALS, _DOTTED_HINT, 2, 12):
        if re.sub(r"\s", "", m.group()) in DOTTED_ABBREVIATIONS and not _person_around(text, m):
            continue
        if re.search(r"(?i)\b(?:dr|mr|mrs|ms)\.?\s*$", text[max(0, m.start() - 5) : m.start()]):
            continue
        yield Hit(
            m.start(),
            m.start() + len(m.group().rstrip()),
            "initials",
            Priority.BARE_INITIALS,
            "[initials removed]",
        )
    for m in doc.find_around(_LOWER_DOTTED, _LOWER_DOTTED_HINT, 3, 8):
        if m.group() not in _NOT_LOWER_INITIALS and m.group().upper() not in DOTTED_ABBREVIATIONS:
            yield Hit(m.start(), m.end(), "initials", Priority.BARE_INITIALS, "[initials removed]")
    for i in doc.capitals:
        t = toks[i]
        if t.mode == "upper" or not 2 <= len(t.text) <= 3:
            continue
        if t.text in ACRONYMS or t.text in US_STATE_ABBREVIATIONS:
            continue
        if t.text in _POSITIONS and i and text[toks[i - 1].end : t.start] == " (":
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            (t.possessive and nxt is not None and nxt.low in RELATIONS)
            or (not t.possessive and AGE_APPOSITION.match(text[t.end : t.end + 40]))
            # "KM - 16 yo"
            or (
                not t.possessive
                and _DASHED_AGE.match(text, t.end) is not None
                and t.text not in _NOT_INITIALS
                and t.text not in _SERVICES
            )
            # "The son, JJ, is 6", "her brother (TJ)": capitals set off after a relation
            or (
                not t.possessive
                and i
                and toks[i - 1].low in RELATIONS
                and text[toks[i - 1].end : t.start] in (", ", " (")
                and text[t.end : t.end + 1] in (",", ")")
                and t.low not in RELATIONS  # "(mom, MGM)": a grandmother
                and t.low not in TITLES  # "father, SFC, on his third deployment": his rank
                and t.text not in _NOT_INITIALS
                and t.text not in _SERVICES
            )
            # "KB's best friend", "DJP was brought in", "JP has slept": a person's initials
            or (
                t.text not in _NOT_INITIALS
                and (
                    (t.possessive and nxt is not None and nxt.low in PERSONS_THINGS)
                    or _PERSON_VERB_AFTER.match(text, t.end) is not None
                    or _spoken_of(text, t)
                )
            )
        ):
            yield Hit(t.start, t.end, "initials", Priority.BARE_INITIALS, SUGGESTIONS["initials"])
    for m in doc.find_around(_GIVEN_INITIAL_AGE, _GIVEN_INITIAL_HINT, 24, 16):
        low = m.group("given").lower()
        # (a given name that is a word, even a modal: "Will T.")
        if low not in RELATIONS and low not in _NOT_GIVEN:
            yield Hit(
                m.start(), m.end("id"), "initials", Priority.INITIALS, SUGGESTIONS["initials"]
            )
    for m in doc.find_around(_INITIALS_AFTER_AGE, _AGE_UNIT_HINT, 4, 50):
        group = "id" if m.group("id") else "id3"
        if m.group(group) not in ACRONYMS and m.group(group) not in _NOT_INITIALS:
            yield _removed(m, group)
    patient = doc.near(_PATIENT_CUE_WORDS, 2, 40) + doc.around(_PAREN_INITIALS_HINT, 1, 6)
    for m in find_in(doc.fast(_INITIALS_AFTER_PATIENT), text, merged(patient)):
        group = next(name for name in ("a", "c", "b", "d", "e") if m.group(name))
        at = doc.index.get(m.start(group))
        if at is not None and toks[at].mode == "upper":
            continue  # in shouted notes any word looks like initials
        if group == "b" and m.group(group) in _POSITIONS:
            continue  # "Jaden (QB)": the player's position
        if m.group(group) not in ACRONYMS and m.group(group) not in _NOT_INITIALS:
            yield Hit(
                m.start(group),
                m.end(group),
                "initials",
                Priority.INITIALS_AFTER_PATIENT,
                SUGGESTIONS["initials"],
            )
    for m in doc.find_around(_LOWER_INITIALS_BEFORE_AGE, _SHORT_NUMBER_HINT, 8, 16):
        letters = m.group("id")
        if letters in _SHORTHAND or is_word(letters) or relation(letters):
            continue  # ("great gma 91 yrs": a grandmother)
        if (
            not re.match(
                r"\s*[,(]?\s*\d{1,2}\s*(?:yo|y/o|y\.o\.|yrs?|years?|[mf])\b", text[m.end("id") :]
            )
            and text[max(0, m.start() - 1) : m.start()] != "("
            and not doc.fast(_CHILD_BEFORE).search(text, max(0, m.start() - 8), m.start())
        ):
            continue  # "(jw, 9)", "kid dj 6" may leave the unit out; elsewhere the age needs one
        yield _removed(m)
    for m in doc.find_around(_LOWER_INITIALS_OWNING, _POSSESSIVE_HINT, 4, 28):
        letters = m.group("id")
        if not (letters in _SHORTHAND or letters in FUNCTION_WORDS or is_word(letters)):
            yield _removed(m)
    for m in doc.find_around(_LOWER_INITIALS_AFTER_AGE, _AGE_UNIT_HINT, 4, 40):
        letters = m.group("id")
        if not (letters in _SHORTHAND or letters in FUNCTION_WORDS or is_word(letters)):
            yield Hit(
                m.start("id"), m.end(), "initials", Priority.BARE_INITIALS, "[initials removed]"
            )
    for m in chain(
        find_in(doc.fast(_LOWER_INITIALS_AFTER_PT), text, _near_words(toks, _PT_WORDS, len(text))),
        find_in(doc.fast(_LOWER_INITIALS_OPENING), text, doc.line_openings(24)),
    ):
        letters = m.group("id")
        if not (letters in _SHORTHAND or letters in FUNCTION_WORDS or is_word(letters)):
            yield Hit(
                m.start("id"),
                m.end("id"),
                "initials",
                Priority.BARE_INITIALS,
                SUGGESTIONS["initials"],
            )
    for m in doc.find_near(_INITIALS_ABOUT, _ABOUT_WORDS, 12, 24):
        letters = m.group("id")
        if doc.mode_at(m.start("id")) == "upper":
            continue  # "PT ALSO UPDATE ON POC": in shouted notes any word looks like initials
        if letters not in ACRONYMS and letters not in _NOT_INITIALS and letters not in _SERVICES:
            yield _removed(m)
    for m in doc.find_around(_ONE_INITIAL, _ONE_INITIAL_HINT, 3, 40):
        before = text[max(0, m.start() - 12) : m.start()]
        if doc.mode_at(m.start()) == "upper" or _LETTER_NAMES_THING.search(before):
            continue  # "vitamin D. Has", "Plan B. was": a letter that names a thing
        yield _removed(m)
    for m in doc.find_around(_LISTED_INITIALS, _AGE_UNIT_OR_SEX_HINT, 8, 12):
        if m.group("id") not in ACRONYMS and m.group("id") not in _NOT_INITIALS:
            yield _removed(m)
    for m in doc.find_around(_SLASHED_INITIALS, _SLASHED_HINT, 3, 12):
        if m.group("id") not in ACRONYMS and m.group("id") not in _NOT_INITIALS:
            yield _removed(m)
    for m in doc.fast(_CAPITALS_EXPLAINED).finditer(text) if "(the " in text else ():
        group = "id" if m.group("id") else "pair"
        if m.group(group) not in ACRONYMS and m.group(group) not in _NOT_INITIALS:
            yield _removed(m, group)
    for m in doc.fast(_INITIALS_BY_NUMBER).finditer(text) if "(" in text else ():
        if m.group("id") not in ACRONYMS and m.group("id") not in _NOT_INITIALS:
            yield _removed(m)
    for m in doc.fast(_INITIALS_SET_OFF).finditer(text) if "(" in text else ():
        letters = m.group("id")
        aged = m.group()[len(letters) + 2 :].lstrip(" \t")[:1].isdigit()
        state = letters in US_STATE_ABBREVIATIONS and letters not in ACRONYMS
        if letters in _POSITIONS:
            continue  # "the linebacker (LB, 17)": the player's position
        if doc.mode_at(m.start()) != "upper" and (
            not not_initials(letters) or (state and aged and letters not in _SERVICES)
        ):
            yield _removed(m)  # ("(AK, 14)": a state's letters with an age are a child's)
    for m in doc.fast(_SIGNED_INITIALS).finditer(text, max(0, len(text) - 20)):
        letters = m.group("id")
        if letters.islower() and (letters in _SHORTHAND or is_word(letters)):
            continue  # "- pls", "- thx": a word, not initials
        letters = letters.upper() if letters.islower() else letters
        if not (
            letters in ACRONYMS
            or letters in _NOT_INITIALS
            or letters in _SERVICES
            or (len(letters) > 2 and is_word(letters.lower()))
            or letters in ("OK", "NO", "HI", "SO", "GO", "IT", "ME", "US", "UP")
        ):
            yield _removed(m)
    for m in doc.fast(_INITIALS_CUE).finditer(text) if "initials" in text.lower() else ():
        yield Hit(
            m.start("id"), m.end("id"), "initials", Priority.BARE_INITIALS, SUGGESTIONS["initials"]
        )


# "saw JT again", "Update on KT:", "remember EH from", "bringing TJ to": capitals where a
# person is seen, presented or brought, set off after it.
_SEEN_BEFORE = re.compile(
    r"(?i:\b(?:update\s+on|remember|presenting|presented\s+by|bringing|saw))[ \t]+$"
)
_SET_OFF_AFTER = re.compile(
    r"[ \t]*[,:;)]|[ \t]+(?:again|from|to|today|yesterday|last|this|who|since)\b"
)


def _spoken_of(text: str, t: Tok) -> bool:
    return (
        not t.possessive
        and _SET_OFF_AFTER.match(text, t.end) is not None
        and _SEEN_BEFORE.search(text[max(0, t.start - 24) : t.start]) is not None
    )


# A form's field for the child, a relative's "of", "the child is": a person named after it.
_PERSON_BEFORE = re.compile(
    r"(?i)\b(?:patient|pt|student|child|client|youth|name|subject)[ \t]*:[ \t]*$"
    r"|\b(?:mom|dad|mother|father|parents?|family|grandma|grandmother|grandpa|sibling|brother|"
    r"sister|guardian|teacher)[ \t]+of[ \t]+$"
    r"|\b(?:child|kid|patient|pt|student|teen|girl|boy)[ \t]+is[ \t]+$"
)


def _person_around(text: str, m: re.Match[str]) -> bool:
    """ "presented A.M. on Tuesday", "input on M.S., a 14 year old": letters that are also an
    abbreviation are a person's initials where a person is spoken of (a time has digits
    before it)."""
    before = text[max(0, m.start() - 24) : m.start()]
    if re.match(r",\s*\d{1,2}(?:st|nd|rd|th)\b", text[m.end() :]):
        return True  # "- M.A., 8th, ADHD": a list of students by initials and grade
    if _PERSON_VERB_AFTER.match(text, m.end()) or text[m.end() : m.end() + 2] in ("'s", "\u2019s"):
        return True  # "D.C. was admitted", "E.T.'s coach"
    if re.search(
        r"(?i)\d{1,2}\s*(?:yo|y/o|year[- ]old|a[ñn]os)\s*(?:[mf]|male|female|boy|girl)?\s*\(?\s*$",
        before,
    ):
        return True  # "13 yo f A.M., hearing voices", "Niño de 9 años (E.G.)"
    after = text[m.end() : m.end() + 40]
    if re.search(r"\d\s*$", before):
        return False
    if re.match(r",?\s*\d{1,2}\s*(?:[MF]\b|yo\b|y/o|years?\s+old)", text[m.end() :]):
        return True  # "Cb needed - A.M., 11F": the child's age and sex after the letters
    if re.match(r",?\s*\d{1,2}(?:[ \t]+[-\u2013\u2014][ \t]|\.(?!\d))", text[m.end() :]):
        return True  # "Case title: A.M., 4 - biting": the age set off, then what is wrong
    if re.match(r"[ \t]*\(\d{5,}\)", after) or re.search(
        r"(?i)\b(?:saw|consent\s+from|(?:mom|dad|mother|father|grandma|aunt|uncle),)\s+$", before
    ):
        return True  # "Saw B.M. on 1/29 with his grandmother", "consent from S.F. and his mother"
    if re.search(r"(?i)\bthe\s+$", before) and re.match(
        r"[ \t]+(?:kid|boy|girl|teen|child|family|case)\b", after
    ):
        return True  # "my case (the R.T. kid)": a child called by initials
    if _PERSON_BEFORE.search(before):
        return True  # "Patient: L.R., 14 F", "mom of T.V. called", "The child is H.R."
    if after.startswith(",") and re.search(r"(?<![\w'\u2019.-])[a-z]{2,}\s*,\s*$", before):
        return True  # "the 2nd grader you all talked about, A.P., had": set off after a noun
    if re.search(
        r"(?:\b(?i:presented|presenting|family|patient|pt|child|kid|student)|\b[A-Z][a-z]+)"
        r"\s*\(\s*$",
        before,
    ) and after.startswith(
        ")"
    ):  # "The teen I presented (R.T.)", "Presented Theo (T.V.) via the line"
        return True  # "The teen I presented (R.T.) did go"
    if re.search(r"(?i)\b(?:matter|interest)\s+of:?\s+$|\bin\s+re:?\s+$", before) or re.match(
        r"(?i),\s*a\s+(?:minor|child|youth)\b", after
    ):
        return True  # "IN THE MATTER OF A.M., a minor": a court's name for the child
    return bool(
        AGE_APPOSITION.match(after.lstrip(".") if after.startswith(".,") else after)
        or (
            re.search(r"(?i)\b(?:presented|presenting|re:?|about|on|for|case)\s+$", before)
            # ("re: S.F. the 12yo Tongan girl")
            and re.match(
                r"\s*(?:,|on\b|who\b|is\b|was\b|has\b|the\s+\d{1,2}\s*-?(?:yo|y/o|year))", after
            )
        )
    )


# Two or three letters typed in lower case before the age ("tw 15yo m", "pt jm 8yo",
# "(jw, 9)", "mj (14f)"): initials, unless a word or a note's shorthand.
_LOWER_INITIALS_BEFORE_AGE = re.compile(
    r"(?<![\w/.-])(?P<id>[a-z]{2,3})(?:,\s*|\s*\(\s*|\s+)"
    r"\d{1,2}\s*(?:yo|y/o|y\.o\.|yrs?|years?|[mf])?"
    r"(?=[\s,;.)]|$)"
)
# "pt jm. clinic #": two lower-case letters after "pt", before a stop or what is said of them.
_DASHED_AGE = re.compile(r"[ \t]+[-\u2013][ \t]+\d{1,2}[ \t]*(?:yo|y/o|y\.o\.|yrs?)\b")
# "dj's mom called the consult line": lower-case initials owning a relative.
_LOWER_INITIALS_OWNING = re.compile(
    r"(?<![\w'\u2019.-])(?P<id>[a-z]{2})['\u2019]s[ \t]+(?:mom|dad|mother|father|grandma|grandpa|"
    r"aunt|uncle|foster|caseworker|teacher)\b"
)
# Two letters and "'s ", found at the apostrophe, two characters after the letters (the
# windows around it are two characters further; see echo.phi.text).
_POSSESSIVE_HINT = re.compile(r"['\u2019]s (?<=\b[a-z]{2}['\u2019]s )")
_CHILD_BEFORE = re.compile(r"(?i)\b(?:kid|boy|girl|child)[ \t]+$")
_LOWER_INITIALS_AFTER_PT = re.compile(
    r"\b(?:pt|patient|re:?)[ \t]+(?P<id>[a-z]{2})(?=[.,;:)]|[ \t]+(?:is|has|was|on|w/|\()"
    # "pt mk doing better", "pt jd still refusing": what is said of the child
    r"|[ \t]+(?:doing|did|does|had|still|now|seems|seemed|started|stopped|back|came|went|"
    r"continues|reports|says|said|slept|sleeps|feels|felt|got|gets|will|can)\b)"
)
# "jp f/u - still at st. raphael": a message that opens with the child's initials in lower
# case before the follow-up it gives.
_LOWER_INITIALS_OPENING = re.compile(
    r"(?m)^[ \t]*(?P<id>[a-z]{2,3})[ \t]+(?:f/u|follow[- ]?up|update|upd|recheck)\b"
)
_PT_WORDS = frozenset({"pt", "patient", "re"})


def _near_words(toks: list[Tok], words: frozenset[str], length: int) -> list[tuple[int, int]]:
    """The stretches just after the given words (bare_initials reads tokens, not a
    Document)."""
    return windows([t.start for t in toks if t.low in words], length, 2, 16)


_PERSON_VERB_AFTER = re.compile(
    r"[ \t]+(?:asked|says|said|reports|reported|went|began|told|denies|endorses|lives|attends|"
    r"cried|ran|wants|needs|saw|is\s+(?:back|doing|now|seen)|now\s+attending|consents|consented|"
    r"knows|agreed|agrees|returned|return\s+to|doing\s+(?:better|worse|well|ok|great)|has\s+come|"
    r"was\s+(?:admitted|brought|seen|found|referred|placed|the\s+one)|"
    # "DW is the pt - THC daily": the patient named by initials
    r"is\s+(?:the|my|our)\s+(?:pt|patient|kid|child|client)|"
    # "quick: DJ the 12yo w/ bipolar"
    r"the\s+\d{1,2}\s*-?(?:yo|y/o|year-old)|"
    r"has\s+(?:slept|been\s+[a-z]+ing|not\s+slept|had\s+\d+\s+(?:meltdowns|tantrums|"
    r"absences|episodes|outbursts|referrals))|"
    # "EH hasn't left his room", "MKL will join from the nurse's office", "DJ is hiding"
    r"hasn['\u2019]t|will\s+(?:join|come|be\s+seen|attend)|is\s+(?:hiding|crying|refusing|"
    r"sleeping|eating|talking|acting|hitting|biting|cutting|skipping|missing|struggling))\b"
)
# "11yo dj on focalin": lower-case letters after the age, where the name stands, before what
# is said of the child.
_LOWER_INITIALS_AFTER_AGE = re.compile(  # (opens with its character: see echo.phi.text)
    r"(?i:\d(?<!\w\d)\d?[ \t]*(?:yo|y/o|y\.o\.))[ \t]+(?P<id>[a-z]{2,3})(?=[ \t]+(?:on|is|has|was|"
    r"w/|with|who|had|taking|here|now|c/o)\b|[ \t]*\()"
)
_SHORTHAND = word_set(
    """pt hx dx tx sx rx fx yo mo wk wks yr yrs bp hr rr wt ht ed er ok pm am gf bf sib sibs bro
    sis mgm pgm mgf pgf dob fu cb pcp np pa md rn lpn ms mr dr st co vs re aka bmi dc tid bid
    qd qhs prn po iv im sq mg mcg ml kg lb lbs cm mm hrs min mins sec age ago per via abt
    approx wkd vs ct mri eeg ekg ecg uds ua cbc bmp tsh adhd asd odd ocd gad mdd sad phq cgi
    pmh fhx shx ros nka nkda rrr ctab ncat perrla aox nad wnl pls plz thx fyi asap idk imo btw
    lol omg tho bc cuz abt w wo yrs fam ile de del la las el los en un una al se su mi tu
    ext int tot att hyp msg txt vm appt tel"""
)


# "pt: DJ", "pt LB", "patient R.T.", "(DJ)": capitals as the patient's initials.
# Without the colon, capitals after "pt" are initials only when an age follows ("pt LB 8yo"),
# or dotted ("pt R.T."): notes say "pt OOB", "pt ABG".
_INITIALS_AFTER_PATIENT = re.compile(
    r"(?:(?i:\b(?:pt|patient|client|child|kid|case|re|student))(?:(?:\s*[:\-]\s*|\s+is\s+(?=[A-Z]{2},))"
    r"(?P<a>[A-Z]{2})(?![\w.])"
    # "Kid is BLH, the spelling bee runner-up", "Pt ATG, BRD-0044271": three capitals set off
    # like a name, or capitals before the record number
    r"|\s+is\s+(?P<d>[A-Z]{3})(?=,)|\s+(?P<e>[A-Z]{2,3})(?=,[ \t]*[A-Z]{0,4}-?\d{5,}\b)"
    # "pt LB 8yo", "re KJ 9M", "child KJ age 9", "patient MK is 15"
    r"|\s+(?P<c>[A-Z]{2,3}(?=,?\s+\(?\s*(?:(?i:age|aged|is)\s+)?\d{1,2}\s*(?:(?i:y|yo|yrs?|years?|mo|"
    r"months?)|[MFmf])?\b(?![./:%-]))"
    r"|[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?!\w)))"
    r"|\((?P<b>[A-Z]{2})\))"
)
# "13 yo, TNB, anxiety": capitals set off after the age, where the name would stand.
# "13yo KLW sertraline": three capitals straight after the age (two are too often a
# diagnosis or a word: "14 yo WM", "9 yo ED visit").
_INITIALS_AFTER_AGE = re.compile(  # (opens with its character: see echo.phi.text)
    r"\d(?<!\w\d)\d?[ \t]*"
    r"(?:(?i:yo|y/o|y\.o\.|yr?s?[ \t]+old|years?[ \t]+old|-year-old)(?:[ \t]*[MF])?"
    r"|[MF](?=,))"  # ("Patient: 11F, MKS Referral": the age and sex as one)
    r"(?:[ \t]*,[ \t]*(?P<id>[A-Z]{2,3}|(?:[A-Z]\.){2,3})(?:[ \t]*[,;]|[ \t]+(?=[A-Z][a-z]))"
    r"|[ \t]+(?P<id3>[A-Z]{3}(?=[ \t]+[a-z])|(?:[A-Z]\.){2,3}(?=[\s,;])"
    # "14 yo MV with cutting", "12yoF TJ (MRN ...)": two capitals before what is said of them
    r"|[A-Z]{2}(?=[ \t]+(?:with|w/|who|is|has|was|on|[a-z]+ing)\b|[ \t]*\()))"
)
# Quick patterns inside every match of the patterns above (see Document.around).
_DOTTED_HINT = re.compile(r"[A-Z]\.\s?[A-Z]\.")
_LOWER_DOTTED_HINT = re.compile(r"\.[a-z]\.")
# "Rm 5: Will T., 13M, day 2": a given name and an initial before the age and sex, whatever
# else the given name means.
_GIVEN_INITIAL_AGE = re.compile(
    r"(?<![\w.'-])(?P<given>[A-Z][a-z]{1,12})[ \t](?P<id>[A-Z]\.)"
    r"(?=,?[ \t]*\d{1,2}[ \t]*(?:[MF]\b|yo\b|y/o))"
)
_GIVEN_INITIAL_HINT = re.compile(r"[A-Z]\.,?[ \t]*\d")
_NOT_GIVEN = word_set(
    "rm room bed pt dr mr mrs ms st mt ft and or the a an to of in on at for with by from re"
)
_AGE_UNIT_HINT = re.compile(r"\d(?:[ \t]*(?i:y|-year)|[MF],)")
_PAREN_INITIALS_HINT = re.compile(r"\([A-Z]{2}\)")
# (opens with its character: see echo.phi.text)
_SHORT_NUMBER_HINT = re.compile(r"\d\d?(?!\d)")
_PATIENT_CUE_WORDS = word_set("pt patient client child kid case re student")
# A player's position after the player's name ("Malik Ford (LB, 17)"): no initials.
_POSITIONS = word_set("QB RB WR TE LB DB CB OL DL PG SG SF PF SS GK")
_NOT_INITIALS = US_STATE_ABBREVIATIONS | word_set(
    """IV IO NG OG GT OD OS OU SQ SC QD HS ST EN CF HX AD AV VS BS LE UE RA LA RV LV MR MS
    TV PC CD DV EZ WM WF BM BF AAM AAF HM HF AIM AIF EP SW CM RD RT OB CCU GYN ETT NGT OGT PEG
    ART IVF ABX UC UCC MRN CSN FIN DOB SSN DCS CPS HUB RAD CHA CHAP BHA CPT PCP NAS AFB MCAS NSA
    JV"""
)
# "thx for the recs on JM, mom agreed", "confirmed for 12/4 to present TJ": capitals a message
# is about, where its clause ends (not "on ADHD meds", "to ED for eval").
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_INITIALS_ABOUT = at_word_starts(
    re.compile(
        r"(?i:\b(?:recs?\s+on|re:?|presenting|present|presented|update\s+on|f/u\s+on|"
        r"(?:your|my|our|the)\s+case|(?:call|calls|recs?|question|q)\s+(?:about|for|re)|says|(?:back|me|us)\s+about|goes\s+by|known\s+as|aka|resched(?:ule)?|"
        r"follow(?:ing)?[- ]?up\s+on))[ \t]+"
        r"(?P<id>[A-Z]{2,3}|(?:[A-Z]\.){2,3})"
        r"(?=[ \t]*(?:[,;:!?)(\u2014]|\.(?![A-Z])|$)|[ \t]+-[ \t]"
        r"|[ \t]+\d{5,}\b|[ \t]+(?:again|on[ \t]+(?:such|short|the|a|\w+day)|"
        r"today|yesterday|from|is|was|has|had|who|next|last)\b)"
    )
)
_ABOUT_WORDS = word_set(
    "recs rec re presenting present presented update f/u u up case call calls question q says about"
    " goes known aka resched reschedule"
)
# "... waitlist is 6 wks. -EV", "THANK YOU FOR TALKING ME THRU IT. -WK": a message signed with
# its writer's initials after a dash, at its very end.
# "pt from last wk (DR, E4468215) readmitted": capitals beside a record number in brackets.
_INITIALS_BY_NUMBER = re.compile(r"\((?P<id>[A-Z]{2,3}),[ \t]*(?:MRN:?[ \t]*|#)?[A-Z]{0,2}\d{5,}\b")
# "(AK, 14)", "(MKS, 11 F)", "(JT, selective mutism)": capitals in brackets, then the age or
# what is said of the child, the way a name is set off.
_INITIALS_SET_OFF = re.compile(
    r"\((?P<id>[A-Z]{2,3}),[ \t]*(?:\d{1,2}[ \t]*(?:yo|y/o|y|[MFmf])?[ \t]*[,)]"
    r"|(?<=[A-Z]{2},)[ \t]*[a-z]{3,}[ \t]+[a-z]{3,}[ \t]*\))"
)
# "E. reports \"less mad\"", "G. is talking to her teacher", "Subject: E. this week": one capital
# and its dot where a person is spoken of; "WS (the bronc rider) called": capitals explained.
_ONE_INITIAL = re.compile(
    r"(?<![\w.])(?P<id>[A-Z]\.)(?=[ \t]+(?:is|was|has|had|reports|reported|says|said|seems|"
    r"seemed|told|wants|went|and[ \t]+[A-Z][a-z]+|this[ \t]+week)\b)"
)
_ONE_INITIAL_HINT = re.compile(r"\. [a-z]")
_LETTER_NAMES_THING = re.compile(r"(?i)\b(?:vitamin|hep|hepatitis|type|plan|group|strep)\s*$")
# "- KB 14 f anxiety, sertraline 75 - TW 16 m self harm": a list's entries, each child by
# initials, age and sex.
_LISTED_INITIALS = re.compile(
    r"(?:^|(?<=\n)|(?<=[-\u2022*;][ \t]))[ \t]*(?P<id>[A-Z]{2,3}|(?:[A-Z]\.){2,3})[ \t]+"
    r"\d{1,2}[ \t]*(?:yo|y/o|y|[mfMF]|mo)\b"
)
# "Case #3 (KN/16/F)", "JT/9/M": initials, age and sex written with slashes.
_SLASHED_INITIALS = re.compile(
    r"(?<![\w/.-])(?P<id>[A-Z]{2,3})[ \t]*/[ \t]*\d{1,2}[ \t]*(?:yo|y)?[ \t]*/?[ \t]*[MFmf]"
    r"(?![\w/])"
)
_SLASHED_HINT = re.compile(r"[A-Z][ \t]*/[ \t]*\d")
_AGE_UNIT_OR_SEX_HINT = re.compile(r"[A-Z][ \t]+\d{1,2}[ \t]*[a-zA-Z]")
# "WS (the bronc rider)", "NK and LK (the cousins)": capitals explained in brackets.
_CAPITALS_EXPLAINED = re.compile(
    r"(?<![\w.-])(?P<id>[A-Z]{2,3})(?=[ \t]+\(the[ \t]+[a-z])"
    r"|(?<![\w.-])(?P<pair>[A-Z]{2,3})(?=[ \t]+(?:and|&)[ \t]+[A-Z]{2,3}[ \t]+\(the[ \t]+[a-z])"
)
_SIGNED_INITIALS = re.compile(
    r"(?:^|(?<=\s))[-\u2013\u2014~][ \t]?(?P<id>[A-Z]{2,3}|[a-z]{2,3}|(?:[A-Z]\.){2,3})"
    # "\u2014 MQ, RN", "(forwarded with permission \u2014 PR)": a credential or a bracket after
    r"(?:,[ \t]*[A-Z]{2,4})?[ \t]*\.?[ \t]*\)?[ \t]*\Z"
)
_SERVICES = word_set("BIP SW CM BH RTC SBHC VA DOD HHS GED ESL MA LPN CNA ST NS POC")


def not_initials(letters: str) -> bool:
    """Capitals that are an abbreviation here, not a person's initials ("OB", "SW", "ED")."""
    return letters in ACRONYMS or letters in _NOT_INITIALS or letters in _SERVICES


_INITIALS_CUE = re.compile(
    r"(?i)\binitials\s*(?:are|of|:)?\s*(?-i:(?P<id>[A-Z]\.?\s?[A-Z]\.?(?:\s?[A-Z]\.?)?))(?![\w])"
)


# A child called by one letter: "Child 'K' is 4", "Case: 'L' (teen prefers", "Pt J., 3 yo",
# "I'll call R. who", "presenting T., the 13-year-old", "X has been raging since. X is 9"
# (not "I" nor "A", and not a letter that names a vitamin, a plan, a type or a unit).
_SINGLE_LETTER = re.compile(
    r"(?:(?i:\b(?:child|case|patient|pt|kid|student)\b)[ \t]*:?[ \t]*[\"'\u201c\u2018]"
    r"(?P<quoted>[B-HJ-Z])[\"'\u201d\u2019]"
    r"|(?i:\b(?:pt|patient|presenting|presented|call|calling|child|grandma|grandmother|"
    r"mwen)\b)[ \t]+(?P<dotted>[B-HJ-Z]\.)(?=[ \t]*(?:,|\(|-|\u2013|\u2014|who\b|doesn|is\b|has\b))"
    r"|(?:^|(?<=[.!?][ \t])|(?<=\band[ \t])|(?<=\bif[ \t]))(?P<bare>[B-HJ-Z])"
    r"(?=[ \t]+(?:has[ \t]+been|is[ \t]+\d{1,2}\b(?![.,]\d)|wants|says|said|doesn't|won't|can't)))",
    re.MULTILINE,
)
_SINGLE_LETTER_HINT = re.compile(r"[B-HJ-Z](?<![\w.][B-HJ-Z])(?:\.|[\"'\u201d\u2019]|[ \t][a-z])")


def single_letters(doc: Document) -> Iterator[Hit]:
    """A child called by one letter (see _SINGLE_LETTER)."""
    for m in doc.find_around(_SINGLE_LETTER, _SINGLE_LETTER_HINT, 30, 40):
        group = next(g for g in ("quoted", "dotted", "bare") if m.group(g))
        yield Hit(
            m.start(group), m.end(group), "initials", Priority.INITIALS, SUGGESTIONS["initials"]
        )
