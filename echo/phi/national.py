"""Names every clinician may write that identify nobody in the case: national programs and
organisations ("Boys & Girls Club", "Special Olympics"), insurers, toys and products named
for people ("Lincoln Logs", "Jordan 4s"), laws named for a child ("Megan's Law") and stars
("Grace Kelly movies"). A hit that lies wholly inside one is no identifier."""

from __future__ import annotations

import re

from echo.phi.text import Document, at_word_starts
from echo.phi.vocabulary import word_set

_NATIONAL = at_word_starts(
    re.compile(
        r"\b(?:Boys[ \t]*(?:&|and)[ \t]*Girls[ \t]+Clubs?(?:[ \t]+of[ \t]+America)?"
        r"|Big[ \t]+Brothers[ \t]+Big[ \t]+Sisters|Special[ \t]+Olympics|Sierra[ \t]+Club"
        r"|Blue[ \t]+Cross(?:[ \t]+(?:and[ \t]+|&[ \t]*)?Blue[ \t]+Shield)?|Girl[ \t]+Scouts"
        r"|Boy[ \t]+Scouts|Lincoln[ \t]+Logs|Grace[ \t]+Kelly|(?:Air[ \t]+)?Jordan[ \t]+\d{1,2}s"
        r"|Taylor[ \t]+Swift|Harry[ \t]+Potter"
        # a chain and a color named for a person or a state ("Burger King", "Carolina blue")
        r"|Burger[ \t]+King|Carolina[ \t]+[Bb]lue|Mardi[ \t]+Gras"
        # the newborn withdrawal score ("Finnegan max 12"), not a boy named Finnegan
        r"|Finnegan(?=[ \t]+(?:max|scores?|scoring|scale|of[ \t]+\d))"
        # lithium's symbol before its level ("Li level 0.8")
        r"|Li(?=[ \t]+levels?\b)"
        # a Defense Department instruction ("DoDI 6490.08"), not a boy called Dodi
        r"|DoDI(?=[ \t]+\d)"
        # what children watch, play and read about ("Austin & Ally reruns", "King Tut facts")
        r"|Austin[ \t]+(?:&|and)[ \t]+Ally|King[ \t]+Tut|Destiny[ \t]+2|Grey['\u2019]s[ \t]+Anatomy"
        # a syndrome named for a story ("'Alice in Wonderland' episodes")
        r"|Alice[ \t]+in[ \t]+Wonderland"
        r"|Air[ \t]+Jordans?|Habitat[ \t]+for[ \t]+Humanity"
        # a landmark every reader knows ("at Grand Central today")
        r"|Grand[ \t]+Central(?:[ \t]+(?:Terminal|Station))?"
        # devices' apps and criteria named for a place ("Dexcom Clarity", "Rome IV criteria")
        r"|Dexcom[ \t]+(?:Clarity|Follow|G\d)|Rome[ \t]+(?:IV|III|II|4|3)"
        # holidays named for people or things ("Labor Day", "Columbus Day")
        r"|(?:Labor|Columbus|Memorial|Veterans|Presidents['\u2019]?"
        r"|Indigenous[ \t]+Peoples['\u2019]?"
        r"|Martin[ \t]+Luther[ \t]+King(?:[ \t]+Jr\.?)?|MLK|Mother['\u2019]?s|Father['\u2019]?s"
        r"|Independence|Flag|Patriots['\u2019]?)[ \t]+Day"
        # nations named by a direction ("12yo girl, Northern Cheyenne, lives")
        r"|Northern[ \t]+(?:Cheyenne|Arapaho|Ute|Paiute)|Eastern[ \t]+(?:Band|Shoshone)"
        # what a family calls a grandparent ("she calls her Big Mama")
        r"|Big[ \t]+(?:Mama|Momma|Mommy|Daddy|Papa)"
        # the national crisis lines and their short codes
        r"|Crisis[ \t]+Text[ \t]+Line(?:[ \t]*\(?[ \t]*(?:text[ \t]+\w+[ \t]+to[ \t]+)?741741\)?)?"
        # "Will's Law", "Megan's Law": a law named for a child of the news, not this one;
        # "Assembly Bill 12": a bill
        r"|[A-Z][a-z]+['\u2019]s[ \t]+Law|(?:Assembly|Senate|House)[ \t]+Bill"
        # "a Kennedy-era building": a time named for a president
        r"|[A-Z][a-z]+-era(?:[ \t]+[a-z]+)?)\b"
    )
)
_NATIONAL_WORDS = word_set(
    "boys big special sierra blue girl boy lincoln grace taylor harry alice jordan air jordans"
    " habitat burger carolina austin king destiny mardi finnegan li grey dodi"
    " law dexcom rome grand assembly senate house"
    " crisis labor columbus memorial veterans presidents indigenous martin mlk mother mothers"
    " father fathers independence flag patriots northern eastern"
)
_ERA = re.compile(r"-era\b")


def spans(doc: Document) -> list[tuple[int, int]]:
    """Where the text names a national program, product, law or star."""
    found = [m.span() for m in doc.find_near(_NATIONAL, _NATIONAL_WORDS, 40, 40)]
    found += [m.span() for m in doc.find_around(_NATIONAL, _ERA, 20, 24)]
    return found


# What such a name may be mistaken for (a characteristic, "a Make-A-Wish kid", stays).
_KINDS = frozenset(
    {"name", "initials", "school", "facility", "city", "clinician", "mrn", "account", "phone"}
)


def inside(kind: str, start: int, end: int, found: list[tuple[int, int]]) -> bool:
    return kind in _KINDS and any(s <= start and end <= e for s, e in found)
