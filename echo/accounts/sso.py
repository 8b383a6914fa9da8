"""Single sign-on with OpenID Connect: the authorization code flow with PKCE (OpenID
Connect Core 1.0 section 3.1, RFC 7636 S256), with Authlib as the client.

What is signed in when (docs/sso.md):

1. the provider's subject (``iss`` + ``sub``) is linked to an account: that account;
2. else an active account has the provider's verified email address, and its own address
   is confirmed too: the subject is linked to it, then signed in;
3. else a new account is made with that address (confirmed: the provider verified it).

Every path first needs ``email_verified`` true and an address in one of the provider's
allowed domains. Local passwords stay: an account may have both, and one made here has no
usable password until its owner sets one (``UNUSABLE_PASSWORD``).

The state, nonce and PKCE verifier of a sign-in wait in the database (``SsoAttempt``), bound
to the browser by a cookie of its own, so any app process can take the callback, and the
callback deletes the row it uses, so a replayed callback is refused. Provider metadata and
keys (public) are cached in each process for ``METADATA_TTL_SECONDS``; nothing is fetched
at import time.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
import threading
import time
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import httpx2
import sqlalchemy as sa
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import OAuth2Client
from sqlmodel import Session, col, select

from echo.accounts.models import SsoAttempt, SsoLink, User
from echo.accounts.services import normalize_email, user_by_email
from echo.security import tokens
from echo.settings import Settings, SettingsError
from echo.web.params import EMAIL_PATTERN

log = logging.getLogger(__name__)

SCOPE = "openid email profile"
HTTP_TIMEOUT_SECONDS = 5.0  # discovery, keys and the token endpoint: a person is waiting
METADATA_TTL_SECONDS = 600.0  # provider metadata and keys, per process (public data)
ATTEMPT_LIFETIME = timedelta(minutes=10)  # from the button to the callback
ANY_DOMAIN = "*"
# No Argon2 hash starts with "!", so no password matches (echo.security.passwords.verify
# answers False for a hash it cannot read); the account signs in with its provider only.
UNUSABLE_PASSWORD = "!sso"  # noqa: S105 - a marker, not a password
NAME_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LOOPBACK_HOSTS = {"localhost"}

TRY_AGAIN = "Start again with a sign-in button below, or log in with your password."
STALE = (
    "This sign-in has expired or was already used, or it was started in another browser. "
    + TRY_AGAIN
)
UNREACHABLE = (
    "{label} could not be reached just now. Try again in a minute, or log in with your password."
)
REFUSED = (
    "{label} answered with a sign-in Echo cannot trust, so you are not signed in. " + TRY_AGAIN
)
NOT_FINISHED = "{label} did not finish signing you in. " + TRY_AGAIN
UNVERIFIED = (
    "{label} has not verified your email address, so Echo cannot sign you in with it. "
    "Verify the address with {label} first, or log in with your password."
)
NO_EMAIL = (
    "{label} did not share your email address, which Echo needs to sign you in. "
    "Allow it when {label} asks, or log in with your password."
)
OTHER_DOMAIN = (
    "{label} is for addresses at {domains}; yours is at {domain}. "
    "Log in with your password instead, or create an account."
)
UNCONFIRMED_ACCOUNT = (
    "An Echo account already uses {email}, but its address is not confirmed yet. Confirm it "
    "with the link we emailed when the account was made (log in with its password to have "
    "it sent again), then sign in with {label}."
)
CLOSED = "This Echo account is closed. Ask your hub's coordinator or the site administrator."
LINKED_ELSEWHERE = (
    "That {label} account is already linked to another Echo account. Sign out and sign in "
    "with {label} to use that account, or remove the link there first."
)
LINK_SIGNED_OUT = "Your Echo login ended before {label} answered. Log in, then link it again."
AT_THE_SAME_TIME = (
    "Your account was being set up in another window at the same moment. Sign in with "
    "{label} again."
)


class SsoError(Exception):
    """Single sign-on refused or failed; ``message`` says why and what to do, in words safe
    to show (never a token, a code or a provider's own error text)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- configuration -----------------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    """One OpenID provider from the ``ECHO_OIDC_PROVIDERS`` file."""

    name: str  # in URLs: /login/sso/NAME
    label: str  # "Sign in with LABEL"
    issuer: str
    client_id: str
    client_secret: str = field(repr=False)
    allowed_domains: tuple[str, ...]
    hub: str | None = None  # a hub's slug: the provider of that hub's people

    def allows(self, email: str) -> bool:
        if ANY_DOMAIN in self.allowed_domains:
            return True
        return email.rpartition("@")[2] in self.allowed_domains

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


def _is_loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secure_url_problem(url: str) -> str | None:
    """Why ``url`` may not name a provider's endpoint: https only (OpenID Connect Discovery
    1.0 section 3), except a provider on this machine (development and tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and _is_loopback(parts.hostname):
        return None
    return "must be an https URL (plain http only for a provider on this machine)"


def parse_providers(data: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Provider]:
    """The providers of a parsed TOML file, or SettingsError naming every problem."""
    problems: list[str] = []
    found: dict[str, Provider] = {}
    entries = data.get("provider", [])
    if not isinstance(entries, list) or not entries:
        raise SettingsError("list each provider as a [[provider]] table")
    known = {
        "name",
        "label",
        "issuer",
        "client_id",
        "client_secret",
        "client_secret_env",
        "allowed_domains",
        "hub",
    }
    for number, entry in enumerate(entries, start=1):
        where = f"provider {number}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue

        def text(key: str, where: str = where, entry: dict[str, Any] = entry) -> str:
            value = entry.get(key, "")
            if not isinstance(value, str) or not value.strip():
                problems.append(f"{where}: {key} must be a non-empty string")
                return ""
            return value.strip()

        for key in sorted(set(entry) - known):
            problems.append(f"{where}: unknown key {key!r}")
        name = text("name")
        if name and (not NAME_PATTERN.fullmatch(name) or len(name) > 60):
            problems.append(f"{where}: name must be lowercase letters, digits and hyphens")
        if name in found:
            problems.append(f"{where}: name {name!r} is used twice")
        where = f"provider {name or number}"
        label = text("label", where)
        issuer = text("issuer", where)
        if issuer:
            problem = secure_url_problem(issuer)
            if problem or urlsplit(issuer).query or urlsplit(issuer).fragment:
                problems.append(f"{where}: issuer {problem or 'must have no query or fragment'}")
        client_id = text("client_id", where)
        secret = entry.get("client_secret")
        secret_env = entry.get("client_secret_env")
        if isinstance(secret_env, str) and secret_env and secret is None:
            secret = environ.get(secret_env)
            if not secret:
                problems.append(f"{where}: the environment variable {secret_env} is not set")
        elif not isinstance(secret, str) or not secret:
            problems.append(f"{where}: set client_secret_env (or client_secret)")
        domains = entry.get("allowed_domains")
        if (
            not isinstance(domains, list)
            or not domains
            or not all(isinstance(d, str) and d.strip() for d in domains)
        ):
            problems.append(f'{where}: allowed_domains must list email domains (["*"] allows any)')
            domains = []
        hub = entry.get("hub")
        if hub is not None and (not isinstance(hub, str) or not NAME_PATTERN.fullmatch(hub)):
            problems.append(f"{where}: hub must be a hub's slug")
            hub = None
        if name and name not in found:
            found[name] = Provider(
                name=name,
                label=label,
                issuer=issuer,
                client_id=client_id,
                client_secret=secret if isinstance(secret, str) else "",
                allowed_domains=tuple(d.strip().lower().lstrip("@") for d in domains),
                hub=hub,
            )
    if problems:
        raise SettingsError("; ".join(problems))
    return found


def load_providers(settings: Settings, environ: Mapping[str, str]) -> dict[str, Provider]:
    """The configured providers by name (none when ``ECHO_OIDC_PROVIDERS`` is unset), or
    SettingsError: read once when the app starts, so a mistake stops it there."""
    path: Path | None = settings.oidc_providers
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsError(f"ECHO_OIDC_PROVIDERS: cannot read {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"ECHO_OIDC_PROVIDERS: {path} is not TOML: {error}") from error
    try:
        return parse_providers(data, environ)
    except SettingsError as error:
        raise SettingsError(f"ECHO_OIDC_PROVIDERS ({path}): {error}") from error


# --- provider metadata and keys (public, cached per process) -------------------------------


class _Cache:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, tuple[float, dict[str, Any]]] = {}

    def get(self, url: str, *, fresh: bool = False) -> dict[str, Any]:
        now = time.monotonic()
        with self._lock:
            cached = self._values.get(url)
        if cached is not None and not fresh and now - cached[0] < METADATA_TTL_SECONDS:
            return cached[1]
        value = _get_json(url)
        with self._lock:
            self._values[url] = (now, value)
        return value


_documents = _Cache()


def _get_json(url: str) -> dict[str, Any]:
    response = httpx2.get(url, timeout=HTTP_TIMEOUT_SECONDS, follow_redirects=False)
    response.raise_for_status()
    value = response.json()
    if not isinstance(value, dict):
        raise ValueError(f"{url} did not answer a JSON object")
    return value


def metadata(provider: Provider) -> dict[str, Any]:
    """The provider's discovery document, checked: the issuer it names is the one configured
    (OpenID Connect Discovery 1.0 section 4.3) and its endpoints are https."""
    try:
        document = _documents.get(provider.discovery_url)
    except (httpx2.HTTPError, ValueError) as error:
        log.warning("sso: discovery failed for %s: %s", provider.name, type(error).__name__)
        raise SsoError(UNREACHABLE.format(label=provider.label)) from error
    problems = []
    if document.get("issuer") != provider.issuer:
        problems.append("issuer differs from the configured one")
    for key in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(key)
        if not isinstance(value, str) or secure_url_problem(value):
            problems.append(f"{key} missing or not https")
    if problems:
        log.warning("sso: unusable discovery for %s: %s", provider.name, "; ".join(problems))
        raise SsoError(UNREACHABLE.format(label=provider.label))
    return document


def _keys(provider: Provider, document: Mapping[str, Any], *, fresh: bool) -> dict[str, Any]:
    try:
        return _documents.get(str(document["jwks_uri"]), fresh=fresh)
    except (httpx2.HTTPError, ValueError) as error:
        log.warning("sso: keys unavailable for %s: %s", provider.name, type(error).__name__)
        raise SsoError(UNREACHABLE.format(label=provider.label)) from error


# --- the flow -------------------------------------------------------------------------------


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _client(provider: Provider, document: Mapping[str, Any], redirect_uri: str) -> OAuth2Client:
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    method = "client_secret_basic" if "client_secret_basic" in methods else "client_secret_post"
    return OAuth2Client(
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        token_endpoint_auth_method=method,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        timeout=HTTP_TIMEOUT_SECONDS,
    )


def begin(
    session: Session,
    provider: Provider,
    *,
    redirect_uri: str,
    browser_secret: str,
    next_path: str = "",
    user_id: int | None = None,
    now: datetime,
) -> str:
    """Where to send the browser: the provider's authorization endpoint with a new state,
    nonce and PKCE S256 challenge, the attempt kept for the callback. ``user_id``: a
    signed-in person linking this provider to their account (not a sign-in)."""
    document = metadata(provider)
    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)  # 86 characters (RFC 7636: 43 to 128)
    session.execute(sa.delete(SsoAttempt).where(col(SsoAttempt.expires_at) <= now))
    session.add(
        SsoAttempt(
            state_hash=_digest(state),
            browser_hash=_digest(browser_secret),
            provider=provider.name,
            nonce=nonce,
            code_verifier=verifier,
            next_path=next_path[:500],
            user_id=user_id,
            created_at=now,
            expires_at=now + ATTEMPT_LIFETIME,
        )
    )
    with _client(provider, document, redirect_uri) as client:
        url, _ = client.create_authorization_url(
            str(document["authorization_endpoint"]),
            state=state,
            nonce=nonce,
            code_verifier=verifier,
        )
    return str(url)


@dataclass(frozen=True)
class Callback:
    """What the provider sent back to the callback (bounded by the view's form)."""

    state: str
    code: str
    error: str
    iss: str = ""  # RFC 9207 authorization response issuer, when the provider sends it


@dataclass(frozen=True)
class Outcome:
    user: User
    next_path: str
    created: bool = False  # a new account was made
    linked: bool = False  # a new link was made
    link_only: bool = False  # a signed-in person linked a provider; no new login


def _take_attempt(session: Session, state: str) -> SsoAttempt | None:
    """The attempt of this state, deleted (once, whichever process asks first)."""
    if not state:
        return None
    digest = _digest(state)
    attempt = session.get(SsoAttempt, digest)
    if attempt is None:
        return None
    session.expunge(attempt)
    deleted = session.execute(sa.delete(SsoAttempt).where(col(SsoAttempt.state_hash) == digest))
    return attempt if cast(sa.CursorResult[Any], deleted).rowcount == 1 else None


def finish(
    session: Session,
    provider: Provider,
    callback: Callback,
    *,
    redirect_uri: str,
    browser_secret: str,
    signed_in_user_id: int | None,
    now: datetime,
) -> Outcome:
    """Check the provider's answer and say whom to sign in (or which link was made), or
    SsoError. The attempt is used up whatever happens."""
    attempt = _take_attempt(session, callback.state)
    if (
        attempt is None
        or attempt.provider != provider.name
        or attempt.expires_at <= now
        or not hmac.compare_digest(attempt.browser_hash, _digest(browser_secret))
    ):
        raise SsoError(STALE)
    if callback.error or not callback.code:
        code = callback.error if re.fullmatch(r"[a-z_]{1,40}", callback.error) else "?"
        log.info("sso: %s answered without a code (error %s)", provider.name, code)
        raise SsoError(NOT_FINISHED.format(label=provider.label))
    document = metadata(provider)
    # RFC 9207 section 2.4: the answer must come from the provider asked (no mix-up).
    if (callback.iss or document.get("authorization_response_iss_parameter_supported")) and (
        callback.iss != provider.issuer
    ):
        log.warning("sso: %s answered with another issuer", provider.name)
        raise SsoError(REFUSED.format(label=provider.label))
    claims, access_token = _verified_claims(
        provider, document, callback.code, attempt, redirect_uri
    )
    claims = _with_userinfo(provider, document, claims, access_token)
    email = _checked_email(provider, claims)
    return _link_and_choose(session, provider, claims, email, attempt, signed_in_user_id, now)


def _verified_claims(
    provider: Provider,
    document: Mapping[str, Any],
    code: str,
    attempt: SsoAttempt,
    redirect_uri: str,
) -> tuple[dict[str, Any], str | None]:
    """The ID token's checked claims, and the access token for the UserInfo endpoint."""
    try:
        with _client(provider, document, redirect_uri) as client:
            token = client.fetch_token(
                str(document["token_endpoint"]),
                grant_type="authorization_code",
                code=code,
                code_verifier=attempt.code_verifier,
            )
    except (OAuthError, httpx2.HTTPError, ValueError) as error:
        log.warning("sso: token exchange failed for %s: %s", provider.name, type(error).__name__)
        raise SsoError(NOT_FINISHED.format(label=provider.label)) from error
    id_token = token.get("id_token") if isinstance(token, Mapping) else None
    access_token = token.get("access_token") if isinstance(token, Mapping) else None
    if not isinstance(id_token, str):
        log.warning("sso: %s sent no ID token", provider.name)
        raise SsoError(REFUSED.format(label=provider.label))
    if not isinstance(access_token, str):
        access_token = None
    algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    for fresh in (False, True):  # a key not in the cached set: fetch the keys once more
        try:
            claims = tokens.verify_id_token(
                id_token,
                _keys(provider, document, fresh=fresh),
                issuer=provider.issuer,
                client_id=provider.client_id,
                nonce=attempt.nonce,
                access_token=access_token,
                algorithms=[str(a) for a in algorithms],
            )
            return claims, access_token
        except tokens.UnknownSigningKey:
            if fresh:
                log.warning("sso: %s signed with a key it does not publish", provider.name)
                break
        except tokens.InvalidIdToken as error:
            # The reason names a claim or a check, never the token.
            log.warning("sso: refused an ID token from %s: %s", provider.name, error)
            break
    raise SsoError(REFUSED.format(label=provider.label))


# What Echo reads about the person; a provider may put them in the ID token or, as OpenID
# Connect Core 1.0 section 5.4 has it when an access token is issued, only at UserInfo.
PERSON_CLAIMS = ("email", "email_verified", "name", "given_name", "family_name")


def _with_userinfo(
    provider: Provider,
    document: Mapping[str, Any],
    claims: dict[str, Any],
    access_token: str | None,
) -> dict[str, Any]:
    """The ID token's claims, completed from the UserInfo endpoint when the address or its
    verification is missing. The ID token's own claims win; UserInfo's ``sub`` must be the
    ID token's (OpenID Connect Core 1.0 section 5.3.2: otherwise it is not this person's)."""
    endpoint = document.get("userinfo_endpoint")
    if "email" in claims and "email_verified" in claims:
        return claims
    if not access_token or not isinstance(endpoint, str) or secure_url_problem(endpoint):
        return claims
    try:
        response = httpx2.get(
            endpoint,
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
            timeout=HTTP_TIMEOUT_SECONDS,
            follow_redirects=False,
        )
        response.raise_for_status()
        info = response.json()
    except (httpx2.HTTPError, ValueError) as error:
        log.warning("sso: userinfo failed for %s: %s", provider.name, type(error).__name__)
        raise SsoError(NOT_FINISHED.format(label=provider.label)) from error
    if not isinstance(info, dict) or info.get("sub") != claims.get("sub"):
        log.warning("sso: userinfo of %s is not the ID token's subject", provider.name)
        raise SsoError(REFUSED.format(label=provider.label))
    extra = {key: info[key] for key in PERSON_CLAIMS if key in info and key not in claims}
    return {**claims, **extra}


def _checked_email(provider: Provider, claims: Mapping[str, Any]) -> str:
    """The verified address of the claims, in an allowed domain, or SsoError."""
    raw = claims.get("email")
    if not isinstance(raw, str) or not raw.strip():
        raise SsoError(NO_EMAIL.format(label=provider.label))
    # OpenID Connect Core 1.0 5.1: a boolean; some providers send the string "true".
    if claims.get("email_verified") not in (True, "true"):
        raise SsoError(UNVERIFIED.format(label=provider.label))
    email = normalize_email(raw)
    if not EMAIL_PATTERN.fullmatch(email) or len(email) > 254:
        raise SsoError(NO_EMAIL.format(label=provider.label))
    if not provider.allows(email):
        raise SsoError(
            OTHER_DOMAIN.format(
                label=provider.label,
                domains=", ".join(provider.allowed_domains),
                domain=email.rpartition("@")[2],
            )
        )
    return email


def _new_link(
    session: Session, provider: Provider, user: User, subject: str, email: str, now: datetime
) -> SsoLink:
    link = SsoLink(
        user_id=_id(user),
        provider=provider.name,
        issuer=provider.issuer,
        subject=subject,
        email=email,
        created_at=now,
        last_login_at=now,
    )
    session.add(link)
    return link


def _link_and_choose(
    session: Session,
    provider: Provider,
    claims: Mapping[str, Any],
    email: str,
    attempt: SsoAttempt,
    signed_in_user_id: int | None,
    now: datetime,
) -> Outcome:
    subject = str(claims["sub"])[:255]
    link = session.exec(
        select(SsoLink).where(
            col(SsoLink.issuer) == provider.issuer, col(SsoLink.subject) == subject
        )
    ).first()
    next_path = attempt.next_path
    if attempt.user_id is not None:  # linking from the profile, not signing in
        me = session.get(User, attempt.user_id)
        if me is None or signed_in_user_id != attempt.user_id:
            raise SsoError(LINK_SIGNED_OUT.format(label=provider.label))
        if link is not None and link.user_id != me.id:
            raise SsoError(LINKED_ELSEWHERE.format(label=provider.label))
        if link is None:
            _new_link(session, provider, me, subject, email, now)
        return Outcome(me, next_path, linked=link is None, link_only=True)
    if link is not None:
        user = session.get(User, link.user_id)
        if user is None or not user.is_active:
            raise SsoError(CLOSED)
        link.last_login_at = now
        session.add(link)
        return Outcome(user, next_path)
    try:
        # A savepoint: a first sign-in of the same person finishing at the same moment in
        # another window or process makes the account or link first; the unique address
        # or issuer and subject then refuse this one, which is said in words, not a 500.
        with session.begin_nested():
            return _first_sign_in(session, provider, claims, email, subject, next_path, now)
    except sa.exc.IntegrityError:
        raise SsoError(AT_THE_SAME_TIME.format(label=provider.label)) from None


def _first_sign_in(
    session: Session,
    provider: Provider,
    claims: Mapping[str, Any],
    email: str,
    subject: str,
    next_path: str,
    now: datetime,
) -> Outcome:
    """Link the account with the provider's verified address, else make one."""
    existing = user_by_email(session, email)
    if existing is not None:
        if existing.email_verified_at is None:
            raise SsoError(UNCONFIRMED_ACCOUNT.format(email=email, label=provider.label))
        if not existing.is_active:
            raise SsoError(CLOSED)
        _new_link(session, provider, existing, subject, email, now)
        session.flush()
        return Outcome(existing, next_path, linked=True)
    user = User(
        email=email,
        name=_name_of(claims, email),
        password_hash=UNUSABLE_PASSWORD,
        email_verified_at=now,
        is_active=True,
        created_at=now,
        password_changed_at=now,
    )
    session.add(user)
    session.flush()
    _new_link(session, provider, user, subject, email, now)
    session.flush()
    return Outcome(user, next_path, created=True, linked=True)


def _name_of(claims: Mapping[str, Any], email: str) -> str:
    """The person's name as the provider gives it (OpenID Connect Core 1.0 5.1), else the
    address's local part; they can change it on their profile."""
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = [claims.get("given_name"), claims.get("family_name")]
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    text = " ".join(str(name).split()) if name else ""
    return (text or email.partition("@")[0])[:200]


# --- links on the profile ---------------------------------------------------------------------


def has_usable_password(user: User) -> bool:
    return not user.password_hash.startswith("!")


def links_of(session: Session, user_id: int) -> list[SsoLink]:
    return list(
        session.exec(
            select(SsoLink)
            .where(col(SsoLink.user_id) == user_id)
            .order_by(col(SsoLink.created_at), col(SsoLink.id))
        )
    )


def removable(user: User, links: list[SsoLink]) -> bool:
    """Whether a link may go: never the last way to sign in (no usable password)."""
    return has_usable_password(user) or len(links) > 1


class LastWayIn(Exception):
    """Removing the link would leave the account with no way to sign in."""


def remove_link(session: Session, user: User, link_id: int) -> bool:
    """Remove one of the person's links; False when it is not theirs (or gone), LastWayIn
    when it is how they sign in and they have no password."""
    links = links_of(session, _id(user))
    found = next((link for link in links if link.id == link_id), None)
    if found is None:
        return False
    if not removable(user, links):
        raise LastWayIn
    session.delete(found)
    return True


# --- the login page's buttons -------------------------------------------------------------------

# The hub table belongs to echo.programs, a layer above accounts (the import contracts in
# pyproject.toml): its name is read through a table stand-in, as echo.accounts.api_tokens does.
_HUB = sa.table("hub", sa.column("slug", sa.String), sa.column("name", sa.String))


@dataclass(frozen=True)
class Button:
    name: str
    label: str
    hub_name: str  # "" for a provider of the whole site


def buttons(session: Session, providers: Mapping[str, Provider]) -> list[Button]:
    """A sign-in button per provider: the site's first, then each hub's, by label."""
    slugs = sorted({p.hub for p in providers.values() if p.hub})
    names: dict[str, str] = {}
    if slugs:
        rows = session.execute(sa.select(_HUB.c.slug, _HUB.c.name).where(_HUB.c.slug.in_(slugs)))
        names = {str(slug): str(name) for slug, name in rows}
    found = [
        Button(p.name, p.label, names.get(p.hub, p.hub) if p.hub else "")
        for p in providers.values()
    ]
    return sorted(found, key=lambda b: (b.hub_name != "", b.hub_name, b.label))


def _id(row: User) -> int:
    if row.id is None:
        raise ValueError("row has no id yet; flush the session first")
    return row.id
