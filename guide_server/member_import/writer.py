"""Writing one batch of checked member rows: new customers and their tags through the
bulk writer (``services.bulk.insert_new``), changed customers by one executemany with
their overwritten values kept in ``customer_history``, and every written row's new
sync version (``sync.versions``), so the store's PCs pull them. With ``write=False``
(a dry run) only the counts are made."""

from __future__ import annotations

import heapq
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.orm import Session

from guide_core.member_import_api import MemberImportReport
from guide_core.protocol import customer_tag_id
from guide_core.rules.tags import single_choice_drops
from guide_server.member_import.directory import Directory
from guide_server.member_import.matching import FIELDS, Conflict, match_batch
from guide_server.member_import.values import Member
from guide_server.models import Customer, CustomerHistory, CustomerTag
from guide_server.models.base import utcnow
from guide_server.reader import Reader, store_scope
from guide_server.services.bulk import insert_new
from guide_server.services.scopes import ScopeBook
from guide_server.sync.versions import take_versions, upsert_sync_rows


class Refused(Exception):
    """A row the write found impossible after all (the data changed since the check)."""

    def __init__(self, row: int, column: str, reason: str) -> None:
        super().__init__(reason)
        self.row, self.column, self.reason = row, column, reason


class Spread:
    """New customers without a guide go to the store's active guide with the fewest
    customers (stored and given by this import), ties by username: even and deterministic."""

    def __init__(self, session: Session, directory: Directory) -> None:
        self.session, self.directory = session, directory
        self._heaps: dict[str, list[tuple[int, str, str]]] = {}

    def _heap(self, store_id: str) -> list[tuple[int, str, str]]:
        heap = self._heaps.get(store_id)
        if heap is None:
            guides = self.directory.guides_of.get(store_id, [])
            counts = dict(
                self.session.execute(
                    select(Customer.owner_id, func.count())
                    .where(Customer.store_id == store_id)
                    .group_by(Customer.owner_id)
                ).all()
            )
            heap = [(counts.get(g.id, 0), g.username, g.id) for g in guides]
            heapq.heapify(heap)
            self._heaps[store_id] = heap
        return heap

    def assign(self, store_id: str) -> str | None:
        heap = self._heap(store_id)
        if not heap:
            return None
        count, username, guide_id = heap[0]
        heapq.heapreplace(heap, (count + 1, username, guide_id))
        return guide_id


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, date | datetime) else value


