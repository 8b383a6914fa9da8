"""Every JOSE call in Echo lives here (docs/domain.md section 6), so python-jose can be swapped.

OpenID Connect ID tokens (single sign-on) are checked with joserfc and Authlib's claim rules
(``verify_id_token``), never with python-jose.

Pitfalls handled: the algorithm list passed to ``decode`` always has one entry
(python-jose otherwise trusts the token's own ``alg``); ``exp`` and ``iat`` are
required; every token names its purpose so a token minted for one use is
refused for another; only compact JWS is accepted, never JWE; the HMAC key is
a random secret, never a public key (CVE-2024-33663).

Signed credentials (Open Badges 3.0 as VC-JWT, docs/domain.md section 5) are RS256 only, signed
with the private key and checked against the public key the header's ``kid`` names in our
JWKS; the token's own ``alg`` is never trusted.
"""

from __future__ import annotations

import base64
import secrets
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

from authlib.oidc.core import CodeIDToken
from jose import JOSEError, JWTError, jwk, jwt
from jose.backends.base import Key
from joserfc import jwt as id_jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from echo.timeutil import utcnow

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "jti", "purpose", "sub")


class Purpose(StrEnum):
    """What a token is for: every purpose Echo mints, in one place. A token minted for one
    is refused for any other."""

    login = "login"
    verify_email = "verify-email"
    password_reset = "password-reset"  # noqa: S105 - a purpose name, not a password
    unsubscribe = "unsubscribe"
    calendar_feed = "calendar-feed"
    survey = "survey"  # a follow-up survey's one-time link (echo.outcomes.followups)


class InvalidToken(Exception):
    """The token is malformed, forged, expired or meant for something else."""


def new_token_id() -> str:
    return secrets.token_urlsafe(24)


def mint(
    secret: str,
    *,
    purpose: Purpose,
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


def verify(secret: str, token: str, *, purpose: Purpose) -> dict[str, Any]:
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


# Signed credentials ---------------------------------------------------------------------------

CREDENTIAL_ALGORITHM = "RS256"
MIN_RSA_BITS = 2048  # RFC 7518 section 3.3: RS256 keys MUST be 2048 bits or larger


class InvalidCredential(InvalidToken):
    """The credential is malformed, forged, signed by an unknown key, not yet valid or expired."""


def sign_credential(
    payload: Mapping[str, Any], private_jwk_or_pem: str | bytes | Mapping[str, Any], kid: str
) -> str:
    """A compact JWS (RS256) of `payload`, its header naming the signing key by `kid`."""
    key = (
        dict(private_jwk_or_pem) if isinstance(private_jwk_or_pem, Mapping) else private_jwk_or_pem
    )
    try:
        return jwt.encode(
            dict(payload),
            key,
            algorithm=CREDENTIAL_ALGORITHM,
            headers={"kid": kid, "typ": "JWT"},  # with "alg", the header OB 3.0 VC-JWT asks for
        )
    except JOSEError as error:
        raise ValueError(f"cannot sign with this key: {error}") from error


def verify_credential(token: str, jwks: Mapping[str, Any]) -> dict[str, Any]:
    """The credential's claims if an RS256 key in `jwks` signed it; else InvalidCredential.

    The key is the one whose ``kid`` the header names; ``nbf`` and ``exp`` are checked when
    present (no leeway).
    """
    if token.count(".") != 2:  # 5 parts would be JWE, which we never accept
        raise InvalidCredential("not a compact JWS")
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as error:
        raise InvalidCredential(f"unreadable header: {error}") from error
    if header.get("alg") != CREDENTIAL_ALGORITHM:
        raise InvalidCredential(f"algorithm must be {CREDENTIAL_ALGORITHM}")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise InvalidCredential("no key id (kid) in the header")
    key = _public_key(jwks, kid)
    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=[CREDENTIAL_ALGORITHM],
            options={"verify_aud": False},  # credentials name no audience
        )
    except JWTError as error:
        raise InvalidCredential(str(error)) from error
    return claims


def unverified_claims(token: str) -> dict[str, Any]:
    """A token's claims WITHOUT checking its signature: only for showing a credential we
    issued and stored ourselves, never for deciding whether to trust one."""
    try:
        return jwt.get_unverified_claims(token)
    except JWTError as error:
        raise InvalidToken(f"unreadable token: {error}") from error


