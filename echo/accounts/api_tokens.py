"""API access tokens, personal and the hubs' service tokens, and their rate limit.

A person makes a personal token on their token page (/me/tokens); those who manage a hub
make its service tokens, which belong to the hub rather than a person, on the hub's token
page (/hubs/{hub}/tokens). Either is shown once and only a hash of its secret is stored;
it reads, or reads and writes; it expires (at most MAX_DAYS after it is made) and can be
revoked. A personal token may be limited to one of the owner's hubs.

The /api/v1 endpoints take both as ``Authorization: Bearer echo_<prefix>_<secret>``:
``authenticate`` gives the Bearer (or None: answer 401), ``take`` counts the request
against the token's per-minute limit (refused: answer 429). ``Bearer.principal`` is what
the pages' permission predicates (echo.security.permissions) are asked about:

- a personal token is its owner as the pages see them (their roles read afresh on every
  request), limited to a hub: only the roles in that hub, no site administration;
- a service token is no person, holding SERVICE_ROLE in its hub and nothing else (no
  other hub, no site administration, nobody's own enrollments or claims). It belongs to
  the hub: it keeps working when the person who made it leaves the hub or closes their
  account (the hub's token page says so beside it, for the hub's coordinators to revoke),
  it never reaches more than the hub's coordinators may there, and it goes with the hub.
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
from echo.security.permissions import HubRole, Principal
from echo.web.params import FormErrors

SCOPES: Final = ("read", "write")
# How the pages name a token's scopes.
SCOPE_WORDS: Final = {"read,write": "Read and write", "read": "Read only"}
# What a service token is in its hub: exactly the role its page asks for (can_manage_hub:
# the hub's coordinators), so it never reaches more than the people who make it. It is the
# narrowest hub role that reads what a hub's systems need (sessions with attendance,
# consult-line counts); faculty would add clinical writing (recommendations, consult
# notes) and CME administrators do not run sessions.
SERVICE_ROLE: Final = HubRole.coordinator.value
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
    """A new personal token and its full text, ``echo_<prefix>_<secret>``: the only time the
    text exists (show it once; never store or log it). FormErrors on the ``hub`` field when
    the person has no role in that hub."""
    if hub_id is not None and hub_id not in {hub.id for hub in hubs_of(session, user_id)}:
        raise FormErrors({"hub": "Choose one of your hubs from the list, or All my hubs."})
    return _issue(
        session,
        user_id=user_id,
        hub_id=hub_id,
        created_by_id=user_id,
        name=name,
        write=write,
        days=days,
        now=now,
    )


def create_service(
    session: Session,
    *,
    hub_id: int,
    created_by_id: int,
    name: str,
    write: bool,
    days: int,
    now: datetime,
) -> tuple[ApiToken, str]:
    """A new service token of the hub and its full text (shown once, as for ``create``).
    The caller has checked that the person may manage the hub (can_manage_hub)."""
    return _issue(
        session,
        user_id=None,
        hub_id=hub_id,
        created_by_id=created_by_id,
        name=name,
        write=write,
        days=days,
        now=now,
    )


def _issue(
    session: Session,
    *,
    user_id: int | None,
    hub_id: int | None,
    created_by_id: int,
    name: str,
    write: bool,
    days: int,
    now: datetime,
) -> tuple[ApiToken, str]:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"a token lasts 1 to {MAX_DAYS} days, not {days}")
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
        created_by_id=created_by_id,
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


def _newest_first(session: Session, *where: sa.ColumnElement[bool]) -> list[ApiToken]:
    return list(
        session.exec(
            select(ApiToken)
            .where(*where)
            .order_by(col(ApiToken.created_at).desc(), col(ApiToken.id).desc())
        )
    )


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A person's tokens, newest first (revoked and expired ones too, as a record)."""
    return _newest_first(session, col(ApiToken.user_id) == user_id)


@dataclass(frozen=True)
class ServiceTokenRow:
    """A service token as its hub's page shows it: who made it (and whether they still hold
    SERVICE_ROLE in the hub: if not, the token carries on without them) and who revoked it
    ("" when that account is gone)."""

    token: ApiToken
    made_by: str
    revoked_by: str
    maker_left: bool


def service_token_rows(session: Session, hub_id: int) -> list[ServiceTokenRow]:
    """The hub's service tokens, newest first (revoked and expired ones too, as a record)."""
    tokens = _newest_first(session, col(ApiToken.hub_id) == hub_id, col(ApiToken.user_id).is_(None))
    people = {t.created_by_id for t in tokens} | {t.revoked_by_id for t in tokens}
    names = _display_names(session, {person for person in people if person is not None})
    holders = set(
        session.exec(
            select(HubMembership.user_id).where(
                col(HubMembership.hub_id) == hub_id, col(HubMembership.role) == SERVICE_ROLE
            )
        )
    )
    return [
        ServiceTokenRow(
            token=token,
            made_by=names.get(token.created_by_id or 0, ""),
            revoked_by=names.get(token.revoked_by_id or 0, ""),
            maker_left=token.created_by_id not in holders,
        )
        for token in tokens
    ]


