"""Running the outbox worker: its identity and the in-process thread (the periodic
housekeeping it runs is passed in: echo.housekeeping)."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime

from echo.db import Database
from echo.notify.delivery import backend_from_settings
from echo.notify.outbox import run_forever
from echo.settings import Settings


def worker_id(suffix: str = "") -> str:
    """``host-pid``: unique among live workers, and says where to look when one is stuck."""
    return f"{socket.gethostname()}-{os.getpid()}{suffix}"


def start_in_process_worker(
    app_state_database: Database,
    settings: Settings,
    on_tick: Callable[[datetime], None] | None = None,
) -> threading.Event:
    """Deliver mail from a daemon thread of the web process (``ECHO_WORKER_IN_PROCESS``, used
    by ``make run``), running ``on_tick`` (echo.housekeeping) on each pass; set the returned
    event to stop it. One such worker per process."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever,
        args=(app_state_database, backend_from_settings(settings), worker_id("-web")),
        kwargs={"stop": stop, "on_tick": on_tick},
        name="echo-mail-worker",
        daemon=True,
    )
    thread.start()
    return stop
