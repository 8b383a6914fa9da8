"""/admin/mail: messages that could not be delivered, for site administrators to retry, and
the items background jobs skipped (echo.jobs)."""

from __future__ import annotations

from starlette.responses import Response
from starlette.routing import Route

from echo import jobs
from echo.notify import outbox
from echo.security import permissions as can
from echo.web.context import Context, not_found, page, redirect, render


def _require_admin(ctx: Context) -> None:
    ctx.require_user()
    if not can.can_administer_site(ctx.principal):
        raise not_found()


@page()
def failures(ctx: Context) -> Response:
    _require_admin(ctx)
    return render(
        ctx,
        "mail/failures.html",
        {
            "counts": outbox.status_counts(ctx.session),
            "messages": outbox.failures(ctx.session),
            "job_failures": jobs.recent_failures(ctx.session),
        },
    )


@page(write=True)
def retry(ctx: Context) -> Response:
    _require_admin(ctx)
    retried = outbox.retry(ctx.session, ctx.request.path_params["message_id"])
    return redirect(ctx.path("admin_mail"), notice="mail-retried" if retried else "mail-not-failed")


routes = [
    Route("/admin/mail", failures, name="admin_mail"),
    Route("/admin/mail/{message_id:id}/retry", retry, methods=["POST"], name="admin_mail_retry"),
]
