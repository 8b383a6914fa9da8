"""The layer contracts (pyproject.toml, docs/architecture.md) hold, and they can fail: the
same check on a copy of the package with one upward import is refused, naming it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_layer_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_layers(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "echo", tmp_path / "echo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    models = tmp_path / "echo" / "accounts" / "models.py"
    # Hidden in a function, as the old upward imports were: it still counts.
    models.write_text(
        models.read_text() + "\n\ndef _certificates():\n    from echo.cme import services\n"
    )
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert "echo.accounts is not allowed to import echo.cme" in result.stdout
    assert "echo.accounts.models -> echo.cme.services" in result.stdout
