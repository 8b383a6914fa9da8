"""PathsOf: a named route's path is made once and then remembered, and is the path
Starlette would make."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from echo.web.routing import PathsOf


def _app() -> Starlette:
    async def page(request: object) -> PlainTextResponse:
        return PlainTextResponse("")

    return Starlette(
        routes=[
            Route("/programs/{slug}", page, name="program"),
            Route("/sessions/{session_id:int}", page, name="session"),
        ]
    )


def test_paths_are_starlettes_and_made_once() -> None:
    app = _app()
    made: list[str] = []
    original = app.url_path_for

    def counting(name: str, /, **params: object) -> object:
        made.append(name)
        return original(name, **params)

    app.url_path_for = counting  # type: ignore[method-assign]
    paths = PathsOf(app)
    assert paths("session", session_id=7) == "/sessions/7"
    assert paths("session", session_id=7) == "/sessions/7"
    assert paths("program", slug="calm-echo") == "/programs/calm-echo"
    assert made == ["session", "program"]


def test_the_memory_is_bounded() -> None:
    paths = PathsOf(_app(), size=3)
    for n in range(1, 10):
        assert paths("session", session_id=n) == f"/sessions/{n}"
    assert len(paths._known) <= 3
