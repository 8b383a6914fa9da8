"""Personal API access tokens and their rate limit.

A person makes a token on their token page (/me/tokens); it is shown once and only a hash
of its secret is stored. A token reads, or reads and writes, and may be limited to one of
the owner's hubs; it expires (at most MAX_DAYS after it is made) and can be revoked.

The /api/v1 endpoints take it as ``Authorization: Bearer echo_<prefix>_<secret>``:
``authenticate`` gives the Bearer (or None: answer 401), ``take`` counts the request
against the token's per-minute limit (refused: answer 429). A token never reaches more than
its owner can: ``Bearer.principal`` is the owner as the pages see them (their roles read
afresh on every request), so the pages' permission predicates (echo.security.permissions)
decide what it may see; limited to a hub, it holds only the roles in that hub.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.models import (
    API_TOKEN_DEFAULT_DAYS,
    API_TOKEN_MAX_DAYS,
    ApiRateWindow,
    ApiToken,
    HubMembership,
    User,
)
from echo.db import count_up
from echo.security.identity import roles_by_hub, viewer_of_row
from echo.security.permissions import Principal
from echo.web.params import FormErrors

SCOPES: Final = ("read", "write")
MAX_DAYS: Final = API_TOKEN_MAX_DAYS
DEFAULT_DAYS: Final = API_TOKEN_DEFAULT_DAYS
# Requests per token per minute unless the caller says otherwise (the API passes its own
# setting, api_rate_per_minute, as per_minute).
DEFAULT_PER_MINUTE: Final = 120

# What secret scanners (and people) recognise a token by.
TOKEN_PREFIX: Final = "echo_"  # noqa: S105 - the public start of every token, not a secret
# A whole header longer than this is refused before anything is parsed or hashed: a token
# is 5 + 10 + 1 + 43 = 59 characters, "Bearer " adds 7.
MAX_HEADER_LENGTH: Final = 200
# A busy client does not write its token's row on every request: last_used_at is only
# moved when it is at least this old.
LAST_USED_RESOLUTION: Final = timedelta(seconds=60)
RATE_WINDOW: Final = timedelta(minutes=1)
# Counting windows older than this are deleted (now and then: when a new window opens).
RATE_WINDOWS_KEPT: Final = timedelta(minutes=10)

# echo_ + secrets.token_hex(5) + _ + secrets.token_urlsafe(32) (43 characters of base64url,
# which may themselves hold "_" and "-"; the lengths make the split unambiguous).
_TOKEN = re.compile(r"echo_([0-9a-f]{10})_([A-Za-z0-9_-]{43})", re.ASCII)

# The hub table belongs to echo.programs, a layer above accounts (the import contracts in
# pyproject.toml); the token pages need only its id and name, so it is named here.
_HUB = sa.table("hub", sa.column("id", sa.Integer), sa.column("name", sa.String))


def _digest(secret: str) -> str:
    """SHA-256 of a token's secret part: see ApiToken.secret_hash for why a fast hash."""
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


# --- making, listing, revoking ------------------------------------------------------------


@dataclass(frozen=True)
class HubChoice:
    id: int
    name: str


def hubs_of(session: Session, user_id: int) -> list[HubChoice]:
    """The hubs a person has a role in, by name: those a token of theirs may be limited to."""
    rows = session.execute(
        sa.select(_HUB.c.id, _HUB.c.name)
        .where(
            _HUB.c.id.in_(select(HubMembership.hub_id).where(col(HubMembership.user_id) == user_id))
        )
        .order_by(_HUB.c.name, _HUB.c.id)
    ).all()
    return [HubChoice(row.id, row.name) for row in rows]


def hub_names(session: Session, hub_ids: Iterable[int]) -> dict[int, str]:
    """Hub id -> name, for showing the hubs tokens are limited to."""
    wanted = sorted(set(hub_ids))
    if not wanted:
        return {}
    rows = session.execute(sa.select(_HUB.c.id, _HUB.c.name).where(_HUB.c.id.in_(wanted)))
    return {row.id: row.name for row in rows}


def create(
    session: Session,
    *,
    user_id: int,
    name: str,
    write: bool,
    hub_id: int | None,
    days: int,
    now: datetime,
) -> tuple[ApiToken, str]:
    """A new token and its full text, ``echo_<prefix>_<secret>``: the only time the text
    exists (show it once; never store or log it). FormErrors on the ``hub`` field when the
    person has no role in that hub."""
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a token lasts 1 to {MAX_DAYS} days, not {days}")
    if hub_id is not None and hub_id not in {hub.id for hub in hubs_of(session, user_id)}:
        raise FormErrors({"hub": "Choose one of your hubs from the list, or All my hubs."})
    prefix = _unused_prefix(session)
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user_id,
        name=name,
        prefix=prefix,
        secret_hash=_digest(secret),
        scopes="read,write" if write else "read",
        hub_id=hub_id,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(token)
    session.flush()
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


def _unused_prefix(session: Session) -> str:
    """Ten hex characters no token has yet (40 bits: a clash is rare, but never an error)."""
    while True:
        prefix = secrets.token_hex(5)
        taken = session.exec(select(ApiToken.id).where(col(ApiToken.prefix) == prefix)).first()
        if taken is None:
            return prefix


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A person's tokens, newest first (revoked and expired ones too, as a record)."""
    return list(
        session.exec(
            select(ApiToken)
            .where(col(ApiToken.user_id) == user_id)
            .order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())
        )
    )


def scopes_of(token: ApiToken) -> tuple[str, ...]:
    return tuple(scope for scope in token.scopes.split(",") if scope in SCOPES)


