"""The demo's consult cycle in Chromium (axe-audited at every step, laid out at 375 and
768 px): a pediatrician asks the cascadia line from a phone, the liaison assigns the
consultant on call from the queue, the consultant logs the call and writes the note with
its time for billing support, the pediatrician reads the answer, and the liaison closes
the demo's referral follow-up."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import EchoServer
from tests.e2e.harness import OpenBrowser, log_in
from tests.e2e.test_cases import raw_bytes, stored_text

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}
BLOCKED_NAME, BLOCKED_MRN = "Maya Lindqvist", "4455123"
LINE = "cascadia-consult"


def test_full_consult_cycle(open_browser: OpenBrowser, echo_server: EchoServer) -> None:
    asker = open_browser(viewport=PHONE, is_mobile=True, has_touch=True)
    page = asker.page
    log_in(asker, "pediatrician@example.org")
    asker.goto("/consults")
    asker.click(page.get_by_role("link", name=re.compile("^Ask Cascadia Child Psychiatry")))
    form_path = urlsplit(page.url).path
    assert form_path == f"/consult-lines/{LINE}/request"
    asker.click(
        page.get_by_role("button", name="Send to the consult line"), status=422, path=form_path
    )
    expect(page.get_by_text("Choose how urgent this is.").first).to_be_visible()
    page.get_by_label("Same day").check()
    page.get_by_label("A written reply in Echo").check()
    page.get_by_label("Child's age").fill("10")
    page.get_by_label("Sex").select_option("female")
    page.get_by_label("Medication question").check()
    page.get_by_label(re.compile("^Concerns")).fill(
        "Irritability and low mood for three months; PHQ-A 15 this week."
    )
    page.get_by_label("Current medications and doses").fill("None.")
    question = page.get_by_label("Your question for the consultant")
    question.fill(f"Could you call about {BLOCKED_NAME}, MRN {BLOCKED_MRN}?")
    asker.click(
        page.get_by_role("button", name="Send to the consult line"), status=422, path=form_path
    )
    expect(page.get_by_role("alert")).to_contain_text("Not saved")
    question.fill("Start fluoxetine now, or therapy first?")
    asker.click(page.get_by_role("button", name="Send to the consult line"))
    assert asker.notice().startswith("Your request is on the line's queue.")
    consult_path = urlsplit(page.url).path
    assert re.fullmatch(r"/consults/\d+", consult_path)
    consult_name = f"Consult {consult_path.rsplit('/', 1)[1]}"
    expect(page.get_by_role("heading", level=1)).to_have_text(consult_name)

    liaison = open_browser(js=True)
    page = liaison.page
    log_in(liaison, "coordinator@example.org")
    liaison.goto(f"/consult-lines/{LINE}/queue")
    expect(page.get_by_text(re.compile("past the 30-minute target"))).to_be_visible()
    liaison.click(page.get_by_role("link", name=consult_name, exact=True))
    expect(page.get_by_text(re.compile("^On call now:"))).to_be_visible()
    page.get_by_label("Consultant").select_option(label="Dr. Farah Faculty, MD")
    liaison.click(page.get_by_role("button", name="Assign"))
    assert liaison.notice() == "The consult is assigned; the consultant has an email."

    consultant = open_browser(js=False)
    page = consultant.page
    log_in(consultant, "faculty@example.org")
    consultant.goto("/consults")
    consultant.click(page.get_by_role("link", name=consult_name, exact=True))
    consultant.click(page.get_by_role("button", name="Log the call's start"))
    consultant.click(page.get_by_role("link", name="Write the consult note"))
    page.get_by_label("Assessment").fill("Likely a depressive episode, moderate.")
    page.get_by_label("Recommendations", exact=True).fill(
        "Start CBT; if little change in 6 weeks, fluoxetine 10 mg."
    )
    page.get_by_label("Advice only").check()
    page.get_by_label("Minutes of discussion with the requester").fill("12")
    page.get_by_label("Minutes reviewing data").fill("4")
    page.get_by_label("How the advice was given").select_option("verbal-written")
    consultant.click(page.get_by_role("button", name="Save the note"))
    assert consultant.notice() == "The consult note is saved; the requester can read it now."

    asker.goto(consult_path)
    page = asker.page
    expect(page.get_by_text("Start CBT; if little change in 6 weeks")).to_be_visible()
    expect(page.get_by_text("Advice only")).to_be_visible()
    expect(page.get_by_role("link", name="Download the note as PDF")).to_be_visible()

    liaison.goto(f"/consult-lines/{LINE}/follow-ups")
    page = liaison.page
    page.get_by_label(re.compile("^What happened")).first.select_option("connected")
    liaison.click(page.get_by_role("button", name="Close follow-up").first)
    expect(page.get_by_text("The family connected with the service").first).to_be_visible()

    # The blocked question was shown back to the asker, never kept anywhere.
    tables = stored_text(echo_server.database).lower()
    assert "start fluoxetine now, or therapy first?" in tables  # where the check looks
    files = raw_bytes(echo_server.database).lower()
    log = echo_server.log.read_bytes().lower()
    for blocked in (BLOCKED_NAME.lower(), BLOCKED_MRN):
        assert blocked not in tables
        assert blocked.encode() not in files
        assert blocked.encode() not in log
