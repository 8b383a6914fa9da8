"""Every route in the app's route table, as every role, with hostile values.

For each route: anonymous and each demo account; the real ids and slugs of the demo
world, then each path parameter replaced by hostile values, each query parameter the
site uses set to hostile values, and for POST routes every field of every form the pages
offer (found by reading the pages, as a browser would) set in turn to each hostile value.
Asserted: no 5xx answer, nothing logged at ERROR or with a traceback, and no row written
by a refused (4xx) request. POST routes each start from a fresh copy of the demo world.
The totals are printed (``-s`` shows them) for the issue's record.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from starlette.routing import BaseRoute, Mount, Route
from starlette.testclient import TestClient

from echo import demo, migrate, reminders
from echo.app import create_app
from echo.cme.issuing import issuer_for
from echo.db import Database, make_engine
from echo.jobs import JobFailure
from echo.models import metadata
from echo.notify import outbox
from echo.notify.delivery import FileBackend
from echo.programs.models import ProgramSession
from echo.security.passwords import Passwords
from echo.settings import Settings
from echo.timeutil import utcnow
from tests.conftest import CHEAP_HASHING, test_settings
from tests.fuzz.pages import FoundForm, forms_on
from tests.helpers import CSRF_PATTERN, DEMO_PASSWORD

ROLES: tuple[str | None, ...] = (None, *(person.email for person in demo.PEOPLE))

# Values a careless or hostile client sends: past the database's integers, digits that are
# not ASCII, dates at the ends of the calendar, line breaks and NUL in one-line fields,
# huge text, spreadsheet formulas, markup, and choices no form offers.
HOSTILE_VALUES: tuple[str, ...] = (
    "",
    "-1",
    "0",
    "99999999999999999999",
    "9223372036854775808",
    "\u00b2",  # superscript two: str.isdigit() says yes, int() says no
    "9999-12-31",
    "0001-01-01",
    "Peds\r\nInjected: yes",
    "a\x00b",
    "x" * 20_000,
    '=HYPERLINK("https://evil.example","x")',
    "<script>alert(1)</script>",
    "not-a-choice",
    "1e309",
    "NaN",
)
# Sent where a role is refused before any input is read (a page they may not open, a form
# they are not offered): enough to catch a parser that runs before the permission check.
FEW_HOSTILE_VALUES = ("99999999999999999999", "\u00b2", "9999-12-31", "Peds\r\nInjected: yes")
# Request headers the app reads (conditional requests, proxies, htmx, the user agent kept
# with a login session), sent with hostile values on every page a role can open.
HOSTILE_HEADERS = (
    "if-none-match",
    "if-modified-since",
    "user-agent",
    "x-forwarded-for",
    "hx-request",
    "hx-target",
    "accept-language",
)
HOSTILE_INT_PATHS = (
    "0",
    "2147483648",
    "9223372036854775808",
    "99999999999999999999",
    "00000000000000000001",
    "-1",
    "\u00b2",
)
HOSTILE_TEXT_PATHS = ("\u00b2", "x" * 2000, "a%0D%0Ab", "a%00b", "%3Cb%3E", "..", "-1")
# Query parameters the pages link with, plus any the code reads (found in the source, so a
# new one is fuzzed without editing this file).
SOURCE_QUERY = re.compile(r"query_params\.get\(\s*\"([a-z_]+)\"")
# Rows that a refused request may legitimately write: failed-login throttling and the
# login session's "last seen" time.
BOOKKEEPING_TABLES = {"login_throttle", "login_session"}
SKIPPED_PATHS = {"/static"}
# Columns that hold CRLF by their format: iCalendar invitations (RFC 5545 line ends).
BINARY_OR_CRLF_COLUMNS = {("outbox_message", "calendar")}


@dataclass
class Tally:
    requests: int = 0
    by_status: Counter[int] = field(default_factory=Counter)
    # (what went wrong, method and route) -> how often, and the first request that showed it
    failures: dict[tuple[str, str], tuple[int, str]] = field(default_factory=dict)
    routes: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    seconds: Counter[str] = field(default_factory=Counter)

    def fail(self, problem: str, route: str, example: str) -> None:
        count, first = self.failures.get((problem, route), (0, example))
        self.failures[(problem, route)] = (count + 1, first)

    def report(self) -> list[str]:
        return [
            f"{count} x {problem} on {route}, e.g. {example}"
            for (problem, route), (count, example) in sorted(self.failures.items())
        ]


class ErrorLog(logging.Handler):
    """Every ERROR record, and every record with a traceback, while the fuzzer runs."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR or record.exc_info:
            self.records.append(record)


