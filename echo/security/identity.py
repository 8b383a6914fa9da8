"""Who is asking: the signed-in person as every page needs them, read once per request.

Plain records, no ORM rows and no database: the accounts domain builds them from a login
(``echo.accounts.services.active_login``) and the web kit hands them to views. Views that
change the person's own record load it with ``session.get(User, viewer.id)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


def display_name(name: str, credentials: str) -> str:
    """How a person is named on pages and certificates: "Ana Ruiz, MD"."""
    return f"{name}, {credentials}" if credentials else name


class PersonLike(Protocol):
    """What a Viewer is made from (a User row)."""

    @property
    def id(self) -> int | None: ...
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def credentials(self) -> str: ...
    @property
    def time_zone(self) -> str: ...
    @property
    def is_site_admin(self) -> bool: ...


@dataclass(frozen=True)
class Viewer:
    """The signed-in person: id, how to name them, their time zone, whether site admin."""

    id: int
    email: str
    name: str
    credentials: str
    time_zone: str
    is_site_admin: bool

    @property
    def display_name(self) -> str:
        return display_name(self.name, self.credentials)

    @classmethod
    def of(cls, user: PersonLike) -> Viewer:
        return cls(
            id=user.id or 0,
            email=user.email,
            name=user.name,
            credentials=user.credentials,
            time_zone=user.time_zone,
            is_site_admin=user.is_site_admin,
        )


@dataclass(frozen=True)
class ActiveLogin:
    """A login session that is still valid, with its person and their roles per hub."""

    viewer: Viewer
    session_id: str
    last_seen_at: datetime
    hub_roles: dict[int, frozenset[str]]
