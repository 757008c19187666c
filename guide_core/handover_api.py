"""``GET /admin/reports/handovers`` (离职继承记录): HQ every store, a supervisor their own."""

from __future__ import annotations

from datetime import datetime

from guide_core.protocol import Id, _Wire

#: Most handovers one report lists (newest first).
MAX_HANDOVER_ROWS = 500


class HandoverReceiver(_Wire):
    user_id: Id
    name: str = ""
    customers: int


class HandoverRecord(_Wire):
    id: Id
    at: datetime
    store_id: Id
    store_name: str = ""
    leaving_user_id: Id
    leaving_name: str = ""
    by_user_id: Id
    by_name: str = ""
    customer_count: int
    receivers: list[HandoverReceiver]
    assignments_withdrawn: int = 0
    deactivated: bool = True


class HandoverReport(_Wire):
    handovers: list[HandoverRecord]
