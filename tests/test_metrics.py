"""/metrics: off (404) without ECHO_METRICS_TOKEN, 401 without the scraper's token, and with
it the request latency histogram per route template and the outbox's depth and lag; with
several processes their samples are summed (prometheus-client's multi-process mode)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from starlette.testclient import TestClient

from echo.db import Database
from echo.notify import outbox


def _with_token(client: TestClient, token: str) -> None:
    app: Any = client.app
    app.state.settings = app.state.settings.model_copy(update={"metrics_token": SecretStr(token)})


def test_metrics_do_not_exist_without_a_token_set(bare_client: TestClient) -> None:
    assert bare_client.get("/metrics").status_code == 404


def test_metrics_need_the_scrapers_token(bare_client: TestClient, database: Database) -> None:
    _with_token(bare_client, "scrape-me-please")
    assert bare_client.get("/metrics").status_code == 401
    wrong = bare_client.get("/metrics", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    with database.write() as session:
        outbox.enqueue(
            session,
            outbox.Message(to="someone@example.org", subject="Hello", text="Hi", html="<p>Hi</p>"),
        )
    bare_client.get("/healthz")
    bare_client.get("/programs/no-such-program")
    answer = bare_client.get("/metrics", headers={"Authorization": "Bearer scrape-me-please"})
    assert answer.status_code == 200
    text = answer.text
    assert (
        'echo_request_seconds_bucket{le="0.3",method="GET",route="/healthz",status="2xx"}' in text
    )
    assert 'route="/programs/{slug:slug}",status="4xx"' in text  # the template, not the id
    assert 'echo_outbox_messages{status="queued"} 1.0' in text
    assert "echo_outbox_lag_seconds" in text


OBSERVE = (
    "from echo import metrics; metrics.REQUEST_SECONDS.labels('GET', '/x', '2xx').observe(0.1)"
)
SUM = (
    "from prometheus_client import CollectorRegistry, generate_latest, multiprocess; "
    "import echo.metrics; r = CollectorRegistry(); multiprocess.MultiProcessCollector(r); "
    "print(generate_latest(r).decode())"
)


def test_samples_of_several_processes_are_summed(tmp_path: Path) -> None:
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for _ in range(2):  # two app processes, each observing one request
        subprocess.run([sys.executable, "-c", OBSERVE], env=env, check=True, timeout=60)
    scraped = subprocess.run(
        [sys.executable, "-c", SUM], env=env, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    assert 'echo_request_seconds_count{method="GET",route="/x",status="2xx"} 2.0' in scraped
