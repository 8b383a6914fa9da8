"""Overlaps: where two detectors mark the same characters, which finding is kept.

Every hit carries a `Priority` from the one table below. `resolve` keeps the highest
priority; at equal priority the longer hit, then the earlier one; at a full tie, the hit of
the detector listed first in `echo.phi.scanner.DETECTORS`. What wins, and why:

- exact identifiers (email, web and IP addresses, SSN, phone, labelled record numbers,
  handles) beat everything: their pattern leaves no doubt, and "mom@example.org" is one
  email address, not a relation word and a name;
- dates and ages over 89 come next ("May 4" is a date, not May the girl);
- then places: a ZIP code, a city with its state, a street address ("12 Hope Street" is an
  address, not Hope);
- then institutions: a school, team or camp before a facility, since a facility only warns
  and must not hide a blocking school ("Lincoln Middle School", not Lincoln the person);
  an employer ("works at Walmart") before plain names;
- then people: a clinician before initials before a name, each stronger after a cue
  ("Dr.", "Mrs.", "his sister"); a credential ("Marie Munroe, RN") or "pt: DJ" settles it;
- last the weak guesses: a county, a city known only from the gazetteer, a city before a
  ZIP code, a word the learned classifier (echo.phi.learned) is sure of, and any long
  bare number.

Equal values are deliberate: hits of equal priority are told apart by their length.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from echo.phi.findings import Hit


class Priority(IntEnum):
    # Exact identifiers.
    EMAIL = 100
    URL = 96
    IP_ADDRESS = 95
    SSN = 95
    PHONE = 90  # with an area code: "(614) 555-0199"
    PHONE_IN_CONTEXT = 89  # "cell 555-0199", a ten-digit number after "call"
    PAGER = 89  # "pager 4417"
    LABELLED_ID = 88  # "MRN 448812", "Medicaid ID 55-1234"
    VIN = 87
    MAC_ADDRESS = 87
    HASH_NUMBER = 86  # "#448812"
    HANDLE = 85  # "@sk8rgirl"
    HANDLE_IN_CONTEXT = 84  # "snapchat: sk8rgirl"
    # Dates and ages.
    DATE = 80
    AGE_OVER_89 = 80
    # Places.
    ZIP = 75
    CITY_WITH_STATE = 72  # "Dayton, OH", and the city that closes a street address
    STREET_ADDRESS = 70  # "12 Oak Ave", "PO Box 12", "Maple Court Apartments"
    NAMED_STREET = 68  # "Oak Street" without a number
    # Institutions and employers.
    SCHOOL = 65  # schools, daycares, teams, camps, troops, places of worship
    TEAM_AFTER_CUE = 64  # "plays for the Westside Wildcats"
    EMPLOYER = 62  # "works nights at Walmart"
    FACILITY = 60  # hospitals and clinics (warn)
    SAINT = 59  # "St. Agnes": a hospital, church or school
    # People.
    CLINICIAN_AFTER_CUE = 58  # "Dr. Patel", "therapist Ms. Gray"
    CLINICIAN_BY_CREDENTIAL = 56  # "Marie Munroe, RN"
    INITIALS_AFTER_PATIENT = 56  # "pt: DJ", "(DJ)"
    CLINICIAN = 55  # "E. Welsh aware", "Dr. S."
    INITIALS_AFTER_CUE = 55  # "Mr. S.", "his son Sam T."
    NAME_AFTER_CUE = 53  # "his sister Tasha", "Mrs. Alvarez"
    INITIALS = 52  # "Maya J." as a first name and an initial
    BARE_INITIALS = 51  # "J.M.", "JM, 14,", "initials JM"
    NAME = 50
    # Weak guesses.
    LEARNED_ADDRESS = 47  # a street's word the learned classifier is sure of (blocks)
    COUNTY = 46  # "Franklin County"
    CITY_FROM_GAZETTEER = 45  # "lives in Dayton"
    CITY_AFTER_CUE = 45  # "moved from Eastbrook", "near Pike Hollow": not in the gazetteer
    CITY_BEFORE_ZIP = 44  # "Millbrook 04521"
    # The learned classifier's words (echo.phi.learned): below every rule, so a rule's
    # finding wins where both mark the same words.
    LEARNED_NAME = 40
    LEARNED_PLACE = 39  # a town or a facility (warn)
    LONG_NUMBER = 30  # eight digits or more, unlabelled
    # A cue that a child could be recognised ("on the local news", "one of the triplets"):
    # any identifier inside it is stronger, since it blocks and this only warns.
    CHARACTERISTIC = 20


def resolve(hits: list[Hit], length: int) -> list[Hit]:
    """Keep the strongest of overlapping hits (priority, then length); return them in order."""
    chosen: list[Hit] = []
    taken = bytearray(length)
    for h in sorted(hits, key=lambda h: (-h.priority, -(h.end - h.start), h.start)):
        if h.end <= h.start or taken.find(1, h.start, h.end) >= 0:
            continue
        chosen.append(h)
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    return sorted(chosen, key=lambda h: h.start)
