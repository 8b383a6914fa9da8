"""A case form the guard refuses is invalid input like any other: a FormErrors naming each
field and what to do, with the typed text kept for the page."""

from __future__ import annotations

from echo.cases import services
from echo.phi import BLOCK_MESSAGES
from echo.web.params import FormErrors


def test_a_blocked_case_form_is_form_errors_with_the_guards_message_per_field() -> None:
    form, _acknowledged = services.read_form(
        {"history": "Mom calls from 555-201-3344 after school.", "age_value": "abc"}
    )
    blocked = services.CaseBlocked(form)
    assert isinstance(blocked, FormErrors)
    assert blocked.errors["history"] == (f"{BLOCK_MESSAGES['phone']} Nothing was stored.")
    assert "age_value" in blocked.errors  # the form's own errors come along
    assert blocked.form.values["history"] == "Mom calls from 555-201-3344 after school."
