"""The live ``/openapi.json`` tells the truth (issue 8).

It had an unresolvable ``$ref "#/$defs/Mutation"`` in the push body, documented 422
bodies as FastAPI's array although they are ``{"detail": "<text>"}``, and left most
error statuses out. Here: every reference resolves, every error answer is ErrorBody,
each operation lists what its code can answer, and real answers match the document.
"""

from __future__ import annotations

import hashlib
import uuid

import httpx
import jsonschema_rs

from guide_core.protocol import PROTOCOL_HEADER, PushRequest
from tests.server.api import API, Api, mutation

ERROR_BODY = {"$ref": "#/components/schemas/ErrorBody"}
EVERYWHERE = {"400", "413", "414", "426", "431", "500", "503"}
LIB = f"{API}/admin/library"
#: What each operation's own code can answer besides 200 (and EVERYWHERE).
OWN = {
    ("get", f"{API}/health"): set(),
    ("post", f"{API}/auth/login"): {"401", "422", "429"},
    ("post", f"{API}/auth/logout"): {"401"},
    ("get", f"{API}/me"): {"401"},
    ("get", f"{API}/sync/pull"): {"401", "409", "422"},
    ("post", f"{API}/sync/push"): {"401", "422"},
    ("put", f"{API}/blobs/{{sha256}}"): {"401", "422"},
    ("get", f"{API}/blobs/{{sha256}}"): {"206", "401", "403", "404", "416", "422"},
    ("get", f"{API}/admin/users"): {"401", "403", "422"},
    ("post", f"{API}/admin/users"): {"201", "401", "403", "404", "409", "422"},
    ("post", f"{API}/admin/users/{{user_id}}/deactivate"): {"401", "403", "404", "422"},
    ("post", f"{API}/admin/users/{{user_id}}/reset-password"): {"401", "403", "404", "422"},
    ("get", f"{API}/admin/customers"): {"401", "403", "404", "422"},
    ("get", f"{API}/admin/customers/{{customer_id}}"): {"401", "403", "404", "422"},
    # the library's admin area (issue 11)
    ("get", f"{LIB}/groups"): {"401", "403", "422"},
    ("post", f"{LIB}/groups"): {"201", "401", "403", "422"},
    ("put", f"{LIB}/groups/{{group_id}}"): {"401", "403", "404", "422"},
    ("delete", f"{LIB}/groups/{{group_id}}"): {"401", "403", "404", "409", "422"},
    ("post", f"{LIB}/groups/{{group_id}}/move"): {"401", "403", "404", "422"},
    ("get", f"{LIB}/scripts"): {"401", "403", "422"},
    ("post", f"{LIB}/scripts"): {"201", "401", "403", "422"},
    ("put", f"{LIB}/scripts/{{script_id}}"): {"401", "403", "404", "422"},
    ("delete", f"{LIB}/scripts/{{script_id}}"): {"401", "403", "404", "422"},
    ("post", f"{LIB}/scripts/import"): {"401", "403", "422"},
    ("get", f"{LIB}/scripts/export"): {"401", "403", "404", "422"},
    ("get", f"{LIB}/materials"): {"401", "403", "422"},
    ("post", f"{LIB}/materials"): {"201", "401", "403", "422"},
    ("put", f"{LIB}/materials/{{material_id}}"): {"401", "403", "404", "422"},
    ("delete", f"{LIB}/materials/{{material_id}}"): {"401", "403", "404", "422"},
    ("get", f"{LIB}/sensitive-words"): {"401", "403"},
    ("post", f"{LIB}/sensitive-words"): {"201", "401", "403", "409", "422"},
    ("delete", f"{LIB}/sensitive-words/{{word_id}}"): {"401", "403", "404", "422"},
    ("get", f"{LIB}/tag-groups"): {"401", "403"},
    ("post", f"{LIB}/tag-groups"): {"201", "401", "403", "422"},
    ("put", f"{LIB}/tag-groups/{{group_id}}"): {"401", "403", "404", "409", "422"},
    ("delete", f"{LIB}/tag-groups/{{group_id}}"): {"401", "403", "404", "409", "422"},
    ("get", f"{LIB}/suggestions"): {"401", "403", "422"},
    ("post", f"{LIB}/suggestions/{{suggestion_id}}/decide"): {"401", "403", "404", "409", "422"},
    ("get", f"{LIB}/usage"): {"401", "403", "422"},
    ("post", f"{API}/admin/members/import"): {"401", "403", "404", "413", "422"},
    ("post", f"{API}/admin/orders/import"): {"401", "403", "413", "422"},
    ("get", f"{API}/admin/orders/unmatched"): {"401", "403", "422"},
    # issue 12: chain settings, auto-tag rules, 非会员入会率
    ("get", f"{API}/admin/settings/lifecycle"): {"401", "403"},
    ("put", f"{API}/admin/settings/lifecycle"): {"401", "403", "422"},
    # issue 14: 今日's contact guard
    ("get", f"{API}/admin/settings/today"): {"401", "403"},
    ("put", f"{API}/admin/settings/today"): {"401", "403", "422"},
    ("get", f"{API}/admin/tag-rules"): {"401", "403"},
    ("post", f"{API}/admin/tag-rules"): {"201", "401", "403", "422"},
    ("put", f"{API}/admin/tag-rules/{{rule_id}}"): {"401", "403", "404", "422"},
    ("delete", f"{API}/admin/tag-rules/{{rule_id}}"): {"401", "403", "404", "422"},
    ("get", f"{API}/admin/reports/membership-rate"): {"401", "403", "422"},
    ("get", f"{API}/admin/reports/handovers"): {"401", "403", "422"},
    ("get", f"{API}/orders/lookup"): {"401", "422"},
    ("get", f"{API}/orders/suggestions"): {"401", "403", "422"},
    ("post", f"{API}/orders/suggestions/{{suggestion_id}}/confirm"): {
        "401",
        "403",
        "404",
        "409",
        "422",
    },
    ("post", f"{API}/orders/suggestions/{{suggestion_id}}/reject"): {
        "401",
        "403",
        "404",
        "409",
        "422",
    },
    ("post", f"{API}/orders/{{order_id}}/customer"): {"401", "403", "404", "409", "422"},
    ("get", f"{API}/admin/tasks"): {"401", "403"},
    ("post", f"{API}/admin/tasks"): {"201", "401", "403", "422"},
    ("get", f"{API}/admin/tasks/board"): {"401", "403", "422"},
    ("get", f"{API}/admin/tasks/ranking"): {"401", "403", "422"},
    ("get", f"{API}/admin/tasks/{{task_id}}"): {"401", "403", "404", "422"},
    ("patch", f"{API}/admin/tasks/{{task_id}}"): {"401", "403", "404", "409", "422"},
    ("post", f"{API}/admin/tasks/{{task_id}}/withdraw"): {"401", "403", "404", "409", "422"},
}
#: Operations whose success is "201 Created" rather than 200.
CREATED = {
    ("post", f"{API}/admin/users"),
    ("post", f"{API}/admin/tasks"),
    ("post", f"{API}/admin/tag-rules"),
} | {
    ("post", f"{LIB}/{name}")
    for name in ("groups", "scripts", "materials", "sensitive-words", "tag-groups")
}


