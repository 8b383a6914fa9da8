"""Surveys through HTTP and the service: answering (checks next to each field, nothing stored
on bad input, PHI blocked), who may answer and see what, the aggregate threshold, paired
change per scale against hand arithmetic, follow-ups scheduled on completion."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from echo import migrate
from echo.accounts.models import User
from echo.db import Database
from echo.outcomes import surveys
from echo.outcomes.bank import ItemBank, load_bank
from echo.outcomes.models import (
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyItem,
    SurveyKind,
    SurveyResponse,
    SurveyScaleScore,
)
from echo.phi import BLOCK_MESSAGES
from echo.programs.models import Hub, Program
from echo.security.permissions import HubRole
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

MakeClient = Callable[[], TestClient]

BANK = """
[bank]
id = "test-bank"
title = "Test bank"
version = 2

[[scale]]
id = "se-depression"
label = "Self-efficacy: depression"

[[item]]
id = "se-screen"
text = "I can screen an adolescent for depression."
type = "likert"
points = 5
anchors = ["Not at all", "A little", "Somewhat", "Very", "Completely"]
moore = "4"
scale = "se-depression"
surveys = ["pre", "post"]
retrospective = true

[[item]]
id = "se-plan"
text = "I can start a treatment plan for mild depression."
type = "likert"
points = 5
anchors = ["Not at all", "A little", "Somewhat", "Very", "Completely"]
moore = "4"
scale = "se-depression"
surveys = ["pre", "post"]
retrospective = true

[[item]]
id = "k-ssri"
text = "Which is a first-line medicine for adolescent depression?"
type = "single"
choices = ["Fluoxetine", "Alprazolam", "Methylphenidate"]
correct = ["Fluoxetine"]
moore = "3a"
surveys = ["pre", "post"]

[[item]]
id = "barriers"
text = "What gets in the way?"
type = "multiple"
choices = ["Time", "Payment", "Referral access"]
moore = "5"
surveys = ["post", "followup"]
required = false

[[item]]
id = "patients"
text = "About how many children with mental health concerns did you see last month?"
type = "number"
minimum = 0
maximum = 500
moore = "5"
surveys = ["pre", "followup"]
required = false

