"""Zoom webhooks, the pure part: signature checks and participant events (docs/domain.md §3).

Zoom signs every request: message ``v0:{x-zm-request-timestamp}:{raw body}``, header
``x-zm-signature`` = ``v0=`` + hex HMAC-SHA256(secret token, message). Requests older than
five minutes are refused (replays); comparisons are constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from echo.web.params import EARLIEST_DATE, bounded_line, latest_date

MAX_AGE = timedelta(minutes=5)
JOINED = "meeting.participant_joined"
LEFT = "meeting.participant_left"
URL_VALIDATION = "endpoint.url_validation"
MAX_BODY_BYTES = 256 * 1024

_MEETING_ID_IN_URL = re.compile(r"/(?:j|w|s|wc/join|my)/(\d{9,12})\b")


def signature(secret: str, timestamp: str, body: bytes) -> str:
    message = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def recent_timestamp(timestamp: str, now: datetime) -> bool:
    """Whether the x-zm-request-timestamp header is epoch seconds (ASCII digits) within
    MAX_AGE of ``now``; compared as numbers, so no header can overflow a date."""
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return False
    return abs(now.timestamp() - int(timestamp)) <= MAX_AGE.total_seconds()


def verify(secret: str, timestamp: str, signature_header: str, body: bytes, now: datetime) -> bool:
    """Whether the request is Zoom's, signed with this secret, and recent."""
    if not secret or not recent_timestamp(timestamp, now):
        return False
    return hmac.compare_digest(signature(secret, timestamp, body), signature_header)


def url_validation_answer(secret: str, plain_token: str) -> dict[str, str]:
    encrypted = hmac.new(secret.encode(), plain_token.encode(), hashlib.sha256).hexdigest()
    return {"plainToken": plain_token, "encryptedToken": encrypted}


def meeting_id_from_url(url: str) -> str | None:
    """The numeric meeting id in a Zoom join link (https://zoom.us/j/81796405615?pwd=...)."""
    found = _MEETING_ID_IN_URL.search(url)
    return found.group(1) if found else None


@dataclass(frozen=True)
class ParticipantEvent:
    kind: str  # "joined" or "left"
    meeting_id: str
    participant_key: str
    name: str
    email: str  # lower-cased, "" when the person is not signed in
    at: datetime  # UTC


class BadEvent(ValueError):
    """The body is not a participant event Echo understands."""


def parse_event(body: bytes) -> tuple[str, dict[str, Any]]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise BadEvent("the body is not JSON") from error  # or nested too deep to read
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        raise BadEvent("no event name")
    payload = data.get("payload")
    return data["event"], payload if isinstance(payload, dict) else {}


def participant_event(event: str, payload: dict[str, Any]) -> ParticipantEvent:
    obj = payload.get("object")
    if not isinstance(obj, dict):
        raise BadEvent("no meeting object")
    person = obj.get("participant")
    if not isinstance(person, dict):
        raise BadEvent("no participant")
    stamp = person.get("join_time" if event == JOINED else "leave_time")
    if not isinstance(stamp, str):
        raise BadEvent("no join or leave time")
    try:
        at = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        if not EARLIEST_DATE <= at.date() <= latest_date():  # year 9999 would overflow later
            raise ValueError(stamp)
        at = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise BadEvent("unreadable time") from error
    email = bounded_line(str(person.get("email") or ""), 320).lower()
    key = bounded_line(
        str(
            person.get("participant_uuid")
            or person.get("user_id")
            or email
            or person.get("id")
            or ""
        ),
        200,
    )
    if not key:
        raise BadEvent("no participant id")
    return ParticipantEvent(
        kind="joined" if event == JOINED else "left",
        meeting_id=bounded_line(str(obj.get("id") or ""), 40),
        participant_key=key,
        name=bounded_line(str(person.get("user_name") or ""), 200),
        email=email,
        at=at,
    )
