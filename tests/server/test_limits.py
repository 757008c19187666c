"""Request size limits (issue 8): a body or head larger than its endpoint needs is refused.

A 256 MiB login body (no token needed) took the server from 179 to 921 MiB before it
answered 422, and a 16 MiB header was accepted. Now a declared body over the limit is
refused before it is read, a chunked one is cut off as it passes the limit, and a head
over the limit is not buffered; each answer is ``{"detail": …}`` with the protocol header.
"""

from __future__ import annotations

import hashlib
import json
import socket
import uuid
from pathlib import Path

import httpx
import orjson

from guide_core.protocol import (
    MAX_MUTATION_BYTES,
    MAX_PUSH_BATCH,
    MAX_PUSH_BYTES,
    MUTATION_FIELDS,
    PROTOCOL_HEADER,
    Mutation,
    validate_fields,
)
from guide_server.api.limits import (
    MAX_CURSOR_CHARS,
    MAX_HEADER_BYTES,
    MAX_LOGIN_BYTES,
    MAX_OTHER_BYTES,
    MAX_URL_BYTES,
)
from tests.server.api import API, Api, mutation

MiB = 1024 * 1024
#: One character outside the BMP: 12 bytes of JSON as ``\ud83d\ude00``.
WIDE = "\U0001f600"

# --------------------------------------------------------------------------- the protocol's limit


def _largest_mutation() -> dict:
    """A valid personal-script create with every text at its limit, in 12-byte characters."""
    fields = {
        "title": WIDE * 200,
        "body": WIDE * 10_000,
        "keywords": [WIDE * 64] * 20,
        "group_id": WIDE * 64,
    }
    return mutation("script", "create", WIDE * 64, fields, seq=2**63 - 1, base_version=2**63 - 1)


def test_the_largest_valid_mutation_fits_the_push_limit():
    m = _largest_mutation()
    Mutation.model_validate(m)
    validate_fields("script", "create", m["fields"])
    as_sent = json.dumps(m, ensure_ascii=True).encode()  # every character escaped
    assert len(as_sent) <= MAX_MUTATION_BYTES
    envelope = json.dumps({"device_id": WIDE * 64, "mutations": []}, ensure_ascii=True)
    assert MAX_PUSH_BATCH * (len(as_sent) + 2) + len(envelope) <= MAX_PUSH_BYTES


def _budget(schema: dict, defs: dict, where: str) -> int:
    """Most bytes of JSON a valid value of ``schema`` can take (a text character at 12, an
    id, time or hash of a pattern or format at 64 ASCII); fails on an unbounded text."""
    if "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        return max(_budget(s, defs, where) for s in schema["anyOf"])
    kind = schema.get("type")
    if "enum" in schema or "const" in schema or kind in ("boolean", "integer", "null"):
        return 32
    if kind == "string":
        if schema.get("format") in ("date", "date-time") or "pattern" in schema:
            return 64
        assert "maxLength" in schema, f"{where}: text without a length limit"
        return schema["maxLength"] * 12
    if kind == "array":
        assert "maxItems" in schema, f"{where}: list without a length limit"
        return schema["maxItems"] * (_budget(schema["items"], defs, where + "[]") + 1)
    if kind == "object":
        return sum(
            len(name) + 4 + _budget(s, defs, f"{where}.{name}")
            for name, s in schema.get("properties", {}).items()
        )
    raise AssertionError(f"{where}: unexpected schema {schema}")


def test_no_operation_takes_more_than_one_mutation_may():
    """Every field of every operation is bounded, and its largest value (with the
    mutation's ids and keys, 2 KiB) fits :data:`MAX_MUTATION_BYTES`: a personal script's
    text or a store task's checklist (task.create, ids ASCII by the protocol)."""
    for (entity, op), model in MUTATION_FIELDS.items():
        schema = model.model_json_schema()
        assert _budget(schema, schema.get("$defs", {}), f"{entity}.{op}") + 2048 <= (
            MAX_MUTATION_BYTES
        ), f"{entity}.{op}"


