"""Numbers that identify: Social Security numbers; medical record, health plan, account,
license, vehicle and device numbers after the word that names them ("MRN 448812"); VINs,
MAC addresses, "#448812" and any long bare number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts, find_led, led
from echo.phi.vocabulary import ACRONYMS, US_STATE_ABBREVIATIONS, word_set

_SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
# "471 82 3306": the SSN's 3-2-4 grouping with spaces (no other number is written so).
_SSN_SPACED = re.compile(r"(?<![\w.,/-])(?<!\d )(?!000|666|9)\d{3} \d{2} \d{4}(?![\w/-]| \d)")
_SSN_SPACED_HINT = re.compile(r"\d \d\d \d")
_SSN_CONTEXT = re.compile(
    r"(?i)\b(?:ssn|ss\s?#|social(?:\s+security)?(?:\s+(?:number|no\.?|#))?)\s*(?:is|:|#|-)?\s*"
    r"(?:ends?\s+(?:in|with)\s+)?"  # "SSN ends in 6621"
    r"(?P<id>\d{9}|\d{3}[\s-]\d{2}[\s-]\d{4}|\d{3}\s+-\s+\d{2}\s+-\s+\d{4}|[x*]{3}-?[x*]{2}-?\d{4}"
    r"|\d{4})(?!\w)"
)


_ID_VALUE = (
    r"(?P<id>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,}[A-Za-z0-9]"
    # "ZXK 220 418 9", "T 220 418 771": a letter group, then digit groups
    r"|[A-Z]{1,4}[ ]\d{2,}(?:[ ]\d+)+"
    # "88 1204 33", "W77 4120 18": a short first group (the others are added after)
    r"|(?-i:[A-Z]{0,3})\d{2,3}(?=[ ]\d{2,}))"
)
_ID_SEP = (
    # "account (HAR) 771029384", "Medicaid (Healthy Blue) HB 220117403"
    r"(?:\s*\((?:[A-Za-z#]{2,5}|[A-Z][\w .&'-]{2,30})\))?"
    r"\s*,?\s*\(?\s*(?:numbers?|num|no\.?|#|id|ID)?\s*(?:on\s+file)?\s*[:#=]?\s*"
    # "MRN for Harper is 00-73-1192", "MRN at st lukes 44 22 318" (where the number is kept)
    # "her acct there is 4471 2290"
    # ("account # for billing: 8800-2231-45": what the number is for)
    r"(?:for\s+[A-Z][a-z]+\s+|for\s+(?:billing|claims|pharmacy|the\s+pharmacy)\s*:?\s*|at\s+[A-Za-z'\u2019.-]+(?:\s+[A-Za-z'\u2019.-]+){0,2}\s+)?"
    r"(?:(?:there\s+)?is\s+|of\s+|(?<=#\s)it['\u2019]?s\s+)?"
    # "permit (IA 284KL9021)", "license LCSW 12-34567": a state or a credential first
    r"(?:(?-i:[A-Z]{2}|LCSW|LPCC?|LMFT|LMSW|LPN|APRN|CDL)(?:\s+|\.)(?=[A-Z0-9-]*\d)"
    # "MRN PCHC 4471093", "member OHP 2290446710", "sponsor DoD 1402779831": a system's prefix
    # ("Chart MTK 40921": five digits after the system's letters)
    r"|(?-i:[A-Z][A-Za-z-]{1,6})\s+(?=\d{3}[\d-]{2,}))?"
)
# Identifier numbers after the word that names them: one pattern, a group per kind.
_ID_KINDS: tuple[tuple[str, str], ...] = (
    (
        "mrn",
        r"mrn|hrn|mr\s?#|medical\s+record(?:\s+number)?|med\s+rec|record|chart|"
        r"(?:patient|pt|hospital|hosp|unit|clinic)\s*(?:id|number|no\.?|#)|csn|encounter|"
        r"pt(?=\s+(?-i:[A-Z]{0,3})\d{6,})|"
        # "Expediente 40-1192", "no. de expediente", "exp. 18-22046": the record, in Spanish
        r"expediente|exp\.?(?=\s*\d[\d-]{4,}\d)(?!\s*(?:19|20)\d\d-\d{2,4}\b)",
    ),
    (
        "health_plan",
        r"(?:member|subscriber|beneficiary|policy|group|plan|insurance)\s*(?:id|number|no\.?|#)|"
        # (not a school board's "policy 5130")
        # (nor a plan's coverage rule: "plan policy BH-OP-002")
        r"medicaid|medicare|insurance|hicn|mbi|member|mcd|cin|"
        r"(?<!board\s)(?<!district\s)(?<!plan\s)(?<!clinical\s)(?<!medical\s)(?<!coverage\s)policy|"
        r"providerone|tricare\s+dbn|"
        r"medi-?cal|plan(?=\s*:)|sponsor|"
        # states' Medicaid and CHIP plans by name
        r"badgercare|masshealth|tenncare|soonercare|kancare|peachcare|husky(?:\s+[a-d])?|"
        r"mainecare|familycare|kidcare|hoosier\s+healthwise|apple\s+health|"
        r"dbn|dod\s+(?:id|benefits\s+number)|"
        r"(?:n[uú]mero\s+de\s+)?afiliado|p[oó]liza",
    ),
    (
        "account",
        r"account|acct|har|(?:billing|claim|case|booking|reference|ref|confirmation|invoice|order|"
        r"referral|ticket)\s*(?:id|number|no\.?|#)|(?:prior\s+)?auth(?:orization)?\s*#|"
        # "DCFS case 1009-4482-17": a case by its number alone
        r"case(?=\s+\d{3,}-\d{2,}-\d{2,})|"
        r"(?:pharmacy\s+)?profile|"
        # "Rx 4471882": a prescription number (not "Rx 10 mg")
        r"rx\s*(?:#|number|no\.?)?(?=\s*#?\s*\d{6,}(?![\w.]))",
    ),
    (
        "license",
        # ("Lic. Méd. 11842": a Spanish-speaking doctor's licence)
        r"(?:driver'?s\s+)?licen[cs]e(?!\s+plate)|lic\.?(?:\s*m[ée]d\.?)?|certificate|cert|permit|dea|npi|passport|"
        # "DL D1234567", "CDL 12-3456-78" (not "mg/dL")
        r"(?<!/)c?dl|state\s+id|id\s+card|ol(?=\s*#)|medallion|"
        # a tribal enrollment card ("CDIB 14-22871"), as the IHS asks for it
        r"cdib|enrollment\s*(?:id|number|no\.?|#)|tribal\s+(?:id|enrollment)",
    ),
    # ("Tail N911LM": an aircraft's registration, as a medevac manifest gives it)
    (
        "vehicle",
        r"(?:license|licence)\s+plate|plate|vin|tag\s+(?:number|no\.?|#)|vehicle|"
        r"tail(?:\s+(?:number|no\.?|#))?(?=\s*:?\s*N\d)",
    ),
    (
        "device",
        r"serial|s/n|sn|device(?:\s+[A-Z]{2,10})?\s*(?:id|number|#)|imei|udi|mac\s+address|"
        r"(?:n[uú]mero\s+de\s+)?serie|"  # "número de serie 1702-4455-19"
        r"implant\s+id|transmitter|sensor\s+(?:id|serial)|"
        r"asset\s+tag|"
        r"pump\s+(?:id|serial)|monitor\s+(?:unit|id|serial|#)|(?:ankle\s+)?unit(?=\s+[A-Z0-9-]{6,})|"
        r"sensor|receiver|processor|transmitter|"
        # "dexcom g6 tx id 8M4QJT", "CGM tx 4Q9W2R": a CGM's transmitter, as its app shortens it
        # (never a bare "TX", Texas before its ZIP)
        # ("omnipod 5, PDM 4300-1128-77": the pump's controller by its number)
        r"pdm(?=\s*#?\s*\d{3,}-)|"
        # ("dexcom g7 rcvr id 8JQ4-MM2K": its receiver)
        r"(?<=cgm\s)tx|(?<=g[67]\s)(?:tx|rcvr)|(?-i:tx|rcvr)(?=\s+(?:id|sn|serial)\b)|"
        # ("her CGM transmitter (tx 8FTW19)": letters and digits after it)
        r"(?-i:tx(?=\s+(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,8}\b))",
    ),
    ("other", r"id|ref\.?"),
)
# Every kind's words open with a letter: tried only where a word starts (see at_word_starts).
_IDS = at_word_starts(
    re.compile(
        r"(?i)\b(?:"
        + "|".join(f"(?P<{kind}_{n}>{words})" for n, (kind, words) in enumerate(_ID_KINDS))
        + r")"
        + _ID_SEP
        + _ID_VALUE
        + r"(?![\w-])"
    )
)
_ID_WORDS = word_set(
    """mrn hrn cdib enrollment tribal badgercare masshealth tenncare soonercare kancare peachcare
    husky vehicle mainecare familycare kidcare healthwise apple
    mr medical med record chart patient pt hospital unit clinic csn encounter member subscriber
    beneficiary policy group plan insurance medicaid medicare hicn mbi cin providerone tricare
    dbn dod monitor medi-cal medi cal auth authorization ol medallion sponsor sensor receiver
    processor profile account acct billing
    claim case booking reference ref confirmation invoice order referral ticket driver drivers
    license
    licence certificate cert permit dea npi plate vin tag serial s sn device imei udi mac
    implant pump id hosp asset dl cdl passport lic state card mcd har transmitter sensor afiliado
    poliza póliza rx tail tx rcvr expediente exp serie pdm"""
)
# "tag 7XYZ123", "plate GHT 4421", "tags read MXR-5512": a plate is capitals and digits,
# both, in one or two groups.
_PLATE = re.compile(
    r"(?i:\b(?:licen[cs]e\s+plate|plates?|tags?|reg(?:istration)?)(?:\s+(?:number|no\.?|#))?[ \t]*"
    r",?[ \t]*(?:is[ \t]+|was[ \t]+|reads?[ \t]+|:|#)?[ \t]*)"
    r"(?P<id>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})(?![\w-])"
)
_PLATE_WORDS = word_set("plate plates tag tags reg registration")
_PLATE_LED = led(_PLATE, ("licen", "plate", "tag", "reg"))  # what every match opens with
# "kept reading the plate back, RMT 4482", "when the tags, GA TKL9903, flagged": a plate a few
# words after the word for it, in capitals and digits.
_SERIAL_WORDS = word_set("serial s/n sn")
_PLATE_NEAR = re.compile(
    r"(?i:\b(?:plates?|tags?)\b)[^.\n]{0,24}?[ \t,(]"
    r"(?P<id>(?:[A-Z]{2}[ \t])?(?=[A-Z0-9 -]{0,9}\d)(?=[A-Z0-9 -]{0,9}[A-Z])[A-Z0-9]{2,4}[ -]?"
    r"[A-Z0-9]{3,5})"
    r"(?![\w/-])"
)
# "His truck (WA CFR4471) is still in our lot", "vehicle IL CK 58219": a state's two letters
# and a plate of capitals and digits a few words after a vehicle.
_PLATE_OF_VEHICLE = re.compile(
    r"(?i:\b(?:truck|car|van|suv|vehicle|pickup|sedan|jeep|camper|motorcycle)\b)[^.\n]{0,20}?"
    r"[ \t(](?P<state>[A-Z]{2})[ \t]+"
    r"(?P<id>(?=[A-Z0-9 -]{0,9}\d)(?=[A-Z0-9 -]{0,9}[A-Z])[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{2,5})?)"
    r"(?![\w/-])"
)
_VEHICLE_WORDS = word_set("truck car van suv vehicle pickup sedan jeep camper motorcycle")
# "the tablet serial in the ticket, DMPX7Q2K1HLF": a serial a few words after the word for it.
# A serial's shape: eight to twenty-one capitals, digits and dashes, with a digit and a capital.
_SERIAL_SHAPE = r"(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{7,20}"
_SERIAL_NEAR = re.compile(
    rf"(?i:\b(?:serial|s/n|sn)\b)[^.\n]{{0,30}}?[ \t,(:](?P<id>{_SERIAL_SHAPE})(?![\w-])"
)
# "school-issued iPad (DMPXL4K7Q1GC)", "Dexcom receiver: 4K7QW2R9T1": capitals and digits
# set off just after a device the child carries (a serial needs no label beside its device).
_SERIAL_OF_DEVICE = re.compile(
    r"(?i:\b(?:i?pad|tablet|chromebook|laptop|i?phone|cell|pump|cgm|dexcom|omnipod|libre|"
    r"receiver|transmitter|monitor|watch|hearing[ \t]+aids?|processor|stimulator|vns|"
    r"implant|bracelet)\b)[ \t]*(?:[(:#][ \t]*|[ \t]+(?=\w*\d))"
    rf"(?P<id>{_SERIAL_SHAPE})(?![\w-])"
)
# "dexcom G7 8R4TQ2 keeps alarming": a CGM transmitter's six- or seven-character id after the
# device and its model, no label between.
_CGM_ID = re.compile(
    r"(?i:\b(?:dexcom|cgm|libre|guardian)\b)(?:[ \t]+(?i:g[4-7]|one\+?|[23]|pro|sensor))?"
    r"[ \t]*[(:#]?[ \t]*(?P<id>(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,7})(?![\w-])"
)
_CGM_WORDS = word_set("dexcom cgm libre guardian")
# "Pump: Omnipod 5, PDM lot# 19A882": a device's lot number after the device (a vaccine's or a
# medicine's lot, with no device word before it, is no one's).
_LOT_OF_DEVICE = re.compile(
    r"(?i:\b(?:pdm|pump|pod|sensor|cgm|transmitter|implant|processor|receiver|stimulator|"
    r"nexplanon|iud)\b)"  # ("nexplanon lot U014982": the implant's)
    r"[^.\n]{0,16}?(?i:\b(?:lot|batch))[ \t]*(?:#|no\.?|number)?[ \t]*:?[ \t]*"
    r"(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,20})(?![\w-])"
)
_DEVICE_WORDS = word_set(
    """pad ipad tablet chromebook laptop phone iphone cell pump cgm dexcom omnipod libre receiver
    transmitter monitor watch aid aids processor stimulator vns implant bracelet"""
)
_LOT_WORDS = word_set("lot batch")
_VIN = re.compile(
    r"(?<![\w-])(?=(?:[A-HJ-NPR-Z]*\d){2})(?=(?:\d*[A-HJ-NPR-Z]){2})[A-HJ-NPR-Z0-9]{17}(?![\w-])"
)
_MAC = re.compile(r"(?i)(?<![\w:-])(?:[0-9a-f]{2}[:-]){5}[0-9a-f]{2}(?![\w:-])")
_HASH_NUMBER = re.compile(r"#\s?(?P<id>\d{5,})\b")
# "352-104-889-2210", "0045 2231 887": eight or more digits in three or more groups, the
# shape of a record or device number (see _is_record_shape: not a phone number, 3-3-4, nor an
# NDC code, 4-4-2, 5-3-2, 5-4-1, 5-4-2: FDA NDC Directory).
_GROUPED_DIGITS = re.compile(
    r"(?<![\w.,/-])(?<!\d )\d{2,6}(?:(?P<sep>[- ])\d{2,6})(?:(?P=sep)\d{1,6}){1,3}"
    r"(?![\w/-]|[.,]\d| \d)"
)
_NOT_PHONE_SHAPES = frozenset({(3, 3, 4), (1, 3, 3, 4)})
_NDC_SHAPES = frozenset({(4, 4, 2), (5, 3, 2), (5, 4, 1), (5, 4, 2)})
# "1190-2281", "00418-7731", "30-118842": a number of eight or more digits in two dashed
# groups (not a range of years, times or round amounts, nor a ZIP+4 code's shape after a town:
# that is a ZIP, found as one).
_TWO_GROUPS = re.compile(r"(?<![\w.,/-])(?P<a>\d{2,6})-(?P<b>\d{2,7})(?![\w/-]|[.,]\d)")
# (opens with its character: see echo.phi.text)
_TWO_GROUPS_HINT = re.compile(r"\d\d-\d\d")
_UNIT_AFTER = r"\s*(?:mg|mcg|ml|units?|iu|cells|k\b|%|times|days|weeks|hours|years|dollars)"


def _is_range(first: str, second: str) -> bool:
    """Whether "a-b" is a range rather than one number: too few digits, years, clock times
    or round amounts."""
    if len(first) + len(second) < 8:
        return True
    if all(re.fullmatch(r"(?:19|20)\d\d", g) for g in (first, second)):
        return True  # "2019-2021"
    if all(len(g) == 4 and int(g[:2]) < 24 and int(g[2:]) < 60 for g in (first, second)):
        return True  # "0800-1630"
    if len(first) == len(second) and abs(int(first) - int(second)) < 1000:
        return True  # "99446-99449": a range of codes
    return first.endswith("00") and second.endswith("00")  # "10000-20000"


# "KX40917", "JD-24-03318", "1EG4-TE5-MK72", "NH4471902A": capitals and four or more digits
# mixed in one identifier, with dashes or letters after digits (not "FY2025", "COVID-19").
_MIXED_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-]|\.\w)")
# A range with its unit ("40-100CC", "80-360ML"), or a phone number's letters ("-HELP").
_NOT_AN_ID = re.compile(r"^\d+-\d+[A-Z]{1,3}$|-[A-Z]{4,}$")
# (opens with its character: see echo.phi.text)
_MIXED_ID_HINT = re.compile(r"[A-Z\d](?:(?<=[A-Z])(?:-?\d|\d?-)|(?<=\d)-?[A-Z])")
# Quick patterns inside every match of the one named (see Document.around).
# "Sponsor SSN (TRICARE): xxx-xx-4471": the last four of an SSN, the rest masked.
_SSN_MASKED = re.compile(r"(?<![\w-])[xX*]{3}-[xX*]{2}-\d{4}(?![\w-])")
_SSN_MASKED_HINT = re.compile(r"[xX*]-\d{4}")
_SSN_HINT = re.compile(r"\d-\d\d-\d")
_HASH_SIGN = re.compile("#")
# (opens with its character: see echo.phi.text)
_VIN_HINT = re.compile(r"[A-HJ-NPR-Z0-9][A-HJ-NPR-Z0-9]{16}")
_MAC_HINT = re.compile(r"[:-][0-9A-Fa-f]{2}[:-]")
# (opens with its character: see echo.phi.text)
_GROUPED_HINT = re.compile(r"\d\d[- ]\d")
_LONG_HINT = re.compile(r"\d\d{6}")
_LABEL_AFTER_HINT = re.compile(r"\d[\d -]{5,}\d\s+(?:is|=|in|on)\b")
_LETTERS_THEN_DIGITS_HINT = re.compile(r"[A-Z][ -]?\d{3}")
# "W 7 2 0 4 4 8 1 1 9 3", "call me back at 6 0 6 5 5 5 0 1 7 1": a number read out digit by
# digit (speech to text, or a message typed as dictated); seven digits or more.
_READ_OUT = re.compile(r"(?<![\w.,/-])(?:[A-Z][ \t])?(?:\d[ \t]){6,}\d(?![\w/-]|[.,]\d)")
_READ_OUT_HINT = re.compile(r"\d \d \d \d")
# (a comma after it may end the clause: "IT'S 352099114438172, NOT SURE WHY"; "1,234,567" is a
# count)
_LONG_NUMBER = re.compile(r"(?<![\w.,/-])\d{7,}(?![\w/-]|[.,]\d)")


def _is_record_shape(number: str, spaced: bool) -> bool:
    """Eight or more digits in groups, not a phone number, an NDC code (dashed) or a date;
    spaced groups need one of four digits or more and not only years ("12 14 18 20" are
    scores, "2019 2020 2021" years)."""
    parts = re.split(r"[- ]", number)
    groups = tuple(len(g) for g in parts)
    if sum(groups) < 8 or groups in _NOT_PHONE_SHAPES:
        return False
    if spaced:
        return max(groups) >= 4 and not all(re.fullmatch(r"(?:19|20)\d\d", g) for g in parts)
    return groups not in _NDC_SHAPES and not _is_date_like(number)


_SSN_WORDS = word_set("ssn ss social")


# "Ricky Joe 9 yo 00482211, seen in", "Pt 7 yo F, 3381046, FASD": a record number straight
# after the child's age and sex, where a header puts it.
_NUMBER_AFTER_AGE = re.compile(
    # ("Pt Brayden Kowalczyk 9M 0081447219", "D.M., 13 M, KF30417", "Isaiah (7), 00937125")
    r"(?i:\b\d{1,2}[ \t]*(?:yo|y/o|y|(?-i:[MF])\b)(?:[ \t]*[mf]\b)?[ \t]*,?[ \t]+"
    r"|\b[A-Z][a-z]+[ \t]*\(\d{1,2}\),[ \t]*)"
    r"(?P<id>\d{6,10}|[A-Z]{1,3}\d{5,9})"
    r"(?![\d.,/:-]\d|[\d%])"
    r"(?![ \t]*(?i:units?|mg|mcg|ml|kg|lbs?|iu|cells|copies|platelets|plt|count)\b)"
)
_AGE_UNIT_HINT = re.compile(r"\d[ \t]*(?:(?i:yo|y/o|y\b)|[MF]\b|\),)")
# "kaden 13yo (20931), roblox user", "15M (#E44719)": a record number in brackets straight
# after the child's age, five digits or more (a year has four, a ZIP code follows a town).
_NUMBER_IN_BRACKETS_AFTER_AGE = re.compile(
    r"(?i:\b\d{1,2}[ \t]*(?:yo|y/o|y\.o\.|(?-i:[MF]))(?![\w.]))[ \t]*\([ \t]*(?:#[ \t]*)?"
    r"(?P<id>\d{5,10}|[A-Z]{1,3}-?\d{4,9}|\d{3,5}-\d{2,5})[ \t]*[,;)]"
)
# "quick q re jayden 6yo, 20-4471.", "9 y/o M, Brantley, 4417720-03,", "niño de 13 años
# (20931-7)": a number in groups set off after the age (and the name), where a header puts it.
_GROUPED_NUMBER_AFTER_AGE = re.compile(
    r"(?i:\b\d{1,2}[ \t]*(?:yo|y/o|y\.o\.|a(?:ñ|n)os|-year-old)(?:[ \t]+(?-i:[MF]))?)"
    r"(?:(?:,[ \t]*[A-Z][a-z'\u2019-]+)?,[ \t]+|[ \t]*\([ \t]*)"
    r"(?P<id>\d{2,7}-\d{1,5}(?:-\d{1,3})?)(?![\w/-]|[.,]\d)(?=[ \t]*[.,;:)]|[ \t]*$)",
    re.MULTILINE,
)
_AGE_WORD_HINT = re.compile(r"\d[ \t]*(?i:y|a[ñn]os|-year)")
# "- pt KX40917", "pt 4481-A, Mercy", "(hub pt B-0931)": capitals and digits after "pt", the
# child's number.
_CODE_AFTER_PT = re.compile(
    r"(?i:\b(?:pt|patient))[ \t]+"
    r"(?P<id>[A-Z]{1,3}\d{5,9}|[A-Z]{1,2}-\d{4,9}|\d{4,9}-[A-Z]{1,2}|\d{2,7}-\d{1,7}(?:-\d{1,3})?)"
    r"(?![\w-]|[.,]\d)"
)
_PT_WORDS = word_set("pt patient")
# "re lc-20418 13yo m brayden", "re: 448120-3 from last week": the number a message opens
# with, after "re", is the child's (a date there is read as one, a plain number is not).
_NUMBER_AFTER_RE = re.compile(
    r"(?m)^[ \t]*(?i:re)[ \t]*:?[ \t]+"
    r"(?P<id>[A-Za-z]{1,3}-?\d{4,9}|\d{2,7}-\d{1,5}(?:-\d{1,3})?)(?![\w/-]|[.,]\d)"
)


def _ascending_range(value: str) -> bool:
    """Whether two groups of digits read as a range from a smaller number to a larger one
    ("500-1000", "954-1183"), not a record number ("40-22817", "4418-227", "22-0931")."""
    low, _, high = value.partition("-")
    return high.isdigit() and len(low) >= 3 and high[0] != "0" and int(low) < int(high)


def _record_groups(value: str) -> bool:
    """Whether digits in groups are shaped like a record number: five digits or more, neither
    a range of equal groups ("110-139") nor a date ("12-14-2025") nor a school year."""
    parts = value.split("-")
    digits = sum(map(len, parts))
    if digits < 5 or (len(parts[0]) == 2 and digits < 6):
        return False  # "88-110": a range, not a number of two and four digits ("20-4471")
    if len(parts) == 2 and len(parts[0]) == len(parts[1]):
        return False  # "TV 670-700", "HR 110-139": a range
    if len(parts) == 3 and len(parts[0]) <= 2 and len(parts[1]) <= 2 and len(parts[2]) in (2, 4):
        return False
    return not re.fullmatch(r"(?:19|20)\d\d-(?:\d\d|(?:19|20)\d\d)", value)


# "Brody (4402917, presented in Oct)", "J.B. 554019, 16M": a record number in parentheses
# after a name, or just before the age and sex.
_NUMBER_BY_PERSON = re.compile(
    r"\b[A-Z][a-z\u00e0-\u00ff]+[ \t]*\([ \t]*(?P<id>\d{6,10})[ \t]*[,)]"
    r"|(?<![\w.-])(?P<id2>\d{5,10}),[ \t]*\d{1,2}[ \t]?[MF]\b"
)
_NUMBER_BY_PERSON_HINT = re.compile(  # (opens with its character: see echo.phi.text)
    r"[(\d](?:(?<=\()\s*\d{6}|(?<=\d)\d{4},[ \t]*\d)"
)
# "Harper Lowe 611204, 9, Cody", "pt JMR 3309182, 11", "Jaden Morales 4471-0092-3 7 yo", "9 yo
# Wesley 3390-118, encopresis": a record number between the child's name and the age, or
# after the age and the name.
_NUMBER_AFTER_NAME = re.compile(
    r"(?:\b[A-Z][a-z'\u2019-]+|\b[A-Z]{2,3}|\b(?i:pt|patient))[ \t]+"
    r"(?P<id>\d{6,10}|\d{2,5}-\d{2,5}(?:-\d{1,3})?)(?![\w/.-]|[.,]\d)"
    r"(?=,?[ \t]+\d{1,2}(?:[ \t]*(?i:yo|y/o|y\.o\.|(?-i:[MF]))\b|,))"
    r"|(?i:\b\d{1,2}[ \t]*(?:yo|y/o))[ \t]+[A-Za-z][a-z'\u2019-]+[ \t]+"
    r"(?P<id2>\d{6,10}|\d{3,5}-\d{3,5}(?:-\d{1,3})?)(?![\w/.-]|[.,]\d)"
)
# A letter, a gap and three digits (or two and a dash), found at the gap, one character
# after the letter (the windows around it are one character further; see echo.phi.text).
_NUMBER_AFTER_NAME_HINT = re.compile(r"[ \t](?<=[a-zA-Z][ \t])[ \t]*\d\d[\d-]")
# "JR 40-22817", "K.W. 4471-083 - still on waitlist", "KTHC 2017-3382-14: 12 yo girl", "CSF
# 2022 00457", "B.O. (22-04418)": the clinic's number for the child after the child's
# initials or the clinic's letters, in groups (or five digits and more after initials).
_NUMBER_AFTER_LETTERS = re.compile(
    r"(?<![\w.'\u2019-])(?P<tag>[A-Z]{2,5}|[A-Z]\.[ \t]?[A-Z]\.|[a-z]\.[a-z]\.)"
    # ("R.M., 40-7781", "k.m. (44-20871)", "J.R. (#55-20931)": set off after the initials)
    r"(?:(?<=\.),)?(?:[ \t]*/)?[ \t]+\(?(?:intake[ \t]+|#[ \t]*)?"  # ("T.O. / 7719-22")
    r"(?P<id>\d{2,7}-\d{1,7}(?:-\d{1,3})?|\d{3,4}[ \t]\d{4,5}|\d{5,10})"
    r"(?![\w/-]|[.,:]\d|[ \t]*(?i:mg|mcg|ml|units?|%|kg|lbs?|times|days|wks?|weeks|hrs?)\b)"
)
# (the letters' last capital or dot, then the digits)
_NUMBER_AFTER_LETTERS_HINT = re.compile(
    r"[A-Z.],?(?:[ \t]*/)?[ \t]+\(?(?:intake[ \t]+|#[ \t]*)?\d\d"
)
# Letters before a number that name a code, a scale or a measure, not a child or a clinic.
_CODE_LETTERS = word_set(
    """CPT NDC ICD DSM LOINC SNOMED HCPCS NPI DEA BP HR RR TV PHQ GAD ASQ PSC QTC QT PR QRS WBC
    RBC PLT INR TSH ALT AST BUN LDL HDL TC TG DOB ZIP RX NDC EIN TIN FEIN CLIA PO OV VIN ID
    USD CAD ISBN DOI PMID LOT EXP REF FAX PH BIN PCN PIN GRP SVR PVR CVP PCWP MAP PEEP SIMV UOP
    LOS"""
)
# "Kaylee (6y, 77120-4)", "B.W. (14, 11-8740-2)", "Micah is 8 (22190-6)": a number in groups in
# parentheses, with the age before it or straight after the child's name or age.
_GROUPED_NUMBER_BY_PERSON = re.compile(
    # (or after any word: "Sandhill City clinic (22-40817)", "DOB 03-09-2011 (4418-227)")
    r"(?:\b[A-Z][a-z'\u2019-]+|\b\d{1,2}|\b[A-Z]\.|(?<=[\w.])[ \t])[ \t]*\([ \t]*"
    r"(?:\d{1,2}[ \t]*(?:y|yo|y/o|[mfMF])?[ \t]*,[ \t]*)?"
    r"(?P<id>\d{2,7}-\d{1,7}(?:-\d{1,3})?)[ \t]*[),]"
)
_GROUPED_NUMBER_BY_PERSON_HINT = re.compile(r"\([ \t]*\d")
# "our number 0078823", "our # 883 2014": the practice's number for the child.
_OUR_NUMBER = re.compile(
    r"(?i)\bour[ \t]+(?:number|#|no\.?|mrn|chart)[ \t]*:?[ \t]*(?P<id>\d[\d -]{4,}\d)(?![\w-])"
)


# "A-Number: A 209 447 116" (an immigrant's alien registration number), "the last 4 of her ssn
# (9921)": numbers named by what they are.
_A_NUMBER = re.compile(
    r"(?i:\bA[- ]?(?:number|no\.?|#))[ \t]*:?[ \t]*(?P<id>A?[ -]?\d{3}[ -]?\d{3}[ -]?\d{2,3})\b"
)
_LAST_WORDS = word_set("last")
# "Cause No. 24-8-00731-39", "Case No. 24 JC 0519", "Docket #: 2025-CS-003318": a court's or an
# agency's number for the case, letters and spaces in it.
_CASE_NUMBER = re.compile(
    r"(?:\b(?:Cause|Case|Docket|Petition|File|Referral|case|docket|file)[ \t]+"
    r"(?:No\.?|no\.?|Number|number|#)[ \t]*:?[ \t]*)"
    r"(?P<id>(?=[A-Z0-9 -]{0,20}\d{3})[A-Z0-9]{1,6}(?:[ -][A-Z0-9]{1,8}){1,4})(?![\w-])"
)
_CASE_WORDS = word_set("cause case docket petition file referral")
# "hub case 22-0931: 15 yo": a case's number in groups, with no label between.
_CASE_GROUPED = re.compile(
    r"\b(?i:case)[ \t]+(?P<id>\d{2,7}-\d{1,7}(?:-\d{1,3})?)(?![\w/-]|[.,]\d)"
)
# "quick follow-up on J.R. 556120 (10, IEP": the record number after the child's initials.
_NUMBER_AFTER_INITIALS = re.compile(  # (opens with its character: see echo.phi.text)
    r"[A-Z](?<![\w.][A-Z])\.(?:[A-Z]\.){1,2}[ \t]+(?P<id>\d{5,9})(?![\w/.-]|[.,]\d)"
)
_SSN_LAST_FOUR = re.compile(
    r"(?i:\blast[ \t]+(?:4|four)(?:[ \t]+(?:digits[ \t]+)?of[ \t]+"
    r"(?:her|his|the|their|mom'?s|dad'?s)?[ \t]*(?P<what>ssn|social|medicaid|member[ \t]+id|"
    r"insurance|card|policy))?)"
    r"[ \t]*(?:(?:is|are)[ \t]+|:[ \t]*|\(|#)?(?P<id>\d{4})\b"
)


# "H2033-HA": a service's HCPCS code with its modifiers, not a person's number.
_NDC_BEFORE = re.compile(r"\bNDC\s*(?:#|:|-|no\.?)?\s*$")
_HCPCS = re.compile(r"[A-HJ-V]\d{4}(?:-[A-Z][A-Z0-9]){1,4}")


def find(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for hit in _numbers(doc):
        if _HCPCS.fullmatch(text, hit.start, hit.end) or _NDC_BEFORE.search(
            text, max(0, hit.start - 8), hit.start
        ):
            continue
        if text[hit.start : hit.start + 4] in ("NDC-", "NDC#"):
            continue  # "NDC-0093123": a drug's national code, with its label
        yield hit


def _numbers(doc: Document) -> Iterator[Hit]:
    text = doc.text
    lowered = text.lower()
    a_number = (
        "a-number" in lowered or "a number" in lowered or "a-no" in lowered or "a#" in lowered
    )
    for m in doc.fast(_A_NUMBER).finditer(text) if a_number else ():
        yield Hit(
            m.start("id"), m.end("id"), "license", Priority.LABELLED_ID, SUGGESTIONS["license"]
        )
    for m in doc.find_near(_CASE_NUMBER, _CASE_WORDS, 2, 50):
        yield Hit(
            m.start("id"), m.end("id"), "account", Priority.LABELLED_ID, SUGGESTIONS["account"]
        )
    for m in doc.find_near(_CASE_GROUPED, word_set("case"), 2, 30):
        if _record_groups(m.group("id")):
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.fast(_NUMBER_AFTER_INITIALS).finditer(text) if ". " in text else ():
        yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_near(_SSN_LAST_FOUR, _LAST_WORDS, 2, 50):
        what = (m.group("what") or "").lower()
        if what in ("ssn", "social"):
            yield Hit(m.start("id"), m.end("id"), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
        elif what:  # "the last four of his medicaid are 4471"
            yield Hit(
                m.start("id"),
                m.end("id"),
                "health_plan",
                Priority.LABELLED_ID,
                SUGGESTIONS["health_plan"],
            )
    for m in doc.find_around(_NUMBER_AFTER_AGE, _AGE_UNIT_HINT, 24, 30):
        yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_NUMBER_IN_BRACKETS_AFTER_AGE, _AGE_UNIT_HINT, 24, 30):
        yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_GROUPED_NUMBER_AFTER_AGE, _AGE_WORD_HINT, 4, 60):
        if _record_groups(m.group("id")):
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_near(_CODE_AFTER_PT, _PT_WORDS, 2, 20):
        value = m.group("id")
        if not value[0].isdigit() or value[-1].isalpha() or _record_groups(value):
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_near(_NUMBER_AFTER_RE, word_set("re"), 8, 24):
        value = m.group("id")
        if value[0].isalpha() or _record_groups(value):
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_NUMBER_AFTER_NAME, _NUMBER_AFTER_NAME_HINT, 31, 29):
        group = "id" if m.group("id") else "id2"
        if not _record_groups(m.group(group)):
            continue  # "TV 670-700", "HR 88-110": a range ("JRT 88-41027 7yo" is a number)
        yield Hit(m.start(group), m.end(group), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_near(_OUR_NUMBER, word_set("our"), 2, 30):
        yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LABELLED_ID, SUGGESTIONS["mrn"])
    for m in doc.find_around(_NUMBER_AFTER_LETTERS, _NUMBER_AFTER_LETTERS_HINT, 8, 30):
        tag, value = m.group("tag"), m.group("id")
        if (
            tag in _CODE_LETTERS
            or tag in US_STATE_ABBREVIATIONS
            or doc.mode_at(m.start()) == "upper"
        ):
            continue  # "CPT 99214-25", "TX 78501", "HR 110-139"; "SVR 954-1183" in a shouted note
        if _ascending_range(value):
            continue  # "STV 500-1000": a range
        grouped = not value.isdigit()
        if tag in ACRONYMS and not grouped:
            continue  # "PHQ 12345"? a code's or a scale's number, not the child's
        if " " in value or (grouped and _record_groups(value)) or not grouped:
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_GROUPED_NUMBER_BY_PERSON, _GROUPED_NUMBER_BY_PERSON_HINT, 24, 30):
        if _record_groups(m.group("id")) and not _ascending_range(m.group("id")):
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_NUMBER_BY_PERSON, _NUMBER_BY_PERSON_HINT, 24, 20):
        group = "id" if m.group("id") else "id2"
        yield Hit(m.start(group), m.end(group), "mrn", Priority.LONG_NUMBER, SUGGESTIONS["mrn"])
    for m in doc.find_around(_SSN_MASKED, _SSN_MASKED_HINT, 8, 12):
        yield Hit(m.start(), m.end(), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
    for m in doc.find_around(_SSN, _SSN_HINT, 4, 12):
        yield Hit(m.start(), m.end(), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
    for m in doc.fast(_SSN_SPACED).finditer(text) if doc.holds(_SSN_SPACED_HINT) else ():
        yield Hit(m.start(), m.end(), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
    for m in doc.find_near(_SSN_CONTEXT, _SSN_WORDS, 2, 50):
        yield Hit(m.start("id"), m.end("id"), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
    yield from _labelled(doc)
    for m in find_led(doc, _PLATE_LED) if doc.lows & _PLATE_WORDS else ():
        if sum(c.isalnum() for c in m.group("id")) >= 5 and (
            re.split(r"[ -]", m.group("id"))[0] not in ACRONYMS  # not "tags BP 120/80"
        ):
            yield Hit(
                m.start("id"), m.end("id"), "vehicle", Priority.LABELLED_ID, SUGGESTIONS["vehicle"]
            )
    for m in doc.find_near(_PLATE_NEAR, _PLATE_WORDS, 2, 50):
        parts = re.split(r"[ -]", m.group("id"))
        # not "tags BP 120/80"; "plate HI NKT 482" is Hawaii's
        if parts[0] not in ACRONYMS or (
            parts[0] in US_STATE_ABBREVIATIONS and len(parts) > 2 and parts[1] not in ACRONYMS
        ):
            yield Hit(m.start("id"), m.end("id"), "vehicle", Priority.VIN, SUGGESTIONS["vehicle"])
    for m in doc.find_near(_PLATE_OF_VEHICLE, _VEHICLE_WORDS, 2, 50):
        plate = m.group("id")
        if (
            m.group("state") in US_STATE_ABBREVIATIONS
            and sum(c.isalnum() for c in plate) >= 5
            and re.split(r"[ -]", plate)[0] not in ACRONYMS
        ):
            yield Hit(m.start("id"), m.end("id"), "vehicle", Priority.VIN, SUGGESTIONS["vehicle"])
    for m in doc.find_near(_SERIAL_NEAR, _SERIAL_WORDS, 2, 60):
        yield Hit(m.start("id"), m.end("id"), "device", Priority.VIN, SUGGESTIONS["device"])
    for m in doc.find_near(_CGM_ID, _CGM_WORDS, 2, 30):
        yield Hit(m.start("id"), m.end("id"), "device", Priority.LABELLED_ID, SUGGESTIONS["device"])
    for m in doc.find_near(_SERIAL_OF_DEVICE, _DEVICE_WORDS, 10, 40):
        yield Hit(m.start("id"), m.end("id"), "device", Priority.VIN, SUGGESTIONS["device"])
    for m in doc.find_near(_LOT_OF_DEVICE, _LOT_WORDS, 40, 40):
        yield Hit(m.start("id"), m.end("id"), "device", Priority.VIN, SUGGESTIONS["device"])
    # (a VIN is a run of 17 the hint finds at its start; each window reaches one character
    # past the run, which the lookahead reads)
    for m in doc.find_around(_VIN, _VIN_HINT, 0, 18):
        yield Hit(m.start(), m.end(), "vehicle", Priority.VIN, SUGGESTIONS["vehicle"])
    for m in doc.find_around(_MAC, _MAC_HINT, 3, 20):
        yield Hit(m.start(), m.end(), "device", Priority.MAC_ADDRESS, SUGGESTIONS["device"])
    for m in doc.fast(_HASH_NUMBER).finditer(text):
        yield Hit(
            m.start("id"), m.end("id"), "account", Priority.HASH_NUMBER, SUGGESTIONS["account"]
        )
    for m in doc.find_around(_GROUPED_DIGITS, _GROUPED_HINT, 8, 40):
        if not _is_record_shape(m.group(), spaced=m.group("sep") == " "):
            continue
        yield Hit(m.start(), m.end(), "account", Priority.LONG_NUMBER, SUGGESTIONS["account"])
    for m in doc.find_around(_TWO_GROUPS, _TWO_GROUPS_HINT, 8, 24):
        first, second = m.group("a"), m.group("b")
        if _is_range(first, second) or re.match(_UNIT_AFTER, text[m.end() : m.end() + 12]):
            continue
        yield Hit(m.start(), m.end(), "account", Priority.LONG_NUMBER, SUGGESTIONS["account"])
    for m in doc.find_around(_MIXED_ID, _MIXED_ID_HINT, 24, 24):
        value = m.group()
        if not 7 <= len(value) <= 24 or sum(c.isdigit() for c in value) < 4:
            continue
        if (
            doc.mode_at(m.start()) == "upper"
            or _NOT_AN_ID.search(value)
            # "HR-110-133": a vital sign's range (not "PA-2025-0418837", a request's number)
            or (value.split("-")[0] in ACRONYMS and sum(c.isdigit() for c in value) < 7)
        ):
            continue  # shouted notes ("U/O 100-200CC"), vanity numbers ("1-800-662-HELP")
        if "-" not in value and not re.search(r"\d[A-Z]", value):
            continue  # "FY2025": letters then a number is another shape (see above)
        yield Hit(m.start(), m.end(), "account", Priority.LONG_NUMBER, SUGGESTIONS["account"])
    for m in doc.find_around(_LONG_NUMBER, _LONG_HINT, 1, 40):
        yield Hit(m.start(), m.end(), "account", Priority.LONG_NUMBER, SUGGESTIONS["account"])
    for m in doc.find_around(_READ_OUT, _READ_OUT_HINT, 2, 40):
        digits = "".join(c for c in m.group() if c.isdigit())
        if digits in "0123456789" or digits in "9876543210":
            continue  # "rated 1 2 3 4 5 6 7": a scale's points, not a number
        kind = "phone" if len(digits) in (10, 11) and "555" in digits else "account"
        yield Hit(m.start(), m.end(), kind, Priority.LONG_NUMBER, SUGGESTIONS[kind])


def _labelled(doc: Document) -> Iterator[Hit]:
    """A number after the word that names it, of that word's kind ("Medicaid ID 55-1234")."""
    text = doc.text
    for m in doc.find_near(_IDS, _ID_WORDS, 2, 52):
        kind = next(k for k, v in m.groupdict().items() if v is not None and k != "id")
        kind = kind.rsplit("_", 1)[0]
        end = m.end("id")
        if _GROUPED_START.fullmatch(m.group("id")):  # "acct 0045 7781 22": it goes on in groups
            end += len(_DIGIT_GROUPS.match(text, end).group(0))  # type: ignore[union-attr]
        value = text[m.start("id") : end]
        digits = sum(c.isdigit() for c in value)
        # a serial mixes letters in ("8RX4TT"): fewer digits will do
        serial = kind in ("device", "license") and len(value) >= 6 and digits >= 1
        if _is_date_like(value) or (digits < 3 and not serial) or (kind == "other" and digits < 4):
            continue
        if re.fullmatch(r"(?:19|20)\d\d", value):
            continue  # "Medicaid 2019": a year
        if re.fullmatch(r"99[2-4]\d\d", value):
            continue  # "Encounter: 99214": the visit's billing code (CPT), not its number
        kind = "account" if kind == "other" else kind
        yield Hit(m.start("id"), end, kind, Priority.LABELLED_ID, SUGGESTIONS[kind])
        # "chart 448201 and 448207", "serial numbers 2209-L and 2210-R"
        more = (_AND_ANOTHER_SERIAL if serial else _AND_ANOTHER).match(text, end)
        if more is not None:
            yield Hit(
                more.start("id"), more.end("id"), kind, Priority.LABELLED_ID, SUGGESTIONS[kind]
            )
    yield from _unlabelled(doc)


