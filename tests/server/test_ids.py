"""Time-ordered ids of rows the server creates in bulk (UUID version 7)."""

from __future__ import annotations

import time
import uuid

from guide_server.ids import time_ordered_id


def test_ids_are_version_7_uuids_with_the_rfc_variant():
    ids = {time_ordered_id() for _ in range(2000)}
    assert len(ids) == 2000  # random below the millisecond
    for text in list(ids)[:50]:
        u = uuid.UUID(text)
        assert u.version == 7 and u.variant == uuid.RFC_4122 and str(u) == text


def test_ids_made_later_sort_after_earlier_ones():
    first = [time_ordered_id() for _ in range(100)]
    time.sleep(0.002)
    later = [time_ordered_id() for _ in range(100)]
    assert max(first) < min(later)
    ms = int(uuid.UUID(later[0]).hex[:12], 16)
    assert abs(ms - time.time_ns() // 1_000_000) < 5_000
