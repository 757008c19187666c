"""Evidence files (issue 13): an image within the limit, judged by its type; the bytes
say which image a file is (for the blob route to record)."""

from __future__ import annotations

import pytest

from guide_core.rules import Code
from guide_core.rules.tasks import MAX_EVIDENCE_BYTES, evidence_refusal, sniff_image


@pytest.mark.parametrize(
    ("head", "mime"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"\x00\x00\x00\x18ftypheic", "image/heic"),
        (b"%PDF-1.7", None),
        (b"MZ\x90\x00", None),
    ],
)
def test_the_bytes_say_which_image(head, mime):
    assert sniff_image(head) == mime


def test_evidence_must_be_an_image_within_the_limit():
    assert evidence_refusal("image/png", 1000) is None
    assert evidence_refusal("application/pdf", 1000).code == Code.EVIDENCE_NOT_IMAGE
    too_big = evidence_refusal("image/jpeg", MAX_EVIDENCE_BYTES + 1)
    assert too_big.code == Code.EVIDENCE_TOO_LARGE and "最大 10 MB" in too_big.reason
    assert evidence_refusal("application/octet-stream", 1000) is None  # undeclared: not judged


def test_a_tick_naming_a_file_that_is_not_an_image_is_refused(live_server):
    import hashlib
    import uuid
    from datetime import date

    from guide_core.protocol import assignment_id, item_check_id
    from tests.server.api import Api

    mgr, g1 = Api(live_server, "s001-mgr"), Api(live_server, "s001-g1")
    task_id, item_id = str(uuid.uuid4()), str(uuid.uuid4())
    fields = {
        "title": "陈列拍照",
        "kind": "display",
        "start_at": "2026-12-01T09:00:00+08:00",
        "due_at": "2026-12-01T21:00:00+08:00",
        "guide_ids": [g1.user["id"]],
        "items": [{"id": item_id, "text": "拍照", "requires_evidence": True}],
    }
    assert mgr.push_one("task", "create", task_id, fields)["status"] == "applied"
    aid = assignment_id(task_id, g1.user["id"], date(2026, 12, 1))
    files = {}
    for name, body, mime in (
        ("pdf", b"%PDF-1.7 not a photo " + uuid.uuid4().bytes, "application/pdf"),
        ("png", b"\x89PNG\r\n\x1a\n photo " + uuid.uuid4().bytes, "image/png"),
    ):
        sha = hashlib.sha256(body).hexdigest()
        r = g1.http.put(f"/blobs/{sha}", content=body, headers={"Content-Type": mime})
        assert r.status_code == 200
        files[name] = sha
    tick = {"assignment_id": aid, "item_id": item_id, "done": True}
    r = g1.push_one("item_check", "set", item_check_id(aid, item_id), tick)
    assert r["code"] == "evidence_missing"
    tick["evidence_sha256"] = files["pdf"]
    r = g1.push_one("item_check", "set", item_check_id(aid, item_id), tick)
    assert r["code"] == "evidence_not_image" and "application/pdf" in r["reason"]
    tick["evidence_sha256"] = files["png"]
    assert g1.push_one("item_check", "set", item_check_id(aid, item_id), tick)["status"] == (
        "applied"
    )
