"""`echo-lms`: the command line. Thin: parse, call a service, print. Exit 2 on bad input."""

from __future__ import annotations

import argparse
import getpass
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import ValidationError

from echo import __version__
from echo.settings import Settings, SettingsError, load_settings
from echo.web.params import Invalid, calendar_date, time_zone

if TYPE_CHECKING:  # imported lazily below so `echo-lms --help` starts fast
    from echo.db import Database
    from echo.notify.delivery import Backend
    from echo.security.passwords import Passwords

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A problem the person can fix; printed without a traceback."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _database(settings: Settings) -> Database:
    from echo.db import Database

    return Database(settings)


def cmd_db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    from echo import migrate

    database = _database(settings)
    migrate.upgrade(database.engine, args.revision)
    print(f"Database at revision {migrate.current_revision(database.engine)}.")
    return EXIT_OK


def cmd_db_downgrade(args: argparse.Namespace, settings: Settings) -> int:
    from alembic.util.exc import CommandError as AlembicError

    from echo import migrate

    database = _database(settings)
    try:
        migrate.downgrade(database.engine, args.revision)
    except AlembicError as error:
        raise CommandError(f"Cannot downgrade to {args.revision!r}: {error}") from error
    print(f"Database at revision {migrate.current_revision(database.engine) or 'base (empty)'}.")
    return EXIT_OK


def _require_current_schema(settings: Settings) -> None:
    from echo import migrate

    database = _database(settings)
    current = migrate.current_revision(database.engine)
    if current != migrate.head_revision():
        raise CommandError(
            f"The database is at revision {current or 'none'}, not {migrate.head_revision()}. "
            "Run `echo-lms db upgrade` first.",
            EXIT_FAILED,
        )


def _passwords(settings: Settings) -> Passwords:
    from echo.security.passwords import Passwords

    return Passwords(settings.argon2_time_cost, settings.argon2_memory_kib)


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from echo import demo

    _require_current_schema(settings)
    database = _database(settings)
    with database.write() as session:
        if args.if_empty and not demo.is_empty(session):
            print("The database already has accounts; demo data not loaded.")
            return EXIT_OK
        if args.reset:
            demo.wipe(session)
        from echo.cme.issuing import issuer_for

        added = demo.load(session, _passwords(settings), issuer=issuer_for(settings))
    summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
    print(f"Demo data ready ({summary} added). Every demo password is {demo.DEMO_PASSWORD!r}.")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    settings.check_production()
    _ = settings.secret  # generate or refuse before forking workers
    host, port = args.host or settings.host, args.port or settings.port
    mismatch = settings.base_url_mismatch(host, port)
    if mismatch:
        print(f"echo-lms: warning: {mismatch}", file=sys.stderr)
    from echo import logs

    if args.workers and args.workers > 1:
        # prometheus-client's multi-process mode: each worker writes its samples here and
        # a scrape of any worker sums them (echo.metrics); cleared at each start.
        folder = settings.var_dir / "metrics"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", str(folder))
    uvicorn.run(
        "echo.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        access_log=not args.no_access_log,
        proxy_headers=settings.trust_forwarded_for,
        log_config=logs.config(settings.log_format),
    )
    return EXIT_OK


T = TypeVar("T")


def _checked(option: str, parse: Callable[[str], T], value: str, refusal: str = "") -> T:
    """An option read by the web kit's parser (the same rules as the pages)."""
    try:
        return parse(value)
    except Invalid as problem:
        said = refusal or f"is refused: {problem}"
        raise CommandError(f"{option} {value!r} {said}") from problem


