"""The consult line's report: volume by practice and month, response times against the
target (median and 90th percentile), dispositions, resources used, follow-ups completed,
HRSA-style counts of providers and practices taking part, and the enrolled practices by
integration level with their movement. Counts and times only, never request text."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from echo.accounts.models import PRACTICE_SETTINGS, User
from echo.consult import integration, practices
from echo.consult.models import (
    DISPOSITIONS,
    FOLLOW_UP_OUTCOMES,
    OPEN_STATUSES,
    CommunityResource,
    ConsultLine,
    ConsultNote,
    ConsultRequest,
    ConsultResource,
    ConsultStatus,
    FollowUpTask,
    IntegrationAssessment,
    Practice,
)

DEFAULT_MONTHS = 12


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (the smallest value with at least ``share`` of the
    values at or below it); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class LevelRow:
    practice: Practice
    level: int | None  # the latest self-assessment's level
    previous: int | None  # the one before it

    @property
    def movement(self) -> int | None:
        if self.level is None or self.previous is None:
            return None
        return self.level - self.previous


@dataclass(frozen=True)
class Report:
    since: datetime
    total: int
    by_month: list[tuple[str, int]]
    by_practice: list[tuple[str, int]]
    responded: int  # first contact made, or waiting past the target (see build)
    waiting_past_target: int
    median_minutes: float | None
    p90_minutes: float | None
    within_target: int
    dispositions: list[tuple[str, int]]
    resources_used: list[tuple[str, int]]
    follow_ups_total: int
    follow_ups_closed: int
    follow_up_outcomes: list[tuple[str, int]]
    providers_consulting: int  # distinct clinicians who asked (HRSA Training 15-shaped)
    practices_consulting: int
    providers_coordinated: int  # distinct clinicians with a referral follow-up
    levels: list[LevelRow]
    level_counts: list[tuple[str, int]]


def build(
    session: Session, line: ConsultLine, now: datetime, months: int = DEFAULT_MONTHS
) -> Report:
    since = now - timedelta(days=round(months * 30.44))
    rows = session.exec(
        select(ConsultRequest, Practice.name)
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .where(ConsultRequest.line_id == line.id, ConsultRequest.created_at >= since)
    ).all()
    requests = [request for request, _ in rows]
    ids = [r.id for r in requests]
    by_month = Counter(r.created_at.strftime("%Y-%m") for r in requests)
    by_practice = Counter(name for _, name in rows)
    # Minutes to first contact; a request still waiting past its target counts with the
    # minutes it has waited so far (a lower bound), so a line that never calls back does
    # not look fast. One still within its target is not counted yet.
    counted_open = [
        r
        for r in requests
        if r.responded_at is None and r.status in OPEN_STATUSES and r.target_at < now
    ]
    waits = [
        (r.responded_at - r.created_at).total_seconds() / 60
        for r in requests
        if r.responded_at is not None
    ] + [(now - r.created_at).total_seconds() / 60 for r in counted_open]
    within = sum(
        1 for r in requests if r.responded_at is not None and r.responded_at <= r.target_at
    )
    disposition_labels = dict(DISPOSITIONS)
    dispositions = (
        Counter(
            disposition_labels.get(d, d)
            for d in session.exec(
                select(ConsultNote.disposition).where(col(ConsultNote.request_id).in_(ids))
            ).all()
        )
        if ids
        else Counter()
    )
    resources = (
        Counter(
            session.exec(
                select(CommunityResource.name)
                .join(
                    ConsultResource, col(ConsultResource.resource_id) == col(CommunityResource.id)
                )
                .where(col(ConsultResource.request_id).in_(ids))
            ).all()
        )
        if ids
        else Counter()
    )
    tasks = (
        list(session.exec(select(FollowUpTask).where(col(FollowUpTask.request_id).in_(ids))).all())
        if ids
        else []
    )
    outcome_labels = dict(FOLLOW_UP_OUTCOMES)
    outcomes = Counter(outcome_labels.get(t.outcome, t.outcome) for t in tasks if t.closed_at)
    with_tasks = {t.request_id for t in tasks}
    counted = [r for r in requests if r.status != ConsultStatus.cancelled]
    levels = _levels(session, practices.line_practices(session, line.id or 0))
    level_names = {
        level.number: f"{level.number}. {level.category}, {level.name.lower()}"
        for level in integration.LEVELS
    }
    level_counts = Counter(level_names[row.level] for row in levels if row.level is not None)
    return Report(
        since=since,
        total=len(requests),
        by_month=sorted(by_month.items()),
        by_practice=by_practice.most_common(),
        responded=len(waits),
        waiting_past_target=len(counted_open),
        median_minutes=percentile(waits, 0.5),
        p90_minutes=percentile(waits, 0.9),
        within_target=within,
        dispositions=dispositions.most_common(),
        resources_used=resources.most_common(20),
        follow_ups_total=len(tasks),
        follow_ups_closed=sum(1 for t in tasks if t.closed_at is not None),
        follow_up_outcomes=outcomes.most_common(),
        providers_consulting=len({r.requester_id for r in counted}),
        practices_consulting=len({r.practice_id for r in counted}),
        providers_coordinated=len({r.requester_id for r in counted if r.id in with_tasks}),
        levels=levels,
        level_counts=[
            (name, level_counts[name]) for name in level_names.values() if level_counts[name]
        ],
    )


@dataclass(frozen=True)
class ProvidersConsulting:
    """Clinicians of a hub's consult lines in a period, for Training 15-shaped counts."""

    professions: list[tuple[str, int]]  # of the clinicians who asked
    settings: list[tuple[str, int]]  # of their practices (rural or urban)
    total: int
    coordinated: int  # clinicians with a referral follow-up on one of their consults


