"""Benchmark Echo's program page against a bare Starlette + Jinja2 page, Echo's
calendar feed against the same calendar built directly with ``icalendar``, a burst
of check-ins against a bare INSERT endpoint, and a report import against a csv read.

    python -m bench [--duration 10] [--warmup 2] [--concurrency 8] [--rounds 2]
    python -m bench --only phi|checkin|import

First the PHI guard's benchmark (``bench.phi``: recall and false blocks on labelled
case texts, scan time; no server) and the report import (``bench.attendance_import``:
a 2,000-row Zoom report parsed and imported; no server), then the check-in burst
(``bench.checkin``: 300 participants checking in at once, on SQLite and PostgreSQL,
with servers of its own), then the servers' benchmarks below.

Prepares a throw-away SQLite database with the demo data and a program with
three years of weekly sessions (``bench.feed_data``), starts Echo and the
baseline app (``bench.baseline_app``) with the same uvicorn command line, signs
in as the demo pediatrician, then measures in turn, round after round: the two
pages, the program's calendar feed and its 304 (all with the load generator,
``bench.load``, in a process of its own) and direct builds of the same calendar
(``bench.feed_direct``, also a process of its own). Prints throughput and
latency for each run, the medians, the ratio echo/baseline of requests per
second, the feed's times and ratios, and PASS or FAIL against each target.
Exit status: 0 all pass, 1 a target failed, 2 the benchmark could not run.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from types import FrameType
from typing import Any

from bench import attendance_import, checkin, phi
from bench.baseline_app import TARGET_BYTES_ENV
from bench.compat import httpx  # before bench.feed, which imports httpx by that name
from bench.feed import (
    FEED_ACCEPT,
    MAX_NOT_MODIFIED_TO_SERVED,
    MAX_SERVED_TO_DIRECT,
    FeedError,
    FeedProgram,
    FeedResult,
    FeedSetup,
    describe_direct,
    inspect_feed,
    measure_direct,
    ms_per_request,
)
from bench.load import COOKIE_ENV
from bench.servers import (
    DATABASE_FILE,
    ROOT,
    BenchError,
    CpuPlan,
    Server,
    clean_environment,
    echo_environment,
    free_port,
    pinned_to,
    prepare_database,
    uvicorn_command,
)

RESULTS_FILE = ROOT / "bench" / "results" / "latest.json"

TARGET_RATIO = 0.35  # Echo's page must reach this fraction of the baseline's requests/s.
MAX_ERROR_RATE = 0.01
SIZE_TOLERANCE = 0.20  # The baseline page is sized within this fraction of Echo's page.

ECHO_APP = "echo.app:create_app"
BASELINE_APP = "bench.baseline_app:create_app"
PROGRAM_PATH = "/programs/peds-mh-echo"
# Names of the calendar-feed runs: the whole feed, its 304, the direct builds.
FEED, FEED_304, DIRECT = "feed", "feed-304", "direct"
DEMO_EMAIL = "pediatrician@example.org"
DEMO_PASSWORD = "echo-demo"  # noqa: S105 - the demo account's published password
SESSION_COOKIE = "echo_session"
CSRF_INPUT = re.compile(r"<input\b[^>]*\bname=\"csrf_token\"[^>]*>")
VALUE_ATTRIBUTE = re.compile(r"\bvalue=\"([^\"]*)\"")
# Same request headers as bench.load sends: no compression on either side.
PAGE_HEADERS = {"Accept": "text/html", "Accept-Encoding": "identity"}


def prepare_feed_program(env: dict[str, str]) -> FeedProgram:
    """Add the calendar-feed benchmark's program with Echo's own services."""
    from bench.feed_data import add_feed_program  # imports Echo, installed by now

    started = time.perf_counter()
    program = add_feed_program(
        Path(env["ECHO_VAR_DIR"]), env["ECHO_DATABASE_URL"], env["ECHO_SECRET_KEY"]
    )
    print(
        f"feed program {program.slug}: {program.sessions} weekly sessions, "
        f"{program.cancelled} cancelled, {program.moved} moved, {program.didactic} with a "
        f"new didactic title; done in {time.perf_counter() - started:.1f} s"
    )
    return program


@dataclass(frozen=True)
class Benchmark:
    name: str
    server: Server
    url: str
    cookie: str | None = None
    accept: str = "text/html"
    headers: tuple[str, ...] = ()  # more "Name: value" request header lines
    expect: int = 200  # the status that counts as a success
    concurrency: int | None = None  # connections; None: --concurrency


def log_in(base_url: str) -> str:
    """Sign in as the demo pediatrician; return the Cookie header a browser would send."""
    with httpx.Client(base_url=base_url, timeout=30, follow_redirects=False) as client:
        form = client.get("/login")
        if form.status_code != 200:
            raise BenchError(f"GET /login answered {form.status_code}, expected 200")
        tag = CSRF_INPUT.search(form.text)
        value = VALUE_ATTRIBUTE.search(tag.group(0)) if tag else None
        if value is None:
            raise BenchError('GET /login: no <input name="csrf_token" value="..."> in the page')
        answer = client.post(
            "/login",
            data={
                "email": DEMO_EMAIL,
                "password": DEMO_PASSWORD,
                "csrf_token": html.unescape(value.group(1)),
            },
        )
        if answer.status_code != 303:
            raise BenchError(
                f"POST /login as {DEMO_EMAIL} answered {answer.status_code}, expected 303"
            )
        cookies = {cookie.name: cookie.value for cookie in client.cookies.jar}
    if SESSION_COOKIE not in cookies:
        raise BenchError(f"POST /login set no {SESSION_COOKIE} cookie (got {sorted(cookies)})")
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def page_size(url: str, cookie: str | None) -> int:
    """Fetch the page once, check that it is the page and not an error or the login form."""
    headers = PAGE_HEADERS | ({"Cookie": cookie} if cookie else {})
    response = httpx.get(url, headers=headers, timeout=30, follow_redirects=False)
    if response.status_code != 200:
        raise BenchError(f"GET {url} answered {response.status_code}, expected 200")
    if cookie and 'name="password"' in response.text:
        raise BenchError(f"GET {url} shows a password field: the sign-in did not hold")
    return len(response.content)


def measure(benchmark: Benchmark, args: argparse.Namespace, cpus: CpuPlan) -> dict[str, Any]:
    """Run the load generator in a process of its own against one page."""
    env = dict(os.environ)
    if benchmark.cookie:
        env[COOKIE_ENV] = benchmark.cookie
    command = [
        sys.executable, "-m", "bench.load", benchmark.url,
        "--concurrency", str(benchmark.concurrency or args.concurrency),
        "--duration", str(args.duration),
        "--warmup", str(args.warmup),
        "--accept", benchmark.accept,
        "--expect", str(benchmark.expect),
    ]  # fmt: skip
    for header in benchmark.headers:
        command += ["--header", header]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=args.warmup + args.duration + 60,
        preexec_fn=pinned_to(cpus.load),
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"the load generator failed (exit {result.returncode}):\n{result.stderr}")
    outcome: dict[str, Any] = json.loads(result.stdout)
    return outcome


def error_rate(run: dict[str, Any]) -> float:
    return float(run["errors"]) / run["requests"] if run["requests"] else 1.0


def describe_run(run: dict[str, Any]) -> str:
    latency = run["latency_ms"]
    text = (
        f"{run['requests_per_s']:8.1f} req/s  p50 {latency['p50']:6.2f} ms  "
        f"p95 {latency['p95']:6.2f} ms  errors {run['errors']}/{run['requests']}"
    )
    expect = str(run.get("expect", 200))
    failed = {key: count for key, count in run["outcomes"].items() if key != expect}
    return text + (f" {failed}" if failed else "")


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    throughputs = [run["requests_per_s"] for run in runs]
    requests = sum(run["requests"] for run in runs)
    errors = sum(run["errors"] for run in runs)
    return {
        "requests_per_s": statistics.median(throughputs),
        "p50_ms": statistics.median(run["latency_ms"]["p50"] for run in runs),
        "p95_ms": statistics.median(run["latency_ms"]["p95"] for run in runs),
        "runs_requests_per_s": throughputs,
        "requests": requests,
        "errors": errors,
        "error_rate": errors / requests if requests else 1.0,
    }


def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for package in ("starlette", "uvicorn", "jinja2", "uvloop", "httptools"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    return found


def start_servers(
    args: argparse.Namespace, tmp: Path, stack: ExitStack, cpus: CpuPlan
) -> tuple[list[Benchmark], dict[str, int], FeedSetup | None]:
    """Start the servers, sign in, size the baseline page, check the feed; what to measure."""
    benchmarks: list[Benchmark] = []
    sizes: dict[str, int] = {}
    feed: FeedSetup | None = None
    target_bytes = args.baseline_bytes
    if not args.only_baseline:
        port = free_port()
        env = echo_environment(tmp, port)
        prepare_database(env)
        program = prepare_feed_program(env) if args.feed else None
        echo = stack.enter_context(
            Server("echo", ECHO_APP, env, tmp / "echo.log", cpus.server, port)
        )
        echo.wait_healthy()
        cookie = log_in(echo.url)
        url = echo.url + PROGRAM_PATH
        sizes["echo"] = target_bytes = page_size(url, cookie)
        benchmarks.append(Benchmark("echo", echo, url, cookie))
        if program is not None:
            feed = inspect_feed(echo.url, program, tmp / DATABASE_FILE, env["ECHO_BASE_URL"])
            describe_feed(feed)
            benchmarks += [
                Benchmark(FEED, echo, feed.url, accept=FEED_ACCEPT, concurrency=1),
                Benchmark(
                    FEED_304,
                    echo,
                    feed.url,
                    accept=FEED_ACCEPT,
                    headers=(f"If-None-Match: {feed.etag}",),
                    expect=304,
                    concurrency=1,
                ),
            ]

    env = clean_environment() | {TARGET_BYTES_ENV: str(target_bytes)}
    baseline = stack.enter_context(
        Server("baseline", BASELINE_APP, env, tmp / "baseline.log", cpus.server)
    )
    baseline.wait_healthy()
    url = baseline.url + "/"
    sizes["baseline"] = page_size(url, None)
    benchmarks.insert(0, Benchmark("baseline", baseline, url))

    print("Page sizes: " + ", ".join(f"{name} {size:,} bytes" for name, size in sizes.items()))
    if abs(sizes["baseline"] - target_bytes) > SIZE_TOLERANCE * target_bytes:
        raise BenchError(
            f"the baseline page ({sizes['baseline']:,} bytes) is not within "
            f"{SIZE_TOLERANCE:.0%} of {target_bytes:,} bytes"
        )
    return benchmarks, sizes, feed


def describe_feed(feed: FeedSetup) -> None:
    print(
        f"Feed: GET {feed.program.path}: {feed.size:,} bytes, {feed.events} events, "
        f"ETag {feed.etag}; with If-None-Match: 304"
    )
    if feed.same_as_direct:
        print("Feed: a direct build makes the same bytes but for DTSTAMP")
    else:
        print(
            "WARNING: a direct build differs from the served feed (not only in DTSTAMP), so "
            f"the ratio compares different calendars; first difference, served | direct: "
            f"{feed.difference}"
        )


def run(args: argparse.Namespace, tmp: Path, stack: ExitStack) -> int:
    phi_result = (
        phi.run_benchmark(phi.PhiOptions()) if args.phi and not args.only_baseline else None
    )
    import_result = (
        attendance_import.run_benchmark(tmp, args.import_repeats)
        if args.attendance_import and not args.only_baseline
        else None
    )
    cpus = CpuPlan.choose(args.pin)
    print(f"Servers: python {' '.join(uvicorn_command('<app>', '<port>')[1:])}")
    print(f"CPUs: {cpus.describe()}")
    checkin_result = (
        checkin.run_benchmark(checkin_options(args), tmp, cpus)
        if args.checkin and not args.only_baseline
        else None
    )
    benchmarks, sizes, feed = start_servers(args, tmp, stack, cpus)

    print(
        f"{args.rounds} round(s); each run: {args.concurrency} connections, "
        f"{args.warmup:g} s warm-up then {args.duration:g} s measured"
        + ("; feed runs on 1 connection, then direct feed builds for as long" if feed else "")
    )
    runs: list[dict[str, Any]] = []
    direct_runs: list[dict[str, Any]] = []
    for round_number in range(1, args.rounds + 1):
        for benchmark in benchmarks:
            benchmark.server.check_running()
            result = measure(benchmark, args, cpus) | {
                "benchmark": benchmark.name,
                "round": round_number,
            }
            runs.append(result)
            print(
                f"  round {round_number}/{args.rounds}  {benchmark.name:<8}  "
                f"{describe_run(result)}",
                flush=True,
            )
        if feed is not None:
            direct = measure_direct(feed, args.duration, args.warmup, pinned_to(cpus.server))
            direct_runs.append(direct | {"round": round_number})
            print(
                f"  round {round_number}/{args.rounds}  {DIRECT:<8}  {describe_direct(direct)}",
                flush=True,
            )

    summary = {
        benchmark.name: summarize([run for run in runs if run["benchmark"] == benchmark.name])
        for benchmark in benchmarks
    }
    print(f"Median of {args.rounds} round(s):")
    for name, numbers in summary.items():
        spread = ", ".join(f"{value:.1f}" for value in numbers["runs_requests_per_s"])
        print(
            f"  {name:<8}  {numbers['requests_per_s']:8.1f} req/s  "
            f"p50 {numbers['p50_ms']:6.2f} ms  p95 {numbers['p95_ms']:6.2f} ms  "
            f"errors {numbers['errors']}/{numbers['requests']}  (runs: {spread})"
        )

    errors = [
        f"{run['benchmark']} round {run['round']}: {error_rate(run):.1%} of requests failed "
        f"(limit {MAX_ERROR_RATE:.0%})"
        for run in runs
        if error_rate(run) > MAX_ERROR_RATE
    ]
    verdicts: list[tuple[bool, str]] = []
    ratio: float | None = None
    if "echo" in summary:
        baseline_rps = summary["baseline"]["requests_per_s"]
        ratio = summary["echo"]["requests_per_s"] / baseline_rps if baseline_rps else 0.0
        print(f"Ratio echo/baseline (requests/s): {ratio:.3f}")
        verdicts.append(
            (
                ratio >= TARGET_RATIO,
                f"the program page reaches {ratio:.1%} of the baseline's requests/s "
                f"(target: at least {TARGET_RATIO:.0%})",
            )
        )
    feed_result: FeedResult | None = None
    if feed is not None:
        feed_result = FeedResult.of(
            [run for run in runs if run["benchmark"] == FEED],
            [run for run in runs if run["benchmark"] == FEED_304],
            direct_runs,
        )
        verdicts += print_feed_result(feed, feed_result, runs, direct_runs)
    if phi_result is not None:
        verdicts += phi_result.verdicts
    if import_result is not None:
        verdicts += import_result.verdicts
    if checkin_result is not None:
        verdicts += checkin_result.verdicts

    failures = [text for met, text in verdicts if not met] + errors
    passed = not failures
    for met, text in verdicts:
        print(f"{'PASS' if met else 'FAIL'}: {text}")
    if not verdicts and passed:
        print("PASS: baseline only, no errors (no ratio without Echo)")
    for error in errors:
        print(f"FAIL: {error}")
    print(f"Overall: {'PASS' if passed else 'FAIL'} ({len(failures)} failed)")

    write_results(
        {
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passed": passed,
            "failures": failures,
            "ratio_requests_per_s": ratio,
            "target_ratio": TARGET_RATIO,
            "max_error_rate": MAX_ERROR_RATE,
            "page_bytes": sizes,
            "summary": summary,
            "runs": runs,
            "calendar_feed": feed_results(feed, feed_result, direct_runs),
            "phi": phi_result.results if phi_result else None,
            "attendance_import": import_result.results if import_result else None,
            "checkin": checkin_result.results if checkin_result else None,
            "settings": {
                "duration_s": args.duration,
                "warmup_s": args.warmup,
                "concurrency": args.concurrency,
                "rounds": args.rounds,
                "cpus": cpus.describe(),
                "server_command": ["python", *uvicorn_command("<app>", "<port>")[1:]],
                "echo_page": PROGRAM_PATH,
                "feed": feed.program.path if feed else None,
                **extra_settings(args),
            },
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "versions": versions(),
        }
    )
    return 0 if passed else 1


def print_feed_result(
    feed: FeedSetup,
    result: FeedResult,
    runs: list[dict[str, Any]],
    direct_runs: list[dict[str, Any]],
) -> list[tuple[bool, str]]:
    """The feed's times and ratios, each ratio with PASS or FAIL; return the verdicts."""

    def spread(values: list[float]) -> str:
        return ", ".join(f"{value:.2f}" for value in values)

    served = [ms_per_request(run) for run in runs if run["benchmark"] == FEED]
    not_modified = [ms_per_request(run) for run in runs if run["benchmark"] == FEED_304]
    direct = [run["build_ms"]["p50"] for run in direct_runs]
    print(
        f"Calendar feed ({feed.events} events, {feed.size:,} bytes), "
        f"median of {len(direct_runs)} round(s):"
    )
    print(f"  served feed   {result.served_ms:8.2f} ms per request  (runs: {spread(served)})")
    print(
        f"  304           {result.not_modified_ms:8.2f} ms per request  "
        f"(runs: {spread(not_modified)})"
    )
    print(f"  direct build  {result.direct_ms:8.2f} ms per build    (runs: {spread(direct)})")
    verdicts = result.verdicts()
    (served_met, _), (not_modified_met, _) = verdicts
    print(
        f"Ratio served/direct (time per feed): {result.served_to_direct:.3f}  "
        f"{'PASS' if served_met else 'FAIL'} (target: at most {MAX_SERVED_TO_DIRECT:.2f})"
    )
    print(
        f"Ratio 304/served (time per request): {result.not_modified_to_served:.3f}  "
        f"{'PASS' if not_modified_met else 'FAIL'} "
        f"(target: at most {MAX_NOT_MODIFIED_TO_SERVED:.2f})"
    )
    return verdicts


