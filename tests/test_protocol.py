"""The wire-format module: one definition both sides validate with."""

import uuid

import pytest
from pydantic import ValidationError

from guide_core import protocol as p


def test_every_entity_has_a_data_model():
    assert set(p.ENTITY_DATA) == set(p.ENTITIES)
    for entity, op in p.MUTATION_FIELDS:
        assert entity in p.ENTITIES, (entity, op)


def test_update_stays_partial_and_normalised():
    out = p.validate_fields("customer", "update", {"phone": "+86 138-1234-5678", "name": " 张三 "})
    assert out == {"phone": "13812345678", "name": "张三"}


@pytest.mark.parametrize(
    ("entity", "op", "fields", "says"),
    [
        ("customer", "update", {"phone": "12345"}, "手机号应为11位, 实际5位: 「12345」"),
        ("customer", "update", {"notes": "长" * 5000}, "最多2000字, 实际5000字"),
        ("customer", "create", {"name": "   "}, "姓名: 不能为空"),
        ("customer", "create", {}, "必填"),
        ("customer", "update", {"bogus": 1}, "字段 bogus: 不认识的字段"),
        ("customer", "update", {"birthday": "2999-01-01"}, "生日"),
        (
            "follow_up",
            "create",
            {"customer_id": "c", "channel": "fax", "text": "x", "at": "2026-01-01T00:00:00Z"},
            "渠道: 只能是以下之一: chat / group / phone / visit",
        ),
        ("customer", "explode", {}, "unknown operation: customer.explode"),
        ("order", "create", {}, "unknown operation"),
    ],
)
def test_bad_fields_are_named(entity, op, fields, says):
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields(entity, op, fields)
    assert says in str(exc.value)


def test_emoji_and_mixed_scripts_are_valid_names():
    out = p.validate_fields(
        "customer", "create", {"name": "Anna 王🌸", "remark_name": "VIP·ももこ"}
    )
    assert out["name"] == "Anna 王🌸"


def test_link_ids_are_the_same_on_every_device():
    assert p.customer_tag_id("c1", "t1") == p.customer_tag_id("c1", "t1")
    assert p.customer_tag_id("c1", "t1") != p.customer_tag_id("c1", "t2")
    uuid.UUID(p.item_check_id("a", "i"))


def test_wire_models_refuse_unknown_fields():
    with pytest.raises(ValidationError):
        p.PullResponse.model_validate({"changes": [], "cursor": "", "has_more": False, "x": 1})
    with pytest.raises(ValidationError):
        p.PushRequest.model_validate(
            {
                "device_id": "d",
                "mutations": [
                    {
                        "mutation_id": str(uuid.uuid4()),
                        "seq": 0,
                        "entity": "nope",
                        "op": "x",
                        "entity_id": "1",
                    }
                ],
            }
        )


# ------------------------------------------------------------- what a write may carry (issue 8)

FOLLOW_UP = {"customer_id": "c", "channel": "phone", "text": "回访"}


def test_every_model_a_client_sends_refuses_control_characters():
    """One base (``_Write``) for every push model: a model added later is covered too."""
    for model in [p.Mutation, p.PushRequest, *p.MUTATION_FIELDS.values()]:
        assert issubclass(model, p._Write), model.__name__


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x1f", "\x7f", "\x85", "\ud800"]
)
def test_control_characters_are_refused_naming_the_field(char):
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields(
            "follow_up", "create", {**FOLLOW_UP, "text": f"昨天{char}回访", "at": NOW}
        )
    message = str(exc.value)
    assert char not in message
    if char == "\ud800":  # pydantic's own check: no UTF-8 form
        assert message.startswith("内容: 含有无法编码的字符"), message
        return
    assert message.startswith("内容: 含有不可见的控制字符"), message
    assert f"U+{ord(char):04X}" in message and "第3个字符" in message


def test_tabs_line_breaks_and_emoji_are_text():
    text = "第一行\r\n第二行\t🌸 ももこ"
    assert (
        p.validate_fields("follow_up", "create", {**FOLLOW_UP, "text": text, "at": NOW})["text"]
        == text
    )


def test_list_items_and_ids_are_checked_too():
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields(
            "script", "create", {"title": "t", "body": "b", "keywords": ["a", "b\x00"]}
        )
    assert "关键词: 第2项含有不可见的控制字符" in str(exc.value)
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields("customer_tag", "add", {"customer_id": "c\x00", "tag_id": "t"})
    assert str(exc.value).startswith("客户: 含有不可见的控制字符")
    with pytest.raises(ValidationError):
        p.Mutation(
            mutation_id=uuid.uuid4(), seq=0, entity="customer", op="update", entity_id="a\x00"
        )


