"""Series schedules: which local dates and times a program meets (pure, no I/O).

Occurrences are generated as wall-clock times in the program's IANA zone and
only then converted to UTC, so a 12:00 session stays at 12:00 across daylight
saving changes. A local time that does not exist (02:30 on a spring-forward
day) is read with the offset in force before the gap, and an ambiguous one
(01:30 on a fall-back day) as its first occurrence: RFC 5545 section 3.3.5,
which is also PEP 495's ``fold=0``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from echo.timeutil import is_known_time_zone

RecurrenceKind = Literal["weekly", "monthly", "rrule"]
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# 1..5 = first..fifth weekday of the month; -1 = last.
MONTH_WEEKS = (1, 2, 3, 4, 5, -1)
MAX_OCCURRENCES = 520  # ten years of weekly sessions; protects against runaway rules
MAX_DURATION_MINUTES = 8 * 60
_SUB_DAILY = {du.HOURLY, du.MINUTELY, du.SECONDLY}


@dataclass(frozen=True)
class Recurrence:
    kind: RecurrenceKind
    interval: int = 1  # weeks between meetings (weekly)
    weekdays: tuple[int, ...] = ()  # 0 = Monday (weekly)
    month_week: int = 1  # see MONTH_WEEKS (monthly)
    month_weekday: int = 0  # 0 = Monday (monthly)
    rule: str = ""  # an RFC 5545 RRULE value (rrule)


@dataclass(frozen=True)
class ScheduleSpec:
    first_date: date
    start_time: time
    duration_minutes: int
    time_zone: str
    recurrence: Recurrence
    count: int | None = None  # end after this many meetings ...
    until: date | None = None  # ... or on this local date (inclusive)


@dataclass(frozen=True)
class Occurrence:
    key: str  # local start "YYYY-MM-DDTHH:MM": the occurrence's identity within the series
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC


RULE_HELP = (
    "This rule cannot be used. Write one RFC 5545 rule, such as "
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU or FREQ=MONTHLY;BYDAY=1TH."
)
# UNTIL in UTC ("...Z"), which RFC 5545 asks for when the start has a time zone.
_UTC_UNTIL = re.compile(r"UNTIL=([0-9]{8}T[0-9]{6})Z", re.ASCII | re.IGNORECASE)


class RuleRefused(ValueError):
    """A rule Echo will not use, with the reason to show."""


class ScheduleError(ValueError):
    """The schedule cannot be used; ``errors`` maps each form field to what to fix."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def to_utc(local: datetime, zone: str) -> datetime:
    """A naive wall-clock time in ``zone`` as UTC (RFC 5545 3.3.5 for gaps and overlaps)."""
    return local.replace(tzinfo=ZoneInfo(zone), fold=0).astimezone(UTC)


def occurrence_key(local: datetime) -> str:
    return local.strftime("%Y-%m-%dT%H:%M")


def _rule(spec: ScheduleSpec, start: datetime) -> du.rrule:
    recurrence = spec.recurrence
    until = datetime.combine(spec.until, time(23, 59, 59)) if spec.until else None
    count = spec.count if until is None else None
    if recurrence.kind == "weekly":
        return du.rrule(
            du.WEEKLY,
            dtstart=start,
            interval=recurrence.interval,
            byweekday=[du.weekday(day) for day in recurrence.weekdays],
            count=count,
            until=until,
        )
    if recurrence.kind == "monthly":
        return du.rrule(
            du.MONTHLY,
            dtstart=start,
            byweekday=du.weekday(recurrence.month_weekday)(recurrence.month_week),
            count=count,
            until=until,
        )
    text = recurrence.rule.strip()
    text = text[len("RRULE:") :] if text.upper().startswith("RRULE:") else text
    # Occurrences are wall-clock times in the program's zone (a floating DTSTART), so an
    # UNTIL given in UTC is read as the same instant on the program's clock.
    text = _UTC_UNTIL.sub(lambda found: "UNTIL=" + _local_until(found[1], spec.time_zone), text)
    parsed = du.rrulestr(text, dtstart=start, forceset=False)
    if not isinstance(parsed, du.rrule):
        raise RuleRefused("Give one RRULE, without DTSTART, RDATE or EXDATE lines.")
    if getattr(parsed, "_freq", None) in _SUB_DAILY:  # dateutil has no public accessor
        raise RuleRefused("Sessions cannot repeat more often than daily.")
    return parsed


