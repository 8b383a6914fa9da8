"""Personal API tokens: made on the token page and shown once, stored as a hash only,
accepted as ``Authorization: Bearer`` while valid (not revoked, not expired, the owner's
account open), revoked by their owner alone, limited to the owner's own hubs, and counted
against a per-minute limit kept in the database."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from httpx2 import Response
from sqlmodel import select
from starlette.testclient import TestClient

from echo.accounts import api_tokens
from echo.accounts.models import ApiRateWindow, ApiToken, User
from echo.db import Database
from echo.models import metadata
from echo.programs.models import Hub
from echo.timeutil import format_in_zone, utcnow
from echo.web.params import FormErrors
from tests import factories
from tests.helpers import logged_in, page_csrf, text_of

TOKEN_TEXT = re.compile(r"echo_[0-9a-f]{10}_[A-Za-z0-9_-]{43}")
NOW = datetime(2027, 3, 1, 12, 0, 30, tzinfo=UTC)


@pytest.fixture
def owner(bare_client: TestClient, database: Database) -> User:
    """A signed-in physician on ``bare_client``, coordinator of the hub "Valley Hub"."""
    with database.write() as session:
        user = factories.create_user(session, name="Dr. Tess Token", time_zone="America/Denver")
        hub = factories.create_hub(session, name="Valley Hub")
        factories.add_hub_role(session, user, hub, "coordinator")
    logged_in(bare_client, user.email, factories.PASSWORD)
    return user


def _make(
    database: Database,
    user: User,
    *,
    write: bool = False,
    hub_id: int | None = None,
    days: int = 30,
    now: datetime = NOW,
) -> tuple[ApiToken, str]:
    with database.write() as session:
        assert user.id is not None
        return api_tokens.create(
            session,
            user_id=user.id,
            name="Weekly report",
            write=write,
            hub_id=hub_id,
            days=days,
            now=now,
        )


def _authenticate(
    database: Database, header: str | None, now: datetime
) -> api_tokens.Bearer | None:
    with database.write() as session:
        return api_tokens.authenticate(session, header, now)


def _stored(database: Database, token_id: int | None) -> ApiToken:
    with database.read() as session:
        found = session.get(ApiToken, token_id)
    assert found is not None
    return found


def _hub_id(database: Database, name: str) -> int:
    with database.read() as session:
        hub_id = session.exec(select(Hub.id).where(Hub.name == name)).one()
    assert hub_id is not None
    return hub_id


def _post_token(client: TestClient, **fields: str) -> tuple[Response, str]:
    """The page's answer to making a token, and the token text it shows (or "")."""
    data = {"name": "Weekly report", "days": "90", **fields}
    response = client.post(
        "/me/tokens", data={**data, "csrf_token": page_csrf(client, "/me/tokens")}
    )
    found = TOKEN_TEXT.search(response.text)
    return response, found.group(0) if found else ""


# --- the page ---------------------------------------------------------------------------------


def test_token_page_asks_an_anonymous_visitor_to_log_in(bare_client: TestClient) -> None:
    assert bare_client.get("/me/tokens").headers["location"] == "/login?next=%2Fme%2Ftokens"


def test_profile_links_to_the_token_page(bare_client: TestClient, owner: User) -> None:
    page = bare_client.get("/me/profile").text
    assert '<a href="/me/tokens">Manage your API tokens</a>' in page


def test_token_page_says_what_a_token_can_do_and_offers_the_persons_hubs(
    bare_client: TestClient, owner: User
) -> None:
    page = bare_client.get("/me/tokens").text
    words = text_of(page)
    assert (
        "It can do the same as you can, limited to read unless you tick write, and to one hub "
        "if you choose one" in words
    )
    assert "You have no API tokens yet. Make one above." in words
    assert '<option value="">All my hubs</option>' in page
    assert re.search(r'<option value="\d+">Valley Hub</option>', page)
    assert 'id="days" name="days" type="number" value="90" required' in page


