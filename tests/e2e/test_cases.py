"""A pediatrician presents a case, the PHI guard stops identifiers, the hub schedules it."""

from __future__ import annotations

import io
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import EchoServer
from tests.e2e.harness import JS_MODES, OpenBrowser, Visitor, log_in

pytestmark = pytest.mark.e2e

PEDIATRICIAN = "pediatrician@example.org"  # enrolled in peds-mh-echo
COORDINATOR = "coordinator@example.org"  # runs hub cascadia, which runs peds-mh-echo
HUB_NAME = "Cascadia Children's Behavioral Health Hub"
PROGRAM = "peds-mh-echo"
PROGRAM_TITLE = "Pediatric Mental Health in Primary Care ECHO"
NEW_CASE = f"/programs/{PROGRAM}/cases/new"
CASE_PATH = re.compile(r"^/cases/(\d+)$")

# Identifiers the guard blocks: none may reach the database or the server's output.
MOTHER_FIRST, MOTHER_LAST, BIRTH_DATE = "Jessica", "Alvarez", "03/14/2012"
LIVE_FIRST, LIVE_LAST = "Dmitri", "Okonkwo"  # typed (JavaScript only), then deleted
THERAPIST_PHONE = "503-555-0187"  # in the faculty's first draft of the recommendations
BLOCKED = [MOTHER_FIRST, MOTHER_LAST, BIRTH_DATE, LIVE_FIRST, LIVE_LAST, THERAPIST_PHONE]
LEAD_FACULTY = "faculty@example.org"  # the demo program's lead faculty member
RECOMMENDATIONS = {
    "The question, restated": "A 12-year-old with generalized anxiety waiting for CBT: "
    "start an SSRI now, and at what dose?",
    "Diagnostic considerations": "Generalized anxiety disorder; school avoidance is driven "
    "by somatic worry. Rule out a sleep disorder.",
    "Treatment suggestions (medications with doses)": "Start sertraline 25 mg daily for a "
    "week, then 50 mg; reassess after 6 weeks.",
    "Therapy and school supports": "CBT with exposure; a school plan for gradual return.",
    "Suggested follow-up": "Present again in 3 months with a repeat GAD-7.",
}

FAMILY_WITH_IDENTIFIERS = (
    f"Mom {MOTHER_FIRST} {MOTHER_LAST} says he was born {BIRTH_DATE} and has been anxious "
    "since starting middle school. Lives with both parents and a younger sister."
)
FAMILY = (
    "Mom says he was born in 2012 and has been anxious since starting middle school. "
    "Lives with both parents and a younger sister."
)
LIVE_CHECK = f"Grandpa {LIVE_FIRST} {LIVE_LAST} picks him up after school."
CASE = {
    "Gender identity": "boy",
    "History of the presenting concerns": (
        "Worsening worry about school, stomach aches most mornings and trouble falling "
        "asleep over the past six months. Misses about one day of school a week."
    ),
    "Screening results (instrument, score, year)": "GAD-7 score 14 in 2024; PHQ-A score 6.",
    "Current medications and doses": "None.",
    "What has been tried": (
        "Counselor check-ins every week since the fall; a few CBT sessions last year "
        "helped a little."
    ),
    "Safety concerns": "No self-harm, no suicidal thoughts on direct questioning.",
    "Your question for the hub": (
        "Would you start an SSRI now, and at what dose, while he waits for CBT?"
    ),
}


def fill_case(page: Page, family_context: str) -> None:
    """The whole case form, as a pediatrician fills it in."""
    page.get_by_label("Age", exact=True).fill("12")
    page.get_by_label("Age in").select_option("years")
    page.get_by_label(re.compile(r"^Sex\b")).select_option("male")
    page.get_by_label(re.compile(r"^School setting")).select_option("public")
    concerns = page.get_by_role("group", name="Presenting concerns")
    concerns.get_by_label("Anxiety", exact=True).check()
    concerns.get_by_label("Other", exact=True).check()
    for label, text in CASE.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Family and social context", exact=True).fill(family_context)
    page.get_by_label(re.compile(r"^I have removed every identifier")).check()


