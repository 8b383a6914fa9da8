"""Session materials (slides, handouts): type checks from content, storage by hash, downloads.

The type of an upload is decided by its bytes, never by its name or the browser's
content type: a PDF starts with ``%PDF-``; a PPTX is a ZIP package whose
``[Content_Types].xml`` (ECMA-376 part 2, Open Packaging Conventions) declares a
presentationml main part. Files are stored once per content under
``var_dir/uploads/<first two hex digits>/<sha256>``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
import zlib
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree

from sqlmodel import Session

from echo.programs.models import ProgramSession, SessionMaterial
from echo.web.params import FormErrors

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
EXTENSIONS = {PDF: ".pdf", PPTX: ".pptx"}
MAX_BYTES = 25 * 1024 * 1024

# The only ZIP member ever decompressed, and at most this much of it: a deck with a
# thousand slides declares them in about 150 KB, so a larger one is not a real package.
CONTENT_TYPES_MEMBER = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PRESENTATION_MAIN = PPTX + ".main+xml"

BASE_NAME_MAX_LENGTH = 150  # with the extension, well within SessionMaterial.filename (200)
DEFAULT_BASE_NAME = "material"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,5}$")
_UNSAFE_IN_NAMES = re.compile(r'[<>:"|?*\\/]')  # not allowed in Windows file names

NO_FILE = "Choose a file to upload."
TOO_LARGE = (
    "The file is larger than 25 MB; make it smaller (for example, compress its pictures "
    "or split it in two) and upload it again."
)
WRONG_TYPE = "Choose a PDF or PowerPoint (.pptx) file; this file is neither."


def sniff(data: bytes) -> str | None:
    """The content type of a PDF or PPTX file, judged from its bytes; None for anything else."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04") and _is_presentation_package(data):
        return PPTX
    return None


def _is_presentation_package(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo(CONTENT_TYPES_MEMBER)
            if info.file_size > CONTENT_TYPES_MAX_BYTES:
                return False
            with package.open(info) as member:
                # The declared size may lie: never decompress more than the cap.
                content_types = member.read(CONTENT_TYPES_MAX_BYTES + 1)
            if len(content_types) > CONTENT_TYPES_MAX_BYTES:
                return False
            members = set(package.namelist())
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        return False  # no such member, or a damaged archive
    except (NotImplementedError, RuntimeError):
        return False  # an unsupported compression method, or an encrypted member
    return _declares_presentation(content_types, members)


def _declares_presentation(content_types: bytes, members: set[str]) -> bool:
    # Entity expansion needs a DTD; with none allowed the parser reads plain elements only.
    if b"<!DOCTYPE" in content_types.upper():
        return False
    try:
        root = ElementTree.fromstring(content_types)  # noqa: S314  # DTDs refused above
    except ElementTree.ParseError:
        return False
    if root.tag != f"{CONTENT_TYPES_NS}Types":
        return False
    for override in root.iter(f"{CONTENT_TYPES_NS}Override"):
        if override.get("ContentType") == PRESENTATION_MAIN:
            part = override.get("PartName", "").lstrip("/")
            if part in members:
                return True
    return False


def safe_filename(name: str, content_type: str) -> str:
    """A readable name to show and offer for download, with the extension of the sniffed type.

    Folders and control or format characters (such as the right-to-left override
    used to disguise extensions) are dropped, as are characters Windows refuses.
    """
    extension = EXTENSIONS[content_type]
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch) not in {"Cc", "Cf"})
    base = _UNSAFE_IN_NAMES.sub(" ", base)
    base = _EXTENSION.sub("", re.sub(r"\s+", " ", base).strip())
    base = base.strip(" .")
    base = base[:BASE_NAME_MAX_LENGTH].strip(" .")
    return (base or DEFAULT_BASE_NAME) + extension


def content_disposition(filename: str) -> str:
    """``attachment`` with an ASCII fallback and the exact UTF-8 name (RFC 6266 section 4.3)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r'[^\x20-\x7e]|["\\%]', "_", ascii_name).strip()
    stem, dot, extension = ascii_name.rpartition(".")
    if dot and not stem.strip(" ._"):
        ascii_name = DEFAULT_BASE_NAME + dot + extension  # nothing readable was left
    elif not ascii_name.strip(" ._"):
        ascii_name = DEFAULT_BASE_NAME
    # RFC 5987 section 3.2.1: anything outside attr-char is percent-encoded.
    encoded = quote(filename, safe="!#$&+-.^_`|~")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{encoded}"


def path_for(var_dir: Path, sha256: str) -> Path:
    if not _SHA256.fullmatch(sha256):
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
    return var_dir / "uploads" / sha256[:2] / sha256


def store(var_dir: Path, data: bytes) -> str:
    """Write ``data`` under its SHA-256 (once: identical content is stored once); return it.

    The file appears whole or not at all: it is written to a temporary file in the
    same folder, flushed to disk, then renamed over the final name (atomic on POSIX).
    """
    digest = hashlib.sha256(data).hexdigest()
    target = path_for(var_dir, digest)
    if target.is_file() and target.stat().st_size == len(data):
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return digest


def check_upload(data: bytes) -> str:
    """The sniffed content type of an acceptable upload; FormErrors on the ``file`` field."""
    if not data:
        raise FormErrors({"file": NO_FILE})
    if len(data) > MAX_BYTES:
        raise FormErrors({"file": TOO_LARGE})
    content_type = sniff(data)
    if content_type is None:
        raise FormErrors({"file": WRONG_TYPE})
    return content_type


def add_material(
    session: Session,
    program_session: ProgramSession,
    *,
    filename: str,
    data: bytes,
    uploaded_by_id: int | None,
    var_dir: Path,
) -> SessionMaterial:
    """Check an upload, store its bytes, and attach it to the session."""
    content_type = check_upload(data)
    digest = store(var_dir, data)  # before the row, so a row never points at a missing file
    material = SessionMaterial(
        session_id=program_session.id or 0,
        filename=safe_filename(filename, content_type),
        content_type=content_type,
        size_bytes=len(data),
        sha256=digest,
        uploaded_by_id=uploaded_by_id,
    )
    session.add(material)
    session.flush()
    return material
