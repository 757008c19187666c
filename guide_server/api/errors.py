"""Every error answers ``{"detail": "<what was wrong, and where>"}``; never a bare 500 page."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("guide_server.errors")


def _where(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        head, rest = parts[0], parts[1:]
        return f"{head}:{'.'.join(rest)}" if rest else head
    return ".".join(parts) or "request"


def describe_request_errors(exc: RequestValidationError) -> str:
    lines = []
    for err in exc.errors():
        kind = err.get("type", "")
        if kind == "json_invalid":
            msg = f"请求体不是有效的 JSON (malformed JSON: {err.get('ctx', {}).get('error', '')})"
        elif kind == "missing":
            msg = "必填 (missing)"
        elif kind == "extra_forbidden":
            msg = "unknown field"
        elif kind == "string_too_long":
            msg = f"最多{err.get('ctx', {}).get('max_length')}字 (too long)"
        else:
            msg = err.get("msg", kind)
        lines.append(f"{_where(tuple(err.get('loc', ())))}: {msg}")
    return "; ".join(lines) or "请求格式不正确"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": describe_request_errors(exc)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": f"服务器内部错误 (internal error: {type(exc).__name__})"}, status_code=500
        )
