"""Session start under load: 1,000 participants of 20 programs log in, open their session
page, check in and follow the redirect to the join link, against a bare Starlette
baseline, Echo on one process and Echo on two, on PostgreSQL.

    python -m bench.session_start [--participants 1000] [--programs 20] [--window 60]
                                  [--spawn-seconds 50] [--phases paced,capacity]
                                  [--argon2-time-cost 3] [--argon2-memory-kib 65536]
    make loadtest

The database: ``echo_bench_<random>``, created on the server of ``ECHO_BENCH_POSTGRES_URL``
(default ``postgresql+psycopg://postgres@127.0.0.1:5432/test``), migrated with
``echo-lms db upgrade``, seeded by ``bench.session_start_data`` and dropped at the end,
whatever happened. The load: locust (``bench.session_start_locust``, a process of its
own), one simulated user per participant, each doing the five requests once.

Three targets, one after the other, each on its own sessions of the same database:

- ``baseline``: ``bench.session_start_baseline`` (the same reads and writes in plain SQL,
  the same Argon2id verification) under uvicorn, one process;
- ``echo-1``: ``echo-lms serve --workers 1``;
- ``echo-2``: ``echo-lms serve --workers 2``.

Two phases for each target:

- ``paced``, the scenario itself: the participants arrive evenly over ``--spawn-seconds``
  (50 s: one every 50 ms), so that everyone is done within ``--window`` (60 s) when the
  server keeps up. Judged: no errors, every check-in recorded once, p95 latency, and the
  whole run (first request to last response) within the window.
- ``capacity``: the same participants (on fresh sessions) all arrive at once, so the
  server is the bottleneck and requests per second over the busy period measure how much
  it can do. Judged: no errors, every check-in recorded once, and the throughput ratios
  Echo/baseline (one process each) and Echo two processes / one process. (Under the paced
  load a server that keeps up serves exactly the arrival rate, whatever its capacity, so
  ratios there say nothing.)

Every participant has the same password, stored as one Argon2id hash with the parameters
given (default: Echo's own defaults, as a deployment has them), reused for every account;
Echo's servers are started with the same parameters, so they verify without rehashing.
The baseline verifies the same hash.

CPU time is measured per run: the server's processes, the locust process, PostgreSQL's
processes, and the machine's total (``/proc/stat``), so the table says what the two
cores were doing. Exit 0 when every target is met, 1 when one is not, 2 when the
benchmark could not run. Results in ``bench/results/session_start.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.checkin import (
    DEFAULT_POSTGRES_URL,
    POSTGRES_URL_ENV,
    PostgresUnavailable,
    ScratchDatabase,
    make_safe,
    postgres_conninfo,
)
from bench.servers import HOST, ROOT, BenchError, clean_environment, echo_cli, free_port, tail

RESULTS_FILE = ROOT / "bench" / "results" / "session_start.json"
BASELINE_APP = "bench.session_start_baseline:create_app"
TARGETS = ("baseline", "echo-1", "echo-2")
PHASES = ("paced", "capacity")
STEPS = ("login-form", "login", "session-page", "check-in", "join-link")
MAX_P95_MS = 300.0
MIN_ECHO_OVER_BASELINE = 0.5
MIN_TWO_OVER_ONE = 1.6
START_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 600.0  # ten times the window: a run still going then has failed anyway
ALL_AT_ONCE = 0.0  # the arrival rate of the capacity phase (bench.session_start_locust)

Verdict = tuple[bool, str]


@dataclass(frozen=True)
class Options:
    participants: int
    programs: int
    window_s: float
    spawn_s: float
    phases: tuple[str, ...]
    targets: tuple[str, ...]
    argon2_time_cost: int
    argon2_memory_kib: int
    postgres_url: str

    def runs(self) -> list[str]:
        return [f"{target}/{phase}" for target in self.targets for phase in self.phases]


# --- CPU accounting ---------------------------------------------------------------------------


def _psutil() -> Any:
    import psutil  # comes with locust (the bench extra)

    return psutil


def tree_cpu(pid: int) -> float:
    """CPU seconds of a process and its living children."""
    psutil = _psutil()
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def postgres_cpu() -> float:
    """CPU seconds of the machine's PostgreSQL processes (when it runs here)."""
    psutil = _psutil()
    total = 0.0
    for process in psutil.process_iter(["name", "cpu_times"]):
        if process.info["name"] in {"postgres", "postmaster"} and process.info["cpu_times"]:
            times = process.info["cpu_times"]
            total += times.user + times.system
    return total


