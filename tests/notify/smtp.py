"""A real SMTP server for the mail tests (aiosmtpd), recording what it accepts."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.content, policy=email.policy.default)
        return cast(EmailMessage, parsed)


class Sink:
    """An aiosmtpd handler: accepts everything except the RCPT addresses in ``refuse``,
    which get the given reply (e.g. "550 5.1.1 … User unknown")."""

    def __init__(self, refuse: Mapping[str, str] | None = None, delay: float = 0.0) -> None:
        self.refuse = dict(refuse or {})
        self.delay = delay
        self.received: list[Received] = []
        self._lock = threading.Lock()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            await asyncio.sleep(self.delay)
        with self._lock:
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content))
            )
        return "250 2.0.0 Message accepted for delivery"

    @property
    def messages(self) -> list[EmailMessage]:
        with self._lock:
            return [received.message for received in self.received]


def free_port() -> int:
    """A local port nothing listens on (yet)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server(
    sink: Sink,
    port: int | None = None,
    *,
    login: tuple[str, str] | None = None,
    smtputf8: bool = True,
) -> Iterator[int]:
    """Run an SMTP server for ``sink`` on 127.0.0.1; yields its port. With ``login``, the
    server requires AUTH with that user and password (over plain text: loopback only)."""
    port = port or free_port()
    options: dict[str, Any] = {"enable_SMTPUTF8": smtputf8}
    if login is not None:

        def authenticator(
            server: Any, session: Any, envelope: Any, mechanism: str, data: Any
        ) -> AuthResult:
            given = (data.login.decode(), data.password.decode())
            return AuthResult(
                success=isinstance(data, LoginPassword) and given == login, handled=False
            )

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(sink, hostname="127.0.0.1", port=port, **options)
    with warnings.catch_warnings():
        # aiosmtpd warns, on every connection, that AUTH without TLS is unsafe: expected of
        # a test server on loopback.
        warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS")
        controller.start()
        try:
            yield port
        finally:
            controller.stop()
