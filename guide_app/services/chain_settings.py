"""The chain's settings as this PC last pulled them (``chain_setting``, in ``global``).

HQ edits them online (``/admin/settings/lifecycle``); every counter PC pulls the one
row and derives customers' stages with its thresholds (``guide_core.lifecycle``),
the same function the server uses.
"""

from __future__ import annotations

import json

from guide_app.cache.database import Cache
from guide_core.lifecycle import CHAIN_SETTING_ID, StageThresholds, thresholds_from


def stage_thresholds(cache: Cache) -> StageThresholds:
    """HQ's lifecycle thresholds from the cache; the defaults before the first pull of them."""
    with cache.read() as conn:
        data = conn.exec_driver_sql(
            "SELECT data FROM chain_settings WHERE id = ?", (CHAIN_SETTING_ID,)
        ).scalar()
    return thresholds_from(json.loads(data) if data else None)
