"""A hub's API tokens page in a real browser, with and without JavaScript: reached from the
hub's management page, a missing name answered next to its field with what was typed
kept, a new service token shown once, listed with who made it, and revoked; each page
audited (axe, 375 and 768 px)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import JS_MODES, OpenBrowser, log_in

pytestmark = pytest.mark.e2e

LIST = "/hubs/cascadia/tokens"
TOKEN = re.compile(r"^echo_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$")


@pytest.mark.parametrize("js", JS_MODES)
def test_coordinator_makes_a_service_token_sees_it_once_and_revokes_it(
    open_browser: OpenBrowser, js: bool
) -> None:
    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, "coordinator@example.org")
    coordinator.goto("/hubs/cascadia/manage")
    coordinator.click(page.get_by_role("link", name="API tokens"))
    assert urlsplit(page.url).path == LIST
    table = page.get_by_role("table", name=re.compile("^Service tokens of "))
    expect(table).to_contain_text("CME office records (demo)")

    name = page.get_by_label("Name")
    days = page.get_by_label("Lasts (days)")
    days.fill("30")
    page.get_by_label(re.compile("^May also write")).check()
    coordinator.click(page.get_by_role("button", name="Make service token"), status=422, path=LIST)
    expect(page.get_by_role("alert")).to_contain_text("Name the token after what will use it")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(days).to_have_value("30")
    expect(page.get_by_label(re.compile("^May also write"))).to_be_checked()

    label = f"Attendance dashboard {'js' if js else 'no-js'}"
    name.fill(label)
    coordinator.click(page.get_by_role("button", name="Make service token"))
    expect(page.get_by_role("heading", level=1)).to_have_text("The hub's new service token")
    expect(page.get_by_label(f"Service token “{label}”")).to_have_value(TOKEN)

    coordinator.click(page.get_by_role("link", name="Back to the hub's API tokens"))
    row = page.get_by_role("row").filter(has_text=label)
    expect(row).to_contain_text("Read and write")
    expect(row).to_contain_text("by Casey Coordinator")
    expect(page.locator("main")).not_to_contain_text(re.compile(r"echo_[0-9a-f]{10}_[A-Za-z0-9]"))
    coordinator.click(row.get_by_role("button", name=f"Revoke {label}"))
    expect(page.get_by_role("status")).to_contain_text("The service token is revoked")
    expect(page.get_by_role("row").filter(has_text=label)).to_contain_text("Revoked")
