"""HTTP client of the server's API: every reply parsed through the protocol models.

Nothing here retries or sleeps; the sync engine decides that from the error
class (see :mod:`guide_app.sync.errors`). Every request carries the protocol
header and every reply must carry it back, so a proxy page or a server of
another major version is caught before its body is trusted.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import httpx
import orjson
from pydantic import BaseModel, TypeAdapter, ValidationError

from guide_app.sync.errors import (
    BadReply,
    BlobMismatch,
    ProtocolMismatch,
    Rejected4xx,
    ReplyCut,
    ResyncRequired,
    ServerError,
    Throttled,
    Unauthorized,
    Unreachable,
)
from guide_core import protocol

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)
#: A held pull (``wait``) may take that long, plus this for the answer itself: a server
#: gone silent (no reset, a cable pulled) shows offline after ``wait`` + this.
HELD_PULL_MARGIN_S = 10.0
_CHUNK = 256 * 1024
M = TypeVar("M", bound=BaseModel)

_CHANGES = TypeAdapter(list[protocol.Change])
#: Changes validated per pydantic call (each call holds the GIL throughout).
_CHANGE_SLICE = 500


#: What a socket error means to a person at the counter, by words in the OS's message.
_TRANSPORT_REASONS = (
    (("refused",), "连接被拒绝，服务器可能没有运行"),
    (("name or service", "nodename", "getaddrinfo", "name resolution"), "找不到这个服务器地址"),
    (("unreachable", "no route"), "网络不通，请检查网线或 Wi-Fi"),
    (("reset", "aborted", "broken pipe"), "连接被中断"),
)


def transport_reason(exc: BaseException) -> str:
    """``[Errno 111] Connection refused`` → ``连接被拒绝，服务器可能没有运行``."""
    text = str(exc).lower()
    for words, reason in _TRANSPORT_REASONS:
        if any(w in text for w in words):
            return reason
    return f"网络错误（{type(exc).__name__}）"


class ApiClient:
    """One server, optionally one signed-in user (``token``)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.strip().rstrip("/")
        self.token = token
        self._relogin: tuple[str, str, str, Callable[[protocol.LoginResponse], None]] | None = None
        self._client = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            headers={protocol.PROTOCOL_HEADER: str(protocol.PROTOCOL_VERSION)},
            transport=transport,
            trust_env=False,  # loopback/LAN servers must not go through a system proxy
        )

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def set_relogin(
        self,
        username: str,
        password: str,
        device_id: str,
        on_login: Callable[[protocol.LoginResponse], None],
    ) -> None:
        """Sign in at the first call that needs a token (offline unlock without a stored token).

        The password is held in memory only until that sign-in happens.
        """
        self._relogin = (username, password, device_id, on_login)

    # ------------------------------------------------------------------ endpoints

    def health(self) -> dict[str, Any]:
        """The server's health document (any JSON object)."""
        data = self._json(self._send("GET", "/health", auth=False), "/health")
        if not isinstance(data, dict):
            raise BadReply("服务器回复格式错误（/health）：应为 JSON 对象")
        return data

    def login(self, username: str, password: str, device_id: str) -> protocol.LoginResponse:
        """Sign in; on success the client keeps the token for later calls."""
        body = protocol.LoginRequest(username=username, password=password, device_id=device_id)
        resp = self._send("POST", "/auth/login", json=body.model_dump(mode="json"), auth=False)
        result = self._parse(resp, protocol.LoginResponse, "/auth/login")
        self.token = result.token
        return result

    def logout(self) -> None:
        """Revoke the current token on the server (the local copy is dropped too)."""
        if self.token is None:
            return
        try:
            self._send("POST", "/auth/logout")
        finally:
            self.token = None

    def me(self) -> protocol.MeResponse:
        return self._parse(self._send("GET", "/me"), protocol.MeResponse, "/me")

    def pull(
        self, cursor: str | None, limit: int = protocol.DEFAULT_PULL_LIMIT
    ) -> protocol.PullResponse:
        return self.parse_pull(self.pull_raw(cursor, limit))

    def pull_raw(
        self, cursor: str | None, limit: int = protocol.DEFAULT_PULL_LIMIT, wait: float = 0.0
    ) -> Any:
        """One pull page as parsed JSON, not yet validated (see :meth:`parse_pull`).

        The sync engine asks for the next page as soon as it has this one's
        cursor (:func:`next_cursor`), while it validates this one. With ``wait``
        (seconds) and nothing new, the server may hold the answer until a change
        comes or ``wait`` passes (long-poll; an older server answers at once).
        """
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        extra: dict[str, Any] = {}
        if wait > 0:
            params["wait"] = wait
            extra["timeout"] = httpx.Timeout(wait + HELD_PULL_MARGIN_S, connect=3.0)
        resp = self._send("GET", "/sync/pull", params=params, **extra)
        try:
            return self._json(resp, "/sync/pull")
        finally:
            # httpx leaves each Response in a reference cycle; while a pull runs the
            # cyclic collector is paused (gc_pause), so without this every page's
            # body (megabytes) would stay in memory until the pull ends.
            resp._content = b""

    @staticmethod
    def parse_pull(body: Any) -> protocol.PullResponse:
        """A pull page from :meth:`pull_raw`, validated (``BadReply`` if malformed).

        The changes are checked a slice at a time: one pydantic call over a
        5,000-row page holds the GIL ~35 ms, long enough for the window to
        stutter while it waits. A failing slice is checked again as part of
        the whole page, so the message names the change as it sits in the page.
        """
        changes = body.get("changes") if isinstance(body, dict) else None
        if not isinstance(changes, list):
            return _validated(body, protocol.PullResponse, "/sync/pull")
        page = _validated({**body, "changes": []}, protocol.PullResponse, "/sync/pull")
        try:
            for start in range(0, len(changes), _CHANGE_SLICE):
                page.changes += _CHANGES.validate_python(changes[start : start + _CHANGE_SLICE])
        except ValidationError:
            return _validated(body, protocol.PullResponse, "/sync/pull")
        return page

    def push(self, device_id: str, mutations: list[protocol.Mutation]) -> protocol.PushResponse:
        """Send one batch; every result must name a mutation of the batch."""
        body = protocol.PushRequest(device_id=device_id, mutations=mutations)
        resp = self._send(
            "POST",
            "/sync/push",
            content=body.model_dump_json().encode(),
            headers={"Content-Type": "application/json"},
        )
        result = self._parse(resp, protocol.PushResponse, "/sync/push")
        sent = {m.mutation_id for m in mutations}
        stray = [str(r.mutation_id) for r in result.results if r.mutation_id not in sent]
        if stray:
            raise BadReply(
                f"服务器回复格式错误（/sync/push）：结果中有未发送的 mutation_id {stray[0]}"
            )
        return result

    def search_customers(
        self,
        q: str = "",
        *,
        store_id: str | None = None,
        offset: int = 0,
        limit: int = protocol.DEFAULT_CUSTOMER_PAGE,
    ) -> protocol.RemoteCustomerPage:
        """HQ: customers of every store matching ``q`` (``GET /admin/customers``)."""
        params: dict[str, Any] = {"q": q, "offset": offset, "limit": limit}
        if store_id:
            params["store_id"] = store_id
        path = "/admin/customers"
        return self._parse(
            self._send("GET", path, params=params), protocol.RemoteCustomerPage, path
        )

    def customer_card(self, customer_id: str) -> protocol.RemoteCustomerCard:
        """HQ: one customer of any store, with tags, follow-ups and orders."""
        path = f"/admin/customers/{quote(customer_id, safe='')}"
        return self._parse(self._send("GET", path), protocol.RemoteCustomerCard, path)

    def put_blob(self, sha256: str, path: Path) -> None:
        """Upload a file under its hash (idempotent on the server)."""
        size = path.stat().st_size

        def chunks() -> Iterator[bytes]:
            with path.open("rb") as fh:
                while block := fh.read(_CHUNK):
                    yield block

        self._send(
            "PUT",
            f"/blobs/{sha256}",
            content=chunks(),
            headers={"Content-Type": "application/octet-stream", "Content-Length": str(size)},
        )

    def get_blob(self, sha256: str, dest: Path) -> Path:
        """Download a blob to ``dest``, resuming a ``dest.part`` left by an earlier try.

        The finished file must hash to ``sha256``; otherwise it is deleted and
        :class:`BlobMismatch` raised. ``dest`` appears only when complete.
        """
        part = dest.with_name(dest.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        try:
            with self._client.stream(
                "GET",
                f"{protocol.API_PREFIX}/blobs/{sha256}",
                headers={**self._auth_headers(), **headers},
            ) as resp:
                if resp.status_code == 416 and have:
                    part.unlink(missing_ok=True)  # our partial file is longer than the blob
                    return self.get_blob(sha256, dest)
                if resp.status_code >= 400:
                    resp.read()
                self._check(resp, f"/blobs/{sha256}")
                mode = "ab" if (have and resp.status_code == 206) else "wb"
                with part.open(mode) as fh:
                    for block in resp.iter_bytes(_CHUNK):
                        fh.write(block)
        except httpx.TimeoutException as exc:
            raise Unreachable(f"下载文件超时：{exc}") from exc
        except httpx.TransportError as exc:
            raise Unreachable(f"下载文件时连接中断：{exc}") from exc
        digest = _sha256_of(part)
        if digest != sha256:
            part.unlink(missing_ok=True)
            raise BlobMismatch(f"文件校验失败：应为 {sha256[:12]}…，实际 {digest[:12]}…，已删除")
        os.replace(part, dest)
        return dest

    # ------------------------------------------------------------------ plumbing

    def _ensure_token(self) -> None:
        if self.token is None and self._relogin is not None:
            username, password, device_id, on_login = self._relogin
            reply = self.login(username, password, device_id)  # Unauthorized propagates
            self._relogin = None
            on_login(reply)

    def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _send(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        if auth:
            self._ensure_token()
        all_headers = {**(self._auth_headers() if auth else {}), **(headers or {})}
        request = self._client.build_request(
            method, protocol.API_PREFIX + path, headers=all_headers, **kwargs
        )
        try:  # until the status line arrives, any failure means "could not reach the server"
            resp = self._client.send(request, stream=True)
        except httpx.TimeoutException as exc:
            raise Unreachable(f"服务器无响应（{path}）：超时") from exc
        except httpx.TransportError as exc:
            raise Unreachable(
                f"无法连接服务器（{self.base_url}）：{transport_reason(exc)}"
            ) from exc
        try:  # a body cut short after the headers is a broken reply
            resp.read()
        except httpx.TimeoutException as exc:
            raise Unreachable(f"服务器回复超时（{path}）") from exc
        except httpx.TransportError as exc:
            raise ReplyCut(f"服务器回复不完整（{path}）：{exc}") from exc
        finally:
            resp.close()
        self._check(resp, path)
        return resp

    def _check(self, resp: httpx.Response, path: str) -> None:
        """Map the status and protocol header to an error, or return for a 2xx."""
        code = resp.status_code
        if code == 426:
            raise ProtocolMismatch(f"客户端与服务器版本不兼容，请升级客户端：{_detail(resp)}")
        version = resp.headers.get(protocol.PROTOCOL_HEADER)
        if version is None and code >= 500:  # an unhandled error or a proxy in front: no header
            detail = _detail(resp)
            raise ServerError(f"服务器出错（HTTP {code}，{path}）：{detail}", code, detail)
        if version is None:
            raise ProtocolMismatch(
                f"服务器回复缺少 {protocol.PROTOCOL_HEADER} 头（{path}，HTTP {code}）：地址可能不是导购工作台服务器"
            )
        if version.split(".")[0].strip() != str(protocol.PROTOCOL_VERSION):
            raise ProtocolMismatch(
                f"服务器协议版本 {version} 与本机 {protocol.PROTOCOL_VERSION} 不兼容，请升级客户端（{path}）"
            )
        if code < 400:
            return
        detail = _detail(resp)
        if code == 401:
            raise Unauthorized(f"登录已失效，请重新登录：{detail}")
        if code == 429:
            retry = _retry_after(resp)
            wait = f"，请 {int(retry)} 秒后再试" if retry else ""
            raise Throttled(f"尝试次数过多{wait}：{detail}", retry_after=retry)
        if code == 409 and detail == protocol.RESYNC:
            raise ResyncRequired("服务器数据已重建，需要重新同步")
        if code >= 500:
            raise ServerError(f"服务器出错（HTTP {code}，{path}）：{detail}", code, detail)
        raise Rejected4xx(f"服务器拒绝了请求（HTTP {code}，{path}）：{detail}", code, detail)

    def _json(self, resp: httpx.Response, path: str) -> Any:
        try:
            return orjson.loads(resp.content)
        except orjson.JSONDecodeError as exc:
            where = f"第 {exc.pos} 个字符"
            length = len(resp.content)
            raise BadReply(
                f"服务器回复不是有效的 JSON（{path}，{where}，共 {length} 字节）"
            ) from exc

    def _parse(self, resp: httpx.Response, model: type[M], path: str) -> M:
        return _validated(self._json(resp, path), model, path)


def _validated(data: Any, model: type[M], path: str) -> M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BadReply(
            f"服务器回复格式错误（{path}）：{protocol.describe_validation_error(exc)}"
        ) from exc


def next_cursor(body: Any) -> str | None:
    """The cursor to ask for the page after ``body`` (a :meth:`ApiClient.pull_raw` result),
    or None when there is none or the body is not even shaped like a page."""
    if isinstance(body, dict) and body.get("has_more") is True:
        cursor = body.get("cursor")
        if isinstance(cursor, str) and cursor:
            return cursor
    return None


def _detail(resp: httpx.Response) -> str:
    """The server's ``detail`` as text, or a short excerpt of the body."""
    try:
        body = json.loads(resp.content)
    except ValueError:
        return resp.text[:200] or resp.reason_phrase
    if isinstance(body, dict) and "detail" in body:
        detail = body["detail"]
        return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:500]
    return json.dumps(body, ensure_ascii=False)[:200]


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(_CHUNK):
            h.update(block)
    return h.hexdigest()
