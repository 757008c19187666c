"""Request size limits: a body or header block larger than its endpoint needs is refused.

Without them one anonymous login with a 256 MiB body took the process from 179 to
921 MiB before it answered 422. The middleware never buffers: a ``Content-Length``
over the endpoint's limit is answered 413 before a byte of the body is read, and a
chunked body is cut off (413) as soon as the bytes counted so far pass the limit.
Header fields over :data:`MAX_HEADER_BYTES` are answered 431. The HTTP parser's own
bound on a request's head (so that a 16 MiB header is not buffered first) is in
:mod:`guide_server.http_protocol`.

Pure ASGI and cheap on the idle-poll path: one pass over the header list, and a
``GET`` without a body is passed through untouched.
"""

from __future__ import annotations

import re

import orjson
from fastapi import HTTPException

from guide_core.protocol import API_PREFIX, MAX_PUSH_BYTES
from guide_core.tasks_api import MAX_TASK_PUBLISH_BYTES

#: Header names and values together (not the request line). A request of the app
#: sends well under 1 KiB; 16 KiB leaves room for proxies' additions.
MAX_HEADER_BYTES = 16 * 1024
#: Longest URL (path and query) httptools can take apart: its URL parser keeps offsets
#: and lengths in 16 bits. Longer is answered 414 (``guide_server.http_protocol``).
MAX_URL_BYTES = 65_535
#: Longest pull cursor (``?cursor=``, base64url): what fits in that URL with the rest of
#: a pull's query. Every reader's cursor names at most three scopes (HQ's: ``global``,
#: ``staff``, itself; it named every store before issue 9, ~59,000 characters for 1,000
#: stores), so a real cursor is a few hundred characters.
MAX_CURSOR_CHARS = 65_000
#: The whole head (request line and header fields): what the HTTP parser reads before
#: it gives up with 431.
MAX_HEAD_BYTES = MAX_URL_BYTES + MAX_HEADER_BYTES + 8 * 1024
#: A login body: username (64), password (256) and device id (64 characters), each
#: character at most 12 bytes of JSON (``\\ud83d\\ude00``), with room for the keys.
MAX_LOGIN_BYTES = 8 * 1024
#: Creating an account or resetting its password: username, display name, store id (64
#: characters each) and password (256), at 12 bytes of JSON a character, with the keys.
MAX_ADMIN_USER_BYTES = 16 * 1024
#: A library write (``/admin/library/…``): the largest is a script — title 200, body
#: 10,000, 20 keywords and 20 items, at 12 bytes of JSON a character — or a tag group
#: with 200 tags; 256 KiB holds either with room for the keys.
MAX_LIBRARY_WRITE_BYTES = 256 * 1024
#: HQ's chain settings and auto-tag rules (``/admin/settings/…``, ``/admin/tag-rules``): a
#: rule's name and condition text (64 characters each at 12 bytes of JSON) and its keys.
MAX_SETTINGS_WRITE_BYTES = 16 * 1024
#: Every other endpoint takes no body (pull, me, logout, health, blob download).
MAX_OTHER_BYTES = 1024


def body_limits() -> dict[tuple[str, str], int | None]:
    """``(method, path) → largest body in bytes``; ``None``: the endpoint bounds it itself.

    A blob upload streams into the blob store, which stops at ``Settings.max_blob_bytes``
    (413 "文件过大 …"); it is matched by prefix in :class:`RequestLimits`.
    """
    return {
        ("POST", f"{API_PREFIX}/auth/login"): MAX_LOGIN_BYTES,
        ("POST", f"{API_PREFIX}/sync/push"): MAX_PUSH_BYTES,
        ("POST", f"{API_PREFIX}/admin/users"): MAX_ADMIN_USER_BYTES,
        ("POST", f"{API_PREFIX}/admin/users/{{id}}/reset-password"): MAX_ADMIN_USER_BYTES,
        # the script import streams its file to disk and stops at its own limit (50 MiB)
        ("POST", f"{API_PREFIX}/admin/library/scripts/import"): None,
        # the member and order imports stream their files and stop at their own limits
        ("POST", f"{API_PREFIX}/admin/members/import"): None,
        ("POST", f"{API_PREFIX}/admin/orders/import"): None,
        ("PUT", f"{API_PREFIX}/admin/settings/lifecycle"): MAX_SETTINGS_WRITE_BYTES,
        ("PUT", f"{API_PREFIX}/admin/settings/today"): MAX_SETTINGS_WRITE_BYTES,
        ("POST", f"{API_PREFIX}/admin/tag-rules"): MAX_SETTINGS_WRITE_BYTES,
        ("PUT", f"{API_PREFIX}/admin/tag-rules/{{id}}"): MAX_SETTINGS_WRITE_BYTES,
        # a task with its checklist, targets and segments (guide_core.tasks_api)
        ("POST", f"{API_PREFIX}/admin/tasks"): MAX_TASK_PUBLISH_BYTES,
        ("PATCH", f"{API_PREFIX}/admin/tasks/{{id}}"): MAX_TASK_PUBLISH_BYTES,
        ("POST", f"{API_PREFIX}/admin/tasks/{{id}}/withdraw"): MAX_LIBRARY_WRITE_BYTES,
        **{
            (method, f"{API_PREFIX}/admin/library/{path}"): MAX_LIBRARY_WRITE_BYTES
            for method, path in (
                ("POST", "groups"),
                ("PUT", "groups/{id}"),
                ("POST", "groups/{id}/move"),
                ("POST", "scripts"),
                ("PUT", "scripts/{id}"),
                ("POST", "materials"),
                ("PUT", "materials/{id}"),
                ("POST", "sensitive-words"),
                ("POST", "tag-groups"),
                ("PUT", "tag-groups/{id}"),
                ("POST", "suggestions/{id}/decide"),
            )
        },
    }


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):.0f} MiB"
    if limit >= 1024:
        return f"{limit / 1024:.0f} KiB"
    return f"{limit} 字节"


