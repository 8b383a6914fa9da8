"""Surveys: created from the item bank, answered by participants, summarised for hub staff.

Answers are read here with the web kit because a survey's fields depend on its items (like
the session evaluation in echo.cme.services). Free text passes the PHI guard before anything
is stored; a blocked answer stores nothing of the response. Aggregates are only shown for at
least ``stats.MIN_RESPONDENTS`` respondents (one place: ``stats.shown``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.outcomes import stats
from echo.outcomes.bank import BankItem, ItemBank, load_bank
from echo.outcomes.models import (
    Phase,
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyItem,
    SurveyKind,
    SurveyResponse,
    SurveyScaleScore,
)
from echo.phi import check_text
from echo.programs.models import (
    Enrollment,
    EnrollmentStatus,
    Program,
    ProgramSession,
    SessionState,
)
from echo.timeutil import utcnow
from echo.web.params import FormErrors, Invalid, decimal_number, many_lines, one_line

BANK_DIR = Path(__file__).resolve().parents[2] / "curricula" / "surveys"
DEFAULT_BANK = BANK_DIR / "peds-mh-outcomes.toml"
TEXT_LIMIT = 2000
NUMBER_LIMIT = 1_000_000
NUMBER_PLACES = 2
#: Follow-ups after completion (issue 15: practice change at 3 and 6 months).
FOLLOWUP_MONTHS = (3, 6)
DAYS_PER_MONTH = 30.4375  # 365.25 / 12


class BankProblem(Exception):
    """The shipped or chosen item bank does not load; the CLI's validator says why."""


@lru_cache(maxsize=8)
def bank_at(path: Path = DEFAULT_BANK) -> ItemBank:
    bank, problems = load_bank(path)
    if bank is None:
        raise BankProblem("; ".join(str(p) for p in problems))
    return bank


# --- creating surveys ----------------------------------------------------------------------


def title_for(kind: SurveyKind, program_title: str, followup_months: int | None = None) -> str:
    if kind == SurveyKind.followup:
        return f"{program_title}: {followup_months}-month follow-up"
    return f"{program_title}: {kind.label.lower()}"


def create_survey(
    session: Session,
    program: Program,
    kind: SurveyKind,
    bank: ItemBank,
    *,
    session_id: int | None = None,
    followup_months: int | None = None,
    by_id: int | None = None,
    items: Sequence[BankItem] | None = None,
    title: str | None = None,
) -> Survey:
    """A survey with the bank's items for its kind (or ``items``, some of them), copied so
    later bank edits never change what was asked."""
    survey = Survey(
        program_id=program.id or 0,
        kind=kind.value,
        title=title or title_for(kind, program.title, followup_months),
        bank_id=bank.id,
        bank_version=bank.version,
        session_id=session_id,
        followup_months=followup_months,
        created_by_id=by_id,
    )
    session.add(survey)
    session.flush()
    labels = {scale.id: scale.label for scale in bank.scales}
    asked = bank.items_for(kind.value) if items is None else items
    for position, item in enumerate(asked):
        session.add(_item_row(survey.id or 0, position, item, labels, kind))
    session.flush()
    return survey


def _item_row(
    survey_id: int, position: int, item: BankItem, labels: Mapping[str, str], kind: SurveyKind
) -> SurveyItem:
    return SurveyItem(
        survey_id=survey_id,
        position=position,
        key=item.id,
        text=item.text,
        type=item.type,
        moore=item.moore,
        scale=item.scale or "",
        scale_label=labels.get(item.scale or "", ""),
        topic=item.topic or "",
        points=item.points or 0,
        anchors="\n".join(item.anchors),
        choices="\n".join(item.choices),
        correct="\n".join(item.correct),
        minimum=item.minimum,
        maximum=item.maximum,
        required=item.required,
        # Retrospective pre-post is asked on the completion survey only.
        retrospective=item.retrospective and kind == SurveyKind.post,
    )


def set_up_program_surveys(
    session: Session, program: Program, bank: ItemBank, *, by_id: int | None = None
) -> list[Survey]:
    """The program's intake, completion and follow-up surveys; those it has are kept."""
    have = {(s.kind, s.followup_months) for s in program_surveys(session, program.id or 0)}
    wanted: list[tuple[SurveyKind, int | None]] = [
        (SurveyKind.pre, None),
        (SurveyKind.post, None),
        *((SurveyKind.followup, months) for months in FOLLOWUP_MONTHS),
    ]
    return [
        create_survey(session, program, kind, bank, followup_months=months, by_id=by_id)
        for kind, months in wanted
        if (kind.value, months) not in have
    ]


