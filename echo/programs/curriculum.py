"""Curricula and toolkit catalogs kept as TOML files: load them, or say exactly what to fix.

A hub keeps its didactic series (``[[topic]]`` tables) and its catalog of trusted
resources (``[[resource]]`` tables) in ``curricula/`` under version control; the
formats are documented in ``curricula/README.md``. Loading reports *every* problem
at once, each with file, line and field, because the people editing these files
fix them in an editor, not by trial and error; the reading and the checks every such
file shares are in ``echo.documents.toml_checks``. Pure: stdlib only (``tomllib``), no
database or HTTP, so the CLI, the import service and the tests share it.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from echo.documents.toml_checks import (
    Source,
    SourceLines,
    Span,
    StrPath,
    Table,
    by_line,
    did_you_mean,
    is_slug,
    quoted,
    read_source,
    slug_message,
)

# Shared by every checked TOML file; still imported from here by the CLI and tests.
from echo.documents.toml_checks import ValidationIssue as ValidationIssue
from echo.documents.toml_checks import read_toml as read_toml

# --- The rules: one place for each ------------------------------------------------------

#: Who gives a topic's didactic: the hub team of a pediatric mental health ECHO
#: (child psychiatrist, psychologist, social worker, pharmacist, parent partner),
#: plus the spoke clinician and the coordinator who also present.
PRESENTER_ROLES: Final = (
    "child-psychiatrist",
    "psychologist",
    "social-worker",
    "pharmacist",
    "pediatrician",
    "parent-partner",
    "care-coordinator",
)

#: Who a resource is written for.
AUDIENCES: Final = ("clinician", "family", "youth", "program-staff")

#: CME planning asks for a few focused objectives per activity; a 15-30 minute
#: didactic supports two to four.
MIN_OBJECTIVES: Final = 2
MAX_OBJECTIVES: Final = 4

#: Verbs whose result cannot be observed or assessed (Bloom's taxonomy guidance for
#: CME objectives). Multi-word forms ("be aware of", "become familiar with", "gain
#: insight") are caught by their first word.
WEAK_VERBS: Final = frozenset(
    {
        "appreciate",
        "be",
        "become",
        "believe",
        "comprehend",
        "consider",
        "cover",
        "enjoy",
        "explore",
        "familiarize",
        "familiarise",
        "feel",
        "gain",
        "grasp",
        "internalize",
        "internalise",
        "know",
        "learn",
        "realize",
        "realise",
        "see",
        "think",
        "understand",
        "value",
    }
)

#: Verbs an objective may start with: Bloom's revised taxonomy action verbs plus the
#: clinical actions primary care learners are assessed on. Extend here when a sound
#: objective is refused.
MEASURABLE_VERBS: Final = frozenset(
    {
        "adjust",
        "administer",
        "advocate",
        "analyze",
        "apply",
        "appraise",
        "arrange",
        "assess",
        "build",
        "calculate",
        "categorize",
        "choose",
        "cite",
        "classify",
        "coach",
        "code",
        "collaborate",
        "communicate",
        "compare",
        "compose",
        "conduct",
        "construct",
        "contrast",
        "coordinate",
        "counsel",
        "create",
        "critique",
        "define",
        "deliver",
        "demonstrate",
        "describe",
        "design",
        "detect",
        "determine",
        "develop",
        "differentiate",
        "discuss",
        "distinguish",
        "document",
        "educate",
        "elicit",
        "employ",
        "engage",
        "establish",
        "estimate",
        "evaluate",
        "examine",
        "explain",
        "facilitate",
        "formulate",
        "generate",
        "identify",
        "implement",
        "initiate",
        "integrate",
        "interpret",
        "justify",
        "label",
        "lead",
        "list",
        "manage",
        "match",
        "measure",
        "modify",
        "monitor",
        "name",
        "negotiate",
        "obtain",
        "order",
        "organize",
        "outline",
        "perform",
        "plan",
        "predict",
        "prepare",
        "prescribe",
        "present",
        "prioritize",
        "propose",
        "provide",
        "rank",
        "rate",
        "recall",
        "recognize",
        "recognise",
        "recommend",
        "refer",
        "report",
        "role-play",
        "score",
        "screen",
        "select",
        "solve",
        "state",
        "stratify",
        "summarize",
        "tailor",
        "taper",
        "teach",
        "titrate",
        "track",
        "translate",
        "triage",
        "use",
        "verify",
        "write",
    }
)

#: Verbs named in messages as examples of what to write instead.
EXAMPLE_VERBS: Final = "Describe, Identify, Apply, Interpret, Select or Develop"

#: Array-of-tables names that tell the two file kinds apart.
RESOURCE_TABLE: Final = "resource"
TOPIC_TABLE: Final = "topic"

#: The catalog a curriculum's resource ids refer to, next to the curriculum file.
DEFAULT_TOOLKITS_NAME: Final = "toolkits.toml"

RESOURCE_REQUIRED_KEYS: Final = ("id", "title", "publisher", "tags", "audience")
RESOURCE_LINK_KEYS: Final = ("url", "citation")  # exactly one of the two
CURRICULUM_REQUIRED_KEYS: Final = ("id", "title", "description", "version", TOPIC_TABLE)
TOPIC_REQUIRED_KEYS: Final = ("id", "title", "objectives", "presenter_role")
TOPIC_OPTIONAL_KEYS: Final = ("resources",)


# --- Results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """A trusted resource from the catalog: a canonical https link or a journal citation."""

    id: str
    title: str
    publisher: str
    url: str | None
    citation: str | None
    tags: tuple[str, ...]
    audience: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """One didactic of a series, in the order the sessions will teach it."""

    id: str
    title: str
    objectives: tuple[str, ...]
    presenter_role: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Curriculum:
    """A series of topics; ``topics`` are assigned in order to upcoming sessions."""

    id: str
    title: str
    description: str
    version: str
    topics: tuple[Topic, ...]


# --- Where things are in the source ------------------------------------------------------


class _SourceLines(SourceLines):
    """Numbers the ``[[name]]`` tables; a ``[name]`` table counts as a top-level key.

    A value is found by its quoted text from its key to the end of the table; when
    fewer are found than asked for, the last one found stands (else the key's line).
    """

    def _add_table(self, is_array: bool, name: str, span: Span) -> None:
        if is_array:
            self._tables.setdefault(name, []).append(span)
        else:
            self._root.keys.setdefault(name, span.first)

    def _value_line(self, span: Span, start: int, value: str | None, occurrence: int) -> int:
        text = (value or "").strip()
        needles = quoted(text)
        found = start
        if text:
            for number in range(start, span.last + 1):
                if any(needle in self._lines[number - 1] for needle in needles):
                    found, occurrence = number, occurrence - 1
                    if occurrence == 0:
                        break
        return found


def _read(path: StrPath) -> tuple[Source | None, list[ValidationIssue]]:
    return read_source(path, _SourceLines)


# --- Checking -----------------------------------------------------------------------------


class _Table(Table):
    """A curriculum or catalog table; fields are named by path, like ``topic[2].objectives[1]``."""

    slug_example = "suicide-prevention"
    array_tables = (RESOURCE_TABLE, TOPIC_TABLE)

    def where(self, key: str | None, item: int | None = None) -> str:
        path = f"{self.name}[{self.index}]" if self.name else ""
        if key is not None:
            path = f"{path}.{key}" if path else key
        return f"{path}[{item}]" if item is not None else path


def _objective_problem(objective: str) -> str | None:
    """Why an objective is not measurable, or None (it starts with a measurable verb)."""
    words = objective.split(maxsplit=1)
    if not words:
        return "must not be empty; say what the learner will be able to do"
    first = words[0]
    verb = first.strip(".,;:!?\"'()").lower()
    if verb in WEAK_VERBS:
        return (
            f"{first!r} cannot be observed or assessed; start with a measurable verb "
            f"such as {EXAMPLE_VERBS}"
        )
    if verb not in MEASURABLE_VERBS:
        return f"start with a measurable verb such as {EXAMPLE_VERBS} (found {first!r})"
    return None


def _check_resource(table: _Table, first_use: dict[str, tuple[int, int]]) -> Resource | None:
    table.check_keys(RESOURCE_REQUIRED_KEYS, RESOURCE_LINK_KEYS)
    resource_id = table.slug("id")
    if resource_id is not None:
        if resource_id in first_use:
            index, line = first_use[resource_id]
            table.report(
                "id",
                f"duplicate id {resource_id!r} (already used by resource[{index}] at line {line})",
            )
            resource_id = None
        else:
            first_use[resource_id] = (
                table.index,
                table.source.lines.line(table.name, table.index, "id"),
            )
    title = table.text("title")
    publisher = table.text("publisher")

    url = citation = None
    if "url" in table.data and "citation" in table.data:
        table.report(
            "citation",
            "give either url or citation, not both: a resource with a "
            "canonical https link needs no citation",
        )
    elif "url" not in table.data and "citation" not in table.data:
        table.report(
            None,
            "add url (its canonical https link) or, when no canonical link is "
            "known, citation (a journal reference); never a guessed link",
        )
    else:
        url = table.text("url")
        citation = table.text("citation")
        if url is not None:
            parts = urlsplit(url)
            if parts.scheme != "https" or not parts.netloc or any(c.isspace() for c in url):
                table.report("url", f"must be a full https:// address (found {url!r})")
                url = None

    tags = table.texts("tags")
    if tags is not None:
        if not tags:
            table.report("tags", 'add at least one tag, like ["depression", "screening"]')
        for position, tag in tags:
            if not is_slug(tag):
                table.report(
                    "tags", slug_message(tag, table.slug_example), item=position, value=tag
                )
        table.unique("tags", tags)

    audience = table.texts("audience")
    if audience is not None:
        if not audience:
            table.report("audience", "add at least one of: " + ", ".join(AUDIENCES))
        table.each_one_of("audience", audience, AUDIENCES, "an audience")
        table.unique("audience", audience)

    if (
        table.issues
        or resource_id is None
        or title is None
        or publisher is None
        or tags is None
        or audience is None
    ):
        return None
    return Resource(
        id=resource_id,
        title=title,
        publisher=publisher,
        url=url,
        citation=citation,
        tags=tuple(tag for _, tag in tags),
        audience=tuple(who for _, who in audience),
    )


def _check_toolkits(source: Source) -> tuple[dict[str, Resource], set[str], list[ValidationIssue]]:
    """The valid resources, every id the catalog mentions (valid or not), and the issues."""
    document = _Table(source, None, 0, source.data)
    document.check_keys((RESOURCE_TABLE,))
    tables = document.tables(RESOURCE_TABLE)
    resources: dict[str, Resource] = {}
    mentioned: set[str] = set()
    first_use: dict[str, tuple[int, int]] = {}
    issues = list(document.issues)
    for table in tables:
        if isinstance(table.data.get("id"), str):
            mentioned.add(str(table.data["id"]).strip())
        resource = _check_resource(table, first_use)
        if resource is not None:
            resources[resource.id] = resource
        issues.extend(table.issues)
    return resources, mentioned, by_line(issues)


def _check_topic(
    table: _Table,
    first_use: dict[str, tuple[int, int]],
    toolkits: Mapping[str, Resource],
    known_ids: Set[str] | None,
) -> Topic | None:
    table.check_keys(TOPIC_REQUIRED_KEYS, TOPIC_OPTIONAL_KEYS)
    topic_id = table.slug("id")
    if topic_id is not None:
        if topic_id in first_use:
            index, line = first_use[topic_id]
            table.report(
                "id", f"duplicate id {topic_id!r} (already used by topic[{index}] at line {line})"
            )
            topic_id = None
        else:
            first_use[topic_id] = (
                table.index,
                table.source.lines.line(table.name, table.index, "id"),
            )
    title = table.text("title")

    objectives = table.texts("objectives")
    if objectives is not None:
        if not MIN_OBJECTIVES <= len(objectives) <= MAX_OBJECTIVES:
            table.report(
                "objectives",
                f"give {MIN_OBJECTIVES} to {MAX_OBJECTIVES} objectives (found {len(objectives)})",
            )
        for position, objective in objectives:
            problem = _objective_problem(objective)
            if problem is not None:
                table.report("objectives", problem, item=position, value=objective)
        table.unique("objectives", objectives)

    role = table.one_of("presenter_role", PRESENTER_ROLES, "a presenter role")

    resource_ids = table.texts("resources") if "resources" in table.data else []
    if resource_ids is not None and known_ids is not None:
        for position, resource_id in resource_ids:
            if resource_id not in known_ids:
                table.report(
                    "resources",
                    f"unknown resource id {resource_id!r}"
                    f"{did_you_mean(resource_id, sorted(known_ids))}; add it to the "
                    "toolkits catalog or fix the id",
                    item=position,
                    value=resource_id,
                )
        table.unique("resources", resource_ids)

    if (
        table.issues
        or topic_id is None
        or title is None
        or objectives is None
        or role is None
        or resource_ids is None
        # ids the catalog mentions but could not load: reported in the catalog
        or any(resource_id not in toolkits for _, resource_id in resource_ids)
    ):
        return None
    return Topic(
        id=topic_id,
        title=title,
        objectives=tuple(objective for _, objective in objectives),
        presenter_role=role,
        resources=tuple(toolkits[resource_id] for _, resource_id in resource_ids),
    )


def _check_curriculum(
    source: Source, toolkits: Mapping[str, Resource], known_ids: Set[str] | None
) -> tuple[Curriculum | None, list[ValidationIssue]]:
    """``known_ids`` None skips the resource id check (the catalog could not be read)."""
    document = _Table(source, None, 0, source.data)
    document.check_keys(CURRICULUM_REQUIRED_KEYS)
    curriculum_id = document.slug("id")
    title = document.text("title")
    description = document.text("description")
    version = document.text("version")
    tables = document.tables(TOPIC_TABLE)
    topics: list[Topic] = []
    first_use: dict[str, tuple[int, int]] = {}
    issues = list(document.issues)
    for table in tables:
        topic = _check_topic(table, first_use, toolkits, known_ids)
        if topic is not None:
            topics.append(topic)
        issues.extend(table.issues)
    if (
        issues
        or len(topics) != len(tables)
        or curriculum_id is None
        or title is None
        or description is None
        or version is None
    ):
        return None, by_line(issues)
    return Curriculum(curriculum_id, title, description, version, tuple(topics)), []


# --- Public API ---------------------------------------------------------------------------


def load_toolkits(path: StrPath) -> tuple[dict[str, Resource], list[ValidationIssue]]:
    """The catalog's resources by id, and every issue found.

    Only resources without issues are returned; use the catalog only when the list
    of issues is empty.
    """
    source, issues = _read(path)
    if source is None:
        return {}, issues
    resources, _, issues = _check_toolkits(source)
    return resources, issues


def load_curriculum(
    path: StrPath, toolkits: Mapping[str, Resource]
) -> tuple[Curriculum | None, list[ValidationIssue]]:
    """The curriculum with its topics in order (resources resolved from ``toolkits``),
    or None and every issue found."""
    source, issues = _read(path)
    if source is None:
        return None, issues
    return _check_curriculum(source, toolkits, set(toolkits))


def validate_file(path: StrPath, toolkits_path: StrPath | None = None) -> list[ValidationIssue]:
    """Every issue in a catalog or curriculum file (empty when it is valid).

    The kind is read from the file: ``[[resource]]`` tables make a catalog,
    ``[[topic]]`` tables a curriculum. A curriculum's resource ids are checked
    against ``toolkits_path``, by default ``toolkits.toml`` in the same folder; that
    catalog's own issues are included after the curriculum's.
    """
    source, issues = _read(path)
    if source is None:
        return issues
    is_catalog = RESOURCE_TABLE in source.data
    is_curriculum = TOPIC_TABLE in source.data
    if is_catalog and is_curriculum:
        return [
            ValidationIssue(
                source.file,
                1,
                "file",
                "has both [[resource]] and [[topic]] tables; keep the catalog "
                f"({DEFAULT_TOOLKITS_NAME}) and each curriculum in separate files",
            )
        ]
    if is_catalog:
        return _check_toolkits(source)[2]
    if not is_curriculum:
        return [
            ValidationIssue(
                source.file,
                1,
                "file",
                "has no [[resource]] tables (a toolkit catalog) or [[topic]] tables "
                "(a curriculum); see curricula/README.md",
            )
        ]
    if toolkits_path is None:
        toolkits_path = Path(path).parent / DEFAULT_TOOLKITS_NAME
    catalog, catalog_issues = _read(toolkits_path)
    if catalog is None:
        _, curriculum_issues = _check_curriculum(source, {}, None)
        return curriculum_issues + catalog_issues
    resources, mentioned, catalog_issues = _check_toolkits(catalog)
    _, curriculum_issues = _check_curriculum(source, resources, mentioned)
    return curriculum_issues + catalog_issues
