"""A practice self-assessment of behavioral health integration, written for ECHO.

A pediatric primary care practice answers short yes/no questions; the answers place it
on the six levels of the SAMHSA-HRSA framework (Heath B, Wise Romero P, Reynolds K.
*A Standard Framework for Levels of Integrated Healthcare*. Washington, DC:
SAMHSA-HRSA Center for Integrated Health Solutions; 2013):

* Coordinated: 1 minimal collaboration, 2 basic collaboration at a distance;
* Co-located: 3 basic collaboration onsite, 4 close collaboration onsite with some
  system integration;
* Integrated: 5 close collaboration approaching an integrated practice, 6 full
  collaboration in a transformed or merged integrated practice.

The level names are the framework's, used with attribution. Every question, summary and
item below is our own text, written from the framework's level definitions; nothing is
taken from a licensed instrument (IPAT, the MeHAF site self-assessment, the AIMS
checklist or the Pediatric Integrated Care Survey).

The answers also rate what the practice has in place in the four core areas of
collaborative care named by the AACAP Committee on Collaborative and Integrated Care
and Committee on Quality Issues, "Clinical Update: Collaborative Mental Health Care for
Children and Adolescents in Pediatric Primary Care" (J Am Acad Child Adolesc
Psychiatry, 2023): direct service, care coordination, consultation and education.

Placement (:func:`place`): every practice is at least level 1. A practice is at level L
when, for *every* level from 2 up to L, at least half of that level's questions are
answered yes, a tie counting as enough (1 of 2, 2 of 3). The climb is cumulative: the
first level that falls short stops it, whatever is answered above.

Area ratings (:func:`rate_area`): "not started" with no item in place, "emerging" with
fewer than half, "established" with half or more but not all, "comprehensive" with all.

Next steps (:func:`assess`): first the questions of the level just above the practice's
that were answered no, then the area items answered no that carry a next step, in form
order, at most :data:`MAX_NEXT_STEPS`. Each step names a link key (:data:`LINK_KEYS`)
that the view turns into a URL.

Pure: stdlib only, no database or HTTP. The form is answered again each year; compare
two profiles with :func:`change`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal

__all__ = [
    "ALL_KEYS",
    "ANSWER_ERROR",
    "AREAS",
    "AREA_ITEMS",
    "CATEGORIES",
    "LEVELS",
    "LEVEL_QUESTIONS",
    "LINK_KEYS",
    "MAX_NEXT_STEPS",
    "RATINGS",
    "Area",
    "AreaChange",
    "AreaItem",
    "AreaRating",
    "Assessment",
    "Change",
    "Level",
    "NextStep",
    "Profile",
    "Question",
    "Suggestion",
    "assess",
    "change",
    "level_by_number",
    "parse_answers",
    "place",
    "questions_for",
    "rate_area",
]

# --- Levels ------------------------------------------------------------------------------

#: The framework's three categories, lowest first.
CATEGORIES: Final = ("Coordinated", "Co-located", "Integrated")

Category = Literal["Coordinated", "Co-located", "Integrated"]


@dataclass(frozen=True, slots=True)
class Level:
    """One of the framework's six levels, with a one-sentence summary in our words."""

    number: int
    category: Category
    name: str
    summary: str


LEVELS: Final[tuple[Level, ...]] = (
    Level(
        1,
        "Coordinated",
        "Minimal collaboration",
        "Primary care and behavioral health work apart and rarely talk about the"
        " children they both see.",
    ),
    Level(
        2,
        "Coordinated",
        "Basic collaboration at a distance",
        "The practice and behavioral health providers work in separate places but"
        " exchange information about shared patients from time to time.",
    ),
    Level(
        3,
        "Co-located",
        "Basic collaboration onsite",
        "A behavioral health clinician works in the same building, which makes"
        " referrals and conversations easier, though each keeps its own systems.",
    ),
    Level(
        4,
        "Co-located",
        "Close collaboration onsite with some system integration",
        "The onsite team shares some systems, such as the health record or scheduling,"
        " and works together on some children's care.",
    ),
    Level(
        5,
        "Integrated",
        "Close collaboration approaching an integrated practice",
        "The team meets to plan care together and shares care plans for many children,"
        " though some parts of the practice still run separately.",
    ),
    Level(
        6,
        "Integrated",
        "Full collaboration in a transformed or merged integrated practice",
        "One team in one practice cares for the whole child, with one plan, shared"
        " leadership and behavioral health part of every child's care.",
    ),
)


