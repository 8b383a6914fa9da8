"""Session materials: content sniffing, file names, storage, and upload/download through the app."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from httpx2 import Response
from sqlmodel import col, select
from starlette.testclient import TestClient

from echo.db import Database
from echo.programs import materials
from echo.programs.models import Program, ProgramSession, SessionMaterial
from echo.settings import Settings
from tests.helpers import logged_in, page_csrf, text_of

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def minimal_pdf() -> bytes:
    """A valid one-page PDF (ISO 32000-1 section 7.5) with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def office_package(main_part: str, main_type: str, *, content_types: str | None = None) -> bytes:
    """An Open Packaging Conventions ZIP with one main part, as Office writes it."""
    declared = content_types or (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Types xmlns="{CONTENT_TYPES_NS}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="{main_type}"/>'
        "</Types>"
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{RELS_NS}">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/officeDocument" Target="{main_part}"/>'
        "</Relationships>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", declared)
        package.writestr("_rels/.rels", relationships)
        package.writestr(main_part, '<?xml version="1.0" encoding="UTF-8"?><root/>')
    return buffer.getvalue()


def minimal_pptx() -> bytes:
    return office_package("ppt/presentation.xml", PPTX + ".main+xml")


def minimal_docx() -> bytes:
    return office_package(
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    )


# --- sniff -------------------------------------------------------------------------------------


def test_sniff_pdf() -> None:
    assert materials.sniff(minimal_pdf()) == "application/pdf"


def test_sniff_pptx() -> None:
    assert materials.sniff(minimal_pptx()) == PPTX


def test_sniff_text_renamed_to_pdf_is_none() -> None:
    assert materials.sniff(b"Slides for Tuesday: ADHD in primary care\n") is None


def test_sniff_docx_is_none() -> None:
    assert materials.sniff(minimal_docx()) is None


def test_sniff_empty_is_none() -> None:
    assert materials.sniff(b"") is None


def test_sniff_damaged_zip_is_none() -> None:
    assert materials.sniff(minimal_pptx()[:200]) is None


def test_sniff_zip_without_content_types_is_none() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("ppt/presentation.xml", "<root/>")
    assert materials.sniff(buffer.getvalue()) is None


def test_sniff_pptx_whose_main_part_is_missing_is_none() -> None:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(minimal_pptx())) as source,
        zipfile.ZipFile(buffer, "w") as package,
    ):
        for name in source.namelist():
            if name != "ppt/presentation.xml":
                package.writestr(name, source.read(name))
    assert materials.sniff(buffer.getvalue()) is None


def test_sniff_content_types_with_a_dtd_is_none() -> None:
    entities = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "aaaaaaaaaa">]>'
        f'<Types xmlns="{CONTENT_TYPES_NS}"><Override PartName="/ppt/presentation.xml" '
        f'ContentType="{PPTX}.main+xml"/>&a;</Types>'
    )
    package = office_package("ppt/presentation.xml", "", content_types=entities)
    assert materials.sniff(package) is None


def test_sniff_oversized_content_types_is_none_without_inflating_it() -> None:
    # 50 MB of spaces deflate to about 50 KB: a small zip bomb in the one member read.
    padding = " " * (50 * 1024 * 1024)
    declared = (
        f'<Types xmlns="{CONTENT_TYPES_NS}"><Override PartName="/ppt/presentation.xml" '
        f'ContentType="{PPTX}.main+xml"/>{padding}</Types>'
    )
    package = office_package("ppt/presentation.xml", "", content_types=declared)
    assert len(package) < 1024 * 1024
    assert materials.sniff(package) is None


# --- file names --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("ADHD update.pdf", "application/pdf", "ADHD update.pdf"),
        ("C:\\Users\\amy\\Desktop\\ADHD update.PDF", "application/pdf", "ADHD update.pdf"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("slides.txt", PPTX, "slides.pptx"),
        ("Anxiety deck", PPTX, "Anxiety deck.pptx"),
        ("Dr. Smith: ADHD\x00\n.PDF", "application/pdf", "Dr. Smith ADHD.pdf"),
        ("invoice\u202efdp.exe", "application/pdf", "invoicefdp.pdf"),
        ("Übersicht Angststörungen.pptx", PPTX, "Übersicht Angststörungen.pptx"),
        ('a<b>"c"|d?.pdf', "application/pdf", "a b c d.pdf"),
        ("", "application/pdf", "material.pdf"),
        ("...", PPTX, "material.pptx"),
        (".pdf", "application/pdf", "material.pdf"),
        ("a" * 300 + ".pdf", "application/pdf", "a" * 150 + ".pdf"),
    ],
)
def test_safe_filename(name: str, content_type: str, expected: str) -> None:
    assert materials.safe_filename(name, content_type) == expected


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        (
            "ADHD update.pdf",
            "attachment; filename=\"ADHD update.pdf\"; filename*=UTF-8''ADHD%20update.pdf",
        ),
        (
            "Übersicht 100%.pptx",
            'attachment; filename="Ubersicht 100_.pptx"; '
            "filename*=UTF-8''%C3%9Cbersicht%20100%25.pptx",
        ),
        (
            "日本語.pdf",
            'attachment; filename="material.pdf"; '
            "filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf",
        ),
    ],
)
def test_content_disposition(filename: str, expected: str) -> None:
    assert materials.content_disposition(filename) == expected