def test_an_unknown_field_name_is_not_echoed_with_its_control_character():
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields("customer", "update", {"no\x00te": "x"})
    assert str(exc.value) == "字段 no\\u0000te: 不认识的字段 (unknown field)"


def test_sign_in_refuses_control_characters_where_they_would_be_stored():
    ok = {"username": "s001-g1", "password": "pass\x00word", "device_id": "pc-1"}
    assert p.LoginRequest.model_validate(ok).password == "pass\x00word"  # only ever hashed
    for field in ("username", "device_id"):
        with pytest.raises(ValidationError):
            p.LoginRequest.model_validate({**ok, field: "x\x00"})


NOW = "2026-11-20T10:00:00+08:00"


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        ("2000-01-01T00:00:00Z", True),
        ("2000-01-01T08:00:00+08:00", True),
        ("2000-01-01T07:59:59+08:00", False),  # 1999-12-31 in UTC
        ("2099-12-31T23:59:59.999999Z", True),
        ("2100-01-01T00:00:00Z", False),
        ("2099-12-31T23:00:00-01:00", False),  # 2100-01-01 in UTC
        ("0001-01-01T00:00:00+14:00", False),  # before year 1 in UTC
        ("9999-12-31T23:59:59-14:00", False),  # after year 9999 in UTC
        ("0001-01-01T00:00:00Z", False),
        ("2026-11-20T10:00:00", False),  # no offset
    ],
)
def test_times_in_writes_are_bounded_in_utc(at, ok):
    fields = {**FOLLOW_UP, "at": at}
    if ok:
        assert p.validate_fields("follow_up", "create", fields)["at"].utcoffset() is not None
        return
    with pytest.raises(p.InvalidMutation) as exc:
        p.validate_fields("follow_up", "create", fields)
    assert str(exc.value).startswith("时间: "), exc.value
    assert "2000-01-01 至 2099-12-31" in str(exc.value) or "须带时区" in str(exc.value)


def test_done_at_next_follow_up_and_birthday_are_bounded():
    check = {"assignment_id": "a", "item_id": "i", "done": True}
    with pytest.raises(p.InvalidMutation, match=r"^完成时间: "):
        p.validate_fields("item_check", "set", {**check, "done_at": "0001-01-01T00:00:00Z"})
    assert p.validate_fields("item_check", "set", {**check, "done_at": None})["done_at"] is None
    for day in ("1999-12-31", "2100-01-01", "9999-12-31"):
        with pytest.raises(p.InvalidMutation, match=r"^下次跟进: "):
            p.validate_fields(
                "follow_up", "create", {**FOLLOW_UP, "at": NOW, "next_follow_up_on": day}
            )
    for day in ("1899-12-31", "0001-01-01", "2999-01-01"):
        with pytest.raises(p.InvalidMutation, match=r"^生日: "):
            p.validate_fields("customer", "update", {"birthday": day})
    assert p.validate_fields("customer", "update", {"birthday": "1900-01-01"})


def test_pulled_rows_are_read_as_they_come():
    """The bounds are for writes: a row the server holds (imported, or older than the
    rule) still reaches the client, which refusing would stall its pull for good."""
    row = {
        "id": "f",
        "customer_id": "c",
        "store_id": "s",
        "guide_id": "g",
        "channel": "phone",
        "text": "旧数据",
        "at": "1999-01-01T00:00:00",
    }
    assert p.FollowUpData.model_validate(row).at.year == 1999


def test_people_see_chinese_labels_not_field_names_or_python_quoting():
    """Every field a push takes has a label; messages name it, never ``name(field)`` or ``'…'``."""
    names = {n for model in p.MUTATION_FIELDS.values() for n in model.model_fields}
    assert [n for n in sorted(names) if p.field_label(n).startswith("字段 ")] == []
    cases = [
        ("customer", "update", {"phone": "12a4"}, "手机号只能包含数字: 「12a4」"),
        (
            "customer",
            "update",
            {"level": "vip"},
            "等级: 只能是以下之一: normal / silver / gold / black",
        ),
        ("customer", "update", {"birthday": "昨天"}, "生日: 应为日期, 如 2024-01-31"),
        ("follow_up", "create", {**FOLLOW_UP, "at": NOW, "customer_id": 5}, "客户: 应为文字"),
    ]
    for entity, op, fields, says in cases:
        with pytest.raises(p.InvalidMutation) as exc:
            p.validate_fields(entity, op, fields)
        message = str(exc.value)
        assert says in message, message
        assert "'" not in message and "(phone)" not in message and "Input should" not in message
