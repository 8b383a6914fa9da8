"""Open Badges 3.0 credentials for CME (pure: no database, no HTTP, no keys).

`open_badge(...)` builds the OpenBadgeCredential JSON of docs/domain.md section 5 (1EdTech Open
Badges 3.0 on the W3C VC data model 2.0); `credential_jwt_payload(...)` adds the JWT claims
for signing it as a VC-JWT with `echo.security.tokens.sign_credential`.

Choices the specification leaves open:
- The learner is named by a salted SHA-256 hash of the trimmed, lower-cased email in
  ``credentialSubject.identifier`` (a list of IdentityObject), never by the email itself.
- The credit type (e.g. "AMA PRA Category 1 Credit™") is the achievement's ``tag``, OB 3.0's
  keywords "that describe the type of achievement"; ``alignment`` would need a framework URL.
- ``activityStartDate`` and ``activityEndDate`` are OB 3.0 DateTimes, so each activity date
  is given as midnight UTC of that calendar day.
"""

from __future__ import annotations

import copy
import hashlib
import math
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
ACHIEVEMENT_TYPE = "CertificateOfCompletion"


def open_badge(
    *,
    credential_id: str,
    issuer_id: str,
    issuer_name: str,
    achievement_id: str,
    achievement_name: str,
    description: str,
    criteria: str,
    credit_type: str,
    credits_available: Decimal,
    credits_earned: Decimal,
    learner_email: str,
    salt: str,
    valid_from: datetime,
    activity_start: date,
    activity_end: date,
) -> dict[str, Any]:
    """The OpenBadgeCredential for one learner's credit, as JSON-ready data."""
    if not salt:
        raise ValueError("a salt is required: an unsalted email hash is easy to reverse")
    if "@" not in learner_email:
        raise ValueError("the learner's email address is not an email address")
    if activity_end < activity_start:
        raise ValueError(f"the activity ends ({activity_end}) before it starts ({activity_start})")
    earned, available = _json_number(credits_earned), _json_number(credits_available)
    if credits_earned > credits_available:
        raise ValueError(
            f"{credits_earned} credits earned exceed the {credits_available} available"
        )
    return {
        "@context": list(CONTEXTS),
        "id": credential_id,
        "type": list(CREDENTIAL_TYPES),
        "issuer": {"id": issuer_id, "type": ["Profile"], "name": issuer_name},
        "validFrom": _date_time(valid_from),
        "name": achievement_name,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": identity_hash(learner_email, salt),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "name": achievement_name,
                "description": description,
                "criteria": {"narrative": criteria},
                "achievementType": ACHIEVEMENT_TYPE,
                "creditsAvailable": available,
                "tag": [credit_type],
            },
            "creditsEarned": earned,
            "activityStartDate": _day(activity_start),
            "activityEndDate": _day(activity_end),
        },
    }


def credential_jwt_payload(credential: dict[str, Any]) -> dict[str, Any]:
    """The credential plus the VC-JWT claims of OB 3.0: iss, jti, nbf, sub and exp.

    ``sub`` is ``credentialSubject.id`` when there is one, else the first identifier's
    ``identityHash``. ``exp`` is added only when the credential has ``validUntil``.
    """
    payload = copy.deepcopy(credential)
    subject = credential["credentialSubject"]
    subject_id = subject.get("id") or subject["identifier"][0]["identityHash"]
    payload.update(
        {
            "iss": credential["issuer"]["id"],
            "jti": credential["id"],
            "nbf": _numeric_date(credential["validFrom"]),
            "sub": subject_id,
        }
    )
    if "validUntil" in credential:
        payload["exp"] = _numeric_date(credential["validUntil"])
    return payload


def identity_hash(email: str, salt: str) -> str:
    """OB 3.0 IdentityHash: "sha256$" and the hex SHA-256 of the UTF-8 identifier then salt."""
    identity = email.strip().lower() + salt
    return "sha256$" + hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _json_number(value: Decimal) -> float:
    """A credit amount as a JSON number.

    OB 3.0 types credits as Float. The Decimal becomes a float only here, at the JSON
    boundary, through its string; the round trip is checked, so 1.25 is written as 1.25 and
    a value a float cannot hold exactly is refused rather than rounded.
    """
    if not isinstance(value, Decimal) or not value.is_finite() or value < 0:
        raise ValueError(f"credits must be a finite, non-negative Decimal, got {value!r}")
    number = float(str(value))
    if not math.isfinite(number) or Decimal(repr(number)) != value:
        raise ValueError(f"{value} credits cannot be written exactly as a JSON number")
    return number


def _date_time(moment: datetime) -> str:
    """ISO 8601 in UTC with "Z", to the second (VC data model 2.0 dateTimeStamp)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("validFrom needs a time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _day(day: date) -> str:
    if isinstance(day, datetime):
        raise TypeError("activity dates are calendar dates, not datetimes")
    return f"{day.isoformat()}T00:00:00Z"


def _numeric_date(value: str) -> int:
    """RFC 7519 NumericDate (whole seconds since the epoch) of an ISO 8601 date-time."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{value} has no time zone")
    return int(moment.timestamp())
