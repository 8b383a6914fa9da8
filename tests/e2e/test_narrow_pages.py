"""The pages with tables, as each demo role sees them on a 375 px phone (and a tablet).

Every page a browser test visits is laid out at 375 and 768 px by the harness (no sideways
scrolling, see tests/e2e/harness.py); this test makes sure the pages that used to
overflow (issue 14: My credit, transcript, roster, triage, hub management, the CME
dashboard, site administration) are among them. On a phone each data table is stacked:
a card per row, each cell named by its column, the action in view. A screenshot of
each page is saved (under the test's tmp dir, and in ECHO_SCREENSHOTS_DIR when set).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import (
    PHONE_HEIGHT,
    PHONE_WIDTH,
    TABLET_HEIGHT,
    TABLET_WIDTH,
    OpenBrowser,
    log_in,
)

pytestmark = pytest.mark.e2e

PROGRAM = "/programs/peds-mh-echo"
# The pages with tables (and the forms around them), for the role that uses each.
PAGES = {
    "pediatrician@example.org": [
        "/me/programs",
        "/me/cases",
        "/me/credit",
        "/me/transcript",
        "/me/attendance",
        "/me/sso",
    ],
    "coordinator@example.org": [
        "/triage",
        "/hubs/cascadia/cases",
        "/hubs/cascadia/manage",
        "/hubs/cascadia/webhooks",
        "/hubs/cascadia/webhooks/1/deliveries",
        "/hubs/cascadia/tokens",
        f"{PROGRAM}/sessions",
        f"{PROGRAM}/schedule",
        f"{PROGRAM}/attendance",
        "/sessions/1/attendance",
    ],
    "cme@example.org": [
        "/cme",
        f"{PROGRAM}/cme",
        f"{PROGRAM}/cme/settings",
        f"{PROGRAM}/cme/disclosures",
        f"{PROGRAM}/cme/pars",
    ],
    "admin@example.org": ["/admin", "/admin/mail"],
}
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": PHONE_HEIGHT},
    "is_mobile": True,
    "has_touch": True,
}
# Each stacked table's cells: where they are, and whether they show their column's name.
CELLS = """() => [...document.querySelectorAll("table.table-stack td")].map((cell) => {
  const box = cell.getBoundingClientRect();
  return {
    left: box.left, right: box.right, display: getComputedStyle(cell).display,
    label: cell.dataset.label || null, action: cell.classList.contains("actions"),
    shown: getComputedStyle(cell, "::before").content, empty: cell.innerHTML.trim() === "",
  };
})"""


def _shot_name(role: str, path: str) -> str:
    return f"narrow-{role}-{re.sub(r'[^a-z0-9]+', '-', path.lower()).strip('-')}.png"


def _assert_tables_stacked(page: Page, path: str) -> int:
    """Every cell of a stacked table is a block inside the screen, named by its column
    (an action cell stands on its own)."""
    cells = page.evaluate(CELLS)
    for cell in cells:
        where = f"a cell of a table on {path}"
        if cell["display"] == "none" and cell["empty"]:
            continue  # nothing in it (a certificate that can no longer be revoked)
        assert cell["display"] == "block", f"{where} is not stacked: {cell}"
        assert cell["left"] >= 0 and cell["right"] <= PHONE_WIDTH, f"{where} is off screen: {cell}"
        assert cell["label"] or cell["action"], f"{where} has no data-label: {cell}"
        if cell["label"]:
            assert cell["shown"] == f'"{cell["label"]}: "', f"{where} hides its label: {cell}"
    return len([cell for cell in cells if not cell["empty"]])


@pytest.mark.parametrize("email", list(PAGES))
def test_pages_with_tables_fit_a_phone_and_are_photographed(
    open_browser: OpenBrowser, email: str, tmp_path: Path
) -> None:
    folder = tmp_path / "narrow-screenshots"
    folder.mkdir()
    role = email.split("@", 1)[0]
    visitor = open_browser(**PHONE)
    log_in(visitor, email)
    page = visitor.page
    cells = 0
    for path in PAGES[email]:
        visitor.goto(path)  # audited by axe and checked at 375 px by the harness
        assert page.evaluate("window.innerWidth") == PHONE_WIDTH
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        cells += _assert_tables_stacked(page, path)
        page.screenshot(path=str(folder / _shot_name(role, path)), full_page=True)
    assert cells > 0, f"{email} saw no stacked table"
    wanted = os.environ.get("ECHO_SCREENSHOTS_DIR")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        for shot in folder.iterdir():
            shutil.copy(shot, Path(wanted) / shot.name)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        _shot_name(role, path) for path in PAGES[email]
    )


def test_hub_management_keeps_its_tables_on_a_wide_screen(open_browser: OpenBrowser) -> None:
    visitor = open_browser(viewport={"width": 1280, "height": 900})
    log_in(visitor, "coordinator@example.org")
    visitor.goto("/hubs/cascadia/manage")
    page = visitor.page
    assert urlsplit(page.url).path == "/hubs/cascadia/manage"
    table = page.get_by_role("table", name="Hub members")
    expect(table.get_by_role("columnheader", name="Role")).to_be_visible()
    displays = page.evaluate(CELLS)
    assert displays and {cell["display"] for cell in displays} == {"table-cell"}
    assert {cell["shown"] for cell in displays} == {"none"}


def test_on_a_tablet_the_pars_table_scrolls_in_its_own_region_by_keyboard(
    open_browser: OpenBrowser,
) -> None:
    """At 768 px tables are tables again; the PARS preview (a column per PARS field) is
    wider than the screen, so it scrolls inside its own named region, which a keyboard
    user focuses and scrolls with the arrow keys, while the page itself stays put."""
    visitor = open_browser(viewport={"width": TABLET_WIDTH, "height": TABLET_HEIGHT})
    log_in(visitor, "cme@example.org")
    visitor.goto(f"{PROGRAM}/cme/pars")  # audited, and checked at 375 and 768 px
    page = visitor.page
    region = page.get_by_role("region", name="PARS learner rows")
    expect(region.get_by_role("table", name="PARS learner rows")).to_be_visible()
    sizes = region.evaluate("(box) => [box.scrollWidth, box.clientWidth, box.scrollLeft]")
    assert sizes[0] > sizes[1] and sizes[2] == 0, sizes
    region.focus()
    expect(region).to_be_focused()
    page.keyboard.press("ArrowRight")  # a focused box scrolls with the arrow keys (smoothly)
    page.wait_for_function(
        "() => document.querySelector('[aria-label=\"PARS learner rows\"]').scrollLeft > 0"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= TABLET_WIDTH
    assert page.evaluate("window.scrollX") == 0