[[item]]
id = "comment"
text = "Anything else?"
type = "text"
moore = "2"
surveys = ["post"]
"""


@pytest.fixture
def bank(tmp_path: Path) -> ItemBank:
    path = tmp_path / "bank.toml"
    path.write_text(BANK)
    loaded, problems = load_bank(path)
    assert loaded is not None, problems
    return loaded


def _world(session: Session, bank: ItemBank) -> tuple[Hub, Program, User, list[User]]:
    coordinator = factories.create_user(session, email="coord@example.org")
    hub = factories.create_hub(session, coordinator=coordinator)
    program = factories.create_program(session, hub, slug="mh-echo")
    learners = [factories.create_user(session, email=f"learner{n}@example.org") for n in range(6)]
    for learner in learners:
        factories.enroll(session, learner, program)
    surveys.set_up_program_surveys(session, program, bank)
    return hub, program, coordinator, learners


def _survey(session: Session, program: Program, kind: SurveyKind) -> Survey:
    found = [s for s in surveys.program_surveys(session, program.id or 0) if s.kind == kind]
    return found[0]


def _names(session: Session, survey: Survey) -> dict[str, str]:
    """Item key (plus phase) -> form field name."""
    names = {}
    for item in surveys.items_of(session, survey.id or 0):
        for name, phase in surveys.field_names(item):
            names[item.key + (f":{phase}" if phase else "")] = name
    return names


def test_set_up_copies_the_banks_items_per_kind(database: Database, bank: ItemBank) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session, bank)
        kinds = [
            (s.kind, s.followup_months) for s in surveys.program_surveys(session, program.id or 0)
        ]
        assert kinds == [("pre", None), ("post", None), ("followup", 3), ("followup", 6)]
        pre = _survey(session, program, SurveyKind.pre)
        post = _survey(session, program, SurveyKind.post)
        assert [i.key for i in surveys.items_of(session, pre.id or 0)] == [
            "se-screen", "se-plan", "k-ssri", "patients",
        ]  # fmt: skip
        post_items = surveys.items_of(session, post.id or 0)
        assert [(i.key, i.retrospective) for i in post_items] == [
            ("se-screen", True), ("se-plan", True), ("k-ssri", False),
            ("barriers", False), ("comment", False),
        ]  # fmt: skip
        assert not any(i.retrospective for i in surveys.items_of(session, pre.id or 0))
        assert pre.bank_id == "test-bank" and pre.bank_version == 2
        again = surveys.set_up_program_surveys(session, program, bank)
        assert again == []  # surveys the program has are kept


def test_participant_answers_the_intake_survey(
    bare_client: TestClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        names = _names(session, pre)
    logged_in(bare_client, "learner0@example.org", factories.PASSWORD)
    url = f"/surveys/{pre.id}"
    form = bare_client.get(url)
    assert form.status_code == 200
    assert "I can screen an adolescent for depression." in text_of(form.text)
    answers = {
        names["se-screen"]: "2",
        names["se-plan"]: "3",
        names["k-ssri"]: "Fluoxetine",
        names["patients"]: "12",
        "csrf_token": page_csrf(bare_client, url),
    }
    done = bare_client.post(url, data=answers)
    assert done.status_code == 303 and done.headers["location"].startswith(
        f"/surveys/{pre.id}/thanks"
    )
    with database.read() as session:
        response = session.exec(select(SurveyResponse)).one()
        stored = session.exec(
            select(SurveyItem.key, SurveyAnswer.number, SurveyAnswer.choice)
            .join(SurveyItem, col(SurveyItem.id) == SurveyAnswer.item_id)
            .where(SurveyAnswer.response_id == response.id)
            .order_by(col(SurveyItem.position))
        ).all()
    assert [tuple(row) for row in stored] == [
        ("se-screen", 2.0, ""), ("se-plan", 3.0, ""), ("k-ssri", None, "Fluoxetine"),
        ("patients", 12.0, ""),
    ]  # fmt: skip
    again = bare_client.post(url, data={**answers, "csrf_token": page_csrf(bare_client, url)})
    assert again.status_code == 200  # the form is not shown again
    assert "You have already answered this survey" in text_of(again.text)


def test_bad_answers_are_named_next_to_each_field_and_nothing_is_stored(
    bare_client: TestClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        names = _names(session, pre)
    logged_in(bare_client, "learner1@example.org", factories.PASSWORD)
    url = f"/surveys/{pre.id}"
    response = bare_client.post(
        url,
        data={
            names["se-screen"]: "9",  # not a point of the scale
            names["k-ssri"]: "Aspirin",  # not offered
            names["patients"]: "lots",
            "csrf_token": page_csrf(bare_client, url),
        },
    )
    assert response.status_code == 422
    page = response.text
    for name in (names["se-screen"], names["se-plan"], names["k-ssri"], names["patients"]):
        assert f'id="{name}-error"' in page
    text = text_of(page)
    assert "Please correct 4 problems" in text
    assert "Enter a number from 0 to 500." in text
    assert 'value="lots"' in page  # what was typed is kept
    with database.read() as session:
        assert session.exec(select(SurveyResponse)).all() == []
        assert session.exec(select(SurveyAnswer)).all() == []


def test_identifying_free_text_is_blocked_and_never_stored(
    bare_client: TestClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, _learners = _world(session, bank)
        post = _survey(session, program, SurveyKind.post)
        names = _names(session, post)
    logged_in(bare_client, "learner2@example.org", factories.PASSWORD)
    url = f"/surveys/{post.id}"
    identifying = "Call Maria Lopez at 555-201-3344 about her son's visit on 3/14."
    data = {
        names["se-screen:before"]: "2",
        names["se-screen:now"]: "4",
        names["se-plan:before"]: "2",
        names["se-plan:now"]: "4",
        names["k-ssri"]: "Fluoxetine",
        names["comment"]: identifying,
        "csrf_token": page_csrf(bare_client, url),
    }
    blocked = bare_client.post(url, data=data)
    assert blocked.status_code == 422
    assert f'id="{names["comment"]}-error"' in blocked.text
    assert any(message in text_of(blocked.text) for message in BLOCK_MESSAGES.values())
    with database.read() as session:
        assert session.exec(select(SurveyResponse)).all() == []
        assert session.exec(select(SurveyAnswer).where(col(SurveyAnswer.text) != "")).all() == []
    data[names["comment"]] = "More time for questions after the didactic."
    data["csrf_token"] = page_csrf(bare_client, url)
    assert bare_client.post(url, data=data).status_code == 303


def test_only_participants_answer_and_only_hub_staff_see_results(
    make_bare_client: MakeClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        hub, program, _coordinator, _learners = _world(session, bank)
        factories.create_user(session, email="outsider@example.org")
        faculty = factories.create_user(session, email="faculty@example.org")
        factories.add_hub_role(session, faculty, hub, HubRole.faculty)
        pre = _survey(session, program, SurveyKind.pre)
        followup = _survey(session, program, SurveyKind.followup)
    anonymous = make_bare_client()
    assert anonymous.get(f"/surveys/{pre.id}", follow_redirects=False).status_code == 303
    outsider = logged_in(make_bare_client(), "outsider@example.org", factories.PASSWORD)
    assert outsider.get(f"/surveys/{pre.id}").status_code == 404
    assert outsider.get(f"/surveys/{pre.id}/results").status_code == 404
    assert outsider.get("/programs/mh-echo/outcomes").status_code == 404
    assert outsider.get("/programs/mh-echo/outcomes.csv").status_code == 404
    learner = logged_in(make_bare_client(), "learner0@example.org", factories.PASSWORD)
    assert learner.get(f"/surveys/{pre.id}/results").status_code == 404
    assert learner.get("/programs/mh-echo/outcomes").status_code == 404
    assert learner.get("/programs/mh-echo/sessions-and-attendees.csv").status_code == 404
    assert learner.get(f"/surveys/{followup.id}").status_code == 404  # not invited
    assert learner.get("/surveys/99999999").status_code == 404
    staff = logged_in(make_bare_client(), "faculty@example.org", factories.PASSWORD)
    assert staff.get(f"/surveys/{pre.id}/results").status_code == 200
    assert staff.get("/programs/mh-echo/outcomes").status_code == 200
    # Faculty see results but set-up is for those who run sessions: faculty do.
    assert (
        staff.post(
            "/programs/mh-echo/surveys/set-up",
            data={"csrf_token": page_csrf(staff, "/programs/mh-echo/surveys")},
        ).status_code
        == 303
    )


def _answer(session: Session, survey: Survey, user: User, values: dict[str, str]) -> None:
    names = _names(session, survey)
    surveys.submit(
        session,
        survey,
        user.id or 0,
        {names[key]: [value] for key, value in values.items()},
    )


def test_results_need_five_respondents(
    make_bare_client: MakeClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        for learner in learners[:4]:
            _answer(
                session, pre, learner, {"se-screen": "2", "se-plan": "4", "k-ssri": "Fluoxetine"}
            )
    coordinator = logged_in(make_bare_client(), "coord@example.org", factories.PASSWORD)
    four = text_of(coordinator.get(f"/surveys/{pre.id}/results").text)
    assert "4 people answered of 6 asked (67%)" in four
    assert "Results appear once at least 5 people have answered" in four
    assert "Mean" not in four and "correct answer" not in four
    with database.write() as session:
        _answer(
            session, pre, learners[4], {"se-screen": "3", "se-plan": "4", "k-ssri": "Alprazolam"}
        )
    five = text_of(coordinator.get(f"/surveys/{pre.id}/results").text)
    # se-screen: 2, 2, 2, 2, 3 -> mean 11/5 = 2.20, median 2; k-ssri: 4 of 5 right = 80%.
    assert "Mean 2.20" in five and "median 2" in five
    assert "80% chose the correct answer." in five


def test_scale_change_pairs_each_persons_scale_mean(database: Database, bank: ItemBank) -> None:
    """Intake vs completion ("now") and the completion's own before/now, per person's mean of
    the scale's items; worked by hand for five people."""
    pre_values = [("2", "2"), ("1", "3"), ("3", "3"), ("2", "1"), ("1", "1")]
    post_now = [("4", "4"), ("3", "4"), ("4", "5"), ("3", "3"), ("2", "3")]
    post_before = [("2", "1"), ("2", "2"), ("3", "2"), ("1", "2"), ("1", "1")]
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        post = _survey(session, program, SurveyKind.post)
        for learner, (a, b) in zip(learners, pre_values, strict=False):
            _answer(session, pre, learner, {"se-screen": a, "se-plan": b, "k-ssri": "Fluoxetine"})
        for learner, (a, b), (c, d) in zip(learners, post_now, post_before, strict=False):
            _answer(
                session,
                post,
                learner,
                {
                    "se-screen:now": a,
                    "se-plan:now": b,
                    "se-screen:before": c,
                    "se-plan:before": d,
                    "k-ssri": "Fluoxetine",
                },
            )
        changes = {c.design: c for c in surveys.scale_changes(session, [program.id or 0])}
    # Per-person means, intake: 2, 2, 3, 1.5, 1; completion now: 4, 3.5, 4.5, 3, 2.5.
    # Differences: 2, 1.5, 1.5, 1.5, 1.5 -> mean 8/5 = 1.6; deviations .4, -.1 x4;
    # sum of squares .16 + 4 x .01 = .20, sd = sqrt(.20/4) = .2236; se = .2236/sqrt 5 = .1;
    # t(0.975, 4) = 2.7764 -> CI 1.6 +/- .27764 = [1.3224, 1.8776]; d_z = 1.6/.2236 = 7.155.
    prepost = changes["pre-post"]
    assert prepost.pairs == 5 and prepost.shown and prepost.change is not None
    assert prepost.change.mean_before == pytest.approx(1.9)
    assert prepost.change.mean_after == pytest.approx(3.5)
    assert prepost.change.mean_difference == pytest.approx(1.6)
    assert prepost.change.ci_low == pytest.approx(1.3224, abs=1e-4)
    assert prepost.change.ci_high == pytest.approx(1.8776, abs=1e-4)
    assert prepost.change.effect_size == pytest.approx(7.155, abs=1e-3)
    # Retrospective: before 1.5, 2, 2.5, 1.5, 1 (mean 1.7); now as above (mean 3.5).
    retro = changes["retrospective"]
    assert retro.change is not None
    assert retro.change.mean_before == pytest.approx(1.7)
    assert retro.change.mean_difference == pytest.approx(1.8)