# --- servers ---------------------------------------------------------------------------------


@dataclass
class Target:
    """One server under test, stopped on exit whatever happened."""

    name: str
    command: list[str]
    env: dict[str, str]
    log_path: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def __enter__(self) -> Target:
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def check_running(self) -> None:
        if self.process is None or self.process.poll() is not None:
            code = None if self.process is None else self.process.returncode
            raise BenchError(
                f"{self.name} has stopped (exit {code}):\n{tail(self.log_path.read_text())}"
            )

    def wait_ready(self, path: str) -> None:
        from bench.compat import httpx

        deadline = time.monotonic() + START_TIMEOUT_S
        last = "no answer"
        while time.monotonic() < deadline:
            self.check_running()
            try:
                answer = httpx.get(f"{self.url}{path}", timeout=2)
            except httpx.TransportError as error:
                last = type(error).__name__
            else:
                if answer.status_code == 200:
                    return
                last = f"HTTP {answer.status_code}"
            time.sleep(0.2)
        raise BenchError(
            f"{self.name} did not answer GET {path} with 200 in {START_TIMEOUT_S:.0f} s "
            f"(last: {last}):\n{tail(self.log_path.read_text())}"
        )


def make_target(
    name: str, folder: Path, echo_env: dict[str, str], database_url: str, label: str
) -> Target:
    port = free_port()
    log = folder / f"{label.replace('/', '-')}.log"
    if name == "baseline":
        from bench import session_start_baseline as baseline

        command = [
            sys.executable, "-m", "uvicorn", BASELINE_APP, "--factory",
            "--host", HOST, "--port", str(port), "--workers", "1",
            "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        env = clean_environment() | {
            baseline.DATABASE_ENV: database_url,
            baseline.SECRET_ENV: echo_env["ECHO_SECRET_KEY"],
        }
        return Target(name, command, env, log, port)
    workers = name.removeprefix("echo-")
    command = [
        str(echo_cli()), "serve", "--host", HOST, "--port", str(port),
        "--workers", workers, "--no-access-log",
    ]  # fmt: skip
    env = echo_env | {"ECHO_BASE_URL": f"http://{HOST}:{port}"}
    return Target(name, command, env, log, port)


# --- one run -----------------------------------------------------------------------------------


