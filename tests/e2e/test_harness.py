"""The harness itself: an audit really fails on violations, console errors, CSP violations
and pages that scroll sideways at 375 or 768 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.harness import (
    AUDIT_TALLY,
    JS_MODES,
    NARROW_TALLY,
    TABLET_TALLY,
    TABLET_WIDTH,
    OpenBrowser,
)

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _keep_deliberate_failures_out_of_the_tally() -> Iterator[None]:
    """These tests break pages on purpose; the run's audit summary counts Echo's pages only."""
    before, narrow, tablet = dict(AUDIT_TALLY), dict(NARROW_TALLY), dict(TABLET_TALLY)
    yield
    AUDIT_TALLY.update(before)
    NARROW_TALLY.update(narrow)
    TABLET_TALLY.update(tablet)


BREAK_THE_PAGE = """() => {
  document.documentElement.removeAttribute("lang");
  document.querySelector("label[for=email]").remove();
}"""


@pytest.mark.parametrize("js", JS_MODES)
def test_audit_fails_with_rule_impact_and_target(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js)
    visitor.goto("/login")
    visitor.page.evaluate(BREAK_THE_PAGE)

    with pytest.raises(AssertionError) as failure:
        visitor.audit()

    message = str(failure.value)
    assert "accessibility violation(s) on http://" in message
    assert "- html-has-lang [serious]" in message
    assert "- label [critical]" in message
    assert "at #email: <input" in message


def test_audit_fails_on_console_errors_and_csp_violations(open_browser: OpenBrowser) -> None:
    visitor = open_browser(js=True)
    page = visitor.page
    visitor.goto("/")
    page.evaluate("() => console.error('something broke')")
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    }""")
    for _ in range(100):  # the page reports the violation asynchronously
        if any(problem.startswith("CSP violation") for problem in visitor.problems):
            break
        page.wait_for_timeout(20)

    with pytest.raises(AssertionError) as failure:
        visitor.audit()

    message = str(failure.value)
    assert "console error: something broke" in message
    assert "CSP violation: script-src-elem blocked inline" in message
    assert page.evaluate("() => window.injected") is None
    visitor.problems.clear()


WIDEN_THE_PAGE = """() => {
  const wide = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  wide.setAttribute("class", "too-wide");
  wide.setAttribute("width", "600");
  wide.setAttribute("height", "10");
  document.querySelector("main").append(wide);
  const box = document.createElement("div");
  box.className = "table-scroll"; // it scrolls sideways (overflow-x: auto) ...
  box.tabIndex = 0; // ... so keyboard users can reach it (axe), but it is no named region
  box.innerHTML = "<table><tr><td>" + "y".repeat(200) + "</td></tr></table>";
  document.querySelector("main").append(box);
}"""


@pytest.mark.parametrize("js", JS_MODES)
def test_audit_fails_on_a_page_wider_than_a_phone(open_browser: OpenBrowser, js: bool) -> None:
    visitor = open_browser(js=js, viewport={"width": 1280, "height": 900})
    visitor.goto("/login")
    visitor.page.evaluate(WIDEN_THE_PAGE)

    with pytest.raises(AssertionError) as failure:
        visitor.audit()

    message = str(failure.value)
    assert "/login ('Log in · Echo') does not fit a 375 px screen" in message
    assert "document.documentElement.scrollWidth is " in message
    assert "- <svg.too-wide> 600 px wide, right edge at " in message
    assert "- <div.table-scroll> scrolls sideways: " in message
    # On a tablet the picture fits, but a box scrolls that keyboard users cannot tell apart.
    tablet = message.split(f"does not fit a {TABLET_WIDTH} px screen", 1)[1]
    assert "<svg.too-wide>" not in tablet
    assert "- <div.table-scroll> scrolls sideways: " in tablet
    assert "is not a named region with tabindex=0 (the data_table macro)" in tablet
    assert visitor.page.viewport_size == {"width": 1280, "height": 900}  # put back
    visitor.page.evaluate("() => document.querySelector('.too-wide').remove()")
    visitor.page.evaluate("() => document.querySelector('main .table-scroll').remove()")


# Twelve columns of long words: a card per row on a phone, wider than a tablet as a table.
WIDE_TABLE = """(named) => {
  const box = document.createElement("div");
  box.className = "table-scroll";
  box.tabIndex = 0;
  if (named) {
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Twelve columns");
  }
  const columns = [...Array(12).keys()];
  const heads = columns.map((n) => `<th scope="col">Column ${n}</th>`);
  const cells = columns.map((n) => `<td data-label="Column ${n}">Incomprehensibilities</td>`);
  box.innerHTML = `<table class="table-stack"><caption>Twelve columns</caption>
    <thead><tr>${heads.join("")}</tr></thead><tbody><tr>${cells.join("")}</tr></tbody></table>`;
  document.querySelector("main").append(box);
}"""


def test_on_a_tablet_a_wide_table_scrolls_only_in_a_named_focusable_region(
    open_browser: OpenBrowser,
) -> None:
    visitor = open_browser(viewport={"width": 1280, "height": 900})
    visitor.goto("/login")
    page = visitor.page
    tablets = TABLET_TALLY["pages"]
    page.evaluate(WIDE_TABLE, True)
    visitor.audit()  # stacked at 375 px, scrolling in its region at 768 px: fine
    assert TABLET_TALLY["pages"] == tablets + 1
    page.evaluate("() => document.querySelector('main .table-scroll').remove()")

    page.evaluate(WIDE_TABLE, False)
    with pytest.raises(AssertionError) as failure:
        visitor.audit()
    message = str(failure.value)
    assert f"/login ('Log in · Echo') does not fit a {TABLET_WIDTH} px screen" in message
    assert "does not fit a 375 px screen" not in message
    assert "is not a named region with tabindex=0" in message
    page.evaluate("() => document.querySelector('main .table-scroll').remove()")