def level_by_number(number: int) -> Level:
    """The level numbered ``number`` (1 to 6); ValueError for any other number."""
    for level in LEVELS:
        if level.number == number:
            return level
    raise ValueError(f"no integration level {number}; levels run from 1 to {len(LEVELS)}")


# --- Next steps and their links ----------------------------------------------------------

#: The pages a next step can point to; the view turns each key into a URL.
LINK_KEYS: Final = frozenset({"consult-line", "programs", "toolkits", "resources"})

LinkKey = Literal["consult-line", "programs", "toolkits", "resources"]

#: How many next steps a profile shows at most.
MAX_NEXT_STEPS: Final = 6


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What to try when a question or item is answered no, and where to read more."""

    text: str
    link: LinkKey


# --- Level questions ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    """A yes/no question whose yes is evidence of ``level`` (2 to 6)."""

    key: str
    level: int
    text: str
    next_step: Suggestion


LEVEL_QUESTIONS: Final[tuple[Question, ...]] = (
    # Level 2: basic collaboration at a distance.
    Question(
        "l2-exchange-info",
        2,
        "Do you exchange information with a behavioral health provider about shared"
        " patients at least now and then (letters, calls, a patient portal)?",
        Suggestion(
            "Ask the behavioral health providers your families see most how they would"
            " like to share updates about shared patients.",
            "resources",
        ),
    ),
    Question(
        "l2-known-referral",
        2,
        "Is there at least one behavioral health provider or agency you refer children"
        " to regularly and can reach by phone?",
        Suggestion(
            "Get to know one or two local behavioral health providers who see children,"
            " and keep their direct numbers.",
            "resources",
        ),
    ),
    # Level 3: basic collaboration onsite.
    Question(
        "l3-onsite-bh",
        3,
        "Does a behavioral health clinician see patients in your building at least one day a week?",
        Suggestion(
            "Talk with a behavioral health clinician or agency about seeing children in"
            " your building one day a week.",
            "resources",
        ),
    ),
    Question(
        "l3-warm-handoff",
        3,
        "Can you introduce a family to that clinician in person on the day of the visit"
        " (a warm handoff)?",
        Suggestion(
            "Set aside time in the onsite clinician's schedule for same-day introductions"
            " to families.",
            "toolkits",
        ),
    ),
    Question(
        "l3-regular-talk",
        3,
        "Do your clinicians and the behavioral health clinician talk about shared"
        " patients face to face regularly, not only when something goes wrong?",
        Suggestion(
            "Agree on a regular time, even 15 minutes a week, to talk about shared"
            " patients with the onsite clinician.",
            "toolkits",
        ),
    ),
    # Level 4: close collaboration onsite with some system integration.
    Question(
        "l4-shared-record",
        4,
        "Do you share an electronic health record or a scheduling system with the"
        " behavioral health clinician?",
        Suggestion(
            "Work out how the behavioral health clinician can read and write notes in"
            " your record, or book through your front desk.",
            "toolkits",
        ),
    ),
    Question(
        "l4-same-day-visits",
        4,
        "Can a child see both a pediatric clinician and the behavioral health clinician"
        " on the same day, booked in one call?",
        Suggestion(
            "Plan how the front desk can book a pediatric and a behavioral health visit"
            " for the same day in one call.",
            "toolkits",
        ),
    ),
    # Level 5: close collaboration approaching an integrated practice.
    Question(
        "l5-team-meetings",
        5,
        "Do you meet as a team, at least once a month, to plan care for children with"
        " behavioral health needs?",
        Suggestion(
            "Start a monthly team meeting to review children with behavioral health"
            " needs and plan their care together.",
            "toolkits",
        ),
    ),
    Question(
        "l5-shared-plans",
        5,
        "Do your clinicians and the behavioral health clinician write care plans"
        " together for some children?",
        Suggestion(
            "Pick a few children whose care you already share and write one care plan"
            " for each together.",
            "toolkits",
        ),
    ),
    Question(
        "l5-roles-agreed",
        5,
        "Does everyone on the team, front desk included, know their part when a child"
        " screens positive or a family asks for help?",
        Suggestion(
            "Write down who does what when a child screens positive, and go through it"
            " with the whole staff.",
            "toolkits",
        ),
    ),
    # Level 6: full collaboration in a transformed or merged integrated practice.
    Question(
        "l6-one-plan",
        6,
        "Is there one treatment plan for the whole child, owned by the whole team?",
        Suggestion(
            "Move from shared plans for some children to one team-owned plan for every"
            " child in behavioral health care.",
            "programs",
        ),
    ),
    Question(
        "l6-every-child",
        6,
        "Is behavioral health part of the care of every child you see, not only of"
        " children who are referred?",
        Suggestion(
            "Build behavioral health into every well visit, so that it is part of each"
            " child's care rather than a referral.",
            "programs",
        ),
    ),
    Question(
        "l6-one-practice",
        6,
        "Are behavioral health services run and funded as part of the practice itself,"
        " with shared leadership, rather than as a separate program?",
        Suggestion(
            "Look at how practices like yours fund behavioral health staff as part of"
            " the practice budget.",
            "resources",
        ),
    ),
)


def questions_for(level: int) -> tuple[Question, ...]:
    """The questions that evidence ``level``, in form order (none for level 1)."""
    return tuple(q for q in LEVEL_QUESTIONS if q.level == level)


# --- Core areas and their items ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Area:
    """One of the AACAP core areas of collaborative care."""

    key: str
    label: str


AREAS: Final[tuple[Area, ...]] = (
    Area("direct-service", "Direct service"),
    Area("care-coordination", "Care coordination"),
    Area("consultation", "Consultation"),
    Area("education", "Education"),
)


@dataclass(frozen=True, slots=True)
class AreaItem:
    """Something a practice may have in place in an area; ``next_step`` shows on a no."""

    key: str
    area: str
    text: str
    next_step: Suggestion | None = None


_ITEMS: Final[tuple[AreaItem, ...]] = (
    # Direct service.
    AreaItem(
        "ds-bh-staff",
        "direct-service",
        "A behavioral health clinician (for example a psychologist, social worker or"
        " counselor) sees children in your practice.",
        Suggestion(
            "Find out how other practices host a part-time behavioral health clinician.",
            "resources",
        ),
    ),
    AreaItem(
        "ds-screening",
        "direct-service",
        "Children are screened with standardized tools at well visits (for example for"
        " depression, anxiety or development), with a set workflow for positive screens.",
        Suggestion(
            "Set up a screening workflow for well visits, including what happens after a"
            " positive screen.",
            "toolkits",
        ),
    ),
    AreaItem(
        "ds-brief-intervention",
        "direct-service",
        "Your clinicians offer brief, evidence-based help in the office for common"
        " problems such as anxiety, low mood or behavior.",
        Suggestion(
            "Join an ECHO program to learn brief interventions you can use in a visit.",
            "programs",
        ),
    ),
    AreaItem(
        "ds-medication",
        "direct-service",
        "Your clinicians start and follow up first-line medication for common"
        " conditions such as ADHD, anxiety or depression.",
        Suggestion(
            "Call the consult line when you are unsure about starting or adjusting a medication.",
            "consult-line",
        ),
    ),
    AreaItem(
        "ds-rating-scales",
        "direct-service",
        "You track symptoms with a rating scale at follow-up visits to see whether"
        " treatment is working.",
        Suggestion(
            "Choose one rating scale per common condition and repeat it at each follow-up visit.",
            "toolkits",
        ),
    ),
    # Care coordination.
    AreaItem(
        "cc-registry",
        "care-coordination",
        "You keep a registry (a list) of children with behavioral health needs and"
        " review it regularly.",
        Suggestion(
            "Start a simple registry of children with behavioral health needs and review"
            " it each month.",
            "toolkits",
        ),
    ),
    AreaItem(
        "cc-coordinator",
        "care-coordination",
        "A named person (a care coordinator, nurse or social worker) helps families"
        " reach behavioral health care.",
        Suggestion(
            "Name one person on staff who helps families find and reach behavioral health care.",
            "resources",
        ),
    ),
    AreaItem(
        "cc-referral-tracking",
        "care-coordination",
        "You track behavioral health referrals until the child is seen, and follow up"
        " when they are not.",
        Suggestion(
            "Track each behavioral health referral until the child is seen.",
            "toolkits",
        ),
    ),
    AreaItem(
        "cc-shared-care-plans",
        "care-coordination",
        "With the family's consent, care plans are shared with the child's other"
        " providers, such as a therapist or the school.",
        Suggestion(
            "Agree with families on which care plan details to share with their"
            " child's school and therapist.",
            "toolkits",
        ),
    ),
    AreaItem(
        "cc-local-services",
        "care-coordination",
        "You keep an up-to-date list of local behavioral health services for children,"
        " including which insurance each accepts.",
        Suggestion(
            "Build a list of local behavioral health services for children and the"
            " insurance each accepts.",
            "resources",
        ),
    ),
    # Consultation.
    AreaItem(
        "co-psychiatrist",
        "consultation",
        "You have an established relationship with a child and adolescent psychiatrist"
        " you can ask for advice.",
        Suggestion(
            "The consult line puts you in touch with a child psychiatrist by phone.",
            "consult-line",
        ),
    ),
    AreaItem(
        "co-consult-line-used",
        "consultation",
        "Someone in your practice has called the consult line in the last year.",
        Suggestion(
            "Try the consult line with your next question about a child's diagnosis or medication.",
            "consult-line",
        ),
    ),
    AreaItem(
        "co-caseload-review",
        "consultation",
        "A psychiatrist reviews the children in your behavioral health care on a"
        " regular schedule, for example monthly.",
    ),
    AreaItem(
        "co-advice-recorded",
        "consultation",
        "Advice from a consultation is written into the child's record and shared with the family.",
    ),
    # Education.
    AreaItem(
        "ed-echo",
        "education",
        "Someone in your practice has taken part in an ECHO program in the last year.",
        Suggestion(
            "Join an ECHO program on children's behavioral health.",
            "programs",
        ),
    ),
    AreaItem(
        "ed-staff-training",
        "education",
        "Your staff have had training in children's behavioral health in the last year.",
        Suggestion(
            "Plan a behavioral health training for the whole staff this year.",
            "resources",
        ),
    ),
    AreaItem(
        "ed-case-discussion",
        "education",
        "Your clinicians discuss behavioral health cases or new guidance together at"
        " least every three months.",
        Suggestion(
            "Present a case at an ECHO session and share what you learn with your team.",
            "programs",
        ),
    ),
    AreaItem(
        "ed-family-materials",
        "education",
        "You give families written or online information about their child's"
        " behavioral health and where to get help.",
        Suggestion(
            "Gather a few trusted handouts and websites for families.",
            "resources",
        ),
    ),
)

#: Each area's items in form order, by area key.
AREA_ITEMS: Final[Mapping[str, tuple[AreaItem, ...]]] = MappingProxyType(
    {area.key: tuple(item for item in _ITEMS if item.area == area.key) for area in AREAS}
)

#: Every question and item key, in form order: level questions first, then the items of
#: each area.
ALL_KEYS: Final[tuple[str, ...]] = tuple(q.key for q in LEVEL_QUESTIONS) + tuple(
    item.key for area in AREAS for item in AREA_ITEMS[area.key]
)


def _check_tables() -> None:
    """Fail at import when the tables above break their own rules."""
    if len(set(ALL_KEYS)) != len(ALL_KEYS):
        raise ValueError("integration question and item keys must be unique")
    for number in range(2, len(LEVELS) + 1):
        if not 2 <= len(questions_for(number)) <= 3:
            raise ValueError(f"level {number} needs 2 or 3 questions")
    for area in AREAS:
        if not 4 <= len(AREA_ITEMS[area.key]) <= 6:
            raise ValueError(f"area {area.key} needs 4 to 6 items")
    if len(_ITEMS) != sum(len(items) for items in AREA_ITEMS.values()):
        raise ValueError("every item must belong to a known area")


_check_tables()


# --- Placement and ratings ---------------------------------------------------------------


def _enough(answers: Mapping[str, bool], keys: tuple[str, ...]) -> bool:
    """At least half of ``keys`` answered yes; a tie counts (1 of 2, 2 of 3)."""
    yes = sum(1 for key in keys if answers.get(key, False))
    return 2 * yes >= len(keys)


def place(answers: Mapping[str, bool]) -> Level:
    """The highest level L with at least half of each level 2..L's questions yes.

    A missing answer counts as no. The first level that falls short stops the climb.
    """
    reached = LEVELS[0]
    for level in LEVELS[1:]:
        if not _enough(answers, tuple(q.key for q in questions_for(level.number))):
            break
        reached = level
    return reached


Rating = Literal["not started", "emerging", "established", "comprehensive"]

#: Area ratings, lowest first.
RATINGS: Final = ("not started", "emerging", "established", "comprehensive")


@dataclass(frozen=True, slots=True)
class AreaRating:
    """How many of an area's items are in place, and the rating that follows."""

    area_key: str
    label: str
    in_place: int
    total: int
    rating: Rating


