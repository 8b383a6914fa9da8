"""Attendance exports (docs/domain.md §3): every layout, exact seconds, refusals, interval algebra.

Seconds are worked out by hand from the fixture rows; a window is always the session's local
start and end, clipped by `Attendee.seconds_within`.
"""

from __future__ import annotations

import json
import os
import runpy
import time
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from echo.attendance.reports import (
    MAX_REPORT_BYTES,
    SUPPORTED_FORMATS,
    Attendee,
    ParsedReport,
    ReportError,
    clip,
    parse_report,
    total_seconds,
    union,
)

FIXTURES = Path(__file__).parent / "fixtures"

# Real exports with expected results, kept outside the project (not copied in).
SHARED = Path(os.environ.get("ECHO_ATTENDANCE_SAMPLES", "/work/shared/data/attendance"))
SHARED_SAMPLES = sorted(SHARED.glob("*.expected.json")) if SHARED.is_dir() else []

NEW_YORK, CHICAGO, DENVER, LOS_ANGELES = (
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)
LONDON, BERLIN, BRUSSELS = "Europe/London", "Europe/Berlin", "Europe/Brussels"


def local(zone: str, text: str) -> datetime:
    """An ISO time; without an offset it is local to `zone`."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(zone))


def parse(name: str, zone: str, session_date: date | None = None) -> ParsedReport:
    return parse_report((FIXTURES / name).read_bytes(), time_zone=zone, session_date=session_date)


def seconds(attendees: tuple[Attendee, ...], zone: str, start: str, end: str) -> dict[str, int]:
    """Seconds per person key within [start, end] (local times in `zone`)."""
    window = local(zone, start), local(zone, end)
    return {attendee.key: attendee.seconds_within(*window) for attendee in attendees}


def people(report: ParsedReport) -> list[tuple[str, str, str | None]]:
    return [(a.key, a.name, a.email) for a in report.attendees]


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, sec: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, sec, tzinfo=UTC)


# --- Zoom ------------------------------------------------------------------------------------


def test_zoom_2021_with_old_meeting_block() -> None:
    report = parse("zoom_2021_meeting_block.csv", NEW_YORK)
    assert report.format == "zoom"
    assert report.meeting_start == utc(2025, 1, 14, 16, 52, 10)  # 11:52:10 AM EST
    assert report.meeting_end == utc(2025, 1, 14, 18, 5)
    assert people(report) == [
        ("rosa.diaz@clinic.example.org", "Rosa Diaz", "rosa.diaz@clinic.example.org"),
        ("tom.reyes@peds.example.org", "Tom Reyes", "tom.reyes@peds.example.org"),
        ("Lee Park (he/him)", "Lee Park (he/him)", None),
    ]
    assert seconds(report.attendees, NEW_YORK, "2025-01-14T12:00", "2025-01-14T13:00") == {
        # 11:52:10-13:05:00, clipped at both ends to the whole hour.
        "rosa.diaz@clinic.example.org": 3600,
        # Laptop 12:03:30-12:20:00 (16m30s = 990), rejoin 12:22:15-12:58:45; the iPad row
        # 12:40:00-13:02:00 overlaps the rejoin, so that stretch is 12:22:15-13:02:00,
        # clipped to 13:00:00 (37m45s = 2265). 990 + 2265 = 3255; Zoom's rounded minutes
        # would say 17 + 37 + 22 = 76 min = 4560.
        "tom.reyes@peds.example.org": 3255,
        # No email: keyed by display name. 12:10:00-12:50:30 = 40m30s.
        "Lee Park (he/him)": 2430,
    }
    tom = report.attendees[1]
    assert tom.intervals == (  # merged, not clipped
        (utc(2025, 1, 14, 17, 3, 30), utc(2025, 1, 14, 17, 20)),
        (utc(2025, 1, 14, 17, 22, 15), utc(2025, 1, 14, 18, 2)),
    )
    assert (report.rows, report.skipped_waiting_room, report.warnings) == (5, 0, ())


def test_zoom_2024_with_new_meeting_block_and_waiting_room() -> None:
    report = parse("zoom_2024_waiting_room.csv", CHICAGO, date(2025, 7, 8))
    assert report.meeting_start == utc(2025, 7, 8, 16, 55)  # 11:55 AM CDT
    assert people(report) == [
        ("coordinator@hub.example.org", "Hub Coordinator", "coordinator@hub.example.org"),
        ("nia.brooks@clinic.example.org", "Nia Brooks", "nia.brooks@clinic.example.org"),
        ("Omar Haddad", "Omar Haddad", None),
    ]  # Wendy Waits never left the waiting room: not an attendee
    assert seconds(report.attendees, CHICAGO, "2025-07-08T12:00", "2025-07-08T13:00") == {
        "coordinator@hub.example.org": 3600,
        # The 11:58:00-12:01:30 waiting-room row does not count: 12:01:30-12:45:10 = 43m40s.
        "nia.brooks@clinic.example.org": 2620,
        # 12:30-12:35 in the waiting room, then 12:35:00-12:59:59 = 24m59s.
        "Omar Haddad": 1499,
    }
    assert (report.rows, report.skipped_waiting_room) == (6, 3)


def test_zoom_day_first_times_without_seconds() -> None:
    report = parse("zoom_day_first.csv", LONDON)  # 15/08/2022: 15 can only be the day
    assert report.meeting_start is None
    assert report.attendees[0].intervals[0][0] == utc(2022, 8, 15, 11, 55)  # 12:55 BST
    assert seconds(report.attendees, LONDON, "2022-08-15T13:00", "2022-08-15T14:00") == {
        "aoife.byrne@gp.example.org": 3600,  # 12:55-14:02, clipped at both ends
        # 13:05-13:40 and 13:38-13:50 overlap: one stretch 13:05-13:50 = 45 min.
        "Kwame Mensah": 2700,
    }


def test_zoom_german_headers() -> None:
    report = parse("zoom_german.csv", BERLIN)
    assert people(report) == [
        ("jonas.weber@praxis.example.org", "Jonas Weber", "jonas.weber@praxis.example.org"),
        ("Lena Vogel", "Lena Vogel", None),
    ]
    assert seconds(report.attendees, BERLIN, "2025-02-17T12:00", "2025-02-17T13:00") == {
        "jonas.weber@praxis.example.org": 3600,  # 11:59:00-13:00:30
        "Lena Vogel": 1800,  # "Im Warteraum" = Ja row skipped; 12:15-12:45
    }
    assert report.skipped_waiting_room == 1


def test_zoom_unique_users_counts_from_the_meeting_start_with_a_warning() -> None:
    report = parse("zoom_unique_users.csv", NEW_YORK)
    assert len(report.warnings) == 1 and "unique users" in report.warnings[0]
    assert seconds(report.attendees, NEW_YORK, "2025-02-11T12:00", "2025-02-11T13:00") == {
        "rosa.diaz@clinic.example.org": 3600,
        "tom.reyes@peds.example.org": 2700,  # 45 min laid from 12:00
        "Lee Park": 3600,  # 75 min (overlapping devices) cut at the meeting end, 13:00
    }
    # Tom counts 12:00-12:45, so a window starting at 12:30 sees 15 minutes of him.
    later = seconds(report.attendees, NEW_YORK, "2025-02-11T12:30", "2025-02-11T13:00")
    assert later["tom.reyes@peds.example.org"] == 900


def test_zoom_unique_users_without_meeting_start_is_refused() -> None:
    data = b"Name (Original Name),User Email,Total Duration (Minutes),Guest\nRosa Diaz,,60,No\n"
    with pytest.raises(ReportError) as caught:
        parse_report(data, time_zone=NEW_YORK)
    assert "join and leave times" in caught.value.message


def test_zoom_with_bom_and_row_of_commas() -> None:
    report = parse("zoom_bom_separator_row.csv", DENVER)
    assert report.meeting_start == utc(2025, 3, 4, 19)  # 12:00 MST
    (wei,) = report.attendees
    assert (wei.name, wei.email) == ("Chen, Wei", "wei.chen@peds.example.org")
    # 11:59:59-12:30:00 and 12:30:00-12:59:00 touch: one interval.
    assert wei.intervals == ((utc(2025, 3, 4, 18, 59, 59), utc(2025, 3, 4, 19, 59)),)
    assert seconds(report.attendees, DENVER, "2025-03-04T12:00", "2025-03-04T13:00") == {
        "wei.chen@peds.example.org": 3540  # 12:00:00-12:59:00
    }


def test_zoom_display_name_is_cut_at_the_last_balanced_parentheses() -> None:
    data = (
        b"Name (Original Name),User Email,Join Time,Leave Time\n"
        b"Sam (he/him) (Samuel Chen),,01/14/2025 12:00:00 PM,01/14/2025 12:01:00 PM\n"
        b"Ana (Dr. (Ana) Ruiz),,01/14/2025 12:00:00 PM,01/14/2025 12:01:00 PM\n"
        b"(Only Original),,01/14/2025 12:00:00 PM,01/14/2025 12:01:00 PM\n"
        b"Bo Lee),,01/14/2025 12:00:00 PM,01/14/2025 12:01:00 PM\n"
    )
    names = [a.name for a in parse_report(data, time_zone=NEW_YORK).attendees]
    assert names == ["Sam (he/him)", "Ana", "Only Original", "Bo Lee)"]


ZOOM_HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"


@pytest.mark.parametrize(
    ("row", "session_date", "expected_day"),
    [
        ("05/08/2022 12:00,05/08/2022 13:00", None, date(2022, 5, 8)),  # US by default
        ("05/08/2022 12:00,05/08/2022 13:00", date(2022, 8, 5), date(2022, 8, 5)),
        ("05/08/2022 12:00,05/08/2022 13:00", date(2022, 5, 8), date(2022, 5, 8)),
        ("05.08.2022 12:00,05.08.2022 13:00", None, date(2022, 8, 5)),  # dotted: day first
        ("12/31/2022 11:00 PM,01/01/2023 12:30 AM", None, date(2022, 12, 31)),
    ],
)
def test_day_month_order(row: str, session_date: date | None, expected_day: date) -> None:
    data = f"{ZOOM_HEADER}Ann Lee,,{row},60\n".encode()
    report = parse_report(data, time_zone="UTC", session_date=session_date)
    assert report.attendees[0].intervals[0][0].date() == expected_day


def test_one_unambiguous_date_sets_the_order_for_the_whole_file() -> None:
    data = (
        f"{ZOOM_HEADER}"
        "Ann Lee,,01/02/2024 23:50,01/02/2024 23:59,9\n"
        "Bo Park,,13/02/2024 00:10,13/02/2024 00:20,10\n"  # 13 can only be a day
    ).encode()
    ann, bo = parse_report(data, time_zone="UTC").attendees
    assert ann.intervals[0][0] == utc(2024, 2, 1, 23, 50)
    assert bo.intervals[0][0] == utc(2024, 2, 13, 0, 10)


def test_local_times_follow_daylight_saving() -> None:
    data = (
        f"{ZOOM_HEADER}"
        "Ann Lee,,03/08/2025 12:00:00 PM,03/08/2025 1:00:00 PM,60\n"  # Saturday: PST
        "Bo Park,,03/10/2025 12:00:00 PM,03/10/2025 1:00:00 PM,60\n"  # Monday: PDT
    ).encode()
    ann, bo = parse_report(data, time_zone=LOS_ANGELES).attendees
    assert ann.intervals[0][0] == utc(2025, 3, 8, 20)
    assert bo.intervals[0][0] == utc(2025, 3, 10, 19)


# --- Teams -----------------------------------------------------------------------------------


def test_teams_2022_us_locale_uses_the_in_meeting_activities() -> None:
    report = parse("teams_2022_us.csv", NEW_YORK)
    assert report.format == "teams"
    assert (report.meeting_start, report.meeting_end) == (
        utc(2025, 11, 26, 20, 58, 2),  # 3:58:02 PM EST
        utc(2025, 11, 26, 22, 2, 40),
    )
    assert people(report) == [
        ("grace.kim@hub.example.org", "Grace Kim", "grace.kim@hub.example.org"),
        ("dev.patel@clinic.example.org", "Dev Patel", "dev.patel@clinic.example.org"),
        ("Sara Lopez (Guest)", "Sara Lopez (Guest)", None),  # no email: keyed by name
    ]
    assert seconds(report.attendees, NEW_YORK, "2025-11-26T16:00", "2025-11-26T17:00") == {
        "grace.kim@hub.example.org": 3600,
        # Section 3: 4:05:00-4:20:00 (900), 4:26:00-4:55:30 (1770); the phone at 4:50-4:52
        # lies inside the second. 900 + 1770 = 2670. Section 2's first join / last leave
        # (4:05:00-4:55:30) would have said 3030.
        "dev.patel@clinic.example.org": 2670,
        "Sara Lopez (Guest)": 1386,  # 4:16:54-4:40:00 = 23m06s
    }
    assert (report.rows, report.warnings) == (5, ())


def test_teams_2022_without_activities_falls_back_to_participants() -> None:
    report = parse("teams_2022_no_activities.csv", BRUSSELS, date(2022, 11, 5))
    assert report.meeting_start == utc(2022, 11, 5, 8, 28)  # 05/11/22 read day first
    assert len(report.warnings) == 1 and "In-Meeting activities" in report.warnings[0]
    assert seconds(report.attendees, BRUSSELS, "2022-11-05T09:30", "2022-11-05T10:30") == {
        "marie.dubois@hub.example.org": 3600,
        "pieter.claes@gp.example.org": 1770,  # first join 09:40:30, last leave 10:10:00
    }
    # Without the session date every date reads either way and US order wins: 11 May.
    us = parse("teams_2022_no_activities.csv", BRUSSELS)
    assert us.meeting_start == utc(2022, 5, 11, 7, 28)


def test_teams_restarted_meeting_two_reports_do_not_double_count() -> None:
    day = date(2024, 3, 12)  # 12/03/2024 reads either way; the session date settles it
    first = parse("teams_restart_1.csv", BRUSSELS, day)
    second = parse("teams_restart_2.csv", BRUSSELS, day)
    merged: dict[str, list[tuple[datetime, datetime]]] = {}
    for attendee in (*first.attendees, *second.attendees):
        merged.setdefault(attendee.key, []).extend(attendee.intervals)
    start, end = local(BRUSSELS, "2024-03-12T12:00"), local(BRUSSELS, "2024-03-12T13:00")
    assert {
        key: total_seconds(clip(union(spans), start, end)) for key, spans in merged.items()
    } == {
        # 11:55-12:20 and 12:21:30-13:04 -> 12:00-12:20 (1200) + 12:21:30-13:00 (2310).
        "an.peeters@hub.example.org": 3510,
        # 12:02-12:22 in the first report, 12:21:45-12:58 in the second: they overlap by
        # 15 s, so one stretch 12:02-12:58 = 3360 (adding both reports would say 3375).
        "bram.maes@gp.example.org": 3360,
        "Chloé Martin": 900,  # 12:30-12:45, second report only
    }


def test_teams_2021_layout() -> None:
    report = parse("teams_2021.csv", LOS_ANGELES)
    assert report.meeting_start == utc(2021, 3, 25, 18, 58, 52)  # 11:58:52 AM PDT
    assert seconds(report.attendees, LOS_ANGELES, "2021-03-25T12:00", "2021-03-25T13:00") == {
        "hana.sato@hub.example.org": 3600,
        # 12:10:05-12:35:00 (1495) and 12:36:10-13:01:00 clipped to 13:00 (1430).
        "luis.romero@fp.example.org": 2925,
    }


def test_teams_2020_event_log() -> None:
    report = parse("teams_2020_log.csv", LOS_ANGELES)
    assert people(report) == [
        ("Hana Sato", "Hana Sato", None),
        ("Luis Romero", "Luis Romero", None),
        ("Mia Wong", "Mia Wong", None),
    ]
    assert seconds(report.attendees, LOS_ANGELES, "2020-04-07T12:00", "2020-04-07T13:00") == {
        # Joined 11:58:52, a second device 12:30-12:31 nests inside, left 1:05 PM.
        "Hana Sato": 3600,
        # "Joined before" 11:58:52, left 12:20 (1200 in the window); 12:25-12:50 (1500).
        "Luis Romero": 2700,
        # 12:05:00-12:40:30 = 2130; the 12:45 join never left and the log has no meeting
        # end, so it is not counted.
        "Mia Wong": 2130,
    }
    assert report.rows == 11
    assert len(report.warnings) == 1 and "Mia Wong" in report.warnings[0]


def test_teams_2020_open_join_ends_at_the_meeting_end_when_known() -> None:
    text = (
        "Meeting Summary\r\n"
        "Meeting End Time\t4/7/2020, 1:00:00 PM\r\n"
        "\r\n"
        "Full Name\tUser Action\tTimestamp\r\n"
        "Mia Wong\tJoined\t4/7/2020, 12:45:00 PM\r\n"
        "Mia Wong\tLeft\t4/7/2020, 12:10:00 PM\r\n"  # a leave before any join is ignored
    )
    report = parse_report(b"\xff\xfe" + text.encode("utf-16-le"), time_zone=LOS_ANGELES)
    (mia,) = report.attendees
    assert mia.intervals == ((utc(2020, 4, 7, 19, 45), utc(2020, 4, 7, 20)),)
    assert len(report.warnings) == 1 and "no 'Joined' before it" in report.warnings[0]


def test_teams_big_endian_and_bomless_utf16_read_the_same() -> None:
    text = (FIXTURES / "teams_2021.csv").read_bytes().decode("utf-16")
    little = parse("teams_2021.csv", LOS_ANGELES)
    for data in (b"\xfe\xff" + text.encode("utf-16-be"), text.encode("utf-16-le")):
        assert parse_report(data, time_zone=LOS_ANGELES) == little


# --- Webex -----------------------------------------------------------------------------------


def test_webex_meeting_merges_devices() -> None:
    report = parse("webex_meeting.csv", CHICAGO)
    assert report.format == "webex"
    assert (report.meeting_start, report.meeting_end) == (
        utc(2025, 6, 10, 16, 55),
        utc(2025, 6, 10, 18, 2),
    )
    assert seconds(report.attendees, CHICAGO, "2025-06-10T12:00", "2025-06-10T13:00") == {
        "ruth.adeyemi@hub.example.org": 3600,
        # Desktop 12:07:30-12:41:00 and phone 12:38:00-13:05:00 overlap: one stretch
        # 12:07:30-13:05:00, clipped to 13:00 = 52m30s. Webex's minutes: 34 + 27 = 61.
        "ben.okafor@peds.example.org": 3150,
        "Call-in User_1": 900,
    }


def test_webex_events_with_formula_escaped_times() -> None:
    report = parse("webex_events.csv", LONDON)
    assert report.meeting_start == utc(2025, 9, 16, 11)  # Event Start Time, 12:00 BST
    assert seconds(report.attendees, LONDON, "2025-09-16T12:00", "2025-09-16T13:00") == {
        # 11:50-12:10 clipped to 12:00-12:10 (600); 12:12-13:10 clipped to 13:00 (2880).
        "ellie.hughes@gp.example.org": 3480,
        "raj.singh@fp.example.org": 45,  # a zero-length connection, then 12:30:00-12:30:45
    }


# --- Refusals --------------------------------------------------------------------------------


def test_unknown_format_names_the_formats_and_quotes_the_first_line() -> None:
    data = b"\n\nAttendee,Arrived,Departed\nAnn Lee,9:00,10:00\n"
    with pytest.raises(ReportError) as caught:
        parse_report(data, time_zone=NEW_YORK)
    message = caught.value.message
    assert all(name in message for name in SUPPORTED_FORMATS)
    assert '"Attendee,Arrived,Departed"' in message


def test_unknown_format_quote_is_truncated() -> None:
    header = ",".join(f"Column number {n}" for n in range(40))
    with pytest.raises(ReportError) as caught:
        parse_report(header.encode(), time_zone=NEW_YORK)
    quoted = caught.value.message.split('"')[1]
    assert quoted.startswith("Column number 0,") and len(quoted) <= 120


def test_every_unreadable_row_is_listed_and_nothing_is_returned() -> None:
    data = (
        f"{ZOOM_HEADER}"  # line 1
        "Ann Lee,,01/14/2025 12:00:00 PM,01/14/2025 1:00:00 PM,60\n"  # 2: fine
        "Bo Park,,yesterday,01/14/2025 1:00:00 PM,60\n"  # 3
        "Cy Ross,,01/14/2025 12:30:00 PM,01/14/2025 12:10:00 PM,20\n"  # 4: leave before join
        "Di Wu,,01/14/2025 12:00:00 PM,01/14/2025 12:30:00 PM,30\n"  # 5: fine
        "Ed Fox,,02/30/2025 12:00:00 PM,,0\n"  # 6: no 30 February, no leave
        "Flo Kay,,01/14/2025 13:00:00 PM,01/14/2025 1:30:00 PM,30\n"  # 7: 13 PM
    ).encode()
    with pytest.raises(ReportError) as caught:
        parse_report(data, time_zone=NEW_YORK)
    # Rows 3, 4, 6 and 7 (row 6 has two problems): four rows.
    assert caught.value.message.startswith("4 rows of this Zoom report could not be read")
    assert caught.value.problems == [
        (3, "the join time 'yesterday' is not a valid date and time"),
        (4, "the leave time 01/14/2025 12:10:00 PM is before the join time 01/14/2025 12:30:00 PM"),
        (6, "the join time '02/30/2025 12:00:00 PM' is not a valid date and time"),
        (6, "the leave time is empty"),
        (7, "the join time '01/14/2025 13:00:00 PM' is not a valid date and time"),
    ]


def test_files_over_the_limit_are_refused() -> None:
    with pytest.raises(ReportError) as caught:
        parse_report(b"x" * (MAX_REPORT_BYTES + 1), time_zone=NEW_YORK)
    assert "10 MB" in caught.value.message
    with pytest.raises(ReportError) as at_limit:  # exactly at the limit: read, then not known
        parse_report(b"x" * MAX_REPORT_BYTES, time_zone=NEW_YORK)
    assert "10 MB" not in at_limit.value.message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Name (Original Name),User Email\n\xe9\xff\xfe bad", "UTF-8 or UTF-16"),
        (b"\xff\xfeN\x00a\x00m", "UTF-8 or UTF-16"),  # odd byte count after a UTF-16 BOM
        (b"", "empty"),
        (b"\n , ,\n\n", "empty"),
        ("1. Summary\r\nMeeting title\tX\r\n".encode("utf-16"), "not an attendance report"),
    ],
)
def test_unreadable_files(data: bytes, words: str) -> None:
    with pytest.raises(ReportError) as caught:
        parse_report(data, time_zone=NEW_YORK)
    assert words in caught.value.message


def test_teams_participant_header_without_rows_means_nobody_attended() -> None:
    text = "1. Summary\r\nStart time\t15/11/22, 09:28:47\r\n\r\n" + (
        "2. Participants\r\nName\tFirst join\tLast leave\tIn-meeting duration\tEmail\tRole\r\n"
    )
    report = parse_report(b"\xff\xfe" + text.encode("utf-16-le"), time_zone=BRUSSELS)
    assert (report.attendees, report.rows) == ((), 0)
    assert report.meeting_start == utc(2022, 11, 15, 8, 28, 47)


def test_teams_summary_without_a_participant_header_is_unknown() -> None:
    with pytest.raises(ReportError) as caught:
        parse_report("1. Summary\r\nName\tJoin time\r\n".encode("utf-16"), time_zone=BRUSSELS)
    assert "not an attendance report" in caught.value.message


def test_unknown_time_zone_is_refused() -> None:
    with pytest.raises(ReportError) as caught:
        parse("zoom_day_first.csv", "Mars/Olympus_Mons")
    assert "time zone" in caught.value.message


# --- Fixtures, shared samples, speed ---------------------------------------------------------


def test_generated_fixtures_are_up_to_date() -> None:
    render = runpy.run_path(str(FIXTURES / "make_fixtures.py"))["render"]
    for name, content in render().items():
        assert (FIXTURES / name).read_bytes() == content, f"run make_fixtures.py ({name})"


def test_shared_samples_are_found_when_the_folder_exists() -> None:
    """The parametrized test below has no cases when the folder is absent; never silently."""
    if SHARED.is_dir():
        assert SHARED_SAMPLES, f"{SHARED} holds no *.expected.json"


@pytest.mark.parametrize("expected_file", SHARED_SAMPLES, ids=lambda path: path.name)
def test_shared_sample(expected_file: Path) -> None:
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    export = expected_file.with_name(expected_file.name.removesuffix(".expected.json"))
    zone = expected["tz"]
    start, end = local(zone, expected["start"]), local(zone, expected["end"])
    report = parse_report(export.read_bytes(), time_zone=zone, session_date=start.date())
    assert report.format == expected["format"]
    got = [
        {"name": a.name, "email": a.email, "seconds": a.seconds_within(start, end)}
        for a in report.attendees
    ]
    assert got == expected["participants"]


def zoom_report(people: int, rows_each: int) -> bytes:
    """A Zoom 2024+ export: `people` people, each rejoining `rows_each` times."""
    lines = [
        "Topic,ID,Host,Duration (minutes),Start time,End time,Participants",
        'Big ECHO,81796405615,Host (host@example.org),60,"03/10/2026 11:40:00 AM",'
        '"03/10/2026 1:03:00 PM",200',
        "",
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
        "Recording disclaimer response,In waiting room",
    ]
    for row in range(rows_each):
        minute = 5 * row  # 12:00-12:04:30, 12:05-12:09:30, ...
        for person in range(people):
            lines.append(
                f'Person {person} (P {person}),p{person}@example.org,"03/10/2026 '
                f'12:{minute:02d}:00 PM","03/10/2026 12:{minute + 4:02d}:30 PM",5,No,OK,No'
            )
    return "\r\n".join(lines).encode()


def test_a_2000_row_zoom_report_parses_well_under_a_second() -> None:
    data = zoom_report(people=200, rows_each=10)
    began = time.perf_counter()
    report = parse_report(data, time_zone=LOS_ANGELES)
    elapsed = time.perf_counter() - began
    assert report.rows == 2000 and len(report.attendees) == 200
    window = local(LOS_ANGELES, "2026-03-10T12:00"), local(LOS_ANGELES, "2026-03-10T13:00")
    assert {a.seconds_within(*window) for a in report.attendees} == {10 * 270}  # 10 x 4m30s
    assert elapsed < 1.0, f"{elapsed:.3f} s"


# --- Interval algebra (property-based) -------------------------------------------------------

BASE = datetime(2025, 1, 1, tzinfo=UTC)
pairs = st.lists(st.tuples(st.integers(0, 240), st.integers(0, 240)), max_size=12)


def spans(values: list[tuple[int, int]]) -> list[tuple[datetime, datetime]]:
    return [(BASE + timedelta(seconds=a), BASE + timedelta(seconds=b)) for a, b in values]


def covered(intervals: list[tuple[datetime, datetime]]) -> set[int]:
    """The oracle: every whole second [t, t+1) an interval covers, as offsets from BASE."""

    def offset(moment: datetime) -> int:
        return int((moment - BASE).total_seconds())

    return {t for low, high in intervals for t in range(offset(low), offset(high))}


@given(pairs)
def test_union_is_sorted_disjoint_and_covers_the_same_seconds(
    values: list[tuple[int, int]],
) -> None:
    intervals = spans(values)
    merged = union(intervals)
    assert all(low < high for low, high in merged)
    assert all(a[1] < b[0] for a, b in pairwise(merged))  # gaps between
    assert covered(merged) == covered(intervals)
    assert total_seconds(merged) == len(covered(intervals))
    assert total_seconds(merged) <= total_seconds(intervals)


@given(pairs)
def test_union_is_idempotent(values: list[tuple[int, int]]) -> None:
    merged = union(spans(values))
    assert union(merged) == merged


@given(st.data(), pairs)
def test_union_does_not_depend_on_order(data: st.DataObject, values: list[tuple[int, int]]) -> None:
    shuffled = data.draw(st.permutations(values))
    assert union(spans(shuffled)) == union(spans(values))


@given(pairs, st.integers(0, 240), st.integers(0, 240))
def test_clip_stays_inside_the_window(values: list[tuple[int, int]], a: int, b: int) -> None:
    intervals = spans(values)
    start, end = BASE + timedelta(seconds=a), BASE + timedelta(seconds=b)
    clipped = clip(intervals, start, end)
    assert all(start <= low < high <= end for low, high in clipped)
    assert covered(clipped) == covered(intervals) & set(range(a, b))
    assert total_seconds(clipped) <= max(0, b - a)


def test_attendee_seconds_within() -> None:
    attendee = Attendee("a@example.org", "A", "a@example.org", tuple(spans([(0, 60), (120, 180)])))
    assert attendee.seconds_within(BASE, BASE + timedelta(seconds=150)) == 90
    assert attendee.seconds_within(BASE + timedelta(seconds=200), BASE + timedelta(hours=1)) == 0


@pytest.mark.parametrize("year", ["9999", "1899"])
def test_a_year_outside_the_date_window_is_an_unreadable_row_not_a_crash(year: str) -> None:
    data = (
        "Name (original name),Email,Join time,Leave time,Duration (minutes),Guest\n"
        f'Rosa Diaz,rosa@example.org,"12/31/{year} 11:59:00 PM","12/31/{year} 11:59:30 PM",1,No\n'
    ).encode()
    with pytest.raises(ReportError) as caught:
        parse_report(data, time_zone=NEW_YORK)
    assert {line for line, _ in caught.value.problems} == {2}
