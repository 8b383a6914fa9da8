"""Each demo role's home in Chromium, at 1280 and 375 px: it is where the login lands,
it passes axe, it fits a phone without scrolling sideways, and a screenshot of it is
saved for reviewers (under the test's tmp dir, and in ECHO_SCREENSHOTS_DIR when set).

Clicks from the login to each action are counted in tests/pages/test_home.py
(test_the_home_links_straight_to_each_action): join 1, claim credit 3 (2 without an
evaluation), triage a case 2, reconcile an import 2 (before the homes: 3, 5, 3, 7).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from echo import demo
from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e

WIDTHS = (1280, 375)
# What each demo role's home shows (a heading of each section the role should see).
SECTIONS = {
    "admin@example.org": ["Site administration"],
    "coordinator@example.org": ["Hub work: Cascadia Children's Behavioral Health Hub"],
    "faculty@example.org": ["Your learning", "Hub work: Cascadia Children's Behavioral Health Hub"],
    "faculty2@example.org": ["Hub work: Cascadia Children's Behavioral Health Hub"],
    "cme@example.org": ["CME administration"],
    "pediatrician@example.org": ["Your learning"],
    "np@example.org": ["Your learning"],
    "outsider@example.org": ["Your learning"],
    "coordinator2@example.org": ["Hub work: Lakeshore Pediatric Psychiatry Access Hub"],
}


def _screen(width: int) -> dict[str, object]:
    phone = width < 600
    return {
        "viewport": {"width": width, "height": 900 if not phone else 740},
        "is_mobile": phone,
        "has_touch": phone,
    }


@pytest.mark.parametrize("email", [person.email for person in demo.PEOPLE])
def test_each_roles_home_fits_passes_axe_and_is_photographed(
    open_browser: OpenBrowser, email: str, tmp_path: Path
) -> None:
    folder = tmp_path / "home-screenshots"
    folder.mkdir()
    role = email.split("@", 1)[0]
    for width in WIDTHS:
        visitor = open_browser(**_screen(width))
        log_in(visitor, email)  # each page on the way, and the home, is audited by axe
        page = visitor.page
        assert urlsplit(page.url).path == "/"
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome, ")
        for heading in SECTIONS[email]:
            expect(page.get_by_role("heading", level=2, name=heading)).to_be_visible()
        assert page.evaluate("window.innerWidth") == width
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{email}'s home is {scroll_width} px wide at {width} px"
        page.screenshot(path=str(folder / f"home-{role}-{width}.png"), full_page=True)
    wanted = os.environ.get("ECHO_SCREENSHOTS_DIR")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        for shot in folder.iterdir():
            shutil.copy(shot, Path(wanted) / shot.name)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"home-{role}-{width}.png" for width in WIDTHS
    )
