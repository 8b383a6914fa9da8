"""Calendar feeds served by Echo: content, privacy, personal tokens and conditional GET."""

from __future__ import annotations

import re
from datetime import date
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar
from sqlmodel import select
from starlette.testclient import TestClient

from echo.db import Database
from echo.programs.models import Program
from tests.helpers import logged_in, post_form

LA = ZoneInfo("America/Los_Angeles")


def _calendar(body: bytes) -> Calendar:
    return Calendar.from_ical(body)


def _events(calendar: Calendar) -> list[dict[str, object]]:
    return list(recurring_ical_events.of(calendar).between(date(2000, 1, 1), date(2100, 1, 1)))


def _personal_url(client: TestClient) -> str:
    match = re.search(
        r'value="http://127\.0\.0\.1:8000(/calendar/[^"]+\.ics)"', client.get("/me/profile").text
    )
    assert match
    return match.group(1)


def test_demo_program_feed_is_public_and_keeps_local_noon(client: TestClient) -> None:
    response = client.get("/programs/peds-mh-echo/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    calendar = _calendar(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Pediatric Mental Health in Primary Care ECHO"
    assert str(calendar["NAME"]) == "Pediatric Mental Health in Primary Care ECHO"
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"PT12H"
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"America/Los_Angeles"}
    events = _events(calendar)
    assert len(events) == 12
    cancelled = [e for e in events if str(e["STATUS"]) == "CANCELLED"]
    assert len(cancelled) == 1
    starts = [e["DTSTART"].dt.astimezone(LA) for e in events]
    assert {(s.hour, s.minute) for s in starts} == {(12, 0)}
    weekdays = sorted(s.strftime("%A") for s in starts)
    assert weekdays.count("Tuesday") == 11 and weekdays.count("Wednesday") == 1
    assert all("LOCATION" not in e for e in events)  # meeting links only in personal feeds
    assert all(str(e["URL"]).startswith("http://127.0.0.1:8000/sessions/") for e in events)
    again = _events(_calendar(client.get("/programs/peds-mh-echo/calendar.ics").content))
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]


def test_conditional_get_answers_304(client: TestClient) -> None:
    first = client.get("/programs/peds-mh-echo/calendar.ics")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert (
        client.get(
            "/programs/peds-mh-echo/calendar.ics", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    by_date = client.get(
        "/programs/peds-mh-echo/calendar.ics", headers={"If-Modified-Since": modified}
    )
    assert by_date.status_code == 304
    assert by_date.content == b""


def test_a_change_changes_the_etag_and_sequence(client: TestClient, database: Database) -> None:
    before = client.get("/programs/peds-mh-echo/calendar.ics")
    uid_sequence = {
        str(e["UID"]): int(e["SEQUENCE"]) for e in _calendar(before.content).walk("VEVENT")
    }
    logged_in(client, "coordinator@example.org")
    page = client.get("/programs/peds-mh-echo/sessions").text
    session_id = page.split('href="/sessions/')[-1].split('"')[0]
    edit = f"/sessions/{session_id}/edit"
    post_form(client, edit, {"action": "details", "title": "Renamed session"}, edit)
    after = client.get(
        "/programs/peds-mh-echo/calendar.ics", headers={"If-None-Match": before.headers["etag"]}
    )
    assert after.status_code == 200
    changed = {str(e["UID"]): int(e["SEQUENCE"]) for e in _calendar(after.content).walk("VEVENT")}
    uid = f"echo-session-{session_id}@127.0.0.1"
    assert changed[uid] == uid_sequence[uid] + 1
    assert set(changed) == set(uid_sequence)


def test_private_program_feed_needs_a_personal_token(
    client: TestClient, database: Database
) -> None:
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        program.visibility = "private"
        session.add(program)
    assert client.get("/programs/peds-mh-echo/calendar.ics").status_code == 404
    logged_in(client, "pediatrician@example.org")
    token = _personal_url(client).removeprefix("/calendar/").removesuffix(".ics")
    anonymous = TestClient(client.app)
    assert anonymous.get(f"/programs/peds-mh-echo/calendar.ics?token={token}").status_code == 200
    assert anonymous.get("/programs/peds-mh-echo/calendar.ics?token=forged").status_code == 404


def test_personal_feed_has_meeting_links_and_reset_invalidates_it(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    url = _personal_url(client)
    anonymous = TestClient(client.app)
    events = _events(_calendar(anonymous.get(url).content))
    assert len(events) == 12
    assert {str(e.get("LOCATION")) for e in events} == {"https://meeting.example.org/j/123456789"}
    response = post_form(client, "/me/calendar/reset", {}, "/me/profile")
    assert response.headers["location"] == "/me/profile?notice=feed-reset"
    assert anonymous.get(url).status_code == 404
    new_url = _personal_url(client)
    assert new_url != url
    assert anonymous.get(new_url).status_code == 200


def test_faculty_personal_feed_includes_the_programs_they_teach(client: TestClient) -> None:
    logged_in(client, "faculty@example.org")
    events = _events(_calendar(TestClient(client.app).get(_personal_url(client)).content))
    assert len(events) == 12


def test_single_session_event(client: TestClient) -> None:
    page = client.get("/programs/peds-mh-echo/sessions").text
    session_id = page.split('href="/sessions/')[1].split('"')[0]
    response = client.get(f"/sessions/{session_id}/event.ics")
    assert response.status_code == 200
    events = list(_calendar(response.content).walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == [f"echo-session-{session_id}@127.0.0.1"]
    assert client.get("/sessions/999999/event.ics").status_code == 404
