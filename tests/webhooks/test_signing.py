"""Signatures are Standard Webhooks' v1 scheme: the reference verifier (the
``standardwebhooks`` package, not our code) accepts what Echo signs, and refuses it when
a byte, the id, the time or the secret differs."""

from __future__ import annotations

import base64
import re
from datetime import timedelta

import pytest
from standardwebhooks import Webhook, WebhookVerificationError

from echo.timeutil import utcnow
from echo.webhooks.signing import headers, new_event_id, new_secret, secret_bytes

BODY = b'{"type":"webhook.test","timestamp":"2026-12-06T10:00:00.000Z","data":{"hub":"x"}}'


def test_new_secret_is_whsec_and_32_random_bytes_in_base64() -> None:
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and first != second
    assert len(base64.b64decode(first.removeprefix("whsec_"))) == 32
    assert len(secret_bytes(first)) == 32


def test_event_ids_are_msg_and_letters_without_a_full_stop() -> None:
    ids = {new_event_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(re.fullmatch(r"msg_[A-Za-z0-9]{24}", event_id) for event_id in ids)


def test_the_reference_verifier_accepts_what_echo_signs() -> None:
    secret, event_id = new_secret(), new_event_id()
    sent = headers([secret], event_id, utcnow(), BODY)
    assert sent["webhook-id"] == event_id
    assert re.fullmatch(r"v1,[A-Za-z0-9+/]{43}=", sent["webhook-signature"])
    assert Webhook(secret).verify(BODY, sent) == {
        "type": "webhook.test",
        "timestamp": "2026-12-06T10:00:00.000Z",
        "data": {"hub": "x"},
    }


@pytest.mark.parametrize(
    "tamper",
    ["body", "id", "timestamp", "secret"],
)
def test_the_reference_verifier_refuses_a_changed_request(tamper: str) -> None:
    secret = new_secret()
    sent = headers([secret], new_event_id(), utcnow(), BODY)
    body, key = BODY, secret
    if tamper == "body":
        body = BODY.replace(b'"x"', b'"y"')
    elif tamper == "id":
        sent = {**sent, "webhook-id": new_event_id()}
    elif tamper == "timestamp":
        sent = {**sent, "webhook-timestamp": str(int(sent["webhook-timestamp"]) + 1)}
    else:
        key = new_secret()
    with pytest.raises(WebhookVerificationError):
        Webhook(key).verify(body, sent)


def test_after_a_rotation_both_secrets_verify_the_same_request() -> None:
    old, new = new_secret(), new_secret()
    sent = headers([new, old], new_event_id(), utcnow(), BODY)
    assert len(sent["webhook-signature"].split(" ")) == 2
    assert Webhook(new).verify(BODY, sent)["type"] == "webhook.test"
    assert Webhook(old).verify(BODY, sent)["type"] == "webhook.test"


def test_an_old_attempt_is_refused_by_the_reference_verifier() -> None:
    """The timestamp is the attempt's: a request replayed 10 minutes later is refused."""
    secret = new_secret()
    sent = headers([secret], new_event_id(), utcnow() - timedelta(minutes=10), BODY)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(secret).verify(BODY, sent)


def test_a_secret_must_be_whsec_and_base64() -> None:
    for wrong in ("abc", "whsec_", "whsec_not base64!"):
        with pytest.raises(ValueError, match="whsec_"):
            secret_bytes(wrong)
