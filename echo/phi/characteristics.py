"""Identifying characteristics: Safe Harbor's "any other unique identifying characteristic"
(45 CFR 164.514(b)(2)(i)(R)). In a small community a child is recognised without a name:
the girl on the local news, the boy whose video went viral, the state champion, one of the
quadruplets, the police chief's son, the daughter of the only funeral director in town.

No rule can know what is unique in a given town, so these only warn: the person confirms
the detail is needed for the question, or says it more generally ("a public event", "a
parent with a public role"). Each pattern names the cue, not the whole story.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document
from echo.phi.vocabulary import word_set

_RELATIVE = (
    r"(?:son|daughter|kid|child|boy|girl|grandson|granddaughter|stepson|stepdaughter|"
    r"nephew|niece)"
)
_PUBLIC_ROLE = (
    r"(?:police\s+chief|chief\s+of\s+police|fire\s+chief|sheriff|mayor|judge|senator|"
    r"governor|pastor|preacher|minister|priest|rabbi|imam|principal|superintendent|"
    r"head\s+coach|congress(?:man|woman)|council(?:man|woman|member)|state\s+representative|"
    r"district\s+attorney|county\s+commissioner|news\s+anchor|weather\s*man)"
)
_PLACE = r"(?:town|the\s+(?:town|county|village|valley|area|district|region|state|island))"

# One pattern per kind of cue, each tried only when one of its words is in the text.
_CUES: tuple[tuple[frozenset[str], re.Pattern[str]], ...] = (
    # In the news, or going viral.
    (
        word_set("news paper newspaper headlines covered reported publicized publicised coverage"),
        re.compile(
            r"(?i)\b(?:on|in|made)\s+the\s+(?:local\s+|evening\s+|national\s+|front\s+page\s+of"
            r"\s+the\s+)?(?:news|paper|newspaper|headlines)\b"
            r"|\b(?:made|making)\s+(?:the\s+)?(?:headlines|national\s+news)\b"
            r"|\bwidely\s+(?:covered|reported|publici[sz]ed)\b"
            r"|\b(?:news\s+(?:coverage|story|stories|reports?)|media\s+coverage)\b"
        ),
    ),
    (
        word_set("tv television interviewed featured gofundme fundraiser amber documentary"),
        re.compile(
            r"(?i)\bon\s+(?:local\s+|national\s+)?(?:tv|television)\b"
            r"|\binterviewed\s+(?:by|on)\b"
            r"|\bfeatured\s+(?:in|on)\s+(?:the\s+|a\s+)?(?:local\s+)?(?:paper|news|article|"
            r"story|documentary|show|podcast)\b"
            r"|\b(?:gofundme|go\s+fund\s+me)\b|\bfundraiser\s+for\s+(?:him|her|them|the\s+family)\b"
            r"|\bamber\s+alert\b"
        ),
    ),
    (
        word_set("famous celebrity influencer youtuber known well-known"),
        re.compile(
            r"(?i)\b(?:tiktok[- ]|internet[- ]|locally\s+)famous\b|\bcelebrity\b"
            r"|\bfamous\s+(?:athlete|singer|actor|actress|musician|family|player|youtuber)\b"
            r"|\b(?:an?\s+)?(?:influencer|youtuber)\b|\beveryone\s+in\s+town\s+knows\b"
            r"|\bwell[- ]known\s+(?:in\s+(?:town|the\s+community)|family|local)\b"
        ),
    ),
    (
        word_set("viral followers subscribers views"),
        re.compile(
            r"(?i)\bwent\s+viral\b|\bviral\s+(?:video|post|clip|tiktok|story|photo)\b"
            r"|\b(?:\d[\d,.]*\s*(?:k|m|million|thousand)?|millions\s+of|thousands\s+of)\s+"
            r"(?:followers|subscribers|views)\b"
        ),
    ),
    # Titles and records.
    (
        word_set("champion championship championships record finalist medalist olympian bee"),
        re.compile(
            r"(?i)\b(?:state|national|world|regional|junior\s+olympic|olympic)\s+"
            r"(?:[a-z-]+\s+){0,2}(?:champion|championships?|record(?:[- ]holder)?|"
            r"title\s+holder|finalist|medalist)\b"
            r"|\brecord[- ]holder\b|\bolympian\b|\bspelling\s+bee\s+(?:champion|winner)\b"
        ),
    ),
    # Multiple births beyond twins.
    (
        word_set("triplets quadruplets quintuplets sextuplets quads conjoined"),
        re.compile(
            r"(?i)\b(?:one\s+of\s+(?:the\s+|a\s+set\s+of\s+)?)?(?:triplets|quadruplets|"
            r"quintuplets|sextuplets|quads)\b|\bconjoined\s+twins?\b"
        ),
    ),
    # A parent's rare or public role, a famous relative.
    (
        word_set(
            """only chief sheriff mayor judge senator governor pastor preacher minister priest
            rabbi imam principal superintendent coach congressman congresswoman councilman
            councilwoman councilmember representative attorney commissioner anchor weatherman
            weather
            nfl nba mlb nhl wnba mls nwsl"""
        ),
        re.compile(
            r"(?i)\bthe\s+only\s+(?:[a-z.-]+\s+){1,3}in\s+" + _PLACE + r"\b"
            r"|\b(?:the\s+)?" + _PUBLIC_ROLE + r"(?:'s|\u2019s|s')\s+" + _RELATIVE + r"\b"
            r"|\b(?:mom|mother|dad|father|parent|stepdad|stepmom)\s+is\s+(?:the\s+|an?\s+)?"
            r"(?:town\s+|county\s+|city\s+)?" + _PUBLIC_ROLE + r"\b"
            r"|\bplays?\s+(?:in|for)\s+the\s+(?:NFL|NBA|MLB|NHL|WNBA|MLS|NWSL)\b"
        ),
    ),
    # Rare events that make a family known.
    (
        word_set("survivor pulled"),
        re.compile(
            r"(?i)\b(?:sole|only)\s+survivor\b"
            r"|\bpulled\s+from\s+the\s+(?:river|lake|pond|creek|rubble|wreck|fire|well|flood\w*)\b"
        ),
    ),
)


def find(doc: Document) -> Iterator[Hit]:
    for words, pattern in _CUES:
        if not doc.lows & words:
            continue
        for match in pattern.finditer(doc.text):
            yield Hit(
                match.start(),
                match.end(),
                "characteristic",
                Priority.CHARACTERISTIC,
                SUGGESTIONS["characteristic"],
            )
