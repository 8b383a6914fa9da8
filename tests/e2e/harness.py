"""A person in a real browser: navigates by clicking, and every page they see is audited.

:class:`Visitor` wraps one Playwright browser context. Its :meth:`Visitor.goto` and
:meth:`Visitor.click` wait until the next page is on screen (a full page load without
JavaScript, an htmx swap with it) and then run axe-core on it, so a test cannot
reach a page without auditing it. Before every action, and when the test ends, the
page on screen is audited too if it has not been yet.

Console errors, uncaught page errors and Content-Security-Policy violations are
collected for the whole context; an audit fails on any of them.

Every audited page is also laid out at 375 x 800 px (a phone; WCAG 1.4.10 Reflow) and
at 768 x 1024 px (a tablet): the page on screen is resized, measured at each width and
put back once, without loading it again (a second GET could repeat what must happen
once, such as an email confirmation link, and a form shown after a POST has no address to
load). It must not scroll sideways at either width:
``document.documentElement.scrollWidth <= 375`` (and ``<= 768``). On a phone no box inside
it (a table, a ``pre``) may scroll sideways either, since a table that scrolls hides its
action column (tables are stacked there); on a tablet a wide table may scroll inside its
own box when that box is a named region that takes keyboard focus (the ``data_table``
macro), and no other box may. The failure names the page and the widest elements (tag,
class, right edge).

Without JavaScript axe cannot run in the page itself (no timers fire), so the page's
DOM is copied into a JavaScript-enabled "auditor" page at the same address and size,
with scripts blocked, and audited there.
"""

from __future__ import annotations

import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    Request,
    Response,
    Route,
    expect,
)
from playwright.sync_api import Error as PlaywrightError

DEMO_PASSWORD = "echo-demo"
NEW_PASSWORD = "a long enough passphrase"  # for accounts the tests sign up
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS: dict[str, Any] = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
# Parameters for tests that run with JavaScript on (htmx) and off.
JS_MODES = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]
NAVIGATION_TIMEOUT_S = 10.0
STALE = "data-e2e-stale"
AUDITED = "data-e2e-audited"
# Pages audited and violations found in this run, for the summary CI prints.
AUDIT_TALLY = {"pages": 0, "violations": 0}
# Every audited page is also laid out this wide and must not scroll sideways.
PHONE_WIDTH = 375
PHONE_HEIGHT = 800
# Pages checked at PHONE_WIDTH and those that overflowed, for the same summary.
NARROW_TALLY = {"pages": 0, "overflowing": 0}
# ... and at a tablet's width (where tables are tables again, scrolling in their own box).
TABLET_WIDTH = 768
TABLET_HEIGHT = 1024
TABLET_TALLY = {"pages": 0, "overflowing": 0}
HTMX_BUSY = ".htmx-request, .htmx-settling, .htmx-swapping, .htmx-added"
FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (\d{3})")
# Reports CSP violations from inside the page (Chromium also logs them as console errors).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__echoCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

# What scrolls sideways at the current width: the document's scroll width, the elements
# that reach past the right edge (the innermost first: a cell before its table), and the
# boxes that scroll sideways inside the page (a table's .table-scroll box), each said to be
# a keyboard-focusable named region or not.
MEASURE_OVERFLOW = """(limit) => {
  const describe = (element) => {
    const classes = (element.getAttribute("class") || "").trim();
    const id = element.id ? `#${element.id}` : "";
    const dotted = classes ? "." + classes.split(/\\s+/).join(".") : "";
    return `<${element.tagName.toLowerCase()}${id}${dotted}>`;
  };
  const page = document.documentElement.scrollWidth;
  const past = [];
  const scrolling = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue; // hidden, or visually hidden
    const beyond = box.right > limit + 0.5;
    if (beyond) {
      past.push({element, right: Math.round(box.right), width: Math.round(box.width)});
    }
    const style = getComputedStyle(element);
    const wider = element.scrollWidth > element.clientWidth + 1 && element.clientWidth > 0;
    if (wider && ["auto", "scroll"].includes(style.overflowX)) {
      const region = element.getAttribute("role") === "region" && element.tabIndex === 0
        && Boolean(element.getAttribute("aria-label") || element.getAttribute("aria-labelledby"));
      scrolling.push({
        text: `${describe(element)} scrolls sideways: ${element.scrollWidth} px of content ` +
          `in ${element.clientWidth} px`,
        region,
      });
    } else if (wider && !beyond && style.overflowX === "visible"
               && box.left + element.scrollWidth > limit + 0.5) {
      // Its content spills out of its box (a long line in a pre, a word that cannot break).
      past.push({element, right: Math.round(box.left + element.scrollWidth),
                 width: element.scrollWidth, spills: element.clientWidth});
    }
  }
  // The innermost elements are the cause: drop any that contains another offender.
  const innermost = past.filter(
    (one) => !past.some((other) => other !== one && one.element.contains(other.element))
  );
  innermost.sort((a, b) => b.right - a.right);
  const widest = innermost.slice(0, 5).map((one) => one.spills
    ? `${describe(one.element)} holds ${one.width} px of content in ${one.spills} px, ` +
      `to ${one.right} px`
    : `${describe(one.element)} ${one.width} px wide, right edge at ${one.right} px`
  );
  return {page, widest, scrolling: scrolling.slice(0, 5)};
}"""

