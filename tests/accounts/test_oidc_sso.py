"""Single sign-on end to end against a real OpenID provider (panva's oidc-provider, started
by the test from tests/accounts/oidc_provider): the authorization code flow with PKCE, an
account made on first sign-in or linked by a verified address, the person's links on
/me/sso, and every answer Echo must refuse (another audience, a broken signature, a replayed
or foreign state, an unverified address, another domain)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import sqlalchemy as sa
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import sso
from echo.accounts.models import SsoAttempt, SsoLink, User
from echo.db import Database
from echo.settings import Settings, SettingsError
from echo.timeutil import utcnow
from tests import factories
from tests.accounts.oidc_support import (
    CLIENTS,
    Browser,
    find_node,
    providers_toml,
    running_provider,
)
from tests.conftest import test_settings
from tests.helpers import csrf_from, logged_in, text_of

BASE_URL = "http://127.0.0.1:8000"  # the test settings' ECHO_BASE_URL (the default)


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    node = find_node()
    redirect_uris = [f"{BASE_URL}/login/sso/{name}/callback" for name in CLIENTS]
    with running_provider(node, redirect_uris) as found:
        yield found


@pytest.fixture
def settings(database_url: str, tmp_path: Path, issuer: str) -> Settings:
    """The test settings with ECHO_OIDC_PROVIDERS naming the running provider's clients."""
    path = tmp_path / "oidc-providers.toml"
    path.write_text(providers_toml(issuer))
    found = test_settings(database_url, tmp_path, oidc_providers=path)
    assert found.base_url == BASE_URL
    return found


@pytest.fixture
def browsers(
    make_bare_client: Callable[[], TestClient], settings: Settings
) -> Iterator[Callable[[], Browser]]:
    """Browsers (each with its own cookies at Echo and at the provider) on one app."""
    opened: list[Browser] = []

    def factory() -> Browser:
        browser = Browser(make_bare_client(), settings.base_url)
        opened.append(browser)
        return browser

    yield factory
    for browser in opened:
        browser.close()


def _users(database: Database) -> list[User]:
    with database.read() as session:
        return list(session.exec(select(User).order_by(User.id)))  # type: ignore[arg-type]


def _links(database: Database) -> list[SsoLink]:
    with database.read() as session:
        return list(session.exec(select(SsoLink).order_by(SsoLink.id)))  # type: ignore[arg-type]


def _signed_in_email(browser: Browser) -> str | None:
    """Whose profile the browser's Echo login opens (None: not signed in)."""
    answer = browser.echo.get("/me/profile")
    if answer.status_code != 200:
        return None
    return text_of(answer.text).split("Signed in as ", 1)[1].split(" ", 1)[0].rstrip(".")


def _assert_refused(sign_in_response_text: str, status: int, message: str) -> None:
    assert status == 400
    assert message in text_of(sign_in_response_text)


# --- the login page ----------------------------------------------------------------------------


def test_login_page_offers_a_button_per_provider(bare_client: TestClient) -> None:
    page = bare_client.get("/login?next=/me/programs")

    assert page.status_code == 200
    text = text_of(page.text)
    for name in CLIENTS:
        assert f"Sign in with Test Health ({name})" in text
    assert 'href="/login/sso/test?next=/me/programs"' in page.text.replace("%2F", "/")


def test_start_sends_the_browser_to_the_provider_with_pkce_state_and_nonce(
    bare_client: TestClient, issuer: str, database: Database
) -> None:
    answer = bare_client.get("/login/sso/test")

    assert answer.status_code == 303
    target = urlsplit(answer.headers["location"])
    query = {k: v[0] for k, v in parse_qs(target.query).items()}
    assert answer.headers["location"].startswith(f"{issuer}/auth?")
    assert query["response_type"] == "code"
    assert query["client_id"] == "echo"
    assert query["redirect_uri"] == f"{BASE_URL}/login/sso/test/callback"
    assert query["scope"] == "openid email profile"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 43 and len(query["nonce"]) >= 43
    assert "echo_sso" in answer.cookies
    with database.read() as session:
        attempts = list(session.exec(select(SsoAttempt)))
    # Only hashes of the state and of the browser cookie are stored.
    assert [a.provider for a in attempts] == ["test"]
    assert query["state"] not in {a.state_hash for a in attempts}


def test_unknown_provider_is_not_found(bare_client: TestClient) -> None:
    assert bare_client.get("/login/sso/nobody").status_code == 404
    assert bare_client.get("/login/sso/nobody/callback?state=x&code=y").status_code == 404


# --- signing in ----------------------------------------------------------------------------------


