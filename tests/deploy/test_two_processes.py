"""Two `echo-lms serve` processes behind nginx, and two `echo-lms worker` processes, on one
PostgreSQL database: nothing one process needs lives in another's memory.

The deployment of docs/deployment.md, made small: a scratch database migrated with
`echo-lms db upgrade`; two app processes on ports of their own (same ECHO_SECRET_KEY and
ECHO_BASE_URL, ECHO_TRUST_FORWARDED_FOR on); nginx in front, round robin over both, with
the guide's proxy headers. Each test then does something that only works when the
processes share what they know through the database: a login made through the proxy used
on each process directly, a CSRF token from one used on the other, a logout on one ending
the session on the other, failed logins counted across both, an API token's rate limit
counted across both, simultaneous check-ins on both, and two mail workers on one outbox.

Needs PostgreSQL (``ECHO_TEST_POSTGRES_URL``, as the other PostgreSQL tests) and nginx
(Debian: ``apt-get install nginx``). Without nginx the tests are skipped, unless
``ECHO_TEST_REQUIRE_PROXY=1`` (set by .ci/run), in which case they fail.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from httpx2 import Client, Response
from sqlmodel import col, select

from echo.accounts import api_tokens
from echo.accounts.models import LoginThrottle, User
from echo.attendance.models import CheckIn
from echo.db import Database
from echo.notify import outbox
from echo.notify.models import OutboxMessage
from echo.notify.outbox import Message
from echo.timeutil import utcnow
from tests import factories
from tests.conftest import (
    CHEAP_HASHING,
    TEST_SECRET,
    create_scratch_database,
    drop_scratch_database,
    test_settings,
)
from tests.deploy.cluster import (
    HOST,
    Process,
    check_nginx_config,
    echo_lms,
    find_nginx,
    free_port,
    nginx_process,
    run_cli,
    tail,
    wait_ready,
)
from tests.helpers import CSRF_PATTERN

pytestmark = pytest.mark.postgres

REQUIRE_PROXY = os.environ.get("ECHO_TEST_REQUIRE_PROXY") == "1"
FREE_FAILURES = 3  # ECHO_LOGIN_FREE_FAILURES for the app processes
CLIENT_FREE_FAILURES = FREE_FAILURES * 4  # echo.accounts.services.CLIENT_FAILURE_MULTIPLIER
RATE_PER_MINUTE = 6  # ECHO_API_RATE_PER_MINUTE for the app processes
CHECKING_IN = 12  # participants who check in through both processes at once
MESSAGES = 150  # three of the worker's batches (echo.notify.outbox.BATCH = 50)
MEETING_URL = "https://meeting.example.org/j/987654321"
THROTTLED = "Too many failed attempts"
WRONG = "The email or password is not right"


@dataclass(frozen=True)
class World:
    program_slug: str
    session_id: int
    learner: str  # email; every account's password is factories.PASSWORD
    throttled: str
    client_throttled: str
    checking_in: list[tuple[int, str]]  # (user id, email)
    api_token: str


@dataclass
class Deployment:
    proxy: str
    apps: list[str]  # the two app processes, directly
    processes: list[Process]
    env: dict[str, str]
    folder: Path
    database: Database
    world: World

    def app_log(self, upstream: str) -> str:
        """The output of the app process listening on ``upstream`` (host:port)."""
        for url, process in zip(self.apps, self.processes, strict=False):
            if url.endswith(upstream):
                return process.log.read_text(errors="replace")
        raise LookupError(upstream)


def build_world(database: Database) -> World:
    """A hub, an open program with a meeting link, a session that started two minutes ago
    (check-in open, link shown) and its participants; an API token of one of them."""
    with database.write() as session:
        coordinator = factories.create_user(session, name="Casey Coordinator")
        hub = factories.create_hub(session, coordinator=coordinator)
        program = factories.create_program(session, hub, approval=False)
        factories.create_schedule(session, program, count=1, meeting_url=MEETING_URL)
        started = utcnow().replace(microsecond=0) - timedelta(minutes=2)
        meeting = factories.create_session(session, program, start=started, minutes=60)

        def participant(name: str) -> User:
            user = factories.create_user(session, name=name)
            factories.enroll(session, user, program)
            return user

        learner = participant("Lee Learner")
        throttled = participant("Tess Throttled")
        client_throttled = participant("Cleo Client")
        checking_in = [participant(f"Checking In {n:02d}") for n in range(CHECKING_IN)]
        _row, token = api_tokens.create(
            session,
            user_id=learner.id or 0,
            name="deployment test",
            write=False,
            hub_id=None,
            days=1,
            now=utcnow(),
        )
        return World(
            program_slug=program.slug,
            session_id=meeting.id or 0,
            learner=learner.email,
            throttled=throttled.email,
            client_throttled=client_throttled.email,
            checking_in=[(user.id or 0, user.email) for user in checking_in],
            api_token=token,
        )


@pytest.fixture(scope="module")
def nginx() -> str:
    found = find_nginx()
    if found is None:
        message = "nginx not found (Debian: apt-get install nginx)"
        if REQUIRE_PROXY:
            pytest.fail(f"ECHO_TEST_REQUIRE_PROXY=1 but {message}")
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def deployment(
    postgres_server_url: str, nginx: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("deployment")
    url = create_scratch_database(postgres_server_url)
    processes: list[Process] = []
    database: Database | None = None
    try:
        proxy_port, *app_ports = free_port(), free_port(), free_port()
        proxy = f"http://{HOST}:{proxy_port}"
        env = {key: value for key, value in os.environ.items() if not key.startswith("ECHO_")}
        env.update(
            ECHO_DATABASE_URL=url,
            ECHO_VAR_DIR=str(folder / "var"),
            ECHO_SECRET_KEY=TEST_SECRET,
            ECHO_BASE_URL=proxy,
            ECHO_TRUST_FORWARDED_FOR="true",
            ECHO_LOGIN_FREE_FAILURES=str(FREE_FAILURES),
            ECHO_API_RATE_PER_MINUTE=str(RATE_PER_MINUTE),
            ECHO_ARGON2_TIME_COST=str(CHEAP_HASHING["argon2_time_cost"]),
            ECHO_ARGON2_MEMORY_KIB=str(CHEAP_HASHING["argon2_memory_kib"]),
            PYTHONUNBUFFERED="1",
        )
        run_cli(env, "db", "upgrade")
        database = Database(test_settings(url, folder / "var"))
        world = build_world(database)
        for name, port in zip("AB", app_ports, strict=True):
            command = echo_lms("serve", "--host", HOST, "--port", str(port))
            process = Process(f"app {name}", command, env, folder / f"app-{name}.log")
            processes.append(process.start())
        check_nginx_config(nginx, folder / "nginx", port=proxy_port, upstreams=app_ports)
        processes.append(
            nginx_process(nginx, folder / "nginx", port=proxy_port, upstreams=app_ports).start()
        )
        apps = [f"http://{HOST}:{port}" for port in app_ports]
        for app in apps:
            wait_ready(f"{app}/readyz", processes)
        wait_ready(f"{proxy}/readyz", processes)
        yield Deployment(proxy, apps, processes, env, folder, database, world)
    finally:
        for process in reversed(processes):
            process.stop()
        if database is not None:
            database.dispose()
        drop_scratch_database(postgres_server_url, url)


# --- helpers ------------------------------------------------------------------------------


def csrf_of(answer: Response) -> str:
    assert answer.status_code == 200, answer.text[:500]
    found = CSRF_PATTERN.search(answer.text)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client: Client, base: str, email: str, password: str = factories.PASSWORD) -> Response:
    """The login form as a browser sends it: the page's token, then the POST."""
    token = csrf_of(client.get(f"{base}/login"))
    return client.post(
        f"{base}/login", data={"email": email, "password": password, "csrf_token": token}
    )


