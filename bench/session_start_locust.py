"""The load of ``bench.session_start``: locust, as a library, in a process of its own.

    python -m bench.session_start_locust URL PLAN_FILE OUT_FILE --arrival-rate R [--timeout S]

``PLAN_FILE`` is a JSON list of participants, ``{"email", "password", "session_id",
"meeting_url"}`` (kept out of the process list: they are passwords). One locust user per
participant goes through the session start once, on one keep-alive connection with its
own cookies, following no redirect:

1. ``login-form``: ``GET /login``; 200 with a ``csrf_token`` field.
2. ``login``: ``POST /login`` with the email, the password and that token; 303 with a
   login cookie.
3. ``session-page``: ``GET /sessions/<id>``; 200 with a ``csrf_token`` field (the check-in
   form's).
4. ``check-in``: ``POST /sessions/<id>/check-in`` with it; 303 to
   ``/sessions/<id>?notice=checked-in``.
5. ``join-link``: that address, as the browser follows the redirect; 200 with the
   meeting's link (``href="<meeting_url>"``) and "You checked in at".

Arrivals: the n-th participant (from 0) starts ``n / R`` seconds after the first, evenly,
or everyone at once with ``--arrival-rate 0``. Locust starts every user at once and each
waits for its own arrival: locust's own spawning, at a rate of R, starts users in batches
of R once a second, so 20 a second arrived as 20 simultaneous logins every second.

Anything else is a failure of that step, and the participant stops there. A participant
who is done stays connected and idle (as a browser tab does), so that locust, which keeps
the number of running users at its target while spawning, never starts a second one in
its place; the run ends when every participant is done or failed, or at ``--timeout``.

Every request's start, duration and outcome is recorded as it happens (locust's request
event), so the harness computes exact percentiles and the busy period itself. The result,
with this process's CPU time, is written to ``OUT_FILE`` as JSON.

FastHttpUser (geventhttpclient) rather than HttpUser (requests): it costs several times
less CPU per request, and this client shares two cores with the servers it measures.
"""

from __future__ import annotations

# gevent first: locust monkey-patches the standard library when it is imported.
import locust  # isort: skip
import argparse
import json
import logging
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gevent
import psutil
from locust import FastHttpUser, constant, task
from locust.env import Environment

CSRF = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')
STEPS = ("login-form", "login", "session-page", "check-in", "join-link")
CHECKED_IN_TEXT = "You checked in at"
NETWORK_TIMEOUT_S = 300.0  # a request still unanswered then is a failure
# A participant who is done sleeps this long; the run ends (and kills it) well before.
IDLE_S = 24 * 3600


class Participants:
    """The plan, handed out one participant per locust user, and what became of each."""

    def __init__(self, plan: list[dict[str, Any]], arrival_rate: float) -> None:
        self.plan = plan
        self.arrival_rate = arrival_rate  # participants a second; 0: all at once
        self.first_arrival = 0.0  # time.time() of the run's start, set by run()
        self.next: Iterator[tuple[int, dict[str, Any]]] = iter(enumerate(plan))
        self.finished = 0  # done or failed
        self.completed = 0  # all five steps
        self.extra_users = 0  # users locust started beyond the plan (should stay 0)
        self.samples: list[tuple[str, float, float, bool]] = []  # step, start, seconds, ok
        self.errors: dict[str, int] = {}
        self.flows: list[tuple[float, float]] = []  # each completed participant's start, end
        self.checked_in: list[str] = []  # emails whose check-in was answered "checked-in"

    def take(self) -> tuple[float, dict[str, Any]] | None:
        """The next participant and the time it arrives."""
        try:
            index, person = next(self.next)
        except StopIteration:
            self.extra_users += 1
            return None
        offset = index / self.arrival_rate if self.arrival_rate > 0 else 0.0
        return self.first_arrival + offset, person

    def fail(self, step: str, why: str) -> None:
        key = f"{step}: {why}"[:200]
        self.errors[key] = self.errors.get(key, 0) + 1


PARTICIPANTS: Participants | None = None


def _participants() -> Participants:
    assert PARTICIPANTS is not None, "run() sets the plan before locust starts"
    return PARTICIPANTS