def program_surveys(session: Session, program_id: int) -> list[Survey]:
    order = {kind.value: index for index, kind in enumerate(SurveyKind)}
    found = session.exec(select(Survey).where(Survey.program_id == program_id)).all()
    return sorted(found, key=lambda s: (order.get(s.kind, 9), s.followup_months or 0, s.id or 0))


def items_of(session: Session, survey_id: int) -> list[SurveyItem]:
    return list(
        session.exec(
            select(SurveyItem)
            .where(SurveyItem.survey_id == survey_id)
            .order_by(col(SurveyItem.position), col(SurveyItem.id))
        ).all()
    )


def survey_by_id(session: Session, survey_id: int) -> tuple[Survey, Program] | None:
    survey = session.get(Survey, survey_id)
    if survey is None:
        return None
    program = session.get(Program, survey.program_id)
    return (survey, program) if program is not None else None


def is_invited(session: Session, survey_id: int, user_id: int, now: datetime | None = None) -> bool:
    """A follow-up is the person's to answer once it is due (its invitation says when)."""
    return (
        session.exec(
            select(SurveyInvitation.id).where(
                SurveyInvitation.survey_id == survey_id,
                SurveyInvitation.user_id == user_id,
                col(SurveyInvitation.due_at) <= (now or utcnow()),
            )
        ).first()
        is not None
    )


def response_of(session: Session, survey_id: int, user_id: int) -> SurveyResponse | None:
    return session.exec(
        select(SurveyResponse).where(
            SurveyResponse.survey_id == survey_id, SurveyResponse.user_id == user_id
        )
    ).first()


def session_has_begun(program_session: ProgramSession, now: datetime | None = None) -> bool:
    """A session's knowledge check is answered from the start of the session (in progress
    or held; never for a cancelled one)."""
    return program_session.state_at(now or utcnow()) in (
        SessionState.in_progress,
        SessionState.held,
    )


def open_surveys_for(
    session: Session, program_id: int, user_id: int, *, now: datetime | None = None
) -> list[Survey]:
    """Surveys a participant can answer now: open, not answered, not a follow-up (those
    come by invitation when due), a session's knowledge check once the session has begun."""
    answered = set(
        session.exec(
            select(SurveyResponse.survey_id).where(SurveyResponse.user_id == user_id)
        ).all()
    )
    found = [
        s
        for s in program_surveys(session, program_id)
        if s.is_open and s.kind != SurveyKind.followup and s.id not in answered
    ]
    session_ids = [s.session_id for s in found if s.session_id is not None]
    begun = (
        {
            row.id
            for row in session.exec(
                select(ProgramSession).where(col(ProgramSession.id).in_(session_ids))
            ).all()
            if session_has_begun(row, now)
        }
        if session_ids
        else set()
    )
    return [s for s in found if s.kind != SurveyKind.session or s.session_id in begun]


# --- answering ------------------------------------------------------------------------------


def field_names(item: SurveyItem) -> list[tuple[str, str]]:
    """(form field name, phase) for each answer the item asks for."""
    base = f"item-{item.id}"
    if item.retrospective:
        return [(f"{base}-before", Phase.before.value), (f"{base}-now", Phase.now.value)]
    return [(base, Phase.only.value)]


@dataclass
class ReadAnswers:
    answers: list[SurveyAnswer] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def read_answers(items: Sequence[SurveyItem], data: Mapping[str, Any]) -> ReadAnswers:
    """Each item's answer from the posted form (``data`` maps a name to its values), checked
    against the item; free text through the PHI guard."""
    found = ReadAnswers()
    for item in items:
        for name, phase in field_names(item):
            values = [v for v in data.get(name, []) if isinstance(v, str)]
            for answer in _answers_for(item, name, phase, values, found.errors):
                found.answers.append(answer)
    return found


