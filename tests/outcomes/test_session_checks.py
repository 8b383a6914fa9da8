"""Session knowledge checks: the topic's items (and the bank's untopical session items) and no
other topic's, none without a topic or items, answered from the start of the session by
participants and attendees only, set up by staff only, bad answers stored nowhere."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.db import Database
from echo.outcomes import session_checks, surveys
from echo.outcomes.bank import ItemBank, load_bank
from echo.outcomes.models import Survey, SurveyAnswer, SurveyKind, SurveyResponse
from echo.programs.models import EnrollmentStatus, Hub, Program, ProgramSession
from echo.timeutil import utcnow
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]

BANK = """
[bank]
id = "check-bank"
title = "Check bank"
version = 1

[[item]]
id = "k-anxiety-cutoff"
text = "Which SCARED total suggests an anxiety disorder?"
type = "single"
choices = ["10 or more", "25 or more"]
correct = ["25 or more"]
moore = "3a"
topic = "anxiety"
surveys = ["pre", "session"]

[[item]]
id = "k-depression-plan"
text = "Which plan fits moderate depression?"
type = "single"
choices = ["Watchful waiting only", "Psychotherapy and/or an SSRI"]
correct = ["Psychotherapy and/or an SSRI"]
moore = "3b"
topic = "depression"
surveys = ["session"]

[[item]]
id = "k-anxiety-treatment"
text = "Which treatment had the highest response rate in anxious youth?"
type = "single"
choices = ["CBT alone", "CBT and sertraline"]
correct = ["CBT and sertraline"]
moore = "3a"
topic = "anxiety"
surveys = ["session"]

[[item]]
id = "k-anxiety-intake-only"
text = "How many anxious children did you see last month?"
type = "number"
minimum = 0
maximum = 500
moore = "5"
topic = "anxiety"
surveys = ["pre"]

