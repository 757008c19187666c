"""The library's admin area (``/api/v1/admin/library``) and its sync, on the real server
over SQLite and PostgreSQL.

HQ manages everything; a store's supervisor their own store's scripts and groups;
guides nothing (403, audited). What the admin area writes reaches counter apps through
pull: a script or material a reader no longer sees (visibility edited, retired) comes as
a removal on their next pull, and never on a first pull.
"""

from __future__ import annotations

import hashlib
import uuid

from guide_core.protocol import customer_tag_id, favorite_id
from tests.server.api import Api

LIB = "/admin/library"


def _script(title: str = "新品到店", body: str = "{称呼|亲}您好, 新品到店了", **kw) -> dict:
    return {"scope": "hq", "title": title, "body": body, **kw}


def _held(api: Api, cursor: str = "") -> tuple[dict, str]:
    return api.state(cursor)


def _changes(api: Api, cursor: str, entity: str) -> dict[str, bool]:
    """id → deleted, for the entity's rows of an incremental pull."""
    changes, _ = api.pull_all(cursor)
    return {c["id"]: c["deleted"] for c in changes if c["entity"] == entity}


# ------------------------------------------------------------------ scripts, groups, permissions


def test_scripts_and_groups_by_role(live_server, db_kind):
    hq, mgr, g1 = Api(live_server, "hq"), Api(live_server, "s001-mgr"), Api(live_server, "s001-g1")
    other = Api(live_server, "s002-g1")
    s001, s002 = g1.user["store_id"], other.user["store_id"]
    _, c1 = g1.state()
    _, c2 = other.state()

    r = hq.http.post(f"{LIB}/groups", json={"name": "节日问候"})
    assert r.status_code == 201, r.text
    group = r.json()
    assert group["scope"] == "hq" and group["parent_id"] is None
    r = hq.http.post(f"{LIB}/scripts", json=_script(group_id=group["id"], keywords=["新品"]))
    assert r.status_code == 201, r.text
    hq_script = r.json()
    assert hq_script["group_id"] == group["id"] and hq_script["scope"] == "hq"

    # a supervisor: own store's scripts and groups only
    r = mgr.http.post(f"{LIB}/groups", json={"name": "本店", "scope": "store", "store_id": s001})
    assert r.status_code == 201, r.text
    store_group = r.json()
    store_script = _script("本店活动", scope="store", store_id=s001, group_id=store_group["id"])
    r = mgr.http.post(f"{LIB}/scripts", json=store_script)
    assert r.status_code == 201, r.text
    mine = r.json()
    assert mine["scope"] == "store" and mine["store_id"] == s001
    assert (
        mgr.http.post(f"{LIB}/scripts", json={**store_script, "store_id": s002}).status_code == 403
    )
    assert mgr.http.post(f"{LIB}/scripts", json=_script("总部的")).status_code == 403
    r = mgr.http.put(f"{LIB}/scripts/{hq_script['id']}", json=_script("改总部的"))
    assert r.status_code == 403 and "店长" in r.json()["detail"]
    assert mgr.http.delete(f"{LIB}/groups/{group['id']}").status_code == 403
    listed = mgr.http.get(f"{LIB}/scripts").json()
    assert {hq_script["id"], mine["id"]} <= {s["id"] for s in listed["scripts"]}
    assert {s["store_id"] for s in listed["scripts"]} <= {None, s001}
    assert mgr.http.get(f"{LIB}/scripts", params={"store_id": s002}).status_code == 403
    found = hq.http.get(f"{LIB}/scripts", params={"q": "新品"}).json()
    assert hq_script["id"] in {s["id"] for s in found["scripts"]} and found["total"] >= 1
    groups = mgr.http.get(f"{LIB}/groups").json()["groups"]
    assert {group["id"], store_group["id"]} <= {g["id"] for g in groups}

    # guides: no admin area at all
    assert g1.http.get(f"{LIB}/scripts").status_code == 403
    assert g1.http.post(f"{LIB}/scripts", json=_script()).status_code == 403
    assert g1.http.get(f"{LIB}/materials").status_code == 403
    assert mgr.http.get(f"{LIB}/materials").status_code == 403  # materials are HQ's

    # what counter apps pull: HQ content everywhere, a store's only in that store
    held, c1 = g1.state(c1)
    assert held[("script", hq_script["id"])]["title"] == "新品到店"
    assert held[("script", mine["id"])]["store_id"] == s001
    assert ("script_group", store_group["id"]) in held
    held2, c2 = other.state(c2)
    assert ("script", hq_script["id"]) in held2 and ("script", mine["id"]) not in held2

    # update: HQ edits; the store pulls the new text; the script list's total follows
    r = hq.http.put(
        f"{LIB}/scripts/{hq_script['id']}", json=_script("新品到店啦", group_id=group["id"])
    )
    assert r.status_code == 200 and r.json()["title"] == "新品到店啦"
    held, c1 = g1.state(c1)
    assert held[("script", hq_script["id"])]["title"] == "新品到店啦"
    assert hq.http.put(f"{LIB}/scripts/{uuid.uuid4()}", json=_script()).status_code == 404

    # a group with a live script cannot go; empty it (retire) and it can
    r = mgr.http.delete(f"{LIB}/groups/{store_group['id']}")
    assert r.status_code == 409 and "分组" in r.json()["detail"]
    assert mgr.http.delete(f"{LIB}/scripts/{mine['id']}").json() == {
        "id": mine["id"],
        "entity": "script",
    }
    r = mgr.http.delete(f"{LIB}/groups/{store_group['id']}")
    assert r.status_code == 200, r.text
    gone = _changes(g1, c1, "script_group")
    assert gone == {store_group["id"]: True}
    assert _changes(g1, c1, "script") == {mine["id"]: True}
    retired = hq.http.get(f"{LIB}/scripts", params={"retired": "true", "store_id": s001}).json()
    assert mine["id"] in {s["id"] for s in retired["scripts"]}


