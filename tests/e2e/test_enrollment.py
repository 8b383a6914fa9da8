"""Asking to join a program and a coordinator approving it, in two browsers."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import (
    JS_MODES,
    NEW_PASSWORD,
    OpenBrowser,
    log_in,
    log_out,
    new_person,
    sign_up,
)

pytestmark = pytest.mark.e2e

PROGRAM_TITLE = "Pediatric Mental Health in Primary Care ECHO"


@pytest.mark.parametrize("js", JS_MODES)
def test_request_to_join_and_coordinator_approves(open_browser: OpenBrowser, js: bool) -> None:
    clinician = open_browser(js=js)
    page = clinician.page
    email, name = new_person()
    sign_up(clinician, email=email, name=name)
    log_out(clinician)
    log_in(clinician, email, NEW_PASSWORD)

    clinician.click(page.get_by_role("link", name="Programs", exact=True))
    clinician.click(page.get_by_role("link", name=PROGRAM_TITLE))
    assert urlsplit(page.url).path == "/programs/peds-mh-echo"
    clinician.click(page.get_by_role("button", name="Request to join"))
    assert clinician.notice() == (
        "Your request to join is sent. The hub's coordinator will review it."
    )
    participation = page.get_by_role("region", name="Your participation")
    expect(participation).to_contain_text("waiting for the coordinator's approval")

    coordinator = open_browser(js=js)
    log_in(coordinator, "coordinator@example.org")
    coordinator.click(
        coordinator.page.get_by_role(
            "link", name="Manage Cascadia Children's Behavioral Health Hub"
        )
    )
    assert urlsplit(coordinator.page.url).path == "/hubs/cascadia/manage"
    requests = coordinator.page.get_by_role("table", name="Pending enrollment requests")
    expect(requests.get_by_role("row").filter(has_text=email)).to_contain_text(PROGRAM_TITLE)
    coordinator.click(coordinator.page.get_by_role("button", name=f"Approve {name}"))
    assert coordinator.notice() == "The request is approved; the participant is enrolled."
    expect(coordinator.page.get_by_text(email)).to_have_count(0)

    clinician.goto("/programs/peds-mh-echo")
    expect(participation).to_contain_text("You are enrolled in this program.")
    clinician.click(page.get_by_role("link", name="My programs"))
    row = page.get_by_role("row").filter(has_text=PROGRAM_TITLE)
    expect(row).to_contain_text("Enrolled")
