"""Standard Webhooks signatures (symmetric, v1): pure, no database or HTTP.

    webhook-id: msg_...              the event's id, the same on every attempt
    webhook-timestamp: 1674087231    the attempt's time, in seconds since the epoch
    webhook-signature: v1,<base64>   HMAC-SHA256 of "{id}.{timestamp}.{body}" with the
                                     secret's bytes; several, space-separated, while a
                                     rotated secret is still honoured

Secrets are 32 random bytes shown as ``whsec_`` and their base64 (the specification asks
for 24 to 64 bytes). Written here with hmac and hashlib rather than taken from the
``standardwebhooks`` package, so the tests can verify our requests with that package as
an independent implementation (https://www.standardwebhooks.com/).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
import string
from collections.abc import Sequence
from datetime import datetime

SECRET_PREFIX = "whsec_"  # noqa: S105 - the format's prefix, not a secret
SECRET_BYTES = 32
EVENT_ID_PREFIX = "msg_"
_ID_ALPHABET = string.ascii_letters + string.digits


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def new_event_id() -> str:
    """``msg_`` and 24 letters and digits (143 bits): never a full stop, which the
    signed content uses as its delimiter."""
    return EVENT_ID_PREFIX + "".join(secrets.choice(_ID_ALPHABET) for _ in range(24))


def secret_bytes(secret: str) -> bytes:
    """The key a ``whsec_`` secret stands for."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError("a webhook secret starts with whsec_")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error as error:
        raise ValueError("a webhook secret is whsec_ and base64") from error
    if not key:
        raise ValueError("a webhook secret is whsec_ and the base64 of its key, not empty")
    return key


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` and the base64 of HMAC-SHA256("{id}.{timestamp}.{body}")."""
    signed = f"{event_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_bytes(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(
    secrets_in_use: Sequence[str], event_id: str, moment: datetime, body: bytes
) -> dict[str, str]:
    """The three webhook- headers of one attempt, signed with each secret given (the
    current one first, then a rotated one still honoured)."""
    if not secrets_in_use:
        raise ValueError("at least one secret signs")
    timestamp = int(moment.timestamp())
    return {
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(secret, event_id, timestamp, body) for secret in secrets_in_use
        ),
    }
