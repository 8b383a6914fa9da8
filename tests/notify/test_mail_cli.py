"""`echo-lms worker --once` and `echo-lms mail test`, run as a person would."""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from echo.db import Database
from echo.notify import outbox
from echo.notify.outbox import Message
from tests.conftest import TEST_SECRET, test_settings
from tests.notify.smtp import Sink, free_port, smtp_server


@pytest.fixture
def environment(tmp_path: Path, sqlite_template: Path) -> dict[str, str]:
    """A migrated SQLite database in a fresh var folder; no ECHO_SMTP_URL (files)."""
    shutil.copyfile(sqlite_template, tmp_path / "echo.sqlite3")
    env = {**os.environ, "ECHO_VAR_DIR": str(tmp_path), "ECHO_SECRET_KEY": TEST_SECRET}
    for name in ("ECHO_DATABASE_URL", "ECHO_SMTP_URL", "ECHO_MAIL_FROM"):
        env.pop(name, None)
    return env


def echo_lms(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "echo", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_worker_once_writes_eml_files(environment: dict[str, str], tmp_path: Path) -> None:
    database = Database(test_settings(f"sqlite:///{tmp_path / 'echo.sqlite3'}", tmp_path))
    with database.write() as session:
        for subject in ("First", "Second"):
            outbox.enqueue(
                session,
                Message(to="np@example.org", subject=subject, text="Hi\n", html="<p>Hi</p>"),
            )
    database.dispose()

    result = echo_lms({**environment, "ECHO_MAIL_FROM": "hub@example.org"}, "worker", "--once")

    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(": 2 sent, 0 to retry, 0 failed.\n")
    files = sorted((tmp_path / "mail").glob("*.eml"))
    assert [path.name.rsplit("-", 1)[1] for path in files] == ["1.eml", "2.eml"]
    first = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert (first["Subject"], first["From"]) == ("First", "Echo <hub@example.org>")
    again = echo_lms(environment, "worker", "--once")
    assert again.stdout.endswith(": 0 sent, 0 to retry, 0 failed.\n")


def test_mail_test_with_files(environment: dict[str, str], tmp_path: Path) -> None:
    result = echo_lms(environment, "mail", "test", "--to", "you@example.org")

    assert result.returncode == 0, result.stderr
    (written,) = (tmp_path / "mail").glob("*.eml")
    assert result.stdout == f"Test message to you@example.org written to {written}.\n"
    message = email.message_from_bytes(written.read_bytes(), policy=email.policy.default)
    assert message["To"] == "you@example.org" and message["Subject"] == "Echo test message"


def test_mail_test_over_smtp(environment: dict[str, str]) -> None:
    sink = Sink()
    with smtp_server(sink) as port:
        result = echo_lms(
            {**environment, "ECHO_SMTP_URL": f"smtp://127.0.0.1:{port}"},
            "mail",
            "test",
            "--to",
            "you@example.org",
        )

    assert result.returncode == 0, result.stderr
    assert (
        result.stdout == f"Test message to you@example.org accepted by smtp://127.0.0.1:{port}.\n"
    )
    assert [received.recipients for received in sink.received] == [["you@example.org"]]


def test_mail_test_to_a_closed_port_exits_2_with_one_line(environment: dict[str, str]) -> None:
    port = free_port()
    result = echo_lms(
        {**environment, "ECHO_SMTP_URL": f"smtp://127.0.0.1:{port}"},
        "mail",
        "test",
        "--to",
        "you@example.org",
    )

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "echo-lms: the test message to you@example.org was not sent: "
        f"[Errno 111] Connection refused (smtp://127.0.0.1:{port})\n"
    )


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "echo-lms: --to: 'not-an-address' is not an email address\n"),
        (
            {"ECHO_SMTP_URL": "mail.example.org"},
            "echo-lms: ECHO_SMTP_URL: the mail server URL must look like smtp://host:port "
            "or smtps://…\n",
        ),
    ],
)
def test_mail_test_refuses_bad_input(
    environment: dict[str, str], changes: dict[str, str], expected: str
) -> None:
    to = "not-an-address" if not changes else "you@example.org"
    result = echo_lms({**environment, **changes}, "mail", "test", "--to", to)

    assert (result.returncode, result.stderr) == (2, expected)
