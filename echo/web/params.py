"""Typed parsing of request values: one place for every rule about what input may be.

Every value from a path, a query string or a form passes through here: bounded, typed,
and when it is wrong, a message for the person, shown next to the field (a view answers
422 with the form kept, or 404 for a path). Nothing here touches HTTP or the database,
so domains can declare their forms with it and tests can check it alone.

A form is a pydantic model whose fields are annotated with the parsers below::

    class MoveForm(Form):
        date: Annotated[date, calendar_date()]
        time: Annotated[time, clock_time()]
        duration_minutes: Annotated[int, whole_number(5, 480)]

    values = MoveForm.parse(ctx.form)  # or FormErrors({"date": "Enter ...", ...})
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Mapping
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar, Protocol, Self, get_args, get_origin, runtime_checkable

from pydantic import BaseModel, BeforeValidator, ConfigDict, HttpUrl, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from echo.timeutil import is_known_time_zone, utcnow

# Ids are INTEGER columns: PostgreSQL's integer is 32-bit, so larger ids name nothing.
MAX_ID = 2**31 - 1
# Dates people type: from 2000 (before any session Echo can hold) to ten years ahead.
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10
# Longest ASCII number the parsers look at; longer input is refused before int() runs.
MAX_DIGITS = 18

# Codes people read off a screen or paper (session check-in, certificates): no 0/O,
# 1/I/L, 2/Z, 5/S, 6/G or 8/B look-alikes.
UNAMBIGUOUS_CHARACTERS = "ACDEFGHJKMNPQRTUVWXY3479"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ASCII_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_ASCII_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", re.ASCII)
_CLOCK = re.compile(r"([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?", re.ASCII)
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")


class FormErrors(Exception):
    """Invalid input: ``errors`` maps a field name to a message saying what to do."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


class Invalid(ValueError):
    """One value is wrong; the message says what to enter instead."""


# --- text -----------------------------------------------------------------------------------


def _is_control(character: str) -> bool:
    # Cc: C0/C1 controls (NUL, CR, LF, ESC...); Zl/Zp: the Unicode line and paragraph
    # separators, which break lines in email headers and calendar text as LF does.
    return unicodedata.category(character) in ("Cc", "Zl", "Zp")


# Joiners shape letters in Arabic, Persian and Indic scripts and in emoji: kept.
_JOINERS = frozenset("\u200c\u200d")


def _is_invisible(character: str) -> bool:
    """Cf: zero-width spaces, soft hyphens, byte-order marks, bidi overrides: characters
    that show nothing, so that "5\u200b0\u200b3" reads as 503 but matches no pattern for
    it (the PHI guard reads text after this), and bidi overrides can disguise a name."""
    return unicodedata.category(character) == "Cf" and character not in _JOINERS


def without_breaks(value: str | None) -> str:
    """Every line break and other control character becomes a space; nothing else
    changes (for text going into a one-line slot of a document: a header, a property)."""
    return "".join(" " if _is_control(ch) else ch for ch in value or "")


def one_line(value: str | None) -> str:
    """Text for a one-line field (a name, a title, a subject): without_breaks, invisible
    characters removed, and the ends trimmed."""
    return "".join(ch for ch in without_breaks(value) if not _is_invisible(ch)).strip()


def many_lines(value: str | None) -> str:
    """Text for a multi-line field: line breaks become LF (browsers send CRLF), tabs stay,
    other control and invisible characters go, and the ends are trimmed."""
    text = _LINE_BREAKS.sub("\n", value or "")
    return "".join(
        ch for ch in text if ch in "\n\t" or not (_is_control(ch) or _is_invisible(ch))
    ).strip()


def bounded(text: str, max_length: int) -> str:
    if len(text) > max_length:
        raise Invalid(f"Keep this under {max_length:,} characters (it has {len(text):,}).")
    return text


def bounded_line(value: str | None, max_length: int) -> str:
    """One line, cut to ``max_length``: for values no person typed into a field of ours
    (an uploaded file's name), where refusing would help no one."""
    return one_line(value)[:max_length]


def is_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(value)) and 2 <= len(value) <= 60


# --- numbers, dates, times, zones, links ------------------------------------------------------