def state(token: ApiToken, now: datetime) -> str:
    """ "revoked", "expired" or "active"."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at <= now:
        return "expired"
    return "active"


def revoke(session: Session, *, user_id: int, token_id: int, now: datetime) -> bool:
    """Revoke one of the person's own tokens (from now on it is refused); False when they
    have no token with this id. Revoking it again keeps the first time."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id:
        return False
    if token.revoked_at is None:
        token.revoked_at = now
        session.add(token)
    return True


# --- using one ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bearer:
    """A request's valid token: whose it is, what it may do.

    ``principal`` is the owner with their current roles, for the pages' permission
    predicates. Limited to a hub, it holds only the roles in that hub and no site
    administration: a limited token reaches that hub's data as the owner's roles there
    allow, nothing else. ``reaches_hub`` says whether an object of a hub is in reach at all.
    """

    token_id: int
    user_id: int
    hub_id: int | None
    can_write: bool
    expires_at: datetime
    principal: Principal

    def reaches_hub(self, hub_id: int) -> bool:
        return self.hub_id is None or self.hub_id == hub_id


_token, _user, _membership = ApiToken.__table__, User.__table__, HubMembership.__table__  # type: ignore[attr-defined]
# The token, its owner and the owner's roles in one query, built once (it runs on every
# API request).
_BEARER = (
    sa.select(
        _token.c.id,
        _token.c.user_id,
        _token.c.secret_hash,
        _token.c.scopes,
        _token.c.hub_id,
        _token.c.expires_at,
        _token.c.last_used_at,
        _token.c.revoked_at,
        _user.c.email,
        _user.c.name,
        _user.c.credentials,
        _user.c.time_zone,
        _user.c.is_site_admin,
        _user.c.is_active,
        _membership.c.hub_id.label("role_hub_id"),
        _membership.c.role,
    )
    .select_from(
        _token.join(_user, _user.c.id == _token.c.user_id).outerjoin(
            _membership, _membership.c.user_id == _user.c.id
        )
    )
    .where(_token.c.prefix == sa.bindparam("prefix"))
)


def parse_header(authorization_header: str | None) -> tuple[str, str] | None:
    """(prefix, secret) from ``Bearer echo_<prefix>_<secret>`` (the scheme in any case,
    RFC 9110 section 11.1), or None for anything else; over MAX_HEADER_LENGTH characters
    it is refused unread."""
    if not authorization_header or len(authorization_header) > MAX_HEADER_LENGTH:
        return None
    scheme, _, credentials = authorization_header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    match = _TOKEN.fullmatch(credentials.strip(" "))
    if match is None:
        return None
    return match[1], match[2]


def authenticate(
    session: Session, authorization_header: str | None, now: datetime
) -> Bearer | None:
    """The valid token the header carries, or None: malformed, unknown, wrong secret,
    revoked, expired, or its owner's account closed. Moves the token's last_used_at (when
    older than LAST_USED_RESOLUTION), so call it in a write session."""
    parsed = parse_header(authorization_header)
    if parsed is None:
        return None
    prefix, secret = parsed
    digest = _digest(secret)
    rows = session.execute(_BEARER, {"prefix": prefix}).all()
    if not rows:
        return None
    first = rows[0]
    if (
        not hmac.compare_digest(first.secret_hash.encode("ascii"), digest.encode("ascii"))
        or first.revoked_at is not None
        or first.expires_at <= now
        or not first.is_active
    ):
        return None
    if first.last_used_at is None or now - first.last_used_at >= LAST_USED_RESOLUTION:
        session.execute(sa.update(_token).where(_token.c.id == first.id).values(last_used_at=now))
    roles = roles_by_hub(((row.role_hub_id, row.role) for row in rows), only_hub=first.hub_id)
    viewer = viewer_of_row(first, may_administer_site=first.hub_id is None)
    return Bearer(
        token_id=first.id,
        user_id=first.user_id,
        hub_id=first.hub_id,
        can_write="write" in first.scopes.split(","),
        expires_at=first.expires_at,
        principal=Principal(user=viewer, hub_roles={hub: frozenset(r) for hub, r in roles.items()}),
    )


# --- rate limit ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    remaining: int  # requests left in this window (for RateLimit headers)
    reset_at: datetime  # when the next window opens (Retry-After when refused)


_window = ApiRateWindow.__table__  # type: ignore[attr-defined]


def take(session: Session, token_id: int, now: datetime, *, per_minute: int) -> RateDecision:
    """Count one request against the token's limit for the current UTC minute (a fixed
    window) and say whether it may go on.

    One atomic upsert (INSERT ... ON CONFLICT DO UPDATE ... RETURNING, on SQLite 3.35+ and
    PostgreSQL) counts it, so concurrent requests in any number of processes never lose a
    count. Refused requests count too. When a window opens, windows older than
    RATE_WINDOWS_KEPT (of every token) are deleted. Commit it on its own, so that the count
    stands even when the request it allowed fails.
    """
    start = now.replace(second=0, microsecond=0)
    count = count_up(
        session,
        _window,
        {"token_id": token_id, "window_start": start, "count": 1},
        [_window.c.token_id, _window.c.window_start],
        _window.c.count,
    )
    if count == 1:
        session.execute(
            sa.delete(_window).where(_window.c.window_start < start - RATE_WINDOWS_KEPT)
        )
    return RateDecision(
        allowed=count <= per_minute,
        remaining=max(per_minute - count, 0),
        reset_at=start + RATE_WINDOW,
    )
