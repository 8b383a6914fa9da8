"""Deliver N queued messages through the outbox worker to a local SMTP server (aiosmtpd)
versus sending the same messages with bare smtplib over one connection, in the same run.
Target: Echo's throughput at least 0.5 of bare smtplib's.

    python -m bench.mail [--count 5000]
"""

from __future__ import annotations

import argparse
import smtplib
import socket
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from echo import migrate
from echo.db import Database, make_engine
from echo.notify import outbox
from echo.notify.delivery import SmtpBackend
from echo.settings import Settings

TARGET_RATIO = 0.5


class CountingSink:
    """Accepts every message and counts them (nothing is kept)."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.count += 1
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def message(number: int) -> outbox.Message:
    return outbox.Message(
        to=f"learner{number}@example.org",
        subject=f"Reminder: Pediatric Mental Health ECHO, message {number}",
        text="Pediatric Mental Health in Primary Care ECHO meets in 1 hour.\n" * 8,
        html="<p>Pediatric Mental Health in Primary Care ECHO meets in 1 hour.</p>" * 8,
        sender_name="Cascadia Children's Behavioral Health Hub",
        category="reminders",
        dedupe_key=f"bench:{number}",
    )


def bare_email(item: outbox.Message) -> EmailMessage:
    email = EmailMessage()
    email["From"] = f'"{item.sender_name}" <echo@localhost>'
    email["To"] = item.to
    email["Subject"] = item.subject
    email.set_content(item.text)
    email.add_alternative(item.html, subtype="html")
    return email


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    args = parser.parse_args(argv)
    items = [message(n) for n in range(args.count)]
    sink = CountingSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(  # type: ignore[call-arg]
                database_url=f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", var_dir=Path(tmp)
            )
            migrate.upgrade(make_engine(settings))
            database = Database(settings)
            with database.write() as session:
                for item in items:
                    outbox.enqueue(session, item)
            backend = SmtpBackend(f"smtp://127.0.0.1:{port}")
            started = time.perf_counter()
            counts = outbox.run_once(database, backend, "bench")
            echo_seconds = time.perf_counter() - started
            database.dispose()
        delivered_by_echo = sink.count
        started = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for item in items:
                smtp.send_message(bare_email(item))
        bare_seconds = time.perf_counter() - started
    finally:
        controller.stop()
    echo_rate, bare_rate = args.count / echo_seconds, args.count / bare_seconds
    ratio = echo_rate / bare_rate
    print(
        f"mail: Echo's worker delivered {delivered_by_echo} of {args.count} ({counts}) in "
        f"{echo_seconds:.1f} s = {echo_rate:.0f} messages/s"
    )
    print(f"mail: bare smtplib sent {args.count} in {bare_seconds:.1f} s = {bare_rate:.0f}/s")
    ok = ratio >= TARGET_RATIO and delivered_by_echo == args.count
    print(
        f"mail: ratio Echo/bare {ratio:.2f} (target >= {TARGET_RATIO}) {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
