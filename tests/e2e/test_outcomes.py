"""Outcomes in Chromium (axe-audited at every step, laid out at 375 and 768 px): a demo
learner answers the program's intake survey, first sent empty (each question named next
to it), then complete; the coordinator reads the program's dashboard (charts with their
data tables), a survey's results, the hub's dashboard and its annual report."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.harness import OpenBrowser, log_in

pytestmark = pytest.mark.e2e

PROGRAM = "/programs/peds-mh-echo"


def test_learner_answers_the_intake_survey(open_browser: OpenBrowser) -> None:
    learner = open_browser(js=False)
    page = learner.page
    log_in(learner, "learner24@example.org")  # a demo learner who has not answered it
    learner.goto(PROGRAM)
    learner.click(page.get_by_role("link", name="Surveys", exact=True))
    learner.click(page.get_by_role("link", name=re.compile("program intake$")))
    survey_path = urlsplit(page.url).path
    assert re.fullmatch(r"/surveys/\d+", survey_path)
    learner.click(page.get_by_role("button", name="Send my answers"), status=422, path=survey_path)
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    first_group = page.locator("fieldset.likert").first
    expect(first_group.locator(".field-error")).to_be_visible()
    for group in page.locator("fieldset.likert").all():
        group.locator("input").first.check()
    for field in page.locator('input[inputmode="decimal"]').all():
        field.fill("12")
    learner.click(page.get_by_role("button", name="Send my answers"))
    assert learner.notice() == "Thank you: your answers are saved."
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you")


def test_coordinator_reads_outcomes_and_reports(open_browser: OpenBrowser) -> None:
    coordinator = open_browser(js=True)
    page = coordinator.page
    log_in(coordinator, "coordinator@example.org")
    coordinator.goto(PROGRAM)
    coordinator.click(page.get_by_role("link", name="Outcomes", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Outcomes: Pediatric Mental Health in Primary Care ECHO"
    )
    expect(page.get_by_role("img", name="Participants per session")).to_be_visible()
    expect(page.get_by_role("img", name="Change per scale")).to_be_visible()
    page.get_by_text("Data table").first.click()
    expect(page.get_by_role("table", name="Participants per session")).to_be_visible()
    coordinator.audit()  # the opened table too
    coordinator.click(page.get_by_role("link", name="Surveys", exact=True))
    coordinator.click(page.get_by_role("link", name=re.compile("^Results")).first)
    expect(page.get_by_text("Mean", exact=False).first).to_be_visible()
    coordinator.goto("/hubs/cascadia/manage")
    coordinator.click(page.get_by_role("link", name="Outcomes across the hub's programs"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Outcomes: Cascadia")
    coordinator.goto("/hubs/cascadia/manage")
    coordinator.click(page.get_by_role("link", name="Annual report and Training 15 counts"))
    expect(page.get_by_role("heading", name="Training 15")).to_be_visible()


def test_presenter_reports_how_the_recommendations_worked_out(open_browser: OpenBrowser) -> None:
    presenter = open_browser(js=False)
    page = presenter.page
    log_in(presenter, "pediatrician@example.org")
    presenter.goto("/me/cases")
    released_row = page.locator("tr").filter(has=page.get_by_role("cell", name="released"))
    # Other browser tests may release cases of this presenter too: any released one will do.
    presenter.click(released_row.get_by_role("link", name=re.compile(r"^Case \d+")).first)
    presenter.click(page.get_by_role("link", name="Report how it is going"))
    report_path = urlsplit(page.url).path
    assert re.fullmatch(r"/cases/\d+/outcome", report_path)
    presenter.click(page.get_by_role("button", name="Send my report"), status=422, path=report_path)
    expect(page.get_by_role("alert")).to_contain_text("Please correct")
    for group in page.locator("fieldset.likert").all():
        radios = group.locator('input[type="radio"]')
        if radios.count():
            radios.first.check()
    page.get_by_label("Time in clinic").check()
    presenter.click(page.get_by_role("button", name="Send my report"))
    assert presenter.notice() == "Thank you: your report is saved. The hub sees it on this case."
    expect(page.get_by_role("heading", name="How it went")).to_be_visible()