def _public_key(jwks: Mapping[str, Any], kid: str) -> Key:
    """The RSA public key with this `kid`, built from its public members only."""
    keys = jwks.get("keys")
    if not isinstance(keys, list):
        raise InvalidCredential("the key set has no keys")
    matches = [k for k in keys if isinstance(k, Mapping) and k.get("kid") == kid]
    if len(matches) != 1:
        raise InvalidCredential(f"no single key with kid {kid!r} in the key set")
    found = matches[0]
    if found.get("kty") != "RSA" or found.get("alg", CREDENTIAL_ALGORITHM) != CREDENTIAL_ALGORITHM:
        raise InvalidCredential(f"key {kid!r} is not an {CREDENTIAL_ALGORITHM} key")
    if found.get("use", "sig") != "sig":
        raise InvalidCredential(f"key {kid!r} is not for signatures")
    n, e = found.get("n"), found.get("e")
    if not isinstance(n, str) or not isinstance(e, str):
        raise InvalidCredential(f"key {kid!r} lacks its modulus or exponent")
    try:
        key = jwk.construct({"kty": "RSA", "n": n, "e": e}, algorithm=CREDENTIAL_ALGORITHM)
        bits = int.from_bytes(base64.urlsafe_b64decode(n + "=" * (-len(n) % 4))).bit_length()
    except (JOSEError, ValueError) as error:
        raise InvalidCredential(f"key {kid!r} is not a valid RSA key: {error}") from error
    if bits < MIN_RSA_BITS:
        raise InvalidCredential(f"key {kid!r} is shorter than {MIN_RSA_BITS} bits")
    return key


# OpenID Connect ID tokens (single sign-on, echo.accounts.sso) ---------------------------------

# Asymmetric algorithms only: an HMAC-signed ID token would be keyed with the client secret,
# and "none" is never acceptable from the token endpoint (OpenID Connect Core 1.0 3.1.3.7).
ID_TOKEN_ALGORITHMS = (
    "RS256",
    "RS384",
    "RS512",
    "PS256",
    "PS384",
    "PS512",
    "ES256",
    "ES384",
    "ES512",
    "EdDSA",
)
ID_TOKEN_LEEWAY_SECONDS = 60  # clock skew allowed on exp, iat and nbf


class InvalidIdToken(InvalidToken):
    """The ID token is malformed, signed by no key of the provider, or its claims do not
    hold (issuer, audience, expiry, nonce, at_hash)."""


class UnknownSigningKey(InvalidIdToken):
    """The token names a key the key set lacks: fetch the provider's keys again (rotation)."""


def verify_id_token(
    id_token: str,
    jwks: Mapping[str, Any],
    *,
    issuer: str,
    client_id: str,
    nonce: str,
    access_token: str | None,
    algorithms: Sequence[str],
) -> dict[str, Any]:
    """The claims of an ID token from the token endpoint, checked as OpenID Connect Core 1.0
    section 3.1.3.7 asks: signature by a key of the provider's JWKS (asymmetric algorithms
    only), ``iss`` equal to the issuer, ``aud`` containing the client id (``azp`` when
    there are several), ``exp`` and ``iat`` present and ``exp`` not passed, the ``nonce``
    we sent, and ``at_hash`` when present. joserfc does the JOSE work and Authlib's
    ``CodeIDToken`` the claim rules."""
    allowed = [a for a in algorithms if a in ID_TOKEN_ALGORITHMS]
    if not allowed:
        raise InvalidIdToken("the provider offers no asymmetric signing algorithm")
    if id_token.count(".") != 2:  # 5 parts would be JWE, which we never accept
        raise InvalidIdToken("not a compact JWS")
    try:
        keys = KeySet.import_key_set(dict(jwks))  # type: ignore[arg-type]
        decoded = id_jwt.decode(id_token, keys, algorithms=allowed)
    except InvalidKeyIdError as error:
        raise UnknownSigningKey(str(error)) from error
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise InvalidIdToken(f"{type(error).__name__}: {error}") from error
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": client_id},
            "sub": {"essential": True},
            "nonce": {"essential": True, "value": nonce},
        },
        {"nonce": nonce, "client_id": client_id, "access_token": access_token},
    )
    try:
        claims.validate(leeway=ID_TOKEN_LEEWAY_SECONDS)
    except (JoseError, ValueError, TypeError) as error:
        raise InvalidIdToken(f"{type(error).__name__}: {error}") from error
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise InvalidIdToken("sub must be a non-empty string")
    return dict(claims)
