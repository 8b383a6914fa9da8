"""PHI guard: flag Safe Harbor identifiers in free-text case fields before anything is stored.

HIPAA Safe Harbor (45 CFR 164.514(b)(2)) lists the identifiers of the patient *and of relatives,
employers and household members* that must go: names; places smaller than a state; every
element of a date but the year, and ages over 89; phone, fax, email, SSN; record, plan, account,
license, vehicle and device numbers; URLs and IP addresses; any other unique number or code.

`scan(text)` returns `Finding`s: a span, its kind, a severity (`block` stops the submission,
`warn` asks the submitter to confirm) and a suggested rewrite. Hospital and clinic names,
clinician names and cities are warnings (they narrow the place, they do not name the child);
everything else blocks. Clinical content stays: ages under 90, a year alone, screening scores
("Vanderbilt 6/9"), doses, grades, blood pressures, fractions and relation words ("mom").

Rules are patterns plus word lists (data/): given names (SSA), surnames (US census), US places
(GeoNames), English words (SCOWL, to tell "Grace" the word from Grace the girl) and words of
the trade that look like names ("Vanderbilt", "Tanner", "Zoloft"). Text written all in capitals
or all in lower case (pasted notes) loses the capital-letter cue; names are then taken from the
lists and from context ("daughter", "Mr.", "Dr.") alone. Pure: no database, no network.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

Severity = Literal["block", "warn"]

KINDS: tuple[str, ...] = (
    "name",
    "initials",
    "date",
    "age_over_89",
    "phone",
    "fax",
    "email",
    "ssn",
    "mrn",
    "health_plan",
    "account",
    "license",
    "vehicle",
    "device",
    "url",
    "ip",
    "address",
    "city",
    "zip",
    "school",
    "social_handle",
    "facility",
    "clinician",
)

WARN_KINDS = frozenset({"facility", "clinician", "city"})

MESSAGES: dict[str, str] = {
    "name": "Name of the patient or of a relative, friend or household member.",
    "initials": "Initials still identify a person.",
    "date": "Month and day of a date: only the year may stay.",
    "age_over_89": "Ages over 89 identify: say '90 or older'.",
    "phone": "Phone number.",
    "fax": "Fax number.",
    "email": "Email address.",
    "ssn": "Social Security number.",
    "mrn": "Medical record or patient number.",
    "health_plan": "Health plan member or policy number.",
    "account": "Account, case or reference number.",
    "license": "License or certificate number.",
    "vehicle": "Vehicle identifier or license plate.",
    "device": "Device identifier or serial number.",
    "url": "Web address.",
    "ip": "IP address.",
    "address": "Street address: any place smaller than a state identifies.",
    "city": "City, town or county: smaller than a state. Please confirm it is needed.",
    "zip": "ZIP code: keep at most the first three digits.",
    "school": "School, daycare, team or place of worship: a location identifier.",
    "social_handle": "Social media handle or username.",
    "facility": "Hospital or clinic name narrows the location. Please confirm it is needed.",
    "clinician": "Clinician name reveals the location. Please confirm it is needed.",
}

SUGGESTIONS: dict[str, str] = {
    "name": "[name removed]",
    "initials": "[initials removed]",
    "date": "[date removed]",
    "age_over_89": "[90 or older]",
    "phone": "[phone removed]",
    "fax": "[fax removed]",
    "email": "[email removed]",
    "ssn": "[SSN removed]",
    "mrn": "[record number removed]",
    "health_plan": "[member ID removed]",
    "account": "[number removed]",
    "license": "[license number removed]",
    "vehicle": "[vehicle ID removed]",
    "device": "[device ID removed]",
    "url": "[link removed]",
    "ip": "[IP address removed]",
    "address": "[address removed]",
    "city": "[city removed]",
    "zip": "[ZIP removed]",
    "school": "[the child's school]",
    "social_handle": "[handle removed]",
    "facility": "[a hospital or clinic]",
    "clinician": "[the clinician]",
}


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str
    kind: str
    severity: Severity
    message: str
    suggestion: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def severity_of(kind: str) -> Severity:
    return "warn" if kind in WARN_KINDS else "block"


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------


@cache
def _lexicon(name: str) -> frozenset[str]:
    """A data/ list, lower-cased; '#' lines are comments."""
    data = resources.files("echo.cases").joinpath("data", name).read_text("utf-8")
    return frozenset(
        line.strip().lower() for line in data.splitlines() if line.strip() and line[0] != "#"
    )


def _first_names() -> frozenset[str]:
    return _lexicon("first_names.txt")


def _surnames() -> frozenset[str]:
    return _lexicon("surnames.txt")


def _english() -> frozenset[str]:
    return _lexicon("english_words.txt")


def _not_names() -> frozenset[str]:
    return _lexicon("not_names.txt")


def _regions() -> frozenset[str]:
    return _lexicon("regions.txt")


@cache
def _places() -> dict[str, tuple[tuple[str, ...], ...]]:
    """US places keyed by their first word, longest first: 'san' -> (('san', 'antonio'), ...)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for place in _lexicon("us_places.txt"):
        words = tuple(_fold(w) for w in re.findall(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*", place))
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _is_place_word(low: str) -> bool:
    return low in _regions() or any(len(p) == 1 for p in _places().get(low, ()))


# Words that never start or continue a name, whatever the lists say.
FUNCTION_WORDS = _words(
    """a an the and or but nor if so as at by for from in into of on onto to with without via per
    is was are were be been being am has have had do does did will would can could may might
    must shall should he she they we i you it him her them us me his hers their theirs our ours
    my your its this that these those there here who whom whose which what where when why how
    all any some each both either neither no not yes also then than very just only still even
    too again once after before during since until till while because though although about
    above below over under between through against among around up down out off near toward
    towards upon within mr mrs ms miss dr mx st jr sr md do rn np pa pt pts patient patients re
    cc dc mom moms dad dads mother father sister brother son daughter parents parent family
    today tonight yesterday tomorrow now later am pm monday tuesday wednesday thursday friday
    saturday sunday"""
)

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

MONTH_WORDS = frozenset(MONTHS)

# Relation words -> who they are to the child, for the suggested rewrite.
RELATIONS: dict[str, str] = {
    "mother": "mother", "mom": "mother", "mommy": "mother", "mum": "mother", "mama": "mother",
    "mami": "mother", "father": "father", "dad": "father", "daddy": "father", "papa": "father",
    "papi": "father", "stepmother": "stepmother", "stepmom": "stepmother",
    "step-mother": "stepmother", "step-mom": "stepmother", "stepfather": "stepfather",
    "stepdad": "stepfather", "step-father": "stepfather", "step-dad": "stepfather",
    "sister": "sister", "sis": "sister", "brother": "brother", "bro": "brother",
    "sibling": "sibling", "half-sister": "half-sister", "half-brother": "half-brother",
    "stepsister": "stepsister", "stepbrother": "stepbrother", "twin": "twin",
    "grandmother": "grandmother", "grandma": "grandmother", "granny": "grandmother",
    "nana": "grandmother", "abuela": "grandmother", "grandfather": "grandfather",
    "grandpa": "grandfather", "granddad": "grandfather", "abuelo": "grandfather",
    "great-grandmother": "great-grandmother", "great-grandfather": "great-grandfather",
    "aunt": "aunt", "auntie": "aunt", "tia": "aunt", "uncle": "uncle", "tio": "uncle",
    "cousin": "cousin", "guardian": "guardian", "parent": "parent", "caregiver": "caregiver",
    "niece": "niece", "nephew": "nephew", "wife": "wife", "husband": "husband",
    "partner": "partner", "boyfriend": "boyfriend", "girlfriend": "girlfriend",
    "fiance": "fiance", "fiancee": "fiancee", "friend": "friend", "bff": "friend",
    "classmate": "classmate", "roommate": "roommate", "babysitter": "babysitter",
    "nanny": "nanny", "teacher": "teacher", "aide": "aide", "paraprofessional": "aide",
    "coach": "coach", "neighbor": "neighbor", "neighbour": "neighbor", "tutor": "tutor",
    "pastor": "pastor", "godmother": "godmother", "godfather": "godfather", "proxy": "proxy",
    "dtr": "daughter", "spokesperson": "spokesperson", "boss": "employer",
    "employer": "employer", "son": "child", "daughter": "child", "grandson": "grandson",
    "granddaughter": "granddaughter", "grandaughter": "granddaughter",
}  # fmt: skip

PATIENT_WORDS = _words(
    """patient pt client child kid student boy girl toddler infant baby teen teenager adolescent
    youth preschooler kindergartner"""
)

# Clinician roles -> suggested rewrite.
ROLES: dict[str, str] = {
    "therapist": "the child's therapist", "psychotherapist": "the child's therapist",
    "counselor": "the counselor", "counsellor": "the counselor",
    "psychiatrist": "the child's psychiatrist", "psychologist": "the psychologist",
    "pediatrician": "the child's pediatrician", "paediatrician": "the child's pediatrician",
    "pcp": "the child's pediatrician", "neurologist": "the neurologist",
    "physician": "the physician", "doctor": "the physician", "clinician": "the clinician",
    "provider": "the clinician", "np": "the nurse practitioner", "nurse": "the nurse",
    "rn": "the nurse", "worker": "the social worker", "manager": "the case manager",
    "coordinator": "the care coordinator", "attending": "the attending physician",
    "resident": "the resident", "fellow": "the fellow", "bcba": "the behavior analyst",
    "slp": "the speech therapist", "ot": "the occupational therapist",
    "caseworker": "the caseworker", "interpreter": "the interpreter",
    "chaplain": "the chaplain", "rabbi": "the rabbi", "priest": "the priest",
}  # fmt: skip

CREDENTIALS = _words(
    """md m.d. do d.o. phd ph.d. psyd psy.d. lcsw licsw lmsw lmft lpc lpcc lmhc np cpnp pnp fnp
    aprn pmhnp pa-c rn bsn msn rrt bcba ccc-slp slp otr otr/l msw edd ncsp dnp"""
)

# Institution words: a run of capitalised words ending in one of these names a place.
FACILITY_SUFFIXES = _words(
    """hospital hospitals hosp clinic clinics healthcare health medical pediatrics paediatrics
    children's childrens institute infirmary hospice rehab rehabilitation psychiatry university
    recovery counseling counselling"""
)
FACILITY_AFTER_GENERIC = _words("center centre associates group partners practice")
SCHOOL_SUFFIXES = _words(
    """elementary middle high intermediate primary academy montessori preschool pre-school prek
    pre-k prep preparatory daycare day-care childcare kindergarten nursery school schools
    college isd"""
)
# Suffixes that name a school or daycare whatever word comes before ("Kiddie Day Care").
_STRONG_SCHOOL_SUFFIXES = _words(
    """elementary academy montessori preschool pre-school daycare day-care childcare"""
)
WORSHIP_SUFFIXES = _words(
    """church chapel temple synagogue mosque masjid cathedral parish congregation ministries
    ministry fellowship tabernacle"""
)
TEAM_SUFFIXES = _words("team club league fc sc ymca ywca")
STREET_WORDS = _words(
    """street st avenue ave road rd boulevard blvd lane ln drive dr court ct way place pl terrace
    ter circle cir parkway pkwy highway hwy trail trl square sq loop pike alley plaza crescent
    row"""
)
COUNTY_WORDS = _words("county parish township borough")
INSTITUTION_WORDS = (
    FACILITY_SUFFIXES
    | FACILITY_AFTER_GENERIC
    | SCHOOL_SUFFIXES
    | WORSHIP_SUFFIXES
    | TEAM_SUFFIXES
    | COUNTY_WORDS
    | _words("street avenue road boulevard lane drive apartments state general")
)

# Words in institution names that name no particular place ("Children's Hospital").
GENERIC_PLACE_WORDS = _words(
    """children's childrens child children kids kid's pediatric paediatric pediatrics medical
    health healthcare behavioral behavioural mental psychiatric psychological community general
    regional memorial university county state city national family primary care urgent center
    centre clinic clinics hospital hospitals hosp services service counseling counselling
    treatment rehabilitation rehab youth adolescent adolescents teen women's inpatient
    outpatient partial day residential crisis local new main specialty developmental autism
    teaching academic veterans va integrated comprehensive unit units program programs
    department dept emergency wellness guidance resource resources advocacy public private
    charter special alternative therapeutic catholic christian lutheran jewish islamic
    montessori waldorf boarding home online virtual summer sunday bible magnet early learning
    head start little boys girls elementary middle high junior senior intermediate primary
    secondary school schools academy preschool daycare childcare kindergarten nursery prep
    preparatory college church chapel temple synagogue mosque cathedral parish congregation
    ministries fellowship baptist methodist presbyterian episcopal pentecostal evangelical
    orthodox apostolic adventist unitarian reformed nazarene assembly god team club league
    travel varsity swim soccer football baseball basketball hockey softball dance gymnastics
    cheer chess robotics band orchestra choir support parent parents group associates partners
    practice institute infirmary hospice psychiatry sleep neurology cardiology genetics trauma"""
)

US_STATE_ABBREVIATIONS = _words(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
    NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"""
)

# Acronyms that look like initials.
ACRONYMS = _words(
    """ADHD ADD ASD ODD OCD PTSD CBT DBT PCIT ABA IEP PCP MD DO NP PA RN ED ER ICU PICU NICU CPS
    DCF DCFS DSS DHS SSRI SNRI BMI BP HR RR GAD PHQ MDD DMDD SAD ID IQ EEG MRI CT EKG ECG UA UDS
    ENT GI OT PT SLP BID TID QID QHS PRN PO IM IV SI HI SIB NSSI TBI CP FAS FASD MI OK TV UK US
    USA AM PM LD SLD DD GDD ACE ACES LGBT LGBTQ BCBA LCSW LPC NOS DSM ICD CDC AAP APA FDA NIMH
    NIH WHO WIC SNAP SSI TANF CHIP EI ECHO IOP PHP ASQ SDQ CDI PSC MFQ SCARED YMRS CGAS CGI TF
    IPT ACT ERP MST FFT IY PMT CPP ARC TIC TBD NA NKDA HPI PMH ROS FH SH ASAP FYI IDK JK LOL OMG
    OTC RX HX DX TX SX FX PE NAD WNL AOX SOB CHF CAD COPD DM HTN"""
)

DOTTED_ABBREVIATIONS = _words(
    """U.S. U.K. A.M. P.M. M.D. D.O. R.N. N.P. P.A. B.A. B.S. M.A. M.S. E.R. O.T. P.T. I.V. I.M.
    O.D. O.S. O.U. P.O. N.P.O. B.I.D. T.I.D. Q.I.D. Q.H.S. P.R.N. A.D.H.D. O.C.D. P.T.S.D.
    C.B.T. D.B.T. I.E.P. D.C. N.Y. L.A. S.F. U.S.A. J.D. M.B.A. M.S.W. R.N.C. C.P.S. B.P. C.O.
    C.I. H.O. P.S. A.C. U.O. O.R. I.D. G.I. G.U. N.G. O.G. E.D. E.T. R.T. S.L. P.R. N.S. L.R.
    D.S. S.C. I.C.U. P.I.C.U. N.I.C.U. E.E.G. M.R.I. C.T. E.K.G. A.S.D. O.D.D. S.I. H.I. B.M.
    A.B.A. L.D. D.D. S.S.I. W.I.C. R.S.V. T.B. H.S. M.S. J.V. P.E. A.P. K.G. P.K. Y.O. D.O.B.
    M.R.N. N.B. E.G. I.E. V.S. A.K.A. R.S.V.P. O.K. T.V. P.C.P. S.W. H.R. R.R. B.S. P.T.A.
    P.T.O. N.C. D.L. T.O. H.L. I.S. T.D. V.O. S.S. R.A. L.A. R.L. L.L. R.U. L.U. A.V. V.A. M.I.
    C.A. A.F. S.B. S.T. L.E. U.E. B.S. C.P. A.O. D.T. C.T.A. N.T. D.N.R. D.N.I. A.M.A. N.K.D.A."""
)

# Words that, right after a name-like word, say it is a test, a sign or a condition.
EPONYM_NOUNS = _words(
    """syndrome syndromes disease diseases disorder disorders criteria scale scales score scores
    stage stages staging test tests testing questionnaire inventory screen screener screening
    checklist rating ratings method model approach technique protocol program programme
    curriculum sign signs reflex maneuver procedure classification index assessment assessments
    form forms rule rules catheter cath site tube tubes valve tear line sandwich hugger wort
    palsy phenomenon law triad node nodes cyst tumor lymphoma sarcoma respirations"""
)

# Verbs that follow a person as subject.
PERSON_VERBS = _words(
    """is was has had reports reported says said states stated denies denied endorses endorsed
    admits admitted describes described shares shared explains explained told tells notes noted
    lives lived attends attended presents presented presenting came went comes goes likes liked
    loves loved enjoys enjoyed wants wanted feels felt struggles struggled refuses refused
    started began got gets does did cries cried screams screamed hits hit bites bit sleeps slept
    eats ate plays played moved worries worried becomes became seems seemed appears appeared can
    cannot will would could should also often never always recently continues continued remains
    remained spends spent hates hated thinks thought says believes believed asked asks called
    calls visits visited"""
)
# Sentence-opening verbs that are also given names ("See CareVue", "Will follow").
COMMON_VERBS = _words(
    """see check call note ask follow continue monitor start stop give hold keep add read will
    may"""
)

# Given names whose word sense often opens a sentence: they need more than "was" after them.
WORDY_NAMES = _words(
    """summer autumn winter spring hope faith joy grace will may june april august case major king
    prince angel baby unique genesis trinity journey precious charity patience destiny justice
    liberty miracle heaven harmony melody serenity star sunny sky rain storm river brook forest
    stone chance mercy honesty promise karma reign royal legend story"""
)

# Verbs only a person does: after an unknown capitalised word they make it a name.
HUMAN_VERBS = _words(
    """lives attends plays wants wishes feels likes loves hates enjoys cries cried screams screamed
    yells yelled refuses refused declined declines agrees agreed understands verbalizes
    verbalized worries fears sleeps eats visits visited texted asks asked tells told says said"""
)
SPEECH_VERBS = _words(
    """reports reported says said states stated denies denied endorses endorsed admits describes
    described shares shared explains explained told tells disclosed discloses"""
)


# --------------------------------------------------------------------------------------------
# Text model: words with their shape, the case style of their line, sentence starts
# --------------------------------------------------------------------------------------------

_WORD = re.compile(r"(?<!\w)[^\W\d_]++(?:['\u2019\-][^\W\d_]++)*+(?![\d_])")
_TITLE_ABBREVIATIONS = _words("dr drs mr mrs ms mx st mt ft jr sr vs dept inc corp univ")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int  # end of the word without a possessive 's
    text: str  # the word without a possessive 's
    low: str
    shape: str  # title, upper, lower, single, other
    possessive: bool
    mode: str  # mixed, upper, lower: the case style of the line the word is on
    sentence_start: bool


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    kind: str
    rank: int
    suggestion: str


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


def _line_modes(text: str) -> tuple[list[int], list[str]]:
    """Case style per line: 'upper' (shouted notes), 'lower' (no capitals for names) or
    'mixed'; lines of a few words take the style of the whole text."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    counts = [[0, 0, 0] for _ in starts]  # upper, title, lower words per line
    line = 0
    for m in _WORD.finditer(text):
        while line + 1 < len(starts) and starts[line + 1] <= m.start():
            line += 1
        word = m.group()
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


def _tokens(text: str, starts: list[int], modes: list[str]) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _WORD.finditer(text):
        for start, word in _split_hyphens(m.start(), m.group()):
            possessive = False
            if len(word) > 2 and word[-2] in "'\u2019" and word[-1] in "sS":
                word = word[:-2]
                possessive = True
            shape = _shape(word)
            mode = modes[bisect_right(starts, start) - 1]
            if mode == "lower" and shape == "title":
                mode = "mixed"  # a capital in lower-case text is deliberate
            toks.append(
                _Tok(
                    start,
                    start + len(word),
                    word,
                    _fold(word),
                    shape,
                    possessive,
                    mode,
                    _starts_sentence(text, start),
                )
            )
    return toks


def _fold(word: str) -> str:
    """Lower case without accents or apostrophes, as the word lists spell names: "José" ->
    "jose", "O'Brien" -> "obrien"."""
    low = word.lower()
    if low.isascii():
        return low.replace("'", "") if "'" in low else low
    low = unicodedata.normalize("NFKD", low)
    return "".join(c for c in low if not unicodedata.combining(c) and c not in "'\u2019")


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


def _starts_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'\u201c\u2018([*\u2022-\u2013\u2014>":
        i -= 1
    if i < 0 or text[i] in "\n\r!?:;":
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


def _adjacent(text: str, left: _Tok, right: _Tok) -> bool:
    """Two words separated by one space (or a space and a middle initial's dot)."""
    gap = text[left.end : right.start]
    if left.possessive:
        return False
    return gap in (" ", ". ", "-") and not (gap == ". " and left.shape != "single")


def _year4(year: str) -> str:
    year = year.lstrip("'\u2019")
    if len(year) == 2:
        return ("20" if int(year) <= 30 else "19") + year
    return year


# --------------------------------------------------------------------------------------------
# Structured identifiers
# --------------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_URL = re.compile(
    r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'()\[\]]+"
    r"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+"
    r"(?:com|org|net|edu|gov|io|us|info|biz)\b"
    r"(?:/[^\s<>\"'()\[\]]*)?"
)
_PUBLIC_DOMAINS = re.compile(
    r"(?i)(?:^|\.)(?:[a-z0-9-]+\.gov|aap\.org|healthychildren\.org|aacap\.org|988lifeline\.org|"
    r"nami\.org|zerotothree\.org|thetrevorproject\.org|childmind\.org|nctsn\.org|"
    r"brightfutures\.aap\.org|projectecho\.org|who\.int)$"
)
_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)"
)
_IPV6 = re.compile(
    r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}:?){1,6}(?![\w:])"
)
_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_CONTEXT = re.compile(
    r"(?i)\b(?:ssn|ss\s?#|social\s+security(?:\s+(?:number|no\.?|#))?)\s*(?:is|:|#|-)?\s*"
    r"(?P<id>\d{9}|\d{3}[\s-]\d{2}[\s-]\d{4}|[x*]{3}-?[x*]{2}-?\d{4}|\d{4})(?!\w)"
)
_PHONE = re.compile(
    r"(?<![\w/+])(?<!\d-)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-/]\s?)\d{3}[\s.\-/]?\s?\d{4}"
    r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\w/-])"
)
_TOLL_FREE = re.compile(r"1?8(?:00|33|44|55|66|77|88)")
_PERSONAL_PHONE = re.compile(r"(?i)\b(?:home|cell|work|mobile|mom|dad|mother|father)\b|#")
_PHONE_LOCAL = re.compile(r"(?<![\w/.-])\d{3}[-.]\d{4}(?![\w/-]|\.\d)")
_PHONE_TEN = re.compile(r"(?<![\w/.-])\d{10}(?![\w/-])")
_PHONE_CONTEXT = re.compile(
    r"(?i)\b(?:phone|ph|tel|telephone|cell|mobile|call|called|text|home|work|office|number|"
    r"reach|reached|contact|pager|beeper|fax|hm|wk|c|h|w)\b\W{0,4}(?:\w+\W{1,3}){0,3}$|#\s*$"
)
_PAGER = re.compile(
    r"(?i)\b(?:pager|beeper|pgr|pg|beep)\s*(?:#|no\.?|number)?\s*:?\s*(?P<id>\d{4,5})\b"
)
_FAX_CONTEXT = re.compile(r"(?i)\bfax\b")

