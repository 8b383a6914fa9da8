"""Who is asking: the signed-in person as every page needs them, read once per request.

Plain records, no ORM rows and no database: the accounts domain builds them from a login
(``echo.accounts.services.active_login``) and the web kit hands them to views. Views that
change the person's own record load it with ``session.get(User, viewer.id)``.
"""

from __future__ import annotations

from collections.abc import Iterable
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


class PersonRow(Protocol):
    """A query row with the person's columns and their id as ``user_id`` (the login's
    and the API token's queries select them the same way)."""

    @property
    def user_id(self) -> int: ...
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


def viewer_of_row(row: PersonRow, *, may_administer_site: bool = True) -> Viewer:
    """The person of a login's or a token's row; ``may_administer_site`` False drops site
    administration (a token limited to one hub)."""
    return Viewer(
        id=row.user_id,
        email=row.email,
        name=row.name,
        credentials=row.credentials,
        time_zone=row.time_zone,
        is_site_admin=row.is_site_admin and may_administer_site,
    )


def roles_by_hub(
    pairs: Iterable[tuple[int | None, str | None]], only_hub: int | None = None
) -> dict[int, frozenset[str]]:
    """A person's (hub id, role) pairs, as their outer-joined memberships give them (no
    hub: no role), as roles per hub; ``only_hub`` keeps that hub's alone."""
    roles: dict[int, set[str]] = {}
    for hub_id, role in pairs:
        if hub_id is not None and role is not None and only_hub in (None, hub_id):
            roles.setdefault(hub_id, set()).add(role)
    return {hub_id: frozenset(found) for hub_id, found in roles.items()}


@dataclass(frozen=True)
class ActiveLogin:
    """A login session that is still valid, with its person and their roles per hub."""

    viewer: Viewer
    session_id: str
    last_seen_at: datetime
    hub_roles: dict[int, frozenset[str]]