# "2209-4471-85 is the billing acct": the word that names the number comes after it.
_LABEL_AFTER = re.compile(
    r"(?<![\w-])(?P<id>\d[\d -]{5,}\d)\s+(?:(?:is|=)\s+(?:(?:the|her|his|their|mom's|dad's)\s+)?"
    r"(?:\w+\s+)?(?:acct|account|member|policy|mrn|record|chart|medicaid|insurance)\b"
    # ("f/u on 15 yo, 4471-2290-03 in our system": where the number is kept)
    r"|(?:in|on)\s+(?:our|the|my)\s+(?:system|ehr|emr|chart|records?)\b)",
    re.IGNORECASE,
)
# "re: 7741902", "Re 61-20-774: pls fax recs": a number a message is about.
_ABOUT_NUMBER = re.compile(
    r"(?i)\bre:?[ \t]+#?(?P<id>\d{6,}|\d{3,5}-\d{3,6}"
    r"|\d{2,7}(?:-\d{1,7}){1,3}(?=[ \t]*[:;]|[ \t]*$))(?![\w-]|[.,]\d)",
    re.MULTILINE,
)
# "W48817302": capitals and seven or more digits, the shape of a member or account number.
_LETTERS_THEN_DIGITS = re.compile(
    r"(?<![\w-])(?P<id>[A-Z]{1,3}-?\d{7,10}"
    # "T4471-02": a letter, digits and a dashed suffix
    r"|[A-Z]{1,2}\d{3,6}(?:-\d{2,6})+"
    # "ZQH 774 019 223": letters and three groups of three digits
    r"|[A-Z]{2,4}[ ]\d{3}[ ]\d{3}[ ]\d{3})(?![\w-])"
)


