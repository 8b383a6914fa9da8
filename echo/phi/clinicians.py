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
