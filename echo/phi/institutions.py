"""Institutions: hospitals and clinics (facility, warn); schools, daycares, teams, camps,
scout troops and places of worship (block: they locate the child). A run of capitalised
words (in one-case text, words that are no plain English) ending in a suffix word
("Lincoln Middle School", "Riverside Pediatrics") is one; so are the well-known hospitals
and a saint's name ("St. Agnes")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.lexicon import (
    english,
    first_names,
    fold,
    is_place_word,
    is_word,
    known_place,
    not_names,
    regions,
    surnames,
)
from echo.phi.places import US_STATE_NAMES
from echo.phi.priority import Priority
from echo.phi.text import (
    Document,
    Tok,
    adjacent,
    at_word_starts,
    find_in,
    starts_among,
    starts_sentence,
    windows,
)
from echo.phi.vocabulary import (
    ACRONYMS,
    FACILITY_AFTER_GENERIC,
    FACILITY_SUFFIXES,
    FUNCTION_WORDS,
    GENERIC_PLACE_WORDS,
    GREETINGS,
    MONTHS,
    RELATIONS,
    SCHOOL_SUFFIXES,
    TEAM_SUFFIXES,
    WORSHIP_SUFFIXES,
    word_set,
)

_KNOWN_FACILITIES = re.compile(
    r"\b(?:Johns\s+Hopkins|Kennedy\s+Krieger|Kaiser\s+Permanente|Shriners|St\.?\s+Jude|"
    r"Nemours|Cleveland\s+Clinic|Mayo\s+Clinic|Boys\s+Town|Children's\s+(?:Mercy|National|"
    r"Minnesota|Wisconsin|Colorado|Healthcare\s+of\s+Atlanta)|CHOP|CHOA|CHLA|CCHMC|MGH|BCH|"
    r"UCSF|UCLA|UPMC|OHSU|CHKD|CHOC|Sheppard\s+Pratt|McLean(?:\s+Hospital)?|Menninger(?:\s+Clinic)?|"
    r"Austen\s+Riggs|Silver\s+Hill|Devereux|Children's\s+of\s+[A-Z][a-z]+)\b"
    r"|(?i:\bOur\s+Lady\s+of\s+(?:the\s+)?[a-z]+(?:\s+(?!and\b|is\b|was\b)[a-z]+)?)"
    r"|(?i:\b(?:holy\s+cross|sacred\s+heart|good\s+samaritan|mount\s+sinai|mt\.?\s+sinai)"
    r"(?:\s+(?:memorial|hospital|medical\s+center|rehab))?\b)"
)
# Academic medical centers and health systems clinicians name by their short name after
# "at", "to" or "from" ("seen at UAB", "transferred to Sanford Fargo", "at Pathways Inc.").
_CENTER_AFTER_CUE = re.compile(
    r"\b(?:at|to|from|@|with)\s+(?P<name>(?:UNM|UAB|UK|KU|UVA|UNC|OU|UW|UI|UCSD|UCD|UCI|UTSW|UTMB|"
    r"UTHSC|MUSC|VCU|UAMS|UMMC|LSU|UNMC|UIHC|UMich|UofM|OSU|MSU|WVU|ECU|ETSU|USA\s+Health)"
    r"(?:\s+(?:Med|Health|Medicine|Medical|Children's|Hospital|HealthCare|Healthcare|Peds))?"
    r"|(?:Sanford|Intermountain|Atrium|Novant|Banner|Ascension|Geisinger|Essentia|Avera|"
    r"Marshfield|Gundersen|Ochsner|Corewell|Beaumont|Parkland|Cedars|Sutter|Dignity|Allina|"
    r"Fairview|Spectrum|Prisma|Wellstar|Piedmont|Baptist\s+Health|Mercy|Providence|"
    r"Presbyterian|Methodist|Kaiser|Riley|Monroe\s+Carell|Vanderbilt\s+Children's|Cook\s+Children's|"
    r"Memorial\s+(?:Children's|Hermann|Hospital))"
    r"(?:\s+[A-Z][a-z]+){0,2}"
    r"|[A-Z][\w&'-]+(?:\s[A-Z][\w&'-]+){0,3},?\s(?:Inc|LLC)\.?)(?![\w-])"
)
_CENTER_WORDS = word_set(
    """unm uab uk ku uva unc ou uw ui ucsd ucd uci utsw utmb uthsc musc vcu uams ummc lsu unmc
    uihc umich uofm osu msu wvu ecu etsu usa sanford intermountain atrium novant banner ascension
    geisinger essentia avera marshfield gundersen ochsner corewell beaumont parkland cedars
    sutter dignity allina fairview spectrum prisma wellstar piedmont baptist mercy providence
    presbyterian methodist kaiser riley monroe vanderbilt cook inc llc memorial"""
)
_KNOWN_FACILITY_WORDS = word_set(
    """johns kennedy kaiser shriners jude nemours cleveland mayo boys children chop choa chla
    cchmc mgh bch ucsf ucla upmc ohsu chkd choc holy sacred good mount mt sheppard mclean lady
    menninger austen silver devereux children's"""
)
# Children's hospitals clinicians name by one word ("seen at Nationwide", "Lurie").
_CHILDRENS_HOSPITALS = re.compile(
    r"\b(?:Nationwide(?:\s+Children's)?|Lurie|Primary\s+Children's|Hasbro(?:\s+Children's)?|"
    r"Le\s+Bonheur|(?:Texas|Rady|Seattle|Boston|Cincinnati|Phoenix|Akron|Dayton|Riley)\s+Children's)"
    r"(?![\w'])"
)
_CHILDRENS_HOSPITAL_WORDS = word_set(
    "nationwide lurie hasbro bonheur children children's childrens"
)
# "St. Agnes", "Saint Luke's": a saint's name is a hospital, church or school; the institution
# walk names it when a suffix follows ("St. Mary's Catholic School").
_SAINT = re.compile(  # (opens with its character: see echo.phi.text)
    r"S(?<!\wS)(?:t\.?|aint)\s+(?P<name>[A-Z][a-z]+)(?:['\u2019]s)?\b(?!(?:['\u2019]s)?\s+wort)"
    # "admitted to st joe's": typed in lower case, the possessive says it is a place
    r"|s(?<!\ws)(?:t\.?|aint)\s+(?P<typed>[a-z]{3,})(?:['\u2019]s|(?<=[a-z]{3}s))\b"
)

# What a street's name ends with before "St." closes it ("N 5th St.", "1420 Grand St.").
_STREET_BEFORE_ST = re.compile(r"(?:\d(?:st|nd|rd|th)|\d{1,5}[ \t]+[A-Z][a-z]+)[ \t]+$")

# A parish's devotion, the name of many a church, its school and its hospital: "at Holy
# Family", "from Sacred Heart", "Holy Ghost youth group". Named as a place (after "at", "from",
# "to", "attends" or before a school's or a church's word), it is read as a saint's name is.
_DEVOTION = re.compile(
    r"(?i:\b(?:at|from|to|attends?|attended)[ \t]+)"
    # ("Holy Cross" and "Sacred Heart" are _KNOWN_FACILITIES', read there as saints' names)
    r"(?P<name>(?:Holy[ \t]+(?:Family|Trinity|Spirit|Ghost|Name|Redeemer|Rosary|Angels|"
    r"Innocents|Apostles)|Good[ \t]+Shepherd|Immaculate[ \t]+Conception|"
    r"Blessed[ \t]+Sacrament|Precious[ \t]+Blood)"
    r"|holy[ \t]+(?:family|trinity|ghost|name|redeemer|rosary))\b"
    r"(?![ \t]+(?:Hospital|Medical|Health|Hosp|hospital|medical|health)\b)"
    r"|\b(?P<group>(?:Holy[ \t]+(?:Family|Cross|Trinity|Spirit|Ghost|Name|Redeemer|Rosary)|"
    r"Sacred[ \t]+Heart|Good[ \t]+Shepherd))(?=[ \t]+(?:youth|school|parish|church|CCD|"
    r"preschool|daycare)\b)"
)
_DEVOTION_WORDS = word_set("holy sacred good immaculate blessed precious")
_SCHOOL_BEFORE = re.compile(
    r"(?i)\b(?:classmates?|grade|grader|school|teacher|attends|attended|goes\s+to|went\s+to|"
    r"enrolled|transferred\s+to|kindergarten|freshman|sophomore|junior|senior|parish|mass|"
    r"classroom|youth\s+group|church|ccd|confirmation|bible\s+study|pastor)\b"
    # "Father Broussard from St. Peter's", "Rev. Dial from": a priest's or a minister's church
    r"|\b(?:Father|Fr\.|Rev\.|Reverend|Pastor|Deacon|Msgr\.|Monsignor)[ \t]+[A-Z][\w'-]+"
    r"[ \t]+(?:from|of|at)[ \t]+$"
)
# "St. Mark's Lutheran", "St. Volodymyr parish", "St. Brendan's has a school counselor": a
# church's word or a school's after the saint's name.
_CHURCH_OR_SCHOOL_AFTER = re.compile(
    r"[ \t]+(?:(?:Lutheran|Catholic|Episcopal|Methodist|Baptist|Orthodox|Presbyterian|"
    r"Parish|Church)\b|(?i:parish|church|has[ \t]+a[ \t]+school|school[ \t]+counselor)\b)"
)
_HOSPITAL_BEFORE = re.compile(
    r"(?i)\b(?:admit\w*|hospital\w*|er|ed|transferr?\w*|discharg\w*|seen|inpatient|psych|"
    r"unit|floor|born|delivered|nicu|picu)\b"
)
# Suffixes that name a school or daycare whatever word comes before ("Kiddie Day Care").
# Where professional teams play; "the Atlanta Braves" names nobody.
_BIG_LEAGUE_TEXT = """philadelphia, carolina, florida, detroit, chicago, atlanta, golden state,
    minnesota, denver, los angeles, la, las vegas, pittsburgh, arizona, st. louis, charlotte,
    jacksonville, oklahoma city, tampa bay, tennessee, new england, houston, new jersey,
    indianapolis, dallas, san jose, memphis, cleveland, baltimore, portland, portland trail,
    anaheim, kansas city, seattle, boston, new york, miami, toronto, milwaukee, utah,
    sacramento, phoenix, orlando, new orleans, san antonio, buffalo, cincinnati, green bay,
    washington, texas, minnesota timber, vegas golden, san francisco"""
_BIG_LEAGUE_TOWNS = frozenset(town.strip() for town in _BIG_LEAGUE_TEXT.split(","))
_DESCRIBING_ENDS = word_set("based led run owned affiliated sponsored operated funded")
_STAGE_WORDS = word_set("upper lower early late public private")
_STRONG_SCHOOL_SUFFIXES = word_set(
    """elementary academy montessori preschool pre-school daycare day-care childcare"""
)
_WORSHIP_OR_TEAM = WORSHIP_SUFFIXES | TEAM_SUFFIXES
# Practice names as clinicians write them: "Riverside Peds", "Brookside Family Medicine",
# "Riverbend Behavioral", "Lakeshore Developmental" (never the therapies: "Cognitive
# Behavioral Therapy", "Applied Behavioral Analysis").
_NAMED_PRACTICE_WORDS = word_set("peds medicine behavioral behavioural developmental")
_THERAPY_WORDS = word_set(
    "cognitive dialectical applied positive therapy therapies intervention analysis activation"
)
# A daycare's name ends in "CDC" (a child development center, in capitals) or "Early
# Learning" ("Crooked River CDC", "Little Acorns Early Learning"); a school's in the grades it
# spans ("Munger Elementary-Middle", "Bastogne Heights Middle-High").
_DAYCARE_ENDS = word_set("cdc elc learning")
_GRADE_SPANS = word_set(
    "elementary-middle middle-high elementary-high junior-senior jr-sr jr/sr primary-middle"
)
# Every word _suffix_at may take for a suffix: a quick test before the full one.
_SUFFIX_WORDS = (
    FACILITY_SUFFIXES
    | FACILITY_AFTER_GENERIC
    | SCHOOL_SUFFIXES
    | _WORSHIP_OR_TEAM
    | {"children", "memorial", "general", "care", "services", "center", "centre", "ctr", "start"}
    | {"home"}
    | _NAMED_PRACTICE_WORDS
    | _DAYCARE_ENDS
    | _GRADE_SPANS
)
_TRAILING_SUFFIXES = (
    SCHOOL_SUFFIXES
    | FACILITY_SUFFIXES
    | FACILITY_AFTER_GENERIC
    | WORSHIP_SUFFIXES
    | {"care", "center", "centre", "ctr", "system"}
)
_TEAM_VERBS = word_set(
    """plays play played playing swims swim swam runs run dances dance cheers cheer wrestles
    wrestle skates skate competes compete spot roster starter starting qb quarterback pitcher
    goalie goalkeeper captain catcher striker guard is"""
)
# "she swims for the tualatin hills barracudas": a club typed in lower case, its place and its
# mascot in the plural, after the sport's verb.
_TEAM_TYPED_AFTER_VERB = re.compile(
    r"(?i:\b(?:plays?|played|swims?|swam|runs?|wrestles?|cheers?|skates?|dances?|competes?|rows?|"
    r"dives?)\s+for\s+the\s+)"
    r"(?P<team>[a-z][a-z'\u2019-]+(?:[ \t][a-z][a-z'\u2019-]+){1,2}s)\b"
)
_TEAM_TYPED_VERBS = word_set(
    """plays play played swims swim swam runs run wrestles wrestle cheers cheer skates skate
    dances dance competes compete rows row dives dive"""
)
# Words of any team, not a club's name ("plays for the high school jv teams").
_ANY_TEAMS = word_set(
    """team teams club clubs school high middle varsity jv local same travel rec city county
    town state church youth kids boys girls guys other new"""
)
# "Ridgefield Eagles 15U": a youth team with its age group.
_AGE_GROUP_TEAM = re.compile(
    r"\b(?P<team>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,3})[ \t]+(?:[6-9]|1\d)U\b"
    # "the eastside hornets 8U team": typed in lower case, "team" after it
    r"|\b(?P<typed>[a-z][\w'\u2019-]+[ \t][a-z][\w'\u2019-]+)[ \t]+(?:[6-9]|1\d)[Uu][ \t]+team\b"
    # "a club soccer game (Real Colorado U14)": the age group after the club's name
    r"|\b(?P<club>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,3})[ \t]+U-?(?:[6-9]|1\d)\b"
)
# "plays soccer for the Westside Wildcats", "swims on the Riverside Rays"
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_TEAM_CUE = at_word_starts(
    re.compile(
        r"\b(?:(?i:(?:plays?|played|playing|swims?|swam|runs?|dances?|cheers?|wrestles?|skates?|"
        r"competes?|spot|roster|starter|starting|qb|quarterback|pitcher|goalie|goalkeeper|captain|"
        r"catcher|striker|guard)\s+(?:\w+\s+){0,2}(?:for|on|with)\s+(?:(?:the|a)\s+)?)"
        # "is on the Westside Wildcats" (not "is a lineman for Appalachian Power")
        r"|is\s+(?:\w+\s+){0,2}(?:for|on|with)\s+(?:the|a)\s+)"
        r"(?P<team>[A-Z][\w'\u2019-]+(?:\s[A-Z][\w'\u2019-]+){0,3})"
    )
)


_PLAYS_FOR_THE = re.compile(r"(?i:\b(?:plays?|played|playing)\s+(?:\w+\s+)?for\s+the\s+$)")


# "wrestler at TMP", "starting pitcher at Bellmont": where the child competes is a school.
_ATHLETE_AT = re.compile(
    r"(?i:\b(?:wrestler|swimmer|runner|sprinter|cheerleader|gymnast|quarterback|linebacker|"
    r"lineman|pitcher|goalie|goalkeeper|shortstop|point[ \t]+guard|player|athlete|captain)[ \t]+"
    r"at[ \t]+)(?P<team>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,3})"
)
_ATHLETE_WORDS = word_set(
    """wrestler swimmer runner sprinter cheerleader gymnast quarterback linebacker lineman
    pitcher goalie goalkeeper shortstop guard player athlete captain"""
)


@dataclass(frozen=True, slots=True)
class _Suffix:
    """The word that ends an institution's name, and what it makes of the name."""

    low: str  # the word as read: "care" after "child" or "day" is "childcare"
    kind: str  # facility or school
    suggestion: str
    lenient: bool  # any capitalised word before it may be the name ("Kiddie Day Care")