def feed_results(
    feed: FeedSetup | None, result: FeedResult | None, direct_runs: list[dict[str, Any]]
) -> dict[str, Any] | None:
    if feed is None or result is None:
        return None
    return {
        "path": feed.program.path,
        "sessions": feed.program.sessions,
        "cancelled": feed.program.cancelled,
        "moved": feed.program.moved,
        "didactic": feed.program.didactic,
        "bytes": feed.size,
        "etag": feed.etag,
        "same_as_direct_but_dtstamp": feed.same_as_direct,
        "difference": feed.difference,
        "time_per_request": "median latency of the feed and feed-304 runs (1 connection)",
        **result.as_json(),
        "direct_runs": direct_runs,
    }


def checkin_options(args: argparse.Namespace) -> checkin.CheckinOptions:
    return checkin.CheckinOptions.from_environment(args.checkin_rounds, args.checkin_participants)


def extra_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The settings of the check-in and import benchmarks, for the results file."""
    return {
        "checkin_rounds": args.checkin_rounds,
        "checkin_participants": args.checkin_participants,
        "import_repeats": args.import_repeats,
    }


def run_only(args: argparse.Namespace, tmp: Path) -> int:
    """``--only checkin`` or ``--only import``: that benchmark alone, its own Overall."""
    cpus = CpuPlan.choose(args.pin)
    verdicts: list[tuple[bool, str]]
    if args.only == "checkin":
        print(f"Servers: python {' '.join(uvicorn_command('<app>', '<port>')[1:])}")
        print(f"CPUs: {cpus.describe()}")
        checkin_result = checkin.run_benchmark(checkin_options(args), tmp, cpus)
        verdicts, key, results = checkin_result.verdicts, "checkin", checkin_result.results
    else:
        import_result = attendance_import.run_benchmark(tmp, args.import_repeats)
        verdicts, key = import_result.verdicts, "attendance_import"
        results = import_result.results
    failures = [text for met, text in verdicts if not met]
    for met, text in verdicts:
        print(f"{'PASS' if met else 'FAIL'}: {text}")
    print(f"Overall: {'PASS' if not failures else 'FAIL'} ({len(failures)} failed)")
    write_results(
        {
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "passed": not failures,
            "failures": failures,
            key: results,
            "settings": {
                "cpus": cpus.describe(),
                "server_command": ["python", *uvicorn_command("<app>", "<port>")[1:]],
                **extra_settings(args),
            },
            "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
            "versions": versions(),
        }
    )
    return 0 if not failures else 1


def write_results(results: dict[str, Any]) -> None:
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_FILE.write_text(json.dumps(results, indent=2) + "\n")
    print(f"Results: {RESULTS_FILE.relative_to(ROOT)}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Echo's program page against a bare Starlette + Jinja2 page, Echo's "
        "calendar feed against direct icalendar builds, a check-in burst against a bare "
        "INSERT endpoint, a report import against a csv read.",
    )
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first")
    parser.add_argument("--concurrency", type=int, default=8, help="connections (closed loop)")
    parser.add_argument("--rounds", type=int, default=2, help="baseline+echo runs to take")
    parser.add_argument(
        "--only-baseline",
        action="store_true",
        help="measure the baseline alone (checks the harness without Echo)",
    )
    parser.add_argument(
        "--baseline-bytes",
        type=int,
        default=20_000,
        help="baseline page size with --only-baseline (otherwise: the Echo page's size)",
    )
    parser.add_argument(
        "--no-feed",
        dest="feed",
        action="store_false",
        help="leave out the calendar-feed benchmark (feed, 304, direct builds)",
    )
    parser.add_argument(
        "--no-phi",
        dest="phi",
        action="store_false",
        help="leave out the PHI guard benchmark",
    )
    parser.add_argument(
        "--no-checkin",
        dest="checkin",
        action="store_false",
        help="leave out the check-in burst benchmark",
    )
    parser.add_argument(
        "--no-import",
        dest="attendance_import",
        action="store_false",
        help="leave out the report import benchmark",
    )
    parser.add_argument(
        "--checkin-rounds", type=int, default=checkin.ROUNDS, help="check-in bursts per side"
    )
    parser.add_argument(
        "--checkin-participants",
        type=int,
        default=checkin.PARTICIPANTS,
        help="participants checking in at once",
    )
    parser.add_argument(
        "--import-repeats",
        type=int,
        default=attendance_import.REPEATS,
        help="timed runs of each step of the report import",
    )
    parser.add_argument(
        "--only",
        choices=["phi", "checkin", "import"],
        help="run only this benchmark (phi: the PHI guard, no servers, see python -m "
        "bench.phi; checkin: the check-in burst on SQLite and PostgreSQL; import: the "
        "report import, no server)",
    )
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="do not pin the servers and the load generator to separate CPUs",
    )
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.warmup < 0 or args.concurrency < 1 or args.rounds < 1:
        parser.error("need --duration > 0, --warmup >= 0, --concurrency >= 1, --rounds >= 1")
    if args.checkin_rounds < 1 or args.checkin_participants < 1 or args.import_repeats < 1:
        parser.error(
            "need --checkin-rounds >= 1, --checkin-participants >= 1, --import-repeats >= 1"
        )
    return args


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.only == "phi":
        return phi.main([])
    signal.signal(signal.SIGTERM, _interrupt)  # stop the servers on `kill` too
    try:
        with (
            tempfile.TemporaryDirectory(prefix="echo-bench-") as tmp,
            ExitStack() as stack,
        ):
            if args.only in ("checkin", "import"):
                return run_only(args, Path(tmp))
            return run(args, Path(tmp), stack)
    except (BenchError, FeedError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
