"""The demo as `make run` loads it (with certificates): logged in as the demo
pediatrician, the transcript links a certificate PDF that passes qpdf's checker and
states every required element, its verification page says valid, and its credential
verifies against /.well-known/jwks.json with PyJWT, an independent JOSE library."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import jwt
import pypdf
import pytest
from starlette.testclient import TestClient

from echo import demo
from echo.app import create_app
from echo.cme.issuing import issuer_for
from echo.db import Database
from echo.security.passwords import Passwords
from echo.settings import Settings
from tests.helpers import logged_in, pdf_structure_problems, text_of


@pytest.fixture
def issued_client(
    settings: Settings, database: Database, passwords: Passwords
) -> Iterator[TestClient]:
    with database.write() as session:
        added = demo.load(session, passwords, issuer=issuer_for(settings))
    assert added["certificates"] == 4
    with TestClient(create_app(settings), follow_redirects=False) as client:
        yield client


def test_pediatrician_certificate_is_complete_valid_and_verifiable(
    issued_client: TestClient,
) -> None:
    client = logged_in(issued_client, "pediatrician@example.org")
    transcript = client.get("/me/transcript").text
    codes = re.findall(r'href="/certificates/(ECHO-[A-Z0-9]{4}-[A-Z0-9]{4})\.pdf"', transcript)
    assert len(codes) == 2
    code = codes[0]
    document = client.get(f"/certificates/{code}.pdf")
    assert document.status_code == 200
    assert pdf_structure_problems(document.content) == []

    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(document.content)).pages
    )
    required = [
        "Dr. Paula Pediatrician, MD",  # the learner with credentials
        "Cascadia Children's Hospital Office of CME",  # the provider
        "Pediatric Mental Health in Primary Care ECHO",  # the activity
        "Live activity (virtual)",
        "AMA PRA Category 1 Credit",  # credits claimed and their type
        "designates this live activity for a maximum of",  # the designation statement
        "is accredited by the Accreditation Council for Continuing Medical Education",
        code,
        f"/verify/{code}",
    ]
    for element in required:
        assert element in text, f"{element!r} is not on the certificate"
    assert re.search(r"\d{1,2} [A-Z][a-z]+ 20\d\d", text), "the activity date"

    anonymous = TestClient(issued_client.app, follow_redirects=False)
    verification = text_of(anonymous.get(f"/verify/{code}").text)
    assert "Valid." in verification and "Dr. Paula Pediatrician, MD" in verification

    token = anonymous.get(f"/certificates/{code}/credential.jwt").text
    jwks = jwt.PyJWKSet.from_dict(anonymous.get("/.well-known/jwks.json").json())
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "RS256" and header["typ"] == "JWT"
    claims = jwt.decode(
        token, jwks[header["kid"]].key, algorithms=["RS256"], options={"verify_aud": False}
    )
    assert claims["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert claims["iss"] == claims["issuer"]["id"] and claims["jti"] == claims["id"]
    assert claims["credentialSubject"]["creditsEarned"] == 1.0


def test_the_demo_has_a_revoked_certificate(issued_client: TestClient) -> None:
    admin = logged_in(issued_client, "cme@example.org")
    board = text_of(admin.get("/programs/peds-mh-echo/cme").text)
    assert "revoked" in board
    code = re.search(r"(ECHO-[A-Z0-9]{4}-[A-Z0-9]{4}) Dr. Farah Faculty, MD [^|]*? revoked", board)
    assert code, board
    assert "Revoked." in text_of(issued_client.get(f"/verify/{code.group(1)}").text)
