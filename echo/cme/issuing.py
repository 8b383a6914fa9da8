"""The issuer of certificates: the site's address and its signing keys, from settings."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from echo.cme import credentials
from echo.cme.keys import SigningKeys
from echo.cme.services import Issuer
from echo.db import Database
from echo.security import tokens
from echo.settings import Settings


def signing_keys(session: Session, settings: Settings) -> SigningKeys:
    """The keys in the database; those an earlier version kept in ``ECHO_VAR_DIR/keys``
    are imported on first use."""
    return SigningKeys(session, settings.secret, legacy_folder=settings.var_dir / "keys")


def published_keys(database: Database, settings: Settings) -> dict[str, list[dict[str, Any]]]:
    """The JWK Set: a read, unless the first key is still to be made (or imported)."""
    with database.read() as session:
        keys = signing_keys(session, settings)
        if keys.made():
            return keys.jwks()
    with database.write() as session:
        return signing_keys(session, settings).jwks()


def issuer_for(settings: Settings) -> Issuer:
    """Credentials are signed RS256 with the current key; older keys stay in the JWKS."""

    def sign(session: Session, credential: dict[str, object]) -> str:
        kid, private_key = signing_keys(session, settings).current()
        return tokens.sign_credential(
            credentials.credential_jwt_payload(credential), private_key, kid
        )

    return Issuer(base_url=settings.base_url, sign=sign, salt_secret=settings.secret)
