"""Small helpers for driving the app like a browser does."""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta

from httpx2 import Response
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.attendance.models import AttendanceUpload
from echo.db import Database
from echo.notify.models import OutboxMessage
from echo.timeutil import utcnow

DEMO_PASSWORD = "echo-demo"
CSRF_PATTERN = re.compile(r'name="csrf_token" value="([0-9a-f]{64})"')


def csrf_from(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def page_csrf(client: TestClient, path: str = "/login") -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    return csrf_from(response.text)


def login(client: TestClient, email: str, password: str = DEMO_PASSWORD) -> Response:
    token = page_csrf(client, "/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token, "next": "/me/programs"},
    )


def logged_in(client: TestClient, email: str, password: str = DEMO_PASSWORD) -> TestClient:
    response = login(client, email, password)
    assert response.status_code == 303, response.text[:500]
    return client


def post_form(client: TestClient, path: str, data: dict[str, str], page: str = "/") -> Response:
    """Submit a form the way a browser does: with the CSRF token from a page."""
    return client.post(path, data={**data, "csrf_token": page_csrf(client, page)})


def outbox_to(database: Database, address: str) -> list[OutboxMessage]:
    """The messages queued for ``address``, oldest first."""
    with database.read() as session:
        return list(
            session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.to_address == address)
                .order_by(col(OutboxMessage.id))
            )
        )


def age_previews(database: Database, age: timedelta) -> None:
    """Every kept attendance report preview as if kept `age` ago."""
    with database.write() as session:
        for upload in session.exec(select(AttendanceUpload)).all():
            upload.kept_at = utcnow() - age
            session.add(upload)


def link_in(text: str, path: str) -> str:
    """The path (from ``path`` on) of the link in an email's text that starts with it."""
    found = re.search(rf"http://[^\s\"<]+({re.escape(path)}[^\s\"<]*)", text)
    assert found, text
    return found.group(1)


def text_of(markup: str) -> str:
    """Visible text, tags removed and whitespace collapsed, for asserting on what a person reads."""
    inline_removed = re.sub(r"</?(?:strong|em|a|span|abbr|code|time)\b[^>]*>", "", markup)
    without_tags = re.sub(r"<[^>]+>", " ", inline_removed)
    return re.sub(r"\s+", " ", html.unescape(without_tags)).strip()


def pdf_structure_problems(document: bytes) -> list[str]:
    """What qpdf's checker (through pikepdf, its Python binding, shipped as a wheel) finds
    wrong with a PDF's syntax, cross-reference table and stream encodings; [] when none."""
    import pikepdf  # only the PDF tests need it

    with pikepdf.open(io.BytesIO(document)) as pdf:
        return list(pdf.check_pdf_syntax())
