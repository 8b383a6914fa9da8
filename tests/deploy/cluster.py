"""Processes for the deployment tests: `echo-lms serve`, `echo-lms worker` and nginx in front.

Each process writes its output to a file of its own and is stopped by ``stop()`` whatever
happened (SIGTERM, then SIGKILL after a grace period). nginx runs in the foreground
(``daemon off``) with a generated configuration, pid file, logs and temporary folders in a
folder of the test's, so it touches nothing of the machine's own nginx.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from httpx2 import Client, TransportError

from echo.settings import PROJECT_ROOT

HOST = "127.0.0.1"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
# Debian installs nginx in /usr/sbin, which is not on an ordinary user's PATH.
NGINX_CANDIDATES = ("nginx", "/usr/sbin/nginx")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def find_nginx() -> str | None:
    for candidate in NGINX_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def tail(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return f"({path.name}: nothing written)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def echo_lms(*args: str) -> list[str]:
    """The `echo-lms` command line (``python -m echo`` of this interpreter)."""
    return [sys.executable, "-m", "echo", *args]


def run_cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        echo_lms(*args),
        env=env,
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"`echo-lms {' '.join(args)}` failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


@dataclass
class Process:
    """One child process with its output in ``log``."""

    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> Process:
        with self.log.open("wb") as output:
            self.process = subprocess.Popen(
                self.command,
                env=self.env,
                cwd=PROJECT_ROOT,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches pytest, which then stops it
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def check_running(self) -> None:
        if not self.running():
            code = None if self.process is None else self.process.returncode
            raise RuntimeError(f"{self.name} has stopped (exit {code}):\n{tail(self.log)}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT_S)


def wait_ready(url: str, watched: list[Process], timeout: float = START_TIMEOUT_S) -> None:
    """Wait until ``GET url`` answers 200, failing early when a watched process stops."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    with Client(timeout=2) as client:
        while time.monotonic() < deadline:
            for process in watched:
                process.check_running()
            try:
                answer = client.get(url)
            except TransportError as error:
                last = type(error).__name__
            else:
                if answer.status_code == 200:
                    return
                last = f"HTTP {answer.status_code}: {answer.text[:200]}"
            time.sleep(0.1)
    logs = "\n".join(f"--- {p.name}:\n{tail(p.log)}" for p in watched)
    raise RuntimeError(f"GET {url} did not answer 200 in {timeout:.0f} s (last: {last})\n{logs}")


def nginx_config(folder: Path, *, port: int, upstreams: list[int]) -> str:
    """An nginx configuration like docs/deployment.md's, for plain http on ``port``.

    Beyond the guide's: ``X-Upstream`` says which app process answered (so a test can see
    the round robin), and everything nginx writes goes to ``folder``.
    """
    servers = "\n".join(f"        server {HOST}:{upstream};" for upstream in upstreams)
    # As root, nginx would hand its workers to "nobody", who cannot enter the test's folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""\
{user}worker_processes 1;
error_log {folder}/error.log notice;
pid {folder}/nginx.pid;

events {{
    worker_connections 1024;
}}

http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    types {{
        text/css css;
        application/javascript js;
        image/svg+xml svg;
        font/woff2 woff2;
    }}
    default_type application/octet-stream;

    upstream echo {{
{servers}
        keepalive 16;
    }}

    server {{
        listen {HOST}:{port};
        server_name localhost;
        client_max_body_size 20m;

        location /static/ {{
            alias {PROJECT_ROOT}/static/;
            expires 1h;
        }}

        location / {{
            proxy_pass http://echo;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Request-ID $request_id;
            proxy_connect_timeout 5s;
            proxy_send_timeout 60s;
            proxy_read_timeout 60s;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def nginx_process(nginx: str, folder: Path, *, port: int, upstreams: list[int]) -> Process:
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(nginx_config(folder, port=port, upstreams=upstreams))
    command = [
        nginx, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log"),
        "-g", "daemon off;",
    ]  # fmt: skip
    return Process("nginx", command, dict(os.environ), folder / "nginx.out")


def check_nginx_config(nginx: str, folder: Path, *, port: int, upstreams: list[int]) -> None:
    """``nginx -t`` on the generated configuration (a clear message instead of a dead proxy)."""
    process = nginx_process(nginx, folder, port=port, upstreams=upstreams)
    done = subprocess.run(
        [*process.command[:-2], "-t"], capture_output=True, text=True, timeout=30, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"nginx -t refused the configuration:\n{done.stderr}")
