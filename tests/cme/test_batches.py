"""Batch issuance: progress, nothing issued twice, an interrupted batch resumes; the page
shows progress; the CLI draws a progress bar and writes the PARS file."""

from __future__ import annotations

import csv
import re
import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import func, select
from starlette.testclient import TestClient

from echo.cme import services as cme
from echo.cme.issuing import issuer_for
from echo.cme.models import Certificate, IssueBatch
from echo.db import Database
from echo.programs.models import Program
from echo.settings import Settings
from tests.helpers import logged_in, post_form, text_of
from tests.test_cli import run

__all__ = ["run"]
PERIOD = (date(2020, 1, 1), date(2030, 12, 31))


class Interrupted(Exception):
    pass


def _certificates(database: Database) -> int:
    with database.write() as session:
        return session.exec(select(func.count()).select_from(Certificate)).one()


def test_an_interrupted_batch_resumes_and_never_issues_twice(
    database: Database, settings: Settings, demo_data: None
) -> None:
    issuer = issuer_for(settings)
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        batch = cme.open_batch(session, program, *PERIOD, None)
        batch_id, total = batch.id or 0, batch.total
    assert total == 4  # the demo's claims, none certified yet

    def stop_after_two(done: int, _total: int) -> None:
        if done == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        cme.run_batch(database, batch_id, issuer, stop_after_two)
    assert _certificates(database) == 2
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        resumed = cme.open_batch(session, program, *PERIOD, None)
        assert resumed.id == batch_id and resumed.done == 2 and resumed.total == 4
    seen: list[int] = []
    finished = cme.run_batch(database, batch_id, issuer, lambda done, _: seen.append(done))
    assert finished.status == "finished" and finished.done == 4 and seen == [3, 4]
    assert _certificates(database) == 4
    with database.write() as session:
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        again = cme.open_batch(session, program, *PERIOD, None)
        assert again.id != batch_id and again.total == 0
    cme.run_batch(database, again.id or 0, issuer)
    assert _certificates(database) == 4


def test_the_page_shows_the_batch_progress(client: TestClient, database: Database) -> None:
    admin = logged_in(client, "cme@example.org")
    dashboard = "/programs/peds-mh-echo/cme"
    bad = post_form(
        admin, f"{dashboard}/issue", {"from": "2026-12-31", "to": "2026-01-01"}, dashboard
    )
    assert bad.status_code == 422 and 'id="to-error"' in bad.text
    started = post_form(
        admin, f"{dashboard}/issue", {"from": "2020-01-01", "to": "2030-12-31"}, dashboard
    )
    assert started.status_code == 303
    batch_url = started.headers["location"]
    assert re.fullmatch(r"/programs/peds-mh-echo/cme/batches/\d+", batch_url)
    for _ in range(300):
        page = text_of(admin.get(batch_url).text)
        if "Finished." in page:
            break
        assert "certificates issued" in page
        time.sleep(0.1)
    assert "4 of 4 certificates issued" in page
    with database.write() as session:
        assert session.exec(select(IssueBatch)).one().status == "finished"


def test_cli_issue_and_pars_export(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("db", "upgrade").returncode == 0
    assert run("demo").returncode == 0  # issues the demo's certificates already
    again = run(
        "cme", "issue", "--program", "peds-mh-echo", "--from", "2020-01-01", "--to", "2030-12-31"
    )
    assert again.returncode == 0, again.stderr
    assert "for 0 of 0 claims" in again.stdout  # nothing is issued twice
    out = tmp_path / "pars.csv"
    exported = run(
        "cme",
        "pars-export",
        "--program",
        "peds-mh-echo",
        "--from",
        "2020-01-01",
        "--to",
        "2030-12-31",
        "--out",
        str(out),
    )
    assert exported.returncode == 0, exported.stderr
    with out.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["Record Action", "ACCME Activity ID", "Completion Date"]
    assert len(rows) == 3  # the pediatrician's two AMA claims; the revoked one is left out
    xlsx = tmp_path / "pars.xlsx"
    assert (
        run(
            "cme",
            "pars-export",
            "--program",
            "peds-mh-echo",
            "--from",
            "2020-01-01",
            "--to",
            "2030-12-31",
            "--out",
            str(xlsx),
        ).returncode
        == 0
    )
    assert xlsx.read_bytes()[:2] == b"PK"
    wrong = run(
        "cme",
        "pars-export",
        "--program",
        "peds-mh-echo",
        "--from",
        "2020-01-01",
        "--to",
        "2030-12-31",
        "--out",
        str(tmp_path / "pars.txt"),
    )
    assert wrong.returncode == 2 and ".csv or .xlsx" in wrong.stderr
    # Each file written is recorded as a PARS export by nobody (the command line), so the
    # CME home does not count those claims as still due.
    with sqlite3.connect(tmp_path / "echo.sqlite3") as db:
        recorded = db.execute(
            "SELECT file_format, rows, exported_by_id FROM cme_pars_export ORDER BY id"
        ).fetchall()
    assert recorded == [("csv", 2, None), ("xlsx", 2, None)]
