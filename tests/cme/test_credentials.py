"""Open Badges 3.0 credentials: the JSON, the signing keys, and VC-JWTs checked by two libraries.

PyJWT is a second, independent JOSE implementation: what `tokens.sign_credential` makes and
`SigningKeys.jwks()` publishes must verify there too, as any wallet or verifier would do it.
Where the keys are kept (the database, shared by every machine): tests/cme/test_signing_keys.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import jwt as pyjwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlmodel import Session, col, select

from echo.cme.credentials import credential_jwt_payload, identity_hash, open_badge
from echo.cme.keys import SigningKeys, thumbprint
from echo.cme.models import SigningKey
from echo.db import Database
from echo.security.tokens import (
    InvalidCredential,
    InvalidToken,
    sign_credential,
    unverified_claims,
    verify_credential,
)
from echo.settings import Settings
from echo.timeutil import utcnow
from tests.conftest import TEST_SECRET

ISSUER = "https://echo.example.org/issuers/riverside"
CREDENTIAL_ID = "https://echo.example.org/credentials/ECHO-7KQ2-M9XW"


def badge(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "credential_id": CREDENTIAL_ID,
        "issuer_id": ISSUER,
        "issuer_name": "Riverside Children's Hospital",
        "achievement_id": "https://echo.example.org/achievements/pmh-echo-2026",
        "achievement_name": "Pediatric Mental Health ECHO 2026",
        "description": "Live regularly scheduled series (virtual) on pediatric mental health.",
        "criteria": "Attend sessions and complete the evaluation before claiming credit.",
        "credit_type": "AMA PRA Category 1 Credit™",
        "credits_available": Decimal("12.00"),
        "credits_earned": Decimal("1.25"),
        "learner_email": " Anh.Nguyen@Clinic.Test ",
        "salt": "c2FsdC12YWx1ZQ",
        "valid_from": datetime(2026, 11, 25, 12, 30, tzinfo=timezone(timedelta(hours=-5))),
        "activity_start": date(2026, 3, 10),
        "activity_end": date(2026, 11, 24),
        **overrides,
    }
    return open_badge(**values)


@pytest.fixture
def keys(database: Database) -> Iterator[SigningKeys]:
    with database.write() as session:
        yield SigningKeys(session, TEST_SECRET)


def rows(session: Session) -> list[SigningKey]:
    return list(session.exec(select(SigningKey).order_by(col(SigningKey.created_at))).all())


def signed(keys: SigningKeys, payload: dict[str, Any] | None = None) -> str:
    kid, private_pem = keys.current()
    return sign_credential(payload or credential_jwt_payload(badge()), private_pem, kid)


def pyjwt_decode(token: str, jwks: dict[str, Any]) -> dict[str, Any]:
    """Verify as an outside verifier would: the key the header's kid names, RS256 only."""
    key = pyjwt.PyJWKSet.from_dict(jwks)[pyjwt.get_unverified_header(token)["kid"]]
    claims: dict[str, Any] = pyjwt.decode(token, key.key, algorithms=["RS256"])
    return claims


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(value: dict[str, Any]) -> str:
    return b64(json.dumps(value).encode())


# The credential JSON -----------------------------------------------------------------------


def test_credential_has_the_open_badges_3_shape() -> None:
    credential = badge()
    assert credential["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert credential["id"] == CREDENTIAL_ID
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"] == {
        "id": ISSUER,
        "type": ["Profile"],
        "name": "Riverside Children's Hospital",
    }
    assert credential["validFrom"] == "2026-11-25T17:30:00Z"  # 12:30 at UTC-5, in UTC
    assert credential["name"] == "Pediatric Mental Health ECHO 2026"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert "id" not in subject
    assert subject["activityStartDate"] == "2026-03-10T00:00:00Z"
    assert subject["activityEndDate"] == "2026-11-24T00:00:00Z"
    achievement = subject["achievement"]
    assert achievement["type"] == ["Achievement"]
    assert achievement["achievementType"] == "CertificateOfCompletion"
    assert achievement["criteria"] == {
        "narrative": "Attend sessions and complete the evaluation before claiming credit."
    }
    assert achievement["tag"] == ["AMA PRA Category 1 Credit™"]
    assert "vc" not in credential