def _moment(option: str, value: str, zone: tzinfo) -> datetime:
    """An ISO 8601 time (local to ``zone`` without an offset), on a day in the kit's window."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"{option} {value!r} is not an ISO 8601 time") from error
    _checked(option, calendar_date, parsed.date().isoformat())
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed


def _read_password(given: str | None) -> str:
    if given is not None:
        return given
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise CommandError("The two passwords differ.")
    return first


def cmd_users_create(args: argparse.Namespace, settings: Settings) -> int:
    from echo.accounts import services
    from echo.accounts.forms import ProfileForm
    from echo.web.params import FormErrors

    _require_current_schema(settings)
    with _database(settings).write() as session:
        try:
            user = services.create_user(
                session,
                _passwords(settings),
                email=args.email,
                password=_read_password(args.password),
                profile=ProfileForm.parse({"name": args.name, "time_zone": args.time_zone}),
                is_site_admin=args.role == "site-admin",
            )
        except FormErrors as problem:
            raise CommandError(_describe(problem.errors)) from problem
        print(f"Created {args.role} {user.email} (id {user.id}).")
    return EXIT_OK


def cmd_users_set_password(args: argparse.Namespace, settings: Settings) -> int:
    from echo.accounts import services
    from echo.web.params import FormErrors

    _require_current_schema(settings)
    with _database(settings).write() as session:
        user = services.user_by_email(session, args.email)
        if user is None:
            raise CommandError(f"No account uses {args.email}.")
        try:
            services.set_password(
                session, _passwords(settings), user, _read_password(args.password)
            )
        except FormErrors as problem:
            raise CommandError(_describe(problem.errors)) from problem
        print(f"Password changed for {user.email}; their login sessions were ended.")
    return EXIT_OK


def cmd_hubs_add_member(args: argparse.Namespace, settings: Settings) -> int:
    from echo.accounts import services
    from echo.programs import services as programs
    from echo.web.params import FormErrors

    _require_current_schema(settings)
    with _database(settings).write() as session:
        hub = programs.hub_by_slug(session, args.hub)
        if hub is None:
            raise CommandError(f"No hub has the short name {args.hub!r}.")
        user = services.user_by_email(session, args.email)
        if user is None:
            raise CommandError(
                f"No account uses {args.email}; create it with `echo-lms users create`."
            )
        try:
            programs.add_hub_member(session, hub, user, args.role)
        except FormErrors as problem:
            raise CommandError(_describe(problem.errors)) from problem
        print(f"{user.email} is {args.role} of {hub.slug}.")
    return EXIT_OK


def cmd_curriculum_validate(args: argparse.Namespace, _settings: Settings) -> int:
    from echo.programs.curriculum import validate_file

    issues = validate_file(args.file)
    for issue in issues:
        print(issue)
    if issues:
        print(f"{len(issues)} problem(s) in {args.file}.", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.file} is valid.")
    return EXIT_OK


def cmd_survey_validate(args: argparse.Namespace, _settings: Settings) -> int:
    """Every problem in a survey item bank; topic ids are checked only against the
    curriculum given with --curriculum (whose own problems are listed too)."""
    from pathlib import Path

    from echo.outcomes.bank import load_bank
    from echo.programs import curricula
    from echo.programs.curriculum import ValidationIssue

    topic_ids: list[str] | None = None
    curriculum_issues: list[ValidationIssue] = []
    if args.curriculum is not None:  # an invalid curriculum: its topics are not checked
        curriculum, curriculum_issues = curricula.load(Path(args.curriculum))
        if curriculum is not None:
            topic_ids = [topic.id for topic in curriculum.topics]
    bank, problems = load_bank(args.file, topic_ids)
    for problem in [*problems, *curriculum_issues]:
        print(problem)
    if bank is None or curriculum_issues:
        count = len(problems) + len(curriculum_issues)
        print(f"{count} problem(s) in {args.file}.", file=sys.stderr)
        return EXIT_FAILED
    print(f"{args.file}: ok — {len(bank.items)} items, {len(bank.scales)} scales")
    return EXIT_OK


def cmd_curriculum_apply(args: argparse.Namespace, settings: Settings) -> int:
    from pathlib import Path

    from echo.programs import curricula, sessions, zones
    from echo.programs import services as programs
    from echo.timeutil import format_in_zone

    curriculum, issues = curricula.load(Path(args.file))
    if curriculum is None:
        for issue in issues:
            print(issue, file=sys.stderr)
        raise CommandError(f"{args.file} is not a valid curriculum; nothing was changed.")
    _require_current_schema(settings)
    with _database(settings).write() as session:
        found = programs.program_by_slug(session, args.program)
        if found is None:
            raise CommandError(f"No program has the short name {args.program!r}.")
        program, hub = found
        zone = zones.zone_of_program(session, program, hub)
        assignments = sessions.apply_curriculum(session, program, curriculum)
        for assignment in assignments:
            when = format_in_zone(assignment.session.starts_at, zone)
            print(f"session {assignment.session.id}, {when}: {assignment.topic.title}")
        left = len(curriculum.topics) - len(assignments)
        print(
            f"Applied {len(assignments)} of {len(curriculum.topics)} topics of "
            f"{curriculum.title!r} to {program.slug}"
            + (f"; {left} left over (no more upcoming sessions)." if left else ".")
        )
    return EXIT_OK


def cmd_phi_scan(args: argparse.Namespace, _settings: Settings) -> int:
    """Findings, whether Echo would refuse the text and the message it would show, as one
    JSON object; exit 0 with or without findings, 2 on unreadable input."""
    import json

    from echo.phi import check_text

    try:
        if args.file is None or args.file == "-":
            text = sys.stdin.buffer.read().decode("utf-8")
        else:
            with open(args.file, encoding="utf-8") as handle:
                text = handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"cannot read {args.file or 'standard input'}: {error}") from error
    checked = check_text(text)
    findings = [
        {
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "kind": f.kind,
            "severity": f.severity,
            "message": f.message,
        }
        for f in checked.findings
    ]
    result = {"findings": findings, "blocked": checked.blocked, "message": checked.message}
    print(json.dumps(result, ensure_ascii=False))
    return EXIT_OK


def cmd_attendance_parse(args: argparse.Namespace, _settings: Settings) -> int:
    """Each person's time in [--start, --end] as one JSON object; no database. Exit 2 on
    unreadable input, an unknown format or bad arguments, listing the rows that failed."""
    import json
    from zoneinfo import ZoneInfo

    from echo.attendance.reports import MAX_REPORT_BYTES, ReportError, clip, parse_report
    from echo.timeutil import local_date

    zone = ZoneInfo(
        _checked("--tz", time_zone, args.tz, "is not an IANA time zone name (America/Chicago)")
    )

    def moment(option: str, value: str) -> datetime:
        """An ISO 8601 time; without an offset it is local to --tz."""
        return _moment(option, value, zone)

    start, end = moment("--start", args.start), moment("--end", args.end)
    if end <= start:
        raise CommandError("--end must be after --start")
    try:
        with open(args.file, "rb") as handle:
            data = handle.read(MAX_REPORT_BYTES + 1)  # one byte over is enough to refuse
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error}") from error
    try:
        report = parse_report(data, time_zone=args.tz, session_date=local_date(start, args.tz))
    except ReportError as error:
        rows = [f"line {line}: {problem}" for line, problem in error.problems]
        raise CommandError("\n".join([error.message, *rows])) from error
    for warning in report.warnings:
        print(f"echo-lms: warning: {warning}", file=sys.stderr)

    def iso(instant: datetime) -> str:
        return instant.astimezone(UTC).isoformat().replace("+00:00", "Z")

    participants = [
        {
            "name": attendee.name,
            "email": attendee.email,
            "seconds": attendee.seconds_within(start, end),
            "intervals": [
                [iso(low), iso(high)] for low, high in clip(attendee.intervals, start, end)
            ],
        }
        for attendee in report.attendees
    ]
    print(json.dumps({"format": report.format, "participants": participants}, ensure_ascii=False))
    return EXIT_OK


def cmd_attendance_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import one export into a session as the attendance page does: print the preview,
    then commit it in one transaction (unless --dry-run)."""
    from echo.attendance import services as attendance
    from echo.attendance.reports import MAX_REPORT_BYTES, ReportError
    from echo.programs import sessions, zones
    from echo.programs.models import Hub

    try:
        with open(args.file, "rb") as handle:
            data = handle.read(MAX_REPORT_BYTES + 1)
    except OSError as error:
        raise CommandError(f"cannot read {args.file}: {error}") from error
    if len(data) > MAX_REPORT_BYTES:
        raise CommandError(f"{args.file} is over {MAX_REPORT_BYTES // (1024 * 1024)} MB")
    _require_current_schema(settings)
    with _database(settings).write() as session:
        found = sessions.session_with_program(session, args.session)
        hub = session.get(Hub, found[1].hub_id) if found else None
        if found is None or hub is None:
            raise CommandError(f"No session has the id {args.session}.")
        program_session, program = found
        try:
            plan = attendance.plan_import(
                session,
                program_session,
                hub.id or 0,
                data=data,
                filename=args.file.rsplit("/", 1)[-1],
                zone=zones.zone_of_program(session, program, hub),
            )
        except ReportError as error:
            rows = [f"line {line}: {problem}" for line, problem in error.problems]
            raise CommandError("\n".join([error.message, *rows])) from error
        for warning in plan.warnings:
            print(f"echo-lms: warning: {warning}", file=sys.stderr)
        for row in plan.rows:
            who = row.user.email if row.user else "UNMATCHED"
            print(f"{row.attendee.key}\t{who}\t{row.seconds // 60} min")
        summary = f"{plan.report.format} report: {len(plan.matched)} matched, "
        summary += f"{len(plan.unmatched)} unmatched"
        if args.dry_run:
            session.rollback()
            print(f"{summary}; nothing changed (--dry-run).")
            return EXIT_OK
        attendance.commit_import(session, program_session, plan, actor_id=None)
        print(f"{summary}; imported into session {program_session.id}.")
    return EXIT_OK