# "his # there is 45 22 318": the child's number at another place.
_WHOSE_NUMBER = re.compile(
    r"(?i)\b(?:his|her|their|pt'?s|patient'?s)\s+#\s*(?:there\s+|at\s+\w+\s+)?(?:is\s+|=\s*|:\s*)?"
    r"(?P<id>\d{2,}(?:[ -]\d{2,}){0,3})(?![\w-]|[.,]\d)"
)


def _unlabelled(doc: Document) -> Iterator[Hit]:
    for m in doc.find_around(_WHOSE_NUMBER, _HASH_SIGN, 16, 60):
        if sum(c.isdigit() for c in m.group("id")) >= 5:
            yield Hit(m.start("id"), m.end("id"), "mrn", Priority.LABELLED_ID, SUGGESTIONS["mrn"])
    for m in chain(
        doc.find_around(_LABEL_AFTER, _LABEL_AFTER_HINT, 2, 100),
        doc.find_near(_ABOUT_NUMBER, frozenset({"re"}), 2, 30),
        doc.find_around(_LETTERS_THEN_DIGITS, _LETTERS_THEN_DIGITS_HINT, 4, 30),
    ):
        value = m.group("id")
        if not _is_date_like(value) and ("-" not in value or _record_groups(value)):
            yield Hit(
                m.start("id"), m.end("id"), "account", Priority.LABELLED_ID, SUGGESTIONS["account"]
            )


