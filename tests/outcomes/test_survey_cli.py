"""`echo-lms survey validate`: what it prints and its exit codes, run as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET

ROOT = Path(__file__).resolve().parents[2]
STARTER_BANK = ROOT / "curricula" / "surveys" / "peds-mh-outcomes.toml"
CORE_CURRICULUM = ROOT / "curricula" / "peds-mh-core.toml"

Run = Callable[..., subprocess.CompletedProcess[str]]

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
topic = "substance-use"
surveys = ["pre", "post", "session"]
"""


@pytest.fixture
def run(tmp_path: Path) -> Run:
    env = {**os.environ, "ECHO_VAR_DIR": str(tmp_path), "ECHO_SECRET_KEY": TEST_SECRET}
    env.pop("ECHO_DATABASE_URL", None)

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "echo", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    return invoke


def test_starter_bank_is_valid(run: Run) -> None:
    result = run("survey", "validate", "curricula/surveys/peds-mh-outcomes.toml")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "curricula/surveys/peds-mh-outcomes.toml: ok — 66 items, 12 scales\n"
    assert result.stderr == ""


def test_starter_bank_topics_match_the_core_curriculum(run: Run) -> None:
    result = run("survey", "validate", str(STARTER_BANK), "--curriculum", str(CORE_CURRICULUM))

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == f"{STARTER_BANK}: ok — 66 items, 12 scales\n"


def test_topics_are_checked_only_with_a_curriculum(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / "bank.toml"
    bank.write_text(BANK, encoding="utf-8")

    unchecked = run("survey", "validate", str(bank))
    checked = run("survey", "validate", str(bank), "--curriculum", str(CORE_CURRICULUM))

    assert unchecked.returncode == 0, unchecked.stdout
    assert unchecked.stdout == f"{bank}: ok — 2 items, 1 scales\n"
    assert checked.returncode == 1
    assert checked.stdout == (
        f"{bank}:29: item 'kn-crafft' field 'topic': unknown topic 'substance-use' "
        "(did you mean 'substance-use-sbirt'?); use a topic id of the curriculum\n"
    )
    assert checked.stderr == f"1 problem(s) in {bank}.\n"


def test_every_problem_is_printed_one_per_line(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / "bank.toml"
    bank.write_text(
        BANK.replace("points = 5", "points = 6").replace(
            'correct = ["2 or more"]', 'correct = ["1 or more", "2 or more"]'
        ),
        encoding="utf-8",
    )

    result = run("survey", "validate", str(bank))

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bank}:15: item 'se-screen' field 'points': must be 5 or 7",
        f"{bank}:27: item 'kn-crafft' field 'correct': a single-choice item has one right "
        'answer (found 2); keep one or make it type = "multiple"',
    ]
    assert result.stderr == f"2 problem(s) in {bank}.\n"


def test_missing_file(run: Run, tmp_path: Path) -> None:
    result = run("survey", "validate", str(tmp_path / "nope.toml"))

    assert result.returncode == 1
    assert result.stdout == f"{tmp_path / 'nope.toml'}:0: file: not found; check the path\n"


def test_problems_in_the_curriculum_are_listed_after_the_bank(run: Run, tmp_path: Path) -> None:
    bank = tmp_path / "bank.toml"
    bank.write_text(BANK.replace("version = 1", "version = 0"), encoding="utf-8")
    (tmp_path / "toolkits.toml").write_text(
        (ROOT / "curricula" / "toolkits.toml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    curriculum = tmp_path / "core.toml"
    curriculum.write_text(
        CORE_CURRICULUM.read_text(encoding="utf-8").replace('version = "1.0"\n', ""),
        encoding="utf-8",
    )

    result = run("survey", "validate", str(bank), "--curriculum", str(curriculum))

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{bank}:4: bank field 'version': must be 1 or more (found 0)",
        f"{curriculum}:1: version: missing; add it to this table",
    ]
    assert result.stderr == f"2 problem(s) in {bank}.\n"


def test_survey_needs_a_subcommand_and_a_file(run: Run) -> None:
    assert run("survey").returncode == 2
    assert run("survey", "validate").returncode == 2
