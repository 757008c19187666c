"""The HTTP/1.1 protocol uvicorn runs: a bounded request head, and errors in the protocol's form.

uvicorn's httptools protocol keeps every byte of a request line and header block
(httptools appends each piece of a header value to the bytes so far, so a 16 MiB
header is also quadratic work) and sets no limit; h11 has one
(``h11_max_incomplete_event_size``) but answers a plain-text 400. This subclass:

- counts the bytes that arrive while a head is incomplete and, past
  :data:`~guide_server.api.limits.MAX_HEAD_BYTES`, answers 431 and closes the
  connection (memory stays at the limit plus one read);
- answers 414 for a URL longer than httptools can take apart (:data:`MAX_URL_BYTES`),
  which it would otherwise refuse as a bare "Invalid HTTP request received.";
- answers every request the parser cannot read with a JSON 400.

Each of these is ``{"detail": …}`` with ``X-Guide-Protocol``, like every other answer.
:func:`uvicorn_http_options` picks it (or h11 with its limit when httptools is
missing) for ``guide-server run`` and ``demo``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson

from guide_core.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from guide_server.api.limits import (
    MAX_HEAD_BYTES,
    MAX_HEADER_BYTES,
    MAX_URL_BYTES,
    headers_too_large_detail,
)
from guide_server.sync.live import server_stopping

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - uvicorn without httptools: h11 with its own limit
    HttpToolsProtocol = None

BAD_REQUEST = "请求无法解析 (invalid HTTP request)"


def url_too_long_detail() -> str:
    return f"网址过长: 上限 {MAX_URL_BYTES} 字节 (URL longer than {MAX_URL_BYTES} bytes)"


def refusal(status: int, detail: str) -> bytes:
    """A whole HTTP/1.1 answer ``{"detail": detail}`` that closes the connection."""
    body = orjson.dumps({"detail": detail})
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"{PROTOCOL_HEADER.lower()}: {PROTOCOL_VERSION}\r\n"
        "connection: close\r\n"
    )
    return head.encode() + b"\r\n" + body


class _UrlTooLong(Exception):
    """Raised from ``on_url``: the parser stops and uvicorn calls ``send_400_response``."""


if HttpToolsProtocol is not None:

    class HeadLimitedHttpTools(HttpToolsProtocol):
        """httptools with a bounded head (431), a bounded URL (414), and JSON parse errors (400)."""

        max_head_bytes = MAX_HEAD_BYTES

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._in_head = True
            self._head_bytes = 0
            self._head_restarted = False
            self._refusal: tuple[int, str] | None = None

        def data_received(self, data: bytes) -> None:
            self._head_restarted = False
            super().data_received(data)
            # A read that finished the previous request is not counted for the next
            # head (an undercount of at most one read, never a refusal of a small head).
            if not self._in_head or self._head_restarted or self.transport.is_closing():
                return
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._refuse(431, headers_too_large_detail(MAX_HEADER_BYTES))

        def on_url(self, url: bytes) -> None:
            super().on_url(url)
            if len(self.url) > MAX_URL_BYTES:
                self._refusal = (414, url_too_long_detail())
                raise _UrlTooLong

        def on_headers_complete(self) -> None:
            self._in_head = False
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head = True
            self._head_bytes = 0
            self._head_restarted = True

        def shutdown(self) -> None:
            """uvicorn is stopping: held pulls answer now (``guide_server.sync.live``) instead
            of keeping the process up until their ``wait`` runs out."""
            server_stopping()
            super().shutdown()

        def send_400_response(self, msg: str) -> None:
            status, detail = self._refusal or (400, BAD_REQUEST)
            self._refuse(status, detail)

        def _refuse(self, status: int, detail: str) -> None:
            if self.cycle is None or self.cycle.response_complete:
                self.transport.write(refusal(status, detail))
            # else: an earlier request on this connection is still answering; just drop it
            self.transport.close()


def uvicorn_http_options() -> dict[str, Any]:
    """Keyword arguments for ``uvicorn.run`` that bound a request's head."""
    options: dict[str, Any] = {"h11_max_incomplete_event_size": MAX_HEAD_BYTES}
    if HttpToolsProtocol is not None:
        options["http"] = f"{__name__}:HeadLimitedHttpTools"
    else:  # pragma: no cover
        options["http"] = "h11"
    return options
