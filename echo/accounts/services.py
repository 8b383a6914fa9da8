"""Accounts: sign-up, profile, passwords, login sessions and login throttling."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from echo.accounts.forms import ProfileForm, SignupForm
from echo.accounts.models import (
    HubMembership,
    LoginSession,
    LoginThrottle,
    User,
)
from echo.db import count_up
from echo.security import tokens
from echo.security.identity import ActiveLogin, roles_by_hub, viewer_of_row
from echo.security.passwords import Passwords, password_problem
from echo.settings import Settings
from echo.timeutil import utcnow
from echo.web.params import EMAIL_PATTERN, FormErrors

# Touch last_seen_at at most this often, so reading a page is not a write each time.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)
# Back-off after the free failures: 15 s, 30 s, 60 s, ... up to the configured maximum.
BACKOFF_BASE_SECONDS = 15
# A client address (a clinic's NAT, say) gets this many times an account's free failures.
CLIENT_FAILURE_MULTIPLIER = 4
GENERIC_LOGIN_ERROR = "The email or password is not right. Check both and try again."


def normalize_email(email: str) -> str:
    return email.strip().lower()


# --- profile -----------------------------------------------------------------

PROFILE_FIELDS = (
    "name",
    "credentials",
    "profession",
    "specialty",
    "organization",
    "us_state",
    "practice_setting",
    "practice_type",
    "practice_zip",
    "work_phone",
    "time_zone",
    "abp_id",
    "npi",
)


@dataclass(frozen=True)
class SignUp:
    """What a sign-up did. The page answers the same in every case (no one learns from it
    whether an address has an account); only the email sent differs."""

    user: User
    is_new: bool  # False: the address belongs to an active account, which was left alone


def create_user(
    session: Session,
    passwords: Passwords,
    *,
    email: str,
    password: str,
    profile: ProfileForm,
    is_site_admin: bool = False,
    active: bool = True,
) -> User:
    """A new account, or FormErrors (an email in use is reported on the email field: this
    is for administrators and the command line; sign-up uses sign_up)."""
    errors: dict[str, str] = {}  # in the form's order, for the error summary
    address = normalize_email(email)
    if not EMAIL_PATTERN.fullmatch(address) or len(address) > 254:
        errors["email"] = "Enter an email address like name@example.org."
    elif user_by_email(session, address) is not None:
        errors["email"] = "An account with this email already exists."
    problem_text = password_problem(password, email=address, name=profile.name)
    if problem_text:
        errors["password"] = problem_text
    if errors:
        raise FormErrors(errors)
    user = User(
        email=address,
        name=profile.name,
        password_hash=passwords.hash(password),
        is_site_admin=is_site_admin,
        is_active=active,
    )
    _apply_profile(user, profile)
    session.add(user)
    session.flush()
    return user


def sign_up(session: Session, passwords: Passwords, form: SignupForm) -> SignUp:
    """Sign-up without enumeration: a new address gets an account that waits for its
    confirmation link (is_active False until then); an address with an unconfirmed
    sign-up gets the new details (only the confirmed owner's link will work); an active
    account is left alone (its owner is told by email). A password is hashed in every case,
    so the answer takes as long whichever it was."""
    hashed = passwords.hash(form.password)  # SignupForm has checked it (password_problem)
    existing = user_by_email(session, form.email)
    if existing is not None and (existing.is_active or existing.email_verified_at is not None):
        return SignUp(existing, is_new=False)
    user = existing or User(email=form.email, name=form.name, password_hash=hashed)
    user.name = form.name
    user.password_hash = hashed
    user.is_active = False
    _apply_profile(user, form)
    session.add(user)
    session.flush()
    return SignUp(user, is_new=True)


def confirm_sign_up(session: Session, user: User) -> bool:
    """The confirmation link was followed: the address is confirmed and a pending account
    opens. True when the account was waiting for it (the person can be signed in)."""
    opened = not user.is_active and user.email_verified_at is None
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
    if opened:
        user.is_active = True
    session.add(user)
    return opened


def _apply_profile(user: User, profile: ProfileForm) -> None:
    profile.copy_to(user, PROFILE_FIELDS)


def update_profile(session: Session, user: User, profile: ProfileForm) -> User:
    _apply_profile(user, profile)
    session.add(user)
    return user


def user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def change_password(
    session: Session,
    passwords: Passwords,
    user: User,
    *,
    current: str,
    new: str,
) -> None:
    """Set a new password and end every login session of the user (the caller starts a new one)."""
    if not passwords.verify(user.password_hash, current):
        raise FormErrors({"current_password": "That is not your current password."})
    set_password(session, passwords, user, new, field="new_password")


def set_password(
    session: Session, passwords: Passwords, user: User, new: str, *, field: str = "password"
) -> None:
    """Check and store a new password, and end the user's login sessions."""
    problem = password_problem(new, email=user.email, name=user.name)
    if problem:
        raise FormErrors({field: problem})
    user.password_hash = passwords.hash(new)
    user.password_changed_at = utcnow()
    session.add(user)
    revoke_all_sessions(session, user.id)


# --- login sessions --------------------------------------------------------------


@dataclass(frozen=True)
class StartedLogin:
    user: User
    cookie_value: str
    max_age_seconds: int


def start_login(
    session: Session, settings: Settings, user: User, *, user_agent: str = ""
) -> StartedLogin:
    now = utcnow()
    lifetime = timedelta(hours=settings.session_max_age_hours)
    login_id = tokens.new_token_id()
    # Core, not the unit of work: one row written as is, on every login.
    session.execute(
        sa.insert(_login).values(
            id=login_id,
            user_id=_id(user),
            created_at=now,
            last_seen_at=now,
            expires_at=now + lifetime,
            user_agent=user_agent[:300],
        )
    )
    token = tokens.mint(
        settings.secret,
        purpose=tokens.Purpose.login,
        subject=str(user.id),
        lifetime=lifetime,
        token_id=login_id,
        now=now,
    )
    return StartedLogin(user, token, int(lifetime.total_seconds()))


_login, _user, _membership = LoginSession.__table__, User.__table__, HubMembership.__table__  # type: ignore[attr-defined]
# Built once, in Core: it runs on every signed-in request, and on SQLite building a
# statement or ORM rows costs several times more than running the query.
_ACTIVE_LOGIN = (
    sa.select(
        _login.c.user_id,
        _login.c.revoked_at,
        _login.c.expires_at,
        _login.c.last_seen_at,
        _user.c.email,
        _user.c.name,
        _user.c.credentials,
        _user.c.time_zone,
        _user.c.is_site_admin,
        _user.c.is_active,
        _membership.c.hub_id,
        _membership.c.role,
    )
    .select_from(
        _login.join(_user, _user.c.id == _login.c.user_id).outerjoin(
            _membership, _membership.c.user_id == _user.c.id
        )
    )
    .where(_login.c.id == sa.bindparam("jti"))
)


def active_login(
    connection: sa.Connection,
    settings: Settings,
    claims: Mapping[str, object],
    *,
    now: datetime | None = None,
) -> ActiveLogin | None:
    """The person behind verified login claims, with their hub roles, if the session is alive."""
    moment = now or utcnow()
    session_id = str(claims.get("jti"))
    rows = connection.execute(_ACTIVE_LOGIN, {"jti": session_id}).all()
    if not rows:
        return None
    first = rows[0]
    idle_limit = timedelta(minutes=settings.idle_timeout_minutes)
    if (
        first.revoked_at is not None
        or first.expires_at <= moment
        or first.last_seen_at + idle_limit <= moment
        or str(first.user_id) != str(claims.get("sub"))
        or not first.is_active
    ):
        return None
    return ActiveLogin(
        viewer_of_row(first),
        session_id,
        first.last_seen_at,
        roles_by_hub((row.hub_id, row.role) for row in rows),
    )


def needs_touch(login: ActiveLogin, now: datetime | None = None) -> bool:
    return (now or utcnow()) - login.last_seen_at >= LAST_SEEN_RESOLUTION


def touch_login(session: Session, session_id: str, now: datetime | None = None) -> None:
    session.execute(
        sa.update(LoginSession)
        .where(col(LoginSession.id) == session_id)
        .values(last_seen_at=now or utcnow())
    )


def end_login(session: Session, session_id: str) -> None:
    session.execute(
        sa.update(LoginSession)
        .where(col(LoginSession.id) == session_id, col(LoginSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def revoke_all_sessions(session: Session, user_id: int | None) -> None:
    session.execute(
        sa.update(LoginSession)
        .where(col(LoginSession.user_id) == user_id, col(LoginSession.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


# --- authentication with throttling --------------------------------------------


class LoginRefused(Exception):
    """Login failed; ``message`` is safe to show and never says whether the account exists
    (``unconfirmed`` is set only for the right password of a sign-up not yet confirmed)."""

    def __init__(
        self, message: str, retry_after_seconds: int = 0, unconfirmed: User | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after_seconds = retry_after_seconds
        self.unconfirmed = unconfirmed


CONFIRM_FIRST = (
    "Confirm your email address first: we have sent the link to it again. "
    "It finishes creating your account."
)


def backoff_seconds(failures: int, *, free: int, maximum: int) -> int:
    """Wait imposed after ``failures`` consecutive failures: none until ``free``, then doubling."""
    if failures < free:
        return 0
    return int(min(maximum, BACKOFF_BASE_SECONDS * 2 ** min(failures - free, 30)))


_throttle = LoginThrottle.__table__  # type: ignore[attr-defined]


def _throttle_keys(email: str, client: str) -> list[tuple[str, int]]:
    return [
        (f"account:{normalize_email(email)[:254]}", 1),
        (f"client:{client}", CLIENT_FAILURE_MULTIPLIER),
    ]


@dataclass(frozen=True)
class LoginAttempt:
    """What a login needs from the database before its password is checked (read in a
    transaction of its own, so Argon2 runs with no connection held: login views)."""

    keys: list[tuple[str, int]]
    moment: datetime
    user_id: int | None
    password_hash: str | None
    account_counted: bool


@dataclass(frozen=True)
class PasswordCheck:
    """The password's verdict, and its new hash when the stored one uses old parameters."""

    ok: bool
    new_hash: str | None


def begin_login(
    session: Session, *, email: str, client: str, now: datetime | None = None
) -> LoginAttempt:
    """The attempt's throttles and account, or LoginRefused while either is waiting."""
    moment = now or utcnow()
    keys = _throttle_keys(email, client)
    # Core, two columns: every login runs these two reads (the session-start load test).
    blocked_until: dict[str, datetime | None] = {
        key: until
        for key, until in session.execute(
            sa.select(_throttle.c.key, _throttle.c.blocked_until).where(
                _throttle.c.key.in_([k for k, _ in keys])
            )
        )
    }
    waits = [
        math.ceil((until - moment).total_seconds())
        for until in blocked_until.values()
        if until is not None and until > moment
    ]
    if waits:
        wait = max(waits)
        raise LoginRefused(
            f"Too many failed attempts. Wait {_describe_wait(wait)} and try again, "
            "or ask your coordinator to reset your password.",
            wait,
        )
    account = (
        session.execute(
            sa.select(_user.c.id, _user.c.password_hash).where(
                _user.c.email == normalize_email(email)
            )
        ).first()
        if email
        else None
    )
    return LoginAttempt(
        keys=keys,
        moment=moment,
        user_id=account.id if account else None,
        password_hash=account.password_hash if account else None,
        account_counted=keys[0][0] in blocked_until,
    )


def check_password(passwords: Passwords, attempt: LoginAttempt, password: str) -> PasswordCheck:
    """Argon2: the slow part, needing no database. A dummy hash is verified for an unknown
    email, so timing reveals nothing."""
    ok = passwords.verify(attempt.password_hash, password)
    stale = (
        ok and attempt.password_hash is not None and passwords.needs_rehash(attempt.password_hash)
    )
    return PasswordCheck(ok=ok, new_hash=passwords.hash(password) if stale else None)


def finish_login(
    session: Session, settings: Settings, attempt: LoginAttempt, check: PasswordCheck
) -> User:
    """The user, or LoginRefused with one message for every failure (each failure counted
    against the account and the client)."""
    user = session.get(User, attempt.user_id) if attempt.user_id is not None else None
    # The hash checked must still be the account's (not changed since it was read).
    current = user is not None and user.password_hash == attempt.password_hash
    if check.ok and current and user is not None and user.is_active:
        if attempt.account_counted:
            session.execute(sa.delete(_throttle).where(_throttle.c.key == attempt.keys[0][0]))
        if check.new_hash is not None:
            user.password_hash = check.new_hash
            session.add(user)
        return user
    if check.ok and current and user is not None and user.email_verified_at is None:
        # Only the person who chose this password learns that the sign-up waits.
        raise LoginRefused(CONFIRM_FIRST, unconfirmed=user)
    if check.ok and not current:
        # Changed (or re-hashed by another login) since it was read: not a guess, so not
        # counted; the next attempt checks the new hash.
        raise LoginRefused(GENERIC_LOGIN_ERROR)
    moment = attempt.moment
    for key, multiplier in attempt.keys:
        # Counted by one atomic upsert: failures arriving at once on several processes are
        # all counted (a read-modify-write lost them, and two first failures collided).
        failures = count_up(
            session,
            _throttle,
            {"key": key, "failures": 1, "last_failure_at": moment, "blocked_until": None},
            [_throttle.c.key],
            _throttle.c.failures,
            also={"last_failure_at": moment},
        )
        wait = backoff_seconds(
            failures,
            free=settings.login_free_failures * multiplier,
            maximum=settings.login_max_lockout_seconds,
        )
        # Whoever counted this failure sets the wait it earns (a later failure, counted
        # higher, sets its own).
        session.execute(
            sa.update(_throttle)
            .where(_throttle.c.key == key, _throttle.c.failures == failures)
            .values(blocked_until=moment + timedelta(seconds=wait) if wait else None)
        )
    raise LoginRefused(GENERIC_LOGIN_ERROR)


def authenticate(
    session: Session,
    settings: Settings,
    passwords: Passwords,
    *,
    email: str,
    password: str,
    client: str,
    now: datetime | None = None,
) -> User:
    """The user for these credentials, or LoginRefused: the three steps in one transaction
    (the login view runs them in two, with the password checked between)."""
    attempt = begin_login(session, email=email, client=client, now=now)
    return finish_login(session, settings, attempt, check_password(passwords, attempt, password))


def _describe_wait(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} seconds"
    return f"{(seconds + 59) // 60} minutes"


# --- hub membership ------------------------------------------------------------------


def hub_roles(session: Session, user_id: int | None) -> dict[int, frozenset[str]]:
    if user_id is None:
        return {}
    roles: dict[int, set[str]] = {}
    for hub_id, role in session.exec(
        select(HubMembership.hub_id, HubMembership.role).where(
            col(HubMembership.user_id) == user_id
        )
    ):
        roles.setdefault(hub_id, set()).add(role)
    return {hub_id: frozenset(values) for hub_id, values in roles.items()}


def _id(row: User) -> int:
    if row.id is None:
        raise ValueError("row has no id yet; flush the session first")
    return row.id


def count_people(session: Session) -> int:
    """How many accounts there are (site administrators' home)."""
    return session.exec(select(sa.func.count()).select_from(User)).one()
