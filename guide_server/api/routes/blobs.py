"""``PUT`` and ``GET /blobs/{sha256}`` (with ``Range``)."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import MalformedRangeHeader, RangeNotSatisfiable

from guide_core.rules.tasks import sniff_image
from guide_server.api.deps import ReaderDep, StateDep
from guide_server.api.openapi import BEARER, errors
from guide_server.blobs import BlobMismatch, BlobTooLarge, blob_mime, may_read, remember_blob

router = APIRouter(prefix="/blobs", tags=["blobs"])

Sha = Path(pattern=r"^[0-9a-f]{64}$", description="小写十六进制 SHA-256")
_MIME = re.compile(r"^[\w.+-]+/[\w.+-]+$")
_METHODS = ("GET", "PUT")


# First, so that it (and not whichever of PUT/GET Starlette finds first) answers the
# other methods: the ``Allow`` header names both.
@router.api_route(
    "/{sha256}",
    methods=["DELETE", "HEAD", "OPTIONS", "PATCH", "POST", "TRACE"],
    include_in_schema=False,
)
def other_methods(request: Request) -> None:
    raise HTTPException(
        405,
        f"不支持 {request.method}, 只能 GET 或 PUT (method not allowed)",
        {"Allow": ", ".join(_METHODS)},
    )


@router.put(
    "/{sha256}",
    responses=errors(
        400,
        401,
        413,
        422,
        e400="文件内容与名称不符 (sha256 mismatch)",
        e413="文件过大 (blob larger than the server's limit, max_blob_bytes)",
        e422="名称不是小写十六进制 SHA-256 (path:sha256)",
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "文件本身; Content-Type 作为文件类型保存 (the file; its type is kept)",
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        },
        **BEARER,
    },
)
async def put_blob(request: Request, reader: ReaderDep, state: StateDep, sha256: str = Sha) -> dict:
    """Upload a file whose bytes hash to ``sha256`` (idempotent)."""
    limit = state.blobs.max_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, _too_large(limit))
    mime = request.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
    if not _MIME.match(mime):
        mime = "application/octet-stream"
    try:
        size = await state.blobs.receive(sha256, request.stream())
    except BlobTooLarge:
        raise HTTPException(413, _too_large(limit)) from None
    except BlobMismatch as exc:
        raise HTTPException(
            400, f"文件内容与名称不符 (sha256 mismatch: body hashes to {exc.actual})"
        ) from None

    if mime == "application/octet-stream":  # undeclared: say an image is one (evidence)
        with state.blobs.path_for(sha256).open("rb") as stored:
            mime = sniff_image(stored.read(16)) or mime

    def _save() -> None:
        with state.db.write() as session:
            remember_blob(session, sha256, size, mime, reader.user_id)

    await run_in_threadpool(_save)
    return {"sha256": sha256, "size": size}


def _too_large(limit: int) -> str:
    return f"文件过大, 上限 {limit // (1024 * 1024)} MiB (blob larger than {limit} bytes)"


_FILE = {"*/*": {"schema": {"type": "string", "format": "binary"}}}


@router.get(
    "/{sha256}",
    response_class=FileResponse,
    responses={
        200: {"description": "文件内容 (the file)", "content": _FILE},
        206: {"description": "Range 请求的部分 (the requested range)", "content": _FILE},
        **errors(
            400,
            401,
            403,
            404,
            416,
            422,
            e400="Range 头格式不正确 (malformed Range header)",
            e404="文件不存在 (no such blob)",
            e422="名称不是小写十六进制 SHA-256 (path:sha256)",
        ),
    },
    openapi_extra=BEARER,
)
def get_blob(
    request: Request, reader: ReaderDep, state: StateDep, sha256: str = Sha
) -> FileResponse:
    """Download a file; ``Range: bytes=a-b`` answers 206 with that part."""
    with state.db.read() as session:
        allowed = may_read(session, reader, sha256)
        mime = blob_mime(session, sha256)
    if not allowed:
        state.auth.deny(reader, f"blob {sha256}")
        raise HTTPException(403, "forbidden: 无权读取该文件")
    path = state.blobs.path_for(sha256)
    if not path.is_file():
        raise HTTPException(404, f"文件不存在 (no blob {sha256})")
    _check_range(request.headers.get("range"), path.stat().st_size)
    return FileResponse(path, media_type=mime)


def _check_range(header: str | None, size: int) -> None:
    """A bad ``Range`` gets ``{"detail": …}`` like every error (FileResponse answers plain text)."""
    if header is None:
        return
    try:
        FileResponse._parse_range_header(header, size)
    except MalformedRangeHeader as exc:
        raise HTTPException(
            400, f"Range 头格式不正确 (malformed Range header: {exc.content})"
        ) from None
    except RangeNotSatisfiable:
        raise HTTPException(
            416,
            f"Range 超出文件大小 {size} 字节 (range not satisfiable)",
            {"Content-Range": f"bytes */{size}"},
        ) from None