def live_tokens_of_leavers(session: Session, hub_id: int, now: datetime) -> int:
    """How many of the hub's service tokens still work though the person who made each no
    longer holds SERVICE_ROLE in the hub (for the page that removes a member to say so)."""
    return sum(
        1
        for row in service_token_rows(session, hub_id)
        if row.maker_left and state(row.token, now) == "active"
    )


def _display_names(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    people = session.exec(select(User).where(col(User.id).in_(sorted(user_ids))))
    return {person.id or 0: person.display_name for person in people}


def scopes_of(token: ApiToken) -> tuple[str, ...]:
    return tuple(scope for scope in token.scopes.split(",") if scope in SCOPES)


def scope_words(token: ApiToken) -> str:
    return SCOPE_WORDS.get(token.scopes, token.scopes)


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
    _revoke(session, token, revoked_by_id=user_id, now=now)
    return True


def revoke_service(
    session: Session, *, hub_id: int, token_id: int, revoked_by_id: int, now: datetime
) -> bool:
    """Revoke one of the hub's service tokens, recording who did; False when the hub has no
    service token with this id. Revoking it again keeps the first time and person."""
    token = session.get(ApiToken, token_id)
    if token is None or not token.is_service or token.hub_id != hub_id:
        return False
    _revoke(session, token, revoked_by_id=revoked_by_id, now=now)
    return True


def _revoke(session: Session, token: ApiToken, *, revoked_by_id: int, now: datetime) -> None:
    if token.revoked_at is None:
        token.revoked_at = now
        token.revoked_by_id = revoked_by_id
        session.add(token)


# --- using one ----------------------------------------------------------------------------


def service_principal(hub_id: int) -> Principal:
    """Whom a service token stands for: no person, SERVICE_ROLE in its hub alone."""
    return Principal(user=None, hub_roles={hub_id: frozenset({SERVICE_ROLE})})


def no_person() -> User:
    """What the API's ``user`` is for a service token: nobody (no id, never saved), so what
    reads a person's own rows (enrollments, claims) finds none."""
    return User(email="", name="", password_hash="")


@dataclass(frozen=True)
class Bearer:
    """A request's valid token: whose it is, what it may do.

    ``principal`` is whom the pages' permission predicates are asked about: for a personal
    token the owner with their current roles (limited to a hub: only the roles in that hub
    and no site administration), for a service token ``service_principal`` of its hub.
    ``reaches_hub`` says whether an object of a hub is in reach at all.
    """

    token_id: int
    user_id: int | None  # None: a service token, owned by hub_id
    hub_id: int | None
    can_write: bool
    expires_at: datetime
    principal: Principal

    @property
    def is_service(self) -> bool:
        return self.user_id is None

    def reaches_hub(self, hub_id: int) -> bool:
        return self.hub_id is None or self.hub_id == hub_id


_token, _user, _membership = ApiToken.__table__, User.__table__, HubMembership.__table__  # type: ignore[attr-defined]
# The token, its owner and the owner's roles in one query, built once (it runs on every
# API request). A service token has no owner: its row comes with the person's columns empty.
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
        _token.outerjoin(_user, _user.c.id == _token.c.user_id).outerjoin(
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
    revoked, expired, or (a personal token) its owner's account closed. Moves the token's
    last_used_at (when older than LAST_USED_RESOLUTION), so call it in a write session."""
    parsed = parse_header(authorization_header)
    if parsed is None:
        return None
    prefix, secret = parsed
    digest = _digest(secret)
    rows = session.execute(_BEARER, {"prefix": prefix}).all()
    if not rows:
        return None
    first = rows[0]
    is_service = first.user_id is None
    if (
        not hmac.compare_digest(first.secret_hash.encode("ascii"), digest.encode("ascii"))
        or first.revoked_at is not None
        or first.expires_at <= now
        or not (is_service or first.is_active)
    ):
        return None
    if first.last_used_at is None or now - first.last_used_at >= LAST_USED_RESOLUTION:
        session.execute(sa.update(_token).where(_token.c.id == first.id).values(last_used_at=now))
    if is_service:
        principal = service_principal(first.hub_id)
    else:
        roles = roles_by_hub(((row.role_hub_id, row.role) for row in rows), only_hub=first.hub_id)
        principal = Principal(
            user=viewer_of_row(first, may_administer_site=first.hub_id is None),
            hub_roles={hub: frozenset(r) for hub, r in roles.items()},
        )
    return Bearer(
        token_id=first.id,
        user_id=first.user_id,
        hub_id=first.hub_id,
        can_write="write" in first.scopes.split(","),
        expires_at=first.expires_at,
        principal=principal,
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
