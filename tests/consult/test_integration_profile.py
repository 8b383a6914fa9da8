"""The integration self-assessment: placement on the SAMHSA-HRSA levels, area ratings,
next steps, form parsing and change over time."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from echo.consult.integration import (
    ALL_KEYS,
    ANSWER_ERROR,
    AREA_ITEMS,
    AREAS,
    LEVEL_QUESTIONS,
    LEVELS,
    LINK_KEYS,
    MAX_NEXT_STEPS,
    Assessment,
    assess,
    change,
    level_by_number,
    parse_answers,
    place,
    questions_for,
    rate_area,
)


def _answers(yes: Iterable[str] = ()) -> dict[str, bool]:
    """A full set of answers: the given keys yes, every other key no."""
    chosen = set(yes)
    unknown = chosen - set(ALL_KEYS)
    assert not unknown, unknown
    return {key: key in chosen for key in ALL_KEYS}


def _level_keys(*levels: int) -> list[str]:
    return [q.key for level in levels for q in questions_for(level)]


def _item_keys(area: str) -> list[str]:
    return [item.key for item in AREA_ITEMS[area]]


def _form(answers: dict[str, bool]) -> dict[str, object]:
    return {key: "yes" if value else "no" for key, value in answers.items()}


# --- Placement ---------------------------------------------------------------------------


def test_assess_all_no_is_level_one_not_started() -> None:
    profile = assess(_answers())

    assert profile.level.number == 1
    assert profile.level.name == "Minimal collaboration"
    assert [a.rating for a in profile.areas] == ["not started"] * len(AREAS)
    assert all(a.in_place == 0 for a in profile.areas)


def test_assess_all_yes_is_level_six_comprehensive() -> None:
    profile = assess(_answers(ALL_KEYS))

    assert profile.level.number == 6
    assert profile.level.category == "Integrated"
    assert [a.rating for a in profile.areas] == ["comprehensive"] * len(AREAS)
    assert all(a.in_place == a.total for a in profile.areas)
    assert profile.next_steps == ()


def test_place_empty_answers_is_level_one() -> None:
    assert place({}).number == 1


def test_place_gap_stops_climb() -> None:
    answers = _answers(_level_keys(2, 3, 5, 6))

    assert place(answers).number == 3


def test_place_level_two_gap_stops_everything_above() -> None:
    answers = _answers(_level_keys(3, 4, 5, 6))

    assert place(answers).number == 1


def test_place_tie_at_half_counts() -> None:
    # Level 2 and level 4 have two questions each: one yes is exactly half.
    assert len(questions_for(2)) == 2
    assert len(questions_for(4)) == 2
    one_of_two = [questions_for(2)[0].key]
    two_of_three = [q.key for q in questions_for(3)[:2]]
    one_of_two_at_4 = [questions_for(4)[1].key]

    assert place(_answers(one_of_two)).number == 2
    assert place(_answers(one_of_two + two_of_three)).number == 3
    assert place(_answers(one_of_two + two_of_three + one_of_two_at_4)).number == 4


def test_place_one_of_three_is_not_enough() -> None:
    assert len(questions_for(3)) == 3
    answers = _answers([*_level_keys(2), questions_for(3)[0].key])

    assert place(answers).number == 2


def test_place_each_level_reached_with_all_questions_up_to_it() -> None:
    for level in LEVELS:
        answers = _answers(_level_keys(*range(2, level.number + 1)))
        assert place(answers) == level


# --- Levels and questions ----------------------------------------------------------------


def test_levels_numbered_one_to_six() -> None:
    assert [level.number for level in LEVELS] == [1, 2, 3, 4, 5, 6]
    assert all(level.summary.endswith(".") for level in LEVELS)


def test_levels_category_by_number() -> None:
    assert [level.category for level in LEVELS] == [
        "Coordinated",
        "Coordinated",
        "Co-located",
        "Co-located",
        "Integrated",
        "Integrated",
    ]


def test_level_by_number_unknown_raises() -> None:
    assert level_by_number(4).name == "Close collaboration onsite with some system integration"
    with pytest.raises(ValueError, match="no integration level 7"):
        level_by_number(7)


def test_level_questions_two_or_three_per_level_above_one() -> None:
    assert questions_for(1) == ()
    for number in range(2, 7):
        assert 2 <= len(questions_for(number)) <= 3
    assert {q.level for q in LEVEL_QUESTIONS} == {2, 3, 4, 5, 6}


def test_level_questions_are_questions() -> None:
    assert all(q.text.endswith("?") for q in LEVEL_QUESTIONS)
    assert all(q.key.startswith(f"l{q.level}-") for q in LEVEL_QUESTIONS)


def test_all_keys_unique() -> None:
    assert len(ALL_KEYS) == len(set(ALL_KEYS))


def test_all_keys_questions_first_then_items_by_area() -> None:
    items = [item.key for area in AREAS for item in AREA_ITEMS[area.key]]

    assert list(ALL_KEYS) == [q.key for q in LEVEL_QUESTIONS] + items


def test_area_items_four_to_six_per_area() -> None:
    assert [area.key for area in AREAS] == [
        "direct-service",
        "care-coordination",
        "consultation",
        "education",
    ]
    for area in AREAS:
        assert 4 <= len(AREA_ITEMS[area.key]) <= 6
        assert all(item.area == area.key for item in AREA_ITEMS[area.key])


def test_link_keys_in_allowed_set() -> None:
    assert {"consult-line", "programs", "toolkits", "resources"} == LINK_KEYS
    for area in AREAS:
        for item in AREA_ITEMS[area.key]:
            if item.next_step is not None:
                assert item.next_step.link in LINK_KEYS, item.key
    for question in LEVEL_QUESTIONS:
        assert question.next_step.link in LINK_KEYS, question.key


# --- Area ratings ------------------------------------------------------------------------


def test_rate_area_below_half_is_emerging() -> None:
    keys = _item_keys("direct-service")  # five items: two is under half
    rating = rate_area(_answers(keys[:2]), "direct-service")

    assert (rating.in_place, rating.total, rating.rating) == (2, 5, "emerging")
    assert rating.label == "Direct service"


def test_rate_area_tie_at_half_is_established() -> None:
    keys = _item_keys("consultation")  # four items: two is exactly half
    rating = rate_area(_answers(keys[:2]), "consultation")

    assert (rating.in_place, rating.total, rating.rating) == (2, 4, "established")


def test_rate_area_all_but_one_is_established() -> None:
    keys = _item_keys("education")
    rating = rate_area(_answers(keys[1:]), "education")

    assert rating.rating == "established"


def test_rate_area_missing_answers_count_as_no() -> None:
    rating = rate_area({}, "care-coordination")

    assert (rating.in_place, rating.rating) == (0, "not started")


def test_rate_area_unknown_area_raises() -> None:
    with pytest.raises(ValueError, match="unknown area"):
        rate_area(_answers(), "billing")


# --- Next steps --------------------------------------------------------------------------


def test_next_steps_at_most_six_and_start_with_next_level() -> None:
    profile = assess(_answers())

    assert len(profile.next_steps) == MAX_NEXT_STEPS
    assert [s.key for s in profile.next_steps[:2]] == _level_keys(2)
    assert all(s.link in LINK_KEYS and s.text for s in profile.next_steps)


def test_next_steps_list_only_next_level_questions_answered_no() -> None:
    yes = [*_level_keys(2), *(q.key for q in questions_for(3)[:2])]
    profile = assess(_answers(yes))

    assert profile.level.number == 3
    assert [s.key for s in profile.next_steps[:2]] == _level_keys(4)
    # After the level's questions come the area items answered no, in form order.
    assert profile.next_steps[2].key == _item_keys("direct-service")[0]


def test_next_steps_skip_items_without_next_step() -> None:
    no_step = [item.key for item in AREA_ITEMS["consultation"] if item.next_step is None]
    assert no_step
    profile = assess(_answers(_level_keys(2, 3, 4, 5, 6)))

    assert profile.level.number == 6
    assert not set(no_step) & {s.key for s in profile.next_steps}


def test_next_steps_at_level_six_are_area_items_only() -> None:
    yes = [k for k in ALL_KEYS if k != "ed-echo"]
    profile = assess(_answers(yes))

    assert profile.level.number == 6
    assert [s.key for s in profile.next_steps] == ["ed-echo"]
    assert profile.next_steps[0].link == "programs"


def test_assessment_profile_matches_assess() -> None:
    answers = _answers(_level_keys(2, 3) + _item_keys("education"))

    assert Assessment(answers).profile() == assess(answers)
    assert Assessment(answers).profile().area("education").rating == "comprehensive"


# --- The form ----------------------------------------------------------------------------


def test_parse_answers_all_answered_has_no_errors() -> None:
    expected = _answers(_level_keys(2, 3) + _item_keys("consultation"))

    answers, errors = parse_answers(_form(expected))

    assert errors == {}
    assert answers == expected


def test_parse_answers_missing_key_is_error() -> None:
    form = _form(_answers())
    del form["l3-onsite-bh"]

    answers, errors = parse_answers(form)

    assert errors == {"l3-onsite-bh": ANSWER_ERROR}
    assert "l3-onsite-bh" not in answers
    assert len(answers) == len(ALL_KEYS) - 1


def test_parse_answers_maybe_is_error() -> None:
    form = _form(_answers())
    form["cc-registry"] = "maybe"
    form["ed-echo"] = ""

    _, errors = parse_answers(form)

    assert errors == {"cc-registry": "Answer yes or no.", "ed-echo": "Answer yes or no."}


def test_parse_answers_empty_form_errors_on_every_key() -> None:
    answers, errors = parse_answers({})

    assert answers == {}
    assert list(errors) == list(ALL_KEYS)


def test_parse_answers_ignores_unknown_keys() -> None:
    form = _form(_answers())
    form["csrf_token"] = "abc"
    form["l9-made-up"] = "yes"

    answers, errors = parse_answers(form)

    assert errors == {}
    assert set(answers) == set(ALL_KEYS)


def test_parse_answers_list_value_takes_first_item() -> None:
    form = _form(_answers())
    form["ds-screening"] = ["yes", "no"]
    form["ed-echo"] = []

    answers, errors = parse_answers(form)

    assert answers["ds-screening"] is True
    assert errors == {"ed-echo": ANSWER_ERROR}


def test_parse_answers_case_and_spaces_do_not_matter() -> None:
    form = _form(_answers())
    form["l2-exchange-info"] = " Yes "
    form["l2-known-referral"] = "NO"

    answers, errors = parse_answers(form)

    assert errors == {}
    assert answers["l2-exchange-info"] is True
    assert answers["l2-known-referral"] is False


def test_parse_answers_non_string_is_error() -> None:
    form = _form(_answers())
    form["l4-shared-record"] = True

    _, errors = parse_answers(form)

    assert errors == {"l4-shared-record": ANSWER_ERROR}


# --- Change over time --------------------------------------------------------------------


def test_change_level_and_area_deltas() -> None:
    earlier = assess(_answers(_level_keys(2) + _item_keys("education")[:1]))
    later = assess(
        _answers(
            _level_keys(2, 3, 4)
            + _item_keys("education")
            + _item_keys("direct-service")[:2]
            + _item_keys("consultation")[:1]
        )
    )

    moved = change(earlier, later)

    assert (moved.earlier_level.number, moved.later_level.number) == (2, 4)
    assert moved.level_delta == 2
    deltas = {a.area_key: a.delta for a in moved.areas}
    assert deltas == {
        "direct-service": 2,
        "care-coordination": 0,
        "consultation": 1,
        "education": len(_item_keys("education")) - 1,
    }
    education = next(a for a in moved.areas if a.area_key == "education")
    assert (education.earlier_rating, education.later_rating) == ("emerging", "comprehensive")


def test_change_backwards_is_negative() -> None:
    earlier = assess(_answers(ALL_KEYS))
    later = assess(_answers())

    moved = change(earlier, later)

    assert moved.level_delta == -5
    assert all(a.delta == -a.earlier_in_place for a in moved.areas)
    assert [a.area_key for a in moved.areas] == [area.key for area in AREAS]


def test_change_same_profile_is_zero() -> None:
    profile = assess(_answers(_level_keys(2, 3)))

    moved = change(profile, profile)

    assert moved.level_delta == 0
    assert all(a.delta == 0 for a in moved.areas)
