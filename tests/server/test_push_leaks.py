"""Issue 8, "data that leaks": what a push result carries, and what naming a file grants.

- A push result (applied or rejected) carries only a row the pusher could pull:
  HQ's token grants no other user's ``user:`` scope, and a row hidden from the
  reader comes back as nothing (not even a tombstone).
- Naming a file in a write (an item check's evidence) needs the writer's own
  upload, or a file everyone reading the row could already read; otherwise
  the write is refused and the file stays unreadable.
"""

from __future__ import annotations

import hashlib
import os
import uuid

from guide_core.protocol import MUTATION_FIELDS, item_check_id
from tests.server.api import Api, of


def _personal_script_of(api: Api, owner: Api) -> str:
    """The demo's personal script of ``owner`` (read from the owner's own pull)."""
    held, _ = owner.state()
    return next(
        s["id"]
        for s in of(held, "script")
        if s["scope"] == "personal" and s["owner_id"] == owner.user["id"]
    )


def test_hq_gets_nothing_of_another_users_personal_script(live_server):
    hq, g1 = Api(live_server, "hq"), Api(live_server, "s001-g1")
    script_id = _personal_script_of(hq, g1)
    for op, fields in (
        ("use", {}),
        ("update", {"title": "偷看"}),
        ("delete", {}),
        ("create", {"title": "偷看", "body": "正文"}),
    ):
        r = hq.push_one("script", op, script_id, fields)
        assert r["status"] == "rejected", (op, r)
        assert r["row"] is None, (op, r)  # was the whole script: title, body, owner
    held, _ = hq.state()
    assert ("script", script_id) not in held
    assert any(s["id"] == script_id for s in of(g1.state()[0], "script"))  # untouched


def test_a_rejected_push_on_a_hidden_material_returns_no_row(live_server):
    hq, guide = Api(live_server, "hq"), Api(live_server, "s001-g1")
    hidden = next(
        m for m in of(hq.state()[0], "material") if "supervisor" in m["visibility"]["roles"]
    )
    r = guide.push_one("material", "use", hidden["id"])
    assert r["status"] == "rejected" and r["code"] == "unknown_material"
    assert r["row"] is None  # was a tombstone naming the hidden row and its version


def _upload(api: Api) -> str:
    data = os.urandom(2000)
    sha = hashlib.sha256(data).hexdigest()
    assert api.http.put(f"/blobs/{sha}", content=data).status_code == 200
    return sha


def _open_check(api: Api) -> tuple[str, dict]:
    """An item check the user may set on one of their own assignments (not approved)."""
    held, _ = api.state()
    assignment = next(
        a
        for a in of(held, "assignment")
        if a["guide_id"] == api.user["id"] and a["status"] in ("todo", "in_progress", "sent_back")
    )
    item = next(i for i in of(held, "task_item") if i["task_id"] == assignment["task_id"])
    return item_check_id(assignment["id"], item["id"]), {
        "assignment_id": assignment["id"],
        "item_id": item["id"],
        "done": True,
    }


def _name_as_evidence(api: Api, sha: str) -> dict:
    check_id, fields = _open_check(api)
    return api.push_one("item_check", "set", check_id, {**fields, "evidence_sha256": sha})


def test_naming_another_stores_photo_grants_nothing(live_server):
    owner, thief = Api(live_server, "s001-g1"), Api(live_server, "s002-g1")
    sha = _upload(owner)
    assert _name_as_evidence(owner, sha)["status"] == "applied"  # own upload: fine
    assert thief.http.get(f"/blobs/{sha}").status_code == 403
    r = _name_as_evidence(thief, sha)
    assert r["status"] == "rejected"
    assert r["code"] == "unknown_file"
    assert thief.http.get(f"/blobs/{sha}").status_code == 403  # was 200
    assert Api(live_server, "s002-mgr").http.get(f"/blobs/{sha}").status_code == 403


def test_naming_a_material_file_the_store_may_not_read_grants_nothing(live_server):
    hq = Api(live_server, "hq")
    guide, mgr = Api(live_server, "s002-g1"), Api(live_server, "s002-mgr")
    materials = of(hq.state()[0], "material")
    supervisor_only = next(
        m["blob_sha256"]
        for m in materials
        if m["blob_sha256"]
        and m["visibility"]["roles"]
        and not m["visibility"]["region_ids"]
        and "guide" not in m["visibility"]["roles"]
    )
    assert guide.http.get(f"/blobs/{supervisor_only}").status_code == 403
    assert mgr.http.get(f"/blobs/{supervisor_only}").status_code == 200
    check_id, fields = _open_check(guide)
    named = {**fields, "evidence_sha256": supervisor_only}
    for writer in (guide, mgr):  # the supervisor may read it, but the store's guides may not
        r = writer.push_one("item_check", "set", check_id, named)
        assert r["status"] == "rejected" and r["code"] == "unknown_file", r
    assert guide.http.get(f"/blobs/{supervisor_only}").status_code == 403


def test_hq_cannot_move_one_stores_photo_into_another_store(live_server):
    hq, s1, s2 = (Api(live_server, u) for u in ("hq", "s001-g1", "s002-g1"))
    sha = _upload(s1)
    assert _name_as_evidence(s1, sha)["status"] == "applied"
    check_id, fields = _open_check(s2)
    r = hq.push_one("item_check", "set", check_id, {**fields, "evidence_sha256": sha})
    assert r["status"] == "rejected" and r["code"] == "unknown_file"
    assert s2.http.get(f"/blobs/{sha}").status_code == 403
    own = _upload(hq)  # HQ's own file it may attach anywhere
    assert (
        hq.push_one("item_check", "set", check_id, {**fields, "evidence_sha256": own})["status"]
        == "applied"
    )
    assert s2.http.get(f"/blobs/{own}").status_code == 200


def test_a_colleagues_photo_already_in_the_store_and_an_unknown_hash(live_server):
    g1, g2 = Api(live_server, "s001-g1"), Api(live_server, "s001-g2")
    sha = _upload(g1)
    assert _name_as_evidence(g1, sha)["status"] == "applied"
    assert _name_as_evidence(g2, sha)["status"] == "applied"  # the store reads it already
    unknown = hashlib.sha256(uuid.uuid4().bytes).hexdigest()
    r = _name_as_evidence(g1, unknown)
    assert r["status"] == "rejected" and r["code"] == "unknown_file"
    assert g1.http.get(f"/blobs/{unknown}").status_code == 403


def test_item_check_evidence_is_the_only_file_a_write_can_name():
    """A new field naming a file needs the same check (``may_reference``) as evidence.

    The one other: ``user.set_qr`` names one's own QR image in one's own account row,
    which grants no one a read (``blobs._named_for`` knows no account row); the server
    takes only a file the user may read (tests/server/test_admin_library.py)."""
    naming = {
        (entity, op, name)
        for (entity, op), model in MUTATION_FIELDS.items()
        for name in model.model_fields
        if "sha256" in name or "blob" in name
    }
    assert naming == {("item_check", "set", "evidence_sha256"), ("user", "set_qr", "qr_sha256")}
