"""Certificate PDF (pure): text, fonts and QR code read back with pypdf; structure by qpdf's
checker (pikepdf)."""

from __future__ import annotations

import dataclasses
import io
import re
from typing import Any

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ContentStream

from echo.cme.certificate_pdf import CertificateDocument, CertificateTooLong, render_certificate
from tests.helpers import pdf_structure_problems

PROVIDER = "Riverside Children's Hospital"
URL = "https://echo.example.org/verify/ECHO-7KQ2-M9XW"
DATES = "10 March \u2013 24 November 2026"  # an en dash between the dates
NAMES = ("Nguyễn Thị Ánh, MD", "Zoë Ångström, DO", "O'Brien-Łukasz, PA-C")
DESIGNATION = (
    (f"{PROVIDER} designates this live activity for a maximum of 1.25 ", False),
    ("AMA PRA Category 1 Credits", True),
    (
        "™. Physicians should claim only the credit commensurate with the extent of their "
        "participation in the activity.",
        False,
    ),
)
ACCREDITATION = (
    f"{PROVIDER} is accredited by the Accreditation Council for Continuing Medical Education "
    "(ACCME) to provide continuing medical education for physicians."
)
MOC = (
    "Successful completion of this CME activity enables the participant to earn up to 1.25 MOC "
    "points in the American Board of Pediatrics' (ABP) Maintenance of Certification program."
)

DOCUMENT = CertificateDocument(
    kind="ama",
    learner_name=NAMES[0],
    provider=PROVIDER,
    activity_title="Pediatric Mental Health ECHO: Anxiety and Depression in Primary Care",
    learning_format="Live activity (virtual)",
    dates=DATES,
    credits_line="1.25 AMA PRA Category 1 Credits™ claimed",
    designation_runs=DESIGNATION,
    accreditation_statement=ACCREDITATION,
    moc_statement=MOC,
    code="ECHO-7KQ2-M9XW",
    verify_url=URL,
    issued_on="25 November 2026",
    status_note="Supersedes certificate ECHO-3HJD-P2LA",
)


def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare as one."""
    return " ".join(text.split())


def text_of(data: bytes) -> str:
    return flat("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


@pytest.mark.parametrize("name", NAMES)
def test_every_element_is_printed_and_extractable(name: str) -> None:
    text = text_of(render_certificate(dataclasses.replace(DOCUMENT, learner_name=name)))
    designation = "".join(run for run, _ in DESIGNATION)
    for value in (
        PROVIDER,
        "Certificate of Credit",
        name,
        DOCUMENT.activity_title,
        "Live activity (virtual)",
        DATES,
        "1.25 AMA PRA Category 1 Credits™ claimed",
        designation,
        ACCREDITATION,
        MOC,
        "ECHO-7KQ2-M9XW",
        URL,
        "Issued 25 November 2026",
        "Supersedes certificate ECHO-3HJD-P2LA",
    ):
        assert flat(value) in text, value


def test_one_letter_landscape_page_with_metadata() -> None:
    pdf = PdfReader(io.BytesIO(render_certificate(DOCUMENT)))
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (792, 612)
    assert pdf.metadata is not None
    assert pdf.metadata.title == f"Certificate of Credit: {DOCUMENT.activity_title}"
    assert pdf.metadata.author == PROVIDER
    assert str(pdf.root_object["/Lang"]) == "en"


def test_all_fonts_are_embedded_subsets() -> None:
    page = PdfReader(io.BytesIO(render_certificate(DOCUMENT))).pages[0]
    resources: Any = page["/Resources"]
    fonts = [font.get_object() for font in resources["/Font"].values()]
    names = set()
    for font in fonts:
        assert font["/Subtype"] == "/Type0"
        descendant = font["/DescendantFonts"][0].get_object()
        assert "/FontFile2" in descendant["/FontDescriptor"]  # the TrueType program is embedded
        assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font["/BaseFont"]))  # subset tag
        names.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert names == {"DejaVuSansBook", "DejaVuSansBold", "DejaVuSansOblique"}


def test_qpdf_checker_finds_no_structural_errors() -> None:
    assert pdf_structure_problems(render_certificate(DOCUMENT)) == []


def test_qpdf_checker_reports_a_damaged_certificate() -> None:
    """The check can fail: a certificate with its stream lengths garbled is reported."""
    damaged = render_certificate(DOCUMENT).replace(b"/Length ", b"/Length 9", 3)
    assert pdf_structure_problems(damaged) != []


def test_qr_code_is_vector_and_encodes_the_verify_url() -> None:
    """The filled rectangles of the QR path, put back on a grid, are segno's symbol."""
    pdf = PdfReader(io.BytesIO(render_certificate(DOCUMENT)))
    rectangles = _qr_rectangles(pdf.pages[0].get_contents(), pdf)
    expected = segno.make_qr(URL, error="m").matrix
    module = min(abs(height) for _, _, _, height in rectangles)
    left = min(x for x, _, _, _ in rectangles)
    top = min(y for _, y, _, _ in rectangles)
    dark: set[tuple[int, int]] = set()
    for x, y, width, _ in rectangles:
        row, first = round((y - top) / module), round((x - left) / module)
        dark.update((row, column) for column in range(first, first + round(width / module)))
    assert dark == {
        (r, c) for r, line in enumerate(expected) for c, value in enumerate(line) if value
    }
    assert not pdf.pages[0].images  # drawn, not embedded as a picture


