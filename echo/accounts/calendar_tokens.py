"""The token in a person's personal calendar feed URL (/calendar/{token}.ics): signed, bound
to the account's feed version, so resetting it revokes every copy of the old URL."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session

from echo.accounts.models import User
from echo.security import tokens
from echo.web.params import parse_id

# Feed URLs live in calendar apps for years; the version claim, not expiry, revokes them.
FEED_TOKEN_LIFETIME = timedelta(days=3650)


def personal_token(secret: str, user: User) -> str:
    return tokens.mint(
        secret,
        purpose=tokens.Purpose.calendar_feed,
        subject=str(user.id),
        lifetime=FEED_TOKEN_LIFETIME,
        extra={"v": user.calendar_feed_version},
    )


def user_for_token(session: Session, secret: str, token: str) -> User | None:
    """The feed's owner, if the token is genuine and its version is current."""
    try:
        claims = tokens.verify(secret, token, purpose=tokens.Purpose.calendar_feed)
    except tokens.InvalidToken:
        return None
    user_id = parse_id(str(claims.get("sub", "")))
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.is_active or claims.get("v") != user.calendar_feed_version:
        return None
    return user


def reset_personal_token(session: Session, user: User) -> None:
    user.calendar_feed_version += 1
    session.add(user)
