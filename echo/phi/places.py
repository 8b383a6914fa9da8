"""Places smaller than a state: street addresses, PO boxes and named homes, ZIP codes (the
first three digits may stay, but not for the restricted areas), cities and towns (with their
state, after an address, before a ZIP code, or from the gazetteer after "lives in") and
counties. Cities and counties only warn."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.lexicon import (
    english,
    first_names,
    fold,
    is_word,
    known_place,
    not_names,
    places,
    regions,
    surnames,
)
from echo.phi.priority import Priority
from echo.phi.text import (
    Document,
    adjacent,
    at_word_starts,
    find_in,
    find_led,
    led,
    merged,
    windows,
)
from echo.phi.vocabulary import (
    ACRONYMS,
    COUNTY_WORDS,
    FUNCTION_WORDS,
    GENERIC_PLACE_WORDS,
    INSTITUTION_WORDS,
    MONTHS,
    STREET_WORDS,
    US_STATE_ABBREVIATIONS,
    word_set,
)

_STREET_SUFFIX = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane|Ln\.?|Drive|Dr\.?|Court|"
    r"Ct\.?|Way|Place|Pl\.?|Terrace|Ter\.?|Circle|Cir\.?|Parkway|Pkwy\.?|Highway|Hwy\.?|Trail|"
    r"Trl\.?|Square|Sq\.?|Loop|Pike|Alley|Plaza|Crescent|Row|Concourse)"
)
_UNIT = r"(?:,?\s*(?:Apt|Apartment|Unit|Suite|Ste|Lot|Space|Trlr|#)\.?\s*#?\s*[A-Za-z0-9-]{1,6}\b)?"
_ADDRESS_MIXED = re.compile(
    # ("91-1021 Kaileolea Dr", "123-45 67th Ave": Hawaii's and Queens' house numbers)
    # ("2218-B Liberty Loop": a duplex's side of a base-housing number)
    r"(?<![\w/.-])(?:\d{2,3}-)?\d{1,6}(?:[A-Za-z]|-[A-Z](?=\s))?(?:\s+(?:[NSEW]\.?|North|South|East|West))?"
    # ("4410 Mile 7 Rd": a county grid road)
    r"(?:\s+(?:[A-Z][A-Za-z'\u2019.-]*|\d+(?:st|nd|rd|th)|(?<=Mile\s)\d{1,3})){1,4}\s+"
    + _STREET_SUFFIX
    + r"(?![\w])"
    + _UNIT
    # "1108 Avenue I": a lettered avenue
    + r"|(?<![\w/.-])\d{1,6}\s+Avenue\s+[A-Z](?![\w'])"
)
_ADDRESS_ANYCASE = re.compile(
    r"(?i)(?<![\w/.#-])\d{1,5}(?:[ \t]+(?:[NSEW]\.?|North|South|East|West))?"
    r"(?:[ \t]+(?:[a-z][a-z'\u2019-]*|\d{1,3}(?:st|nd|rd|th))){1,3}[ \t]+"
    r"(?:Street|St\.|St(?=[ \t]*(?:#|apt|unit|,|$))|Close|Avenue|Ave\.?|Road|Rd\.?|Boulevard|"
    r"Blvd\.?|Lane|Ln\.?|Court|Way|Place|"
    r"Terrace|Circle|Parkway|Pkwy|Highway|Hwy)(?![\w])" + _UNIT
)
# "851 W 700 N": a Utah grid address; "Calle Loíza 1759", "Carr. 348 km 4.2": Spanish ones.
_GRID_OR_CALLE = re.compile(
    r"(?<![\w/.-])\d{1,5}[ \t]+[NSEW][ \t]+\d{1,5}[ \t]+[NSEW]\b"
    # "2206 Calle de Oro": the number first, as in the Southwest
    r"|(?<![\w/.-])\d{1,5}[ \t]+(?:Calle|Avenida|Camino|Paseo)[ \t]+"
    r"(?:(?:de|del|la|las|los|el)[ \t]+){0,2}"
    r"[A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*(?:[ \t][A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*)?"
    r"|\b(?:Calle|Avenida|Camino|Paseo)[ \t]+[A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*"
    r"(?:[ \t][A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*)?"
    r"[ \t]+\d{1,5}\b"
    + _UNIT
    + r"|\bCarr(?:etera|\.)[ \t]*\d{1,4}(?:[ \t]*,?[ \t]*km\.?[ \t]*\d+(?:\.\d+)?)?"
    # "543 28 3/4 Rd": a house on a Mesa County road numbered in fractions
    r"|(?<![\w/.-])\d{1,5}[ \t]+\d{1,3}(?:[ \t]+\d/\d)?[ \t]+(?:Rd|Road)\b"
    # "Lot 14, Calle Girasol", "Calle 7, Lote 14": a colonia's lot on a named street
    r"|\bLot[ \t]+\d{1,4},?[ \t]+(?:Calle|Camino)[ \t]+[A-ZÁÉÍÓÚÑ][\w\u00c0-\u017f'-]*"
    r"|\bCalle[ \t]+\d{1,3},?[ \t]+Lote[ \t]+\d{1,4}\b"
    # "lives w aunt on Calle Arroyo", "vive en la Calle Hidalgo": a named street without a
    # number, after the word that places someone on it
    r"|(?:(?<=\bon[ \t])|(?<=\boff[ \t]))(?:Calle|Avenida|Camino|Callej\u00f3n)[ \t]+"
    r"(?:(?:de|del|la|las|los|el)[ \t]+){0,2}"
    r"[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1][\w\u00c0-\u017f'-]*"
    r"|(?<=\ben[ \t]la[ \t])(?:Calle|Avenida)[ \t]+(?:(?:de|del|la|las|los|el)[ \t]+){0,2}"
    r"[A-Z\u00c1\u00c9\u00cd\u00d3\u00da\u00d1][\w\u00c0-\u017f'-]*"
)
_STREET_NAMED = re.compile(
    # "MLK Way", "Martin Luther King Jr. Blvd": the street most towns have
    r"\b(?P<mlk>(?:MLK|Martin\s+Luther\s+King(?:\s+Jr\.?)?)\s+)(?:Way|Blvd|Boulevard|Ave|Avenue|Dr|"
    r"Drive|St|Street|Pkwy|Parkway)\b\.?"
    r"|\b(?P<name>(?:[A-Z][a-z'\u2019]+\s+|\d{1,3}(?:st|nd|rd|th)\s+){1,2})"
    r"(?:Street|Avenue|Road|Boulevard|Lane|Drive|Court|Terrace|Parkway|Highway|"
    r"(?:Rd|Ave|Ln|Blvd|Ct|Pkwy|Hwy|Ter|Cir|Trl)\b\.?)(?![\w'\u2019])"
)
_PATHS = ("Way", "Place", "Pl", "Circle", "Cir", "Pike", "Path")
# "St" and "Dr" also start saints and doctors: a street only after "on", "off", "the"...
_STREET_CUED = re.compile(
    r"\b(?:on|at|of|the|off|near|down|along)\s+"
    r"(?P<name>(?:[A-Z][a-z'\u2019]*[A-Z]?[a-z'\u2019]+\s+){1,2})"
    r"(?:(?:St|Dr|Row|Loop|Trail|Blvd)\b\.?(?!\s?[A-Z])"
    # "on Blackwater Way. Bio mom", "off Quarry Place": no saint's or doctor's title
    r"|(?:Way|Place|Pl|Circle|Cir|Pike|Path)\b(?![\w'\u2019-]))"
)
# "lives off Route 9", "a trailer on County Road 12": a numbered road narrows the place as
# a street does (interstates do not).
_NUMBERED_ROAD = re.compile(
    r"(?<![\w-])(?:(?:(?:State|County|Farm|Old|BIA)[ \t]+)?(?:Route|Rte\.?|Road|Highway|Hwy\.?|"
    # "on Expressway 83"; "ON HWY 20" in capitals
    r"Expressway|Expy\.?|Interstate|ROUTE|RTE|HIGHWAY|HWY|hwy\.?|highway|"
    # "on Rd 160", "off avenue 12 in madera": the Central Valley's numbered county roads
    r"Rd\.?|RD|(?i:avenue|ave\.?))"
    r"|(?:State|County|Farm|Old|St\.?|BIA)[ \t]+Rt\.?)"  # not "Rt 2": the right side; "St Rt 7"
    r"[ \t]+\d{1,4}[A-Z]?(?![\w/-]|\.\d)"
)
# Typed: "out on county rd 14", "1189 cr 3400", "FM 1960" (Texas farm-to-market roads).
_TYPED_ROAD = re.compile(
    r"(?i:(?<![\w-])(?:\d{1,5}[ \t]+)?(?:county|state|co\.?)[ \t]+(?:rd|road|route|hwy)\.?"
    r"|(?<![\w-])(?:\d{1,5}[ \t]+)?(?-i:CR|cr|FM|fm)(?=[ \t]+\d{3,4}\b)"
    # "2219 hwy 15 n": a house number on a numbered highway
    r"|(?<![\w-])\d{1,5}[ \t]+(?:hwy|highway|rt|route)\.?)[ \t]+\d{1,4}[a-z]?(?:[ \t]+[nsew]\b)?"
    r"(?![\w/-]|\.\d|[ \t]*(?:mg|mcg|ml|units?)\b)"
)
_ROAD_WORDS = word_set("route rte rt road highway hwy expressway expy interstate rd avenue ave")
# "a colonia off Mile 9 Road": a section-line road named by its mile.
_MILE_ROAD = re.compile(r"\bMile[ \t]+\d{1,3}(?:[ \t]+1/2)?[ \t]+(?:Road|Rd\.?|Line)(?![\w-])")
# "lives on Euclid", "the family shelter on 95th", "works at the bakery on Fremont": a street
# named alone after a home or a place someone is.
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_ON_A_STREET = at_word_starts(
    re.compile(
        r"(?i:\b(?:lives?|living|stays?|staying|house|home|apartment|apt|trailer|shelter|duplex|"
        r"place|one|store|shop|bakery|restaurant|daycare|station|church|osco|housing|shooting|"
        r"fire|crash|accident|motel|hotel|taqueria|tortilleria|diner|laundromat|salon|unit|"
        r"stop|walmart|parked|family)"
        r"[ \t]+on[ \t]+)"
        # ("a basement unit on S. Kedzie": a direction before the name; "the bus stop on maple
        # and 3rd": a corner typed in lower case)
        r"(?P<street>(?-i:(?:[NSEW]\.?[ \t]+)?[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})"
        r"|(?-i:[a-z]+)[ \t]+(?:and|&)[ \t]+\d{1,3}(?:st|nd|rd|th)|\d{1,3}(?:st|nd|rd|th)"
        r"(?:[ \t](?-i:St|Street|Ave|Avenue|Place|Pl|Rd|Road|Blvd|Dr|Drive|Ct|Way|Ln|Lane|Pike))?)"
        r"(?![\w'\u2019-]|[ \t]+(?:grade|floor|shift|period|day|birthday|time|try|round|dose)\b)"
        # "(Little Lambs on 5th)": a numbered street after any "on", where the phrase ends
        # ("the apts off 7th & maple": the corner with the street across it)
        r"|\b(?:on|off)[ \t]+(?P<numbered>\d{1,3}(?:st|nd|rd|th)[ \t]*&[ \t]*[A-Za-z]{3,}\b"
        r"|\d{1,3}(?:st|nd|rd|th)"
        r"(?=[ \t]*(?:[),.;\n]|$)|[ \t]+(?:and|near|by|off|between|where|across)\b))"
    )
)
_ORDINAL_STREET_HINT = re.compile(r"\d(?:st|nd|rd|th)\b")
_ON_STREET_WORDS = word_set(
    """lives live living stays stay staying house home apartment apt trailer shelter duplex
    place one store shop bakery restaurant daycare station church osco housing shooting fire
    crash accident motel hotel taqueria tortilleria diner laundromat salon unit stop walmart
    parked family"""
)
# Streets most towns have whose names are also words ("his place on Elm", "the store on
# Main"): a street after "on" all the same.
_COMMON_STREETS = word_set(
    "elm oak maple pine cedar walnut chestnut spruce birch main broadway market sycamore"
    " hickory magnolia poplar dogwood willow"
)

# (two patterns, each opening with what the engine skips to: a digit, or a word's capital)
_GRID_HINTS = (
    re.compile(r"\d[ \t]+(?:[NSEW][ \t]+\d|\d{1,3}[ \t]+\d/\d[ \t]+R)"),
    re.compile(r"Calle|Avenida|Camino|Paseo|Carr"),
)
_TYPED_ROAD_WORDS = word_set("rd road route hwy cr fm highway rt")
_STREET_TYPED_WORDS = word_set(
    "rd road st street ave avenue ln lane dr drive blvd hwy pike trl trail"
)
# "LIVES ON BLACKBERRY HOLLOW RD", "lives off Spring Creek Road": the road a home is on, in
# any case.
_LIVES_ON = re.compile(
    r"(?i)\b(?:lives?|living|house|home|trailer|farm)\s+(?:is\s+)?(?:on|off)\s+"
    r"(?P<road>(?:[a-z][a-z'\u2019-]+\s+){1,3}(?:rd|road|st|street|ln|lane|dr|drive|hollow|holler|"
    r"creek|pike|hwy|highway|ave|avenue|loop|trail|way|branch|ridge)"
    # "LIVES ON RT 80", "a trailer off Route 23": a numbered road
    r"|(?:hwy|highway|rt|rte|route|sr|state\s+route)\.?\s*\d{1,4}[a-z]?)\b\.?"
)
# "lives out past harlowe on pickett rd": a street typed in lower case after "on", "off"...
_TYPED_STREET = re.compile(
    r"\b(?:on|off|past|near|at|up|down)[ \t]+"  # ("lives w/ her up bear wallow rd")
    r"(?P<name>[a-z][a-z'\u2019-]+(?:[ \t](?!(?:on|off|past|near|at|up|down|to|in|of|the)\b)"
    r"[a-z][a-z'\u2019-]+){0,2})[ \t]+"
    r"(?:rd|road|st|street|ave|avenue|ln|lane|dr|drive|blvd|hwy|pike|trl|trail)\b\.?"
)
# "on E 12th St.", "the C-Town on 170th St", "30th St Station": a numbered street with its
# suffix, whatever follows ("St." then a capital is no saint here).
_ORDINAL_WITH_SUFFIX = re.compile(
    r"(?:\b[NSEW]\.?[ \t]+)?\b\d{1,3}(?:st|nd|rd|th)[ \t]+"
    # ("lives w/ tia on 183rd st by the grand concourse": typed in lower case)
    r"(?:St|Street|Ave|Avenue|Av|Rd|Road|Blvd|Ter|Terrace|Ln|Lane|Pkwy"
    r"|st|street|ave|avenue|rd|road|blvd|ln|lane)\b"  # (not "1st AV block", "1st av block")
)
_ORDINAL_WITH_SUFFIX_HINT = re.compile(r"\d(?:st|nd|rd|th)[ \t]+[ASRBTLasrbl]")
# "sneakin snickers at the bus stop on ky 1012", "wrecked mamaw's truck on us 23", "up
# hurricane holler off rt 119": a state's or the nation's numbered road typed in lower case.
_TYPED_STATE_ROUTE = re.compile(
    r"\b(?:on|off|along|past|near|up|down|at|out)[ \t]+(?:old[ \t]+)?"
    # (not "nc" nor "sc": "RESP-on nc-2l" is a nasal cannula)
    r"(?P<road>(?:ky|wv|tn|sr|us|ga|al|tx|ar|mo|pa|oh|nm|az|rt|rte|rd|road)[ \t]\d{1,4}"
    r"[a-z]?)(?![\w/-]|\.\d|[ \t]*(?:mg|mcg|ml|units?|%|x|days?|wks?|weeks?|hrs?|hours?|mo|"
    r"months?|yrs?|years?|times?)\b)"
)
_TYPED_STATE_ROUTE_WORDS = word_set("on off along past near up down at out")
# "walk to bus at the turnoff on BIA rte 15", "housing on navajo rte 7": a reservation's
# numbered roads, in any case.
_TRIBAL_ROUTE = re.compile(
    r"(?i)\b(?:bia|navajo|nav|tribal|indian)[ \t]+(?:rt|rte|route|road|rd|hwy)\.?[ \t]*\d{1,4}\b"
)
_TRIBAL_ROUTE_WORDS = word_set("bia navajo nav tribal indian")
# "lives at Whispering Pines lot 31", "in a trailer at Green Acres lot 9": a park's name and
# the lot a family's trailer stands on.
_NAMED_LOT = re.compile(
    r"\b(?P<name>(?:[A-Z][a-z]+[ \t]+){1,3}(?i:lot|space|sp|lote)\.?[ \t]*#?[ \t]*\d{1,4}[a-z]?)\b"
)
_LOT_WORDS = word_set("lot space sp lote")
# "foster mom Ms. Price on S Cottage Grove": a street by its side of town and its name;
# "staying at aunt Bev's on Avenue K": a lettered avenue.
_ON_SIDE_STREET = re.compile(
    r"\bon[ \t]+(?P<street>[NSEW]\.?[ \t]+(?!Side\b|End\b)[A-Z][a-z]{2,}(?:[ \t][A-Z][a-z]{2,})?"
    r"|Avenue[ \t]+[A-Z](?![\w'\u2019]|\.[A-Z]))"
    r"\b(?!['\u2019])"
)
# "shot at 63rd & Halsted", "near Delancey and 5th": a numbered street and the one across it.
_ORDINAL_CORNER = re.compile(
    r"\b\d{1,3}(?:st|nd|rd|th)[ \t]*(?:&|and)[ \t]*(?P<b>[A-Z][a-z]{2,})\b"
    r"|\b(?P<a>[A-Z][a-z]{2,})[ \t]+(?:&|and)[ \t]+\d{1,3}(?:st|nd|rd|th)\b"
    r"(?![ \t]+(?:grade|graders?|period|floor|place|birthday|percentile))"
)
# "stays at Pacific Garden Mission", "shelter: Union Gospel Mission": a rescue mission, where a
# family without a home sleeps.
_MISSION_SHELTER = re.compile(
    r"(?i:\b(?:stays?|staying|stayed|lives?|living|sleeps?|sleeping|slept|shelter:?)[ \t]+"
    r"(?:(?:at|in)[ \t]+)?(?:the[ \t]+)?)"
    r"(?P<name>(?:[A-Z][a-z]+[ \t]+){1,3}Mission)\b"
)
_MISSION_WORDS = word_set("mission")
# "Family lives in Comanche Village III housing", "in Beachwood housing": a base's or a
# city's housing area by its name.
_NAMED_HOUSING = re.compile(
    r"\b(?:in|at|from)[ \t]+(?P<name>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?(?:[ \t][IVX]{1,4})?)[ \t]+"
    r"(?:(?:base|family|military|post|on-post|on-base)[ \t]+)?housing\b"
)
_NOT_A_HOUSINGS_NAME = word_set(
    "military transitional emergency temporary base post army navy air force marine public"
    " section student senior family subsidized supportive affordable low"
    " fort ft camp joint"  # "at Fort Cavazos housing": the base's name, a town's
)
# "on the corner of 5th and Main": an intersection names a block.
_CORNER = re.compile(
    r"\bcorner\s+of\s+(?P<address>(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th))\s+(?:and|&)\s+"
    r"(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th)))\b"
)
# "lives at 123 Main": a house number and a street, its suffix left out.
_LIVES_AT = re.compile(
    r"(?i:\b(?:lives?|living|resides?|residing|staying|stays)\s+at\s+)"
    r"(?P<address>\d{1,5}[A-Za-z]?\s+[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+)?)"
)
_LIVES_AT_LED = led(_LIVES_AT, ("liv", "resid", "stay"))  # what every match opens with
_PO_BOX = re.compile(
    r"(?i)\bP\.?\s?O\.?\s+Box\s+\d+\b"
    # rural routes and highway contract routes: "RR 2 Box 14", "HC 65 Box 10"
    r"|\b(?:RR|R\.R\.|Rural\s+Route|Rt\.?|Rte\.?|HC|Star\s+Route)\s*\d+,?\s+Box\s+\d+[A-Z]?\b"
)
# "apt 4B, 300 Elm", "12 E Broad": a house number with a unit before it or a direction
# after it is a street address even without the street's suffix.
_UNIT_OR_DIRECTION = re.compile(
    r"(?i:\b(?:apt|apartment|unit)\.?\s*#?\s*[A-Za-z0-9-]{1,5},?\s+)"
    r"(?P<a>\d{1,5}\s+[A-Z][a-z]+)\b"
    r"|(?<![\w/.-])(?P<b>\d{1,5}\s+[NSEW]\.?\s+[A-Z][a-z]{2,})\b"
)
_HOMES = re.compile(
    r"\b(?:[A-Z][A-Za-z'\u2019-]+\s+){1,3}(?:Apartments|Apts|Townhomes|Townhouses|Estates|"
    r"Mobile\s+Home\s+Park|MHP|Trailer\s+Park|Homeless\s+Shelter|Shelter|House|Houses|Towers|Courts|"
    r"Ranch|"  # "12 yo from the Bar Seven Ranch"
    # "the Willow Creek trailer park": the kind of home in lower case
    # ("found at the Big Horn motel in Hardin": where a family without a home stays)
    r"(?-i:trailer|mobile\s+home|RV)\s+(?:park|court)|apartments|apts|townhomes|motel)\b"
    # "moved into the pine acres trailer park, lot 7": typed in lower case, the lot after it
    r"|(?<=\bthe )[a-z][a-z'\u2019-]+(?:\s+[a-z][a-z'\u2019-]+)?\s+(?:trailer|mobile\s+home)\s+"
    r"(?:park|court)\b(?:,?\s+lot\s+#?\d{1,4}[a-z]?\b)?"
    # "lives in the riverside apts bldg c": apartments typed in lower case, the building after
    r"|(?<=\bthe )[a-z][a-z'\u2019-]+(?:\s+[a-z][a-z'\u2019-]+)?\s+(?:apts|apartments|townhomes)\b"
    r"(?:\s+(?:bldg|building|unit|apt)\.?\s+#?[a-z0-9]{1,4}\b)?"
    # "viven en el Trailer park Los Pinos": the park's name after the kind of home
    r"|\b(?i:trailer|mobile\s+home|RV)\s+(?i:park|court)\s+"
    r"(?:(?:Los|Las|El|La|The)\s+)?[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)?"
)
# "they moved to #208 in the same building", "lives in house #14 behind the washeteria": a
# home by its number sign, where there is no street.
_HOME_BY_NUMBER = re.compile(
    r"(?i:\b(?:moved[ \t]+(?:in)?to|lives?[ \t]+in|living[ \t]+in|stays?[ \t]+in|now[ \t]+in)"
    r"[ \t]+)"
    r"(?P<home>(?:(?i:house|home|cabin|trailer|unit|apt\.?|apartment|room|rm)[ \t]+#[ \t]?\d{1,5}"
    r"|(?i:apt\.?|apartment)[ \t]+\d{1,5}|#[ \t]?\d{2,5})[A-Za-z]?)\b"
)
_HOME_BY_NUMBER_WORDS = word_set("moved lives live living stays stay now")
# "at the Budget Inn in Harlan rm 112", "in unit 4B at the Delta Manor apts", "the labor camp
# near Granger, Camp 4 unit 12": a family's room where it lodges; its number is the home's.
_LODGING_ROOM = re.compile(
    r"(?i)\b(?:rm|room|unit|space|sp|lot|bldg|building|bed|cabin|apt)\.?[ \t]*#?[ \t]*"
    r"(?:\d{1,4}[a-z]?|[a-z]\d{1,3})(?![\w-]|[.,]\d)"
)
_LODGING_WORDS = word_set(
    "motel motels inn hotel hotels lodge apts apartments shelter camp detention manor barracks"
    " mhp tower towers plaza"  # a mobile home park's space; a tower block's apartment
)
# "at the corner of Fulton and Sixth": two streets where they cross.
_CORNER_OF = re.compile(
    r"(?i:\bcorner[ \t]+of[ \t]+)(?P<corner>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+(?:and|&)[ \t]+"
    r"(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th)))\b"
)
# "EMS used coordinates 44.7312, -85.6204 to find the cabin": a place by its latitude and
# longitude (two digits before the first point: not a urine's specific gravity, 1.015).
_COORDINATES = re.compile(r"(?<![\d.-])-?\d{2}\.\d{3,6},[ \t]*-?\d{2,3}\.\d{3,6}(?![\d.])")
_COORDINATES_HINT = re.compile(r"\.\d{3,6},[ \t]*-?\d")
# Words that say which of any homes, not its name ("the new trailer park").
_ANY_HOMES = word_set(
    "new old local nearby same other big small little only closest county city town cheap"
    " low public subsidized senior section student income housing family"
)
# "a trailer off Millbrook", "the farm off Kessler": the road a home is off, named alone.
_HOME_OFF = re.compile(
    r"(?i:\b(?:lives?|living|house|home|trailer|camper|apartment|place|farm)\s+"
    r"(?:[a-z]+\s+){0,2}?off\s+)"
    r"(?P<road>[A-Z][a-z'\u2019]+(?:\s+[A-Z][a-z'\u2019]+)?)"
)
# "lives in 05401", "in the 05401 area", "the 05401 zip": a ZIP code where a town would be.
_ZIP_AS_PLACE = re.compile(
    r"(?i)(?:\b(?:lives?|living|resides?|residing)\s+in|\bmoved\s+(?:here\s+)?(?:to|from)|"
    r"\b(?:in|near|around)\s+the(?=\s+\d{5}\s+(?:area|zip))|"
    # "no clinic within 90 mi of 59327"
    r"\bwithin\s+\d{1,3}\s*(?:mi|miles)\.?\s+of)\s+"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
    r"|(?<![\w-])(?P<zip2>\d{5})(?:-\d{4})?\s+(?:zip|area\b)"
)
_ZIP_CONTEXT = re.compile(
    r"(?i)\bzip(?:\s*code)?\s*(?:is|:|#|will\s+be|would\s+be|was|as|=)?\s*"
    r"(?P<zip>\d{5})(?:-\d{4})?\b"
)
# "412 hollow branch rd hazard 41701", "Sandy Run Road 29945", "Lincoln Hwy, DeKalb 60115": a
# ZIP code a word or two after a street's last word, where the town stands.
_STREET_TOWN_ZIP = re.compile(
    r"(?i:\b(?:rd|road|st|street|ave|avenue|hwy|highway|dr|drive|ln|lane|blvd|boulevard|ct|"
    r"court|pike|trl|trail|loop|cir|circle|pkwy|parkway))\.?,?[ \t]+"
    r"(?:[A-Za-z][A-Za-z'\u2019-]+,?[ \t]+){0,2}(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)
# "in springdale ar 72764": a ZIP code after a state typed in lower case (not the states
# that are words: in, me, or, hi, oh, ok, pa, de).
_TYPED_STATE_ZIP = re.compile(
    r"(?<=[a-z][ \t])(?:al|ak|az|ar|ca|co|ct|fl|ga|ia|id|il|ks|ky|la|ma|md|mi|mn|mo|ms|mt|nc|nd|ne|"
    r"nh|nj|nm|nv|ny|ri|sc|sd|tn|tx|ut|va|vt|wa|wi|wv|wy)[ \t]+"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)
_STATE_NAMES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|"
    r"Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|"
    r"Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|"
    r"Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Guam|Puerto Rico|"
    r"American Samoa|Virgin Islands|Northern Mariana Islands"
)
_CITY_STATE = re.compile(
    r"(?P<city>(?:(?:[A-Z][A-Za-z'\u2019-]+|St\.|Ft\.|Mt\.) ){0,2}[A-Z][A-Za-z'\u2019-]+),[ \t]*"
    # ("Rylee, MT-88120": a record number's letters, not Montana)
    # ("Lusk, WY.": a sentence may end after the state, but "P.A." is no state)
    r"(?P<state>(?:[A-Z]{2}|D\.C\.)(?!\w|\.\w|-\d)|(?:" + _STATE_NAMES + r")\b)"
    r"(?:\s+(?P<zip>\d{5})(?:-\d{4})?\b)?"
)
# "Colorado Springs", "Kansas City", "Virginia Beach": a state's name that starts a city's
_STATE_STARTS_CITY = re.compile(r"[ \t]+(?:Springs|City|Beach|Falls|Rapids)\b")
# "grandmother Dolores Villarreal, TX DL 41927733": the state that issued a licence or an ID
# after a person's name, not a city's state.
_STATE_ISSUED = re.compile(
    r"[ \t]+(?:C?DL|ID|(?i:driver'?s|licen[cs]e|lic\b|medicaid|plate|tag|permit))(?![\w-])"
)
_CITY_STATE_HINT = re.compile(r",[ \t]*(?:[A-Z]{2}(?!\w|\.\w)|D\.C\.|(?:" + _STATE_NAMES + r")\b)")
US_STATE_NAMES = word_set(_STATE_NAMES.replace(" ", "_").replace("|", " ").lower())
_ROUTE_BOX_WORDS = word_set("rr hc route rt rte")
_UNIT_OR_DIRECTION_WORDS = word_set("apt apartment unit n s e w")
_LIVING_WORDS = word_set("lives live living resides residing staying stays")
# "on the Rosebud reservation", "isleta pueblo": a reservation, pueblo or rancheria.
_RESERVATION = re.compile(
    r"\b(?!(?i:the|a|an|on|in|at|from|of|to|near|our|their|his|her)\b)"
    r"(?P<name>[A-Za-z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:[Rr]eservation|[Pp]ueblo|[Rr]ancheria|"
    r"[Ii]ndian\s+[Cc]ommunity)\b"
)
_RESERVATION_WORDS = word_set("reservation pueblo rancheria indian")
# "on w. 63rd": a direction and a numbered street.
_NUMBERED_STREET = re.compile(
    r"(?i:\b(?:on|off|at|near)\s+)(?P<street>(?i:[nsew])\.?\s+\d{1,3}(?:st|nd|rd|th))\b"
)
_HOME_WORDS = word_set(
    "box apartments apts townhomes townhouses estates park court shelter house houses towers courts"
    " ranch mhp motel"
)
_STATE_ZIP = re.compile(
    r"\b(?P<state>[A-Z]{2}|" + _STATE_NAMES + r")[ \t]+(?P<zip>\d{5})(?:-\d{4})?(?![\w-])"
)
_COUNTY_ZIP = re.compile(r"\b[Cc]ounty,?[ \t]+(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)")
_RESTRICTED_ZIP3 = word_set(
    """036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893"""
)
# Words between a number and "Way" or "Rd" that make no street: "10 mg", "70 miles one way".
_NOT_STREET_WORDS = word_set("mg mcg ml units x miles minutes mins hours hrs km blocks")
_LOWER_PLACE_CUES = word_set("in from near by to of past en")
# "in the village", "in our town", "en el campo": a place word, not a town's name
_NOT_TYPED_START = word_set("the our my your his her their this that el a an")
_AMBIGUOUS_STATES = word_set(
    """MD DO PA IN OR ME OK HI OH DE CO MA LA AL ID MS GA NE WA SC MI CA MO ND NY CT VA UT"""
)

# (every branch opens at a word: tried only where one starts, see at_word_starts)
_CITY_CUE = at_word_starts(
    re.compile(
        r"(?i)\b(?P<strong>lives?\s+in|living\s+in|lived\s+in|moved\s+(?:here\s+)?(?:to|from)|"
        r"moving\s+to|relocated\s+(?:to|from)|born\s+in|grew\s+up\s+in|resides?\s+in|residing\s+in|"
        # "left for Missoula", "medevaced to Bethel", "went back to Monterrey"
        r"left\s+for|(?:went|moved|headed|flew)\s+back\s+to|medevac(?:ed|'d)?\s+to|flown\s+to|"
        r"raised\s+in|visiting|home\s+in|outside\s+of|suburb\s+of|(?:town|city|village)\s+of|"
        r"(?:comes?|came|is|are|originally|hails?)\s+from|"
        # "no therapist within 2 hours of Ashby"
        r"(?:hours?|hrs?|miles?|minutes?|mins?)\s+(?:from|of|outside(?:\s+of)?)|"
        # "the mayor of Nashua", "the east side of Wausau"
        r"(?:mayor|sheriff|city|town|village|outskirts|edge|people)\s+of|"
        r"(?:east|west|north|south)\s+side\s+of|"
        # "practice out by Scottsbluff"; in Spanish "vive en", "de Vieques", "pediatra en Loíza"
        r"(?:out|over|up|down)\s+(?:by|past)|vive\s+en|viven\s+en|est[aá]\s+en|pediatra\s+en|"
        r"(?:a[ñn]os|ni[ñn]os?|ni[ñn]as?|nena|nene|familia|paciente)\s+de|barrio|"
        r"(?:mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|aunt|uncle|parents?)"
        r"(?:'s|\u2019s)\s+(?:(?:house|place|home|apartment|trailer)\s+)?in)"
        r"\s*$|\b(?P<weak>in|from|to|at|near|outside|around|en|de|desde)\s*$"
    )
)


# Five digits, no digit before or after (opens with its character: see echo.phi.text).
_FIVE_DIGITS = re.compile(r"\d(?<!\d\d)\d{4}(?!\d)")
# Words before "rd", "st", "dr" that make no street: "on the road", "on 3rd st" is numbered.
_NOT_STREETS = word_set("the a my our this that dirt back side long open")
# What may follow a street address: ", Millbrook", ", OH", " 04521".
_AFTER_ADDRESS_CITY = re.compile(
    r",[ \t]*(?P<city>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){0,2}(?![\w'\u2019-])"
    # typed in lower case, the ZIP code after it: ", nowata 74048"
    r"|[a-z][a-z'\u2019-]+(?:[ \t][a-z][a-z'\u2019-]+)?(?=,?[ \t]+\d{5}(?!\d)))"
)
_AFTER_ADDRESS_ZIP = re.compile(
    r",?[ \t]*(?:(?:[A-Z]{2}|" + _STATE_NAMES + r")(?![\w.]),?[ \t]*)?"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)
# "Millbrook 04521", "Springfield, 62704": a ZIP after a listed place name.
_CITY_ZIP = re.compile(
    r"(?P<city>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){0,2}|[A-Z]{3,}(?:[ \t][A-Z]{3,})?)"
    r",?[ \t]+\(?"
    r"(?P<zip>\d{5})(?:-\d{4})?(?![\w-]|[.,]\d)"
)


def find(doc: Document) -> Iterator[Hit]:
    yield from _streets(doc)
    if doc.holds(_FIVE_DIGITS):
        yield from _zip_codes(doc.text)
    yield from _cities_with_state(doc)
    yield from _gazetteer_cities(doc)
    yield from _cued_towns(doc)
    yield from _towns_after_institutions(doc)
    yield from _towns_set_off(doc)
    yield from _towns_by_shape(doc)
    yield from _typed_towns(doc)
    yield from _counties(doc)
    yield from _named_posts_and_towns(doc)
    for m in doc.find_near(_PLACE_FIELD, _PLACE_FIELD_WORDS, 2, 40) if ":" in doc.text else ():
        words = m.group("name").split()
        # "City: Great Falls State: MT", "County: Tallahatchie Presenting problem": the
        # longest listed place, else the first word; the next field's label is no part of it
        listed = [n for n in range(len(words), 0, -1) if known_place(" ".join(words[:n]))]
        first = fold(words[0])
        if not listed and (first in FUNCTION_WORDS or is_word(first)):
            continue  # "City: Unknown"
        end = m.start("name") + len(" ".join(words[: listed[0] if listed else 1]))
        yield Hit(m.start("name"), end, "city", Priority.COUNTY, SUGGESTIONS["city"])
    for m in doc.fast(_RESERVATION).finditer(doc.text) if doc.lows & _RESERVATION_WORDS else ():
        name = m.group("name").lower()
        if name.split()[0] not in FUNCTION_WORDS and name not in _NOT_RESERVATIONS:
            yield Hit(m.start("name"), m.end("name"), "city", Priority.COUNTY, SUGGESTIONS["city"])


def _zip_hit(start: int, end: int, digits: str) -> Hit:
    prefix = "000" if digits[:3] in _RESTRICTED_ZIP3 else digits[:3]
    return Hit(start, end, "zip", Priority.ZIP, f"[ZIP {prefix}]")


_DIRECTIONS = frozenset("nsew")


def _streets(doc: Document) -> Iterator[Hit]:
    """Street addresses (and the city and ZIP code after them), named streets, PO boxes and
    named homes."""
    text = doc.text
    streets = bool(doc.lows & STREET_WORDS)
    # an address ends with its street word: read only before one (and the unit after it)
    street_spans = doc.near(STREET_WORDS, 70, 30) if streets else []
    for rx in (_ADDRESS_MIXED, _ADDRESS_ANYCASE) if streets else ():
        for m in find_in(rx, text, street_spans):
            words = [w.lower() for w in re.findall(r"(?<!\d)[A-Za-z]+", m.group())]
            suffix = max((k for k, w in enumerate(words) if w in STREET_WORDS), default=0)
            # "2101 W 1st St": the direction and the ordinal's letters are no words
            words = [w for w in words[:suffix] if w not in _DIRECTIONS]
            if any(w in FUNCTION_WORDS or w in _NOT_STREET_WORDS for w in words):
                continue
            yield Hit(
                m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"]
            )
            yield from _after_address(text, m.end())
    unit_or_direction = doc.near(_UNIT_OR_DIRECTION_WORDS, 12, 30)
    for m in find_in(doc.fast(_UNIT_OR_DIRECTION), text, unit_or_direction):
        group = "a" if m.group("a") else "b"
        if m.group(group).split()[-1].lower() in not_names():
            continue  # "apt 3, 2 Tylenol"
        yield Hit(
            m.start(group), m.end(group), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"]
        )
    for m in find_in(doc.fast(_NUMBERED_STREET), text, unit_or_direction):
        yield Hit(
            m.start("street"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    for m in doc.fast(_CORNER).finditer(text) if "corner" in doc.lows else ():
        yield Hit(
            m.start("address"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    lives_at = find_led(doc, _LIVES_AT_LED) if doc.lows & _LIVING_WORDS else ()
    for m in lives_at:
        yield Hit(
            m.start("address"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    for rx in (_STREET_NAMED, _STREET_CUED) if streets else ():
        for m in find_in(rx, text, street_spans):
            if m.groupdict().get("mlk"):
                yield Hit(
                    m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
                )
                continue
            first = m.group("name").split()[0].lower()
            if first in FUNCTION_WORDS or first in not_names():
                continue
            if rx is _STREET_CUED and m.group().startswith("the") and m.group().endswith(_PATHS):
                continue  # "the Milky Way": after "on", "off", "near", never after "the"
            if m.group().rstrip(". ").endswith("Court") and first in _COURTS_OF_LAW:
                continue  # "Letter for Youth Court", "Superior Court": a court of law
            yield Hit(
                m.start("name"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
            )
    for m in doc.fast(_GRID_OR_CALLE).finditer(text) if any(map(doc.holds, _GRID_HINTS)) else ():
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
        yield from _after_address(text, m.end())
    for m in doc.find_near(_UNITS_IN_A_ROW, _UNIT_WORDS, 2, 60):
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
    for m in doc.find_near(_RESIDENCE_ROOM, _UNIT_WORDS, 2, 40):
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
    for m in doc.find_near(_HALL_ROOM, _ROOM_WORDS, 40, 12):
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
    for m in doc.find_near(_UP_THE_HOLLOW, _HOLLOW_WORDS, 40, 8):
        yield Hit(
            m.start("name"), m.end("name"), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    for m in doc.find_around(_STATE_ROAD, _STATE_ROAD_HINT, 16, 12):
        if text[m.end("road") : m.end("road") + 1] == "." and not m.group().lower().startswith(
            ("on", "off", "along")
        ):
            continue  # "FS at MN 69.": a reading at midnight; "a ditch on KY-15." is the road
        yield Hit(
            m.start("road"), m.end("road"), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    for m in doc.fast(_NUMBERED_ROAD).finditer(text) if doc.lows & _ROAD_WORDS else ():
        yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
    for m in doc.find_near(_MILE_ROAD, word_set("mile"), 2, 24):
        yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
    for m in doc.find_near(_TYPED_ROAD, _TYPED_ROAD_WORDS, 20, 12):
        yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
        yield from _after_address(text, m.end())  # "1189 cr 3400, nowata 74048"
    on_street = doc.near(_ON_STREET_WORDS, 5, 50) + doc.around(_ORDINAL_STREET_HINT, 8, 40)
    for m in find_in(doc.fast(_ON_A_STREET), doc.text, merged(on_street)):
        if m.group("numbered"):
            across = fold(m.group("numbered").rpartition("&")[2].strip())
            if across and is_word(across) and across not in _COMMON_STREETS:
                continue  # "off 2nd & final dose": no street across
            yield Hit(
                m.start("numbered"),
                m.end("numbered"),
                "address",
                Priority.NAMED_STREET,
                SUGGESTIONS["address"],
            )
            continue
        name = fold(m.group("street").split()[0])
        ordinal = any(c.isdigit() for c in m.group("street"))  # "5th", "maple and 3rd"
        if name in _ROAD_WORDS:  # "the crash on Rt 52": the road with its number
            number = re.match(r"[ \t]+\d{1,4}\b", doc.text[m.end("street") :])
            if number:
                end = m.end("street") + number.end()
                yield Hit(
                    m.start("street"), end, "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
                )
            continue
        if (ordinal and name not in FUNCTION_WORDS) or _street_named(name, m.group("street")):
            yield Hit(
                m.start("street"),
                m.end("street"),
                "address",
                Priority.NAMED_STREET,
                SUGGESTIONS["address"],
            )
    for m in doc.find_near(_LIVES_ON, _LIVING_WORDS | word_set("house home trailer farm"), 5, 60):
        if m.group("road").split()[0].lower() not in FUNCTION_WORDS:
            yield Hit(
                m.start("road"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
            )
    for m in doc.find_near(_TYPED_STREET, _STREET_TYPED_WORDS, 50, 6):
        words = m.group("name").split()
        # a word of the trade names a road only before a suffix that is no title ("on tanner
        # rd", not "on tanner dr smith's list")
        roadway = m.group().rstrip(".").rsplit(None, 1)[-1] not in ("st", "dr")
        if not any(
            w in FUNCTION_WORDS or (w in not_names() and not roadway) or w in _NOT_STREETS
            for w in words
        ):
            yield Hit(
                m.start("name"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
            )
    for m in doc.find_around(_ORDINAL_WITH_SUFFIX, _ORDINAL_WITH_SUFFIX_HINT, 8, 16):
        yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
    for m in doc.find_near(_CORNER_OF, frozenset({"corner"}), 2, 60):
        yield Hit(
            m.start("corner"),
            m.end("corner"),
            "address",
            Priority.NAMED_STREET,
            SUGGESTIONS["address"],
        )
    for m in doc.find_around(_COORDINATES, _COORDINATES_HINT, 8, 16):
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
    for m in doc.find_near(_HOME_BY_NUMBER, _HOME_BY_NUMBER_WORDS, 2, 40):
        yield Hit(
            m.start("home"),
            m.end("home"),
            "address",
            Priority.STREET_ADDRESS,
            SUGGESTIONS["address"],
        )
    for m in doc.find_around(_ORDINAL_CORNER, _ORDINAL_STREET_HINT, 20, 20):
        across = m.group("a") or m.group("b")
        low = fold(across)
        if low in _COMMON_STREETS or not (
            is_word(low) or low in first_names() or low in not_names() or low in MONTHS
        ):
            yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
    for m in doc.find_near(_NAMED_LOT, _LOT_WORDS, 40, 12):
        if m.group("name").split()[0].lower() not in FUNCTION_WORDS | word_set("parking"):
            yield Hit(
                m.start("name"),
                m.end("name"),
                "address",
                Priority.STREET_ADDRESS,
                SUGGESTIONS["address"],
            )
    for m in doc.find_near(_TRIBAL_ROUTE, _TRIBAL_ROUTE_WORDS, 2, 24):
        yield Hit(m.start(), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"])
    for m in doc.find_near(_TYPED_STATE_ROUTE, _TYPED_STATE_ROUTE_WORDS, 2, 24):
        yield Hit(
            m.start("road"), m.end("road"), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
        )
    for m in doc.find_near(_ON_SIDE_STREET, word_set("on"), 2, 40):
        yield Hit(
            m.start("street"),
            m.end("street"),
            "address",
            Priority.NAMED_STREET,
            SUGGESTIONS["address"],
        )
    for m in doc.find_near(_MISSION_SHELTER, _MISSION_WORDS, 40, 8):
        yield Hit(
            m.start("name"),
            m.end("name"),
            "address",
            Priority.STREET_ADDRESS,
            SUGGESTIONS["address"],
        )
    for m in doc.find_near(_NAMED_HOUSING, word_set("housing"), 40, 12):
        words = [w.lower() for w in m.group("name").split()]
        if not any(w in _NOT_A_HOUSINGS_NAME or w in FUNCTION_WORDS for w in words):
            yield Hit(
                m.start("name"),
                m.end("name"),
                "address",
                Priority.STREET_ADDRESS,
                SUGGESTIONS["address"],
            )
    for m in doc.find_near(_LODGING_ROOM, _LODGING_WORDS, 45, 45):
        yield Hit(m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"])
    for m in doc.fast(_HOME_OFF).finditer(text) if " off " in text else ():
        if m.group("road").split()[0].lower() not in not_names():
            yield Hit(
                m.start("road"), m.end(), "address", Priority.NAMED_STREET, SUGGESTIONS["address"]
            )
    for rx in (_PO_BOX, _HOMES) if doc.lows & (_HOME_WORDS | _ROUTE_BOX_WORDS) else ():
        for m in rx.finditer(text):
            first = m.group().split()[0].lower()
            if first in FUNCTION_WORDS or (m.group()[0].islower() and first in _ANY_HOMES):
                continue
            yield Hit(
                m.start(), m.end(), "address", Priority.STREET_ADDRESS, SUGGESTIONS["address"]
            )
            if rx is _PO_BOX:  # "RR 3 Box 118, Clarion, PA", "HC 61 Box 27A, Hindman."
                yield from _after_address(text, m.end())


def _street_named(name: str, street: str) -> bool:
    """Whether the words after "on" name a street: `name`, its first word folded, is no word
    (but the streets every town has, "Elm", "Main"), no month and no function word."""
    return not (
        (is_word(name) and not (name in _COMMON_STREETS and " " not in street))
        or name in not_names()
        or name in MONTHS
        or name in FUNCTION_WORDS
        or name.removesuffix("s") in FUNCTION_WORDS  # "church on Sundays"
    )


# "Bright Beginnings on Genesee", "Kiddie Kampus on Oak": the street a named school, daycare
# or clinic stands on, named alone after it.
_ON_STREET_AFTER = re.compile(
    r"[ \t]+on[ \t]+(?P<street>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b(?!['\u2019-])"
)


# "the rink on Elm", "that flat on Vernor", "the walmart lot on Ridgeway": a place of the
# child's days, then the street it is on.
_PLACE_ON_STREET = re.compile(
    r"(?i:\b(?:rink|lot|store|shop|house|flat|apartment|apt|projects|laundromat|bodega|"
    r"taqueria|taquer\u00eda|diner|gas[ \t]station|corner|shelter|motel|trailer|camper|park))"
    r"(?=[ \t]+on[ \t]+[A-Z])"
)
_PLACE_ON_STREET_WORDS = word_set(
    """rink lot store shop house flat apartment apt projects laundromat bodega taqueria
    taquería diner station corner shelter motel trailer camper park"""
)


def streets_after_places(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """The street named after a school, a facility, a business or a person the other rules
    found ("the daycare, Kiddie Kampus on Oak, expelled him", "mom works at the HEB on
    Saunders"), or after a place of the child's days ("the rink on Elm")."""
    ends = [hit.end for hit in kept if hit.kind in ("school", "facility", "address", "name")]
    ends += [
        m.end() for m in doc.find_near(_PLACE_ON_STREET, _PLACE_ON_STREET_WORDS, 2, 20)
    ]  # ("the Sunset Motel room 12 on Main": after the room)
    for end_of_place in sorted(set(ends)):
        m = _ON_STREET_AFTER.match(doc.text, end_of_place)
        if m is None:
            continue
        street = m.group("street")
        if (
            street in ACRONYMS
            or (" " in street and known_place(street))  # "IS 61 on Staten Island": a borough
            or not _street_named(fold(street.split()[0]), street)
        ):
            continue
        end = m.end("street")
        if fold(street) in _ROAD_WORDS and (number := re.match(r"[ \t]+\d{1,4}\b", doc.text[end:])):
            end += number.end()  # "rm 14 on Rt 9": the road with its number
        yield Hit(m.start("street"), end, "address", Priority.NAMED_STREET, SUGGESTIONS["address"])


def _zip_codes(text: str) -> Iterator[Hit]:
    """A ZIP code after a listed place ("Millbrook 04521", with the place), after "zip" or
    after a state."""
    starts = _five_digit_starts(text)
    # a town before its ZIP code: read only just before a five-digit number
    for m in find_in(_CITY_ZIP, text, windows(starts, len(text), 45, 12)):
        words = m.group("city").split()
        for k in range(len(words)):
            city = " ".join(words[k:])
            if known_place(city) and city.lower() not in not_names():
                if city.lower() not in regions():
                    start = m.end("city") - len(city)
                    yield Hit(
                        start, m.end("city"), "city", Priority.CITY_BEFORE_ZIP, SUGGESTIONS["city"]
                    )
                yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
                break
    for m in find_in(_ZIP_CONTEXT, text, windows(starts, len(text), 24, 12)):
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    for m in find_in(_STREET_TOWN_ZIP, text, windows(starts, len(text), 40, 12)):
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    for m in find_in(_TYPED_STATE_ZIP, text, windows(starts, len(text), 4, 12)):
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    fives = windows(starts, len(text), 45, 25)
    for m in find_in(_ZIP_AS_PLACE, text, fives):
        group = "zip" if m.group("zip") else "zip2"
        yield _zip_hit(m.start(group), m.end(group), m.group(group))
    for m in find_in(_COUNTY_ZIP, text, windows(starts, len(text), 12, 12)):
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))
    for m in find_in(_STATE_ZIP, text, windows(starts, len(text), 30, 12)):
        if len(m.group("state")) == 2 and m.group("state") not in US_STATE_ABBREVIATIONS:
            continue
        yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))