class Participant(FastHttpUser):
    wait_time = constant(0)
    network_timeout = NETWORK_TIMEOUT_S
    connection_timeout = NETWORK_TIMEOUT_S
    concurrency = 1  # one connection, as one browser tab

    def on_start(self) -> None:
        taken = _participants().take()
        self.arrival, self.person = taken if taken is not None else (0.0, None)
        self.done = self.person is None

    @task
    def start_session(self) -> None:
        if self.done:
            gevent.sleep(IDLE_S)
            return
        self.done = True
        people = _participants()
        gevent.sleep(max(0.0, self.arrival - time.time()))
        started = time.time()
        # Not in a `finally`: a participant still waiting when the run is stopped (its
        # greenlet killed) has not finished.
        completed = self._flow(self.person or {})
        people.finished += 1
        if completed:
            people.completed += 1
            people.flows.append((started, time.time()))

    def _step(
        self,
        step: str,
        method: str,
        path: str,
        expect: int,
        data: dict[str, str] | None = None,
        check: Any = None,
    ) -> Any:
        """One request, marked failed unless ``check`` (on the response) says why not."""
        with self.client.request(
            method,
            path,
            name=step,
            data=data,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            problem = ""
            if response.status_code != expect:
                problem = f"HTTP {response.status_code} (expected {expect})"
            elif check is not None:
                problem = check(response) or ""
            if problem:
                response.failure(problem)
                _participants().fail(step, problem)
                return None
            response.success()
            return response

    def _flow(self, person: dict[str, Any]) -> bool:
        session_path = f"/sessions/{person['session_id']}"

        def csrf_present(response: Any) -> str:
            return "" if CSRF.search(response.text or "") else "no csrf_token field"

        form = self._step("login-form", "GET", "/login", 200, check=csrf_present)
        if form is None:
            return False
        token = CSRF.search(form.text)[1]  # type: ignore[index]
        credentials = {
            "email": person["email"],
            "password": person["password"],
            "csrf_token": token,
        }
        if self._step("login", "POST", "/login", 303, data=credentials) is None:
            return False
        page = self._step("session-page", "GET", session_path, 200, check=csrf_present)
        if page is None:
            return False
        token = CSRF.search(page.text)[1]  # type: ignore[index]
        target = f"{session_path}?notice=checked-in"

        def to_session_page(response: Any) -> str:
            location = response.headers.get("Location", "")
            return "" if location.endswith(target) else f"redirected to {location!r}"

        checked = self._step(
            "check-in",
            "POST",
            f"{session_path}/check-in",
            303,
            data={"csrf_token": token},
            check=to_session_page,
        )
        if checked is None:
            return False
        _participants().checked_in.append(person["email"])
        link = f'href="{person["meeting_url"]}"'

        def shows_link(response: Any) -> str:
            text = response.text or ""
            if link not in text:
                return "no join link on the page"
            if CHECKED_IN_TEXT not in text:
                return "the page does not say checked in"
            return ""

        return self._step("join-link", "GET", target, 200, check=shows_link) is not None


def _machine_busy() -> float:
    """Busy CPU seconds of the whole machine so far (/proc/stat: all but idle and iowait)."""
    times = psutil.cpu_times()
    return float(sum(times) - times.idle - getattr(times, "iowait", 0.0))


def run(
    url: str, plan: list[dict[str, Any]], arrival_rate: float, timeout: float
) -> dict[str, Any]:
    global PARTICIPANTS  # locust's users find the plan here
    people = PARTICIPANTS = Participants(plan, arrival_rate)
    environment = Environment(user_classes=[Participant], host=url)

    def record(name: str, response_time: float, exception: object, **kwargs: Any) -> None:
        start = float(kwargs.get("start_time") or time.time() - response_time / 1000)
        people.samples.append((name, start, response_time / 1000, exception is None))

    environment.events.request.add_listener(record)
    runner = environment.create_local_runner()
    me = psutil.Process()
    cpu_before, machine_before = me.cpu_times(), _machine_busy()
    began = people.first_arrival = time.time()
    # Every user at once (one dispatch of len(plan)); each then waits for its arrival.
    runner.start(len(plan), spawn_rate=len(plan))
    deadline = time.monotonic() + timeout
    timed_out = False
    while people.finished < len(plan):
        if time.monotonic() > deadline:
            timed_out = True
            break
        gevent.sleep(0.05)
    runner.quit()
    ended = time.time()
    cpu, machine_after = me.cpu_times(), _machine_busy()
    return {
        "url": url,
        "participants": len(plan),
        "arrival_rate": arrival_rate,
        "finished": people.finished,
        "completed": people.completed,
        "extra_users": people.extra_users,
        "timed_out": timed_out,
        "began": began,
        "ended": ended,
        "samples": people.samples,
        "flows": people.flows,
        "checked_in": people.checked_in,
        "errors": people.errors,
        # From the first user's start to the last one's end (not this process's start-up).
        "client_cpu_s": cpu.user + cpu.system - cpu_before.user - cpu_before.system,
        "machine_busy_s": machine_after - machine_before,
        "cpus": len(me.cpu_affinity() or []) or psutil.cpu_count(),
        "client_cpu_warning": runner.cpu_warning_emitted,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("plan", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--arrival-rate", type=float, required=True, help="participants a second (0: all at once)"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds for the run")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    # One socket per participant, on top of what the process has open.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, 65536) if hard != resource.RLIM_INFINITY else 65536
    if soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    plan: list[dict[str, Any]] = json.loads(args.plan.read_text())
    result = run(args.url, plan, args.arrival_rate, args.timeout)
    result["locust_version"] = locust.__version__
    args.out.write_text(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
