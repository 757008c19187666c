"""One change stream per session: local writes and pulled pages both report the
entities they changed; a subscriber hears only changes of its entities."""

from __future__ import annotations

from guide_app.changes import Change, ChangeStream
from guide_app.services.customer_query import CustomerQuery


def _listen(session, entities):
    heard: list[Change] = []
    session.changes.subscribe(entities, heard.append)
    return heard


def test_local_write_and_pulled_page_reach_subscribers_of_their_entity(clients):
    guide = clients("s001-g1")
    mgr = clients("s001-mgr")
    assert guide.sync.sync_once() and mgr.sync.sync_once()
    cid = guide.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    follow_ups = _listen(guide, {"follow_up"})
    scripts = _listen(guide, {"script", "material"})
    everything = _listen(guide, None)

    guide.customers.add_follow_up(cid, "chat", "本机写的跟进")  # a local write
    assert [c.local for c in follow_ups] == [True]
    assert "follow_up" in follow_ups[0].entities
    assert scripts == []

    mgr.customers.add_follow_up(cid, "phone", "店长写的跟进")
    assert mgr.sync.sync_once()
    del follow_ups[:], everything[:]
    assert guide.sync.sync_once()  # pushes the guide's edit, pulls the manager's
    pulled = [c for c in follow_ups if not c.local]
    assert pulled and all("follow_up" in c.entities for c in pulled)
    assert scripts == []
    assert everything == follow_ups  # nothing but follow-up changes came

    fresh = [c.text for c in guide.customers.get(cid).follow_ups]
    assert "店长写的跟进" in fresh


def test_a_subscription_can_be_cancelled_and_a_failing_one_harms_no_other():
    stream = ChangeStream()
    heard: list[Change] = []

    def broken(_change: Change) -> None:
        raise RuntimeError("a subscriber's bug")

    stream.subscribe({"customer"}, broken)
    sub = stream.subscribe({"customer", "order"}, heard.append)
    stream.publish({"order"}, local=False)
    stream.publish(set(), local=True)  # nothing changed: nobody is called
    sub.cancel()
    stream.publish({"customer"}, local=True)
    assert heard == [Change(frozenset({"order"}), local=False)]
