"""Checking TOML files people edit by hand: every problem at once, with file, line and field.

Curricula, toolkit catalogs and survey item banks are kept as TOML under version control
and fixed in an editor, so each loader reports all it finds, each with its line. The
reading, line finding and table checks they share live here; each format keeps its own
rules and wording. Pure: stdlib only (``tomllib``), no database or HTTP.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Final, Self, TypeAlias

StrPath: TypeAlias = str | os.PathLike[str]

#: Ids and tags: lowercase words joined by single hyphens (same rule as program slugs).
SLUG_PATTERN: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
SLUG_MAX_LENGTH: Final = 60


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

_HEADER: Final = re.compile(
    r"\s*(\[\[?)\s*([A-Za-z0-9_-]+(?:\s*\.\s*[A-Za-z0-9_-]+)*)\s*\]\]?\s*(?:#.*)?"
)
_KEY: Final = re.compile(r"""\s*(?:([A-Za-z0-9_-]+)|"([^"\\]*)"|'([^']*)')\s*[.=]""")


@dataclass
class Span:
    """A table's lines (header to the line before the next header) and its keys' lines."""

    first: int
    last: int
    keys: dict[str, int] = field(default_factory=dict)


class SourceLines(ABC):
    """Line numbers of tables and keys in a TOML text, found by scanning the text.

    ``tomllib`` returns plain dicts without positions, so this records the header line
    of each table in order and, inside every table, the line of each ``key =``.
    Anything it cannot place falls back to the table's header line (or, for top-level
    keys, line 1). Only ever used on text ``tomllib`` accepted. Formats differ in which
    tables they number and how a value is found, so those two steps are left to them.
    """

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._root = Span(1, max(len(self._lines), 1))
        self._tables: dict[str, list[Span]] = {}
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
                current = Span(number, len(self._lines))
                names = [name.strip() for name in header.group(2).split(".")]
                if len(names) == 1:
                    self._add_table(header.group(1) == "[[", names[0], current)
                elif names[0] in self._tables:  # [item.extra] after [[item]]: a key of it
                    self._tables[names[0]][-1].keys.setdefault(names[1], number)
                continue
            key = _KEY.match(line)
            if key:
                current.keys.setdefault(next(g for g in key.groups() if g is not None), number)
            open_string = _opens_multiline_string(line)

    @abstractmethod
    def _add_table(self, is_array: bool, name: str, span: Span) -> None:
        """Record a ``[name]`` or ``[[name]]`` header."""

    @abstractmethod
    def _value_line(self, span: Span, start: int, value: str | None, occurrence: int) -> int:
        """Line of the ``occurrence``-th ``value`` of the key on line ``start``."""

    def line(
        self,
        table: str | None,
        index: int,
        key: str | None = None,
        value: str | None = None,
        occurrence: int = 1,
    ) -> int:
        """Line of ``key`` in the ``index``-th (1-based) ``table`` (the top level when
        None), or of the ``occurrence``-th string ``value`` inside that key."""
        if table is None:
            span: Span | None = self._root
        else:
            spans = self._tables.get(table, [])
            span = spans[index - 1] if 0 < index <= len(spans) else None
        if span is None:  # e.g. `item = [{...}]` inline: point at the array
            return self._root.keys.get(table or "", 1)
        if key is None or key not in span.keys:
            return span.first
        return self._value_line(span, span.keys[key], value, occurrence)


def quoted(value: str) -> tuple[str, ...]:
    """How a string value is written: a short one with either quote, a long one by its start."""
    return (f'"{value}"', f"'{value}'") if len(value) <= 40 else (f'"{value[:40]}',)


def _opens_multiline_string(line: str) -> str | None:
    """The triple quote a line leaves open (``key = \"\"\"`` starts a multi-line string)."""
    for delimiter in ('"""', "'''"):
        if line.count(delimiter) % 2 == 1:
            return delimiter
    return None


# --- Reading ------------------------------------------------------------------------------

_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


@dataclass(frozen=True)
class Source:
    """A file that parsed: its name for issues, its data, and where things are in it."""

    file: str
    data: Mapping[str, object]
    lines: SourceLines


def read_toml(
    path: StrPath,
) -> tuple[tuple[str, Mapping[str, object]] | None, list[ValidationIssue]]:
    """A TOML file's text and data, or the one issue that stops it being read (missing,
    unreadable, not UTF-8, invalid TOML with its line): for every TOML file Echo checks
    (curricula, toolkits, survey item banks)."""
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
    return (text, data), []


