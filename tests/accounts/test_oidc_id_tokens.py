"""The ID token checks on their own (echo.security.tokens.verify_id_token): what the
provider end-to-end tests cannot easily make a real provider send."""

from __future__ import annotations

import time
from typing import Any

import pytest
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from echo.security import tokens

ISSUER = "https://idp.example.org"
CLIENT = "echo"
NONCE = "n-0S6_WzA2Mj"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig"})
JWKS = {"keys": [KEY.as_dict(private=False)]}


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": ISSUER, "sub": "248289761001", "aud": CLIENT, "exp": now + 300, "iat": now}
    claims.update({"nonce": NONCE, "email": "ana@example.org", "email_verified": True})
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _signed(claims: dict[str, Any], key: Any = KEY, alg: str = "RS256") -> str:
    return jwt.encode({"alg": alg, "kid": "k1"}, claims, key, algorithms=[alg])


def _verify(token: str, nonce: str = NONCE) -> dict[str, Any]:
    return tokens.verify_id_token(
        token,
        JWKS,
        issuer=ISSUER,
        client_id=CLIENT,
        nonce=nonce,
        access_token=None,
        algorithms=["RS256", "HS256", "none"],
    )


def test_a_good_token_gives_its_claims() -> None:
    claims = _verify(_signed(_claims()))

    assert (claims["sub"], claims["email"], claims["email_verified"]) == (
        "248289761001",
        "ana@example.org",
        True,
    )


@pytest.mark.parametrize(
    ("token_claims", "nonce"),
    [
        pytest.param(_claims(nonce="another"), NONCE, id="nonce-mismatch"),
        pytest.param(_claims(nonce=None), NONCE, id="nonce-missing"),
        pytest.param(_claims(iss="https://idp.attacker.example"), NONCE, id="wrong-issuer"),
        pytest.param(_claims(aud="another-app"), NONCE, id="wrong-audience"),
        pytest.param(_claims(aud=[CLIENT, "another-app"]), NONCE, id="shared-audience-no-azp"),
        pytest.param(_claims(exp=int(time.time()) - 3600), NONCE, id="expired"),
        pytest.param(_claims(iat=None), NONCE, id="no-iat"),
    ],
)
def test_claims_that_do_not_hold_are_refused(token_claims: dict[str, Any], nonce: str) -> None:
    with pytest.raises(tokens.InvalidIdToken):
        _verify(_signed(token_claims), nonce)


def test_hmac_signed_token_is_refused_even_with_the_client_secret() -> None:
    """An HS256 token keyed with the client secret is no proof the provider issued it."""
    secret = OctKey.import_key("echo-test-secret-echo-test-secret")
    with pytest.raises(tokens.InvalidIdToken):
        tokens.verify_id_token(
            _signed(_claims(), key=secret, alg="HS256"),
            {"keys": [secret.as_dict()]},
            issuer=ISSUER,
            client_id=CLIENT,
            nonce=NONCE,
            access_token=None,
            algorithms=["HS256"],
        )


def test_unsigned_token_is_refused() -> None:
    header = "eyJhbGciOiJub25lIn0"  # {"alg":"none"}
    payload = _signed(_claims()).split(".")[1]
    with pytest.raises(tokens.InvalidIdToken):
        _verify(f"{header}.{payload}.")


def test_key_missing_from_the_set_asks_for_the_keys_again() -> None:
    other = RSAKey.generate_key(2048, parameters={"kid": "rotated", "use": "sig"})
    token = jwt.encode({"alg": "RS256", "kid": "rotated"}, _claims(), other)
    with pytest.raises(tokens.UnknownSigningKey):
        _verify(token)
