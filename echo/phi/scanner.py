"""`scan`: every detector over the text, overlaps resolved, findings in order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from echo.phi import (
    ages,
    characteristics,
    clinicians,
    dates,
    employers,
    identifiers,
    initials_learned,
    institutions,
    learned,
    lexicon,
    national,
    online,
    people,
    phones,
    places,
    school_phrases,
    spoken,
)
from echo.phi.findings import MESSAGES, Finding, Hit, severity_of
from echo.phi.priority import resolve
from echo.phi.text import Document, read

Detector = Callable[[Document], Iterable[Hit]]

# Every detector, in the order their hits are gathered (the order settles only full ties:
# same priority, same span; see echo.phi.priority).
RULES: tuple[Detector, ...] = (
    online.find,
    identifiers.find,
    phones.find,
    spoken.find,
    dates.find,
    ages.find,
    places.find,
    institutions.find,
    employers.find,
    people.find,
    characteristics.find,
)
# The rules, then the learned classifier's confident words (below every rule on overlaps).
DETECTORS: tuple[Detector, ...] = (*RULES, learned.find)


def scan(
    text: str,
    detectors: tuple[Detector, ...] = DETECTORS,
    learned_schools: bool = True,
    learned_initials: bool = True,
) -> list[Finding]:
    """Identifiers in `text`, sorted by position, never overlapping (`detectors`: all of
    them unless a benchmark compares the rules alone; `learned_schools`, `learned_initials`:
    unless it weighs echo.phi.school_phrases or echo.phi.initials_learned)."""
    doc = read(text)
    hits = [hit for detect in detectors for hit in detect(doc)]
    if doc.lows & people.PET_WORDS:  # "the family dog, Hunter,": no person
        hits = [hit for hit in hits if not people.a_pets_name(text, hit)]
    named = national.spans(doc)
    if named:  # "Boys & Girls Club", "Lincoln Logs": names of nobody in the case
        hits = [h for h in hits if not national.inside(h.kind, h.start, h.end, named)]
    kept = resolve(hits, len(text))
    schools = list(institutions.schools_by_context(doc, kept))
    if schools:  # a town's name where a child goes to school; a school's short form
        kept = resolve(kept + schools, len(text))
    streets = list(places.streets_after_places(doc, kept))
    if streets:  # "Kiddie Kampus on Oak": the street a named place stands on
        kept = resolve(kept + streets, len(text))
    heard = list(school_phrases.schools_heard(doc, kept)) if learned_schools else []
    if named:
        heard = [h for h in heard if not national.inside(h.kind, h.start, h.end, named)]
    if heard:  # a bare name after "at" or "to" the learned reading is sure is a school
        heard += [short for h in heard for short in institutions.short_forms_after(text, h)]
        kept = resolve(kept + heard, len(text))
    capitals = list(initials_learned.initials_heard(doc, kept)) if learned_initials else []
    if capitals:  # capitals no rule read that the learned reading is sure are initials
        kept = resolve(kept + capitals, len(text))
    kept = clinicians.staff_of_the_child(doc, kept)  # a school nurse, a caseworker
    again = list(people.repeated_names(doc, kept))
    if again:  # a name found once is a name wherever else it stands
        kept = resolve(kept + again, len(text))
    return [
        Finding(
            start=h.start,
            end=h.end,
            text=text[h.start : h.end],
            kind=h.kind,
            severity=severity_of(h.kind),
            message=MESSAGES[h.kind],
            suggestion=h.suggestion,
        )
        for h in kept
    ]


# A case text touching most detectors, scanned once by `load`.
_FIRST_TEXT = (
    "Re: Jo (DOB 3/4/2016, MRN 1234567), a 9 yo from Dayton, OH, seen at Mercy Hospital. "
    "Mom Ana Lopez (555-201-3344) says he goes to Lincoln Elementary; lives on Oak St."
)


def load() -> None:
    """Read every word list and model the guard uses now, as the first scan would: a process
    that then freezes what it has loaded (gc.freeze, see echo.app) keeps them out of every
    later full garbage collection, which would otherwise walk their some 500,000 words and
    weights again (about 12 ms each time)."""
    lexicon.first_names(), lexicon.surnames(), lexicon.english(), lexicon.regions()
    lexicon.not_names(), lexicon.places()
    learned.model(), school_phrases.model(), initials_learned.model()
    scan(_FIRST_TEXT)