def _local_until(utc_text: str, zone: str) -> str:
    moment = datetime.strptime(utc_text, "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(zone)).strftime("%Y%m%dT%H%M%S")


def validate(spec: ScheduleSpec) -> dict[str, str]:
    """What is wrong with the schedule, keyed by form field; empty when usable."""
    errors: dict[str, str] = {}
    recurrence = spec.recurrence
    if not is_known_time_zone(spec.time_zone):
        errors["time_zone"] = "Choose a time zone from the list, such as America/Los_Angeles."
    if not 5 <= spec.duration_minutes <= MAX_DURATION_MINUTES:
        errors["duration_minutes"] = f"Give a duration from 5 to {MAX_DURATION_MINUTES} minutes."
    if recurrence.kind == "weekly":
        if not recurrence.weekdays:
            errors["weekdays"] = "Choose at least one weekday."
        if not 1 <= recurrence.interval <= 12:
            errors["interval"] = "Meet every 1 to 12 weeks."
    elif recurrence.kind == "monthly":
        if recurrence.month_week not in MONTH_WEEKS:
            errors["month_week"] = "Choose first, second, third, fourth, fifth or last."
        if not 0 <= recurrence.month_weekday <= 6:
            errors["month_weekday"] = "Choose a weekday."
    elif not recurrence.rule.strip():
        errors["rule"] = "Enter a recurrence rule, for example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU."
    if spec.count is None and spec.until is None:
        errors["end"] = "Say when the series ends: after a number of sessions or on a date."
    if spec.count is not None and not 1 <= spec.count <= MAX_OCCURRENCES:
        errors["count"] = f"Give 1 to {MAX_OCCURRENCES} sessions."
    if spec.until is not None and spec.until < spec.first_date:
        errors["until"] = "The last date must be on or after the first date."
    if not errors:
        try:
            _rule(spec, datetime.combine(spec.first_date, spec.start_time))
        except RuleRefused as problem:
            errors["rule"] = str(problem)
        except (ValueError, TypeError, OverflowError) as problem:
            errors["rule"] = rule_problem(problem)
    return errors


def rule_problem(problem: Exception) -> str:
    """What to say about a rule dateutil refused: its words when they name the part that
    is wrong ("invalid 'FREQ': FORTNIGHTLY"), never its internals ("not enough values to
    unpack"), and always an example of a rule that works."""
    detail = str(problem)
    named = isinstance(problem, ValueError) and detail.startswith(("invalid ", "unknown "))
    return f"{RULE_HELP} ({detail})" if named else RULE_HELP


def occurrences(spec: ScheduleSpec) -> list[Occurrence]:
    """Every meeting of the series, in order; ScheduleError when the schedule is unusable."""
    errors = validate(spec)
    if errors:
        raise ScheduleError(errors)
    start = datetime.combine(spec.first_date, spec.start_time)
    duration = timedelta(minutes=spec.duration_minutes)
    result: list[Occurrence] = []
    try:
        found = _collect(spec, start, duration, result)
    except (ValueError, OverflowError) as problem:  # dateutil while iterating a rule
        raise ScheduleError({"rule": rule_problem(problem)}) from problem
    if not found:
        raise ScheduleError({"first_date": "No session falls between the first date and the end."})
    return result


def _collect(
    spec: ScheduleSpec, start: datetime, duration: timedelta, result: list[Occurrence]
) -> list[Occurrence]:
    for local in _rule(spec, start):
        if spec.count is not None and len(result) >= spec.count:
            break
        if spec.until is not None and local.date() > spec.until:
            break
        if len(result) >= MAX_OCCURRENCES:
            too_many = f"The series would have more than {MAX_OCCURRENCES} sessions."
            raise ScheduleError({"end": too_many})
        starts_at = to_utc(local, spec.time_zone)
        # The end is the same wall-clock distance later (a 60-minute session that
        # spans a DST change still ends 60 minutes after it starts).
        result.append(Occurrence(occurrence_key(local), starts_at, starts_at + duration))
    return result


_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}
_EVERY = {1: "Every", 2: "Every other", 3: "Every third", 4: "Every fourth"}


# Pure and asked on every view of a program's page: remembered (specs are frozen).
@lru_cache(maxsize=1024)
def describe(spec: ScheduleSpec) -> str:
    """The series in words, in the program's zone: "Every other Tuesday, 12:00-13:00
    (America/Los_Angeles)", "The first Wednesday of each month, 17:00-18:00 (...)"."""
    start = datetime.combine(spec.first_date, spec.start_time)
    end = start + timedelta(minutes=spec.duration_minutes)
    hours = f"{start:%H:%M}\u2013{end:%H:%M} ({spec.time_zone})"
    rule = spec.recurrence
    if rule.kind == "weekly":
        days = " and ".join(WEEKDAY_NAMES[d] for d in sorted(rule.weekdays)) or "week"
        every = _EVERY.get(rule.interval, f"Every {rule.interval} weeks on")
        return f"{every} {days}, {hours}"
    if rule.kind == "monthly":
        which = _ORDINALS.get(rule.month_week, "first")
        return f"The {which} {WEEKDAY_NAMES[rule.month_weekday]} of each month, {hours}"
    return f"On a custom schedule ({rule.rule}), {hours}"