def _answers_for(
    item: SurveyItem, name: str, phase: str, values: list[str], errors: dict[str, str]
) -> list[SurveyAnswer]:
    first = one_line(values[0]) if values else ""
    item_id = item.id or 0
    if item.type == "text":
        text = many_lines(values[0] if values else "")
        if len(text) > TEXT_LIMIT:
            errors[name] = f"Shorten this to {TEXT_LIMIT} characters."
        elif text and (checked := check_text(text)).blocked:
            errors[name] = checked.message
        elif not text and item.required:
            errors[name] = "Answer this question."
        return (
            [SurveyAnswer(response_id=0, item_id=item_id, phase=phase, text=text)] if text else []
        )
    if item.type == "multiple":
        offered = item.choice_list
        chosen = list(dict.fromkeys(one_line(v) for v in values if one_line(v)))
        if any(choice not in offered for choice in chosen):
            errors[name] = "Choose from the options shown."
            return []
        if not chosen and item.required:
            errors[name] = "Choose at least one option."
        return [SurveyAnswer(response_id=0, item_id=item_id, phase=phase, choice=c) for c in chosen]
    if not first:
        if item.required:
            errors[name] = (
                "Enter a number." if item.type == "number" else "Choose one of the options."
            )
        return []
    if item.type == "single":
        if first not in item.choice_list:
            errors[name] = "Choose one of the options."
            return []
        return [SurveyAnswer(response_id=0, item_id=item_id, phase=phase, choice=first)]
    if item.type == "likert":
        if first not in {str(point) for point in range(1, item.points + 1)}:
            errors[name] = "Choose one of the options."
            return []
        return [SurveyAnswer(response_id=0, item_id=item_id, phase=phase, number=float(first))]
    return _number_answer(item, name, phase, first, errors)


def _number_answer(
    item: SurveyItem, name: str, phase: str, text: str, errors: dict[str, str]
) -> list[SurveyAnswer]:
    """A number within the item's bounds, read by the web kit (thousands separators
    allowed, up to 2 decimal places)."""
    low = item.minimum if item.minimum is not None else 0.0
    high = item.maximum if item.maximum is not None else float(NUMBER_LIMIT)
    try:
        value = decimal_number(
            text.replace(",", ""),
            Decimal(str(low)),
            Decimal(str(high)),
            NUMBER_PLACES,
            f"Enter a number from {low:g} to {high:g}.",
        )
    except Invalid as problem:
        errors[name] = str(problem)
        return []
    return [SurveyAnswer(response_id=0, item_id=item.id or 0, phase=phase, number=float(value))]


def submit(
    session: Session,
    survey: Survey,
    user_id: int,
    data: Mapping[str, Any],
    *,
    now: datetime | None = None,
) -> SurveyResponse:
    """Store one person's answers, or raise FormErrors naming each field to fix (nothing is
    stored then). Answering the completion survey schedules the follow-ups."""
    if response_of(session, survey.id or 0, user_id) is not None:
        raise FormErrors({"form": "You have already answered this survey. Thank you."})
    if not survey.is_open:
        raise FormErrors({"form": "This survey is closed."})
    items = items_of(session, survey.id or 0)
    read = read_answers(items, data)
    if read.errors:
        raise FormErrors(read.errors)
    submitted = now or utcnow()
    response = SurveyResponse(survey_id=survey.id or 0, user_id=user_id, submitted_at=submitted)
    session.add(response)
    session.flush()
    for answer in read.answers:
        answer.response_id = response.id or 0
        session.add(answer)
    for score in scale_scores(survey, response, items, read.answers):
        session.add(score)
    invitation = session.exec(
        select(SurveyInvitation).where(
            SurveyInvitation.survey_id == survey.id, SurveyInvitation.user_id == user_id
        )
    ).first()
    if invitation is not None:
        invitation.answered_at = submitted
        session.add(invitation)
    if survey.kind == SurveyKind.post:
        schedule_followups(session, survey.program_id, user_id, submitted)
    session.flush()
    return response


def moment_of(kind: str, phase: str) -> str:
    """When a scale answer was about: "pre" on the intake survey; on the completion survey
    "before" (a retrospective item's first answer) or "now" (its second, or a plain item)."""
    return "pre" if kind == SurveyKind.pre else (phase or Phase.now.value)


def scale_scores(
    survey: Survey,
    response: SurveyResponse,
    items: Sequence[SurveyItem],
    answers: Sequence[SurveyAnswer],
) -> list[SurveyScaleScore]:
    """The response's rollup rows: the person's mean per scale and moment (models)."""
    if survey.kind not in (SurveyKind.pre, SurveyKind.post):
        return []
    scale_of = {item.id: item.scale for item in items if item.type == "likert" and item.scale}
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for answer in answers:
        if answer.item_id in scale_of and answer.number is not None:
            moment = moment_of(survey.kind, answer.phase)
            values[(scale_of[answer.item_id], moment)].append(answer.number)
    return [
        SurveyScaleScore(
            response_id=response.id or 0,
            program_id=survey.program_id,
            user_id=response.user_id,
            scale=scale,
            moment=moment,
            score=sum(found) / len(found),
        )
        for (scale, moment), found in sorted(values.items())
    ]


