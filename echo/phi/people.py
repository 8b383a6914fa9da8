"""People: names of the patient, relatives and others (block), initials (block) and
clinicians (warn). A name starts at a word the lists or the context make a name
(echo.phi.names), after a cue or not (echo.phi.cues); initials and credentials have their
own rules (echo.phi.initials, echo.phi.clinicians). Characters and stars children talk
about are names of nobody in the case."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from echo.phi.clinicians import CLINICIAN_AFTER, credentialed, followed_by_credential
from echo.phi.cues import (
    AGE_APPOSITION,
    CUE_RELATION_AFTER,
    CUE_WORDS,
    DOCTOR_TITLES,
    TITLES,
    Cue,
    after_age,
    cue_before,
)
from echo.phi.findings import SUGGESTIONS, Hit
from echo.phi.initials import bare_initials, initial_led, not_initials, single_letters
from echo.phi.lexicon import (
    first_names,
    fold,
    is_place_word,
    is_word,
    known_place,
    not_names,
    regions,
    surnames,
)
from echo.phi.names import WORD_SENSE_AFTER, WORDY_NAMES, extend_name, starts_name
from echo.phi.places import US_STATE_NAMES
from echo.phi.priority import Priority
from echo.phi.text import (
    Document,
    Tok,
    adjacent,
    at_word_starts,
    find_in,
    find_led,
    led,
    merged,
    places_of_any_case,
    starts_among,
    windows,
)
from echo.phi.vocabulary import (
    ACRONYMS,
    ARTICLES,
    COMPASS_POINTS,
    CREDENTIALS,
    DETERMINERS,
    EPONYM_NOUNS,
    FUNCTION_WORDS,
    GENERIC_PLACE_WORDS,
    INSTITUTION_WORDS,
    MONTHS,
    PATIENT_WORDS,
    PEOPLES,
    PERSON_VERBS,
    PERSONS_THINGS,
    RELATIONS,
    ROLES,
    relation,
    word_set,
)

# Characters and stars children talk about: names, but of nobody in the case.
_FAMOUS = re.compile(
    r"\b(?:Harry\s+Potter|Hermione(?:\s+Granger)?|Ron\s+Weasley|Taylor\s+Swift|Peppa\s+Pig|"
    r"Katie\s+Beckett(?=\s+(?:waiver|program))|Semana\s+Santa|MHS\s+Genesis|"
    r"(?<=patience\sof\s)Job|"
    r"Mickey\s+Mouse|Minnie\s+Mouse|Daniel\s+Tiger|Super\s+Mario|Mario\s+Kart|"
    r"Sonic(?:\s+the\s+Hedgehog)?|Spider-?Man|Elsa\s+and\s+Anna|Percy\s+Jackson|"
    r"Thomas\s+the\s+Tank\s+Engine|Curious\s+George|Winnie\s+the\s+Pooh|Captain\s+America|"
    r"Dora(?:\s+the\s+Explorer)?|Bob\s+the\s+Builder|Sesame\s+Street|Mr\.?\s+Rogers|"
    r"Martin\s+Luther\s+King(?:\s+Jr\.?)?|Abraham\s+Lincoln|George\s+Washington|"
    r"Joy\s+and\s+Sadness|Virgen\s+de\s+Guadalupe|(?:Early\s+)?Head\s+Start|Thomas\s+and\s+Chess|"
    r"Big\s+Brothers(?:\s+Big\s+Sisters)?|(?<=sinus\s)brady|"
    # authors the field's clinicians cite ("Ross Greene's stuff", "Barkley's book")
    r"Ross\s+Greene|Russell\s+Barkley|Alan\s+Kazdin|Bruce\s+Perry|Dan\s+Siegel|"
    r"Tina\s+Payne\s+Bryson|Adele\s+Faber)\b"
    # "working up Wilson's (ceruloplasmin ...)": a disease named for a person
    r"|\b(?:working\s+up|work\s*up\s+for|rule\s+out|ruled\s+out|r/o|concern\s+for)\s+"
    r"[A-Z][a-z]+['\u2019]s\b|\b[A-Z][a-z]+['\u2019]s(?=\s+(?:is|was|has\s+been)\s+ruled\b)"
    # "Collaborative & Proactive Solutions (Ross Greene)", "a good manual by Levy and
    # colleagues": an approach's or a book's author
    r"|\b(?:Solutions|Approach|Model|Method|Program|Therapy|Training|Protocol)\s*"
    r"\((?:Dr\.?\s+)?[A-Z][a-z]+\s+[A-Z][a-z]+\)"
    r"|\b(?:manual|book|workbook|guide|protocol|curriculum|chapter|paper|article)\s+by\s+"
    r"(?:Dr\.?\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=\s+(?:and|&)\s+colleagues|\s+et\s+al|[,.;)])"
    # "Lakota is his uncle's first language": a language
    r"|\b[A-Z][a-z]+(?=\s+is\s+(?:(?:his|her|their|the)\s+)?(?:[a-z]+['\u2019]s\s+)?"
    r"(?:first|native|home|main|primary)\s+language)"
    # "the Wilson Reading System", "Lindamood-Bell": reading programs named for people
    r"|\b[A-Z][a-z]+\s+(?:Reading|Math|Language|Literacy)\s+(?:System|Program|Method)\b"
    r"|\b(?:Orton[- ]Gillingham|Lindamood[- ]Bell)\b"
    # "the Coping Cat workbook (Kendall)": a manual's author
    r"|\b(?:workbook|manual|protocol|curriculum|program|book)\s*\([A-Z][a-z]+"
    r"(?:\s*(?:&|and)\s*[A-Z][a-z]+)?(?:\s+et\s+al\.?)?(?:,?\s*\d{4})?\)"
)

_FAMOUS_AT_WORDS = at_word_starts(_FAMOUS)  # every branch opens at a word
# A word of each branch above, looked for first (a branch spans less than 60 characters on
# either side of it).
_FAMOUS_WORDS = word_set(
    """harry hermione ron taylor peppa mickey minnie daniel super mario sonic spider-man spider
    elsa percy thomas curious winnie captain dora bob sesame rogers martin abraham george
    working work workup rule ruled r concern solutions approach model method program therapy
    training protocol manual book workbook guide curriculum chapter paper article language
    reading math literacy orton lindamood katie semana mhs patience joy virgen early head chess
    big ross russell alan bruce dan tina adele sinus"""
)
_SPANISH_CHILD_WORDS = frozenset({"Niña", "Niño", "NIÑA", "NIÑO", "niña", "niño"})
_SCORE_AFTER = re.compile(r"[ \t]+\d{1,2}/\d{1,2}\b")
_AGE_NUMBER_AFTER = re.compile(r"[ \t]+\d{1,2}\b(?!/)")
_YEARS_OLD_AFTER = re.compile(r"[ \t]+(?:de[ \t]+)?\d{1,2}[ \t]*a[nñ]os\b")
_OWNERS = word_set("his her their its whose every each last next")
_TIME_WORDS = word_set("today tonight yesterday tomorrow week month year")
# "(11m)", "(9 yo)", "(9)": an age in parentheses, with the sex or the unit or without
_PAREN_AGE = re.compile(r"[ \t]*\([ \t]*\d{1,2}[ \t]*(?P<unit>[mf]|yo|y/o|yrs?)?[ \t]*\)")
# A person's finding, by kind and whether a cue came before it.
_PRIORITIES = {
    ("clinician", False): Priority.CLINICIAN,
    ("clinician", True): Priority.CLINICIAN_AFTER_CUE,
    ("initials", False): Priority.INITIALS,
    ("initials", True): Priority.INITIALS_AFTER_CUE,
    ("name", False): Priority.NAME,
    ("name", True): Priority.NAME_AFTER_CUE,
}


def find(doc: Document) -> Iterator[Hit]:
    text, toks = doc.text, doc.toks
    famous = [m.span() for m in doc.find_near(_FAMOUS_AT_WORDS, _FAMOUS_WORDS, 60, 60)]
    people = chain(
        _names(text, toks),
        _typed_names(text, toks),
        context_names(doc),
        credentialed(doc),
        bare_initials(doc),
        _set_off_names(doc),
        _listed_with_age(doc),
        _aged_pair(doc),
        _named_by_what_is_said(doc),
        _last_first_aged(doc),
        _opens_with_name(doc),
        _capitals_in_mixed_text(doc),
        _message_subjects(doc),
        _named_before_number(doc),
        _family_by_surname(doc),
        _nickname_given(doc),
        _spelled_out(doc),
        _patient_is_named(doc),
        _eponym_given_names(doc),
        single_letters(doc),
    )
    for h in people:
        if text[h.start : h.end].lower() in _PLAIN_PEOPLES:
            continue  # "Amish 12 yo": the family's faith, never a name here
        if h.kind == "initials" and text[h.start : h.end].lower() in RELATIONS:
            continue  # "Grandpa (PGF, 93yo)", "GM is 91": a relative's abbreviation
        if text[h.start : h.end] in _SPANISH_CHILD_WORDS:
            continue  # "Niña de 7 años": the girl, not Nina
        if text[h.start : h.end].lower() in ("nina", "nino") and (
            _YEARS_OLD_AFTER.match(text, h.end)
            or (text[h.start].islower() and _AGE_NUMBER_AFTER.match(text, h.end))
        ):
            continue  # "nina 9 anos, tics", "nino 11, Brayan": niña, niño without the tilde
        if h.start > 1 and text[h.start - 1] == "-" and text[h.start - 2].isdigit():
            continue  # "H2033-HA", "F-150": a code's or a model's letters, no person
        if all(
            word in CREDENTIALS for word in _CREDENTIAL_SPLIT.split(text[h.start : h.end].lower())
        ):
            continue  # "Tamsin Reyes-Whitford, DNP, CPNP": the degrees after a name
        if not any(s <= h.start and h.end <= e for s, e in famous):
            yield h


# Given names that are also an eponym of the trade (Addison's disease, Tanner stages,
# Raven's matrices): in capitals, a child's name unless the trade's word or a stage's number
# follows ("Tanner 3", "Tanner II", "Addison's disease", "Tanner/SMR") or it follows a slash
# or a hyphen ("Cushing/Addison").
_EPONYM_GIVEN_NAMES = word_set("addison tanner raven")
_EPONYM_USE_AFTER = re.compile(
    r"(?:['\u2019]s)?[ \t]*(?:[/-]|(?i:stages?|staging|smr|sexual|breast|pubic|genital|"
    r"crisis|disease|syndrome|matrices|progressive|colou?red|standard|scales?|score|test|"
    r"criteria)\b)"
)
_STAGE_AFTER = re.compile(
    r"[ \t]*(?:\d|\((?i:smr|sexual)|(?:I{1,3}|IV|V)\b|(?i:one|two|three|four|five)\b)"
)


def _eponym_given_names(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for i in doc.places_of(_EPONYM_GIVEN_NAMES):
        t = doc.toks[i]
        if t.shape != "title" or t.mode != "mixed" or (t.start and text[t.start - 1] in "/-"):
            continue
        if i and doc.toks[i - 1].low in ARTICLES:
            continue  # "told a Raven story": the trickster's tales
        if _EPONYM_USE_AFTER.match(text, t.end) or (
            t.low == "tanner" and _STAGE_AFTER.match(text, t.end)
        ):
            continue
        nxt = doc.toks[i + 1] if i + 1 < len(doc.toks) else None
        if nxt is not None and nxt.low in EPONYM_NOUNS and adjacent(text, t, nxt):
            continue
        yield Hit(t.start, t.end, "name", Priority.NAME, SUGGESTIONS["name"])


def a_pets_name(text: str, hit: Hit) -> bool:
    """Whether a name names the family's pet ("the family dog, Hunter, died", "a dog named
    Buster"): no person (any rule's or the learned reading's name)."""
    return (
        hit.kind == "name"
        and _PET_BEFORE.search(text, max(0, hit.start - 24), hit.start) is not None
    )


PET_WORDS = word_set(
    "dog cat puppy kitten pet hamster pig horse pony bunny rabbit goat parrot lizard snake ferret"
)
_PET_BEFORE = re.compile(
    r"(?i)\b(?:dog|cat|puppy|kitten|pet|hamster|guinea[ \t]+pig|horse|pony|bunny|rabbit|goat|"
    r"parrot|lizard|snake|ferret)(?:[ \t]*,[ \t]*|[ \t]+(?:named|called)[ \t]+|[ \t]+)$"
)
_PLAIN_PEOPLES = word_set("amish mennonite hutterite")
_UNIT_NUMBER = re.compile(r"(?<![\w.])\d{1,2}[ \t]+$")
_CREDENTIAL_SPLIT = re.compile(r"[ \t]*,[ \t]*|[ \t]+")
# 'Wilhelmina ("Will")', '9 yo Chen Yu ("Yuyu")': a nickname quoted in parentheses after a
# capitalised word.
_NICKNAME = re.compile(
    r"[A-Za-z][A-Za-z'\u2019-]+\.?[ \t]*\([ \t]*[\"\u201c'\u2018]"
    r"(?P<name>[A-Z][a-z]{1,14}|[A-Z]{2,15})[\"\u201d'\u2019][ \t]*\)"
)
# "the coach, Petrakis, agreed", "the wrestling coach, Hollister, is letting him": a person
# named in apposition after their role.
_ROLE_THEN_NAME = re.compile(
    r"\b(?:coach|teacher|counselor|principal|caseworker|case[ \t]+manager|worker|nurse|officer|"
    r"pastor|therapist|aide|tutor|interpreter),[ \t]*(?P<name>[A-Z][a-z'\u2019-]+"
    r"(?:[ \t][A-Z][a-z'\u2019-]+)?),"
)
# (found at the comma, one character after the role's last letter: the windows around it
# are one character further; see echo.phi.text)
_ROLE_THEN_NAME_HINT = re.compile(
    r",(?<=[a-z],)[ \t]*[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+)?,"
)
# "Dom (Dominic) update", "Liz (Elizabeth), 14": a short name, then the given name it shortens.
_SHORT_THEN_FULL = re.compile(
    r"(?<![\w.'-])(?P<short>[A-Z][a-z]{1,9})[ \t]*\([ \t]*(?P<full>[A-Z][a-z]{2,14})[ \t]*\)"
)
_SHORT_THEN_FULL_HINT = re.compile(r"[a-z][ \t]*\([ \t]*[A-Z][a-z]")


def _short_then_full_windows(doc: Document) -> list[tuple[int, int]]:
    """`doc.around(_SHORT_THEN_FULL_HINT, 12, 20)`, the quick way: the hint's letter is
    found by walking back from each bracket (the engine would try every letter)."""
    text = doc.text
    candidates: list[int] = []
    bracket = text.find("(")
    while bracket >= 0:
        letter = bracket - 1
        while letter >= 0 and text[letter] in " \t":
            letter -= 1
        if letter >= 0:
            candidates.append(letter)
        bracket = text.find("(", bracket + 1)
    return windows(
        starts_among(doc.fast(_SHORT_THEN_FULL_HINT), text, candidates), len(text), 12, 20
    )


# 'Dmytro Kovalenko ("Dima"), 11': the full name a quoted nickname follows.
_NAMED_BEFORE_NICKNAME = re.compile(
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){1,2})(?:[ \t](?:Jr|Sr)\.?)?[ \t]*"
    r"\([ \t]*[\"\u201c'\u2018][A-Z][a-z]{1,14}[\"\u201d'\u2019][ \t]*\)"
)
# "Faith: PHQ-A 17; Joy: SCARED 35": siblings listed by name, each with a score or an age.
_NAME_THEN_SCORE = re.compile(
    r"(?:^|[-;,\n\u2013\u2014][ \t]*)(?P<name>[A-Z][a-z]+):[ \t]*(?:(?P<score>PHQ|GAD|SCARED|"
    r"Vanderbilt|CDI|MFQ|ASQ|PSC|C-?SSRS)|\d{1,2}[ \t]*(?:yo|y/o|yrs?|years?|mo)\b)"
)