def _five_digit_starts(text: str) -> list[int]:
    return [m.start() for m in _FIVE_DIGITS.finditer(text)]


def _cities_with_state(doc: Document) -> Iterator[Hit]:
    """A city with its state: "Dayton, OH", "Springfield, Illinois 62704" (not "Tired, OK")."""
    for m in doc.find_around(_CITY_STATE, _CITY_STATE_HINT, 80, 50):
        city_words = m.group("city").split()
        state = m.group("state")
        if len(state) == 2 and state not in US_STATE_ABBREVIATIONS:
            continue
        unambiguous = len(state) > 2 or state not in _AMBIGUOUS_STATES
        while city_words and (
            city_words[0].lower() in FUNCTION_WORDS
            or (
                city_words[0].lower() in english()
                # "Globe, AZ": a listed place before an unambiguous state stays
                and not (unambiguous and known_place(" ".join(city_words)))
            )
        ):
            city_words.pop(0)
        if not city_words:
            continue
        city = " ".join(city_words)
        known = known_place(city)
        if (
            _STATE_STARTS_CITY.match(doc.text, m.end("state"))
            or _STATE_ISSUED.match(doc.text, m.end("state"))
            or city_words[-1].lower().rstrip(".") in STREET_WORDS
        ):
            continue  # "1060 Harrison Rd, Colorado Springs": a street, then a city's first word
        if city.isupper() or (state.replace(".", "") in _AMBIGUOUS_STATES and not known):
            continue
        if not known and (is_word(city.lower()) or city.lower() in not_names()):
            continue
        if known and city.lower() in not_names() and not unambiguous:
            continue
        start = m.end("city") - len(city)
        yield Hit(start, m.end("city"), "city", Priority.CITY_WITH_STATE, SUGGESTIONS["city"])
        if m.group("zip"):
            yield _zip_hit(m.start("zip"), m.end(), m.group("zip"))