def test_learner_is_a_salted_email_hash_never_the_email() -> None:
    credential = badge()
    [identifier] = credential["credentialSubject"]["identifier"]
    digest = hashlib.sha256(b"anh.nguyen@clinic.testc2FsdC12YWx1ZQ").hexdigest()
    assert identifier == {
        "type": "IdentityObject",
        "identityHash": f"sha256${digest}",
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "c2FsdC12YWx1ZQ",
    }
    assert "clinic.test" not in json.dumps(credential).lower()


def test_identity_hash_matches_the_open_badges_example() -> None:
    """OB 3.0's IdentityHash example: 'a@example.com' salted with 'Kosher'."""
    expected = "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
    assert identity_hash("a@example.com", "Kosher") == expected
    assert identity_hash(" A@Example.COM", "Kosher") == expected


def test_credits_are_exact_json_numbers() -> None:
    text = json.dumps(badge())
    assert '"creditsEarned": 1.25' in text
    assert '"creditsAvailable": 12.0' in text
    assert json.loads(text)["credentialSubject"]["creditsEarned"] == 1.25


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"salt": ""}, "salt"),
        ({"valid_from": datetime(2026, 11, 25, 12, 30)}, "time zone"),
        ({"credits_earned": Decimal("12.25")}, "exceed"),
        ({"credits_earned": Decimal("-0.25")}, "non-negative"),
        ({"credits_earned": Decimal("NaN")}, "finite"),
        ({"credits_earned": Decimal("1.0000000000000000000001")}, "exactly"),
        ({"activity_end": date(2026, 3, 9)}, "before it starts"),
        ({"learner_email": "not-an-email"}, "email"),
    ],
)
def test_bad_input_is_refused(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        badge(**overrides)


def test_jwt_payload_adds_the_registered_claims() -> None:
    credential = badge()
    payload = credential_jwt_payload(credential)
    assert payload["iss"] == ISSUER
    assert payload["jti"] == CREDENTIAL_ID
    assert payload["nbf"] == int(datetime(2026, 11, 25, 17, 30, tzinfo=UTC).timestamp())
    assert payload["sub"] == credential["credentialSubject"]["identifier"][0]["identityHash"]
    assert "exp" not in payload and "vc" not in payload
    assert {k: v for k, v in payload.items() if k not in ("iss", "jti", "nbf", "sub")} == (
        credential
    )


def test_jwt_payload_prefers_the_subject_id_and_maps_valid_until() -> None:
    credential = badge()
    credential["credentialSubject"]["id"] = "did:example:learner"
    credential["validUntil"] = "2032-11-25T17:30:00Z"
    payload = credential_jwt_payload(credential)
    assert payload["sub"] == "did:example:learner"
    assert payload["exp"] == int(datetime(2032, 11, 25, 17, 30, tzinfo=UTC).timestamp())


# Signing keys ------------------------------------------------------------------------------


def test_keys_are_made_on_first_use_with_private_keys_encrypted(keys: SigningKeys) -> None:
    assert rows(keys.session) == []
    assert not keys.made()
    kid, private_pem = keys.current()
    [row] = rows(keys.session)
    assert (row.kid, row.is_current, row.retired_at) == (kid, True, None)
    assert row.private_key is not None
    assert b"PRIVATE KEY" not in row.private_key  # encrypted at rest (echo.cme.keys)
    assert private_pem not in row.private_key
    assert private_pem.startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keys.current() == (kid, private_pem)  # made once, then reused
    assert len(rows(keys.session)) == 1


def test_jwks_lists_public_members_only_with_thumbprint_kids(keys: SigningKeys) -> None:
    kid, private_pem = keys.current()
    [entry] = keys.jwks()["keys"]
    assert set(entry) == {"kid", "kty", "n", "e", "use", "alg"}
    assert entry["kid"] == kid and entry["kty"] == "RSA" and entry["e"] == "AQAB"
    assert entry["use"] == "sig" and entry["alg"] == "RS256"
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    assert isinstance(private_key, rsa.RSAPrivateKey)
    assert private_key.key_size == 2048
    assert thumbprint(private_key.public_key()) == kid


def test_thumbprint_matches_rfc_7638() -> None:
    """The worked example of RFC 7638 section 3.1."""
    n = (
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJ"
        "ECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2"
        "QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQF"
        "h6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
    )
    modulus = int.from_bytes(base64.urlsafe_b64decode(n + "=" * (-len(n) % 4)))
    public_key = rsa.RSAPublicNumbers(65537, modulus).public_key()
    assert thumbprint(public_key) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"


def test_processes_starting_at_once_make_one_key(
    settings: Settings, database: Database, tmp_path: Path
) -> None:
    script = (
        "import sys; from pathlib import Path; from echo.settings import Settings; "
        "from echo.db import Database; from echo.cme.issuing import signing_keys\n"
        "settings = Settings(database_url=sys.argv[1], var_dir=Path(sys.argv[2]), "
        "secret_key=sys.argv[3])\n"
        "with Database(settings).write() as session:\n"
        "    print(signing_keys(session, settings).current().kid)"
    )
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                script,
                settings.resolved_database_url,
                str(folder),
                TEST_SECRET,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for folder in (tmp_path / f"machine-{n}" for n in range(4))  # no shared folder
    ]
    kids = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert len(kids) == 1
    with database.read() as session:
        assert [row.kid for row in rows(session)] == list(kids)


