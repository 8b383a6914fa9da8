"""Numbers and dates said aloud: clinicians dictate, and speech-to-text writes what they say
("callback number is five five five two oh one nine", "date of birth june the ninth
twenty seventeen", "zip seven eight five six six", "seen on march third"). A run of spoken
digits is read as the digits it says and judged by its length and the words before it; a
month with a spoken day is a date, as "March 3" is."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, at_word_starts
from echo.phi.vocabulary import word_set

_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|\d)"
# Between spoken digits dictation writes pauses as words or marks: "five five five comma
# zero one eight eight", "five five five. Five five five."
_PAUSE = r"(?:[ \t]*(?:,|\.|-|[ \t]comma|[ \t]period|[ \t]dash)?[ \t]+)"
_WORD_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# A run starts with a digit said as a word: digits alone are the other detectors' work.
_SPOKEN_RUN = re.compile(rf"(?i)\b{_WORD_DIGIT}(?:{_PAUSE}{_DIGIT}\b){{4,12}}")
_RUN_WORDS = word_set("zero oh one two three four five six seven eight nine")
# What the run is, by the words before it.
_SSN_BEFORE = re.compile(r"(?i)\b(?:social(?:\s+security)?(?:\s+number)?|ssn)\b[^.]{0,20}$")
_ZIP_BEFORE = re.compile(r"(?i)\bzip(?:\s*code)?\b[^.]{0,12}$")
_PHONE_BEFORE = re.compile(
    r"(?i)(?:\b(?:phone|number|cell|call(?:back)?|tel|contact|reach(?:ed)?|text|home|work|mobile)\b"
    r"|#)"
    r"[^.]{0,30}$"
)

# "medical record number two two eight four one nine", "member id nine oh four...": a record,
# plan or account number said aloud after the words that name it.
_NUMBER_SAID = r"\W{0,3}(?:is\W{1,3})?$"
_LABELLED_BEFORE = (
    (
        "mrn",
        re.compile(
            r"(?i)\b(?:mrn|medical[ \t]+record(?:[ \t]+number)?|chart[ \t]+number)" + _NUMBER_SAID
        ),
    ),
    (
        "health_plan",
        re.compile(
            r"(?i)\b(?:member|medicaid|subscriber|policy)[ \t]+(?:id|number)" + _NUMBER_SAID
        ),
    ),
    # ("the rx account for the child is six zero zero ...": what the account is for between)
    (
        "account",
        re.compile(
            r"(?i)\b(?:account|acct)(?:[ \t]+(?:number|#))?(?:[ \t]+for[ \t]+the[ \t]+\w+)?"
            + _NUMBER_SAID
        ),
    ),
    # "her driver's license number is one zero two nine ...": a licence said aloud
    (
        "license",
        re.compile(r"(?i)\b(?:driver'?s[ \t]+)?licen[cs]e(?:[ \t]+(?:number|#))?" + _NUMBER_SAID),
    ),
    # "date of birth is oh four, one nine, two thousand fifteen": a date said digit by digit
    ("date", re.compile(r"(?i)\b(?:dob|date[ \t]+of[ \t]+birth|born|birthday)" + _NUMBER_SAID)),
)
# "his medicaid number is Y as in yellow, four five five ...": a letter spelled out first
_SPELLED_LETTER = re.compile(r"(?i)\b[a-z][ \t]+as[ \t]+in[ \t]+[a-z]+\W{1,3}$")

_ORDINAL = (
    r"(?:(?:twenty|thirty)[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth)"
)
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
_SPOKEN_YEAR = (
    r"(?:[ \t,]+(?:(?:nineteen|twenty)[ \t]+(?:\w+[ \t]+)?\w+|two[ \t]+thousand(?:[ \t]+and)?"
    r"(?:[ \t]+\w+){0,2}|(?:19|20)\d\d))?"
)
# "june the ninth twenty seventeen", "march third", "the fifth of may", "seventh of august
# two thousand ten": a month and a spoken day (the year, if said, with them).
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_SPOKEN_DATE = at_word_starts(
    re.compile(
        rf"(?i)\b{_MONTH}[ \t]+(?:the[ \t]+)?{_ORDINAL}\b(?P<year1>{_SPOKEN_YEAR})"
        rf"|\b(?:the[ \t]+)?{_ORDINAL}[ \t]+of[ \t]+{_MONTH}\b(?P<year2>{_SPOKEN_YEAR})"
    )
)
_MONTH_WORDS = word_set(_MONTH[3:-1].replace("|", " "))
_ORDINAL_WORDS = word_set(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
    thirtieth"""
)
_YEAR_WORDS = word_set(
    """nineteen twenty thousand one two three four five six seven eight nine ten eleven
    twelve thirteen fourteen fifteen sixteen seventeen eighteen thirty forty fifty sixty
    seventy eighty ninety"""
)


