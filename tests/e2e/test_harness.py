"""The harness itself: an audit really fails on violations, console errors and CSP violations."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.harness import AUDIT_TALLY, JS_MODES, OpenBrowser

pytestmark = pytest.mark.e2e


@pytest.fixture(autouse=True)
def _keep_deliberate_failures_out_of_the_tally() -> Iterator[None]:
    """These tests break pages on purpose; the run's audit summary counts Echo's pages only."""
    before = dict(AUDIT_TALLY)
    yield
    AUDIT_TALLY.update(before)


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
