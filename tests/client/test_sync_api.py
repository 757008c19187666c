"""ApiClient against a scripted HTTP server on loopback that answers what we tell it.

That server is a *bad server* (garbage, truncated bodies, wrong versions), not
a stand-in for the real one: the happy paths are tested against the real
server in test_sync_engine*.py.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from guide_app.sync.api import ApiClient
from guide_app.sync.errors import (
    BadReply,
    BlobMismatch,
    ProtocolMismatch,
    Rejected4xx,
    ResyncRequired,
    ServerError,
    Throttled,
    Unauthorized,
    Unreachable,
)
from guide_core import protocol

OK_HEADERS = {protocol.PROTOCOL_HEADER: "1", "Content-Type": "application/json"}


class ScriptedServer:
    """``routes[(method, path)] = (status, headers, body, declared_length)``; records requests."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], tuple[int, dict[str, str], bytes, int | None]] = {}
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.delay_s = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = self.path.split("?")[0]
                outer.requests.append((self.command, self.path, dict(self.headers), body))
                time.sleep(outer.delay_s)
                status, headers, payload, declared = outer.routes.get(
                    (self.command, path), (404, OK_HEADERS, b'{"detail":"not found"}', None)
                )
                if callable(payload):
                    status, headers, payload = payload(self)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header(
                    "Content-Length", str(declared if declared is not None else len(payload))
                )
                self.end_headers()
                self.wfile.write(payload)
                if declared is not None:
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)

            do_GET = do_POST = do_PUT = _any

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def answer(
        self,
        method: str,
        path: str,
        status: int,
        body: object = None,
        *,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        declared_length: int | None = None,
    ) -> None:
        payload = raw if raw is not None else json.dumps(body).encode()
        self.routes[(method, protocol.API_PREFIX + path)] = (
            status,
            OK_HEADERS if headers is None else headers,
            payload,
            declared_length,
        )


@pytest.fixture
def bad_server():
    server = ScriptedServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def api(bad_server):
    client = ApiClient(bad_server.url, token="t0k3n")
    yield client
    client.close()


def test_requests_carry_protocol_header_and_token(bad_server, api):
    bad_server.answer("GET", "/sync/pull", 200, {"changes": [], "cursor": "c1", "has_more": False})
    page = api.pull(None, 10)
    assert page.cursor == "c1" and page.changes == []
    _, path, headers, _ = bad_server.requests[-1]
    assert headers[protocol.PROTOCOL_HEADER] == "1"
    assert headers["Authorization"] == "Bearer t0k3n"
    assert "cursor" not in path and "limit=10" in path


def test_malformed_json_names_endpoint_and_position(bad_server, api):
    bad_server.answer("GET", "/sync/pull", 200, raw=b'{"changes": [}')
    with pytest.raises(BadReply) as exc:
        api.pull("c", 10)
    assert "/sync/pull" in exc.value.message and "JSON" in exc.value.message


def test_truncated_body_is_a_bad_reply(bad_server, api):
    body = json.dumps({"changes": [], "cursor": "c", "has_more": False}).encode()
    bad_server.answer("GET", "/sync/pull", 200, raw=body[:10], declared_length=len(body))
    with pytest.raises(BadReply) as exc:
        api.pull("c", 10)
    assert "/sync/pull" in exc.value.message


def test_schema_mismatch_names_the_field(bad_server, api):
    bad_server.answer(
        "GET",
        "/sync/pull",
        200,
        {
            "changes": [{"entity": "planet", "id": "x", "version": 1}],
            "cursor": "c",
            "has_more": False,
        },
    )
    with pytest.raises(BadReply) as exc:
        api.pull("c", 10)
    assert "字段 changes 第1项 entity" in exc.value.message


def test_bad_change_deep_in_a_long_page_is_named_by_its_place_in_the_page():
    """Changes are validated in slices; the message still counts from the page's start."""
    good = {"entity": "customer", "id": "c", "version": 1, "data": {}}
    changes = [dict(good, id=f"c{i}") for i in range(1700)]
    page = ApiClient.parse_pull({"changes": changes, "cursor": "c", "has_more": True})
    assert [c.id for c in page.changes] == [f"c{i}" for i in range(1700)]
    changes[1234] = dict(good, version="many")
    with pytest.raises(BadReply) as exc:
        ApiClient.parse_pull({"changes": changes, "cursor": "c", "has_more": True})
    assert "字段 changes 第1235项 version" in exc.value.message
    with pytest.raises(BadReply) as exc:
        ApiClient.parse_pull({"changes": changes[:3], "cursor": 7, "has_more": True})
    assert "cursor" in exc.value.message


def test_missing_protocol_header_is_a_mismatch(bad_server, api):
    bad_server.answer(
        "GET",
        "/sync/pull",
        200,
        {"changes": [], "cursor": "c", "has_more": False},
        headers={"Content-Type": "application/json"},
    )
    with pytest.raises(ProtocolMismatch) as exc:
        api.pull("c", 10)
    assert protocol.PROTOCOL_HEADER in exc.value.message