_axe = Axe()


def format_violations(url: str, title: str, violations: list[dict[str, Any]]) -> str:
    """axe's violations as a readable list: rule id, impact, help and each offending node."""
    lines = [f"{len(violations)} accessibility violation(s) on {url} ({title!r}):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'unknown impact'}]: "
            f"{violation['help']} ({violation['helpUrl']})"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    at {target}: {node['html']}")
            summary = (node.get("failureSummary") or "").strip()
            for detail in summary.splitlines():
                lines.append(f"        {detail.strip()}")
    return "\n".join(lines)


class Visitor:
    """One person using Echo in one browser context (cookies of their own)."""

    def __init__(
        self,
        browser: Browser,
        context: BrowserContext,
        *,
        js: bool,
        screen: dict[str, Any] | None = None,
        mailbox: Path | None = None,
    ) -> None:
        self.browser = browser
        self.mailbox = mailbox  # the server's database, whose outbox holds the mail sent
        self.context = context
        self.js = js
        self.screen = screen or {}  # viewport and device options, for the auditor page
        self.page: Page = context.new_page()
        self.problems: list[str] = []
        self.audited: list[str] = []
        self._expected_failed_loads: set[tuple[str, int]] = set()
        self._last_status: int | None = None
        self._auditor: Page | None = None
        self._copy = ("", "")
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("response", self._on_response)
        if js:
            self.page.expose_function(
                "__echoCspViolation", lambda text: self.problems.append(f"CSP violation: {text}")
            )
            self.page.add_init_script(CSP_LISTENER)

    # Navigation -----------------------------------------------------------------------

    def goto(self, path: str, *, status: int = 200) -> Response:
        """Type an address into the address bar; the page is audited."""
        self._audit_if_needed()
        self._expect_status(path, status)
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"
        self._wait_until_settled()
        assert response.status == status, f"GET {path} answered {response.status}, not {status}"
        self.audit()
        return response

    def click(self, target: Locator, *, status: int = 200, path: str | None = None) -> None:
        """Click a link or button that leads to another page; wait for it and audit it.

        ``status`` is the status of the page that ends up on screen (after redirects);
        a 4xx one is an expected error state, so the browser's console line about it is
        not a problem. ``path`` is where the request goes, when that is a 4xx.
        """
        self._audit_if_needed()
        if status >= 400:
            assert path is not None, "say which path answers with an error status"
            self._expect_status(path, status)
        description = _describe(target)
        self._mark_page_stale()
        self._last_status = None
        target.click()
        self._wait_for_next_page(description)
        self._wait_until_settled()
        assert self._last_status == status, (
            f"after clicking {description} the page came with status {self._last_status}, "
            f"not {status}"
        )
        self.audit()

    def _expect_status(self, path: str, status: int) -> None:
        if status >= 400:
            self._expected_failed_loads.add((urlsplit(path).path, status))

    def _mark_page_stale(self) -> None:
        self.page.locator("main").evaluate(f"(main) => main.setAttribute('{STALE}', '')")

    def _wait_for_next_page(self, description: str) -> None:
        """Wait until the old page's <main> is gone: a new page, loaded or swapped in."""
        deadline = time.monotonic() + NAVIGATION_TIMEOUT_S
        while True:
            self._fail_on_problems(f"after clicking {description}")
            try:
                if self.page.locator(f"main[{STALE}]").count() == 0:
                    break
            except PlaywrightError:
                pass  # the old document is being replaced; ask again
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"clicking {description} on {self.page.url} did not lead to a new page "
                    f"within {NAVIGATION_TIMEOUT_S:.0f} s"
                )
            self.page.wait_for_timeout(25)

    def _wait_until_settled(self) -> None:
        self.page.wait_for_load_state("load")
        self.page.locator("main").wait_for()
        if self.js:
            expect(self.page.locator(HTMX_BUSY)).to_have_count(0)

    # Auditing -------------------------------------------------------------------------

    def audit(self) -> None:
        """Run axe-core (WCAG 2.1 A and AA rules) on the page on screen; fail on any violation."""
        self._fail_on_problems(f"on {self.page.url}")
        url, title = self.page.url, self.page.title()
        results = _axe.run(self.page, options=AXE_OPTIONS) if self.js else self._audit_copy()
        self.page.locator("main").evaluate(f"(main) => main.setAttribute('{AUDITED}', '')")
        self.audited.append(url)
        violations = results.response["violations"]
        AUDIT_TALLY["pages"] += 1
        AUDIT_TALLY["violations"] += len(violations)
        if violations:
            raise AssertionError(format_violations(url, title, violations))
        self._fail_on_problems(f"on {url}")
        self.check_fits_small_screens()

    def check_fits_small_screens(self) -> None:
        """Lay the page on screen out at 375 x 800 px, then 768 x 1024 px, and put it back:
        nothing may scroll sideways (on a tablet, a table may in its own focusable region)."""
        url, title = self.page.url, self.page.title()
        before = self.page.viewport_size
        found: dict[int, Any] = {}
        try:
            for width, height in ((PHONE_WIDTH, PHONE_HEIGHT), (TABLET_WIDTH, TABLET_HEIGHT)):
                if self.page.viewport_size != {"width": width, "height": height}:
                    self.page.set_viewport_size({"width": width, "height": height})
                found[width] = self.page.evaluate(MEASURE_OVERFLOW, width)
        finally:
            if before is not None and self.page.viewport_size != before:
                self.page.set_viewport_size(before)
        phone, tablet = found[PHONE_WIDTH], found[TABLET_WIDTH]
        problems = _overflow(url, title, PHONE_WIDTH, phone, phone["scrolling"], NARROW_TALLY)
        loose = [box for box in tablet["scrolling"] if not box["region"]]
        problems += _overflow(url, title, TABLET_WIDTH, tablet, loose, TABLET_TALLY)
        if problems:
            raise AssertionError("\n".join(problems))

    def _audit_copy(self) -> Any:
        """Audit a JavaScript-less page: its DOM, at its address, in a page where axe can run."""
        url, html = self.page.url, self.page.content()
        if self._auditor is None:
            context = self.browser.new_context(**self.screen)
            self._auditor = context.new_page()
            self._auditor.route("**/*", self._serve_copy)
        self._copy = (url, html)
        self._auditor.goto(url)
        return _axe.run(self._auditor, options=AXE_OPTIONS)

    def _serve_copy(self, route: Route, request: Request) -> None:
        url, html = self._copy
        if request.is_navigation_request() and request.url == url:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        elif request.resource_type == "script":
            route.abort()  # the person has JavaScript off: no htmx
        else:
            route.continue_()

    def _audit_if_needed(self) -> None:
        """Audit the page on screen if no audit has seen it (a test moved on by hand)."""
        if self.page.url == "about:blank":
            return
        if self.page.locator(f"main[{AUDITED}]").count() == 0:
            self._wait_until_settled()
            self.audit()

    def finish(self) -> None:
        """At the end of a test: the last page is audited and nothing went wrong on the way."""
        self._audit_if_needed()
        self._fail_on_problems("by the end of the test")

    # Problems -------------------------------------------------------------------------

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        failed = FAILED_LOAD.match(message.text)
        if failed:
            where = (urlsplit(message.location.get("url", "")).path, int(failed.group(1)))
            if where in self._expected_failed_loads:
                return
        self.problems.append(f"console error: {message.text} ({message.location.get('url')})")

    def _on_response(self, response: Response) -> None:
        request = response.request
        # Pages come as documents, or (htmx) as XHRs: Echo makes no other XHRs.
        is_page = request.resource_type in {"document", "xhr", "fetch"}
        if is_page and request.frame == self.page.main_frame and not 300 <= response.status < 400:
            self._last_status = response.status

    def _fail_on_problems(self, where: str) -> None:
        if self.problems:
            listed = "\n".join(f"- {problem}" for problem in self.problems)
            raise AssertionError(f"the browser reported problems {where}:\n{listed}")

    # Reading the page -----------------------------------------------------------------

    def notice(self) -> str:
        return self.page.get_by_role("status").inner_text().strip()

    def footer(self) -> str:
        return " ".join(self.page.locator("footer").inner_text().split())

    def close(self) -> None:
        self.context.close()
        if self._auditor is not None:
            self._auditor.context.close()