_ID_VALUE = r"(?P<id>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}[A-Za-z0-9])"
_ID_SEP = r"\s*(?:number|num|no\.?|#|id|ID)?\s*[:#=]?\s*(?:is\s+|of\s+)?"
# Identifier numbers after the word that names them: one pattern, a group per kind.
_ID_KINDS: tuple[tuple[str, str], ...] = (
    (
        "mrn",
        r"mrn|mr\s?#|medical\s+record(?:\s+number)?|med\s+rec|record|chart|"
        r"(?:patient|pt|hospital|unit)\s+(?:id|number|no\.?|#)|csn|encounter",
    ),
    (
        "health_plan",
        r"(?:member|subscriber|beneficiary|policy|group|plan|insurance)\s*(?:id|number|no\.?|#)|"
        r"medicaid|medicare|insurance|hicn|mbi|policy",
    ),
    (
        "account",
        r"account|acct|(?:billing|claim|case|reference|ref|confirmation|invoice|order|"
        r"referral|ticket)\s*(?:id|number|no\.?|#)",
    ),
    ("license", r"(?:driver'?s\s+)?licen[cs]e(?!\s+plate)|certificate|cert|permit|dea|npi"),
    ("vehicle", r"(?:license|licence)\s+plate|plate|vin|tag\s+(?:number|no\.?|#)"),
    (
        "device",
        r"serial|s/n|sn|device\s*(?:id|number|#)|imei|udi|mac\s+address|implant\s+id|"
        r"pump\s+(?:id|serial)",
    ),
    ("other", r"id|ref\.?"),
)
_IDS = re.compile(
    r"(?i)\b(?:"
    + "|".join(f"(?P<{kind}_{n}>{words})" for n, (kind, words) in enumerate(_ID_KINDS))
    + r")"
    + _ID_SEP
    + _ID_VALUE
    + r"(?![\w-])"
)
_ID_WORDS = _words(
    """mrn mr medical med record chart patient pt hospital unit csn encounter member subscriber
    beneficiary policy group plan insurance medicaid medicare hicn mbi account acct billing
    claim case reference ref confirmation invoice order referral ticket driver drivers license
    licence certificate cert permit dea npi plate vin tag serial s sn device imei udi mac
    implant pump id"""
)
_VIN = re.compile(
    r"(?<![\w-])(?=(?:[A-HJ-NPR-Z]*\d){2})(?=(?:\d*[A-HJ-NPR-Z]){2})[A-HJ-NPR-Z0-9]{17}(?![\w-])"
)
_MAC = re.compile(r"(?i)(?<![\w:-])(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}(?![\w:-])")
_HASH_NUMBER = re.compile(r"#\s?(?P<id>\d{5,})\b")
_LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{8,}(?![\w.,/-]|\.\d)")

