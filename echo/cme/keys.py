"""The RSA keys that sign CME credentials, kept in the database (table ``signing_key``), so
every app machine signs with the same key and publishes every key.

A key id is the RFC 7638 thumbprint of the public key. The private key (PKCS #8 PEM) is
stored encrypted with AES-GCM under a key derived from the secret key (HKDF-SHA256, RFC
5869), the same on every machine, with the key id as associated data. Rotating makes a
new signing key and deletes the old private key; the old public key stays in the
published JWKS, so credentials signed earlier still verify.

The first key is made on first use, race-free: only one row may be current (a unique
column), and each process inserts its key ``ON CONFLICT DO NOTHING`` and then uses
whichever is current. Keys made by earlier versions (PEM files in ``ECHO_VAR_DIR/keys``:
``<kid>.pub.pem``, ``<kid>.key.pem`` and ``current``) are imported then, when the table
is empty, so credentials signed with them keep verifying.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlmodel import Session, col, select

from echo.cme.models import SigningKey
from echo.db import dialect_insert
from echo.timeutil import utcnow

KEY_BITS = 2048
PUBLIC_EXPONENT = 65537
ALGORITHM = "RS256"
_KID = re.compile(r"[A-Za-z0-9_-]{43}")  # base64url of a SHA-256 digest, without padding
_ENCRYPTION_INFO = b"echo signing_key.private_key v1"  # HKDF info: this use of the secret only
_NONCE_BYTES = 12  # AES-GCM's 96-bit nonce (NIST SP 800-38D), random per encryption


class CurrentKey(NamedTuple):
    """The signing key: its id and its private key as PEM."""

    kid: str
    private_pem: bytes


class KeyUnreadable(RuntimeError):
    """The current private key does not decrypt with this secret key."""


@dataclass(frozen=True)
class _NewKey:
    kid: str
    public_pem: str
    private_pem: bytes
    created_at: datetime


class SigningKeys:
    """The signing keys, read and written in `session` (whose transaction the caller
    commits); the first is made on first use, or imported from `legacy_folder`."""

    def __init__(self, session: Session, secret: str, legacy_folder: Path | None = None) -> None:
        self.session = session
        self.legacy_folder = legacy_folder
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=_ENCRYPTION_INFO
        ).derive(secret.encode())
        self._cipher = AESGCM(derived)

    def current(self) -> CurrentKey:
        """The key that signs new credentials, made first if there is none."""
        kid, encrypted = self._current_row() or self._create_first()
        try:
            private_pem = self._cipher.decrypt(
                encrypted[:_NONCE_BYTES], encrypted[_NONCE_BYTES:], kid.encode()
            )
        except InvalidTag:
            raise KeyUnreadable(
                f"The signing key {kid} does not decrypt with this ECHO_SECRET_KEY (was it "
                "changed?). Restore the secret key, or run `echo-lms cme rotate-key`."
            ) from None
        return CurrentKey(kid, private_pem)

    def made(self) -> bool:
        """Whether there is a signing key yet (jwks() and current() make the first)."""
        return self._current_row() is not None

    def rotate(self) -> str:
        """Make a new signing key and return its id; earlier public keys stay published."""
        if self._current_row() is None:
            self._create_first()  # so that keys of earlier versions stay published
        self.session.execute(
            sa.update(SigningKey)
            .where(col(SigningKey.is_current).is_(True))
            .values(is_current=None, private_key=None, retired_at=utcnow())  # never signs again
        )
        self._insert(_new_key(), current=True)
        row = self._current_row()  # a rotation at the same moment elsewhere may have won
        assert row is not None
        return row[0]

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        """The public keys as a JWK Set (RFC 7517 section 5): the current key first, then
        the newest."""
        current = (self._current_row() or self._create_first())[0]
        rows = self.session.execute(
            select(SigningKey.kid, SigningKey.public_pem).order_by(
                col(SigningKey.created_at).desc(), col(SigningKey.kid)
            )
        ).all()
        pems = dict(rows)
        ordered = [current, *(kid for kid, _ in rows if kid != current)]
        return {"keys": [_public_jwk(kid, pems[kid]) for kid in ordered]}

    def public_jwk(self, kid: str) -> dict[str, Any]:
        """The public JWK of key `kid`, for RS256 signatures."""
        if not _KID.fullmatch(kid):
            raise ValueError(f"{kid!r} is not a key id")
        public_pem = self.session.execute(
            select(SigningKey.public_pem).where(col(SigningKey.kid) == kid)
        ).scalar_one_or_none()
        if public_pem is None:
            raise KeyError(f"no signing key {kid}")
        return _public_jwk(kid, public_pem)

    def _current_row(self) -> tuple[str, bytes] | None:
        """The current key's id and encrypted private key (never empty: a check says so)."""
        row = self.session.execute(
            select(SigningKey.kid, SigningKey.private_key).where(
                col(SigningKey.is_current).is_(True)
            )
        ).first()
        return None if row is None else (row[0], row[1] or b"")

    def _create_first(self) -> tuple[str, bytes]:
        if self.legacy_folder is not None and self._empty():
            self._import(self.legacy_folder)
        if self._current_row() is None:
            self._insert(_new_key(), current=True)  # another process's key may win
        row = self._current_row()
        assert row is not None
        return row

    def _empty(self) -> bool:
        return self.session.execute(select(SigningKey.kid).limit(1)).first() is None

    def _insert(self, key: _NewKey, *, current: bool, retired_at: datetime | None = None) -> bool:
        """Insert `key` unless its id, or a current key when `current`, is there already."""
        values: dict[str, Any] = {
            "kid": key.kid,
            "public_pem": key.public_pem,
            "created_at": key.created_at,
            "retired_at": retired_at,
            "is_current": True if current else None,
            "private_key": self._encrypt(key.kid, key.private_pem) if current else None,
        }
        statement = (
            dialect_insert(self.session, SigningKey)
            .values(**values)
            .on_conflict_do_nothing()  # any unique column: kid, or the one current key
            .returning(col(SigningKey.kid))
        )
        return self.session.execute(statement).first() is not None

    def _encrypt(self, kid: str, private_pem: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._cipher.encrypt(nonce, private_pem, kid.encode())

    def _import(self, folder: Path) -> None:
        """The keys of the file layout used before the database: every public key, and
        the current one's private key (when it matches its public key)."""
        legacy = _legacy_keys(folder)
        if not legacy:
            return
        current = _legacy_current(folder)
        now = utcnow()
        for key in legacy:
            if key.kid == current and _private_matches(folder, key):
                with_private = _NewKey(
                    key.kid,
                    key.public_pem,
                    (folder / f"{key.kid}.key.pem").read_bytes(),
                    key.created_at,
                )
                if self._insert(with_private, current=True):
                    continue
            self._insert(key, current=False, retired_at=now)


def _new_key() -> _NewKey:
    private_key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),  # encrypted as a whole before it is stored
    )
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return _NewKey(
        thumbprint(private_key.public_key()), public_pem.decode("ascii"), private_pem, utcnow()
    )


