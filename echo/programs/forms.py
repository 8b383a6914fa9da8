"""What the programs pages accept: hub management, program settings, schedules, sessions.

Each form declares its fields with the web kit's parsers (echo.web.params); the services
receive typed values and check the rules that need the database (a slug in use, a
presenter who is a hub member).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from echo.programs import recurrence
from echo.programs.models import EnrollmentMode, ProgramStatus, Visibility
from echo.security.permissions import HubRole
from echo.web.params import (
    Form,
    as_typed,
    clock,
    day,
    each_of,
    email,
    flag,
    line,
    link,
    number,
    one_of,
    row_id,
    slug,
    text,
    zone,
)

CHOOSE = "Choose one of the options."
ZOOM_PASTE_HELP = (
    "Paste the secret token from your Zoom app: 16 to 100 letters, digits and symbols, "
    "no spaces or accents."
)


class MemberForm(Form):
    email: Annotated[str, email(required="Enter the email of the person to add.")]
    role: Annotated[str, one_of([r.value for r in HubRole], required="Choose a role.")]


class DecisionForm(Form):
    decision: Annotated[str, one_of(("approve", "decline"), required=CHOOSE)]


class ParticipantForm(Form):
    program: Annotated[str, line(60, required="Choose one of this hub's programs.")]
    participant_email: Annotated[str, email(required="Enter the participant's email.")]


class ZoomSecretForm(Form):
    # Checked as pasted (echo.programs.services.set_zoom_secret): cleaning would change it.
    zoom_webhook_secret: Annotated[str, as_typed(1000, ZOOM_PASTE_HELP)] = ""


class ProgramForm(Form):
    slug: Annotated[str, slug(required="Enter the program's web address, like adhd-echo-2027.")]
    title: Annotated[str, line(200, required="Enter a title.")]
    description: Annotated[str, text(20_000)]
    target_audience: Annotated[str, line(500)]
    status: Annotated[str, one_of([s.value for s in ProgramStatus], required=CHOOSE)]
    visibility: Annotated[str, one_of([v.value for v in Visibility], required=CHOOSE)]
    enrollment_mode: Annotated[str, one_of([m.value for m in EnrollmentMode], required=CHOOSE)]
    participants_see_cases: Annotated[bool, flag()]
    lead_faculty_id: Annotated[
        int | None, row_id(message="Choose one of the hub's faculty members.")
    ] = None


# A session's length, on the schedule and when one session moves.
Minutes = Annotated[
    int,
    number(
        5,
        recurrence.MAX_DURATION_MINUTES,
        required="Enter the length in minutes, for example 60.",
        message=f"Give a length from 5 to {recurrence.MAX_DURATION_MINUTES} minutes.",
    ),
]
WEEKDAY_VALUES = [str(day) for day in range(7)]
MONTH_WEEK_VALUES = [str(week) for week in recurrence.MONTH_WEEKS]


class ScheduleForm(Form):
    """The schedule page. Fields of the repeat kinds not chosen may be empty."""

    first_date: Annotated[dt.date, day(required="Enter the first session's date.")]
    start_time: Annotated[dt.time, clock(required="Enter the start time, like 12:00.")]
    duration_minutes: Minutes
    time_zone: Annotated[str, zone(required="Choose the time zone the sessions are in.")]
    kind: Annotated[
        str, one_of(("weekly", "monthly", "rrule"), required="Choose how the series repeats.")
    ]
    interval: Annotated[int | None, number(1, 12, message="Meet every 1 to 12 weeks.")] = None
    weekdays: Annotated[list[str], each_of(WEEKDAY_VALUES, message="Choose weekdays.")]
    month_week: Annotated[str, one_of(MONTH_WEEK_VALUES)] = ""
    month_weekday: Annotated[str, one_of(WEEKDAY_VALUES, message="Choose a weekday.")] = ""
    rule: Annotated[str, line(500)] = ""
    end: Annotated[
        str,
        one_of(
            ("count", "until"),
            message="Say when the series ends: after a number of sessions or on a date.",
        ),
    ] = ""
    count: Annotated[
        int | None,
        number(
            1,
            recurrence.MAX_OCCURRENCES,
            message=f"Give 1 to {recurrence.MAX_OCCURRENCES} sessions.",
        ),
    ] = None
    until: Annotated[dt.date | None, day()] = None
    meeting_url: Annotated[str, link(500)] = ""
    meeting_passcode: Annotated[str, line(100)] = ""
    action: Annotated[str, one_of(("preview", "apply"))] = ""
    # A kept session on a day the new schedule also meets: move it there, or keep both.
    same_day: Annotated[str, one_of(("move", "both"))] = "move"

    def spec(self) -> recurrence.ScheduleSpec:
        """The schedule to check and plan (recurrence.validate says what else is wrong)."""
        kind: recurrence.RecurrenceKind = (
            "monthly" if self.kind == "monthly" else "rrule" if self.kind == "rrule" else "weekly"
        )
        return recurrence.ScheduleSpec(
            first_date=self.first_date,
            start_time=self.start_time,
            duration_minutes=self.duration_minutes,
            time_zone=self.time_zone,
            recurrence=recurrence.Recurrence(
                kind=kind,
                interval=self.interval or 1,
                weekdays=tuple(sorted(int(d) for d in self.weekdays)),
                month_week=int(self.month_week or 1),
                month_weekday=int(self.month_weekday or 0),
                rule=self.rule,
            ),
            count=self.count if self.end != "until" else None,
            until=self.until if self.end == "until" else None,
        )


SessionAction = Literal["details", "cancel", "restore", "move"]


class SessionActionForm(Form):
    action: Annotated[str, one_of(("details", "cancel", "restore", "move"))] = ""


class SessionDetailsForm(Form):
    title: Annotated[str, line(200)]
    didactic_title: Annotated[str, line(200)]
    didactic_presenter_id: Annotated[
        int | None, row_id(message="Choose a presenter from the hub's members.")
    ] = None
    didactic_objectives: Annotated[str, text(4000)]
    resource_ids: Annotated[str, line(1000)]
    slides_url: Annotated[str, link(500)]
    recording_url: Annotated[str, link(500)]
    notes: Annotated[str, text(20_000)]

    def resources(self) -> list[str]:
        return [r.strip() for r in self.resource_ids.split(",") if r.strip()]


class CancelForm(Form):
    reason: Annotated[
        str, line(300, required="Say why the session is cancelled; participants see it.")
    ]


class MoveForm(Form):
    date: Annotated[dt.date, day(required="Enter the new date.")]
    time: Annotated[dt.time, clock(required="Enter the new start time, like 12:00.")]
    duration_minutes: Minutes


class CurriculumForm(Form):
    curriculum: Annotated[str, line(200, required="Choose a curriculum.")]
    start_topic: Annotated[
        int | None, number(1, 500, message="Choose the topic the next session starts with.")
    ] = None
    action: Annotated[str, one_of(("preview", "apply"))] = "preview"


class ToolkitQuery(Form):
    q: Annotated[str, line(200)] = ""
    tag: Annotated[str, line(100)] = ""
    audience: Annotated[str, line(100)] = ""


class HubForm(Form):
    """A site administrator creates a hub with its first coordinator."""

    name: Annotated[str, line(200, required="Enter the hub's name.")]
    slug: Annotated[str, slug(required="Enter a short name, like cascadia.", example="cascadia")]
    time_zone: Annotated[str, zone(required="Choose the hub's time zone.")]
    coordinator_email: Annotated[
        str, email(required="Enter the email of a registered person to coordinate the hub.")
    ]
