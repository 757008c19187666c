"""``PUT`` and ``GET /blobs/{sha256}`` (with ``Range``)."""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from guide_server.api.deps import ReaderDep, StateDep
from guide_server.blobs import BlobMismatch, BlobTooLarge, blob_mime, may_read, remember_blob

router = APIRouter(prefix="/blobs", tags=["blobs"])

Sha = Path(pattern=r"^[0-9a-f]{64}$", description="小写十六进制 SHA-256")
_MIME = re.compile(r"^[\w.+-]+/[\w.+-]+$")


@router.put("/{sha256}", responses={400: {}, 413: {}})
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

    def _save() -> None:
        with state.db.write() as session:
            remember_blob(session, sha256, size, mime, reader.user_id)

    await run_in_threadpool(_save)
    return {"sha256": sha256, "size": size}


def _too_large(limit: int) -> str:
    return f"文件过大, 上限 {limit // (1024 * 1024)} MiB (blob larger than {limit} bytes)"


@router.get("/{sha256}", responses={206: {}, 403: {}, 404: {}})
def get_blob(reader: ReaderDep, state: StateDep, sha256: str = Sha) -> FileResponse:
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
    return FileResponse(path, media_type=mime)