_HANDLE = re.compile(
    r"(?<![\w@.])@(?=[A-Za-z0-9_.]*[A-Za-z_])[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_])"
)
_DOSE_OR_TIME = re.compile(r"(?i)@?[\d.]+\s*[a-z]{0,6}")
_HANDLE_CONTEXT = re.compile(
    r"(?i)\b(?:instagram|insta|ig|snapchat|snap|tiktok|twitter|discord|roblox|xbox|psn|"
    r"gamertag|username|user\s+name|screen\s*name|handle|fortnite|minecraft|youtube|twitch|"
    r"steam)\b\s*(?:user\s*name|handle|name|account(?:\s+name)?|id|tag)?\s*(?:is|:|-|=)?\s*"
    r"[\"'\u201c]?"
    r"(?P<id>[A-Za-z0-9_](?:[A-Za-z0-9_.]{1,28}[A-Za-z0-9_]))"
)


def _structured(text: str, lows: frozenset[str]) -> Iterator[_Hit]:
    at = "@" in text
    for m in _EMAIL.finditer(text) if at else ():
        yield _Hit(m.start(), m.end(), "email", 100, SUGGESTIONS["email"])
    for m in _URL.finditer(text) if _URL_HINT.search(text) else ():
        url = m.group().rstrip(".,;:!?)]}'\"")
        host = re.sub(r"(?i)^(?:(?:https?|ftp)://)?", "", url).split("/")[0].split(":")[0]
        if _PUBLIC_DOMAINS.search(host) or "@" in url:
            continue
        yield _Hit(m.start(), m.start() + len(url), "url", 96, SUGGESTIONS["url"])
    ips = ((_IPV4,) if text.count(".") >= 3 else ()) + (
        (_IPV6,) if "::" in text or text.count(":") >= 7 else ()
    )
    for rx in ips:
        for m in rx.finditer(text):
            yield _Hit(m.start(), m.end(), "ip", 95, SUGGESTIONS["ip"])
    for m in _SSN.finditer(text):
        yield _Hit(m.start(), m.end(), "ssn", 95, SUGGESTIONS["ssn"])
    for m in _SSN_CONTEXT.finditer(text) if lows & _SSN_WORDS else ():
        yield _Hit(m.start("id"), m.end("id"), "ssn", 95, SUGGESTIONS["ssn"])
    for m in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(set(digits)) < 3:
            continue
        if _TOLL_FREE.match(digits) and not _PERSONAL_PHONE.search(
            text[max(0, m.start() - 25) : m.start()]
        ):
            continue  # toll-free numbers are services (1-800-273-8255), not families
        yield _phone_hit(text, m.start(), m.end(), 90)
    for rx in (_PHONE_LOCAL, _PHONE_TEN):
        for m in rx.finditer(text):
            if _PHONE_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
                yield _phone_hit(text, m.start(), m.end(), 89)
    for m in _PAGER.finditer(text) if lows & _PAGER_WORDS else ():
        yield _Hit(m.start("id"), m.end("id"), "phone", 89, SUGGESTIONS["phone"])
    for m in _IDS.finditer(text) if lows & _ID_WORDS else ():
        value = m.group("id")
        kind = next(k for k, v in m.groupdict().items() if v is not None and k != "id")
        kind = kind.rsplit("_", 1)[0]
        digits = sum(c.isdigit() for c in value)
        if _is_date_like(value) or digits < 3 or (kind == "other" and digits < 4):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue  # "Medicaid 2019": a year
        kind = "account" if kind == "other" else kind
        yield _Hit(m.start("id"), m.end("id"), kind, 88, SUGGESTIONS[kind])
    for m in _VIN.finditer(text):
        yield _Hit(m.start(), m.end(), "vehicle", 87, SUGGESTIONS["vehicle"])
    for m in _MAC.finditer(text):
        yield _Hit(m.start(), m.end(), "device", 87, SUGGESTIONS["device"])
    for m in _HASH_NUMBER.finditer(text):
        yield _Hit(m.start("id"), m.end("id"), "account", 86, SUGGESTIONS["account"])
    for m in _LONG_NUMBER.finditer(text):
        yield _Hit(m.start(), m.end(), "account", 30, SUGGESTIONS["account"])
    for m in _HANDLE.finditer(text) if at else ():
        handle = m.group()
        if (
            _DOSE_OR_TIME.fullmatch(handle)
            or _is_word(handle[1:].lower())
            or (handle[1:].isupper() and not any(c in handle for c in "_."))
        ):
            continue
        yield _Hit(m.start(), m.end(), "social_handle", 85, SUGGESTIONS["social_handle"])
    for m in _HANDLE_CONTEXT.finditer(text) if lows & _PLATFORM_WORDS else ():
        handle = m.group("id")
        if handle.lower() in _english() or handle.lower() in FUNCTION_WORDS:
            continue
        yield _Hit(m.start("id"), m.end("id"), "social_handle", 84, SUGGESTIONS["social_handle"])


_URL_HINT = re.compile(r"(?i)://|www\.|\.(?:com|org|net|edu|gov|io|us|info|biz)\b")
_SSN_WORDS = _words("ssn ss social")
_PAGER_WORDS = _words("pager beeper pgr pg beep")
_PLATFORM_WORDS = _words(
    """instagram insta ig snapchat snap tiktok twitter discord roblox xbox psn gamertag username
    user screen screenname handle fortnite minecraft youtube twitch steam"""
)


def _phone_hit(text: str, start: int, end: int, rank: int) -> _Hit:
    if _FAX_CONTEXT.search(text[max(0, start - 25) : start]):
        return _Hit(start, end, "fax", rank, SUGGESTIONS["fax"])
    return _Hit(start, end, "phone", rank, SUGGESTIONS["phone"])


def _is_date_like(value: str) -> bool:
    return bool(re.fullmatch(r"\d{1,4}[-/]\d{1,2}(?:[-/]\d{2,4})?", value))


# --------------------------------------------------------------------------------------------
# Dates and ages
# --------------------------------------------------------------------------------------------

_MONTH_FULL = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
)
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_MONTH = rf"(?P<mon>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2}|['\u2019]\d{2})"
_NOT_UNIT = (
    r"(?!\s*(?:[-\u2013]\s*\d+\s*)?(?:mg|mcg|ml|kg|lbs?|g|%|weeks?|wks?|days?|months?|mos?|years?|"
    r"yrs?|hours?|hrs?|minutes?|mins?|times|x|doses?|tabs?|pills?|pounds|points?|items?)\b)"
)
_DATE_MONTH_DAY = re.compile(
    rf"(?i)\b{_MONTH}\s*{_DAY}\b(?:\s*[-\u2013]\s*[0-3]?\d(?:st|nd|rd|th)?\b)?{_NOT_UNIT}"
    rf"(?:,?\s*{_YEAR}\b)?"
)
_DATE_DAY_MONTH = re.compile(rf"(?i)\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s*{_YEAR}\b)?")
_DATE_MONTH_YEAR = re.compile(rf"(?i)\b{_MONTH}\s*,?\s+(?:of\s+)?{_YEAR}\b")
_DATE_NUMERIC = re.compile(
    r"(?<![\w/])(?<!\d[.-])(?:(?P<y1>(?:19|20)\d{2})[-/.](?P<m1>0?[1-9]|1[0-2])[-/.](?P<d1>0?[1-9]|[12]\d|3[01])"
    r"|(?P<m2>0?[1-9]|1[0-2])(?P<sep>[-/.])(?P<d2>0?[1-9]|[12]\d|3[01])(?P=sep)(?P<y2>(?:19|20)?\d{2})"
    r"|(?:1[3-9]|2\d|3[01])(?P<sep3>[-/.])(?:0?[1-9]|1[0-2])(?P=sep3)(?P<y3>(?:19|20)\d{2}))"
    r"(?![\w/]|[-.]\d|\s*%)"
)
_DATE_MONTH_SLASH_YEAR = re.compile(
    r"(?<![\w/])(?<!\d[.-])(?P<m>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d{2})(?![\w/])"
)
_DATE_MONTH_SHORT_YEAR = re.compile(
    r"(?<![\w/])(?<!\d[.-])(?P<m>0?[1-9]|1[0-2])/(?P<year>3[2-9]|[4-9]\d)(?![\w/]|\.\d|\s*%)"
)
_DATE_SHORT = re.compile(r"(?<![\w/])(?<!\d[.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\w/]|\.\d)")
_DATE_SHORT_RANGE = re.compile(
    r"(?<![\w/])(?<!\d[.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})\s*[-\u2013]\s*"
    r"(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?![\w/]|\.\d)"
)
_DATE_ORDINAL = re.compile(r"(?i)\bon\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b")

