"""Settings: defaults, the generated development secret, production refusals, README table."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from echo.settings import PROJECT_ROOT, Settings, SettingsError


def test_default_database_is_sqlite_under_var(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path)
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'echo.sqlite3'}"


def test_development_secret_is_generated_once_with_mode_0600(tmp_path: Path) -> None:
    first = Settings(var_dir=tmp_path).secret
    second = Settings(var_dir=tmp_path).secret
    assert first == second and len(first) >= 48
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_production_refuses_generated_secret(tmp_path: Path) -> None:
    settings = Settings(var_dir=tmp_path, env="production", base_url="https://echo.example.org")
    with pytest.raises(SettingsError, match="ECHO_SECRET_KEY must be set"):
        settings.check_production()
    with pytest.raises(SettingsError):
        _ = settings.secret
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_http_base_url(tmp_path: Path) -> None:
    settings = Settings(
        var_dir=tmp_path, env="production", secret_key="k" * 40, base_url="http://echo.example.org"
    )
    with pytest.raises(SettingsError, match="must be https"):
        settings.check_production()


def test_production_accepts_https_and_real_secret(tmp_path: Path) -> None:
    settings = Settings(
        var_dir=tmp_path,
        env="production",
        secret_key="k" * 40,
        base_url="https://echo.example.org/",
    )
    settings.check_production()
    assert settings.base_url == "https://echo.example.org"
    assert settings.session_cookie_name == "__Host-echo_session"


def test_settings_come_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ECHO_IDLE_TIMEOUT_MINUTES", "30")
    monkeypatch.setenv("ECHO_DATABASE_URL", "postgresql+psycopg://db/echo")
    settings = Settings(var_dir=tmp_path)
    assert settings.idle_timeout_minutes == 30
    assert settings.resolved_database_url == "postgresql+psycopg://db/echo"


def test_readme_documents_every_setting() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `(ECHO_[A-Z0-9_]+)` \|", readme, flags=re.MULTILINE))
    expected = {f"ECHO_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected


@pytest.mark.parametrize(
    ("base_url", "host", "port", "warned"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1", 8000, False),
        ("http://127.0.0.1:8000", "127.0.0.1", 8001, True),
        ("http://localhost:8000", "0.0.0.0", 9000, True),  # noqa: S104 - a setting, not a bind
        ("http://localhost", "127.0.0.1", 80, False),
        ("https://echo.example.org", "127.0.0.1", 8000, False),  # behind a proxy
    ],
)
def test_serving_on_another_port_than_the_base_url_is_named(
    tmp_path: Path, base_url: str, host: str, port: int, warned: bool
) -> None:
    settings = Settings(var_dir=tmp_path, base_url=base_url)
    problem = settings.base_url_mismatch(host, port)
    assert (problem is not None) == warned
    if problem:
        assert "Set ECHO_BASE_URL=http://" in problem and f":{port}" in problem