# "Re: JENKINS, ROYAL", "Youth: LEWIS, JAMARION D.": a record's "SURNAME, GIVEN" after a label.
_RECORD_NAME = re.compile(
    r"(?i:\b(?:re|patient|pt|youth|name|client|child|student|member|subject)\s*:\s*)"
    r"(?P<name>[A-Z][A-Z\u00c0-\u00dd'\u2019-]+,[ \t]*[A-Z][A-Z\u00c0-\u00dd'\u2019-]+"
    r"(?:[ \t][A-Z]\.?)?(?![\w])"
    # "Re: Adeyemi-Clarke, O.", "Patient: Smith, John"
    r"|[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?,[ \t]*[A-Z](?:\.|[a-z]+\b))"
)
# "PARDO, ELENA M   DOB: 20110402": a record's "LAST, FIRST" in capitals, pasted from a
# system, before the wide gap or the birth date that follows it.
_CAPS_LAST_FIRST = re.compile(
    r"\b(?P<name>[A-Z][A-Z'\u2019-]{2,},[ \t]*[A-Z][A-Z'\u2019-]{2,}(?:[ \t][A-Z]\.?)?)"
    r"(?=[ \t]{2,}|[ \t]*(?:\||DOB|D\.O\.B)|[ \t]*$)"
)
# (opens with its character: see echo.phi.text)
_CAPS_COMMA_HINT = re.compile(r"[A-Z][A-Z]{2},[ \t]*[A-Z]{3}")
# "Familia Ochoa": a family by its surname, in Spanish.
_FAMILIA = re.compile(r"\b[Ff]amilia[ \t]+(?P<name>[A-Z][a-z\u00e0-\u00ff]+(?:-[A-Z][a-z]+)?)\b")
# "Child: Journey A.", "student JAYLEN O.", "Omar H.:": a given name and the surname's
# initial after a form's field or a role (the name of someone the form is about).
_NAME_AND_INITIAL = re.compile(
    r"(?i:\b(?:child|student|pt|patient|client|youth|name|re)\s*:?\s+)"
    r"(?P<name>[A-Z][a-z]+|[A-Z]{2,})[ \t](?P<initial>[A-Z])\.(?=[\s:,;)]|$)"
)
# "Thanks, Heather", "...for teens? Heather": a given name that signs a message.
_SIGNATURE = re.compile(
    r"(?:(?i:\b(?:thanks|thank\s+you|thx|ty|best|regards|cheers|sincerely))[,!.]?[ \t]*\n?[ \t]*"
    r"|[?.!][ \t]+)(?P<name>[A-Z][a-z]{2,14})[ \t]*(?:\n|$)"
)
_THANKS_WORDS = word_set("thanks thank thx ty best regards cheers sincerely")
_SIGNATURE_LED = led(_SIGNATURE, _THANKS_WORDS | frozenset("?.!"))  # what every match opens with
_LINE_END = re.compile("\n")
# "pt GOMEZ, ANGEL", "MOTHER - OYELARAN, FUNMILAYO": the capitals of a record after "pt" or a
# household member's role, no colon needed.
_PT_CAPITALS = re.compile(
    r"\b(?:[Pp]t|(?i:mother|father|sibling|brother|sister|guardian|grandmother|grandfather|"
    r"stepfather|stepmother|caregiver|aunt|uncle))[ \t]*[-:\u2013]?[ \t]+"
    r"(?P<name>[A-Z][A-Z'\u2019-]+,[ \t]*[A-Z][A-Z'\u2019-]+)(?![\w])"
)
_PT_CAPITALS_WORDS = word_set(
    """pt mother father sibling brother sister guardian grandmother grandfather stepfather
    stepmother caregiver aunt uncle"""
)
# 'From: Bethany Kuykendall, Care Coordinator': who an email is from, to or copied to.
_HEADER_NAME = re.compile(
    r"(?m)^[ \t>]*(?:From|To|Cc|CC|Attn|ATTN|Sent\s+by)\s*:[ \t]*"
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z]\.)?[ \t][A-Z][a-z'\u2019-]+(?:-[A-Z][a-z]+)?)\b"
)
# "Subject: Re: Ogimaa", "Subject: Trinity -- update": a forwarded message about a child
# names the child in its subject line.
_SUBJECT_NAME = re.compile(
    r"(?m)^[ \t>]*(?:Subject|SUBJECT|Subj|RE)[ \t]*:[ \t]*(?:(?:Re|RE|Fwd|FWD|FW|Fw)[ \t]*:[ \t]*)*"
    r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t](?:and|&)[ \t][A-Z][a-z'\u2019-]+)?)"
    r"(?=[ \t]*(?:$|[-\u2013\u2014:,(]|(?i:update|f/?u|follow)\b))"
)
# "moved Friday from the Gorski home": a foster family by its surname.
_FAMILY_HOME = re.compile(
    # ("the McAllister kid", "the garza kid", "f/u Pham kid": a surname's capitals inside, or
    # typed in lower case, or after "f/u")
    r"(?:(?i:\bthe|\bf/u)\s+)(?P<name>[A-Z](?:[a-z]|[a-z]?[A-Z][a-z])[a-z]*(?:-[A-Z][a-z]+)?"
    r"|(?<=the\s)[a-z]{3,})\s+"
    r"(?:(?:foster|adoptive|kinship)[ \t]+)?(?:home|house|household|residence|"
    r"family|farm|girls?|boys?|kids?|child|children|baby|twins|triplets|quadruplets|quads|"
    r"quintuplets|quints|sextuplets|"
    r"sisters|brothers|siblings|case)\b"
)
# "the Lindgrens", "The Hartmans would prefer", "w/ the yazzies": a family by its surname.
_FAMILY_PLURAL = re.compile(  # (opens with its character: see echo.phi.text)
    r"[Tt](?<!\w[Tt])(?i:he)[ \t]+(?P<name>[A-Za-z][a-z]{2,}?)(?:e?s)\b(?!['\u2019])"
)
_FAMILY_BEFORE = re.compile(
    r"(?i:\b(?:family|families|with|w/|friends?['\u2019]?s?|stays?|staying|lives?|living|"
    r"placed|fostered|neighbou?rs?)[ \t]*\(?[ \t]*$)"
)
_FAMILY_ACTS_AFTER = re.compile(
    r"[ \t]+(?:called|said|say|says|took|have|had|are|were|adopted|fostered|want|wants)\b"
)
_PLURAL_PLACES = word_set(
    """carolinas dakotas virginias rockies hamptons philippines bahamas keys ozarks smokies
    poconos adirondacks catskills berkshires cascades everglades badlands"""
)
# "the 12yo (hope)", "13 yo boy (owen)", "the other one (piper)", "king (the 8yo w the fire
# setting)", "rocky (nickname, ...)": a given name typed in lower case beside the child's age
# or a word that says it is a name.
_NAME_BY_AGE = re.compile(
    r"(?:\b\d{1,2}[ \t]*(?:yo|y/o|y\.o\.|year[- ]old)(?:[ \t]+(?:[mf]|boy|girl|male|female))?"
    r"|\b(?:boy|girl|son|daughter|other[ \t]+one))"
    r"[ \t]*\([ \t]*(?P<a>[a-z][a-z'-]{2,})[ \t]*\)"
    r"|\b(?P<b>[a-z][a-z'-]{2,})[ \t]*\((?:the[ \t]+)?(?:\d{1,2}[ \t]*(?:yo|y/o|y\.o\.)|"
    r"nickname|real[ \t]+name|goes[ \t]+by|\d{1,2}[ \t]*[mf]\b)"
)
_NAME_BY_AGE_HINT = re.compile(r"\(")
# "kids are junior 12, precious 9, king 7 and nevaeh 4": children listed with their ages.
_AGE_LIST = re.compile(
    r"\b(?P<list>[a-z][a-z'-]+[ \t]+\(?\d{1,2}\)?(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|"
    r"[ \t]*&[ \t]*)(?:[a-z][a-z'-]+[ \t]+\(?\d{1,2}\)?(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and"
    r"[ \t]+|[ \t]*&[ \t]*)){1,6}[a-z][a-z'-]+[ \t]+\(?\d{1,2}\)?)(?!\d|[ \t]*(?:mg|%|/))"
)
_AGE_LIST_ITEM = re.compile(r"(?P<name>[a-z][a-z'-]+)[ \t]+\(?\d{1,2}")
# 'prefers "Lee-Lee"', 'goes by "Tito"': the name a child goes by, quoted.
_GOES_BY = re.compile(
    r"(?i:\b(?:prefers|goes\s+by|called|aka|nickname|known\s+as)\s*:?\s*)[\"\u201c'\u2018]"
    r"(?P<name>[A-Z][\w'\u2019-]{1,15})[\"\u201d'\u2019]"
)
# "NAME: WILLOW PRICE", "Patient name: Willow Price": a form's name field.
_NAME_FIELD = re.compile(
    r"(?i:\bname\s*:\s*)(?P<name>[A-Z][A-Za-z'\u2019-]+[ \t]+[A-Z][A-Za-z'\u2019-]+)\b"
)
# "Patient: Many Horses, Jordan", "Subscriber: TRAN, VAN HIEU", "Family: Kovacs": a form's
# field for a person, the surname first (in capitals too).
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_FIELD_LAST_FIRST = at_word_starts(
    re.compile(
        r"(?i:\b(?:patient|pt|member|subscriber|insured|student|child|client|resident|youth|minor|"
        # "Last: Nguyen-Whitaker  First: Anh": a header's name fields
        r"guardian|family|name|(?-i:Last|First|Middle|LAST|FIRST|MIDDLE)(?:[ \t]+name)?)"
        r"[ \t]*:[ \t]*)"
        r"(?P<name>[A-Z][A-Za-z'\u2019-]+(?:[ -][A-Z][A-Za-z'\u2019-]+)?,"
        r"[ \t]*[A-Z][A-Za-z'\u2019-]+"
        r"(?:[ \t][A-Z][A-Za-z'\u2019-]*\.?)?"
        r"|[A-Z][a-z'\u2019]+(?:-[A-Z]?[a-z'\u2019]+)*(?=[ \t]{2,}|[ \t]*\n))"
    )
)
_FIELD_WORDS = word_set(
    "patient pt member subscriber insured student child client resident youth minor guardian "
    "family name last first middle"
)
# "Oluwaseun (Seun), 11,": a nickname in parentheses, the age after it.
_PAREN_NICKNAME = re.compile(  # (opens with its character: see echo.phi.text)
    r"[A-Z](?<!\w[A-Z])[a-z]+[ \t]*\((?P<name>[A-Z][a-z]{1,12})\),[ \t]*\d{1,2}\b"
)
# 'Oluwaseun "Seun" Adeyemi': a nickname quoted between the given name and the surname.
# 'Tobias "Toby" Wendt', "Chuy (Jesus) Holguin": the surname after it names the child too;
# "Jesús 'Chuy' Barraza": and the given name before it.
_QUOTED_MIDDLE = re.compile(  # (opens with its character: see echo.phi.text)
    r"(?P<first>[A-Z](?<!\w[A-Z])[^\W\d_A-Z]+)[ \t]+"
    r"(?:[\"\u201c](?P<name>[A-Z][a-z]{1,14})[\"\u201d]"
    r"|(?P<single>['\u2018])(?P<quoted>[A-Z][a-z]{1,14})['\u2019]"
    r"|\([\"\u201c]?(?P<paren>[A-Z][a-z]{1,14})[\"\u201d]?\))[ \t]+"
    r"(?P<last>[A-Z][^\W\d_A-Z]+(?:-[A-Z][^\W\d_A-Z]+)?)\b"
)
# "'Peanut' Arellano", '"Tink" Halvorsen': a quoted nickname, the surname after it.
_NICKNAME_SURNAME = re.compile(  # (opens with its character: see echo.phi.text)
    r"[\"\u201c'\u2018](?<![\w'\u2019][\"\u201c'\u2018])"
    r"(?P<name>[A-Z][a-z]{1,14})[\"\u201d'\u2019][ \t]+"
    r"(?P<last>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)
# '"Bo" (Beauregard Tillis III)', "'Bug' (real name Benjamin ...)": a quoted nickname, the
# real name in parentheses after it.
_NICKNAME_THEN_NAME = re.compile(
    r"[\"\u201c'\u2018](?P<name>[A-Z][a-z]{1,14})[\"\u201d'\u2019][ \t]*\((?:real\s+name|aka|"
    r"legal\s+name|born)?[ \t:]*[A-Z][a-z]+[ \t]+[A-Z]"
)


# Cheap tests that let the patterns above skip a text that cannot hold their shape.
_HEADER_HINT = re.compile(r"(?m)^[ \t>]*(?:From|To|Cc|CC|Attn|ATTN|Sent)\b")
_HOME_WORDS = word_set(
    """home house household residence family farm girls boys kids children twins triplets
    sisters brothers girl boy kid child baby quadruplets quads siblings quintuplets quints
    sextuplets case"""
)
_RECORD_WORDS = word_set("re patient pt youth name client child student member subject")
_COLON_SCORE_HINT = re.compile(r":[ \t]*(?:PHQ|GAD|SCARED|Vanderbilt|CDI|MFQ|ASQ|PSC|C-?SSRS|\d)")
_SIGNED_WORDS = word_set("its im this")
# (opens with its character: see echo.phi.text)
_AGE_LIST_HINT = re.compile(r"\d\d?\)?[ \t]*(?:,|and|&)[ \t]*(?:and[ \t]+)?[a-z]")
_QUOTE_HINT = re.compile(r"[\"\u201c'\u2018][A-Z]")
_MIDDLE_HINT = re.compile(r"[^\W\d_][ \t]+[\"\u201c(\u2018'][\"\u201c]?[A-Z]")
_NICKNAME_THEN_HINT = re.compile(r"[\"\u201d'\u2019][ \t]*\(")
_NICKNAME_HINT = re.compile(r"\([ \t]*[\"\u201c'\u2018][A-Z]")


_ALTA = word_set("alta escuela casa")  # Spanish words that are also old given names


_ACTS = re.compile(
    r"['\u2019]s[ \t]+(?!(?:stage|scale|syndrome|disease|criteria|sign|test)\b)"
    r"|[ \t]+(?:is[ \t]+(?:my|our|a|the|now|doing|back|still)|has|had|was|says|said|told|tells|"
    r"reports|reported|started|starts|stopped|went|goes|came|comes|wants|feels|refuses|refused|"
    r"denies|denied|lives|attends|cries|cried|hit|hits|threw|ran|sleeps|slept)\b"
)


# Initials written with their dots ("K.L.", "D.L."): the same letters again are the same child.
_DOTTED_INITIALS = re.compile(r"[A-Z]\.[ \t]?[A-Z]\.?(?:[ \t]?[A-Z]\.?)?")


def _initials_again(text: str, letters: str, hit: Hit) -> Iterator[Hit]:
    """Every other place `letters` stand whole ("D.L., 10, ... ; D.L. has enuresis")."""
    at = text.find(letters)
    while at >= 0:
        end = at + len(letters)
        whole = not (at and (text[at - 1].isalnum() or text[at - 1] == ".")) and not (
            end < len(text) and text[end].isalnum()
        )
        if at != hit.start and whole:
            yield Hit(at, end, "initials", hit.priority, hit.suggestion)
        at = text.find(letters, at + 1)


_SHORT_AFTER_NAME = re.compile(r"[ \t]*\([ \t]*(?P<short>[A-Z][a-z]{1,11})[ \t]*\)")
_NOT_A_SHORT_NAME = FUNCTION_WORDS | RELATIONS.keys() | PATIENT_WORDS | MONTHS.keys()


# The words of a handle or an address's local part ("@minjoo.draws", "sharonpruitt77@").
_HANDLE_WORD = re.compile(r"[a-z]{3,}")


def _named_in_handle(doc: Document, handle: str, kept: list[Hit]) -> Iterator[Hit]:
    """A name a handle is made of, where it stands alone ("Teen's Instagram is
    @minjoo.draws ... Minjoo deleted them"): a word no dictionary has, capitalised."""
    local = handle.lower().partition("@")[2 if handle.startswith("@") else 0]
    for word in _HANDLE_WORD.findall(local):
        if is_word(word) or word in not_names() or word in FUNCTION_WORDS or word in RELATIONS:
            continue
        for start in doc.where.get(word, ()):
            end = start + len(word)
            spelled = doc.text[start:end]
            if (
                spelled[0].isupper()
                and spelled[1:].islower()  # "Minjoo", not "LCSW" in "lcsw.rivera@"
                and not any(h.start <= start < h.end for h in kept)
            ):
                yield Hit(start, end, "name", Priority.NAME, SUGGESTIONS["name"])


# "tate (tatum) mcbride, 8", "joey (joseph) ramirez-gill 10m": after a name in brackets (the
# name the child goes by, or the one on the chart), the family name, then the age.
_SURNAME_AFTER_BRACKETS = re.compile(
    r"\)[ \t]+(?P<surname>[A-Za-z][a-z'\u2019]+(?:-[A-Za-z][a-z'\u2019]+)?)"
    r"(?=[ \t]*,[ \t]*\d|[ \t]+\d)"
)


_QUOTED_BETWEEN_NAMES = re.compile(
    r"[ \t]*\(?[\"'\u201c\u2018](?P<nick>[A-Za-z][\w.'\u2019-]{0,15})[\"'\u201d\u2019]\)?[ \t]+"
    r"(?P<surname>[A-Z][\w'\u2019]+(?:-[A-Z][\w'\u2019]+)?)"
)


def _a_surname(word: str) -> bool:
    """A family name: listed and no English word, or hyphenated from listed ones ("Gill" is a
    word too, "Ramirez-Gill" a family's name)."""
    parts = [fold(p) for p in word.split("-")]
    listed = all(p in surnames() and p not in not_names() for p in parts)
    return listed and (len(parts) > 1 or not is_word(parts[0]))


def repeated_names(doc: Document, kept: list[Hit]) -> Iterator[Hit]:
    """The other places a name found once stands: "Blue (9) and Story (6)" names them, and
    "Blue punches walls; Story has stopped talking" speaks of them again. The same word in
    the same case, a whole word, not a title, relation or word of the trade."""
    text = doc.text
    found: dict[str, str] = {}
    acting: dict[str, str] = {}  # a word of the trade found as a name ("Tanner Hoffmann")
    for hit in kept:
        if hit.kind in ("social_handle", "email"):
            yield from _named_in_handle(doc, text[hit.start : hit.end], kept)
        if hit.kind == "initials" and _DOTTED_INITIALS.fullmatch(text, hit.start, hit.end):
            yield from _initials_again(text, text[hit.start : hit.end], hit)
        if hit.kind != "name":
            continue
        quoted = _QUOTED_BETWEEN_NAMES.match(text, hit.end)
        if (
            quoted
            and (
                _a_surname(quoted.group("surname"))
                or any(h.kind == "name" and h.start == quoted.start("surname") for h in kept)
                # "Aaliyah 'Lee-Lee' Ticket": a capitalised nickname, then a capitalised word
                or (
                    quoted.group("nick")[0].isupper()
                    and quoted.group("surname")[1:2].islower()  # not '("Johnny") DOB:'
                    and fold(quoted.group("surname")) not in not_names()
                    and fold(quoted.group("surname")) not in FUNCTION_WORDS
                )
            )
        ):
            # "Fernando 'Nando' Gutiérrez", 'Guadalupe ("Lupita") Treviño': the name he goes
            # by between his given name and his family's, and the family's name after it
            for group in ("nick", "surname"):
                yield Hit(
                    quoted.start(group), quoted.end(group), "name", hit.priority, hit.suggestion
                )
        surname = _SURNAME_AFTER_BRACKETS.match(text, hit.end)
        if surname and _a_surname(surname.group("surname")):
            # "joey (joseph) ramirez-gill 10m": the family name after the name in brackets
            yield Hit(
                surname.start("surname"),
                surname.end("surname"),
                "name",
                hit.priority,
                hit.suggestion,
            )
        short = _SHORT_AFTER_NAME.match(text, hit.end)
        low = fold(short.group("short")) if short else ""
        if (
            short
            and low not in _NOT_A_SHORT_NAME
            and low not in not_names()
            and (low in first_names() or not is_word(low))  # not "(Deceased)"
            and not known_place(short.group("short"))  # "Tobias (Vinalhaven)": his town
        ):
            # "Mohammed Al-Sayegh (Mo) 16 yo": the name he goes by, bracketed after his own
            yield Hit(
                short.start("short"), short.end("short"), "name", hit.priority, hit.suggestion
            )
        for word in re.findall(r"[A-Za-z][A-Za-z'\u2019-]{2,}", text[hit.start : hit.end]):
            word = word.removesuffix("'s").removesuffix("\u2019s")
            low = fold(word)
            if (
                low in FUNCTION_WORDS
                or low in RELATIONS
                or low in CUE_WORDS
                or low in PATIENT_WORDS
            ):
                continue
            if low not in not_names():
                found.setdefault(word, hit.suggestion)
            elif word[0].isupper() and word[1:].islower() and low in first_names():
                acting.setdefault(word, hit.suggestion)
    for word, suggestion in acting.items():
        # "Tanner Hoffmann, 15. Tanner has epilepsy", not "Tanner stage 2": a given name that is
        # also a word of the trade, again only where a person's verb follows it
        for start in doc.where.get(fold(word), ()):
            end = start + len(word)
            if text[start:end] == word and _ACTS.match(text, end):
                yield Hit(start, end, "name", Priority.NAME, suggestion)
    for word, suggestion in found.items():
        # in another case too when no dictionary has it ("Aubree ... aubree found her")
        low = fold(word)
        any_case = not is_word(low) and len(word) > 3 and low in first_names() and low not in _ALTA
        for start in doc.where.get(fold(word), ()):
            spelled = text[start : start + len(word)]
            if spelled == word or (any_case and spelled.lower() == word.lower()):
                yield Hit(start, start + len(word), "name", Priority.NAME, suggestion)


def _set_off_names(doc: Document) -> Iterator[Hit]:
    """Names set off by punctuation or a form's layout (the patterns above), each looked for
    only near the words it needs."""
    text = doc.text
    for m in doc.find_near(_SIGNED_IN, _SIGNED_WORDS, 2, 30):
        low = m.group("name").lower()
        if low in first_names() and not is_word(low) and low not in not_names():
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_around(_QUOTED_NICKNAME, _QUOTE_HINT_CHARS, 40, 60):
        group = "name" if m.group("name") else "cued"
        low = m.group(group).lower()
        if (
            group == "cued"
            and m.group().startswith("(")
            and is_word(low)
            and not re.match(r"[\"\u201d],[ \t]*[A-Z]", text[m.end(group) :])
        ):
            continue  # 'Rated it ("Good")': a word quoted, not a name explained
        if low not in FUNCTION_WORDS and low not in RELATIONS and low not in not_names():
            yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_NICKNAME_EXPLAINED, _NICKNAME_EXPLAINED_HINT, 40, 20):
        group = "name" if m.group("name") else "short"
        low = fold(m.group(group))
        if low in FUNCTION_WORDS or low in RELATIONS or low in PATIENT_WORDS:
            continue
        # unquoted, only a word no dictionary has ("grade, goes by" is the form's field),
        # or any word before "(that's what everyone calls him"
        plain = group == "name" and not m.group("quote") and not m.group("paren")
        if not (plain and (is_word(low) or low in not_names())):
            yield Hit(
                m.start(group), m.end(group), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_around(_NAME_AFTER_AGE, _AGE_COMMA_HINT, 4, 50):
        # (a possessive is the name's: "13F, Hashimoto's," is the eponym's disease)
        words = [fold(_POSSESSIVE_END.sub("", w)) for w in m.group("name").split()]
        if any(
            w in not_names() or w in FUNCTION_WORDS or w in RELATIONS or w in PEOPLES for w in words
        ):
            continue  # "14 F, Osage, Pawhuska": a people
        if known_place(m.group("name")):
            continue  # "Pa Nhia Vang 16F, Wausau,": the town
        if words[0] in first_names() or not all(is_word(w) for w in words):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_TYPED_NAME_AFTER_AGE, _TYPED_AGE_HINT, 4, 50):
        low = fold(m.group("name"))
        if low in FUNCTION_WORDS or low in RELATIONS or low in PEOPLES or low in PATIENT_WORDS:
            continue
        if is_word(low) or low.upper() in ACRONYMS or not re.search("[aeiouy]", low):
            continue  # "9 yo f, asd, nonverbal", "16 yo m, ftt,"
        # a given name, even one the list of names that are not names keeps ("trevor"); not a
        # word no list has ("15 yo, encopresis, smearing")
        if low in first_names():
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_GREETED_ABROAD, _GREETED_ABROAD_WORDS, 2, 60):
        low = fold(m.group("name"))
        if low not in FUNCTION_WORDS and low not in RELATIONS and low not in not_names():
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_PARENT_OF, _PARENT_WORDS, 2, 40):
        words = [fold(w) for w in m.group("name").split()]
        if not any(
            w in FUNCTION_WORDS
            or w in not_names()
            or w in PATIENT_WORDS
            or (is_place_word(w) and w not in first_names())  # "mom of Marcus" (Marcus, IA)
            for w in words
        ) and (words[0] in first_names() or not is_word(words[0])):
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_NAME_IS_PARENT, _IS_PARENT_WORDS, 60, 4):
        words = [fold(w) for w in re.findall(r"[\w'\u2019]+", m.group("name"))]
        if words[0] in first_names() and not any(
            w in not_names() or w in FUNCTION_WORDS for w in words
        ):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_NAME_EXPLAINED, _EXPLAINED_HINT, 40, 40):
        low = fold(m.group("name"))
        if (
            (low in first_names() or not is_word(low))
            and low not in FUNCTION_WORDS
            and low not in PATIENT_WORDS
            and low not in not_names()
        ):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_NAME_VOUCHED, _VOUCHED_WORDS, 60, 20):
        group = "name" if m.group("name") else "named"
        low = fold(m.group(group))
        if not (
            low in _NOT_VOUCHED
            or low in DETERMINERS
            or low in _OWNERS
            or low in _SUBJECT_WORDS
            or low in PATIENT_WORDS
            or low in RELATIONS
        ):
            yield Hit(
                m.start(group), m.end(group), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_FOLLOWED_UP_ON, _FOLLOWED_UP_WORDS, 16, 40):
        low = fold(m.group("name"))
        if not (low in FUNCTION_WORDS or low in RELATIONS or low in PATIENT_WORDS):
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_OPENS_FOLLOW_UP, _FOLLOW_UP_WORDS, 30, 12):
        name = m.group("name")
        low = fold(name)
        if low in FUNCTION_WORDS or low in RELATIONS or low in PATIENT_WORDS:
            continue
        # a given name no word ("gracie"), or one that names a thing too ("Tanner"); not
        # "Joy is back"; any given name before an age or what only a child does ("Genesis
        # turned 14", "Hope has been back at school", "Precious has not spoken")
        given = low in first_names() and (
            not is_word(low) or low in not_names() or m.group("age") is not None
        )
        if given or (name[0].isupper() and not is_word(low) and low not in not_names()):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_FIELD_LAST_FIRST, _FIELD_WORDS, 2, 50):
        words = [fold(w) for w in re.findall(r"[\w'\u2019-]+", m.group("name"))]
        after_comma = m.group("name").partition(",")[2].split()
        listed_given = bool(after_comma) and fold(after_comma[0]) in first_names()
        if any(w in FUNCTION_WORDS or w in PATIENT_WORDS for w in words) or (
            # words of the trade ("Patient: Conners, Vanderbilt"), unless the given name is
            # listed and the surname is not all of them ("Student: Bull Shield, Tanner")
            any(w in not_names() for w in words)
            and not (listed_given and not all(w in not_names() for w in words))
        ):
            continue
        if all(not w.strip("x") or is_word(w) for w in words) and not listed_given:
            # "Patient: XXXXX, XXXXX" (removed), "Family: Supportive, Engaged"; not "Student:
            # Bull Shield, Tanner", whose given name is listed
            continue
        end = m.end("name")
        if text[end : end + 1] == ":" and " " in m.group("name").partition(",")[2].strip():
            end = m.start("name") + m.group("name").rindex(" ")  # "..., Tanner Dorm: Sioux"
        yield Hit(m.start("name"), end, "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_GREETED_IN, _GREETED_WORDS, 16, 30):
        low = m.group("name").lower()
        # a given name, even one that is a word ("hi its river"), or no word at all ("dre");
        # not "hi its me", "hi this is mom", "hey its getting worse"
        if (
            (low in first_names() or not is_word(low))
            and low not in FUNCTION_WORDS
            and low not in RELATIONS
            and low not in not_names()
            and len(low) > 2
            and not followed_by_credential(text, m.end("name"))  # "hi this is Torgerson FNP"
            # in a quote without a greeting, only a given name ('"I'm lowkey fine"' is slang)
            and not (m.group("quote") and low not in first_names())
        ):
            i = doc.index[m.start("name")]
            if i + 1 < len(doc.toks) and doc.toks[i + 1].low in RELATIONS:
                continue  # "Hi this is Brooklyns mom": the child's name, read elsewhere
            end = doc.toks[extend_name(text, doc.toks, i)].end  # "hi its Tonya Reese's mom"
            yield Hit(m.start("name"), end, "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"])
    for m in doc.fast(_SUBJECT_NAME).finditer(text) if "ubj" in text or "RE:" in text else ():
        for part in re.finditer(r"[A-Z][a-z'\u2019-]+", m.group("name")):
            low = fold(part.group())
            if (low in first_names() or not is_word(low)) and low not in not_names():
                start = m.start("name") + part.start()
                yield Hit(
                    start, start + len(part.group()), "name", Priority.NAME, SUGGESTIONS["name"]
                )
    for m in doc.fast(_HEADER_NAME).finditer(text) if doc.holds(_HEADER_HINT) else ():
        words = [fold(w) for w in m.group("name").split()]
        # "From: Care Coordinator", "To: Hub Intake": a role or a desk, not a person
        if words[0] not in not_names() and not all(is_word(w) for w in words):
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_FAMILY_HOME, _HOME_WORDS, 30, 12):
        low = fold(m.group("name"))
        # a surname, listed or no word at all ("the Okonkwo quadruplets"), not a people or
        # a place ("the Hmong family", "the Tulsa kids")
        typed = m.group("name").islower()
        if (
            (low in surnames() or "-" in low or not (is_word(low) or is_place_word(low)))
            and not is_word(low)
            and low not in not_names()
            and low not in FUNCTION_WORDS  # "the Friday home visit": the day's
            and low not in PEOPLES  # "the Appalachian case"
            and not (typed and (low not in surnames() or low in first_names()))
        ):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    # a signature follows a thanks, or closes a line or the text (a match is some 20
    # characters at most, outside a thanks' stretch)
    end = len(text)
    signed = [
        *doc.near(_THANKS_WORDS, 2, 40),
        *doc.around(_LINE_END, 40, 2),
        (max(0, end - 40), end),
    ]
    for m in find_led(doc, _SIGNATURE_LED, merged(signed)):
        rest = text[m.end("name") :].lstrip(" \t")
        if rest and rest[0] != "\n":
            continue  # the name must close its line (a stretch's end is no line's end)
        low = fold(m.group("name"))
        thanked = m.group()[0] not in "?.!"
        if low in first_names() and low not in not_names() and (thanked or not is_word(low)):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_FAMILIA, word_set("familia"), 2, 30):
        if fold(m.group("name")) not in not_names():
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_NAME_AND_INITIAL, _RECORD_WORDS, 2, 30):
        if fold(m.group("name")) not in not_names() and m.group("name") not in ACRONYMS:
            yield Hit(
                m.start("name"),
                m.end(),
                "initials",
                Priority.NAME_AFTER_CUE,
                SUGGESTIONS["initials"],
            )
    for m in chain(
        doc.find_near(_RECORD_NAME, _RECORD_WORDS, 2, 50),
        doc.find_near(_PT_CAPITALS, _PT_CAPITALS_WORDS, 2, 50),
        (
            m
            for m in doc.find_around(_CAPS_LAST_FIRST, _CAPS_COMMA_HINT, 40, 60)
            if doc.mode_at(m.start()) == "mixed"  # a pasted header among other words
        ),
    ):
        words = re.findall(r"[A-Z]+", m.group("name"))
        if any(word in ACRONYMS or not word.strip("X") for word in words):
            continue  # "pt ADHD, ODD"; "Patient: XXXXX, XXXXX" (already removed)
        yield Hit(
            m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
        )
    for m in doc.fast(_QUOTED_MIDDLE).finditer(text) if doc.holds(_MIDDLE_HINT) else ():
        middle = next(group for group in ("name", "quoted", "paren") if m.group(group))
        first = fold(m.group("first"))
        if middle != "name" and not (
            first in first_names() or fold(m.group(middle)) in first_names()
        ):
            continue  # "Medicaid (Molina) Plus": a name between, not a child's
        if middle == "quoted" and first in first_names() and first not in FUNCTION_WORDS:
            yield Hit(m.start("first"), m.end("first"), "name", Priority.NAME, SUGGESTIONS["name"])
        if m.group(middle).lower() not in not_names():
            yield Hit(m.start(middle), m.end(middle), "name", Priority.NAME, SUGGESTIONS["name"])
        last = fold(m.group("last"))
        if not is_word(last) and last not in not_names():
            yield Hit(m.start("last"), m.end("last"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_NICKNAME_SURNAME).finditer(text) if doc.holds(_QUOTE_HINT) else ():
        last = fold(m.group("last"))
        if not (
            is_word(last)
            or last in not_names()
            or last in FUNCTION_WORDS  # "'Okay' Tuesday"
            or last in MONTHS
            or m.group("name").lower() in not_names()
        ):
            for group in ("name", "last"):
                yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_NICKNAME_THEN_NAME).finditer(text) if doc.holds(_NICKNAME_THEN_HINT) else ():
        if m.group("name").lower() not in not_names():
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    # ("goes by", "known as": the cue opens up to 8 characters before its last word)
    for m in doc.find_near(_GOES_BY, word_set("prefers by called aka nickname as"), 8, 40):
        yield Hit(
            m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
        )
    for m in doc.find_near(_NAME_FIELD, word_set("name"), 2, 50):
        if m.group("name").split()[0].lower() not in not_names():
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.fast(_PAREN_NICKNAME).finditer(text) if "(" in text else ():
        if m.group("name").lower() not in not_names():
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_FAMILY_PLURAL).finditer(text) if "the" in doc.lows else ():
        # a surname's plural ("the Hartmans", "the Yazzies"); a place takes none, but "the
        # Carolinas" and "the Dakotas" are regions
        word = fold(m.group()[4:])  # after "the "
        stem = word[:-1] if word.endswith("ies") else fold(m.group("name"))  # "Yazzies"
        typed = m.group("name")[0].islower()
        listed = (
            stem in surnames()
            and len(stem) > 3
            and not (is_word(stem) or stem in regions() or fold(m.group()[4:]) in _PLURAL_PLACES)
            and stem not in not_names()
            and word not in not_names()  # "The Ehlers-Danlos talk": an eponym
            and (not typed or doc.mode_at(m.start("name")) == "lower")
        )
        if listed or (
            # a family no list knows, where a family is spoken of: "a friend's family (the
            # Redhorses)", "the Breckenridges called again"
            not typed
            and len(stem) > 3
            and not (is_word(stem) or is_word(word) or stem in regions() or known_place(stem))
            and word not in US_STATE_NAMES  # "with the Arkansas Medicaid rules"
            and not (stem in not_names() or word in not_names() or word in _PLURAL_PLACES)
            and (
                _FAMILY_BEFORE.search(text, max(0, m.start() - 24), m.start())
                or _FAMILY_ACTS_AFTER.match(text, m.end())
            )
        ):
            yield Hit(m.start("name"), m.end(), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_NAME_BY_AGE, _NAME_BY_AGE_HINT, 30, 30):
        group = "a" if m.group("a") else "b"
        low = m.group(group)
        # beside the age a word too ("the 12yo (hope)"); before it only a name that is no
        # word, unless the parentheses say it is one ("rocky (nickname, ...)")
        said = re.match(r"\s*\((?:nickname|real|goes)", text[m.end(group) :]) is not None
        if (
            (group == "a" or said or not is_word(low))
            and low in first_names()
            and low not in FUNCTION_WORDS
            and low not in not_names()
            and low not in PATIENT_WORDS
            and low not in RELATIONS
        ):
            yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_AGE_LIST, _AGE_LIST_HINT, 40, 120):
        items = [(i.group("name"), i.start("name")) for i in _AGE_LIST_ITEM.finditer(m.group())]
        lows = [fold(word) for word, _ in items]
        # three or more, most of them given names, none a score or a word of the trade
        if (
            len(items) >= 3
            and sum(low in first_names() for low in lows) * 2 > len(lows)
            and not any(
                low in not_names() or low in FUNCTION_WORDS or low in PATIENT_WORDS for low in lows
            )
        ):
            for word, offset in items:
                start = m.start() + offset
                yield Hit(start, start + len(word), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_NICKNAME).finditer(text) if doc.holds(_NICKNAME_HINT) else ():
        if m.group("name").lower() not in not_names():
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_around(_ROLE_THEN_NAME, _ROLE_THEN_NAME_HINT, 21, 39):
        words = [fold(w) for w in m.group("name").split()]
        if not any(w in FUNCTION_WORDS or w in not_names() or w in MONTHS for w in words) and (
            words[0] in surnames() or words[0] in first_names() or not is_word(words[0])
        ):
            kind = (
                "clinician" if m.group().lower().startswith(("therapist", "counselor")) else "name"
            )
            yield Hit(m.start("name"), m.end("name"), kind, Priority.NAME, SUGGESTIONS[kind])
    for m in find_in(doc.fast(_SHORT_THEN_FULL), text, _short_then_full_windows(doc)):
        short, full = fold(m.group("short")), fold(m.group("full"))
        if (
            full in first_names()
            and full.startswith(short[:2])
            and short != full
            and short not in not_names()
            and full not in not_names()
            and not is_word(short)
        ):
            for group in ("short", "full"):
                yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_NAMED_BEFORE_NICKNAME).finditer(text) if doc.holds(_NICKNAME_HINT) else ():
        words = [fold(w) for w in m.group("name").split()]
        if not any(
            w in FUNCTION_WORDS or w in not_names() or w in INSTITUTION_WORDS for w in words
        ) and (words[0] in first_names() or not all(is_word(w) for w in words)):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.fast(_NAME_THEN_SCORE).finditer(text) if doc.holds(_COLON_SCORE_HINT) else ():
        low = m.group("name").lower()
        # a given name; one that is also a word ("Case: 9 yo") only before a score
        if low in first_names() and low not in not_names() and (m["score"] or not is_word(low)):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


