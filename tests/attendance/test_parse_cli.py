"""`echo-lms attendance parse`: JSON on stdout, exit 2 and one line (plus row problems) on
stderr for anything unreadable. No database is touched."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from echo.cli import main
from tests.attendance.test_reports import FIXTURES, SHARED_SAMPLES


def parse_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, Any, str]:
    """Run `attendance parse ARGS` in process: exit code, parsed stdout (or None), stderr."""
    code = main(["attendance", "parse", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out) if out else None, err


def test_prints_clipped_seconds_and_intervals(capsys: pytest.CaptureFixture[str]) -> None:
    code, result, err = parse_cli(
        capsys,
        str(FIXTURES / "zoom_2021_meeting_block.csv"),
        "--start=2025-01-14T12:00",
        "--end=2025-01-14T13:00",
        "--tz=America/New_York",
    )
    assert (code, err) == (0, "")
    assert result == {
        "format": "zoom",
        "participants": [
            {
                "name": "Rosa Diaz",
                "email": "rosa.diaz@clinic.example.org",
                "seconds": 3600,
                "intervals": [["2025-01-14T17:00:00Z", "2025-01-14T18:00:00Z"]],
            },
            {
                "name": "Tom Reyes",
                "email": "tom.reyes@peds.example.org",
                "seconds": 3255,  # 990 + 2265, see test_reports.py
                "intervals": [
                    ["2025-01-14T17:03:30Z", "2025-01-14T17:20:00Z"],
                    ["2025-01-14T17:22:15Z", "2025-01-14T18:00:00Z"],
                ],
            },
            {
                "name": "Lee Park (he/him)",
                "email": None,
                "seconds": 2430,
                "intervals": [["2025-01-14T17:10:00Z", "2025-01-14T17:50:30Z"]],
            },
        ],
    }


def test_times_with_an_offset_are_taken_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    # 12:30-12:45 New York time, written in UTC: only Tom's first stretch from 12:30 counts.
    code, result, _ = parse_cli(
        capsys,
        str(FIXTURES / "zoom_2021_meeting_block.csv"),
        "--start=2025-01-14T17:30:00+00:00",
        "--end=2025-01-14T17:45:00Z",
        "--tz=America/New_York",
    )
    assert code == 0
    tom = result["participants"][1]
    assert tom["seconds"] == 900
    assert tom["intervals"] == [["2025-01-14T17:30:00Z", "2025-01-14T17:45:00Z"]]


def test_session_date_settles_day_month_order(capsys: pytest.CaptureFixture[str]) -> None:
    # 05/11/22 reads either way; the --start date says 5 November.
    code, result, err = parse_cli(
        capsys,
        str(FIXTURES / "teams_2022_no_activities.csv"),
        "--start=2022-11-05T09:30",
        "--end=2022-11-05T10:30",
        "--tz=Europe/Brussels",
    )
    assert code == 0
    assert [p["seconds"] for p in result["participants"]] == [3600, 1770]
    assert err.startswith("echo-lms: warning: This Teams report has no 'In-Meeting activities'")


@pytest.mark.parametrize("expected_file", SHARED_SAMPLES, ids=lambda path: path.name)
def test_shared_sample(capsys: pytest.CaptureFixture[str], expected_file: Path) -> None:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    export = expected_file.with_name(expected_file.name.removesuffix(".expected.json"))
    code, result, err = parse_cli(
        capsys,
        str(export),
        "--start",
        expected["start"],
        "--end",
        expected["end"],
        "--tz",
        expected["tz"],
    )
    assert (code, err) == (0, "")
    assert result["format"] == expected["format"]
    got = [{k: p[k] for k in ("name", "email", "seconds")} for p in result["participants"]]
    assert got == expected["participants"]


def test_unknown_format_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "roster.csv"
    report.write_text("Attendee,Arrived,Departed\nAnn Lee,9:00,10:00\n", encoding="utf-8")
    code, result, err = parse_cli(
        capsys, str(report), "--start=2025-01-14T12:00", "--end=2025-01-14T13:00", "--tz=UTC"
    )
    assert (code, result) == (2, None)
    assert err.count("\n") == 1
    assert "zoom, teams, webex" in err and '"Attendee,Arrived,Departed"' in err


def test_unreadable_rows_are_listed_one_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "zoom.csv"
    report.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time\n"
        "Ann Lee,,01/14/2025 12:00:00 PM,01/14/2025 1:00:00 PM\n"
        "Bo Park,,soon,01/14/2025 1:00:00 PM\n"
        "Cy Ross,,01/14/2025 12:30:00 PM,01/14/2025 12:10:00 PM\n",
        encoding="utf-8",
    )
    code, result, err = parse_cli(
        capsys, str(report), "--start=2025-01-14T12:00", "--end=2025-01-14T13:00", "--tz=UTC"
    )
    assert (code, result) == (2, None)
    assert err.splitlines() == [
        "echo-lms: 2 rows of this Zoom report could not be read, so nothing was imported; "
        "correct them or export the report again.",
        "line 3: the join time 'soon' is not a valid date and time",
        "line 4: the leave time 01/14/2025 12:10:00 PM is before the join time "
        "01/14/2025 12:30:00 PM",
    ]


START, END, LONDON = "--start=2022-08-15T13:00", "--end=2022-08-15T14:00", "--tz=Europe/London"


@pytest.mark.parametrize(
    ("file", "options", "words"),
    [
        ("missing.csv", (START, END, LONDON), "cannot read"),
        ("zoom_day_first.csv", ("--start=noon", END, LONDON), "--start 'noon' is not an ISO"),
        ("zoom_day_first.csv", ("--start=2022-08-15T15:00", END, LONDON), "after --start"),
        ("zoom_day_first.csv", (START, END, "--tz=Nowhere/Special"), "not an IANA time zone"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], file: str, options: tuple[str, ...], words: str
) -> None:
    code, result, err = parse_cli(capsys, str(FIXTURES / file), *options)
    assert (code, result) == (2, None)
    assert err.count("\n") == 1 and err.startswith("echo-lms: ") and words in err


def test_missing_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["attendance", "parse", "report.csv", "--start=2025-01-14T12:00"])
    assert exited.value.code == 2
    assert "--end" in capsys.readouterr().err


def test_runs_as_a_command(tmp_path: Path) -> None:
    """End to end, as a person would run it: `python -m echo attendance parse ...`."""
    env = {**os.environ, "ECHO_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "echo",
            "attendance",
            "parse",
            str(FIXTURES / "webex_meeting.csv"),
            "--start",
            "2025-06-10 12:00",
            "--end",
            "2025-06-10 13:00",
            "--tz",
            "America/Chicago",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert output["format"] == "webex"
    assert [p["seconds"] for p in output["participants"]] == [3600, 3150, 900]
    assert not list(tmp_path.iterdir())  # nothing written: no database was opened