def test_scale_change_is_withheld_under_five_pairs(database: Database, bank: ItemBank) -> None:
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        post = _survey(session, program, SurveyKind.post)
        for learner in learners[:4]:
            _answer(
                session, pre, learner, {"se-screen": "1", "se-plan": "2", "k-ssri": "Fluoxetine"}
            )
            _answer(
                session,
                post,
                learner,
                {
                    "se-screen:now": "4",
                    "se-plan:now": "4",
                    "se-screen:before": "1",
                    "se-plan:before": "1",
                    "k-ssri": "Fluoxetine",
                },
            )
        found = surveys.scale_changes(session, [program.id or 0])
    assert [(c.design, c.pairs, c.shown, c.change) for c in found] == [
        ("pre-post", 4, False, None),
        ("retrospective", 4, False, None),
    ]


def test_completing_the_series_schedules_the_follow_ups(database: Database, bank: ItemBank) -> None:
    completed = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        post = _survey(session, program, SurveyKind.post)
        names = _names(session, post)
        values = {
            "se-screen:now": "4", "se-plan:now": "4", "se-screen:before": "2",
            "se-plan:before": "2", "k-ssri": "Fluoxetine",
        }  # fmt: skip
        surveys.submit(
            session,
            post,
            learners[0].id or 0,
            {names[k]: [v] for k, v in values.items()},
            now=completed,
        )
        invitations = session.exec(
            select(SurveyInvitation, Survey)
            .join(Survey, col(Survey.id) == SurveyInvitation.survey_id)
            .order_by(col(Survey.followup_months))
        ).all()
    assert [(s.followup_months, i.due_at.date()) for i, s in invitations] == [
        (3, (completed + timedelta(days=91)).date()),  # 3 x 30.44 days
        (6, (completed + timedelta(days=183)).date()),
    ]