# --------------------------------------------------------------------------- helpers


def _rss_mib(server) -> float:
    """Resident memory of the server process (one worker: uvicorn serves in it)."""
    for line in Path(f"/proc/{server.proc.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def _raw(server, data: bytes, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send ``data`` as is and read one answer (status, lower-case headers, body)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        while b"\r\n\r\n" not in received:
            chunk = sock.recv(65536)
            assert chunk, f"connection closed without an answer: {received!r}"
            received += chunk
        head, _, body = received.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(body) < length:
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return int(lines[0].split()[1]), headers, body


def _assert_refused(status: int, headers, body: bytes, expected: int, words: str) -> None:
    assert status == expected, (status, body[:300])
    assert headers.get(PROTOCOL_HEADER.lower()) == "1", headers
    assert words in orjson.loads(body)["detail"], body


def _chunks(total: int, size: int = 64 * 1024):
    sent = 0
    while sent < total:
        yield b" " * size
        sent += size


# --------------------------------------------------------------------------- bodies


def test_a_declared_login_body_over_the_limit_is_refused_before_it_is_read(live_server):
    head = (
        f"POST {API}/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
        f"Content-Length: {256 * MiB}\r\n\r\n"
    ).encode()
    # Only the head and a few bytes go out: the answer must come without the rest.
    status, headers, body = _raw(live_server, head + b'{"username": ')
    _assert_refused(status, headers, body, 413, f"request body larger than {MAX_LOGIN_BYTES} bytes")
    assert headers.get("connection") == "close"
    assert "请求过大" in orjson.loads(body)["detail"]


def test_a_chunked_body_is_cut_off_without_growing_the_server(live_server):
    before = _rss_mib(live_server)
    r = httpx.post(
        f"{live_server.url}{API}/auth/login",
        content=_chunks(64 * MiB),
        headers={"Content-Type": "application/json"},
        timeout=60,
    )
    _assert_refused(
        r.status_code, r.headers, r.content, 413, f"larger than {MAX_LOGIN_BYTES} bytes"
    )
    assert _rss_mib(live_server) - before < 32, (before, _rss_mib(live_server))
    # The server goes on answering.
    assert httpx.get(f"{live_server.url}{API}/health").status_code == 200


def test_endpoints_without_a_body_take_almost_none(live_server):
    api = Api(live_server, "s001-g1")
    big = b"x" * (MAX_OTHER_BYTES + 1)
    r = api.http.request("GET", "/me", content=big)
    _assert_refused(r.status_code, r.headers, r.content, 413, f"larger than {MAX_OTHER_BYTES}")
    r = api.http.post("/auth/logout", content=big)
    assert r.status_code == 413
    assert api.http.get("/me").status_code == 200  # the refused logout did not happen
    assert api.http.get("/me", headers={"Content-Length": "0"}).status_code == 200


def test_a_streamed_body_to_a_download_is_refused_cleanly(live_server):
    """A download answers without reading the body and listens for a disconnect meanwhile:
    a limit hit there once made 'response already started' errors in the log."""
    api = Api(live_server, "s001-g1")
    data = b"file " * 60_000
    sha = hashlib.sha256(data).hexdigest()
    assert api.http.put(f"/blobs/{sha}", content=data).status_code == 200
    chunks = b"".join(b"%x\r\n%s\r\n" % (1000, b"a" * 1000) for _ in range(8)) + b"0\r\n\r\n"
    head = (
        f"GET {API}/blobs/{sha} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {api.token}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    status, headers, body = _raw(live_server, head.encode() + chunks)
    _assert_refused(status, headers, body, 413, f"larger than {MAX_OTHER_BYTES} bytes")
    small = b"%x\r\n%s\r\n0\r\n\r\n" % (100, b"a" * 100)
    status, headers, body = _raw(live_server, head.encode() + small)
    assert status == 200 and body == data
    assert "Traceback" not in live_server.log_path.read_text(errors="replace")


def test_a_push_is_bounded_by_the_protocol(live_server):
    api = Api(live_server, "s001-g1")
    head = (
        f"POST {API}/sync/push HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {api.token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {MAX_PUSH_BYTES + 1}\r\n\r\n"
    ).encode()
    status, headers, body = _raw(live_server, head + b"{")
    _assert_refused(status, headers, body, 413, f"larger than {MAX_PUSH_BYTES} bytes")
    # A body of exactly the limit is read and applied (padding is JSON whitespace).
    customer_id = str(uuid.uuid4())
    one = mutation("customer", "create", customer_id, {"name": "限额测试"})
    raw = orjson.dumps({"device_id": "limits", "mutations": [one]})
    padded = raw[:-1] + b" " * (MAX_PUSH_BYTES - len(raw)) + b"}"
    assert len(padded) == MAX_PUSH_BYTES
    r = api.http.post("/sync/push", content=padded, headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text[:300]
    assert r.json()["results"][0]["status"] == "applied"


def test_a_blob_upload_keeps_its_own_limit(live_server):
    api = Api(live_server, "s001-g1")
    data = b"\x89PNG" + bytes(range(256)) * 256  # 64 KiB: over every other body limit
    sha = hashlib.sha256(data).hexdigest()
    r = api.http.put(f"/blobs/{sha}", content=data, headers={"Content-Type": "image/png"})
    assert r.status_code == 200, r.text
    assert r.json()["size"] == len(data)


# --------------------------------------------------------------------------- heads


def test_a_huge_header_is_refused_without_buffering_it(live_server):
    before = _rss_mib(live_server)
    r = httpx.get(f"{live_server.url}{API}/health", headers={"X-Big": "a" * (16 * MiB)}, timeout=60)
    _assert_refused(
        r.status_code, r.headers, r.content, 431, f"larger than {MAX_HEADER_BYTES} bytes"
    )
    assert _rss_mib(live_server) - before < 8, (before, _rss_mib(live_server))
    assert httpx.get(f"{live_server.url}{API}/health").status_code == 200


def test_header_fields_over_the_limit_get_431(live_server):
    r = httpx.get(f"{live_server.url}{API}/health", headers={"X-Big": "a" * (MAX_HEADER_BYTES + 1)})
    _assert_refused(r.status_code, r.headers, r.content, 431, "请求头过大")
    assert r.headers.get_list(PROTOCOL_HEADER) == ["1"]
    r = httpx.get(f"{live_server.url}{API}/health", headers={"X-Big": "a" * 8000})
    assert r.status_code == 200


def test_urls_the_parser_cannot_take_get_414_and_the_longest_cursor_is_read(live_server):
    api = Api(live_server, "s001-g1")
    long_url = f"{API}/sync/pull?cursor={'a' * MAX_URL_BYTES}"  # httpx refuses to send it
    request = f"GET {long_url} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {api.token}\r\n\r\n"
    status, headers, body = _raw(live_server, request.encode())
    _assert_refused(status, headers, body, 414, f"longer than {MAX_URL_BYTES}")
    r = api.http.get("/sync/pull", params={"cursor": "a" * MAX_CURSOR_CHARS, "limit": 5000})
    _assert_refused(r.status_code, r.headers, r.content, 400, "invalid cursor")
    r = api.http.get("/sync/pull", params={"cursor": "a" * (MAX_CURSOR_CHARS + 1)})
    _assert_refused(r.status_code, r.headers, r.content, 422, "query:cursor")


def test_an_unreadable_request_gets_a_json_400(live_server):
    status, headers, body = _raw(live_server, b"GET /api/v1/health HTTP/1.1\r\nBad Header\r\n\r\n")
    _assert_refused(status, headers, body, 400, "invalid HTTP request")