def status_line(visitor: Visitor) -> str:
    return " ".join(visitor.page.locator("main p.meta").first.inner_text().split())


def choose_open_session(visitor: Visitor, database: Path) -> str:
    """The first session in the list the case can still go to: started or full ones cannot.

    The demo's first upcoming session already has a case, and each run of this test
    adds one, so after a few runs the next session in the list is the one with room.
    """
    options = visitor.page.locator("select#accept-session_id option").evaluate_all(
        "(options) => options.map((option) => option.value).filter(Boolean)"
    )
    assert options, "the coordinator is offered no session to schedule the case in"
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        for value in options:
            starts_at, capacity = connection.execute(
                "SELECT starts_at, case_capacity FROM program_session WHERE id = ?", (int(value),)
            ).fetchone()
            (taken,) = connection.execute(
                "SELECT count(*) FROM case_consult WHERE session_id = ?", (int(value),)
            ).fetchone()
            if str(starts_at) > now and taken < capacity:
                if value != options[0]:
                    print(f"the first upcoming session is full or started; choosing {value}")
                return str(value)
    raise AssertionError("every upcoming session of the program is full")


def stored_text(database: Path) -> str:
    """Every value of every table, as the server's database holds it now (WAL included)."""
    values: list[str] = []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        tables = [
            name
            for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        assert "case_consult" in tables
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):  # noqa: S608 - own names
                for value in row:
                    if isinstance(value, bytes):
                        values.append(value.decode("utf-8", errors="replace"))
                    elif value is not None:
                        values.append(str(value))
    return "\n".join(values)


def raw_bytes(database: Path) -> bytes:
    """The database, WAL and shared-memory files byte for byte (free pages included)."""
    files = [database, database.with_name(database.name + "-wal")]
    files.append(database.with_name(database.name + "-shm"))
    return b"".join(path.read_bytes() for path in files if path.exists())


def assert_nothing_blocked_was_kept(server: EchoServer) -> None:
    tables = stored_text(server.database).lower()
    assert FAMILY.lower() in tables, "the saved case is not where the check looks"
    files = raw_bytes(server.database).lower()
    log = server.log.read_bytes().lower()
    for blocked in BLOCKED:
        needle = blocked.lower()
        assert needle not in tables, f"{blocked!r} is stored in a table of the database"
        assert needle.encode() not in files, f"{blocked!r} is in the database files"
        assert needle.encode() not in log, f"{blocked!r} is in the server's output"


def live_check(visitor: Visitor) -> None:
    """With JavaScript, the guard marks an identifier while the person types (best effort)."""
    page = visitor.page
    tried = page.get_by_label("What has been tried", exact=True)
    tried.press_sequentially(LIVE_CHECK, delay=5)
    findings = page.locator("#tried-findings")
    expect(findings.locator("mark.phi-block")).to_have_text(f"{LIVE_FIRST} {LIVE_LAST}")
    expect(findings.get_by_role("listitem")).to_contain_text(["Remove:"])
    visitor.audit()
    # One click applies the suggested rewrite; the guard checks the field again.
    replace = findings.get_by_role("button", name=f"Replace “{LIVE_FIRST} {LIVE_LAST}” with")
    replace.click()
    expect(tried).to_have_value(re.compile(r"^Grandpa \[the child's grandfather\] picks him up"))
    expect(findings.locator("mark.phi-block")).to_have_count(0)
    tried.fill("")