_DATE_CUE_WORDS = _words(
    """on since from until till thru through by dated date dob born birth birthday seen visit
    visited admitted admission discharged discharge hospitalized started began stopped increased
    decreased changed appt appointment f/u fu followup follow-up effective before after between
    s/p last next placed drawn sent transferred done extubated intubated arrived returned
    expired died cultured removed inserted"""
)
_SCORE_WORDS = re.compile(
    r"(?i)\b(?:vanderbilt|conners?|phq\S*|gad\S*|scared|asq|m-?chat\S*|sdq|cdi|mfq|psc\S*|asrs|"
    r"bocs|ces-dc|ymrs|scores?|scored|scoring|rated|rating|subscales?|items?|criteria|symptoms?|"
    r"endorse[sd]?|endorsing|positive|inattentive|inattention|hyperactive|hyperactivity|"
    r"impulsive|oppositional|total|pain|bp|peep|cpap|bipap|bi-pap|ipap|epap|vent|ps|psv|imv|"
    r"simv|fio2|ratio|strength|murmur|apgars?|acuity|vision|trial(?:ed)?|settings?|"
    r"flowby|flow-by|support|vented|ventilation|mask|abg|psv|severity|percentile|t-score|"
    r"raw|index)\b"
)
_FRACTION_AFTER = re.compile(
    r"(?i)^\s*(?:[-\u2013]\s*\d+\s*)?(?:of\s+(?:the\s+)?\w+|(?:school\s+)?(?:days?|nights?|weeks?|"
    r"items?|criteria|symptoms?|sx|points?|questions?|domains?|subscales?|tabs?|tablets?|pills?|"
    r"doses?|strength|reflexes|murmur|systolic|diastolic|inattentive|hyperactive|positive|"
    r"negative|pain|mmhg|mm|cm|ml|mg|bilat\w*|b/l|on\s+the|score|scale|correct|answered|"
    r"attempts?|trials?|meals?|times?|peep|ps|cpap|str|ns|normal\s+saline|hours?|hrs?|"
    r"minutes?|mins?)\b|%)"
)


def _dates(text: str, lows: frozenset[str], mode_at: Callable[[int], str]) -> Iterator[_Hit]:
    def month_ok(m: re.Match[str]) -> bool:
        mon = m.group("mon")
        if mode_at(m.start("mon")) == "mixed" and not mon[0].isupper():
            return False
        return mon.lower() != "may" or mon[0].isupper() or mode_at(m.start("mon")) != "mixed"

    def hit(start: int, end: int, year: str | None) -> _Hit:
        suggestion = f"[{_year4(year)}]" if year else SUGGESTIONS["date"]
        return _Hit(start, end, "date", 80, suggestion)

    months = bool(lows & MONTH_WORDS)
    for m in _DATE_MONTH_DAY.finditer(text) if months else ():
        if not month_ok(m) or not 1 <= int(m.group("day")) <= 31:
            continue
        if m.group("mon").lower() == "may" and mode_at(m.start()) != "mixed":
            tail = text[m.end("mon") : m.end("mon") + 16]
            if not re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\s*(?:[,.;)]|$|(?:19|20)\d\d)", tail):
                continue
        yield hit(m.start(), m.end(), m.group("year"))
    for m in _DATE_DAY_MONTH.finditer(text) if months else ():
        if not month_ok(m) or not 1 <= int(m.group("day")) <= 31:
            continue
        if m.group("mon").lower() == "may" and not m.group("mon")[0].isupper():
            continue
        if (
            m.group("mon").lower() == "may"
            and mode_at(m.start()) == "upper"
            and not m.group("year")
        ):
            continue
        yield hit(m.start(), m.end(), m.group("year"))
    for m in _DATE_MONTH_YEAR.finditer(text) if months else ():
        if month_ok(m):
            yield hit(m.start(), m.end(), m.group("year"))
    for m in _DATE_NUMERIC.finditer(text):
        yield hit(m.start(), m.end(), m.group("y1") or m.group("y2") or m.group("y3"))
    for m in _DATE_MONTH_SLASH_YEAR.finditer(text):
        if not _FRACTION_AFTER.match(text[m.end() : m.end() + 30]):
            yield hit(m.start(), m.end(), m.group("year"))
    for m in _DATE_MONTH_SHORT_YEAR.finditer(text):
        # "s/p CABG 8/88" is a month and year; "scored 6/40" is a score (scales end on round
        # numbers or 27, 36, 41, 54, 63, 64, 82): without a date cue, those are scores.
        before = text[max(0, m.start() - 40) : m.start()]
        words = re.findall(r"[A-Za-z/]+", before)
        cue = bool(words) and words[-1].lower() in _DATE_CUE_WORDS | {"in", "hx", "pmh", "dx"}
        year = int(m.group("year"))
        score_like = year % 5 == 0 or year in (27, 36, 41, 54, 63, 64, 82)
        if (
            (cue or not score_like)
            and not _SCORE_WORDS.search(before)
            and not _FRACTION_AFTER.match(text[m.end() :])
        ):
            yield hit(m.start(), m.end(), m.group("year"))
    for m in _DATE_SHORT.finditer(text):
        month, day = int(m.group("m")), int(m.group("d"))
        if 1 <= month <= 12 and 1 <= day <= 31 and _short_date_is_date(text, m, month, day):
            yield hit(m.start(), m.end(), None)
    for m in _DATE_SHORT_RANGE.finditer(text) if "/" in text else ():
        # "11/19-11/24": a range of two dates, each with a month and a day.
        parts = [(int(m.group(a)), int(m.group(b))) for a, b in (("m", "d"), ("m2", "d2"))]
        if all(1 <= mo <= 12 and 1 <= d <= 31 for mo, d in parts) and _short_date_is_date(
            text, m, *parts[0]
        ):
            yield hit(m.start(), m.end(), None)
    for m in _DATE_ORDINAL.finditer(text):
        if 1 <= int(m.group("day")) <= 31:
            yield hit(m.start("day"), m.end(), None)


def _short_date_is_date(text: str, m: re.Match[str], month: int, day: int) -> bool:
    """'7/22' is a date; 'Vanderbilt 6/9', '2/5 school days', '1/2 tab' are not."""
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 30]
    words = re.findall(r"[A-Za-z/@-]+", before)
    previous = words[-1].lower() if words else ""
    if _FRACTION_AFTER.match(after):
        return False
    fraction_like = day <= 10 and month <= day
    if previous in _DATE_CUE_WORDS or before.rstrip().endswith(("-", "\u2013", "@")):
        return not (fraction_like and _SCORE_WORDS.search(before))
    if _SCORE_WORDS.search(before if fraction_like else before[-16:]):
        return False
    if re.search(r"(?i)(?:\b\d{3,4}|\d\s?[ap]\.?m\.?)\s*$", before):
        return True  # a clock time before: "at 0330 3/7", "2pm 9/18"
    if re.search(r"(?:^|\s)\d\s?$", before) or before.rstrip().endswith(("+", "/")):
        return False  # "2 1/2"
    if re.match(r"(?i)\s*(?:@\s*\d{3,4}|at\s+\d{3,4}\b|\d{4}\b|[ap]\.?m\b)", after):
        return True
    if re.match(r"\s*(?:[-\u2013]|to|through|thru)\s*\d{1,2}/\d{1,2}\b", after):
        return not fraction_like
    return not fraction_like


_AGE_OVER_89 = re.compile(
    r"(?i)\b(?P<n>9\d|1[01]\d)\s*(?:-|\s)?\s*(?:years?|yrs?|yr|y)\.?\s*(?:-|\s)?\s*(?:old|o\.?)\b"
    r"|\b(?P<n2>9\d|1[01]\d)\s?(?:yo|y/o|y\.o\.?|yof|yom)(?!\w)"
    r"|\b(?:age[ds]?|aged)\s*(?:of\s*)?:?\s*(?P<n3>9\d|1[01]\d)\b"
    r"(?!\s*(?:days?|d\b|weeks?|wks?|months?|mos?|minutes?|%|percent))"
    r"|\b(?:ninety|one\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"[-\s]years?[-\s]old\b"
    r"|\bin\s+(?:his|her|their)\s+(?:90s|nineties)\b"
)


_AGE_HINT = re.compile(r"(?i)(?<!\d)(?:9\d|1[01]\d)(?!\d)|ninety|hundred")

# "his great-grandfather is 96", "grandma (93)": a relative's age as a bare number, matched
# from the end of the relation word.
_AGE_OF_RELATIVE = re.compile(
    r"(?i)s?\b[^.;\n]{0,25}?(?:\b(?:is|was|turned|turns|now|aged?)\s+|,\s*|\(\s*)"
    r"(?P<n>9\d|1[01]\d)(?![\d.%/-])(?!\s*(?:%|mg|kg|lbs?|bpm|percent|degrees|pounds|points|"
    r"minutes|mins|miles|th\b|st\b|nd\b|rd\b))"
)


def _ages(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    if not _AGE_HINT.search(text):
        return
    for m in _AGE_OVER_89.finditer(text):
        yield _Hit(m.start(), m.end(), "age_over_89", 80, SUGGESTIONS["age_over_89"])
    for t in toks:
        if _relation(t.low) is None:
            continue
        rel = _AGE_OF_RELATIVE.match(text, t.end)
        if rel is not None:
            yield _Hit(rel.start("n"), rel.end("n"), "age_over_89", 80, SUGGESTIONS["age_over_89"])


# --------------------------------------------------------------------------------------------
# Places: street addresses, ZIP codes, cities and counties
# --------------------------------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|"
    r"Ct\.?|Way|Place|Pl\.?|Terrace|Ter\.?|Circle|Cir\.?|Parkway|Pkwy\.?|Highway|Hwy\.?|Trail|"
    r"Trl\.?|Square|Sq\.?|Loop|Pike|Alley|Plaza|Crescent|Row)"
)
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6}\b)?"
_ADDRESS_MIXED = re.compile(
    r"(?<![\w/.-])\d{1,6}[A-Za-z]?(?:\s+(?:[NSEW]\.?|North|South|East|West))?"
    r"(?:\s+(?:[A-Z][A-Za-z'\u2019.-]*|\d+(?:st|nd|rd|th))){1,4}\s+"
    + _STREET_SUFFIX
    + r"(?![\w])"
    + _UNIT
)
_ADDRESS_ANYCASE = re.compile(
    r"(?i)(?<![\w/.#-])\d{1,5}(?:[ \t]+(?:[NSEW]\.?|North|South|East|West))?"
    r"(?:[ \t]+[a-z][a-z'\u2019-]*){1,3}[ \t]+"
    r"(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Court|Way|Place|"
    r"Terrace|Circle|Parkway|Pkwy|Highway|Hwy)(?![\w])" + _UNIT
)
_STREET_NAMED = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z'\u2019]+\s+|\d{1,3}(?:st|nd|rd|th)\s+){1,2})"
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|"
    r"Terrace|Parkway|Highway)\b"
)
_PO_BOX = re.compile(r"(?i)\bP\.?\s?O\.?\s+Box\s+\d+\b")
_HOMES = re.compile(
    r"\b(?:[A-Z][A-Za-z'\u2019-]+\s+){1,3}(?:Apartments|Apts|Townhomes|Townhouses|Estates|"
    r"Mobile\s+Home\s+Park|Trailer\s+Park|Homeless\s+Shelter|Shelter|House)\b"
)
_ZIP_CONTEXT = re.compile(r"(?i)\bzip(?:\s*code)?\s*(?:is|:|#)?\s*(?P<zip>\d{5})(?:-\d{4})?\b")
_STATE_NAMES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
)
_CITY_STATE = re.compile(
    r"(?P<city>(?:(?:[A-Z][A-Za-z'\u2019-]+|St\.|Ft\.|Mt\.) ){0,2}[A-Z][A-Za-z'\u2019-]+),[ \t]*"
    r"(?P<state>(?:[A-Z]{2}|D\.C\.)(?![\w.])|(?:" + _STATE_NAMES + r")\b)"
    r"(?:\s+(?P<zip>\d{5})(?:-\d{4})?\b)?"
)
_CITY_STATE_HINT = re.compile(r",[ \t]*(?:[A-Z]{2}(?![\w.])|D\.C\.|(?:" + _STATE_NAMES + r")\b)")
_HOME_WORDS = _words("box apartments apts townhomes townhouses estates park shelter house")
_STATE_ZIP = re.compile(
    r"\b(?P<state>[A-Z]{2}|" + _STATE_NAMES + r")[ \t]+(?P<zip>\d{5})(?:-\d{4})?(?![\w-])"
)
_RESTRICTED_ZIP3 = _words("""036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893""")
_AMBIGUOUS_STATES = _words(
    """MD DO PA IN OR ME OK HI OH DE CO MA LA AL ID MS GA NE WA SC MI CA MO ND NY CT VA UT"""
)

