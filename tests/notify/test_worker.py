"""The worker loop: the tick before each pass, and the in-process worker of `make run`."""

from __future__ import annotations

import os
import socket
import threading
import time
from datetime import datetime
from pathlib import Path

from echo.db import Database
from echo.notify import outbox
from echo.notify.delivery import FileBackend
from echo.notify.outbox import Message
from echo.notify.worker import start_in_process_worker, worker_id
from echo.settings import Settings


def hello(subject: str) -> Message:
    return Message(to="np@example.org", subject=subject, text="Hi\n", html="<p>Hi</p>")


def test_run_forever_ticks_then_delivers_until_stopped(database: Database, tmp_path: Path) -> None:
    stop = threading.Event()
    ticks: list[datetime] = []

    def tick(now: datetime) -> None:
        ticks.append(now)
        if len(ticks) == 1:  # as the reminder pass does: queue what became due
            with database.write() as session:
                outbox.enqueue(session, hello("Reminder"))
        else:
            stop.set()

    outbox.run_forever(
        database, FileBackend(tmp_path), "w", stop=stop, poll_seconds=0.01, on_tick=tick
    )

    assert len(ticks) == 2 and ticks[0].tzinfo is not None
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_run_forever_survives_a_failing_tick(database: Database, tmp_path: Path) -> None:
    stop = threading.Event()
    calls: list[int] = []

    def tick(_now: datetime) -> None:
        calls.append(1)
        if len(calls) == 3:
            stop.set()
        raise RuntimeError("reminders are broken")

    with database.write() as session:
        outbox.enqueue(session, hello("Still sent"))
    outbox.run_forever(
        database, FileBackend(tmp_path), "w", stop=stop, poll_seconds=0.01, on_tick=tick
    )

    assert len(calls) == 3
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_in_process_worker_delivers_and_stops(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with database.write() as session:
        outbox.enqueue(session, hello("From the web process"))

    stop = start_in_process_worker(database, settings)
    deadline = time.monotonic() + 20
    while not list((tmp_path / "mail").glob("*.eml")) and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    (thread,) = [t for t in threading.enumerate() if t.name == "echo-mail-worker"]
    thread.join(timeout=20)

    assert not thread.is_alive() and thread.daemon
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1


def test_worker_id_names_host_and_process() -> None:
    assert worker_id() == f"{socket.gethostname()}-{os.getpid()}"
    assert worker_id("-web").endswith(f"-{os.getpid()}-web")
