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
# lower-case words with hyphens, as the pages' convertors accept).
PATH_SCHEMAS: dict[str, dict[str, Any]] = {
    "session_id": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
    "slug": {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$", "maxLength": 60},
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
ERRORS = {
    "401": "No valid token (missing, malformed, expired, revoked).",
    "404": "No such object, or not yours to see.",
    "422": "A bad parameter; `errors` names it.",
    "429": "Past the token's rate limit; see Retry-After.",
}


@dataclass(frozen=True)
class Endpoint:
    path: str
    name: str
    handler: Callable[..., BaseModel]
    response: type[BaseModel]

    @property
    def summary(self) -> str:
        return (self.handler.__doc__ or self.name).strip().splitlines()[0]

    @property
    def path_parameters(self) -> list[str]:
        return PATH_PARAMETER.findall(self.path)


def _schemas(endpoints: Sequence[Endpoint]) -> dict[str, Any]:
    models = [(e.response, "serialization") for e in endpoints] + [(Problem, "serialization")]
    _, definitions = models_json_schema(models, ref_template=REF)  # type: ignore[arg-type]
    found: dict[str, Any] = definitions.get("$defs", {})
    return found


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}},
    }


def document(endpoints: Sequence[Endpoint], server: str) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for found in endpoints:
        parameters = [
            {"name": name, "in": "path", "required": True, "schema": PATH_SCHEMAS[name]}
            for name in found.path_parameters
        ] + PAGE_PARAMETERS
        paths[found.path] = {
            "get": {
                "operationId": found.name,
                "summary": found.summary,
                "security": [{"bearer": []}],
                "parameters": parameters,
                "responses": {
                    "200": {
                        "description": "OK",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": REF.format(model=found.response.__name__)}
                            }
                        },
                    },
                    **{status: _problem(text) for status, text in ERRORS.items()},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Echo API",
            "version": "1",
            "description": "Read programs, sessions, attendance, CME claims and consult-line "
            "counts with a personal access token (your profile's API tokens page). A token "
            "reaches what its owner may see, limited to one hub if it was made so.",
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
            "GET",
            e.path,
            e.summary,
            e.response.__name__,
            [*e.path_parameters, "limit", "cursor"],
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
