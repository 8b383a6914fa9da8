"""A coordinator sets up a program's sessions in the browser: schedule, curriculum, changes."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, expect

from tests.e2e.harness import JS_MODES, OpenBrowser, Visitor, log_in

pytestmark = pytest.mark.e2e

COORDINATOR = "coordinator@example.org"  # runs hub cascadia; lives in America/Los_Angeles
HUB_NAME = "Cascadia Children's Behavioral Health Hub"
ZONE = "America/Los_Angeles"
SESSIONS = 6
CURRICULUM = "peds-mh-core.toml"
TOPICS = [  # the first topics of curricula/peds-mh-core.toml, in order
    "Mental health screening and office workflow",
    "ADHD assessment in primary care",
    "ADHD medication management",
    "Anxiety disorders: screening, CBT and SSRIs",
    "Adolescent depression in primary care (GLAD-PC)",
    "Suicide risk screening and safety planning",
]
RULE_LABEL = re.compile(r"^Rule\b")  # "Rule (optional)"
REASON = "Clinic closed for staff training. We meet again in two weeks."


def when(day: date, hour: int, minute: int = 0) -> str:
    """A start time as Echo shows it: 'Tue 3 Mar 2026, 12:00 PST (America/Los_Angeles)'."""
    local = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(ZONE))
    return f"{local:%a} {local.day} {local:%b %Y, %H:%M} {local.tzname()} ({ZONE})"


def first_tuesday() -> date:
    """A Tuesday at least a week ahead, so every session of the series is upcoming."""
    day = datetime.now(ZoneInfo(ZONE)).date() + timedelta(weeks=1)
    return day + timedelta(days=(1 - day.weekday()) % 7)


def session_rows(visitor: Visitor, title: str) -> Locator:
    return visitor.page.get_by_role("table", name=f"Sessions of {title}").locator("tbody tr")


def edit_session(visitor: Visitor, row: Locator) -> None:
    """From the session list, open a session's page and its edit page."""
    page = visitor.page
    visitor.click(row.get_by_role("link"))
    assert urlsplit(page.url).path.startswith("/sessions/")
    visitor.click(page.get_by_role("link", name="Edit this session"))
    assert urlsplit(page.url).path.endswith("/edit")


def back_to_list(visitor: Visitor, title: str) -> None:
    visitor.click(visitor.page.get_by_role("link", name=f"{title}: all sessions"))


