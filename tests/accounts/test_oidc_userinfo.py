"""Single sign-on with a provider that gives the person's claims only at its UserInfo
endpoint, as oidc-provider does by default and OpenID Connect Core 1.0 section 5.4 allows
when an access token is issued: Echo completes the ID token from UserInfo, still requires
the address to be verified, and refuses a UserInfo answer about another subject."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts.models import SsoLink, User
from echo.db import Database
from echo.settings import Settings
from tests import factories
from tests.accounts.oidc_support import Browser, find_node, providers_toml, running_provider
from tests.conftest import test_settings
from tests.helpers import text_of

BASE_URL = "http://127.0.0.1:8000"
CLIENTS = {"conform": "echo", "othersub": "echo-other-sub"}


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    redirect_uris = [f"{BASE_URL}/login/sso/{name}/callback" for name in CLIENTS]
    with running_provider(find_node(), redirect_uris, conform_id_token_claims=True) as found:
        yield found


@pytest.fixture
def settings(database_url: str, tmp_path: Path, issuer: str) -> Settings:
    path = tmp_path / "oidc-providers.toml"
    path.write_text(providers_toml(issuer, client_ids=CLIENTS))
    return test_settings(database_url, tmp_path, oidc_providers=path)


@pytest.fixture
def browser(make_bare_client: Callable[[], TestClient], settings: Settings) -> Iterator[Browser]:
    opened = Browser(make_bare_client(), settings.base_url)
    yield opened
    opened.close()


def _users(database: Database) -> list[User]:
    with database.read() as session:
        return list(session.exec(select(User).order_by(User.id)))  # type: ignore[arg-type]


def test_the_person_is_read_from_userinfo(browser: Browser, database: Database) -> None:
    result = browser.sign_in(provider="conform", account="verified")
    assert result.response.status_code == 303
    assert result.response.headers["location"] == "/me/profile?notice=sso-welcome"
    [user] = _users(database)
    assert (user.email, user.name) == ("ana.ruiz@hospital.example", "Ana Ruiz")
    with database.read() as session:
        [link] = session.exec(select(SsoLink)).all()
    assert (link.subject, link.email) == ("verified", "ana.ruiz@hospital.example")


def test_an_unverified_address_at_userinfo_is_refused(browser: Browser, database: Database) -> None:
    result = browser.sign_in(provider="conform", account="unverified")
    assert result.response.status_code == 400
    assert "has not verified" in text_of(result.response.text)
    assert _users(database) == []


def test_userinfo_about_another_subject_is_refused(browser: Browser, database: Database) -> None:
    with database.write() as session:  # the address UserInfo claims belongs to an account
        factories.create_user(session, email="dana.lee@hospital.example")
    before = _users(database)
    result = browser.sign_in(provider="othersub", account="verified")
    assert result.response.status_code == 400
    assert "a sign-in Echo cannot trust" in text_of(result.response.text)
    assert [u.id for u in _users(database)] == [u.id for u in before]
    with database.read() as session:
        assert session.exec(select(SsoLink)).all() == []
