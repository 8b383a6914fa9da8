"""Read one attendance export from Zoom, Microsoft Teams or Webex (docs/domain.md §3).

`parse_report` finds the header rows by searching (never at fixed offsets), tells the vendor
from them, reads every join/leave row and returns one `Attendee` per person with the union of
that person's intervals in UTC. The vendor's duration column is never used: Zoom rounds each
row up to a whole minute and overlapping devices count twice (docs/domain.md §3). Clipping to the
session window is left to the caller (`Attendee.seconds_within`), so one parse serves any
window, and several reports of one occurrence (a restarted Teams meeting) can be merged with
`union` before clipping without counting anyone twice.

The exports carry no time zone: their times are local to the `time_zone` given. A local time
that does not exist or happens twice (daylight-saving changes) is read with fold=0, that is
with the offset in force before the change.

A file either parses completely or raises `ReportError`, which lists every row that could not
be read; nothing partial is returned. Pure: no database, no network.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import islice
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from echo.web.params import EARLIEST_DATE, latest_date

SUPPORTED_FORMATS = ("zoom", "teams", "webex")
MAX_REPORT_BYTES = 10 * 1024 * 1024

Interval = tuple[datetime, datetime]

_SECOND = timedelta(seconds=1)
_VENDOR = {"zoom": "Zoom", "teams": "Microsoft Teams", "webex": "Webex"}


# --- Interval arithmetic --------------------------------------------------------------------


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping intervals covering the same instants as `intervals`.

    Intervals are half-open [start, end): touching ones are joined, empty or reversed ones
    cover nothing and are dropped.
    """
    merged: list[Interval] = []
    for start, end in sorted(pair for pair in intervals if pair[0] < pair[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def clip(intervals: Iterable[Interval], start: datetime, end: datetime) -> list[Interval]:
    """The union of the parts of `intervals` that lie inside [start, end]."""
    return union((max(low, start), min(high, end)) for low, high in intervals)


def total_seconds(intervals: Iterable[Interval]) -> int:
    """Sum of the lengths in whole seconds; pass `union(...)` to count shared time once."""
    total = sum((high - low for low, high in intervals if high > low), timedelta())
    return total // _SECOND


# --- Results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    """One person in one report and the time they were connected (UTC, merged, not clipped)."""

    key: str  # lower-cased email if any, else the display name
    name: str
    email: str | None
    intervals: tuple[Interval, ...]

    def seconds_within(self, start: datetime, end: datetime) -> int:
        """Whole seconds connected between `start` and `end`, rejoins and devices counted once."""
        return total_seconds(clip(self.intervals, start, end))


@dataclass(frozen=True)
class ParsedReport:
    """Everything read from one export."""

    format: str  # "zoom" | "teams" | "webex"
    attendees: tuple[Attendee, ...]  # one per person, in first-seen order
    meeting_start: datetime | None  # from a summary or meeting block when present (UTC)
    meeting_end: datetime | None
    rows: int  # attendance rows read from the table used, waiting-room rows included
    skipped_waiting_room: int
    warnings: tuple[str, ...]


class ReportError(Exception):
    """Unreadable export: .message is one human sentence; .problems lists (line number,
    message) for rows that could not be parsed."""

    def __init__(self, message: str, problems: Iterable[tuple[int, str]] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems: list[tuple[int, str]] = list(problems)


# --- Headers ----------------------------------------------------------------------------------

# Header cells (lower-cased, single spaces) and what the column holds. English as each vendor
# exports it; German Zoom headers too (docs/domain.md §3: "Name (Originalname)", "Benutzer-E-Mail").
_COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "zoom_name": ("name (original name)", "name (originalname)", "name (ursprünglicher name)"),
    "name": ("name", "full name"),
    "email": ("email", "user email", "attendee email", "e-mail", "benutzer-e-mail"),
    "join": ("join time", "beitrittszeit", "zeitpunkt des beitritts"),
    "leave": ("leave time", "austrittszeit", "zeitpunkt des verlassens"),
    "first_join": ("first join",),
    "last_leave": ("last leave",),
    "waiting_room": ("in waiting room", "im warteraum"),
    "total_minutes": ("total duration (minutes)", "gesamtdauer (minuten)"),
    "role": ("role",),
    "action": ("user action",),
    "timestamp": ("timestamp",),
    "topic": ("topic", "thema"),
    "start": ("start time", "startzeit", "meeting start time"),
    "end": ("end time", "endzeit", "meeting end time"),
    "meeting_name": ("meeting name", "event name"),
    "event_start": ("event start time",),
    "event_end": ("event end time",),
    "attendance_duration": ("attendance duration",),
}
_ROLE_OF_HEADER = {cell: role for role, cells in _COLUMN_NAMES.items() for cell in cells}
_NAME_HEADERS = frozenset(_COLUMN_NAMES["zoom_name"] + _COLUMN_NAMES["name"])

# (table kind, columns it must have), most specific first; the kind's prefix is the vendor.
_LAYOUTS: tuple[tuple[str, frozenset[str]], ...] = (
    ("teams-log", frozenset({"name", "action", "timestamp"})),  # 2020 event log
    ("webex", frozenset({"meeting_name", "name", "join", "leave"})),
    ("webex", frozenset({"name", "join", "leave", "attendance_duration"})),
    ("teams-people", frozenset({"name", "first_join", "last_leave"})),  # section 2
    ("teams-table", frozenset({"name", "join", "leave", "role"})),  # section 3 and 2021
    ("zoom-table", frozenset({"zoom_name", "join", "leave"})),
    ("zoom-unique", frozenset({"zoom_name", "total_minutes"})),  # "Show unique users"
    ("zoom-meeting", frozenset({"topic", "start", "end"})),  # optional meeting block
)
# Inside a file already known to be from Teams, a per-row table without a Role column is
# still section 3.
_TEAMS_LAYOUTS = (*_LAYOUTS, ("teams-table", frozenset({"name", "join", "leave"})))

# Section titles of a Teams report: "1. Summary", "3. In-Meeting activities" (capitalization
# varies), "Meeting Summary" in the 2021 layout.
_TEAMS_SECTION = re.compile(
    r"(?:\d+\.\s*)?((?:meeting\s+)?summary|participants|in-meeting\s+activities)", re.IGNORECASE
)
_YES = frozenset({"yes", "y", "true", "ja"})

# Lines searched for the first header: blocks before it are short (a Teams summary is 8 lines).
_HEADER_SEARCH_LINES = 200
_QUOTE_CHARS = 120
_BLANK_LINE_CHARS = " \t\r\n,;\ufeff"


@dataclass(frozen=True)
class _Header:
    """A recognized header row: what kind of table follows and where each column is."""

    kind: str
    columns: dict[str, int]

    @property
    def format(self) -> str:
        return self.kind.split("-", 1)[0]

    def get(self, cells: Sequence[str], role: str) -> str:
        index = self.columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""


def _header_cell(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip('" ').lower().split())


def _classify(
    cells: Sequence[str], layouts: Sequence[tuple[str, frozenset[str]]] = _LAYOUTS
) -> _Header | None:
    """The table a header row starts (headers match case-insensitively), or None."""
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        role = _ROLE_OF_HEADER.get(_header_cell(cell))
        if role is not None:
            columns.setdefault(role, index)
    if len(columns) < 2:
        return None
    for kind, needed in layouts:
        if needed <= columns.keys():
            return _Header(kind, columns)
    return None


def _looks_like_header(cells: Sequence[str]) -> bool:
    """Cheap test before `_classify` on data rows: every table starts with a name column."""
    return _header_cell(cells[0]) in _NAME_HEADERS


# --- Text ------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Text of the export: UTF-16 with a BOM (Teams, Webex), else UTF-8 with or without BOM."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # the codec reads the byte order from the BOM and drops it
    elif len(data) >= 4 and data[1] == 0 and data[3] == 0 and data[0] != 0:
        encoding = "utf-16-le"  # BOM lost on the way (re-saved file); ASCII text shows the order
    elif len(data) >= 4 and data[0] == 0 and data[2] == 0 and data[1] != 0:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReportError(
            "The file is not text in UTF-8 or UTF-16; export the attendance report again as CSV."
        ) from error


def _cell(value: str) -> str:
    """A cell without surrounding spaces or Excel's formula escape (Webex: ="2021-06-14 …")."""
    value = value.strip()
    if len(value) >= 3 and value.startswith('="') and value.endswith('"'):
        return value[2:-1].strip()
    return value


def _find_header(text: str) -> tuple[str, _Header] | None:
    """Delimiter and first header row of the file, searched line by line (docs/domain.md §3)."""
    for line in islice(io.StringIO(text, newline=""), _HEADER_SEARCH_LINES):
        for delimiter in ("\t", ","):  # Teams and Webex use tabs, Zoom commas
            if delimiter not in line:
                continue
            try:
                cells = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:
                continue
            header = _classify(cells)
            if header is not None:
                return delimiter, header
    return None


def _unknown_format(text: str) -> ReportError:
    lines = io.StringIO(text, newline="")
    # The first line with content; rows of bare separators (",,,,") are not content.
    first = next((line.strip() for line in lines if line.strip(_BLANK_LINE_CHARS)), "")
    if not first:
        return ReportError("The file is empty; export the attendance report again.")
    shown = first.replace("\t", " | ")
    if len(shown) > _QUOTE_CHARS:
        shown = shown[: _QUOTE_CHARS - 1] + "…"
    return ReportError(
        "This is not an attendance report this site can read (supported formats: "
        f'{", ".join(SUPPORTED_FORMATS)}); its first line is "{shown}".'
    )


def _read_rows(text: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the number of their first line; blank rows and rows of bare
    commas (Zoom's block separator) are left out."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    try:
        for raw in reader:
            first_line, line = line + 1, reader.line_num
            cells = [_cell(value) for value in raw]
            if any(cells):
                rows.append((first_line, cells))
    except csv.Error as error:
        raise ReportError(
            f"Line {reader.line_num} of the file cannot be read as a table ({error}); "
            "export the attendance report again."
        ) from error
    return rows


# --- Times ------------------------------------------------------------------------------------

# Precompiled once: 11/19/2021 9:54:15 AM, 15/08/2022 01:27, 15/11/22, 09:30:17,
# 03.02.2025 12:00:00, 2021-06-14 17:00:00.
_STAMP = re.compile(
    r"""
    (?: (?P<iy>\d{4}) [-/.] (?P<im>\d{1,2}) [-/.] (?P<id>\d{1,2})
      | (?P<a>\d{1,2}) (?P<sep>[-/.]) (?P<b>\d{1,2}) [-/.] (?P<y>\d{4}|\d{2}) )
    (?: ,\s* | \s+ | T )
    (?P<h>\d{1,2}) : (?P<m>\d{2}) (?: : (?P<s>\d{2}) (?:\.\d+)? )?
    (?: \s* (?P<ampm>[ap]) \.? \s* m\.? )?
    """,
    re.VERBOSE | re.IGNORECASE | re.ASCII,  # \d: the digits 0-9, not Arabic-Indic ones
)


class _Stamp(NamedTuple):
    """A timestamp split into numbers; `first`/`second` are day and month in some order."""

    first: int
    second: int
    year: int
    hour: int
    minute: int
    sec: int
    pm: bool | None  # None on a 24-hour clock
    year_first: bool  # 2021-06-14: first is the month, no ambiguity
    dotted: bool  # 03.02.2025


def _split_stamp(text: str) -> _Stamp | None:
    match = _STAMP.fullmatch(text)
    if match is None:
        return None
    group = match.group
    ampm = group("ampm")
    pm = None if ampm is None else ampm.lower() == "p"
    clock = (int(group("h")), int(group("m")), int(group("s") or 0), pm)
    if group("iy"):
        return _Stamp(int(group("im")), int(group("id")), int(group("iy")), *clock, True, False)
    year = int(group("y"))
    if len(group("y")) == 2:
        year += 2000  # Teams: 15/11/22 (a four-digit 0001 stays the year 1, and is refused)
    return _Stamp(int(group("a")), int(group("b")), year, *clock, False, group("sep") == ".")


def _days_from(year: int, month: int, day: int, target: date) -> int:
    try:
        return abs((date(year, month, day) - target).days)
    except ValueError:
        return 1_000_000


def _is_day_first(stamps: Sequence[_Stamp], session_date: date | None) -> bool:
    """One day/month order for the whole file (docs/domain.md §3: dates follow the organizer's
    locale): a first number over 12 means day first, a second one over 12 month first;
    otherwise the order that puts the first date nearest the session date; otherwise month
    first (US), except for dotted dates, which are written day first (03.02.2025)."""
    ambiguous = [stamp for stamp in stamps if not stamp.year_first]
    if not ambiguous:
        return False
    if any(stamp.first > 12 for stamp in ambiguous):
        return True
    if any(stamp.second > 12 for stamp in ambiguous):
        return False
    sample = ambiguous[0]
    if session_date is not None:
        month_first = _days_from(sample.year, sample.first, sample.second, session_date)
        day_first = _days_from(sample.year, sample.second, sample.first, session_date)
        if month_first != day_first:
            return day_first < month_first
    return sample.dotted


class _Clock:
    """Turns one file's timestamps into UTC with one day/month order for the whole file."""

    def __init__(self, zone: ZoneInfo, session_date: date | None, raws: Iterable[str]) -> None:
        self._zone = zone
        self._stamps: dict[str, _Stamp | None] = {}
        for raw in raws:
            if raw and raw not in self._stamps:
                self._stamps[raw] = _split_stamp(raw)
        found = [stamp for stamp in self._stamps.values() if stamp is not None]
        self._day_first = _is_day_first(found, session_date)
        self._utc: dict[str, datetime] = {}

    def utc(self, raw: str) -> datetime:
        """The UTC instant of `raw`; ValueError when it is not a valid date and time."""
        known = self._utc.get(raw)
        if known is not None:
            return known
        stamp = self._stamps[raw] if raw in self._stamps else _split_stamp(raw)
        if stamp is None:
            raise ValueError(raw)
        month, day = stamp.first, stamp.second
        if self._day_first and not stamp.year_first:
            month, day = day, month
        hour = stamp.hour
        if stamp.pm is not None:
            if not 1 <= hour <= 12:
                raise ValueError(raw)
            hour = hour % 12 + (12 if stamp.pm else 0)
        if not EARLIEST_DATE.year <= stamp.year <= latest_date().year:
            raise ValueError(raw)  # the kit's window for dates (year 9999 would overflow)
        # fold=0: a skipped or repeated local time takes the offset before the change.
        local = datetime(stamp.year, month, day, hour, stamp.minute, stamp.sec, tzinfo=self._zone)
        moment = local.astimezone(UTC)
        self._utc[raw] = moment
        return moment


def _zone(time_zone: str) -> ZoneInfo:
    try:
        return ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ReportError(
            f"{time_zone!r} is not a known time zone; use an IANA name such as America/Chicago."
        ) from error


# --- Reading rows -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    """One join/leave row, times still as written."""

    line: int
    name: str
    email: str | None
    join: str
    leave: str


class _Roster:
    """People in first-seen order, keyed by lower-cased email, else by display name."""

    def __init__(self) -> None:
        self._people: dict[str, tuple[str, str | None]] = {}
        self._intervals: dict[str, list[Interval]] = {}

    def add(self, name: str, email: str | None, interval: Interval | None = None) -> None:
        key = email or name
        if key not in self._people:
            self._people[key] = (name or key, email)
            self._intervals[key] = []
        if interval is not None:
            self._intervals[key].append(interval)

    def attendees(self) -> tuple[Attendee, ...]:
        return tuple(
            Attendee(key, name, email, tuple(union(self._intervals[key])))
            for key, (name, email) in self._people.items()
        )


class _Problems:
    """Rows that could not be read, all collected before giving up (nothing partial)."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str]] = []

    def add(self, line: int, message: str) -> None:
        self.items.append((line, message))

    def time(self, clock: _Clock, raw: str, label: str, line: int) -> datetime | None:
        if not raw:
            self.add(line, f"the {label} is empty")
            return None
        try:
            return clock.utc(raw)
        except ValueError:
            self.add(line, f"the {label} {raw!r} is not a valid date and time")
            return None

    def raise_any(self, fmt: str) -> None:
        if self.items:
            count = len({line for line, _ in self.items})  # a row may have two bad times
            rows = "1 row" if count == 1 else f"{count} rows"
            raise ReportError(
                f"{rows} of this {_VENDOR[fmt]} report could not be read, so nothing was "
                "imported; correct them or export the report again.",
                sorted(dict.fromkeys(self.items), key=lambda problem: problem[0]),
            )


def _email(value: str) -> str | None:
    return value.strip().lower() or None


def _zoom_display_name(value: str) -> str:
    """'Display (Original)': the part before the last balanced parentheses (docs/domain.md §3)."""
    text = value.strip()
    if not text.endswith(")"):
        return text
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                # "(Original)" alone: the original name is all there is.
                return text[:index].strip() or text[index + 1 : -1].strip()
    return text  # unbalanced: keep as written


def _add_rows(rows: Sequence[_Row], clock: _Clock, roster: _Roster, problems: _Problems) -> None:
    """Adds each row's [join, leave) to its person; bad times and reversed rows are problems."""
    for row in rows:
        join = problems.time(clock, row.join, "join time", row.line)
        leave = problems.time(clock, row.leave, "leave time", row.line)
        if join is None or leave is None:
            continue
        if leave < join:
            problems.add(row.line, f"the leave time {row.leave} is before the join time {row.join}")
            continue
        roster.add(row.name, row.email, (join, leave))


def _meeting_times(
    clock: _Clock, problems: _Problems, line: int, start: str, end: str
) -> tuple[datetime | None, datetime | None]:
    return (
        problems.time(clock, start, "meeting start time", line) if start else None,
        problems.time(clock, end, "meeting end time", line) if end else None,
    )


# --- Zoom -------------------------------------------------------------------------------------


def _read_zoom(
    rows: Sequence[tuple[int, list[str]]], zone: ZoneInfo, session_date: date | None
) -> ParsedReport:
    """Optional meeting block, then the participant table (2021, 2024+, German, unique users)."""
    meeting: _Header | None = None
    meeting_row: tuple[int, list[str]] | None = None
    table: _Header | None = None
    data: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if table is None or _looks_like_header(cells):
            header = _classify(cells)
            if header is not None and header.format == "zoom":
                if header.kind == "zoom-meeting":
                    meeting = meeting or header
                elif table is None:
                    table = header
                continue  # a repeated header inside the table is skipped
        if table is not None:
            data.append((line, cells))
        elif meeting is not None and meeting_row is None:
            meeting_row = (line, cells)
    if table is None:
        raise ReportError(
            "This Zoom export has a meeting summary but no participant table; export the "
            "participants report (Name (Original Name), Join Time, Leave Time) again."
        )

    meeting_line, start_raw, end_raw = 0, "", ""
    if meeting is not None and meeting_row is not None:
        meeting_line, cells = meeting_row
        start_raw, end_raw = meeting.get(cells, "start"), meeting.get(cells, "end")
    if table.kind == "zoom-unique":
        return _zoom_unique(
            table,
            data,
            _Clock(zone, session_date, [start_raw, end_raw]),
            (meeting_line, start_raw, end_raw),
        )

    problems = _Problems()
    records: list[_Row] = []
    waiting = 0
    for line, cells in data:
        # docs/domain.md §3: rows with "In waiting room" = Yes are not attendance.
        if _header_cell(table.get(cells, "waiting_room")) in _YES:
            waiting += 1
            continue
        name = _zoom_display_name(table.get(cells, "zoom_name"))
        email = _email(table.get(cells, "email"))
        if not name and not email:
            problems.add(line, "the row has neither a name nor an email")
            continue
        records.append(_Row(line, name, email, table.get(cells, "join"), table.get(cells, "leave")))
    raws = [start_raw, end_raw, *(r.join for r in records), *(r.leave for r in records)]
    clock = _Clock(zone, session_date, raws)
    meeting_start, meeting_end = _meeting_times(clock, problems, meeting_line, start_raw, end_raw)
    roster = _Roster()
    _add_rows(records, clock, roster, problems)
    problems.raise_any("zoom")
    return ParsedReport(
        "zoom", roster.attendees(), meeting_start, meeting_end, len(data), waiting, ()
    )


_UNIQUE_USERS_WARNING = (
    "This Zoom report lists only total minutes per person (the 'Show unique users' option), "
    "without join and leave times, so each person is counted from the meeting start for their "
    "total minutes and late joins cannot be told apart; export the participants report with "
    "join and leave times for exact attendance."
)


def _zoom_unique(
    table: _Header,
    data: Sequence[tuple[int, list[str]]],
    clock: _Clock,
    meeting: tuple[int, str, str],
) -> ParsedReport:
    """The "unique users" variant has no times. The only thing to go on is each person's total
    (rounded) minutes, so they are laid from the meeting start and cut at the meeting end;
    without a meeting start there is nothing to lay them on."""
    problems = _Problems()
    meeting_start, meeting_end = _meeting_times(clock, problems, *meeting)
    problems.raise_any("zoom")
    if meeting_start is None:
        raise ReportError(
            "This Zoom report lists only total minutes per person, without join and leave times "
            "or a meeting start; export the participants report with join and leave times "
            "(untick 'Show unique users') instead."
        )
    people: dict[str, tuple[str, str | None]] = {}
    minutes: dict[str, float] = {}
    for line, cells in data:
        name = _zoom_display_name(table.get(cells, "zoom_name"))
        email = _email(table.get(cells, "email"))
        raw = table.get(cells, "total_minutes")
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            value = math.nan
        if not 0 <= value < 100_000:  # also refuses nan
            problems.add(line, f"the total duration {raw!r} is not a number of minutes")
        elif not name and not email:
            problems.add(line, "the row has neither a name nor an email")
        else:
            key = email or name
            people.setdefault(key, (name, email))
            minutes[key] = minutes.get(key, 0.0) + value
    problems.raise_any("zoom")
    roster = _Roster()
    for key, (name, email) in people.items():
        end = meeting_start + timedelta(minutes=minutes[key])
        roster.add(name, email, (meeting_start, min(end, meeting_end) if meeting_end else end))
    warnings = (_UNIQUE_USERS_WARNING,)
    return ParsedReport(
        "zoom", roster.attendees(), meeting_start, meeting_end, len(data), 0, warnings
    )


# --- Teams ------------------------------------------------------------------------------------


def _read_teams(
    rows: Sequence[tuple[int, list[str]]], zone: ZoneInfo, session_date: date | None
) -> ParsedReport:
    """2022+ sections (summary, participants, in-meeting activities), 2021 table, 2020 log."""
    summary: dict[str, tuple[int, str]] = {}
    tables: dict[str, tuple[_Header, list[tuple[int, list[str]]]]] = {}
    in_summary = True  # key/value rows before any table belong to the summary
    current: str | None = None
    for line, cells in rows:
        title = None if any(cells[1:]) else _TEAMS_SECTION.fullmatch(cells[0])
        if title is not None:
            in_summary = "summary" in title.group(1).lower()
            current = None
            continue
        if _looks_like_header(cells):
            header = _classify(cells, _TEAMS_LAYOUTS)
            if header is not None and header.format == "teams":
                current = header.kind
                tables.setdefault(current, (header, []))
                continue
        if current is not None:
            tables[current][1].append((line, cells))
        elif in_summary and len(cells) >= 2:
            role = _ROLE_OF_HEADER.get(_header_cell(cells[0]))
            if role in ("start", "end"):
                summary.setdefault(role, (line, cells[1]))

    if "teams-log" in tables and not ({"teams-table", "teams-people"} & tables.keys()):
        return _teams_log(*tables["teams-log"], summary, zone, session_date)

    warnings: list[str] = []
    if "teams-table" in tables:  # docs/domain.md §3: section 3, one row per join/leave, is the one
        header, data = tables["teams-table"]
        join_column, leave_column = "join", "leave"
    elif "teams-people" in tables:
        header, data = tables["teams-people"]
        join_column, leave_column = "first_join", "last_leave"
        warnings.append(
            "This Teams report has no 'In-Meeting activities' section, so each person counts "
            "from first join to last leave, including any time away in between."
        )
    else:
        raise ReportError(
            "This Microsoft Teams report has no participant list; download the attendance "
            "report again after the meeting."
        )

    problems = _Problems()
    records: list[_Row] = []
    for line, cells in data:
        name, email = header.get(cells, "name"), _email(header.get(cells, "email"))
        if not name and not email:
            problems.add(line, "the row has neither a name nor an email")
            continue
        join, leave = header.get(cells, join_column), header.get(cells, leave_column)
        records.append(_Row(line, name, email, join, leave))
    meeting_start, meeting_end, clock = _teams_clock(
        summary, problems, zone, session_date, [t for r in records for t in (r.join, r.leave)]
    )
    roster = _Roster()
    _add_rows(records, clock, roster, problems)
    problems.raise_any("teams")
    return ParsedReport(
        "teams", roster.attendees(), meeting_start, meeting_end, len(data), 0, tuple(warnings)
    )


def _teams_clock(
    summary: dict[str, tuple[int, str]],
    problems: _Problems,
    zone: ZoneInfo,
    session_date: date | None,
    raws: list[str],
) -> tuple[datetime | None, datetime | None, _Clock]:
    """A clock for the file (the summary times help decide day/month) and the meeting times."""
    start_line, start_raw = summary.get("start", (0, ""))
    end_line, end_raw = summary.get("end", (0, ""))
    clock = _Clock(zone, session_date, [start_raw, end_raw, *raws])
    start = problems.time(clock, start_raw, "meeting start time", start_line) if start_raw else None
    end = problems.time(clock, end_raw, "meeting end time", end_line) if end_raw else None
    return start, end, clock


def _teams_log(
    header: _Header,
    data: Sequence[tuple[int, list[str]]],
    summary: dict[str, tuple[int, str]],
    zone: ZoneInfo,
    session_date: date | None,
) -> ParsedReport:
    """2020 event log (Full Name, User Action, Timestamp): pair each person's joins and leaves.

    Several devices nest (Joined, Joined, Left, Left), so a person is connected while more
    joins than leaves are open. A join never closed ends at the meeting end when the report
    gives one; otherwise it is not counted and a warning says so.
    """
    problems = _Problems()
    events: list[tuple[int, str, int, str]] = []  # line, name, +1 joined / -1 left, timestamp
    for line, cells in data:
        name = header.get(cells, "name")
        action = _header_cell(header.get(cells, "action"))
        if not name:
            problems.add(line, "the row has no name")
        elif action.startswith("joined"):  # "Joined", "Joined before"
            events.append((line, name, 1, header.get(cells, "timestamp")))
        elif action.startswith("left"):
            events.append((line, name, -1, header.get(cells, "timestamp")))
        else:
            problems.add(line, f"the user action {action!r} is neither Joined nor Left")
    meeting_start, meeting_end, clock = _teams_clock(
        summary, problems, zone, session_date, [event[3] for event in events]
    )
    timeline: dict[str, list[tuple[datetime, int, str]]] = {}
    for line, name, step, raw in events:
        moment = problems.time(clock, raw, "timestamp", line)
        if moment is not None:
            timeline.setdefault(name, []).append((moment, step, raw))
    problems.raise_any("teams")

    roster = _Roster()
    warnings: list[str] = []
    for name, moments in timeline.items():
        roster.add(name, None)
        open_joins, since, since_raw = 0, moments[0][0], ""
        for moment, step, raw in sorted(moments, key=lambda item: item[0]):  # stable on ties
            if step > 0:
                if open_joins == 0:
                    since, since_raw = moment, raw
                open_joins += 1
            elif open_joins == 0:
                warnings.append(f"{name} has a 'Left' at {raw} with no 'Joined' before it.")
            else:
                open_joins -= 1
                if open_joins == 0:
                    roster.add(name, None, (since, moment))
        if open_joins:
            if meeting_end is not None and meeting_end >= since:
                roster.add(name, None, (since, meeting_end))
            else:
                warnings.append(
                    f"{name} joined at {since_raw} with no 'Left' after it and the report "
                    "gives no meeting end, so that time is not counted."
                )
    return ParsedReport(
        "teams", roster.attendees(), meeting_start, meeting_end, len(data), 0, tuple(warnings)
    )


# --- Webex ------------------------------------------------------------------------------------


def _read_webex(
    rows: Sequence[tuple[int, list[str]]], zone: ZoneInfo, session_date: date | None
) -> ParsedReport:
    """One row per device connection; the meeting (or event) times repeat on every row."""
    table: _Header | None = None
    data: list[tuple[int, list[str]]] = []
    for line, cells in rows:
        if table is None or _looks_like_header(cells):
            header = _classify(cells)
            if header is not None and header.format == "webex":
                table = table or header
                continue
        if table is not None:
            data.append((line, cells))
    if table is None:  # unreachable: the format was detected from this very header
        raise ReportError("This Webex export has no attendee table.")

    problems = _Problems()
    records: list[_Row] = []
    for line, cells in data:
        name, email = table.get(cells, "name"), _email(table.get(cells, "email"))
        if not name and not email:
            problems.add(line, "the row has neither a name nor an email")
            continue
        records.append(_Row(line, name, email, table.get(cells, "join"), table.get(cells, "leave")))
    first_line, first = data[0] if data else (0, [])
    start_raw = table.get(first, "start") or table.get(first, "event_start")
    end_raw = table.get(first, "end") or table.get(first, "event_end")
    raws = [start_raw, end_raw, *(r.join for r in records), *(r.leave for r in records)]
    clock = _Clock(zone, session_date, raws)
    meeting_start, meeting_end = _meeting_times(clock, problems, first_line, start_raw, end_raw)
    roster = _Roster()
    _add_rows(records, clock, roster, problems)
    problems.raise_any("webex")
    return ParsedReport("webex", roster.attendees(), meeting_start, meeting_end, len(data), 0, ())


_READERS = {"zoom": _read_zoom, "teams": _read_teams, "webex": _read_webex}


def parse_report(data: bytes, *, time_zone: str, session_date: date | None = None) -> ParsedReport:
    """Read one Zoom, Teams or Webex attendance export.

    `time_zone` (IANA) is the zone the export's times are written in; `session_date` (local)
    settles the day/month order when every date in the file could be read either way.
    """
    if len(data) > MAX_REPORT_BYTES:
        raise ReportError(
            f"The file is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MB, the limit for an "
            "attendance report."
        )
    zone = _zone(time_zone)
    text = _decode(data)
    found = _find_header(text)  # detected once per file, from the first header row
    if found is None:
        raise _unknown_format(text)
    delimiter, header = found
    return _READERS[header.format](_read_rows(text, delimiter), zone, session_date)