def run_locust(
    url: str, plan: list[dict[str, object]], arrival_rate: float, folder: Path, label: str
) -> dict[str, Any]:
    plan_file = folder / f"plan-{label}.json"
    out_file = folder / f"locust-{label}.json"
    plan_file.write_text(json.dumps(plan))
    plan_file.chmod(0o600)
    command = [
        sys.executable, "-m", "bench.session_start_locust", url, str(plan_file), str(out_file),
        "--arrival-rate", str(arrival_rate), "--timeout", str(RUN_TIMEOUT_S),
    ]  # fmt: skip
    done = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S + 120,
        check=False,
    )
    if done.returncode != 0 or not out_file.exists():
        raise BenchError(f"locust failed (exit {done.returncode}):\n{tail(done.stderr)}")
    result: dict[str, Any] = json.loads(out_file.read_text())
    return result


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest rank."""
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def step_figures(samples: list[list[Any]]) -> dict[str, dict[str, float]]:
    """Per step and overall: requests, failures, p50/p95/p99 in ms."""
    by_step: dict[str, list[float]] = defaultdict(list)
    failures: dict[str, int] = defaultdict(int)
    for name, _start, seconds, ok in samples:
        for key in (name, "all"):
            by_step[key].append(seconds * 1000)
            if not ok:
                failures[key] += 1
    figures = {}
    for key in (*STEPS, "all"):
        ordered = sorted(by_step.get(key, []))
        figures[key] = {
            "requests": len(ordered),
            "failures": failures.get(key, 0),
            "p50_ms": percentile(ordered, 0.50),
            "p95_ms": percentile(ordered, 0.95),
            "p99_ms": percentile(ordered, 0.99),
        }
    return figures


def check_ins(
    conninfo: str, session_ids: list[int], plan: list[dict[str, object]], confirmed: list[str]
) -> dict[str, int]:
    """What the database holds for a run's sessions, against what the run planned."""
    import psycopg

    with closing(psycopg.connect(conninfo, autocommit=True)) as db:
        rows = db.execute(
            "SELECT c.session_id, u.email FROM attendance_checkin c "
            "JOIN user_account u ON u.id = c.user_id WHERE c.session_id = ANY(%s)",
            (session_ids,),
        ).fetchall()
    expected = {(int(str(entry["session_id"])), str(entry["email"])) for entry in plan}
    found = [(int(session_id), str(email)) for session_id, email in rows]
    present = set(found)
    return {
        "expected": len(expected),
        "rows": len(found),
        "duplicates": len(found) - len(present),
        "unexpected": len(present - expected),
        "missing": len(expected - present),
        # answered "checked-in" to the participant, yet no row: a lost check-in
        "lost": len({email for email in confirmed} - {email for _sid, email in present}),
    }


@dataclass
class Run:
    target: str
    phase: str
    result: dict[str, Any]
    figures: dict[str, dict[str, float]]
    checkins: dict[str, int]
    cpu: dict[str, float]
    busy_s: float
    throughput: float
    load: tuple[float, float, float]
    notes: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.target}/{self.phase}"

    @property
    def errors(self) -> int:
        """Failed requests, plus participants who never got an answer (stopped at the run's
        end); a participant whose request failed stops there and is not counted twice."""
        return int(self.figures["all"]["failures"]) + (
            self.result["participants"] - self.result["finished"]
        )

    @property
    def clean(self) -> bool:
        c = self.checkins
        return (
            self.errors == 0
            and not self.result["timed_out"]
            and self.result["extra_users"] == 0
            and c["rows"] == c["expected"]
            and c["duplicates"] == c["unexpected"] == c["missing"] == c["lost"] == 0
        )


def measure(
    target: Target,
    phase: str,
    plan: list[dict[str, object]],
    session_ids: list[int],
    options: Options,
    folder: Path,
    conninfo: str,
) -> Run:
    arrival_rate = options.participants / options.spawn_s if phase == "paced" else ALL_AT_ONCE
    assert target.process is not None
    server_before, pg_before = tree_cpu(target.process.pid), postgres_cpu()
    result = run_locust(target.url, plan, arrival_rate, folder, f"{target.name}-{phase}")
    target.check_running()
    server_s = tree_cpu(target.process.pid) - server_before
    pg_s = postgres_cpu() - pg_before
    samples = result["samples"]
    first = min((start for _n, start, _s, _ok in samples), default=0.0)
    last = max((start + seconds for _n, start, seconds, _ok in samples), default=0.0)
    busy_s = max(last - first, 1e-9)
    figures = step_figures(samples)
    # The machine's and locust's CPU over locust's run (first spawn to last participant);
    # the server's and PostgreSQL's around the whole locust process (idle before and after).
    machine_s = float(result["machine_busy_s"])
    cpu = {
        "server_s": server_s,
        "client_s": float(result["client_cpu_s"]),
        "postgres_s": pg_s,
        "machine_s": machine_s,
        "machine_wall_s": float(result["ended"]) - float(result["began"]),
        "cpus": float(result["cpus"]),
        "other_s": machine_s - server_s - float(result["client_cpu_s"]) - pg_s,
    }
    checked = check_ins(conninfo, session_ids, plan, result["checked_in"])
    log = target.log_path.read_text(errors="replace")
    notes = [
        f"server log: {count} x {what}"
        for what, count in (
            ("Traceback", log.count("Traceback (most recent call last)")),
            ("QueuePool limit ... connection timed out", log.count("QueuePool limit")),
        )
        if count
    ]
    if result["timed_out"]:
        notes.append(f"stopped after {RUN_TIMEOUT_S:.0f} s with participants still going")
    return Run(
        target=target.name,
        phase=phase,
        result=result,
        figures=figures,
        checkins=checked,
        cpu=cpu,
        busy_s=busy_s,
        throughput=len(samples) / busy_s,
        load=os.getloadavg(),
        notes=notes,
    )


