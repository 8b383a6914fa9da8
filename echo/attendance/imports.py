"""Uploaded attendance reports waiting between preview and commit.

A report holds names and email addresses, so a preview that is never committed must not
stay on disk: each file is kept under ``var/imports`` for at most ``PREVIEW_LIFETIME``.
After that it reads as expired, and the worker's housekeeping (``expire``) deletes it.

A kept file is named by the session it was previewed for and its SHA-256: only a commit
for that same session finds it (the hub staff of another session, even knowing the
digest, find nothing).
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


def _path(var_dir: Path, session_id: int, sha256: str) -> Path:
    return folder(var_dir) / f"session-{session_id}-{sha256}{SUFFIX}"


def keep(var_dir: Path, session_id: int, sha256: str, data: bytes) -> Path:
    """Store an uploaded report until its import into ``session_id`` is committed (or it
    expires)."""
    folder(var_dir).mkdir(parents=True, exist_ok=True)
    path = _path(var_dir, session_id, sha256)
    path.write_bytes(data)
    return path


def _expired(path: Path, now: datetime) -> bool:
    kept_at = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    return now - kept_at > PREVIEW_LIFETIME


def stored(var_dir: Path, session_id: int, sha256: str, now: datetime | None = None) -> Path | None:
    """The report kept for this session with this digest (checked by CommitImportForm),
    if it has not expired."""
    path = _path(var_dir, session_id, sha256)
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