def _cme_program_and_period(session: Any, args: argparse.Namespace) -> tuple[Any, date, date]:
    from echo.programs import services as programs

    found = programs.program_by_slug(session, args.program)
    if found is None:
        raise CommandError(f"No program has the short name {args.program!r}.")
    start = _checked("--from", calendar_date, args.date_from)
    end = _checked("--to", calendar_date, args.date_to)
    if end < start:
        raise CommandError("--to is before --from")
    return found[0], start, end


def cmd_cme_pars_export(args: argparse.Namespace, settings: Settings) -> int:
    """ACCME PARS learner rows for a program and period, as CSV or XLSX by extension;
    recorded as an export (by nobody: the command line), like a download from the page."""
    from pathlib import Path

    from echo.cme import pars
    from echo.cme import services as cme
    from echo.programs import zones
    from echo.timeutil import local_date, utcnow

    out = Path(args.out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise CommandError("--out must end in .csv or .xlsx")
    _require_current_schema(settings)
    with _database(settings).write() as session:
        program, start, end = _cme_program_and_period(session, args)
        records = cme.export_pars(
            session, program, start, end, file_format=out.suffix.lower()[1:], actor_id=None
        )
        today = local_date(utcnow(), zones.zone_of_program(session, program))
        count = pars.write(records, out)  # in the transaction: no file, no export recorded
    stale = pars.stale(records, today)
    print(f"Wrote {count} learner rows to {out}.")
    if stale:
        print(
            f"echo-lms: warning: {len(stale)} rows completed more than "
            f"{pars.MOC_REPORTING_DAYS} days ago",
            file=sys.stderr,
        )
    return EXIT_OK


def cmd_cme_issue(args: argparse.Namespace, settings: Settings) -> int:
    """Issue the period's missing certificates with a progress bar; safe to re-run, and an
    interrupted run resumes where it stopped."""
    from tqdm import tqdm

    from echo.cme import services as cme
    from echo.cme.issuing import issuer_for

    _require_current_schema(settings)
    database = _database(settings)
    with database.write() as session:
        program, start, end = _cme_program_and_period(session, args)
        batch = cme.open_batch(session, program, start, end, None)
        batch_id, done, total = batch.id or 0, batch.done, batch.total
    with tqdm(total=total, initial=done, unit="certificate", disable=args.quiet) as bar:

        def progress(now_done: int, _total: int) -> None:
            bar.update(now_done - bar.n)

        finished = cme.run_batch(database, batch_id, issuer_for(settings), progress)
    print(f"Issued certificates for {finished.done} of {finished.total} claims in the period.")
    return EXIT_OK


def cmd_cme_rotate_key(_args: argparse.Namespace, settings: Settings) -> int:
    """A new key signs credentials from now on, on every machine; the earlier public keys
    stay published, so what they signed still verifies."""
    from echo.cme.issuing import signing_keys

    _require_current_schema(settings)
    with _database(settings).write() as session:
        kid = signing_keys(session, settings).rotate()
    print(f"Credentials are signed with key {kid} from now on; earlier keys stay published.")
    return EXIT_OK


def _mail_backend(settings: Settings) -> Backend:
    from echo.notify.delivery import backend_from_settings

    try:
        return backend_from_settings(settings)
    except ValueError as error:
        raise CommandError(f"ECHO_SMTP_URL: {error}") from error


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    """Deliver queued email (and queue due reminders) until stopped; --once: what is due now."""
    import logging.config
    import signal
    import threading

    from echo import housekeeping
    from echo.notify import outbox
    from echo.notify.worker import worker_id
    from echo.timeutil import utcnow

    _require_current_schema(settings)
    database = _database(settings)
    backend = _mail_backend(settings)
    name = worker_id()
    on_tick = housekeeping.tick(database, settings)
    if args.once:
        on_tick(utcnow())
        counts = outbox.run_once(database, backend, name)
        print(f"Mail worker {name}: {counts}.")
        return EXIT_OK
    from echo import logs

    logging.config.dictConfig(logs.config(settings.log_format))
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda _signum, _frame: stop.set())
    print(f"Mail worker {name} sending through {backend.address}; Ctrl-C stops it.", flush=True)
    outbox.run_forever(database, backend, name, stop=stop, on_tick=on_tick)
    print(f"Mail worker {name} stopped.")
    return EXIT_OK


