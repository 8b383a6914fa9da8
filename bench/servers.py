"""What the HTTP benchmarks share: the servers' command line, CPU pinning, the
throw-away database with the demo data, and uvicorn processes that stop whatever
happens (``bench.run`` for the program page and the feed, ``bench.checkin`` for the
check-in burst).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from bench.compat import httpx

ROOT = Path(__file__).resolve().parent.parent
HEALTH_TIMEOUT_S = 30.0
HOST = "127.0.0.1"
DATABASE_FILE = "bench.sqlite3"


class BenchError(Exception):
    """The benchmark could not run; the message says why."""


@dataclass(frozen=True)
class CpuPlan:
    """Which CPUs the servers and the load generator are pinned to (None: not pinned)."""

    server: frozenset[int] | None = None
    load: frozenset[int] | None = None

    @classmethod
    def choose(cls, pin: bool) -> CpuPlan:
        if not pin or not hasattr(os, "sched_getaffinity"):
            return cls()
        available = sorted(os.sched_getaffinity(0))
        if len(available) < 2:
            return cls()
        return cls(server=frozenset(available[:1]), load=frozenset(available[1:]))

    def describe(self) -> str:
        if self.server is None or self.load is None:
            return "not pinned"
        return f"servers on CPU {sorted(self.server)}, load generator on CPU {sorted(self.load)}"


def pinned_to(cpus: frozenset[int] | None) -> Callable[[], None] | None:
    """A ``preexec_fn`` that pins the child process to ``cpus``."""
    if cpus is None:
        return None

    def pin() -> None:
        os.sched_setaffinity(0, cpus)

    return pin


def uvicorn_command(app: str, port: int | str) -> list[str]:
    """The one server command line, the same for Echo and the baseline but for ``app``."""
    return [
        sys.executable, "-m", "uvicorn", app, "--factory",
        "--host", HOST, "--port", str(port), "--workers", "1",
        "--no-access-log", "--no-proxy-headers", "--log-level", "warning",
    ]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def clean_environment() -> dict[str, str]:
    """This process's environment without ECHO_* settings: each run sets its own."""
    return {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}


def echo_environment(tmp: Path, port: int) -> dict[str, str]:
    return clean_environment() | {
        "ECHO_DATABASE_URL": f"sqlite:///{tmp / DATABASE_FILE}",
        "ECHO_VAR_DIR": str(tmp),
        "ECHO_SECRET_KEY": secrets.token_urlsafe(36),  # 48 characters
        "ECHO_BASE_URL": f"http://{HOST}:{port}",
    }


def tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def echo_cli() -> Path:
    path = Path(sys.executable).parent / "echo-lms"
    if not path.exists():
        raise BenchError(f"{path} not found: install the project first (make install)")
    return path


def prepare_database(env: dict[str, str]) -> None:
    """Create the schema and the demo data with the project's own commands."""
    for command in (["db", "upgrade"], ["demo"]):
        shown = "echo-lms " + " ".join(command)
        started = time.perf_counter()
        result = subprocess.run(
            [str(echo_cli()), *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(
                f"`{shown}` failed (exit {result.returncode}):\n"
                + tail(result.stdout + result.stderr)
            )
        print(f"{shown}: done in {time.perf_counter() - started:.1f} s")


@dataclass
class Server:
    """One uvicorn process, stopped on exit from its ``with`` block, whatever happened."""

    name: str
    app: str
    env: dict[str, str]
    log_path: Path
    cpus: frozenset[int] | None
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> Server:
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                uvicorn_command(self.app, self.port),
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own session: Ctrl-C reaches only this script, which then stops the server.
                start_new_session=True,
                preexec_fn=pinned_to(self.cpus),
            )
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def log(self) -> str:
        return tail(self.log_path.read_text(errors="replace"))

    def check_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            code = None if self.process is None else self.process.returncode
            raise BenchError(f"the {self.name} server has stopped (exit {code}):\n{self.log()}")

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        last = "no answer"
        while time.monotonic() < deadline:
            self.check_running()
            try:
                response = httpx.get(f"{self.url}/healthz", timeout=2)
            except httpx.TransportError as exc:
                last = type(exc).__name__
            else:
                if response.status_code == 200:
                    return
                last = f"HTTP {response.status_code}"
            time.sleep(0.1)
        raise BenchError(
            f"the {self.name} server did not answer GET /healthz with 200 within "
            f"{timeout:.0f} s (last: {last}):\n{self.log()}"
        )
