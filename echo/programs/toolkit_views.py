"""The toolkit library: trusted resources, searchable, with the sessions that use them."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo.programs import permissions as program_can
from echo.programs import sessions
from echo.programs.curriculum import AUDIENCES, Resource
from echo.programs.forms import ToolkitQuery
from echo.web.context import Context, page, render


def _matches(resource: Resource, query: str, tag: str, audience: str) -> bool:
    if tag and tag not in resource.tags:
        return False
    if audience and audience not in resource.audience:
        return False
    if not query:
        return True
    haystack = " ".join(
        [resource.title, resource.publisher, resource.citation or "", *resource.tags]
    ).lower()
    return all(word in haystack for word in query.lower().split())


@page()
def library(ctx: Context) -> Response:
    catalog: dict[str, Resource] = ctx.request.app.state.toolkits
    search, errors = ToolkitQuery.parse_partly(ctx.request.query_params)
    query, tag, audience = search.q, search.tag, search.audience
    shown = [r for r in catalog.values() if _matches(r, query, tag, audience)]
    usage = sessions.sessions_using_resources(
        ctx.session,
        {r.id for r in shown},
        lambda program, enrollment: program_can.may_know_program(
            ctx.principal, program, enrollment
        ),
        ctx.user.id if ctx.user else None,
    )
    return render(
        ctx,
        "toolkits/library.html",
        {
            "resources": shown,
            "total": len(catalog),
            "usage": usage,
            "query": query,
            "tag": tag,
            "audience": audience,
            "tags": sorted({t for r in catalog.values() for t in r.tags}),
            "audiences": list(AUDIENCES),
            "zone": ctx.user.time_zone if ctx.user else "UTC",
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


routes = [Route("/toolkits", library, name="toolkits")]