#: A refused import answers its report (the problems, by row) with the 422.
IMPORT_422 = {
    ("post", path, "422"): {"anyOf": [{"$ref": f"#/components/schemas/{report}"}, ERROR_BODY]}
    for path, report in (
        (f"{LIB}/scripts/import", "ImportReport"),
        (f"{API}/admin/members/import", "MemberImportReport"),
        (f"{API}/admin/orders/import", "OrderImportReport"),
        (f"{API}/admin/tasks", "PublishReport"),
    )
}


def _spec(server) -> dict:
    r = httpx.get(f"{server.url}/openapi.json")
    assert r.status_code == 200
    return r.json()


def _resolve(spec: dict, ref: str):
    assert ref.startswith("#/"), ref
    node = spec
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"unresolvable $ref {ref}"
        node = node[part]
    return node


def _refs(node, found: list[str]) -> list[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.append(node["$ref"])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)
    return found


def test_every_reference_resolves(live_server):
    spec = _spec(live_server)
    refs = _refs(spec, [])
    assert refs
    for ref in refs:
        _resolve(spec, ref)


def test_every_error_is_documented_as_error_body(live_server):
    spec = _spec(live_server)
    assert spec["components"]["schemas"]["ErrorBody"]["properties"]["detail"]["type"] == "string"
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    seen = set()
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            seen.add((method, path))
            codes = set(operation["responses"])
            success = set() if (method, path) in CREATED else {"200"}
            assert codes >= EVERYWHERE | OWN[(method, path)] | success, (method, path, codes)
            for code, response in operation["responses"].items():
                assert response["headers"][PROTOCOL_HEADER]["required"] is True
                if code.startswith(("4", "5")):
                    content = response["content"]
                    expected = IMPORT_422.get((method, path, code), ERROR_BODY)
                    assert content == {"application/json": {"schema": expected}}, (
                        method,
                        path,
                        code,
                        content,
                    )
            if (method, path) not in {("get", f"{API}/health"), ("post", f"{API}/auth/login")}:
                assert operation["security"] == [{"bearer": []}], (method, path)
    assert seen == set(OWN)
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_the_push_body_schema_is_what_the_server_checks(live_server):
    spec = _spec(live_server)
    body = spec["paths"][f"{API}/sync/push"]["post"]["requestBody"]["content"]["application/json"]
    schema = body["schema"]
    assert "$defs" not in str(schema)
    validator = jsonschema_rs.validator_for(schema)
    real = PushRequest(
        device_id="pc-1",
        mutations=[mutation("customer", "create", str(uuid.uuid4()), {"name": "王五"})],
    ).model_dump(mode="json")
    assert validator.is_valid(real)
    # A malformed mutation is that mutation's rejected result (200), so the document
    # does not refuse it; what the server refuses as a whole (422), the document does.
    odd = {"device_id": "pc-1", "mutations": [{"mutation_id": str(uuid.uuid4()), "seq": "x"}]}
    assert validator.is_valid(odd)
    api = Api(live_server, "s001-g1")
    r = api.http.post("/sync/push", json=odd)
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "rejected"
    for whole in (
        {"mutations": []},
        {"device_id": "pc-1", "mutations": [{"seq": 1}]},
        {"device_id": "pc-1", "mutations": [], "extra": 1},
        {"device_id": "", "mutations": []},
        {"device_id": "pc\u0007", "mutations": []},  # a control character
    ):
        assert not validator.is_valid(whole), whole
        r = api.http.post("/sync/push", json=whole)
        assert r.status_code == 422, (whole, r.text)


