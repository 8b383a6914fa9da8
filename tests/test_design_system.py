"""The design system holds: the stylesheet takes every colour, space, type size and corner
from its tokens (``:root`` in static/css/echo.css), and the pages are built from its
components: styled buttons, data tables from the ``data_table`` macro, no class the
stylesheet does not know, no inline style (the CSP forbids it anyway)."""

from __future__ import annotations

import re
from pathlib import Path

from echo.settings import PROJECT_ROOT

STYLESHEET = PROJECT_ROOT / "static" / "css" / "echo.css"
TEMPLATES = PROJECT_ROOT / "templates"
# Emails are not pages: mail clients need inline styles and ignore our stylesheet.
MAIL = TEMPLATES / "mail"
MAIL_BODIES = {MAIL / "_layout.html", MAIL / "message.html"}

COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(|\bhsla?\(")
SPACING = re.compile(
    r"^(margin|padding)(-(top|right|bottom|left|inline|block)(-start|-end)?)?$|gap$"
)
SPACE_VALUE = re.compile(r"^(0|auto|var\(--space-\d\))$")
TYPE_VALUE = re.compile(r"^(var\(--text-[a-z0-9]+\)|inherit|100%)$")
RADIUS_VALUE = re.compile(r"^(0|var\(--radius(-[a-z]+)?\))$")
# Classes that style nothing on purpose: hooks the browser tests find elements by.
HOOKS = {
    "likert": "tests/e2e/test_cme.py answers each rating question (fieldset.likert)",
    "json": "tests/e2e/test_cme.py reads the credential (pre.json)",
}


def _rules(css: str) -> list[tuple[str, str, str]]:
    """(selector, property, value) of every declaration; @media blocks are flattened."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        for declaration in body.split(";"):
            if ":" in declaration:
                name, value = declaration.split(":", 1)
                found.append((selector.strip(), name.strip(), value.strip()))
    return found


def _plain(classes: str) -> str:
    """A class attribute without its Jinja parts (``button{% if x %} danger{% endif %}``)."""
    return re.sub(r"\{%.*?%\}|\{\{.*?\}\}", " ", classes)


def _page_templates() -> list[Path]:
    return [t for t in sorted(TEMPLATES.rglob("*.html")) if t not in MAIL_BODIES]


def test_colours_are_tokens() -> None:
    outside = [
        f"{selector} {{ {name}: {value} }}"
        for selector, name, value in _rules(STYLESHEET.read_text(encoding="utf-8"))
        if selector != ":root" and COLOUR.search(value)
    ]
    assert outside == [], "use a colour token from :root"


def test_spacing_type_and_corners_come_from_the_scales() -> None:
    off_scale = []
    for selector, name, value in _rules(STYLESHEET.read_text(encoding="utf-8")):
        if selector == ":root":
            continue
        if SPACING.search(name):
            wrong = [part for part in value.split() if not SPACE_VALUE.match(part)]
        elif name == "font-size":
            wrong = [] if TYPE_VALUE.match(value) else [value]
        elif name == "border-radius":
            wrong = [part for part in value.split() if not RADIUS_VALUE.match(part)]
        else:
            continue
        if wrong:
            off_scale.append(f"{selector} {{ {name}: {value} }}")
    assert off_scale == [], "use --space-*, --text-* and --radius* from :root"


def test_every_button_is_a_styled_button() -> None:
    raw = []
    for template in _page_templates():
        for button in re.findall(r"<button\b[^>]*>", template.read_text(encoding="utf-8")):
            classes = re.search(r'class="([^"]*)"', button)
            names = set(_plain(classes.group(1)).split()) if classes else set()
            if not names & {"button", "link-button"}:
                raw.append(f"{template.relative_to(PROJECT_ROOT)}: {button}")
    assert raw == [], 'give it class="button" (primary, secondary, danger) or "link-button"'


def test_data_tables_come_from_the_macro() -> None:
    """One place for a table's scrolling region, caption and phone layout."""
    by_hand = [
        str(t.relative_to(PROJECT_ROOT))
        for t in _page_templates()
        if "<table" in t.read_text(encoding="utf-8") and t.name != "_macros.html"
    ]
    assert by_hand == [], '{% call data_table("Caption") %}...{% endcall %}'


def test_pages_use_only_classes_the_stylesheet_defines() -> None:
    """A class no rule styles is an ad-hoc look-alike of a component, or dead."""
    defined = set(re.findall(r"\.([a-zA-Z][\w-]*)", STYLESHEET.read_text(encoding="utf-8")))
    unknown = set()
    for template in _page_templates():
        for attribute in re.findall(r'class="([^"]*)"', template.read_text(encoding="utf-8")):
            for name in _plain(attribute).split():
                if name.endswith("-"):  # badge-{{ status }}: a state without a rule is neutral
                    continue
                if name not in defined and name not in HOOKS:
                    unknown.add(f"{template.relative_to(PROJECT_ROOT)}: {name}")
    assert sorted(unknown) == []


def test_no_inline_styles_on_pages() -> None:
    inline = [
        str(t.relative_to(PROJECT_ROOT))
        for t in _page_templates()
        if re.search(r"\sstyle=|<style", t.read_text(encoding="utf-8"))
    ]
    assert inline == []
