"""Attendance through HTTP: check-in (button and code), report import with preview,
matching, adjustments, rosters and CSV; on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo import housekeeping
from echo.app import create_app
from echo.attendance import imports
from echo.attendance.models import AttendanceInterval, AttendanceUpload, CheckIn, ReportImport
from echo.db import Database
from echo.programs.models import Program, ProgramSession, SessionStatus
from echo.settings import Settings
from echo.timeutil import utcnow
from tests.conftest import test_settings
from tests.helpers import age_previews, csrf_from, logged_in, page_csrf, post_form, text_of

MakeClient = Callable[[], TestClient]


def _session_now(database: Database) -> int:
    """A peds-mh-echo session that started ten minutes ago and lasts an hour."""
    return _session_of(database, "peds-mh-echo")


def _session_of(database: Database, slug: str) -> int:
    """A session of ``slug`` that started ten minutes ago and lasts an hour."""
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == slug)).one()
        start = utcnow().replace(microsecond=0) - timedelta(minutes=10)
        added = ProgramSession(
            program_id=program.id or 0, starts_at=start, ends_at=start + timedelta(hours=1)
        )
        session.add(added)
        session.flush()
        return added.id or 0


def _past_session(database: Database) -> ProgramSession:
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        return session.exec(
            select(ProgramSession)
            .where(
                ProgramSession.program_id == program.id,
                col(ProgramSession.ends_at) < utcnow(),
                ProgramSession.status == SessionStatus.scheduled.value,
            )
            .order_by(col(ProgramSession.starts_at))
        ).first()  # type: ignore[return-value]


def test_check_in_is_one_idempotent_click(client: TestClient, database: Database) -> None:
    session_id = _session_now(database)
    logged_in(client, "pediatrician@example.org")
    page = client.get(f"/sessions/{session_id}").text
    assert "Check in</button>" in page
    for _ in range(2):
        response = post_form(
            client, f"/sessions/{session_id}/check-in", {}, f"/sessions/{session_id}"
        )
        assert response.status_code == 303
    with database.write() as session:
        rows = session.exec(select(CheckIn).where(CheckIn.session_id == session_id)).all()
    assert len(rows) == 1
    page = text_of(client.get(f"/sessions/{session_id}").text)
    assert "You checked in at" in page and "Check out (leaving early)" in page


def test_check_in_by_code_and_wrong_code(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    session_id = _session_now(database)
    coordinator = logged_in(make_client(), "coordinator@example.org")
    attendance = coordinator.get(f"/sessions/{session_id}/attendance").text
    code = re.search(r'class="code"[^>]*>([A-Z0-9]{6})<', attendance)
    assert code, "the facilitator sees the session code"
    qr = coordinator.get(f"/sessions/{session_id}/check-in-code.svg")
    assert qr.status_code == 200 and qr.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content

    logged_in(client, "np@example.org")
    page = client.get(f"/check-in?code={code.group(1).lower()}").text
    assert f'value="{code.group(1)}"' in page  # the QR link fills the code in
    wrong = client.post("/check-in", data={"code": "AAAAAA", "csrf_token": csrf_from(page)})
    assert wrong.status_code == 422 and 'id="code-error"' in wrong.text
    right = client.post("/check-in", data={"code": code.group(1), "csrf_token": csrf_from(page)})
    assert right.status_code == 303 and right.headers["location"].startswith(
        f"/sessions/{session_id}"
    )
    roster = text_of(coordinator.get(f"/sessions/{session_id}/attendance").text)
    assert re.search(r"Nico [^|]*? Yes \d+ check-in", roster)


def test_outsiders_cannot_check_in_or_see_the_roster(
    client: TestClient, database: Database
) -> None:
    session_id = _session_now(database)
    logged_in(client, "outsider@example.org")
    token = page_csrf(client, "/me/profile")
    assert (
        client.post(f"/sessions/{session_id}/check-in", data={"csrf_token": token}).status_code
        == 404
    )
    assert client.get(f"/sessions/{session_id}/attendance").status_code == 404
    assert client.get(f"/sessions/{session_id}/attendance.csv").status_code == 404


def _zoom_report(program_session: ProgramSession, rows: list[tuple[str, str, int, int]]) -> bytes:
    """A Zoom 2024+ participants export; rows are (name, email, join, leave) in minutes
    from the session start, local to America/Los_Angeles as Zoom writes them."""
    from zoneinfo import ZoneInfo

    start = program_session.starts_at.astimezone(ZoneInfo("America/Los_Angeles"))
    lines = [
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "Recording disclaimer response,In waiting room"
    ]
    for name, email, join, leave in rows:
        joined = (start + timedelta(minutes=join)).strftime("%m/%d/%Y %I:%M:%S %p")
        left = (start + timedelta(minutes=leave)).strftime("%m/%d/%Y %I:%M:%S %p")
        lines.append(f'{name},{email},"{joined}","{left}",{leave - join + 1},No,OK,No')
    return ("\n".join(lines) + "\n").encode()


def _preview(
    coordinator: TestClient, session_id: int, data: bytes, name: str = "zoom.csv"
) -> object:
    page = f"/sessions/{session_id}/attendance"
    return coordinator.post(
        f"{page}/import",
        data={"csrf_token": page_csrf(coordinator, page)},
        files={"report": (name, data, "text/csv")},
    )


def _commit(coordinator: TestClient, session_id: int, preview_html: str) -> object:
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', preview_html)
    assert sha
    return coordinator.post(
        f"/sessions/{session_id}/attendance/import/commit",
        data={
            "sha256": sha.group(1),
            "filename": "zoom.csv",
            "csrf_token": csrf_from(preview_html),
        },
    )


def test_import_previews_commits_and_never_double_counts(
    client: TestClient, database: Database
) -> None:
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    report = _zoom_report(
        past,
        [
            # Two devices overlapping: union 0-50, not 45 + 40 minutes.
            ("Pat Pediatrician (Pat on iPad)", "PEDIATRICIAN@example.org", 0, 45),
            ("Pat Pediatrician", "pediatrician@example.org", 10, 50),
            ("Dr Unknown", "someone@elsewhere.example.org", -20, 30),  # clipped at the start
        ],
    )
    preview = _preview(coordinator, past.id or 0, report)
    assert preview.status_code == 200  # type: ignore[attr-defined]
    html = text_of(preview.text)  # type: ignore[attr-defined]
    assert "A Zoom report with 2 people" in html
    assert "Unmatched" in html
    with database.write() as session:  # the preview changed nothing
        assert not session.exec(
            select(AttendanceInterval).where(AttendanceInterval.session_id == past.id)
        ).all()
    assert _commit(coordinator, past.id or 0, preview.text).status_code == 303  # type: ignore[attr-defined]
    roster = text_of(coordinator.get(f"/sessions/{past.id}/attendance").text)
    assert re.search(r"Pediatrician[^|]*? Yes 50 report", roster), roster
    # "Import" clicked twice (or sent again after a timeout): the same import, said again.
    twice = _commit(coordinator, past.id or 0, preview.text)
    assert twice.status_code == 303  # type: ignore[attr-defined]
    assert "notice=attendance-imported" in twice.headers["location"]  # type: ignore[attr-defined]
    with database.read() as session:
        imported = session.exec(select(ReportImport).where(ReportImport.session_id == past.id))
        assert len(imported.all()) == 1

    # The same file again: still 50 minutes.
    again = _preview(coordinator, past.id or 0, report)
    assert _commit(coordinator, past.id or 0, again.text).status_code == 303  # type: ignore[attr-defined]
    roster = text_of(coordinator.get(f"/sessions/{past.id}/attendance").text)
    assert re.search(r"Pediatrician[^|]*? Yes 50 report", roster)

    # The unmatched person is matched by hand; the match is remembered for the next import.
    page = coordinator.get(f"/sessions/{past.id}/attendance").text
    form = re.search(r'action="(/sessions/\d+/attendance/unmatched/\d+)"', page)
    np_id = re.search(r'<option value="(\d+)">Nico', page)
    assert form and np_id
    bad = coordinator.post(form.group(1), data={"user_id": "", "csrf_token": csrf_from(page)})
    assert bad.status_code == 422
    matched = coordinator.post(
        form.group(1), data={"user_id": np_id.group(1), "csrf_token": csrf_from(page)}
    )
    assert matched.status_code == 303
    roster = text_of(coordinator.get(f"/sessions/{past.id}/attendance").text)
    assert re.search(r"Nico[^|]*? Yes 30 report", roster)
    later = _preview(coordinator, past.id or 0, report)
    assert "(by alias)" in later.text  # type: ignore[attr-defined]

    csv_text = coordinator.get(f"/sessions/{past.id}/attendance.csv").text
    assert "pediatrician@example.org" in csv_text and ",50,report," in csv_text


def test_adjustment_needs_a_reason_and_is_marked(client: TestClient, database: Database) -> None:
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    page_url = f"/sessions/{past.id}/attendance"
    page = coordinator.get(page_url).text
    person = re.search(r'<option value="(\d+)">Dr. Paula', page) or re.search(
        r'<option value="(\d+)">', page
    )
    assert person
    missing = post_form(
        coordinator, f"{page_url}/adjust", {"user_id": person.group(1), "minutes": "40"}, page_url
    )
    assert missing.status_code == 422 and 'id="reason-error"' in missing.text
    assert 'value="40"' in missing.text  # nothing typed is lost
    too_long = post_form(
        coordinator,
        f"{page_url}/adjust",
        {"user_id": person.group(1), "minutes": "600", "reason": "x"},
        page_url,
    )
    assert too_long.status_code == 422 and 'id="minutes-error"' in too_long.text
    saved = post_form(
        coordinator,
        f"{page_url}/adjust",
        {"user_id": person.group(1), "minutes": "40", "reason": "Joined by phone"},
        page_url,
    )
    assert saved.status_code == 303
    page = text_of(coordinator.get(page_url).text)
    assert "40 manual (adjusted)" in page and "Joined by phone" in page
    assert "0 → 40" in page


def test_unknown_format_and_oversized_files_are_refused(
    client: TestClient, database: Database
) -> None:
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    unknown = _preview(coordinator, past.id or 0, b"Student,Score\nAnn,3\n", "grades.csv")
    assert unknown.status_code == 422  # type: ignore[attr-defined]
    message = text_of(unknown.text)  # type: ignore[attr-defined]
    assert "zoom" in message.lower() and "teams" in message.lower() and "webex" in message.lower()
    assert "Student,Score" in message
    huge = _preview(coordinator, past.id or 0, b"x" * (10 * 1024 * 1024 + 1), "huge.csv")
    assert huge.status_code == 422 and "over 10 MB" in huge.text  # type: ignore[attr-defined]


def test_report_of_another_day_warns_before_commit(client: TestClient, database: Database) -> None:
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    report = _zoom_report(
        past, [("Pat", "pediatrician@example.org", 60 * 24 * 3, 60 * 24 * 3 + 50)]
    )
    preview = _preview(coordinator, past.id or 0, report)
    assert preview.status_code == 200  # type: ignore[attr-defined]
    assert "fall outside this session" in text_of(preview.text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", ["/me/attendance", "/me/attendance.csv"])
def test_participant_history(client: TestClient, path: str) -> None:
    logged_in(client, "pediatrician@example.org")
    response = client.get(path)
    assert response.status_code == 200


def test_extra_email_matches_reports(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    logged_in(client, "pediatrician@example.org")
    bad = post_form(client, "/me/emails", {"email": "not-an-email"}, "/me/attendance")
    assert bad.status_code == 422 and 'id="email-error"' in bad.text
    taken = post_form(client, "/me/emails", {"email": "np@example.org"}, "/me/attendance")
    assert taken.status_code == 422
    assert (
        post_form(
            client, "/me/emails", {"email": "Pat.Zoom@Clinic.example.org"}, "/me/attendance"
        ).status_code
        == 303
    )
    past = _past_session(database)
    coordinator = logged_in(make_client(), "coordinator@example.org")
    report = _zoom_report(past, [("P Z", "pat.zoom@clinic.example.org", 0, 30)])
    assert "(by email)" in _preview(coordinator, past.id or 0, report).text  # type: ignore[attr-defined]


def test_program_summary(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    page = client.get("/programs/peds-mh-echo/attendance")
    assert page.status_code == 200
    assert "unique participants" in text_of(page.text)


def _user_id(database: Database, email: str) -> str:
    with database.write() as session:
        return str(
            session.execute(
                sa.text("SELECT id FROM user_account WHERE email = :e"), {"e": email}
            ).scalar_one()
        )


def test_adjustments_only_by_the_sessions_hub_only_for_its_roster_never_oneself(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    peds = _session_of(database, "peds-mh-echo")
    lakeshore = _session_of(database, "lakeshore-anxiety-echo")
    pediatrician = _user_id(database, "pediatrician@example.org")
    faculty = _user_id(database, "faculty@example.org")
    with database.write() as session:
        before = session.execute(sa.text("SELECT count(*) FROM attendance_adjustment")).scalar()
    adjust = {"minutes": "50", "reason": "Joined by phone"}

    other_hub = logged_in(make_client(), "coordinator2@example.org")
    # Not their hub's session: no such page for them.
    refused = post_form(
        other_hub,
        f"/sessions/{peds}/attendance/adjust",
        {**adjust, "user_id": pediatrician},
        f"/sessions/{lakeshore}/attendance",
    )
    assert refused.status_code == 404
    # Their own session, but someone who is not on its roster.
    stranger = post_form(
        other_hub,
        f"/sessions/{lakeshore}/attendance/adjust",
        {**adjust, "user_id": pediatrician},
        f"/sessions/{lakeshore}/attendance",
    )
    assert stranger.status_code == 422
    assert "Choose a person from the roster." in text_of(stranger.text)
    roster = other_hub.get(f"/sessions/{lakeshore}/attendance.csv").text
    assert "pediatrician@example.org" not in roster

    teacher = logged_in(make_client(), "faculty@example.org")
    own = post_form(
        teacher,
        f"/sessions/{peds}/attendance/adjust",
        {**adjust, "user_id": faculty},
        f"/sessions/{peds}/attendance",
    )
    assert own.status_code == 422
    assert "Ask another coordinator or faculty member to change your minutes." in text_of(own.text)

    admin = logged_in(make_client(), "admin@example.org")  # runs the site, not the session
    by_admin = post_form(
        admin,
        f"/sessions/{peds}/attendance/adjust",
        {**adjust, "user_id": pediatrician},
        "/admin",
    )
    assert by_admin.status_code == 404

    with database.write() as session:
        after = session.execute(sa.text("SELECT count(*) FROM attendance_adjustment")).scalar()
    assert after == before
    # The session's own coordinator, for an enrolled participant: that is what works.
    coordinator = logged_in(client, "coordinator@example.org")
    done = post_form(
        coordinator,
        f"/sessions/{peds}/attendance/adjust",
        {**adjust, "user_id": pediatrician},
        f"/sessions/{peds}/attendance",
    )
    assert done.status_code == 303


def test_an_uncommitted_preview_expires_after_a_day_and_the_worker_deletes_it(
    client: TestClient, database: Database, settings: Settings
) -> None:
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    report = _zoom_report(past, [("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 50)])
    preview = _preview(coordinator, past.id or 0, report)
    assert preview.status_code == 200  # type: ignore[attr-defined]
    age_previews(database, imports.PREVIEW_LIFETIME + timedelta(minutes=1))

    late = _commit(coordinator, past.id or 0, preview.text)  # type: ignore[attr-defined]
    assert late.status_code == 422  # type: ignore[attr-defined]
    assert "That upload has expired; choose the file again." in text_of(late.text)  # type: ignore[attr-defined]
    fresh = _preview(coordinator, past.id or 0, report + b"\n")  # another file, kept now
    assert fresh.status_code == 200  # type: ignore[attr-defined]
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', fresh.text)  # type: ignore[attr-defined]
    assert digest is not None
    worker_database = Database(settings)
    housekeeping.tick(worker_database, settings)(utcnow())  # what the worker runs each pass
    worker_database.dispose()
    with database.read() as session:
        left = [(u.session_id, u.sha256) for u in session.exec(select(AttendanceUpload)).all()]
    assert left == [(past.id, digest.group(1))]


def test_a_preview_made_on_one_machine_is_imported_on_another(
    client: TestClient, database: Database, settings: Settings, tmp_path: Path
) -> None:
    """Two app machines, each with its own ECHO_VAR_DIR, on one database: the "Import"
    request may reach the machine that did not keep the preview."""
    past = _past_session(database)
    coordinator = logged_in(client, "coordinator@example.org")
    report = _zoom_report(past, [("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 50)])
    preview = _preview(coordinator, past.id or 0, report)
    assert preview.status_code == 200  # type: ignore[attr-defined]
    other = test_settings(settings.resolved_database_url, tmp_path / "machine-2")
    with TestClient(create_app(other), follow_redirects=False) as machine_two:
        machine_two.cookies.update(coordinator.cookies)  # the same browser, balanced elsewhere
        committed = _commit(machine_two, past.id or 0, preview.text)  # type: ignore[attr-defined]
        assert committed.status_code == 303  # type: ignore[attr-defined]
        roster = text_of(machine_two.get(f"/sessions/{past.id}/attendance").text)
    assert re.search(r"Pediatrician[^|]*? Yes 50 report", roster), roster
    with database.read() as session:
        assert session.exec(select(AttendanceUpload)).all() == []  # gone with its commit


def test_a_preview_commits_only_into_the_session_it_was_made_for(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    past = _past_session(database)
    other_peds = _session_now(database)
    lakeshore = _session_of(database, "lakeshore-anxiety-echo")
    coordinator = logged_in(client, "coordinator@example.org")
    report = _zoom_report(past, [("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 50)])
    preview = _preview(coordinator, past.id or 0, report)
    digest = re.search(r'name="sha256" value="([0-9a-f]{64})"', preview.text)  # type: ignore[attr-defined]
    assert digest is not None

    other_hub = logged_in(make_client(), "coordinator2@example.org")
    for who, session_id in ((other_hub, lakeshore), (coordinator, other_peds)):
        page = f"/sessions/{session_id}/attendance"
        stolen = post_form(
            who,
            f"{page}/import/commit",
            {"sha256": digest.group(1), "filename": "zoom.csv"},
            page,
        )
        assert stolen.status_code == 422
        assert "That upload has expired; choose the file again." in text_of(stolen.text)
    with database.write() as session:
        imported = session.exec(
            select(AttendanceInterval).where(
                col(AttendanceInterval.session_id).in_([other_peds, lakeshore])
            )
        ).all()
    assert imported == []
    kept = _commit(coordinator, past.id or 0, preview.text)  # type: ignore[attr-defined]
    assert kept.status_code == 303  # type: ignore[attr-defined]


def test_no_attendance_is_recorded_for_a_session_that_has_not_begun(
    client: TestClient, database: Database
) -> None:
    with database.write() as session:
        upcoming = session.exec(
            select(ProgramSession)
            .join(Program, col(Program.id) == ProgramSession.program_id)
            .where(Program.slug == "peds-mh-echo", col(ProgramSession.starts_at) > utcnow())
            .order_by(col(ProgramSession.starts_at))
        ).first()
    assert upcoming is not None
    coordinator = logged_in(client, "coordinator@example.org")
    page = f"/sessions/{upcoming.id}/attendance"
    pediatrician = _user_id(database, "pediatrician@example.org")
    adjusted = post_form(
        coordinator,
        f"{page}/adjust",
        {"user_id": pediatrician, "minutes": "30", "reason": "Joined by phone"},
        page,
    )
    imported = _preview(
        coordinator,
        upcoming.id or 0,
        _zoom_report(upcoming, [("Dr. Paula Pediatrician", "pediatrician@example.org", 0, 50)]),
    )
    for answer in (adjusted, imported):
        assert answer.status_code == 422  # type: ignore[attr-defined]
        assert "this one has not started yet" in text_of(answer.text)  # type: ignore[attr-defined]