def cmd_reminders_run(args: argparse.Namespace, settings: Settings) -> int:
    """One reminder pass for the given time (default now): queues what is due, once."""

    from echo import reminders
    from echo.cases import outcomes as case_outcomes
    from echo.consult import escalation
    from echo.outcomes import followups
    from echo.timeutil import utcnow

    now = _moment("--now", args.now, UTC).astimezone(UTC) if args.now else utcnow()
    _require_current_schema(settings)
    database = _database(settings)
    counts = reminders.run(database, settings, now)
    with database.write() as session:
        counts.update(followups.run(session, settings, now))
        counts.update(case_outcomes.run(session, settings, now))
        counts["consult escalations"] = escalation.run(session, settings, now)
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    print(f"Queued {summary} for {now.isoformat()}.")
    return EXIT_OK


def cmd_webhooks_run(_args: argparse.Namespace, settings: Settings) -> int:
    """One delivery pass: send the webhooks that are due now (the worker does this on
    each of its passes)."""
    from echo.notify.worker import worker_id
    from echo.webhooks import delivery

    _require_current_schema(settings)
    name = worker_id("-webhooks")
    counts = delivery.run_once(_database(settings), settings, name)
    print(f"Webhook worker {name}: {counts}.")
    return EXIT_OK


def cmd_mail_test(args: argparse.Namespace, settings: Settings) -> int:
    """Queue one message to --to and deliver it at once; exit 2 with the reason if it fails."""
    from echo.notify import outbox
    from echo.notify.worker import worker_id

    message = outbox.Message(
        to=args.to,
        subject="Echo test message",
        text=f"This is a test message from Echo at {settings.base_url}.\n\n"
        "It arrived, so Echo can send email.\n",
        html=f"<p>This is a test message from Echo at {escape(settings.base_url)}.</p>"
        "<p>It arrived, so Echo can send email.</p>",
        category="test",
    )
    try:
        outbox.check(message)
    except ValueError as error:
        raise CommandError(f"--to: {error}") from error
    _require_current_schema(settings)
    backend = _mail_backend(settings)
    row = outbox.send_now(_database(settings), backend, message, worker_id("-test"))
    if row.status != "sent":
        raise CommandError(f"the test message to {args.to} was not sent: {row.last_error}")
    print(f"Test message to {args.to} {backend.last_destination}.")
    return EXIT_OK