def find(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for hit in _institutions(doc):
        # a name never spans a run of spaces, which parts a form's fields ("First: Anh  Middle:")
        if "  " not in text[hit.start : hit.end]:
            yield hit


def _institutions(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_MOSQUE, _MOSQUE_WORDS, 30, 50):
        yield _school(m.start(), m.end(), "[a place of worship]")
    for m in doc.find_near(_HEAD_START_ON, _START_WORDS, 12, 50):
        yield _school(m.start(), m.end(), "[the child's preschool]")
    for m in doc.find_near(_CENTRAL, _CENTRAL_WORDS, 40, 40):
        group = next(g for g in ("named", "bare", "cadet") if m.group(g))
        first = m.group(group).split()[0].lower()
        if group == "named" and (
            first in FUNCTION_WORDS or first in _NOT_BEFORE_CENTRAL or is_word(first)
        ):
            continue  # "NEEDS CENTRAL" (a central line), "Statewide Central Registry"
        if group == "bare" and _TIME_ZONE_BEFORE.search(
            doc.text, max(0, m.start() - 16), m.start()
        ):
            continue  # "(Mountain vs. Central)": the time zones
        yield _school(m.start(group), m.end(group), "[the child's school]")
    yield from _known_institutions(doc)
    yield from _named_institutions(doc)
    yield from _camps_and_teams(doc)
    yield from _short_forms(doc)


# "Head Start on Linden", "Head Start de Palo Verde": one Head Start center by its street or
# its neighbourhood (not "Head Start in Gallup": the town is a town's finding).
_HEAD_START_ON = re.compile(
    r"\bHead[ \t]+Start[ \t]+(?:on|de)[ \t]+(?:(?:Calle|la|el|los|las)[ \t]+)?"
    # (not a day, a month or a video call: "Head Start on Monday", "on Zoom")
    r"(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
    r"Zoom|Teams|Facebook|Medicaid)[a-z]*\b)"
    r"[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+)?"
)
_START_WORDS = word_set("start")
# "Knott Central", "KNOTT CO CENTRAL", "Perry County Central", "counselor at Central", "plays
# for CENTRAL", "Central JROTC": a consolidated county high school, named by its county or
# alone where a child goes to it (not "Central Falls", a town, nor "Central America").
_CENTRAL = re.compile(
    r"(?i:\b(?:at|to|for|vs\.?|with|from|attends|attended)[ \t]+)"
    r"(?P<bare>Central(?:[ \t]+(?:Catholic|Christian))?|CENTRAL)"
    r"(?=[ \t]*[.,;:)]|[ \t]*$|[ \t]+(?i:counselor|jrotc|teacher|nurse|principal|coach|team|"
    r"basketball|football|baseball|softball|soccer|wrestling|band|high|hs)\b)"
    r"|(?P<cadet>\bCentral)(?=[ \t]+(?:counselor|JROTC)\b)"
    r"|(?P<named>\b(?:[A-Z][a-z]+|[A-Z]{3,}|[a-z]{4,})(?:[ \t]+(?:County|Co\.?|CO|COUNTY|co))?"
    r"[ \t]+(?:Central|CENTRAL|central))\b(?![ \t]+(?i:valley|america|asia|europe|avenue|ave|"
    r"falls|time|park|station|montana|health|line|nervous|intake|office|states?|coast|"
    r"region|standard)\b)",
    re.MULTILINE,
)
_CENTRAL_WORDS = word_set("central")
_TIME_ZONE_BEFORE = re.compile(r"(?i)\b(?:mountain|eastern|pacific|atlantic|alaska|hawaii)\W*$")
# Words before "Central" that make no school of it ("North Central", "Swope Health Central").
_NOT_BEFORE_CENTRAL = word_set(
    "north south east west upper lower mid eastern western northern southern pacific mountain"
    " health grand downtown near far the our their his her"
)


# Facility names as clinicians shorten them: "KCH", "NVMC ED", "seen at UKH" (capitals ending
# in H, MC or HC after "at" or before a unit), "Hazard Regional", "Summit Sports Medicine",
# "Pediatric Associates of Lorain".
_FACILITY_SHORT = re.compile(
    # (every branch opens with one of these: the others are not tried at every character)
    r"(?=[A-Z@afit])(?:"
    r"(?:\b(?:at|@|from|to|in|the)\s+)(?P<a>[A-Z]{1,3}(?:H|MC|HC)|[A-Z]{2,5}(?=\s+Med\b)|"
    r"[A-Z][a-z]+\s+Med(?=[\s.,;)]))\b(?![-'\u2019])"
    r"|\b(?P<b>[A-Z]{1,3}(?:H|MC|HC))\s+(?:ED|ER|PICU|NICU|ICU|peds|psych|inpatient)\b"
    r"|\b(?P<c>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+(?:Regional|Sports\s+Medicine|Orthopedics|"
    r"Urgent\s+Care|Psychiatric(?!\s+(?:Hospital|Center|Institute|Unit))))\b"
    r"|\b(?P<d>(?:Pediatric|Family|Medical|Primary\s+Care|Children's)\s+Associates"
    r"(?:\s+of\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)?)"
    # "Lighthouse Child & Family": a family-services agency
    r"|\b(?P<f>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+Child\s+(?:&|and)\s+Family(?:\s+Services)?)\b"
    # "HCMC-East": a hospital's initials and its campus
    r"|\b(?P<e>[A-Z]{1,4}(?:H|MC|HC)-(?:East|West|North|South|Downtown|Main))\b"
    r")"
)
_CAMPUS_HINT = re.compile(r"[A-Z](?:H|MC|HC)-[A-Z]")  # "HCMC-East"
_SHORT_WORDS = word_set("regional sports orthopedics urgent associates psychiatric family")
# "at harper fam med", "she's at banner urgent care": a practice typed in lower case after
# "at", its name one or two words before what it is.
_TYPED_PRACTICE = re.compile(
    r"\b(?:at|from|to|with|in\s+our|our)\s+"
    r"(?P<name>(?!(?:at|from|to|in|on|the|er|ed)\b)[a-z][a-z'\u2019-]+"
    r"(?:\s(?!(?:at|from|to|in|on)\b)[a-z][a-z'\u2019-]+){0,2}?)\s+"
    r"(?:fam(?:ily)?\s+med(?:icine)?|fam\s+practice|family\s+practice|peds|pediatrics|med|"
    r"urgent\s+care|health\s+center|family\s+clinic|clinic|behavioral(?:\s+health)?|bhc|rtc|cmhc|"
    r"fqhc|chc)\b"
)
_TYPED_PRACTICE_WORDS = word_set(
    "fam family peds pediatrics urgent health clinic behavioral bhc rtc med cmhc fqhc chc practice"
)
_FACILITY_ABROAD = re.compile(
    r"\b(?:La\s+)?(?:Cl[ií]nica|Centro\s+de\s+Salud|Hospital)\s+(?:(?:de|del|la|el|los|las)\s+|"
    r"[A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*\s?){1,6}"
)
# "crow agency ihs", "the Fort Defiance IHS": an Indian Health Service unit by its place.
_IHS_UNIT = re.compile(r"\b(?P<name>(?:[A-Za-z][a-z]+\s){1,2}(?:IHS|ihs))\b")
# "Hasbro ED", "seen in ER at Mercy": a proper name before or after the emergency room.
_NAMED_ER = re.compile(
    # ("Methylphenidate ER 18 mg": extended release, not an emergency room)
    r"\b(?P<a>[A-Z][a-z]{2,})\s+(?:ED|ER(?!\s*\d|\s+(?:tab|cap|q|daily|every|bid|qd))|PICU|NICU)\b"
    r"|\b(?:ED|ER|PICU|NICU)\s+at\s+(?P<b>[A-Z][a-z]{2,})"
)
# "Little League team the Cardinals", "softball with the Lady Hawks": a team named after a
# sport or "team" (not "plays for the Steelers": a professional team names nobody).
_TEAM_AFTER_SPORT = re.compile(
    r"(?i:\b(?:team|squad|softball|baseball|soccer|football|basketball|hockey|volleyball|"
    r"wrestling|cheer|lacrosse|league)\s+(?:\w+\s+){0,2}?(?:with|for|on)\s+the"
    r"|\b(?:team|squad)\s+the)\s+"
    r"(?P<team>(?:[A-Z][a-z]+\s)?[A-Z][a-z]+s)\b"
)
# "3rd grade at Lincoln", "sophomore at Naperville North": the school a grade is at.
_GRADE_AT = re.compile(
    r"(?i:\b(?:\d{1,2}(?:st|nd|rd|th)\s+grade(?:r)?|grade\s+\d{1,2}|kindergarten|pre-?k|"
    r"freshman|sophomore|junior|senior|(?:same\s+)?class(?:room)?|classmates?|teachers?|"
    r"principal|sro|resource\s+officer|(?:varsity|jv)(?:\s+[a-z]+)?)\s+(?:at|in|for)\s+)"
    # "a junior at ROCORI": a school's name in capitals too
    r"(?P<school>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}|[A-Z]{4,8}(?![\w-]))\b"
)
# "St. Pius 5th grade", "(Hillcrest 8th grade)", "Oakwood 7th grade.", "at MLK K-8": a school
# named just before the grade a child is in.
_SCHOOL_BEFORE_GRADE = re.compile(
    r"(?P<school>(?:\bSt\.?[ \t]+|\bSaint[ \t]+)?\b[A-Z][a-z'\u2019]+(?:[ \t][A-Z][a-z'\u2019]+)?"
    # "OLPH 5th grader", "MLK K-8"; typed in lower case, "woodland hills 7th grade"
    r"|\b[A-Z]{2,5}(?=[ \t]+(?:K-\d|\d{1,2}(?:st|nd|rd|th)[ \t]*grade))"
    r"|(?<![\w,])(?<!\d[ \t])(?P<typed>[a-z]{3,}[ \t][a-z]{3,})"
    r"(?=[ \t]+\d{1,2}(?:st|nd|rd|th)[ \t]*grade))"
    r"(?:[ \t]+(?i:elem|elementary|middle|ms))?"
    r"[ \t]+(?:\d{1,2}(?:st|nd|rd|th)[ \t]*(?:grader?s?|gr)\b|K-\d{1,2}\b)"
)
# "Central counselor calling me weekly", "the Hillcrest portal", "Eastview counselor sent
# her": a school named bare before its staff or its portal.
_NAME_BEFORE_STAFF = re.compile(
    r"(?<![\w.'-])(?P<school>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+"
    r"(?:counselor|counsellor|principal|teachers?|nurse|coach|portal|SRO|staff)\b"
)
_STAFF_AFTER_WORDS = word_set(
    "counselor counsellor principal teacher teachers nurse coach portal sro staff"
)
_NOT_STAFF_KINDS = word_set(
    """family grief peer crisis camp guidance school mental health substance addiction career
    college marriage head assistant vice new former old lead special ed sped art music pe gym
    math science english reading spanish homeroom substitute student night charge home
    hospice triage band choir orchestra drama theater theatre robotics debate chess club team
    daycare preschool kindergarten ell esl gifted resource title classroom cheer dance
    football soccer basketball baseball softball volleyball wrestling track swim"""
)
# "At Northside the teachers", "was at Westside but got sent", "a teen from Westside": a
# school named by its side of town, read as one where the sentence speaks of school.
_SHAPED_SCHOOL = re.compile(
    r"\b(?i:at|from|to)[ \t]+(?:the[ \t]+)?"
    r"(?P<school>(?:North|South|East|West)(?:side|view|wood|field|ridge|brook|lake)"
    # a bare side of town only after "at" ("football at North, QB"; not "from the South")
    r"|(?<=at[ \t])(?:North|South|East|West|Central)(?=[ \t]*,|[ \t]+(?:but|counselor)\b))\b"
)
_SHAPED_SCHOOL_HINT = re.compile(r"(?:North|South|East|West|Central)")
_SUBJECTS_BEFORE_GRADE = word_set(
    "reading math maths writing spelling science english spanish art music history level"
)
# (opens with its character: see echo.phi.text)
_GRADE_AFTER_HINT = re.compile(r"[\dK](?:(?<=\d)(?:st|nd|rd|th)[ \t]*gr|(?<=K)-\d)")
# "Lady Lions travel softball", "Pee Wee Panthers practice": a team before its sport or games.
# "Hoven Hawks wrestling", "Bison Bulldogs 6th gr basketball": a town's team before its sport.
_TEAM_OF_TOWN = re.compile(
    r"\b(?P<team>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?[ ][A-Z][a-z]+s)[ ]+(?:\d{1,2}(?:st|nd|rd|th)[ ]+gr"
    r"(?:ade)?[ ]+)?(?:softball|baseball|soccer|football|basketball|hockey|volleyball|wrestling|"
    r"cheer|lacrosse|track|swim)\b"
)
# "kicked out of daycare (little lambs learning ctr)": a learning center typed in lower case.
_TYPED_LEARNING_CENTER = re.compile(
    r"\b(?P<name>[a-z][a-z'\u2019-]+(?:\s[a-z][a-z'\u2019-]+){0,2}\s+learning\s+(?:ctr|center))\b"
)
_TEAM_BEFORE_SPORT = re.compile(
    r"\b(?P<team>(?:[A-Z][a-z]+\s){0,2}[A-Z][a-z]+s)\s+(?:(?:travel|club|rec|JV|varsity)\s+"
    r"(?:softball|baseball|soccer|football|basketball|hockey|volleyball|wrestling|cheer|lacrosse)"
    r"|practice|tryouts"
    # "the Lapwai Wildcats basketball team"
    r"|(?:softball|baseball|soccer|football|basketball|hockey|volleyball|wrestling|cheer|lacrosse)"
    r"\s+(?:team|squad))\b"
)
_FAITH_NAMES = word_set(
    """islamic muslim masjid buddhist hindu sikh gurdwara jewish baptist methodist lutheran
    pentecostal adventist mennonite orthodox presbyterian episcopal"""
)
_CARE_NAMES = word_set("medical health hospital behavioral clinic regional healthcare")
# "pray at Muslim Community Center", "the Islamic Society of Boston": a mosque by another name.
_MOSQUE = re.compile(
    r"\b(?:[A-Z][a-z]+[ \t]){0,2}(?:Islamic|Muslim)[ \t]+(?:(?:Community|Cultural)[ \t]+)?"
    r"(?:Center|Centre|Society|Association)(?:[ \t]+of(?:[ \t]+[A-Z][a-z]+){1,3})?"
)
_MOSQUE_WORDS = word_set("islamic muslim")
_COMPASS_WORDS = word_set("north south east west northeast northwest southeast southwest central")
_SIDES = _COMPASS_WORDS | word_set("northern southern eastern western")
_SPORT_WORDS = word_set(
    """team squad softball baseball soccer football basketball hockey volleyball wrestling cheer
    lacrosse league practice tryouts travel club rec jv varsity"""
)
_GRADE_WORDS = word_set(
    """grade grader kindergarten pre-k prek freshman sophomore junior senior class classmate
    classmates teacher teachers principal sro officer classroom varsity jv"""
)
# "at Olathe North", "She is at Harlingen South": a listed town and a direction is its high
# school; "Windward Little League": a named league.
_TOWN_SCHOOL = re.compile(
    r"\b(?:at|to|from|attends|for)\s+(?P<name>(?P<town>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+"
    r"(?:North|South|East|West|Central|Northwest|Northeast|Southwest|Southeast))\b(?!\s+[A-Z])"
)
# "School: Pinkerton", "Daycare: Little Sprouts": a form's school field.
_SCHOOL_FIELD = re.compile(
    r"(?m)"
    # ("Escuela: PSJA North": the field in Spanish)
    # ("school = Garza Elem", "school - many farms high": a field typed with '=' or '-')
    r"(?:\b(?i:School|Daycare|Preschool|Day\s+care|Escuela|Guarder[ií]a)\s*(?::|=)"
    r"|(?:^|(?<=[.;]\s))[ \t>*-]*(?i:school)[ \t]+-)[ \t]*"  # (at a line's or sentence's start)
    r"(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t][A-Z][\w'\u2019.-]*){0,3})"
)
# A compound place name's ending ("Riverside", "Hillcrest", "Westview"), not "Reading" or
# "Home", which a school field's sentence opens with.
_PLACE_SHAPED = re.compile(
    r"..(?:side|view|crest|wood|dale|field|brook|ridge|land|ville|burg|port|mont|haven|vale|glen)$"
)
_COINED = re.compile(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})*")


def _coined(word: str) -> bool:
    """A capitalised word no dictionary or name list has ("Iron-Buhl"): a place's own name."""
    low = fold(word)
    return (
        _COINED.fullmatch(word) is not None
        and not is_word(low)
        and low not in not_names()
        and low not in first_names()
        and low not in surnames()
    )