def test_qr_code_and_address_link_to_the_verify_page() -> None:
    page = PdfReader(io.BytesIO(render_certificate(DOCUMENT))).pages[0]
    targets = [str(a.get_object()["/A"]["/URI"]) for a in page.get("/Annots", [])]
    assert targets.count(URL) == 2


def test_participation_certificate_and_no_moc_or_status() -> None:
    document = dataclasses.replace(
        DOCUMENT,
        kind="participation",
        learner_name="Zoë Ångström, LCSW",
        credits_line="1.25 hours of participation",
        moc_statement="",
        status_note="",
    )
    text = text_of(render_certificate(document))
    assert "Certificate of Participation" in text
    assert "1.25 hours of participation" in text
    assert "MOC" not in text and "Supersedes" not in text


def test_text_is_plain_never_markup() -> None:
    document = dataclasses.replace(DOCUMENT, activity_title="**Bold** <b>tags</b> and\ttabs")
    assert "**Bold** <b>tags</b> and tabs" in text_of(render_certificate(document))


def test_long_text_is_set_smaller_to_stay_on_one_page() -> None:
    long_statement = " ".join([ACCREDITATION] * 6)
    document = dataclasses.replace(DOCUMENT, accreditation_statement=long_statement)
    data = render_certificate(document)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert flat(long_statement) in text_of(data)


def test_text_too_long_for_any_size_is_refused() -> None:
    document = dataclasses.replace(DOCUMENT, accreditation_statement=" ".join([ACCREDITATION] * 60))
    with pytest.raises(CertificateTooLong):
        render_certificate(document)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown certificate kind"):
        render_certificate(dataclasses.replace(DOCUMENT, kind="moc"))


def test_documents_do_not_share_font_state() -> None:
    """Fonts are parsed once, but each PDF embeds only the glyphs it uses."""
    before = render_certificate(DOCUMENT)
    render_certificate(dataclasses.replace(DOCUMENT, learner_name="Ωμέγα Жуков ĀĒĪŌŪ"))
    after = render_certificate(DOCUMENT)
    assert len(after) == len(before)  # same bytes but for the creation date
    assert "Ωμέγα" not in text_of(after)


def _qr_rectangles(contents: Any, pdf: PdfReader) -> list[tuple[float, float, float, float]]:
    """The `re` operands of the largest group of rectangles filled by one `f`."""
    groups: list[list[tuple[float, float, float, float]]] = [[]]
    for operands, operator in ContentStream(contents, pdf).operations:
        if operator == b"re":
            groups[-1].append(tuple(float(v) for v in operands))  # type: ignore[arg-type]
        elif operator in (b"f", b"f*", b"S", b"B", b"n"):
            groups.append([])
    return max(groups, key=len)
