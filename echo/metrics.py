"""Prometheus metrics at ``/metrics`` (prometheus-client, the reference client): request
latency per route as a histogram, the outbox's depth per status and the worker's lag
(how long the oldest due message has waited).

With several app processes (``echo-lms serve --workers N``) each process writes its
samples to files in ``PROMETHEUS_MULTIPROC_DIR`` (set by ``serve`` before the workers
start) and a scrape of any process sums them all (prometheus-client's multi-process
mode). The outbox figures are read from the database at scrape time, so every process
reports the same. ``/metrics`` needs ``ECHO_METRICS_TOKEN`` as a bearer token (the
figures are volumes, not for everyone); without it set, it does not exist (404).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Histogram, generate_latest, multiprocess
from prometheus_client.core import REGISTRY, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlmodel import col, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from echo.db import Database
from echo.notify import outbox
from echo.notify.models import OutboxMessage, OutboxStatus
from echo.settings import Settings
from echo.timeutil import utcnow

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Seconds; a page should answer well inside 300 ms (the load targets), a PDF in seconds.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUEST_SECONDS = Histogram(
    "echo_request_seconds",
    "Time from a request's arrival to the end of its response.",
    ["method", "route", "status"],
    buckets=BUCKETS,
)


class RequestTimer:
    """Times every HTTP request; the route label is the matched route's template (so
    ids in paths do not make new series), "unmatched" when none matched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            REQUEST_SECONDS.labels(scope["method"], template, f"{status // 100}xx").observe(
                time.perf_counter() - started
            )


class OutboxCollector(Collector):
    """The outbox's messages per status and the lag of the oldest due one, read from the
    database at each scrape."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def collect(self) -> Iterator[Metric]:
        now = utcnow()
        with self.database.read() as session:
            counts = outbox.status_counts(session)
            oldest_due = session.exec(
                select(col(OutboxMessage.next_attempt_at))
                .where(
                    col(OutboxMessage.status) == OutboxStatus.queued.value,
                    col(OutboxMessage.next_attempt_at) <= now,
                )
                .order_by(col(OutboxMessage.next_attempt_at))
                .limit(1)
            ).first()
        depth = GaugeMetricFamily(
            "echo_outbox_messages", "Messages in the outbox, by status.", labels=["status"]
        )
        for status, count in sorted(counts.items()):
            depth.add_metric([status], count)
        yield depth
        yield GaugeMetricFamily(
            "echo_outbox_lag_seconds",
            "How long the oldest message due for delivery has waited (0: none waiting).",
            value=max(0.0, (now - oldest_due).total_seconds()) if oldest_due else 0.0,
        )


def _registry(database: Database) -> CollectorRegistry:
    if os.environ.get(MULTIPROCESS_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        registry = CollectorRegistry()
        registry.register(_ProcessSamples())
    registry.register(OutboxCollector(database))
    return registry


class _ProcessSamples(Collector):
    """This process's own samples (one process: no files to sum)."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def _allowed(request: Request, settings: Settings) -> bool | None:
    """None: metrics are off; else whether the request carries the scraper's token."""
    if settings.metrics_token is None:
        return None
    expected = f"Bearer {settings.metrics_token.get_secret_value()}"
    given = request.headers.get("authorization", "")
    return hmac.compare_digest(given.encode(), expected.encode())


async def metrics(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    allowed = _allowed(request, settings)
    if allowed is None:
        return PlainTextResponse("Not Found", status_code=404)
    if not allowed:
        return PlainTextResponse(
            "Unauthorized", status_code=401, headers={"WWW-Authenticate": 'Bearer realm="metrics"'}
        )
    database: Database = request.app.state.database
    body = await run_in_threadpool(lambda: generate_latest(_registry(database)))
    return Response(body, media_type=CONTENT_TYPE, headers={"Cache-Control": "no-store"})
