"""Every response carries a request id (the proxy's when sane, else a new one), and every
log line written while serving it carries the same id, as JSON or as text."""

from __future__ import annotations

import io
import json
import logging
import sys

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from echo import logs


def _logging_app(stream: io.StringIO, log_format: str) -> Starlette:
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.RequestIdFilter())
    handler.setFormatter(
        logs.JsonFormatter() if log_format == "json" else logging.Formatter(logs.TEXT_FORMAT)
    )
    logger = logging.getLogger(f"echo.test.{log_format}")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)

    async def hello(_request: Request) -> Response:
        logger.info("serving hello")
        return PlainTextResponse("hello")

    return Starlette(routes=[Route("/", hello)], middleware=[])


def _client(app: Starlette) -> TestClient:
    return TestClient(logs.RequestIdMiddleware(app))  # type: ignore[arg-type]


def test_each_response_names_its_request_and_the_log_line_carries_it() -> None:
    stream = io.StringIO()
    client = _client(_logging_app(stream, "json"))
    answer = client.get("/")
    request_id = answer.headers["x-request-id"]
    assert len(request_id) == 16
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["message"] == "serving hello" and entry["request_id"] == request_id
    assert entry["level"] == "INFO" and entry["time"].endswith("+00:00")


def test_a_sane_proxy_id_is_kept_and_anything_else_replaced() -> None:
    stream = io.StringIO()
    client = _client(_logging_app(stream, "text"))
    kept = client.get("/", headers={"X-Request-ID": "proxy-1234abcd"})
    assert kept.headers["x-request-id"] == "proxy-1234abcd"
    assert "[proxy-1234abcd]: serving hello" in stream.getvalue()
    for hostile in ("x" * 500, "bad id\r\nInjected: 1", "<script>"):
        answer = client.get("/", headers={"X-Request-ID": hostile})
        assert answer.headers["x-request-id"] != hostile
        assert len(answer.headers["x-request-id"]) == 16


def test_the_app_answers_with_a_request_id(bare_client: TestClient) -> None:
    assert len(bare_client.get("/healthz").headers["x-request-id"]) == 16


def test_json_lines_keep_the_traceback() -> None:
    formatter = logs.JsonFormatter()
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("echo", logging.ERROR, __file__, 1, "failed", (), None)
        record.exc_info = sys.exc_info()
    entry = json.loads(formatter.format(record))
    assert entry["message"] == "failed" and "ValueError: boom" in entry["traceback"]
    assert entry["request_id"] is None  # outside a request
