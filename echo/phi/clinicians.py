"""Clinicians named by their credential: "Marie Munroe, RN", "Q. LANDER RRT", "barbara j.
parrilli bsn/rn", and the words after a name that make it a clinician's ("aware",
"notified", "MD")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.lexicon import first_names, is_word, list_spelling, not_names, surnames
from echo.phi.priority import Priority
from echo.phi.text import Document, Tok
from echo.phi.vocabulary import CREDENTIALS, FUNCTION_WORDS, INSTITUTION_WORDS, RELATIONS, ROLES

# "E. Welsh aware", "Z. Miller notified": how notes name the clinician they told.
CLINICIAN_AFTER = re.compile(
    r"(?i),?\s*(?:aware|notified|paged|informed|made\s+aware|in\s+to\b|"
    r"(?:md|np|pa|rn|rrt)\b)"
)


def followed_by_credential(text: str, end: int) -> bool:
    m = re.match(r",?\s*([A-Za-z.\-/]+)", text[end : end + 12])
    return bool(m and m.group(1).lower().rstrip(",") in CREDENTIALS and m.group(1)[0].isupper())


def credentialed(doc: Document) -> Iterator[Hit]:
    """'Marie Munroe, RN', 'Q. LANDER RRT', 'barbara j. parrilli bsn/rn': the name before a
    credential."""
    text, toks = doc.text, doc.toks
    for i in doc.places_of(CREDENTIALS):
        t = toks[i]
        if i == 0:
            continue
        if t.shape == "lower" and t.mode == "mixed":
            continue
        if t.low in ("do", "ma", "ms", "slp", "pa") and t.shape != "upper":
            continue
        gap = text[toks[i - 1].end : t.start]
        if gap not in (", ", " ", ","):
            continue
        j, words, initials = _name_before(text, toks, i)
        named = any(list_spelling(w.low) in first_names() for w in words)
        plain = any(not is_word(w.low) for w in words)
        if not words or not (
            (named and (len(words) > 1 or plain))
            or (initials and plain)
            or (len(words) > 1 and plain)
        ):
            continue
        yield Hit(
            toks[j].start,
            toks[i - 1].end,
            "clinician",
            Priority.CLINICIAN_BY_CREDENTIAL,
            SUGGESTIONS["clinician"],
        )


def _name_before(text: str, toks: list[Tok], i: int) -> tuple[int, list[Tok], int]:
    """Up to three words before the credential at toks[i] that may be a name: the index of
    the first, the words that are not initials, and how many initials."""
    first, sur = first_names(), surnames()
    j = i
    words: list[Tok] = []
    initials = 0
    while j > 0 and i - j < 3:
        prev = toks[j - 1]
        if j < i and text[prev.end : toks[j].start] not in (
            (" ", ". ") if prev.shape == "single" else (" ",)
        ):
            break
        if prev.possessive or prev.low in FUNCTION_WORDS or prev.low in CREDENTIALS:
            break
        if prev.low in INSTITUTION_WORDS or prev.low in RELATIONS or prev.low in ROLES:
            break
        if prev.mode == "mixed" and prev.shape not in ("title", "single"):
            break
        if prev.shape == "single":
            initials += 1
        elif prev.low in not_names() or (
            is_word(prev.low)
            and list_spelling(prev.low) not in first
            and list_spelling(prev.low) not in sur
        ):
            break
        else:
            words.append(prev)
        j -= 1
    return j, words, initials


# The people of a child's school, team, daycare or child-welfare case: named, they say where
# the child is as the school's name does, so they are names (block), not the clinicians a hub
# consults with (warn): "Caseworker J. Tsai", "Kristi Vogel, RN, school nurse", "Dr. Lorraine
# Kittrell, Assistant Principal", "Pam Reiter RN at Wapello Middle School". (A school
# psychologist is a clinician, as writers label them.)
_STAFF_ROLE = (
    r"(?:school[ \t]+(?:nurse|counsel(?:l)?or|social[ \t]+worker)|"
    r"(?:assistant[ \t]+|vice[ \t]+)?principal|teacher|coach|case[ \t]*worker|"
    r"case[ \t]+manager|day[ \t]*care[ \t]+provider)"
)
_STAFF_BEFORE = re.compile(
    rf"(?i:\b{_STAFF_ROLE})[ \t]*[:,]?[ \t]*(?:(?i:the)[ \t]+)?(?:(?:Mrs?|Ms|Dr)\.?[ \t]+)?$"
)
# A name's credentials ("RN", "BSN, RN", "LMSW"), then its role or the school it works at.
_CREDENTIALS_AFTER = re.compile(r"(?:,?[ \t]*(?:[A-Z]{2,5}|PA-C)\b)*[ \t]*[,(]?[ \t]*")
_STAFF_AFTER = re.compile(rf"(?i:(?:the[ \t]+)?{_STAFF_ROLE}\b)")
_AT = re.compile(r"(?:at[ \t]+)?")
_NURSE = re.compile(r"\b(?:RN|BSN|LPN|MSN)\b")


def staff_of_the_child(doc: Document, kept: list[Hit]) -> list[Hit]:
    """`kept` with each clinician who is one of the child's school or case staff (above) made
    a name; the other hits as they are."""
    text = doc.text
    schools = {h.start for h in kept if h.kind == "school"}
    out: list[Hit] = []
    for h in kept:
        if h.kind == "clinician" and _is_staff(text, h, schools):
            h = Hit(h.start, h.end, "name", h.priority, SUGGESTIONS["name"])
        out.append(h)
    return out


def _is_staff(text: str, h: Hit, schools: set[int]) -> bool:
    if _STAFF_BEFORE.search(text, max(0, h.start - 40), h.start):
        return True
    after = _CREDENTIALS_AFTER.match(text, h.end)
    at = after.end() if after else h.end
    if _STAFF_AFTER.match(text, at):
        return True
    if not _NURSE.search(text, h.end, at):
        return False  # "Dr. Okafor at St. Luke's": only a nurse works at the school named
    school = _AT.match(text, at)
    return school is not None and school.end() in schools
