"""Curricula and toolkit catalogs kept as TOML files: load them, or say exactly what to fix.

A hub keeps its didactic series (``[[topic]]`` tables) and its catalog of trusted
resources (``[[resource]]`` tables) in ``curricula/`` under version control; the
formats are documented in ``curricula/README.md``. Loading reports *every* problem
at once, each with file, line and field, because the people editing these files
fix them in an editor, not by trial and error. Pure: stdlib only (``tomllib``), no
database or HTTP, so the CLI, the import service and the tests share it.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, TypeAlias
from urllib.parse import urlsplit

StrPath: TypeAlias = str | os.PathLike[str]

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

#: Ids and tags: lowercase words joined by single hyphens (same rule as program slugs).
SLUG_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX_LENGTH: Final = 60

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


@dataclass(frozen=True)
class ValidationIssue:
    """One problem in a file. ``line`` 0 means the file as a whole (missing, unreadable)."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


# --- Where things are in the source ------------------------------------------------------

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*\]\]?\s*(?:#.*)?")
_KEY = re.compile(r"""\s*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')\s*[.=]""")


@dataclass
class _Span:
    first: int
    last: int
    keys: dict[str, int] = field(default_factory=dict)


class _SourceLines:
    """Line numbers of tables and keys in a TOML text, found by scanning the text.

    ``tomllib`` returns plain dicts without positions, so this records the header
    line of each ``[[name]]`` table in order and, inside every table, the line of
    each ``key =``. Anything it cannot place falls back to the table's header line
    (or, for top-level keys, line 1). Only ever used on text ``tomllib`` accepted.
    """

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._root = _Span(1, max(len(self._lines), 1))
        self._tables: dict[str, list[_Span]] = {}
        current = self._root
        open_string: str | None = None
        for number, line in enumerate(self._lines, start=1):
            if open_string is not None:  # inside a multi-line string: no keys or headers
                if open_string in line:
                    open_string = None
                continue
            header = _HEADER.fullmatch(line)
            if header:
                current.last = number - 1
                current = _Span(number, len(self._lines))
                self._add_table(header.group(1) == "[[", header.group(2), current)
                continue
            key = _KEY.match(line)
            if key:
                current.keys.setdefault(next(g for g in key.groups() if g is not None), number)
            open_string = _opens_multiline_string(line)

    def _add_table(self, is_array: bool, dotted_name: str, span: _Span) -> None:
        names = [name.strip() for name in dotted_name.split(".")]
        if is_array and len(names) == 1:
            self._tables.setdefault(names[0], []).append(span)
        elif len(names) == 1:
            self._root.keys.setdefault(names[0], span.first)
        elif names[0] in self._tables:  # [topic.extra] after [[topic]]: a key of that topic
            self._tables[names[0]][-1].keys.setdefault(names[1], span.first)

    def line(
        self,
        table: str | None = None,
        index: int = 0,
        key: str | None = None,
        value: str | None = None,
        occurrence: int = 1,
    ) -> int:
        """Line of ``key`` in the ``index``-th (1-based) ``[[table]]`` (the top level when
        ``table`` is None), or of the ``occurrence``-th string ``value`` inside that key."""
        if table is None:
            span: _Span | None = self._root
        else:
            spans = self._tables.get(table, [])
            span = spans[index - 1] if 0 < index <= len(spans) else None
        if span is None:  # e.g. `topic = [{...}]` inline: point at the array
            return self._root.keys.get(table or "", 1)
        if key is None or key not in span.keys:
            return span.first
        start = span.keys[key]
        # A short value is matched with both quotes, a long one by its start.
        text = (value or "").strip()
        needles = (f'"{text}"', f"'{text}'") if len(text) <= 40 else (f'"{text[:40]}',)
        found = start
        if text:
            for number in range(start, span.last + 1):
                if any(needle in self._lines[number - 1] for needle in needles):
                    found, occurrence = number, occurrence - 1
                    if occurrence == 0:
                        break
        return found


def _opens_multiline_string(line: str) -> str | None:
    """The triple quote a line leaves open (``key = \"\"\"`` starts a multi-line string)."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2 == 1:
            return delimiter
    return None


# --- Reading ------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


@dataclass(frozen=True)
class _Source:
    file: str
    data: Mapping[str, object]
    lines: _SourceLines


def _read(path: StrPath) -> tuple[_Source | None, list[ValidationIssue]]:
    file = os.fspath(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        return None, [ValidationIssue(file, 0, "file", "not found; check the path")]
    except OSError as error:
        return None, [ValidationIssue(file, 0, "file", f"cannot be read ({error.strerror})")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [ValidationIssue(file, line, "file", "is not UTF-8 text; save it as UTF-8")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, [_syntax_issue(file, text, error)]
    return _Source(file, data, _SourceLines(text)), []


def _syntax_issue(file: str, text: str, error: tomllib.TOMLDecodeError) -> ValidationIssue:
    """tomllib puts the position only in its message: "... (at line N, column M)"."""
    message = str(error)
    position = _TOML_POSITION.search(message)
    if position is None:
        return ValidationIssue(file, 1, "syntax", f"invalid TOML: {message}")
    reason = message[: position.start()]
    if position.group(1) is None:  # "(at end of document)"
        return ValidationIssue(
            file, max(len(text.splitlines()), 1), "syntax", f"invalid TOML: {reason} at end of file"
        )
    return ValidationIssue(
        file,
        int(position.group(1)),
        "syntax",
        f"invalid TOML: {reason} (column {position.group(2)})",
    )


# --- Checking -----------------------------------------------------------------------------


@dataclass
class _Table:
    """One table being checked: the field names and lines its issues point at."""

    source: _Source
    name: str | None  # RESOURCE_TABLE, TOPIC_TABLE, or None for the top level
    index: int  # 1-based position among the file's [[name]] tables
    data: Mapping[str, object]
    issues: list[ValidationIssue] = field(default_factory=list)

    def field(self, key: str | None = None, item: int | None = None) -> str:
        path = f"{self.name}[{self.index}]" if self.name else ""
        if key is not None:
            path = f"{path}.{key}" if path else key
        return f"{path}[{item}]" if item is not None else path

    def report(
        self,
        key: str | None,
        message: str,
        *,
        item: int | None = None,
        value: str | None = None,
        occurrence: int = 1,
    ) -> None:
        line = self.source.lines.line(self.name, self.index, key, value, occurrence)
        self.issues.append(ValidationIssue(self.source.file, line, self.field(key, item), message))

    def check_keys(self, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        allowed = (*required, *optional)
        for key in required:
            if key in (RESOURCE_TABLE, TOPIC_TABLE) and key not in self.data:
                self.report(key, f"missing; add at least one [[{key}]] table")
            elif key not in self.data:
                self.report(key, "missing; add it to this table")
        for key in self.data:
            if key not in allowed:
                self.report(
                    key,
                    f"unknown key{_did_you_mean(key, allowed)}; allowed keys: "
                    + ", ".join(allowed),
                )

    def text(self, key: str) -> str | None:
        """A non-empty string value, or None (missing ones are reported by check_keys)."""
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.report(key, f"must be a string (found {_type_name(value)})")
            return None
        if not value.strip():
            self.report(key, "must not be empty")
            return None
        return value.strip()

    def slug(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not _is_slug(value):
            self.report(key, _slug_message(value))
            return None
        return value

    def texts(self, key: str) -> list[tuple[int, str]] | None:
        """The strings of an array value with their 1-based positions."""
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, list):
            self.report(
                key, f'must be an array of strings like ["a", "b"] (found {_type_name(value)})'
            )
            return None
        items: list[tuple[int, str]] = []
        for position, item in enumerate(value, start=1):
            if isinstance(item, str):
                items.append((position, item.strip()))
            else:
                self.report(key, f"must be a string (found {_type_name(item)})", item=position)
        return items

    def unique(self, key: str, items: list[tuple[int, str]]) -> None:
        seen: dict[str, int] = {}
        for position, item in items:
            seen[item] = seen.get(item, 0) + 1
            if seen[item] > 1:
                self.report(
                    key,
                    f"{item!r} is listed twice",
                    item=position,
                    value=item,
                    occurrence=seen[item],
                )


def _type_name(value: object) -> str:
    names = {bool: "boolean", int: "integer", float: "float", str: "string", list: "array"}
    return names.get(type(value), "table" if isinstance(value, dict) else "date/time")


def _is_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(value)) and len(value) <= SLUG_MAX_LENGTH


def _slug_message(value: str) -> str:
    return (
        f"{value!r} is not a slug: use lowercase letters, digits and single hyphens "
        f"(at most {SLUG_MAX_LENGTH} characters), like 'suicide-prevention'"
    )


def _did_you_mean(value: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _tables(parent: _Table, name: str) -> list[_Table]:
    """The ``[[name]]`` tables of a file; anything else under that key is reported."""
    value = parent.data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        parent.report(name, f"write each entry as a [[{name}]] table (double brackets)")
        return []
    if not value:
        parent.report(name, f"add at least one [[{name}]] table")
    tables: list[_Table] = []
    for index, item in enumerate(value, start=1):
        table = _Table(parent.source, name, index, item if isinstance(item, dict) else {})
        if isinstance(item, dict):
            tables.append(table)
        else:
            table.report(None, f"must be a [[{name}]] table (found {_type_name(item)})")
            parent.issues.extend(table.issues)
    return tables


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
            if not _is_slug(tag):
                table.report("tags", _slug_message(tag), item=position, value=tag)
        table.unique("tags", tags)

    audience = table.texts("audience")
    if audience is not None:
        if not audience:
            table.report("audience", "add at least one of: " + ", ".join(AUDIENCES))
        for position, who in audience:
            if who not in AUDIENCES:
                table.report(
                    "audience",
                    f"{who!r} is not an audience{_did_you_mean(who, AUDIENCES)}; use one of: "
                    + ", ".join(AUDIENCES),
                    item=position,
                    value=who,
                )
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


def _check_toolkits(source: _Source) -> tuple[dict[str, Resource], set[str], list[ValidationIssue]]:
    """The valid resources, every id the catalog mentions (valid or not), and the issues."""
    document = _Table(source, None, 0, source.data)
    document.check_keys((RESOURCE_TABLE,))
    tables = _tables(document, RESOURCE_TABLE)
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
    return resources, mentioned, _by_line(issues)


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

    role = table.text("presenter_role")
    if role is not None and role not in PRESENTER_ROLES:
        table.report(
            "presenter_role",
            f"{role!r} is not a presenter role"
            f"{_did_you_mean(role, PRESENTER_ROLES)}; use one of: " + ", ".join(PRESENTER_ROLES),
        )
        role = None

    resource_ids = table.texts("resources") if "resources" in table.data else []
    if resource_ids is not None and known_ids is not None:
        for position, resource_id in resource_ids:
            if resource_id not in known_ids:
                table.report(
                    "resources",
                    f"unknown resource id {resource_id!r}"
                    f"{_did_you_mean(resource_id, sorted(known_ids))}; add it to the "
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
    source: _Source, toolkits: Mapping[str, Resource], known_ids: Set[str] | None
) -> tuple[Curriculum | None, list[ValidationIssue]]:
    """``known_ids`` None skips the resource id check (the catalog could not be read)."""
    document = _Table(source, None, 0, source.data)
    document.check_keys(CURRICULUM_REQUIRED_KEYS)
    curriculum_id = document.slug("id")
    title = document.text("title")
    description = document.text("description")
    version = document.text("version")
    tables = _tables(document, TOPIC_TABLE)
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
        return None, _by_line(issues)
    return Curriculum(curriculum_id, title, description, version, tuple(topics)), []


def _by_line(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """File order, so a person can fix them top to bottom (stable for one line)."""
    return sorted(issues, key=lambda issue: issue.line)


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
