from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from echo.security.passwords import Passwords, password_problem

PASSWORDS = Passwords(time_cost=1, memory_kib=1024)


def test_hash_is_argon2id_and_verifies() -> None:
    hashed = PASSWORDS.hash("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert PASSWORDS.verify(hashed, "correct horse battery")
    assert not PASSWORDS.verify(hashed, "correct horse batterY")


def test_unknown_account_never_verifies_even_with_the_dummy_password() -> None:
    assert not PASSWORDS.verify(None, "not a password of anyone")


def test_garbage_hash_does_not_raise() -> None:
    assert not PASSWORDS.verify("not-a-hash", "whatever")


@settings(max_examples=50)
@given(st.text(max_size=9))
def test_short_passwords_are_refused(password: str) -> None:
    assert password_problem(password) == "Use at least 10 characters."


def test_password_equal_to_email_is_refused() -> None:
    assert password_problem("Ana@Example.org", email="ana@example.org") is not None
    assert password_problem("a long enough passphrase", email="ana@example.org") is None