# "tripp dot whitaker at example dot com": an email address as speech-to-text writes it
# (the words before "at" are its local part, read back at most four words).
_SPOKEN_EMAIL = re.compile(
    r"(?i)\b(?:[a-z0-9]+(?:[ \t]+(?:dot|underscore|dash|period)[ \t]+[a-z0-9]+)*[ \t]+)"
    r"at[ \t]+[a-z0-9-]+(?:[ \t]+dot[ \t]+[a-z0-9-]+)*"
    r"[ \t]+dot[ \t]+(?:com|net|org|edu|gov|us|io)\b"
)


def find(doc: Document) -> Iterator[Hit]:
    if "dot" in doc.lows and "at" in doc.lows:
        for m in doc.find_near(_SPOKEN_EMAIL, frozenset({"at"}), 60, 60):
            yield Hit(m.start(), m.end(), "email", Priority.EMAIL, SUGGESTIONS["email"])
    if doc.lows & _RUN_WORDS:
        yield from _spoken_numbers(doc)
    yield from _spaced_phones(doc)
    if doc.lows & _MONTH_WORDS:
        for m in doc.find_near(_SPOKEN_DATE, _MONTH_WORDS | _ORDINAL_WORDS, 20, 70):
            said = m.group().lstrip()
            if said.startswith("may ") and not (m.group("year1") or "").strip():
                continue  # "in may the first week": the verb or a month with no day meant
            group = "year1" if m.group("year1") is not None else "year2"
            year = m.group(group)
            end = m.start(group) + _year_length(year) if year else m.end()
            yield Hit(m.start(), end, "date", Priority.DATE, SUGGESTIONS["date"])


def _year_length(words: str) -> int:
    """How much of the words after a spoken day is its year ("twenty seventeen comma": the
    first two words; "two tabs": none)."""
    length = 0
    for m in re.finditer(r"[ \t,]*([A-Za-z]+|\d+)", words):
        word = m.group(1).lower()
        if not (word.isdigit() or word in _YEAR_WORDS or word == "and"):
            break
        length = m.end()
    return length


# "my cell is 4 1 2 555 0 1 7 7": a phone number's digits as speech-to-text spaces them.
_SPACED_DIGITS = re.compile(
    r"(?<![\w.,/-])(?<!\d[ \t])\d{1,3}(?:[ \t]\d{1,4}){4,10}(?![\w/-]|[.,]\d|[ \t]\d)"
)
_SPACED_HINT = re.compile(r"\d[ \t]\d[ \t]\d")


def _spaced_phones(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for m in doc.find_around(_SPACED_DIGITS, _SPACED_HINT, 16, 30):
        digits = re.sub(r"\D", "", m.group())
        before = text[max(0, m.start() - 40) : m.start()]
        if len(digits) in (10, 11) and _PHONE_BEFORE.search(before):
            yield Hit(m.start(), m.end(), "phone", Priority.PHONE_IN_CONTEXT, SUGGESTIONS["phone"])


def _spoken_numbers(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for m in doc.find_near(_SPOKEN_RUN, _RUN_WORDS, 2, 120):
        said = re.findall(rf"(?i)\b{_DIGIT}\b", m.group())
        if not any(w.isalpha() for w in said):
            continue  # digits alone are the other detectors' work
        digits = "".join(_DIGIT_WORDS.get(w.lower(), w) for w in said)
        start = m.start()
        letter = _SPELLED_LETTER.search(text, max(0, start - 24), start)
        if letter is not None:
            start = letter.start()
        before = text[max(0, start - 40) : start]
        labelled = next((k for k, rx in _LABELLED_BEFORE if rx.search(before)), None)
        if labelled == "date" and len(digits) in (4, 5, 6, 8):
            end = m.end() + _year_length(text[m.end() : m.end() + 40])
            yield Hit(start, end, "date", Priority.DATE, SUGGESTIONS["date"])
        elif labelled is not None and labelled != "date" and len(digits) >= 5:
            yield Hit(start, m.end(), labelled, Priority.LABELLED_ID, SUGGESTIONS[labelled])
        elif len(digits) == 9 and _SSN_BEFORE.search(before):
            yield Hit(m.start(), m.end(), "ssn", Priority.SSN, SUGGESTIONS["ssn"])
        elif len(digits) == 5 and _ZIP_BEFORE.search(before):
            yield Hit(m.start(), m.end(), "zip", Priority.ZIP, SUGGESTIONS["zip"])
        elif (len(digits) in (7, 10, 11) and _PHONE_BEFORE.search(before)) or (
            # "left VM for dad at six five one five five five zero one nine two": ten digits
            # said aloud are a phone number whatever comes before (not a count: "one two three")
            len(digits) == 10 and digits not in "01234567890" and digits not in "9876543210"
        ):
            yield Hit(m.start(), m.end(), "phone", Priority.PHONE_IN_CONTEXT, SUGGESTIONS["phone"])
