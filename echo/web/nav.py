"""The layout's navigation links (``nav_link`` in templates), each made once."""

from __future__ import annotations

from jinja2 import Environment
from markupsafe import Markup

from echo.web.routing import PathsOf

NAV_LINK_TEMPLATE = "_nav_link.html"


class NavLinks:
    """``{{ nav_link("my_programs", "My programs", current_path) }}``: the named route's
    ``<li>`` from templates/_nav_link.html, marked as the current page on its own path.

    A link depends only on the route (whose path has no parameters), its text and
    whether it is the current page, so both forms are rendered once and remembered: the
    layout shows up to a dozen links on every page, and as a macro (a call and two
    path_for calls each) they took a fifth of the program page's render (bench/)."""

    def __init__(self, env: Environment, paths: PathsOf, size: int = 1024) -> None:
        self._env = env
        self._paths = paths
        self._size = size
        # (route, text) -> (path, the link, the link marked as the current page)
        self._made: dict[tuple[str, str], tuple[str, Markup, Markup]] = {}

    def __call__(self, name: str, text: str, current_path: str) -> Markup:
        try:
            path, link, current = self._made[name, text]
        except KeyError:
            path, link, current = self._make(name, text)
        return current if current_path == path else link

    def _make(self, name: str, text: str) -> tuple[str, Markup, Markup]:
        path = self._paths(name)
        # Loaded when first used, once the app has set every global (echo.app).
        template = self._env.get_template(NAV_LINK_TEMPLATE)
        # The template escapes; its output is markup.
        link, current = (
            Markup(template.render(path=path, text=text, current=here))  # noqa: S704
            for here in (False, True)
        )
        if len(self._made) >= self._size:
            self._made.clear()  # bounded: names and texts are written in the templates
        self._made[name, text] = (path, link, current)
        return path, link, current