# --- storage -----------------------------------------------------------------------------------


def test_store_writes_by_hash_once(tmp_path: Path) -> None:
    data = minimal_pdf()
    digest = hashlib.sha256(data).hexdigest()
    assert materials.store(tmp_path, data) == digest
    assert materials.store(tmp_path, data) == digest
    path = tmp_path / "uploads" / digest[:2] / digest
    assert materials.path_for(tmp_path, digest) == path
    assert path.read_bytes() == data
    assert sorted(p.name for p in path.parent.iterdir()) == [digest]


@pytest.mark.parametrize("digest", ["../../secret_key", "A" * 64, "0" * 63])
def test_path_for_refuses_anything_but_a_digest(tmp_path: Path, digest: str) -> None:
    with pytest.raises(ValueError, match="not a SHA-256 hex digest"):
        materials.path_for(tmp_path, digest)


# --- upload and download through the app -------------------------------------------------------


@pytest.fixture
def session_id(database: Database) -> int:
    """The first session of the demo program peds-mh-echo (run by the Cascadia hub)."""
    with database.write() as session:
        found = session.exec(
            select(ProgramSession.id)
            .join(Program, col(Program.id) == ProgramSession.program_id)
            .where(Program.slug == "peds-mh-echo")
            .order_by(col(ProgramSession.starts_at))
        ).first()
    assert found is not None
    return found


def upload(client: TestClient, session_id: int, name: str, data: bytes) -> Response:
    token = page_csrf(client, f"/sessions/{session_id}")
    return client.post(
        f"/sessions/{session_id}/materials",
        data={"csrf_token": token},
        files={"file": (name, data, "application/pdf")},
    )


def stored_materials(database: Database) -> list[SessionMaterial]:
    with database.write() as session:
        return list(session.exec(select(SessionMaterial).order_by(col(SessionMaterial.id))))


