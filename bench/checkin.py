"""Check-in burst: 300 signed-in participants press "Check in" for one session at once.

    python -m bench --only checkin [--checkin-rounds 3] [--checkin-participants 300]

Run twice, on SQLite and on PostgreSQL (``ECHO_BENCH_POSTGRES_URL``, default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``: a scratch database
``echo_bench_<random>`` is created there and dropped afterwards; when PostgreSQL does
not answer, that run is skipped, and counts as a failure only with
``ECHO_BENCH_REQUIRE_POSTGRES=1``).

For each database: ``echo-lms db upgrade`` and ``echo-lms demo``, then
``bench.checkin_data`` adds the participants (account, active enrollment in
``peds-mh-echo``, login cookie and CSRF token) and one open session per burst. Echo and
the baseline (``bench.checkin_baseline``: one INSERT per request) run with the same
uvicorn command line as the other benchmarks, pinned like them. Each burst
(``bench.burst``, a process of its own) sends every participant's
``POST /sessions/<id>/check-in`` at once, each on its own connection with its own cookie
and ``csrf_token``. One untimed warm-up burst on each server, then each round: baseline,
then Echo, each into a session of its own. After every burst the database must hold
exactly one row per participant for that session, and every answer must be a 303
(Echo's to ``?notice=checked-in``).

Figures per burst: requests/s = participants / wall time (first request written to last
response read) and the latencies' p50/p95. Targets, on the medians over the rounds:
Echo reaches at least half the baseline's requests/s, Echo's p95 is at most 300 ms, and
every round recorded every check-in once with no errors.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from pydantic import SecretStr

from bench import checkin_baseline
from bench.servers import (
    ROOT,
    BenchError,
    CpuPlan,
    Server,
    clean_environment,
    echo_environment,
    free_port,
    pinned_to,
    prepare_database,
    tail,
)

POSTGRES_URL_ENV = "ECHO_BENCH_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "ECHO_BENCH_REQUIRE_POSTGRES"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
PARTICIPANTS = 300
ROUNDS = 3
TARGET_RATIO = 0.5  # Echo's requests/s over the baseline's
MAX_P95_MS = 300.0  # Echo's 95th percentile latency
ECHO_APP = "echo.app:create_app"
BASELINE_APP = "bench.checkin_baseline:create_app"
SUCCESS_STATUS = 303
SUCCESS_LOCATION = "notice=checked-in"
BURST_TIMEOUT_S = 300

Verdict = tuple[bool, str]


@dataclass(frozen=True)
class CheckinOptions:
    rounds: int = ROUNDS
    participants: int = PARTICIPANTS
    postgres_url: str = DEFAULT_POSTGRES_URL
    require_postgres: bool = False

    @classmethod
    def from_environment(cls, rounds: int, participants: int) -> CheckinOptions:
        return cls(
            rounds=rounds,
            participants=participants,
            postgres_url=os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL,
            require_postgres=os.environ.get(REQUIRE_POSTGRES_ENV) == "1",
        )


@dataclass
class CheckinResult:
    verdicts: list[Verdict] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)

    @property
    def failures(self) -> list[str]:
        return [text for met, text in self.verdicts if not met]


@dataclass(frozen=True)
class Backend:
    """One database to run the burst on: Echo's URL and the baseline's."""

    key: str  # "sqlite" or "postgresql"
    label: str  # "SQLite", "PostgreSQL"
    echo_url: str
    baseline_url: str


# --- PostgreSQL scratch database ------------------------------------------------------------


class PostgresUnavailable(Exception):
    """PostgreSQL did not answer or refused the scratch database; the message says why."""


def postgres_conninfo(url: str, database: str | None = None) -> str:
    """A libpq URL for psycopg from a SQLAlchemy one, optionally for another database."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def with_database(url: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=database).render_as_string(hide_password=False)


