"""Survey item banks kept as TOML files: load them, or say exactly what to fix.

A hub keeps the questions of its outcome surveys (``[[item]]`` tables, grouped into
``[[scale]]`` tables) in ``curricula/surveys/`` under version control; the format is
documented in ``curricula/surveys/README.md``. Each item names the level of Moore's
expanded outcomes framework it measures (Moore, Green & Gallis 2009, J Contin Educ
Health Prof 29(1):1-15) and the surveys it appears in. Loading reports *every*
problem at once, each with file, line and field, with the checks curricula use too
(``echo.documents.toml_checks``). Pure: stdlib only (``tomllib``), no database or HTTP.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Final, TypeGuard

from echo.documents.toml_checks import (
    Source,
    SourceLines,
    Span,
    StrPath,
    Table,
    ValidationIssue,
    by_line,
    quoted,
    read_source,
    type_name,
)

# --- The rules: one place for each ------------------------------------------------------

#: When a survey is given: before a series, at its end, after one session, and months
#: later (self-reported practice change, Moore level 5).
SURVEY_KINDS: Final = ("pre", "post", "session", "followup")

#: How an item is answered: a rating scale, one choice, any number of choices, a
#: number, or free text.
ITEM_TYPES: Final = ("likert", "single", "multiple", "number", "text")

#: Rating scales of 5 or 7 points, each point labelled.
LIKERT_POINTS: Final = (5, 7)

#: Moore's expanded outcomes levels: 1 participation, 2 satisfaction, 3a declarative
#: knowledge, 3b procedural knowledge, 4 competence, 5 performance, 6 patient health,
#: 7 community health.
MOORE_LEVELS: Final = ("1", "2", "3a", "3b", "4", "5", "6", "7")

#: A choice list a person can take in at a glance; more belongs in two items.
MIN_CHOICES: Final = 2
MAX_CHOICES: Final = 12

#: Surveys are answered on phones between patients: an item's text stays short.
TEXT_MAX_LENGTH: Final = 300

#: Anchors, choices and scale labels: one line each (a survey stores a list of labels
#: one per line) and short enough to store a chosen label as an answer.
LABEL_MAX_LENGTH: Final = 200

BANK_TABLE: Final = "bank"
SCALE_TABLE: Final = "scale"
ITEM_TABLE: Final = "item"

BANK_KEYS: Final = ("id", "title", "version")
SCALE_REQUIRED_KEYS: Final = ("id", "label")
SCALE_OPTIONAL_KEYS: Final = ("topic",)
ITEM_REQUIRED_KEYS: Final = ("id", "text", "type", "moore", "surveys")
ITEM_OPTIONAL_KEYS: Final = (
    "scale",
    "points",
    "anchors",
    "retrospective",
    "choices",
    "correct",
    "minimum",
    "maximum",
    "required",
    "topic",
)

#: Keys that belong to some item types only.
TYPE_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "points": ("likert",),
    "anchors": ("likert",),
    "retrospective": ("likert",),
    "choices": ("single", "multiple"),
    "correct": ("single", "multiple"),
    "minimum": ("number",),
    "maximum": ("number",),
}

#: Keys an item of a type cannot do without.
TYPE_REQUIRED_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "likert": ("points", "anchors"),
    "single": ("choices",),
    "multiple": ("choices",),
}

#: Free text is optional unless a bank says otherwise: a required essay box is the
#: question people abandon a survey on.
OPTIONAL_BY_DEFAULT: Final = ("text",)


# --- Results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scale:
    """Items reported together (e.g. self-efficacy for one topic), optionally tied to a
    curriculum topic."""

    id: str
    label: str
    topic: str | None


@dataclass(frozen=True)
class BankItem:
    """One question. Type-specific fields are empty (or None) for other types."""

    id: str
    text: str
    type: str
    moore: str
    scale: str | None
    surveys: tuple[str, ...]
    points: int | None
    anchors: tuple[str, ...]
    retrospective: bool
    choices: tuple[str, ...]
    correct: tuple[str, ...]
    minimum: int | float | None
    maximum: int | float | None
    required: bool
    topic: str | None
    line: int


@dataclass(frozen=True)
class ItemBank:
    """A bank's scales and items in file order."""

    id: str
    title: str
    version: int
    scales: tuple[Scale, ...]
    items: tuple[BankItem, ...]
    path: str

    def items_for(self, kind: str) -> tuple[BankItem, ...]:
        """The items of one survey kind in file order. A retrospective item is returned
        once; the post survey asks it twice ("before this series" and "now")."""
        if kind not in SURVEY_KINDS:
            raise ValueError(f"unknown survey kind {kind!r}; use one of: {', '.join(SURVEY_KINDS)}")
        return tuple(item for item in self.items if kind in item.surveys)


