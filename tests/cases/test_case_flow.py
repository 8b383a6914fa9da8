"""Cases through HTTP: the PHI gate before storage, access, workflow, conflicts, audit."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from starlette.testclient import TestClient

from echo.db import Database
from echo.phi import BLOCK_MESSAGES
from tests.helpers import logged_in, page_csrf, post_form, text_of

CLEAN_CASE = {
    "age_value": "14",
    "age_unit": "years",
    "sex": "female",
    "school_setting": "public",
    "concerns": "depression",
    "history": "14 yo with low mood for 3 months, PHQ-A 17 in 2024, sleeping 5 hours.",
    "medications": "fluoxetine 10 mg daily since last fall",
    "family_context": "Lives with mom and older brother; dad works nights.",
    "question": "Should we increase the fluoxetine dose or add therapy first?",
    "attested": "yes",
}
PHI_CASE = {
    **CLEAN_CASE,
    "family_context": "Mom Jessica Alvarez called on 03/14/2025 from 555-201-3344.",
}


def _all_text(database: Database) -> str:
    """Everything stored in the database, as one string, to prove what was never saved."""
    chunks: list[str] = []
    with database.engine.connect() as connection:
        for table in sa.inspect(connection).get_table_names():
            for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')):  # noqa: S608 - table names from the schema
                chunks.extend(str(value) for value in row)
    return "\n".join(chunks)


def _new_case(client: TestClient, data: dict[str, str]) -> object:
    return post_form(
        client, "/programs/peds-mh-echo/cases/new", data, "/programs/peds-mh-echo/cases/new"
    )


def _submitted_case(client: TestClient) -> str:
    response = _new_case(client, CLEAN_CASE)
    case_url = response.headers["location"].split("?")[0]  # type: ignore[attr-defined]
    submitted = post_form(client, case_url, {"action": "submit"}, case_url)
    assert submitted.headers["location"].endswith("notice=case-submitted")
    return str(case_url)


def test_blocked_identifiers_are_shown_and_never_stored(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "pediatrician@example.org")
    response = _new_case(client, PHI_CASE)
    assert response.status_code == 422  # type: ignore[attr-defined]
    html = response.text  # type: ignore[attr-defined]
    assert "Not saved: remove the marked identifiers" in html
    assert '<mark class="phi-block"' in html
    assert (  # under the field, the guard's one message for what it refused
        f"{BLOCK_MESSAGES['name']} {BLOCK_MESSAGES['date']} {BLOCK_MESSAGES['phone']} "
        "Nothing was stored."
    ) in text_of(html)
    assert "Jessica Alvarez" in html  # shown back to the person, in place...
    stored = _all_text(database)
    for secret in ("Jessica", "Alvarez", "03/14/2025", "555-201-3344"):
        assert secret not in stored  # ...and never stored
    assert "Should we increase the fluoxetine dose" not in stored  # nothing of the case at all


def test_invisible_characters_do_not_hide_an_identifier_from_the_guard(
    client: TestClient, database: Database
) -> None:
    """Zero-width spaces inside a phone number show nothing but would split it; the kit
    removes them before the guard reads the text."""
    logged_in(client, "pediatrician@example.org")
    hidden = "5\u200b0\u200b3-5\u200b5\u200b5-0\u200b1\u200b9\u200b9"
    response = _new_case(client, {**CLEAN_CASE, "history": f"Call mom at {hidden}."})
    assert response.status_code == 422  # type: ignore[attr-defined]
    assert '<mark class="phi-block"' in response.text  # type: ignore[attr-defined]
    assert "503-555-0199" not in _all_text(database)


def test_clean_case_is_saved_submitted_and_triaged(
    client: TestClient, make_client: object, database: Database
) -> None:
    logged_in(client, "pediatrician@example.org")
    response = _new_case(client, CLEAN_CASE)
    assert response.status_code == 303, response.text  # type: ignore[attr-defined]
    case_url = response.headers["location"].split("?")[0]  # type: ignore[attr-defined]
    submitted = post_form(client, case_url, {"action": "submit"}, case_url)
    assert submitted.status_code == 303
    assert "Status: submitted" in text_of(client.get(case_url).text)

    coordinator = make_client()  # type: ignore[operator]
    logged_in(coordinator, "coordinator@example.org")
    queue = text_of(coordinator.get("/hubs/cascadia/cases?status=submitted").text)
    assert (
        f"Case {case_url.rsplit('/', 1)[1]} Pediatric Mental Health in Primary Care ECHO" in queue
    )
    returned = post_form(coordinator, case_url, {"action": "return", "note": ""}, case_url)
    assert returned.status_code == 422 and 'id="return-note-error"' in returned.text
    note = "Please call Dr. Patel back at 555-201-3344."
    with_phi = post_form(coordinator, case_url, {"action": "return", "note": note}, case_url)
    assert with_phi.status_code == 422 and 'id="return-note-error"' in with_phi.text
    assert f"{BLOCK_MESSAGES['phone']} Nothing was stored." in text_of(with_phi.text)
    assert "555-201-3344" not in _all_text(database)
    assert "Status: submitted" in text_of(coordinator.get(case_url).text)  # not returned
    post_form(coordinator, case_url, {"action": "review"}, case_url)
    page = coordinator.get(case_url).text
    first_session = re.search(r'<option value="(\d+)">[^<]* left</option>', page)
    assert first_session
    accepted = post_form(
        coordinator, case_url, {"action": "accept", "session_id": first_session.group(1)}, case_url
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"].endswith("notice=case-accepted")
    case_page = text_of(coordinator.get(case_url).text)
    assert "Status: accepted" in case_page and "Scheduled for" in case_page
    assert "review: submitted → in review" in case_page  # the trail records each transition
    session_page = coordinator.get(f"/sessions/{first_session.group(1)}").text
    assert f'href="{case_url}"' in session_page


@pytest.mark.parametrize(
    "email", ["np@example.org", "outsider@example.org", "coordinator2@example.org"]
)
def test_others_get_404_on_a_case(client: TestClient, make_client: object, email: str) -> None:
    logged_in(client, "pediatrician@example.org")
    case_url = _new_case(client, CLEAN_CASE).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    post_form(client, case_url, {"action": "submit"}, case_url)
    other = make_client()  # type: ignore[operator]
    logged_in(other, email)
    assert other.get(case_url).status_code == 404
    assert other.get(f"{case_url}/edit").status_code == 404


def test_outsider_cannot_start_a_case(client: TestClient) -> None:
    logged_in(client, "outsider@example.org")
    assert client.get("/programs/peds-mh-echo/cases/new").status_code == 404


def test_stale_form_is_a_conflict_that_loses_nothing(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    case_url = _new_case(client, CLEAN_CASE).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    edit = f"{case_url}/edit"
    token = page_csrf(client, edit)
    first = client.post(
        edit, data={**CLEAN_CASE, "question": "First edit?", "version": "1", "csrf_token": token}
    )
    assert first.status_code == 303
    stale = client.post(
        edit, data={**CLEAN_CASE, "question": "My stale edit?", "version": "1", "csrf_token": token}
    )
    assert stale.status_code == 409
    assert "Someone else saved this case while you were editing" in stale.text
    assert "My stale edit?" in stale.text  # kept in the form
    assert 'name="version" value="2"' in stale.text  # saving again replaces knowingly


def test_html_is_rendered_inert_and_limits_keep_the_text(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    data = {**CLEAN_CASE, "history": "<script>alert(1)</script> worse at school"}
    case_url = _new_case(client, data).headers["location"].split("?")[0]  # type: ignore[attr-defined]
    page = client.get(case_url).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; worse at school" in page
    too_long = _new_case(client, {**CLEAN_CASE, "question": "Why? " * 400})
    assert too_long.status_code == 422  # type: ignore[attr-defined]
    assert "Shorten this to 1500 characters" in too_long.text  # type: ignore[attr-defined]


def test_live_check_returns_findings_without_storing(
    client: TestClient, database: Database
) -> None:
    logged_in(client, "pediatrician@example.org")
    token = page_csrf(client, "/programs/peds-mh-echo/cases/new")
    response = client.post(
        "/cases/check",
        data={"field": "history", "history": "seen on 7/22 by Dr. Patel", "csrf_token": token},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert '<mark class="phi-block"' in response.text
    assert BLOCK_MESSAGES["date"] in text_of(response.text)
    # While the person types nothing has been refused yet: the advice, not "not stored".
    assert "Nothing was stored" not in text_of(response.text)
    # Each finding offers its rewrite: a button the script reveals, the text to copy without it.
    assert (
        '<button type="button" class="link-button" hidden data-rewrite-field="history" '
        'data-rewrite-start="8" data-rewrite-text="7/22" data-rewrite-with="[date removed]">'
    ) in response.text
    assert "<code>[date removed]</code>" in response.text
    assert "7/22" not in _all_text(database)


def test_each_step_has_its_own_form_declining_asks_first_and_full_sessions_show(
    client: TestClient, make_client: object, database: Database
) -> None:
    """Issue 14: triage put four actions and their fields in one form, errors showed
    internal keys, success said only "The case is updated"."""
    logged_in(client, "pediatrician@example.org")
    case_url = _submitted_case(client)
    coordinator = make_client()  # type: ignore[operator]
    logged_in(coordinator, "coordinator@example.org")
    page = coordinator.get(case_url).text
    forms = re.findall(r'<input type="hidden" name="action" value="(\w+)">', page)
    assert forms == ["review", "return", "decline", "accept"]  # one form per step
    assert re.search(r"<option value=\"\d+\"[^>]*>[^<]*(?:\d of \d case slots? left|full)<", page)
    unconfirmed = post_form(
        coordinator, case_url, {"action": "decline", "note": "Outside our scope."}, case_url
    )
    assert unconfirmed.status_code == 422 and 'id="decline-confirm-error"' in unconfirmed.text
    assert "Decline confirm" not in text_of(unconfirmed.text)  # no internal key
    assert "Status: submitted" in text_of(coordinator.get(case_url).text)
    declined = post_form(
        coordinator,
        case_url,
        {"action": "decline", "note": "Outside our scope.", "confirm": "1"},
        case_url,
    )
    assert declined.headers["location"].endswith("notice=case-declined")
    assert "The case is declined with your note." in text_of(
        coordinator.get(declined.headers["location"]).text
    )
