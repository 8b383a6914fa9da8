"""Closed-loop HTTP/1.1 load generator, run in its own process by ``bench.run``.

    python -m bench.load URL [--concurrency 8] [--duration 10] [--warmup 2]
                             [--accept text/html] [--header "Name: value" ...] [--expect 200]

Each of the ``--concurrency`` connections sends one GET, waits for the whole
response, then sends the next (keep-alive, no pipelining). Requests that
complete during the warm-up are not counted; answers with a status other than
``--expect`` count as errors. A ``Cookie`` header is taken from the
``BENCH_COOKIE`` environment variable when set (kept out of the process list).
The result is one JSON object on stdout.

The client is a few lines of raw asyncio (on uvloop when installed) rather than
an HTTP library so that it spends as little CPU as possible: on a small machine
the client shares the cores with the server it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

COOKIE_ENV = "BENCH_COOKIE"
REQUEST_TIMEOUT_S = 10.0
HEADER_LIMIT = 256 * 1024
NO_BODY = {204, 304}  # and every 1xx: never a body, whatever the headers say (RFC 9112 6.3)


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    request: bytes

    @classmethod
    def from_url(
        cls,
        url: str,
        cookie: str | None,
        *,
        accept: str = "text/html",
        headers: Sequence[str] = (),
    ) -> Target:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"only plain http://host:port/path URLs are supported, not {url!r}")
        port = parts.port or 80
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        lines = [
            f"GET {path} HTTP/1.1",
            f"Host: {parts.hostname}:{port}",
            "User-Agent: echo-bench",
            f"Accept: {accept}",
            *headers,
        ]
        if cookie:
            lines.append(f"Cookie: {cookie}")
        request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return cls(host=parts.hostname, port=port, request=request)


@dataclass
class Tally:
    """What happened inside the measurement window."""

    expect: str = "200"
    latencies: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    body_sizes: Counter[int] = field(default_factory=Counter)

    @property
    def requests(self) -> int:
        return sum(self.outcomes.values())

    @property
    def errors(self) -> int:
        return self.requests - self.outcomes[self.expect]


async def read_response(reader: asyncio.StreamReader) -> tuple[int, int, bool]:
    """Read one response; return (status, body size, server closes the connection)."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    version, status, *_ = status_line.split(b" ", 2)
    length: int | None = None
    chunked = False
    close = version == b"HTTP/1.0"
    for line in header_lines:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            close = b"close" in value.lower()
    if int(status) in NO_BODY or int(status) < 200:
        size = 0
    elif chunked:
        size = await read_chunked_body(reader)
    elif length is not None:
        await reader.readexactly(length)
        size = length
    else:
        size = len(await reader.read())
        close = True
    return int(status), size, close


async def read_chunked_body(reader: asyncio.StreamReader) -> int:
    size = 0
    while True:
        chunk_size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        if chunk_size == 0:
            # Trailer section: header lines up to an empty line.
            while await reader.readuntil(b"\r\n") != b"\r\n":
                pass
            return size
        await reader.readexactly(chunk_size + 2)
        size += chunk_size


async def connection_loop(
    target: Target, tally: Tally, measure_from: float, stop_at: float
) -> None:
    """One closed-loop client: request, wait for the response, repeat until ``stop_at``."""
    clock = time.perf_counter
    writer: asyncio.StreamWriter | None = None
    reader: asyncio.StreamReader | None = None
    while clock() < stop_at:
        started = clock()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT_S):
                if writer is None or reader is None:
                    reader, writer = await asyncio.open_connection(
                        target.host, target.port, limit=HEADER_LIMIT
                    )
                    started = clock()
                writer.write(target.request)
                status, size, close = await read_response(reader)
        except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as exc:
            if measure_from <= clock() <= stop_at:
                tally.outcomes[type(exc).__name__] += 1
            await close_quietly(writer)
            reader = writer = None
            await asyncio.sleep(0.05)  # do not spin on a server that refuses connections
            continue
        finished = clock()
        if measure_from <= finished <= stop_at:
            tally.latencies.append(finished - started)
            tally.outcomes[str(status)] += 1
            tally.body_sizes[size] += 1
        if close:
            await close_quietly(writer)
            reader = writer = None
    await close_quietly(writer)


async def close_quietly(writer: asyncio.StreamWriter | None) -> None:
    if writer is None:
        return
    writer.close()
    with contextlib.suppress(OSError):
        await writer.wait_closed()


def percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list (0.0 when empty)."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


async def run_load(
    target: Target, concurrency: int, duration: float, warmup: float, expect: int = 200
) -> dict[str, Any]:
    tally = Tally(expect=str(expect))
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + duration
    await asyncio.gather(
        *(connection_loop(target, tally, measure_from, stop_at) for _ in range(concurrency))
    )
    ordered = sorted(tally.latencies)
    return {
        "concurrency": concurrency,
        "duration_s": duration,
        "warmup_s": warmup,
        "expect": expect,
        "requests": tally.requests,
        "ok": tally.outcomes[tally.expect],
        "errors": tally.errors,
        "outcomes": dict(tally.outcomes),
        "requests_per_s": tally.outcomes[tally.expect] / duration,
        "latency_ms": {
            "p50": percentile(ordered, 0.50) * 1000,
            "p95": percentile(ordered, 0.95) * 1000,
            "p99": percentile(ordered, 0.99) * 1000,
            "max": (ordered[-1] if ordered else 0.0) * 1000,
            "mean": (sum(ordered) / len(ordered) if ordered else 0.0) * 1000,
        },
        "body_bytes": {
            "min": min(tally.body_sizes, default=0),
            "max": max(tally.body_sizes, default=0),
        },
    }


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop when installed (it comes with ``uvicorn[standard]``), else asyncio's own loop."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--accept", default="text/html", help="the Accept header's value")
    parser.add_argument(
        "--header", action="append", default=[], help='one more "Name: value" header line'
    )
    parser.add_argument("--expect", type=int, default=200, help="the status that is a success")
    args = parser.parse_args(argv)
    target = Target.from_url(
        args.url, os.environ.get(COOKIE_ENV), accept=args.accept, headers=args.header
    )
    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        result = runner.run(
            run_load(target, args.concurrency, args.duration, args.warmup, args.expect)
        )
    result["url"] = args.url
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
