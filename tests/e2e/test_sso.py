"""Single sign-on in a real browser: a server of its own with ECHO_OIDC_PROVIDERS naming a
running oidc-provider (tests/accounts/oidc_provider), so the login page's provider button,
the provider's round trip, the welcome on the profile and the links page with a link on it
are each seen, audited by axe and laid out at 375 and 768 px (the harness). With JavaScript
on: the provider buttons leave the site, so htmx must not boost them into a request that
the CSP's connect-src blocks (it did)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.accounts.oidc_support import find_node, providers_toml, running_provider
from tests.e2e.conftest import EchoServer, free_port, running_echo
from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e

PROVIDER = "Test Health (test)"


@pytest.fixture(scope="module")
def echo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EchoServer]:
    """This module's own server, with one single sign-on provider (the demo has none)."""
    folder = tmp_path_factory.mktemp("e2e-sso-server")
    port = free_port()
    callback = f"http://127.0.0.1:{port}/login/sso/test/callback"
    with running_provider(find_node(), [callback], default_account="verified") as issuer:
        providers = folder / "oidc-providers.toml"
        providers.write_text(providers_toml(issuer, client_ids={"test": "echo"}))
        with running_echo(folder, port, {"ECHO_OIDC_PROVIDERS": str(providers)}) as server:
            yield server


def test_a_clinician_links_removes_then_signs_in_with_their_organization(
    open_browser: OpenBrowser,
) -> None:
    # A community pediatrician with a password links the organization's sign-in...
    visitor = open_browser()
    page = visitor.page
    log_in(visitor, "pediatrician@example.org")
    visitor.goto("/me/sso")
    visitor.click(page.get_by_role("link", name=f"Link {PROVIDER}"))
    assert visitor.notice().startswith("The sign-in is linked")
    row = page.get_by_role("row").filter(has_text="ana.ruiz@hospital.example")
    expect(row).to_have_count(1)
    # ...and removes it again (a password remains, so it may go).
    visitor.click(row.get_by_role("button", name="Remove"))
    assert visitor.notice().startswith("The sign-in is removed")
    expect(page.get_by_role("row").filter(has_text="ana.ruiz@hospital.example")).to_have_count(0)

    # Someone new signs in with it from the login page: an account is made for them.
    newcomer = open_browser()
    newcomer.goto("/login")
    newcomer.click(newcomer.page.get_by_role("link", name=f"Sign in with {PROVIDER}"))
    assert newcomer.notice().startswith("Welcome to Echo")
    assert "Signed in as ana.ruiz@hospital.example." in newcomer.footer()
    newcomer.goto("/me/sso")
    kept = newcomer.page.get_by_role("row").filter(has_text="ana.ruiz@hospital.example")
    expect(kept).to_contain_text("Stays: it is how you sign in")


def test_the_login_page_offers_the_provider_without_javascript(open_browser: OpenBrowser) -> None:
    visitor = open_browser(js=False)
    visitor.goto("/login")
    link = visitor.page.get_by_role("link", name=f"Sign in with {PROVIDER}")
    expect(link).to_have_attribute("href", "/login/sso/test")
