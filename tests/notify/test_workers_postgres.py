"""Two `echo-lms worker` processes on one PostgreSQL database: each message sent once."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from echo.db import Database
from echo.models import metadata
from echo.notify import outbox
from echo.notify.models import OutboxMessage
from echo.notify.outbox import Message
from tests.conftest import TEST_SECRET, test_settings
from tests.notify.smtp import Sink, smtp_server

MESSAGES = 300
COUNTS = re.compile(r"^Mail worker \S+: (\d+) sent, (\d+) to retry, (\d+) failed\.$", re.M)


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """The run's PostgreSQL scratch database, emptied (PostgreSQL only: the point of the
    test is FOR UPDATE SKIP LOCKED between processes)."""
    engine = sa.create_engine(postgres_database)
    tables = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return postgres_database


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgres"])  # names the database in the test id
def test_two_worker_processes_send_each_message_once(
    backend: str, postgres_url: str, tmp_path: Path
) -> None:
    database = Database(test_settings(postgres_url, tmp_path))
    with database.write() as session:
        for n in range(MESSAGES):
            outbox.enqueue(
                session,
                Message(
                    to=f"learner{n % 7}@example.org",
                    subject=f"Message {n}",
                    text=f"Message {n}\n",
                    html=f"<p>Message {n}</p>",
                ),
            )
    sink = Sink(delay=0.005)  # ~1.5 s of work for one worker: the two overlap
    with smtp_server(sink) as port:
        env = {
            **os.environ,
            "ECHO_VAR_DIR": str(tmp_path),
            "ECHO_SECRET_KEY": TEST_SECRET,
            "ECHO_DATABASE_URL": postgres_url,
            "ECHO_SMTP_URL": f"smtp://127.0.0.1:{port}",
        }
        workers = [
            subprocess.Popen(
                [sys.executable, "-m", "echo", "worker", "--once"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [worker.communicate(timeout=120) for worker in workers]

    assert [worker.returncode for worker in workers] == [0, 0], outputs
    per_worker = [int(COUNTS.search(stdout).group(1)) for stdout, _ in outputs]  # type: ignore[union-attr]
    by_subject = Counter(received.message["Subject"] for received in sink.received)
    by_message_id = Counter(received.message["Message-ID"] for received in sink.received)
    print(
        f"{MESSAGES} messages, {len(sink.received)} deliveries "
        f"(workers: {per_worker[0]} + {per_worker[1]}), "
        f"{sum(n - 1 for n in by_subject.values())} duplicates"
    )
    assert sum(per_worker) == MESSAGES
    assert len(sink.received) == MESSAGES
    assert set(by_subject) == {f"Message {n}" for n in range(MESSAGES)}
    assert set(by_subject.values()) == {1} and set(by_message_id.values()) == {1}
    with database.read() as session:
        statuses = Counter(row.status for row in session.exec(select(OutboxMessage)).all())
    assert statuses == {"sent": MESSAGES}
    database.dispose()
