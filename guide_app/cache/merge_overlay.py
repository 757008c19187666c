"""合并重复客户 on the local rows (the overlay of a pending ``customer.merge``).

The kept card takes the merged card's empty fields (``guide_core.rules.merge``),
the merged card's follow-ups, orders and tags (by the same rule as the server:
a tag on both once, the kept card's single-choice tag wins) now name the kept
card, and the merged card is gone. Idempotent like every overlay function: a
re-application after a pull re-points what the pull brought back under the
merged id. The kept card's order figures are the server's (it recomputes them
from the orders and answers the push with the card).
"""

from __future__ import annotations

from sqlalchemy import Connection

from guide_app.cache.overlay import LocalEdit, _merge, _store
from guide_app.cache.rows import delete_rows, read_row
from guide_core.protocol import customer_tag_id
from guide_core.rules.merge import merged_values, tags_taken


def apply_merge(conn: Connection, e: LocalEdit) -> set[str]:
    kept_id, merged_id = e.entity_id, e.fields["merged_id"]
    kept = read_row(conn, "customer", kept_id)
    if kept is None or kept_id == merged_id:
        return set()
    changed: set[str] = set()
    merged = read_row(conn, "customer", merged_id)
    if merged is not None:
        values = merged_values(kept[1], merged[1])
        if values:
            _merge(conn, "customer", kept_id, values)
        delete_rows(conn, "customer", [merged_id])
        changed.add("customer")
    for entity, table in (("follow_up", "follow_ups"), ("order", "orders")):
        ids = [
            r[0]
            for r in conn.exec_driver_sql(
                f"SELECT id FROM {table} WHERE customer_id = ?", (merged_id,)
            )
        ]
        for row_id in ids:
            _merge(conn, entity, row_id, {"customer_id": kept_id})
        if ids:
            changed.add(entity)
    return changed | _move_tags(conn, kept_id, merged_id)


def _move_tags(conn: Connection, kept_id: str, merged_id: str) -> set[str]:
    links = conn.exec_driver_sql(
        "SELECT ct.id, ct.customer_id, ct.tag_id, t.group_id, "
        "json_extract(g.data, '$.choice') FROM customer_tags ct "
        "JOIN tags t ON t.id = ct.tag_id JOIN tag_groups g ON g.id = t.group_id "
        "WHERE ct.customer_id IN (?, ?)",
        (kept_id, merged_id),
    ).all()
    theirs = [link for link in links if link[1] == merged_id]
    if not theirs:
        return set()
    kept_tags = {tag: group for _id, cid, tag, group, _c in links if cid == kept_id}
    merged_tags = {tag: group for _id, _cid, tag, group, _c in theirs}
    single = {group for *_rest, group, choice in links if choice == "single"}
    taken = set(tags_taken(kept_tags, merged_tags, single))
    for link_id, _cid, tag, _group, _choice in theirs:
        got = read_row(conn, "customer_tag", link_id)
        delete_rows(conn, "customer_tag", [link_id])
        if tag in taken and got is not None:
            new_id = customer_tag_id(kept_id, tag)
            _store(conn, "customer_tag", 0, {**got[1], "id": new_id, "customer_id": kept_id})
    return {"customer_tag"}