def _after_address(text: str, end: int) -> Iterator[Hit]:
    """The city and ZIP code that close a street address: "12 Oak Ave, Millbrook 04521"."""
    city = _AFTER_ADDRESS_CITY.match(text, end)
    if city is not None:
        words = city.group("city").split()
        name = city.group("city")
        if (
            words[0].lower() not in FUNCTION_WORDS
            and name.lower() not in regions()
            and not re.fullmatch(_STATE_NAMES, name)
        ):
            yield Hit(
                city.start("city"),
                city.end("city"),
                "city",
                Priority.CITY_WITH_STATE,
                SUGGESTIONS["city"],
            )
            end = city.end("city")
    zip_ = _AFTER_ADDRESS_ZIP.match(text, end)
    if zip_ is not None:
        yield _zip_hit(zip_.start("zip"), zip_.end(), zip_.group("zip"))


def _gazetteer_cities(doc: Document) -> Iterator[Hit]:
    """A US place name after a place cue ('lives in Dayton'), or any multi-word one."""
    toks = doc.toks
    index = places()
    free_from = 0  # a place's words are not read again as the start of another
    for i in doc.places_of(doc.lows & index.keys()):
        if i < free_from:
            continue
        match = _place_at(doc, i)
        if match is None or not _is_city(doc, i, match):
            continue
        last = toks[i + len(match) - 1]
        yield Hit(
            toks[i].start, last.end, "city", Priority.CITY_FROM_GAZETTEER, SUGGESTIONS["city"]
        )
        free_from = i + len(match)