@dataclass
class ScratchDatabase:
    """``CREATE DATABASE echo_bench_<random>`` on entry, ``DROP DATABASE`` on exit."""

    url: str  # the server's URL as given (its database is where CREATE DATABASE runs)
    name: str = field(default_factory=lambda: f"echo_bench_{secrets.token_hex(4)}")
    created: bool = False

    def _admin(self) -> Any:
        try:
            import psycopg
        except ImportError as exc:
            raise PostgresUnavailable("psycopg is not installed (the `postgres` extra)") from exc
        try:
            return psycopg.connect(postgres_conninfo(self.url), autocommit=True, connect_timeout=5)
        except psycopg.Error as exc:
            raise PostgresUnavailable(str(exc).strip().splitlines()[0]) from exc

    def __enter__(self) -> str:
        import psycopg

        with closing(self._admin()) as admin:
            try:
                admin.execute(f'CREATE DATABASE "{self.name}"')
            except psycopg.Error as exc:
                raise PostgresUnavailable(str(exc).strip().splitlines()[0]) from exc
        self.created = True
        return with_database(self.url, self.name)

    def __exit__(self, *exc_info: object) -> None:
        if not self.created:
            return
        import psycopg

        try:
            with closing(self._admin()) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except (psycopg.Error, PostgresUnavailable) as exc:
            print(f"WARNING: could not drop the scratch database {self.name}: {exc}")
        else:
            print(f"PostgreSQL: scratch database {self.name} dropped")


# --- bursts -----------------------------------------------------------------------------------


def run_burst(
    url: str, requests_file: Path, cpus: CpuPlan, *, location: str | None
) -> dict[str, Any]:
    """One burst through ``bench.burst`` in a process of its own."""
    command = [
        sys.executable, "-m", "bench.burst", url, str(requests_file),
        "--expect", str(SUCCESS_STATUS),
    ]  # fmt: skip
    if location:
        command += ["--location", location]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=BURST_TIMEOUT_S,
        preexec_fn=pinned_to(cpus.load),
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"the burst client failed (exit {result.returncode}):\n{result.stderr}")
    outcome: dict[str, Any] = json.loads(result.stdout)
    return outcome


def describe_burst(run: dict[str, Any]) -> str:
    latency = run["latency_ms"]
    text = (
        f"{run['requests_per_s']:8.1f} req/s  wall {run['wall_s'] * 1000:7.1f} ms  "
        f"p50 {latency['p50']:7.1f} ms  p95 {latency['p95']:7.1f} ms  "
        f"errors {run['errors']}/{run['requests']}  "
        f"rows {run['rows']}/{run['requests']}, duplicates {run['duplicates']}"
    )
    failed = {key: count for key, count in run["outcomes"].items() if key != "ok"}
    return text + (f" {failed}" if failed else "")


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "requests_per_s": statistics.median(run["requests_per_s"] for run in runs),
        "p50_ms": statistics.median(run["latency_ms"]["p50"] for run in runs),
        "p95_ms": statistics.median(run["latency_ms"]["p95"] for run in runs),
        "runs_requests_per_s": [run["requests_per_s"] for run in runs],
        "runs_p95_ms": [run["latency_ms"]["p95"] for run in runs],
        "requests": sum(run["requests"] for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "rows": [run["rows"] for run in runs],
        "duplicates": sum(run["duplicates"] for run in runs),
    }


# --- one database -----------------------------------------------------------------------------