def login_error(answer: Response) -> str:
    """The message the login page shows (the page is 401 with it)."""
    assert answer.status_code == 401, (answer.status_code, answer.text[:300])
    for message in (THROTTLED, WRONG):
        if message in answer.text:
            return message
    raise AssertionError(f"no login error on the page: {answer.text[:500]}")


def session_path(world: World) -> str:
    return f"/sessions/{world.session_id}"


# --- the tests ----------------------------------------------------------------------------


def test_proxy_spreads_requests_over_both_processes_and_passes_its_request_id(
    deployment: Deployment,
) -> None:
    upstreams = {app.removeprefix("http://") for app in deployment.apps}
    with Client(timeout=10) as client:
        answers = [client.get(f"{deployment.proxy}/healthz") for _ in range(6)]
        static = client.get(f"{deployment.proxy}/static/css/echo.css")

    assert [answer.text for answer in answers] == ["ok"] * 6
    assert {answer.headers["x-upstream"] for answer in answers} == upstreams
    # nginx's $request_id (32 hex digits) is kept by Echo and written in the process's log.
    for answer in answers:
        request_id = answer.headers["x-request-id"]
        assert re.fullmatch(r"[0-9a-f]{32}", request_id), request_id
        assert request_id in deployment.app_log(answer.headers["x-upstream"])
    # Static files come from nginx itself, not from an app process.
    assert static.status_code == 200 and "x-upstream" not in static.headers
    assert static.content == (Path(__file__).parents[2] / "static/css/echo.css").read_bytes()


