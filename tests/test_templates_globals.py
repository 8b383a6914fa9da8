"""Every template sees every global of the app's Jinja environment. Templates keep a copy
of the globals made when they are loaded (echo.app.PageEnvironment, for speed), so a global
set after a template loaded would be missing from it: create_app sets them all first."""

from __future__ import annotations

from starlette.testclient import TestClient

from echo.app import PageEnvironment, make_jinja
from tests.helpers import logged_in


def test_every_loaded_template_has_every_global(client: TestClient) -> None:
    logged_in(client, "pediatrician@example.org")
    for path in ("/", "/programs", "/programs/peds-mh-echo", "/me/profile", "/nope"):
        client.get(path)
    app = client.app
    env = app.state.jinja  # type: ignore[attr-defined]
    assert isinstance(env, PageEnvironment)
    loaded = list(env.cache.values())
    assert {"base.html", "_nav_link.html", "error.html", "programs/program.html"} <= {
        template.name for template in loaded
    }
    for template in loaded:
        assert set(env.globals) <= set(template.globals), template.name


def test_a_templates_own_globals_stay_its_own() -> None:
    env = make_jinja()
    first = env.from_string("{{ greeting }}", {"greeting": "hello"})
    second = env.from_string("{{ greeting }}")
    assert first.render() == "hello"
    assert second.render() == ""
    assert "greeting" not in env.globals
