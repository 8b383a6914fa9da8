"""A real HTTP receiver on 127.0.0.1 for the webhook tests, and settings that let Echo
post to it (plain http, a loopback address: ECHO_WEBHOOKS_ALLOW_HTTP and _PRIVATE)."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlmodel import col, select

from echo.accounts.models import User
from echo.db import Database
from echo.programs.models import Hub
from echo.settings import Settings
from echo.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests import factories
from tests.conftest import test_settings


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b"ok"


class Receiver:
    """Records every POST and answers each with the next queued Answer (200 when none
    is queued). ``url`` is where it listens."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.requests: list[Received] = []
        self._answers: list[Answer] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = self.rfile.read(length)
                with receiver._lock:
                    receiver.requests.append(
                        Received(
                            self.path,
                            {name.lower(): value for name, value in self.headers.items()},
                            body,
                        )
                    )
                    answer = receiver._answers.pop(0) if receiver._answers else Answer()
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, format: str, *args: object) -> None:
                return  # quiet: the test reads .requests

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}/hooks"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._stopped = False

    def answer(self, *answers: Answer | int) -> None:
        with self._lock:
            self._answers.extend(a if isinstance(a, Answer) else Answer(a) for a in answers)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop listening (once; a test may stop it early to leave its port unanswered)."""
        if self._stopped:
            return
        self._stopped = True
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(timeout=5)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    running = Receiver()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Test settings that allow a local receiver (http, loopback)."""
    return test_settings(
        database_url, tmp_path, webhooks_allow_http=True, webhooks_allow_private=True
    )


@dataclass(frozen=True)
class World:
    hub: Hub
    coordinator: User
    endpoint: WebhookEndpoint


@pytest.fixture
def world(database: Database, receiver: Receiver) -> World:
    """A hub, its coordinator, and an endpoint of the hub's at the receiver, subscribed to
    every event type."""
    with database.write() as session:
        hub = factories.create_hub(session, name="Valley Hub")
        coordinator = factories.create_user(session, name="Casey Coordinator")
        factories.add_hub_role(session, coordinator, hub, "coordinator")
        endpoint = factories.create_webhook_endpoint(
            session, hub, coordinator, url=receiver.url, description="Valley records"
        )
    return World(hub, coordinator, endpoint)


def deliveries(database: Database, endpoint_id: int | None = None) -> list[WebhookDelivery]:
    """Every delivery (of one endpoint), oldest first."""
    with database.read() as session:
        query = select(WebhookDelivery).order_by(col(WebhookDelivery.id))
        if endpoint_id is not None:
            query = query.where(WebhookDelivery.endpoint_id == endpoint_id)
        return list(session.exec(query))


def endpoint_now(database: Database, endpoint_id: int | None) -> WebhookEndpoint:
    with database.read() as session:
        found = session.get(WebhookEndpoint, endpoint_id)
    assert found is not None
    return found
