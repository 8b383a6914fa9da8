"""Context that says a word is a person: what comes before it (a title, "Dr.", a role, a
relation word, "named", "patient") and what comes after it (an age or a relation in
apposition, a verb only a person does)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from echo.phi.findings import SUGGESTIONS
from echo.phi.lexicon import first_names, is_word, known_place, surnames
from echo.phi.text import Tok
from echo.phi.vocabulary import (
    ACRONYMS,
    GREETINGS,
    PERSON_VERBS,
    RELATIONS,
    ROLES,
    SPEECH_VERBS,
    relation,
    word_set,
)

_RELATION_RX = "|".join(sorted((re.escape(w) for w in RELATIONS), key=len, reverse=True))
CUE_RELATION_AFTER = re.compile(
    r"(?i)^\s*(?:[,(\-\u2013\u2014]|--)\s*(?:the\s+|his\s+|her\s+|their\s+|pt'?s\s+|patient'?s\s+|"
    # "Wade (Kaden's dad)": whose relative, by name
    r"child'?s\s+|(?-i:[A-Z])[a-z]+['\u2019]s\s+)?(?P<rel>" + _RELATION_RX + r")\b"
)
AGE_APPOSITION = re.compile(
    r"(?i)^(?:,\s*(?:a|an|age|aged)?\s*\d{1,2}(?:[\s-]*(?:y|yo|yrs?|years?|mo|months?|a[ñn]os|meses)\b|"
    r"\s*[,;:)]|\s*$)|\s*\(\s*\d{1,2}\s*(?:y|yo|yrs?|years?|mo|months?|\)|,)|"
    r"\s+(?:is|was)\s+(?:a|an|now)\s+\d{1,2}[\s-]*(?:y|yo|yr|year|month|mo|week|wk)|"
    # "Grace is 15, GAD": an age alone after "is", closed by punctuation
    r"\s+(?:is|was|turned|turns)\s+\d{1,2}(?:[,;:.)](?!\d)|\s+and\b)|"
    r"\s+(?:is|was)\s+(?:a|an)\s+(?:\w+\s+)?(?:\d{1,2}[\s-]*(?:y|yo|yr|year|month)|"
    r"(?:boy|girl|child|toddler|teen|adolescent|infant|student|kid|grader|kindergartner|"
    r"preschooler|freshman|sophomore|junior|senior))|"
    r"\s*\((?:she|he|they|ze|xe)/(?:her|him|them|hir|xem)s?\)|"
    # "Autumn (grade 6)", "Legend Washington, DOB 5.9.2012"
    r"\s*\((?:grade|gr\.?)\s*\d{1,2}\)|,?\s*\(?\s*(?:DOB|D\.O\.B\.?|date\s+of\s+birth)\b|"
    # "Hope, the 14yo", "MOC, the 16 yo after her brother's wreck", "Chuy (the 12 yo with
    # tics)", "Tank (nickname, legal name on file)", "Jordan Pike, 10th grade,"
    r"(?:,|\s*\()\s*the\s+\d{1,2}[\s-]*(?:yo|y/o|y\.o\.|year[\s-]old)\b|"
    r"\s*\((?:nickname|nick|a\.?k\.?a\.?)\b|,\s*\d{1,2}(?:st|nd|rd|th)\s+grade\b|"
    # "In the Matter of: Ashley Kingfisher, a minor child"
    r",\s*a\s+minor\b|"
    r"\s+(?:is|was)\s+now\s+\d{1,2}\b|"
    # "JLW 15 F at Bastogne", "Mason 14M": the age and sex straight after
    r"[ \t]+\d{1,2}[ \t]?(?-i:[MF])(?![\w/])|"
    # "Tater (real name Tatum)", "Ti-Boy (real name Alcide Guidry)"
    r"\s*\((?:real|legal|actual|given)\s+name\b|"
    # "JD 14yo", "Ava 7 y/o": the age straight after, without a comma
    r"[ \t]+\d{1,2}[ \t-]*(?:yo|y/o|y\.o\.|yrs?[ \t]+old|years?[ \t]+old|y(?:ea)?r-old)(?![\w/]))"
)
# The child's age and sex just before a word: "16yo ", "8 yo girl ", "9 y/o boy: ".
_AGE_BEFORE = re.compile(  # (opens with its character: see echo.phi.text)
    r"(?i)\d(?<!\w\d)\d?[ \t]*(?:yo[mf]?|y/o[mf]?|y\.o\.|yr[ \t]+old|year[ \t]+old|-year-old)"
    r"(?:[ \t]+[A-Z][\w'\u2019-]+)?(?:[ \t]+(?:girl|boy|male|female|m|f))?[ \t]*[:,]?[ \t]*$"
)
AGE_WORDS = word_set("yo yof yom o girl boy male female m f old")  # "o": of "y/o"
_CUE_GAP = re.compile(r"[ \t]{0,2}(?:[,:(\-\u2013\u2014]|--)?[ \t]{0,2}[\"\u201c'\u2018(]?")
_TITLE_GAP = re.compile(r"\.?\s{0,2}")
_OPENING_QUOTES = "\"\u201c'\u2018"


def _cue_gap(gap: str) -> bool:
    """Whether a cue and the word after it are this close (one space, the most common, is)."""
    return gap == " " or _CUE_GAP.fullmatch(gap) is not None


TITLES = word_set(
    "mr mrs ms miss mx mister officer detective judge sgt sergeant deputy trooper coach"
    # ranks a military family's sponsor is named by ("SSgt Lindqvist", "SPC Ortiz")
    " ssgt sfc spc pfc pvt cpl capt maj ltc msgt tsgt smsgt amn sra 1sg sgm ssg cw2 cw3 cw4 cw5"
    " wo1 1lt 2lt lcdr cmdr cdr"
    # clergy: the labelled sets name a pastor as a person ("Pastor Mike", "Rev. Fifita",
    # an LDS ward's "Bishop Hales")
    " rev reverend pastor bishop"
    # school staff named by title ("Principal Dahl", "La maestra Ocampo")
    " principal maestra maestro profesora profesor profe"
    # Spanish: "Sra. Villarreal", "Srta. Ochoa", "Don Ramiro", "doña Chayo" (folded "dona")
    " sra srta dona"
)
DOCTOR_TITLES = word_set("dr drs doctor dra")
_PERSON_AFTER_TITLE = re.compile(
    r"[ \t]+(?:at|says|said|told|called|texted|emailed|wants|thinks|from|agreed|noticed)\b"
)
_WORD_TITLES = word_set(
    "coach pastor officer judge detective deputy trooper reverend bishop principal maestra maestro"
    " profesora profesor profe"
)
_NAMED_PAIRS = frozenset(
    {("by", "goes"), ("as", "known"), ("is", "name"), ("are", "names"), ("boy", "baby"),
     ("girl", "baby"), ("name", "last"), ("name", "first"), ("name", "middle"),
     ("him", "calls"), ("her", "calls"), ("them", "calls"), ("him", "call"), ("her", "call"),
     ("calls", "everyone"), ("calls", "everybody"), ("name", "affirmed"),
     ("name", "preferred"), ("name", "chosen"), ("me", "called"), ("me", "calls"),
     ("name", "given"), ("name", "legal"), ("called", "be"), ("name", "her"), ("name", "his"),
     ("name", "their")}
)  # fmt: skip


# The parents and grandparents "of" or "de" a child ("la mamá de Aroha"; not "Los padres son
# de Venezuela", "Care Partners of Greene County").
_PARENTS_OF = word_set(
    "mother father mom dad parent parents guardian guardians grandmother grandfather mama papa"
    " mami papi abuela abuelo abuelita tia tio"
)


@dataclass(frozen=True, slots=True)
class Cue:
    """What the words before a candidate name say of it."""

    kind: str  # doctor, role, title, named, relation, patient
    suggestion: str
    start: int  # where the finding starts: the title is part of "Dr. Patel"
    clinical: bool = True  # a role cue: a clinician (warns) or other staff (a name, blocks)


# What a "worker", "manager" or "coordinator" is of: a social, case or care one, or a
# child-welfare agency's ("CPS worker", "DCS caseworker").
_WORKER_KINDS = word_set("social case care cps dcs dss dfcs cys dhs dcfs acs")
# Counselors, nurses, social workers and behavior analysts too: the labelled sets name
# school, camp and shelter counselors, school nurses and agency social workers as people.
NON_CLINICAL_ROLES = word_set(
    "caseworker manager coordinator interpreter chaplain rabbi priest counselor counsellor"
    " nurse rn worker bcba"
)

# Words after which even a lower-case word may start a name ("dr lindquist", "son bill").
CUE_WORDS = DOCTOR_TITLES | TITLES | frozenset(RELATIONS) | frozenset(w + "s" for w in RELATIONS)

# Verbs only a person does: after an unknown capitalised word they make it a name.
HUMAN_VERBS = word_set(
    """lives attends plays wants wishes feels likes loves hates enjoys cries cried screams screamed
    yells yelled refuses refused declined declines agrees agreed understands verbalizes
    verbalized worries fears sleeps eats visits visited texted asks asked tells told says said
    posted whispered rolled hid threw kicked punched snuck vaped"""
)


def _role(toks: list[Tok], j: int) -> str | None:
    """The suggested rewrite when toks[j] ends a clinician role ("therapist", "social worker")."""
    if j < 0:
        return None
    low = toks[j].low
    if low not in ROLES:
        return None
    if low in ("worker", "manager", "coordinator") and (
        j == 0 or toks[j - 1].low not in _WORKER_KINDS
    ):
        return None
    if _school_staff(toks, j):
        return None
    if low == "worker" and toks[j - 1].low != "social":
        return "[the caseworker]"
    return f"[{ROLES[low]}]"


def _clinical(toks: list[Tok], j: int) -> bool:
    """Whether the role ending at toks[j] is a clinician's: caseworkers, case managers,
    social and child-welfare workers, nurses and interpreters are named as people (README of
    the PHI corpus: clinicians are doctors and therapists)."""
    low = toks[j].low
    # ("the school psychologist Ray Ocampo", "school social worker": the school's staff, named
    # as people, as the school counselor is)
    return low not in NON_CLINICAL_ROLES and not (j > 0 and toks[j - 1].low == "school")


def _school_staff(toks: list[Tok], j: int) -> bool:
    """A school or guidance counselor: someone of the child's school, named as a person
    (a name that blocks), not a clinician (a warning)."""
    return (
        toks[j].low in ("counselor", "counsellor")
        and j > 0
        and toks[j - 1].low in ("school", "guidance")
    )


def after_age(text: str, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] follows the child's age and sex ("12yo journey", "17yo boy tanner")."""
    start = toks[i].start
    if i:
        before = toks[i - 1]
        # an age between two words is at least " 9yo " (a shorter gap holds none)
        if before.low not in AGE_WORDS and (
            start - before.end < 4 or _DIGIT.search(text, before.end, start) is None
        ):
            return False
    elif _DIGIT.search(text, max(0, start - 8), start) is None:
        return False
    return _AGE_BEFORE.search(text, max(0, start - 24), start) is not None


