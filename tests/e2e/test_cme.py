"""CME in Chromium (axe-audited pages): a nurse practitioner evaluates a session and
claims participation hours; the pediatrician finds a certificate in the transcript and
its public verification; the CME administrator's dashboard, settings and PARS preview."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e


def test_learner_evaluates_and_claims(open_browser: OpenBrowser) -> None:
    learner = open_browser(js=False)
    page = learner.page
    log_in(learner, "np@example.org")
    learner.goto("/me/credit")
    learner.click(page.get_by_role("link", name="Evaluate, then claim").first)
    assert re.fullmatch(r"/sessions/\d+/evaluation", urlsplit(page.url).path)
    evaluation_path = urlsplit(page.url).path
    learner.click(
        page.get_by_role("button", name="Submit evaluation"), status=422, path=evaluation_path
    )
    expect(page.get_by_role("alert")).to_be_visible()
    for group in page.locator("fieldset.likert").all():
        group.get_by_label("Agree", exact=True).check()
    page.get_by_label("What will you change in your practice?").fill(
        "Screen for anxiety with the SCARED."
    )
    page.get_by_label("Yes", exact=True).check()
    learner.click(page.get_by_role("button", name="Submit evaluation"))
    assert learner.notice() == "Thank you: your evaluation is saved. You can now claim credit."
    expect(page.get_by_role("heading", level=1)).to_have_text("Claim credit")
    learner.click(page.get_by_role("button", name="Claim and get my certificate"))
    assert urlsplit(page.url).path == "/me/transcript"
    assert learner.notice() == "Your credit is claimed and your certificate is ready."
    expect(page.get_by_role("link", name=re.compile(r"^Certificate ECHO-"))).to_have_count(2)


def test_certificate_verification_and_credential_pages(open_browser: OpenBrowser) -> None:
    learner = open_browser(js=True)
    page = learner.page
    log_in(learner, "pediatrician@example.org")
    learner.goto("/me/transcript")
    learner.click(page.get_by_role("link", name="Verify").first)
    assert urlsplit(page.url).path.startswith("/verify/ECHO-")
    expect(page.get_by_role("status")).to_contain_text("Valid.")
    learner.goto(urlsplit(page.url).path.replace("/verify/", "/certificates/") + "/credential")
    expect(page.locator("pre.json")).to_contain_text("OpenBadgeCredential")


def test_cme_administrator_pages(open_browser: OpenBrowser) -> None:
    admin = open_browser(js=True)
    page = admin.page
    log_in(admin, "cme@example.org")
    admin.goto("/programs/peds-mh-echo/cme")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "CME for Pediatric Mental Health in Primary Care ECHO"
    )
    admin.click(page.get_by_role("link", name="Settings and evaluation questions"))
    expect(page.get_by_label("Accredited provider")).to_have_value(
        "Cascadia Children's Hospital Office of CME"
    )
    admin.goto("/programs/peds-mh-echo/cme/pars")
    expect(page.get_by_role("table", name="PARS learner rows")).to_be_visible()
    admin.goto("/programs/peds-mh-echo/cme/disclosures")
    expect(page.get_by_role("table")).to_contain_text("Northwind Pharmaceuticals")
