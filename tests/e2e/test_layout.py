"""Pages fit a 375 px wide phone screen without scrolling sideways (WCAG 1.4.10 Reflow)."""

from __future__ import annotations

import pytest

from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e

WIDTH = 375
PHONE = {"viewport": {"width": WIDTH, "height": 740}, "is_mobile": True, "has_touch": True}
PAGES = ["/", "/programs/peds-mh-echo", "/login", "/signup"]


def assert_fits_a_phone(open_browser: OpenBrowser, path: str, *, signed_in_as: str = "") -> None:
    visitor = open_browser(**PHONE)
    if signed_in_as:
        log_in(visitor, signed_in_as)
    visitor.goto(path)
    assert visitor.page.evaluate("window.innerWidth") == WIDTH
    width = visitor.page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{path} is {width} px wide on a {WIDTH} px screen: it scrolls sideways"


@pytest.mark.parametrize("path", PAGES)
def test_no_horizontal_scrolling_on_a_phone(open_browser: OpenBrowser, path: str) -> None:
    assert_fits_a_phone(open_browser, path)


@pytest.mark.parametrize("path", ["/programs/peds-mh-echo", "/me/programs"])
def test_no_horizontal_scrolling_on_a_phone_signed_in(open_browser: OpenBrowser, path: str) -> None:
    assert_fits_a_phone(open_browser, path, signed_in_as="pediatrician@example.org")
