"""Written recommendations, release by the lead, printable page and PDF, audited
administrator access, the coordinator's audit trail and follow-up cases."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pypdf
import pytest
from httpx2 import Response
from starlette.testclient import TestClient

from echo.db import Database
from echo.phi import BLOCK_MESSAGES
from tests.cases.test_case_flow import CLEAN_CASE, _all_text, _new_case
from tests.helpers import csrf_from, logged_in, page_csrf, post_form, text_of

MakeClient = Callable[[], TestClient]

RECOMMENDATIONS = {
    "restated_question": "A 14-year-old with moderate depression on a low SSRI dose: "
    "raise the dose or add therapy first?",
    "diagnostic_considerations": "Moderate major depressive episode; screen for bipolarity.",
    "treatment": "Increase fluoxetine to 20 mg daily after 4 weeks at 10 mg.",
    "supports": "Refer for CBT; a 504 plan meeting about homework load.",
    "safety_plan": "Repeat the ASQ at each visit; lock up medications.",
    "follow_up": "Present again in 8 weeks with a repeat PHQ-A.",
    "resource_ids": "glad-pc-toolkit",
}


def _accepted_case(client: TestClient, make_client: MakeClient) -> tuple[str, TestClient]:
    """A case submitted by the demo pediatrician and accepted into the next session."""
    logged_in(client, "pediatrician@example.org")
    case_url = _new_case(client, CLEAN_CASE).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    post_form(client, case_url, {"action": "submit"}, case_url)
    coordinator = logged_in(make_client(), "coordinator@example.org")
    page = coordinator.get(case_url).text
    first_session = re.search(r'<option value="(\d+)">', page)
    assert first_session
    accepted = post_form(
        coordinator, case_url, {"action": "accept", "session_id": first_session.group(1)}, case_url
    )
    assert accepted.status_code == 303
    return case_url, coordinator


def _draft(faculty: TestClient, case_url: str, data: dict[str, str], version: str = "0") -> object:
    edit = f"{case_url}/recommendations/edit"
    return faculty.post(
        edit, data={**data, "version": version, "csrf_token": page_csrf(faculty, edit)}
    )


def test_faculty_draft_lead_releases_submitter_reads(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    case_url, coordinator = _accepted_case(client, make_client)
    faculty = logged_in(make_client(), "faculty@example.org")  # the demo program's lead
    assert faculty.get(f"{case_url}/recommendations/edit").status_code == 200
    # Identifiers in a recommendation are blocked like anywhere else, and never stored.
    blocked = _draft(
        faculty, case_url, {**RECOMMENDATIONS, "follow_up": "Call mom Rosa Diaz at 555-867-5309."}
    )
    assert blocked.status_code == 422  # type: ignore[attr-defined]
    assert '<mark class="phi-block"' in blocked.text  # type: ignore[attr-defined]
    assert "Rosa Diaz" not in _all_text(database) and "555-867-5309" not in _all_text(database)
    assert "Increase fluoxetine to 20 mg" not in _all_text(database)
    saved = _draft(faculty, case_url, RECOMMENDATIONS)
    assert saved.status_code == 303, saved.text  # type: ignore[attr-defined]

    # Before release the submitter sees nothing of the draft.
    assert "Increase fluoxetine to 20 mg" not in client.get(case_url).text
    assert client.get(f"{case_url}/recommendations").status_code == 404
    assert client.get(f"{case_url}/recommendations.pdf").status_code == 404
    # Release waits for the presentation, and only the lead may release.
    early = post_form(faculty, f"{case_url}/recommendations/release", {}, case_url)
    assert early.status_code == 422
    assert "released after the case was presented" in text_of(early.text)
    post_form(coordinator, case_url, {"action": "present"}, case_url)
    other_faculty = logged_in(make_client(), "faculty2@example.org")
    assert "Release to the submitter" not in other_faculty.get(case_url).text
    refused = post_form(other_faculty, f"{case_url}/recommendations/release", {}, case_url)
    assert refused.status_code == 404
    released = post_form(faculty, f"{case_url}/recommendations/release", {}, case_url)
    assert released.status_code == 303

    page = text_of(client.get(case_url).text)
    assert "Status: released" in page
    assert "Increase fluoxetine to 20 mg daily after 4 weeks at 10 mg." in page
    assert "Guidelines for Adolescent Depression in Primary Care" in page  # the toolkit pick
    printable = text_of(client.get(f"{case_url}/recommendations").text)
    assert "Recommendations for case" in printable and "Refer for CBT" in printable
    document = client.get(f"{case_url}/recommendations.pdf")
    assert document.status_code == 200
    assert document.headers["content-type"] == "application/pdf"
    assert "attachment" in document.headers["content-disposition"]
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(document.content)).pages
    )
    assert "Increase fluoxetine to 20 mg" in text and "Refer for CBT" in text

    # The coordinator's trail shows the views, the export and the release, with no case text.
    trail = text_of(coordinator.get(f"{case_url}/audit").text)
    for entry in ("view", "draft recommendations", "release presented → released", "export pdf"):
        assert entry in trail
    assert "fluoxetine" not in trail


def test_stale_recommendations_are_a_conflict_that_keeps_the_text(
    client: TestClient, make_client: MakeClient
) -> None:
    case_url, _ = _accepted_case(client, make_client)
    faculty = logged_in(make_client(), "faculty@example.org")
    assert _draft(faculty, case_url, RECOMMENDATIONS).status_code == 303  # type: ignore[attr-defined]
    stale = _draft(faculty, case_url, {**RECOMMENDATIONS, "treatment": "My stale edit."}, "0")
    assert stale.status_code == 409  # type: ignore[attr-defined]
    assert "My stale edit." in stale.text  # type: ignore[attr-defined]
    assert 'name="version" value="1"' in stale.text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "email", ["pediatrician@example.org", "np@example.org", "coordinator@example.org"]
)
def test_only_faculty_draft_recommendations(
    client: TestClient, make_client: MakeClient, email: str
) -> None:
    case_url, _ = _accepted_case(client, make_client)
    other = logged_in(make_client(), email)
    assert other.get(f"{case_url}/recommendations/edit").status_code == 404


def test_audit_trail_is_for_the_hub_coordinators(
    client: TestClient, make_client: MakeClient
) -> None:
    case_url, coordinator = _accepted_case(client, make_client)
    assert coordinator.get(f"{case_url}/audit").status_code == 200
    for email in ("faculty@example.org", "coordinator2@example.org"):
        assert logged_in(make_client(), email).get(f"{case_url}/audit").status_code == 404
    assert client.get(f"{case_url}/audit").status_code == 404  # the submitter


def test_site_admin_opens_a_case_only_through_the_audited_action(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    case_url, coordinator = _accepted_case(client, make_client)
    admin = logged_in(make_client(), "admin@example.org")
    refused = admin.get(case_url)
    assert refused.status_code == 403
    assert "audited action" in text_of(refused.text)
    assert "fluoxetine" not in refused.text  # no case text before the reason is recorded
    assert admin.get(f"{case_url}/recommendations").status_code == 403
    open_url = f"{case_url}/open"
    token = csrf_from(refused.text)  # the 403 page is the form that records the reason

    def open_case(reason: str) -> Response:
        return admin.post(open_url, data={"reason": reason, "csrf_token": token})

    missing = open_case("")
    assert missing.status_code == 422 and 'id="reason-error"' in missing.text
    with_phi = open_case("Mother Jane Smith called 555-222-1234")
    assert with_phi.status_code == 422
    refusal = f"{BLOCK_MESSAGES['name']} {BLOCK_MESSAGES['phone']} Nothing was stored."
    assert refusal in text_of(with_phi.text)
    assert "Jane Smith" not in _all_text(database)
    opened = open_case("Privacy review requested by the hub")
    assert opened.status_code == 303
    page = admin.get(case_url)
    assert page.status_code == 200
    assert "fluoxetine 10 mg daily" in page.text
    assert "Next step" not in page.text  # read-only: no workflow actions
    trail = text_of(coordinator.get(f"{case_url}/audit").text)
    assert "break glass" in trail and "Privacy review requested by the hub" in trail
    assert re.search(r"Alex Admin \(user \d+\) break glass Privacy review requested", trail)
    assert re.search(r"Alex Admin \(user \d+\) view", trail)  # the audited view itself


def test_a_draft_stays_the_submitters_even_for_a_site_admin(
    client: TestClient, make_client: MakeClient
) -> None:
    logged_in(client, "pediatrician@example.org")
    case_url = _new_case(client, CLEAN_CASE).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    admin = logged_in(make_client(), "admin@example.org")
    assert admin.get(case_url).status_code == 404
    assert post_form(admin, f"{case_url}/open", {"reason": "Review"}, "/admin").status_code == 404


def test_follow_up_case_links_to_its_original(client: TestClient, make_client: MakeClient) -> None:
    case_url, coordinator = _accepted_case(client, make_client)
    post_form(coordinator, case_url, {"action": "present"}, case_url)
    original_id = case_url.rsplit("/", 1)[1]
    assert "Present a follow-up of this case" in client.get(case_url).text
    start = f"/programs/peds-mh-echo/cases/new?follow_up_of={original_id}"
    form = client.get(start).text
    assert f'name="follow_up_of" value="{original_id}"' in form
    assert 'name="age_value" type="number" value="14"' in form or 'value="14"' in form
    created = client.post(
        start,
        data={
            **CLEAN_CASE,
            "question": "Better on 20 mg; how long to continue?",
            "follow_up_of": original_id,
            "csrf_token": page_csrf(client, start),
        },
    )
    assert created.status_code == 303
    follow_up_url = created.headers["location"].split("?")[0]
    assert f"Follow-up of case {original_id}" in text_of(client.get(follow_up_url).text)
    assert f"Followed up in case {follow_up_url.rsplit('/', 1)[1]}" in text_of(
        client.get(case_url).text
    )


def test_follow_up_of_someone_elses_case_is_ignored(
    client: TestClient, make_client: MakeClient
) -> None:
    case_url, coordinator = _accepted_case(client, make_client)
    post_form(coordinator, case_url, {"action": "present"}, case_url)
    other = logged_in(make_client(), "np@example.org")
    start = f"/programs/peds-mh-echo/cases/new?follow_up_of={case_url.rsplit('/', 1)[1]}"
    assert 'name="follow_up_of"' not in other.get(start).text


def test_lead_faculty_must_be_hub_faculty(client: TestClient, make_client: MakeClient) -> None:
    coordinator = logged_in(client, "coordinator@example.org")
    edit = "/hubs/cascadia/programs/peds-mh-echo/edit"
    values = {
        "title": "Pediatric Mental Health in Primary Care ECHO",
        "slug": "peds-mh-echo",
        "status": "open",
        "visibility": "public",
        "enrollment_mode": "approval",
        "participants_see_cases": "yes",
    }
    page = coordinator.get(edit).text
    faculty_id = re.search(r'<option value="(\d+)" selected>', page)
    assert faculty_id, "the demo program's lead is preselected"
    bad = post_form(coordinator, edit, {**values, "lead_faculty_id": "1"}, edit)
    assert bad.status_code == 422
    assert "Choose one of the hub's faculty members" in text_of(bad.text)
    good = post_form(coordinator, edit, {**values, "lead_faculty_id": faculty_id.group(1)}, edit)
    assert good.status_code == 303
