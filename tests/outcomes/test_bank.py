"""Survey item banks: the shipped bank is valid, and every problem is reported with its
file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from echo.outcomes.bank import (
    ITEM_TYPES,
    MOORE_LEVELS,
    SURVEY_KINDS,
    BankItem,
    ItemBank,
    Problem,
    Scale,
    load_bank,
)
from echo.programs.curricula import load as load_curriculum

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"
STARTER_BANK = CURRICULA / "surveys" / "peds-mh-outcomes.toml"

# Line numbers in the tests below count from the first line of this text.
BANK = """\
[bank]
id = "test-bank"
title = "Test bank"
version = 1

[[scale]]
id = "self-efficacy-depression"
label = "Self-efficacy: depression"
topic = "depression"

[[item]]
id = "se-screen"
text = "I can screen an adolescent for depression."
type = "likert"
points = 5
anchors = ["None", "Little", "Some", "Much", "Complete"]
moore = "4"
scale = "self-efficacy-depression"
surveys = ["pre", "post"]
retrospective = true

[[item]]
id = "kn-crafft"
text = "Which CRAFFT score marks high risk?"
type = "single"
choices = ["1 or more", "2 or more", "4 or more"]
correct = ["2 or more"]
moore = "3a"
topic = "substance-use-sbirt"
surveys = ["pre", "post", "session"]

[[item]]
id = "patients-seen"
text = "About how many children did you see last month?"
type = "number"
minimum = 0
maximum = 500
moore = "5"
surveys = ["followup"]

