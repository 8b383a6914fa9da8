"""CME through HTTP: settings, evaluation before claim, claims and their limits,
certificates (PDF, verification page, signed credential), revocation, PARS, disclosures."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import jwt
import pypdf
from sqlmodel import select
from starlette.testclient import TestClient

from echo.cme.models import Evaluation
from echo.db import Database
from echo.phi import BLOCK_MESSAGES
from tests.helpers import logged_in, page_csrf, post_form, text_of

MakeClient = Callable[[], TestClient]

EVALUATION = {
    "overall": "4",
    "intended_change": "Use the SCARED at intake.",
    "bias_free": "yes",
}


def _answers(client: TestClient, evaluation_url: str) -> dict[str, str]:
    """A complete evaluation: every objective on the form rated 'agree'."""
    names = set(re.findall(r'name="(objective-\d+)"', client.get(evaluation_url).text))
    assert names, "the session has learning objectives"
    return {**EVALUATION, **{name: "4" for name in names}}


def _np_session(client: TestClient) -> str:
    """The demo session np@example.org attended and has not claimed yet."""
    logged_in(client, "np@example.org")
    page = client.get("/me/credit").text
    found = re.search(r'href="/sessions/(\d+)/evaluation"', page)
    assert found, text_of(page)
    return found.group(1)


def test_evaluate_claim_and_get_a_verifiable_certificate(
    client: TestClient, database: Database
) -> None:
    session_id = _np_session(client)
    claim_url = f"/sessions/{session_id}/claim"
    assert "Complete the session evaluation first" in text_of(client.get(claim_url).text)

    evaluation_url = f"/sessions/{session_id}/evaluation"
    answers = _answers(client, evaluation_url)
    blocked = post_form(
        client,
        evaluation_url,
        {**answers, "intended_change": "Call Maria Lopez at 555-201-3344 about her son."},
        evaluation_url,
    )
    assert blocked.status_code == 422 and 'id="intended_change-error"' in blocked.text
    refusal = f"{BLOCK_MESSAGES['name']} {BLOCK_MESSAGES['phone']} Nothing was stored."
    assert refusal in text_of(blocked.text)
    with database.write() as session:
        assert all("Maria" not in e.intended_change for e in session.exec(select(Evaluation)))
    missing = post_form(client, evaluation_url, {"intended_change": "x"}, evaluation_url)
    assert missing.status_code == 422 and 'id="overall-error"' in missing.text
    saved = post_form(client, evaluation_url, answers, evaluation_url)
    assert saved.status_code == 303 and saved.headers["location"].startswith(claim_url)

    page = text_of(client.get(claim_url).text)
    amount = re.search(r"you may claim up to ([\d.]+) hours? of participation", page)
    assert amount, page
    too_much = post_form(client, claim_url, {"credits": "5"}, claim_url)
    assert too_much.status_code == 422 and "at most" in text_of(too_much.text)
    not_quarter = post_form(client, claim_url, {"credits": "0.3"}, claim_url)
    assert not_quarter.status_code == 422 and 'id="credits-error"' in not_quarter.text
    claimed = post_form(client, claim_url, {"credits": amount.group(1)}, claim_url)
    assert claimed.status_code == 303 and claimed.headers["location"].startswith("/me/transcript")
    again = post_form(client, claim_url, {"credits": amount.group(1)}, "/me/credit")
    assert again.status_code == 422 and "already claimed" in text_of(again.text)

    transcript = client.get("/me/transcript").text
    code = re.search(r'href="/certificates/(ECHO-[A-Z0-9]{4}-[A-Z0-9]{4})\.pdf"', transcript)
    assert code
    document = client.get(f"/certificates/{code.group(1)}.pdf")
    assert document.status_code == 200 and document.content.startswith(b"%PDF-")
    text = " ".join(
        " ".join(p.extract_text().split())
        for p in pypdf.PdfReader(io.BytesIO(document.content)).pages
    )
    for element in ("Nico Nurse-Practitioner, NP", "Live activity (virtual)", code.group(1)):
        assert element in text, element
    assert "hours of participation" in text

    anonymous = TestClient(client.app, follow_redirects=False)
    verify = text_of(anonymous.get(f"/verify/{code.group(1)}").text)
    assert "Valid." in verify and "Nico Nurse-Practitioner" in verify
    assert "np@example.org" not in verify  # nothing else personal

    token = anonymous.get(f"/certificates/{code.group(1)}/credential.jwt").text
    keys = jwt.PyJWKSet.from_dict(anonymous.get("/.well-known/jwks.json").json())
    kid = jwt.get_unverified_header(token)["kid"]
    claims = jwt.decode(token, keys[kid].key, algorithms=["RS256"], options={"verify_aud": False})
    assert "OpenBadgeCredential" in claims["type"]
    assert claims["jti"] == claims["id"]
    assert (
        claims["credentialSubject"]["identifier"][0]["hashed"] is True
        if isinstance(claims["credentialSubject"].get("identifier"), list)
        else claims["credentialSubject"]["identifier"]["hashed"] is True
    )
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload[:-4]}AAAA.{signature}"
    try:
        jwt.decode(tampered, keys[kid].key, algorithms=["RS256"], options={"verify_aud": False})
    except jwt.InvalidTokenError:
        pass
    else:
        raise AssertionError("a tampered credential verified")


def test_unknown_or_malformed_codes_are_404(client: TestClient) -> None:
    for code in ("ECHO-AAAA-AAAA", "not-a-code", "ECHO-'; DROP"):
        response = client.get(f"/verify/{code}")
        assert response.status_code == 404
        assert "Traceback" not in response.text


def test_cme_admin_revokes_and_reissues(
    client: TestClient, make_client: MakeClient, database: Database
) -> None:
    session_id = _np_session(client)
    evaluation_url = f"/sessions/{session_id}/evaluation"
    post_form(client, evaluation_url, _answers(client, evaluation_url), evaluation_url)
    page = text_of(client.get(f"/sessions/{session_id}/claim").text)
    amount = re.search(r"up to ([\d.]+) hours?", page)
    assert amount
    post_form(client, f"/sessions/{session_id}/claim", {"credits": amount.group(1)}, "/me/credit")
    code = re.search(r"(ECHO-[A-Z0-9]{4}-[A-Z0-9]{4})", client.get("/me/transcript").text)
    assert code
    admin = logged_in(make_client(), "cme@example.org")
    dashboard = "/programs/peds-mh-echo/cme"
    assert admin.get(dashboard).status_code == 200
    reissued = post_form(
        admin, f"/certificates/{code.group(1)}/status", {"action": "reissue"}, dashboard
    )
    assert reissued.status_code == 303
    old = text_of(admin.get(f"/verify/{code.group(1)}").text)
    assert "Superseded." in old
    new_code = re.search(r"replaced this one: (ECHO-[A-Z0-9]{4}-[A-Z0-9]{4})", old)
    assert new_code
    no_reason = post_form(
        admin, f"/certificates/{new_code.group(1)}/status", {"action": "revoke"}, dashboard
    )
    assert no_reason.status_code == 422
    revoked = post_form(
        admin,
        f"/certificates/{new_code.group(1)}/status",
        {"action": "revoke", "reason": "Attendance corrected"},
        dashboard,
    )
    assert revoked.status_code == 303
    assert "Revoked." in text_of(admin.get(f"/verify/{new_code.group(1)}").text)
    learner_view = logged_in(make_client(), "outsider@example.org")
    assert learner_view.get(f"/certificates/{new_code.group(1)}.pdf").status_code == 404


def test_settings_are_for_cme_administrators(client: TestClient, make_client: MakeClient) -> None:
    url = "/programs/peds-mh-echo/cme/settings"
    for email in ("coordinator@example.org", "faculty@example.org", "pediatrician@example.org"):
        assert logged_in(make_client(), email).get(url).status_code == 404
    admin = logged_in(client, "cme@example.org")
    page = text_of(admin.get(url).text)
    assert "is accredited by the Accreditation Council for Continuing Medical Education" in page
    bad = post_form(
        admin,
        url,
        {
            "provider": "",
            "ama_max_per_session": "1.1",
            "moc_points_per_session": "1",
            "claim_window_days": "0",
        },
        url,
    )
    assert bad.status_code == 422
    for field in ("provider", "ama_max_per_session", "claim_window_days"):
        assert f'id="{field}-error"' in bad.text
    assert 'value="1.1"' in bad.text  # nothing typed is lost


PARS_PAGE = "/programs/peds-mh-echo/cme/pars"
WHOLE_PERIOD = {"from": "2020-01-01", "to": "2030-12-31"}


def test_pars_preview_and_exports(client: TestClient) -> None:
    admin = logged_in(client, "cme@example.org")
    page = admin.get(f"{PARS_PAGE}?from=2020-01-01&to=2030-12-31")
    assert page.status_code == 200
    html = text_of(page.text)
    assert "Record Action" in html and "202600123" in html
    assert '<input type="hidden" name="from" value="2020-01-01">' in page.text
    exported = post_form(admin, f"{PARS_PAGE}.csv", WHOLE_PERIOD, PARS_PAGE)
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.strip().splitlines()
    # Header + the AMA claims: the pediatrician's two and the lead faculty's (np's hours are
    # not reported; without an issuer the demo revokes nothing).
    assert len(lines) == 4
    assert sum(",ABP,1234567," in line for line in lines) == 1  # MOC only where consented
    xlsx = post_form(admin, f"{PARS_PAGE}.xlsx", WHOLE_PERIOD, PARS_PAGE)
    assert xlsx.content[:2] == b"PK"


def test_a_period_that_cannot_be_read_gives_the_page_with_its_error_not_a_file(
    client: TestClient, make_client: MakeClient
) -> None:
    admin = logged_in(client, "cme@example.org")
    learner = logged_in(make_client(), "pediatrician@example.org")
    periods = (
        ({"from": "9999-12-31"}, "from"),
        ({"from": "garbage", "to": "2026-02-30"}, "from"),
        ({"from": "2026-12-01", "to": "2026-01-01"}, "to"),
    )
    for who, path in (
        (admin, f"{PARS_PAGE}.csv"),
        (admin, f"{PARS_PAGE}.xlsx"),
        (learner, "/me/transcript.csv"),
        (learner, "/me/transcript.pdf"),
    ):
        for period, field in periods:
            if path.startswith(PARS_PAGE):  # a download that records an export: a POST
                answer = post_form(who, path, period, PARS_PAGE)
            else:
                answer = who.get(path, params=period)
            assert answer.status_code == 422, (path, period)
            assert answer.headers["content-type"].startswith("text/html")
            assert f'id="{field}-error"' in answer.text


def test_disclosures_shown_before_the_session(client: TestClient, make_client: MakeClient) -> None:
    faculty = logged_in(client, "faculty2@example.org")
    url = "/programs/peds-mh-echo/disclosure"
    incomplete = post_form(faculty, url, {"role": "faculty", "has_relationships": "yes"}, url)
    assert incomplete.status_code == 422
    assert 'id="relationships-error"' in incomplete.text and 'id="attest-error"' in incomplete.text
    assert (
        post_form(
            faculty, url, {"role": "faculty", "has_relationships": "no", "attest": "yes"}, url
        ).status_code
        == 303
    )
    learner = logged_in(make_client(), "pediatrician@example.org")
    sessions = learner.get("/programs/peds-mh-echo/sessions").text
    upcoming = re.findall(r'href="/sessions/(\d+)"', sessions)
    page = text_of(learner.get(f"/sessions/{upcoming[-1]}").text)
    assert "Disclosures" in page and "no relevant financial relationships" in page
    assert page_csrf(learner, "/me/credit")


def test_the_accredited_provider_cannot_also_be_a_joint_provider(client: TestClient) -> None:
    """Found by the route fuzzer: saved, it made the settings page and certificates fail."""
    admin = logged_in(client, "cme@example.org")
    url = "/programs/peds-mh-echo/cme/settings"
    same = post_form(
        admin,
        url,
        {
            "provider": "Cascadia CME",
            "joint_providers": "Cascadia CME",
            "ama_max_per_session": "1",
            "moc_points_per_session": "1",
            "claim_window_days": "30",
        },
        url,
    )
    assert same.status_code == 422
    assert "List only the other providers" in text_of(same.text)
    assert admin.get(url).status_code == 200
