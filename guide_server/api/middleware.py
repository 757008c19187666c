"""Protocol header on every answer, version check, and one log line per request.

It also answers every exception a route leaves unhandled (500, or 503 for a database that
is busy or unreachable: :func:`~guide_server.api.errors.unexpected_error_answer`) in the
protocol's form, and does not re-raise it: Starlette's own last-resort handler sits
outside this middleware (no protocol header) and re-raises, after which uvicorn drops the
keep-alive connection. Only an error after the answer has started (a half-sent body)
still goes up, since closing the connection is then the only way to tell the client.
"""

from __future__ import annotations

import logging
import time

import orjson

from guide_core.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from guide_server.api.errors import unexpected_error_answer

log = logging.getLogger("guide_server.access")
errors_log = logging.getLogger("guide_server.errors")

_HEADER = PROTOCOL_HEADER.lower().encode()
_VALUE = str(PROTOCOL_VERSION).encode()


class ProtocolMiddleware:
    """Pure ASGI (cheap on the idle-poll path): adds ``X-Guide-Protocol`` and logs."""

    def __init__(self, app, access_log: bool = True) -> None:
        self.app = app
        self.access_log = access_log

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = None
        for name, value in scope.get("headers", ()):
            if name == _HEADER:
                sent = value
                break
        if sent is not None and sent.split(b".")[0].strip() != _VALUE:
            await _refuse(send, sent.decode("latin-1"))
            return
        status = {"code": 0}
        start = time.perf_counter()

        async def _send(message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (_HEADER, _VALUE)]
            await send(message)

        try:
            await self.app(scope, receive, _send)
        except Exception as exc:
            if status["code"]:  # the answer has started: only closing can say it broke
                raise
            errors_log.exception("unhandled error on %s %s", scope["method"], scope["path"])
            status["code"], detail, headers = unexpected_error_answer(exc)
            await _answer(send, status["code"], detail, headers)
        finally:
            if self.access_log:
                log.info(
                    "method=%s path=%s status=%s ms=%.1f client=%s",
                    scope["method"],
                    scope["path"],
                    status["code"],
                    (time.perf_counter() - start) * 1000,
                    (scope.get("client") or ("-",))[0],
                )


async def _refuse(send, sent: str) -> None:
    detail = f"协议版本不兼容: 客户端 {sent}, 服务器 {PROTOCOL_VERSION}, 请升级 (protocol mismatch)"
    await _answer(send, 426, detail)


async def _answer(send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    """A whole ``{"detail": …}`` answer with the protocol header, straight to the server."""
    body = orjson.dumps({"detail": detail})
    extra = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (_HEADER, _VALUE),
                *extra,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
