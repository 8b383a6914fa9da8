"""The layout's navigation links (``nav_link`` in templates), each made once."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from echo.web.routing import PathsOf

NAV_LINK_TEMPLATE = "_nav_link.html"


class NavLinks:
    """``{{ nav_link("my_programs", "My programs", current_path) }}``: the named route's
    ``<li>`` from templates/_nav_link.html, marked as the current page on its own path.

    A link depends only on the route, its text and whether it is the current page, so
    each is rendered once and remembered: the layout shows up to a dozen on every page,
    and as a macro (a call and two path_for calls each) they took a fifth of the program
    page's render (bench/README.md, program page)."""

    def __init__(self, env: Environment, paths: PathsOf, size: int = 1024) -> None:
        self._env = env
        self._paths = paths
        self._size = size
        self._made: dict[tuple[str, str, bool], Markup] = {}

    def __call__(self, name: str, text: str, current_path: str) -> Markup:
        path = self._paths(name)
        key = (name, text, current_path == path)
        try:
            return self._made[key]
        except KeyError:
            pass
        # The template escapes; its output is markup.
        # Loaded when first used, once the app has set every global (echo.app).
        template = self._env.get_template(NAV_LINK_TEMPLATE)
        link = Markup(template.render(path=path, text=text, current=key[2]))  # noqa: S704
        if len(self._made) >= self._size:
            self._made.clear()  # bounded: names and texts are written in the templates
        self._made[key] = link
        return link