def body_too_large_detail(limit: int) -> str:
    return f"请求过大: 此接口的请求体上限 {_size(limit)} (request body larger than {limit} bytes)"


def headers_too_large_detail(limit: int) -> str:
    return f"请求头过大: 上限 {_size(limit)} (request headers larger than {limit} bytes)"


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` once a streamed body passes its limit.

    An ``HTTPException`` so that FastAPI's body reading passes it on (any other
    exception there becomes "400 error parsing the body") and the app's handler
    answers it as ``{"detail": …}``. ``Connection: close``: the rest of the body is
    not read.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, body_too_large_detail(limit), {"Connection": "close"})
        self.limit = limit


class RequestLimits:
    """Pure ASGI: 431 for oversized header fields, 413 for a body over its endpoint's limit."""

    def __init__(
        self,
        app,
        limits: dict[tuple[str, str], int | None] | None = None,
        *,
        default: int = MAX_OTHER_BYTES,
        unbounded_prefixes: tuple[tuple[str, str], ...] = (("PUT", f"{API_PREFIX}/blobs/"),),
        max_header_bytes: int = MAX_HEADER_BYTES,
    ) -> None:
        self.app = app
        self.limits = body_limits() if limits is None else limits
        #: Keys with a ``{name}`` path segment (``/admin/users/{id}/…``) match any one segment.
        self.templated = [
            (
                method,
                re.compile("^" + re.sub(r"\\\{[^/]*\\\}", "[^/]+", re.escape(path)) + "$"),
                limit,
            )
            for (method, path), limit in self.limits.items()
            if "{" in path
        ]
        self.default = default
        self.unbounded_prefixes = unbounded_prefixes
        self.max_header_bytes = max_header_bytes

    def limit_for(self, method: str, path: str) -> int | None:
        limit = self.limits.get((method, path), self.default)
        if (method, path) not in self.limits:
            for template_method, pattern, template_limit in self.templated:
                if method == template_method and pattern.match(path):
                    limit = template_limit
                    break
        for prefix_method, prefix in self.unbounded_prefixes:
            if method == prefix_method and path.startswith(prefix):
                return None
        return limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        size = 0
        declared = None
        chunked = False
        for name, value in scope["headers"]:
            size += len(name) + len(value)
            if name == b"content-length":
                declared = value
            elif name == b"transfer-encoding":
                chunked = True
        if size > self.max_header_bytes:
            await _answer(send, 431, headers_too_large_detail(self.max_header_bytes))
            return
        if declared is None and not chunked and scope["method"] in ("GET", "HEAD"):
            await self.app(scope, receive, send)  # the idle poll: no body, nothing to count
            return
        limit = self.limit_for(scope["method"], scope["path"])
        if limit is None:
            await self.app(scope, receive, send)
            return
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _answer(send, 413, body_too_large_detail(limit), close=True)
            return
        if chunked and limit <= self.default:
            await self._small_streamed_body(scope, receive, send, limit)
            return
        received = 0
        started = False

        async def counted_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def watched_send(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge as exc:
            # Only when nothing inside answered it (FastAPI's handlers normally do).
            if started:
                raise
            await _answer(send, 413, exc.detail, close=True)

    async def _small_streamed_body(self, scope, receive, send, limit: int) -> None:
        """A streamed body to an endpoint that takes (almost) none: read it first.

        Such an endpoint answers without reading a body, and a download listens for the
        client going away while it sends: a limit hit inside either could no longer be
        a 413. So the body is read here, up to the endpoint's limit (one message more at
        most), and handed to the app as it came; over the limit it is a 413 at once.
        """
        messages = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > limit:
                await _answer(send, 413, body_too_large_detail(limit), close=True)
                return
            if not message.get("more_body", False):
                break

        async def replayed_receive():
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replayed_receive, send)


async def _answer(send, status: int, detail: str, close: bool = False) -> None:
    """A ``{"detail": …}`` answer; the protocol header is added by the middleware outside."""
    body = orjson.dumps({"detail": detail})
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if close:
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
