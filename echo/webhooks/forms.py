"""The endpoint forms (echo.web.params): what a coordinator may type."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from echo.web.params import Form, each_of, line, one_of, parsed
from echo.webhooks.addresses import WRONG_URL, endpoint_url
from echo.webhooks.events import EVENT_TYPES

NO_EVENT = "Choose at least one event to send to this endpoint."


def _at_least_one(chosen: list[str]) -> list[str]:
    if not chosen:
        raise PydanticCustomError("echo", NO_EVENT)
    return chosen


class EndpointForm(Form):
    url: Annotated[str, parsed(endpoint_url, required=WRONG_URL)]
    description: Annotated[str, line(200)] = ""
    event_types: Annotated[list[str], each_of(EVENT_TYPES), AfterValidator(_at_least_one)]


class EndpointStateForm(Form):
    action: Annotated[
        str, one_of(("enable", "disable"), required="Choose to enable or disable the endpoint.")
    ]