def _place_at(doc: Document, i: int) -> tuple[str, ...] | None:
    """The longest listed place whose words start at toks[i] (capitalised in mixed text)."""
    text, toks = doc.text, doc.toks
    t = toks[i]
    candidates = places().get(t.low)
    # "in pigeon forge", "out by sulphur springs": in mixed text a place of several words
    # typed in lower case counts only right after a place word
    typed = t.mode == "mixed" and t.shape == "lower" and i and toks[i - 1].low in _LOWER_PLACE_CUES
    if not candidates or (t.mode == "mixed" and t.shape not in ("title", "upper") and not typed):
        return None
    match: tuple[str, ...] | None = None
    ahead = tuple(tok.low for tok in toks[i : i + len(candidates[0])])  # (the longest first)
    for cand in candidates:
        if i + len(cand) > len(toks):
            continue
        if ahead[: len(cand)] == cand and all(
            text[toks[i + k].end : toks[i + k + 1].start] in (". ", " ", "-")
            for k in range(len(cand) - 1)
        ):
            match = cand
            break
    if match is None or (
        typed and (len(match) == 1 or match[0] in _NOT_TYPED_START or " ".join(match) in english())
    ):
        return None
    if typed:
        return match if all(toks[i + k].shape == "lower" for k in range(len(match))) else None
    if t.mode == "mixed" and any(
        toks[i + k].shape not in ("title", "upper") and toks[i + k].low not in ("of", "de", "la")
        for k in range(len(match))
    ):
        return None
    return match


