"""Customer writes: validation before anything is written, permissions, one transaction."""

from __future__ import annotations

import pytest

from guide_app.cache import outbox as outbox_module
from guide_app.domain.errors import Forbidden, NotFound, ValidationFailed
from guide_app.services.customers import CustomerQuery, CustomerService

from .conftest import G1, G2, HQ, SUP


def _state(cache):
    with cache.read() as conn:
        rows = conn.exec_driver_sql("SELECT id, version, data FROM customers ORDER BY id").all()
        links = conn.exec_driver_sql("SELECT id FROM customer_tags ORDER BY id").all()
        fts = conn.exec_driver_sql("SELECT count(*) FROM customer_search_keys").scalar()
    return rows, links, fts, cache.outbox.count()


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"name": "王五", "phone": "12345"}, "phone", "手机号"),
        ({"name": "王五", "phone": "23800001234"}, "phone", "手机号"),
        ({"name": "   "}, "name", "不能为空"),
        ({"name": ""}, "name", "不能为空"),
        ({"name": "王" * 65}, "name", "最多64字"),
        ({"name": "王五", "notes": "备" * 5000}, "notes", "最多2000字, 实际5000字"),
        ({"name": "王五", "level": "diamond"}, "level", "等级: 只能是以下之一"),
        ({"name": "王五", "birthday": "2999-01-01"}, "birthday", "生日"),
        ({"name": "王五", "shoe_size": 38}, "shoe_size", "unknown field"),
        ({"name": "王\x00五"}, "name", "控制字符"),
    ],
)
def test_invalid_create_is_refused_before_any_write(seeded, fields, field, words):
    cache, _ = seeded
    before = _state(cache)
    with pytest.raises(ValidationFailed) as err:
        CustomerService(cache, G1).create(**fields)
    assert err.value.field == field
    assert words in err.value.message
    assert _state(cache) == before


@pytest.mark.parametrize(
    "name", ["Amy王😊", "玛丽·居里", "O'Neil 张", "阿卜杜拉·买买提", "김민준", "👩‍🦰小红"]
)
def test_emoji_and_mixed_scripts_in_names_are_accepted(seeded, name):
    cache, _ = seeded
    svc = CustomerService(cache, G1)
    cid = svc.create(name=name, phone="+86 138-0000-9999")
    card = svc.get(cid)
    assert card.name == name and card.phone == "13800009999"
    assert card.owner_id == G1.id and card.version == 0 and card.pending
    (m,) = cache.outbox.pending()
    assert m.op == "create" and m.fields["name"] == name and m.fields["store_id"] == G1.store_id


