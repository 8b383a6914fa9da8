"""The issuer of certificates: the site's address and its signing keys, from settings."""

from __future__ import annotations

from echo.cme import credentials
from echo.cme.keys import SigningKeys
from echo.cme.services import Issuer
from echo.security import tokens
from echo.settings import Settings


def signing_keys(settings: Settings) -> SigningKeys:
    return SigningKeys(settings.var_dir / "keys")


def issuer_for(settings: Settings) -> Issuer:
    """Credentials are signed RS256 with the current key; older keys stay in the JWKS."""
    keys = signing_keys(settings)

    def sign(credential: dict[str, object]) -> str:
        kid, private_key = keys.current()
        return tokens.sign_credential(
            credentials.credential_jwt_payload(credential), private_key, kid
        )

    return Issuer(base_url=settings.base_url, sign=sign, salt_secret=settings.secret)
