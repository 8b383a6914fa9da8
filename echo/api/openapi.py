"""The OpenAPI 3.1 document of the JSON API, generated from the endpoints' pydantic models
(echo.api.schemas), and the same information shaped for the HTML reference page."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from echo.api.schemas import Problem

REF = "#/components/schemas/{model}"
PATH_PARAMETER = re.compile(r"\{([a-z_]+)\}")
# Path parameters by name: their JSON schema (ids are positive 32-bit integers, slugs are
# lower-case words with hyphens, as the pages' convertors accept; an import is its
# session's id and the report's SHA-256).
PATH_SCHEMAS: dict[str, dict[str, Any]] = {
    "session_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 60},
    "hub": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 60},
    "import_id": {"type": "string", "pattern": "^[0-9]{1,10}-[0-9a-f]{64}$"},
}
PAGE_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": "Items per page, 1 to 100 (default 50).",
        "schema": {"type": "integer", "minimum": 1, "maximum": 100},
    },
    {
        "name": "cursor",
        "in": "query",
        "required": False,
        "description": "The previous page's next_cursor.",
        "schema": {"type": "string", "pattern": "^[0-9]{1,10}$"},
    },
]
PERIOD_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": f"{word} local date of the period (YYYY-MM-DD), included.",
        "schema": {"type": "string", "format": "date"},
    }
    for name, word in (("from", "First"), ("to", "Last"))
]
FILENAME_PARAMETERS: list[dict[str, Any]] = [
    {
        "name": "filename",
        "in": "query",
        "required": False,
        "description": "The report file's name, kept with the import (cut to 255 characters).",
        "schema": {"type": "string"},
    }
]
ERRORS = {
    "401": "No valid token (missing, malformed, expired, revoked).",
    "404": "No such object, or not yours to see.",
    "422": "A bad parameter or body field; `errors` names it.",
    "429": "Past the token's rate limit; see Retry-After.",
}
WRITE_ERRORS = {
    "403": "The token may only read.",
}
# A person's own data (their claims): never a service token's, which stands for no one.
PERSONAL_PATH = "/api/v1/me/"
PERSONAL_ERRORS = {
    "403": "A service token: this is a person's own data.",
}
BODY_ERRORS = {
    "413": "The body is larger than this operation takes.",
}
JSON_ERRORS = {
    "415": "The body is not JSON (send Content-Type: application/json).",
}


@dataclass(frozen=True)
class Endpoint:
    path: str
    name: str
    handler: Callable[..., BaseModel]
    response: type[BaseModel]
    method: str = "get"
    query: Sequence[dict[str, Any]] = tuple(PAGE_PARAMETERS)
    body: type[BaseModel] | None = None  # a JSON request body of this model
    upload: str = ""  # or a file sent as the body, of this media type
    body_limit: int = 0  # bytes a body may have (0: no body is read)

    @property
    def summary(self) -> str:
        return (self.handler.__doc__ or self.name).strip().splitlines()[0]

    @property
    def path_parameters(self) -> list[str]:
        return PATH_PARAMETER.findall(self.path)

    @property
    def writes(self) -> bool:
        return self.method != "get"


def _schemas(endpoints: Sequence[Endpoint]) -> dict[str, Any]:
    models: list[tuple[type[BaseModel], str]] = [(e.response, "serialization") for e in endpoints]
    models += [(e.body, "validation") for e in endpoints if e.body is not None]
    models.append((Problem, "serialization"))
    _, definitions = models_json_schema(models, ref_template=REF)  # type: ignore[arg-type]
    found: dict[str, Any] = definitions.get("$defs", {})
    return found


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}},
    }


def _request_body(found: Endpoint) -> dict[str, Any] | None:
    if found.body is not None:
        schema = {"$ref": REF.format(model=found.body.__name__)}
        return {"required": True, "content": {"application/json": {"schema": schema}}}
    if found.upload:
        return {"required": True, "content": {found.upload: {"schema": {"type": "string"}}}}
    return None


def _errors(found: Endpoint) -> dict[str, str]:
    return {
        **ERRORS,
        **(WRITE_ERRORS if found.writes else {}),
        **(PERSONAL_ERRORS if found.path.startswith(PERSONAL_PATH) else {}),
        **(BODY_ERRORS if found.body_limit else {}),
        **(JSON_ERRORS if found.body is not None else {}),
    }


def _operation(found: Endpoint) -> dict[str, Any]:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": PATH_SCHEMAS[name]}
        for name in found.path_parameters
    ] + list(found.query)
    operation: dict[str, Any] = {
        "operationId": found.name,
        "summary": found.summary,
        "security": [{"bearer": []}],
        "parameters": parameters,
    }
    body = _request_body(found)
    if body is not None:
        operation["requestBody"] = body
    operation["responses"] = {
        "200": {
            "description": "OK",
            "content": {
                "application/json": {"schema": {"$ref": REF.format(model=found.response.__name__)}}
            },
        },
        **{status: _problem(text) for status, text in sorted(_errors(found).items())},
    }
    return operation


def document(endpoints: Sequence[Endpoint], server: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for found in endpoints:
        paths.setdefault(found.path, {})[found.method] = _operation(found)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Echo API",
            "version": "1",
            "description": "Read programs, sessions, attendance, outcomes, CME claims and "
            "consult-line counts, change sessions and import attendance reports, with a "
            "personal access token (your profile's API tokens page). A token reaches what "
            "its owner may see and do, limited to one hub if it was made so; writing needs "
            "a token made for writing.",
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            "schemas": _schemas(endpoints),
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class Entry:
    method: str
    path: str
    summary: str
    response: str
    parameters: list[str]
    body: str  # the request body's model or media type; "" for none
    body_model: bool  # body names a model


@dataclass(frozen=True)
class Reference:
    entries: list[Entry]
    models: list[tuple[str, list[Field]]]


def _type_of(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(option) for option in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}))}"
    kind = str(schema.get("type", "any"))
    return f"{kind} ({schema['format']})" if "format" in schema else kind


def reference(endpoints: Sequence[Endpoint]) -> Reference:
    schemas = _schemas(endpoints)
    entries = [
        Entry(
            e.method.upper(),
            e.path,
            e.summary,
            e.response.__name__,
            [*e.path_parameters, *(str(p["name"]) for p in e.query)],
            e.body.__name__ if e.body is not None else e.upload,
            e.body is not None,
        )
        for e in endpoints
    ]
    models = [
        (
            name,
            [
                Field(field, _type_of(spec), str(spec.get("description", "")))
                for field, spec in schema.get("properties", {}).items()
            ],
        )
        for name, schema in sorted(schemas.items())
    ]
    return Reference(entries, models)