def test_coordinator_uploads_pdf_and_session_page_lists_it(
    client: TestClient, database: Database, settings: Settings, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")
    data = minimal_pdf()

    response = upload(client, session_id, "C:\\fakepath\\ADHD update.pdf", data)

    assert response.status_code == 303
    assert response.headers["location"] == f"/sessions/{session_id}?notice=material-added"
    [material] = stored_materials(database)
    assert (material.session_id, material.filename, material.content_type) == (
        session_id,
        "ADHD update.pdf",
        "application/pdf",
    )
    assert material.size_bytes == len(data)
    assert material.sha256 == hashlib.sha256(data).hexdigest()
    assert materials.path_for(settings.var_dir, material.sha256).read_bytes() == data
    page = client.get(response.headers["location"]).text
    assert "The file is uploaded." in text_of(page)
    # A plain download: htmx's boost would swap the file's bytes into the page.
    link = (
        f'<a href="/sessions/{session_id}/materials/{material.id}" hx-boost="false">'
        "ADHD update.pdf</a>"
    )
    assert link in page


def test_faculty_uploads_pptx_named_from_its_content(
    client: TestClient, database: Database, session_id: int
) -> None:
    logged_in(client, "faculty@example.org")

    response = upload(client, session_id, "anxiety-deck.pdf", minimal_pptx())

    assert response.status_code == 303
    [material] = stored_materials(database)
    assert (material.filename, material.content_type) == ("anxiety-deck.pptx", PPTX)


def test_participant_downloads_material(
    client: TestClient, make_client: object, session_id: int, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    data = minimal_pdf()
    assert upload(client, session_id, "Übersicht ADHD.pdf", data).status_code == 303
    [material] = stored_materials(database)
    participant = logged_in(make_client(), "pediatrician@example.org")  # type: ignore[operator]

    response = participant.get(f"/sessions/{session_id}/materials/{material.id}")

    assert response.status_code == 200
    assert response.content == data
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"Ubersicht ADHD.pdf\"; filename*=UTF-8''%C3%9Cbersicht%20ADHD.pdf"
    )
    assert response.headers["content-length"] == str(len(data))
    assert response.headers["x-content-type-options"] == "nosniff"
    # The view sends "private, no-store"; the security headers middleware replaces any
    # Cache-Control on a signed-in person's response with its own "no-store".
    assert response.headers["cache-control"] == "no-store"


def test_download_is_404_for_outsider(
    client: TestClient, make_client: object, session_id: int, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    assert upload(client, session_id, "slides.pdf", minimal_pdf()).status_code == 303
    [material] = stored_materials(database)
    outsider = logged_in(make_client(), "outsider@example.org")  # type: ignore[operator]

    response = outsider.get(f"/sessions/{session_id}/materials/{material.id}")

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "slides.pdf" not in outsider.get(f"/sessions/{session_id}").text


def test_download_asks_anonymous_visitor_to_log_in(
    client: TestClient, make_client: object, session_id: int, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    assert upload(client, session_id, "slides.pdf", minimal_pdf()).status_code == 303
    [material] = stored_materials(database)
    path = f"/sessions/{session_id}/materials/{material.id}"

    response = make_client().get(path)  # type: ignore[operator]

    assert response.status_code == 303
    assert (
        response.headers["location"]
        == f"/login?next=%2Fsessions%2F{session_id}%2Fmaterials%2F{material.id}"
    )


def test_download_through_another_session_is_404(
    client: TestClient, session_id: int, database: Database
) -> None:
    logged_in(client, "coordinator@example.org")
    assert upload(client, session_id, "slides.pdf", minimal_pdf()).status_code == 303
    [material] = stored_materials(database)

    response = client.get(f"/sessions/{session_id + 1}/materials/{material.id}")

    assert response.status_code == 404
    assert client.get(f"/sessions/{session_id}/materials/{material.id + 1}").status_code == 404


def test_download_of_a_missing_stored_file_is_404(
    client: TestClient, database: Database, settings: Settings, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")
    assert upload(client, session_id, "slides.pdf", minimal_pdf()).status_code == 303
    [material] = stored_materials(database)
    materials.path_for(settings.var_dir, material.sha256).unlink()

    response = client.get(f"/sessions/{session_id}/materials/{material.id}")

    assert response.status_code == 404
    assert "Page not found" in response.text


def test_participant_cannot_upload(
    client: TestClient, database: Database, settings: Settings, session_id: int
) -> None:
    logged_in(client, "pediatrician@example.org")

    response = upload(client, session_id, "slides.pdf", minimal_pdf())

    assert response.status_code == 404
    assert "Page not found" in response.text
    assert stored_materials(database) == []
    assert not (settings.var_dir / "uploads").exists()


FILE_FIELD = (
    '<p class="hint" id="file-hint">PDF or PowerPoint (.pptx), up to 25 MB.</p>'
    '<p class="field-error" id="file-error"><span class="visually-hidden">Error: </span>{}</p>\n'
    '      <input id="file" name="file" type="file" accept=".pdf,.pptx" required'
    ' aria-describedby="file-hint file-error" aria-invalid="true">'
)


def test_text_file_named_pdf_is_refused_next_to_the_field(
    client: TestClient, database: Database, settings: Settings, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")

    response = upload(client, session_id, "slides.pdf", b"Slides for Tuesday\n")

    assert response.status_code == 422
    message = "Choose a PDF or PowerPoint (.pptx) file; this file is neither."
    assert FILE_FIELD.format(message) in response.text
    assert f'<a href="#file">File: {message}</a>' in response.text
    assert stored_materials(database) == []
    assert not (settings.var_dir / "uploads").exists()


def test_file_over_25_mb_is_refused(
    client: TestClient, database: Database, settings: Settings, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")
    data = minimal_pdf() + b"0" * (materials.MAX_BYTES - len(minimal_pdf()) + 1)

    response = upload(client, session_id, "huge.pdf", data)

    assert response.status_code == 422
    message = (
        "The file is larger than 25 MB; make it smaller (for example, compress its pictures "
        "or split it in two) and upload it again."
    )
    assert FILE_FIELD.format(message) in response.text
    assert stored_materials(database) == []
    assert not (settings.var_dir / "uploads").exists()


def test_file_of_exactly_25_mb_is_accepted(
    client: TestClient, database: Database, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")
    data = minimal_pdf() + b"0" * (materials.MAX_BYTES - len(minimal_pdf()))

    response = upload(client, session_id, "big.pdf", data)

    assert response.status_code == 303
    assert [m.size_bytes for m in stored_materials(database)] == [materials.MAX_BYTES]


def test_upload_without_a_file_is_refused(
    client: TestClient, database: Database, session_id: int
) -> None:
    logged_in(client, "coordinator@example.org")

    response = upload(client, session_id, "", b"")

    assert response.status_code == 422
    assert FILE_FIELD.format("Choose a file to upload.") in response.text
    assert stored_materials(database) == []
