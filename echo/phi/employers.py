"""Employers of relatives (Safe Harbor names employers too): "works nights at Walmart",
"employed by Boeing". Reported as a name, suggested as "[the parent's employer]"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import Hit
from echo.phi.lexicon import fold, is_word, not_names, regions
from echo.phi.priority import Priority
from echo.phi.text import Document, find_led, led
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
    # ("I can't miss work again at Parkview", "WORKS AFTER SCHOOL AT DUCKWALL FARMS")
    r"again|after\s+school|summers|"
    r"full[- ]time|part[- ]time|two\s+jobs|shifts|\d\s+jobs|seasonal(?:ly)?|construction|"
    r"overtime|doubles))?(?:\s+(?:stocking|cleaning|cooking|"
    r"driving|cashiering|waitressing|serving))?\s+(?:at\s|for\s|\()|"
    # "owner of Whitfield Roofing", "trabaja en la maquiladora Skyworks"
    r"owner\s+of|"
    # "works the night line at", "works the strip job for", "drives for Metro Transit"
    r"works?\s+the\s+(?:[a-z]+\s+){1,2}(?:at|for)\s|"
    r"drives?\s+(?:a\s+(?:truck|bus|van|cab|forklift|school\s+bus)\s+)?for\s|"
    # "Parents are both engineers at Boeing" (not "are patients at", "are nurses at")
    r"(?:are|were|'re)\s+(?:both\s+)?(?!(?:patients|students|members|clients|residents|regulars|"
    r"kids|children|teens|volunteers|nurses|doctors|physicians|pediatricians|psychiatrists|"
    r"psychologists|providers|therapists|counselors|twins|friends|"
    r"here|there|not|still|now|seen|staying|living)\b)[a-z]+s\s+(?:at|for)\s|"
    # "Dad is a lineman for", "she's a welder at", "dad is a pipefitter at"
    # "cleans houses for Desert Sun Cleaning", "trabaja de noche en Panadería La Borinqueña"
    r"cleans\s+(?:houses|rooms|offices|buildings)\s+(?:at|for)\s|"
    r"trabaja\s+(?:de\s+(?:noche|d[ií]a)\s+)?en\s|"
    r"(?:is|'s|was)\s+an?\s+(?!(?:patient|student|freshman|sophomore|junior|senior|member|client|"
    r"resident|regular|kid|child|teen|volunteer|nurse|doctor|therapist|counselor)\b)[a-z]+\s+"
    r"(?:at|for)\s|trabaja\s+en(?:\s+(?:la|el))?(?:\s+(?:maquiladora|f[aá]brica|tienda|planta))?|(?:job|jobs|position|shifts?|"
    r"shift\s+work)\s+at|employed\s+(?:at|by)|(?:manager|cashier|supervisor|clerk|driver)\s+at|"
    r"(?:family|mom|mother|dad|father|parents?|grandma|grandpa|uncle|aunt)\s+(?:owns?|runs?))"
    r"\s*(?:the\s+)?(?-i:(?P<employer>[A-Z](?:[\w'\u2019&-]|\.(?=\w))*(?:[ \t](?:&[ \t])?"
    r"(?:[A-Z](?:[\w'\u2019&-]|\.(?=\w))*|of|de))*))"
)
# What every cue above opens with: the pattern is tried only where one stands (find_led).
_EMPLOYER_CUE_LED = led(
    _EMPLOYER_CUE,
    word_set(
        """work owner drive cleans trabaja is 's was job position shift employed manager cashier
    supervisor clerk family mom mother dad father parent grandma grandpa uncle aunt are were
    're"""
    ),
)
_EMPLOYER_WORDS = word_set(
    """work works worked working job jobs employed shift shifts position manager cashier
    supervisor clerk driver owns own runs run owner trabaja drives drive is was she he are were"""
)
# "recognize him at Walmart where mom works": the employer named before the work.
_EMPLOYER_BEFORE_WORK = re.compile(  # (opens with its character: see echo.phi.text)
    r"a(?<!\wa)t\s+(?P<employer>[A-Z][\w'\u2019&-]*(?:[ \t][A-Z][\w'\u2019&-]*){0,2})\s+where\s+"
    r"(?:his\s+|her\s+|their\s+)?(?:mom|mother|dad|father|parents?|grandma|grandpa|aunt|uncle)"
    r"\s+works\b"
)


