"""The baseline: a bare Starlette + Jinja2 app serving one page of a chosen size.

No database, no sessions, no middleware: what is left when the application
does nothing but route a request and render a template. Served by the same
uvicorn command line as Echo, it tells how fast this stack can be on this
machine at all, so that Echo's throughput can be read as a fraction of it.

The page is a table of made-up sessions. ``create_app()`` picks how many rows
to render so that the page comes within a few percent of
``BENCH_BASELINE_BYTES`` bytes (the size of the Echo page being compared, as
measured by ``bench.run``); the rows are computed once at start-up and every
request renders the whole template again.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

TARGET_BYTES_ENV = "BENCH_BASELINE_BYTES"
DEFAULT_TARGET_BYTES = 20_000
TEMPLATE = "baseline.html"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"

TOPICS = [
    "Anxiety in school-age children",
    "ADHD: when medication & when not",
    "Depression screening with the PHQ-A",
    "Autism: first steps after a positive M-CHAT",
    "Disruptive behaviour in pre-schoolers",
    "Eating disorders: red flags in primary care",
    "Suicide risk: asking the 'hard' questions",
    "Sleep problems <and> screen time",
    "Trauma-informed care in the clinic",
    "SSRIs: starting, dosing and follow-up",
]
PRESENTERS = [
    "Dr. Ana Ruiz",
    "Dr. Ben O'Neill",
    "Dr. Chen Li",
    "Dr. Dana Okafor",
    "Sam Patel, LCSW",
]
NOTES = ["", "", "Case presentation: 9-year-old with school refusal", "Slides updated"]


@dataclass(frozen=True)
class Item:
    id: int
    starts_at: datetime
    topic: str
    presenter: str
    note: str
    done: bool


def make_items(count: int) -> list[Item]:
    """``count`` rows, the same ones every time."""
    rng = random.Random(2024)
    first = datetime(2025, 1, 8, 17, 0, tzinfo=UTC)
    return [
        Item(
            id=1000 + n,
            starts_at=first + timedelta(weeks=n),
            topic=rng.choice(TOPICS),
            presenter=rng.choice(PRESENTERS),
            note=rng.choice(NOTES),
            done=n < count // 2,
        )
        for n in range(count)
    ]


def page_context(items: list[Item]) -> dict[str, Any]:
    return {
        "title": "Pediatric Mental Health ECHO",
        "summary": "Weekly case-based sessions for primary care clinicians: a short "
        "didactic, then one or two de-identified cases discussed with the hub team.",
        "user": {"name": "Demo Pediatrician", "email": "pediatrician@example.org"},
        "nav": [
            {"href": "/", "label": "Home", "current": False},
            {"href": "/programs", "label": "Programs", "current": True},
            {"href": "/sessions", "label": "Sessions", "current": False},
            {"href": "/cases", "label": "Cases", "current": False},
            {"href": "/account", "label": "Account", "current": False},
        ],
        "items": items,
    }


def rendered_size(templates: Jinja2Templates, count: int) -> int:
    html = templates.get_template(TEMPLATE).render(page_context(make_items(count)))
    return len(html.encode())


def items_for_size(templates: Jinja2Templates, target_bytes: int) -> list[Item]:
    """The rows whose rendered page comes closest to ``target_bytes``."""
    empty = rendered_size(templates, 0)
    per_row = max(1.0, (rendered_size(templates, 20) - empty) / 20)
    count = max(0, round((target_bytes - empty) / per_row))
    # Rows differ in length: step one row at a time towards the target.
    while count > 0 and rendered_size(templates, count) > target_bytes:
        count -= 1
    while rendered_size(templates, count + 1) <= target_bytes:
        count += 1
    below, above = rendered_size(templates, count), rendered_size(templates, count + 1)
    if above - target_bytes < target_bytes - below:
        count += 1
    return make_items(count)


def create_app() -> Starlette:
    templates = Jinja2Templates(directory=TEMPLATES_DIR)
    target_bytes = int(os.environ.get(TARGET_BYTES_ENV, DEFAULT_TARGET_BYTES))
    context = page_context(items_for_size(templates, target_bytes))

    async def page(request: Request) -> Response:
        # A fresh dict, as a real view builds one per request (Starlette adds ``request``).
        return templates.TemplateResponse(request, TEMPLATE, {**context})

    async def healthz(request: Request) -> Response:
        return PlainTextResponse("ok")

    return Starlette(routes=[Route("/", page), Route("/healthz", healthz)])
