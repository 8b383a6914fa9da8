"""Every JOSE call in Echo lives here (DOMAIN.md section 6), so python-jose can be swapped.

Pitfalls handled: the algorithm list passed to ``decode`` always has one entry
(python-jose otherwise trusts the token's own ``alg``); ``exp`` and ``iat`` are
required; every token names its purpose so a token minted for one use is
refused for another; only compact JWS is accepted, never JWE; the HMAC key is
a random secret, never a public key (CVE-2024-33663).
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt

from echo.timeutil import utcnow

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "jti", "purpose", "sub")


class InvalidToken(Exception):
    """The token is malformed, forged, expired or meant for something else."""


def new_token_id() -> str:
    return secrets.token_urlsafe(24)


def mint(
    secret: str,
    *,
    purpose: str,
    subject: str,
    lifetime: timedelta,
    token_id: str | None = None,
    now: datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> str:
    issued = now or utcnow()
    claims: dict[str, Any] = dict(extra or {})
    claims.update(
        {
            "sub": subject,
            "purpose": purpose,
            "jti": token_id or new_token_id(),
            "iat": int(issued.timestamp()),
            "exp": int((issued + lifetime).timestamp()),
        }
    )
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def verify(secret: str, token: str, *, purpose: str) -> dict[str, Any]:
    """The token's claims, or InvalidToken. Only HS256 compact JWS with our purpose passes."""
    claims = dict(_verified_signature(secret, token))
    if claims["exp"] <= utcnow().timestamp():
        raise InvalidToken("token expired")
    if claims.get("purpose") != purpose:
        raise InvalidToken("token minted for another purpose")
    return claims


# Verifying the signature is a pure function of (secret, token); remembering recent
# results saves the HMAC and JSON work on every request. Expiry and purpose are
# still checked on each call, above.
@lru_cache(maxsize=4096)
def _verified_signature(secret: str, token: str) -> tuple[tuple[str, Any], ...]:
    if token.count(".") != 2:  # 5 parts would be JWE, which we never accept
        raise InvalidToken("not a compact JWS")
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("unexpected algorithm")
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={
                "require_exp": True,
                "require_iat": True,
                "require_jti": True,
                "require_sub": True,
                "verify_aud": False,
            },
        )
    except JWTError as error:
        raise InvalidToken(str(error)) from error
    if not isinstance(claims.get("exp"), int):
        raise InvalidToken("exp must be an integer")
    return tuple(claims.items())