def _is_city(doc: Document, i: int, match: tuple[str, ...]) -> bool:
    """Whether the place at toks[i] is meant as one: after a cue, or a name of several words
    that is no English phrase; never a state, country or an institution's first word."""
    toks = doc.toks
    t = toks[i]
    name = " ".join(match)
    before = doc.text[max(0, t.start - 30) : t.start]
    cue = _CITY_CUE.search(before)
    strong = bool(cue and cue.group("strong") and before[cue.end() :].strip() == "")
    weak = bool(cue and cue.group("weak"))
    ambiguous_word = name in english() or name in not_names() or name in FUNCTION_WORDS
    is_person = name in first_names() or name in surnames()
    nxt = toks[i + len(match)] if i + len(match) < len(toks) else None
    # ("Ogden High", an institution's first word; "lives in Ogden. SCHOOL:" is the town)
    before_institution = (
        nxt is not None
        and nxt.low in INSTITUTION_WORDS
        and adjacent(doc.text, toks[i + len(match) - 1], nxt)
    )
    if name in regions() or before_institution:
        return False
    if len(match) > 1 and not ambiguous_word and (t.mode != "mixed" or t.shape == "title"):
        return strong or weak or t.mode == "mixed"
    if len(match) > 1 and not ambiguous_word and t.shape == "lower":
        return strong or weak
    if strong:
        return not ambiguous_word or t.mode == "mixed"
    if weak and t.mode == "mixed":
        word = cue.group("weak").lower() if cue else ""
        if (
            word in ("in", "from", "en", "desde")
            and t.shape == "title"
            and name not in FUNCTION_WORDS
        ):
            # "parents in Anchorage", "dad called from Rosebud": a listed place, capitalised
            # mid-sentence (a person "from" is a listed given name or surname)
            followed = nxt is not None and nxt.shape == "title" and adjacent(doc.text, t, nxt)
            # ("from Central America": a listed word that starts a longer name)
            # ("papá en Orlando": Spanish "en" is "in")
            return word in ("in", "en") or not (is_person or t.sentence_start or followed)
        return not ambiguous_word and (word in ("in", "at", "near", "en") or not is_person)
    return False