def measure_backend(
    backend: Backend, options: CheckinOptions, folder: Path, cpus: CpuPlan
) -> dict[str, Any]:
    """Prepare the database, start both servers, run the bursts; every run's figures."""
    from bench.checkin_data import PROGRAM_SLUG, add_participants, recorded
    from echo.db import Database
    from echo.settings import Settings

    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = echo_environment(folder, port) | {"ECHO_DATABASE_URL": backend.echo_url}
    prepare_database(env)
    settings = Settings(
        var_dir=folder,
        database_url=backend.echo_url,
        secret_key=SecretStr(env["ECHO_SECRET_KEY"]),
        base_url=env["ECHO_BASE_URL"],
    )
    started = time.perf_counter()
    setup = add_participants(settings, options.participants, options.rounds + 1)
    print(
        f"{backend.label}: {len(setup.participants)} participants enrolled in {PROGRAM_SLUG} "
        f"and signed in, {len(setup.session_ids)} open sessions (one warm-up, one per round); "
        f"done in {time.perf_counter() - started:.1f} s"
    )
    user_ids = [person.user_id for person in setup.participants]
    # The same bytes to both servers: the baseline reads user_id, Echo reads the cookie.
    requests = [
        {
            "cookie": person.cookie,
            "body": urlencode({"csrf_token": person.csrf_token, "user_id": person.user_id}),
        }
        for person in setup.participants
    ]
    requests_file = folder / "burst-requests.json"
    requests_file.write_text(json.dumps(requests))
    requests_file.chmod(0o600)
    checkin_baseline.create_table(backend.baseline_url)

    database = Database(settings)
    runs: list[dict[str, Any]] = []
    with ExitStack() as stack:
        stack.callback(database.dispose)
        echo = stack.enter_context(
            Server(f"echo ({backend.label})", ECHO_APP, env, folder / "echo.log", cpus.server, port)
        )
        baseline_env = clean_environment() | {checkin_baseline.DATABASE_ENV: backend.baseline_url}
        baseline = stack.enter_context(
            Server(
                f"check-in baseline ({backend.label})",
                BASELINE_APP,
                baseline_env,
                folder / "baseline.log",
                cpus.server,
            )
        )
        echo.wait_healthy()
        baseline.wait_healthy()

        def burst(name: str, server: Server, session_id: int) -> dict[str, Any]:
            server.check_running()
            url = f"{server.url}/sessions/{session_id}/check-in"
            run = run_burst(url, requests_file, cpus, location=SUCCESS_LOCATION)
            if name == "echo":
                found = recorded(database, session_id, user_ids)
                run |= {"rows": found.rows, "duplicates": found.duplicates}
                run["complete"] = found.complete(len(user_ids))
            else:
                rows, people = checkin_baseline.recorded(backend.baseline_url, session_id)
                run |= {"rows": rows, "duplicates": rows - people}
                run["complete"] = rows == people == len(user_ids)
            return run | {"benchmark": name, "session_id": session_id}

        warm_up, *measured = setup.session_ids
        for name, server in (("baseline", baseline), ("echo", echo)):
            run = burst(name, server, warm_up)
            print(f"  warm-up     {name:<8}  {describe_burst(run)}", flush=True)
            if run["errors"] == run["requests"]:
                raise BenchError(
                    f"check-in burst on {backend.label}: every {name} request failed "
                    f"({run['outcomes']}):\n{server.log()}"
                )
        for number, session_id in enumerate(measured, start=1):
            for name, server in (("baseline", baseline), ("echo", echo)):
                run = burst(name, server, session_id) | {"round": number}
                runs.append(run)
                print(
                    f"  round {number}/{options.rounds}  {name:<8}  {describe_burst(run)}",
                    flush=True,
                )
    return {"runs": runs, "participants": len(user_ids), "session_ids": setup.session_ids}


def judge(
    backend: Backend, measured: dict[str, Any], options: CheckinOptions
) -> tuple[list[Verdict], dict[str, Any]]:
    """Print the medians and the targets' verdicts for one database."""
    runs = measured["runs"]
    summary = {
        name: summarize([run for run in runs if run["benchmark"] == name])
        for name in ("baseline", "echo")
    }
    print(f"Check-in burst on {backend.label}, median of {options.rounds} round(s):")
    for name, numbers in summary.items():
        spread = ", ".join(f"{value:.1f}" for value in numbers["runs_requests_per_s"])
        print(
            f"  {name:<8}  {numbers['requests_per_s']:8.1f} req/s  "
            f"p50 {numbers['p50_ms']:7.1f} ms  p95 {numbers['p95_ms']:7.1f} ms  "
            f"errors {numbers['errors']}/{numbers['requests']}  (runs: {spread})"
        )
    echo, baseline = summary["echo"], summary["baseline"]
    ratio = echo["requests_per_s"] / baseline["requests_per_s"] if baseline["requests_per_s"] else 0
    participants = measured["participants"]
    incomplete = [run for run in runs if not run["complete"] or run["errors"]]
    ratio_met, p95_met = ratio >= TARGET_RATIO, echo["p95_ms"] <= MAX_P95_MS
    print(
        f"Ratio echo/baseline (requests/s): {ratio:.3f}  {'PASS' if ratio_met else 'FAIL'} "
        f"(target: at least {TARGET_RATIO:.2f})"
    )
    print(
        f"Echo p95 latency: {echo['p95_ms']:.1f} ms  {'PASS' if p95_met else 'FAIL'} "
        f"(target: at most {MAX_P95_MS:.0f} ms)"
    )
    rows = ", ".join(str(value) for value in echo["rows"])
    print(
        f"Echo recorded per round: {rows} of {participants} rows, {echo['duplicates']} "
        f"duplicates, {echo['errors']} errors; baseline {baseline['errors']} errors  "
        f"{'FAIL' if incomplete else 'PASS'}"
    )
    where = f"check-in burst on {backend.label}"
    verdicts: list[Verdict] = [
        (
            ratio_met,
            f"{where}: Echo reaches {ratio:.1%} of the baseline's requests/s "
            f"({echo['requests_per_s']:.1f} vs {baseline['requests_per_s']:.1f}; "
            f"target: at least {TARGET_RATIO:.0%})",
        ),
        (
            p95_met,
            f"{where}: Echo's p95 latency {echo['p95_ms']:.1f} ms "
            f"(median of {options.rounds} rounds; target: at most {MAX_P95_MS:.0f} ms)",
        ),
        (
            not incomplete,
            f"{where}: every round recorded {participants}/{participants} check-ins, "
            "no duplicates, no errors"
            + (
                ""
                if not incomplete
                else " - not so in: "
                + "; ".join(
                    f"{run['benchmark']} round {run['round']} ({run['rows']} rows, "
                    f"{run['duplicates']} duplicates, {run['errors']} errors)"
                    for run in incomplete
                )
            ),
        ),
    ]
    results = {
        "summary": summary,
        "ratio_requests_per_s": ratio,
        "verdicts": [{"passed": met, "text": text} for met, text in verdicts],
    }
    return verdicts, results


