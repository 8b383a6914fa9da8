"""Signing up and logging in through the forms, with JavaScript on (htmx) and off."""

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


@pytest.mark.parametrize("js", JS_MODES)
def test_sign_up_creates_an_account_and_signs_in(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    email, name = new_person()

    sign_up(visitor, email=email, name=name, time_zone="America/Denver")

    visitor.click(visitor.page.get_by_role("link", name="Profile"))
    expect(visitor.page.get_by_label("Full name")).to_have_value(name)
    expect(visitor.page.get_by_label("Time zone")).to_have_value("America/Denver")


@pytest.mark.parametrize("js", JS_MODES)
def test_sign_up_errors_are_shown_next_to_the_fields(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    page = visitor.page
    _email, name = new_person()
    visitor.goto("/signup")

    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_label("Password").fill("short")
    page.get_by_label("Full name").fill(name)
    visitor.click(page.get_by_role("button", name="Create account"), status=422, path="/signup")

    assert urlsplit(page.url).path == "/signup"
    expect(page.get_by_role("alert")).to_contain_text("Please correct 2 problems")
    email_field = page.get_by_label("Email address")
    expect(email_field).to_have_attribute("aria-invalid", "true")
    expect(email_field).to_have_accessible_description(
        "Error: Enter an email address like name@example.org."
    )
    expect(email_field).to_have_value("not-an-email")
    password_field = page.get_by_label("Password")
    expect(password_field).to_have_attribute("aria-invalid", "true")
    expect(password_field).to_have_accessible_description(
        "At least 10 characters. A phrase of several words is easy to remember. "
        "Error: Use at least 10 characters."
    )
    expect(password_field).to_have_value("")  # a password is never sent back
    expect(page.get_by_label("Full name")).to_have_value(name)
    assert "Signed in as" not in visitor.footer()


@pytest.mark.parametrize("js", JS_MODES)
def test_log_out_and_log_in_again(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    email, name = new_person()
    sign_up(visitor, email=email, name=name)

    log_out(visitor)
    log_in(visitor, email, NEW_PASSWORD)

    assert urlsplit(visitor.page.url).path == "/"  # the home


@pytest.mark.parametrize("js", JS_MODES)
def test_wrong_password_is_refused_with_a_message(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    page = visitor.page
    visitor.goto("/login")

    page.get_by_label("Email address").fill("outsider@example.org")
    page.get_by_label("Password").fill("not the password")
    visitor.click(page.get_by_role("button", name="Log in"), status=401, path="/login")

    expect(page.get_by_role("alert")).to_contain_text("email or password")
    expect(page.get_by_label("Email address")).to_have_value("outsider@example.org")
    assert "Signed in as" not in visitor.footer()


@pytest.mark.parametrize("js", JS_MODES)
def test_first_tab_focuses_the_skip_link(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    page = visitor.page
    visitor.goto("/")

    page.keyboard.press("Tab")

    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("js", JS_MODES)
def test_the_time_zone_starts_at_the_browsers_and_is_searchable(
    open_browser: OpenBrowser, js: bool
) -> None:
    """Issue 14: the zone list defaulted to New York and could not be searched. With
    JavaScript the sign-up form starts at the browser's zone; without, at the server's
    default; either way the field suggests zones as a city is typed (a datalist)."""
    visitor = open_browser(js=js, timezone_id="Asia/Tokyo")
    visitor.goto("/signup")
    field = visitor.page.get_by_label("Time zone")
    expect(field).to_have_value("Asia/Tokyo" if js else "America/New_York")
    options = visitor.page.locator("#time_zone-choices option")
    assert options.count() > 300
    assert visitor.page.locator('#time_zone-choices option[value="America/Los_Angeles"]').count()
    assert (
        visitor.page.locator('#time_zone-choices option[value="America/Los_Angeles"]').inner_text()
        == "Los Angeles"
    )