# Towns the gazetteer does not list (small towns, neighbourhoods): a capitalised name after
# a strong cue ("moved from Eastbrook"), a name of two or three capitalised words after a
# weak one ("near Pike Hollow"), or one called an area ("in the Southgate neighborhood").
_AREA_WORDS = word_set("neighborhood neighbourhood area section side district subdivision")
_BRANCH_WORDS = word_set("site campus branch location chapter")
_NOT_TOWNS = word_set(
    """foster care custody school kindergarten preschool daycare detention juvenile shelter
    group home treatment residential hospital spanish english french"""
)


# The last word of every place cue ("lives in", "moved from", "near", "in the"): only a
# capitalised word after one of these is looked at further.
_CUE_ENDINGS = word_set("in from near outside around to of by past en de desde barrio")
_DISTANCE_WORDS = word_set("hour hours hr hrs mile miles minute minutes min mins outside")


# "Delta Rural Health Clinic, Belzoni, MS", "Westwood Family Clinic (Denver)", "Hilltop Drug,
# Cadiz": a practice's or a school's town, after its name in a letterhead or a signature.
_TOWN_AFTER_INSTITUTION = re.compile(
    r"\b(?:Clinic|Center|Centre|Hospital|Medicine|Pediatrics|Practice|Health|Care|Services|Drug|"
    r"Pharmacy|School|Elementary|Academy|Associates|Group|Partners|IHS|FQHC|FP|Psychiatry|"
    r"Psychology)(?:[ \t]*,[ \t]*|[ \t]*\([ \t]*)"
    r"(?P<town>[A-Z][a-z\u00e0-\u00ff\u02bb\u0121'-]+"
    r"(?:[ \t][A-Z][a-z\u00e0-\u00ff\u02bb'-]+){0,2})"
    r"(?=[ \t]*(?:,|\)|;|\||$|\n|[ \t](?:[A-Z]{2}\b|fax|ph|phone|tel|\(?\d{3})))"
)
_TOWN_AFTER_WORDS = word_set(
    """clinic center centre hospital medicine pediatrics practice health care services drug
    pharmacy school elementary academy associates group partners ihs fqhc fp psychiatry
    psychology"""
)