def test_a_login_made_through_the_proxy_holds_on_each_process_until_logout_on_one(
    deployment: Deployment,
) -> None:
    world = deployment.world
    first, second = deployment.apps
    with Client(timeout=10) as browser:
        answer = log_in(browser, deployment.proxy, world.learner)
        assert answer.status_code == 303, answer.text[:500]

        # The same cookies, straight to each process: both know who this is.
        for app in (first, second):
            page = browser.get(f"{app}/me/programs")
            assert page.status_code == 200, (app, page.status_code, page.headers)
            assert f"Signed in as {world.learner}." in page.text

        # A token from a page the first process rendered is good for a POST on the second.
        session_page = browser.get(f"{first}{session_path(world)}")
        assert MEETING_URL in session_page.text  # the join link, for this participant
        checked_in = browser.post(
            f"{second}{session_path(world)}/check-in", data={"csrf_token": csrf_of(session_page)}
        )
        assert checked_in.status_code == 303, checked_in.text[:500]
        assert checked_in.headers["location"].endswith("notice=checked-in")
        assert "You checked in at" in browser.get(f"{first}{session_path(world)}").text

        # Logging out on the second ends the login on the first as well.
        token = csrf_of(browser.get(f"{first}/me/programs"))
        assert browser.post(f"{second}/logout", data={"csrf_token": token}).status_code == 303
        after = browser.get(f"{first}/me/programs")
        assert after.status_code == 303
        assert after.headers["location"].startswith("/login?next=")


def test_failed_logins_count_across_both_processes(deployment: Deployment) -> None:
    """Three failures, one process then the other (the free allowance is three): the right
    password is then refused on either. Counted per process, neither would have seen more
    than two failures and the login would go through."""
    world = deployment.world
    first, second = deployment.apps
    address = {"X-Forwarded-For": "198.51.100.23"}  # one client, kept apart from other tests
    with Client(timeout=10, headers=address) as browser:
        failures = [
            login_error(log_in(browser, app, world.throttled, "not the password"))
            for app in (first, second, first)
        ]
        after = [log_in(browser, app, world.throttled) for app in (second, first)]

    assert failures == [WRONG] * FREE_FAILURES
    assert [login_error(answer) for answer in after] == [THROTTLED, THROTTLED]
    with deployment.database.read() as session:
        row = session.get(LoginThrottle, f"account:{world.throttled}")
        assert row is not None and row.failures == FREE_FAILURES
        assert row.blocked_until is not None and row.blocked_until > utcnow()


def test_failed_logins_from_one_address_count_across_both_processes(
    deployment: Deployment,
) -> None:
    """One client address tries many accounts, alternating between the processes; past the
    address's allowance even a right password from it is refused, on either process."""
    world = deployment.world
    apps = deployment.apps
    with Client(timeout=10, headers={"X-Forwarded-For": "203.0.113.99"}) as browser:
        failures = [
            login_error(log_in(browser, apps[n % 2], f"nobody{n}@example.org", "guess"))
            for n in range(CLIENT_FREE_FAILURES)
        ]
        after = [log_in(browser, app, world.client_throttled) for app in apps]
    with Client(timeout=10, headers={"X-Forwarded-For": "203.0.113.100"}) as elsewhere:
        from_elsewhere = log_in(elsewhere, apps[0], world.client_throttled)

    assert failures == [WRONG] * CLIENT_FREE_FAILURES
    assert [login_error(answer) for answer in after] == [THROTTLED, THROTTLED]
    assert from_elsewhere.status_code == 303  # the account itself was never throttled
    with deployment.database.read() as session:
        row = session.get(LoginThrottle, "client:203.0.113.99")
        assert row is not None and row.failures == CLIENT_FREE_FAILURES