def describe(run: Run) -> str:
    overall = run.figures["all"]
    c = run.checkins
    return (
        f"  {run.label:<17} {overall['requests']:5.0f} requests, {run.errors} errors, "
        f"busy {run.busy_s:6.1f} s, {run.throughput:6.1f} req/s, p95 {overall['p95_ms']:7.0f} ms; "
        f"check-ins {c['rows']}/{c['expected']} (lost {c['lost']}, duplicates "
        f"{c['duplicates']}); CPU s: server {run.cpu['server_s']:.0f}, locust "
        f"{run.cpu['client_s']:.0f}, PostgreSQL {run.cpu['postgres_s']:.0f}, machine "
        f"{run.cpu['machine_s']:.0f} of {run.cpu['cpus'] * run.cpu['machine_wall_s']:.0f}"
    )


# --- the table --------------------------------------------------------------------------------


def table(runs: list[Run]) -> str:
    lines = []
    header = (
        f"{'run':<17} {'step':<12} {'requests':>8} {'failures':>8} {'req/s':>7} "
        f"{'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    lines.append(header)
    lines.append("-" * len(header))
    for run in runs:
        for step in (*STEPS, "all"):
            f = run.figures[step]
            rate = f["requests"] / run.busy_s
            lines.append(
                f"{run.label if step == STEPS[0] else '':<17} {step:<12} {f['requests']:>8.0f} "
                f"{f['failures']:>8.0f} {rate:>7.1f} {f['p50_ms']:>8.0f} {f['p95_ms']:>8.0f} "
                f"{f['p99_ms']:>8.0f}"
            )
        lines.append("")
    lines.append(
        f"{'run':<17} {'busy s':>7} {'done':>9} {'check-ins':>10} {'lost':>5} {'dup':>4} "
        f"{'server':>7} {'locust':>7} {'postgres':>8} {'other':>6} {'machine':>8} {'load':>5}"
    )
    for run in runs:
        c = run.checkins
        capacity = run.cpu["cpus"] * run.cpu["machine_wall_s"]
        done = f"{run.result['completed']}/{run.result['participants']}"
        done += "*" if run.result["timed_out"] else ""
        lines.append(
            f"{run.label:<17} {run.busy_s:>7.1f} {done:>9} "
            f"{c['rows']:>5}/{c['expected']:<4} {c['lost']:>5} {c['duplicates']:>4} "
            f"{run.cpu['server_s']:>6.0f}s {run.cpu['client_s']:>6.0f}s "
            f"{run.cpu['postgres_s']:>7.0f}s {run.cpu['other_s']:>5.0f}s "
            f"{run.cpu['machine_s'] / capacity:>7.0%} {run.load[0]:>5.1f}"
        )
    lines.append(
        "(CPU seconds during the run: the server's processes, the locust process, PostgreSQL "
        "(all its databases) and everything else on the machine; machine: share of all CPUs "
        "busy from the first arrival to the last participant done; load: 1-minute load "
        f"average at the end; *: stopped after {RUN_TIMEOUT_S:.0f} s)"
    )
    return "\n".join(lines)


def judge(runs: list[Run], options: Options) -> list[Verdict]:
    by = {run.label: run for run in runs}
    verdicts: list[Verdict] = []
    for run in runs:
        c = run.checkins
        problems = []
        if run.errors:
            problems.append(f"{run.errors} errors")
        if run.result["timed_out"]:
            problems.append("timed out")
        if run.result["extra_users"]:
            problems.append(f"{run.result['extra_users']} users beyond the plan")
        verdicts.append(
            (
                not problems,
                f"{run.label}: no errors ({run.result['completed']}/"
                f"{run.result['participants']} participants through all five steps"
                + (f"; {', '.join(problems)}" if problems else "")
                + ")",
            )
        )
        verdicts.append(
            (
                c["rows"] == c["expected"]
                and c["duplicates"] == c["unexpected"] == c["missing"] == c["lost"] == 0,
                f"{run.label}: check-ins recorded {c['rows']}/{c['expected']}, lost {c['lost']}, "
                f"duplicates {c['duplicates']}, missing {c['missing']}, "
                f"unexpected {c['unexpected']}",
            )
        )
    for name in ("echo-1", "echo-2"):
        run = by.get(f"{name}/paced")
        if run is None:
            continue
        p95 = run.figures["all"]["p95_ms"]
        verdicts.append(
            (
                p95 <= MAX_P95_MS,
                f"{run.label}: p95 latency {p95:.0f} ms over all steps "
                f"(target: at most {MAX_P95_MS:.0f} ms)",
            )
        )
        verdicts.append(
            (
                run.busy_s <= options.window_s,
                f"{run.label}: everyone through in {run.busy_s:.1f} s, first request to last "
                f"response (target: within {options.window_s:.0f} s)",
            )
        )
    baseline, one, two = (by.get(f"{name}/capacity") for name in TARGETS)
    if baseline is not None and one is not None:
        ratio = one.throughput / baseline.throughput
        verdicts.append(
            (
                ratio >= MIN_ECHO_OVER_BASELINE,
                f"capacity: Echo (1 process) {one.throughput:.1f} req/s is {ratio:.2f} of the "
                f"baseline's {baseline.throughput:.1f} (target: at least "
                f"{MIN_ECHO_OVER_BASELINE:.2f})",
            )
        )
    if one is not None and two is not None:
        ratio = two.throughput / one.throughput
        verdicts.append(
            (
                ratio >= MIN_TWO_OVER_ONE,
                f"capacity: Echo on 2 processes {two.throughput:.1f} req/s is {ratio:.2f}x one "
                f"process's {one.throughput:.1f} (target: at least {MIN_TWO_OVER_ONE:.1f}x; "
                f"{scaling_ceiling(one)})",
            )
        )
    return verdicts


def scaling_ceiling(one: Run) -> str:
    """What this machine lets more processes add: at capacity one process (with locust,
    PostgreSQL and the rest) kept a share of all CPUs busy; with the same CPU per request, no
    number of processes can serve more than 1/share times as much."""
    share = one.cpu["machine_s"] / (one.cpu["cpus"] * one.cpu["machine_wall_s"])
    return (
        f"one process kept {share:.0%} of the {one.cpu['cpus']:.0f} CPUs busy, so any number "
        f"of processes can reach at most {1 / share:.2f}x here"
    )


# --- the whole benchmark --------------------------------------------------------------------


def hashing_cost(time_cost: int, memory_kib: int) -> float:
    """CPU seconds of one Argon2id verification with these parameters, on this machine."""
    from echo.security.passwords import Passwords

    passwords = Passwords(time_cost, memory_kib)
    stored = passwords.hash("a password to time")
    passwords.verify(stored, "a password to time")
    started = time.process_time()
    for _ in range(5):
        passwords.verify(stored, "a password to time")
    return (time.process_time() - started) / 5


def upgrade(env: dict[str, str]) -> None:
    """`echo-lms db upgrade`: before seeding, and again before each Echo server starts (in a
    checkout someone works in, a migration may arrive during a long run; a server whose
    code needs it would never be ready)."""
    done = subprocess.run(
        [str(echo_cli()), "db", "upgrade"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"`echo-lms db upgrade` failed:\n{tail(done.stdout + done.stderr)}")


def prepare(options: Options, folder: Path, url: str) -> tuple[dict[str, str], Any]:
    from pydantic import SecretStr

    from bench.session_start_data import ReusedHash, seed
    from echo.settings import Settings

    env = clean_environment() | {
        "ECHO_DATABASE_URL": url,
        "ECHO_VAR_DIR": str(folder / "var"),
        "ECHO_SECRET_KEY": secrets.token_urlsafe(36),
        "ECHO_ARGON2_TIME_COST": str(options.argon2_time_cost),
        "ECHO_ARGON2_MEMORY_KIB": str(options.argon2_memory_kib),
    }
    started = time.perf_counter()
    upgrade(env)
    settings = Settings(
        var_dir=folder / "var",
        database_url=url,
        secret_key=SecretStr(env["ECHO_SECRET_KEY"]),
        argon2_time_cost=options.argon2_time_cost,
        argon2_memory_kib=options.argon2_memory_kib,
    )
    world = seed(
        settings,
        participants=options.participants,
        program_count=options.programs,
        runs=[*options.runs(), *(f"warm-up:{label}" for label in options.runs())],
        passwords=ReusedHash(options.argon2_time_cost, options.argon2_memory_kib),
    )
    import psycopg

    with closing(psycopg.connect(postgres_conninfo(url), autocommit=True)) as db:
        db.execute("VACUUM (ANALYZE)")
    print(
        f"Database migrated and seeded in {time.perf_counter() - started:.1f} s: "
        f"{options.participants} participants in {options.programs} programs, one session "
        f"per program and run ({len(options.runs())} runs)"
    )
    return env, world


def warm_up(target: Target, world: Any, folder: Path, phase: str) -> None:
    """A few participants through the five steps, not measured; any failure stops here."""
    from bench.session_start_data import PASSWORD

    plan = [
        {
            "email": person.email,
            "password": PASSWORD,
            "session_id": world.sessions[f"warm-up:{target.name}/{phase}"][0],
            "meeting_url": world.meeting_urls[0],
        }
        for person in world.warm_up
    ]
    result = run_locust(target.url, plan, 5.0, folder, f"{target.name}-{phase}-warm-up")
    if result["completed"] != len(plan):
        raise BenchError(
            f"the warm-up on {target.name} failed: {result['errors']}\n"
            f"{tail(target.log_path.read_text())}"
        )


def run(options: Options) -> int:
    print(
        f"Session start: {options.participants} participants of {options.programs} programs "
        f"log in, open their session page, check in and fetch the join link; targets "
        f"{', '.join(options.targets)}; phases {', '.join(options.phases)}"
    )
    cost = hashing_cost(options.argon2_time_cost, options.argon2_memory_kib)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    floor = cost * options.participants
    print(
        f"Argon2id t={options.argon2_time_cost}, m={options.argon2_memory_kib} KiB: "
        f"{cost * 1000:.0f} ms of CPU per login here; {options.participants} logins need "
        f"{floor:.0f} CPU s, {floor / ((cpus or 1) * options.window_s):.0%} of what "
        f"{cpus} CPUs give in {options.window_s:.0f} s"
    )
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="echo-session-start-") as tmp, ExitStack() as stack:
        folder = Path(tmp)
        scratch = ScratchDatabase(options.postgres_url)
        try:
            url = stack.enter_context(scratch)
        except PostgresUnavailable as error:
            print(f"PostgreSQL at {make_safe(options.postgres_url)} is not usable: {error}")
            return 2
        print(f"PostgreSQL: scratch database {scratch.name}")
        conninfo = postgres_conninfo(url)
        try:
            env, world = prepare(options, folder, url)
            for name in options.targets:
                for phase in options.phases:
                    # A fresh server for every run: nothing left over from the one before.
                    label = f"{name}/{phase}"
                    if name != "baseline":
                        upgrade(env)
                    with make_target(name, folder, env, url, label) as target:
                        target.wait_ready("/healthz")
                        if name != "baseline":
                            target.wait_ready("/readyz")
                        warm_up(target, world, folder, phase)
                        measured = measure(
                            target,
                            phase,
                            world.plan(label),
                            world.sessions[label],
                            options,
                            folder,
                            conninfo,
                        )
                    runs.append(measured)
                    print(describe(measured), flush=True)
                    errors = sorted(measured.result["errors"].items(), key=lambda item: -item[1])
                    for what, count in errors[:6]:
                        print(f"      {count} x {what}")
                    for note in measured.notes:
                        print(f"      {note}")
        except BenchError as error:
            print(f"The benchmark could not run: {error}")
            return 2
    print()
    print(table(runs))
    print()
    verdicts = judge(runs, options)
    for met, text in verdicts:
        print(f"{'PASS' if met else 'FAIL'}: {text}")
    passed = all(met for met, _ in verdicts)
    print(f"Overall: {'PASS' if passed else 'FAIL'}")
    write_results(options, runs, verdicts, cost)
    return 0 if passed else 1


def write_results(options: Options, runs: list[Run], verdicts: list[Verdict], cost: float) -> None:
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(
        json.dumps(
            {
                "options": {
                    key: value for key, value in options.__dict__.items() if key != "postgres_url"
                },
                "argon2_cpu_s_per_login": cost,
                "runs": [
                    {
                        "run": run.label,
                        "busy_s": run.busy_s,
                        "requests_per_s": run.throughput,
                        "steps": run.figures,
                        "check_ins": run.checkins,
                        "cpu": run.cpu,
                        "load_average": run.load,
                        "completed": run.result["completed"],
                        "participants": run.result["participants"],
                        "timed_out": run.result["timed_out"],
                        "errors": run.result["errors"],
                        "locust_version": run.result.get("locust_version"),
                    }
                    for run in runs
                ],
                "verdicts": [{"passed": met, "text": text} for met, text in verdicts],
            },
            indent=2,
        )
    )
    print(f"Results in {RESULTS_FILE.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    from echo.settings import Settings

    defaults = Settings.model_fields
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--programs", type=int, default=20)
    parser.add_argument("--window", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument(
        "--spawn-seconds", type=float, default=50.0, help="paced arrivals over this long"
    )
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument(
        "--argon2-time-cost", type=int, default=defaults["argon2_time_cost"].default
    )
    parser.add_argument(
        "--argon2-memory-kib", type=int, default=defaults["argon2_memory_kib"].default
    )
    args = parser.parse_args(argv)
    phases = tuple(p for p in args.phases.split(",") if p)
    targets = tuple(t for t in args.targets.split(",") if t)
    if not set(phases) <= set(PHASES) or not set(targets) <= set(TARGETS):
        parser.error(f"phases are {', '.join(PHASES)}; targets {', '.join(TARGETS)}")
    options = Options(
        participants=args.participants,
        programs=args.programs,
        window_s=args.window,
        spawn_s=args.spawn_seconds,
        phases=phases,
        targets=targets,
        argon2_time_cost=args.argon2_time_cost,
        argon2_memory_kib=args.argon2_memory_kib,
        postgres_url=os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL,
    )
    return run(options)


if __name__ == "__main__":
    raise SystemExit(main())