def test_template_depth_and_cycle_are_refused(live_server, db_kind):
    hq = Api(live_server, "hq")
    r = hq.http.post(f"{LIB}/scripts", json=_script(body="{称呼您好"))
    assert r.status_code == 422 and "正文" in r.json()["detail"], r.text

    parent = None
    chain = []
    for level in range(1, 9):
        r = hq.http.post(f"{LIB}/groups", json={"name": f"第{level}层", "parent_id": parent})
        assert r.status_code == 201, (level, r.text)
        parent = r.json()["id"]
        chain.append(parent)
    r = hq.http.post(f"{LIB}/groups", json={"name": "第9层", "parent_id": parent})
    assert r.status_code == 422 and "8层" in r.json()["detail"], r.text
    # moving the top under its own descendant is a cycle
    r = hq.http.post(f"{LIB}/groups/{chain[0]}/move", json={"parent_id": chain[3]})
    assert r.status_code == 422 and "自己" in r.json()["detail"], r.text
    # a subtree of 3 levels under a group at level 6 would make 9
    r = hq.http.post(f"{LIB}/groups", json={"name": "旁支"})
    side = r.json()["id"]
    r = hq.http.post(f"{LIB}/groups/{chain[5]}/move", json={"parent_id": side})
    assert r.status_code == 200, r.text  # 旁支(1) + 第6..8层 (3) = 4 levels
    r = hq.http.post(f"{LIB}/groups/{side}/move", json={"parent_id": chain[4]})
    assert r.status_code == 422 and "9层" in r.json()["detail"], r.text


# ------------------------------------------------------------------ visibility, retire → removals


