"""Every setting Echo reads, from ``ECHO_*`` environment variables.

The README's settings table is generated from the field descriptions here and a
test checks that the two agree, so this module is the one place to document a
setting.
"""

from __future__ import annotations

import os
import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """The configuration cannot be used; the message says which setting and why."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ECHO_", extra="ignore", frozen=True)

    env: Literal["development", "production"] = Field(
        "development",
        description="`development` or `production`. Production refuses to start without "
        "`ECHO_SECRET_KEY` or with a base URL that is not https.",
    )
    var_dir: Path = Field(
        PROJECT_ROOT / "var",
        description="Folder for the SQLite database, the generated development secret "
        "and uploaded files.",
    )
    database_url: str = Field(
        "",
        description="SQLAlchemy URL. Default: SQLite file `var/echo.sqlite3`. For PostgreSQL: "
        "`postgresql+psycopg://user@host/db` (install the `postgres` extra).",
    )
    secret_key: SecretStr | None = Field(
        None,
        description="Key for signing session tokens and CSRF tokens, and for encrypting the "
        "credential signing keys in the database. In development, generated once into "
        "`var/secret_key` (mode 0600) when unset.",
    )
    base_url: str = Field(
        "http://127.0.0.1:8000",
        description="Public URL of the site, used in links and to decide on Secure cookies "
        "and HSTS (https).",
    )
    idle_timeout_minutes: int = Field(
        480, ge=5, description="A login session ends after this many idle minutes (8 h)."
    )
    log_format: Literal["text", "json"] = Field(
        "text",
        description="text (for people) or json (one object per line, for a log collector); "
        "each line carries the request's id.",
    )
    api_rate_per_minute: int = Field(
        120,
        ge=1,
        le=100_000,
        description="Requests a minute one API token may make (counted in the database, "
        "so across every app process).",
    )
    session_max_age_hours: int = Field(
        24 * 14, ge=1, description="A login session ends this long after sign-in, active or not."
    )
    login_free_failures: int = Field(
        5,
        ge=1,
        description="Failed logins allowed per account and per client before exponential "
        "back-off starts.",
    )
    login_max_lockout_seconds: int = Field(
        900, ge=1, description="Longest wait imposed by the login back-off."
    )
    argon2_time_cost: int = Field(3, ge=1, description="Argon2id iterations for new hashes.")
    argon2_memory_kib: int = Field(
        65536, ge=1024, description="Argon2id memory (KiB) for new password hashes."
    )
    db_pool_size: int = Field(
        20,
        ge=2,
        le=500,
        description="Database connections each app process keeps (half as many more may "
        "open at a peak); also how many requests a process runs in its thread pool at once, "
        "so a request never waits for a connection. On PostgreSQL keep processes times "
        "1.5 times this below `max_connections`.",
    )
    sqlite_busy_timeout_ms: int = Field(
        15000, ge=0, description="How long a SQLite writer waits for the lock before failing."
    )
    trust_forwarded_for: bool = Field(
        False,
        description="Take the client address from `X-Forwarded-For` (only behind a reverse "
        "proxy you control); used by login throttling.",
    )
    forwarded_for_hops: int = Field(
        1,
        ge=1,
        le=10,
        description="How many reverse proxies of yours each add an address to "
        "`X-Forwarded-For` in front of Echo (nginx alone: 1). The client is the entry that "
        "many from the right; anything left of it was written by the client.",
    )
    metrics_token: SecretStr | None = Field(
        None,
        description="Bearer token a Prometheus scraper sends to /metrics; unset, /metrics "
        "answers 404.",
    )
    host: str = Field("127.0.0.1", description="Address `echo-lms serve` listens on.")
    port: int = Field(8000, description="Port `echo-lms serve` listens on.")
    smtp_url: str = Field(
        "",
        description="Outgoing mail server: `smtp://user:password@host:587` (STARTTLS when "
        "offered) or `smtps://user:password@host:465` (TLS). Empty: messages are written "
        "as `.eml` files to `var/mail/`.",
    )
    mail_from: str = Field(
        "echo@localhost",
        description="Sender address of Echo's email; the hub's name is the display name.",
    )
    reminder_lead_hours: list[float] = Field(
        default_factory=lambda: [24.0, 1.0],
        description="How long before a session its reminders go out, in hours (a JSON "
        "list such as `[24, 1]`).",
    )
    worker_in_process: bool = Field(
        False,
        description="Run the mail worker in a thread of the web process (`make run`); in "
        "production run `echo-lms worker` as its own service instead.",
    )
    webhooks_allow_http: bool = Field(
        False,
        description="Let hubs register plain `http://` webhook endpoints (development and "
        "tests only); otherwise endpoints must be https.",
    )
    webhooks_allow_private: bool = Field(
        False,
        description="Let webhook endpoints resolve to loopback, private, link-local or "
        "reserved addresses (development and tests only: a local receiver); otherwise "
        "they are refused when registered and when delivered.",
    )

    oidc_providers: Path | None = Field(
        None,
        description="A TOML file listing the OpenID Connect providers people may sign in "
        "with (single sign-on: issuer, client id and secret, allowed email domains, "
        "optional hub; see docs/sso.md). Unset: passwords only.",
    )

    @field_validator("base_url")
    @classmethod
    def _strip_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")

    @cached_property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'echo.sqlite3'}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")

    @property
    def uses_https(self) -> bool:
        return urlsplit(self.base_url).scheme == "https"

    @property
    def session_cookie_name(self) -> str:
        # RFC 6265bis "__Host-" prefix: Secure, no Domain, Path=/ (only possible over https).
        return "__Host-echo_session" if self.uses_https else "echo_session"

    @property
    def anonymous_cookie_name(self) -> str:
        return "__Host-echo_anon" if self.uses_https else "echo_anon"

    @cached_property
    def secret(self) -> str:
        """The signing key: from the environment, else (development only) from var/."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        if self.env == "production":
            raise SettingsError("ECHO_SECRET_KEY must be set in production.")
        return _development_secret(self.var_dir / "secret_key")

    def base_url_mismatch(self, host: str, port: int) -> str | None:
        """Why links would point elsewhere, when ECHO_BASE_URL names this machine but another
        port than the one served: emails, calendar feeds and QR codes use the base URL.
        (Behind a proxy the base URL names the proxy, and the ports may differ.)"""
        parts = urlsplit(self.base_url)
        local = {"localhost", "127.0.0.1", "::1", "0.0.0.0", host}  # noqa: S104 - names, not a bind
        if parts.hostname not in local:
            return None
        expected = parts.port or (443 if parts.scheme == "https" else 80)
        if expected == port:
            return None
        return (
            f"serving on port {port}, but ECHO_BASE_URL is {self.base_url}: links in emails, "
            f"calendar feeds and check-in QR codes would go to port {expected}. Set "
            f"ECHO_BASE_URL={parts.scheme}://{parts.hostname}:{port}"
        )

    def check_production(self) -> None:
        """Refuse settings that are unsafe in production (raises SettingsError)."""
        if self.env != "production":
            return
        if self.secret_key is None:
            raise SettingsError("ECHO_SECRET_KEY must be set in production.")
        if len(self.secret_key.get_secret_value()) < 32:
            raise SettingsError("ECHO_SECRET_KEY must be at least 32 characters.")
        if not self.uses_https:
            raise SettingsError(f"ECHO_BASE_URL must be https in production, not {self.base_url}")


def _development_secret(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    # O_EXCL: two processes starting at once keep whichever wrote first.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
    return value


def load_settings() -> Settings:
    return Settings()
