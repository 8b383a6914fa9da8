"""Session materials: the hub's coordinators and faculty upload, participants download."""

from __future__ import annotations

from starlette.datastructures import UploadFile
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from echo.programs import materials
from echo.programs import permissions as program_can
from echo.programs.loaders import load_session, require_runner
from echo.programs.models import SessionMaterial
from echo.programs.session_views import edit_page
from echo.web.context import Context, not_found, page, redirect
from echo.web.params import FormErrors


def _read_upload(ctx: Context) -> tuple[str, bytes]:
    """The chosen file's name and bytes; one byte past the limit is enough to refuse it."""
    upload = ctx.form.get("file") if ctx.form is not None else None
    if not isinstance(upload, UploadFile):
        return "", b""
    upload.file.seek(0)
    return upload.filename or "", upload.file.read(materials.MAX_BYTES + 1)


def _close_uploads(ctx: Context) -> None:
    """Remove the request's temporary upload files now rather than whenever they are collected."""
    for _name, value in ctx.form.multi_items() if ctx.form is not None else []:
        if isinstance(value, UploadFile):
            value.file.close()


@page(write=True)
def upload_material(ctx: Context) -> Response:
    try:
        program_session, loaded = load_session(ctx)
        require_runner(ctx, loaded.hub)
        filename, data = _read_upload(ctx)
    finally:
        _close_uploads(ctx)
    try:
        materials.add_material(
            ctx.session,
            program_session,
            filename=filename,
            data=data,
            uploaded_by_id=ctx.require_user().id,
            var_dir=ctx.settings.var_dir,
        )
    except FormErrors as problem:
        return edit_page(ctx, program_session, loaded, problem.errors)
    return redirect(ctx.path("session", session_id=program_session.id), notice="material-added")


@page()
def download_material(ctx: Context) -> Response:
    program_session, loaded = load_session(ctx)
    ctx.require_user()
    if not program_can.can_join_meetings(ctx.principal, loaded.hub.id or 0, loaded.enrollment):
        raise not_found()
    material = ctx.session.get(SessionMaterial, ctx.request.path_params["material_id"])
    if material is None or material.session_id != program_session.id:
        raise not_found()
    path = materials.path_for(ctx.settings.var_dir, material.sha256)
    if not path.is_file():
        raise not_found()
    return FileResponse(
        path,
        media_type=material.content_type,
        headers={
            "Content-Disposition": materials.content_disposition(material.filename),
            "Cache-Control": "private, no-store",
        },
    )


routes = [
    Route(
        "/sessions/{session_id:id}/materials",
        upload_material,
        methods=["POST"],
        name="material_upload",
    ),
    Route(
        "/sessions/{session_id:id}/materials/{material_id:id}",
        download_material,
        name="material_download",
    ),
]
