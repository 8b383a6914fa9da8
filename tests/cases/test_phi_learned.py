"""The PHI guard's learned word classifier (echo.phi.learned): the shipped weights, the fast
path against the plain one, what it may score, and what it adds to the rules."""

from __future__ import annotations

import math

import pytest

from bench import phi_model
from bench.phi_corpora import HELD_OUT
from echo.phi import initials_learned, learned, scan
from echo.phi.scanner import RULES

TEXTS = [
    "quick q - kaden 13yo, mom says he barely sleeps; jaxon (brother) is fine",
    "Pt is a 10 y/o referred by Dr. Okafor after a fight at recess. Lives w/ grandma Deb.",
    "Re: Anyelis, 8, from Hollister. Mom worried re tics since spring.",
    "PHQ-A 16, GAD-7 12. Started sertraline 25 mg. Vanderbilt positive for inattention.",
    "",
    "12/4 f/u",
]


def test_the_shipped_weights_load_and_know_every_class_they_report() -> None:
    model = learned.model()
    assert model.classes[0] == "O" or "O" in model.classes
    assert set(learned.CLASSES) <= set(model.classes)
    assert len(model.bias) == len(model.classes)
    assert all(len(weights) == len(model.classes) for weights in model.weights.values())
    assert len(model.weights) > 10_000  # a trained model, not a placeholder