def test_making_a_token_shows_it_once_and_the_list_never_again(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    data = {"name": "Weekly report", "days": "90", "write": "yes"}
    response = bare_client.post(
        "/me/tokens", data={**data, "csrf_token": page_csrf(bare_client, "/me/tokens")}
    )

    assert response.status_code == 200
    assert "no-store" in response.headers["cache-control"]
    shown = TOKEN_TEXT.findall(response.text)
    assert shown, response.text[:2000]
    text = shown[0]
    assert f'<input id="api-token" type="text" readonly value="{text}"' in response.text
    assert '<label for="api-token">Token “Weekly report”</label>' in response.text
    words = text_of(response.text)
    assert "Echo shows it only this once and cannot show it again" in words
    assert f'curl -H "Authorization: Bearer {text}" http://127.0.0.1:8000/api/v1/programs' in words
    assert "Read and write, in all your hubs; expires" in words

    listing = bare_client.get("/me/tokens").text
    prefix, secret = text.split("_", 2)[1:]
    assert TOKEN_TEXT.search(listing) is None and secret not in listing
    row = text_of(listing)
    assert f"Weekly report echo_{prefix}_… Read and write All your hubs" in row
    assert '<td data-label="Last used">Never</td>' in listing
    assert "Active Revoke Weekly report" in row


def test_the_database_keeps_only_a_hash_of_the_secret(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    _, text = _post_token(bare_client)
    secret = text.split("_", 2)[2]

    holding = []
    with database.read() as session:
        for table in metadata.sorted_tables:
            for row in session.execute(sa.select(table)).all():
                for value in row:
                    if isinstance(value, str | bytes) and (
                        secret in (value.decode("latin-1") if isinstance(value, bytes) else value)
                    ):
                        holding.append(table.name)
        stored = session.exec(select(ApiToken)).one()
    assert holding == []
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (stored.scopes, stored.hub_id, stored.expires_at - stored.created_at) == (
        "read",
        None,
        timedelta(days=90),
    )


def test_making_a_token_for_a_hub_the_person_has_no_role_in_is_refused_next_to_the_field(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    with database.write() as session:
        other = factories.create_hub(session, name="Other Hub")
    response, text = _post_token(bare_client, hub=str(other.id), name="Hub script", days="12")

    page = response.text
    assert response.status_code == 422 and text == ""
    assert (
        '<p class="field-error" id="hub-error"><span class="visually-hidden">Error: </span>'
        "Choose one of your hubs from the list, or All my hubs.</p>" in page
    )
    assert 'value="Hub script"' in page and 'value="12"' in page
    with database.read() as session:
        assert session.exec(select(ApiToken)).all() == []


def test_making_a_token_limited_to_ones_own_hub_is_shown_with_the_hubs_name(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    hub_id = _hub_id(database, "Valley Hub")
    response, text = _post_token(bare_client, hub=str(hub_id))

    assert response.status_code == 200 and text
    assert "Read only, limited to Valley Hub; expires" in text_of(response.text)
    assert "Read only Valley Hub" in text_of(bare_client.get("/me/tokens").text)
    with database.read() as session:
        assert session.exec(select(ApiToken.hub_id)).one() == hub_id


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"name": ""}, "name", "Name the token after what will use it, like Weekly report."),
        ({"name": "x" * 101}, "name", "Keep this under 100 characters (it has 101)."),
        ({"days": ""}, "days", "Enter how many days the token lasts, from 1 to 365."),
        ({"days": "0"}, "days", "Enter a whole number of days from 1 to 365."),
        ({"days": "366"}, "days", "Enter a whole number of days from 1 to 365."),
        ({"hub": "\u00b2"}, "hub", "Choose one of your hubs from the list, or All my hubs."),
    ],
)
def test_making_a_token_with_a_bad_field_says_what_to_enter_and_keeps_the_values(
    bare_client: TestClient,
    database: Database,
    owner: User,
    fields: dict[str, str],
    field: str,
    message: str,
) -> None:
    response, text = _post_token(bare_client, write="yes", **fields)

    page = response.text
    assert response.status_code == 422 and text == ""
    assert f'<p class="field-error" id="{field}-error">' in page and message in page
    assert '<input type="checkbox" id="write" name="write" value="yes" checked>' in page
    with database.read() as session:
        assert session.exec(select(ApiToken)).all() == []