_DIGIT = re.compile(r"\d")


def cue_before(text: str, toks: list[Tok], i: int) -> Cue | None:
    if i == 0:
        return None
    t, p = toks[i], toks[i - 1]
    gap = text[p.end : t.start]
    low = p.low
    if p.possessive:
        if low not in DOCTOR_TITLES:
            return None
        gap = gap[2:]
    if low in DOCTOR_TITLES or low in TITLES:
        if not _TITLE_GAP.fullmatch(gap.lstrip("'\u2019")):
            return None
        if low in _WORD_TITLES and (
            "." in gap
            or (
                is_word(t.low)
                and t.low not in first_names()
                and t.low not in surnames()
                # "Coach Tiff at Southridge posts": a word, but a person's, by what follows
                and not (t.shape == "title" and _PERSON_AFTER_TITLE.match(text, t.end))
            )
        ):
            return None  # "school psych, principal. Meeting ran", "Principal Diagnosis: ADHD"
        before = None
        between = text[toks[i - 2].end : p.start] if i >= 2 else ""
        # (not across an opening quote: 'to the pediatrician: "Coach Eddie Lott here' quotes
        # the coach, who is no pediatrician)
        if i >= 2 and _cue_gap(between) and not any(q in between for q in _OPENING_QUOTES):
            before = i - 2
        role = _role(toks, before) if before is not None else None
        if (
            low in TITLES
            and p.mode == "mixed"
            and p.shape != "title"
            and not role
            and not (
                gap.startswith(".")
                # "cc: ms. Boudreaux"; "call ms. kowalski back": a surname no word
                and (t.shape == "title" or (t.low in surnames() and not is_word(t.low)))
                and not re.search(r"\d\s*$", text[max(0, p.start - 4) : p.start])  # "408 ms."
            )
            # "coach Pruitt let him rejoin": a title that is a word, before a capitalised name;
            # "SSG Holloway": a rank in capitals
            and not ((low in _WORD_TITLES or p.shape == "upper") and t.shape == "title")
        ):
            return None  # "MS" (mental status), "ms" (morphine), "MR" (mitral regurgitation)
        if (
            low in ("ms", "mr")
            and p.mode != "mixed"
            and not gap.startswith(".")
            and (is_word(t.low) or t.text in ACRONYMS or len(t.low) < 4)
        ):
            return None
        rel_before = relation(toks[before].low) if before is not None else None
        if low in DOCTOR_TITLES and rel_before and not role:
            # "Her mother, Dr. Helena Voss": a relative who is a doctor is named as family
            return Cue("title", rel_before, p.start)
        if low in DOCTOR_TITLES:
            return Cue("doctor", role or SUGGESTIONS["clinician"], p.start)
        if role and before is not None:
            return Cue("role", role, p.start, _clinical(toks, before))
        rel = relation(toks[before].low) if before is not None else None
        return Cue("title", rel or SUGGESTIONS["name"], p.start)
    if (low in AGE_WORDS or any(map(str.isdigit, gap))) and _AGE_BEFORE.search(
        text, max(0, t.start - 24), t.start
    ):
        return Cue("patient", "[the child]", t.start)  # "the 16yo Hope", "8 yo girl Waya"
    if not _cue_gap(gap):
        return None
    if t.low in GREETINGS or ("," in gap and i >= 2 and toks[i - 2].low in GREETINGS):
        # "Dear provider, Jazmín has been absent": the reader greeted, then the child; "the
        # school psychologist: 'Dear": a letter's greeting
        return None
    role = _role(toks, i - 1)
    if role:
        return Cue("role", role, t.start, _clinical(toks, i - 1))
    if _school_staff(toks, i - 1):
        return Cue("relation", "[the school counselor]", t.start)
    pp = toks[i - 2].low if i >= 2 else ""
    if low in ("named", "nicknamed", "aka") or (low, pp) in _NAMED_PAIRS:
        return Cue("named", SUGGESTIONS["name"], t.start)
    rel = relation(low)
    if rel and low in ("twin", "sister") and known_place(f"{p.text} {t.text}"):
        return None  # "the Twin Falls ward", "Sister Bay": a town, not the twin
    if rel:
        owner = toks[i - 2] if i >= 2 else None
        if owner is not None and owner.possessive and owner.low in RELATIONS:
            # "Mom's boyfriend, Derek": someone of the mother's, not of the child's.
            whose, who = RELATIONS[owner.low], RELATIONS.get(low.rstrip("s"), low)
            rel = f"[the {whose}'s {who}]" if whose != "child" else rel
        return Cue("relation", rel, t.start)
    if low in ("patient", "pt", "client", "student"):
        return Cue("patient", "[the child]", t.start)
    if (
        (low in ("is", "was") or (low in ("de", "of") and pp in _PARENTS_OF))
        and relation(pp)
        and gap == " "
        and not is_word(t.low)
    ):
        # "mom is kenzie"; "soy Yesenia, la mamá de Aroha", "the parents of Oliver": the child
        return Cue("relation", relation(pp) or SUGGESTIONS["name"], t.start)
    return None