class World:
    """A copy of the demo database with its app and one logged-in client per role."""

    def __init__(self, template: Path, folder: Path, settings_for: Any) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "echo.sqlite3"
        shutil.copyfile(template, self.path)
        self.settings: Settings = settings_for(f"sqlite:///{self.path}", folder)
        self.app = create_app(self.settings)
        self.engine = sa.create_engine(f"sqlite:///{self.path}")
        self._clients: dict[str | None, TestClient] = {}
        self._csrf: dict[str | None, str] = {}
        self.last_fingerprint = ""  # as of the last POST; a re-login clears it
        # SQLite's data_version changes when another connection commits: a cheap way to
        # know that nothing was written, before digesting every table.
        self._watch = sqlite3.connect(self.path)
        self._version = -1

    def client(self, role: str | None) -> TestClient:
        if role not in self._clients:
            client = TestClient(self.app, follow_redirects=False, raise_server_exceptions=False)
            client.__enter__()
            self._clients[role] = client
            if role is not None:
                self._login(client, role)
            else:
                self._csrf[role] = _csrf(client.get("/login").text)
        return self._clients[role]

    def _login(self, client: TestClient, role: str) -> None:
        with self.engine.begin() as connection:
            # Fuzzed logins with bad passwords throttle the test client's address.
            connection.execute(sa.text("DELETE FROM login_throttle"))
        token = _csrf(client.get("/login").text)
        answer = client.post(
            "/login", data={"email": role, "password": DEMO_PASSWORD, "csrf_token": token}
        )
        assert answer.status_code == 303, f"{role} cannot log in: {answer.status_code}"
        self._csrf[role] = _csrf(client.get("/me/profile").text)

    def csrf(self, role: str | None) -> str:
        self.client(role)
        return self._csrf[role]

    def relogin_if_needed(self, role: str | None) -> None:
        """A fuzzed POST may have logged the role out (logout, a password change)."""
        if role is None:
            return
        client = self.client(role)
        if client.get("/me/profile").status_code != 200:
            client.cookies.clear()
            with self.engine.begin() as connection:
                # Put the demo password back if a fuzzed form changed it.
                hashed = Passwords(**_cheap()).hash(DEMO_PASSWORD)
                connection.execute(
                    sa.text("UPDATE user_account SET password_hash = :h WHERE email = :e"),
                    {"h": hashed, "e": role},
                )
            self._login(client, role)
            self.last_fingerprint = ""

    def unchanged(self) -> bool:
        """Whether nothing was committed since the last call."""
        version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        same, self._version = version == self._version, version
        return same

    def fingerprint(self) -> str:
        """A digest of every row outside the bookkeeping tables."""
        digest = hashlib.sha256()
        with self.engine.connect() as connection:
            for table in metadata.sorted_tables:
                if table.name in BOOKKEEPING_TABLES:
                    continue
                rows = connection.execute(sa.select(table).order_by(*table.primary_key)).all()
                digest.update(table.name.encode())
                digest.update(repr(rows).encode())
        return digest.hexdigest()

    def close(self) -> None:
        for client in self._clients.values():
            client.__exit__(None, None, None)
        self._watch.close()
        self.engine.dispose()


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive UTC times."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _cheap() -> dict[str, int]:
    return {
        "time_cost": CHEAP_HASHING["argon2_time_cost"],
        "memory_kib": CHEAP_HASHING["argon2_memory_kib"],
    }


def _csrf(html: str) -> str:
    match = CSRF_PATTERN.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def _routes(routes: list[BaseRoute], prefix: str = "") -> Iterator[Route]:
    for route in routes:
        if isinstance(route, Mount):
            if prefix + route.path not in SKIPPED_PATHS:
                yield from _routes(list(route.routes), prefix + route.path)
        elif isinstance(route, Route):
            yield route