def test_visibility_and_retire_reach_readers_as_removals(live_server, db_kind):
    hq, g1, g2 = Api(live_server, "hq"), Api(live_server, "s001-g1"), Api(live_server, "s002-g1")
    s001, s002 = g1.user["store_id"], g2.user["store_id"]
    _, c1 = g1.state()
    _, c2 = g2.state()

    only_s001 = {"store_ids": [s001], "region_ids": [], "roles": []}
    r = hq.http.post(f"{LIB}/scripts", json=_script("一店专享", visibility=only_s001))
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    r = hq.http.post(
        f"{LIB}/materials",
        json={
            "kind": "link",
            "title": "一店活动页",
            "url": "https://example.com/a",
            "visibility": only_s001,
        },
    )
    assert r.status_code == 201, r.text
    mid = r.json()["id"]

    held1, c1 = g1.state(c1)
    assert held1[("script", sid)]["visibility"]["store_ids"] == [s001]
    assert ("material", mid) in held1
    # s002 never had them: nothing on its incremental pull but removals, nothing on a first pull
    assert _changes(g2, c2, "script").get(sid) in (None, True)
    first, _ = g2.state()
    assert ("script", sid) not in first and ("material", mid) not in first

    # the edit moves it to s002: s001 loses it (removal), s002 gets it
    only_s002 = {"store_ids": [s002], "region_ids": [], "roles": []}
    r = hq.http.put(f"{LIB}/scripts/{sid}", json=_script("一店专享", visibility=only_s002))
    assert r.status_code == 200, r.text
    r = hq.http.put(
        f"{LIB}/materials/{mid}",
        json={
            "kind": "link",
            "title": "二店活动页",
            "url": "https://example.com/b",
            "visibility": only_s002,
        },
    )
    assert r.status_code == 200, r.text
    assert _changes(g1, c1, "script") == {sid: True}
    assert _changes(g1, c1, "material") == {mid: True}
    held1, c1 = g1.state(c1)
    assert ("script", sid) not in held1
    held2, c2 = g2.state(c2)
    assert ("script", sid) in held2 and held2[("material", mid)]["title"] == "二店活动页"

    # a guide-only role limit hides it from the supervisor
    mgr2 = Api(live_server, "s002-mgr")
    r = hq.http.put(
        f"{LIB}/scripts/{sid}",
        json=_script(
            "导购专用", visibility={"store_ids": [], "region_ids": [], "roles": ["guide"]}
        ),
    )
    assert r.status_code == 200
    mgr_first, _ = mgr2.state()
    assert ("script", sid) not in mgr_first
    held2, c2 = g2.state(c2)
    assert held2[("script", sid)]["title"] == "导购专用"

    # retired: a removal for every reader, HQ's counter app too; a first pull skips it
    _, hq_cursor = hq.state()
    assert hq.http.delete(f"{LIB}/scripts/{sid}").status_code == 200
    assert hq.http.delete(f"{LIB}/materials/{mid}").status_code == 200
    assert _changes(g2, c2, "script") == {sid: True}
    assert _changes(g2, c2, "material") == {mid: True}
    assert _changes(hq, hq_cursor, "script") == {sid: True}
    again, _ = g2.state()
    assert ("script", sid) not in again and ("material", mid) not in again
    # a retired script can no longer be favorited
    fav = favorite_id(g2.user["id"], "script", sid)
    res = g2.push_one("favorite", "add", fav, {"kind": "script", "item_id": sid})
    assert res["status"] == "rejected" and res["code"] == "unknown_script"
    listed = hq.http.get(f"{LIB}/materials", params={"retired": "true"}).json()
    assert mid in {m["id"] for m in listed["materials"]}


# ------------------------------------------------------------------ sensitive words


