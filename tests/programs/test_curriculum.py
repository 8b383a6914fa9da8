"""Curriculum and toolkit files: the shipped ones are valid, and every problem is reported
with its file, line and field."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from echo.programs.curriculum import (
    AUDIENCES,
    CURRICULUM_REQUIRED_KEYS,
    MEASURABLE_VERBS,
    PRESENTER_ROLES,
    RESOURCE_LINK_KEYS,
    RESOURCE_REQUIRED_KEYS,
    TOPIC_OPTIONAL_KEYS,
    TOPIC_REQUIRED_KEYS,
    WEAK_VERBS,
    Curriculum,
    Resource,
    Topic,
    ValidationIssue,
    load_curriculum,
    load_toolkits,
    validate_file,
)

CURRICULA = Path(__file__).resolve().parents[2] / "curricula"

# Copied from docs/domain.md section 1 ("Resources such a program links to").
DOMAIN_URLS = {
    "https://publications.aap.org/pediatrics/article/144/5/e20192757/38256/",
    "https://brightfutures.aap.org",
    "https://www.aap.org/suicideprevention",
    "https://www.nimh.nih.gov/labs-at-nimh/asq-toolkit-materials/index.shtml",
    "https://www.nimh.nih.gov/research/research-conducted-at-nimh/asq-toolkit-materials/asq-tool/phq-9-modified-for-adolescents-phq-a",
    "https://www.thereachinstitute.org/images/pdfs/glad-pc-toolkit-2018.pdf",
    "https://publications.aap.org/pediatrics/article/141/3/e20174082/37654/",
    "https://www.aap.org/en/practice-management/care-delivery-approaches/telehealth/increasing-access-to-behavioral-health-care-via-telehealth-by-partnering-with-pediatric-mental-health-care-access-programs/",
    "https://nncpap.org",
}

CORE_TOPIC_IDS = [
    "screening-and-workflow",
    "adhd-assessment",
    "adhd-medication",
    "anxiety",
    "depression",
    "suicide-risk-and-safety-planning",
    "trauma",
    "disruptive-behavior-early-childhood",
    "substance-use-sbirt",
    "eating-disorders",
    "psychopharmacology-review",
    "care-coordination-and-referral",
]

# Line numbers in the tests below count from the first line of these texts.
CATALOG = """\
[[resource]]
id = "asq-toolkit"
title = "ASQ toolkit"
publisher = "National Institute of Mental Health"
url = "https://example.org/asq"
tags = ["suicide-prevention", "screening"]
audience = ["clinician"]

