"""A learner whose claim window closed asks for a late claim; the CME office approves it
(issue 14), with JavaScript on and off."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EchoServer
from tests.e2e.harness import JS_MODES, OpenBrowser, log_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def closed_windows(echo_server: EchoServer) -> Iterator[Path]:
    """Every claim window closed, no late claim asked yet; put back afterwards."""
    database = echo_server.database
    with sqlite3.connect(database) as connection:
        before = connection.execute("SELECT id, claim_window_days FROM cme_settings").fetchall()
        connection.execute("UPDATE cme_settings SET claim_window_days = 0")
        connection.execute("DELETE FROM cme_late_claim")
    yield database
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "UPDATE cme_settings SET claim_window_days = ? WHERE id = ?",
            [(days, row_id) for row_id, days in before],
        )
        connection.execute("DELETE FROM cme_late_claim")


@pytest.mark.parametrize("js", JS_MODES)
def test_a_late_claim_is_asked_for_and_approved(
    open_browser: OpenBrowser, closed_windows: Path, js: bool
) -> None:
    learner = open_browser(js=js)
    page = learner.page
    log_in(learner, "np@example.org")
    learner.goto("/me/credit")
    learner.click(page.get_by_role("link", name="Request a late claim").first)
    assert urlsplit(page.url).path.endswith("/claim/late")
    page.get_by_label("Why is the claim late?").fill("I was on parental leave when it closed.")
    learner.click(page.get_by_role("button", name="Send the request"))
    assert urlsplit(page.url).path == "/me/credit"
    assert learner.notice() == (
        "Your late claim is sent to the hub's CME office. You get an answer here, on My credit."
    )
    expect(page.get_by_text("Late claim requested, waiting for the CME office")).to_be_visible()

    office = open_browser(js=js)
    log_in(office, "cme@example.org")
    office.goto("/programs/peds-mh-echo/cme")
    region = office.page.get_by_role("region", name="Late claims waiting for a decision")
    expect(region).to_contain_text("I was on parental leave when it closed.")
    office.click(region.get_by_role("button", name="Approve (claim open 14 days)"))
    assert office.notice() == (
        "The late claim is approved: the learner can claim it now, from My credit."
    )
    expect(
        office.page.get_by_role("region", name="Late claims waiting for a decision")
    ).to_have_count(0)

    learner.goto("/me/credit")
    expect(page.get_by_role("link", name="Evaluate, then claim").first).to_be_visible()