def test_sensitive_words_refuse_admin_and_personal_scripts(live_server, db_kind):
    hq, g1 = Api(live_server, "hq"), Api(live_server, "s001-g1")
    r = hq.http.post(f"{LIB}/sensitive-words", json={"word": "稳赚不赔", "severity": "block"})
    assert r.status_code == 201, r.text
    word = r.json()
    assert hq.http.post(f"{LIB}/sensitive-words", json={"word": "稳赚不赔"}).status_code == 409
    assert (
        hq.http.post(
            f"{LIB}/sensitive-words", json={"word": "暖心提示", "severity": "warn"}
        ).status_code
        == 201
    )
    words = hq.http.get(f"{LIB}/sensitive-words").json()["words"]
    assert {"稳赚不赔", "暖心提示"} <= {w["word"] for w in words}

    r = hq.http.post(f"{LIB}/scripts", json=_script(body="这款理财稳赚不赔"))
    assert (
        r.status_code == 422 and "敏感词" in r.json()["detail"] and "稳赚不赔" in r.json()["detail"]
    )
    assert (
        hq.http.post(f"{LIB}/scripts", json=_script(body="这是暖心提示")).status_code == 201
    )  # warn

    sid = str(uuid.uuid4())
    res = g1.push_one("script", "create", sid, {"title": "我的", "body": "保证稳赚不赔哦"})
    assert res["status"] == "rejected" and res["code"] == "sensitive_word", res
    assert "稳赚不赔" in res["reason"]
    ok = g1.push_one("script", "create", sid, {"title": "我的", "body": "{称呼}您好"})
    assert ok["status"] == "applied"
    res = g1.push_one("script", "update", sid, {"title": "稳赚不赔"})
    assert res["status"] == "rejected" and res["code"] == "sensitive_word"

    # removing the word lifts the refusal at once (the matcher follows the list)
    assert hq.http.delete(f"{LIB}/sensitive-words/{word['id']}").status_code == 200
    assert g1.push_one("script", "update", sid, {"title": "稳赚不赔"})["status"] == "applied"
    assert hq.http.post(f"{LIB}/scripts", json=_script(body="稳赚不赔")).status_code == 201
    assert hq.http.delete(f"{LIB}/sensitive-words/{word['id']}").status_code == 404


# ------------------------------------------------------------------ suggestions


def test_suggestion_accept_and_decline_reach_the_guide(live_server, db_kind):
    hq, g1 = Api(live_server, "hq"), Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    _, cursor = g1.state()
    sid, sid2 = str(uuid.uuid4()), str(uuid.uuid4())
    for s, title in ((sid, "老客回访"), (sid2, "雨天问候")):
        body = {"title": title, "body": "{称呼|亲}最近好吗", "keywords": ["回访"]}
        assert g1.push_one("script", "create", s, body)["status"] == "applied"

    sug = str(uuid.uuid4())
    res = g1.push_one("script_suggestion", "create", sug, {"script_id": sid})
    assert res["status"] == "applied", res
    assert res["row"]["data"]["status"] == "pending" and res["row"]["data"]["title"] == "老客回访"
    twice = g1.push_one("script_suggestion", "create", str(uuid.uuid4()), {"script_id": sid})
    assert twice["status"] == "rejected" and twice["code"] == "already_exists"
    stolen = g2.push_one("script_suggestion", "create", str(uuid.uuid4()), {"script_id": sid})
    assert stolen["status"] == "rejected"
    sug2 = str(uuid.uuid4())
    assert (
        g1.push_one("script_suggestion", "create", sug2, {"script_id": sid2})["status"] == "applied"
    )

    pending = hq.http.get(f"{LIB}/suggestions", params={"status": "pending"}).json()["suggestions"]
    assert {sug, sug2} <= {s["id"] for s in pending}
    assert Api(live_server, "s001-mgr").http.get(f"{LIB}/suggestions").status_code == 403

    group = hq.http.post(f"{LIB}/groups", json={"name": "门店好话术"}).json()
    r = hq.http.post(
        f"{LIB}/suggestions/{sug}/decide", json={"decision": "accept", "group_id": group["id"]}
    )
    assert r.status_code == 200, r.text
    accepted = r.json()
    assert accepted["status"] == "accepted" and accepted["accepted_script_id"]
    r = hq.http.post(f"{LIB}/suggestions/{sug}/decide", json={"decision": "decline", "reason": "x"})
    assert r.status_code == 409
    r = hq.http.post(f"{LIB}/suggestions/{sug2}/decide", json={"decision": "decline"})
    assert r.status_code == 422 and "原因" in r.json()["detail"]
    r = hq.http.post(
        f"{LIB}/suggestions/{sug2}/decide", json={"decision": "decline", "reason": "已有类似话术"}
    )
    assert r.status_code == 200 and r.json()["status"] == "declined"
    assert (
        hq.http.post(
            f"{LIB}/suggestions/{uuid.uuid4()}/decide", json={"decision": "decline", "reason": "x"}
        ).status_code
        == 404
    )

    held, _ = g1.state(cursor)
    assert held[("script_suggestion", sug)]["status"] == "accepted"
    assert held[("script_suggestion", sug2)]["reason"] == "已有类似话术"
    made = held[("script", accepted["accepted_script_id"])]
    assert made["scope"] == "hq" and made["title"] == "老客回访" and made["group_id"] == group["id"]
    # the suggestion is the guide's own: a colleague does not pull it
    other, _ = g2.state()
    assert ("script_suggestion", sug) not in other
    # once decided, the script may be suggested again
    again = g1.push_one("script_suggestion", "create", str(uuid.uuid4()), {"script_id": sid2})
    assert again["status"] == "applied"