def _real_values(engine: sa.Engine) -> dict[str, list[str]]:
    """Real path values of the demo world, by parameter name."""
    queries = {
        "session_id": "SELECT id FROM program_session ORDER BY starts_at",
        "case_id": "SELECT id FROM case_consult ORDER BY id",
        "slug": "SELECT slug FROM program ORDER BY id",
        "program": "SELECT slug FROM program ORDER BY id",
        "hub": "SELECT slug FROM hub ORDER BY id",
        "membership_id": "SELECT id FROM hub_membership ORDER BY id",
        "enrollment_id": "SELECT id FROM enrollment ORDER BY id",
        "unmatched_id": "SELECT id FROM attendance_unmatched ORDER BY id",
        "user_id": "SELECT user_id FROM enrollment ORDER BY id",
        "email_id": "SELECT id FROM user_email ORDER BY id",
        "batch_id": "SELECT id FROM cme_issue_batch ORDER BY id",
        "message_id": "SELECT id FROM outbox_message ORDER BY id",
        "code": "SELECT code FROM cme_certificate ORDER BY id",
        "endpoint_id": "SELECT id FROM webhook_endpoint ORDER BY id",
        "delivery_id": "SELECT id FROM webhook_delivery ORDER BY id",
    }
    found: dict[str, list[str]] = {}
    with engine.connect() as connection:
        for name, query in queries.items():
            values = [str(row[0]) for row in connection.execute(sa.text(query))]
            # The first, one in the middle and the last: each program and state is reached.
            picked = list(dict.fromkeys(values[:1] + values[len(values) // 2 :][:1] + values[-1:]))
            found[name] = picked or ["1"]
    found["token"] = ["not-a-token"]
    return found


def _fill(route: Route, values: dict[str, str]) -> str:
    path = route.path
    for name in route.param_convertors:
        path = re.sub(r"\{" + name + r"(:[a-z]+)?\}", lambda _m, n=name: values[n], path)
    return path


def _real_paths(route: Route, real: dict[str, list[str]]) -> list[str]:
    names = list(route.param_convertors)
    if not names:
        return [route.path]
    count = max(len(real.get(name, ["1"])) for name in names)
    return [
        _fill(route, {n: real.get(n, ["1"])[min(i, len(real.get(n, ["1"])) - 1)] for n in names})
        for i in range(count)
    ]


def _hostile_paths(route: Route, real: dict[str, list[str]]) -> list[str]:
    paths = []
    for name in route.param_convertors:
        for value in (*HOSTILE_INT_PATHS, *HOSTILE_TEXT_PATHS):
            values = {n: real.get(n, ["1"])[0] for n in route.param_convertors}
            values[name] = value if "%" in value else quote(value, safe="")
            paths.append(_fill(route, values))
    return paths


def _route_for(routes: list[Route], path: str, method: str) -> Route | None:
    for route in routes:
        if route.path_regex.fullmatch(path) and method in (route.methods or {"GET"}):
            return route
    return None


def _query_names(pages: dict[str, str]) -> list[str]:
    names = set()
    for source in Path("echo").rglob("*.py"):
        names.update(SOURCE_QUERY.findall(source.read_text(encoding="utf-8")))
    for html in pages.values():
        names.update(re.findall(r"[?&;]([a-z_]+)=", html))
    return sorted(names - {"csrf_token"})


class Fuzzer:
    def __init__(self, template: Path, scratch: Path, settings_for: Any, log: ErrorLog) -> None:
        self.template = template
        self.scratch = scratch
        self.settings_for = settings_for
        self.log = log
        self.tally = Tally()
        self.worlds = 0
        self.started = time.monotonic()

    def world(self) -> World:
        self.worlds += 1
        return World(self.template, self.scratch / f"world-{self.worlds}", self.settings_for)

    def send(
        self,
        world: World,
        role: str | None,
        method: str,
        path: str,
        route: Route,
        value: str,
        data: dict[str, Any] | None = None,
        files: dict[str, Any] | None = None,
        headers: dict[str, bytes] | None = None,
    ) -> int:
        started = time.monotonic()
        if method == "POST" and (not world.last_fingerprint or not world.unchanged()):
            world.last_fingerprint = world.fingerprint()
        before = world.last_fingerprint
        logged = len(self.log.records)
        client = world.client(role)
        answer = (
            client.get(path, headers=headers)
            if method == "GET"
            else client.post(path, data=data, files=files, headers=headers)
        )
        status = answer.status_code
        name = f"{method} {route.path}"
        self.tally.requests += 1
        self.tally.by_status[status] += 1
        self.tally.routes.add(name)
        self.tally.values.add(value)
        self.tally.roles.add(str(role))
        where = f"{path[:100]} as {role or 'anonymous'} with {value[:30]!r}"
        if status >= 500:
            self.tally.fail(f"answer {status}", name, where)
        for record in self.log.records[logged:]:
            self.tally.fail(f"logged {record.levelname} {record.getMessage()[:80]!r}", name, where)
        if method == "POST":
            if not world.unchanged():
                world.last_fingerprint = world.fingerprint()
            if 400 <= status < 500 and world.last_fingerprint != before:
                self.tally.fail(f"refused with {status} but wrote rows", name, where)
            if world.settings.session_cookie_name in answer.headers.get("set-cookie", ""):
                world.relogin_if_needed(role)  # logged out, or a new password
        self.tally.seconds[name] += time.monotonic() - started
        return status


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo world as `make run` loads it (with certificates issued), migrated once."""
    folder = tmp_path_factory.mktemp("fuzz-template")
    path = folder / "echo.sqlite3"
    settings = test_settings(f"sqlite:///{path}", folder)
    engine = make_engine(settings)
    migrate.upgrade(engine)
    engine.dispose()
    database = Database(settings)
    passwords = Passwords(CHEAP_HASHING["argon2_time_cost"], CHEAP_HASHING["argon2_memory_kib"])
    with database.write() as session:
        demo.load(session, passwords, issuer=issuer_for(settings))
    database.dispose()
    return path


def test_no_route_answers_5xx_logs_an_error_or_writes_when_refused(
    demo_template: Path, tmp_path: Path
) -> None:
    started = time.monotonic()

    def settings_for(url: str, folder: Path) -> Settings:
        return test_settings(url, folder)  # the demo's signing keys are in the database

    log = ErrorLog()
    root = logging.getLogger()
    root.addHandler(log)
    fuzzer = Fuzzer(demo_template, tmp_path, settings_for, log)
    try:
        _run(fuzzer)
    finally:
        root.removeHandler(log)
    tally = fuzzer.tally
    elapsed = time.monotonic() - started
    print(
        f"\nroute fuzzer: {len(tally.routes)} routes x {len(tally.roles)} roles x "
        f"{len(tally.values)} values -> {tally.requests} requests in {elapsed:.0f} s; "
        f"answers {dict(sorted(tally.by_status.items()))}; "
        f"{tally.by_status[500]} answered 500; {len(tally.failures)} kinds of failure"
    )
    slowest = ", ".join(f"{n} {s:.0f} s" for n, s in tally.seconds.most_common(8))
    print(f"route fuzzer: slowest routes: {slowest}")
    report = tally.report()
    assert not report, "\n".join(report)


def _run(fuzzer: Fuzzer) -> None:
    reader = fuzzer.world()
    routes = list(_routes(list(reader.app.routes)))
    real = _real_values(reader.engine)
    pages: dict[str, str] = {}
    forms: dict[tuple[str, str], dict[tuple[object, ...], FoundForm]] = {}
    # GET routes: read as every role with real values (collecting the forms each role is
    # offered), then with hostile path and query values.
    gets = [r for r in routes if "GET" in (r.methods or set())]
    opened: set[tuple[str | None, str]] = set()  # (role, route) answered 200
    for role in ROLES:
        for route in gets:
            for path in _real_paths(route, real):
                status = fuzzer.send(reader, role, "GET", path, route, "(real)")
                if status == 200:
                    opened.add((role, route.path))
                answer = reader.client(role).get(path) if status == 200 else None
                if answer is None or "html" not in answer.headers.get("content-type", ""):
                    continue
                pages[f"{role} {path}"] = answer.text
                for form in forms_on(path, answer.text):
                    target = _route_for(routes, form.action, form.method.upper())
                    if target is not None and form.method == "post":
                        forms.setdefault((str(role), target.path), {})[form.key()] = form
    print(f"\nfuzzer: real GETs {time.monotonic() - fuzzer.started:.0f} s")
    query_names = _query_names(pages)
    for role in ROLES:
        for route in gets:
            for path in _hostile_paths(route, real):
                fuzzer.send(reader, role, "GET", path, route, path.rsplit("/", 1)[-1])
            base = _real_paths(route, real)[0]
            values = HOSTILE_VALUES if (role, route.path) in opened else FEW_HOSTILE_VALUES
            for value in values:
                # Long values are cut so the whole URL stays under clients' 64 KiB limit.
                text = quote(value[:2000], safe="")
                query = "&".join(f"{name}={text}" for name in query_names)
                fuzzer.send(reader, role, "GET", f"{base}?{query}", route, value)
            if (role, route.path) in opened:
                for value in FEW_HOSTILE_VALUES:
                    raw = value.encode()  # as a client sends them: UTF-8 bytes
                    headers = dict.fromkeys(HOSTILE_HEADERS, raw.replace(b"\r\n", b" "))
                    fuzzer.send(reader, role, "GET", base, route, value, headers=headers)
    reader.close()
    print(f"fuzzer: hostile GETs done {time.monotonic() - fuzzer.started:.0f} s")
    # POST routes: each from a fresh world.
    every_field = sorted({n for found in forms.values() for f in found.values() for n in f.fields})
    posts = [r for r in routes if "POST" in (r.methods or set())]
    for route in posts:
        world = fuzzer.world()
        try:
            _fuzz_post_route(fuzzer, world, route, real, forms, every_field)
        finally:
            world.close()
    print(f"fuzzer: POST routes done {time.monotonic() - fuzzer.started:.0f} s")
    world = fuzzer.world()
    try:
        _read_back(fuzzer, world, gets, posts, real, forms)
    finally:
        world.close()
    print(f"fuzzer: read-back done {time.monotonic() - fuzzer.started:.0f} s")


# What a form may store (it passes the field's checks) and later pages, feeds, emails and
# exports must still handle.
STORABLE_VALUES = ('=HYPERLINK("https://evil.example","x")', "a\x00b", "Peds\r\nInjected: yes")


def _read_back(
    fuzzer: Fuzzer,
    world: World,
    gets: list[Route],
    posts: list[Route],
    real: dict[str, list[str]],
    forms: dict[tuple[str, str], dict[tuple[object, ...], FoundForm]],
) -> None:
    """One world where every form gets the storable hostile values, field after field,
    each kept when the form accepts it (so the world ends up with as many of them stored
    as the forms allow, line breaks last); then every page as every role, the reminder
    pass at each upcoming session, and the mail worker: nothing stored may break a page,
    an email or a job later."""
    # Forms that take things away (a member, a login, a password) go last, so they do not
    # make the others refuse everything (a program's lead removed from the hub, say).
    taking_away = ("remove", "logout", "withdraw", "site-admin", "password")
    for route in sorted(posts, key=lambda r: any(word in r.path for word in taking_away)):
        for role in ROLES:
            offered = list(forms.get((str(role), route.path), {}).values())
            if not offered:
                continue
            for form in offered:
                for value in STORABLE_VALUES:
                    kept: dict[str, str] = {}
                    for name in form.fields:
                        data, files = _submission(world, role, form, {**kept, name: value})
                        status = fuzzer.send(
                            world, role, "POST", form.action, route, value, data, files
                        )
                        if status < 400:
                            kept[name] = value
            break  # the first role offered the form stores; the others read
    real = _real_values(world.engine)  # what was stored may have renamed a program
    for role in ROLES:
        for route in gets:
            for path in _real_paths(route, real):
                fuzzer.send(world, role, "GET", path, route, "(read back)")
    logged = len(fuzzer.log.records)
    database = Database(world.settings)
    try:
        with world.engine.connect() as connection:
            starts = [
                row[0]
                for row in connection.execute(
                    sa.select(ProgramSession.starts_at).where(  # type: ignore[call-overload]
                        ProgramSession.starts_at > utcnow()
                    )
                )
            ]
        for start in [utcnow(), *(as_utc(s) - timedelta(minutes=30) for s in starts[:6])]:
            reminders.run(database, world.settings, start)
        counts = outbox.run_once(database, FileBackend(world.settings.var_dir / "mail"), "fuzz")
    finally:
        database.dispose()
    where = "the reminder pass and the mail worker after the read-back"
    for record in fuzzer.log.records[logged:]:
        fuzzer.tally.fail(f"logged {record.levelname} {record.getMessage()[:80]!r}", where, "")
    if counts.failed:
        fuzzer.tally.fail(f"{counts.failed} emails could not be built or sent", where, "")
    with world.engine.connect() as connection:
        skipped = connection.execute(sa.select(JobFailure.job, JobFailure.error)).all()  # type: ignore[call-overload]
        for job, error in skipped:
            fuzzer.tally.fail(f"job item skipped: {error}", job, "")
        for table in metadata.sorted_tables:
            for column in table.columns:
                if (table.name, column.name) in BINARY_OR_CRLF_COLUMNS:
                    continue
                if not isinstance(column.type, sa.String):
                    continue
                # instr(x, char(0)): a NUL in a LIKE pattern would end the pattern (SQLite).
                found = connection.execute(
                    sa.select(sa.func.count()).where(
                        (sa.func.instr(column, sa.func.char(0)) > 0)
                        | (sa.func.instr(column, sa.func.char(13)) > 0)
                    )
                ).scalar()
                if found:
                    fuzzer.tally.fail(
                        f"{found} rows keep CR or NUL", f"{table.name}.{column.name}", ""
                    )


def _fuzz_post_route(
    fuzzer: Fuzzer,
    world: World,
    route: Route,
    real: dict[str, list[str]],
    forms: dict[tuple[str, str], dict[tuple[object, ...], FoundForm]],
    every_field: list[str],
) -> None:
    offered = {role: list(forms.get((str(role), route.path), {}).values()) for role in ROLES}
    seen_anywhere = [f for found in offered.values() for f in found]
    fully_fuzzed = False
    for role in ROLES:
        own = offered[role]
        if own and not fully_fuzzed:
            # The first role offered the form: every field in turn, every hostile value.
            fully_fuzzed = True
            for form in own:
                for name in [*form.fields, *form.files]:
                    for value in HOSTILE_VALUES:
                        data, files = _submission(world, role, form, {name: value})
                        fuzzer.send(world, role, "POST", form.action, route, value, data, files)
            continue
        # Other roles (offered the form or not): every field hostile at once, per value;
        # forms seen by nobody get every field name any form uses.
        templates = own or seen_anywhere or [_blank_form(route, real, every_field)]
        for form in templates[: 2 if own else 1]:
            for value in HOSTILE_VALUES if own else FEW_HOSTILE_VALUES:
                data, files = _submission(
                    world, role, form, dict.fromkeys([*form.fields, *form.files], value)
                )
                fuzzer.send(world, role, "POST", form.action, route, value, data, files)
        for path in _hostile_paths(route, real):
            form = templates[0]
            data, files = _submission(world, role, form, {})
            fuzzer.send(world, role, "POST", path, route, path.rsplit("/", 1)[-1], data, files)


def _blank_form(route: Route, real: dict[str, list[str]], names: list[str]) -> FoundForm:
    form = FoundForm(_real_paths(route, real)[0], "post")
    form.fields = {name: [""] for name in names if name != "csrf_token"}
    return form


def _submission(
    world: World, role: str | None, form: FoundForm, overrides: dict[str, str]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    data: dict[str, Any] = {}
    for name, defaults in form.fields.items():
        if name in overrides:
            data[name] = overrides[name]
        elif defaults:
            data[name] = defaults if len(defaults) > 1 else defaults[0]
    data["csrf_token"] = world.csrf(role)
    files = {
        name: ("report.csv", overrides.get(name, "Name,Email\n").encode("utf-8", "replace"))
        for name in form.files
    }
    for name in form.files:
        data.pop(name, None)
    return data, files or None