def _assert_error(r: httpx.Response, status: int) -> None:
    assert r.status_code == status, (r.status_code, r.text[:300])
    assert r.headers["content-type"] == "application/json", r.headers
    assert isinstance(r.json()["detail"], str)
    assert r.headers[PROTOCOL_HEADER] == "1"


def test_real_error_answers_match_the_document(live_server):
    api = Api(live_server, "s001-g1")
    _assert_error(httpx.post(f"{live_server.url}{API}/auth/login", json={"username": "x"}), 422)
    _assert_error(api.http.get("/sync/pull", params={"cursor": "nope"}), 400)
    _assert_error(api.http.get("/sync/pull", params={"limit": 0}), 422)
    _assert_error(api.http.post("/sync/push", content=b"{"), 400)
    _assert_error(httpx.get(f"{live_server.url}{API}/me"), 401)
    _assert_error(api.http.get("/blobs/" + "0" * 64), 403)  # a hash the reader may not read
    _assert_error(api.http.get("/blobs/NOT-A-HASH"), 422)
    data = b"range test " * 100
    sha = hashlib.sha256(data).hexdigest()
    assert api.http.put(f"/blobs/{sha}", content=data).status_code == 200
    r = api.http.get(f"/blobs/{sha}", headers={"Range": "bytes=0-9"})
    assert r.status_code == 206 and r.content == data[:10]
    # Starlette answers these two in plain text; the route answers them as ErrorBody.
    _assert_error(api.http.get(f"/blobs/{sha}", headers={"Range": "pages=1-2"}), 400)
    r = api.http.get(f"/blobs/{sha}", headers={"Range": "bytes=5000-6000"})
    _assert_error(r, 416)
    assert r.headers["content-range"] == f"bytes */{len(data)}"


def test_a_method_not_allowed_names_every_allowed_method(live_server):
    api = Api(live_server, "s001-g1")
    for method in ("OPTIONS", "DELETE", "POST"):
        r = api.http.request(method, "/blobs/" + "0" * 64)
        _assert_error(r, 405)
        assert r.headers["allow"] == "GET, PUT"


def test_the_login_schema_refuses_what_the_server_refuses(live_server):
    spec = _spec(live_server)
    schema = dict(spec["components"]["schemas"]["LoginRequest"])
    validator = jsonschema_rs.validator_for(schema)
    url = f"{live_server.url}{API}/auth/login"
    good = {"username": "s001-g1", "password": "demo1234", "device_id": "pc-1"}
    assert validator.is_valid(good)
    assert httpx.post(url, json=good).status_code == 200
    for field in ("username", "device_id"):
        bad = {**good, field: "s001\u0085g1"}  # a C1 control character
        assert not validator.is_valid(bad), field
        _assert_error(httpx.post(url, json=bad), 422)
