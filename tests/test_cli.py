"""`echo-lms` commands: what they print and their exit codes, run as a person would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from echo.migrate import head_revision
from echo.phi import BLOCK_MESSAGES, blocked_message, check_text
from tests.conftest import CHEAP_HASHING, TEST_SECRET

HEAD = head_revision()


def echo_lms(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `python -m echo ARGS` as a person would, with its own environment."""
    return subprocess.run(
        [sys.executable, "-m", "echo", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def run(tmp_path: Path):  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "ECHO_VAR_DIR": str(tmp_path),
        "ECHO_SECRET_KEY": TEST_SECRET,
        "ECHO_ARGON2_TIME_COST": str(CHEAP_HASHING["argon2_time_cost"]),
        "ECHO_ARGON2_MEMORY_KIB": str(CHEAP_HASHING["argon2_memory_kib"]),
    }
    env.pop("ECHO_DATABASE_URL", None)

    def invoke(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return echo_lms(env, *args, stdin=stdin)

    return invoke


def test_full_cli_lifecycle(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    not_migrated = run("demo")
    assert not_migrated.returncode == 1
    assert "Run `echo-lms db upgrade` first." in not_migrated.stderr

    upgraded = run("db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"Database at revision {HEAD}." in upgraded.stdout

    check = run("check")
    assert check.returncode == 0, check.stdout
    assert f"ok   migrations current ({HEAD})" in check.stdout

    assert run("demo", "--if-empty").returncode == 0
    again = run("demo")
    assert (
        "0 users, 0 hubs, 0 memberships, 0 programs, 0 enrollments, 0 sessions, 0 cases, "
        "0 attendance reports, 0 CME claims, 0 certificates, 0 consult requests, "
        "0 learners with survey answers, 0 webhook endpoints, 0 service tokens added"
        in again.stdout
    )
    skipped = run("demo", "--if-empty")
    assert "demo data not loaded" in skipped.stdout

    created = run(
        "users",
        "create",
        "--email",
        "New@Example.org",
        "--name",
        "New Admin",
        "--role",
        "site-admin",
        stdin="a fine long password\n",
    )
    assert created.returncode == 0, created.stderr
    assert "Created site-admin new@example.org" in created.stdout

    duplicate = run(
        "users",
        "create",
        "--email",
        "new@example.org",
        "--name",
        "X",
        "--password",
        "another long one",
    )
    assert duplicate.returncode == 2
    assert "email: An account with this email already exists" in duplicate.stderr

    weak = run("users", "set-password", "--email", "new@example.org", "--password", "short")
    assert weak.returncode == 2 and "password: Use at least 10 characters." in weak.stderr
    assert (
        run(
            "users",
            "set-password",
            "--email",
            "new@example.org",
            "--password",
            "a newer passphrase",
        ).returncode
        == 0
    )
    unknown = run(
        "users", "set-password", "--email", "ghost@example.org", "--password", "a newer passphrase"
    )
    assert unknown.returncode == 2 and "No account uses ghost@example.org." in unknown.stderr

    member = run(
        "hubs",
        "add-member",
        "--hub",
        "cascadia",
        "--email",
        "new@example.org",
        "--role",
        "cme-admin",
    )
    assert member.returncode == 0 and "new@example.org is cme-admin of cascadia." in member.stdout
    bad_hub = run(
        "hubs", "add-member", "--hub", "nowhere", "--email", "new@example.org", "--role", "faculty"
    )
    assert bad_hub.returncode == 2 and "No hub has the short name 'nowhere'." in bad_hub.stderr
    bad_role = run(
        "hubs", "add-member", "--hub", "cascadia", "--email", "new@example.org", "--role", "boss"
    )
    assert bad_role.returncode == 2 and "invalid choice: 'boss'" in bad_role.stderr

    reset = run("demo", "--reset")
    assert (
        "9 users, 2 hubs, 5 memberships, 2 programs, 2 enrollments, 21 sessions, 4 cases, "
        "2 attendance reports, 4 CME claims, 4 certificates, 6 consult requests, "
        "24 learners with survey answers, 1 webhook endpoints, 1 service tokens added"
        in reset.stdout
    )

    down = run("db", "downgrade", "base")
    assert down.returncode == 0 and "base (empty)" in down.stdout
    stale = run("check")
    assert (
        stale.returncode == 1
        and f"FAIL migrations: database at none, code expects {HEAD}" in stale.stdout
    )
    bad_rev = run("db", "downgrade", "nonsense")
    assert bad_rev.returncode == 2 and "Cannot downgrade to 'nonsense'" in bad_rev.stderr


def test_check_reports_unreachable_database(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ECHO_VAR_DIR": str(tmp_path),
        "ECHO_SECRET_KEY": TEST_SECRET,
        "ECHO_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none",
    }
    result = echo_lms(env, "check")
    assert result.returncode == 1
    assert "FAIL database: OperationalError" in result.stdout


def test_production_refuses_to_serve_without_secret(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "ECHO_ENV": "production",
        "ECHO_VAR_DIR": str(tmp_path),
        "ECHO_BASE_URL": "https://e.org",
    }
    env.pop("ECHO_SECRET_KEY", None)
    result = echo_lms(env, "serve")
    assert result.returncode == 2
    assert "ECHO_SECRET_KEY must be set in production." in result.stderr


def test_invalid_setting_is_reported(tmp_path: Path) -> None:
    env = {**os.environ, "ECHO_ENV": "staging", "ECHO_VAR_DIR": str(tmp_path)}
    result = echo_lms(env, "check")
    assert result.returncode == 2
    assert "invalid setting" in result.stderr and "env" in result.stderr


def test_phi_scan_prints_json_findings(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import json

    text = "14 yo, PHQ-A 17 in 2024. Call mom at 555-201-3344 or email mom@example.org."
    result = run("phi", "scan", stdin=text)
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    findings = output["findings"]
    kinds = {(f["kind"], f["text"], f["severity"]) for f in findings}
    assert output["blocked"] is True
    assert output["message"] == blocked_message(check_text(text).findings)
    assert BLOCK_MESSAGES["phone"] in output["message"]
    assert BLOCK_MESSAGES["email"] in output["message"]
    assert ("phone", "555-201-3344", "block") in kinds
    assert ("email", "mom@example.org", "block") in kinds
    for finding in findings:
        assert text[finding["start"] : finding["end"]] == finding["text"]
    clean = tmp_path / "clean.txt"
    clean.write_text("Sertraline 25 mg daily since 2023; 7th grade; GAD-7 of 12.", encoding="utf-8")
    assert json.loads(run("phi", "scan", str(clean)).stdout) == {
        "findings": [],
        "blocked": False,
        "message": "",
    }
    unreadable = run("phi", "scan", str(tmp_path / "missing.txt"))
    assert unreadable.returncode == 2
    assert "cannot read" in unreadable.stderr
    binary = tmp_path / "binary.bin"
    binary.write_bytes(b"\xff\xfe\x00bad")
    assert run("phi", "scan", str(binary)).returncode == 2


def test_serve_warns_when_the_port_disagrees_with_the_base_url(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`echo-lms serve --port 8123` with the default ECHO_BASE_URL (port 8000) says so at
    start-up, then serves."""
    assert run("db", "upgrade").returncode == 0
    env = {
        **os.environ,
        "ECHO_VAR_DIR": str(tmp_path),
        "ECHO_SECRET_KEY": TEST_SECRET,
    }
    env.pop("ECHO_DATABASE_URL", None)
    env.pop("ECHO_BASE_URL", None)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "echo", "serve", "--port", str(port), "--no-access-log"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    with process.stderr:
        try:
            first = process.stderr.readline()
        finally:
            process.terminate()
            process.wait(timeout=20)
    assert first == (
        f"echo-lms: warning: serving on port {port}, but ECHO_BASE_URL is "
        "http://127.0.0.1:8000: links in emails, calendar feeds and check-in QR codes would "
        f"go to port 8000. Set ECHO_BASE_URL=http://127.0.0.1:{port}\n"
    )


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