class Writer:
    def __init__(
        self, session: Session, directory: Directory, reader: Reader, *, write: bool
    ) -> None:
        self.session, self.directory, self.reader, self.write = session, directory, reader, write
        self.spread = Spread(session, directory)
        self.scopes = ScopeBook(session)
        self.today = date.today()
        fields = {f: bindparam(f) for f in FIELDS}
        self._update = (
            update(Customer.__table__)
            .where(Customer.__table__.c.id == bindparam("b_id"))
            .values(fields)
        )

    def apply(self, members: Sequence[Member], report: MemberImportReport) -> None:
        now = utcnow()
        matches = match_batch(self.session, members)
        new_customers: list[dict] = []
        new_links: list[dict] = []
        updates: list[dict] = []
        history: list[dict] = []
        changed_ids: list[tuple[str, str]] = []
        dropped: list[tuple[str, str]] = []
        matched_ids = [m["id"] for m in matches if isinstance(m, dict)]
        links = self._links_of(matched_ids)
        for member, found in zip(members, matches, strict=True):
            if isinstance(found, Conflict):
                raise Refused(member.row, found.column, str(found))
            if found is None:
                customer_id = str(uuid.uuid4())
                owner_id = member.owner_id
                if owner_id is None:
                    owner_id = self.spread.assign(member.store_id)
                    if owner_id is None:
                        raise Refused(member.row, "导购", "门店没有在职导购, 无法自动分配")
                    report.spread += 1
                new_customers.append(
                    {
                        "id": customer_id,
                        "store_id": member.store_id,
                        "owner_id": owner_id,
                        "name": member.name,
                        "phone": member.phone or "",
                        "member_no": member.member_no or "",
                        "level": member.level or "normal",
                        "birthday": member.birthday,
                        "member_since": member.member_since or self.today,
                        "source_channel": member.source_channel or "",
                        "notes": member.notes or "",
                        "created_at": now,
                    }
                )
                new_links.extend(
                    self._link(customer_id, member.store_id, t, now) for t in member.tag_ids
                )
                report.created += 1
                report.tags_added += len(member.tag_ids)
                continue
            customer_id = found["id"]
            values = {f: found[f] for f in FIELDS}
            changed = False
            for f in FIELDS:
                new = getattr(member, f)
                if new is None or new == found[f]:
                    continue
                history.append(
                    {
                        "customer_id": customer_id,
                        "field": f,
                        "old_value": _json(found[f]),
                        "new_value": _json(new),
                        "changed_by": self.reader.user_id or None,
                        "mutation_id": None,
                        "changed_at": now,
                    }
                )
                values[f] = new
                changed = True
            if changed:
                updates.append({"b_id": customer_id, **values})
                changed_ids.append((customer_id, found["store_id"]))
            has = links.get(customer_id, {})
            tags_changed = False
            for tag_id in member.tag_ids:
                group_id = self.directory.group_of_tag[tag_id]
                in_group = [t for t, g in has.items() if g == group_id]
                for drop in single_choice_drops(
                    self.directory.choice_of_group[group_id], tag_id, in_group
                ):
                    dropped.append((customer_tag_id(customer_id, drop), found["store_id"]))
                    has.pop(drop, None)
                    tags_changed = True
                if tag_id not in has:
                    has[tag_id] = group_id
                    new_links.append(self._link(customer_id, found["store_id"], tag_id, now))
                    report.tags_added += 1
                    tags_changed = True
            if changed or tags_changed:
                report.updated += 1
            else:
                report.unchanged += 1
        if self.write:
            self._write(new_customers, new_links, updates, history, changed_ids, dropped)

    def _link(self, customer_id: str, store_id: str, tag_id: str, now: datetime) -> dict:
        return {
            "id": customer_tag_id(customer_id, tag_id),
            "customer_id": customer_id,
            "tag_id": tag_id,
            "store_id": store_id,
            "added_by": self.reader.user_id or None,
            "added_at": now,
        }

    def _links_of(self, customer_ids: list[str]) -> dict[str, dict[str, str | None]]:
        """Stored tags of these customers: customer → {tag id: its group id}."""
        out: dict[str, dict[str, str | None]] = defaultdict(dict)
        for start in range(0, len(customer_ids), 900):
            chunk = customer_ids[start : start + 900]
            rows = self.session.execute(
                select(CustomerTag.customer_id, CustomerTag.tag_id).where(
                    CustomerTag.customer_id.in_(chunk)
                )
            )
            for customer_id, tag_id in rows:
                out[customer_id][tag_id] = self.directory.group_of_tag.get(tag_id)
        return out

    def _write(self, new_customers, new_links, updates, history, changed_ids, dropped) -> None:
        session = self.session
        insert_new(session, "customer", new_customers, self.scopes)
        if dropped:
            ids = [i for i, _ in dropped]
            for start in range(0, len(ids), 900):
                session.execute(
                    delete(CustomerTag).where(CustomerTag.id.in_(ids[start : start + 900]))
                )
            self._versions("customer_tag", dropped, deleted=True)
        insert_new(session, "customer_tag", new_links, self.scopes)
        if updates:
            session.execute(self._update, updates)
            session.execute(insert(CustomerHistory.__table__), history)
            self._versions("customer", changed_ids, deleted=False)

    def _versions(self, entity: str, rows: list[tuple[str, str]], *, deleted: bool) -> None:
        by_store: dict[str, list[str]] = defaultdict(list)
        for entity_id, store_id in rows:
            by_store[store_id].append(entity_id)
        index = []
        for store_id, ids in by_store.items():
            scope = store_scope(store_id)
            first = take_versions(self.session, scope, len(ids)) - len(ids) + 1
            index.extend((entity, i, scope, first + n, deleted) for n, i in enumerate(ids))
        upsert_sync_rows(self.session, index)
