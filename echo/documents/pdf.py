"""The base of Echo's PDFs (pure: no database, no HTTP, no network): US Letter pages in
millimetres, DejaVu Sans, document metadata, colours and links.

DejaVu Sans (regular, bold and oblique) is shipped in `fonts/` (Bitstream Vera licence, see
fonts/LICENSE) and embedded as subsets; it covers Latin, Greek, Cyrillic, arrows and math
signs. Characters it lacks (emoji, CJK) are left out of the page and fpdf2 logs a warning.

Fonts are parsed once per process (see `add_fonts`): fpdf2 otherwise parses each 700 kB
font file again for every document, a large part of the cost of a batch of certificates.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fontTools ships no types
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.prefs import ViewerPreferences

FONTS_DIR = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
FONT_FILES = {
    "": FONTS_DIR / "DejaVuSans.ttf",
    "B": FONTS_DIR / "DejaVuSans-Bold.ttf",
    "I": FONTS_DIR / "DejaVuSans-Oblique.ttf",
}
MM_PER_POINT = 0.3528  # font sizes are in points, positions in millimetres

Colour = tuple[int, int, int]
TEXT_COLOUR: Colour = (25, 25, 25)
MUTED_COLOUR: Colour = (90, 90, 90)
ACCENT_COLOUR: Colour = (0, 82, 155)  # headings of certificates, links

_WEB_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)
_URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"  # ASCII punctuation kept as is; the rest is %-encoded

# Tables fpdf2 drops when it embeds a font, plus "kern": a PDF places every glyph itself
# (ISO 32000-1 section 9.4.4), so viewers never read it. Removing them once, up front, spares
# every document the work of decoding them while subsetting.
_UNUSED_TABLES = ("FFTM", "GDEF", "GPOS", "GSUB", "MATH", "kern")


def letter(orientation: Literal["portrait", "landscape"], *styles: str) -> FPDF:
    """A new US Letter document in millimetres with the DejaVu faces ``styles`` ("", "B",
    "I"; regular and bold when none are named)."""
    pdf = FPDF(orientation=orientation, unit="mm", format="letter")
    add_fonts(pdf, *styles)
    return pdf


def add_fonts(pdf: FPDF, *styles: str) -> None:
    """Register the DejaVu faces ``styles`` in `pdf` (regular and bold when none are
    named), as `add_font` would, from fonts parsed once per process.

    fpdf2 keeps two things per font: metrics and character map, which never change, and a
    fontTools font it cuts down in place to the used glyphs when the PDF is written, which
    therefore cannot be shared. Each document gets the shared metrics and its own fontTools
    font, opened (lazily) from bytes held in memory. This sets fpdf2 2.8's TTFFont attributes
    directly; the certificate, transcript and recommendation tests check the fonts and text
    of the results.
    """
    for style in styles or ("", "B"):
        parsed, data = _parsed_font(style)
        font = copy.copy(parsed)
        font.i = len(pdf.fonts) + 1  # fpdf2 numbers fonts in the order they are added
        font.ttfont = TTFont(BytesIO(data), recalcTimestamp=False, lazy=True)
        font.subset = SubsetMap(font)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        pdf.fonts[font.fontkey] = font


@cache
def _parsed_font(style: str) -> tuple[TTFFont, bytes]:
    """fpdf2's parsed font of ``style``, and its file without the tables PDFs never use."""
    path = FONT_FILES[style]
    scratch = FPDF()
    scratch.add_font(FAMILY, style, path)
    parsed = scratch.fonts[f"{FAMILY.lower()}{style}"]
    if not isinstance(parsed, TTFFont):  # pragma: no cover - add_font always makes a TTFFont
        raise TypeError(f"{path} did not load as a TrueType font")
    font = TTFont(path, recalcTimestamp=False)
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    data = BytesIO()
    font.save(data)
    return parsed, data.getvalue()


def describe(
    pdf: FPDF, *, title: str, author: str | None = None, subject: str | None = None
) -> None:
    """Document metadata: title (shown by viewers in place of the file name), author and
    subject when given, Echo as creator, English."""
    pdf.set_title(title)
    if author is not None:
        pdf.set_author(author)
    if subject is not None:
        pdf.set_subject(subject)
    pdf.set_creator("Echo")
    pdf.set_lang("en")
    pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)


def line_height(size: float, leading: float) -> float:
    """The height in millimetres of a line of ``size`` points set with ``leading`` (1.3 is
    30 % leading)."""
    return size * (MM_PER_POINT * leading)


def web_link(address: str) -> str:
    """The link target when `address` is a lone http(s) address, else ""; ASCII only."""
    address = address.strip()
    if not _WEB_ADDRESS.fullmatch(address):
        return ""
    return quote(address, safe=_URI_SAFE)