# What follows the child named after the age ("17yo boy tanner came in", "12yo journey w
# restrictive eating"): a verb, "w" or "with", a comma.
_SAID_OF_CHILD = re.compile(r"[ \t]*,|[ \t]+(?:w/?|with|who|came|presented|presents|on)\b")


def said_of_child(text: str, toks: list[Tok], i: int) -> bool:
    """Whether what follows toks[i] is said of a child: a person's verb, "w", "with", ","."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and text[toks[i].end : nxt.start] == " " and nxt.low in HUMAN_VERBS:
        return True
    return _SAID_OF_CHILD.match(text, toks[i].end) is not None


def cue_after(text: str, t: Tok, toks: list[Tok], i: int) -> str | None:
    """'strong' (age or relation apposition, "X's mother"), 'verb' ("X reports") or None."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.possessive:
        if nxt is not None and (
            nxt.low in RELATIONS
            or nxt.low in ROLES
            or nxt.low in ("family", "parents", "mom", "dad", "home", "house", "room", "school")
        ):
            return "strong"
        return "verb"
    after = text[t.end : t.end + 40]
    if AGE_APPOSITION.match(after) or CUE_RELATION_AFTER.match(after):
        return "strong"
    if nxt is not None and text[t.end : nxt.start] == " ":
        if nxt.low in SPEECH_VERBS or nxt.low in HUMAN_VERBS:
            return "strong"
        if nxt.low in PERSON_VERBS:
            return "verb"
    return None