[[resource]]
id = "glad-pc-part-1"
title = "GLAD-PC Part I"
publisher = "American Academy of Pediatrics"
citation = "Pediatrics. 2018;141(3):e20174081."
tags = ["depression"]
audience = ["clinician", "family"]
"""

HEADER = """\
id = "core"
title = "Core series"
description = "Two topics."
version = "1.0"
"""

TOPIC = """\
[[topic]]
id = "{id}"
title = "Depression"
objectives = [
    "Apply GLAD-PC screening recommendations.",
    "Develop a treatment plan matched to severity.",
]
presenter_role = "child-psychiatrist"
resources = ["glad-pc-part-1"]
"""


def curriculum_text(*topic_ids: str) -> str:
    return HEADER + "".join("\n" + TOPIC.format(id=topic_id) for topic_id in topic_ids)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def issue_tuples(issues: list[ValidationIssue]) -> list[tuple[int, str, str]]:
    return [(issue.line, issue.field, issue.message) for issue in issues]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "toolkits.toml", CATALOG)
    return tmp_path


# --- The shipped files -----------------------------------------------------------------


def test_shipped_catalog_validates_without_issues() -> None:
    assert validate_file(CURRICULA / "toolkits.toml") == []


def test_shipped_curriculum_validates_without_issues() -> None:
    assert validate_file(CURRICULA / "peds-mh-core.toml") == []


def test_shipped_curriculum_loads_twelve_topics_in_series_order() -> None:
    toolkits, catalog_issues = load_toolkits(CURRICULA / "toolkits.toml")
    curriculum, issues = load_curriculum(CURRICULA / "peds-mh-core.toml", toolkits)

    assert (catalog_issues, issues) == ([], [])
    assert curriculum is not None
    assert curriculum.id == "peds-mh-core"
    assert [topic.id for topic in curriculum.topics] == CORE_TOPIC_IDS
    assert curriculum.topics[5].presenter_role == "social-worker"
    assert [r.id for r in curriculum.topics[5].resources][:2] == [
        "nimh-asq-toolkit",
        "blueprint-youth-suicide-prevention",
    ]


def test_shipped_catalog_links_exactly_the_domain_urls() -> None:
    toolkits, _ = load_toolkits(CURRICULA / "toolkits.toml")
    urls = [resource.url for resource in toolkits.values() if resource.url is not None]

    assert sorted(DOMAIN_URLS - set(urls)) == []  # every known canonical page is there
    assert sorted(set(urls) - DOMAIN_URLS) == []  # and no other link was guessed
    assert len(urls) == len(DOMAIN_URLS)


def test_shipped_catalog_cites_glad_pc_part_1() -> None:
    toolkits, _ = load_toolkits(CURRICULA / "toolkits.toml")

    citation = toolkits["glad-pc-part-1"].citation
    assert citation is not None
    assert citation.endswith("Pediatrics. 2018;141(3):e20174081.")
    assert toolkits["glad-pc-part-1"].url is None


# --- Loading -----------------------------------------------------------------------------


def test_load_toolkits_returns_resources_by_id(folder: Path) -> None:
    toolkits, issues = load_toolkits(folder / "toolkits.toml")

    assert issues == []
    assert toolkits == {
        "asq-toolkit": Resource(
            id="asq-toolkit",
            title="ASQ toolkit",
            publisher="National Institute of Mental Health",
            url="https://example.org/asq",
            citation=None,
            tags=("suicide-prevention", "screening"),
            audience=("clinician",),
        ),
        "glad-pc-part-1": Resource(
            id="glad-pc-part-1",
            title="GLAD-PC Part I",
            publisher="American Academy of Pediatrics",
            url=None,
            citation="Pediatrics. 2018;141(3):e20174081.",
            tags=("depression",),
            audience=("clinician", "family"),
        ),
    }


def test_load_curriculum_resolves_resources(folder: Path) -> None:
    toolkits, _ = load_toolkits(folder / "toolkits.toml")
    path = write(folder, "core.toml", curriculum_text("depression", "depression-follow-up"))

    curriculum, issues = load_curriculum(path, toolkits)

    assert issues == []
    topic = Topic(
        id="depression",
        title="Depression",
        objectives=(
            "Apply GLAD-PC screening recommendations.",
            "Develop a treatment plan matched to severity.",
        ),
        presenter_role="child-psychiatrist",
        resources=(toolkits["glad-pc-part-1"],),
    )
    assert curriculum == Curriculum(
        id="core",
        title="Core series",
        description="Two topics.",
        version="1.0",
        topics=(
            topic,
            Topic(
                "depression-follow-up",
                topic.title,
                topic.objectives,
                topic.presenter_role,
                topic.resources,
            ),
        ),
    )


def test_resources_key_is_optional(folder: Path) -> None:
    text = curriculum_text("depression").replace('resources = ["glad-pc-part-1"]\n', "")
    toolkits, _ = load_toolkits(folder / "toolkits.toml")

    curriculum, issues = load_curriculum(write(folder, "core.toml", text), toolkits)

    assert issues == []
    assert curriculum is not None
    assert curriculum.topics[0].resources == ()


def test_issue_prints_as_file_line_field_message() -> None:
    issue = ValidationIssue(
        "curricula/x.toml", 12, "topic[3].objectives", "give 2 to 4 objectives (found 5)"
    )
    assert (
        str(issue) == "curricula/x.toml:12: topic[3].objectives: give 2 to 4 objectives (found 5)"
    )


# --- Syntax and file errors ----------------------------------------------------------------


def test_malformed_toml_reports_its_line_and_column(folder: Path) -> None:
    path = write(folder, "core.toml", 'id = "core"\ntitle = "Core\nversion = "1.0"\n')

    assert validate_file(path) == [
        ValidationIssue(str(path), 2, "syntax", "invalid TOML: Illegal character '\\n' (column 14)")
    ]


def test_duplicate_key_is_a_syntax_error_on_its_line(folder: Path) -> None:
    path = write(folder, "core.toml", curriculum_text("a", "b").replace("version", "title", 1))

    assert issue_tuples(validate_file(path)) == [
        (4, "syntax", "invalid TOML: Cannot overwrite a value (column 14)")
    ]


def test_toml_cut_short_reports_the_last_line(folder: Path) -> None:
    path = write(folder, "core.toml", 'id = "core"\nobjectives = [\n  "Describe x",\n')

    assert issue_tuples(validate_file(path)) == [
        (3, "syntax", "invalid TOML: Invalid value at end of file")
    ]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"

    assert validate_file(path) == [
        ValidationIssue(str(path), 0, "file", "not found; check the path")
    ]


def test_non_utf8_file_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "core.toml"
    path.write_bytes(b'id = "core"\ntitle = "Caf\xe9"\n')

    assert issue_tuples(validate_file(path)) == [(2, "file", "is not UTF-8 text; save it as UTF-8")]


def test_file_with_neither_kind_of_table(folder: Path) -> None:
    path = write(folder, "core.toml", HEADER)

    assert issue_tuples(validate_file(path)) == [
        (
            1,
            "file",
            "has no [[resource]] tables (a toolkit catalog) or [[topic]] tables (a curriculum); "
            "see curricula/README.md",
        )
    ]


def test_file_with_both_kinds_of_table(folder: Path) -> None:
    path = write(folder, "mixed.toml", CATALOG + "\n" + TOPIC.format(id="a"))

    assert issue_tuples(validate_file(path)) == [
        (
            1,
            "file",
            "has both [[resource]] and [[topic]] tables; keep the catalog (toolkits.toml) and "
            "each curriculum in separate files",
        )
    ]


# --- Catalog rules ---------------------------------------------------------------------------


def catalog_issues(folder: Path, text: str) -> list[tuple[int, str, str]]:
    path = write(folder, "toolkits.toml", text)
    _, issues = load_toolkits(path)
    assert issues == validate_file(path)
    assert {issue.file for issue in issues} <= {str(path)}
    return issue_tuples(issues)


def test_missing_key_points_at_the_table_header(folder: Path) -> None:
    text = CATALOG.replace('publisher = "American Academy of Pediatrics"\n', "")

    assert catalog_issues(folder, text) == [
        (9, "resource[2].publisher", "missing; add it to this table")
    ]


def test_unknown_key_suggests_the_right_one(folder: Path) -> None:
    text = CATALOG.replace('title = "GLAD-PC Part I"', 'titel = "GLAD-PC Part I"')

    assert catalog_issues(folder, text) == [
        (9, "resource[2].title", "missing; add it to this table"),
        (
            11,
            "resource[2].titel",
            "unknown key (did you mean 'title'?); allowed keys: "
            "id, title, publisher, tags, audience, url, citation",
        ),
    ]


def test_wrongly_typed_values(folder: Path) -> None:
    text = CATALOG.replace('title = "ASQ toolkit"', "title = 3").replace(
        'tags = ["depression"]', 'tags = "depression"'
    )

    assert catalog_issues(folder, text) == [
        (3, "resource[1].title", "must be a string (found integer)"),
        (14, "resource[2].tags", 'must be an array of strings like ["a", "b"] (found string)'),
    ]


def test_array_item_of_wrong_type(folder: Path) -> None:
    text = CATALOG.replace('audience = ["clinician"]', 'audience = ["clinician", 2]')

    assert catalog_issues(folder, text) == [
        (7, "resource[1].audience[2]", "must be a string (found integer)")
    ]


def test_duplicate_resource_id(folder: Path) -> None:
    text = CATALOG.replace('id = "glad-pc-part-1"', 'id = "asq-toolkit"')

    assert catalog_issues(folder, text) == [
        (
            10,
            "resource[2].id",
            "duplicate id 'asq-toolkit' (already used by resource[1] at line 2)",
        )
    ]


@pytest.mark.parametrize("bad", ["ADHD", "suicide_prevention", "-screening", "a--b", "a" * 61])
def test_tags_must_be_slugs(folder: Path, bad: str) -> None:
    text = CATALOG.replace('tags = ["depression"]', f'tags = [\n  "depression",\n  "{bad}",\n]')

    assert catalog_issues(folder, text) == [
        (
            16,
            "resource[2].tags[2]",
            f"{bad!r} is not a slug: use lowercase letters, digits and single hyphens "
            "(at most 60 characters), like 'suicide-prevention'",
        )
    ]


def test_id_must_be_a_slug(folder: Path) -> None:
    text = CATALOG.replace('id = "asq-toolkit"', 'id = "ASQ Toolkit"')

    assert catalog_issues(folder, text)[0][:2] == (2, "resource[1].id")


def test_empty_tags_and_audience(folder: Path) -> None:
    text = CATALOG.replace('tags = ["depression"]', "tags = []").replace(
        'audience = ["clinician", "family"]', "audience = []"
    )

    assert catalog_issues(folder, text) == [
        (14, "resource[2].tags", 'add at least one tag, like ["depression", "screening"]'),
        (15, "resource[2].audience", "add at least one of: " + ", ".join(AUDIENCES)),
    ]


def test_bad_audience_value_on_its_own_line(folder: Path) -> None:
    text = CATALOG.replace(
        'audience = ["clinician", "family"]',
        'audience = [\n  "clinician",\n  "clinicians",\n  "clinician",\n]',
    )

    assert catalog_issues(folder, text) == [
        (
            17,
            "resource[2].audience[2]",
            "'clinicians' is not an audience (did you mean 'clinician'?); use one of: "
            "clinician, family, youth, program-staff",
        ),
        (18, "resource[2].audience[3]", "'clinician' is listed twice"),
    ]


def test_url_and_citation_together(folder: Path) -> None:
    text = CATALOG.replace(
        'citation = "Pediatrics', 'url = "https://example.org/glad"\ncitation = "Pediatrics'
    )

    assert catalog_issues(folder, text) == [
        (
            14,
            "resource[2].citation",
            "give either url or citation, not both: a resource with a canonical https link "
            "needs no citation",
        )
    ]


def test_neither_url_nor_citation(folder: Path) -> None:
    text = CATALOG.replace('url = "https://example.org/asq"\n', "")

    assert catalog_issues(folder, text) == [
        (
            1,
            "resource[1]",
            "add url (its canonical https link) or, when no canonical link is known, citation "
            "(a journal reference); never a guessed link",
        )
    ]


@pytest.mark.parametrize(
    "url", ["http://example.org/asq", "example.org/asq", "https://", "https://example.org/a b"]
)
def test_url_must_be_https(folder: Path, url: str) -> None:
    text = CATALOG.replace("https://example.org/asq", url)

    assert catalog_issues(folder, text) == [
        (5, "resource[1].url", f"must be a full https:// address (found {url!r})")
    ]


def test_catalog_top_level_keys_and_empty_catalog(folder: Path) -> None:
    assert catalog_issues(folder, 'version = "1"\nresource = []\n') == [
        (1, "version", "unknown key; allowed keys: resource"),
        (2, "resource", "add at least one [[resource]] table"),
    ]


# --- Curriculum rules ------------------------------------------------------------------------


def curriculum_issues(folder: Path, text: str) -> list[tuple[int, str, str]]:
    path = write(folder, "core.toml", text)
    toolkits, _ = load_toolkits(folder / "toolkits.toml")
    curriculum, issues = load_curriculum(path, toolkits)
    assert curriculum is None
    assert issues == validate_file(path)
    return issue_tuples(issues)


def test_curriculum_missing_and_mistyped_top_level_keys(folder: Path) -> None:
    text = (
        curriculum_text("a")
        .replace('version = "1.0"', "version = 1")
        .replace('description = "Two topics."\n', "")
    )

    assert curriculum_issues(folder, text) == [
        (1, "description", "missing; add it to this table"),
        (3, "version", "must be a string (found integer)"),
    ]


def test_curriculum_without_topics(folder: Path) -> None:
    text = HEADER + "topic = []\n"

    assert curriculum_issues(folder, text) == [(5, "topic", "add at least one [[topic]] table")]


def test_single_bracket_topic_table(folder: Path) -> None:
    text = HEADER + "\n" + TOPIC.format(id="a").replace("[[topic]]", "[topic]")

    assert curriculum_issues(folder, text) == [
        (6, "topic", "write each entry as a [[topic]] table (double brackets)")
    ]


@pytest.mark.parametrize("count", [0, 1, 5])
def test_objectives_count(folder: Path, count: int) -> None:
    objectives = ", ".join(f'"Describe point {n}."' for n in range(count))
    text = curriculum_text("a").replace(
        'objectives = [\n    "Apply GLAD-PC screening recommendations.",\n'
        '    "Develop a treatment plan matched to severity.",\n]',
        f"objectives = [{objectives}]",
    )

    assert curriculum_issues(folder, text) == [
        (9, "topic[1].objectives", f"give 2 to 4 objectives (found {count})")
    ]


@pytest.mark.parametrize("verb", ["Understand", "know", "Learn", "Appreciate", "Be"])
def test_objective_with_weak_verb_points_at_its_line(folder: Path, verb: str) -> None:
    text = curriculum_text("a").replace("Develop a treatment", f"{verb} a treatment")

    assert curriculum_issues(folder, text) == [
        (
            11,
            "topic[1].objectives[2]",
            f"{verb!r} cannot be observed or assessed; start with a measurable verb such as "
            "Describe, Identify, Apply, Interpret, Select or Develop",
        )
    ]


def test_empty_objective(folder: Path) -> None:
    text = curriculum_text("a").replace('"Develop a treatment plan matched to severity."', '" "')

    assert curriculum_issues(folder, text) == [
        (9, "topic[1].objectives[2]", "must not be empty; say what the learner will be able to do")
    ]


def test_sub_table_of_a_topic_is_an_unknown_key_on_its_header(folder: Path) -> None:
    text = curriculum_text("a") + "\n[topic.extra]\nnote = 1\n"

    assert curriculum_issues(folder, text) == [
        (
            16,
            "topic[1].extra",
            "unknown key; allowed keys: id, title, objectives, presenter_role, resources",
        )
    ]


def test_objective_not_starting_with_a_verb(folder: Path) -> None:
    text = curriculum_text("a").replace("Apply GLAD-PC", "The learner will apply GLAD-PC")

    assert curriculum_issues(folder, text) == [
        (
            10,
            "topic[1].objectives[1]",
            "start with a measurable verb such as Describe, Identify, Apply, Interpret, Select "
            "or Develop (found 'The')",
        )
    ]


def test_unknown_presenter_role(folder: Path) -> None:
    text = curriculum_text("a").replace('"child-psychiatrist"', '"psychiatrist"')

    assert curriculum_issues(folder, text) == [
        (
            13,
            "topic[1].presenter_role",
            "'psychiatrist' is not a presenter role (did you mean 'child-psychiatrist'?); use "
            "one of: " + ", ".join(PRESENTER_ROLES),
        )
    ]


def test_unknown_resource_id_points_at_its_line(folder: Path) -> None:
    text = curriculum_text("a").replace(
        'resources = ["glad-pc-part-1"]',
        'resources = [\n    "glad-pc-part-1",\n    "glad-pc-part-2",\n]',
    )

    assert curriculum_issues(folder, text) == [
        (
            16,
            "topic[1].resources[2]",
            "unknown resource id 'glad-pc-part-2' (did you mean 'glad-pc-part-1'?); add it to "
            "the toolkits catalog or fix the id",
        )
    ]


def test_duplicate_topic_id(folder: Path) -> None:
    assert curriculum_issues(folder, curriculum_text("a", "b", "a")) == [
        (27, "topic[3].id", "duplicate id 'a' (already used by topic[1] at line 7)")
    ]


def test_unknown_topic_key(folder: Path) -> None:
    text = curriculum_text("a").replace("presenter_role =", "presenter =")

    assert curriculum_issues(folder, text) == [
        (6, "topic[1].presenter_role", "missing; add it to this table"),
        (
            13,
            "topic[1].presenter",
            "unknown key (did you mean 'presenter_role'?); allowed keys: "
            "id, title, objectives, presenter_role, resources",
        ),
    ]


def test_every_error_in_a_file_is_reported_in_line_order(folder: Path) -> None:
    text = (
        HEADER.replace('id = "core"', 'id = "Core Series"')
        + "\n"
        + TOPIC.format(id="a").replace("Apply GLAD-PC", "Understand GLAD-PC")
        + "\n"
        + TOPIC.format(id="a").replace('"child-psychiatrist"', '"nurse"')
        + "\n"
        + TOPIC.format(id="c").replace('["glad-pc-part-1"]', '["missing-resource"]')
        + "colour = 'blue'\n"
    )

    assert [(line, field) for line, field, _ in curriculum_issues(folder, text)] == [
        (1, "id"),
        (10, "topic[1].objectives[1]"),
        (17, "topic[2].id"),
        (23, "topic[2].presenter_role"),
        (34, "topic[3].resources[1]"),
        (35, "topic[3].colour"),
    ]


def test_multi_line_strings_do_not_shift_lines(folder: Path) -> None:
    description = 'description = """\n[[topic]]\nid = "not-a-topic"\n"""\n'
    text = curriculum_text("a", "b").replace('description = "Two topics."\n', description)
    text = text.replace('id = "b"', 'id = "B"')

    assert curriculum_issues(folder, text)[0][:2] == (20, "topic[2].id")


def test_curriculum_validated_against_catalog_next_to_it(folder: Path) -> None:
    write(folder, "toolkits.toml", CATALOG.replace('"glad-pc-part-1"', '"glad-pc-1"'))
    path = write(folder, "core.toml", curriculum_text("a"))

    assert issue_tuples(validate_file(path)) == [
        (
            14,
            "topic[1].resources[1]",
            "unknown resource id 'glad-pc-part-1' (did you mean 'glad-pc-1'?); add it to the "
            "toolkits catalog or fix the id",
        )
    ]


def test_curriculum_validated_against_a_given_catalog(folder: Path) -> None:
    other = write(folder, "other.toml", CATALOG.replace("glad-pc-part-1", "glad-pc-part-2"))
    path = write(folder, "core.toml", curriculum_text("a"))

    assert issue_tuples(validate_file(path, toolkits_path=other))[0][:2] == (
        14,
        "topic[1].resources[1]",
    )
    assert validate_file(path, toolkits_path=folder / "toolkits.toml") == []


def test_catalog_issues_are_reported_after_the_curriculum_without_cascading(folder: Path) -> None:
    catalog = write(
        folder, "toolkits.toml", CATALOG.replace("https://example.org/asq", "http://x.org")
    )
    text = curriculum_text("a").replace('["glad-pc-part-1"]', '["asq-toolkit"]')
    path = write(folder, "core.toml", text)

    assert validate_file(path) == [
        ValidationIssue(
            str(catalog),
            5,
            "resource[1].url",
            "must be a full https:// address (found 'http://x.org')",
        )
    ]


def test_missing_catalog_is_reported_without_unknown_id_noise(tmp_path: Path) -> None:
    path = write(tmp_path, "core.toml", curriculum_text("a"))

    assert validate_file(path) == [
        ValidationIssue(str(tmp_path / "toolkits.toml"), 0, "file", "not found; check the path")
    ]


# --- Documentation ---------------------------------------------------------------------------


def test_readme_documents_every_key_and_allowed_value() -> None:
    readme = (CURRICULA / "README.md").read_text(encoding="utf-8")
    keys = (
        *RESOURCE_REQUIRED_KEYS,
        *RESOURCE_LINK_KEYS,
        *CURRICULUM_REQUIRED_KEYS,
        *TOPIC_REQUIRED_KEYS,
        *TOPIC_OPTIONAL_KEYS,
    )

    assert [k for k in keys if f"| `{k}` |" not in readme and f"| `[[{k}]]` |" not in readme] == []
    assert [v for v in (*PRESENTER_ROLES, *AUDIENCES) if f"`{v}`" not in readme] == []
    assert "echo-lms curriculum validate FILE" in readme
    assert "echo-lms curriculum apply FILE --program SLUG" in readme


# --- Rules as data --------------------------------------------------------------------------


def test_verb_lists_are_lowercase_and_disjoint() -> None:
    assert sorted(WEAK_VERBS & MEASURABLE_VERBS) == []
    assert sorted(v for v in WEAK_VERBS | MEASURABLE_VERBS if v != v.lower()) == []
    assert {"understand", "know", "learn", "appreciate"} <= WEAK_VERBS
    assert {"describe", "apply", "identify", "interpret", "select", "develop"} <= MEASURABLE_VERBS


@given(
    padding=st.lists(st.sampled_from(["", "# a comment", "   "]), min_size=3, max_size=3),
    position=st.integers(min_value=1, max_value=3),
)
def test_issue_line_follows_blank_lines_and_comments(padding: list[str], position: int) -> None:
    """Wherever a bad topic sits and however the file is padded, the line is its own."""
    topics = [TOPIC.format(id=f"t{n}") for n in range(1, 4)]
    topics[position - 1] = topics[position - 1].replace("child-psychiatrist", "chef")
    lines = HEADER.splitlines()
    for pad, topic in zip(padding, topics, strict=True):
        lines += [pad, *topic.splitlines()]
    expected = lines.index('presenter_role = "chef"') + 1

    with tempfile.TemporaryDirectory() as directory:
        write(Path(directory), "toolkits.toml", CATALOG)
        path = write(Path(directory), "core.toml", "\n".join(lines) + "\n")
        issues = validate_file(path)

    assert [(issue.line, issue.field) for issue in issues] == [
        (expected, f"topic[{position}].presenter_role")
    ]


@given(line=st.integers(min_value=1, max_value=20))
def test_syntax_error_line_is_where_the_error_is(line: int) -> None:
    lines = [f"key{n} = {n}" for n in range(1, 21)]
    lines[line - 1] = "broken ="

    with tempfile.TemporaryDirectory() as directory:
        path = write(Path(directory), "core.toml", "\n".join(lines) + "\n")
        issues = validate_file(path)

    assert [(issue.line, issue.field) for issue in issues] == [(line, "syntax")]