# "suspended from west ms", "at the eastside y": a school or the Y typed short in lower case.
_TYPED_SCHOOL = re.compile(
    # ("during math at mid-prairie middle": a hyphenated name)
    r"(?:\b(?:at|to|from|attends|school)|/)[ \t]+(?:the[ \t]+)?"
    r"(?P<name>(?P<first>[a-z]+(?:-[a-z]+)?)[ \t]+"
    r"(?:(?P<second>[a-z]+)[ \t]+)?"
    r"(?:ms|hs|es|elem|elementary|middle|high|jr\s+high|y|ymca))\b(?![ \t]+school)"
)
# "in the parking lot at Belfry High": a school named by its town's word and its level.
_AT_SCHOOL = re.compile(
    # ("Expulsado de Memorial Middle": "de", "en" in Spanish)
    r"\b(?:at|attends|attended|from|to|de|en|(?<=\bva\s)a|(?<=\bfue\s)a)\s+"
    r"(?P<name>(?:[A-Z][a-z]+\s+){1,2}(?:High|Middle|Elementary|Junior\s+High))"
    r"\b(?!\s+(?:School|[A-Z]))"
)
# "school is red lake falls high", "GOES TO BEAVER CREEK MIDDLE",
# "attends la casita head start": a school said after the word that asks for it, any case.
_SCHOOL_IS = re.compile(
    r"(?i)\b(?:school|daycare|day\s+care|preschool)\s+is\s+(?!the\b|a\b|an\b|out\b|not\b|closed\b)"
    r"(?P<name>[a-z][\w'\u2019-]*(?:\s+[a-z][\w'\u2019-]*){0,3}?\s+(?:elementary|middle|high|"
    r"academy|school|learning\s+center|head\s+start|montessori|preschool|daycare|elem|ms|hs))\b"
)
# "school is Zapata South.", "School is Southern Valley", "new school will be Feltonville Arts
# & Sciences", "a new school, probably Drakes Creek", "her third school this year,
# Potter-Thomas": the school named after the word, closing the sentence or the clause.
_SCHOOL_IS_NAMED = re.compile(
    r"\b(?i:school)(?:[ \t]+(?i:is|is[ \t]+now|will[ \t]+be)|,[ \t]*(?i:probably|this[ \t]+year,?))"
    r"[ \t]+(?P<name>[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+){0,2}"
    r"(?:[ \t](?:&[ \t])?[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+){0,2}){0,3})"
    # (dictated: "School is Knott Central period")
    r"(?=[ \t]*(?:[.;,)(\u2014]|[ \t]-[ \t]|$)|[ \t]+period\b)"
)
# "Kinder Kastle", "la escuela es Kinder Los Pinitos": a kindergarten or daycare named after
# the word for one (Spanish "kinder"), a name no dictionary has.
_KINDER_NAMED = re.compile(
    r"\bKinder[ \t]+(?P<name>(?:(?:Los|Las|El|La)[ \t]+)?[A-Z][a-z'\u2019]+"
    r"(?:[ \t][A-Z][a-z'\u2019]+)?)"
)
_KINDER_WORDS = word_set("kinder")
# "Entrena con el club Atléticas de Ponce": a club named after the word, the Spanish way.
_CLUB_NAMED = re.compile(
    r"\b(?:club|equipo)[ \t]+(?P<name>[A-Z][a-z\u00e0-\u00ff]+"
    r"(?:[ \t]+(?:de|del|la|los|las)[ \t]+[A-Z][a-z\u00e0-\u00ff]+)?)"
)
_CLUB_WORDS = word_set("club equipo")
# "Pt's canoe club (Hui Wa'a o Moloka'i)", "his 4-H club (Clover Ridge Clovers)": a club or
# team named in brackets after the word.
_CLUB_BRACKETED = re.compile(
    r"\b(?:club|team|troop|league|squad)[ \t]*\([ \t]*(?P<name>[A-Z][^()\n,;:]{2,40}?)[ \t]*\)"
)
_CLUB_BRACKET_WORDS = word_set("club team troop league squad")
_CLUB_PARTICLES = word_set("o of de del la los las the and y")
_CLUB_PARTICLES_NOT_NAMES = word_set("dr drs mr mrs ms miss coach rev pastor")  # a person
# "daycare Tiny Steps kicked him out", "la guardería Pequeños Pasos": the daycare named right
# after the word.
_DAYCARE_THEN_NAME = re.compile(
    r"\b(?:daycare|preschool|guarder[ií]a)[ \t]+"
    r"(?P<name>[A-Z][a-z\u00e0-\u00ff'\u2019]+(?:[ \t][A-Z][a-z\u00e0-\u00ff'\u2019]+){0,2})\b"
)
_DAYCARE_THEN_NAME_WORDS = word_set("daycare preschool guarderia")
# The forms of a rating scale ("Vanderbilt preschool version").
_FORM_WORDS = word_set("version form scale checklist questionnaire screener inventory")
_INSTRUMENT_WORDS = word_set(
    "scale checklist screening screener questionnaire inventory version program curriculum"
)
_GOES_TO_SCHOOL = re.compile(
    r"(?i)\b(?:attends|attended|goes\s+to|went\s+to|enrolled\s+(?:at|in)|starts?\s+at)\s+"
    r"(?P<name>(?P<first>[a-z][\w'\u2019-]*)(?:\s+[a-z][\w'\u2019-]*){0,3}?\s+(?:elementary|middle|"
    r"high|academy|learning\s+center|head\s+start|montessori|preschool|daycare|day\s+care))\b"
    r"(?!\s+school)"
)
_GOES_WORDS = word_set("attends attended goes went enrolled start starts")
# "school (Hawthorne)", "His school (Fish River) has a counselor", "new school
# (Meadowbrook)": the school's name in parentheses after the word.
_SCHOOL_IN_PARENS = re.compile(
    r"\b(?:[Ss]chool|SCHOOL|[Dd]aycare|[Pp]reschool|SBHC|[Tt]emple|[Cc]hurch|[Mm]osque|[Mm]asjid"
    r"|[Pp]arish|[Tt]eam|[Cc]amp)[ \t]*\([ \t]*"
    # ("church (Marshallese Assembly of God)": "of" inside a congregation's name)
    r"(?:(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t](?:of[ \t])?[A-Z][\w'\u2019.-]*){0,3}"
    # "school (Ozark Mtn high)": its level typed in lower case
    r"(?:[ \t](?:high|middle|elem|elementary|jr[ \t]high))?)"
    # "the school (oak hill) says": typed in lower case, a place's word or no word says a name
    # ("daycare (rayito de sol)": a Spanish name's particles)
    r"|(?P<typed>[a-z][a-z'\u2019-]+(?:[ \t](?:de|del|la|el|los|las)){0,2}"
    r"(?:[ \t][a-z][a-z'\u2019-]+)?))[ \t]*\)"
)
_IN_PARENS_WORDS = word_set(
    "school daycare preschool sbhc temple church mosque masjid parish team camp"
)
# "SUSPENDED FROM SEBEC LAKE SCHOOL": a school named in a shouted line.
_SHOUTED_SCHOOL = re.compile(
    # "SCHOOL NURSE AT WASHINGTON MIDDLE": after "AT", the level alone ends the name
    r"(?<=AT[ \t])(?P<place>(?:[A-Z][A-Z'\u2019.-]+[ \t]){1,2}(?:MIDDLE|HIGH|JUNIOR[ \t]HIGH))\b"
    r"|\b(?P<name>(?:[A-Z][A-Z'\u2019.-]+[ \t]){1,3}(?:ELEMENTARY|ELEM|MIDDLE[ \t]SCHOOL|"
    r"HIGH[ \t]SCHOOL|JR\.?[ \t]HIGH|SCHOOL[ \t]DISTRICT|(?:PUBLIC[ \t])?SCHOOLS|SCHOOL|"
    r"ACADEMY))\b"
)
# "WIND GAP MEMORIAL HOSPITAL - BEHAVIORAL HEALTH UNIT": a hospital's letterhead in capitals.
_SHOUTED_HOSPITAL = re.compile(
    r"\b(?P<name>(?:[A-Z][A-Z'\u2019.-]+[ \t]){1,3}(?P<kind>(?:MEMORIAL|REGIONAL|COMMUNITY|"
    r"GENERAL|CHILDREN'?S)[ \t](?:HOSPITAL|MEDICAL[ \t]CENTER|HEALTH[ \t]SYSTEM)))\b"
)

_NOT_A_SCHOOLS_NAME = word_set(
    """the a an my our his her their this that its not out closed open over done back new
    early tribal same another other any formulary generic
    sped special regular alternative therapeutic
    high middle elementary junior senior public private charter online home cyber sbhc clinic
    homebound hybrid remote virtual homeschool"""
)
_LITTLE_LEAGUE = re.compile(
    r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+(?:Little\s+League|FFA|4-H)\b"
    # "the Eastside Boys & Girls Club", "Cedar Bluff Jr/Sr High", "at HPMS"
    r"|\b(?:[A-Z][a-z]+\s+)?Boys\s*(?:&|and)\s*Girls\s+Club\b"
    # "the Boys & Girls Club on Vine", "the YMCA on Pecan", "the Pecan St YMCA": the club a
    # town's children go to, by its street
    r"(?:\s+on\s+[A-Z][a-z]+(?:\s(?:St|Ave|Rd|Blvd)\b\.?)?)?"
    r"|\b(?:YMCA|YWCA)\s+on\s+[A-Z][a-z]+(?:\s(?:St|Ave|Rd|Blvd)\b\.?)?"
    r"|\b[A-Z][a-z]+\s+(?:St|Ave|Rd|Blvd)\.?\s+(?:YMCA|YWCA)\b"
    r"|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+Jr\.?/Sr\.?\s+High\b"
    # "attends Maple Run, a one-room school"
    r"|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}(?=,\s+an?\s+(?:[\w-]+\s+)?(?:school|academy|daycare|"
    r"preschool)\b)"
    # "Westbrook Marching Band": a school's band
    r"|\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s+(?:Marching|Jazz|Concert|Pep)\s+Band\b"
    # "attends School 26": a school known by its number
    r"|\bSchool\s+(?:No\.?\s*)?\d{1,3}\b"
    # "Church at Notre Dame d'Haiti"
    r"|(?<=[Cc]hurch\s(?:at|is)\s)[A-Z][\w'\u2019-]+(?:\s(?:[A-Z][\w'\u2019-]+|d['\u2019][A-Z]\w+)){0,3}"
    # "Center Stage Dance Co.": a dance, music or martial-arts studio
    r"|\b(?:[A-Z][\w'-]+\s+){1,3}(?:Dance|Ballet|Music|Karate|Cheer|Gymnastics)\s+"
    r"(?:Co\b\.?|Company|Studio|Academy|Center|Centre)"
)
_LEAGUE_WORDS = word_set(
    """league ffa 4-h dance ballet music karate cheer gymnastics school church boys sr high band
    academy daycare preschool ymca ywca"""
)
_SHORT_SCHOOL_HINT = re.compile(r"[A-Z](?:MS|HS|ES)\b")
_AT_SHORT_SCHOOL = re.compile(
    r"(?<=\bat\s)[A-Z]{2,3}(?:MS|HS|ES)\b"  # "at HPMS"
    # "in the PVMS conference room", "the BHS gym": a school's letters before its rooms
    r"|(?<=\bthe\s)[A-Z]{1,3}(?:MS|HS|ES)(?=\s+(?:conference|gym|cafeteria|library|office|"
    r"counseling|nurse'?s?|front|main|band|lunch)\b)"
)
# Daycare chains: each of their centres is one place.
_DAYCARE_CHAINS = re.compile(
    r"\b(?:KinderCare|Kids\s+R\s+Kids|Bright\s+Horizons|Primrose(?:\s+School)?|Goddard\s+School|"
    r"The\s+Learning\s+Experience|La\s+Petite\s+Academy|Kiddie\s+Academy|Tutor\s+Time|"
    r"Childtime|Lightbridge\s+Academy|Creative\s+World\s+School)\b"
)
# Schools and places of worship named in Spanish or Arabic: "Escuela Dr. Agustín Stahl",
# "Colegio San José", "Masjid Al-Nur", "Iglesia Pentecostal".
_NAMED_ABROAD = re.compile(
    r"\b(?:Escuela|Colegio|Academia|Liceo|Masjid|Iglesia|Templo|[ÉE]glise|[ÉE]cole|Mosqu[ée]e)\s+"
    # "Masjid al-Ansar": an article joined to the name
    # "Escuela de Bomba Tambó Arriba": joined by "de", "la"
    r"(?:(?:(?:de|del|la|las|los)\s(?=[A-ZÁÉÍÓÚÑ]))?"
    r"(?:[A-Z][a-z]{0,2}\.|(?:al-|el-|an-|as-|ar-)?[A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*)\s?){1,4}"
)
# "Tri-County Career Center": a vocational school.
_CAREER_SCHOOL = re.compile(
    r"\b(?:[A-Z][\w-]+\s+){1,3}Career\s+(?:and\s+Technical\s+)?(?:Center|Academy|Tech)\b"
)
# "goes to Central HS", "at Westview MS": a school's short form after a word that leads to one.
# "- Watauga HS", "(Swain HS)", "at McDowell Elem", "Letcher Co Central".
_SCHOOL_SHORT = re.compile(
    # ("shot in the leg outside Sumner Elem on 10/2": where something happened by it)
    r"(?m)(?:\b(?:at|to|attends|from|of|in|outside|near|behind|by)\s+|@\s*|(?<=[,(:\-.!?]\s)"
    r"|(?<=\()|^)"
    r"(?P<name>(?:[A-Z][a-z]*[A-Z]?[a-z]+\s+|[A-Z]{2,4}\s+(?=Middle|High|Elem)){1,3}"
    r"(?:HS|MS|ES|JHS|JH|Elem\.?|Middle|High)"
    r"|[A-Z][a-z]+\s+(?:Co\.?|County)\s+Central)(?![\w])"
)
# "First Baptist", "Bethel AME": a congregation named by its denomination alone (not
# "a Southern Baptist", "United Methodist" the denominations).
_CONGREGATION = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+\s+)?(?P<first>[A-Z][a-z]+|Mt\.)\s+(?:Baptist|Methodist|Lutheran|"
    r"Presbyterian|Pentecostal|Episcopal|Nazarene|AME|Mennonite|Brethren|Reformed))\b"
)
_DENOMINATION_WORDS = word_set(
    """southern united american free independent missionary reformed evangelical african
    national general primitive free-will the a his her their our old order conservative
    amish beachy"""
)
_FAITH_WORDS = word_set("christian catholic adventist")
_CONGREGATION_WORDS = word_set(
    "baptist methodist lutheran presbyterian pentecostal episcopal nazarene ame mennonite"
    " brethren reformed"
)
# "daycare at first baptist", "goes to little flock christian": a congregation or its school
# typed in lower case after the word that leads to it.
_TYPED_CONGREGATION = re.compile(
    r"\b(?:at|to|attends|attend|from)[ \t]+(?P<name>(?P<first>[a-z]+)(?:[ \t][a-z]+){0,3}?[ \t]+"
    r"(?:baptist|methodist|lutheran|presbyterian|pentecostal|episcopal|nazarene|christian|"
    r"catholic|adventist)(?:[ \t]+(?:academy|school|church))?)\b"
)
# "holy cross academy": a school, even when the name is also a hospital's.
_SCHOOL_AFTER_KNOWN = re.compile(
    r"(?i)\b(?:holy\s+cross|sacred\s+heart|good\s+samaritan|st\.?\s+[a-z]+(?:'s)?)\s+"
    r"(?:academy|school|elementary|prep|high\s+school|middle\s+school)\b"
)

_SCHOOL_AFTER_KNOWN_WORDS = word_set("academy school elementary prep")
# The words without which a rule above cannot match: it is not run on a text without them.
_CHAIN_WORDS = word_set(
    """kindercare kids bright primrose goddard learning petite kiddie tutor childtime
    lightbridge creative"""
)
_ABROAD_WORDS = word_set(
    "escuela colegio academia liceo masjid iglesia templo église eglise école ecole mosquée mosquee"
)
_SCHOOL_SHORT_WORDS = word_set(
    "hs ms es jhs jh elem central middle high charter alternative montessori start"
)
# "4th gr monocacy elem", "at westview ms", "kicked out of tri-county head start", "2nd grader
# at whispering pines charter", "transferring to oak valley alternative": typed in lower case
# after a word that leads to one.
_SCHOOL_SHORT_TYPED = re.compile(
    r"\b(?:gr|grade|grader|at|to|of|from|is|attends|school:)[ \t]+"
    r"(?P<name>(?:[a-z][a-z'-]{2,}[ \t]+){1,2}"
    r"(?:elem|hs|ms|charter|alternative|montessori|head[ \t]start))\b(?!-)"
)
# "suspended from Hickory Flat HS", "5 yo boy at salt lick daycare", "bullying at Dry Ridge
# middle", "EAGLE ROCK SCHOOL DISTRICT": a rural school named for the land it stands on, two
# ordinary words (a word, then a landform or a tree) before its level, in any case. Every word
# is in the dictionary, so no rule that wants a name no dictionary has can read it.
_LANDFORMS = (
    "creek|hills?|ridge|valley|lick|fork|branch|hollow|holler|gap|flats?|bluffs?|rocks?|grove|"
    "woods|point|springs?|lakes?|river|mountain|mtn|knob|glen|meadows?|prairie|canyon|mesa|"
    "butte|cove|harbor|crossing|ford|falls|bend|heights|crest|brook|knoll|summit|plains|"
    "oaks?|pines?|cedars?|maple|elm|willows?|birch|aspen|hickory|poplar|walnut|cottonwood"
)
_LANDFORM = re.compile(_LANDFORMS)
_LANDFORM_SCHOOL = re.compile(
    r"(?i)(?<![\w'\u2019-])(?P<name>(?P<word>[a-z][a-z'\u2019]+)[ \t]+(?:" + _LANDFORMS + r")"
    r"[ \t]+(?:elementary|elem|middle|high|jr\.?[ \t]high|junior[ \t]high|hs|ms|es|school|"
    r"academy|daycare|preschool|head[ \t]start))\b(?![-'\u2019])"
)
_LANDFORM_LEVELS = word_set(
    "elementary elem middle high hs ms es school academy daycare preschool start"
)
_NOT_A_LANDFORMS_NAME = word_set("last next early late spring fall winter summer every each")
# "1st grade at Wapato's camas elem", "refusing school at kika de la garza elem": "elem" says
# school whatever comes before it, so its name is read after any word.
_ELEM_TYPED = re.compile(
    r"(?<![\w'\u2019-])(?P<name>[a-z]{3,}[ \t]+(?:(?:de|del|la|los|las)[ \t]+){0,2}"
    r"(?:[a-z]{3,}[ \t]+)?elem)\b(?![ \t]+school|-)"
)
_FACILITY_ABROAD_WORDS = word_set("clinica clínica centro hospital")
_ER_WORDS = word_set("ed er picu nicu")
_NOT_ER_NAMES = word_set(
    """the local nearest closest another each which this that our their his her same last
    next first second third recent adult pediatric peds psych main visit visits trip trips
    went sent seen back today yesterday tonight sunday monday tuesday wednesday thursday
    friday saturday"""
)


