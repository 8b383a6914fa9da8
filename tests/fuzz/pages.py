"""Forms as a browser finds them on a page: action, method and fields with their defaults.

The route fuzzer submits what the pages offer, so it needs no list of each route's fields:
a form added to a template is fuzzed the day it appears.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class FoundForm:
    action: str  # a path, without the query
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name -> default values
    choices: dict[str, list[str]] = field(default_factory=dict)  # select/radio options
    files: set[str] = field(default_factory=set)

    def key(self) -> tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]]:
        """Two forms are the same when they post the same names and the same hidden choice
        (an ``action`` value picks the branch of a multi-purpose view)."""
        hidden = tuple(
            (name, values[0])
            for name, values in sorted(self.fields.items())
            if name in ("action", "decision") and values
        )
        return (self.action, self.method, tuple(sorted(self.fields)), hidden)


class _FormParser(HTMLParser):
    def __init__(self, page_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[FoundForm] = []
        self._form: FoundForm | None = None
        self._select: str | None = None
        self._select_has_default = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def _path(self, action: str | None) -> str:
        return urlsplit(urljoin(self.page_path, action or self.page_path)).path

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = FoundForm(self._path(a.get("action")), a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        if "hx-post" in a and "name" in a:
            # An htmx control outside a normal submit (the live PHI check): its own name,
            # its hx-vals and the CSRF field it includes.
            extra = json.loads(a.get("hx-vals") or "{}")
            form = FoundForm(self._path(a["hx-post"]), "post")
            form.fields = {key: [str(value)] for key, value in extra.items()}
            form.fields[a["name"]] = [""]
            self.forms.append(form)
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind == "file":
                form.files.add(name)
            elif kind in ("checkbox", "radio"):
                form.choices.setdefault(name, []).append(a.get("value", "on"))
                form.fields.setdefault(name, [])
                if "checked" in a:
                    form.fields[name].append(a.get("value", "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                form.fields.setdefault(name, []).append(a.get("value", ""))
            elif name not in form.fields:
                form.fields[name] = [a.get("value", "")]
        elif tag == "button" and name and name not in form.fields:
            form.fields[name] = [a.get("value", "")]
        elif tag == "select" and name:
            self._select = name
            self._select_has_default = False
            form.fields.setdefault(name, [])
            form.choices.setdefault(name, [])
        elif tag == "option" and self._select is not None:
            # A browser sends the selected option, else the first one.
            value = a.get("value", "")
            form.choices[self._select].append(value)
            first = len(form.choices[self._select]) == 1
            if "selected" in a or (first and not self._select_has_default):
                form.fields[self._select] = [value]
                self._select_has_default = self._select_has_default or "selected" in a
        elif tag == "textarea" and name:
            self._textarea = name
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.fields[self._textarea] = ["".join(self._text).removeprefix("\n")]
            self._textarea = None


def forms_on(page_path: str, html: str) -> list[FoundForm]:
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms
