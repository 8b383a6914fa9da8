"""Employers of relatives (Safe Harbor names employers too): "works nights at Walmart",
"employed by Boeing". Reported as a name, suggested as "[the parent's employer]"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import Hit
from echo.phi.lexicon import fold, is_word, not_names
from echo.phi.priority import Priority
from echo.phi.text import Document
from echo.phi.vocabulary import (
    ACRONYMS,
    FUNCTION_WORDS,
    GENERIC_PLACE_WORDS,
    MONTHS,
    RELATIONS,
    word_set,
)

# Tried only where a word or a contraction's "'s" starts (the engine would otherwise try
# every branch at every character; see echo.phi.text.at_word_starts).
_EMPLOYER_CUE = re.compile(
    r"(?i)(?=\b\w|\b')\b(?:(?:works?|worked|working)(?:\s+(?:long\s+hours|late|nights|days|evenings|weekends|overnights|"
    r"full[- ]time|part[- ]time|two\s+jobs|shifts|\d\s+jobs))?(?:\s+(?:stocking|cleaning|cooking|"
    r"driving|cashiering|waitressing|serving))?\s+(?:at\s|for\s|\()|"
    # "owner of Whitfield Roofing", "trabaja en la maquiladora Skyworks"
    r"owner\s+of|"
    # "works the night line at", "works the strip job for", "drives for Metro Transit"
    r"works?\s+the\s+(?:[a-z]+\s+){1,2}(?:at|for)\s|drives?\s+(?:a\s+truck\s+)?for\s|"
    # "Dad is a lineman for", "she's a welder at", "dad is a pipefitter at"
    r"(?:is|'s|was)\s+an?\s+(?!(?:patient|student|freshman|sophomore|junior|senior|member|client|"
    r"resident|regular|kid|child|teen|volunteer|nurse|doctor|therapist|counselor)\b)[a-z]+\s+"
    r"(?:at|for)\s|trabaja\s+en(?:\s+(?:la|el))?(?:\s+(?:maquiladora|f[aá]brica|tienda|planta))?|(?:job|jobs|position|shifts?|"
    r"shift\s+work)\s+at|employed\s+(?:at|by)|(?:manager|cashier|supervisor|clerk|driver)\s+at|"
    r"(?:family|mom|mother|dad|father|parents?|grandma|grandpa|uncle|aunt)\s+(?:owns?|runs?))"
    r"\s*(?:the\s+)?(?-i:(?P<employer>[A-Z](?:[\w'\u2019&-]|\.(?=\w))*(?:[ \t](?:&[ \t])?"
    r"(?:[A-Z](?:[\w'\u2019&-]|\.(?=\w))*|of|de))*))"
)
_EMPLOYER_WORDS = word_set(
    """work works worked working job jobs employed shift shifts position manager cashier
    supervisor clerk driver owns own runs run owner trabaja drives drive is was she he"""
)
# "recognize him at Walmart where mom works": the employer named before the work.
_EMPLOYER_BEFORE_WORK = re.compile(
    r"\bat\s+(?P<employer>[A-Z][\w'\u2019&-]*(?:[ \t][A-Z][\w'\u2019&-]*){0,2})\s+where\s+"
    r"(?:his\s+|her\s+|their\s+)?(?:mom|mother|dad|father|parents?|grandma|grandpa|aunt|uncle)"
    r"\s+works\b"
)


def find(doc: Document) -> Iterator[Hit]:
    matches = list(_EMPLOYER_CUE.finditer(doc.text)) if doc.lows & _EMPLOYER_WORDS else []
    if "works" in doc.lows:
        matches += _EMPLOYER_BEFORE_WORK.finditer(doc.text)
    for m in matches:
        words = m.group("employer").split()
        while words and words[-1] in ("of", "de", "&"):
            words.pop()
        name = " ".join(words)
        lows_ = [fold(w.strip(".'\u2019")) for w in words]
        if (
            not words
            or len(" ".join(words)) < 3  # "a coach at the Y"
            or all(w in GENERIC_PLACE_WORDS or w in FUNCTION_WORDS for w in lows_)
            or lows_[0] in FUNCTION_WORDS
            or lows_[0] in MONTHS
            or lows_[0] in RELATIONS
            or lows_[0] in not_names()  # "works for Medicaid": a payer, no employer
            or name in ACRONYMS
            or (doc.mode_at(m.start("employer")) == "upper" and all(is_word(w) for w in lows_))
        ):
            continue
        start = m.start("employer")
        yield Hit(start, start + len(name), "name", Priority.EMPLOYER, "[the parent's employer]")
