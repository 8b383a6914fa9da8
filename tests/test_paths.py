"""Paths come from route names (``path_for`` in templates, ``ctx.path`` in views), never
written out by hand, so a route can move without leaving a dead link behind."""

from __future__ import annotations

import re
from pathlib import Path

from echo.app import create_app
from echo.settings import PROJECT_ROOT
from tests.conftest import test_settings

# A link, form action or htmx request whose address starts with "/" and is not a file
# under /static/ (served by the static mount, named by file).
HAND_WRITTEN = re.compile(r'(?:href|action|src|hx-get|hx-post)="/(?!static/)')
VIEW_REDIRECT = re.compile(r'redirect\(\s*f?"/')


def test_templates_write_no_paths_by_hand() -> None:
    found = []
    for template in sorted((PROJECT_ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if HAND_WRITTEN.search(line):
                found.append(f"{template.relative_to(PROJECT_ROOT)}:{number}: {line.strip()}")
    assert found == []


def test_views_redirect_to_named_routes() -> None:
    found = [
        str(source.relative_to(PROJECT_ROOT))
        for source in sorted((PROJECT_ROOT / "echo").rglob("*.py"))
        if VIEW_REDIRECT.search(source.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_every_named_route_builds_a_path(tmp_path: Path) -> None:
    """path_for works for every route (each name unique, each parameter convertible)."""
    app = create_app(test_settings(f"sqlite:///{tmp_path / 'e.sqlite3'}", tmp_path))
    names = [route.name for route in app.routes if getattr(route, "name", None)]
    assert len(names) == len(set(names))
    values = {
        "id": 7,
        "slug": "peds-mh-echo",
        "code": "ECHO-7KQ2-M9XW",
        "token": "a.b.c",
        "string": f"7-{'0' * 64}",  # an API attendance import's id
    }
    for route in app.routes:
        convertors = getattr(route, "param_convertors", None)
        if convertors is None or route.name == "static":
            continue
        params = {
            name: values[type(convertor).__name__.removesuffix("Convertor").lower()]
            for name, convertor in convertors.items()
        }
        assert str(app.url_path_for(route.name, **params)).startswith("/")