@pytest.mark.parametrize("js", JS_MODES)
def test_coordinator_schedules_a_new_program(open_browser: OpenBrowser, js: bool) -> None:
    coordinator = open_browser(js=js)
    page = coordinator.page
    token = uuid.uuid4().hex[:8]
    slug, title = f"e2e-schedule-{token}", f"Scheduling Test ECHO {token}"
    log_in(coordinator, COORDINATOR)

    # A new program in the hub.
    coordinator.click(page.get_by_role("link", name=f"Manage {HUB_NAME}"))
    coordinator.click(page.get_by_role("link", name="New program"))
    page.get_by_label("Title").fill(title)
    page.get_by_label("Web address").fill(slug)
    page.get_by_label("Status").select_option("open")
    page.get_by_label("Visibility").select_option("public")
    page.get_by_label("Joining").select_option("auto")
    coordinator.click(page.get_by_role("button", name="Save program"))
    assert urlsplit(page.url).path == f"/programs/{slug}"
    assert coordinator.notice() == "The program is saved."

    # Every other Tuesday at 12:00 Pacific, six sessions: previewed, then applied.
    coordinator.click(page.get_by_role("link", name="Edit the schedule"))
    assert urlsplit(page.url).path == f"/programs/{slug}/schedule"
    first = first_tuesday()
    days = [first + timedelta(weeks=2 * n) for n in range(SESSIONS)]
    page.get_by_label("First session date").fill(first.isoformat())
    page.get_by_label("Start time").fill("12:00")
    page.get_by_label("Length in minutes").fill("60")
    page.get_by_label("Time zone").fill(ZONE)
    page.get_by_label("Weekly").check()
    page.get_by_label("Every how many weeks").fill("2")
    weekdays = page.get_by_role("group", name="On", exact=True)
    for name in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        weekdays.get_by_label(name, exact=True).set_checked(name == "Tuesday")
    page.get_by_label("After a number of sessions").check()
    page.get_by_label(re.compile(r"^Number of sessions")).fill(str(SESSIONS))
    coordinator.click(page.get_by_role("button", name="Preview changes"))
    assert urlsplit(page.url).path == f"/programs/{slug}/schedule"
    plan = page.get_by_role("region", name="What will change")
    expect(plan).to_contain_text(f"{SESSIONS} new sessions, from {when(first, 12)}.")
    expect(plan.get_by_role("listitem")).to_have_count(1)  # nothing moved or removed

    coordinator.click(plan.get_by_role("button", name="Apply these changes"))
    assert urlsplit(page.url).path == f"/programs/{slug}/sessions"
    assert coordinator.notice() == "The schedule is saved and the sessions are updated."
    rows = session_rows(coordinator, title)
    expect(rows.locator("td:nth-child(1)")).to_have_text([when(day, 12) for day in days])
    expect(rows.locator("td:nth-child(2)")).to_have_text(["To be announced"] * SESSIONS)
    expect(rows.locator("td:nth-child(3)")).to_have_text(["Upcoming"] * SESSIONS)

    # The core curriculum gives the sessions their didactics, in order.
    page.get_by_label("Curriculum").select_option(CURRICULUM)
    coordinator.click(page.get_by_role("button", name="Preview curriculum"))
    expect(page.get_by_role("heading", name="What the curriculum would change")).to_be_visible()
    coordinator.click(page.get_by_role("button", name=f"Apply to {SESSIONS} sessions"))
    assert urlsplit(page.url).path == f"/programs/{slug}/sessions"
    assert coordinator.notice() == (
        "The curriculum is applied to the upcoming sessions. You can undo it for a day from "
        "this page."
    )
    expect(rows.locator("td:nth-child(2)")).to_have_text(TOPICS)

    # The second session is cancelled, with a reason participants see.
    edit_session(coordinator, rows.nth(1))
    page.get_by_label("Reason shown to participants").fill(REASON)
    coordinator.click(page.get_by_role("button", name="Cancel session"))
    expect(page.get_by_role("status")).to_have_text(
        ["The session is cancelled; participants see the reason.", f"Cancelled. {REASON}"]
    )

    # The fourth one moves to the Wednesday after, at 15:00, for 90 minutes.
    back_to_list(coordinator, title)
    edit_session(coordinator, rows.nth(3))
    expect(page.get_by_label("New date")).to_have_value(days[3].isoformat())
    expect(page.get_by_label("New start time")).to_have_value("12:00")
    moved_to = days[3] + timedelta(days=1)
    page.get_by_label("New date").fill(moved_to.isoformat())
    page.get_by_label("New start time").fill("15:00")
    page.get_by_label("Length in minutes").fill("90")
    coordinator.click(page.get_by_role("button", name="Move session"))
    assert coordinator.notice() == "The session is moved."
    expect(page.locator(".when")).to_have_text(when(moved_to, 15))
    expect(page.get_by_text("This session was moved from its usual time.")).to_be_visible()

    # The list shows both changes; the other sessions are as scheduled.
    back_to_list(coordinator, title)
    expected_times = [when(day, 12) for day in days]
    expected_times[3] = when(moved_to, 15)
    expect(rows.locator("td:nth-child(1)")).to_have_text(expected_times)
    expect(rows.locator("td:nth-child(2)")).to_have_text(TOPICS)
    expect(rows.locator("td:nth-child(3)")).to_have_text(
        ["Upcoming", f"Cancelled {REASON}", "Upcoming", "Moved", "Upcoming", "Upcoming"]
    )

    # Moving the start to 12:30 would put a second session on each day whose session is
    # kept (its didactic): the preview says so, and by default the kept sessions move.
    coordinator.click(page.get_by_role("link", name=title))
    coordinator.click(page.get_by_role("link", name="Edit the schedule"))
    page.get_by_label("Start time").fill("12:30")
    coordinator.click(page.get_by_role("button", name="Preview changes"))
    plan = page.get_by_role("region", name="What will change")
    expect(plan).to_contain_text("a second session unless the kept ones move")
    expect(
        plan.get_by_label("Move the kept sessions to the new time (recommended)")
    ).to_be_checked()
    coordinator.click(plan.get_by_role("button", name="Apply these changes"))
    assert coordinator.notice() == "The schedule is saved and the sessions are updated."
    expect(rows).to_have_count(SESSIONS)  # no day got a second session
    expect(rows.nth(0).locator("td:nth-child(1)")).to_have_text(when(days[0], 12, 30))
    expect(rows.nth(0).locator("td:nth-child(2)")).to_have_text(TOPICS[0])

    # The curriculum can be taken back for a day: the sessions lose the topics it gave.
    coordinator.click(page.get_by_role("button", name="Undo this curriculum change"))
    assert coordinator.notice() == (
        "The curriculum change is undone: the sessions have their earlier didactics again."
    )
    expect(rows.locator("td:nth-child(2)")).to_have_text(["To be announced"] * SESSIONS)
    expect(page.get_by_role("button", name="Undo this curriculum change")).to_have_count(0)


@pytest.mark.parametrize("js", JS_MODES)
def test_an_invalid_rule_is_shown_next_to_the_field(open_browser: OpenBrowser, js: bool) -> None:
    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, COORDINATOR)
    coordinator.goto("/programs/peds-mh-echo/sessions")
    rows_before = page.get_by_role("table").locator("tbody tr").all_inner_texts()

    coordinator.click(page.get_by_role("link", name="Edit the schedule"))
    page.get_by_label("Custom rule (RFC 5545 RRULE)").check()
    page.get_by_label(RULE_LABEL).fill("FREQ=FORTNIGHTLY;BYDAY=TU")
    coordinator.click(
        page.get_by_role("button", name="Preview changes"),
        status=422,
        path="/programs/peds-mh-echo/schedule",
    )

    expect(page.get_by_role("alert")).to_contain_text("Please correct 1 problem")
    rule = page.get_by_label(RULE_LABEL)
    expect(rule).to_have_value("FREQ=FORTNIGHTLY;BYDAY=TU")
    expect(rule).to_have_attribute("aria-invalid", "true")
    expect(rule).to_have_accessible_description(
        "For example FREQ=WEEKLY;INTERVAL=2;BYDAY=TU "
        "Error: This rule cannot be used. Write one RFC 5545 rule, such as "
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU or FREQ=MONTHLY;BYDAY=1TH. (invalid 'FREQ': FORTNIGHTLY)"
    )
    expect(page.get_by_label("Custom rule (RFC 5545 RRULE)")).to_be_checked()
    expect(page.get_by_role("region", name="What will change")).to_have_count(0)

    # Nothing changed: the demo program's sessions are as they were.
    coordinator.click(page.get_by_role("link", name="Pediatric Mental Health in Primary Care ECHO"))
    coordinator.click(page.get_by_role("link", name="Schedule and sessions"))
    assert page.get_by_role("table").locator("tbody tr").all_inner_texts() == rows_before
