"""iCalendar subscription feeds (RFC 5545, RFC 7986): one VEVENT per session occurrence.

Pure: no database or HTTP. A view maps sessions to ``CalendarEvent`` and serves
``render_feed``'s bytes as ``text/calendar; charset=utf-8``. The output depends
only on the arguments (no random UID on the calendar), so equal feeds are equal
bytes and can carry a stable ETag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDDDTypes,
    vDuration,
    vInt,
    vText,
    vUri,
)

from echo.web.params import without_breaks


@dataclass(frozen=True)
class CalendarEvent:
    """One occurrence of a session, as a calendar client should show it."""

    uid: str  # stable forever, globally unique, e.g. "session-17@echo.example.org"
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC
    time_zone: str  # the program's IANA zone; DTSTART/DTEND are written in it with TZID
    summary: str  # e.g. "Peds MH ECHO: ADHD medication"
    description: str  # plain text (didactic title, presenter, ...); may be ""
    url: str  # the session page URL
    sequence: int  # increases on each significant change
    cancelled: bool  # STATUS:CANCELLED when true, else STATUS:CONFIRMED
    last_modified: datetime  # aware, UTC
    location: str | None = None  # the meeting link; only personal feeds pass it


@dataclass(frozen=True)
class CalendarFeed:
    name: str  # NAME and X-WR-CALNAME
    events: Sequence[CalendarEvent]
    refresh_interval: timedelta = timedelta(hours=12)  # REFRESH-INTERVAL and X-PUBLISHED-TTL
    prodid: str = "-//Echo//Echo ECHO programs//EN"


@dataclass
class _ZoneSpan:
    """A TZID in use and the local dates its VTIMEZONE must cover."""

    zone: ZoneInfo
    first: date
    last: date


def render_feed(feed: CalendarFeed, *, now: datetime) -> bytes:
    """The whole VCALENDAR: UTF-8, CRLF line ends, lines folded at 75 octets.

    No METHOD: a subscription feed is not a scheduling message (RFC 5546 section 1.4).
    Every TZID used gets a VTIMEZONE covering all its events (RFC 5545 section 3.6.5).
    """
    calendar = Calendar()
    calendar.add("VERSION", "2.0")
    calendar.add("PRODID", feed.prodid)
    calendar.add("CALSCALE", "GREGORIAN")
    # One-line properties are made one line here, whatever is stored: NAME is written
    # unescaped, and a line break there or in SUMMARY breaks the content line (RFC 5545
    # section 3.1). DESCRIPTION keeps its lines (TEXT escapes them as \n).
    name = without_breaks(feed.name)
    calendar.add("NAME", name)
    calendar.add("X-WR-CALNAME", name)
    # RFC 7986 section 5.7: VALUE=DURATION is required on REFRESH-INTERVAL.
    calendar["REFRESH-INTERVAL"] = vDuration(feed.refresh_interval, params={"VALUE": "DURATION"})
    calendar["X-PUBLISHED-TTL"] = vDuration(feed.refresh_interval)

    # Values shared by every event are built once; serializing does not modify them.
    stamp = vDDDTypes(_in_utc(now, "now"))
    confirmed, cancelled = vText("CONFIRMED"), vText("CANCELLED")
    zones: dict[str, ZoneInfo] = {}
    spans: dict[str, _ZoneSpan] = {}
    uids: set[str] = set()
    for item in feed.events:
        if item.uid in uids:
            raise ValueError(f"UID {item.uid!r} appears twice; each occurrence needs its own")
        uids.add(item.uid)
        zone = zones.get(item.time_zone)
        if zone is None:
            zone = zones[item.time_zone] = _zone(item.time_zone)
        if _aware(item.ends_at, "ends_at") < _aware(item.starts_at, "starts_at"):
            raise ValueError(f"event {item.uid!r} ends before it starts")
        if item.sequence < 0:
            raise ValueError(f"event {item.uid!r} has a negative SEQUENCE")

        start, end = item.starts_at.astimezone(zone), item.ends_at.astimezone(zone)
        if _repeated(start) or _repeated(end):
            # RFC 5545 section 3.3.5 reads a local time that happens twice as the first,
            # ical.js (Thunderbird) as the second: UTC means the same to all. Both ends in
            # UTC: with one local and one in UTC, recurring-ical-events ends it an hour off.
            start, end = start.astimezone(UTC), end.astimezone(UTC)
        dtstart, dtend = vDDDTypes(start), vDDDTypes(end)
        event = Event()
        event["UID"] = vText(item.uid)
        event["DTSTAMP"] = stamp
        event["DTSTART"] = dtstart
        event["DTEND"] = dtend
        event["LAST-MODIFIED"] = vDDDTypes(_in_utc(item.last_modified, "last_modified"))
        event["SEQUENCE"] = vInt(item.sequence)
        event["SUMMARY"] = vText(without_breaks(item.summary))
        if item.description:
            event["DESCRIPTION"] = vText(item.description)
        event["URL"] = vUri(item.url)
        event["STATUS"] = cancelled if item.cancelled else confirmed
        if item.location is not None:
            event["LOCATION"] = vText(without_breaks(item.location))
        calendar.add_component(event)

        # Times written in UTC ("Z", also for UTC-like zones) have no TZID to declare.
        for moment, value in ((start, dtstart), (end, dtend)):
            tzid = value.params.get("TZID")
            if tzid is not None:
                day = moment.date()
                span = spans.get(tzid)
                if span is None:
                    spans[tzid] = _ZoneSpan(zone, day, day)
                else:
                    span.first = min(span.first, day)
                    span.last = max(span.last, day)

    # VTIMEZONEs go first, before the events that refer to them.
    calendar.subcomponents[:0] = [
        _vtimezone(tzid, span.zone, span.first.year, span.last.year) for tzid, span in spans.items()
    ]
    ical: bytes = calendar.to_ical()  # icalendar leaves this return type unannotated
    return ical


# A pure function of the tz database: a feed re-rendered for every request shares the
# component (serializing does not change it) instead of scanning the zone again.
@lru_cache(maxsize=256)
def _vtimezone(tzid: str, zone: ZoneInfo, first_year: int, last_year: int) -> Timezone:
    """``zone`` from 1 January ``first_year`` to the end of ``last_year``, local time.

    One observance per change of offset, each with only a DTSTART: the local time before
    the change (RFC 5545 section 3.6.5), so 02:00, not 03:00, when clocks go forward.
    Not icalendar's ``add_missing_timezones``: ical.js (Thunderbird) reads only the first
    value of its comma-separated RDATE lists, which puts whole summers an hour off, and
    its DTSTART for going forward is the new wall-clock time, an hour late. Whole years
    keep the VTIMEZONE short and unchanged by most edits of a feed.
    """
    vtimezone = Timezone()
    vtimezone.add("TZID", tzid)
    moment = datetime(first_year, 1, 1, tzinfo=zone).astimezone(UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=zone).astimezone(UTC)
    observed = _observed(moment, zone)
    vtimezone.add_component(_onset(moment, observed.offset, observed))
    while moment < end:
        step = min(moment + _SCAN_STEP, end)
        if _observed(step, zone) == observed:
            moment = step
            continue
        # The change is in (moment, step]: find its second (tzdb changes on whole seconds).
        before, after = 0, int((step - moment).total_seconds())
        while after - before > 1:
            middle = (before + after) // 2
            if _observed(moment + timedelta(seconds=middle), zone) == observed:
                before = middle
            else:
                after = middle
        moment += timedelta(seconds=after)
        changed = _observed(moment, zone)
        vtimezone.add_component(_onset(moment, observed.offset, changed))
        observed = changed
    return vtimezone


_SCAN_STEP = timedelta(days=1)  # tzdb's closest changes of one zone are a week apart


class _Observance(NamedTuple):
    offset: timedelta
    daylight: bool
    name: str


def _observed(instant: datetime, zone: ZoneInfo) -> _Observance:
    local = instant.astimezone(zone)
    return _Observance(local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or "")


def _onset(
    instant: datetime, offset_before: timedelta, observed: _Observance
) -> TimezoneDaylight | TimezoneStandard:
    observance = TimezoneDaylight() if observed.daylight else TimezoneStandard()
    observance.add("DTSTART", (instant + offset_before).replace(tzinfo=None))
    observance.add("TZNAME", observed.name)
    observance.add("TZOFFSETFROM", offset_before)
    observance.add("TZOFFSETTO", observed.offset)
    return observance


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {name!r}: use an IANA name") from error


def _repeated(local: datetime) -> bool:
    """Whether this wall-clock time happens twice, when clocks go back."""
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _aware(moment: datetime, what: str) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got {moment!r}")
    return moment


def _in_utc(moment: datetime, what: str) -> datetime:
    return _aware(moment, what).astimezone(UTC)


def render_invitation(
    event: CalendarEvent,
    *,
    method: str,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    now: datetime,
) -> bytes:
    """An iTIP scheduling message for one attendee (RFC 5546; sent by email per RFC 6047):
    METHOD REQUEST (new or changed, with a higher SEQUENCE) or CANCEL, with the same UID
    as the event in the feeds, so calendars update the entry they already have."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"unsupported iTIP method {method!r}")
    feed = Calendar.from_ical(render_feed(CalendarFeed(name="", events=[event]), now=now))
    invitation = Calendar()
    invitation.add("VERSION", "2.0")
    invitation.add("PRODID", CalendarFeed.prodid)
    invitation.add("METHOD", method)
    for component in feed.subcomponents:
        if component.name == "VEVENT":
            organizer_name, organizer_email = organizer
            attendee_name, attendee_email = attendee
            component["ORGANIZER"] = vCalAddress(f"mailto:{organizer_email}")
            component["ORGANIZER"].params["CN"] = vText(without_breaks(organizer_name))
            address = vCalAddress(f"mailto:{attendee_email}")
            address.params["CN"] = vText(without_breaks(attendee_name))
            address.params["ROLE"] = vText("REQ-PARTICIPANT")
            address.params["PARTSTAT"] = vText("NEEDS-ACTION")
            address.params["RSVP"] = vText("FALSE")
            component["ATTENDEE"] = address
            if method == "CANCEL":
                component["STATUS"] = vText("CANCELLED")
        invitation.add_component(component)
    ical: bytes = invitation.to_ical()
    return ical