# ------------------------------------------------------------------ uses, usage report, favorites


def test_uses_make_the_usage_report(live_server, db_kind):
    hq, mgr = Api(live_server, "hq"), Api(live_server, "s001-mgr")
    g1, g2, other = (Api(live_server, u) for u in ("s001-g1", "s001-g2", "s002-g1"))
    s001, s002 = g1.user["store_id"], other.user["store_id"]
    a = hq.http.post(f"{LIB}/scripts", json=_script("统计甲")).json()["id"]
    b = hq.http.post(f"{LIB}/scripts", json=_script("统计乙")).json()["id"]
    unused = hq.http.post(f"{LIB}/scripts", json=_script("从没用过")).json()["id"]
    m = hq.http.post(
        f"{LIB}/materials", json={"kind": "link", "title": "统计链接", "url": "https://example.com"}
    ).json()["id"]

    at = "2026-03-05T10:00:00+08:00"
    for api, item, n in ((g1, a, 3), (g2, a, 1), (g1, b, 1), (other, a, 2)):
        for _ in range(n):
            assert api.push_one("script", "use", item, {"at": at})["status"] == "applied"
    res = g1.push_one("material", "use", m, {"at": at, "customer_id": str(uuid.uuid4())})
    assert res["status"] == "applied" and res["row"]["data"]["use_count"] == 1
    # outside the period: counted in use_count, not in March's report
    last = g1.push_one("script", "use", b, {"at": "2026-05-01T10:00:00+08:00"})
    assert last["row"]["data"]["use_count"] == 2

    march = {"date_from": "2026-03-01", "date_to": "2026-03-31"}
    r = hq.http.get(f"{LIB}/usage", params=march)
    assert r.status_code == 200, r.text
    report = r.json()
    uses = {row["id"]: row["uses"] for row in report["most"]}
    assert uses[a] == 6 and uses[b] == 1 and uses[m] == 1 and unused not in uses
    assert report["most"][0]["id"] == a and report["most"][0]["title"] == "统计甲"
    least = {row["id"]: row["uses"] for row in report["least"]}
    assert least.get(unused) == 0

    by_store = hq.http.get(f"{LIB}/usage", params={**march, "by": "store"}).json()["most"]
    assert {(r["store_id"], r["uses"]) for r in by_store if r["id"] == a} == {(s001, 4), (s002, 2)}
    by_guide = mgr.http.get(f"{LIB}/usage", params={**march, "by": "guide"}).json()
    rows = {(r["guide_id"], r["uses"]) for r in by_guide["most"] if r["id"] == a}
    assert rows == {(g1.user["id"], 3), (g2.user["id"], 1)}
    assert by_guide["store_id"] == s001
    assert all(r["guide_name"] for r in by_guide["most"])
    assert mgr.http.get(f"{LIB}/usage", params={**march, "store_id": s002}).status_code == 403
    assert g1.http.get(f"{LIB}/usage", params=march).status_code == 403
    bad = hq.http.get(f"{LIB}/usage", params={"date_from": "2026-03-31", "date_to": "2026-03-01"})
    assert bad.status_code == 422


