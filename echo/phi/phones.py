"""Phone, fax and pager numbers. Toll-free numbers are services (1-800-273-8255), not
families, unless "home", "cell", "mom" or "#" comes just before; a number without its area
code needs a cue ("cell", "call", "fax") to count."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.priority import Priority
from echo.phi.text import Document, find_in
from echo.phi.vocabulary import word_set

_PHONE = re.compile(
    # ("555 \u2022 019 \u2022 7732": bullets or middle dots between the groups)
    r"(?<![\w/+])(?<!\d-)(?:\+?1[\s.-]?)?(?:\(\d{3}\)[\s-]?|\d{3}\s?[\s.\-/\u2013\u2014\u2022\u00b7]\s?)"
    r"\d{3}\s?[\s.\-/\u2013\u2014\u2022\u00b7]?\s?\d{4}"
    r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\w/-])"
)
_TOLL_FREE = re.compile(r"1?8(?:00|33|44|55|66|77|88)")
_PERSONAL_PHONE = re.compile(
    r"(?i)\b(?:home|cell|work|mobile|mom|dad|mother|father|e?fax|faxed)\b|#"
)
_PHONE_LOCAL = re.compile(r"(?<![\w/.-])\d{3}[-.\u2013]\d{4}(?![\w/-]|\.\d)")
_PHONE_TEN = re.compile(r"(?<![\w/.-])\d{10}(?![\w/-])")
# Typed oddly: "555 0110", "555 555 01 50", "555 555 0 1 0 5", "555-555-O177" (a letter O),
# "+91 98555 01234" (abroad). Read only after a word that says a number follows.
_PHONE_ODD = re.compile(
    r"(?<![\w/.-])(?<!\d )(?:\d{3}[ ]\d{4}|\d{3}[ .-]\d{3}[ .-](?:[\dO][ ]?){3}[\dO]"
    r"|\+\d{1,3}[ -]\d{4,5}[ -]?\d{4,6})(?![\w/-]|[ .]\d)"
)
_PHONE_CONTEXT = re.compile(
    r"(?i)\b(?:(?:she'?s|he'?s|they'?re|mom'?s|dad'?s|is|are|reach\s+(?:her|him|them|me))\s+at|"
    r"phone|ph|tel|telephone|cell|mobile|call|called|text|home|work|office|number|"
    r"reach|reached|contact|pager|beeper|page|paged|fax|hm|wk|c|h|w|cb|callback|landline|line|"
    r"whatsapp|vm|"
    r"voicemail|signal)\b\W{0,4}(?:\w+\W{1,3}){0,3}$|#\s*:?\s*$"
    # "#s on file 555-0176", "they use the neighbor's: 555-0164", "(Bernice Toller, 555-0129)":
    # numbers on file, a person's number, a person named and set off before it
    r"|#s\b\W{0,4}(?:\w+\W{1,3}){0,3}$|['\u2019]s:\s*$"
    r"|\((?-i:[A-Z][a-z'\u2019-]+(?:\s[A-Z][a-z'\u2019-]+){1,2}),\s*$"
    # "mom Krystal Dunaway 555-0108": straight after a person's full name
    r"|\b(?-i:[a-z]+\s[A-Z][a-z'\u2019-]+\s[A-Z][a-z'\u2019-]+),?\s*$"
)
_CALL_BACK = re.compile(r"(?i)\b(?:call|text|reach|cb)\s+(?:me|us|her|him|them|mom|dad)\b")
_EXTENSION_AFTER = re.compile(r"(?i)[ \t]*(?:ext\.?|x|extension)[ \t]*\d{1,5}\b")
_PAGER = re.compile(
    r"(?i)\b(?:pager|beeper|pgr|pg|beep)\s*(?:#|no\.?|number)?\s*:?\s*(?P<id>\d{4,5})\b"
)
_FAX_CONTEXT = re.compile(r"(?i)\bfax(?:ed)?\b")


_PAGER_WORDS = word_set("pager beeper pgr pg beep")


# Inside every phone number: three digits, then another within a few characters. A number
# starts at most 6 characters before ("+1 (555)") and ends, with an extension, within 50.
# (opens with its character: see echo.phi.text)
_PHONE_HINT = re.compile(r"\d\d\d\W{0,3}\d")
_PHONE_WINDOW = (8, 50)


def find(doc: Document) -> Iterator[Hit]:
    text = doc.text
    spans = doc.around(_PHONE_HINT, *_PHONE_WINDOW)
    for m in find_in(doc.fast(_PHONE), text, spans):
        digits = re.sub(r"\D", "", m.group())
        if len(set(digits)) < 3:
            continue
        if _TOLL_FREE.match(digits) and not _PERSONAL_PHONE.search(
            text[max(0, m.start() - 25) : m.start()]
        ):
            continue  # toll-free numbers are services (1-800-273-8255), not families
        yield _phone_hit(text, m.start(), m.end(), Priority.PHONE)
    for rx in (_PHONE_LOCAL, _PHONE_TEN, _PHONE_ODD):
        for m in find_in(rx, text, spans):
            extension = _EXTENSION_AFTER.match(text, m.end()) is not None  # "555-0199 ext 4"
            if extension or doc.fast(_PHONE_CONTEXT).search(
                text[max(0, m.start() - 40) : m.start()]
            ):
                yield _phone_hit(text, m.start(), m.end(), Priority.PHONE_IN_CONTEXT)
            elif rx is _PHONE_LOCAL and doc.fast(_CALL_BACK).search(
                text, max(0, m.start() - 70), m.start()
            ):
                # "can someone call me back re Lily-Mae before 3? 555-0139": the number asked
                # to be called, a few words on
                yield _phone_hit(text, m.start(), m.end(), Priority.PHONE_IN_CONTEXT)
    for m in doc.fast(_PAGER).finditer(text) if doc.lows & _PAGER_WORDS else ():
        yield Hit(m.start("id"), m.end("id"), "phone", Priority.PAGER, SUGGESTIONS["phone"])


def _phone_hit(text: str, start: int, end: int, priority: Priority) -> Hit:
    if _FAX_CONTEXT.search(text[max(0, start - 25) : start]):
        return Hit(start, end, "fax", priority, SUGGESTIONS["fax"])
    return Hit(start, end, "phone", priority, SUGGESTIONS["phone"])
