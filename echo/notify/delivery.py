"""Turning an outbox row into an email, and the backends that hand it on.

A backend sends one built message at a time; ``open()`` and ``close()`` (or ``with``) bracket
a batch so an SMTP connection is reused across it.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import os
import smtplib
import ssl
import tempfile
import time
from email.headerregistry import Address, BaseHeader, HeaderRegistry, UnstructuredHeader
from email.message import EmailMessage
from email.policy import SMTP, EmailPolicy, Policy
from email.utils import format_datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self
from urllib.parse import unquote, urlsplit

from echo.notify.models import OutboxMessage
from echo.settings import Settings
from echo.timeutil import utcnow

# Headers build_email writes itself; a producer's extra headers may not replace them.
RESERVED_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "sender",
        "reply-to",
    }
)
# RFC 2369 and RFC 8058 headers carry URLs in angle brackets: they are written as given,
# never folded into RFC 2047 encoded-words (which mail clients do not decode in them).
VERBATIM_HEADERS = frozenset({"list-unsubscribe", "list-unsubscribe-post"})
MAX_LINE = 998  # RFC 5322 §2.1.1
CALENDAR_METHODS = frozenset({"REQUEST", "CANCEL"})
IDLE_PROBE_SECONDS = 10.0


class InsecureServerError(smtplib.SMTPException):
    """The server offers no STARTTLS and a password would be sent in clear."""


class _VerbatimHeader(UnstructuredHeader, BaseHeader):
    def fold(self, *, policy: Policy[Any]) -> str:
        return f"{self.name}: {self}{policy.linesep}"


def _policy() -> EmailPolicy[EmailMessage]:
    registry = HeaderRegistry()  # a new registry: the shared default one stays untouched
    for name in VERBATIM_HEADERS:
        registry.map_to_type(name, _VerbatimHeader)
    # 7bit: non-ASCII bodies go quoted-printable or base64, so no relay on the way needs
    # 8BITMIME (RFC 6152) and every message is plain ASCII on the wire and on disk.
    return SMTP.clone(header_factory=registry, cte_type="7bit")


POLICY = _policy()


def check_header(name: str, value: str) -> None:
    """Refuse an extra header that would be unsafe or malformed (ValueError)."""
    if name.lower() in RESERVED_HEADERS:
        raise ValueError(f"header {name} is set by Echo and cannot be given")
    if not name.isascii() or not name.replace("-", "").isalnum():
        raise ValueError(f"header name {name!r} is not a valid field name")
    if "\r" in value or "\n" in value:
        raise ValueError(f"header {name} contains a line break")
    if name.lower() in VERBATIM_HEADERS and (
        not value.isascii() or len(name) + 2 + len(value) > MAX_LINE
    ):
        raise ValueError(f"header {name} must be ASCII and fit on one {MAX_LINE}-octet line")


def may_send_in_clear(host: str, *, has_password: bool) -> bool:
    """Without STARTTLS, only a session with no password to leak, or one on this machine."""
    if not has_password or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name other than localhost: it may resolve anywhere


def message_id_for(row: OutboxMessage, from_address: str) -> str:
    """The same Message-ID on every attempt, so a message repeated after a worker crash is
    recognisably the same message (RFC 5322 §3.6.4), rather than make_msgid's fresh one."""
    domain = from_address.rpartition("@")[2] or "localhost"
    seed = f"{row.id}:{row.created_at.isoformat()}:{row.to_address}"
    digest = hashlib.sha256(seed.encode()).hexdigest()[:20]
    return f"<echo.{row.id}.{digest}@{domain}>"


def build_email(row: OutboxMessage, from_address: str) -> EmailMessage:
    """The message as sent: text and HTML alternatives, plus an invitation when there is one.

    Raises ValueError for a row that cannot become a valid message (a line break in a
    header, an unknown calendar method); retrying would not help.
    """
    message = EmailMessage(policy=POLICY)
    local, _, domain = from_address.rpartition("@")
    message["From"] = Address(display_name=row.sender_name, username=local, domain=domain)
    message["To"] = row.to_address
    message["Subject"] = row.subject
    # RFC 5322 §3.6.1: the Date is when the message was complete, i.e. when it was queued.
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = message_id_for(row, from_address)
    for name, value in json.loads(row.headers or "{}").items():
        check_header(name, value)
        message[name] = value
    message.set_content(row.text_body)
    message.add_alternative(row.html_body, subtype="html")
    if row.calendar:
        if row.calendar_method not in CALENDAR_METHODS:
            raise ValueError(f"calendar method {row.calendar_method!r} is not REQUEST or CANCEL")
        # RFC 6047 §2.4: an iMIP invitation is a text/calendar part whose method parameter
        # matches the object's METHOD; Outlook and Gmail look for it among the alternatives.
        message.add_alternative(
            row.calendar, subtype="calendar", params={"method": row.calendar_method}
        )
        # The same object as a file too, for clients that only offer attachments.
        message.add_attachment(
            row.calendar.encode(), maintype="application", subtype="ics", filename="invite.ics"
        )
    return message


