"""The harness itself: an audit really fails on violations, console errors, CSP violations
and pages that scroll sideways at 375 px."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.harness import AUDIT_TALLY, JS_MODES, NARROW_TALLY, OpenBrowser

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _keep_deliberate_failures_out_of_the_tally() -> Iterator[None]:
    """These tests break pages on purpose; the run's audit summary counts Echo's pages only."""
    before, narrow = dict(AUDIT_TALLY), dict(NARROW_TALLY)
    yield
    AUDIT_TALLY.update(before)
    NARROW_TALLY.update(narrow)


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
  const table = document.createElement("table");
  table.tabIndex = 0; // it scrolls: keyboard users can reach it (axe)
  table.innerHTML = "<tr><td>" + "y".repeat(200) + "</td></tr>";
  document.querySelector("main").append(table);
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
    assert "- <table> scrolls sideways: " in message
    assert visitor.page.viewport_size == {"width": 1280, "height": 900}  # put back
    visitor.page.evaluate("() => document.querySelector('.too-wide').remove()")
    visitor.page.evaluate("() => document.querySelector('main table').remove()")
