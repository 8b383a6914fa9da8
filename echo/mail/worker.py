"""Running the outbox worker: its identity, the reminder pass and the in-process thread."""

from __future__ import annotations

import importlib
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime

from echo.db import Database
from echo.mail.delivery import backend_from_settings
from echo.mail.outbox import run_forever
from echo.settings import Settings

REMINDERS_MODULE = "echo.mail.reminders"


def worker_id(suffix: str = "") -> str:
    """``host-pid``: unique among live workers, and says where to look when one is stuck."""
    return f"{socket.gethostname()}-{os.getpid()}{suffix}"


def reminder_pass(database: Database, settings: Settings) -> Callable[[datetime], None] | None:
    """The tick that queues due reminders (``echo.mail.reminders.run``), if that module is
    installed; None otherwise."""
    try:
        reminders = importlib.import_module(REMINDERS_MODULE)
    except ModuleNotFoundError as error:
        if error.name != REMINDERS_MODULE:
            raise  # the module exists but one of its imports is missing: say so
        return None

    def tick(now: datetime) -> None:
        reminders.run(database, settings, now)

    return tick


def start_in_process_worker(app_state_database: Database, settings: Settings) -> threading.Event:
    """Deliver mail from a daemon thread of the web process (``ECHO_WORKER_IN_PROCESS``, used
    by ``make run``); set the returned event to stop it. One such worker per process."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever,
        args=(app_state_database, backend_from_settings(settings), worker_id("-web")),
        kwargs={"stop": stop, "on_tick": reminder_pass(app_state_database, settings)},
        name="echo-mail-worker",
        daemon=True,
    )
    thread.start()
    return stop
