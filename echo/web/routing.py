"""Path convertors, so a URL that cannot name anything is a 404 before any view runs.

``{session_id:id}`` matches only the decimal ids a row can have (1 to 2**31 - 1, no
leading zeros, ASCII digits only: ``²`` and ``99999999999999999999`` are not ids);
``{slug:slug}``, ``{code:code}`` and ``{token:token}`` match what Echo makes. Importing
this module registers them (``echo.web`` does, before any route list is built).
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor

from echo.web.params import MAX_ID


def digits_up_to(limit: int) -> str:
    """A regular expression matching the decimal numbers 1..limit written without leading
    zeros, and nothing else (so the router, not int(), decides what an id is)."""
    bound = str(limit)
    width = len(bound)
    options = [f"[1-9][0-9]{{0,{width - 2}}}"] if width > 1 else []
    for position, digit in enumerate(bound):
        low = 1 if position == 0 else 0
        high = int(digit) - 1
        if high < low:
            continue
        rest = width - position - 1
        tail = f"[0-9]{{{rest}}}" if rest else ""
        options.append(f"{bound[:position]}[{low}-{high}]{tail}")
    options.append(bound)
    return "(?:" + "|".join(options) + ")"


class IdConvertor(Convertor[int]):
    regex = digits_up_to(MAX_ID)

    def convert(self, value: str) -> int:
        return int(value)

    def to_string(self, value: int) -> str:
        if not 1 <= value <= MAX_ID:
            raise ValueError(f"{value} is not an id")
        return str(value)


class _Text(Convertor[str]):
    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


class SlugConvertor(_Text):
    """A hub's or program's short name (echo.web.params.is_slug)."""

    regex = "[a-z0-9]{1,60}(?:-[a-z0-9]{1,60}){0,30}"


class CodeConvertor(_Text):
    """A certificate code as printed (ECHO-7KQ2-M9XW), in either case."""

    regex = "[A-Za-z0-9]{1,16}(?:-[A-Za-z0-9]{1,16}){0,4}"


class TokenConvertor(_Text):
    """A signed token in a link (JWS compact form: base64url parts joined by dots)."""

    regex = "[A-Za-z0-9_-]{1,2048}(?:\\.[A-Za-z0-9_-]{0,2048}){0,4}"


register_url_convertor("id", IdConvertor())
register_url_convertor("slug", SlugConvertor())
register_url_convertor("code", CodeConvertor())
register_url_convertor("token", TokenConvertor())


class PathsOf:
    """The paths of an app's named routes, remembered once made: Starlette finds a route
    by trying every route in turn, and a page names dozens of paths (a program page took
    half its time on this before). Paths depend only on the name and the parameters."""

    def __init__(self, app: Starlette, size: int = 8192) -> None:
        self._app = app
        self._size = size
        self._known: dict[tuple[str, tuple[tuple[str, object], ...]], str] = {}

    def __call__(self, name: str, **params: object) -> str:
        key = (name, tuple(sorted(params.items())))
        try:
            return self._known[key]
        except KeyError:
            pass
        except TypeError:  # a parameter that cannot be a key: made each time
            return str(self._app.url_path_for(name, **params))
        path = str(self._app.url_path_for(name, **params))
        if len(self._known) >= self._size:
            self._known.clear()  # bounded: ids are many, the page's names are few
        self._known[key] = path
        return path
