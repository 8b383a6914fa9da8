"""Practices through their pages: add one (its creator leads it), ask to join (the lead
approves), enroll in a consult line, and the yearly integration self-assessment with its
level, next steps and change over time. Only active members see a practice."""

from __future__ import annotations

from collections.abc import Callable

from sqlmodel import select
from starlette.testclient import TestClient

from echo.consult import integration
from echo.consult.models import IntegrationAssessment, Practice, PracticeMember
from echo.db import Database
from tests import factories
from tests.helpers import csrf_from, logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]


def _answers(level: int) -> dict[str, str]:
    answers = {q.key: "yes" if q.level <= level else "no" for q in integration.LEVEL_QUESTIONS}
    for items in integration.AREA_ITEMS.values():
        for n, item in enumerate(items):
            answers[item.key] = "yes" if n == 0 else "no"
    return answers


def test_a_clinician_adds_a_practice_and_leads_it(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session, email="lead@example.org")
    client = logged_in(make_bare_client(), lead.email, factories.PASSWORD)
    form = client.get("/practices/new")
    refused = client.post(
        "/practices/new",
        data={
            "csrf_token": csrf_from(form.text),
            "name": "Oak Street Pediatrics",
            "zip_code": "9721",
        },
    )
    assert refused.status_code == 422
    assert "A ZIP code is 5 digits" in text_of(refused.text)
    assert 'value="Oak Street Pediatrics"' in refused.text  # kept
    saved = client.post(
        "/practices/new",
        data={
            "csrf_token": csrf_from(form.text),
            "name": "Oak Street Pediatrics",
            "zip_code": "97214",
            "us_state": "OR",
            "practice_setting": "urban",
            "practice_type": "independent",
        },
    )
    assert saved.status_code == 303
    page = text_of(client.get(saved.headers["location"].split("?")[0]).text)
    assert "Oak Street Pediatrics" in page and "Lead" in page


def test_joining_waits_for_the_lead_and_only_the_lead_approves(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session, email="lead@example.org")
        newcomer = factories.create_user(session, email="new@example.org")
        member = factories.create_user(session, email="member@example.org")
        practice = factories.create_practice(session, lead, name="Maple Family Clinic")
        factories.join_practice(session, member, practice)
        practice_path = f"/practices/{practice.id}"
    joiner = logged_in(make_bare_client(), newcomer.email, factories.PASSWORD)
    found = joiner.get("/practices?q=maple")
    assert "Maple Family Clinic" in text_of(found.text)
    asked = joiner.post(
        "/practices/join",
        data={"csrf_token": csrf_from(found.text), "practice_id": str(practice.id)},
    )
    assert asked.status_code == 303
    assert "waiting for a lead to approve" in text_of(joiner.get("/practices").text)
    assert joiner.get(practice_path).status_code == 404  # not yet a member

    with database.read() as session:
        pending = session.exec(
            select(PracticeMember).where(PracticeMember.user_id == newcomer.id)
        ).one()
    plain = logged_in(make_bare_client(), member.email, factories.PASSWORD)
    token = page_csrf(plain, practice_path)
    assert (
        plain.post(
            f"{practice_path}/members",
            data={"csrf_token": token, "member_id": str(pending.id), "decision": "approve"},
        ).status_code
        == 404
    )
    leader = logged_in(make_bare_client(), lead.email, factories.PASSWORD)
    token = page_csrf(leader, practice_path)
    approved = leader.post(
        f"{practice_path}/members",
        data={"csrf_token": token, "member_id": str(pending.id), "decision": "approve"},
    )
    assert approved.status_code == 303
    assert joiner.get(practice_path).status_code == 200


def test_a_practice_is_unknown_to_non_members(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session)
        stranger = factories.create_user(session)
        practice = factories.create_practice(session, lead)
    client = logged_in(make_bare_client(), stranger.email, factories.PASSWORD)
    for path in ("", "/integration", "/edit"):
        assert client.get(f"/practices/{practice.id}{path}").status_code == 404


def test_the_lead_enrolls_the_practice_and_members_may_then_ask(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session)
        hub = factories.create_hub(session)
        line = factories.create_consult_line(session, hub, slug="north-line")
        practice = factories.create_practice(session, lead)
    client = logged_in(make_bare_client(), lead.email, factories.PASSWORD)
    assert client.get("/consult-lines/north-line/request").status_code == 404
    token = page_csrf(client, f"/practices/{practice.id}")
    enrolled = client.post(
        f"/practices/{practice.id}/lines", data={"csrf_token": token, "line_id": str(line.id)}
    )
    assert enrolled.status_code == 303
    assert client.get("/consult-lines/north-line/request").status_code == 200


def test_self_assessment_places_the_practice_and_shows_change(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session)
        practice = factories.create_practice(session, lead)
    path = f"/practices/{practice.id}/integration"
    client = logged_in(make_bare_client(), lead.email, factories.PASSWORD)
    token = page_csrf(client, path)
    partial = {**_answers(2)}
    first_key = integration.ALL_KEYS[0]
    del partial[first_key]
    refused = client.post(path, data={"csrf_token": token, **partial})
    assert refused.status_code == 422
    assert f'id="{first_key}-error"' in refused.text
    with database.read() as session:
        assert session.exec(select(IntegrationAssessment)).all() == []
    assert client.post(path, data={"csrf_token": token, **_answers(2)}).status_code == 303
    assert client.post(path, data={"csrf_token": token, **_answers(4)}).status_code == 303
    shown = text_of(client.get(path).text)
    level = integration.level_by_number(4)
    assert f"Level 4: {level.category}, {level.name.lower()}" in shown
    assert "level 2 to 4 (+2)" in shown
    assert "Next steps" in shown


def test_a_member_who_is_not_lead_reads_but_cannot_save_the_assessment(
    make_bare_client: MakeClient, database: Database
) -> None:
    with database.write() as session:
        lead = factories.create_user(session)
        member = factories.create_user(session)
        practice = factories.create_practice(session, lead)
        factories.join_practice(session, member, practice)
    path = f"/practices/{practice.id}/integration"
    client = logged_in(make_bare_client(), member.email, factories.PASSWORD)
    token = page_csrf(client, path)
    assert client.post(path, data={"csrf_token": token, **_answers(3)}).status_code == 404
    with database.read() as session:
        assert session.get(Practice, practice.id) is not None
        assert session.exec(select(IntegrationAssessment)).all() == []