_PROGRAM_WORDS = word_set("squad program club team council group")
# A team by its mascot: "kicked him off the Eastside Eagles", "(Tri-County Thunder 12U)",
# "quit Panthers basketball", "the Sandpoint Lady Bulldogs": a child's team names the school
# or the town's league. Only with a youth team's words around it (not "the Dallas Cowboys").
_MASCOTS = (
    r"(?:Eagles|Panthers|Tigers|Bulldogs|Wildcats|Bears|Lions|Falcons|Hawks|Warriors|Knights|"
    r"Spartans|Trojans|Cougars|Mustangs|Broncos|Rams|Raiders|Vikings|Pirates|Cardinals|Hornets|"
    r"Jaguars|Wolves|Wolverines|Thunder|Lightning|Cobras|Clovers|Antelopes|Bobcats|Titans|"
    r"Patriots|Rebels|Braves|Comets|Rockets|Devils|Bulls|Colts|Chargers|Gators|Owls|Huskies|"
    r"Redhawks|Mavericks|Tornadoes|Cyclones|Hurricanes|Sharks|Grizzlies|Bison|Longhorns|"
    r"Rattlers|Dragons|Crusaders|Cavaliers|Lancers|Bluejays|Ravens|Thunderbirds|Yellowjackets|"
    r"Razorbacks|Coyotes|Lobos|Roadrunners|Miners|Pioneers|Blazers|Bombers|Muskies|Ducks|"
    r"Chiefs|Swedes|Otters|Stingers|Whalers|Starlettes|Chieftains|Gladiators|Stallions|"
    r"Buffaloes)"
)
_TEAM_BY_MASCOT = re.compile(
    # ("travel baseball w/ Northside Titans": with them)
    r"(?:\b(?:off|on|for|from|of|quit|joined|join|rejoin|rejoined|left|made|w/|with)[ \t]+"
    r"(?:the[ \t]+)?"
    r"|\((?:the[ \t]+)?"
    r"|(?<=[,:][ \t]))"
    r"(?P<name>(?:[A-Z][\w'\u2019-]+[ \t]+){0,2}(?:Lady[ \t]+)?" + _MASCOTS + r")\b"
    # "since the Ridgeline Rams lost", "the Tecumseh Marching Braves go to state": the town's
    # word and the mascot after "the"
    r"|(?<=\b[Tt]he[ \t])(?P<the>[A-Z][\w'\u2019-]+[ \t]+(?:[A-Z][\w'\u2019-]+[ \t]+)?"
    r"(?:Lady[ \t]+)?" + _MASCOTS + r")\b"
    r"|\b(?P<named>(?:[A-Z][\w'\u2019-]+[ \t]+){0,2}(?:Lady[ \t]+)?" + _MASCOTS + r")"
    r"(?=[ \t]+(?:JV|varsity|\d{1,2}U|U\d{1,2}|travel|basketball|football|baseball|softball|"
    r"soccer|volleyball|wrestling|hockey|team|practice|tryouts|dance|cross|squad|coach|qb|"
    r"quarterback|pitcher|goalie|captain|starter|"
    r"dedicated|go[ \t]+to[ \t]+state|went[ \t]+to[ \t]+state)\b)"
)
# "quit the hornets", "cut from the bulldogs", "COACH RAMIREZ FROM THE LADY TIGERS", "the
# Wildcats coach", "at the sharks swim meet": a mascot typed in any case, after a word that
# puts a child on the team or before the team's staff or events.
_TEAM_BY_MASCOT_TYPED = re.compile(
    r"(?i:\b(?:quit|quitting|joined|rejoined|cut[ \t]+from|kicked[ \t]+off|plays?[ \t]+for|"
    r"playing[ \t]+for|coach(?:[ \t]+[a-z]+)?[ \t]+(?:from|of|for)|coach(?:es|ed)?|"
    r"(?:pitcher|goalie|captain|starter|qb|quarterback)[ \t]+for)[ \t]+the[ \t]+)"
    # ("pitcher for the pine valley bobcats", "dad coaches the dos rios dragons": the
    # place's words before the mascot)
    r"(?P<name>(?:[a-z][a-z'\u2019-]+[ \t]+){0,3}?(?i:(?:lady[ \t]+)?" + _MASCOTS + r"))\b"
    r"|(?P<the>\b(?i:the)[ \t]+)?(?P<staff>(?i:(?:lady[ \t]+)?" + _MASCOTS + r"))"
    r"(?=[ \t]+(?i:coach|coaches|trainer|(?:swim|track|wrestling|cheer)[ \t]+meet|meet|tournament|"
    r"tryouts)\b)"
)
# A school named bare after a word that places a child or a teacher in one: "teacher at
# Pinewood", "now K at Cardinal Valley", "sophomore at OHS", "stopped going to Prospect
# Hill", "Struggling at Nelsonville-York", "SBHC at Harding".
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_SCHOOL_BY_ROLE = at_word_starts(
    re.compile(
        r"\b(?i:teachers?|principal|school|sbhc|k|kindergarten|pre-?k|grade|gr|grader|freshman|sophomore|"
        r"junior|senior|struggling|stopped[ \t]+going|not[ \t]+going|nurse|counselor|counsellor|"
        r"trainer|coach|pastor|aide|librarian|psychologist|front[ \t]+desk|youth[ \t]+group|"
        # "the state champion team at Mullen": the team's school
        r"team|hockey|basketball|football|soccer|wrestling|volleyball|baseball|softball|"
        r"doing[ \t]+better|back)[ \t]+(?:at|to)[ \t]+(?:the[ \t]+)?"
        r"(?P<name>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,2}|[a-z]{4,}(?=[ \t]+says\b)"
        # "front desk at the valle verde SBHC": typed in lower case before the clinic's letters
        r"|[a-z]{3,}(?:[ \t][a-z]{3,})?(?=[ \t]+(?:SBHC|sbhc)\b))"
    )
)
# Staff who are not only at schools ("nurse at Mercy"): a name that is also a word or a given
# name counts after them only in a sentence about school.
_STAFF_ANYWHERE = word_set("nurse counselor counsellor trainer coach aide psychologist back")
_SCHOOL_BY_ROLE_WORDS = word_set(
    """teacher teachers principal school sbhc k kindergarten pre-k prek grade gr grader freshman
    sophomore junior senior struggling going nurse counselor counsellor trainer coach pastor
    aide librarian psychologist desk group better back team hockey basketball football soccer
    wrestling volleyball baseball softball"""
)
# Roles whose place is a church or a team's school whatever else is said ("youth pastor at
# Crossroads", "team at Mullen"): both block as a school does.
_PLACE_BY_ROLE_ANYWHERE = word_set(
    "pastor team hockey basketball football soccer wrestling volleyball baseball softball"
)
# "7th gr at MS 287X", "PS 214 in the Bronx", "from Lincoln K-8": a city school by its
# number, a school by its grades.
_SCHOOL_NUMBERED = re.compile(
    # (three digits or a borough's letter: "PS 15" is also a ventilator's pressure support)
    r"(?:\b(?:at|to|from|(?i:attends|school(?:[ \t]+is)?):?)[ \t]+|\(|^|\")"
    r"(?P<name>(?:(?:PS|MS|IS|JHS|PS/MS)[ \t]*"
    r"(?:\d{3}[XKMQR]?|\d{2}[XKMQR])|(?:IS|JHS|PS/MS)[ \t]*\d{2}"
    r"|(?:M\.S\.|P\.S\.|I\.S\.|P\.S\./M\.S\.)[ \t]*\d{2,3}[XKMQR]?))\b"
    # "she goes to PS 73", "ahora en PS 26": two digits only where a child attends (not
    # "weaned to PS 10", a ventilator's pressure support)
    r"|\b(?i:(?:goes|went|going|gone|moved)[ \t]+to|attends|attended|attending|"
    r"school:?|en|escuela:?)[ \t]+(?P<attended>PS[ \t]*\d{2})(?!\.?\d|%|/)"
    r"|\b(?P<grades>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+K-(?:5|6|8|12))\b"
)
_SCHOOL_NUMBERED_HINT = re.compile(r"[PMI]S[ \t]*\d|[PMI]\.S\.|[a-z][ \t]+K-\d")
_NUMBERED_SCHOOL_WORDS = word_set("ps ms is jhs k")
# The hint's branches but the last, and the grades of its last ("Lincoln K-8"), which code
# walks back from to the letter before the space (the engine would try every letter; it
# opens with one class: see echo.phi.text).
_SCHOOL_NUMBERED_QUICK = re.compile(r"[PMIK](?:(?<=[PMI])(?:S[ \t]*\d|\.S\.)|(?<=K)-\d)")


def _school_numbered_windows(doc: Document) -> list[tuple[int, int]]:
    """`doc.around(_SCHOOL_NUMBERED_HINT, 12, 30)`, the quick way."""
    text = doc.text
    candidates: list[int] = []
    for m in doc.fast(_SCHOOL_NUMBERED_QUICK).finditer(text):
        at = m.start()
        if text[at] != "K":
            candidates.append(at)
            continue
        letter = at - 1
        while letter >= 0 and text[letter] in " \t":
            letter -= 1
        if letter >= 0 and letter < at - 1:
            candidates.append(letter)
    return windows(
        starts_among(doc.fast(_SCHOOL_NUMBERED_HINT), text, candidates), len(text), 12, 30
    )


# "sophomore at OHS", "suspended from BMS", "15m at rhs": a school's three letters.
_SCHOOL_LETTERS = re.compile(
    # ("SENIOR AT EHS", "GR 8 NWMS", "17 yo F, senior, DCHS (plays")
    r"(?:\b(?:at|from|to|for|AT|FROM|TO|FOR)[ \t]+|\b(?i:gr|grade)[ \t]*\d{1,2}[ \t]+|,[ \t]*)"
    r"(?P<name>[A-Z]{1,2}(?:HS|MS|JHS)|[A-Z](?:HS|MS|ES)|[a-z](?:hs|ms))\b(?!-\d)"
)
# Letters that end like a school's ("-HS", "-MS") but name a service or a scale.
_NOT_SCHOOL_LETTERS = frozenset(
    {"EMS", "AIMS", "REMS", "DHS", "ODHS", "CMS", "HHS", "DMS", "PMS", "IMS", "LMS", "SMS", "OSMS"}
)
_MASCOT_WORDS = word_set(_MASCOTS.strip("(?:)").replace("|", " ").lower())
# "the Rexburg 14th Ward", "Twin Falls 3rd Ward": an LDS congregation.
_LDS_WARD = re.compile(r"\b(?:[A-Z][a-z]+[ \t]){1,3}\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Ward|Branch)\b")
# Words a shouted line puts before a school or a hospital that are not its name
# ("SUSPENDED FROM", "SEEN AT").
_SHOUTED_NOT = word_set(
    """suspended expelled attends attending goes went transferred enrolled moved kicked back
    new old public private charter local middle high elementary the his her at from to in
    seen admitted discharged sent taken brought called"""
)


def _before_level(named: list[str]) -> str:
    """The words of a shouted school's name before its level ("oak ridge" of "OAK RIDGE
    SCHOOL DISTRICT", "lake" of "LAKE HIGH SCHOOL")."""
    while named and named[-1] in ("school", "public", "high", "middle", "jr", "junior"):
        named = named[:-1]
    return " ".join(named)


def _short_forms(doc: Document) -> Iterator[Hit]:
    """Institutions as clinicians shorten or spell them (see the patterns above)."""
    yield from _facilities_shortened(doc)
    yield from _schools_by_grade_or_team(doc)
    yield from _schools_named_otherwise(doc)


def _facilities_shortened(doc: Document) -> Iterator[Hit]:
    short = any(doc.toks[i].text.endswith(("H", "MC", "HC")) for i in doc.capitals) or (
        doc.holds(_CAMPUS_HINT)
    )
    for m in (
        doc.fast(_FACILITY_SHORT).finditer(doc.text) if short or doc.lows & _SHORT_WORDS else ()
    ):
        group = next(g for g in "abcdef" if m.group(g))
        if group in "ab" and (m.group(group) in ACRONYMS or doc.mode_at(m.start()) == "upper"):
            continue  # in shouted notes every word is capitals
        if group in "cdf" and not doc.lows & _SHORT_WORDS:
            continue
        yield _facility(m.start(group), m.end(group))
    for m in doc.find_near(_TYPED_PRACTICE, _TYPED_PRACTICE_WORDS, 40, 30):
        words = m.group("name").split()
        if not (
            any(w in FUNCTION_WORDS or w in _NOT_ER_NAMES or w in MONTHS for w in words)
            or words[0] in GENERIC_PLACE_WORDS
        ):
            yield _facility(m.start("name"), m.end())
    for m in doc.find_near(_FACILITY_ABROAD, _FACILITY_ABROAD_WORDS, 5, 80):
        yield _facility(m.start(), m.start() + len(m.group().rstrip()))
    for m in doc.find_near(_IHS_UNIT, frozenset({"ihs"}), 30, 5):
        if m.group("name").split()[0].lower() not in FUNCTION_WORDS:
            yield _facility(m.start(), m.end())
    for m in doc.find_near(_NAMED_ER, _ER_WORDS, 25, 25):
        group = "a" if m.group("a") else "b"
        name = m.group(group).split()[0].lower()
        ordinary = name in FUNCTION_WORDS or name in MONTHS or name in _NOT_ER_NAMES
        if not ordinary and name not in not_names():
            yield _facility(m.start(group), m.end(group))


def _facility(start: int, end: int) -> Hit:
    return Hit(start, end, "facility", Priority.FACILITY, SUGGESTIONS["facility"])


def _school(start: int, end: int, suggestion: str = "[the child's school]") -> Hit:
    return Hit(start, end, "school", Priority.SCHOOL, suggestion)


# "suspended again from Sequoyah", "three suspensions from Whittier", "kicked out of Wagon
# Wheel Head Start": the school or daycare a child was put out of.
_PUT_OUT_OF = at_word_starts(
    re.compile(
        r"(?i:\b(?:suspended|suspensions?|expelled|expulsions?|kicked[ \t]+out|disenrolled|"
        r"dropped[ \t]+out)(?:[ \t]+(?:again|twice|\d[ \t]*x|\d+[ \t]+times))?"
        r"[ \t]+(?:from|of)[ \t]+)"
        r"(?P<name>(?-i:[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?(?:[ \t][A-Z][a-z'\u2019]+){0,3})"
        r"|(?-i:[a-z]{4,})(?=[ \t]*(?:[,.;]|$|[ \t](?:for|since|after|in|on|and|last|this)\b)))"
    )
)
_PUT_OUT_WORDS = word_set(
    "suspended suspension suspensions expelled expulsion expulsions kicked disenrolled dropped"
)
_NOT_PUT_OUT_OF = word_set(
    "snapchat instagram tiktok discord roblox facebook youtube twitter fortnite minecraft xbox"
)
# Kinds of program, no particular one: "kicked out of Head Start twice", "Mother's Day Out".
_PROGRAM_KINDS = frozenset(
    {"head start", "early head start", "mother's day out", "mothers day out", "pre-k", "pre k"}
)
# "Mobridge-Pollock football", "the Millbrook wrestling room", "Cosby cross country": a town's
# or a school's name before a school sport.
_TOWN_SPORT = re.compile(
    r"(?P<team>(?<![\w'\u2019-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t][A-Z][a-z]+){0,2})[ \t]+"
    r"(?:(?:JV|jv|varsity|travel|club)[ \t]+)?"
    r"(?:softball|baseball|soccer|football|basketball|hockey|volleyball|wrestling|cheer|"
    r"lacrosse|track|cross[ \t]+country|swim|swimming|tennis|golf)\b"
)
# "seen at the Lehman SBHC", "the Roosevelt-Jefferson Campus SBHC": the school a
# school-based health center is in.
_SCHOOL_OF_SBHC = re.compile(
    r"(?P<name>(?<![\w'\u2019-])[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t][A-Z][a-z]+){0,2})[ \t]+SBHC\b"
)
_TOWN_SPORT_WORDS = word_set(
    """softball baseball soccer football basketball hockey volleyball wrestling cheer lacrosse
    track cross swim swimming tennis golf"""
)


def _town_team(doc: Document, start: int, words: list[str]) -> bool:
    """Whether capitalised words before a sport name a town's or a school's team."""
    if any(w in FUNCTION_WORDS or w in MONTHS or w in not_names() or w in RELATIONS for w in words):
        return False
    name = " ".join(words)
    if name.replace(" ", "_") in US_STATE_NAMES or name in _BIG_LEAGUE_TOWNS or name in regions():
        return False
    if words[0] in US_STATE_NAMES or (starts_sentence(doc.text, start) and is_word(words[0])):
        return False
    # ("Red Cloud basketball": a listed town of words)
    return any(not is_word(w) or is_place_word(w) for w in words) or known_place(name)


