"""`echo-lms attendance import FILE --session ID`: preview, --dry-run, commit, errors."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from echo.demo import demo_zoom_report
from tests.test_cli import run

__all__ = ["run"]


def _held_session(database: Path) -> tuple[int, datetime]:
    """A held peds-mh-echo session the demo imported nothing into."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(database) as connection:
        session_id, starts = connection.execute(
            "SELECT s.id, s.starts_at FROM program_session s JOIN program p ON p.id = s.program_id"
            " WHERE p.slug = 'peds-mh-echo' AND s.status = 'scheduled' AND s.ends_at < ?"
            " AND s.id NOT IN (SELECT session_id FROM attendance_import) ORDER BY s.starts_at",
            (now,),
        ).fetchone()
    local = (
        datetime.fromisoformat(starts)
        .replace(tzinfo=UTC)
        .astimezone(ZoneInfo("America/Los_Angeles"))
    )
    return int(session_id), local.replace(tzinfo=None)


def _intervals(database: Path, session_id: int) -> int:
    with sqlite3.connect(database) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM attendance_interval WHERE session_id = ?", (session_id,)
        ).fetchone()
    return int(count)


def test_import_previews_then_commits(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "upgrade").returncode == 0
    assert run("demo").returncode == 0
    database = tmp_path / "echo.sqlite3"
    session_id, local_start = _held_session(database)
    report = tmp_path / "zoom.csv"
    report.write_bytes(demo_zoom_report(local_start))
    before = _intervals(database, session_id)  # the demo learners' (echo.demo_outcomes)

    dry = run("attendance", "import", str(report), "--session", str(session_id), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "pediatrician@example.org\tpediatrician@example.org\t60 min" in dry.stdout
    assert "R. Guest\tUNMATCHED\t38 min" in dry.stdout
    assert "nothing changed (--dry-run)" in dry.stdout
    assert _intervals(database, session_id) == before

    done = run("attendance", "import", str(report), "--session", str(session_id))
    assert done.returncode == 0, done.stderr
    assert "3 matched, 1 unmatched; imported" in done.stdout
    assert _intervals(database, session_id) > before

    unknown = tmp_path / "grades.csv"
    unknown.write_text("Student,Score\nAnn,3\n")
    refused = run("attendance", "import", str(unknown), "--session", str(session_id))
    assert refused.returncode == 2 and "Student,Score" in refused.stderr
    missing = run("attendance", "import", str(report), "--session", "999999")
    assert missing.returncode == 2 and "No session has the id 999999" in missing.stderr