@pytest.mark.parametrize("js", JS_MODES)
def test_a_case_goes_from_draft_to_a_session(
    open_browser: OpenBrowser, echo_server: EchoServer, js: bool
) -> None:
    # The pediatrician starts a case from the program page.
    pediatrician = open_browser(js=js)
    page = pediatrician.page
    log_in(pediatrician, PEDIATRICIAN)
    pediatrician.goto(f"/programs/{PROGRAM}")
    pediatrician.click(page.get_by_role("link", name="Present a case"))
    assert urlsplit(page.url).path == NEW_CASE
    expect(page.get_by_role("heading", level=1)).to_have_text("Present a case")
    if js:
        live_check(pediatrician)

    # The mother's name and the birth date are marked, and nothing is saved.
    fill_case(page, FAMILY_WITH_IDENTIFIERS)
    pediatrician.click(page.get_by_role("button", name="Save case"), status=422, path=NEW_CASE)
    assert urlsplit(page.url).path == NEW_CASE
    expect(page.get_by_role("alert")).to_contain_text("Not saved: remove the marked identifiers")
    family_findings = page.locator("#family_context-findings")
    expect(family_findings.locator("mark.phi-block")).to_have_text(
        [f"{MOTHER_FIRST} {MOTHER_LAST}", BIRTH_DATE]
    )
    expect(page.locator("main mark")).to_have_count(2)  # no other field is marked
    # Each finding's rewrite: a button with JavaScript, the suggestion to copy without it.
    rewrite = family_findings.get_by_role("button", name=re.compile(r"^Replace"))
    if js:
        expect(rewrite).to_have_count(2)
    else:
        expect(rewrite).to_have_count(0)  # hidden: no script to apply it
    expect(family_findings.locator("code")).to_have_text(["[the child's mother]", "[2012]"])
    # What was typed is kept, so only the identifiers need rewriting.
    expect(page.get_by_label("Family and social context")).to_have_value(FAMILY_WITH_IDENTIFIERS)
    expect(page.get_by_label("Age", exact=True)).to_have_value("12")
    expect(page.get_by_label(re.compile(r"^I have removed every identifier"))).to_be_checked()
    expect(page.get_by_label("Anxiety", exact=True)).to_be_checked()

    # Rewritten without them, the case is saved.
    page.get_by_label("Family and social context").fill(FAMILY)
    pediatrician.click(page.get_by_role("button", name="Save case"))
    found = CASE_PATH.match(urlsplit(page.url).path)
    assert found, f"saving the case led to {page.url}"
    case_id = found.group(1)
    assert pediatrician.notice() == "The case is saved. Nothing with an identifier was stored."
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {case_id}")
    assert status_line(pediatrician) == "Status: draft"
    case_details = page.locator("dl.case")
    expect(case_details).to_contain_text(FAMILY)
    expect(case_details).to_contain_text(CASE["Your question for the hub"])

    pediatrician.click(page.get_by_role("button", name="Submit to the hub"))
    assert urlsplit(page.url).path == f"/cases/{case_id}"
    assert pediatrician.notice() == "The case is submitted: it is in the hub's triage list now."
    assert status_line(pediatrician) == "Status: submitted"
    expect(page.get_by_role("button", name="Submit to the hub")).to_have_count(0)

    # The coordinator finds it in the hub's triage list and reviews it.
    coordinator = open_browser(js=js)
    page = coordinator.page
    log_in(coordinator, COORDINATOR)
    coordinator.click(page.get_by_role("link", name=f"Manage {HUB_NAME}"))
    coordinator.click(page.get_by_role("link", name="Case triage"))
    assert urlsplit(page.url).path == "/hubs/cascadia/cases"
    row = (
        page.get_by_role("table")
        .locator("tbody tr")
        .filter(has=page.get_by_role("link", name=f"Case {case_id}", exact=True))
    )
    expect(row.locator("td")).to_have_text(
        [f"Case {case_id}", PROGRAM_TITLE, re.compile(r"\S"), "submitted", "anxiety, other"]
    )
    coordinator.click(row.get_by_role("link", name=f"Case {case_id}", exact=True))
    assert urlsplit(page.url).path == f"/cases/{case_id}"
    expect(page.locator("dl.case")).to_contain_text(FAMILY)

    coordinator.click(page.get_by_role("button", name="Start review"))
    assert coordinator.notice() == "Review started: the case shows as in review to the submitter."
    assert status_line(coordinator) == "Status: in review"

    # Accepted into an upcoming session, it is scheduled there.
    session_id = choose_open_session(coordinator, echo_server.database)
    page.get_by_label(re.compile(r"^Session to present in")).select_option(session_id)
    coordinator.click(page.get_by_role("button", name="Accept and schedule"))
    assert urlsplit(page.url).path == f"/cases/{case_id}"
    assert coordinator.notice() == (
        "The case is accepted and scheduled in the session you chose; the submitter is emailed."
    )
    assert status_line(coordinator).startswith("Status: accepted · Scheduled for ")
    history = page.get_by_role("table").locator("tbody tr td:nth-child(3)")
    expect(history).to_contain_text(
        [
            "create",
            "submit: draft → submitted",
            "review: submitted → in review",
            "accept: in review → accepted",
        ]
    )

    coordinator.click(page.locator("main p.meta").get_by_role("link"))
    assert urlsplit(page.url).path == f"/sessions/{session_id}"
    presentations = page.get_by_role("heading", name="Case presentations").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(presentations.get_by_role("link", name=f"Case {case_id}", exact=True)).to_be_visible()
    expect(presentations).to_contain_text(f"Case {case_id}: 12 years, anxiety, other")

    # The pediatrician sees it scheduled too.
    pediatrician.goto(f"/cases/{case_id}")
    assert status_line(pediatrician).startswith("Status: accepted · Scheduled for ")

    # The lead faculty member drafts recommendations; a phone number is blocked there too.
    faculty = open_browser(js=js)
    page = faculty.page
    log_in(faculty, LEAD_FACULTY)
    faculty.goto(f"/cases/{case_id}")
    faculty.click(page.get_by_role("link", name="Draft recommendations"))
    edit_path = f"/cases/{case_id}/recommendations/edit"
    assert urlsplit(page.url).path == edit_path
    for label, text in RECOMMENDATIONS.items():
        page.get_by_label(label, exact=True).fill(text)
    page.get_by_label("Safety planning", exact=True).fill(
        f"Crisis line and the therapist at {THERAPIST_PHONE}."
    )
    if js:  # let the live check answer first, so its response is not taken for the save's
        expect(page.locator("#safety_plan-findings mark.phi-block")).to_have_text(THERAPIST_PHONE)
    page.get_by_label(re.compile(r"^Clinical Practice Guideline .* Anxiety Disorders")).check()
    faculty.click(page.get_by_role("button", name="Save draft"), status=422, path=edit_path)
    expect(page.locator("#safety_plan-findings mark.phi-block")).to_have_text(THERAPIST_PHONE)
    page.get_by_label("Safety planning", exact=True).fill("Crisis line 988; lock up medicines.")
    if js:
        expect(page.locator("#safety_plan-findings mark")).to_have_count(0)
    faculty.click(page.get_by_role("button", name="Save draft"))
    assert faculty.notice() == "The draft recommendations are saved."

    # After the session, the coordinator marks it presented and the lead releases.
    coordinator.goto(f"/cases/{case_id}")
    coordinator.click(coordinator.page.get_by_role("button", name="Mark presented"))
    assert status_line(coordinator).startswith("Status: presented")
    faculty.goto(f"/cases/{case_id}")
    faculty.click(page.get_by_role("button", name="Release to the submitter"))
    assert faculty.notice() == "The recommendations are released to the submitter."

    # The pediatrician reads them in the app, on the printable page and in the PDF.
    toolkit_title = "Clinical Practice Guideline for the Assessment and Treatment"
    page = pediatrician.page
    pediatrician.goto(f"/cases/{case_id}")
    assert status_line(pediatrician).startswith("Status: released")
    section = page.get_by_role("region", name="Written recommendations")
    for text in RECOMMENDATIONS.values():
        expect(section).to_contain_text(text)
    expect(section).to_contain_text(toolkit_title)  # a journal citation: no link
    pediatrician.click(section.get_by_role("link", name="Printable page"))
    assert urlsplit(page.url).path == f"/cases/{case_id}/recommendations"
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Recommendations for case {case_id}")
    expect(page.locator("article")).to_contain_text("Start sertraline 25 mg daily")
    pdf_link = page.get_by_role("link", name="Download PDF")
    expect(pdf_link).to_have_attribute("hx-boost", "false")
    document = page.request.get(str(pdf_link.get_attribute("href")))
    assert document.status == 200 and document.headers["content-type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(document.body()))
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Start sertraline 25 mg daily for a week, then 50 mg" in pdf_text

    # The blocked identifiers went nowhere: not the database, not the server's output.
    assert_nothing_blocked_was_kept(echo_server)