def test_rotation_keeps_old_public_keys_and_drops_old_private_keys(keys: SigningKeys) -> None:
    first, _ = keys.current()
    second = keys.rotate()
    assert second != first
    assert keys.current().kid == second
    assert [entry["kid"] for entry in keys.jwks()["keys"]] == [second, first]  # current first
    old, new = rows(keys.session)
    assert (old.kid, old.private_key, old.is_current) == (first, None, None)
    assert old.retired_at is not None and old.public_pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert (new.kid, new.is_current, new.retired_at) == (second, True, None)


# Signing and verifying ---------------------------------------------------------------------


def test_signed_credential_verifies_with_pyjwt_and_with_tokens(keys: SigningKeys) -> None:
    payload = credential_jwt_payload(badge())
    token = signed(keys, payload)
    kid = keys.current().kid
    assert pyjwt.get_unverified_header(token) == {"alg": "RS256", "kid": kid, "typ": "JWT"}
    assert pyjwt_decode(token, keys.jwks()) == payload
    assert verify_credential(token, keys.jwks()) == payload


def test_private_jwk_signs_as_well_as_pem(keys: SigningKeys) -> None:
    kid, private_pem = keys.current()
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    assert isinstance(private_key, rsa.RSAPrivateKey)
    private_jwk = json.loads(pyjwt.algorithms.RSAAlgorithm.to_jwk(private_key))
    payload = credential_jwt_payload(badge())
    token = sign_credential(payload, private_jwk, kid)
    assert verify_credential(token, keys.jwks()) == payload


def test_credential_signed_before_rotation_still_verifies(keys: SigningKeys) -> None:
    old_token = signed(keys)
    keys.rotate()
    new_token = signed(keys)
    jwks = keys.jwks()
    for token in (old_token, new_token):
        assert pyjwt_decode(token, jwks)["jti"] == CREDENTIAL_ID
        assert verify_credential(token, jwks)["jti"] == CREDENTIAL_ID
    assert (
        pyjwt.get_unverified_header(old_token)["kid"]
        != (pyjwt.get_unverified_header(new_token)["kid"])
    )


def test_tampered_payload_fails(keys: SigningKeys) -> None:
    header, payload, signature = signed(keys).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["creditsEarned"] = 12.0
    forged = f"{header}.{b64json(claims)}.{signature}"
    with pytest.raises(InvalidCredential):
        verify_credential(forged, keys.jwks())
    with pytest.raises(pyjwt.InvalidSignatureError):
        pyjwt_decode(forged, keys.jwks())


def test_token_from_another_key_fails(keys: SigningKeys) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other_kid = thumbprint(other.public_key())
    other_pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    payload = credential_jwt_payload(badge())
    unknown_kid = sign_credential(payload, other_pem, other_kid)
    with pytest.raises(InvalidCredential, match="no single key"):
        verify_credential(unknown_kid, keys.jwks())
    borrowed_kid = sign_credential(payload, other_pem, keys.current().kid)
    with pytest.raises(InvalidCredential, match="Signature verification failed"):
        verify_credential(borrowed_kid, keys.jwks())


