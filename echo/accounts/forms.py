"""What the account pages accept: sign-up, log in, profile, passwords, email choices, API
tokens (personal, and hubs' service tokens)."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from echo.accounts.models import (
    API_TOKEN_MAX_DAYS,
    CREDENTIALS,
    PRACTICE_SETTINGS,
    PRACTICE_TYPES,
    PROFESSIONS,
    US_STATES,
)
from echo.notify.messages import CATEGORIES
from echo.security.passwords import password_problem
from echo.web.params import (
    Form,
    Invalid,
    as_typed,
    each_of,
    email,
    flag,
    line,
    number,
    one_line,
    one_of,
    parsed,
    row_id,
    zone,
)

# NIST SP 800-63B: a password is taken as typed (spaces and all), only bounded; what makes
# one acceptable is echo.security.passwords.password_problem.
MAX_PASSWORD_INPUT = 1024


def password() -> Any:
    return as_typed(MAX_PASSWORD_INPUT, "Use at most 256 characters.")


def npi_is_valid(npi: str) -> bool:
    """NPI check digit: Luhn over "80840" + the first nine digits (CMS NPI standard)."""
    if len(npi) != 10 or not npi.isascii() or not npi.isdigit():
        return False
    digits = [int(d) for d in "80840" + npi]
    total = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2 == 1:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def _optional(parse: Any) -> Any:
    def validate(value: object) -> str | None:
        text = one_line(value if isinstance(value, str) else "").replace(" ", "")
        if not text:
            return None
        try:
            return str(parse(text))
        except Invalid as problem:
            raise PydanticCustomError("echo", str(problem)) from None

    return BeforeValidator(validate)


def _npi(text: str) -> str:
    if not npi_is_valid(text):
        raise Invalid(
            "An NPI is 10 digits with a valid check digit; check it on your NPPES record."
        )
    return text


def _abp_id(text: str) -> str:
    if not (text.isascii() and text.isdigit() and 4 <= len(text) <= 10):
        raise Invalid("An ABP ID is 4 to 10 digits; leave it empty if you have none.")
    return text


def _state(value: object) -> str:
    code = one_line(value if isinstance(value, str) else "").upper()
    if code and code not in US_STATES:
        raise PydanticCustomError("echo", "Choose a state from the list.")
    return code


def _zip(text: str) -> str:
    if not (len(text) == 5 and text.isascii() and text.isdigit()):
        raise Invalid("A ZIP code is 5 digits, like 64108; leave it empty if you prefer.")
    return text


_PHONE = re.compile(r"^\+?[0-9 ().-]{7,20}(?: ?(?:x|ext\.?) ?[0-9]{1,6})?$", re.ASCII)


def phone_number(text: str) -> str:
    """A work number to call back on: digits with the usual separators, an extension."""
    if not _PHONE.match(text) or sum(c.isdigit() for c in text) < 7:
        raise Invalid("Enter a phone number such as 503-555-0142 or 503-555-0142 x12.")
    return text


class ProfileForm(Form):
    name: Annotated[
        str, line(200, required="Enter your full name as it should appear on certificates.")
    ]
    credentials: Annotated[str, one_of(CREDENTIALS, message="Choose a credential from the list.")]
    profession: Annotated[str, one_of(PROFESSIONS, message="Choose a profession from the list.")]
    specialty: Annotated[str, line(100)] = ""
    organization: Annotated[str, line(200)] = ""
    us_state: Annotated[str, BeforeValidator(_state)] = ""
    practice_setting: Annotated[
        str, one_of([key for key, _ in PRACTICE_SETTINGS], message="Choose rural or urban.")
    ] = ""
    practice_type: Annotated[
        str, one_of([key for key, _ in PRACTICE_TYPES], message="Choose a practice type.")
    ] = ""
    practice_zip: Annotated[str, parsed(lambda v: _zip(one_line(v).replace(" ", "")), empty="")] = (
        ""
    )
    work_phone: Annotated[str, parsed(lambda v: phone_number(one_line(v).strip()), empty="")] = ""
    time_zone: Annotated[
        str, zone(required="Choose a time zone from the list, such as America/Chicago.")
    ]
    abp_id: Annotated[str | None, _optional(_abp_id)] = None
    npi: Annotated[str | None, _optional(_npi)] = None


class SignupForm(ProfileForm):
    email: Annotated[str, email(required="Enter your email address.")]
    password: Annotated[str, password()]
    next: Annotated[str, line(2000)] = ""

    @field_validator("password")
    @classmethod
    def _acceptable(cls, value: str, info: ValidationInfo) -> str:
        """Checked with the form (name and email come first), so every problem shows at once."""
        problem = password_problem(
            value, email=str(info.data.get("email", "")), name=str(info.data.get("name", ""))
        )
        if problem:
            raise PydanticCustomError("echo", problem)
        return value


class LoginForm(Form):
    email: Annotated[str, line(254)]
    password: Annotated[str, password()]
    next: Annotated[str, line(2000)] = ""


class PasswordChangeForm(Form):
    current_password: Annotated[str, password()]
    new_password: Annotated[str, password()]


class NewPasswordForm(Form):
    password: Annotated[str, password()]


class ResetRequestForm(Form):
    email: Annotated[str, email(required="Enter the email address of your Echo account.")]


class NextQuery(Form):
    next: Annotated[str, line(2000)] = ""


class SearchQuery(Form):
    q: Annotated[str, line(200)] = ""


class SiteAdminForm(Form):
    admin: Annotated[str, one_of(("yes", "no"), required="Choose yes or no.")]


class NotificationsForm(Form):
    """The email choices page: the optional kinds of email a person keeps."""

    categories: Annotated[list[str], each_of(list(CATEGORIES))]


# The fields every API token page asks for: its label, whether it may write, and how many
# days it lasts.
TokenName = Annotated[
    str, line(100, required="Name the token after what will use it, like Weekly report.")
]
TokenWrite = Annotated[bool, flag()]
TokenDays = Annotated[
    int,
    number(
        1,
        API_TOKEN_MAX_DAYS,
        required=f"Enter how many days the token lasts, from 1 to {API_TOKEN_MAX_DAYS}.",
        message=f"Enter a whole number of days from 1 to {API_TOKEN_MAX_DAYS}.",
    ),
]


class TokenForm(Form):
    """A new personal API token: its label, whether it may write, an optional hub it is
    limited to (one of the person's hubs: echo.accounts.api_tokens.create checks) and how
    many days it lasts."""

    name: TokenName
    write: TokenWrite = False
    hub: Annotated[
        int | None, row_id(message="Choose one of your hubs from the list, or All my hubs.")
    ] = None
    days: TokenDays


class ServiceTokenForm(Form):
    """A new service token of a hub: its label, whether it may write, how many days it lasts."""

    name: TokenName
    write: TokenWrite = False
    days: TokenDays


class SsoCallbackQuery(Form):
    """What an OpenID provider sends back to the callback (RFC 6749 4.1.2 and 4.1.2.1)."""

    state: Annotated[str, line(200)] = ""
    code: Annotated[str, line(2000)] = ""
    error: Annotated[str, line(200)] = ""
    iss: Annotated[str, line(500)] = ""  # RFC 9207: who answered (mix-up defence)
