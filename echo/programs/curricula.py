"""The curriculum and toolkit files shipped in curricula/, loaded once per process.

The files are part of the release (like templates), so reading them at start-up
keeps no state that could differ between workers.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from echo.programs.curriculum import (
    DEFAULT_TOOLKITS_NAME,
    Curriculum,
    Resource,
    ValidationIssue,
    load_curriculum,
    load_toolkits,
)
from echo.settings import PROJECT_ROOT

CURRICULA_DIR = PROJECT_ROOT / "curricula"


class CatalogError(RuntimeError):
    """A shipped file is invalid; the message lists every issue."""

    def __init__(self, issues: list[ValidationIssue]) -> None:
        super().__init__("\n".join(str(issue) for issue in issues))
        self.issues = issues


@cache
def toolkits(folder: Path = CURRICULA_DIR) -> dict[str, Resource]:
    resources, issues = load_toolkits(folder / DEFAULT_TOOLKITS_NAME)
    if issues:
        raise CatalogError(issues)
    return resources


def curriculum_files(folder: Path = CURRICULA_DIR) -> list[Path]:
    """Curriculum files offered in the browser: every TOML file but the catalog."""
    return sorted(p for p in folder.glob("*.toml") if p.name != DEFAULT_TOOLKITS_NAME)


def load(path: Path) -> tuple[Curriculum | None, list[ValidationIssue]]:
    catalog, issues = load_toolkits(path.parent / DEFAULT_TOOLKITS_NAME)
    if issues:
        return None, issues
    return load_curriculum(path, catalog)