def _schools_by_grade_or_team(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_PUT_OUT_OF, _PUT_OUT_WORDS, 2, 60):
        words = [fold(w) for w in re.split(r"[ \t]+", m.group("name"))]
        if (
            words[0] in FUNCTION_WORDS
            or words[0] in MONTHS
            or words[0] in RELATIONS
            or words[0] in _NOT_PUT_OUT_OF
            or words[-1] in FACILITY_SUFFIXES
            or " ".join(words).replace("\u2019", "'") in _PROGRAM_KINDS
        ):
            continue
        if len(words) == 1 and (
            words[0] in not_names()
            or (is_word(words[0]) and not is_place_word(words[0]) and words[0] not in surnames())
            or (
                m.group("name").islower()
                and not (is_place_word(words[0]) or words[0] in surnames())
            )
        ):
            continue
        yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_SCHOOL_OF_SBHC, word_set("sbhc"), 40, 6):
        words = [fold(w) for w in m.group("name").split()]
        if any(w in FUNCTION_WORDS or w in MONTHS or w in not_names() for w in words) or (
            starts_sentence(doc.text, m.start("name")) and is_word(words[0])
        ):
            continue  # "Our SBHC", "Monday SBHC hours"
        if all(is_word(w) and not is_place_word(w) and w not in surnames() for w in words):
            continue  # "the new SBHC"
        yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_TOWN_SPORT, _TOWN_SPORT_WORDS, 40, 14):
        words = [fold(w) for w in m.group("team").split()]
        if _town_team(doc, m.start("team"), words):
            yield _school(m.start("team"), m.end("team"), "[a local team or club]")
    for m in doc.find_near(_TEAM_AFTER_SPORT, _SPORT_WORDS, 5, 60):
        yield Hit(m.start("team"), m.end(), "school", Priority.TEAM_AFTER_CUE, "[a team]")
    found = [(m, "school") for m in doc.find_near(_GRADE_AT, _GRADE_WORDS, 15, 50)] + [
        (m, "team") for m in doc.find_near(_TEAM_BEFORE_SPORT, _SPORT_WORDS, 50, 20)
    ]
    found += [(m, "team") for m in doc.find_near(_TEAM_OF_TOWN, _SPORT_WORDS, 50, 14)]
    for m in doc.find_around(_SCHOOL_BEFORE_GRADE, _GRADE_AFTER_HINT, 40, 20):
        words = [fold(w.strip(".")) for w in m.group("school").split()]
        saint = words[0] in ("st", "saint")
        if m.group("school").endswith(("'s", "\u2019s")) and not saint:
            continue  # "Tristan's 4th grade teacher", "Mrs. Duvall's 4th grade class"
        if m.group("typed") and not known_place(m.group("typed")):
            continue  # "methylphenidate until 7th grade" (not "woodland hills 7th grade")
        if m.group("school").isupper() and (
            m.group("school") in ACRONYMS or m.group("school") in _NOT_SCHOOL_LETTERS
        ):
            continue  # "IEP 4th grade goals", "ADHD 3rd grade"
        if not saint and (
            words[-1] in _SUBJECTS_BEFORE_GRADE
            or words[0] in ("i'm", "im")
            or words[0] in FUNCTION_WORDS
            or words[0] in not_names()
            or words[0] in MONTHS
            or words[0] in regions()
            or words[0] in first_names()  # "Mason 8th grade": the child, not the school
            or (is_word(words[0]) and not known_place(" ".join(words)))
        ):
            continue
        yield _school(m.start("school"), m.end("school"))
    for m in doc.find_near(_DAYCARE_THEN_NAME, _DAYCARE_THEN_NAME_WORDS, 2, 40):
        words = [fold(w) for w in m.group("name").split()]
        if not (
            words[0] in FUNCTION_WORDS
            or words[0] in MONTHS
            or words[0] in not_names()
            or words[0] in _NOT_A_SCHOOLS_NAME
            or (len(words) == 1 and is_word(words[0]))
            or words[-1] in _INSTRUMENT_WORDS  # "preschool Anxiety Scale"
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_CLUB_BRACKETED, _CLUB_BRACKET_WORDS, 2, 50):
        words = m.group("name").split()
        first = fold(words[0].rstrip("."))
        if (
            m.group("name") in ACRONYMS
            or first in FUNCTION_WORDS
            or first in not_names()
            or first in _CLUB_PARTICLES_NOT_NAMES
            # every word capitalised but its particles ("Hui Wa'a o Moloka'i")
            or any(w[0].islower() and w not in _CLUB_PARTICLES for w in words)
        ):
            continue
        if len(words) > 1 or not is_word(first):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_CLUB_NAMED, _CLUB_WORDS, 2, 40):
        first = fold(m.group("name").split()[0])
        if not (
            is_word(first) or first in not_names() or first in MONTHS or first in FUNCTION_WORDS
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_KINDER_NAMED, _KINDER_WORDS, 2, 40):
        words = [fold(w) for w in m.group("name").split()]
        if not (words[-1] in not_names() or all(is_word(w) for w in words)):
            yield _school(m.start(), m.end())
    for m in doc.find_near(_SCHOOL_IS_NAMED, word_set("school"), 2, 50):
        words = [fold(w) for w in m.group("name").split()]
        if (
            words[0] in FUNCTION_WORDS
            or words[0] in MONTHS
            or words[0] in not_names()
            or (len(words) == 1 and is_word(words[0]) and words[0] not in _COMPASS_WORDS)
        ):
            continue  # "School is Monday", "school is Important"
        yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_NAME_BEFORE_STAFF, _STAFF_AFTER_WORDS, 30, 16):
        words = [fold(w) for w in m.group("school").split()]
        first = words[0]
        if (
            first in FUNCTION_WORDS
            or first in _NOT_A_SCHOOLS_NAME
            or first in _NOT_STAFF_KINDS
            or first in not_names()
            or first in MONTHS
            or first in regions()
            or first in first_names()
            or (starts_sentence(doc.text, m.start("school")) and is_word(first))
        ):
            continue
        if is_word(first) and not (
            first in _COMPASS_WORDS or known_place(" ".join(words)) or first in surnames()
        ):
            continue
        yield _school(m.start("school"), m.end("school"))
    for m in doc.find_around(_SHAPED_SCHOOL, _SHAPED_SCHOOL_HINT, 20, 30):
        if _about_school(doc.text, m.start("school"), m.end("school")):
            yield _school(m.start("school"), m.end("school"))
    for m in doc.find_near(_TYPED_LEARNING_CENTER, word_set("learning"), 40, 12):
        if m.group("name").split()[0] not in FUNCTION_WORDS:
            yield _school(m.start("name"), m.end("name"))
    for m, group in found:
        words = m.group(group).split()
        start = m.start(group)
        if (
            len(words) > 1
            and words[0].lower() in ("the", "a", "our", "his", "her")
            and re.search(r"(?i)\b(?:jv|varsity|travel|club|rec)\s", m.group())
        ):
            start += len(words[0]) + 1  # "The Lady Tigers JV volleyball coach"
            words = words[1:]
        first = words[0].lower()
        if not (
            first in FUNCTION_WORDS
            or first in not_names()
            or first in MONTHS
            or first in regions()
            or m.group(group) in ACRONYMS
            # "Plays travel volleyball, setter": a verb opening the sentence, not a team
            or (len(words) == 1 and is_word(first) and starts_sentence(doc.text, start))
        ):
            yield _school(start, m.end(group))


def _schools_named_otherwise(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for words, rx in ((_CHAIN_WORDS, _DAYCARE_CHAINS), (_ABROAD_WORDS, _NAMED_ABROAD)):
        for m in doc.find_near(rx, words, 20, 60):
            name = m.group().rstrip()
            head, joined, town = name.rpartition(" de ")
            if joined and known_place(town):
                name = head  # "Église Évangélique de Kennewick": the town is said apart
            yield _school(m.start(), m.start() + len(name))
    for m in doc.fast(_CAREER_SCHOOL).finditer(text) if "career" in doc.lows else ():
        yield _school(m.start(), m.end())
    for rx in (_SCHOOL_SHORT, _SCHOOL_SHORT_TYPED):
        for m in doc.find_near(rx, _SCHOOL_SHORT_WORDS, 40, 14):
            first = m.group("name").split()[0].lower()
            if first not in FUNCTION_WORDS and first not in _NOT_A_SCHOOLS_NAME:
                yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_LANDFORM_SCHOOL, _LANDFORM_LEVELS, 40, 12):
        word, name = m.group("word"), m.group("name")
        one_case = name.islower() or name.isupper() or all(w[0].isupper() for w in name.split()[:2])
        low = word.lower()
        if one_case and not (
            low in FUNCTION_WORDS or low in _NOT_A_SCHOOLS_NAME or low in _NOT_A_LANDFORMS_NAME
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_ELEM_TYPED, word_set("elem"), 40, 6):
        start, parts = m.start("name"), m.group("name").split()
        while parts[0] in FUNCTION_WORDS or parts[0] in _NOT_A_SCHOOLS_NAME:
            start += len(parts[0]) + 1  # "the district's new elem": no name
            parts = parts[1:]
        if len(parts) > 1:
            yield _school(start, m.end("name"))
    for m in doc.find_near(_CONGREGATION, _CONGREGATION_WORDS, 25, 15):
        if m.group("first").lower() in _DENOMINATION_WORDS:
            continue  # "a Southern Baptist", "Old Order Mennonite": the denomination
        # "Cimarron First Mennonite", but "Free Will Baptist" from "Will"
        leading = m.group().split()[0].lower()
        start = m.start("first") if leading in _DENOMINATION_WORDS else m.start()
        yield _school(start, m.end(), "[a place of worship]")
    school_is = doc.find_near(_SCHOOL_IS, word_set("school daycare preschool"), 2, 80)
    goes_to = doc.find_near(_GOES_TO_SCHOOL, _GOES_WORDS, 2, 90)
    for m in doc.find_near(_SCHOOL_IN_PARENS, _IN_PARENS_WORDS, 2, 60):
        if m.group("typed"):
            typed = m.group("typed").split()
            if len(typed) > 1 and typed[-1] in ("middle", "high", "elem", "elementary"):
                typed = typed[:-1]  # "the school (jfk middle)": the name before its level
            if not any(w in FUNCTION_WORDS or w in _NOT_A_SCHOOLS_NAME for w in typed) and any(
                not is_word(w) or is_place_word(w) for w in typed
            ):
                yield _school(m.start("typed"), m.end("typed"))
            continue
        parts = [w for w in m.group("name").lower().split() if w != "of"]
        if m.group("name").split()[-1] in ("high", "middle", "elem", "elementary"):
            parts = parts[:-1] or parts  # "Ozark Mtn high": the name before its level
        if not any(w in FUNCTION_WORDS or w in _NOT_A_SCHOOLS_NAME for w in parts) and not (
            parts[0] in GENERIC_PLACE_WORDS
            or m.group("name") in ACRONYMS
            or (m.group("name").isupper() and len(m.group("name")) <= 5)  # "Family Team (CFT)"
            or fold(m.group("name")) in not_names()  # "Fort Redmond Middle School (DoDEA)"
            or parts[-1] in _PROGRAM_WORDS  # "at school (Hope Squad)": a program
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_SCHOOL_BY_ROLE, _SCHOOL_BY_ROLE_WORDS, 8, 60):
        name = m.group("name")
        folded = [fold(w) for w in name.split()]
        if (
            len(folded[0]) < 3  # "grades are back to B's and C's"
            or folded[0] in FUNCTION_WORDS
            or folded[0] in _NOT_A_SCHOOLS_NAME
            or any(w in GENERIC_PLACE_WORDS or w in MONTHS for w in folded)
            or (
                known_place(" ".join(folded))
                # "Meg the school nurse at Fairview": a town's name is the school's here, and a
                # team's ("the team at Mullen")
                and not re.search(r"(?i)\bschool[ \t]+$", text[max(0, m.start() - 8) : m.start()])
                and fold(m.group().split()[0]) not in _PLACE_BY_ROLE_ANYWHERE
            )
            or " ".join(folded) in regions()
            or name in ACRONYMS
            or folded[0] in not_names()
        ):
            continue
        role = fold(m.group().split()[0])
        plain = len(folded) == 1 and (is_word(folded[0]) or folded[0] in first_names())
        if (
            (plain or role in _STAFF_ANYWHERE)
            and role not in _PLACE_BY_ROLE_ANYWHERE
            and not _about_school(text, m.start(), m.end())
        ):
            continue  # "nurse at Mercy", "teacher at Grace": a school only when school is said
        yield _school(m.start("name"), m.end("name"))
    letters = frozenset(
        w for w in doc.lows if 3 <= len(w) <= 5 and w.endswith(("hs", "ms", "es")) and w.isalpha()
    )
    for m in doc.find_near(_SCHOOL_LETTERS, letters, 8, 6) if letters else ():
        name = m.group("name")
        if (
            name.upper() not in ACRONYMS
            and name.upper() not in _NOT_SCHOOL_LETTERS
            # "TO YES/NO QUESTIONS": in shouted notes the letters may be a word
            and not (doc.mode_at(m.start("name")) == "upper" and is_word(name.lower()))
        ):
            yield _school(m.start("name"), m.end("name"))
    numbered = doc.lows & _NUMBERED_SCHOOL_WORDS or ".S." in text
    spans = _school_numbered_windows(doc) if numbered else []
    for m in find_in(doc.fast(_SCHOOL_NUMBERED), text, spans):
        group = next(g for g in ("name", "attended", "grades") if m.group(g))
        if group != "grades" or m.group(group).split()[0].lower() not in FUNCTION_WORDS:
            yield _school(m.start(group), m.end(group))
    for m in doc.find_near(_TEAM_BY_MASCOT, _MASCOT_WORDS, 40, 30):
        group = next(g for g in ("name", "the", "named") if m.group(g))
        town = " ".join(m.group(group).split()[:-1]).lower()
        if group == "the" and (town in _BIG_LEAGUE_TOWNS or town in US_STATE_NAMES):
            continue  # "the Golden State Warriors", "the Atlanta Braves": a professional team
        leading = m.group(group).split()[0]
        if leading.lower() in FUNCTION_WORDS or leading == "The":
            continue
        yield _school(m.start(group), m.end(group), "[a local team]")
    for m in doc.find_near(_TEAM_BY_MASCOT_TYPED, _MASCOT_WORDS, 40, 40):
        if m.group("name"):
            yield _school(m.start("name"), m.end("name"), "[a local team]")
        elif m.group("the") or m.group("staff")[0].isupper():
            yield _school(m.start("staff"), m.end("staff"), "[a local team]")  # ("bears meet")
    for m in doc.find_near(_LDS_WARD, word_set("ward branch"), 40, 8):
        yield _school(m.start(), m.end(), "[a place of worship]")
    shouted = any(word in text for word in ("SCHOOL", "ELEM", "MIDDLE", "HIGH"))
    for m in doc.fast(_SHOUTED_SCHOOL).finditer(text) if shouted else ():
        group = "name" if m.group("name") else "place"
        parts = m.group(group).split()
        # the name starts after the last function word: "BATHROOM AT SWAINSBORO ELEMENTARY"
        cut = [k for k, w in enumerate(parts) if w.lower() in FUNCTION_WORDS]
        parts = parts[cut[-1] + 1 :] if cut else parts
        while parts and parts[0].lower() in _SHOUTED_NOT:
            parts = parts[1:]
        named = [w.lower() for w in parts[:-1] if w.isalpha()]
        if (
            len(parts) > 1
            and len(named) == len(parts) - 1
            and not any(w in FUNCTION_WORDS for w in named)
            # "SEBEC LAKE", not "NURSING"; a town's school ("OAK RIDGE SCHOOL DISTRICT"); a
            # district unified under a name ("DESERT WILLOW UNIFIED SCHOOL DISTRICT")
            and (
                any(not is_word(w) for w in named)
                or known_place(_before_level(named))
                or (len(named) > 2 and named[-2] in _UNITED_DISTRICT_WORDS)
            )
        ):
            end = m.end(group)
            yield _school(end - len(" ".join(parts)), end)
    for m in doc.fast(_SHOUTED_HOSPITAL).finditer(text) if "HOSPITAL" in text else ():
        parts = m.group("name").split()
        cut = [k for k, w in enumerate(parts) if w.lower() in FUNCTION_WORDS]
        parts = parts[cut[-1] + 1 :] if cut else parts
        while parts and parts[0].lower() in _SHOUTED_NOT:
            parts = parts[1:]
        if len(parts) > len(m.group("kind").split()):  # a name before "MEMORIAL HOSPITAL"
            end = m.end("name")
            yield _facility(end - len(" ".join(parts)), end)
    for m in chain(school_is, goes_to):
        first = m.group("name").split()[0].lower()
        if first not in _NOT_A_SCHOOLS_NAME:
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_TOWN_SCHOOL, word_set("north south east west central"), 40, 12):
        town_words = [fold(w) for w in m.group("town").split()]
        # a listed town, or a word no dictionary has before "Central" ("failing at Letcher
        # Central", "counselor at Knott Central")
        central = m.group("name").endswith("Central") and not any(
            is_word(w) or w in FUNCTION_WORDS or w in not_names() for w in town_words
        )
        if known_place(m.group("town")) or central:
            yield _school(m.start("name"), m.end("name"))
    fields = word_set("school daycare preschool care escuela guarderia guardería")
    field_marks = ":" in text or "=" in text or " -" in text
    for m in doc.find_near(_SCHOOL_FIELD, fields, 2, 50) if field_marks else ():
        parts = m.group("name").split()
        if text[m.end("name") : m.end("name") + 1] == ":" and len(parts) > 1:
            parts.pop()  # "School: Pinkerton Reason: ...": the next field's label
        for k, part in enumerate(parts[:-1]):
            if part.endswith(".") and len(part) > 4 and part[1:-1].islower():
                parts = parts[: k + 1]  # "School: Central High. Question is": the sentence ends
                parts[-1] = parts[-1].rstrip(".")
                break
        if len(parts[-1]) > 4 and parts[-1].endswith("."):
            parts[-1] = parts[-1][:-1]  # "School: St. Francis Indian School. Referred": its end
        start = m.start("name")
        # "School: Attends Oak Hill", "School: At Lakeside": the name after its verb
        while len(parts) > 1 and parts[0].lower() in ("attends", "attending", "at", "in"):
            start += len(parts[0]) + 1
            parts = parts[1:]
        cued = start != m.start("name")
        first = fold(parts[0].strip(".'\u2019"))
        # "School: Teacher very supportive", "School: IEP under OHI": the field's text, not a
        # name, when it opens with a word or an acronym (and no school word follows)
        worded = (is_word(first) or parts[0] in ACRONYMS or first in FUNCTION_WORDS) and not any(
            fold(p) in SCHOOL_SUFFIXES for p in parts[1:]
        )
        if worded and len(parts) > 1 and first in _SIDES and parts[1][:1].isupper():
            worded = False  # "School: Western International": a side of town names one
        if worded and any(_coined(part) for part in parts[1:]):
            worded = False  # "school: Mountain Iron-Buhl": a word before a name no word
        if (
            worded
            and len(parts) == 2
            and parts[1][:1].isupper()
            and _LANDFORM.fullmatch(fold(parts[1]))
        ):
            worded = False  # "School: Cedar Bluff": a place's name from the land
        if worded and len(parts) == 1 and _PLACE_SHAPED.search(first) and known_place(parts[0]):
            worded = False  # "school: Riverside": a place's name alone is the school's
        if first not in not_names() and (cued or not worded):
            name = " ".join(parts)
            yield _school(start, start + len(name))
    for m in doc.find_near(
        _TYPED_SCHOOL, word_set("ms hs es elem elementary middle high y ymca"), 40, 6
    ):
        first, second = m.group("first"), m.group("second")
        level = m.group("name").split()[-1]
        if (
            first in FUNCTION_WORDS
            or first in GENERIC_PLACE_WORDS
            or first in _GRADE_WORDS
            or first in _STAGE_WORDS  # "attends public elementary"
        ):
            continue
        after_school = m.group().lower().startswith("school")
        if second is not None and (
            second in FUNCTION_WORDS
            or second in _GRADE_WORDS
            or (
                is_word(first)
                and is_word(second)
                and not known_place(f"{first} {second}")
                and not after_school  # "our school sunset ridge ms"
            )
        ):
            continue  # "at school every middle", "to their old middle": no name
        if (
            second is None
            and level in ("high", "middle")
            and is_word(first)
            and not known_place(first)
            and first not in _COMPASS_WORDS
        ):
            continue  # "at clinical high risk": a phrase, not a school
        if after_school and level not in ("ms", "hs", "es", "elem"):
            continue  # "school avoidance subscales high": after "school" only a level's letters
        yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_AT_SCHOOL, word_set("high middle elementary"), 40, 8):
        if m.group("name").split()[0].lower() not in FUNCTION_WORDS:
            yield _school(m.start("name"), m.end("name"))
    league_shapes = chain(
        doc.find_near(_LITTLE_LEAGUE, _LEAGUE_WORDS, 60, 40),
        doc.find_around(_AT_SHORT_SCHOOL, _SHORT_SCHOOL_HINT, 8, 24),
    )
    for m in league_shapes:
        first = m.group().split()[0]
        if first.lower() in FUNCTION_WORDS or first in ("DHHS", "EOHHS", "OHHS", "CHHS"):
            continue  # "The 4-H and FFA leaders", "the DHHS office"
        if m.group().endswith(("FFA", "4-H")) and is_word(first.lower()) and not known_place(first):
            continue  # "Strong 4-H involvement", "a Local 4-H club"
        end = m.end()
        head, on, street = m.group().rpartition(" on ")
        street = fold(street.split()[0]) if on else ""
        if street in MONTHS or street in FUNCTION_WORDS or street in not_names():
            if head in ("YMCA", "YWCA"):
                continue  # "the YMCA on Monday": a day, not its street
            end = m.start() + len(head)
        yield _school(m.start(), end, "[a local team]")
    for m in doc.find_near(_TYPED_CONGREGATION, _CONGREGATION_WORDS | _FAITH_WORDS, 40, 20):
        first = m.group("first")
        if first not in FUNCTION_WORDS and first not in _DENOMINATION_WORDS:
            yield _school(m.start("name"), m.end("name"), "[a place of worship or its school]")
    for m in doc.find_near(_SCHOOL_AFTER_KNOWN, _SCHOOL_AFTER_KNOWN_WORDS, 40, 20):
        yield _school(m.start(), m.end())


