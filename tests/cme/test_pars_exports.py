"""PARS exports are recorded: each learner file downloaded (CSV or XLSX, a POST with its
CSRF token) keeps who, when, the period, its rows and the claims in it; the PARS page says
when it was last exported and by whom; what no export holds yet is counted with the date
its report is due (ABP MOC: 30 days after the oldest completion, docs/domain.md §5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from echo.accounts.models import User
from echo.cme import pars
from echo.cme import services as cme
from echo.cme.models import Certificate, CertificateStatus, Claim, ParsExport, ParsExportClaim
from echo.db import Database
from echo.programs.models import Hub, Program
from echo.timeutil import format_date, utcnow
from tests import factories
from tests.helpers import logged_in, page_csrf, post_form, text_of

WHOLE_PERIOD = {"from": "2020-01-01", "to": "2030-12-31"}


def _at(days_ago: int) -> datetime:
    """Noon UTC, ``days_ago`` days before today (UTC): the hubs below are on UTC too."""
    return utcnow().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)


def _world(session: Session) -> tuple[Program, Hub, User]:
    """A program with credit in a hub on UTC, and its CME administrator."""
    cme_admin = factories.create_user(session, name="Casey Office")
    hub = factories.create_hub(session, time_zone="UTC")
    factories.add_hub_role(session, cme_admin, hub, "cme-admin")
    program = factories.create_program(session, hub)
    factories.offer_credit(session, program, cme_admin, claim_window_days="60")
    return program, hub, cme_admin


def _claimed(session: Session, program: Program, days_ago: int, **user: str) -> Claim:
    """A claim for a session held ``days_ago`` days ago, made an hour after it ended."""
    item = factories.create_session(session, program, start=_at(days_ago))
    learner = factories.create_user(session, **user)
    return factories.create_claim(
        session, item, learner, claimed_at=item.ends_at + timedelta(hours=1)
    )


def _pars_page(program: Program) -> str:
    return f"/programs/{program.slug}/cme/pars"


def _exports_in(session: Session) -> list[tuple[ParsExport, list[int]]]:
    """Every export, oldest first, with the ids of the claims it holds."""
    exports = session.exec(select(ParsExport).order_by(col(ParsExport.id))).all()
    links = session.exec(select(ParsExportClaim.export_id, ParsExportClaim.claim_id)).all()
    return [(e, sorted(c for x, c in links if x == e.id)) for e in exports]


def _exports(database: Database) -> list[tuple[ParsExport, list[int]]]:
    with database.read() as session:
        return _exports_in(session)


# --- the rule --------------------------------------------------------------------------------


def test_the_report_is_due_30_days_after_completion_as_stale_says() -> None:
    completed = date(2026, 1, 31)
    assert pars.MOC_REPORTING_DAYS == 30
    assert pars.report_due(completed) == date(2026, 3, 2)
    record = pars.LearnerRecord(
        activity_id="1",
        completion_date=completed,
        first_name="A",
        last_name="B",
        npi="",
        licensing_state="",
        credits=Decimal("1"),
        credit_type="AMA PRA Category 1 Credit",
        moc=None,
    )
    assert pars.stale([record], pars.report_due(completed)) == []  # on the day: on time
    assert pars.stale([record], pars.report_due(completed) + timedelta(days=1)) == [record]


# --- the page and the download ---------------------------------------------------------------


def test_a_download_is_recorded_and_the_page_says_when_and_by_whom(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        program, _hub, cme_admin = _world(session)
        older = _claimed(session, program, days_ago=12)
        newer = _claimed(session, program, days_ago=5)
        _claimed(session, program, days_ago=3, credentials="NP")  # hours: not reported
    page_path = _pars_page(program)
    logged_in(bare_client, cme_admin.email, factories.PASSWORD)
    before = text_of(bare_client.get(page_path).text)
    assert "Not exported yet." in before
    completed = _at(12).date()
    assert (
        f"Due in 18 days 2 claims are in no PARS export yet; the oldest was completed "
        f"{format_date(completed)}, so the report is due "
        f"{format_date(completed + timedelta(days=30))}."
    ) in before

    exported = post_form(bare_client, f"{page_path}.csv", WHOLE_PERIOD, page_path)
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    assert len(exported.text.strip().splitlines()) == 3  # the header and the two AMA claims

    ((export, claim_ids),) = _exports(database)
    assert (export.program_id, export.exported_by_id) == (program.id, cme_admin.id)
    assert (export.period_from, export.period_to) == ("2020-01-01", "2030-12-31")
    assert (export.file_format, export.rows) == ("csv", 2)
    assert export.latest_claim_at == newer.claimed_at
    assert utcnow() - export.exported_at < timedelta(minutes=1)
    assert claim_ids == sorted([older.id or 0, newer.id or 0])

    after = text_of(bare_client.get(page_path).text)
    assert "Last exported " in after and "(America/Los_Angeles) by Casey Office" in after
    assert "2 rows for 2020-01-01 to 2030-12-31, as CSV." in after
    assert "Every claim is in a PARS export." in after
    assert "0 of them are new (in no earlier export)" in after

    post_form(bare_client, f"{page_path}.xlsx", WHOLE_PERIOD, page_path)
    assert [e.file_format for e, _ in _exports(database)] == ["csv", "xlsx"]
    assert "as Excel." in text_of(bare_client.get(page_path).text)


def test_only_a_cme_administrators_post_with_its_token_downloads(
    bare_client: TestClient, make_bare_client: object, database: Database
) -> None:
    with database.write() as session:
        program, hub, cme_admin = _world(session)
        _claimed(session, program, days_ago=4)
        coordinator = factories.create_user(session)
        factories.add_hub_role(session, coordinator, hub, "coordinator")
    path = f"{_pars_page(program)}.csv"
    admin = logged_in(bare_client, cme_admin.email, factories.PASSWORD)
    # A link, a prefetch or another site's page cannot record an export.
    assert admin.get(path, params=WHOLE_PERIOD).status_code == 405
    assert admin.post(path, data=WHOLE_PERIOD).status_code == 403
    other = make_bare_client()  # type: ignore[operator]
    logged_in(other, coordinator.email, factories.PASSWORD)
    refused = other.post(path, data={**WHOLE_PERIOD, "csrf_token": page_csrf(other, "/")})
    assert refused.status_code == 404  # the coordinator sees the dashboard, not PARS
    assert _exports(database) == []


def test_a_period_that_cannot_be_read_records_no_export(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        program, _hub, cme_admin = _world(session)
        _claimed(session, program, days_ago=4)
    page_path = _pars_page(program)
    logged_in(bare_client, cme_admin.email, factories.PASSWORD)
    answer = post_form(
        bare_client, f"{page_path}.xlsx", {"from": "2026-12-01", "to": "2026-01-01"}, page_path
    )
    assert answer.status_code == 422 and 'id="to-error"' in answer.text
    assert "Correct the period to download its rows." in text_of(answer.text)
    assert _exports(database) == []


# --- what is still to be reported ------------------------------------------------------------


def test_the_backlog_counts_claims_in_no_export_and_dates_the_oldest(database: Database) -> None:
    with database.write() as session:
        program, _hub, cme_admin = _world(session)
        first = _claimed(session, program, days_ago=40)
        _claimed(session, program, days_ago=20)
        _claimed(session, program, days_ago=8)
        _claimed(session, program, days_ago=2, credentials="NP")  # hours: never reported
        revoked = _claimed(session, program, days_ago=45)
        session.add(
            Certificate(
                code="ECHO-REVK-0001",
                claim_id=revoked.id or 0,
                user_id=revoked.user_id,
                program_id=program.id or 0,
                status=CertificateStatus.revoked,
                learner_name="x",
                activity_title="x",
                provider="x",
                activity_date="x",
                kind="ama",
                credits=revoked.credits,
            )
        )
        session.flush()
        now = utcnow()
        (backlog,) = cme.pars_backlogs(session, [program.id or 0], now).values()
        assert (backlog.claims, backlog.oldest_completion) == (3, _at(40).date())
        assert backlog.due == _at(40).date() + timedelta(days=30)
        assert backlog.days_left == -10 and backlog.overdue

        # An export of the oldest month only: the two newer claims stay to be reported.
        end = _at(30).date()
        cme.export_pars(
            session, program, date(2020, 1, 1), end, file_format="csv", actor_id=cme_admin.id
        )
        (backlog,) = cme.pars_backlogs(session, [program.id or 0], now).values()
        assert (backlog.claims, backlog.oldest_completion) == (2, _at(20).date())
        assert backlog.days_left == 10 and not backlog.overdue
        ((export, claim_ids),) = _exports_in(session)
        assert claim_ids == [first.id] and export.rows == 1

        cme.export_pars(
            session, program, date(2020, 1, 1), _at(0).date(), file_format="xlsx", actor_id=None
        )
        (backlog,) = cme.pars_backlogs(session, [program.id or 0], now).values()
        assert (backlog.claims, backlog.oldest_completion, backlog.due) == (0, None, None)
        assert not backlog.overdue


def test_a_dashboard_without_certificates_says_how_one_is_issued(
    bare_client: TestClient, database: Database
) -> None:
    with database.write() as session:
        program, _hub, cme_admin = _world(session)
    logged_in(bare_client, cme_admin.email, factories.PASSWORD)
    page = text_of(bare_client.get(f"/programs/{program.slug}/cme").text)
    assert "Recent certificates No certificates yet: one is issued when an attendee claims" in page
    assert 'with "Issue certificates" above.' in page