def _names(text: str, toks: list[Tok]) -> Iterator[Hit]:
    used_until = -1
    carried: Cue | None = None  # "Dr. Rakusin and Toolis": the cue carries over "and"
    for i, t in enumerate(toks):
        if t.start < used_until:
            continue
        if (
            t.shape == "lower"
            and t.mode == "mixed"
            and (i == 0 or toks[i - 1].low not in CUE_WORDS)
            # "update on my pt lucas" (not "pt dev hematoma")
            and (i == 0 or toks[i - 1].low not in _PATIENT_CUES or len(t.low) < 4)
            and not after_age(text, toks, i)
        ):
            continue
        cue = cue_before(text, toks, i)
        if (
            cue is None
            and carried is not None
            and re.fullmatch(r"(?i),?\s*(?:and|&)\s*", text[used_until : t.start])
            and (t.shape == "title" if t.mode == "mixed" else not is_word(t.low))
            and (
                t.low in surnames()
                or t.low in first_names()
                # "his brothers Jhon and Wilner": a second name after a relation's
                or (carried.kind == "relation" and not is_word(t.low) and t.low not in not_names())
            )
        ):
            # ("mom Ana and Tyler": the second is named, not said to be the mother)
            suggestion = SUGGESTIONS["name"] if carried.kind == "relation" else carried.suggestion
            cue = Cue(carried.kind, suggestion, t.start)
        if t.low not in ("and", "or"):
            carried = None
        hit = (
            initial_led(text, toks, i, cue) if t.shape == "single" else _name_at(text, toks, i, cue)
        )
        if hit is None:
            continue
        yield hit
        used_until = hit.end
        if (
            t.shape != "single"
            and cue is not None
            and cue.kind in ("doctor", "role", "title", "relation")
        ):
            carried = cue


