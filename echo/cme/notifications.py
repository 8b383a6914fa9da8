"""The emails about credit: a certificate is ready."""

from __future__ import annotations

from sqlmodel import Session

from echo.accounts.models import User
from echo.notify import messages
from echo.settings import Settings


def certificate_ready(session: Session, settings: Settings, user: User, code: str) -> None:
    messages.send(
        session,
        messages.simple(
            settings,
            user,
            category="cme",
            subject="Your certificate is ready",
            paragraphs=[f"Certificate {code} is in your transcript, with its digital credential."],
            path="/me/transcript",
            action_label="Open my transcript",
            dedupe_key=f"certificate:{code}",
        ),
    )
