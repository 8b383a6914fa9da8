"""How every email Echo sends is put together: subject, plain text and accessible HTML from
templates/mail/, the hub's name as the sender's name, and for optional kinds an
unsubscribe link and List-Unsubscribe headers (RFC 2369, one-click per RFC 8058).

Domain-free: each domain writes its own messages in its ``notifications.py`` with
:func:`simple` or :func:`compose`, and queues them with :func:`send` in the same
transaction as the change that causes them. Messages carry links, never case text (a
case update says "case 12 was returned" and links to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session, select

from echo.notify import outbox
from echo.notify.models import NotificationPreference
from echo.notify.outbox import Message
from echo.security import tokens
from echo.settings import PROJECT_ROOT, Settings
from echo.web.params import bounded_line

SECURITY = "security"  # always sent
# Optional kinds a person can turn off, with the words used in links and the settings page.
CATEGORIES = {
    "reminders": "session reminders and schedule changes",
    "cases": "updates on your cases",
    "enrollment": "enrollment updates",
    "cme": "evaluation, credit and certificate emails",
    "digest": "the weekly coordinator digest",
    "surveys": "follow-up surveys after a program",
    "consults": "consult line requests, assignments and answers",
}
UNSUBSCRIBE_LIFETIME = timedelta(days=365)
MAX_SUBJECT = 200  # well inside the outbox's 500 and what mail clients show
MAX_SENDER_NAME = 100

_templates = Environment(
    loader=FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=select_autoescape(["html"]),
)


class Recipient(Protocol):
    """Whom a message goes to: an account's id (for preferences and links) and address."""

    @property
    def id(self) -> int | None: ...
    @property
    def email(self) -> str: ...


@dataclass(frozen=True)
class Content:
    subject: str
    heading: str
    paragraphs: Sequence[str]
    action_label: str = ""
    action_url: str = ""
    items: Sequence[str] = ()


def wants(session: Session, user_id: int, category: str) -> bool:
    """Whether the person gets this kind of email (security messages always)."""
    if category == SECURITY:
        return True
    turned_off = session.exec(
        select(NotificationPreference.id).where(
            NotificationPreference.user_id == user_id,
            NotificationPreference.category == category,
            NotificationPreference.enabled == False,  # noqa: E712 - SQL comparison
        )
    ).first()
    return turned_off is None


def unsubscribe_url(settings: Settings, user_id: int, category: str) -> str:
    token = tokens.mint(
        settings.secret,
        subject=str(user_id),
        purpose=tokens.Purpose.unsubscribe,
        lifetime=UNSUBSCRIBE_LIFETIME,
        extra={"cat": category},
    )
    return f"{settings.base_url.rstrip('/')}/unsubscribe/{token}"


def compose(
    settings: Settings,
    user: Recipient,
    content: Content,
    *,
    category: str,
    sender_name: str = "Echo",
    dedupe_key: str | None = None,
    calendar: str = "",
    calendar_method: str = "",
) -> Message:
    base = settings.base_url.rstrip("/")
    headers: dict[str, str] = {}
    # Header text is made safe here, whatever is stored: a title or a name saved with a
    # line break (by an old form, an import, a direct database edit) must not stop the mail.
    subject = bounded_line(content.subject, MAX_SUBJECT)
    sender_name = bounded_line(sender_name, MAX_SENDER_NAME) or "Echo"
    values: dict[str, object] = {
        "subject": subject,
        "heading": content.heading,
        "paragraphs": content.paragraphs,
        "action_label": content.action_label,
        "action_url": content.action_url,
        "items": content.items,
        "sender_name": sender_name,
        "unsubscribe_url": "",
    }
    if category != SECURITY:
        link = unsubscribe_url(settings, user.id or 0, category)
        values.update(
            unsubscribe_url=link,
            preferences_url=f"{base}/me/notifications",
            category_label=CATEGORIES.get(category, category),
        )
        headers["List-Unsubscribe"] = f"<{link}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    return Message(
        to=user.email,
        subject=subject,
        text=_templates.get_template("mail/message.txt").render(values),
        html=_templates.get_template("mail/message.html").render(values),
        sender_name=sender_name,
        category=category,
        calendar=calendar,
        calendar_method=calendar_method,
        headers=headers,
        to_user_id=user.id,
        dedupe_key=dedupe_key,
    )


def simple(
    settings: Settings,
    user: Recipient,
    *,
    category: str,
    subject: str,
    paragraphs: Sequence[str],
    path: str,
    action_label: str,
    sender_name: str = "Echo",
    dedupe_key: str | None = None,
    calendar: str = "",
    calendar_method: str = "",
    items: Sequence[str] = (),
) -> Message:
    """A message with one link into Echo (the usual shape)."""
    return compose(
        settings,
        user,
        Content(
            subject=subject,
            heading=subject,
            paragraphs=paragraphs,
            action_label=action_label,
            action_url=f"{settings.base_url.rstrip('/')}{path}",
            items=items,
        ),
        category=category,
        sender_name=sender_name,
        dedupe_key=dedupe_key,
        calendar=calendar,
        calendar_method=calendar_method,
    )


def send(session: Session, message: Message) -> bool:
    """Queue a message with the change that causes it (same transaction); False when its
    person turned this kind of email off (the one place preferences are applied), or a
    message with its dedupe key was queued before."""
    if message.to_user_id is not None and not wants(session, message.to_user_id, message.category):
        return False
    return outbox.enqueue(session, message)