def _area(key: str) -> Area:
    for area in AREAS:
        if area.key == key:
            return area
    raise ValueError(f"unknown area {key!r}; areas are {', '.join(a.key for a in AREAS)}")


def rate_area(answers: Mapping[str, bool], area: str) -> AreaRating:
    """Rate the area keyed ``area``: none in place is "not started", under half
    "emerging", half or more "established", all "comprehensive". Missing answers count
    as no; an unknown area key is a ValueError."""
    found = _area(area)
    items = AREA_ITEMS[found.key]
    in_place = sum(1 for item in items if answers.get(item.key, False))
    total = len(items)
    rating: Rating
    if in_place == 0:
        rating = "not started"
    elif 2 * in_place < total:
        rating = "emerging"
    elif in_place < total:
        rating = "established"
    else:
        rating = "comprehensive"
    return AreaRating(found.key, found.label, in_place, total, rating)


# --- Profiles ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextStep:
    """One thing to try next: the question or item it answers, a sentence, a link key."""

    key: str
    text: str
    link: LinkKey


@dataclass(frozen=True, slots=True)
class Profile:
    """Where a practice stands: its level, its four area ratings and what to try next."""

    level: Level
    areas: tuple[AreaRating, ...]
    next_steps: tuple[NextStep, ...]

    def area(self, key: str) -> AreaRating:
        """The rating of the area keyed ``key``; KeyError when there is none."""
        for rating in self.areas:
            if rating.area_key == key:
                return rating
        raise KeyError(key)


