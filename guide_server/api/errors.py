"""Every error answers ``{"detail": "<what was wrong, and where>"}``; never a bare 500 page.

An unexpected exception is answered by :class:`~guide_server.api.middleware.ProtocolMiddleware`
(``X-Guide-Protocol`` on it, connection kept) with :func:`internal_error_detail`; a
database that is busy or unreachable is a 503 with ``Retry-After`` on every route, so the
client tries again later (see :mod:`guide_server.db_errors`).
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from guide_core.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, error_message
from guide_server.db_errors import DatabaseUnavailable, is_transient

log = logging.getLogger("guide_server.errors")

#: Seconds a client is asked to wait after a 503 (the database was busy or unreachable).
RETRY_AFTER_S = 5
UNAVAILABLE_DETAIL = "数据库暂时不可用, 请稍后重试 (database unavailable, retry later)"


def internal_error_detail(exc: BaseException) -> str:
    """The ``detail`` of a 500: the exception's class only (no SQL, paths or values)."""
    return f"服务器内部错误 (internal error: {type(exc).__name__})"


def unexpected_error_answer(exc: BaseException) -> tuple[int, str, dict[str, str]]:
    """``(status, detail, extra headers)`` for an exception no route handled.

    503 + ``Retry-After`` when the database is busy or unreachable (sending the request
    again later will work), else 500.
    """
    if isinstance(exc, DatabaseUnavailable) or is_transient(exc):
        return 503, UNAVAILABLE_DETAIL, {"Retry-After": str(RETRY_AFTER_S)}
    return 500, internal_error_detail(exc), {}


def _where(loc: tuple) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        head, rest = parts[0], parts[1:]
        return f"{head}:{'.'.join(rest)}" if rest else head
    return ".".join(parts) or "request"


def describe_request_errors(exc: RequestValidationError) -> str:
    """``query:limit: 应不大于 100``: where (for API users) and what, in the protocol's words."""
    lines = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            msg = f"请求体不是有效的 JSON (malformed JSON: {err.get('ctx', {}).get('error', '')})"
        else:
            msg = error_message(err)
        loc = tuple(err.get("loc", ()))
        # a rule over the whole body (沉睡天数应大于活跃天数) needs no "body:" in front
        lines.append(msg if loc == ("body",) else f"{_where(loc)}: {msg}")
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
        # Reached only for an error outside ProtocolMiddleware (which answers the rest):
        # Starlette sends this and then closes the connection.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        status, detail, headers = unexpected_error_answer(exc)
        return JSONResponse(
            {"detail": detail},
            status_code=status,
            headers={**headers, PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
        )
