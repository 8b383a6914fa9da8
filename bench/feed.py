"""The calendar-feed benchmark's side of the harness (``bench.run`` drives it).

Echo serves ``GET /programs/<slug>/calendar.ics`` for the program that
``bench.feed_data`` adds: measured once as a full feed (200) and once as a
conditional GET that the feed's ETag turns into a 304. Both go through the
load generator like the program page, but on one keep-alive connection, so
that each request is timed on its own: a run's time per request is its median
latency. The baseline is the same calendar built and serialized directly with
``icalendar`` in a process of its own (``bench.feed_direct``); its time is the
median of builds timed one by one. Medians on both sides: a busy machine's
stalls hit a mean far more than a median.

Targets: a served feed may take at most 1.5 times a direct build, a 304 at
most a tenth of a served feed.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import feed_direct

MAX_SERVED_TO_DIRECT = 1.5  # a served feed's time over a direct build's
MAX_NOT_MODIFIED_TO_SERVED = 0.10  # a 304's time over a served feed's
FEED_ACCEPT = "text/calendar"


class FeedError(Exception):
    """The feed cannot be benchmarked; the message says why."""


@dataclass(frozen=True)
class FeedProgram:
    """The program ``bench.feed_data`` added: where its feed is and what it holds."""

    slug: str
    path: str
    sessions: int
    cancelled: int
    moved: int
    didactic: int


@dataclass(frozen=True)
class FeedSetup:
    """The feed as first fetched, and what the direct builds need to make the same one."""

    program: FeedProgram
    url: str
    database: Path
    base_url: str
    etag: str
    size: int
    events: int
    same_as_direct: bool
    difference: str  # the first line that differs from a direct build; "" when the same


def first_difference(served: bytes, direct: bytes) -> str:
    """The first differing line, DTSTAMP lines left out, as ``served | direct``."""
    ours = feed_direct.DTSTAMP_LINE.sub(b"", served).split(b"\r\n")
    theirs = feed_direct.DTSTAMP_LINE.sub(b"", direct).split(b"\r\n")
    for number, (left, right) in enumerate(zip(ours, theirs, strict=False), start=1):
        if left != right:
            served_line, direct_line = left.decode(errors="replace"), right.decode(errors="replace")
            return f"line {number}: {served_line!r} | {direct_line!r}"
    return f"{len(ours)} lines | {len(theirs)} lines"


def inspect_feed(server_url: str, program: FeedProgram, database: Path, base_url: str) -> FeedSetup:
    """Fetch the feed, check the 200 and the 304, compare it with a direct build."""
    url = server_url + program.path
    headers = {"Accept": FEED_ACCEPT, "Accept-Encoding": "identity"}
    response = httpx.get(url, headers=headers, timeout=60, follow_redirects=False)
    if response.status_code != 200:
        raise FeedError(f"GET {program.path} answered {response.status_code}, expected 200")
    if not response.headers.get("content-type", "").startswith("text/calendar"):
        raise FeedError(f"GET {program.path} is {response.headers.get('content-type')!r}")
    etag = response.headers.get("etag")
    if not etag:
        raise FeedError(f"GET {program.path} has no ETag header")
    events = response.content.count(b"\r\nBEGIN:VEVENT\r\n")
    if events != program.sessions:
        raise FeedError(f"the feed has {events} events, the program {program.sessions} sessions")
    again = httpx.get(url, headers=headers | {"If-None-Match": etag}, timeout=60)
    if again.status_code != 304 or again.content:
        raise FeedError(
            f"GET {program.path} with If-None-Match: {etag} answered {again.status_code} "
            f"with {len(again.content)} bytes, expected 304 and none"
        )
    direct = feed_direct.build(
        feed_direct.load(database, program.slug, base_url), datetime.now(UTC)
    )
    same = feed_direct.same_but_dtstamp(response.content, direct)
    return FeedSetup(
        program=program,
        url=url,
        database=database,
        base_url=base_url,
        etag=etag,
        size=len(response.content),
        events=events,
        same_as_direct=same,
        difference="" if same else first_difference(response.content, direct),
    )


def measure_direct(
    setup: FeedSetup, duration: float, warmup: float, preexec_fn: Callable[[], None] | None
) -> dict[str, Any]:
    """Time direct builds in a process of its own (``bench.feed_direct``)."""
    command = [
        sys.executable, "-m", "bench.feed_direct",
        str(setup.database), setup.program.slug, setup.base_url,
        "--duration", str(duration), "--warmup", str(warmup),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=warmup + duration + 120,
        preexec_fn=preexec_fn,
        check=False,
    )
    if result.returncode != 0:
        raise FeedError(f"the direct builds failed (exit {result.returncode}):\n{result.stderr}")
    outcome: dict[str, Any] = json.loads(result.stdout)
    return outcome


def ms_per_request(run: dict[str, Any]) -> float:
    """A one-connection run's median latency: request sent to whole response read."""
    return float(run["latency_ms"]["p50"])


def describe_direct(run: dict[str, Any]) -> str:
    build = run["build_ms"]
    return (
        f"{build['p50']:8.2f} ms per build (median)  p95 {build['p95']:6.2f} ms  "
        f"builds {run['builds']}  {run['bytes']:,} bytes"
    )


@dataclass(frozen=True)
class FeedResult:
    served_ms: float  # medians over the rounds
    not_modified_ms: float
    direct_ms: float

    @property
    def served_to_direct(self) -> float:
        return self.served_ms / self.direct_ms if self.direct_ms else float("inf")

    @property
    def not_modified_to_served(self) -> float:
        return self.not_modified_ms / self.served_ms if self.served_ms else float("inf")

    @classmethod
    def of(
        cls,
        served: list[dict[str, Any]],
        not_modified: list[dict[str, Any]],
        direct: list[dict[str, Any]],
    ) -> FeedResult:
        return cls(
            served_ms=statistics.median(ms_per_request(run) for run in served),
            not_modified_ms=statistics.median(ms_per_request(run) for run in not_modified),
            direct_ms=statistics.median(run["build_ms"]["p50"] for run in direct),
        )

    def verdicts(self) -> list[tuple[bool, str]]:
        """(met, what) for each target."""
        return [
            (
                self.served_to_direct <= MAX_SERVED_TO_DIRECT,
                f"a served feed takes {self.served_to_direct:.2f} times a direct build "
                f"(target: at most {MAX_SERVED_TO_DIRECT:.2f})",
            ),
            (
                self.not_modified_to_served <= MAX_NOT_MODIFIED_TO_SERVED,
                f"a 304 takes {self.not_modified_to_served:.3f} times a served feed "
                f"(target: at most {MAX_NOT_MODIFIED_TO_SERVED:.2f})",
            ),
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "served_ms_per_request": self.served_ms,
            "not_modified_ms_per_request": self.not_modified_ms,
            "direct_ms_per_build": self.direct_ms,
            "ratio_served_to_direct": self.served_to_direct,
            "ratio_not_modified_to_served": self.not_modified_to_served,
            "target_max_served_to_direct": MAX_SERVED_TO_DIRECT,
            "target_max_not_modified_to_served": MAX_NOT_MODIFIED_TO_SERVED,
        }
