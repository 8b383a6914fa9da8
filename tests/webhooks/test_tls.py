"""Over https the request goes to the checked address while TLS keeps the name: the
server is asked for the name (SNI) and its certificate must be valid for that name, as
it would be without the address pinning (a receiver on 127.0.0.1 with its own CA)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from standardwebhooks import Webhook

from echo.db import Database
from echo.settings import Settings
from echo.webhooks import delivery, services
from tests import factories
from tests.webhooks.conftest import Receiver, deliveries


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _certificates(folder: Path, dns_name: str) -> tuple[Path, Path, Path]:
    """A test CA, and a server certificate it signs for ``dns_name``: (ca, cert, key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Echo test CA"))
        .issuer_name(_name("Echo test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    server = (
        x509.CertificateBuilder()
        .subject_name(_name(dns_name))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(dns_name)]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


@contextmanager
def _tls_receiver(folder: Path, certified_name: str) -> Iterator[tuple[Receiver, Path]]:
    """An https receiver on 127.0.0.1 whose certificate names ``certified_name``, and the
    CA that signed it."""
    ca, cert, key = _certificates(folder, certified_name)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    running = Receiver(tls=context)
    running.start()
    try:
        yield running, ca
    finally:
        running.stop()


def _send_test_to(database: Database, url: str) -> str:
    """A test event queued for a new endpoint at ``url``; the endpoint's secret."""
    with database.write() as session:
        coordinator = factories.create_user(session)
        hub = factories.create_hub(session, coordinator=coordinator)
        endpoint = factories.create_webhook_endpoint(session, hub, coordinator, url=url)
        assert services.send_test(session, endpoint, hub=hub.slug, page_path="/")
        return endpoint.secret


def _deliver(database: Database, settings: Settings, ca: Path) -> delivery.RunCounts:
    trusted = ssl.create_default_context(cafile=str(ca))
    with delivery.new_client(verify=trusted) as client:
        return delivery.run_once(database, settings, "tls-worker", client=client)


def test_https_goes_to_the_checked_address_with_the_names_certificate(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with _tls_receiver(tmp_path, "localhost") as (receiver, ca):
        secret = _send_test_to(database, f"https://localhost:{receiver.port}/secure")
        counts = _deliver(database, settings, ca)
    assert counts.delivered == 1
    [request] = receiver.requests
    assert request.path == "/secure"
    assert request.headers["host"] == f"localhost:{receiver.port}"
    assert Webhook(secret).verify(request.body, request.headers)["type"] == "webhook.test"
    assert [row.status for row in deliveries(database)] == ["delivered"]


def test_a_certificate_for_another_name_is_refused_before_anything_is_sent(
    database: Database, settings: Settings, tmp_path: Path
) -> None:
    with _tls_receiver(tmp_path, "elsewhere.example") as (receiver, ca):
        _send_test_to(database, f"https://localhost:{receiver.port}/secure")
        counts = _deliver(database, settings, ca)
    assert counts.retried == 1
    assert receiver.requests == []
    [row] = deliveries(database)
    assert row.status == "queued" and row.last_status_code is None
    assert row.last_error.startswith("could not connect")
    assert "certificate" in row.last_error.lower()