_NOT_TOWNS_AFTER = word_set("inc llc pc pllc md do np pa rn lcsw attn suite ste dept")


# "Kayenta. 15 yo girl", "From Browning. 9 yo": a message that opens with its town; "Pikeville
# area", "Portland-area practice", "PCP in hazard area": a listed town called an area.
_TOWN_OPENS = re.compile(
    r"(?m)^[ \t]*(?:[Ff]rom[ \t]+)?(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2})"
    r"(?:,[ \t]*[A-Z]{2})?[ \t]*[.:\u2013\u2014-][ \t]+(?=[^\n]{0,30}?\b\d{1,2}[ \t-]*"
    r"(?:yo|y/o|y\.o\.|year|yr|mo|a[ñn]os)\b)"
)
_TOWN_AREA = re.compile(
    r"\b(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?|(?<=\bin[ \t])[a-z]+)(?:-area\b|[ \t]+area\b)"
)


def _towns_by_shape(doc: Document) -> Iterator[Hit]:
    found = chain(
        find_in(doc.fast(_TOWN_OPENS), doc.text, doc.line_openings(120)),
        doc.find_near(_TOWN_AREA, frozenset({"area"}), 40, 6),
    )
    for m in found:
        low = fold(m.group("town"))
        if (
            known_place(low)
            and low not in first_names()
            and low not in regions()
            and not (m.group("town").islower() and is_word(low))
        ):
            yield Hit(
                m.start("town"),
                m.end("town"),
                "city",
                Priority.CITY_AFTER_CUE,
                SUGGESTIONS["city"],
            )


# "Elko NV, fam med.", "Plano TX peds group": a listed town and its state without a comma.
_TOWN_STATE_BARE = re.compile(
    r"\b(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?P<state>[A-Z]{2})(?=[ \t]*[,.:;)]|[ \t]+"
    r"(?:[a-z]|\d)|$)"
)
# "Cascade Peds Wenatchee 11/4", "Sandhills Family Medicine -- Lumberton", "Salud del Valle
# -- Lamont site": a listed town after a practice's name, set off by a dash or before "site".
_TOWN_AFTER_PRACTICE = re.compile(
    r"\b(?:Clinic|Center|Health|Medicine|Pediatrics|Peds|Practice|Station|Valle)"
    r"(?:[ \t]+(?:--|[-\u2013\u2014])[ \t]+|[ \t]+)"
    r"(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?=[ \t]+(?:site|\d{1,2}/\d{1,2})\b|[ \t]*(?:$|\n))"
)
# "12 yo, Hilltop, military family", "Lily, 13, Okemos.", "Pa Nhia Vang 16F, Wausau, seen
# at": a listed town set off just after the age.
_TOWN_AFTER_AGE = re.compile(
    r"(?<![\w-])\d{1,2}[ \t]*(?:yo|y/o|yrs?|[MF])?(?:[ \t]+[A-Za-z]+)?,[ \t]*"
    r"(?P<town>[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+)?)(?=[ \t]*[,.;]|[ \t]+\()"
)
# "15yo Aiden Jack, Hoonah.", "Paciente Luis Figueroa, 8 años, Caguas": the town after the
# child named with the age.
_TOWN_AFTER_NAMED_CHILD = re.compile(
    r"(?:\d{1,2}[ \t]*(?:yo|y/o|yrs?|a[ñn]os)[ \t]+(?:(?:girl|boy|[MF]),?[ \t]+)?)"
    r"(?:[A-Z][a-z'\u2019\u00e0-\u00ff-]+[ \t]){1,3}?[A-Z][a-z'\u2019\u00e0-\u00ff-]+,[ \t]*"
    r"(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?=[ \t]*[,.;(])"
)
# the town's shape: a capitalised word set off by a comma ("..., Okemos.")
_TOWN_SET_OFF_HINT = re.compile(r",[ \t]*[A-Z][a-z]+(?:[ \t-][A-Z][a-z]+)?[ \t]*[,.;(]")


def _towns_set_off(doc: Document) -> Iterator[Hit]:
    text = doc.text
    capitals = [doc.toks[i] for i in doc.capitals]
    states = [t.start for t in capitals if t.text in US_STATE_ABBREVIATIONS]
    found = chain(
        (
            m
            for m in find_in(doc.fast(_TOWN_STATE_BARE), text, windows(states, len(text), 30, 4))
            if m.group("state") in US_STATE_ABBREVIATIONS
        ),
        doc.find_near(_TOWN_AFTER_PRACTICE, _PRACTICE_WORDS, 2, 40),
        doc.find_around(_TOWN_AFTER_AGE, _TOWN_SET_OFF_HINT, 30, 30),
        doc.find_around(_TOWN_AFTER_NAMED_CHILD, _TOWN_SET_OFF_HINT, 60, 30),
    )
    for m in found:
        low = fold(m.group("town"))
        if (
            known_place(low)
            and low not in regions()
            and low not in first_names()
            and low not in not_names()
            and not is_word(low)
        ):
            yield Hit(
                m.start("town"), m.end("town"), "city", Priority.CITY_AFTER_CUE, SUGGESTIONS["city"]
            )


_PRACTICE_WORDS = word_set("clinic center health medicine pediatrics peds practice station valle")


def _towns_after_institutions(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_TOWN_AFTER_INSTITUTION, _TOWN_AFTER_WORDS, 2, 60):
        low = fold(m.group("town"))
        first = low.split()[0]
        listed = known_place(low)  # "Denver" is also a screening test's name
        if (
            low in regions()
            or first in _NOT_TOWNS_AFTER
            or (not listed and (first in FUNCTION_WORDS or first in not_names() or is_word(first)))
        ):
            continue
        yield Hit(
            m.start("town"), m.end("town"), "city", Priority.CITY_BEFORE_ZIP, SUGGESTIONS["city"]
        )


def _cued_towns(doc: Document) -> Iterator[Hit]:
    toks = doc.toks
    for i in range(1, len(toks)):
        t = toks[i]
        if t.shape != "title" or t.mode != "mixed":
            continue
        before = toks[i - 1].low
        if before == "the" and i > 1:
            before = toks[i - 2].low
        if before == "of" and not (i > 1 and toks[i - 2].low in _DISTANCE_WORDS):
            continue  # "of" leads to a town only after a distance ("2 hours of Ashby")
        called = (  # "the Southgate neighborhood", "the Mullens site"
            toks[i - 1].low == "the"
            and i + 1 < len(toks)
            and toks[i + 1].low in _AREA_WORDS | _BRANCH_WORDS
        )
        if (before not in _CUE_ENDINGS and not called) or not _may_start_town(t.low):
            continue
        j = i + 1
        while (
            j < len(toks)
            and j - i < 3
            and toks[j].shape == "title"
            and (adjacent(doc.text, toks[j - 1], toks[j]) and _may_start_town(toks[j].low))
        ):
            j += 1
        if _town_is_meant(doc, i, j):
            yield Hit(
                t.start, toks[j - 1].end, "city", Priority.CITY_AFTER_CUE, SUGGESTIONS["city"]
            )


def _may_start_town(low: str) -> bool:
    return not (
        low in FUNCTION_WORDS
        or low in MONTHS
        or low in _NOT_TOWNS
        or low in US_STATE_ABBREVIATIONS
        or low in INSTITUTION_WORDS
    )


def _town_is_meant(doc: Document, i: int, j: int) -> bool:
    toks = doc.toks
    name = " ".join(t.low for t in toks[i:j])
    institution_after = j < len(toks) and toks[j].low in INSTITUTION_WORDS
    if institution_after and toks[j].shape == "lower" and known_place(name):
        return True  # "it's Marisela from the Nogales clinic": the town's clinic
    if name in regions() or institution_after:
        return False
    before = doc.text[max(0, toks[i].start - 30) : toks[i].start]
    area = j < len(toks) and toks[j].low in _AREA_WORDS and before.lower().endswith("the ")
    if area:
        return True
    branch = j < len(toks) and toks[j].low in _BRANCH_WORDS and before.lower().endswith("the ")
    if branch:  # "the Mullens site": a practice's site named by its town
        return (name not in english() and name not in not_names()) or known_place(name)
    cue = _CITY_CUE.search(before)
    if cue is None or before[cue.end() :].strip():
        return False
    single = j - i == 1
    unknown = name not in english() and name not in first_names() and name not in not_names()
    if cue.group("strong"):
        return not single or unknown
    word = cue.group("weak").lower()
    if single:  # "out near Tolliver", "my patient from Millersburg", "a practice in Bottineau"
        if not unknown or word not in ("near", "outside", "around", "from", "in"):
            return False
        if word == "from" and name in surnames():
            # "a letter from Patel" is a person; "13, from Hyden" and "the boy from Greenup" a town
            return bool(_FROM_A_PLACE.search(before[: cue.start()]))
        return True
    return word in ("in", "near", "from", "outside", "around")


