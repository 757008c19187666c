"""Values the database cannot store (NUL, control characters, dates out of range) sent to
every push operation and to sign-in: never a 5xx, and in a batch [good, bad, good] only the
bad one is rejected, with a reason naming its field.

The text and date fields of each operation are found by reading the protocol's models, so
an operation or field added later is covered without touching this test.
"""

from __future__ import annotations

import types
import typing
import uuid
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from typing import Annotated, Any, Literal, Union

import httpx
import pytest
from pydantic import AwareDatetime, BaseModel

from guide_core import protocol as p
from tests.server.api import API, Api, mutation, of

NOW = datetime.now(UTC).replace(microsecond=0).isoformat()
BAD_TEXTS = ["正常\x00文字", "响铃\x07", "\x1b[31m红"]
BAD_DATETIMES = [
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00Z",
    "1899-12-31T23:59:59+00:00",
    "2026-11-20T10:00:00",  # no offset: whose clock?
]
BAD_DATES = ["0001-01-01", "9999-12-31"]


def _kinds(annotation: Any) -> set[str]:
    """What a field holds, as far as this test cares: text, list of text, date, datetime."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return set().union(*(_kinds(a) for a in typing.get_args(annotation)))
    if origin is list:
        inner = typing.get_args(annotation)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return {"list[model]"}  # its own fields are checked by its model (task items)
        return {f"list[{k}]" for k in _kinds(inner)}
    if origin is dict:  # ids to lists of ids (a handover's receivers)
        return {f"dict[{'|'.join(sorted(_kinds(a)))}]" for a in typing.get_args(annotation)[:1]}
    if origin is Literal:
        return {"text"} if all(isinstance(a, str) for a in typing.get_args(annotation)) else set()
    if annotation is str or (isinstance(annotation, type) and issubclass(annotation, str)):
        return {"text"}
    if annotation in (datetime, AwareDatetime):
        return {"datetime"}
    if annotation is date:
        return {"date"}
    if isinstance(annotation, type) and issubclass(annotation, (Enum, BaseModel)):
        return set()
    return set()


def _bad_values(kinds: set[str]) -> list[Any]:
    values: list[Any] = []
    if "text" in kinds:
        values += BAD_TEXTS
    if "list[text]" in kinds:
        values += [["好", t] for t in BAD_TEXTS]
    if "dict[text]" in kinds:  # a bad key, a bad id in a value list
        values += [{t: ["a"]} for t in BAD_TEXTS] + [{"a": ["好", t]} for t in BAD_TEXTS]
    if "datetime" in kinds:
        values += BAD_DATETIMES
    if "date" in kinds:
        values += BAD_DATES
    return values


def test_every_pushed_field_is_classified():
    """Guard for the introspection above: every field of every push model is understood."""
    seen = set()
    for model in p.MUTATION_FIELDS.values():
        for name, info in model.model_fields.items():
            kinds = _kinds(info.annotation)
            seen |= kinds
            if not kinds:
                assert info.annotation in (bool, bool | None), (model.__name__, name)
    assert {"text", "list[text]", "datetime", "date"} <= seen


class Context:
    """Real rows of store S001 that a supervisor may write, for a valid mutation per op."""

    def __init__(self, api: Api) -> None:
        held, _ = api.state()
        self.api = api
        self.customer, self.other = of(held, "customer")[:2]
        store_id = self.customer["store_id"]
        self.guide = next(
            u for u in of(held, "user") if u["role"] == "guide" and u["store_id"] == store_id
        )
        groups = {g["id"]: g for g in of(held, "tag_group")}
        self.tag = next(t for t in of(held, "tag") if groups[t["group_id"]]["choice"] == "multi")
        self.assignment = next(a for a in of(held, "assignment") if a["status"] != "approved")
        self.item = next(
            i for i in of(held, "task_item") if i["task_id"] == self.assignment["task_id"]
        )
        self.material = of(held, "material")[0]
        self.hq_script = next(s for s in of(held, "script") if s["scope"] != "personal")
        self.script_id = str(uuid.uuid4())
        self.favorite = p.favorite_id(api.user["id"], "script", self.hq_script["id"])
        made = api.push_one(
            "script", "create", self.script_id, {"title": "我的话术", "body": "您好"}
        )
        assert made["status"] == "applied", made

    def good(self, entity: str, op: str) -> tuple[str, dict]:
        """(entity_id, fields) of a mutation the protocol accepts for (entity, op)."""
        c, tag, a, item = self.customer, self.tag, self.assignment, self.item
        hq = self.hq_script["id"]
        table: dict[tuple[str, str], tuple[str, dict]] = {
            ("customer", "create"): (
                str(uuid.uuid4()),
                {"name": "新客户", "birthday": "1990-01-02"},
            ),
            ("customer", "update"): (c["id"], {"notes": "好的"}),
            ("customer", "reassign"): (c["id"], {"owner_id": self.guide["id"]}),
            ("customer", "dismiss_duplicate"): (c["id"], {"duplicate_of": self.other["id"]}),
            ("customer", "merge"): (c["id"], {"merged_id": self.other["id"]}),
            ("customer_tag", "add"): (
                p.customer_tag_id(c["id"], tag["id"]),
                {"customer_id": c["id"], "tag_id": tag["id"]},
            ),
            ("customer_tag", "remove"): (
                p.customer_tag_id(c["id"], tag["id"]),
                {"customer_id": c["id"], "tag_id": tag["id"]},
            ),
            ("follow_up", "create"): (str(uuid.uuid4()), self.follow_up_fields("回访")),
            ("item_check", "set"): (
                p.item_check_id(a["id"], item["id"]),
                {"assignment_id": a["id"], "item_id": item["id"], "done": True, "done_at": NOW},
            ),
            ("assignment", "start"): (a["id"], {}),
            ("assignment", "submit"): (a["id"], {}),
            ("assignment", "review"): (a["id"], {"decision": "send_back", "reason": "补拍"}),
            ("script", "create"): (str(uuid.uuid4()), {"title": "标题", "body": "正文"}),
            ("script", "update"): (self.script_id, {"title": "新标题", "keywords": ["生日"]}),
            ("script", "delete"): (self.script_id, {}),
            ("script", "use"): (self.hq_script["id"], {}),
            ("material", "use"): (self.material["id"], {}),
            ("script_suggestion", "create"): (str(uuid.uuid4()), {"script_id": self.script_id}),
            ("favorite", "add"): (self.favorite, {"kind": "script", "item_id": hq}),
            ("favorite", "remove"): (self.favorite, {"kind": "script", "item_id": hq}),
            ("user", "set_qr"): (self.api.user["id"], {"qr_sha256": None}),
            ("user", "handover"): (
                self.guide["id"],
                {"receivers": {self.api.user["id"]: [c["id"]]}, "deactivate": True},
            ),
            ("today_action", "set"): (
                p.today_action_id(self.api.user["id"], "birthday:c1:2026"),
                {"entry_key": "birthday:c1:2026", "action": "snoozed", "until": "2026-12-09"},
            ),
            ("today_action", "clear"): (
                p.today_action_id(self.api.user["id"], "birthday:c1:2026"),
                {"entry_key": "birthday:c1:2026"},
            ),
            ("item_check", "contact"): (
                p.item_check_id(a["id"], item["id"]),
                {
                    "assignment_id": a["id"],
                    "item_id": item["id"],
                    "customer_id": c["id"],
                    "at": NOW,
                },
            ),
            ("assignment", "reopen"): (a["id"], {}),
            ("task", "create"): (
                str(uuid.uuid4()),
                {
                    "title": "本周陈列",
                    "kind": "display",
                    "description": "拍门头",
                    "due_at": (datetime.now(UTC) + timedelta(days=2))
                    .replace(microsecond=0)
                    .isoformat(),
                    "guide_ids": [self.guide["id"]],
                    "items": [{"id": str(uuid.uuid4()), "text": "拍摄门头照片"}],
                },
            ),
        }
        assert (entity, op) in table, f"add a valid {entity}.{op} mutation to Context.good"
        entity_id, fields = table[(entity, op)]
        return entity_id, dict(fields)

    def follow_up_fields(self, text: str) -> dict:
        return {
            "customer_id": self.customer["id"],
            "channel": "phone",
            "text": text,
            "at": NOW,
            "next_follow_up_on": "2030-01-01",
        }

    def batch(self, bad: dict) -> tuple[httpx.Response, list[dict]]:
        """Push [good follow-up, bad, good follow-up]; the two goods as mutation dicts."""
        goods = [
            mutation("follow_up", "create", str(uuid.uuid4()), self.follow_up_fields(f"好{n}"))
            for n in (1, 2)
        ]
        body = {"device_id": self.api.device_id, "mutations": [goods[0], bad, goods[1]]}
        return self.api.http.post("/sync/push", json=body), goods


def _bad_cases(ctx: Context):
    """(label, the field's Chinese label the reason names, mutation) for every field of every op."""
    for (entity, op), model in p.MUTATION_FIELDS.items():
        entity_id, good = ctx.good(entity, op)
        p.validate_fields(entity, op, good)  # the base is valid: only the bad field is wrong
        yield (
            f"{entity}.{op} entity_id",
            p.field_label("entity_id"),
            mutation(entity, op, "id\x00x", good),
        )
        for name, info in model.model_fields.items():
            for value in _bad_values(_kinds(info.annotation)):
                fields = {**good, name: value}
                yield (
                    f"{entity}.{op} {name}={value!r}",
                    p.field_label(name),
                    mutation(entity, op, entity_id, fields),
                )
        # a field name nobody knows, with a NUL in it: still one readable rejection
        yield (
            f"{entity}.{op} unknown key",
            "unknown field",
            mutation(entity, op, entity_id, {**good, "x\x00y": 1}),
        )


def test_bad_values_in_every_push_op_are_rejected_one_by_one(live_server):
    api = Api(live_server, "s001-mgr")
    ctx = Context(api)
    server_errors: list[str] = []
    wrong: list[str] = []
    cases = 0
    for label, field, bad in _bad_cases(ctx):
        cases += 1
        try:
            r, goods = ctx.batch(bad)
        except httpx.TransportError as exc:  # the server dropped the connection
            server_errors.append(f"{label}: {type(exc).__name__} {exc}")
            continue
        if r.status_code >= 500:
            server_errors.append(f"{label}: {r.status_code} {r.text[:200]}")
            continue
        assert r.status_code == 200, (label, r.text)
        assert p.PROTOCOL_HEADER in r.headers
        results = r.json()["results"]
        statuses = [x["status"] for x in results]
        reason = results[1]["reason"] or ""
        if statuses != ["applied", "rejected", "applied"] or field not in reason:
            wrong.append(f"{label}: {statuses} {reason!r}")
        elif "\x00" in reason:
            wrong.append(f"{label}: the reason carries the NUL back: {reason!r}")
    assert cases > 100
    assert server_errors == [], f"{len(server_errors)} of {cases} batches got a 5xx"
    assert wrong == [], f"{len(wrong)} of {cases}:\n" + "\n".join(wrong)


def test_reason_names_the_field_in_chinese(live_server):
    api = Api(live_server, "s001-mgr")
    ctx = Context(api)
    fields = ctx.follow_up_fields("昨天\x00回访")
    r = api.push_one("follow_up", "create", str(uuid.uuid4()), fields)
    assert r["status"] == "rejected"
    assert r["reason"].startswith("内容: 含有不可见的控制字符"), r["reason"]
    fields = {**ctx.follow_up_fields("回访"), "at": "9999-12-31T23:59:59-14:00"}
    r = api.push_one("follow_up", "create", str(uuid.uuid4()), fields)
    assert r["status"] == "rejected" and r["reason"].startswith("时间: "), r["reason"]
    assert "(at)" not in r["reason"]  # people see the label, not the internal name
    assert "2000-01-01 至 2099-12-31" in r["reason"], r["reason"]
    # the same mutation again gets the same answer (the rejection was recorded)
    m = mutation("follow_up", "create", str(uuid.uuid4()), ctx.follow_up_fields("a\x00"))
    first, again = api.push(m)[0], api.push(m)[0]
    assert first["status"] == again["status"] == "rejected"
    assert first["reason"] == again["reason"]


def test_bad_device_id_and_sign_in_values_are_4xx(live_server):
    api = Api(live_server, "s001-g1")
    r = api.http.post("/sync/push", json={"device_id": "pc\x00", "mutations": []})
    assert r.status_code == 422 and "设备" in r.json()["detail"], r.text
    url = f"{live_server.url}{API}/auth/login"
    bodies = [
        {"username": "s001-g1\x00", "password": "demo1234", "device_id": "d"},
        {"username": "s001-g1", "password": "demo\x001234", "device_id": "d"},
        {"username": "s001-g1", "password": "demo1234", "device_id": "d\x00"},
        {"username": "\x1b", "password": "x", "device_id": "d"},
    ]
    statuses = [httpx.post(url, json=b).status_code for b in bodies]
    assert all(400 <= s < 500 for s in statuses), statuses
    # and the right password still signs in afterwards (nothing was locked by junk)
    ok = httpx.post(url, json={"username": "s001-g1", "password": "demo1234", "device_id": "d"})
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize("value", ["2000-01-01T00:00:00Z", "2099-12-31T23:59:59+00:00"])
def test_edges_of_the_range_are_stored(live_server, value):
    api = Api(live_server, "s001-mgr")
    ctx = Context(api)
    fields = {**ctx.follow_up_fields("边界"), "at": value}
    r = api.push_one("follow_up", "create", str(uuid.uuid4()), fields)
    assert r["status"] == "applied", r
    assert datetime.fromisoformat(r["row"]["data"]["at"]) == datetime.fromisoformat(value)