class Backend(Protocol):
    """Where messages go. ``send`` raises on failure (smtplib's exceptions, OSError)."""

    from_address: str
    last_destination: str  # where the last sent message went, for people to read

    @property
    def address(self) -> str:
        """The server or folder, for messages (never with credentials)."""
        ...

    def open(self) -> None: ...
    def close(self) -> None: ...
    def send(self, message: EmailMessage, *, recipient: str, reference: str) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...


class _Batch:
    """``with backend:`` opens and closes it."""

    def open(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


class SmtpBackend(_Batch):
    """An SMTP server from a URL: ``smtp://user:pass@host:port`` or ``smtps://…`` (TLS).

    ``smtp://`` upgrades with STARTTLS whenever the server offers it. A server that does not
    offer it is used in plain text only when no password would cross the network in clear:
    without credentials (e.g. a relay on localhost, or the test server), or on loopback.
    """

    def __init__(
        self, url: str, *, from_address: str = "echo@localhost", timeout: float = 30.0
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("the mail server URL must look like smtp://host:port or smtps://…")
        self.implicit_tls = parts.scheme == "smtps"
        self.host = parts.hostname
        self.port = parts.port or (465 if self.implicit_tls else 25)
        self.username = unquote(parts.username or "")
        self.password = unquote(parts.password or "")
        self.from_address = from_address
        self.timeout = timeout
        self.last_destination = ""
        self._smtp: smtplib.SMTP | None = None
        self._used_at = 0.0

    def __repr__(self) -> str:
        return f"SmtpBackend({self.address!r})"

    @property
    def address(self) -> str:
        """The server as people may see it: without the credentials."""
        return f"{'smtps' if self.implicit_tls else 'smtp'}://{self.host}:{self.port}"

    def open(self) -> None:
        if self._smtp is not None:
            return
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if self.implicit_tls:
            smtp = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=context)
        else:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        try:
            smtp.ehlo()
            if not self.implicit_tls:
                if smtp.has_extn("starttls"):
                    smtp.starttls(context=context)
                    smtp.ehlo()
                elif not may_send_in_clear(self.host, has_password=bool(self.username)):
                    raise InsecureServerError(
                        f"{self.address} does not offer STARTTLS; refusing to send the "
                        "password in clear (use smtps:// or a server with STARTTLS)"
                    )
            if self.username:
                smtp.login(self.username, self.password)
        except BaseException:
            _quietly_close(smtp)
            raise
        self._smtp = smtp
        self._used_at = time.monotonic()

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            _quietly_close(smtp)

    def send(self, message: EmailMessage, *, recipient: str, reference: str) -> None:
        if self._smtp is not None and time.monotonic() - self._used_at > IDLE_PROBE_SECONDS:
            # Servers drop idle connections (RFC 5321 §4.5.3.2); check before relying on it,
            # rather than resending a message that may already have been accepted.
            try:
                self._smtp.noop()
            except (smtplib.SMTPException, OSError):
                self._drop()
        self.open()
        assert self._smtp is not None
        try:
            self._smtp.send_message(message, from_addr=self.from_address, to_addrs=[recipient])
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, smtplib.SMTPSenderRefused):
            raise  # a refusal: smtplib reset the transaction and the connection is still good
        except (smtplib.SMTPException, OSError):
            self._drop()  # broken, timed out or out of step: start afresh next time
            raise
        finally:
            self._used_at = time.monotonic()
        self.last_destination = f"accepted by {self.address}"

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            _quietly_close(smtp)


def _quietly_close(smtp: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        smtp.close()


class FileBackend(_Batch):
    """Development: each message becomes ``<timestamp>-<id>.eml`` in a folder (``var/mail``)."""

    def __init__(self, folder: Path, *, from_address: str = "echo@localhost") -> None:
        self.folder = folder
        self.address = str(folder)
        self.from_address = from_address
        self.last_destination = ""

    def __repr__(self) -> str:
        return f"FileBackend({str(self.folder)!r})"

    def send(self, message: EmailMessage, *, recipient: str, reference: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{utcnow():%Y%m%dT%H%M%S%fZ}-{reference}.eml"
        # Written beside and renamed, so a reader never sees half a message.
        descriptor, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(message.as_bytes())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.last_destination = f"written to {path}"


def backend_from_settings(settings: Settings) -> Backend:
    """SMTP when ``ECHO_SMTP_URL`` is set, else ``.eml`` files under ``var/mail``."""
    if settings.smtp_url:
        return SmtpBackend(settings.smtp_url, from_address=settings.mail_from)
    return FileBackend(settings.var_dir / "mail", from_address=settings.mail_from)