_REGION_BEFORE_COMPASS = word_set("mountain tricare pacific far deep upper mid old wild")
_PATIENT_CUES = word_set("pt patient client")
_PRONOUNS = word_set("he she they i we you it")
_TITLES_AS_NAMES = word_set("bishop")
_PLAN_BEFORE = re.compile(
    r"(?i)\b(?:mco|mcd|medicaid|plan|insurance|insurer)\s*\(\s*$"
    r"|\b(?:payer|payor|plan|insurance|insurer|mco)\s+is\s+$"  # "Payer is Meridian."
)
_QUOTE_OPENS = re.compile(r"[\"\u201c]$")
_ORDINAL_BEFORE = re.compile(r"\d(?:st|nd|rd|th)[ \t]+$")
_PLACE_ARTICLES = word_set("el la los las san santa")
_STORM_WORDS = word_set("hurricane huracán huracan typhoon cyclone storm")
_PEOPLE_AFTER = word_set(
    "families family refugee refugees interpreter interpreters community speakers youth"
)
_SCHOOL_SUBJECTS = word_set(
    "choir band music drama pe gym english math science history club class classes teacher"
    " basketball football soccer volleyball baseball softball reading writing recess"
)
_I_CONTRACTIONS = frozenset({"i'm", "i'd", "i'll", "i've"})
_NOUNS_AFTER_WORDS = word_set(
    "class classes psychosis mania delirium bleeding catatonia presentation manager conference qt"
    " friday monday tuesday wednesday thursday saturday sunday holidays thanksgiving birthday"
    # "Frank depression", "Frank discussion w/ mom": the adjective before what it describes
    " depression discussion discussions question questions conversation conversations talk"
)
# What is taught on a topic ("a session on Hope and resilience").
_TEACHING_WORDS = word_set(
    "session sessions didactic didactics talk talks lecture presentation module"
    " webinar webinars training workshop curriculum"
)
_MODEL_NUMBER = re.compile(r"-\d")
_VERB_OBJECT = re.compile(r"[ \t]+(?:it|them|that|this|\d{4,5})\b")
_STATE_PROGRAMS = word_set("medicaid medicare chip dhhs dhs dcfs dcf")
_SEASON_THINGS = word_set(
    "swim camp school break program session term semester league team practice job"
)
_SEASONS = word_set("summer spring fall winter autumn")
_BEFORE_SEASONS = word_set("in this next last over during since until by the early late from")
_BODY_PARTS_ES = word_set("cabeza estomago panza barriga espalda pecho garganta")
_NATION_WORDS = word_set("tribe tribes band nation pueblo rancheria")


