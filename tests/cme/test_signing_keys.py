"""Where the keys that sign credentials are kept: the database, so that every app machine
signs with the same key and publishes every key, whatever its ECHO_VAR_DIR holds. Keys an
earlier version kept as files there are imported on first use."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.app import create_app
from echo.cme.credentials import credential_jwt_payload
from echo.cme.issuing import issuer_for, signing_keys
from echo.cme.keys import KeyUnreadable, SigningKeys, thumbprint
from echo.cme.models import SigningKey
from echo.db import Database
from echo.security.tokens import sign_credential, verify_credential
from echo.settings import Settings
from tests.cme.test_credentials import badge
from tests.conftest import TEST_SECRET, test_settings


def _rows(database: Database) -> list[SigningKey]:
    with database.read() as session:
        return list(session.exec(select(SigningKey).order_by(col(SigningKey.kid))).all())


def _pem(private_key: rsa.RSAPrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _old_layout(folder: Path, count: int) -> list[tuple[str, bytes]]:
    """Keys as revision 0021 and before kept them: `<kid>.pub.pem` for each key, the
    private `<kid>.key.pem` of the current one (the last) only, and `current` naming it.
    Returns (kid, private PEM) of each, oldest first."""
    folder.mkdir(mode=0o700, parents=True)
    made = []
    for _ in range(count):
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        kid = thumbprint(private_key.public_key())
        public_pem = private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        (folder / f"{kid}.pub.pem").write_bytes(public_pem)
        made.append((kid, _pem(private_key)))
    kid, private_pem = made[-1]
    (folder / f"{kid}.key.pem").write_bytes(private_pem)
    (folder / "current").write_text(kid)
    return made


def _at_once(count: int, first_use: Callable[[], str]) -> set[str]:
    """The key ids `count` threads get, started together."""
    barrier = threading.Barrier(count)

    def run(_: int) -> str:
        barrier.wait()
        return first_use()

    with ThreadPoolExecutor(count) as pool:
        return set(pool.map(run, range(count)))


def test_threads_starting_at_once_make_one_key(database: Database) -> None:
    def first_use() -> str:
        with database.write() as session:
            return SigningKeys(session, TEST_SECRET).current().kid

    kids = _at_once(6, first_use)
    assert len(kids) == 1
    [row] = _rows(database)
    assert (row.kid, row.is_current) == (kids.pop(), True)


def test_two_machines_with_their_own_folders_sign_and_publish_the_same_keys(
    settings: Settings, database: Database, tmp_path: Path
) -> None:
    one = test_settings(settings.resolved_database_url, tmp_path / "machine-1")
    two = test_settings(settings.resolved_database_url, tmp_path / "machine-2")
    payload = credential_jwt_payload(badge())
    with database.write() as session:
        signed_on_one = issuer_for(one).sign(session, badge())
    with database.write() as session:
        signing_keys(session, two).rotate()  # an operator rotates, from machine two
    with database.write() as session:
        signed_on_two = issuer_for(two).sign(session, badge())
    with (
        TestClient(create_app(one)) as first,
        TestClient(create_app(two)) as second,
    ):
        published = first.get("/.well-known/jwks.json").json()
        assert second.get("/.well-known/jwks.json").json() == published
    for token in (signed_on_one, signed_on_two):
        assert verify_credential(token, published) == payload
    assert len(published["keys"]) == 2
    assert published["keys"][0]["kid"] == pyjwt.get_unverified_header(signed_on_two)["kid"]
    assert not (tmp_path / "machine-1" / "keys").exists()  # nothing kept on either machine
    assert not (tmp_path / "machine-2" / "keys").exists()


def test_keys_of_the_old_file_layout_are_imported_on_first_use(
    settings: Settings, database: Database
) -> None:
    (older_kid, older_pem), (kid, private_pem) = _old_layout(settings.var_dir / "keys", 2)
    signed_before = sign_credential(credential_jwt_payload(badge()), older_pem, older_kid)
    with TestClient(create_app(settings)) as client:
        published = client.get("/.well-known/jwks.json").json()  # the first use
    assert [entry["kid"] for entry in published["keys"]] == [kid, older_kid]
    assert verify_credential(signed_before, published)["jti"] == badge()["id"]
    with database.write() as session:
        assert signing_keys(session, settings).current() == (kid, private_pem)
    by_kid = {row.kid: row for row in _rows(database)}
    assert by_kid[kid].is_current and by_kid[kid].retired_at is None
    older = by_kid[older_kid]
    assert (older.is_current, older.private_key) == (None, None)
    assert older.retired_at is not None


def test_old_keys_are_imported_once_by_processes_starting_at_once(
    settings: Settings, database: Database
) -> None:
    made = _old_layout(settings.var_dir / "keys", 3)

    def first_use() -> str:
        with database.write() as session:
            return signing_keys(session, settings).current().kid

    assert _at_once(6, first_use) == {made[-1][0]}
    assert sorted(row.kid for row in _rows(database)) == sorted(kid for kid, _ in made)


def test_old_key_files_that_are_not_their_keys_are_not_imported(
    settings: Settings, database: Database
) -> None:
    folder = settings.var_dir / "keys"
    [(kid, _)] = _old_layout(folder, 1)
    (folder / f"{'A' * 43}.pub.pem").write_bytes((folder / f"{kid}.pub.pem").read_bytes())
    (folder / f"{'B' * 43}.pub.pem").write_bytes(b"not a key")
    with database.write() as session:
        keys = signing_keys(session, settings)
        assert [entry["kid"] for entry in keys.jwks()["keys"]] == [kid]


def test_old_keys_are_not_imported_once_the_database_has_keys(
    settings: Settings, database: Database
) -> None:
    with database.write() as session:
        made_here = signing_keys(session, settings).current().kid
    _old_layout(settings.var_dir / "keys", 1)
    with database.write() as session:
        assert [e["kid"] for e in signing_keys(session, settings).jwks()["keys"]] == [made_here]


def test_a_changed_secret_key_is_named_and_rotating_recovers(database: Database) -> None:
    with database.write() as session:
        first = SigningKeys(session, TEST_SECRET).current().kid
    with database.write() as session:
        keys = SigningKeys(session, "another-secret-" + "y" * 40)
        with pytest.raises(KeyUnreadable, match="ECHO_SECRET_KEY"):
            keys.current()
        second = keys.rotate()
        assert keys.current().kid == second
        assert [entry["kid"] for entry in keys.jwks()["keys"]] == [second, first]


def test_rotate_key_command_signs_with_a_new_key_from_then_on(
    settings: Settings, database: Database
) -> None:
    with database.write() as session:
        first = signing_keys(session, settings).current().kid
    env = {
        **os.environ,
        "ECHO_DATABASE_URL": settings.resolved_database_url,
        "ECHO_VAR_DIR": str(settings.var_dir),
        "ECHO_SECRET_KEY": TEST_SECRET,
    }
    done = subprocess.run(
        [sys.executable, "-m", "echo", "cme", "rotate-key"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with database.write() as session:
        keys = signing_keys(session, settings)
        second = keys.current().kid
        assert [entry["kid"] for entry in keys.jwks()["keys"]] == [second, first]
    assert done.stdout == (
        f"Credentials are signed with key {second} from now on; earlier keys stay published.\n"
    )
