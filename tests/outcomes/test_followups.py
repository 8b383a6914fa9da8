"""Follow-up surveys by email: queued once when due with a one-time link, one reminder a
week later, nothing after an answer; the link answers the survey without a login and
dies once used; forged or foreign tokens are 404."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session
from starlette.testclient import TestClient

from echo.db import Database
from echo.outcomes import followups, surveys
from echo.outcomes.bank import ItemBank, load_bank
from echo.security import tokens
from echo.settings import Settings
from tests import factories
from tests.helpers import link_in, outbox_to, page_csrf, text_of
from tests.outcomes.test_surveys import BANK

# Links are signed when sent, for followups.LINK_LIFETIME: the series ended three months ago.
COMPLETED = datetime.now(UTC).replace(microsecond=0) - timedelta(days=92)
DUE = COMPLETED + timedelta(days=91)


def _bank(tmp_path: Path) -> ItemBank:
    path = tmp_path / "bank.toml"
    path.write_text(BANK)
    bank, problems = load_bank(path)
    assert bank is not None, problems
    return bank


def _completed(session: Session, bank: ItemBank) -> None:
    """learner@example.org answered the completion survey on COMPLETED."""
    hub = factories.create_hub(session)
    program = factories.create_program(session, hub, slug="mh-echo", title="MH ECHO")
    learner = factories.create_user(session, email="learner@example.org")
    factories.enroll(session, learner, program)
    surveys.set_up_program_surveys(session, program, bank)
    post = next(s for s in surveys.program_surveys(session, program.id or 0) if s.kind == "post")
    answers: dict[str, list[str]] = {}
    for item in surveys.items_of(session, post.id or 0):
        for name, _phase in surveys.field_names(item):
            if item.type == "likert":
                answers[name] = ["3"]
            elif item.type == "single":
                answers[name] = [item.choice_list[0]]
    surveys.submit(session, post, learner.id or 0, answers, now=COMPLETED)


def test_invitation_when_due_then_one_reminder(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with database.write() as session:
        _completed(session, _bank(tmp_path))
        assert followups.run(session, settings, DUE - timedelta(hours=1)) == {
            "survey invitations": 0,
            "survey reminders": 0,
        }
        assert followups.run(session, settings, DUE)["survey invitations"] == 1
        assert followups.run(session, settings, DUE + timedelta(days=1)) == {
            "survey invitations": 0,
            "survey reminders": 0,
        }
        week = DUE + followups.REMINDER_AFTER
        assert followups.run(session, settings, week)["survey reminders"] == 1
        assert followups.run(session, settings, week + timedelta(days=30)) == {
            "survey invitations": 0,
            "survey reminders": 0,
        }
    sent = outbox_to(database, "learner@example.org")
    assert [m.subject for m in sent] == [
        "3 months after MH ECHO: what has changed in your practice?",
        "Reminder: 3 months after MH ECHO, a few questions",
    ]
    assert "/survey-links/" in sent[0].text_body


def test_the_link_answers_once_without_a_login(
    bare_client: TestClient, database: Database, settings: Settings, tmp_path: Path
) -> None:
    with database.write() as session:
        _completed(session, _bank(tmp_path))
        followups.run(session, settings, DUE)
    link = link_in(outbox_to(database, "learner@example.org")[0].text_body, "/survey-links/")
    form = bare_client.get(link)
    assert form.status_code == 200 and form.headers["cache-control"] == "private, no-store"
    assert "About how many children with mental health concerns" in text_of(form.text)
    number = re.search(r'name="(item-\d+)" type="text" inputmode="decimal"', form.text)
    assert number is not None
    field = number.group(1)
    bad = bare_client.post(link, data={field: "-4", "csrf_token": page_csrf(bare_client, link)})
    assert bad.status_code == 422 and "Enter a number from 0 to 500." in text_of(bad.text)
    done = bare_client.post(link, data={field: "14", "csrf_token": page_csrf(bare_client, link)})
    assert done.status_code == 303
    again = text_of(bare_client.get(done.headers["location"]).text)
    assert "Thank you: your answers are saved." in again
    assert "You have already answered this survey" in again
    with database.write() as session:
        # Answered: no reminder.
        assert followups.run(session, settings, DUE + timedelta(days=8))["survey reminders"] == 0


def test_forged_or_foreign_links_are_not_found(
    bare_client: TestClient, database: Database, settings: Settings, tmp_path: Path
) -> None:
    with database.write() as session:
        _completed(session, _bank(tmp_path))
        followups.run(session, settings, DUE)
    link = link_in(outbox_to(database, "learner@example.org")[0].text_body, "/survey-links/")
    token = link.rsplit("/", 1)[1]
    assert bare_client.get(link[:-3] + "abc").status_code == 404
    foreign = tokens.mint(
        settings.secret,
        purpose=tokens.Purpose.unsubscribe,
        subject="1",
        lifetime=timedelta(days=1),
    )
    assert bare_client.get(f"/survey-links/{foreign}").status_code == 404
    other_key = tokens.mint(
        "another secret of at least thirty-two characters",
        purpose=tokens.Purpose.survey,
        subject="1",
        lifetime=timedelta(days=1),
    )
    assert bare_client.get(f"/survey-links/{other_key}").status_code == 404
    assert bare_client.get(f"/survey-links/{token}").status_code == 200