def parse_id(value: str | None) -> int | None:
    """An id as a URL or form carries it: ASCII digits naming a row that can exist."""
    text = (value or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_DIGITS:
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


def whole_number(text: str, minimum: int, maximum: int, message: str | None = None) -> int:
    cleaned = text.strip().replace(",", "") if text else ""
    wrong = message or f"Enter a whole number from {minimum:,} to {maximum:,}."
    if len(cleaned) > MAX_DIGITS or not _ASCII_INTEGER.fullmatch(cleaned):
        raise Invalid(wrong)
    number = int(cleaned)
    if not minimum <= number <= maximum:
        raise Invalid(wrong)
    return number


def decimal_number(
    text: str, minimum: Decimal, maximum: Decimal, places: int, message: str | None = None
) -> Decimal:
    cleaned = text.strip() if text else ""
    wrong = message or f"Enter a number from {minimum} to {maximum}."
    if len(cleaned) > MAX_DIGITS or not _ASCII_DECIMAL.fullmatch(cleaned):
        raise Invalid(wrong)
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:  # the pattern admits only plain decimals
        raise Invalid(wrong) from error
    exponent = number.as_tuple().exponent
    if not minimum <= number <= maximum or (isinstance(exponent, int) and -exponent > places):
        raise Invalid(wrong)
    return number


def latest_date(today: date | None = None) -> date:
    today = today or utcnow().date()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


# Field names people read differently from how forms name them.
_FIELD_WORDS = {"id": "", "abp": "ABP", "npi": "NPI", "url": "link", "csrf": "form", "token": ""}
_NUMBERED_FIELD = re.compile(r"^(?P<stem>.*?)[-_](?P<n>\d+)$")


def field_label(name: str) -> str:
    """A form field's name as a person would say it, for error summaries that were not
    given a label: "session_id" -> "Session", "objective-0" -> "Objective 1"."""
    numbered = _NUMBERED_FIELD.match(name)
    suffix = f" {int(numbered['n']) + 1}" if numbered else ""
    stem = numbered["stem"] if numbered else name
    words = [_FIELD_WORDS.get(w, w) for w in re.split(r"[_\-\s]+", stem.lower()) if w]
    text = " ".join(w for w in words if w) or "This field"
    return text[:1].upper() + text[1:] + suffix


def date_window_hint(today: date | None = None) -> str:
    """Said next to date fields, so the limit is known before it is hit."""
    return f"Dates from {EARLIEST_DATE.isoformat()} to {latest_date(today).isoformat()}."


def calendar_date(text: str, *, today: date | None = None) -> date:
    """YYYY-MM-DD (what <input type=date> sends), from 2000 to ten years ahead."""
    match = _ISO_DATE.fullmatch(text.strip() if text else "")
    latest = latest_date(today)
    wrong = f"Enter a date from {EARLIEST_DATE.isoformat()} to {latest.isoformat()} as YYYY-MM-DD."
    if match is None:
        raise Invalid(wrong)
    try:
        found = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as error:
        raise Invalid(f"There is no such day; {wrong[0].lower()}{wrong[1:]}") from error
    if not EARLIEST_DATE <= found <= latest:
        raise Invalid(wrong)
    return found


def clock_time(text: str) -> time:
    """HH:MM, or HH:MM:SS as some browsers send it; seconds are dropped."""
    match = _CLOCK.fullmatch(text.strip() if text else "")
    wrong = "Enter a time as HH:MM on a 24-hour clock, for example 12:30."
    if match is None:
        raise Invalid(wrong)
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59 or int(match[3] or 0) > 59:
        raise Invalid(wrong)
    return time(hour, minute)


def time_zone(text: str) -> str:
    """An IANA zone a person can pick (echo.timeutil.is_known_time_zone), never an alias
    like ``localtime``."""
    name = text.strip() if text else ""
    if not is_known_time_zone(name):
        raise Invalid("Choose a time zone from the list, such as America/Chicago.")
    return name


_HTTP_URL: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


def https_url(text: str, max_length: int = 500) -> str:
    """A link people follow from Echo: https, a real host, and stored as validated (the
    normalised form pydantic gives, so what was checked is what is kept)."""
    cleaned = text.strip() if text else ""
    wrong = "Enter a web address starting with https:// and a site's name, like https://example.org/page."
    if any(_is_control(ch) or ch.isspace() for ch in cleaned) or len(cleaned) > max_length:
        raise Invalid(wrong)
    try:
        url = _HTTP_URL.validate_python(cleaned)
    except ValidationError as error:
        raise Invalid(wrong) from error
    if url.scheme != "https" or "." not in (url.host or "") or url.username or url.password:
        raise Invalid(wrong)
    normalised = str(url)
    if len(normalised) > max_length:
        raise Invalid(wrong)
    return normalised


def email_address(text: str) -> str:
    address = one_line(text).lower()
    if len(address) > 254 or not EMAIL_PATTERN.fullmatch(address):
        raise Invalid("Enter an email address like name@example.org.")
    return address


# --- annotations for form models ---------------------------------------------------------------

_NOTHING = object()


def parsed(
    parse: Callable[[str], Any], *, required: str | None = None, empty: object = _NOTHING
) -> Any:
    """A field parsed by ``parse`` (which raises Invalid with the message to show): empty
    input is ``empty`` (or the ``required`` message), anything not a string is refused.
    The annotations below are made with it; a domain can make its own the same way."""

    def validate(value: object) -> object:
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise PydanticCustomError("echo", "Enter text here.")
        if not value.strip():
            if required is not None:
                raise PydanticCustomError("echo", required)
            if empty is not _NOTHING:
                return empty
        try:
            return parse(value)
        except Invalid as problem:
            raise PydanticCustomError("echo", str(problem)) from None

    return BeforeValidator(validate)


def line(max_length: int = 200, *, required: str | None = None) -> Any:
    """A one-line text field (see one_line); empty is ""."""
    return parsed(lambda v: bounded(one_line(v), max_length), required=required, empty="")


def text(max_length: int = 20_000, *, required: str | None = None) -> Any:
    """A multi-line text field (see many_lines); empty is ""."""
    return parsed(lambda v: bounded(many_lines(v), max_length), required=required, empty="")


def number(
    minimum: int, maximum: int, *, required: str | None = None, message: str | None = None
) -> Any:
    """A whole number within bounds; empty is None unless ``required``."""
    return parsed(
        lambda v: whole_number(v, minimum, maximum, message), required=required, empty=None
    )


def decimal(
    minimum: Decimal,
    maximum: Decimal,
    places: int = 2,
    *,
    required: str | None = None,
    message: str | None = None,
) -> Any:
    return parsed(
        lambda v: decimal_number(v, minimum, maximum, places, message),
        required=required,
        empty=None,
    )


def day(*, required: str | None = None) -> Any:
    """A calendar date (see calendar_date); empty is None unless ``required``."""
    return parsed(calendar_date, required=required, empty=None)


def clock(*, required: str | None = None) -> Any:
    return parsed(clock_time, required=required, empty=None)


def zone(*, required: str | None = None) -> Any:
    return parsed(time_zone, required=required, empty="")


def link(max_length: int = 500, *, required: str | None = None) -> Any:
    """An https link (see https_url); empty is ""."""
    return parsed(lambda v: https_url(v, max_length), required=required, empty="")


def email(*, required: str | None = None) -> Any:
    return parsed(email_address, required=required, empty="")


def row_id(*, required: str | None = None, message: str = "Choose one from the list.") -> Any:
    """An id chosen in a form (a session, a person); empty is None unless ``required``."""

    def parse(value: str) -> int:
        found = parse_id(value)
        if found is None:
            raise Invalid(message)
        return found

    return parsed(parse, required=required, empty=None)


def slug(*, required: str | None = None, example: str = "adhd-echo-2027") -> Any:
    """A short name in a web address (see is_slug), lower-cased; empty is ""."""

    def parse(value: str) -> str:
        name = one_line(value).lower()
        if not is_slug(name):
            raise Invalid(f"Use 2-60 lower-case letters, digits and hyphens, like {example}.")
        return name

    return parsed(parse, required=required, empty="")


def one_of(
    choices: Collection[str], *, required: str | None = None, message: str | None = None
) -> Any:
    """One of the options the form offered; empty is "" unless ``required``."""

    def parse(value: str) -> str:
        if value not in choices:
            raise Invalid(message or "Choose one of the options.")
        return value

    return parsed(parse, required=required, empty="")


def as_typed(max_length: int, message: str) -> Any:
    """A secret (a password, a token pasted from another service): kept exactly as typed,
    never trimmed or cleaned (that would change it), only bounded; the domain decides what
    is acceptable."""

    def validate(value: object) -> str:
        if not isinstance(value, str) or len(value) > max_length:
            raise PydanticCustomError("echo", message)
        return value

    return BeforeValidator(validate)


def flag() -> Any:
    """A checkbox: ticked when the browser sends any value for it."""

    def validate(value: object) -> bool:
        return isinstance(value, str) and value != ""

    return BeforeValidator(validate)


def each_of(choices: Collection[str], *, message: str | None = None) -> Any:
    """Checkboxes or a multiple select: the ticked values, each one offered, once each."""

    def validate(values: object) -> list[str]:
        items = values if isinstance(values, list) else []
        wrong = [v for v in items if not isinstance(v, str) or v not in choices]
        if wrong:
            raise PydanticCustomError("echo", message or "Choose from the options shown.")
        return list(dict.fromkeys(items))

    return BeforeValidator(validate)


# --- forms -----------------------------------------------------------------------------------


@runtime_checkable
class MultiValued(Protocol):
    """Starlette's FormData and QueryParams also give every value posted under a name."""

    def getlist(self, key: Any) -> list[Any]: ...


# pydantic's own messages, for the few checks not written here.
_PYDANTIC_MESSAGES = {
    "missing": "Fill in this field.",
    "string_too_long": "This is too long.",
}


class Form(BaseModel):
    """A form's fields, parsed and checked in one place. Fields named like Python words
    (``from``) use an alias; fields posted more than once (checkboxes) are lists."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)

    # Messages for whole-form problems are keyed by this name.
    FORM_KEY: ClassVar[str] = "form"

    @classmethod
    def parse(cls, source: Mapping[str, Any] | None) -> Self:
        """The typed form, or FormErrors naming each bad field (by its name in the HTML)."""
        try:
            return cls.model_validate(cls._raw(source))
        except ValidationError as error:
            raise FormErrors(messages_of(error, cls)) from None

    def copy_to(self, target: object, fields: Iterable[str] | None = None) -> None:
        """Set each field (or those named) on ``target``, a row whose columns the form's
        fields are named after."""
        for name in fields if fields is not None else type(self).model_fields:
            setattr(target, name, getattr(self, name))

    @classmethod
    def parse_partly(cls, source: Mapping[str, Any] | None) -> tuple[Self, dict[str, str]]:
        """The form with each bad field left at its blank value, and the messages for the
        bad ones: for pages that check more (the PHI guard) and show everything at once.
        Only for forms whose every field accepts a blank."""
        raw = cls._raw(source)
        try:
            return cls.model_validate(raw), {}
        except ValidationError as error:
            errors = messages_of(error, cls)
        blanked = {
            key: ([] if isinstance(value, list) else "") if key in errors else value
            for key, value in raw.items()
        }
        return cls.model_validate(blanked), errors

    @classmethod
    def _raw(cls, source: Mapping[str, Any] | None) -> dict[str, object]:
        """Each field's value as sent: a string (missing is ""), or a list for lists (from a
        form's repeated names, or a list in a plain mapping)."""
        raw: dict[str, object] = {}
        for name, info in cls.model_fields.items():
            key = info.alias or name
            if _is_list(info.annotation):
                if isinstance(source, MultiValued):
                    values: list[Any] = source.getlist(key)
                else:
                    given = source.get(key) if source is not None else None
                    values = list(given) if isinstance(given, list | tuple) else []
                raw[key] = [v for v in values if isinstance(v, str)]
            else:
                value = source.get(key) if source is not None else None
                raw[key] = value if isinstance(value, str) else ""
        return raw


def messages_of(error: ValidationError, form: type[BaseModel] | None = None) -> dict[str, str]:
    """Field name (as the HTML names it) -> the first message for it."""
    aliases = {name: info.alias or name for name, info in form.model_fields.items()} if form else {}
    found: dict[str, str] = {}
    for item in error.errors():
        location = item.get("loc") or ("form",)
        field = aliases.get(str(location[0]), str(location[0]))
        message = (
            item["msg"]
            if item["type"] == "echo"
            else _PYDANTIC_MESSAGES.get(item["type"], "Check this value.")
        )
        found.setdefault(field, message)
    return found


def _is_list(annotation: object) -> bool:
    origin = get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        return True
    return any(_is_list(arg) for arg in get_args(annotation) if arg is not type(None))
