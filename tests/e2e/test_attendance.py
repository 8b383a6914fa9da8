"""A coordinator imports a Teams attendance report, matches the one person Echo could not,
and the roster shows everyone's minutes (with and without JavaScript, audited by axe)."""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EchoServer
from tests.e2e.harness import JS_MODES, OpenBrowser, log_in

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@example.org"
ZONE = "America/Los_Angeles"  # peds-mh-echo's scheduling zone


def held_session_without_report(database: Path) -> tuple[int, datetime]:
    """The earliest held peds-mh-echo session with no import yet (each run takes one)."""
    now = datetime.now(ZoneInfo("UTC")).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        row = connection.execute(
            "SELECT s.id, s.starts_at FROM program_session s JOIN program p ON p.id = s.program_id"
            " WHERE p.slug = 'peds-mh-echo' AND s.status = 'scheduled' AND s.ends_at < ?"
            " AND s.id NOT IN (SELECT session_id FROM attendance_import) ORDER BY s.starts_at",
            (now,),
        ).fetchone()
    assert row, "no held session left without an attendance report"
    starts = datetime.fromisoformat(str(row[1])).replace(tzinfo=ZoneInfo("UTC"))
    return int(row[0]), starts.astimezone(ZoneInfo(ZONE)).replace(tzinfo=None)


def teams_report(start: datetime, device: str) -> bytes:
    """Teams (2022+): UTF-16 with a BOM, three tab-separated sections; day-first dates."""

    def at(minutes: int) -> str:
        return (start + timedelta(minutes=minutes)).strftime("%d/%m/%y, %H:%M:%S")

    rows = [
        ("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 30),
        ("Dr. Paula Pediatrician", "pediatrician@example.org", 25, 52),  # overlap: 0-52
        (device, "", 5, 47),  # a shared room device: matched by hand
    ]
    lines = [
        "1. Summary",
        "Meeting title\tPediatric Mental Health ECHO",
        f"Start time\t{at(0)}",
        f"End time\t{at(60)}",
        "",
        "2. Participants",
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
        "",
        "3. In-Meeting Activities",
        "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
        *(f"{n}\t{at(a)}\t{at(b)}\t{b - a}m\t{e}\tAttendee" for n, e, a, b in rows),
    ]
    return ("\n".join(lines) + "\n").encode("utf-16")


@pytest.mark.parametrize("js", JS_MODES)
def test_coordinator_imports_teams_report_and_matches_a_person(
    open_browser: OpenBrowser, echo_server: EchoServer, js: bool, tmp_path: Path
) -> None:
    session_id, local_start = held_session_without_report(echo_server.database)
    export = tmp_path / "Teams attendance report.csv"
    # A new device name each run: a match is remembered, so a known one is matched at once.
    device = f"Clinic Room {session_id}"
    export.write_bytes(teams_report(local_start, device))

    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, COORDINATOR)
    coordinator.goto(f"/sessions/{session_id}")
    coordinator.click(page.get_by_role("link", name="Attendance", exact=True))
    attendance_path = f"/sessions/{session_id}/attendance"
    assert urlsplit(page.url).path == attendance_path

    page.get_by_label("Report file").set_input_files(export)
    coordinator.click(page.get_by_role("button", name="Preview import"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Import {export.name}?")
    preview = page.get_by_role("table", name="What the import changes")
    expect(preview.locator("tbody tr")).to_have_count(2)
    expect(preview).to_contain_text("Unmatched")
    coordinator.click(page.get_by_role("button", name="Import 2 people"))
    assert urlsplit(page.url).path == attendance_path
    assert coordinator.notice() == "The report is imported; the roster shows the new minutes."

    roster = page.get_by_role("table").first
    paula = roster.locator("tbody tr").filter(has_text="Dr. Paula Pediatrician")
    expect(paula.locator("td")).to_have_text(
        ["Dr. Paula Pediatrician, MD", "Yes", "52", "report", "—"]
    )

    page.get_by_label(f"{device} is").select_option(label="Nico Nurse-Practitioner, NP")
    coordinator.click(page.get_by_role("button", name="Match"))
    assert coordinator.notice() == (
        "Matched. Their time counts, and later imports will match them."
    )
    nico = roster.locator("tbody tr").filter(has_text="Nico Nurse-Practitioner")
    expect(nico.locator("td")).to_have_text(
        ["Nico Nurse-Practitioner, NP", "Yes", "42", "report", "—"]
    )
    expect(page.get_by_role("heading", name=re.compile("Unmatched people"))).to_have_count(0)