def test_the_owner_revokes_a_token_and_it_is_refused_from_then_on(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    token, text = _make(database, owner, now=utcnow())
    assert _authenticate(database, f"Bearer {text}", utcnow()) is not None

    response = bare_client.post(
        f"/me/tokens/{token.id}/revoke", data={"csrf_token": page_csrf(bare_client, "/me/tokens")}
    )

    assert response.status_code == 303
    assert response.headers["location"] == "/me/tokens?notice=api-token-revoked"
    page = text_of(bare_client.get(response.headers["location"]).text)
    assert "The token is revoked: requests that send it are refused from now on." in page
    assert "Revoked" in page and "Revoke Weekly report" not in page
    assert _stored(database, token.id).revoked_at is not None
    assert _authenticate(database, f"Bearer {text}", utcnow()) is None


def test_another_person_cannot_revoke_a_token(
    make_bare_client: Callable[[], TestClient], database: Database, owner: User
) -> None:
    token, text = _make(database, owner, now=utcnow())
    with database.write() as session:
        stranger = factories.create_user(session)
    client = logged_in(make_bare_client(), stranger.email, factories.PASSWORD)

    response = client.post(
        f"/me/tokens/{token.id}/revoke", data={"csrf_token": page_csrf(client, "/me/tokens")}
    )

    assert response.status_code == 404
    assert _stored(database, token.id).revoked_at is None
    assert "Weekly report" not in client.get("/me/tokens").text
    assert _authenticate(database, f"Bearer {text}", utcnow()) is not None


def test_revoking_a_token_that_does_not_exist_is_not_found(
    bare_client: TestClient, owner: User
) -> None:
    response = bare_client.post(
        "/me/tokens/2147483647/revoke", data={"csrf_token": page_csrf(bare_client, "/me/tokens")}
    )
    assert response.status_code == 404


# --- authenticate -----------------------------------------------------------------------------


def test_authenticate_accepts_a_valid_token_and_says_whose_it_is(
    database: Database,
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        hub = factories.create_hub(session)
        factories.add_hub_role(session, user, hub, "faculty")
    token, text = _make(database, user, write=True)

    bearer = _authenticate(database, f"Bearer {text}", NOW)

    assert bearer is not None
    assert (bearer.token_id, bearer.user_id, bearer.hub_id, bearer.can_write) == (
        token.id,
        user.id,
        None,
        True,
    )
    assert bearer.principal.user is not None and bearer.principal.user.id == user.id
    assert bearer.principal.hub_roles == {hub.id: frozenset({"faculty"})}
    assert bearer.reaches_hub(hub.id) and bearer.reaches_hub(999)


@pytest.mark.parametrize("scheme", ["Bearer", "bearer", "BEARER"])
def test_authenticate_reads_the_scheme_in_any_case(database: Database, scheme: str) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user)
    bearer = _authenticate(database, f"{scheme} {text}", NOW)
    assert bearer is not None and bearer.can_write is False


def test_a_token_limited_to_a_hub_holds_only_that_hubs_roles_and_no_site_administration(
    database: Database,
) -> None:
    with database.write() as session:
        admin = factories.create_user(session, site_admin=True)
        mine, other = factories.create_hub(session), factories.create_hub(session)
        factories.add_hub_role(session, admin, mine, "coordinator")
        factories.add_hub_role(session, admin, other, "faculty")
    assert mine.id is not None and other.id is not None
    _, limited = _make(database, admin, hub_id=mine.id)
    _, whole = _make(database, admin)

    narrow = _authenticate(database, f"Bearer {limited}", NOW)
    wide = _authenticate(database, f"Bearer {whole}", NOW)

    assert narrow is not None and wide is not None
    assert narrow.principal.hub_roles == {mine.id: frozenset({"coordinator"})}
    assert not narrow.principal.is_site_admin
    assert narrow.reaches_hub(mine.id) and not narrow.reaches_hub(other.id)
    assert set(wide.principal.hub_roles) == {mine.id, other.id}
    assert wide.principal.is_site_admin


def test_a_hub_the_person_has_no_role_in_is_refused_by_the_service(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
        hub = factories.create_hub(session)
    with pytest.raises(FormErrors) as problem:
        _make(database, user, hub_id=hub.id)
    assert problem.value.errors == {"hub": "Choose one of your hubs from the list, or All my hubs."}


def test_authenticate_refuses_a_wrong_secret(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user)
    secret = text[-43:]
    wrong = text[:-43] + ("A" if secret[0] != "A" else "B") + secret[1:]

    assert _authenticate(database, f"Bearer {wrong}", NOW) is None
    assert _authenticate(database, f"Bearer echo_0000000000_{secret}", NOW) is None


def test_authenticate_refuses_a_revoked_token(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    token, text = _make(database, user)
    with database.write() as session:
        assert user.id is not None and token.id is not None
        assert api_tokens.revoke(session, user_id=user.id, token_id=token.id, now=NOW)
    assert _authenticate(database, f"Bearer {text}", NOW + timedelta(seconds=1)) is None


def test_authenticate_refuses_an_expired_token(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user, days=1)

    assert _authenticate(database, f"Bearer {text}", NOW + timedelta(hours=23, minutes=59))
    assert _authenticate(database, f"Bearer {text}", NOW + timedelta(days=1)) is None
    assert _authenticate(database, f"Bearer {text}", NOW + timedelta(days=400)) is None


def test_authenticate_refuses_the_token_of_a_closed_account(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user)
    with database.write() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        stored.is_active = False
        session.add(stored)
    assert _authenticate(database, f"Bearer {text}", NOW) is None


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Token {text}",
        "{text}",
        "Bearer {text} extra",
        "Bearer {text}x",
        "Bearer x{text}",
        "Bearer {upper}",
        "Bearer echo_{prefix}",
        "Bearer echo__{secret}",
        "Bearer\t{text}",
        "Bearer {text}\x00",
    ],
)
def test_authenticate_refuses_a_malformed_header(database: Database, header: str | None) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user)
    prefix, secret = text.split("_", 2)[1:]
    filled = (
        header.format(text=text, upper=text.upper(), prefix=prefix, secret=secret)
        if header is not None
        else None
    )
    assert _authenticate(database, filled, NOW) is None


