"""Fixtures for the browser tests: one real Echo server and one Chromium for the session.

The server is ``python -m echo serve`` on a free port, with a SQLite database in a
temporary folder, migrated and loaded with the demo data. Every test gets fresh
browser contexts (own cookies) from ``open_browser``.

Chromium comes from ``ECHO_CHROMIUM`` (default ``/usr/bin/chromium``). Without it the
tests are skipped, unless ``ECHO_TEST_REQUIRE_BROWSER=1``, in which case they fail.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from echo.settings import PROJECT_ROOT
from tests.e2e.harness import OpenBrowser, Visitor

CHROMIUM = os.environ.get("ECHO_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("ECHO_TEST_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SERVER_START_TIMEOUT_S = 30.0
DEFAULT_TIMEOUT_MS = 10_000
SCREEN_OPTIONS = {"viewport", "screen", "is_mobile", "has_touch", "device_scale_factor"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _server_env(folder: Path, base_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}
    env.update(
        ECHO_ENV="development",
        ECHO_DATABASE_URL=f"sqlite:///{folder / 'echo.sqlite3'}",
        ECHO_VAR_DIR=str(folder),
        ECHO_SECRET_KEY="e2e-secret-" + "x" * 40,
        ECHO_BASE_URL=base_url,
        ECHO_ARGON2_TIME_COST="1",
        ECHO_ARGON2_MEMORY_KIB="1024",
        # Every browser is the same client (127.0.0.1); tests with a wrong password must
        # not make the login back-off slow down the others.
        ECHO_LOGIN_FREE_FAILURES="1000",
        # The server's output goes to a file: write it out at once, so tests can read it.
        PYTHONUNBUFFERED="1",
    )
    return env


def _run_cli(env: dict[str, str], *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "echo", *args],
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        pytest.fail(f"`echo-lms {' '.join(args)}` failed:\n{done.stdout}\n{done.stderr}")


def _wait_for_health(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text()}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass  # not listening yet
        finally:
            connection.close()
        time.sleep(0.1)
    pytest.fail(
        f"the server did not answer /healthz in {SERVER_START_TIMEOUT_S:.0f} s:\n{log.read_text()}"
    )


@dataclass(frozen=True)
class EchoServer:
    """The running server: its base URL, its SQLite database and its captured output."""

    url: str
    database: Path  # SQLite in WAL mode: read it with its -wal file
    log: Path  # stdout and stderr


@contextmanager
def running_echo(
    folder: Path, port: int, extra_env: dict[str, str] | None = None
) -> Iterator[EchoServer]:
    """``echo-lms serve`` on ``port`` with the demo data in ``folder``, stopped afterwards."""
    base_url = f"http://127.0.0.1:{port}"
    env = {**_server_env(folder, base_url), **(extra_env or {})}
    _run_cli(env, "db", "upgrade")
    _run_cli(env, "demo")
    log = folder / "server.log"
    serve = ["serve", "--host", "127.0.0.1", "--port", str(port), "--no-access-log"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "echo", *serve],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_health(process, port, log)
        yield EchoServer(url=base_url, database=folder / "echo.sqlite3", log=log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def echo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EchoServer]:
    """A real Echo server with the demo data, for the whole session."""
    with running_echo(tmp_path_factory.mktemp("e2e-server"), free_port()) as server:
        yield server


@pytest.fixture(scope="session")
def server_url(echo_server: EchoServer) -> str:
    """Base URL of the real Echo server, for the whole session."""
    return echo_server.url


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        message = f"Chromium not found at {CHROMIUM} (set ECHO_CHROMIUM)"
        if REQUIRE_BROWSER:
            pytest.fail(f"ECHO_TEST_REQUIRE_BROWSER=1 but {message}")
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright_driver: Playwright) -> Iterator[Browser]:
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


CALL_PASSED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Remember whether a test's body passed, for the checks in open_browser's teardown."""
    report = yield
    if report.when == "call":
        item.stash[CALL_PASSED] = report.passed
    return report


@pytest.fixture
def open_browser(
    request: pytest.FixtureRequest, chromium: Browser, echo_server: EchoServer
) -> Iterator[OpenBrowser]:
    """Open a new browser context (a person on their own device) on the test server.

    ``open_browser(js=False)`` has JavaScript off; other keywords go to
    ``Browser.new_context`` (for example ``viewport``). When the test passes, each
    person's last page must be audited and free of console errors as well.
    """
    visitors: list[Visitor] = []

    def factory(*, js: bool = True, **options: Any) -> Visitor:
        context = chromium.new_context(base_url=echo_server.url, java_script_enabled=js, **options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        screen = {key: value for key, value in options.items() if key in SCREEN_OPTIONS}
        visitor = Visitor(chromium, context, js=js, screen=screen, mailbox=echo_server.database)
        visitors.append(visitor)
        return visitor

    yield factory
    try:
        if request.node.stash.get(CALL_PASSED, False):
            for visitor in visitors:
                visitor.finish()
    finally:
        for visitor in visitors:
            visitor.close()
