"""Forms answered with errors, beyond sign-up and login: each error page is audited."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import JS_MODES, OpenBrowser, log_in, new_person, sign_up

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("js", JS_MODES)
def test_coordinator_forms_show_errors(open_browser: OpenBrowser, js: bool) -> None:
    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, "coordinator@example.org")
    coordinator.goto("/hubs/cascadia/manage")

    coordinator.click(page.get_by_role("link", name="New program"))
    page.get_by_label("Web address").fill("Not A Slug!")
    coordinator.click(
        page.get_by_role("button", name="Save program"),
        status=422,
        path="/hubs/cascadia/programs/new",
    )
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Web address")).to_have_value("Not A Slug!")

    coordinator.click(page.get_by_role("link", name="Cancel"))
    assert urlsplit(page.url).path == "/hubs/cascadia/manage"
    page.get_by_label("Email", exact=True).fill("nobody-e2e@example.org")
    coordinator.click(
        page.get_by_role("button", name="Add member"), status=422, path="/hubs/cascadia/members"
    )
    expect(page.get_by_label("Email", exact=True)).to_have_accessible_description(
        "The person needs an Echo account. "
        "Error: No account uses this email. Ask the person to sign up first."
    )


@pytest.mark.parametrize("js", JS_MODES)
def test_profile_form_shows_errors(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    page = visitor.page
    email, name = new_person()
    sign_up(visitor, email=email, name=name)
    visitor.click(page.get_by_role("link", name="Profile"))

    page.get_by_label("Full name").fill("")
    page.get_by_label("NPI").fill("123")
    visitor.click(page.get_by_role("button", name="Save profile"), status=422, path="/me/profile")

    expect(page.get_by_role("alert")).to_contain_text("Please correct 2 problems")
    expect(page.get_by_label("Full name")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("NPI")).to_have_value("123")
    expect(page.get_by_label("Time zone")).to_have_value("America/Chicago")