#: One problem in a bank file, as every checked TOML file reports it: ``line`` 0 means the
#: file as a whole (missing, unreadable); ``field`` says where, e.g. ``item 'x' field
#: 'points'``.
Problem = ValidationIssue


# --- Where things are in the source ------------------------------------------------------


class _Lines(SourceLines):
    """Numbers ``[name]`` tables as well as ``[[name]]`` ones (the bank is ``[bank]``).

    A value is found by its quoted text from its key to the table's next key, counting
    every time it is written on a line (``choices = ["Yes", "Yes"]``); the key's line
    when it is not found.
    """

    def _add_table(self, is_array: bool, name: str, span: Span) -> None:
        self._tables.setdefault(name, []).append(span)
        self._root.keys.setdefault(name, span.first)

    def _value_line(self, span: Span, start: int, value: str | None, occurrence: int) -> int:
        if not value:
            return start
        # The value ends where the table's next key starts.
        end = min((line for line in span.keys.values() if line > start), default=span.last + 1)
        needles = quoted(value)
        for number in range(start, end):
            found = sum(self._lines[number - 1].count(needle) for needle in needles)
            if occurrence <= found:
                return number
            occurrence -= found
        return start


# --- Reading ------------------------------------------------------------------------------


def _read(path: StrPath) -> tuple[Source | None, list[Problem]]:
    return read_source(path, _Lines)


def _is_number(value: object) -> TypeGuard[int | float]:
    """TOML integers and floats; a boolean is an int to Python but not a number here."""
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Table(Table):
    """A bank table; fields are named by the item's id, like ``item 'x' field 'points'``."""

    slug_example = "self-efficacy-depression"
    reject_empty_entries = True
    ignore_case = True

    @property
    def label(self) -> str:
        """``item 'x'`` by its id when it has one, else ``item #3`` by position."""
        if self.name is None:
            return "top level"
        if self.name == BANK_TABLE:
            return BANK_TABLE
        given = self.data.get("id")
        if isinstance(given, str) and given.strip():
            return f"{self.name} {given.strip()!r}"
        return f"{self.name} #{self.index}"

    def where(self, key: str | None, item: int | None = None) -> str:
        if key is None:
            return self.label
        key = f"{key}[{item}]" if item is not None else key
        return f"{self.label} {'key' if self.name is None else 'field'} {key!r}"

    def labels(self, key: str) -> list[tuple[int, str]] | None:
        """Like ``texts``, each entry also a label: one line, at most LABEL_MAX_LENGTH."""
        items = self.texts(key)
        for position, label in items or []:
            problem = _label_problem(label)
            if problem is not None:
                self.report(key, problem, item=position, value=label)
        return items

    def boolean(self, key: str) -> bool | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, bool):
            self.report(key, f"must be true or false (found {type_name(value)})")
            return None
        return value

    def number(self, key: str) -> int | float | None:
        if key not in self.data:
            return None
        value = self.data[key]
        if not _is_number(value):
            self.report(key, f"must be a number (found {type_name(value)})")
            return None
        return value

    def unique_id(self, first_use: dict[str, int]) -> str | None:
        """The table's id, reported when an earlier table of the same kind has it."""
        table_id = self.slug("id")
        if table_id is None:
            return None
        line = self.source.lines.line(self.name, self.index, "id")
        if table_id in first_use:
            self.report(
                "id", f"duplicate id {table_id!r} (already used at line {first_use[table_id]})"
            )
            return None
        first_use[table_id] = line
        return table_id

    def topic(self, topic_ids: Collection[str] | None) -> str | None:
        """A curriculum topic id; checked against ``topic_ids`` when they are given."""
        topic = self.slug("topic")
        if topic is not None and topic_ids is not None and topic not in topic_ids:
            self.report(
                "topic",
                f"unknown topic {topic!r}{self.suggest(topic, sorted(topic_ids))}; "
                "use a topic id of the curriculum",
            )
            return None
        return topic


def _label_problem(label: str) -> str | None:
    if "\n" in label or "\r" in label:
        return "must be one line (no line breaks)"
    if len(label) > LABEL_MAX_LENGTH:
        return f"must be at most {LABEL_MAX_LENGTH} characters (found {len(label)})"
    return None


def _length(value: object) -> int:
    """Entries of an array value (counted as written, bad entries included)."""
    return len(value) if isinstance(value, list) else 0


def _phrase(types: Sequence[str]) -> str:
    return " and ".join(types)