def test_alg_none_is_rejected(keys: SigningKeys) -> None:
    claims = credential_jwt_payload(badge())
    for alg in ("none", "None", "NONE"):
        header = {"alg": alg, "kid": keys.current().kid, "typ": "JWT"}
        with pytest.raises(InvalidCredential, match="algorithm"):
            verify_credential(f"{b64json(header)}.{b64json(claims)}.", keys.jwks())


@pytest.mark.parametrize("secret_form", ["pem", "der", "jwk-json"])
def test_hs256_with_the_public_key_as_secret_is_rejected(
    keys: SigningKeys, secret_form: str
) -> None:
    """Key confusion (CVE-2024-33663): an HMAC keyed with our public key must not pass."""
    kid, private_pem = keys.current()
    private_key = serialization.load_pem_private_key(private_pem, password=None)
    public_key = private_key.public_key()
    secret = {
        "pem": public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        "der": public_key.public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
        "jwk-json": json.dumps(keys.jwks()["keys"][0]).encode(),
    }[secret_form]
    signing_input = (
        f"{b64json({'alg': 'HS256', 'kid': kid, 'typ': 'JWT'})}."
        f"{b64json(credential_jwt_payload(badge()))}"
    )
    signature = b64(hmac.new(secret, signing_input.encode(), hashlib.sha256).digest())
    with pytest.raises(InvalidCredential, match="algorithm"):
        verify_credential(f"{signing_input}.{signature}", keys.jwks())


def test_other_rsa_algorithms_are_rejected(keys: SigningKeys) -> None:
    kid, private_pem = keys.current()
    token = pyjwt.encode(
        credential_jwt_payload(badge()), private_pem, algorithm="RS512", headers={"kid": kid}
    )
    with pytest.raises(InvalidCredential, match="algorithm"):
        verify_credential(token, keys.jwks())


def test_not_yet_valid_and_expired_credentials_are_rejected(keys: SigningKeys) -> None:
    now = utcnow()
    future = credential_jwt_payload(badge(valid_from=now + timedelta(hours=1)))
    with pytest.raises(InvalidCredential, match="not yet valid"):
        verify_credential(signed(keys, future), keys.jwks())
    expired = {**credential_jwt_payload(badge()), "exp": int(now.timestamp()) - 60}
    with pytest.raises(InvalidCredential, match="expired"):
        verify_credential(signed(keys, expired), keys.jwks())


def test_malformed_tokens_and_key_sets_are_rejected(keys: SigningKeys) -> None:
    token = signed(keys)
    with pytest.raises(InvalidCredential, match="compact JWS"):
        verify_credential("a.b.c.d.e", keys.jwks())  # JWE shape
    with pytest.raises(InvalidCredential, match="header"):
        verify_credential("!!.e30.", keys.jwks())
    with pytest.raises(InvalidCredential, match="no keys"):
        verify_credential(token, {})
    weak = {**keys.jwks()["keys"][0], "kty": "oct"}
    with pytest.raises(InvalidCredential, match="not an RS256 key"):
        verify_credential(token, {"keys": [weak]})
    # A 1024-bit key, weak on purpose: RS256 keys must have at least 2048 bits.
    short = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
    numbers = short.public_key().public_numbers()
    small = {
        **keys.jwks()["keys"][0],
        "n": b64(numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")),
    }
    with pytest.raises(InvalidCredential, match="shorter than 2048"):
        verify_credential(token, {"keys": [small]})


def test_only_an_rsa_private_key_can_sign(keys: SigningKeys) -> None:
    kid, _ = keys.current()
    payload = credential_jwt_payload(badge())
    public_pem = (
        keys.session.exec(select(SigningKey.public_pem).where(col(SigningKey.kid) == kid))
        .one()
        .encode()
    )
    for key in (public_pem, keys.jwks()["keys"][0], {"kty": "oct", "k": "c2VjcmV0"}, "s" * 48):
        with pytest.raises(ValueError, match="cannot sign"):
            sign_credential(payload, key, kid)


def test_unverified_claims_reads_without_trusting(keys: SigningKeys) -> None:
    """For showing a stored credential only: it does not check the signature."""
    payload = credential_jwt_payload(badge())
    header, _, signature = signed(keys, payload).split(".")
    assert unverified_claims(f"{header}.{b64json({**payload, 'x': 1})}.{signature}")["x"] == 1
    with pytest.raises(InvalidToken):
        unverified_claims("not a token")
