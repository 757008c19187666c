"""session.library against the real server (SQLite): a use, a favourite and a suggestion
made on one PC (offline first) reach the server, come back on another PC of the same
guide, and HQ's answer to the suggestion shows on the guide's PC."""

from __future__ import annotations

from guide_app.services.customer_query import CustomerQuery
from guide_app.services.library_admin import LibraryAdmin


def _synced(session) -> None:
    assert session.sync.sync_once(), session.sync.status.error
    assert session.cache.outbox.count() == 0 and session.attention.count() == 0


def test_use_favourite_and_suggestion_travel_through_the_server(clients):
    pc1 = clients("s001-g1")
    pc2 = clients("s001-g1")
    for pc in (pc1, pc2):
        _synced(pc)
    lib1, lib2 = pc1.library, pc2.library
    script = lib1.scripts(limit=1)[0]
    material = lib1.materials(limit=1)[0]
    customer = pc1.customers.page(CustomerQuery(mine_only=True), 0, 1)[0].id
    uses = script.use_count

    # made before any push: queued, shown at once
    lib1.record_use("script", script.id, customer)
    lib1.record_use("material", material.id)
    lib1.set_favorite("script", script.id, True)
    mine = lib1.create_personal("我的开场白", "{称呼|亲}好久不见，最近有空来店里坐坐", ["开场"])
    suggestion = lib1.suggest(mine)
    assert lib1.recent() == [("material", material.id), ("script", script.id)]
    assert lib1.is_favorite("script", script.id) and not lib2.is_favorite("script", script.id)
    assert [s.status for s in lib1.suggestions()] == ["pending"]

    _synced(pc1)
    assert lib1.script(script.id).use_count == uses + 1  # the server's count, pulled back
    assert lib1.is_favorite("script", script.id)
    (pending,) = lib1.suggestions()
    assert (pending.id, pending.script_id, pending.status) == (suggestion, mine, "pending")

    _synced(pc2)
    assert lib2.is_favorite("script", script.id)
    assert [s.id for s in lib2.scripts(view="favorites")] == [script.id]
    assert lib2.script(mine).title == "我的开场白" and [s.id for s in lib2.suggestions()] == [
        suggestion
    ]
    assert lib2.recent() == []  # recent uses are this PC's own
    lib2.set_favorite("script", script.id, False)
    _synced(pc2)
    _synced(pc1)
    assert not lib1.is_favorite("script", script.id) and lib1.scripts(view="favorites") == []

    hq = clients("hq")
    _synced(hq)
    admin = LibraryAdmin(hq.api, hq.user, hq.cache, hq.blobs)
    assert suggestion in [s.id for s in admin.suggestions("pending")]
    admin.decline_suggestion(suggestion, "与现有开场白重复")
    _synced(pc1)
    (answered,) = lib1.suggestions()
    assert (answered.status, answered.reason) == ("declined", "与现有开场白重复")