def schedule_followups(
    session: Session, program_id: int, user_id: int, completed_at: datetime
) -> list[SurveyInvitation]:
    made = []
    for survey in program_surveys(session, program_id):
        if survey.kind != SurveyKind.followup or survey.followup_months is None:
            continue
        exists = session.exec(
            select(SurveyInvitation).where(
                SurveyInvitation.survey_id == survey.id, SurveyInvitation.user_id == user_id
            )
        ).first()
        if exists is None:
            due = completed_at + timedelta(days=round(survey.followup_months * DAYS_PER_MONTH))
            invitation = SurveyInvitation(survey_id=survey.id or 0, user_id=user_id, due_at=due)
            session.add(invitation)
            made.append(invitation)
    session.flush()
    return made


# --- results (hub staff: aggregates only) ---------------------------------------------------


@dataclass(frozen=True)
class ItemResult:
    item: SurveyItem
    phase: str
    respondents: int
    summary: stats.Summary | None = None
    distribution: tuple[int, ...] = ()
    choice_counts: tuple[tuple[str, int], ...] = ()
    correct_share: float | None = None
    texts: tuple[str, ...] = ()

    @property
    def shown(self) -> bool:
        return stats.shown(self.respondents)


@dataclass(frozen=True)
class SurveyResults:
    survey: Survey
    respondents: int
    invited: int
    items: list[ItemResult]

    @property
    def shown(self) -> bool:
        return stats.shown(self.respondents)

    @property
    def response_rate(self) -> Any:
        return stats.response_rate(min(self.respondents, self.invited), self.invited)


def invited_count(session: Session, survey: Survey) -> int:
    """Who was asked: the follow-up's invitees, else the program's active participants."""
    if survey.kind == SurveyKind.followup:
        rows = session.exec(
            select(SurveyInvitation.id).where(
                SurveyInvitation.survey_id == survey.id, col(SurveyInvitation.sent_at).isnot(None)
            )
        ).all()
        return len(rows)
    rows = session.exec(
        select(Enrollment.id).where(
            Enrollment.program_id == survey.program_id,
            Enrollment.status == EnrollmentStatus.active.value,
        )
    ).all()
    return len(rows)


def survey_results(session: Session, survey: Survey) -> SurveyResults:
    items = items_of(session, survey.id or 0)
    rows = session.exec(
        select(SurveyAnswer, SurveyResponse.user_id)
        .join(SurveyResponse, col(SurveyResponse.id) == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == survey.id)
    ).all()
    respondents = len(
        session.exec(select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id)).all()
    )
    by_item: dict[tuple[int, str], list[tuple[SurveyAnswer, int]]] = defaultdict(list)
    for answer, user_id in rows:
        by_item[(answer.item_id, answer.phase)].append((answer, user_id))
    results = []
    for item in items:
        for _name, phase in field_names(item):
            results.append(_item_result(item, phase, by_item.get((item.id or 0, phase), [])))
    return SurveyResults(survey, respondents, invited_count(session, survey), results)


def _item_result(item: SurveyItem, phase: str, found: list[tuple[SurveyAnswer, int]]) -> ItemResult:
    people = {user_id for _, user_id in found}
    n = len(people)
    if not stats.shown(n):
        return ItemResult(item, phase, n)  # nothing of fewer than MIN_RESPONDENTS leaves here
    if item.type == "likert":
        values = [int(a.number or 0) for a, _ in found]
        return ItemResult(
            item,
            phase,
            n,
            summary=stats.summarize([float(v) for v in values]),
            distribution=stats.distribution(values, item.points),
        )
    if item.type == "number":
        return ItemResult(
            item, phase, n, summary=stats.summarize([a.number or 0.0 for a, _ in found])
        )
    if item.type in ("single", "multiple"):
        counts = {choice: 0 for choice in item.choice_list}
        for answer, _ in found:
            if answer.choice in counts:
                counts[answer.choice] += 1
        correct = set(item.correct_list)
        share = None
        if correct and item.type == "single":
            share = sum(counts[c] for c in correct if c in counts) / n
        return ItemResult(item, phase, n, choice_counts=tuple(counts.items()), correct_share=share)
    return ItemResult(item, phase, n, texts=tuple(sorted(a.text for a, _ in found)))


