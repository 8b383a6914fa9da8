"""The JOSE module refuses every token it should (docs/domain.md section 6)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from echo.security.tokens import InvalidToken, mint, verify
from echo.timeutil import utcnow

SECRET = "s" * 48


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _claims(**overrides: object) -> dict[str, object]:
    now = int(utcnow().timestamp())
    return {"sub": "1", "purpose": "login", "jti": "abc", "iat": now, "exp": now + 600, **overrides}


def test_valid_token_round_trips() -> None:
    token = mint(SECRET, purpose="login", subject="7", lifetime=timedelta(minutes=5))
    claims = verify(SECRET, token, purpose="login")
    assert claims["sub"] == "7" and claims["purpose"] == "login"
    assert claims["exp"] - claims["iat"] == 300


def test_alg_none_is_rejected() -> None:
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(_claims())}."
    with pytest.raises(InvalidToken):
        verify(SECRET, token, purpose="login")


def test_hs256_signed_with_a_public_key_is_rejected() -> None:
    """Key confusion (CVE-2024-33663): an HMAC made with a public key must not pass."""
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    forged = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(_claims())}"
    import hashlib
    import hmac

    signature = base64.urlsafe_b64encode(
        hmac.new(public_pem, forged.encode(), hashlib.sha256).digest()
    ).rstrip(b"=")
    with pytest.raises(InvalidToken):
        verify(SECRET, f"{forged}.{signature.decode()}", purpose="login")
    # And an RS256 token, even correctly signed, is refused: only HS256 is accepted.
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    rs256 = jwt.encode(_claims(), private_pem.decode(), algorithm="RS256")
    with pytest.raises(InvalidToken, match="unexpected algorithm"):
        verify(public_pem.decode(), rs256, purpose="login")


def test_expired_token_is_rejected() -> None:
    token = mint(
        SECRET,
        purpose="login",
        subject="1",
        lifetime=timedelta(minutes=5),
        now=utcnow() - timedelta(hours=1),
    )
    with pytest.raises(InvalidToken):
        verify(SECRET, token, purpose="login")


def test_tampered_payload_is_rejected() -> None:
    token = mint(SECRET, purpose="login", subject="1", lifetime=timedelta(minutes=5))
    header, _payload, signature = token.split(".")
    tampered = f"{header}.{_b64(_claims(sub='2'))}.{signature}"
    with pytest.raises(InvalidToken):
        verify(SECRET, tampered, purpose="login")


def test_token_for_another_purpose_is_rejected() -> None:
    token = mint(SECRET, purpose="calendar-feed", subject="1", lifetime=timedelta(minutes=5))
    with pytest.raises(InvalidToken, match="another purpose"):
        verify(SECRET, token, purpose="login")


def test_token_without_exp_is_rejected() -> None:
    claims = _claims()
    del claims["exp"]
    token = jwt.encode(claims, SECRET, algorithm="HS256")
    with pytest.raises(InvalidToken):
        verify(SECRET, token, purpose="login")


def test_jwe_shaped_token_is_rejected() -> None:
    with pytest.raises(InvalidToken, match="compact JWS"):
        verify(SECRET, "a.b.c.d.e", purpose="login")


def test_wrong_secret_is_rejected() -> None:
    token = mint("t" * 48, purpose="login", subject="1", lifetime=timedelta(minutes=5))
    with pytest.raises(InvalidToken):
        verify(SECRET, token, purpose="login")