# "IOP at Brightpath", "follow-up at CentraCare", "her OB at Franciscan": a care setting,
# then one or two capitalised words that are no English word, place or person's name.
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_CARE_AT = at_word_starts(
    re.compile(
        r"(?i:\b(?:iop|php|ob|pcp|therapy|therapist|counseling|counselor|follow[- ]?up|f/u|seen|"
        r"admitted|admission|inpatient|outpatient|residential|psychiatry|psychiatrist|appointment|"
        r"appt|intake|eval(?:uation)?|referred|referral|rehab|detox|waitlist(?:ed)?|transferred|"
        r"placement|stay|bed|program)\s+(?:[a-z-]+\s+){0,2}?(?:at|to|with|from)\s+)"
        r"(?!(?:Dr|Drs|Mr|Mrs|Ms|Mx|Miss|St|Saint|Mt|Ft)\b)(?P<name>[A-Z][a-z]+(?:[A-Z][a-z]+)?)"
        r"(?![\w'\u2019-])"
    )
)
_CARE_AT_WORDS = word_set(
    """iop php ob pcp therapy therapist counseling counselor follow-up follow f u seen admitted
    admission inpatient outpatient residential psychiatry psychiatrist appointment appt intake
    eval evaluation referred referral rehab detox waitlist waitlisted transferred placement
    stay bed program"""
)
# "Children's Nebraska", "Children's of Alabama": a children's hospital by its state.
_CHILDRENS_OF_STATE = re.compile(
    r"\bChildren['\u2019]s\s+(?:of\s+)?(?P<state>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\b"
)


# "attends Erasmus Hall", "goes to lincoln, 4th gr": where a child goes, by its name alone.
_ATTENDS = re.compile(
    r"(?i:\b(?:attends|attending|goes\s+to|transferred\s+(?:to|from)|enrolled\s+(?:at|in))\s+)"
    r"(?:(?P<name>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+){0,2})(?![\w'\u2019-])"
    r"|(?P<typed>[a-z]+(?:[ \t][a-z]+)?)"
    r"(?=,?[ \t]+(?:\d{1,2}(?:st|nd|rd|th)|k)[ \t]*(?:gr\b|grade)))"
)
# "Little Sprouts", "little acorns", "Kidz Korner": a daycare's name by its shape.
_DAYCARE_NAME = re.compile(
    r"(?i)\blittle[ \t]+(?:sprouts|acorns|lambs|learners|explorers|angels|blessings|stars|"
    r"scholars|hands|feet|steps|treasures|friends|seeds|blossoms|buddies|bees|bears|"
    r"ducklings|wonders|miracles|saints|sunshine|peoples?)\b"
    r"|\bkid(?:z|s|die)[ \t]+(?:korner|corner|kare|kingdom|world|zone|place|academy|club|cove|"
    r"kastle|castle|land|kampus|campus|college|town)\b"
    # "daycare (tiny tots)", "bright beginnings, then wee care" (not "tiny steps" of progress,
    # "the wee ones", the "tender years" or the AAP's Bright Futures)
    r"|\btiny[ \t]+(?:tots|treasures|hearts|blessings|explorers)\b|\bwee[ \t]+care\b"
    r"|\bbright[ \t]+beginnings\b|\btender[ \t]+hearts\b"
)
_EXPLAINING_WORDS = word_set("school academy daycare preschool")
_DAYCARE_NAME_WORDS = word_set("little kidz kids kiddie tiny wee bright tender")
# What kind of place follows the name: part of it ("tiny tots daycare").
_DAYCARE_KIND = re.compile(
    r"(?i)[ \t]+(?:daycare|day[ \t]care|preschool|pre-?k|learning[ \t]+cent(?:er|re)|"
    r"child[ \t]+development[ \t]+cent(?:er|re)|family[ \t]+cent(?:er|re)|early[ \t]+intervention|"
    r"academy|cdc)\b"
)
# "now at PS 26, 3rd grade", "from IS 318": New York City's numbered schools, where the
# school is spoken of ("weaned to PS 15/5" is a ventilator's pressure support).
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_NUMBERED_SCHOOL = at_word_starts(
    re.compile(
        r"(?i:\b(?:at|to|in|en|from|attends)[ \t]+)"
        r"(?P<name>(?:P\.?S\.?|I\.?S\.?|J\.?H\.?S\.?)[ \t]?\d{1,3})(?![\w./])"
        r"(?=[^\n]{0,40}?(?i:\b(?:grade|grado|gr|school|escuela|class|teacher|maestr[ao]|"
        r"kindergarten|kinder)\b))"
    )
)
# "on the Wildcats (JV football)", "the Eastside Eagles 12U": a team its level or sport marks.
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_TEAM_MARKED = at_word_starts(
    re.compile(
        r"\b(?:on|for|with|joined|made)[ \t]+the[ \t]+"
        r"(?P<team>(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?[ \t])?[A-Z][a-z]+s)\b"
        r"(?=[ \t]*\(?(?:JV|jv|varsity|travel|club|rec|[6-9]U|1\dU|(?:[a-z]+[ \t])?"
        r"(?:football|soccer|baseball|basketball|softball|volleyball|hockey|wrestling|cheer|"
        r"lacrosse|swim)))"
        # "varsity soccer at Westlake (the Warriors)"
        r"|(?<=\()the[ \t]+(?P<mascot>[A-Z][a-z]+s)(?=\))"
    )
)
# "her soccer team, the Strikers, won state", "his club (the Red Wolves)": a team named in
# apposition after the word.
_TEAM_IN_APPOSITION = re.compile(
    r"\b(?:team|squad|club)(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*)(?:the[ \t]+)?"
    r"(?P<team>(?:[A-Z][a-z]+[ \t])?[A-Z][a-z]+s)(?=[ \t]*[,)])"
)
# "at Crossroads (alternative school)", "Little Oaks (a Montessori preschool)": a name the
# text explains as a school in brackets.
_EXPLAINED_AS_SCHOOL = re.compile(
    r"\b(?P<name>[A-Z][\w'\u2019.-]*(?:[ \t][A-Z][\w'\u2019.-]*){0,3})[ \t]*\([ \t]*"
    r"(?:(?:an?|the|her|his)[ \t]+)?(?P<what>[A-Za-z-]+[ \t]+){1,2}(?:school|academy|daycare|"
    r"preschool)"
    r"[ \t]*\)"
)
# "Madera Unified", "Killeen ISD", "Hancock County Schools": a school district.
_DISTRICT = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+[ \t]){1,3}(?:Unified(?:[ \t]School[ \t]District)?|ISD|USD|CISD|CSD|"
    r"Sch(?:ool|\.)[ \t]District|Public[ \t]Schools|County[ \t]Schools|City[ \t]Schools))\b"
    r"|(?i:\b(?P<typed>[a-z]+[ \t]+county[ \t]+(?:public[ \t]+)?schools))\b"
)
_DISTRICT_WORDS = word_set("unified isd usd cisd csd district schools")
_UNITED_DISTRICT_WORDS = word_set("unified independent consolidated")
# "quit the Knott Central team", "cut from the Knott County Central baseball team": a school
# named by its town and "Central" (or a direction), before its team.
_SCHOOL_TEAM = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+[ \t]){1,2}(?:Central|North|South|East|West|High|Middle))"
    r"(?=[ \t]+(?:(?:JV|varsity|girls'?|boys'?)[ \t]+)?(?:baseball|softball|soccer|football|"
    r"basketball|hockey|volleyball|wrestling|cheer|lacrosse|track|swim|golf|tennis|band|"
    r"choir)?[ \t]*(?:team|squad|roster)\b)"
)
_SPORT_BEFORE = re.compile(
    r"(?i)\b(?:varsity|jv|team|plays|football|soccer|baseball|basketball|softball|volleyball|"
    r"hockey|wrestling|cheer|lacrosse|swim(?:ming)?|track)\b"
)
_SCHOOL_SHAPE_WORDS = word_set("attends attending goes transferred enrolled")
# "transferred from Jefferson to Roosevelt": the school left, then the new one.
_TRANSFERRED_TO = re.compile(r"[ \t]+to[ \t]+(?P<name>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b")
_UNIT_AFTER = re.compile(r"[ \t]+(?:MICU|PICU|NICU|SICU|CCU|ICU|[Uu]nit|[Ff]loor|[Ww]ard)\b")
# Places a child goes that are words and surnames too: not schools after "goes to".
_GOES_TO_PLACES = word_set(
    """court church mass bed camp class practice therapy group summer college prison jail work
    home school chapel temple walmart target costco"""
)


def _surname_or_town(first: str) -> bool:
    """ "Goes to Harding", "Attends Pioneer": a word that is also a surname or a town."""
    return first not in first_names() and (first in surnames() or known_place(first))


def _schools_by_shape(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_ATTENDS, _SCHOOL_SHAPE_WORDS, 2, 60):
        group = "name" if m.group("name") else "typed"
        first = fold(m.group(group).split()[0])
        single = group == "name" and " " not in m.group(group)
        if group == "name" and (
            (is_word(first) and not (single and _surname_or_town(first)))
            or first in MONTHS
            or first in not_names()
            or first in regions()
            or first in _GOES_TO_PLACES
        ):
            continue  # "attends Sunday school", "attends Alateen", "goes to Court"
        then = _TRANSFERRED_TO.match(doc.text, m.end())
        moved = m.group().lower().startswith("transferred")
        # "transferred from Jefferson to Roosevelt": one school left for another
        from_to = bool(moved and then and single and " " not in then.group("name"))
        if (
            group == "name"
            and ((single and (is_word(first) or known_place(first))) or moved)
            and not from_to
            and not _about_school(doc.text, m.start(group), m.end(group))
        ):
            if moved and _UNIT_AFTER.match(doc.text, m.end()):
                yield _facility(m.start(group), m.end(group))  # "transferred to Lally MICU"
            continue  # "goes to Anchorage", "transferred to Pine Ridge Behavioral"
        if first in FUNCTION_WORDS or first in ("school", "class", "daycare", "preschool"):
            continue
        if group == "typed" and first in _NOT_A_SCHOOLS_NAME:
            continue  # "Attends public elementary, 3rd grade": which kind, not which school
        yield _school(m.start(group), m.end(group))
        if then and from_to:
            yield _school(then.start("name"), then.end("name"))
    for m in doc.find_near(_SCHOOL_TEAM, word_set("team squad roster"), 60, 8):
        town = [fold(w) for w in m.group("name").split()[:-1]]
        if town[0] not in FUNCTION_WORDS and (
            known_place(" ".join(town)) or not all(is_word(w) for w in town)
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_DISTRICT, _DISTRICT_WORDS, 60, 10):
        group = "name" if m.group("name") else "typed"
        first = fold(m.group(group).split()[0])
        if first not in FUNCTION_WORDS and first not in not_names() and first not in ("our", "the"):
            yield _school(m.start(group), m.end(group), "[the school district]")
    for m in doc.find_near(_EXPLAINED_AS_SCHOOL, _EXPLAINING_WORDS, 70, 14):
        first = fold(m.group("name").split()[0])
        what = m.group("what").split()[0].lower()
        if (
            first not in FUNCTION_WORDS
            and first not in not_names()
            and m.group("name") not in ACRONYMS
            and what not in FUNCTION_WORDS  # "ADHD (per school)", "Reporter (at school)"
        ):
            yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_TEAM_IN_APPOSITION, word_set("team squad club"), 2, 40):
        lows = [fold(w) for w in m.group("team").split()]
        if not any(low in not_names() or low[:-1] in RELATIONS or low in RELATIONS for low in lows):
            yield _school(m.start("team"), m.end("team"), "[a local team]")
    for m in doc.find_near(_DAYCARE_NAME, _DAYCARE_NAME_WORDS, 2, 30):
        kind_of_place = _DAYCARE_KIND.match(doc.text, m.end())
        if kind_of_place is None:
            yield _school(m.start(), m.end())
        else:
            yield _school(m.start(), kind_of_place.end(), "[the child's daycare]")
    for m in doc.find_near(_NUMBERED_SCHOOL, word_set("ps is jhs"), 20, 60):
        yield _school(m.start("name"), m.end("name"))
    for m in doc.find_near(_TEAM_MARKED, word_set("the"), 12, 40):
        group = "team" if m.group("team") else "mascot"
        if group == "mascot" and not _SPORT_BEFORE.search(
            doc.text, max(0, m.start() - 60), m.start()
        ):
            continue  # "(the Lindgrens)": a family, unless a sport was just named
        if fold(m.group(group).split()[0]) not in not_names():
            yield _school(m.start(group), m.end(group), "[a team]")


