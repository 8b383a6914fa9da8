"""NavLinks: a navigation link is the route's path, escaped, marked as the current page only
on its own path, and made once."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, select_autoescape
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from echo.app import make_jinja
from echo.web.nav import NAV_LINK_TEMPLATE, NavLinks
from echo.web.routing import PathsOf


def _paths() -> PathsOf:
    async def page(request: object) -> PlainTextResponse:
        return PlainTextResponse("")

    return PathsOf(Starlette(routes=[Route("/me/programs", page, name="my_programs")]))


def test_a_link_is_marked_current_only_on_its_own_page() -> None:
    links = NavLinks(make_jinja(), _paths())
    assert links("my_programs", "My programs", "/programs") == (
        '<li><a href="/me/programs">My programs</a></li>'
    )
    assert links("my_programs", "My programs", "/me/programs") == (
        '<li><a href="/me/programs" aria-current="page">My programs</a></li>'
    )


def test_text_is_escaped_and_each_link_made_once() -> None:
    env = Environment(
        loader=DictLoader({NAV_LINK_TEMPLATE: '<a href="{{ path }}">{{ text }}</a>'}),
        autoescape=select_autoescape(["html"]),
    )
    links = NavLinks(env, _paths(), size=2)
    rendered: list[object] = []
    template = env.get_template(NAV_LINK_TEMPLATE)  # the one NavLinks loads (cached)
    original = template.render

    def counting(*args: object, **kwargs: object) -> str:
        rendered.append(kwargs)
        return original(*args, **kwargs)

    template.render = counting  # type: ignore[method-assign]
    assert links("my_programs", "<b>", "/") == '<a href="/me/programs">&lt;b&gt;</a>'
    assert len(rendered) == 2  # the link, and the link on its own page
    assert links("my_programs", "<b>", "/elsewhere") == '<a href="/me/programs">&lt;b&gt;</a>'
    assert links("my_programs", "<b>", "/me/programs") == '<a href="/me/programs">&lt;b&gt;</a>'
    assert len(rendered) == 2
    for n in range(5):
        links("my_programs", f"text {n}", "/")
    assert len(links._made) <= 2