_CITY_CUE = re.compile(
    r"(?i)\b(?P<strong>lives?\s+in|living\s+in|lived\s+in|moved\s+(?:here\s+)?(?:to|from)|"
    r"moving\s+to|relocated\s+(?:to|from)|born\s+in|grew\s+up\s+in|resides?\s+in|residing\s+in|"
    r"raised\s+in|visiting|home\s+in|outside\s+of|suburb\s+of|(?:town|city|village)\s+of)"
    r"\s*$|\b(?P<weak>in|from|to|at|near|outside|around)\s*$"
)


_FIVE_DIGITS = re.compile(r"(?<!\d)\d{5}(?!\d)")
# What may follow a street address: ", Millbrook", ", OH", " 04521".
_AFTER_ADDRESS_CITY = re.compile(
    r",[ \t]*(?P<city>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){0,2})(?![\w'\u2019-])"
)
_AFTER_ADDRESS_ZIP = re.compile(
    r",?[ \t]*(?:(?:[A-Z]{2}|" + _STATE_NAMES + r")(?![\w.]),?[ \t]*)?"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)
# "Millbrook 04521", "Springfield, 62704": a ZIP after a listed place name.
_CITY_ZIP = re.compile(
    r"(?P<city>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){0,2}),?[ \t]+"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)


def _zip_hit(start: int, end: int, digits: str) -> _Hit:
    prefix = "000" if digits[:3] in _RESTRICTED_ZIP3 else digits[:3]
    return _Hit(start, end, "zip", 75, f"[ZIP {prefix}]")


def _places_hits(text: str, toks: list[_Tok], lows: frozenset[str]) -> Iterator[_Hit]:
    five_digits = _FIVE_DIGITS.search(text) is not None
    streets = bool(lows & STREET_WORDS)
    for rx in (_ADDRESS_MIXED, _ADDRESS_ANYCASE) if streets else ():
        for m in rx.finditer(text):
            words = [w.lower() for w in re.findall(r"[A-Za-z]+", m.group())]
            suffix = max((k for k, w in enumerate(words) if w in STREET_WORDS), default=0)
            words = words[:suffix]
            if any(w in FUNCTION_WORDS or w in ("mg", "mcg", "ml", "units", "x") for w in words):
                continue
            yield _Hit(m.start(), m.end(), "address", 70, SUGGESTIONS["address"])
            yield from _after_address(text, m.end())
    for m in _STREET_NAMED.finditer(text) if streets else ():
        first = m.group("name").split()[0].lower()
        if first in FUNCTION_WORDS or first in _not_names():
            continue
        yield _Hit(m.start(), m.end(), "address", 68, SUGGESTIONS["address"])
    for rx in (_PO_BOX, _HOMES) if lows & _HOME_WORDS else ():
        for m in rx.finditer(text):
            if m.group().split()[0].lower() in FUNCTION_WORDS:
                continue
            yield _Hit(m.start(), m.end(), "address", 70, SUGGESTIONS["address"])
    for m in _CITY_ZIP.finditer(text) if five_digits else ():
        words = m.group("city").split()
        for k in range(len(words)):
            city = " ".join(words[k:])
            if _known_place(city) and city.lower() not in _not_names():
                if city.lower() not in _regions():
                    start = m.end("city") - len(city)
                    yield _Hit(start, m.end("city"), "city", 44, SUGGESTIONS["city"])
                yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
                break
    for m in _ZIP_CONTEXT.finditer(text) if five_digits else ():
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    for m in _STATE_ZIP.finditer(text) if five_digits else ():
        if len(m.group("state")) == 2 and m.group("state") not in US_STATE_ABBREVIATIONS:
            continue
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    for m in _CITY_STATE.finditer(text) if _CITY_STATE_HINT.search(text) else ():
        city_words = m.group("city").split()
        state = m.group("state")
        if len(state) == 2 and state not in US_STATE_ABBREVIATIONS:
            continue
        while city_words and (
            city_words[0].lower() in FUNCTION_WORDS or city_words[0].lower() in _english()
        ):
            city_words.pop(0)
        if not city_words:
            continue
        city = " ".join(city_words)
        known = _known_place(city)
        if city.isupper() or (state.replace(".", "") in _AMBIGUOUS_STATES and not known):
            continue
        if not known and (_is_word(city.lower()) or city.lower() in _not_names()):
            continue
        start = m.end("city") - len(city)
        yield _Hit(start, m.end("city"), "city", 72, SUGGESTIONS["city"])
        if m.group("zip"):
            yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    yield from _gazetteer_cities(text, toks)
    yield from _counties(text, toks)


def _after_address(text: str, end: int) -> Iterator[_Hit]:
    """The city and ZIP code that close a street address: "12 Oak Ave, Millbrook 04521"."""
    city = _AFTER_ADDRESS_CITY.match(text, end)
    if city is not None:
        words = city.group("city").split()
        name = city.group("city")
        if (
            words[0].lower() not in FUNCTION_WORDS
            and name.lower() not in _regions()
            and not re.fullmatch(_STATE_NAMES, name)
        ):
            yield _Hit(city.start("city"), city.end("city"), "city", 72, SUGGESTIONS["city"])
            end = city.end("city")
    zip_ = _AFTER_ADDRESS_ZIP.match(text, end)
    if zip_ is not None:
        yield _zip_hit(zip_.start("zip"), zip_.end(), zip_.group("zip"))


def _known_place(name: str) -> bool:
    words = tuple(w.rstrip(".") for w in name.lower().split())
    return bool(words) and words in _places().get(words[0], ())