def test_scale_scores_kept_with_responses_match_the_migrations_fill(
    database: Database, bank: ItemBank
) -> None:
    """Revision 0016 fills the rollup from answers given before it; it must hold what
    submitting keeps (surveys.scale_scores) for the same answers."""
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        pre = _survey(session, program, SurveyKind.pre)
        post = _survey(session, program, SurveyKind.post)
        _answer(
            session, pre, learners[0], {"se-screen": "2", "se-plan": "3", "k-ssri": "Fluoxetine"}
        )
        _answer(
            session,
            post,
            learners[0],
            {
                "se-screen:now": "4",
                "se-plan:now": "5",
                "se-screen:before": "1",
                "se-plan:before": "2",
                "k-ssri": "Fluoxetine",
            },
        )
        _answer(
            session, pre, learners[1], {"se-screen": "5", "k-ssri": "Alprazolam", "se-plan": "4"}
        )

    def kept() -> list[tuple[object, ...]]:
        with database.read() as session:
            return sorted(
                (row.response_id, row.program_id, row.user_id, row.scale, row.moment, row.score)
                for row in session.exec(select(SurveyScaleScore))
            )

    submitted = kept()
    first, second = learners[0].id, learners[1].id
    assert [(user, moment, score) for _r, _p, user, _s, moment, score in submitted] == [
        (first, "pre", 2.5),
        (first, "before", 1.5),
        (first, "now", 4.5),
        (second, "pre", 4.5),
    ]
    migrate.downgrade(database.engine, "0015")
    migrate.upgrade(database.engine)
    assert kept() == submitted