def test_authenticate_refuses_a_huge_header_unread(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    _, text = _make(database, user)
    assert _authenticate(database, f"Bearer {text}" + " " * 10_000, NOW) is None
    assert _authenticate(database, "Bearer " + "x" * 10_240, NOW) is None
    assert api_tokens.parse_header("Bearer " + "x" * 10_240) is None


def test_authenticate_records_when_a_token_was_last_used_at_most_once_a_minute(
    database: Database,
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    token, text = _make(database, user)
    assert token.last_used_at is None

    _authenticate(database, f"Bearer {text}", NOW)
    assert _stored(database, token.id).last_used_at == NOW
    _authenticate(database, f"Bearer {text}", NOW + timedelta(seconds=59))
    assert _stored(database, token.id).last_used_at == NOW
    _authenticate(database, f"Bearer {text}", NOW + timedelta(seconds=60))
    assert _stored(database, token.id).last_used_at == NOW + timedelta(seconds=60)


def test_the_token_list_shows_when_a_token_was_last_used(
    bare_client: TestClient, database: Database, owner: User
) -> None:
    now = utcnow()
    _, text = _make(database, owner, now=now)
    _authenticate(database, f"Bearer {text}", now)
    page = bare_client.get("/me/tokens").text
    assert f'<td data-label="Last used">{format_in_zone(now, "America/Denver")}</td>' in page


def test_tokens_are_listed_newest_first_and_only_the_owners(database: Database) -> None:
    with database.write() as session:
        user, other = factories.create_user(session), factories.create_user(session)
    first, _ = _make(database, user, now=NOW)
    second, _ = _make(database, user, now=NOW + timedelta(minutes=1))
    _make(database, other)
    with database.read() as session:
        assert user.id is not None
        listed = [t.id for t in api_tokens.tokens_of(session, user.id)]
    assert listed == [second.id, first.id]


def test_revoke_is_false_for_someone_elses_token(database: Database) -> None:
    with database.write() as session:
        user, other = factories.create_user(session), factories.create_user(session)
    token, _ = _make(database, user)
    with database.write() as session:
        assert other.id is not None and token.id is not None
        assert not api_tokens.revoke(session, user_id=other.id, token_id=token.id, now=NOW)
        assert not api_tokens.revoke(session, user_id=other.id, token_id=2_000_000, now=NOW)
    assert _stored(database, token.id).revoked_at is None


# --- rate limit ------------------------------------------------------------------------------


def _take(
    database: Database, token_id: int | None, now: datetime, per_minute: int = 3
) -> api_tokens.RateDecision:
    assert token_id is not None
    with database.write() as session:
        return api_tokens.take(session, token_id, now, per_minute=per_minute)


def test_rate_limit_allows_per_minute_requests_then_refuses_until_the_next_minute(
    database: Database,
) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    token, _ = _make(database, user)
    minute = NOW.replace(second=0)

    decisions = [_take(database, token.id, NOW + timedelta(seconds=s)) for s in (0, 5, 10, 20)]

    assert [(d.allowed, d.remaining) for d in decisions] == [
        (True, 2),
        (True, 1),
        (True, 0),
        (False, 0),
    ]
    assert {d.reset_at for d in decisions} == {minute + timedelta(minutes=1)}
    fresh = _take(database, token.id, minute + timedelta(minutes=1))
    assert (fresh.allowed, fresh.remaining) == (True, 2)
    assert fresh.reset_at == minute + timedelta(minutes=2)


def test_rate_limit_counts_each_token_apart(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    one, _ = _make(database, user)
    two, _ = _make(database, user)
    for _ in range(3):
        _take(database, one.id, NOW)
    assert not _take(database, one.id, NOW).allowed
    assert _take(database, two.id, NOW).allowed


def test_rate_limit_forgets_windows_older_than_ten_minutes(database: Database) -> None:
    with database.write() as session:
        user = factories.create_user(session)
    token, _ = _make(database, user)
    _take(database, token.id, NOW - timedelta(minutes=30))
    _take(database, token.id, NOW - timedelta(minutes=5))

    _take(database, token.id, NOW)  # opens a window: old ones go

    with database.read() as session:
        starts = sorted(w.window_start for w in session.exec(select(ApiRateWindow)))
    minute = NOW.replace(second=0)
    assert starts == [minute - timedelta(minutes=5), minute]


def test_rate_limit_counts_every_request_made_at_once_from_many_connections(
    database: Database,
) -> None:
    """Separate connections stand for separate processes: the count lives in the database
    and each request adds one atomically, so none is lost and exactly the limit passes."""
    with database.write() as session:
        user = factories.create_user(session)
    token, _ = _make(database, user)
    allowed: list[bool] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(5):
            decision = _take(database, token.id, NOW, per_minute=12)
            with lock:
                allowed.append(decision.allowed)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert (allowed.count(True), allowed.count(False)) == (12, 8)
    with database.read() as session:
        window = session.exec(select(ApiRateWindow)).one()
    assert window.count == 20
