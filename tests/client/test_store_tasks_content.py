"""Tasks (tick, submit, review), scripts and materials from the cache."""

from __future__ import annotations

import pytest

from guide_app.domain.errors import Forbidden, ValidationFailed
from guide_app.services.content import MaterialService, ScriptService, SensitiveWords
from guide_app.services.customers import CustomerService
from guide_app.services.tasks import TaskService

from .conftest import G1, G2, SUP

SHA = "a" * 64


def test_guide_ticks_items_submits_and_supervisor_reviews(seeded):
    cache, _ = seeded
    tasks = TaskService(cache, G1)
    (a,) = tasks.my_assignments()
    assert (a.title, a.status, a.items_total, a.items_done) == ("周末会员回访", "todo", 2, 0)
    tasks.check_item("as-1", "ti-1", True, note="已发")
    with pytest.raises(ValidationFailed) as err:
        tasks.check_item("as-1", "ti-2", True)
    assert err.value.field == "evidence_sha256"
    with pytest.raises(ValidationFailed):
        tasks.submit("as-1")  # one item still open
    tasks.check_item("as-1", "ti-2", True, evidence_sha256=SHA)
    (a,) = tasks.my_assignments()
    assert (a.status, a.items_done) == ("in_progress", 2)
    items = tasks.items("as-1")
    assert items[0].note == "已发" and items[1].evidence_sha256 == SHA and items[0].done_at
    with pytest.raises(Forbidden):
        TaskService(cache, G2).check_item("as-1", "ti-1", False)
    with pytest.raises(Forbidden):
        tasks.review("as-1", approve=True)
    tasks.submit("as-1")
    sup = TaskService(cache, SUP)
    assert [x.id for x in sup.store_assignments("submitted")] == ["as-1"]
    with pytest.raises(ValidationFailed) as err:
        sup.review("as-1", approve=False)
    assert err.value.field == "reason"
    sup.review("as-1", approve=False, reason="照片不清楚")
    (a,) = tasks.my_assignments()
    assert a.status == "sent_back" and a.review_reason == "照片不清楚"
    ops = [(m.entity, m.op) for m in cache.outbox.pending()]
    assert ops == [
        ("assignment", "start"),
        ("item_check", "set"),
        ("item_check", "set"),
        ("assignment", "submit"),
        ("assignment", "review"),
    ]


def test_script_render_fills_variables_and_checks_words(seeded):
    cache, s = seeded
    scripts = ScriptService(cache, G1)
    card = CustomerService(cache, G1).get(s["zhangsan"])
    rendered = scripts.render("sc-1", card, store_name="静安店")
    assert rendered.text.startswith("张三您好") and not rendered.check.blocked
    assert SensitiveWords(cache).check("我们最便宜").blocked
    scripts.record_use("sc-1")
    assert scripts.get("sc-1").use_count == 1
    (m,) = cache.outbox.pending()
    assert (m.entity, m.op, m.fields) == ("script", "use", {})


def test_personal_scripts_and_material_use(seeded):
    cache, _ = seeded
    scripts = ScriptService(cache, G1)
    sid = scripts.create_personal("我的开场白", "{称呼}好久不见", keywords=["开场"])
    assert scripts.get(sid).scope == "personal" and scripts.get(sid).owner_id == G1.id
    scripts.update_personal(sid, title="新开场白")
    assert scripts.get(sid).title == "新开场白"
    with pytest.raises(Forbidden):
        ScriptService(cache, G2).update_personal(sid, title="x")
    with pytest.raises(Forbidden):
        scripts.update_personal("sc-1", title="x")  # HQ script
    with pytest.raises(ValidationFailed):
        scripts.create_personal("", "body")
    scripts.delete_personal(sid)
    assert scripts.get(sid) is None
    assert [x.id for x in scripts.list()] == ["sc-1"]
    materials = MaterialService(cache, G1)
    materials.record_use("mt-1")
    assert materials.get("mt-1").use_count == 1
    assert [x.id for x in materials.list(kind="poster")] == ["mt-1"]
