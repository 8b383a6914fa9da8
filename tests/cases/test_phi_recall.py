"""PHI guard: rules added for recall on unseen text (dates a text gives in one style, initials
set off in brackets, teams by mascot in any case, numbers said after their label), the
learned classifier's candidates and thresholds on nursing notes, and the quick hints' search
against the plain one. Each rule has a positive and a near miss that must pass."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from echo.phi import learned, scan
from echo.phi.institutions import _SCHOOL_NUMBERED_HINT, _school_numbered_windows
from echo.phi.people import _SUBJECT_HINT, _subject_windows
from echo.phi.text import places_of_any_case, read, starts_among, windows


def blocked(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.kind) for f in scan(text) if f.severity == "block"]


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        # a text that dates one month/day plainly dates the others it gives plainly
        (
            "seen 9/19. guanfacine to 2 mg 9/26, added melatonin 10/10, better",
            ["9/19", "9/26", "10/10"],
        ),
        ("both missed their first appts 3/3 and 3/10. who do we call?", ["3/3", "3/10"]),
        # the score given, then the day it was taken
        ("PHQ-A 22 on 3/9, item 9 positive.", ["3/9"]),
        # a question asked after a date is no count of questions
        ("guanfacine ER 1mg qhs started 3/14 question: stim next?", ["3/14"]),
    ],
)
def test_month_days_a_text_gives_plainly_are_dates(text: str, dates: list[str]) -> None:
    assert [t for t, kind in blocked(text) if kind == "date"] == dates


@pytest.mark.parametrize(
    "text",
    [
        "seen 9/19. gave 1/2 tab, scored 3/10 on the quiz, went 2/5 days, Vanderbilt 4/9",
        "rose from 3/5 to 4/5 on the rating",
        "answered 3/14 questions correctly",
        "PHQ-A 22, GAD-7 9/21",
    ],
)
def test_fractions_scores_and_doses_beside_a_date_stay_undated(text: str) -> None:
    assert [t for t, kind in blocked(text) if kind == "date"] in ([], ["9/19"])


# --- initials -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("girl I saw in Oct (AK, 14) now wants to live w/ her aunt", ["AK"]),
        ("the student from our consult (JT, selective mutism) was accepted", ["JT"]),
        ("pt RJ 15m from the county, adopted out of foster care at 4", ["RJ"]),
        ("NK and LK (the cousins) both got suspended", ["NK", "LK"]),
    ],
)
def test_initials_set_off_like_a_name_block(text: str, initials: list[str]) -> None:
    assert [t for t, kind in blocked(text) if kind == "initials"] == initials


@pytest.mark.parametrize(
    "text",
    [
        "labs (CBC, 2 weeks ago) fine; imaging (CT, head normal); (OT, twice weekly)",
        "moved here (MN, age unknown) last year from (TX, 2019)",
        "pt ED 15m wait",
    ],
)
def test_abbreviations_and_states_in_brackets_are_no_initials(text: str) -> None:
    assert [t for t, kind in blocked(text) if kind == "initials"] == []


# --- teams by mascot ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("now panic attacks, wants to quit the hornets. he's 15.", "hornets"),
        ("got cut from the bulldogs and has been in his room since", "bulldogs"),
        ("The Wildcats coach texted mom that he quit practice", "Wildcats"),
        ("had a panic attack at the sharks swim meet saturday", "sharks"),
        ("SHE TOLD COACH RAMIREZ FROM THE LADY TIGERS ABOUT THE CUTTING.", "LADY TIGERS"),
    ],
)
def test_a_team_by_its_mascot_in_any_case_blocks(text: str, team: str) -> None:
    assert (team, "school") in blocked(text)


@pytest.mark.parametrize(
    "text",
    [
        "we read a book about sharks and bears at bedtime",
        "afraid of the bears on the camping trip",
        "watched the Eagles game with dad on Sunday",
    ],
)
def test_animals_and_professional_games_are_no_team(text: str) -> None:
    assert [t for t, kind in blocked(text) if kind == "school"] == []


# --- numbers said aloud, plans by name ------------------------------------------------------


def test_a_record_number_said_aloud_after_its_label_blocks() -> None:
    text = "Destiny comma medical record number two two eight four one nine period."
    assert ("two two eight four one nine", "mrn") in blocked(text)
    text = "His grandmother can be reached at five five five two one nine eight eight zero three."
    assert ("five five five two one nine eight eight zero three", "phone") in blocked(text)


def test_numbers_said_aloud_without_a_label_stay() -> None:
    assert blocked("medical record reviewed; she slept five or six hours, one or two naps") == []


def test_a_state_plan_number_after_its_name_blocks() -> None:
    assert ("MEM 1142 7781", "health_plan") in blocked(
        "they asked for his MaineCare # its MEM 1142 7781. call me back"
    )
    assert blocked("MaineCare covers it; Apple Health too.") == []


# --- the learned classifier on nursing notes ------------------------------------------------


@pytest.mark.parametrize(
    "word", ["Tmax", "Rhonchi", "Illinois", "HCT's", "IABPs", "Heparin", "Bipap", "nares"]
)
def test_ward_words_states_and_acronyms_are_never_scored(word: str) -> None:
    ws = learned.words(f"pt on {word} today")
    assert not any(w.candidate for w in ws if w.text == word)


@pytest.mark.parametrize("word", ["Georgia", "Dakota", "Maya", "Jordan's", "DeShawn", "EH's"])
def test_given_names_stay_candidates(word: str) -> None:
    ws = learned.words(f"saw {word} today")
    assert any(w.candidate for w in ws if w.text == word)


def test_lab_codes_and_two_word_eponyms_are_not_scored() -> None:
    for text, word in (
        ("Repeated Abg: Pa02 68, PaCo2 48", "PaCo"),
        ("showed mallory weiss tear", "mallory"),
    ):
        ws = learned.words(text)
        i = next(k for k, w in enumerate(ws) if w.text == word)
        assert not learned.scored(ws, i, learned.style(ws))


def test_nursing_notes_in_mixed_case_stay_clean() -> None:
    for text in (
        "Neuro: slightly confused. Tmax 98.5 po. Ectopy has decreased. Scattered Rhonchi.",
        "Goal is 500cc neg. Amiodarone started po. Hemodynamically pt is hypertensive.",
        "neuro: unresponsive, lue, lle perl, nares traumatized. HCT's stable, PaCo2 48.",
        "Pt on Dopa, initially on 8mcg. When off Bipap, pt making sounds. Heparin at 900u/hr.",
    ):
        assert blocked(text) == [], text


def test_stricter_thresholds_where_shape_says_little() -> None:
    sure, unknown = learned.THRESHOLD, learned.UNKNOWN_THRESHOLD
    assert learned.threshold_for("T", "1000", sure, unknown, "NAME") == sure
    assert learned.threshold_for("T", "0000", sure, unknown, "NAME") == sure
    assert learned.threshold_for("T", "0010", sure, unknown, "NAME") > sure
    assert learned.threshold_for("l", "1110", sure, unknown, "NAME", "lo") > sure
    assert learned.threshold_for("l", "1110", sure, unknown, "NAME", "mx") == sure
    assert learned.threshold_for("l", "0000", sure, unknown, "NAME") == unknown
    assert learned.threshold_for("T", "1000", sure, unknown, "SCHOOL") > sure


def test_a_school_word_is_reported_only_alone() -> None:
    assert learned._alone("l", "p") and learned._alone("", "")
    assert not learned._alone("T", "l") and not learned._alone("l", "T")
    text = "the Upper Middle team; visits at the DHHS office; at Grand Central today"
    assert [label for _, _, label in learned.labelled(text)] == []


# --- the quick hints find what the plain search finds ---------------------------------------

_PIECES = st.sampled_from(
    [
        " ", "\n", ". ", "? ", "quick q", "Quick question", "f/u", "FOLLOW", "calling",
        "Update", "this is", "Re: ", "re ", "Tom", "Ann's ", " - ", "PS 12", "P.S.", "MS",
        "IS 3", "Lincoln K-8", "x  K-5", "K-", "> ", "*", "kid", "\u212a", "1", "a",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_quick_hints_give_the_plain_windows(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc = read(text)
    assert _subject_windows(doc) == doc.around(_SUBJECT_HINT, 0, 60)
    assert _school_numbered_windows(doc) == doc.around(_SCHOOL_NUMBERED_HINT, 12, 30)


def test_starts_among_and_any_case_places() -> None:
    rx = re.compile(r"(?i)ab|b")
    text = "xABab b"
    plain = [m.start() for m in rx.finditer(text)]
    assert starts_among(rx, text, range(len(text))) == plain == [1, 3, 6]
    assert places_of_any_case(text, ("ab",)) == [1, 3]
    assert places_of_any_case("\u212a", ("k",)) is None
    assert windows([1, 3], 10, 1, 2) == [(0, 5)]