def _name_at(text: str, toks: list[Tok], i: int, cue: Cue | None) -> Hit | None:
    """The name that starts at toks[i], with its kind and suggested rewrite, if one does."""
    if not starts_name(text, toks, i, cue):
        return None
    t = toks[i]
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if (t.low in TITLES or t.low in DOCTOR_TITLES) and not (
        t.low in _TITLES_AS_NAMES and (nxt is None or nxt.shape not in ("title", "upper"))
    ):
        # "Mom (Sra. Villarreal)": the title opens the name that follows ("boy Bishop, 7th
        # grade": a given name)
        return None
    if t.text.replace("\u2019", "'").lower() in _I_CONTRACTIONS:
        return None  # "our school has no counselor, I'm the nurse"
    if t.low in not_names() and _SCORE_AFTER.match(text, t.end):
        return None  # "teacher vandy 6/9 still": the teacher's rating scale and its score
    if t.text == "JV":
        return None  # "I coach JV volleyball": the team's level
    if t.text in ACRONYMS and t.low not in first_names():
        return None  # "a 17 yo, QTc 438": a measure's abbreviation after the age
    if t.low in COMPASS_POINTS and _UNIT_NUMBER.search(text, max(0, t.start - 6), t.start):
        return None  # "admitted to 4 West": a hospital's unit
    if t.low in ("lord", "haiti") and i and toks[i - 1].low in ("the", "from", "in", "to"):
        return None  # "says the Lord will handle it", "came from Haiti at 11"
    if "-" in t.text and t.text.rpartition("-")[2].islower() and is_word(t.low.rpartition("-")[2]):
        return None  # "Small-town family doc", "Long-term plan": a word made with a hyphen
    compound = re.match(r"-([a-z]+)", text[t.end : t.end + 16])
    if compound and is_word(t.low + compound.group(1)):
        return None  # "Mark-up of draft IEPs": a word made with a hyphen (not "son Rob-who")
    if _MODEL_NUMBER.match(text, t.end) or (
        nxt is not None and nxt.shape == "single" and _MODEL_NUMBER.match(text, nxt.end)
    ):
        return None  # "a teen using Delta-8", "black Ford F-150": a product and its number
    if t.low == "karen" and (
        (i and toks[i - 1].low in ("sgaw", "pwo")) or (nxt is not None and nxt.low in _PEOPLE_AFTER)
    ):
        return None  # "mom speaks Sgaw Karen", "Karen families": the people and its language
    if t.low == "dev" and (
        text[t.end : t.end + 1] == ":"
        or (nxt is not None and nxt.low in ("milestones", "hx", "history", "delay", "delays"))
    ):
        return None  # "Dev: walked 13 mo", "Dev milestones ok": development
    if t.low == "art" and any(
        tok.low in _SCHOOL_SUBJECTS for tok in toks[max(0, i - 2) : i + 3] if tok is not t
    ):
        return None  # "in Choir, Art and Youth Group", "English and Art": a subject
    if i and toks[i - 1].low in ("interpreter", "interpreters") and t.low in not_names():
        return None  # "interpreter (Dari) joined": the language, not the interpreter's name
    if t.low == "case" and nxt is not None and nxt.low == "is" and _CASE_IS_A.match(text, nxt.end):
        return None  # "Case is an 8yo with severe emetophobia": the case presented
    if t.low == "foster" and nxt is not None and relation(nxt.low):
        return None  # "Foster mom says": the kind of parent
    if t.low in WORDY_NAMES and WORD_SENSE_AFTER.match(text, t.end):
        return None  # "Will is the word she keeps using"
    if t.low == "honor" and i and toks[i - 1].low == "your":
        return None  # "Your Honor,": the judge addressed
    if cue is None and is_word(t.low) and _VERB_OBJECT.match(text, t.end):
        return None  # "I'll Mark it as a win", "to Bill 96127 for each": a verb
    if t.low in US_STATE_NAMES and nxt is not None and nxt.low in _STATE_PROGRAMS:
        return None  # "Nevada Medicaid": the state's program
    if t.low in _SEASONS and nxt is not None and nxt.low in _SEASON_THINGS:
        return None  # "return to Summer swim team practice"
    if (
        t.low in ("will", "hope", "may")
        and nxt is not None
        and text[t.end : nxt.start] == " "  # ("for Hope, I didn't know": the name)
        and (nxt.low in _PRONOUNS or nxt.text.lower() in _I_CONTRACTIONS or nxt.low == "everyone")
    ):
        return None  # "Will he grow out of it?", "Hope I'm not overstepping", "Hope everyone"
    if (
        is_word(t.low)
        and nxt is not None
        and nxt.low in ("about", "with")
        and i
        and (
            toks[i - 1].low in ("is", "was", "been", "be", "very", "so", "pretty", "quite")
            or (toks[i - 1].possessive and toks[i - 1].low in _PRONOUNS)  # "he's Frank about"
        )
    ):
        return None  # "Dad is Frank about not wanting antipsychotics": the adjective
    if t.low == "dev" and nxt is not None and nxt.low in ("peds", "pediatrics", "behavioral"):
        return None  # "Dev peds in Tacoma": developmental pediatrics
    if cue is None and is_word(t.low) and nxt is not None and nxt.low in DETERMINERS:
        return None  # "please Mark the dates": a verb before its object
    if t.low == "blue" and nxt is not None and nxt.low in ("cross", "shield"):
        return None  # the insurer
    if t.low == "bill" and i and toks[i - 1].low in ("assembly", "senate", "house"):
        return None  # "Assembly Bill 12": a law
    if t.low in ("west", "east") and i and toks[i - 1].low in _REGION_BEFORE_COMPASS:
        return None  # "Region: Mountain West", "Tricare West"
    if len(t.low) > 1 and not t.low.strip("x"):
        return None  # "XXXXX, XXXXX": a name already removed
    if _ORDINAL_BEFORE.search(text, max(0, t.start - 8), t.start):
        return None  # "the 14th Ward", "3rd Street": a ward or a street, not a person
    if i and toks[i - 1].low in _STORM_WORDS:
        return None  # "el huracán María", "Hurricane Ida": a storm
    if t.low in _SEASONS and i and toks[i - 1].low in _BEFORE_SEASONS:
        return None  # "our new PA in Summer", "over Summer": the season
    if is_word(t.low) and nxt is not None and nxt.low in _NOUNS_AFTER_WORDS:
        return None  # "Art class", '"Frank psychosis"': a word before what it describes
    if (
        i > 1
        and cue is None
        and toks[i - 1].low == "on"
        and toks[i - 2].low in _TEACHING_WORDS
        and (is_word(t.low) or t.low in not_names())
    ):
        return None  # "a session on Hope and resilience", "on Karen and Karenni youth": a topic
    if (
        t.low == "dolores"
        and i + 2 < len(toks)
        and toks[i + 1].low == "de"
        and toks[i + 2].low in _BODY_PARTS_ES
    ):
        return None  # "Dolores de cabeza casi a diario": Spanish for headaches
    if i and f"{toks[i - 1].low} {t.low}" in regions():
        return None  # "Mississippi Delta, 15 yo": a region, though an age follows
    if _PLAN_BEFORE.search(text, max(0, t.start - 16), t.start):
        return None  # "our Medicaid MCO (Magnolia)": a health plan
    if (
        cue is None
        and is_word(t.low)
        and nxt is not None
        and nxt.low in FUNCTION_WORDS
        and nxt.low not in PERSON_VERBS
        and not text[t.end : nxt.start].strip()  # the quote goes on ('"Bear", whom' ends it)
        and _QUOTE_OPENS.search(text, max(0, t.start - 2), t.start)
    ):
        return None  # '"Grace under pressure"', '"Hope and Healing"': a phrase quoted
    if t.low in PEOPLES and (nxt is None or nxt.shape != "title" or text[t.end : nxt.start] != " "):
        return None  # "Blackfeet mom", "a Lakota family": a people, not a person
    if t.low == "alaska" and nxt is not None and nxt.low in ("native", "natives"):
        return None  # "foster mom is Alaska Native"
    if (
        i
        and toks[i - 1].low in _PLACE_ARTICLES
        and toks[i - 1].shape == "title"
        and known_place(f"{toks[i - 1].text} {t.text}")
    ):
        return None  # "El Centro", "San Benito": a town, not a person
    j = extend_name(text, toks, i, cue is not None and cue.kind in ("doctor", "title", "role"))
    if any(tok.low in _NATION_WORDS for tok in toks[i : j + 2]):
        return None  # "Standing Rock Sioux Tribe", "Leech Lake Band of Ojibwe": a nation
    last = toks[j]
    if cue is None and j > i and j + 1 < len(toks) and toks[j + 1].low in EPONYM_NOUNS:
        return None  # "Mallory Weiss tear", "Passy Muir valve"
    start, end = (cue.start if cue else t.start), last.end
    kind = (
        "clinician"
        if cue
        and (
            cue.kind == "doctor"
            # "resident Elvin Cruz Medina, 16.": the child, not the resident physician
            or (cue.kind == "role" and cue.clinical and not _CHILD_AGE_AFTER.match(text, last.end))
        )
        else "name"
    )
    suggestion = cue.suggestion if cue else SUGGESTIONS["name"]
    if (
        kind == "name"
        and j == i
        and (len(t.text) == 2 or (len(t.text) == 3 and t.low not in first_names()))
        and not (cue is not None and cue.kind == "named")  # "calls him Boo": a name
    ):
        kind, suggestion = "initials", SUGGESTIONS["initials"]  # "the 11yo dj": no given name
    if last.shape == "single":
        if text[end : end + 1] == ".":
            end += 1
        if kind == "name" and j == i + 1:
            kind, suggestion = "initials", SUGGESTIONS["initials"]
    if kind == "name":
        after = CUE_RELATION_AFTER.match(text[end : end + 40])
        if after:
            suggestion = relation(after.group("rel").lower()) or suggestion
        elif (
            followed_by_credential(text, end)
            or (cue is None and CLINICIAN_AFTER.match(text[end : end + 16]))
        ) and not _CHILD_AGE_AFTER.match(text, end):
            kind, suggestion = "clinician", SUGGESTIONS["clinician"]
    return Hit(start, end, kind, _PRIORITIES[kind, cue is not None], suggestion)


# A child's age after a name set off by a comma ("Resident: T'Naja Williams-Ruiz, 15
# Admission date"): no clinician is 15, whatever word came before the name.
_CHILD_AGE_AFTER = re.compile(
    r",[ \t]*1?\d(?:[ \t]*(?:yo|y/o|y\.o\.|yrs?|years?(?:[ \t-]+old)?|[mfMF]))?"
    # (then punctuation, or a word that opens what comes next: not "12 Main St")
    r"(?=[ \t]*(?:[,.;)]|$)|[ \t]+[A-Z][a-z]+[ \t]+[a-z])",
    re.MULTILINE,
)


# What a quick message puts after a child's name: the age and sex ("ava 14f", "mason k
# 10yo"), where a name stands even written in lower case or when it is also a word ("Will,
# 11,").
_AGE_SEX_AFTER = re.compile(
    r"(?i)^(?:[ \t]+(?P<initial>[a-z])\.?)?[ \t]*,?[ \t]*\d{1,2}[ \t]*"
    # "mason k, 11,": the age set off by commas needs no unit
    r"(?:(?:yo|y/o|yrs?|years?|mo|[mf])(?![\w/])|(?<=\d)(?=,[ \t]*[a-z]))"
)


_SET_OFF_AGE = re.compile(r",[ \t]*1?\d[ \t]*,")
_DIGIT_SOON = re.compile(r"[^\w]{0,3}(?:[a-z]\.?[ \t]*,?[ \t]*)?\d")


# "hi its brandi, hunters mom", "hi its deb, kyler (6)": who signs a message in at its start.
_SIGNED_IN = re.compile(r"(?i:\b(?:it'?s|this\s+is|i'?m)\s+)(?P<name>[a-z][a-z'-]{2,})\s*,")
# "hi its river. i just wanted", "yo its dre can u", "'this is Curtis Dakotas dad": a message
# whose writer greets, or opens a quote, and then says who is writing.
_GREETED_IN = re.compile(
    r"(?:(?i:\b(?:hi|hey|hello|yo|morning|good\s+morning)[ \t]*[,!.]?[ \t]+)"
    r"|(?P<quote>[\"\u201c'\u2018])[ \t]*)"
    r"(?i:it[\u2019']?s|this\s+is|i[\u2019']?m)[ \t]+"
    r"(?P<name>[A-Za-z][a-z'-]{1,})\b(?![\u2019']s\b)"
)
# '"Boo" 5 (real name Tiyana)', '"Tink" (Kaleb, 7)', '"bubba" (wyatt) 12', '"Tavi" (his
# cousin Tavita)': a quoted nickname, then the age or who it is in parentheses.
_QUOTED_NICKNAME = re.compile(
    # ('goes by "B"', '11, "Man-Man".', '("Mo", Mohamed)': a nickname set off after its cue)
    r"(?:(?i:goes[ \t]+by|known[ \t]+as|calls?[ \t]+(?:him|her|them))[ \t]+"
    r"|[A-Za-z],[ \t]*\d{1,2},[ \t]*|\([ \t]*)"
    r"[\"\u201c](?P<cued>[A-Z][a-z'\u2019]{0,14}(?:-[A-Z][a-z'\u2019]+)?)[\"\u201d]"
    r"(?=[ \t]*[.,;)]|[ \t]+(?:to|is|was|has)\b)"
    r"|[\"\u201c](?P<name>[A-Za-z][a-z'\u2019-]{1,14})[\"\u201d][ \t]*"
    r"(?:[ \t]+to[ \t]+everyone\b|,?[ \t]*(?:real|legal)[ \t]+name\b"
    r"|\([ \t]*(?:(?:real|legal)[ \t]+name|[A-Za-z][a-z'\u2019-]+(?:,[ \t]*\d|\)[ \t]*\d)"
    r"|(?:his|her|their|the)[ \t]+(?:cousin|brother|sister|uncle|aunt|aunty|mom|dad|"
    r"stepdad|stepmom|boyfriend|girlfriend|friend|neighbor)\b)"
    # the age: with its unit, or set off ('"Boo" 5 (real name', not '"fine" 3 times')
    r"|,?[ \t]*\d{1,2}(?:[ \t]*(?:yo|y/o|yrs?|mo|[MFmf])\b|(?=[ \t]*[,;(]|[ \t]*$)))"
)
# "15F, Winyan - i presented her", "17 yo, Major (yes that is his name)", '3 yo, "Dieumerci",
# biting', "6 yo girl, Pa Nhia.": the name set off after the age and sex, where a case names
# the child.
_NAME_AFTER_AGE = re.compile(  # (opens with its character: see echo.phi.text)
    r"\d(?<!\w\d)\d?[ \t]*(?:yo|y/o|y\.o\.|yrs?|[MF]|-year-old)(?:[ \t]+(?:girl|boy|male|female))?"
    r"[ \t]*,[ \t]*[\"\u201c]?(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+)?)[\"\u201d]?"
    r"(?=[ \t]*(?:[-\u2013(,.;:]|$)|[ \t]+(?:is|was|has|had|who|presents|presented)\b)"
)
# 'student "Peanut" \u2014 real name Jaxon', "tater (that's what everyone calls him", '(Rosalind,
# "Roz")': a nickname explained as one, or quoted after the name it shortens.
_NICKNAME_EXPLAINED = re.compile(
    r"(?P<quote>[\"\u201c])?(?P<name>[A-Za-z][a-z'\u2019]+(?:-[A-Za-z][a-z'\u2019]+)?)"
    r"[\"\u201d]?[ \t]*"
    r"(?:(?P<paren>\()|[-\u2013\u2014,][ \t]*)"
    r"(?i:that[\u2019']?s[ \t]+what|what[ \t]+(?:everyone|everybody|we|they|the[ \t]+\w+)[ \t]+"
    r"calls?|real[ \t]+name|legal[ \t]+name|goes[ \t]+by)"
    r"|\([ \t]*[A-Z][a-z'\u2019-]+,[ \t]*[\"\u201c]"
    r"(?P<short>[A-Z][a-z'\u2019-]{1,14})[\"\u201d][ \t]*\)"
)
_NICKNAME_EXPLAINED_HINT = re.compile(r"eal name|egal name|calls|oes by|,[ \t]*[\"\u201c]")
# "14 yo m, trevor, got in a fight", "11 yo f, bri, seizures", "13 yo boy... drelyn...": the
# same, typed in lower case, the name set off by commas or dots.
_TYPED_NAME_AFTER_AGE = re.compile(  # (opens with its character: see echo.phi.text)
    r"\d(?<!\w\d)\d?[ \t]*(?:yo|y/o|y\.o\.|yrs?|[mf])(?:[ \t]+(?:[mf]|girl|boy|male|female))?"
    r"[ \t]*(?:,|\.\.\.|\u2026)[ \t]*(?P<name>[a-z][a-z'\u2019-]{2,14})"
    r"(?=[ \t]*(?:,|\.\.\.|\u2026|[.;:(][ \t]))"
)
_AGE_COMMA_HINT = re.compile(r"\d[ \t]*(?:y|[MF]|-year)")
_TYPED_AGE_HINT = re.compile(r"\d[ \t]*(?:yo|y/o|y\.o\.|yrs?|[mf])\b")
_QUOTE_HINT_CHARS = re.compile(r"[\"\u201d](?:[ \t]*[(,\d.;)]|[ \t]+(?:to|is|was|has)\b)")
# The same in the families' languages: "Bonjou doktè, se Manoucheka." (Haitian Creole), "Hola
# doctora, soy Yesenia", "habla Marisol".
_GREETED_ABROAD = re.compile(
    r"(?i:\b(?:bonjou|bonswa|hola|buenas|buenos\s+d[ií]as|salaam|salam)\b[^.\n]{0,20}?[,!.]?[ \t]+"
    r"(?:se|soy|mwen\s+se|habla|le\s+habla|es)[ \t]+)(?P<name>[A-Z][a-z'\u2019-]+)"
)
_GREETED_ABROAD_WORDS = word_set("bonjou bonswa hola buenas buenos salaam salam")
# "Tanner is back - the 8yo we presented", "gracie again - she's 9 now", "Shandiin is back in
# school", "Lucine had another meltdown": a sentence that opens with the child it follows up.
_OPENS_FOLLOW_UP = re.compile(
    r"(?:^|(?<=[.!?:\n\"\u201c])|(?<=[.!?,:][ \t])|(?<=[.!?][ \t]{2}))[ \t]*"
    r"(?P<name>[A-Za-z][a-z'\u2019-]{2,})(?=[ \t]+(?:is[ \t]+back|is[ \t]+doing|is[ \t]+now|"
    r"is[ \t]+1?\d\b|had[ \t]+another|has[ \t]+had|again[ \t]*[-\u2013,:.(]|was[ \t]+admitted|"
    r"was[ \t]+discharged|went[ \t]+back|(?P<age>turned[ \t]+1?\d|will[ \t]+be[ \t]+1?\d|"
    r"is[ \t]+(?:almost|nearly|now|turning)[ \t]+1?\d|has[ \t]+been[ \t]+back|has[ \t]+not[ \t]+"
    r"(?:spoken|slept|eaten|talked))\b)\b)"
)
# "Following up on Faith (the 8th grader with restrictive eating)", "update on winter (the 4th
# grader at pleasant ridge)", "follow-up: hope (the 5th grader": the child followed up, then
# who the child is in parentheses; even a name that is a word.
_FOLLOWED_UP_ON = re.compile(
    r"(?i:\b(?:follow(?:ing)?[- ]?up|f/u|update|updates)[ \t]*(?:on|re|about|:|-)[ \t]+)"
    r"(?P<name>[A-Za-z][a-z'\u2019-]+)(?=[ \t]*\((?:the|my|our|presented|\d|[a-z]+[ \t]+\d)"
    r"|,[ \t]+the[ \t]+\d{1,2}[ \t]*-?(?:yo|y/o|year))"
)
# "this is Irina, mother of Kolya", "the father of Deshawn": a parent named by the child.
# (every branch opens at a word: tried only where one starts, see at_word_starts)
_PARENT_OF = at_word_starts(
    re.compile(
        r"(?i:\b(?:mother|mom|mum|father|dad|grandmother|grandma|grandfather|grandpa|guardian|"
        r"parent|aunt|uncle)[ \t]+of[ \t]+)"
        r"(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+)?)"
    )
)
_PARENT_WORDS = word_set(
    "mother mom mum father dad grandmother grandma grandfather grandpa guardian parent aunt uncle"
)
# "Jean-Robert Pierre-Louis is dad; he hosts", "Tamika Reed is mom": a parent named, then said
# to be the parent.
_NAME_IS_PARENT = re.compile(
    r"(?P<name>[A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?"
    r"(?:[ \t][A-Z][a-z'\u2019]+(?:-[A-Z][a-z'\u2019]+)?){1,2})"
    r"[ \t]+is[ \t]+(?:the[ \t]+)?(?:dad|mom|father|mother|stepdad|stepmom|grandma|grandpa|"
    r"guardian|foster[ \t]+(?:mom|dad|parent))\b"
)
_IS_PARENT_WORDS = word_set("dad mom father mother stepdad stepmom grandma grandpa guardian foster")
# "Jordan (the d/c summary I sent) no-showed", "Hope (the 14yo we presented)": a given name
# explained in brackets as the child a message is about, even one that names a country.
_NAME_EXPLAINED = re.compile(
    r"\b(?P<name>[A-Z][a-z'\u2019-]+)(?:[ \t]+(?:update|f/u|follow-up))?[ \t]+\("
    r"(?:the[ \t]+(?:\d{1,2}[ \t-]*(?:yo|y/o|year)|one\b|[a-z/]+[ \t]+(?:summary|case|kid|boy|"
    r"girl|one|grader|teen|child|student|patient|twin|triplet))|(?:our|my)[ \t]+(?:patient|pt)\b)"
)
_EXPLAINED_HINT = re.compile(r"\((?:the|our|my) ")
# "Major (yes that is his name)", "Will (not short for anything)", '"princess" (what she calls
# herself)', "yes, Major is his first name": a word the writer vouches is a person's name.
_VOUCHED_AS = r"(?:real[ \t]+|first[ \t]+|given[ \t]+|actual[ \t]+|legal[ \t]+)?name\b"
_NAME_VOUCHED = re.compile(
    r"(?<![\w'\u2019-])(?P<name>[A-Za-z][a-z'\u2019-]+)[\"'\u201d\u2019]?"
    r"(?:,[ \t]*\d{1,2}[ \t]*(?:[MF]|yo|y/o)?\.?)?[ \t]*[(,][ \t]*"
    r"(?:(?i:yes|yep|yeah)[,!]?[ \t]+)?"
    r"(?i:(?:that'?s|that\u2019s|thats|that[ \t]+is|it'?s|it\u2019s|its)[ \t]+"
    r"(?:really[ \t]+|actually[ \t]+)?(?:his|her|their)[ \t]+" + _VOUCHED_AS + r"|"
    r"not[ \t]+short[ \t]+for\b|"
    r"(?:she|he|they)[ \t]+hates?[ \t]+(?:her|his|their)[ \t]+(?:real|legal|given)[ \t]+name\b|"
    r"what[ \t]+(?:she|he|they)[ \t]+calls?[ \t]+(?:her|him|them)sel(?:f|ves)\b)"
    r"|(?i:yes|yep|yeah)[,!]?[ \t]+(?P<named>[A-Z][a-z'\u2019-]+)[ \t]+is[ \t]+"
    r"(?:really[ \t]+|actually[ \t]+)?(?:his|her|their)[ \t]+" + _VOUCHED_AS
)
_VOUCHED_WORDS = word_set("name short calls call")
_NOT_VOUCHED = word_set("name nickname that this it who what real legal and or but yes yep yeah")
_FOLLOWED_UP_WORDS = word_set("up f/u update updates follow-up followup")
_FOLLOW_UP_WORDS = word_set(
    "back doing another again admitted discharged went turned almost nearly turning spoken slept"
    " eaten talked"
)
_GREETED_WORDS = word_set("its it's it\u2019s is im i'm i\u2019m")