def _care_settings(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for m in doc.find_near(_CARE_AT, _CARE_AT_WORDS, 2, 60):
        low = fold(m.group("name"))
        if not (
            is_word(low)
            or is_place_word(low)
            or low in first_names()
            or low in surnames()
            or low in not_names()
            or low in MONTHS
            or doc.mode_at(m.start("name")) == "upper"
        ):
            yield _facility(m.start("name"), m.end("name"))
    for m in doc.fast(_CHILDRENS_OF_STATE).finditer(text) if "children" in doc.lows else ():
        if m.group("state").lower().replace(" ", "_") in US_STATE_NAMES:
            yield _facility(m.start(), m.end())


def _known_institutions(doc: Document) -> Iterator[Hit]:
    text = doc.text
    yield from _care_settings(doc)
    yield from _schools_by_shape(doc)
    for m in doc.find_near(_CENTER_AFTER_CUE, _CENTER_WORDS, 60, 60):
        if doc.mode_at(m.start("name")) != "upper":  # in shouted notes every word is capitals
            yield Hit(
                m.start("name"),
                m.end("name"),
                "facility",
                Priority.FACILITY,
                SUGGESTIONS["facility"],
            )
    for m in (
        doc.fast(_CHILDRENS_HOSPITALS).finditer(text)
        if doc.lows & _CHILDRENS_HOSPITAL_WORDS
        else ()
    ):
        yield Hit(m.start(), m.end(), "facility", Priority.FACILITY, "[a hospital]")
    for m in doc.fast(_KNOWN_FACILITIES).finditer(text) if doc.lows & _KNOWN_FACILITY_WORDS else ():
        if m.group().lower().startswith("our lady") and _SCHOOL_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            yield _school(m.start(), m.end(), "[a school or church]")  # "Attends Our Lady of Peace"
            continue
        # "Sacred Heart" alone names a parish as often as a hospital: read as a saint's name
        alone = m.group().lower().split()[0] in ("holy", "sacred") and len(m.group().split()) == 2
        priority = Priority.SAINT if alone else Priority.FACILITY
        yield Hit(m.start(), m.end(), "facility", priority, SUGGESTIONS["facility"])
    for m in doc.find_near(_DEVOTION, _DEVOTION_WORDS, 12, 40):
        if m.group("group"):  # "Holy Family youth group": the parish or its school
            yield _school(m.start("group"), m.end("group"), "[a school or church]")
            continue
        yield Hit(
            m.start("name"), m.end("name"), "facility", Priority.SAINT, SUGGESTIONS["facility"]
        )
    for m in doc.fast(_SAINT).finditer(text) if doc.lows & {"st", "saint"} else ():
        name = m.group("name") or m.group("typed")
        if known_place(m.group().replace("Saint", "St.")) or name.lower() in not_names():
            continue
        if _STREET_BEFORE_ST.search(text, max(0, m.start() - 16), m.start()):
            continue  # "on N 5th St. Isaiah's older brother": a street's end, then a sentence
        typed_plain = m.group("typed") and not m.group().endswith(("'s", "\u2019s"))
        if typed_plain and name[:-1] not in first_names():
            continue  # "st lukes": a given name and an s, typed without the apostrophe
        school_context = doc.fast(_SCHOOL_BEFORE).search(
            text, max(0, m.start() - 40), m.start()
        ) or _CHURCH_OR_SCHOOL_AFTER.match(text, m.end())
        if m.group("name") and school_context:
            # "classmates at St. Bernadette": a saint's name where a school is spoken of
            yield _school(m.start(), m.end(), "[a school or church]")
        elif m.group("typed") and not _HOSPITAL_BEFORE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            # "went to st mary's til 5th": typed without a hospital's context, a school or a
            # church, which locates the child (blocks)
            yield _school(m.start(), m.end(), "[a school or church]")
        else:
            yield Hit(m.start(), m.end(), "facility", Priority.SAINT, SUGGESTIONS["facility"])


def _is_namey(t: Tok) -> bool:
    """A word that can only be a proper name here: a name, a place or not an English word."""
    if t.low in GENERIC_PLACE_WORDS or t.low in FUNCTION_WORDS or t.low in not_names():
        return False
    listed = t.low in first_names() or t.low in surnames() or is_place_word(t.low)
    if t.mode != "mixed":
        return listed and not is_word(t.low)
    return listed or not is_word(t.low)


def _named_institutions(doc: Document) -> Iterator[Hit]:
    """A suffix word and the name before it; "of" and a place, or more suffix words, after."""
    toks = doc.toks
    for i in doc.places_of(_SUFFIX_WORDS):
        t = toks[i]
        suffix = _suffix_at(doc, i)
        if suffix is None:
            continue
        j, namey = _walk_back(doc, i, suffix)
        start = toks[j].start
        end = t.end + (2 if t.possessive else 0)
        last, names_place = _of_place(doc, i)
        if last is not None:
            end = last.end
        end = _trailing_suffixes(doc, i, end, suffix.kind)
        if not (namey or names_place) or start == t.start:
            continue
        if suffix.low == "learning" and j >= i - 1:
            continue  # "Early Learning" alone: a program's kind, no name before it
        if toks[j].low in ("american", "national") and suffix.low in ("academy", "association"):
            continue  # "the American Academy of Pediatrics": a professional body
        if (
            t.shape == "lower"
            and j == i - 1
            and is_word(toks[j].low)
            and toks[j].low not in first_names()
            and not is_place_word(toks[j].low)
            and not names_place
        ):
            continue  # "Good school response", "Great school year": a description
        if (
            suffix.kind == "facility"
            and t.low in ("center", "centre")  # not "Lutheran Social Services": an agency
            and any(tok.low in _FAITH_NAMES for tok in toks[j:i])
            and not any(tok.low in _CARE_NAMES for tok in toks[j : i + 1])
        ):
            # "Abubakr Islamic Center", "Muslim Community Center": a place of worship
            yield _school(start, end)
            continue
        priority = Priority.SCHOOL if suffix.kind == "school" else Priority.FACILITY
        yield Hit(start, end, suffix.kind, priority, suffix.suggestion)


def _suffix_at(doc: Document, i: int) -> _Suffix | None:
    """What toks[i] makes of the words before it, if it ends an institution's name."""
    toks = doc.toks
    t = toks[i]
    low = t.low + "'s" if t.possessive and t.low in ("children", "childrens") else t.low
    prev_low = toks[i - 1].low if i > 0 else ""
    if low == "care" and prev_low in ("child", "day"):
        low = "childcare"  # "Bright Horizons Child Care", "Kiddie Day Care"
    suffix: _Suffix | None
    if _is_facility_suffix(toks, i, low, prev_low):
        lenient = low not in ("memorial", "general")  # "Surgeon General", "Memorial Day"
        suffix = _Suffix(low, "facility", _facility_suggestion(low), lenient)
    elif low in SCHOOL_SUFFIXES or (
        # ("Bright Futures Learning Ctr": the center shortened)
        low in ("center", "centre", "ctr") and i > 0 and toks[i - 1].low in ("learning", "care")
    ):
        if i + 1 < len(toks) and toks[i + 1].low in _FORM_WORDS:
            return None  # "Vanderbilt preschool version": a form of a rating scale
        suffix = _school_suffix(doc, i, low)
    # ("Tender Years ELC": an early learning center)
    elif (low in ("cdc", "elc") and t.shape == "upper" and t.mode == "mixed") or (
        low == "learning" and prev_low == "early" and t.shape == "title" and i > 1
    ):
        suffix = _Suffix(low, "school", "[the child's daycare]", True)
    elif low in _GRADE_SPANS and t.shape == "title":
        suffix = _Suffix(low, "school", "[the child's school]", True)
    elif low == "start" and prev_low == "head" and t.shape == "title" and i > 1:
        # "Greenleaf Head Start": the named program, not Head Start itself
        suffix = _Suffix("head start", "school", "[the child's preschool]", False)
    elif low in WORSHIP_SUFFIXES:
        suffix = _Suffix(low, "school", "[a place of worship]", True)
    elif low in TEAM_SUFFIXES:
        if low in ("fc", "sc") and (t.mode != "mixed" or t.shape != "upper"):
            return None
        suffix = _Suffix(low, "school", "[a local team or club]", False)
    else:
        return None
    if suffix is None or (t.mode == "mixed" and t.shape == "lower" and suffix.kind != "school"):
        return None
    if t.mode == "mixed" and t.shape == "lower" and low in _WORSHIP_OR_TEAM:
        return None
    return suffix


_AGENCY_SUFFIXES = word_set(
    "services service systems system network alliance foundation collaborative care partnership"
)
_AGENCY_KINDS = word_set(
    """health behavioral behavioural children's childrens family social community counseling
    counselling mental wellness refugee support youth human aba residential primary medical
    hospital"""
)


def _is_facility_suffix(toks: list[Tok], i: int, low: str, prev_low: str) -> bool:
    t = toks[i]
    return (
        low in FACILITY_SUFFIXES
        or (low in ("memorial", "general") and t.shape != "lower")
        # "Lakeview Kids Care", "Sunrise Girls' Group Home"
        or (low == "care" and prev_low in ("urgent", "kids", "family", "pediatric"))
        or (low == "home" and prev_low == "group" and t.shape == "title")
        # "Asian Health Services", "Cherokee Health Systems", "Kentucky River Community Care",
        # "Emergence Health Network": an agency's or a health system's name
        or (low in _AGENCY_SUFFIXES and t.shape in ("title", "upper") and prev_low in _AGENCY_KINDS)
        or (low in ("institution", "facility", "center") and prev_low == "correctional")
        or _is_named_practice(toks, i, low, prev_low)
        or (
            low in ("center", "centre")
            and t.shape == "title"
            and prev_low not in ("learning", "care")
        )
        or (
            low in FACILITY_AFTER_GENERIC
            and i > 0
            and toks[i - 1].low in GENERIC_PLACE_WORDS
            and toks[i - 1].low not in ("learning", "early", "child", "care", "day", "community")
        )
    )


def _is_named_practice(toks: list[Tok], i: int, low: str, prev_low: str) -> bool:
    if low not in _NAMED_PRACTICE_WORDS or toks[i].shape != "title" or i == 0:
        return False
    if low == "medicine":
        return prev_low == "family"
    following = toks[i + 1].low if i + 1 < len(toks) else ""
    return prev_low not in _THERAPY_WORDS and following not in _THERAPY_WORDS


def _facility_suggestion(low: str) -> str:
    if low in ("hospital", "hospitals", "hosp", "children's", "childrens", "medical"):
        return "[a hospital]"
    if low in ("clinic", "clinics", "pediatrics", "paediatrics"):
        return "[a clinic]"
    return SUGGESTIONS["facility"]


def _school_suffix(doc: Document, i: int, low: str) -> _Suffix | None:
    """A school, preschool or daycare word; "Middle", "High" only as "Jefferson High" or
    before "School" ("Middle East", "High Point" are no schools)."""
    toks = doc.toks
    t = toks[i]
    lenient = True
    suggestion = (
        "[the child's daycare]"
        if low in ("daycare", "day-care", "childcare", "nursery", "center", "centre")
        else "[the child's preschool]"
        if low in ("preschool", "pre-school", "prek", "pre-k", "montessori", "kindergarten")
        else "[the child's school]"
    )
    if low in ("middle", "high", "primary", "intermediate", "elementary"):
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        followed = nxt is not None and adjacent(doc.text, t, nxt) and nxt.shape == "title"
        if followed and nxt is not None and nxt.low != "school":
            return None  # "Middle East", "High Point"
        if not followed:
            # "the 7 yo from Cane Creek elementary": typed in lower case after the name
            typed = low == "elementary" and i > 0 and toks[i - 1].shape == "title"
            if t.mode != "mixed" or (t.shape != "title" and not typed):
                return None
            # "Jefferson High", not "Sats high"; "Crossroads Elementary" is a school, "Upper
            # Elementary" a stage of it
            lenient = low == "elementary" and not (i and toks[i - 1].low in _STAGE_WORDS)
    return _Suffix(low, "school", suggestion, lenient)


def _walk_back(doc: Document, i: int, suffix: _Suffix) -> tuple[int, bool]:
    """Walk back from the suffix over the name: capitalised words (or, in one-case text,
    words that are not plain English), generic words allowed in between. Returns the index
    of the name's first word and whether any word names a place."""
    toks = doc.toks
    j = i
    namey = False
    while j > 0 and i - j < 5:
        prev = toks[j - 1]
        if not _continues_name(doc, i, j, suffix.kind):
            break
        j -= 1
        if _names_it(prev, j == i - 1, suffix):
            namey = True
    return j, namey


def _continues_name(doc: Document, i: int, j: int, kind: str) -> bool:
    """Whether toks[j - 1] belongs to the name that reaches toks[j]."""
    text, toks = doc.text, doc.toks
    t, prev = toks[i], toks[j - 1]
    gap = text[prev.end : toks[j].start]
    if prev.possessive:
        if t.shape == "lower":
            return False  # "Ximena's school" is hers, not its name
        gap = text[prev.end + 2 : toks[j].start]
    if gap in ("' ", "\u2019 ") and prev.low.endswith("s"):
        gap = " "  # "Sunrise Girls' Group Home"
    if gap not in (" ", "-", ". ", "  "):
        return False
    if gap == ". " and prev.low not in ("st", "mt", "ft", "jr"):
        return False
    if prev.low in ("of", "and") and j - 1 > 0 and kind != "facility":
        return False
    if (
        prev.low in FUNCTION_WORDS
        and prev.low not in ("st", "jr")
        and not (prev.low == "family" and prev.shape == "title")  # "Family Services"
    ):
        return False
    if prev.low in RELATIONS or prev.low in MONTHS or prev.low in GREETINGS:
        return False  # "Dear Team,": a greeting
    described, hyphen, end = prev.low.rpartition("-")  # ("Lick Run Elementary": a creek)
    if hyphen and end in _DESCRIBING_ENDS and described != "school":
        return False  # "a Faith-based daycare", "a Tribally-run school": what kind, not which
    if prev.mode != "mixed":
        return prev.low in GENERIC_PLACE_WORDS or _is_namey(prev) or prev.low == "st"
    if prev.shape not in ("title", "upper") or (prev.shape == "upper" and prev.text in ACRONYMS):
        return False
    # "Release to: Badlands Behavioral Health": a form field's value starts a facility's name
    field_value = kind == "facility" and text[max(0, prev.start - 2) : prev.start] == ": "
    # ("Meadowlark Elementary requests your input": a school's one word opens the sentence)
    school_word = t.low == "elementary" and j == i and prev.low not in _STAGE_WORDS
    if (
        prev.sentence_start
        and prev.low in english()
        and not _is_namey(prev)
        and t.shape != "upper"
        and not field_value
        and not (school_word and prev.low not in GENERIC_PLACE_WORDS)
    ):
        return False  # ("Follow-up: Heartland CMHC": before initials the word is the name)
    return not (prev.shape == "upper" and prev.low != "st" and kind != "facility")


def _names_it(prev: Tok, next_to_suffix: bool, suffix: _Suffix) -> bool:
    """Whether a word of the name makes it a particular place rather than a description
    ("Lincoln Elementary", not "Public Elementary")."""
    return (
        _is_namey(prev)
        or (
            suffix.lenient
            and prev.mode == "mixed"
            and prev.low not in GENERIC_PLACE_WORDS
            and (prev.low not in not_names() or suffix.low in _STRONG_SCHOOL_SUFFIXES)
        )
        # "Barkley Elementary", "Yale Avenue Elementary": a school may bear an eponym's name
        or (
            suffix.low in _STRONG_SCHOOL_SUFFIXES
            and prev.mode == "mixed"
            and prev.shape == "title"
            and prev.low in not_names()
            and (prev.low in surnames() or is_place_word(prev.low))
        )
        # "Asian Health Services", "Cherokee Health Systems": a people names an agency too
        or (
            suffix.low in _AGENCY_SUFFIXES
            and prev.mode == "mixed"
            and prev.shape == "title"
            and prev.low not in GENERIC_PLACE_WORDS
            and prev.low not in _AGENCY_KINDS
        )
        or (
            suffix.kind == "facility"
            and next_to_suffix
            and prev.shape == "upper"
            and 2 < len(prev.text) < 6
            and prev.text not in ACRONYMS
            and not is_word(prev.low)
        )
    )


def _of_place(doc: Document, i: int) -> tuple[Tok | None, bool]:
    """The place after "of" ("Hospital of Philadelphia", "University of Michigan", "Church
    of the Nativity"): its last word, and whether it names a particular place."""
    text, toks = doc.text, doc.toks
    n = len(toks)
    k = i + 1
    if not (k + 1 < n and toks[k].low == "of" and text[toks[i].end : toks[k].start] == " "):
        return None, False
    q = k + 1
    if q < n and toks[q].low == "the":
        q += 1
    last = None
    namey = False
    while q < n and (last is None or adjacent(text, toks[q - 1], toks[q])):
        cand = toks[q]
        if cand.mode == "mixed" and cand.shape != "title":
            break
        if cand.mode != "mixed" and not (_is_namey(cand) or cand.low in GENERIC_PLACE_WORDS):
            break
        last = cand
        namey = namey or _is_namey(cand) or cand.low in regions()
        q += 1
        if q - k > 4:
            break
    return last, namey


def _trailing_suffixes(doc: Document, i: int, end: int, kind: str) -> int:
    """Where the name ends with the suffix words after it: "Seattle Children's", "Lincoln
    Middle School"."""
    toks = doc.toks
    k = i + 1
    while (
        k < len(toks)
        and adjacent(doc.text, toks[k - 1], toks[k])
        and toks[k].low in (_TRAILING_SUFFIXES)
    ):
        if toks[k].mode == "mixed" and toks[k].shape == "lower" and kind != "school":
            break
        end = max(end, toks[k].end)
        k += 1
    return end


_CAMP = frozenset({"camp"})
_SCOUT_TROOP = re.compile(r"\b(?:Troop|Pack)\s+\d{1,4}\b")


def _camps_and_teams(doc: Document) -> Iterator[Hit]:
    """Camps ("Camp Tecumseh"), scout troops ("Troop 214") and teams ("Ridgefield Eagles
    15U", "plays for the Westside Wildcats")."""
    text, toks = doc.text, doc.toks
    for i in doc.places_of(_CAMP):
        t = toks[i]
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            titled = (
                t.shape == "title"
                and nxt.shape == "title"
                and (_is_namey(nxt) or nxt.low not in FUNCTION_WORDS | GENERIC_PLACE_WORDS)
                and nxt.low not in not_names()
            )
            # "kicked out of camp wanakee": in lower case, a name that is no word
            typed = nxt.shape == "lower" and not is_word(nxt.low) and nxt.low not in not_names()
            if adjacent(text, t, nxt) and (titled or (typed and nxt.low not in FUNCTION_WORDS)):
                yield Hit(t.start, nxt.end, "school", Priority.SCHOOL, "[a summer camp]")
    yield from _age_group_teams(text)
    scouts = "Troop" in text or "Pack" in text
    for m in doc.fast(_SCOUT_TROOP).finditer(text) if scouts else ():
        yield Hit(m.start(), m.end(), "school", Priority.SCHOOL, "[a local scout troop]")
    for m in doc.find_near(_ATHLETE_AT, _ATHLETE_WORDS, 14, 60):
        words = m.group("team").split()
        lows = [fold(w) for w in words]
        if any(low in not_names() or low in FUNCTION_WORDS or low in MONTHS for low in lows):
            continue
        if len(words) == 1 and (
            (is_word(lows[0]) and not words[0].isupper())
            or lows[0] in regions()
            or words[0] in ACRONYMS
        ):
            continue  # "a player at Heart", "athlete at State"
        yield Hit(
            m.start("team"), m.end("team"), "school", Priority.TEAM_AFTER_CUE, "[a local team]"
        )
    for m in doc.find_near(_TEAM_TYPED_AFTER_VERB, _TEAM_TYPED_VERBS, 2, 70):
        lows = m.group("team").split()
        if not any(w in FUNCTION_WORDS or w in _ANY_TEAMS or w in not_names() for w in lows):
            yield Hit(
                m.start("team"), m.end("team"), "school", Priority.TEAM_AFTER_CUE, "[a local team]"
            )
    for m in doc.find_near(_TEAM_CUE, _TEAM_VERBS, 2, 100):
        words = m.group("team").split()
        if any(w.lower() in not_names() or w.lower() in FUNCTION_WORDS for w in words):
            continue
        low = fold(words[0])
        before = m.group()[: m.start("team") - m.start()]
        # a word in the plural that a child plays for is a mascot ("plays for the Gladiators")
        mascot = low.endswith("s") and low not in _ANY_TEAMS and _PLAYS_FOR_THE.search(before)
        if len(words) == 1 and (
            not (re.search(r"\bfor\s+$", before) or mascot)
            or not words[0][1:].islower()  # "for ADHD"
            or (is_word(low) and not mascot)
            or low in first_names()
            or low in regions()
            or low in US_STATE_NAMES
        ):
            continue  # "runs cross country for Greyhills" (not "plays with Legos", "for Texas")
        yield Hit(
            m.start("team"), m.end("team"), "school", Priority.TEAM_AFTER_CUE, "[a local team]"
        )


def _age_group_teams(text: str) -> Iterator[Hit]:
    for m in _AGE_GROUP_TEAM.finditer(text) if "U" in text or "u team" in text else ():
        group = next(name for name in ("team", "typed", "club") if m.group(name))
        words = m.group(group).split()
        while words and (
            words[0].lower() in FUNCTION_WORDS
            or words[0].lower() in MONTHS
            or (
                is_word(words[0].lower())
                and starts_sentence(text, m.end(group) - len(" ".join(words)))
            )
        ):
            words.pop(0)
        if (
            # a mascot: "Eagles", not "Lantus 10U" of insulin; a club before "U14" (no dose
            # is written so), but not a state's or a country's team alone
            (
                (len(words) > 1 and words[-1].endswith("s"))
                if group != "club"
                else bool(words) and not all(w.lower() in regions() for w in words)
            )
            and not any(
                w.lower() in not_names() or w in ACRONYMS or w.lower() in ("units", "insulin")
                for w in words
            )
            and not all(w.lower() in GENERIC_PLACE_WORDS for w in words)
        ):
            start = m.end(group) - len(" ".join(words))
            yield Hit(start, m.end(), "school", Priority.SCHOOL, "[a local team]")


# A town's or saint's name said where a child spends the school day: "IEP under OHI at
# Westbrook", "quit football at Dawson Springs", "meltdown at St. Hedwig today and the
# principal says". "at" (or "for", of a team) names a place one goes to, not one lives in;
# with school words in the same sentence it is the school, which blocks.
_SCHOOL_PLACE_BEFORE = re.compile(
    r"(?i:\b(?:at|for|back\s+to|going\s+to|goes\s+to|go\s+to|attends?))[ \t]+$"
)
# "Hunter got sent home from Eagle Ridge again", "expelled from Kingston": what is done to a
# child at school says the place is the school, whatever else the sentence says.
# So does where a child boards, is enrolled, attends or will graduate from ("boards at Toyei
# during the week", "wants to graduate from Kermit in May").
_SENT_FROM_SCHOOL_BEFORE = re.compile(
    r"(?i:\b(?:(?:sent\s+home|kicked\s+out|expelled|suspended|sent\s+to\s+the\s+office)"
    r"\s+(?:again\s+)?(?:from|of|at)"
    r"|(?:boards?|boarding|boarded)\s+(?:at|in)|enrolled\s+at|attending"
    r"|graduat(?:e|es|ed|ing)\s+from))[ \t]+$"
)
_SCHOOL_CONTEXT = word_set(
    """school schools grade grades gr grader class classes classroom teacher teachers principal
    counselor iep 504 suspended suspension expelled detention recess homeroom semester
    freshman sophomore junior senior student students sbhc kindergarten preschool daycare
    football basketball soccer hockey volleyball wrestling baseball softball cheer band choir
    varsity jv coach team tardy truant absences attends enrolled absent attendance sped
    altar parish priest pastor"""
)
# "admitted at St. Mary's after the fight at school": a hospital, whatever else is said.
# "is at", "started at", "back at", "a fight at", "13, at": where a child is, not where a
# clinician works ("NP at", "PHP at", "we're at").
_CHILD_AT_BEFORE = re.compile(
    r"(?i:\b(?:is|isn't|was|wasn't|(?<=\w['\u2019])s|started|starts|starting|back|still|now|"
    r"fights?|fighting"
    # "12 yo boy at Tohatchi", "16 yo at Ramah", "a sophomore at Kermit"
    r"|boy|girl|kid|son|daughter|student|freshman|sophomore|junior|senior|grader"
    r"|\d{1,2}[ \t]*(?:yo|y/o|yrs?|[mf]))|\b\d{1,2},?)[ \t]+at[ \t]+$"
)
_CARE_CONTEXT = word_set(
    """admitted admit admission discharged inpatient hospitalized hospital ed er picu seen
    clinic unit"""
)
_SENTENCE_END = re.compile(r"[.!?;\n]")
_WORDS = re.compile(r"[a-z0-9]+")
_WEAK_PLACES = frozenset({Priority.CITY_FROM_GAZETTEER, Priority.CITY_AFTER_CUE, Priority.SAINT})


# "Washington Irving Elementary (WIE)": the short form a text gives a school or a hospital it
# has named, then uses ("back at WIE").
_SHORT_FORM_AFTER = re.compile(r"[ \t]*\([ \t]*(?P<short>[A-Z][A-Za-z]?[A-Z]{1,4})[ \t]*\)")


def _sentence_words(text: str, start: int, end: int) -> list[str]:
    """The words of the sentence around text[start:end], in lower case, without its own."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - 200), start)]
    begin = starts[-1] if starts else max(0, start - 200)
    close = _SENTENCE_END.search(text, end, end + 200)
    stop = close.start() if close else min(len(text), end + 200)
    return _WORDS.findall(f"{text[begin:start]} {text[end:stop]}".lower())


def _about_school(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] speaks of school (see _SCHOOL_CONTEXT)."""
    words = _sentence_words(text, start, end)
    return not _SCHOOL_CONTEXT.isdisjoint(words) and _CARE_CONTEXT.isdisjoint(words)


# What else says a saint's name is a hospital: its staff, its work and what is done there
# ("endo at St. Vincent", "a nurse at St. Vincent", "sutures at St. Luke's").
_HOSPITAL_CONTEXT = _CARE_CONTEXT | word_set(
    """endo nurse nurses sutures stitches nicu icu cleared surgery surgeon cardiologist doctor
    physician pediatrician psychiatrist psychiatry shift shifts works work worked born
    delivered transferred transfer ambulance ems ct mri scan xray"""
)


def _about_hospital(text: str, start: int, end: int) -> bool:
    """Whether the sentence around text[start:end] speaks of a hospital's care or work."""
    return not _HOSPITAL_CONTEXT.isdisjoint(_sentence_words(text, start, end))


# What after a county's name makes it its schools: "Bell County Public Schools", "Clay
# County Schools", "Union County Board of Education" (a county is a town's kind, a warning;
# its school district is where the child goes to school, a block).
_COUNTY_SCHOOLS = re.compile(
    r"[ \t]+(?:Public[ \t]+)?(?:Schools|School[ \t]+(?:District|System|Board)|Board[ \t]+of"
    r"[ \t]+Education)\b|[ \t]+(?:PUBLIC[ \t]+)?(?:SCHOOLS|SCHOOL[ \t]+(?:DISTRICT|SYSTEM))\b"
)


def short_forms_after(text: str, h: Hit) -> Iterator[Hit]:
    """The short form given after a school's or a facility's name ("Sunshine Sprouts
    (SSCC)"), wherever it stands."""
    if h.kind not in ("school", "facility"):
        return
    short = _SHORT_FORM_AFTER.match(text, h.end)
    if (
        short is not None
        and short.group("short") not in ACRONYMS
        and fold(short.group("short")) not in not_names()  # "(DoDEA)": the system
    ):
        pattern = rf"(?<![\w-]){re.escape(short.group('short'))}(?![\w-])"
        for m in re.finditer(pattern, text):
            yield Hit(m.start(), m.end(), h.kind, h.priority, h.suggestion)


def schools_by_context(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """Towns and saints' names after "at" in a sentence about school, as schools (see above);
    the short form given after a school's or a facility's name, wherever it stands."""
    text = doc.text
    for h in kept:
        if h.priority == Priority.COUNTY and (district := _COUNTY_SCHOOLS.match(text, h.end)):
            yield _school(h.start, district.end())  # "Bell County Public Schools"
        yield from short_forms_after(text, h)
        if h.priority not in _WEAK_PLACES or h.kind not in ("city", "facility"):
            continue
        before = max(0, h.start - 40)
        if (
            doc.fast(_SENT_FROM_SCHOOL_BEFORE).search(text, before, h.start)
            and not _about_hospital(text, h.start, h.end)
            and text[h.start : h.end].lower() != "head start"  # the program, not one center
        ):
            yield Hit(h.start, h.end, "school", Priority.SCHOOL, SUGGESTIONS["school"])
            continue
        if not doc.fast(_SCHOOL_PLACE_BEFORE).search(text, max(0, h.start - 16), h.start):
            continue
        if (
            _about_school(text, h.start, h.end)
            or (
                # A saint's name names a hospital, a church or a school; where no care is spoken
                # of it is one of the last two, and both locate the child (block).
                h.priority == Priority.SAINT and not _about_hospital(text, h.start, h.end)
            )
            or (
                # "sierra (9) is at Roosevelt": one lives in a town, and is at a place named for
                # one; with no hospital spoken of, the place a child is at is the school.
                h.priority == Priority.CITY_FROM_GAZETTEER
                and doc.fast(_CHILD_AT_BEFORE).search(text, max(0, h.start - 20), h.start)
                and not _about_hospital(text, h.start, h.end)
            )
        ):
            yield Hit(h.start, h.end, "school", Priority.SCHOOL, SUGGESTIONS["school"])
    yield from _unknown_word_at_school(doc, kept)
    yield from _where_a_child_goes(doc, kept)
    yield from _school_transfers(doc, kept)
    yield from _sbhc_schools(doc)
    yield from _schools_on_streets(doc)
    yield from _schools_by_level_word(doc)


# "sbhc at marshall: 13f", "sbhc, franklin hs: 15m", "SBHC, West Campus.": a school-based
# health center is at the child's school.
_SBHC_AT = re.compile(
    r"(?i:\bsbhc(?:[ \t]+(?:at|@|in)[ \t]+|[ \t]*[,@][ \t]*"  # ("SBHC: ..." is the note's)
    # ("SBHC Eastside HS: 17 yo": the school's name and level straight after)
    r"|[ \t]+(?=(?-i:[A-Z][\w-]*(?:[ \t][A-Z][\w-]*)?[ \t]+(?:HS|MS|High|Middle|Elem|Academy))\b)))"
    r"(?P<name>[A-Za-z][\w'\u2019.-]*(?:[ \t][A-Za-z][\w'\u2019.-]*){0,2}?)"
    r"(?=[ \t]*(?:[:,;(\n]|\.(?:[ \t]|$)|[ \t]-[ \t]|$))"
)
_SCHOOL_LEVELS = word_set("hs ms es elem elementary middle high school academy")


# "12 yr old girl at the academy on 5th (the charter)", "goes to 'the magnet on Alameda'":
# a school by its kind and the street it is on, as a town's people call it.
_SCHOOL_ON_STREET = re.compile(
    r"(?i:\bthe[ \t]+)(?P<name>(?i:(?:new|old|charter|magnet)[ \t]+)?"
    r"(?i:academy|charter|magnet|school|elementary|elem|middle|high|high[ \t]+school|daycare|"
    r"preschool|head[ \t]+start|k-8)[ \t]+(?i:on)[ \t]+"
    r"(?:\d{1,3}(?:st|nd|rd|th)|[A-Z][a-z]{2,}(?:[ \t][A-Z][a-z]{2,})?))\b(?!['\u2019]s\b|[\w-])"
)


def _schools_on_streets(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_SCHOOL_ON_STREET, word_set("on"), 30, 30):
        street = fold(m.group("name").split()[-1])
        if street in MONTHS or street in FUNCTION_WORDS or street in not_names():
            continue  # "the school on Monday", "the daycare on Friday"
        yield _school(m.start("name"), m.end("name"))


# "lo agarraron en la secundaria Memorial", "la secundaria Cavazos": a school after its level
# in Spanish; "escuela: mary hoge middle": a school field typed in lower case.
_SPANISH_LEVEL_THEN_NAME = re.compile(
    r"\b(?i:secundaria|primaria|preparatoria|prepa)[ \t]+"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+){0,2})"
    r"|\b(?i:school|escuela)[ \t]*[:=][ \t]*"
    r"(?P<typed>[a-z][a-z'\u2019-]+(?:[ \t][a-z][a-z'\u2019-]+){0,3}?"
    r"[ \t]+(?:elementary|elem|middle|high|academy|school))(?=[ \t]*(?:[.,;:)\n]|$))"
)
_SPANISH_LEVEL_WORDS = word_set("secundaria primaria preparatoria prepa school escuela")


