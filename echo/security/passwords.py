"""Argon2id password hashing (argon2-cffi: the reference implementation's bindings)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_LENGTH = 10


@cache
def _hasher(time_cost: int, memory_kib: int) -> PasswordHasher:
    # argon2-cffi defaults to Argon2id (RFC 9106); parallelism as in its defaults.
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)


class Passwords:
    def __init__(self, time_cost: int, memory_kib: int) -> None:
        self._hasher = _hasher(time_cost, memory_kib)
        # Verified against for unknown emails so that both answers take as long.
        self._dummy_hash = self._hasher.hash("not a password of anyone")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        """Check a password; with no hash (unknown account), spend the same time and fail."""
        try:
            ok = self._hasher.verify(password_hash or self._dummy_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        return ok and password_hash is not None

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)


def password_problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why a new password is unacceptable (NIST SP 800-63B: length, not composition)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Use at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > 256:
        return "Use at most 256 characters."
    lowered = password.lower()
    if email and lowered == email.lower():
        return "Do not use your email address as the password."
    if name and lowered == name.lower():
        return "Do not use your name as the password."
    if lowered in {"password123", "echo-demo", "1234567890", "qwertyuiop"}:
        return "That password is too common; choose another."
    return None
