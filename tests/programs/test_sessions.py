"""Schedules and sessions through HTTP: who may change them, previews, conflicts, links."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from sqlmodel import select
from starlette.testclient import TestClient

from echo.attendance import services as attendance
from echo.db import Database
from echo.programs.models import Program, ProgramSession
from echo.timeutil import utcnow
from tests.helpers import logged_in, page_csrf, post_form, text_of

SCHEDULE = {
    "first_date": "2027-01-05",
    "start_time": "12:00",
    "duration_minutes": "60",
    "time_zone": "America/Los_Angeles",
    "kind": "weekly",
    "interval": "1",
    "weekdays": "1",
    "end": "count",
    "count": "6",
    "meeting_url": "https://meeting.example.org/j/1",
}


def _new_program(client: TestClient, slug: str = "new-echo") -> None:
    response = post_form(
        client,
        "/hubs/cascadia/programs/new",
        {
            "title": "New ECHO",
            "slug": slug,
            "status": "open",
            "visibility": "public",
            "enrollment_mode": "auto",
        },
        "/hubs/cascadia/programs/new",
    )
    assert response.status_code == 303


def _sessions(database: Database, slug: str) -> list[ProgramSession]:
    with database.read() as session:
        program = session.exec(select(Program).where(Program.slug == slug)).one()
        return list(
            session.exec(
                select(ProgramSession)
                .where(ProgramSession.program_id == program.id)
                .order_by(ProgramSession.starts_at)  # type: ignore[arg-type]
            )
        )


def test_schedule_preview_then_apply(client: TestClient, database: Database) -> None:
    logged_in(client, "coordinator@example.org")
    _new_program(client)
    preview = post_form(
        client,
        "/programs/new-echo/schedule",
        {**SCHEDULE, "action": "preview"},
        "/programs/new-echo/schedule",
    )
    assert preview.status_code == 200
    assert "6 new sessions, from Tue 5 Jan 2027, 12:00 PST (America/Los_Angeles)." in text_of(
        preview.text
    )
    assert _sessions(database, "new-echo") == []  # a preview changes nothing
    applied = post_form(
        client,
        "/programs/new-echo/schedule",
        {**SCHEDULE, "action": "apply"},
        "/programs/new-echo/schedule",
    )
    assert applied.headers["location"] == "/programs/new-echo/sessions?notice=schedule-saved"
    created = _sessions(database, "new-echo")
    assert [s.occurrence_key for s in created] == [
        "2027-01-05T12:00",
        "2027-01-12T12:00",
        "2027-01-19T12:00",
        "2027-01-26T12:00",
        "2027-02-02T12:00",
        "2027-02-09T12:00",
    ]
    listing = text_of(client.get("/programs/new-echo/sessions").text)
    assert "Tue 5 Jan 2027, 12:00 PST (America/Los_Angeles) To be announced Upcoming" in listing


def test_bad_schedule_input_is_explained_and_changes_nothing(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    _new_program(client)
    bad = {**SCHEDULE, "kind": "rrule", "rule": "FREQ=FORTNIGHTLY", "action": "apply"}
    response = post_form(client, "/programs/new-echo/schedule", bad, "/programs/new-echo/schedule")
    assert response.status_code == 422
    assert 'id="rule-error"' in response.text
    assert 'value="FREQ=FORTNIGHTLY"' in response.text  # what was typed is kept
    reversed_end = {**SCHEDULE, "end": "until", "until": "2026-12-01", "action": "apply"}
    response = post_form(
        client, "/programs/new-echo/schedule", reversed_end, "/programs/new-echo/schedule"
    )
    assert "The last date must be on or after the first date." in response.text
    unknown_zone = {**SCHEDULE, "time_zone": "Pacific/Atlantis", "action": "apply"}
    response = post_form(
        client, "/programs/new-echo/schedule", unknown_zone, "/programs/new-echo/schedule"
    )
    assert 'id="time_zone-error"' in response.text
    assert _sessions(database, "new-echo") == []


def test_number_and_date_fields_carry_their_limits_for_the_browser(client: TestClient) -> None:
    logged_in(client, "coordinator@example.org")
    page = client.get("/programs/peds-mh-echo/schedule").text
    assert re.search(
        r'<input id="duration_minutes"[^>]* min="5" max="480" inputmode="numeric">', page
    )
    assert re.search(r'<input id="first_date"[^>]* min="2000-01-01" max="\d{4}-\d{2}-\d{2}">', page)
    assert "Dates from 2000-01-01 to " in text_of(page)


@pytest.mark.parametrize(
    ("rule", "field", "message"),
    [
        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "first_date", "No session falls between"),
        ("FREQ=DAILY;BYMONTH=13", "first_date", "No session falls between"),
        ("garbage", "rule", "Write one RFC 5545 rule, such as FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"),
        ("FREQ=HOURLY", "rule", "Sessions cannot repeat more often than daily."),
    ],
)
def test_a_rule_that_gives_no_sessions_or_cannot_be_read_is_explained(
    client: TestClient, database: Database, rule: str, field: str, message: str
) -> None:
    logged_in(client, "coordinator@example.org")
    _new_program(client)
    for action in ("preview", "apply"):
        answer = post_form(
            client,
            "/programs/new-echo/schedule",
            {**SCHEDULE, "kind": "rrule", "rule": rule, "action": action},
            "/programs/new-echo/schedule",
        )
        assert answer.status_code == 422
        assert f'id="{field}-error"' in answer.text and message in text_of(answer.text)
    assert _sessions(database, "new-echo") == []


def test_an_until_in_utc_ends_the_series_on_the_programs_clock(client: TestClient) -> None:
    """RFC 5545 asks for UNTIL in UTC when the start has a zone; 08:00 UTC on 26 January is
    midnight in Los Angeles, so the series ends with the session of the 19th."""
    logged_in(client, "coordinator@example.org")
    _new_program(client)
    rule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20270126T080000Z"
    preview = post_form(
        client,
        "/programs/new-echo/schedule",
        {**SCHEDULE, "kind": "rrule", "rule": rule, "action": "preview"},
        "/programs/new-echo/schedule",
    )
    assert preview.status_code == 200
    assert "3 new sessions, from Tue 5 Jan 2027" in text_of(preview.text)


@pytest.mark.parametrize(
    "email", ["outsider@example.org", "pediatrician@example.org", "coordinator2@example.org"]
)
def test_only_the_hub_team_changes_schedules_and_sessions(client: TestClient, email: str) -> None:
    logged_in(client, email)
    assert client.get("/programs/peds-mh-echo/schedule").status_code == 404
    first = (
        client.get("/programs/peds-mh-echo/sessions")
        .text.split('href="/sessions/')[1]
        .split('"')[0]
    )
    assert client.get(f"/sessions/{first}/edit").status_code == 404
    response = post_form(
        client, f"/sessions/{first}/edit", {"action": "cancel", "reason": "x"}, "/me/programs"
    )
    assert response.status_code == 404


def test_faculty_may_edit_the_schedule(client: TestClient) -> None:
    logged_in(client, "faculty@example.org")
    assert "Preview changes" in client.get("/programs/peds-mh-echo/schedule").text


def test_changing_the_schedule_keeps_past_and_customized_sessions(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    before = _sessions(database, "peds-mh-echo")
    now = utcnow()
    past = [s for s in before if s.starts_at <= now]
    cancelled = [s for s in before if s.status == "cancelled"]
    moved = [s for s in before if s.moved]
    assert past and len(cancelled) == 1 and len(moved) == 1
    # Move the series from Tuesdays to Thursdays.
    with database.read() as session:
        schedule = session.exec(sa.text("SELECT first_date FROM program_schedule")).first()
    first_date = str(schedule[0])
    data = {
        **SCHEDULE,
        "first_date": first_date,
        "interval": "2",
        "weekdays": "3",
        "count": "12",
        "action": "preview",
    }
    preview = text_of(
        post_form(
            client, "/programs/peds-mh-echo/schedule", data, "/programs/peds-mh-echo/schedule"
        ).text
    )
    assert "Sessions kept as they are" in preview
    post_form(
        client,
        "/programs/peds-mh-echo/schedule",
        {**data, "action": "apply"},
        "/programs/peds-mh-echo/schedule",
    )
    after = {s.id: s for s in _sessions(database, "peds-mh-echo")}
    # Every demo session has a didactic (the curriculum) or is past, so all stay as they were.
    for kept in before:
        assert after[kept.id].starts_at == kept.starts_at
    assert past + cancelled + moved
    added = [s for s in after.values() if s.id not in {b.id for b in before}]
    assert added, "the Thursday slots were created"
    assert {date.fromisoformat(str(s.occurrence_key)[:10]).weekday() for s in added} == {3}
    assert all(s.starts_at > now for s in added)  # no invented past meetings


def test_cancel_move_and_detail_changes_bump_sequence(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    target = next(
        s
        for s in _sessions(database, "peds-mh-echo")
        if s.starts_at > utcnow() and s.status == "scheduled" and not s.moved
    )
    edit = f"/sessions/{target.id}/edit"
    missing = post_form(client, edit, {"action": "cancel", "reason": ""}, edit)
    assert missing.status_code == 422 and 'id="reason-error"' in missing.text
    assert (
        post_form(
            client, edit, {"action": "cancel", "reason": "Clinic closed for training"}, edit
        ).status_code
        == 303
    )
    page = text_of(client.get(f"/sessions/{target.id}").text)
    assert "Cancelled. Clinic closed for training" in page
    post_form(client, edit, {"action": "restore"}, edit)
    moved = post_form(
        client,
        edit,
        {"action": "move", "date": "2027-06-02", "time": "12:00", "duration_minutes": "90"},
        edit,
    )
    assert moved.status_code == 303
    post_form(
        client,
        edit,
        {
            "action": "details",
            "title": "Special session",
            "didactic_title": "Sleep problems",
            "didactic_objectives": "Describe sleep hygiene",
            "resource_ids": "bright-futures",
        },
        edit,
    )
    after = next(s for s in _sessions(database, "peds-mh-echo") if s.id == target.id)
    assert after.sequence == target.sequence + 4
    assert after.moved and (after.ends_at - after.starts_at) == timedelta(minutes=90)
    assert after.starts_at.isoformat() == "2027-06-02T19:00:00+00:00"  # 12:00 PDT
    bad = post_form(client, edit, {"action": "details", "resource_ids": "no-such-toolkit"}, edit)
    assert bad.status_code == 422 and "Unknown toolkit ids: no-such-toolkit." in bad.text


def test_meeting_link_only_for_participants_and_only_from_30_minutes_before(
    client: TestClient, make_client: object, database: Database
) -> None:
    target = next(
        s
        for s in _sessions(database, "peds-mh-echo")
        if s.starts_at > utcnow() and s.status == "scheduled"
    )
    participant = logged_in(client, "pediatrician@example.org")
    far = text_of(participant.get(f"/sessions/{target.id}").text)
    assert "The meeting link appears here 30 minutes before the start." in far
    with database.write() as session:
        row = session.get(ProgramSession, target.id)
        assert row is not None
        row.starts_at = utcnow() + timedelta(minutes=20)
        row.ends_at = row.starts_at + timedelta(hours=1)
        session.add(row)
    soon = participant.get(f"/sessions/{target.id}").text
    assert 'href="https://meeting.example.org/j/123456789"' in soon
    outsider = make_client()  # type: ignore[operator]
    logged_in(outsider, "outsider@example.org")
    other = outsider.get(f"/sessions/{target.id}").text
    assert "meeting.example.org" not in other
    assert "The meeting link is for enrolled participants and hub members." in text_of(other)
    anonymous = TestClient(client.app).get(f"/sessions/{target.id}").text
    assert "meeting.example.org" not in anonymous


def test_session_page_shows_didactic_objectives_and_resources(
    client: TestClient, database: Database
) -> None:
    first = _sessions(database, "peds-mh-echo")[0]
    page = text_of(client.get(f"/sessions/{first.id}").text)
    assert first.didactic_title in page
    assert "Learning objectives: after this session participants will be able to" in page
    assert "Case presentations" in page


def test_private_program_sessions_are_404_for_outsiders(
    client: TestClient, database: Database
) -> None:
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        program.visibility = "private"
        session.add(program)
    first = _sessions(database, "peds-mh-echo")[0]
    assert client.get(f"/sessions/{first.id}").status_code == 404
    assert client.get("/programs/peds-mh-echo/sessions").status_code == 404
    logged_in(client, "pediatrician@example.org")
    assert client.get(f"/sessions/{first.id}").status_code == 200


def test_apply_curriculum_in_the_browser(client: TestClient, database: Database) -> None:
    logged_in(client, "coordinator@example.org")
    _new_program(client)
    post_form(
        client,
        "/programs/new-echo/schedule",
        {**SCHEDULE, "action": "apply"},
        "/programs/new-echo/schedule",
    )
    page = client.get("/programs/new-echo/sessions").text
    token = page_csrf(client, "/programs/new-echo/sessions")
    missing = client.post(
        "/programs/new-echo/curriculum", data={"csrf_token": token, "curriculum": "nope.toml"}
    )
    assert missing.status_code == 422 and 'id="curriculum-error"' in missing.text
    preview = client.post(
        "/programs/new-echo/curriculum",
        data={"csrf_token": token, "curriculum": "peds-mh-core.toml"},
    )
    assert preview.status_code == 200  # a preview first, nothing saved
    assert "6 upcoming sessions get a topic" in text_of(preview.text)
    assert not any(s.didactic_title for s in _sessions(database, "new-echo"))
    response = client.post(
        "/programs/new-echo/curriculum",
        data={"csrf_token": token, "curriculum": "peds-mh-core.toml", "action": "apply"},
    )
    assert response.headers["location"] == "/programs/new-echo/sessions?notice=curriculum-applied"
    titles = [s.didactic_title for s in _sessions(database, "new-echo")]
    assert titles[0] == "Mental health screening and office workflow"
    assert all(titles) and len(set(titles)) == 6
    assert 'value="peds-mh-core.toml"' in page


def test_a_schedule_change_keeps_upcoming_sessions_with_check_ins(
    database: Database, demo_data: None
) -> None:
    """lakeshore-anxiety-echo meets on first Wednesdays with no curriculum; moving it to
    Thursdays would remove its upcoming sessions, except one somebody already checked in to."""
    from datetime import time

    from echo.accounts.models import User
    from echo.attendance.models import CheckIn
    from echo.programs import recurrence, sessions

    with database.write() as session:
        program = session.exec(
            select(Program).where(Program.slug == "lakeshore-anxiety-echo")
        ).one()
        upcoming = sessions.upcoming(session, program.id or 0)
        plain = [s for s in upcoming if not s.is_customized]
        assert len(plain) >= 2
        someone = session.exec(select(User)).first()
        assert someone is not None
        session.add(CheckIn(session_id=plain[0].id or 0, user_id=someone.id or 0))
        session.flush()
        schedule = sessions.schedule_of(session, program.id or 0)
        assert schedule is not None
        spec = recurrence.ScheduleSpec(
            first_date=schedule.first_date,
            start_time=time(17, 0),
            duration_minutes=60,
            time_zone=schedule.time_zone,
            recurrence=recurrence.Recurrence("monthly", month_week=1, month_weekday=4),
            count=9,
        )
        plan = sessions.plan_schedule(session, program, spec, in_use=attendance.sessions_in_use)
    assert plain[0].id in {s.id for s in plan.conflicts}
    assert plain[1].id in {s.id for s in plan.remove}


def _demo_series_at(database: Database, start_time: str) -> dict[str, str]:
    """The schedule form for the demo series as it is stored, with another start time."""
    with database.read() as session:
        row = session.exec(
            sa.text("SELECT first_date, weekdays, count, interval FROM program_schedule")  # type: ignore[call-overload]
        ).first()
    return {
        **SCHEDULE,
        "first_date": str(row[0]),
        "weekdays": str(row[1]).split(",")[0],
        "count": str(row[2]),
        "interval": str(row[3]),
        "start_time": start_time,
    }


def test_moving_the_start_time_moves_kept_sessions_instead_of_doubling_the_day(
    client: TestClient, database: Database
) -> None:
    """Issue 14: the demo series has a didactic in every upcoming session (kept by a schedule
    change). Moving the start from 12:00 to 12:30 used to preview new sessions beside the
    kept ones, two a day; now the preview says so, and by default the kept sessions move."""
    logged_in(client, "coordinator@example.org")
    before = _sessions(database, "peds-mh-echo")
    now = utcnow()
    data = {**_demo_series_at(database, "12:30"), "action": "preview"}
    preview = text_of(
        post_form(
            client, "/programs/peds-mh-echo/schedule", data, "/programs/peds-mh-echo/schedule"
        ).text
    )
    assert "a second session unless the kept" in preview
    assert "Move the kept sessions to the new time (recommended)" in preview
    assert _sessions(database, "peds-mh-echo") == before  # a preview changes nothing
    post_form(
        client,
        "/programs/peds-mh-echo/schedule",
        {**data, "action": "apply"},
        "/programs/peds-mh-echo/schedule",
    )
    after = _sessions(database, "peds-mh-echo")
    upcoming = [s for s in after if s.starts_at.replace(tzinfo=None) > now.replace(tzinfo=None)]
    days = [str(s.occurrence_key)[:10] for s in upcoming if s.status != "cancelled"]
    assert len(days) == len(set(days)), "no day has two sessions"
    kept = {s.id: s for s in before if s.didactic_title and s.status != "cancelled"}
    moved = [s for s in after if s.id in kept and s.starts_at != kept[s.id].starts_at]
    assert moved, "the kept sessions moved to 12:30"
    assert all(str(s.occurrence_key).endswith("T12:30") for s in moved)
    assert all(s.didactic_title == kept[s.id].didactic_title for s in moved)


def test_keeping_both_sessions_on_a_day_is_a_choice(client: TestClient, database: Database) -> None:
    logged_in(client, "coordinator@example.org")
    before = _sessions(database, "peds-mh-echo")
    data = {**_demo_series_at(database, "12:30"), "same_day": "both"}
    preview = text_of(
        post_form(
            client,
            "/programs/peds-mh-echo/schedule",
            {**data, "action": "preview"},
            "/programs/peds-mh-echo/schedule",
        ).text
    )
    assert "both sessions stay on those days" in preview
    post_form(
        client,
        "/programs/peds-mh-echo/schedule",
        {**data, "action": "apply"},
        "/programs/peds-mh-echo/schedule",
    )
    after = {s.id: s for s in _sessions(database, "peds-mh-echo")}
    for kept in before:
        assert after[kept.id].starts_at == kept.starts_at  # nothing moved
    assert len(after) > len(before)  # the new times were added beside them


def test_sessions_are_labelled_held_upcoming_moved_or_cancelled(
    client: TestClient, database: Database
) -> None:
    """Issue 14: past sessions were labelled "Scheduled"; the list now says what each is."""
    logged_in(client, "coordinator@example.org")
    page = client.get("/programs/peds-mh-echo/sessions")
    states = re.findall(r'<span class="badge badge-(\w+)">([^<]+)</span>', page.text)
    now = utcnow()
    expected = []
    for s in _sessions(database, "peds-mh-echo"):
        ends = s.ends_at.replace(tzinfo=now.tzinfo)
        if s.status == "cancelled":
            expected.append(("cancelled", "Cancelled"))
        elif ends <= now:
            expected.append(("held", "Held"))
        elif s.moved:
            expected.append(("moved", "Moved"))
        else:
            expected.append(("upcoming", "Upcoming"))
    assert states == expected
    assert {"held", "upcoming", "moved", "cancelled"} <= {state for state, _ in states}


def test_a_curriculum_is_previewed_started_at_a_chosen_topic_and_undone(
    client: TestClient, database: Database
) -> None:
    """Issue 14: "Apply curriculum" rewrote seven upcoming didactics in one click, from
    topic 1, with no preview and no undo."""
    logged_in(client, "coordinator@example.org")
    before = {s.id: s.didactic_title for s in _sessions(database, "peds-mh-echo")}
    token = page_csrf(client, "/programs/peds-mh-echo/sessions")
    data = {"csrf_token": token, "curriculum": "peds-mh-core.toml", "start_topic": "3"}
    preview = text_of(client.post("/programs/peds-mh-echo/curriculum", data=data).text)
    assert "What the curriculum would change" in preview and "from topic 3" in preview
    assert "(replaced)" in preview  # the demo's didactics that would change are named
    assert {s.id: s.didactic_title for s in _sessions(database, "peds-mh-echo")} == before
    applied = client.post("/programs/peds-mh-echo/curriculum", data={**data, "action": "apply"})
    assert applied.status_code == 303
    now = utcnow()
    upcoming = [
        s
        for s in _sessions(database, "peds-mh-echo")
        if s.starts_at.replace(tzinfo=now.tzinfo) > now and s.status != "cancelled"
    ]
    assert upcoming[0].topic_id and upcoming[0].didactic_title != before[upcoming[0].id]
    page = text_of(client.get("/programs/peds-mh-echo/sessions").text)
    assert "Undo this curriculum change" in page
    undone = client.post("/programs/peds-mh-echo/curriculum/undo", data={"csrf_token": token})
    assert undone.headers["location"].endswith("notice=curriculum-undone")
    assert {s.id: s.didactic_title for s in _sessions(database, "peds-mh-echo")} == before
    again = client.post("/programs/peds-mh-echo/curriculum/undo", data={"csrf_token": token})
    assert again.status_code == 422 and "no curriculum change to undo" in again.text


def test_a_curriculum_change_is_undone_only_within_a_day(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    token = page_csrf(client, "/programs/peds-mh-echo/sessions")
    data = {"csrf_token": token, "curriculum": "peds-mh-core.toml", "action": "apply"}
    assert client.post("/programs/peds-mh-echo/curriculum", data=data).status_code == 303
    with database.write() as session:
        session.exec(  # type: ignore[call-overload]
            sa.text("UPDATE curriculum_change SET applied_at = :at"),
            params={"at": utcnow() - timedelta(hours=25)},
        )
    assert "Undo this curriculum change" not in client.get("/programs/peds-mh-echo/sessions").text
    late = client.post("/programs/peds-mh-echo/curriculum/undo", data={"csrf_token": token})
    assert late.status_code == 422


def test_only_the_hubs_team_previews_applies_or_undoes_a_curriculum(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    token = page_csrf(client, "/programs/peds-mh-echo/sessions")
    for path in ("/programs/peds-mh-echo/curriculum", "/programs/peds-mh-echo/curriculum/undo"):
        answer = client.post(path, data={"csrf_token": token, "curriculum": "peds-mh-core.toml"})
        assert answer.status_code in (403, 404)