def test_verified_person_signs_in_and_an_account_is_made(
    browsers: Callable[[], Browser], database: Database
) -> None:
    browser = browsers()

    result = browser.sign_in(account="verified")

    assert result.response.status_code == 303
    assert result.response.headers["location"] == "/me/profile?notice=sso-welcome"
    assert _signed_in_email(browser) == "ana.ruiz@hospital.example"
    [user] = _users(database)
    assert (user.email, user.name, user.is_active) == (
        "ana.ruiz@hospital.example",
        "Ana Ruiz",
        True,
    )
    assert user.email_verified_at is not None
    assert not sso.has_usable_password(user)
    [link] = _links(database)
    assert (link.user_id, link.provider, link.subject, link.email) == (
        user.id,
        "test",
        "verified",
        "ana.ruiz@hospital.example",
    )
    assert link.issuer.startswith("http://127.0.0.1:")
    assert link.last_login_at is not None
    # The code and the tokens never reach a URL Echo shows or redirects to.
    assert "code=" not in result.response.headers["location"]


def test_same_subject_signs_in_again_to_the_same_account(
    browsers: Callable[[], Browser], database: Database
) -> None:
    first = browsers().sign_in(account="verified")
    [before] = _links(database)

    again = browsers()
    result = again.sign_in(account="verified", start="/login/sso/test?next=/me/programs")

    assert first.response.status_code == 303
    assert result.response.status_code == 303
    assert result.response.headers["location"] == "/me/programs?notice=logged-in"
    assert _signed_in_email(again) == "ana.ruiz@hospital.example"
    assert len(_users(database)) == 1
    [after] = _links(database)
    assert after.id == before.id
    assert after.last_login_at is not None and before.last_login_at is not None
    assert after.last_login_at >= before.last_login_at


def test_signing_in_rotates_the_login_session(
    browsers: Callable[[], Browser], database: Database
) -> None:
    browser = browsers()
    with database.write() as session:
        factories.create_user(session, email="someone@example.org")
    logged_in(browser.echo, "someone@example.org", factories.PASSWORD)
    old_cookie = browser.echo.cookies.get("echo_session")

    result = browser.sign_in(account="verified")

    assert result.response.status_code == 303
    assert browser.echo.cookies.get("echo_session") != old_cookie
    assert _signed_in_email(browser) == "ana.ruiz@hospital.example"
    # The old login is ended, as a password login ends it.
    other = browsers()
    other.echo.cookies.set("echo_session", old_cookie or "")
    assert _signed_in_email(other) is None


def test_verified_email_links_the_existing_account(
    browsers: Callable[[], Browser], database: Database
) -> None:
    with database.write() as session:
        dana = factories.create_user(session, email="dana.lee@hospital.example", name="Dana Lee")
    browser = browsers()

    result = browser.sign_in(account="existing")

    assert result.response.status_code == 303
    assert result.response.headers["location"] == "/?notice=logged-in"
    assert _signed_in_email(browser) == "dana.lee@hospital.example"
    assert [u.id for u in _users(database)] == [dana.id]
    [link] = _links(database)
    assert (link.user_id, link.subject) == (dana.id, "existing")
    # Her password still works.
    assert _signed_in_email(browsers()) is None
    assert logged_in(browsers().echo, "dana.lee@hospital.example", factories.PASSWORD)


def test_a_first_sign_in_finished_elsewhere_at_the_same_moment_is_said_in_words(
    browsers: Callable[[], Browser], database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another window made the account between this callback's look-up and its insert: the
    # look-up is made to miss it, as it would have a moment earlier.
    with database.write() as session:
        factories.create_user(session, email="ana.ruiz@hospital.example")
    monkeypatch.setattr(sso, "user_by_email", lambda session, email: None)

    result = browsers().sign_in(account="verified")

    assert result.response.status_code == 400
    assert "being set up in another window" in text_of(result.response.text)
    assert _links(database) == []
    assert [u.email for u in _users(database)] == ["ana.ruiz@hospital.example"]
    # The attempt was used up all the same.
    with database.read() as session:
        assert session.exec(select(SsoAttempt)).all() == []


def test_unconfirmed_local_account_is_not_linked(
    browsers: Callable[[], Browser], database: Database
) -> None:
    with database.write() as session:
        factories.create_user(
            session, email="eli.sato@hospital.example", active=False, verified=False
        )
    browser = browsers()

    result = browser.sign_in(account="pending")

    _assert_refused(
        result.response.text,
        result.response.status_code,
        "An Echo account already uses eli.sato@hospital.example, but its address is not "
        "confirmed yet.",
    )
    assert _links(database) == []
    assert _signed_in_email(browser) is None


# --- refused -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "account", "message"),
    [
        pytest.param(
            "wrongaud",
            "verified",
            "Test Health (wrongaud) answered with a sign-in Echo cannot trust",
            id="wrong-audience",
        ),
        pytest.param(
            "tampered",
            "verified",
            "Test Health (tampered) answered with a sign-in Echo cannot trust",
            id="bad-signature",
        ),
        pytest.param(
            "test",
            "unverified",
            "Test Health (test) has not verified your email address",
            id="unverified-email",
        ),
        pytest.param(
            "test",
            "outsider",
            "Test Health (test) is for addresses at hospital.example; yours is at "
            "elsewhere.example.",
            id="disallowed-domain",
        ),
    ],
)
def test_untrustworthy_sign_in_is_refused(
    browsers: Callable[[], Browser],
    database: Database,
    provider: str,
    account: str,
    message: str,
) -> None:
    if provider == "tampered":  # the forged token names an account that exists
        with database.write() as session:
            factories.create_user(session, email="dana.lee@hospital.example")
    users_before = [u.id for u in _users(database)]
    browser = browsers()

    result = browser.sign_in(provider=provider, account=account)

    _assert_refused(result.response.text, result.response.status_code, message)
    assert "Log in to Echo" in result.response.text  # the login page, with the reason on top
    assert "echo_session" not in result.response.cookies
    assert _signed_in_email(browser) is None
    assert [u.id for u in _users(database)] == users_before
    assert _links(database) == []