def test_a_client_cannot_choose_its_address_through_the_proxy(deployment: Deployment) -> None:
    """nginx replaces X-Forwarded-For with the address it sees (docs/deployment.md): a forged
    header counts against the real client, so rotating it does not escape the back-off."""
    world = deployment.world
    with deployment.database.read() as session:
        before = session.get(LoginThrottle, "client:127.0.0.1")
        counted = before.failures if before is not None else 0
    forged = {"X-Forwarded-For": "192.0.2.77"}
    with Client(timeout=10, headers=forged) as browser:
        answer = log_in(browser, deployment.proxy, world.learner, "not the password")

    assert login_error(answer) == WRONG
    with deployment.database.read() as session:
        assert session.get(LoginThrottle, "client:192.0.2.77") is None
        after = session.get(LoginThrottle, "client:127.0.0.1")
        assert after is not None and after.failures == counted + 1


def test_simultaneous_failed_logins_on_both_processes_are_all_counted(
    deployment: Deployment,
) -> None:
    """Eight wrong passwords for one account at the same moment, half on each process: no
    500, and every failure that was checked (answered "not right") is counted. Attempts
    that arrive once the first three have set the back-off are refused unchecked ("too
    many"), and those are not counted: how many depends on timing."""
    with deployment.database.write() as session:
        email = factories.create_user(session, name="Sam Simultaneous").email
    attempts = 8
    start = threading.Barrier(attempts)

    def fail(n: int) -> Response:
        app = deployment.apps[n % 2]
        # Each from an address of its own: only the account's count is shared.
        with Client(timeout=30, headers={"X-Forwarded-For": f"192.0.2.{100 + n}"}) as browser:
            token = csrf_of(browser.get(f"{app}/login"))
            start.wait()
            return browser.post(
                f"{app}/login", data={"email": email, "password": "wrong", "csrf_token": token}
            )

    with ThreadPoolExecutor(attempts) as pool:
        answers = list(pool.map(fail, range(attempts)))

    said = [login_error(answer) for answer in answers]  # each a 401 with one of the two
    checked = said.count(WRONG)
    assert checked >= FREE_FAILURES, said
    with deployment.database.read() as session:
        row = session.get(LoginThrottle, f"account:{email}")
        assert row is not None and row.failures == checked, (row, said)


def wait_for_fresh_minute(margin_s: float = 15.0) -> None:
    """The rate limit counts per UTC minute: start with ``margin_s`` of it left at least."""
    second = utcnow().second + utcnow().microsecond / 1e6
    if second > 60 - margin_s:
        time.sleep(60.5 - second)


def test_an_api_tokens_rate_limit_counts_requests_to_both_processes(
    deployment: Deployment,
) -> None:
    """Ten requests to each process at once, one token, a limit of six a minute: six are
    answered in all, not six by each."""
    world = deployment.world
    headers = {"Authorization": f"Bearer {world.api_token}"}
    start = threading.Barrier(2)

    def hammer(app: str) -> list[Response]:
        with Client(base_url=app, timeout=10, headers=headers) as client:
            start.wait()
            return [client.get("/api/v1/programs") for _ in range(10)]

    wait_for_fresh_minute()
    with ThreadPoolExecutor(2) as pool:
        answers = [answer for batch in pool.map(hammer, deployment.apps) for answer in batch]

    statuses = Counter(answer.status_code for answer in answers)
    assert statuses == {200: RATE_PER_MINUTE, 429: 20 - RATE_PER_MINUTE}, statuses
    for answer in answers:
        if answer.status_code == 429:
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.json()["title"] == "Too many requests"
            assert 1 <= int(answer.headers["retry-after"]) <= 61
        else:
            assert world.program_slug in {item["slug"] for item in answer.json()["items"]}


