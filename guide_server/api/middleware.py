"""Protocol header on every answer, version check, and one log line per request."""

from __future__ import annotations

import logging
import time

import orjson

from guide_app.sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

log = logging.getLogger("guide_server.access")

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
    body = orjson.dumps(
        {
            "detail": f"协议版本不兼容: 客户端 {sent}, 服务器 {PROTOCOL_VERSION}, 请升级 (protocol mismatch)"
        }
    )
    await send(
        {
            "type": "http.response.start",
            "status": 426,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (_HEADER, _VALUE),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
