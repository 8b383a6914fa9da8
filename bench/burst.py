"""Burst client, run in its own process by ``bench.checkin``: many POSTs sent at once.

    python -m bench.burst URL REQUESTS_FILE [--expect 303] [--location TEXT]

``REQUESTS_FILE`` is a JSON list of ``{"cookie": ..., "body": ...}``, one per request
(kept out of the process list: the cookies are login tokens). Every request is a
``POST`` of ``body`` as ``application/x-www-form-urlencoded`` to the URL's path, with its
own ``Cookie`` header, on its own connection.

First every connection is opened (not timed: the participants' browsers already hold a
keep-alive connection from loading the session page); then all requests are written
one after the other without waiting, and each response is read whole. A request's
latency runs from its write to the end of its response; the wall time from the first
write to the last response. A response counts as ok when its status is ``--expect``
and, with ``--location``, its ``Location`` header contains that text.
The result is one JSON object on stdout.

Raw asyncio (on uvloop when installed), like ``bench.load``: the client shares the
machine with the server it measures, so it should cost as little as possible.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bench.load import HEADER_LIMIT, NO_BODY, event_loop_factory, percentile

TIMEOUT_S = 120.0  # per request; a request still unanswered then is an error


@dataclass(frozen=True)
class Answer:
    """One request's outcome: status (0 when none came), Location, latency in seconds."""

    status: int
    location: str
    seconds: float
    error: str = ""


def build_request(host: str, port: int, path: str, cookie: str, body: str) -> bytes:
    data = body.encode("latin-1")
    head = "\r\n".join(
        [
            f"POST {path} HTTP/1.1",
            f"Host: {host}:{port}",
            "User-Agent: echo-bench-burst",
            "Accept: text/html",
            "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(data)}",
            f"Cookie: {cookie}",
        ]
    )
    return (head + "\r\n\r\n").encode("latin-1") + data


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, str]:
    """Read one whole response; its status and Location header."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    status = int(status_line.split(b" ", 2)[1])
    length: int | None = None
    chunked = False
    location = ""
    for line in header_lines:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"location":
            location = value.strip().decode("latin-1")
    if status in NO_BODY or status < 200:
        pass
    elif chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
            if size == 0:
                while await reader.readuntil(b"\r\n") != b"\r\n":
                    pass
                break
            await reader.readexactly(size + 2)
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
    return status, location


async def answer_of(reader: asyncio.StreamReader, sent_at: float) -> Answer:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            status, location = await read_answer(reader)
    except (OSError, TimeoutError, ValueError, asyncio.IncompleteReadError) as exc:
        return Answer(0, "", time.perf_counter() - sent_at, type(exc).__name__)
    return Answer(status, location, time.perf_counter() - sent_at)


async def burst(url: str, requests: list[dict[str, str]]) -> tuple[list[Answer], float]:
    """Open a connection per request, then send them all at once; answers and wall time."""
    parts = urlsplit(url)
    if parts.scheme != "http" or not parts.hostname:
        raise ValueError(f"only plain http://host:port/path URLs are supported, not {url!r}")
    host, port, path = parts.hostname, parts.port or 80, parts.path or "/"
    payloads = [build_request(host, port, path, r["cookie"], r["body"]) for r in requests]
    connections = await asyncio.gather(
        *(asyncio.open_connection(host, port, limit=HEADER_LIMIT) for _ in payloads)
    )
    clock = time.perf_counter
    try:
        started = clock()
        waits = []
        for (reader, writer), payload in zip(connections, payloads, strict=True):
            writer.write(payload)
            waits.append(answer_of(reader, clock()))
        answers = await asyncio.gather(*waits)
        finished = clock()
    finally:
        for _, writer in connections:
            writer.close()
        for _, writer in connections:
            with contextlib.suppress(OSError):
                await writer.wait_closed()
    return list(answers), finished - started


def summary(
    answers: list[Answer], wall_s: float, expect: int, location: str | None
) -> dict[str, Any]:
    def ok(answer: Answer) -> bool:
        return answer.status == expect and (location is None or location in answer.location)

    outcomes: Counter[str] = Counter()
    for answer in answers:
        if answer.error:
            outcomes[answer.error] += 1
        elif ok(answer):
            outcomes["ok"] += 1
        else:
            outcomes[f"{answer.status} {answer.location}".strip()] += 1
    ordered = sorted(answer.seconds for answer in answers)
    return {
        "requests": len(answers),
        "ok": outcomes["ok"],
        "errors": len(answers) - outcomes["ok"],
        "outcomes": dict(outcomes),
        "wall_s": wall_s,
        "requests_per_s": len(answers) / wall_s if wall_s > 0 else 0.0,
        "latency_ms": {
            "p50": percentile(ordered, 0.50) * 1000,
            "p95": percentile(ordered, 0.95) * 1000,
            "p99": percentile(ordered, 0.99) * 1000,
            "max": (ordered[-1] if ordered else 0.0) * 1000,
            "min": (ordered[0] if ordered else 0.0) * 1000,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("requests", type=Path, help="JSON list of {cookie, body}")
    parser.add_argument("--expect", type=int, default=303, help="the status that is a success")
    parser.add_argument("--location", help="text a successful answer's Location must contain")
    args = parser.parse_args(argv)
    requests: list[dict[str, str]] = json.loads(args.requests.read_text())
    with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
        answers, wall_s = runner.run(burst(args.url, requests))
    result = summary(answers, wall_s, args.expect, args.location)
    result["url"] = args.url
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