def _next_steps(answers: Mapping[str, bool], level: Level) -> tuple[NextStep, ...]:
    steps = [
        NextStep(q.key, q.next_step.text, q.next_step.link)
        for q in questions_for(level.number + 1)
        if not answers.get(q.key, False)
    ]
    steps += [
        NextStep(item.key, item.next_step.text, item.next_step.link)
        for area in AREAS
        for item in AREA_ITEMS[area.key]
        if item.next_step is not None and not answers.get(item.key, False)
    ]
    return tuple(steps[:MAX_NEXT_STEPS])


def assess(answers: Mapping[str, bool]) -> Profile:
    """The practice's profile from its answers (missing answers count as no).

    Next steps: the next level's questions answered no, then area items answered no
    that carry a next step, in form order, at most :data:`MAX_NEXT_STEPS`.
    """
    level = place(answers)
    areas = tuple(rate_area(answers, area.key) for area in AREAS)
    return Profile(level, areas, _next_steps(answers, level))


@dataclass(frozen=True, slots=True)
class Assessment:
    """One completed self-assessment: an answer for each key of :data:`ALL_KEYS`."""

    answers: Mapping[str, bool] = field(default_factory=dict)

    def profile(self) -> Profile:
        """This assessment's profile (see :func:`assess`)."""
        return assess(self.answers)