def test_other_major_version_and_426(bad_server, api):
    bad_server.answer(
        "GET",
        "/sync/pull",
        200,
        {"changes": [], "cursor": "c", "has_more": False},
        headers={protocol.PROTOCOL_HEADER: "2"},
    )
    with pytest.raises(ProtocolMismatch, match="2"):
        api.pull("c", 10)
    bad_server.answer("GET", "/me", 426, {"detail": "protocol 1 is no longer supported"})
    with pytest.raises(ProtocolMismatch, match="no longer supported"):
        api.me()


@pytest.mark.parametrize(
    ("status", "body", "headers", "error"),
    [
        (401, {"detail": "token revoked"}, {}, Unauthorized),
        (409, {"detail": "resync"}, {}, ResyncRequired),
        (500, {"detail": "boom"}, {}, ServerError),
        (503, "not json at all", {}, ServerError),
        (400, {"detail": "invalid cursor"}, {}, Rejected4xx),
    ],
)
def test_status_codes_map_to_errors(bad_server, api, status, body, headers, error):
    bad_server.answer("GET", "/sync/pull", status, body, headers={**OK_HEADERS, **headers})
    with pytest.raises(error) as exc:
        api.pull("c", 10)
    assert exc.value.message  # displayable
    if error is Rejected4xx:
        assert exc.value.status_code == 400 and "invalid cursor" in exc.value.message


def test_throttled_carries_retry_after(bad_server, api):
    bad_server.answer(
        "POST",
        "/auth/login",
        429,
        {"detail": "too many attempts"},
        headers={**OK_HEADERS, "Retry-After": "120"},
    )
    with pytest.raises(Throttled) as exc:
        api.login("u", "p", "dev")
    assert exc.value.retry_after == 120 and "120" in exc.value.message


def test_push_result_for_an_unsent_mutation_is_rejected(bad_server, api):
    sent = protocol.Mutation(
        mutation_id=uuid.uuid4(),
        seq=1,
        entity="customer",
        op="update",
        entity_id="c1",
        fields={"notes": "x"},
    )
    stray = {"mutation_id": str(uuid.uuid4()), "status": "applied"}
    bad_server.answer("POST", "/sync/push", 200, {"results": [stray]})
    with pytest.raises(BadReply, match="mutation_id"):
        api.push("dev", [sent])
    body = json.loads(bad_server.requests[-1][3])
    assert body["device_id"] == "dev" and body["mutations"][0]["mutation_id"] == str(
        sent.mutation_id
    )


def test_connection_refused_and_timeout_are_unreachable(bad_server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with ApiClient(f"http://127.0.0.1:{port}") as client, pytest.raises(Unreachable) as refused:
        client.health()
    # what the status bar shows: the reason in words, not the socket's "[Errno 111] …"
    assert (
        str(refused.value)
        == f"无法连接服务器（http://127.0.0.1:{port}）：连接被拒绝，服务器可能没有运行"
    )
    with (
        ApiClient("http://no-such-host.invalid:8765") as client,
        pytest.raises(Unreachable) as lost,
    ):
        client.health()
    assert str(lost.value).endswith("找不到这个服务器地址") and "Errno" not in str(lost.value)
    bad_server.delay_s = 1.0
    bad_server.answer("GET", "/health", 200, {"ok": True})
    with (
        ApiClient(bad_server.url, timeout=httpx.Timeout(0.2)) as client,
        pytest.raises(Unreachable),
    ):
        client.health()


def test_blob_download_verifies_hash_and_resumes(bad_server, api, tmp_path: Path):
    content = b"evidence-photo-bytes" * 1000
    sha = hashlib.sha256(content).hexdigest()

    def ranged(handler):
        rng = handler.headers.get("Range")
        if rng:
            start = int(rng.split("=")[1].rstrip("-"))
            return 206, OK_HEADERS, content[start:]
        return 200, OK_HEADERS, content

    bad_server.routes[("GET", f"{protocol.API_PREFIX}/blobs/{sha}")] = (
        200,
        OK_HEADERS,
        ranged,
        None,
    )
    dest = tmp_path / sha
    (tmp_path / f"{sha}.part").write_bytes(content[:5000])  # an earlier, interrupted download
    api.get_blob(sha, dest)
    assert dest.read_bytes() == content
    assert bad_server.requests[-1][2]["Range"] == "bytes=5000-"

    wrong = hashlib.sha256(b"something else").hexdigest()
    bad_server.answer("GET", f"/blobs/{wrong}", 200, raw=b"not the right bytes")
    with pytest.raises(BlobMismatch):
        api.get_blob(wrong, tmp_path / wrong)
    assert not (tmp_path / wrong).exists() and not (tmp_path / f"{wrong}.part").exists()