def test_replayed_callback_is_refused(browsers: Callable[[], Browser], database: Database) -> None:
    browser = browsers()
    result = browser.sign_in(account="verified")
    assert result.response.status_code == 303

    replay = browsers()
    replay.echo.cookies.update(browser.echo.cookies)  # even with the same browser's cookies
    again = replay.echo.get(result.callback_path)

    _assert_refused(again.text, again.status_code, "This sign-in has expired or was already used")
    assert "echo_session" not in again.cookies
    with database.read() as session:
        assert list(session.exec(select(SsoAttempt))) == []


def test_callback_in_another_browser_is_refused(
    browsers: Callable[[], Browser], database: Database
) -> None:
    """Login CSRF: someone's callback URL (their code and state) opened by another person."""
    attacker, victim = browsers(), browsers()
    started = attacker.echo.get("/login/sso/test")
    url = started.headers["location"] + "&login_hint=verified"
    while not url.startswith(BASE_URL):
        reply = attacker.provider.get(url)
        url = urljoin(url, reply.headers["location"])
    answer = victim.echo.get(url[len(BASE_URL) :])

    _assert_refused(answer.text, answer.status_code, "started in another browser")
    assert _signed_in_email(victim) is None
    assert _users(database) == []


def test_callback_without_state_or_with_an_unknown_one_is_refused(bare_client: TestClient) -> None:
    for query in ("", "?code=abc", "?state=made-up&code=abc", "?state=" + "x" * 500):
        answer = bare_client.get("/login/sso/test/callback" + query)
        _assert_refused(answer.text, answer.status_code, "This sign-in has expired")


def test_answer_from_another_issuer_is_refused(
    browsers: Callable[[], Browser], database: Database
) -> None:
    """RFC 9207: the authorization response names its issuer; another one is a mix-up."""
    browser = browsers()
    started = browser.echo.get("/login/sso/test")
    url = started.headers["location"] + "&login_hint=verified"
    while not url.startswith(BASE_URL):
        url = urljoin(url, browser.provider.get(url).headers["location"])
    path = url[len(BASE_URL) :]
    assert "iss=" in path
    forged = path.split("&iss=")[0] + "&iss=https%3A%2F%2Fidp.attacker.example"

    answer = browser.echo.get(forged)

    _assert_refused(answer.text, answer.status_code, "answered with a sign-in Echo cannot trust")
    assert _users(database) == []


def test_provider_error_is_refused_in_words(bare_client: TestClient) -> None:
    started = bare_client.get("/login/sso/test")
    state = parse_qs(urlsplit(started.headers["location"]).query)["state"][0]

    answer = bare_client.get(
        f"/login/sso/test/callback?state={state}&error=access_denied&error_description=%3Cb%3Eno"
    )

    _assert_refused(answer.text, answer.status_code, "did not finish signing you in")
    assert "<b>no" not in answer.text


# --- the person's links ---------------------------------------------------------------------------


