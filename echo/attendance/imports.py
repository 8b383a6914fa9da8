"""Uploaded attendance reports waiting between preview and commit.

A report holds names and email addresses, so a preview that is never committed must not
stay on disk: each file is kept under ``var/imports`` by its SHA-256 for at most
``PREVIEW_LIFETIME``. After that it reads as expired, and the worker's housekeeping
(``expire``) deletes it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

from echo.timeutil import utcnow

log = logging.getLogger("echo.attendance")

PREVIEW_LIFETIME = timedelta(hours=24)
SUFFIX = ".upload"


def folder(var_dir: Path) -> Path:
    return var_dir / "imports"


def keep(var_dir: Path, sha256: str, data: bytes) -> Path:
    """Store an uploaded report until its import is committed (or it expires)."""
    target = folder(var_dir)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{sha256}{SUFFIX}"
    path.write_bytes(data)
    return path


def _expired(path: Path, now: datetime) -> bool:
    kept_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return now - kept_at > PREVIEW_LIFETIME


def stored(var_dir: Path, sha256: str, now: datetime | None = None) -> Path | None:
    """The kept report with this digest (checked by CommitImportForm), if not expired."""
    path = folder(var_dir) / f"{sha256}{SUFFIX}"
    if not path.is_file() or _expired(path, now or utcnow()):
        return None
    return path


def expire(var_dir: Path, now: datetime | None = None) -> int:
    """Delete the previews older than PREVIEW_LIFETIME; returns how many. A file that
    cannot be deleted is logged and left for the next pass; the others still go."""
    moment = now or utcnow()
    removed = 0
    for path in sorted(folder(var_dir).glob(f"*{SUFFIX}")):
        try:
            if _expired(path, moment):
                path.unlink()
                removed += 1
        except OSError as error:
            log.error("import previews: %s could not be deleted: %s", path.name, error.strerror)
    return removed
