"""Two counter PCs, offline, create the same customer: both cards reach the
server, the later one comes back flagged, the supervisor finds and dismisses
the flag, and a guide's dismiss is refused on the PC itself."""

from __future__ import annotations

import random

import pytest

from guide_app.domain.errors import Forbidden
from guide_app.services.customer_query import CustomerQuery


@pytest.fixture
def server(live_server):
    """Both server databases (SQLite and PostgreSQL)."""
    return live_server


def test_two_offline_pcs_create_the_same_phone(clients, server):
    pc1, pc2 = clients("s001-g1"), clients("s001-g2")
    assert pc1.sync.sync_once() and pc2.sync.sync_once()
    phone = f"199{random.randrange(10**8):08d}"

    server.stop()
    a = pc1.customers.create(name="钱多多", phone=phone)
    assert pc2.customers.find_duplicates(phone=phone) == []  # PC 2 cannot know yet
    b = pc2.customers.create(name="钱多多", phone=phone)
    server.start()
    assert pc1.sync.sync_once() and pc2.sync.sync_once() and pc1.sync.sync_once()
    for pc in (pc1, pc2):
        assert pc.sync.status.pending == 0 and pc.attention.count() == 0  # nothing refused

    card = pc2.customers.get(b)
    assert card.duplicate_of is not None and card.duplicate_of.id == a
    assert not card.can_dismiss_duplicate
    # from now on PC 2 is warned, though it only holds PC 1's number masked
    warned = {m.id: m for m in pc2.customers.find_duplicates(phone=phone)}
    assert warned[b].certain and not warned[a].certain and warned[a].by_phone

    with pytest.raises(Forbidden):
        pc2.customers.dismiss_duplicate(b)
    assert pc2.cache.outbox.count() == 0

    mgr = clients("s001-mgr")
    assert mgr.sync.sync_once()
    flagged = CustomerQuery(mine_only=False, duplicates_only=True)
    assert b in mgr.customers.ids_page(flagged, 0, 100)
    assert a not in mgr.customers.ids_page(flagged, 0, 100)
    assert [m.id for m in mgr.customers.get(a).duplicated_by] == [b]
    mgr.customers.dismiss_duplicate(b)
    assert mgr.customers.get(b).duplicate_of is None  # at once, before the push
    assert mgr.sync.sync_once() and mgr.attention.count() == 0
    assert pc2.sync.sync_once()
    assert pc2.customers.get(b).duplicate_of is None
    assert b not in mgr.customers.ids_page(flagged, 0, 100)