def test_update_writes_only_given_fields_and_is_visible_at_once(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.update(s["zhangsan"], remark_name="三姐", phone="13911112222", in_group=True)
    card = svc.get(s["zhangsan"])
    assert (card.remark_name, card.phone, card.in_group) == ("三姐", "13911112222", True)
    assert card.member_no == "M0001"
    (m,) = cache.outbox.pending()
    assert m.fields == {"remark_name": "三姐", "phone": "13911112222", "in_group": True}


def test_failure_mid_write_leaves_neither_row_nor_outbox_entry(seeded, monkeypatch):
    cache, s = seeded
    before = _state(cache)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(outbox_module, "enqueue", boom)
    svc = CustomerService(cache, G1)
    with pytest.raises(RuntimeError):
        svc.create(name="半途而废")
    with pytest.raises(RuntimeError):
        svc.update(s["zhangsan"], notes="不该留下")
    with pytest.raises(RuntimeError):
        svc.add_tag(s["zhangsan"], "t-run")
    assert _state(cache) == before
    assert svc.get(s["zhangsan"]).notes == ""


def test_guides_edit_only_their_own_customers(seeded):
    cache, s = seeded
    with pytest.raises(Forbidden):
        CustomerService(cache, G1).update(s["lisi"], notes="x")
    CustomerService(cache, SUP).update(s["lisi"], notes="店长改的")
    CustomerService(cache, HQ).update(s["lisi"], level="gold")
    assert CustomerService(cache, G2).get(s["lisi"]).notes == "店长改的"
    with pytest.raises(Forbidden):
        CustomerService(cache, G1).create(name="x", owner_id=G2.id)
    with pytest.raises(ValidationFailed):
        CustomerService(cache, HQ).create(name="x")
    with pytest.raises(NotFound):
        CustomerService(cache, G1).update("nope", notes="x")


def test_phone_is_masked_for_customers_of_other_guides(seeded):
    cache, s = seeded
    g1 = CustomerService(cache, G1)
    card = g1.get(s["zhangsisi"])
    assert card.phone == "13700002222" and card.can_see_phone and card.can_edit
    g2 = CustomerService(cache, G2)
    card = g2.get(s["zhangsisi"])
    assert card.phone == "137****2222" and not card.can_see_phone and not card.can_edit
    rows = {r.name: r.phone_display for r in g2.page(CustomerQuery(mine_only=False))}
    assert rows["张思思"] == "137****2222" and rows["李四"] == "139****5678"
    assert CustomerService(cache, SUP).get(s["zhangsisi"]).phone == "13700002222"


def test_single_choice_group_keeps_one_tag(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.add_tag(s["zhangsan"], "t-m")
    tags = {t.id for t in svc.get(s["zhangsan"]).tags}
    assert "t-m" in tags and "t-f" not in tags and "t-yoga" in tags
    with pytest.raises(ValidationFailed):
        svc.set_group_tags(s["zhangsan"], "tg-sex", {"t-m", "t-f"})
    svc.set_group_tags(s["zhangsan"], "tg-int", {"t-run", "t-makeup"})
    tags = {t.id for t in svc.get(s["zhangsan"]).tags}
    assert tags == {"t-m", "t-run", "t-makeup"}
    ops = [(m.op, m.fields["tag_id"]) for m in cache.outbox.pending()]
    assert ops == [("add", "t-m"), ("remove", "t-yoga"), ("add", "t-makeup"), ("add", "t-run")]
    with pytest.raises(NotFound):
        svc.add_tag(s["zhangsan"], "t-secret")  # group visible to HQ only


def test_guide_may_tag_and_follow_up_any_customer_of_the_store(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    svc.add_tag(s["lisi"], "t-run")
    fid = svc.add_follow_up(
        s["lisi"], "phone", "  电话回访, 下周到店  ", next_follow_up_on="2026-12-01"
    )
    card = svc.get(s["lisi"])
    assert card.follow_ups[0].id == fid and card.follow_ups[0].text == "电话回访, 下周到店"
    assert card.follow_ups[0].channel_label == "电话" and card.follow_ups[0].pending
    assert card.follow_ups[0].guide_name == G1.display_name
    with pytest.raises(ValidationFailed) as err:
        svc.add_follow_up(s["lisi"], "phone", "x" * 2001)
    assert err.value.field == "text"
    with pytest.raises(ValidationFailed):
        svc.add_follow_up(s["lisi"], "fax", "x")
    with pytest.raises(ValidationFailed):
        svc.add_follow_up(s["lisi"], "chat", "   ")


def test_follow_ups_newest_first(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    first = svc.add_follow_up(s["zhangsan"], "chat", "第一次")
    second = svc.add_follow_up(s["zhangsan"], "visit", "第二次")
    assert [f.id for f in svc.get(s["zhangsan"]).follow_ups] == [second, first]


def test_reassign_is_for_supervisors_and_one_transaction(seeded):
    cache, s = seeded
    with pytest.raises(Forbidden):
        CustomerService(cache, G1).reassign([s["zhangsan"]], G2.id)
    sup = CustomerService(cache, SUP)
    with pytest.raises(NotFound):
        sup.reassign([s["zhangsan"], "missing"], G2.id)
    assert cache.outbox.count() == 0
    sup.reassign([s["zhangsan"], s["zhangsisi"]], G2.id)
    assert [m.op for m in cache.outbox.pending()] == ["reassign", "reassign"]
    mine = CustomerService(cache, G2).page(CustomerQuery(mine_only=True))
    assert {r.name for r in mine} == {"张三", "张思思", "李四"}
    with pytest.raises(ValidationFailed):
        sup.reassign([s["lisi"]], "u-unknown")