_AND_ANOTHER = re.compile(r"[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?(?P<id>\d{5,})(?![\w/-]|[.,]\d)")
_AND_ANOTHER_SERIAL = re.compile(
    r"[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?(?P<id>(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,})(?![\w/-])"
)
_GROUPED_START = re.compile(r"[A-Z]{0,3}\d+")
_DIGIT_GROUPS = re.compile(r"(?:[ \t]\d{2,6}(?![\w/.,:-]|[.,]\d))*")
_DATE_SHAPE = re.compile(r"(\d{1,4})[-/](\d{1,2})(?:[-/](\d{2}|\d{4}))?")


def _is_date_like(value: str) -> bool:
    """A month and day ("7-22", "2019-07", "7/22/15"), not a record number ("448-21-907")."""
    shape = _DATE_SHAPE.fullmatch(value)
    if shape is None or len(shape[1]) == 3:
        return False
    first, second = int(shape[1]), int(shape[2])
    if shape[3] is not None and len(shape[3]) == 4 and not 1900 <= int(shape[3]) <= 2099:
        return False  # "MRN 22-08-4471": no year ends it
    if len(shape[1]) == 4:  # a year first, as ISO 8601 writes it ("7782-10-4412" is no date)
        return 1900 <= first <= 2099 and 1 <= second <= 12
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= first <= 31 and 1 <= second <= 12)
