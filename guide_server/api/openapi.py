"""What each operation can answer, so that the live ``/openapi.json`` is the truth.

Every error body is :class:`~guide_core.protocol.ErrorBody` (``{"detail": "<text>"}``,
a string: see ``api/errors.py``), never FastAPI's default validation array. Routes
list their own statuses with :func:`errors`; :data:`EVERY_OPERATION` (400, 413, 414,
426, 431, 500, 503) is added to every router in ``create_app``; :func:`install_openapi` declares the
bearer scheme and the ``X-Guide-Protocol`` header every answer carries.
schemathesis (tests/server/test_schemathesis.py) holds the server to this document.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from guide_core.protocol import PROTOCOL_HEADER, ErrorBody

#: Chinese first, like the messages themselves; a route may say more for its own case.
DESCRIPTIONS = {
    400: "请求无法读取 (bad request)",
    401: "需要登录, 或令牌无效/已过期 (missing or invalid bearer token)",
    403: "无权访问 (forbidden)",
    404: "不存在 (not found)",
    409: "冲突 (conflict)",
    413: "请求体过大 (request body larger than this endpoint takes)",
    414: "网址过长 (URL longer than the server parses)",
    416: "Range 超出文件大小 (range not satisfiable)",
    422: "请求内容不符合格式, detail 说明哪个字段 (validation error, as text)",
    426: "协议版本不兼容, 请升级 (X-Guide-Protocol mismatch)",
    429: "尝试次数过多, 稍后再试 (too many attempts; see Retry-After)",
    431: "请求头过大 (request header fields too large)",
    500: "服务器内部错误 (internal error)",
    503: "数据库忙或暂时无法连接, 请稍后重发 (database busy or unreachable; see Retry-After)",
}

_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}},
    416: {"Content-Range": {"schema": {"type": "string"}, "description": "bytes */<size>"}},
    429: {"Retry-After": {"schema": {"type": "string"}, "description": "秒数 (seconds)"}},
    503: {"Retry-After": {"schema": {"type": "string"}, "description": "秒数 (seconds)"}},
}


def errors(*codes: int, **described: str) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route: each code with the ErrorBody model.

    ``described`` overrides a description: ``errors(401, e400="游标无效 …")``.
    """
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        entry: dict[str, Any] = {
            "model": ErrorBody,
            "description": described.get(f"e{code}", DESCRIPTIONS[code]),
        }
        if code in _HEADERS:
            entry["headers"] = _HEADERS[code]
        out[code] = entry
    return out


#: What any request may get, whatever its route: unreadable HTTP, too large (body, URL or
#: headers), another protocol version, an internal error, a busy database.
EVERY_OPERATION = errors(400, 413, 414, 426, 431, 500, 503)

#: ``openapi_extra`` of a route that needs ``Authorization: Bearer <token>``.
BEARER = {"security": [{"bearer": []}]}


def install_openapi(app: FastAPI) -> None:
    """Finish FastAPI's document: the bearer scheme, the protocol header on every answer."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        components = schema.setdefault("components", {})
        components.setdefault("securitySchemes", {})["bearer"] = {
            "type": "http",
            "scheme": "bearer",
            "description": "POST /api/v1/auth/login 返回的令牌 (token from login)",
        }
        protocol = {
            "schema": {"type": "string"},
            "required": True,
            "description": "服务器的协议版本 (the server's protocol version)",
        }
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                for response in responses.values():
                    response.setdefault("headers", {})[PROTOCOL_HEADER] = protocol
                operation["responses"] = dict(sorted(responses.items()))
        # FastAPI's own 422 shapes are replaced by ErrorBody on every route.
        for unused in ("HTTPValidationError", "ValidationError"):
            if not _referenced(schema, f"#/components/schemas/{unused}"):
                components.get("schemas", {}).pop(unused, None)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _referenced(node: Any, ref: str) -> bool:
    if isinstance(node, dict):
        if node.get("$ref") == ref:
            return True
        return any(_referenced(v, ref) for k, v in node.items() if k != "components")
    if isinstance(node, list):
        return any(_referenced(v, ref) for v in node)
    return False
