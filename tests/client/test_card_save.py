"""The customer card's 保存 is one core call and one transaction: profile, tag
groups and a follow-up are written together, or — when any part is refused —
nothing is written and nothing is queued."""

from __future__ import annotations

import pytest

from guide_app.domain.errors import ValidationFailed
from guide_app.services.customers import CustomerService, FollowUpDraft
from tests.client.conftest import G1


def _tags(svc: CustomerService, cid: str) -> set[str]:
    card = svc.get(cid)
    assert card is not None
    return {t.id for t in card.tags}


def test_card_save_writes_everything_in_one_transaction(seeded):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    cid = s["zhangsan"]
    heard: list[frozenset[str]] = []
    cache.add_write_listener(heard.append)
    before = cache.outbox.count()
    had = _tags(svc, cid)
    tag_edits = len(had & {"t-f", "t-m"} ^ {"t-f"}) + len(
        had & {"t-yoga", "t-run", "t-makeup"} ^ {"t-yoga", "t-run"}
    )
    assert tag_edits >= 1  # the card really changes tags

    ids = svc.save_card(
        cid,
        profile={"notes": "喜欢瑜伽"},
        group_tags={"tg-sex": {"t-f"}, "tg-int": {"t-yoga", "t-run"}},
        follow_up=FollowUpDraft("chat", "到店试了新款"),
    )

    card = svc.get(cid)
    assert card is not None and card.notes == "喜欢瑜伽"
    assert _tags(svc, cid) == {"t-f", "t-yoga", "t-run"}
    assert [f.text for f in card.follow_ups][:1] == ["到店试了新款"]
    assert len(ids) == 1 + tag_edits + 1  # profile, tags, follow-up
    assert cache.outbox.count() == before + len(ids)
    # one commit: the write path reports once, with every entity it changed
    assert heard == [frozenset({"customer", "customer_tag", "follow_up"})]
    queued = [(m.entity, m.op) for m in cache.outbox.pending()][-len(ids) :]
    assert queued[0] == ("customer", "update") and queued[-1] == ("follow_up", "create")


@pytest.mark.parametrize(
    ("profile", "group_tags", "follow_up", "field"),
    [
        # valid profile and tags, an invalid follow-up last: still nothing written
        ({"notes": "改了"}, {"tg-int": {"t-run"}}, FollowUpDraft("pigeon", "飞鸽传书"), "channel"),
        ({"notes": "改了"}, {"tg-sex": {"t-f", "t-m"}}, None, "tag_ids"),  # single choice
        ({"birthday": "3000-01-01"}, {"tg-int": {"t-run"}}, None, "birthday"),
    ],
)
def test_a_refused_part_leaves_nothing_written_and_nothing_queued(
    seeded, profile, group_tags, follow_up, field
):
    cache, s = seeded
    svc = CustomerService(cache, G1)
    cid = s["zhangsan"]
    before_card = svc.get(cid)
    before_tags = _tags(svc, cid)
    before_outbox = cache.outbox.count()
    heard: list[frozenset[str]] = []
    cache.add_write_listener(heard.append)

    with pytest.raises(ValidationFailed) as err:
        svc.save_card(cid, profile=profile, group_tags=group_tags, follow_up=follow_up)

    assert err.value.field == field
    assert err.value.message  # a Chinese sentence naming the problem
    after = svc.get(cid)
    assert after is not None and before_card is not None
    assert after.notes == before_card.notes and after.birthday == before_card.birthday
    assert _tags(svc, cid) == before_tags
    assert len(after.follow_ups) == len(before_card.follow_ups)
    assert cache.outbox.count() == before_outbox
    assert heard == []


def test_nothing_to_save_writes_nothing(seeded):
    cache, s = seeded
    before = cache.outbox.count()
    assert CustomerService(cache, G1).save_card(s["zhangsan"]) == []
    assert cache.outbox.count() == before