# --- paired change per scale ------------------------------------------------------------------


@dataclass(frozen=True)
class ScaleChange:
    scale: str
    label: str
    design: str  # "pre-post": intake vs completion; "retrospective": "before" vs "now"
    pairs: int
    change: stats.PairedChange | None
    points: int = 5  # the scale's Likert width

    @property
    def shown(self) -> bool:
        return stats.shown(self.pairs) and self.change is not None

    @property
    def design_label(self) -> str:
        return {
            "pre-post": "Intake vs completion",
            "retrospective": "Retrospective: before the series vs now",
        }[self.design]


#: The two comparisons per scale: (design, earlier moment, later moment).
DESIGNS = (("pre-post", "pre", "now"), ("retrospective", "before", "now"))


def scale_changes(session: Session, program_ids: Sequence[int]) -> list[ScaleChange]:
    """Per scale, each person's mean of the scale's Likert items, paired: intake against
    completion ("now" on retrospective items), and completion's "before" against "now".
    Scales are compared only on one Likert width (items of one scale share their points)."""
    if not program_ids:
        return []
    scope = (
        col(Survey.program_id).in_(program_ids),
        col(Survey.kind).in_([SurveyKind.pre.value, SurveyKind.post.value]),
        col(SurveyItem.type) == "likert",
        col(SurveyItem.scale) != "",
    )
    scales = session.execute(
        sa.select(
            col(SurveyItem.scale),
            sa.func.min(col(SurveyItem.scale_label)),
            sa.func.max(col(SurveyItem.points)),
        )
        .join(Survey, col(Survey.id) == SurveyItem.survey_id)
        .where(*scope)
        .group_by(col(SurveyItem.scale))
    ).all()

    # Each person's mean per scale and moment comes from the rollup kept with each response
    # (SurveyScaleScore): one row per person, program and scale with the three moments side
    # by side; a design pairs two of them.
    def at(moment: str) -> sa.ColumnElement[float]:
        return sa.func.max(
            sa.case((col(SurveyScaleScore.moment) == moment, col(SurveyScaleScore.score)))
        )

    side_by_side = (
        sa.select(col(SurveyScaleScore.scale), at("pre"), at("before"), at("now"))
        .where(col(SurveyScaleScore.program_id).in_(program_ids))
        .group_by(
            col(SurveyScaleScore.program_id),
            col(SurveyScaleScore.scale),
            col(SurveyScaleScore.user_id),
        )
    )
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for scale, pre, before, now in session.execute(side_by_side).all():
        moments = {"pre": pre, "before": before, "now": now}
        for design, earlier, later in DESIGNS:
            if moments[earlier] is not None and moments[later] is not None:
                pairs[(scale, design)].append((float(moments[earlier]), float(moments[later])))
    found = []
    for scale, label, points in sorted(scales, key=lambda row: row[1] or row[0]):
        for design, _earlier, _later in DESIGNS:
            found_pairs = pairs.get((scale, design))
            if not found_pairs:
                continue
            change = stats.paired_change(found_pairs) if stats.shown(len(found_pairs)) else None
            found.append(
                ScaleChange(scale, label or scale, design, len(found_pairs), change, points)
            )
    return found


def moore_evidence(
    session: Session, program_ids: Sequence[int], participants: int
) -> dict[str, int]:
    """People with data at each Moore level: respondents of the surveys with items at that
    level (participants for level 1)."""
    evidence: dict[str, int] = {"1": participants}
    if not program_ids:
        return evidence
    # A respondent of a survey holds data at each level its items measure (counted from the
    # responses and the surveys' levels, not from every answer: the same people, far fewer rows).
    levels = (
        sa.select(col(SurveyItem.survey_id), col(SurveyItem.moore))
        .join(Survey, col(Survey.id) == SurveyItem.survey_id)
        .where(col(Survey.program_id).in_(program_ids))
        .distinct()
        .subquery("levels")
    )
    rows = session.execute(
        sa.select(levels.c.moore, sa.func.count(sa.distinct(col(SurveyResponse.user_id))))
        .join(levels, levels.c.survey_id == SurveyResponse.survey_id)
        .group_by(levels.c.moore)
    ).all()
    for level, people in rows:
        evidence[level] = max(evidence.get(level, 0), int(people))
    return evidence