def test_favorites_are_idempotent_and_private(live_server, db_kind):
    hq, g1 = Api(live_server, "hq"), Api(live_server, "s001-g1")
    g2 = Api(live_server, "s001-g2")
    sid = hq.http.post(f"{LIB}/scripts", json=_script("收藏我")).json()["id"]
    _, cursor = g1.state()
    fid = favorite_id(g1.user["id"], "script", sid)
    fields = {"kind": "script", "item_id": sid}
    first = g1.push_one("favorite", "add", fid, fields)
    assert first["status"] == "applied" and first["row"]["data"]["item_id"] == sid
    assert g1.push_one("favorite", "add", fid, fields)["status"] == "applied"
    wrong = g1.push_one("favorite", "add", str(uuid.uuid4()), fields)
    assert wrong["status"] == "rejected" and wrong["code"] == "id_mismatch"
    changes, cursor2 = g1.pull_all(cursor)
    assert [c["id"] for c in changes if c["entity"] == "favorite"] == [fid]
    colleague, _ = g2.state()
    assert ("favorite", fid) not in colleague

    assert g1.push_one("favorite", "remove", fid, fields)["status"] == "applied"
    assert g1.push_one("favorite", "remove", fid, fields)["status"] == "applied"
    assert _changes(g1, cursor2, "favorite") == {fid: True}


def test_set_qr_takes_only_a_readable_upload_of_ones_own(live_server, db_kind):
    g1, g2 = Api(live_server, "s001-g1"), Api(live_server, "s002-g1")
    data = b"\x89PNG qr " + uuid.uuid4().bytes
    sha = hashlib.sha256(data).hexdigest()
    assert g2.http.put(f"/blobs/{sha}", content=data).status_code == 200
    theirs = g1.push_one("user", "set_qr", g1.user["id"], {"qr_sha256": sha})
    assert theirs["status"] == "rejected" and theirs["code"] == "unknown_file"
    assert g1.http.put(f"/blobs/{sha}", content=data).status_code == 200
    mine = g1.push_one("user", "set_qr", g1.user["id"], {"qr_sha256": sha})
    assert mine["status"] == "applied" and mine["row"]["data"]["wecom_qr_sha256"] == sha
    other = g1.push_one("user", "set_qr", g2.user["id"], {"qr_sha256": sha})
    assert other["status"] == "rejected" and other["code"] == "forbidden"
    cleared = g1.push_one("user", "set_qr", g1.user["id"], {"qr_sha256": None})
    assert cleared["status"] == "applied" and cleared["row"]["data"]["wecom_qr_sha256"] is None


# ------------------------------------------------------------------ tag groups, materials