def _check_bank(document: _Table) -> tuple[str | None, str | None, int | None, list[Problem]]:
    value = document.data.get(BANK_TABLE)
    if value is None:
        return None, None, None, []  # reported with the other top-level keys
    if not isinstance(value, dict):
        document.report(
            BANK_TABLE, f"write it as one [bank] table (single brackets; found {type_name(value)})"
        )
        return None, None, None, []
    table = _Table(document.source, BANK_TABLE, 1, value)
    table.check_keys(BANK_KEYS)
    bank_id = table.slug("id")
    title = table.text("title")
    version = table.data.get("version")
    if "version" in table.data:
        if not isinstance(version, int) or isinstance(version, bool):
            table.report("version", f"must be a whole number like 1 (found {type_name(version)})")
            version = None
        elif version < 1:
            table.report("version", f"must be 1 or more (found {version})")
            version = None
    return bank_id, title, version if isinstance(version, int) else None, table.issues


def _check_scale(
    table: _Table, first_use: dict[str, int], topic_ids: Collection[str] | None
) -> Scale | None:
    table.check_keys(SCALE_REQUIRED_KEYS, SCALE_OPTIONAL_KEYS)
    scale_id = table.unique_id(first_use)
    label = table.text("label")
    problem = None if label is None else _label_problem(label)
    if problem is not None:
        table.report("label", problem)
    topic = table.topic(topic_ids)
    if table.issues or scale_id is None or label is None:
        return None
    return Scale(scale_id, label, topic)


def _check_item(
    table: _Table,
    first_use: dict[str, int],
    scale_ids: Set[str],
    topic_ids: Collection[str] | None,
) -> BankItem | None:
    """``scale_ids``: every id the [[scale]] tables give, valid or not (a bad scale is
    reported once, at the scale)."""
    table.check_keys(ITEM_REQUIRED_KEYS, ITEM_OPTIONAL_KEYS)
    item_id = table.unique_id(first_use)
    text = table.text("text")
    if text is not None and len(text) > TEXT_MAX_LENGTH:
        table.report("text", f"must be at most {TEXT_MAX_LENGTH} characters (found {len(text)})")
    item_type = table.one_of("type", ITEM_TYPES, "an item type")

    moore: str | None = None
    if _is_number(table.data.get("moore")):  # moore = 4: the levels include "3a" and "3b"
        table.report("moore", f'must be a string like "4" (found {type_name(table.data["moore"])})')
    else:
        moore = table.one_of("moore", MOORE_LEVELS, "a Moore level")

    surveys = table.texts("surveys")
    if surveys is not None:
        if _length(table.data["surveys"]) == 0:
            table.report("surveys", "list at least one of: " + ", ".join(SURVEY_KINDS))
        table.each_one_of("surveys", surveys, SURVEY_KINDS, "a survey kind")
        table.unique("surveys", surveys)
    kinds = tuple(kind for _, kind in surveys or [])

    scale = table.text("scale")
    if scale is not None and scale not in scale_ids:
        table.report(
            "scale",
            f"unknown scale {scale!r}{table.suggest(scale, sorted(scale_ids))}; "
            "add a [[scale]] with this id or fix the id",
        )
    topic = table.topic(topic_ids)

    points: int | None = None
    anchors: list[tuple[int, str]] | None = None
    retrospective: bool | None = None
    choices: list[tuple[int, str]] | None = None
    correct: list[tuple[int, str]] | None = None
    minimum: int | float | None = None
    maximum: int | float | None = None
    if item_type is not None:
        for key, types in TYPE_KEYS.items():
            if key in table.data and item_type not in types:
                table.report(
                    key, f"only for {_phrase(types)} items (this item's type is {item_type!r})"
                )
        for key in TYPE_REQUIRED_KEYS.get(item_type, ()):
            if key not in table.data:
                table.report(key, f"missing; {item_type} items need it")
        if item_type == "likert":
            points, anchors, retrospective = _check_likert(table, kinds)
        elif item_type in ("single", "multiple"):
            choices, correct = _check_choices(table, item_type)
        elif item_type == "number":
            minimum, maximum = table.number("minimum"), table.number("maximum")
            if minimum is not None and maximum is not None and minimum > maximum:
                table.report("minimum", f"is greater than maximum ({minimum} > {maximum})")
    required = table.boolean("required")

    if (
        table.issues
        or item_id is None
        or text is None
        or item_type is None
        or moore is None
        or surveys is None
    ):
        return None
    return BankItem(
        id=item_id,
        text=text,
        type=item_type,
        moore=moore,
        scale=scale,
        surveys=kinds,
        points=points,
        anchors=tuple(anchor for _, anchor in anchors or []),
        retrospective=bool(retrospective),
        choices=tuple(choice for _, choice in choices or []),
        correct=tuple(answer for _, answer in correct or []),
        minimum=minimum,
        maximum=maximum,
        required=item_type not in OPTIONAL_BY_DEFAULT if required is None else required,
        topic=topic,
        line=table.source.lines.line(table.name, table.index),
    )