def _typed_names(text: str, toks: list[Tok]) -> Iterator[Hit]:
    """Given names as people type them on a phone: before the age ("ava 14f", "Will, 11,"),
    or in lower case before a relation ("kenz's dad", "jaxon's mom")."""
    for i, t in enumerate(toks):
        if t.low in MONTHS or t.low in PATIENT_WORDS or t.shape == "upper" or len(t.low) < 3:
            continue
        if t.low[-1] == "s" and not t.possessive and _unmarked_possessive(text, toks, i):
            # "its brandi, hunters mom", "her friend briannas family": the apostrophe left out
            yield Hit(t.start, t.end - 1, "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"])
            continue
        if not t.possessive and (
            # (the common case, decided without the pattern: the next word, of two letters
            # or more, one space on, leaves no number soon)
            (
                i + 1 < len(toks)
                and len(toks[i + 1].text) > 1
                and text[t.end : t.end + 1] == " "
                and toks[i + 1].start == t.end + 1
            )
            or not _DIGIT_SOON.match(text, t.end)
        ):
            continue  # neither an age after it nor a relation: nothing to read
        after = text[t.end : t.end + 40]
        paren_age = _PAREN_AGE.match(after)
        if (
            t.low in FUNCTION_WORDS
            and not (t.shape == "title" and AGE_APPOSITION.match(after))
            and not (paren_age is not None and paren_age.group("unit"))
        ):
            continue  # "Will, 11, hasn't been to school", "pt will (11m)": the age says
        given = t.low in first_names()
        age = _AGE_SEX_AFTER.match(after) if not t.possessive else None
        apposed = t.shape == "title" and not t.possessive and AGE_APPOSITION.match(after)
        initial = age.group("initial") if age is not None else None
        # "jaylen (9)"; "will (11m)": with the sex or the unit, even a word
        typed = (
            t.shape == "lower"
            and (
                age is not None
                or (paren_age is not None and (paren_age.group("unit") or not is_word(t.low)))
            )
            # "boy 9yo" is no name, "mason k 10yo" is ("see a 15 yo": an article)
            and (
                not is_word(t.low)
                or (initial is not None and initial not in "ai")
                or (paren_age is not None and paren_age.group("unit") is not None)
                # "wren, 9, cody - mom says": a line that opens with the name and the age
                or (
                    _SET_OFF_AGE.match(after) is not None
                    and (i == 0 or "\n" in text[toks[i - 1].end : t.start])
                )
            )
            and t.low not in RELATIONS
        )
        if i and f"{toks[i - 1].low} {t.low}" in regions():
            continue  # "Mississippi Delta, 15 yo": a region before the age
        if given and (typed or apposed):
            end = t.end + (age.end("initial") if age and initial and initial not in "ai" else 0)
            start = t.start
            prev = toks[i - 1] if i else None
            if (
                age is not None
                and prev is not None
                and prev.shape == "lower"
                and text[prev.end : t.start] == " "
                and prev.low in first_names()
                and prev.low not in FUNCTION_WORDS
                and prev.low not in RELATIONS
            ):
                start = prev.start  # "hope delacroix 12f": the given name before it
            yield Hit(start, end, "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"])
            continue
        if (
            age is not None
            and t.shape == "lower"
            and i
            and not is_word(t.low)
            and t.low not in not_names()
            and toks[i - 1].shape == "lower"
            and text[toks[i - 1].end : t.start] == " "
            and toks[i - 1].low in first_names()
            and toks[i - 1].low not in FUNCTION_WORDS
        ):  # "pt is hope delacroix 12f": a given name and a surname before the age
            yield Hit(
                toks[i - 1].start, t.end, "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        prev_low = toks[i - 1].low if i else ""
        if (
            nxt is not None
            and nxt.low in _KIN_ADJECTIVES
            and i + 2 < len(toks)
            and toks[i + 2].low in RELATIONS
        ):
            nxt = toks[i + 2]  # "tanner's little sister": the relation after its adjective
        if (
            t.possessive
            and t.shape == "lower"
            and nxt is not None
            and (
                nxt.low in RELATIONS
                or (nxt.low in PERSONS_THINGS and t.low in first_names())
                or (nxt.low == "case" and t.low in first_names())
            )
            # "kenz's dad", "mason's school", not "the boy's father"; a given name that is
            # also a word when nothing owns it ("rocky's mom", not "this summer's camp")
            and (
                not is_word(t.low)
                or (
                    t.low in first_names()
                    and prev_low not in DETERMINERS
                    and prev_low not in _OWNERS
                    and prev_low not in _TIME_WORDS
                )
            )
        ):
            yield Hit(t.start, t.end, "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"])


# What stands between a possessive and a relation ("tanner's little sister").
_KIN_ADJECTIVES = word_set("little big older younger baby twin oldest youngest")
_OWNED_WORDS = word_set("family house place")
_POSSESSIVE_END = re.compile(r"['\u2019]s$")
_SUBJECT_WORDS = _PRONOUNS | {"who"}  # a subject before a verb (the pronouns above, and "who")


def _unmarked_possessive(text: str, toks: list[Tok], i: int) -> bool:
    """Whether toks[i] is a given name with its possessive typed without the apostrophe,
    before a relation ("hunters mom", "Briannas family"): the word less its "s" a given
    name, no article or owner before it; a word of English ("hunters", "hopes") only where
    it opens a clause ("its brandi, hunters mom"), never after its subject ("she hopes
    mom will")."""
    t = toks[i]
    if i + 1 >= len(toks) or len(t.low) < 4:
        return False
    nxt = toks[i + 1]
    if text[t.end : nxt.start] != " " or not (nxt.low in RELATIONS or nxt.low in _OWNED_WORDS):
        return False
    stem = t.low[:-1]
    if (
        stem not in first_names()
        or stem in FUNCTION_WORDS
        or stem in not_names()
        or t.low in RELATIONS
        or t.low in FUNCTION_WORDS
    ):
        return False
    if not i:
        return not is_word(t.low)
    prev = toks[i - 1]
    if prev.low in DETERMINERS or prev.low in _OWNERS or prev.low in _SUBJECT_WORDS:
        return False
    if not is_word(t.low):
        return True
    if len(stem) < 5:
        return False  # "sees dad every other weekend", "hopes mom": a verb
    between = text[prev.end : t.start]
    return "," in between or ":" in between or "\n" in between or prev.low in _GREETED_WORDS


_SAID_OF_PERSON = re.compile(
    r"[ \t]+(?:is|was|has|had)\b|['\u2019]s\b|,?[ \t]*\d{1,2}[ \t]*(?:yo\b|y/o|[MF]\b)"
)


def _capitals_in_mixed_text(doc: Document) -> Iterator[Hit]:
    """A given name in capitals where the line is in mixed case, as pharmacies, payers and
    banners print it ("Your Rx for LEVI is ready", "Member: JONAH R. FEIKEMA"): capitals
    there are otherwise acronyms and shouted words, and neither is a given name no
    dictionary has."""
    toks = doc.toks
    for i in doc.capitals:
        t = toks[i]
        if t.mode != "mixed" or len(t.text) < 4:
            continue
        if (
            t.low not in first_names()
            or is_word(t.low)
            or t.low in not_names()
            or t.text in ACRONYMS
            or t.low in MONTHS
        ):
            continue
        j = i
        while j + 1 < len(toks) and j - i < 3:
            nxt = toks[j + 1]
            gap = doc.text[toks[j].end : nxt.start]
            if gap not in (" ", ". ") or nxt.shape not in ("upper", "single"):
                break
            if nxt.shape == "upper" and (
                (is_word(nxt.low) and nxt.low not in surnames()) or nxt.text in ACRONYMS
            ):
                break
            j += 1
        # a surname after it, or what is said of a person ("for LEVI is ready"): programs
        # and agencies in capitals ("NAMI Family-to-Family", "CHADD") have neither
        if j == i and not _SAID_OF_PERSON.match(doc.text, t.end):
            continue
        end = toks[j].end + (1 if toks[j].shape == "single" else 0)
        yield Hit(t.start, end, "name", Priority.NAME, SUGGESTIONS["name"])


# "Brooklyns mom" (the apostrophe left out), "ask for brandy at front", "Will has been",
# "Pt Colt Younger": a given name where the words around it leave no other reading.
_NAME_BEFORE_RELATION = re.compile(
    r"\b(?P<name>[A-Za-z][a-z]+)s\s+(?:mom|mother|dad|father|grandma|grandmother|grandpa|"
    r"grandfather|aunt|uncle|sister|brother|teacher|bus\s+driver|coach|family|house)\b"
)
_ASK_FOR = re.compile(
    r"(?i:\b(?:ask\s+for|speak\s+(?:to|with)|talk\s+to)\s+)(?P<name>[A-Za-z][a-z]+)\b"
)
# A modal "will" is never followed by these: "Will has been asking to go home".
# (it opens with its letters, which the engine skips to; the word before is read after)
_WILL_AS_NAME = re.compile(
    r"(?:W(?<=\bW)ill|w(?<=\bw)ill(?=\s+(?:has|had|does|did|says|said|gets|got)\b))"
    r"(?=['\u2019]s\b|\s+(?:has|had|is|was|does|did|says|said|gets|got)\b)"
)
# The word before a will that is no name: "the will is", "free will is"; in lower case a
# pronoun too ("i will has" is a slip of the modal).
_NOT_WILLS_OWNER = word_set("the his her free own")
_NOT_WILLS_SUBJECT = word_set("i we you he she it they")
_WORD_BEFORE = re.compile(r"(\w+)\s+$")
_PATIENT_FULL_NAME = re.compile(
    r"\b(?:Pt|Patient|Pt\.|Name|pt|patient)(?:\s+is\s+|[:\s]\s*)(?P<name>[A-Z][a-z]+\s+[A-Z][a-z]+)\b"
)


_ASK_WORDS = word_set("ask speak talk")
_PATIENT_NAME_WORDS = word_set("pt patient name")
# (every _PATIENT_FULL_NAME match opens with one of those words)
_PATIENT_FULL_NAME_LED = led(_PATIENT_FULL_NAME, _PATIENT_NAME_WORDS)
_BEFORE_RELATION_WORDS = word_set(
    "mom mother dad father grandma grandmother grandpa grandfather aunt uncle sister brother"
    " teacher bus coach"
)


# A child in a list by given name and age alone: "3. Mason 14 - 1201577", "sibs: Brayden
# 9, Aubree 7, Lane 3", "- Brooks 16 GAD", "hunter 14 - ct 00739-2". The item opens a line
# (after a bullet or a number) or follows a list's comma, semicolon, dash or parenthesis.
_LISTED_WITH_AGE = re.compile(
    r"(?m)(?:^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])?[ \t]*|[,;:(+][ \t]*|[ \t][-\u2013\u2014][ \t]+"
    r"|(?:^|[ \t])[A-H][.)][ \t]+)"
    r"(?P<name>[A-Za-z][a-z'\u2019-]+)[ \t]+(?P<age>1?\d)"
    # not a dose, a count or a time: "Max 2 doses", "Grace 3 days", "Hope 1.5"
    r"(?![\d/:%.,-]\d|[\d/%]|[ \t]*(?:mg|mcg|ml|kg|lbs?|cm|mm|x|times|doses?|tabs?|pills?|days?|"
    r"wks?|weeks?|mos?|months?|hrs?|hours?|min|mins|minutes|sessions?|visits?|am|pm|units?|"
    r"pts|points?|percent|of|per|out|th|st|nd|rd)\b)"
)
_WORD_THEN_AGE = re.compile(r"\b[A-Za-z][a-z'\u2019-]+[ \t]+1?\d(?!\d)")


