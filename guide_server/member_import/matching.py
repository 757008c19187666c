"""Which stored customer a member row is: the same member no. anywhere in the chain,
else the same phone in the row's store (the earliest, when stored data has several)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from guide_server.member_import.values import Member
from guide_server.models import Customer

#: Columns of a stored customer the import compares and may overwrite.
FIELDS = (
    "name",
    "phone",
    "member_no",
    "owner_id",
    "level",
    "birthday",
    "member_since",
    "source_channel",
    "notes",
)
_COLUMNS = [Customer.id, Customer.store_id, *(getattr(Customer, f) for f in FIELDS)]
_CHUNK = 900  # values per IN (…), well under every driver's parameter limit


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


class Conflict(ValueError):
    """A row that matches a stored customer it cannot update; ``column`` names the cell."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


def match_batch(session: Session, members: Sequence[Member]) -> list[dict | Conflict | None]:
    """Per member: the stored customer (a dict of :data:`FIELDS` plus id and store_id),
    a :class:`Conflict`, or None (a new customer)."""
    by_member: dict[str, dict] = {}
    numbers = sorted({m.member_no for m in members if m.member_no})
    for chunk in _chunks(numbers):
        rows = session.execute(
            select(*_COLUMNS)
            .where(Customer.member_no.in_(chunk))
            .order_by(Customer.created_at, Customer.id)
        ).mappings()
        for row in rows:
            by_member.setdefault(row["member_no"], dict(row))
    by_phone: dict[tuple[str, str], dict] = {}
    stores = {m.store_id for m in members if m.phone}
    phones = sorted({m.phone for m in members if m.phone})
    for chunk in _chunks(phones):
        # by phone alone, the store filtered here: with "AND store_id IN (…)" SQLite may
        # walk the store's index instead of the phone's (every batch a scan of the store)
        rows = session.execute(
            select(*_COLUMNS)
            .where(Customer.phone.in_(chunk))
            .order_by(Customer.created_at, Customer.id)
        ).mappings()
        for row in rows:
            if row["store_id"] in stores:
                by_phone.setdefault((row["store_id"], row["phone"]), dict(row))
    out: list[dict | Conflict | None] = []
    for m in members:
        same_member = by_member.get(m.member_no) if m.member_no else None
        same_phone = by_phone.get((m.store_id, m.phone)) if m.phone else None
        if same_member is not None and same_member["store_id"] != m.store_id:
            out.append(
                Conflict(
                    "会员号",
                    f"会员号「{m.member_no}」已是其他门店的客户 (客户不能换门店; 请核对门店或会员号)",
                )
            )
        elif (
            same_member is not None
            and same_phone is not None
            and same_phone["id"] != same_member["id"]
        ):
            out.append(
                Conflict(
                    "手机号",
                    f"手机号「{m.phone}」已是本店另一位客户的, 而会员号「{m.member_no}」对应的是"
                    f"客户「{same_member['name']}」: 请核对手机号或会员号",
                )
            )
        else:
            out.append(same_member or same_phone)
    return out
