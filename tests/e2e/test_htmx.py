"""With JavaScript on, htmx boosts links and forms, within the Content-Security-Policy."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e


def test_nav_links_are_boosted_by_htmx(open_browser: OpenBrowser) -> None:
    visitor = open_browser(js=True)
    page = visitor.page
    response = visitor.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof window.htmx") == "object"
    page.evaluate("window.__sameDocument = true")

    with page.expect_request(lambda request: urlsplit(request.url).path == "/login") as sent:
        visitor.click(
            page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
        )

    assert sent.value.headers.get("hx-request") == "true"
    assert sent.value.headers.get("hx-boosted") == "true"
    assert page.evaluate("window.__sameDocument") is True, "the page was reloaded, not swapped"
    assert urlsplit(page.url).path == "/login"
    expect(page).to_have_title("Log in · Echo")
    assert visitor.problems == []


def test_boosted_forms_and_links_log_no_errors(open_browser: OpenBrowser) -> None:
    """A signed-in tour of the site: no console error or CSP violation on any page."""
    visitor = open_browser(js=True)
    page = visitor.page
    log_in(visitor, "admin@example.org")
    for nav_name, link in [
        ("Main", "Programs"),
        ("Your account", "My programs"),
        ("Your account", "Profile"),
        ("Main", "Administration"),
    ]:
        nav = page.get_by_role("navigation", name=nav_name)
        visitor.click(nav.get_by_role("link", name=link, exact=True))
        expect(nav.get_by_role("link", name=link, exact=True)).to_have_attribute(
            "aria-current", "page"
        )
    visitor.goto("/hubs/cascadia/manage")
    visitor.goto("/programs/peds-mh-echo")
    visitor.goto("/no-such-page", status=404)
    assert page.evaluate("typeof window.htmx") == "object"
    assert visitor.problems == []
    assert [urlsplit(url).path for url in visitor.audited] == [
        "/",
        "/login",
        "/",  # the home
        "/programs",
        "/me/programs",
        "/me/profile",
        "/admin",
        "/hubs/cascadia/manage",
        "/programs/peds-mh-echo",
        "/no-such-page",
    ]
