"""Issue N certificates (PDF plus signed Open Badges credential, through the database, as
a batch does) versus rendering the same one-page PDF N times with bare fpdf2, in the
same run. Target: issuing costs at most 2.0 times the bare rendering.

    python -m bench.certificates [--count 1000]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlmodel import select

from echo import demo, migrate
from echo.accounts.models import User
from echo.cme import issuing, statements
from echo.cme import services as cme
from echo.cme.issuing import issuer_for
from echo.cme.models import Claim, IssueBatch
from echo.db import Database, make_engine
from echo.documents.pdf import FONT_FILES
from echo.programs.models import Program, ProgramSession
from echo.security.passwords import Passwords
from echo.settings import Settings

TARGET_RATIO = 2.0
PROVIDER = "Cascadia Children's Hospital Office of CME"
TITLE = "Pediatric Mental Health in Primary Care ECHO"


def bare_certificate(name: str, code: str, verify_url: str) -> bytes:
    """The same page drawn the plain way: fonts added per document, cells, QR rectangles."""
    pdf = FPDF(orientation="landscape", unit="mm", format="letter")
    for style, path in FONT_FILES.items():
        pdf.add_font("DejaVu", style, path)
    pdf.set_title(f"Certificate of Credit: {TITLE}")
    pdf.add_page()
    pdf.rect(9, 9, 261.4, 197.9)
    pdf.set_y(24)
    lines = [
        ("", 12, PROVIDER),
        ("B", 26, "Certificate of Credit"),
        ("", 11, "This certifies that"),
        ("B", 22, name),
        ("", 11, "participated in"),
        ("B", 15, TITLE),
        ("", 11, "Live activity (virtual) · 24 November 2026"),
        ("B", 13, "1 AMA PRA Category 1 Credit™ claimed"),
    ]
    for style, size, text in lines:
        pdf.set_font("DejaVu", style, size)
        pdf.cell(0, size * 0.5, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("DejaVu", "", 9)
    designation = statements.designation_statement(PROVIDER, Decimal("1"))
    pdf.multi_cell(0, 4.5, designation, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    accreditation = statements.accreditation_statement(statements.Accreditation(PROVIDER, ()))
    pdf.multi_cell(0, 4.5, accreditation, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_xy(28, 175)
    pdf.cell(100, 5, f"Certificate {code} · verify at {verify_url}")
    matrix = segno.make(verify_url, error="m").matrix
    size = 30 / len(matrix)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                pdf.rect(225 + column * size, 165 + row * size, size, size, style="F")
    return bytes(pdf.output())


def prepare(folder: Path, count: int) -> tuple[Database, Settings, int]:
    """A demo database with ``count`` AMA claims waiting for certificates."""
    settings = Settings(database_url=f"sqlite:///{folder / 'bench.sqlite3'}", var_dir=folder)  # type: ignore[call-arg]
    migrate.upgrade(make_engine(settings))
    database = Database(settings)
    with database.write() as session:
        demo.load(session, Passwords(1, 1024))  # cheap hashing: passwords are not measured here
        program = session.exec(select(Program).where(Program.slug == "peds-mh-echo")).one()
        doctor = session.exec(select(User).where(User.email == "pediatrician@example.org")).one()
        first = session.exec(
            select(ProgramSession).where(ProgramSession.program_id == program.id)
        ).first()
        assert first is not None
        for number in range(count):
            # One session per claim (a claim is once per session): short sessions, a minute apart.
            start = first.starts_at - timedelta(days=1, minutes=number)
            extra = ProgramSession(
                program_id=program.id or 0, starts_at=start, ends_at=start + timedelta(minutes=60)
            )
            session.add(extra)
            session.flush()
            session.add(
                Claim(
                    session_id=extra.id or 0,
                    program_id=program.id or 0,
                    user_id=doctor.id or 0,
                    kind="ama",
                    credits=Decimal("1.00"),
                    minutes=60,
                )
            )
        batch = cme.open_batch(session, program, date(2000, 1, 1), date(2100, 1, 1), None)
        return database, settings, batch.id or 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        database, settings, batch_id = prepare(Path(tmp), args.count)
        with database.write() as session:
            batch = session.get(IssueBatch, batch_id)
            todo = batch.total if batch else 0
        issuer = issuer_for(settings)
        with database.write() as session:  # the signing key is made once, before timing
            issuing.signing_keys(session, settings).current()
        started = time.perf_counter()
        cme.run_batch(database, batch_id, issuer)
        echo_seconds = time.perf_counter() - started
        bare_times = []
        started = time.perf_counter()
        for number in range(todo):
            began = time.perf_counter()
            bare_certificate(
                "Dr. Paula Pediatrician, MD",
                f"ECHO-{number:04d}-BNCH",
                "https://echo.example.org/verify/ECHO-0000-BNCH",
            )
            bare_times.append(time.perf_counter() - began)
        bare_seconds = time.perf_counter() - started
        database.dispose()
    ratio = echo_seconds / bare_seconds
    print(
        f"certificates: Echo issued {todo} (PDF + signed credential, one transaction each) "
        f"in {echo_seconds:.1f} s ({echo_seconds / todo * 1000:.0f} ms each)"
    )
    print(
        f"certificates: bare fpdf2 rendered {todo} pages in {bare_seconds:.1f} s "
        f"({statistics.median(bare_times) * 1000:.0f} ms median each)"
    )
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"certificates: ratio Echo/bare {ratio:.2f} (target <= {TARGET_RATIO}) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