def read_source(
    path: StrPath, lines: Callable[[str], SourceLines]
) -> tuple[Source | None, list[ValidationIssue]]:
    """``read_toml`` with the format's line finder run over the text."""
    found, issues = read_toml(path)
    if found is None:
        return None, issues
    text, data = found
    return Source(os.fspath(path), data, lines(text)), []


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
class Table(ABC):
    """One table being checked, and the issues found in it.

    A format subclasses it to name fields its way (``where``) and to set the choices
    below; the checks themselves, and so their messages, are the same for every format.
    """

    source: Source
    name: str | None  # the table's name, or None for the top level
    index: int  # 1-based position among the file's tables of that name
    data: Mapping[str, object]
    issues: list[ValidationIssue] = field(default_factory=list)

    #: A good slug of the format, shown in the message for a bad one.
    slug_example: ClassVar[str]
    #: Required keys that are arrays of tables: "add at least one [[name]] table".
    array_tables: ClassVar[tuple[str, ...]] = ()
    #: Whether an empty string in an array is reported (and left out) by ``texts``.
    reject_empty_entries: ClassVar[bool] = False
    #: Whether a difference in case only ("3A", "Likert") counts as close in suggestions.
    ignore_case: ClassVar[bool] = False

    @abstractmethod
    def where(self, key: str | None, item: int | None = None) -> str:
        """The field an issue names: the table, a key, or an entry of an array key."""

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
        self.issues.append(ValidationIssue(self.source.file, line, self.where(key, item), message))

    def suggest(self, value: str, choices: Sequence[str]) -> str:
        return did_you_mean(value, choices, ignore_case=self.ignore_case)

    def check_keys(self, required: Sequence[str], optional: Sequence[str] = ()) -> None:
        allowed = (*required, *optional)
        for key in required:
            if key in self.array_tables and key not in self.data:
                self.report(key, f"missing; add at least one [[{key}]] table")
            elif key not in self.data:
                self.report(key, "missing; add it to this table")
        for key in self.data:
            if key not in allowed:
                self.report(
                    key,
                    f"unknown key{self.suggest(key, allowed)}; allowed keys: " + ", ".join(allowed),
                )

    def text(self, key: str) -> str | None:
        """A non-empty string value, or None (a missing one is reported by check_keys)."""
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, str):
            self.report(key, f"must be a string (found {type_name(value)})")
            return None
        if not value.strip():
            self.report(key, "must not be empty")
            return None
        return value.strip()

    def slug(self, key: str) -> str | None:
        value = self.text(key)
        if value is not None and not is_slug(value):
            self.report(key, slug_message(value, self.slug_example))
            return None
        return value

    def one_of(self, key: str, allowed: Sequence[str], noun: str) -> str | None:
        value = self.text(key)
        if value is not None and value not in allowed:
            self.report(key, self._not_one_of(value, allowed, noun))
            return None
        return value

    def each_one_of(
        self, key: str, items: list[tuple[int, str]], allowed: Sequence[str], noun: str
    ) -> None:
        """Report each entry of an array value (from ``texts``) that is not in ``allowed``."""
        for position, value in items:
            if value not in allowed:
                self.report(key, self._not_one_of(value, allowed, noun), item=position, value=value)

    def _not_one_of(self, value: str, allowed: Sequence[str], noun: str) -> str:
        return f"{value!r} is not {noun}{self.suggest(value, allowed)}; use one of: " + ", ".join(
            allowed
        )

    def texts(self, key: str) -> list[tuple[int, str]] | None:
        """The strings of an array value with their 1-based positions."""
        if key not in self.data:
            return None
        value = self.data[key]
        if not isinstance(value, list):
            self.report(
                key, f'must be an array of strings like ["a", "b"] (found {type_name(value)})'
            )
            return None
        items: list[tuple[int, str]] = []
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str):
                self.report(key, f"must be a string (found {type_name(item)})", item=position)
            elif self.reject_empty_entries and not item.strip():
                self.report(key, "must not be empty", item=position)
            else:
                items.append((position, item.strip()))
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

    def tables(self, name: str) -> list[Self]:
        """The ``[[name]]`` tables under this one; anything else under that key is reported."""
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.report(name, f"write each entry as a [[{name}]] table (double brackets)")
            return []
        if not value:
            self.report(name, f"add at least one [[{name}]] table")
        tables: list[Self] = []
        for index, entry in enumerate(value, start=1):
            table = type(self)(self.source, name, index, entry if isinstance(entry, dict) else {})
            if isinstance(entry, dict):
                tables.append(table)
            else:
                table.report(None, f"must be a [[{name}]] table (found {type_name(entry)})")
                self.issues.extend(table.issues)
        return tables


def type_name(value: object) -> str:
    """A TOML value's type as the files' documentation names it."""
    names = {bool: "boolean", int: "integer", float: "float", str: "string", list: "array"}
    return names.get(type(value), "table" if isinstance(value, dict) else "date/time")


def is_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(value)) and len(value) <= SLUG_MAX_LENGTH


def slug_message(value: str, example: str) -> str:
    return (
        f"{value!r} is not a slug: use lowercase letters, digits and single hyphens "
        f"(at most {SLUG_MAX_LENGTH} characters), like {example!r}"
    )


def did_you_mean(value: str, choices: Sequence[str], *, ignore_case: bool = False) -> str:
    """A close choice to suggest, or ""; with ``ignore_case`` a difference in case only
    counts as close (difflib alone misses "3A" for "3a")."""
    same = [choice for choice in choices if choice.lower() == value.lower()] if ignore_case else []
    close = same or difflib.get_close_matches(value, choices, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def by_line(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    """File order, so a person can fix them top to bottom (stable for one line)."""
    return sorted(issues, key=lambda issue: issue.line)