# What a business's name ends with: "Columbia Basin Orchards", "Hartzell's Diner", "Al-Noor
# Auto Repair", "Prairie Freight Lines", "Hidalgo Citrus Co.".
_BUSINESS_SUFFIX = (
    r"(?:Packing|Orchards?|Farms?|Bakery|Diner|Cafe|Caf\u00e9|Restaurant|Grill|Taqueria|"
    r"Tortilleria|Pizzeria|Repair|Lines|Electric|Co\.|Company|Coal|Mining|Landscaping|Roofing|"
    r"Plumbing|Construction|Trucking|Freight|Logistics|Marine(?:\s+Services)?|Motors|"
    r"Brothers|Bros\.|Lumber|Foods|Grocery|Feed\s+(?:and|&)\s+Seed|Dairy|Poultry|Mills?|"
    r"Manufacturing|Industries|Enterprises|Shipyard|Salon|Barbershop|Garage|Hauling|"
    r"Excavating|Welding|Auto\s+(?:Repair|Body|Parts|Sales)|Body\s+Shop|Car\s+Wash|"
    r"Trucking\s+Co\.|Transport(?:ation)?|Inn|Motel|Hotel|Tire(?:\s+(?:&|and)\s+Lube)?|Lube|"
    r"Packers|Cleaning|Cleaners|Janitorial|Cannery|Creamery|Dental|"
    # "Blackberry Ridge Outfitters", "Maplecrest Senior Living", "Prairie Wind Casino"
    r"Outfitters|Drilling|Senior\s+Living|Assisted\s+Living|Casino|Cheese|Supply|Hardware|"
    r"Meats|Processing|Timber|Logging)"
)
_BUSINESS = re.compile(
    r"\b(?P<employer>(?:[A-Z][\w'\u2019&-]*[ \t](?:(?:and|&|de|of)[ \t])?){1,3}"
    + _BUSINESS_SUFFIX
    + r")(?![\w-])"
    # "works at the dollar barn", "drives a truck for arkla feed and seed": a business typed
    # in lower case after a job's words
    r"|(?i:\b(?:works?|worked|working|drives?|drove|waitresses|cooks|cleans|employed|jobs?)\b"
    r"[^.;\n]{0,30}?\b(?:at|for)[ \t]+(?:the[ \t]+)?)"
    r"(?P<typed>(?:[a-z][\w'\u2019-]*[ \t]){1,3}(?i:packing|orchards?|farms?|bakery|diner|"
    r"cafe|restaurant|grill|repair|electric|coal|mining|landscaping|roofing|plumbing|"
    r"construction|trucking|freight|barn|general|feed[ \t]+and[ \t]+seed|dairy|poultry|mills?|"
    r"lumber|foods|motors|salon|garage|hauling|cheese|casino|drilling|outfitters|hardware|"
    r"supply|meats|processing|timber|logging))\b"
)
_BUSINESS_WORDS = word_set(
    """packing orchard orchards farm farms bakery diner cafe café restaurant grill taqueria
    tortilleria pizzeria repair lines electric co company coal mining landscaping roofing
    plumbing construction trucking freight logistics marine motors brothers bros lumber foods
    grocery seed dairy poultry mill mills manufacturing industries enterprises shipyard salon
    barbershop garage hauling excavating welding auto body car transport transportation barn
    general inn motel hotel tire lube packers cleaning janitorial cannery creamery cleaners
    dental outfitters drilling living casino cheese supply hardware meats processing timber
    logging"""
)
# Ends that many ordinary phrases have too: the name before them must have a word no
# dictionary has ("Maplecrest Senior Living", not "Medical Supply").
_WEAK_BUSINESS_ENDS = word_set(
    "cheese supply hardware meats processing living casino timber logging drilling"
)
# Agencies and programs that end like a business: "Child & Family Services" names no one.
_TRADES = word_set(
    "paper steel saw lumber textile chicken poultry hog cattle dairy auto car tire nail hair feed"
    " grain coal cotton pulp meat fish"
)
_NOT_BUSINESSES = word_set(
    "family child social human youth community state county city pediatric pediatrics general"
    " swiss american medical durable tribal local"
)


def find(doc: Document) -> Iterator[Hit]:
    yield from _businesses(doc)
    matches = list(find_led(doc, _EMPLOYER_CUE_LED)) if doc.lows & _EMPLOYER_WORDS else []
    if "works" in doc.lows:
        matches += doc.fast(_EMPLOYER_BEFORE_WORK).finditer(doc.text)
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
            or lows_[-1] in ("medicaid", "medicare", "chip")  # "worked for Nevada Medicaid"
            or " ".join(lows_) in regions()  # "el padre trabaja en Florida": where, not for whom
            or name in ACRONYMS
            or (doc.mode_at(m.start("employer")) == "upper" and all(is_word(w) for w in lows_))
        ):
            continue
        start = m.start("employer")
        yield Hit(start, start + len(name), "name", Priority.EMPLOYER, "[the parent's employer]")


def _businesses(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_BUSINESS, _BUSINESS_WORDS, 80, 30):
        group = "employer" if m.group("employer") else "typed"
        start = m.start(group)
        words = m.group(group).split()
        # "Employer Columbia Basin Orchards": the word that names it is not part of it
        while len(words) > 2 and fold(words[0]) in ("employer", "employers", "owner", "owners"):
            start += len(words[0]) + 1
            words = words[1:]
        first = fold(words[0].strip(".'\u2019"))
        if group == "typed" and first in _TRADES:
            continue  # "a rotating shift at the paper mill": which kind of work, not where
        if (
            first in FUNCTION_WORDS
            or first in _NOT_BUSINESSES
            or first in MONTHS
            or first in RELATIONS
            # "Medicaid Transportation" is a payer's; "Columbia Basin Orchards" a business
            or (first in not_names() and len(words) < 3)
            # "Steelers and Packers games": teams, not a packing house
            or all(fold(w) in not_names() or w in ("and", "&", "of", "de") for w in words)
            or doc.mode_at(m.start(group)) == "upper"
        ):
            continue
        if (
            group == "employer"
            and fold(words[-1]) in _WEAK_BUSINESS_ENDS
            and all(is_word(fold(w)) for w in words[:-1])
        ):
            continue  # "Swiss Cheese", "Durable Medical Supply": no one's business by name
        yield Hit(start, m.end(group), "name", Priority.EMPLOYER, "[the parent's employer]")