def _overflow(
    url: str,
    title: str,
    width: int,
    found: dict[str, Any],
    scrolling: list[dict[str, Any]],
    tally: dict[str, int],
) -> list[str]:
    """What is wrong with the page at ``width`` (measured by MEASURE_OVERFLOW), counted in
    ``tally``; ``scrolling`` are the boxes that may not scroll sideways there."""
    tally["pages"] += 1
    if found["page"] <= width and not scrolling:
        return []
    tally["overflowing"] += 1
    lines = [
        f"{url} ({title!r}) does not fit a {width} px screen: "
        f"document.documentElement.scrollWidth is {found['page']} px"
    ]
    lines += [f"- {line}" for line in found["widest"]]
    lines += [
        f"- {box['text']}" + ("" if box["region"] or width == PHONE_WIDTH else NOT_A_REGION)
        for box in scrolling
    ]
    return lines


NOT_A_REGION = ", and is not a named region with tabindex=0 (the data_table macro)"


def _describe(target: Locator) -> str:
    try:
        text = " ".join(target.inner_text(timeout=2000).split())
    except PlaywrightError:
        text = ""
    return repr(text) if text else str(target)


# Flows shared by several tests ----------------------------------------------------------

OpenBrowser = Callable[..., Visitor]


def sign_up(
    visitor: Visitor,
    *,
    email: str,
    name: str,
    password: str = NEW_PASSWORD,
    time_zone: str = "America/Chicago",
) -> None:
    """Create an account through the sign-up form, starting from the home page's nav."""
    page = visitor.page
    if page.url == "about:blank":
        visitor.goto("/")
    visitor.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_label("Full name").fill(name)
    page.get_by_label("Credentials").select_option("MD")
    page.get_by_label("Profession").select_option("Physician")
    page.get_by_label("Specialty").fill("General pediatrics")
    page.get_by_label("US state").select_option("WA")
    page.get_by_label("Time zone").fill(time_zone)
    visitor.click(page.get_by_role("button", name="Create account"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert "Signed in as" not in visitor.footer()
    # The account opens from the link in the confirmation email, as in a mail client.
    visitor.goto(confirmation_path(visitor, email))
    assert urlsplit(page.url).path == "/"  # the home
    assert visitor.notice() == (
        "Welcome to Echo. Your email address is confirmed and your account is ready."
    )
    assert f"Signed in as {email}." in visitor.footer()


def confirmation_path(visitor: Visitor, email: str) -> str:
    """The path of the newest address confirmation link sent to ``email``."""
    assert visitor.mailbox is not None, "open the browser with the server's mailbox"
    with closing(sqlite3.connect(f"file:{visitor.mailbox}?mode=ro", uri=True)) as database:
        row = database.execute(
            "SELECT text_body FROM outbox_message WHERE to_address = ? AND subject = ? "
            "ORDER BY id DESC LIMIT 1",
            (email, "Confirm your email address for Echo"),
        ).fetchone()
    assert row is not None, f"no confirmation email to {email}"
    link = re.search(r"https?://[^/\s]+(/verify-email/\S+)", row[0])
    assert link is not None, row[0]
    return link.group(1)


def log_in(visitor: Visitor, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form, reached from the nav like a person would."""
    page = visitor.page
    if page.url == "about:blank":
        visitor.goto("/")
    visitor.click(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    visitor.click(page.get_by_role("button", name="Log in"))
    assert visitor.notice() == "You are logged in."
    assert f"Signed in as {email}." in visitor.footer()


def log_out(visitor: Visitor) -> None:
    page = visitor.page
    visitor.click(page.get_by_role("button", name="Log out"))
    assert visitor.notice() == "You are logged out."
    assert "Signed in as" not in visitor.footer()


def new_person() -> tuple[str, str]:
    """A fresh (email, name): the demo database is shared by every test in the session."""
    token = uuid.uuid4().hex[:10]
    return f"e2e-{token}@example.org", f"Test Person {token}"