[[item]]
id = "sat-relevant"
text = "Today's session was relevant to my patients."
type = "likert"
points = 5
anchors = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
moore = "2"
surveys = ["session"]
"""


@pytest.fixture
def bank(tmp_path: Path) -> ItemBank:
    path = tmp_path / "bank.toml"
    path.write_text(BANK)
    loaded, problems = load_bank(path)
    assert loaded is not None, problems
    return loaded


def _world(session: Session) -> tuple[Hub, Program, User, list[User]]:
    coordinator = factories.create_user(session, email="coord@example.org")
    hub = factories.create_hub(session, coordinator=coordinator)
    program = factories.create_program(session, hub, slug="mh-echo")
    learners = [factories.create_user(session, email=f"learner{n}@example.org") for n in range(2)]
    for learner in learners:
        factories.enroll(session, learner, program)
    factories.create_user(session, email="stranger@example.org")
    return hub, program, coordinator, learners


def _session(
    session: Session, program: Program, *, topic: str, hours_from_now: int, title: str = ""
) -> ProgramSession:
    start = (utcnow() + timedelta(hours=hours_from_now)).replace(microsecond=0)
    row = factories.create_session(session, program, start=start)
    row.topic_id = topic
    row.didactic_title = title
    session.add(row)
    session.flush()
    return row


def _keys(session: Session, survey: Survey) -> list[str]:
    return [item.key for item in surveys.items_of(session, survey.id or 0)]


def test_a_check_asks_the_topics_items_and_the_untopical_ones(
    database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, coordinator, _learners = _world(session)
        held = _session(session, program, topic="anxiety", hours_from_now=-2, title="Anxiety")
        check = session_checks.create_session_check(
            session, program, held, bank, by_id=coordinator.id
        )
        assert check is not None
        assert (check.kind, check.session_id, check.title) == (
            SurveyKind.session.value,
            held.id,
            "Anxiety: knowledge check",
        )
        # Not the depression item, nor the anxiety item asked only at intake.
        assert _keys(session, check) == ["k-anxiety-cutoff", "k-anxiety-treatment", "sat-relevant"]
        assert session_checks.check_for_session(session, held) == check
        again = session_checks.create_session_check(session, program, held, bank)
        assert again is not None and again.id == check.id
        assert len(session.exec(select(Survey)).all()) == 1
        other = _session(session, program, topic="depression", hours_from_now=-30)
        depression = session_checks.create_session_check(session, program, other, bank)
        assert depression is not None
        assert _keys(session, depression) == ["k-depression-plan", "sat-relevant"]
        assert depression.title == f"{program.title}: knowledge check"  # no didactic title


def test_no_topic_or_no_items_for_it_gives_no_check(
    make_bare_client: MakeClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session)
        untopical = _session(session, program, topic="", hours_from_now=24)
        unknown = _session(session, program, topic="sleep", hours_from_now=48)
        assert session_checks.create_session_check(session, program, untopical, bank) is None
        assert session_checks.create_session_check(session, program, unknown, bank) is None
    coordinator = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    token = page_csrf(coordinator, "/programs/mh-echo/surveys")
    for row in (untopical, unknown):
        response = coordinator.post(
            f"/sessions/{row.id}/knowledge-check", data={"csrf_token": token}
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/programs/mh-echo/surveys?notice=session-check-none"
    page = text_of(coordinator.get("/programs/mh-echo/surveys?notice=session-check-none").text)
    assert "No knowledge check was added" in page
    with database.read() as session:
        assert session.exec(select(Survey)).all() == []


def test_staff_add_a_check_and_no_one_else_can(
    make_bare_client: MakeClient, database: Database
) -> None:
    """Through the page, with the shipped item bank."""
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session)
        upcoming = _session(session, program, topic="anxiety", hours_from_now=24, title="Worry")
    url = f"/sessions/{upcoming.id}/knowledge-check"
    for email in ("learner0@example.org", "stranger@example.org"):
        someone = logged_in(make_bare_client(), email, factories.PASSWORD)
        token = page_csrf(someone, "/me/programs")
        assert someone.post(url, data={"csrf_token": token}).status_code == 404
    with database.read() as session:
        assert session.exec(select(Survey)).all() == []
    coordinator = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    listing = coordinator.get("/programs/mh-echo/surveys")
    assert "Add a knowledge check for Worry" in text_of(listing.text)
    made = coordinator.post(
        url, data={"csrf_token": page_csrf(coordinator, "/programs/mh-echo/surveys")}
    )
    assert made.status_code == 303
    assert made.headers["location"] == "/programs/mh-echo/surveys?notice=session-check-created"
    with database.read() as session:
        check = session.exec(select(Survey)).one()
        assert (check.kind, check.session_id, check.title) == (
            "session",
            upcoming.id,
            "Worry: knowledge check",
        )
        assert _keys(session, check) == [
            "kn-anxiety-scared-cutoff", "kn-anxiety-combined-treatment", "sat-session-relevant",
        ]  # fmt: skip
    ready = text_of(coordinator.get("/programs/mh-echo/surveys").text)
    assert "Knowledge check ready. Results of Worry: knowledge check" in ready
    again = coordinator.post(
        url, data={"csrf_token": page_csrf(coordinator, "/programs/mh-echo/surveys")}
    )
    assert again.headers["location"].endswith("notice=session-check-exists")
    with database.read() as session:
        assert len(session.exec(select(Survey)).all()) == 1


def test_participants_and_attendees_answer_once_the_session_has_begun(
    make_bare_client: MakeClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session)
        upcoming = _session(session, program, topic="anxiety", hours_from_now=24)
        held = _session(session, program, topic="anxiety", hours_from_now=-2)
        later = session_checks.create_session_check(session, program, upcoming, bank)
        check = session_checks.create_session_check(session, program, held, bank)
        assert later is not None and check is not None
        names = {
            item.key: surveys.field_names(item)[0][0]
            for item in surveys.items_of(session, check.id or 0)
        }
        # Left the program after attending: still answers this session's check.
        attendee = factories.create_user(session, email="attendee@example.org")
        factories.enroll(session, attendee, program, EnrollmentStatus.withdrawn)
        factories.attend(session, held, attendee)
        absent = factories.create_user(session, email="absent@example.org")
        factories.enroll(session, absent, program, EnrollmentStatus.withdrawn)
    learner = logged_in(make_bare_client(), "learner0@example.org", factories.PASSWORD)
    assert learner.get(f"/surveys/{later.id}").status_code == 404  # not begun yet
    assert "knowledge check" not in text_of(learner.get(f"/sessions/{upcoming.id}").text)
    listed = text_of(learner.get("/programs/mh-echo/surveys").text)
    assert listed.count(": knowledge check") == 1  # the held session's only
    session_page = learner.get(f"/sessions/{held.id}").text
    assert f'href="/surveys/{check.id}"' in session_page
    assert "Answer the knowledge check" in text_of(session_page)
    url = f"/surveys/{check.id}"
    assert learner.get(url).status_code == 200
    answers = {
        names["k-anxiety-cutoff"]: "25 or more",
        names["k-anxiety-treatment"]: "CBT and sertraline",
        names["sat-relevant"]: "4",
    }
    done = learner.post(url, data={**answers, "csrf_token": page_csrf(learner, url)})
    assert done.status_code == 303
    assert "Answer the knowledge check" not in text_of(learner.get(f"/sessions/{held.id}").text)
    attending = logged_in(make_bare_client(), "attendee@example.org", factories.PASSWORD)
    assert "Answer the knowledge check" in text_of(attending.get(f"/sessions/{held.id}").text)
    done = attending.post(url, data={**answers, "csrf_token": page_csrf(attending, url)})
    assert done.status_code == 303
    for email in ("absent@example.org", "stranger@example.org"):
        other = logged_in(make_bare_client(), email, factories.PASSWORD)
        assert other.get(url).status_code == 404
        assert (
            other.post(
                url, data={**answers, "csrf_token": page_csrf(other, "/me/programs")}
            ).status_code
            == 404
        )
    with database.read() as session:
        stored = session.exec(select(SurveyResponse.survey_id, SurveyResponse.user_id)).all()
        assert sorted(stored) == sorted([(check.id, learners[0].id), (check.id, attendee.id)])
        assert len(session.exec(select(SurveyAnswer)).all()) == 6


def test_bad_answers_are_refused_and_nothing_is_stored(
    bare_client: TestClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session)
        held = _session(session, program, topic="anxiety", hours_from_now=-2)
        check = session_checks.create_session_check(session, program, held, bank)
        assert check is not None
        names = {
            item.key: surveys.field_names(item)[0][0]
            for item in surveys.items_of(session, check.id or 0)
        }
    logged_in(bare_client, "learner1@example.org", factories.PASSWORD)
    url = f"/surveys/{check.id}"
    response = bare_client.post(
        url,
        data={
            names["k-anxiety-cutoff"]: "100 or more",  # not offered
            names["sat-relevant"]: "6",  # not a point of the scale
            "csrf_token": page_csrf(bare_client, url),
        },
    )
    assert response.status_code == 422
    for name in names.values():
        assert f'id="{name}-error"' in response.text
    assert "Please correct 3 problems" in text_of(response.text)
    with database.read() as session:
        assert session.exec(select(SurveyResponse)).all() == []
        assert session.exec(select(SurveyAnswer)).all() == []