def test_tag_groups_keep_tags_customers_carry(live_server, db_kind):
    hq, g1 = Api(live_server, "hq"), Api(live_server, "s001-g1")
    first, cursor = g1.state()
    body = {"name": "肤质", "choice": "single", "tags": ["干皮", "油皮", "混合皮"]}
    r = hq.http.post(f"{LIB}/tag-groups", json=body)
    assert r.status_code == 201, r.text
    made = r.json()
    group_id = made["group"]["id"]
    tags = {t["name"]: t["id"] for t in made["tags"]}
    assert [t["name"] for t in made["tags"]] == ["干皮", "油皮", "混合皮"]
    assert made["group"]["choice"] == "single"
    assert Api(live_server, "s001-mgr").http.post(f"{LIB}/tag-groups", json=body).status_code == 403

    held, cursor = g1.state(cursor)
    assert held[("tag", tags["油皮"])]["group_id"] == group_id
    customer = next(d for (e, _), d in first.items() if e == "customer")
    fields = {"customer_id": customer["id"], "tag_id": tags["油皮"]}
    link = customer_tag_id(customer["id"], tags["油皮"])
    assert g1.push_one("customer_tag", "add", link, fields)["status"] == "applied"

    # 油皮 is carried: it stays; 混合皮 goes; 敏感肌 is new; the order is the list's
    r = hq.http.put(f"{LIB}/tag-groups/{group_id}", json={**body, "tags": ["干皮", "敏感肌"]})
    assert r.status_code == 409 and "油皮" in r.json()["detail"], r.text
    r = hq.http.put(
        f"{LIB}/tag-groups/{group_id}", json={**body, "tags": ["油皮", "干皮", "敏感肌"]}
    )
    assert r.status_code == 200, r.text
    after = {t["name"]: t for t in r.json()["tags"]}
    assert list(after) == ["油皮", "干皮", "敏感肌"] and after["油皮"]["id"] == tags["油皮"]
    gone = _changes(g1, cursor, "tag")
    assert gone[tags["混合皮"]] is True and gone[after["敏感肌"]["id"]] is False
    assert hq.http.delete(f"{LIB}/tag-groups/{group_id}").status_code == 409
    listed = hq.http.get(f"{LIB}/tag-groups").json()["tag_groups"]
    assert group_id in {g["group"]["id"] for g in listed}

    assert g1.push_one("customer_tag", "remove", link, fields)["status"] == "applied"
    assert hq.http.delete(f"{LIB}/tag-groups/{group_id}").status_code == 200
    assert _changes(g1, cursor, "tag_group") == {group_id: True}


def test_materials_name_uploaded_files_and_say_what_is_missing(live_server, db_kind):
    hq = Api(live_server, "hq")
    data = b"\x89PNG poster " + uuid.uuid4().bytes
    sha = hashlib.sha256(data).hexdigest()
    missing = hashlib.sha256(b"never uploaded" + uuid.uuid4().bytes).hexdigest()
    poster = {"kind": "poster", "title": "双11海报", "blob_sha256": sha}
    r = hq.http.post(f"{LIB}/materials", json=poster)
    assert r.status_code == 422 and "未上传" in r.json()["detail"], r.text
    assert hq.http.put(f"/blobs/{sha}", content=data).status_code == 200
    r = hq.http.post(f"{LIB}/materials", json=poster)
    assert r.status_code == 422 and "二维码" in r.json()["detail"], r.text
    layout = {"qr": {"x": 10, "y": 20, "w": 200, "h": 200}, "name": {"x": 10, "y": 240}}
    r = hq.http.post(f"{LIB}/materials", json={**poster, "poster": layout})
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["blob_size"] == len(data) and made["poster"]["qr"]["w"] == 200
    r = hq.http.post(
        f"{LIB}/materials", json={**poster, "poster": {**layout, "qr": {**layout["qr"], "w": True}}}
    )
    assert r.status_code == 422

    moments = {"kind": "moments", "title": "朋友圈", "text": "新品上市", "images": [sha, missing]}
    r = hq.http.post(f"{LIB}/materials", json=moments)
    assert r.status_code == 422 and missing in r.json()["detail"]
    r = hq.http.post(f"{LIB}/materials", json={**moments, "images": [sha]})
    assert r.status_code == 201 and r.json()["images"] == [sha]
    r = hq.http.post(f"{LIB}/materials", json={"kind": "link", "title": "活动页"})
    assert r.status_code == 422 and "链接" in r.json()["detail"]
    found = hq.http.get(f"{LIB}/materials", params={"kind": "poster", "q": "双11"}).json()
    assert made["id"] in {m["id"] for m in found["materials"]} and found["total"] >= 1
    assert (
        hq.http.put(
            f"{LIB}/materials/{uuid.uuid4()}", json={**poster, "poster": layout}
        ).status_code
        == 404
    )