@pytest.mark.parametrize("text", TEXTS)
def test_the_cached_scores_equal_the_features_summed_plainly(text: str) -> None:
    model = learned.model()
    ws = learned.words(text)
    case_style = learned.style(ws)
    for i in range(len(ws)):
        fast = learned.scores(text, ws, i, case_style)
        plain = [
            b + s
            for b, s in zip(
                model.bias,
                learned.summed(model, learned.features(text, ws, i, case_style)),
                strict=True,
            )
        ]
        assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(fast, plain, strict=True))
    assert list(learned.labelled(text)) == list(learned.labelled(text, trial=model))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("follow up on destiny and her sister harmony, both in foster care now", "destiny"),
        ("we'll recheck the PHQ-A at Jordan's next visit", "Jordan"),
    ],
)
def test_a_name_the_rules_let_through_is_found(text: str, name: str) -> None:
    rules = [f.text for f in scan(text, RULES) if f.severity == "block"]
    assert name not in rules  # the rules alone let it through
    assert (name, "name", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_clean_clinical_text_stays_clean() -> None:
    for text in (
        "PHQ-A 16, GAD-7 12. Started sertraline 25 mg. Vanderbilt positive for inattention.",
        "Conners and SCARED done. Tanner 3. Asperger's was the old label; now ASD level 1.",
        "Foley catheter out, MAE, PERRL. Will f/u in 2 weeks re: guanfacine ER 1 mg qhs.",
        "the Upper Middle team; visits at the DHHS office; at Grand Central today",
    ):
        assert [f for f in scan(text) if f.severity == "block"] == [], text


@pytest.mark.parametrize(
    "word", ["Health", "Elementary", "Street", "Behavioral", "Thursday", "RR", "PS", "Kiowa"]
)
def test_common_words_of_places_calendars_and_acronyms_are_never_scored(word: str) -> None:
    ws = learned.words(f"seen at {word} today")
    assert not any(w.candidate for w in ws if w.text == word)


def test_shouted_text_is_left_to_the_rules() -> None:
    text = "PT RESTING. FOLEY DRAINING CLEAR YELLOW URINE. MAE. JAXON AT BEDSIDE."
    assert list(learned.labelled(text)) == []


def test_training_never_reads_a_frozen_half() -> None:
    names = [path.name for path in phi_model.development_files()]
    assert names and not [name for name in names if "frozen" in name]
    assert "blind5-dev.jsonl" in names and "pediatric.jsonl" in names
    assert set(phi_model.VALIDATION) <= set(names)


def test_each_classifier_trains_on_development_sets_only() -> None:
    for files in (
        phi_model.word_training_files(),
        phi_model.school_training_files(),
        phi_model.initials_training_files(),
    ):
        names = [path.name for path in files]
        assert names and not [name for name in names if "frozen" in name]
    schools = [path.name for path in phi_model.school_training_files()]
    assert not set(phi_model.SCHOOLS_NOT_TRAINED_ON) & set(schools)
    words = [path.name for path in phi_model.word_training_files()]
    assert not set(phi_model.WORDS_NOT_TRAINED_ON) & set(words)
    capitals = [path.name for path in phi_model.initials_training_files()]
    assert not set(phi_model.INITIALS_NOT_TRAINED_ON) & set(capitals)
    # the sets read in aggregate only, to measure the guard on unseen text, train none
    for later in sorted(
        HELD_OUT | {"blind-dev99.jsonl", "blind-dev101.jsonl", "blind-dev102.jsonl"}
    ):
        assert later not in words + schools + capitals


@pytest.mark.parametrize(
    "text",
    [
        "Teacher Ms. Patterson at Rosewood says he's night and day.\nMom: José O'Neil-Reyes",
        "he stopped going to hockey at jeffers after a concussion",
        "PT RESTING. JAXON AT BEDSIDE.",
        "",
    ],
)
def test_words_made_on_demand_are_the_words_of_the_text(text: str) -> None:
    lazy = learned.WordsOf(text)
    assert lazy[:] == learned.words(text)
    assert [lazy[k] for k in range(len(lazy))] == learned.words(text)
    assert lazy.read.case_style == learned.style(learned.words(text))


def test_the_initials_weights_are_trained_and_know_their_class() -> None:
    model = initials_learned.model()
    assert set(model.classes) == {"INITIALS", "OTHER", "O"}
    assert all(len(weights) == len(model.classes) for weights in model.weights.values())
    assert len(model.weights) > 2_000  # a trained model, not a placeholder


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Started guanfacine ER 1 mg on KT; now HR 58, BP 88/52, dizzy on standing.", "KT"),
        ("Moving RB from olanzapine to aripiprazole after the labs.", "RB"),
        ("Kids are retaliating against DJ. He's sleeping with a knife under his pillow.", "DJ"),
    ],
)
def test_the_learned_reading_finds_initials_no_rule_reads(text: str, expected: str) -> None:
    assert (expected, "initials") not in [
        (f.text, f.kind) for f in scan(text, learned_initials=False)
    ]
    assert (expected, "initials", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_ward_capitals_and_abbreviations_are_never_read_as_initials() -> None:
    text = (
        "C.O. 6.1/2.8, SVR 538. G.U. sluggish. pt UO is adequate. NPN addendum. JJ diversion "
        "program referral. VM from mom. Pt has CRF. RI AMI, to cath lab. PT WAS ON ASA. "
        "FOLLOW UP IS ON FRIDAY. Got the IEP and the FBA; OT and SLP twice a week."
    )
    assert list(initials_learned.initials(text)) == []
    assert [f for f in scan(text) if f.kind == "initials"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (the rules read "on E. Clearfield St" with its side of town since 2026-12-07)
        ("Brother was shot on Vesey St Oct 19th. Since then 31 absences.", "Vesey"),
        # (the rules read a hall with its room since 2026-12-07: "Hawthorne Hall, Room 214")
        ("Dorm is Sioux Hall near the gym.", "Sioux"),
    ],
)
def test_a_street_the_rules_let_through_is_found(text: str, expected: str) -> None:
    assert (expected, "address") not in [(f.text, f.kind) for f in scan(text, RULES)]
    assert (expected, "address", "block") in [(f.text, f.kind, f.severity) for f in scan(text)]


def test_drugs_plans_and_sides_after_on_are_no_street() -> None:
    text = (
        "Sats better with chest tube on Rt. side. On Azithromycin. went on Zoloft, then on "
        "Abilify. She is on Medicaid and on Concerta."
    )
    assert [f for f in scan(text) if f.kind == "address"] == []