def providers_consulting(
    session: Session, hub_id: int, start: datetime, end: datetime
) -> ProvidersConsulting:
    rows = session.exec(
        select(ConsultRequest.id, User.id, User.profession, Practice.practice_setting)
        .join(ConsultLine, col(ConsultLine.id) == col(ConsultRequest.line_id))
        .join(User, col(User.id) == col(ConsultRequest.requester_id))
        .join(Practice, col(Practice.id) == col(ConsultRequest.practice_id))
        .where(
            ConsultLine.hub_id == hub_id,
            ConsultRequest.created_at >= start,
            ConsultRequest.created_at < end,
            ConsultRequest.status != ConsultStatus.cancelled.value,
        )
    ).all()
    request_ids = [request_id for request_id, _, _, _ in rows]
    followed = (
        set(
            session.exec(
                select(FollowUpTask.request_id).where(col(FollowUpTask.request_id).in_(request_ids))
            ).all()
        )
        if request_ids
        else set()
    )
    people: dict[int, tuple[str, str]] = {}
    coordinated: set[int] = set()
    for request_id, user_id, profession, setting in rows:
        people[user_id or 0] = (profession or "Not given", setting)
        if request_id in followed:
            coordinated.add(user_id or 0)
    setting_labels = dict(PRACTICE_SETTINGS)
    professions = Counter(profession for profession, _ in people.values())
    settings = Counter(setting_labels.get(setting, "Not given") for _, setting in people.values())
    return ProvidersConsulting(
        professions=sorted(professions.items()),
        settings=sorted(settings.items()),
        total=len(people),
        coordinated=len(coordinated),
    )


def _levels(session: Session, enrolled: Sequence[Practice]) -> list[LevelRow]:
    ids = [p.id for p in enrolled]
    history: dict[int, list[int]] = {}
    if ids:
        for assessment in session.exec(
            select(IntegrationAssessment)
            .where(col(IntegrationAssessment.practice_id).in_(ids))
            .order_by(
                col(IntegrationAssessment.completed_at).desc(), col(IntegrationAssessment.id).desc()
            )
        ).all():
            history.setdefault(assessment.practice_id, []).append(assessment.level)
    rows = []
    for practice in enrolled:
        found = history.get(practice.id or 0, [])
        rows.append(
            LevelRow(practice, found[0] if found else None, found[1] if len(found) > 1 else None)
        )
    return rows
