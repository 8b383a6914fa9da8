"""Every email Echo sends, composed in one place: subject, plain text and accessible HTML
from templates/mail/, the hub's name as the sender's name, and for optional kinds an
unsubscribe link and List-Unsubscribe headers (RFC 2369, one-click per RFC 8058).

Messages carry links, never case text (a case update says "case 12 was returned" and
links to it). Producers call these builders and ``outbox.enqueue`` in the same
transaction as the change that causes the message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlmodel import Session, select

from echo.accounts.models import NotificationPreference, User
from echo.mail.outbox import Message
from echo.security import tokens
from echo.settings import PROJECT_ROOT, Settings
from echo.timeutil import utcnow
from echo.web.params import bounded_line

SECURITY = "security"  # always sent
# Optional kinds a person can turn off, with the words used in links and the settings page.
CATEGORIES = {
    "reminders": "session reminders and schedule changes",
    "cases": "updates on your cases",
    "enrollment": "enrollment updates",
    "cme": "evaluation, credit and certificate emails",
    "digest": "the weekly coordinator digest",
}
UNSUBSCRIBE_PURPOSE = "unsubscribe"
UNSUBSCRIBE_LIFETIME = timedelta(days=365)
VERIFY_PURPOSE = "verify-email"
RESET_PURPOSE = "password-reset"
RESET_LIFETIME = timedelta(hours=1)
MAX_SUBJECT = 200  # well inside the outbox's 500 and what mail clients show
MAX_SENDER_NAME = 100

_templates = Environment(
    loader=FileSystemLoader(PROJECT_ROOT / "templates"),
    autoescape=select_autoescape(["html"]),
)


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
        purpose=UNSUBSCRIBE_PURPOSE,
        lifetime=UNSUBSCRIBE_LIFETIME,
        extra={"cat": category},
    )
    return f"{settings.base_url.rstrip('/')}/unsubscribe/{token}"


def compose(
    settings: Settings,
    user: User,
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
    user: User,
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


# --- account --------------------------------------------------------------------------------


def verification(settings: Settings, user: User, *, resent: bool = False) -> Message:
    """The address confirmation link. For a sign-up it also opens the account, so it is
    bound to the password chosen then: a later sign-up with new details voids it."""
    token = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=VERIFY_PURPOSE,
        lifetime=timedelta(days=7),
        extra={"email": user.email, "pw": password_fingerprint(user)},
    )
    pending = not user.is_active
    return compose(
        settings,
        user,
        Content(
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
        category=SECURITY,
        # A login retried all morning sends the link again once a day, not each time.
        dedupe_key=f"verify:{user.id}:{utcnow().date().isoformat()}" if resent else None,
    )


def _reset_url(settings: Settings, user: User) -> str:
    token = tokens.mint(
        settings.secret,
        subject=str(user.id),
        purpose=RESET_PURPOSE,
        lifetime=RESET_LIFETIME,
        extra={"pw": password_fingerprint(user)},
    )
    return f"{settings.base_url.rstrip('/')}/password-reset/{token}"


def password_reset(settings: Settings, user: User) -> Message:
    """A one-hour link, single use: it is bound to the current password hash, so it stops
    working once the password changes."""
    return compose(
        settings,
        user,
        Content(
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
        category=SECURITY,
    )


def sign_up_attempt(settings: Settings, user: User) -> Message:
    """Someone signed up with the address of an existing account. The page said the same as
    for a new address; the owner hears about it here, with a way back in."""
    return compose(
        settings,
        user,
        Content(
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
        category=SECURITY,
    )


def password_fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


# --- events: enqueue in the caller's transaction ------------------------------------------------


def send(session: Session, message: Message) -> bool:
    """Queue a message with the change that causes it (same transaction); False when a
    message with its dedupe key was queued before."""
    from echo.mail import outbox

    return outbox.enqueue(session, message)


def hub_name_of_program(session: Session, program_id: int) -> str:
    from echo.programs.models import Hub, Program

    program = session.get(Program, program_id)
    hub = session.get(Hub, program.hub_id) if program else None
    return hub.name if hub else "Echo"


def case_update(session: Session, settings: Settings, case_id: int, action: str) -> None:
    """The submitter hears that their case was scheduled, returned, or that recommendations
    were released: a link, never case text."""
    from echo.cases.models import Case

    case = session.get(Case, case_id)
    user = session.get(User, case.submitter_id) if case else None
    if case is None or user is None or not wants(session, user.id or 0, "cases"):
        return
    wording = {
        "accept": ("Your case {id} is scheduled", "The hub accepted case {id} for a session."),
        "return": ("Your case {id} was returned", "The hub returned case {id} with a note."),
        "release": (
            "Recommendations for case {id} are ready",
            "The hub's written recommendations for case {id} are released.",
        ),
    }.get(action)
    if wording is None:
        return
    subject, line = (part.format(id=case_id) for part in wording)
    send(
        session,
        simple(
            settings,
            user,
            category="cases",
            subject=subject,
            paragraphs=[line, "Open the case in Echo to read more."],
            path=f"/cases/{case_id}",
            action_label=f"Open case {case_id}",
            sender_name=hub_name_of_program(session, case.program_id),
            dedupe_key=f"case:{case_id}:{action}:{case.version}",
        ),
    )


def enrollment_requested(
    session: Session, settings: Settings, program_id: int, person: User
) -> None:
    """The hub's coordinators hear about a request to join."""
    from echo.accounts.models import HubMembership, HubRole
    from echo.programs.models import Program

    program = session.get(Program, program_id)
    if program is None:
        return
    coordinators = session.exec(
        select(User)
        .join(HubMembership, HubMembership.user_id == User.id)  # type: ignore[arg-type]
        .where(HubMembership.hub_id == program.hub_id, HubMembership.role == HubRole.coordinator)
    ).all()
    for coordinator in coordinators:
        if wants(session, coordinator.id or 0, "enrollment"):
            send(
                session,
                simple(
                    settings,
                    coordinator,
                    category="enrollment",
                    subject=f"{person.display_name} asks to join {program.title}",
                    paragraphs=["Approve or decline the request on the hub's page."],
                    path=f"/hubs/{_hub_slug(session, program.hub_id)}/manage",
                    action_label="Review requests",
                    sender_name=hub_name_of_program(session, program_id),
                ),
            )


def enrollment_approved(session: Session, settings: Settings, program_id: int, user: User) -> None:
    from echo.programs.models import Program

    program = session.get(Program, program_id)
    if program is None or not wants(session, user.id or 0, "enrollment"):
        return
    send(
        session,
        simple(
            settings,
            user,
            category="enrollment",
            subject=f"You are enrolled in {program.title}",
            paragraphs=[
                "Welcome. The program's page lists its sessions, and its calendar feed "
                "puts them in your calendar."
            ],
            path=f"/programs/{program.slug}",
            action_label="Open the program",
            sender_name=hub_name_of_program(session, program_id),
            dedupe_key=f"enrolled:{program_id}:{user.id}",
        ),
    )


def certificate_ready(session: Session, settings: Settings, user: User, code: str) -> None:
    if not wants(session, user.id or 0, "cme"):
        return
    send(
        session,
        simple(
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


def _hub_slug(session: Session, hub_id: int) -> str:
    from echo.programs.models import Hub

    hub = session.get(Hub, hub_id)
    return hub.slug if hub else ""
