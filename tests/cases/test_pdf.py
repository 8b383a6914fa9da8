"""Recommendations PDF (pure): read back with pypdf for text, metadata, links and pages."""

from __future__ import annotations

import dataclasses
import io
import re

from pypdf import PdfReader

from echo.cases.pdf import RecommendationDocument, render_pdf

URL = "https://www.aacap.org/AACAP/Resources_for_Primary_Care/Depression.aspx"
FOOTER = "Educational recommendations only; they do not establish a doctor-patient relationship."

DOCUMENT = RecommendationDocument(
    title="Recommendations for case 12",
    program_title="Child Psychiatry ECHO",
    hub_name="Riverside Children's Hub",
    presented_on="Tue 3 Mar 2027, 12:00 PM EST (America/New_York)",
    released_by="Dr. Priya Natarajan",
    released_on="Wed 4 Mar 2027, 9:30 AM EST (America/New_York)",
    question="Should we increase the fluoxetine dose or add therapy first?",
    sections=(
        ("Assessment", "Moderate depression with insomnia.\n\nRule out bipolar features."),
        ("Medication", "fluoxetine 10 mg → 20 mg, ≥ 4 weeks, niño, café"),
        ("Follow-up", "   \n\n  "),
        ("Markup", "Plain text: <b>not html</b> and **not markdown** and <script>x</script>"),
    ),
    resources=(
        ("Depression toolkit", "AACAP", URL),
        ("Practice parameter", "J Am Acad Child Adolesc Psychiatry", "2007;46(11):1503-26"),
    ),
    footer=FOOTER,
)


def reader(document: RecommendationDocument) -> PdfReader:
    return PdfReader(io.BytesIO(render_pdf(document)))


def text_of(pdf: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in pdf.pages)


def flat(text: str) -> str:
    """Whitespace collapsed, so wrapped lines compare as one."""
    return " ".join(text.split())


def link_targets(pdf: PdfReader) -> list[str]:
    targets = []
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A", {})
            if action.get("/S") == "/URI":
                targets.append(str(action["/URI"]))
    return targets


def test_output_is_a_pdf_with_metadata() -> None:
    data = render_pdf(DOCUMENT)
    assert data.startswith(b"%PDF-")
    pdf = PdfReader(io.BytesIO(data))
    assert pdf.metadata is not None
    assert pdf.metadata.title == "Recommendations for case 12"
    assert pdf.metadata.author == "Riverside Children's Hub"
    assert str(pdf.root_object["/Lang"]) == "en"


def test_title_metadata_block_and_question_are_printed() -> None:
    text = flat(text_of(reader(DOCUMENT)))
    assert text.startswith("Recommendations for case 12")
    for value in (
        "Child Psychiatry ECHO",
        "Riverside Children's Hub",
        "Tue 3 Mar 2027, 12:00 PM EST (America/New_York)",
        "Dr. Priya Natarajan",
        "Wed 4 Mar 2027, 9:30 AM EST (America/New_York)",
        "Should we increase the fluoxetine dose or add therapy first?",
    ):
        assert value in text


def test_empty_metadata_values_are_left_out() -> None:
    text = text_of(reader(dataclasses.replace(DOCUMENT, presented_on="")))
    assert "Presented" not in text
    assert "Released by" in text


def test_sections_with_a_body_are_printed_and_empty_ones_omitted() -> None:
    text = text_of(reader(DOCUMENT))
    for heading in ("Question", "Assessment", "Medication", "Markup", "Resources"):
        assert heading in text
    assert "Moderate depression with insomnia." in text
    assert "Rule out bipolar features." in text
    assert "Follow-up" not in text


def test_paragraphs_stay_apart() -> None:
    lines = text_of(reader(DOCUMENT)).splitlines()
    assert "Moderate depression with insomnia." in lines
    assert "Rule out bipolar features." in lines


def test_unicode_survives() -> None:
    text = text_of(reader(DOCUMENT))
    assert "fluoxetine 10 mg → 20 mg, ≥ 4 weeks, niño, café" in text


def test_text_is_not_read_as_markup() -> None:
    text = flat(text_of(reader(DOCUMENT)))
    assert "<b>not html</b>" in text
    assert "**not markdown**" in text
    assert "<script>x</script>" in text


def test_page_count_placeholder_in_text_is_printed_as_typed() -> None:
    document = dataclasses.replace(DOCUMENT, question="Literal {nb} and \x00\x00 here")
    assert "Literal {nb} and here" in flat(text_of(reader(document)))


def test_web_address_is_a_link_and_citation_is_text() -> None:
    pdf = reader(DOCUMENT)
    assert link_targets(pdf) == [URL]
    text = flat(text_of(pdf))
    assert URL in text
    assert "2007;46(11):1503-26" in text
    assert "Depression toolkit" in text
    assert "J Am Acad Child Adolesc Psychiatry" in text


def test_non_http_address_is_not_a_link() -> None:
    document = dataclasses.replace(
        DOCUMENT,
        resources=(("Bad", "", "javascript:alert(1)"), ("Local", "", "file:///etc/passwd")),
    )
    pdf = reader(document)
    assert link_targets(pdf) == []
    assert "javascript:alert(1)" in text_of(pdf)


def test_non_ascii_address_is_percent_encoded_in_the_link() -> None:
    document = dataclasses.replace(
        DOCUMENT, resources=(("Guía", "Salud", "https://example.org/guía?q=niño"),)
    )
    assert link_targets(reader(document)) == ["https://example.org/gu%C3%ADa?q=ni%C3%B1o"]


def test_long_unbroken_token_wraps() -> None:
    token = "x" * 300
    url = "https://example.org/" + "a" * 300
    document = dataclasses.replace(
        DOCUMENT,
        title="T" * 300,
        sections=(("Token", token),),
        resources=(("R" * 300, "P" * 300, url),),
    )
    pdf = reader(document)
    assert len(pdf.pages) == 2  # the address runs on past the first footer
    body = re.sub(r"Page \d+ of \d+", "", text_of(pdf).replace(FOOTER, "")).replace("\n", "")
    assert token in body
    assert url in body
    assert set(link_targets(pdf)) == {url}


def test_long_document_has_several_pages_and_numbered_footers() -> None:
    paragraph = "Consider a stepped-care approach with measurement-based follow-up. " * 12
    sections = tuple((f"Section {n}", f"{paragraph}\n\n{paragraph}") for n in range(1, 13))
    pdf = reader(dataclasses.replace(DOCUMENT, sections=sections))
    pages = len(pdf.pages)
    assert pages >= 3
    for number, page in enumerate(pdf.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert FOOTER in flat(text)
    assert "Section 12" in text_of(pdf)


def test_long_disclaimer_is_cut_and_body_stays_above_it() -> None:
    footer = "This disclaimer goes on and on. " * 60
    pdf = reader(dataclasses.replace(DOCUMENT, footer=footer))
    text = text_of(pdf)
    assert "…" in text
    assert f"Page 1 of {len(pdf.pages)}" in text


def test_no_section_no_resources_still_renders() -> None:
    document = dataclasses.replace(DOCUMENT, question="", sections=(), resources=(), footer="")
    pdf = reader(document)
    text = text_of(pdf)
    assert "Resources" not in text
    assert re.search(r"Page 1 of 1\b", text)
