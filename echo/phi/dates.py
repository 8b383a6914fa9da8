"""Dates: every element but the year goes. Month names ("March 14", "14th of March"),
numeric dates ("3/14/2025", "2025-03-14"), a month and year ("3/2025", "s/p CABG 8/88"),
a month and day ("7/22", "11/19-11/24") and "on the 14th". Scores, doses and fractions that
look like dates stay ("Vanderbilt 6/9", "2/5 school days", "1/2 tab")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts, find_in, find_led, led, windows
from echo.phi.vocabulary import MONTHS, word_set

MONTH_WORDS = frozenset(MONTHS)

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
# "14-Oct-2025", "5-Jan-24": day, month and year with dashes, as records print them.
_DASHED_HINT = re.compile(r"-(?:[A-Za-z]{3,9}-\d|[0-3]?\d-(?:19|20)\d\d)")
_DATE_DASHED = re.compile(
    rf"(?i)\b(?P<day>[0-3]?\d)-(?:{_MONTH_FULL}|{_MONTH_ABBR})-(?P<year>(?:19|20)?\d{{2}})\b"
    # "Jan-31-2025": the month first
    rf"|\b(?:{_MONTH_FULL}|{_MONTH_ABBR})-(?P<day2>[0-3]?\d)-(?P<year2>(?:19|20)\d{{2}})\b"
)
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
# "3/4/19-8/30/21": a range of two full dates joined by a dash.
# "4/2-4/30/2025": the year given once, at the end.
_DATE_FULL_RANGE = re.compile(
    r"(?<![\w/])(?P<a>\d{1,2}/\d{1,2}(?:/(?:\d{4}|\d{2}))?)\s*[-\u2013]\s*"
    r"(?P<b>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2}))(?![\w/])"
)
_DATE_SHORT = re.compile(r"(?<![\w/])(?<!\d[.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\w/]|\.\d)")
_DATE_SHORT_RANGE = re.compile(
    r"(?<![\w/])(?<!\d[.-])(?P<m>\d{1,2})/(?P<d>\d{1,2})\s*[-\u2013]\s*"
    r"(?P<m2>\d{1,2})/(?P<d2>\d{1,2})(?![\w/]|\.\d)"
)
# "DOB 010213", "born 01022013": a birth date written without separators.
_DATE_COMPACT_BIRTH = re.compile(
    r"(?i)\b(?:dob|d\.o\.b\.?|born|birth\s*date|date\s+of\s+birth|bday)\s*(?:is|:|-)?\s*"
    r"(?P<date>(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:(?:19|20)\d{2}|\d{2}))(?!\w)"
)
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_DATE_ORDINAL = at_word_starts(
    re.compile(
        r"(?i)\b(?:on|by|before|until|till|for|birthday\s+is(?:\s+on)?|"
        r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)"
        r"(?:day)?,?)\s+the\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)\b"
        # ("on the 2nd tuesday", "the 3rd week", "for the 4th time": an ordinal, no date)
        r"(?!\s+(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?\b"
        r"|\s+(?:week|weekend|month|time|visit|session|dose|floor|grader?|period|day|night|attempt|slot|"
        r"birthday|century|percentile|amendment|place|round|cycle|trimester|year|step|one)s?\b"
        r"|[ \t]*(?:-|\u2013)?[ \t]*percentile"
        # "on the 2nd and 4th Thursdays": a schedule, no date
        r"|\s+(?:and|&|or)\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\s+(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|"
        r"fri|sat(?:ur)?|sun)(?:day)?s?\b)"
        # "surgery is the 21st.", "called the 3rd saying", "from the 3rd to the 17th": weaker
        # cues, so the ordinal must end its phrase ("is the 3rd child" is no date)
        r"|(?i:\b(?:is|was|called|since|from|after|through|thru|due|starting)\s+the\s+)"
        r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)(?=[ \t]*(?:[.,;:!?)]|$)|[ \t]+(?:through|thru|and|"
        # "from the 3rd to the 17th" (not "she is the 5th to disclose")
        r"at|saying|asking|when)\b|[ \t]+to[ \t]+(?:the[ \t]+)?\d)"
    )
)
# "14MAR2024": day, month and year run together, as some systems print them.
_DATE_COMPACT = re.compile(
    r"(?i)(?<![\w])(?P<day>[0-3]?\d)(?:" + _MONTH_ABBR + r"|mar|may)(?P<year>(?:19|20)?\d{2})(?!\w)"
)
# "Thanksgiving Day 2023", "born on Christmas": a holiday is a month and a day.
_HOLIDAY = re.compile(
    r"(?i)\b(?:Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Halloween|New\s+Year'?s"
    r"(?:\s+(?:Day|Eve))?|Valentine'?s\s+Day|Independence\s+Day|Easter\s+Sunday|Labor\s+Day|"
    r"Memorial\s+Day|Mother'?s\s+Day|Father'?s\s+Day|Veterans\s+Day|Juneteenth|Good\s+Friday|"
    r"(?:MLK|Martin\s+Luther\s+King(?:\s+Jr\.?)?)\s+Day|Presidents'?\s+Day)"
    r",?\s+(?P<year>(?:19|20)\d{2})\b"
)
# "The anniversary is the Fourth of July": a month and a day by name.
_FOURTH_OF_JULY = re.compile(r"(?i)\bthe\s+(?:4th|fourth)\s+of\s+july\b")
_BORN_ON_HOLIDAY = re.compile(
    # ("whose mother died of an overdose on New Year's Day": the day of an event in the family)
    r"(?i)\b(?:born|died|passed(?:\s+away)?|killed|shot|overdosed)(?:\s+of\s+an?\s+\w+)?\s+on\s+"
    r"(?P<day>Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Halloween|"
    r"New\s+Year'?s(?:\s+(?:Day|Eve))?|Valentine'?s\s+Day|the\s+(?:4th|fourth)\s+of\s+July)"
)
_BORN_ON_HOLIDAY_LED = led(
    _BORN_ON_HOLIDAY, ("born", "died", "passed", "killed", "shot", "overdosed")
)
# "d/c 12-28", "on Thur 1/4": a month and day after a word that dates it.
# "12 de agosto", "3 de marzo de 2024": Spanish dates.
_DATE_SPANISH = re.compile(
    r"(?i)\b(?P<day>[0-3]?\d)\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
    r"septiembre|setiembre|octubre|noviembre|diciembre|"
    # Portuguese: "suspenso de novo dia 22 de março"
    r"janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro)"
    r"(?:\s+(?:de(?:l)?\s+)?(?P<year>(?:19|20)\d{2}))?\b"
)
# Haitian Creole ("12 desanm 2024"; "mas", "me", "jen", "out" are words too: only with a
# year) and Vietnamese ("ngày 5 tháng 3", "ngày 5/3") dates, as families write them.
_DATE_CREOLE = re.compile(
    r"(?i)\b(?P<day>[0-3]?\d)\s+(?:(?:janvye|fevriye|avril|jiy[eè]|septanm|okt[oò]b|novanm|"
    r"desanm)(?:\s+(?P<year>(?:19|20)\d{2}))?|(?:mas|me|jen|out)\s+(?P<year2>(?:19|20)\d{2}))\b"
)
_DATE_VIETNAMESE = re.compile(
    r"(?i)\bng[aà]y\s+(?P<day>[0-3]?\d)(?:\s+th[aá]ng\s+(?:1[0-2]|0?[1-9])|/(?:1[0-2]|0?[1-9]))"
    r"(?:\s+n[aă]m\s+(?P<year>(?:19|20)\d{2}))?\b"
)
# "FN: 12-ago-2013": a Spanish month's abbreviation between day and year.
_DATE_SPANISH_ABBR = re.compile(
    r"(?i)\b(?P<day>[0-3]?\d)[-/ ](?:ene|feb|mar|abr|may|jun|jul|ago|sep|set|oct|nov|dic)[-/ ]"
    r"(?P<year>(?:19|20)?\d{2})\b"
)
_SPANISH_ABBR_WORDS = word_set("ene abr ago dic")
# French ("3 février 2025", "le 12 mars"), Ukrainian ("12 березня") and Afghan solar ("15 Hamal
# 1387", "2 Mizan 1391") dates, and dates in Arabic-Indic digits (15/3/2024 written in them).
_DATE_ABROAD = re.compile(
    r"(?i)\b(?P<day>[0-3]?\d|[\u0660-\u0669]{1,2})(?:er|-ka)?\s+(?:janvier|f[ée]vrier|avril|"
    r"juillet|septembre|octobre|"
    # Somali ("15 Sebtembar", "16-ka Maarso") and Arabic ("١٢ نوفمبر", also in Arabic-Indic digits)
    r"janaayo|febraayo|maarso|abriil|maajo|luulyo|agoosto|sebtembar|oktoobar|nofeembar|"
    r"diseembar|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|اكتوبر|"
    r"نوفمبر|ديسمبر|كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|"
    r"novembre|d[ée]cembre|(?:mars|mai|juin|ao[uû]t)(?=\s+(?:19|20)\d{2})|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"hamal|sawr|jawza|saratan|asad|sunbula|mizan|aqrab|qaws|jadi|dalw|hut(?=\s+1[34]\d{2}))"
    r"(?:\s+(?P<year>(?:19|20|13|14)\d{2}|[\u0660-\u0669]{4}))?(?![\w])"
)
_ABROAD_MONTH_WORDS = word_set(
    """janvier février fevrier avril juillet septembre octobre novembre décembre decembre mars mai
    juin août aout січня лютого березня квітня травня червня липня серпня вересня жовтня
    листопада грудня hamal sawr jawza saratan asad sunbula mizan aqrab qaws jadi dalw hut
    janaayo febraayo maarso abriil maajo luulyo agoosto sebtembar oktoobar nofeembar diseembar
    يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر كانون
    شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين اغسطس ايار اذار اب ايلول"""
)
_DATE_ARABIC_DIGITS = re.compile(  # (opens with its character: see echo.phi.text)
    r"[\u0660-\u0669][\u0660-\u0669]?/[\u0660-\u0669]{1,2}(?:/[\u0660-\u0669]{2,4})?"
)
_CREOLE_MONTH_WORDS = word_set(
    "janvye fevriye mas avril me jen jiye jiyè out septanm oktob oktòb novanm desanm"
)
_CUED_DAY = (
    r"(?:(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])"
    # ("f/u 11.18", "transfer 11.06": with a dot, the month and the day in two digits each)
    r"|(?:0[1-9]|1[0-2])\.(?:0[1-9]|[12]\d|3[01]))"
    # ("keep the Friday 12-1 slot": an hour's range)
    r"(?![\w/-]|\.\d)(?!\s*(?:slot|pm|am|p\.m|a\.m|time|session|call)\b)" + _NOT_UNIT
)
_OPENING_HOURS = re.compile(r"(?i)\b(?:hours|open|opens|closes|closed)\b")
_CUED_MONTH_DAY = re.compile(
    r"(?i)\b(?:d/c(?:'?d)?|dc'?d|admit(?:ted)?|discharged?|appt|seen|f/u|fu|transfer(?:red)?|"
    r"(?-i:ER|ED)|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?:day)?)(?:\s+on)?\s+"
    r"(?P<date>" + _CUED_DAY + r")"
    # ("seen 10-09 & 10-23": the second visit too)
    r"(?:[ \t]*(?:&|\+|and|,)[ \t]*(?P<date2>" + _CUED_DAY + r"))?"
)

_DATE_CUE_WORDS = word_set(
    """on since from until till thru through by dated date dob born birth birthday seen visit
    visited admit admitted admission discharged discharge hospitalized cleared started began
    stopped increased notified phone texted emailed messaged reported
    decreased changed appt appts appointment appointments f/u fu followup follow-up effective
    before after between
    s/p d/c submitted faxed mailed signed filed approved denied called again scheduled release
    released expires expired last next
    placed drawn sent transferred done extubated intubated arrived returned visits ed er
    expired died cultured removed inserted court hearing deadline due mon monday tue tues
    tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday booked dc"""
)
# Words that date a month/day a few words on in the same clause, where the month/day could
# also be a fraction: "seen in our laurel clinic 3/4", "IEP mtg set for 5/6".
# Where a clause ends, though not at "St." or "Dr." ("seen at St. Vincent 2/2").
_CLAUSE_END = re.compile(r"(?<!\bSt)(?<!\bDr)(?<!\bMt)[.!?;:,\n(]")
_VISIT_AFTER = re.compile(
    r"(?i)[ \t]+(?:visit|appointment|appt|case|session|f/u|follow-?up|hearing|admission|"
    r"discharge|intake)\b|[ \t]+\d{2,3}(?:\.\d)?[ \t]*(?:kg|lbs?)\b"  # "1/4 38.2 kg, 1/18 ..."
)
_RATING_PAIR = re.compile(r"(?i)\bbefore[ \t:]*[0-5]/5\b[^\n]{0,12}?\bafter[ \t:]*[0-5]/5\b")
_CLAUSE_DATE_CUES = word_set(
    """seen saw started starting began stopped admitted discharged scheduled set f/u fu mtg
    meeting note visit appt appointment since presented custody pencilled penciled slated
    booked"""
)
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_SCORE_WORDS = at_word_starts(
    re.compile(
        r"(?i)\b(?:vanderbilt|conners?|crafft|phq\S*|gad\S*|scared|asq|m-?chat\S*|sdq|cdi|mfq|"
        r"psc\S*|asrs|bocs|ces-dc|ymrs|scores?|scored|scoring|rated|rating|subscales?|items?|criteria|symptoms?|"
        r"endorse[sd]?|endorsing|positive|inattentive|inattention|hyperactive|hyperactivity|"
        r"impulsive|oppositional|total|pain|bp|peep|cpap|bipap|bi-pap|ipap|epap|vent|ps|psv|imv|"
        r"simv|fio2|ratio|strength|murmur|apgars?|acuity|vision|trial(?:ed)?|settings?|"
        r"flowby|flow-by|support|vented|ventilation|mask|abg|psv|severity|percentile|t-score|"
        r"raw|index|ari|cmrs\S*|odd|parent|teacher|youth|conduct|vandy)\b"
    )
)
_FRACTION_AFTER = re.compile(
    r"(?i)^\s*(?:[-\u2013]\s*\d+\s*)?(?:of\s+(?:the\s+)?\w+|(?:school\s+)?(?:days?|nights?|weeks?|"
    # ("started 3/14 question: stim next?": a question asked after a date, not a count of them)
    r"items?|criteria|symptoms?|sx|points?|questions|question(?![ \t]*[:?])|domains?|"
    r"subscales?|tabs?|tablets?|pills?|"
    r"doses?|strength|reflexes|murmur|systolic|diastolic|inattentive|hyperactive|positive|"
    r"negative|pain|mmhg|mm|cm|ml|mg|bilat\w*|b/l|on\s+the|score|scale|correct|answered|"
    r"attempts?|trials?|meals?|times?|peep|ps|cpap|str|ns|normal\s+saline|hours?|hrs?|"
    r"minutes?|mins?)\b|%"
    # "3/12 CBT sessions": a count of sessions, not a date (one "session" may be dated)
    r"|(?:[A-Za-z-]+\s+)?(?:sessions|visits|appointments|classes|groups|modules|lessons)\b)"
)


_BIRTH_WORDS = word_set("dob d.o.b born birth birthdate bday")
_CUED_MONTH_DAY_WORDS = word_set(
    """d dc admit admitted discharge discharged appt mon monday tue tues tuesday wed wednesday
    thu thur thurs thursday fri friday sat saturday sun sunday seen u fu transfer transferred
    er ed"""
)
# Inside every numeric date: digits on both sides of a separator. A date starts at most 4
# characters before the hint's digit ("2025-03-14") and ends, with a range and what its
# lookahead reads, within 40 after.
_RATED_BEFORE = re.compile(
    r"(?i)\b(?:evaluation|eval|rating|overall|session|content|stars?)\s*[-\u2013:]\s*$"
)
_SCALE_TOTALS = frozenset({20, 21, 24, 27, 30})  # M-CHAT, GAD-7, PHQ-8 and PHQ-9, PSC...
_CENTILE_BEFORE = re.compile(r"(?i)percentile|%ile|centile")
_CENTILE_AFTER = re.compile(
    r"(?i)[ \t]+(?:to|->|\u2192)[ \t]+(?:the[ \t]+)?\d{1,2}(?:st|nd|rd|th)?[ \t]*"
    r"(?:percentile|%ile|centile)"
)
_NUMERIC_HINT = re.compile(r"\d[-/.]\d")
_NUMERIC_WINDOW = (8, 40)
_ORDINAL_HINT = re.compile(r"\d(?:st|nd|rd|th)\b")
_COMPACT_HINT = re.compile(r"\d[A-Za-z]{3}\d")
_HOLIDAY_WORDS = word_set(
    """christmas thanksgiving halloween valentine valentines independence easter labor memorial
    mother mothers father fathers veterans juneteenth friday mlk martin presidents years"""
)
_MONTHS_THAT_ARE_WORDS = word_set("march mar may august aug june jun")
_LEADS_TO_DATE = re.compile(r"(?i)\b(?:til|till|until|since|on|for|by|before|after|thru)[ \t]+$")


def find(doc: Document) -> Iterator[Hit]:
    if doc.lows & MONTH_WORDS:
        yield from _month_named(doc)
    yield from _numeric(doc)
    text = doc.text
    for m in doc.find_near(_DATE_COMPACT_BIRTH, _BIRTH_WORDS, 2, 40):
        yield _hit(m.start("date"), m.end("date"), None)
    hints = windows([m.start() for m in doc.fast(_COMPACT_HINT).finditer(text)], len(text), 3, 12)
    for m in find_in(doc.fast(_DATE_COMPACT), text, hints):
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), m.group("year"))
    holiday_words = _HOLIDAY_WORDS | ({"new"} if "year" in doc.lows else set())
    for m in doc.find_near(_HOLIDAY, frozenset(holiday_words), 20, 40):
        yield _hit(m.start(), m.end(), m.group("year"))
    for m in find_led(doc, _BORN_ON_HOLIDAY_LED):
        yield _hit(m.start("day"), m.end("day"), None)
    for m in doc.fast(_FOURTH_OF_JULY).finditer(doc.text) if "july" in doc.lows else ():
        yield _hit(m.start(), m.end(), None)
    for m in doc.fast(_DATE_SPANISH).finditer(doc.text) if " de " in doc.text else ():
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), m.group("year"))
    for m in doc.find_near(_DATE_SPANISH_ABBR, _SPANISH_ABBR_WORDS, 4, 10):
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), m.group("year"))
    for m in doc.find_near(_DATE_CREOLE, _CREOLE_MONTH_WORDS, 4, 16):
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), m.group("year") or m.group("year2"))
    for m in doc.find_near(_DATE_ABROAD, _ABROAD_MONTH_WORDS, 6, 16):
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), None)
    for m in doc.fast(_DATE_ARABIC_DIGITS).finditer(doc.text) if "/" in doc.text else ():
        yield _hit(m.start(), m.end(), None)
    for m in doc.find_near(_DATE_VIETNAMESE, word_set("ngày ngay"), 0, 30):
        if 1 <= int(m.group("day")) <= 31:
            yield _hit(m.start(), m.end(), m.group("year"))
    for m in doc.find_near(_CUED_MONTH_DAY, _CUED_MONTH_DAY_WORDS, 2, 40):
        if _OPENING_HOURS.search(doc.text, max(0, m.start() - 30), m.start()):
            continue  # "Pharmacy hours M-F 9-7, Sat 9-1": hours, not a day
        yield _hit(m.start("date"), m.end("date"), None)
        if m.group("date2"):
            yield _hit(m.start("date2"), m.end("date2"), None)
    yield from _month_and_day(doc)


def _hit(start: int, end: int, year: str | None) -> Hit:
    suggestion = f"[{_year4(year)}]" if year else SUGGESTIONS["date"]
    return Hit(start, end, "date", Priority.DATE, suggestion)


def _year4(year: str) -> str:
    year = year.lstrip("'\u2019")
    if len(year) == 2:
        return ("20" if int(year) <= 30 else "19") + year
    return year


def _month_named(doc: Document) -> Iterator[Hit]:
    """Dates with a month name: "March 14", "14th of March", "March 2019"; "may" is a month
    only where it cannot be the verb."""
    text, mode_at = doc.text, doc.mode_at

    def month_ok(m: re.Match[str]) -> bool:
        mon = m.group("mon")
        if mode_at(m.start("mon")) == "mixed" and not mon[0].isupper():
            # typed in lower case: "feb 21", "apr 17 2015"; a month that is also a word
            # ("march", "may", "august", "mar") only with its year
            low = mon.lower().rstrip(".")
            if low in _MONTHS_THAT_ARE_WORDS:
                # "til may 2", "set for march 20": after a word that leads to a date
                return bool(m.groupdict().get("year")) or bool(
                    _LEADS_TO_DATE.search(text, max(0, m.start("mon") - 12), m.start("mon"))
                )
            return True
        return mon.lower() != "may" or mon[0].isupper() or mode_at(m.start("mon")) != "mixed"

    # every pattern here has a month's name: it is read only around one
    months = doc.near(MONTH_WORDS, 18, 32)
    for m in find_in(_DATE_MONTH_DAY, text, months):
        if not month_ok(m) or not 1 <= int(m.group("day")) <= 31:
            continue
        if m.group("mon").lower() == "may" and mode_at(m.start()) != "mixed":
            tail = text[m.end("mon") : m.end("mon") + 16]
            if not re.match(r"\s*\d{1,2}(?:st|nd|rd|th)?\s*(?:[,.;)]|$|(?:19|20)\d\d)", tail):
                continue
        yield _hit(m.start(), m.end(), m.group("year"))
    for m in find_in(_DATE_DAY_MONTH, text, months):
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
        yield _hit(m.start(), m.end(), m.group("year"))
    for m in find_in(_DATE_MONTH_YEAR, text, months):
        if month_ok(m):
            yield _hit(m.start(), m.end(), m.group("year"))
    for m in doc.find_around(_DATE_DASHED, _DASHED_HINT, 10, 16):
        day, year = ("day", "year") if m.group("day") else ("day2", "year2")
        if 1 <= int(m.group(day)) <= 31:
            yield _hit(m.start(), m.end(), m.group(year))


def _numeric(doc: Document) -> Iterator[Hit]:
    """Numeric dates with a year: "3/14/2025", "2025-03-14", "3/2025", "s/p CABG 8/88"."""
    text = doc.text
    spans = doc.around(_NUMERIC_HINT, *_NUMERIC_WINDOW)
    for m in find_in(doc.fast(_DATE_NUMERIC), text, spans):
        yield _hit(m.start(), m.end(), m.group("y1") or m.group("y2") or m.group("y3"))
    for m in find_in(doc.fast(_DATE_FULL_RANGE), text, spans):
        year = m.group("b").rsplit("/", 1)[1]
        if all(_month_day(m.group(part)) for part in ("a", "b")):
            for part in ("a", "b"):
                yield _hit(m.start(part), m.end(part), year)
    for m in find_in(doc.fast(_DATE_MONTH_SLASH_YEAR), text, spans):
        if not _FRACTION_AFTER.match(text[m.end() : m.end() + 30]):
            yield _hit(m.start(), m.end(), m.group("year"))
    for m in find_in(doc.fast(_DATE_MONTH_SHORT_YEAR), text, spans):
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
            yield _hit(m.start(), m.end(), m.group("year"))


def _month_day(date: str) -> bool:
    month, day = (int(part) for part in date.split("/")[:2])
    return 1 <= month <= 12 and 1 <= day <= 31


# Dates in one list: "seen 2/3, 2/10 and 2/24", "SEEN 2/3, 2/17 AND 3/3".
_LIST_JOIN = re.compile(r"(?i)\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")


def _month_and_day(doc: Document) -> Iterator[Hit]:
    """A month and a day without a year: "7/22", "11/19-11/24", "on the 14th"; a month and
    a day listed with one that is plainly a date is a date too."""
    text = doc.text
    spans = doc.around(_NUMERIC_HINT, *_NUMERIC_WINDOW)
    shorts: list[tuple[re.Match[str], bool]] = []
    for m in find_in(doc.fast(_DATE_SHORT), text, spans):
        month, day = int(m.group("m")), int(m.group("d"))
        if 1 <= month <= 12 and 1 <= day <= 31:
            shorts.append((m, _short_date_is_date(text, m, month, day)))
    listed = [dated for _, dated in shorts]
    for k in range(len(shorts)):  # both ways along the list
        for j in (k - 1, k + 1):
            if 0 <= j < len(shorts) and not listed[k] and listed[j]:
                left, right = sorted((shorts[k][0], shorts[j][0]), key=lambda m: m.start())
                if _LIST_JOIN.fullmatch(text, left.end(), right.start()):
                    listed[k] = True
    for k in range(len(shorts) - 1, -1, -1):
        if not listed[k] and k + 1 < len(shorts) and listed[k + 1]:
            left, right = shorts[k][0], shorts[k + 1][0]
            if _LIST_JOIN.fullmatch(text, left.end(), right.start()):
                listed[k] = True
    if any(listed):  # a text that dates one month/day dates the others it gives plainly
        for k, (m, _) in enumerate(shorts):
            listed[k] = listed[k] or _plain_month_day(text, m)
    dated_starts = set()
    for (m, _), dated in zip(shorts, listed, strict=True):
        if dated:
            dated_starts.add(m.start())
            yield _hit(m.start(), m.end(), None)
    for m in find_in(doc.fast(_DATE_SHORT_RANGE), text, spans):
        # "11/19-11/24": a range of two dates, each with a month and a day.
        parts = [(int(m.group(a)), int(m.group(b))) for a, b in (("m", "d"), ("m2", "d2"))]
        before = text[max(0, m.start() - 40) : m.start()]
        if all(1 <= mo <= 12 and 1 <= d <= 31 for mo, d in parts) and (
            # two month-days joined by a dash are a stay ("3/4-3/8 inpatient"), not scores
            m.start() in dated_starts
            or _short_date_is_date(text, m, *parts[0])
            or not (_SCORE_WORDS.search(before) or _FRACTION_AFTER.match(text[m.end() :]))
        ):
            yield _hit(m.start(), m.end(), None)
    for m in doc.find_around(_DATE_ORDINAL, _ORDINAL_HINT, 60, 40):
        group = "day" if m.group("day") else "day2"
        if group == "day2" and doc.fast(_CENTILE_BEFORE).search(
            text, max(0, m.start() - 60), m.start()
        ):
            continue  # "the 25th percentile, dropping from the 15th": a centile
        if _CENTILE_AFTER.match(text, m.end(group) + 2):
            continue  # "fallen from the 25th to the 9th percentile": a centile too
        if 1 <= int(m.group(group)) <= 31:
            yield _hit(m.start(group), m.end(group) + 2, None)


def _short_date_is_date(text: str, m: re.Match[str], month: int, day: int) -> bool:
    """'7/22' is a date; 'Vanderbilt 6/9', '2/5 school days', '1/2 tab' are not."""
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 30]
    words = re.findall(r"[A-Za-z/@-]+", before)
    previous = words[-1].lower() if words else ""
    if _FRACTION_AFTER.match(after):
        return False
    fraction_like = day <= 10 and month <= day
    if fraction_like and _RATING_PAIR.search(text, max(0, m.start() - 30), m.end() + 30):
        return False  # "Confidence before 2/5, after 4/5": a rating before and after
    visit = _VISIT_AFTER.match(after)
    if visit and month == day and day in (5, 10) and "session" in visit.group().lower():
        return False  # "5/5 session.", "10/10 session": a rating of it
    if visit or re.search(r"(?i)\bbrought[ \t]+(?:him|her|them)[ \t]*$", before):
        return True  # "at the 2/2 visit", "missed the 7/9 appointment", "brought him 6/6"
    scale = re.match(r"\s*(?:to|->|\u2192|-)\s*\d{1,2}/(\d{1,2})\b", after)
    if scale and scale.group(1) == m.group("d"):
        return False  # "rose from 3/5 to 4/5", "PHQ-9 9/27 -> 4/27": a score out of one total
    if scale is not None and not _is_fraction_like(after):
        return True  # "1/2 to 1/19": the start of a stay whose end is plainly a date
    if re.match(r"(?i)\s*at\s+(?:\d{1,2}(?::\d\d)?\s*[ap]\.?m\b|\d{1,2}:\d\d\b)", after) and not (
        day <= 4 and month < day  # "1/2 at 3 pm": half a tablet
    ):
        return True  # "(intake 1/22 at 10 am)": a clock time after
    previous_is_step = previous in ("initial", "baseline", "intake", "repeat", "follow-up", "now")
    if previous_is_step and _SCORE_WORDS.search(before[-20:]):
        return False  # "M-CHAT-R/F initial 9/20": a score at a step of care
    if (
        previous in ("was", "scored", "score", "of", "=")
        and day in _SCALE_TOTALS
        and month < day
        and _SCORE_WORDS.search(before)
        and not _DATE_CUE_WORDS.intersection(
            w.lower() for w in re.findall(r"[A-Za-z/-]+", re.split(r"[.!?;:\n]", before)[-1])
        )
    ):
        return False  # "M-CHAT-R at 18 months was 12/20": a score out of the scale's total
    if re.search(r"(?i)(?:naloxone|suboxone|zubsolv)\s*$", before):
        return False  # "buprenorphine-naloxone 8/2": the film's strengths in mg
    if re.search(r"(?i)\b(?:week|wk)\s+of\s*$", before):
        return True  # "wk of 3/4"
    if re.match(r"[ \t]+[-\u2013\u2014][ \t]+[A-Za-z]", after) and re.search(
        r"(?i)(?:^|\n|\blog|\d/\d{1,2})[ \t]*$", before
    ):
        return True  # a log's entries: "Care coordination log 1/6 - spoke w/", "1/8 - PA approved"
    if re.search(r"(?i)(?:^|\n|\blog\b[^\n:]{0,30}:)[ \t]*$", before) and re.match(
        r"[ \t]+(?:[A-Z][a-z]|LVM\b|LM\b"
        r"|(?i:called|spoke|left|lvm|faxed|sent|met|saw|mom|dad|pt|home|phone|text|visit|tc)\b)",
        after,
    ):
        return True  # "Care coordination log (hub referral): 1/8 LVM for Mr. Pham", "\n1/9 Dad"
    cue_closed = re.search(r"[.!?;:]\s*$", before) is not None  # "was spot on. 5/5."
    if fraction_like and not after.strip(" \t.!)") and before.rstrip().endswith(("-", "\u2013")):
        return False  # "it's our internet not yours - 4/5": a rating that ends a comment
    if fraction_like and re.match(r"[.!)]", after) and _RATED_BEFORE.search(before):
        return False  # "evaluation - 3/5. useful but": a rating
    if previous in ("on", "dated") and re.search(r"\d[ \t]+\w+[ \t]*$", before):
        return True  # "PHQ-A 22 on 3/9": the score given, then the day it was taken
    if (previous in _DATE_CUE_WORDS and not cue_closed) or before.rstrip().endswith(
        ("-", "\u2013", "@")
    ):
        return not (fraction_like and _SCORE_WORDS.search(before))
    clause = _CLAUSE_END.split(before)[-1]
    if (
        fraction_like
        and not _SCORE_WORDS.search(clause)  # ("a teacher at PS 161. we saw him in clinic 2/2")
        and any(w.lower() in _CLAUSE_DATE_CUES for w in re.findall(r"[A-Za-z/-]+", clause)[-8:])
    ):
        return True  # "started the fluoxetine 5/5", "seen in our clinic 3/4", "set for 5/6"
    if _SCORE_WORDS.search(before if fraction_like else before[-16:]):
        return False
    if _same_scale_before(text, m):
        return False
    if re.search(r"(?i)(?:\b\d{3,4}|\d\s?[ap]\.?m\.?)\s*$", before):
        return True  # a clock time before: "at 0330 3/7", "2pm 9/18"
    if re.search(r"(?:^|\s)\d\s?$", before) or before.rstrip().endswith(("+", "/")):
        return False  # "2 1/2"
    if re.match(
        r"(?i)\s*(?:@\s*\d{3,4}|at\s+\d{3,4}\b|\d{4}\b|[ap]\.?m\b|[0-2]?\d:[0-5]\d\b)", after
    ):
        return True  # a clock time after: "2/4 10:12 called Molina", "3/7 @ 1400"
    if re.match(r"\s*(?:[-\u2013]|to|through|thru)\s*\d{1,2}/\d{1,2}/\d{2,4}\b", after):
        return True  # "1/9-1/12/2024": the start of a range whose end has the year
    if re.match(r"\s*(?:[-\u2013]|to|through|thru)\s*\d{1,2}/\d{1,2}\b", after):
        return not fraction_like
    return not fraction_like


_COUNTED_BEFORE = re.compile(
    r"(?i)\b(?:was|scored?|of|out|rated|rating|grades?|tabs?|tablets?)[ \t]*$"
)


def _plain_month_day(text: str, m: re.Match[str]) -> bool:
    """A month/day that nothing around makes a score, a fraction or a dose: "missed appts 3/3
    and 3/10", "added melatonin 10/10", in a text that dates another month/day plainly (a text
    that gives dates gives them in one style)."""
    before = text[max(0, m.start() - 40) : m.start()]
    after = text[m.end() : m.end() + 30]
    if _FRACTION_AFTER.match(after) or _SCORE_WORDS.search(_CLAUSE_END.split(before)[-1]):
        return False
    if re.search(r"(?:^|\s)\d\s?$", before) or before.rstrip().endswith(("+", "/", "=")):
        return False  # "2 1/2"
    if _COUNTED_BEFORE.search(before):
        return False  # "scored 3/10", "out of 2/5", "1/2 tab"
    if re.match(r"\s*(?:to|->|\u2192|-)\s*\d{1,2}/\d{1,2}\b", after):
        return False  # "from 3/5 to 4/5": a score rising
    if _RATING_PAIR.search(text, max(0, m.start() - 30), m.end() + 30):
        return False
    return not _same_scale_before(text, m)


def _is_fraction_like(after: str) -> bool:
    """Whether the month/day that ends a range after "to" could also be a fraction."""
    end = re.match(r"\s*(?:to|->|\u2192|-)\s*(\d{1,2})/(\d{1,2})\b", after)
    if end is None:
        return True
    month, day = int(end.group(1)), int(end.group(2))
    return day <= 10 and month <= day


def _same_scale_before(text: str, m: re.Match[str]) -> bool:
    """ "GAD-7 11/21 at intake, 6/21 at 8 weeks": a second score out of the same total that a
    score word opened."""
    wide = text[max(0, m.start() - 80) : m.start()]
    total = m.group("d")
    return any(
        _SCORE_WORDS.search(word)
        for word in re.findall(r"(\S+)\s*:?\s*\d{1,2}/" + total + r"\b", wide)
    )