def _schools_by_level_word(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_SPANISH_LEVEL_THEN_NAME, _SPANISH_LEVEL_WORDS, 2, 50):
        group = "name" if m.group("name") else "typed"
        words = [fold(w) for w in m.group(group).split()]
        if words[0] in FUNCTION_WORDS or words[0] in _NOT_A_SCHOOLS_NAME or words[0] in MONTHS:
            continue
        named = words[:-1] if group == "typed" else words
        if group == "typed" and all(is_word(w) and w not in surnames() for w in named):
            continue  # "school: good middle of the year"
        yield _school(m.start(group), m.end(group))


def _sbhc_schools(doc: Document) -> Iterator[Hit]:
    """The school a school-based health center is at, named after it."""
    for m in doc.find_near(_SBHC_AT, word_set("sbhc"), 2, 40):
        words = [fold(w.strip(".")) for w in m.group("name").split()]
        named = [w for w in words if w not in _SCHOOL_LEVELS] or words
        if words[0] in FUNCTION_WORDS or words[0] in _NOT_A_SCHOOLS_NAME:
            continue
        if all(is_word(w) and w not in surnames() and not known_place(w) for w in named):
            continue  # "sbhc at lunch", "SBHC: follow-up"
        yield _school(m.start("name"), m.end("name"))


_SCHOOL_NAMED = (
    r"(?:[A-Z][\w.'\u2019-]*(?:[ \t][A-Z][\w.'\u2019-]*){0,3}"
    r"|[a-z][a-z'\u2019-]+(?:[ \t][a-z][a-z'\u2019-]+){0,2}?)"
)
# "transferred from St. Ignatius to Cleveland Heights High", "took him out of orrin lake and
# he's going to St. Bridget's", "out of ridgeview and into tri-county christian": the school a
# child leaves and the one it goes to; where one is known for a school, so is the other.
_SCHOOL_TRANSFER = re.compile(
    r"(?i:\b(?:transferred|transferring|switched|switching|moved|moving|changed|"
    r"(?:him|her|them)[ \t]+out)[ \t]+"
    r"(?:schools[ \t]+)?(?:from|of)[ \t]+|\bwas[ \t]+at[ \t]+)"
    rf"(?P<a>{_SCHOOL_NAMED})"
    r"(?i:[ \t]+(?:to|into|and[ \t]+into|and[ \t]+(?:is|he['\u2019]s|she['\u2019]s)[ \t]+"
    # ("Was at Sharyland, now at Taylor Elem")
    r"(?:going|starting)[ \t]+(?:to|at))[ \t]+|,[ \t]*now[ \t]+(?:at|in)[ \t]+)"
    rf"(?P<b>{_SCHOOL_NAMED})\b"
)
_SCHOOL_TRANSFER_WORDS = word_set(
    "transferred transferring switched switching moved moving changed out was"
)


def _school_transfers(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """The other school of a transfer, where one of the two is found for a school."""
    schools = [h for h in kept if h.kind == "school"]
    if not schools:
        return
    for m in doc.find_near(_SCHOOL_TRANSFER, _SCHOOL_TRANSFER_WORDS, 2, 90):
        for this, other in (("a", "b"), ("b", "a")):
            start, end = m.span(this)
            if not any(h.start < end and start < h.end for h in schools):
                continue
            o_start, o_end = m.span(other)
            name = m.group(other)
            words = [fold(w) for w in name.split()]
            if (
                words[0] in FUNCTION_WORDS
                or words[0] in _NOT_A_SCHOOLS_NAME
                or known_place(name)
                or any(
                    h.start < o_end and o_start < h.end and h.kind not in ("city", "facility")
                    for h in kept
                )
            ):
                continue  # "moved from Dallas to Lincoln High": a town; already found
            yield _school(o_start, o_end)


_AT_WORDS = word_set("at attends attended")
# "He won't go back to Dunbar", "won't let him go to McCreary Central anymore", "goes to
# Little Wound", "being bullied at Mattahunt": the place a child goes back to, is kept from or
# is bullied at, named with capitals, is the school (a hospital is named with its care).
_WHERE_A_CHILD_GOES = at_word_starts(
    re.compile(
        r"(?i:\b(?:(?:go|goes|going|went)[ \t]+back[ \t]+to|won['\u2019]?t[ \t]+go[ \t]+"
        r"(?:back[ \t]+)?to|(?:let[ \t]+(?:him|her|them)[ \t]+)go[ \t]+to|goes[ \t]+to|"
        r"refus(?:es|ed|ing)[ \t]+to[ \t]+go[ \t]+to|stopped[ \t]+going[ \t]+to|"
        r"bullied[ \t]+at|started[ \t]+at|transferr?(?:ed|ing)[ \t]+to)[ \t]+)"
        r"(?P<name>(?-i:(?:Mc|Mac)?[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?"
        r"(?:[ \t](?:Mc|Mac)?[A-Z][a-z'\u2019]+){0,2}))"
        r"(?![\w'\u2019-])"
    )
)
# Cues that speak of a school whatever is named after them: kept from it, bullied or started
# there.
_KEPT_FROM = re.compile(r"(?i)won['\u2019]?t|\blet\b|refus|stopped|bullied|started|transferr")
_STORE_WORDS = word_set(
    "store market mart shop mall walgreens cvs kroger dollar general aldi publix meijer"
)
_GOES_WORDS_BACK = word_set(
    """go goes going went won't wont let refuses refused refusing stopped bullied started
    transferred transferring"""
)


def _where_a_child_goes(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    text = doc.text
    for m in doc.find_near(_WHERE_A_CHILD_GOES, _GOES_WORDS_BACK, 2, 70):
        start, end = m.start("name"), m.end("name")
        words = [fold(w) for w in m.group("name").split()]
        if (
            words[0] in FUNCTION_WORDS
            or words[0] in MONTHS
            or words[0] in not_names()
            or words[0] in US_STATE_NAMES
            or " ".join(words) in regions()
            or words[-1] in FACILITY_SUFFIXES
            # "goes to Walmart", "went back to Aunt Rose"
            or any(w in _GOES_TO_PLACES or w in _STORE_WORDS or w in RELATIONS for w in words)
            or _about_hospital(text, start, end)
        ):
            continue
        covered = [h for h in kept if h.start < end and start < h.end]
        town = known_place(" ".join(words)) or any(h.kind == "city" for h in covered)
        if town and not _KEPT_FROM.search(m.group(), 0, start - m.start()):
            continue  # "dad went back to Monterrey": a town one goes to is a town
        if any(h.priority not in _WEAK_PLACES and h.priority > Priority.NAME for h in covered):
            continue  # a person, a hospital, a program the other rules know
        if len(words) == 1 and is_word(words[0]) and not covered:
            continue  # "goes to Mass", "went back to Sleep"
        yield Hit(start, end, "school", Priority.SCHOOL, SUGGESTIONS["school"])


def _unknown_word_at_school(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """A capitalised word no list knows, alone after "at" in a sentence about school ("now in
    7th at Sacajawea"): the school, as a town's name is there (see schools_by_context)."""
    text, toks = doc.text, doc.toks
    for i in doc.after_words(_AT_WORDS):
        t = toks[i]
        if (
            t.shape != "title"
            or t.mode != "mixed"
            or len(t.text) < 4
            or t.possessive
            or is_word(t.low)
            or t.low in FUNCTION_WORDS  # "attends Sunday school"
            or t.low in first_names()
            or t.low in not_names()
            or t.low in MONTHS
            or text[toks[i - 1].end : t.start] != " "
        ):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.shape in ("title", "upper") and adjacent(text, t, nxt):
            continue  # a name of several words is the other rules'
        if any(h.start < t.end and t.start < h.end for h in kept):
            continue
        if _about_school(text, t.start, t.end):
            yield Hit(t.start, t.end, "school", Priority.SCHOOL, SUGGESTIONS["school"])
