"""The RSA keys that sign CME credentials, kept as PEM files under ``var_dir/keys``.

Layout: ``<kid>.key.pem`` (private, PKCS #8, mode 0600) and ``<kid>.pub.pem`` (public) for
each key, and ``current`` naming the key that signs. A key id is the RFC 7638 thumbprint of
the public key. Rotating makes a new signing key and deletes the old private key; the old
public key stays in the published JWKS, so credentials signed earlier still verify.

Every file is written to a temporary name and renamed into place, so a reader never sees
half a file; creating and rotating keys hold an exclusive lock on ``keys/.lock``, so two
processes starting at once end up with one key, not two.
"""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_BITS = 2048
PUBLIC_EXPONENT = 65537
ALGORITHM = "RS256"
_KID = re.compile(r"[A-Za-z0-9_-]{43}")  # base64url of a SHA-256 digest, without padding


class CurrentKey(NamedTuple):
    """The signing key: its id and its private key as PEM."""

    kid: str
    private_pem: bytes


class SigningKeys:
    """Signing keys in `folder` (``settings.var_dir / "keys"``); the first is made on first use."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def current(self) -> CurrentKey:
        """The key that signs new credentials, made first if there is none."""
        for _ in range(3):  # a rotation may delete the key between reading its id and its file
            kid = self._read_current() or self._create_first()
            try:
                return CurrentKey(kid, self._private_path(kid).read_bytes())
            except FileNotFoundError:
                continue
        raise RuntimeError(f"the current signing key in {self.folder} keeps changing")

    def rotate(self) -> str:
        """Make a new signing key and return its id; earlier public keys stay published."""
        with self._lock():
            previous = self._read_current()
            kid = self._write_new_key()
            _write_atomically(self.folder / "current", kid.encode(), 0o600)
            if previous and previous != kid:
                self._private_path(previous).unlink(missing_ok=True)  # never signs again
        return kid

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        """The public keys as a JWK Set (RFC 7517 section 5): the current key first."""
        current = self._read_current() or self._create_first()
        kids = sorted(path.name.removesuffix(".pub.pem") for path in self.folder.glob("*.pub.pem"))
        ordered = [current, *(kid for kid in kids if kid != current and _KID.fullmatch(kid))]
        return {"keys": [self.public_jwk(kid) for kid in ordered]}

    def public_jwk(self, kid: str) -> dict[str, Any]:
        """The public JWK of key `kid`, for RS256 signatures."""
        if not _KID.fullmatch(kid):
            raise ValueError(f"{kid!r} is not a key id")
        public_key = serialization.load_pem_public_key(self._public_path(kid).read_bytes())
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise ValueError(f"key {kid} is not an RSA key")
        return {"kid": kid, **_rsa_members(public_key), "use": "sig", "alg": ALGORITHM}

    def _create_first(self) -> str:
        with self._lock():
            kid = self._read_current()  # another process may have made it while we waited
            if kid is None:
                kid = self._write_new_key()
                _write_atomically(self.folder / "current", kid.encode(), 0o600)
        return kid

    def _write_new_key(self) -> str:
        private_key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
        kid = thumbprint(private_key.public_key())
        private_pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),  # protected by the file mode and the 0700 folder
        )
        public_pem = private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        _write_atomically(self._public_path(kid), public_pem, 0o644)
        _write_atomically(self._private_path(kid), private_pem, 0o600)
        return kid

    def _read_current(self) -> str | None:
        try:
            kid = (self.folder / "current").read_text().strip()
        except FileNotFoundError:
            return None
        if not _KID.fullmatch(kid):
            raise ValueError(f"{self.folder / 'current'} does not hold a key id")
        return kid

    def _private_path(self, kid: str) -> Path:
        return self.folder / f"{kid}.key.pem"

    def _public_path(self, kid: str) -> Path:
        return self.folder / f"{kid}.pub.pem"

    @contextmanager
    def _lock(self) -> Iterator[None]:
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)  # also when the folder existed with a wider mode
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # released when the descriptor is closed
            yield
        finally:
            os.close(fd)


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


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Write `data` to `path` with `mode` by renaming a complete temporary file into place."""
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # make the rename itself durable
    finally:
        os.close(folder)
