"""echo.documents is a base layer: it imports no Echo domain, and every PDF sets its text in
the one fonts folder."""

from __future__ import annotations

import ast
from pathlib import Path

import echo.documents
from echo.documents.pdf import FONT_FILES, FONTS_DIR, add_fonts, letter

ALLOWED = {"echo.settings", "echo.timeutil", "echo.documents"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_documents_import_no_echo_domain() -> None:
    folder = Path(echo.documents.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert {m.name for m in modules} >= {"__init__.py", "pdf.py", "spreadsheets.py"}
    for module in modules:
        for name in _imports(module):
            if name == "echo" or name.startswith("echo."):
                assert any(name == a or name.startswith(a + ".") for a in ALLOWED), (
                    f"{module.name} imports {name}"
                )


def test_one_fonts_folder_with_its_licence() -> None:
    assert Path(echo.documents.__file__).parent / "fonts" == FONTS_DIR
    assert all(path.parent == FONTS_DIR and path.is_file() for path in FONT_FILES.values())
    assert (FONTS_DIR / "LICENSE").is_file()
    echo_root = Path(echo.documents.__file__).parent.parent
    assert sorted(p.parent for p in echo_root.rglob("*.ttf")) == [FONTS_DIR] * len(FONT_FILES)


def test_fonts_are_parsed_once_and_registered_per_document() -> None:
    first, second = letter("portrait"), letter("landscape", "", "B", "I")
    assert set(first.fonts) == {"dejavu", "dejavuB"}
    assert set(second.fonts) == {"dejavu", "dejavuB", "dejavuI"}
    # Shared metrics, separate fontTools fonts (each document subsets its own).
    assert first.fonts["dejavu"].cw is second.fonts["dejavu"].cw
    assert first.fonts["dejavu"].ttfont is not second.fonts["dejavu"].ttfont
    add_fonts(first, "I")
    assert first.fonts["dejavuI"].i == 3
