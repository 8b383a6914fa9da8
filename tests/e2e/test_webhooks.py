"""The hub's webhooks pages in a real browser, with and without JavaScript: reached from
the hub's management page, a refused address answered next to its field with what was
typed kept, a new secret shown once; each page audited (axe, 375 and 768 px). No endpoint
here can be sent to: the demo's has a reserved name that never resolves."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import JS_MODES, OpenBrowser, log_in

pytestmark = pytest.mark.e2e

LIST = "/hubs/cascadia/webhooks"
SECRET = re.compile(r"^whsec_[A-Za-z0-9+/]{43}=$")


@pytest.mark.parametrize("js", JS_MODES)
def test_coordinator_is_refused_a_private_address_and_makes_a_new_secret(
    open_browser: OpenBrowser, js: bool
) -> None:
    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, "coordinator@example.org")
    coordinator.goto("/hubs/cascadia/manage")
    coordinator.click(page.get_by_role("link", name="Webhooks"))
    assert urlsplit(page.url).path == LIST

    address = page.get_by_label("Endpoint address")
    address.fill("https://10.0.0.5/echo-events")
    page.get_by_label("A CME certificate is revoked").uncheck()
    coordinator.click(page.get_by_role("button", name="Add endpoint"), status=422, path=LIST)
    expect(page.get_by_role("alert")).to_contain_text("not on the public internet")
    expect(address).to_have_attribute("aria-invalid", "true")
    expect(address).to_have_value("https://10.0.0.5/echo-events")
    expect(page.get_by_label("A CME certificate is revoked")).not_to_be_checked()
    expect(page.get_by_label("A CME certificate is issued (or re-issued)")).to_be_checked()

    coordinator.click(page.get_by_role("button", name="Make a new secret").first)
    secret = page.get_by_label("Signing secret for")
    expect(secret).to_have_value(SECRET)
    expect(page.get_by_role("heading", level=1)).to_have_text("The endpoint's new secret")

    coordinator.click(page.get_by_role("link", name="The endpoint's delivery log"))
    expect(page.get_by_role("table", name="Deliveries to this endpoint")).to_be_visible()
    expect(page.get_by_role("button", name="Redeliver").first).to_be_visible()
