"""合并重复客户: the record of each merge (server only).

The merged customer's row is gone (its follow-ups, tags and orders now name the
kept one); this row remembers where it went, so an edit made meanwhile on a PC
that still had it (a follow-up, a tag, a field) is applied to the kept customer
instead of being lost (``guide_server.services.customer_merge.redirected``), and
what the merged card said (``snapshot``), so nothing is forgotten.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from guide_server.models.base import Base, IdStr, UTCDateTime, utcnow


class CustomerMerge(Base):
    __tablename__ = "customer_merge"
    #: the customer merged away (its id is never used again)
    merged_id: Mapped[str] = mapped_column(IdStr, primary_key=True)
    #: the customer it went into (kept current: a later merge of that one re-points it)
    kept_id: Mapped[str] = mapped_column(IdStr, index=True)
    store_id: Mapped[str] = mapped_column(IdStr, index=True)
    merged_by: Mapped[str] = mapped_column(IdStr)
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    mutation_id: Mapped[str | None] = mapped_column(String(36))
    #: the merged card's fields as they were (phone, member no., name, notes …)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)