# "up in bayfield", "over in harmony", "at dads in wellsburg": a town typed in lower case
# after words that only lead to a place.
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_TYPED_TOWN = at_word_starts(
    re.compile(
        r"(?i:\b(?:(?:up|over|out|down|back)\s+in|(?:lives?|living)\s+in|moved\s+(?:to|from)"
        r"|(?:we're|we\s+are|were|i'm|im|i\s+am|they're|they\s+are)\s+(?:out\s+)?in"
        r"|(?:kid|boy|girl|teen|family|fam|pt|yo)\s+from"
        # "11 yo boy in bethel", "new placement in dyersburg", "fnp in hazard"
        r"|(?:\d{1,2}\s*yo(?:\s+(?:boy|girl|m|f))?|boy|girl|kid|teen|placement|family|fam|fnp|np|pa|"
        r"practice|clinic|office|peds)\s+in"
        r"|(?:moms?|dads?|grandmas?|grandpas?)(?:'s|\u2019s)?\s+in))\s+"
        r"(?P<town>[a-z][a-z'\u2019-]{2,})\b"
    )
)
_COURTS_OF_LAW = word_set(
    """youth juvenile superior district circuit family tribal drug probate municipal supreme
    county city magistrate children's childrens appeals chancery dependency"""
)
# "lives up Bearpen Holler", "the Hensley girl from up Stinking Creek", "at the end of KY
# 1087", "crashed on KY 7 near Vicco": where a rural family lives, by its hollow, creek or
# state road.
_UP_THE_HOLLOW = re.compile(
    r"(?i:\b(?:up|out|down)[ \t]+(?:on[ \t]+|in[ \t]+|the[ \t]+)?)"
    r"(?P<name>[A-Z][a-z'\u2019]+(?:[ \t][A-Z][a-z'\u2019]+)?[ \t]+"
    r"(?:Holler|Hollow|Branch|Creek|Fork|Run|Gap|Bottom|Knob|Ridge))\b"
)
# "Lot 12, Tract 9215", "Bldg 4, Apt 2C, Capodanno Dr", "Unit 14, Bldg 3, Chalan Kareta": a
# home named by its lot, building and unit, with or without the street.
# ("building 1, apt 1402": typed in lower case too; "Cottage 4, bed B", "Bldg 4-1127, Room
# 310": where a youth lives in a residential program or a barracks, a room or a bed only
# after the cottage or the building: not "clinic room 4, bed B", nor a ward's "Unit 4, Room 12")
_UNIT_ID = r"[ \t]*#?[ \t]*(?:\d{1,5}(?:-\d{1,5})?[A-Za-z]?|[A-Za-z](?!\w))"
_UNIT_PART = r"(?i:lot|tract|bldg\.?|building|unit|apt\.?|trailer|space|cottage)" + _UNIT_ID
_RESIDENCE_ROOM = re.compile(
    rf"\b(?i:cottage|bldg\.?|building|barracks){_UNIT_ID},?[ \t]*(?i:room|rm|bed){_UNIT_ID}"
)
_UNITS_IN_A_ROW = re.compile(
    rf"\b{_UNIT_PART}(?:,?[ \t]*{_UNIT_PART})+"
    r"(?:,[ \t]*(?:[A-Z][a-z]+[ \t]){0,2}[A-Z][a-z]+"
    r"(?:[ \t](?:Dr|St|Rd|Ave|Ln|Ct|Way|Loop|Blvd))?)?"
)
_UNIT_WORDS = word_set("lot tract bldg building unit apt trailer space cottage barracks")
# "dorm: Hughes Hall rm 310", "Maple Cottage, room 4": a residence hall's room, where a youth
# lives in a school or a residential program.
_HALL_ROOM = re.compile(
    r"\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+(?:Hall|Cottage|Dorm),?[ \t]+(?i:rm|room)\.?[ \t]*#?"
    r"\d{1,4}[A-Z]?\b"
)
_ROOM_WORDS = word_set("rm room")
_HOLLOW_WORDS = word_set("holler hollow branch creek fork run gap bottom knob ridge")
_STATE_ROAD = re.compile(
    r"(?:\b(?:on|off|of|near|up|along|at)[ \t]+(?:the[ \t]+)?)"
    r"(?P<road>(?:KY|WV|VA|TN|OH|IN|NC|SC|GA|AL|MS|AR|MO|IA|NE|KS|OK|TX|NM|AZ|CO|UT|WY|MT|ND|SD|"
    r"MN|WI|MI|PA|NY|ME|VT|NH|LA|FL|US|SR|BIA)"
    # ("a hogan off N-21": a Navajo Nation route)
    r"[ \t-]?\d{1,4}|N-\d{1,4})\b(?![\w/-]|\.\d|['\u2019]s)"
)
# (opens with its character: see echo.phi.text)
_STATE_ROAD_HINT = re.compile(r"[A-Z](?:[A-Z][ \t-]?\d|(?<=N)-\d)")
_NOT_TYPED_TOWNS = word_set(
    """arms public front bed class school town church court charge time order general
    particular private person trouble tears pain flames smoke care custody foster detention
    rehab jail prison treatment therapy counseling recovery remission crisis distress tow
    line with there here this that what those these their the his her our your"""
)


# "County: Tallahatchie", "Town: Lusk": a form's place field.
_PLACE_FIELD = re.compile(
    r"\b(?:County|Parish|Borough|Town|City|Village|COUNTY|TOWN|CITY)[ \t]*:[ \t]*"
    r"(?P<name>[A-Z][A-Za-z'\u2019-]+(?:[ \t][A-Z][A-Za-z'\u2019-]+){0,2})"
)
_PLACE_FIELD_WORDS = word_set("county parish borough town city village")
_TYPED_TOWN_CUES = word_set("in near from outside by past")
_TYPED_TOWN_AFTER = word_set("in from to")


def _typed_towns(doc: Document) -> Iterator[Hit]:
    toks = doc.toks
    for i in doc.after_words(_TYPED_TOWN_CUES):
        t = toks[i]
        # "in tilden", "nowhere near mcalester": a listed town that is no word nor a name
        if (
            t.shape == "lower"
            and len(t.low) > 3
            and (
                toks[i - 1].low in ("in", "near", "from", "outside")
                # "out by dilley", "way past lusk"
                or (i > 1 and toks[i - 2].low in ("out", "up", "down", "over", "way"))
            )
            and known_place(t.low)
            and not (
                is_word(t.low)
                # "a note from smith": after "from" a name is a person
                or ((t.low in surnames() or t.low in first_names()) and toks[i - 1].low == "from")
                or t.low in not_names()
                or t.low in US_STATE_NAMES
            )
        ):
            yield Hit(t.start, t.end, "city", Priority.CITY_AFTER_CUE, SUGGESTIONS["city"])
    candidates = [
        toks[i].start
        for i in doc.after_words(_TYPED_TOWN_AFTER)
        if toks[i].shape == "lower" and len(toks[i].low) > 2
    ]
    spans = windows(candidates, len(doc.text), 40, 30)
    for m in find_in(doc.fast(_TYPED_TOWN), doc.text, spans):
        town = m.group("town").lower()
        if town in _NOT_TYPED_TOWNS or town in FUNCTION_WORDS or town in US_STATE_NAMES:
            continue
        if len(town) < 4 and not known_place(town):
            continue  # "kid from tok": a short word only when it is a listed town
        where = m.group(0).lower()
        if (
            town in english()
            and not (
                where.startswith(("up", "over", "out", "down", "we", "i", "they"))
                # "fnp in hazard", "practice in bishop": a clinician says where they work
                or where.startswith(("fnp", "np ", "pa ", "practice", "clinic", "office", "peds"))
                or re.match(r"\s+(?:area|county)\b", doc.text[m.end() :])
            )
        ):
            continue
        if town in english() and not known_place(town):
            continue
        if town in not_names() or town in MONTHS:
            continue
        if town in first_names() and not known_place(town):
            continue
        yield Hit(m.start("town"), m.end(), "city", Priority.CITY_AFTER_CUE, SUGGESTIONS["city"])


_NOT_RESERVATIONS = word_set("indian tribal local nearby rural federal state big small")


# Who comes from a town rather than from a person: a child, a family, an age.
_FROM_A_PLACE = re.compile(
    r"(?i)(?:\b(?:boy|girl|kid|child|family|patient|pt|teen|he|she|they|yo|y/o|f|m)|\d|[)\]])"
    r"\s*,?\s*$"
)


# "a Eureka-based agency"; "the Fort Bragg clinic", "Ft. Hood", "Joint Base Lewis-McChord":
# a town by its adjective, a military post by its name.
_PLACE_BASED = re.compile(
    r"\b(?P<city>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)(?:-based\b|[ \t]+(?:office|branch)\b)"
)
_MILITARY_POST = re.compile(
    r"\b(?:Fort|Ft\.)[ \t]+[A-Z][a-z]+(?:[ \t](?!Hospital|Clinic|Medical)[A-Z][a-z]+)?"
    r"|\b(?:Joint[ \t]+Base|Camp)[ \t]+[A-Z][\w-]+"
    r"|\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+(?:Air[ \t]+Force[ \t]+Base|AFB|"
    r"Naval[ \t]+(?:Station|Air[ \t]+Station|Base)|"
    r"Marine[ \t]+Corps[ \t]+(?:Base|Air[ \t]+Station))\b"
)


def _named_posts_and_towns(doc: Document) -> Iterator[Hit]:
    text = doc.text
    places_by = "-based" in text or doc.lows & word_set("office branch")
    for m in doc.fast(_PLACE_BASED).finditer(text) if places_by else ():
        if known_place(m.group("city")):
            yield Hit(
                m.start("city"), m.end("city"), "city", Priority.CITY_AFTER_CUE, SUGGESTIONS["city"]
            )
    posts = doc.lows & word_set("fort ft base afb naval marine")
    for m in doc.fast(_MILITARY_POST).finditer(text) if posts else ():
        yield Hit(m.start(), m.end(), "city", Priority.COUNTY, "[a military base]")


def _counties(doc: Document) -> Iterator[Hit]:
    """Counties and townships: "Franklin County", "Wayne Township"."""
    text, toks = doc.text, doc.toks
    for i in doc.places_of(COUNTY_WORDS):
        t = toks[i]
        if i == 0:
            continue
        if t.mode == "mixed" and t.shape != "title":
            continue
        j = i
        while j > 0 and i - j < 3 and adjacent(text, toks[j - 1], toks[j]):
            prev = toks[j - 1]
            if prev.low in FUNCTION_WORDS or prev.low in GENERIC_PLACE_WORDS:
                break
            if prev.mode == "mixed" and prev.shape != "title":
                break
            j -= 1
        if j == i:
            continue
        yield Hit(toks[j].start, t.end, "city", Priority.COUNTY, "[a county]")