def test_check_ins_sent_to_both_processes_at_once_record_one_row_each(
    deployment: Deployment,
) -> None:
    """Each participant, signed in through the proxy, presses "Check in" on both processes
    at the same moment, twice: every answer says checked in, one row per person."""
    world = deployment.world
    path = f"{session_path(world)}/check-in"
    browsers: list[tuple[Client, str]] = []
    try:
        for _user_id, email in world.checking_in:
            browser = Client(timeout=30)
            browsers.append((browser, ""))
            assert log_in(browser, deployment.proxy, email).status_code == 303
            token = csrf_of(browser.get(f"{deployment.proxy}{session_path(world)}"))
            browsers[-1] = (browser, token)
        presses = [
            (browser, f"{app}{path}", token)
            for browser, token in browsers
            for app in deployment.apps * 2
        ]
        start = threading.Barrier(len(presses))

        def press(item: tuple[Client, str, str]) -> Response:
            browser, url, token = item
            start.wait()
            return browser.post(url, data={"csrf_token": token})

        with ThreadPoolExecutor(len(presses)) as pool:
            answers = list(pool.map(press, presses))
    finally:
        for browser, _token in browsers:
            browser.close()

    outcomes = Counter((answer.status_code, answer.headers.get("location")) for answer in answers)
    expected = f"{session_path(world)}?notice=checked-in"
    assert outcomes == {(303, expected): len(presses)}, outcomes
    user_ids = [user_id for user_id, _email in world.checking_in]
    with deployment.database.read() as session:
        rows = session.exec(
            select(CheckIn.user_id).where(
                col(CheckIn.session_id) == world.session_id, col(CheckIn.user_id).in_(user_ids)
            )
        ).all()
    assert sorted(rows) == sorted(user_ids)  # each once: none lost, none twice


def test_two_workers_deliver_each_queued_message_once(deployment: Deployment) -> None:
    """Two `echo-lms worker` services on one outbox, writing .eml files to one folder (the
    file backend names each file after its message's id): every message is written once
    and marked sent, by one worker or the other."""
    database = deployment.database
    with database.write() as session:
        for n in range(MESSAGES):
            outbox.enqueue(
                session,
                Message(
                    to=f"learner{n % 9}@example.org",
                    subject=f"Deployment message {n}",
                    text=f"Message {n}\n",
                    html=f"<p>Message {n}</p>",
                    dedupe_key=f"deployment-test-{n}",
                ),
            )
    with database.read() as session:
        ours = {
            message_id
            for message_id in session.exec(
                select(OutboxMessage.id).where(
                    col(OutboxMessage.dedupe_key).startswith("deployment-test-")
                )
            ).all()
            if message_id is not None
        }
    assert len(ours) == MESSAGES
    mail = deployment.folder / "var" / "mail"
    workers = [
        Process(f"worker {n}", echo_lms("worker"), deployment.env, deployment.folder / f"w{n}.log")
        for n in (1, 2)
    ]
    try:
        for worker in workers:
            worker.start()
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline:
            for worker in workers:
                worker.check_running()
            with database.read() as session:
                waiting = session.exec(
                    select(sa.func.count())
                    .select_from(OutboxMessage)
                    .where(col(OutboxMessage.id).in_(ours), col(OutboxMessage.status) != "sent")
                ).one()
            if waiting == 0:
                break
            time.sleep(0.2)
        else:
            logs = "\n".join(f"--- {w.name}:\n{tail(w.log)}" for w in workers)
            pytest.fail(f"{waiting} of {MESSAGES} messages still unsent after 45 s\n{logs}")
    finally:
        for worker in workers:
            worker.stop()

    written = Counter(int(path.stem.rpartition("-")[2]) for path in mail.glob("*.eml"))
    assert {message_id: written[message_id] for message_id in ours} == dict.fromkeys(ours, 1)
    assert max(written.values()) == 1  # nor anything else twice (a reminder, say)
    with database.read() as session:
        rows = session.exec(select(OutboxMessage).where(col(OutboxMessage.id).in_(ours))).all()
    assert {row.status for row in rows} == {"sent"}
    senders = Counter(row.lease_owner for row in rows)
    print(f"{MESSAGES} messages sent once each; by worker: {dict(senders)}")
    pids = {str(worker.pid) for worker in workers}
    assert {owner.rpartition("-")[2] for owner in senders} <= pids