def test_follow_ups_open_when_due_and_thanks_need_an_answer(
    bare_client: TestClient, database: Database, bank: ItemBank
) -> None:
    with database.write() as session:
        _hub, program, _coordinator, learners = _world(session, bank)
        intake = _survey(session, program, SurveyKind.pre)
        post = _survey(session, program, SurveyKind.post)
        followup = _survey(session, program, SurveyKind.followup)
        _answer(
            session,
            post,
            learners[0],
            {
                "se-screen:now": "4",
                "se-plan:now": "4",
                "se-screen:before": "2",
                "se-plan:before": "2",
                "k-ssri": "Fluoxetine",
            },
        )
    logged_in(bare_client, "learner0@example.org", factories.PASSWORD)
    assert bare_client.get(f"/surveys/{followup.id}").status_code == 404  # due in 3 months
    unanswered = bare_client.get(f"/surveys/{intake.id}/thanks", follow_redirects=False)
    assert unanswered.status_code == 303  # the intake: not answered, nothing to thank for
    assert unanswered.headers["location"] == f"/surveys/{intake.id}"
    with database.write() as session:
        invitation = session.exec(
            select(SurveyInvitation).where(SurveyInvitation.survey_id == followup.id)
        ).one()
        invitation.due_at = invitation.due_at - timedelta(days=200)
        session.add(invitation)
    assert bare_client.get(f"/surveys/{followup.id}").status_code == 200