# --- The form ----------------------------------------------------------------------------

#: The error shown beside a question or item left unanswered or answered otherwise.
ANSWER_ERROR: Final = "Answer yes or no."

_CHOICES: Final = MappingProxyType({"yes": True, "no": False})


def _first(value: object) -> object:
    """A list or tuple value (a repeated form field) stands for its first item."""
    if isinstance(value, list | tuple):
        return value[0] if value else None
    return value


def parse_answers(form: Mapping[str, object]) -> tuple[dict[str, bool], dict[str, str]]:
    """Read the submitted form: every key of :data:`ALL_KEYS` must be "yes" or "no".

    Values are strings (case and surrounding spaces do not matter); a list value stands
    for its first item. Returns the answers that were valid and an error for each key
    that was missing or answered otherwise; keys the form does not ask are ignored.
    """
    answers: dict[str, bool] = {}
    errors: dict[str, str] = {}
    for key in ALL_KEYS:
        value = _first(form.get(key))
        choice = _CHOICES.get(value.strip().lower()) if isinstance(value, str) else None
        if choice is None:
            errors[key] = ANSWER_ERROR
        else:
            answers[key] = choice
    return answers, errors


# --- Change over time --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AreaChange:
    """How one area moved between two assessments."""

    area_key: str
    label: str
    earlier_in_place: int
    later_in_place: int
    delta: int
    earlier_rating: Rating
    later_rating: Rating


@dataclass(frozen=True, slots=True)
class Change:
    """How a practice moved between two assessments, such as a year apart."""

    earlier_level: Level
    later_level: Level
    level_delta: int
    areas: tuple[AreaChange, ...]


def change(earlier: Profile, later: Profile) -> Change:
    """The level delta and each area's in-place delta from ``earlier`` to ``later``.

    Areas are listed in :data:`AREAS` order; an area missing from either profile is
    left out.
    """
    before = {rating.area_key: rating for rating in earlier.areas}
    after = {rating.area_key: rating for rating in later.areas}
    areas = tuple(
        AreaChange(
            area.key,
            area.label,
            before[area.key].in_place,
            after[area.key].in_place,
            after[area.key].in_place - before[area.key].in_place,
            before[area.key].rating,
            after[area.key].rating,
        )
        for area in AREAS
        if area.key in before and area.key in after
    )
    return Change(
        earlier.level,
        later.level,
        later.level.number - earlier.level.number,
        areas,
    )