def _other_use(low: str) -> bool:
    """A word with another use in a case: a function word, a month, a relation, "patient"."""
    return low in FUNCTION_WORDS or low in MONTHS or low in RELATIONS or low in PATIENT_WORDS


def _listed_with_age(doc: Document) -> Iterator[Hit]:
    """Given names listed with ages; a capitalised name no list has ("Hodan 5", "Clodagh 14")
    when a listed given name with its age stands in the same list."""
    text = doc.text
    # read only around a word with a number after it
    starts = [m.start() for m in doc.fast(_WORD_THEN_AGE).finditer(text)]
    listed: list[re.Match[str]] = []
    unlisted: list[re.Match[str]] = []
    for m in find_in(doc.fast(_LISTED_WITH_AGE), text, windows(starts, len(text), 8, 40)):
        name = m.group("name")
        low = name.lower()
        if _other_use(low) or low in not_names() or low in _NOT_LISTED_NAMES or name in ACRONYMS:
            continue
        if low in first_names():
            listed.append(m)
        elif name[0].isupper() and not is_word(low) and low not in surnames() and len(low) > 2:
            unlisted.append(m)
    for m in listed + [
        m for m in unlisted if any(abs(m.start() - other.start()) < 60 for other in listed)
    ]:
        yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_NAME_DE_ANOS, _ANOS_WORDS, 40, 8):
        words = [fold(w) for w in m.group("name").split()]
        if not any(
            w in not_names()
            or w in FUNCTION_WORDS
            or w in PATIENT_WORDS
            or w in _SPANISH_PATIENT_WORDS
            for w in words
        ) and (words[0] in first_names() or not is_word(words[0])):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


# "Les presento a Valentina, de 6 años": a child named, then her age in Spanish.
_NAME_DE_ANOS = re.compile(
    r"(?P<name>[A-Z][a-z\u00e0-\u00ff'\u2019-]+(?:[ \t][A-Z][a-z\u00e0-\u00ff'\u2019-]+)?)"
    r",[ \t]+de[ \t]+1?\d[ \t]+a(?:ñ|n)os\b"  # (set off: "Nene de 10 años" is the child)
)
_ANOS_WORDS = word_set("años anos")
# Who the Spanish sentence is about, not her name ("Paciente de 13 años", "Niña de 7 años").
_SPANISH_PATIENT_WORDS = word_set(
    "paciente nina nino chica chico joven adolescente hija hijo menor bebe muchacha muchacho"
)


# "sonny (the jimicum boy, 15)": a family's surname typed in lower case before its child.
_THE_FAMILYS_CHILD = re.compile(
    r"\bthe[ \t]+(?P<name>[a-z][a-z'\u2019-]{2,}[a-z])[ \t]+(?:boy|boys|girl|girls|kid|kids|baby|"
    r"twins|triplets|children|family|brothers|sisters)\b"
)
_CHILD_WORDS = word_set("boy boys girl girls kid kids baby twins triplets children family")
# "seeing destiny again today", "f/u on junior from nov 6", "follow up on will period": the
# child a follow-up is about.
_FOLLOWED_UP = re.compile(
    r"(?i:\b(?:seeing|saw|seen)[ \t]+)(?P<name>[A-Za-z\u00c0-\u024f][\w'\u2019-]{3,})"
    r"(?=[ \t]+again\b)"
    r"|(?i:\b(?:f/u|follow[- ]?up|update)[ \t]+on[ \t]+)"
    r"(?P<name2>[A-Za-z\u00c0-\u024f][\w'\u2019-]{3,})"
    r"(?=[ \t]+(?:from|period|again|today)\b|[ \t]*[(:]|[ \t]+-[ \t])"
)
# (the words the text model reads: "f/u" is "f" and "u", "follow-up" is "follow" and "up")
_FOLLOW_UP_CUES = word_set("seeing saw seen u up update")


def _named_by_what_is_said(doc: Document) -> Iterator[Hit]:
    """A surname before "boy" or "kids", a given name a follow-up is about."""
    for m in doc.find_near(_THE_FAMILYS_CHILD, _CHILD_WORDS, 40, 12):
        low = m.group("name")
        if not (
            low.endswith(("'s", "\u2019s"))  # "the neighbor's kids"
            or (low.endswith("in") and is_word(low + "g"))  # "the huffin boy": what he does
            or is_word(low)
            or low in not_names()
            or low in FUNCTION_WORDS
            or low in PEOPLES
            or low in INSTITUTION_WORDS  # "the daycare kids"
            or relation(low)
        ):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])
    for m in doc.find_near(_FOLLOWED_UP, _FOLLOW_UP_CUES, 12, 60):
        group = "name" if m.group("name") else "name2"
        word = m.group(group)
        low = fold(word.lower())
        if (
            low in FUNCTION_WORDS
            or word.lower() in not_names()  # (not "Jesús", whose accent makes him a boy)
            or relation(low)
            or word in ACRONYMS
            or low == "case"  # "follow-up on case from 10/3"
            or (is_word(low) and low not in first_names())
        ):
            continue  # "seeing them again", "f/u on labs from the ED"
        yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])


# "His siblings are Clementine (9) and August (4)": two given names listed with their ages in
# brackets, one that is also a month or a word beside one that is a given name.
_AGED_PAIR = re.compile(
    r"(?P<a>[A-Z][a-z'\u2019-]+)[ \t]*\([ \t]*1?\d[ \t]*\)[ \t]*"
    r"(?:,[ \t]*(?:and[ \t]+|&[ \t]*)?|(?:and|&)[ \t]+)"
    r"(?P<b>[A-Z][a-z'\u2019-]+)[ \t]*\([ \t]*1?\d[ \t]*\)"
)
_AGED_PAIR_HINT = re.compile(r"\d[ \t]*\)[ \t]*(?:,|and\b|&)")


def _aged_pair(doc: Document) -> Iterator[Hit]:
    for m in doc.find_around(_AGED_PAIR, _AGED_PAIR_HINT, 24, 30):
        lows = [m.group(g).lower() for g in ("a", "b")]
        if not any(low in first_names() and low not in not_names() for low in lows):
            continue
        for group, low in zip(("a", "b"), lows, strict=True):
            if low not in FUNCTION_WORDS and m.group(group) not in ACRONYMS:
                yield Hit(m.start(group), m.end(group), "name", Priority.NAME, SUGGESTIONS["name"])


# A huddle list's "Last, First" and the age: "Faleolo, Siaosi 11 --", "van Beek, Daan K",
# "Xiong, Maiv   15y F".
_LAST_FIRST_AGED = re.compile(
    r"(?P<name>(?:(?:van|von|de|del|della|la|le|al|el|da|di|du|st\.?)[ \t-])?"
    r"[A-Z][\w'\u2019-]+(?:[ \t][A-Z][\w'\u2019-]+)?,[ \t]+(?P<first>[A-Z][a-z][\w'\u2019-]*)"
    r"(?:[ \t][A-Z]\.)?)"
    # "Yazzie, Ahiga - 15 -", "Thunderchild, Rosebud J.  |  F  |  14 y": a list's or a banner's
    # separators before the age, the sex between
    r"(?=(?:[ \t]+|[ \t]*[-\u2013|][ \t]*(?P<sex>[MF][ \t]*[-\u2013|][ \t]*)?)"
    r"(?:1?\d(?:[ \t]*(?:y|yo|yrs?|m|mo|[MF]))?(?![\w/:.])|K\b"
    r"|(?:1[0-2]|[1-9])(?:st|nd|rd|th)[ \t]+gr))"
)
# (found at the comma, one character after the letter: see _ROLE_THEN_NAME_HINT)
_LAST_FIRST_HINT = re.compile(r",(?<=[a-z],)[ \t]+[A-Z]")


def _last_first_aged(doc: Document) -> Iterator[Hit]:
    for m in doc.find_around(_LAST_FIRST_AGED, _LAST_FIRST_HINT, 41, 39):
        first = m.group("first").lower()
        words = [w.lower() for w in re.findall(r"[\w'\u2019-]+", m.group("name"))]
        if any(w in FUNCTION_WORDS - _PARTICLES or w in not_names() for w in words):
            continue
        if is_word(words[0]) and words[0] not in surnames():
            continue  # "Results, Page - 2": a word, not a surname, before the comma
        # a given name, or any word in a banner's fields ("Thunderchild, Rosebud J. | F | 14 y")
        if first in first_names() or not is_word(first) or m.group("sex"):
            yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


_PARTICLES = word_set("van von de del della la le al el da di du")


# A message or a field that opens with the child's full name and age: "Tanner Little Plume,
# 15, from Browning", "Wanbli Iron Cloud 12M from Kyle", "...Health: Losa Toleafoa, 11F".
_OPENS_WITH_NAME = re.compile(
    r"(?m)(?:^[ \t]*|:[ \t]+)(?P<name>[A-Z][a-z'\u2019-]+(?:[ \t][A-Z][a-z'\u2019-]+){1,2})"
    r"(?=,?[ \t]+\d{1,2}[ \t]*(?:[MF]\b|yo\b|y/o|yrs?\b)|,[ \t]*\d{1,2}[ \t]*,)"
)


def _opens_with_name(doc: Document) -> Iterator[Hit]:
    for m in find_in(
        _OPENS_WITH_NAME, doc.text, doc.line_openings(120) + doc.around(_COLON, 0, 60)
    ):
        name = m.group("name")
        words = [fold(w) for w in name.split()]
        if (
            known_place(" ".join(words))
            or " ".join(words) in regions()
            or words[0] in GENERIC_PLACE_WORDS  # ("Little Plume" ends a name)
            or words[0] in regions()  # "Alaska Native 10yo"
            or any(_other_use(w) or w in INSTITUTION_WORDS for w in words)
            or not (words[0] in first_names() or not is_word(words[0]))
            or all(w in not_names() for w in words)
        ):
            continue
        yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


_COLON = re.compile(r":[ \t]+[A-Z]")

# "Ace - no-showed again", "quick q - will from the tuesday case", "CALLING ABOUT JOURNEY
# AGAIN", "DJ update:", "Bear (little brother of the girl presented)": the child a short
# message is about, named first or after the words that say so, then spoken of.
_MESSAGE_SUBJECT = re.compile(
    r"(?:^[ \t>*-]*|(?<=[.!?][ \t])|(?i:\bquick[ \t]+(?:q|question|one)"
    r"(?:[ \t]*[-:\u2013]|[ \t]+(?:about|re|on))"
    r"|\bf/u:?|\bfollow(?:ing)?[- ]?up(?:[ \t]+on)?:?|\bcalling[ \t]+about|\bupdate[ \t]+on"
    r"|\bthis[ \t]+is[ \t]+for|\bre:?)[ \t]+)"
    r"(?P<name>[A-Z][a-z'\u2019]{1,14}|[a-z][a-z'\u2019]{1,14}|[A-Z]{2,10})"
    # what follows says the name is a child's: a dash and what is said of them, a bracket
    # that explains who, a verb of the visit, "update", "from tues", "'s mom", the end
    r"(?P<after>[ \t]+[-\u2013\u2014][ \t]+"
    r"(?i:no-?show(?:ed|s)?|mom|dad|she|he|still|back|doing|now|again)\b"
    r"|[ \t]*\((?i:little|big|older|younger|the|she|he|our|my)\b"
    r"|[ \t]+(?i:is|was)[ \t]+(?i:doing|back|still|better|worse|seen|admitted)\b|:(?=[ \t])"
    r"|[ \t]+(?i:update)\b"
    r"|[ \t]+(?i:from)[ \t]+(?i:the[ \t]+)?(?i:mon|tues?|wed|thu|thurs|fri|last|yesterday|our)"
    r"|[ \t]+(?i:restarted|started|stopped|starts|no-?showed|again|came[ \t]+in)\b"
    r"|['\u2019]s[ \t]+(?i:mom|dad|mother|father|grandma|foster)\b"
    r"|[ \t]*[.?!]?[ \t]*$)"
)
# "pt 4yo Rylee, MT-88120, Sidney", "female, Maka, PR-3300871, from": the child named before
# a record number.
_NAME_BEFORE_NUMBER = re.compile(
    r"(?<![\w.-])(?P<name>[A-Z][a-z'\u2019\u00e0-\u00ff-]{2,14}),[ \t]*(?:MRN:?[ \t]*|#[ \t]*)?"
    r"(?!NDC|CPT|ICD|LOT|Lot)[A-Z]{1,4}-?\d{5,10}\b"
)
_NAME_BEFORE_NUMBER_HINT = re.compile(r",[ \t]*(?:MRN:?[ \t]*|#[ \t]*)?[A-Z]{1,4}-?\d{5}")


def _named_before_number(doc: Document) -> Iterator[Hit]:
    for m in doc.find_around(_NAME_BEFORE_NUMBER, _NAME_BEFORE_NUMBER_HINT, 18, 20):
        low = fold(m.group("name"))
        if (
            low in FUNCTION_WORDS
            or low in not_names()
            or low in MONTHS
            or low in regions()
            or low in _NOT_SUBJECTS
            or relation(low)
            or (is_word(low) and low not in first_names())
        ):
            continue
        yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


_CASE_IS_A = re.compile(r"[ \t]+an?[ \t]+\d")
_SENTENCE_SUBJECT_AFTER = re.compile(r"[ \t]+(?:update\b|[-\u2013\u2014][ \t])")
_WORD_SENSE_AFTER = re.compile(r"[ \t]+(?i:is|was)[ \t]+(?i:doing|back|still|better|worse)")
_SUBJECT_HINT = re.compile(
    r"(?im)^[ \t>*-]*[A-Za-z]|quick[ \t]+(?:q|question|one)|f/u|follow|calling|update|this[ \t]+is"
    r"|\bre:?[ \t]"
    r"|[.!?][ \t][A-Z][a-z]+(?:[ \t]+(?:update|again)\b|['\u2019]s[ \t]|[ \t]+[-\u2013][ \t])"
)
_NOT_SUBJECTS = word_set(
    """update question session thanks thank sorry note fyi quick follow ok okay great school
    today yesterday tonight meds sleep mood appetite labs plan hi hello hey also re hub case
    pt patient kid child teen baby family parents everything everyone nothing things weight
    behavior anxiety depression therapy referral eval intake consult recs rec pls plz tmrw tmr
    thx ty asap"""
)


# Where _SUBJECT_HINT can match, found quickly: a line's start, a sentence's end, or one of
# its words in any case (the engine would try each of its branches at every character).
_SUBJECT_HINT_WORDS = ("quick", "f/u", "follow", "calling", "update", "this", "re")
_SENTENCE_END_MARKS = re.compile(r"[.!?]")