def _gazetteer_cities(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    """A US place name after a place cue ('lives in Dayton'), or any multi-word one."""
    places = _places()
    i = 0
    while i < len(toks):
        t = toks[i]
        candidates = places.get(t.low)
        if not candidates or (t.mode == "mixed" and t.shape not in ("title", "upper")):
            i += 1
            continue
        match: tuple[str, ...] | None = None
        for cand in candidates:
            if i + len(cand) > len(toks):
                continue
            if all(toks[i + k].low == cand[k] for k in range(len(cand))) and all(
                text[toks[i + k].end : toks[i + k + 1].start] in (". ", " ", "-")
                for k in range(len(cand) - 1)
            ):
                match = cand
                break
        if match is None:
            i += 1
            continue
        last = toks[i + len(match) - 1]
        if t.mode == "mixed" and any(
            toks[i + k].shape not in ("title", "upper")
            and toks[i + k].low not in ("of", "de", "la")
            for k in range(len(match))
        ):
            i += 1
            continue
        name = " ".join(match)
        before = text[max(0, t.start - 30) : t.start]
        cue = _CITY_CUE.search(before)
        strong = bool(cue and cue.group("strong") and before[cue.end() :].strip() == "")
        weak = bool(cue and cue.group("weak"))
        ambiguous_word = name in _english() or name in _not_names() or name in FUNCTION_WORDS
        is_region = name in _regions()
        is_person = name in _first_names() or name in _surnames()
        nxt = toks[i + len(match)] if i + len(match) < len(toks) else None
        institution_next = nxt is not None and nxt.low in INSTITUTION_WORDS
        ok = False
        if is_region or institution_next:
            ok = False
        elif len(match) > 1 and not ambiguous_word and (t.mode != "mixed" or t.shape == "title"):
            ok = strong or weak or t.mode == "mixed"
        elif strong:
            ok = not ambiguous_word or t.mode == "mixed"
        elif weak and t.mode == "mixed":
            word = cue.group("weak").lower() if cue else ""
            ok = not ambiguous_word and (word in ("in", "at", "near") or not is_person)
        if ok:
            yield _Hit(t.start, last.end, "city", 45, SUGGESTIONS["city"])
        i += len(match) if ok else 1


def _counties(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    for i, t in enumerate(toks):
        if t.low not in COUNTY_WORDS or i == 0:
            continue
        if t.mode == "mixed" and t.shape != "title":
            continue
        j = i
        while j > 0 and i - j < 3 and _adjacent(text, toks[j - 1], toks[j]):
            prev = toks[j - 1]
            if prev.low in FUNCTION_WORDS or prev.low in GENERIC_PLACE_WORDS:
                break
            if prev.mode == "mixed" and prev.shape != "title":
                break
            j -= 1
        if j == i:
            continue
        yield _Hit(toks[j].start, t.end, "city", 46, "[a county]")


# --------------------------------------------------------------------------------------------
# Institutions: facilities (warn), schools, daycares, teams, places of worship (block)
# --------------------------------------------------------------------------------------------

_KNOWN_FACILITIES = re.compile(
    r"\b(?:Johns\s+Hopkins|Kennedy\s+Krieger|Kaiser\s+Permanente|Shriners|St\.?\s+Jude|"
    r"Nemours|Cleveland\s+Clinic|Mayo\s+Clinic|Boys\s+Town|Children's\s+(?:Mercy|National|"
    r"Minnesota|Wisconsin|Colorado|Healthcare\s+of\s+Atlanta)|CHOP|CHOA|CHLA|CCHMC|MGH|BCH|"
    r"UCSF|UCLA|UPMC|OHSU|CHKD|CHOC)\b"
    r"|(?i:\b(?:holy\s+cross|sacred\s+heart|good\s+samaritan|mount\s+sinai|mt\.?\s+sinai)"
    r"(?:\s+(?:memorial|hospital|medical\s+center|rehab))?\b)"
)
_KNOWN_FACILITY_WORDS = _words(
    """johns kennedy kaiser shriners jude nemours cleveland mayo boys children chop choa chla
    cchmc mgh bch ucsf ucla upmc ohsu chkd choc holy sacred good mount mt"""
)
# "St. Agnes", "Saint Luke's": a saint's name is a hospital, church or school; the institution
# walk names it when a suffix follows ("St. Mary's Catholic School").
_SAINT = re.compile(r"\b(?:St\.?|Saint)\s+(?P<name>[A-Z][a-z]+)(?:['\u2019]s)?\b(?!\s+wort)")


def _is_namey(t: _Tok) -> bool:
    """A word that can only be a proper name here: a name, a place or not an English word."""
    if t.low in GENERIC_PLACE_WORDS or t.low in FUNCTION_WORDS or t.low in _not_names():
        return False
    listed = t.low in _first_names() or t.low in _surnames() or _is_place_word(t.low)
    if t.mode != "mixed":
        return listed and not _is_word(t.low)
    return listed or not _is_word(t.low)


def _institutions(text: str, toks: list[_Tok], lows: frozenset[str]) -> Iterator[_Hit]:
    for m in _KNOWN_FACILITIES.finditer(text) if lows & _KNOWN_FACILITY_WORDS else ():
        yield _Hit(m.start(), m.end(), "facility", 60, SUGGESTIONS["facility"])
    for m in _SAINT.finditer(text) if lows & {"st", "saint"} else ():
        if not _known_place(m.group().replace("Saint", "St.")) and m.group("name").lower() not in (
            _not_names()
        ):
            yield _Hit(m.start(), m.end(), "facility", 59, SUGGESTIONS["facility"])
    n = len(toks)
    for i, t in enumerate(toks):
        low = t.low + "'s" if t.possessive and t.low in ("children", "childrens") else t.low
        kind: str | None = None
        suggestion = ""
        lenient = False
        prev_low = toks[i - 1].low if i > 0 else ""
        if low == "care" and prev_low in ("child", "day"):
            low = "childcare"  # "Bright Horizons Child Care", "Kiddie Day Care"
        if (
            low in FACILITY_SUFFIXES
            or (low in ("memorial", "general") and t.shape != "lower")
            or (low == "care" and prev_low == "urgent")
            or (low == "services" and prev_low == "family")
            or (
                low in ("center", "centre")
                and t.shape == "title"
                and prev_low not in ("learning", "care")
            )
            or (
                low in FACILITY_AFTER_GENERIC
                and i > 0
                and toks[i - 1].low in GENERIC_PLACE_WORDS
                and toks[i - 1].low
                not in ("learning", "early", "child", "care", "day", "community")
            )
        ):
            kind, suggestion = "facility", SUGGESTIONS["facility"]
            lenient = low not in ("memorial", "general")  # "Surgeon General", "Memorial Day"
            if low in ("hospital", "hospitals", "hosp", "children's", "childrens", "medical"):
                suggestion = "[a hospital]"
            elif low in ("clinic", "clinics", "pediatrics", "paediatrics"):
                suggestion = "[a clinic]"
        elif low in SCHOOL_SUFFIXES or (
            low in ("center", "centre") and i > 0 and toks[i - 1].low in ("learning", "care")
        ):
            kind, lenient = "school", True
            suggestion = (
                "[the child's daycare]"
                if low in ("daycare", "day-care", "childcare", "nursery", "center", "centre")
                else "[the child's preschool]"
                if low in ("preschool", "pre-school", "prek", "pre-k", "montessori", "kindergarten")
                else "[the child's school]"
            )
            if low in ("middle", "high", "primary", "intermediate", "elementary"):
                nxt = toks[i + 1] if i + 1 < n else None
                followed = nxt is not None and _adjacent(text, t, nxt) and nxt.shape == "title"
                if followed and nxt is not None and nxt.low != "school":
                    continue  # "Middle East", "High Point"
                if not followed:
                    if t.mode != "mixed" or t.shape != "title":
                        continue
                    lenient = False  # "Jefferson High", not "Sats high"
        elif low in WORSHIP_SUFFIXES:
            kind, suggestion, lenient = "school", "[a place of worship]", True
        elif low in TEAM_SUFFIXES:
            if low in ("fc", "sc") and (t.mode != "mixed" or t.shape != "upper"):
                continue
            kind, suggestion = "school", "[a local team or club]"
        if kind is None:
            continue
        if t.mode == "mixed" and t.shape == "lower" and kind != "school":
            continue
        if t.mode == "mixed" and t.shape == "lower" and low in WORSHIP_SUFFIXES | TEAM_SUFFIXES:
            continue
        # Walk back over the name: capitalised words (or, in one-case text, words that are not
        # plain English), generic words allowed in between.
        j = i
        namey = False
        while j > 0 and i - j < 5:
            prev = toks[j - 1]
            gap = text[prev.end : toks[j].start]
            if prev.possessive:
                if t.shape == "lower":
                    break  # "Ximena's school" is hers, not its name
                gap = text[prev.end + 2 : toks[j].start]
            if gap not in (" ", "-", ". ", "  "):
                break
            if gap == ". " and prev.low not in ("st", "mt", "ft", "jr"):
                break
            if prev.low in ("of", "and") and j - 1 > 0 and kind != "facility":
                break
            if (
                prev.low in FUNCTION_WORDS
                and prev.low not in ("st", "jr")
                and not (prev.low == "family" and prev.shape == "title")  # "Family Services"
            ):
                break
            if prev.low in RELATIONS or prev.low in MONTHS:
                break
            if prev.mode == "mixed":
                if prev.shape not in ("title", "upper") or (
                    prev.shape == "upper" and prev.text in ACRONYMS
                ):
                    break
                if prev.sentence_start and prev.low in _english() and not _is_namey(prev):
                    break
                if prev.shape == "upper" and prev.low != "st" and kind != "facility":
                    break
            elif not (prev.low in GENERIC_PLACE_WORDS or _is_namey(prev) or prev.low == "st"):
                break
            j -= 1
            if (
                _is_namey(prev)
                or (
                    lenient
                    and prev.mode == "mixed"
                    and prev.low not in GENERIC_PLACE_WORDS
                    and (prev.low not in _not_names() or low in _STRONG_SCHOOL_SUFFIXES)
                )
                or (
                    kind == "facility"
                    and j == i - 1
                    and prev.shape == "upper"
                    and 2 < len(prev.text) < 6
                    and prev.text not in ACRONYMS
                    and not _is_word(prev.low)
                )
            ):
                namey = True
        start = toks[j].start
        end = t.end + (2 if t.possessive else 0)
        # "Hospital of Philadelphia", "University of Michigan", "Church of the Nativity".
        k = i + 1
        if k + 1 < n and toks[k].low == "of" and text[t.end : toks[k].start] == " ":
            q = k + 1
            if q < n and toks[q].low == "the":
                q += 1
            last = None
            while q < n and (last is None or _adjacent(text, toks[q - 1], toks[q])):
                cand = toks[q]
                if cand.mode == "mixed" and cand.shape != "title":
                    break
                if cand.mode != "mixed" and not (
                    _is_namey(cand) or cand.low in GENERIC_PLACE_WORDS
                ):
                    break
                last = cand
                namey = namey or _is_namey(cand) or cand.low in _regions()
                q += 1
                if q - k > 4:
                    break
            if last is not None:
                end = last.end
        # "Seattle Children's", "Lincoln Middle School": take the trailing suffix words too.
        k = i + 1
        while (
            k < n
            and _adjacent(text, toks[k - 1], toks[k])
            and toks[k].low
            in (
                SCHOOL_SUFFIXES
                | FACILITY_SUFFIXES
                | FACILITY_AFTER_GENERIC
                | WORSHIP_SUFFIXES
                | {"care", "center", "centre", "system"}
            )
        ):
            if toks[k].mode == "mixed" and toks[k].shape == "lower" and kind != "school":
                break
            end = max(end, toks[k].end)
            k += 1
        if not namey or start == t.start:
            continue
        yield _Hit(start, end, kind, 65 if kind == "school" else 60, suggestion)
    for i, t in enumerate(toks):
        # "Camp Wonderland", "Troop 214"
        if t.low == "camp" and t.shape == "title" and i + 1 < n:
            nxt = toks[i + 1]
            if _adjacent(text, t, nxt) and nxt.shape == "title" and _is_namey(nxt):
                yield _Hit(t.start, nxt.end, "school", 65, "[a summer camp]")
    for m in _AGE_GROUP_TEAM.finditer(text) if "U" in text else ():
        words = m.group("team").split()
        while words and (
            words[0].lower() in FUNCTION_WORDS
            or words[0].lower() in MONTHS
            or (
                _is_word(words[0].lower())
                and _starts_sentence(text, m.end("team") - len(" ".join(words)))
            )
        ):
            words.pop(0)
        if (
            len(words) > 1
            and words[-1].endswith("s")  # a mascot: "Eagles", not "Lantus 10U" of insulin
            and not any(
                w.lower() in _not_names() or w in ACRONYMS or w.lower() in ("units", "insulin")
                for w in words
            )
            and not all(w.lower() in GENERIC_PLACE_WORDS for w in words)
        ):
            start = m.end("team") - len(" ".join(words))
            yield _Hit(start, m.end(), "school", 65, "[a local team]")
    for m in re.finditer(r"\b(?:Troop|Pack)\s+\d{1,4}\b", text):
        yield _Hit(m.start(), m.end(), "school", 65, "[a local scout troop]")
    for m in _TEAM_CUE.finditer(text) if "for the " in text or "on the " in text else ():
        words = m.group("team").split()
        if any(w.lower() in _not_names() or w.lower() in FUNCTION_WORDS for w in words):
            continue
        yield _Hit(m.start("team"), m.end("team"), "school", 64, "[a local team]")


# Employers of relatives (Safe Harbor A): "works nights at Walmart", "employed by Boeing".
_EMPLOYER_CUE = re.compile(
    r"(?i)\b(?:(?:works?|worked|working)(?:\s+(?:nights|days|evenings|weekends|overnights|"
    r"full[- ]time|part[- ]time|two\s+jobs|shifts))?\s+(?:at|for)|(?:job|jobs|position|shifts?|"
    r"shift\s+work)\s+at|employed\s+(?:at|by)|(?:manager|cashier|supervisor|clerk|driver)\s+at)"
    r"\s+(?:the\s+)?(?-i:(?P<employer>[A-Z](?:[\w'\u2019&-]|\.(?=\w))*(?:[ \t](?:&[ \t])?"
    r"(?:[A-Z](?:[\w'\u2019&-]|\.(?=\w))*|of|de))*))"
)
_EMPLOYER_WORDS = _words(
    """work works worked working job jobs employed shift shifts position manager cashier
    supervisor clerk driver"""
)


def _employers(text: str, lows: frozenset[str], mode_at: Callable[[int], str]) -> Iterator[_Hit]:
    for m in _EMPLOYER_CUE.finditer(text) if lows & _EMPLOYER_WORDS else ():
        words = m.group("employer").split()
        while words and words[-1] in ("of", "de", "&"):
            words.pop()
        name = " ".join(words)
        lows_ = [_fold(w.strip(".'\u2019")) for w in words]
        if (
            not words
            or all(w in GENERIC_PLACE_WORDS or w in FUNCTION_WORDS for w in lows_)
            or lows_[0] in FUNCTION_WORDS
            or lows_[0] in MONTHS
            or lows_[0] in RELATIONS
            or name in ACRONYMS
            or (mode_at(m.start("employer")) == "upper" and all(_is_word(w) for w in lows_))
        ):
            continue
        start = m.start("employer")
        yield _Hit(start, start + len(name), "name", 62, "[the parent's employer]")


# "Ridgefield Eagles 15U": a youth team with its age group.
_AGE_GROUP_TEAM = re.compile(
    r"\b(?P<team>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,3})[ \t]+(?:[6-9]|1\d)U\b"
)
# "plays soccer for the Westside Wildcats", "swims on the Riverside Rays"
_TEAM_CUE = re.compile(
    r"\b(?:plays?|played|playing|swims?|swam|runs?|dances?|cheers?|wrestles?|skates?|"
    r"competes?|is)\s+(?:\w+\s+){0,2}(?:for|on|with)\s+(?:the|a)\s+"
    r"(?P<team>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){1,3})"
)


# --------------------------------------------------------------------------------------------
# People: names, initials and clinicians
# --------------------------------------------------------------------------------------------

_RELATION_RX = "|".join(sorted((re.escape(w) for w in RELATIONS), key=len, reverse=True))
_CUE_RELATION_AFTER = re.compile(
    r"(?i)^\s*(?:[,(\-\u2013\u2014]|--)\s*(?:the\s+|his\s+|her\s+|their\s+|pt'?s\s+|patient'?s\s+|"
    r"child'?s\s+)?(?P<rel>" + _RELATION_RX + r")\b"
)
_AGE_APPOSITION = re.compile(
    r"(?i)^(?:,\s*(?:a|an|age|aged)?\s*\d{1,2}(?:[\s-]*(?:y|yo|yrs?|years?|mo|months?)\b|"
    r"\s*[,;)]|\s*$)|\s*\(\s*\d{1,2}\s*(?:y|yo|yrs?|years?|mo|months?|\)|,)|"
    r"\s+(?:is|was)\s+(?:a|an|now)\s+\d{1,2}[\s-]*(?:y|yo|yr|year|month|mo|week|wk)|"
    r"\s+(?:is|was)\s+(?:a|an)\s+(?:\w+\s+)?(?:\d{1,2}[\s-]*(?:y|yo|yr|year|month)|"
    r"(?:boy|girl|child|toddler|teen|adolescent|infant|student|kid))|"
    r"\s*\((?:she|he|they|ze|xe)/(?:her|him|them|hir|xem)s?\))"
)
_CUE_GAP = re.compile(r"[ \t]{0,2}(?:[,:(\-\u2013\u2014]|--)?[ \t]{0,2}[\"\u201c'\u2018(]?")
_TITLE_GAP = re.compile(r"\.?\s{0,2}")
_PARTICLES = _words("de del della der di da dos das du la le van von bin al ben")
TITLES = _words("mr mrs ms miss mx mister officer detective judge sgt sergeant")
DOCTOR_TITLES = _words("dr drs doctor dra")
_NAMED_PAIRS = frozenset(
    {("by", "goes"), ("as", "known"), ("is", "name"), ("are", "names"), ("boy", "baby"),
     ("girl", "baby")}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Cue:
    kind: str  # doctor, role, title, named, relation, patient
    suggestion: str
    start: int  # where the finding starts: the title is part of "Dr. Patel"


_CUE_WORDS = DOCTOR_TITLES | TITLES | frozenset(RELATIONS) | frozenset(w + "s" for w in RELATIONS)


def _relation(low: str) -> str | None:
    if low not in RELATIONS and low.endswith("s") and low[:-1] in RELATIONS:
        low = low[:-1]
    rel = RELATIONS.get(low)
    if rel is None:
        return None
    return "[the child]" if rel == "child" else f"[the child's {rel}]"


def _role(toks: list[_Tok], j: int) -> str | None:
    """The suggested rewrite when toks[j] ends a clinician role ("therapist", "social worker")."""
    if j < 0:
        return None
    low = toks[j].low
    if low not in ROLES:
        return None
    if low in ("worker", "manager", "coordinator") and (
        j == 0 or toks[j - 1].low not in ("social", "case", "care")
    ):
        return None
    return f"[{ROLES[low]}]"


def _cue_before(text: str, toks: list[_Tok], i: int) -> _Cue | None:
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
        if low in TITLES and p.mode == "mixed" and p.shape != "title":
            return None  # "MS" (mental status), "ms" (morphine), "MR" (mitral regurgitation)
        if (
            low in ("ms", "mr")
            and p.mode != "mixed"
            and not gap.startswith(".")
            and (_is_word(t.low) or t.text in ACRONYMS or len(t.low) < 4)
        ):
            return None
        before = None
        if i >= 2 and _CUE_GAP.fullmatch(text[toks[i - 2].end : p.start]):
            before = i - 2
        role = _role(toks, before) if before is not None else None
        if low in DOCTOR_TITLES:
            return _Cue("doctor", role or SUGGESTIONS["clinician"], p.start)
        if role:
            return _Cue("role", role, p.start)
        rel = _relation(toks[before].low) if before is not None else None
        return _Cue("title", rel or SUGGESTIONS["name"], p.start)
    if not _CUE_GAP.fullmatch(gap):
        return None
    role = _role(toks, i - 1)
    if role:
        return _Cue("role", role, t.start)
    pp = toks[i - 2].low if i >= 2 else ""
    if low in ("named", "nicknamed") or (low, pp) in _NAMED_PAIRS:
        return _Cue("named", SUGGESTIONS["name"], t.start)
    rel = _relation(low)
    if rel:
        owner = toks[i - 2] if i >= 2 else None
        if owner is not None and owner.possessive and owner.low in RELATIONS:
            # "Mom's boyfriend, Derek": someone of the mother's, not of the child's.
            whose, who = RELATIONS[owner.low], RELATIONS.get(low.rstrip("s"), low)
            rel = f"[the {whose}'s {who}]" if whose != "child" else rel
        return _Cue("relation", rel, t.start)
    if low in ("patient", "pt", "client", "student"):
        return _Cue("patient", "[the child]", t.start)
    return None


def _cue_after(text: str, t: _Tok, toks: list[_Tok], i: int) -> str | None:
    """'strong' (age or relation apposition, "X's mother"), 'verb' ("X reports") or None."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if t.possessive:
        if nxt is not None and (
            nxt.low in RELATIONS
            or nxt.low in ("family", "parents", "mom", "dad", "home", "house", "room", "school")
        ):
            return "strong"
        return "verb"
    after = text[t.end : t.end + 40]
    if _AGE_APPOSITION.match(after) or _CUE_RELATION_AFTER.match(after):
        return "strong"
    if nxt is not None and text[t.end : nxt.start] == " ":
        if nxt.low in SPEECH_VERBS or nxt.low in HUMAN_VERBS:
            return "strong"
        if nxt.low in PERSON_VERBS:
            return "verb"
    return None


def _key(low: str) -> str:
    """How the name lists spell a word (tokens are folded already; lists carry apostrophes)."""
    return low.replace("'", "")


@lru_cache(maxsize=65536)
def _is_word(low: str) -> bool:
    """An English word, inflected or not; for a hyphenated word, any part not also a name."""
    if "-" in low:
        return any(
            _is_word(part) and part not in _first_names() and part not in _surnames()
            for part in low.split("-")
        )
    english = _english()
    if low in english:
        return True
    for suffix, replacement in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                                ("ing", "e"), ("ly", ""), ("ies", "y"), ("ied", "y")):  # fmt: skip
        stem = low[: -len(suffix)]
        if not low.endswith(suffix) or len(stem) < 3:
            continue
        if suffix == "es" and not stem.endswith(("s", "x", "z", "ch", "sh", "o")):
            continue
        if stem + replacement in english:
            return True
    return False


def _starts_name(text: str, toks: list[_Tok], i: int, cue: _Cue | None) -> bool:
    t = toks[i]
    low = t.low
    mixed = t.mode == "mixed"
    if (
        mixed
        and t.shape == "lower"
        and cue is not None
        and cue.kind in ("doctor", "title", "relation")
    ):
        # "Dr. lindquist", "daughters sarah and margie": a lower-case name after a cue.
        if len(low) < 3 or low in FUNCTION_WORDS or low in _not_names():
            return False
        if _is_word(low) and (cue.kind == "relation" or low not in _surnames()):
            return False
        if cue.kind == "relation" and _key(low) not in _first_names():
            return False
        mixed = False
    elif mixed and t.shape != "title":
        return False
    if not mixed and (len(low) < 2 or not low.replace("-", "").isalpha()):
        return False
    is_first = _key(low) in _first_names()
    is_sur = _key(low) in _surnames()
    is_word = _is_word(low)
    is_stop = low in _not_names()
    blocked = (
        low in FUNCTION_WORDS
        or low in RELATIONS
        or low in PATIENT_WORDS
        or low in INSTITUTION_WORDS
        or low in CREDENTIALS
        or low in ROLES
        or low in MONTHS
        or low in EPONYM_NOUNS
    )
    if cue is not None and cue.kind in ("doctor", "title"):
        if blocked and not (mixed and is_first and low not in MONTHS):
            return False
        return mixed or not is_word or is_sur or is_first
    if cue is not None and cue.kind in ("role", "named", "relation"):
        if blocked and not (mixed and is_first):
            return False
        if is_stop and not is_first:
            return False
        if mixed:
            return not is_word or is_first or is_sur
        if len(t.text) < 3:
            return False
        if is_word:
            # "son bill" but not "wife said", "mom given"
            return (
                is_first
                and low not in PERSON_VERBS
                and low not in SPEECH_VERBS
                and not low.endswith(("ed", "ing", "en"))
            )
        return is_first or is_sur or (cue.kind == "role" and len(low) > 3 and t.mode == "upper")
    if blocked:
        return False
    if cue is not None and cue.kind == "patient" and is_first and not is_word and not is_stop:
        return True
    return _lexicon_name(text, toks, i, mixed, is_first, is_sur, is_word, is_stop)


def _lexicon_name(
    text: str,
    toks: list[_Tok],
    i: int,
    mixed: bool,
    is_first: bool,
    is_sur: bool,
    is_word: bool,
    is_stop: bool,
) -> bool:
    """A name from the lists, with the context that rules out the word or the place."""
    t = toks[i]
    after = _cue_after(text, t, toks, i)
    if t.low in COMMON_VERBS or len(_key(t.low)) < 3:
        return False
    if is_stop or t.text in ACRONYMS:
        return is_first and after == "strong"
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    prev = toks[i - 1] if i > 0 else None
    adjacent_next = nxt is not None and _adjacent(text, t, nxt)
    if (
        adjacent_next
        and nxt is not None
        and (nxt.low in EPONYM_NOUNS or nxt.low in INSTITUTION_WORDS or nxt.low in STREET_WORDS)
    ):
        return False
    if t.possessive and nxt is not None and nxt.low in EPONYM_NOUNS:
        return False
    is_region = t.low in _regions()
    place_before = prev is not None and prev.low in (
        "in", "from", "to", "at", "near", "of", "outside", "around", "visiting", "via",
    )  # fmt: skip
    if not mixed:
        # One-case text: only a given name that is no English word, or a word with context.
        if (
            is_first
            and len(t.text) > 3
            and not is_word
            and not is_region
            and not (place_before and _is_place_word(t.low))
        ):
            return True
        if (
            is_first
            and not is_region
            and after is None
            and nxt is not None
            and adjacent_next
            and (
                nxt.low in _surnames()
                and not _is_word(nxt.low)
                and len(nxt.low) > 3
                and t.low not in COMMON_VERBS
                and t.low not in SPEECH_VERBS
                and t.low not in PERSON_VERBS
                and nxt.low not in _not_names()
            )
        ):
            return True  # "HANK PRZYBYLO"
        return after == "strong" and is_first and not is_region
    if (prev is not None and _adjacent(text, prev, t) and f"{prev.low} {t.low}" in _regions()) or (
        adjacent_next and nxt is not None and f"{t.low} {nxt.low}" in _regions()
    ):
        return False  # "Puerto Rico", "New Jersey"
    if is_first and not is_word and not is_region:
        if place_before and _is_place_word(t.low) and after is None:
            return False
        return not (prev is not None and prev.low in ("the", "a", "an") and not adjacent_next)
    if (
        is_first
        and adjacent_next
        and nxt is not None
        and nxt.shape == "title"
        and t.low not in COMMON_VERBS
        and not _is_word(nxt.low)
        and nxt.low not in _not_names()
        and nxt.low not in _regions()
    ):
        return True  # "Hank Przybylo"
    if is_first:
        if after == "verb" and t.sentence_start and t.low in WORDY_NAMES:
            return False  # "Summer was hard", "Hope is"
        if after is not None:
            return not (is_region and place_before and after != "strong")
        if t.sentence_start or is_region:
            return False
        if prev is not None and prev.low in ("the", "a", "an", "this", "that", "our", "my"):
            return False
        # A capitalised common word inside a title ("Summer Camp", "Major Depressive").
        if (
            adjacent_next
            and nxt is not None
            and nxt.shape == "title"
            and (_is_word(nxt.low) or nxt.low in _not_names())
            and nxt.low not in _surnames()
        ):
            return False
        return not (
            prev is not None
            and _adjacent(text, prev, t)
            and prev.shape == "title"
            and not prev.sentence_start
            and _is_word(prev.low)
            and prev.low not in _first_names()
        )
    family_next = adjacent_next and nxt is not None and nxt.low in ("family", "household", "twins")
    if is_sur and not is_word and not is_region:
        return after == "strong" or family_next
    if not is_word and not is_region and not _is_place_word(t.low):
        # An unknown capitalised word: a name if a person cue follows, if it is possessed
        # ("Xiomara's grades"), or if a listed surname follows ("Xiomara Quispe").
        surname_next = (
            adjacent_next
            and nxt is not None
            and nxt.shape == "title"
            and nxt.low in _surnames()
            and not _is_word(nxt.low)
            and nxt.low not in _not_names()
        )
        possessed = (
            t.possessive
            and after == "verb"
            and len(t.low) > 3
            and sum(c in "aeiouy" for c in t.low) > 1  # not "Abg's", "Hct's"
        )
        return after == "strong" or family_next or surname_next or possessed
    return False


def _extend_name(text: str, toks: list[_Tok], i: int, strong: bool = False) -> int:
    """Index of the last word of the name that starts at toks[i]: "Maya J. Lopez-Garcia".
    After a strong cue ("Dr.", "Mrs.") a listed surname may also be an English word."""
    mixed = toks[i].mode == "mixed" and toks[i].shape != "lower"
    first, sur, stop = _first_names(), _surnames(), _not_names()
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
        elif not ((low in sur or low in first) and (strong or not _is_word(low))):
            break
        j += 1
    while j > i and toks[j].low in _PARTICLES:
        j -= 1
    return j


def _people(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    used_until = -1
    chain: _Cue | None = None  # "Dr. Rakusin and Toolis": the cue carries over "and"
    for i, t in enumerate(toks):
        if t.start < used_until:
            continue
        if (
            t.shape == "lower"
            and t.mode == "mixed"
            and (i == 0 or toks[i - 1].low not in _CUE_WORDS)
        ):
            continue
        cue = _cue_before(text, toks, i)
        if (
            cue is None
            and chain is not None
            and re.fullmatch(r"(?i),?\s*(?:and|&)\s*", text[used_until : t.start])
            and (t.shape == "title" if t.mode == "mixed" else not _is_word(t.low))
            and (t.low in _surnames() or t.low in _first_names())
        ):
            cue = _Cue(chain.kind, chain.suggestion, t.start)
        if t.low not in ("and", "or"):
            chain = None
        if t.shape == "single":
            hit = _initial_led(text, toks, i, cue)
            if hit is not None:
                used_until = hit.end
                yield hit
            continue
        if not _starts_name(text, toks, i, cue):
            continue
        j = _extend_name(text, toks, i, cue is not None and cue.kind in ("doctor", "title", "role"))
        last = toks[j]
        if cue is None and j > i and j + 1 < len(toks) and toks[j + 1].low in EPONYM_NOUNS:
            continue  # "Mallory Weiss tear", "Passy Muir valve"
        start, end = (cue.start if cue else t.start), last.end
        kind = "clinician" if cue and cue.kind in ("doctor", "role") else "name"
        suggestion = cue.suggestion if cue else SUGGESTIONS["name"]
        if last.shape == "single":
            if text[end : end + 1] == ".":
                end += 1
            if kind == "name" and j == i + 1:
                kind, suggestion = "initials", SUGGESTIONS["initials"]
        if kind == "name":
            after = _CUE_RELATION_AFTER.match(text[end : end + 40])
            if after:
                suggestion = _relation(after.group("rel").lower()) or suggestion
            elif _followed_by_credential(text, end) or (
                cue is None and _CLINICIAN_AFTER.match(text[end : end + 16])
            ):
                kind, suggestion = "clinician", SUGGESTIONS["clinician"]
        rank = {"clinician": 55, "initials": 52}.get(kind, 50) + (3 if cue else 0)
        yield _Hit(start, end, kind, rank, suggestion)
        used_until = end
        if cue is not None and cue.kind in ("doctor", "role", "title"):
            chain = cue
    yield from _credentialed(text, toks)
    yield from _bare_initials(text, toks)


def _initial_led(text: str, toks: list[_Tok], i: int, cue: _Cue | None) -> _Hit | None:
    """'Mr. S.' (initials), 'J. Smith' / 'Dr. J. Smith' (a name led by an initial)."""
    t = toks[i]
    dot = text[t.end : t.end + 1] == "."
    if cue is not None and cue.kind in ("title", "doctor", "role") and cue.start < t.start:
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is None or not _adjacent(text, t, nxt) or nxt.shape not in ("title", "upper"):
            if not dot and text[t.end : t.end + 1].isalnum():
                return None
            kind = "initials" if cue.kind == "title" else "clinician"
            suggestion = SUGGESTIONS["initials"] if kind == "initials" else cue.suggestion
            return _Hit(cue.start, t.end + (1 if dot else 0), kind, 55, suggestion)
    titled = cue is not None and cue.kind in ("doctor", "role", "title")
    if (not dot and not titled) or i + 1 >= len(toks):
        return None
    nxt = toks[i + 1]
    if text[t.end : nxt.start] not in ((". ", ".", " ") if titled else (". ", ".")):
        return None
    per = i > 0 and toks[i - 1].low in ("per", "by") and text[toks[i - 1].end : t.start] == " "
    low = nxt.low
    mixed = t.mode == "mixed"
    if (mixed and nxt.shape != "title") or len(nxt.text) < (3 if mixed else 4):
        return None
    if (
        low in FUNCTION_WORDS
        or low in RELATIONS
        or low in MONTHS
        or low in _not_names()
        or low in INSTITUTION_WORDS
        or low in PATIENT_WORDS
    ):
        return None
    j = _extend_name(text, toks, i + 1)
    aware = _CLINICIAN_AFTER.match(text[toks[j].end : toks[j].end + 16]) is not None
    unlisted = (
        not (low in _surnames() or (not mixed and low in _first_names()))
        or _is_word(low)
        or (not mixed and len(nxt.text) < 4)
    )
    if unlisted and not (aware or titled or (per and len(nxt.text) > 3 and not _is_word(low))):
        return None
    kind = "clinician" if (cue and cue.kind in ("doctor", "role")) or aware or per else "name"
    start = cue.start if cue and cue.kind in ("doctor", "role", "title") else t.start
    suggestion = cue.suggestion if cue else SUGGESTIONS["name"]
    return _Hit(start, toks[j].end, kind, 55 if kind == "clinician" else 50, suggestion)


# "E. Welsh aware", "Z. Miller notified": how notes name the clinician they told.
_CLINICIAN_AFTER = re.compile(
    r"(?i),?\s*(?:aware|notified|paged|informed|made\s+aware|in\s+to\b|"
    r"(?:md|np|pa|rn|rrt)\b)"
)


def _followed_by_credential(text: str, end: int) -> bool:
    m = re.match(r",?\s*([A-Za-z.\-/]+)", text[end : end + 12])
    return bool(m and m.group(1).lower().rstrip(",") in CREDENTIALS and m.group(1)[0].isupper())


def _credentialed(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    """'Marie Munroe, RN', 'Q. LANDER RRT', 'barbara j. parrilli bsn/rn': the name before a
    credential."""
    first, sur = _first_names(), _surnames()
    for i, t in enumerate(toks):
        if i == 0 or t.low not in CREDENTIALS:
            continue
        if t.shape == "lower" and t.mode == "mixed":
            continue
        if t.low in ("do", "ma", "ms", "slp", "pa") and t.shape != "upper":
            continue
        gap = text[toks[i - 1].end : t.start]
        if gap not in (", ", " ", ","):
            continue
        j = i
        words: list[_Tok] = []
        initials = 0
        while j > 0 and i - j < 3:
            prev = toks[j - 1]
            if j < i and text[prev.end : toks[j].start] not in (
                (" ", ". ") if prev.shape == "single" else (" ",)
            ):
                break
            if prev.possessive or prev.low in FUNCTION_WORDS or prev.low in CREDENTIALS:
                break
            if prev.low in INSTITUTION_WORDS or prev.low in RELATIONS or prev.low in ROLES:
                break
            if prev.mode == "mixed" and prev.shape not in ("title", "single"):
                break
            if prev.shape == "single":
                initials += 1
            elif prev.low in _not_names() or (
                _is_word(prev.low) and _key(prev.low) not in first and _key(prev.low) not in sur
            ):
                break
            else:
                words.append(prev)
            j -= 1
        named = any(_key(w.low) in first for w in words)
        plain = any(not _is_word(w.low) for w in words)
        if not words or not (
            (named and (len(words) > 1 or plain))
            or (initials and plain)
            or (len(words) > 1 and plain)
        ):
            continue
        yield _Hit(toks[j].start, toks[i - 1].end, "clinician", 56, SUGGESTIONS["clinician"])


_DOTTED_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.\s?){2,3}(?![\w])")


def _bare_initials(text: str, toks: list[_Tok]) -> Iterator[_Hit]:
    """'J.M.' unless it is an abbreviation ('A.M.', 'C.O.'); capitals without dots ('JM') only
    as a person: 'JM, 14,', "JM's mother", 'initials JM'."""
    for m in _DOTTED_INITIALS.finditer(text):
        if re.sub(r"\s", "", m.group()) in DOTTED_ABBREVIATIONS:
            continue
        if re.search(r"(?i)\b(?:dr|mr|mrs|ms)\.?\s*$", text[max(0, m.start() - 5) : m.start()]):
            continue
        yield _Hit(
            m.start(), m.start() + len(m.group().rstrip()), "initials", 51, "[initials removed]"
        )
    for i, t in enumerate(toks):
        if t.shape != "upper" or t.mode == "upper" or not 2 <= len(t.text) <= 3:
            continue
        if t.text in ACRONYMS or t.text in US_STATE_ABBREVIATIONS:
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (t.possessive and nxt is not None and nxt.low in RELATIONS) or (
            not t.possessive and _AGE_APPOSITION.match(text[t.end : t.end + 40])
        ):
            yield _Hit(t.start, t.end, "initials", 51, SUGGESTIONS["initials"])
    modes = {t.start: t.mode for t in toks}
    for m in _INITIALS_AFTER_PATIENT.finditer(text):
        group = "a" if m.group("a") else "b"
        if modes.get(m.start(group)) == "upper":
            continue  # in shouted notes any word looks like initials
        if m.group(group) not in ACRONYMS and m.group(group) not in _NOT_INITIALS:
            yield _Hit(m.start(group), m.end(group), "initials", 56, SUGGESTIONS["initials"])
    for m in _INITIALS_CUE.finditer(text) if "initials" in text.lower() else ():
        yield _Hit(m.start("id"), m.end("id"), "initials", 51, SUGGESTIONS["initials"])


# "pt: DJ", "patient: KT", "(DJ)": two capitals as the patient's initials.
_INITIALS_AFTER_PATIENT = re.compile(
    r"(?:(?i:\b(?:pt|patient|client|child))\s*[:\-]\s*(?P<a>[A-Z]{2})(?![\w.])"
    r"|\((?P<b>[A-Z]{2})\))"
)
_NOT_INITIALS = US_STATE_ABBREVIATIONS | _words(
    """IV IO NG OG GT OD OS OU SQ SC QD HS ST EN CF HX AD AV VS BS LE UE RA LA RV LV MR MS
    TV PC CD DV EZ"""
)
_INITIALS_CUE = re.compile(
    r"(?i)\binitials\s*(?:are|of|:)?\s*(?P<id>[A-Z]\.?\s?[A-Z]\.?(?:\s?[A-Z]\.?)?)(?![\w])"
)


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------


# Characters and stars children talk about: names, but of nobody in the case.
_FAMOUS = re.compile(
    r"\b(?:Harry\s+Potter|Hermione(?:\s+Granger)?|Ron\s+Weasley|Taylor\s+Swift|Peppa\s+Pig|"
    r"Mickey\s+Mouse|Minnie\s+Mouse|Daniel\s+Tiger|Super\s+Mario|Mario\s+Kart|"
    r"Sonic(?:\s+the\s+Hedgehog)?|Spider-?Man|Elsa\s+and\s+Anna|Percy\s+Jackson|"
    r"Thomas\s+the\s+Tank\s+Engine|Curious\s+George|Winnie\s+the\s+Pooh|Captain\s+America|"
    r"Dora(?:\s+the\s+Explorer)?|Bob\s+the\s+Builder|Sesame\s+Street|Mr\.?\s+Rogers|"
    r"Martin\s+Luther\s+King(?:\s+Jr\.?)?|Abraham\s+Lincoln|George\s+Washington)\b"
)


def _resolve(hits: list[_Hit], length: int) -> list[_Hit]:
    """Keep the strongest of overlapping hits (rank, then length); return them in order."""
    chosen: list[_Hit] = []
    taken = bytearray(length)
    for h in sorted(hits, key=lambda h: (-h.rank, -(h.end - h.start), h.start)):
        if h.end <= h.start or taken.find(1, h.start, h.end) >= 0:
            continue
        chosen.append(h)
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    return sorted(chosen, key=lambda h: h.start)


def scan(text: str) -> list[Finding]:
    """Identifiers in `text`, sorted by position, never overlapping."""
    starts, modes = _line_modes(text)
    toks = _tokens(text, starts, modes)

    def mode_at(pos: int) -> str:
        return modes[bisect_right(starts, pos) - 1]

    hits: list[_Hit] = []
    lows = frozenset(t.low for t in toks)
    hits.extend(_structured(text, lows))
    hits.extend(_dates(text, lows, mode_at))
    hits.extend(_ages(text, toks))
    hits.extend(_places_hits(text, toks, lows))
    hits.extend(_institutions(text, toks, lows))
    hits.extend(_employers(text, lows, mode_at))
    famous = [m.span() for m in _FAMOUS.finditer(text)]
    hits.extend(
        h for h in _people(text, toks) if not any(s <= h.start and h.end <= e for s, e in famous)
    )
    findings = []
    for h in _resolve(hits, len(text)):
        findings.append(
            Finding(
                start=h.start,
                end=h.end,
                text=text[h.start : h.end],
                kind=h.kind,
                severity=severity_of(h.kind),
                message=MESSAGES[h.kind],
                suggestion=h.suggestion,
            )
        )
    return findings
