"""What the attendance pages accept: check-in codes, extra addresses, report imports,
matches and adjustments."""

from __future__ import annotations

from typing import Annotated

from echo.web.params import Form, Invalid, bounded_line, email, line, number, parsed, row_id

REASON_LIMIT = 500
# An adjustment sets minutes within the session's length (checked against the session);
# no session is longer than a day.
MAX_MINUTES = 24 * 60


def _sha256(value: str) -> str:
    digest = value.strip()
    if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        raise Invalid("That upload has expired; choose the file again.")
    return digest


class CheckInCodeForm(Form):
    code: Annotated[str, line(40)] = ""


class EmailForm(Form):
    email: Annotated[str, email(required="Enter the other email address.")]


class CommitImportForm(Form):
    sha256: Annotated[
        str, parsed(_sha256, required="That upload has expired; choose the file again.")
    ]
    # The name of the file as uploaded, sent back by the preview: cut, never refused.
    filename: Annotated[str, parsed(lambda value: bounded_line(value, 255), empty="")] = ""


class MatchForm(Form):
    user_id: Annotated[int, row_id(required="Choose the enrolled person this is.")]


class AdjustForm(Form):
    user_id: Annotated[int, row_id(required="Choose a person from the roster.")]
    minutes: Annotated[
        int,
        number(
            0,
            MAX_MINUTES,
            required="Enter the minutes attended as a whole number.",
            message="Enter the minutes attended: a whole number, at most the session's length.",
        ),
    ]
    reason: Annotated[
        str, line(REASON_LIMIT, required="Say why the minutes change (it is kept with the record).")
    ]
