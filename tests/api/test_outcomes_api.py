"""GET /api/v1/programs/{slug}/outcomes: the figures of the program's outcomes page (the
same dashboard) for the same people (every role of the hub), scale changes withheld under
five pairs as on the page, the period checked as the page checks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.db import Database
from echo.outcomes import dashboard, surveys
from echo.outcomes.bank import load_bank
from echo.outcomes.models import Survey, SurveyKind
from echo.programs.models import Hub, Program
from echo.security.permissions import HubRole
from tests import factories
from tests.api.calls import call, make_token, problem

START = datetime(2026, 3, 3, 20, 0, tzinfo=UTC)  # noon in Los Angeles
BANK = """
[bank]
id = "api-test-bank"
title = "API test bank"
version = 1

[[scale]]
id = "se"
label = "Self-efficacy"

[[item]]
id = "se-screen"
text = "I can screen an adolescent for depression."
type = "likert"
points = 5
anchors = ["Not at all", "A little", "Somewhat", "Very", "Completely"]
moore = "4"
scale = "se"
surveys = ["pre", "post"]
"""


@dataclass
class World:
    program: Program
    learners: list[User]
    faculty: str  # read token of a faculty member of the hub
    participant: str
    outsider: str


@pytest.fixture
def world(database: Database, tmp_path: Path) -> World:
    path = tmp_path / "bank.toml"
    path.write_text(BANK)
    bank, issues = load_bank(path)
    assert bank is not None, issues
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        faculty = factories.create_user(session)
        factories.add_hub_role(session, faculty, hub, HubRole.faculty)
        program = factories.create_program(session, hub, slug="mh-echo")
        learners = [factories.create_user(session, us_state="WA") for _ in range(5)]
        for learner in learners:
            factories.enroll(session, learner, program)
        for week in range(2):
            held = factories.create_session(session, program, start=START + timedelta(weeks=week))
            for learner in learners[: 3 + week]:
                factories.attend(session, held, learner)
        surveys.set_up_program_surveys(session, program, bank)
        for learner in learners[:4]:
            _pre_and_post(session, program, learner)
        outsider = factories.create_user(session)
        factories.create_hub(session, coordinator=outsider)
        ids = (faculty.id or 0, learners[0].id or 0, outsider.id or 0)
    return World(
        program,
        learners,
        make_token(database, ids[0]),
        make_token(database, ids[1]),
        make_token(database, ids[2]),
    )


def _survey(session: Session, program: Program, kind: SurveyKind) -> Survey:
    return next(s for s in surveys.program_surveys(session, program.id or 0) if s.kind == kind)


def _pre_and_post(session: Session, program: Program, learner: User) -> None:
    for kind, value in ((SurveyKind.pre, "2"), (SurveyKind.post, "4")):
        survey = _survey(session, program, kind)
        [item] = surveys.items_of(session, survey.id or 0)
        [(name, _phase)] = surveys.field_names(item)
        surveys.submit(session, survey, learner.id or 0, {name: [value]})


def test_outcomes_are_the_pages_figures_with_small_cells_withheld(
    bare_client: TestClient, database: Database, world: World
) -> None:
    path = "/api/v1/programs/mh-echo/outcomes"
    answer = call(bare_client, "GET", path, world.faculty)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    with database.read() as session:
        board = dashboard.build(
            session,
            [world.program],
            title=world.program.title,
            zone="America/Los_Angeles",
            period=dashboard.Period(),
        )
    assert (body["sessions_held"], body["unique_participants"], body["attendances"]) == (2, 4, 7)
    assert body["unique_participants"] == board.unique_participants
    assert [
        (s["session_date"], s["participants"], s["unique_so_far"]) for s in body["sessions"]
    ] == [
        ("2026-03-03", 3, 3),
        ("2026-03-10", 4, 4),
    ]
    assert body["months"] == [
        {"month": "2026-03", "sessions": 2, "attendances": 7, "unique_so_far": 4}
    ]
    assert body["states"] == [{"group": "WA", "participants": 4}]
    assert body["time_zone"] == "America/Los_Angeles" and body["min_respondents"] == 5
    assert body["period"] == {"start": None, "end": None}
    [scale] = [s for s in body["scales"] if s["comparison"] == "Intake vs completion"]
    assert scale["pairs"] == 4 and scale["shown"] is False
    assert scale["mean_before"] is None and scale["mean_change"] is None  # under five pairs
    assert body["case_outcomes"]["shown"] is False
    assert body["case_outcomes"]["recommendations"] == []
    assert body["url"].endswith("/programs/mh-echo/outcomes")

    with database.write() as session:
        _pre_and_post(session, world.program, world.learners[4])
    shown = call(bare_client, "GET", path, world.faculty).json()
    [scale] = [s for s in shown["scales"] if s["comparison"] == "Intake vs completion"]
    assert scale["shown"] is True and scale["pairs"] == 5
    assert (scale["mean_before"], scale["mean_after"], scale["mean_change"]) == (2.0, 4.0, 2.0)


def test_a_period_narrows_and_a_reversed_one_is_named(
    bare_client: TestClient, world: World
) -> None:
    path = "/api/v1/programs/mh-echo/outcomes"
    one = call(bare_client, "GET", f"{path}?from=2026-03-05&to=2026-03-31", world.faculty).json()
    assert one["sessions_held"] == 1 and one["period"] == {
        "start": "2026-03-05",
        "end": "2026-03-31",
    }
    reversed_period = problem(
        call(bare_client, "GET", f"{path}?from=2026-04-01&to=2026-03-01", world.faculty), 422
    )
    assert reversed_period["errors"] == {"to": "The end of the period is before its start."}
    assert (
        "from"
        in problem(call(bare_client, "GET", f"{path}?from=2026-02-30", world.faculty), 422)[
            "errors"
        ]
    )


def test_outcomes_are_for_the_hubs_people_only(bare_client: TestClient, world: World) -> None:
    path = "/api/v1/programs/mh-echo/outcomes"
    problem(call(bare_client, "GET", path, world.participant), 404)
    problem(call(bare_client, "GET", path, world.outsider), 404)
    problem(call(bare_client, "GET", "/api/v1/programs/no-such/outcomes", world.faculty), 404)
    problem(call(bare_client, "GET", path, None), 401)


def test_a_hubs_outcomes_count_its_programs_together(
    bare_client: TestClient, database: Database, world: World
) -> None:
    with database.write() as session:
        hub = session.get(Hub, world.program.hub_id)
        assert hub is not None
        other = factories.create_program(session, hub, slug="second-echo")
        held = factories.create_session(session, other, start=START + timedelta(days=1))
        factories.enroll(session, world.learners[4], other)
        factories.attend(session, held, world.learners[4])
        hub_slug = hub.slug
    path = f"/api/v1/hubs/{hub_slug}/outcomes"
    answer = call(bare_client, "GET", path, world.faculty)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["hub"] == hub_slug and sorted(body["programs"]) == ["mh-echo", "second-echo"]
    # Both programs' sessions and people: 2 + 1 sessions, 4 + 1 people, 7 + 1 attendances.
    assert (body["sessions_held"], body["unique_participants"], body["attendances"]) == (3, 5, 8)
    assert body["time_zone"] == "America/Los_Angeles"
    assert body["url"].endswith(f"/hubs/{hub_slug}/outcomes")
    one = call(bare_client, "GET", f"{path}?from=2026-03-04&to=2026-03-31", world.faculty)
    assert one.json()["sessions_held"] == 2
    problem(call(bare_client, "GET", path, world.participant), 404)
    problem(call(bare_client, "GET", path, world.outsider), 404)
    problem(call(bare_client, "GET", "/api/v1/hubs/no-such/outcomes", world.faculty), 404)
    problem(call(bare_client, "GET", path, None), 401)