[[item]]
id = "comments"
text = "Anything else?"
type = "text"
moore = "2"
surveys = ["post"]
"""


def starter_topic_ids() -> list[str]:
    curriculum, issues = load_curriculum(CURRICULA / "peds-mh-core.toml")
    assert issues == []
    assert curriculum is not None
    return [topic.id for topic in curriculum.topics]


def problems_in(tmp_path: Path, text: str, topic_ids: list[str] | None = None) -> list[str]:
    """The problems of ``text`` as printed, with the file name shortened to ``bank.toml``."""
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")
    bank, problems = load_bank(path, topic_ids)
    assert (bank is None) == bool(problems)
    assert {problem.file for problem in problems} <= {str(path)}
    return [str(problem).replace(str(path), "bank.toml", 1) for problem in problems]


def replaced(old: str, new: str, text: str = BANK) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


# --- The shipped bank ----------------------------------------------------------------------


def test_starter_bank_loads_without_problems_against_the_core_curriculum() -> None:
    bank, problems = load_bank(STARTER_BANK, starter_topic_ids())

    assert problems == []
    assert bank is not None
    assert bank.id == "peds-mh-outcomes"
    assert bank.path == str(STARTER_BANK)


def test_starter_bank_has_a_self_efficacy_scale_for_every_topic_and_items_in_each() -> None:
    bank, _ = load_bank(STARTER_BANK)
    assert bank is not None

    assert sorted(scale.topic or "" for scale in bank.scales) == sorted(starter_topic_ids())
    for scale in bank.scales:
        items = [item for item in bank.items if item.scale == scale.id]
        assert 2 <= len(items) <= 3, scale.id
        for item in items:
            assert (item.type, item.points, item.moore) == ("likert", 5, "4"), item.id
            assert item.retrospective, item.id
            assert "post" in item.surveys, item.id


def test_starter_bank_asks_a_knowledge_item_on_every_topic() -> None:
    bank, _ = load_bank(STARTER_BANK)
    assert bank is not None

    knowledge = [item for item in bank.items if item.moore in ("3a", "3b")]
    assert {item.topic for item in knowledge} == set(starter_topic_ids())
    for item in knowledge:
        assert item.type == "single", item.id
        assert len(item.correct) == 1, item.id
        assert item.surveys == ("pre", "post", "session"), item.id


def test_starter_bank_covers_each_kind_of_outcome() -> None:
    bank, _ = load_bank(STARTER_BANK)
    assert bank is not None

    def kinds(moore: str, item_type: str) -> set[tuple[str, ...]]:
        return {
            item.surveys for item in bank.items if (item.moore, item.type) == (moore, item_type)
        }

    assert ("post",) in kinds("2", "likert")  # satisfaction
    assert ("post",) in kinds("4", "likert")  # intent to change
    assert ("post", "followup") in kinds("5", "multiple")  # barriers
    assert ("followup",) in kinds("5", "likert")  # practice change
    assert ("pre", "followup") in kinds("5", "number")
    free_text = [item for item in bank.items if item.type == "text"]
    assert 1 <= len(free_text) <= 2
    assert not any(item.required for item in free_text)
    assert all(item.required for item in bank.items if item.type != "text")
    assert {item.type for item in bank.items} == set(ITEM_TYPES)
    assert all(bank.items_for(kind) for kind in SURVEY_KINDS)


# --- Loading -------------------------------------------------------------------------------


def test_load_bank_returns_scales_and_items_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(BANK, encoding="utf-8")

    bank, problems = load_bank(path, ["depression", "substance-use-sbirt"])

    assert problems == []
    likert = BankItem(
        id="se-screen",
        text="I can screen an adolescent for depression.",
        type="likert",
        moore="4",
        scale="self-efficacy-depression",
        surveys=("pre", "post"),
        points=5,
        anchors=("None", "Little", "Some", "Much", "Complete"),
        retrospective=True,
        choices=(),
        correct=(),
        minimum=None,
        maximum=None,
        required=True,
        topic=None,
        line=11,
    )
    assert bank == ItemBank(
        id="test-bank",
        title="Test bank",
        version=1,
        scales=(Scale("self-efficacy-depression", "Self-efficacy: depression", "depression"),),
        items=(
            likert,
            BankItem(
                id="kn-crafft",
                text="Which CRAFFT score marks high risk?",
                type="single",
                moore="3a",
                scale=None,
                surveys=("pre", "post", "session"),
                points=None,
                anchors=(),
                retrospective=False,
                choices=("1 or more", "2 or more", "4 or more"),
                correct=("2 or more",),
                minimum=None,
                maximum=None,
                required=True,
                topic="substance-use-sbirt",
                line=22,
            ),
            BankItem(
                id="patients-seen",
                text="About how many children did you see last month?",
                type="number",
                moore="5",
                scale=None,
                surveys=("followup",),
                points=None,
                anchors=(),
                retrospective=False,
                choices=(),
                correct=(),
                minimum=0,
                maximum=500,
                required=True,
                topic=None,
                line=32,
            ),
            BankItem(
                id="comments",
                text="Anything else?",
                type="text",
                moore="2",
                scale=None,
                surveys=("post",),
                points=None,
                anchors=(),
                retrospective=False,
                choices=(),
                correct=(),
                minimum=None,
                maximum=None,
                required=False,
                topic=None,
                line=41,
            ),
        ),
        path=str(path),
    )


def test_items_for_picks_a_survey_kind_in_file_order(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_text(BANK, encoding="utf-8")
    bank, _ = load_bank(path)
    assert bank is not None

    assert [item.id for item in bank.items_for("pre")] == ["se-screen", "kn-crafft"]
    assert [item.id for item in bank.items_for("post")] == ["se-screen", "kn-crafft", "comments"]
    assert [item.id for item in bank.items_for("session")] == ["kn-crafft"]
    assert [item.id for item in bank.items_for("followup")] == ["patients-seen"]
    with pytest.raises(ValueError, match="unknown survey kind 'follow-up'"):
        bank.items_for("follow-up")


def test_required_can_be_set_either_way(tmp_path: Path) -> None:
    text = replaced('type = "text"\n', 'type = "text"\nrequired = true\n')
    text = replaced('type = "number"\n', 'type = "number"\nrequired = false\n', text)
    path = tmp_path / "bank.toml"
    path.write_text(text, encoding="utf-8")

    bank, _ = load_bank(path)

    assert bank is not None
    assert {item.id: item.required for item in bank.items} == {
        "se-screen": True,
        "kn-crafft": True,
        "patients-seen": False,
        "comments": True,
    }


def test_scales_and_minimum_maximum_are_optional(tmp_path: Path) -> None:
    text = BANK.replace(
        '[[scale]]\nid = "self-efficacy-depression"\nlabel = "Self-efficacy: depression"\n'
        'topic = "depression"\n\n',
        "",
    )
    text = replaced('scale = "self-efficacy-depression"\n', "", text)
    text = replaced("minimum = 0\nmaximum = 500\n", "", text)

    assert problems_in(tmp_path, text) == []


def test_problem_prints_as_file_line_where_message() -> None:
    problem = Problem("bank.toml", 12, "item 'x' field 'points'", "must be 5 or 7")

    assert str(problem) == "bank.toml:12: item 'x' field 'points': must be 5 or 7"


def test_moore_levels_are_the_expanded_framework() -> None:
    assert MOORE_LEVELS == ("1", "2", "3a", "3b", "4", "5", "6", "7")


# --- File and syntax errors ----------------------------------------------------------------


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"

    assert load_bank(path) == (None, [Problem(str(path), 0, "file", "not found; check the path")])


def test_malformed_toml_reports_its_line_and_column(tmp_path: Path) -> None:
    text = replaced('title = "Test bank"', 'title = "Test bank')

    assert problems_in(tmp_path, text) == [
        "bank.toml:3: syntax: invalid TOML: Illegal character '\\n' (column 19)"
    ]


def test_non_utf8_file_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bank.toml"
    path.write_bytes(b'[bank]\ntitle = "Caf\xe9"\n')

    assert [str(problem) for problem in load_bank(path)[1]] == [
        f"{path}:2: file: is not UTF-8 text; save it as UTF-8"
    ]


# --- Keys and types ------------------------------------------------------------------------


def test_missing_and_unknown_keys(tmp_path: Path) -> None:
    text = replaced('title = "Test bank"\n', "")
    text = replaced('label = "Self-efficacy: depression"', 'lable = "Self-efficacy"', text)
    text = replaced('moore = "5"', 'moor = "5"', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:1: bank field 'title': missing; add it to this table",
        "bank.toml:5: scale 'self-efficacy-depression' field 'label': "
        "missing; add it to this table",
        "bank.toml:7: scale 'self-efficacy-depression' field 'lable': unknown key "
        "(did you mean 'label'?); allowed keys: id, label, topic",
        "bank.toml:31: item 'patients-seen' field 'moore': missing; add it to this table",
        "bank.toml:37: item 'patients-seen' field 'moor': unknown key (did you mean 'moore'?); "
        "allowed keys: id, text, type, moore, surveys, scale, points, anchors, retrospective, "
        "choices, correct, minimum, maximum, required, topic",
    ]


def test_missing_bank_and_items_and_unknown_top_level_table(tmp_path: Path) -> None:
    text = '[[scale]]\nid = "a"\nlabel = "A"\n\n[[itme]]\nid = "b"\n'

    assert problems_in(tmp_path, text) == [
        "bank.toml:1: top level key 'bank': missing; add a [bank] table with id, title and version",
        "bank.toml:1: top level key 'item': missing; add at least one [[item]] table",
        "bank.toml:5: top level key 'itme': unknown key (did you mean 'item'?); allowed: "
        "[bank], [[scale]], [[item]]",
    ]


def test_tables_written_with_the_wrong_brackets(tmp_path: Path) -> None:
    text = "[[bank]]\nid = 'x'\n\n[item]\nid = 'y'\n"

    assert problems_in(tmp_path, text) == [
        "bank.toml:1: top level key 'bank': write it as one [bank] table (single brackets; "
        "found array)",
        "bank.toml:4: top level key 'item': write each entry as a [[item]] table (double brackets)",
    ]


def test_wrongly_typed_values(tmp_path: Path) -> None:
    text = replaced("version = 1", 'version = "1.0"')
    text = replaced("retrospective = true", 'retrospective = "yes"', text)
    text = replaced("maximum = 500", 'maximum = "500"', text)
    text = replaced('surveys = ["post"]', 'surveys = "post"', text)
    text = replaced('moore = "2"', 'moore = "2"\nrequired = 1', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:4: bank field 'version': must be a whole number like 1 (found string)",
        "bank.toml:20: item 'se-screen' field 'retrospective': must be true or false "
        "(found string)",
        "bank.toml:37: item 'patients-seen' field 'maximum': must be a number (found string)",
        "bank.toml:46: item 'comments' field 'required': must be true or false (found integer)",
        "bank.toml:47: item 'comments' field 'surveys': must be an array of strings like "
        '["a", "b"] (found string)',
    ]


def test_version_must_be_positive_and_ids_slugs(tmp_path: Path) -> None:
    text = replaced("version = 1", "version = 0")
    text = replaced('id = "kn-crafft"', 'id = "KN crafft"', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:4: bank field 'version': must be 1 or more (found 0)",
        "bank.toml:23: item 'KN crafft' field 'id': 'KN crafft' is not a slug: use lowercase "
        "letters, digits and single hyphens (at most 60 characters), like "
        "'self-efficacy-depression'",
    ]


def test_item_without_an_id_is_named_by_its_position(tmp_path: Path) -> None:
    text = replaced('id = "comments"\n', "")
    text = replaced('text = "Anything else?"', 'text = "  "', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:41: item #4 field 'id': missing; add it to this table",
        "bank.toml:42: item #4 field 'text': must not be empty",
    ]


def test_unknown_type_moore_level_and_survey_kind_suggest_the_right_one(tmp_path: Path) -> None:
    text = replaced('type = "text"', 'type = "txt"')
    text = replaced('moore = "3a"', 'moore = "3A"', text)
    text = replaced('surveys = ["followup"]', 'surveys = ["pre", "follow-up"]', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:28: item 'kn-crafft' field 'moore': '3A' is not a Moore level "
        "(did you mean '3a'?); use one of: 1, 2, 3a, 3b, 4, 5, 6, 7",
        "bank.toml:39: item 'patients-seen' field 'surveys[2]': 'follow-up' is not a survey "
        "kind (did you mean 'followup'?); use one of: pre, post, session, followup",
        "bank.toml:44: item 'comments' field 'type': 'txt' is not an item type "
        "(did you mean 'text'?); use one of: likert, single, multiple, number, text",
    ]


def test_moore_level_written_as_a_number(tmp_path: Path) -> None:
    text = replaced('moore = "4"', "moore = 4")

    assert problems_in(tmp_path, text) == [
        "bank.toml:17: item 'se-screen' field 'moore': must be a string like \"4\" (found integer)"
    ]


def test_duplicate_ids(tmp_path: Path) -> None:
    text = replaced('id = "comments"', 'id = "se-screen"')
    text += '\n[[scale]]\nid = "self-efficacy-depression"\nlabel = "Again"\n'

    assert problems_in(tmp_path, text) == [
        "bank.toml:42: item 'se-screen' field 'id': duplicate id 'se-screen' "
        "(already used at line 12)",
        "bank.toml:49: scale 'self-efficacy-depression' field 'id': duplicate id "
        "'self-efficacy-depression' (already used at line 7)",
    ]


def test_unknown_scale(tmp_path: Path) -> None:
    text = replaced('scale = "self-efficacy-depression"', 'scale = "self-efficacy-depresion"')

    assert problems_in(tmp_path, text) == [
        "bank.toml:18: item 'se-screen' field 'scale': unknown scale 'self-efficacy-depresion' "
        "(did you mean 'self-efficacy-depression'?); add a [[scale]] with this id or fix the id"
    ]


def test_text_over_300_characters(tmp_path: Path) -> None:
    text = replaced('text = "Anything else?"', f'text = "{"x" * 301}"')

    assert problems_in(tmp_path, text) == [
        "bank.toml:43: item 'comments' field 'text': must be at most 300 characters (found 301)"
    ]
    assert problems_in(tmp_path, replaced('"Anything else?"', f'"{"x" * 300}"')) == []


def test_empty_surveys(tmp_path: Path) -> None:
    text = replaced('surveys = ["followup"]', "surveys = []")

    assert problems_in(tmp_path, text) == [
        "bank.toml:39: item 'patients-seen' field 'surveys': list at least one of: "
        "pre, post, session, followup"
    ]


def test_repeated_survey_kind(tmp_path: Path) -> None:
    text = replaced('surveys = ["post"]', 'surveys = [\n    "post",\n    "post",\n]')

    assert problems_in(tmp_path, text) == [
        "bank.toml:48: item 'comments' field 'surveys[2]': 'post' is listed twice"
    ]


# --- Type-specific rules -------------------------------------------------------------------


@pytest.mark.parametrize("points", ["4", "6", "10"])
def test_likert_points_must_be_5_or_7(tmp_path: Path, points: str) -> None:
    text = replaced("points = 5", f"points = {points}")

    assert problems_in(tmp_path, text) == [
        "bank.toml:15: item 'se-screen' field 'points': must be 5 or 7"
    ]


def test_seven_point_likert_with_seven_anchors(tmp_path: Path) -> None:
    text = replaced("points = 5", "points = 7")
    text = replaced('"Much", "Complete"]', '"Much", "More", "Most", "Complete"]', text)

    assert problems_in(tmp_path, text) == []


def test_anchors_must_match_points(tmp_path: Path) -> None:
    text = replaced('"Much", "Complete"]', '"Complete"]')

    assert problems_in(tmp_path, text) == [
        "bank.toml:16: item 'se-screen' field 'anchors': give exactly 5 labels, one per point "
        "from lowest to highest (found 4)"
    ]


def test_likert_needs_points_and_anchors(tmp_path: Path) -> None:
    text = replaced("points = 5\n", "")
    text = replaced('anchors = ["None", "Little", "Some", "Much", "Complete"]\n', "", text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:11: item 'se-screen' field 'points': missing; likert items need it",
        "bank.toml:11: item 'se-screen' field 'anchors': missing; likert items need it",
    ]


def test_retrospective_only_on_likert(tmp_path: Path) -> None:
    text = replaced('surveys = ["post"]', 'surveys = ["post"]\nretrospective = true')

    assert problems_in(tmp_path, text) == [
        "bank.toml:47: item 'comments' field 'retrospective': only for likert items "
        "(this item's type is 'text')"
    ]


def test_retrospective_only_on_an_item_of_the_post_survey(tmp_path: Path) -> None:
    text = replaced('surveys = ["pre", "post"]', 'surveys = ["pre", "followup"]')

    assert problems_in(tmp_path, text) == [
        "bank.toml:20: item 'se-screen' field 'retrospective': needs \"post\" in surveys: a "
        'retrospective item is asked on the post survey, for "before this series" and for "now"'
    ]


def test_keys_of_other_types_are_refused(tmp_path: Path) -> None:
    text = replaced('type = "text"', 'type = "text"\npoints = 5\nchoices = ["a", "b"]\nminimum = 1')

    assert problems_in(tmp_path, text) == [
        "bank.toml:45: item 'comments' field 'points': only for likert items "
        "(this item's type is 'text')",
        "bank.toml:46: item 'comments' field 'choices': only for single and multiple items "
        "(this item's type is 'text')",
        "bank.toml:47: item 'comments' field 'minimum': only for number items "
        "(this item's type is 'text')",
    ]


def test_choice_items_need_choices(tmp_path: Path) -> None:
    text = replaced('choices = ["1 or more", "2 or more", "4 or more"]\n', "")
    text = replaced('correct = ["2 or more"]\n', "", text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:22: item 'kn-crafft' field 'choices': missing; single items need it"
    ]


@pytest.mark.parametrize("count", [1, 13])
def test_two_to_twelve_choices(tmp_path: Path, count: int) -> None:
    labels = ", ".join(f'"{number} or more"' for number in range(1, count + 1))
    text = replaced('choices = ["1 or more", "2 or more", "4 or more"]', f"choices = [{labels}]")
    if count == 1:
        text = replaced('correct = ["2 or more"]', 'correct = ["1 or more"]', text)

    assert problems_in(tmp_path, text) == [
        f"bank.toml:26: item 'kn-crafft' field 'choices': give 2 to 12 choices (found {count})"
    ]


def test_repeated_choice(tmp_path: Path) -> None:
    text = replaced('"4 or more"]', '"2 or more"]')

    assert problems_in(tmp_path, text) == [
        "bank.toml:26: item 'kn-crafft' field 'choices[3]': '2 or more' is listed twice"
    ]


def test_labels_are_one_line_and_at_most_200_characters(tmp_path: Path) -> None:
    text = replaced('"4 or more"]', f'"{"x" * 201}"]')
    text = replaced('"Much", "Complete"]', '"Much",\n    """Complete\nconfidence"""]', text)
    text = replaced(
        'label = "Self-efficacy: depression"', 'label = "Self-efficacy:\\r\\ndepression"', text
    )

    assert problems_in(tmp_path, text) == [
        "bank.toml:8: scale 'self-efficacy-depression' field 'label': must be one line "
        "(no line breaks)",
        "bank.toml:16: item 'se-screen' field 'anchors[5]': must be one line (no line breaks)",
        "bank.toml:28: item 'kn-crafft' field 'choices[3]': must be at most 200 characters "
        "(found 201)",
    ]


def test_correct_must_be_one_of_the_choices(tmp_path: Path) -> None:
    text = replaced(
        'correct = ["2 or more"]', 'correct = [\n    "2 or more",\n    "2 ore more",\n]'
    )
    text = replaced('type = "single"', 'type = "multiple"', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:29: item 'kn-crafft' field 'correct[2]': '2 ore more' is not one of the "
        "choices (did you mean '2 or more'?)"
    ]


def test_single_choice_has_one_right_answer(tmp_path: Path) -> None:
    text = replaced('correct = ["2 or more"]', 'correct = ["2 or more", "4 or more"]')

    assert problems_in(tmp_path, text) == [
        "bank.toml:27: item 'kn-crafft' field 'correct': a single-choice item has one right "
        'answer (found 2); keep one or make it type = "multiple"'
    ]
    assert problems_in(tmp_path, replaced('type = "single"', 'type = "multiple"', text)) == []


def test_empty_correct(tmp_path: Path) -> None:
    text = replaced('correct = ["2 or more"]', "correct = []")

    assert problems_in(tmp_path, text) == [
        "bank.toml:27: item 'kn-crafft' field 'correct': list the right answer, or leave "
        "correct out when there is none"
    ]


def test_minimum_above_maximum(tmp_path: Path) -> None:
    text = replaced("minimum = 0", "minimum = 600")

    assert problems_in(tmp_path, text) == [
        "bank.toml:36: item 'patients-seen' field 'minimum': is greater than maximum (600 > 500)"
    ]
    assert problems_in(tmp_path, replaced("minimum = 0", "minimum = 500.0")) == []


# --- Topics --------------------------------------------------------------------------------


def test_topics_are_checked_only_when_topic_ids_are_given(tmp_path: Path) -> None:
    text = replaced('topic = "substance-use-sbirt"', 'topic = "substance-use"')
    topic_ids = ["depression", "substance-use-sbirt"]

    assert problems_in(tmp_path, text) == []
    assert problems_in(tmp_path, text, topic_ids) == [
        "bank.toml:29: item 'kn-crafft' field 'topic': unknown topic 'substance-use' "
        "(did you mean 'substance-use-sbirt'?); use a topic id of the curriculum"
    ]
    assert problems_in(tmp_path, text, ["substance-use"]) == [
        "bank.toml:9: scale 'self-efficacy-depression' field 'topic': unknown topic "
        "'depression'; use a topic id of the curriculum"
    ]


def test_topic_must_be_a_slug_even_unchecked(tmp_path: Path) -> None:
    text = replaced('topic = "depression"', 'topic = "Depression"')

    assert problems_in(tmp_path, text) == [
        "bank.toml:9: scale 'self-efficacy-depression' field 'topic': 'Depression' is not a "
        "slug: use lowercase letters, digits and single hyphens (at most 60 characters), like "
        "'self-efficacy-depression'"
    ]


# --- Many problems at once -------------------------------------------------------------------


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = replaced("version = 1", "version = 0")
    text = replaced("points = 5", "points = 4", text)
    text = replaced('correct = ["2 or more"]', 'correct = ["High"]', text)
    text = replaced("minimum = 0", "minimum = 501", text)
    text = replaced('type = "text"', 'type = "text"\nretrospective = false', text)

    assert problems_in(tmp_path, text) == [
        "bank.toml:4: bank field 'version': must be 1 or more (found 0)",
        "bank.toml:15: item 'se-screen' field 'points': must be 5 or 7",
        "bank.toml:27: item 'kn-crafft' field 'correct[1]': 'High' is not one of the choices",
        "bank.toml:36: item 'patients-seen' field 'minimum': is greater than maximum (501 > 500)",
        "bank.toml:45: item 'comments' field 'retrospective': only for likert items "
        "(this item's type is 'text')",
    ]
