"""The emails about a person's own account: address confirmation, password reset, and a
sign-up with an address that already has an account. Always sent (security)."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from echo.accounts.models import User
from echo.notify import messages
from echo.notify.outbox import Message
from echo.security import tokens
from echo.settings import Settings
from echo.timeutil import utcnow

RESET_LIFETIME = timedelta(hours=1)
VERIFY_LIFETIME = timedelta(days=7)


def verification(settings: Settings, user: User, *, resent: bool = False) -> Message:
    """The address confirmation link. For a sign-up it also opens the account, so it is
    bound to the password chosen then: a later sign-up with new details voids it."""
    token = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=tokens.Purpose.verify_email,
        lifetime=VERIFY_LIFETIME,
        extra={"email": user.email, "pw": password_fingerprint(user)},
    )
    pending = not user.is_active
    return messages.compose(
        settings,
        user,
        messages.Content(
            subject="Confirm your email address for Echo",
            heading=f"Welcome to Echo, {user.name}",
            paragraphs=[
                "Confirm that this is your email address to finish creating your account."
                if pending
                else "Confirm that this is your email address, so hubs can reach you about "
                "sessions, cases and certificates.",
                "If you did not sign up for Echo, ignore this email.",
            ],
            action_label="Confirm my email address",
            action_url=f"{settings.base_url.rstrip('/')}/verify-email/{token}",
        ),
        category=messages.SECURITY,
        # A login retried all morning sends the link again once a day, not each time.
        dedupe_key=f"verify:{user.id}:{utcnow().date().isoformat()}" if resent else None,
    )


def _reset_url(settings: Settings, user: User) -> str:
    token = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=tokens.Purpose.password_reset,
        lifetime=RESET_LIFETIME,
        extra={"pw": password_fingerprint(user)},
    )
    return f"{settings.base_url.rstrip('/')}/password-reset/{token}"


def password_reset(settings: Settings, user: User) -> Message:
    """A one-hour link, single use: it is bound to the current password hash, so it stops
    working once the password changes."""
    return messages.compose(
        settings,
        user,
        messages.Content(
            subject="Reset your Echo password",
            heading="Reset your password",
            paragraphs=[
                "Someone asked to reset the password of your Echo account. The link works "
                "once, for one hour.",
                "If it was not you, ignore this email: your password stays as it is.",
            ],
            action_label="Choose a new password",
            action_url=_reset_url(settings, user),
        ),
        category=messages.SECURITY,
    )


def sign_up_attempt(settings: Settings, user: User) -> Message:
    """Someone signed up with the address of an existing account. The page said the same as
    for a new address; the owner hears about it here, with a way back in."""
    return messages.compose(
        settings,
        user,
        messages.Content(
            subject="Someone tried to sign up for Echo with your address",
            heading="You already have an Echo account",
            paragraphs=[
                "Someone tried to create a new Echo account with this email address. "
                "Nothing was changed: your account and password stay as they are.",
                "If it was you, log in with your password, or choose a new one with the "
                "link below (it works once, for one hour). If it was not you, ignore this "
                "email.",
            ],
            action_label="Choose a new password",
            action_url=_reset_url(settings, user),
        ),
        category=messages.SECURITY,
    )


def password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]