def _check_likert(
    table: _Table, kinds: tuple[str, ...]
) -> tuple[int | None, list[tuple[int, str]] | None, bool | None]:
    points: int | None = None
    if "points" in table.data:
        value = table.data["points"]
        if not isinstance(value, int) or isinstance(value, bool):
            table.report("points", f"must be 5 or 7 (found {type_name(value)})")
        elif value not in LIKERT_POINTS:
            table.report("points", "must be 5 or 7")
        else:
            points = value
    anchors = table.labels("anchors")
    if anchors is not None:
        count = _length(table.data["anchors"])
        if points is not None and count != points:
            table.report(
                "anchors",
                f"give exactly {points} labels, one per point from lowest to highest "
                f"(found {count})",
            )
        table.unique("anchors", anchors)
    retrospective = table.boolean("retrospective")
    if retrospective and "surveys" in table.data and "post" not in kinds:
        table.report(
            "retrospective",
            'needs "post" in surveys: a retrospective item is asked on the post survey, '
            'for "before this series" and for "now"',
        )
    return points, anchors, retrospective


def _check_choices(
    table: _Table, item_type: str
) -> tuple[list[tuple[int, str]] | None, list[tuple[int, str]] | None]:
    choices = table.labels("choices")
    if choices is not None:
        count = _length(table.data["choices"])
        if not MIN_CHOICES <= count <= MAX_CHOICES:
            table.report("choices", f"give {MIN_CHOICES} to {MAX_CHOICES} choices (found {count})")
        table.unique("choices", choices)
    correct = table.texts("correct")
    if correct is not None:
        count = _length(table.data["correct"])
        if count == 0:
            table.report(
                "correct", "list the right answer, or leave correct out when there is none"
            )
        if choices is not None:
            labels = [label for _, label in choices]
            for position, answer in correct:
                if answer not in labels:
                    table.report(
                        "correct",
                        f"{answer!r} is not one of the choices{table.suggest(answer, labels)}",
                        item=position,
                        value=answer,
                    )
        table.unique("correct", correct)
        if item_type == "single" and count > 1:
            table.report(
                "correct",
                f"a single-choice item has one right answer (found {count}); "
                'keep one or make it type = "multiple"',
            )
    return choices, correct


def _check(
    source: Source, topic_ids: Collection[str] | None
) -> tuple[ItemBank | None, list[Problem]]:
    document = _Table(source, None, 0, source.data)
    for key, message in (
        (BANK_TABLE, "missing; add a [bank] table with id, title and version"),
        (ITEM_TABLE, "missing; add at least one [[item]] table"),
    ):
        if key not in source.data:
            document.report(key, message)
    allowed = (BANK_TABLE, SCALE_TABLE, ITEM_TABLE)
    for key in source.data:
        if key not in allowed:
            document.report(
                key,
                f"unknown key{document.suggest(key, allowed)}; "
                "allowed: [bank], [[scale]], [[item]]",
            )
    bank_id, title, version, problems = _check_bank(document)

    scale_tables = document.tables(SCALE_TABLE)
    item_tables = document.tables(ITEM_TABLE)
    scale_ids = {
        str(table.data["id"]).strip()
        for table in scale_tables
        if isinstance(table.data.get("id"), str)
    }
    scales: list[Scale] = []
    first_use: dict[str, int] = {}
    for table in scale_tables:
        scale = _check_scale(table, first_use, topic_ids)
        if scale is not None:
            scales.append(scale)
        problems.extend(table.issues)
    items: list[BankItem] = []
    first_use = {}
    for table in item_tables:
        item = _check_item(table, first_use, scale_ids, topic_ids)
        if item is not None:
            items.append(item)
        problems.extend(table.issues)
    problems = by_line([*document.issues, *problems])
    if (
        problems
        or bank_id is None
        or title is None
        or version is None
        or len(scales) != len(scale_tables)
        or len(items) != len(item_tables)
    ):
        return None, problems
    return ItemBank(bank_id, title, version, tuple(scales), tuple(items), source.file), []


# --- Public API ---------------------------------------------------------------------------


def load_bank(
    path: StrPath, topic_ids: Collection[str] | None = None
) -> tuple[ItemBank | None, list[Problem]]:
    """The bank, or None and every problem in file order.

    Topic ids (of items and scales) are checked against ``topic_ids`` only when given,
    e.g. the topic ids of the curriculum the bank is used with.
    """
    source, problems = _read(path)
    if source is None:
        return None, problems
    return _check(source, topic_ids)