def cmd_check(_args: argparse.Namespace, settings: Settings) -> int:
    import sqlalchemy as sa

    from echo import migrate

    problems: list[str] = []
    try:
        settings.check_production()
        _ = settings.secret
        print(f"ok   configuration ({settings.env}, base URL {settings.base_url})")
    except SettingsError as error:
        problems.append(f"configuration: {error}")
    database = _database(settings)
    try:
        with database.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        print(
            f"ok   database reachable ({database.engine.url.render_as_string(hide_password=True)})"
        )
        current, head = migrate.current_revision(database.engine), migrate.head_revision()
        if current == head:
            print(f"ok   migrations current ({head})")
        else:
            problems.append(f"migrations: database at {current or 'none'}, code expects {head}")
    except sa.exc.SQLAlchemyError as error:
        problems.append(f"database: {error.__class__.__name__}: {str(error).splitlines()[0]}")
    for problem in problems:
        print(f"FAIL {problem}")
    return EXIT_FAILED if problems else EXIT_OK


def _describe(errors: dict[str, str]) -> str:
    return "; ".join(f"{field}: {message}" for field, message in errors.items())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="echo-lms", description="Echo: case-based tele-education for pediatric mental health."
    )
    parser.add_argument("--version", action="version", version=f"echo-lms {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    db = commands.add_parser("db", help="database migrations").add_subparsers(
        dest="db", required=True
    )
    up = db.add_parser("upgrade", help="migrate to the latest (or given) revision")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(handler=cmd_db_upgrade)
    down = db.add_parser("downgrade", help="migrate back to REV (use 'base' for empty)")
    down.add_argument("revision", metavar="REV")
    down.set_defaults(handler=cmd_db_downgrade)

    demo = commands.add_parser("demo", help="load demo hubs, programs and accounts (idempotent)")
    demo.add_argument("--reset", action="store_true", help="delete all data first")
    demo.add_argument("--if-empty", action="store_true", help="only when there are no accounts")
    demo.set_defaults(handler=cmd_demo)

    serve = commands.add_parser("serve", help="serve the site with uvicorn")
    serve.add_argument("--host", default=None)
    serve.add_argument("--port", type=int, default=None)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-access-log", action="store_true")
    serve.set_defaults(handler=cmd_serve)

    users = commands.add_parser("users", help="accounts").add_subparsers(
        dest="users", required=True
    )
    create = users.add_parser("create", help="create an account")
    create.add_argument("--email", required=True)
    create.add_argument("--name", required=True)
    create.add_argument("--password", help="read from standard input when omitted")
    create.add_argument("--role", choices=["participant", "site-admin"], default="participant")
    create.add_argument("--time-zone", default="America/New_York")
    create.set_defaults(handler=cmd_users_create)
    setpw = users.add_parser("set-password", help="set an account's password")
    setpw.add_argument("--email", required=True)
    setpw.add_argument("--password", help="read from standard input when omitted")
    setpw.set_defaults(handler=cmd_users_set_password)

    hubs = commands.add_parser("hubs", help="hubs").add_subparsers(dest="hubs", required=True)
    member = hubs.add_parser("add-member", help="give a person a role in a hub")
    member.add_argument("--hub", required=True, metavar="SLUG")
    member.add_argument("--email", required=True)
    member.add_argument("--role", required=True, choices=["coordinator", "faculty", "cme-admin"])
    member.set_defaults(handler=cmd_hubs_add_member)

    curriculum = commands.add_parser(
        "curriculum", help="curriculum and toolkit files"
    ).add_subparsers(dest="curriculum", required=True)
    validate = curriculum.add_parser("validate", help="report every problem in a TOML file")
    validate.add_argument("file", metavar="FILE")
    validate.set_defaults(handler=cmd_curriculum_validate)
    apply = curriculum.add_parser("apply", help="assign topics to upcoming sessions in order")
    apply.add_argument("file", metavar="FILE")
    apply.add_argument("--program", required=True, metavar="SLUG")
    apply.set_defaults(handler=cmd_curriculum_apply)

    survey = commands.add_parser("survey", help="survey item bank files").add_subparsers(
        dest="survey", required=True
    )
    survey_validate = survey.add_parser("validate", help="report every problem in an item bank")
    survey_validate.add_argument("file", metavar="FILE")
    survey_validate.add_argument(
        "--curriculum", metavar="FILE", help="check topic ids against this curriculum"
    )
    survey_validate.set_defaults(handler=cmd_survey_validate)

    phi = commands.add_parser("phi", help="protected health information").add_subparsers(
        dest="phi", required=True
    )
    phi_scan = phi.add_parser("scan", help="find identifiers in a text file (or standard input)")
    phi_scan.add_argument("file", nargs="?", metavar="FILE")
    phi_scan.set_defaults(handler=cmd_phi_scan)

    attendance = commands.add_parser(
        "attendance", help="attendance reports from Zoom, Teams and Webex"
    ).add_subparsers(dest="attendance", required=True)
    attendance_parse = attendance.add_parser(
        "parse", help="print each person's time in a session window as JSON (no database)"
    )
    attendance_parse.add_argument("file", metavar="FILE")
    attendance_parse.add_argument(
        "--start", required=True, metavar="T", help="ISO 8601; local to --tz without an offset"
    )
    attendance_parse.add_argument("--end", required=True, metavar="T", help="as --start")
    attendance_parse.add_argument(
        "--tz", required=True, metavar="ZONE", help="IANA zone the report's times are in"
    )
    attendance_parse.set_defaults(handler=cmd_attendance_parse)
    attendance_import = attendance.add_parser(
        "import", help="import one export into a session (preview printed first)"
    )
    attendance_import.add_argument("file", metavar="FILE")
    attendance_import.add_argument("--session", type=int, required=True, metavar="ID")
    attendance_import.add_argument(
        "--dry-run", action="store_true", help="print what would change; change nothing"
    )
    attendance_import.set_defaults(handler=cmd_attendance_import)

    cme_commands = commands.add_parser("cme", help="continuing medical education").add_subparsers(
        dest="cme", required=True
    )
    pars_export = cme_commands.add_parser("pars-export", help="ACCME PARS learner upload file")
    pars_export.add_argument("--program", required=True, metavar="SLUG")
    pars_export.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    pars_export.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    pars_export.add_argument("--out", required=True, metavar="FILE", help=".csv or .xlsx")
    pars_export.set_defaults(handler=cmd_cme_pars_export)
    issue = cme_commands.add_parser("issue", help="issue missing certificates for a period")
    issue.add_argument("--program", required=True, metavar="SLUG")
    issue.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    issue.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    issue.add_argument("--quiet", action="store_true", help="no progress bar")
    issue.set_defaults(handler=cmd_cme_issue)
    rotate_key = cme_commands.add_parser(
        "rotate-key", help="sign credentials with a new key from now on (old ones still verify)"
    )
    rotate_key.set_defaults(handler=cmd_cme_rotate_key)

    worker = commands.add_parser(
        "worker", help="deliver queued email and webhooks, and send reminders"
    )
    worker.add_argument("--once", action="store_true", help="deliver what is due now, then exit")
    worker.set_defaults(handler=cmd_worker)
    reminders = commands.add_parser("reminders", help="session reminders").add_subparsers(
        dest="reminders", required=True
    )
    reminders_run = reminders.add_parser("run", help="queue the reminders due at a time, once")
    reminders_run.add_argument("--now", metavar="ISO", help="the time (UTC without an offset)")
    reminders_run.set_defaults(handler=cmd_reminders_run)

    webhooks = commands.add_parser("webhooks", help="signed webhooks to hubs").add_subparsers(
        dest="webhooks", required=True
    )
    webhooks_run = webhooks.add_parser("run", help="deliver the webhooks due now, once")
    webhooks_run.set_defaults(handler=cmd_webhooks_run)

    mail = commands.add_parser("mail", help="outgoing email").add_subparsers(
        dest="mail", required=True
    )
    mail_test = mail.add_parser("test", help="send one test message now through the mail server")
    mail_test.add_argument("--to", required=True, metavar="ADDRESS")
    mail_test.set_defaults(handler=cmd_mail_test)

    check = commands.add_parser("check", help="check configuration, database and migrations")
    check.set_defaults(handler=cmd_check)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ValidationError as error:
        print(f"echo-lms: invalid setting: {error}", file=sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.handler(args, settings)
    except CommandError as error:
        print(f"echo-lms: {error}", file=sys.stderr)
        return error.code
    except SettingsError as error:
        print(f"echo-lms: {error}", file=sys.stderr)
        return EXIT_USAGE
    return code
