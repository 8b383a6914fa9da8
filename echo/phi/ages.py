"""Ages over 89, which Safe Harbor removes ("92-year-old", "aged 95", "in her 90s"), and
a relative's age given as a bare number after the relation word ("grandma (93)")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts
from echo.phi.vocabulary import RELATIONS

# The words `relation` knows: a relation word, or one with an "s" after it ("sisters").
# Grandparents' pet names no other rule reads as relations ("great gran, 98,", "pop-pop, 93,",
# "tutu, 92,"): names of a relative whose age follows.
_ELDERS = frozenset(
    {"gran", "pop-pop", "poppop", "pawpaw", "meemaw", "tutu", "grandparent", "great-grandparent"}
)
_RELATION_WORDS = frozenset(chain(RELATIONS, _ELDERS)) | frozenset(
    low + "s" for low in chain(RELATIONS, _ELDERS)
)

# Tried only where a word starts (every branch opens at one; see at_word_starts).
_AGE_OVER_89 = at_word_starts(
    re.compile(
        r"(?i)\b(?P<n>9\d|1[01]\d)\s*(?:-|\s)?\s*(?:years?|yrs?|yr|y)\.?\s*(?:-|\s)?\s*(?:old|o\.?|of\s+age)\b"
        r"|\b(?:ninety|one\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"\s+years?\s+of\s+age\b"
        r"|\b(?P<n2>9\d|1[01]\d)\s?(?:yo|y/o|y\.o\.?|yof|yom|a[ñn]os)(?!\w)"
        # "lives w/ his lala Gilbert (92 yrs)": the age in years, bracketed
        r"|\b(?P<n5>9\d|1[01]\d)\s?(?:yrs?|years?)(?=\s*\))"
        # in the families' languages: "91 tuổi", "gen 97 an" (Haitian Creole), "92 sano"
        r"|(?<![$\d.])\b(?P<n4>9\d|1[01]\d)\s(?:(?:tuổi|tuoi|anos|sano|років|лет)\b"
        r"|ans?(?=[ \t]*[,.;)]))"  # ("95 an excellent score": English "an")
        r"|\b(?:age[ds]?|aged)\s*(?:of\s*)?:?\s*(?P<n3>9\d|1[01]\d"
        # "(age ninety-four)"
        r"|(?:ninety|one\s+hundred)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)\b"
        r"(?!\s*(?:days?|d\b|weeks?|wks?|months?|mos?|minutes?|%|percent))"
        r"|\b(?:ninety|one\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"[-\s]years?[-\s]old\b"
        r"|\bin\s+(?:his|her|their)\s+(?:(?:early|mid|late)[-\s]+)?(?:90s|nineties)\b"
        # "who just celebrated her 95th birthday"
        r"|\b(?:9\d|1[01]\d)(?:th|st|nd|rd)\s+birthday\b"
        # "(Loretta, ninety-one)", "grandpa, ninety": the age written out, set off
        r"|(?:(?<=[,(]\s)|(?<=\())(?:ninety|one\s+hundred)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
        r"(?=\s*[),;])"
    )
)


# "she's 97, raising him alone", "he is ninety-two.": a person's age after "is".
_AGE_AFTER_PRONOUN = re.compile(
    r"(?i)\b(?:she|he|who)(?:'s|\u2019s|s|\s+is|\s+was|\s+turned|\s+turns"
    r"|(?:'ll|\u2019ll|\s+will|\s+would)\s+be)\s+(?P<n>9\d|1[01]\d|(?:ninety|one\s+"
    r"hundred)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)(?=\s*[,.;)!]|\s*$|\s+(?:and|now|"
    r"but|on|next|this|soon|today|tomorrow)\b)(?![.,]\d)"
)
# "Great-granny Opal is ninety-two": an age written out after "is".
_AGE_WORDS_AFTER_IS = re.compile(
    r"(?i)\b(?:is|was|turned|turns|now)\s+(?P<n>(?:ninety|one\s+hundred)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?)\b(?!\s*(?:percent|%|minutes|days))"
)
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_WRITTEN_OUT = frozenset({"ninety", "hundred"} | {f"ninety-{n}" for n in _ONES})
# (as words are folded: "she'll" is read "shell")
_PRONOUNS = frozenset(
    {"she", "he", "she's", "he's", "shes", "hes", "who", "who's", "shell", "hell", "wholl"}
)
# Inside every age over 89: found by skipping to its first character, not read at each one
# (each branch opens with a plain character, "Ninet|ninet": see echo.phi.text).
_OVER_89_HINT = re.compile(r"9\d|1[01]\d|Ninet|ninet|NINET|Hundred|hundred|HUNDRED")
# (each branch opens with a plain character, which the engine skips to: "(?<!\d)9\d" as
# "9(?<!\d9)\d", "(?i)ninet" as "[Nn](?i:inet)")
_AGE_HINT = re.compile(r"9(?<!\d9)\d(?!\d)|1(?<!\d1)[01]\d(?!\d)|[Nn](?i:inet)|[Hh](?i:undred)")

# "his great-grandfather is 96", "grandma (93)": a relative's age as a bare number, matched
# from the end of the relation word.
_AGE_OF_RELATIVE = re.compile(
    # ("grandma Ms. Odessa is 90": a title's dot is no sentence's end)
    r"(?i)s?\b(?:[^.;\n]|(?<=\b(?:ms|mr|dr))\.|(?<=\bmrs)\.){0,40}?"
    r"(?:\b(?:is|was|turned|turns|now|aged?)\s+|,\s*|\(\s*|['\u2019]s\s+"
    r"|[ \t]+(?=(?:9\d|1[01]\d)[ \t]*\)))"  # "grandpa's 90.", "(carson, ggpa 93)"
    r"(?P<n>9\d|1[01]\d)(?![\d%/-]|\.\d)(?!\s*(?:%|mg|kg|lbs?|bpm|percent|degrees|pounds|points|"
    r"minutes|mins|miles|th\b|st\b|nd\b|rd\b|days?\b|weeks?\b|wks?\b|months?\b|mos?\b|hours?\b|"
    r"hrs?\b))"
)


# "granny 91 watches the kids": the age right after the relation word, before a word or a
# stop (not "grandma 95 mi away").
_AGE_RIGHT_AFTER_RELATIVE = re.compile(
    r"[ \t]+(?P<n>9\d|1[01]\d)(?=[ \t]+[a-z]|[ \t]*[,.;)]|[ \t]*$)(?![ \t]*(?:%|mg|kg|lbs?|"
    r"bpm|percent|degrees|pounds|points|minutes|mins?\b|miles|mi\b|hrs?\b|hours|secs?\b|"
    r"seconds|km\b|ft\b|feet|yards|days?\b|weeks?\b|wks?\b|months?\b|mos?\b))",
    re.MULTILINE,
)


def find(doc: Document) -> Iterator[Hit]:
    text = doc.text
    if not doc.holds(_AGE_HINT):
        return
    suggestion = SUGGESTIONS["age_over_89"]
    for m in doc.find_around(_AGE_OVER_89, _OVER_89_HINT, 30, 40):
        yield Hit(m.start(), m.end(), "age_over_89", Priority.AGE_OVER_89, suggestion)
    for m in doc.find_near(_AGE_WORDS_AFTER_IS, _WRITTEN_OUT, 12, 40):
        yield Hit(m.start("n"), m.end("n"), "age_over_89", Priority.AGE_OVER_89, suggestion)
    for m in doc.find_near(_AGE_AFTER_PRONOUN, _PRONOUNS, 2, 40):
        yield Hit(m.start("n"), m.end("n"), "age_over_89", Priority.AGE_OVER_89, suggestion)
    for i in doc.places_of(_RELATION_WORDS):
        tok = doc.toks[i]
        rel = _AGE_OF_RELATIVE.match(text, tok.end)
        if rel is None and text[max(0, tok.start - 4) : tok.start].lower() != "per ":
            rel = _AGE_RIGHT_AFTER_RELATIVE.match(text, tok.end)  # (not "HR per mom 118")
        if rel is not None:
            yield Hit(rel.start("n"), rel.end("n"), "age_over_89", Priority.AGE_OVER_89, suggestion)