# --- the benchmark ----------------------------------------------------------------------------


def run_benchmark(options: CheckinOptions, tmp: Path, cpus: CpuPlan) -> CheckinResult:
    """Print the check-in burst's figures on both databases; return verdicts and results."""
    result = CheckinResult()
    result.results = {
        "participants": options.participants,
        "rounds": options.rounds,
        "targets": {"ratio_at_least": TARGET_RATIO, "echo_p95_ms_at_most": MAX_P95_MS},
        "databases": {},
    }
    print(
        f"Check-in burst: {options.participants} participants POST /sessions/<id>/check-in "
        f"at once, one connection each; a warm-up burst, then {options.rounds} round(s) of "
        "baseline and Echo"
    )
    sqlite_folder = tmp / "checkin-sqlite"
    sqlite = Backend(
        "sqlite",
        "SQLite",
        f"sqlite:///{sqlite_folder / 'echo.sqlite3'}",
        f"sqlite:///{sqlite_folder / 'baseline.sqlite3'}",
    )
    result.verdicts += run_backend(sqlite, options, sqlite_folder, cpus, result.results)

    scratch = ScratchDatabase(options.postgres_url)
    try:
        with scratch as url:
            print(f"PostgreSQL: scratch database {scratch.name}")
            postgres = Backend("postgresql", "PostgreSQL", url, url)
            result.verdicts += run_backend(
                postgres, options, tmp / "checkin-postgresql", cpus, result.results
            )
    except PostgresUnavailable as exc:
        shown = make_safe(options.postgres_url)
        print(f"PostgreSQL: the PostgreSQL run was not possible ({shown}: {exc})")
        result.results["databases"]["postgresql"] = {"status": f"not possible: {exc}"}
        if options.require_postgres:
            result.verdicts.append(
                (
                    False,
                    f"check-in burst on PostgreSQL: not possible ({exc}); required by "
                    f"{REQUIRE_POSTGRES_ENV}=1",
                )
            )
        else:
            print(f"PostgreSQL: not counted (set {REQUIRE_POSTGRES_ENV}=1 to require it)")
    result.results["verdicts"] = [{"passed": met, "text": text} for met, text in result.verdicts]
    result.results["passed"] = not result.failures
    return result


def run_backend(
    backend: Backend,
    options: CheckinOptions,
    folder: Path,
    cpus: CpuPlan,
    results: dict[str, Any],
) -> list[Verdict]:
    print(f"Check-in burst on {backend.label}:")
    try:
        measured = measure_backend(backend, options, folder, cpus)
    except BenchError as exc:
        results["databases"][backend.key] = {"status": f"failed: {exc}"}
        print(f"check-in burst on {backend.label} could not run: {exc}")
        return [(False, f"check-in burst on {backend.label} could not run: {tail(str(exc), 3)}")]
    verdicts, judged = judge(backend, measured, options)
    results["databases"][backend.key] = {"status": "measured", **judged, **measured}
    return verdicts


def make_safe(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
