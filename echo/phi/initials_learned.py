"""A learned reading of two or three capitals: a child's initials, or an abbreviation?

The rules (echo.phi.initials) know initials by the cue they were written for: "pt JM", "(AK,
14)", "- KB 14 f", "f/u on DJ". Clinicians set initials off in more ways than any list of
cues holds ("wrote 'see you soon TJ' on his notebook", "Says TJ is hearing voices", "quick:
DJ the 12yo w/ bipolar"). This classifier reads each run of two or three capitals (or two
or three dotted capitals) with the words around it: the words before and after, whether a
number that may be an age follows, whether the same capitals come back in the text. It was
trained offline (``python -m bench.phi_model --only initials``) on the development texts
of the labelled sets only, never on a frozen half, and ships as
``data/learned_initials.json``: pure Python, no network.

Capitals that are an abbreviation wherever they stand (``ACRONYMS``, the rules'
``not_initials``, the dotted abbreviations and the ward's capitals below) are never read,
and the classifier only adds initials where no finding covers the capitals already.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache

from echo.phi import lexicon
from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.initials import DOTTED_ABBREVIATIONS, not_initials
from echo.phi.learned import Model, chance, load_model, tokens
from echo.phi.priority import Priority
from echo.phi.text import Document
from echo.phi.vocabulary import ACRONYMS, RELATIONS, word_set

# Two or three capitals alone, or two or three dotted ("J.M.", "A.P.-L.").
CANDIDATE = re.compile(r"(?<![\w.])(?:[A-Z]\.(?:-?[A-Z]\.){1,2}|[A-Z]{2,3}(?!\w))")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?|\d+|[^\w\s]")
SIDE = 4  # words read on each side
_REACH = 60  # characters looked at on each side for them
_LINE_BREAK = "\n"
# The capitals of a ward's notes and orders that are nobody's initials (labs, lines, drips,
# doses, vital signs, exam findings), beyond ACRONYMS and the rules' own lists.
WARD_CAPITALS = word_set(
    """ck bc ps sc tl tpp mae dnr dni pvc pac om lad svg pda abi gtt neo cp dp cv cvp map sbp
    dbp nbp abp pap pad svr ci co ef lv rv vt vf af sr st nsr ij svc ivc ett ogt ngt tf tpn npo
    dvt pe uti uri ls abd le ue rle lle rue lue rom gcs cxr kub abg vbg inr ptt pt hct hgb wbc
    plt bun cr na kcl mg ca po is nc ra fm nrb peep fio loc ams cva tia mva iabp bt cx ri max
    ivp ct pcw pa pca bs hob oob hs qd tid bid cc ml mcg meq gm kg lb oz mm cm hr min sec bpm
    rr sat ppd prbc ffp lr ns ekg prn ac pc sq sl pr od os ou npn uo ami crf nt vss cn vm jj sm pp
    fp ip cns oet"""
)
# How sure the classifier must be; chosen with ``python -m bench.phi_model --validate --only
# initials`` (see bench/README.md).
THRESHOLD = 0.7


def letters(capitals: str) -> str:
    return capitals.replace(".", "").replace("-", "")


def candidates(text: str) -> list[re.Match[str]]:
    """The runs of capitals the classifier reads: never an abbreviation a list knows, and
    none in shouted text, where every word is capitals (as for echo.phi.learned)."""
    if not any(c.isupper() for c in text) or tokens(text).case_style == "up":
        return []
    found = []
    for m in CANDIDATE.finditer(text):
        capitals = m.group()
        low = letters(capitals).lower()
        if capitals in DOTTED_ABBREVIATIONS if "." in capitals else not_initials(capitals):
            continue
        if low in WARD_CAPITALS:
            continue
        found.append(m)
    return found


def features(text: str, m: re.Match[str], counts: Counter[str]) -> list[str]:
    """The named features of one run of capitals: what training sees and scan time sums."""
    run = letters(m.group())
    low = run.lower()
    before = [w.lower() for w in _WORD.findall(text[max(0, m.start() - _REACH) : m.start()])]
    after = [w.lower() for w in _WORD.findall(text[m.end() : m.end() + _REACH])]
    b = ["<s>"] * SIDE + before[-SIDE:]
    a = after[:SIDE] + ["</s>"] * SIDE
    out = [
        "tok=" + run,
        f"len={len(run)}",
        f"dot={'.' in m.group()}",
        f"acr={run.upper() in ACRONYMS}",
        f"eng={lexicon.is_word(low)}",
        f"fn={low in lexicon.first_names()}",
        "b1=" + b[-1],
        "b2=" + b[-2],
        f"b12={b[-2]}|{b[-1]}",
        "a1=" + a[0],
        "a2=" + a[1],
        f"a12={a[0]}|{a[1]}",
        f"a1d={a[0].isdigit()}",
        f"b1d={b[-1].isdigit()}",
        f"rep={min(counts[run], 3)}",
        f"nl={_LINE_BREAK in text[max(0, m.start() - 3) : m.start()]}",
    ]
    out.extend("ctx=" + w for w in b[-SIDE:] + a[:SIDE])
    if a[0].isdigit():
        number = int(a[0][:3])
        out.append(f"age={number if number <= 21 else 'more'}")
    return out


@cache
def model() -> Model:
    return load_model("learned_initials.json")


def initials_chance(m: Model, names: list[str]) -> float:
    """The classifier's probability that capitals of these features are a person's."""
    return chance(m, names, "INITIALS")


def initials(
    text: str, m: Model | None = None, threshold: float = THRESHOLD
) -> Iterator[tuple[int, int]]:
    """Where the capitals are that the classifier is sure enough are a person's (`m`: a
    model being validated instead of the shipped one)."""
    found = candidates(text)
    if not found:
        return
    counts = Counter(letters(c.group()) for c in found)
    chosen = model() if m is None else m
    for c in found:
        if initials_chance(chosen, features(text, c, counts)) >= threshold:
            yield c.start(), c.end()


def initials_heard(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """Initials for each confident run of capitals that no finding covers."""
    for start, end in initials(doc.text):
        if doc.text[start:end].lower() in RELATIONS:
            continue  # "GGM is 88", "GF Mason Treadwell": a relative's abbreviation
        if not any(h.start < end and start < h.end for h in kept):
            yield Hit(start, end, "initials", Priority.BARE_INITIALS, SUGGESTIONS["initials"])