def test_links_page_lists_and_removes_a_link_with_csrf(
    browsers: Callable[[], Browser], database: Database
) -> None:
    with database.write() as session:
        factories.create_user(session, email="dana.lee@hospital.example", name="Dana Lee")
    browser = browsers()
    browser.sign_in(account="existing")
    [link] = _links(database)

    page = browser.echo.get("/me/sso")
    assert page.status_code == 200
    assert "no-store" in page.headers["cache-control"]
    text = text_of(page.text)
    assert "Test Health (test) dana.lee@hospital.example" in text
    assert "Remove Test Health (test)" in text

    forged = browser.echo.post(f"/me/sso/{link.id}/remove", data={})
    assert forged.status_code == 403
    assert len(_links(database)) == 1

    removed = browser.echo.post(
        f"/me/sso/{link.id}/remove", data={"csrf_token": csrf_from(page.text)}
    )
    assert removed.status_code == 303
    assert removed.headers["location"] == "/me/sso?notice=sso-unlinked"
    assert _links(database) == []
    after = text_of(browser.echo.get("/me/sso").text)
    assert "No account of an organization signs you in yet. Link one below." in after
    assert "Link Test Health (test)" in after


def test_last_way_to_sign_in_is_not_removed(
    browsers: Callable[[], Browser], database: Database
) -> None:
    browser = browsers()
    browser.sign_in(account="verified")  # an account made by single sign-on: no password
    [link] = _links(database)
    page = browser.echo.get("/me/sso")
    assert "Stays: it is how you sign in. Set a password first" in text_of(page.text)
    assert f"/me/sso/{link.id}/remove" not in page.text

    refused = browser.echo.post(
        f"/me/sso/{link.id}/remove", data={"csrf_token": csrf_from(page.text)}
    )

    assert refused.status_code == 409
    assert "This is the only way you sign in to Echo, so it stays." in text_of(refused.text)
    assert len(_links(database)) == 1


def test_someone_elses_link_is_not_found(
    browsers: Callable[[], Browser], database: Database
) -> None:
    browsers().sign_in(account="verified")
    [link] = _links(database)
    with database.write() as session:
        factories.create_user(session, email="other@example.org")
    other = browsers()
    logged_in(other.echo, "other@example.org", factories.PASSWORD)
    token = csrf_from(other.echo.get("/me/sso").text)

    answer = other.echo.post(f"/me/sso/{link.id}/remove", data={"csrf_token": token})

    assert answer.status_code == 404
    assert len(_links(database)) == 1


def test_signed_in_person_links_a_provider_from_the_profile(
    browsers: Callable[[], Browser], database: Database
) -> None:
    with database.write() as session:
        me = factories.create_user(session, email="tess@example.org")
    browser = browsers()
    logged_in(browser.echo, "tess@example.org", factories.PASSWORD)

    # A verified address of another domain than the account's is fine when linking.
    result = browser.sign_in(account="verified", start="/me/sso/test/link")

    assert result.response.status_code == 303
    assert result.response.headers["location"] == "/me/sso?notice=sso-linked"
    [link] = _links(database)
    assert (link.user_id, link.email) == (me.id, "ana.ruiz@hospital.example")
    assert _signed_in_email(browser) == "tess@example.org"
    # Signing in with it later opens this account.
    later = browsers()
    later.sign_in(account="verified")
    assert _signed_in_email(later) == "tess@example.org"


def test_password_login_of_an_sso_account_fails_like_any_wrong_password(
    browsers: Callable[[], Browser], database: Database
) -> None:
    browsers().sign_in(account="verified")
    browser = browsers()
    page = browser.echo.get("/login")

    answer = browser.echo.post(
        "/login",
        data={
            "email": "ana.ruiz@hospital.example",
            "password": "!sso",
            "csrf_token": csrf_from(page.text),
        },
    )

    assert answer.status_code == 401
    assert "The email or password is not right." in text_of(answer.text)


def test_bad_providers_file_stops_the_start(tmp_path: Path, database_url: str) -> None:
    path = tmp_path / "providers.toml"
    path.write_text(
        '[[provider]]\nname = "Bad Name"\nlabel = "X"\nissuer = "http://idp.example.org"\n'
        'client_id = "x"\nallowed_domains = []\n'
    )
    broken = test_settings(database_url, tmp_path, oidc_providers=path)

    with pytest.raises(SettingsError) as raised:
        sso.load_providers(broken, {})

    message = str(raised.value)
    assert "name must be lowercase letters, digits and hyphens" in message
    assert "issuer must be an https URL" in message
    assert "set client_secret_env (or client_secret)" in message
    assert "allowed_domains must list email domains" in message


def test_stale_attempts_are_cleared_when_a_new_one_starts(
    bare_client: TestClient, database: Database
) -> None:
    bare_client.get("/login/sso/test")
    with database.write() as session:
        session.execute(sa.update(SsoAttempt).values(expires_at=utcnow() - timedelta(minutes=1)))

    bare_client.get("/login/sso/test")

    with database.read() as session:
        assert len(list(session.exec(select(SsoAttempt)))) == 1
