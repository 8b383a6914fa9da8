"""Form validation results shared by every domain: errors keyed by field name."""

from __future__ import annotations

import re
from collections.abc import Mapping

# Codes people read off a screen or paper (session check-in, certificates): no 0/O,
# 1/I/L, 2/Z, 5/S, 6/G or 8/B look-alikes.
UNAMBIGUOUS_CHARACTERS = "ACDEFGHJKMNPQRTUVWXY3479"
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class FormErrors(Exception):
    """Invalid input: ``errors`` maps a field name to a message saying what to do."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{field}: {message}" for field, message in errors.items()))
        self.errors = dict(errors)


def clean_text(value: str | None, *, max_length: int) -> str:
    """Trim, and drop control characters other than newlines and tabs."""
    text = (value or "").strip()
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " ")
    return text[:max_length]


def is_slug(value: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(value)) and 2 <= len(value) <= 60