def _legacy_keys(folder: Path) -> list[_NewKey]:
    """The public keys in `folder` whose file names are their thumbprints."""
    found = []
    for path in sorted(folder.glob("*.pub.pem")):
        kid = path.name.removesuffix(".pub.pem")
        public_pem = path.read_bytes()
        try:
            public_key = serialization.load_pem_public_key(public_pem)
        except ValueError:
            continue  # not a key: nothing signed with it
        if not isinstance(public_key, rsa.RSAPublicKey) or thumbprint(public_key) != kid:
            continue
        made = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        found.append(_NewKey(kid, public_pem.decode("ascii"), b"", made))
    return found


def _legacy_current(folder: Path) -> str | None:
    try:
        kid = (folder / "current").read_text().strip()
    except FileNotFoundError:
        return None
    return kid if _KID.fullmatch(kid) else None


def _private_matches(folder: Path, key: _NewKey) -> bool:
    try:
        private_key = serialization.load_pem_private_key(
            (folder / f"{key.kid}.key.pem").read_bytes(), password=None
        )
    except (FileNotFoundError, ValueError):
        return False
    return (
        isinstance(private_key, rsa.RSAPrivateKey)
        and thumbprint(private_key.public_key()) == key.kid
    )


def _public_jwk(kid: str, public_pem: str) -> dict[str, Any]:
    public_key = serialization.load_pem_public_key(public_pem.encode("ascii"))
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise ValueError(f"key {kid} is not an RSA key")
    return {"kid": kid, **_rsa_members(public_key), "use": "sig", "alg": ALGORITHM}


def thumbprint(public_key: rsa.RSAPublicKey) -> str:
    """The RFC 7638 JWK thumbprint: base64url SHA-256 of the required members, sorted."""
    members = json.dumps(_rsa_members(public_key), sort_keys=True, separators=(",", ":"))
    return _b64url(hashlib.sha256(members.encode()).digest())


def _rsa_members(public_key: rsa.RSAPublicKey) -> dict[str, str]:
    """kty, n and e of an RSA public key (RFC 7518 section 6.3.1)."""
    numbers = public_key.public_numbers()
    return {"e": _b64url_uint(numbers.e), "kty": "RSA", "n": _b64url_uint(numbers.n)}


def _b64url_uint(value: int) -> str:
    """Base64urlUInt (RFC 7518 section 2): big-endian, fewest octets, no padding."""
    return _b64url(value.to_bytes(max(1, (value.bit_length() + 7) // 8), "big"))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
