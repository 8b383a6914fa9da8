"""Downloads: one way to answer with a file (CSV, XLSX, PDF), its name said safely."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from starlette.responses import Response

from echo.documents.spreadsheets import csv_text, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(
    data: bytes | str, filename: str, media_type: str, *, private: bool = True
) -> Response:
    """An attachment. ``filename`` is made by Echo from ids and slugs (ASCII, no quotes),
    so RFC 6266's plain form is enough; private files are never cached."""
    if not filename.isascii() or any(c in filename for c in '"\\\r\n;'):
        raise ValueError(f"unsafe download name {filename!r}")
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if private:
        headers["Cache-Control"] = "private, no-store"
    return Response(data, media_type=media_type, headers=headers)


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> Response:
    """A CSV export; every cell passes the one formula guard (echo.documents.spreadsheets)."""
    return download(csv_text(header, rows), filename, "text/csv; charset=utf-8")


def xlsx_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str
) -> Response:
    return download(xlsx_bytes(header, rows, sheet=sheet), filename, XLSX)
