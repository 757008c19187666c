"""The wire-format module: one definition both sides validate with."""

import uuid

import pytest
from pydantic import ValidationError

from guide_app.sync import protocol as p


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
        ("customer", "update", {"phone": "12345"}, "手机号(phone)"),
        ("customer", "update", {"notes": "长" * 5000}, "最多2000字, 实际5000字"),
        ("customer", "create", {"name": "   "}, "姓名(name): 不能为空"),
        ("customer", "create", {}, "必填"),
        ("customer", "update", {"bogus": 1}, "bogus: unknown field"),
        ("customer", "update", {"birthday": "2999-01-01"}, "生日"),
        (
            "follow_up",
            "create",
            {"customer_id": "c", "channel": "fax", "text": "x", "at": "2026-01-01T00:00:00Z"},
            "channel",
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