def _subject_windows(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    words = places_of_any_case(text, _SUBJECT_HINT_WORDS)
    if words is None:
        return doc.around(_SUBJECT_HINT, 0, 60)
    words += doc.line_starts
    words.extend(m.start() for m in doc.fast(_SENTENCE_END_MARKS).finditer(text))
    return windows(starts_among(doc.fast(_SUBJECT_HINT), text, words), len(text), 0, 60)


# "the Hendersons' boy", "the Pedersons' oldest", "the garzas' twins": a family named by its
# surname in the plural, owning one of its children.
_FAMILY_OWNS_CHILD = re.compile(
    r"\b[Tt]he[ \t]+(?P<name>[A-Za-z][a-z]+(?:-[A-Za-z][a-z]+)?)s['\u2019][ \t]+"
    r"(?=(?:boy|boys|girl|girls|kid|kids|son|sons|daughter|daughters|oldest|youngest|middle|"
    r"twins|baby|child|children|grandson|granddaughter)\b)"
)


# "in foster care w/ the Bowmans", "staying at friend's (the Okonkwos on Larkspur)": a
# household named by its surname in the plural, after a word that places a child in it.
_FAMILY_HOUSEHOLD = re.compile(
    r"(?i:\b(?:with|w/|family|friend['\u2019]?s|foster|placed|staying|stays|lives|living)"
    r"[ \t]*\(?[ \t]*)the[ \t]+(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)s\b(?!['\u2019])"
)
_FAMILY_HOUSEHOLD_WORDS = word_set(
    "with w w/ family friend's friends foster placed staying stays lives living"
)


def _a_familys_name(name: str) -> bool:
    """A capitalised word that names a family, not a role, a relation or a word no list has
    for a surname ("the Nurses' kids", "the Twins' boys", "the Parents' kids")."""
    low = fold(name)
    return not (
        low in not_names()
        or low in ROLES
        or low in RELATIONS
        or low in PATIENT_WORDS
        or (is_word(low) and low not in surnames())
    )


def _family_by_surname(doc: Document) -> Iterator[Hit]:
    """A family's surname in "the Hendersons' boy": capitalised, or in lower case a surname
    the lists know that is no English word ("the garzas' twins", not "the girls' kids"); a
    household in the plural ("with the Bowmans")."""
    for m in doc.find_near(_FAMILY_HOUSEHOLD, _FAMILY_HOUSEHOLD_WORDS, 2, 40):
        name = m.group("name")
        # a surname the lists know ("the Walgreens", "the Eagles" are no family)
        plural = name + "s"  # "the Jennings", "the Opelousas": a town by the name as written
        if fold(name) in surnames() and _a_familys_name(name) and not known_place(plural):
            yield Hit(
                m.start("name"), m.end("name") + 1, "name", Priority.NAME, SUGGESTIONS["name"]
            )
    if "s'" not in doc.text and "s\u2019" not in doc.text:
        return
    for m in _FAMILY_OWNS_CHILD.finditer(doc.text):
        name = m.group("name")
        low = fold(name)
        if name[0].isupper():
            if not _a_familys_name(name):
                continue  # "the Nurses' kids", "the Twins' boys", "the Parents' kids"
        elif low not in surnames() or is_word(low):
            continue
        yield Hit(m.start("name"), m.end("name") + 1, "name", Priority.NAME, SUGGESTIONS["name"])


# "nickname sunny", "nickname is peanut", "goes by moose": a nickname after the word that
# introduces it, in any case, even one that is a word.
_NICKNAME_GIVEN = re.compile(
    r"(?i:\bnick[- ]?name(?:d)?(?:[ \t]+is)?[ \t]*[:,]?[ \t]*|\bgoes[ \t]+by[ \t]+)"
    r"[\"'\u201c\u2018]?"  # ("goes by 'smoke',": in quotes)
    # ("goes by anahí now": a name with an accent)
    r"(?P<name>[^\W\d_][^\W\d_A-Z'\u2019]+(?:['\u2019][^\W\d_A-Z]+)?(?:-[^\W\d_]+)?)"
    # set off after it, as a name given is ("nickname sunny,"; dictated: "goes by moose comma")
    r"(?=[ \t]*(?:[,.;:!?)\"'\u201d\n]|$|(?i:comma|period)\b))"
)
# What one goes by that is no name: a way to travel, a pronoun, a name's kind.
_NOT_GONE_BY = word_set(
    """bus car foot train van bike bicycle plane boat taxi cab subway pronouns pronoun they
    them he him she her his hers their name names middle first last nickname nicknames
    initials both either several many different another"""
)


# "pt is june, 15.", "pt is lil sam from the village, 11": who the patient is, by name, before
# the age (a word that is also a name too, but not "pt is female, 15").
_PATIENT_IS = re.compile(
    r"(?i:\b(?:pt|patient|client)[ \t]+is[ \t]+)"
    r"(?P<name>(?:lil[ \t]+|little[ \t]+)?[A-Za-z][a-z'\u2019-]{1,14})"
    r"(?=[ \t]*,[ \t]*\d{1,2}\b(?![ \t]*(?:mg|%|min|mins|minutes|days?|weeks?|wks?|months?|"
    r"mos?|hrs?|hours?|lbs?|kg)\b)|[ \t]+from[ \t]+the[ \t]+[a-z]+,[ \t]*\d{1,2}\b)"
)
_PATIENT_IS_WORDS = word_set("pt patient client")


def _patient_is_named(doc: Document) -> Iterator[Hit]:
    for m in doc.find_near(_PATIENT_IS, _PATIENT_IS_WORDS, 2, 50):
        low = fold(m.group("name").split()[-1])
        if low in FUNCTION_WORDS or low in not_names() or low in PATIENT_WORDS:
            continue
        if is_word(low) and low not in first_names():
            continue  # "pt is female, 15", "pt is better, 12"
        yield Hit(
            m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
        )


# "first name Aaliyah, A-A-L-I-Y-A-H": a name spelled out letter by letter, as dictated.
# ("his name is Kaleb spelled K A L E B", "the boy is Tre, T-R-E": by hyphens or spaces)
_SPELLED_OUT = re.compile(r"(?<![\w-])[A-Z](?P<sep>[- ])[A-Z](?:(?P=sep)[A-Z]){1,}(?![\w-])")
_SPELLED_HINT = re.compile(r"[A-Z][- ][A-Z][- ][A-Z]")


_SPELLED_AFTER_NAME = re.compile(r"(?i)\b(?:spelled|spelt|spelling)?[ \t]*[A-Z][a-z']+,?[ \t]+$")


def _spelled_out(doc: Document) -> Iterator[Hit]:
    """A given name or surname the lists hold, spelled out."""
    for m in doc.find_around(_SPELLED_OUT, _SPELLED_HINT, 2, 40):
        letters = m.group().replace("-", "").replace(" ", "").lower()
        if len(letters) < 4 and not _SPELLED_AFTER_NAME.search(
            doc.text, max(0, m.start() - 24), m.start()
        ):
            continue  # three letters only right after the name they spell ("Tre, T-R-E")
        if letters in first_names() or letters in surnames():
            yield Hit(m.start(), m.end(), "name", Priority.NAME, SUGGESTIONS["name"])


# "le dicen 'Güero'", "lo llaman 'Chino'": the name a Spanish-speaking family calls the
# child, quoted.
_LE_DICEN = re.compile(
    r"(?i:\b(?:le|lo|la)[ \t]+(?:dicen|llaman|decimos|apodan))[ \t]+"
    r"['\"\u2018\u201c](?P<name>[^\W\d_][^\W\d_'\u2019-]{1,14})['\"\u2019\u201d]"
)
_LE_DICEN_WORDS = word_set("dicen llaman decimos apodan")
# "(Nene, apodo de Ángel Luis)": a nickname and the Spanish word for one.
_APODO = re.compile(r"(?P<name>[A-Z][a-z\u00e0-\u00ff]{1,14}),?[ \t]+(?:apodo|sobrenombre)\b")
_APODO_WORDS = word_set("apodo sobrenombre")
# "re: 'bo' (16yo, 1st episode psychosis)": a quoted name before the age in brackets.
_QUOTED_BEFORE_AGE = re.compile(
    r"['\"\u2018\u201c](?P<name>[A-Za-z][a-z]{1,12})['\"\u2019\u201d][ \t]*\([ \t]*\d{1,2}[ \t]*"
    r"(?:yo|y/o|yrs?|[MFmf])?\b"
)
_QUOTED_AGE_HINT = re.compile(r"\([ \t]*\d")
# "6 yo m, 'Peanut', ex-24 wkr", "14yo M, \"Chuy\" per friends", "niño 8 años, 'Chuy'": a
# nickname in quotes right after the age and sex; "Tengo a 'Chuy' (Jesús Armando Luna)": one
# before the full name in brackets.
_QUOTED_AFTER_AGE = re.compile(
    r"(?i:\d{1,2}[ \t]*(?:(?:yo|y/o|y\.o\.|yrs?|a[ñn]os|-year-old)"
    r"(?:[ \t]*(?:[mf]|boy|girl|male|female|ni[ñn][oa]))?|[mf]|boy|girl|male|female)"
    r"[ \t]*,?[ \t]+)"  # (an age and a sex: not "scored 12, \"Excellent\"")
    r"['\"\u2018\u201c](?P<name>[A-Z][a-z\u00e0-\u00ff]{1,12})['\"\u2019\u201d](?![\w])"
    r"|['\"\u2018\u201c](?P<before>[A-Z][a-z\u00e0-\u00ff]{1,12})['\"\u2019\u201d][ \t]*\("
    r"(?=[A-Z][\w\u00c0-\u017f]+[ \t]+[A-Z])"
)
_QUOTED_AFTER_AGE_HINT = re.compile(
    r"\d[ \t,A-Za-zñ/.-]*+['\"\u2018\u201c][A-Z]|['\"\u2019\u201d][ \t]*\([A-Z]"
)
# What a word in quotes says of a child, not what it is called ("'Stable' on sertraline").
_SAID_OF_A_CHILD = word_set(
    "fine better worse good bad sad well okay ok happy angry calm quiet normal stable"
)


def _nickname_given(doc: Document) -> Iterator[Hit]:
    """A nickname after "nickname" or "goes by" (see _NICKNAME_GIVEN), or "le dicen"."""
    for m in chain(
        doc.find_near(_LE_DICEN, _LE_DICEN_WORDS, 8, 24),
        doc.find_near(_APODO, _APODO_WORDS, 20, 8),
        doc.find_around(_QUOTED_BEFORE_AGE, _QUOTED_AGE_HINT, 20, 12),
    ):
        low = fold(m.group("name"))
        if low not in FUNCTION_WORDS and not (is_word(low) and low not in first_names()):
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_around(_QUOTED_AFTER_AGE, _QUOTED_AFTER_AGE_HINT, 24, 24):
        group = "name" if m.group("name") else "before"
        low = fold(m.group(group))
        adjective = is_word(low) and (
            low in _SAID_OF_A_CHILD
            or low.endswith(("ed", "ly", "ive", "ous", "able", "ible", "ful", "less", "ic", "al"))
        )
        if not adjective and not (
            low in FUNCTION_WORDS or low in not_names() or low in PATIENT_WORDS
        ):
            # (a word in quotes names a child there: "'Peanut'", "'Moose'")
            yield Hit(
                m.start(group), m.end(group), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    if "goes" not in doc.lows and "nick" not in doc.text.lower():
        return
    for m in _NICKNAME_GIVEN.finditer(doc.text):
        low = fold(m.group("name"))
        if (
            low in FUNCTION_WORDS
            or low in _NOT_GONE_BY
            or low in RELATIONS
            or low in PATIENT_WORDS
            or low in not_names()
        ):
            continue
        yield Hit(
            m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
        )


def _message_subjects(doc: Document) -> Iterator[Hit]:
    text = doc.text
    for m in find_in(doc.fast(_MESSAGE_SUBJECT), text, _subject_windows(doc)):
        name = m.group("name")
        low = fold(name)
        opened = m.start("name") == m.start() or not text[m.start() : m.start("name")].strip(
            " \t>*-"
        )
        if opened and not m.group("after").strip(" \t.?!"):
            continue  # a line that is one word: a heading, unless a cue named it
        after = m.group("after")
        possessed = after.startswith(("'", "\u2019"))
        if (
            m.start()
            and text[m.start() - 1] in " \t"
            and m.start("name") == m.start()
            and not (possessed or _SENTENCE_SUBJECT_AFTER.match(after))
        ):
            continue  # mid-text, a sentence's first word needs "update", "'s mom" or a dash
        if opened and after == ":":
            continue  # "Plan: ..." opens a field, not a message about someone
        if opened and after.lstrip().lower().startswith("from") and is_word(low):
            continue  # "Link from our IT": a word; "Jesus from tues" is no word
        # "Tanner update:": a given name that is also a word of the trade, said to be updated
        updated = after.strip().lower() == "update" and low in first_names()
        if (
            (low in FUNCTION_WORDS and (opened or low not in first_names()))
            or relation(low)
            or low in PATIENT_WORDS
            or (low in not_names() and not updated)
            or low in MONTHS
            or low in _NOT_SUBJECTS
            or low in _PRONOUNS
            or name in ACRONYMS
        ):
            continue
        if name.isupper() and len(name) <= 3:
            if doc.mode_at(m.start("name")) != "upper" and not not_initials(name):
                yield Hit(
                    m.start("name"),
                    m.end("name"),
                    "initials",
                    Priority.BARE_INITIALS,
                    SUGGESTIONS["initials"],
                )
            continue
        if opened and low in WORDY_NAMES and _WORD_SENSE_AFTER.match(m.group("after")):
            continue  # "Joy is back - mom's words": the word's sense, as likely as the name
        if name.isupper() and (low not in first_names() or doc.mode_at(m.start()) != "upper"):
            continue  # "FQHC update", "SBHC again": an acronym; "FAITH WAS SEEN" in capitals
        if name.islower() and low not in first_names():
            continue  # "mom asks re: amantadine?": in lower case only a listed given name
        if is_word(low) and low not in first_names() and not possessed:
            continue  # "Sleep - better", "Zoloft started": a word, no given name
        yield Hit(m.start("name"), m.end("name"), "name", Priority.NAME, SUGGESTIONS["name"])


# Words that open a numbered item in clinical lists and are also given names.
_NOT_LISTED_NAMES = word_set(
    """grade page day week tier level step room bed phase cycle session lesson module unit
    chapter question item score dose max min rule part section stage class box suite case
    apt lot space gate track trial round block core period year de"""
)


def context_names(doc: Document) -> Iterator[Hit]:
    text, lows = doc.text, doc.lows
    for m in doc.find_near(_NAME_BEFORE_RELATION, _BEFORE_RELATION_WORDS, 30, 12):
        stem = m.group("name")
        word = stem.lower() + "s"
        if stem.lower() in first_names() and not is_word(word) and word not in not_names():
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.find_near(_ASK_FOR, _ASK_WORDS, 2, 30):
        low = m.group("name").lower()
        if low in first_names() and low not in FUNCTION_WORDS and low not in PATIENT_WORDS:
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
    for m in doc.fast(_WILL_AS_NAME).finditer(text):
        if WORD_SENSE_AFTER.match(text, m.end()):
            continue  # "Will is the word she keeps using"
        before = doc.fast(_WORD_BEFORE).search(text, max(0, m.start() - 12), m.start())
        word = before.group(1).lower() if before else ""
        if word in _NOT_WILLS_OWNER or (m.group() == "will" and word in _NOT_WILLS_SUBJECT):
            continue
        yield Hit(m.start(), m.end(), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"])
    # (every match opens with one of those words)
    patients = find_led(doc, _PATIENT_FULL_NAME_LED) if lows & _PATIENT_NAME_WORDS else ()
    for m in patients:
        first, last = (w.lower() for w in m.group("name").split())
        unknown = not (is_word(first) or first in not_names() or last in not_names())
        aged = AGE_APPOSITION.match(text[m.end() : m.end() + 40]) is not None
        if (unknown and aged) or (
            first in first_names() and (last in surnames() or not is_word(last))
        ):  # "Patient is Hser Paw, 15,": a name no list has, as the age says
            yield Hit(
                m.start("name"), m.end("name"), "name", Priority.NAME_AFTER_CUE, SUGGESTIONS["name"]
            )
